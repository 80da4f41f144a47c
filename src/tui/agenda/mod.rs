//! F6, the agenda: the day list of the practice (one day at a time, all
//! resources or one) or its week (Monday to Saturday, one column a day),
//! with marking, cancelling, moving (also to another resource) and
//! printing; and, when a patient is current, the planning of their PAI
//! ([`crate::tui::agenda::plan`]).

pub mod keys;
pub mod plan;
pub mod strings;

use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::PatientId;
use crate::domain::agenda::{AppStato, Appointment, AppointmentId, Resource, ResourceId, Slot};
use crate::service::Desk;
use crate::service::agenda::{DayLine, WeekDay};
use crate::tui::agenda::plan::{PlanOutcome, PlanView};
use crate::tui::agenda::strings::Texts;
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context, first_key};
use crate::tui::kit::list::ListState;
use crate::tui::kit::picker::{Picker, PickerOutcome};
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::MARKER;
use crate::tui::kit::theme::Selectable;

/// What a dialog of the agenda is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaPurpose {
    GoTo,
    Cancel(AppointmentId),
    /// Move, to the resource chosen first (`None`: the same one).
    Move(AppointmentId, Option<ResourceId>),
    /// The preferences of the patient being planned.
    Preferences,
}

impl From<AgendaPurpose> for Submit {
    fn from(purpose: AgendaPurpose) -> Submit {
        Submit::on_try(move |agenda: &mut AgendaScreen, modal, env| {
            agenda.confirm(purpose, modal, env)
        })
    }
}

pub struct AgendaScreen {
    day: NaiveDate,
    resources: Vec<Resource>,
    /// Index into `resources`; `None` for all of them.
    filter: Option<usize>,
    lines: Vec<DayLine>,
    list: ListState,
    patient: Option<(PatientId, String)>,
    plan: Option<PlanView>,
    /// The week view instead of the day list.
    week: bool,
    /// The six days of the week of `day`, when `week`.
    days: Vec<WeekDay>,
    /// The selected appointment of the week as (day index, line index).
    week_sel: Option<(usize, usize)>,
    /// Choosing the target resource of a move, among the active ones
    /// (listed in `ResourceId` order).
    picker: Option<(AppointmentId, Vec<ResourceId>, Picker)>,
    /// Choosing the free slot a move goes to.
    slots: Option<SlotChoice>,
}

/// How many free slots the move offers at a time.
pub const FREE_SLOTS_SHOWN: usize = 8;

/// The next free slots of the resource a move goes to, to pick from; after
/// them "further ahead" and "another date and time".
struct SlotChoice {
    id: AppointmentId,
    /// The resource chosen, when not the appointment's own.
    target: Option<ResourceId>,
    slots: Vec<Slot>,
    picker: Picker,
}

