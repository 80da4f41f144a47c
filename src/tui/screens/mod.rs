//! The screens of the stack. Each one says which keymap context it uses,
//! which text field has the focus, and what its actions do; the application
//! carries out the commands they return.

pub mod admin;
pub mod admin_agenda;
pub mod admin_audit;
pub mod admin_import;
pub mod admin_operators;
pub mod admin_studio;
pub mod agenda;
pub mod agenda_plan;
pub mod form;
pub mod gestore;
pub mod help;
pub mod login;
pub mod lookup;
pub mod pai;
pub mod pai_edit;
pub mod patto;
pub mod picker;
pub mod placeholder;
pub mod record;
pub mod richiami;

use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::Input;

use super::app::{Cmd, Env};
use super::keymap::{Action, Context};
use crate::domain::PatientId;
use crate::service::Area as DataArea;

pub use admin::AdminScreen;
pub use agenda::AgendaScreen;
pub use form::FormScreen;
pub use gestore::GestoreScreen;
pub use help::HelpScreen;
pub use lookup::LookupScreen;
pub use pai::PaiScreen;
pub use patto::{PattoScreen, PattoTextScreen};
pub use placeholder::{Area, PlaceholderScreen};
pub use record::RecordScreen;
pub use richiami::RichiamiScreen;

pub enum Screen {
    Lookup(LookupScreen),
    Record(Box<RecordScreen>),
    Form(Box<FormScreen>),
    Help(HelpScreen),
    Placeholder(PlaceholderScreen),
    Patto(Box<PattoScreen>),
    PattoText(Box<PattoTextScreen>),
    Richiami(Box<RichiamiScreen>),
    Gestore(Box<GestoreScreen>),
    Admin(Box<AdminScreen>),
    Pai(Box<PaiScreen>),
    Agenda(Box<AgendaScreen>),
}

impl Screen {
    pub fn context(&self) -> Context {
        match self {
            Screen::Lookup(_) => Context::Lookup,
            Screen::Record(_) => Context::Record,
            Screen::Form(_) => Context::Form,
            Screen::Help(_) => Context::Help,
            Screen::Placeholder(_) => Context::Placeholder,
            Screen::Patto(_) => Context::Patto,
            Screen::PattoText(t) => t.context(),
            Screen::Richiami(r) => r.context(),
            Screen::Gestore(g) => g.context(),
            Screen::Admin(a) => a.context(),
            Screen::Pai(p) => p.context(),
            Screen::Agenda(a) => a.context(),
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
            Screen::Patto(_) => s.patto.title.to_string(),
            Screen::PattoText(t) => t.title(s),
            Screen::Richiami(_) => s.area_richiami.to_string(),
            Screen::Gestore(_) => s.area_gestore.to_string(),
            Screen::Admin(a) => a.title(s),
            Screen::Pai(p) => p.title(s),
            Screen::Agenda(a) => a.title(s),
        }
    }

    /// The text field that gets typed keys and pasted text.
    pub fn focused_input(&mut self) -> Option<&mut Input> {
        match self {
            Screen::Lookup(l) => Some(l.input_mut()),
            Screen::Form(f) => Some(f.input_mut()),
            Screen::PattoText(t) => t.focused_input(),
            Screen::Gestore(g) => g.input_mut(),
            Screen::Admin(a) => a.input_mut(),
            Screen::Pai(p) => p.focused_input(),
            _ => None,
        }
    }

    /// Called after the focused field's value changed.
    pub fn input_changed(&mut self, env: &Env) -> Cmd {
        match self {
            Screen::Lookup(l) => l.input_changed(env),
            Screen::Form(f) => f.input_changed(env),
            Screen::PattoText(t) => t.input_changed(env),
            Screen::Gestore(g) => g.input_changed(),
            Screen::Admin(a) => a.input_changed(env),
            Screen::Pai(p) => p.input_changed(),
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
            Screen::Patto(p) => p.action(action, env),
            Screen::PattoText(t) => t.action(action, env),
            Screen::Richiami(r) => r.action(action, env),
            Screen::Gestore(g) => g.action(action, env),
            Screen::Admin(a) => a.action(action, env),
            Screen::Pai(p) => p.action(action, env),
            Screen::Agenda(a) => a.action(action, env),
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
            Screen::Patto(p) => p.draw(frame, area, env),
            Screen::PattoText(t) => t.draw(frame, area, env, focused),
            Screen::Richiami(r) => r.draw(frame, area, env),
            Screen::Gestore(g) => g.draw(frame, area, env, focused),
            Screen::Admin(a) => a.draw(frame, area, env, focused),
            Screen::Pai(p) => p.draw(frame, area, env, focused),
            Screen::Agenda(a) => a.draw(frame, area, env),
        }
    }

    /// Unsaved changes would be lost by leaving this screen.
    pub fn is_dirty(&self) -> bool {
        match self {
            Screen::Form(f) => f.is_dirty(),
            Screen::PattoText(t) => t.is_dirty(),
            Screen::Admin(a) => a.is_dirty(),
            Screen::Pai(p) => p.is_dirty(),
            _ => false,
        }
    }

