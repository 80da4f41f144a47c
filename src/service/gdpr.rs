//! GDPR helpers for the amministratore: everything held about one patient
//! (art. 15 and 20), and the erasure of their identity (art. 17).
//!
//! What the erasure does, and why:
//! - The patient record keeps its id, sex, the year of birth (as 1 January),
//!   the pathologies, the MMG and the status, which the kept records of care
//!   need to stay coherent; surname, name, codice fiscale, birth place,
//!   address, phones, e-mail, tessera sanitaria and notes are replaced by a
//!   pseudonym or emptied. The pseudonym (`CANCELLATO` / `P<id>`, codice
//!   `GDPR<id>`) is what the CF and name indexes hold afterwards; the
//!   phone and tessera entries are gone.
//! - Prese in carico, Patti di Cura, PAI and appointments are kept under
//!   their ids: they are records of care the practice must keep, and other
//!   records point at them. In the signed text of every Patto each
//!   identifying string of the patient (name, codice fiscale, birth date and
//!   place, address, comune of residence, phones, e-mail, tessera; the
//!   signer's name and document) is replaced by the pseudonym, and its
//!   SHA-256 taken again; the free
//!   notes of prese and appointments and the external booking codes are
//!   emptied. PAI hold no identity (only the patient id) and are kept as
//!   they are.
//! - The prints folder (`DATA/stampe`) loses every file named with the
//!   codice fiscale or whose text names the patient (with the other
//!   renderings of the same document): they are copies of the records.
//! - sled keeps the old versions of the records in its log: the erasure is
//!   complete once the store is rewritten ([`Desk::gdpr_erase_and_rewrite`],
//!   what `sportello gdpr erase` does; see `store::rewrite`).
//! - Backups written before the erasure still hold the patient: automatic
//!   ones age out with the rotation, others are the amministratore's to
//!   handle (README).

use super::Archive;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Compaction, Desk, DeskError, Refusal, Result};
use crate::domain::agenda::Appointment;
use crate::domain::patto::{PattoDiCura, sha256_hex};
use crate::domain::{Patient, PatientId, PatientStatus};
use crate::store::gdpr::Erasure;

