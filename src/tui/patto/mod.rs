//! F4, the Patto di Cura of the current patient: what is missing to prepare
//! it, the list of the patient's Patti with their state on the clock's day,
//! and the actions (prepare, renew, print, revoke). The bozza is read in full
//! and signed on [`PattoTextScreen`], which also shows a signed text.
//!
//! The text on screen is the one `Patti::patto_text` renders with the consents
//! and the signer chosen so far: the same that signing freezes. Prints are
//! written from the frozen text, so every reprint is byte-identical.

pub mod keys;
pub mod strings;
mod text;

pub use text::{FOCUS, Focus, PattoTextScreen};

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use tui_input::Input;

use crate::domain::patto::{Consensi, FirmaInput, Firmatario, PattoDiCura, PattoId, PattoStato};
use crate::domain::patto_text::{TEXT_WIDTH, unwrap_text, wrap_text};
use crate::domain::{Patient, PatientId, PresaInCarico};
use crate::service::Desk;
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context, first_key};
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;
use crate::tui::kit::theme::{MARKER, WARNING_MARK};
use crate::tui::patto::strings::PattoStrings;
use crate::tui::patto::strings::Texts;

/// A renewal can be prepared from this many days before the expiry (the
/// desk refuses earlier, saying why).
const RENEW_FROM_DAYS: i64 = 60;

/// What a Patto dialog asks the operator to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PattoPurpose {
    /// Sign the bozza (the text is frozen).
    Sign(PattoId),
    /// Print a signed Patto (folder and format in the dialog).
    Print(PattoId),
    /// Revoke the presa in carico and its Patti (date and reason in the dialog).
    Revoke,
    /// Correct the Clinical Manager of a signed Patto (name and reason).
    CorrectCm(PattoId),
    /// The printer refused a print: the reason and the file, in full.
    PrintFailed,
    /// After the revocation: cancel the booked future appointments of the
    /// presa's PAI.
    CancelFuture { presa: u64 },
}

impl From<PattoPurpose> for Submit {
    fn from(purpose: PattoPurpose) -> Submit {
        match purpose {
            PattoPurpose::CancelFuture { presa } => Submit::try_new(move |_, env| {
                let n = env
                    .desk
                    .agenda()
                    .cancel_future_appointments_of_presa(presa, "presa in carico revocata")
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
                Ok(Cmd::Status(Status::success(env.kit.cancelled_future(n))))
            }),
            _ => Submit::with_screen(move |screen, modal, env| {
                if let Some(p) = screen.downcast_mut::<PattoScreen>() {
                    return p.confirmed(purpose, modal, env);
                }
                match screen.downcast_mut::<PattoTextScreen>() {
                    Some(t) => t.confirmed(purpose, modal, env),
                    None => Cmd::None,
                }
            }),
        }
    }
}

/// The dialog correcting the Clinical Manager of a signed Patto.
pub fn correct_cm_modal(env: &Env, patto: &PattoDiCura) -> Modal {
    let s = Texts::of(env).patto;
    let current = if patto.clinical_manager.trim().is_empty() {
        env.kit.none.to_string()
    } else {
        patto.clinical_manager.clone()
    };
    Modal::form(
        PattoPurpose::CorrectCm(patto.id),
        s.correct_title.to_string(),
        vec![s.correct_text(&patto.numero_label(), &current)],
        vec![
            DialogField::Text {
                label: s.f_new_cm.to_string(),
                input: field::input_with(&patto.clinical_manager),
            },
            DialogField::Text {
                label: s.f_motivo.to_string(),
                input: Input::default(),
            },
        ],
    )
}

/// Carries out the correction dialog: the corrected Patto, or the dialog
/// again with the reason it was refused.
pub(crate) fn correct_cm(
    env: &Env,
    id: PattoId,
    opened: Option<&PattoDiCura>,
    mut modal: Modal,
) -> Result<PattoDiCura, Cmd> {
    let s = Texts::of(env).patto;
    let name = modal.text(0).trim().to_string();
    let motivo = modal.text(1).trim().to_string();
    let result = if motivo.is_empty() {
        Err(s.err_motivo_correzione.to_string())
    } else {
        // Refused when another desk corrected the Patto since the screen
        // showed it; the dialog stays open with what was typed.
        match opened.filter(|p| p.id == id) {
            Some(opened) => env
                .desk
                .patto()
                .correct_clinical_manager_opened(opened, &name, &motivo),
            None => env
                .desk
                .patto()
                .correct_clinical_manager(id, &name, &motivo),
        }
        .map_err(|e| crate::texts::error(env.lang, &e))
    };
    result.map_err(|e| {
        modal.error = Some(e);
        Cmd::modal(modal)
    })
}

