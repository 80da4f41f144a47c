//! Amministrazione › the agenda set-up: the practice's resources and their
//! weekly availability (fasce), the closures, and the appointments a change
//! left outside availability, each moved to the first free slot the operator
//! confirms.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, Wrap};

use crate::domain::agenda::{
    Appointment, AppointmentId, Closure, ClosureId, GIORNI_REFERTO_MAX, Pattern, Resource,
    ResourceId, ResultDays, parse_giorni,
};
use crate::domain::text::fold;
use crate::service::agenda::OutsideLine;
use crate::tui::admin::AdminScreen;
use crate::tui::admin::strings::Texts;
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::Action;
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::MARKER;
use crate::tui::kit::theme::Selectable;

/// The dialogs of these sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaAdminPurpose {
    NewResource,
    EditResource(ResourceId),
    NewPattern(ResourceId),
    EditPattern(ResourceId, usize),
    RemovePattern(ResourceId, usize),
    NewClosure,
    RemoveClosure(ClosureId),
    /// Choose the resource to copy the week of the first one to.
    CopyWeekTo(ResourceId),
    /// Replace the time ranges of the second resource with the first's.
    CopyWeek(ResourceId, ResourceId),
    /// Move an appointment to the proposed start.
    Move {
        id: AppointmentId,
        start: NaiveDateTime,
    },
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn text_field(label: &str, value: &str) -> DialogField {
    DialogField::Text {
        label: label.to_string(),
        input: field::input_with(value),
    }
}

fn choice_field(label: &str, options: Vec<String>, selected: usize) -> DialogField {
    DialogField::Choice {
        label: label.to_string(),
        options,
        selected,
    }
}

/// "08:30" (also "8:30", "0830", "8").
fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H.%M"))
        .or_else(|_| NaiveTime::parse_from_str(t, "%H%M"))
        .ok()
        .or_else(|| {
            let h: u32 = t.parse().ok()?;
            NaiveTime::from_hms_opt(h, 0, 0)
        })
}

fn time_of(s: &Texts, label: &str, text: &str) -> Result<NaiveTime, String> {
    parse_time(text).ok_or_else(|| s.agenda_admin.err_time(label, text.trim()))
}

fn date_of(s: &Texts, label: &str, text: &str) -> Result<NaiveDate, String> {
    format::parse_date(text).ok_or_else(|| s.agenda_admin.err_date(label, text.trim()))
}

/// An empty field is `None`.
fn optional_date(s: &Texts, label: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        date_of(s, label, text).map(Some)
    }
}

fn number_of(s: &Texts, label: &str, text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .map_err(|_| s.agenda_admin.err_number(label, text.trim()))
}

/// "dal 01/01/2026", "dal 01/01/2026 al 31/12/2026" (compact:
/// "01/01/2026–31/12/2026"), "—": from the earliest start of the fasce to
/// the latest end (open-ended if one is).
fn validity(r: &Resource, s: &Texts, compact: bool) -> String {
    let x = s.agenda_admin;
    let Some(from) = r.patterns.iter().map(|p| p.valido_dal).min() else {
        return s.kit.none.to_string();
    };
    let open = r.patterns.iter().any(|p| p.valido_al.is_none());
    match r.patterns.iter().filter_map(|p| p.valido_al).max() {
        Some(to) if !open && compact => format!("{}–{}", format::date(from), format::date(to)),
        Some(to) if !open => x.valid_from_to(&format::date(from), &format::date(to)),
        _ => x.valid_from(&format::date(from)),
    }
}

/// The note on a fascia whose length is not a multiple of the slot.
fn remainder_note(p: &Pattern, s: &Texts) -> Option<String> {
    let span = (p.alle.num_seconds_from_midnight() - p.dalle.num_seconds_from_midnight()) / 60;
    let step = u32::from(p.durata_min.max(1));
    let rest = span % step;
    (rest != 0).then(|| {
        s.agenda_admin.remainder(
            &format!("{}-{}", hm(p.dalle), hm(p.alle)),
            p.durata_min,
            span / step,
            rest,
        )
    })
}

impl From<AgendaAdminPurpose> for Submit {
    fn from(purpose: AgendaAdminPurpose) -> Submit {
        Submit::on_try(move |admin: &mut AdminScreen, modal, env| {
            confirm(admin, purpose, modal, env)
        })
    }
}

/// Where a dialog of these sections lands: the section on top of the stack.
pub fn confirm(
    admin: &mut AdminScreen,
    purpose: AgendaAdminPurpose,
    modal: &Modal,
    env: &Env,
) -> Result<Cmd, String> {
    match admin {
        AdminScreen::Risorse(r) => r.confirm(purpose, modal, env),
        AdminScreen::Chiusure(c) => c.confirm(purpose, modal, env),
        AdminScreen::Fuori(f) => f.confirm(purpose, env),
        _ => Ok(Cmd::None),
    }
}

/// After a save: the list of appointments left outside, pushed over the
/// section, with a warning; or the success message.
fn after_save(outside: usize, done: String, env: &Env) -> Cmd {
    let x = Texts::of(env).agenda_admin;
    if outside == 0 {
        return Cmd::Status(Status::success(done));
    }
    Cmd::Many(vec![
        Cmd::push(AdminScreen::Fuori(FuoriSection::new(env))),
        Cmd::Status(Status::warning(x.now_outside(&done, outside))),
    ])
}

