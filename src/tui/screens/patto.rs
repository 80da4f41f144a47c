//! F4, the Patto di Cura of the current patient: what is missing to prepare
//! it, the list of the patient's Patti with their state on the clock's day,
//! and the actions (prepare, renew, print, revoke). The bozza is read in full
//! and signed on [`PattoTextScreen`], which also shows a signed text.
//!
//! The text on screen is the one `Desk::patto_text` renders with the consents
//! and the signer chosen so far: the same that signing freezes. Prints are
//! written from the frozen text, so every reprint is byte-identical.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};
use tui_input::Input;

use crate::domain::patto::{Consensi, FirmaInput, Firmatario, PattoDiCura, PattoId, PattoStato};
use crate::domain::patto_text::{TEXT_WIDTH, unwrap_text, wrap_text};
use crate::domain::{Patient, PatientId, PresaInCarico};
use crate::service::Desk;
use crate::tui::app::{Cmd, Env, Status};
use crate::tui::field;
use crate::tui::format;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::modal::{DialogField, Modal, Purpose};
use crate::tui::screens::Screen;
use crate::tui::strings::{PattoStrings, Strings};
use crate::tui::theme::Selectable;
use crate::tui::theme::{MARKER, WARNING_MARK};

/// A renewal can be prepared from this many days before the expiry (the
/// desk refuses earlier, saying why).
const RENEW_FROM_DAYS: i64 = 60;

/// What a Patto dialog asks the operator to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PattoPurpose {
    /// Sign the bozza (the text is frozen).
    Sign(PattoId),
    /// Print a signed Patto (folder and format in the dialog).
    Print(PattoId),
    /// Revoke the presa in carico and its Patti (date and reason in the dialog).
    Revoke,
    /// Correct the Clinical Manager of a signed Patto (name and reason).
    CorrectCm(PattoId),
    /// The printer refused a print: the reason and the file, in full.
    PrintFailed,
}

/// The dialog correcting the Clinical Manager of a signed Patto.
pub fn correct_cm_modal(env: &Env, patto: &PattoDiCura) -> Modal {
    let s = env.s.patto;
    let current = if patto.clinical_manager.trim().is_empty() {
        env.s.none.to_string()
    } else {
        patto.clinical_manager.clone()
    };
    Modal::form(
        Purpose::Patto(PattoPurpose::CorrectCm(patto.id)),
        s.correct_title.to_string(),
        vec![s.correct_text(&patto.numero_label(), &current)],
        vec![
            DialogField::Text {
                label: s.f_new_cm.to_string(),
                input: field::input_with(&patto.clinical_manager),
            },
            DialogField::Text {
                label: s.f_motivo.to_string(),
                input: Input::default(),
            },
        ],
    )
}

/// Carries out the correction dialog: the corrected Patto, or the dialog
/// again with the reason it was refused.
fn correct_cm(
    env: &Env,
    id: PattoId,
    opened: Option<&PattoDiCura>,
    mut modal: Modal,
) -> Result<PattoDiCura, Cmd> {
    let s = env.s.patto;
    let name = modal.text(0).trim().to_string();
    let motivo = modal.text(1).trim().to_string();
    let result = if motivo.is_empty() {
        Err(s.err_motivo_correzione.to_string())
    } else {
        // Refused when another desk corrected the Patto since the screen
        // showed it; the dialog stays open with what was typed.
        match opened.filter(|p| p.id == id) {
            Some(opened) => env
                .desk
                .correct_clinical_manager_opened(opened, &name, &motivo),
            None => env.desk.correct_clinical_manager(id, &name, &motivo),
        }
        .map_err(|e| env.s.desk_error(&e))
    };
    result.map_err(|e| {
        modal.error = Some(e);
        Cmd::modal(modal)
    })
}

/// The key of `action` in `context`, as written in messages.
fn key_name(context: Context, action: Action, s: &Strings) -> String {
    keymap::first_key(context, action)
        .map(|k| k.name(s))
        .unwrap_or_default()
}

pub struct PattoScreen {
    patient: Patient,
    missing: Vec<String>,
    presa: Option<PresaInCarico>,
    gestore: Option<String>,
    patti: Vec<PattoDiCura>,
    state: TableState,
}

