//! Patto di Cura through the Desk: prepare, sign, reprint, expire, renew, revoke.

use std::sync::Arc;

use chrono::NaiveDate;
use sportello::domain::patto::{Consensi, FirmaInput, Firmatario, PattoState, PattoStato};
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
        indirizzo: "Via Manzoni 10".into(),
        comune: "Milano".into(),
        telefono: "02 0000 1111".into(),
        email: "centroservizi@esempio.invalid".into(),
        referente: "Sig.ra Bianchi".into(),
        livelli: vec![],
        non_idoneo_dal: None,
        fittizio: true,
    };
    let plan = desk.gestori().plan_gestori_import(&[g]).unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "esempio", 0)
        .unwrap();
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
            sportello::service::comuni(),
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
        patologia_primaria: None,
        livello_ats: None,
        patologie: vec!["56".into(), "50".into()],
        stato: PatientStatus::Attivo,
        note: String::new(),
    };
    desk.patients().register_patient(patient).unwrap()
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

    let missing = desk.patto().patto_preconditions(pid).unwrap();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(
        desk.patto().prepare_patto(pid).is_err(),
        "no Gestore chosen yet"
    );

    let gestore = desk.gestori().list(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    desk.gestori()
        .choose_gestore(
            pid,
            gestore,
            crate::common::gestore::fitting(&desk, pid, gestore),
            day,
            "",
        )
        .unwrap();
    assert!(desk.patto().patto_preconditions(pid).unwrap().is_empty());

    let draft = desk.patto().prepare_patto(pid).unwrap();
    assert_eq!(draft.stato, PattoStato::Bozza);
    assert_eq!(draft.clinical_manager, "Dott.ssa Elena Sala");
    assert_eq!(
        desk.patto().prepare_patto(pid).unwrap().id,
        draft.id,
        "same bozza"
    );
    let preview = desk
        .patto()
        .patto_text(&draft, &consensi(), None, day)
        .unwrap();
    assert!(preview.contains("Niccolò"), "{preview}");
    assert!(preview.contains("Cooperativa Medici Milano Esempio"));

    let signed = desk.patto().sign_patto(draft.id, firma("Anna")).unwrap();
    assert_eq!(signed.valido_al(), NaiveDate::from_ymd_opt(2027, 1, 14));
    let text = desk.patto().signed_patto_text(signed.id).unwrap();
    assert!(text.contains("14/01/2027"), "{text}");
    assert!(
        desk.patto().sign_patto(draft.id, firma("Anna")).is_err(),
        "signed once"
    );
    assert!(
        desk.patto()
            .prepare_patto(pid)
            .unwrap_err()
            .to_string()
            .contains("già firmato")
    );
    drop(desk);

    // Reprints in another session are byte-identical.
    let desk = desk_on(dir.path(), 2026, 12, 20);
    assert_eq!(desk.patto().signed_patto_text(signed.id).unwrap(), text);
    let expiring = desk.patto().patti_in_scadenza(30, 0).unwrap();
    assert_eq!(expiring.len(), 1);
    assert_eq!(expiring[0].state, PattoState::InScadenza { giorni: 26 });
    assert_eq!(expiring[0].patient.cognome, "D'Adda");
    drop(desk);

    // A year later: expired, listed, and renewable.
    let desk = desk_on(dir.path(), 2027, 1, 20);
    let p = desk.patto().get(signed.id).unwrap().unwrap();
    assert_eq!(p.state_on(desk.today()), PattoState::Scaduto);
    assert!(desk.patto().patti_in_scadenza(30, 0).unwrap().is_empty());
    assert_eq!(desk.patto().patti_in_scadenza(30, 30).unwrap().len(), 1);
    let renewal = desk.patto().renew_patto(pid).unwrap();
    assert_eq!(renewal.precedente, Some(signed.id));
    let renewed = desk.patto().sign_patto(renewal.id, firma("Anna")).unwrap();
    assert_eq!(renewed.valido_al(), NaiveDate::from_ymd_opt(2028, 1, 19));
    let old = desk.patto().get(signed.id).unwrap().unwrap();
    assert_eq!(old.rinnovato_da, Some(renewed.id));
    assert_eq!(old.state_on(desk.today()), PattoState::Rinnovato);
    assert!(
        desk.patto().patti_in_scadenza(30, 30).unwrap().is_empty(),
        "renewed leaves the list"
    );
    assert_eq!(desk.patto().patti(pid).unwrap().len(), 2);
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn revoking_the_presa_revokes_the_patto() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = setup(&desk);
    let gestore = desk.gestori().list(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    desk.gestori()
        .choose_gestore(
            pid,
            gestore,
            crate::common::gestore::fitting(&desk, pid, gestore),
            day,
            "",
        )
        .unwrap();
    let draft = desk.patto().prepare_patto(pid).unwrap();
    let signed = desk.patto().sign_patto(draft.id, firma("Luca")).unwrap();
    let text = desk.patto().signed_patto_text(signed.id).unwrap();

    desk.gestori()
        .revoke_presa(pid, day, "trasferimento in altra regione")
        .unwrap();
    let p = desk.patto().get(signed.id).unwrap().unwrap();
    assert_eq!(
        p.stato,
        PattoStato::Revocato {
            data: day,
            motivo: "trasferimento in altra regione".into()
        }
    );
    assert_eq!(p.state_on(day), PattoState::Revocato);
    assert_eq!(
        desk.patto().signed_patto_text(signed.id).unwrap(),
        text,
        "text kept"
    );
    assert!(desk.patto().patti_in_scadenza(400, 400).unwrap().is_empty());
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn a_delegate_needs_a_document_and_data_consent_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = setup(&desk);
    let gestore = desk.gestori().list(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    desk.gestori()
        .choose_gestore(
            pid,
            gestore,
            crate::common::gestore::fitting(&desk, pid, gestore),
            day,
            "",
        )
        .unwrap();
    let draft = desk.patto().prepare_patto(pid).unwrap();
    let mut input = firma("Luca");
    input.firmatario = Firmatario::Delegato;
    input.nome_firmatario = "Giulia D'Adda".into();
    assert!(desk.patto().sign_patto(draft.id, input.clone()).is_err());
    input.documento = "CI CA12345BB".into();
    input.consensi.trattamento_dati = false;
    assert!(desk.patto().sign_patto(draft.id, input.clone()).is_err());
    input.consensi.trattamento_dati = true;
    let signed = desk.patto().sign_patto(draft.id, input).unwrap();
    let text = desk.patto().signed_patto_text(signed.id).unwrap();
    assert!(text.contains("Giulia D'Adda"), "{text}");
}

/// The patient `cognome nome` with the Gestore chosen on `day`; `mmg` is the
/// doctor on the record (the bozza's Clinical Manager).
fn chosen(desk: &Desk, cognome: &str, nome: &str, mmg: &str, day: NaiveDate) -> u64 {
    let patient = Patient {
        mmg: mmg.into(),
        ..crate::common::patient::patient(
            cognome,
            nome,
            Sex::F,
            NaiveDate::from_ymd_opt(1948, 5, 20).unwrap(),
        )
    };
    let pid = desk.patients().register_patient(patient).unwrap();
    // Without an MMG on the record: an ASST, through its Centro Servizi.
    let gestore = if mmg.is_empty() {
        crate::common::gestore::import_asst(desk)
    } else {
        match desk.gestori().list(None, false).unwrap().first() {
            Some(g) => g.id,
            None => crate::common::gestore::import_gestore(desk),
        }
    };
    desk.gestori()
        .choose_gestore(
            pid,
            gestore,
            crate::common::gestore::fitting(desk, pid, gestore),
            day,
            "",
        )
        .unwrap();
    pid
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn signing_needs_a_clinical_manager() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = chosen(&desk, "Brambilla", "Rosa", "", day(2026, 3, 1));
    let draft = desk.patto().prepare_patto(pid).unwrap();
    assert_eq!(draft.clinical_manager, "");
    let refused = desk
        .patto()
        .sign_patto(draft.id, firma("Anna"))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Manca il Clinical Manager (il medico che redige il PAI): indicarlo prima di firmare"
    );
    assert_eq!(
        desk.patto().get(draft.id).unwrap().unwrap().stato,
        PattoStato::Bozza
    );
    desk.patto()
        .set_clinical_manager(draft.id, "Dott. Paolo Neri")
        .unwrap();
    let signed = desk.patto().sign_patto(draft.id, firma("Anna")).unwrap();
    assert_eq!(signed.clinical_manager, "Dott. Paolo Neri");
}

#[test]
fn patto_numbers_are_the_practice_sequence_of_each_year() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c);
    {
        let desk = desk_on(dir.path(), 2026, 3, 1);
        let first = chosen(&desk, "Brambilla", "Rosa", "Dott. Neri", day(2026, 3, 1));
        let second = chosen(&desk, "Colombo", "Ada", "Dott. Neri", day(2026, 3, 1));
        a = desk.patto().prepare_patto(first).unwrap();
        b = desk.patto().prepare_patto(second).unwrap();
        assert_eq!(
            desk.patto().sign_patto(a.id, firma("Anna")).unwrap().numero,
            a.numero
        );
    }
    {
        let desk = desk_on(dir.path(), 2027, 1, 4);
        let third = chosen(&desk, "Sala", "Ines", "Dott. Neri", day(2027, 1, 4));
        c = desk.patto().prepare_patto(third).unwrap();
        let text = desk
            .patto()
            .patto_text(&c, &consensi(), None, desk.today())
            .unwrap();
        assert!(
            text.contains("Patto di Cura n. 2027/0001 - Nuovo"),
            "{text}"
        );
        let entries = desk
            .operators()
            .audit_page(&sportello::domain::audit::AuditFilter::default(), None, 10)
            .unwrap();
        assert!(
            entries
                .iter()
                .any(|e| e.summary == "bozza del Patto 2027/0001"),
            "{entries:?}"
        );
        assert!(desk.archive().check().unwrap().is_ok());
    }
    assert_eq!(a.numero_label(), "2026/0001");
    assert_eq!(b.numero_label(), "2026/0002");
    assert_eq!(c.numero_label(), "2027/0001");
}

