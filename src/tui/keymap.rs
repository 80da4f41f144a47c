//! The one key table. Dispatch, the footer hints and the help screen all read
//! it, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::strings::Strings;

/// Where a binding applies. `Global` is tried after the screen's own context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Lookup,
    Record,
    Form,
    Help,
    Placeholder,
    Confirm,
    ConfirmDiscard,
    ConfirmQuit,
    DateModal,
}

impl Context {
    /// In the order the help screen lists them.
    pub const ALL: [Context; 10] = [
        Context::Global,
        Context::Lookup,
        Context::Record,
        Context::Form,
        Context::Help,
        Context::Placeholder,
        Context::Confirm,
        Context::ConfirmDiscard,
        Context::ConfirmQuit,
        Context::DateModal,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    // Main areas and quit.
    Help,
    Patients,
    Gestore,
    Patto,
    Pai,
    Agenda,
    Richiami,
    Quit,
    // Lists.
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    NewPatient,
    ClearSearch,
    Back,
    // Record.
    Edit,
    MarkDeceased,
    MarkTransferred,
    Reactivate,
    // Form.
    NextField,
    PrevField,
    Accept,
    Save,
    Leave,
    // Dialogs.
    Confirm,
    Cancel,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn f(n: u8) -> Key {
        Key::plain(KeyCode::F(n))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    pub const fn alt(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::ALT,
        }
    }

    /// Whether a key event is this key. Letters match in either case
    /// (Caps Lock), Shift+Tab matches however the terminal reports it.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut modifiers = event.modifiers;
        let code = match event.code {
            KeyCode::Char(c) if modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        code == self.code && modifiers == self.modifiers
    }

    /// The key as written on the keyboard, in the interface language.
    pub fn name(&self, s: &Strings) -> String {
        let base = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            KeyCode::Enter => s.key_enter.to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => format!("{}+Tab", s.key_shift),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::PageUp => s.key_page_up.to_string(),
            KeyCode::PageDown => s.key_page_down.to_string(),
            KeyCode::Home => s.key_home.to_string(),
            KeyCode::End => s.key_end.to_string(),
            other => format!("{other:?}"),
        };
        let mut name = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("Ctrl+");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            name.push_str("Alt+");
        }
        name.push_str(&base);
        name
    }
}

/// One row of the table: in `context`, `key` does `action`, described by `label`.
/// `hint` rows appear in the footer; every row appears in the help screen.
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    pub label: fn(&Strings) -> &'static str,
    pub hint: bool,
}

const fn row(
    context: Context,
    key: Key,
    action: Action,
    label: fn(&Strings) -> &'static str,
    hint: bool,
) -> Binding {
    Binding {
        context,
        key,
        action,
        label,
        hint,
    }
}

use Action as A;
use Context as C;

pub static BINDINGS: &[Binding] = &[
    // Global: the main areas, each on an F-key and on Alt+digit (F-keys get
    // lost over tmux and ssh).
    row(C::Global, Key::f(1), A::Help, |s| s.k_help, true),
    row(C::Global, Key::alt('1'), A::Help, |s| s.k_help, false),
    row(C::Global, Key::f(2), A::Patients, |s| s.k_patients, true),
    row(
        C::Global,
        Key::alt('2'),
        A::Patients,
        |s| s.k_patients,
        false,
    ),
    row(C::Global, Key::f(3), A::Gestore, |s| s.area_gestore, true),
    row(
        C::Global,
        Key::alt('3'),
        A::Gestore,
        |s| s.area_gestore,
        false,
    ),
    row(C::Global, Key::f(4), A::Patto, |s| s.area_patto, true),
    row(C::Global, Key::alt('4'), A::Patto, |s| s.area_patto, false),
    row(C::Global, Key::f(5), A::Pai, |s| s.area_pai, true),
    row(C::Global, Key::alt('5'), A::Pai, |s| s.area_pai, false),
    row(C::Global, Key::f(6), A::Agenda, |s| s.area_agenda, true),
    row(
        C::Global,
        Key::alt('6'),
        A::Agenda,
        |s| s.area_agenda,
        false,
    ),
    row(C::Global, Key::f(7), A::Richiami, |s| s.area_richiami, true),
    row(
        C::Global,
        Key::alt('7'),
        A::Richiami,
        |s| s.area_richiami,
        false,
    ),
    row(C::Global, Key::f(10), A::Quit, |s| s.k_quit, true),
    row(C::Global, Key::alt('0'), A::Quit, |s| s.k_quit, false),
    row(C::Global, Key::ctrl('q'), A::Quit, |s| s.k_quit, false),
    // Patient lookup: the search field has the focus, so no bare letters.
    row(
        C::Lookup,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.k_open,
        true,
    ),
    row(C::Lookup, Key::f(9), A::NewPatient, |s| s.k_new, true),
    row(C::Lookup, Key::ctrl('n'), A::NewPatient, |s| s.k_new, false),
    row(C::Lookup, Key::plain(KeyCode::Up), A::Up, |s| s.k_up, false),
    row(
        C::Lookup,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.k_down,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.k_page_up,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.k_page_down,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::Esc),
        A::ClearSearch,
        |s| s.k_clear,
        true,
    ),
    // Patient record.
    row(C::Record, Key::f(8), A::Edit, |s| s.k_edit, true),
    row(C::Record, Key::ctrl('e'), A::Edit, |s| s.k_edit, false),
    row(
        C::Record,
        Key::ctrl('d'),
        A::MarkDeceased,
        |s| s.k_deceased,
        true,
    ),
    row(
        C::Record,
        Key::ctrl('t'),
        A::MarkTransferred,
        |s| s.k_transferred,
        true,
    ),
    row(
        C::Record,
        Key::ctrl('r'),
        A::Reactivate,
        |s| s.k_reactivate,
        true,
    ),
    row(
        C::Record,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.k_scroll_up,
        false,
    ),
    row(
        C::Record,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.k_scroll_down,
        false,
    ),
    row(
        C::Record,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.k_back,
        true,
    ),
    // Registration and edit form.
    row(C::Form, Key::ctrl('s'), A::Save, |s| s.k_save, true),
    row(
        C::Form,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.k_next_field,
        true,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.k_prev_field,
        true,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.k_form_down,
        false,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.k_form_up,
        false,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Enter),
        A::Accept,
        |s| s.k_accept,
        true,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Esc),
        A::Leave,
        |s| s.k_leave,
        true,
    ),
    // Help.
    row(
        C::Help,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.k_scroll_up,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.k_scroll_down,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.k_page_up,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.k_page_down,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.k_back,
        true,
    ),
    // Areas not yet available.
    row(
        C::Placeholder,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.k_back,
        true,
    ),
    // A question with yes and no.
    row(
        C::Confirm,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.k_confirm,
        true,
    ),
    row(
        C::Confirm,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.k_cancel,
        true,
    ),
    // Leaving a form with unsaved changes.
    row(
        C::ConfirmDiscard,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.k_discard,
        true,
    ),
    row(
        C::ConfirmDiscard,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.k_keep_editing,
        true,
    ),
    // Quitting with unsaved changes: the quit keys confirm too.
    row(
        C::ConfirmQuit,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.k_discard,
        true,
    ),
    row(
        C::ConfirmQuit,
        Key::f(10),
        A::Confirm,
        |s| s.k_discard,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::alt('0'),
        A::Confirm,
        |s| s.k_discard,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::ctrl('q'),
        A::Confirm,
        |s| s.k_discard,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.k_keep_editing,
        true,
    ),
    // A date (deceased, transferred).
    row(
        C::DateModal,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.k_confirm,
        true,
    ),
    row(
        C::DateModal,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.k_cancel,
        true,
    ),
];

