//! The application: a stack of screens and at most one dialog. Keys go, first
//! claim wins, to the dialog, then the focused text field, then the keymap of
//! the screen's context, then the global keys.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::PatientId;
use crate::service::{Changes, Desk};
use crate::tui::admin::AdminScreen;
use crate::tui::admin::strings::{AccessStrings, AdminStrings, AgendaAdminStrings};
use crate::tui::agenda::AgendaScreen;
use crate::tui::agenda::strings::AgendaStrings;
use crate::tui::arruolabili::ArruolabiliScreen;
use crate::tui::arruolabili::strings::ArruolabiliStrings;
use crate::tui::gestore::GestoreScreen;
use crate::tui::gestore::strings::GestoriStrings;
use crate::tui::kit::dialog::{Modal, ModalOutcome, Nav, Submit};
use crate::tui::kit::event::AppEvent;
use crate::tui::kit::field::{self, FieldChange};
use crate::tui::kit::format;
use crate::tui::kit::keys::{self, Action, Binding, Context};
use crate::tui::kit::lang::KitStrings;
use crate::tui::kit::lang::Lang;
use crate::tui::kit::scan::ScanDetector;
use crate::tui::kit::screen::{Open, Screen};
use crate::tui::kit::theme::Theme;
use crate::tui::pai::PaiScreen;
use crate::tui::pai::strings::PaiStrings;
use crate::tui::patients::form::FormScreen;
use crate::tui::patients::lookup::LookupScreen;
use crate::tui::patients::record::RecordScreen;
use crate::tui::patients::strings::PatientsStrings;
use crate::tui::patto::PattoScreen;
use crate::tui::patto::strings::PattoStrings;
use crate::tui::patto::strings::Texts as PattoTexts;
use crate::tui::richiami::RichiamiScreen;
use crate::tui::richiami::strings::RichiamiStrings;
use crate::tui::shell;
use crate::tui::shell::help::HelpScreen;
use crate::tui::shell::login::{GateMode, GateOutcome, GateScreen};
use crate::tui::shell::placeholder::PlaceholderScreen;
use crate::tui::shell::strings::{ShellStrings, Texts as ShellTexts};

/// Every key table: the kit's (global keys, dialogs) and each feature's.
/// The F1 help lists them all.
pub static KEY_TABLES: &[&[Binding]] = &[
    keys::KIT,
    shell::keys::KEYS,
    crate::tui::patients::keys::KEYS,
    crate::tui::gestore::keys::KEYS,
    crate::tui::patto::keys::KEYS,
    crate::tui::pai::keys::KEYS,
    crate::tui::agenda::keys::KEYS,
    crate::tui::richiami::keys::KEYS,
    crate::tui::admin::keys::KEYS,
    crate::tui::arruolabili::keys::KEYS,
];

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub use crate::tui::kit::screen::{Cmd, Env, Status, StatusKind};

/// The environment of one event or frame.
fn env<'a>(desk: &'a Desk, s: &'static ShellTexts, theme: &'a Theme) -> Env<'a> {
    Env::new(desk, s.lang, theme, KEY_TABLES)
}

/// The title of a key context in the help, from the texts of the feature
/// the context belongs to.
fn context_title(context: Context, lang: Lang) -> &'static str {
    match context {
        Context::Global => KitStrings::for_lang(lang).ctx_global,
        Context::Lookup => PatientsStrings::for_lang(lang).ctx_lookup,
        Context::Record => PatientsStrings::for_lang(lang).ctx_record,
        Context::Form => PatientsStrings::for_lang(lang).ctx_form,
        Context::Help => ShellStrings::for_lang(lang).ctx_help,
        Context::Placeholder => ShellStrings::for_lang(lang).ctx_placeholder,
        Context::Confirm => KitStrings::for_lang(lang).ctx_confirm,
        Context::ConfirmDiscard => KitStrings::for_lang(lang).ctx_confirm_discard,
        Context::ConfirmQuit => KitStrings::for_lang(lang).ctx_confirm_quit,
        Context::DateModal => KitStrings::for_lang(lang).ctx_date,
        Context::Patto => PattoStrings::for_lang(lang).ctx_patto,
        Context::PattoBozza => PattoStrings::for_lang(lang).ctx_bozza,
        Context::PattoTesto => PattoStrings::for_lang(lang).ctx_testo,
        Context::Richiami => RichiamiStrings::for_lang(lang).ctx_richiami,
        Context::FormModal => KitStrings::for_lang(lang).ctx_form_modal,
        Context::ChoiceModal => KitStrings::for_lang(lang).ctx_choice_modal,
        Context::Gestore => GestoriStrings::for_lang(lang).ctx_gestore,
        Context::Picker => KitStrings::for_lang(lang).ctx_picker,
        Context::Admin => AdminStrings::for_lang(lang).ctx_admin,
        Context::AdminImport => AdminStrings::for_lang(lang).ctx_admin_import,
        Context::AdminPreview => AdminStrings::for_lang(lang).ctx_admin_preview,
        Context::AdminHistory => AdminStrings::for_lang(lang).ctx_admin_history,
        Context::AdminStudio => AdminStrings::for_lang(lang).ctx_admin_studio,
        Context::AdminGestori => AdminStrings::for_lang(lang).ctx_admin_gestori,
        Context::AdminGestoreDetail => AdminStrings::for_lang(lang).ctx_admin_gestore,
        Context::AdminRisorse => AgendaAdminStrings::for_lang(lang).ctx_risorse,
        Context::AdminChiusure => AgendaAdminStrings::for_lang(lang).ctx_chiusure,
        Context::AdminFuori => AgendaAdminStrings::for_lang(lang).ctx_fuori,
        Context::Pai => PaiStrings::for_lang(lang).ctx_pai,
        Context::PaiBozza => PaiStrings::for_lang(lang).ctx_bozza,
        Context::PaiLettura => PaiStrings::for_lang(lang).ctx_lettura,
        Context::PaiDopo => PaiStrings::for_lang(lang).ctx_dopo,
        Context::Agenda => AgendaStrings::for_lang(lang).ctx_agenda,
        Context::AgendaPlan => AgendaStrings::for_lang(lang).ctx_plan,
        Context::Login => ShellStrings::for_lang(lang).ctx_login,
        Context::AdminOperators => AccessStrings::for_lang(lang).ctx_operators,
        Context::AdminAudit => AccessStrings::for_lang(lang).ctx_audit,
        Context::AdminPrimarie => AdminStrings::for_lang(lang).ctx_primarie,
        Context::AdminArchivio => AccessStrings::for_lang(lang).ctx_archivio,
        Context::AgendaWeek => AgendaStrings::for_lang(lang).ctx_week,
        Context::RichiamiPai => RichiamiStrings::for_lang(lang).ctx_richiami_pai,
        Context::RichiamiAderenza => RichiamiStrings::for_lang(lang).ctx_richiami_aderenza,
        Context::Arruolabili => ArruolabiliStrings::for_lang(lang).ctx_list,
        Context::ArruolabiliImport => ArruolabiliStrings::for_lang(lang).ctx_import,
        Context::ArruolabiliPreview => ArruolabiliStrings::for_lang(lang).ctx_preview,
        Context::RichiamiRicette => RichiamiStrings::for_lang(lang).ctx_richiami_ricette,
        Context::RichiamiTrasferire => RichiamiStrings::for_lang(lang).ctx_richiami_trasferire,
    }
}

