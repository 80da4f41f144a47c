//! Operators, login, roles and the audit trail through the Desk.

use std::sync::Arc;

use crate::common;

use chrono::NaiveDate;
use sportello::domain::audit::{AuditAction, AuditFilter};
use sportello::domain::operator::Role;
use sportello::domain::{Patient, Sex};
use sportello::service::{Desk, DeskError, FixedClock, LoginError};

fn clock(h: u32, m: u32) -> Arc<FixedClock> {
    Arc::new(FixedClock(
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap(),
    ))
}

fn patient(cognome: &str, nome: &str) -> Patient {
    let birth = NaiveDate::from_ymd_opt(1950, 3, 12).unwrap();
    Patient {
        patologie: vec!["50".into()],
        ..common::patient::patient(cognome, nome, Sex::M, birth)
    }
}

#[test]
fn first_admin_then_roles_are_enforced_with_the_role_named() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), clock(9, 0)).unwrap();
    desk.clear_session();
    assert!(!desk.operators().has_operators());
    // Without a login nothing restricted runs.
    assert!(matches!(
        desk.operators().list(),
        Err(DeskError::Login(LoginError::NotLoggedIn))
    ));
    let short = desk
        .operators()
        .create_first_admin("capo", "corta")
        .unwrap_err();
    assert!(short.to_string().contains("almeno 8"), "{short}");
    let admin = desk
        .operators()
        .create_first_admin("Capo", "segreta-123")
        .unwrap();
    assert_eq!(
        (admin.username.as_str(), admin.role),
        ("Capo", Role::Amministratore)
    );
    assert!(
        desk.operators()
            .create_first_admin("altro", "segreta-123")
            .is_err()
    );

    desk.operators()
        .add_operator("anna", "password-anna", Role::Segreteria)
        .unwrap();
    desk.operators()
        .add_operator("medico1", "password-med", Role::Medico)
        .unwrap();
    let dup = desk
        .operators()
        .add_operator("ANNA", "password-anna", Role::Medico)
        .unwrap_err();
    assert!(dup.to_string().contains("Esiste già un operatore"), "{dup}");

    let s = desk.login("anna", "password-anna").unwrap();
    assert_eq!(s.role, Role::Segreteria);
    let refused = desk
        .operators()
        .add_operator("bruno", "password-bruno", Role::Segreteria)
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Serve il ruolo amministratore per gestire gli operatori (l'operatore attuale è segreteria)"
    );
    let refused = desk
        .gestori()
        .save_practice(&Default::default())
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("Serve il ruolo amministratore per impostare lo studio"),
        "{refused}"
    );
    let refused = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 10)
        .unwrap_err();
    assert!(refused.to_string().contains("amministratore"), "{refused}");
    // Segreteria registers patients but does not edit PAI.
    let pid = desk
        .patients()
        .register_patient(patient("Rossi", "Mario"))
        .unwrap();
    let refused = desk.pai().new_pai(pid).unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("Serve il ruolo medico per modificare il PAI"),
        "{refused}"
    );

    // The medico gets past the role check (and meets the domain rule).
    desk.login("medico1", "password-med").unwrap();
    let err = desk.pai().new_pai(pid).unwrap_err();
    assert!(err.to_string().contains("non ha un Gestore"), "{err}");
    let refused = desk
        .archive()
        .backup_to(&dir.path().join("x.bak"), false)
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("Serve il ruolo amministratore"),
        "{refused}"
    );

    // The last administrator cannot be demoted or disabled.
    desk.login("capo", "segreta-123").unwrap();
    let capo = desk
        .operators()
        .list()
        .unwrap()
        .into_iter()
        .find(|o| o.username == "Capo")
        .unwrap();
    let err = desk
        .operators()
        .set_operator_role(capo.id, Role::Medico)
        .unwrap_err();
    assert!(
        err.to_string().contains("almeno un amministratore"),
        "{err}"
    );
    assert!(
        desk.operators()
            .set_operator_active(capo.id, false)
            .is_err()
    );
    // Disabling an operator stops their login.
    let anna = desk
        .operators()
        .list()
        .unwrap()
        .into_iter()
        .find(|o| o.username == "anna")
        .unwrap();
    desk.operators()
        .set_operator_active(anna.id, false)
        .unwrap();
    let err = desk.login("anna", "password-anna").unwrap_err();
    assert!(err.to_string().contains("disattivato"), "{err}");
    // Passwords never reach the stored record in clear.
    for o in desk.operators().list().unwrap() {
        assert!(
            o.password_hash.starts_with("$argon2id$"),
            "{}",
            o.password_hash
        );
        assert!(!o.password_hash.contains("password"));
    }
}

