//! PAI through the Desk: templates, editing, sharing under the Patto, versions.

use crate::common;

use std::sync::Arc;

use chrono::NaiveDate;
use sportello::domain::gestore::PresaStep;
use sportello::domain::pai::{Farmaco, Frequenza, PaiStato};
use sportello::domain::{Gestore, GestoreTipo, Patient, PatientStatus, Residence, Sex};
use sportello::service::{Desk, FixedClock};

fn desk_on(dir: &std::path::Path, y: i32, m: u32, d: u32) -> Desk {
    Desk::open(dir, Arc::new(FixedClock::on(y, m, d).unwrap())).unwrap()
}

fn setup(desk: &Desk) -> u64 {
    let g = Gestore {
        id: 0,
        ats: "030321".into(),
        denominazione: "Cooperativa Medici Milano Esempio".into(),
        tipo: GestoreTipo::CooperativaMmg,
        codice: "C1".into(),
        cf_piva: String::new(),
        indirizzo: String::new(),
        comune: "Milano".into(),
        telefono: "02 0000 1111".into(),
        email: String::new(),
        referente: String::new(),
        livelli: vec![],
        non_idoneo_dal: None,
        fittizio: true,
    };
    let plan = desk.gestori().plan_gestori_import(&[g]).unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "esempio", 0)
        .unwrap();
    let birth = NaiveDate::from_ymd_opt(1948, 5, 2).unwrap();
    let cf = sportello::domain::codice_fiscale::compute(
        "Bertolè",
        "Maria Grazia",
        Sex::F,
        birth,
        "F205",
        sportello::service::comuni(),
    )
    .unwrap();
    let pid = desk
        .patients()
        .register_patient(Patient {
            id: 0,
            cognome: "Bertolè".into(),
            nome: "Maria Grazia".into(),
            codice_fiscale: cf.as_str().into(),
            sesso: Sex::F,
            data_nascita: birth,
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Via Verdi 1".into(),
                cap: "20121".into(),
                comune: "F205".into(),
            },
            ats_override: None,
            mmg: "Dott. Marco Riva".into(),
            telefoni: vec![],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: vec!["50".into(), "56".into()],
            stato: PatientStatus::Attivo,
            note: String::new(),
        })
        .unwrap();
    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    desk.gestori()
        .choose_gestore(
            pid,
            gid,
            crate::common::gestore::fitting(desk, pid, gid),
            desk.today(),
            "",
        )
        .unwrap();
    pid
}

#[test]
fn build_edit_share_and_version_a_pai() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 2, 10);
    let pid = setup(&desk);

    let mut pai = desk.pai().new_pai(pid).unwrap();
    assert_eq!(pai.stato, PaiStato::Bozza);
    assert_eq!(pai.items.len(), 15, "DM2 + IPA merged: shared items once");
    let creat: Vec<_> = pai
        .items
        .iter()
        .filter(|i| i.codice_prestazione.as_deref() == Some("90.16.3"))
        .collect();
    assert_eq!(creat.len(), 1);
    assert_eq!(creat[0].patologie.len(), 2);
    assert_eq!(
        desk.pai().new_pai(pid).unwrap().id,
        pai.id,
        "the draft is reused"
    );

    // Adjust one frequency, add a drug, save.
    let hba1c = pai
        .items
        .iter_mut()
        .find(|i| i.codice_prestazione.as_deref() == Some("90.28.1"))
        .unwrap();
    hba1c.frequenza = Frequenza::VoltePerAnno(4);
    let hba1c_id = hba1c.id;
    pai.farmaci.push(Farmaco {
        farmaco: "Metformina 500 mg".into(),
        principio_attivo: "metformina".into(),
        posologia: "1 cp x 2/die".into(),
        durata: "continuativa".into(),
        note: String::new(),
    });
    let mut bad = pai.clone();
    bad.items[0].frequenza = Frequenza::VoltePerAnno(0);
    assert!(
        desk.pai().save_pai_draft(bad).is_err(),
        "a frequency of 0 is refused"
    );
    let pai = desk.pai().save_pai_draft(pai).unwrap();

    let err = desk.pai().share_pai(pai.id).unwrap_err().to_string();
    assert!(err.contains("Patto di Cura firmato"), "{err}");
    // The presa's state follows the path: chosen, Patto signed, PAI shared.
    assert_eq!(
        desk.pai().presa_step(pid).unwrap(),
        Some(PresaStep::GestoreScelto)
    );
    common::patto::sign_patto(&desk, pid);
    assert_eq!(
        desk.pai().presa_step(pid).unwrap(),
        Some(PresaStep::PattoFirmato)
    );
    let shared = desk.pai().share_pai(pai.id).unwrap();
    assert_eq!(
        desk.pai().presa_step(pid).unwrap(),
        Some(PresaStep::PaiCondiviso)
    );
    assert!(matches!(
        shared.stato,
        PaiStato::Condiviso { versione: 1, .. }
    ));
    assert_eq!(
        shared.anno_dal,
        NaiveDate::from_ymd_opt(2026, 2, 10).unwrap()
    );
    assert_eq!(shared.anno_al, NaiveDate::from_ymd_opt(2027, 2, 9).unwrap());
    assert!(
        desk.pai().save_pai_draft(shared.clone()).is_err(),
        "shared is frozen"
    );
    let needed = shared.occurrences_needed();
    assert!(needed.contains(&(hba1c_id, 4)), "{needed:?}");

    // The Patto text now carries the PAI summary.
    let v2 = desk.pai().new_pai_version(shared.id).unwrap();
    assert_eq!(v2.versione, 2);
    assert_eq!(v2.precedente, Some(shared.id));
    let v2 = desk.pai().share_pai(v2.id).unwrap();
    let list = desk.pai().pai_list(pid).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, v2.id);
    assert!(
        matches!(&list[1].stato, PaiStato::Concluso { motivo, .. } if motivo == "sostituito dalla versione 2")
    );
    assert_eq!(
        desk.pai().current_pai(pid).unwrap().map(|p| p.id),
        Some(v2.id)
    );

    let text = desk.pai().pai_text(&v2).unwrap();
    assert!(text.contains("Bertolè Maria Grazia"));
    assert!(text.contains("Metformina 500 mg"));

    desk.gestori()
        .revoke_presa(pid, desk.today(), "cambio di Gestore")
        .unwrap();
    let after = desk.pai().get(v2.id).unwrap().unwrap();
    assert!(matches!(after.stato, PaiStato::Concluso { .. }));
    assert!(desk.pai().current_pai(pid).unwrap().is_none());
    assert_eq!(desk.pai().presa_step(pid).unwrap(), None);
    assert!(desk.archive().check().unwrap().is_ok());
}