/// The patient the work is about: chosen on purpose (Enter on a list row,
/// a lookup, a scanned card), named in the header on every screen, and what
/// F3, F4, F5 and F6 open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentPatient {
    pub id: PatientId,
    /// "Cognome Nome".
    pub name: String,
    pub codice_fiscale: String,
}

impl CurrentPatient {
    fn of(p: &crate::domain::Patient) -> CurrentPatient {
        CurrentPatient {
            id: p.id,
            name: format!("{} {}", p.cognome, p.nome),
            codice_fiscale: p.codice_fiscale.clone(),
        }
    }
}

pub struct App {
    desk: Desk,
    /// The current patient, if one was chosen.
    current: Option<CurrentPatient>,
    /// Watches the keys for a card scanner's burst.
    scanner: ScanDetector,
    /// The codice fiscale of a scan waiting for the unsaved-changes question.
    pending_scan: Option<String>,
    s: &'static ShellTexts,
    theme: Theme,
    stack: Vec<Box<dyn Screen>>,
    modal: Option<Modal>,
    status: Option<Status>,
    quit: bool,
    /// Terminal size of the last frame or resize.
    size: Option<(u16, u16)>,
    /// A screen asked for work after the next draw ([`Cmd::Later`]).
    deferred: bool,
    /// Login, first start or idle lock, covering the stack.
    gate: Option<GateScreen>,
    /// Inactivity after which the session locks (`None`: never).
    idle_limit: Option<chrono::Duration>,
    /// The desk clock's time of the last key.
    last_activity: chrono::NaiveDateTime,
    /// The store's change counters when each screen of the stack was last
    /// loaded or refreshed (index as in `stack`).
    seen: Vec<Changes>,
    /// The counters read at the last tick.
    last_changes: Changes,
}

/// Default minutes of inactivity before the session locks.
pub const DEFAULT_IDLE_MINUTES: u32 = 10;

impl App {
    pub fn new(desk: Desk, lang: Lang) -> App {
        App {
            s: ShellTexts::for_lang(lang),
            theme: Theme::from_env(),
            stack: vec![Box::new(LookupScreen::new())],
            modal: None,
            status: None,
            quit: false,
            size: None,
            deferred: false,
            gate: None,
            idle_limit: Some(chrono::Duration::minutes(i64::from(DEFAULT_IDLE_MINUTES))),
            last_activity: desk.now(),
            seen: vec![desk.changes()],
            last_changes: desk.changes(),
            current: None,
            scanner: ScanDetector::new(),
            pending_scan: None,
            desk,
        }
    }

    /// The application as it starts for a person: the first start (create
    /// the administrator) on a store without operators, the login otherwise.
    pub fn with_login(desk: Desk, lang: Lang) -> App {
        desk.clear_session();
        let mode = if desk.operators().has_operators() {
            GateMode::Login
        } else {
            GateMode::FirstStart
        };
        let mut app = App::new(desk, lang);
        app.gate = Some(GateScreen::new(mode));
        app
    }

    /// Minutes of inactivity before the session locks; 0 never locks.
    pub fn with_idle_minutes(mut self, minutes: u32) -> App {
        self.idle_limit = (minutes > 0).then(|| chrono::Duration::minutes(i64::from(minutes)));
        self
    }

    /// The login, first start or lock in front of the stack, if any.
    pub fn gate(&self) -> Option<&GateScreen> {
        self.gate.as_ref()
    }

    /// Locks the session when the idle time ran out; returns whether it did.
    fn check_idle(&mut self) -> bool {
        let Some(limit) = self.idle_limit else {
            return false;
        };
        if self.gate.is_some() || self.desk.now() - self.last_activity < limit {
            return false;
        }
        let Some(session) = self.desk.session() else {
            return false;
        };
        self.gate = Some(GateScreen::new(GateMode::Unlock {
            username: session.username,
        }));
        true
    }

