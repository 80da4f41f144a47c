//! F3, the Gestore of the current patient: the active presa in carico, the
//! Gestori idonei of the patient's ATS (another ATS on request) with the
//! Gestore of the patient's own MMG first, a text and a type filter; Enter
//! chooses (channel, date, note), changing means revoking first.

pub mod keys;
pub mod strings;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use tui_input::Input;

use crate::domain::gestore::{FINE_MODELLO_PRECEDENTE, PresaStep};
use crate::domain::text::fold;
use crate::domain::{Canale, Gestore, GestoreId, GestoreTipo, Patient, PatientId, PresaInCarico};
use crate::service::Desk;
use crate::service::gestori::GestoriChoice;
use crate::tui::gestore::strings::Texts;
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::list::ListState;
use crate::tui::kit::picker::{Picker, PickerOutcome};
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;

/// Future appointments listed by name in the dialog after a revocation; the
/// others are counted on a last line.
const LISTED_APPOINTMENTS: usize = 8;

/// Marks the Gestore of the patient's own MMG.
pub const STAR: &str = "★ ";

/// What a confirmed dialog of this screen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GestorePurpose {
    /// Record the choice of this Gestore (fields: canale, data, note).
    Choose(GestoreId),
    /// The patient already has a Gestore: go on to the revocation.
    Change,
    /// Revoke the active presa (fields: data, motivo); `then_choose` when the
    /// operator is changing Gestore.
    Revoke { then_choose: bool },
    /// After a revocation: cancel the booked future appointments of its PAI.
    CancelFuture { presa: u64 },
}

impl From<GestorePurpose> for Submit {
    fn from(purpose: GestorePurpose) -> Submit {
        match purpose {
            // Asked after any revocation: no screen state needed.
            GestorePurpose::CancelFuture { presa } => {
                Submit::try_new(move |_, env| cancel_future(presa, env))
            }
            _ => Submit::on_try(move |g: &mut GestoreScreen, modal, env| {
                g.confirm(purpose, modal, env)
            }),
        }
    }
}

/// Cancels the booked future appointments of the revoked presa `presa`.
fn cancel_future(presa: u64, env: &Env) -> Result<Cmd, String> {
    let n = env
        .desk
        .agenda()
        .cancel_future_appointments_of_presa(presa, "presa in carico revocata")
        .map_err(|e| crate::texts::error(env.lang, &e))?;
    Ok(Cmd::Status(Status::success(env.kit.cancelled_future(n))))
}

pub struct GestoreScreen {
    /// The operator's language, for the problems found when reloading.
    lang: crate::texts::Lang,
    patient: Option<Patient>,
    /// The ATS asked for instead of the patient's own.
    other_ats: Option<String>,
    choice: Option<GestoriChoice>,
    /// Why the list could not be read.
    problem: Option<String>,
    active: Option<(PresaInCarico, Option<Gestore>)>,
    /// Where the active presa stands (Gestore chosen, Patto signed, PAI shared).
    step: PresaStep,
    filter: Input,
    tipo: Option<GestoreTipo>,
    /// Indexes into `choice.gestori` that pass the filters.
    visible: Vec<usize>,
    list: ListState,
    /// The chooser of another ATS, while open.
    picker: Option<Picker>,
}

impl GestoreScreen {
    /// The screen for a patient (or the "no patient" message).
    pub fn new(patient: Option<PatientId>, env: &Env) -> GestoreScreen {
        let mut screen = GestoreScreen {
            patient: None,
            other_ats: None,
            lang: env.lang,
            choice: None,
            problem: None,
            active: None,
            step: PresaStep::GestoreScelto,
            filter: Input::default(),
            tipo: None,
            visible: Vec::new(),
            list: ListState::default(),
            picker: None,
        };
        if let Some(id) = patient {
            match env.desk.patients().patient(id) {
                Ok(Some(p)) => screen.patient = Some(p),
                Ok(None) => screen.problem = Some(env.kit.patient_not_found.to_string()),
                Err(e) => screen.problem = Some(crate::texts::error(env.lang, &e)),
            }
        }
        screen.reload(env.desk);
        screen
    }

    pub fn patient(&self) -> Option<(PatientId, String)> {
        self.patient
            .as_ref()
            .map(|p| (p.id, format!("{} {}", p.cognome, p.nome)))
    }

