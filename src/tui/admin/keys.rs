//! The keys of F11, Amministrazione: one binding a line (context, key, action,
//! label, shown in the footer). Dispatch, the footer and the F1 help read
//! this table through the screens' [`keys`](crate::tui::kit::screen::Screen::keys).

use crossterm::event::KeyCode;

use crate::tui::admin::strings::Texts;
use crate::tui::kit::keys::{Action as A, Binding, Context as C, Key, row};
use crate::tui::kit::lang::Lang;

/// The feature's texts in `lang`, for the labels below.
fn t(lang: Lang) -> &'static Texts {
    Texts::for_lang(lang)
}

#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // F11, Amministrazione: the menu.
    row(C::Admin, Key::plain(KeyCode::Enter), A::Open, |l| t(l).admin.k_open_section, true),
    row(C::Admin, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::Admin, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::Admin, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Importing a list: text fields, so no bare letters.
    row(C::AdminImport, Key::plain(KeyCode::Enter), A::Open, |l| t(l).admin.k_read_file, true),
    row(C::AdminImport, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).admin.k_complete, true),
    row(C::AdminImport, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::AdminImport, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_next_field, false),
    row(C::AdminImport, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_prev_field, false),
    row(C::AdminImport, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The preview of an import: nothing written until Ctrl+S.
    row(C::AdminPreview, Key::ctrl('s'), A::Save, |l| t(l).admin.k_import, true),
    row(C::AdminPreview, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_scroll_down, false),
    row(C::AdminPreview, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_scroll_up, false),
    row(C::AdminPreview, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::AdminPreview, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::AdminPreview, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).admin.k_cancel_import, true),
    // The log of imports.
    row(C::AdminHistory, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminHistory, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminHistory, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::AdminHistory, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::AdminHistory, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The practice set-up: text fields, so no bare letters; Space is typed in
    // a field and switches a focused channel.
    row(C::AdminStudio, Key::ctrl('s'), A::Save, |l| t(l).kit.k_save, true),
    row(C::AdminStudio, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, false),
    row(C::AdminStudio, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::AdminStudio, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_form_down, false),
    row(C::AdminStudio, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_form_up, false),
    row(C::AdminStudio, Key::plain(KeyCode::Enter), A::Accept, |l| t(l).admin.k_studio_enter, true),
    row(C::AdminStudio, Key::plain(KeyCode::Char(' ')), A::Toggle, |l| t(l).admin.k_toggle_channel, false),
    row(C::AdminStudio, Key::ctrl('d'), A::Remove, |l| t(l).admin.k_remove_mmg, true),
    row(C::AdminStudio, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The primary pathologies per ATS: text fields, so no bare letters.
    row(C::AdminPrimarie, Key::ctrl('s'), A::Save, |l| t(l).admin.k_primarie_save, true),
    row(C::AdminPrimarie, Key::plain(KeyCode::Enter), A::Open, |l| t(l).admin.k_primarie_enter, true),
    row(C::AdminPrimarie, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, true),
    row(C::AdminPrimarie, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::AdminPrimarie, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminPrimarie, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminPrimarie, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The stored list of Gestori: the filter field has the focus.
    row(C::AdminGestori, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminGestori, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminGestori, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::AdminGestori, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::AdminGestori, Key::plain(KeyCode::Enter), A::Open, |l| t(l).admin.k_detail, true),
    row(C::AdminGestori, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // One Gestore in full: the previous and next of the list, Esc to it.
    row(C::AdminGestoreDetail, Key::plain(KeyCode::Up), A::Up, |l| t(l).admin.k_previous, true),
    row(C::AdminGestoreDetail, Key::plain(KeyCode::Down), A::Down, |l| t(l).admin.k_next, true),
    row(C::AdminGestoreDetail, Key::plain(KeyCode::Esc), A::Back, |l| t(l).admin.k_to_list, true),
    // The agenda's resources: two lists, no text field.
    row(C::AdminRisorse, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminRisorse, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminRisorse, Key::ctrl('n'), A::Add, |l| t(l).agenda_admin.k_new, true),
    row(C::AdminRisorse, Key::plain(KeyCode::Enter), A::Open, |l| t(l).agenda_admin.k_edit, true),
    row(C::AdminRisorse, Key::ctrl('d'), A::Remove, |l| t(l).agenda_admin.k_remove, true),
    row(C::AdminRisorse, Key::ctrl('w'), A::CopyWeek, |l| t(l).agenda_admin.k_copy_week, false),
    row(C::AdminRisorse, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).agenda_admin.k_switch, true),
    row(C::AdminRisorse, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).agenda_admin.k_switch, false),
    row(C::AdminRisorse, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The closures.
    row(C::AdminChiusure, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminChiusure, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminChiusure, Key::ctrl('n'), A::Add, |l| t(l).agenda_admin.k_new, true),
    row(C::AdminChiusure, Key::ctrl('d'), A::Remove, |l| t(l).agenda_admin.k_remove, true),
    row(C::AdminChiusure, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // The appointments outside availability.
    row(C::AdminFuori, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminFuori, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminFuori, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).kit.k_page_up, false),
    row(C::AdminFuori, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).kit.k_page_down, false),
    row(C::AdminFuori, Key::plain(KeyCode::Enter), A::Open, |l| t(l).agenda_admin.k_move, true),
    row(C::AdminFuori, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Amministrazione, the operators (a list, no text field).
    row(C::AdminOperators, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminOperators, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminOperators, Key::plain(KeyCode::Insert), A::Add, |l| t(l).access.k_add, true),
    row(C::AdminOperators, Key::ctrl('n'), A::Add, |l| t(l).access.k_add, false),
    row(C::AdminOperators, Key::plain(KeyCode::Enter), A::Edit, |l| t(l).access.k_role, true),
    row(C::AdminOperators, Key::ctrl('d'), A::Remove, |l| t(l).access.k_toggle_active, true),
    row(C::AdminOperators, Key::ctrl('r'), A::Password, |l| t(l).access.k_password, true),
    row(C::AdminOperators, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // Amministrazione, the access log: filter fields over a list.
    row(C::AdminAudit, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).access.k_search, true),
    row(C::AdminAudit, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).kit.k_next_field, false),
    row(C::AdminAudit, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).kit.k_prev_field, false),
    row(C::AdminAudit, Key::plain(KeyCode::Up), A::Up, |l| t(l).kit.k_up, false),
    row(C::AdminAudit, Key::plain(KeyCode::Down), A::Down, |l| t(l).kit.k_down, false),
    row(C::AdminAudit, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).access.k_older, true),
    row(C::AdminAudit, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).access.k_newer, true),
    row(C::AdminAudit, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
    // A backup or a check now, from any desk.
    row(C::AdminArchivio, Key::plain(KeyCode::Enter), A::Accept, |l| t(l).access.k_backup_now, true),
    row(C::AdminArchivio, Key::ctrl('t'), A::CheckStore, |l| t(l).access.k_check_store, true),
    row(C::AdminArchivio, Key::plain(KeyCode::Esc), A::Back, |l| t(l).kit.k_back, true),
];
