//! Registration and edit of a patient: one tui-input field per datum,
//! validation messages next to each field, the codice fiscale filling and
//! checking sex, birth date and birthplace, comuni completed from the
//! Belfiore table, the ATS following the comune of residence.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use crate::domain::codice_fiscale::{CodiceFiscale, Decoded, compute, name_code, surname_code};
use crate::domain::comuni::Comune;
use crate::domain::level::FONTE_ATS;
use crate::domain::patient::digits;
use crate::domain::text;
use crate::domain::{
    Livello, LivelloAts, LivelloNoto, Patient, PatientId, PatientStatus, Residence, Sex,
};
use crate::tui::kit::dialog::{Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format::{self, PlaceError};
use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::{ERROR_MARK, INFO_MARK, MARKER, Theme, WARNING_MARK};
use crate::tui::patients::strings::Texts;

use crate::tui::kit::completion::COMPLETIONS;
pub use crate::tui::kit::completion::{Completion, comuni_completion, draw_completion};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Cognome,
    Nome,
    CodiceFiscale,
    Sesso,
    DataNascita,
    LuogoNascita,
    Indirizzo,
    Cap,
    Comune,
    Ats,
    Mmg,
    Telefoni,
    Email,
    Tessera,
    Patologie,
    LivelloAts,
    Note,
}

/// The fields in screen and Tab order.
pub const FIELDS: [FieldId; 17] = [
    FieldId::Cognome,
    FieldId::Nome,
    FieldId::CodiceFiscale,
    FieldId::Sesso,
    FieldId::DataNascita,
    FieldId::LuogoNascita,
    FieldId::Indirizzo,
    FieldId::Cap,
    FieldId::Comune,
    FieldId::Ats,
    FieldId::Mmg,
    FieldId::Telefoni,
    FieldId::Email,
    FieldId::Tessera,
    FieldId::Patologie,
    FieldId::LivelloAts,
    FieldId::Note,
];

impl FieldId {
    pub fn index(self) -> usize {
        FIELDS.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn label(self, s: &Texts) -> &'static str {
        match self {
            FieldId::Cognome => s.patients.f_cognome,
            FieldId::Nome => s.patients.f_nome,
            FieldId::CodiceFiscale => s.patients.f_cf,
            FieldId::Sesso => s.patients.f_sex_input,
            FieldId::DataNascita => s.patients.f_birth_date,
            FieldId::LuogoNascita => s.patients.f_birth_place,
            FieldId::Indirizzo => s.patients.f_address,
            FieldId::Cap => s.patients.f_cap,
            FieldId::Comune => s.patients.f_comune,
            FieldId::Ats => s.patients.f_ats_override,
            FieldId::Mmg => s.patients.f_mmg,
            FieldId::Telefoni => s.patients.f_phones,
            FieldId::Email => s.patients.f_email,
            FieldId::Tessera => s.patients.f_tessera,
            FieldId::Patologie => s.patients.f_pathologies,
            FieldId::LivelloAts => s.patients.f_level_ats,
            FieldId::Note => s.patients.f_note,
        }
    }

    fn help(self, s: &Texts) -> String {
        match self {
            FieldId::Cognome | FieldId::Nome => s.patients.h_name.to_string(),
            FieldId::CodiceFiscale => s.patients.h_cf.to_string(),
            FieldId::Sesso => s.patients.h_sex.to_string(),
            FieldId::DataNascita => s.patients.h_date.to_string(),
            FieldId::LuogoNascita | FieldId::Comune => s.kit.h_place.to_string(),
            FieldId::Indirizzo => s.patients.h_address.to_string(),
            FieldId::Cap => s.patients.h_cap.to_string(),
            FieldId::Ats => s.patients.h_ats.to_string(),
            FieldId::Mmg => s.patients.h_mmg.to_string(),
            FieldId::Telefoni => s.patients.h_phones.to_string(),
            FieldId::Email => s.patients.h_email.to_string(),
            FieldId::Tessera => s.patients.h_tessera.to_string(),
            FieldId::Patologie => s.patients.h_pathologies.to_string(),
            FieldId::LivelloAts => s.patients.h_level_ats.to_string(),
            FieldId::Note => s.patients.h_note.to_string(),
        }
    }

    fn required(self) -> bool {
        matches!(
            self,
            FieldId::Cognome
                | FieldId::Nome
                | FieldId::CodiceFiscale
                | FieldId::Sesso
                | FieldId::DataNascita
                | FieldId::LuogoNascita
        )
    }

