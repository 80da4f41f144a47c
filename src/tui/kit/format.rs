//! How dates, places and the ATS are written on screen and read back from
//! what the operator types.

use chrono::NaiveDate;
use ratatui::text::Span;

use crate::domain::ats::Ats;
use crate::domain::comuni::Comune;

/// dd/mm/yyyy, as at the desk.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Why a typed date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not dd/mm/yyyy.
    Format,
    /// Well written, but no such day (31/02).
    Nonexistent,
}

/// Reads dd/mm/yyyy (also d/m/yyyy, and `-` or `.` as separators). The year
/// must have four digits, so that 01/02/03 is never guessed.
pub fn read_date(text: &str) -> Result<NaiveDate, DateError> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let number = |s: &str, max_len: usize| -> Result<u32, DateError> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError::Format);
        }
        s.parse().map_err(|_| DateError::Format)
    };
    let (day, month) = (number(d, 2)?, number(m, 2)?);
    if y.len() != 4 {
        return Err(DateError::Format);
    }
    let year = i32::try_from(number(y, 4)?).map_err(|_| DateError::Format)?;
    if year < 1000 {
        return Err(DateError::Format);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Nonexistent)
}

/// [`read_date`] without the reason.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    read_date(text).ok()
}

/// "Milano (MI)", "Francia (EE)".
pub fn comune_label(c: &Comune) -> String {
    format!("{} ({})", c.display_name(), c.provincia)
}

/// The label of a Belfiore code, or the code itself when unknown; empty stays empty.
pub fn place(belfiore: &str) -> String {
    if belfiore.trim().is_empty() {
        return String::new();
    }
    crate::service::comuni()
        .by_belfiore(belfiore)
        .map(comune_label)
        .unwrap_or_else(|| belfiore.to_string())
}

/// The ATS of residence derived from the comune (Belfiore code); `None`
/// outside Lombardy or for an unknown code.
pub fn residence_ats(belfiore: &str) -> Option<&'static Ats> {
    let comune = crate::service::comuni().by_belfiore(belfiore)?;
    crate::service::ats_rules().ats_for(
        crate::service::ats_table(),
        &comune.belfiore,
        &comune.provincia,
    )
}

/// "030321 ATS della Città Metropolitana di Milano".
pub fn ats_label(a: &Ats) -> String {
    format!("{} {}", a.codice, a.denominazione)
}

/// The ATS with a code, for an operator's override.
pub fn ats_by_code(code: &str) -> Option<&'static Ats> {
    crate::service::ats_table().ats_by_code(code)
}

/// A Belfiore code as typed: one letter and three digits ("h501").
pub fn looks_like_belfiore(text: &str) -> bool {
    let b = text.trim().as_bytes();
    b.len() == 4 && b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_digit)
}

/// Why a typed place could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    Empty,
    UnknownCode(String),
    Unknown(String),
    /// Several comuni share the name: the operator must pick the provincia.
    Ambiguous(Vec<String>),
}

/// Reads a place typed as a Belfiore code ("F205"), a name ("Milano") or a
/// label chosen from the completion list ("Milano (MI)").
pub fn resolve_place(text: &str) -> Result<&'static Comune, PlaceError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PlaceError::Empty);
    }
    let comuni = crate::service::comuni();
    if looks_like_belfiore(text) {
        return comuni
            .by_belfiore(text)
            .ok_or_else(|| PlaceError::UnknownCode(text.to_ascii_uppercase()));
    }
    let (name, provincia) = split_label(text);
    let mut found: Vec<&'static Comune> = comuni
        .by_name(name)
        .into_iter()
        .filter(|c| provincia.is_none_or(|p| c.provincia.eq_ignore_ascii_case(p)))
        .collect();
    // Current names first (by_name's order); one row per code.
    let mut seen = Vec::new();
    found.retain(|c| {
        if seen.contains(&c.belfiore) {
            false
        } else {
            seen.push(c.belfiore.clone());
            true
        }
    });
    if found.iter().any(|c| c.attivo) {
        found.retain(|c| c.attivo);
    }
    match found.as_slice() {
        [] => Err(PlaceError::Unknown(name.to_string())),
        [one] => Ok(one),
        many => Err(PlaceError::Ambiguous(
            many.iter().map(|c| comune_label(c)).collect(),
        )),
    }
}