/// The key of `action` in `context`, as written in messages.
fn key_name(context: Context, action: Action, s: &Texts) -> String {
    first_key(keys::KEYS, context, action)
        .map(|k| k.name(s))
        .unwrap_or_default()
}

pub struct PattoScreen {
    patient: Patient,
    missing: Vec<crate::domain::patto::Missing>,
    presa: Option<PresaInCarico>,
    gestore: Option<String>,
    patti: Vec<PattoDiCura>,
    list: ListState,
}

impl PattoScreen {
    /// The screen for patient `id`, read from the desk.
    pub fn load(desk: &Desk, s: &Texts, id: PatientId) -> Result<PattoScreen, String> {
        let patient = desk
            .patients()
            .patient(id)
            .map_err(|e| crate::texts::error(s.lang, &e))?
            .ok_or_else(|| s.kit.patient_not_found.to_string())?;
        let mut screen = PattoScreen {
            patient,
            missing: Vec::new(),
            presa: None,
            gestore: None,
            patti: Vec::new(),
            list: ListState::default(),
        };
        screen
            .reload(desk)
            .map_err(|e| crate::texts::error(s.lang, &e))?;
        Ok(screen)
    }

    /// Reads the patient, the presa in carico and the Patti again, keeping
    /// the selected Patto when still listed.
    pub fn reload(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        let id = self.patient.id;
        if let Some(p) = desk.patients().patient(id)? {
            self.patient = p;
        }
        self.missing = desk.patto().patto_preconditions(id)?;
        self.presa = desk.gestori().active_presa(id)?;
        self.gestore = match &self.presa {
            Some(presa) => desk
                .gestori()
                .gestore(presa.gestore)?
                .map(|g| g.denominazione),
            None => None,
        };
        let selected = self.selected().map(|p| p.id);
        self.patti = desk.patto().patti(id)?;
        let index = selected
            .and_then(|sel| self.patti.iter().position(|p| p.id == sel))
            .unwrap_or(0);
        self.list.select((!self.patti.is_empty()).then_some(index));
        Ok(())
    }

