//! Patto di Cura: prepare, read, sign, reprint, renew, and the expiry list.

use chrono::{Days, NaiveDate};

use super::{Desk, DeskError, PatientSummary, Refusal, Result};
use crate::domain::patto::{
    self, Consensi, FirmaInput, Firmatario, PattoDiCura, PattoId, PattoState, PattoStato,
};
use crate::domain::patto_text::{self, PattoContext};
use crate::domain::{PatientId, PresaInCarico};

/// One line of the "Scadenze" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scadenza {
    pub patto: PattoDiCura,
    pub patient: PatientSummary,
    pub state: PattoState,
}

impl Desk {
    fn active_presa_for_patto(&self, patient: PatientId) -> Result<PresaInCarico> {
        let missing = self.patto().patto_preconditions(patient)?;
        if !missing.is_empty() {
            return Err(DeskError::from(Refusal::PattoPreconditions(missing)));
        }
        self.store
            .active_presa(patient)?
            .ok_or_else(|| DeskError::from(Refusal::NoActivePresa))
    }

    fn new_draft(
        &self,
        patient: PatientId,
        presa: &PresaInCarico,
        precedente: Option<PattoId>,
    ) -> Result<PattoDiCura> {
        let p = self
            .store
            .get_patient(patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        // The Clinical Manager follows the Gestore: the patient's MMG for a
        // cooperative of MMG (or MIFS); a facility (ASST, earlier-model
        // Gestori) names its own, typed before signing.
        let struttura = self
            .store
            .gestore(presa.gestore)?
            .is_some_and(|g| g.tipo.struttura())
            && presa.canale != crate::domain::Canale::Mifs;
        let mut draft = PattoDiCura {
            id: 0,
            patient,
            presa: presa.id,
            gestore: presa.gestore,
            clinical_manager: if struttura {
                String::new()
            } else {
                p.mmg.clone()
            },
            precedente,
            rinnovato_da: None,
            creato_il: self.today(),
            stato: PattoStato::Bozza,
            firma: None,
            numero: None,
            correzioni_cm: Vec::new(),
        };
        self.store.insert_patto(&mut draft)?;
        let precedente_numero = match precedente {
            Some(id) => Some(self.patto().patto_numero_label(id)?),
            None => None,
        };
        self.audit(
            crate::domain::audit::AuditAction::PattoPrepared,
            Some(patient),
            format!(
                "bozza del Patto {}{}",
                draft.numero_label(),
                precedente_numero
                    .map(|p| format!(", rinnovo del {p}"))
                    .unwrap_or_default()
            ),
        )?;
        Ok(draft)
    }

    fn set_clinical_manager_as(
        &self,
        patto: PattoId,
        opened: Option<&PattoDiCura>,
        name: &str,
    ) -> Result<PattoDiCura> {
        self.require(
            crate::domain::operator::Role::Medico,
            super::Operation::ClinicalManager,
        )?;
        let mut p = self
            .store
            .patto(patto)?
            .ok_or_else(|| DeskError::from(Refusal::PattoNotFound(None)))?;
        let name = super::input_field(
            super::Field::ClinicalManager,
            name,
            crate::domain::text::MAX_NAME_CHARS,
        )?;
        let before = std::mem::replace(&mut p.clinical_manager, name);
        self.store.update_patto_draft_opened(&p, opened)?;
        self.audit(
            crate::domain::audit::AuditAction::PattoChanged,
            Some(p.patient),
            format!(
                "Clinical Manager del Patto {}: {before} -> {}",
                p.numero_label(),
                p.clinical_manager
            ),
        )?;
        Ok(p)
    }

    fn correct_clinical_manager_as(
        &self,
        patto: PattoId,
        opened: Option<&PattoDiCura>,
        name: &str,
        motivo: &str,
    ) -> Result<PattoDiCura> {
        self.require(
            crate::domain::operator::Role::Medico,
            super::Operation::ClinicalManager,
        )?;
        let name = super::input_field(
            super::Field::ClinicalManager,
            name,
            crate::domain::text::MAX_NAME_CHARS,
        )?;
        let motivo = super::input_field(
            super::Field::CorrectionReason,
            motivo,
            crate::domain::text::MAX_SHORT_CHARS,
        )?;
        let mut p = self
            .store
            .patto(patto)?
            .ok_or_else(|| DeskError::from(Refusal::PattoNotFound(None)))?;
        // The store refuses a second correction made on the same stored
        // Patto (the count of corrections is checked in its transaction);
        // here a correction asked on an older reading is refused.
        if let Some(opened) = opened {
            let fields = patto::changed_fields(opened, &p);
            if !fields.is_empty() {
                return Err(super::StoreProblem::ChangedMeanwhile { fields }.into());
            }
        }
        let correzione = patto::correct_clinical_manager(
            &mut p,
            &name,
            &motivo,
            &self.operator(),
            self.clock.now(),
        )
        .map_err(DeskError::from)?;
        self.store.correct_patto_cm(&p)?;
        self.audit(
            crate::domain::audit::AuditAction::PattoChanged,
            Some(p.patient),
            format!(
                "Clinical Manager del Patto {} corretto dopo la firma: {} -> {} (motivo: {})",
                p.numero_label(),
                if correzione.da.is_empty() {
                    "(non indicato)"
                } else {
                    correzione.da.as_str()
                },
                correzione.a,
                correzione.motivo
            ),
        )?;
        if let Some(mut pai) = self.pai().current_pai(p.patient)?
            && pai.presa == p.presa
            && pai.stato == crate::domain::pai::PaiStato::Bozza
            && (pai.clinical_manager.trim().is_empty()
                || pai.clinical_manager.trim() == correzione.da.trim())
        {
            pai.clinical_manager = correzione.a.clone();
            self.store.save_pai(&mut pai)?;
        }
        Ok(p)
    }
}

impl Patti<'_> {
    /// What prevents preparing a Patto for this patient (empty when nothing does).
    pub fn patto_preconditions(&self, patient: PatientId) -> Result<Vec<patto::Missing>> {
        let Some(p) = self.desk.store.get_patient(patient)? else {
            return Err(DeskError::from(Refusal::PatientNotFound(None)));
        };
        let presa = self.desk.store.active_presa(patient)?;
        Ok(patto::missing_preconditions(&p, presa.as_ref()))
    }

