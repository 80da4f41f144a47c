//! The patient the tests register: born in Milan, living there, with the
//! codice fiscale computed from the data. Tests change fields with `..`.
#![allow(dead_code)]

use chrono::NaiveDate;
use sportello::domain::codice_fiscale::compute;
use sportello::domain::{Patient, PatientStatus, Residence, Sex};

pub fn patient(cognome: &str, nome: &str, sesso: Sex, born: NaiveDate) -> Patient {
    let cf = compute(
        cognome,
        nome,
        sesso,
        born,
        "F205",
        sportello::service::comuni(),
    )
    .expect("cf");
    Patient {
        id: 0,
        cognome: cognome.into(),
        nome: nome.into(),
        codice_fiscale: cf.as_str().into(),
        sesso,
        data_nascita: born,
        luogo_nascita: "F205".into(),
        residenza: Residence {
            indirizzo: "Via Dante 1".into(),
            cap: "20121".into(),
            comune: "F205".into(),
        },
        ats_override: None,
        mmg: "Dott.ssa Elena Sala".into(),
        telefoni: vec![],
        email: String::new(),
        tessera_sanitaria: String::new(),
        patologia_primaria: None,
        livello_ats: None,
        patologie: vec!["50".into(), "56".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    }
}
