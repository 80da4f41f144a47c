//! Text normalisation for search keys (accent- and case-insensitive
//! matching), and what every input goes through before it is stored: control
//! and bidirectional characters removed, lengths bounded.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds a name or a query into its search form: accents removed, upper case,
/// apostrophes dropped, any other punctuation or run of whitespace turned into
/// one space, trimmed. "Niccolò D'Adda" -> "NICCOLO DADDA".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfd() {
        if is_combining_mark(c) || c == '\'' || c == '\u{2019}' || c == '`' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for u in c.to_uppercase() {
                out.push(u);
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// Longest name of a person or place: cognome, nome, comune, MMG, Clinical
/// Manager, signer, referente (in characters).
pub const MAX_NAME_CHARS: usize = 100;
/// Longest denominazione of a Gestore (some ATS lists hold long legal names).
pub const MAX_GESTORE_NAME_CHARS: usize = 300;
/// Longest address.
pub const MAX_ADDRESS_CHARS: usize = 200;
/// Longest short value: phone, e-mail, codes, identity document.
pub const MAX_SHORT_CHARS: usize = 100;
/// Longest free note (patient notes, reasons).
pub const MAX_NOTE_CHARS: usize = 2000;

/// Bidirectional formatting characters: they reorder what a terminal or a
/// document shows ("U+202E" makes "txt.exe" read "exe.txt"), so nothing that
/// is stored or printed may hold them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters never accepted from input: control characters (ESC, BEL, line
/// breaks, tabs...) and bidirectional formatting characters.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `input` without the characters of [`is_unsafe_char`]: what every text
/// typed, pasted or imported goes through before it is checked and stored.
pub fn clean_input(input: &str) -> String {
    input.chars().filter(|c| !is_unsafe_char(*c)).collect()
}

/// A count with the Italian thousands separator: 3013 -> "3.013".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("Niccolò D'Adda"), "NICCOLO DADDA");
        assert_eq!(fold("  nicolò   "), "NICOLO");
        assert_eq!(fold("De  Rossi-Bianchi"), "DE ROSSI BIANCHI");
        assert_eq!(fold("Sant’Angelo Lodigiano"), "SANTANGELO LODIGIANO");
        assert_eq!(fold("È"), "E");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(
            clean_input("Ros\u{1b}[31msi\u{7}\u{202E}\u{200F}\u{2066}\u{202A} Mario\n\t"),
            "Ros[31msi Mario"
        );
        assert_eq!(clean_input("Niccolò D'Adda"), "Niccolò D'Adda");
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}',
            '\u{200E}', '\u{200F}', '\u{61C}',
        ] {
            assert!(is_unsafe_char(c), "{c:?}");
        }
        assert!(!is_unsafe_char('à'));
    }

    #[test]
    fn counts_take_the_italian_thousands_separator() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(100_000), "100.000");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }
}