    /// The bozza to show and sign for the patient's active presa in carico:
    /// the existing one, or a new one. A Patto already signed and in force
    /// is renewed, not prepared again.
    pub fn prepare_patto(&self, patient: PatientId) -> Result<PattoDiCura> {
        let presa = self.desk.active_presa_for_patto(patient)?;
        let today = self.desk.today();
        let patti = self.desk.store.patti_of(patient)?;
        if let Some(draft) = patti
            .iter()
            .rev()
            .find(|p| p.presa == presa.id && p.stato == PattoStato::Bozza)
        {
            return Ok(draft.clone());
        }
        let in_force = patti
            .iter()
            .rev()
            .find(|p| p.presa == presa.id && p.state_on(today).is_in_force());
        if let Some(current) = in_force {
            return Err(DeskError::from(Refusal::PattoInForce {
                valid_until: current.valido_al(),
            }));
        }
        // An expired Patto of the same presa is carried over as a renewal.
        let precedente = patti
            .iter()
            .rev()
            .find(|p| p.presa == presa.id && p.state_on(today) == PattoState::Scaduto)
            .map(|p| p.id);
        self.desk.new_draft(patient, &presa, precedente)
    }

    /// Prepares the renewal of the patient's current Patto: a new bozza linked
    /// to it, carrying over its data. Allowed from 60 days before expiry.
    pub fn renew_patto(&self, patient: PatientId) -> Result<PattoDiCura> {
        let presa = self.desk.active_presa_for_patto(patient)?;
        let today = self.desk.today();
        let patti = self.desk.store.patti_of(patient)?;
        if let Some(draft) = patti
            .iter()
            .rev()
            .find(|p| p.presa == presa.id && p.stato == PattoStato::Bozza)
        {
            return Ok(draft.clone());
        }
        let Some(current) = patti.iter().rev().find(|p| {
            p.presa == presa.id && p.stato == PattoStato::Firmato && p.rinnovato_da.is_none()
        }) else {
            return Err(DeskError::from(Refusal::NothingToRenew));
        };
        if let Some(days) = current.giorni_alla_scadenza(today)
            && days > 60
        {
            return Err(DeskError::from(Refusal::RenewTooEarly { days }));
        }
        let mut draft = self.desk.new_draft(patient, &presa, Some(current.id))?;
        if draft.clinical_manager.is_empty() {
            draft.clinical_manager = current.clinical_manager.clone();
            self.desk.store.update_patto_draft(&draft)?;
        }
        Ok(draft)
    }

