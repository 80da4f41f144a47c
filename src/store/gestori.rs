//! Gestori, prese in carico, the import log and the practice set-up.
//!
//! `active_presa` maps a patient id to the id of their one active presa in
//! carico: it is the point key claimed in the same transaction that writes the
//! presa, so a second active presa cannot be created, even by a race.

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::records::{
    decode_gestore, decode_import, decode_practice, decode_presa, encode_gestore, encode_import,
    encode_practice, encode_presa,
};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::gestore::{GestoriImport, PresaId};
use crate::domain::practice::Practice;
use crate::domain::{Gestore, GestoreId, PatientId, PresaInCarico, PresaStato};

pub(crate) const META_PRACTICE: &[u8] = b"practice";
const META_GESTORI_SEEDED: &[u8] = b"gestori_seeded";
/// The column names of the Gestori list last imported, one per line.
const META_GESTORI_HEADER: &[u8] = b"gestori_header";

fn corrupt(tree: &'static str, key: u64, reason: String) -> StoreError {
    StoreError::Corrupt {
        tree,
        key: key.to_string(),
        reason,
    }
}

use super::patti::pair_key;

fn abort<T>(e: StoreError) -> std::result::Result<T, ConflictableTransactionError<StoreError>> {
    Err(ConflictableTransactionError::Abort(e))
}

