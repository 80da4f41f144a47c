//! The Gestore the tests choose, imported through the desk as an ATS list.
#![allow(dead_code)]

use sportello::domain::{Gestore, GestoreTipo};
use sportello::service::Desk;

pub const GESTORE: &str = "Cooperativa Medici Milano Esempio";

/// The MMG of the tests' patients (`common::patient::patient`).
pub const MMG: &str = "Dott.ssa Elena Sala";

/// `mmg` adheres to `gestore` in Studio: the "MMG aderente" channel fits it.
pub fn adhere(desk: &Desk, mmg: &str, gestore: u64) {
    use sportello::domain::practice::{Adesione, MmgAdesione};
    let mut practice = desk.gestori().practice().expect("practice");
    practice.mmg.retain(|m| m.nome != mmg);
    practice.mmg.push(MmgAdesione {
        nome: mmg.into(),
        adesione: Adesione::Cooperativa(gestore),
    });
    desk.gestori()
        .save_practice(&practice)
        .expect("practice saved");
}

/// The Gestore of the tests, imported through the desk; the tests' MMG
/// adheres to it.
pub fn import_gestore(desk: &Desk) -> u64 {
    let g = Gestore {
        id: 0,
        ats: "030321".into(),
        denominazione: GESTORE.into(),
        tipo: GestoreTipo::CooperativaMmg,
        codice: "C1".into(),
        cf_piva: "01234567890".into(),
        indirizzo: "Via Manzoni 10".into(),
        comune: "Milano".into(),
        telefono: "02 0000 1111".into(),
        email: "centroservizi@esempio.invalid".into(),
        referente: "Sig.ra Bianchi".into(),
        livelli: vec![],
        non_idoneo_dal: None,
        fittizio: true,
    };
    let plan = desk.gestori().plan_gestori_import(&[g]).expect("plan");
    desk.gestori()
        .apply_gestori_import(plan, "esempio", 0)
        .expect("import");
    let id = desk
        .gestori()
        .list(None, false)
        .expect("gestori")
        .into_iter()
        .find(|g| g.denominazione == GESTORE)
        .expect("imported")
        .id;
    adhere(desk, MMG, id);
    id
}

/// A minimal Gestore of ATS Città Metropolitana di Milano.
pub fn cooperativa_esempio() -> Gestore {
    Gestore {
        id: 0,
        ats: "030321".into(),
        denominazione: "Cooperativa Esempio".into(),
        tipo: GestoreTipo::CooperativaMmg,
        codice: "C1".into(),
        cf_piva: String::new(),
        indirizzo: String::new(),
        comune: "Milano".into(),
        telefono: String::new(),
        email: String::new(),
        referente: String::new(),
        livelli: vec![],
        non_idoneo_dal: None,
        fittizio: true,
    }
}

/// The channel that fits `gestore` for `patient` (the 2024 rules): an
/// ASST's Centro Servizi, else "MMG aderente", the patient's MMG made to
/// adhere to it in Studio.
pub fn fitting(desk: &Desk, patient: u64, gestore: u64) -> sportello::domain::Canale {
    use sportello::domain::Canale;
    let g = desk
        .gestori()
        .gestore(gestore)
        .expect("read")
        .expect("a Gestore");
    if g.tipo == GestoreTipo::Asst {
        return Canale::CentroServiziAsst;
    }
    let p = desk
        .patients()
        .patient(patient)
        .expect("read")
        .expect("a patient");
    adhere(desk, &p.mmg, gestore);
    Canale::MmgAderente
}

pub const ASST: &str = "ASST Esempio Milano";

/// An ASST of ATS Milano, imported through the desk: a facility Gestore,
/// whose Patto bozza has no Clinical Manager.
pub fn import_asst(desk: &Desk) -> u64 {
    let g = Gestore {
        denominazione: ASST.into(),
        tipo: GestoreTipo::Asst,
        codice: "A1".into(),
        cf_piva: String::new(),
        ..cooperativa_esempio()
    };
    let plan = desk.gestori().plan_gestori_import(&[g]).expect("plan");
    desk.gestori()
        .apply_gestori_import(plan, "esempio", 0)
        .expect("import");
    desk.gestori()
        .list(None, true)
        .expect("gestori")
        .into_iter()
        .find(|g| g.denominazione == ASST)
        .expect("imported")
        .id
}