    pub fn id(&self) -> PatientId {
        self.patient.id
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.patient.cognome, self.patient.nome)
    }

    /// The patient's Patti, newest first.
    pub fn patti(&self) -> &[PattoDiCura] {
        &self.patti
    }

    /// What is missing to prepare a Patto.
    pub fn missing(&self) -> &[crate::domain::patto::Missing] {
        &self.missing
    }

    /// The Patto `id` as the list shows it.
    fn listed(&self, id: PattoId) -> Option<&PattoDiCura> {
        self.patti.iter().find(|p| p.id == id)
    }

    pub fn selected(&self) -> Option<&PattoDiCura> {
        self.list.selected().and_then(|i| self.patti.get(i))
    }

    /// Opens a bozza (prepared or renewed) for reading and signing.
    fn open_draft(
        &mut self,
        env: &Env,
        draft: Result<PattoDiCura, crate::service::DeskError>,
    ) -> Cmd {
        match draft {
            Ok(draft) => {
                if let Err(e) = self.reload(env.desk) {
                    return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
                }
                if let Some(i) = self.patti.iter().position(|p| p.id == draft.id) {
                    self.list.select(Some(i));
                }
                match PattoTextScreen::open(env, draft, self.name()) {
                    Ok(screen) => Cmd::push(screen),
                    Err(e) => Cmd::Status(Status::error(e)),
                }
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let s = Texts::of(env).patto;
        Some(match action {
            Action::Up => {
                self.list.move_by(self.patti.len(), -1);
                Cmd::Redraw
            }
            Action::Down => {
                self.list.move_by(self.patti.len(), 1);
                Cmd::Redraw
            }
            Action::Open => match self.selected().cloned() {
                Some(patto) => match PattoTextScreen::open(env, patto, self.name()) {
                    Ok(screen) => Cmd::push(screen),
                    Err(e) => Cmd::Status(Status::error(e)),
                },
                None => Cmd::Status(Status::info(s.nothing_selected)),
            },
            Action::Prepare => {
                let draft = env.desk.patto().prepare_patto(self.patient.id);
                self.open_draft(env, draft)
            }
            Action::Renew => {
                let draft = env.desk.patto().renew_patto(self.patient.id);
                self.open_draft(env, draft)
            }
            Action::Print => match self.selected() {
                Some(p) if p.firma.is_some() => Cmd::modal(print_modal(env, p.id)),
                Some(_) => Cmd::Status(Status::info(s.print_only_signed)),
                None => Cmd::Status(Status::info(s.nothing_selected)),
            },
            Action::CorrectCm => match self.selected() {
                Some(p) if p.firma.is_some() => Cmd::modal(correct_cm_modal(env, p)),
                Some(_) => Cmd::Status(Status::info(s.correct_only_signed)),
                None => Cmd::Status(Status::info(s.nothing_selected)),
            },
            Action::Revoke => match &self.presa {
                Some(presa) => Cmd::modal(Modal::form(
                    PattoPurpose::Revoke,
                    s.revoke_title.to_string(),
                    vec![s.revoke_text(
                        self.gestore.as_deref().unwrap_or(env.kit.none),
                        &format::date(presa.data_scelta),
                    )],
                    vec![
                        DialogField::Text {
                            label: s.f_date.to_string(),
                            input: field::input_with(&format::date(env.today)),
                        },
                        DialogField::Text {
                            label: s.f_motivo.to_string(),
                            input: Input::default(),
                        },
                    ],
                )),
                None => Cmd::Status(Status::info(s.no_presa_to_revoke)),
            },
            Action::Edit => Cmd::EditPatient(Box::new(self.patient.clone())),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// The operator confirmed a dialog of this screen.
    pub fn confirmed(&mut self, purpose: PattoPurpose, modal: Modal, env: &Env) -> Cmd {
        match purpose {
            PattoPurpose::Print(id) => print(env, id, modal),
            PattoPurpose::Revoke => self.revoke(modal, env),
            PattoPurpose::CorrectCm(id) => match correct_cm(env, id, self.listed(id), modal) {
                Ok(p) => {
                    if let Err(e) = self.reload(env.desk) {
                        return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
                    }
                    Cmd::Status(Status::success(
                        Texts::of(env)
                            .patto
                            .cm_corrected(&p.numero_label(), &p.clinical_manager),
                    ))
                }
                Err(cmd) => cmd,
            },
            PattoPurpose::Sign(_)
            | PattoPurpose::PrintFailed
            | PattoPurpose::CancelFuture { .. } => Cmd::None,
        }
    }

    fn revoke(&mut self, mut modal: Modal, env: &Env) -> Cmd {
        let s = Texts::of(env);
        let date = match format::read_date(modal.text(0)) {
            Ok(d) if d > env.today => Err(s.kit.err_date_future.to_string()),
            Ok(d) => Ok(d),
            Err(e) => Err(s.kit.date_error(e).to_string()),
        };
        let motivo = modal.text(1).trim().to_string();
        let result = match date {
            Err(e) => Err(e),
            Ok(_) if motivo.is_empty() => Err(s.patto.err_motivo.to_string()),
            // The presa shown: refused when another desk revoked it or
            // recorded another choice meanwhile.
            Ok(d) => match &self.presa {
                Some(shown) => {
                    env.desk
                        .gestori()
                        .revoke_presa_opened(self.patient.id, shown.id, d, &motivo)
                }
                None => env.desk.gestori().revoke_presa(self.patient.id, d, &motivo),
            }
            .map(|presa| (d, presa.id))
            .map_err(|e| crate::texts::error(env.lang, &e)),
        };
        match result {
            Ok((d, presa)) => {
                let mut cmds = vec![Cmd::RefreshLookups];
                if let Err(e) = self.reload(env.desk) {
                    cmds.push(Cmd::Status(Status::error(crate::texts::error(
                        env.lang, &e,
                    ))));
                } else {
                    cmds.push(Cmd::Status(Status::success(
                        s.patto.revoked(&format::date(d)),
                    )));
                }
                let future = env
                    .desk
                    .agenda()
                    .future_appointments_of_presa(presa)
                    .unwrap_or_default();
                if !future.is_empty() {
                    let mut lines = vec![s.kit.cancel_future_text(future.len()), String::new()];
                    lines.extend(future.iter().take(8).map(|a| {
                        format!("{} {}", a.start.format("%d/%m/%Y %H:%M"), a.descrizione)
                    }));
                    cmds.push(Cmd::modal(Modal::confirm(
                        PattoPurpose::CancelFuture { presa },
                        s.kit.cancel_future_title().to_string(),
                        lines,
                    )));
                }
                Cmd::Many(cmds)
            }
            Err(e) => {
                modal.error = Some(e);
                Cmd::modal(modal)
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let ps = s.patto;
        let theme = env.theme;
        let p = &self.patient;
        let mut lines: Vec<Line> = vec![
            Line::from(vec![
                Span::raw(" "),
                Span::styled(format!("{} {}", p.cognome, p.nome), theme.section),
                Span::raw(format!("   {}", p.codice_fiscale)),
            ]),
            Line::from(vec![
                Span::styled(format!(" {}: ", ps.gestore), theme.label),
                match (&self.presa, &self.gestore) {
                    (Some(presa), Some(g)) => {
                        Span::raw(ps.gestore_line(g, &format::date(presa.data_scelta)))
                    }
                    _ => Span::styled(ps.no_gestore, theme.muted),
                },
            ]),
            Line::raw(""),
        ];
        let width = usize::from(area.width.saturating_sub(2));
        if !self.missing.is_empty() {
            lines.push(Line::styled(
                format!(" {}", ps.missing_title),
                theme.warning,
            ));
            let gestore_key = key_name(Context::Global, Action::Gestore, s);
            let edit_key = key_name(Context::Patto, Action::Edit, s);
            for m in &self.missing {
                let text = crate::texts::label::patto_missing(ps.lang, m);
                for part in format::wrap(&format!("{WARNING_MARK}{text}"), width.saturating_sub(1))
                {
                    lines.push(Line::styled(format!(" {part}"), theme.warning));
                }
                // The key that fixes it, when there is one.
                use crate::domain::patto::Missing;
                let fix = match m {
                    Missing::NoPresa | Missing::PresaOfAnotherPatient => {
                        Some(ps.fix_gestore(&gestore_key))
                    }
                    Missing::NoPathology => Some(ps.fix_pathologies(&edit_key)),
                    Missing::Deceased(_) | Missing::Transferred(_) => None,
                };
                if let Some(fix) = fix {
                    lines.push(Line::raw(format!(" {fix}")));
                }
            }
            lines.push(Line::raw(""));
        }
        // A signed Patto without Clinical Manager (signed before it was
        // required): what is missing and the key that fixes it.
        if let Some(p) = self.patti.iter().find(|p| p.manca_clinical_manager()) {
            let key = key_name(Context::Patto, Action::CorrectCm, s);
            let text = format!("{WARNING_MARK}{}", ps.cm_missing(&p.numero_label(), &key));
            for part in format::wrap(&text, width.saturating_sub(1)) {
                lines.push(Line::styled(format!(" {part}"), theme.warning));
            }
            lines.push(Line::raw(""));
        }
        let hint = self.hint(env);
        let head = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines), area);

        let rest = Rect {
            y: area.y.saturating_add(head),
            height: area.height.saturating_sub(head),
            ..area
        };
        if rest.height < 3 {
            return;
        }
        let title = Line::styled(format!(" {}", ps.patti_title), theme.section);
        frame.render_widget(Paragraph::new(title), Rect { height: 1, ..rest });
        let hint_rows: u16 = if hint.is_empty() { 0 } else { 2 };
        let table_area = Rect {
            y: rest.y + 1,
            height: rest.height.saturating_sub(1 + hint_rows),
            ..rest
        };
        if self.patti.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", ps.no_patti), theme.muted)),
                table_area,
            );
        } else {
            let table = patti_table(&self.patti, env, area.width >= 100);
            self.list.render(frame, table_area, table, 1);
        }
        if !hint.is_empty() {
            let mut hint_lines = Vec::new();
            for part in format::wrap(&hint, width) {
                hint_lines.push(Line::styled(format!(" {part}"), theme.muted));
            }
            frame.render_widget(
                Paragraph::new(hint_lines),
                Rect {
                    y: rest.bottom().saturating_sub(hint_rows),
                    height: hint_rows,
                    ..rest
                },
            );
        }
    }

    /// What the keys do for the selected Patto (or to prepare one).
    fn hint(&self, env: &Env) -> String {
        let s = Texts::of(env);
        let ps = s.patto;
        let prepare = ps.prepare_hint(&key_name(Context::Patto, Action::Prepare, s));
        let Some(p) = self.selected() else {
            return if self.missing.is_empty() {
                prepare
            } else {
                String::new()
            };
        };
        let state = p.state_on(env.today);
        if p.stato == PattoStato::Bozza {
            return ps.open_bozza_hint.to_string();
        }
        let mut hint = ps.open_signed_hint.to_string();
        let renewable = state.is_in_force()
            && p.rinnovato_da.is_none()
            && p.giorni_alla_scadenza(env.today)
                .is_some_and(|d| d <= RENEW_FROM_DAYS);
        let expired = state == crate::domain::patto::PattoState::Scaduto;
        if (renewable || expired) && self.missing.is_empty() {
            let al = p.valido_al().map(format::date).unwrap_or_default();
            hint = format!(
                "{hint} {}",
                ps.renew_hint(&al, &key_name(Context::Patto, Action::Renew, s))
            );
        } else if !state.is_in_force() && self.missing.is_empty() && p.rinnovato_da.is_none() {
            hint = format!("{hint} {prepare}");
        }
        hint
    }
}

/// The patient's Patti: number, state on the clock's day, validity, signer,
/// Clinical Manager.
fn patti_table<'a>(patti: &'a [PattoDiCura], env: &Env, wide: bool) -> Table<'a> {
    let ps = Texts::of(env).patto;
    let theme = env.theme;
    let header = Row::new(vec![
        Cell::from(ps.col_numero),
        Cell::from(ps.col_stato),
        Cell::from(ps.col_dal),
        Cell::from(ps.col_al),
        Cell::from(ps.col_firmato_da),
        Cell::from(ps.col_cm),
    ])
    .style(theme.table_header);
    let rows = patti.iter().map(|p| {
        let state = p.state_on(env.today);
        let firmato_da = p
            .firma
            .as_ref()
            .map(|f| {
                if f.nome_firmatario.is_empty() {
                    ps.firmatario(f.firmatario).to_string()
                } else {
                    format!("{} ({})", f.nome_firmatario, ps.firmatario(f.firmatario))
                }
            })
            .unwrap_or_else(|| env.kit.none.to_string());
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(format::date)
                .unwrap_or_else(|| env.kit.none.to_string())
        };
        Row::new(vec![
            Cell::from(p.numero_label()),
            Cell::from(if wide {
                ps.state(state)
            } else {
                ps.state_short(state)
            }),
            Cell::from(date(p.valido_dal())),
            Cell::from(date(p.valido_al())),
            Cell::from(firmato_da),
            Cell::from(p.clinical_manager.clone()),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(9),
            Constraint::Length(if wide { 26 } else { 16 }),
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Fill(2),
            Constraint::Fill(2),
        ],
    )
    .header(header)
    .selectable(theme)
}

/// How a Patto is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFormat {
    /// A4 PDF with the two copies.
    Pdf,
    /// Plain text for a receipt printer.
    Testo,
    Entrambi,
}