#[test]
fn the_clinical_manager_of_a_signed_patto_is_corrected_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (pid, id);
    {
        let desk = desk_on(dir.path(), 2026, 3, 1);
        pid = chosen(&desk, "Brambilla", "Rosa", "", day(2026, 3, 1));
        let draft = desk.patto().prepare_patto(pid).unwrap();
        let text = desk
            .patto()
            .patto_text(&draft, &consensi(), None, desk.today())
            .unwrap();
        id = draft.id;
        drop(desk);
        crate::common::patto::sign_without_clinical_manager(dir.path(), id, &text);
    }
    let desk = desk_on(dir.path(), 2026, 3, 10);
    let stuck = desk.patto().get(id).unwrap().unwrap();
    assert!(stuck.manca_clinical_manager());
    // The PAI takes its Clinical Manager from the Patto: none to share with.
    let pai = desk.pai().new_pai(pid).unwrap();
    assert_eq!(pai.clinical_manager, "");

    let no_reason = desk
        .patto()
        .correct_clinical_manager(id, "Dott. Paolo Neri", " ");
    assert!(no_reason.unwrap_err().to_string().contains("motivo"));
    let corrected = desk
        .patto()
        .correct_clinical_manager(id, "Dott. Paolo Neri", "non indicato alla firma")
        .unwrap();
    assert_eq!(corrected.clinical_manager, "Dott. Paolo Neri");
    assert!(!corrected.manca_clinical_manager());
    assert_eq!(corrected.correzioni_cm.len(), 1);
    assert_eq!(
        corrected.correzioni_cm[0].describe(),
        "Clinical Manager corretto il 10/03/2026 da «(non indicato)» a «Dott. Paolo Neri»: non indicato alla firma"
    );
    assert_eq!(
        corrected.firma, stuck.firma,
        "the signed text stays as signed"
    );
    let entry = desk
        .operators()
        .audit_page(&sportello::domain::audit::AuditFilter::default(), None, 1)
        .unwrap()
        .remove(0);
    assert_eq!(
        entry.action,
        sportello::domain::audit::AuditAction::PattoChanged
    );
    assert_eq!(entry.patient, Some(pid));
    assert_eq!(
        entry.summary,
        "Clinical Manager del Patto 2026/0001 corretto dopo la firma: (non indicato) -> Dott. Paolo Neri (motivo: non indicato alla firma)"
    );
    // The PAI bozza follows, and the reprint carries the correction.
    assert_eq!(
        desk.pai()
            .current_pai(pid)
            .unwrap()
            .unwrap()
            .clinical_manager,
        "Dott. Paolo Neri"
    );
    let document = desk
        .patto()
        .patto_document(
            id,
            sportello::service::documents::PattoFormats {
                pdf: true,
                text: true,
            },
        )
        .unwrap();
    let pdf = crate::common::patto::pdf_text(&document.files[0].1);
    assert!(
        pdf.contains("Clinical Manager corretto il 10/03/2026"),
        "{pdf}"
    );
    assert!(desk.archive().check().unwrap().is_ok());
}

