//! F6, the agenda: the day list of the practice (one day at a time, all
//! resources or one), with marking, cancelling, moving and printing; and,
//! when a patient is current, the planning of their PAI
//! ([`super::agenda_plan`]).

use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::agenda_plan::{PlanOutcome, PlanView};
use crate::domain::PatientId;
use crate::domain::agenda::{AppointmentId, Resource, ResourceId};
use crate::service::Desk;
use crate::service::agenda::DayLine;
use crate::tui::app::{Cmd, Env, Status};
use crate::tui::field;
use crate::tui::format;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::modal::{DialogField, Modal, Purpose};
use crate::tui::strings::Strings;
use crate::tui::theme::MARKER;

/// What a dialog of the agenda is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaPurpose {
    GoTo,
    Cancel(AppointmentId),
    Move(AppointmentId),
}

pub struct AgendaScreen {
    day: NaiveDate,
    resources: Vec<Resource>,
    /// Index into `resources`; `None` for all of them.
    filter: Option<usize>,
    lines: Vec<DayLine>,
    state: TableState,
    patient: Option<(PatientId, String)>,
    plan: Option<PlanView>,
}

impl AgendaScreen {
    pub fn load(
        desk: &Desk,
        patient: Option<(PatientId, String)>,
        day: NaiveDate,
    ) -> Result<AgendaScreen, String> {
        let mut screen = AgendaScreen {
            day,
            resources: desk.resources().map_err(|e| e.to_string())?,
            filter: None,
            lines: Vec::new(),
            state: TableState::default(),
            patient,
            plan: None,
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the day list again, keeping the selected appointment.
    pub fn reload(&mut self, desk: &Desk) -> Result<(), String> {
        let selected = self.selected().map(|l| l.appointment.id);
        self.lines = desk
            .day_list(self.day, self.resource())
            .map_err(|e| e.to_string())?;
        let index = selected
            .and_then(|id| self.lines.iter().position(|l| l.appointment.id == id))
            .unwrap_or(0);
        self.state.select((!self.lines.is_empty()).then_some(index));
        Ok(())
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
        self.state.selected().and_then(|i| self.lines.get(i))
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
        } else {
            Context::Agenda
        }
    }

    pub fn title(&self, s: &Strings) -> String {
        match &self.plan {
            Some(_) => s.agenda.title_plan.to_string(),
            None => s.area_agenda.to_string(),
        }
    }

    fn go_to(&mut self, day: NaiveDate, env: &Env) -> Cmd {
        self.day = day;
        self.state.select(None);
        match self.reload(env.desk) {
            Ok(()) => Cmd::Redraw,
            Err(e) => Cmd::Status(Status::error(e)),
        }
    }

    fn move_by(&mut self, delta: isize) {
        if self.lines.is_empty() {
            return;
        }
        let next = self
            .state
            .selected()
            .unwrap_or(0)
            .saturating_add_signed(delta)
            .min(self.lines.len() - 1);
        self.state.select(Some(next));
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
                Err(e) => Cmd::Status(Status::error(e)),
            },
            Err(e) => Cmd::Status(Status::error(e.to_string())),
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
                        Cmd::Redraw => Cmd::Status(Status::success(env.s.agenda.booked(count))),
                        other => other,
                    }
                }
            });
        }
        let a = env.s.agenda;
        let selected = self.selected().map(|l| l.appointment.clone());
        Some(match action {
            Action::Up => {
                self.move_by(-1);
                Cmd::Redraw
            }
            Action::Down => {
                self.move_by(1);
                Cmd::Redraw
            }
            Action::PageUp => self.go_to(self.day - Duration::days(1), env),
            Action::PageDown => self.go_to(self.day + Duration::days(1), env),
            Action::Home => self.go_to(env.today, env),
            Action::NextField => {
                self.filter = match self.filter {
                    None if !self.resources.is_empty() => Some(0),
                    Some(i) if i + 1 < self.resources.len() => Some(i + 1),
                    _ => None,
                };
                self.state.select(None);
                match self.reload(env.desk) {
                    Ok(()) => Cmd::Redraw,
                    Err(e) => Cmd::Status(Status::error(e)),
                }
            }
            Action::GoTo => Cmd::Modal(Modal::form(
                Purpose::Agenda(AgendaPurpose::GoTo),
                a.goto_title.to_string(),
                vec![],
                vec![DialogField::Text {
                    label: a.label_date.to_string(),
                    input: field::input_with(&format::date(self.day)),
                }],
            )),
            Action::MarkDone | Action::MarkNoShow | Action::Revoke | Action::Edit => {
                let Some(app) = selected else {
                    return Some(Cmd::Status(Status::info(a.no_selection)));
                };
                match action {
                    Action::MarkDone => {
                        let r = env.desk.mark_done(app.id);
                        self.changed(r, a.marked_done, env)
                    }
                    Action::MarkNoShow => {
                        let r = env.desk.mark_no_show(app.id);
                        self.changed(r, a.marked_no_show, env)
                    }
                    Action::Revoke => Cmd::Modal(Modal::form(
                        Purpose::Agenda(AgendaPurpose::Cancel(app.id)),
                        a.cancel_title.to_string(),
                        vec![app.descrizione.clone()],
                        vec![DialogField::Text {
                            label: a.label_motivo.to_string(),
                            input: field::input_with(""),
                        }],
                    )),
                    _ => Cmd::Modal(Modal::form(
                        Purpose::Agenda(AgendaPurpose::Move(app.id)),
                        a.move_title.to_string(),
                        vec![app.descrizione.clone(), a.move_intro.to_string()],
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
                    )),
                }
            }
            Action::Print => match self.print(env) {
                Ok((pdf, txt)) => Cmd::Status(Status::success(
                    a.printed(&pdf.display().to_string(), &txt.display().to_string()),
                )),
                Err(e) => Cmd::Status(Status::error(e)),
            },
            Action::Plan => {
                let Some((id, name)) = self.patient.clone() else {
                    return Some(Cmd::Status(Status::info(a.no_patient)));
                };
                match PlanView::load(env.desk, id, &name) {
                    Ok(Some(plan)) => {
                        self.plan = Some(plan);
                        Cmd::Redraw
                    }
                    Ok(None) => Cmd::Status(Status::info(a.no_pai)),
                    Err(e) => Cmd::Status(Status::error(e)),
                }
            }
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// A dialog was confirmed; an error keeps it open with the message.
    pub fn confirm(
        &mut self,
        purpose: AgendaPurpose,
        modal: &Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        let a = env.s.agenda;
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
                    .cancel_appointment(id, motivo)
                    .map_err(|e| e.to_string())?;
                Ok(self.changed(Ok(()), a.cancelled, env))
            }
            AgendaPurpose::Move(id) => {
                let day = format::parse_date(modal.text(0)).ok_or(a.err_date)?;
                let time = NaiveTime::parse_from_str(modal.text(1).trim(), "%H:%M")
                    .map_err(|_| a.err_time.to_string())?;
                let forzatura = Some(modal.text(2).trim().to_string()).filter(|f| !f.is_empty());
                env.desk
                    .move_appointment(id, day.and_time(time), None, forzatura)
                    .map_err(|e| e.to_string())?;
                Ok(self.changed(Ok(()), a.moved, env))
            }
        }
    }

    /// Writes `lista-<yyyymmdd>.pdf` and `.txt` into `<data dir>/stampe`.
    fn print(&self, env: &Env) -> Result<(PathBuf, PathBuf), String> {
        let desk = env.desk;
        let text = desk
            .day_list_text(self.day, self.resource())
            .map_err(|e| e.to_string())?;
        let intestazione = desk.practice().map_err(|e| e.to_string())?.nome;
        let dir = desk.data_dir().join("stampe");
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let base = dir.join(format!("lista-{}", self.day.format("%Y%m%d")));
        let mut pdf = Vec::new();
        crate::io::patto::write_document_pdf(
            &text,
            &intestazione,
            "Lista del giorno",
            &[""],
            &mut pdf,
        )
        .map_err(|e| e.to_string())?;
        let pdf_path = base.with_extension("pdf");
        std::fs::write(&pdf_path, pdf).map_err(|e| e.to_string())?;
        let txt_path = base.with_extension("txt");
        std::fs::write(&txt_path, text).map_err(|e| e.to_string())?;
        Ok((pdf_path, txt_path))
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        if let Some(plan) = &mut self.plan {
            plan.draw(frame, area, env);
            return;
        }
        let s = env.s;
        let a = s.agenda;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let weekday = a.weekdays[self.day.weekday().num_days_from_monday() as usize];
        let resource = self
            .filter
            .and_then(|i| self.resources.get(i))
            .map_or(a.all_resources, |r| r.nome.as_str());
        let head = format!(
            " {}: {weekday} {}   {}: {resource}   {}",
            a.label_day,
            format::date(self.day),
            a.label_resource,
            a.count(self.lines.len())
        );
        // The keys not in the footer, from the keymap.
        let key = |action: Action| {
            keymap::first_key(Context::Agenda, action)
                .map(|k| k.name(s))
                .unwrap_or_default()
        };
        let keys = format!(
            " {}/{} {}/{} · {} {} · {} {} · {} {} · {} {}",
            key(Action::PageUp),
            key(Action::PageDown),
            a.k_prev_day,
            a.k_next_day,
            key(Action::GoTo),
            a.k_goto,
            key(Action::NextField),
            a.k_resource,
            key(Action::Print),
            a.k_print,
            key(Action::Plan),
            a.k_plan,
        );
        // The key line wraps to a second row on narrow terminals.
        let mut text = vec![Line::styled(format::truncate(&head, width), theme.section)];
        for part in format::wrap(keys.trim_start(), width).into_iter().take(2) {
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
                    || s.none.to_string(),
                    |p| format!("{} {}", p.cognome, p.nome),
                );
                Row::new(vec![
                    Cell::from(app.start.format("%H:%M").to_string()),
                    Cell::from(app.end.format("%H:%M").to_string()),
                    Cell::from(l.dove.clone()),
                    Cell::from(who),
                    Cell::from(app.descrizione.clone()),
                    Cell::from(app.stato.label()),
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
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol(MARKER)
        .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(table, table_area, &mut self.state);
    }
}
