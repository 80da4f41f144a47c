//! The keys of F7, the recall lists: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;
use crate::tui::richiami::strings::Texts;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // F7, recall lists.
    row(C::Richiami, Key::plain(KeyCode::Enter), A::Open, |l| t(l).richiami.k_open_patto, true),
    row(C::Richiami, Key::f(8), A::Range, |l| t(l).richiami.k_range, true),
    row(C::Richiami, Key::ctrl('r'), A::RenewAll, |l| t(l).richiami.k_renew_all, true),
    row(C::Richiami, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).richiami.k_section, true),
    row(C::Richiami, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).richiami.k_section, false),
    row(C::Richiami, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Richiami, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Richiami, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::Richiami, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::Richiami, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    row(C::Richiami, Key::f(9), A::GoTo, |l| t(l).richiami.k_arruolabili, true),
    // F7, the PAI recall lists.
    row(C::RichiamiPai, Key::plain(KeyCode::Enter), A::Open, |l| t(l).richiami.k_plan_patient, true),
    row(C::RichiamiPai, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).richiami.k_section, true),
    row(C::RichiamiPai, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).richiami.k_section, false),
    row(C::RichiamiPai, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::RichiamiPai, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::RichiamiPai, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::RichiamiPai, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::RichiamiPai, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    row(C::RichiamiPai, Key::f(9), A::GoTo, |l| t(l).richiami.k_arruolabili, true),
    // F7, adherence to the PAI.
    row(C::RichiamiAderenza, Key::plain(KeyCode::Enter), A::Open, |l| t(l).richiami.k_open_record, true),
    row(C::RichiamiAderenza, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).richiami.k_section, true),
    row(C::RichiamiAderenza, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).richiami.k_section, false),
    row(C::RichiamiAderenza, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::RichiamiAderenza, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::RichiamiAderenza, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::RichiamiAderenza, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::RichiamiAderenza, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    row(C::RichiamiAderenza, Key::f(9), A::GoTo, |l| t(l).richiami.k_arruolabili, true),
    // F7, the prescriptions to issue.
    row(C::RichiamiRicette, Key::plain(KeyCode::Char(' ')), A::Toggle, |l| t(l).richiami.k_ricetta, true),
    row(C::RichiamiRicette, Key::ctrl('l'), A::MarkLot, |l| t(l).richiami.k_mark_lot, true),
    row(C::RichiamiRicette, Key::f(8), A::Range, |l| t(l).richiami.k_lotto, true),
    row(C::RichiamiRicette, Key::ctrl('t'), A::ShowAll, |l| t(l).richiami.k_show_all, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::Enter), A::Open, |l| t(l).richiami.k_open_record, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).richiami.k_section, true),
    row(C::RichiamiRicette, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).richiami.k_section, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::RichiamiRicette, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    row(C::RichiamiRicette, Key::f(9), A::GoTo, |l| t(l).richiami.k_arruolabili, true),
    // F7, the prese to move to the MMG's Gestore.
    row(C::RichiamiTrasferire, Key::plain(KeyCode::Enter), A::Open, |l| t(l).richiami.k_choose_gestore, true),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).richiami.k_section, true),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).richiami.k_section, false),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::RichiamiTrasferire, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    row(C::RichiamiTrasferire, Key::f(9), A::GoTo, |l| t(l).richiami.k_arruolabili, true),
];