impl Store {
    /// Every stored Gestore, in id order (the lists hold hundreds, not millions).
    pub fn all_gestori(&self) -> Result<Vec<Gestore>> {
        let mut out = Vec::new();
        for item in self.gestori.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let id = super::patients::id_from_value(&k).unwrap_or(0);
            out.push(decode_gestore(&v).map_err(|r| corrupt(trees::GESTORI, id, r))?);
        }
        Ok(out)
    }

    pub fn gestore(&self, id: GestoreId) -> Result<Option<Gestore>> {
        match self.gestori.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_gestore(&v)
                .map(Some)
                .map_err(|r| corrupt(trees::GESTORI, id, r)),
        }
    }

    /// Writes the Gestori of an import (new ones must already carry their id
    /// from [`Store::next_id`]) and its log entry in one transaction; durable.
    pub fn apply_gestori_import(&self, changed: &[Gestore], log: &GestoriImport) -> Result<()> {
        self.ensure_writable()?;
        let mut encoded = Vec::with_capacity(changed.len());
        for g in changed {
            encoded.push((id_key(g.id), encode_gestore(g)?));
        }
        let log_bytes = encode_import(log)?;
        (&self.gestori, &self.imports)
            .transaction(|(gestori, imports)| {
                for (k, v) in &encoded {
                    gestori.insert(k, v.as_slice())?;
                }
                imports.insert(&id_key(log.id), log_bytes.as_slice())?;
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// The import log, oldest first.
    pub fn gestori_imports(&self) -> Result<Vec<GestoriImport>> {
        let mut out = Vec::new();
        for item in self.imports.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let id = super::patients::id_from_value(&k).unwrap_or(0);
            out.push(decode_import(&v).map_err(|r| corrupt(trees::IMPORTS, id, r))?);
        }
        Ok(out)
    }

    /// Whether the sample Gestori were already offered to this store (they are
    /// loaded once; an operator who deletes them by re-importing keeps that).
    pub fn gestori_seeded(&self) -> Result<bool> {
        self.meta
            .contains_key(META_GESTORI_SEEDED)
            .map_err(|e| self.fatal(e))
    }

    /// The column names of the list last imported, if any was.
    pub fn gestori_header(&self) -> Result<Option<Vec<String>>> {
        let value = self
            .meta
            .get(META_GESTORI_HEADER)
            .map_err(|e| self.fatal(e))?;
        Ok(value.map(|v| {
            String::from_utf8_lossy(&v)
                .split('\n')
                .map(str::to_owned)
                .collect()
        }))
    }

    /// Remembers the column names of an imported list (names hold no line
    /// breaks: the importer joins their words with single spaces).
    pub fn save_gestori_header(&self, header: &[String]) -> Result<()> {
        self.ensure_writable()?;
        let names: Vec<String> = header
            .iter()
            .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        self.meta
            .insert(META_GESTORI_HEADER, names.join("\n").as_bytes())
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    pub fn mark_gestori_seeded(&self) -> Result<()> {
        self.ensure_writable()?;
        self.meta
            .insert(META_GESTORI_SEEDED, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Records a new presa in carico, claiming the patient's active slot.
    /// Fails with [`StoreError::AlreadyInCharge`] if one is active.
    pub fn insert_presa(&self, presa: &mut PresaInCarico) -> Result<PresaId> {
        self.ensure_writable()?;
        presa.id = self.next_id()?;
        let bytes = encode_presa(presa)?;
        let patient = id_key(presa.patient);
        let by_patient = pair_key(presa.patient, presa.id);
        let trees = [
            &self.prese,
            &self.idx_presa_patient,
            &self.active_presa,
            &self.patients,
            &self.idx_cf,
            &self.idx_name,
            &self.idx_tessera,
        ];
        trees[..]
            .transaction(|t| {
                let (prese, idx, active) = (&t[0], &t[1], &t[2]);
                // Invariant: one active presa in carico per patient (the
                // patient's point key in `active_presa`).
                if let Some(existing) = active.get(patient)? {
                    let id = super::patients::id_from_value(&existing).unwrap_or(0);
                    return abort(StoreError::AlreadyInCharge(id));
                }
                prese.insert(&id_key(presa.id), bytes.as_slice())?;
                idx.insert(&by_patient, &[])?;
                if presa.is_active() {
                    active.insert(&patient, &id_key(presa.id))?;
                    // The lookup list shows the Gestore.
                    super::patients::tx_set_row_gestore(
                        &[&t[3], &t[4], &t[5], &t[6]],
                        presa.patient,
                        Some(presa.gestore),
                    )?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(presa.id)
    }

    /// Bulk load of prese in carico for demo data and imports: ids assigned,
    /// plain inserts, not durable until [`Store::make_durable`]. The caller
    /// guarantees at most one active presa per patient (checked here against
    /// the store and within the list).
    pub fn insert_prese_batch(&self, prese: &mut [PresaInCarico]) -> Result<()> {
        self.ensure_writable()?;
        let mut active_in_list = std::collections::HashSet::new();
        for p in prese.iter().filter(|p| p.is_active()) {
            let taken = self
                .active_presa
                .contains_key(id_key(p.patient))
                .map_err(|e| self.fatal(e))?;
            if taken || !active_in_list.insert(p.patient) {
                return Err(StoreError::AlreadyInCharge(p.patient));
            }
        }
        for p in prese.iter_mut() {
            p.id = self.next_id()?;
            let bytes = encode_presa(p)?;
            let write = || -> sled::Result<()> {
                self.prese.insert(id_key(p.id), bytes)?;
                self.idx_presa_patient
                    .insert(pair_key(p.patient, p.id), &[])?;
                if p.is_active() {
                    self.active_presa.insert(id_key(p.patient), &id_key(p.id))?;
                }
                Ok(())
            };
            write().map_err(|e| self.fatal(e))?;
            if p.is_active() {
                self.set_row_gestore(p.patient, Some(p.gestore))?;
            }
        }
        Ok(())
    }

    /// Revokes a presa in carico (date, reason), frees the patient's slot,
    /// revokes the Patti di Cura and concludes the PAI of that presa, in one
    /// transaction.
    pub fn revoke_presa(
        &self,
        id: PresaId,
        data: chrono::NaiveDate,
        motivo: &str,
    ) -> Result<PresaInCarico> {
        self.ensure_writable()?;
        let Some(current) = self.presa(id)? else {
            return Err(StoreError::PresaNotFound(id));
        };
        let patto_ids = self.patto_ids_of(current.patient)?;
        let pai_ids = self.pai_ids_of(current.patient)?;
        let trees = [
            &self.prese,
            &self.active_presa,
            &self.patti,
            &self.idx_patto_scadenza,
            &self.pai,
            &self.patients,
            &self.idx_cf,
            &self.idx_name,
            &self.idx_tessera,
        ];
        let updated = trees[..]
            .transaction(|t| {
                let (prese, active, patti, expiry, pai) = (&t[0], &t[1], &t[2], &t[3], &t[4]);
                let Some(bytes) = prese.get(id_key(id))? else {
                    return abort(StoreError::PresaNotFound(id));
                };
                let mut presa = match decode_presa(&bytes) {
                    Ok(p) => p,
                    Err(r) => return abort(corrupt(trees::PRESE, id, r)),
                };
                if !presa.is_active() {
                    return abort(StoreError::PresaNotActive(id));
                }
                presa.stato = PresaStato::Revocato {
                    data,
                    motivo: motivo.to_string(),
                };
                let encoded = match encode_presa(&presa) {
                    Ok(b) => b,
                    Err(e) => return abort(e),
                };
                prese.insert(&id_key(id), encoded)?;
                if active.get(id_key(presa.patient))?.as_deref() == Some(&id_key(id)[..]) {
                    active.remove(&id_key(presa.patient))?;
                    // The lookup list no longer shows a Gestore.
                    super::patients::tx_set_row_gestore(
                        &[&t[5], &t[6], &t[7], &t[8]],
                        presa.patient,
                        None,
                    )?;
                }
                super::patti::tx_revoke_patti(patti, expiry, &patto_ids, id, data, motivo)?;
                super::pai::tx_conclude_pai(
                    pai,
                    &pai_ids,
                    id,
                    data,
                    &format!("presa in carico revocata: {motivo}"),
                )?;
                Ok(presa)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(updated)
    }

    pub fn presa(&self, id: PresaId) -> Result<Option<PresaInCarico>> {
        match self.prese.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_presa(&v)
                .map(Some)
                .map_err(|r| corrupt(trees::PRESE, id, r)),
        }
    }

    /// Every presa in carico of a patient, oldest first.
    pub fn prese_of(&self, patient: PatientId) -> Result<Vec<PresaInCarico>> {
        let mut out = Vec::new();
        for item in self.idx_presa_patient.scan_prefix(id_key(patient)) {
            let (k, _) = item.map_err(|e| self.fatal(e))?;
            let Some(id) = k.get(8..16).and_then(super::patients::id_from_value) else {
                continue;
            };
            if let Some(p) = self.presa(id)? {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// How many active prese in carico each Gestore has: one pass over the
    /// active ones (one per patient at most).
    pub fn active_prese_by_gestore(&self) -> Result<std::collections::HashMap<GestoreId, usize>> {
        let mut out = std::collections::HashMap::new();
        for item in self.active_presa.iter().values() {
            let v = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = super::patients::id_from_value(&v)
                && let Some(p) = self.presa(id)?
                && p.is_active()
            {
                *out.entry(p.gestore).or_insert(0) += 1;
            }
        }
        Ok(out)
    }

    /// Every active presa in carico (one per patient at most).
    pub fn active_prese(&self) -> Result<Vec<PresaInCarico>> {
        let mut out = Vec::new();
        for item in self.active_presa.iter().values() {
            let v = item.map_err(|e| self.fatal(e))?;
            if let Some(id) = super::patients::id_from_value(&v)
                && let Some(p) = self.presa(id)?
                && p.is_active()
            {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// The patient's active presa in carico, if any.
    pub fn active_presa(&self, patient: PatientId) -> Result<Option<PresaInCarico>> {
        match self
            .active_presa
            .get(id_key(patient))
            .map_err(|e| self.fatal(e))?
        {
            None => Ok(None),
            Some(v) => match super::patients::id_from_value(&v) {
                Some(id) => self.presa(id),
                None => Err(corrupt(
                    trees::ACTIVE_PRESA,
                    patient,
                    "valore non valido".into(),
                )),
            },
        }
    }

    /// The practice set-up; the default one until it is saved.
    pub fn practice(&self) -> Result<Practice> {
        match self.meta.get(META_PRACTICE).map_err(|e| self.fatal(e))? {
            None => Ok(Practice::default()),
            Some(v) => decode_practice(&v).map_err(|r| StoreError::Corrupt {
                tree: trees::META,
                key: "practice".into(),
                reason: r,
            }),
        }
    }

    /// [`Store::save_practice`] for settings edited on `opened` (as the
    /// screen read them): refused with the settings that differ when
    /// another desk saved them since. Read and written in one transaction.
    pub fn save_practice_opened(&self, practice: &Practice, opened: &Practice) -> Result<()> {
        self.ensure_writable()?;
        let bytes = encode_practice(practice)?;
        self.meta
            .transaction(|meta| {
                let stored = match meta.get(META_PRACTICE)? {
                    None => Practice::default(),
                    Some(v) => decode_practice(&v).map_err(|reason| {
                        ConflictableTransactionError::Abort(StoreError::Corrupt {
                            tree: trees::META,
                            key: "practice".into(),
                            reason,
                        })
                    })?,
                };
                // Invariant: no lost update of the practice's settings.
                if stored != *opened {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::ChangedMeanwhile {
                            fields: crate::domain::practice::changed_fields(opened, &stored),
                        },
                    ));
                }
                meta.insert(META_PRACTICE, bytes.as_slice())?;
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    pub fn save_practice(&self, practice: &Practice) -> Result<()> {
        self.ensure_writable()?;
        let bytes = encode_practice(practice)?;
        self.meta
            .insert(META_PRACTICE, bytes)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }
}
