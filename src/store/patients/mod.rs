//! Patients and their index trees.
//!
//! Index keys are normalised strings followed by a 0 byte and the big-endian
//! patient id, so that a range scan over a prefix returns matches in name
//! order and stops after the first N, without reading the rest of the tree.
//! The codice fiscale index is unique: its key is the code, its value the id.
//!
//! The name-word index (`idx_patient_name_word`) serves "first word starts
//! with A, a later word with B" ("ros gr" for "ROSSI MARIA GRAZIA"): see
//! [`name_word_keys`] and [`Store::walk_name_words`].

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::records::{decode_patient, decode_row, encode_patient, encode_row};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::gestore::GestoreId;
use crate::domain::patient::{digits, other_name_keys};
use crate::domain::{Livello, Patient, PatientId, PatientStatus};

/// One entry found by an index scan: the normalised key and the patient id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexHit {
    pub key: String,
    pub id: PatientId,
}

/// A patient's line of the lookup list: what the list shows, kept with the
/// patient's entries of the name, codice fiscale and tessera indexes (their
/// values), so that a page of results is read from the index range the
/// search walks, not from one record per line. Written in the transaction
/// that writes the record, and again when the patient's active presa in
/// carico changes (its Gestore is shown); `check` compares every row with
/// its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientRow {
    pub id: PatientId,
    pub cognome: String,
    pub nome: String,
    pub data_nascita: chrono::NaiveDate,
    pub codice_fiscale: String,
    /// Belfiore code of the comune of residence.
    pub comune: String,
    /// How many patologie the record lists (the level).
    pub patologie: usize,
    pub stato: PatientStatus,
    /// The Gestore of the active presa in carico.
    pub gestore: Option<GestoreId>,
    /// The level the ATS communicated, if any.
    pub livello_ats: Option<Livello>,
}

impl PatientRow {
    /// The Region's level when known, else the estimate from the count.
    pub fn livello(&self) -> Option<Livello> {
        self.livello_ats
            .or_else(|| Livello::from_count(self.patologie))
    }
}

/// The value of a codice fiscale index entry: the id, then the display row.
/// Keys and values for one tree.
type Entries = Vec<(Vec<u8>, Vec<u8>)>;

pub(crate) fn cf_value(id: PatientId, row: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(8 + row.len());
    v.extend_from_slice(&id_key(id));
    v.extend_from_slice(row);
    v
}

/// The id at the start of a codice fiscale index value.
pub(crate) fn id_of_cf_value(value: &[u8]) -> Option<PatientId> {
    value.get(..8).and_then(id_from_value)
}

/// The display row in an index value of `index` (`None` for the phone
/// index, which keeps none, and for an entry written without one).
fn row_of_value(index: PatientIndex, id: PatientId, value: &[u8]) -> Option<PatientRow> {
    let bytes = match index {
        PatientIndex::CodiceFiscale => value.get(8..)?,
        PatientIndex::Name | PatientIndex::Tessera => value,
        PatientIndex::Phone => return None,
    };
    if bytes.is_empty() {
        return None;
    }
    decode_row(id, bytes).ok()
}

/// Marks in `meta` that the display rows of every stored patient are in the
/// name, codice fiscale and tessera indexes; a store written before them
/// (format 3 or older) gets them written when opened
/// ([`Store::ensure_patient_rows`]).
pub(crate) const META_ROWS_BUILT: &[u8] = b"patient_rows_built";

/// The searchable indexes of patients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientIndex {
    CodiceFiscale,
    Name,
    Tessera,
    Phone,
}

pub(crate) fn index_key(value: &str, id: PatientId) -> Vec<u8> {
    let mut key = Vec::with_capacity(value.len() + 9);
    key.extend_from_slice(value.as_bytes());
    key.push(0);
    key.extend_from_slice(&id_key(id));
    key
}

/// Splits an index key into its value and id.
pub(crate) fn split_index_key(key: &[u8]) -> Option<(String, PatientId)> {
    split_index_key_ref(key).map(|(value, id)| (value.to_string(), id))
}

/// [`split_index_key`] without copying the value.
fn split_index_key_ref(key: &[u8]) -> Option<(&str, PatientId)> {
    if key.len() < 9 || key[key.len() - 9] != 0 {
        return None;
    }
    let (value, rest) = key.split_at(key.len() - 9);
    let id = u64::from_be_bytes(rest[1..].try_into().ok()?);
    Some((std::str::from_utf8(value).ok()?, id))
}

/// Separates the first word from a later one in a name-word key: below every
/// byte a folded name holds (letters, digits, the space).
const WORD_SEP: u8 = 0x01;

/// Marks in `meta` that the name-word index holds the entries of every stored
/// patient. A store written before that index existed lacks it, and gets the
/// index built once when it is opened ([`Store::ensure_name_word_index`]).
pub(crate) const META_NAME_WORD_BUILT: &[u8] = b"idx_patient_name_word_built";

