//! The dialog of the PAI editor (F5) that adds or changes one row: a
//! prestazione, a drug, or a line of text (stile di vita, vaccinazioni,
//! esenzioni e allergie). Fields are text (tui-input), choices cycled with
//! Space, and the list of items whose results are needed first ("dopo"),
//! picked from a checklist. Errors are written under the field they are about.
//!
//! The screen owns the dialog: while it is open the screen's context is
//! `ChoiceModal` or `FormModal` like the application's dialogs (`PaiDopo`
//! for the checklist), and the global keys are off.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::{Input, InputRequest};

use crate::domain::pai::{Categoria, Farmaco, Frequenza, ItemId, Luogo, Pai, PaiItem};
use crate::tui::kit::dialog::{dialog_box, hints_line, keep_visible};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::screen::Env;
use crate::tui::kit::theme::{ERROR_MARK, MARKER};
use crate::tui::pai::Section;
use crate::tui::pai::strings::PaiStrings;
use crate::tui::pai::strings::Texts;

/// What the dialog edits; `None` adds a new row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Item(Option<ItemId>),
    Farmaco(Option<usize>),
    /// A line of a text section; for esenzioni e allergie the index runs
    /// over the esenzioni first, then the allergie.
    Riga(Section, Option<usize>),
}

/// One field of the dialog.
#[derive(Debug, Clone)]
pub enum FormField {
    Text {
        label: String,
        input: Input,
        error: Option<String>,
        help: &'static str,
    },
    /// One of a few options, changed with Space.
    Choice {
        label: String,
        options: Vec<String>,
        selected: usize,
        help: &'static str,
    },
    /// Items picked from a checklist (Space opens it).
    Pick {
        label: String,
        options: Vec<(ItemId, String)>,
        chosen: Vec<ItemId>,
        help: &'static str,
    },
}

impl FormField {
    fn label(&self) -> &str {
        match self {
            FormField::Text { label, .. }
            | FormField::Choice { label, .. }
            | FormField::Pick { label, .. } => label,
        }
    }

    fn help(&self) -> &'static str {
        match self {
            FormField::Text { help, .. }
            | FormField::Choice { help, .. }
            | FormField::Pick { help, .. } => help,
        }
    }

    fn text(label: &str, value: &str, help: &'static str) -> FormField {
        FormField::Text {
            label: label.to_string(),
            input: field::input_with(value),
            error: None,
            help,
        }
    }
}

/// The fields of a prestazione, in screen order.
const I_CATEGORIA: usize = 0;
const I_DESCRIZIONE: usize = 1;
const I_CODICE: usize = 2;
const I_FREQUENZA: usize = 3;
const I_LUOGO: usize = 4;
const I_DOVE: usize = 5;
const I_PREPARAZIONE: usize = 6;
const I_DOPO: usize = 7;
const I_PATOLOGIE: usize = 8;
const I_NOTE: usize = 9;

/// The checklist of the "dopo" field: the other items, ticked with Space.
#[derive(Debug, Clone)]
pub struct Checklist {
    options: Vec<(ItemId, String)>,
    chosen: Vec<ItemId>,
    selected: usize,
    scroll: usize,
    page: usize,
}

pub struct EditForm {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    checklist: Option<Checklist>,
    /// The field the cursors were last placed for (see [`EditForm::place_cursors`]).
    placed: usize,
}

/// "n. 3 Creatinina ...", how an item is named in the "dopo" list.
pub fn item_ref(item: &PaiItem) -> String {
    format!("n. {} {}", item.id, item.descrizione.trim())
}

