//! The gate in front of the application: the first start (create the
//! administrator), the login, and the lock after inactivity. It is not a
//! screen of the stack: it covers it, so the work behind it is kept.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use tui_input::Input;

use crate::service::{Desk, MIN_PASSWORD_LEN, Session};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::Env;
use crate::tui::kit::theme::{ERROR_MARK, MARKER};
use crate::tui::shell::strings::Texts;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateMode {
    /// No operator yet: user name and the password twice.
    FirstStart,
    Login,
    /// The same operator types the password again.
    Unlock {
        username: String,
    },
}

/// What a key did at the gate.
pub enum GateOutcome {
    Redraw,
    Nothing,
    /// Logged in (or unlocked): the gate goes away.
    Done(Session),
    Quit,
}

pub struct GateScreen {
    mode: GateMode,
    /// FirstStart: user, password, repeat; Login: user, password; Unlock: password.
    fields: Vec<Input>,
    focus: usize,
    error: Option<String>,
}

impl GateScreen {
    pub fn new(mode: GateMode) -> GateScreen {
        let n = match mode {
            GateMode::FirstStart => 3,
            GateMode::Login => 2,
            GateMode::Unlock { .. } => 1,
        };
        GateScreen {
            mode,
            fields: vec![Input::default(); n],
            focus: 0,
            error: None,
        }
    }

    pub fn mode(&self) -> &GateMode {
        &self.mode
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn is_unlock(&self) -> bool {
        matches!(self.mode, GateMode::Unlock { .. })
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        self.fields.get_mut(self.focus)
    }

    pub fn edited(&mut self) {
        self.error = None;
    }

    /// Shows `text` where a refused login is explained.
    pub fn set_error(&mut self, text: String) {
        self.error = Some(text);
    }

    pub fn title(&self, env: &Env) -> &'static str {
        match self.mode {
            GateMode::FirstStart => Texts::of(env).shell.title_first,
            GateMode::Login => Texts::of(env).shell.title_login,
            GateMode::Unlock { .. } => Texts::of(env).shell.title_locked,
        }
    }

    fn is_password(&self, i: usize) -> bool {
        match self.mode {
            GateMode::Unlock { .. } => true,
            _ => i > 0,
        }
    }

    pub fn action(&mut self, action: Action, desk: &Desk, env: &Env) -> GateOutcome {
        let n = self.fields.len();
        match action {
            Action::NextField => {
                self.focus = (self.focus + 1) % n;
                GateOutcome::Redraw
            }
            Action::PrevField => {
                self.focus = (self.focus + n - 1) % n;
                GateOutcome::Redraw
            }
            Action::Quit => GateOutcome::Quit,
            Action::Confirm => self.submit(desk, env),
            _ => GateOutcome::Nothing,
        }
    }

    fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", Input::value)
    }

    fn submit(&mut self, desk: &Desk, env: &Env) -> GateOutcome {
        let a = env.kit;
        // Enter on the user name moves on to the password.
        if !self.is_password(self.focus) && self.value(self.focus + 1).is_empty() {
            if self.value(0).trim().is_empty() {
                self.error = Some(Texts::of(env).shell.err_username.to_string());
            } else {
                self.focus += 1;
            }
            return GateOutcome::Redraw;
        }
        let result = match &self.mode {
            GateMode::FirstStart => {
                if self.value(0).trim().is_empty() {
                    self.error = Some(Texts::of(env).shell.err_username.to_string());
                    self.focus = 0;
                    return GateOutcome::Redraw;
                }
                if self.value(1).chars().count() < MIN_PASSWORD_LEN {
                    self.error = Some(a.min_length(MIN_PASSWORD_LEN));
                    self.focus = 1;
                    return GateOutcome::Redraw;
                }
                if self.value(1) != self.value(2) {
                    self.error = Some(a.err_mismatch.to_string());
                    self.fields[2] = Input::default();
                    self.focus = 2;
                    return GateOutcome::Redraw;
                }
                desk.operators()
                    .create_first_admin(self.value(0), self.value(1))
            }
            GateMode::Login => desk.login(self.value(0), self.value(1)),
            GateMode::Unlock { .. } => desk.unlock(self.value(0)),
        };
        match result {
            Ok(session) => GateOutcome::Done(session),
            Err(e) => {
                self.error = Some(crate::texts::error(env.lang, &e));
                // The password is typed again.
                let last = self.fields.len() - 1;
                if self.is_password(last) {
                    self.fields[last] = Input::default();
                    self.focus = last;
                }
                GateOutcome::Redraw
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let a = s.kit;
        let theme = env.theme;
        let width = area.width.clamp(20, 72);
        let x = area.x + (area.width - width) / 2;
        let inner = Rect { x, width, ..area };
        let intro = match &self.mode {
            GateMode::FirstStart => {
                format!("{} {}", s.shell.first_intro, a.min_length(MIN_PASSWORD_LEN))
            }
            GateMode::Login => s.shell.login_intro.to_string(),
            GateMode::Unlock { username } => {
                format!("{} {}: {username}.", s.shell.locked_intro, a.f_operator)
            }
        };
        let intro_lines = format::wrap(&intro, usize::from(width)).len() as u16;
        let [_, title_area, _, intro_area, _, fields_area, _, error_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(intro_lines),
            Constraint::Length(1),
            Constraint::Length(self.fields.len() as u16 * 2),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        frame.render_widget(
            Paragraph::new(Line::styled(self.title(env), theme.section)),
            title_area,
        );
        frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), intro_area);
        let labels: Vec<&str> = match self.mode {
            GateMode::FirstStart => vec![a.f_username, a.f_password, a.f_password2],
            GateMode::Login => vec![a.f_username, a.f_password],
            GateMode::Unlock { .. } => vec![a.f_password],
        };
        let label_width = labels.iter().map(|l| format::width(l)).max().unwrap_or(0) as u16 + 3;
        for (i, (label, input)) in labels.iter().zip(&self.fields).enumerate() {
            let y = fields_area.y + i as u16 * 2;
            if y >= fields_area.y + fields_area.height {
                break;
            }
            let focused = i == self.focus;
            let row = Rect {
                y,
                height: 1,
                ..fields_area
            };
            let [l, f] =
                Layout::horizontal([Constraint::Length(label_width), Constraint::Length(34)])
                    .areas(row);
            let marker = if focused { MARKER } else { "  " };
            let style = if focused {
                theme.label_focused
            } else {
                theme.label
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!("{marker}{label}"), style)),
                l,
            );
            let field_style = if focused {
                theme.field_focused
            } else {
                theme.field
            };
            if self.is_password(i) {
                field::render_masked(frame, f, input, focused, field_style, theme.label);
            } else {
                field::render(frame, f, input, focused, field_style, theme.label);
            }
        }
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(format!("{ERROR_MARK}{e}"))
                    .style(theme.error)
                    .wrap(Wrap { trim: true }),
                error_area,
            );
        }
    }
}