// ---------------------------------------------------------------------------
// Risorse agenda

/// Which list has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Risorse,
    Fasce,
}

pub struct RisorseSection {
    resources: Vec<Resource>,
    /// Working days the results of each kind take.
    result_days: ResultDays,
    /// The kinds offered: those of the PAI templates, then any other stored.
    kinds: Vec<String>,
    selection: ListState,
    fasce: ListState,
    pane: Pane,
    problem: Option<String>,
}

impl RisorseSection {
    pub fn new(env: &Env) -> RisorseSection {
        let mut section = RisorseSection {
            resources: Vec::new(),
            result_days: ResultDays::default(),
            kinds: Vec::new(),
            selection: ListState::default(),
            fasce: ListState::default(),
            pane: Pane::Risorse,
            problem: None,
        };
        section.reload(env, None);
        section
    }

    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn selected(&self) -> Option<&Resource> {
        self.selection
            .selected()
            .and_then(|i| self.resources.get(i))
    }

    /// Reads the resources again after another desk wrote, keeping the
    /// selected one.
    pub fn refresh(&mut self, env: &Env) {
        self.reload(env, None);
    }

    /// Reads the resources again, keeping (or moving to) `select`.
    fn reload(&mut self, env: &Env, select: Option<ResourceId>) {
        let keep = select.or_else(|| self.selected().map(|r| r.id));
        match env
            .desk
            .agenda()
            .resources()
            .and_then(|list| Ok((list, env.desk.agenda().result_days()?)))
        {
            Ok((list, days)) => {
                self.resources = list;
                self.result_days = days;
                self.problem = None;
            }
            Err(e) => self.problem = Some(crate::texts::error(env.lang, &e)),
        }
        self.kinds = crate::service::pai_templates()
            .resource_kinds()
            .into_iter()
            .map(str::to_string)
            .collect();
        for r in &self.resources {
            if !r.tipo.trim().is_empty() && !self.kinds.iter().any(|k| fold(k) == fold(&r.tipo)) {
                self.kinds.push(r.tipo.clone());
            }
        }
        let at = keep
            .and_then(|id| self.resources.iter().position(|r| r.id == id))
            .unwrap_or(0);
        self.selection
            .select((!self.resources.is_empty()).then_some(at));
        let fasce = self.selected().map_or(0, |r| r.patterns.len());
        self.fasce.keep_within(fasce);
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let x = Texts::of(env).agenda_admin;
        Some(match action {
            Action::Up | Action::Down => {
                let delta = if action == Action::Up { -1 } else { 1 };
                match self.pane {
                    Pane::Risorse => {
                        self.selection.move_by(self.resources.len(), delta);
                        let n = self.selected().map_or(0, |r| r.patterns.len());
                        self.fasce.select((n > 0).then_some(0));
                    }
                    Pane::Fasce => {
                        let n = self.selected().map_or(0, |r| r.patterns.len());
                        self.fasce.move_by(n, delta);
                    }
                }
                Cmd::Redraw
            }
            Action::NextField | Action::PrevField => {
                self.pane = match self.pane {
                    Pane::Risorse if self.selected().is_some() => Pane::Fasce,
                    Pane::Risorse => return Some(Cmd::Status(Status::info(x.add_resource_first))),
                    Pane::Fasce => Pane::Risorse,
                };
                Cmd::Redraw
            }
            Action::Add => match (self.pane, self.selected()) {
                (Pane::Risorse, _) => Cmd::modal(self.resource_dialog(None, env)),
                (Pane::Fasce, Some(r)) => Cmd::modal(self.pattern_dialog(r.id, None, env)),
                (Pane::Fasce, None) => Cmd::Status(Status::info(x.add_resource_first)),
            },
            Action::Open => match (self.pane, self.selected()) {
                (_, None) => Cmd::Status(Status::info(x.add_resource_first)),
                (Pane::Risorse, Some(r)) => {
                    let r = r.clone();
                    Cmd::modal(self.resource_dialog(Some(&r), env))
                }
                (Pane::Fasce, Some(r)) => match self.fasce.selected() {
                    Some(i) if i < r.patterns.len() => {
                        Cmd::modal(self.pattern_dialog(r.id, Some(i), env))
                    }
                    _ => Cmd::Status(Status::info(x.no_fasce_yet)),
                },
            },
            Action::Remove => match (self.pane, self.selected(), self.fasce.selected()) {
                (Pane::Fasce, Some(r), Some(i)) if i < r.patterns.len() => {
                    Cmd::modal(Modal::confirm(
                        AgendaAdminPurpose::RemovePattern(r.id, i),
                        x.remove_fascia_title.to_string(),
                        vec![x.remove_fascia_question(
                            &crate::texts::label::pattern(env.lang, &r.patterns[i]),
                            &r.nome,
                        )],
                    ))
                }
                _ => Cmd::Status(Status::info(x.remove_where)),
            },
            Action::CopyWeek => match self.selected() {
                None => Cmd::Status(Status::info(x.add_resource_first)),
                Some(r) if r.patterns.is_empty() => Cmd::Status(Status::info(x.copy_week_nothing)),
                Some(_) if self.resources.len() < 2 => {
                    Cmd::Status(Status::info(x.copy_week_needs_two))
                }
                Some(r) => {
                    let others: Vec<String> = self
                        .resources
                        .iter()
                        .filter(|o| o.id != r.id)
                        .map(|o| o.nome.clone())
                        .collect();
                    Cmd::modal(Modal::form(
                        AgendaAdminPurpose::CopyWeekTo(r.id),
                        format!("{} · {}", x.copy_week_title, r.nome),
                        vec![x.copy_week_intro(&r.nome)],
                        vec![choice_field(x.f_copy_to, others, 0)],
                    ))
                }
            },
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// The time ranges of a resource, for a confirmation: "lunedì
    /// 08:00-12:00, martedì 08:00-12:00".
    fn fasce_list(r: &Resource) -> String {
        r.patterns
            .iter()
            .map(Pattern::label)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn resource_dialog(&self, r: Option<&Resource>, env: &Env) -> Modal {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let kind = r
            .and_then(|r| self.kinds.iter().position(|k| fold(k) == fold(&r.tipo)))
            .unwrap_or(0);
        let (title, purpose) = match r {
            Some(r) => (
                x.edit_resource_title(&r.nome),
                AgendaAdminPurpose::EditResource(r.id),
            ),
            None => (
                x.new_resource_title.to_string(),
                AgendaAdminPurpose::NewResource,
            ),
        };
        Modal::form(
            purpose,
            title,
            vec![x.resource_intro.to_string()],
            vec![
                text_field(x.f_nome, r.map_or("", |r| r.nome.as_str())),
                choice_field(x.f_tipo, self.kinds.clone(), kind),
                choice_field(
                    x.f_attiva,
                    vec![x.yes.to_string(), x.no.to_string()],
                    usize::from(r.is_some_and(|r| !r.attiva)),
                ),
                text_field(
                    x.f_giorni_referto,
                    &self
                        .result_days
                        .get(self.kinds.get(kind).map_or("", String::as_str))
                        .to_string(),
                ),
            ],
        )
    }

    fn pattern_dialog(&self, resource: ResourceId, index: Option<usize>, env: &Env) -> Modal {
        let x = Texts::of(env).agenda_admin;
        let r = self.resources.iter().find(|r| r.id == resource);
        let p = index.and_then(|i| r.and_then(|r| r.patterns.get(i)));
        let nome = r.map_or("", |r| r.nome.as_str());
        let (title, purpose) = match (p, index) {
            (Some(p), Some(i)) => (
                x.edit_fascia_title(&crate::texts::label::pattern(env.lang, p), nome),
                AgendaAdminPurpose::EditPattern(resource, i),
            ),
            _ => (
                x.new_fascia_title(nome),
                AgendaAdminPurpose::NewPattern(resource),
            ),
        };
        Modal::form(
            purpose,
            title,
            vec![x.fascia_intro.to_string()],
            vec![
                text_field(
                    x.f_giorni,
                    &p.map_or(String::new(), |p| {
                        crate::texts::label::giorni(env.lang, &[p.giorno])
                    }),
                ),
                text_field(x.f_dalle, &p.map_or(String::new(), |p| hm(p.dalle))),
                text_field(x.f_alle, &p.map_or(String::new(), |p| hm(p.alle))),
                text_field(
                    x.f_durata,
                    &p.map_or("15".to_string(), |p| p.durata_min.to_string()),
                ),
                text_field(
                    x.f_capacita,
                    &p.map_or("1".to_string(), |p| p.capacita.to_string()),
                ),
                text_field(
                    x.f_valido_dal,
                    &format::date(p.map_or(env.today, |p| p.valido_dal)),
                ),
                text_field(
                    x.f_valido_al,
                    &p.and_then(|p| p.valido_al)
                        .map(format::date)
                        .unwrap_or_default(),
                ),
            ],
        )
    }

    /// The fasce typed in the dialog, one per weekday given, checked.
    fn patterns_of(modal: &Modal, env: &Env) -> Result<Vec<Pattern>, String> {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let giorni =
            parse_giorni(modal.text(0)).ok_or_else(|| x.err_giorni(modal.text(0).trim()))?;
        let dalle = time_of(s, x.f_dalle, modal.text(1))?;
        let alle = time_of(s, x.f_alle, modal.text(2))?;
        let durata_min = number_of(s, x.f_durata, modal.text(3))?;
        let capacita = number_of(s, x.f_capacita, modal.text(4))?;
        let valido_dal = date_of(s, x.f_valido_dal, modal.text(5))?;
        let valido_al = optional_date(s, x.f_valido_al, modal.text(6))?;
        let patterns: Vec<Pattern> = giorni
            .into_iter()
            .map(|giorno| Pattern {
                giorno,
                dalle,
                alle,
                durata_min,
                capacita,
                valido_dal,
                valido_al,
            })
            .collect();
        for p in &patterns {
            p.validate().map_err(|e| x.fix(&e.to_string()))?;
        }
        Ok(patterns)
    }

    fn confirm(
        &mut self,
        purpose: AgendaAdminPurpose,
        modal: &Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let stored = |id: ResourceId| {
            self.resources
                .iter()
                .find(|r| r.id == id)
                .cloned()
                .ok_or_else(|| x.resource_missing.to_string())
        };
        match purpose {
            AgendaAdminPurpose::NewResource | AgendaAdminPurpose::EditResource(_) => {
                let mut r = match purpose {
                    AgendaAdminPurpose::EditResource(id) => stored(id)?,
                    _ => Resource::new(0, "", ""),
                };
                r.nome = modal.text(0).trim().to_string();
                if r.nome.is_empty() {
                    return Err(x.err_nome.to_string());
                }
                r.tipo = self.kinds.get(modal.choice(1)).cloned().unwrap_or_default();
                r.attiva = modal.choice(2) == 0;
                let giorni = number_of(s, x.f_giorni_referto, modal.text(3))?;
                if giorni > GIORNI_REFERTO_MAX {
                    return Err(x.err_giorni_referto(giorni));
                }
                let (saved, outside) = env
                    .desk
                    .agenda()
                    .save_resource(r)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                env.desk
                    .agenda()
                    .save_result_days(&saved.tipo, giorni)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env, Some(saved.id));
                let is_new = purpose == AgendaAdminPurpose::NewResource;
                if is_new {
                    self.pane = Pane::Fasce;
                }
                let done = if is_new {
                    x.resource_added(&saved.nome)
                } else {
                    x.resource_saved(&saved.nome)
                };
                Ok(after_save(outside.len(), done, env))
            }
            AgendaAdminPurpose::NewPattern(id) | AgendaAdminPurpose::EditPattern(id, _) => {
                let patterns = Self::patterns_of(modal, env)?;
                let mut r = stored(id)?;
                // An edited fascia is replaced by those typed (one per day).
                let index = match purpose {
                    AgendaAdminPurpose::EditPattern(_, i) if i < r.patterns.len() => {
                        r.patterns.remove(i);
                        r.patterns.splice(i..i, patterns.iter().cloned());
                        i
                    }
                    _ => {
                        r.patterns.extend(patterns.iter().cloned());
                        r.patterns.len() - patterns.len()
                    }
                };
                let (saved, outside) = env
                    .desk
                    .agenda()
                    .save_resource(r)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env, Some(saved.id));
                self.pane = Pane::Fasce;
                self.fasce.select(Some(index));
                let Some(p) = patterns.first() else {
                    return Ok(Cmd::Redraw);
                };
                let fasce = if patterns.len() == 1 {
                    crate::texts::label::pattern(env.lang, p)
                } else {
                    let days: Vec<_> = patterns.iter().map(|p| p.giorno).collect();
                    format!(
                        "{} {}-{}",
                        crate::texts::label::giorni(env.lang, &days),
                        hm(p.dalle),
                        hm(p.alle)
                    )
                };
                let mut done = x.fasce_saved(patterns.len(), &fasce, &saved.nome);
                if let Some(note) = remainder_note(p, s) {
                    done = format!("{done}. {note}");
                }
                match (outside.len(), remainder_note(p, s)) {
                    (0, Some(_)) => Ok(Cmd::Status(Status::warning(done))),
                    (n, _) => Ok(after_save(n, done, env)),
                }
            }
            AgendaAdminPurpose::CopyWeekTo(from) => {
                let source = stored(from)?;
                let target = self
                    .resources
                    .iter()
                    .filter(|o| o.id != from)
                    .nth(modal.choice(0))
                    .cloned()
                    .ok_or_else(|| x.resource_missing.to_string())?;
                Ok(Cmd::modal(Modal::confirm(
                    AgendaAdminPurpose::CopyWeek(from, target.id),
                    x.copy_week_title.to_string(),
                    vec![
                        x.copy_week_question(&source.nome, &target.nome),
                        x.copy_week_replaced(&target.nome, &Self::fasce_list(&target)),
                        x.copy_week_new(&source.nome, &Self::fasce_list(&source)),
                    ],
                )))
            }
            AgendaAdminPurpose::CopyWeek(from, to) => {
                let source = stored(from)?;
                let mut target = stored(to)?;
                target.patterns = source.patterns.clone();
                let n = target.patterns.len();
                let (saved, outside) = env
                    .desk
                    .agenda()
                    .save_resource(target)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env, Some(saved.id));
                let done = x.week_copied(&source.nome, &saved.nome, n);
                Ok(after_save(outside.len(), done, env))
            }
            AgendaAdminPurpose::RemovePattern(id, i) => {
                let mut r = stored(id)?;
                if i >= r.patterns.len() {
                    return Err(x.no_fasce_yet.to_string());
                }
                let removed = r.patterns.remove(i);
                let (saved, outside) = env
                    .desk
                    .agenda()
                    .save_resource(r)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env, Some(saved.id));
                let done = x.fascia_removed(
                    &crate::texts::label::pattern(env.lang, &removed),
                    &saved.nome,
                );
                Ok(after_save(outside.len(), done, env))
            }
            _ => Ok(Cmd::None),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let theme = env.theme;
        let list_rows = u16::try_from(self.resources.len().clamp(1, 8)).unwrap_or(8) + 1;
        let [info, list, _, head, fasce, help] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(list_rows),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(area);
        let text = match &self.problem {
            Some(p) => Line::styled(format!(" ✗ {p}"), theme.error),
            None if self.resources.is_empty() => {
                Line::styled(format!(" {}", x.no_resources), theme.muted)
            }
            None => Line::raw(format!(" {}", x.resources_count(self.resources.len()))),
        };
        frame.render_widget(Paragraph::new(text), info);
        let width = usize::from(area.width);
        let compact = width < 100;
        let tipo_w = if compact { 16 } else { 28 };
        let valid_w = if compact { 21 } else { 28 };
        let name_w = width
            .saturating_sub(2 + tipo_w + 6 + 6 + valid_w + 5)
            .max(10);
        let header = Row::new(vec![
            Cell::from(x.col_nome),
            Cell::from(x.col_tipo),
            Cell::from(x.col_attiva),
            Cell::from(x.col_fasce),
            Cell::from(x.col_validita),
        ])
        .style(theme.table_header);
        let rows = self.resources.iter().map(|r| {
            let row = Row::new(vec![
                Cell::from(format::truncate(&r.nome, name_w)),
                Cell::from(format::truncate(&r.tipo, tipo_w)),
                Cell::from(if r.attiva { x.yes } else { x.no }),
                Cell::from(r.patterns.len().to_string()),
                Cell::from(format::truncate(&validity(r, s, compact), valid_w)),
            ]);
            if r.attiva {
                row
            } else {
                row.style(theme.muted)
            }
        });
        let widths = [name_w, tipo_w, 6, 6, valid_w]
            .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(0)));
        let focused_list = self.pane == Pane::Risorse;
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(if focused_list {
                theme.selected
            } else {
                theme.field
            })
            .highlight_symbol(if focused_list { MARKER } else { "  " })
            .highlight_spacing(HighlightSpacing::Always);
        self.selection.render(frame, list, table, 1);

