//! The terminal guard: raw mode, alternate screen and bracketed paste on the
//! way in; everything restored on the way out, on errors and on panics.

use std::io::{self, Stdout};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type CrosstermTerminal = Terminal<CrosstermBackend<Stdout>>;

/// Owns the terminal while the application runs; dropping it restores the
/// terminal (normal return, error or unwinding panic alike).
pub struct TerminalGuard {
    terminal: CrosstermTerminal,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
            let _ = restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                let _ = restore();
                Err(e)
            }
        }
    }

    pub fn terminal(&mut self) -> &mut CrosstermTerminal {
        &mut self.terminal
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Puts the terminal back as the shell expects it. Safe to call twice.
pub fn restore() -> io::Result<()> {
    let mut stdout = io::stdout();
    let screen = execute!(stdout, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let raw = disable_raw_mode();
    screen.and(raw)
}

/// Restores the terminal before the panic message is printed, so that the
/// message is readable and the shell usable. Installed once per process.
/// A panic of the storage engine, caught at the store boundary and shown as
/// a damaged store, leaves the terminal alone.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if crate::service::inside_store_boundary() {
                return;
            }
            let _ = restore();
            previous(info);
        }));
    });
}
