//! Patient lookup: what the operator types, turned into index scans.
//!
//! A query is tried, in this order, as a name prefix ("ross", "rossi ma",
//! accent- and case-insensitive), as a prefix of a codice fiscale, and, when it
//! is made of digits, as a tessera sanitaria or phone prefix. Words may each be
//! prefixes ("ros ma" finds "Rossi Mario") within a bounded scan.

use crate::domain::PatientId;
use crate::domain::patient::digits;
use crate::domain::text::fold;
use crate::store::{PatientIndex, Result, Store};

/// How many name-index entries a word-by-word match may read at most.
const MAX_WORD_SCAN: usize = 5_000;

/// What kind of query the text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Empty,
    /// Letters (maybe with digits): names and codici fiscali.
    Text,
    /// Digits, spaces, `+`, `-`, `/`: tessera sanitaria and phone numbers.
    Number,
}

pub fn classify(query: &str) -> QueryKind {
    let q = query.trim();
    if q.is_empty() || fold(q).is_empty() {
        QueryKind::Empty
    } else if q
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '/' | '.'))
    {
        QueryKind::Number
    } else {
        QueryKind::Text
    }
}

/// The ids matching `query`, best first, at most `limit`, without duplicates.
pub fn search_ids(store: &Store, query: &str, limit: usize) -> Result<Vec<PatientId>> {
    let mut out = Vec::new();
    if limit == 0 {
        return Ok(out);
    }
    let push = |out: &mut Vec<PatientId>, id| {
        if out.len() < limit && !out.contains(&id) {
            out.push(id);
        }
    };
    match classify(query) {
        QueryKind::Empty => {}
        QueryKind::Number => {
            let d = digits(query);
            for index in [PatientIndex::Tessera, PatientIndex::Phone] {
                for hit in store.scan_prefix(index, &d, limit)? {
                    push(&mut out, hit.id);
                }
            }
        }
        QueryKind::Text => {
            let folded = fold(query);
            for hit in store.scan_prefix(PatientIndex::Name, &folded, limit)? {
                push(&mut out, hit.id);
            }
            let compact: String = query
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            if out.len() < limit
                && compact.len() >= 2
                && compact.chars().all(|c| c.is_ascii_alphanumeric())
            {
                for hit in store.scan_prefix(PatientIndex::CodiceFiscale, &compact, limit)? {
                    push(&mut out, hit.id);
                }
            }
            let words: Vec<&str> = folded.split(' ').collect();
            if out.len() < limit && words.len() > 1 {
                let first = words[0];
                let mut scanned = 0;
                for hit in store.scan_prefix(PatientIndex::Name, first, MAX_WORD_SCAN)? {
                    scanned += 1;
                    if words_match(&words, &hit.key) {
                        push(&mut out, hit.id);
                    }
                    if out.len() >= limit || scanned >= MAX_WORD_SCAN {
                        break;
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Every query word is a prefix of a key word, in order ("ros ma" ~ "ROSSI MARIO",
/// "de ro an" ~ "DE ROSSI ANNA").
pub fn words_match(query_words: &[&str], key: &str) -> bool {
    let mut key_words = key.split(' ');
    query_words
        .iter()
        .all(|q| key_words.by_ref().any(|k| k.starts_with(q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_queries() {
        assert_eq!(classify("  "), QueryKind::Empty);
        assert_eq!(classify("'"), QueryKind::Empty);
        assert_eq!(classify("rossi"), QueryKind::Text);
        assert_eq!(classify("RSSMRA68"), QueryKind::Text);
        assert_eq!(classify("+39 333-12"), QueryKind::Number);
        assert_eq!(classify("8038000"), QueryKind::Number);
    }

    #[test]
    fn word_prefixes_in_order() {
        assert!(words_match(&["ROS", "MA"], "ROSSI MARIO"));
        assert!(words_match(&["DE", "ROS", "AN"], "DE ROSSI ANNA"));
        assert!(words_match(&["ROS", "AN"], "ROSSI MARIA ANNA"));
        assert!(!words_match(&["MA", "ROS"], "ROSSI MARIO"));
        assert!(!words_match(&["ROS", "LU"], "ROSSI MARIO"));
    }
}