#[test]
fn five_wrong_passwords_lock_for_five_minutes_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    {
        let desk = Desk::open(dir.path(), clock(9, 0)).unwrap();
        desk.operators()
            .add_operator("anna", "password-anna", Role::Segreteria)
            .unwrap();
        for i in 1..=4 {
            let err = desk.login("anna", &format!("sbagliata{i}")).unwrap_err();
            assert!(
                matches!(err, DeskError::Login(LoginError::Wrong)),
                "{i}: {err}"
            );
        }
    }
    // A restart does not reset the count: the fifth failure locks.
    let desk = Desk::open(dir.path(), clock(9, 1)).unwrap();
    let err = desk.login("anna", "sbagliata5").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Troppi tentativi errati: accesso bloccato fino alle 09:06. Riprovare dopo quell'ora o chiedere all'amministratore"
    );
    // Locked: even the right password is refused until 09:06.
    let err = desk.login("anna", "password-anna").unwrap_err();
    assert!(
        matches!(err, DeskError::Login(LoginError::Locked { .. })),
        "{err}"
    );
    drop(desk);
    let desk = Desk::open(dir.path(), clock(9, 6)).unwrap();
    let s = desk.login("anna", "password-anna").unwrap();
    assert_eq!(s.username, "anna");
    // A success resets the count: one more failure does not lock.
    let err = desk.login("anna", "sbagliata6").unwrap_err();
    assert!(matches!(err, DeskError::Login(LoginError::Wrong)), "{err}");
}

