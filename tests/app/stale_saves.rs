//! Saves made on what a screen read, refused when another desk changed the
//! record since: the PAI draft, the Gestore choice and its revocation, the
//! Studio settings and the Patto's Clinical Manager. Two sessions of one
//! store, as two desks of `sportello serve`; nothing of the refused save is
//! written and the first desk's change is kept.

use crate::common;

use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use common::harness::Harness;
use common::patient::patient;
use sportello::domain::operator::Role;
use sportello::domain::pai::Farmaco;
use sportello::domain::{Canale, Sex};
use sportello::service::{Desk, FixedClock};
use sportello::tui::{App, Lang};

const MEDICO: &str = "medico";
const MEDICO_PW: &str = "medico-password-1";
const ADMIN2: &str = "vice";
const ADMIN2_PW: &str = "vice-password-2";

/// The store with the agenda set-up (a patient with a Gestore, a signed
/// Patto and a shared PAI) and two desks: a doctor and an administrator.
fn two_desks(dir: &std::path::Path) -> (Desk, Desk, Desk, u64) {
    let desk = Desk::open(dir, Arc::new(FixedClock::on(2026, 11, 23).unwrap())).unwrap();
    let pid = common::agenda::setup(&desk);
    desk.operators()
        .add_operator(MEDICO, MEDICO_PW, Role::Medico)
        .unwrap();
    desk.operators()
        .add_operator(ADMIN2, ADMIN2_PW, Role::Amministratore)
        .unwrap();
    let a = desk.new_session(Some("192.0.2.1"));
    a.login(MEDICO, MEDICO_PW).unwrap();
    let b = desk.new_session(Some("192.0.2.2"));
    b.login(ADMIN2, ADMIN2_PW).unwrap();
    (desk, a, b, pid)
}

fn changed(fields: &str) -> String {
    format!(
        "Nel frattempo un altro sportello ha modificato: {fields}. Riaprire la scheda per vedere i dati attuali; le modifiche fatte qui restano nel modulo."
    )
}

#[test]
fn a_pai_draft_saved_over_another_desks_save_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, a, b, pid) = two_desks(dir.path());
    let shared = desk.pai().current_pai(pid).unwrap().unwrap();
    let draft = desk.pai().new_pai_version(shared.id).unwrap();
    // Both desks open the draft.
    let opened_a = a.pai().current_pai(pid).unwrap().unwrap();
    let opened_b = b.pai().current_pai(pid).unwrap().unwrap();
    assert_eq!((opened_a.id, opened_b.id), (draft.id, draft.id));
    let mut edited_a = opened_a.clone();
    edited_a.farmaci.push(Farmaco {
        farmaco: "Metformina 500 mg".into(),
        ..Default::default()
    });
    a.pai().save_pai_draft_opened(&opened_a, edited_a).unwrap();
    let mut edited_b = opened_b.clone();
    edited_b.allergie.push("penicillina".into());
    let err = b
        .pai()
        .save_pai_draft_opened(&opened_b, edited_b)
        .unwrap_err();
    assert_eq!(err.to_string(), changed("Farmaci"));
    assert_eq!(
        sportello::texts::error(Lang::En, &err),
        "Meanwhile another desk changed: Medicines. Open the record again to see the current data; the changes made here stay in the form."
    );
    let stored = desk.pai().get(draft.id).unwrap().unwrap();
    assert_eq!(stored.farmaci.len(), 1);
    assert!(stored.allergie.is_empty(), "nothing of the refused save");
    // Saved again on what is stored now, it goes through.
    let mut again = stored.clone();
    again.allergie.push("penicillina".into());
    b.pai().save_pai_draft_opened(&stored, again).unwrap();
    assert_eq!(desk.pai().get(draft.id).unwrap().unwrap().allergie.len(), 1);
    assert!(desk.operators().verify_audit().unwrap().is_ok());
}

#[test]
fn studio_settings_saved_over_another_desks_save_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, _a, b, _) = two_desks(dir.path());
    let opened_local = desk.gestori().practice().unwrap();
    let opened_b = b.gestori().practice().unwrap();
    let mut renamed = opened_local.clone();
    renamed.nome = "Studio Medico Rossi".into();
    desk.gestori()
        .save_practice_opened(&opened_local, &renamed)
        .unwrap();
    let mut with_mifs = opened_b.clone();
    with_mifs.canali_attivi.push(Canale::Mifs);
    let err = b
        .gestori()
        .save_practice_opened(&opened_b, &with_mifs)
        .unwrap_err();
    assert_eq!(err.to_string(), changed("Nome dello studio"));
    let stored = desk.gestori().practice().unwrap();
    assert_eq!(stored.nome, "Studio Medico Rossi");
    assert!(!stored.canale_attivo(Canale::Mifs));
}

