//! F2, the start screen: one search field, results on every keystroke.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use tui_input::Input;

use crate::domain::PatientId;
use crate::domain::codice_fiscale::CodiceFiscale;
use crate::service::{Desk, DeskError, PatientSummary};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::Action;
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;
use crate::tui::patients::strings::Texts;

/// Most results shown for one query.
pub const LIMIT: usize = 200;

#[derive(Debug, Default)]
pub struct LookupScreen {
    input: Input,
    results: Vec<PatientSummary>,
    suggested: bool,
    list: ListState,
    /// The operator searched or moved the selection since a patient was
    /// last chosen: the highlighted row is then theirs to choose.
    searched: bool,
}

impl LookupScreen {
    pub fn new() -> LookupScreen {
        LookupScreen::default()
    }

    pub fn input_mut(&mut self) -> &mut Input {
        &mut self.input
    }

    pub fn query(&self) -> &str {
        self.input.value()
    }

    pub fn results(&self) -> &[PatientSummary] {
        &self.results
    }

    pub fn suggested(&self) -> bool {
        self.suggested
    }

    pub fn selected(&self) -> Option<usize> {
        self.list.selected()
    }

    /// Runs the query again (after a save), keeping the selected patient when
    /// still listed.
    pub fn refresh(&mut self, desk: &Desk) -> Result<(), DeskError> {
        let selected_id = self
            .list
            .selected()
            .and_then(|i| self.results.get(i))
            .map(|p| p.id);
        let offset = self.list.offset();
        self.search(desk)?;
        self.list
            .set_offset(offset.min(self.results.len().saturating_sub(1)));
        if let Some(id) = selected_id
            && let Some(i) = self.results.iter().position(|p| p.id == id)
        {
            self.list.select(Some(i));
        }
        Ok(())
    }

    /// The patient highlighted after the operator searched or moved the
    /// selection (since the last choice of a patient), for the area keys.
    pub fn searched_row(&self) -> Option<PatientId> {
        if !self.searched {
            return None;
        }
        self.selected()
            .and_then(|i| self.results.get(i))
            .map(|p| p.id)
    }

    /// A patient was chosen: what is highlighted now is no longer a search
    /// of the operator's (until they type or move again).
    pub fn settle(&mut self) {
        self.searched = false;
    }

    /// Puts `text` in the search field in place of what it held, and
    /// searches (a scanned card's codice fiscale).
    pub fn set_query(&mut self, text: &str, desk: &Desk) -> Result<(), DeskError> {
        self.input = field::input_with(text);
        self.search(desk)
    }

    fn search(&mut self, desk: &Desk) -> Result<(), DeskError> {
        let query = self.input.value().trim();
        if query.is_empty() {
            self.results.clear();
            self.suggested = false;
        } else {
            let lookup = desk.patients().lookup(query, LIMIT)?;
            self.results = lookup.patients;
            self.suggested = lookup.suggested;
        }
        self.list.reset(self.results.len());
        Ok(())
    }

