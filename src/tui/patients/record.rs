//! The patient record: anagrafica, residence and ATS, doctor and contacts,
//! pathologies and level, the PIC summary. Never deletes: a patient is
//! marked deceased or transferred with a date.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::gestore::PresaStep;
use crate::domain::{Gestore, Patient, PatientId, PatientStatus, PresaStato, Sex};
use crate::service::Desk;
use crate::tui::kit::dialog::{Modal, StatusChange, Submit};
use crate::tui::kit::format;
use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::patients::strings::Texts;

/// Width of the label column.
const LABEL_WIDTH: usize = 19;

pub struct RecordScreen {
    patient: Patient,
    scroll: usize,
    total: usize,
    page: usize,
}

impl RecordScreen {
    pub fn new(patient: Patient) -> RecordScreen {
        RecordScreen {
            patient,
            scroll: 0,
            total: 0,
            page: 0,
        }
    }

    pub fn id(&self) -> PatientId {
        self.patient.id
    }

    pub fn patient(&self) -> &Patient {
        &self.patient
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.patient.cognome, self.patient.nome)
    }

    /// Reads the patient again from the store.
    pub fn reload(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        match desk.patients().patient(self.patient.id) {
            Ok(Some(p)) => {
                self.patient = p;
                Ok(())
            }
            Ok(None) => Err(crate::service::StoreProblem::PatientNotFound(self.patient.id).into()),
            Err(e) => Err(e),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let s = Texts::of(env);
        Some(match action {
            Action::Edit if self.patient.is_erased() => {
                Cmd::Status(Status::info(s.patients.erased_no_edit))
            }
            Action::Edit => Cmd::EditPatient(Box::new(self.patient.clone())),
            Action::MarkDeceased => self.status_question(StatusChange::Deceased, env),
            Action::MarkTransferred => self.status_question(StatusChange::Transferred, env),
            Action::Reactivate => {
                if self.patient.stato == PatientStatus::Attivo {
                    Cmd::Status(Status::info(s.patients.already_active))
                } else {
                    Cmd::modal(Modal::confirm(
                        Submit::on(|record: &mut RecordScreen, _, env| {
                            record.set_status(PatientStatus::Attivo, env)
                        }),
                        s.patients.reactivate_title.to_string(),
                        vec![s.patients.reactivate_question(&self.name())],
                    ))
                }
            }
            Action::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                Cmd::Redraw
            }
            Action::Down => {
                self.scroll = (self.scroll + 1).min(self.total.saturating_sub(self.page));
                Cmd::Redraw
            }
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// The date of a status change was confirmed: the change is made, or
    /// the dialog stays with what is wrong with the date.
    fn status_confirmed(&mut self, change: StatusChange, mut modal: Modal, env: &Env) -> Cmd {
        let text = modal.value().unwrap_or_default().to_string();
        match self.check_status_date(&text, env) {
            Ok(date) => {
                let status = match change {
                    StatusChange::Deceased => PatientStatus::Deceduto(date),
                    StatusChange::Transferred => PatientStatus::Trasferito(date),
                };
                self.set_status(status, env)
            }
            Err(message) => {
                modal.error = Some(message);
                Cmd::modal(modal)
            }
        }
    }

    fn status_question(&self, change: StatusChange, env: &Env) -> Cmd {
        let s = Texts::of(env);
        let title = match change {
            StatusChange::Deceased => s.patients.deceased_title,
            StatusChange::Transferred => s.patients.transferred_title,
        };
        Cmd::modal(Modal::date(
            Submit::on(move |record: &mut RecordScreen, modal, env| {
                record.status_confirmed(change, modal, env)
            }),
            title.to_string(),
            vec![s.patients.status_question(change, &self.name())],
            s.patients.date_label.to_string(),
            env.today,
        ))
    }

    /// Checks a date typed for a status change: not in the future, not before
    /// the birth date.
    pub fn check_status_date(&self, text: &str, env: &Env) -> Result<NaiveDate, String> {
        let s = Texts::of(env);
        let date = format::read_date(text).map_err(|e| s.kit.date_error(e).to_string())?;
        if date > env.today {
            return Err(s.kit.err_date_future.to_string());
        }
        if date < self.patient.data_nascita {
            return Err(s.patients.err_date_before_birth.to_string());
        }
        Ok(date)
    }

    /// Saves a new status through the desk and reloads the record.
    pub fn set_status(&mut self, status: PatientStatus, env: &Env) -> Cmd {
        let mut p = self.patient.clone();
        p.stato = status;
        match env.desk.patients().update_patient_opened(&self.patient, p) {
            Ok(()) => {
                if let Err(e) = self.reload(env.desk) {
                    return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
                }
                Cmd::Many(vec![
                    Cmd::RefreshLookups,
                    Cmd::Status(Status::success(
                        Texts::of(env).patients.status_saved(status),
                    )),
                ])
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    fn lines<'a>(&self, env: &Env<'a>, width: usize) -> Vec<Line<'a>> {
        let s = Texts::of(env);
        let theme = env.theme;
        let p = &self.patient;
        let value_width = width.saturating_sub(LABEL_WIDTH + 2).max(10);
        let mut lines: Vec<Line<'a>> = Vec::new();
        let mut row = |label: &str, value: String, style: Style| {
            for (i, part) in format::wrap(&value, value_width).into_iter().enumerate() {
                let label = if i == 0 { label } else { "" };
                let pad = LABEL_WIDTH.saturating_sub(format::width(label));
                lines.push(Line::from(vec![
                    Span::raw(" "),
                    Span::styled(format!("{label}{}", " ".repeat(pad)), theme.label),
                    Span::raw(" "),
                    Span::styled(part, style),
                ]));
            }
        };
        let none = || s.kit.none.to_string();
        let or_none = |v: &str| {
            if v.trim().is_empty() {
                none()
            } else {
                v.to_string()
            }
        };

        row(
            s.patients.f_cf,
            format!(
                "{}    {}: {}",
                p.codice_fiscale,
                s.patients.f_sex,
                match p.sesso {
                    Sex::M => s.patients.sex_m,
                    Sex::F => s.patients.sex_f,
                }
            ),
            theme.field,
        );
        row(
            s.patients.r_born,
            s.patients.born_on(
                &format::date(p.data_nascita),
                p.age_on(env.today),
                &format::place(&p.luogo_nascita),
            ),
            theme.field,
        );
        row(
            s.patients.f_tessera,
            or_none(&p.tessera_sanitaria),
            theme.field,
        );
        let residence = [
            p.residenza.indirizzo.trim().to_string(),
            [p.residenza.cap.trim(), &format::place(&p.residenza.comune)]
                .iter()
                .filter(|x| !x.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        ]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        row(s.patients.r_residence, or_none(&residence), theme.field);
        row(s.kit.r_ats, ats_text(p, s), theme.field);
        row(s.patients.f_mmg, or_none(&p.mmg), theme.field);
        row(
            s.patients.f_phones,
            or_none(&p.telefoni.join(", ")),
            theme.field,
        );
        row(s.patients.f_email, or_none(&p.email), theme.field);
        let catalogue = crate::service::pathologies();
        let pathologies = p
            .patologie
            .iter()
            .map(|c| {
                let label = catalogue.label(c);
                if p.patologia_primaria.as_deref() == Some(c.as_str()) {
                    format!("{label} {}", s.patients.primary_tag)
                } else {
                    label
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        row(s.patients.r_pathologies, or_none(&pathologies), theme.field);
        row(
            s.patients.r_level,
            match p.livello_noto() {
                Some(l) => format!(
                    "{} · {}",
                    s.kit.level_known(&l),
                    s.patients.level_name(l.livello())
                ),
                None => s.patients.no_level.to_string(),
            },
            theme.field,
        );
        // The presa in carico and, when there was more than the current one,
        // the whole history, newest first.
        match env.desk.gestori().prese_history(p.id) {
            Ok(history) => {
                let g = s.kit;
                let name = |x: &Option<Gestore>| {
                    x.as_ref()
                        .map(|x| x.denominazione.clone())
                        .unwrap_or_else(none)
                };
                match history.iter().find(|(pr, _)| pr.is_active()) {
                    Some((pr, gestore)) => {
                        let mut text = s.patients.pic_summary(
                            &name(gestore),
                            g.canale(pr.canale),
                            &format::date(pr.data_scelta),
                            env.desk
                                .pai()
                                .presa_step(p.id)
                                .ok()
                                .flatten()
                                .unwrap_or(PresaStep::GestoreScelto),
                        );
                        // An earlier-model Gestore after 2024.
                        if gestore
                            .as_ref()
                            .is_some_and(|x| pr.da_trasferire(x, env.today))
                        {
                            text.push_str(&format!(" · {}", g.da_trasferire));
                        }
                        row(s.kit.r_pic, text, theme.info)
                    }
                    None => row(s.kit.r_pic, s.patients.no_pic.to_string(), theme.field),
                }
                let only_current = history.len() == 1 && history[0].0.is_active();
                if !only_current {
                    for (i, (pr, gestore)) in history.iter().enumerate() {
                        let revoked = match &pr.stato {
                            PresaStato::Revocato { data, motivo } => {
                                Some((format::date(*data), motivo.clone()))
                            }
                            PresaStato::Scelto => None,
                        };
                        let text = s.patients.history_entry(
                            &name(gestore),
                            &format::date(pr.data_scelta),
                            revoked.as_ref().map(|(d, m)| (d.as_str(), m.as_str())),
                        );
                        let style = if pr.is_active() {
                            theme.field
                        } else {
                            theme.muted
                        };
                        row(if i == 0 { s.patients.r_history } else { "" }, text, style);
                    }
                }
            }
            Err(e) => row(s.kit.r_pic, crate::texts::error(env.lang, &e), theme.error),
        }
        row(s.patients.f_note, or_none(&p.note), theme.field);
        row("", String::new(), theme.field);
        row(
            s.patients.r_areas,
            s.patients.record_areas.to_string(),
            theme.muted,
        );
        lines
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        let p = &self.patient;
        let mut title = vec![
            Span::raw(" "),
            Span::styled(format!("{} {}", p.cognome, p.nome), theme.section),
        ];
        match p.stato {
            PatientStatus::Attivo => {}
            PatientStatus::Deceduto(d) => title.push(Span::styled(
                format!("   {} {}", s.patients.deceased_on, format::date(d)),
                theme.status_warning,
            )),
            PatientStatus::Trasferito(d) => title.push(Span::styled(
                format!("   {} {}", s.patients.transferred_on, format::date(d)),
                theme.status_warning,
            )),
        }
        frame.render_widget(Paragraph::new(Line::from(title)), area);
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let lines = self.lines(env, usize::from(body.width));
        self.total = lines.len();
        self.page = usize::from(body.height);
        self.scroll = self.scroll.min(self.total.saturating_sub(self.page));
        if self.total > self.page {
            // More lines than room: say how to reach them.
            let hint = s.patients.scroll_hint();
            let w = u16::try_from(format::width(hint)).unwrap_or(0);
            frame.render_widget(
                Paragraph::new(Span::styled(hint, theme.muted)),
                Rect {
                    x: area.right().saturating_sub(w + 1),
                    width: w,
                    height: 1,
                    ..area
                },
            );
        }
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(self.scroll).unwrap_or(0), 0)),
            body,
        );
    }
}

/// The ATS of residence, or the operator's choice with the derived one beside it.
fn ats_text(p: &Patient, s: &Texts) -> String {
    let derived = format::residence_ats(&p.residenza.comune);
    let derived_text = match derived {
        Some(a) => format::ats_label(a),
        None if p.residenza.comune.trim().is_empty() => s.kit.none.to_string(),
        None => s.patients.outside_lombardy.to_string(),
    };
    match p.ats_override.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => {
            let chosen = format::ats_by_code(code)
                .map(format::ats_label)
                .unwrap_or_else(|| code.to_string());
            s.patients.ats_overridden(&chosen, &derived_text)
        }
        _ => derived_text,
    }
}

impl crate::tui::kit::screen::Screen for RecordScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::patients::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        crate::tui::kit::keys::Context::Record
    }

    fn title(&self, env: &Env) -> String {
        Texts::of(env).patients.title_record.to_string()
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
    }

    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        Some((self.id(), self.name()))
    }

    fn owner(&self) -> Option<crate::domain::PatientId> {
        crate::tui::kit::screen::Screen::patient(self).map(|(id, _)| id)
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients, Prese, Patti, Pai, Agenda]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = self.reload(env.desk);
    }

    crate::screen_any!();
}