#[test]
fn every_change_and_record_opening_appends_one_chained_entry() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), clock(10, 0)).unwrap();
    desk.operators()
        .add_operator("anna", "password-anna", Role::Amministratore)
        .unwrap();
    desk.login("anna", "password-anna").unwrap();
    let n = |d: &Desk| d.operators().audit_len().unwrap();

    let before = n(&desk);
    let pid = desk
        .patients()
        .register_patient(patient("Rossi", "Mario"))
        .unwrap();
    assert_eq!(n(&desk), before + 1);

    let mut p = desk.patients().patient(pid).unwrap().unwrap();
    assert_eq!(
        n(&desk),
        before + 1,
        "reading without opening is not recorded"
    );
    p.telefoni = vec!["0212345678".into()];
    p.nome = "Mariano".into();
    desk.patients().update_patient(p).unwrap();
    assert_eq!(n(&desk), before + 2);

    desk.patients().open_patient_record(pid).unwrap().unwrap();
    assert_eq!(n(&desk), before + 3);

    let mut practice = desk.gestori().practice().unwrap();
    practice.nome = "Studio Sala".into();
    desk.gestori().save_practice(&practice).unwrap();
    assert_eq!(n(&desk), before + 4);

    let page = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 3)
        .unwrap();
    let kinds: Vec<AuditAction> = page.iter().map(|e| e.action).collect();
    assert_eq!(
        kinds,
        vec![
            AuditAction::PracticeSetup,
            AuditAction::OpenRecord,
            AuditAction::PatientUpdated
        ]
    );
    let update = &page[2];
    assert_eq!(update.operator, "anna");
    assert_eq!(update.patient, Some(pid));
    assert_eq!(
        update.at,
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    );
    assert!(
        update.summary.contains("nome modificato") && !update.summary.contains("Mario"),
        "{}",
        update.summary
    );
    assert!(
        update.summary.contains("telefoni modificati") && !update.summary.contains("0212345678"),
        "{}",
        update.summary
    );
    assert_eq!(page[1].prev_hash, update.hash);

    // Filters: by patient, by operator.
    let of_patient = desk
        .operators()
        .audit_page(
            &AuditFilter {
                patient: Some(pid),
                ..Default::default()
            },
            None,
            100,
        )
        .unwrap();
    assert_eq!(of_patient.len(), 3);
    // Login entries and the operator creation carry no password.
    let all = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 1000)
        .unwrap();
    assert!(all.iter().all(|e| !e.summary.contains("password-anna")));
    assert!(
        all.iter()
            .any(|e| e.action == AuditAction::Login && e.operator == "anna")
    );
    assert_eq!(desk.operators().verify_audit().unwrap(), Ok(n(&desk)));
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn gestore_patto_pai_and_agenda_changes_each_append_one_entry() {
    use chrono::{NaiveTime, Weekday};
    use sportello::domain::agenda::{AppStato, Appointment, Pattern, Resource};
    use sportello::domain::patto::{Consensi, FirmaInput, Firmatario};

    let dir = tempfile::tempdir().unwrap();
    // Monday 2 March 2026, 10:00.
    let desk = Desk::open(dir.path(), clock(10, 0)).unwrap();
    let n = || desk.operators().audit_len().unwrap();
    // Each call and what it must record.
    let expect = |before: u64, action: AuditAction, what: &str| {
        assert_eq!(desk.operators().audit_len().unwrap(), before + 1, "{what}");
        let last = desk
            .operators()
            .audit_page(&AuditFilter::default(), None, 1)
            .unwrap()
            .remove(0);
        assert_eq!(last.action, action, "{what}");
        assert_eq!(last.operator, "riga di comando", "{what}");
        last
    };

    let b = n();
    let g = common::gestore::cooperativa_esempio();
    let plan = desk.gestori().plan_gestori_import(&[g]).unwrap();
    desk.gestori()
        .apply_gestori_import(plan, "elenco.csv", 0)
        .unwrap();
    let e = expect(b, AuditAction::Import, "import");
    assert!(
        e.summary.starts_with("Gestori da elenco.csv: 1 aggiunti"),
        "{}",
        e.summary
    );

    let b = n();
    let pid = desk
        .patients()
        .register_patient(patient("Cantù", "Noè"))
        .unwrap();
    expect(b, AuditAction::PatientCreated, "register");

    let gid = desk.gestori().list(None, false).unwrap()[0].id;
    let canale = crate::common::gestore::fitting(&desk, pid, gid);
    let b = n();
    desk.gestori()
        .choose_gestore(pid, gid, canale, desk.today(), "")
        .unwrap();
    let e = expect(b, AuditAction::GestoreChosen, "choose");
    assert_eq!(e.patient, Some(pid));

    let b = n();
    let draft = desk.patto().prepare_patto(pid).unwrap();
    expect(b, AuditAction::PattoPrepared, "prepare");

    let b = n();
    desk.patto()
        .set_clinical_manager(draft.id, "Dott. Bianchi")
        .unwrap();
    let e = expect(b, AuditAction::PattoChanged, "clinical manager");
    assert!(
        e.summary.ends_with("Dott.ssa Elena Sala -> Dott. Bianchi"),
        "{}",
        e.summary
    );

    let b = n();
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
                operatore: "riga di comando".into(),
            },
        )
        .unwrap();
    expect(b, AuditAction::PattoSigned, "sign");

    let b = n();
    let pai = desk.pai().new_pai(pid).unwrap();
    expect(b, AuditAction::PaiChanged, "new pai");
    let b = n();
    desk.pai().share_pai(pai.id).unwrap();
    expect(b, AuditAction::PaiShared, "share");

    let b = n();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let (r, _) = desk
        .agenda()
        .save_resource(Resource {
            id: 0,
            nome: "Ambulatorio".into(),
            tipo: "ambulatorio MMG".into(),
            patterns: vec![Pattern {
                giorno: Weekday::Tue,
                dalle: t(9),
                alle: t(12),
                durata_min: 20,
                capacita: 1,
                valido_dal: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                valido_al: None,
            }],
            attiva: true,
        })
        .unwrap();
    expect(b, AuditAction::AgendaSetup, "resource");

    let b = n();
    let start = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap().and_time(t(9));
    let id = desk
        .agenda()
        .book_appointment(Appointment {
            id: 0,
            patient: pid,
            pai: None,
            item: None,
            occorrenza: None,
            resource: Some(r.id),
            start,
            end: start + chrono::Duration::minutes(20),
            descrizione: "Visita".into(),
            stato: AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        })
        .unwrap();
    let e = expect(b, AuditAction::AppointmentBooked, "book");
    assert_eq!(e.summary, format!("Visita il 03/03/2026 09:00 [{id}]"));

    let b = n();
    desk.agenda()
        .cancel_appointment(id, "il paziente non può")
        .unwrap();
    let e = expect(b, AuditAction::AppointmentChanged, "cancel");
    assert!(
        e.summary.ends_with("annullato (il paziente non può)"),
        "{}",
        e.summary
    );

    let b = n();
    desk.gestori()
        .revoke_presa(pid, desk.today(), "trasferito")
        .unwrap();
    expect(b, AuditAction::PresaRevoked, "revoke");

    assert_eq!(desk.operators().verify_audit().unwrap(), Ok(n()));
}

