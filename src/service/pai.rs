//! PAI: the yearly plan, from templates to a shared, frozen version.

use super::{Desk, DeskError, Refusal, Result};
use crate::domain::PatientId;
use crate::domain::gestore::PresaStep;
use crate::domain::pai::{Pai, PaiId, PaiStato};
use crate::domain::patto::{PattoDiCura, PattoStato};

/// Per item of a PAI: how many occurrences the year needs, how many are
/// booked and how many were done (the last two come from the agenda).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemProgress {
    pub item: u32,
    pub needed: u32,
    pub booked: u32,
    pub done: u32,
}

impl Desk {
    /// The signed Patto in force for the patient's active presa, if any.
    pub(super) fn patto_in_force(&self, patient: PatientId) -> Result<Option<PattoDiCura>> {
        let today = self.today();
        let Some(presa) = self.store.active_presa(patient)? else {
            return Ok(None);
        };
        Ok(self.store.patti_of(patient)?.into_iter().rev().find(|p| {
            p.presa == presa.id && p.stato == PattoStato::Firmato && p.state_on(today).is_in_force()
        }))
    }

    fn save_pai_draft_as(&self, opened: Option<&Pai>, mut pai: Pai) -> Result<Pai> {
        self.require(crate::domain::operator::Role::Medico, super::Operation::Pai)?;
        if pai.stato != PaiStato::Bozza {
            return Err(DeskError::from(Refusal::SharedPaiFrozen));
        }
        for item in &pai.items {
            item.frequenza.check().map_err(|e| {
                DeskError::from(Refusal::PaiItem {
                    descrizione: item.descrizione.clone(),
                    error: e,
                })
            })?;
        }
        if pai.anno_al < pai.anno_dal {
            return Err(DeskError::from(Refusal::PeriodEndsBeforeStart));
        }
        let before = self.store.pai(pai.id)?.map(|b| b.items.len());
        self.store.save_pai_opened(&mut pai, opened)?;
        self.audit(
            crate::domain::audit::AuditAction::PaiChanged,
            Some(pai.patient),
            format!(
                "bozza PAI {} salvata: voci {} -> {}",
                pai.id,
                before.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
                pai.items.len()
            ),
        )?;
        Ok(pai)
    }
}

