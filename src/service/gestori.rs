//! Gestori: importing the ATS lists, choosing, changing and revoking.

use chrono::NaiveDate;

use super::{Desk, DeskError, Refusal, Result};
use crate::domain::gestore::{
    CanaleEscluso, FINE_MODELLO_PRECEDENTE, GestoriImport, PresaId, PresaStato,
};
use crate::domain::practice::Practice;
use crate::domain::{Canale, Gestore, GestoreId, Patient, PatientId, PresaInCarico};
use crate::store::StoreError;

/// What an import would change, computed before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// ATS codes the list covers: Gestori of these ATS missing from the list
    /// become "non più idonei".
    pub ats: Vec<String>,
    pub added: Vec<Gestore>,
    /// (stored, as it will be).
    pub updated: Vec<(Gestore, Gestore)>,
    pub unchanged: usize,
    /// Stored Gestori missing from the list, as they will be (with the date).
    pub no_longer: Vec<Gestore>,
    /// The column names of the imported file, remembered for the next
    /// export (`ImportPreview::export_header`); empty: not changed.
    pub header: Vec<String>,
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.no_longer.is_empty()
    }
}

/// The Gestori a patient may choose from, for the choice screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GestoriChoice {
    /// ATS whose list is shown.
    pub ats: String,
    /// The ATS is not the patient's (the operator asked for another one).
    pub other_ats: bool,
    /// Idonei of that ATS; the Gestore of the patient's own MMG first (also
    /// when it is of another ATS).
    pub gestori: Vec<Gestore>,
    /// The Gestore the patient's MMG adheres to, if it is in the list.
    pub own_mmg: Option<GestoreId>,
}

/// One row of the recall list "da trasferire al MMG": a patient in charge of
/// a Gestore of the earlier model whose MMG now adheres to a Gestore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trasferimento {
    pub patient: super::PatientSummary,
    /// The patient's MMG, as on the record.
    pub mmg: String,
    pub presa: PresaInCarico,
    /// The earlier-model Gestore of the presa.
    pub gestore: Gestore,
    /// The Gestore the MMG adheres to, where the presa can move.
    pub verso: Gestore,
}

/// Does `stored` describe the same subject as `row`? By code within the ATS,
/// by CF/P.IVA, or by name within the ATS.
fn same_subject(stored: &Gestore, row: &Gestore) -> bool {
    (!row.codice.is_empty() && stored.ats == row.ats && stored.codice == row.codice)
        || (!row.cf_piva.is_empty() && stored.cf_piva.eq_ignore_ascii_case(&row.cf_piva))
        || stored.name_key() == row.name_key()
}

impl Desk {
    fn revoke_presa_as(
        &self,
        patient: PatientId,
        opened: Option<PresaId>,
        data: NaiveDate,
        motivo: &str,
    ) -> Result<PresaInCarico> {
        let motivo = super::input_field(
            super::Field::RevokeReason,
            motivo,
            crate::domain::text::MAX_NOTE_CHARS,
        )?;
        let motivo = motivo.as_str();
        if motivo.is_empty() {
            return Err(DeskError::from(Refusal::RevokeReasonMissing));
        }
        let changed = || {
            DeskError::from(super::StoreProblem::ChangedMeanwhile {
                fields: vec!["Gestore"],
            })
        };
        let active = self.store.active_presa(patient)?;
        if opened.is_some() && active.as_ref().map(|a| a.id) != opened {
            return Err(changed());
        }
        let Some(active) = active else {
            return Err(DeskError::from(Refusal::NoActivePresa));
        };
        if data < active.data_scelta {
            return Err(DeskError::from(Refusal::RevokeBeforeChoice(
                active.data_scelta,
            )));
        }
        // The store revokes that presa only while it is active: a revocation
        // by another desk in the meantime is refused there.
        let presa = match self.store.revoke_presa(active.id, data, motivo.trim()) {
            Err(StoreError::PresaNotActive(_)) if opened.is_some() => return Err(changed()),
            r => r?,
        };
        self.audit(
            crate::domain::audit::AuditAction::PresaRevoked,
            Some(patient),
            format!(
                "presa in carico {} revocata il {}: {}",
                presa.id,
                data.format("%d/%m/%Y"),
                motivo.trim()
            ),
        )?;
        Ok(presa)
    }

