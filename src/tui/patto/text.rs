//! Reading a Patto in full: a bozza with its signing panel (consents,
//! signer, Clinical Manager), or a signed text.

use super::*;
use crate::tui::patto::strings::Texts;

/// The focusable parts of the bozza screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    ClinicalManager,
    Firmatario,
    Nome,
    Documento,
    /// One of the five consents, in `CONSENTS` order.
    Consenso(usize),
}

pub const FOCUS: [Focus; 10] = [
    Focus::Text,
    Focus::ClinicalManager,
    Focus::Firmatario,
    Focus::Nome,
    Focus::Documento,
    Focus::Consenso(0),
    Focus::Consenso(1),
    Focus::Consenso(2),
    Focus::Consenso(3),
    Focus::Consenso(4),
];

/// The consents in screen order: trattamento dati, FSE, telefono, SMS, e-mail.
const CONSENTS: usize = 5;

fn consent_label(i: usize, s: &PattoStrings) -> &'static str {
    match i {
        0 => s.c_dati,
        1 => s.c_fse,
        2 => s.c_telefono,
        3 => s.c_sms,
        _ => s.c_email,
    }
}

fn consent(c: &Consensi, i: usize) -> bool {
    match i {
        0 => c.trattamento_dati,
        1 => c.fse,
        2 => c.telefono,
        3 => c.sms,
        _ => c.email,
    }
}

fn consent_mut(c: &mut Consensi, i: usize) -> &mut bool {
    match i {
        0 => &mut c.trattamento_dati,
        1 => &mut c.fse,
        2 => &mut c.telefono,
        3 => &mut c.sms,
        _ => &mut c.email,
    }
}

/// Reading a Patto in full: a bozza with the signing panel, or a signed text.
pub struct PattoTextScreen {
    patto: PattoDiCura,
    patient_name: String,
    /// The text as it is (bozza: rendered with the current choices).
    text: String,
    signed: bool,
    focus: usize,
    cm: Input,
    /// The Clinical Manager as stored.
    cm_saved: String,
    firmatario: Firmatario,
    nome: Input,
    documento: Input,
    consensi: Consensi,
    scroll: usize,
    page: usize,
    total: usize,
}

impl PattoTextScreen {
    /// A bozza to read and sign, or a signed Patto to read.
    pub fn open(env: &Env, patto: PattoDiCura, patient_name: String) -> Result<Self, String> {
        let signed = patto.firma.is_some();
        let text = if signed {
            env.desk
                .patto()
                .signed_patto_text(patto.id)
                .map_err(|e| crate::texts::error(env.lang, &e))?
        } else {
            String::new()
        };
        let mut screen = PattoTextScreen {
            cm: field::input_with(&patto.clinical_manager),
            cm_saved: patto.clinical_manager.clone(),
            patto,
            patient_name,
            text,
            signed,
            focus: 0,
            firmatario: Firmatario::Paziente,
            nome: Input::default(),
            documento: Input::default(),
            consensi: Consensi::default(),
            scroll: 0,
            page: 0,
            total: 0,
        };
        if !signed {
            screen.render(env)?;
        }
        Ok(screen)
    }

    pub fn patto(&self) -> &PattoDiCura {
        &self.patto
    }

    pub fn patient(&self) -> (PatientId, String) {
        (self.patto.patient, self.patient_name.clone())
    }

