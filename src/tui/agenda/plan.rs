//! F6, planning a patient's PAI: the planner's proposals with a checkbox
//! each (all ticked at first), what it could not place and the external
//! occurrences to book through the regional system. Ctrl+S books the ticked
//! ones in one transaction. The patient's preferences (weekdays, mattina or
//! pomeriggio) are remembered per patient and change the proposals.

use std::collections::BTreeSet;

use chrono::{NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::PatientId;
use crate::domain::agenda::{Fascia, Preferences, Resource};
use crate::domain::pai::{ItemId, Pai, PaiId};
use crate::domain::planner::{PlanOutput, Proposal};
use crate::service::Desk;
use crate::tui::agenda::AgendaPurpose;
use crate::tui::agenda::strings::Texts;
use crate::tui::kit::dialog::{DialogField, Modal};
use crate::tui::kit::format;
use crate::tui::kit::keys::Action;
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;

/// What the proposal view asks of the agenda under it.
pub enum PlanOutcome {
    /// Stay on the proposals.
    Stay(Box<Cmd>),
    /// Back to the day list, nothing booked.
    Close,
    /// Booked `count` appointments, the first on `first`.
    Booked { first: NaiveDate, count: usize },
}

/// The weekdays the preferences dialog offers, Monday to Saturday.
const DAYS: [Weekday; 6] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

pub struct PlanView {
    pai: PaiId,
    patient_id: PatientId,
    patient: String,
    preferences: Preferences,
    items: Vec<(ItemId, String)>,
    resources: Vec<Resource>,
    output: PlanOutput,
    ticked: Vec<bool>,
    list: ListState,
}

impl PlanView {
    /// The proposals for the current PAI of `patient`; `Ok(None)` when the
    /// patient has no PAI to plan.
    pub fn load(
        desk: &Desk,
        patient: PatientId,
        name: &str,
    ) -> Result<Option<PlanView>, crate::service::DeskError> {
        let Some(pai) = desk.pai().current_pai(patient)? else {
            return Ok(None);
        };
        let preferences = desk.agenda().preferences_of(patient)?;
        let output = desk.agenda().plan_pai(pai.id, &preferences)?;
        let resources = desk.agenda().resources()?;
        Ok(Some(PlanView::new(
            &pai,
            name,
            preferences,
            output,
            resources,
        )))
    }

    fn new(
        pai: &Pai,
        name: &str,
        preferences: Preferences,
        output: PlanOutput,
        resources: Vec<Resource>,
    ) -> PlanView {
        let list = ListState::first_of(output.proposals.len());
        PlanView {
            pai: pai.id,
            patient_id: pai.patient,
            patient: name.to_string(),
            preferences,
            items: pai
                .items
                .iter()
                .map(|i| (i.id, i.descrizione.clone()))
                .collect(),
            resources,
            ticked: vec![true; output.proposals.len()],
            output,
            list,
        }
    }

    pub fn output(&self) -> &PlanOutput {
        &self.output
    }

    /// The preferences the proposals were computed with.
    pub fn preferences(&self) -> &Preferences {
        &self.preferences
    }

    /// The dialog of the patient's preferences: a yes/no per weekday
    /// (all yes when any day will do) and the part of the day.
    fn preferences_dialog(&self, s: &Texts) -> Modal {
        let a = s.agenda;
        let yes_no: Vec<String> = a.yes_no.iter().map(|x| x.to_string()).collect();
        let mut fields: Vec<DialogField> = DAYS
            .iter()
            .map(|d| DialogField::Choice {
                label: a.weekdays[d.num_days_from_monday() as usize].to_string(),
                options: yes_no.clone(),
                selected: usize::from(
                    !(self.preferences.giorni.is_empty() || self.preferences.giorni.contains(d)),
                ),
            })
            .collect();
        fields.push(DialogField::Choice {
            label: a.label_fascia.to_string(),
            options: a.fasce.iter().map(|x| x.to_string()).collect(),
            selected: match self.preferences.fascia {
                None => 0,
                Some(Fascia::Mattina) => 1,
                Some(Fascia::Pomeriggio) => 2,
            },
        });
        Modal::form(
            AgendaPurpose::Preferences,
            format!("{}: {}", a.prefs_title, self.patient),
            vec![a.prefs_intro.to_string()],
            fields,
        )
    }

    /// Saves the preferences of the dialog for the patient and plans again
    /// with them.
    pub fn save_preferences(&mut self, modal: &Modal, env: &Env) -> Result<Cmd, String> {
        let mut giorni: Vec<Weekday> = DAYS
            .iter()
            .enumerate()
            .filter(|(i, _)| modal.choice(*i) == 0)
            .map(|(_, d)| *d)
            .collect();
        // Every day (or none) chosen: any day will do.
        if giorni.len() == DAYS.len() {
            giorni.clear();
        }
        let fascia = match modal.choice(DAYS.len()) {
            1 => Some(Fascia::Mattina),
            2 => Some(Fascia::Pomeriggio),
            _ => None,
        };
        let preferences = Preferences { giorni, fascia };
        env.desk
            .agenda()
            .save_preferences(self.patient_id, &preferences)
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        let output = env
            .desk
            .agenda()
            .plan_pai(self.pai, &preferences)
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        self.preferences = preferences;
        self.ticked = vec![true; output.proposals.len()];
        self.list
            .select((!output.proposals.is_empty()).then_some(0));
        self.output = output;
        Ok(Cmd::Status(Status::success(
            Texts::of(env).agenda.prefs_saved,
        )))
    }

    /// "lun, mer · mattina", or "nessuna".
    fn preferences_text(&self, s: &Texts) -> String {
        let a = s.agenda;
        let mut parts: Vec<String> = Vec::new();
        if !self.preferences.giorni.is_empty() {
            let days: Vec<&str> = self
                .preferences
                .giorni
                .iter()
                .map(|d| a.weekdays_short[d.num_days_from_monday() as usize])
                .collect();
            parts.push(days.join(", "));
        }
        if let Some(f) = self.preferences.fascia {
            parts.push(
                match f {
                    Fascia::Mattina => a.fasce[1],
                    Fascia::Pomeriggio => a.fasce[2],
                }
                .to_string(),
            );
        }
        if parts.is_empty() {
            a.prefs_none.to_string()
        } else {
            parts.join(" · ")
        }
    }

    /// The proposals ticked for booking.
    pub fn chosen(&self) -> Vec<Proposal> {
        self.output
            .proposals
            .iter()
            .zip(&self.ticked)
            .filter(|(_, t)| **t)
            .map(|(p, _)| p.clone())
            .collect()
    }

    fn item_name(&self, item: ItemId) -> String {
        self.items
            .iter()
            .find(|(id, _)| *id == item)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    }

    fn resource_name(&self, id: u64) -> String {
        self.resources
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.nome.clone())
            .unwrap_or_default()
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<PlanOutcome> {
        Some(match action {
            Action::Up => {
                self.list.move_by(self.output.proposals.len(), -1);
                PlanOutcome::Stay(Box::new(Cmd::Redraw))
            }
            Action::Down => {
                self.list.move_by(self.output.proposals.len(), 1);
                PlanOutcome::Stay(Box::new(Cmd::Redraw))
            }
            Action::Toggle => {
                if let Some(t) = self.list.selected().and_then(|i| self.ticked.get_mut(i)) {
                    *t = !*t;
                }
                PlanOutcome::Stay(Box::new(Cmd::Redraw))
            }
            Action::Save => {
                let chosen = self.chosen();
                let Some(first) = chosen.iter().map(|p| p.start.date()).min() else {
                    return Some(PlanOutcome::Stay(Box::new(Cmd::Status(Status::warning(
                        Texts::of(env).agenda.none_selected,
                    )))));
                };
                match env.desk.agenda().accept_proposals(self.pai, &chosen) {
                    Ok(ids) => PlanOutcome::Booked {
                        first,
                        count: ids.len(),
                    },
                    Err(e) if e.is_slot_full() => {
                        // Another desk took a place: plan again on what is free.
                        let cmd = match env.desk.agenda().plan_pai(self.pai, &self.preferences) {
                            Ok(output) => {
                                self.ticked = vec![true; output.proposals.len()];
                                self.list
                                    .select((!output.proposals.is_empty()).then_some(0));
                                self.output = output;
                                Cmd::Status(Status::warning(Texts::of(env).agenda.plan_taken))
                            }
                            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                        };
                        PlanOutcome::Stay(Box::new(cmd))
                    }
                    Err(e) => PlanOutcome::Stay(Box::new(Cmd::Status(Status::error(
                        crate::texts::error(env.lang, &e),
                    )))),
                }
            }
            Action::Preferences => PlanOutcome::Stay(Box::new(Cmd::modal(
                self.preferences_dialog(Texts::of(env)),
            ))),
            Action::Back => PlanOutcome::Close,
            _ => return None,
        })
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let a = s.agenda;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let chosen = self.chosen();
        let days: BTreeSet<NaiveDate> = chosen.iter().map(|p| p.start.date()).collect();
        let days = u32::try_from(days.len()).unwrap_or(u32::MAX);
        let head = vec![
            Line::styled(
                format!(" {}", format::truncate(&self.patient, width)),
                theme.section,
            ),
            Line::raw(format!(
                " {}",
                format::truncate(&a.summary(chosen.len(), days), width)
            )),
            Line::raw(format!(
                " {}",
                format::truncate(
                    &format!("{}: {}", a.prefs_label, self.preferences_text(s)),
                    width
                )
            )),
        ];
        // What is not proposed: unplaced occurrences, then external ones.
        let mut rest: Vec<Line> = Vec::new();
        if !self.output.unplaced.is_empty() {
            rest.push(Line::styled(format!(" {}", a.head_unplaced), theme.section));
            for u in &self.output.unplaced {
                let text = format!(
                    "  {} {}: {}",
                    format::date(u.target),
                    self.item_name(u.item),
                    u.reason
                );
                rest.push(Line::styled(format::truncate(&text, width), theme.warning));
            }
        }
        if !self.output.esterni.is_empty() {
            rest.push(Line::styled(format!(" {}", a.head_esterni), theme.section));
            for o in &self.output.esterni {
                let text = a.esterno(
                    &self.item_name(o.item),
                    &format::date(o.finestra.0),
                    &format::date(o.finestra.1),
                );
                rest.push(Line::raw(format::truncate(&format!("  {text}"), width)));
            }
        }
        let rest_height = u16::try_from(rest.len())
            .unwrap_or(u16::MAX)
            .min(area.height / 3);
        let [head_area, table_area, rest_area] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Fill(1),
            Constraint::Length(rest_height),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(head), head_area);
        frame.render_widget(Paragraph::new(rest), rest_area);
        if self.output.proposals.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", a.no_proposals), theme.muted)),
                table_area,
            );
            return;
        }
        let header = Row::new(vec![
            Cell::from(""),
            Cell::from(a.col_data),
            Cell::from(a.col_ora),
            Cell::from(a.col_dove),
            Cell::from(a.col_prestazione),
        ])
        .style(theme.table_header);
        let rows: Vec<Row> = self
            .output
            .proposals
            .iter()
            .zip(&self.ticked)
            .map(|(p, t)| {
                Row::new(vec![
                    Cell::from(if *t { "[x]" } else { "[ ]" }),
                    Cell::from(format::date(p.start.date())),
                    Cell::from(p.start.format("%H:%M").to_string()),
                    Cell::from(self.resource_name(p.resource)),
                    Cell::from(p.descrizione.clone()),
                ])
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Length(3),
                Constraint::Length(10),
                Constraint::Length(5),
                Constraint::Fill(2),
                Constraint::Fill(3),
            ],
        )
        .header(header)
        .selectable(theme);
        self.list.render(frame, table_area, table, 1);
    }
}