    /// Sets the Clinical Manager of a bozza.
    pub fn set_clinical_manager(&self, patto: PattoId, name: &str) -> Result<PattoDiCura> {
        self.desk.set_clinical_manager_as(patto, None, name)
    }

    /// [`Patti::set_clinical_manager`] typed on `opened` (the bozza as the
    /// screen read it): refused with what changed when another desk changed
    /// the Patto since; nothing is written.
    pub fn set_clinical_manager_opened(
        &self,
        opened: &PattoDiCura,
        name: &str,
    ) -> Result<PattoDiCura> {
        self.desk
            .set_clinical_manager_as(opened.id, Some(opened), name)
    }

    /// Corrects the Clinical Manager of a signed Patto, with a required
    /// reason: the signed text stays as it is, the correction is kept with
    /// the Patto (and printed under it) and written in the audit trail. The
    /// PAI bozza of the same presa in carico takes the new Clinical Manager
    /// when it had none or the old one, so that it can be shared.
    pub fn correct_clinical_manager(
        &self,
        patto: PattoId,
        name: &str,
        motivo: &str,
    ) -> Result<PattoDiCura> {
        self.desk
            .correct_clinical_manager_as(patto, None, name, motivo)
    }

    /// [`Patti::correct_clinical_manager`] asked on `opened` (the Patto as
    /// the screen showed it): refused with what changed when another desk
    /// corrected or renewed it since; nothing is written.
    pub fn correct_clinical_manager_opened(
        &self,
        opened: &PattoDiCura,
        name: &str,
        motivo: &str,
    ) -> Result<PattoDiCura> {
        self.desk
            .correct_clinical_manager_as(opened.id, Some(opened), name, motivo)
    }

    /// "2026/0001" for the Patto `id` ("s.n." when unknown).
    pub fn patto_numero_label(&self, id: PattoId) -> Result<String> {
        Ok(self
            .desk
            .store
            .patto(id)?
            .map(|p| p.numero_label())
            .unwrap_or_else(|| "s.n.".to_string()))
    }

