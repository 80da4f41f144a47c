//! Amministrazione › Studio: the practice's name and comune, its MMG and the
//! Gestore each adheres to (a cooperative from the stored list of idonei, MIFS,
//! or none), and the enrolment channels switched on. Ctrl+S saves.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use crate::domain::practice::{Adesione, DEFAULT_NAME, MmgAdesione, Practice};
use crate::domain::text::fold;
use crate::domain::{Canale, Gestore, GestoreTipo};
use crate::texts::{Lang, label};
use crate::tui::admin::strings::Texts;
use crate::tui::kit::completion::{Completion, comuni_completion, draw_completion};
use crate::tui::kit::field;
use crate::tui::kit::format::{self, PlaceError};
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::picker::{Picker, PickerOutcome};
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::{ERROR_MARK, MARKER};

/// What has the focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Nome,
    Comune,
    Mmg,
    Nuovo,
    Canale(usize),
    /// The printer of the Patto: a name, "predefinita" or "nessuna".
    Stampante,
}

const ORDER: [Focus; 8] = [
    Focus::Nome,
    Focus::Comune,
    Focus::Mmg,
    Focus::Nuovo,
    Focus::Canale(0),
    Focus::Canale(1),
    Focus::Canale(2),
    Focus::Stampante,
];

pub struct StudioSection {
    original: Practice,
    nome: Input,
    comune: Input,
    stampante: Input,
    completion: Option<Completion>,
    mmg: Vec<MmgAdesione>,
    mmg_selected: usize,
    mmg_scroll: usize,
    nuovo: Input,
    canali: Vec<Canale>,
    focus: Focus,
    /// Every stored Gestore (names of adesioni, the choice of a cooperative).
    gestori: Vec<Gestore>,
    /// The adesione chooser: the MMG it is for and the options listed.
    picker: Option<(usize, Vec<Adesione>, Picker)>,
    error: Option<String>,
}