        let Some(r) = self.selected().cloned() else {
            return;
        };
        let title = x.fasce_of(&r.nome);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(" {title}"),
                if self.pane == Pane::Fasce {
                    theme.label_focused
                } else {
                    theme.label
                },
            )),
            head,
        );
        if r.patterns.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!("   {}", x.no_fasce), theme.muted))
                    .wrap(Wrap { trim: true }),
                fasce,
            );
        } else {
            let header = Row::new(vec![
                Cell::from(x.col_giorno),
                Cell::from(x.col_orario),
                Cell::from(x.col_slot),
                Cell::from(x.col_capacita),
                Cell::from(x.col_dal),
                Cell::from(x.col_al),
            ])
            .style(theme.table_header);
            let rows = r.patterns.iter().map(|p| {
                Row::new(vec![
                    Cell::from(x.weekday(p.giorno)),
                    Cell::from(format!("{}-{}", hm(p.dalle), hm(p.alle))),
                    Cell::from(x.minutes(p.durata_min)),
                    Cell::from(p.capacita.to_string()),
                    Cell::from(format::date(p.valido_dal)),
                    Cell::from(p.valido_al.map(format::date).unwrap_or_else(|| "—".into())),
                ])
            });
            let focused = self.pane == Pane::Fasce;
            let table = Table::new(
                rows,
                [
                    Constraint::Length(10),
                    Constraint::Length(12),
                    Constraint::Length(7),
                    Constraint::Length(8),
                    Constraint::Length(11),
                    Constraint::Length(11),
                ],
            )
            .header(header)
            .column_spacing(1)
            .row_highlight_style(if focused { theme.selected } else { theme.field })
            .highlight_symbol(if focused { MARKER } else { "  " })
            .highlight_spacing(HighlightSpacing::Always);
            self.fasce.render(frame, fasce, table, 1);
        }
        let hint = match self.pane {
            Pane::Risorse => x.h_risorse,
            Pane::Fasce => x.h_fasce,
        };
        frame.render_widget(
            Paragraph::new(format::indented_lines(hint, help.width, theme.muted)),
            help,
        );
    }
}