    /// The text of a Patto: the frozen one once signed, otherwise rendered now
    /// from the template with the given consents and signer, dated `data`.
    pub fn patto_text(
        &self,
        patto: &PattoDiCura,
        consensi: &Consensi,
        firmatario: Option<(&Firmatario, &str, &str)>,
        data: NaiveDate,
    ) -> Result<String> {
        if let Some(text) = patto.testo_firmato() {
            return Ok(text.to_string());
        }
        let patient = self
            .desk
            .store
            .get_patient(patto.patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        let gestore = self
            .desk
            .store
            .gestore(patto.gestore)?
            .ok_or_else(|| DeskError::from(Refusal::GestoreNotFound))?;
        let practice = self.desk.store.practice()?;
        let luogo = if practice.comune.is_empty() {
            super::comune_name(&patient.residenza.comune)
        } else {
            super::comune_name(&practice.comune)
        };
        let pai_summary = self
            .desk
            .pai()
            .current_pai(patto.patient)?
            .filter(|p| p.presa == patto.presa)
            .map(|p| crate::domain::pai_text::summary_lines(&p));
        let mut ctx = PattoContext::new(
            &patient,
            &gestore,
            patto,
            consensi,
            firmatario,
            pai_summary,
            super::pathologies(),
            super::comuni(),
            patient.ats(
                crate::service::comuni(),
                super::ats_table(),
                super::ats_rules(),
            ),
            &luogo,
            data,
        );
        if let Some(prev) = patto.precedente {
            ctx.rinnovo_di(&self.patto_numero_label(prev)?);
        }
        patto_text::render(patto_text::default_template(), &ctx).map_err(DeskError::from)
    }

    /// Signs a bozza: renders the final text with the consents and the signer,
    /// freezes it with its SHA-256, and stores it (linking a renewed Patto).
    pub fn sign_patto(&self, patto: PattoId, mut input: FirmaInput) -> Result<PattoDiCura> {
        use crate::domain::text::{MAX_NAME_CHARS, MAX_SHORT_CHARS};
        input.nome_firmatario =
            super::input_field(super::Field::Signer, &input.nome_firmatario, MAX_NAME_CHARS)?;
        input.documento =
            super::input_field(super::Field::Document, &input.documento, MAX_SHORT_CHARS)?;
        let mut p = self
            .desk
            .store
            .patto(patto)?
            .ok_or_else(|| DeskError::from(Refusal::PattoNotFound(None)))?;
        // The bozza on screen was signed meanwhile (by another desk).
        if p.stato != PattoStato::Bozza {
            return Err(crate::store::StoreError::PattoConcurrent {
                presa: p.presa,
                firmato: true,
            }
            .into());
        }
        if self
            .desk
            .store
            .active_presa(p.patient)?
            .is_none_or(|presa| presa.id != p.presa)
        {
            return Err(DeskError::from(Refusal::PattoPresaNotActive));
        }
        let now = self.desk.clock.now();
        let text = self.patto_text(
            &p,
            &input.consensi,
            Some((
                &input.firmatario,
                input.nome_firmatario.as_str(),
                input.documento.as_str(),
            )),
            now.date(),
        )?;
        patto::sign(&mut p, input, text, now).map_err(DeskError::from)?;
        self.desk.store.sign_patto(&p).map_err(|e| match e {
            crate::store::StoreError::PattoSigned(_) => crate::store::StoreError::PattoConcurrent {
                presa: p.presa,
                firmato: true,
            },
            e => e,
        })?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PattoSigned,
            Some(p.patient),
            // Who signed by role, not by name: the trail cannot forget a
            // name after a GDPR erasure.
            format!(
                "Patto {} firmato (firmatario: {})",
                p.numero_label(),
                p.firma.as_ref().map(|f| f.firmatario.label()).unwrap_or("")
            ),
        )?;
        Ok(p)
    }

    pub fn get(&self, id: PattoId) -> Result<Option<PattoDiCura>> {
        Ok(self.desk.store.patto(id)?)
    }

    /// Every Patto of the patient, newest first.
    pub fn patti(&self, patient: PatientId) -> Result<Vec<PattoDiCura>> {
        let mut list = self.desk.store.patti_of(patient)?;
        list.reverse();
        Ok(list)
    }

    /// The signed text of a Patto for reprinting, checked against its hash.
    pub fn signed_patto_text(&self, id: PattoId) -> Result<String> {
        let p = self
            .desk
            .store
            .patto(id)?
            .ok_or_else(|| DeskError::from(Refusal::PattoNotFound(None)))?;
        let Some(firma) = &p.firma else {
            return Err(DeskError::from(Refusal::PattoNotSigned));
        };
        if !firma.is_intact() {
            return Err(DeskError::from(Refusal::PattoTampered));
        }
        Ok(firma.testo.clone())
    }

    /// Signed Patti expiring in the next `within_days` days and those expired
    /// in the last `expired_days`, soonest first.
    pub fn patti_in_scadenza(&self, within_days: u64, expired_days: u64) -> Result<Vec<Scadenza>> {
        let today = self.desk.today();
        let from = today - Days::new(expired_days);
        let to = today + Days::new(within_days);
        let mut out = Vec::new();
        for id in self.desk.store.patti_expiring(from, to, 10_000)? {
            let Some(patto) = self.desk.store.patto(id)? else {
                continue;
            };
            let Some(summary) = self.desk.summaries(vec![patto.patient])?.into_iter().next() else {
                continue;
            };
            out.push(Scadenza {
                state: patto.state_on(today),
                patto,
                patient: summary,
            });
        }
        Ok(out)
    }
}

/// The patti di cura: preparation, clinical manager, signature, documents.
/// Reached from the desk as [`Desk::patto`].
#[derive(Clone, Copy)]
pub struct Patti<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The patti di cura: preparation, clinical manager, signature, documents.
    pub fn patto(&self) -> Patti<'_> {
        Patti { desk: self }
    }
}
