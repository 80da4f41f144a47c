//! The terminal interface: a synchronous loop that draws only after an event
//! changed something. The event source is a parameter, so tests drive the
//! same loop with a scripted queue.

pub mod admin;
pub mod agenda;
pub mod app;
pub mod arruolabili;
pub mod gestore;
pub mod kit;
pub mod pai;
pub mod patients;
pub mod patto;
pub mod richiami;
pub mod shell;

use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;

pub use app::App;
pub use kit::event::{AppEvent, EventSource, ScriptedEvents, TerminalEvents};
pub use kit::lang::Lang;

use crate::service::Desk;

/// Opens the interface on the terminal and runs it until the operator quits.
/// The terminal is restored on every way out.
/// It starts at the login (or the first start) and locks itself after
/// `idle_minutes` without input (0: never). `backup_error` tells at start
/// that the automatic backup failed (with its reason): work goes on, the
/// operator is told.
pub fn run(
    desk: Desk,
    lang: Lang,
    idle_minutes: u32,
    backup_error: Option<String>,
) -> io::Result<()> {
    let mut app = App::with_login(desk, lang).with_idle_minutes(idle_minutes);
    if let Some(reason) = backup_error {
        app.warn_backup_failed(&reason);
    }
    let mut guard = kit::terminal::TerminalGuard::enter()?;
    let mut events = TerminalEvents::new();
    run_loop(guard.terminal(), &mut app, &mut events)
}

/// The main loop: one draw at the start, then one after each burst of events
/// that changed something. Ends when the app quits or the events run out.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut dyn EventSource,
) -> io::Result<()> {
    draw(terminal, app)?;
    let mut dirty = false;
    while !app.should_quit() {
        let Some(event) = events.next_event()? else {
            break;
        };
        dirty |= app.handle_timed(event, events.key_gap());
        if app.has_deferred() {
            // What the work is about (a "lettura in corso" line) is on
            // screen before it runs.
            draw(terminal, app)?;
            dirty = app.run_deferred();
        }
        if dirty && !app.should_quit() && !events.has_pending()? {
            draw(terminal, app)?;
            dirty = false;
        }
    }
    Ok(())
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()> {
    terminal
        .draw(|frame| app.draw(frame))
        .map(|_| ())
        .map_err(|e| io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyModifiers};

    use crate::tui::app::KEY_TABLES;
    use crate::tui::kit::keys::{self, Binding, Context};

    /// The folders of `src/tui` a file of `folder` names as `crate::tui::<x>`.
    fn names_in(folder: &std::path::Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut dirs = vec![folder.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("crate::tui::") {
                    let rest = &text[at + "crate::tui::".len()..];
                    let end = rest
                        .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                        .unwrap_or(rest.len());
                    out.push((path.display().to_string(), rest[..end].to_string()));
                }
            }
        }
        out
    }

    /// A feature names only the kit (and itself); the kit names no feature.
    /// (`.ci/tui-imports` prints the whole graph.)
    #[test]
    fn features_name_only_the_kit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let features = [
            "shell",
            "patients",
            "patto",
            "gestore",
            "pai",
            "agenda",
            "richiami",
            "admin",
            "arruolabili",
        ];
        let mut wrong = Vec::new();
        for from in features.iter().chain(["kit"].iter()) {
            for (file, to) in names_in(&root.join(from)) {
                if to != *from && to != "kit" {
                    wrong.push(format!("{file} names crate::tui::{to}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    fn every_binding() -> impl Iterator<Item = &'static Binding> {
        KEY_TABLES.iter().flat_map(|t| t.iter())
    }

    #[test]
    fn no_bare_letters_anywhere() {
        for b in every_binding() {
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
    fn every_context_has_keys() {
        for c in Context::ALL {
            let entries = keys::help_entries(KEY_TABLES, c);
            assert!(!entries.is_empty(), "{c:?} has no keys");
        }
    }

    /// A context's keys are in one table: a screen's own, or the kit's.
    #[test]
    fn every_context_lives_in_one_table() {
        for c in Context::ALL {
            let tables = KEY_TABLES
                .iter()
                .filter(|t| t.iter().any(|b| b.context == c))
                .count();
            assert_eq!(tables, 1, "{c:?} is in {tables} tables");
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let all: Vec<&Binding> = every_binding().collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !(a.context == b.context && a.key == b.key),
                    "{:?} in {:?} is bound to {:?} and {:?}",
                    a.key,
                    a.context,
                    a.action,
                    b.action
                );
            }
        }
    }
}
