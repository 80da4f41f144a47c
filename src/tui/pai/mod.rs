//! F5, the PAI (Piano di Assistenza Individuale) of the current patient: the
//! plan in use with its sections (prestazioni, farmaci, stile di vita,
//! vaccinazioni, esenzioni e allergie), edited in memory and saved with
//! Ctrl+S while it is a bozza; shared under the signed Patto; a shared or
//! concluded plan is read-only and changes go into a new version. Older
//! versions open read-only from their list. The plan is exported as PDF and
//! FHIR R4 Bundle JSON, named as `sportello export pai` names them.
//!
//! Every rule is the desk's (`PaiPlans::new_pai`, `save_pai_draft`, `share_pai`,
//! `new_pai_version`) or the domain's (`Frequenza::parse`,
//! `Pai::validate_for_sharing`); this screen only shows and asks.

pub mod edit;
pub mod keys;
mod pubblica;
pub mod strings;

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use tui_input::Input;

use crate::domain::pai::{Categoria, Frequenza, Luogo, Pai, PaiItem, PaiStato, TEMPLATE_LABEL};
use crate::domain::{Patient, PatientId};
use crate::service::Desk;
use crate::service::pai::ItemProgress;
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context, first_key};
use crate::tui::kit::list::ListState;
use crate::tui::kit::picker::{Picker, PickerOutcome};
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;
use crate::tui::kit::theme::{MARKER, WARNING_MARK};
use crate::tui::pai::edit::{EditForm, FormKind, item_ref};
use crate::tui::pai::strings::PaiStrings;
use crate::tui::pai::strings::Texts;

/// The sections of the plan, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Prestazioni,
    Farmaci,
    StileDiVita,
    Vaccinazioni,
    EsenzioniAllergie,
}

/// The sections in tab order.
pub const SECTIONS: [Section; 5] = [
    Section::Prestazioni,
    Section::Farmaci,
    Section::StileDiVita,
    Section::Vaccinazioni,
    Section::EsenzioniAllergie,
];

impl Section {
    fn index(self) -> usize {
        SECTIONS.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// What a PAI dialog asks the operator to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaiPurpose {
    /// Remove row `n` of a section (from the plan on screen).
    Remove(Section, usize),
    /// Share the bozza under the signed Patto.
    Share,
    /// The reasons the plan cannot be shared yet were shown.
    Problems,
    /// Write the PDF and the FHIR JSON into the folder of the dialog.
    Export,
    /// Record the publication on the FSE by the author of the dialog.
    Publish,
}

impl From<PaiPurpose> for Submit {
    fn from(purpose: PaiPurpose) -> Submit {
        Submit::on(move |pai: &mut PaiScreen, modal, env| pai.confirmed(purpose, modal, env))
    }
}

/// The key of `action` in `context`, as written in messages.
fn key_name(context: Context, action: Action, s: &Texts) -> String {
    first_key(keys::KEYS, context, action)
        .map(|k| k.name(s))
        .unwrap_or_default()
}

/// Where exports go unless the operator chooses: `<data dir>/stampe`.
pub fn default_export_dir(desk: &Desk) -> PathBuf {
    desk.data_dir().join("stampe")
}

pub struct PaiScreen {
    patient: Option<Patient>,
    /// The patient has an active presa in carico (a Gestore).
    has_presa: bool,
    /// The plan on screen, with the changes not yet saved.
    pai: Option<Pai>,
    /// The plan as stored.
    saved: Option<Pai>,
    progress: Vec<ItemProgress>,
    /// Where the plan stands with the FSE.
    publication: Option<crate::service::ricette::PublicationState>,
    /// Every version of the patient's plans, newest first.
    versions: Vec<Pai>,
    /// An older version opened from the list: read-only.
    historic: bool,
    section: Section,
    states: [ListState; 5],
    form: Option<EditForm>,
    /// The list of versions.
    picker: Option<Picker>,
    /// Rows of the table in the last frame, for Page Up / Page Down.
    page: usize,
}

impl PaiScreen {
    fn empty(patient: Option<Patient>) -> PaiScreen {
        PaiScreen {
            patient,
            has_presa: false,
            pai: None,
            saved: None,
            progress: Vec::new(),
            publication: None,
            versions: Vec::new(),
            historic: false,
            section: Section::Prestazioni,
            states: Default::default(),
            form: None,
            picker: None,
            page: 10,
        }
    }

    /// The plan in use of patient `id` (or the message that none is selected).
    pub fn load(
        desk: &Desk,
        id: Option<PatientId>,
    ) -> Result<PaiScreen, crate::service::DeskError> {
        let patient = match id {
            Some(id) => Some(
                desk.patients()
                    .patient(id)?
                    .ok_or(crate::service::StoreProblem::PatientNotFound(id))?,
            ),
            None => None,
        };
        let mut screen = PaiScreen::empty(patient);
        screen.reload(desk)?;
        Ok(screen)
    }

