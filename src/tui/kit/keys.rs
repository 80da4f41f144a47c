//! Key tables: one binding a line, the kit's own here (global keys,
//! dialogs) and one per feature (`<feature>/keys.rs`). Dispatch, the footer
//! hints and the help screen all read them, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::kit::lang::{KitStrings, Lang, Language};

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
    /// F4: the patient's Patti di Cura.
    Patto,
    /// Reading and signing a bozza.
    PattoBozza,
    /// Reading a signed Patto.
    PattoTesto,
    /// F7: recall lists.
    Richiami,
    /// A dialog with several text fields.
    FormModal,
    /// A dialog with several fields, some of them choices.
    ChoiceModal,
    /// F3: the Gestore of the current patient.
    Gestore,
    /// A small list to pick from (the ATS of a list, an MMG's adesione).
    Picker,
    /// F11: the Amministrazione menu and its sections.
    Admin,
    AdminImport,
    AdminPreview,
    AdminHistory,
    AdminStudio,
    AdminGestori,
    /// One stored Gestore in full, opened from the list.
    AdminGestoreDetail,
    /// The agenda's resources and their time ranges.
    AdminRisorse,
    /// The closures of the practice and of its resources.
    AdminChiusure,
    /// The appointments outside availability, to move.
    AdminFuori,
    /// F5: the PAI, with no plan yet.
    Pai,
    /// F5: the PAI as a bozza.
    PaiBozza,
    /// F5: a shared or concluded PAI, or an earlier version.
    PaiLettura,
    /// F5: ticking the services needed first.
    PaiDopo,
    /// F6: the day list of the agenda.
    Agenda,
    /// F6: the proposals of the planner for the patient's PAI.
    AgendaPlan,
    /// Login, first start and the idle lock.
    Login,
    /// Amministrazione: the operators.
    AdminOperators,
    /// Amministrazione: the access log.
    AdminAudit,
    /// Amministrazione: the primary pathologies each ATS allows.
    AdminPrimarie,
    /// Amministrazione: a backup or a check of the store, now.
    AdminArchivio,
    /// F6: the week of a resource.
    AgendaWeek,
    /// F7: PAI services to book and missed appointments to rebook.
    RichiamiPai,
    /// F7: adherence to the PAI, per patient.
    RichiamiAderenza,
    /// F7 › Arruolabili: the worklist of the ATS list.
    Arruolabili,
    /// Arruolabili: the file to import.
    ArruolabiliImport,
    /// Arruolabili: the preview of an import.
    ArruolabiliPreview,
    /// F7: the prescriptions (ricette) to issue, by lot.
    RichiamiRicette,
    /// F7: prese with an earlier-model Gestore whose MMG now adheres.
    RichiamiTrasferire,
}

