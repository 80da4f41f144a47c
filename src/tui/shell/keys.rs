//! The keys of the login, help and placeholder screens: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;
use crate::tui::shell::strings::Texts;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // Help.
    row(C::Help, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_scroll_up, false),
    row(C::Help, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_scroll_down, false),
    row(C::Help, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::Help, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::Help, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    row(C::Help, Key::f(11), A::Admin, |l| t(l).kit.k_admin, true),
    // Areas not yet available.
    row(C::Placeholder, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Login, first start, idle lock: text fields only.
    row(C::Login, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).shell.k_login, true),
    row(C::Login, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, true),
    row(C::Login, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::Login, Key::f(10), A::Quit, |l| t(l).kit.k_quit, true),
    row(C::Login, Key::alt('0'), A::Quit, |l| t(l).kit.k_quit, false),
    row(C::Login, Key::ctrl('q'), A::Quit, |l| t(l).kit.k_quit, false),
];
