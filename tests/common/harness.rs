//! The application driven through its real loop with scripted keys on
//! ratatui's TestBackend, for the screen tests.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sportello::service::Desk;
use sportello::tui::{App, Lang, ScriptedEvents, run_loop};

pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    /// The application in Italian on `desk`, in a `width` x `height` terminal.
    pub fn new(desk: Desk, width: u16, height: u16) -> Harness {
        Harness::of(App::new(desk, Lang::It), width, height)
    }

    /// `app` as it is (another language, a login gate, no idle lock...).
    pub fn of(app: App, width: u16, height: u16) -> Harness {
        Harness {
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
        }
    }

    /// Runs the real loop until the events run out (or the app quits).
    pub fn run(&mut self, events: &mut ScriptedEvents) {
        run_loop(&mut self.terminal, &mut self.app, events).expect("loop runs");
    }

    pub fn keys(&mut self, script: impl FnOnce(&mut ScriptedEvents)) {
        let mut events = ScriptedEvents::new();
        script(&mut events);
        self.run(&mut events);
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        let mut events = ScriptedEvents::new();
        events.resize(width, height);
        self.run(&mut events);
    }

    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }

    /// Row `y` of the screen.
    pub fn line(&self, y: u16) -> String {
        let buffer = self.terminal.backend().buffer();
        (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect()
    }

    /// The status line's text (empty when there is none).
    pub fn status(&self) -> String {
        self.app
            .status()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    pub fn desk(&self) -> &Desk {
        self.app.desk()
    }
}