/// The action bound to `event` in `context`, if any.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.key.matches(event))
        .map(|b| b.action)
}

/// The footer hints of a context, in table order.
pub fn hints(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context && b.hint)
}

/// One help line: every key of an action in a context, and its label.
pub struct HelpEntry {
    pub keys: Vec<Key>,
    pub label: fn(&Strings) -> &'static str,
}

/// The bindings of a context grouped by action, in table order.
pub fn help_entries(context: Context) -> Vec<HelpEntry> {
    let mut out: Vec<(Action, HelpEntry)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.context == context) {
        match out.iter_mut().find(|(a, _)| *a == b.action) {
            Some((_, entry)) => entry.keys.push(b.key),
            None => out.push((
                b.action,
                HelpEntry {
                    keys: vec![b.key],
                    label: b.label,
                },
            )),
        }
    }
    out.into_iter().map(|(_, e)| e).collect()
}

/// The first key of an action in a context, for messages ("premere F9").
pub fn first_key(context: Context, action: Action) -> Option<Key> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.action == action)
        .map(|b| b.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn f_keys_and_alt_digits_reach_the_same_action() {
        for (n, digit, action) in [
            (1, '1', A::Help),
            (2, '2', A::Patients),
            (3, '3', A::Gestore),
            (4, '4', A::Patto),
            (5, '5', A::Pai),
            (6, '6', A::Agenda),
            (7, '7', A::Richiami),
            (10, '0', A::Quit),
        ] {
            let f = action_for(C::Global, &ev(KeyCode::F(n), KeyModifiers::NONE));
            let alt = action_for(C::Global, &ev(KeyCode::Char(digit), KeyModifiers::ALT));
            assert_eq!(f, Some(action));
            assert_eq!(alt, Some(action));
        }
        assert_eq!(
            action_for(C::Global, &ev(KeyCode::Char('Q'), KeyModifiers::CONTROL)),
            Some(A::Quit)
        );
    }

    #[test]
    fn no_bare_letters_anywhere() {
        for b in BINDINGS {
            if let KeyCode::Char(_) = b.key.code {
                assert!(
                    b.key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
                    "{:?} in {:?} is a bare letter",
                    b.action,
                    b.context
                );
            }
        }
    }

    #[test]
    fn shift_tab_matches_with_or_without_the_shift_flag() {
        let k = Key::plain(KeyCode::BackTab);
        assert!(k.matches(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(k.matches(&ev(KeyCode::BackTab, KeyModifiers::NONE)));
        assert!(!Key::ctrl('s').matches(&ev(KeyCode::Char('s'), KeyModifiers::NONE)));
    }

    #[test]
    fn every_context_has_a_way_back_or_out() {
        for c in Context::ALL {
            let entries = help_entries(c);
            assert!(!entries.is_empty(), "{c:?} has no keys");
        }
        let s = Strings::for_lang(super::super::strings::Lang::It);
        assert_eq!(Key::alt('1').name(s), "Alt+1");
        assert_eq!(Key::plain(KeyCode::Enter).name(s), "Invio");
        assert_eq!(Key::ctrl('s').name(s), "Ctrl+S");
    }
}
