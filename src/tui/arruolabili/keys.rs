//! The keys of the arruolabili worklist and its import: one binding a line
//! (context, key, action, label, shown in the footer). Dispatch, the footer
//! and the F1 help read this table.

use crossterm::event::KeyCode;

use crate::tui::arruolabili::strings::Texts;
use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;

fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // The worklist (no text field: still no bare letters).
    row(C::Arruolabili, Key::plain(KeyCode::Enter), A::Open, |l| t(l).arr.k_open, true),
    row(C::Arruolabili, Key::f(9), A::Edit, |l| t(l).arr.k_contact, true),
    row(C::Arruolabili, Key::ctrl('e'), A::Edit, |l| t(l).arr.k_contact, false),
    row(C::Arruolabili, Key::ctrl('p'), A::Print, |l| t(l).arr.k_print, true),
    row(C::Arruolabili, Key::f(8), A::TypeFilter, |l| t(l).arr.k_filter, true),
    row(C::Arruolabili, Key::ctrl('o'), A::Add, |l| t(l).arr.k_import, true),
    row(C::Arruolabili, Key::ctrl('x'), A::Remove, |l| t(l).arr.k_clear, false),
    row(C::Arruolabili, Key::ctrl('t'), A::Preferences, |l| t(l).arr.k_recapiti, false),
    row(C::Arruolabili, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Arruolabili, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Arruolabili, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::Arruolabili, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::Arruolabili, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The file to import.
    row(C::ArruolabiliImport, Key::plain(KeyCode::Enter), A::Open, |l| t(l).arr.k_read, true),
    row(C::ArruolabiliImport, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, true),
    row(C::ArruolabiliImport, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::ArruolabiliImport, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The preview of an import.
    row(C::ArruolabiliPreview, Key::ctrl('s'), A::Save, |l| t(l).arr.k_apply, true),
    row(C::ArruolabiliPreview, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_scroll_down, false),
    row(C::ArruolabiliPreview, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_scroll_up, false),
    row(C::ArruolabiliPreview, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::ArruolabiliPreview, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::ArruolabiliPreview, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).arr.k_cancel, true),
];
