//! Amministrazione · Patologie primarie per ATS: which pathologies each ATS
//! allows as primary (no codes: any). The codes of the selected ATS are
//! edited in a field and saved with Ctrl+S; a table `ats;codice` is imported
//! from a file.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use tui_input::Input;

use crate::domain::ats::Ats;
use crate::domain::pathology::PrimarieAts;
use crate::tui::admin::strings::Texts;
use crate::tui::kit::field;
use crate::tui::kit::keys::Action;
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::{MARKER, Selectable};

pub struct PrimarieSection {
    table: PrimarieAts,
    selection: ListState,
    /// The codes the selected ATS allows, comma separated.
    codes: Input,
    /// A file `ats;codice` to import.
    file: Input,
    on_file: bool,
    problem: Option<String>,
}

fn ats_list() -> &'static [Ats] {
    crate::service::ats_table().all_ats()
}

impl PrimarieSection {
    pub fn new(env: &Env) -> PrimarieSection {
        let mut s = PrimarieSection {
            table: PrimarieAts::default(),
            selection: ListState::first_of(ats_list().len()),
            codes: Input::default(),
            file: Input::default(),
            on_file: false,
            problem: None,
        };
        s.reload(env);
        s
    }

    pub fn table(&self) -> &PrimarieAts {
        &self.table
    }

    fn selected_ats(&self) -> Option<&'static Ats> {
        ats_list().get(self.selection.selected()?)
    }

    fn reload(&mut self, env: &Env) {
        match env.desk.patients().primarie_ats() {
            Ok(t) => {
                self.table = t;
                self.problem = None;
            }
            Err(e) => self.problem = Some(crate::texts::error(env.lang, &e)),
        }
        self.load_codes();
    }

    fn load_codes(&mut self) {
        let codes = self
            .selected_ats()
            .and_then(|a| self.table.allowed(&a.codice))
            .map(|c| c.join(", "))
            .unwrap_or_default();
        self.codes = Input::new(codes);
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        Some(if self.on_file {
            &mut self.file
        } else {
            &mut self.codes
        })
    }

    fn save(&mut self, env: &Env) -> Cmd {
        let a = Texts::of(env).admin;
        let Some(ats) = self.selected_ats() else {
            return Cmd::Redraw;
        };
        let codes: Vec<String> = self
            .codes
            .value()
            .split([',', ';', ' '])
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
            .collect();
        let mut table = self.table.clone();
        table.set(&ats.codice, codes);
        match env.desk.patients().set_primarie_ats(&table) {
            Ok(()) => {
                self.reload(env);
                Cmd::Status(Status::info(a.primarie_saved(&ats.denominazione)))
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    fn import(&mut self, env: &Env) -> Cmd {
        let a = Texts::of(env).admin;
        let path = self.file.value().trim().to_string();
        if path.is_empty() {
            return Cmd::Status(Status::error(a.primarie_no_file));
        }
        match env
            .desk
            .patients()
            .import_primarie_ats(std::path::Path::new(&path))
        {
            Ok(t) => {
                let n = t.rows().count();
                self.reload(env);
                Cmd::Status(Status::info(a.primarie_imported(n)))
            }
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Some(match action {
            Action::Up | Action::Down => {
                self.selection.step(action, ats_list().len());
                self.load_codes();
                Cmd::Redraw
            }
            Action::NextField | Action::PrevField => {
                self.on_file = !self.on_file;
                Cmd::Redraw
            }
            Action::Save => self.save(env),
            Action::Open if self.on_file => self.import(env),
            Action::Open => self.save(env),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env);
        let a = s.admin;
        let theme = env.theme;
        let [info, table, edit, file] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(2),
        ])
        .areas(area);
        let text = match &self.problem {
            Some(p) => Line::styled(format!(" ✗ {p}"), theme.error),
            None => Line::styled(format!(" {}", a.sec_primarie_text), theme.muted),
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), info);
        self.selection.fit(table, 1);
        let catalogue = crate::service::pathologies();
        let header =
            Row::new(vec![Cell::from("ATS"), Cell::from(a.col_primarie)]).style(theme.table_header);
        let rows = ats_list().iter().map(|ats| {
            let allowed = match self.table.allowed(&ats.codice) {
                None => a.primarie_any.to_string(),
                Some(codes) => codes
                    .iter()
                    .map(|c| catalogue.label(c))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            Row::new(vec![
                Cell::from(format!("{} {}", ats.codice, ats.denominazione)),
                Cell::from(allowed),
            ])
        });
        let widget = Table::new(rows, [Constraint::Length(47), Constraint::Fill(1)])
            .header(header)
            .selectable(theme);
        self.selection.render(frame, table, widget, 1);
        let label_width = 24u16;
        for (area, label, input, is_focus) in [
            (edit, a.f_primarie_codes, &self.codes, !self.on_file),
            (file, a.f_primarie_file, &self.file, self.on_file),
        ] {
            let marker = if is_focus { MARKER } else { "  " };
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("{marker}{label}"),
                    if is_focus {
                        theme.label_focused
                    } else {
                        theme.label
                    },
                )),
                Rect {
                    width: label_width,
                    height: 1,
                    ..area
                },
            );
            field::render(
                frame,
                Rect {
                    x: area.x + label_width,
                    y: area.y,
                    width: area.width.saturating_sub(label_width + 1),
                    height: 1,
                },
                input,
                focused && is_focus,
                if is_focus {
                    theme.field_focused
                } else {
                    theme.field
                },
                theme.label,
            );
        }
    }
}
