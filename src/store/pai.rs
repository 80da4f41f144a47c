//! PAI: drafts, shared versions (frozen) and their conclusion.

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::patti::pair_key;
use super::records::{decode_pai, encode_pai};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::PatientId;
use crate::domain::pai::{Pai, PaiId, PaiStato};

impl Store {
    fn corrupt_pai(id: PaiId, reason: String) -> StoreError {
        StoreError::Corrupt {
            tree: trees::PAI,
            key: id.to_string(),
            reason,
        }
    }

    /// Stores a PAI (new when its id is 0, which gets one) in one
    /// transaction with its index entry; durable. A shared or concluded
    /// version is never overwritten, except by [`Store::save_pai_versions`].
    pub fn save_pai(&self, p: &mut Pai) -> Result<PaiId> {
        self.save_pai_opened(p, None)
    }

    /// [`Store::save_pai`] for a draft edited on `opened` (the PAI as the
    /// screen read it): refused with the parts that differ when another
    /// desk saved the draft since.
    pub fn save_pai_opened(&self, p: &mut Pai, opened: Option<&Pai>) -> Result<PaiId> {
        self.ensure_writable()?;
        if p.id == 0 {
            p.id = self.next_id()?;
        }
        let bytes = encode_pai(p)?;
        let by_patient = pair_key(p.patient, p.id);
        let id = p.id;
        (&self.pai, &self.idx_pai_patient)
            .transaction(|(pai, idx)| {
                if let Some(old) = pai.get(id_key(id))? {
                    let stored = decode_pai(&old).map_err(|r| {
                        ConflictableTransactionError::Abort(Store::corrupt_pai(id, r))
                    })?;
                    if stored.stato != PaiStato::Bozza {
                        return Err(ConflictableTransactionError::Abort(StoreError::PaiFrozen(
                            id,
                        )));
                    }
                    // Invariant: no lost update of a draft.
                    if let Some(opened) = opened
                        && *opened != stored
                    {
                        return Err(ConflictableTransactionError::Abort(
                            StoreError::ChangedMeanwhile {
                                fields: crate::domain::pai::changed_fields(opened, &stored),
                            },
                        ));
                    }
                }
                pai.insert(&id_key(id), bytes.as_slice())?;
                idx.insert(&by_patient, &[])?;
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(p.id)
    }

    /// Writes several versions at once (sharing one and concluding the one it
    /// replaces), in one transaction; durable.
    pub fn save_pai_versions(&self, versions: &[Pai]) -> Result<()> {
        self.ensure_writable()?;
        let mut encoded = Vec::new();
        for p in versions {
            encoded.push((p.id, pair_key(p.patient, p.id), encode_pai(p)?));
        }
        (&self.pai, &self.idx_pai_patient)
            .transaction(|(pai, idx)| {
                for (id, by_patient, bytes) in &encoded {
                    pai.insert(&id_key(*id), bytes.as_slice())?;
                    idx.insert(by_patient, &[])?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Bulk load for demo data: plain inserts, durable at the caller's flush.
    pub fn insert_pai_batch(&self, list: &mut [Pai]) -> Result<()> {
        self.ensure_writable()?;
        for p in list.iter_mut() {
            if p.id == 0 {
                p.id = self.next_id()?;
            }
            let bytes = encode_pai(p)?;
            let write = || -> sled::Result<()> {
                self.pai.insert(id_key(p.id), bytes)?;
                self.idx_pai_patient
                    .insert(pair_key(p.patient, p.id), &[])?;
                Ok(())
            };
            write().map_err(|e| self.fatal(e))?;
        }
        Ok(())
    }

    pub fn pai(&self, id: PaiId) -> Result<Option<Pai>> {
        match self.pai.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_pai(&v)
                .map(Some)
                .map_err(|r| Store::corrupt_pai(id, r)),
        }
    }

    /// The ids of a patient's PAI, oldest first.
    pub fn pai_ids_of(&self, patient: PatientId) -> Result<Vec<PaiId>> {
        let mut out = Vec::new();
        for item in self.idx_pai_patient.scan_prefix(id_key(patient)) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = k.get(8..16).and_then(super::patients::id_from_value) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Every PAI id in the store.
    pub fn all_pai_ids(&self) -> Result<Vec<PaiId>> {
        let mut out = Vec::new();
        for item in self.pai.iter().keys() {
            let k = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = super::patients::id_from_value(&k) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// A patient's PAI (every version), oldest first.
    pub fn pai_of(&self, patient: PatientId) -> Result<Vec<Pai>> {
        let mut out = Vec::new();
        for id in self.pai_ids_of(patient)? {
            if let Some(p) = self.pai(id)? {
                out.push(p);
            }
        }
        Ok(out)
    }
}

/// Concludes, inside a transaction over the PAI tree, every PAI of a presa
/// that is not concluded yet.
pub(crate) fn tx_conclude_pai(
    pai: &sled::transaction::TransactionalTree,
    ids: &[PaiId],
    presa: u64,
    il: chrono::NaiveDate,
    motivo: &str,
) -> std::result::Result<(), ConflictableTransactionError<StoreError>> {
    for &id in ids {
        let Some(bytes) = pai.get(id_key(id))? else {
            continue;
        };
        let mut p = decode_pai(&bytes)
            .map_err(|r| ConflictableTransactionError::Abort(Store::corrupt_pai(id, r)))?;
        if p.presa != presa || matches!(p.stato, PaiStato::Concluso { .. }) {
            continue;
        }
        p.concludi(il, motivo);
        let encoded = encode_pai(&p).map_err(ConflictableTransactionError::Abort)?;
        pai.insert(&id_key(id), encoded)?;
    }
    Ok(())
}