// ---------------------------------------------------------------------------
// Chiusure

pub struct ChiusureSection {
    closures: Vec<Closure>,
    resources: Vec<Resource>,
    holidays: String,
    selection: ListState,
    problem: Option<String>,
}

impl ChiusureSection {
    pub fn new(env: &Env) -> ChiusureSection {
        let mut section = ChiusureSection {
            closures: Vec::new(),
            resources: Vec::new(),
            holidays: String::new(),
            selection: ListState::default(),
            problem: None,
        };
        section.reload(env);
        section
    }

    pub fn closures(&self) -> &[Closure] {
        &self.closures
    }

    /// Reads the closures again after another desk wrote, keeping the
    /// selected one.
    pub fn refresh(&mut self, env: &Env) {
        let keep = self
            .selection
            .selected()
            .and_then(|i| self.closures.get(i))
            .map(|c| c.id);
        self.reload(env);
        if let Some(at) = keep.and_then(|id| self.closures.iter().position(|c| c.id == id)) {
            self.selection.select(Some(at));
        }
    }

    fn reload(&mut self, env: &Env) {
        let x = Texts::of(env).agenda_admin;
        let loaded = (|| {
            let mut closures = env.desk.agenda().closures()?;
            closures.sort_by_key(|c| (c.dal, c.id));
            let resources = env.desk.agenda().resources()?;
            let holidays = env.desk.agenda().next_holidays(3)?;
            Ok::<_, crate::service::DeskError>((closures, resources, holidays))
        })();
        match loaded {
            Ok((closures, resources, holidays)) => {
                self.closures = closures;
                self.resources = resources;
                let list: Vec<String> = holidays
                    .iter()
                    .map(|h| {
                        let name = crate::texts::label::holiday(env.lang, &h.name);
                        format!("{} {name}", format::date(h.date))
                    })
                    .collect();
                self.holidays = x.holidays_note(&list.join(", "));
                self.problem = None;
            }
            Err(e) => self.problem = Some(crate::texts::error(env.lang, &e)),
        }
        self.selection.keep_within(self.closures.len());
    }

