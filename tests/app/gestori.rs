//! Gestori through the Desk: re-import semantics, choice, revocation, history.

use std::sync::Arc;

use chrono::NaiveDate;
use sportello::domain::practice::{Adesione, MmgAdesione};
use sportello::domain::{
    Canale, Gestore, GestoreTipo, Patient, PatientStatus, PresaStato, Residence, Sex,
};
use sportello::service::{Desk, FixedClock};

fn desk_on(dir: &std::path::Path, y: i32, m: u32, d: u32) -> Desk {
    Desk::open(dir, Arc::new(FixedClock::on(y, m, d).unwrap())).unwrap()
}

fn gestore(ats: &str, name: &str, codice: &str) -> Gestore {
    Gestore {
        id: 0,
        ats: ats.into(),
        denominazione: name.into(),
        tipo: GestoreTipo::CooperativaMmg,
        codice: codice.into(),
        cf_piva: String::new(),
        indirizzo: "Via Roma 1".into(),
        comune: "Milano".into(),
        telefono: "02 0000 0001".into(),
        email: String::new(),
        referente: String::new(),
        livelli: Vec::new(),
        non_idoneo_dal: None,
        fittizio: false,
    }
}

fn patient() -> Patient {
    Patient {
        id: 0,
        cognome: "Rossi".into(),
        nome: "Mario".into(),
        codice_fiscale: "RSSMRA68A01H501Y".into(),
        sesso: Sex::M,
        data_nascita: NaiveDate::from_ymd_opt(1968, 1, 1).unwrap(),
        luogo_nascita: "H501".into(),
        residenza: Residence {
            indirizzo: "Via Dante 2".into(),
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
        patologie: vec!["56".into(), "50".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    }
}

#[test]
fn reimport_updates_adds_and_marks_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 1, 10);
    let first = vec![
        gestore("030321", "Cooperativa Alfa", "A1"),
        gestore("030321", "Società Cooperativa Unità Medica", ""),
        gestore("030321", "Cooperativa Gamma", "G1"),
        gestore("030324", "Cooperativa Brianza", "B1"),
    ];
    let plan = desk.gestori().plan_gestori_import(&first).unwrap();
    assert_eq!(plan.added.len(), 4);
    assert_eq!(plan.ats, vec!["030321", "030324"]);
    let log = desk
        .gestori()
        .apply_gestori_import(plan, "ats-milano-2026.csv", 1)
        .unwrap();
    assert_eq!((log.aggiunti, log.scartati), (4, 1));
    drop(desk);

    // A newer Milano list: Alfa renamed (same code), Unità Medica matched by
    // name despite accents and case, Gamma missing, Delta new.
    let desk = desk_on(dir.path(), 2026, 6, 1);
    let second = vec![
        gestore("030321", "Cooperativa Alfa Salute", "A1"),
        gestore("030321", "SOCIETA' COOPERATIVA UNITA MEDICA", ""),
        gestore("030321", "Cooperativa Delta", "D1"),
    ];
    let plan = desk.gestori().plan_gestori_import(&second).unwrap();
    assert_eq!(plan.ats, vec!["030321"]);
    assert_eq!(plan.added.len(), 1);
    assert_eq!(
        plan.updated.len(),
        2,
        "renamed Alfa and the re-spelt Unità Medica"
    );
    assert_eq!(plan.no_longer.len(), 1);
    assert_eq!(plan.no_longer[0].denominazione, "Cooperativa Gamma");
    desk.gestori()
        .apply_gestori_import(plan, "ats-milano-2026-06.csv", 0)
        .unwrap();

    let all = desk.gestori().list(None, true).unwrap();
    assert_eq!(all.len(), 5, "nothing is deleted");
    let gamma = all.iter().find(|g| g.codice == "G1").unwrap();
    assert_eq!(gamma.non_idoneo_dal, NaiveDate::from_ymd_opt(2026, 6, 1));
    let brianza = all.iter().find(|g| g.codice == "B1").unwrap();
    assert!(brianza.is_idoneo(), "another ATS is untouched");
    let milano: Vec<String> = desk
        .gestori()
        .list(Some("030321"), false)
        .unwrap()
        .into_iter()
        .map(|g| g.denominazione)
        .collect();
    assert_eq!(
        milano,
        vec![
            "Cooperativa Alfa Salute",
            "Cooperativa Delta",
            "SOCIETA' COOPERATIVA UNITA MEDICA"
        ]
    );
    assert_eq!(desk.gestori().gestori_imports().unwrap().len(), 2);
}