    pub fn input_changed(&mut self, env: &Env) -> Cmd {
        self.searched = true;
        match self.search(env.desk) {
            Ok(()) => Cmd::Redraw,
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if self.list.step(action, self.results.len()) {
            self.searched = true;
            return Some(Cmd::Redraw);
        }
        Some(match action {
            Action::Open => match self.list.selected().and_then(|i| self.results.get(i)) {
                Some(p) => Cmd::OpenRecord(p.id),
                None => Cmd::Status(Status::info(Texts::of(env).patients.nothing_to_open)),
            },
            Action::NewPatient => {
                // A valid codice fiscale typed in the search goes into the form.
                let cf = CodiceFiscale::parse(self.input.value(), crate::service::comuni())
                    .ok()
                    .map(|cf| cf.as_str().to_string());
                Cmd::NewPatient(cf)
            }
            Action::ClearSearch => {
                if self.input.value().is_empty() {
                    return Some(Cmd::None);
                }
                self.input.reset();
                self.results.clear();
                self.suggested = false;
                self.list.reset(0);
                Cmd::Redraw
            }
            _ => return None,
        })
    }

    fn message<'a>(&self, env: &Env<'a>) -> Line<'a> {
        let s = Texts::of(env);
        let theme = env.theme;
        let query = self.input.value().trim();
        if query.is_empty() {
            Line::styled(s.patients.lookup_hint, theme.muted)
        } else if self.suggested {
            Line::styled(s.patients.suggestions, theme.warning)
        } else if self.results.is_empty() {
            Line::styled(s.patients.no_results(query), theme.warning)
        } else {
            Line::raw(
                s.patients
                    .found(self.results.len(), self.results.len() >= LIMIT),
            )
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env);
        let theme = env.theme;
        // The message wraps at spaces (two lines at most) rather than being
        // cut mid-word in a narrow terminal.
        let line = self.message(env);
        let lines: Vec<Line> =
            format::wrap(&line.to_string(), usize::from(area.width.saturating_sub(1)))
                .into_iter()
                .take(2)
                .map(|l| Line::styled(format!(" {l}"), line.style))
                .collect();
        let message_lines = lines.len();
        let [search, message, table] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(message_lines.clamp(1, 2) as u16),
            Constraint::Fill(1),
        ])
        .areas(area);

        let label = format!("{}: ", s.kit.search_label);
        let label_width = u16::try_from(format::width(&label)).unwrap_or(0) + 1;
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {label}"), theme.label_focused)),
            search,
        );
        let field_area = Rect {
            x: search.x + label_width,
            width: search.width.saturating_sub(label_width + 1).min(60),
            ..search
        };
        field::render(
            frame,
            field_area,
            &self.input,
            focused,
            theme.field_focused,
            theme.label,
        );
        frame.render_widget(Paragraph::new(lines), message);

        self.list.fit(table, 1);
        if self.results.is_empty() {
            return;
        }
        let wide = table.width >= 100;
        let widget = results_table(&self.results, s, env, wide);
        self.list.render(frame, table, widget, 1);
    }
}

fn results_table<'a>(
    results: &'a [PatientSummary],
    s: &'a Texts,
    env: &Env,
    wide: bool,
) -> Table<'a> {
    let theme = env.theme;
    let header = Row::new(vec![
        Cell::from(s.kit.col_cognome),
        Cell::from(s.kit.col_nome),
        Cell::from(s.patients.col_born),
        Cell::from(s.kit.col_cf),
        Cell::from(s.kit.col_comune),
        Cell::from(s.patients.col_livello),
        Cell::from(s.patients.col_pic),
    ])
    .style(theme.table_header);
    let rows = results.iter().map(|p| {
        Row::new(vec![
            Cell::from(p.cognome.as_str()),
            Cell::from(p.nome.as_str()),
            Cell::from(format::date(p.data_nascita)),
            Cell::from(p.codice_fiscale.as_str()),
            Cell::from(p.comune.as_str()),
            Cell::from(
                p.livello
                    .map(|l| s.kit.level_cell(l, p.livello_stimato))
                    .unwrap_or_else(|| s.kit.none.to_string()),
            ),
            Cell::from(pic_state(p, s)),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Length(16),
            Constraint::Fill(3),
            Constraint::Length(7),
            // Room for the Gestore's name when there is room at all.
            if wide {
                Constraint::Fill(3)
            } else {
                Constraint::Length(10)
            },
        ],
    )
    .header(header)
    .selectable(theme)
}

/// The PIC column: the patient's status when they are no longer followed,
/// else the Gestore of the active presa in carico, else "—".
fn pic_state(p: &PatientSummary, s: &Texts) -> String {
    match p.stato {
        "deceduto" => s.patients.status_deceased.to_string(),
        "trasferito" => s.patients.status_transferred.to_string(),
        _ => match &p.gestore {
            Some(g) if p.da_trasferire => format!("{g} ({})", s.kit.da_trasferire),
            Some(g) => g.clone(),
            None => s.kit.none.to_string(),
        },
    }
}

impl crate::tui::kit::screen::Screen for LookupScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::patients::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        crate::tui::kit::keys::Context::Lookup
    }

    fn title(&self, env: &Env) -> String {
        Texts::of(env).patients.title_lookup.to_string()
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        Self::draw(self, frame, area, env, focused)
    }

    fn focused_input(&mut self) -> Option<&mut tui_input::Input> {
        Some(self.input_mut())
    }

    fn input_changed(&mut self, env: &Env) -> Cmd {
        Self::input_changed(self, env)
    }

    /// The patient highlighted in the search results.
    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        self.selected()
            .and_then(|i| self.results().get(i))
            .map(|p| (p.id, format!("{} {}", p.cognome, p.nome)))
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = Self::refresh(self, env.desk);
    }

    crate::screen_any!();
}
