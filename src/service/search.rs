//! Patient lookup: what the operator types, turned into index scans.
//!
//! A query is tried, in this order, as a name prefix ("ross", "rossi ma",
//! accent- and case-insensitive), as a prefix of a codice fiscale, and, when it
//! is made of digits, as a tessera sanitaria or phone prefix. Words may each be
//! prefixes, in order ("ros ma" finds "Rossi Mario", "ros gr" "Rossi Maria
//! Grazia"): the first one of the first name word, the others of later ones.
//! Apostrophes and spaces inside a surname do not matter: "dadda", "d'adda",
//! "d adda" and "adda" find D'Adda (the first words joined, then the other
//! forms of surnames). Last come the names whose first name starts with the
//! query ("niccolo", "niccolo d"): surname matches rank first.

use std::collections::HashSet;

use crate::domain::PatientId;
use crate::domain::patient::digits;
use crate::domain::text::fold;
use crate::store::{OtherName, PatientIndex, PatientRow, Result, Store, name_index_row};

/// How many distinct first words (surnames) a word-by-word match looks at
/// at most: a bound on the work of a one-letter first word on a large store
/// ("r m"), far above what a real query meets (a first word of two letters
/// or more starts a few hundred surnames at most). Names under first words
/// beyond it are not found by the word-by-word step.
const MAX_FIRST_WORDS: usize = 5_000;

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
    Ok(search_found(store, query, limit, false)?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// [`search_ids`] as the lookup list's rows, taken from the index entries
/// the search walked (the records are not read).
pub fn search_rows(store: &Store, query: &str, limit: usize) -> Result<Vec<PatientRow>> {
    let found = search_found(store, query, limit, true)?;
    let mut out = Vec::with_capacity(found.len());
    for (id, f) in found {
        let row = match f {
            Found::Row(row) => Some(row),
            Found::Name(name) => match store.row_by_name(&name, id)? {
                Some(row) => Some(row),
                None => store.patient_row(id)?,
            },
            Found::Id => store.patient_row(id)?,
        };
        out.extend(row);
    }
    Ok(out)
}

/// Where a hit's display row is: at hand, under its name index entry, or
/// to be found from its record.
enum Found {
    Row(PatientRow),
    Name(String),
    Id,
}

/// A hit that came with its row (or without one: found from its record).
fn found_row(mut row: Option<PatientRow>) -> impl FnMut() -> Found {
    move || row.take().map_or(Found::Id, Found::Row)
}

/// The hits of [`search_ids`], each with its display row when `rows`.
fn search_found(
    store: &Store,
    query: &str,
    limit: usize,
    rows: bool,
) -> Result<Vec<(PatientId, Found)>> {
    let mut out: Vec<(PatientId, Found)> = Vec::new();
    if limit == 0 {
        return Ok(out);
    }
    let push = |out: &mut Vec<(PatientId, Found)>, id, found: &mut dyn FnMut() -> Found| {
        if out.len() < limit && !out.iter().any(|(seen, _)| *seen == id) {
            out.push((id, if rows { found() } else { Found::Id }));
        }
    };
    let scan = |index, prefix: &str| -> Result<Vec<(PatientId, Option<PatientRow>)>> {
        Ok(if rows {
            store
                .scan_prefix_rows(index, prefix, limit)?
                .into_iter()
                .map(|(hit, row)| (hit.id, row))
                .collect()
        } else {
            store
                .scan_prefix(index, prefix, limit)?
                .into_iter()
                .map(|hit| (hit.id, None))
                .collect()
        })
    };
    match classify(query) {
        QueryKind::Empty => {}
        QueryKind::Number => {
            let d = digits(query);
            for index in [PatientIndex::Tessera, PatientIndex::Phone] {
                for (id, row) in scan(index, &d)? {
                    push(&mut out, id, &mut found_row(row));
                }
            }
        }
        QueryKind::Text => {
            let folded = fold(query);
            for (id, row) in scan(PatientIndex::Name, &folded)? {
                push(&mut out, id, &mut found_row(row));
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
                for (id, row) in scan(PatientIndex::CodiceFiscale, &compact)? {
                    push(&mut out, id, &mut found_row(row));
                }
            }
            let words: Vec<&str> = folded.split(' ').collect();
            if out.len() < limit && words.len() > 1 {
                // The names whose first word starts with the first query word
                // and a later one with the second, in name order; the other
                // query words are checked on each.
                store.walk_name_words_rows(&words, MAX_FIRST_WORDS, |key, id, value| {
                    if words_match(&words, key) {
                        push(
                            &mut out,
                            id,
                            &mut || match value.and_then(|v| name_index_row(id, v)) {
                                Some(row) => Found::Row(row),
                                None => Found::Name(key.to_string()),
                            },
                        );
                    }
                    out.len() < limit
                })?;
            }
            // A surname typed in pieces ("d adda" for DADDA): the first
            // words joined.
            for k in 2..=words.len() {
                if out.len() >= limit {
                    break;
                }
                for (id, row) in scan(PatientIndex::Name, &joined_words(&words, k))? {
                    push(&mut out, id, &mut found_row(row));
                }
            }
            // The surname written otherwise ("adda" and "d adda" for D'Adda),
            // then the first name first ("niccolo d").
            for kind in [OtherName::Surname, OtherName::FirstName] {
                if out.len() < limit {
                    store.walk_other_names(kind, &folded, |_, id| {
                        push(&mut out, id, &mut || Found::Id);
                        out.len() < limit
                    })?;
                }
            }
        }
    }
    Ok(out)
}

/// The first `k` query words joined into one, the others after it
/// ("D ADDA NI", 2: "DADDA NI").
pub fn joined_words(words: &[&str], k: usize) -> String {
    let k = k.min(words.len());
    let mut out = words[..k].concat();
    for w in &words[k..] {
        out.push(' ');
        out.push_str(w);
    }
    out
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

/// How many names on each side of the query are also considered.
const NEIGHBOURS: usize = 20;

/// The name index as the suggestions read it: entries (folded "COGNOME NOME",
/// id) in key order. The store implements it; the scale benchmark implements
/// it on SQLite, so that both engines run this same algorithm.
pub trait NameIndex {
    type Error;
    /// Visits the entries whose key is at or after `from`, in key order,
    /// until `visit` returns false or the index ends.
    fn walk_from(
        &self,
        from: &str,
        visit: &mut dyn FnMut(&str, PatientId) -> bool,
    ) -> std::result::Result<(), Self::Error>;
    /// Up to `limit` entries strictly before `from`, nearest first.
    fn before(
        &self,
        from: &str,
        limit: usize,
    ) -> std::result::Result<Vec<(String, PatientId)>, Self::Error>;
}

impl NameIndex for Store {
    type Error = crate::store::StoreError;

    fn walk_from(&self, from: &str, visit: &mut dyn FnMut(&str, PatientId) -> bool) -> Result<()> {
        self.walk_name_from(from, visit)
    }

    fn before(&self, from: &str, limit: usize) -> Result<Vec<(String, PatientId)>> {
        Ok(self
            .name_neighbours(from, false, limit)?
            .into_iter()
            .map(|hit| (hit.key, hit.id))
            .collect())
    }
}

/// Patients whose "COGNOME NOME" starts with something one edit away from
/// the query (a letter replaced, left out, added, or two neighbours swapped),
/// or is one of the names next to it, with the first `query`-length letters
/// at most two edits away: for a lookup that found nothing. Best (fewest
/// edits) first.
pub fn suggest_ids(store: &Store, query: &str, limit: usize) -> Result<Vec<PatientId>> {
    suggest_in(store, query, limit)
}

/// [`suggest_ids`] as the lookup list's rows, each read from the name index
/// entry that suggested it.
pub fn suggest_rows(store: &Store, query: &str, limit: usize) -> Result<Vec<PatientRow>> {
    let mut out = Vec::new();
    for (key, id) in suggest_keys_in(store, query, limit)? {
        let row = match store.row_by_name(&key, id)? {
            Some(row) => Some(row),
            None => store.patient_row(id)?,
        };
        out.extend(row);
    }
    Ok(out)
}

/// [`suggest_ids`] on any [`NameIndex`].
///
/// The answer is the same as looking up every variant of
/// [`one_edit_variants`] (`PER_VARIANT` entries each) and the neighbours; it
/// only skips the lookups that cannot find anything:
/// - an edit at position `i` keeps the query's first `i` letters; when no name
///   starts with them, none starts with the variant;
/// - the 25 substitutions and 26 insertions at one position are walked in
///   letter order, and a variant that finds nothing lands on the next name
///   with the same start, whose next letter is the next one worth trying.
pub fn suggest_in<I: NameIndex>(
    index: &I,
    query: &str,
    limit: usize,
) -> std::result::Result<Vec<PatientId>, I::Error> {
    Ok(suggest_keys_in(index, query, limit)?
        .into_iter()
        .map(|(_, id)| id)
        .collect())
}

/// [`suggest_in`] with the name index key of each suggestion.
pub fn suggest_keys_in<I: NameIndex>(
    index: &I,
    query: &str,
    limit: usize,
) -> std::result::Result<Vec<(String, PatientId)>, I::Error> {
    if classify(query) != QueryKind::Text || limit == 0 {
        return Ok(Vec::new());
    }
    let q = fold(query);
    let chars: Vec<char> = q.chars().collect();
    let qlen = chars.len();
    if qlen < 3 {
        return Ok(Vec::new());
    }
    let mut scored: Vec<(usize, String, PatientId)> = Vec::new();
    let mut seen: HashSet<PatientId> = HashSet::new();
    let mut consider = |key: &str, id: PatientId| {
        if seen.contains(&id) {
            return;
        }
        let head: String = key.chars().take(qlen).collect();
        let d = edit_distance(&q, &head);
        if d <= 2 {
            seen.insert(id);
            scored.push((d, key.to_string(), id));
        }
    };
    let before = index.before(&q, NEIGHBOURS)?;
    let mut after: Vec<(String, PatientId)> = Vec::with_capacity(NEIGHBOURS);
    index.walk_from(&q, &mut |key, id| {
        after.push((key.to_string(), id));
        after.len() < NEIGHBOURS
    })?;
    // How many leading letters of the query some name has: the longest such
    // start is shared with one of the query's two neighbours in key order.
    let mut known = [before.first(), after.first()]
        .into_iter()
        .flatten()
        .map(|(key, _)| common_prefix_chars(&q, key))
        .max()
        .unwrap_or(0);
    if known < qlen {
        // Confirmed with one seek, so that results stay exact even if an
        // undecodable entry hid the true neighbour.
        let candidate: String = chars[..=known].iter().collect();
        let mut alive = false;
        index.walk_from(&candidate, &mut |key, _| {
            alive = key.starts_with(candidate.as_str());
            false
        })?;
        if alive {
            known = qlen;
        }
    }
    // One character more than `known` starts no name: a variant keeping it finds nothing.
    let dead: Option<String> = (known < qlen).then(|| chars[..=known].iter().collect());
    for variant in deletions_and_swaps(&chars) {
        if dead
            .as_ref()
            .is_some_and(|d| variant.starts_with(d.as_str()))
        {
            continue;
        }
        walk_variant(index, &variant, &mut consider)?;
    }
    for i in 0..=known.min(qlen) {
        let head: String = chars[..i].iter().collect();
        if i < qlen {
            let tail: String = chars[i + 1..].iter().collect();
            letter_variants(index, &head, &tail, Some(chars[i]), &mut consider)?;
        }
        let tail: String = chars[i..].iter().collect();
        letter_variants(index, &head, &tail, None, &mut consider)?;
    }
    for (key, id) in before.iter().chain(after.iter()) {
        consider(key, *id);
    }
    scored.sort();
    Ok(scored
        .into_iter()
        .take(limit)
        .map(|(_, key, id)| (key, id))
        .collect())
}

/// Reads up to `PER_VARIANT` entries starting with `variant`.
fn walk_variant<I: NameIndex>(
    index: &I,
    variant: &str,
    consider: &mut impl FnMut(&str, PatientId),
) -> std::result::Result<(), I::Error> {
    let mut taken = 0;
    index.walk_from(variant, &mut |key, id| {
        if !key.starts_with(variant) {
            return false;
        }
        consider(key, id);
        taken += 1;
        taken < PER_VARIANT
    })
}

/// The variants `head + c + tail` for every letter c other than `skip`,
/// `PER_VARIANT` entries each, walked in letter order. A variant that runs
/// out of entries lands on the next name after them: if that name starts
/// with `head`, its next character is the next letter worth trying (the
/// letters in between follow `head` in no name); if it does not, no later
/// letter can match either.
fn letter_variants<I: NameIndex>(
    index: &I,
    head: &str,
    tail: &str,
    skip: Option<char>,
    consider: &mut impl FnMut(&str, PatientId),
) -> std::result::Result<(), I::Error> {
    let mut c = b'A';
    while c <= b'Z' {
        if skip == Some(char::from(c)) {
            c += 1;
            continue;
        }
        let variant = format!("{head}{}{tail}", char::from(c));
        let mut taken = 0;
        // The byte after `head` in the first name past the variant's entries
        // (Some(None): that name does not start with `head`).
        let mut next: Option<Option<u8>> = None;
        index.walk_from(&variant, &mut |key, id| {
            if key.starts_with(variant.as_str()) {
                consider(key, id);
                taken += 1;
                return taken < PER_VARIANT;
            }
            next = Some(key.strip_prefix(head).and_then(|rest| rest.bytes().next()));
            false
        })?;
        c = match next {
            // Stopped with entries of this variant left: try the next letter.
            None if taken == PER_VARIANT => c + 1,
            // Names go on with `head`: the next letter that some name has
            // after it (names sort after the variant, so b >= c).
            Some(Some(b)) => b.max(c + 1),
            // The index ended, or no later name starts with `head`.
            _ => break,
        };
    }
    Ok(())
}

/// The one-edit variants that keep the query's letters: each character left
/// out, and each pair of neighbours swapped (trimmed, without repeats and
/// without the query itself).
fn deletions_and_swaps(chars: &[char]) -> Vec<String> {
    let q: String = chars.iter().collect();
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: Vec<char>| {
        let s: String = v.into_iter().collect();
        let s = s.trim().to_string();
        if !s.is_empty() && s != q && !out.contains(&s) {
            out.push(s);
        }
    };
    for i in 0..chars.len() {
        let mut del = chars.to_vec();
        del.remove(i);
        add(del);
        if i + 1 < chars.len() {
            let mut swap = chars.to_vec();
            swap.swap(i, i + 1);
            add(swap);
        }
    }
    out
}

/// How many leading characters two strings share.
fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Every string one substitution, deletion, insertion or transposition of two
/// neighbours away from `q` (upper-case letters and spaces), without duplicates.
pub fn one_edit_variants(q: &str) -> Vec<String> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = deletions_and_swaps(&chars);
    // A set for the repeats: `out.contains` made this quadratic (about 18% of
    // the lookup benchmark's CPU at 1,000,000 patients).
    let mut seen: HashSet<String> = out.iter().cloned().collect();
    let mut add = |v: Vec<char>| {
        let s: String = v.into_iter().collect();
        let s = s.trim().to_string();
        if !s.is_empty() && s != q && seen.insert(s.clone()) {
            out.push(s);
        }
    };
    for i in 0..=chars.len() {
        for &c in ALPHABET {
            let c = char::from(c);
            if i < chars.len() && chars[i] != c {
                let mut sub = chars.clone();
                sub[i] = c;
                add(sub);
            }
            let mut ins = chars.clone();
            ins.insert(i, c);
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

#[cfg(test)]
mod equivalence_tests {
    //! The pruned and streamed scans against the plain algorithms they
    //! replaced, on the same demo patients: same ids, same order.
    use super::*;
    use crate::service::demo::DemoGenerator;

    fn demo_store(dir: &std::path::Path, count: usize) -> Store {
        let store = Store::open(dir).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut generator = DemoGenerator::new(7, today);
        let mut batch: Vec<_> = (0..count)
            .map(|_| generator.next_patient(&|_| false))
            .collect();
        store.insert_patients_batch(&mut batch).unwrap();
        store
    }

    /// `suggest_ids` as it was: every variant looked up, first come first kept.
    fn suggest_reference(store: &Store, query: &str, limit: usize) -> Vec<PatientId> {
        let q = fold(query);
        let qlen = q.chars().count();
        let mut scored: Vec<(usize, String, PatientId)> = Vec::new();
        let mut consider = |key: String, id: PatientId| {
            let head: String = key.chars().take(qlen).collect();
            let d = edit_distance(&q, &head);
            if d <= 2 && !scored.iter().any(|(_, _, i)| *i == id) {
                scored.push((d, key, id));
            }
        };
        for variant in one_edit_variants(&q) {
            for hit in store
                .scan_prefix(PatientIndex::Name, &variant, PER_VARIANT)
                .unwrap()
            {
                consider(hit.key, hit.id);
            }
        }
        for forward in [false, true] {
            for hit in store.name_neighbours(&q, forward, 20).unwrap() {
                consider(hit.key, hit.id);
            }
        }
        scored.sort();
        scored
            .into_iter()
            .take(limit)
            .map(|(_, _, id)| id)
            .collect()
    }

    /// `search_ids` for text, plainly: the name and codice fiscale prefixes,
    /// then every name-index entry starting with the first word, in key
    /// order, kept when the words match (no cap on what is read).
    fn search_reference(store: &Store, query: &str, limit: usize) -> Vec<PatientId> {
        let mut out = Vec::new();
        let push = |out: &mut Vec<PatientId>, id| {
            if out.len() < limit && !out.contains(&id) {
                out.push(id);
            }
        };
        let folded = fold(query);
        for hit in store
            .scan_prefix(PatientIndex::Name, &folded, limit)
            .unwrap()
        {
            push(&mut out, hit.id);
        }
        let compact: String = query
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        if out.len() < limit && compact.len() >= 2 {
            for hit in store
                .scan_prefix(PatientIndex::CodiceFiscale, &compact, limit)
                .unwrap()
            {
                push(&mut out, hit.id);
            }
        }
        let words: Vec<&str> = folded.split(' ').collect();
        if words.len() > 1 {
            for hit in store
                .scan_prefix(PatientIndex::Name, words[0], usize::MAX)
                .unwrap()
            {
                if words_match(&words, &hit.key) {
                    push(&mut out, hit.id);
                }
            }
        }
        for k in 2..=words.len() {
            for hit in store
                .scan_prefix(PatientIndex::Name, &joined_words(&words, k), usize::MAX)
                .unwrap()
            {
                push(&mut out, hit.id);
            }
        }
        for kind in [OtherName::Surname, OtherName::FirstName] {
            store
                .walk_other_names(kind, &folded, |_, id| {
                    push(&mut out, id);
                    true
                })
                .unwrap();
        }
        out
    }

    #[test]
    fn pruned_suggestions_equal_the_full_variant_search() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path(), 3_000);
        let queries = [
            "rossu",
            "bianchu",
            "ferarri",
            "esposoto",
            "rmano",
            "colombo x",
            "zzzz",
            "abc",
            "qrossi",
            "rosi",
            "verdii",
            "brambila",
            "galli mrio",
            // First letter wrong, left out, added; an edit at the end; a space.
            "fossi",
            "ossi",
            "arossi",
            "rossix",
            "de lca",
            "rossimario",
            "rossi  mxrio",
        ];
        let mut suggested = 0;
        for q in queries {
            let got = suggest_ids(&store, q, 10).unwrap();
            assert_eq!(got, suggest_reference(&store, q, 10), "query {q:?}");
            suggested += got.len();
        }
        assert!(
            suggested > 20,
            "the queries should bring suggestions: {suggested}"
        );
    }

    /// Counts the seeks (`walk_from` calls) a suggestion makes.
    struct Counting<'a> {
        store: &'a Store,
        seeks: std::cell::Cell<usize>,
    }

    impl NameIndex for Counting<'_> {
        type Error = crate::store::StoreError;

        fn walk_from(
            &self,
            from: &str,
            visit: &mut dyn FnMut(&str, PatientId) -> bool,
        ) -> Result<()> {
            self.seeks.set(self.seeks.get() + 1);
            self.store.walk_from(from, visit)
        }

        fn before(&self, from: &str, limit: usize) -> Result<Vec<(String, PatientId)>> {
            self.seeks.set(self.seeks.get() + 1);
            self.store.before(from, limit)
        }
    }

    #[test]
    fn suggestions_seek_far_less_than_once_per_variant() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path(), 3_000);
        let counting = Counting {
            store: &store,
            seeks: std::cell::Cell::new(0),
        };
        let (mut seeks, mut variants, mut pruned_by_start) = (0, 0, 0);
        for q in ["rossu", "bianchu", "ferarri", "brambila", "colombp"] {
            counting.seeks.set(0);
            let got = suggest_in(&counting, q, 10).unwrap();
            assert!(!got.is_empty(), "{q:?} should bring suggestions");
            seeks += counting.seeks.get();
            let q = fold(q);
            let all = one_edit_variants(&q);
            variants += all.len();
            // The previous walk: every variant that keeps the longest start
            // of the query some name has, plus three seeks.
            let known = [false, true]
                .into_iter()
                .filter_map(|forward| store.name_neighbours(&q, forward, 1).unwrap().pop())
                .map(|hit| common_prefix_chars(&q, &hit.key))
                .max()
                .unwrap();
            let dead: String = q.chars().take(known + 1).collect();
            pruned_by_start += 3 + all.iter().filter(|v| !v.starts_with(&dead)).count();
        }
        // 1,889 variants; the previous walk made 1,621 seeks, this one 475
        // (measured on this demo store).
        assert!(variants > 1_500, "{variants}");
        assert!(
            seeks * 3 < pruned_by_start,
            "{seeks} seeks, {pruned_by_start} before, {variants} variants"
        );
    }

    #[test]
    fn word_scan_equals_the_full_scan() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path(), 10_000);
        let mut found = 0;
        // Found through a word from the third on ("DE ROSA MARIA", "ROSSI
        // ANNA MARIA" for "... ma"), not through the second.
        let mut deeper = 0;
        for (q, limit) in [
            ("ros ma", 50),
            ("r m", 50),
            ("r m", 7),
            ("de ro an", 50),
            ("b a", 3),
            ("rossi ma", 50),
            ("ferrari g", 20),
            ("de ma", 30),
            ("de ma", 400),
            ("de m", 10),
            ("d gr", 400),
            ("lo ru ma", 50),
            ("della va an ma", 50),
            ("rossi gr", 50),
            ("r ma gr", 400),
            ("a ma", 400),
            ("b zz", 50),
            ("rossi mario x", 50),
            ("de luca mar", 50),
            ("de luca ma", 400),
            ("de lu ma gr", 50),
            ("r m a", 50),
            ("r m a", 400),
            ("d s m g", 400),
            ("di stefano gian", 50),
            ("a m m", 400),
            ("de an m", 30),
        ] {
            let got = search_ids(&store, q, limit).unwrap();
            assert_eq!(got, search_reference(&store, q, limit), "query {q:?}");
            found += got.len();
            let words: Vec<String> = fold(q).split(' ').map(String::from).collect();
            for id in &got {
                let key = store.get_patient(*id).unwrap().unwrap().name_key();
                if key
                    .split(' ')
                    .nth(1)
                    .is_some_and(|w| !w.starts_with(&words[1]))
                {
                    deeper += 1;
                }
            }
        }
        // "r m" and "b a" fill their limits (50 + 7 + 3), "de ma" too (30).
        assert!(found > 200, "the queries should find patients: {found}");
        assert!(deeper > 100, "some found through a later word: {deeper}");
    }

    /// Names with three words or more added by hand: the later words are
    /// found, in name order among the others, once each.
    #[test]
    fn later_words_are_found_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path(), 500);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut generator = DemoGenerator::new(11, today);
        let mut extra: Vec<_> = [
            ("Zeta", "Anna Maria Luisa"),
            ("Zeta", "Bruno"),
            ("Zeta Ulma", "Carla Nora"),
            ("Zetam", "Luisa Lucia"),
            ("Zeta", "Maria Anna Marta"),
            ("Zeta", "Bice Maria Marta"),
        ]
        .into_iter()
        .map(|(c, n)| {
            let mut p = generator.next_patient(&|_| false);
            p.cognome = c.into();
            p.nome = n.into();
            p
        })
        .collect();
        store.insert_patients_batch(&mut extra).unwrap();
        let ids: Vec<PatientId> = extra.iter().map(|p| p.id).collect();
        let names = |q: &str| -> Vec<PatientId> { search_ids(&store, q, 50).unwrap() };
        // In name order: "ZETA ANNA MARIA LUISA", "ZETA BICE MARIA MARTA",
        // "ZETA BRUNO", "ZETA MARIA ANNA MARTA", "ZETA ULMA CARLA NORA",
        // "ZETAM LUISA LUCIA". "zeta ma" finds
        // the name prefix first, then the word matches.
        assert_eq!(names("zeta ma"), vec![ids[4], ids[0], ids[5]]);
        // "ZETA BICE MARIA MARTA" is under two words starting with MA: once.
        assert_eq!(names("zet ma"), vec![ids[0], ids[5], ids[4]]);
        assert_eq!(names("zet ul"), vec![ids[2]]);
        assert_eq!(names("zet lu"), vec![ids[0], ids[3]]);
        assert_eq!(names("zet ma lu"), vec![ids[0]]);
        assert_eq!(names("zet an ma"), vec![ids[0], ids[4]]);
        assert_eq!(names("zet ma ma"), vec![ids[5], ids[4]]);
        assert_eq!(names("zet ca"), vec![ids[2]]);
        assert_eq!(names("zet no"), vec![ids[2]]);
        assert_eq!(names("zet ul no"), vec![ids[2]]);
        assert_eq!(names("zet ul ca no"), vec![ids[2]]);
        assert_eq!(names("zet ul ca ul"), Vec::<PatientId>::new());
        assert_eq!(names("zet zz"), Vec::<PatientId>::new());
        for q in [
            "zeta ma",
            "zet ma",
            "zet lu",
            "zet an ma",
            "zet l",
            "zet ul no",
            "z m a",
        ] {
            assert_eq!(names(q), search_reference(&store, q, 50), "query {q:?}");
        }
    }
}