#[test]
fn choose_revoke_choose_another_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let plan = desk
        .gestori()
        .plan_gestori_import(&[
            gestore("030321", "Cooperativa Alfa", "A1"),
            gestore("030321", "Cooperativa Beta", "B1"),
            gestore("030324", "Cooperativa Brianza", "Z1"),
        ])
        .unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "lista.csv", 0)
        .unwrap();
    let ids: Vec<u64> = desk
        .gestori()
        .list(None, false)
        .unwrap()
        .iter()
        .map(|g| g.id)
        .collect();
    let (alfa, beta) = (ids[0], ids[1]);

    let mut practice = desk.gestori().practice().unwrap();
    practice.mmg.push(MmgAdesione {
        nome: "Dott.ssa Elena Sala".into(),
        adesione: Adesione::Cooperativa(beta),
    });
    desk.gestori().save_practice(&practice).unwrap();

    let pid = desk.patients().register_patient(patient()).unwrap();
    let p = desk.patients().patient(pid).unwrap().unwrap();
    let choice = desk.gestori().gestori_choice(&p, None).unwrap();
    assert_eq!(choice.ats, "030321");
    assert!(!choice.other_ats);
    assert_eq!(choice.own_mmg, Some(beta));
    assert_eq!(
        choice.gestori[0].denominazione, "Cooperativa Beta",
        "MMG's first"
    );
    assert_eq!(choice.gestori.len(), 2);
    let other = desk.gestori().gestori_choice(&p, Some("030324")).unwrap();
    assert!(other.other_ats);
    // The MMG's Gestore (of ATS Milano) first, then the one of Brianza.
    assert_eq!(other.gestori.len(), 2);
    assert_eq!(other.gestori[0].id, beta);

    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let err = desk
        .gestori()
        .choose_gestore(pid, alfa, Canale::Mifs, day, "")
        .unwrap_err();
    assert!(err.to_string().contains("non è ancora attivo"), "{err}");

    let first = desk
        .gestori()
        .choose_gestore(
            pid,
            alfa,
            crate::common::gestore::fitting(&desk, pid, alfa),
            day,
            "scelta allo sportello",
        )
        .unwrap();
    assert_eq!(first.stato, PresaStato::Scelto);
    let again = desk.gestori().choose_gestore(
        pid,
        beta,
        crate::common::gestore::fitting(&desk, pid, beta),
        day,
        "",
    );
    assert!(again.unwrap_err().to_string().contains("già in carico"));

    assert!(
        desk.gestori().revoke_presa(pid, day, "  ").is_err(),
        "a reason is required"
    );
    let revoked = desk
        .gestori()
        .revoke_presa(pid, day, "cambio di Gestore")
        .unwrap();
    assert_eq!(
        revoked.stato,
        PresaStato::Revocato {
            data: day,
            motivo: "cambio di Gestore".into()
        }
    );
    assert!(desk.gestori().active_presa(pid).unwrap().is_none());
    let second = desk
        .gestori()
        .choose_gestore(pid, beta, Canale::MmgAderente, day, "")
        .unwrap();
    drop(desk);

    let desk = desk_on(dir.path(), 2026, 11, 23);
    assert_eq!(
        desk.gestori().active_presa(pid).unwrap().map(|p| p.id),
        Some(second.id)
    );
    let history = desk.gestori().prese_history(pid).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].1.as_ref().unwrap().denominazione,
        "Cooperativa Beta"
    );
    assert!(history[0].0.is_active());
    assert_eq!(
        history[1].1.as_ref().unwrap().denominazione,
        "Cooperativa Alfa"
    );
    assert!(!history[1].0.is_active());
}