    fn is_place(self) -> bool {
        matches!(self, FieldId::LuogoNascita | FieldId::Comune)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A message next to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub severity: Severity,
    pub text: String,
}

impl Note {
    fn error(text: impl Into<String>) -> Option<Note> {
        Some(Note {
            severity: Severity::Error,
            text: text.into(),
        })
    }
    fn warning(text: impl Into<String>) -> Option<Note> {
        Some(Note {
            severity: Severity::Warning,
            text: text.into(),
        })
    }
    fn info(text: impl Into<String>) -> Option<Note> {
        Some(Note {
            severity: Severity::Info,
            text: text.into(),
        })
    }
}

/// The catalogue's pathologies completing the last of the comma-separated
/// codes typed: those whose code starts with it or whose name contains it,
/// listed "CODE · name". `None` when nothing is being typed or the code typed
/// is already complete.
pub fn pathology_completion(value: &str) -> Option<Completion> {
    let last = value.rsplit(is_code_separator).next().unwrap_or("");
    if last.is_empty() {
        return None;
    }
    let last = last.trim_start_matches(PRIMARY_MARK);
    if last.is_empty() {
        return None;
    }
    let key = text::fold(last);
    // Codes that start with what was typed first, then names.
    let found = crate::service::pathologies().search(last);
    if found.is_empty() || (found.len() == 1 && text::fold(&found[0].code) == key) {
        return None;
    }
    let items = found
        .into_iter()
        .take(COMPLETIONS)
        .map(|p| format!("{} · {}", p.code, p.name))
        .collect();
    Some(Completion { items, selected: 0 })
}

/// `value` with its last comma-separated code replaced by the code of the
/// chosen completion `item` ("CODE · name"), ready for the next one.
fn with_last_pathology(value: &str, item: &str) -> String {
    let code = item.split(" · ").next().unwrap_or(item);
    let mut codes: Vec<&str> = value
        .split(is_code_separator)
        .filter(|c| !c.is_empty())
        .collect();
    codes.pop();
    // Words of a name typed before the last one ("fibrillazione atr") go too.
    let catalogue = crate::service::pathologies();
    while codes
        .last()
        .is_some_and(|c| catalogue.get(c.trim_start_matches(PRIMARY_MARK)).is_none())
    {
        codes.pop();
    }
    codes.push(code);
    format!("{}, ", codes.join(", "))
}

/// What marks the primary pathology among those typed ("*50, 56").
pub const PRIMARY_MARK: char = '*';

/// The pathology codes typed in the field, upper case, each once, and the
/// one marked primary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedPathologies {
    pub codes: Vec<String>,
    pub primary: Option<String>,
    /// How many codes carry the mark (more than one is an error).
    pub primaries: usize,
}

pub fn read_pathologies(value: &str) -> TypedPathologies {
    let mut out = TypedPathologies::default();
    for token in value.split(is_code_separator).filter(|c| !c.is_empty()) {
        let marked = token.starts_with(PRIMARY_MARK);
        let code = token.trim_start_matches(PRIMARY_MARK).to_uppercase();
        if code.is_empty() {
            continue;
        }
        // A code of sportello's first catalogue is read as its SGDT code.
        let code = crate::domain::pathology::legacy_code(&code).map_or(code, str::to_string);
        if marked {
            out.primaries += 1;
            out.primary = Some(code.clone());
        }
        if !out.codes.contains(&code) {
            out.codes.push(code);
        }
    }
    out
}

