//! The Italian codice fiscale of a person (DM 23/12/1976): validation, decoding
//! of sex, birth date and birthplace, and computation from personal data.
//!
//! Layout (positions from 1): surname 1-3, name 4-6, year 7-8, month letter 9,
//! day 10-11 (+40 for women), Belfiore code 12-15, check character 16.
//! Omocodia: any of the seven digit positions (7, 8, 10, 11, 13, 14, 15) may
//! hold one of `L M N P Q R S T U V` for 0-9; the check character is computed
//! on the substituted string.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::comuni::Comuni;
use super::sex::Sex;
use super::text;

/// Length of a codice fiscale.
pub const LEN: usize = 16;

/// Month letters, January to December.
const MONTHS: [u8; 12] = *b"ABCDEHLMPRST";

/// Omocodia letters standing for the digits 0-9.
const OMOCODE: [u8; 10] = *b"LMNPQRSTUV";

/// 0-based indexes of the seven digit positions that omocodia may replace.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Check-character values of A-Z (and of 0-9, as A-J) at odd positions.
const ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Italian month names, for error messages.
const MONTH_NAMES: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// Which personal datum `compute` could not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputField {
    Surname,
    Name,
}

impl fmt::Display for InputField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputField::Surname => "il cognome",
            InputField::Name => "il nome",
        })
    }
}

/// What is wrong with a codice fiscale, or with the data to compute one.
/// Positions are counted from 1 after removing spaces.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CfError {
    #[error("Inserire il codice fiscale: il campo è vuoto")]
    Empty,
    #[error(
        "Carattere non ammesso '{found}' in posizione {position}: il codice fiscale contiene solo lettere e cifre"
    )]
    InvalidCharacter { position: usize, found: char },
    #[error("Il codice fiscale deve avere 16 caratteri (ne ha {found})")]
    Length { found: usize },
    #[error(
        "Parte del cognome non valida: '{0}' (i caratteri 1-3 devono essere lettere). Ricontrollare il codice"
    )]
    Surname(String),
    #[error(
        "Parte del nome non valida: '{0}' (i caratteri 4-6 devono essere lettere). Ricontrollare il codice"
    )]
    Name(String),
    #[error(
        "Anno di nascita non valido: '{0}' (i caratteri 7-8 devono essere cifre). Ricontrollare il codice"
    )]
    Year(String),
    #[error("Lettera del mese non valida: '{0}' (ammesse A B C D E H L M P R S T)")]
    MonthLetter(char),
    #[error(
        "Giorno di nascita non valido: '{0}' (i caratteri 10-11 devono essere cifre). Ricontrollare il codice"
    )]
    DayFormat(String),
    #[error(
        "Giorno di nascita non valido: {0} (ammessi 01-31 per gli uomini, 41-71 per le donne). Ricontrollare il codice"
    )]
    Day(u32),
    #[error("{}", date_message(*day, *month, *year))]
    Date { day: u32, month: u32, year: u32 },
    #[error(
        "Codice del luogo di nascita non valido: '{0}' (una lettera e tre cifre, es. H501). Ricontrollare il codice"
    )]
    BelfioreFormat(String),
    #[error(
        "Codice del luogo di nascita sconosciuto: {0}. Ricontrollare il codice o il comune di nascita"
    )]
    BelfioreUnknown(String),
    #[error(
        "Carattere di controllo errato: atteso {expected}, trovato {found}. Ricontrollare il codice"
    )]
    CheckChar { expected: char, found: char },
    #[error("Per calcolare il codice fiscale serve {0} con almeno una lettera")]
    ComputeInput(InputField),
}

/// Message for a day that does not exist in its month (`year`: two digits).
fn date_message(day: u32, month: u32, year: u32) -> String {
    let name = month_name(month);
    if month == 2 && day == 29 {
        format!(
            "Data di nascita inesistente: il 29 febbraio non esiste nell'anno {year:02}, che non è bisestile. Ricontrollare giorno e anno"
        )
    } else {
        format!(
            "Data di nascita inesistente: il {day} {name} non esiste. Ricontrollare giorno e mese"
        )
    }
}

fn month_name(month: u32) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTH_NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

/// A validated codice fiscale: 16 upper-case ASCII characters as given, omocode
/// letters kept (see [`CodiceFiscale::normalized`] for a stable key).
///
/// Serialized as a plain string. Deserialization does not re-validate; the
/// methods stay panic-free on a malformed stored value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CodiceFiscale(String);

/// What a codice fiscale says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub sex: Sex,
    pub birth_date: NaiveDate,
    /// Codice catastale with omocodia undone, e.g. `H501`.
    pub belfiore: String,
    /// Display name of the comune or foreign state, when the code is known.
    pub birthplace: Option<String>,
    /// Provincia (`EE` for a foreign state), when the code is known.
    pub provincia: Option<String>,
    /// At least one digit position holds an omocodia letter.
    pub omocode: bool,
}

/// Fields read from a well-formed code (digits already de-omocoded).
struct Fields {
    yy: u32,
    month: u32,
    day: u32,
    sex: Sex,
    belfiore: String,
    omocode: bool,
}

