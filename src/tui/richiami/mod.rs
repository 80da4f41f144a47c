//! F7, the recall lists: what falls due and needs the front desk, and what
//! a cooperative's Centro Servizi works from. A screen of sections, one drawn
//! at a time under a row of tabs with their counts: the PAI services to book,
//! the missed appointments to rebook, the Patti expiring and the adherence
//! of each patient to the PAI. The PAI lists are computed once when the
//! screen opens or comes back on top, never per key.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::domain::PatientId;
use crate::service::Desk;
use crate::service::agenda::{AdherenceLine, Recall, RecallLists};
use crate::service::patto::Scadenza;
use crate::tui::agenda::AgendaScreen;
use crate::tui::app::{Cmd, Env, Status};
use crate::tui::kit::format;
use crate::tui::kit::keys::{self, Action, Context};
use crate::tui::kit::lang::Strings;
use crate::tui::kit::theme::MARKER;
use crate::tui::kit::theme::Selectable;
use crate::tui::patto::PattoScreen;
use crate::tui::screen::Screen;

/// The windows of the expiry list, switched with the range key.
pub const WITHIN_DAYS: [u64; 2] = [30, 60];
/// Expired Patti are listed for this many days after their expiry.
pub const EXPIRED_DAYS: u64 = 90;

/// A section of the recall screen, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// PAI occurrences due and not booked.
    DaPrenotare,
    /// Appointments not attended, to rebook.
    NonPresentati,
    ScadenzePatti,
    /// Adherence to the PAI per patient, lowest first.
    Aderenza,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::DaPrenotare,
        Section::NonPresentati,
        Section::ScadenzePatti,
        Section::Aderenza,
    ];

    fn title(self, s: &Strings, wide: bool) -> &'static str {
        let a = s.agenda;
        match (self, wide) {
            (Section::DaPrenotare, _) => a.tab_da_prenotare,
            (Section::NonPresentati, true) => a.tab_non_presentati,
            (Section::NonPresentati, false) => a.tab_non_presentati_short,
            (Section::ScadenzePatti, true) => s.patto.tab_scadenze,
            (Section::ScadenzePatti, false) => a.tab_patti_short,
            (Section::Aderenza, _) => a.tab_aderenza,
        }
    }

    fn index(self) -> usize {
        Section::ALL.iter().position(|x| *x == self).unwrap_or(0)
    }
}

pub struct RichiamiScreen {
    section: Section,
    scadenze: ScadenzeList,
    da_prenotare: RecallList,
    non_presentati: RecallList,
    aderenza: AdherenceList,
}

