//! F7 › F9, the arruolabili: the chronic patients the ATS lists as eligible
//! for the programme, and the practice's work on them: da contattare →
//! contattato (date and esito) → Patto firmato, or closed when the patient
//! is already in care elsewhere. Counts per state at the top, a filter by
//! state, the invitation letter, the import of the ATS list.

pub mod import;
pub mod keys;
pub mod strings;

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line as TextLine;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::domain::PatientId;
use crate::domain::arruolabili::{Arruolabile, Esito, Recapiti, Stato};
use crate::service::arruolabili::{Arruolabili, Line};
use crate::service::documents::PrintOutcome;
use crate::service::{Desk, DeskError};
use crate::tui::arruolabili::strings::{ArruolabiliStrings, Texts};
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;

/// The filters, in the order the filter key cycles them (`None` = all).
const FILTERS: [Option<Stato>; 5] = [
    None,
    Some(Stato::DaContattare),
    Some(Stato::Contattato),
    Some(Stato::PattoFirmato),
    Some(Stato::Chiuso),
];

/// The label of a state.
pub fn stato_label(s: &ArruolabiliStrings, stato: Option<Stato>) -> &'static str {
    match stato {
        None => s.st_all,
        Some(Stato::DaContattare) => s.st_da_contattare,
        Some(Stato::Contattato) => s.st_contattato,
        Some(Stato::PattoFirmato) => s.st_patto,
        Some(Stato::Chiuso) => s.st_chiuso,
    }
}

pub fn esito_label(s: &ArruolabiliStrings, e: Esito) -> &'static str {
    match e {
        Esito::Accetta => s.esito_accetta,
        Esito::Rifiuta => s.esito_rifiuta,
        Esito::NonRaggiungibile => s.esito_non_raggiungibile,
        Esito::GiaInCaricoAltrove => s.esito_altrove,
    }
}

/// What the state column says of a row: the answer for a contacted one.
fn state_text(s: &ArruolabiliStrings, l: &Line, wide: bool) -> String {
    match (l.stato, &l.row.contatto) {
        (Stato::Chiuso, _) if !wide => s.esito_altrove_short.to_string(),
        (Stato::Contattato | Stato::Chiuso, Some(c)) => esito_label(s, c.esito).to_string(),
        (stato, _) => stato_label(s, Some(stato)).to_lowercase(),
    }
}

/// The pathology codes of a row, the primary first and marked with `*`.
fn codes_text(r: &Arruolabile) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &r.patologia_primaria {
        parts.push(format!("{p}*"));
    }
    parts.extend(r.patologie.iter().cloned());
    parts.join(" ")
}

pub struct ArruolabiliScreen {
    lines: Vec<Line>,
    filter: usize,
    /// Indexes into `lines` of the rows the filter shows.
    shown: Vec<usize>,
    list: ListState,
}

