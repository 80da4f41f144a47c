//! The Belfiore (codice catastale) table of Italian comuni and foreign states
//! (`assets/comuni-belfiore.csv`): the CSV read into the domain's [`Comuni`].

use std::sync::OnceLock;

use crate::domain::comuni::{Comune, Comuni};

/// The embedded source (header `belfiore,provincia,denominazione,attivo`, CRLF
/// line ends, upper-case names, no quoted fields).
const CSV: &str = include_str!("../../../assets/comuni-belfiore.csv");

/// The table embedded in the binary, parsed on first use.
pub fn comuni() -> &'static Comuni {
    static EMBEDDED: OnceLock<Comuni> = OnceLock::new();
    EMBEDDED.get_or_init(|| Comuni::from_rows(parse_comuni(CSV)))
}

/// Parses the Belfiore CSV by hand (no quoted fields in it). Malformed lines are
/// skipped; a test checks that none are.
pub fn parse_comuni(source: &str) -> Vec<Comune> {
    source.lines().skip(1).filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Comune> {
    let line = line.trim_end_matches('\r');
    let mut fields = line.split(',');
    let belfiore = fields.next()?.trim();
    let provincia = fields.next()?.trim();
    let nome = fields.next()?.trim();
    let attivo = match fields.next()?.trim() {
        "1" => true,
        "0" => false,
        _ => return None,
    };
    if fields.next().is_some() || belfiore.is_empty() || nome.is_empty() {
        return None;
    }
    Some(Comune {
        belfiore: belfiore.to_ascii_uppercase(),
        provincia: provincia.to_string(),
        nome: nome.to_string(),
        attivo,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_embedded_file_parses() {
        let data_lines = CSV.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        assert_eq!(data_lines, 13_670);
        assert_eq!(parse_comuni(CSV).len(), 13_670);
        assert!(
            !CSV.contains('"'),
            "the hand parser assumes no quoted fields"
        );
        // Three rows of the source are exact duplicates.
        assert_eq!(comuni().len(), 13_667);
        assert!(!comuni().is_empty());
    }
}
