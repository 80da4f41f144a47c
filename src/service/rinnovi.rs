//! Renewal drafts in bulk (DOMAIN.md, "Enrolment in practice"): for every
//! signed Patto expiring in the next [`RENEWAL_DAYS`] days, the bozza of
//! its renewal (as [`Patti::renew_patto`](super::Patti::renew_patto) makes
//! one) and a draft PAI for the new year copying the plan in force. Each
//! is then reviewed and signed (F4) and shared (F5) one by one. Run twice,
//! it finds the drafts it made and makes no others.

use chrono::Days;

use super::{DeskError, PaiPlans, PatientSummary, Result};
use crate::domain::pai::PaiStato;
use crate::domain::patto::scadenza;

/// The Patti expiring within this many days are renewed in bulk.
pub const RENEWAL_DAYS: u64 = 30;

/// What a bulk renewal did.
#[derive(Debug, Default)]
pub struct RenewalReport {
    /// Patti expiring in the window.
    pub patti: usize,
    /// Renewal bozze of a Patto made now.
    pub patti_creati: usize,
    /// Draft PAI for the new year made now.
    pub pai_creati: usize,
    /// Patients whose drafts (both) were there already.
    pub gia_pronti: usize,
    /// Patients skipped, with the reason.
    pub errori: Vec<(PatientSummary, DeskError)>,
}

impl PaiPlans<'_> {
    /// The signed Patti in force expiring within [`RENEWAL_DAYS`] and not
    /// yet renewed: their patients.
    pub fn renewal_candidates(&self) -> Result<Vec<PatientSummary>> {
        let mut out: Vec<PatientSummary> = Vec::new();
        for s in self.desk.patto().patti_in_scadenza(RENEWAL_DAYS, 0)? {
            if s.state.is_in_force()
                && s.patto.rinnovato_da.is_none()
                && !out.iter().any(|p| p.id == s.patient.id)
            {
                out.push(s.patient);
            }
        }
        Ok(out)
    }

    /// The renewal drafts (Patto and PAI) of every Patto expiring within
    /// [`RENEWAL_DAYS`] days; those made before are kept, not doubled.
    pub fn renew_expiring(&self) -> Result<RenewalReport> {
        self.desk
            .require(crate::domain::operator::Role::Medico, super::Operation::Pai)?;
        let mut report = RenewalReport::default();
        for patient in self.renewal_candidates()? {
            report.patti += 1;
            match self.renew_one(&patient) {
                Ok((patto_new, pai_new)) => {
                    report.patti_creati += usize::from(patto_new);
                    report.pai_creati += usize::from(pai_new);
                    if !patto_new && !pai_new {
                        report.gia_pronti += 1;
                    }
                }
                Err(e) if e.is_store_unavailable() => return Err(e),
                Err(e) => report.errori.push((patient, e)),
            }
        }
        if report.patti_creati + report.pai_creati > 0 {
            self.desk.audit(
                crate::domain::audit::AuditAction::PaiChanged,
                None,
                format!(
                    "rinnovi in blocco: {} Patti e {} PAI in bozza",
                    report.patti_creati, report.pai_creati
                ),
            )?;
        }
        Ok(report)
    }

    /// The drafts of one patient: (Patto bozza made now, PAI draft made now).
    fn renew_one(&self, patient: &PatientSummary) -> Result<(bool, bool)> {
        let id = patient.id;
        let drafts_before = self
            .desk
            .store
            .patti_of(id)?
            .iter()
            .filter(|p| p.stato == crate::domain::patto::PattoStato::Bozza)
            .count();
        let in_force = self.desk.patto_in_force(id)?;
        let patto = self.desk.patto().renew_patto(id)?;
        let patto_new = self
            .desk
            .store
            .patti_of(id)?
            .iter()
            .filter(|p| p.stato == crate::domain::patto::PattoStato::Bozza)
            .count()
            > drafts_before;
        // The new year starts the day after the Patto in force ends.
        let Some(ends) = in_force.and_then(|p| p.valido_al()) else {
            return Ok((patto_new, false));
        };
        let dal = ends + Days::new(1);
        let al = scadenza(dal);
        let current = self.current_pai(id)?;
        let mut draft = match current {
            // A draft already: the renewal's if it is for the new year.
            Some(p) if p.stato == PaiStato::Bozza => {
                if p.anno_dal == dal {
                    return Ok((patto_new, false));
                }
                p
            }
            Some(p) => self.new_pai_version(p.id)?,
            None => self.new_pai(id)?,
        };
        draft.anno_dal = dal;
        draft.anno_al = al;
        if draft.clinical_manager.trim().is_empty() {
            draft.clinical_manager = patto.clinical_manager.clone();
        }
        self.desk.store.save_pai(&mut draft)?;
        Ok((patto_new, true))
    }
}
