//! Raw terminal input, as an SSH client sends it, into key events.
//!
//! A desk's terminal (Windows Terminal, PowerShell's `ssh`, PuTTY, xterm,
//! macOS Terminal) sends its keys as bytes: UTF-8 text, control bytes for
//! Ctrl+letter, escape sequences for the other keys. Locally crossterm reads
//! the console; over SSH these bytes are all there is, so this module turns
//! them into the same crossterm [`KeyEvent`]s the application already
//! handles. Covered:
//!
//! - arrows, Home/End, PgUp/PgDn, Ins/Del, Shift+Tab, in the CSI (`ESC [`) and
//!   SS3 (`ESC O`) forms, with xterm's modifier parameter (`ESC [1;5C`);
//! - F1-F12 in the xterm forms (`ESC O P..S`, `ESC [15~ .. 24~`), PuTTY's
//!   default and VT100+ forms (`ESC [11~ .. 14~`) and the Linux console's
//!   (`ESC [[A .. E`);
//! - Alt+key as an ESC prefix (the Alt+digit fallback for the F-keys);
//! - bracketed paste (`ESC [200~ … ESC [201~`) as one [`AppEvent::Paste`];
//! - a lone ESC: the Esc key once no more bytes follow
//!   ([`InputParser::flush`], called after a short wait).
//!
//! Kept small and here rather than taken from a terminal library: the
//! crates that parse input (termwiz's `InputParser`) bring a whole terminal
//! toolkit along, and crossterm's own parser is private.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::AppEvent;

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// Turns the bytes of one desk's input into events, keeping an unfinished
/// sequence or character for the next bytes.
#[derive(Debug, Default)]
pub struct InputParser {
    buf: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

/// What one step of parsing found.
enum Step {
    /// An event (or nothing, for a sequence the application has no use
    /// for) and how many bytes it took.
    Done(Option<AppEvent>, usize),
    /// The bytes so far may be the start of a longer sequence.
    Incomplete,
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Whether bytes wait for the rest of a sequence (the caller waits a
    /// moment for more, then calls [`InputParser::flush`]).
    pub fn has_pending(&self) -> bool {
        !self.buf.is_empty()
    }

    /// Parses `bytes`, appending the events found to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<AppEvent>) {
        self.buf.extend_from_slice(bytes);
        self.parse(out, false);
    }

    /// No more bytes came: what waits is taken as it is (a lone ESC is the
    /// Esc key).
    pub fn flush(&mut self, out: &mut Vec<AppEvent>) {
        self.parse(out, true);
    }