impl CodiceFiscale {
    /// Validates a codice fiscale typed or pasted by a person: surrounding and
    /// inner whitespace removed, lower case accepted.
    pub fn parse(input: &str, comuni: &Comuni) -> Result<Self, CfError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(CfError::Empty);
        }
        if let Some((i, c)) = compact
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            return Err(CfError::InvalidCharacter {
                position: i + 1,
                found: c,
            });
        }
        // Only ASCII from here on: bytes and chars coincide.
        let code = compact.to_ascii_uppercase();
        let fields = read_fields(code.as_bytes())?;

        if comuni.by_belfiore(&fields.belfiore).is_none() {
            return Err(CfError::BelfioreUnknown(fields.belfiore));
        }

        let (first15, last) = code.split_at(LEN - 1);
        let found = last.chars().next().unwrap_or('?');
        match check_char(first15) {
            Some(expected) if expected == found => Ok(CodiceFiscale(code)),
            Some(expected) => Err(CfError::CheckChar { expected, found }),
            // Unreachable after read_fields, kept total.
            None => Err(CfError::Length { found: code.len() }),
        }
    }

    /// The code as given (upper case, omocode letters kept).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether any digit position holds an omocodia letter.
    pub fn is_omocode(&self) -> bool {
        let b = self.0.as_bytes();
        DIGIT_POSITIONS
            .iter()
            .any(|&i| b.get(i).is_some_and(|c| OMOCODE.contains(c)))
    }

    /// Whether the omocodia letters skip the official order. The Agenzia delle
    /// Entrate replaces digit positions from the right: the 15th character
    /// first, then the 14th, the 13th, the 11th, the 10th, the 8th, the 7th.
    /// A code with a letter in a position while a digit is still left to its
    /// right was never issued: a misread card or a typing error that the
    /// check character happens not to catch. The desk is warned, not refused.
    pub fn omocode_out_of_order(&self) -> bool {
        let b = self.0.as_bytes();
        let substituted = |&i: &usize| b.get(i).is_some_and(|c| OMOCODE.contains(c));
        // Right to left: once a position holds a digit, none further left may
        // hold a letter.
        let mut digit_seen = false;
        for i in DIGIT_POSITIONS.iter().rev() {
            if substituted(i) {
                if digit_seen {
                    return true;
                }
            } else {
                digit_seen = true;
            }
        }
        false
    }

    /// Sex, birth date and birthplace. The two-digit year is read as 20yy if
    /// that date is not after `today`, else as 19yy.
    ///
    /// A value that went through [`parse`](Self::parse) always decodes fully; a
    /// malformed value obtained by deserialization yields placeholder fields
    /// (see [`try_decode`](Self::try_decode) to detect that).
    pub fn decode(&self, today: NaiveDate, comuni: &Comuni) -> Decoded {
        self.try_decode(today, comuni).unwrap_or_else(|_| Decoded {
            sex: Sex::M,
            birth_date: NaiveDate::default(),
            belfiore: String::new(),
            birthplace: None,
            provincia: None,
            omocode: false,
        })
    }

    /// Like [`decode`](Self::decode), but reports a malformed value (possible
    /// only for a deserialized one) instead of returning placeholders.
    pub fn try_decode(&self, today: NaiveDate, comuni: &Comuni) -> Result<Decoded, CfError> {
        let f = read_fields(self.0.as_bytes())?;
        let birth_date = resolve_century(f.yy, f.month, f.day, today).ok_or(CfError::Date {
            day: f.day,
            month: f.month,
            year: f.yy,
        })?;
        let comune = comuni.by_belfiore(&f.belfiore);
        Ok(Decoded {
            sex: f.sex,
            birth_date,
            birthplace: comune.map(|c| c.display_name()),
            provincia: comune.map(|c| c.provincia.clone()),
            belfiore: f.belfiore,
            omocode: f.omocode,
        })
    }

    /// The de-omocoded form (digits restored) with its recomputed check
    /// character: the same for a person whatever omocode variant was issued.
    pub fn normalized(&self) -> String {
        let mut bytes: Vec<u8> = self.0.as_bytes().to_vec();
        if bytes.len() != LEN || !bytes.is_ascii() {
            return self.0.clone();
        }
        for &i in &DIGIT_POSITIONS {
            if let Some(d) = OMOCODE.iter().position(|&c| c == bytes[i]) {
                bytes[i] = b'0' + d as u8;
            }
        }
        let first15: String = bytes[..LEN - 1].iter().map(|&b| char::from(b)).collect();
        match check_char(&first15) {
            Some(c) => {
                let mut out = first15;
                out.push(c);
                out
            }
            None => self.0.clone(),
        }
    }
}

impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for CodiceFiscale {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Value of a digit position: a digit or an omocodia letter.
fn digit_value(b: u8) -> Option<u32> {
    if b.is_ascii_digit() {
        Some(u32::from(b - b'0'))
    } else {
        OMOCODE.iter().position(|&c| c == b).map(|d| d as u32)
    }
}

fn part(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Checks positions 1-15 of an upper-case ASCII code (length included) and
/// reads its fields; the check character and the Belfiore table are not
/// consulted here.
fn read_fields(b: &[u8]) -> Result<Fields, CfError> {
    if b.len() != LEN {
        return Err(CfError::Length { found: b.len() });
    }
    if let Some(i) = b
        .iter()
        .position(|c| !c.is_ascii_uppercase() && !c.is_ascii_digit())
    {
        return Err(CfError::InvalidCharacter {
            position: i + 1,
            found: char::from(b[i]),
        });
    }
    if !b[0..3].iter().all(u8::is_ascii_uppercase) {
        return Err(CfError::Surname(part(&b[0..3])));
    }
    if !b[3..6].iter().all(u8::is_ascii_uppercase) {
        return Err(CfError::Name(part(&b[3..6])));
    }
    let (Some(y1), Some(y2)) = (digit_value(b[6]), digit_value(b[7])) else {
        return Err(CfError::Year(part(&b[6..8])));
    };
    let yy = y1 * 10 + y2;
    let month = MONTHS
        .iter()
        .position(|&m| m == b[8])
        .map(|m| m as u32 + 1)
        .ok_or(CfError::MonthLetter(char::from(b[8])))?;
    let (Some(d1), Some(d2)) = (digit_value(b[9]), digit_value(b[10])) else {
        return Err(CfError::DayFormat(part(&b[9..11])));
    };
    let raw_day = d1 * 10 + d2;
    let (sex, day) = match raw_day {
        1..=31 => (Sex::M, raw_day),
        41..=71 => (Sex::F, raw_day - 40),
        _ => return Err(CfError::Day(raw_day)),
    };
    if date_in_some_century(yy, month, day).is_none() {
        return Err(CfError::Date {
            day,
            month,
            year: yy,
        });
    }
    let place = &b[11..15];
    let digits: Option<Vec<u32>> = place[1..].iter().map(|&c| digit_value(c)).collect();
    let digits = match digits {
        Some(digits) if place[0].is_ascii_uppercase() => digits,
        _ => return Err(CfError::BelfioreFormat(part(place))),
    };
    let mut belfiore = String::with_capacity(4);
    belfiore.push(char::from(place[0]));
    for d in digits {
        belfiore.push(char::from_digit(d, 10).unwrap_or('0'));
    }
    let omocode = DIGIT_POSITIONS.iter().any(|&i| OMOCODE.contains(&b[i]));
    Ok(Fields {
        yy,
        month,
        day,
        sex,
        belfiore,
        omocode,
    })
}

/// The date in 20yy or, failing that, 19yy (only 29 February can exist in one
/// century and not the other).
fn date_in_some_century(yy: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let yy = i32::try_from(yy).ok()?;
    NaiveDate::from_ymd_opt(2000 + yy, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(1900 + yy, month, day))
}

/// 20yy if that date is not after `today`, else 19yy; if 19yy does not exist
/// (29/02/1900 with `today` before 2000), 20yy.
fn resolve_century(yy: u32, month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let y = i32::try_from(yy).ok()?;
    let recent = NaiveDate::from_ymd_opt(2000 + y, month, day);
    match recent {
        Some(d) if d <= today => Some(d),
        _ => NaiveDate::from_ymd_opt(1900 + y, month, day).or(recent),
    }
}

/// The check character of the first 15 characters of a code (letters or
/// digits, either case); `None` if `first15` is not 15 such characters.
pub fn check_char(first15: &str) -> Option<char> {
    let bytes = first15.as_bytes();
    if bytes.len() != LEN - 1 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let b = b.to_ascii_uppercase();
            let v = if b.is_ascii_digit() {
                b - b'0'
            } else {
                b - b'A'
            };
            // i is 0-based: i = 0 is position 1, an odd position.
            if i % 2 == 0 {
                ODD_VALUES[usize::from(v)]
            } else {
                u32::from(v)
            }
        })
        .sum();
    char::from_u32(u32::from(b'A') + sum % 26)
}

/// Upper-case ASCII letters of a folded name, split into consonants and vowels.
fn letters(input: &str) -> (Vec<u8>, Vec<u8>) {
    let folded = text::fold(input);
    folded
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .partition(|b| !b"AEIOU".contains(b))
}

/// Consonants, then vowels, then X, first three.
fn pad_code(consonants: &[u8], vowels: &[u8]) -> String {
    consonants
        .iter()
        .chain(vowels)
        .chain(b"XXX")
        .take(3)
        .map(|&b| char::from(b))
        .collect()
}

/// The three surname letters: consonants, then vowels, then X.
pub fn surname_code(surname: &str) -> Option<String> {
    let (consonants, vowels) = letters(surname);
    if consonants.is_empty() && vowels.is_empty() {
        return None;
    }
    Some(pad_code(&consonants, &vowels))
}

/// The three name letters: 1st, 3rd and 4th consonant when there are four or
/// more, else as for the surname.
pub fn name_code(name: &str) -> Option<String> {
    let (consonants, vowels) = letters(name);
    if consonants.is_empty() && vowels.is_empty() {
        return None;
    }
    if consonants.len() >= 4 {
        return Some(
            [consonants[0], consonants[2], consonants[3]]
                .iter()
                .map(|&b| char::from(b))
                .collect(),
        );
    }
    Some(pad_code(&consonants, &vowels))
}