fn both() -> sportello::service::documents::PattoFormats {
    sportello::service::documents::PattoFormats {
        pdf: true,
        text: true,
    }
}

#[test]
fn the_printed_patto_names_the_delegate_document_and_leaves_the_model_note_to_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = chosen(&desk, "Brambilla", "Rosa", "Dott. Neri", day(2026, 3, 1));
    let draft = desk.patto().prepare_patto(pid).unwrap();
    let mut input = firma("Luca");
    input.firmatario = Firmatario::Delegato;
    input.nome_firmatario = "Giulia Brambilla".into();
    input.documento = "CI CA12345BB".into();
    desk.patto().sign_patto(draft.id, input).unwrap();
    let document = desk.patto().patto_document(draft.id, both()).unwrap();
    let pdf = crate::common::patto::pdf_text(&document.files[0].1);
    assert!(
        pdf.contains(
            "Sottoscrive: Giulia Brambilla, in qualità di delegato, documento di identità CI CA12345BB"
        ),
        "{pdf}"
    );
    assert!(pdf.contains("Patto di Cura n. 2026/0001"), "{pdf}");
    assert!(!pdf.contains("Modello predisposto"), "{pdf}");
    let txt = String::from_utf8(document.files[1].1.clone()).unwrap();
    assert!(txt.contains("CI CA12345BB"), "{txt}");
    assert!(!txt.contains("Modello predisposto"), "{txt}");
    assert!(
        document.stem.starts_with("patto-2026-0001-"),
        "{}",
        document.stem
    );
}

