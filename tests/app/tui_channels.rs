//! The 2024 channels and the Clinical Manager by Gestore (issue 19, items 3
//! and 4), driven through the real loop with scripted keys: the channels
//! offered for each Gestore and why the others are not, an earlier-model
//! Gestore refused after 31/12/2024, the F7 list of prese to move to the
//! MMG's Gestore, the import of the ATS list of MMG aderenti with its
//! preview, and the Patto draft's Clinical Manager.

use crate::common;

use common::harness::Harness;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use common::screen::{Screen, top};
use sportello::domain::codice_fiscale::compute;
use sportello::domain::practice::{Adesione, MmgAdesione};
use sportello::domain::{
    Canale, Gestore, Patient, PatientId, PatientStatus, PresaStato, Residence, Sex,
};
use sportello::io::gestori::sample_gestori;
use sportello::service::{Desk, FixedClock};
use sportello::tui::admin::Section;

const MMG: &str = "Dott.ssa Elena Sala";
const COOP_BRIANZA: &str = "Cooperativa Medici Esempio Brianza (fittizia)";
const ASST_BRIANZA: &str = "ASST della Brianza";
const RSA_MERATE: &str = "RSA Esempio Merate (fittizia)";
const CSV: &str = "tests/fixtures/mmg-aderenti/brianza-mmg-aderenti.csv";
const XLSX: &str = "tests/fixtures/mmg-aderenti/brianza-mmg-aderenti.xlsx";

fn desk_on(dir: &Path, y: i32, m: u32, d: u32) -> Desk {
    let clock = FixedClock::on(y, m, d).expect("valid date");
    let desk = Desk::open(dir, Arc::new(clock)).expect("store opens");
    desk.gestori()
        .seed_sample_gestori(&sample_gestori())
        .expect("sample list");
    desk
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Anna Rossi of Monza (ATS Brianza, level 2), whose MMG is `mmg`.
fn anna(desk: &Desk, mmg: &str) -> PatientId {
    let born = date(1950, 3, 15);
    let cf = compute(
        "Rossi",
        "Anna",
        Sex::F,
        born,
        "F205",
        sportello::service::comuni(),
    )
    .expect("computable cf");
    desk.patients()
        .register_patient(Patient {
            id: 0,
            cognome: "Rossi".into(),
            nome: "Anna".into(),
            codice_fiscale: cf.as_str().into(),
            sesso: Sex::F,
            data_nascita: born,
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Via Roma 1".into(),
                cap: "20900".into(),
                comune: "F704".into(),
            },
            ats_override: None,
            mmg: mmg.into(),
            telefoni: vec!["039 1234567".into()],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologie: vec!["50".into(), "39".into()],
            patologia_primaria: Some("50".into()),
            livello_ats: None,
            stato: PatientStatus::Attivo,
            note: String::new(),
        })
        .expect("registered")
}

fn gestore(desk: &Desk, name: &str) -> Gestore {
    desk.gestori()
        .list(None, false)
        .expect("list")
        .into_iter()
        .find(|g| g.denominazione == name)
        .expect("sample Gestore")
}

/// `mmg` adheres to the Brianza cooperative in Studio.
fn adheres(desk: &Desk, mmg: &str) {
    let coop = gestore(desk, COOP_BRIANZA);
    let mut practice = desk.gestori().practice().expect("practice");
    practice.mmg.push(MmgAdesione {
        nome: mmg.into(),
        adesione: Adesione::Cooperativa(coop.id),
    });
    desk.gestori().save_practice(&practice).expect("saved");
}

/// F3 for Anna, the list filtered to `filter`, Enter.
fn choose_dialog(ui: &mut Harness, filter: &str) {
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter).key(KeyCode::F(3));
        e.text(filter).key(KeyCode::Enter);
    });
}

fn modal_text(ui: &Harness) -> String {
    ui.app.modal().expect("a dialog").lines.join("\n")
}

