//! The keys of F4, the Patto di Cura: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;
use crate::tui::patto::strings::Texts;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // F4, the patient's Patti di Cura (no text field: still no bare letters).
    row(C::Patto, Key::plain(KeyCode::Enter), A::Open, |l| t(l).patto.k_open, true),
    row(C::Patto, Key::f(9), A::Prepare, |l| t(l).patto.k_prepare, true),
    row(C::Patto, Key::ctrl('n'), A::Prepare, |l| t(l).patto.k_prepare, false),
    row(C::Patto, Key::ctrl('r'), A::Renew, |l| t(l).patto.k_renew, true),
    row(C::Patto, Key::ctrl('p'), A::Print, |l| t(l).patto.k_print, true),
    row(C::Patto, Key::ctrl('x'), A::Revoke, |l| t(l).patto.k_revoke, true),
    row(C::Patto, Key::f(8), A::Edit, |l| t(l).patto.k_edit_patient, false),
    row(C::Patto, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Patto, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Patto, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // After Esc: on a narrow footer Esc stays and this one goes (F1 lists it).
    row(C::Patto, Key::ctrl('k'), A::CorrectCm, |l| t(l).patto.k_correct_cm, true),
    // Reading and signing a bozza: text fields, so no bare letters; Space is
    // typed in a field and toggles a focused checkbox.
    row(C::PattoBozza, Key::ctrl('s'), A::Sign, |l| t(l).patto.k_sign, true),
    row(C::PattoBozza, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, true),
    row(C::PattoBozza, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::PattoBozza, Key::plain(KeyCode::Char(' ')), A::Toggle, |l| t(l).patto.k_toggle, true),
    // ← → change the signer; in a text field they move the cursor first.
    row(C::PattoBozza, Key::plain(KeyCode::Right), A::NextOption, |l| t(l).kit.k_choice, false),
    row(C::PattoBozza, Key::plain(KeyCode::Left), A::PrevOption, |l| t(l).kit.k_choice_back, false),
    row(C::PattoBozza, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).patto.k_text_down, true),
    row(C::PattoBozza, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).patto.k_text_up, false),
    row(C::PattoBozza, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_scroll_down, false),
    row(C::PattoBozza, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_scroll_up, false),
    row(C::PattoBozza, Key::plain(KeyCode::Home), A::Home, |l| t(l).patto.k_text_home, false),
    row(C::PattoBozza, Key::plain(KeyCode::End), A::End, |l| t(l).patto.k_text_end, false),
    row(C::PattoBozza, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Reading a signed Patto.
    row(C::PattoTesto, Key::ctrl('p'), A::Print, |l| t(l).patto.k_print, true),
    row(C::PattoTesto, Key::ctrl('k'), A::CorrectCm, |l| t(l).patto.k_correct_cm, true),
    row(C::PattoTesto, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).patto.k_text_down, true),
    row(C::PattoTesto, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).patto.k_text_up, false),
    row(C::PattoTesto, Key::plain(KeyCode::Char(' ')), A::PageDown, |l| t(l).patto.k_text_down, false),
    row(C::PattoTesto, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_scroll_down, false),
    row(C::PattoTesto, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_scroll_up, false),
    row(C::PattoTesto, Key::plain(KeyCode::Home), A::Home, |l| t(l).patto.k_text_home, false),
    row(C::PattoTesto, Key::plain(KeyCode::End), A::End, |l| t(l).patto.k_text_end, false),
    row(C::PattoTesto, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
];
