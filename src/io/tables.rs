//! The reference tables built into the application (`assets/*.csv`, embedded
//! with `include_str!`): their CSV files read into the domain's types, each
//! parsed once. The domain keeps the types and the rules; the files' format
//! (header, columns, line numbers in errors) is read here.

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::domain::calendar::{CalendarError, HEADER, Patron, PatronTable};

/// The patron saints' table shipped with the application
/// (`assets/patroni.csv`), parsed once. Should the embedded file ever be
/// unreadable, the table is empty (tests guard against it).
pub fn patroni() -> &'static PatronTable {
    static EMBEDDED: OnceLock<PatronTable> = OnceLock::new();
    EMBEDDED
        .get_or_init(|| parse_patroni(include_str!("../../assets/patroni.csv")).unwrap_or_default())
}

/// Reads a table with header `comune,giorno,mese,santo`, one comune per row. Errors
/// name the line of the file. A UTF-8 byte-order mark and blank lines are accepted.
pub fn parse_patroni(text: &str) -> Result<PatronTable, CalendarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut table = PatronTable::default();
    let mut first_lines: Vec<u64> = Vec::new();
    let mut header_seen = false;
    for result in reader.records() {
        let record = result.map_err(|e| CalendarError::Csv {
            line: line_at(text, e.position()),
            message: e.to_string(),
        })?;
        let line = line_at(text, record.position());
        if !header_seen {
            let found: Vec<&str> = record.iter().collect();
            let found = found.join(",");
            if found.to_lowercase() != HEADER {
                return Err(CalendarError::BadHeader { line, found });
            }
            header_seen = true;
            continue;
        }
        if record.len() != 4 {
            return Err(CalendarError::FieldCount {
                line,
                found: record.len(),
            });
        }
        let field = |i: usize, name: &'static str| -> Result<&str, CalendarError> {
            match record.get(i) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(CalendarError::EmptyField { line, field: name }),
            }
        };
        let comune = field(0, "comune")?;
        let day_text = field(1, "giorno")?;
        let month_text = field(2, "mese")?;
        let santo = field(3, "santo")?;
        let day = day_text
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))
            .ok_or_else(|| CalendarError::BadDay {
                line,
                value: day_text.to_owned(),
            })?;
        let month = month_text
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| CalendarError::BadMonth {
                line,
                value: month_text.to_owned(),
            })?;
        // 2000 is a leap year: 29 February is accepted and simply absent in other years.
        if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
            return Err(CalendarError::BadDate { line, day, month });
        }
        match table.push(Patron {
            comune: comune.to_owned(),
            day,
            month,
            santo: santo.to_owned(),
        }) {
            Ok(()) => first_lines.push(line),
            Err(None) => {
                return Err(CalendarError::EmptyField {
                    line,
                    field: "comune",
                });
            }
            Err(Some(existing)) => {
                return Err(CalendarError::DuplicateComune {
                    line,
                    comune: comune.to_owned(),
                    first_line: first_lines.get(existing).copied().unwrap_or(0),
                });
            }
        }
    }
    if !header_seen {
        return Err(CalendarError::Empty);
    }
    Ok(table)
}

/// The 1-based line of `text` where a CSV record starts. The csv crate's own line counter
/// and byte offset both include the blank lines skipped before a record, so the offset is
/// moved past them before counting.
fn line_at(text: &str, position: Option<&csv::Position>) -> u64 {
    let Some(position) = position else { return 0 };
    let bytes = text.as_bytes();
    let mut start = usize::try_from(position.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    let newlines = bytes[..start].iter().filter(|&&b| b == b'\n').count();
    u64::try_from(newlines).map_or(u64::MAX, |n| n.saturating_add(1))
}