    fn gate_key(&mut self, key: &KeyEvent) -> bool {
        let env = env(&self.desk, self.s, &self.theme);
        let Some(gate) = &mut self.gate else {
            return false;
        };
        if let Some(input) = gate.input_mut()
            && let Some(change) = field::handle_key(input, key)
        {
            if change == FieldChange::Value {
                gate.edited();
            }
            return change != FieldChange::Nothing;
        }
        let Some(action) = keys::action_for(shell::keys::KEYS, Context::Login, key) else {
            return false;
        };
        match gate.action(action, &self.desk, &env) {
            GateOutcome::Redraw => true,
            GateOutcome::Nothing => false,
            GateOutcome::Quit => {
                // At the lock the open screens are kept for the operator:
                // quitting would lose a changed form, so that is said first.
                let dirty = self
                    .stack
                    .iter()
                    .rev()
                    .find(|s| s.is_dirty())
                    .map(|s| s.title(&env));
                if let Some(form) = dirty
                    && gate.is_unlock()
                {
                    let warning = self.s.shell.lock_unsaved(&form);
                    if gate.error() != Some(warning.as_str()) {
                        gate.set_error(warning);
                        return true;
                    }
                }
                self.quit = true;
                true
            }
            GateOutcome::Done(_) => {
                let unlocked = gate.is_unlock();
                self.gate = None;
                self.last_activity = self.desk.now();
                if !unlocked {
                    // A new session starts from the lookup, with no patient.
                    self.stack = vec![Box::new(LookupScreen::new())];
                    self.modal = None;
                    self.current = None;
                }
                true
            }
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Shows on the status line that the automatic backup failed and why.
    pub fn warn_backup_failed(&mut self, reason: &str) {
        self.status = Some(Status::warning(format!(
            "{} {reason}",
            self.s.shell.auto_backup_failed
        )));
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The patient named in the header, if one was chosen.
    pub fn current_patient(&self) -> Option<&CurrentPatient> {
        self.current.as_ref()
    }

    pub fn screen(&self) -> &dyn Screen {
        // The stack always holds the lookup screen at the bottom.
        self.stack[self.stack.len() - 1].as_ref()
    }

    /// The screen on top as a `T`, if it is one.
    pub fn top<T: Screen>(&self) -> Option<&T> {
        self.screen().downcast_ref()
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The title in the header.
    pub fn title(&self) -> String {
        let env = env(&self.desk, self.s, &self.theme);
        self.screen().title(&env)
    }

    fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Handles one event; returns whether the screen must be drawn again.
    /// Its timing is unknown, so no key of it is taken for a card scanner.
    pub fn handle(&mut self, event: AppEvent) -> bool {
        self.handle_timed(event, None)
    }

    /// Handles one event that came `gap` after the input event before it
    /// (`None`: unknown); returns whether the screen must be drawn again.
    pub fn handle_timed(&mut self, event: AppEvent, gap: Option<Duration>) -> bool {
        match event {
            AppEvent::Resize(w, h) => {
                self.scanner.reset();
                self.size = Some((w, h));
                true
            }
            AppEvent::Paste(text) => {
                self.scanner.reset();
                if self.check_idle() {
                    return true;
                }
                match &mut self.gate {
                    Some(gate) => gate.input_mut().is_some_and(|i| field::paste(i, &text)),
                    None => self.paste(&text),
                }
            }
            AppEvent::Key(key) => self.key(&key, gap),
            AppEvent::Tick => {
                let locked = self.check_idle();
                self.refresh_if_changed() || locked
            }
        }
    }

    /// Another desk (or this one) wrote in an area the top screen shows since
    /// it was loaded: the screen reads its data again, keeping the operator's
    /// selection, scroll and typed text. Returns whether it did.
    fn refresh_if_changed(&mut self) -> bool {
        let now = self.desk.changes();
        let depth = self.stack.len();
        self.seen.truncate(depth);
        // A screen pushed since the last tick loaded after that tick's read:
        // comparing with it may refresh once more, never miss a write.
        while self.seen.len() < depth {
            self.seen.push(self.last_changes);
        }
        self.last_changes = now;
        if self.gate.is_some() {
            // Locked or logging in: the screens refresh once unlocked.
            return false;
        }
        let top = depth - 1;
        let changed = now.changed_since(&self.seen[top], self.stack[top].areas());
        if changed && (self.modal.is_some() || self.stack[top].has_dialog()) {
            // A question or list open over the screen may name what it acts
            // on by its place in the screen's lists: the screen refreshes
            // once the dialog is closed.
            return false;
        }
        self.seen[top] = now;
        if !changed {
            return false;
        }
        let env = env(&self.desk, self.s, &self.theme);
        self.stack[top].refresh(&env);
        true
    }

    fn key(&mut self, key: &KeyEvent, gap: Option<Duration>) -> bool {
        if key.kind != KeyEventKind::Press {
            return false;
        }
        if self.too_small() {
            // Only the way back and the way out; nothing typed blind.
            let esc = key.code == KeyCode::Esc && key.modifiers == KeyModifiers::NONE;
            let quit = keys::action_for(&[], Context::Global, key) == Some(Action::Quit);
            if !esc && !quit {
                return false;
            }
        }
        // A key after the idle time locks first; it does not act.
        if self.check_idle() {
            return true;
        }
        self.last_activity = self.desk.now();
        if let Some(gate) = &mut self.gate {
            // A card read at the login is no password: not tried, not
            // counted against the operator.
            if self.scanner.key(key, gap).is_some() {
                if let Some(input) = gate.input_mut() {
                    input.reset();
                }
                gate.set_error(self.s.shell.scan_at_gate.to_string());
                return true;
            }
            return self.gate_key(key);
        }
        let scanned = self.scanner.key(key, gap);
        let had_status = self.status.take().is_some();
        let changed = match scanned.and_then(|cf| self.scanned(cf)) {
            Some(changed) => changed,
            None => self.route(key),
        };
        changed || had_status
    }

    /// The Enter that ends a card scan of `cf`. Where a text field other
    /// than the lookup's has the focus the code was typed into it, and the
    /// Enter is an ordinary key (`None`). Elsewhere the scan opens the
    /// patient through the lookup (asking first about unsaved changes), or
    /// with a dialog open does nothing but say so.
    fn scanned(&mut self, cf: String) -> Option<bool> {
        if let Some(modal) = &self.modal {
            if modal.input.is_some() || !modal.fields.is_empty() {
                return None;
            }
            self.status = Some(Status::info(self.s.shell.scan_in_dialog));
            return Some(true);
        }
        let top = self.stack.last_mut()?;
        if !top.is::<LookupScreen>() && top.focused_input().is_some() {
            return None;
        }
        if top.has_dialog() {
            self.status = Some(Status::info(self.s.shell.scan_in_dialog));
            return Some(true);
        }
        self.pending_scan = Some(cf);
        Some(self.navigate(Nav::Scan))
    }

    /// The lookup with the scanned code in place of what the box held, and
    /// the patient's record; or the message that nobody has that code.
    fn open_scanned(&mut self) {
        let Some(cf) = self.pending_scan.take() else {
            return;
        };
        self.stack.truncate(1);
        if let Some(lookup) = self
            .stack
            .first_mut()
            .and_then(|s| s.downcast_mut::<LookupScreen>())
            && let Err(e) = lookup.set_query(&cf, &self.desk)
        {
            self.status = Some(Status::error(crate::texts::error(self.s.lang, &e)));
            return;
        }
        match self.desk.patients().patient_by_cf(&cf) {
            Ok(Some(p)) => self.open_record(p.id),
            Ok(None) => self.status = Some(Status::warning(self.s.shell.scan_not_found(&cf))),
            Err(e) => self.status = Some(Status::error(crate::texts::error(self.s.lang, &e))),
        }
    }

    fn route(&mut self, key: &KeyEvent) -> bool {
        // 1. The dialog takes every key.
        if let Some(modal) = &mut self.modal {
            let outcome = modal.handle_key(key);
            // The area keys wait for the dialog; said, not silently dropped.
            if outcome == ModalOutcome::Consumed(false)
                && keys::action_for(&[], Context::Global, key).is_some()
            {
                self.status = Some(Status::info(self.s.shell.close_dialog_first));
                return true;
            }
            return match outcome {
                ModalOutcome::Confirmed => self.modal_answered(|m| Some(m.on_submit.clone())),
                ModalOutcome::Cancelled => {
                    self.modal_answered(|m| m.on_cancel.clone());
                    true
                }
                ModalOutcome::Save => self.modal_answered(|m| m.on_save.clone()),
                ModalOutcome::Consumed(changed) => changed,
            };
        }
        let env = env(&self.desk, self.s, &self.theme);
        let Some(screen) = self.stack.last_mut() else {
            return false;
        };
        // 2. The focused text field.
        if let Some(input) = screen.focused_input()
            && let Some(change) = field::handle_key(input, key)
        {
            return match change {
                FieldChange::Value => {
                    let cmd = screen.input_changed(&env);
                    self.apply(cmd);
                    true
                }
                FieldChange::Cursor => true,
                FieldChange::Nothing => false,
            };
        }
        // 3. The screen's keymap.
        if let Some(action) = keys::action_for(screen.keys(), screen.context(), key)
            && let Some(cmd) = screen.action(action, &env)
        {
            return self.apply(cmd);
        }
        // A letter on a choice of the screen's own.
        if let Some(c) = crate::tui::kit::dialog::typed_letter(key)
            && let Some(cmd) = screen.typed(c, &env)
        {
            return self.apply(cmd);
        }
        // A list or dialog of the screen's own holds the keys like a modal.
        if screen.has_dialog() {
            if keys::action_for(&[], Context::Global, key).is_some() {
                self.status = Some(Status::info(self.s.shell.close_dialog_first));
                return true;
            }
            return false;
        }
        // 4. Global keys.
        match keys::action_for(&[], Context::Global, key) {
            Some(action) => self.global(action),
            None => self.unused_key(key),
        }
    }

    /// A function key (or Alt+digit) with nothing to do here says so: no
    /// key is dead.
    fn unused_key(&mut self, key: &KeyEvent) -> bool {
        let function = match key.code {
            KeyCode::F(_) => key.modifiers.is_empty(),
            KeyCode::Char(c) => c.is_ascii_digit() && key.modifiers == KeyModifiers::ALT,
            _ => false,
        };
        if !function {
            return false;
        }
        let name = keys::Key {
            code: key.code,
            modifiers: key.modifiers,
        }
        .name(self.s);
        self.status = Some(Status::info(self.s.shell.key_unused(&name)));
        true
    }

    fn paste(&mut self, text: &str) -> bool {
        if let Some(modal) = &mut self.modal {
            return modal.paste(text);
        }
        if self.too_small() {
            return false;
        }
        let env = env(&self.desk, self.s, &self.theme);
        let Some(screen) = self.stack.last_mut() else {
            return false;
        };
        match screen.focused_input() {
            Some(input) => {
                if field::paste(input, text) {
                    let cmd = screen.input_changed(&env);
                    self.apply(cmd);
                    true
                } else {
                    false
                }
            }
            None => {
                self.status = Some(Status::info(self.s.shell.paste_nowhere));
                true
            }
        }
    }

    fn global(&mut self, action: Action) -> bool {
        match action {
            Action::Help => {
                // F1 again closes the help.
                if self.screen().is::<HelpScreen>() {
                    return self.navigate(Nav::Back);
                }
                self.stack
                    .push(Box::new(HelpScreen::new(KEY_TABLES, context_title)));
                true
            }
            Action::Patients => self.navigate(Nav::Root),
            Action::Quit => self.navigate(Nav::Quit),
            Action::Patto
            | Action::Richiami
            | Action::Gestore
            | Action::Admin
            | Action::Pai
            | Action::Agenda => {
                // In the lookup, the area key chooses the patient the
                // operator searched for and highlighted (not a row left
                // highlighted from an earlier search).
                if matches!(
                    action,
                    Action::Gestore | Action::Patto | Action::Pai | Action::Agenda
                ) && let Some(l) = self.top::<LookupScreen>()
                    && let Some(id) = l.searched_row()
                    && self.current.as_ref().map(|c| c.id) != Some(id)
                {
                    self.choose(id);
                }
                if self.area_is_open(action) {
                    return true;
                }
                let needs_patient = matches!(action, Action::Gestore | Action::Patto | Action::Pai);
                if needs_patient && self.current.is_none() {
                    self.status = Some(Status::info(self.s.shell.no_current_patient));
                    return true;
                }
                self.navigate(Nav::Area(action))
            }
            _ => false,
        }
    }

    /// Whether the screen on top already is the area of `action` (for the
    /// current patient): its key then does nothing more.
    fn area_is_open(&self, action: Action) -> bool {
        let current = self.current.as_ref().map(|c| c.id);
        let top = self.screen();
        match action {
            Action::Richiami => top.is::<RichiamiScreen>(),
            Action::Agenda => top.is::<AgendaScreen>(),
            Action::Patto => top
                .downcast_ref::<PattoScreen>()
                .is_some_and(|p| Some(p.id()) == current),
            Action::Gestore => top
                .downcast_ref::<GestoreScreen>()
                .is_some_and(|g| g.patient().map(|(id, _)| id) == current),
            Action::Pai => top
                .downcast_ref::<PaiScreen>()
                .is_some_and(|p| !p.is_historic() && p.patient_id() == current),
            Action::Admin => top
                .downcast_ref::<AdminScreen>()
                .is_some_and(AdminScreen::is_menu),
            _ => false,
        }
    }

    /// Opens the area of `action` over the screen.
    fn open_area(&mut self, action: Action) -> bool {
        match action {
            Action::Patto | Action::Richiami => self.open_patto_area(action),
            Action::Gestore => self.open_gestore(),
            Action::Admin => self.open_admin(),
            Action::Pai => self.open_pai(),
            Action::Agenda => self.open_agenda(),
            _ => false,
        }
    }

    /// F4 (the current patient's Patto di Cura) and F7 (the recall lists).
    fn open_patto_area(&mut self, action: Action) -> bool {
        let top = self.screen();
        let screen = if action == Action::Richiami {
            if top.is::<RichiamiScreen>() {
                return true;
            }
            RichiamiScreen::load(&self.desk)
                .map(|r| Box::new(r) as Box<dyn Screen>)
                .map_err(|e| crate::texts::error(self.s.lang, &e))
        } else {
            let Some(id) = self.current.as_ref().map(|c| c.id) else {
                self.status = Some(Status::info(self.s.shell.no_current_patient));
                return true;
            };
            if let Some(p) = top.downcast_ref::<PattoScreen>()
                && p.id() == id
            {
                return true;
            }
            PattoScreen::load(&self.desk, PattoTexts::for_lang(self.s.lang), id)
                .map(|p| Box::new(p) as Box<dyn Screen>)
        };
        match screen {
            Ok(screen) => {
                if self.screen().is::<PlaceholderScreen>() {
                    self.stack.pop();
                }
                self.stack.push(screen);
            }
            Err(e) => self.status = Some(Status::error(e)),
        }
        true
    }

    /// F3: the Gestore of the current patient.
    fn open_gestore(&mut self) -> bool {
        let patient = self.current.as_ref().map(|c| c.id);
        if let Some(g) = self.top::<GestoreScreen>()
            && g.patient().map(|(id, _)| id) == patient
        {
            return true;
        }
        let env = env(&self.desk, self.s, &self.theme);
        let screen = GestoreScreen::new(patient, &env);
        if self.screen().is::<PlaceholderScreen>() || self.screen().is::<GestoreScreen>() {
            self.stack.pop();
        }
        self.stack.push(Box::new(screen));
        true
    }

    /// F11 or Alt+9: the Amministrazione menu.
    fn open_admin(&mut self) -> bool {
        if let Some(a) = self.top::<AdminScreen>()
            && a.is_menu()
        {
            return true;
        }
        if self.screen().is::<PlaceholderScreen>() {
            self.stack.pop();
        }
        self.stack.push(Box::new(AdminScreen::menu()));
        true
    }

    /// F5: the PAI of the current patient.
    fn open_pai(&mut self) -> bool {
        let patient = self.current.as_ref().map(|c| c.id);
        if let Some(p) = self.top::<PaiScreen>()
            && !p.is_historic()
            && p.patient_id() == patient
        {
            return true;
        }
        match PaiScreen::load(&self.desk, patient) {
            Ok(screen) => {
                let top = self.screen();
                let replace = top.is::<PlaceholderScreen>()
                    || top
                        .downcast_ref::<PaiScreen>()
                        .is_some_and(|p| !p.is_dirty());
                if replace {
                    self.stack.pop();
                }
                self.stack.push(Box::new(screen));
            }
            Err(e) => self.status = Some(Status::error(crate::texts::error(self.s.lang, &e))),
        }
        true
    }

    /// F6: the agenda's day list, with the current patient (if any) for
    /// planning their PAI.
    fn open_agenda(&mut self) -> bool {
        if self.screen().is::<AgendaScreen>() {
            return true;
        }
        let patient = self.current.as_ref().map(|c| (c.id, c.name.clone()));
        match AgendaScreen::load(&self.desk, patient, self.desk.today()) {
            Ok(screen) => {
                if self.screen().is::<PlaceholderScreen>() {
                    self.stack.pop();
                }
                self.stack.push(Box::new(screen));
            }
            Err(e) => self.status = Some(Status::error(crate::texts::error(self.s.lang, &e))),
        }
        true
    }

    /// Whether a screen asked for work after the next draw.
    pub fn has_deferred(&self) -> bool {
        self.deferred
    }

    /// Runs the top screen's deferred work; returns whether to draw again.
    pub fn run_deferred(&mut self) -> bool {
        if !std::mem::take(&mut self.deferred) {
            return false;
        }
        let env = env(&self.desk, self.s, &self.theme);
        let cmd = match self.stack.last_mut() {
            Some(screen) => screen.deferred(&env),
            None => Cmd::None,
        };
        self.apply(cmd);
        true
    }

    /// Goes back, to the lookup, to another area, to a scanned patient or
    /// out; asks first (salva / scarta / resta) when a form with unsaved
    /// changes would be left.
    fn navigate(&mut self, nav: Nav) -> bool {
        match self.dirty_left_by(nav) {
            Some(i) => self.modal = Some(self.unsaved_question(nav, i)),
            None => self.perform(nav),
        }
        true
    }

    /// The topmost screen with unsaved changes that `nav` would leave.
    fn dirty_left_by(&self, nav: Nav) -> Option<usize> {
        let from = match nav {
            Nav::Back => self.stack.len().saturating_sub(1).max(1),
            Nav::Quit => 0,
            Nav::Root | Nav::Area(_) | Nav::Scan => 1,
        };
        (from..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].is_dirty())
    }

    /// The question naming the changed form (screen `i`) and its patient.
    fn unsaved_question(&self, nav: Nav, i: usize) -> Modal {
        let env = env(&self.desk, self.s, &self.theme);
        let sh = self.s.shell;
        let screen = &self.stack[i];
        let form = screen.title(&env);
        let patient = screen.patient().map(|(id, name)| {
            let cf = self
                .desk
                .patients()
                .patient(id)
                .ok()
                .flatten()
                .map(|p| p.codice_fiscale)
                .unwrap_or_default();
            (name, cf)
        });
        let first = sh.unsaved_form(
            &form,
            patient
                .as_ref()
                .map(|(name, cf)| (name.as_str(), cf.as_str())),
        );
        let question = if nav == Nav::Quit {
            Context::ConfirmQuit
        } else {
            Context::ConfirmDiscard
        };
        Modal::confirm(
            Submit::new(move |_, _| Cmd::Discard(nav)),
            sh.unsaved_title.to_string(),
            vec![first, sh.unsaved_question.to_string()],
        )
        .with_question(
            question,
            Some(Submit::new(move |_, _| Cmd::SaveAndGo(nav))),
            Some(Submit::new(|_, _| Cmd::Stay)),
        )
    }

    /// "resta": back to the changed form, its text as it was.
    fn stay(&mut self) {
        self.pending_scan = None;
        if let Some(i) = (1..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].is_dirty())
        {
            self.stack.truncate(i + 1);
        }
    }

    /// "scarta": the changed screens are closed, then on to `nav`.
    fn discard_and_go(&mut self, nav: Nav) {
        if matches!(nav, Nav::Area(_))
            && let Some(i) = (1..self.stack.len()).find(|&i| self.stack[i].is_dirty())
        {
            self.stack.truncate(i);
            if let Some(screen) = self.stack.last_mut()
                && let Err(e) = screen.resumed(&self.desk)
            {
                self.status = Some(Status::error(crate::texts::error(self.s.lang, &e)));
            }
        }
        self.perform(nav);
    }

    /// "salva": the changed form saves as with its own key; on to `nav` when
    /// that worked, else the form stays on top with its errors.
    fn save_and_go(&mut self, nav: Nav) {
        let Some(i) = (1..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].is_dirty())
        else {
            self.perform(nav);
            return;
        };
        self.stack.truncate(i + 1);
        let was_form = self.stack[i].is::<FormScreen>();
        let env = env(&self.desk, self.s, &self.theme);
        let cmd = self.stack[i].save_changes(&env);
        self.apply(cmd);
        if self.modal.is_some() || self.stack.iter().any(|s| s.is_dirty()) {
            self.pending_scan = None;
            return;
        }
        // A saved patient form has closed itself, onto the record.
        if nav == Nav::Back && was_form {
            return;
        }
        self.perform(nav);
    }

    fn perform(&mut self, nav: Nav) {
        match nav {
            Nav::Area(action) => {
                self.open_area(action);
            }
            Nav::Scan => self.open_scanned(),
            Nav::Back => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                    if let Some(screen) = self.stack.last_mut()
                        && let Err(e) = screen.resumed(&self.desk)
                    {
                        self.status = Some(Status::error(crate::texts::error(self.s.lang, &e)));
                    }
                }
            }
            Nav::Root => self.stack.truncate(1),
            Nav::Quit => self.quit = true,
        }
    }

    /// Closes the dialog and carries out what its answer does (`which` of
    /// its completions, if it has one) on the screen under it; returns
    /// whether the answer did anything.
    fn modal_answered(&mut self, which: impl FnOnce(&Modal) -> Option<Submit>) -> bool {
        let Some(modal) = self.modal.take() else {
            return false;
        };
        let Some(submit) = which(&modal) else {
            return false;
        };
        let env = env(&self.desk, self.s, &self.theme);
        let Some(screen) = self.stack.last_mut() else {
            return false;
        };
        let cmd = submit.run(screen.as_mut(), modal, &env);
        self.apply(cmd);
        true
    }

    /// Carries out a screen's command; returns whether to draw again.
    fn apply(&mut self, cmd: Cmd) -> bool {
        let s = self.s;
        match cmd {
            Cmd::None => false,
            Cmd::Redraw => true,
            Cmd::Status(status) => {
                self.status = Some(status);
                true
            }
            Cmd::OpenRecord(id) => {
                self.open_record(id);
                true
            }
            Cmd::NewPatient(cf) => {
                let env = env(&self.desk, s, &self.theme);
                let form = FormScreen::new_patient(cf, &env);
                self.stack.push(Box::new(form));
                true
            }
            Cmd::EditPatient(patient) => {
                let env = env(&self.desk, self.s, &self.theme);
                let form = FormScreen::edit(*patient, &env);
                self.stack.push(Box::new(form));
                true
            }
            Cmd::Back => self.navigate(Nav::Back),
            Cmd::Modal(modal) => {
                self.modal = Some(*modal);
                true
            }
            Cmd::Saved { id, message } => {
                if self.screen().is::<FormScreen>() && self.stack.len() > 1 {
                    self.stack.pop();
                }
                let reloaded = match self
                    .stack
                    .last_mut()
                    .and_then(|s| s.downcast_mut::<RecordScreen>())
                {
                    Some(record) if record.id() == id => Some(record.reload(&self.desk)),
                    _ => None,
                };
                match reloaded {
                    Some(Err(e)) => {
                        self.status = Some(Status::error(crate::texts::error(self.s.lang, &e)))
                    }
                    Some(Ok(())) => {}
                    None => self.open_record(id),
                }
                self.refresh_lookups();
                if self.status.is_none() {
                    self.status = Some(Status::success(message));
                }
                true
            }
            Cmd::ShowExisting { id, message } => {
                if self.screen().is::<FormScreen>() && self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.open_record(id);
                if self.status.is_none() {
                    self.status = Some(Status::warning(message));
                }
                true
            }
            Cmd::RefreshLookups => {
                self.refresh_lookups();
                true
            }
            Cmd::Later => {
                self.deferred = true;
                true
            }
            Cmd::Discard(nav) => {
                self.discard_and_go(nav);
                true
            }
            Cmd::SaveAndGo(nav) => {
                self.save_and_go(nav);
                true
            }
            Cmd::Stay => {
                self.stay();
                true
            }
            Cmd::Open(open) => {
                let env = env(&self.desk, s, &self.theme);
                let cmd = match open {
                    Open::Patto(id) => {
                        match PattoScreen::load(&self.desk, PattoTexts::for_lang(s.lang), id) {
                            Ok(screen) => Cmd::push(screen),
                            Err(e) => Cmd::Status(Status::error(e)),
                        }
                    }
                    Open::AgendaPlanning(patient) => AgendaScreen::planning(&env, patient),
                    // A list of everybody: opening it chooses no patient.
                    Open::Arruolabili => match ArruolabiliScreen::load(&self.desk) {
                        Ok(screen) => {
                            self.stack.push(Box::new(screen));
                            Cmd::Redraw
                        }
                        Err(e) => Cmd::Status(Status::error(crate::texts::error(s.lang, &e))),
                    },
                    Open::Gestore(id) => Cmd::push(GestoreScreen::new(Some(id), &env)),
                };
                self.apply(cmd)
            }
            Cmd::Push(screen) => {
                // A screen opened from a list row is that patient's: chosen.
                if let Some((id, _)) = screen.patient()
                    && self.current.as_ref().map(|c| c.id) != Some(id)
                {
                    self.choose(id);
                }
                self.stack.push(screen);
                true
            }
            Cmd::Many(cmds) => {
                let mut changed = false;
                for cmd in cmds {
                    changed |= self.apply(cmd);
                }
                changed
            }
        }
    }

    fn open_record(&mut self, id: PatientId) {
        match self.desk.patients().open_patient_record(id) {
            Ok(Some(p)) => {
                self.set_current(CurrentPatient::of(&p));
                self.stack.push(Box::new(RecordScreen::new(p)));
            }
            Ok(None) => self.status = Some(Status::error(self.s.kit.patient_not_found)),
            Err(e) => self.status = Some(Status::error(crate::texts::error(self.s.lang, &e))),
        }
    }

    /// Makes patient `id` the current one.
    fn choose(&mut self, id: PatientId) {
        match self.desk.patients().patient(id) {
            Ok(Some(p)) => self.set_current(CurrentPatient::of(&p)),
            Ok(None) => self.current = None,
            Err(e) => self.status = Some(Status::error(crate::texts::error(self.s.lang, &e))),
        }
    }

    /// Makes `patient` the current one. The screens of another patient
    /// (record, Gestore, Patto, PAI, the agenda planning for them) are
    /// closed: every screen is about the patient the header names. A screen
    /// with unsaved changes is never closed here (leaving it asks first).
    fn set_current(&mut self, patient: CurrentPatient) {
        let id = patient.id;
        if self.current.as_ref().is_some_and(|c| c.id != id) {
            self.stack
                .retain(|s| s.is_dirty() || s.owner().is_none_or(|owner| owner == id));
        }
        self.current = Some(patient);
        for screen in &mut self.stack {
            if let Some(lookup) = screen.downcast_mut::<LookupScreen>() {
                lookup.settle();
            }
        }
    }

    fn refresh_lookups(&mut self) {
        // The current patient's name or code may have changed.
        if let Some(id) = self.current.as_ref().map(|c| c.id) {
            self.choose(id);
        }
        for screen in &mut self.stack {
            if let Some(lookup) = screen.downcast_mut::<LookupScreen>()
                && let Err(e) = lookup.refresh(&self.desk)
            {
                self.status = Some(Status::error(crate::texts::error(self.s.lang, &e)));
            }
        }
    }

    /// Draws the whole application into `frame`.
    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        self.size = Some((area.width, area.height));
        let env = env(&self.desk, self.s, &self.theme);
        if self.too_small() {
            draw_too_small(frame, area, &env, self.modal.as_ref());
            return;
        }
        // A long status wraps at spaces onto up to three lines, taken from
        // the body, rather than being cut mid-word.
        let status_lines = self
            .status
            .as_ref()
            .map_or(1, |st| status_lines(st, usize::from(area.width)).len());
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status_lines as u16),
            Constraint::Length(2),
        ])
        .areas(area);
        if let Some(gate) = &self.gate {
            // Nobody's name on a locked screen.
            draw_header(frame, header, &env, gate.title(&env), None);
            gate.draw(frame, body, &env);
            draw_footer(
                frame,
                footer,
                &env,
                (shell::keys::KEYS, Context::Login),
                false,
            );
            return;
        }
        let Some(screen) = self.stack.last_mut() else {
            return;
        };
        let title = screen.title(&env);
        draw_header(frame, header, &env, &title, self.current.as_ref());
        screen.draw(frame, body, &env, self.modal.is_none());
        let context = self
            .modal
            .as_ref()
            .map_or_else(|| screen.context(), Modal::context);
        draw_status(frame, status, &env, self.status.as_ref());
        let globals = self.modal.is_none() && !screen.has_dialog();
        draw_footer(frame, footer, &env, (screen.keys(), context), globals);
        if let Some(modal) = &self.modal {
            modal.draw(frame, body, &env);
        }
    }
}

