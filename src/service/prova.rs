//! A write workload for the crash-safety test: the ordinary desk operations
//! (register a patient, record the Gestore choice, sign the Patto, book an
//! appointment) in a loop, reporting each write only once the desk call has
//! returned, i.e. once it is durable.

use std::io::Write;

use chrono::{Days, NaiveDate, NaiveTime};

use super::{Desk, DeskError, Result};
use crate::domain::agenda::{AppStato, Appointment, Esterno};
use crate::domain::patto::{Consensi, FirmaInput, Firmatario};
use crate::domain::{Canale, Patient, PatientStatus, Residence, Sex};

/// Consonants that keep the generated names pronounceable enough and make
/// distinct surname codes in the codice fiscale.
const CONSONANTS: &[u8] = b"BCDFGLMNPRSTVZ";

/// A surname made of `n` written in base 14 over [`CONSONANTS`] with vowels
/// between the letters, so that distinct numbers give distinct CF codes.
fn name_of(mut n: u64, letters: usize) -> String {
    let mut out = String::new();
    for _ in 0..letters {
        let c = CONSONANTS[(n % CONSONANTS.len() as u64) as usize] as char;
        n /= CONSONANTS.len() as u64;
        out.push(c);
        out.push('A');
    }
    out
}

/// The `i`-th patient of run `seed`: unique for seeds below 14^3 and
/// counters below 14^3 * 36500.
pub fn workload_patient(seed: u64, i: u64) -> Result<Patient> {
    let cognome = name_of(seed, 3);
    let nome = name_of(i / 30_000, 3);
    let base = NaiveDate::from_ymd_opt(1930, 1, 1)
        .ok_or_else(|| DeskError::internal(super::Internal::Workload, "base date"))?;
    let data_nascita = base + Days::new(i % 30_000);
    let cf = crate::domain::codice_fiscale::compute(
        &cognome,
        &nome,
        Sex::F,
        data_nascita,
        "F205",
        crate::service::comuni(),
    )?;
    Ok(Patient {
        id: 0,
        cognome,
        nome,
        codice_fiscale: cf.as_str().to_string(),
        sesso: Sex::F,
        data_nascita,
        luogo_nascita: "F205".into(),
        residenza: Residence {
            indirizzo: format!("Via Prova {i}"),
            cap: "20100".into(),
            comune: "F205".into(),
        },
        ats_override: None,
        mmg: "Dott.ssa Prova".into(),
        telefoni: vec![format!("02 {seed:04}{i:06}")],
        email: String::new(),
        tessera_sanitaria: format!("8038{seed:06}{i:010}"),
        patologia_primaria: None,
        livello_ats: None,
        patologie: vec!["56".into(), "50".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    })
}

/// Writes for ever (or `limit` patients), printing `saved <kind> <id>` on
/// `out` after each desk call returned Ok. A failed call is printed as
/// `error ...` and the loop goes on with the next patient.
pub fn write_loop(desk: &Desk, seed: u64, limit: Option<u64>, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| DeskError::internal(super::Internal::Io, e);
    let mut i = 0u64;
    while limit.is_none_or(|l| i < l) {
        match one_patient(desk, seed, i, out) {
            Ok(()) => {}
            Err(e) if e.is_refusal() => writeln!(
                out,
                "error {}",
                crate::texts::error(crate::texts::Lang::It, &e)
            )
            .map_err(io)?,
            Err(e) => return Err(e),
        }
        out.flush().map_err(io)?;
        i += 1;
    }
    Ok(())
}

fn one_patient(desk: &Desk, seed: u64, i: u64, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| DeskError::internal(super::Internal::Io, e);
    let patient = workload_patient(seed, i)?;
    let id = desk.patients().register_patient(patient)?;
    writeln!(out, "saved patient {id}").map_err(io)?;
    out.flush().map_err(io)?;

    let p = desk
        .patients()
        .patient(id)?
        .ok_or_else(|| DeskError::from(crate::service::Refusal::PatientNotFound(Some(id))))?;
    let choice = desk.gestori().gestori_choice(&p, None)?;
    let Some(g) = choice.gestori.first() else {
        return Err(DeskError::from(crate::service::Refusal::GestoreNotFound));
    };
    // The first channel that fits the Gestore (an ASST's Centro Servizi).
    let canale = desk
        .gestori()
        .practice()?
        .canali_offerti(g, &p.mmg, desk.today())
        .first()
        .copied()
        .unwrap_or(Canale::MmgAderente);
    let presa = desk
        .gestori()
        .choose_gestore(id, g.id, canale, desk.today(), "")?;
    writeln!(out, "saved presa {}", presa.id).map_err(io)?;
    out.flush().map_err(io)?;

    let mut draft = desk.patto().prepare_patto(id)?;
    // A facility names the Clinical Manager: the patient's doctor here.
    if draft.clinical_manager.is_empty() {
        draft = desk.patto().set_clinical_manager(draft.id, &p.mmg)?;
    }
    let signed = desk.patto().sign_patto(
        draft.id,
        FirmaInput {
            firmatario: Firmatario::Paziente,
            nome_firmatario: String::new(),
            documento: String::new(),
            consensi: Consensi {
                trattamento_dati: true,
                fse: true,
                telefono: true,
                sms: false,
                email: false,
            },
            operatore: "prova".into(),
        },
    )?;
    writeln!(out, "saved patto {}", signed.id).map_err(io)?;
    out.flush().map_err(io)?;

    let day = desk.today() + Days::new(2 + i % 20);
    let start = day.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN));
    let appointment = Appointment {
        id: 0,
        patient: id,
        pai: None,
        item: None,
        occorrenza: None,
        resource: None,
        start,
        end: start + chrono::Duration::minutes(30),
        descrizione: "Visita di prova".into(),
        stato: AppStato::Prenotato,
        esterno: Some(Esterno {
            erogatore: "Ospedale di prova".into(),
            codice_prenotazione: format!("P{seed}-{i}"),
        }),
        note: String::new(),
        forzatura: Some("carico di prova".into()),
    };
    let app = desk.agenda().book_appointment(appointment)?;
    writeln!(out, "saved appointment {app}").map_err(io)?;
    out.flush().map_err(io)?;
    Ok(())
}