    /// The text on screen, as the desk gives it (before wrapping for the window).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_signed(&self) -> bool {
        self.signed
    }

    pub fn consensi(&self) -> Consensi {
        self.consensi
    }

    pub fn focus(&self) -> Focus {
        FOCUS[self.focus]
    }

    pub fn context(&self) -> Context {
        if self.signed {
            Context::PattoTesto
        } else {
            Context::PattoBozza
        }
    }

    pub fn title(&self, s: &Texts) -> String {
        if self.signed {
            s.patto.title_testo.to_string()
        } else {
            s.patto.title_bozza.to_string()
        }
    }

    /// The Clinical Manager typed but not yet stored.
    pub fn is_dirty(&self) -> bool {
        !self.signed && self.cm.value().trim() != self.cm_saved
    }

    pub fn focused_input(&mut self) -> Option<&mut Input> {
        if self.signed {
            return None;
        }
        match FOCUS[self.focus] {
            Focus::ClinicalManager => Some(&mut self.cm),
            Focus::Nome => Some(&mut self.nome),
            Focus::Documento => Some(&mut self.documento),
            _ => None,
        }
    }

    pub fn input_changed(&mut self, env: &Env) -> Cmd {
        match FOCUS[self.focus] {
            Focus::ClinicalManager | Focus::Nome => match self.render(env) {
                Ok(()) => Cmd::Redraw,
                Err(e) => Cmd::Status(Status::error(e)),
            },
            _ => Cmd::Redraw,
        }
    }

    /// What the window shows: a bozza with the note that the text is a model
    /// (never printed); a signed Patto without that note, under what happened
    /// after the signature (revocation, corrections of the Clinical Manager)
    /// and, when the Clinical Manager is missing, the key that sets it.
    pub fn shown_text(&self, env: &Env) -> String {
        use crate::domain::patto_text::{NOTA_MODELLO, without_model_note};
        if !self.signed {
            return format!("{}\n\n{NOTA_MODELLO}\n", self.text.trim_end());
        }
        let mut head: Vec<String> = crate::service::documents::annotations(&self.patto)
            .into_iter()
            .map(|a| format!("{WARNING_MARK}{a}"))
            .collect();
        if self.patto.manca_clinical_manager() {
            let key = key_name(Context::PattoTesto, Action::CorrectCm, Texts::of(env));
            head.push(format!(
                "{WARNING_MARK}{}",
                Texts::of(env)
                    .patto
                    .cm_missing(&self.patto.numero_label(), &key)
            ));
        }
        let body = without_model_note(&self.text);
        if head.is_empty() {
            return body;
        }
        format!("{}\n\n{body}", head.join("\n"))
    }

    /// Renders the bozza with the Clinical Manager, consents and signer on
    /// screen: the text that signing would freeze now.
    fn render(&mut self, env: &Env) -> Result<(), String> {
        let mut patto = self.patto.clone();
        patto.clinical_manager = self.cm.value().trim().to_string();
        self.text = env
            .desk
            .patto()
            .patto_text(
                &patto,
                &self.consensi,
                Some((&self.firmatario, self.identity().0, self.identity().1)),
                env.today,
            )
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        Ok(())
    }

    /// Name and document of the signer: empty when the patient signs.
    fn identity(&self) -> (&str, &str) {
        if self.firmatario.needs_identity() {
            (self.nome.value().trim(), self.documento.value().trim())
        } else {
            ("", "")
        }
    }

    /// Stores the Clinical Manager when changed.
    pub fn save_cm(&mut self, env: &Env) -> Result<(), String> {
        if !self.is_dirty() {
            return Ok(());
        }
        // Refused when another desk changed the Patto since this screen
        // read it; the typed name stays in the field.
        let updated = env
            .desk
            .patto()
            .set_clinical_manager_opened(&self.patto, self.cm.value())
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        self.cm_saved = updated.clinical_manager.clone();
        self.patto = updated;
        Ok(())
    }

    fn scroll_to(&mut self, line: usize) -> Cmd {
        self.scroll = line.min(self.total.saturating_sub(self.page));
        Cmd::Redraw
    }

    fn focus_to(&mut self, next: usize, env: &Env) -> Cmd {
        let left = FOCUS[self.focus];
        self.focus = next % FOCUS.len();
        if left == Focus::ClinicalManager
            && let Err(e) = self.save_cm(env)
        {
            return Cmd::Status(Status::error(e));
        }
        Cmd::Redraw
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let page = self.page.max(1);
        Some(match action {
            Action::Up => self.scroll_to(self.scroll.saturating_sub(1)),
            Action::Down => self.scroll_to(self.scroll + 1),
            Action::PageUp => self.scroll_to(self.scroll.saturating_sub(page)),
            Action::PageDown => self.scroll_to(self.scroll + page),
            Action::Home => self.scroll_to(0),
            Action::End => self.scroll_to(usize::MAX),
            Action::NextField => self.focus_to(self.focus + 1, env),
            Action::PrevField => self.focus_to(self.focus + FOCUS.len() - 1, env),
            Action::Toggle => self.toggle(env),
            Action::NextOption | Action::PrevOption if FOCUS[self.focus] == Focus::Firmatario => {
                self.cycle_firmatario(action == Action::NextOption, env)
            }
            Action::Sign => self.ask_to_sign(env),
            Action::Print if self.signed => Cmd::modal(print_modal(env, self.patto.id)),
            Action::CorrectCm if self.signed => Cmd::modal(correct_cm_modal(env, &self.patto)),
            Action::Back => match self.save_cm(env) {
                Ok(()) => Cmd::Back,
                Err(e) => Cmd::Status(Status::error(e)),
            },
            _ => return None,
        })
    }

    /// A letter on the signer: the next one whose name starts with it.
    fn typed(&mut self, c: char, env: &Env) -> Option<Cmd> {
        if FOCUS[self.focus] != Focus::Firmatario {
            return None;
        }
        let ps = Texts::of(env).patto;
        let names: Vec<String> = Firmatario::ALL
            .iter()
            .map(|f| ps.firmatario(*f).to_string())
            .collect();
        let i = crate::tui::kit::dialog::option_starting_with(&names, self.firmatario_index(), c)?;
        Some(self.set_firmatario(i, env))
    }

    /// The signer after (or before) the one shown, around the ends.
    fn cycle_firmatario(&mut self, forward: bool, env: &Env) -> Cmd {
        let i =
            crate::tui::kit::dialog::cycle(self.firmatario_index(), Firmatario::ALL.len(), forward);
        self.set_firmatario(i, env)
    }

    fn firmatario_index(&self) -> usize {
        Firmatario::ALL
            .iter()
            .position(|f| *f == self.firmatario)
            .unwrap_or(0)
    }

    /// Signer `i` of [`Firmatario::ALL`], and the text that names it.
    fn set_firmatario(&mut self, i: usize, env: &Env) -> Cmd {
        self.firmatario = Firmatario::ALL[i];
        match self.render(env) {
            Ok(()) => Cmd::Redraw,
            Err(e) => Cmd::Status(Status::error(e)),
        }
    }

    /// Space: the focused consent or the signer; on the text, a page down.
    fn toggle(&mut self, env: &Env) -> Cmd {
        match FOCUS[self.focus] {
            Focus::Firmatario => return self.cycle_firmatario(true, env),
            Focus::Consenso(i) => {
                let c = consent_mut(&mut self.consensi, i);
                *c = !*c;
            }
            _ => {
                let page = self.page.max(1);
                return self.scroll_to(self.scroll + page);
            }
        }
        match self.render(env) {
            Ok(()) => Cmd::Redraw,
            Err(e) => Cmd::Status(Status::error(e)),
        }
    }

    /// Ctrl+S: checks what signing needs, then asks for confirmation.
    fn ask_to_sign(&mut self, env: &Env) -> Cmd {
        let s = Texts::of(env).patto;
        let needs = self.firmatario.needs_identity();
        let problem = if self.cm.value().trim().is_empty() {
            Some((Focus::ClinicalManager, s.err_cm_missing.to_string()))
        } else if !self.consensi.trattamento_dati {
            Some((Focus::Consenso(0), s.err_consenso_dati.to_string()))
        } else if needs && self.nome.value().trim().is_empty() {
            Some((Focus::Nome, s.err_nome(self.firmatario)))
        } else if needs && self.documento.value().trim().is_empty() {
            Some((Focus::Documento, s.err_documento(self.firmatario)))
        } else {
            None
        };
        if let Some((focus, message)) = problem {
            self.focus = FOCUS.iter().position(|f| *f == focus).unwrap_or(0);
            return Cmd::Status(Status::error(message));
        }
        if let Err(e) = self.save_cm(env).and_then(|()| self.render(env)) {
            return Cmd::Status(Status::error(e));
        }
        let given: Vec<&str> = (0..CONSENTS)
            .filter(|i| consent(&self.consensi, *i))
            .map(|i| consent_label(i, s).trim_end_matches(" *"))
            .collect();
        let (nome, documento) = self.identity();
        Cmd::modal(Modal::confirm(
            PattoPurpose::Sign(self.patto.id),
            s.sign_title.to_string(),
            vec![
                s.sign_who(self.firmatario, nome, documento),
                s.sign_consents(&given),
                String::new(),
                s.sign_frozen.to_string(),
            ],
        ))
    }

    /// The operator confirmed a dialog of this screen.
    pub fn confirmed(&mut self, purpose: PattoPurpose, modal: Modal, env: &Env) -> Cmd {
        match purpose {
            PattoPurpose::Sign(id) => self.sign(id, env),
            PattoPurpose::Print(id) => print(env, id, modal),
            PattoPurpose::CorrectCm(id) => match correct_cm(env, id, Some(&self.patto), modal) {
                Ok(p) => {
                    let message = Texts::of(env)
                        .patto
                        .cm_corrected(&p.numero_label(), &p.clinical_manager);
                    self.cm = field::input_with(&p.clinical_manager);
                    self.cm_saved = p.clinical_manager.clone();
                    self.patto = p;
                    Cmd::Status(Status::success(message))
                }
                Err(cmd) => cmd,
            },
            PattoPurpose::Revoke
            | PattoPurpose::PrintFailed
            | PattoPurpose::CancelFuture { .. } => Cmd::None,
        }
    }

    fn sign(&mut self, id: PattoId, env: &Env) -> Cmd {
        let (nome, documento) = self.identity();
        let input = FirmaInput {
            firmatario: self.firmatario,
            nome_firmatario: nome.to_string(),
            documento: documento.to_string(),
            consensi: self.consensi,
            operatore: env.desk.operator(),
        };
        match env.desk.patto().sign_patto(id, input) {
            Ok(signed) => {
                let s = Texts::of(env);
                let al = signed.valido_al().map(format::date).unwrap_or_default();
                let print_key = key_name(Context::Patto, Action::Print, s);
                self.patto = signed.clone();
                self.signed = true;
                Cmd::Many(vec![
                    Cmd::Back,
                    Cmd::Status(Status::success(s.patto.signed(&al, &print_key))),
                    Cmd::modal(print_modal(env, signed.id)),
                ])
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env);
        let ps = s.patto;
        let theme = env.theme;
        if area.height < 4 {
            return;
        }
        let wide = !self.signed && area.width >= 110;
        let body = Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        };
        let (text_area, panel_area) = if self.signed {
            (body, None)
        } else if wide {
            let panel_width = 36.min(body.width / 2);
            (
                Rect {
                    width: body.width - panel_width,
                    ..body
                },
                Some(Rect {
                    x: body.right() - panel_width,
                    width: panel_width,
                    ..body
                }),
            )
        } else {
            let panel_height = 7.min(body.height / 2);
            (
                Rect {
                    height: body.height - panel_height,
                    ..body
                },
                Some(Rect {
                    y: body.bottom() - panel_height,
                    height: panel_height,
                    ..body
                }),
            )
        };

        // The text, wrapped for the window when narrower than the page.
        let text_width = usize::from(text_area.width.saturating_sub(2));
        let lines = display_lines(&self.shown_text(env), text_width);
        self.total = lines.len();
        self.page = usize::from(text_area.height);
        self.scroll = self.scroll.min(self.total.saturating_sub(self.page));
        let shown = lines
            .iter()
            .skip(self.scroll)
            .take(self.page)
            .map(|l| Line::raw(format!(" {l}")))
            .collect::<Vec<_>>();
        frame.render_widget(Paragraph::new(shown), text_area);

        // The heading: which Patto, and where in the text.
        let heading = if self.signed {
            ps.signed_heading(
                &self.patto.numero_label(),
                &self.patient_name,
                &ps.state(self.patto.state_on(env.today)),
            )
        } else {
            let mut h = ps.bozza_heading(&self.patto.numero_label(), &self.patient_name);
            if let Some(prev) = self.patto.precedente {
                let n = env
                    .desk
                    .patto()
                    .patto_numero_label(prev)
                    .unwrap_or_else(|_| prev.to_string());
                h = format!("{h} · {}", ps.renewal_of(&n));
            }
            h
        };
        let last = (self.scroll + self.page).min(self.total);
        let position = format!(
            "{} · {}",
            ps.text_title,
            ps.scroll_position(self.scroll + 1, last, self.total)
        );
        let text_focused = !self.signed && FOCUS[self.focus] == Focus::Text;
        let (marker, position_style) = if text_focused {
            (MARKER, theme.label_focused)
        } else {
            ("", theme.muted)
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" {heading}"), theme.section),
                Span::raw("   "),
                Span::styled(format!("{marker}{position}"), position_style),
            ])),
            Rect { height: 1, ..area },
        );

        if let Some(panel) = panel_area {
            self.draw_panel(frame, panel, env, wide, focused);
        }
    }

    /// The signing panel: beside the text when wide, under it otherwise.
    fn draw_panel(&self, frame: &mut Frame, area: Rect, env: &Env, wide: bool, focused: bool) {
        let ps = Texts::of(env).patto;
        let theme = env.theme;
        let block = if wide {
            Block::new().borders(Borders::LEFT)
        } else {
            Block::new().borders(Borders::TOP)
        }
        .title(Span::styled(format!(" {} ", ps.panel_title), theme.section));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let inner = Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(1),
            ..inner
        };
        if inner.width < 10 || inner.height == 0 {
            return;
        }
        let current = FOCUS[self.focus];
        let row = |i: u16| Rect {
            y: inner.y + i,
            height: 1,
            ..inner
        };
        let at = |x: u16, y: u16, w: u16| Rect {
            x: inner.x + x,
            y: inner.y + y,
            width: w.min(inner.width.saturating_sub(x)),
            height: 1,
        };
        let label = |f: Focus, text: &str| {
            let (m, style) = if f == current {
                (MARKER, theme.label_focused)
            } else {
                ("  ", theme.label)
            };
            Paragraph::new(Span::styled(format!("{m}{text}"), style))
        };
        let input_style = |f: Focus| {
            if f == current {
                theme.field_focused
            } else {
                theme.field
            }
        };
        let firmatario = format!("◀ {} ▶", ps.firmatario(self.firmatario));
        let firmatario_style = if current == Focus::Firmatario {
            theme.selected
        } else {
            theme.field
        };
        let checkbox = |i: usize| {
            let f = Focus::Consenso(i);
            let mark = if consent(&self.consensi, i) { "X" } else { " " };
            let text = format!("[{mark}] {}", consent_label(i, ps));
            if f == current {
                Span::styled(format!("{MARKER}{text}"), theme.selected)
            } else {
                Span::styled(format!("  {text}"), Style::default())
            }
        };
        let help = match current {
            Focus::Text => ps.h_text,
            Focus::ClinicalManager => ps.h_cm,
            Focus::Firmatario => ps.h_firmatario,
            Focus::Nome => ps.h_nome,
            Focus::Documento => ps.h_documento,
            Focus::Consenso(_) => ps.h_consenso,
        };
        let h = inner.height;
        let w = inner.width;
        let cursor = |f: Focus| focused && f == current;
        if wide {
            // One datum per two rows: label, then field.
            let field_width = w.saturating_sub(2);
            let mut y = 0u16;
            let fields: [(Focus, &str, Option<&Input>); 4] = [
                (Focus::ClinicalManager, ps.f_cm, Some(&self.cm)),
                (Focus::Firmatario, ps.f_firmatario, None),
                (Focus::Nome, ps.f_nome, Some(&self.nome)),
                (Focus::Documento, ps.f_documento, Some(&self.documento)),
            ];
            for (f, text, input) in fields {
                if y + 1 >= h {
                    return;
                }
                frame.render_widget(label(f, text), row(y));
                let place = at(2, y + 1, field_width);
                match input {
                    Some(input) => {
                        field::render(frame, place, input, cursor(f), input_style(f), theme.label)
                    }
                    None => frame.render_widget(
                        Paragraph::new(Span::styled(firmatario.clone(), firmatario_style)),
                        place,
                    ),
                }
                y += 2;
            }
            if y < h {
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("  {}", ps.consensi), theme.label)),
                    row(y),
                );
                y += 1;
            }
            for i in 0..CONSENTS {
                if y >= h {
                    return;
                }
                frame.render_widget(Paragraph::new(checkbox(i)), row(y));
                y += 1;
            }
            y += 1;
            if y < h {
                let lines: Vec<Line> = format::wrap(help, usize::from(w))
                    .into_iter()
                    .map(|l| Line::styled(l, theme.muted))
                    .collect();
                frame.render_widget(
                    Paragraph::new(lines),
                    Rect {
                        y: inner.y + y,
                        height: h - y,
                        ..inner
                    },
                );
            }
            return;
        }
        // Under the text: the fields in rows, the consents across.
        let label_width: u16 = 20;
        let rows = [
            (Focus::ClinicalManager, ps.f_cm),
            (Focus::Firmatario, ps.f_firmatario),
            (Focus::Nome, ps.f_nome),
        ];
        for (y, (f, text)) in (0u16..).zip(rows) {
            if y >= h {
                return;
            }
            frame.render_widget(label(f, text), at(0, y, label_width));
        }
        let rest = w.saturating_sub(label_width);
        if h > 0 {
            field::render(
                frame,
                at(label_width, 0, rest.min(46)),
                &self.cm,
                cursor(Focus::ClinicalManager),
                input_style(Focus::ClinicalManager),
                theme.label,
            );
        }
        if h > 1 {
            frame.render_widget(
                Paragraph::new(Span::styled(firmatario, firmatario_style)),
                at(label_width, 1, rest),
            );
        }
        if h > 2 {
            let doc_label: u16 = 13;
            let half = rest.saturating_sub(doc_label + 1) / 2;
            field::render(
                frame,
                at(label_width, 2, half),
                &self.nome,
                cursor(Focus::Nome),
                input_style(Focus::Nome),
                theme.label,
            );
            frame.render_widget(
                label(Focus::Documento, ps.f_documento),
                at(label_width + half + 1, 2, doc_label),
            );
            field::render(
                frame,
                at(label_width + half + 1 + doc_label, 2, half),
                &self.documento,
                cursor(Focus::Documento),
                input_style(Focus::Documento),
                theme.label,
            );
        }
        // The consents: as many per row as fit.
        let mut y = 3u16;
        let mut spans: Vec<Span> = Vec::new();
        let mut used = 0usize;
        for i in 0..CONSENTS {
            let span = checkbox(i);
            let width = span.width() + 1;
            if used + width > usize::from(w) && !spans.is_empty() {
                if y < h {
                    frame.render_widget(Paragraph::new(Line::from(spans)), row(y));
                }
                y += 1;
                spans = Vec::new();
                used = 0;
            }
            used += width;
            spans.push(span);
            spans.push(Span::raw(" "));
        }
        if y < h && !spans.is_empty() {
            frame.render_widget(Paragraph::new(Line::from(spans)), row(y));
        }
        y += 1;
        if y < h {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format::truncate(help, usize::from(w)),
                    theme.muted,
                )),
                row(y),
            );
        }
    }
}