#[test]
fn two_patti_signed_the_same_day_are_two_files_and_none_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let prints = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let first = chosen(&desk, "Brambilla", "Rosa", "Dott. Neri", day(2026, 3, 1));
    let a = desk.patto().prepare_patto(first).unwrap();
    desk.patto().sign_patto(a.id, firma("Anna")).unwrap();
    let written_a = desk
        .patto()
        .patto_document(a.id, both())
        .unwrap()
        .write_new_into(prints.path())
        .unwrap();
    // The same patient again the same day: the presa revoked, a new one, a new Patto.
    desk.gestori()
        .revoke_presa(first, day(2026, 3, 1), "errore di canale")
        .unwrap();
    let gestore = desk.gestori().list(None, false).unwrap()[0].id;
    desk.gestori()
        .choose_gestore(
            first,
            gestore,
            crate::common::gestore::fitting(&desk, first, gestore),
            day(2026, 3, 1),
            "",
        )
        .unwrap();
    let b = desk.patto().prepare_patto(first).unwrap();
    desk.patto().sign_patto(b.id, firma("Anna")).unwrap();
    let written_b = desk
        .patto()
        .patto_document(b.id, both())
        .unwrap()
        .write_new_into(prints.path())
        .unwrap();
    let names = |w: &[std::path::PathBuf]| {
        w.iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect::<Vec<_>>()
    };
    let cf = desk
        .patients()
        .patient(first)
        .unwrap()
        .unwrap()
        .codice_fiscale;
    assert_eq!(
        names(&written_a),
        vec![
            format!("patto-2026-0001-{cf}-20260301.pdf"),
            format!("patto-2026-0001-{cf}-20260301.txt")
        ]
    );
    assert_eq!(
        names(&written_b),
        vec![
            format!("patto-2026-0002-{cf}-20260301.pdf"),
            format!("patto-2026-0002-{cf}-20260301.txt")
        ]
    );
    // The first Patto, revoked since, reprints with its mark: beside the
    // first print, which stays as it was.
    let first_print = std::fs::read(&written_a[0]).unwrap();
    let reprint = desk
        .patto()
        .patto_document(a.id, both())
        .unwrap()
        .write_new_into(prints.path())
        .unwrap();
    assert_eq!(
        names(&reprint)[0],
        format!("patto-2026-0001-{cf}-20260301-2.pdf")
    );
    assert_eq!(std::fs::read(&written_a[0]).unwrap(), first_print);
    let marked = crate::common::patto::pdf_text(&std::fs::read(&reprint[0]).unwrap());
    assert!(
        marked.contains("REVOCATO il 01/03/2026: errore di canale"),
        "{marked}"
    );
    assert!(!crate::common::patto::pdf_text(&first_print).contains("REVOCATO"));
    let txt = std::fs::read_to_string(&reprint[1]).unwrap();
    assert!(txt.contains("REVOCATO il 01/03/2026"), "{txt}");
    // The same print again is the same file, not a third one.
    let again = desk
        .patto()
        .patto_document(a.id, both())
        .unwrap()
        .write_new_into(prints.path())
        .unwrap();
    assert_eq!(again, reprint);
    assert_eq!(std::fs::read_dir(prints.path()).unwrap().count(), 6);
}

