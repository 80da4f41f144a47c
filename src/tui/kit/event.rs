//! Where events come from: the terminal in production, a scripted queue in
//! tests. Only key presses, pasted text and resizes reach the application.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// How often an idle source reports that nothing happened: the idle lock is
/// checked, and a screen whose data another desk changed is refreshed.
pub const TICK: Duration = Duration::from_millis(500);

/// How often the terminal source looks for a termination signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEvent {
    Key(KeyEvent),
    /// Text pasted with bracketed paste.
    Paste(String),
    Resize(u16, u16),
    /// Time passed without input (the idle lock checks the clock).
    Tick,
}

pub trait EventSource {
    /// Waits for the next event; `None` when the source has no more events.
    fn next_event(&mut self) -> io::Result<Option<AppEvent>>;

    /// Whether another event is ready now: the loop then handles it before
    /// drawing, so a burst of keys costs one frame.
    fn has_pending(&mut self) -> io::Result<bool> {
        Ok(false)
    }

    /// How long after the input event before it the last event returned
    /// arrived (`None`: unknown, or the first). A card scanner types its
    /// keys a few milliseconds apart, a person far slower.
    fn key_gap(&self) -> Option<Duration> {
        None
    }
}

/// Events read from the terminal with crossterm. The machine shutting down,
/// the terminal window closed or the user logging off (SIGTERM and SIGHUP on
/// Unix, the console control events on Windows) end the events, so the
/// application leaves through its normal way out: the terminal restored and
/// the store closed cleanly.
#[derive(Debug, Default)]
pub struct TerminalEvents {
    /// An event read ahead, with when it was read.
    pending: Option<(AppEvent, Instant)>,
    terminate: Arc<AtomicBool>,
    /// When the last input event was read.
    last_input: Option<Instant>,
    /// The gap before the last event returned.
    gap: Option<Duration>,
}

impl TerminalEvents {
    pub fn new() -> TerminalEvents {
        TerminalEvents {
            pending: None,
            terminate: termination::watch(),
            last_input: None,
            gap: None,
        }
    }

    /// Returns an input event read at `at`, noting the gap since the one before.
    fn stamped(&mut self, event: AppEvent, at: Instant) -> Option<AppEvent> {
        self.gap = self
            .last_input
            .map(|last| at.saturating_duration_since(last));
        self.last_input = Some(at);
        Some(event)
    }

    fn terminating(&self) -> bool {
        self.terminate.load(Ordering::Relaxed)
    }
}

/// The flag the console's control events set (Ctrl+C, Ctrl+Break, the
/// window closed, logoff, shutdown): `sportello serve` closes on it.
#[cfg(windows)]
pub fn termination_flag() -> Arc<AtomicBool> {
    termination::watch()
}

/// SIGTERM and SIGHUP set the flag. Without the watcher the signals keep
/// their default action: every save is already durable, only an unsaved form
/// would be lost.
#[cfg(unix)]
mod termination {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    pub fn watch() -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let set = Arc::clone(&flag);
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
        ]) {
            let _ = std::thread::Builder::new()
                .name("segnali".into())
                .spawn(move || {
                    if signals.forever().next().is_some() {
                        set.store(true, Ordering::Relaxed);
                        // A closed terminal can keep the reader from ever
                        // returning: then leave anyway (saves are durable).
                        std::thread::sleep(Duration::from_secs(3));
                        std::process::exit(143);
                    }
                });
        }
        flag
    }
}

/// The console control events set the flag: Ctrl+Break (and Ctrl+C when the
/// console is not in raw mode), the console window closed, the user logging
/// off, the machine shutting down (the last two reach a hidden window).
#[cfg(windows)]
mod termination {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::Duration;