impl PattoScreen {
    /// The screen for patient `id`, read from the desk.
    pub fn load(desk: &Desk, s: &Strings, id: PatientId) -> Result<PattoScreen, String> {
        let patient = desk
            .patient(id)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| s.patient_not_found.to_string())?;
        let mut screen = PattoScreen {
            patient,
            missing: Vec::new(),
            presa: None,
            gestore: None,
            patti: Vec::new(),
            state: TableState::default(),
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the patient, the presa in carico and the Patti again, keeping
    /// the selected Patto when still listed.
    pub fn reload(&mut self, desk: &Desk) -> Result<(), String> {
        let id = self.patient.id;
        let e = |e: crate::service::DeskError| e.to_string();
        if let Some(p) = desk.patient(id).map_err(e)? {
            self.patient = p;
        }
        self.missing = desk.patto_preconditions(id).map_err(e)?;
        self.presa = desk.active_presa(id).map_err(e)?;
        self.gestore = match &self.presa {
            Some(presa) => desk
                .gestore(presa.gestore)
                .map_err(e)?
                .map(|g| g.denominazione),
            None => None,
        };
        let selected = self.selected().map(|p| p.id);
        self.patti = desk.patti(id).map_err(e)?;
        let index = selected
            .and_then(|sel| self.patti.iter().position(|p| p.id == sel))
            .unwrap_or(0);
        self.state.select((!self.patti.is_empty()).then_some(index));
        Ok(())
    }

    pub fn id(&self) -> PatientId {
        self.patient.id
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.patient.cognome, self.patient.nome)
    }

    /// The patient's Patti, newest first.
    pub fn patti(&self) -> &[PattoDiCura] {
        &self.patti
    }

    /// What is missing to prepare a Patto, in Italian.
    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    /// The Patto `id` as the list shows it.
    fn listed(&self, id: PattoId) -> Option<&PattoDiCura> {
        self.patti.iter().find(|p| p.id == id)
    }

    pub fn selected(&self) -> Option<&PattoDiCura> {
        self.state.selected().and_then(|i| self.patti.get(i))
    }

    fn move_by(&mut self, delta: isize) {
        if self.patti.is_empty() {
            return;
        }
        let last = self.patti.len() - 1;
        let next = self
            .state
            .selected()
            .unwrap_or(0)
            .saturating_add_signed(delta)
            .min(last);
        self.state.select(Some(next));
    }