/// "Milano (MI)" -> ("Milano", Some("MI")); "Milano" -> ("Milano", None).
pub fn split_label(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    if let Some(open) = text.rfind(" (")
        && let Some(inner) = text[open + 2..].strip_suffix(')')
        && inner.len() == 2
        && inner.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return (text[..open].trim(), Some(inner));
    }
    (text, None)
}

/// Display width of a text in terminal columns.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// Cuts a text to `max` columns, ending with "…" when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        if width(&next) > max - 1 {
            break;
        }
        out = next;
    }
    out.push('…');
    out
}

/// Cuts a text to `max` columns at a space, ending with "…" when something
/// was cut; a first word longer than that is cut inside.
pub fn truncate_words(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let cut = truncate(text, max);
    let kept = cut.trim_end_matches('…');
    match kept.rfind(' ') {
        Some(at) if at > 0 => format!("{}…", kept[..at].trim_end()),
        _ => cut,
    }
}

/// A text wrapped at spaces into lines of `width` columns, each indented by
/// one space, in `style`: the hint and information lines of a screen.
pub fn indented_lines(
    text: &str,
    width: u16,
    style: ratatui::style::Style,
) -> Vec<ratatui::text::Line<'static>> {
    wrap(text, usize::from(width.saturating_sub(1)))
        .into_iter()
        .map(|l| ratatui::text::Line::styled(format!(" {l}"), style))
        .collect()
}

/// Splits a text into lines of at most `max` columns, at spaces when possible.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than a line is cut.
        let mut rest = word.to_string();
        while width(&rest) > max {
            let head: String = rest.chars().take(max).collect();
            rest = rest.chars().skip(max).collect();
            lines.push(head);
        }
        line = rest;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn truncation_at_words() {
        assert_eq!(truncate_words("Scheda paziente", 15), "Scheda paziente");
        assert_eq!(truncate_words("Scheda paziente", 14), "Scheda…");
        assert_eq!(
            truncate_words("Amministrazione · Studio", 18),
            "Amministrazione…"
        );
        assert_eq!(truncate_words("Amministrazione", 8), "Amminis…");
    }

    #[test]
    fn dates_are_read_and_written_day_first() {
        assert_eq!(parse_date("01/02/1968"), Some(d(1968, 2, 1)));
        assert_eq!(parse_date(" 1/2/1968 "), Some(d(1968, 2, 1)));
        assert_eq!(parse_date("29-02-2024"), Some(d(2024, 2, 29)));
        assert_eq!(read_date("29/02/2023"), Err(DateError::Nonexistent));
        assert_eq!(read_date("31/13/2023"), Err(DateError::Nonexistent));
        assert_eq!(read_date("3l/12/2023"), Err(DateError::Format));
        assert_eq!(parse_date("01/02/68"), None);
        assert_eq!(parse_date("1968-02-01"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(date(d(2026, 11, 22)), "22/11/2026");
    }

    #[test]
    fn places_by_code_name_and_label() {
        assert_eq!(
            resolve_place("f205").map(|c| c.belfiore.as_str()),
            Ok("F205")
        );
        assert_eq!(
            resolve_place("milano").map(|c| c.belfiore.as_str()),
            Ok("F205")
        );
        assert_eq!(
            resolve_place("Milano (MI)").map(|c| c.belfiore.as_str()),
            Ok("F205")
        );
        assert_eq!(place("H501"), "Roma (RM)");
        assert_eq!(resolve_place(""), Err(PlaceError::Empty));
        assert_eq!(
            resolve_place("X999"),
            Err(PlaceError::UnknownCode("X999".into()))
        );
        assert!(matches!(
            resolve_place("Nessunluogo"),
            Err(PlaceError::Unknown(_))
        ));
        assert_eq!(
            residence_ats("F205").map(|a| a.codice.as_str()),
            Some("030321")
        );
        assert_eq!(residence_ats("H501"), None);
    }

    #[test]
    fn labels_split_and_text_is_cut_by_columns() {
        assert_eq!(split_label("Milano (MI)"), ("Milano", Some("MI")));
        assert_eq!(split_label("Milano"), ("Milano", None));
        assert_eq!(truncate("Niccolò D'Adda", 8), "Niccolò…");
        assert_eq!(truncate("Rossi", 8), "Rossi");
        assert_eq!(wrap("uno due tre", 7), vec!["uno due", "tre"]);
        assert_eq!(wrap("", 7), vec![""]);
    }
}
