//! Patients and their index trees.
//!
//! Index keys are normalised strings followed by a 0 byte and the big-endian
//! patient id, so that a range scan over a prefix returns matches in name
//! order and stops after the first N, without reading the rest of the tree.
//! The codice fiscale index is unique: its key is the code, its value the id.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

use super::records::{decode_patient, encode_patient};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::patient::digits;
use crate::domain::{Patient, PatientId};

/// One entry found by an index scan: the normalised key and the patient id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexHit {
    pub key: String,
    pub id: PatientId,
}

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

pub(crate) fn id_from_value(value: &[u8]) -> Option<PatientId> {
    Some(u64::from_be_bytes(value.try_into().ok()?))
}

/// The non-unique index entries a patient owns: (name, tessera, phones).
pub(crate) struct PatientKeys {
    pub cf: Vec<u8>,
    pub name: Vec<u8>,
    pub tessera: Option<Vec<u8>>,
    pub phones: Vec<Vec<u8>>,
}

impl PatientKeys {
    pub fn of(p: &Patient) -> PatientKeys {
        let tessera = digits(&p.tessera_sanitaria);
        PatientKeys {
            cf: p.codice_fiscale.to_uppercase().into_bytes(),
            name: index_key(&p.name_key(), p.id),
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
/// `t` = [patients, idx_cf, idx_name, idx_tessera, idx_phone].
fn tx_put(t: &[TransactionalTree], p: &Patient, bytes: &[u8], keys: &PatientKeys) -> TxResult<()> {
    t[0].insert(&id_key(p.id), bytes)?;
    t[1].insert(keys.cf.as_slice(), &id_key(p.id))?;
    t[2].insert(keys.name.as_slice(), &[])?;
    if let Some(k) = &keys.tessera {
        t[3].insert(k.as_slice(), &[])?;
    }
    for k in &keys.phones {
        t[4].insert(k.as_slice(), &[])?;
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
    Ok(())
}

impl Store {
    fn patient_trees(&self) -> [&sled::Tree; 5] {
        [
            &self.patients,
            &self.idx_cf,
            &self.idx_name,
            &self.idx_tessera,
            &self.idx_phone,
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
        let trees = self.patient_trees();
        trees[..]
            .transaction(|t| {
                if t[1].get(keys.cf.as_slice())?.is_some() {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::DuplicateCf(p.codice_fiscale.clone()),
                    ));
                }
                tx_put(t, p, &bytes, &keys)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(p.id)
    }

    /// Replaces a stored patient, moving every index entry that changed, in
    /// one transaction; then makes it durable.
    pub fn update_patient(&self, p: &Patient) -> Result<()> {
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
                if let Some(owner) = t[1].get(keys.cf.as_slice())?
                    && id_from_value(&owner) != Some(p.id)
                {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::DuplicateCf(p.codice_fiscale.clone()),
                    ));
                }
                tx_remove_keys(t, &PatientKeys::of(&old))?;
                tx_put(t, p, &bytes, &keys)
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
        type Entries = Vec<(Vec<u8>, Vec<u8>)>;
        let mut entries: [Entries; 5] = Default::default();
        for p in patients.iter_mut() {
            p.id = self.new_patient_id()?;
            let keys = PatientKeys::of(p);
            let id = id_key(p.id).to_vec();
            entries[0].push((id.clone(), encode_patient(p)?));
            entries[1].push((keys.cf, id));
            entries[2].push((keys.name, Vec::new()));
            if let Some(k) = keys.tessera {
                entries[3].push((k, Vec::new()));
            }
            for k in keys.phones {
                entries[4].push((k, Vec::new()));
            }
        }
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

    /// The id of the patient with exactly this codice fiscale.
    pub fn patient_id_by_cf(&self, cf: &str) -> Result<Option<PatientId>> {
        let value = self
            .idx_cf
            .get(cf.trim().to_uppercase().as_bytes())
            .map_err(|e| self.fatal(e))?;
        Ok(value.and_then(|v| id_from_value(&v)))
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

    /// Walks the entries of the name index whose key starts with `prefix`, in
    /// key order, handing each (folded name, id) to `visit` without copying
    /// it, until `visit` returns false or `limit` entries were visited.
    /// Returns how many were visited. Entries that do not decode are skipped
    /// and not counted, as in [`Store::scan_prefix`].
    pub fn walk_name_prefix(
        &self,
        prefix: &str,
        limit: usize,
        mut visit: impl FnMut(&str, PatientId) -> bool,
    ) -> Result<usize> {
        let mut visited = 0;
        if limit == 0 {
            return Ok(visited);
        }
        for item in self.idx_name.scan_prefix(prefix.as_bytes()).keys() {
            let k = item.map_err(|e| self.fatal(e))?;
            let Some((name, id)) = split_index_key_ref(&k) else {
                continue;
            };
            visited += 1;
            if !visit(name, id) || visited >= limit {
                break;
            }
        }
        Ok(visited)
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
            id: id_from_value(value)?,
        }),
        _ => split_index_key(key).map(|(key, id)| IndexHit { key, id }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use crate::service::demo::DemoGenerator;

    #[test]
    fn finish_bulk_load_reopens_with_everything_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_with_cache(dir.path(), 4 * 1024 * 1024).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut generator = DemoGenerator::new(3, today);
        let mut batch: Vec<_> = (0..500)
            .map(|_| generator.next_patient(&|_| false))
            .collect();
        store.insert_patients_batch(&mut batch).unwrap();
        let store = store.finish_bulk_load().unwrap();
        assert_eq!(store.cache_bytes, 4 * 1024 * 1024);
        assert_eq!(store.patient_count(), 500);
        let last = &batch[499];
        assert_eq!(store.get_patient(last.id).unwrap().as_ref(), Some(last));
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!(report.patients, 500);
        let sizes = store.tree_bytes().unwrap();
        let patients = sizes.iter().find(|t| t.name == "patients").unwrap();
        assert_eq!((patients.entries, patients.key_bytes), (500, 500 * 8));
        let cf = sizes.iter().find(|t| t.name == "idx_patient_cf").unwrap();
        assert_eq!(
            (cf.entries, cf.key_bytes, cf.value_bytes),
            (500, 500 * 16, 500 * 8)
        );
        // The reopen wrote sled's snapshot, which the size now includes.
        let snapshot: u64 = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name().to_string_lossy().starts_with("snap."))
            .map(|e| e.metadata().unwrap().len())
            .sum();
        assert!(snapshot > 0);
        let data = std::fs::metadata(dir.path().join("db")).unwrap().len();
        assert_eq!(store.size_on_disk().unwrap(), data + snapshot);
        // Still writable after the reopen.
        let mut more = vec![generator.next_patient(&|_| false)];
        store.insert_patients_batch(&mut more).unwrap();
        assert_eq!(store.patient_count(), 501);
    }
}
