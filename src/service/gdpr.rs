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
//!   identifying string of the patient (and the signer's name and document)
//!   is replaced by the pseudonym, and its SHA-256 taken again; the free
//!   notes of prese and appointments and the external booking codes are
//!   emptied. PAI hold no identity (only the patient id) and are kept as
//!   they are.
//! - Backups written before the erasure still hold the patient: automatic
//!   ones age out with the rotation, others are the amministratore's to
//!   handle (README).

use serde_json::{Value, json};

use super::{Desk, DeskError, Result};
use crate::domain::agenda::Appointment;
use crate::domain::patto::{PattoDiCura, sha256_hex};
use crate::domain::{Patient, PatientId, PatientStatus};
use crate::store::gdpr::Erasure;

fn not_found(id: PatientId) -> DeskError {
    DeskError::Invalid(format!("Paziente {id} non trovato"))
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

impl Desk {
    /// Everything held about one patient, as JSON: the record, prese in
    /// carico (with their Gestore), Patti (with signed texts and hashes), PAI
    /// versions and appointments. No other personal data is kept per patient
    /// (planning preferences are not stored).
    pub fn gdpr_export(&self, patient: PatientId) -> Result<Value> {
        self.require(
            crate::domain::operator::Role::Amministratore,
            super::auth::what::GDPR,
        )?;
        let p = self
            .store
            .get_patient(patient)?
            .ok_or_else(|| not_found(patient))?;
        let prese: Vec<Value> = self
            .store
            .prese_of(patient)?
            .iter()
            .map(|presa| {
                let gestore = self
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
            .store
            .patti_of(patient)?
            .iter()
            .map(patto_json)
            .collect();
        let pai: Vec<Value> = self
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
            .store
            .appointments_of_patient(
                patient,
                chrono::NaiveDateTime::MIN,
                chrono::NaiveDateTime::MAX,
            )?
            .iter()
            .map(appointment_json)
            .collect();
        let prefs = self.preferences_of(patient)?;
        let preferenze = if prefs == Default::default() {
            Value::Null
        } else {
            json!({
                "giorni": prefs.giorni.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                "fascia": prefs.fascia.map(|f| format!("{f:?}").to_lowercase()),
            })
        };
        self.audit(
            crate::domain::audit::AuditAction::GdprExport,
            Some(patient),
            "esportazione dei dati del paziente (diritto di accesso)",
        )?;
        Ok(json!({
            "esportato_il": self.clock.now().format("%d/%m/%Y %H:%M").to_string(),
            "titolare": self.practice()?.nome,
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
    /// is erased and what is kept), in one transaction. `motivo` is required.
    /// Returns a one-line summary for the audit trail; it names no personal
    /// data, only ids and counts.
    pub fn gdpr_erase(&self, patient: PatientId, motivo: &str) -> Result<String> {
        self.require(
            crate::domain::operator::Role::Amministratore,
            super::auth::what::GDPR,
        )?;
        let motivo = motivo.trim();
        if motivo.is_empty() {
            return Err(DeskError::Invalid(
                "Indicare il motivo della cancellazione (es. richiesta dell'interessato del gg/mm/aaaa)"
                    .into(),
            ));
        }
        let before = self
            .store
            .get_patient(patient)?
            .ok_or_else(|| not_found(patient))?;
        if before.is_erased() {
            return Err(DeskError::Invalid(format!(
                "Il paziente {patient} è già stato cancellato"
            )));
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
        ];
        needles.extend(before.telefoni.iter().cloned());
        let mut patti = self.store.patti_of(patient)?;
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
        }
        let mut prese = self.store.prese_of(patient)?;
        for p in &mut prese {
            p.note = String::new();
        }
        let mut apps = self.store.appointments_of_patient(
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
        self.store.erase_patient(&Erasure {
            before: &before,
            after: &after,
            patti: &patti,
            prese: &prese,
            appointments: &apps,
        })?;
        let summary = format!(
            "Cancellazione GDPR del paziente {patient} (ora {pseudonym}): identità rimossa, {} Patti, {} prese in carico e {} appuntamenti pseudonimizzati. Motivo: {motivo}",
            patti.len(),
            prese.len(),
            apps.len()
        );
        self.audit(
            crate::domain::audit::AuditAction::GdprErase,
            Some(patient),
            summary.clone(),
        )?;
        Ok(summary)
    }
}
