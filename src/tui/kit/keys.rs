//! The one key table. Dispatch, the footer hints and the help screen all read
//! it, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::strings::Strings;

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
    /// Amministrazione: a backup or a check of the store, now.
    AdminArchivio,
    /// F6: the week of a resource.
    AgendaWeek,
    /// F7: PAI services to book and missed appointments to rebook.
    RichiamiPai,
    /// F7: adherence to the PAI, per patient.
    RichiamiAderenza,
}

impl Context {
    /// In the order the help screen lists them.
    pub const ALL: [Context; 41] = [
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
        Context::AdminAudit,
        Context::AdminArchivio,
        Context::RichiamiPai,
        Context::RichiamiAderenza,
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
    pub fn name(&self, s: &Strings) -> String {
        let base = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => s.kit.key_space.to_string(),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            KeyCode::Enter => s.kit.key_enter.to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => format!("{}+Tab", s.kit.key_shift),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::PageUp => s.kit.key_page_up.to_string(),
            KeyCode::PageDown => s.kit.key_page_down.to_string(),
            KeyCode::Home => s.kit.key_home.to_string(),
            KeyCode::End => s.kit.key_end.to_string(),
            KeyCode::Insert => s.pai.key_insert.to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Delete => s.pai.key_delete.to_string(),
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
    row(C::Global, Key::f(1), A::Help, |s| s.kit.k_help, true),
    row(C::Global, Key::alt('1'), A::Help, |s| s.kit.k_help, false),
    row(
        C::Global,
        Key::f(2),
        A::Patients,
        |s| s.kit.k_patients,
        true,
    ),
    row(
        C::Global,
        Key::alt('2'),
        A::Patients,
        |s| s.kit.k_patients,
        false,
    ),
    row(
        C::Global,
        Key::f(3),
        A::Gestore,
        |s| s.kit.area_gestore,
        true,
    ),
    row(
        C::Global,
        Key::alt('3'),
        A::Gestore,
        |s| s.kit.area_gestore,
        false,
    ),
    row(C::Global, Key::f(4), A::Patto, |s| s.kit.area_patto, true),
    row(
        C::Global,
        Key::alt('4'),
        A::Patto,
        |s| s.kit.area_patto,
        false,
    ),
    row(C::Global, Key::f(5), A::Pai, |s| s.kit.area_pai, true),
    row(C::Global, Key::alt('5'), A::Pai, |s| s.kit.area_pai, false),
    row(C::Global, Key::f(6), A::Agenda, |s| s.kit.area_agenda, true),
    row(
        C::Global,
        Key::alt('6'),
        A::Agenda,
        |s| s.kit.area_agenda,
        false,
    ),
    row(
        C::Global,
        Key::f(7),
        A::Richiami,
        |s| s.kit.area_richiami,
        true,
    ),
    row(
        C::Global,
        Key::alt('7'),
        A::Richiami,
        |s| s.kit.area_richiami,
        false,
    ),
    row(C::Global, Key::f(11), A::Admin, |s| s.kit.k_admin, false),
    row(C::Global, Key::alt('9'), A::Admin, |s| s.kit.k_admin, false),
    row(C::Global, Key::f(10), A::Quit, |s| s.kit.k_quit, true),
    row(C::Global, Key::alt('0'), A::Quit, |s| s.kit.k_quit, false),
    row(C::Global, Key::ctrl('q'), A::Quit, |s| s.kit.k_quit, false),
    // Patient lookup: the search field has the focus, so no bare letters.
    row(
        C::Lookup,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.patients.k_open,
        true,
    ),
    row(
        C::Lookup,
        Key::f(9),
        A::NewPatient,
        |s| s.patients.k_new,
        true,
    ),
    row(
        C::Lookup,
        Key::ctrl('n'),
        A::NewPatient,
        |s| s.patients.k_new,
        false,
    ),
    row(C::Lookup, Key::f(11), A::Admin, |s| s.kit.k_admin, true),
    row(
        C::Lookup,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::Lookup,
        Key::plain(KeyCode::Esc),
        A::ClearSearch,
        |s| s.patients.k_clear,
        true,
    ),
    // Patient record.
    row(C::Record, Key::f(8), A::Edit, |s| s.patients.k_edit, true),
    row(
        C::Record,
        Key::ctrl('e'),
        A::Edit,
        |s| s.patients.k_edit,
        false,
    ),
    row(
        C::Record,
        Key::ctrl('d'),
        A::MarkDeceased,
        |s| s.patients.k_deceased,
        true,
    ),
    row(
        C::Record,
        Key::ctrl('t'),
        A::MarkTransferred,
        |s| s.patients.k_transferred,
        true,
    ),
    row(
        C::Record,
        Key::ctrl('r'),
        A::Reactivate,
        |s| s.patients.k_reactivate,
        true,
    ),
    row(
        C::Record,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_scroll_up,
        false,
    ),
    row(
        C::Record,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_scroll_down,
        false,
    ),
    row(
        C::Record,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Registration and edit form.
    row(C::Form, Key::ctrl('s'), A::Save, |s| s.kit.k_save, true),
    row(
        C::Form,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        true,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_form_down,
        false,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_form_up,
        false,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Enter),
        A::Accept,
        |s| s.patients.k_accept,
        true,
    ),
    row(
        C::Form,
        Key::plain(KeyCode::Esc),
        A::Leave,
        |s| s.patients.k_leave,
        true,
    ),
    row(
        C::Form,
        Key::f(9),
        A::ComputeCf,
        |s| s.patients.k_compute_cf,
        true,
    ),
    row(
        C::Form,
        Key::ctrl('g'),
        A::ComputeCf,
        |s| s.patients.k_compute_cf,
        false,
    ),
    // Help.
    row(
        C::Help,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_scroll_up,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_scroll_down,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::Help,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    row(C::Help, Key::f(11), A::Admin, |s| s.kit.k_admin, true),
    // Areas not yet available.
    row(
        C::Placeholder,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // A question with yes and no.
    row(
        C::Confirm,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.kit.k_confirm,
        true,
    ),
    row(
        C::Confirm,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.kit.k_cancel,
        true,
    ),
    // Leaving a form with unsaved changes: salva, scarta, resta.
    // Enter saves: the key pressed without thinking keeps the work.
    row(
        C::ConfirmDiscard,
        Key::plain(KeyCode::Enter),
        A::Save,
        |s| s.shell.k_save,
        true,
    ),
    row(
        C::ConfirmDiscard,
        Key::ctrl('s'),
        A::Save,
        |s| s.shell.k_save,
        false,
    ),
    row(
        C::ConfirmDiscard,
        Key::ctrl('d'),
        A::Confirm,
        |s| s.shell.k_discard,
        true,
    ),
    row(
        C::ConfirmDiscard,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.shell.k_stay,
        true,
    ),
    // Quitting with unsaved changes: the quit keys discard too.
    // Enter saves: the key pressed without thinking keeps the work.
    row(
        C::ConfirmQuit,
        Key::plain(KeyCode::Enter),
        A::Save,
        |s| s.shell.k_save,
        true,
    ),
    row(
        C::ConfirmQuit,
        Key::ctrl('s'),
        A::Save,
        |s| s.shell.k_save,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::ctrl('d'),
        A::Confirm,
        |s| s.shell.k_discard,
        true,
    ),
    row(
        C::ConfirmQuit,
        Key::f(10),
        A::Confirm,
        |s| s.shell.k_discard,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::alt('0'),
        A::Confirm,
        |s| s.shell.k_discard,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::ctrl('q'),
        A::Confirm,
        |s| s.shell.k_discard,
        false,
    ),
    row(
        C::ConfirmQuit,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.shell.k_stay,
        true,
    ),
    // A date (deceased, transferred).
    row(
        C::DateModal,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.kit.k_confirm,
        true,
    ),
    row(
        C::DateModal,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.kit.k_cancel,
        true,
    ),
    // F4, the patient's Patti di Cura (no text field: still no bare letters).
    row(
        C::Patto,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.patto.k_open,
        true,
    ),
    row(C::Patto, Key::f(9), A::Prepare, |s| s.patto.k_prepare, true),
    row(
        C::Patto,
        Key::ctrl('n'),
        A::Prepare,
        |s| s.patto.k_prepare,
        false,
    ),
    row(
        C::Patto,
        Key::ctrl('r'),
        A::Renew,
        |s| s.patto.k_renew,
        true,
    ),
    row(
        C::Patto,
        Key::ctrl('p'),
        A::Print,
        |s| s.patto.k_print,
        true,
    ),
    row(
        C::Patto,
        Key::ctrl('x'),
        A::Revoke,
        |s| s.patto.k_revoke,
        true,
    ),
    row(
        C::Patto,
        Key::f(8),
        A::Edit,
        |s| s.patto.k_edit_patient,
        false,
    ),
    row(
        C::Patto,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Patto,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Patto,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // After Esc: on a narrow footer Esc stays and this one goes (F1 lists it).
    row(
        C::Patto,
        Key::ctrl('k'),
        A::CorrectCm,
        |s| s.patto.k_correct_cm,
        true,
    ),
    // Reading and signing a bozza: text fields, so no bare letters; Space is
    // typed in a field and toggles a focused checkbox.
    row(
        C::PattoBozza,
        Key::ctrl('s'),
        A::Sign,
        |s| s.patto.k_sign,
        true,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        true,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::Char(' ')),
        A::Toggle,
        |s| s.patto.k_toggle,
        true,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.patto.k_text_down,
        true,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.patto.k_text_up,
        false,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_scroll_down,
        false,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_scroll_up,
        false,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.patto.k_text_home,
        false,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::End),
        A::End,
        |s| s.patto.k_text_end,
        false,
    ),
    row(
        C::PattoBozza,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Reading a signed Patto.
    row(
        C::PattoTesto,
        Key::ctrl('p'),
        A::Print,
        |s| s.patto.k_print,
        true,
    ),
    row(
        C::PattoTesto,
        Key::ctrl('k'),
        A::CorrectCm,
        |s| s.patto.k_correct_cm,
        true,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.patto.k_text_down,
        true,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.patto.k_text_up,
        false,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::Char(' ')),
        A::PageDown,
        |s| s.patto.k_text_down,
        false,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_scroll_down,
        false,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_scroll_up,
        false,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.patto.k_text_home,
        false,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::End),
        A::End,
        |s| s.patto.k_text_end,
        false,
    ),
    row(
        C::PattoTesto,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // F7, recall lists.
    row(
        C::Richiami,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.richiami.k_open_patto,
        true,
    ),
    row(
        C::Richiami,
        Key::f(8),
        A::Range,
        |s| s.richiami.k_range,
        true,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.richiami.k_section,
        true,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.richiami.k_section,
        false,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::Richiami,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // A dialog with several fields (print, revoke).
    row(
        C::FormModal,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.kit.k_confirm,
        true,
    ),
    row(
        C::FormModal,
        Key::ctrl('s'),
        A::Confirm,
        |s| s.kit.k_confirm,
        false,
    ),
    row(
        C::FormModal,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        true,
    ),
    row(
        C::FormModal,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::FormModal,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.kit.k_cancel,
        true,
    ),
    // The same with a choice among options (print format).
    row(
        C::ChoiceModal,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.kit.k_confirm,
        true,
    ),
    row(
        C::ChoiceModal,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        true,
    ),
    row(
        C::ChoiceModal,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::ChoiceModal,
        Key::plain(KeyCode::Char(' ')),
        A::Toggle,
        |s| s.kit.k_choice,
        true,
    ),
    row(
        C::ChoiceModal,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.kit.k_cancel,
        true,
    ),
    // F3, the patient's Gestore: the filter field has the focus, so no bare
    // letters.
    row(
        C::Gestore,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.gestori.k_choose,
        true,
    ),
    row(
        C::Gestore,
        Key::f(8),
        A::TypeFilter,
        |s| s.gestori.k_type_filter,
        true,
    ),
    row(
        C::Gestore,
        Key::ctrl('t'),
        A::TypeFilter,
        |s| s.gestori.k_type_filter,
        false,
    ),
    row(
        C::Gestore,
        Key::f(9),
        A::OtherAts,
        |s| s.gestori.k_other_ats,
        true,
    ),
    row(
        C::Gestore,
        Key::ctrl('o'),
        A::OtherAts,
        |s| s.gestori.k_other_ats,
        false,
    ),
    row(
        C::Gestore,
        Key::ctrl('x'),
        A::Revoke,
        |s| s.gestori.k_revoke,
        true,
    ),
    row(
        C::Gestore,
        Key::ctrl('r'),
        A::Revoke,
        |s| s.gestori.k_revoke,
        false,
    ),
    row(
        C::Gestore,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Gestore,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Gestore,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::Gestore,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::Gestore,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Picking from a small list.
    row(
        C::Picker,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.kit.k_pick,
        true,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.kit.k_first,
        false,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::End),
        A::End,
        |s| s.kit.k_last,
        false,
    ),
    row(
        C::Picker,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.kit.k_cancel,
        true,
    ),
    // F11, Amministrazione: the menu.
    row(
        C::Admin,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.admin.k_open_section,
        true,
    ),
    row(
        C::Admin,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Admin,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Admin,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Importing a list: text fields, so no bare letters.
    row(
        C::AdminImport,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.admin.k_read_file,
        true,
    ),
    row(
        C::AdminImport,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.admin.k_complete,
        true,
    ),
    row(
        C::AdminImport,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::AdminImport,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_next_field,
        false,
    ),
    row(
        C::AdminImport,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::AdminImport,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // The preview of an import: nothing written until Ctrl+S.
    row(
        C::AdminPreview,
        Key::ctrl('s'),
        A::Save,
        |s| s.admin.k_import,
        true,
    ),
    row(
        C::AdminPreview,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_scroll_down,
        false,
    ),
    row(
        C::AdminPreview,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_scroll_up,
        false,
    ),
    row(
        C::AdminPreview,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::AdminPreview,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::AdminPreview,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.admin.k_cancel_import,
        true,
    ),
    // The log of imports.
    row(
        C::AdminHistory,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminHistory,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminHistory,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::AdminHistory,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::AdminHistory,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // The practice set-up: text fields, so no bare letters; Space is typed in
    // a field and switches a focused channel.
    row(
        C::AdminStudio,
        Key::ctrl('s'),
        A::Save,
        |s| s.kit.k_save,
        true,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        false,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_form_down,
        false,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_form_up,
        false,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::Enter),
        A::Accept,
        |s| s.admin.k_studio_enter,
        true,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::Char(' ')),
        A::Toggle,
        |s| s.admin.k_toggle_channel,
        false,
    ),
    row(
        C::AdminStudio,
        Key::ctrl('d'),
        A::Remove,
        |s| s.admin.k_remove_mmg,
        true,
    ),
    row(
        C::AdminStudio,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // The stored list of Gestori: the filter field has the focus.
    row(
        C::AdminGestori,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminGestori,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminGestori,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::AdminGestori,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::AdminGestori,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.admin.k_detail,
        true,
    ),
    row(
        C::AdminGestori,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // One Gestore in full: the previous and next of the list, Esc to it.
    row(
        C::AdminGestoreDetail,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.admin.k_previous,
        true,
    ),
    row(
        C::AdminGestoreDetail,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.admin.k_next,
        true,
    ),
    row(
        C::AdminGestoreDetail,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.admin.k_to_list,
        true,
    ),
    // The agenda's resources: two lists, no text field.
    row(
        C::AdminRisorse,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminRisorse,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminRisorse,
        Key::ctrl('n'),
        A::Add,
        |s| s.agenda_admin.k_new,
        true,
    ),
    row(
        C::AdminRisorse,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.agenda_admin.k_edit,
        true,
    ),
    row(
        C::AdminRisorse,
        Key::ctrl('d'),
        A::Remove,
        |s| s.agenda_admin.k_remove,
        true,
    ),
    row(
        C::AdminRisorse,
        Key::ctrl('w'),
        A::CopyWeek,
        |s| s.agenda_admin.k_copy_week,
        false,
    ),
    row(
        C::AdminRisorse,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.agenda_admin.k_switch,
        true,
    ),
    row(
        C::AdminRisorse,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.agenda_admin.k_switch,
        false,
    ),
    row(
        C::AdminRisorse,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // The closures.
    row(
        C::AdminChiusure,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminChiusure,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminChiusure,
        Key::ctrl('n'),
        A::Add,
        |s| s.agenda_admin.k_new,
        true,
    ),
    row(
        C::AdminChiusure,
        Key::ctrl('d'),
        A::Remove,
        |s| s.agenda_admin.k_remove,
        true,
    ),
    row(
        C::AdminChiusure,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // The appointments outside availability.
    row(
        C::AdminFuori,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminFuori,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminFuori,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::AdminFuori,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::AdminFuori,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.agenda_admin.k_move,
        true,
    ),
    row(
        C::AdminFuori,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // F5, the PAI: no plan yet (or no patient, Gestore or pathology).
    row(C::Pai, Key::f(9), A::Prepare, |s| s.pai.k_new_pai, true),
    row(
        C::Pai,
        Key::ctrl('n'),
        A::Prepare,
        |s| s.pai.k_new_pai,
        false,
    ),
    row(C::Pai, Key::f(8), A::Edit, |s| s.pai.k_edit_patient, true),
    row(
        C::Pai,
        Key::ctrl('e'),
        A::Edit,
        |s| s.pai.k_edit_patient,
        false,
    ),
    row(
        C::Pai,
        Key::ctrl('v'),
        A::Versions,
        |s| s.pai.k_versions,
        true,
    ),
    row(
        C::Pai,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // The PAI as a bozza: no text field on the screen, the row dialog has
    // its own (FormModal).
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Insert),
        A::Add,
        |s| s.pai.k_add,
        true,
    ),
    row(C::PaiBozza, Key::f(9), A::Add, |s| s.pai.k_add, false),
    row(C::PaiBozza, Key::ctrl('n'), A::Add, |s| s.pai.k_add, false),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Enter),
        A::Edit,
        |s| s.pai.k_edit,
        false,
    ),
    row(C::PaiBozza, Key::f(8), A::Edit, |s| s.pai.k_edit, false),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Delete),
        A::Remove,
        |s| s.pai.k_remove,
        true,
    ),
    row(
        C::PaiBozza,
        Key::ctrl('d'),
        A::Remove,
        |s| s.pai.k_remove,
        false,
    ),
    row(C::PaiBozza, Key::ctrl('s'), A::Save, |s| s.pai.k_save, true),
    row(
        C::PaiBozza,
        Key::ctrl('o'),
        A::Share,
        |s| s.pai.k_share,
        true,
    ),
    row(
        C::PaiBozza,
        Key::ctrl('p'),
        A::Print,
        |s| s.pai.k_export,
        false,
    ),
    row(
        C::PaiBozza,
        Key::ctrl('v'),
        A::Versions,
        |s| s.pai.k_versions,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.pai.k_next_section,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Right),
        A::NextField,
        |s| s.pai.k_next_section,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.pai.k_prev_section,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Left),
        A::PrevField,
        |s| s.pai.k_prev_section,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.pai.k_home,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::End),
        A::End,
        |s| s.pai.k_end,
        false,
    ),
    row(
        C::PaiBozza,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // A shared or concluded PAI, or an earlier version: read-only; the edit
    // keys say how to change it.
    row(
        C::PaiLettura,
        Key::f(9),
        A::Renew,
        |s| s.pai.k_new_version,
        true,
    ),
    row(
        C::PaiLettura,
        Key::ctrl('n'),
        A::Renew,
        |s| s.pai.k_new_version,
        false,
    ),
    row(
        C::PaiLettura,
        Key::ctrl('p'),
        A::Print,
        |s| s.pai.k_export,
        true,
    ),
    row(
        C::PaiLettura,
        Key::ctrl('v'),
        A::Versions,
        |s| s.pai.k_versions,
        true,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.pai.k_next_section,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Right),
        A::NextField,
        |s| s.pai.k_next_section,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.pai.k_prev_section,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Left),
        A::PrevField,
        |s| s.pai.k_prev_section,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.pai.k_home,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::End),
        A::End,
        |s| s.pai.k_end,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Insert),
        A::Add,
        |s| s.pai.k_add,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Enter),
        A::Edit,
        |s| s.pai.k_edit,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Delete),
        A::Remove,
        |s| s.pai.k_remove,
        false,
    ),
    row(
        C::PaiLettura,
        Key::ctrl('s'),
        A::Save,
        |s| s.pai.k_save,
        false,
    ),
    row(
        C::PaiLettura,
        Key::ctrl('o'),
        A::Share,
        |s| s.pai.k_share,
        false,
    ),
    row(
        C::PaiLettura,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Ticking the services whose results are needed first.
    row(
        C::PaiDopo,
        Key::plain(KeyCode::Char(' ')),
        A::Toggle,
        |s| s.pai.k_tick,
        true,
    ),
    row(
        C::PaiDopo,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.pai.k_done,
        true,
    ),
    row(
        C::PaiDopo,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::PaiDopo,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::PaiDopo,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::PaiDopo,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::PaiDopo,
        Key::plain(KeyCode::Esc),
        A::Cancel,
        |s| s.kit.k_cancel,
        true,
    ),
    // F6, the agenda: the day list (no text field, still no bare letters).
    row(
        C::Agenda,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.agenda.k_prev_day,
        false,
    ),
    row(
        C::Agenda,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.agenda.k_next_day,
        false,
    ),
    row(
        C::Agenda,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.agenda.k_today,
        false,
    ),
    row(
        C::Agenda,
        Key::ctrl('w'),
        A::Week,
        |s| s.agenda.k_week,
        false,
    ),
    row(
        C::Agenda,
        Key::ctrl('g'),
        A::GoTo,
        |s| s.agenda.k_goto,
        false,
    ),
    row(
        C::Agenda,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.agenda.k_resource,
        false,
    ),
    row(
        C::Agenda,
        Key::ctrl('e'),
        A::MarkDone,
        |s| s.agenda.k_done,
        true,
    ),
    row(
        C::Agenda,
        Key::ctrl('n'),
        A::MarkNoShow,
        |s| s.agenda.k_no_show,
        true,
    ),
    row(
        C::Agenda,
        Key::ctrl('r'),
        A::MarkBooked,
        |s| s.agenda.k_booked,
        false,
    ),
    row(
        C::Agenda,
        Key::ctrl('x'),
        A::Revoke,
        |s| s.agenda.k_cancel,
        true,
    ),
    row(C::Agenda, Key::f(8), A::Edit, |s| s.agenda.k_move, true),
    row(
        C::Agenda,
        Key::ctrl('t'),
        A::Edit,
        |s| s.agenda.k_move,
        false,
    ),
    row(
        C::Agenda,
        Key::ctrl('p'),
        A::Print,
        |s| s.agenda.k_print,
        false,
    ),
    row(C::Agenda, Key::f(9), A::Plan, |s| s.agenda.k_plan, false),
    row(
        C::Agenda,
        Key::ctrl('k'),
        A::Plan,
        |s| s.agenda.k_plan,
        false,
    ),
    row(
        C::Agenda,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::Agenda,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::Agenda,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // F6, the planner's proposals for the patient's PAI.
    row(
        C::AgendaPlan,
        Key::plain(KeyCode::Char(' ')),
        A::Toggle,
        |s| s.agenda.k_tick,
        true,
    ),
    row(
        C::AgendaPlan,
        Key::ctrl('s'),
        A::Save,
        |s| s.agenda.k_book,
        true,
    ),
    row(
        C::AgendaPlan,
        Key::f(8),
        A::Preferences,
        |s| s.agenda.k_prefs,
        true,
    ),
    row(
        C::AgendaPlan,
        Key::ctrl('f'),
        A::Preferences,
        |s| s.agenda.k_prefs,
        false,
    ),
    row(
        C::AgendaPlan,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AgendaPlan,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AgendaPlan,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Login, first start, idle lock: text fields only.
    row(
        C::Login,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.shell.k_login,
        true,
    ),
    row(
        C::Login,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        true,
    ),
    row(
        C::Login,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(C::Login, Key::f(10), A::Quit, |s| s.kit.k_quit, true),
    row(C::Login, Key::alt('0'), A::Quit, |s| s.kit.k_quit, false),
    row(C::Login, Key::ctrl('q'), A::Quit, |s| s.kit.k_quit, false),
    // Amministrazione, the operators (a list, no text field).
    row(
        C::AdminOperators,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminOperators,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminOperators,
        Key::plain(KeyCode::Insert),
        A::Add,
        |s| s.access.k_add,
        true,
    ),
    row(
        C::AdminOperators,
        Key::ctrl('n'),
        A::Add,
        |s| s.access.k_add,
        false,
    ),
    row(
        C::AdminOperators,
        Key::plain(KeyCode::Enter),
        A::Edit,
        |s| s.access.k_role,
        true,
    ),
    row(
        C::AdminOperators,
        Key::ctrl('d'),
        A::Remove,
        |s| s.access.k_toggle_active,
        true,
    ),
    row(
        C::AdminOperators,
        Key::ctrl('r'),
        A::Password,
        |s| s.access.k_password,
        true,
    ),
    row(
        C::AdminOperators,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // Amministrazione, the access log: filter fields over a list.
    row(
        C::AdminAudit,
        Key::plain(KeyCode::Enter),
        A::Confirm,
        |s| s.access.k_search,
        true,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.kit.k_next_field,
        false,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.kit.k_prev_field,
        false,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.access.k_older,
        true,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.access.k_newer,
        true,
    ),
    row(
        C::AdminAudit,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // A backup or a check now, from any desk.
    row(
        C::AdminArchivio,
        Key::plain(KeyCode::Enter),
        A::Accept,
        |s| s.access.k_backup_now,
        true,
    ),
    row(
        C::AdminArchivio,
        Key::ctrl('t'),
        A::CheckStore,
        |s| s.access.k_check_store,
        true,
    ),
    row(
        C::AdminArchivio,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // F6, the week of a resource (Monday to Saturday).
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.agenda.k_open_day,
        true,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.agenda.k_prev_week,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.agenda.k_next_week,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Home),
        A::Home,
        |s| s.agenda.k_today,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('w'),
        A::Week,
        |s| s.agenda.k_week,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('g'),
        A::GoTo,
        |s| s.agenda.k_goto,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.agenda.k_resource,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('e'),
        A::MarkDone,
        |s| s.agenda.k_done,
        true,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('n'),
        A::MarkNoShow,
        |s| s.agenda.k_no_show,
        true,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('r'),
        A::MarkBooked,
        |s| s.agenda.k_booked,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('x'),
        A::Revoke,
        |s| s.agenda.k_cancel,
        false,
    ),
    row(C::AgendaWeek, Key::f(8), A::Edit, |s| s.agenda.k_move, true),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Left),
        A::DayBefore,
        |s| s.agenda.k_day_before,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Right),
        A::DayAfter,
        |s| s.agenda.k_day_after,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('t'),
        A::Edit,
        |s| s.agenda.k_move,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::f(9),
        A::Plan,
        |s| s.agenda.k_plan,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::ctrl('k'),
        A::Plan,
        |s| s.agenda.k_plan,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::AgendaWeek,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // F7, the PAI recall lists.
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.richiami.k_plan_patient,
        true,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.richiami.k_section,
        true,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.richiami.k_section,
        false,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::RichiamiPai,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
        true,
    ),
    // F7, adherence to the PAI.
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::Enter),
        A::Open,
        |s| s.richiami.k_open_record,
        true,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::Tab),
        A::NextField,
        |s| s.richiami.k_section,
        true,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        |s| s.richiami.k_section,
        false,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::Up),
        A::Up,
        |s| s.kit.k_up,
        false,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::Down),
        A::Down,
        |s| s.kit.k_down,
        false,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::PageUp),
        A::PageUp,
        |s| s.kit.k_page_up,
        false,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::PageDown),
        A::PageDown,
        |s| s.kit.k_page_down,
        false,
    ),
    row(
        C::RichiamiAderenza,
        Key::plain(KeyCode::Esc),
        A::Back,
        |s| s.kit.k_back,
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
        // Amministrazione has no F-key below F10: F11 and Alt+9.
        assert_eq!(
            action_for(C::Global, &ev(KeyCode::F(11), KeyModifiers::NONE)),
            Some(A::Admin)
        );
        assert_eq!(
            action_for(C::Global, &ev(KeyCode::Char('9'), KeyModifiers::ALT)),
            Some(A::Admin)
        );
    }

    #[test]
    fn no_bare_letters_anywhere() {
        for b in BINDINGS {
            // Space is no letter: it toggles a focused checkbox, and a
            // focused text field takes it first.
            if let KeyCode::Char(c) = b.key.code
                && c != ' '
            {
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
        let s = Strings::for_lang(crate::tui::kit::lang::Lang::It);
        assert_eq!(Key::alt('1').name(s), "Alt+1");
        assert_eq!(Key::plain(KeyCode::Enter).name(s), "Invio");
        assert_eq!(Key::ctrl('s').name(s), "Ctrl+S");
    }
}