/// The lines of the Patto for a window `width` columns wide: as rendered when
/// the page fits, otherwise rewrapped (the words are the same).
fn display_lines(text: &str, width: usize) -> Vec<String> {
    let text = if width >= TEXT_WIDTH {
        text.to_string()
    } else {
        wrap_text(&unwrap_text(text, TEXT_WIDTH), width.max(20))
    };
    text.lines().map(str::to_string).collect()
}

impl crate::tui::kit::screen::Screen for PattoTextScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::patto::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        Self::context(self)
    }

    fn title(&self, env: &Env) -> String {
        Self::title(self, Texts::of(env))
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        Self::draw(self, frame, area, env, focused)
    }

    fn focused_input(&mut self) -> Option<&mut Input> {
        Self::focused_input(self)
    }

    fn input_changed(&mut self, env: &Env) -> Cmd {
        Self::input_changed(self, env)
    }

    fn typed(&mut self, c: char, env: &Env) -> Option<Cmd> {
        Self::typed(self, c, env)
    }

    fn is_dirty(&self) -> bool {
        Self::is_dirty(self)
    }

    fn save_changes(&mut self, env: &Env) -> Cmd {
        match self.save_cm(env) {
            Ok(()) => Cmd::Redraw,
            Err(e) => Cmd::Status(Status::error(e)),
        }
    }

    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        Some(Self::patient(self))
    }

    fn owner(&self) -> Option<crate::domain::PatientId> {
        crate::tui::kit::screen::Screen::patient(self).map(|(id, _)| id)
    }

    crate::screen_any!();
}