fn not_found(id: PatientId) -> DeskError {
    DeskError::from(Refusal::PatientNotFound(Some(id)))
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn status(s: PatientStatus) -> Value {
    match s {
        PatientStatus::Attivo => json!({"stato": "attivo"}),
        PatientStatus::Deceduto(d) => json!({"stato": "deceduto", "dal": date(d)}),
        PatientStatus::Trasferito(d) => json!({"stato": "trasferito", "dal": date(d)}),
    }
}

fn patto_json(p: &PattoDiCura) -> Value {
    json!({
        "id": p.id,
        "numero": p.numero.map(|n| n.to_string()),
        "correzioni_clinical_manager": p.correzioni_cm.iter().map(|c| json!({
            "il": c.il.format("%d/%m/%Y %H:%M").to_string(),
            "da": c.da,
            "a": c.a,
            "motivo": c.motivo,
            "operatore": c.operatore,
        })).collect::<Vec<_>>(),
        "presa": p.presa,
        "gestore": p.gestore,
        "clinical_manager": p.clinical_manager,
        "precedente": p.precedente,
        "rinnovato_da": p.rinnovato_da,
        "creato_il": date(p.creato_il),
        "stato": format!("{:?}", p.stato),
        "firma": p.firma.as_ref().map(|f| json!({
            "firmatario": format!("{:?}", f.firmatario),
            "nome_firmatario": f.nome_firmatario,
            "documento": f.documento,
            "consensi": {
                "trattamento_dati": f.consensi.trattamento_dati,
                "fse": f.consensi.fse,
                "telefono": f.consensi.telefono,
                "sms": f.consensi.sms,
                "email": f.consensi.email,
            },
            "firmato_il": f.firmato_il.format("%d/%m/%Y %H:%M").to_string(),
            "operatore": f.operatore,
            "testo": f.testo,
            "sha256": f.sha256,
        })),
    })
}

fn appointment_json(a: &Appointment) -> Value {
    json!({
        "id": a.id,
        "pai": a.pai,
        "voce": a.item,
        "occorrenza": a.occorrenza,
        "risorsa": a.resource,
        "inizio": a.start.format("%d/%m/%Y %H:%M").to_string(),
        "fine": a.end.format("%d/%m/%Y %H:%M").to_string(),
        "descrizione": a.descrizione,
        "stato": a.stato.label(),
        "esterno": a.esterno.as_ref().map(|e| json!({
            "erogatore": e.erogatore,
            "codice_prenotazione": e.codice_prenotazione,
        })),
        "note": a.note,
        "forzatura": a.forzatura,
    })
}

/// Replaces each of `needles` (longest first, case as written and upper
/// case) in `text` by `with`.
fn scrub(text: &str, needles: &[String], with: &str) -> String {
    let mut needles: Vec<&String> = needles.iter().filter(|n| n.trim().len() >= 2).collect();
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = text.to_string();
    for n in needles {
        out = out.replace(n.as_str(), with);
        out = out.replace(&n.to_uppercase(), with);
    }
    out
}

/// Folder of the prints inside the data folder.
pub const PRINTS_DIR: &str = "stampe";

/// Bytes of a print read to look for the patient (a text rendering is a few
/// KB; larger files are judged by their name only).
const MAX_PRINT_SCAN: u64 = 16 * 1024 * 1024;

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureReport {
    /// One line for the practice's register of requests and the audit trail:
    /// ids, counts and removed prints under the pseudonym, no personal data.
    pub summary: String,
    /// The patient erased.
    pub patient: PatientId,
    /// Patti, prese in carico and appointments pseudonymised.
    pub patti: usize,
    pub prese: usize,
    pub appointments: usize,
    /// The codice fiscale that now stands for the patient: `GDPR` and the
    /// id on 12 digits.
    pub pseudonym_cf: String,
    /// Files removed from `DATA/stampe`, with the names they had.
    pub removed_prints: Vec<PathBuf>,
    /// Prints that named the patient but could not be removed.
    pub prints_left: Vec<PathBuf>,
}

/// The files under `dir` (recursively), sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => out.extend(files_under(&path)),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
    out.sort();
    out
}

/// The prints under `dir` that belong to the patient: named with one of
/// `in_names` (upper case), or a text rendering holding one of `in_texts`
/// (upper case); with each, the other renderings of the same document
/// (same name, another extension: a PDF is compressed and cannot be
/// searched, its text twin can).
fn prints_of(dir: &Path, in_names: &[String], in_texts: &[String]) -> Vec<PathBuf> {
    let files = files_under(dir);
    let names_patient = |p: &Path| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_uppercase())
            .unwrap_or_default();
        in_names.iter().any(|n| name.contains(n.as_str()))
    };
    let text_names_patient = |p: &Path| {
        let is_text = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .is_some_and(|e| matches!(e.as_str(), "txt" | "json" | "csv" | "ics" | "xml"));
        let small = std::fs::metadata(p).is_ok_and(|m| m.len() <= MAX_PRINT_SCAN);
        if !is_text || !small {
            return false;
        }
        let Ok(bytes) = std::fs::read(p) else {
            return false;
        };
        let text = String::from_utf8_lossy(&bytes).to_uppercase();
        in_texts.iter().any(|n| text.contains(n.as_str()))
    };
    let hits: Vec<&PathBuf> = files
        .iter()
        .filter(|p| names_patient(p) || text_names_patient(p))
        .collect();
    let stems: Vec<(Option<&Path>, Option<&std::ffi::OsStr>)> =
        hits.iter().map(|p| (p.parent(), p.file_stem())).collect();
    files
        .iter()
        .filter(|p| stems.contains(&(p.parent(), p.file_stem())))
        .cloned()
        .collect()
}

