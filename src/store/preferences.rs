//! The patients' agenda preferences (weekdays, mattina/pomeriggio), one
//! record per patient keyed by the patient's id. Kept apart from the patient
//! record, whose format stays as it is.

use super::records::{decode_preferences, encode_preferences};
use super::{Result, Store, StoreError, id_key};
use crate::domain::PatientId;
use crate::domain::agenda::Preferences;

/// Tree of [`super::records::PreferencesV1`] by patient id.
pub(crate) const PREFERENCES: &str = "patient_preferences";

impl Store {
    fn preferences_tree(&self) -> Result<sled::Tree> {
        self.db.open_tree(PREFERENCES).map_err(|e| self.fatal(e))
    }

    /// The stored preferences of a patient, if any were saved.
    pub fn preferences(&self, patient: PatientId) -> Result<Option<Preferences>> {
        let tree = self.preferences_tree()?;
        match tree.get(id_key(patient)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_preferences(&v)
                .map(Some)
                .map_err(|reason| StoreError::Corrupt {
                    tree: PREFERENCES,
                    key: patient.to_string(),
                    reason,
                }),
        }
    }

    /// Saves (or, when they say nothing, removes) a patient's preferences,
    /// durably.
    pub fn save_preferences(&self, patient: PatientId, prefs: &Preferences) -> Result<()> {
        self.ensure_writable()?;
        let tree = self.preferences_tree()?;
        if prefs.giorni.is_empty() && prefs.fascia.is_none() {
            tree.remove(id_key(patient)).map_err(|e| self.fatal(e))?;
        } else {
            tree.insert(id_key(patient), encode_preferences(patient, prefs)?)
                .map_err(|e| self.fatal(e))?;
        }
        self.make_durable()
    }
}