    fn remember_practice_name(&self, name: &str) {
        if let Ok(mut n) = self.practice_name.write() {
            *n = Some(name.trim().to_string());
        }
    }

    fn save_practice_as(&self, opened: Option<&Practice>, practice: &Practice) -> Result<()> {
        self.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Practice,
        )?;
        use crate::domain::text::MAX_NAME_CHARS;
        let mut practice = practice.clone();
        practice.nome =
            super::input_field(super::Field::PracticeName, &practice.nome, MAX_NAME_CHARS)?;
        practice.comune =
            super::input_field(super::Field::Comune, &practice.comune, MAX_NAME_CHARS)?;
        for m in &mut practice.mmg {
            m.nome = super::input_field(super::Field::Mmg, &m.nome, MAX_NAME_CHARS)?;
        }
        let practice = &practice;
        let before = self.store.practice()?;
        match opened {
            Some(opened) => self.store.save_practice_opened(practice, opened)?,
            None => self.store.save_practice(practice)?,
        }
        self.remember_practice_name(&practice.nome);
        self.audit(
            crate::domain::audit::AuditAction::PracticeSetup,
            None,
            format!(
                "studio: {} -> {}; {} MMG, {} canali attivi",
                before.nome,
                practice.nome,
                practice.mmg.len(),
                practice.canali_attivi.len()
            ),
        )
    }
}