/// The formats in the order of the dialog's choice.
pub const PRINT_FORMATS: [PrintFormat; 3] =
    [PrintFormat::Pdf, PrintFormat::Testo, PrintFormat::Entrambi];

/// Where prints go unless the operator chooses: `<data dir>/stampe`.
pub fn default_print_dir(desk: &Desk) -> PathBuf {
    desk.data_dir().join("stampe")
}

/// The print dialog of a signed Patto: the folder and the format.
pub fn print_modal(env: &Env, id: PattoId) -> Modal {
    let s = Texts::of(env).patto;
    Modal::form(
        PattoPurpose::Print(id),
        s.print_title.to_string(),
        vec![s.print_text.to_string()],
        vec![
            DialogField::Text {
                label: s.f_folder.to_string(),
                input: field::input_with(&default_print_dir(env.desk).display().to_string()),
            },
            DialogField::Choice {
                label: s.f_format.to_string(),
                options: vec![
                    s.fmt_pdf.to_string(),
                    s.fmt_txt.to_string(),
                    s.fmt_both.to_string(),
                ],
                selected: 0,
            },
        ],
    )
}

/// Carries out the print dialog: the files written are named in the status
/// line; a failure keeps the dialog open with the reason.
fn print(env: &Env, id: PattoId, mut modal: Modal) -> Cmd {
    let s = Texts::of(env).patto;
    let dir = modal.text(0).trim().to_string();
    if dir.is_empty() {
        modal.error = Some(s.err_folder_empty.to_string());
        return Cmd::modal(modal);
    }
    let format = PRINT_FORMATS
        .get(modal.choice(1))
        .copied()
        .unwrap_or(PrintFormat::Pdf);
    match write_print(env, id, Path::new(&dir), format) {
        Ok(files) => {
            // "patto-<n>-<CF>-<date>.pdf, .txt": the name once, then the extensions.
            let mut names = String::new();
            for (i, f) in files.iter().enumerate() {
                if i == 0 {
                    names.push_str(&f.file_name().unwrap_or_default().to_string_lossy());
                } else if let Some(ext) = f.extension() {
                    names.push_str(&format!(", .{}", ext.to_string_lossy()));
                }
            }
            // To the practice's printer, when one is set: the PDF (the text
            // when only the text was written).
            let Some(file) = files.first() else {
                return Cmd::Status(Status::success(s.printed(&dir, &names)));
            };
            let path = file.display().to_string();
            use crate::service::documents::PrintOutcome;
            match env.desk.send_to_printer(file) {
                Ok(PrintOutcome::SoloFile) => Cmd::Status(Status::success(s.printed(&dir, &names))),
                Ok(PrintOutcome::Inviato { stampante }) => {
                    Cmd::Status(Status::success(s.print_sent(&stampante, &path)))
                }
                Ok(PrintOutcome::NonRiuscito { motivo }) => print_failed(env, &motivo, &path),
                Err(e) => print_failed(env, &crate::texts::error(env.lang, &e), &path),
            }
        }
        Err(e) => {
            modal.error = Some(e);
            Cmd::modal(modal)
        }
    }
}

