//! Amministrazione · Registro accessi: the audit trail, newest first, by
//! patient, operator and dates, a page at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use tui_input::Input;

use crate::domain::audit::{AuditEntry, AuditFilter};
use crate::domain::codice_fiscale::CodiceFiscale;
use crate::domain::operator::fold_username;
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::{Cmd, Env};
use crate::tui::kit::theme::Selectable;
use crate::tui::kit::theme::{ERROR_MARK, MARKER};

use crate::tui::admin::strings::Texts;
use crate::tui::kit::list::ListState;

/// Entries fetched per page.
pub const PAGE: usize = 100;

pub struct AuditSection {
    /// Patient (CF or name), operator, from, to.
    fields: [Input; 4],
    focus: usize,
    filter: AuditFilter,
    entries: Vec<AuditEntry>,
    /// The `before` of each page shown so far: PgUp goes back through them.
    pages: Vec<Option<u64>>,
    /// Surname and name of the patients on this page.
    names: std::collections::HashMap<u64, String>,
    total: u64,
    problem: Option<String>,
    selection: ListState,
}

impl AuditSection {
    pub fn new(env: &Env) -> AuditSection {
        let mut section = AuditSection {
            fields: Default::default(),
            focus: 0,
            filter: AuditFilter::default(),
            entries: Vec::new(),
            pages: vec![None],
            names: Default::default(),
            total: 0,
            problem: None,
            selection: ListState::default(),
        };
        section.load(env);
        section
    }

    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        self.fields.get_mut(self.focus)
    }

    fn load(&mut self, env: &Env) {
        let before = self.pages.last().copied().flatten();
        self.total = env.desk.operators().audit_len().unwrap_or(0);
        match env.desk.operators().audit_page(&self.filter, before, PAGE) {
            Ok(list) => {
                self.entries = list;
                self.problem = None;
            }
            Err(e) => {
                self.entries.clear();
                self.problem = Some(crate::texts::error(env.lang, &e));
            }
        }
        self.names.clear();
        for e in &self.entries {
            if let Some(id) = e.patient
                && !self.names.contains_key(&id)
                && let Ok(Some(p)) = env.desk.patients().patient(id)
            {
                self.names.insert(id, format!("{} {}", p.cognome, p.nome));
            }
        }
        self.selection
            .select((!self.entries.is_empty()).then_some(0));
    }

    /// Reads the filter fields; an error names the field to fix.
    fn read_filter(&self, env: &Env) -> Result<AuditFilter, String> {
        let a = Texts::of(env).access;
        let text = |i: usize| self.fields[i].value().trim().to_string();
        let patient = match text(0) {
            t if t.is_empty() => None,
            t => {
                let by_cf = match CodiceFiscale::parse(&t, crate::service::comuni()) {
                    Ok(cf) => env
                        .desk
                        .patients()
                        .patient_by_cf(cf.as_str())
                        .ok()
                        .flatten(),
                    Err(_) => None,
                };
                match by_cf {
                    Some(p) => Some(p.id),
                    None => match env.desk.patients().find(&t, 2) {
                        Ok(found) if found.len() == 1 => Some(found[0].id),
                        _ => return Err(a.err_patient.to_string()),
                    },
                }
            }
        };
        let date = |i: usize| -> Result<Option<chrono::NaiveDate>, String> {
            let t = text(i);
            if t.is_empty() {
                return Ok(None);
            }
            format::parse_date(&t)
                .map(Some)
                .ok_or_else(|| a.err_date.to_string())
        };
        Ok(AuditFilter {
            patient,
            operator: Some(fold_username(&text(1))).filter(|o| !o.is_empty()),
            from: date(2)?,
            to: date(3)?,
        })
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        match action {
            Action::NextField => self.focus = (self.focus + 1) % self.fields.len(),
            Action::PrevField => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len()
            }
            Action::Confirm => match self.read_filter(env) {
                Ok(filter) => {
                    self.filter = filter;
                    self.pages = vec![None];
                    self.load(env);
                }
                Err(e) => self.problem = Some(e),
            },
            Action::PageDown => {
                let oldest = self.entries.last()?.seq;
                if self.entries.len() < PAGE {
                    return Some(Cmd::None);
                }
                self.pages.push(Some(oldest));
                self.load(env);
            }
            Action::PageUp => {
                if self.pages.len() < 2 {
                    return Some(Cmd::None);
                }
                self.pages.pop();
                self.load(env);
            }
            Action::Up => self.selection.move_by(self.entries.len(), -1),
            Action::Down => self.selection.move_by(self.entries.len(), 1),
            Action::Back => return Some(Cmd::Back),
            _ => return None,
        }
        Some(Cmd::Redraw)
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let a = Texts::of(env).access;
        let theme = env.theme;
        let [filters, info, table, detail] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(area);
        // Two filters per line.
        let labels = [a.f_patient, a.f_operator, a.f_from, a.f_to];
        let [row0, row1] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(filters);
        for (i, label) in labels.iter().enumerate() {
            let row = if i < 2 { row0 } else { row1 };
            let [l0, f0, l1, f1] = Layout::horizontal([
                Constraint::Length(23),
                Constraint::Fill(1),
                Constraint::Length(13),
                Constraint::Fill(1),
            ])
            .areas(row);
            let (l, f) = if i % 2 == 0 { (l0, f0) } else { (l1, f1) };
            let is_focused = focused && i == self.focus;
            let marker = if is_focused { MARKER } else { "  " };
            let style = if is_focused {
                theme.label_focused
            } else {
                theme.label
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!("{marker}{label}"), style)),
                l,
            );
            field::render(
                frame,
                f,
                &self.fields[i],
                is_focused,
                if is_focused {
                    theme.field_focused
                } else {
                    theme.field
                },
                theme.label,
            );
        }
        let info_line = match &self.problem {
            Some(p) => Line::styled(format!(" {ERROR_MARK}{p}"), theme.error),
            None if self.entries.is_empty() => {
                Line::styled(format!(" {}", a.no_entries), theme.muted)
            }
            None => {
                let first = self.entries.last().map_or(0, |e| e.seq);
                let last = self.entries.first().map_or(0, |e| e.seq);
                Line::styled(format!(" {}", a.page(first, last, self.total)), theme.muted)
            }
        };
        frame.render_widget(Paragraph::new(info_line), info);
        let header = Row::new(vec![
            Cell::from(a.col_when),
            Cell::from(a.col_who),
            Cell::from(a.col_what),
            Cell::from(a.col_patient),
            Cell::from(a.col_summary),
        ])
        .style(theme.table_header);
        let rows = self.entries.iter().map(|e| {
            let patient = e
                .patient
                .map(|id| {
                    self.names
                        .get(&id)
                        .cloned()
                        .unwrap_or_else(|| id.to_string())
                })
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(e.at.format("%d/%m/%Y %H:%M").to_string()),
                Cell::from(crate::texts::label::audit_operator(env.lang, &e.operator)),
                Cell::from(crate::texts::label::audit_action(env.lang, e.action)),
                Cell::from(patient),
                Cell::from(e.summary.clone()),
            ])
        });
        let widget = Table::new(
            rows,
            [
                Constraint::Length(16),
                Constraint::Length(15),
                Constraint::Length(16),
                Constraint::Length(14),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .selectable(theme);
        self.selection.render(frame, table, widget, 1);
        // The whole summary of the selected entry.
        if let Some(e) = self.selection.selected().and_then(|i| self.entries.get(i)) {
            let text = format!(" #{} {}", e.seq, e.summary);
            let lines: Vec<Line> = format::wrap(&text, usize::from(detail.width))
                .into_iter()
                .take(2)
                .map(Line::raw)
                .collect();
            frame.render_widget(Paragraph::new(lines).style(theme.muted), detail);
        }
    }
}