/// The header: the current patient (name and codice fiscale) or, with none,
/// the application and the practice; the screen's title; the operator and
/// the date.
fn draw_header(
    frame: &mut Frame,
    area: Rect,
    env: &Env,
    title: &str,
    patient: Option<&CurrentPatient>,
) {
    let s = ShellTexts::for_lang(env.lang);
    let width = usize::from(area.width);
    let left = match patient {
        Some(p) => {
            let demo = if env.desk.is_demo() {
                format!(" {} ·", s.shell.demo_store)
            } else {
                String::new()
            };
            // The code whole; the name gives way on a narrow screen.
            let room =
                (width / 2).saturating_sub(format::width(&demo) + p.codice_fiscale.len() + 4);
            format!(
                "{demo} {} · {}",
                format::truncate(&p.name, room.max(8)),
                p.codice_fiscale
            )
        }
        None => {
            // The practice's saved name (Amministrazione · Studio), else the generic one.
            let practice = env
                .desk
                .gestori()
                .practice_name()
                .map(|n| crate::texts::label::practice_name(env.lang, &n))
                .unwrap_or_else(|_| s.shell.practice.to_string());
            let practice = format::truncate(&practice, width / 4);
            let mut left = format!(" {} · {}", s.shell.app_name, practice);
            if env.desk.is_demo() {
                left = format!("{left} · {}", s.shell.demo_store);
            }
            left
        }
    };
    let operator = match env.desk.session() {
        Some(session) => {
            let role = crate::domain::operator::Role::ALL
                .iter()
                .position(|r| *r == session.role)
                .and_then(|i| s.shell.role_short.get(i))
                .copied()
                .unwrap_or("");
            // The command line's session (scripts, tests) has no operator of its own.
            let name = match session.operator {
                Some(_) => session.username,
                None => s.kit.operator.to_string(),
            };
            format!("{name} ({role})")
        }
        None => s.shell.nobody.to_string(),
    };
    let mut right = format!("{operator} · {} ", format::date(env.today));
    // With a patient the line is full: one space either side of the title.
    let margins = if patient.is_some() { 2 } else { 4 };
    let room =
        |right: &str| width.saturating_sub(format::width(&left) + format::width(right) + margins);
    // A title that does not fit whole first takes the operator's place
    // (the date stays), then gives way at a word.
    if format::width(title) > room(&right) {
        right = format!("{} ", format::date(env.today));
    }
    let title = format::truncate_words(title, room(&right));
    let used = format::width(&left) + format::width(&title) + format::width(&right);
    let free = width.saturating_sub(used);
    // The title centred in the free space.
    let before = (width / 2)
        .saturating_sub(format::width(&title) / 2)
        .saturating_sub(format::width(&left))
        // A space before the title, and at least one between it and the operator.
        .max(1)
        .min(free.saturating_sub(1));
    let after = free - before;
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(before)),
        Span::raw(title),
        Span::raw(" ".repeat(after)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(env.theme.header), area);
}