    use windows_sys::Win32::System::Console::{
        CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT, SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    /// One handler per process, so one flag for every source.
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

    /// How long the handler holds a closing console open: Windows ends the
    /// process when the handler returns, and on its own after about 5
    /// seconds. The loop sees the flag within `SIGNAL_CHECK`, and the
    /// process ends as soon as `main` returns.
    const CLOSE_GRACE: Duration = Duration::from_millis(4500);

    pub fn watch() -> Arc<AtomicBool> {
        let mut first = false;
        let flag = FLAG.get_or_init(|| {
            first = true;
            Arc::new(AtomicBool::new(false))
        });
        if first {
            // SAFETY: `handler` has the signature Windows expects and only
            // touches a static; registering it has no other precondition.
            // If registering fails the events keep their default action.
            let _ = unsafe { SetConsoleCtrlHandler(Some(handler), 1) };
            end_session::listen();
        }
        Arc::clone(flag)
    }

    /// Runs on a thread Windows creates for the event.
    unsafe extern "system" fn handler(event: u32) -> BOOL {
        on_event(event);
        1
    }

    pub(super) fn on_event(event: u32) {
        if let Some(flag) = FLAG.get() {
            flag.store(true, Ordering::Relaxed);
        }
        if matches!(
            event,
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT
        ) {
            // Returning lets Windows end the process at once: wait for the
            // loop to leave and `main` to close the store (saves are already
            // durable, so running out of time loses only an unsaved form).
            std::thread::sleep(CLOSE_GRACE);
        }
    }

    /// crossterm loads user32.dll, and Windows then sends logoff and
    /// shutdown to the program's top-level windows (WM_QUERYENDSESSION,
    /// WM_ENDSESSION) instead of CTRL_LOGOFF_EVENT and CTRL_SHUTDOWN_EVENT.
    /// A window that is never shown, on a thread of its own, receives them.
    mod end_session {
        use std::ptr;

        use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
        use windows_sys::Win32::System::Console::CTRL_LOGOFF_EVENT;
        use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
        use windows_sys::Win32::UI::WindowsAndMessaging::{
            CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, MSG, RegisterClassW,
            WM_ENDSESSION, WM_QUERYENDSESSION, WNDCLASSW,
        };

        pub fn listen() {
            let _ = std::thread::Builder::new()
                .name("fine-sessione".into())
                .spawn(run);
        }

        fn run() {
            let class: Vec<u16> = "sportello-fine-sessione\0".encode_utf16().collect();
            // SAFETY: a null name asks for the program's own module.
            let instance = unsafe { GetModuleHandleW(ptr::null()) };
            let window_class = WNDCLASSW {
                style: 0,
                lpfnWndProc: Some(window_proc),
                cbClsExtra: 0,
                cbWndExtra: 0,
                hInstance: instance,
                hIcon: ptr::null_mut(),
                hCursor: ptr::null_mut(),
                hbrBackground: ptr::null_mut(),
                lpszMenuName: ptr::null(),
                lpszClassName: class.as_ptr(),
            };
            // SAFETY: the class and its name outlive the window (this
            // thread runs until the process ends).
            if unsafe { RegisterClassW(&window_class) } == 0 {
                return;
            }
            // A top-level window (message-only windows get no broadcasts),
            // without WS_VISIBLE: never shown.
            // SAFETY: the class was registered above with this name.
            let window = unsafe {
                CreateWindowExW(
                    0,
                    class.as_ptr(),
                    class.as_ptr(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    instance,
                    ptr::null(),
                )
            };
            if window.is_null() {
                return;
            }
            let mut message = MSG::default();
            // SAFETY: `message` is a valid MSG for GetMessageW to fill and
            // DispatchMessageW to read; the loop ends on WM_QUIT or an error.
            while unsafe { GetMessageW(&mut message, ptr::null_mut(), 0, 0) } > 0 {
                unsafe { DispatchMessageW(&message) };
            }
        }

        unsafe extern "system" fn window_proc(
            window: HWND,
            message: u32,
            wparam: WPARAM,
            lparam: LPARAM,
        ) -> LRESULT {
            match message {
                // Agreeing: every save is already durable.
                WM_QUERYENDSESSION => 1,
                WM_ENDSESSION => {
                    if wparam != 0 {
                        super::on_event(CTRL_LOGOFF_EVENT);
                    }
                    0
                }
                // SAFETY: the arguments are those Windows passed in.
                _ => unsafe { DefWindowProcW(window, message, wparam, lparam) },
            }
        }
    }
}

#[cfg(all(test, windows))]
mod tests {
    use super::*;
    use windows_sys::Win32::System::Console::CTRL_BREAK_EVENT;

    #[test]
    fn a_console_control_event_ends_the_events() {
        let mut events = TerminalEvents::new();
        assert!(!events.terminating());
        termination::on_event(CTRL_BREAK_EVENT);
        assert!(events.terminating());
        assert_eq!(events.next_event().ok(), Some(None));
    }
}

/// The events the application uses: key presses (not releases), paste, resize.
fn relevant(event: Event) -> Option<AppEvent> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(AppEvent::Key(key)),
        Event::Paste(text) => Some(AppEvent::Paste(text)),
        Event::Resize(w, h) => Some(AppEvent::Resize(w, h)),
        _ => None,
    }
}

