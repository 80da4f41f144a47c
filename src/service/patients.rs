//! The patients capability of the desk.

use super::*;

impl Patients<'_> {
    /// The patients matching what the operator typed, best first.
    pub fn find(&self, query: &str, limit: usize) -> Result<Vec<PatientSummary>> {
        let rows = search::search_rows(&self.desk.store, query, limit)?;
        self.desk.row_summaries(rows)
    }

    /// What the lookup screen and `sportello find` show: the matches, or, when
    /// there are none, the closest names as suggestions.
    pub fn lookup(&self, query: &str, limit: usize) -> Result<Lookup> {
        self.desk
            .store
            .guarded(|| self.desk.lookup_unguarded(query, limit))
    }

    /// Names one or two typos away from a query that found nothing.
    pub fn suggest(&self, query: &str, limit: usize) -> Result<Vec<PatientSummary>> {
        let rows = search::suggest_rows(&self.desk.store, query, limit)?;
        self.desk.row_summaries(rows)
    }

    /// Other patients with the same surname, name and birth date: a possible
    /// duplicate the operator must confirm before saving.
    pub fn possible_duplicates(&self, p: &Patient) -> Result<Vec<PatientSummary>> {
        let prefix = format!("{}\0", p.name_key());
        let hits = self
            .desk
            .store
            .scan_prefix(crate::store::PatientIndex::Name, &prefix, 200)?;
        let mut out = Vec::new();
        for hit in hits {
            if hit.id == p.id {
                continue;
            }
            if let Some(other) = self.desk.store.get_patient(hit.id)?
                && other.data_nascita == p.data_nascita
            {
                out.push(other.id);
            }
        }
        self.desk.summaries(out)
    }

    pub fn patient(&self, id: PatientId) -> Result<Option<Patient>> {
        Ok(self.desk.store.get_patient(id)?)
    }

    pub fn patient_by_cf(&self, cf: &str) -> Result<Option<Patient>> {
        match self.desk.store.patient_id_by_cf(cf)? {
            Some(id) => self.patient(id),
            None => Ok(None),
        }
    }

    /// Registers a new patient after validating the codice fiscale; returns the id.
    pub fn register_patient(&self, mut p: Patient) -> Result<PatientId> {
        normalise(&mut p)?;
        self.desk.check_primary(&mut p, None)?;
        let id = self.desk.store.insert_patient(&mut p)?;
        // By id only: the hash-chained trail cannot forget a name or a
        // codice fiscale after a GDPR erasure.
        self.desk.audit(
            crate::domain::audit::AuditAction::PatientCreated,
            Some(id),
            "nuovo paziente",
        )?;
        Ok(id)
    }

    /// Saves changes to a registered patient, whatever the stored record
    /// holds now (the command line; the screens save with
    /// [`Patients::update_patient_opened`]).
    pub fn update_patient(&self, p: Patient) -> Result<()> {
        self.desk.save_patient(p, None)
    }

    /// Saves changes made on a form opened on `opened` (the record as read
    /// then): refused with [`StoreProblem::ChangedMeanwhile`], naming the
    /// fields, when another desk saved the record in the meantime.
    pub fn update_patient_opened(&self, opened: &Patient, p: Patient) -> Result<()> {
        self.desk.save_patient(p, Some(opened))
    }

    /// Opens a patient's record for the screen, recording the access.
    pub fn open_patient_record(&self, id: PatientId) -> Result<Option<Patient>> {
        let p = self.desk.store.get_patient(id)?;
        if p.is_some() {
            // The patient by id only (the trail's screen shows the current
            // name): the trail cannot forget a name after an erasure.
            self.desk.audit(
                crate::domain::audit::AuditAction::OpenRecord,
                Some(id),
                "scheda aperta",
            )?;
        }
        Ok(p)
    }
}

/// The patients: lookup, registration, the record.
/// Reached from the desk as [`Desk::patients`].
#[derive(Clone, Copy)]
pub struct Patients<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The patients: lookup, registration, the record.
    pub fn patients(&self) -> Patients<'_> {
        Patients { desk: self }
    }
}