    fn resource_name(&self, c: &Closure, s: &Texts) -> String {
        match c.resource {
            None => s.agenda_admin.whole_practice.to_string(),
            Some(id) => self
                .resources
                .iter()
                .find(|r| r.id == id)
                .map_or_else(|| format!("n. {id}"), |r| r.nome.clone()),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        Some(match action {
            Action::Up => {
                self.selection.move_by(self.closures.len(), -1);
                Cmd::Redraw
            }
            Action::Down => {
                self.selection.move_by(self.closures.len(), 1);
                Cmd::Redraw
            }
            Action::Add => {
                let mut options = vec![x.whole_practice.to_string()];
                options.extend(self.resources.iter().map(|r| r.nome.clone()));
                Cmd::modal(Modal::form(
                    AgendaAdminPurpose::NewClosure,
                    x.new_closure_title.to_string(),
                    vec![x.closure_intro.to_string()],
                    vec![
                        choice_field(x.f_risorsa, options, 0),
                        text_field(x.f_dal, &format::date(env.today)),
                        text_field(x.f_al, ""),
                        text_field(x.f_dalle_opt, ""),
                        text_field(x.f_alle_opt, ""),
                        text_field(x.f_motivo, ""),
                    ],
                ))
            }
            Action::Remove => match self.selection.selected().and_then(|i| self.closures.get(i)) {
                Some(c) => Cmd::modal(Modal::confirm(
                    AgendaAdminPurpose::RemoveClosure(c.id),
                    x.remove_closure_title.to_string(),
                    vec![x.remove_closure_question(
                        &crate::texts::label::closure_period(env.lang, c),
                        &self.resource_name(c, s),
                    )],
                )),
                None => Cmd::Status(Status::info(x.no_closures)),
            },
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// The closure typed in the dialog, checked.
    fn closure_of(&self, modal: &Modal, env: &Env) -> Result<Closure, String> {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let resource = match modal.choice(0) {
            0 => None,
            i => Some(
                self.resources
                    .get(i - 1)
                    .map(|r| r.id)
                    .ok_or_else(|| x.resource_missing.to_string())?,
            ),
        };
        let dal = date_of(s, x.f_dal, modal.text(1))?;
        let al = optional_date(s, x.f_al, modal.text(2))?;
        let motivo = modal.text(5).trim();
        if motivo.is_empty() {
            return Err(x.err_motivo.to_string());
        }
        let (dalle, alle) = (modal.text(3).trim(), modal.text(4).trim());
        let c = if dalle.is_empty() && alle.is_empty() {
            let al = al.unwrap_or(dal);
            if al < dal {
                return Err(x.err_al_before(&format::date(al), &format::date(dal)));
            }
            Closure::periodo(0, resource, dal, al, motivo)
        } else {
            if al.is_some_and(|al| al != dal) {
                return Err(x.err_part_of_one_day.to_string());
            }
            let dalle = time_of(s, x.f_dalle_opt, dalle)?;
            let alle = time_of(s, x.f_alle_opt, alle)?;
            if alle <= dalle {
                return Err(x.err_end_before(&hm(alle), &hm(dalle)));
            }
            Closure::fascia(0, resource, dal, dalle, alle, motivo)
        };
        c.validate().map_err(|e| x.fix(&e.to_string()))?;
        Ok(c)
    }

    fn confirm(
        &mut self,
        purpose: AgendaAdminPurpose,
        modal: &Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        let x = Texts::of(env).agenda_admin;
        match purpose {
            AgendaAdminPurpose::NewClosure => {
                let c = self.closure_of(modal, env)?;
                let (saved, outside) = env
                    .desk
                    .agenda()
                    .save_closure(c)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env);
                if let Some(i) = self.closures.iter().position(|c| c.id == saved.id) {
                    self.selection.select(Some(i));
                }
                let done = x.closure_added(&crate::texts::label::closure_period(env.lang, &saved));
                Ok(after_save(outside.len(), done, env))
            }
            AgendaAdminPurpose::RemoveClosure(id) => {
                env.desk
                    .agenda()
                    .remove_closure(id)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env);
                Ok(Cmd::Status(Status::success(x.closure_removed)))
            }
            _ => Ok(Cmd::None),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let theme = env.theme;
        let width = usize::from(area.width);
        let note = format::wrap(&self.holidays, width.saturating_sub(2));
        let note_rows = u16::try_from(note.len().max(1)).unwrap_or(1);
        let hint = format::indented_lines(x.h_chiusure, area.width, theme.muted);
        let [info, holidays, _, table, help] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(note_rows),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(hint.len() as u16),
        ])
        .areas(area);
        let text = match &self.problem {
            Some(p) => Line::styled(format!(" ✗ {p}"), theme.error),
            None => Line::raw(format!(" {}", x.closures_count(self.closures.len()))),
        };
        frame.render_widget(Paragraph::new(text), info);
        frame.render_widget(
            Paragraph::new(
                note.into_iter()
                    .map(|l| Line::styled(format!(" {l}"), theme.info))
                    .collect::<Vec<_>>(),
            ),
            holidays,
        );
        frame.render_widget(Paragraph::new(hint), help);
        self.selection.fit(table, 1);
        if self.closures.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", x.no_closures), theme.muted)),
                table,
            );
            return;
        }
        let period_w = if width >= 110 { 44 } else { 34 };
        let res_w = if width >= 110 { 28 } else { 18 };
        let motivo_w = width.saturating_sub(2 + period_w + res_w + 2).max(8);
        let header = Row::new(vec![
            Cell::from(x.col_periodo),
            Cell::from(x.col_risorsa),
            Cell::from(x.col_motivo),
        ])
        .style(theme.table_header);
        let rows = self.closures.iter().map(|c| {
            Row::new(vec![
                Cell::from(format::truncate(
                    &crate::texts::label::closure_period(env.lang, c),
                    period_w,
                )),
                Cell::from(format::truncate(&self.resource_name(c, s), res_w)),
                Cell::from(format::truncate(&c.motivo, motivo_w)),
            ])
        });
        let widths =
            [period_w, res_w, motivo_w].map(|w| Constraint::Length(u16::try_from(w).unwrap_or(0)));
        let widget = Table::new(rows, widths).header(header).selectable(theme);
        self.selection.render(frame, table, widget, 1);
    }
}