impl Context {
    /// In the order the help screen lists them.
    pub const ALL: [Context; 44] = [
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
        Context::Patto,
        Context::PattoBozza,
        Context::PattoTesto,
        Context::Richiami,
        Context::FormModal,
        Context::ChoiceModal,
        Context::Gestore,
        Context::Picker,
        Context::Admin,
        Context::AdminImport,
        Context::AdminPreview,
        Context::AdminHistory,
        Context::AdminStudio,
        Context::AdminGestori,
        Context::AdminGestoreDetail,
        Context::AdminRisorse,
        Context::AdminChiusure,
        Context::AdminFuori,
        Context::Pai,
        Context::PaiBozza,
        Context::PaiLettura,
        Context::PaiDopo,
        Context::Agenda,
        Context::AgendaWeek,
        Context::AgendaPlan,
        Context::Login,
        Context::AdminOperators,
        Context::AdminPrimarie,
        Context::AdminAudit,
        Context::AdminArchivio,
        Context::RichiamiPai,
        Context::RichiamiAderenza,
        Context::RichiamiRicette,
        Context::RichiamiTrasferire,
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
    /// The patient form: marks the pathology under the cursor as primary.
    MarkPrimary,
    MarkTransferred,
    Reactivate,
    // Form.
    NextField,
    PrevField,
    Accept,
    Save,
    /// Computes the codice fiscale from the personal data.
    ComputeCf,
    /// Amministrazione › Archivio: checks the store now.
    CheckStore,
    Leave,
    // Dialogs.
    Confirm,
    Cancel,
    // Patto di Cura and recall lists.
    Home,
    End,
    /// Space: the focused checkbox or choice.
    Toggle,
    /// → on a choice (◀ option ▶): the next option, as Space.
    NextOption,
    /// ← on a choice: the option before.
    PrevOption,
    Prepare,
    Renew,
    Print,
    Revoke,
    Sign,
    /// Corrects the Clinical Manager of a signed Patto (with a reason).
    CorrectCm,
    /// The time window of a recall list.
    Range,
    // Gestore and Amministrazione.
    Admin,
    TypeFilter,
    OtherAts,
    Remove,
    // PAI.
    Add,
    Share,
    Versions,
    // Agenda.
    GoTo,
    MarkDone,
    MarkNoShow,
    /// An appointment marked by mistake back to prenotato.
    MarkBooked,
    /// In the week: the column of the day before / after.
    DayBefore,
    DayAfter,
    Plan,
    // Operators.
    Password,
    /// Day view / week view.
    Week,
    /// The patient's agenda preferences.
    Preferences,
    /// Amministrazione › Agenda: a resource's time ranges onto another.
    CopyWeek,
    /// F7 ricette: every prescription of a lot of the patient's PAI.
    MarkLot,
    /// F7 ricette: show the prescriptions already issued too.
    ShowAll,
    /// F5: record the PAI's publication on the FSE.
    Publish,
    /// F7 Patti expiring: renewal drafts for every Patto in the list.
    RenewAll,
}

impl Action {
    /// How far Up, Down, PageUp and PageDown move the selection of a list
    /// showing `page` rows; `None` for any other action.
    pub fn list_step(self, page: usize) -> Option<isize> {
        let page = isize::try_from(page.max(1)).unwrap_or(1);
        match self {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            _ => None,
        }
    }
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
    pub fn name(&self, texts: &impl Language) -> String {
        let s = texts.kit();
        let base = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => s.key_space.to_string(),
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
            KeyCode::Insert => s.key_insert.to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Delete => s.key_delete.to_string(),
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
    pub label: fn(Lang) -> &'static str,
    pub hint: bool,
}

pub const fn row(
    context: Context,
    key: Key,
    action: Action,
    label: fn(Lang) -> &'static str,
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

/// The kit's texts in `lang`, for the labels of its table.
fn t(lang: Lang) -> &'static KitStrings {
    KitStrings::for_lang(lang)
}

/// The kit's own bindings: the global keys and the dialogs. Each feature
/// has its table (`<feature>/keys.rs`); a screen names its own with
/// [`Screen::keys`](crate::tui::kit::screen::Screen::keys) and the kit's is
/// always looked at after it.
#[rustfmt::skip]
pub static KIT: &[Binding] = &[
    // Global: the main areas, each on an F-key and on Alt+digit (F-keys get
    // lost over tmux and ssh).
    row(C::Global, Key::f(1), A::Help, |l| t(l).k_help, true),
    row(C::Global, Key::alt('1'), A::Help, |l| t(l).k_help, false),
    row(C::Global, Key::f(2), A::Patients, |l| t(l).k_patients, true),
    row(C::Global, Key::alt('2'), A::Patients, |l| t(l).k_patients, false),
    row(C::Global, Key::f(3), A::Gestore, |l| t(l).area_gestore, true),
    row(C::Global, Key::alt('3'), A::Gestore, |l| t(l).area_gestore, false),
    row(C::Global, Key::f(4), A::Patto, |l| t(l).area_patto, true),
    row(C::Global, Key::alt('4'), A::Patto, |l| t(l).area_patto, false),
    row(C::Global, Key::f(5), A::Pai, |l| t(l).area_pai, true),
    row(C::Global, Key::alt('5'), A::Pai, |l| t(l).area_pai, false),
    row(C::Global, Key::f(6), A::Agenda, |l| t(l).area_agenda, true),
    row(C::Global, Key::alt('6'), A::Agenda, |l| t(l).area_agenda, false),
    row(C::Global, Key::f(7), A::Richiami, |l| t(l).area_richiami, true),
    row(C::Global, Key::alt('7'), A::Richiami, |l| t(l).area_richiami, false),
    row(C::Global, Key::f(11), A::Admin, |l| t(l).k_admin, false),
    row(C::Global, Key::alt('9'), A::Admin, |l| t(l).k_admin, false),
    row(C::Global, Key::f(10), A::Quit, |l| t(l).k_quit, true),
    row(C::Global, Key::alt('0'), A::Quit, |l| t(l).k_quit, false),
    row(C::Global, Key::ctrl('q'), A::Quit, |l| t(l).k_quit, false),
    // A question with yes and no.
    row(C::Confirm, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).k_confirm, true),
    row(C::Confirm, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_cancel, true),
    // Leaving a form with unsaved changes: salva, scarta, resta.
    // Enter saves: the key pressed without thinking keeps the work.
    row(C::ConfirmDiscard, Key::plain(KeyCode::Enter), A::Save, |l| t(l).k_save, true),
    row(C::ConfirmDiscard, Key::ctrl('s'), A::Save, |l| t(l).k_save, false),
    row(C::ConfirmDiscard, Key::ctrl('d'), A::Confirm, |l| t(l).k_discard, true),
    row(C::ConfirmDiscard, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_stay, true),
    // Quitting with unsaved changes: the quit keys discard too.
    // Enter saves: the key pressed without thinking keeps the work.
    row(C::ConfirmQuit, Key::plain(KeyCode::Enter), A::Save, |l| t(l).k_save, true),
    row(C::ConfirmQuit, Key::ctrl('s'), A::Save, |l| t(l).k_save, false),
    row(C::ConfirmQuit, Key::ctrl('d'), A::Confirm, |l| t(l).k_discard, true),
    row(C::ConfirmQuit, Key::f(10), A::Confirm, |l| t(l).k_discard, false),
    row(C::ConfirmQuit, Key::alt('0'), A::Confirm, |l| t(l).k_discard, false),
    row(C::ConfirmQuit, Key::ctrl('q'), A::Confirm, |l| t(l).k_discard, false),
    row(C::ConfirmQuit, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_stay, true),
    // A date (deceased, transferred).
    row(C::DateModal, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).k_confirm, true),
    row(C::DateModal, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_cancel, true),
    // A dialog with several fields (print, revoke).
    row(C::FormModal, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).k_confirm, true),
    row(C::FormModal, Key::ctrl('s'), A::Confirm, |l| t(l).k_confirm, false),
    row(C::FormModal, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).k_next_field, true),
    row(C::FormModal, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).k_prev_field, false),
    row(C::FormModal, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_cancel, true),
    // The same with a choice among options (print format).
    row(C::ChoiceModal, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).k_confirm, true),
    row(C::ChoiceModal, Key::plain(KeyCode::Tab), A::NextField, |l| t(l).k_next_field, true),
    row(C::ChoiceModal, Key::plain(KeyCode::BackTab), A::PrevField, |l| t(l).k_prev_field, false),
    row(C::ChoiceModal, Key::plain(KeyCode::Char(' ')), A::Toggle, |l| t(l).k_choice, true),
    // ← → on a choice; a focused text field takes them first (the cursor).
    row(C::ChoiceModal, Key::plain(KeyCode::Right), A::NextOption, |l| t(l).k_choice, false),
    row(C::ChoiceModal, Key::plain(KeyCode::Left), A::PrevOption, |l| t(l).k_choice_back, false),
    row(C::ChoiceModal, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_cancel, true),
    // Picking from a small list.
    row(C::Picker, Key::plain(KeyCode::Enter), A::Confirm, |l| t(l).k_pick, true),
    row(C::Picker, Key::plain(KeyCode::Up), A::Up, |l| t(l).k_up, false),
    row(C::Picker, Key::plain(KeyCode::Down), A::Down, |l| t(l).k_down, false),
    row(C::Picker, Key::plain(KeyCode::PageUp), A::PageUp, |l| t(l).k_page_up, false),
    row(C::Picker, Key::plain(KeyCode::PageDown), A::PageDown, |l| t(l).k_page_down, false),
    row(C::Picker, Key::plain(KeyCode::Home), A::Home, |l| t(l).k_first, false),
    row(C::Picker, Key::plain(KeyCode::End), A::End, |l| t(l).k_last, false),
    row(C::Picker, Key::plain(KeyCode::Esc), A::Cancel, |l| t(l).k_cancel, true),
];