fn draw_status(frame: &mut Frame, area: Rect, env: &Env, status: Option<&Status>) {
    let Some(status) = status else {
        return;
    };
    let theme = env.theme;
    let style = match status.kind {
        StatusKind::Info => theme.status_info,
        StatusKind::Success => theme.status_success,
        StatusKind::Warning => theme.status_warning,
        StatusKind::Error => theme.status_error,
    };
    let lines: Vec<Line> = status_lines(status, usize::from(area.width))
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Most lines a status may take: past them the text is cut with "…".
const STATUS_MAX_LINES: usize = 3;

/// The status's text as drawn in `width` columns: its mark, then the text
/// wrapped at spaces (continuation lines indented under the text), at most
/// `STATUS_MAX_LINES` lines.
fn status_lines(status: &Status, width: usize) -> Vec<String> {
    let mark = match status.kind {
        StatusKind::Info => "",
        StatusKind::Success => "✓ ",
        StatusKind::Warning => "! ",
        StatusKind::Error => "✗ ",
    };
    let indent = 1 + format::width(mark);
    let mut lines = format::wrap(&status.text, width.saturating_sub(indent).max(1));
    if lines.len() > STATUS_MAX_LINES {
        let rest = lines.split_off(STATUS_MAX_LINES - 1).join(" ");
        lines.push(format::truncate(&rest, width.saturating_sub(indent)));
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| match i {
            0 => format!(" {mark}{l}"),
            _ => format!("{}{l}", " ".repeat(indent)),
        })
        .collect()
}

/// Hint spans for a context: the key, then its label.
fn hint_spans<'a>(
    table: &'static [Binding],
    context: Context,
    env: &Env,
    width: usize,
) -> Vec<Span<'a>> {
    let s = ShellTexts::for_lang(env.lang);
    let items: Vec<(String, &'static str)> = keys::hints(table, context)
        .map(|b| (b.key.name(s), (b.label)(s.lang)))
        .collect();
    let total = |sep: usize| -> usize {
        items
            .iter()
            .map(|(k, l)| format::width(k) + 1 + format::width(l))
            .sum::<usize>()
            + sep * items.len()
    };
    let sep = if total(2) <= width { "  " } else { " " };
    // Whole items only: the line stops before the first one that does not
    // fit (F1 lists them all), never in the middle of a word.
    let mut spans = vec![Span::raw(" ")];
    let mut used = 0;
    for (i, (key, label)) in items.into_iter().enumerate() {
        let gap = if i > 0 { sep.len() } else { 0 };
        let item = format::width(&key) + 1 + format::width(label);
        if used + gap + item > width {
            break;
        }
        used += gap + item;
        if i > 0 {
            spans.push(Span::raw(sep));
        }
        spans.push(Span::styled(key, env.theme.footer_key));
        spans.push(Span::styled(format!(" {label}"), env.theme.footer_text));
    }
    spans
}