impl EditForm {
    /// A prestazione to add (`item` None) or to change.
    pub fn item(pai: &Pai, item: Option<&PaiItem>, s: &PaiStrings) -> EditForm {
        let id = item.map(|i| i.id);
        let categoria = item.map_or(Categoria::EsameLaboratorio, |i| i.categoria);
        let luogo = item.map_or(Luogo::in_sede(""), |i| i.luogo.clone());
        let options: Vec<(ItemId, String)> = pai
            .items
            .iter()
            .filter(|i| Some(i.id) != id)
            .map(|i| (i.id, item_ref(i)))
            .collect();
        let fields = vec![
            FormField::Choice {
                label: s.f_categoria.to_string(),
                options: Categoria::ALL
                    .iter()
                    .map(|c| s.categoria(*c).to_string())
                    .collect(),
                selected: Categoria::ALL
                    .iter()
                    .position(|c| *c == categoria)
                    .unwrap_or(0),
                help: s.h_categoria,
            },
            FormField::text(
                s.f_descrizione,
                item.map_or("", |i| i.descrizione.as_str()),
                s.h_descrizione,
            ),
            FormField::text(
                s.f_codice,
                item.and_then(|i| i.codice_prestazione.as_deref())
                    .unwrap_or(""),
                s.h_codice,
            ),
            FormField::text(
                s.f_frequenza,
                &item.map_or(String::new(), |i| i.frequenza.label()),
                s.h_frequenza,
            ),
            FormField::Choice {
                label: s.f_luogo.to_string(),
                options: vec![s.luogo_in_sede.to_string(), s.luogo_esterno.to_string()],
                selected: usize::from(!luogo.is_in_sede()),
                help: s.h_luogo,
            },
            FormField::text(
                if luogo.is_in_sede() {
                    s.f_risorsa
                } else {
                    s.f_erogatore
                },
                luogo.nome(),
                if luogo.is_in_sede() {
                    s.h_risorsa
                } else {
                    s.h_erogatore
                },
            ),
            FormField::text(
                s.f_preparazione,
                item.and_then(|i| i.preparazione.as_deref()).unwrap_or(""),
                s.h_preparazione,
            ),
            FormField::Pick {
                label: s.f_dopo.to_string(),
                chosen: item.map_or(Vec::new(), |i| i.dopo.clone()),
                options,
                help: s.h_dopo,
            },
            FormField::text(
                s.f_patologie,
                &item.map_or(String::new(), |i| i.patologie.join(", ")),
                s.h_patologie,
            ),
            FormField::text(s.f_note, item.map_or("", |i| i.note.as_str()), s.h_note),
        ];
        let title = match item {
            Some(i) => s.title_edit_item(i.id),
            None => s.title_new_item.to_string(),
        };
        EditForm {
            kind: FormKind::Item(id),
            title,
            fields,
            focus: if item.is_some() { I_DESCRIZIONE } else { 0 },
            checklist: None,
            placed: usize::MAX,
        }
    }

    /// A drug to add or to change (`index` in the drug list).
    pub fn farmaco(f: Option<(usize, &Farmaco)>, s: &PaiStrings) -> EditForm {
        let value = |get: fn(&Farmaco) -> &str| f.map_or("", |(_, f)| get(f));
        EditForm {
            kind: FormKind::Farmaco(f.map(|(i, _)| i)),
            title: if f.is_some() {
                s.title_edit_farmaco.to_string()
            } else {
                s.title_new_farmaco.to_string()
            },
            fields: vec![
                FormField::text(s.f_farmaco, value(|f| &f.farmaco), s.h_farmaco),
                FormField::text(s.f_principio, value(|f| &f.principio_attivo), s.h_principio),
                FormField::text(s.f_posologia, value(|f| &f.posologia), s.h_posologia),
                FormField::text(s.f_durata, value(|f| &f.durata), s.h_durata),
                FormField::text(s.f_note, value(|f| &f.note), s.h_note_farmaco),
            ],
            focus: 0,
            checklist: None,
            placed: usize::MAX,
        }
    }