/// A password typed into the user-name field must not become a readable
/// audit entry: only its length and a tag that the store's secret keys.
#[test]
fn an_unknown_login_name_is_recorded_by_length_and_tag_never_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), clock(9, 0)).unwrap();
    desk.operators()
        .add_operator("capo", "segreta-123", Role::Amministratore)
        .unwrap();
    desk.clear_session();
    let all = |d: &Desk| {
        d.operators()
            .audit_page(&AuditFilter::default(), None, 1000)
            .unwrap()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
    };
    for _ in 0..2 {
        let err = desk.login("Segreta!2026", "qualcosa").unwrap_err();
        assert!(matches!(err, DeskError::Login(LoginError::Wrong)), "{err}");
    }
    desk.login("altro-nome", "qualcosa").unwrap_err();
    // A known name is recorded as before.
    desk.login("capo", "sbagliata").unwrap_err();
    desk.login("capo", "segreta-123").unwrap();
    let entries = all(&desk);
    for e in &entries {
        let text = format!("{} {}", e.operator, e.summary).to_lowercase();
        assert!(!text.contains("segreta!2026"), "{e:?}");
        assert!(!text.contains("altro-nome"), "{e:?}");
    }
    let failed: Vec<_> = entries
        .iter()
        .filter(|e| e.action == AuditAction::LoginFailed)
        .collect();
    assert_eq!(failed.len(), 4);
    assert_eq!(failed[0].operator, "utente sconosciuto");
    assert!(
        failed[0]
            .summary
            .starts_with("nome utente non registrato di 12 caratteri (impronta "),
        "{}",
        failed[0].summary
    );
    // The same wrong name gives the same tag, another name another one.
    assert_eq!(failed[0].summary, failed[1].summary);
    assert!(
        failed[2]
            .summary
            .starts_with("nome utente non registrato di 10 caratteri (impronta "),
        "{}",
        failed[2].summary
    );
    assert_ne!(
        failed[0].summary.rsplit(' ').next(),
        failed[2].summary.rsplit(' ').next()
    );
    assert_eq!(failed[3].operator, "capo");
    assert_eq!(failed[3].summary, "password errata (1 di seguito)");
    assert_eq!(
        desk.operators().verify_audit().unwrap(),
        Ok(entries.len() as u64)
    );

    // Another store tags the same name differently (its own secret), and
    // the secret survives a restart (same tag again).
    drop(desk);
    let desk = Desk::open(dir.path(), clock(9, 5)).unwrap();
    desk.login("Segreta!2026", "qualcosa").unwrap_err();
    desk.login("capo", "segreta-123").unwrap();
    let again = all(&desk);
    let last_failed = again
        .iter()
        .rev()
        .find(|e| e.action == AuditAction::LoginFailed)
        .unwrap();
    assert_eq!(last_failed.summary, failed[0].summary);
    let other = tempfile::tempdir().unwrap();
    let desk2 = Desk::open(other.path(), clock(9, 0)).unwrap();
    desk2
        .operators()
        .add_operator("capo", "segreta-123", Role::Amministratore)
        .unwrap();
    desk2.login("Segreta!2026", "qualcosa").unwrap_err();
    desk2.login("capo", "segreta-123").unwrap();
    let e2 = all(&desk2)
        .into_iter()
        .find(|e| e.action == AuditAction::LoginFailed)
        .unwrap();
    assert_ne!(e2.summary, failed[0].summary);
}