impl Gestori<'_> {
    /// Compares an imported list with the stored Gestori.
    pub fn plan_gestori_import(&self, rows: &[Gestore]) -> Result<ImportPlan> {
        let mut cleaned = rows.to_vec();
        for row in &mut cleaned {
            row.clean_text().map_err(|reason| {
                DeskError::from(Refusal::ImportedGestore {
                    name: row.denominazione.chars().take(60).collect(),
                    reason,
                })
            })?;
        }
        let rows = cleaned.as_slice();
        let stored = self.desk.store.all_gestori()?;
        let today = self.desk.today();
        let mut plan = ImportPlan::default();
        for row in rows {
            if !plan.ats.contains(&row.ats) {
                plan.ats.push(row.ats.clone());
            }
        }
        plan.ats.sort();
        let mut matched = vec![false; stored.len()];
        for row in rows {
            let found = stored
                .iter()
                .enumerate()
                .find(|(i, s)| !matched[*i] && same_subject(s, row));
            match found {
                Some((i, s)) => {
                    matched[i] = true;
                    let mut next = row.clone();
                    next.id = s.id;
                    next.non_idoneo_dal = None;
                    next.fittizio = false;
                    if &next == s {
                        plan.unchanged += 1;
                    } else {
                        plan.updated.push((s.clone(), next));
                    }
                }
                None => {
                    let mut next = row.clone();
                    next.id = 0;
                    next.non_idoneo_dal = None;
                    plan.added.push(next);
                }
            }
        }
        for (i, s) in stored.iter().enumerate() {
            if !matched[i] && plan.ats.contains(&s.ats) && s.is_idoneo() {
                let mut gone = s.clone();
                gone.non_idoneo_dal = Some(today);
                plan.no_longer.push(gone);
            }
        }
        Ok(plan)
    }

    /// Writes a planned import in one transaction and records it in the log.
    pub fn apply_gestori_import(
        &self,
        mut plan: ImportPlan,
        file: &str,
        rejected: u32,
    ) -> Result<GestoriImport> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Import,
        )?;
        for g in &mut plan.added {
            g.id = self.desk.store.next_id()?;
        }
        let log = GestoriImport {
            id: self.desk.store.next_id()?,
            data: self.desk.clock.now(),
            file: file.to_string(),
            ats: plan.ats.clone(),
            aggiunti: plan.added.len() as u32,
            aggiornati: plan.updated.len() as u32,
            non_piu_idonei: plan.no_longer.len() as u32,
            scartati: rejected,
            operatore: self.desk.operator(),
        };
        let changed: Vec<Gestore> = plan
            .added
            .into_iter()
            .chain(plan.updated.into_iter().map(|(_, n)| n))
            .chain(plan.no_longer)
            .collect();
        self.desk.store.apply_gestori_import(&changed, &log)?;
        if crate::io::gestori::is_export_header(&plan.header) {
            self.desk.store.save_gestori_header(&plan.header)?;
        }
        self.desk.audit(
            crate::domain::audit::AuditAction::Import,
            None,
            format!(
                "Gestori da {}: {} aggiunti, {} aggiornati, {} non più idonei, {} scartati",
                log.file, log.aggiunti, log.aggiornati, log.non_piu_idonei, log.scartati
            ),
        )?;
        Ok(log)
    }

    /// The column names an export of the Gestori writes: those of the list
    /// last imported, so that the file has the ATS's header names (and
    /// imports back unchanged); the default ones before any import.
    pub fn gestori_export_header(&self) -> Result<Vec<String>> {
        Ok(self
            .desk
            .store
            .gestori_header()?
            .filter(|h| crate::io::gestori::is_export_header(h))
            .unwrap_or_else(|| {
                crate::io::gestori::EXPORT_HEADER
                    .map(str::to_owned)
                    .to_vec()
            }))
    }

    /// [`Gestori::seed_sample_gestori`] with the built-in fictional list.
    pub fn seed_builtin_sample_gestori(&self) -> Result<bool> {
        self.seed_sample_gestori(&crate::io::gestori::sample_gestori())
    }

    /// Loads the fictional sample list on the first start of a store.
    /// Returns whether it did.
    pub fn seed_sample_gestori(&self, sample: &[Gestore]) -> Result<bool> {
        if self.desk.store.gestori_seeded()? {
            return Ok(false);
        }
        if self.desk.store.all_gestori()?.is_empty() {
            let mut rows = sample.to_vec();
            for g in &mut rows {
                g.fittizio = true;
            }
            let plan = self.plan_gestori_import(&rows)?;
            self.apply_gestori_import(plan, "elenco di esempio (fittizio)", 0)?;
        }
        self.desk.store.mark_gestori_seeded()?;
        Ok(true)
    }

    pub fn gestori_imports(&self) -> Result<Vec<GestoriImport>> {
        Ok(self.desk.store.gestori_imports()?)
    }

    /// Stored Gestori, of one ATS or all, sorted by name; the ones no longer
    /// idonei only when asked.
    pub fn list(&self, ats: Option<&str>, include_non_idonei: bool) -> Result<Vec<Gestore>> {
        let mut list: Vec<Gestore> = self
            .desk
            .store
            .all_gestori()?
            .into_iter()
            .filter(|g| ats.is_none_or(|a| g.ats == a))
            .filter(|g| include_non_idonei || g.is_idoneo())
            .collect();
        list.sort_by_cached_key(|g| (g.ats.clone(), crate::domain::text::fold(&g.denominazione)));
        Ok(list)
    }

    pub fn gestore(&self, id: GestoreId) -> Result<Option<Gestore>> {
        Ok(self.desk.store.gestore(id)?)
    }

    /// The ATS of the patient's residence (or the operator's override).
    pub fn patient_ats(&self, p: &Patient) -> Option<String> {
        p.ats(
            crate::service::comuni(),
            super::ats_table(),
            super::ats_rules(),
        )
        .map(|a| a.codice.clone())
    }

    /// The list a patient chooses from: the idonei of their ATS (or of
    /// `other_ats`), the Gestore of their MMG first.
    pub fn gestori_choice(&self, p: &Patient, other_ats: Option<&str>) -> Result<GestoriChoice> {
        let own_ats = self.patient_ats(p);
        let ats = match (other_ats, &own_ats) {
            (Some(a), _) => a.to_string(),
            (None, Some(a)) => a.clone(),
            (None, None) => {
                return Err(DeskError::from(Refusal::AtsUnknown));
            }
        };
        let mut gestori = self.list(Some(&ats), false)?;
        let practice = self.practice()?;
        // The Gestore of the patient's MMG is listed even when it is of
        // another ATS: with the "MMG aderente" channel the presa goes there.
        let own_mmg = practice.gestore_of_mmg(&p.mmg);
        if let Some(id) = own_mmg
            && !gestori.iter().any(|g| g.id == id)
            && let Some(g) = self.desk.store.gestore(id)?.filter(Gestore::is_idoneo)
        {
            gestori.insert(0, g);
        }
        let own_mmg = own_mmg.filter(|id| gestori.iter().any(|g| g.id == *id));
        if let Some(id) = own_mmg
            && let Some(pos) = gestori.iter().position(|g| g.id == id)
        {
            let g = gestori.remove(pos);
            gestori.insert(0, g);
        }
        Ok(GestoriChoice {
            other_ats: own_ats.as_deref() != Some(ats.as_str()),
            ats,
            gestori,
            own_mmg,
        })
    }

    /// Records the patient's choice of Gestore: state "scelto".
    pub fn choose_gestore(
        &self,
        patient: PatientId,
        gestore: GestoreId,
        canale: Canale,
        data: NaiveDate,
        note: &str,
    ) -> Result<PresaInCarico> {
        let practice = self.practice()?;
        let Some(g) = self.desk.store.gestore(gestore)? else {
            return Err(DeskError::from(Refusal::GestoreNotFound));
        };
        if let Some(since) = g.non_idoneo_dal {
            return Err(DeskError::from(Refusal::GestoreNotEligible {
                name: g.denominazione.clone(),
                since,
            }));
        }
        let Some(p) = self.desk.store.get_patient(patient)? else {
            return Err(DeskError::from(Refusal::PatientNotFound(None)));
        };
        // The 2024 channels, by the store's clock (not the date typed).
        let own = practice.gestore_of_mmg(&p.mmg);
        match canale.escluso(&g, &p.mmg, own, &practice.canali_attivi, self.desk.today()) {
            None => {}
            Some(CanaleEscluso::NonAttivo) => {
                return Err(DeskError::from(Refusal::ChannelNotActive(canale)));
            }
            Some(CanaleEscluso::ModelloPrecedente) => {
                return Err(DeskError::from(Refusal::GestoreModelloPrecedente {
                    name: g.denominazione.clone(),
                    until: FINE_MODELLO_PRECEDENTE,
                }));
            }
            Some(reason) => {
                return Err(DeskError::from(Refusal::ChannelNotOffered {
                    canale,
                    gestore: g.denominazione.clone(),
                    reason,
                }));
            }
        }
        if let Some(l) = p.livello()
            && !g.accepts_level(l.number())
        {
            return Err(DeskError::from(Refusal::GestoreLevel {
                name: g.denominazione.clone(),
                level: l.number(),
            }));
        }
        let mut presa = PresaInCarico {
            id: 0,
            patient,
            gestore,
            canale,
            data_scelta: data,
            note: super::input_field(
                super::Field::GestoreNote,
                note,
                crate::domain::text::MAX_NOTE_CHARS,
            )?,
            stato: PresaStato::Scelto,
            operatore: self.desk.operator(),
        };
        self.desk.store.insert_presa(&mut presa)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::GestoreChosen,
            Some(patient),
            format!(
                "{} ({}) dal {}",
                g.denominazione,
                canale.label(),
                data.format("%d/%m/%Y")
            ),
        )?;
        Ok(presa)
    }

    /// [`Gestori::choose_gestore`] from a screen that showed the patient with
    /// no active presa in carico: when another desk recorded a choice
    /// meanwhile, the refusal says so (what changed: the Gestore).
    pub fn choose_gestore_opened(
        &self,
        patient: PatientId,
        gestore: GestoreId,
        canale: Canale,
        data: NaiveDate,
        note: &str,
    ) -> Result<PresaInCarico> {
        self.choose_gestore(patient, gestore, canale, data, note)
            .map_err(|e| match e {
                DeskError::Store(super::StoreProblem::AlreadyInCharge(_)) => {
                    DeskError::from(super::StoreProblem::ChangedMeanwhile {
                        fields: vec!["Gestore"],
                    })
                }
                e => e,
            })
    }

    /// [`Gestori::revoke_presa`] of the presa in carico `opened`, the one the
    /// screen showed: refused with what changed when another desk revoked
    /// it or recorded another choice meanwhile; nothing is written.
    pub fn revoke_presa_opened(
        &self,
        patient: PatientId,
        opened: PresaId,
        data: NaiveDate,
        motivo: &str,
    ) -> Result<PresaInCarico> {
        self.desk
            .revoke_presa_as(patient, Some(opened), data, motivo)
    }

    /// Revokes the patient's active presa in carico with date and reason.
    pub fn revoke_presa(
        &self,
        patient: PatientId,
        data: NaiveDate,
        motivo: &str,
    ) -> Result<PresaInCarico> {
        self.desk.revoke_presa_as(patient, None, data, motivo)
    }

    /// How many active prese in carico each Gestore has.
    pub fn active_prese_by_gestore(&self) -> Result<std::collections::HashMap<GestoreId, usize>> {
        Ok(self.desk.store.active_prese_by_gestore()?)
    }

    /// The recall list "da trasferire al MMG": the active prese with a
    /// Gestore of the earlier model (after 31/12/2024, by the store's clock)
    /// of the patients whose MMG has since adhered to a Gestore, by surname.
    pub fn da_trasferire(&self) -> Result<Vec<Trasferimento>> {
        let today = self.desk.today();
        let practice = self.practice()?;
        let mut gestori: std::collections::HashMap<GestoreId, Option<Gestore>> = Default::default();
        let mut get = |id: GestoreId| -> Result<Option<Gestore>> {
            if let Some(g) = gestori.get(&id) {
                return Ok(g.clone());
            }
            let g = self.desk.store.gestore(id)?;
            gestori.insert(id, g.clone());
            Ok(g)
        };
        let mut out = Vec::new();
        for presa in self.desk.store.active_prese()? {
            let Some(gestore) = get(presa.gestore)? else {
                continue;
            };
            if !presa.da_trasferire(&gestore, today) {
                continue;
            }
            let Some(p) = self.desk.store.get_patient(presa.patient)? else {
                continue;
            };
            let Some(verso) = practice.gestore_of_mmg(&p.mmg) else {
                continue;
            };
            let Some(verso) = get(verso)?.filter(Gestore::is_idoneo) else {
                continue;
            };
            let mut patient = super::PatientSummary::of(&p);
            patient.gestore = Some(gestore.denominazione.clone());
            patient.da_trasferire = true;
            out.push(Trasferimento {
                patient,
                mmg: p.mmg.clone(),
                presa,
                gestore,
                verso,
            });
        }
        out.sort_by_cached_key(|t| {
            (
                crate::domain::text::fold(&t.patient.cognome),
                crate::domain::text::fold(&t.patient.nome),
                t.patient.id,
            )
        });
        Ok(out)
    }

    pub fn active_presa(&self, patient: PatientId) -> Result<Option<PresaInCarico>> {
        Ok(self.desk.store.active_presa(patient)?)
    }

    /// The patient's whole history of prese in carico, newest first, with their Gestore.
    pub fn prese_history(
        &self,
        patient: PatientId,
    ) -> Result<Vec<(PresaInCarico, Option<Gestore>)>> {
        let mut out = Vec::new();
        for p in self.desk.store.prese_of(patient)?.into_iter().rev() {
            let g = self.desk.store.gestore(p.gestore)?;
            out.push((p, g));
        }
        Ok(out)
    }

    pub fn practice(&self) -> Result<Practice> {
        Ok(self.desk.store.practice()?)
    }

    /// The practice's saved name (empty when none), from memory after the
    /// first read.
    pub fn practice_name(&self) -> Result<String> {
        if let Some(name) = self.desk.practice_name.read().ok().and_then(|n| n.clone()) {
            return Ok(name);
        }
        let name = self.desk.store.practice()?.nome.trim().to_string();
        self.desk.remember_practice_name(&name);
        Ok(name)
    }

    pub fn save_practice(&self, practice: &Practice) -> Result<()> {
        self.desk.save_practice_as(None, practice)
    }

    /// [`Gestori::save_practice`] for settings edited on `opened` (as the
    /// screen read them): refused with what changed when another desk saved
    /// them since; nothing is written.
    pub fn save_practice_opened(&self, opened: &Practice, practice: &Practice) -> Result<()> {
        self.desk.save_practice_as(Some(opened), practice)
    }
}

