//! The Gestore the tests choose, imported through the desk as an ATS list.
#![allow(dead_code)]

use sportello::domain::{Gestore, GestoreTipo};
use sportello::service::Desk;

pub const GESTORE: &str = "Cooperativa Medici Milano Esempio";

/// The Gestore of the tests, imported through the desk.
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
    desk.gestori()
        .list(None, false)
        .expect("gestori")
        .into_iter()
        .find(|g| g.denominazione == GESTORE)
        .expect("imported")
        .id
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