/// A print the printer refused: the status line says so, and a dialog
/// shows the reason and the whole path of the file (longer than the line).
fn print_failed(env: &Env, reason: &str, path: &str) -> Cmd {
    let s = Texts::of(env).patto;
    let message = s.print_failed(reason, path);
    Cmd::Many(vec![
        Cmd::Status(Status::warning(message.clone())),
        Cmd::modal(Modal::confirm(
            PattoPurpose::PrintFailed,
            s.print_failed_title.to_string(),
            vec![message],
        )),
    ])
}

/// Writes `patto-<year>-<number>-<CF>-<yyyymmdd>.pdf` and/or `.txt` into
/// `dir` from the frozen text (checked against its hash), as `sportello
/// export patto` does; a different file of that name is never replaced.
fn write_print(
    env: &Env,
    id: PattoId,
    dir: &Path,
    format: PrintFormat,
) -> Result<Vec<PathBuf>, String> {
    let formats = crate::service::documents::PattoFormats {
        pdf: matches!(format, PrintFormat::Pdf | PrintFormat::Entrambi),
        text: matches!(format, PrintFormat::Testo | PrintFormat::Entrambi),
    };
    let document = env
        .desk
        .patto()
        .patto_document(id, formats)
        .map_err(|e| crate::texts::error(env.lang, &e))?;
    document.write_new_into(dir).map_err(|e| {
        Texts::of(env)
            .patto
            .err_folder(&dir.display().to_string(), &e.to_string())
    })
}

impl crate::tui::kit::screen::Screen for PattoScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::patto::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        Context::Patto
    }

    fn title(&self, env: &Env) -> String {
        Texts::of(env).patto.title.to_string()
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

    fn resumed(&mut self, desk: &crate::service::Desk) -> Result<(), crate::service::DeskError> {
        self.reload(desk)
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients, Prese, Patti, Pai]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = self.reload(env.desk);
    }

    crate::screen_any!();
}
