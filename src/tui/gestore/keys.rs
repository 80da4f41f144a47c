//! The keys of F3, the Gestore: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::gestore::strings::Texts;
use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // F3, the patient's Gestore: the filter field has the focus, so no bare
    // letters.
    row(C::Gestore, Key::plain(KeyCode::Enter), A::Open, |l| t(l).gestori.k_choose, true),
    row(C::Gestore, Key::f(8), A::TypeFilter, |l| t(l).gestori.k_type_filter, true),
    row(C::Gestore, Key::ctrl('t'), A::TypeFilter, |l| t(l).gestori.k_type_filter, false),
    row(C::Gestore, Key::f(9), A::OtherAts, |l| t(l).gestori.k_other_ats, true),
    row(C::Gestore, Key::ctrl('o'), A::OtherAts, |l| t(l).gestori.k_other_ats, false),
    row(C::Gestore, Key::ctrl('x'), A::Revoke, |l| t(l).gestori.k_revoke, true),
    row(C::Gestore, Key::ctrl('r'), A::Revoke, |l| t(l).gestori.k_revoke, false),
    row(C::Gestore, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Gestore, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Gestore, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::Gestore, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::Gestore, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
];
