//! The card scanner: a barcode reader reads the codice fiscale on the back of
//! the Tessera Sanitaria and types it, then Enter, in a few milliseconds. A
//! person types the same characters a tenth of a second or more apart, so
//! the time between keys tells the two apart.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::codice_fiscale::{self, CodiceFiscale};

/// Longest time between two characters of a scan. Readers type a character
/// every 1-20 ms; nobody types 16 keys in a row this fast.
pub const BURST_GAP: Duration = Duration::from_millis(30);

/// Longest time between the last character and the Enter that ends a scan:
/// some readers pause before it (and a terminal multiplexer may pass the
/// Enter on separately). The 16 quick characters are what makes a scan.
pub const ENTER_GAP: Duration = Duration::from_millis(500);

/// Watches the keys for a scan: 16 characters arriving at most
/// [`BURST_GAP`] apart that form a valid codice fiscale, then Enter.
#[derive(Debug, Default)]
pub struct ScanDetector {
    /// The characters of the burst under way.
    burst: String,
}

impl ScanDetector {
    pub fn new() -> ScanDetector {
        ScanDetector::default()
    }

    /// Feeds one key pressed `gap` after the previous event (`None`:
    /// unknown, never part of a scan). Returns the codice fiscale when this
    /// key is the Enter that ends a scan.
    pub fn key(&mut self, key: &KeyEvent, gap: Option<Duration>) -> Option<String> {
        let within = |limit: Duration| gap.is_some_and(|g| g <= limit);
        let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
        match key.code {
            KeyCode::Char(c) if plain && c.is_ascii_alphanumeric() => {
                if !within(BURST_GAP) {
                    self.burst.clear();
                }
                // Past 16 it is no codice fiscale; stop growing.
                if self.burst.len() <= codice_fiscale::LEN {
                    self.burst.push(c);
                }
                None
            }
            KeyCode::Enter if key.modifiers.is_empty() => {
                let burst = std::mem::take(&mut self.burst);
                if !within(ENTER_GAP) || burst.len() != codice_fiscale::LEN {
                    return None;
                }
                CodiceFiscale::parse(&burst, crate::service::comuni())
                    .ok()
                    .map(|cf| cf.as_str().to_string())
            }
            _ => {
                self.burst.clear();
                None
            }
        }
    }

    /// Forgets a burst under way (a paste, a resize, a lock).
    pub fn reset(&mut self) {
        self.burst.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CF: &str = "RSSMRA68A01H501Y";

    fn feed(detector: &mut ScanDetector, text: &str, gap: Duration) -> Option<String> {
        for c in text.chars() {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            assert_eq!(
                detector.key(&KeyEvent::new(KeyCode::Char(c), modifiers), Some(gap)),
                None
            );
        }
        detector.key(
            &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            Some(gap),
        )
    }

    #[test]
    fn a_burst_of_a_valid_code_then_enter_is_a_scan() {
        let mut d = ScanDetector::new();
        assert_eq!(
            feed(&mut d, CF, Duration::from_millis(3)),
            Some(CF.to_string())
        );
        // Lower case from a reader set so: the code comes back upper case.
        assert_eq!(
            feed(&mut d, &CF.to_lowercase(), Duration::from_millis(3)),
            Some(CF.to_string())
        );
    }

    #[test]
    fn typing_at_human_speed_is_no_scan() {
        let mut d = ScanDetector::new();
        assert_eq!(feed(&mut d, CF, Duration::from_millis(90)), None);
        // Unknown timing never makes a scan.
        for c in CF.chars() {
            d.key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT), None);
        }
        assert_eq!(
            d.key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), None),
            None
        );
    }

    #[test]
    fn an_invalid_or_longer_burst_is_no_scan() {
        let mut d = ScanDetector::new();
        let fast = Duration::from_millis(2);
        // Wrong check character.
        assert_eq!(feed(&mut d, "RSSMRA68A01H501X", fast), None);
        assert_eq!(feed(&mut d, &format!("{CF}A"), fast), None);
        assert_eq!(feed(&mut d, &CF[1..], fast), None);
    }

    #[test]
    fn slow_text_before_the_burst_is_not_part_of_it() {
        let mut d = ScanDetector::new();
        for c in "rossi".chars() {
            d.key(
                &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                Some(Duration::from_millis(150)),
            );
        }
        // The first character of the scan comes long after the last typed.
        d.key(
            &KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT),
            Some(Duration::from_millis(700)),
        );
        assert_eq!(
            feed(&mut d, &CF[1..], Duration::from_millis(2)),
            Some(CF.to_string())
        );
    }
}
