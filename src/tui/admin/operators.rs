//! Amministrazione · Operatori: who logs in and with which role. Add an
//! operator, change a role, disable or enable, set a new password.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use tui_input::Input;

use crate::domain::operator::{Operator, OperatorId, Role};
use crate::tui::admin::strings::AccessStrings;
use crate::tui::kit::dialog::{DialogField, Modal, Submit};
use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::Selectable;

use crate::tui::admin::strings::Texts;
use crate::tui::kit::list::ListState;

/// What a dialog of this section does when confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorsPurpose {
    Add,
    Role(OperatorId),
    Password(OperatorId),
}

impl From<OperatorsPurpose> for Submit {
    fn from(purpose: OperatorsPurpose) -> Submit {
        Submit::on_try(
            move |admin: &mut crate::tui::admin::AdminScreen, modal, env| {
                admin.operators_confirm(purpose, modal, env)
            },
        )
    }
}

pub struct OperatorsSection {
    list: Vec<Operator>,
    problem: Option<String>,
    selection: ListState,
}

fn role_options(a: &AccessStrings) -> Vec<String> {
    a.role_names.iter().map(|r| r.to_string()).collect()
}

fn role_index(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap_or(0)
}

impl OperatorsSection {
    pub fn new(env: &Env) -> OperatorsSection {
        let mut section = OperatorsSection {
            list: Vec::new(),
            problem: None,
            selection: ListState::default(),
        };
        section.reload(env);
        section
    }

    pub fn operators(&self) -> &[Operator] {
        &self.list
    }

    fn reload(&mut self, env: &Env) {
        match env.desk.operators().list() {
            Ok(list) => {
                self.list = list;
                self.problem = None;
            }
            Err(e) => self.problem = Some(crate::texts::error(env.lang, &e)),
        }
        let selected = self.selection.selected().unwrap_or(0);
        self.selection.select(if self.list.is_empty() {
            None
        } else {
            Some(selected.min(self.list.len() - 1))
        });
    }

    /// Reads the list again after another desk wrote, keeping the
    /// selected operator.
    pub fn refresh(&mut self, env: &Env) {
        let keep = self.selected().map(|o| o.id);
        self.reload(env);
        if let Some(at) = keep.and_then(|id| self.list.iter().position(|o| o.id == id)) {
            self.selection.select(Some(at));
        }
    }

    pub fn selected(&self) -> Option<&Operator> {
        self.selection.selected().and_then(|i| self.list.get(i))
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let a = Texts::of(env).access;
        let secret = |label: &str| DialogField::Secret {
            label: label.to_string(),
            input: Input::default(),
        };
        match action {
            Action::Add => Some(Cmd::modal(Modal::form(
                OperatorsPurpose::Add,
                a.add_title.to_string(),
                vec![a.min_length(crate::service::MIN_PASSWORD_LEN)],
                vec![
                    DialogField::Text {
                        label: a.f_username.to_string(),
                        input: Input::default(),
                    },
                    secret(a.f_password),
                    secret(a.f_password2),
                    DialogField::Choice {
                        label: a.f_role.to_string(),
                        options: role_options(a),
                        selected: 0,
                    },
                ],
            ))),
            Action::Edit => {
                let o = self.selected()?;
                Some(Cmd::modal(Modal::form(
                    OperatorsPurpose::Role(o.id),
                    a.role_title.to_string(),
                    vec![o.username.clone()],
                    vec![DialogField::Choice {
                        label: a.f_role.to_string(),
                        options: role_options(a),
                        selected: role_index(o.role),
                    }],
                )))
            }
            Action::Password => {
                let o = self.selected()?;
                Some(Cmd::modal(Modal::form(
                    OperatorsPurpose::Password(o.id),
                    a.password_title.to_string(),
                    vec![
                        o.username.clone(),
                        a.min_length(crate::service::MIN_PASSWORD_LEN),
                    ],
                    vec![secret(a.f_password), secret(a.f_password2)],
                )))
            }
            Action::Remove => {
                let opened = self.selected()?.clone();
                let cmd = match env.desk.operators().set_operator_active_opened(
                    opened.id,
                    Some(&opened),
                    !opened.active,
                ) {
                    Ok(_) => Cmd::Status(Status::success(a.saved)),
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                };
                self.reload(env);
                Some(cmd)
            }
            other => self.selection.navigate(other, self.list.len()),
        }
    }

    /// Carries out a confirmed dialog; an error keeps the dialog open.
    pub fn confirm(
        &mut self,
        purpose: OperatorsPurpose,
        modal: &Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        let a = Texts::of(env).access;
        let role = |i: usize| {
            Role::ALL
                .get(modal.choice(i))
                .copied()
                .unwrap_or(Role::Segreteria)
        };
        match purpose {
            OperatorsPurpose::Add => {
                if modal.text(1) != modal.text(2) {
                    return Err(a.err_mismatch.to_string());
                }
                env.desk
                    .operators()
                    .add_operator(modal.text(0), modal.text(1), role(3))
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
            }
            OperatorsPurpose::Role(id) => {
                let opened = self.list.iter().find(|o| o.id == id).cloned();
                env.desk
                    .operators()
                    .set_operator_role_opened(id, opened.as_ref(), role(0))
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
            }
            OperatorsPurpose::Password(id) => {
                if modal.text(0) != modal.text(1) {
                    return Err(a.err_mismatch.to_string());
                }
                env.desk
                    .operators()
                    .reset_operator_password(id, modal.text(0))
                    .map_err(|e| crate::texts::error(env.lang, &e))?;
            }
        }
        self.reload(env);
        Ok(Cmd::Status(Status::success(a.saved)))
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let a = Texts::of(env).access;
        let theme = env.theme;
        let [info, table] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let text = match &self.problem {
            Some(p) => Line::styled(format!(" ✗ {p}"), theme.error),
            None if self.list.is_empty() => {
                Line::styled(format!(" {}", a.no_operators), theme.muted)
            }
            None => Line::styled(format!(" {}", a.sec_operators_text), theme.muted),
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), info);
        self.selection.fit(table, 1);
        let now = env.desk.now();
        let header = Row::new(vec![
            Cell::from(a.col_username),
            Cell::from(a.col_role),
            Cell::from(a.col_state),
        ])
        .style(theme.table_header);
        let rows = self.list.iter().map(|o| {
            let mut state = if o.active { a.active } else { a.disabled }.to_string();
            if let Some(until) = o.locked_at(now) {
                state = format!("{state}, {} {}", a.locked_until, until.format("%H:%M"));
            }
            Row::new(vec![
                Cell::from(o.username.clone()),
                Cell::from(a.role_names[role_index(o.role)]),
                Cell::from(state),
            ])
        });
        let widget = Table::new(
            rows,
            [
                Constraint::Length(24),
                Constraint::Length(16),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .selectable(theme);
        self.selection.render(frame, table, widget, 1);
    }
}
