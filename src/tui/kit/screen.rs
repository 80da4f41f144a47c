//! What a screen is to the application: the [`Screen`] trait every feature's
//! screens implement, the [`Env`] they act and draw in, and the [`Cmd`]s
//! they return for the application to carry out. The kit knows no feature:
//! a screen that opens another feature's screen asks for it with
//! [`Cmd::Open`], and the application (which knows every feature) builds it.

use std::any::Any;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use tui_input::Input;

use crate::domain::PatientId;
use crate::service::{Area as DataArea, Desk};
use crate::tui::kit::dialog::{Modal, Nav};
use crate::tui::kit::keys::{Action, Binding, Context};
use crate::tui::kit::lang::{KitStrings, Lang};
use crate::tui::kit::theme::Theme;

/// What screens need to act and draw.
pub struct Env<'a> {
    pub desk: &'a Desk,
    /// The operator's language: a feature reads its own texts in it
    /// (`Texts::of(env)`).
    pub lang: Lang,
    /// The kit's texts in that language.
    pub kit: &'static KitStrings,
    pub theme: &'a Theme,
    pub today: NaiveDate,
    /// Every key table (the kit's and each feature's), for a message that
    /// names a key of another screen.
    pub keys: &'static [&'static [Binding]],
}

impl<'a> Env<'a> {
    /// The environment of one event or frame.
    pub fn new(
        desk: &'a Desk,
        lang: Lang,
        theme: &'a Theme,
        keys: &'static [&'static [Binding]],
    ) -> Env<'a> {
        Env {
            desk,
            lang,
            kit: KitStrings::for_lang(lang),
            theme,
            today: desk.today(),
            keys,
        }
    }

    /// The first key of `action` in `context`, in any table, as written in
    /// messages ("" if none).
    pub fn key_name(&self, context: Context, action: Action) -> String {
        self.keys
            .iter()
            .flat_map(|t| t.iter())
            .find(|b| b.context == context && b.action == action)
            .map(|b| b.key.name(self.kit))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Warning,
    Error,
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            kind: StatusKind::Info,
            text: text.into(),
        }
    }
    pub fn success(text: impl Into<String>) -> Status {
        Status {
            kind: StatusKind::Success,
            text: text.into(),
        }
    }
    pub fn warning(text: impl Into<String>) -> Status {
        Status {
            kind: StatusKind::Warning,
            text: text.into(),
        }
    }
    pub fn error(text: impl Into<String>) -> Status {
        Status {
            kind: StatusKind::Error,
            text: text.into(),
        }
    }
}

/// A screen of another feature that a screen asks the application to open
/// over it (a feature never builds another feature's screen itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// The Patto di Cura screen (F4) of a patient.
    Patto(PatientId),
    /// The agenda of today with the planning of the patient's PAI open
    /// (from the recall lists).
    AgendaPlanning((PatientId, String)),
    /// The worklist of arruolabili (from the recall lists).
    Arruolabili,
    /// The Gestore screen (F3) of a patient (from the recall lists).
    Gestore(PatientId),
}

/// What a screen asks the application to do.
pub enum Cmd {
    /// Key taken, nothing visible changed.
    None,
    Redraw,
    Status(Status),
    OpenRecord(PatientId),
    /// Registration, with a codice fiscale typed in the search.
    NewPatient(Option<String>),
    EditPatient(Box<crate::domain::Patient>),
    Back,
    /// A dialog over the screen (boxed: dialogs are large).
    Modal(Box<Modal>),
    /// The top form saved patient `id`.
    Saved {
        id: PatientId,
        message: String,
    },
    /// The codice fiscale of a new patient is already registered.
    ShowExisting {
        id: PatientId,
        message: String,
    },
    RefreshLookups,
    Many(Vec<Cmd>),
    /// Opens a screen of the same feature over the current one.
    Push(Box<dyn Screen>),
    /// Opens a screen of another feature over the current one.
    Open(Open),
    /// Run the top screen's deferred work after the next draw (a status
    /// such as "lettura in corso" is on screen meanwhile).
    Later,
    /// The unsaved-changes question was answered "scarta": close the changed
    /// screens, then go on to `Nav`.
    Discard(Nav),
    /// It was answered "salva": save as the screen's own key does, then go on.
    SaveAndGo(Nav),
    /// It was answered "resta": back to the changed screen.
    Stay,
}