impl AgendaScreen {
    pub fn load(
        desk: &Desk,
        patient: Option<(PatientId, String)>,
        day: NaiveDate,
    ) -> Result<AgendaScreen, crate::service::DeskError> {
        let mut screen = AgendaScreen {
            day,
            resources: desk.agenda().resources()?,
            filter: None,
            lines: Vec::new(),
            list: ListState::default(),
            patient,
            plan: None,
            week: false,
            days: Vec::new(),
            week_sel: None,
            picker: None,
            slots: None,
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// The agenda of today with the planning of `patient`'s PAI open (from
    /// the recall lists); otherwise the reason on the status line.
    pub fn planning(env: &Env, patient: (PatientId, String)) -> Cmd {
        let mut screen = match AgendaScreen::load(env.desk, Some(patient), env.today) {
            Ok(screen) => screen,
            Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        };
        match screen.open_plan(env) {
            Cmd::Redraw => Cmd::push(screen),
            other => other,
        }
    }

    /// Reads the day list (or the week) again, keeping the selected
    /// appointment.
    pub fn reload(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        let selected = self.selected().map(|l| l.appointment.id);
        let row = self.list.selected();
        if self.week {
            self.days = desk.agenda().week(self.day, self.resource())?;
            self.week_sel = selected
                .and_then(|id| self.week_position(id))
                .or_else(|| self.week_order().into_iter().next());
            return Ok(());
        }
        self.lines = desk.agenda().day_list(self.day, self.resource())?;
        // The same appointment; when it is gone, the same row.
        let index = selected
            .and_then(|id| self.lines.iter().position(|l| l.appointment.id == id))
            .or(row);
        self.list.select(index);
        self.list.keep_within(self.lines.len());
        Ok(())
    }

    /// Every appointment of the week as (day index, line index), in order.
    fn week_order(&self) -> Vec<(usize, usize)> {
        self.days
            .iter()
            .enumerate()
            .flat_map(|(d, day)| (0..day.lines.len()).map(move |i| (d, i)))
            .collect()
    }

    fn week_position(&self, id: AppointmentId) -> Option<(usize, usize)> {
        self.days.iter().enumerate().find_map(|(d, day)| {
            day.lines
                .iter()
                .position(|l| l.appointment.id == id)
                .map(|i| (d, i))
        })
    }

    /// Whether the week is shown instead of the day.
    pub fn is_week(&self) -> bool {
        self.week
    }

    /// The days of the week view (empty in the day view).
    pub fn week_days(&self) -> &[WeekDay] {
        if self.week { &self.days } else { &[] }
    }

    /// The resource picker of a move is open.
    pub fn has_dialog(&self) -> bool {
        self.plan.is_none() && (self.picker.is_some() || self.slots.is_some())
    }

    /// The free slots offered by an open move, in order.
    pub fn free_slots(&self) -> Option<&[Slot]> {
        self.slots.as_ref().map(|c| c.slots.as_slice())
    }

    pub fn day(&self) -> NaiveDate {
        self.day
    }

    pub fn lines(&self) -> &[DayLine] {
        &self.lines
    }

    pub fn plan(&self) -> Option<&PlanView> {
        self.plan.as_ref()
    }

    pub fn selected(&self) -> Option<&DayLine> {
        if self.week {
            let (d, i) = self.week_sel?;
            return self.days.get(d).and_then(|day| day.lines.get(i));
        }
        self.list.selected().and_then(|i| self.lines.get(i))
    }

    pub fn patient(&self) -> Option<(PatientId, String)> {
        self.patient.clone()
    }

    fn resource(&self) -> Option<ResourceId> {
        self.filter
            .and_then(|i| self.resources.get(i))
            .map(|r| r.id)
    }

    pub fn context(&self) -> Context {
        if self.plan.is_some() {
            Context::AgendaPlan
        } else if self.picker.is_some() || self.slots.is_some() {
            Context::Picker
        } else if self.week {
            Context::AgendaWeek
        } else {
            Context::Agenda
        }
    }

    pub fn title(&self, s: &Texts) -> String {
        match &self.plan {
            Some(_) => s.agenda.title_plan.to_string(),
            None => s.kit.area_agenda.to_string(),
        }
    }

    fn go_to(&mut self, day: NaiveDate, env: &Env) -> Cmd {
        self.day = day;
        self.list.select(None);
        match self.reload(env.desk) {
            Ok(()) => Cmd::Redraw,
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// In the week, to the nearest day before (`-1`) or after (`1`) that
    /// has appointments, on the same row or its last one.
    fn move_day(&mut self, delta: isize) {
        let (day, row) = self.week_sel.unwrap_or((0, 0));
        let mut d = day;
        loop {
            match d.checked_add_signed(delta) {
                Some(next) if next < self.days.len() => d = next,
                _ => return,
            }
            let len = self.days[d].lines.len();
            if len > 0 {
                self.week_sel = Some((d, row.min(len - 1)));
                return;
            }
        }
    }

    fn move_by(&mut self, delta: isize) {
        if self.week {
            let order = self.week_order();
            if order.is_empty() {
                return;
            }
            let at = self
                .week_sel
                .and_then(|sel| order.iter().position(|x| *x == sel))
                .unwrap_or(0);
            let next = at.saturating_add_signed(delta).min(order.len() - 1);
            self.week_sel = order.get(next).copied();
            return;
        }
        self.list.move_by(self.lines.len(), delta);
    }

    /// Reloads after a change and says `message`, or the error.
    fn changed(
        &mut self,
        result: crate::service::Result<impl Sized>,
        message: &str,
        env: &Env,
    ) -> Cmd {
        match result {
            Ok(_) => match self.reload(env.desk) {
                Ok(()) => Cmd::Status(Status::success(message)),
                Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
            },
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if let Some(plan) = &mut self.plan {
            return Some(match plan.action(action, env)? {
                PlanOutcome::Stay(cmd) => *cmd,
                PlanOutcome::Close => {
                    self.plan = None;
                    Cmd::Redraw
                }
                PlanOutcome::Booked { first, count } => {
                    self.plan = None;
                    self.filter = None;
                    match self.go_to(first, env) {
                        Cmd::Redraw => {
                            Cmd::Status(Status::success(Texts::of(env).agenda.booked(count)))
                        }
                        other => other,
                    }
                }
            });
        }
        if let Some((id, ids, picker)) = &mut self.picker {
            let id = *id;
            return Some(match picker.action(action) {
                PickerOutcome::Chosen(i) => {
                    let target = ids.get(i).copied();
                    self.picker = None;
                    match env.desk.agenda().appointment(id) {
                        Ok(Some(app)) => self.offer_slots(&app, target, env.desk.now(), env),
                        Ok(None) => Cmd::Status(Status::error(Texts::of(env).agenda.no_selection)),
                        Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                    }
                }
                PickerOutcome::Cancelled => {
                    self.picker = None;
                    Cmd::Redraw
                }
                PickerOutcome::Moved => Cmd::Redraw,
                PickerOutcome::Ignored => Cmd::None,
            });
        }
        if let Some(choice) = &mut self.slots {
            return Some(match choice.picker.action(action) {
                PickerOutcome::Chosen(i) => self.slot_chosen(i, env),
                PickerOutcome::Cancelled => {
                    self.slots = None;
                    Cmd::Redraw
                }
                PickerOutcome::Moved => Cmd::Redraw,
                PickerOutcome::Ignored => Cmd::None,
            });
        }
        let a = Texts::of(env).agenda;
        let selected = self.selected().map(|l| l.appointment.clone());
        let step = if self.week { 7 } else { 1 };
        Some(match action {
            Action::Up => {
                self.move_by(-1);
                Cmd::Redraw
            }
            Action::DayBefore | Action::DayAfter if self.week => {
                self.move_day(if action == Action::DayBefore { -1 } else { 1 });
                Cmd::Redraw
            }
            Action::Down => {
                self.move_by(1);
                Cmd::Redraw
            }
            Action::PageUp => self.go_to(self.day - Duration::days(step), env),
            Action::PageDown => self.go_to(self.day + Duration::days(step), env),
            Action::Home => self.go_to(env.today, env),
            Action::Week => {
                let keep = selected.as_ref().map(|app| app.id);
                self.week = !self.week;
                if let Some(app) = &selected {
                    self.day = app.start.date();
                }
                self.week_sel = None;
                self.list.select(None);
                self.reload_selecting(keep, env)
            }
            Action::Open if self.week => {
                let Some(app) = selected else {
                    return Some(Cmd::Status(Status::info(a.no_selection)));
                };
                self.week = false;
                self.day = app.start.date();
                self.reload_selecting(Some(app.id), env)
            }
            Action::NextField => {
                self.filter = match self.filter {
                    None if !self.resources.is_empty() => Some(0),
                    Some(i) if i + 1 < self.resources.len() => Some(i + 1),
                    _ => None,
                };
                self.list.select(None);
                match self.reload(env.desk) {
                    Ok(()) => Cmd::Redraw,
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            Action::GoTo => Cmd::modal(Modal::form(
                AgendaPurpose::GoTo,
                a.goto_title.to_string(),
                vec![],
                vec![DialogField::Text {
                    label: a.label_date.to_string(),
                    input: field::input_with(&format::date(self.day)),
                }],
            )),
            Action::MarkDone
            | Action::MarkNoShow
            | Action::MarkBooked
            | Action::Revoke
            | Action::Edit => {
                let Some(app) = selected else {
                    return Some(Cmd::Status(Status::info(a.no_selection)));
                };
                match action {
                    Action::MarkDone => {
                        let r = env.desk.agenda().mark_done(app.id);
                        self.changed(r, a.marked_done, env)
                    }
                    Action::MarkNoShow => {
                        let r = env.desk.agenda().mark_no_show(app.id);
                        self.changed(r, a.marked_no_show, env)
                    }
                    Action::MarkBooked => {
                        let r = env.desk.agenda().mark_booked(app.id);
                        self.changed(r, a.marked_booked, env)
                    }
                    Action::Revoke => Cmd::modal(Modal::form(
                        AgendaPurpose::Cancel(app.id),
                        a.cancel_title.to_string(),
                        vec![app.descrizione.clone()],
                        vec![DialogField::Text {
                            label: a.label_motivo.to_string(),
                            input: field::input_with(""),
                        }],
                    )),
                    _ => self.start_move(&app, env),
                }
            }
            Action::Print => match self.print(env) {
                Ok((pdf, txt)) => Cmd::Status(Status::success(
                    a.printed(&pdf.display().to_string(), &txt.display().to_string()),
                )),
                Err(e) => Cmd::Status(Status::error(e)),
            },
            Action::Plan => self.open_plan(env),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// Opens the planning of the current patient's PAI.
    fn open_plan(&mut self, env: &Env) -> Cmd {
        let a = Texts::of(env).agenda;
        let Some((id, name)) = self.patient.clone() else {
            return Cmd::Status(Status::info(a.no_patient));
        };
        match PlanView::load(env.desk, id, &name) {
            Ok(Some(plan)) => {
                self.plan = Some(plan);
                Cmd::Redraw
            }
            Ok(None) => Cmd::Status(Status::info(a.no_pai)),
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// Reads the list again and selects appointment `id` if it is there.
    fn reload_selecting(&mut self, id: Option<AppointmentId>, env: &Env) -> Cmd {
        if let Err(e) = self.reload(env.desk) {
            return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
        }
        if let Some(id) = id {
            if self.week {
                if let Some(pos) = self.week_position(id) {
                    self.week_sel = Some(pos);
                }
            } else if let Some(i) = self.lines.iter().position(|l| l.appointment.id == id) {
                self.list.select(Some(i));
            }
        }
        Cmd::Redraw
    }

    /// A move starts by choosing the resource (when there is a choice),
    /// then one of its next free slots (or a date and time typed).
    fn start_move(&mut self, app: &Appointment, env: &Env) -> Cmd {
        let a = Texts::of(env).agenda;
        let active: Vec<&Resource> = self.resources.iter().filter(|r| r.attiva).collect();
        if app.resource.is_none() {
            return self.move_dialog(app, None, env);
        }
        if active.len() < 2 {
            return self.offer_slots(app, None, env.desk.now(), env);
        }
        let current = active
            .iter()
            .position(|r| Some(r.id) == app.resource)
            .unwrap_or(0);
        let items = active.iter().map(|r| r.nome.clone()).collect();
        let ids = active.iter().map(|r| r.id).collect();
        self.picker = Some((
            app.id,
            ids,
            Picker::new(
                a.pick_resource_title.to_string(),
                vec![app.descrizione.clone(), a.pick_resource_text.to_string()],
                items,
                current,
            ),
        ));
        Cmd::Redraw
    }

    /// The next free slots of `target` (or the appointment's own resource)
    /// from `from` on, for `app`: the patient's other appointments,
    /// closures and holidays left out.
    fn offer_slots(
        &mut self,
        app: &Appointment,
        target: Option<ResourceId>,
        from: chrono::NaiveDateTime,
        env: &Env,
    ) -> Cmd {
        let a = Texts::of(env).agenda;
        let target = target.filter(|t| Some(*t) != app.resource);
        // One more, in case the appointment's own slot is among them.
        let mut slots =
            match env
                .desk
                .agenda()
                .free_slots_for(&[app.id], from, target, FREE_SLOTS_SHOWN + 1)
            {
                Ok(slots) => slots,
                Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
            };
        slots.retain(|s| target.is_some() || s.start != app.start);
        slots.truncate(FREE_SLOTS_SHOWN);
        let mut lines = vec![app.descrizione.clone()];
        let nome = target
            .or(app.resource)
            .and_then(|id| self.resources.iter().find(|r| r.id == id))
            .map_or(String::new(), |r| r.nome.clone());
        if !nome.is_empty() {
            lines.push(format!("{}: {nome}", a.label_resource));
        }
        lines.push(if slots.is_empty() {
            a.no_free_slots.to_string()
        } else {
            a.pick_slot_text.to_string()
        });
        let mut items: Vec<String> = slots
            .iter()
            .map(|slot| {
                let day = slot.start.date();
                format!(
                    "{:<9} {} {}  {nome}",
                    a.weekdays[day.weekday().num_days_from_monday() as usize],
                    format::date(day),
                    slot.start.format("%H:%M")
                )
            })
            .collect();
        if slots.len() == FREE_SLOTS_SHOWN {
            items.push(a.slot_more.to_string());
        }
        items.push(a.slot_type.to_string());
        self.slots = Some(SlotChoice {
            id: app.id,
            target,
            slots,
            picker: Picker::new(a.pick_slot_title.to_string(), lines, items, 0),
        });
        Cmd::Redraw
    }

    /// Entry `i` of the free slots: a slot moves the appointment there; the
    /// last entries look further ahead or ask for a date and time.
    fn slot_chosen(&mut self, i: usize, env: &Env) -> Cmd {
        let a = Texts::of(env).agenda;
        let Some(choice) = self.slots.take() else {
            return Cmd::Redraw;
        };
        let app = match env.desk.agenda().appointment(choice.id) {
            Ok(Some(app)) => app,
            Ok(None) => return Cmd::Status(Status::error(a.no_selection)),
            Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        };
        if let Some(slot) = choice.slots.get(i) {
            let result =
                env.desk
                    .agenda()
                    .move_appointment(choice.id, slot.start, choice.target, None);
            let day = slot.start.date();
            let when = a.moved_to(
                &format!(
                    "{} {}",
                    a.weekdays[day.weekday().num_days_from_monday() as usize],
                    format::date(day)
                ),
                &slot.start.format("%H:%M").to_string(),
            );
            return match result {
                Ok(_) => self.changed(Ok(()), &when, env),
                Err(e) => {
                    // Taken meanwhile: the list again, from the same start.
                    let taken = e.is_slot_full()
                        || env
                            .desk
                            .agenda()
                            .move_conflicts(&[choice.id], slot.start, choice.target)
                            .is_ok_and(|c| !c.is_empty());
                    let from = choice.slots[0].start;
                    let cmd = self.offer_slots(&app, choice.target, from, env);
                    let status = if taken {
                        Status::warning(a.slot_taken)
                    } else {
                        Status::error(crate::texts::error(env.lang, &e))
                    };
                    Cmd::Many(vec![cmd, Cmd::Status(status)])
                }
            };
        }
        let more = choice.slots.len() == FREE_SLOTS_SHOWN && i == choice.slots.len();
        match choice.slots.last() {
            Some(last) if more => {
                self.offer_slots(&app, choice.target, last.start + Duration::minutes(1), env)
            }
            _ => self.move_dialog(&app, choice.target, env),
        }
    }

    /// The date and time of a move, to `target` (or the same resource).
    fn move_dialog(&self, app: &Appointment, target: Option<ResourceId>, env: &Env) -> Cmd {
        let a = Texts::of(env).agenda;
        let mut lines = vec![app.descrizione.clone()];
        if let Some(r) = target
            .or(app.resource)
            .and_then(|id| self.resources.iter().find(|r| r.id == id))
        {
            lines.push(format!("{}: {}", a.label_resource, r.nome));
        }
        lines.push(a.move_intro.to_string());
        let target = target.filter(|t| Some(*t) != app.resource);
        Cmd::modal(Modal::form(
            AgendaPurpose::Move(app.id, target),
            a.move_title.to_string(),
            lines,
            vec![
                DialogField::Text {
                    label: a.label_date.to_string(),
                    input: field::input_with(&format::date(app.start.date())),
                },
                DialogField::Text {
                    label: a.label_time.to_string(),
                    input: field::input_with(&app.start.format("%H:%M").to_string()),
                },
                DialogField::Text {
                    label: a.label_forzatura.to_string(),
                    input: field::input_with(""),
                },
            ],
        ))
    }

    /// A dialog was confirmed; an error keeps it open with the message.
    pub fn confirm(
        &mut self,
        purpose: AgendaPurpose,
        modal: &Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        let a = Texts::of(env).agenda;
        match purpose {
            AgendaPurpose::GoTo => {
                let day = format::parse_date(modal.text(0)).ok_or(a.err_date)?;
                Ok(self.go_to(day, env))
            }
            AgendaPurpose::Cancel(id) => {
                let motivo = modal.text(0).trim();
                if motivo.is_empty() {
                    return Err(a.err_motivo.to_string());
                }
                env.desk
                    .agenda()
                    .cancel_appointment(id, motivo)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                Ok(self.changed(Ok(()), a.cancelled, env))
            }
            AgendaPurpose::Move(id, resource) => {
                let day = format::parse_date(modal.text(0)).ok_or(a.err_date)?;
                let time = NaiveTime::parse_from_str(modal.text(1).trim(), "%H:%M")
                    .map_err(|_| a.err_time.to_string())?;
                let forzatura = Some(modal.text(2).trim().to_string()).filter(|f| !f.is_empty());
                env.desk
                    .agenda()
                    .move_appointment(id, day.and_time(time), resource, forzatura)
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                let day_name = a.weekdays[day.weekday().num_days_from_monday() as usize];
                let when = a.moved_to(
                    &format!("{day_name} {}", format::date(day)),
                    &time.format("%H:%M").to_string(),
                );
                Ok(self.changed(Ok(()), &when, env))
            }
            AgendaPurpose::Preferences => match &mut self.plan {
                Some(plan) => plan.save_preferences(modal, env),
                None => Ok(Cmd::None),
            },
        }
    }

    /// Writes `lista-<yyyymmdd>.pdf` and `.txt` into `<data dir>/stampe`.
    fn print(&self, env: &Env) -> Result<(PathBuf, PathBuf), String> {
        let desk = env.desk;
        let document = desk
            .agenda()
            .day_list_document(self.day, self.resource())
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        let written = document
            .write_into(&desk.data_dir().join("stampe"))
            .map_err(|e| e.to_string())?;
        // The day list is a PDF and a text file, in this order.
        let [pdf, txt] = <[PathBuf; 2]>::try_from(written).map_err(|w| format!("{w:?}"))?;
        Ok((pdf, txt))
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        if let Some(plan) = &mut self.plan {
            plan.draw(frame, area, env);
            return;
        }
        if self.week {
            self.draw_week(frame, area, env);
        } else {
            self.draw_day(frame, area, env);
        }
        if let Some((_, _, picker)) = &mut self.picker {
            picker.draw(frame, area, env);
        }
        if let Some(choice) = &mut self.slots {
            choice.picker.draw(frame, area, env);
        }
    }

    /// The keys not in the footer, from the keymap, wrapped to at most two
    /// rows under `head`; returns the rows used.
    fn draw_head(
        &self,
        frame: &mut Frame,
        area: Rect,
        env: &Env,
        head: &str,
        keys: &[(&[Action], String)],
    ) -> u16 {
        let s = Texts::of(env);
        let theme = env.theme;
        let context = if self.week {
            Context::AgendaWeek
        } else {
            Context::Agenda
        };
        let width = usize::from(area.width.saturating_sub(2));
        let key = |action: Action| {
            first_key(keys::KEYS, context, action)
                .map(|k| k.name(s))
                .unwrap_or_default()
        };
        let keys: Vec<String> = keys
            .iter()
            .map(|(actions, label)| {
                let names: Vec<String> = actions.iter().map(|a| key(*a)).collect();
                format!("{} {label}", names.join("/"))
            })
            .collect();
        // Whole items on at most two lines; what does not fit is in F1.
        let mut lines: Vec<String> = Vec::new();
        for item in keys {
            let full = lines.len() >= 2;
            match lines.last_mut() {
                Some(line) if format::width(line) + 3 + format::width(&item) <= width => {
                    line.push_str(" · ");
                    line.push_str(&item);
                }
                _ if !full => lines.push(format::truncate(&item, width)),
                _ => break,
            }
        }
        let mut text = vec![Line::styled(format::truncate(head, width), theme.section)];
        for part in lines {
            text.push(Line::styled(format!(" {part}"), theme.muted));
        }
        let top = u16::try_from(text.len()).unwrap_or(1) + 1;
        frame.render_widget(
            Paragraph::new(text),
            Rect {
                height: top,
                ..area
            },
        );
        top
    }

    fn draw_week(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let a = s.agenda;
        let theme = env.theme;
        let resource = self
            .filter
            .and_then(|i| self.resources.get(i))
            .map_or(a.all_resources, |r| r.nome.as_str());
        let total: usize = self.days.iter().map(|d| d.lines.len()).sum();
        let (first, last) = match (self.days.first(), self.days.last()) {
            (Some(f), Some(l)) => (format::date(f.day), format::date(l.day)),
            _ => (String::new(), String::new()),
        };
        let head = format!(
            " {}: {first} – {last}   {}: {resource}   {}",
            a.label_week,
            a.label_resource,
            a.count(total)
        );
        let top = self.draw_head(
            frame,
            area,
            env,
            &head,
            &[
                (&[Action::PageUp, Action::PageDown], a.k_weeks.to_string()),
                (&[Action::DayBefore, Action::DayAfter], a.k_days.to_string()),
                (&[Action::Week], a.k_week.to_string()),
                (&[Action::GoTo], a.k_goto.to_string()),
                (&[Action::NextField], a.k_resource.to_string()),
                (&[Action::Revoke], a.k_cancel.to_string()),
                (&[Action::Plan], a.k_plan.to_string()),
            ],
        );
        // The columns, then one line with the selected appointment.
        let grid = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top + 2),
            ..area
        };
        let wide = area.width >= 100;
        let gap = 1u16;
        let inner = area.width.saturating_sub(1);
        let col_width = inner.saturating_sub(gap * 5) / 6;
        let rows = usize::from(grid.height.saturating_sub(1));
        for (d, day) in self.days.iter().enumerate() {
            let x = area.x + 1 + u16::try_from(d).unwrap_or(0) * (col_width + gap);
            let cw = usize::from(col_width);
            let weekday = day.day.weekday().num_days_from_monday() as usize;
            let name = if wide {
                a.weekdays[weekday]
            } else {
                a.weekdays_short[weekday]
            };
            let title = format!("{name} {}", day.day.format("%d/%m"));
            let title_style = if day.day == env.today {
                theme.section
            } else {
                theme.table_header
            };
            let mut text = vec![Line::styled(format::truncate(&title, cw), title_style)];
            if let Some(reason) = &day.closed {
                text.push(Line::styled(
                    format::truncate(&format!("— {} —", a.closed), cw),
                    theme.warning,
                ));
                let reason = crate::texts::label::holiday(env.lang, reason);
                for part in format::wrap(&reason, cw).into_iter().take(2) {
                    text.push(Line::styled(part, theme.muted));
                }
            }
            let room = rows.saturating_sub(text.len() - 1);
            let selected = self.week_sel.filter(|(sd, _)| *sd == d).map(|(_, i)| i);
            let n = day.lines.len();
            // Scroll the column so that its selected line shows; the last
            // row says how many more there are below.
            let fits = n <= room;
            let shown = if fits { n } else { room.saturating_sub(1) };
            let offset = match selected {
                Some(i) if !fits && i >= shown => i + 1 - shown,
                _ => 0,
            };
            for (i, l) in day.lines.iter().enumerate().skip(offset).take(shown) {
                text.push(week_cell(l, cw, Some(i) == selected, env));
            }
            if !fits {
                let more = n - offset - shown;
                if more > 0 {
                    text.push(Line::styled(
                        format::truncate(&format!(" {}", a.more(more)), cw),
                        theme.muted,
                    ));
                }
            }
            frame.render_widget(
                Paragraph::new(text),
                Rect {
                    x,
                    y: grid.y,
                    width: col_width,
                    height: grid.height,
                },
            );
        }
        // The selected appointment in full.
        let width = usize::from(area.width.saturating_sub(2));
        let detail = match self.selected() {
            Some(l) => {
                let app = &l.appointment;
                let who = l.patient.as_ref().map_or_else(
                    || s.kit.none.to_string(),
                    |p| format!("{} {}", p.cognome, p.nome),
                );
                let weekday = a.weekdays[app.start.weekday().num_days_from_monday() as usize];
                let stato = if l.fuori.is_empty() {
                    crate::texts::label::app_stato(env.lang, &app.stato).to_string()
                } else {
                    format!("{} ({})", a.fuori_short, l.fuori.join("; "))
                };
                format!(
                    "{MARKER}{weekday} {} {}–{} · {} · {who} · {} · {stato}",
                    format::date(app.start.date()),
                    app.start.format("%H:%M"),
                    app.end.format("%H:%M"),
                    l.dove,
                    app.descrizione,
                )
            }
            None => format!("  {}", a.no_selection),
        };
        frame.render_widget(
            Paragraph::new(Line::raw(format::truncate(&detail, width))),
            Rect {
                x: area.x + 1,
                y: area.y + area.height.saturating_sub(1),
                width: area.width.saturating_sub(1),
                height: 1,
            },
        );
    }

    fn draw_day(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let a = s.agenda;
        let theme = env.theme;
        let weekday = a.weekdays[self.day.weekday().num_days_from_monday() as usize];
        let resource = self
            .filter
            .and_then(|i| self.resources.get(i))
            .map_or(a.all_resources, |r| r.nome.as_str());
        let mut head = format!(
            " {}: {weekday} {}   {}: {resource}   {}",
            a.label_day,
            format::date(self.day),
            a.label_resource,
            a.count(self.lines.len())
        );
        let fuori = self.lines.iter().filter(|l| !l.fuori.is_empty()).count();
        if fuori > 0 {
            head.push_str(&format!("   {}", a.fuori_count(fuori)));
        }
        let top = self.draw_head(
            frame,
            area,
            env,
            &head,
            &[
                (
                    &[Action::PageUp, Action::PageDown],
                    a.k_day_pages.to_string(),
                ),
                (&[Action::Week], a.k_week.to_string()),
                (&[Action::GoTo], a.k_goto.to_string()),
                (&[Action::NextField], a.k_resource.to_string()),
                (&[Action::Print], a.k_print.to_string()),
                (&[Action::Plan], a.k_plan.to_string()),
            ],
        );
        let table_area = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top),
            ..area
        };
        if self.lines.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", a.empty_day), theme.muted)),
                table_area,
            );
            return;
        }
        let header = Row::new(vec![
            Cell::from(a.col_ora),
            Cell::from(a.col_fine),
            Cell::from(a.col_dove),
            Cell::from(a.col_paziente),
            Cell::from(a.col_prestazione),
            Cell::from(a.col_stato),
        ])
        .style(theme.table_header);
        let rows: Vec<Row> = self
            .lines
            .iter()
            .map(|l| {
                let app = &l.appointment;
                let who = l.patient.as_ref().map_or_else(
                    || s.kit.none.to_string(),
                    |p| format!("{} {}", p.cognome, p.nome),
                );
                let stato = if l.fuori.is_empty() {
                    Cell::from(crate::texts::label::app_stato(env.lang, &app.stato))
                } else {
                    Cell::from(Span::styled(a.fuori_short, theme.warning))
                };
                Row::new(vec![
                    Cell::from(app.start.format("%H:%M").to_string()),
                    Cell::from(app.end.format("%H:%M").to_string()),
                    Cell::from(l.dove.clone()),
                    Cell::from(who),
                    Cell::from(app.descrizione.clone()),
                    stato,
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Fill(3),
                Constraint::Length(14),
            ],
        )
        .header(header)
        .selectable(theme);
        self.list.render(frame, table_area, table, 1);
    }
}

/// One appointment in a column of the week: a state mark (the marker when
/// selected), the time and the patient.
fn week_cell<'a>(l: &DayLine, width: usize, selected: bool, env: &Env) -> Line<'a> {
    let app = &l.appointment;
    let mark = match app.stato {
        AppStato::Prenotato if !l.fuori.is_empty() => "!",
        AppStato::Prenotato => " ",
        AppStato::Eseguito => "✓",
        AppStato::NonPresentato => "✗",
        AppStato::Annullato { .. } => "-",
    };
    // Narrow columns show the surname only.
    let who = l.patient.as_ref().map_or_else(String::new, |p| {
        if width < 16 {
            p.cognome.clone()
        } else {
            format!("{} {}", p.cognome, p.nome)
        }
    });
    let time = app.start.format("%H:%M");
    if selected {
        let text = format::truncate(&format!("{}{time} {who}", MARKER.trim_end()), width);
        let pad = width.saturating_sub(format::width(&text));
        Line::from(Span::styled(
            format!("{text}{}", " ".repeat(pad)),
            env.theme.selected,
        ))
    } else {
        let text = format::truncate(&format!("{mark}{time} {who}"), width);
        let style = if !l.fuori.is_empty() {
            env.theme.warning
        } else if app.stato.occupa_slot() {
            ratatui::style::Style::default()
        } else {
            env.theme.muted
        };
        Line::styled(text, style)
    }
}

impl crate::tui::kit::screen::Screen for AgendaScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::agenda::keys::KEYS
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

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
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
        &[Patients, Agenda]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = self.reload(env.desk);
    }

    fn has_dialog(&self) -> bool {
        Self::has_dialog(self)
    }

    crate::screen_any!();
}
