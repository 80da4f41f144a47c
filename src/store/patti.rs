//! Patti di Cura. A signed Patto is never changed again except for its state
//! (revoked) and the link to the Patto that renewed it; its text stays as signed.
//!
//! `idx_patto_scadenza` keys are (expiry day, patto id) for the signed Patti
//! in force, so that the recall screen reads the expiring ones by range.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::records::{decode_patto, encode_patto};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::PatientId;
use crate::domain::patto::{PattoDiCura, PattoId, PattoStato};

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

pub(crate) fn pair_key(a: u64, b: u64) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&b.to_be_bytes());
    k
}

/// Expiry index key: the day (days from CE, offset to sort as unsigned) and the id.
pub(crate) fn expiry_key(p: &PattoDiCura) -> Option<[u8; 12]> {
    let day = p.valido_al()?;
    let days = super::records::date_to_days(day) as u32 ^ 0x8000_0000;
    let mut k = [0u8; 12];
    k[..4].copy_from_slice(&days.to_be_bytes());
    k[4..].copy_from_slice(&p.id.to_be_bytes());
    Some(k)
}

fn tx_get_patto(t: &TransactionalTree, id: PattoId) -> TxResult<PattoDiCura> {
    let Some(bytes) = t.get(id_key(id))? else {
        return abort(StoreError::PattoNotFound(id));
    };
    decode_patto(&bytes).or_else(|reason| {
        abort(StoreError::Corrupt {
            tree: trees::PATTI,
            key: id.to_string(),
            reason,
        })
    })
}

fn tx_put_patto(t: &TransactionalTree, p: &PattoDiCura) -> TxResult<()> {
    let bytes = match encode_patto(p) {
        Ok(b) => b,
        Err(e) => return abort(e),
    };
    t.insert(&id_key(p.id), bytes)?;
    Ok(())
}

/// Marks the Patti of a presa revoked inside a transaction over
/// (patti, idx_patto_scadenza).
pub(crate) fn tx_revoke_patti(
    patti: &TransactionalTree,
    expiry: &TransactionalTree,
    ids: &[PattoId],
    presa: u64,
    data: chrono::NaiveDate,
    motivo: &str,
) -> TxResult<()> {
    for &id in ids {
        let mut p = tx_get_patto(patti, id)?;
        if p.presa != presa || matches!(p.stato, PattoStato::Revocato { .. }) {
            continue;
        }
        if let Some(k) = expiry_key(&p) {
            expiry.remove(&k)?;
        }
        p.stato = PattoStato::Revocato {
            data,
            motivo: motivo.to_string(),
        };
        tx_put_patto(patti, &p)?;
    }
    Ok(())
}