impl Cmd {
    /// Opens `modal` over the screen.
    pub fn modal(modal: Modal) -> Cmd {
        Cmd::Modal(Box::new(modal))
    }

    /// Opens `screen` over the current one.
    pub fn push(screen: impl Screen) -> Cmd {
        Cmd::Push(Box::new(screen))
    }
}

/// A screen of the stack: which keymap context it uses, which text field has
/// the focus, what its actions do, and how it is drawn. Only `keys`,
/// `context`, `title`, `action`, `draw` and the two `as_any` are required;
/// the rest say "nothing of that here".
pub trait Screen: Any {
    /// The feature's key table (its contexts' bindings; the kit's global
    /// and dialog keys are looked at after it).
    fn keys(&self) -> &'static [Binding];

    /// The keymap context of the keys it takes now.
    fn context(&self) -> Context;

    /// The title in the header.
    fn title(&self, env: &Env) -> String;

    /// Runs an action of the screen's context; `None` lets it go on to the
    /// global keys.
    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd>;

    /// Draws the body. `focused` is false while a dialog is open.
    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool);

    /// The text field that gets typed keys and pasted text.
    fn focused_input(&mut self) -> Option<&mut Input> {
        None
    }

    /// A letter typed with no text field focused and no key of its own:
    /// on a focused choice (◀ option ▶), the option it starts. `None` when
    /// the screen has nothing to do with it.
    fn typed(&mut self, _c: char, _env: &Env) -> Option<Cmd> {
        None
    }

    /// Called after the focused field's value changed.
    fn input_changed(&mut self, _env: &Env) -> Cmd {
        Cmd::Redraw
    }

    /// Unsaved changes would be lost by leaving this screen.
    fn is_dirty(&self) -> bool {
        false
    }

    /// Saves what [`Screen::is_dirty`] would lose, as the screen's own save
    /// key does: a form stays, with its errors, when that fails.
    fn save_changes(&mut self, _env: &Env) -> Cmd {
        Cmd::None
    }

    /// The patient this screen is about, with their name.
    fn patient(&self) -> Option<(PatientId, String)> {
        None
    }

    /// The patient whose screen this is (a record, a form, the Gestore,
    /// Patto or PAI, the agenda opened for them); `None` for the screens of
    /// everybody (lookup, recall lists, help, Amministrazione).
    fn owner(&self) -> Option<PatientId> {
        None
    }

    /// The screen is on top again (the one above it was closed): screens
    /// that show stored data read it again.
    fn resumed(&mut self, _desk: &Desk) -> Result<(), crate::service::DeskError> {
        Ok(())
    }

    /// The stored data this screen shows: when another desk writes in one
    /// of these areas the screen is refreshed ([`Screen::refresh`]). Screens
    /// of a form being edited list none: what is typed stays as typed.
    fn areas(&self) -> &'static [DataArea] {
        &[]
    }

    /// Reads the data of [`Screen::areas`] again after another desk wrote,
    /// keeping what the operator is doing: the selection (by id), the
    /// scroll, typed filters and queries, an open list or dialog, a plan
    /// being edited. A read that fails leaves what was shown.
    fn refresh(&mut self, _env: &Env) {}

    /// A list or dialog of the screen's own is open over it: like the
    /// application's dialog, it takes the keys and hides the global ones.
    fn has_dialog(&self) -> bool {
        false
    }

    /// Work asked for with [`Cmd::Later`], run after the screen was drawn
    /// (a "lettura in corso" line is on screen while it runs).
    fn deferred(&mut self, _env: &Env) -> Cmd {
        Cmd::None
    }

    /// The screen as `Any`, for the application and tests that need its
    /// concrete type.
    fn as_any(&self) -> &dyn Any;

    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl dyn Screen {
    /// The screen as a `T`, if it is one.
    pub fn downcast_ref<T: Screen>(&self) -> Option<&T> {
        self.as_any().downcast_ref()
    }

    pub fn downcast_mut<T: Screen>(&mut self) -> Option<&mut T> {
        self.as_any_mut().downcast_mut()
    }

    pub fn is<T: Screen>(&self) -> bool {
        self.as_any().is::<T>()
    }
}

/// Implements [`Screen::as_any`] and [`Screen::as_any_mut`].
#[macro_export]
macro_rules! screen_any {
    () => {
        fn as_any(&self) -> &dyn ::std::any::Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn ::std::any::Any {
            self
        }
    };
}