/// The name-word index entries of a patient with folded name key `name`,
/// `words before, 0x01, word, 0x00, name, 0x00, big-endian id` (empty value):
/// - for a name of three words or more, one per distinct word from the third
///   on, under the first word ("DE\x01MARIA" for "DE LUCA MARIA");
/// - for a name of four words or more, also one per distinct word from the
///   fourth on, under the first two ("DE LUCA\x01GRAZIA" for "DE LUCA MARIA
///   GRAZIA").
///
/// The word right after the words before needs no entry: the name index has
/// it ("DE LUCA MA" is a range of it). So the two indexes give, for one first
/// word (or first two), every name with a later word starting with some
/// prefix: one range per distinct indexed word starting with it, each in
/// name order; see [`Store::walk_name_words`].
pub(crate) fn name_word_keys(name: &str, id: PatientId) -> Vec<Vec<u8>> {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut keys = Vec::new();
    for before in 1..=2usize {
        let Some(later) = words.get(before + 1..) else {
            break;
        };
        let head = words[..before].join(" ");
        let mut later = later.to_vec();
        later.sort_unstable();
        later.dedup();
        for w in later {
            keys.push(word_key(head.as_bytes(), w.as_bytes(), name, id));
        }
    }
    keys
}

/// `head`, a space, `word`.
fn spaced(head: &[u8], word: &str) -> Vec<u8> {
    [head, b" ", word.as_bytes()].concat()
}

fn word_key(head: &[u8], word: &[u8], name: &str, id: PatientId) -> Vec<u8> {
    let mut key = Vec::with_capacity(head.len() + word.len() + name.len() + 11);
    key.extend_from_slice(head);
    key.push(WORD_SEP);
    key.extend_from_slice(word);
    key.push(0);
    key.extend_from_slice(&index_key(name, id));
    key
}

/// The names under `head 0x01 word…` in the name-word index, except those
/// whose word number `skip` (from 0) starts with `word` (the name index gives
/// them), in name-key order, each once. Each distinct indexed word is a range
/// already in name order (found with one seek past the previous one): they
/// are merged, read only as far as the walk goes. ("de ma" has a few dozen
/// such words, MARIA, MARIO, MARCO..., under hundreds of names.)
struct LaterWords<'w> {
    groups: Vec<WordGroup>,
    word: &'w str,
    skip: usize,
    last: Option<(sled::IVec, usize)>,
}

/// One indexed word's range: its current key, where the name starts in it.
struct WordGroup {
    iter: sled::Iter,
    name_at: usize,
    current: Option<sled::IVec>,
}

/// The name and id of a name-word key whose name starts at `at`.
fn word_entry(key: &[u8], at: usize) -> Option<(&[u8], PatientId)> {
    if key.len() < at + 9 || key[key.len() - 9] != 0 {
        return None;
    }
    let id = id_from_value(&key[key.len() - 8..])?;
    Some((&key[at..key.len() - 9], id))
}