#[test]
fn channels_are_offered_only_for_the_gestori_they_fit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = anna(&desk, MMG);
    adheres(&desk, MMG);
    let mut ui = Harness::new(desk, 80, 24);

    // The cooperative the MMG adheres to: "MMG aderente" only.
    choose_dialog(&mut ui, "cooperativa");
    let text = modal_text(&ui);
    assert!(
        text.contains("Canale Centro Servizi ASST: non disponibile, solo per i Gestori ASST"),
        "{text}"
    );
    assert!(
        text.contains("Canale MIFS (medico in forma singola): non disponibile, non attivo"),
        "{text}"
    );
    assert!(!text.contains("Canale MMG aderente"), "{text}");
    insta::assert_snapshot!("channels_choice_coop_80x24", ui.screen());

    // The ASST: its Centro Servizi only, and why not the MMG channel.
    ui.keys(|e| {
        e.key(KeyCode::Esc)
            .ctrl('u')
            .text("asst")
            .key(KeyCode::Enter);
    });
    let text = modal_text(&ui);
    assert!(
        text.contains(
            "Canale MMG aderente: non disponibile, il MMG del paziente (Dott.ssa Elena Sala) non aderisce a questo Gestore"
        ),
        "{text}"
    );
    assert!(!text.contains("Canale Centro Servizi ASST"), "{text}");
    assert!(
        ui.screen().contains("◀ Centro Servizi ASST ▶"),
        "{}",
        ui.screen()
    );
    // The only option: Space does not change it.
    ui.keys(|e| {
        e.key(KeyCode::BackTab).key(KeyCode::Char(' '));
    });
    assert!(
        ui.screen().contains("◀ Centro Servizi ASST ▶"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none(), "{}", ui.screen());
    let presa = ui
        .desk()
        .gestori()
        .active_presa(id)
        .expect("read")
        .expect("a presa");
    assert_eq!(presa.gestore, gestore(ui.desk(), ASST_BRIANZA).id);
    assert_eq!(presa.canale, Canale::CentroServiziAsst);

    // The service refuses a channel that does not fit, whatever the screen.
    ui.desk()
        .gestori()
        .revoke_presa(id, date(2026, 11, 22), "prova")
        .expect("revoked");
    let asst = gestore(ui.desk(), ASST_BRIANZA);
    let refused = ui
        .desk()
        .gestori()
        .choose_gestore(id, asst.id, Canale::MmgAderente, date(2026, 11, 22), "")
        .expect_err("refused");
    assert_eq!(
        refused.to_string(),
        "Il canale \"MMG aderente\" non si usa con ASST della Brianza: il MMG del paziente (Dott.ssa Elena Sala) non aderisce a questo Gestore"
    );
}