#[test]
fn prints_go_to_the_studio_printer_or_stay_in_the_file() {
    use sportello::domain::practice::Stampante;
    use sportello::service::documents::PrintOutcome;
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let recorder = Arc::new(crate::common::patto::PrintRecorder::default());
    desk.set_command_runner(recorder.clone());
    let file = dir.path().join("stampe").join("patto-2026-0001.pdf");

    // None set: the file is the print, nothing is run.
    assert_eq!(desk.send_to_printer(&file).unwrap(), PrintOutcome::SoloFile);
    assert!(recorder.runs.lock().unwrap().is_empty());

    let mut practice = desk.gestori().practice().unwrap();
    practice.stampante = Stampante::parse(" patto ");
    desk.gestori().save_practice(&practice).unwrap();
    assert_eq!(
        desk.gestori().practice().unwrap().stampante,
        Stampante::Nome("patto".into())
    );
    assert_eq!(
        desk.send_to_printer(&file).unwrap(),
        PrintOutcome::Inviato {
            stampante: "patto".into()
        }
    );
    practice.stampante = Stampante::parse("predefinita");
    desk.gestori().save_practice(&practice).unwrap();
    desk.send_to_printer(&file).unwrap();
    let path = file.display().to_string();
    if cfg!(unix) {
        assert_eq!(
            *recorder.runs.lock().unwrap(),
            vec![
                (
                    "lp".to_string(),
                    vec!["-d".to_string(), "patto".into(), path.clone()]
                ),
                ("lp".to_string(), vec![path.clone()]),
            ]
        );
    }

    // lp fails: the reason comes back, the file stays the print.
    let failing = Arc::new(crate::common::patto::PrintRecorder {
        failure: Some(
            "lp è terminato con il codice 1: lp: Error - no default destination available.".into(),
        ),
        ..Default::default()
    });
    desk.set_command_runner(failing);
    assert_eq!(
        desk.send_to_printer(&file).unwrap(),
        PrintOutcome::NonRiuscito {
            motivo: "lp è terminato con il codice 1: lp: Error - no default destination available."
                .into()
        }
    );
}

