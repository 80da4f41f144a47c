//! The Patto di Cura the tests sign: prepared from the bozza and signed by
//! the patient, with the one consent that is required.
#![allow(dead_code)]

use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};
use sportello::service::Desk;

/// Prepares and signs the Patto of `patient` (who must have a Gestore).
/// The patient's Patto bozza, with their MMG as Clinical Manager when the
/// Gestore (a facility) left it empty.
pub fn draft_with_clinical_manager(desk: &Desk, patient: u64) -> sportello::domain::PattoDiCura {
    let draft = desk.patto().prepare_patto(patient).expect("bozza");
    if !draft.clinical_manager.is_empty() {
        return draft;
    }
    let mmg = desk
        .patients()
        .patient(patient)
        .expect("read")
        .expect("patient")
        .mmg;
    desk.patto()
        .set_clinical_manager(draft.id, &mmg)
        .expect("Clinical Manager")
}

/// A facility Gestore's bozza has no Clinical Manager: the patient's MMG is
/// named.
pub fn sign_patto(desk: &Desk, patient: u64) {
    let mut draft = desk.patto().prepare_patto(patient).expect("bozza");
    if draft.clinical_manager.is_empty() {
        draft = desk
            .patto()
            .set_clinical_manager(draft.id, "Dott.ssa Elena Sala")
            .expect("Clinical Manager");
    }
    desk.patto()
        .sign_patto(
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

/// Signs the bozza `draft` with `text` and no Clinical Manager, straight
/// into the store in `dir` (no desk may be open on it), as sportello allowed
/// before the Clinical Manager was required at signing: a store that
/// already holds such a Patto.
pub fn sign_without_clinical_manager(dir: &std::path::Path, draft: u64, text: &str) {
    use sportello::domain::patto::{Firma, PattoStato, sha256_hex};
    let store = sportello::store::Store::open(dir).expect("store opens");
    let mut p = store.patto(draft).expect("read").expect("bozza");
    p.clinical_manager.clear();
    p.firma = Some(Firma {
        firmatario: Firmatario::Paziente,
        nome_firmatario: String::new(),
        documento: String::new(),
        consensi: Consensi {
            trattamento_dati: true,
            ..Default::default()
        },
        firmato_il: p.creato_il.and_hms_opt(10, 0, 0).expect("time"),
        operatore: "Anna".into(),
        testo: text.to_string(),
        sha256: sha256_hex(text),
    });
    p.stato = PattoStato::Firmato;
    store.sign_patto(&p).expect("signed as before");
}

/// Records the print commands it is asked to run; fails them with `failure`
/// when set, as `lp` does without the printer.
#[derive(Default)]
pub struct PrintRecorder {
    pub runs: std::sync::Mutex<Vec<(String, Vec<String>)>>,
    pub failure: Option<String>,
}

impl sportello::service::documents::CommandRunner for PrintRecorder {
    fn run(&self, program: &str, args: &[String]) -> Result<(), String> {
        self.runs
            .lock()
            .expect("lock")
            .push((program.to_string(), args.to_vec()));
        match &self.failure {
            Some(f) => Err(f.clone()),
            None => Ok(()),
        }
    }
}

/// The text of a PDF.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("PDF text")
}