    /// A line of a text section to add or change. For esenzioni e allergie
    /// `allergia` says which list the line is in (a choice of the dialog).
    pub fn riga(
        section: Section,
        index: Option<usize>,
        value: &str,
        allergia: bool,
        s: &PaiStrings,
    ) -> EditForm {
        let mut fields = Vec::new();
        if section == Section::EsenzioniAllergie {
            fields.push(FormField::Choice {
                label: s.f_tipo.to_string(),
                options: vec![s.esenzione.to_string(), s.allergia.to_string()],
                selected: usize::from(allergia),
                help: s.h_tipo,
            });
        }
        let (label, help) = match section {
            Section::StileDiVita => (s.f_consiglio, s.h_consiglio),
            Section::Vaccinazioni => (s.f_vaccinazione, s.h_vaccinazione),
            _ => (s.f_voce, s.h_voce),
        };
        fields.push(FormField::text(label, value, help));
        let focus = fields.len() - 1;
        EditForm {
            kind: FormKind::Riga(section, index),
            title: s.title_riga(section, index.is_some()),
            fields,
            focus: if index.is_some() { focus } else { 0 },
            checklist: None,
            placed: usize::MAX,
        }
    }

    /// The keymap context while the dialog is open.
    pub fn context(&self) -> Context {
        if self.checklist.is_some() {
            Context::PaiDopo
        } else {
            self.fields_context()
        }
    }

    /// The context of the fields: with a choice, Space cycles it.
    fn fields_context(&self) -> Context {
        if self
            .fields
            .iter()
            .any(|f| !matches!(f, FormField::Text { .. }))
        {
            Context::ChoiceModal
        } else {
            Context::FormModal
        }
    }

    /// The focused text field, which gets typed keys and pasted text.
    pub fn focused_input(&mut self) -> Option<&mut Input> {
        if self.checklist.is_some() {
            return None;
        }
        match self.fields.get_mut(self.focus) {
            Some(FormField::Text { input, .. }) => Some(input),
            _ => None,
        }
    }

    /// The focused field's value changed: its error goes.
    pub fn input_changed(&mut self) {
        if let Some(FormField::Text { error, .. }) = self.fields.get_mut(self.focus) {
            *error = None;
        }
    }

    /// The text of field `i` ("" if it is not a text field).
    pub fn text(&self, i: usize) -> &str {
        match self.fields.get(i) {
            Some(FormField::Text { input, .. }) => input.value(),
            _ => "",
        }
    }