#[test]
fn the_demo_numbers_its_patti_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 11, 23);
    desk.gestori().seed_builtin_sample_gestori().unwrap();
    desk.load_demo(400, 7, &mut |_, _| true).unwrap();
    let desk = desk.finish_bulk_load().unwrap();
    assert!(desk.archive().check().unwrap().is_ok());
    drop(desk);
    // Every Patto of every patient, read from the store.
    let store = sportello::store::Store::open(dir.path()).unwrap();
    let mut patients = Vec::new();
    store
        .walk_name_from("", |_, id| {
            patients.push(id);
            true
        })
        .unwrap();
    let mut numbers = Vec::new();
    for patient in patients {
        for patto in store.patti_of(patient).unwrap() {
            let n = patto.numero.expect("numbered");
            let text = patto.testo_firmato().expect("signed");
            assert!(
                text.contains(&format!("Patto di Cura n. {n} - ")),
                "{n}: {text}"
            );
            numbers.push((n, patto.creato_il));
        }
    }
    assert!(numbers.len() > 5, "{}", numbers.len());
    numbers.sort();
    for year in [2025, 2026] {
        let of_year: Vec<_> = numbers.iter().filter(|(n, _)| n.anno == year).collect();
        assert!(!of_year.is_empty(), "{year}: {numbers:?}");
        for (i, (n, created)) in of_year.iter().enumerate() {
            assert_eq!(n.progressivo as usize, i + 1, "{year}: {numbers:?}");
            assert_eq!(chrono::Datelike::year(created), year);
        }
        // In the order they were made.
        assert!(of_year.windows(2).all(|w| w[0].1 <= w[1].1));
    }
}

/// Desks of one `sportello serve`, each logged in as its own operator.
fn desks(desk: &Desk, n: usize) -> Vec<Desk> {
    use sportello::domain::operator::Role;
    (0..n)
        .map(|i| {
            let name = format!("sportello{i}");
            let pw = format!("password-{i}-lunga");
            desk.operators()
                .add_operator(&name, &pw, Role::Segreteria)
                .unwrap();
            let d = desk.new_session(Some(&format!("192.0.2.{i}")));
            d.login(&name, &pw).unwrap();
            d
        })
        .collect()
}

#[test]
fn two_desks_on_one_presa_share_the_bozza_and_sign_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = setup(&desk);
    let gestore = desk.gestori().list(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    desk.gestori()
        .choose_gestore(
            pid,
            gestore,
            crate::common::gestore::fitting(&desk, pid, gestore),
            day,
            "",
        )
        .unwrap();
    let [a, b]: [Desk; 2] = desks(&desk, 2).try_into().ok().unwrap();
    // Both open F4 on the same patient: one bozza for both.
    let bozza_a = a.patto().prepare_patto(pid).unwrap();
    let bozza_b = b.patto().prepare_patto(pid).unwrap();
    assert_eq!(bozza_a.id, bozza_b.id);
    a.patto().sign_patto(bozza_a.id, firma("Anna")).unwrap();
    let refused = b
        .patto()
        .sign_patto(bozza_b.id, firma("Bruno"))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Un altro sportello ha appena firmato il Patto di questa presa in carico: riaprire F4"
    );
    let patti = desk.patto().patti(pid).unwrap();
    assert_eq!(patti.len(), 1);
    assert_eq!(patti[0].firma.as_ref().unwrap().operatore, "Anna");
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn desks_preparing_and_signing_at_once_leave_one_signed_patto() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk_on(dir.path(), 2026, 3, 1);
    let pid = setup(&desk);
    let gestore = desk.gestori().list(None, false).unwrap()[0].id;
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    desk.gestori()
        .choose_gestore(
            pid,
            gestore,
            crate::common::gestore::fitting(&desk, pid, gestore),
            day,
            "",
        )
        .unwrap();
    let n = 8;
    let barrier = Arc::new(std::sync::Barrier::new(n));
    let handles: Vec<_> = desks(&desk, n)
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let bozza = d.patto().prepare_patto(pid)?;
                d.patto().sign_patto(bozza.id, firma(&format!("Desk {i}")))
            })
        })
        .collect();
    let mut signed = 0;
    for h in handles {
        match h.join().unwrap() {
            Ok(p) => {
                assert_eq!(p.stato, PattoStato::Firmato);
                signed += 1;
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(
                    msg.contains("Un altro sportello ha appena") || msg.contains("già firmato"),
                    "{msg}"
                );
            }
        }
    }
    assert_eq!(signed, 1, "exactly one desk signs");
    let patti = desk.patto().patti(pid).unwrap();
    let firmati = patti
        .iter()
        .filter(|p| p.stato == PattoStato::Firmato)
        .count();
    assert_eq!(firmati, 1, "{patti:?}");
    assert_eq!(patti.len(), 1, "no stray bozza: {patti:?}");
    assert!(desk.archive().check().unwrap().is_ok());
}
