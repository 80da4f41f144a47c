//! The store side of a GDPR erasure: the pseudonymised patient and the
//! records that named them, written in one transaction over every tree
//! involved, the identifying index entries removed with them.

use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::patients::{PatientKeys, cf_value, tx_row_gestore};
use super::records::{encode_appointment, encode_patient, encode_patto, encode_presa, encode_row};
use super::{Result, Store, StoreError, id_key};
use crate::domain::Patient;
use crate::domain::PresaInCarico;
use crate::domain::agenda::Appointment;
use crate::domain::patto::PattoDiCura;

/// Everything an erasure rewrites, already pseudonymised by the caller.
pub struct Erasure<'a> {
    /// The patient as stored now (its index entries are removed).
    pub before: &'a Patient,
    /// The pseudonymised patient (same id; indexed under the pseudonym).
    pub after: &'a Patient,
    pub patti: &'a [PattoDiCura],
    pub prese: &'a [PresaInCarico],
    pub appointments: &'a [Appointment],
}

impl Store {
    /// Writes an erasure in one transaction, then makes it durable.
    pub fn erase_patient(&self, e: &Erasure<'_>) -> Result<()> {
        self.ensure_writable()?;
        if e.before.id != e.after.id || e.before.id == 0 {
            return Err(StoreError::PatientNotFound(e.after.id));
        }
        let patient = encode_patient(e.after)?;
        let patti = e
            .patti
            .iter()
            .map(|p| Ok((p.id, encode_patto(p)?)))
            .collect::<Result<Vec<_>>>()?;
        let prese = e
            .prese
            .iter()
            .map(|p| Ok((p.id, encode_presa(p)?)))
            .collect::<Result<Vec<_>>>()?;
        let apps = e
            .appointments
            .iter()
            .map(|a| Ok((a.id, encode_appointment(a)?)))
            .collect::<Result<Vec<_>>>()?;
        let old = PatientKeys::of(e.before);
        let new = PatientKeys::of(e.after);
        let id = e.after.id;
        let trees = [
            &self.patients,
            &self.idx_cf,
            &self.idx_name,
            &self.idx_tessera,
            &self.idx_phone,
            &self.patti,
            &self.prese,
            &self.appointments,
            &self.idx_name_word,
            &self.idx_name_other,
        ];
        trees[..]
            .transaction(|t| {
                if t[0].get(id_key(id))?.is_none() {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::PatientNotFound(id),
                    ));
                }
                // The pseudonymised row keeps the Gestore shown.
                let gestore = tx_row_gestore(&t[2], &old.name)?;
                let row =
                    encode_row(e.after, gestore).map_err(ConflictableTransactionError::Abort)?;
                t[1].remove(old.cf.as_slice())?;
                t[2].remove(old.name.as_slice())?;
                if let Some(k) = &old.tessera {
                    t[3].remove(k.as_slice())?;
                }
                for k in &old.phones {
                    t[4].remove(k.as_slice())?;
                }
                for k in &old.words {
                    t[8].remove(k.as_slice())?;
                }
                for k in &old.others {
                    t[9].remove(k.as_slice())?;
                }
                if t[1].get(new.cf.as_slice())?.is_some() {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::DuplicateCf(String::from_utf8_lossy(&new.cf).into_owned()),
                    ));
                }
                t[0].insert(&id_key(id), patient.as_slice())?;
                t[1].insert(new.cf.as_slice(), cf_value(id, &row))?;
                t[2].insert(new.name.as_slice(), row.as_slice())?;
                if let Some(k) = &new.tessera {
                    t[3].insert(k.as_slice(), row.as_slice())?;
                }
                for k in &new.phones {
                    t[4].insert(k.as_slice(), &[])?;
                }
                for k in &new.words {
                    t[8].insert(k.as_slice(), &[])?;
                }
                for k in &new.others {
                    t[9].insert(k.as_slice(), &[])?;
                }
                for (pid, bytes) in &patti {
                    t[5].insert(&id_key(*pid), bytes.as_slice())?;
                }
                for (pid, bytes) in &prese {
                    t[6].insert(&id_key(*pid), bytes.as_slice())?;
                }
                for (aid, bytes) in &apps {
                    t[7].insert(&id_key(*aid), bytes.as_slice())?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }
}
