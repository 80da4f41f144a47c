//! The reference tables built into the application (`assets/*.csv`, embedded
//! with `include_str!`): their CSV files read into the domain's types, each
//! parsed once. The domain keeps the types and the rules; the files' format
//! (header, columns, line numbers in errors) is read here.

mod ats;
mod comuni;
mod pai;
pub use ats::{ats_rules, ats_table, parse_asst_csv, parse_ats_csv, parse_ats_exceptions};
pub use comuni::{comuni, parse_comuni};
pub use pai::{pai_templates, parse_pai_templates};

use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::domain::calendar::{CalendarError, HEADER, Patron, PatronTable};
use crate::domain::pathology::{Catalogue, Pathology, PrimarieAts};

/// The patron saints' table shipped with the application
/// (`assets/patroni.csv`), parsed once. Should the embedded file ever be
/// unreadable, the table is empty (tests guard against it).
pub fn patroni() -> &'static PatronTable {
    static EMBEDDED: OnceLock<PatronTable> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        parse_patroni(include_str!("../../../assets/patroni.csv")).unwrap_or_default()
    })
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

/// The pathology catalogue shipped with the application
/// (`assets/patologie.csv`: the Region's 65 SGDT pathologies), parsed once.
/// Should the embedded file ever be unreadable, the catalogue is empty
/// (tests guard against it).
pub fn pathologies() -> &'static Catalogue {
    static EMBEDDED: OnceLock<Catalogue> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        parse_pathologies(include_str!("../../../assets/patologie.csv")).unwrap_or_default()
    })
}

/// Why a pathology table was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("Riga {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error("Intestazione non valida: attese le colonne codice;descrizione;nome;icd9cm;attivo")]
    Header,
}

/// Reads `codice;descrizione;nome;icd9cm;attivo` (semicolons, as the Region
/// publishes its code systems). `nome` empty = the description; `attivo` 0 =
/// kept for old records but not offered.
pub fn parse_pathologies(text: &str) -> Result<Catalogue, CatalogueError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        .map(|h| h.iter().take(3).eq(["codice", "descrizione", "nome"]))
        .unwrap_or(false);
    if !header_ok {
        return Err(CatalogueError::Header);
    }
    let mut items: Vec<Pathology> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| CatalogueError::Line {
            line,
            reason: e.to_string(),
        })?;
        let code = record.get(0).unwrap_or("").to_uppercase();
        let descrizione = record.get(1).unwrap_or("").to_string();
        if code.is_empty() || descrizione.is_empty() {
            return Err(CatalogueError::Line {
                line,
                reason: "codice e descrizione sono obbligatori".into(),
            });
        }
        if items.iter().any(|p| p.code == code) {
            return Err(CatalogueError::Line {
                line,
                reason: format!("codice {code} ripetuto"),
            });
        }
        let name = record
            .get(2)
            .filter(|s| !s.is_empty())
            .map_or_else(|| descrizione.clone(), str::to_string);
        let icd9cm = record.get(3).filter(|s| !s.is_empty()).map(str::to_string);
        let active = record.get(4).is_none_or(|s| s != "0");
        items.push(Pathology {
            code,
            descrizione,
            name,
            icd9cm,
            active,
        });
    }
    Ok(Catalogue::new(items))
}