    /// Opens a bozza (prepared or renewed) for reading and signing.
    fn open_draft(
        &mut self,
        env: &Env,
        draft: Result<PattoDiCura, crate::service::DeskError>,
    ) -> Cmd {
        match draft {
            Ok(draft) => {
                if let Err(e) = self.reload(env.desk) {
                    return Cmd::Status(Status::error(e));
                }
                if let Some(i) = self.patti.iter().position(|p| p.id == draft.id) {
                    self.state.select(Some(i));
                }
                match PattoTextScreen::open(env, draft, self.name()) {
                    Ok(screen) => Cmd::Push(Box::new(Screen::PattoText(Box::new(screen)))),
                    Err(e) => Cmd::Status(Status::error(e)),
                }
            }
            Err(e) => Cmd::Status(Status::error(e.to_string())),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let s = env.s.patto;
        Some(match action {
            Action::Up => {
                self.move_by(-1);
                Cmd::Redraw
            }
            Action::Down => {
                self.move_by(1);
                Cmd::Redraw
            }
            Action::Open => match self.selected().cloned() {
                Some(patto) => match PattoTextScreen::open(env, patto, self.name()) {
                    Ok(screen) => Cmd::Push(Box::new(Screen::PattoText(Box::new(screen)))),
                    Err(e) => Cmd::Status(Status::error(e)),
                },
                None => Cmd::Status(Status::info(s.nothing_selected)),
            },
            Action::Prepare => {
                let draft = env.desk.prepare_patto(self.patient.id);
                self.open_draft(env, draft)
            }
            Action::Renew => {
                let draft = env.desk.renew_patto(self.patient.id);
                self.open_draft(env, draft)
            }
            Action::Print => match self.selected() {
                Some(p) if p.firma.is_some() => Cmd::modal(print_modal(env, p.id)),
                Some(_) => Cmd::Status(Status::info(s.print_only_signed)),
                None => Cmd::Status(Status::info(s.nothing_selected)),
            },
            Action::CorrectCm => match self.selected() {
                Some(p) if p.firma.is_some() => Cmd::modal(correct_cm_modal(env, p)),
                Some(_) => Cmd::Status(Status::info(s.correct_only_signed)),
                None => Cmd::Status(Status::info(s.nothing_selected)),
            },
            Action::Revoke => match &self.presa {
                Some(presa) => Cmd::modal(Modal::form(
                    Purpose::Patto(PattoPurpose::Revoke),
                    s.revoke_title.to_string(),
                    vec![s.revoke_text(
                        self.gestore.as_deref().unwrap_or(env.s.none),
                        &format::date(presa.data_scelta),
                    )],
                    vec![
                        DialogField::Text {
                            label: s.f_date.to_string(),
                            input: field::input_with(&format::date(env.today)),
                        },
                        DialogField::Text {
                            label: s.f_motivo.to_string(),
                            input: Input::default(),
                        },
                    ],
                )),
                None => Cmd::Status(Status::info(s.no_presa_to_revoke)),
            },
            Action::Edit => Cmd::EditPatient(Box::new(self.patient.clone())),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// The operator confirmed a dialog of this screen.
    pub fn confirmed(&mut self, purpose: PattoPurpose, modal: Modal, env: &Env) -> Cmd {
        match purpose {
            PattoPurpose::Print(id) => print(env, id, modal),
            PattoPurpose::Revoke => self.revoke(modal, env),
            PattoPurpose::CorrectCm(id) => match correct_cm(env, id, self.listed(id), modal) {
                Ok(p) => {
                    if let Err(e) = self.reload(env.desk) {
                        return Cmd::Status(Status::error(e));
                    }
                    Cmd::Status(Status::success(
                        env.s
                            .patto
                            .cm_corrected(&p.numero_label(), &p.clinical_manager),
                    ))
                }
                Err(cmd) => cmd,
            },
            PattoPurpose::Sign(_) | PattoPurpose::PrintFailed => Cmd::None,
        }
    }

    fn revoke(&mut self, mut modal: Modal, env: &Env) -> Cmd {
        let s = env.s;
        let date = match format::read_date(modal.text(0)) {
            Ok(d) if d > env.today => Err(s.err_date_future.to_string()),
            Ok(d) => Ok(d),
            Err(e) => Err(s.date_error(e).to_string()),
        };
        let motivo = modal.text(1).trim().to_string();
        let result = match date {
            Err(e) => Err(e),
            Ok(_) if motivo.is_empty() => Err(s.patto.err_motivo.to_string()),
            // The presa shown: refused when another desk revoked it or
            // recorded another choice meanwhile.
            Ok(d) => match &self.presa {
                Some(shown) => env
                    .desk
                    .revoke_presa_opened(self.patient.id, shown.id, d, &motivo),
                None => env.desk.revoke_presa(self.patient.id, d, &motivo),
            }
            .map(|presa| (d, presa.id))
            .map_err(|e| env.s.desk_error(&e)),
        };
        match result {
            Ok((d, presa)) => {
                let mut cmds = vec![Cmd::RefreshLookups];
                if let Err(e) = self.reload(env.desk) {
                    cmds.push(Cmd::Status(Status::error(e)));
                } else {
                    cmds.push(Cmd::Status(Status::success(
                        s.patto.revoked(&format::date(d)),
                    )));
                }
                let future = env
                    .desk
                    .future_appointments_of_presa(presa)
                    .unwrap_or_default();
                if !future.is_empty() {
                    let mut lines = vec![s.cancel_future_text(future.len()), String::new()];
                    lines.extend(future.iter().take(8).map(|a| {
                        format!("{} {}", a.start.format("%d/%m/%Y %H:%M"), a.descrizione)
                    }));
                    cmds.push(Cmd::modal(crate::tui::modal::Modal::confirm(
                        crate::tui::modal::Purpose::Gestore(
                            crate::tui::screens::gestore::GestorePurpose::CancelFuture { presa },
                        ),
                        s.cancel_future_title().to_string(),
                        lines,
                    )));
                }
                Cmd::Many(cmds)
            }
            Err(e) => {
                modal.error = Some(e);
                Cmd::modal(modal)
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = env.s;
        let ps = s.patto;
        let theme = env.theme;
        let p = &self.patient;
        let mut lines: Vec<Line> = vec![
            Line::from(vec![
                Span::raw(" "),
                Span::styled(format!("{} {}", p.cognome, p.nome), theme.section),
                Span::raw(format!("   {}", p.codice_fiscale)),
            ]),
            Line::from(vec![
                Span::styled(format!(" {}: ", ps.gestore), theme.label),
                match (&self.presa, &self.gestore) {
                    (Some(presa), Some(g)) => {
                        Span::raw(ps.gestore_line(g, &format::date(presa.data_scelta)))
                    }
                    _ => Span::styled(ps.no_gestore, theme.muted),
                },
            ]),
            Line::raw(""),
        ];
        let width = usize::from(area.width.saturating_sub(2));
        if !self.missing.is_empty() {
            lines.push(Line::styled(
                format!(" {}", ps.missing_title),
                theme.warning,
            ));
            let gestore_key = key_name(Context::Global, Action::Gestore, s);
            let edit_key = key_name(Context::Patto, Action::Edit, s);
            for m in &self.missing {
                for part in format::wrap(&format!("{WARNING_MARK}{m}"), width.saturating_sub(1)) {
                    lines.push(Line::styled(format!(" {part}"), theme.warning));
                }
                // The key that fixes it, when there is one.
                let fix = if m.contains("Gestore") {
                    Some(ps.fix_gestore(&gestore_key))
                } else if m.contains("patologi") {
                    Some(ps.fix_pathologies(&edit_key))
                } else {
                    None
                };
                if let Some(fix) = fix {
                    lines.push(Line::raw(format!(" {fix}")));
                }
            }
            lines.push(Line::raw(""));
        }
        // A signed Patto without Clinical Manager (signed before it was
        // required): what is missing and the key that fixes it.
        if let Some(p) = self.patti.iter().find(|p| p.manca_clinical_manager()) {
            let key = key_name(Context::Patto, Action::CorrectCm, s);
            let text = format!("{WARNING_MARK}{}", ps.cm_missing(&p.numero_label(), &key));
            for part in format::wrap(&text, width.saturating_sub(1)) {
                lines.push(Line::styled(format!(" {part}"), theme.warning));
            }
            lines.push(Line::raw(""));
        }
        let hint = self.hint(env);
        let head = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines), area);

        let rest = Rect {
            y: area.y.saturating_add(head),
            height: area.height.saturating_sub(head),
            ..area
        };
        if rest.height < 3 {
            return;
        }
        let title = Line::styled(format!(" {}", ps.patti_title), theme.section);
        frame.render_widget(Paragraph::new(title), Rect { height: 1, ..rest });
        let hint_rows: u16 = if hint.is_empty() { 0 } else { 2 };
        let table_area = Rect {
            y: rest.y + 1,
            height: rest.height.saturating_sub(1 + hint_rows),
            ..rest
        };
        if self.patti.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", ps.no_patti), theme.muted)),
                table_area,
            );
        } else {
            let table = patti_table(&self.patti, env, area.width >= 100);
            frame.render_stateful_widget(table, table_area, &mut self.state);
        }
        if !hint.is_empty() {
            let mut hint_lines = Vec::new();
            for part in format::wrap(&hint, width) {
                hint_lines.push(Line::styled(format!(" {part}"), theme.muted));
            }
            frame.render_widget(
                Paragraph::new(hint_lines),
                Rect {
                    y: rest.bottom().saturating_sub(hint_rows),
                    height: hint_rows,
                    ..rest
                },
            );
        }
    }

    /// What the keys do for the selected Patto (or to prepare one).
    fn hint(&self, env: &Env) -> String {
        let s = env.s;
        let ps = s.patto;
        let prepare = ps.prepare_hint(&key_name(Context::Patto, Action::Prepare, s));
        let Some(p) = self.selected() else {
            return if self.missing.is_empty() {
                prepare
            } else {
                String::new()
            };
        };
        let state = p.state_on(env.today);
        if p.stato == PattoStato::Bozza {
            return ps.open_bozza_hint.to_string();
        }
        let mut hint = ps.open_signed_hint.to_string();
        let renewable = state.is_in_force()
            && p.rinnovato_da.is_none()
            && p.giorni_alla_scadenza(env.today)
                .is_some_and(|d| d <= RENEW_FROM_DAYS);
        let expired = state == crate::domain::patto::PattoState::Scaduto;
        if (renewable || expired) && self.missing.is_empty() {
            let al = p.valido_al().map(format::date).unwrap_or_default();
            hint = format!(
                "{hint} {}",
                ps.renew_hint(&al, &key_name(Context::Patto, Action::Renew, s))
            );
        } else if !state.is_in_force() && self.missing.is_empty() && p.rinnovato_da.is_none() {
            hint = format!("{hint} {prepare}");
        }
        hint
    }
}

/// The patient's Patti: number, state on the clock's day, validity, signer,
/// Clinical Manager.
fn patti_table<'a>(patti: &'a [PattoDiCura], env: &Env, wide: bool) -> Table<'a> {
    let ps = env.s.patto;
    let theme = env.theme;
    let header = Row::new(vec![
        Cell::from(ps.col_numero),
        Cell::from(ps.col_stato),
        Cell::from(ps.col_dal),
        Cell::from(ps.col_al),
        Cell::from(ps.col_firmato_da),
        Cell::from(ps.col_cm),
    ])
    .style(theme.table_header);
    let rows = patti.iter().map(|p| {
        let state = p.state_on(env.today);
        let firmato_da = p
            .firma
            .as_ref()
            .map(|f| {
                if f.nome_firmatario.is_empty() {
                    ps.firmatario(f.firmatario).to_string()
                } else {
                    format!("{} ({})", f.nome_firmatario, ps.firmatario(f.firmatario))
                }
            })
            .unwrap_or_else(|| env.s.none.to_string());
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(format::date)
                .unwrap_or_else(|| env.s.none.to_string())
        };
        Row::new(vec![
            Cell::from(p.numero_label()),
            Cell::from(if wide {
                ps.state(state)
            } else {
                ps.state_short(state)
            }),
            Cell::from(date(p.valido_dal())),
            Cell::from(date(p.valido_al())),
            Cell::from(firmato_da),
            Cell::from(p.clinical_manager.clone()),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Length(if wide { 26 } else { 16 }),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Fill(2),
            Constraint::Fill(2),
        ],
    )
    .header(header)
    .selectable(theme)
}

/// The focusable parts of the bozza screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    ClinicalManager,
    Firmatario,
    Nome,
    Documento,
    /// One of the five consents, in [`CONSENTS`] order.
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
                .signed_patto_text(patto.id)
                .map_err(|e| e.to_string())?
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