pub use crate::io::gestori::{
    AcceptedRow, ImportError, ImportOptions, ImportPreview, MAX_FILE_BYTES, RejectedRow,
    RowRejection, RowWarning, SameAs, Unreadable,
};
pub use crate::io::table::{FormatHint, ListKind};

/// Why an ATS list (of Gestori, of MMG aderenti) could not be read.
#[derive(Debug)]
pub enum ListFileError {
    /// Larger than [`MAX_FILE_BYTES`]: not an ATS list.
    TooBig { bytes: u64 },
    /// The file cannot be read.
    Unreadable(std::io::Error),
    /// The content is not a list the importer understands.
    Format(ImportError),
}

/// Reads the ATS list of Gestori idonei in `path` (CSV or XLSX) into a
/// preview, with the file's name; nothing is written. The same reading as
/// the import screen's.
pub fn read_gestori_file(
    path: &std::path::Path,
    opts: &ImportOptions,
) -> std::result::Result<(String, ImportPreview), ListFileError> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(ListFileError::TooBig { bytes: size });
    }
    let bytes = std::fs::read(path).map_err(ListFileError::Unreadable)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let preview =
        crate::io::gestori::parse_gestori(&bytes, &name, opts).map_err(ListFileError::Format)?;
    Ok((name, preview))
}