    fn parse(&mut self, out: &mut Vec<AppEvent>, at_end: bool) {
        let mut pos = 0;
        while pos < self.buf.len() {
            if let Some(paste) = &mut self.paste {
                let rest = &self.buf[pos..];
                if let Some(end) = find(rest, PASTE_END) {
                    paste.extend_from_slice(&rest[..end]);
                    let text = String::from_utf8_lossy(paste).replace("\r\n", "\n");
                    out.push(AppEvent::Paste(text.replace('\r', "\n")));
                    self.paste = None;
                    pos += end + PASTE_END.len();
                    continue;
                }
                // Keep a possible start of the end marker for the next bytes.
                let keep = partial_suffix(rest, PASTE_END);
                paste.extend_from_slice(&rest[..rest.len() - keep]);
                pos = self.buf.len() - keep;
                break;
            }
            match step(&self.buf[pos..], at_end) {
                Step::Done(event, used) => {
                    if event == Some(AppEvent::Paste(String::new())) {
                        self.paste = Some(Vec::new());
                    } else if let Some(event) = event {
                        out.push(event);
                    }
                    pos += used;
                }
                Step::Incomplete => break,
            }
        }
        self.buf.drain(..pos);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `bytes` could begin `marker`.
fn partial_suffix(bytes: &[u8], marker: &[u8]) -> usize {
    (1..marker.len().min(bytes.len() + 1))
        .rev()
        .find(|&n| bytes.ends_with(&marker[..n]))
        .unwrap_or(0)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<AppEvent> {
    Some(AppEvent::Key(KeyEvent::new(code, modifiers)))
}

/// One key (or sequence) at the start of `b` (not empty).
fn step(b: &[u8], at_end: bool) -> Step {
    match b[0] {
        ESC => escape(b, at_end),
        _ => plain(b, at_end),
    }
}

/// A key without an ESC in front.
fn plain(b: &[u8], at_end: bool) -> Step {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let event = match b[0] {
        b'\r' | b'\n' => key(KeyCode::Enter, none),
        b'\t' => key(KeyCode::Tab, none),
        0x7f | 0x08 => key(KeyCode::Backspace, none),
        0x00 => key(KeyCode::Char(' '), ctrl),
        c @ 0x01..=0x1a => key(KeyCode::Char((b'a' + c - 1) as char), ctrl),
        c @ 0x1c..=0x1f => key(KeyCode::Char((b'4' + c - 0x1c) as char), ctrl),
        c if c < 0x80 => {
            let ch = c as char;
            let mods = if ch.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                none
            };
            key(KeyCode::Char(ch), mods)
        }
        c => {
            // A UTF-8 character of two to four bytes.
            let len = match c {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => return Step::Done(None, 1),
            };
            if b.len() < len {
                return if at_end {
                    Step::Done(None, b.len())
                } else {
                    Step::Incomplete
                };
            }
            return match std::str::from_utf8(&b[..len])
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(ch) => {
                    let mods = if ch.is_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        none
                    };
                    Step::Done(key(KeyCode::Char(ch), mods), len)
                }
                None => Step::Done(None, 1),
            };
        }
    };
    Step::Done(event, 1)
}

/// A sequence starting with ESC.
fn escape(b: &[u8], at_end: bool) -> Step {
    let Some(&next) = b.get(1) else {
        return if at_end {
            Step::Done(key(KeyCode::Esc, KeyModifiers::NONE), 1)
        } else {
            Step::Incomplete
        };
    };
    match next {
        b'[' => match csi(&b[2..], at_end) {
            Step::Done(event, used) => Step::Done(event, used + 2),
            Step::Incomplete if at_end => Step::Done(key(KeyCode::Esc, KeyModifiers::NONE), 1),
            Step::Incomplete => Step::Incomplete,
        },
        b'O' => match b.get(2) {
            Some(&c) => Step::Done(ss3(c, KeyModifiers::NONE), 3),
            None if at_end => Step::Done(key(KeyCode::Char('O'), alt_shift()), 2),
            None => Step::Incomplete,
        },
        // ESC ESC: Alt+Esc in some terminals; the application takes it as Esc.
        ESC => Step::Done(key(KeyCode::Esc, KeyModifiers::NONE), 2),
        _ => match plain(&b[1..], at_end) {
            Step::Done(Some(AppEvent::Key(mut k)), used) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Done(Some(AppEvent::Key(k)), used + 1)
            }
            Step::Done(other, used) => Step::Done(other, used + 1),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

fn alt_shift() -> KeyModifiers {
    KeyModifiers::ALT | KeyModifiers::SHIFT
}

/// `ESC O` and one letter: the application-mode arrows and F1-F4.
fn ss3(c: u8, mods: KeyModifiers) -> Option<AppEvent> {
    let code = match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'M' => KeyCode::Enter,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    };
    key(code, mods)
}

/// The modifiers of xterm's second parameter (1 + Shift 1, Alt 2, Ctrl 4).
fn modifiers(param: Option<u32>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// After `ESC [`: parameters, then one final byte. The Linux console's
/// F1-F5 are `ESC [ [` and a letter. A bracketed paste's start is returned
/// as an empty paste (the parser then collects the text).
fn csi(b: &[u8], at_end: bool) -> Step {
    if b.first() == Some(&b'[') {
        return match b.get(1) {
            Some(&c @ b'A'..=b'E') => {
                Step::Done(key(KeyCode::F(c - b'A' + 1), KeyModifiers::NONE), 2)
            }
            Some(_) => Step::Done(None, 2),
            None if at_end => Step::Done(None, 1),
            None => Step::Incomplete,
        };
    }
    let Some(end) = b.iter().position(|c| (0x40..=0x7e).contains(c)) else {
        // Only parameter bytes so far (or garbage: give up after a while).
        return if at_end || b.len() > 16 {
            Step::Done(None, b.len())
        } else {
            Step::Incomplete
        };
    };
    let params: Vec<Option<u32>> = std::str::from_utf8(&b[..end])
        .unwrap_or("")
        .split(';')
        .map(|p| p.parse().ok())
        .collect();
    let first = params.first().copied().flatten();
    let mods = modifiers(params.get(1).copied().flatten());
    let code = match b[end] {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'P' => Some(KeyCode::F(1)),
        b'Q' => Some(KeyCode::F(2)),
        b'R' => Some(KeyCode::F(3)),
        b'S' => Some(KeyCode::F(4)),
        b'Z' => return Step::Done(key(KeyCode::BackTab, KeyModifiers::SHIFT), end + 1),
        b'~' => match first {
            Some(200) => return Step::Done(Some(AppEvent::Paste(String::new())), end + 1),
            Some(1 | 7) => Some(KeyCode::Home),
            Some(2) => Some(KeyCode::Insert),
            Some(3) => Some(KeyCode::Delete),
            Some(4 | 8) => Some(KeyCode::End),
            Some(5) => Some(KeyCode::PageUp),
            Some(6) => Some(KeyCode::PageDown),
            Some(n @ 11..=15) => Some(KeyCode::F((n - 10) as u8)),
            Some(n @ 17..=21) => Some(KeyCode::F((n - 11) as u8)),
            Some(n @ 23..=24) => Some(KeyCode::F((n - 12) as u8)),
            _ => None,
        },
        _ => None,
    };
    Step::Done(code.and_then(|c| key(c, mods)), end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Vec<AppEvent> {
        let mut p = InputParser::new();
        let mut out = Vec::new();
        p.feed(bytes, &mut out);
        p.flush(&mut out);
        out
    }

    fn k(code: KeyCode) -> AppEvent {
        AppEvent::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn km(code: KeyCode, m: KeyModifiers) -> AppEvent {
        AppEvent::Key(KeyEvent::new(code, m))
    }

    #[test]
    fn text_with_accents_capitals_and_enter() {
        assert_eq!(
            parse("Rè\r".as_bytes()),
            vec![
                km(KeyCode::Char('R'), KeyModifiers::SHIFT),
                k(KeyCode::Char('è')),
                k(KeyCode::Enter)
            ]
        );
    }

    #[test]
    fn a_character_split_across_packets_waits_for_its_rest() {
        let mut p = InputParser::new();
        let mut out = Vec::new();
        let bytes = "à".as_bytes();
        p.feed(&bytes[..1], &mut out);
        assert!(out.is_empty());
        assert!(p.has_pending());
        p.feed(&bytes[1..], &mut out);
        assert_eq!(out, vec![k(KeyCode::Char('à'))]);
        assert!(!p.has_pending());
    }

    #[test]
    fn control_bytes() {
        assert_eq!(
            parse(b"\x01\x13\t\x7f\x08"),
            vec![
                km(KeyCode::Char('a'), KeyModifiers::CONTROL),
                km(KeyCode::Char('s'), KeyModifiers::CONTROL),
                k(KeyCode::Tab),
                k(KeyCode::Backspace),
                k(KeyCode::Backspace)
            ]
        );
    }

    #[test]
    fn xterm_and_windows_terminal_keys() {
        // Windows Terminal sends the xterm forms.
        assert_eq!(
            parse(b"\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[2~\x1b[3~\x1b[5~\x1b[6~\x1b[Z"),
            vec![
                k(KeyCode::Up),
                k(KeyCode::Down),
                k(KeyCode::Right),
                k(KeyCode::Left),
                k(KeyCode::Home),
                k(KeyCode::End),
                k(KeyCode::Insert),
                k(KeyCode::Delete),
                k(KeyCode::PageUp),
                k(KeyCode::PageDown),
                km(KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
        assert_eq!(
            parse(b"\x1bOP\x1bOQ\x1bOR\x1bOS\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~"),
            (1..=12).map(|n| k(KeyCode::F(n))).collect::<Vec<_>>()
        );
        // Application cursor mode.
        assert_eq!(
            parse(b"\x1bOA\x1bOD"),
            vec![k(KeyCode::Up), k(KeyCode::Left)]
        );
        // Modifiers: Ctrl+Right, Shift+F3, Ctrl+F5.
        assert_eq!(
            parse(b"\x1b[1;5C\x1b[1;2R\x1b[15;5~"),
            vec![
                km(KeyCode::Right, KeyModifiers::CONTROL),
                km(KeyCode::F(3), KeyModifiers::SHIFT),
                km(KeyCode::F(5), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn putty_function_keys() {
        // PuTTY's default ("ESC [n~") and VT100+ / Xterm R6 for F1-F4.
        assert_eq!(
            parse(b"\x1b[11~\x1b[12~\x1b[13~\x1b[14~\x1b[15~"),
            (1..=5).map(|n| k(KeyCode::F(n))).collect::<Vec<_>>()
        );
        // PuTTY's Home and End in its default mode.
        assert_eq!(
            parse(b"\x1b[1~\x1b[4~"),
            vec![k(KeyCode::Home), k(KeyCode::End)]
        );
        // Linux console F1-F5.
        assert_eq!(
            parse(b"\x1b[[A\x1b[[B\x1b[[C\x1b[[D\x1b[[E"),
            (1..=5).map(|n| k(KeyCode::F(n))).collect::<Vec<_>>()
        );
    }

    #[test]
    fn alt_and_a_lone_esc() {
        assert_eq!(
            parse(b"\x1b3\x1bx"),
            vec![
                km(KeyCode::Char('3'), KeyModifiers::ALT),
                km(KeyCode::Char('x'), KeyModifiers::ALT)
            ]
        );
        let mut p = InputParser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b", &mut out);
        assert!(out.is_empty(), "ESC may start a sequence: it waits");
        assert!(p.has_pending());
        p.flush(&mut out);
        assert_eq!(out, vec![k(KeyCode::Esc)]);
    }

    #[test]
    fn a_sequence_split_across_packets() {
        let mut p = InputParser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b[1", &mut out);
        assert!(out.is_empty());
        p.feed(b"5~a", &mut out);
        assert_eq!(out, vec![k(KeyCode::F(5)), k(KeyCode::Char('a'))]);
    }

    #[test]
    fn bracketed_paste_is_one_event_even_across_packets() {
        let mut p = InputParser::new();
        let mut out = Vec::new();
        p.feed(b"x\x1b[200~RSSMRA\r80A01", &mut out);
        p.feed(b"F205X\x1b[20", &mut out);
        assert_eq!(out, vec![k(KeyCode::Char('x'))]);
        p.feed(b"1~\r", &mut out);
        assert_eq!(
            out,
            vec![
                k(KeyCode::Char('x')),
                AppEvent::Paste("RSSMRA\n80A01F205X".into()),
                k(KeyCode::Enter)
            ]
        );
    }

    #[test]
    fn unknown_sequences_are_dropped_whole() {
        assert_eq!(parse(b"\x1b[?1;2c\x1b[99~z"), vec![k(KeyCode::Char('z'))]);
    }
}
