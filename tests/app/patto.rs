//! Patto di Cura through the Desk: prepare, sign, reprint, expire, renew, revoke.

use std::sync::Arc;

use chrono::NaiveDate;
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario, PattoState, PattoStato};
use sportello::domain::{Canale, Gestore, GestoreTipo, Patient, PatientStatus, Residence, Sex};
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
        indirizzo: "Via Manzoni 10".into(),
        comune: "Milano".into(),
        telefono: "02 0000 1111".into(),
        email: "centroservizi@esempio.invalid".into(),
        referente: "Sig.ra Bianchi".into(),
        livelli: vec![],
        non_idoneo_dal: None,
        fittizio: true,
    };
    let plan = desk.plan_gestori_import(&[g]).unwrap();
    desk.apply_gestori_import(plan, "esempio", 0).unwrap();
    let patient = Patient {
        id: 0,
        cognome: "D'Adda".into(),
        nome: "Niccolò".into(),
        codice_fiscale: sportello::domain::codice_fiscale::compute(
            "D'Adda",
            "Niccolò",
            Sex::M,
            NaiveDate::from_ymd_opt(1950, 3, 12).unwrap(),
            "F205",
        )
        .unwrap()
        .as_str()
        .to_string(),
        sesso: Sex::M,
        data_nascita: NaiveDate::from_ymd_opt(1950, 3, 12).unwrap(),
        luogo_nascita: "F205".into(),
        residenza: Residence {
            indirizzo: "Via Sant'Ambrogio 3".into(),
            cap: "20123".into(),
            comune: "F205".into(),
        },
        ats_override: None,
        mmg: "Dott.ssa Elena Sala".into(),
        telefoni: vec!["333 1234567".into()],
        email: String::new(),
        tessera_sanitaria: String::new(),
        patologie: vec!["IPA".into(), "DM2".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    };
    desk.register_patient(patient).unwrap()
}

fn consensi() -> Consensi {
    Consensi {
        trattamento_dati: true,
        fse: true,
        telefono: true,
        sms: false,
        email: false,
    }
}

fn firma(operatore: &str) -> FirmaInput {
    FirmaInput {
        firmatario: Firmatario::Paziente,
        nome_firmatario: String::new(),
        documento: String::new(),
        consensi: consensi(),
        operatore: operatore.into(),
    }
}

#[test]
fn prepare_sign_reprint_expire_renew() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 1, 15);
    let pid = setup(&desk);

    let missing = desk.patto_preconditions(pid).unwrap();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(desk.prepare_patto(pid).is_err(), "no Gestore chosen yet");

    let gestore = desk.gestori(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    desk.choose_gestore(pid, gestore, Canale::MmgAderente, day, "")
        .unwrap();
    assert!(desk.patto_preconditions(pid).unwrap().is_empty());

    let draft = desk.prepare_patto(pid).unwrap();
    assert_eq!(draft.stato, PattoStato::Bozza);
    assert_eq!(draft.clinical_manager, "Dott.ssa Elena Sala");
    assert_eq!(desk.prepare_patto(pid).unwrap().id, draft.id, "same bozza");
    let preview = desk.patto_text(&draft, &consensi(), None, day).unwrap();
    assert!(preview.contains("Niccolò"), "{preview}");
    assert!(preview.contains("Cooperativa Medici Milano Esempio"));

    let signed = desk.sign_patto(draft.id, firma("Anna")).unwrap();
    assert_eq!(signed.valido_al(), NaiveDate::from_ymd_opt(2027, 1, 14));
    let text = desk.signed_patto_text(signed.id).unwrap();
    assert!(text.contains("14/01/2027"), "{text}");
    assert!(
        desk.sign_patto(draft.id, firma("Anna")).is_err(),
        "signed once"
    );
    assert!(
        desk.prepare_patto(pid)
            .unwrap_err()
            .to_string()
            .contains("già firmato")
    );
    drop(desk);

    // Reprints in another session are byte-identical.
    let desk = desk_on(dir.path(), 2026, 12, 20);
    assert_eq!(desk.signed_patto_text(signed.id).unwrap(), text);
    let expiring = desk.patti_in_scadenza(30, 0).unwrap();
    assert_eq!(expiring.len(), 1);
    assert_eq!(expiring[0].state, PattoState::InScadenza { giorni: 26 });
    assert_eq!(expiring[0].patient.cognome, "D'Adda");
    drop(desk);

    // A year later: expired, listed, and renewable.
    let desk = desk_on(dir.path(), 2027, 1, 20);
    let p = desk.patto(signed.id).unwrap().unwrap();
    assert_eq!(p.state_on(desk.today()), PattoState::Scaduto);
    assert!(desk.patti_in_scadenza(30, 0).unwrap().is_empty());
    assert_eq!(desk.patti_in_scadenza(30, 30).unwrap().len(), 1);
    let renewal = desk.renew_patto(pid).unwrap();
    assert_eq!(renewal.precedente, Some(signed.id));
    let renewed = desk.sign_patto(renewal.id, firma("Anna")).unwrap();
    assert_eq!(renewed.valido_al(), NaiveDate::from_ymd_opt(2028, 1, 19));
    let old = desk.patto(signed.id).unwrap().unwrap();
    assert_eq!(old.rinnovato_da, Some(renewed.id));
    assert_eq!(old.state_on(desk.today()), PattoState::Rinnovato);
    assert!(
        desk.patti_in_scadenza(30, 30).unwrap().is_empty(),
        "renewed leaves the list"
    );
    assert_eq!(desk.patti(pid).unwrap().len(), 2);
    assert!(desk.check().unwrap().is_ok());
}

#[test]
fn revoking_the_presa_revokes_the_patto() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = setup(&desk);
    let gestore = desk.gestori(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    desk.choose_gestore(pid, gestore, Canale::MmgAderente, day, "")
        .unwrap();
    let draft = desk.prepare_patto(pid).unwrap();
    let signed = desk.sign_patto(draft.id, firma("Luca")).unwrap();
    let text = desk.signed_patto_text(signed.id).unwrap();

    desk.revoke_presa(pid, day, "trasferimento in altra regione")
        .unwrap();
    let p = desk.patto(signed.id).unwrap().unwrap();
    assert_eq!(
        p.stato,
        PattoStato::Revocato {
            data: day,
            motivo: "trasferimento in altra regione".into()
        }
    );
    assert_eq!(p.state_on(day), PattoState::Revocato);
    assert_eq!(
        desk.signed_patto_text(signed.id).unwrap(),
        text,
        "text kept"
    );
    assert!(desk.patti_in_scadenza(400, 400).unwrap().is_empty());
    assert!(desk.check().unwrap().is_ok());
}

#[test]
fn a_delegate_needs_a_document_and_data_consent_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = setup(&desk);
    let gestore = desk.gestori(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    desk.choose_gestore(pid, gestore, Canale::MmgAderente, day, "")
        .unwrap();
    let draft = desk.prepare_patto(pid).unwrap();
    let mut input = firma("Luca");
    input.firmatario = Firmatario::Delegato;
    input.nome_firmatario = "Giulia D'Adda".into();
    assert!(desk.sign_patto(draft.id, input.clone()).is_err());
    input.documento = "CI CA12345BB".into();
    input.consensi.trattamento_dati = false;
    assert!(desk.sign_patto(draft.id, input.clone()).is_err());
    input.consensi.trattamento_dati = true;
    let signed = desk.sign_patto(draft.id, input).unwrap();
    let text = desk.signed_patto_text(signed.id).unwrap();
    assert!(text.contains("Giulia D'Adda"), "{text}");
}