impl EventSource for TerminalEvents {
    fn next_event(&mut self) -> io::Result<Option<AppEvent>> {
        if let Some((e, at)) = self.pending.take() {
            return Ok(self.stamped(e, at));
        }
        let mut quiet_since = Instant::now();
        loop {
            if self.terminating() {
                return Ok(None);
            }
            if !event::poll(SIGNAL_CHECK)? {
                // Wake up now and then without input, for the idle lock.
                if quiet_since.elapsed() >= TICK {
                    self.gap = None;
                    return Ok(Some(AppEvent::Tick));
                }
                continue;
            }
            if let Some(e) = relevant(event::read()?) {
                return Ok(self.stamped(e, Instant::now()));
            }
            quiet_since = Instant::now();
        }
    }

    fn has_pending(&mut self) -> io::Result<bool> {
        while self.pending.is_none() && event::poll(Duration::ZERO)? {
            self.pending = relevant(event::read()?).map(|e| (e, Instant::now()));
        }
        Ok(self.pending.is_some())
    }

    fn key_gap(&self) -> Option<Duration> {
        self.gap
    }
}

/// The time between two keys a person types, in scripted events.
pub const HUMAN_GAP: Duration = Duration::from_millis(150);

/// The time between two keys of a card scanner, in scripted events.
pub const SCANNER_GAP: Duration = Duration::from_millis(3);

/// A queue of events for tests and scripted demos. Each event comes a
/// while after the one before: [`HUMAN_GAP`] unless said otherwise.
#[derive(Debug, Default, Clone)]
pub struct ScriptedEvents {
    queue: VecDeque<(AppEvent, Duration)>,
    /// The gap before the last event returned.
    gap: Option<Duration>,
}

impl ScriptedEvents {
    pub fn new() -> ScriptedEvents {
        ScriptedEvents::default()
    }

    pub fn push(&mut self, event: AppEvent) -> &mut Self {
        self.push_after(event, HUMAN_GAP)
    }

    /// An event arriving `gap` after the one before.
    pub fn push_after(&mut self, event: AppEvent, gap: Duration) -> &mut Self {
        self.queue.push_back((event, gap));
        self
    }

    /// What a card scanner sends: the characters of `code` and Enter, each
    /// [`SCANNER_GAP`] after the one before (the first after a pause).
    pub fn scan(&mut self, code: &str) -> &mut Self {
        for (i, c) in code.chars().enumerate() {
            let gap = if i == 0 { HUMAN_GAP } else { SCANNER_GAP };
            self.push_after(
                AppEvent::Key(KeyEvent::new(KeyCode::Char(c), shift_for(c))),
                gap,
            );
        }
        self.push_after(
            AppEvent::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            SCANNER_GAP,
        )
    }

    /// A key without modifiers.
    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_with(code, KeyModifiers::NONE)
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.push(AppEvent::Key(KeyEvent::new(code, modifiers)))
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.key_with(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    pub fn alt(&mut self, c: char) -> &mut Self {
        self.key_with(KeyCode::Char(c), KeyModifiers::ALT)
    }

    /// Types `text` one key at a time, as a keyboard would (Shift for capitals).
    pub fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key_with(KeyCode::Char(c), shift_for(c));
        }
        self
    }

    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.push(AppEvent::Paste(text.to_string()))
    }

    /// Time passing without input.
    pub fn tick(&mut self) -> &mut Self {
        self.push(AppEvent::Tick)
    }

    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.push(AppEvent::Resize(width, height))
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

/// Shift for capitals, as a keyboard sends them.
fn shift_for(c: char) -> KeyModifiers {
    if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    }
}

impl EventSource for ScriptedEvents {
    fn next_event(&mut self) -> io::Result<Option<AppEvent>> {
        let next = self.queue.pop_front();
        self.gap = next.as_ref().map(|(_, gap)| *gap);
        Ok(next.map(|(event, _)| event))
    }

    fn key_gap(&self) -> Option<Duration> {
        self.gap
    }
}