impl RichiamiScreen {
    pub fn load(desk: &Desk) -> Result<RichiamiScreen, String> {
        let mut screen = RichiamiScreen {
            section: Section::DaPrenotare,
            scadenze: ScadenzeList {
                within: WITHIN_DAYS[0],
                rows: Vec::new(),
                state: TableState::default(),
                page: 0,
            },
            da_prenotare: RecallList::default(),
            non_presentati: RecallList::default(),
            aderenza: AdherenceList::default(),
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the lists again (on opening, and when the screen is on top
    /// again after a booking, a signature, a renewal, a revocation).
    pub fn reload(&mut self, desk: &Desk) -> Result<(), String> {
        self.scadenze.load(desk)?;
        let RecallLists {
            da_prenotare,
            non_presentati,
            adherence,
        } = desk
            .recall_lists()
            .map_err(|e| crate::texts::error(crate::texts::Lang::It, &e))?;
        self.da_prenotare.set(da_prenotare);
        self.non_presentati.set(non_presentati);
        self.aderenza.set(adherence);
        Ok(())
    }

    pub fn section(&self) -> Section {
        self.section
    }

    pub fn context(&self) -> Context {
        match self.section {
            Section::ScadenzePatti => Context::Richiami,
            Section::DaPrenotare | Section::NonPresentati => Context::RichiamiPai,
            Section::Aderenza => Context::RichiamiAderenza,
        }
    }

    /// The rows of the expiry list, as shown.
    pub fn scadenze(&self) -> &[Scadenza] {
        &self.scadenze.rows
    }

    /// PAI services to book, as shown.
    pub fn da_prenotare(&self) -> &[Recall] {
        &self.da_prenotare.rows
    }

    /// Missed appointments to rebook, as shown.
    pub fn non_presentati(&self) -> &[Recall] {
        &self.non_presentati.rows
    }

    /// Adherence per patient, lowest first, as shown.
    pub fn aderenza(&self) -> &[AdherenceLine] {
        &self.aderenza.rows
    }

    /// The selected recall of the tab shown ("da prenotare" or "non
    /// presentati").
    pub fn selected_recall(&self) -> Option<&Recall> {
        match self.section {
            Section::DaPrenotare => self.da_prenotare.selected(),
            Section::NonPresentati => self.non_presentati.selected(),
            _ => None,
        }
    }

    /// The days ahead of the expiry list.
    pub fn within(&self) -> u64 {
        self.scadenze.within
    }

    /// The patient of the selected line, for the F-keys of the other areas.
    pub fn patient(&self) -> Option<(PatientId, String)> {
        let name = |p: &crate::service::PatientSummary| (p.id, format!("{} {}", p.cognome, p.nome));
        match self.section {
            Section::DaPrenotare => self.da_prenotare.selected().map(|r| name(&r.patient)),
            Section::NonPresentati => self.non_presentati.selected().map(|r| name(&r.patient)),
            Section::ScadenzePatti => self
                .scadenze
                .state
                .selected()
                .and_then(|i| self.scadenze.rows.get(i))
                .map(|r| name(&r.patient)),
            Section::Aderenza => self.aderenza.selected().map(|l| name(&l.patient)),
        }
    }

    fn count(&self, section: Section) -> usize {
        match section {
            Section::DaPrenotare => self.da_prenotare.rows.len(),
            Section::NonPresentati => self.non_presentati.rows.len(),
            Section::ScadenzePatti => self.scadenze.rows.len(),
            Section::Aderenza => self.aderenza.rows.len(),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let n = Section::ALL.len();
        match action {
            Action::NextField => {
                self.section = Section::ALL[(self.section.index() + 1) % n];
                return Some(Cmd::Redraw);
            }
            Action::PrevField => {
                self.section = Section::ALL[(self.section.index() + n - 1) % n];
                return Some(Cmd::Redraw);
            }
            _ => {}
        }
        match self.section {
            Section::ScadenzePatti => self.scadenze.action(action, env),
            Section::DaPrenotare => self.da_prenotare.action(action, env),
            Section::NonPresentati => self.non_presentati.action(action, env),
            Section::Aderenza => self.aderenza.action(action, env),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = env.s;
        let theme = env.theme;
        let wide = area.width >= 100;
        // The tabs with their counts: the current one in reverse video with
        // the marker.
        let mut tabs = vec![Span::raw(" ")];
        for section in Section::ALL {
            let title = format!("{} ({})", section.title(s, wide), self.count(section));
            if section == self.section {
                tabs.push(Span::styled(format!("{MARKER}{title} "), theme.selected));
            } else {
                tabs.push(Span::styled(format!("  {title} "), theme.label));
            }
            tabs.push(Span::raw(if wide { "  " } else { " " }));
        }
        frame.render_widget(Paragraph::new(Line::from(tabs)), Rect { height: 1, ..area });
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        match self.section {
            Section::ScadenzePatti => self.scadenze.draw(frame, body, env),
            Section::DaPrenotare => {
                let late = self
                    .da_prenotare
                    .rows
                    .iter()
                    .filter(|r| r.finestra.1 < env.today)
                    .count();
                let head = s
                    .agenda
                    .head_da_prenotare(self.da_prenotare.rows.len(), late);
                self.da_prenotare
                    .draw(frame, body, env, &head, s.agenda.empty_da_prenotare);
            }
            Section::NonPresentati => {
                let head = s.agenda.head_non_presentati(self.non_presentati.rows.len());
                self.non_presentati
                    .draw(frame, body, env, &head, s.agenda.empty_non_presentati);
            }
            Section::Aderenza => self.aderenza.draw(frame, body, env),
        }
    }
}

/// Selection and paging over a list of `len` rows.
#[derive(Default)]
struct Nav {
    state: TableState,
    /// Rows visible in the last frame.
    page: usize,
    /// First row drawn.
    offset: usize,
}

impl Nav {
    /// After the rows changed: the first row, or the same index if still there.
    fn reset(&mut self, len: usize) {
        let index = self
            .state
            .selected()
            .unwrap_or(0)
            .min(len.saturating_sub(1));
        self.state.select((len > 0).then_some(index));
    }

    /// Up, Down, PageUp, PageDown; `None` for other actions.
    fn action(&mut self, action: Action, len: usize) -> Option<Cmd> {
        let delta = action.list_step(self.page)?;
        if len > 0 {
            let next = self
                .state
                .selected()
                .unwrap_or(0)
                .saturating_add_signed(delta)
                .min(len - 1);
            self.state.select(Some(next));
        }
        Some(Cmd::Redraw)
    }
}

/// A list of PAI recalls (to book, or missed); Enter plans the patient's PAI
/// in the agenda.
#[derive(Default)]
struct RecallList {
    rows: Vec<Recall>,
    nav: Nav,
}

impl RecallList {
    /// New rows; the selection stays on the same recall when it is still
    /// there, else on the same index.
    fn set(&mut self, rows: Vec<Recall>) {
        let key = |r: &Recall| (r.patient.id, r.pai, r.kind, r.target, r.what.clone());
        let kept = self.selected().map(key);
        self.rows = rows;
        self.nav.reset(self.rows.len());
        if let Some(i) = kept.and_then(|k| self.rows.iter().position(|r| key(r) == k)) {
            self.nav.state.select(Some(i));
        }
    }

    fn selected(&self) -> Option<&Recall> {
        self.nav.state.selected().and_then(|i| self.rows.get(i))
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if let Some(cmd) = self.nav.action(action, self.rows.len()) {
            return Some(cmd);
        }
        Some(match action {
            Action::Open => {
                let Some(r) = self.selected() else {
                    return Some(Cmd::None);
                };
                let patient = (
                    r.patient.id,
                    format!("{} {}", r.patient.cognome, r.patient.nome),
                );
                AgendaScreen::planning(env, patient)
            }
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, head: &str, empty: &str) {
        let s = env.s;
        let a = s.agenda;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        frame.render_widget(
            Paragraph::new(Line::raw(format!(" {}", format::truncate(head, width)))),
            Rect { height: 1, ..area },
        );
        let table_area = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        self.nav.page = usize::from(table_area.height.saturating_sub(1));
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {empty}"), theme.muted)),
                table_area,
            );
            return;
        }
        let wide = area.width >= 100;
        // The codice fiscale only where the service's name still fits.
        let with_cf = area.width >= 120;
        let mut header = vec![Cell::from(a.col_paziente)];
        if with_cf {
            header.push(Cell::from(s.col_cf));
        }
        header.extend([
            Cell::from(a.col_prestazione),
            Cell::from(a.col_dal),
            Cell::from(a.col_al),
            Cell::from(if wide {
                a.col_aderenza
            } else {
                a.col_aderenza_short
            }),
        ]);
        // Only the rows around the selection are built: the list may hold
        // thousands.
        let (first, rows) = window(&mut self.nav, self.rows.len(), table_area.height);
        let today = env.today;
        let body: Vec<Row> = self.rows[first..first + rows]
            .iter()
            .map(|r| {
                let mut cells = vec![Cell::from(format!(
                    "{} {}",
                    r.patient.cognome, r.patient.nome
                ))];
                if with_cf {
                    cells.push(Cell::from(r.patient.codice_fiscale.clone()));
                }
                let al = format::date(r.finestra.1);
                cells.extend([
                    Cell::from(r.what.clone()),
                    Cell::from(format::date(r.finestra.0)),
                    Cell::from(if r.finestra.1 < today && wide {
                        format!("{al} {}", a.late)
                    } else if r.finestra.1 < today {
                        format!("{al}!")
                    } else {
                        al
                    }),
                    Cell::from(percent(r.adherence)),
                ]);
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Fill(3)];
        if with_cf {
            widths.push(Constraint::Length(16));
        }
        widths.extend([
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Length(if wide { 21 } else { 11 }),
            Constraint::Length(if wide { 8 } else { 5 }),
        ]);
        draw_window(
            frame, table_area, env, header, body, widths, &self.nav, first,
        );
    }
}

/// Adherence per patient, lowest first; Enter opens the record.
#[derive(Default)]
struct AdherenceList {
    rows: Vec<AdherenceLine>,
    nav: Nav,
}

impl AdherenceList {
    /// New rows; the selection stays on the same plan when it is still
    /// there, else on the same index.
    fn set(&mut self, rows: Vec<AdherenceLine>) {
        let kept = self.selected().map(|l| l.pai);
        self.rows = rows;
        self.nav.reset(self.rows.len());
        if let Some(i) = kept.and_then(|k| self.rows.iter().position(|l| l.pai == k)) {
            self.nav.state.select(Some(i));
        }
    }

    fn selected(&self) -> Option<&AdherenceLine> {
        self.nav.state.selected().and_then(|i| self.rows.get(i))
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        if let Some(cmd) = self.nav.action(action, self.rows.len()) {
            return Some(cmd);
        }
        Some(match action {
            Action::Open => match self.selected() {
                Some(l) => Cmd::OpenRecord(l.patient.id),
                None => Cmd::None,
            },
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = env.s;
        let a = s.agenda;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let head = a.head_aderenza(self.rows.len());
        frame.render_widget(
            Paragraph::new(Line::raw(format!(" {}", format::truncate(&head, width)))),
            Rect { height: 1, ..area },
        );
        let table_area = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        self.nav.page = usize::from(table_area.height.saturating_sub(1));
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {}", a.empty_aderenza), theme.muted)),
                table_area,
            );
            return;
        }
        let wide = area.width >= 100;
        let mut header = vec![Cell::from(s.col_cognome), Cell::from(s.col_nome)];
        if wide {
            header.extend([Cell::from(s.col_cf), Cell::from(a.col_gestore)]);
        }
        header.extend([Cell::from(a.col_eseguite), Cell::from(a.col_aderenza)]);
        let (first, rows) = window(&mut self.nav, self.rows.len(), table_area.height);
        let body: Vec<Row> = self.rows[first..first + rows]
            .iter()
            .map(|l| {
                let mut cells = vec![
                    Cell::from(l.patient.cognome.clone()),
                    Cell::from(l.patient.nome.clone()),
                ];
                if wide {
                    cells.extend([
                        Cell::from(l.patient.codice_fiscale.clone()),
                        Cell::from(
                            l.patient
                                .gestore
                                .clone()
                                .unwrap_or_else(|| s.none.to_string()),
                        ),
                    ]);
                }
                cells.extend([
                    Cell::from(format!("{}/{}", l.adherence.eseguite, l.adherence.dovute)),
                    Cell::from(l.adherence.label()),
                ]);
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Fill(2), Constraint::Fill(2)];
        if wide {
            widths.extend([Constraint::Length(16), Constraint::Fill(3)]);
        }
        widths.extend([Constraint::Length(15), Constraint::Length(9)]);
        draw_window(
            frame, table_area, env, header, body, widths, &self.nav, first,
        );
    }
}

/// "40%", or the dash when nothing is due yet.
fn percent(share: Option<f32>) -> String {
    match share {
        Some(x) => format!("{:.0}%", f64::from(x) * 100.0),
        None => "—".to_string(),
    }
}

/// The rows to build for a table of `len` rows in `height` lines (one for
/// the header) so that the selection is visible: (first, count).
fn window(nav: &mut Nav, len: usize, height: u16) -> (usize, usize) {
    let visible = usize::from(height.saturating_sub(1)).max(1);
    let selected = nav.state.selected().unwrap_or(0);
    if selected < nav.offset {
        nav.offset = selected;
    } else if selected >= nav.offset + visible {
        nav.offset = selected + 1 - visible;
    }
    nav.offset = nav.offset.min(len.saturating_sub(1));
    (nav.offset, visible.min(len - nav.offset))
}

/// Draws the rows `first..` of a list with the selection of `nav`.
#[allow(clippy::too_many_arguments)]
fn draw_window(
    frame: &mut Frame,
    area: Rect,
    env: &Env,
    header: Vec<Cell>,
    rows: Vec<Row>,
    widths: Vec<Constraint>,
    nav: &Nav,
    first: usize,
) {
    let theme = env.theme;
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.table_header))
        .selectable(theme);
    let mut state = TableState::default();
    state.select(nav.state.selected().map(|i| i - first));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Signed Patti expiring within `within` days or expired in the last
/// [`EXPIRED_DAYS`]: the ones still in force first (soonest first), then
/// the expired ones (most recent first).
struct ScadenzeList {
    within: u64,
    rows: Vec<Scadenza>,
    state: TableState,
    page: usize,
}

impl ScadenzeList {
    fn load(&mut self, desk: &Desk) -> Result<(), String> {
        let selected = self
            .state
            .selected()
            .and_then(|i| self.rows.get(i))
            .map(|r| r.patto.id);
        let mut rows = desk
            .patti_in_scadenza(self.within, EXPIRED_DAYS)
            .map_err(|e| crate::texts::error(crate::texts::Lang::It, &e))?;
        rows.sort_by_key(|r| {
            let al = r.patto.valido_al();
            let in_force = r.state.is_in_force();
            (
                !in_force,
                if in_force { al } else { None },
                std::cmp::Reverse(if in_force { None } else { al }),
            )
        });
        self.rows = rows;
        let index = selected
            .and_then(|id| self.rows.iter().position(|r| r.patto.id == id))
            .unwrap_or(0);
        self.state.select((!self.rows.is_empty()).then_some(index));
        Ok(())
    }

    fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        let next = self
            .state
            .selected()
            .unwrap_or(0)
            .saturating_add_signed(delta)
            .min(last);
        self.state.select(Some(next));
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if let Some(delta) = action.list_step(self.page) {
            self.move_by(delta);
            return Some(Cmd::Redraw);
        }
        Some(match action {
            Action::Range => {
                let i = WITHIN_DAYS
                    .iter()
                    .position(|d| *d == self.within)
                    .unwrap_or(0);
                self.within = WITHIN_DAYS[(i + 1) % WITHIN_DAYS.len()];
                match self.load(env.desk) {
                    Ok(()) => Cmd::Redraw,
                    Err(e) => Cmd::Status(Status::error(e)),
                }
            }
            Action::Open => {
                let Some(row) = self.state.selected().and_then(|i| self.rows.get(i)) else {
                    return Some(Cmd::Status(Status::info(
                        env.s.patto.no_scadenze(self.within),
                    )));
                };
                match PattoScreen::load(env.desk, env.s, row.patto.patient) {
                    Ok(screen) => Cmd::Push(Box::new(Screen::Patto(Box::new(screen)))),
                    Err(e) => Cmd::Status(Status::error(e)),
                }
            }
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = env.s;
        let ps = s.patto;
        let theme = env.theme;
        let expiring = self.rows.iter().filter(|r| r.state.is_in_force()).count();
        let expired = self.rows.len() - expiring;
        let other = WITHIN_DAYS
            .iter()
            .copied()
            .find(|d| *d != self.within)
            .unwrap_or(self.within);
        let range_key = keys::first_key(Context::Richiami, Action::Range)
            .map(|k| k.name(s))
            .unwrap_or_default();
        let width = usize::from(area.width.saturating_sub(2));
        let lines = vec![
            Line::raw(format!(
                " {}",
                format::truncate(&ps.scadenze_summary(self.within, expiring, expired), width)
            )),
            Line::styled(
                format!(
                    " {}",
                    format::truncate(&ps.range_hint(&range_key, other), width)
                ),
                theme.muted,
            ),
        ];
        frame.render_widget(Paragraph::new(lines), Rect { height: 2, ..area });
        let table_area = Rect {
            y: area.y + 3,
            height: area.height.saturating_sub(3),
            ..area
        };
        self.page = usize::from(table_area.height.saturating_sub(1));
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!(" {}", ps.no_scadenze(self.within)),
                    theme.muted,
                )),
                table_area,
            );
            return;
        }
        let wide = area.width >= 100;
        let header = Row::new(vec![
            Cell::from(s.col_cognome),
            Cell::from(s.col_nome),
            Cell::from(s.col_cf),
            Cell::from(ps.col_gestore),
            Cell::from(ps.col_valido_al),
            Cell::from(ps.col_stato),
        ])
        .style(theme.table_header);
        let rows = self.rows.iter().map(|r| {
            Row::new(vec![
                Cell::from(r.patient.cognome.clone()),
                Cell::from(r.patient.nome.clone()),
                Cell::from(r.patient.codice_fiscale.clone()),
                Cell::from(
                    r.patient
                        .gestore
                        .clone()
                        .unwrap_or_else(|| s.none.to_string()),
                ),
                Cell::from(
                    r.patto
                        .valido_al()
                        .map(format::date)
                        .unwrap_or_else(|| s.none.to_string()),
                ),
                Cell::from(if wide {
                    ps.state(r.state)
                } else {
                    ps.state_short(r.state)
                }),
            ])
        });
        let table = Table::new(
            rows,
            [
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(16),
                Constraint::Fill(3),
                Constraint::Length(10),
                Constraint::Length(if wide { 25 } else { 15 }),
            ],
        )
        .header(header)
        .selectable(theme);
        frame.render_stateful_widget(table, table_area, &mut self.state);
    }
}