impl Store {
    /// Stores a new Patto (normally a bozza); durable. Sets and returns its id.
    pub fn insert_patto(&self, p: &mut PattoDiCura) -> Result<PattoId> {
        self.ensure_writable()?;
        p.id = self.next_id()?;
        let bytes = encode_patto(p)?;
        let by_patient = pair_key(p.patient, p.id);
        let expiry = expiry_key(p);
        (
            &self.patti,
            &self.idx_patto_patient,
            &self.idx_patto_scadenza,
        )
            .transaction(|(patti, idx, exp)| {
                patti.insert(&id_key(p.id), bytes.as_slice())?;
                idx.insert(&by_patient, &[])?;
                if p.stato == PattoStato::Firmato
                    && let Some(k) = expiry
                {
                    exp.insert(&k, &id_key(p.patient))?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(p.id)
    }

    /// Bulk load of Patti for demo data: ids assigned where still 0 (a caller
    /// that prints the id in the text takes it from `next_id` first), plain inserts, not
    /// durable until [`Store::make_durable`].
    pub fn insert_patti_batch(&self, patti: &mut [PattoDiCura]) -> Result<()> {
        self.ensure_writable()?;
        for p in patti.iter_mut() {
            if p.id == 0 {
                p.id = self.next_id()?;
            }
            let bytes = encode_patto(p)?;
            let write = || -> sled::Result<()> {
                self.patti.insert(id_key(p.id), bytes)?;
                self.idx_patto_patient
                    .insert(pair_key(p.patient, p.id), &[])?;
                if p.stato == PattoStato::Firmato
                    && let Some(k) = expiry_key(p)
                {
                    self.idx_patto_scadenza.insert(k, &id_key(p.patient))?;
                }
                Ok(())
            };
            write().map_err(|e| self.fatal(e))?;
        }
        Ok(())
    }

    /// Replaces a bozza (e.g. a new Clinical Manager). A signed Patto cannot be changed.
    pub fn update_patto_draft(&self, p: &PattoDiCura) -> Result<()> {
        self.ensure_writable()?;
        self.patti
            .transaction(|patti| {
                let stored = tx_get_patto(patti, p.id)?;
                if stored.stato != PattoStato::Bozza || p.stato != PattoStato::Bozza {
                    return abort(StoreError::PattoSigned(p.id));
                }
                tx_put_patto(patti, p)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Stores the signature of a bozza (already applied to `signed`), and, for a
    /// renewal, links the previous Patto to it and takes it off the expiry list.
    pub fn sign_patto(&self, signed: &PattoDiCura) -> Result<()> {
        self.ensure_writable()?;
        let expiry = expiry_key(signed);
        (&self.patti, &self.idx_patto_scadenza)
            .transaction(|(patti, exp)| {
                let stored = tx_get_patto(patti, signed.id)?;
                if stored.stato != PattoStato::Bozza {
                    return abort(StoreError::PattoSigned(signed.id));
                }
                if signed.stato != PattoStato::Firmato || signed.firma.is_none() {
                    return abort(StoreError::PattoNotFound(signed.id));
                }
                tx_put_patto(patti, signed)?;
                if let Some(k) = expiry {
                    exp.insert(&k, &id_key(signed.patient))?;
                }
                if let Some(prev_id) = signed.precedente {
                    let mut prev = tx_get_patto(patti, prev_id)?;
                    if let Some(k) = expiry_key(&prev) {
                        exp.remove(&k)?;
                    }
                    prev.rinnovato_da = Some(signed.id);
                    tx_put_patto(patti, &prev)?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    pub fn patto(&self, id: PattoId) -> Result<Option<PattoDiCura>> {
        match self.patti.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_patto(&v)
                .map(Some)
                .map_err(|reason| StoreError::Corrupt {
                    tree: trees::PATTI,
                    key: id.to_string(),
                    reason,
                }),
        }
    }

    /// The ids of a patient's Patti, oldest first.
    pub fn patto_ids_of(&self, patient: PatientId) -> Result<Vec<PattoId>> {
        let mut out = Vec::new();
        for item in self.idx_patto_patient.scan_prefix(id_key(patient)) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = k.get(8..16).and_then(super::patients::id_from_value) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// A patient's Patti, oldest first.
    pub fn patti_of(&self, patient: PatientId) -> Result<Vec<PattoDiCura>> {
        let mut out = Vec::new();
        for id in self.patto_ids_of(patient)? {
            if let Some(p) = self.patto(id)? {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// Signed Patti in force whose last valid day is within `from..=to`, by day.
    pub fn patti_expiring(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        limit: usize,
    ) -> Result<Vec<PattoId>> {
        let key = |d: chrono::NaiveDate| {
            ((super::records::date_to_days(d) as u32) ^ 0x8000_0000).to_be_bytes()
        };
        let (lo, hi) = (key(from), key(to + chrono::Days::new(1)));
        let mut out = Vec::new();
        for item in self.idx_patto_scadenza.range(lo..hi).take(limit) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = k.get(4..12).and_then(super::patients::id_from_value) {
                out.push(id);
            }
        }
        Ok(out)
    }
}
