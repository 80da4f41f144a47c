//! The keys of F5, the PAI: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;
use crate::tui::pai::strings::Texts;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // F5, the PAI: no plan yet (or no patient, Gestore or pathology).
    row(C::Pai, Key::f(9), A::Prepare, |l| t(l).pai.k_new_pai, true),
    row(C::Pai, Key::ctrl('n'), A::Prepare, |l| t(l).pai.k_new_pai, false),
    row(C::Pai, Key::f(8), A::Edit, |l| t(l).pai.k_edit_patient, true),
    row(C::Pai, Key::ctrl('e'), A::Edit, |l| t(l).pai.k_edit_patient, false),
    row(C::Pai, Key::ctrl('v'), A::Versions, |l| t(l).pai.k_versions, true),
    row(C::Pai, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The PAI as a bozza: no text field on the screen, the row dialog has
    // its own (FormModal).
    row(C::PaiBozza, Key::plain(KeyCode::Insert), A::Add, |l| t(l).pai.k_add, true),
    row(C::PaiBozza, Key::f(9), A::Add, |l| t(l).pai.k_add, false),
    row(C::PaiBozza, Key::ctrl('n'), A::Add, |l| t(l).pai.k_add, false),
    row(C::PaiBozza, Key::plain(KeyCode::Enter), A::Edit, |l| t(l).pai.k_edit, false),
    row(C::PaiBozza, Key::f(8), A::Edit, |l| t(l).pai.k_edit, false),
    row(C::PaiBozza, Key::plain(KeyCode::Delete), A::Remove, |l| t(l).pai.k_remove, true),
    row(C::PaiBozza, Key::ctrl('d'), A::Remove, |l| t(l).pai.k_remove, false),
    row(C::PaiBozza, Key::ctrl('s'), A::Save, |l| t(l).pai.k_save, true),
    row(C::PaiBozza, Key::ctrl('o'), A::Share, |l| t(l).pai.k_share, true),
    row(C::PaiBozza, Key::ctrl('p'), A::Print, |l| t(l).pai.k_export, false),
    row(C::PaiBozza, Key::ctrl('v'), A::Versions, |l| t(l).pai.k_versions, false),
    row(C::PaiBozza, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).pai.k_next_section, false),
    row(C::PaiBozza, Key::plain(KeyCode::Right), A::NextField, |l| t(l).pai.k_next_section, false),
    row(C::PaiBozza, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).pai.k_prev_section, false),
    row(C::PaiBozza, Key::plain(KeyCode::Left), A::PrevField, |l| t(l).pai.k_prev_section, false),
    row(C::PaiBozza, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::PaiBozza, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::PaiBozza, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::PaiBozza, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::PaiBozza, Key::plain(KeyCode::Home), A::Home, |l| t(l).pai.k_home, false),
    row(C::PaiBozza, Key::plain(KeyCode::End), A::End, |l| t(l).pai.k_end, false),
    row(C::PaiBozza, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // A shared or concluded PAI, or an earlier version: read-only; the edit
    // keys say how to change it.
    row(C::PaiLettura, Key::f(9), A::Renew, |l| t(l).pai.k_new_version, true),
    row(C::PaiLettura, Key::ctrl('n'), A::Renew, |l| t(l).pai.k_new_version, false),
    row(C::PaiLettura, Key::ctrl('p'), A::Print, |l| t(l).pai.k_export, true),
    row(C::PaiLettura, Key::ctrl('v'), A::Versions, |l| t(l).pai.k_versions, true),
    row(C::PaiLettura, Key::ctrl('u'), A::Publish, |l| t(l).pai.k_publish, false),
    row(C::PaiLettura, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).pai.k_next_section, false),
    row(C::PaiLettura, Key::plain(KeyCode::Right), A::NextField, |l| t(l).pai.k_next_section, false),
    row(C::PaiLettura, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).pai.k_prev_section, false),
    row(C::PaiLettura, Key::plain(KeyCode::Left), A::PrevField, |l| t(l).pai.k_prev_section, false),
    row(C::PaiLettura, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::PaiLettura, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::PaiLettura, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::PaiLettura, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::PaiLettura, Key::plain(KeyCode::Home), A::Home, |l| t(l).pai.k_home, false),
    row(C::PaiLettura, Key::plain(KeyCode::End), A::End, |l| t(l).pai.k_end, false),
    row(C::PaiLettura, Key::plain(KeyCode::Insert), A::Add, |l| t(l).pai.k_add, false),
    row(C::PaiLettura, Key::plain(KeyCode::Enter), A::Edit, |l| t(l).pai.k_edit, false),
    row(C::PaiLettura, Key::plain(KeyCode::Delete), A::Remove, |l| t(l).pai.k_remove, false),
    row(C::PaiLettura, Key::ctrl('s'), A::Save, |l| t(l).pai.k_save, false),
    row(C::PaiLettura, Key::ctrl('o'), A::Share, |l| t(l).pai.k_share, false),
    row(C::PaiLettura, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Ticking the services whose results are needed first.
    row(C::PaiDopo, Key::plain(KeyCode::Char(' ')), A::Toggle, |l| t(l).pai.k_tick, true),
    row(C::PaiDopo, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).pai.k_done, true),
    row(C::PaiDopo, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::PaiDopo, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::PaiDopo, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::PaiDopo, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::PaiDopo, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).kit.k_cancel, true),
];
