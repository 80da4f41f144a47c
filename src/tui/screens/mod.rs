//! The screens of the stack. Each one says which keymap context it uses,
//! which text field has the focus, and what its actions do; the application
//! carries out the commands they return.

pub mod form;
pub mod help;
pub mod lookup;
pub mod placeholder;
pub mod record;

use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::Input;

use super::app::{Cmd, Env};
use super::keymap::{Action, Context};
use crate::domain::PatientId;

pub use form::FormScreen;
pub use help::HelpScreen;
pub use lookup::LookupScreen;
pub use placeholder::{Area, PlaceholderScreen};
pub use record::RecordScreen;

pub enum Screen {
    Lookup(LookupScreen),
    Record(Box<RecordScreen>),
    Form(Box<FormScreen>),
    Help(HelpScreen),
    Placeholder(PlaceholderScreen),
}

impl Screen {
    pub fn context(&self) -> Context {
        match self {
            Screen::Lookup(_) => Context::Lookup,
            Screen::Record(_) => Context::Record,
            Screen::Form(_) => Context::Form,
            Screen::Help(_) => Context::Help,
            Screen::Placeholder(_) => Context::Placeholder,
        }
    }

    pub fn title(&self, env: &Env) -> String {
        let s = env.s;
        match self {
            Screen::Lookup(_) => s.title_lookup.to_string(),
            Screen::Record(_) => s.title_record.to_string(),
            Screen::Form(f) => f.title(s),
            Screen::Help(_) => s.title_help.to_string(),
            Screen::Placeholder(p) => p.area.name(s).to_string(),
        }
    }

    /// The text field that gets typed keys and pasted text.
    pub fn focused_input(&mut self) -> Option<&mut Input> {
        match self {
            Screen::Lookup(l) => Some(l.input_mut()),
            Screen::Form(f) => Some(f.input_mut()),
            _ => None,
        }
    }

    /// Called after the focused field's value changed.
    pub fn input_changed(&mut self, env: &Env) -> Cmd {
        match self {
            Screen::Lookup(l) => l.input_changed(env),
            Screen::Form(f) => f.input_changed(env),
            _ => Cmd::Redraw,
        }
    }

    /// Runs an action of the screen's context; `None` lets it go on to the
    /// global keys.
    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        match self {
            Screen::Lookup(l) => l.action(action, env),
            Screen::Record(r) => r.action(action, env),
            Screen::Form(f) => f.action(action, env),
            Screen::Help(h) => h.action(action),
            Screen::Placeholder(_) => match action {
                Action::Back => Some(Cmd::Back),
                _ => None,
            },
        }
    }

    /// Draws the body. `focused` is false while a dialog is open.
    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        match self {
            Screen::Lookup(l) => l.draw(frame, area, env, focused),
            Screen::Record(r) => r.draw(frame, area, env),
            Screen::Form(f) => f.draw(frame, area, env, focused),
            Screen::Help(h) => h.draw(frame, area, env),
            Screen::Placeholder(p) => p.draw(frame, area, env),
        }
    }

    /// Unsaved changes would be lost by leaving this screen.
    pub fn is_dirty(&self) -> bool {
        match self {
            Screen::Form(f) => f.is_dirty(),
            _ => false,
        }
    }

    /// The patient this screen is about, with their name.
    pub fn patient(&self) -> Option<(PatientId, String)> {
        match self {
            Screen::Record(r) => Some((r.id(), r.name())),
            Screen::Form(f) => f.patient(),
            Screen::Placeholder(p) => p.patient.clone(),
            _ => None,
        }
    }
}