/// Reads a table of the primary pathologies each ATS allows: header
/// `ats;codice` (or with commas), one allowed code a row. Codes of the old
/// catalogue are read as their SGDT codes.
pub fn parse_primarie(text: &str) -> Result<PrimarieAts, CatalogueError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(str::to_lowercase)
                .take(2)
                .eq(["ats".to_string(), "codice".to_string()])
        })
        .unwrap_or(false);
    if !header_ok {
        return Err(CatalogueError::Header);
    }
    let mut table = PrimarieAts::default();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| CatalogueError::Line {
            line,
            reason: e.to_string(),
        })?;
        let ats = record.get(0).unwrap_or("");
        let code = record.get(1).unwrap_or("");
        if ats.is_empty() && code.is_empty() {
            continue;
        }
        if ats.is_empty() || code.is_empty() {
            return Err(CatalogueError::Line {
                line,
                reason: "ats e codice sono obbligatori".into(),
            });
        }
        let code = crate::domain::pathology::legacy_code(code).unwrap_or(code);
        table.add(ats, &code.to_uppercase());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_embedded_patroni_parses() {
        assert_eq!(
            parse_patroni(include_str!("../../../assets/patroni.csv")).as_ref(),
            Ok(patroni())
        );
        assert!(patroni().len() >= 12);
    }

    #[test]
    fn the_catalogue_is_the_published_sgdt_list() {
        let c = pathologies();
        assert_eq!(c.items().len(), 65);
        // Code and description exactly as in the Region's file.
        let published = include_str!("../../../assets/patologie-sgdt.csv");
        let rows: Vec<(&str, &str)> = published
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(';'))
            .collect();
        assert_eq!(rows.len(), 65);
        for (p, (code, descrizione)) in c.items().iter().zip(rows) {
            assert_eq!(
                (p.code.as_str(), p.descrizione.as_str()),
                (code, descrizione)
            );
        }
        assert_eq!(c.name_of("56"), "Ipertensione arteriosa");
        assert_eq!(
            c.get("50").and_then(|p| p.icd9cm.as_deref()),
            Some("250.00")
        );
        assert_eq!(
            c.get("32").map(|p| p.descrizione.as_str()),
            Some("MIOCARDIOPATIA  NON ARITMICA")
        );
        // Every old code's new code is in the catalogue.
        for (_, new) in crate::domain::pathology::LEGACY_CODES {
            assert!(c.get(new).is_some(), "{new}");
        }
    }

    #[test]
    fn the_levels_are_the_published_ones() {
        let published = include_str!("../../../assets/livello-gravita.csv");
        let rows: Vec<(u8, &str)> = published
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(';'))
            .map(|(c, d)| (c.parse().unwrap(), d))
            .collect();
        assert_eq!(rows.len(), 3);
        for (code, descrizione) in rows {
            let l = crate::domain::Livello::from_number(code).unwrap();
            assert_eq!((l.number(), l.gravita()), (code, descrizione));
        }
    }

    #[test]
    fn primary_pathologies_per_ats_from_a_table() {
        let t = parse_primarie("ats;codice\n030321;50\n030321;56\n\n030322;DM2\n").unwrap();
        assert!(t.allows("030321", "56"));
        assert!(!t.allows("030321", "39"));
        assert!(t.allows("030322", "50"));
        assert!(t.allows("030323", "39"));
        assert_eq!(
            parse_primarie("ats,codice\n030321,\n"),
            Err(CatalogueError::Line {
                line: 2,
                reason: "ats e codice sono obbligatori".into()
            })
        );
        assert_eq!(parse_primarie("a;b\n"), Err(CatalogueError::Header));
    }

    #[test]
    fn bad_pathology_lines_are_reported_with_their_number() {
        let head = "codice;descrizione;nome;icd9cm;attivo\n";
        assert_eq!(
            parse_pathologies(&format!("{head}1;UNO;;;1\n;SENZA CODICE;;;1\n")),
            Err(CatalogueError::Line {
                line: 3,
                reason: "codice e descrizione sono obbligatori".into()
            })
        );
        assert_eq!(
            parse_pathologies(&format!("{head}1;UNO;;;1\n1;ANCORA;;;1\n")),
            Err(CatalogueError::Line {
                line: 3,
                reason: "codice 1 ripetuto".into()
            })
        );
        assert_eq!(parse_pathologies("x;y\n1;2\n"), Err(CatalogueError::Header));
        let c = parse_pathologies(&format!("{head}7;SETTE;;;0\n")).unwrap();
        assert_eq!(c.name_of("7"), "SETTE");
        assert!(!c.items()[0].active);
    }
}