impl Desk {
    /// Removes the prints of `patient` (as stored before the erasure) from
    /// `DATA/stampe`: the removed ones and those that could not be.
    fn remove_prints_of(&self, patient: &Patient) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let upper = |s: &str| s.trim().to_uppercase();
        let in_names: Vec<String> = [upper(&patient.codice_fiscale)]
            .into_iter()
            .filter(|s| s.len() >= 11)
            .collect();
        let mut in_texts = in_names.clone();
        in_texts.extend(
            [
                format!("{} {}", patient.cognome, patient.nome),
                format!("{} {}", patient.nome, patient.cognome),
                patient.tessera_sanitaria.clone(),
            ]
            .iter()
            .map(|s| upper(s))
            .filter(|s| s.len() >= 5),
        );
        in_texts.extend(
            patient
                .telefoni
                .iter()
                .map(|t| upper(t))
                .filter(|t| t.chars().filter(|c| c.is_ascii_digit()).count() >= 6),
        );
        let mut removed = Vec::new();
        let mut left = Vec::new();
        for path in prints_of(&self.data_dir().join(PRINTS_DIR), &in_names, &in_texts) {
            match std::fs::remove_file(&path) {
                Ok(()) => removed.push(path),
                Err(_) => left.push(path),
            }
        }
        (removed, left)
    }
}