impl PaiPlans<'_> {
    /// Every PAI of the patient, every version, newest first.
    pub fn pai_list(&self, patient: PatientId) -> Result<Vec<Pai>> {
        let mut list = self.desk.store.pai_of(patient)?;
        list.reverse();
        Ok(list)
    }

    pub fn get(&self, id: PaiId) -> Result<Option<Pai>> {
        Ok(self.desk.store.pai(id)?)
    }

    /// The PAI in use: the newest draft or shared version of the active presa.
    pub fn current_pai(&self, patient: PatientId) -> Result<Option<Pai>> {
        let Some(presa) = self.desk.store.active_presa(patient)? else {
            return Ok(None);
        };
        Ok(self
            .pai_list(patient)?
            .into_iter()
            .find(|p| p.presa == presa.id && !matches!(p.stato, PaiStato::Concluso { .. })))
    }

    /// How far the patient's active presa has gone: Gestore chosen, Patto
    /// signed (and in force today), PAI shared under it. `None` without an
    /// active presa.
    pub fn presa_step(&self, patient: PatientId) -> Result<Option<PresaStep>> {
        if self.desk.store.active_presa(patient)?.is_none() {
            return Ok(None);
        }
        let Some(patto) = self.desk.patto_in_force(patient)? else {
            return Ok(Some(PresaStep::GestoreScelto));
        };
        let shared = self.current_pai(patient)?.is_some_and(
            |p| matches!(p.stato, PaiStato::Condiviso { patto: id, .. } if id == patto.id),
        );
        Ok(Some(if shared {
            PresaStep::PaiCondiviso
        } else {
            PresaStep::PattoFirmato
        }))
    }

    /// A new PAI draft from the templates of the patient's pathologies, for
    /// the year of the signed Patto (or a year from today when there is none
    /// yet). If a draft exists it is returned instead.
    pub fn new_pai(&self, patient: PatientId) -> Result<Pai> {
        self.desk
            .require(crate::domain::operator::Role::Medico, super::Operation::Pai)?;
        let p = self
            .desk
            .store
            .get_patient(patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        let Some(presa) = self.desk.store.active_presa(patient)? else {
            return Err(DeskError::from(Refusal::NoGestore));
        };
        if p.patologie.is_empty() {
            return Err(DeskError::from(Refusal::NoPathologies));
        }
        if let Some(current) = self.current_pai(patient)? {
            if current.stato == PaiStato::Bozza {
                return Ok(current);
            }
            return Err(DeskError::from(Refusal::SharedPaiExists));
        }
        let patto = self.desk.patto_in_force(patient)?;
        let today = self.desk.today();
        let (dal, al, cm) = match &patto {
            Some(pt) => (
                pt.valido_dal().unwrap_or(today),
                pt.valido_al().unwrap_or(today),
                pt.clinical_manager.clone(),
            ),
            None => (today, crate::domain::patto::scadenza(today), p.mmg.clone()),
        };
        let mut pai = Pai::from_templates(
            0,
            patient,
            presa.id,
            dal,
            al,
            &cm,
            &p.patologie,
            crate::io::tables::pai_templates(),
        );
        self.desk.store.save_pai(&mut pai)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PaiChanged,
            Some(patient),
            format!("nuovo PAI {} ({} voci)", pai.id, pai.items.len()),
        )?;
        Ok(pai)
    }

    /// Saves the changes to a draft. Frequencies are checked; a shared PAI
    /// cannot be saved (make a new version).
    pub fn save_pai_draft(&self, pai: Pai) -> Result<Pai> {
        self.desk.save_pai_draft_as(None, pai)
    }

    /// [`PaiPlans::save_pai_draft`] for a draft edited on `opened` (the PAI as
    /// the screen read it): refused with what changed when another desk
    /// saved the draft since; nothing is written.
    pub fn save_pai_draft_opened(&self, opened: &Pai, pai: Pai) -> Result<Pai> {
        self.desk.save_pai_draft_as(Some(opened), pai)
    }

    /// Shares a draft with the patient under the signed Patto in force: it is
    /// frozen from now on; the version it replaces is concluded.
    pub fn share_pai(&self, id: PaiId) -> Result<Pai> {
        self.desk
            .require(crate::domain::operator::Role::Medico, super::Operation::Pai)?;
        let mut pai = self
            .desk
            .store
            .pai(id)?
            .ok_or_else(|| DeskError::from(Refusal::PaiNotFound))?;
        if pai.stato != PaiStato::Bozza {
            return Err(DeskError::from(Refusal::PaiAlreadyShared));
        }
        let Some(patto) = self.desk.patto_in_force(pai.patient)? else {
            return Err(DeskError::from(Refusal::PaiNeedsPatto));
        };
        if patto.presa != pai.presa {
            return Err(DeskError::from(Refusal::PaiPresaNotActive));
        }
        // A renewal's plan waits for the renewed Patto.
        if let Some(al) = patto.valido_al()
            && pai.anno_dal > al
        {
            return Err(DeskError::from(Refusal::PaiForNextYear(pai.anno_dal)));
        }
        let today = self.desk.today();
        // The plan covers the year of the Patto it is shared under.
        if let (Some(dal), Some(al)) = (patto.valido_dal(), patto.valido_al()) {
            pai.anno_dal = dal;
            pai.anno_al = al;
        }
        // The Clinical Manager comes from the Patto (corrected there after
        // signing when it was missing).
        if pai.clinical_manager.trim().is_empty() {
            pai.clinical_manager = patto.clinical_manager.clone();
        }
        pai.condividi(patto.id, today)
            .map_err(|problems| DeskError::from(Refusal::PaiNotReady(problems)))?;
        let mut versions = vec![pai.clone()];
        if let Some(prev_id) = pai.precedente
            && let Some(mut prev) = self.desk.store.pai(prev_id)?
            && !matches!(prev.stato, PaiStato::Concluso { .. })
        {
            prev.concludi(
                today,
                &format!("sostituito dalla versione {}", pai.versione),
            );
            versions.push(prev);
        }
        self.desk.store.save_pai_versions(&versions)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PaiShared,
            Some(pai.patient),
            format!(
                "PAI {} versione {} condiviso (Patto {})",
                pai.id,
                pai.versione,
                patto.numero_label()
            ),
        )?;
        Ok(pai)
    }

    /// A new draft version of a shared PAI (the shared one stays readable and
    /// in force until the new one is shared).
    pub fn new_pai_version(&self, id: PaiId) -> Result<Pai> {
        self.desk
            .require(crate::domain::operator::Role::Medico, super::Operation::Pai)?;
        let pai = self
            .desk
            .store
            .pai(id)?
            .ok_or_else(|| DeskError::from(Refusal::PaiNotFound))?;
        if let Some(draft) = self
            .pai_list(pai.patient)?
            .into_iter()
            .find(|p| p.precedente == Some(id) && p.stato == PaiStato::Bozza)
        {
            return Ok(draft);
        }
        if !matches!(pai.stato, PaiStato::Condiviso { .. }) {
            return Err(DeskError::from(Refusal::NewVersionOnlyFromShared));
        }
        let mut next = pai.new_version(0);
        self.desk.store.save_pai(&mut next)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PaiChanged,
            Some(next.patient),
            format!("nuova versione {} del PAI {id}", next.versione),
        )?;
        Ok(next)
    }

    /// Occurrences needed, booked (future, still to happen) and done per
    /// item, counted from the agenda.
    pub fn pai_progress(&self, pai: &Pai) -> Result<Vec<ItemProgress>> {
        use crate::domain::agenda::AppStato;
        let apps = if pai.id == 0 {
            Vec::new()
        } else {
            self.desk.store.appointments_of_pai(pai.id)?
        };
        Ok(pai
            .occurrences_needed()
            .into_iter()
            .map(|(item, needed)| {
                let of_item = apps.iter().filter(|a| a.item == Some(item));
                ItemProgress {
                    item,
                    needed,
                    booked: of_item
                        .clone()
                        .filter(|a| a.stato == AppStato::Prenotato)
                        .count() as u32,
                    done: of_item.filter(|a| a.stato == AppStato::Eseguito).count() as u32,
                }
            })
            .collect())
    }

    /// The plan as text, for printing and export.
    pub fn pai_text(&self, pai: &Pai) -> Result<String> {
        let p = self
            .desk
            .store
            .get_patient(pai.patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        Ok(crate::domain::pai_text::render(
            pai,
            super::pathologies(),
            &format!("{} {}", p.cognome, p.nome),
            &p.codice_fiscale,
        ))
    }
}

/// The PAI: drafts, sharing, versions, progress and documents.
/// Reached from the desk as [`Desk::pai`].
#[derive(Clone, Copy)]
pub struct PaiPlans<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The PAI: drafts, sharing, versions, progress and documents.
    pub fn pai(&self) -> PaiPlans<'_> {
        PaiPlans { desk: self }
    }
}
