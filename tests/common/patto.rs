//! The Patto di Cura the tests sign: prepared from the bozza and signed by
//! the patient, with the one consent that is required.
#![allow(dead_code)]

use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};
use sportello::service::Desk;

/// Prepares and signs the Patto of `patient` (who must have a Gestore).
pub fn sign_patto(desk: &Desk, patient: u64) {
    let draft = desk.prepare_patto(patient).expect("bozza");
    desk.sign_patto(
        draft.id,
        FirmaInput {
            firmatario: Firmatario::Paziente,
            nome_firmatario: String::new(),
            documento: String::new(),
            consensi: Consensi {
                trattamento_dati: true,
                ..Default::default()
            },
            operatore: "Anna".into(),
        },
    )
    .expect("signed");
}