impl WordGroup {
    fn advance(&mut self, word: &str, skip: usize) -> sled::Result<()> {
        self.current = None;
        for item in self.iter.by_ref() {
            let (key, _) = item?;
            match word_entry(&key, self.name_at) {
                Some((name, _))
                    if std::str::from_utf8(name).is_ok() && !nth_word_starts(name, skip, word) =>
                {
                    self.current = Some(key);
                    return Ok(());
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn entry(&self) -> Option<(&[u8], PatientId)> {
        self.current
            .as_ref()
            .and_then(|k| word_entry(k, self.name_at))
    }
}

impl<'w> LaterWords<'w> {
    fn open(tree: &sled::Tree, head: &[u8], word: &'w str, skip: usize) -> sled::Result<Self> {
        let mut prefix = Vec::with_capacity(head.len() + word.len() + 1);
        prefix.extend_from_slice(head);
        prefix.push(WORD_SEP);
        let start = prefix.len();
        prefix.extend_from_slice(word.as_bytes());
        let mut groups = Vec::new();
        let mut from = prefix.clone();
        while let Some(item) = tree.range(from.as_slice()..).keys().next() {
            let key = item?;
            if !key.starts_with(&prefix) {
                break;
            }
            let Some(end) = key[start..].iter().position(|b| *b == 0) else {
                break;
            };
            let group = &key[..start + end + 1];
            let mut g = WordGroup {
                iter: tree.scan_prefix(group),
                name_at: group.len(),
                current: None,
            };
            g.advance(word, skip)?;
            groups.push(g);
            // Past this word's range: its keys go on with 0, the next
            // word's with a letter.
            from.clear();
            from.extend_from_slice(&key[..start + end]);
            from.push(1);
        }
        Ok(LaterWords {
            groups,
            word,
            skip,
            last: None,
        })
    }

    /// The group holding the smallest (name, id).
    fn smallest(&self) -> Option<usize> {
        let mut best: Option<(usize, (&[u8], PatientId))> = None;
        for (i, g) in self.groups.iter().enumerate() {
            if let Some(e) = g.entry()
                && best.is_none_or(|(_, b)| e < b)
            {
                best = Some((i, e));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The next (name, id) if it sorts before `bound`, taken.
    fn next_before(
        &mut self,
        bound: Option<(&[u8], PatientId)>,
    ) -> sled::Result<Option<(sled::IVec, usize)>> {
        loop {
            let Some(i) = self.smallest() else {
                return Ok(None);
            };
            let g = &mut self.groups[i];
            let key = g.current.clone().unwrap_or_default();
            let at = g.name_at;
            let Some(entry) = word_entry(&key, at) else {
                return Ok(None);
            };
            if bound.is_some_and(|b| entry >= b) {
                return Ok(None);
            }
            g.advance(self.word, self.skip)?;
            // The same patient under two matching words: once.
            if let Some((k, a)) = &self.last
                && word_entry(k, *a) == Some(entry)
            {
                continue;
            }
            self.last = Some((key.clone(), at));
            return Ok(Some((key, at)));
        }
    }
}

/// The word of an index key that starts at byte `from`: its bytes up to the
/// next one below `!` (the space or the 0 before the id).
fn word_at(key: &[u8], from: usize) -> &[u8] {
    let rest = key.get(from..).unwrap_or_default();
    let end = rest.iter().position(|b| *b < b'!').unwrap_or(rest.len());
    &rest[..end]
}

/// Whether word number `n` (from 0) of a folded name starts with `prefix`.
fn nth_word_starts(name: &[u8], n: usize, prefix: &str) -> bool {
    name.split(|b| *b == b' ')
        .nth(n)
        .is_some_and(|w| w.starts_with(prefix.as_bytes()))
}

/// Hands the name and id of a name-word key to `visit` (with no display
/// row: the name-word index keeps none).
fn visit_word_entry(
    key: &[u8],
    at: usize,
    visit: &mut impl FnMut(&str, PatientId, Option<&[u8]>) -> bool,
) -> bool {
    match word_entry(key, at) {
        Some((name, id)) => visit(std::str::from_utf8(name).unwrap_or_default(), id, None),
        None => true,
    }
}

/// The display row in the value of a name index entry of patient `id`, as
/// handed out by [`Store::walk_name_words_rows`].
pub fn name_index_row(id: PatientId, value: &[u8]) -> Option<PatientRow> {
    row_of_value(PatientIndex::Name, id, value)
}

/// Marks in `meta` that the index of other name forms
/// (`idx_patient_name_other`) holds the entries of every stored patient; a
/// store written before it existed gets it built when opened
/// ([`Store::ensure_name_other_index`]).
pub(crate) const META_NAME_OTHER_BUILT: &[u8] = b"idx_patient_name_other_built";

/// The kinds of entries of the index of other name forms: the first byte of
/// their keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherName {
    /// "COGNOME NOME" with the surname written otherwise ("ADDA NICCOLO",
    /// "D ADDA NICCOLO" for D'Adda).
    Surname = 0x02,
    /// "NOME COGNOME" ("NICCOLO DADDA").
    FirstName = 0x03,
}

/// The entries of a patient in the index of other name forms: the kind's
/// byte, the form, 0, the big-endian id (empty value). See
/// [`crate::domain::patient::OtherNameKeys`].
pub(crate) fn other_name_index_keys(p: &Patient) -> Vec<Vec<u8>> {
    let forms = other_name_keys(&p.cognome, &p.nome);
    let kinds = [
        (OtherName::Surname, forms.surname),
        (OtherName::FirstName, forms.first_name),
    ];
    let mut keys = Vec::new();
    for (kind, list) in kinds {
        for form in list {
            let mut key = vec![kind as u8];
            key.extend_from_slice(&index_key(&form, p.id));
            keys.push(key);
        }
    }
    keys
}

pub(crate) fn id_from_value(value: &[u8]) -> Option<PatientId> {
    Some(u64::from_be_bytes(value.try_into().ok()?))
}

/// The index entries a patient owns: codice fiscale, name, tessera, phones,
/// name words, other name forms.
pub(crate) struct PatientKeys {
    pub cf: Vec<u8>,
    pub name: Vec<u8>,
    pub tessera: Option<Vec<u8>>,
    pub phones: Vec<Vec<u8>>,
    pub words: Vec<Vec<u8>>,
    pub others: Vec<Vec<u8>>,
}

impl PatientKeys {
    pub fn of(p: &Patient) -> PatientKeys {
        let tessera = digits(&p.tessera_sanitaria);
        let name = p.name_key();
        PatientKeys {
            cf: p.codice_fiscale.to_uppercase().into_bytes(),
            name: index_key(&name, p.id),
            words: name_word_keys(&name, p.id),
            others: other_name_index_keys(p),
            tessera: (!tessera.is_empty()).then(|| index_key(&tessera, p.id)),
            phones: p
                .phone_keys()
                .iter()
                .map(|ph| index_key(ph, p.id))
                .collect(),
        }
    }
}

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

/// Writes a patient and its index entries inside a transaction.
/// `t` = [patients, idx_cf, idx_name, idx_tessera, idx_phone, idx_name_word,
/// idx_name_other].
/// `row` is the patient's display row ([`encode_row`]).
fn tx_put(
    t: &[TransactionalTree],
    p: &Patient,
    bytes: &[u8],
    keys: &PatientKeys,
    row: &[u8],
) -> TxResult<()> {
    t[0].insert(&id_key(p.id), bytes)?;
    t[1].insert(keys.cf.as_slice(), cf_value(p.id, row))?;
    t[2].insert(keys.name.as_slice(), row)?;
    if let Some(k) = &keys.tessera {
        t[3].insert(k.as_slice(), row)?;
    }
    for k in &keys.phones {
        t[4].insert(k.as_slice(), &[])?;
    }
    for k in &keys.words {
        t[5].insert(k.as_slice(), &[])?;
    }
    for k in &keys.others {
        t[6].insert(k.as_slice(), &[])?;
    }
    Ok(())
}

/// The Gestore in the display row under the name index key `name`.
pub(crate) fn tx_row_gestore(
    idx_name: &TransactionalTree,
    name: &[u8],
) -> TxResult<Option<GestoreId>> {
    Ok(idx_name
        .get(name)?
        .and_then(|v| decode_row(0, &v).ok())
        .and_then(|r| r.gestore))
}

fn abort_encode<T>(r: Result<T>) -> TxResult<T> {
    r.map_err(ConflictableTransactionError::Abort)
}

/// Rewrites the display rows of patient `id` with `gestore` as the Gestore
/// of its active presa in carico, inside a transaction over `[patients,
/// idx_cf, idx_name, idx_tessera]`. A patient not stored is left alone.
pub(crate) fn tx_set_row_gestore(
    t: &[&TransactionalTree; 4],
    id: PatientId,
    gestore: Option<GestoreId>,
) -> TxResult<()> {
    let Some(bytes) = t[0].get(id_key(id))? else {
        return Ok(());
    };
    let p = decode_patient(&bytes).map_err(|reason| {
        ConflictableTransactionError::Abort(StoreError::Corrupt {
            tree: trees::PATIENTS,
            key: id.to_string(),
            reason,
        })
    })?;
    let keys = PatientKeys::of(&p);
    let row = abort_encode(encode_row(&p, gestore))?;
    t[1].insert(keys.cf.as_slice(), cf_value(id, &row))?;
    t[2].insert(keys.name.as_slice(), row.as_slice())?;
    if let Some(k) = &keys.tessera {
        t[3].insert(k.as_slice(), row.as_slice())?;
    }
    Ok(())
}

fn tx_remove_keys(t: &[TransactionalTree], keys: &PatientKeys) -> TxResult<()> {
    t[1].remove(keys.cf.as_slice())?;
    t[2].remove(keys.name.as_slice())?;
    if let Some(k) = &keys.tessera {
        t[3].remove(k.as_slice())?;
    }
    for k in &keys.phones {
        t[4].remove(k.as_slice())?;
    }
    for k in &keys.words {
        t[5].remove(k.as_slice())?;
    }
    for k in &keys.others {
        t[6].remove(k.as_slice())?;
    }
    Ok(())
}

impl Store {
    fn patient_trees(&self) -> [&sled::Tree; 7] {
        [
            &self.patients,
            &self.idx_cf,
            &self.idx_name,
            &self.idx_tessera,
            &self.idx_phone,
            &self.idx_name_word,
            &self.idx_name_other,
        ]
    }

    pub(crate) fn tx_error(&self, e: TransactionError<StoreError>) -> StoreError {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => self.fatal(e),
        }
    }

    fn new_patient_id(&self) -> Result<PatientId> {
        self.next_id()
    }

    /// Stores a new patient with every index entry in one transaction, then
    /// makes it durable. Sets and returns the new id.
    pub fn insert_patient(&self, p: &mut Patient) -> Result<PatientId> {
        self.ensure_writable()?;
        p.id = self.new_patient_id()?;
        let bytes = encode_patient(p)?;
        let keys = PatientKeys::of(p);
        // A new patient has no presa in carico yet.
        let row = encode_row(p, None)?;
        let trees = self.patient_trees();
        trees[..]
            .transaction(|t| {
                // Invariant: one patient per codice fiscale.
                if t[1].get(keys.cf.as_slice())?.is_some() {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::DuplicateCf(p.codice_fiscale.clone()),
                    ));
                }
                tx_put(t, p, &bytes, &keys, &row)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(p.id)
    }

    /// Replaces a stored patient, moving every index entry that changed, in
    /// one transaction; then makes it durable.
    pub fn update_patient(&self, p: &Patient) -> Result<()> {
        self.update_patient_opened(p, None)
    }

    /// [`Store::update_patient`] for a form opened on `opened`: refused
    /// with the fields that differ when the stored record is no longer
    /// `opened`.
    pub fn update_patient_opened(&self, p: &Patient, opened: Option<&Patient>) -> Result<()> {
        self.ensure_writable()?;
        let bytes = encode_patient(p)?;
        let keys = PatientKeys::of(p);
        let trees = self.patient_trees();
        trees[..]
            .transaction(|t| {
                let Some(old_bytes) = t[0].get(id_key(p.id))? else {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::PatientNotFound(p.id),
                    ));
                };
                let old = decode_patient(&old_bytes).map_err(|reason| {
                    ConflictableTransactionError::Abort(StoreError::Corrupt {
                        tree: trees::PATIENTS,
                        key: p.id.to_string(),
                        reason,
                    })
                })?;
                // Invariant: no lost update. A save made on the record as
                // it was opened replaces only that record.
                if let Some(opened) = opened
                    && *opened != old
                {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::ChangedMeanwhile {
                            fields: crate::domain::patient::changed_fields(opened, &old),
                        },
                    ));
                }
                // Invariant: one patient per codice fiscale.
                if let Some(owner) = t[1].get(keys.cf.as_slice())?
                    && id_of_cf_value(&owner) != Some(p.id)
                {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::DuplicateCf(p.codice_fiscale.clone()),
                    ));
                }
                let old_keys = PatientKeys::of(&old);
                // The Gestore shown stays that of the active presa.
                let gestore = tx_row_gestore(&t[2], &old_keys.name)?;
                let row = abort_encode(encode_row(p, gestore))?;
                tx_remove_keys(t, &old_keys)?;
                tx_put(t, p, &bytes, &keys, &row)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Bulk load for imports and demo data: each patient gets an id and its
    /// index entries, written tree by tree. Codici fiscali already stored or
    /// repeated in `patients` are refused before anything is written. Not
    /// durable until [`Store::make_durable`], which the caller runs once at the end.
    pub fn insert_patients_batch(&self, patients: &mut [Patient]) -> Result<()> {
        self.ensure_writable()?;
        let mut seen = std::collections::HashSet::with_capacity(patients.len());
        for p in patients.iter() {
            let cf = p.codice_fiscale.to_uppercase();
            if self
                .idx_cf
                .contains_key(cf.as_bytes())
                .map_err(|e| self.fatal(e))?
                || !seen.insert(cf)
            {
                return Err(StoreError::DuplicateCf(p.codice_fiscale.clone()));
            }
        }
        let entries = self.batch_entries(patients)?;
        // The trees are independent: fill them side by side, each in key order.
        // (sled's apply_batch takes a store-wide write lock and would serialise
        // them; plain inserts only take a shared one.)
        let results: Vec<sled::Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .patient_trees()
                .into_iter()
                .zip(entries)
                .map(|(tree, mut list)| {
                    scope.spawn(move || {
                        list.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                        for (k, v) in list {
                            tree.insert(k, v)?;
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(sled::Error::ReportableBug("insert thread panicked".into()))
                    })
                })
                .collect()
        });
        for result in results {
            result.map_err(|e| self.fatal(e))?;
        }
        Ok(())
    }

    /// Gives each patient of a bulk load its id and returns the entries of
    /// the patient trees (in the order of [`Store::patient_trees`]), unsorted.
    fn batch_entries(&self, patients: &mut [Patient]) -> Result<[Entries; 7]> {
        let mut entries: [Entries; 7] = Default::default();
        for p in patients.iter_mut() {
            p.id = self.new_patient_id()?;
            let keys = PatientKeys::of(p);
            let id = id_key(p.id).to_vec();
            let row = encode_row(p, None)?;
            entries[0].push((id, encode_patient(p)?));
            entries[1].push((keys.cf, cf_value(p.id, &row)));
            if let Some(k) = keys.tessera {
                entries[3].push((k, row.clone()));
            }
            entries[2].push((keys.name, row));
            for k in keys.phones {
                entries[4].push((k, Vec::new()));
            }
            for k in keys.words {
                entries[5].push((k, Vec::new()));
            }
            for k in keys.others {
                entries[6].push((k, Vec::new()));
            }
        }
        Ok(entries)
    }

    /// Ends a bulk load: makes it durable, then closes and reopens the store.
    /// sled replays everything written since the last open when a store is
    /// opened (and only then writes its snapshot): after a million-patient
    /// load that is seconds, which this pays now, with the load, instead of
    /// at the next start of the program. `self` must be the only handle.
    pub fn finish_bulk_load(self) -> Result<Store> {
        self.make_durable()?;
        let dir = self.dir.clone();
        let cache_bytes = self.cache_bytes;
        drop(self);
        Store::open_with_cache(&dir, cache_bytes)
    }

    pub fn get_patient(&self, id: PatientId) -> Result<Option<Patient>> {
        match self.patients.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(bytes) => decode_patient(&bytes)
                .map(Some)
                .map_err(|reason| StoreError::Corrupt {
                    tree: trees::PATIENTS,
                    key: id.to_string(),
                    reason,
                }),
        }
    }