#[test]
fn a_gestore_of_the_earlier_model_takes_no_new_presa_after_2024() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = anna(&desk, MMG);
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter).key(KeyCode::F(3));
        e.text("merate");
    });
    assert!(
        ui.screen()
            .contains("! Modello precedente: nessuna nuova presa in carico dopo il 31/12/2024"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let text = modal_text(&ui);
    assert!(
        text.contains(
            "Gestore del modello precedente: non prende nuove prese in carico dopo il 31/12/2024"
        ),
        "{text}"
    );
    insta::assert_snapshot!("channels_earlier_model_refused_80x24", ui.screen());
    // Enter or Esc closes it; nothing is written.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert!(ui.app.modal().is_none());
    assert_eq!(ui.desk().gestori().active_presa(id).expect("read"), None);
    let rsa = gestore(ui.desk(), RSA_MERATE);
    let refused = ui
        .desk()
        .gestori()
        .choose_gestore(id, rsa.id, Canale::MmgAderente, date(2024, 6, 1), "")
        .expect_err("refused by the store's clock, whatever the date typed");
    assert_eq!(
        refused.to_string(),
        "RSA Esempio Merate (fittizia) è un Gestore del modello precedente: non prende nuovi pazienti dopo il 31/12/2024; scegliere il Gestore a cui aderisce il MMG del paziente o un'ASST"
    );
}

/// Anna chose the RSA in 2024; the desk now runs on 22/11/2026.
fn anna_with_the_rsa(dir: &Path) -> (Desk, PatientId) {
    let id = {
        let desk = desk_on(dir, 2024, 6, 1);
        let id = anna(&desk, MMG);
        let rsa = gestore(&desk, RSA_MERATE);
        desk.gestori()
            .choose_gestore(id, rsa.id, Canale::MmgAderente, date(2024, 6, 1), "")
            .expect("taken before the cut-off");
        id
    };
    (desk_on(dir, 2026, 11, 22), id)
}

#[test]
fn prese_of_the_earlier_model_are_marked_and_listed_when_the_mmg_adheres() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, id) = anna_with_the_rsa(dir.path());
    let mut ui = Harness::new(desk, 80, 24);
    // The record says where the presa is to go.
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(screen.contains("RSA Esempio Merate (fittizia)"), "{screen}");
    assert!(screen.contains("da trasferire al MMG"), "{screen}");
    // The MMG adheres to no Gestore yet: the recall list is empty.
    ui.keys(|e| {
        e.key(KeyCode::F(7));
        for _ in 0..5 {
            e.key(KeyCode::Tab);
        }
    });
    assert!(
        ui.screen().contains("Nessun paziente da trasferire"),
        "{}",
        ui.screen()
    );
    // The MMG now adheres: Anna is listed, with where the presa can go.
    adheres(ui.desk(), MMG);
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::F(7));
        for _ in 0..5 {
            e.key(KeyCode::Tab);
        }
    });
    let Screen::Richiami(r) = top(&ui.app) else {
        panic!("recall lists expected, got {}", ui.app.title());
    };
    let rows: Vec<_> = r
        .da_trasferire()
        .iter()
        .map(|t| {
            (
                t.patient.cognome.as_str(),
                t.gestore.denominazione.as_str(),
                t.mmg.as_str(),
                t.verso.denominazione.as_str(),
            )
        })
        .collect();
    assert_eq!(rows, [("Rossi", RSA_MERATE, MMG, COOP_BRIANZA)]);
    insta::assert_snapshot!("channels_da_trasferire_80x24", ui.screen());

    // Enter: the Gestore screen, the MMG's Gestore first; Enter, revoke,
    // then choose it with the MMG channel.
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    assert_eq!(ui.app.title(), "Gestore");
    assert!(
        ui.screen().contains("· da trasferire al MMG"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::Enter).key(KeyCode::Enter);
        e.text("MMG ora aderente").key(KeyCode::Enter);
        e.key(KeyCode::Enter);
    });
    assert!(ui.screen().contains("◀ MMG aderente ▶"), "{}", ui.screen());
    ui.keys(|e| {
        e.key(KeyCode::Enter);
    });
    let history = ui.desk().gestori().prese_history(id).expect("history");
    assert_eq!(history.len(), 2);
    let (now, g) = &history[0];
    assert_eq!(
        g.as_ref().map(|g| g.denominazione.as_str()),
        Some(COOP_BRIANZA)
    );
    assert_eq!(now.canale, Canale::MmgAderente);
    assert!(matches!(
        &history[1].0.stato,
        PresaStato::Revocato { motivo, .. } if motivo == "MMG ora aderente"
    ));
    assert!(
        ui.desk()
            .gestori()
            .da_trasferire()
            .expect("list")
            .is_empty()
    );
}

