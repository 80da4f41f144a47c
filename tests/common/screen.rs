//! The screen on top of an application's stack, by kind: the stack holds
//! `Box<dyn Screen>`, and tests match on what they expect to see.

use sportello::tui::App;
use sportello::tui::admin::AdminScreen;
use sportello::tui::agenda::AgendaScreen;
use sportello::tui::gestore::GestoreScreen;
use sportello::tui::pai::PaiScreen;
use sportello::tui::patients::form::FormScreen;
use sportello::tui::patients::lookup::LookupScreen;
use sportello::tui::patients::record::RecordScreen;
use sportello::tui::patto::{PattoScreen, PattoTextScreen};
use sportello::tui::richiami::RichiamiScreen;

/// The top screen, downcast to its type.
pub enum Screen<'a> {
    Lookup(&'a LookupScreen),
    Record(&'a RecordScreen),
    Form(&'a FormScreen),
    Patto(&'a PattoScreen),
    PattoText(&'a PattoTextScreen),
    Richiami(&'a RichiamiScreen),
    Gestore(&'a GestoreScreen),
    Admin(&'a AdminScreen),
    Pai(&'a PaiScreen),
    Agenda(&'a AgendaScreen),
    /// A screen of a kind not listed here.
    Other,
}

/// The screen on top of `app`'s stack.
pub fn top(app: &App) -> Screen<'_> {
    let screen = app.screen().as_any();
    if let Some(s) = screen.downcast_ref() {
        return Screen::Lookup(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Record(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Form(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Patto(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::PattoText(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Richiami(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Gestore(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Admin(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Pai(s);
    }
    if let Some(s) = screen.downcast_ref() {
        return Screen::Agenda(s);
    }
    Screen::Other
}