#[test]
fn the_patto_clinical_manager_typed_over_another_desks_change_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, a, b, _) = two_desks(dir.path());
    // A second patient with a Gestore and a Patto bozza.
    let born = NaiveDate::from_ymd_opt(1947, 1, 9).unwrap();
    let pid = desk
        .patients()
        .register_patient(patient("Zanè", "Ida", Sex::F, born))
        .unwrap();
    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    desk.gestori()
        .choose_gestore(
            pid,
            gid,
            crate::common::gestore::fitting(&desk, pid, gid),
            desk.today(),
            "",
        )
        .unwrap();
    let bozza = desk.patto().prepare_patto(pid).unwrap();
    let opened_a = a.patto().get(bozza.id).unwrap().unwrap();
    let opened_b = b.patto().get(bozza.id).unwrap().unwrap();
    a.patto()
        .set_clinical_manager_opened(&opened_a, "Dott. Paolo Neri")
        .unwrap();
    // b is an administrator: a doctor sets the Clinical Manager.
    let medico2 = desk.new_session(None);
    desk.operators()
        .add_operator("medico2", "medico-password-2", Role::Medico)
        .unwrap();
    medico2.login("medico2", "medico-password-2").unwrap();
    drop(b);
    let err = medico2
        .patto()
        .set_clinical_manager_opened(&opened_b, "Dott.ssa Sala")
        .unwrap_err();
    assert_eq!(err.to_string(), changed("Clinical Manager"));
    let stored = desk.patto().get(bozza.id).unwrap().unwrap();
    assert_eq!(stored.clinical_manager, "Dott. Paolo Neri");
    // Typed on the Patto as stored now, it is saved.
    medico2
        .patto()
        .set_clinical_manager_opened(&stored, "Dott.ssa Sala")
        .unwrap();
    assert_eq!(
        desk.patto()
            .get(bozza.id)
            .unwrap()
            .unwrap()
            .clinical_manager,
        "Dott.ssa Sala"
    );
}

#[test]
fn a_clinical_manager_correction_over_another_desks_correction_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, a, _b, pid) = two_desks(dir.path());
    let signed = desk.patto().patti(pid).unwrap().remove(0);
    assert!(signed.firma.is_some());
    let other = desk.new_session(None);
    desk.operators()
        .add_operator("medico2", "medico-password-2", Role::Medico)
        .unwrap();
    other.login("medico2", "medico-password-2").unwrap();
    let opened_a = a.patto().get(signed.id).unwrap().unwrap();
    let opened_other = other.patto().get(signed.id).unwrap().unwrap();
    a.patto()
        .correct_clinical_manager_opened(&opened_a, "Dott. Paolo Neri", "errore di battitura")
        .unwrap();
    let err = other
        .patto()
        .correct_clinical_manager_opened(&opened_other, "Dott.ssa Sala", "cambio medico")
        .unwrap_err();
    assert_eq!(err.to_string(), changed("Clinical Manager"));
    let stored = desk.patto().get(signed.id).unwrap().unwrap();
    assert_eq!(stored.clinical_manager, "Dott. Paolo Neri");
    assert_eq!(stored.correzioni_cm.len(), 1);
}

#[test]
fn a_gestore_choice_or_revocation_over_another_desks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, a, b, _) = two_desks(dir.path());
    let born = NaiveDate::from_ymd_opt(1947, 1, 9).unwrap();
    let pid = desk
        .patients()
        .register_patient(patient("Zanè", "Ida", Sex::F, born))
        .unwrap();
    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    let day = desk.today();
    // Both desks show the patient with no Gestore; a records the choice.
    let chosen = a
        .gestori()
        .choose_gestore_opened(
            pid,
            gid,
            crate::common::gestore::fitting(&desk, pid, gid),
            day,
            "da a",
        )
        .unwrap();
    let err = b
        .gestori()
        .choose_gestore_opened(pid, gid, Canale::MmgAderente, day, "da b")
        .unwrap_err();
    assert_eq!(err.to_string(), changed("Gestore"));
    assert_eq!(
        desk.gestori().active_presa(pid).unwrap().unwrap().note,
        "da a"
    );
    // Both show the presa; a revokes it and records another choice; b's
    // revocation of the presa it showed is refused, the new one stays.
    a.gestori()
        .revoke_presa_opened(pid, chosen.id, day, "errore di canale")
        .unwrap();
    let again = a
        .gestori()
        .choose_gestore_opened(pid, gid, Canale::MmgAderente, day, "")
        .unwrap();
    let err = b
        .gestori()
        .revoke_presa_opened(pid, chosen.id, day, "trasferimento")
        .unwrap_err();
    assert_eq!(err.to_string(), changed("Gestore"));
    assert_eq!(
        desk.gestori().active_presa(pid).unwrap().unwrap().id,
        again.id
    );
}

#[test]
fn the_studio_screen_refuses_a_save_over_another_desks_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, _a, b, _) = two_desks(dir.path());
    let mut ui = Harness::of(App::new(desk, Lang::En), 80, 24);
    ui.keys(|e| {
        e.key(KeyCode::F(11)).key(KeyCode::Down).key(KeyCode::Down);
        e.key(KeyCode::Enter);
    });
    assert_eq!(
        ui.app.title(),
        "Administration · Practice",
        "{}",
        ui.screen()
    );
    ui.keys(|e| {
        e.ctrl('u').text("Studio Medico Rossi");
    });
    // Another desk renames the practice meanwhile.
    let mut p = b.gestori().practice().unwrap();
    p.nome = "Studio Associato Verdi".into();
    b.gestori().save_practice(&p).unwrap();
    ui.keys(|e| {
        e.tick().ctrl('s');
    });
    assert_eq!(
        ui.status(),
        "Meanwhile another desk changed: Practice name. Open the record again to see the current data; the changes made here stay in the form."
    );
    assert!(
        ui.screen().contains("Studio Medico Rossi"),
        "{}",
        ui.screen()
    );
    assert_eq!(
        ui.desk().gestori().practice().unwrap().nome,
        "Studio Associato Verdi"
    );
}