    /// The patients with these ids (ascending), in one range read of the
    /// records; ids without a record are skipped.
    pub fn patients_by_ids(&self, ids: &[PatientId]) -> Result<Vec<Patient>> {
        let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::with_capacity(ids.len());
        for item in self.patients.range(id_key(first)..=id_key(last)) {
            let (k, bytes) = item.map_err(|e| self.fatal(e))?;
            let id = u64::from_be_bytes(k.as_ref().try_into().unwrap_or_default());
            if ids.binary_search(&id).is_err() {
                continue;
            }
            out.push(
                decode_patient(&bytes).map_err(|reason| StoreError::Corrupt {
                    tree: trees::PATIENTS,
                    key: id.to_string(),
                    reason,
                })?,
            );
        }
        Ok(out)
    }

    /// The id of the patient with exactly this codice fiscale.
    pub fn patient_id_by_cf(&self, cf: &str) -> Result<Option<PatientId>> {
        let value = self
            .idx_cf
            .get(cf.trim().to_uppercase().as_bytes())
            .map_err(|e| self.fatal(e))?;
        Ok(value.and_then(|v| id_of_cf_value(&v)))
    }

    /// The first `limit` entries of `index` whose key starts with `prefix`,
    /// as [`Store::scan_prefix`], each with the display row kept in it (none
    /// for the phone index).
    pub fn scan_prefix_rows(
        &self,
        index: PatientIndex,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(IndexHit, Option<PatientRow>)>> {
        let tree = self.index_tree(index);
        let mut hits = Vec::with_capacity(limit.min(64));
        for item in tree.scan_prefix(prefix.as_bytes()) {
            if hits.len() >= limit {
                break;
            }
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let Some(hit) = decode_hit(index, &k, &v) {
                let row = row_of_value(index, hit.id, &v);
                hits.push((hit, row));
            }
        }
        Ok(hits)
    }

    /// The display row kept with the name index entry of `name` (folded, as
    /// in the index) and `id`.
    pub fn row_by_name(&self, name: &str, id: PatientId) -> Result<Option<PatientRow>> {
        let value = self
            .idx_name
            .get(index_key(name, id))
            .map_err(|e| self.fatal(e))?;
        Ok(value.and_then(|v| row_of_value(PatientIndex::Name, id, &v)))
    }

    /// The display row of patient `id`: from its name index entry, found
    /// through its record (for a hit that came with neither a row nor a
    /// name); `None` if there is no such patient.
    pub fn patient_row(&self, id: PatientId) -> Result<Option<PatientRow>> {
        let Some(p) = self.get_patient(id)? else {
            return Ok(None);
        };
        if let Some(row) = self.row_by_name(&p.name_key(), id)? {
            return Ok(Some(row));
        }
        // No row (a store not yet upgraded): made from the record.
        let gestore = self.active_presa(id)?.map(|presa| presa.gestore);
        let bytes = encode_row(&p, gestore)?;
        decode_row(id, &bytes)
            .map(Some)
            .map_err(|reason| StoreError::Corrupt {
                tree: trees::IDX_NAME,
                key: id.to_string(),
                reason,
            })
    }

    /// Rewrites the display rows of patient `id` with `gestore`, outside a
    /// transaction (bulk loads of prese in carico).
    pub(crate) fn set_row_gestore(&self, id: PatientId, gestore: Option<GestoreId>) -> Result<()> {
        let Some(p) = self.get_patient(id)? else {
            return Ok(());
        };
        let keys = PatientKeys::of(&p);
        let row = encode_row(&p, gestore)?;
        let write = || -> sled::Result<()> {
            self.idx_cf.insert(keys.cf.as_slice(), cf_value(id, &row))?;
            self.idx_name.insert(keys.name.as_slice(), row.as_slice())?;
            if let Some(k) = &keys.tessera {
                self.idx_tessera.insert(k.as_slice(), row.as_slice())?;
            }
            Ok(())
        };
        write().map_err(|e| self.fatal(e))
    }

    /// The Gestore of every active presa in carico, by patient.
    pub(crate) fn active_gestori(&self) -> Result<std::collections::HashMap<PatientId, GestoreId>> {
        let mut out = std::collections::HashMap::new();
        for item in self.active_presa.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let (Some(patient), Some(presa)) = (id_from_value(&k), id_from_value(&v))
                && let Ok(Some(presa)) = self.presa(presa)
                && presa.is_active()
            {
                out.insert(patient, presa.gestore);
            }
        }
        Ok(out)
    }

