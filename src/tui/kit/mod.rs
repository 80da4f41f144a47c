//! What every feature builds on and that knows no feature: events, fields,
//! formats, the theme, the terminal, dialogs, key tables and language.

pub mod completion;
pub mod dialog;
pub mod event;
pub mod field;
pub mod format;
pub mod keys;
pub mod lang;
pub mod list;
pub mod picker;
pub mod scan;
pub mod screen;
pub mod terminal;
pub mod theme;