fn draw_footer(
    frame: &mut Frame,
    area: Rect,
    env: &Env,
    (table, context): (&'static [Binding], Context),
    globals: bool,
) {
    let width = usize::from(area.width).saturating_sub(1);
    let [first, second] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(hint_spans(table, context, env, width))),
        first,
    );
    if globals {
        let mut spans = hint_spans(&[], Context::Global, env, width);
        let used: usize = spans.iter().map(Span::width).sum();
        let tip = format!("  {}", ShellTexts::for_lang(env.lang).shell.alt_tip);
        if used + format::width(&tip) <= usize::from(area.width) {
            spans.push(Span::styled(tip, env.theme.muted));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), second);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, env: &Env, modal: Option<&Modal>) {
    let s = ShellTexts::for_lang(env.lang);
    let mut lines = vec![
        Line::styled(s.shell.too_small_title, env.theme.section),
        Line::raw(""),
        Line::raw(
            s.shell
                .too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT),
        ),
        Line::raw(""),
    ];
    match modal {
        Some(m) => {
            lines.push(Line::styled(m.title.clone(), env.theme.status_warning));
            if m.context() == Context::ConfirmQuit {
                lines.push(Line::raw(s.shell.too_small_quit_pending));
            } else {
                lines.push(Line::raw(s.shell.too_small_dialog));
            }
        }
        None => lines.push(Line::raw(s.shell.too_small_keys)),
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(area.height);
    let rect = Rect {
        y: area.y + area.height.saturating_sub(height) / 2,
        height: height.min(area.height),
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