#[cfg(test)]
mod other_forms_tests {
    //! Surnames with apostrophes and spaces, and first names, on a small store.
    use super::*;
    use crate::service::demo::DemoGenerator;

    /// (cognome, nome) of the patients, and their ids in the same order.
    const NAMES: [(&str, &str); 8] = [
        ("D'Adda", "Niccolò"),
        ("Rossi", "Anna"),
        ("Dada", "Marco"),
        ("Adda", "Luigi"),
        ("Dadda", "Pietro"),
        ("Niccolosi", "Maria"),
        ("De Rossi", "Paola"),
        ("Bianchi", "Maria Grazia"),
    ];

    fn store(dir: &std::path::Path) -> (Store, Vec<PatientId>) {
        let store = Store::open(dir).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut generator = DemoGenerator::new(5, today);
        let mut ids = Vec::new();
        for (cognome, nome) in NAMES {
            let mut p = generator.next_patient(&|_| false);
            p.cognome = cognome.into();
            p.nome = nome.into();
            ids.push(store.insert_patient(&mut p).unwrap());
        }
        (store, ids)
    }

    #[test]
    fn surname_forms_then_first_names() {
        let dir = tempfile::tempdir().unwrap();
        let (store, id) = store(dir.path());
        let (d_adda, rossi, dada, adda, dadda, niccolosi, de_rossi, bianchi) =
            (id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7]);
        let found = |q: &str| search_ids(&store, q, 50).unwrap();
        assert_eq!(found("niccolo d"), vec![d_adda]);
        assert_eq!(found("niccolò"), vec![niccolosi, d_adda]);
        assert_eq!(found("niccolo"), vec![niccolosi, d_adda]);
        assert_eq!(found("NICCOLO DADDA"), vec![d_adda]);
        assert_eq!(found("niccolo d adda"), vec![d_adda]);
        assert_eq!(found("dada"), vec![dada]);
        assert_eq!(found("adda"), vec![adda, d_adda]);
        assert_eq!(found("adda ni"), vec![d_adda]);
        assert_eq!(found("d adda"), vec![d_adda, dadda]);
        assert_eq!(found("d adda n"), vec![d_adda]);
        assert_eq!(found("dadda"), vec![d_adda, dadda]);
        assert_eq!(found("d'adda"), vec![d_adda, dadda]);
        assert_eq!(found("D’Adda Nic"), vec![d_adda]);
        assert_eq!(found("rossi"), vec![rossi, de_rossi]);
        assert_eq!(found("derossi"), vec![de_rossi]);
        assert_eq!(found("anna"), vec![rossi]);
        assert_eq!(found("maria"), vec![bianchi, niccolosi]);
        assert_eq!(found("grazia"), vec![bianchi]);
        assert_eq!(found("paola de"), vec![de_rossi]);
        // A typo is still no match: "dada" is not D'Adda.
        assert_eq!(found("dadaa"), Vec::<PatientId>::new());
        // Ranked: at most `limit`, surname matches first.
        assert_eq!(search_ids(&store, "niccolo", 1).unwrap(), vec![niccolosi]);
        assert!(store.check().unwrap().is_ok());
    }

    /// The entries follow a change of name and an erasure.
    #[test]
    fn other_forms_follow_updates() {
        let dir = tempfile::tempdir().unwrap();
        let (store, id) = store(dir.path());
        let mut p = store.get_patient(id[0]).unwrap().unwrap();
        p.cognome = "Dell'Orto".into();
        p.nome = "Nicola".into();
        store.update_patient(&p).unwrap();
        let found = |q: &str| search_ids(&store, q, 50).unwrap();
        assert_eq!(found("adda"), vec![id[3]]);
        assert_eq!(found("niccolo"), vec![id[5]]);
        assert_eq!(found("orto"), vec![id[0]]);
        assert_eq!(found("dell orto"), vec![id[0]]);
        assert_eq!(found("nicola"), vec![id[0]]);
        assert!(store.check().unwrap().is_ok());
    }
}

/// A list row as the one-line JSON object of `sportello find --json`
/// (field names in Italian, dates dd/mm/yyyy).
pub fn summary_json(p: &super::PatientSummary) -> String {
    serde_json::json!({
        "id": p.id,
        "cognome": p.cognome,
        "nome": p.nome,
        "data_nascita": p.data_nascita.format("%d/%m/%Y").to_string(),
        "codice_fiscale": p.codice_fiscale,
        "comune": p.comune,
        "livello": p.livello.map(|l| l.number()),
        "livello_stimato": p.livello.map(|_| p.livello_stimato),
        "stato": p.stato,
        "gestore": p.gestore,
    })
    .to_string()
}