/// Computes the (non-omocode) codice fiscale of a person. Accents, case,
/// spaces and apostrophes in the names do not matter; `belfiore` must be a
/// code of the embedded table (either case).
pub fn compute(
    surname: &str,
    name: &str,
    sex: Sex,
    birth_date: NaiveDate,
    belfiore: &str,
    comuni: &Comuni,
) -> Result<CodiceFiscale, CfError> {
    let surname = surname_code(surname).ok_or(CfError::ComputeInput(InputField::Surname))?;
    let name = name_code(name).ok_or(CfError::ComputeInput(InputField::Name))?;

    let place = belfiore.trim().to_ascii_uppercase();
    let pb = place.as_bytes();
    let well_formed =
        pb.len() == 4 && pb[0].is_ascii_uppercase() && pb[1..].iter().all(u8::is_ascii_digit);
    if !well_formed {
        return Err(CfError::BelfioreFormat(place));
    }
    if comuni.by_belfiore(&place).is_none() {
        return Err(CfError::BelfioreUnknown(place));
    }

    let yy = birth_date.year().rem_euclid(100);
    let month = MONTHS
        .get(birth_date.month0() as usize)
        .map(|&m| char::from(m))
        .unwrap_or('A');
    let day = match sex {
        Sex::M => birth_date.day(),
        Sex::F => birth_date.day() + 40,
    };
    let first15 = format!("{surname}{name}{yy:02}{month}{day:02}{place}");
    let check = check_char(&first15).ok_or(CfError::Length {
        found: first15.len() + 1,
    })?;
    let mut code = first15;
    code.push(check);
    Ok(CodiceFiscale(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn today() -> NaiveDate {
        date(2026, 11, 22)
    }

    fn cf(s: &str) -> CodiceFiscale {
        CodiceFiscale::parse(s, crate::io::tables::comuni()).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn check_char_of_the_examples() {
        assert_eq!(check_char("RSSMRA68A01H501"), Some('Y'));
        assert_eq!(check_char("MRTMRA83T56A269"), Some('B'));
        assert_eq!(check_char("CCCFBA85D03L219"), Some('P'));
        assert_eq!(check_char("CCCFBA85D03L21V"), Some('E'));
        assert_eq!(check_char("rssmra68a01h501"), Some('Y'));
        assert_eq!(check_char("RSSMRA68A01H50"), None);
        assert_eq!(check_char("RSSMRA68A01H5011"), None);
        assert_eq!(check_char("RSSMRA68A01H50è"), None);
        assert_eq!(check_char(""), None);
    }

    #[test]
    fn rossi_mario_roma() {
        let code = cf("RSSMRA68A01H501Y");
        assert_eq!(code.as_str(), "RSSMRA68A01H501Y");
        let d = code.decode(today(), crate::io::tables::comuni());
        assert_eq!(d.sex, Sex::M);
        assert_eq!(d.birth_date, date(1968, 1, 1));
        assert_eq!(d.belfiore, "H501");
        assert_eq!(d.birthplace.as_deref(), Some("Roma"));
        assert_eq!(d.provincia.as_deref(), Some("RM"));
        assert!(!d.omocode);
        assert_eq!(code.normalized(), "RSSMRA68A01H501Y");
    }

    #[test]
    fn a_woman_has_day_plus_40() {
        let code = cf("MRTMRA83T56A269B");
        let d = code.decode(today(), crate::io::tables::comuni());
        assert_eq!(d.sex, Sex::F);
        assert_eq!(d.birth_date, date(1983, 12, 16));
        assert_eq!(d.belfiore, "A269");
        assert_eq!(d.birthplace.as_deref(), Some("Anagni"));
        assert_eq!(d.provincia.as_deref(), Some("FR"));
    }

    #[test]
    fn omocode_and_plain_decode_alike() {
        let plain = cf("CCCFBA85D03L219P");
        let omo = cf("CCCFBA85D03L21VE");
        let (a, b) = (
            plain.decode(today(), crate::io::tables::comuni()),
            omo.decode(today(), crate::io::tables::comuni()),
        );
        assert_eq!(a.birth_date, date(1985, 4, 3));
        assert_eq!(a.birth_date, b.birth_date);
        assert_eq!(a.belfiore, "L219");
        assert_eq!(b.belfiore, "L219");
        assert_eq!(b.birthplace.as_deref(), Some("Torino"));
        assert_eq!(a.sex, b.sex);
        assert!(!a.omocode);
        assert!(b.omocode);
        assert!(omo.is_omocode());
        assert_eq!(omo.as_str(), "CCCFBA85D03L21VE", "omocode kept as given");
        assert_eq!(omo.normalized(), "CCCFBA85D03L219P");
        assert_eq!(plain.normalized(), omo.normalized());
    }

    #[test]
    fn omocode_in_every_digit_position() {
        // All seven positions substituted: 68 -> SU, 01 -> LM, 501 -> RLM.
        let first15 = "RSSMRASUALMHRLM";
        let full = format!("{first15}{}", check_char(first15).expect("check"));
        let code = cf(&full);
        let d = code.decode(today(), crate::io::tables::comuni());
        assert_eq!(d.birth_date, date(1968, 1, 1));
        assert_eq!(d.belfiore, "H501");
        assert_eq!(code.normalized(), "RSSMRA68A01H501Y");
    }

    #[test]
    fn wrong_check_character() {
        assert_eq!(
            CodiceFiscale::parse("CCCFBA85D03L219B", crate::io::tables::comuni()),
            Err(CfError::CheckChar {
                expected: 'P',
                found: 'B'
            })
        );
        let msg = CodiceFiscale::parse("RSSMRA68A01H501B", crate::io::tables::comuni())
            .expect_err("wrong check")
            .to_string();
        assert_eq!(
            msg,
            "Carattere di controllo errato: atteso Y, trovato B. Ricontrollare il codice"
        );
    }

    #[test]
    fn lower_case_and_spaces_are_accepted() {
        assert_eq!(cf("rssmra68a01h501y").as_str(), "RSSMRA68A01H501Y");
        assert_eq!(cf("  RSS MRA 68A01 H501 Y ").as_str(), "RSSMRA68A01H501Y");
        assert_eq!(cf("\tCccFba85d03l21ve\n").as_str(), "CCCFBA85D03L21VE");
    }

    #[test]
    fn each_part_has_its_error() {
        let p = |s: &str| CodiceFiscale::parse(s, crate::io::tables::comuni());
        assert_eq!(p(""), Err(CfError::Empty));
        assert_eq!(p("   "), Err(CfError::Empty));
        assert_eq!(p("RSSMRA68A01H501"), Err(CfError::Length { found: 15 }));
        assert_eq!(
            p("RSSMRA68A01H501").map_err(|e| e.to_string()),
            Err("Il codice fiscale deve avere 16 caratteri (ne ha 15)".to_string())
        );
        assert_eq!(p("RSSMRA68A01H501YY"), Err(CfError::Length { found: 17 }));
        assert_eq!(
            p("RSSMRÀ68A01H501Y"),
            Err(CfError::InvalidCharacter {
                position: 6,
                found: 'À'
            })
        );
        assert_eq!(
            p("RSS-MRA68A01H501Y"),
            Err(CfError::InvalidCharacter {
                position: 4,
                found: '-'
            })
        );
        assert_eq!(
            p("RSSMRA68A01H501👍"),
            Err(CfError::InvalidCharacter {
                position: 16,
                found: '👍'
            })
        );
        assert_eq!(p("R5SMRA68A01H501Y"), Err(CfError::Surname("R5S".into())));
        assert_eq!(p("RSSM4A68A01H501Y"), Err(CfError::Name("M4A".into())));
        assert_eq!(p("RSSMRA6AA01H501Y"), Err(CfError::Year("6A".into())));
        assert_eq!(p("RSSMRA68Z01H501Y"), Err(CfError::MonthLetter('Z')));
        assert_eq!(
            CfError::MonthLetter('Z').to_string(),
            "Lettera del mese non valida: 'Z' (ammesse A B C D E H L M P R S T)"
        );
        assert_eq!(p("RSSMRA68A0AH501Y"), Err(CfError::DayFormat("0A".into())));
        assert_eq!(p("RSSMRA68A00H501Y"), Err(CfError::Day(0)));
        assert_eq!(p("RSSMRA68A32H501Y"), Err(CfError::Day(32)));
        assert_eq!(p("RSSMRA68A40H501Y"), Err(CfError::Day(40)));
        assert_eq!(p("RSSMRA68A72H501Y"), Err(CfError::Day(72)));
        // 31 April, for a man and for a woman.
        assert_eq!(
            p("RSSMRA68D31H501Y"),
            Err(CfError::Date {
                day: 31,
                month: 4,
                year: 68
            })
        );
        assert_eq!(
            p("RSSMRA68D71H501Y"),
            Err(CfError::Date {
                day: 31,
                month: 4,
                year: 68
            })
        );
        // 29 February only in a year divisible by 4 (00 is 2000).
        assert_eq!(
            p("RSSMRA67B29H501Y"),
            Err(CfError::Date {
                day: 29,
                month: 2,
                year: 67
            })
        );
        assert!(
            CfError::Date {
                day: 29,
                month: 2,
                year: 67
            }
            .to_string()
            .contains("il 29 febbraio non esiste")
        );
        assert_eq!(
            p("RSSMRA68A01H5A1Y"),
            Err(CfError::BelfioreFormat("H5A1".into()))
        );
        assert_eq!(
            p("RSSMRA68A011501Y"),
            Err(CfError::BelfioreFormat("1501".into()))
        );
        assert_eq!(
            p("RSSMRA68A01Z999Y"),
            Err(CfError::BelfioreUnknown("Z999".into()))
        );
        assert_eq!(
            p("RSSMRA68A01H5011"),
            Err(CfError::CheckChar {
                expected: 'Y',
                found: '1'
            })
        );
    }

    #[test]
    fn leap_day_is_accepted_in_a_leap_year() {
        let first15 = "RSSMRA00B29F205";
        let code = cf(&format!("{first15}{}", check_char(first15).expect("check")));
        assert_eq!(
            code.decode(today(), crate::io::tables::comuni()).birth_date,
            date(2000, 2, 29)
        );
        let first15 = "RSSMRA84B69F205";
        let code = cf(&format!("{first15}{}", check_char(first15).expect("check")));
        let d = code.decode(today(), crate::io::tables::comuni());
        assert_eq!((d.sex, d.birth_date), (Sex::F, date(1984, 2, 29)));
        // Before 2000, "00" cannot be 1900-02-29: 2000 is the only reading.
        assert_eq!(
            code_for(2000, 2, 29)
                .decode(date(1999, 1, 1), crate::io::tables::comuni())
                .birth_date,
            date(2000, 2, 29)
        );
    }

    fn code_for(y: i32, m: u32, d: u32) -> CodiceFiscale {
        compute(
            "Rossi",
            "Mario",
            Sex::M,
            date(y, m, d),
            "F205",
            crate::io::tables::comuni(),
        )
        .expect("compute")
    }

    #[test]
    fn century_resolution() {
        let t = today();
        assert_eq!(
            code_for(1930, 5, 1)
                .decode(t, crate::io::tables::comuni())
                .birth_date,
            date(1930, 5, 1)
        );
        assert_eq!(
            code_for(2005, 5, 1)
                .decode(t, crate::io::tables::comuni())
                .birth_date,
            date(2005, 5, 1)
        );
        assert_eq!(
            code_for(2026, 11, 22)
                .decode(t, crate::io::tables::comuni())
                .birth_date,
            date(2026, 11, 22)
        );
        assert_eq!(
            code_for(1926, 11, 23)
                .decode(t, crate::io::tables::comuni())
                .birth_date,
            date(1926, 11, 23)
        );
        assert_eq!(
            code_for(1999, 12, 31)
                .decode(t, crate::io::tables::comuni())
                .birth_date,
            date(1999, 12, 31)
        );
        assert_eq!(
            code_for(2000, 1, 1)
                .decode(t, crate::io::tables::comuni())
                .birth_date,
            date(2000, 1, 1)
        );
    }

    #[test]
    fn compute_reproduces_the_examples() {
        let c = compute(
            "Rossi",
            "Mario",
            Sex::M,
            date(1968, 1, 1),
            "H501",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert_eq!(c.as_str(), "RSSMRA68A01H501Y");
        let c = compute(
            "rossi ",
            " MARIO",
            Sex::M,
            date(1968, 1, 1),
            "h501",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert_eq!(c.as_str(), "RSSMRA68A01H501Y");
        let c = compute(
            "Ceccato",
            "Fabio",
            Sex::M,
            date(1985, 4, 3),
            "L219",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert_eq!(c.as_str(), "CCCFBA85D03L219P");
        let c = compute(
            "Martini",
            "Maria",
            Sex::F,
            date(1983, 12, 16),
            "A269",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert_eq!(c.as_str(), "MRTMRA83T56A269B");
    }

    #[test]
    fn surname_and_name_codes() {
        assert_eq!(surname_code("Rossi").as_deref(), Some("RSS"));
        assert_eq!(surname_code("D'Adda").as_deref(), Some("DDD"));
        assert_eq!(surname_code("De Luca").as_deref(), Some("DLC"));
        assert_eq!(surname_code("Fo").as_deref(), Some("FOX"));
        assert_eq!(surname_code("Eo").as_deref(), Some("EOX"));
        assert_eq!(surname_code("O").as_deref(), Some("OXX"));
        assert_eq!(surname_code("Bianchi").as_deref(), Some("BNC"));
        assert_eq!(surname_code("Àlvarez").as_deref(), Some("LVR"));
        assert_eq!(surname_code("").as_deref(), None);
        assert_eq!(surname_code("' -").as_deref(), None);
        assert_eq!(name_code("Niccolò").as_deref(), Some("NCL"));
        assert_eq!(name_code("Gianfranco").as_deref(), Some("GFR"));
        assert_eq!(name_code("Mario").as_deref(), Some("MRA"));
        assert_eq!(name_code("Anna Maria").as_deref(), Some("NMR"));
        assert_eq!(name_code("Luca").as_deref(), Some("LCU"));
        assert_eq!(name_code("Ugo").as_deref(), Some("GUO"));
        assert_eq!(name_code("Al").as_deref(), Some("LAX"));
        assert_eq!(name_code("Zoë").as_deref(), Some("ZOE"));
    }

    #[test]
    fn compute_with_accents_apostrophes_and_short_names() {
        let c = compute(
            "D'Adda",
            "Niccolò",
            Sex::M,
            date(1970, 3, 15),
            "F205",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert!(c.as_str().starts_with("DDDNCL70C15F205"), "{c}");
        assert_eq!(cf(c.as_str()), c);
        let c = compute(
            "Fo",
            "Dario",
            Sex::M,
            date(1926, 12, 24),
            "I274",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert!(c.as_str().starts_with("FOXDRA26T24I274"), "{c}");
        let d = c.decode(today(), crate::io::tables::comuni());
        // 24/12/2026 is after the fixed today, so the year is 1926 ...
        assert_eq!(d.birth_date, date(1926, 12, 24));
        // ... while a date of '26 already past this year reads as 2026.
        assert_eq!(
            code_for(1926, 3, 24)
                .decode(today(), crate::io::tables::comuni())
                .birth_date,
            date(2026, 3, 24)
        );
        assert_eq!(d.birthplace.as_deref(), Some("Sant'Angelo Lodigiano"));
        assert_eq!(d.provincia.as_deref(), Some("LO"));
    }

    #[test]
    fn foreign_birthplace() {
        let c = compute(
            "Müller",
            "Hans",
            Sex::M,
            date(1990, 5, 10),
            "z112",
            crate::io::tables::comuni(),
        )
        .expect("compute");
        assert!(c.as_str().starts_with("MLLHNS90E10Z112"), "{c}");
        let parsed = cf(c.as_str());
        let d = parsed.decode(today(), crate::io::tables::comuni());
        assert_eq!(d.belfiore, "Z112");
        assert_eq!(d.provincia.as_deref(), Some("EE"));
        assert_eq!(
            d.birthplace.as_deref(),
            Some("Germania Repubblica Federale")
        );
        assert_eq!(d.birth_date, date(1990, 5, 10));
    }

    #[test]
    fn compute_rejects_bad_input() {
        let d = date(1968, 1, 1);
        assert_eq!(
            compute("", "Mario", Sex::M, d, "H501", crate::io::tables::comuni()),
            Err(CfError::ComputeInput(InputField::Surname))
        );
        assert_eq!(
            compute(
                "Rossi",
                "42",
                Sex::M,
                d,
                "H501",
                crate::io::tables::comuni()
            ),
            Err(CfError::ComputeInput(InputField::Name))
        );
        assert_eq!(
            CfError::ComputeInput(InputField::Name).to_string(),
            "Per calcolare il codice fiscale serve il nome con almeno una lettera"
        );
        assert_eq!(
            compute(
                "Rossi",
                "Mario",
                Sex::M,
                d,
                "H50",
                crate::io::tables::comuni()
            ),
            Err(CfError::BelfioreFormat("H50".into()))
        );
        assert_eq!(
            compute(
                "Rossi",
                "Mario",
                Sex::M,
                d,
                "Hé01",
                crate::io::tables::comuni()
            ),
            Err(CfError::BelfioreFormat("Hé01".into()))
        );
        assert_eq!(
            compute(
                "Rossi",
                "Mario",
                Sex::M,
                d,
                "Z999",
                crate::io::tables::comuni()
            ),
            Err(CfError::BelfioreUnknown("Z999".into()))
        );
    }

    #[test]
    fn malformed_deserialized_values_do_not_panic() {
        for raw in [
            "",
            "ABC",
            "RSSMRA68A01H501",
            "RSSMRÀ68A01H501",
            "😀😀😀😀",
            "RSSMRA68Z01H501Y",
        ] {
            let c = CodiceFiscale(raw.to_string());
            assert!(c.try_decode(today(), crate::io::tables::comuni()).is_err());
            let _ = c.decode(today(), crate::io::tables::comuni());
            let _ = c.normalized();
            let _ = c.is_omocode();
        }
    }

    #[test]
    fn serializes_as_a_plain_string() {
        let c = cf("RSSMRA68A01H501Y");
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(&c, config).expect("encode");
        let plain = bincode::serde::encode_to_vec("RSSMRA68A01H501Y", config).expect("encode");
        assert_eq!(bytes, plain);
        let (back, _): (CodiceFiscale, usize) =
            bincode::serde::decode_from_slice(&bytes, config).expect("decode");
        assert_eq!(back, c);
        assert_eq!(
            CodiceFiscale::parse("RSSMRA68A01H501Y", crate::io::tables::comuni()),
            Ok(c)
        );
    }

    const PLACES: [&str; 12] = [
        "H501", "F205", "A269", "L219", "Z112", "Z404", "F704", "I274", "A794", "B157", "G388",
        "D704",
    ];

    fn first_day() -> NaiveDate {
        date(1900, 1, 1)
    }

    fn person() -> impl Strategy<Value = (String, String, Sex, NaiveDate, &'static str)> {
        let days = (date(2025, 12, 31) - first_day()).num_days();
        (
            "[A-Za-z][A-Za-z' ]{0,19}",
            "[A-Za-zàèéìòù][A-Za-zàèéìòù' ]{0,14}",
            prop_oneof![Just(Sex::M), Just(Sex::F)],
            0..=days,
            proptest::sample::select(&PLACES[..]),
        )
            .prop_map(|(s, n, sex, offset, place)| {
                let birth = first_day() + chrono::Duration::days(offset);
                (s, n, sex, birth, place)
            })
    }

    /// Applies an omocodia substitution to the digit positions in `mask`.
    fn substitute(code: &str, mask: u8) -> String {
        let mut b = code.as_bytes().to_vec();
        for (k, &i) in DIGIT_POSITIONS.iter().enumerate() {
            if mask & (1 << k) != 0 {
                let d = usize::from(b[i] - b'0');
                b[i] = OMOCODE[d];
            }
        }
        let first15: String = b[..15].iter().map(|&c| char::from(c)).collect();
        let check = check_char(&first15).expect("check");
        format!("{first15}{check}")
    }

    proptest! {
        #[test]
        fn compute_then_parse_round_trips(
            (surname, name, sex, birth, place) in person(),
            // A decoding day within 100 years after birth.
            later in 0i64..36_524,
        ) {
            let code = compute(&surname, &name, sex, birth, place, crate::io::tables::comuni()).expect("compute");
            let parsed = CodiceFiscale::parse(code.as_str(), crate::io::tables::comuni()).expect("parse");
            prop_assert_eq!(&parsed, &code);
            let today = birth + chrono::Duration::days(later);
            let d = parsed.decode(today, crate::io::tables::comuni());
            prop_assert_eq!(d.sex, sex);
            prop_assert_eq!(d.birth_date, birth);
            prop_assert_eq!(d.belfiore.as_str(), place);
            prop_assert!(d.birthplace.is_some());
            prop_assert!(!d.omocode);
            prop_assert_eq!(parsed.normalized(), code.as_str());
        }

        #[test]
        fn omocode_variants_decode_alike(
            (surname, name, sex, birth, place) in person(),
            mask in 0u8..128,
        ) {
            let code = compute(&surname, &name, sex, birth, place, crate::io::tables::comuni()).expect("compute");
            let variant = substitute(code.as_str(), mask);
            let parsed = CodiceFiscale::parse(&variant, crate::io::tables::comuni()).expect("omocode parses");
            let today = date(2026, 11, 22);
            prop_assert_eq!(parsed.decode(today, crate::io::tables::comuni()), Decoded { omocode: mask != 0, ..code.decode(today, crate::io::tables::comuni()) });
            prop_assert_eq!(parsed.normalized(), code.as_str());
            prop_assert_eq!(parsed.is_omocode(), mask != 0);
        }

        #[test]
        fn a_changed_check_character_is_rejected(
            (surname, name, sex, birth, place) in person(),
            mask in 0u8..128,
            replacement in "[A-Z0-9]",
        ) {
            let code = substitute(compute(&surname, &name, sex, birth, place, crate::io::tables::comuni()).expect("compute").as_str(), mask);
            let (first15, check) = code.split_at(15);
            prop_assume!(replacement != check);
            let wrong = format!("{first15}{replacement}");
            let is_check_error = matches!(
                CodiceFiscale::parse(&wrong, crate::io::tables::comuni()),
                Err(CfError::CheckChar { .. })
            );
            prop_assert!(is_check_error);
        }

        #[test]
        fn parse_never_panics_on_any_string(s in ".*") {
            if let Ok(c) = CodiceFiscale::parse(&s, crate::io::tables::comuni()) {
                let _ = c.decode(date(2026, 11, 22), crate::io::tables::comuni());
                let _ = c.normalized();
            }
        }

        #[test]
        fn parse_never_panics_on_code_shaped_strings(s in "[A-Z0-9]{16}") {
            if let Ok(c) = CodiceFiscale::parse(&s, crate::io::tables::comuni()) {
                prop_assert!(c.try_decode(date(2026, 11, 22), crate::io::tables::comuni()).is_ok());
                prop_assert_eq!(CodiceFiscale::parse(&c.normalized(), crate::io::tables::comuni()).map(|n| n.normalized()), Ok(c.normalized()));
            }
        }

        #[test]
        fn parse_never_panics_on_near_codes(s in "[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z0-9]") {
            let _ = CodiceFiscale::parse(&s, crate::io::tables::comuni());
        }
    }
}

/// The omocode of `cf` at `level`: the `level` rightmost digit positions
/// replaced by their letters (0 = the code itself), with the check character
/// recomputed; `None` beyond the seven positions. This is the order in which
/// the Agenzia delle Entrate issues codes to people who would share one.
pub fn omocode(cf: &CodiceFiscale, level: usize) -> Option<CodiceFiscale> {
    if level > DIGIT_POSITIONS.len() {
        return None;
    }
    let mut bytes: Vec<u8> = cf.as_str().as_bytes().to_vec();
    if bytes.len() != LEN {
        return None;
    }
    for &i in DIGIT_POSITIONS.iter().rev().take(level) {
        let b = bytes[i];
        if b.is_ascii_digit() {
            bytes[i] = OMOCODE[usize::from(b - b'0')];
        }
    }
    let first15 = std::str::from_utf8(&bytes[..LEN - 1]).ok()?;
    let check = check_char(first15)?;
    Some(CodiceFiscale(format!("{first15}{check}")))
}

#[cfg(test)]
mod omocode_tests {
    use super::*;

    #[test]
    fn omocode_levels_follow_the_official_order() {
        let base = CodiceFiscale::parse("CCCFBA85D03L219P", crate::io::tables::comuni()).unwrap();
        assert_eq!(omocode(&base, 0).unwrap().as_str(), "CCCFBA85D03L219P");
        assert_eq!(omocode(&base, 1).unwrap().as_str(), "CCCFBA85D03L21VE");
        let all = omocode(&base, 7).unwrap();
        assert!(CodiceFiscale::parse(all.as_str(), crate::io::tables::comuni()).is_ok());
        assert_eq!(&all.as_str()[6..15], "URDLPLNMV");
        assert!(omocode(&base, 8).is_none());
    }

    #[test]
    fn omocode_letters_out_of_the_official_order_are_flagged() {
        let base = CodiceFiscale::parse("CCCFBA85D03L219P", crate::io::tables::comuni()).unwrap();
        for level in 0..=7 {
            let code = omocode(&base, level).unwrap();
            assert!(
                !code.omocode_out_of_order(),
                "level {level}: {}",
                code.as_str()
            );
        }
        // The 7th character (first year digit) replaced while the rest stay
        // digits: 8 -> U at index 6, check character recomputed.
        let first15 = "CCCFBAU5D03L219";
        let skipped = format!("{first15}{}", check_char(first15).unwrap());
        let skipped = CodiceFiscale::parse(&skipped, crate::io::tables::comuni()).unwrap();
        assert!(skipped.is_omocode());
        assert!(skipped.omocode_out_of_order());
        // Index 13 replaced, index 14 still a digit: 1 -> M.
        let first15 = "CCCFBA85D03L2M9";
        let hole = format!("{first15}{}", check_char(first15).unwrap());
        assert!(
            CodiceFiscale::parse(&hole, crate::io::tables::comuni())
                .unwrap()
                .omocode_out_of_order()
        );
    }
}
