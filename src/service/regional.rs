//! The Region's data on the patient: the level the ATS communicated and the
//! primary pathology, and the table of the primary pathologies each ATS
//! allows (administrator).

use std::path::Path;

use super::error::{DeskError, Refusal};
use super::{Desk, Operation, Patients, Result};
use crate::domain::operator::Role;
use crate::domain::pathology::PrimarieAts;
use crate::domain::{LivelloAts, Patient, PatientId};

impl Desk {
    /// Refuses a primary pathology the patient's ATS does not allow, when it
    /// changes (a restriction set later does not block other edits of a
    /// patient recorded before), and puts the primary pathology among the
    /// patient's pathologies, first, when it is not there.
    pub(super) fn check_primary(&self, p: &mut Patient, before: Option<&Patient>) -> Result<()> {
        let Some(code) = p.patologia_primaria.clone() else {
            return Ok(());
        };
        if !p.patologie.contains(&code) {
            p.patologie.insert(0, code.clone());
        }
        if before.and_then(|b| b.patologia_primaria.as_deref()) == Some(code.as_str()) {
            return Ok(());
        }
        let Some(ats) = p.ats(
            crate::service::comuni(),
            super::ats_table(),
            super::ats_rules(),
        ) else {
            return Ok(());
        };
        let table = self.store.primarie_ats()?;
        if table.allows(&ats.codice, &code) {
            return Ok(());
        }
        Err(DeskError::from(Refusal::PrimaryNotAllowed {
            ats: ats.denominazione.clone(),
            code,
            allowed: table.allowed(&ats.codice).unwrap_or_default().to_vec(),
        }))
    }
}

impl Patients<'_> {
    /// Records what the ATS communicated for patient `id`: its level (with
    /// source and date) and its primary pathology, each when given (`None`
    /// leaves the record's as it is). The primary pathology joins the
    /// patient's pathologies when absent; a primary one the patient's ATS
    /// does not allow is refused ([`Refusal::PrimaryNotAllowed`]). For the
    /// desk and for imports (the ATS list of arruolabili). Returns the
    /// patient as saved.
    pub fn set_regional(
        &self,
        id: PatientId,
        livello: Option<LivelloAts>,
        primaria: Option<&str>,
    ) -> Result<Patient> {
        let mut p = self
            .desk
            .store
            .get_patient(id)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(Some(id))))?;
        if let Some(l) = livello {
            p.livello_ats = Some(l);
        }
        if let Some(code) = primaria {
            let code = code.trim().to_uppercase();
            if !code.is_empty() {
                p.patologia_primaria = Some(code);
            }
        }
        self.desk.save_patient(p, None)?;
        self.desk
            .store
            .get_patient(id)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(Some(id))))
    }

    /// The primary pathologies each ATS allows (no row: any).
    pub fn primarie_ats(&self) -> Result<PrimarieAts> {
        Ok(self.desk.store.primarie_ats()?)
    }

    /// Replaces the table of primary pathologies (administrator). Every
    /// code must be in the catalogue and every ATS known.
    pub fn set_primarie_ats(&self, table: &PrimarieAts) -> Result<()> {
        self.desk.require(Role::Amministratore, Operation::Import)?;
        let catalogue = super::pathologies();
        for (ats, codes) in table.rows() {
            if super::ats_table().ats_by_code(ats).is_none() {
                return Err(DeskError::from(Refusal::AtsUnknown));
            }
            if let Some(bad) = codes.iter().find(|c| catalogue.get(c).is_none()) {
                return Err(DeskError::from(Refusal::UnknownPathology(bad.clone())));
            }
        }
        self.desk.store.set_primarie_ats(table)?;
        let summary = table
            .rows()
            .map(|(a, c)| format!("{a}: {}", c.join(",")))
            .collect::<Vec<_>>()
            .join("; ");
        self.desk.audit(
            crate::domain::audit::AuditAction::Import,
            None,
            format!("patologie primarie per ATS: {summary}"),
        )?;
        Ok(())
    }

    /// Reads a table `ats;codice` (one allowed primary pathology a row) and
    /// makes it the table of primary pathologies (administrator): the ATS in
    /// the file have their rows replaced, the others keep theirs.
    pub fn import_primarie_ats(&self, path: &Path) -> Result<PrimarieAts> {
        self.desk.require(Role::Amministratore, Operation::Import)?;
        let text = std::fs::read(path).map_err(|e| DeskError::internal(super::Internal::Io, e))?;
        let text = String::from_utf8_lossy(&text);
        let read = crate::io::tables::parse_primarie(&text)
            .map_err(|e| DeskError::from(Refusal::PrimarieFile(e.to_string())))?;
        let mut table = self.primarie_ats()?;
        for (ats, codes) in read.rows() {
            table.set(ats, codes.to_vec());
        }
        self.set_primarie_ats(&table)?;
        Ok(table)
    }
}
