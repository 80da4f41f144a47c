//! The keys of the lookup, the record and the patient form: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // Patient lookup: the search field has the focus, so no bare letters.
    row(C::Lookup, Key::plain(KeyCode::Enter), A::Open, |s| s.patients.k_open, true),
    row(C::Lookup, Key::f(9), A::NewPatient, |s| s.patients.k_new, true),
    row(C::Lookup, Key::ctrl('n'), A::NewPatient, |s| s.patients.k_new, false),
    row(C::Lookup, Key::f(11), A::Admin, |s| s.kit.k_admin, true),
    row(C::Lookup, Key::plain(KeyCode::Up), A::Up, |s| s.kit.k_up, false),
    row(C::Lookup, Key::plain(KeyCode::Down), A::Down, |s| s.kit.k_down, false),
    row(C::Lookup, Key::plain(KeyCode::PageUp), A::PageUp, |s| s.kit.k_page_up, false),
    row(C::Lookup, Key::plain(KeyCode::PageDown), A::PageDown, |s| s.kit.k_page_down, false),
    row(C::Lookup, Key::plain(KeyCode::Esc), A::ClearSearch, |s| s.patients.k_clear, true),
    // Patient record.
    row(C::Record, Key::f(8), A::Edit, |s| s.patients.k_edit, true),
    row(C::Record, Key::ctrl('e'), A::Edit, |s| s.patients.k_edit, false),
    row(C::Record, Key::ctrl('d'), A::MarkDeceased, |s| s.patients.k_deceased, true),
    row(C::Record, Key::ctrl('t'), A::MarkTransferred, |s| s.patients.k_transferred, true),
    row(C::Record, Key::ctrl('r'), A::Reactivate, |s| s.patients.k_reactivate, true),
    row(C::Record, Key::plain(KeyCode::Up), A::Up, |s| s.kit.k_scroll_up, false),
    row(C::Record, Key::plain(KeyCode::Down), A::Down, |s| s.kit.k_scroll_down, false),
    row(C::Record, Key::plain(KeyCode::Esc), A::Back, |s| s.kit.k_back, true),
    // Registration and edit form.
    row(C::Form, Key::ctrl('s'), A::Save, |s| s.kit.k_save, true),
    row(C::Form, Key::plain(KeyCode::Tab), A::NextField, |s| s.kit.k_next_field, true),
    row(C::Form, Key::plain(KeyCode::BackTab), A::PrevField, |s| s.kit.k_prev_field, false),
    row(C::Form, Key::plain(KeyCode::Down), A::Down, |s| s.kit.k_form_down, false),
    row(C::Form, Key::plain(KeyCode::Up), A::Up, |s| s.kit.k_form_up, false),
    row(C::Form, Key::plain(KeyCode::Enter), A::Accept, |s| s.patients.k_accept, true),
    row(C::Form, Key::plain(KeyCode::Esc), A::Leave, |s| s.patients.k_leave, true),
    row(C::Form, Key::f(9), A::ComputeCf, |s| s.patients.k_compute_cf, true),
    row(C::Form, Key::ctrl('g'), A::ComputeCf, |s| s.patients.k_compute_cf, false),
];