#[test]
fn the_ats_list_of_mmg_aderenti_sets_the_adhesions_after_a_preview() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    // Elena Sala in Studio without adhesion, Luca Ferrario with the Brianza
    // cooperative (no longer on the list), Marco Riva new.
    let coop = gestore(&desk, COOP_BRIANZA);
    let mut practice = desk.gestori().practice().expect("practice");
    practice.mmg = vec![
        MmgAdesione {
            nome: "Dott.ssa Elena Sala".into(),
            adesione: Adesione::Nessuna,
        },
        MmgAdesione {
            nome: "Dott. Luca Ferrario".into(),
            adesione: Adesione::Cooperativa(coop.id),
        },
    ];
    desk.gestori().save_practice(&practice).expect("saved");
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..11 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter).text(CSV);
        e.key(KeyCode::Tab).text("030324").key(KeyCode::Enter);
    });
    let Screen::Admin(admin) = top(&ui.app) else {
        panic!("admin screen expected, got {}", ui.app.title());
    };
    assert_eq!(admin.section(), Some(Section::ImportMmg));
    let p = admin
        .import()
        .and_then(|i| i.mmg_preview.as_ref())
        .expect("a preview");
    assert_eq!(p.file, "brianza-mmg-aderenti.csv");
    assert_eq!(p.preview.encoding, "Windows-1252");
    assert_eq!(p.preview.accepted.len(), 3);
    assert_eq!(p.preview.rejected.len(), 3);
    let added: Vec<_> = p
        .plan
        .added
        .iter()
        .map(|(m, g)| (m.nome.as_str(), g.as_str()))
        .collect();
    assert_eq!(added, [("Marco Riva", COOP_BRIANZA)]);
    let changed: Vec<_> = p
        .plan
        .changed
        .iter()
        .map(|(b, _, _)| b.nome.as_str())
        .collect();
    assert_eq!(changed, ["Dott.ssa Elena Sala"]);
    let removed: Vec<_> = p.plan.removed.iter().map(|m| m.nome.as_str()).collect();
    assert_eq!(removed, ["Dott. Luca Ferrario"]);
    let unmatched: Vec<_> = p.plan.unmatched.iter().map(|u| u.nome.as_str()).collect();
    assert_eq!(unmatched, ["Lucia Bertè"]);
    let screen = ui.screen();
    assert!(screen.contains("riga 5: Lucia Bertè: Gestore"), "{screen}");
    insta::assert_snapshot!("channels_mmg_import_preview_80x24", screen);
    // Nothing written before Ctrl+S.
    assert_eq!(
        ui.desk().gestori().practice().expect("practice").mmg,
        practice.mmg
    );
    ui.keys(|e| {
        e.ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Adesioni impostate in Studio: 1 aggiunte, 1 cambiate, 1 tolte"
    );
    let now = ui.desk().gestori().practice().expect("practice");
    assert_eq!(now.gestore_of_mmg("Dott.ssa Elena Sala"), Some(coop.id));
    assert_eq!(now.gestore_of_mmg("Marco Riva"), Some(coop.id));
    assert_eq!(now.gestore_of_mmg("Dott. Luca Ferrario"), None);
    let audit = ui
        .desk()
        .operators()
        .audit_page(&Default::default(), None, 20)
        .expect("audit");
    assert!(
        audit.iter().any(|a| a.summary
            == "MMG aderenti da brianza-mmg-aderenti.csv: 1 aggiunti, 1 cambiati, 1 tolti, 1 senza Gestore riconosciuto"),
        "{audit:?}"
    );
}