/// The bindings of a feature's `table`, then the kit's.
fn with_kit(table: &'static [Binding]) -> impl Iterator<Item = &'static Binding> {
    table.iter().chain(KIT)
}

/// The action bound to `event` in `context`, looked up in `table` and then
/// the kit's table.
pub fn action_for(table: &'static [Binding], context: Context, event: &KeyEvent) -> Option<Action> {
    with_kit(table)
        .find(|b| b.context == context && b.key.matches(event))
        .map(|b| b.action)
}

/// The footer hints of a context, in table order.
pub fn hints(
    table: &'static [Binding],
    context: Context,
) -> impl Iterator<Item = &'static Binding> {
    with_kit(table).filter(move |b| b.context == context && b.hint)
}

/// One help line: every key of an action in a context, and its label.
pub struct HelpEntry {
    pub keys: Vec<Key>,
    pub label: fn(Lang) -> &'static str,
}

/// The bindings of a context among `tables`, grouped by action, in table
/// order.
pub fn help_entries(tables: &[&'static [Binding]], context: Context) -> Vec<HelpEntry> {
    let mut out: Vec<(Action, HelpEntry)> = Vec::new();
    let bindings = tables.iter().flat_map(|t| t.iter());
    for b in bindings.filter(|b| b.context == context) {
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
pub fn first_key(table: &'static [Binding], context: Context, action: Action) -> Option<Key> {
    with_kit(table)
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
            let f = action_for(&[], C::Global, &ev(KeyCode::F(n), KeyModifiers::NONE));
            let alt = action_for(&[], C::Global, &ev(KeyCode::Char(digit), KeyModifiers::ALT));
            assert_eq!(f, Some(action));
            assert_eq!(alt, Some(action));
        }
        assert_eq!(
            action_for(
                &[],
                C::Global,
                &ev(KeyCode::Char('Q'), KeyModifiers::CONTROL)
            ),
            Some(A::Quit)
        );
        // Amministrazione has no F-key below F10: F11 and Alt+9.
        assert_eq!(
            action_for(&[], C::Global, &ev(KeyCode::F(11), KeyModifiers::NONE)),
            Some(A::Admin)
        );
        assert_eq!(
            action_for(&[], C::Global, &ev(KeyCode::Char('9'), KeyModifiers::ALT)),
            Some(A::Admin)
        );
    }

    #[test]
    fn shift_tab_matches_with_or_without_the_shift_flag() {
        let k = Key::plain(KeyCode::BackTab);
        assert!(k.matches(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert!(k.matches(&ev(KeyCode::BackTab, KeyModifiers::NONE)));
        assert!(!Key::ctrl('s').matches(&ev(KeyCode::Char('s'), KeyModifiers::NONE)));
    }

    #[test]
    fn key_names() {
        let s = KitStrings::for_lang(Lang::It);
        assert_eq!(Key::alt('1').name(s), "Alt+1");
        assert_eq!(Key::plain(KeyCode::Enter).name(s), "Invio");
        assert_eq!(Key::ctrl('s').name(s), "Ctrl+S");
    }
}