impl ArruolabiliScreen {
    pub fn load(desk: &Desk) -> Result<ArruolabiliScreen, DeskError> {
        let mut screen = ArruolabiliScreen {
            lines: Vec::new(),
            filter: 0,
            shown: Vec::new(),
            list: ListState::default(),
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the worklist again; the selection stays on the same row.
    pub fn reload(&mut self, desk: &Desk) -> Result<(), DeskError> {
        let kept = self.selected().map(|l| l.key.clone());
        self.lines = desk.arruolabili().list()?;
        self.apply_filter(kept);
        Ok(())
    }

    fn apply_filter(&mut self, kept: Option<String>) {
        let filter = FILTERS[self.filter];
        self.shown = (0..self.lines.len())
            .filter(|&i| filter.is_none_or(|f| self.lines[i].stato == f))
            .collect();
        let index = kept
            .and_then(|k| self.shown.iter().position(|&i| self.lines[i].key == k))
            .or(self.list.selected())
            .unwrap_or(0)
            .min(self.shown.len().saturating_sub(1));
        self.list.select((!self.shown.is_empty()).then_some(index));
    }

    /// Every row, as listed.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The rows shown under the filter.
    pub fn shown(&self) -> Vec<&Line> {
        self.shown.iter().map(|&i| &self.lines[i]).collect()
    }

    pub fn filter(&self) -> Option<Stato> {
        FILTERS[self.filter]
    }

    pub fn selected(&self) -> Option<&Line> {
        self.list
            .selected()
            .and_then(|i| self.shown.get(i))
            .map(|&i| &self.lines[i])
    }

    fn patient_of(&self) -> Option<(PatientId, String)> {
        self.selected().and_then(|l| {
            l.row
                .patient
                .map(|id| (id, format!("{} {}", l.row.cognome, l.row.nome)))
        })
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if self.list.step(action, self.shown.len()) {
            return Some(Cmd::Redraw);
        }
        let s = Texts::of(env).arr;
        Some(match action {
            Action::Open => match self.patient_of() {
                Some((id, _)) => Cmd::OpenRecord(id),
                None if self.selected().is_some() => Cmd::Status(Status::info(s.no_patient)),
                None => Cmd::None,
            },
            Action::Edit => match self.selected() {
                Some(l) => contact_modal(env, l),
                None => Cmd::None,
            },
            Action::Print => match self.selected() {
                Some(l) => print_modal(env, &l.key),
                None => Cmd::None,
            },
            Action::TypeFilter => {
                self.filter = (self.filter + 1) % FILTERS.len();
                let kept = self.selected().map(|l| l.key.clone());
                self.apply_filter(kept);
                Cmd::Redraw
            }
            Action::Add => Cmd::push(import::ImportScreen::new()),
            Action::Remove => {
                let Some(l) = self.selected() else {
                    return Some(Cmd::None);
                };
                if l.row.contatto.is_none() {
                    return Some(Cmd::Status(Status::info(s.no_contact)));
                }
                let key = l.key.clone();
                match env.desk.arruolabili().clear_contact(&key) {
                    Ok(()) => self.reloaded(env, Status::success(s.cleared)),
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            Action::Preferences => recapiti_modal(env),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// Reads the list again after a change, with `status`.
    fn reloaded(&mut self, env: &Env, status: Status) -> Cmd {
        match self.reload(env.desk) {
            Ok(()) => Cmd::Status(status),
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env).arr;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let counts = Arruolabili::counts(&self.lines);
        let filter_key = env.key_name(Context::Arruolabili, Action::TypeFilter);
        let head = vec![
            TextLine::raw(format!(
                " {}",
                format::truncate(&s.counts(counts, self.lines.len()), width)
            )),
            TextLine::styled(
                format!(
                    " {}",
                    format::truncate(
                        &s.filter_line(
                            stato_label(s, self.filter()),
                            &filter_key,
                            self.shown.len()
                        ),
                        width
                    )
                ),
                theme.muted,
            ),
        ];
        frame.render_widget(Paragraph::new(head), Rect { height: 2, ..area });
        let table_area = Rect {
            y: area.y + 3,
            height: area.height.saturating_sub(3),
            ..area
        };
        self.list.fit(table_area, 1);
        if self.shown.is_empty() {
            let text = if self.lines.is_empty() {
                s.empty
            } else {
                s.empty_filter
            };
            frame.render_widget(
                Paragraph::new(TextLine::styled(format!(" {text}"), theme.muted)),
                table_area,
            );
            return;
        }
        let wide = area.width >= 110;
        let mut header = vec![Cell::from(s.col_paziente)];
        if wide {
            header.push(Cell::from(Texts::of(env).kit.col_cf));
        }
        header.extend([
            Cell::from(s.col_livello),
            Cell::from(s.col_patologie),
            Cell::from(s.col_stato),
            Cell::from(s.col_contatto),
        ]);
        let rows = self.shown.iter().map(|&i| {
            let l = &self.lines[i];
            let mut cells = vec![Cell::from(format!("{} {}", l.row.cognome, l.row.nome))];
            if wide {
                cells.push(Cell::from(l.row.codice_fiscale.clone()));
            }
            let when = match (l.stato, l.row.patto_firmato, &l.row.contatto) {
                (Stato::PattoFirmato, Some(d), _) => format::date(d),
                (_, _, Some(c)) => format::date(c.data),
                _ => String::new(),
            };
            cells.extend([
                Cell::from(l.row.livello.map(|n| n.to_string()).unwrap_or_default()),
                Cell::from(codes_text(&l.row)),
                Cell::from(state_text(s, l, wide)),
                Cell::from(when),
            ]);
            Row::new(cells)
        });
        let mut widths = vec![Constraint::Fill(3)];
        if wide {
            widths.push(Constraint::Length(16));
        }
        widths.extend([
            Constraint::Length(4),
            Constraint::Fill(2),
            Constraint::Length(if wide { 21 } else { 17 }),
            Constraint::Length(10),
        ]);
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.table_header))
            .selectable(theme);
        self.list.render(frame, table_area, table, 1);
    }

    fn save_contact(&mut self, key: &str, modal: &Modal, env: &Env) -> Result<Cmd, String> {
        let s = Texts::of(env).arr;
        let data =
            format::read_date(modal.text(0)).map_err(|e| env.kit.date_error(e).to_string())?;
        let esito = Esito::ALL
            .get(modal.choice(1))
            .copied()
            .unwrap_or(Esito::Accetta);
        let line = env
            .desk
            .arruolabili()
            .record_contact(key, data, esito)
            .map_err(|e| crate::texts::error(env.lang, &e))?;
        let name = format!("{} {}", line.row.cognome, line.row.nome);
        Ok(self.reloaded(
            env,
            Status::success(s.contact_saved(&name, esito_label(s, esito))),
        ))
    }
}

/// The dialog of a contact: the day (today by default, or the last
/// contact's) and the answer.
fn contact_modal(env: &Env, l: &Line) -> Cmd {
    let s = Texts::of(env).arr;
    let (day, esito) = match &l.row.contatto {
        Some(c) => (c.data, c.esito),
        None => (env.today, Esito::Accetta),
    };
    let key = l.key.clone();
    Cmd::modal(Modal::form(
        Submit::on_try(move |screen: &mut ArruolabiliScreen, modal, env| {
            screen.save_contact(&key, modal, env)
        }),
        format!("{} · {} {}", s.contact_title, l.row.cognome, l.row.nome),
        vec![s.contact_text.to_string()],
        vec![
            DialogField::Text {
                label: s.f_data.to_string(),
                input: field::input_with(&format::date(day)),
            },
            DialogField::Choice {
                label: s.f_esito.to_string(),
                options: Esito::ALL
                    .iter()
                    .map(|e| esito_label(s, *e).to_string())
                    .collect(),
                selected: Esito::ALL.iter().position(|e| *e == esito).unwrap_or(0),
            },
        ],
    ))
}

/// The dialog of the practice's contacts printed on the invitations.
fn recapiti_modal(env: &Env) -> Cmd {
    let s = Texts::of(env).arr;
    let r = match env.desk.arruolabili().recapiti() {
        Ok(r) => r,
        Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
    };
    let text = |label: &str, value: &str| DialogField::Text {
        label: label.to_string(),
        input: field::input_with(value),
    };
    Cmd::modal(Modal::form(
        Submit::try_new(|modal: &Modal, env: &Env| {
            let r = Recapiti {
                indirizzo: modal.text(0).to_string(),
                telefono: modal.text(1).to_string(),
                orari: modal.text(2).to_string(),
            };
            env.desk
                .arruolabili()
                .save_recapiti(&r)
                .map_err(|e| crate::texts::error(env.lang, &e))?;
            Ok(Cmd::Status(Status::success(
                Texts::of(env).arr.recapiti_saved,
            )))
        }),
        s.recapiti_title.to_string(),
        vec![s.recapiti_text.to_string()],
        vec![
            text(s.f_indirizzo, &r.indirizzo),
            text(s.f_telefono, &r.telefono),
            text(s.f_orari, &r.orari),
        ],
    ))
}

/// The dialog of the invitation's print: the folder.
fn print_modal(env: &Env, key: &str) -> Cmd {
    let s = Texts::of(env).arr;
    let key = key.to_string();
    Cmd::modal(Modal::form(
        Submit::try_new(move |modal: &Modal, env: &Env| print(env, &key, modal.text(0))),
        s.print_title.to_string(),
        vec![s.print_text.to_string()],
        vec![DialogField::Text {
            label: s.f_folder.to_string(),
            input: field::input_with(&env.desk.data_dir().join("stampe").display().to_string()),
        }],
    ))
}

/// Writes the invitation into `dir`, then sends the PDF to the printer when
/// one is set.
fn print(env: &Env, key: &str, dir: &str) -> Result<Cmd, String> {
    let s = Texts::of(env).arr;
    let dir = dir.trim();
    if dir.is_empty() {
        return Err(s.err_folder.to_string());
    }
    let document = env
        .desk
        .arruolabili()
        .invitation_document(key)
        .map_err(|e| crate::texts::error(env.lang, &e))?;
    let files = document
        .write_new_into(Path::new(dir))
        .map_err(|e| s.write_failed(&e.to_string()))?;
    let Some(file) = files.first() else {
        return Ok(Cmd::None);
    };
    let path = file.display().to_string();
    Ok(Cmd::Status(match env.desk.send_to_printer(file) {
        Ok(PrintOutcome::SoloFile) => Status::success(s.printed(&path)),
        Ok(PrintOutcome::Inviato { stampante }) => Status::success(s.print_sent(&stampante, &path)),
        Ok(PrintOutcome::NonRiuscito { motivo }) => Status::error(s.print_failed(&motivo, &path)),
        Err(e) => Status::error(s.print_failed(&crate::texts::error(env.lang, &e), &path)),
    }))
}

impl crate::tui::kit::screen::Screen for ArruolabiliScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        keys::KEYS
    }

    fn context(&self) -> Context {
        Context::Arruolabili
    }

    fn title(&self, env: &Env) -> String {
        Texts::of(env).arr.title.to_string()
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
    }

    fn patient(&self) -> Option<(PatientId, String)> {
        self.patient_of()
    }

    fn resumed(&mut self, desk: &Desk) -> Result<(), DeskError> {
        self.reload(desk)
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients, Patti, Arruolabili]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = self.reload(env.desk);
    }

    crate::screen_any!();
}