    /// The chosen option of field `i` (0 if it is not a choice).
    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i) {
            Some(FormField::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    fn set_error(&mut self, i: usize, message: String) {
        if let Some(FormField::Text { error, .. }) = self.fields.get_mut(i) {
            *error = Some(message);
        }
    }

    fn errors(&self) -> impl Iterator<Item = usize> + '_ {
        self.fields
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(f, FormField::Text { error: Some(_), .. }))
            .map(|(i, _)| i)
    }

    /// Moves the focus to the first field with an error.
    fn focus_first_error(&mut self) {
        let first = self.errors().next();
        if let Some(i) = first {
            self.focus = i;
        }
    }

    /// The key of the dialog's context, whatever happens to the dialog:
    /// `Some(true)` confirms, `Some(false)` cancels, `None` keeps it open.
    pub fn action(&mut self, action: Action, s: &PaiStrings) -> Option<bool> {
        if let Some(list) = &mut self.checklist {
            let last = list.options.len().saturating_sub(1);
            let page = list.page.max(1);
            match action {
                Action::Up => list.selected = list.selected.saturating_sub(1),
                Action::Down => list.selected = (list.selected + 1).min(last),
                Action::PageUp => list.selected = list.selected.saturating_sub(page),
                Action::PageDown => list.selected = (list.selected + page).min(last),
                Action::Toggle => {
                    if let Some((id, _)) = list.options.get(list.selected) {
                        let id = *id;
                        match list.chosen.iter().position(|c| *c == id) {
                            Some(p) => {
                                list.chosen.remove(p);
                            }
                            None => list.chosen.push(id),
                        }
                    }
                }
                Action::Confirm => {
                    let chosen = list.chosen.clone();
                    if let Some(FormField::Pick { chosen: field, .. }) =
                        self.fields.get_mut(self.focus)
                    {
                        *field = chosen;
                    }
                    self.checklist = None;
                }
                Action::Cancel => self.checklist = None,
                _ => {}
            }
            return None;
        }
        let n = self.fields.len().max(1);
        match action {
            Action::Confirm => return Some(true),
            Action::Cancel => return Some(false),
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            Action::Toggle => self.toggle(s, true),
            Action::NextOption => self.cycle_choice(s, true),
            Action::PrevOption => self.cycle_choice(s, false),
            _ => {}
        }
        None
    }

    /// A letter on a choice: the next option it starts; `false` when the
    /// focus is not on a choice or no option starts with it.
    pub fn typed(&mut self, c: char, s: &PaiStrings) -> bool {
        if self.checklist.is_some() {
            return false;
        }
        let Some(FormField::Choice {
            options, selected, ..
        }) = self.fields.get(self.focus)
        else {
            return false;
        };
        let Some(i) = crate::tui::kit::dialog::option_starting_with(options, *selected, c) else {
            return false;
        };
        self.choose(i, s);
        true
    }

    /// ← → on a choice: the option before or after; nothing elsewhere.
    fn cycle_choice(&mut self, s: &PaiStrings, forward: bool) {
        if matches!(self.fields.get(self.focus), Some(FormField::Choice { .. })) {
            self.toggle(s, forward);
        }
    }

    /// Space on a choice cycles it; on the "dopo" field it opens the checklist.
    fn toggle(&mut self, s: &PaiStrings, forward: bool) {
        let next = match self.fields.get_mut(self.focus) {
            Some(FormField::Choice {
                options, selected, ..
            }) => Some(crate::tui::kit::dialog::cycle(
                *selected,
                options.len(),
                forward,
            )),
            Some(FormField::Pick {
                options, chosen, ..
            }) => {
                self.checklist = Some(Checklist {
                    options: options.clone(),
                    chosen: chosen.clone(),
                    selected: 0,
                    scroll: 0,
                    page: 8,
                });
                None
            }
            _ => None,
        };
        if let Some(i) = next {
            self.choose(i, s);
        }
    }

    /// Option `i` of the focused choice; on the luogo, the field after it
    /// asks for a resource or an external provider to match.
    fn choose(&mut self, i: usize, s: &PaiStrings) {
        if let Some(FormField::Choice { selected, .. }) = self.fields.get_mut(self.focus) {
            *selected = i;
        }
        if matches!(self.kind, FormKind::Item(_)) && self.focus == I_LUOGO {
            let in_sede = self.choice(I_LUOGO) == 0;
            if let Some(FormField::Text {
                label, help, error, ..
            }) = self.fields.get_mut(I_DOVE)
            {
                *label = if in_sede { s.f_risorsa } else { s.f_erogatore }.to_string();
                *help = if in_sede { s.h_risorsa } else { s.h_erogatore };
                *error = None;
            }
        }
    }

    /// The prestazione on the dialog, over `base` (the item changed, or a new
    /// one); `None` when a field is wrong (its error is set, the focus on it).
    pub fn read_item(&mut self, mut base: PaiItem, s: &PaiStrings) -> Option<PaiItem> {
        let descrizione = self.text(I_DESCRIZIONE).trim().to_string();
        if descrizione.is_empty() {
            self.set_error(I_DESCRIZIONE, s.err_descrizione.to_string());
        }
        let frequenza = match Frequenza::parse(self.text(I_FREQUENZA)) {
            Ok(f) => Some(f),
            Err(e) => {
                let message = if self.text(I_FREQUENZA).trim().is_empty() {
                    s.err_frequenza_vuota.to_string()
                } else {
                    e.to_string()
                };
                self.set_error(I_FREQUENZA, message);
                None
            }
        };
        let dove = self.text(I_DOVE).trim().to_string();
        let in_sede = self.choice(I_LUOGO) == 0;
        if dove.is_empty() {
            let message = if in_sede {
                s.err_risorsa
            } else {
                s.err_erogatore
            };
            self.set_error(I_DOVE, message.to_string());
        }
        if self.errors().next().is_some() {
            self.focus_first_error();
            return None;
        }
        let optional = |t: &str| {
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        base.categoria = Categoria::ALL
            .get(self.choice(I_CATEGORIA))
            .copied()
            .unwrap_or(Categoria::Visita);
        base.descrizione = descrizione;
        base.codice_prestazione = optional(self.text(I_CODICE));
        base.frequenza = frequenza?;
        base.luogo = if in_sede {
            Luogo::in_sede(&dove)
        } else {
            Luogo::esterno(&dove)
        };
        base.preparazione = optional(self.text(I_PREPARAZIONE));
        if let Some(FormField::Pick {
            chosen, options, ..
        }) = self.fields.get(I_DOPO)
        {
            // In the order of the plan, whatever the order they were ticked.
            base.dopo = options
                .iter()
                .map(|(id, _)| *id)
                .filter(|id| chosen.contains(id))
                .collect();
        }
        base.patologie = self
            .text(I_PATOLOGIE)
            .split([',', ';', ' '])
            .map(|p| p.trim().to_uppercase())
            .filter(|p| !p.is_empty())
            .collect();
        base.note = self.text(I_NOTE).trim().to_string();
        Some(base)
    }

    /// The drug on the dialog; `None` when it has neither name.
    pub fn read_farmaco(&mut self, s: &PaiStrings) -> Option<Farmaco> {
        let f = Farmaco {
            farmaco: self.text(0).trim().to_string(),
            principio_attivo: self.text(1).trim().to_string(),
            posologia: self.text(2).trim().to_string(),
            durata: self.text(3).trim().to_string(),
            note: self.text(4).trim().to_string(),
        };
        if f.nome().is_empty() {
            self.set_error(0, s.err_farmaco.to_string());
            self.focus = 0;
            return None;
        }
        Some(f)
    }

    /// The line of text on the dialog and, for esenzioni e allergie, whether
    /// it is an allergy; `None` when empty.
    pub fn read_riga(&mut self, s: &PaiStrings) -> Option<(String, bool)> {
        let i = self.fields.len().saturating_sub(1);
        let text = self.text(i).trim().to_string();
        if text.is_empty() {
            self.set_error(i, s.err_riga.to_string());
            self.focus = i;
            return None;
        }
        let allergia = self.fields.len() > 1 && self.choice(0) == 1;
        Some((text, allergia))
    }

    /// When the focus moved: the focused text field's cursor at the end of
    /// its text, the others at the start (so that a long text shows its
    /// beginning).
    fn place_cursors(&mut self) {
        if self.placed == self.focus {
            return;
        }
        self.placed = self.focus;
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let FormField::Text { input, .. } = f {
                input.handle(if i == self.focus {
                    InputRequest::GoToEnd
                } else {
                    InputRequest::GoToStart
                });
            }
        }
    }

    /// Draws the dialog over `area`; the cursor in the focused text field
    /// when `focused`.
    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        self.place_cursors();
        let theme = env.theme;
        let width = area.width.saturating_sub(4).clamp(20, 90);
        let inner_width = usize::from(width.saturating_sub(4));
        let label_cols = self
            .fields
            .iter()
            .map(|f| format::width(f.label()))
            .max()
            .unwrap_or(0)
            + 4;
        let value_width = inner_width.saturating_sub(label_cols);
        // Rows: a blank, each field with its error lines, a blank, the help
        // of the focused field, a blank and the keys.
        let mut rows: Vec<Row> = vec![Row::Blank];
        for (i, f) in self.fields.iter().enumerate() {
            rows.push(Row::Field(i));
            if let FormField::Text {
                error: Some(error), ..
            } = f
            {
                for part in format::wrap(
                    &format!("{ERROR_MARK}{error}"),
                    inner_width.saturating_sub(4),
                ) {
                    rows.push(Row::Error(part));
                }
            }
        }
        let help = self.fields.get(self.focus).map_or("", FormField::help);
        let mut help_lines = format::wrap(help, inner_width);
        if matches!(self.kind, FormKind::Item(_))
            && self.focus == I_FREQUENZA
            && let Ok(f) = Frequenza::parse(self.text(I_FREQUENZA))
        {
            help_lines.push(Texts::of(env).pai.read_as(&f.label()));
        }
        // Borders, the rows so far, a blank before the help and the last
        // blank and keys: what is left is for the help.
        let room = usize::from(area.height).saturating_sub(rows.len() + 5);
        if !help.is_empty() && room > 0 {
            rows.push(Row::Blank);
            for line in help_lines.into_iter().take(room) {
                rows.push(Row::Help(line));
            }
        }
        rows.push(Row::Blank);
        rows.push(Row::Hints);

        let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
        let inner = dialog_box(frame, area, width, height, &self.title, theme);
        let label_cols = u16::try_from(label_cols).unwrap_or(0);
        for (y, row) in (inner.y..inner.bottom()).zip(rows.iter()) {
            let line = Rect {
                y,
                height: 1,
                ..inner
            };
            match row {
                Row::Blank => {}
                Row::Error(text) => frame.render_widget(
                    Paragraph::new(Span::styled(format!("    {text}"), theme.error)),
                    line,
                ),
                Row::Help(text) => {
                    frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), line)
                }
                Row::Hints => frame.render_widget(
                    Paragraph::new(hints_line(
                        super::keys::KEYS,
                        self.fields_context(),
                        Texts::of(env),
                        theme,
                    )),
                    line,
                ),
                Row::Field(i) => {
                    self.draw_field(frame, line, *i, label_cols, value_width, env, focused)
                }
            }
        }
        if let Some(list) = &mut self.checklist {
            list.draw(frame, area, env);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_field(
        &self,
        frame: &mut Frame,
        line: Rect,
        i: usize,
        label_cols: u16,
        value_width: usize,
        env: &Env,
        focused: bool,
    ) {
        let theme = env.theme;
        let Some(f) = self.fields.get(i) else {
            return;
        };
        let is_focus = i == self.focus;
        let (marker, label_style) = if is_focus {
            (MARKER, theme.label_focused)
        } else {
            ("  ", theme.label)
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{marker}{}", f.label()), label_style)),
            line,
        );
        let area = Rect {
            x: line.x + label_cols,
            width: line.width.saturating_sub(label_cols),
            ..line
        };
        match f {
            FormField::Text { input, .. } => field::render(
                frame,
                area,
                input,
                focused && is_focus && self.checklist.is_none(),
                if is_focus {
                    theme.field_focused
                } else {
                    theme.field
                },
                theme.label,
            ),
            FormField::Choice {
                options, selected, ..
            } => {
                let option = options.get(*selected).map_or("", String::as_str);
                let style = if is_focus {
                    theme.selected
                } else {
                    theme.field
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("◀ {option} ▶"), style)),
                    area,
                );
            }
            FormField::Pick {
                options, chosen, ..
            } => {
                let names: Vec<String> = options
                    .iter()
                    .filter(|(id, _)| chosen.contains(id))
                    .map(|(id, _)| format!("n. {id}"))
                    .collect();
                let text = if names.is_empty() {
                    Texts::of(env).pai.dopo_nessuna.to_string()
                } else {
                    names.join(", ")
                };
                let style = if is_focus {
                    theme.selected
                } else {
                    theme.field
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(format::truncate(&text, value_width), style)),
                    area,
                );
            }
        }
    }
}