impl StudioSection {
    pub fn new(env: &Env) -> StudioSection {
        let (original, error) = match env.desk.gestori().practice() {
            Ok(p) => (p, None),
            Err(e) => (Practice::default(), Some(crate::texts::error(env.lang, &e))),
        };
        let gestori = env.desk.gestori().list(None, true).unwrap_or_default();
        StudioSection {
            nome: field::input_with(&label::practice_name(env.lang, &original.nome)),
            comune: field::input_with(&format::place(&original.comune)),
            stampante: field::input_with(&label::stampante(env.lang, &original.stampante)),
            completion: None,
            mmg: original.mmg.clone(),
            mmg_selected: 0,
            mmg_scroll: 0,
            nuovo: Input::default(),
            canali: original.canali_attivi.clone(),
            focus: Focus::Nome,
            gestori,
            picker: None,
            error,
            original,
        }
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn mmg(&self) -> &[MmgAdesione] {
        &self.mmg
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else {
            Context::AdminStudio
        }
    }

    pub fn has_dialog(&self) -> bool {
        self.picker.is_some()
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        if self.picker.is_some() {
            return None;
        }
        match self.focus {
            Focus::Nome => Some(&mut self.nome),
            Focus::Comune => Some(&mut self.comune),
            Focus::Stampante => Some(&mut self.stampante),
            Focus::Nuovo => Some(&mut self.nuovo),
            Focus::Mmg | Focus::Canale(_) => None,
        }
    }

    pub fn input_changed(&mut self, _env: &Env) -> Cmd {
        self.error = None;
        self.completion = match self.focus {
            Focus::Comune => comuni_completion(self.comune.value()),
            _ => None,
        };
        Cmd::Redraw
    }

    /// The practice's comune as a Belfiore code ("" when empty).
    fn comune_code(&self, s: &Texts) -> Result<String, String> {
        match format::resolve_place(self.comune.value()) {
            Ok(c) => Ok(c.belfiore.clone()),
            Err(PlaceError::Empty) => Ok(String::new()),
            Err(PlaceError::UnknownCode(code)) => Err(s.kit.err_place_code(&code)),
            Err(PlaceError::Unknown(name)) => Err(s.kit.err_place_unknown(&name)),
            Err(PlaceError::Ambiguous(options)) => {
                Err(s.kit.err_place_ambiguous(&options.join(", ")))
            }
        }
    }

    fn practice_with(&self, comune: String) -> Practice {
        Practice {
            // The generic name as shown in English is the generic name.
            nome: match self.nome.value().trim() {
                n if n == label::practice_name(Lang::En, "") => DEFAULT_NAME.to_string(),
                n => n.to_string(),
            },
            comune,
            mmg: self.mmg.clone(),
            canali_attivi: Canale::ALL
                .into_iter()
                .filter(|c| self.canali.contains(c))
                .collect(),
            stampante: crate::domain::practice::Stampante::parse(self.stampante.value()),
        }
    }

    /// Reads the settings again after another desk saved them: shown as
    /// stored when nothing is being changed here; with changes typed here
    /// they stay (a save is then refused with what the other desk changed).
    pub fn refresh(&mut self, env: &Env) {
        if let Ok(gestori) = env.desk.gestori().list(None, true) {
            self.gestori = gestori;
        }
        if self.is_dirty() || self.picker.is_some() {
            return;
        }
        let Ok(p) = env.desk.gestori().practice() else {
            return;
        };
        if p == self.original {
            return;
        }
        self.nome = field::input_with(&label::practice_name(env.lang, &p.nome));
        self.comune = field::input_with(&format::place(&p.comune));
        self.stampante = field::input_with(&label::stampante(env.lang, &p.stampante));
        self.mmg = p.mmg.clone();
        self.mmg_selected = self.mmg_selected.min(self.mmg.len().saturating_sub(1));
        self.canali = p.canali_attivi.clone();
        self.original = p;
    }

    pub fn is_dirty(&self) -> bool {
        let comune = match format::resolve_place(self.comune.value()) {
            Ok(c) => c.belfiore.clone(),
            Err(PlaceError::Empty) => String::new(),
            Err(_) => return true,
        };
        self.practice_with(comune) != self.original
    }

    fn focus_index(&self) -> usize {
        ORDER.iter().position(|f| *f == self.focus).unwrap_or(0)
    }

    fn focus_to(&mut self, i: usize) {
        self.completion = None;
        self.focus = ORDER[i % ORDER.len()];
    }

    fn accept_completion(&mut self) -> bool {
        let Some(c) = self.completion.take() else {
            return false;
        };
        if let Some(item) = c.items.get(c.selected) {
            self.comune = field::input_with(item);
        }
        true
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let s = Texts::of(env);
        if let Some((mmg, options, picker)) = &mut self.picker {
            return Some(match picker.action(action) {
                PickerOutcome::Chosen(i) => {
                    let (mmg, adesione) = (*mmg, options.get(i).copied());
                    self.picker = None;
                    if let (Some(m), Some(adesione)) = (self.mmg.get_mut(mmg), adesione) {
                        m.adesione = adesione;
                    }
                    Cmd::Redraw
                }
                PickerOutcome::Cancelled => {
                    self.picker = None;
                    Cmd::Redraw
                }
                PickerOutcome::Moved => Cmd::Redraw,
                PickerOutcome::Ignored => Cmd::None,
            });
        }
        let n = ORDER.len();
        let i = self.focus_index();
        Some(match action {
            Action::NextField => {
                self.accept_completion();
                self.focus_to(i + 1);
                Cmd::Redraw
            }
            Action::PrevField => {
                self.focus_to(i + n - 1);
                Cmd::Redraw
            }
            Action::Down => {
                if let Some(c) = &mut self.completion {
                    c.selected = (c.selected + 1).min(c.items.len().saturating_sub(1));
                } else if self.focus == Focus::Mmg && self.mmg_selected + 1 < self.mmg.len() {
                    self.mmg_selected += 1;
                } else if i + 1 < n {
                    self.focus_to(i + 1);
                }
                Cmd::Redraw
            }
            Action::Up => {
                if let Some(c) = &mut self.completion {
                    c.selected = c.selected.saturating_sub(1);
                } else if self.focus == Focus::Mmg && self.mmg_selected > 0 {
                    self.mmg_selected -= 1;
                } else if i > 0 {
                    self.focus_to(i - 1);
                    if self.focus == Focus::Mmg {
                        self.mmg_selected = self.mmg.len().saturating_sub(1);
                    }
                }
                Cmd::Redraw
            }
            Action::Accept => match self.focus {
                Focus::Nome | Focus::Stampante => {
                    self.focus_to(i + 1);
                    Cmd::Redraw
                }
                Focus::Comune => {
                    if !self.accept_completion() {
                        self.focus_to(i + 1);
                    }
                    Cmd::Redraw
                }
                Focus::Mmg => self.open_picker(env),
                Focus::Nuovo => self.add_mmg(env),
                Focus::Canale(c) => self.toggle(c, env),
            },
            Action::Toggle => match self.focus {
                Focus::Canale(c) => self.toggle(c, env),
                Focus::Mmg => self.open_picker(env),
                // A text field took the Space before the keymap.
                _ => Cmd::None,
            },
            Action::Remove => {
                if self.focus == Focus::Mmg && self.mmg_selected < self.mmg.len() {
                    let removed = self.mmg.remove(self.mmg_selected);
                    self.mmg_selected = self.mmg_selected.min(self.mmg.len().saturating_sub(1));
                    Cmd::Status(Status::info(s.admin.mmg_removed(&removed.nome)))
                } else {
                    Cmd::Status(Status::info(s.admin.remove_where))
                }
            }
            Action::Save => self.save(env),
            Action::Back => {
                if self.completion.take().is_some() {
                    Cmd::Redraw
                } else {
                    Cmd::Back
                }
            }
            _ => return None,
        })
    }

    fn toggle(&mut self, i: usize, env: &Env) -> Cmd {
        let Some(canale) = Canale::ALL.get(i).copied() else {
            return Cmd::None;
        };
        if let Some(pos) = self.canali.iter().position(|c| *c == canale) {
            self.canali.remove(pos);
            Cmd::Redraw
        } else {
            self.canali.push(canale);
            if canale == Canale::Mifs {
                Cmd::Status(Status::warning(Texts::of(env).admin.mifs_switched_on))
            } else {
                Cmd::Redraw
            }
        }
    }

    fn add_mmg(&mut self, env: &Env) -> Cmd {
        let name = self.nuovo.value().trim().to_string();
        if name.is_empty() {
            return Cmd::Status(Status::info(Texts::of(env).admin.type_mmg_name));
        }
        if self.mmg.iter().any(|m| fold(&m.nome) == fold(&name)) {
            return Cmd::Status(Status::warning(Texts::of(env).admin.mmg_exists(&name)));
        }
        self.mmg.push(MmgAdesione {
            nome: name.clone(),
            adesione: Adesione::Nessuna,
        });
        self.mmg_selected = self.mmg.len() - 1;
        self.nuovo.reset();
        Cmd::Status(Status::info(Texts::of(env).admin.mmg_added(&name)))
    }

    /// The adesione chooser for the selected MMG: none, MIFS, then the
    /// cooperatives and the other Gestori idonei (the practice's ATS first).
    fn open_picker(&mut self, env: &Env) -> Cmd {
        let Some(m) = self.mmg.get(self.mmg_selected) else {
            return Cmd::Status(Status::info(Texts::of(env).admin.no_mmg_yet));
        };
        let practice_ats = format::resolve_place(self.comune.value())
            .ok()
            .and_then(|c| format::residence_ats(&c.belfiore))
            .map(|a| a.codice.clone());
        let mut listed: Vec<&Gestore> = self
            .gestori
            .iter()
            .filter(|g| g.is_idoneo() || m.adesione == Adesione::Cooperativa(g.id))
            .collect();
        listed.sort_by_key(|g| {
            (
                g.tipo != GestoreTipo::CooperativaMmg,
                practice_ats.as_deref() != Some(g.ats.as_str()),
                g.ats.clone(),
                fold(&g.denominazione),
            )
        });
        let mut options = vec![Adesione::Nessuna, Adesione::Mifs];
        let mut items = vec![
            Texts::of(env).admin.adesione_none.to_string(),
            Texts::of(env).admin.adesione_mifs.to_string(),
        ];
        for g in listed {
            options.push(Adesione::Cooperativa(g.id));
            items.push(gestore_item(g, Texts::of(env)));
        }
        let selected = options.iter().position(|o| *o == m.adesione).unwrap_or(0);
        let title = Texts::of(env).admin.adesione_title(&m.nome);
        let picker = Picker::new(
            title,
            vec![Texts::of(env).admin.adesione_text.to_string()],
            items,
            selected,
        );
        self.picker = Some((self.mmg_selected, options, picker));
        Cmd::Redraw
    }

    fn save(&mut self, env: &Env) -> Cmd {
        let s = Texts::of(env);
        self.completion = None;
        let comune = match self.comune_code(s) {
            Ok(c) => c,
            Err(e) => {
                self.focus = Focus::Comune;
                self.error = Some(e.clone());
                return Cmd::Status(Status::error(e));
            }
        };
        if self.nome.value().trim().is_empty() {
            self.focus = Focus::Nome;
            let e = s.admin.err_practice_name.to_string();
            self.error = Some(e.clone());
            return Cmd::Status(Status::error(e));
        }
        let practice = self.practice_with(comune);
        // Refused when another desk saved the settings since this screen
        // read them; the typed text stays on screen.
        match env
            .desk
            .gestori()
            .save_practice_opened(&self.original, &practice)
        {
            Ok(()) => {
                self.comune = field::input_with(&format::place(&practice.comune));
                self.nome = field::input_with(&label::practice_name(env.lang, &practice.nome));
                self.stampante =
                    field::input_with(&label::stampante(env.lang, &practice.stampante));
                // As stored (the desk tidies what was typed).
                self.original = env.desk.gestori().practice().unwrap_or(practice);
                self.error = None;
                Cmd::Status(Status::success(s.admin.practice_saved))
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    fn adesione_text(&self, adesione: Adesione, s: &Texts) -> String {
        match adesione {
            Adesione::Nessuna => s.admin.adesione_none.to_string(),
            Adesione::Mifs => s.admin.adesione_mifs.to_string(),
            Adesione::Cooperativa(id) => match self.gestori.iter().find(|g| g.id == id) {
                Some(g) => gestore_item(g, s),
                None => s.admin.gestore_missing.to_string(),
            },
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env);
        let a = s.kit;
        let theme = env.theme;
        let label_width: u16 = 22;
        let input_width = area.width.saturating_sub(label_width + 2).min(44);
        let width = usize::from(area.width);
        let line_at = |y: u16| Rect {
            y,
            height: 1,
            ..area
        };
        let label = |frame: &mut Frame, y: u16, text: &str, is_focus: bool| {
            let marker = if is_focus { MARKER } else { "  " };
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("{marker}{text}"),
                    if is_focus {
                        theme.label_focused
                    } else {
                        theme.label
                    },
                )),
                Rect {
                    y,
                    height: 1,
                    width: label_width,
                    ..area
                },
            );
        };
        let mut y = area.y;
        let typing = focused && self.picker.is_none();

        // Name and comune.
        let mut comune_row = None;
        for (focus, text, input) in [
            (Focus::Nome, s.admin.f_practice_name, &self.nome),
            (Focus::Comune, s.admin.f_practice_comune, &self.comune),
        ] {
            let is_focus = self.focus == focus;
            label(frame, y, text, is_focus);
            let rect = Rect {
                x: area.x + label_width,
                y,
                width: input_width,
                height: 1,
            };
            field::render(
                frame,
                rect,
                input,
                typing && is_focus,
                if is_focus {
                    theme.field_focused
                } else {
                    theme.field
                },
                theme.label,
            );
            if focus == Focus::Comune {
                comune_row = Some(rect);
                let note = match format::resolve_place(self.comune.value()) {
                    Ok(c) => format::residence_ats(&c.belfiore)
                        .map(|x| (format!("ATS {}", x.codice), theme.info)),
                    Err(PlaceError::Empty) => None,
                    Err(_) => Some((
                        format!("{ERROR_MARK}{}", s.admin.comune_unknown),
                        theme.error,
                    )),
                };
                if let Some((text, style)) = note {
                    let x = rect.right() + 1;
                    frame.render_widget(
                        Paragraph::new(Span::styled(text, style)),
                        Rect {
                            x,
                            y,
                            width: area.right().saturating_sub(x),
                            height: 1,
                        },
                    );
                }
            }
            y += 1;
        }
        y += 1;

        // The MMG and their adesione.
        let fixed_below: u16 = 1 + 1 + 1 + 3 + 1 + 1 + 1 + 2;
        let list_rows = area
            .bottom()
            .saturating_sub(y + 1 + fixed_below)
            .clamp(1, 8);
        let mmg_focus = self.focus == Focus::Mmg;
        label(frame, y, s.admin.f_mmg_list, mmg_focus);
        frame.render_widget(
            Paragraph::new(Span::styled(s.admin.mmg_columns, theme.muted)),
            Rect {
                x: area.x + label_width,
                y,
                width: area.width.saturating_sub(label_width),
                height: 1,
            },
        );
        y += 1;
        let rows = usize::from(list_rows);
        if self.mmg_selected < self.mmg_scroll {
            self.mmg_scroll = self.mmg_selected;
        } else if self.mmg_selected >= self.mmg_scroll + rows {
            self.mmg_scroll = self.mmg_selected + 1 - rows;
        }
        if self.mmg.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(format!("    {}", s.admin.no_mmg), theme.muted)),
                line_at(y),
            );
        }
        let name_width = 24usize;
        for (i, m) in self.mmg.iter().enumerate().skip(self.mmg_scroll).take(rows) {
            let row_y = y + u16::try_from(i - self.mmg_scroll).unwrap_or(0);
            let name = format::truncate(&m.nome, name_width);
            let pad = " ".repeat(name_width.saturating_sub(format::width(&name)));
            let text = format::truncate(
                &format!("{name}{pad}  {}", self.adesione_text(m.adesione, s)),
                width.saturating_sub(6),
            );
            let selected = i == self.mmg_selected;
            let line = if selected && mmg_focus {
                let fill = width.saturating_sub(6 + format::width(&text));
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(
                        format!("{MARKER}{text}{}", " ".repeat(fill)),
                        theme.selected,
                    ),
                ])
            } else {
                Line::raw(format!("    {text}"))
            };
            frame.render_widget(Paragraph::new(line), line_at(row_y));
        }
        y += list_rows;

        // A new MMG.
        let is_focus = self.focus == Focus::Nuovo;
        label(frame, y, s.admin.f_new_mmg, is_focus);
        field::render(
            frame,
            Rect {
                x: area.x + label_width,
                y,
                width: input_width.min(32),
                height: 1,
            },
            &self.nuovo,
            typing && is_focus,
            if is_focus {
                theme.field_focused
            } else {
                theme.field
            },
            theme.label,
        );
        y += 2;

        // The channels.
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("  {}", s.admin.f_channels),
                theme.label,
            )),
            line_at(y),
        );
        y += 1;
        for (i, canale) in Canale::ALL.iter().enumerate() {
            if y >= area.bottom() {
                break;
            }
            let on = self.canali.contains(canale);
            let is_focus = self.focus == Focus::Canale(i);
            let mark = if on { "[x]" } else { "[ ]" };
            let mut text = format!("{mark} {}", a.canale(*canale));
            if *canale == Canale::Mifs {
                text.push_str(if on {
                    s.admin.mifs_on_note
                } else {
                    s.admin.mifs_off_note
                });
            }
            let style: Style = if is_focus {
                theme.selected
            } else if on {
                theme.field
            } else {
                theme.muted
            };
            let marker = if is_focus { MARKER } else { "  " };
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(format!("{marker}{text}"), style),
                ])),
                line_at(y),
            );
            y += 1;
        }
        y += 1;

        // Where the Patto is printed.
        if y < area.bottom() {
            let is_focus = self.focus == Focus::Stampante;
            label(frame, y, s.admin.f_printer, is_focus);
            field::render(
                frame,
                Rect {
                    x: area.x + label_width,
                    y,
                    width: input_width.min(32),
                    height: 1,
                },
                &self.stampante,
                typing && is_focus,
                if is_focus {
                    theme.field_focused
                } else {
                    theme.field
                },
                theme.label,
            );
            y += 2;
        }

        // What to do here, or what is wrong.
        if y < area.bottom() {
            let mut lines: Vec<Line> = Vec::new();
            let w = width.saturating_sub(2);
            if let Some(e) = &self.error {
                for part in format::wrap(&format!("{ERROR_MARK}{e}"), w) {
                    lines.push(Line::styled(part, theme.error));
                }
            }
            let help = match self.focus {
                Focus::Nome => s.admin.h_practice_name,
                Focus::Comune => s.kit.h_place,
                Focus::Stampante => s.admin.h_printer,
                Focus::Mmg => s.admin.h_mmg_list,
                Focus::Nuovo => s.admin.h_new_mmg,
                Focus::Canale(_) => s.admin.h_channels,
            };
            for part in format::wrap(help, w) {
                lines.push(Line::styled(part, theme.muted));
            }
            frame.render_widget(
                Paragraph::new(lines),
                Rect {
                    x: area.x + 1,
                    y,
                    width: area.width.saturating_sub(2),
                    height: area.bottom() - y,
                },
            );
        }

        if let (Some(c), Some(row)) = (&self.completion, comune_row) {
            draw_completion(frame, area, row, c, theme);
        }
        if let Some((_, _, picker)) = &mut self.picker {
            picker.draw(frame, area, env);
        }
    }
}

/// "Cooperativa Medici Esempio Brianza (fittizia) · 030324 · Monza".
fn gestore_item(g: &Gestore, s: &Texts) -> String {
    let mut text = format!("{} · {}", g.denominazione, g.ats);
    if !g.comune.is_empty() {
        text.push_str(&format!(" · {}", g.comune));
    }
    if let Some(d) = g.non_idoneo_dal {
        text.push_str(&format!(
            " ({})",
            s.admin.non_idoneo_since(&format::date(d))
        ));
    }
    text
}