#[test]
fn a_gestore_no_longer_idoneo_cannot_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let plan = desk
        .gestori()
        .plan_gestori_import(&[gestore("030321", "Cooperativa Alfa", "A1")])
        .unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "a.csv", 0)
        .unwrap();
    let alfa = desk.gestori().list(None, false).unwrap()[0].id;
    let plan = desk
        .gestori()
        .plan_gestori_import(&[gestore("030321", "Cooperativa Beta", "B1")])
        .unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "b.csv", 0)
        .unwrap();
    let pid = desk.patients().register_patient(patient()).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let err = desk
        .gestori()
        .choose_gestore(pid, alfa, Canale::MmgAderente, day, "")
        .unwrap_err();
    assert!(
        err.to_string().contains("non è più idoneo dal 22/11/2026"),
        "{err}"
    );
}

#[test]
fn sample_list_is_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let sample = vec![gestore("030321", "Cooperativa Esempio (fittizia)", "X1")];
    assert!(desk.gestori().seed_sample_gestori(&sample).unwrap());
    assert!(!desk.gestori().seed_sample_gestori(&sample).unwrap());
    let list = desk.gestori().list(None, true).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].fittizio);
}

#[test]
fn demo_patients_get_gestori_of_their_ats() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let sample: Vec<Gestore> = sportello::service::ats_table()
        .all_ats()
        .iter()
        .map(|a| {
            gestore(
                &a.codice,
                &format!("Cooperativa {} (fittizia)", a.sede),
                "C1",
            )
        })
        .collect();
    desk.gestori().seed_sample_gestori(&sample).unwrap();
    desk.load_demo(3000, 3, &mut |_, _| true).unwrap();
    let report = desk.archive().check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);

    let mut active = 0;
    let mut with_history = 0;
    // Walk every patient through the lookup by surname initial (once each:
    // a letter also finds the first names and the later surname words
    // starting with it).
    let mut seen = std::collections::HashSet::new();
    for letter in 'A'..='Z' {
        for s in desk.patients().find(&letter.to_string(), 5000).unwrap() {
            if !seen.insert(s.id) {
                continue;
            }
            let patient = desk.patients().patient(s.id).unwrap().unwrap();
            let history = desk.gestori().prese_history(s.id).unwrap();
            if let Some(presa) = desk.gestori().active_presa(s.id).unwrap() {
                active += 1;
                assert!(patient.livello().is_some(), "only chronic patients");
                let g = desk.gestori().gestore(presa.gestore).unwrap().unwrap();
                assert_eq!(
                    Some(g.ats.as_str()),
                    patient
                        .ats(
                            sportello::service::comuni(),
                            sportello::service::ats_table(),
                            sportello::service::ats_rules()
                        )
                        .map(|a| a.codice.as_str())
                );
                assert_eq!(s.gestore.as_deref(), Some(g.denominazione.as_str()));
            }
            if history.len() > 1 {
                with_history += 1;
                assert!(!history[1].0.is_active());
            }
        }
    }
    assert!(active > 1500 && active < 2600, "{active}");
    // Some signed Patti, a few expiring or expired, one revoked with its presa.
    let recent = desk.patto().patti_in_scadenza(30, 0).unwrap();
    let expired = desk.patto().patti_in_scadenza(0, 120).unwrap();
    assert!(!recent.is_empty(), "some Patti expire within 30 days");
    assert!(!expired.is_empty(), "some Patti expired");
    assert!(with_history > 10, "{with_history}");
}

/// Whatever list reaches the desk, a Gestore is stored without control or
/// bidirectional characters, and an overlong name is refused with the limit.
#[test]
fn gestori_reaching_the_desk_are_cleaned_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 2);
    let mut g = gestore("030321", "Coop \u{1b}[2J\u{7}Salute\u{202e}", "X\u{200e}1");
    g.referente = "Ada\u{2067} Neri".into();
    let plan = desk.gestori().plan_gestori_import(&[g]).unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "elenco", 0)
        .unwrap();
    let stored = desk.gestori().list(Some("030321"), false).unwrap();
    let stored = stored.iter().find(|g| g.codice == "X1").unwrap();
    assert_eq!(stored.denominazione, "Coop [2JSalute");
    assert_eq!(stored.referente, "Ada Neri");

    let long = gestore("030321", &"B".repeat(100_000), "X2");
    let err = desk.gestori().plan_gestori_import(&[long]).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "Gestore \"{}\": la denominazione può avere al massimo 300 caratteri (ne ha 100.000)",
            "B".repeat(60)
        )
    );
}