/// The code of the ATS named by its code or its name (`--ats`), if any.
/// The ATS a code or name typed at the desk stands for.
pub fn resolve_ats(text: &str) -> Option<&'static crate::domain::ats::Ats> {
    crate::io::gestori::resolve_ats(text)
}

pub fn resolve_ats_code(text: &str) -> Option<String> {
    crate::io::gestori::resolve_ats(text).map(|a| a.codice.clone())
}

impl Gestori<'_> {
    /// The Gestori in the store (those of `ats` only, when given) as the
    /// export's UTF-8 CSV, written to `out`.
    pub fn export_gestori_csv(
        &self,
        ats: Option<&str>,
        out: &mut dyn std::io::Write,
    ) -> Result<()> {
        let list = self.list(ats, true)?;
        let header = self.gestori_export_header()?;
        crate::io::gestori::write_gestori_csv_with(&list, &header, out)
            .map_err(|e| DeskError::internal(super::Internal::CsvWrite, e))
    }
}

/// The gestori, their imports, the prese in carico and the practice.
/// Reached from the desk as [`Desk::gestori`].
#[derive(Clone, Copy)]
pub struct Gestori<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The gestori, their imports, the prese in carico and the practice.
    pub fn gestori(&self) -> Gestori<'_> {
        Gestori { desk: self }
    }
}