/// A row of the dialog.
enum Row {
    Blank,
    Field(usize),
    Error(String),
    Help(String),
    Hints,
}

impl Checklist {
    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let s = Texts::of(env);
        let width = area.width.saturating_sub(8).clamp(20, 80);
        let inner_width = usize::from(width.saturating_sub(4));
        let fixed = 5;
        let room = usize::from(area.height).saturating_sub(fixed + 2).max(1);
        self.page = self.options.len().clamp(1, room);
        keep_visible(self.selected, &mut self.scroll, self.page);
        let height = u16::try_from(fixed + self.page).unwrap_or(u16::MAX);
        let inner = dialog_box(frame, area, width, height, s.pai.dopo_title, theme);
        let mut text: Vec<Line> = vec![Line::raw(format::truncate(s.pai.dopo_text, inner_width))];
        if self.options.is_empty() {
            text.push(Line::styled(s.pai.dopo_empty, theme.muted));
        }
        let item_width = inner_width.saturating_sub(2);
        for (i, (id, name)) in self
            .options
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(self.page)
        {
            let mark = if self.chosen.contains(id) { "X" } else { " " };
            let item = format::truncate(&format!("[{mark}] {name}"), item_width);
            if i == self.selected {
                let pad = item_width.saturating_sub(format::width(&item));
                text.push(Line::styled(
                    format!("{MARKER}{item}{}", " ".repeat(pad)),
                    theme.selected,
                ));
            } else {
                text.push(Line::raw(format!("  {item}")));
            }
        }
        text.push(Line::raw(""));
        text.push(hints_line(super::keys::KEYS, Context::PaiDopo, s, theme));
        frame.render_widget(Paragraph::new(text), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::kit::lang::Lang;
    use crate::tui::pai::strings::Texts;
    use chrono::NaiveDate;

    fn pai() -> Pai {
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut pai = Pai::from_templates(
            1,
            1,
            1,
            d,
            d + chrono::Days::new(364),
            "Dott. Riva",
            &["50".to_string()],
            crate::service::pai_templates(),
        );
        pai.items.truncate(3);
        pai
    }

    fn type_into(form: &mut EditForm, i: usize, text: &str) {
        form.focus = i;
        let input = form.focused_input().unwrap();
        *input = field::input_with(text);
        form.input_changed();
    }

    #[test]
    fn a_bad_frequency_is_refused_next_to_its_field() {
        let s = Texts::for_lang(Lang::It).pai;
        let pai = pai();
        let mut form = EditForm::item(&pai, pai.items.first(), s);
        type_into(&mut form, I_FREQUENZA, "0/anno");
        assert!(form.read_item(pai.items[0].clone(), s).is_none());
        assert_eq!(form.focus, I_FREQUENZA);
        match &form.fields[I_FREQUENZA] {
            FormField::Text { error, .. } => {
                assert_eq!(error.as_deref(), Some("La frequenza non può essere 0"))
            }
            _ => panic!("text field"),
        }
        type_into(&mut form, I_FREQUENZA, "4/anno");
        let item = form.read_item(pai.items[0].clone(), s).unwrap();
        assert_eq!(item.frequenza, Frequenza::VoltePerAnno(4));
    }

    #[test]
    fn luogo_switches_the_place_field_and_dopo_is_picked() {
        let s = Texts::for_lang(Lang::It).pai;
        let pai = pai();
        let mut form = EditForm::item(&pai, None, s);
        type_into(&mut form, I_DESCRIZIONE, "Visita cardiologica");
        type_into(&mut form, I_FREQUENZA, "annuale");
        form.focus = I_LUOGO;
        form.action(Action::Toggle, s);
        assert_eq!(form.fields[I_DOVE].label(), s.f_erogatore);
        // No erogatore yet: refused under the field.
        assert!(
            form.read_item(
                PaiItem::new(
                    9,
                    Categoria::Visita,
                    "",
                    Frequenza::UnaVolta,
                    Luogo::in_sede("")
                ),
                s
            )
            .is_none()
        );
        assert_eq!(form.focus, I_DOVE);
        type_into(&mut form, I_DOVE, "cardiologia");
        form.focus = I_DOPO;
        form.action(Action::Toggle, s);
        assert_eq!(form.context(), Context::PaiDopo);
        form.action(Action::Down, s);
        form.action(Action::Toggle, s);
        form.action(Action::Confirm, s);
        assert_eq!(form.context(), Context::ChoiceModal);
        let base = PaiItem::new(
            9,
            Categoria::Visita,
            "",
            Frequenza::UnaVolta,
            Luogo::in_sede(""),
        );
        let item = form.read_item(base, s).unwrap();
        assert_eq!(item.luogo, Luogo::esterno("cardiologia"));
        assert_eq!(item.dopo, vec![pai.items[1].id]);
        assert_eq!(item.frequenza, Frequenza::VoltePerAnno(1));
    }
}
