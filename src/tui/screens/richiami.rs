//! F7, the recall lists: what falls due and needs the front desk. A screen
//! of sections, one drawn at a time under a row of tabs; the first is the
//! "Scadenze dei Patti" (signed Patti expiring soon or recently expired).
//! Further sections (the PAI recalls) are added to [`Section`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::service::Desk;
use crate::service::patto::Scadenza;
use crate::tui::app::{Cmd, Env, Status};
use crate::tui::format;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::screens::Screen;
use crate::tui::screens::patto::PattoScreen;
use crate::tui::strings::Strings;
use crate::tui::theme::MARKER;

/// The windows of the expiry list, switched with the range key.
pub const WITHIN_DAYS: [u64; 2] = [30, 60];
/// Expired Patti are listed for this many days after their expiry.
pub const EXPIRED_DAYS: u64 = 90;

/// A section of the recall screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    ScadenzePatti,
}

impl Section {
    pub const ALL: [Section; 1] = [Section::ScadenzePatti];

    fn title(self, s: &Strings) -> &'static str {
        match self {
            Section::ScadenzePatti => s.patto.tab_scadenze,
        }
    }
}

pub struct RichiamiScreen {
    section: Section,
    scadenze: ScadenzeList,
}

impl RichiamiScreen {
    pub fn load(desk: &Desk) -> Result<RichiamiScreen, String> {
        let mut screen = RichiamiScreen {
            section: Section::ScadenzePatti,
            scadenze: ScadenzeList {
                within: WITHIN_DAYS[0],
                rows: Vec::new(),
                state: TableState::default(),
                page: 0,
            },
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the lists again (after a signature, a renewal, a revocation).
    pub fn reload(&mut self, desk: &Desk) -> Result<(), String> {
        self.scadenze.load(desk)
    }

    pub fn section(&self) -> Section {
        self.section
    }

    /// The rows of the expiry list, as shown.
    pub fn scadenze(&self) -> &[Scadenza] {
        &self.scadenze.rows
    }

    /// The days ahead of the expiry list.
    pub fn within(&self) -> u64 {
        self.scadenze.within
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        match self.section {
            Section::ScadenzePatti => self.scadenze.action(action, env),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = env.s;
        let theme = env.theme;
        // The tabs: the current one in reverse video with the marker.
        let mut tabs = vec![Span::raw(" ")];
        for section in Section::ALL {
            let title = section.title(s);
            if section == self.section {
                tabs.push(Span::styled(format!("{MARKER}{title} "), theme.selected));
            } else {
                tabs.push(Span::styled(format!("  {title} "), theme.label));
            }
            tabs.push(Span::raw("  "));
        }
        tabs.push(Span::styled(s.patto.richiami_next, theme.muted));
        frame.render_widget(Paragraph::new(Line::from(tabs)), Rect { height: 1, ..area });
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        match self.section {
            Section::ScadenzePatti => self.scadenze.draw(frame, body, env),
        }
    }
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
            .map_err(|e| e.to_string())?;
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
        let page = isize::try_from(self.page.max(1)).unwrap_or(1);
        Some(match action {
            Action::Up => {
                self.move_by(-1);
                Cmd::Redraw
            }
            Action::Down => {
                self.move_by(1);
                Cmd::Redraw
            }
            Action::PageUp => {
                self.move_by(-page);
                Cmd::Redraw
            }
            Action::PageDown => {
                self.move_by(page);
                Cmd::Redraw
            }
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
        let range_key = keymap::first_key(Context::Richiami, Action::Range)
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
        .column_spacing(1)
        .row_highlight_style(theme.selected)
        .highlight_symbol(MARKER)
        .highlight_spacing(HighlightSpacing::Always);
        frame.render_stateful_widget(table, table_area, &mut self.state);
    }
}