    pub fn title(&self, s: &Strings) -> String {
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
            let key = key_name(Context::PattoTesto, Action::CorrectCm, env.s);
            head.push(format!(
                "{WARNING_MARK}{}",
                env.s.patto.cm_missing(&self.patto.numero_label(), &key)
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
            .patto_text(
                &patto,
                &self.consensi,
                Some((&self.firmatario, self.identity().0, self.identity().1)),
                env.today,
            )
            .map_err(|e| e.to_string())?;
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
            .set_clinical_manager_opened(&self.patto, self.cm.value())
            .map_err(|e| env.s.desk_error(&e))?;
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

    /// Space: the focused consent or the signer; on the text, a page down.
    fn toggle(&mut self, env: &Env) -> Cmd {
        match FOCUS[self.focus] {
            Focus::Firmatario => {
                let i = Firmatario::ALL
                    .iter()
                    .position(|f| *f == self.firmatario)
                    .unwrap_or(0);
                self.firmatario = Firmatario::ALL[(i + 1) % Firmatario::ALL.len()];
            }
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
        let s = env.s.patto;
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
            Purpose::Patto(PattoPurpose::Sign(self.patto.id)),
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
                    let message = env
                        .s
                        .patto
                        .cm_corrected(&p.numero_label(), &p.clinical_manager);
                    self.cm = field::input_with(&p.clinical_manager);
                    self.cm_saved = p.clinical_manager.clone();
                    self.patto = p;
                    Cmd::Status(Status::success(message))
                }
                Err(cmd) => cmd,
            },
            PattoPurpose::Revoke | PattoPurpose::PrintFailed => Cmd::None,
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
        match env.desk.sign_patto(id, input) {
            Ok(signed) => {
                let s = env.s;
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
            Err(e) => Cmd::Status(Status::error(e.to_string())),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = env.s;
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
        let ps = env.s.patto;
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

/// How a Patto is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFormat {
    /// A4 PDF with the two copies.
    Pdf,
    /// Plain text for a receipt printer.
    Testo,
    Entrambi,
}

/// The formats in the order of the dialog's choice.
pub const PRINT_FORMATS: [PrintFormat; 3] =
    [PrintFormat::Pdf, PrintFormat::Testo, PrintFormat::Entrambi];

/// Where prints go unless the operator chooses: `<data dir>/stampe`.
pub fn default_print_dir(desk: &Desk) -> PathBuf {
    desk.data_dir().join("stampe")
}

/// The print dialog of a signed Patto: the folder and the format.
pub fn print_modal(env: &Env, id: PattoId) -> Modal {
    let s = env.s.patto;
    Modal::form(
        Purpose::Patto(PattoPurpose::Print(id)),
        s.print_title.to_string(),
        vec![s.print_text.to_string()],
        vec![
            DialogField::Text {
                label: s.f_folder.to_string(),
                input: field::input_with(&default_print_dir(env.desk).display().to_string()),
            },
            DialogField::Choice {
                label: s.f_format.to_string(),
                options: vec![
                    s.fmt_pdf.to_string(),
                    s.fmt_txt.to_string(),
                    s.fmt_both.to_string(),
                ],
                selected: 0,
            },
        ],
    )
}

/// Carries out the print dialog: the files written are named in the status
/// line; a failure keeps the dialog open with the reason.
fn print(env: &Env, id: PattoId, mut modal: Modal) -> Cmd {
    let s = env.s.patto;
    let dir = modal.text(0).trim().to_string();
    if dir.is_empty() {
        modal.error = Some(s.err_folder_empty.to_string());
        return Cmd::modal(modal);
    }
    let format = PRINT_FORMATS
        .get(modal.choice(1))
        .copied()
        .unwrap_or(PrintFormat::Pdf);
    match write_print(env, id, Path::new(&dir), format) {
        Ok(files) => {
            // "patto-<n>-<CF>-<date>.pdf, .txt": the name once, then the extensions.
            let mut names = String::new();
            for (i, f) in files.iter().enumerate() {
                if i == 0 {
                    names.push_str(&f.file_name().unwrap_or_default().to_string_lossy());
                } else if let Some(ext) = f.extension() {
                    names.push_str(&format!(", .{}", ext.to_string_lossy()));
                }
            }
            // To the practice's printer, when one is set: the PDF (the text
            // when only the text was written).
            let Some(file) = files.first() else {
                return Cmd::Status(Status::success(s.printed(&dir, &names)));
            };
            let path = file.display().to_string();
            use crate::service::documents::PrintOutcome;
            match env.desk.send_to_printer(file) {
                Ok(PrintOutcome::SoloFile) => Cmd::Status(Status::success(s.printed(&dir, &names))),
                Ok(PrintOutcome::Inviato { stampante }) => {
                    Cmd::Status(Status::success(s.print_sent(&stampante, &path)))
                }
                Ok(PrintOutcome::NonRiuscito { motivo }) => print_failed(env, &motivo, &path),
                Err(e) => print_failed(env, &e.to_string(), &path),
            }
        }
        Err(e) => {
            modal.error = Some(e);
            Cmd::modal(modal)
        }
    }
}

/// A print the printer refused: the status line says so, and a dialog
/// shows the reason and the whole path of the file (longer than the line).
fn print_failed(env: &Env, reason: &str, path: &str) -> Cmd {
    let s = env.s.patto;
    let message = s.print_failed(reason, path);
    Cmd::Many(vec![
        Cmd::Status(Status::warning(message.clone())),
        Cmd::modal(Modal::confirm(
            Purpose::Patto(PattoPurpose::PrintFailed),
            s.print_failed_title.to_string(),
            vec![message],
        )),
    ])
}

/// Writes `patto-<year>-<number>-<CF>-<yyyymmdd>.pdf` and/or `.txt` into
/// `dir` from the frozen text (checked against its hash), as `sportello
/// export patto` does; a different file of that name is never replaced.
fn write_print(
    env: &Env,
    id: PattoId,
    dir: &Path,
    format: PrintFormat,
) -> Result<Vec<PathBuf>, String> {
    let formats = crate::service::documents::PattoFormats {
        pdf: matches!(format, PrintFormat::Pdf | PrintFormat::Entrambi),
        text: matches!(format, PrintFormat::Testo | PrintFormat::Entrambi),
    };
    let document = env
        .desk
        .patto_document(id, formats)
        .map_err(|e| e.to_string())?;
    document.write_new_into(dir).map_err(|e| {
        env.s
            .patto
            .err_folder(&dir.display().to_string(), &e.to_string())
    })
}