/// Every text field of a patient is stored without control or
/// bidirectional characters, and a field over its limit is refused with a
/// message that names the field and the limit.
#[test]
fn patient_fields_are_cleaned_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), clock(9, 0)).unwrap();
    let mut p = patient("Ros\u{1b}[31msi\u{7}", "Ma\u{202e}rio\u{2069}");
    p.note = "chiamare\u{200f} prima\n".into();
    p.residenza.indirizzo = "Via\u{202a} Roma 1".into();
    let id = desk.patients().register_patient(p).unwrap();
    let stored = desk.patients().patient(id).unwrap().unwrap();
    assert_eq!(
        (
            stored.cognome.as_str(),
            stored.nome.as_str(),
            stored.note.as_str(),
            stored.residenza.indirizzo.as_str()
        ),
        ("Ros[31msi", "Mario", "chiamare prima", "Via Roma 1")
    );

    let long = patient(&"R".repeat(3013), "Mario");
    let err = desk.patients().register_patient(long).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Il cognome può avere al massimo 100 caratteri (ne ha 3.013)"
    );
    let mut edit = stored.clone();
    edit.note = "n".repeat(2001);
    let err = desk.patients().update_patient(edit).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Il campo note può avere al massimo 2.000 caratteri (ne ha 2.001)"
    );
    // Nothing of the refused changes was stored.
    assert_eq!(desk.patients().patient(id).unwrap().unwrap(), stored);
}

#[test]
fn an_operator_change_made_on_a_list_another_desk_changed_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), clock(9, 0)).unwrap();
    desk.operators()
        .add_operator("capo", "segreta-123", Role::Amministratore)
        .unwrap();
    desk.operators()
        .add_operator("vice", "segreta-456", Role::Amministratore)
        .unwrap();
    let bruno = desk
        .operators()
        .add_operator("bruno", "password-bruno", Role::Segreteria)
        .unwrap();
    let a = desk.new_session(Some("192.0.2.1"));
    a.login("capo", "segreta-123").unwrap();
    let b = desk.new_session(Some("192.0.2.2"));
    b.login("vice", "segreta-456").unwrap();
    // Both administrators list the operators.
    let listed_a = a
        .operators()
        .list()
        .unwrap()
        .into_iter()
        .find(|o| o.id == bruno.id)
        .unwrap();
    let listed_b = listed_a.clone();
    // A failed login of bruno meanwhile is no change of the administrator's
    // fields: it does not refuse, and it is kept.
    assert!(
        desk.new_session(None)
            .login("bruno", "sbagliata-1")
            .is_err()
    );
    let promoted = a
        .operators()
        .set_operator_role_opened(bruno.id, Some(&listed_a), Role::Medico)
        .unwrap();
    assert_eq!(promoted.role, Role::Medico);
    assert_eq!(promoted.failed_logins, 1, "the failed login counted");
    // The other administrator disables bruno from the list as it was.
    let err = b
        .operators()
        .set_operator_active_opened(bruno.id, Some(&listed_b), false)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Nel frattempo un altro sportello ha modificato: Ruolo. Riaprire la scheda per vedere i dati attuali; le modifiche fatte qui restano nel modulo."
    );
    let stored = desk
        .operators()
        .list()
        .unwrap()
        .into_iter()
        .find(|o| o.id == bruno.id)
        .unwrap();
    assert_eq!((stored.role, stored.active), (Role::Medico, true));
    assert!(desk.operators().verify_audit().unwrap().is_ok());
}

