//! The keys of the lookup, the record and the patient form: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;
use crate::tui::patients::strings::Texts;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // Patient lookup: the search field has the focus, so no bare letters.
    row(C::Lookup, Key::plain(KeyCode::Enter), A::Open, |l| t(l).patients.k_open, true),
    row(C::Lookup, Key::f(9), A::NewPatient, |l| t(l).patients.k_new, true),
    row(C::Lookup, Key::ctrl('n'), A::NewPatient, |l| t(l).patients.k_new, false),
    row(C::Lookup, Key::f(11), A::Admin, |l| t(l).kit.k_admin, true),
    row(C::Lookup, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Lookup, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Lookup, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::Lookup, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::Lookup, Key::plain(KeyCode::Esc), A::ClearSearch, |l| t(l).patients.k_clear, true),
    // Patient record.
    row(C::Record, Key::f(8), A::Edit, |l| t(l).patients.k_edit, true),
    row(C::Record, Key::ctrl('e'), A::Edit, |l| t(l).patients.k_edit, false),
    row(C::Record, Key::ctrl('d'), A::MarkDeceased, |l| t(l).patients.k_deceased, true),
    row(C::Record, Key::ctrl('t'), A::MarkTransferred, |l| t(l).patients.k_transferred, true),
    row(C::Record, Key::ctrl('r'), A::Reactivate, |l| t(l).patients.k_reactivate, true),
    row(C::Record, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_scroll_up, false),
    row(C::Record, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_scroll_down, false),
    row(C::Record, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Registration and edit form.
    row(C::Form, Key::ctrl('s'), A::Save, |l| t(l).kit.k_save, true),
    row(C::Form, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, true),
    row(C::Form, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::Form, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_form_down, false),
    row(C::Form, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_form_up, false),
    row(C::Form, Key::plain(KeyCode::Enter), A::Accept, |l| t(l).patients.k_accept, true),
    row(C::Form, Key::plain(KeyCode::Esc), A::Leave, |l| t(l).patients.k_leave, true),
    row(C::Form, Key::f(9), A::ComputeCf, |l| t(l).patients.k_compute_cf, true),
    row(C::Form, Key::ctrl('g'), A::ComputeCf, |l| t(l).patients.k_compute_cf, false),
    row(C::Form, Key::ctrl('p'), A::MarkPrimary, |l| t(l).patients.k_primary, false),
];