impl Archive<'_> {
    /// Everything held about one patient, as JSON: the record, prese in
    /// carico (with their Gestore), Patti (with signed texts and hashes), PAI
    /// versions and appointments. No other personal data is kept per patient
    /// (planning preferences are not stored).
    pub fn gdpr_export(&self, patient: PatientId) -> Result<Value> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Gdpr,
        )?;
        let p = self
            .desk
            .store
            .get_patient(patient)?
            .ok_or_else(|| not_found(patient))?;
        let prese: Vec<Value> = self
            .desk
            .store
            .prese_of(patient)?
            .iter()
            .map(|presa| {
                let gestore = self
                    .desk
                    .store
                    .gestore(presa.gestore)
                    .ok()
                    .flatten()
                    .map(|g| g.denominazione);
                json!({
                    "id": presa.id,
                    "gestore": presa.gestore,
                    "denominazione_gestore": gestore,
                    "canale": presa.canale.label(),
                    "data_scelta": date(presa.data_scelta),
                    "stato": format!("{:?}", presa.stato),
                    "note": presa.note,
                    "operatore": presa.operatore,
                })
            })
            .collect();
        let patti: Vec<Value> = self
            .desk
            .store
            .patti_of(patient)?
            .iter()
            .map(patto_json)
            .collect();
        let pai: Vec<Value> = self
            .desk
            .store
            .pai_of(patient)?
            .iter()
            .map(|v| {
                json!({
                    "id": v.id,
                    "presa": v.presa,
                    "versione": v.versione,
                    "precedente": v.precedente,
                    "anno_dal": date(v.anno_dal),
                    "anno_al": date(v.anno_al),
                    "stato": v.stato.label(),
                    "clinical_manager": v.clinical_manager,
                    "voci": v.items.iter().map(|i| json!({
                        "id": i.id,
                        "categoria": format!("{:?}", i.categoria),
                        "descrizione": i.descrizione,
                        "codice_prestazione": i.codice_prestazione,
                        "frequenza": format!("{:?}", i.frequenza),
                        "preparazione": i.preparazione,
                        "luogo": format!("{:?}", i.luogo),
                        "patologie": i.patologie,
                        "note": i.note,
                    })).collect::<Vec<_>>(),
                    "farmaci": v.farmaci.iter().map(|f| json!({
                        "farmaco": f.farmaco,
                        "principio_attivo": f.principio_attivo,
                        "posologia": f.posologia,
                        "durata": f.durata,
                        "note": f.note,
                    })).collect::<Vec<_>>(),
                    "stile_di_vita": v.stile_di_vita,
                    "vaccinazioni": v.vaccinazioni,
                    "esenzioni": v.esenzioni,
                    "allergie": v.allergie,
                })
            })
            .collect();
        let appointments: Vec<Value> = self
            .desk
            .store
            .appointments_of_patient(
                patient,
                chrono::NaiveDateTime::MIN,
                chrono::NaiveDateTime::MAX,
            )?
            .iter()
            .map(appointment_json)
            .collect();
        let prefs = self.desk.agenda().preferences_of(patient)?;
        let preferenze = if prefs == Default::default() {
            Value::Null
        } else {
            json!({
                "giorni": prefs.giorni.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                "fascia": prefs.fascia.map(|f| format!("{f:?}").to_lowercase()),
            })
        };
        self.desk.audit(
            crate::domain::audit::AuditAction::GdprExport,
            Some(patient),
            "esportazione dei dati del paziente (diritto di accesso)",
        )?;
        Ok(json!({
            "esportato_il": self.desk.clock.now().format("%d/%m/%Y %H:%M").to_string(),
            "titolare": self.desk.gestori().practice()?.nome,
            "paziente": {
                "id": p.id,
                "cognome": p.cognome,
                "nome": p.nome,
                "codice_fiscale": p.codice_fiscale,
                "sesso": format!("{:?}", p.sesso),
                "data_nascita": date(p.data_nascita),
                "luogo_nascita": p.luogo_nascita,
                "residenza": {
                    "indirizzo": p.residenza.indirizzo,
                    "cap": p.residenza.cap,
                    "comune": p.residenza.comune,
                },
                "ats_scelta": p.ats_override,
                "mmg": p.mmg,
                "telefoni": p.telefoni,
                "email": p.email,
                "tessera_sanitaria": p.tessera_sanitaria,
                "patologie": p.patologie,
                "stato": status(p.stato),
                "note": p.note,
            },
            "prese_in_carico": prese,
            "patti_di_cura": patti,
            "pai": pai,
            "appuntamenti": appointments,
            "preferenze": preferenze,
        }))
    }

    /// Erases the patient's identity (see the module documentation for what
    /// is erased and what is kept) in one transaction, and removes their
    /// prints from `DATA/stampe`. `motivo` is required. The old versions stay
    /// in sled's log until the store is rewritten: see
    /// [`Desk::gdpr_erase_and_rewrite`].
    pub fn gdpr_erase(&self, patient: PatientId, motivo: &str) -> Result<ErasureReport> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Gdpr,
        )?;
        let motivo = motivo.trim();
        if motivo.is_empty() {
            return Err(DeskError::from(Refusal::ErasureReasonMissing));
        }
        let before = self
            .desk
            .store
            .get_patient(patient)?
            .ok_or_else(|| not_found(patient))?;
        if before.is_erased() {
            return Err(DeskError::from(Refusal::AlreadyErased(patient)));
        }
        let pseudonym = format!("P{patient}");
        let after = Patient {
            cognome: "CANCELLATO".into(),
            nome: pseudonym.clone(),
            codice_fiscale: format!("{}{patient:012}", crate::domain::patient::ERASED_CF_PREFIX),
            luogo_nascita: String::new(),
            data_nascita: chrono::NaiveDate::from_ymd_opt(
                chrono::Datelike::year(&before.data_nascita),
                1,
                1,
            )
            .unwrap_or(before.data_nascita),
            residenza: crate::domain::Residence::default(),
            ats_override: before.ats_override.clone(),
            telefoni: Vec::new(),
            email: String::new(),
            tessera_sanitaria: String::new(),
            note: String::new(),
            ..before.clone()
        };
        let mut needles = vec![
            before.cognome.clone(),
            before.nome.clone(),
            format!("{} {}", before.cognome, before.nome),
            format!("{} {}", before.nome, before.cognome),
            before.codice_fiscale.clone(),
            before.residenza.indirizzo.clone(),
            before.email.clone(),
            before.tessera_sanitaria.clone(),
            date(before.data_nascita),
            before.residenza.cap.clone(),
        ];
        // Birth place and comune of residence as the Patto prints them
        // ("Dresano (MI)"): with the province, so that the Gestore's or the
        // practice's comune, written without it, stays.
        for belfiore in [&before.luogo_nascita, &before.residenza.comune] {
            if !belfiore.trim().is_empty() {
                needles.push(crate::domain::patto_text::place(
                    belfiore,
                    crate::service::comuni(),
                ));
            }
        }
        // Without the practice's comune the Patto is signed "in" the
        // patient's comune (`Patti::patto_text`): that name goes too.
        if self.desk.store.practice()?.comune.is_empty()
            && !before.residenza.comune.trim().is_empty()
        {
            needles.push(super::comune_name(&before.residenza.comune));
        }
        needles.extend(before.telefoni.iter().cloned());
        let mut patti = self.desk.store.patti_of(patient)?;
        for p in &mut patti {
            if let Some(f) = &mut p.firma {
                let mut mine = needles.clone();
                mine.push(f.nome_firmatario.clone());
                mine.push(f.documento.clone());
                f.testo = scrub(&f.testo, &mine, &pseudonym);
                f.sha256 = sha256_hex(&f.testo);
                if !f.nome_firmatario.is_empty() {
                    f.nome_firmatario = pseudonym.clone();
                }
                f.documento = String::new();
            }
            for c in &mut p.correzioni_cm {
                c.motivo = scrub(&c.motivo, &needles, &pseudonym);
            }
        }
        let mut prese = self.desk.store.prese_of(patient)?;
        for p in &mut prese {
            p.note = String::new();
        }
        let mut apps = self.desk.store.appointments_of_patient(
            patient,
            chrono::NaiveDateTime::MIN,
            chrono::NaiveDateTime::MAX,
        )?;
        for a in &mut apps {
            a.note = String::new();
            if let Some(e) = &mut a.esterno {
                e.codice_prenotazione = String::new();
            }
        }
        self.desk.store.erase_patient(&Erasure {
            before: &before,
            after: &after,
            patti: &patti,
            prese: &prese,
            appointments: &apps,
        })?;
        // The ATS list's row named the person: it goes.
        self.desk.store.remove_arruolabili_of(patient)?;
        let (removed_prints, prints_left) = self.desk.remove_prints_of(&before);
        let mut summary = format!(
            "Cancellazione GDPR del paziente {patient} (ora {pseudonym}): identità rimossa, {} Patti, {} prese in carico e {} appuntamenti pseudonimizzati",
            patti.len(),
            prese.len(),
            apps.len()
        );
        // The prints under the names they would have now: the codice
        // fiscale is personal data and the trail keeps it for ever.
        let named = |paths: &[PathBuf]| {
            paths
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| {
                    n.to_string_lossy()
                        .replace(&before.codice_fiscale, &after.codice_fiscale)
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !removed_prints.is_empty() {
            summary.push_str(&format!(
                ", {} stampe rimosse ({})",
                removed_prints.len(),
                named(&removed_prints)
            ));
        }
        if !prints_left.is_empty() {
            summary.push_str(&format!(
                ", {} stampe NON rimosse ({})",
                prints_left.len(),
                named(&prints_left)
            ));
        }
        summary.push_str(&format!(". Motivo: {motivo}"));
        self.desk.audit(
            crate::domain::audit::AuditAction::GdprErase,
            Some(patient),
            summary.clone(),
        )?;
        Ok(ErasureReport {
            summary,
            patient,
            patti: patti.len(),
            prese: prese.len(),
            appointments: apps.len(),
            pseudonym_cf: after.codice_fiscale,
            removed_prints,
            prints_left,
        })
    }
}

impl Desk {
    /// [`Archive::gdpr_erase`], then the rewrite of the store that removes the
    /// old versions of the records from the disk ([`Desk::compact`]). `self`
    /// must be the only handle on the store. When the rewrite fails the
    /// erasure stays recorded and the error says to run `sportello compatta`.
    pub fn gdpr_erase_and_rewrite(
        self,
        patient: PatientId,
        motivo: &str,
    ) -> Result<(Desk, ErasureReport, Compaction)> {
        let report = self.archive().gdpr_erase(patient, motivo)?;
        let (desk, compaction) = self.compact().map_err(|e| {
            DeskError::internal(
                super::Internal::CompactAfterErasure,
                format!(
                    "{} {}",
                    report.summary,
                    crate::texts::error(crate::texts::Lang::It, &e)
                ),
            )
        })?;
        Ok((desk, report, compaction))
    }
}