    /// Saves what [`Screen::is_dirty`] would lose, as the screen's own save
    /// key does: the form stays, with its errors, when that fails.
    pub fn save_changes(&mut self, env: &Env) -> Cmd {
        match self {
            Screen::Form(f) => f.save(env, false),
            Screen::PattoText(t) => match t.save_cm(env) {
                Ok(()) => Cmd::Redraw,
                Err(e) => Cmd::Status(super::app::Status::error(e)),
            },
            Screen::Admin(a) => a.action(Action::Save, env).unwrap_or(Cmd::None),
            Screen::Pai(p) => p.action(Action::Save, env).unwrap_or(Cmd::None),
            _ => Cmd::None,
        }
    }

    /// The patient this screen is about, with their name.
    pub fn patient(&self) -> Option<(PatientId, String)> {
        match self {
            Screen::Record(r) => Some((r.id(), r.name())),
            Screen::Form(f) => f.patient(),
            Screen::Placeholder(p) => p.patient.clone(),
            Screen::Patto(p) => Some((p.id(), p.name())),
            Screen::PattoText(t) => Some(t.patient()),
            Screen::Gestore(g) => g.patient(),
            Screen::Pai(p) => p.patient(),
            Screen::Agenda(a) => a.patient(),
            Screen::Richiami(r) => r.patient(),
            // The patient highlighted in the search results.
            Screen::Lookup(l) => l
                .selected()
                .and_then(|i| l.results().get(i))
                .map(|p| (p.id, format!("{} {}", p.cognome, p.nome))),
            _ => None,
        }
    }

    /// The patient whose screen this is (a record, a form, the Gestore,
    /// Patto or PAI, the agenda opened for them); `None` for the screens of
    /// everybody (lookup, recall lists, help, Amministrazione).
    pub fn owner(&self) -> Option<PatientId> {
        match self {
            Screen::Record(_)
            | Screen::Form(_)
            | Screen::Patto(_)
            | Screen::PattoText(_)
            | Screen::Gestore(_)
            | Screen::Pai(_)
            | Screen::Agenda(_) => self.patient().map(|(id, _)| id),
            _ => None,
        }
    }

    /// The screen is on top again (the one above it was closed): screens
    /// that show stored data read it again.
    pub fn resumed(&mut self, desk: &crate::service::Desk) -> Result<(), String> {
        match self {
            Screen::Patto(p) => p.reload(desk),
            Screen::Richiami(r) => r.reload(desk),
            Screen::Pai(p) => p.reload(desk),
            Screen::Agenda(a) => a.reload(desk),
            Screen::Gestore(g) => {
                g.reload(desk);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The stored data this screen shows: when another desk writes in one
    /// of these areas the screen is refreshed ([`Screen::refresh`]). Screens
    /// of a form being edited list none: what is typed stays as typed.
    pub fn areas(&self) -> &'static [DataArea] {
        use DataArea::*;
        match self {
            Screen::Lookup(_) => &[Patients],
            Screen::Record(_) => &[Patients, Prese, Patti, Pai, Agenda],
            Screen::Patto(_) => &[Patients, Prese, Patti, Pai],
            Screen::Richiami(_) => &[Patients, Patti, Pai, Agenda],
            Screen::Gestore(_) => &[Patients, Prese],
            Screen::Pai(_) => &[Patients, Prese, Pai, Agenda],
            Screen::Agenda(_) => &[Patients, Agenda],
            Screen::Admin(a) => a.areas(),
            Screen::Form(_) | Screen::PattoText(_) | Screen::Help(_) | Screen::Placeholder(_) => {
                &[]
            }
        }
    }

    /// Reads the data of [`Screen::areas`] again after another desk wrote,
    /// keeping what the operator is doing: the selection (by id), the
    /// scroll, typed filters and queries, an open list or dialog, a plan
    /// being edited. A read that fails leaves what was shown.
    pub fn refresh(&mut self, env: &Env) {
        let desk = env.desk;
        let _ = match self {
            Screen::Lookup(l) => l.refresh(desk).map_err(|e| e.to_string()),
            Screen::Record(r) => r.reload(desk),
            Screen::Patto(p) => p.reload(desk),
            Screen::Richiami(r) => r.reload(desk),
            Screen::Pai(p) => p.reload(desk),
            Screen::Agenda(a) => a.reload(desk),
            Screen::Gestore(g) => {
                g.reload(desk);
                Ok(())
            }
            Screen::Admin(a) => {
                a.refresh(env);
                Ok(())
            }
            _ => Ok(()),
        };
    }

    /// A list or dialog of the screen's own is open over it: like the
    /// application's dialog, it takes the keys and hides the global ones.
    pub fn has_dialog(&self) -> bool {
        match self {
            Screen::Gestore(g) => g.has_dialog(),
            Screen::Admin(a) => a.has_dialog(),
            Screen::Pai(p) => p.has_dialog(),
            Screen::Agenda(a) => a.has_dialog(),
            _ => false,
        }
    }

    /// Work asked for with [`Cmd::Later`], run after the screen was drawn
    /// (a "lettura in corso" line is on screen while it runs).
    pub fn deferred(&mut self, env: &Env) -> Cmd {
        match self {
            Screen::Admin(a) => a.deferred(env),
            _ => Cmd::None,
        }
    }
}