// ---------------------------------------------------------------------------
// Appuntamenti fuori disponibilità

pub struct FuoriSection {
    lines: Vec<OutsideLine>,
    selection: ListState,
    problem: Option<String>,
}

impl FuoriSection {
    pub fn new(env: &Env) -> FuoriSection {
        let mut section = FuoriSection {
            lines: Vec::new(),
            selection: ListState::default(),
            problem: None,
        };
        section.reload(env);
        section
    }

    pub fn lines(&self) -> &[OutsideLine] {
        &self.lines
    }

    /// Reads the lines again after another desk wrote, keeping the
    /// selected appointment.
    pub fn refresh(&mut self, env: &Env) {
        let keep = self
            .selection
            .selected()
            .and_then(|i| self.lines.get(i))
            .map(|l| l.appointment.id);
        self.reload(env);
        if let Some(at) = keep.and_then(|id| self.lines.iter().position(|l| l.appointment.id == id))
        {
            self.selection.select(Some(at));
        }
    }

    fn reload(&mut self, env: &Env) {
        match env.desk.agenda().outside_availability_lines() {
            Ok(lines) => {
                self.lines = lines;
                self.problem = None;
            }
            Err(e) => self.problem = Some(crate::texts::error(env.lang, &e)),
        }
        self.selection.keep_within(self.lines.len());
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let x = Texts::of(env).agenda_admin;
        if let Some(delta) = action.list_step(self.selection.page()) {
            self.selection.move_by(self.lines.len(), delta);
            return Some(Cmd::Redraw);
        }
        match action {
            Action::Open => {
                let Some(line) = self.selection.selected().and_then(|i| self.lines.get(i)) else {
                    return Some(Cmd::Status(Status::info(x.nothing_outside)));
                };
                Some(self.propose(line.appointment.id, env))
            }
            Action::Back => Some(Cmd::Back),
            _ => None,
        }
    }