    /// The Gestori listed now, in screen order.
    pub fn listed(&self) -> Vec<&Gestore> {
        match &self.choice {
            Some(c) => self
                .visible
                .iter()
                .filter_map(|&i| c.gestori.get(i))
                .collect(),
            None => Vec::new(),
        }
    }

    pub fn selected(&self) -> Option<&Gestore> {
        let i = self.list.selected()?;
        let c = self.choice.as_ref()?;
        c.gestori.get(*self.visible.get(i)?)
    }

    /// The ATS whose list is shown.
    pub fn ats(&self) -> Option<&str> {
        self.choice.as_ref().map(|c| c.ats.as_str())
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else {
            Context::Gestore
        }
    }

    pub fn has_dialog(&self) -> bool {
        self.picker.is_some()
    }

    /// The filter field has the focus, unless the chooser is open.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        if self.patient.is_some() && self.picker.is_none() {
            Some(&mut self.filter)
        } else {
            None
        }
    }

    pub fn input_changed(&mut self) -> Cmd {
        self.refilter();
        Cmd::Redraw
    }

    /// Reads the patient's presa and the list again, keeping the selected
    /// Gestore when still listed.
    pub fn reload(&mut self, desk: &Desk) {
        let Some(p) = &self.patient else {
            return;
        };
        let keep = self.selected().map(|g| g.id);
        if let Ok(Some(fresh)) = desk.patients().patient(p.id) {
            self.patient = Some(fresh);
        }
        let Some(p) = &self.patient else {
            return;
        };
        self.problem = None;
        self.active = match desk.gestori().active_presa(p.id) {
            Ok(Some(presa)) => {
                let g = desk.gestori().gestore(presa.gestore).ok().flatten();
                Some((presa, g))
            }
            Ok(None) => None,
            Err(e) => {
                self.problem = Some(crate::texts::error(self.lang, &e));
                None
            }
        };
        self.step = desk
            .pai()
            .presa_step(p.id)
            .ok()
            .flatten()
            .unwrap_or(PresaStep::GestoreScelto);
        match desk.gestori().gestori_choice(p, self.other_ats.as_deref()) {
            Ok(c) => self.choice = Some(c),
            Err(e) => {
                self.choice = None;
                self.problem = Some(crate::texts::error(self.lang, &e));
            }
        }
        self.refilter();
        if let Some(id) = keep
            && let Some(pos) = self.listed().iter().position(|g| g.id == id)
        {
            self.list.select(Some(pos));
        }
    }

    fn refilter(&mut self) {
        let words: Vec<String> = fold(self.filter.value())
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        self.visible = match &self.choice {
            Some(c) => c
                .gestori
                .iter()
                .enumerate()
                .filter(|(_, g)| self.tipo.is_none_or(|t| g.tipo == t))
                .filter(|(_, g)| {
                    let hay = fold(&format!("{} {} {}", g.denominazione, g.comune, g.referente));
                    words.iter().all(|w| hay.contains(w.as_str()))
                })
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        self.list.reset(self.visible.len());
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let s = Texts::of(env);
        if let Some(picker) = &mut self.picker {
            return Some(match picker.action(action) {
                PickerOutcome::Chosen(i) => {
                    self.picker = None;
                    self.choose_ats(i, env)
                }
                PickerOutcome::Cancelled => {
                    self.picker = None;
                    Cmd::Redraw
                }
                PickerOutcome::Moved => Cmd::Redraw,
                PickerOutcome::Ignored => Cmd::None,
            });
        }
        if action == Action::Back {
            return Some(Cmd::Back);
        }
        if self.patient.is_none() {
            return Some(Cmd::Status(Status::info(s.gestori.no_patient_keys)));
        }
        if self.list.step(action, self.visible.len()) {
            return Some(Cmd::Redraw);
        }
        Some(match action {
            Action::TypeFilter => self.next_tipo(env),
            Action::OtherAts => self.open_ats_picker(env),
            Action::Open => self.enter(env),
            Action::Revoke => match &self.active {
                Some(_) => Cmd::modal(self.revoke_modal(env, false)),
                None => Cmd::Status(Status::info(s.gestori.nothing_to_revoke)),
            },
            _ => return None,
        })
    }

    /// The next type present in the list, then all types again.
    fn next_tipo(&mut self, env: &Env) -> Cmd {
        let present: Vec<GestoreTipo> = GestoreTipo::ALL
            .into_iter()
            .filter(|t| {
                self.choice
                    .as_ref()
                    .is_some_and(|c| c.gestori.iter().any(|g| g.tipo == *t))
            })
            .collect();
        if present.is_empty() {
            return Cmd::Status(Status::info(Texts::of(env).gestori.no_types));
        }
        self.tipo = match self.tipo.and_then(|t| present.iter().position(|p| *p == t)) {
            None => present.first().copied(),
            Some(i) => present.get(i + 1).copied(),
        };
        self.refilter();
        Cmd::Redraw
    }

    fn own_ats(&self) -> Option<String> {
        self.patient.as_ref().and_then(|p| {
            p.ats(
                crate::service::comuni(),
                crate::service::ats_table(),
                crate::service::ats_rules(),
            )
            .map(|a| a.codice.clone())
        })
    }

    fn open_ats_picker(&mut self, env: &Env) -> Cmd {
        let g = Texts::of(env).gestori;
        let own = self.own_ats();
        let items: Vec<String> = crate::service::ats_table()
            .all_ats()
            .iter()
            .map(|a| {
                let mut label = format::ats_label(a);
                if own.as_deref() == Some(a.codice.as_str()) {
                    label.push_str(g.ats_residence_mark);
                }
                label
            })
            .collect();
        let current = self.ats().map(str::to_string).or(own);
        let selected = crate::service::ats_table()
            .all_ats()
            .iter()
            .position(|a| current.as_deref() == Some(a.codice.as_str()))
            .unwrap_or(0);
        self.picker = Some(Picker::new(
            g.ats_picker_title.to_string(),
            vec![g.ats_picker_text.to_string()],
            items,
            selected,
        ));
        Cmd::Redraw
    }

    fn choose_ats(&mut self, i: usize, env: &Env) -> Cmd {
        let Some(ats) = crate::service::ats_table().all_ats().get(i) else {
            return Cmd::Redraw;
        };
        let own = self.own_ats();
        self.other_ats = (own.as_deref() != Some(ats.codice.as_str())).then(|| ats.codice.clone());
        self.tipo = None;
        self.reload(env.desk);
        if self.other_ats.is_some() {
            Cmd::Status(Status::warning(Texts::of(env).gestori.other_ats_warning))
        } else {
            Cmd::Redraw
        }
    }

    /// Enter: the choice dialog, or, with a Gestore already chosen, the
    /// explanation that changing means revoking first.
    fn enter(&mut self, env: &Env) -> Cmd {
        let s = Texts::of(env);
        let g = s.gestori;
        if let Some((presa, gestore)) = &self.active {
            let name = gestore_name(gestore.as_ref(), s);
            return Cmd::modal(Modal::confirm(
                GestorePurpose::Change,
                g.change_title.to_string(),
                vec![
                    g.change_text(&name, &format::date(presa.data_scelta)),
                    String::new(),
                    g.change_question.to_string(),
                ],
            ));
        }
        let Some(gestore) = self.selected().cloned() else {
            let text = if self.filter.value().trim().is_empty() && self.tipo.is_none() {
                g.empty_list
            } else {
                g.nothing_matches
            };
            return Cmd::Status(Status::info(text));
        };
        let practice = match env.desk.gestori().practice() {
            Ok(p) => p,
            Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        };
        let Some(p) = &self.patient else {
            return Cmd::None;
        };
        // The 2024 channels: only those that fit this Gestore, and why the
        // others do not.
        let per_canale = practice.canali_per(&gestore, &p.mmg, env.today);
        let canali: Vec<Canale> = per_canale
            .iter()
            .filter(|(_, e)| e.is_none())
            .map(|(c, _)| *c)
            .collect();
        let excluded: Vec<String> = per_canale
            .iter()
            .filter_map(|(c, e)| {
                e.as_ref().map(|e| {
                    g.not_offered(
                        g.canale(*c),
                        &crate::texts::label::canale_escluso(env.lang, e),
                    )
                })
            })
            .collect();
        if canali.is_empty() {
            let mut lines = vec![
                format!("{}: {}", g.gestore, gestore.denominazione),
                String::new(),
            ];
            if gestore.tipo.modello_precedente() && env.today > FINE_MODELLO_PRECEDENTE {
                lines.push(g.earlier_model_refused.to_string());
            } else {
                lines.push(g.no_channel_fits.to_string());
                lines.extend(excluded);
            }
            return Cmd::modal(Modal::confirm(
                Submit::new(|_, _| Cmd::None),
                g.choose_title.to_string(),
                lines,
            ));
        }
        // An ASST is usually reached through its own Centro Servizi.
        let default = if gestore.tipo == GestoreTipo::Asst {
            canali
                .iter()
                .position(|c| *c == Canale::CentroServiziAsst)
                .unwrap_or(0)
        } else {
            0
        };
        let mut lines = vec![
            format!(
                "{}: {} {} · {}",
                s.kit.patient, p.cognome, p.nome, p.codice_fiscale
            ),
            format!(
                "{}: {}{}",
                g.gestore,
                gestore.denominazione,
                if gestore.comune.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", gestore.comune)
                }
            ),
        ];
        if self.choice.as_ref().is_some_and(|c| c.other_ats) {
            lines.push(format!("! {}", g.other_ats_warning));
        }
        lines.extend(excluded);
        let fields = vec![
            DialogField::Choice {
                label: g.f_canale.to_string(),
                options: canali.iter().map(|c| g.canale(*c).to_string()).collect(),
                selected: default,
            },
            DialogField::Text {
                label: g.f_data.to_string(),
                input: field::input_with(&format::date(env.today)),
            },
            DialogField::Text {
                label: g.f_note.to_string(),
                input: Input::default(),
            },
        ];
        let mut modal = Modal::form(
            GestorePurpose::Choose(gestore.id),
            g.choose_title.to_string(),
            lines,
            fields,
        );
        // The date is the field most often changed.
        modal.focus = 1;
        Cmd::modal(modal)
    }

    fn revoke_modal(&self, env: &Env, then_choose: bool) -> Modal {
        let s = Texts::of(env);
        let g = s.gestori;
        let mut lines = Vec::new();
        if let Some((presa, gestore)) = &self.active {
            lines.push(g.revoke_text(
                &gestore_name(gestore.as_ref(), s),
                &format::date(presa.data_scelta),
            ));
        }
        lines.push(g.revoke_patto_line.to_string());
        if then_choose {
            lines.push(g.revoke_then_choose.to_string());
        }
        let mut modal = Modal::form(
            GestorePurpose::Revoke { then_choose },
            g.revoke_title.to_string(),
            lines,
            vec![
                DialogField::Text {
                    label: g.f_data.to_string(),
                    input: field::input_with(&format::date(env.today)),
                },
                DialogField::Text {
                    label: g.f_motivo.to_string(),
                    input: Input::default(),
                },
            ],
        );
        modal.focus = 1;
        modal
    }

    /// A confirmed dialog of this screen. `Err` keeps the dialog open with the
    /// message.
    pub fn confirm(
        &mut self,
        purpose: GestorePurpose,
        modal: &Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        let s = Texts::of(env);
        let g = s.gestori;
        let Some(p) = self.patient.clone() else {
            return Ok(Cmd::None);
        };
        let read_date = |text: &str| -> Result<chrono::NaiveDate, String> {
            let d = format::read_date(text).map_err(|e| s.kit.date_error(e).to_string())?;
            if d > env.today {
                return Err(s.kit.err_date_future.to_string());
            }
            Ok(d)
        };
        match purpose {
            GestorePurpose::Change => Ok(Cmd::modal(self.revoke_modal(env, true))),
            GestorePurpose::Choose(id) => {
                let practice = env
                    .desk
                    .gestori()
                    .practice()
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                let gestore = env
                    .desk
                    .gestori()
                    .gestore(id)
                    .map_err(|e| crate::texts::error(env.lang, &e))?
                    .ok_or_else(|| g.no_channel.to_string())?;
                let canali = practice.canali_offerti(&gestore, &p.mmg, env.today);
                let canale = canali
                    .get(modal.choice(0))
                    .copied()
                    .ok_or_else(|| g.no_channel.to_string())?;
                let data = read_date(modal.text(1))?;
                // This dialog opens only when the screen showed no active
                // presa: a choice another desk recorded meanwhile is refused
                // and the dialog stays open with the note typed.
                let presa = env
                    .desk
                    .gestori()
                    .choose_gestore_opened(p.id, id, canale, data, modal.text(2))
                    .map_err(|e| {
                        if e.changed_meanwhile().is_some() {
                            self.reload(env.desk);
                        }
                        crate::texts::error(env.lang, &e)
                    })?;
                let name = env
                    .desk
                    .gestori()
                    .gestore(presa.gestore)
                    .ok()
                    .flatten()
                    .map(|x| x.denominazione)
                    .unwrap_or_default();
                self.filter.reset();
                self.tipo = None;
                self.reload(env.desk);
                Ok(Cmd::Many(vec![
                    Cmd::RefreshLookups,
                    Cmd::Status(Status::success(g.chosen(
                        &name,
                        g.canale(canale),
                        &format::date(data),
                    ))),
                ]))
            }
            GestorePurpose::Revoke { then_choose } => {
                let data = read_date(modal.text(0))?;
                let motivo = modal.text(1).trim().to_string();
                if motivo.is_empty() {
                    return Err(g.err_motivo.to_string());
                }
                // The presa shown: refused when another desk revoked it or
                // recorded another choice meanwhile.
                let revoked = match &self.active {
                    Some((shown, _)) => env
                        .desk
                        .gestori()
                        .revoke_presa_opened(p.id, shown.id, data, &motivo),
                    None => env.desk.gestori().revoke_presa(p.id, data, &motivo),
                }
                .map_err(|e| crate::texts::error(env.lang, &e))?;
                self.reload(env.desk);
                let text = if then_choose {
                    g.revoked_choose_now(&format::date(data))
                } else {
                    g.revoked(&format::date(data), &motivo)
                };
                let future = env
                    .desk
                    .agenda()
                    .future_appointments_of_presa(revoked.id)
                    .unwrap_or_default();
                let mut cmds = vec![Cmd::RefreshLookups, Cmd::Status(Status::success(text))];
                if !future.is_empty() {
                    let mut lines = vec![env.kit.cancel_future_text(future.len()), String::new()];
                    lines.extend(future.iter().take(LISTED_APPOINTMENTS).map(|a| {
                        format!("{} {}", a.start.format("%d/%m/%Y %H:%M"), a.descrizione)
                    }));
                    if future.len() > LISTED_APPOINTMENTS {
                        lines.push(
                            Texts::of(env)
                                .gestori
                                .more_appointments(future.len() - LISTED_APPOINTMENTS),
                        );
                    }
                    cmds.push(Cmd::modal(Modal::confirm(
                        GestorePurpose::CancelFuture { presa: revoked.id },
                        env.kit.cancel_future_title().to_string(),
                        lines,
                    )));
                }
                Ok(Cmd::Many(cmds))
            }
            GestorePurpose::CancelFuture { presa } => cancel_future(presa, env),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env);
        let g = s.gestori;
        let theme = env.theme;
        let Some(p) = self.patient.clone() else {
            let mut lines = vec![
                Line::raw(""),
                Line::styled(s.kit.area_gestore, theme.section),
                Line::raw(""),
                Line::raw(s.kit.area_gestore_text),
                Line::raw(""),
            ];
            if let Some(problem) = &self.problem {
                lines.push(Line::styled(problem.clone(), theme.error));
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(g.no_patient, theme.status_warning));
            frame.render_widget(
                Paragraph::new(lines)
                    .alignment(ratatui::layout::Alignment::Center)
                    .wrap(Wrap { trim: true }),
                area,
            );
            return;
        };
        // The active presa in carico, wrapped under its label when long.
        let presa_label = format!(" {}: ", s.kit.r_pic);
        let presa_text = match &self.active {
            Some((pr, gestore)) => {
                let mut line = g.active_line(
                    &gestore_name(gestore.as_ref(), s),
                    g.canale(pr.canale),
                    &format::date(pr.data_scelta),
                    self.step,
                );
                if gestore
                    .as_ref()
                    .is_some_and(|x| pr.da_trasferire(x, env.today))
                {
                    line.push_str(&format!(" · {}", s.kit.da_trasferire));
                }
                line
            }
            None => g.no_active.to_string(),
        };
        let indent = format::width(&presa_label);
        let presa_lines: Vec<String> = format::wrap(
            &presa_text,
            usize::from(area.width).saturating_sub(indent).max(1),
        )
        .into_iter()
        .take(2)
        .collect();
        let [header, presa, info, search, table, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(presa_lines.len() as u16),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(3),
        ])
        .areas(area);
        let width = usize::from(area.width);

        // The patient.
        let ats_text = match p.ats(
            crate::service::comuni(),
            crate::service::ats_table(),
            crate::service::ats_rules(),
        ) {
            Some(a) => format::ats_label(a),
            None => s.kit.none.to_string(),
        };
        let level = match p.livello_noto() {
            Some(l) => s.kit.level_known(&l),
            None => g.no_level.to_string(),
        };
        let rest = format!(
            "  ·  {}  ·  {level}  ·  {} {ats_text}",
            p.codice_fiscale, s.kit.r_ats
        );
        let name = format!(" {} {}", p.cognome, p.nome);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(name.clone(), theme.section),
                Span::raw(format::truncate(
                    &rest,
                    width.saturating_sub(format::width(&name)),
                )),
            ])),
            header,
        );

        let presa_style = if self.active.is_some() {
            theme.info
        } else {
            theme.muted
        };
        let lines: Vec<Line> = presa_lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let head = match i {
                    0 => Span::styled(presa_label.clone(), theme.label_focused),
                    _ => Span::raw(" ".repeat(indent)),
                };
                Line::from(vec![head, Span::styled(text, presa_style)])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), presa);

        // Which list, and the warning for another ATS.
        let info_line = match (&self.choice, &self.problem) {
            (_, Some(problem)) => Line::styled(
                format::truncate(&format!(" ✗ {problem}"), width),
                theme.error,
            ),
            (Some(c), None) => {
                let ats = format::ats_by_code(&c.ats)
                    .map(format::ats_label)
                    .unwrap_or_else(|| c.ats.clone());
                let mut text = g.list_line(&ats, self.visible.len(), c.gestori.len());
                if c.own_mmg.is_some() {
                    text.push_str(&format!("  ·  {STAR}{}", g.own_mmg));
                }
                if c.other_ats {
                    Line::styled(
                        format::truncate(&format!(" ! {}: {ats}", g.other_ats_warning), width),
                        theme.status_warning,
                    )
                } else {
                    Line::raw(format::truncate(&format!(" {text}"), width))
                }
            }
            (None, None) => Line::raw(""),
        };
        frame.render_widget(Paragraph::new(info_line), info);

        // The filters.
        let label = format!(" {}: ", s.kit.search_label);
        let label_width = u16::try_from(format::width(&label)).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(Span::styled(label, theme.label_focused)),
            search,
        );
        let tipo_text = format!(
            "{}: {}",
            g.tipo,
            match self.tipo {
                Some(t) => g.tipo_label(t),
                None => g.all_types,
            }
        );
        let tipo_width = u16::try_from(format::width(&tipo_text) + 2).unwrap_or(0);
        let field_area = Rect {
            x: search.x + label_width,
            width: search
                .width
                .saturating_sub(label_width + tipo_width + 2)
                .min(40),
            ..search
        };
        field::render(
            frame,
            field_area,
            &self.filter,
            focused && self.picker.is_none(),
            theme.field_focused,
            theme.label,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(
                tipo_text,
                if self.tipo.is_some() {
                    theme.label_focused
                } else {
                    theme.label
                },
            )),
            Rect {
                x: field_area.right() + 2,
                width: tipo_width,
                ..search
            },
        );

        // The list.
        self.list.fit(table, 1);
        if self.visible.is_empty() {
            if self.problem.is_none() {
                let text = if self.filter.value().trim().is_empty() && self.tipo.is_none() {
                    g.empty_list
                } else {
                    g.nothing_matches
                };
                frame.render_widget(
                    Paragraph::new(Line::styled(format!(" {text}"), theme.warning))
                        .wrap(Wrap { trim: true }),
                    table,
                );
            }
        } else if let Some(c) = &self.choice {
            let widget = choice_table(c, &self.visible, table.width, env);
            self.list.render(frame, table, widget, 1);
        }

        // The selected Gestore in full.
        if let Some(sel) = self.selected() {
            let own = self.choice.as_ref().and_then(|c| c.own_mmg) == Some(sel.id);
            let mut first = if own {
                format!(" {STAR}{} — {} ({})", sel.denominazione, g.own_mmg, p.mmg)
            } else {
                format!(" {}", sel.denominazione)
            };
            if !sel.referente.is_empty() {
                first.push_str(&format!(" · {}", sel.referente));
            }
            let mut parts: Vec<String> = Vec::new();
            let place = [sel.indirizzo.as_str(), sel.comune.as_str()]
                .iter()
                .filter(|x| !x.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if !place.is_empty() {
                parts.push(place);
            }
            if !sel.email.is_empty() {
                parts.push(sel.email.clone());
            }
            parts.push(g.levels_text(&sel.livelli));
            if sel.fittizio {
                parts.push(g.fictional.to_string());
            }
            let mut lines = vec![
                Line::styled(
                    format::truncate(&first, width),
                    if own { theme.info } else { theme.field },
                ),
                Line::styled(
                    format::truncate(&format!(" {}", parts.join(" · ")), width),
                    theme.muted,
                ),
            ];
            if sel.tipo.modello_precedente() && env.today > FINE_MODELLO_PRECEDENTE {
                lines.push(Line::styled(
                    format::truncate(&format!(" ! {}", g.earlier_model_line), width),
                    theme.warning,
                ));
            } else if let Some(l) = p.livello()
                && !sel.accepts_level(l.number())
            {
                lines.push(Line::styled(
                    format::truncate(&format!(" ! {}", g.level_not_taken(l.number())), width),
                    theme.warning,
                ));
            }
            frame.render_widget(Paragraph::new(lines), detail);
        }

        if let Some(picker) = &mut self.picker {
            picker.draw(frame, area, env);
        }
    }
}