    /// An older version, read-only.
    pub fn version(desk: &Desk, pai: Pai) -> Result<PaiScreen, crate::service::DeskError> {
        let patient = desk
            .patients()
            .patient(pai.patient)?
            .ok_or(crate::service::StoreProblem::PatientNotFound(pai.patient))?;
        let mut screen = PaiScreen::empty(Some(patient));
        screen.historic = true;
        screen.saved = Some(pai.clone());
        screen.pai = Some(pai);
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the patient, the plan and its versions again. Changes not yet
    /// saved are kept (the plan is not read again while there are some).
    pub fn reload(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        let Some(id) = self.patient.as_ref().map(|p| p.id) else {
            return Ok(());
        };
        if let Some(p) = desk.patients().patient(id)? {
            self.patient = Some(p);
        }
        self.has_presa = desk.gestori().active_presa(id)?.is_some();
        self.versions = desk.pai().pai_list(id)?;
        if !self.is_dirty() {
            let pai = if self.historic {
                match &self.pai {
                    Some(p) => desk.pai().get(p.id)?,
                    None => None,
                }
            } else {
                desk.pai().current_pai(id)?
            };
            self.saved = pai.clone();
            self.pai = pai;
        }
        self.refresh(desk)
    }

    /// After a change of the plan on screen: the occurrences again, and the
    /// selections kept inside their lists.
    fn refresh(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        self.progress = match &self.pai {
            Some(p) => desk.pai().pai_progress(p)?,
            None => Vec::new(),
        };
        self.publication = pubblica::load(desk, self.saved.as_ref())?;
        for section in SECTIONS {
            let n = self.rows(section);
            let state = &mut self.states[section.index()];
            let selected = state.selected().unwrap_or(0).min(n.saturating_sub(1));
            state.select((n > 0).then_some(selected));
        }
        Ok(())
    }

    pub fn patient_id(&self) -> Option<PatientId> {
        self.patient.as_ref().map(|p| p.id)
    }

    pub fn patient(&self) -> Option<(PatientId, String)> {
        self.patient
            .as_ref()
            .map(|p| (p.id, format!("{} {}", p.cognome, p.nome)))
    }

    /// The plan on screen, with the changes not yet saved.
    pub fn pai(&self) -> Option<&Pai> {
        self.pai.as_ref()
    }

    pub fn section(&self) -> Section {
        self.section
    }

    /// The selected row of the current section.
    pub fn selected(&self) -> Option<usize> {
        self.states[self.section.index()].selected()
    }

    pub fn is_historic(&self) -> bool {
        self.historic
    }

    /// Changes on screen that are not stored.
    pub fn is_dirty(&self) -> bool {
        self.pai != self.saved
    }

    fn editable(&self) -> bool {
        !self.historic && self.pai.as_ref().is_some_and(Pai::is_editable)
    }

    pub fn title(&self, s: &Texts) -> String {
        if self.historic {
            s.pai.title_version.to_string()
        } else {
            s.kit.area_pai.to_string()
        }
    }

    pub fn context(&self) -> Context {
        if let Some(form) = &self.form {
            form.context()
        } else if self.picker.is_some() {
            Context::Picker
        } else if self.pai.is_none() {
            Context::Pai
        } else if self.editable() {
            Context::PaiBozza
        } else {
            Context::PaiLettura
        }
    }

    /// A dialog of the screen's own is open.
    pub fn has_dialog(&self) -> bool {
        self.form.is_some() || self.picker.is_some()
    }

    pub fn focused_input(&mut self) -> Option<&mut Input> {
        self.form.as_mut().and_then(EditForm::focused_input)
    }

    pub fn input_changed(&mut self) -> Cmd {
        if let Some(form) = &mut self.form {
            form.input_changed();
        }
        Cmd::Redraw
    }

    /// Rows of a section of the plan on screen.
    fn rows(&self, section: Section) -> usize {
        let Some(p) = &self.pai else {
            return 0;
        };
        match section {
            Section::Prestazioni => p.items.len(),
            Section::Farmaci => p.farmaci.len(),
            Section::StileDiVita => p.stile_di_vita.len(),
            Section::Vaccinazioni => p.vaccinazioni.len(),
            Section::EsenzioniAllergie => p.esenzioni.len() + p.allergie.len(),
        }
    }

    fn move_to(&mut self, row: usize) -> Cmd {
        let n = self.rows(self.section);
        if n > 0 {
            self.states[self.section.index()].select(Some(row.min(n - 1)));
        }
        Cmd::Redraw
    }

    fn select_section(&mut self, i: usize) -> Cmd {
        self.section = SECTIONS[i % SECTIONS.len()];
        Cmd::Redraw
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if self.form.is_some() {
            return Some(self.form_action(action, env));
        }
        if let Some(picker) = &mut self.picker {
            return Some(match picker.action(action) {
                PickerOutcome::Chosen(i) => {
                    self.picker = None;
                    self.open_version(i, env)
                }
                PickerOutcome::Cancelled => {
                    self.picker = None;
                    Cmd::Redraw
                }
                PickerOutcome::Moved => Cmd::Redraw,
                PickerOutcome::Ignored => Cmd::None,
            });
        }
        let s = Texts::of(env);
        let ps = s.pai;
        let selected = self.selected().unwrap_or(0);
        let page = self.page.max(1);
        Some(match action {
            Action::Back => Cmd::Back,
            Action::Versions => self.open_versions(env),
            // Without a plan: make one, or fix what is missing.
            Action::Prepare => self.prepare(env),
            Action::Edit if self.pai.is_none() => match &self.patient {
                Some(p) => Cmd::EditPatient(Box::new(p.clone())),
                None => Cmd::Status(Status::info(ps.no_patient)),
            },
            _ if self.pai.is_none() => return None,
            Action::Up => self.move_to(selected.saturating_sub(1)),
            Action::Down => self.move_to(selected + 1),
            Action::PageUp => self.move_to(selected.saturating_sub(page)),
            Action::PageDown => self.move_to(selected + page),
            Action::Home => self.move_to(0),
            Action::End => self.move_to(usize::MAX),
            Action::NextField => self.select_section(self.section.index() + 1),
            Action::PrevField => self.select_section(self.section.index() + SECTIONS.len() - 1),
            Action::Print => self.ask_export(env),
            Action::Renew => self.new_version(env),
            Action::Publish => self.ask_publish(env),
            Action::Add | Action::Edit | Action::Remove | Action::Save | Action::Share
                if !self.editable() =>
            {
                Cmd::Status(Status::info(self.read_only_reason(env)))
            }
            Action::Add => self.open_form(None, env),
            Action::Edit => match self.selected() {
                Some(i) => self.open_form(Some(i), env),
                None => Cmd::Status(Status::info(ps.nothing_to_edit(&key_name(
                    Context::PaiBozza,
                    Action::Add,
                    s,
                )))),
            },
            Action::Remove => self.ask_remove(env),
            Action::Save => self.save(env),
            Action::Share => self.ask_share(env),
            _ => return None,
        })
    }

    /// Why the edit keys do nothing on this plan.
    fn read_only_reason(&self, env: &Env) -> String {
        let ps = Texts::of(env).pai;
        if self.historic {
            return ps.read_only_version.to_string();
        }
        match self.pai.as_ref().map(|p| &p.stato) {
            Some(PaiStato::Concluso { .. }) => ps.read_only_concluded.to_string(),
            _ => ps.read_only_shared(&key_name(
                Context::PaiLettura,
                Action::Renew,
                Texts::of(env),
            )),
        }
    }

    /// F9 without a plan: a new bozza from the templates of the pathologies.
    fn prepare(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(id) = self.patient_id() else {
            return Cmd::Status(Status::info(ps.no_patient));
        };
        if self.pai.is_some() {
            return Cmd::Status(Status::info(ps.already_has_pai));
        }
        match env.desk.pai().new_pai(id) {
            Ok(pai) => {
                let n = pai.items.len();
                self.saved = Some(pai.clone());
                self.pai = Some(pai);
                self.section = Section::Prestazioni;
                self.states = Default::default();
                let refreshed = self.reload(env.desk);
                match refreshed {
                    Ok(()) => Cmd::Status(Status::success(ps.prepared(
                        n,
                        &key_name(Context::PaiBozza, Action::Save, Texts::of(env)),
                    ))),
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// F9 on a shared plan: a new draft version (the shared one stays in
    /// force until the new one is shared).
    fn new_version(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        if self.historic {
            return Cmd::Status(Status::info(ps.read_only_version));
        }
        let Some(pai) = &self.pai else {
            return Cmd::None;
        };
        if pai.is_editable() {
            return Cmd::Status(Status::info(ps.already_draft));
        }
        match env.desk.pai().new_pai_version(pai.id) {
            Ok(draft) => {
                let v = draft.versione;
                self.saved = Some(draft.clone());
                self.pai = Some(draft);
                match self.reload(env.desk) {
                    Ok(()) => Cmd::Status(Status::success(ps.new_version_made(v))),
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    fn open_versions(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        if self.versions.is_empty() {
            return Cmd::Status(Status::info(ps.no_versions));
        }
        let current = self.pai.as_ref().map(|p| p.id);
        let items = self
            .versions
            .iter()
            .map(|v| {
                let mut line = format!(
                    "{} · {} · {}",
                    ps.version_label(v.versione),
                    ps.state(&v.stato),
                    ps.range(&format::date(v.anno_dal), &format::date(v.anno_al))
                );
                if Some(v.id) == current {
                    line = format!("{line} · {}", ps.on_screen);
                }
                line
            })
            .collect();
        let selected = self
            .versions
            .iter()
            .position(|v| Some(v.id) == current)
            .unwrap_or(0);
        self.picker = Some(Picker::new(
            ps.versions_title.to_string(),
            vec![ps.versions_text.to_string()],
            items,
            selected,
        ));
        Cmd::Redraw
    }

    fn open_version(&mut self, i: usize, env: &Env) -> Cmd {
        let Some(v) = self.versions.get(i).cloned() else {
            return Cmd::Redraw;
        };
        if self.pai.as_ref().is_some_and(|p| p.id == v.id) {
            return Cmd::Redraw;
        }
        match PaiScreen::version(env.desk, v) {
            Ok(screen) => Cmd::push(screen),
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// The dialog for row `row` of the current section (`None`: a new row).
    fn open_form(&mut self, row: Option<usize>, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(pai) = &self.pai else {
            return Cmd::None;
        };
        let form = match self.section {
            Section::Prestazioni => EditForm::item(pai, row.and_then(|i| pai.items.get(i)), ps),
            Section::Farmaci => {
                EditForm::farmaco(row.and_then(|i| pai.farmaci.get(i).map(|f| (i, f))), ps)
            }
            section => {
                let (value, allergia) = row
                    .and_then(|i| text_row(pai, section, i))
                    .map_or((String::new(), false), |(t, a)| (t.to_string(), a));
                EditForm::riga(section, row, &value, allergia, ps)
            }
        };
        self.form = Some(form);
        Cmd::Redraw
    }

    /// Keys of the row dialog; Enter writes the row into the plan on screen.
    fn form_action(&mut self, action: Action, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(form) = &mut self.form else {
            return Cmd::None;
        };
        match form.action(action, ps) {
            None => Cmd::Redraw,
            Some(false) => {
                self.form = None;
                Cmd::Redraw
            }
            Some(true) => {
                let Some(pai) = &mut self.pai else {
                    return Cmd::None;
                };
                let kind = form.kind;
                let row = match kind {
                    FormKind::Item(id) => {
                        let base = match id.and_then(|id| pai.item(id)) {
                            Some(item) => item.clone(),
                            None => PaiItem::new(
                                pai.next_item_id(),
                                Categoria::Visita,
                                "",
                                Frequenza::UnaVolta,
                                Luogo::in_sede(""),
                            ),
                        };
                        let Some(item) = form.read_item(base, ps) else {
                            return Cmd::Redraw;
                        };
                        match pai.items.iter().position(|i| i.id == item.id) {
                            Some(p) => {
                                pai.items[p] = item;
                                p
                            }
                            None => {
                                pai.items.push(item);
                                pai.items.len() - 1
                            }
                        }
                    }
                    FormKind::Farmaco(index) => {
                        let Some(f) = form.read_farmaco(ps) else {
                            return Cmd::Redraw;
                        };
                        match index.filter(|i| *i < pai.farmaci.len()) {
                            Some(i) => {
                                pai.farmaci[i] = f;
                                i
                            }
                            None => {
                                pai.farmaci.push(f);
                                pai.farmaci.len() - 1
                            }
                        }
                    }
                    FormKind::Riga(section, index) => {
                        let Some((text, allergia)) = form.read_riga(ps) else {
                            return Cmd::Redraw;
                        };
                        if let Some(i) = index {
                            remove_text_row(pai, section, i);
                        }
                        insert_text_row(pai, section, index, text, allergia)
                    }
                };
                self.form = None;
                if let Err(e) = self.refresh(env.desk) {
                    return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
                }
                self.states[self.section.index()].select(Some(row));
                Cmd::Status(Status::info(ps.changed(&key_name(
                    Context::PaiBozza,
                    Action::Save,
                    Texts::of(env),
                ))))
            }
        }
    }

    fn ask_remove(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let (Some(pai), Some(i)) = (&self.pai, self.selected()) else {
            return Cmd::Status(Status::info(ps.nothing_to_remove));
        };
        let what = match self.section {
            Section::Prestazioni => pai.items.get(i).map(|it| it.descrizione.clone()),
            Section::Farmaci => pai.farmaci.get(i).map(crate::domain::pai::Farmaco::nome),
            section => text_row(pai, section, i).map(|(t, _)| t.to_string()),
        };
        let Some(what) = what else {
            return Cmd::Status(Status::info(ps.nothing_to_remove));
        };
        let mut lines = vec![ps.remove_question(&what)];
        if self.section == Section::Prestazioni
            && let Some(item) = pai.items.get(i)
        {
            let dependants: Vec<String> = pai
                .items
                .iter()
                .filter(|other| other.dopo.contains(&item.id))
                .map(item_ref)
                .collect();
            if !dependants.is_empty() {
                lines.push(ps.remove_dependants(&dependants.join(", ")));
            }
        }
        lines.push(ps.remove_save(&key_name(Context::PaiBozza, Action::Save, Texts::of(env))));
        Cmd::modal(Modal::confirm(
            PaiPurpose::Remove(self.section, i),
            ps.remove_title.to_string(),
            lines,
        ))
    }

    fn save(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(pai) = self.pai.clone() else {
            return Cmd::None;
        };
        // Refused when another desk saved the draft since this screen read
        // it; the changes stay on screen.
        let result = match self.saved.as_ref().filter(|s| s.id == pai.id) {
            Some(opened) => env.desk.pai().save_pai_draft_opened(opened, pai),
            None => env.desk.pai().save_pai_draft(pai),
        };
        match result {
            Ok(stored) => {
                let v = stored.versione;
                self.saved = Some(stored.clone());
                self.pai = Some(stored);
                match self.reload(env.desk) {
                    Ok(()) => Cmd::Status(Status::success(ps.saved(v))),
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// Ctrl+O: what prevents sharing, or the question.
    fn ask_share(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(pai) = &self.pai else {
            return Cmd::None;
        };
        let problems = pai.validate_for_sharing();
        if !problems.is_empty() {
            let mut lines: Vec<String> = crate::texts::sharing_problems(env.lang, &problems)
                .iter()
                .map(|p| format!("• {p}"))
                .collect();
            lines.push(String::new());
            if pai.clinical_manager.trim().is_empty() {
                // The PAI takes it from the Patto: where it is corrected.
                lines.push(ps.share_fix_cm(
                    &key_name(Context::Global, Action::Patto, Texts::of(env)),
                    &env.key_name(Context::PattoTesto, Action::CorrectCm),
                ));
            }
            lines.push(ps.share_fix.to_string());
            return Cmd::modal(Modal::confirm(
                PaiPurpose::Problems,
                ps.share_blocked_title.to_string(),
                lines,
            ));
        }
        let mut lines = vec![ps.share_frozen.to_string()];
        if self.is_dirty() {
            lines.push(String::new());
            lines.push(ps.share_saves_first.to_string());
        }
        Cmd::modal(Modal::confirm(
            PaiPurpose::Share,
            ps.share_title.to_string(),
            lines,
        ))
    }

    fn ask_export(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        if self.is_dirty() {
            return Cmd::Status(Status::warning(ps.export_save_first(&key_name(
                Context::PaiBozza,
                Action::Save,
                Texts::of(env),
            ))));
        }
        Cmd::modal(Modal::form(
            PaiPurpose::Export,
            ps.export_title.to_string(),
            vec![ps.export_text.to_string()],
            vec![DialogField::Text {
                label: ps.f_folder.to_string(),
                input: field::input_with(&default_export_dir(env.desk).display().to_string()),
            }],
        ))
    }

    /// The operator confirmed a dialog of this screen.
    pub fn confirmed(&mut self, purpose: PaiPurpose, modal: Modal, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        match purpose {
            PaiPurpose::Problems => Cmd::Redraw,
            PaiPurpose::Remove(section, i) => {
                let Some(pai) = &mut self.pai else {
                    return Cmd::None;
                };
                match section {
                    Section::Prestazioni => {
                        if let Some(id) = pai.items.get(i).map(|it| it.id) {
                            pai.remove_item(id);
                        }
                    }
                    Section::Farmaci => {
                        if i < pai.farmaci.len() {
                            pai.farmaci.remove(i);
                        }
                    }
                    section => remove_text_row(pai, section, i),
                }
                match self.refresh(env.desk) {
                    Ok(()) => Cmd::Status(Status::info(ps.removed(&key_name(
                        Context::PaiBozza,
                        Action::Save,
                        Texts::of(env),
                    )))),
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            PaiPurpose::Share => self.share(env),
            PaiPurpose::Export => self.export(modal, env),
            PaiPurpose::Publish => self.publish(modal, env),
        }
    }

    fn share(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        if self.is_dirty() {
            let saved = self.save(env);
            if self.is_dirty() {
                return saved;
            }
        }
        let Some(id) = self.pai.as_ref().map(|p| p.id) else {
            return Cmd::None;
        };
        match env.desk.pai().share_pai(id) {
            Ok(shared) => {
                let (v, il) = match &shared.stato {
                    PaiStato::Condiviso {
                        versione,
                        condiviso_il,
                        ..
                    } => (*versione, *condiviso_il),
                    _ => (shared.versione, env.today),
                };
                self.saved = Some(shared.clone());
                self.pai = Some(shared);
                if let Err(e) = self.reload(env.desk) {
                    return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
                }
                Cmd::Status(Status::success(ps.shared(
                    v,
                    &format::date(il),
                    &key_name(Context::PaiLettura, Action::Print, Texts::of(env)),
                )))
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    fn export(&mut self, mut modal: Modal, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let dir = modal.text(0).trim().to_string();
        if dir.is_empty() {
            modal.error = Some(ps.err_folder_empty.to_string());
            return Cmd::modal(modal);
        }
        let (Some(pai), Some(_)) = (&self.pai, &self.patient) else {
            return Cmd::None;
        };
        match write_export(env, pai, Path::new(&dir)) {
            Ok(files) => {
                let names: Vec<String> = files
                    .iter()
                    .filter_map(|f| f.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect();
                Cmd::Status(Status::success(ps.exported(&dir, &names.join(", "))))
            }
            Err(e) => {
                modal.error = Some(e);
                Cmd::modal(modal)
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        match (&self.patient, &self.pai) {
            (None, _) => self.draw_no_patient(frame, area, env),
            (Some(_), None) => self.draw_no_plan(frame, area, env),
            (Some(_), Some(_)) => self.draw_plan(frame, area, env),
        }
        if let Some(form) = &mut self.form {
            form.draw(frame, area, env, focused);
        }
        if let Some(picker) = &mut self.picker {
            picker.draw(frame, area, env);
        }
    }

    fn draw_no_patient(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        let lines = vec![
            Line::raw(""),
            Line::styled(format!(" {}", s.pai.no_patient), theme.warning),
            Line::raw(format!(
                " {}",
                s.pai
                    .fix_patient(&key_name(Context::Global, Action::Patients, s))
            )),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// The patient line: name, codice fiscale and, last, the pathologies.
    fn patient_line<'a>(&self, env: &Env) -> Line<'a> {
        let theme = env.theme;
        let Some(p) = &self.patient else {
            return Line::raw("");
        };
        Line::from(vec![
            Span::raw(" "),
            Span::styled(format!("{} {}", p.cognome, p.nome), theme.section),
            Span::raw(format!("   {}", p.codice_fiscale)),
            Span::styled(
                if p.patologie.is_empty() {
                    String::new()
                } else {
                    let catalogue = crate::service::pathologies();
                    let labels: Vec<String> =
                        p.patologie.iter().map(|c| catalogue.label(c)).collect();
                    format!("   {}", labels.join(", "))
                },
                theme.muted,
            ),
        ])
    }

    fn draw_no_plan(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let ps = s.pai;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let mut lines = vec![self.patient_line(env), Line::raw("")];
        let warn = |text: &str, fix: String, lines: &mut Vec<Line>| {
            for part in format::wrap(&format!("{WARNING_MARK}{text}"), width) {
                lines.push(Line::styled(format!(" {part}"), theme.warning));
            }
            lines.push(Line::raw(format!(" {fix}")));
            lines.push(Line::raw(""));
        };
        let no_pathologies = self
            .patient
            .as_ref()
            .is_some_and(|p| p.patologie.is_empty());
        if !self.has_presa {
            warn(
                ps.no_gestore,
                ps.fix_gestore(&key_name(Context::Global, Action::Gestore, s)),
                &mut lines,
            );
        }
        if no_pathologies {
            warn(
                ps.no_pathologies,
                ps.fix_pathologies(&key_name(Context::Pai, Action::Edit, s)),
                &mut lines,
            );
        }
        if self.has_presa && !no_pathologies {
            lines.push(Line::raw(format!(" {}", ps.no_plan)));
            lines.push(Line::raw(format!(
                " {}",
                ps.fix_prepare(&key_name(Context::Pai, Action::Prepare, s))
            )));
            lines.push(Line::raw(""));
            for part in format::wrap(ps.prepare_note, width) {
                lines.push(Line::styled(format!(" {part}"), theme.muted));
            }
            lines.push(Line::raw(""));
        }
        if !self.versions.is_empty() {
            lines.push(Line::raw(format!(
                " {}",
                ps.older_versions(
                    self.versions.len(),
                    &key_name(Context::Pai, Action::Versions, s)
                )
            )));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn draw_plan(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let ps = s.pai;
        let theme = env.theme;
        let Some(pai) = &self.pai else {
            return;
        };
        let width = usize::from(area.width);
        let wide = area.width >= 110;
        // The heading: patient, version and state, period and Clinical
        // Manager, then where the plan comes from and what can be done.
        let state = ps.state(&pai.stato);
        // The pathologies last: they are cut first on a narrow window.
        let mut head = self.patient_line(env);
        let pathologies = head.spans.pop();
        head.spans.push(Span::styled(
            format!("   {} · {state}", ps.version_label(pai.versione)),
            theme.label_focused,
        ));
        head.spans.extend(pathologies);
        let period = format!(
            " {} · {}: {}",
            ps.period(&format::date(pai.anno_dal), &format::date(pai.anno_al)),
            ps.clinical_manager,
            if pai.clinical_manager.trim().is_empty() {
                s.kit.none
            } else {
                pai.clinical_manager.as_str()
            }
        );
        let mut notes: Vec<Span> = vec![Span::raw(" ")];
        if let Some(note) = self.publication_note(env) {
            notes.extend([note, Span::raw("   ")]);
        }
        if self.historic {
            notes.push(Span::styled(ps.read_only_version, theme.warning));
        } else if pai.is_editable() {
            if pai.precedente.is_none() {
                notes.push(Span::styled(
                    format!("{WARNING_MARK}{TEMPLATE_LABEL}"),
                    theme.warning,
                ));
            } else {
                notes.push(Span::styled(
                    ps.draft_of_version(pai.versione.saturating_sub(1)),
                    theme.warning,
                ));
            }
            if self.is_dirty() {
                notes.push(Span::raw("   "));
                notes.push(Span::styled(
                    ps.unsaved(&key_name(Context::PaiBozza, Action::Save, s)),
                    theme.status_warning,
                ));
            }
        } else {
            notes.push(Span::styled(self.read_only_reason(env), theme.muted));
        }
        let lines = vec![
            head,
            Line::raw(format::truncate(&period, width)),
            Line::from(notes),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        if area.height < 8 {
            return;
        }

        // The tabs.
        let tabs_area = Rect {
            y: area.y + 3,
            height: 1,
            ..area
        };
        let mut tabs: Vec<Span> = vec![Span::raw(" ")];
        for (i, section) in SECTIONS.into_iter().enumerate() {
            if i > 0 {
                tabs.push(Span::styled("│", theme.muted));
            }
            let label = if wide {
                format!("{} ({})", ps.section(section), self.rows(section))
            } else {
                ps.section(section).to_string()
            };
            if section == self.section {
                tabs.push(Span::styled(format!("{MARKER}{label} "), theme.selected));
            } else {
                tabs.push(Span::raw(format!(" {label} ")));
            }
        }
        frame.render_widget(Paragraph::new(Line::from(tabs)), tabs_area);

        // The rows of the section, then the selected row in full.
        let detail_rows: u16 = 4;
        let table_area = Rect {
            y: area.y + 4,
            height: area.height.saturating_sub(4 + detail_rows),
            ..area
        };
        let detail_area = Rect {
            y: table_area.bottom(),
            height: detail_rows.min(area.height.saturating_sub(4)),
            ..area
        };
        self.page = usize::from(table_area.height.saturating_sub(1)).max(1);
        let editable = self.editable();
        if self.rows(self.section) == 0 {
            let empty = if editable {
                ps.empty_section(&key_name(Context::PaiBozza, Action::Add, s))
            } else {
                ps.empty_section_read_only.to_string()
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {empty}"), theme.muted)),
                table_area,
            );
        } else {
            let table = self.table(env, width, wide);
            self.states[self.section.index()].render(frame, table_area, table, 1);
        }
        let detail = self.detail(env, usize::from(area.width.saturating_sub(2)));
        let mut lines = vec![self.more_keys(env, width)];
        lines.extend(
            detail
                .into_iter()
                .take(usize::from(detail_rows) - 1)
                .map(|l| Line::raw(format!(" {l}"))),
        );
        frame.render_widget(Paragraph::new(lines), detail_area);
    }

    /// The separator above the selected row, with the keys of the context
    /// that the footer has no room for.
    fn more_keys<'a>(&self, env: &Env, width: usize) -> Line<'a> {
        let s = Texts::of(env);
        let theme = env.theme;
        let context = self.context();
        let actions: &[Action] = match context {
            Context::PaiBozza => &[
                Action::Edit,
                Action::NextField,
                Action::Print,
                Action::Versions,
            ],
            Context::PaiLettura => &[Action::NextField],
            _ => &[],
        };
        let mut spans = vec![Span::styled("──", theme.muted)];
        for action in actions {
            let shown = keys::KEYS
                .iter()
                .any(|b| b.context == context && b.action == *action && b.hint);
            let first = keys::KEYS
                .iter()
                .find(|b| b.context == context && b.action == *action);
            if let (false, Some(b)) = (shown, first) {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(b.key.name(s), theme.footer_key));
                spans.push(Span::styled(
                    format!(" {} ", (b.label)(s.lang)),
                    theme.muted,
                ));
                spans.push(Span::styled("─", theme.muted));
            }
        }
        let used: usize = spans.iter().map(Span::width).sum();
        if used > width {
            return Line::styled("─".repeat(width), theme.muted);
        }
        spans.push(Span::styled("─".repeat(width - used), theme.muted));
        Line::from(spans)
    }

    /// The table of the current section, `width` columns wide. Every column
    /// has a fixed width, so that cut texts end with "…".
    fn table(&self, env: &Env, width: usize, wide: bool) -> Table<'static> {
        let ps = Texts::of(env).pai;
        let theme = env.theme;
        let Some(pai) = &self.pai else {
            return Table::default();
        };
        // The marker of the selected row takes two columns.
        let usable = |fixed: &[usize]| {
            width
                .saturating_sub(2 + fixed.iter().sum::<usize>() + fixed.len())
                .max(8)
        };
        let cut = |text: &str, w: usize| Cell::from(format::truncate(text, w));
        let (header, rows, widths): (Vec<&str>, Vec<Row>, Vec<usize>) = match self.section {
            Section::Prestazioni => {
                let fixed: Vec<usize> = if wide {
                    vec![12, 14, 18, 12, 9, 4, 5, 5]
                } else {
                    vec![12, 14, if width >= 96 { 22 } else { 16 }, 4]
                };
                let descr = usable(&fixed);
                let progress = |id| self.progress.iter().find(|p| p.item == id).copied();
                let rows = pai
                    .items
                    .iter()
                    .map(|item| {
                        let p = progress(item.id);
                        let count = |f: fn(&ItemProgress) -> u32| {
                            Cell::from(p.as_ref().map_or(String::new(), |p| f(p).to_string()))
                        };
                        let mut cells = vec![
                            cut(ps.categoria_short(item.categoria), fixed[0]),
                            cut(&item.descrizione, descr),
                            cut(
                                &crate::texts::label::frequenza(env.lang, item.frequenza),
                                fixed[1],
                            ),
                            cut(&luogo_short(&item.luogo, ps), fixed[2]),
                        ];
                        if wide {
                            cells.push(cut(item.preparazione.as_deref().unwrap_or(""), fixed[3]));
                            cells.push(cut(&item.patologie.join(","), fixed[4]));
                        }
                        cells.push(count(|p| p.needed));
                        if wide {
                            cells.push(count(|p| p.booked));
                            cells.push(count(|p| p.done));
                        }
                        Row::new(cells)
                    })
                    .collect();
                let mut widths = vec![fixed[0], descr];
                widths.extend_from_slice(&fixed[1..]);
                let header = if wide {
                    vec![
                        ps.col_categoria,
                        ps.col_descrizione,
                        ps.col_frequenza,
                        ps.col_luogo,
                        ps.col_preparazione,
                        ps.col_patologie,
                        ps.col_occ,
                        ps.col_pren,
                        ps.col_eseg,
                    ]
                } else {
                    vec![
                        ps.col_categoria,
                        ps.col_descrizione,
                        ps.col_frequenza,
                        ps.col_luogo,
                        ps.col_occ,
                    ]
                };
                (header, rows, widths)
            }
            Section::Farmaci => {
                let durata = if wide { 16 } else { 12 };
                let rest = usable(&[durata, 0, 0]);
                let nome = rest * 2 / 5;
                let posologia = rest * 2 / 5;
                let note = rest - nome - posologia;
                (
                    vec![ps.col_farmaco, ps.col_posologia, ps.col_durata, ps.col_note],
                    pai.farmaci
                        .iter()
                        .map(|f| {
                            Row::new(vec![
                                cut(&f.nome(), nome),
                                cut(&f.posologia, posologia),
                                cut(&f.durata, durata),
                                cut(&f.note, note),
                            ])
                        })
                        .collect(),
                    vec![nome, posologia, durata, note],
                )
            }
            Section::EsenzioniAllergie => {
                let voce = usable(&[10]);
                (
                    vec![ps.col_tipo, ps.col_voce],
                    (0..self.rows(Section::EsenzioniAllergie))
                        .filter_map(|i| text_row(pai, Section::EsenzioniAllergie, i))
                        .map(|(t, allergia)| {
                            Row::new(vec![
                                Cell::from(if allergia { ps.allergia } else { ps.esenzione }),
                                cut(t, voce),
                            ])
                        })
                        .collect(),
                    vec![10, voce],
                )
            }
            section => {
                let text = usable(&[3]);
                (
                    vec![ps.col_n, ps.section(section)],
                    (0..self.rows(section))
                        .filter_map(|i| text_row(pai, section, i).map(|(t, _)| (i, t)))
                        .map(|(i, t)| {
                            Row::new(vec![Cell::from(format!("{}", i + 1)), cut(t, text)])
                        })
                        .collect(),
                    vec![3, text],
                )
            }
        };
        let widths: Vec<Constraint> = widths
            .into_iter()
            .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)))
            .collect();
        Table::new(rows, widths)
            .header(
                Row::new(header.into_iter().map(Cell::from).collect::<Vec<_>>())
                    .style(theme.table_header),
            )
            .selectable(theme)
    }

    /// The selected row in full, wrapped to `width`.
    fn detail(&self, env: &Env, width: usize) -> Vec<String> {
        let s = Texts::of(env);
        let ps = s.pai;
        let (Some(pai), Some(i)) = (&self.pai, self.selected()) else {
            return Vec::new();
        };
        let text = match self.section {
            Section::Prestazioni => {
                let Some(item) = pai.items.get(i) else {
                    return Vec::new();
                };
                let p = self.progress.iter().find(|p| p.item == item.id).copied();
                let mut first = format!("n. {} · {}", item.id, item.descrizione);
                if let Some(code) = &item.codice_prestazione {
                    first = format!("{first} · {}", ps.code(code));
                }
                let mut lines = format::wrap(&first, width);
                lines.truncate(1);
                let summary = p.map_or(String::new(), |p| ps.summary(p.needed, p.booked, p.done));
                let dopo: Vec<String> = item.dopo.iter().map(|d| format!("n. {d}")).collect();
                let mut rest = vec![
                    summary,
                    format!(
                        "{}: {}",
                        ps.col_luogo,
                        crate::texts::label::luogo(env.lang, &item.luogo)
                    ),
                ];
                if let Some(prep) = &item.preparazione {
                    rest.push(format!("{}: {prep}", ps.col_preparazione));
                }
                if !item.patologie.is_empty() {
                    rest.push(format!(
                        "{}: {}",
                        ps.col_patologie,
                        item.patologie
                            .iter()
                            .map(|c| crate::service::pathologies().label(c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !dopo.is_empty() {
                    rest.push(format!("{}: {}", ps.f_dopo, dopo.join(", ")));
                }
                if !item.note.trim().is_empty() {
                    rest.push(format!("{}: {}", ps.col_note, item.note.trim()));
                }
                lines.extend(format::wrap(&rest.join(" · "), width));
                return lines;
            }
            Section::Farmaci => {
                let Some(f) = pai.farmaci.get(i) else {
                    return Vec::new();
                };
                let mut parts = vec![f.nome()];
                for (label, value) in [
                    (ps.col_posologia, &f.posologia),
                    (ps.col_durata, &f.durata),
                    (ps.col_note, &f.note),
                ] {
                    if !value.trim().is_empty() {
                        parts.push(format!("{label}: {}", value.trim()));
                    }
                }
                parts.join(" · ")
            }
            section => match text_row(pai, section, i) {
                Some((t, _)) => t.to_string(),
                None => return Vec::new(),
            },
        };
        format::wrap(&text, width)
    }
}

/// Line `i` of a text section and whether it is an allergy (esenzioni e
/// allergie: the esenzioni first, then the allergie).
fn text_row(pai: &Pai, section: Section, i: usize) -> Option<(&str, bool)> {
    match section {
        Section::StileDiVita => pai.stile_di_vita.get(i).map(|t| (t.as_str(), false)),
        Section::Vaccinazioni => pai.vaccinazioni.get(i).map(|t| (t.as_str(), false)),
        Section::EsenzioniAllergie => match pai.esenzioni.get(i) {
            Some(t) => Some((t.as_str(), false)),
            None => pai
                .allergie
                .get(i - pai.esenzioni.len())
                .map(|t| (t.as_str(), true)),
        },
        _ => None,
    }
}

fn remove_text_row(pai: &mut Pai, section: Section, i: usize) {
    let (list, i) = match section {
        Section::StileDiVita => (&mut pai.stile_di_vita, i),
        Section::Vaccinazioni => (&mut pai.vaccinazioni, i),
        Section::EsenzioniAllergie if i < pai.esenzioni.len() => (&mut pai.esenzioni, i),
        Section::EsenzioniAllergie => {
            let n = pai.esenzioni.len();
            (&mut pai.allergie, i - n)
        }
        _ => return,
    };
    if i < list.len() {
        list.remove(i);
    }
}

/// Puts a line back where it was (`index`) or at the end; returns its row.
fn insert_text_row(
    pai: &mut Pai,
    section: Section,
    index: Option<usize>,
    text: String,
    allergia: bool,
) -> usize {
    let put = |list: &mut Vec<String>, at: Option<usize>| -> usize {
        let at = at.unwrap_or(list.len()).min(list.len());
        list.insert(at, text);
        at
    };
    match section {
        Section::StileDiVita => put(&mut pai.stile_di_vita, index),
        Section::Vaccinazioni => put(&mut pai.vaccinazioni, index),
        Section::EsenzioniAllergie if allergia => {
            let n = pai.esenzioni.len();
            let at = index.and_then(|i| i.checked_sub(n));
            n + put(&mut pai.allergie, at)
        }
        Section::EsenzioniAllergie => {
            let at = index.filter(|i| *i <= pai.esenzioni.len());
            put(&mut pai.esenzioni, at)
        }
        Section::Prestazioni | Section::Farmaci => 0,
    }
}

/// Where, in a narrow column: the resource in sede, or the provider with
/// "(est.)".
fn luogo_short(luogo: &Luogo, ps: &PaiStrings) -> String {
    if luogo.is_in_sede() {
        luogo.nome().to_string()
    } else {
        format!("{} {}", luogo.nome(), ps.esterno_short)
    }
}

/// Writes `pai-<CF>-v<N>.pdf` and `.json` into `dir`, as `sportello export
/// pai` does; returns the paths written.
fn write_export(env: &Env, pai: &Pai, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let document = env
        .desk
        .pai()
        .pai_document(pai)
        .map_err(|e| crate::texts::error(env.lang, &e))?;
    document.write_into(dir).map_err(|e| {
        Texts::of(env)
            .pai
            .err_folder(&dir.display().to_string(), &e.to_string())
    })
}

impl crate::tui::kit::screen::Screen for PaiScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::pai::keys::KEYS
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

    fn input_changed(&mut self, _env: &Env) -> Cmd {
        Self::input_changed(self)
    }

    fn is_dirty(&self) -> bool {
        Self::is_dirty(self)
    }

    fn save_changes(&mut self, env: &Env) -> Cmd {
        Self::action(self, Action::Save, env).unwrap_or(Cmd::None)
    }

    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        Self::patient(self)
    }

    fn owner(&self) -> Option<crate::domain::PatientId> {
        crate::tui::kit::screen::Screen::patient(self).map(|(id, _)| id)
    }

    fn resumed(&mut self, desk: &crate::service::Desk) -> Result<(), crate::service::DeskError> {
        self.reload(desk)
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients, Prese, Pai, Agenda]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = self.reload(env.desk);
    }

    fn has_dialog(&self) -> bool {
        Self::has_dialog(self)
    }

    fn typed(&mut self, c: char, env: &Env) -> Option<Cmd> {
        let ps = Texts::of(env).pai;
        let form = self.form.as_mut()?;
        form.typed(c, ps).then_some(Cmd::Redraw)
    }

    crate::screen_any!();
}

#[cfg(test)]
mod tests;
