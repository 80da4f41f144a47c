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

/// How many entries each one-edit variant of the query may bring.
const PER_VARIANT: usize = 3;

/// Patients whose "COGNOME NOME" starts with something one or two typos away
/// from the query: for a lookup that found nothing. Best (fewest edits) first.
pub fn suggest_ids(store: &Store, query: &str, limit: usize) -> Result<Vec<PatientId>> {
    if classify(query) != QueryKind::Text || limit == 0 {
        return Ok(Vec::new());
    }
    let q = fold(query);
    let qlen = q.chars().count();
    if qlen < 3 {
        return Ok(Vec::new());
    }
    let mut scored: Vec<(usize, String, PatientId)> = Vec::new();
    let mut consider = |key: String, id: PatientId| {
        let head: String = key.chars().take(qlen).collect();
        let d = edit_distance(&q, &head);
        if d <= 2 && !scored.iter().any(|(_, _, i)| *i == id) {
            scored.push((d, key, id));
        }
    };
    for variant in one_edit_variants(&q) {
        for hit in store.scan_prefix(PatientIndex::Name, &variant, PER_VARIANT)? {
            consider(hit.key, hit.id);
        }
    }
    for forward in [false, true] {
        for hit in store.name_neighbours(&q, forward, 20)? {
            consider(hit.key, hit.id);
        }
    }
    scored.sort();
    Ok(scored
        .into_iter()
        .take(limit)
        .map(|(_, _, id)| id)
        .collect())
}

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Every string one substitution, deletion, insertion or transposition of two
/// neighbours away from `q` (upper-case letters and spaces), without duplicates.
pub fn one_edit_variants(q: &str) -> Vec<String> {
    let chars: Vec<char> = q.chars().collect();
    let mut out: Vec<String> = Vec::new();
    // A set for the repeats: `out.contains` made this quadratic (about 18% of
    // the lookup benchmark's CPU at 1,000,000 patients).
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut add = |v: Vec<char>| {
        let s: String = v.into_iter().collect();
        let s = s.trim().to_string();
        if !s.is_empty() && s != q && seen.insert(s.clone()) {
            out.push(s);
        }
    };
    for i in 0..chars.len() {
        let mut del = chars.clone();
        del.remove(i);
        add(del);
        if i + 1 < chars.len() {
            let mut swap = chars.clone();
            swap.swap(i, i + 1);
            add(swap);
        }
        for &c in ALPHABET {
            let c = char::from(c);
            if chars[i] != c {
                let mut sub = chars.clone();
                sub[i] = c;
                add(sub);
            }
        }
    }
    for i in 0..=chars.len() {
        for &c in ALPHABET {
            let mut ins = chars.clone();
            ins.insert(i, char::from(c));
            add(ins);
        }
    }
    out
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated
/// edits of one substring) between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod suggest_tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("ROSSI", "ROSSI"), 0);
        assert_eq!(edit_distance("RPSSI", "ROSSI"), 1);
        assert_eq!(edit_distance("ROSIS", "ROSSI"), 1);
        assert_eq!(edit_distance("RSSI", "ROSSI"), 1);
        assert_eq!(edit_distance("RUSSU", "ROSSI"), 2);
        assert_eq!(edit_distance("", "ABC"), 3);
    }

    #[test]
    fn variants_cover_each_kind_of_edit() {
        let v = one_edit_variants("RPSSI");
        assert!(v.contains(&"ROSSI".to_string()));
        assert!(v.contains(&"RSSI".to_string()));
        assert!(v.contains(&"PRSSI".to_string()));
        assert!(v.contains(&"RPSSIO".to_string()));
        assert!(!v.contains(&"RPSSI".to_string()));
        // 5 deletions + 4 swaps + 5*25 substitutions + 6*26 insertions, minus repeats.
        assert!(v.len() > 250 && v.len() <= 5 + 4 + 125 + 156, "{}", v.len());
    }
}