/// The Gestore's name, or "—" when it is no longer in the archive.
fn gestore_name(g: Option<&Gestore>, s: &Texts) -> String {
    g.map(|g| g.denominazione.clone())
        .unwrap_or_else(|| s.kit.none.to_string())
}

fn choice_table<'a>(c: &'a GestoriChoice, visible: &[usize], width: u16, env: &Env) -> Table<'a> {
    let s = Texts::of(env);
    let g = s.gestori;
    let theme = env.theme;
    let wide = width >= 100;
    // Marker, then five columns with one space between them.
    let free = usize::from(width).saturating_sub(2 + 4);
    let tipo_w = if wide { 22 } else { 11 };
    let tel_w = 13;
    let rest = free.saturating_sub(tipo_w + tel_w);
    let name_w = rest * 5 / 10;
    let comune_w = rest * 2 / 10;
    let ref_w = rest.saturating_sub(name_w + comune_w);
    let header = Row::new(vec![
        Cell::from(g.col_denominazione),
        Cell::from(g.col_tipo),
        Cell::from(s.kit.col_comune),
        Cell::from(g.col_telefono),
        Cell::from(g.col_referente),
    ])
    .style(theme.table_header);
    let rows = visible.iter().filter_map(|&i| c.gestori.get(i)).map(|x| {
        let star = if c.own_mmg == Some(x.id) { STAR } else { "" };
        let tipo = if wide {
            g.tipo_label(x.tipo)
        } else {
            g.tipo_short(x.tipo)
        };
        Row::new(vec![
            Cell::from(format::truncate(
                &format!("{star}{}", x.denominazione),
                name_w,
            )),
            Cell::from(format::truncate(tipo, tipo_w)),
            Cell::from(format::truncate(&x.comune, comune_w)),
            Cell::from(format::truncate(&x.telefono, tel_w)),
            Cell::from(format::truncate(&x.referente, ref_w)),
        ])
    });
    let widths = [name_w, tipo_w, comune_w, tel_w, ref_w]
        .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(0)));
    Table::new(rows, widths).header(header).selectable(theme)
}

impl crate::tui::kit::screen::Screen for GestoreScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::gestore::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        Self::context(self)
    }

    fn title(&self, env: &Env) -> String {
        env.kit.area_gestore.to_string()
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        Self::draw(self, frame, area, env, focused)
    }

    fn focused_input(&mut self) -> Option<&mut Input> {
        self.input_mut()
    }

    fn input_changed(&mut self, _env: &Env) -> Cmd {
        Self::input_changed(self)
    }

    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        Self::patient(self)
    }

    fn owner(&self) -> Option<crate::domain::PatientId> {
        crate::tui::kit::screen::Screen::patient(self).map(|(id, _)| id)
    }

    fn resumed(&mut self, desk: &crate::service::Desk) -> Result<(), crate::service::DeskError> {
        self.reload(desk);
        Ok(())
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients, Prese]
    }

    fn refresh(&mut self, env: &Env) {
        self.reload(env.desk);
    }

    fn has_dialog(&self) -> bool {
        Self::has_dialog(self)
    }

    crate::screen_any!();
}
