//! The keys of F6, the agenda: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::agenda::strings::Texts;
use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // F6, the agenda: the day list (no text field, still no bare letters).
    row(C::Agenda, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).agenda.k_prev_day, false),
    row(C::Agenda, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).agenda.k_next_day, false),
    row(C::Agenda, Key::plain(KeyCode::Home), A::Home, |l| t(l).agenda.k_today, false),
    row(C::Agenda, Key::ctrl('w'), A::Week, |l| t(l).agenda.k_week, false),
    row(C::Agenda, Key::ctrl('g'), A::GoTo, |l| t(l).agenda.k_goto, false),
    row(C::Agenda, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).agenda.k_resource, false),
    row(C::Agenda, Key::ctrl('e'), A::MarkDone, |l| t(l).agenda.k_done, true),
    row(C::Agenda, Key::ctrl('n'), A::MarkNoShow, |l| t(l).agenda.k_no_show, true),
    row(C::Agenda, Key::ctrl('r'), A::MarkBooked, |l| t(l).agenda.k_booked, false),
    row(C::Agenda, Key::ctrl('x'), A::Revoke, |l| t(l).agenda.k_cancel, true),
    row(C::Agenda, Key::f(8), A::Edit, |l| t(l).agenda.k_move, true),
    row(C::Agenda, Key::ctrl('t'), A::Edit, |l| t(l).agenda.k_move, false),
    row(C::Agenda, Key::ctrl('p'), A::Print, |l| t(l).agenda.k_print, false),
    row(C::Agenda, Key::f(9), A::Plan, |l| t(l).agenda.k_plan, false),
    row(C::Agenda, Key::ctrl('k'), A::Plan, |l| t(l).agenda.k_plan, false),
    row(C::Agenda, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Agenda, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Agenda, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // F6, the planner's proposals for the patient's PAI.
    row(C::AgendaPlan, Key::plain(KeyCode::Char(' ')), A::Toggle, |l| t(l).agenda.k_tick, true),
    row(C::AgendaPlan, Key::ctrl('s'), A::Save, |l| t(l).agenda.k_book, true),
    row(C::AgendaPlan, Key::f(8), A::Preferences, |l| t(l).agenda.k_prefs, true),
    row(C::AgendaPlan, Key::ctrl('f'), A::Preferences, |l| t(l).agenda.k_prefs, false),
    row(C::AgendaPlan, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AgendaPlan, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AgendaPlan, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // F6, the week of a resource (Monday to Saturday).
    row(C::AgendaWeek, Key::plain(KeyCode::Enter), A::Open, |l| t(l).agenda.k_open_day, true),
    row(C::AgendaWeek, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).agenda.k_prev_week, false),
    row(C::AgendaWeek, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).agenda.k_next_week, false),
    row(C::AgendaWeek, Key::plain(KeyCode::Home), A::Home, |l| t(l).agenda.k_today, false),
    row(C::AgendaWeek, Key::ctrl('w'), A::Week, |l| t(l).agenda.k_week, false),
    row(C::AgendaWeek, Key::ctrl('g'), A::GoTo, |l| t(l).agenda.k_goto, false),
    row(C::AgendaWeek, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).agenda.k_resource, false),
    row(C::AgendaWeek, Key::ctrl('e'), A::MarkDone, |l| t(l).agenda.k_done, true),
    row(C::AgendaWeek, Key::ctrl('n'), A::MarkNoShow, |l| t(l).agenda.k_no_show, true),
    row(C::AgendaWeek, Key::ctrl('r'), A::MarkBooked, |l| t(l).agenda.k_booked, false),
    row(C::AgendaWeek, Key::ctrl('x'), A::Revoke, |l| t(l).agenda.k_cancel, false),
    row(C::AgendaWeek, Key::f(8), A::Edit, |l| t(l).agenda.k_move, true),
    row(C::AgendaWeek, Key::plain(KeyCode::Left), A::DayBefore, |l| t(l).agenda.k_day_before, false),
    row(C::AgendaWeek, Key::plain(KeyCode::Right), A::DayAfter, |l| t(l).agenda.k_day_after, false),
    row(C::AgendaWeek, Key::ctrl('t'), A::Edit, |l| t(l).agenda.k_move, false),
    row(C::AgendaWeek, Key::f(9), A::Plan, |l| t(l).agenda.k_plan, false),
    row(C::AgendaWeek, Key::ctrl('k'), A::Plan, |l| t(l).agenda.k_plan, false),
    row(C::AgendaWeek, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AgendaWeek, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AgendaWeek, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
];