#[test]
fn the_xlsx_list_of_mmg_aderenti_reads_as_the_csv() {
    use sportello::service::mmg_aderenti::read_mmg_aderenti_file;
    let (_, csv) = read_mmg_aderenti_file(Path::new(CSV), None).expect("csv");
    let (_, xlsx) = read_mmg_aderenti_file(Path::new(XLSX), None).expect("xlsx");
    assert_eq!(xlsx.sheet.as_deref(), Some("Aderenti"));
    let rows = |p: &sportello::service::mmg_aderenti::MmgAderentiPreview| {
        p.accepted
            .iter()
            .map(|r| {
                (
                    r.nome.clone(),
                    r.codice_regionale.clone(),
                    r.gestore.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&csv), rows(&xlsx));
    assert_eq!(
        rows(&csv)[0],
        (
            "Elena Sala".to_string(),
            "300101".to_string(),
            "ES-24-01".to_string()
        )
    );
    assert_eq!(csv.rejected.len(), xlsx.rejected.len());
}

#[test]
fn the_clinical_manager_follows_the_gestore() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = desk_on(dir.path(), 2026, 11, 22);
    let id = anna(&desk, MMG);
    adheres(&desk, MMG);
    // An ASST: the draft has no Clinical Manager (it used to get the MMG).
    let asst = gestore(&desk, ASST_BRIANZA);
    desk.gestori()
        .choose_gestore(
            id,
            asst.id,
            Canale::CentroServiziAsst,
            date(2026, 11, 22),
            "",
        )
        .expect("chosen");
    let mut ui = Harness::new(desk, 80, 24);
    ui.keys(|e| {
        e.text("rossi anna")
            .key(KeyCode::Enter)
            .key(KeyCode::F(4))
            .key(KeyCode::F(9));
    });
    assert!(
        matches!(top(&ui.app), Screen::PattoText(_)),
        "{}",
        ui.screen()
    );
    let patti = ui.desk().patto().patti(id).expect("patti");
    assert_eq!(patti.len(), 1);
    assert_eq!(patti[0].clinical_manager, "");
    // Signing is refused until the ASST names one.
    ui.keys(|e| {
        for _ in 0..5 {
            e.key(KeyCode::Tab);
        }
        e.key(KeyCode::Char(' ')).ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Manca il Clinical Manager: indicare il medico che redige il PAI, poi firmare."
    );
    // The MMG's cooperative: the draft names the MMG.
    let desk = ui.desk();
    desk.gestori()
        .revoke_presa(id, date(2026, 11, 22), "prova")
        .expect("revoked");
    let coop = gestore(desk, COOP_BRIANZA);
    desk.gestori()
        .choose_gestore(id, coop.id, Canale::MmgAderente, date(2026, 11, 22), "")
        .expect("chosen");
    let draft = desk.patto().prepare_patto(id).expect("draft");
    assert_eq!(draft.clinical_manager, MMG);
}

fn english(desk: Desk) -> Harness {
    use sportello::tui::{App, Lang};
    Harness::of(App::new(desk, Lang::En).with_idle_minutes(0), 80, 24)
}

#[test]
fn the_channels_in_english() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, id) = anna_with_the_rsa(dir.path());
    adheres(&desk, MMG);
    let mut ui = english(desk);
    // The record and the recall list.
    ui.keys(|e| {
        e.text("rossi anna").key(KeyCode::Enter);
    });
    assert!(
        ui.screen().contains("to move to the GP's"),
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.key(KeyCode::F(7));
        for _ in 0..5 {
            e.key(KeyCode::Tab);
        }
    });
    insta::assert_snapshot!("channels_en_da_trasferire_80x24", ui.screen());
    // The choice dialog of the ASST (after the revocation).
    ui.desk()
        .gestori()
        .revoke_presa(id, date(2026, 11, 22), "test")
        .expect("revoked");
    ui.keys(|e| {
        e.key(KeyCode::Enter).text("asst").key(KeyCode::Enter);
    });
    let text = modal_text(&ui);
    assert!(
        text.contains(
            "Channel Adhering GP (MMG): not available, the patient's GP (Dott.ssa Elena Sala) does not adhere to this Gestore"
        ),
        "{text}"
    );
    insta::assert_snapshot!("channels_en_choice_asst_80x24", ui.screen());
    // The earlier-model Gestore.
    ui.keys(|e| {
        e.key(KeyCode::Esc)
            .ctrl('u')
            .text("merate")
            .key(KeyCode::Enter);
    });
    assert!(
        modal_text(&ui)
            .contains("Gestore of the earlier model: it takes no new enrolment after 31/12/2024"),
        "{}",
        ui.screen()
    );
    // The import preview.
    ui.keys(|e| {
        e.key(KeyCode::Esc).key(KeyCode::F(11));
        for _ in 0..11 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter).text(CSV).key(KeyCode::Enter);
    });
    let screen = ui.screen();
    assert!(
        screen.contains("line 6: the doctor's name is missing"),
        "{screen}"
    );
    insta::assert_snapshot!("channels_en_mmg_import_preview_80x24", screen);
}

/// A file that is no list of MMG aderenti is refused in English too,
/// naming the columns the list needs.
#[test]
fn a_file_without_the_mmg_header_is_refused_in_english() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _) = anna_with_the_rsa(dir.path());
    let file = dir.path().join("elenco.csv");
    std::fs::write(&file, "Nome;Data\nMario;01/01/2026\n").expect("written");
    let mut ui = english(desk);
    ui.keys(|e| {
        e.key(KeyCode::F(11));
        for _ in 0..11 {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter)
            .text(&file.display().to_string())
            .key(KeyCode::Enter);
    });
    let screen = ui.screen().replace("\"\n\"", "");
    assert!(screen.contains("no header recognised"), "{screen}");
    assert!(!screen.contains("intestazione"), "{screen}");
}