    /// Writes the display rows of every patient if this store does not have
    /// them yet (written before they existed, or their writing was
    /// interrupted), then marks them written in `meta`. One pass over the
    /// records, in batches.
    pub(crate) fn ensure_patient_rows(&self, on_build: &mut dyn FnMut()) -> Result<()> {
        if self
            .meta
            .contains_key(META_ROWS_BUILT)
            .map_err(|e| self.fatal(e))?
        {
            return Ok(());
        }
        if !self.patients.is_empty() {
            self.ensure_writable()?;
            on_build();
            let gestori = self.active_gestori()?;
            let mut batches: [sled::Batch; 3] = Default::default();
            let mut pending = 0;
            let trees = [&self.idx_cf, &self.idx_name, &self.idx_tessera];
            for item in self.patients.iter().values() {
                let v = item.map_err(|e| self.fatal(e))?;
                // An undecodable record is left to `check`, which names it.
                let Ok(p) = decode_patient(&v) else {
                    continue;
                };
                let keys = PatientKeys::of(&p);
                let row = encode_row(&p, gestori.get(&p.id).copied())?;
                batches[0].insert(keys.cf, cf_value(p.id, &row));
                if let Some(k) = keys.tessera {
                    batches[2].insert(k, row.clone());
                }
                batches[1].insert(keys.name, row);
                pending += 1;
                if pending >= 20_000 {
                    for (tree, batch) in trees.iter().zip(batches.iter_mut()) {
                        tree.apply_batch(std::mem::take(batch))
                            .map_err(|e| self.fatal(e))?;
                    }
                    pending = 0;
                }
            }
            for (tree, batch) in trees.iter().zip(batches) {
                tree.apply_batch(batch).map_err(|e| self.fatal(e))?;
            }
        }
        self.meta
            .insert(META_ROWS_BUILT, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Drops the mark of the display rows: the next open writes them again.
    pub(crate) fn forget_patient_rows(&self) -> Result<()> {
        self.meta
            .remove(META_ROWS_BUILT)
            .map_err(|e| self.fatal(e))?;
        Ok(())
    }

    /// The first `limit` entries of `index` whose key starts with `prefix`
    /// (already normalised: folded name, upper-case code, digits), in key order.
    pub fn scan_prefix(
        &self,
        index: PatientIndex,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<IndexHit>> {
        let tree = self.index_tree(index);
        let mut hits = Vec::with_capacity(limit.min(64));
        for item in tree.scan_prefix(prefix.as_bytes()) {
            if hits.len() >= limit {
                break;
            }
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let Some(hit) = decode_hit(index, &k, &v) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// Walks the name index from the first entry whose key is at or after
    /// `from`, in key order, handing each (folded name, id) to `visit` until
    /// it returns false or the index ends. Entries that do not decode are
    /// skipped, as in [`Store::scan_prefix`].
    pub fn walk_name_from(
        &self,
        from: &str,
        mut visit: impl FnMut(&str, PatientId) -> bool,
    ) -> Result<()> {
        for item in self.idx_name.range(from.as_bytes()..).keys() {
            let k = item.map_err(|e| self.fatal(e))?;
            if let Some((name, id)) = split_index_key_ref(&k)
                && !visit(name, id)
            {
                break;
            }
        }
        Ok(())
    }

    /// Walks, in name-key order, the name-index entries whose first word
    /// starts with `words[0]` and that have later words starting with
    /// `words[1]` and, if given, with `words[2]` after it (folded words; more
    /// are left to `visit`), handing each (folded name, id) to `visit` until
    /// it returns false. At most `max_first_words` distinct first words are
    /// looked at (a bound on the work for one-letter queries on large
    /// stores); returns how many were.
    ///
    /// A skip scan: for each distinct first word (one seek past the previous
    /// one), the name index range "FIRST W1" holds the names whose second word
    /// matches, already in order; the name-word index range "FIRST 0x01 W1"
    /// those where a word from the third on does (few: collected, sorted,
    /// merged in). With a third query word, the names whose second word
    /// matches are walked the same way one level down, for each distinct
    /// second word: "FIRST SECOND W2" and "FIRST SECOND 0x01 W2", so that
    /// "de luca mar" does not read every "DE LUCA".
    pub fn walk_name_words(
        &self,
        words: &[&str],
        max_first_words: usize,
        mut visit: impl FnMut(&str, PatientId) -> bool,
    ) -> Result<usize> {
        self.walk_name_words_rows(words, max_first_words, |name, id, _| visit(name, id))
    }

    /// [`Store::walk_name_words`], handing `visit` also the value of the
    /// name index entry (its display row, see [`name_index_row`]) for the
    /// names found through the name index; `None` for those found through
    /// the name-word index.
    pub fn walk_name_words_rows(
        &self,
        words: &[&str],
        max_first_words: usize,
        mut visit: impl FnMut(&str, PatientId, Option<&[u8]>) -> bool,
    ) -> Result<usize> {
        let (Some(w0), Some(w1)) = (words.first(), words.get(1)) else {
            return Ok(0);
        };
        let w2 = words.get(2);
        let mut firsts = 0;
        let mut from = w0.as_bytes().to_vec();
        while firsts < max_first_words {
            let Some(item) = self.idx_name.range(from.as_slice()..).keys().next() else {
                break;
            };
            let k = item.map_err(|e| self.fatal(e))?;
            if !k.starts_with(w0.as_bytes()) {
                break;
            }
            firsts += 1;
            let first = word_at(&k, 0).to_vec();
            // Names whose first word is exactly `first` end before `first!`:
            // what follows the word in them (space, 0) sorts below `!`.
            from.clear();
            from.extend_from_slice(&first);
            from.push(b'!');

            let mut deeper =
                LaterWords::open(&self.idx_name_word, &first, w1, 1).map_err(|e| self.fatal(e))?;
            let go_on = match w2 {
                None => self.merge_walk(&spaced(&first, w1), &mut deeper, &mut visit)?,
                Some(w2) => {
                    let head = spaced(&first, w1);
                    let mut next = head.clone();
                    let mut go_on = true;
                    'seconds: loop {
                        let Some(item) = self.idx_name.range(next.as_slice()..).keys().next()
                        else {
                            break;
                        };
                        let k = item.map_err(|e| self.fatal(e))?;
                        if !k.starts_with(&head) {
                            break;
                        }
                        let two = [&first[..], b" ", word_at(&k, first.len() + 1)].concat();
                        next.clear();
                        next.extend_from_slice(&two);
                        next.push(b'!');
                        // Names matched by a later word sorting before this
                        // second word's names.
                        while let Some((k, at)) = deeper
                            .next_before(Some((two.as_slice(), 0)))
                            .map_err(|e| self.fatal(e))?
                        {
                            if !visit_word_entry(&k, at, &mut visit) {
                                go_on = false;
                                break 'seconds;
                            }
                        }
                        let mut deepest = LaterWords::open(&self.idx_name_word, &two, w2, 2)
                            .map_err(|e| self.fatal(e))?;
                        if !self.merge_walk(&spaced(&two, w2), &mut deepest, &mut visit)? {
                            go_on = false;
                            break;
                        }
                    }
                    while go_on
                        && let Some((k, at)) =
                            deeper.next_before(None).map_err(|e| self.fatal(e))?
                    {
                        go_on = visit_word_entry(&k, at, &mut visit);
                    }
                    go_on
                }
            };
            if !go_on {
                break;
            }
        }
        Ok(firsts)
    }

    /// Visits the name-index entries starting with `prefix` merged with
    /// `extra`, in name order. Returns whether `visit` wants more.
    fn merge_walk(
        &self,
        prefix: &[u8],
        extra: &mut LaterWords<'_>,
        visit: &mut impl FnMut(&str, PatientId, Option<&[u8]>) -> bool,
    ) -> Result<bool> {
        for item in self.idx_name.scan_prefix(prefix) {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let Some((name, id)) = split_index_key_ref(&k) else {
                continue;
            };
            while let Some((k, at)) = extra
                .next_before(Some((name.as_bytes(), id)))
                .map_err(|e| self.fatal(e))?
            {
                if !visit_word_entry(&k, at, visit) {
                    return Ok(false);
                }
            }
            if !visit(name, id, Some(&v)) {
                return Ok(false);
            }
        }
        while let Some((k, at)) = extra.next_before(None).map_err(|e| self.fatal(e))? {
            if !visit_word_entry(&k, at, visit) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Builds the name-word index if this store does not have it yet
    /// (written before it existed, or its build was interrupted), then marks
    /// it built in `meta`. One pass over the name index, whose keys hold each
    /// patient's folded name and id (reading them is several times cheaper
    /// than decoding every record; `check` verifies both indexes against the
    /// records), written in batches.
    pub(crate) fn ensure_name_word_index(&self, on_build: &mut dyn FnMut()) -> Result<()> {
        if self
            .meta
            .contains_key(META_NAME_WORD_BUILT)
            .map_err(|e| self.fatal(e))?
        {
            return Ok(());
        }
        if !self.patients.is_empty() {
            self.ensure_writable()?;
            on_build();
            self.idx_name_word.clear().map_err(|e| self.fatal(e))?;
            let mut batch = sled::Batch::default();
            let mut pending = 0;
            for item in self.idx_name.iter().keys() {
                let k = item.map_err(|e| self.fatal(e))?;
                let Some((name, id)) = split_index_key_ref(&k) else {
                    continue;
                };
                for k in name_word_keys(name, id) {
                    batch.insert(k, &[]);
                    pending += 1;
                }
                if pending >= 20_000 {
                    self.idx_name_word
                        .apply_batch(std::mem::take(&mut batch))
                        .map_err(|e| self.fatal(e))?;
                    pending = 0;
                }
            }
            self.idx_name_word
                .apply_batch(batch)
                .map_err(|e| self.fatal(e))?;
        }
        self.meta
            .insert(META_NAME_WORD_BUILT, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Builds the index of other name forms if this store does not have it
    /// yet (written before it existed, or its build was interrupted), then
    /// marks it built in `meta`. One pass over the patient records (the
    /// forms need the surname apart from the first name, which the name
    /// index's keys do not keep), written in batches.
    pub(crate) fn ensure_name_other_index(&self, on_build: &mut dyn FnMut()) -> Result<()> {
        if self
            .meta
            .contains_key(META_NAME_OTHER_BUILT)
            .map_err(|e| self.fatal(e))?
        {
            return Ok(());
        }
        if !self.patients.is_empty() {
            self.ensure_writable()?;
            on_build();
            self.idx_name_other.clear().map_err(|e| self.fatal(e))?;
            let mut batch = sled::Batch::default();
            let mut pending = 0;
            for item in self.patients.iter().values() {
                let v = item.map_err(|e| self.fatal(e))?;
                // An undecodable record is left to `check`, which names it.
                let Ok(p) = decode_patient(&v) else {
                    continue;
                };
                for k in other_name_index_keys(&p) {
                    batch.insert(k, &[]);
                    pending += 1;
                }
                if pending >= 20_000 {
                    self.idx_name_other
                        .apply_batch(std::mem::take(&mut batch))
                        .map_err(|e| self.fatal(e))?;
                    pending = 0;
                }
            }
            self.idx_name_other
                .apply_batch(batch)
                .map_err(|e| self.fatal(e))?;
        }
        self.meta
            .insert(META_NAME_OTHER_BUILT, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Drops the index of other name forms and its mark: the next open
    /// rebuilds it.
    pub(crate) fn forget_name_other_index(&self) -> Result<()> {
        self.meta
            .remove(META_NAME_OTHER_BUILT)
            .map_err(|e| self.fatal(e))?;
        self.idx_name_other.clear().map_err(|e| self.fatal(e))
    }

    /// Walks the entries of the index of other name forms of `kind` whose
    /// form starts with `prefix` (folded), in key order, handing each (form,
    /// id) to `visit` until it returns false.
    pub fn walk_other_names(
        &self,
        kind: OtherName,
        prefix: &str,
        mut visit: impl FnMut(&str, PatientId) -> bool,
    ) -> Result<()> {
        let mut from = vec![kind as u8];
        from.extend_from_slice(prefix.as_bytes());
        for item in self.idx_name_other.scan_prefix(&from).keys() {
            let k = item.map_err(|e| self.fatal(e))?;
            if let Some((form, id)) = split_index_key_ref(&k[1..])
                && !visit(form, id)
            {
                break;
            }
        }
        Ok(())
    }

    /// Drops the name-word index and its mark: the next
    /// [`Store::ensure_name_word_index`] (or open) rebuilds it.
    pub(crate) fn forget_name_word_index(&self) -> Result<()> {
        self.meta
            .remove(META_NAME_WORD_BUILT)
            .map_err(|e| self.fatal(e))?;
        self.idx_name_word.clear().map_err(|e| self.fatal(e))
    }

    /// Up to `limit` name-index entries starting at `from` going forward, or
    /// strictly before it going backward: the neighbourhood of a query, used to
    /// suggest names one or two typos away.
    pub fn name_neighbours(
        &self,
        from: &str,
        forward: bool,
        limit: usize,
    ) -> Result<Vec<IndexHit>> {
        let iter: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>> = if forward {
            Box::new(self.idx_name.range(from.as_bytes()..))
        } else {
            Box::new(self.idx_name.range(..from.as_bytes()).rev())
        };
        let mut hits = Vec::with_capacity(limit);
        for item in iter.take(limit) {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            if let Some(hit) = decode_hit(PatientIndex::Name, &k, &v) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    pub(crate) fn index_tree(&self, index: PatientIndex) -> &sled::Tree {
        match index {
            PatientIndex::CodiceFiscale => &self.idx_cf,
            PatientIndex::Name => &self.idx_name,
            PatientIndex::Tessera => &self.idx_tessera,
            PatientIndex::Phone => &self.idx_phone,
        }
    }
}

fn decode_hit(index: PatientIndex, key: &[u8], value: &[u8]) -> Option<IndexHit> {
    match index {
        PatientIndex::CodiceFiscale => Some(IndexHit {
            key: String::from_utf8(key.to_vec()).ok()?,
            id: id_of_cf_value(value)?,
        }),
        _ => split_index_key(key).map(|(key, id)| IndexHit { key, id }),
    }
}

#[cfg(test)]
mod tests;

mod bulk;
pub use bulk::PatientLoad;
pub(crate) use bulk::remove_unfinished_load;