/// `value` with the code at character `cursor` marked primary (and no other).
pub fn mark_primary(value: &str, cursor: usize) -> String {
    // The token under the cursor: the one whose span holds it, else the last
    // one before it.
    let mut tokens: Vec<(usize, usize, String)> = Vec::new();
    let mut start = None;
    for (i, c) in value.chars().chain(std::iter::once(',')).enumerate() {
        if is_code_separator(c) {
            if let Some(s) = start.take() {
                let t: String = value.chars().skip(s).take(i - s).collect();
                tokens.push((s, i, t));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let chosen = tokens
        .iter()
        .rposition(|(s, _, _)| *s <= cursor)
        .or(if tokens.is_empty() { None } else { Some(0) });
    tokens
        .iter()
        .enumerate()
        .map(|(i, (_, _, t))| {
            let code = t.trim_start_matches(PRIMARY_MARK);
            if Some(i) == chosen {
                format!("{PRIMARY_MARK}{code}")
            } else {
                code.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The level typed in the "Livello ATS" field: `Ok(None)` when empty; a
/// level 1-3 and a date (today when none is typed).
fn read_level(
    value: &str,
    today: chrono::NaiveDate,
) -> Result<Option<(Livello, chrono::NaiveDate)>, ()> {
    let mut parts = value.split_whitespace();
    let Some(first) = parts.next() else {
        return Ok(None);
    };
    let livello = first
        .parse::<u8>()
        .ok()
        .and_then(Livello::from_number)
        .ok_or(())?;
    let data = match parts.next() {
        Some(d) => format::parse_date(d).filter(|d| *d <= today).ok_or(())?,
        None => today,
    };
    if parts.next().is_some() {
        return Err(());
    }
    Ok(Some((livello, data)))
}

/// What separates the pathology codes typed in one field.
fn is_code_separator(c: char) -> bool {
    c == ',' || c == ';' || c.is_whitespace()
}

pub struct FormScreen {
    /// The patient being edited; `None` for a registration.
    original: Option<Patient>,
    inputs: Vec<Input>,
    initial: Vec<String>,
    focus: usize,
    /// Changed by the operator since the form opened.
    edited: Vec<bool>,
    /// Left after being changed: its errors are shown from then on.
    left: Vec<bool>,
    /// Save was tried: every error is shown.
    submitted: bool,
    notes: Vec<Option<Note>>,
    completion: Option<Completion>,
    /// The codice fiscale last computed from the personal data (F9), while
    /// the field still holds it: its message says to compare it with the card.
    computed_cf: Option<String>,
}

/// The parts of the form that the codice fiscale is computed from, each
/// `None` while missing or wrong.
struct Personal {
    sex: Option<Sex>,
    birth: Option<chrono::NaiveDate>,
    birthplace: Option<&'static Comune>,
}

impl FormScreen {
    pub fn new_patient(cf: Option<String>, env: &Env) -> FormScreen {
        let mut form = FormScreen::with_values(None, vec![String::new(); FIELDS.len()], env);
        if let Some(cf) = cf {
            let i = FieldId::CodiceFiscale.index();
            form.inputs[i] = field::input_with(&cf);
            form.edited[i] = true;
            form.fill_from_cf(env);
            form.notes = form.check(env).0;
        }
        form
    }

    pub fn edit(patient: Patient, env: &Env) -> FormScreen {
        let values = values_of(&patient);
        FormScreen::with_values(Some(patient), values, env)
    }

    fn with_values(original: Option<Patient>, values: Vec<String>, env: &Env) -> FormScreen {
        let n = values.len();
        let mut form = FormScreen {
            original,
            inputs: values.iter().map(|v| field::input_with(v)).collect(),
            initial: values,
            focus: 0,
            edited: vec![false; n],
            left: vec![false; n],
            submitted: false,
            notes: vec![None; n],
            completion: None,
            computed_cf: None,
        };
        form.notes = form.check(env).0;
        form
    }

    pub fn title(&self, s: &Texts) -> String {
        match &self.original {
            None => s.patients.title_new.to_string(),
            Some(_) => s.patients.title_edit.to_string(),
        }
    }

    pub fn patient(&self) -> Option<(PatientId, String)> {
        self.original
            .as_ref()
            .map(|p| (p.id, format!("{} {}", p.cognome, p.nome)))
    }

    pub fn is_dirty(&self) -> bool {
        self.inputs
            .iter()
            .zip(&self.initial)
            .any(|(i, v)| i.value() != v)
    }

    pub fn focused(&self) -> FieldId {
        FIELDS[self.focus]
    }

    pub fn value(&self, id: FieldId) -> &str {
        self.inputs[id.index()].value()
    }

    /// The message shown next to a field, if any.
    pub fn note(&self, id: FieldId) -> Option<&Note> {
        let i = id.index();
        self.notes[i]
            .as_ref()
            .filter(|n| n.severity != Severity::Error || self.errors_visible(i))
    }

    pub fn completion_items(&self) -> Option<&[String]> {
        self.completion.as_ref().map(|c| c.items.as_slice())
    }

    fn errors_visible(&self, i: usize) -> bool {
        self.submitted
            || self.left[i]
            || (i != self.focus && !self.inputs[i].value().trim().is_empty())
    }

    pub fn input_mut(&mut self) -> &mut Input {
        &mut self.inputs[self.focus]
    }

    pub fn input_changed(&mut self, env: &Env) -> Cmd {
        self.edited[self.focus] = true;
        let mut cmd = Cmd::Redraw;
        if self.focused() == FieldId::CodiceFiscale && self.fill_from_cf(env) {
            cmd = Cmd::Status(Status::info(Texts::of(env).patients.filled_from_cf));
        }
        self.update_completion();
        self.notes = self.check(env).0;
        cmd
    }

    /// Fills sex, birth date and birthplace from a valid codice fiscale when
    /// they are empty. Returns whether anything was filled.
    fn fill_from_cf(&mut self, env: &Env) -> bool {
        let Ok(cf) =
            CodiceFiscale::parse(self.value(FieldId::CodiceFiscale), crate::service::comuni())
        else {
            return false;
        };
        let d = cf.decode(env.today, crate::service::comuni());
        let mut filled = false;
        let mut fill = |form: &mut FormScreen, id: FieldId, value: String| {
            let i = id.index();
            if form.inputs[i].value().trim().is_empty() && !value.is_empty() {
                form.inputs[i] = field::input_with(&value);
                filled = true;
            }
        };
        fill(self, FieldId::Sesso, d.sex.letter().to_string());
        fill(self, FieldId::DataNascita, format::date(d.birth_date));
        fill(self, FieldId::LuogoNascita, format::place(&d.belfiore));
        filled
    }

    fn update_completion(&mut self) {
        let value = self.inputs[self.focus].value();
        self.completion = match self.focused() {
            FieldId::Patologie => pathology_completion(value),
            id if id.is_place() => comuni_completion(value),
            _ => None,
        };
    }

    fn accept_completion(&mut self, env: &Env) -> bool {
        let Some(c) = self.completion.take() else {
            return false;
        };
        if let Some(item) = c.items.get(c.selected) {
            let value = match self.focused() {
                FieldId::Patologie => with_last_pathology(self.inputs[self.focus].value(), item),
                _ => item.clone(),
            };
            self.inputs[self.focus] = field::input_with(&value);
            self.edited[self.focus] = true;
            self.notes = self.check(env).0;
        }
        true
    }

    fn focus_to(&mut self, next: usize) {
        if self.edited[self.focus] {
            self.left[self.focus] = true;
        }
        self.completion = None;
        self.focus = next % FIELDS.len();
    }

    fn move_completion(&mut self, delta: isize) -> bool {
        match &mut self.completion {
            Some(c) if !c.items.is_empty() => {
                let last = c.items.len() - 1;
                c.selected = c.selected.saturating_add_signed(delta).min(last);
                true
            }
            _ => false,
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let n = FIELDS.len();
        Some(match action {
            Action::NextField => {
                self.accept_completion(env);
                self.focus_to(self.focus + 1);
                Cmd::Redraw
            }
            Action::PrevField => {
                self.focus_to(self.focus + n - 1);
                Cmd::Redraw
            }
            Action::Down => {
                if !self.move_completion(1) {
                    self.focus_to(self.focus + 1);
                }
                Cmd::Redraw
            }
            Action::Up => {
                if !self.move_completion(-1) {
                    self.focus_to(self.focus + n - 1);
                }
                Cmd::Redraw
            }
            Action::Accept => {
                if !self.accept_completion(env) {
                    self.focus_to(self.focus + 1);
                }
                Cmd::Redraw
            }
            Action::Save => self.save(env, false),
            Action::ComputeCf => self.compute_cf(env),
            Action::MarkPrimary if self.focused() == FieldId::Patologie => {
                let i = FieldId::Patologie.index();
                let cursor = self.inputs[i].visual_cursor();
                let marked = mark_primary(self.inputs[i].value(), cursor);
                self.inputs[i] = Input::new(marked);
                self.edited[i] = true;
                self.completion = None;
                Cmd::Redraw
            }
            Action::Leave => {
                if self.completion.take().is_some() {
                    Cmd::Redraw
                } else {
                    Cmd::Back
                }
            }
            _ => return None,
        })
    }

    /// Computes the codice fiscale from surname, name, sex, birth date and
    /// birthplace (a comune or a foreign state). An empty field gets it; a
    /// typed one is only compared, because the card wins (omocodia).
    fn compute_cf(&mut self, env: &Env) -> Cmd {
        let s = Texts::of(env);
        self.completion = None;
        let (_, _, personal) = self.checked(env);
        let v = |id: FieldId| self.inputs[id.index()].value().trim().to_string();
        let mut missing: Vec<&'static str> = Vec::new();
        let surname = v(FieldId::Cognome);
        let name = v(FieldId::Nome);
        if surname_code(&surname).is_none() {
            missing.push(FieldId::Cognome.label(s));
        }
        if name_code(&name).is_none() {
            missing.push(FieldId::Nome.label(s));
        }
        if personal.sex.is_none() {
            missing.push(FieldId::Sesso.label(s));
        }
        if personal.birth.is_none() {
            missing.push(FieldId::DataNascita.label(s));
        }
        if personal.birthplace.is_none() {
            missing.push(FieldId::LuogoNascita.label(s));
        }
        let (Some(sex), Some(birth), Some(place), true) = (
            personal.sex,
            personal.birth,
            personal.birthplace,
            missing.is_empty(),
        ) else {
            return Cmd::Status(Status::error(
                s.patients.cf_compute_needs(&missing.join(", ")),
            ));
        };
        let code = match compute(
            &surname,
            &name,
            sex,
            birth,
            &place.belfiore,
            crate::service::comuni(),
        ) {
            Ok(c) => c.as_str().to_string(),
            Err(e) => return Cmd::Status(Status::error(e.to_string())),
        };
        let i = FieldId::CodiceFiscale.index();
        let typed = self.inputs[i].value().trim().to_uppercase();
        if typed.is_empty() {
            self.inputs[i] = field::input_with(&code);
            self.edited[i] = true;
            self.computed_cf = Some(code.clone());
            self.notes = self.check(env).0;
            Cmd::Status(Status::info(s.patients.cf_computed_status(&code)))
        } else if typed == code {
            Cmd::Status(Status::info(s.patients.cf_computed_same))
        } else {
            Cmd::Status(Status::warning(s.patients.cf_computed_differs(&code)))
        }
    }

    /// Validates and saves through the desk. A codice fiscale already
    /// registered opens that record; a possible duplicate (same names and
    /// birth date) is asked about unless `duplicates_confirmed`.
    pub fn save(&mut self, env: &Env, duplicates_confirmed: bool) -> Cmd {
        let s = Texts::of(env);
        self.completion = None;
        self.submitted = true;
        let (notes, patient) = self.check(env);
        self.notes = notes;
        let Some(patient) = patient else {
            if let Some(i) = self
                .notes
                .iter()
                .position(|n| n.as_ref().is_some_and(|n| n.severity == Severity::Error))
            {
                self.focus = i;
            }
            return Cmd::Status(Status::error(s.patients.form_has_errors));
        };
        let desk = env.desk;
        match desk.patients().patient_by_cf(&patient.codice_fiscale) {
            Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
            Ok(Some(existing)) if existing.id != patient.id => {
                let name = format!("{} {}", existing.cognome, existing.nome);
                if self.original.is_none() {
                    return Cmd::ShowExisting {
                        id: existing.id,
                        message: s.patients.cf_exists_opened(&patient.codice_fiscale, &name),
                    };
                }
                let text = s.patients.cf_belongs_to(&name);
                let i = FieldId::CodiceFiscale.index();
                self.notes[i] = Note::error(text.clone());
                self.focus = i;
                return Cmd::Status(Status::error(text));
            }
            Ok(_) => {}
        }
        if !duplicates_confirmed {
            match desk.patients().possible_duplicates(&patient) {
                Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                Ok(dups) if !dups.is_empty() => {
                    let mut lines = vec![s.patients.duplicates_intro.to_string()];
                    for d in dups.iter().take(8) {
                        lines.push(format!(
                            "• {} {} · {} · {} · {}",
                            d.cognome,
                            d.nome,
                            format::date(d.data_nascita),
                            d.codice_fiscale,
                            d.comune
                        ));
                    }
                    lines.push(String::new());
                    lines.push(s.patients.duplicates_question.to_string());
                    return Cmd::modal(Modal::confirm(
                        Submit::on(|form: &mut FormScreen, _, env| form.save(env, true)),
                        s.patients.duplicates_title.to_string(),
                        lines,
                    ));
                }
                Ok(_) => {}
            }
        }
        let result = match &self.original {
            None => desk.patients().register_patient(patient),
            Some(opened) => {
                let id = patient.id;
                // Refused when another desk saved the record since this
                // form was opened; the typed text stays in the form.
                desk.patients()
                    .update_patient_opened(opened, patient)
                    .map(|()| id)
            }
        };
        match result {
            Ok(id) => Cmd::Saved {
                id,
                message: s.patients.saved.to_string(),
            },
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// Every field's message, and the patient when nothing is in error.
    fn check(&self, env: &Env) -> (Vec<Option<Note>>, Option<Patient>) {
        let (notes, patient, _) = self.checked(env);
        (notes, patient)
    }

    /// [`FormScreen::check`], with the personal data read on the way.
    fn checked(&self, env: &Env) -> (Vec<Option<Note>>, Option<Patient>, Personal) {
        let s = Texts::of(env);
        let v = |id: FieldId| self.inputs[id.index()].value().trim();
        let mut notes: Vec<Option<Note>> = vec![None; FIELDS.len()];
        let mut set = |id: FieldId, note: Option<Note>| notes[id.index()] = note;

        let cf = CodiceFiscale::parse(v(FieldId::CodiceFiscale), crate::service::comuni());
        let decoded: Option<Decoded> = cf
            .as_ref()
            .ok()
            .map(|c| c.decode(env.today, crate::service::comuni()));
        let cf_text = cf
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default();

        // Names, and their letters in the codice fiscale.
        for (id, code_of, range) in [
            (
                FieldId::Cognome,
                surname_code as fn(&str) -> Option<String>,
                0..3,
            ),
            (FieldId::Nome, name_code as fn(&str) -> Option<String>, 3..6),
        ] {
            let value = v(id);
            let note = if value.is_empty() {
                Note::error(s.patients.err_required)
            } else if !value.chars().any(char::is_alphabetic) {
                Note::error(s.patients.err_letters)
            } else {
                match (code_of(value), cf_text.get(range)) {
                    (Some(code), Some(in_cf)) if code != in_cf => {
                        Note::warning(s.patients.warn_cf_letters(in_cf))
                    }
                    _ => None,
                }
            };
            set(id, note);
        }

        set(
            FieldId::CodiceFiscale,
            match &cf {
                _ if v(FieldId::CodiceFiscale).is_empty() => Note::error(s.patients.err_required),
                Err(e) => Note::error(e.to_string()),
                Ok(c) if self.computed_cf.as_deref() == Some(c.as_str()) => {
                    Note::warning(s.patients.cf_computed_note)
                }
                Ok(c) if c.omocode_out_of_order() => Note::warning(s.patients.cf_omocode_order),
                Ok(c) if c.is_omocode() => Note::info(s.patients.cf_valid_omocode),
                Ok(_) => Note::info(s.patients.cf_valid),
            },
        );

        let sex = match v(FieldId::Sesso).to_uppercase().as_str() {
            "" => {
                set(FieldId::Sesso, Note::error(s.patients.err_required));
                None
            }
            "M" | "MASCHIO" | "MALE" => Some(Sex::M),
            "F" | "FEMMINA" | "FEMALE" => Some(Sex::F),
            _ => {
                set(FieldId::Sesso, Note::error(s.patients.err_sex));
                None
            }
        };
        if let (Some(sex), Some(d)) = (sex, &decoded)
            && sex != d.sex
        {
            set(
                FieldId::Sesso,
                Note::warning(s.patients.warn_cf_says(&d.sex.letter().to_string())),
            );
        }

        let birth = if v(FieldId::DataNascita).is_empty() {
            set(FieldId::DataNascita, Note::error(s.patients.err_required));
            None
        } else {
            match format::read_date(v(FieldId::DataNascita)) {
                Err(e) => {
                    set(FieldId::DataNascita, Note::error(s.kit.date_error(e)));
                    None
                }
                Ok(d) if d > env.today => {
                    set(FieldId::DataNascita, Note::error(s.kit.err_date_future));
                    None
                }
                Ok(d) if env.today.year() - d.year() > 130 => {
                    set(FieldId::DataNascita, Note::error(s.patients.err_date_old));
                    None
                }
                Ok(d) => Some(d),
            }
        };
        if let (Some(b), Some(d)) = (birth, &decoded)
            && b != d.birth_date
        {
            set(
                FieldId::DataNascita,
                Note::warning(s.patients.warn_cf_says(&format::date(d.birth_date))),
            );
        }

        let birthplace = self.place_field(FieldId::LuogoNascita, true, s, &mut set);
        if let (Some(c), Some(d)) = (birthplace, &decoded)
            && c.belfiore != d.belfiore
        {
            set(
                FieldId::LuogoNascita,
                Note::warning(s.patients.warn_cf_says(&format::place(&d.belfiore))),
            );
        }

        let cap = v(FieldId::Cap);
        if !cap.is_empty() && (cap.len() != 5 || !cap.bytes().all(|b| b.is_ascii_digit())) {
            set(FieldId::Cap, Note::error(s.patients.err_cap));
        }

        let comune = self.place_field(FieldId::Comune, false, s, &mut set);

        let ats_code = v(FieldId::Ats);
        if !ats_code.is_empty() {
            match format::ats_by_code(ats_code) {
                Some(a) => set(FieldId::Ats, Note::info(a.denominazione.clone())),
                None => set(FieldId::Ats, Note::error(s.patients.err_ats)),
            }
        }

        let phones: Vec<String> = v(FieldId::Telefoni)
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(bad) = phones.iter().find(|p| {
            digits(p).len() < 5
                || !p
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-./()".contains(c))
        }) {
            set(FieldId::Telefoni, Note::error(s.patients.err_phone(bad)));
        }

        let email = v(FieldId::Email);
        if !email.is_empty() && !email_ok(email) {
            set(FieldId::Email, Note::error(s.patients.err_email));
        }

        let tessera: String = v(FieldId::Tessera)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !tessera.is_empty() {
            if !tessera.bytes().all(|b| b.is_ascii_digit()) {
                set(FieldId::Tessera, Note::error(s.patients.err_tessera));
            } else if tessera.len() != 20 {
                set(
                    FieldId::Tessera,
                    Note::warning(s.patients.warn_tessera_len(tessera.len())),
                );
            }
        }

        let typed = read_pathologies(v(FieldId::Patologie));
        let catalogue = crate::service::pathologies();
        let mut primary = typed.primary.clone();
        if primary.is_none() && typed.codes.len() == 1 {
            // One pathology is the primary one.
            primary = typed.codes.first().cloned();
        }
        let original_level = self.original.as_ref().and_then(|p| p.livello_ats.clone());
        let level_typed = read_level(v(FieldId::LivelloAts), env.today);
        let level_ats = match level_typed {
            Err(()) => {
                set(FieldId::LivelloAts, Note::error(s.patients.err_level_ats));
                None
            }
            Ok(None) => None,
            // The source stays when level and date are those of the record.
            Ok(Some((livello, data))) => Some(match original_level {
                Some(o) if o.livello == livello && o.data == data => o,
                _ => LivelloAts {
                    livello,
                    fonte: FONTE_ATS.to_string(),
                    data,
                },
            }),
        };
        if let Some(bad) = typed.codes.iter().find(|c| catalogue.get(c).is_none()) {
            set(
                FieldId::Patologie,
                Note::error(s.patients.err_pathology(bad)),
            );
        } else if typed.primaries > 1 {
            set(
                FieldId::Patologie,
                Note::error(s.patients.err_two_primaries),
            );
        } else if !typed.codes.is_empty() {
            let names: Vec<String> = typed
                .codes
                .iter()
                .map(|c| {
                    if primary.as_deref() == Some(c.as_str()) {
                        format!("{} {}", catalogue.name_of(c), s.patients.primary_tag)
                    } else {
                        catalogue.name_of(c).to_string()
                    }
                })
                .collect();
            let text = names.join(", ");
            if primary.is_none() {
                set(
                    FieldId::Patologie,
                    Note::warning(format!("{} · {text}", s.patients.warn_no_primary)),
                );
            } else {
                set(FieldId::Patologie, Note::info(text));
            }
        }
        let level = match &level_ats {
            Some(l) => Some(LivelloNoto::Ats(l.clone())),
            None => Livello::from_count(typed.codes.len()).map(LivelloNoto::Stima),
        };
        if level_typed.is_ok()
            && let Some(l) = &level
        {
            set(
                FieldId::LivelloAts,
                Note::info(format!(
                    "{} · {}",
                    s.kit.level_known(l),
                    s.patients.level_name(l.livello())
                )),
            );
        }
        let pathologies = typed.codes;

        let has_error = notes
            .iter()
            .any(|n| n.as_ref().is_some_and(|n| n.severity == Severity::Error));
        let personal = Personal {
            sex,
            birth,
            birthplace,
        };
        let patient = match (cf, sex, birth, birthplace) {
            (Ok(cf), Some(sesso), Some(data_nascita), Some(place)) if !has_error => {
                let original = self.original.as_ref();
                Some(Patient {
                    id: original.map_or(0, |p| p.id),
                    cognome: v(FieldId::Cognome).to_string(),
                    nome: v(FieldId::Nome).to_string(),
                    codice_fiscale: cf.as_str().to_string(),
                    sesso,
                    data_nascita,
                    luogo_nascita: place.belfiore.clone(),
                    residenza: Residence {
                        indirizzo: v(FieldId::Indirizzo).to_string(),
                        cap: cap.to_string(),
                        comune: comune.map(|c| c.belfiore.clone()).unwrap_or_default(),
                    },
                    ats_override: (!ats_code.is_empty()).then(|| ats_code.to_string()),
                    mmg: v(FieldId::Mmg).to_string(),
                    telefoni: phones,
                    email: email.to_string(),
                    tessera_sanitaria: tessera,
                    patologie: pathologies,
                    patologia_primaria: primary,
                    livello_ats: level_ats,
                    stato: original.map_or(PatientStatus::Attivo, |p| p.stato),
                    note: v(FieldId::Note).to_string(),
                })
            }
            _ => None,
        };
        (notes, patient, personal)
    }

    /// Reads a comune field, setting its message.
    fn place_field(
        &self,
        id: FieldId,
        required: bool,
        s: &Texts,
        set: &mut impl FnMut(FieldId, Option<Note>),
    ) -> Option<&'static Comune> {
        let value = self.inputs[id.index()].value().trim();
        match format::resolve_place(value) {
            Ok(c) => {
                if format::looks_like_belfiore(value) {
                    set(id, Note::info(format::comune_label(c)));
                } else {
                    set(id, Note::info(s.patients.place_code(&c.belfiore)));
                }
                Some(c)
            }
            Err(PlaceError::Empty) => {
                if required {
                    set(id, Note::error(s.patients.err_required));
                }
                None
            }
            Err(PlaceError::UnknownCode(code)) => {
                set(id, Note::error(s.kit.err_place_code(&code)));
                None
            }
            Err(PlaceError::Unknown(name)) => {
                set(id, Note::error(s.kit.err_place_unknown(&name)));
                None
            }
            Err(PlaceError::Ambiguous(options)) => {
                set(
                    id,
                    Note::error(s.kit.err_place_ambiguous(&options.join(", "))),
                );
                None
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env);
        let theme = env.theme;
        let label_width: u16 = 22;
        let input_width: u16 = if area.width >= 110 { 44 } else { 32 };
        let message_x = area.x + label_width + input_width + 1;
        let message_width = usize::from(area.right().saturating_sub(message_x));
        let mut y = area.y;
        let mut focused_row = None;
        for (i, id) in FIELDS.iter().enumerate() {
            if y >= area.bottom() {
                break;
            }
            let is_focus = i == self.focus;
            let marker = if is_focus { MARKER } else { "  " };
            let required = if id.required() { " *" } else { "" };
            let label = format!("{marker}{}{required}", id.label(s));
            frame.render_widget(
                Paragraph::new(Span::styled(
                    label,
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
            let field_area = Rect {
                x: area.x + label_width,
                y,
                width: input_width,
                height: 1,
            };
            field::render(
                frame,
                field_area,
                &self.inputs[i],
                focused && is_focus,
                if is_focus {
                    theme.field_focused
                } else {
                    theme.field
                },
                theme.label,
            );
            if let Some(note) = self.note(*id) {
                let (mark, style) = note_style(note, theme);
                let text = format::truncate_words(&format!("{mark}{}", note.text), message_width);
                frame.render_widget(
                    Paragraph::new(Span::styled(text, style)),
                    Rect {
                        x: message_x,
                        y,
                        width: area.right().saturating_sub(message_x),
                        height: 1,
                    },
                );
            }
            if is_focus {
                focused_row = Some(field_area);
            }
            y += 1;
            if *id == FieldId::Comune && y < area.bottom() {
                self.draw_derived_ats(frame, area, y, label_width, env);
                y += 1;
            }
        }

        // The focused field's full message and what to type in it, after a
        // blank line when there is room for two lines below it.
        let detail_y = if area.bottom().saturating_sub(y) >= 3 {
            y + 1
        } else {
            y
        };
        if detail_y < area.bottom() {
            let width = usize::from(area.width.saturating_sub(2));
            let id = self.focused();
            let mut lines: Vec<Line> = Vec::new();
            if let Some(note) = self.note(id) {
                let (mark, style) = note_style(note, theme);
                for part in format::wrap(&format!("{mark}{}", note.text), width) {
                    lines.push(Line::styled(part, style));
                }
            }
            for part in format::wrap(&id.help(s), width) {
                lines.push(Line::styled(part, theme.muted));
            }
            // Lines that do not fit end the last one shown with "…" (F1 has
            // the rest) rather than vanishing unannounced.
            let room = usize::from(area.bottom() - detail_y);
            if lines.len() > room && room > 0 {
                lines.truncate(room);
                if let Some(last) = lines.last_mut() {
                    let text = format!("{} …", last);
                    *last = Line::styled(format::truncate(&text, width), last.style);
                }
            }
            frame.render_widget(
                Paragraph::new(lines),
                Rect {
                    x: area.x + 1,
                    y: detail_y,
                    width: area.width.saturating_sub(2),
                    height: area.bottom() - detail_y,
                },
            );
        }

        if let (Some(c), Some(row)) = (&self.completion, focused_row) {
            draw_completion(frame, area, row, c, theme);
        }
    }

    fn draw_derived_ats(&self, frame: &mut Frame, area: Rect, y: u16, label_width: u16, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        let comune = format::resolve_place(self.value(FieldId::Comune)).ok();
        let text = match comune {
            None => s.patients.ats_needs_comune.to_string(),
            Some(c) => match format::residence_ats(&c.belfiore) {
                Some(a) => format::ats_label(a),
                None => s.patients.outside_lombardy.to_string(),
            },
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!("  {}", s.patients.f_ats_derived), theme.label),
                Span::raw(
                    " ".repeat(
                        usize::from(label_width)
                            .saturating_sub(2 + format::width(s.patients.f_ats_derived)),
                    ),
                ),
                Span::raw(" "),
                Span::styled(text, theme.muted),
            ])),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}

fn note_style(note: &Note, theme: &Theme) -> (&'static str, Style) {
    match note.severity {
        Severity::Error => (ERROR_MARK, theme.error),
        Severity::Warning => (WARNING_MARK, theme.warning),
        Severity::Info => (INFO_MARK, theme.info),
    }
}

/// Something@something.something, without spaces.
fn email_ok(email: &str) -> bool {
    let Some((user, domain)) = email.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !email.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && domain
            .split_once('.')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !b.ends_with('.'))
}

/// The form's field values for a stored patient.
fn values_of(p: &Patient) -> Vec<String> {
    FIELDS
        .iter()
        .map(|id| match id {
            FieldId::Cognome => p.cognome.clone(),
            FieldId::Nome => p.nome.clone(),
            FieldId::CodiceFiscale => p.codice_fiscale.clone(),
            FieldId::Sesso => p.sesso.letter().to_string(),
            FieldId::DataNascita => format::date(p.data_nascita),
            FieldId::LuogoNascita => format::place(&p.luogo_nascita),
            FieldId::Indirizzo => p.residenza.indirizzo.clone(),
            FieldId::Cap => p.residenza.cap.clone(),
            FieldId::Comune => format::place(&p.residenza.comune),
            FieldId::Ats => p.ats_override.clone().unwrap_or_default(),
            FieldId::Mmg => p.mmg.clone(),
            FieldId::Telefoni => p.telefoni.join(", "),
            FieldId::Email => p.email.clone(),
            FieldId::Tessera => p.tessera_sanitaria.clone(),
            FieldId::Patologie => p
                .patologie
                .iter()
                .map(|c| {
                    if p.patologia_primaria.as_deref() == Some(c.as_str()) {
                        format!("{PRIMARY_MARK}{c}")
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            FieldId::LivelloAts => p
                .livello_ats
                .as_ref()
                .map(|l| format!("{} {}", l.livello.number(), format::date(l.data)))
                .unwrap_or_default(),
            FieldId::Note => p.note.clone(),
        })
        .collect()
}

impl crate::tui::kit::screen::Screen for FormScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::patients::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        crate::tui::kit::keys::Context::Form
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
        Some(self.input_mut())
    }

    fn input_changed(&mut self, env: &Env) -> Cmd {
        Self::input_changed(self, env)
    }

    fn is_dirty(&self) -> bool {
        Self::is_dirty(self)
    }

    fn save_changes(&mut self, env: &Env) -> Cmd {
        self.save(env, false)
    }

    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        Self::patient(self)
    }

    fn owner(&self) -> Option<crate::domain::PatientId> {
        crate::tui::kit::screen::Screen::patient(self).map(|(id, _)| id)
    }

    crate::screen_any!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_primary_pathology_is_marked_and_old_codes_are_read_as_sgdt() {
        let t = read_pathologies("56, *dm2 48;48");
        assert_eq!(t.codes, ["56", "50", "48"]);
        assert_eq!((t.primary.as_deref(), t.primaries), (Some("50"), 1));
        assert_eq!(read_pathologies("*56, *50").primaries, 2);
        // Ctrl+P: the code under the cursor, and no other, gets the mark.
        assert_eq!(mark_primary("56, *50, 48", 0), "*56, 50, 48");
        assert_eq!(mark_primary("56, *50, 48", 9), "56, 50, *48");
        assert_eq!(mark_primary("56, 50", 6), "56, *50");
        assert_eq!(mark_primary("", 0), "");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(read_level("", today), Ok(None));
        assert_eq!(read_level("2", today), Ok(Some((Livello::L2, today))));
        assert_eq!(
            read_level(" 1 12/03/2026 ", today),
            Ok(Some((
                Livello::L1,
                chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()
            )))
        );
        assert_eq!(read_level("4", today), Err(()));
        assert_eq!(read_level("2 31/12/2026", today), Err(()), "a future date");
        assert_eq!(read_level("2 12/03/2026 x", today), Err(()));
    }

    #[test]
    fn emails() {
        assert!(email_ok("mario.rossi@example.it"));
        assert!(!email_ok("mario.rossi@example"));
        assert!(!email_ok("mario rossi@example.it"));
        assert!(!email_ok("@example.it"));
        assert!(!email_ok("a@b@c.it"));
    }
}