#[test]
fn two_desks_removing_the_last_two_administrators_at_once_leave_one() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(dir.path(), clock(9, 0)).unwrap();
    let capo = desk
        .operators()
        .add_operator("capo", "segreta-123", Role::Amministratore)
        .unwrap();
    let vice = desk
        .operators()
        .add_operator("vice", "segreta-456", Role::Amministratore)
        .unwrap();
    // The administrator Desk::open made is retired first: capo and vice
    // are the last two.
    let a = desk.new_session(Some("192.0.2.1"));
    a.login("capo", "segreta-123").unwrap();
    let b = desk.new_session(Some("192.0.2.2"));
    b.login("vice", "segreta-456").unwrap();
    for o in desk.operators().list().unwrap() {
        if o.id != capo.id && o.id != vice.id && o.active {
            a.operators().set_operator_active(o.id, false).unwrap();
        }
    }
    let active_admins = || {
        desk.operators()
            .list()
            .unwrap()
            .into_iter()
            .filter(|o| o.active && o.role == Role::Amministratore)
            .count()
    };
    assert_eq!(active_admins(), 2);
    for round in 0..24 {
        // Each removes the other at the same moment: by the active flag on
        // even rounds, by the role on odd ones.
        let barrier = std::sync::Barrier::new(2);
        let remove = |d: &Desk, other: u64| {
            barrier.wait();
            if round % 2 == 0 {
                d.operators().set_operator_active(other, false)
            } else {
                d.operators().set_operator_role(other, Role::Segreteria)
            }
        };
        let (ra, rb) = std::thread::scope(|s| {
            let ta = s.spawn(|| remove(&a, vice.id));
            let tb = s.spawn(|| remove(&b, capo.id));
            (ta.join().unwrap(), tb.join().unwrap())
        });
        assert_eq!(
            usize::from(ra.is_ok()) + usize::from(rb.is_ok()),
            1,
            "round {round}: exactly one wins ({ra:?}, {rb:?})"
        );
        let refused = ra.err().or(rb.err()).unwrap();
        assert_eq!(
            refused.to_string(),
            "Deve restare almeno un amministratore attivo: crearne un altro prima"
        );
        assert_eq!(active_admins(), 1, "round {round}");
        // The winner puts the other back.
        let (winner, loser) = if active_admins_is(&desk, capo.id) {
            (&a, vice.id)
        } else {
            (&b, capo.id)
        };
        winner.operators().set_operator_active(loser, true).unwrap();
        winner
            .operators()
            .set_operator_role(loser, Role::Amministratore)
            .unwrap();
        assert_eq!(active_admins(), 2);
    }
    assert!(desk.operators().verify_audit().unwrap().is_ok());
}

fn active_admins_is(desk: &Desk, id: u64) -> bool {
    desk.operators()
        .list()
        .unwrap()
        .into_iter()
        .any(|o| o.id == id && o.active && o.role == Role::Amministratore)
}
