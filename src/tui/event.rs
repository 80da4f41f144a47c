//! Where events come from: the terminal in production, a scripted queue in
//! tests. Only key presses, pasted text and resizes reach the application.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// How often the terminal source reports that nothing happened.
const TICK: Duration = Duration::from_secs(15);

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
}

/// Events read from the terminal with crossterm. SIGTERM and SIGHUP (the
/// machine shutting down, the terminal window closed) end the events, so the
/// application leaves through its normal way out: the terminal restored and
/// the store closed cleanly.
#[derive(Debug, Default)]
pub struct TerminalEvents {
    pending: Option<AppEvent>,
    terminate: Arc<AtomicBool>,
}

impl TerminalEvents {
    pub fn new() -> TerminalEvents {
        let events = TerminalEvents::default();
        let flag = Arc::clone(&events.terminate);
        // Without the watcher the signals keep their default action: every
        // save is already durable, only an unsaved form would be lost.
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
        ]) {
            let _ = std::thread::Builder::new()
                .name("segnali".into())
                .spawn(move || {
                    if signals.forever().next().is_some() {
                        flag.store(true, Ordering::Relaxed);
                        // A closed terminal can keep the reader from ever
                        // returning: then leave anyway (saves are durable).
                        std::thread::sleep(Duration::from_secs(3));
                        std::process::exit(143);
                    }
                });
        }
        events
    }

    fn terminating(&self) -> bool {
        self.terminate.load(Ordering::Relaxed)
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
        if let Some(e) = self.pending.take() {
            return Ok(Some(e));
        }
        let mut quiet_since = Instant::now();
        loop {
            if self.terminating() {
                return Ok(None);
            }
            if !event::poll(SIGNAL_CHECK)? {
                // Wake up now and then without input, for the idle lock.
                if quiet_since.elapsed() >= TICK {
                    return Ok(Some(AppEvent::Tick));
                }
                continue;
            }
            if let Some(e) = relevant(event::read()?) {
                return Ok(Some(e));
            }
            quiet_since = Instant::now();
        }
    }

    fn has_pending(&mut self) -> io::Result<bool> {
        while self.pending.is_none() && event::poll(Duration::ZERO)? {
            self.pending = relevant(event::read()?);
        }
        Ok(self.pending.is_some())
    }
}

/// A queue of events for tests and scripted demos.
#[derive(Debug, Default, Clone)]
pub struct ScriptedEvents {
    queue: VecDeque<AppEvent>,
}

impl ScriptedEvents {
    pub fn new() -> ScriptedEvents {
        ScriptedEvents::default()
    }

    pub fn push(&mut self, event: AppEvent) -> &mut Self {
        self.queue.push_back(event);
        self
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
            let modifiers = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key_with(KeyCode::Char(c), modifiers);
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

impl EventSource for ScriptedEvents {
    fn next_event(&mut self) -> io::Result<Option<AppEvent>> {
        Ok(self.queue.pop_front())
    }
}