    /// The dialog proposing the first free slot for appointment `id` and
    /// the appointments of the same visit: the whole visit moves there.
    fn propose(&self, id: AppointmentId, env: &Env) -> Cmd {
        let x = Texts::of(env).agenda_admin;
        let Some(line) = self.lines.iter().find(|l| l.appointment.id == id) else {
            return Cmd::Status(Status::info(x.nothing_outside));
        };
        let a = &line.appointment;
        let from = a.start.date().and_time(NaiveTime::MIN);
        let companions = self.companions(a.id);
        let together: Vec<String> = companions.iter().map(|c| c.descrizione.clone()).collect();
        let ids: Vec<AppointmentId> = std::iter::once(a.id)
            .chain(companions.iter().map(|c| c.id))
            .collect();
        match env.desk.agenda().free_slots_for(&ids, from, None, 1) {
            Ok(slots) => match slots.first() {
                Some(slot) => Cmd::modal(Modal::confirm(
                    AgendaAdminPurpose::Move {
                        id: a.id,
                        start: slot.start,
                    },
                    x.move_title.to_string(),
                    [
                        x.move_what(
                            &line
                                .patient
                                .as_ref()
                                .map(|p| format!("{} {}", p.cognome, p.nome))
                                .unwrap_or_default(),
                            &a.descrizione,
                            &a.start.format("%d/%m/%Y %H:%M").to_string(),
                        ),
                        x.move_to(
                            &format!(
                                "{} {}",
                                crate::texts::label::giorno(env.lang, slot.start.date().weekday()),
                                slot.start.format("%d/%m/%Y %H:%M")
                            ),
                            &line.risorsa,
                        ),
                    ]
                    .into_iter()
                    .chain((!together.is_empty()).then(|| x.move_together(&together.join(", "))))
                    .collect(),
                )),
                None => Cmd::Status(Status::warning(x.no_free_slot)),
            },
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// The other appointments outside availability that share the slot of
    /// appointment `id` with the same patient (the tests of one blood
    /// draw, a check-up with a vaccination): one visit, which moves whole.
    fn companions(&self, id: AppointmentId) -> Vec<&Appointment> {
        let Some(first) = self
            .lines
            .iter()
            .map(|l| &l.appointment)
            .find(|a| a.id == id)
        else {
            return Vec::new();
        };
        self.lines
            .iter()
            .map(|l| &l.appointment)
            .filter(|a| {
                a.id != id
                    && a.patient == first.patient
                    && a.resource == first.resource
                    && a.start == first.start
            })
            .collect()
    }

    /// Moves the visit to the proposed start, all of it or nothing. Should
    /// the place have been taken in the meantime, the next free one is
    /// proposed instead (this dialog never asks to force a booking).
    fn confirm(&mut self, purpose: AgendaAdminPurpose, env: &Env) -> Result<Cmd, String> {
        let x = Texts::of(env).agenda_admin;
        let AgendaAdminPurpose::Move { id, start } = purpose else {
            return Ok(Cmd::None);
        };
        let ids: Vec<AppointmentId> = std::iter::once(id)
            .chain(self.companions(id).into_iter().map(|a| a.id))
            .collect();
        let found = env
            .desk
            .agenda()
            .move_conflicts(&ids, start, None)
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        if !found.is_empty() {
            self.reload(env);
            let why: Vec<String> = found.iter().map(|c| c.to_string()).collect();
            return Ok(Cmd::Many(vec![
                Cmd::Status(Status::warning(x.place_taken(&why.join("; ")))),
                self.propose(id, env),
            ]));
        }
        let moved = env
            .desk
            .agenda()
            .move_appointments(&ids, start, None, None)
            .map_err(|e| crate::texts::error(env.lang, &e));
        self.reload(env);
        let moved = moved?;
        Ok(Cmd::Status(Status::success(x.moved(
            moved.len(),
            &start.format("%d/%m/%Y %H:%M").to_string(),
            self.lines.len(),
        ))))
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let x = s.agenda_admin;
        let theme = env.theme;
        let hint = format::indented_lines(x.h_fuori, area.width, theme.muted);
        let [info, table, help] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(hint.len() as u16),
        ])
        .areas(area);
        let text = match &self.problem {
            Some(p) => format::indented_lines(&format!("✗ {p}"), area.width, theme.error),
            None if self.lines.is_empty() => {
                format::indented_lines(x.nothing_outside, area.width, theme.info)
            }
            None => format::indented_lines(
                &x.outside_count(self.lines.len()),
                area.width,
                theme.warning,
            ),
        };
        frame.render_widget(Paragraph::new(text), info);
        frame.render_widget(Paragraph::new(hint), help);
        self.selection.fit(table, 1);
        if self.lines.is_empty() {
            return;
        }
        let width = usize::from(area.width);
        let wide = width >= 110;
        let res_w = if wide { 22 } else { 14 };
        let paz_w = if wide { 24 } else { 16 };
        let motivo_w = if wide { 30 } else { 0 };
        let what_w = width
            .saturating_sub(2 + 10 + 5 + res_w + paz_w + motivo_w + 6)
            .max(8);
        let header = Row::new(vec![
            Cell::from(x.col_data),
            Cell::from(x.col_ora),
            Cell::from(x.col_risorsa),
            Cell::from(x.col_paziente),
            Cell::from(x.col_prestazione),
            Cell::from(if wide { x.col_perche } else { "" }),
        ])
        .style(theme.table_header);
        let rows = self.lines.iter().map(|l| {
            let a = &l.appointment;
            let who = l
                .patient
                .as_ref()
                .map(|p| format!("{} {}", p.cognome, p.nome))
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(format::date(a.start.date())),
                Cell::from(hm(a.start.time())),
                Cell::from(format::truncate(&l.risorsa, res_w)),
                Cell::from(format::truncate(&who, paz_w)),
                Cell::from(format::truncate(&a.descrizione, what_w)),
                Cell::from(if wide {
                    format::truncate(&l.motivi.join("; "), motivo_w)
                } else {
                    String::new()
                }),
            ])
        });
        let widths = [10, 5, res_w, paz_w, what_w, motivo_w]
            .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(0)));
        let widget = Table::new(rows, widths).header(header).selectable(theme);
        self.selection.render(frame, table, widget, 1);
    }
}
