//! Login, first start, the idle lock, roles and the Amministrazione sections
//! Operatori and Registro accessi, driven through the real loop.

use crate::common;

use common::harness::Harness;

use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::KeyCode;

use common::screen::{Screen, top};
use sportello::domain::audit::AuditAction;
use sportello::domain::operator::Role;
use sportello::service::{Desk, ManualClock};
use sportello::tui::admin::Section;
use sportello::tui::app::StatusKind;
use sportello::tui::shell::login::GateMode;
use sportello::tui::{App, Lang, ScriptedEvents};

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(
        NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    ))
}

/// A store with an administrator `capo` and a segreteria `anna`.
fn store_with_operators(dir: &std::path::Path, clock: Arc<ManualClock>) -> Desk {
    let desk = Desk::open(dir, clock).unwrap();
    desk.operators()
        .add_operator("capo", "password-capo", Role::Amministratore)
        .unwrap();
    desk.operators()
        .add_operator("anna", "password-anna", Role::Segreteria)
        .unwrap();
    desk
}

fn login(e: &mut ScriptedEvents, user: &str, password: &str) {
    e.text(user)
        .key(KeyCode::Tab)
        .text(password)
        .key(KeyCode::Enter);
}

#[test]
fn first_start_creates_the_administrator() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(dir.path(), clock()).unwrap();
        let mut ui = Harness::of(App::with_login(desk, Lang::It), w, h);
        assert_eq!(ui.app.gate().map(|g| g.mode()), Some(&GateMode::FirstStart));
        // A password shorter than 8 is refused with the rule.
        ui.keys(|e| {
            e.text("Capo")
                .key(KeyCode::Tab)
                .text("corta")
                .key(KeyCode::Tab)
                .text("corta")
                .key(KeyCode::Enter);
        });
        insta::assert_snapshot!(format!("first_start_{w}x{h}"), ui.screen());
        assert!(!ui.screen().contains("corta"), "passwords are never shown");
        assert_eq!(
            ui.app.gate().and_then(|g| g.error()),
            Some("La password deve avere almeno 8 caratteri.")
        );
        // Two different passwords.
        // The focus is back on the password.
        ui.keys(|e| {
            for _ in 0..section_index(Section::Audit) {
                e.key(KeyCode::Backspace);
            }
            e.text("segreta-123").key(KeyCode::Tab);
            for _ in 0..section_index(Section::Audit) {
                e.key(KeyCode::Backspace);
            }
            e.text("segreta-124").key(KeyCode::Enter);
        });
        assert_eq!(
            ui.app.gate().and_then(|g| g.error()),
            Some("Le due password non coincidono.")
        );
        ui.keys(|e| {
            e.text("segreta-123").key(KeyCode::Enter);
        });
        assert!(ui.app.gate().is_none(), "{}", ui.screen());
        assert!(matches!(top(&ui.app), Screen::Lookup(_)));
        let session = ui.app.desk().session().unwrap();
        assert_eq!(
            (session.username.as_str(), session.role),
            ("Capo", Role::Amministratore)
        );
        assert!(ui.screen().lines().next().unwrap().contains("Capo (amm.)"));
    }
}

#[test]
fn five_wrong_passwords_lock_the_login_with_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let desk = store_with_operators(dir.path(), clock());
    let mut ui = Harness::of(App::with_login(desk, Lang::It), 80, 24);
    assert_eq!(ui.app.gate().map(|g| g.mode()), Some(&GateMode::Login));
    ui.keys(|e| login(e, "anna", "sbagliata"));
    assert_eq!(
        ui.app.gate().and_then(|g| g.error()),
        Some("Nome utente o password errati")
    );
    // The user name stays, the password is typed again.
    for _ in 0..section_index(Section::Operators) {
        ui.keys(|e| {
            e.text("ancora-no").key(KeyCode::Enter);
        });
    }
    insta::assert_snapshot!("login_locked_80x24", ui.screen());
    assert_eq!(
        ui.app.gate().and_then(|g| g.error()),
        Some(
            "Troppi tentativi errati: accesso bloccato fino alle 09:05. Riprovare dopo quell'ora o chiedere all'amministratore"
        )
    );
    // Even the right password waits for the lock to end.
    ui.keys(|e| {
        e.text("password-anna").key(KeyCode::Enter);
    });
    assert!(ui.app.gate().is_some());
    assert!(ui.app.desk().session().is_none());
}

#[test]
fn segreteria_is_refused_an_administrator_section() {
    let dir = tempfile::tempdir().unwrap();
    let desk = store_with_operators(dir.path(), clock());
    let mut ui = Harness::of(App::with_login(desk, Lang::It), 80, 24);
    ui.keys(|e| {
        login(e, "anna", "password-anna");
        // F11, then the Operatori section.
        e.key(KeyCode::F(11));
        for _ in 0..section_index(Section::Operators) {
            e.key(KeyCode::Down);
        }
        e.key(KeyCode::Enter);
    });
    assert_eq!(ui.app.desk().session().unwrap().role, Role::Segreteria);
    assert_eq!(
        ui.status(),
        "Serve il ruolo amministratore per gestire gli operatori (l'operatore attuale è segreteria)"
    );
    assert_eq!(ui.app.status().map(|s| s.kind), Some(StatusKind::Error));
    match top(&ui.app) {
        Screen::Admin(a) => assert!(a.is_menu(), "the section did not open"),
        _ => panic!("still on the menu"),
    }
    insta::assert_snapshot!("segreteria_refused_80x24", ui.screen());
}

#[test]
fn administrator_adds_operators_and_changes_a_role() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let desk = store_with_operators(dir.path(), clock());
        let mut ui = Harness::of(App::with_login(desk, Lang::It), w, h);
        ui.keys(|e| {
            login(e, "capo", "password-capo");
            e.key(KeyCode::F(11));
            for _ in 0..section_index(Section::Operators) {
                e.key(KeyCode::Down);
            }
            e.key(KeyCode::Enter)
                // New operator: medico.
                .key(KeyCode::Insert)
                .text("dott.sala")
                .key(KeyCode::Tab)
                .text("password-sala")
                .key(KeyCode::Tab)
                .text("password-sala")
                .key(KeyCode::Tab)
                .key(KeyCode::Char(' '))
                .key(KeyCode::Enter);
        });
        assert_eq!(ui.status(), "Operatore salvato.", "{}", ui.screen());
        let ops = ui.app.desk().operators().list().unwrap();
        let sala = ops.iter().find(|o| o.username == "dott.sala").unwrap();
        assert_eq!(sala.role, Role::Medico);
        // anna (first in the list) becomes medico too.
        ui.keys(|e| {
            e.key(KeyCode::Enter)
                .key(KeyCode::Char(' '))
                .key(KeyCode::Enter);
        });
        let anna = ui
            .app
            .desk()
            .operators()
            .list()
            .unwrap()
            .into_iter()
            .find(|o| o.username == "anna")
            .unwrap();
        assert_eq!(anna.role, Role::Medico);
        insta::assert_snapshot!(format!("operators_{w}x{h}"), ui.screen());
        // The new operator logs in with their role.
        assert_eq!(
            ui.app
                .desk()
                .login("dott.sala", "password-sala")
                .unwrap()
                .role,
            Role::Medico
        );
    }
}

#[test]
fn idle_lock_keeps_the_work_and_asks_the_same_password() {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let desk = store_with_operators(dir.path(), clock.clone());
    let app = App::with_login(desk, Lang::It).with_idle_minutes(10);
    let mut ui = Harness::of(app, 80, 24);
    ui.keys(|e| {
        login(e, "anna", "password-anna");
        e.key(KeyCode::F(9)).text("Verdi");
    });
    assert!(matches!(top(&ui.app), Screen::Form(_)));
    // Nine minutes: nothing happens.
    clock.advance(chrono::Duration::minutes(9));
    ui.keys(|e| {
        e.tick();
    });
    assert!(ui.app.gate().is_none());
    clock.advance(chrono::Duration::minutes(10));
    ui.keys(|e| {
        e.tick();
    });
    assert_eq!(
        ui.app.gate().map(|g| g.mode()),
        Some(&GateMode::Unlock {
            username: "anna".into()
        })
    );
    insta::assert_snapshot!("idle_locked_80x24", ui.screen());
    assert!(
        !ui.screen().contains("Verdi"),
        "the work is hidden while locked"
    );
    ui.keys(|e| {
        e.text("sbagliata").key(KeyCode::Enter);
    });
    assert_eq!(
        ui.app.gate().and_then(|g| g.error()),
        Some("Nome utente o password errati")
    );
    ui.keys(|e| {
        e.text("password-anna").key(KeyCode::Enter);
    });
    assert!(ui.app.gate().is_none());
    // The form is still there with what was typed.
    assert!(matches!(top(&ui.app), Screen::Form(_)));
    assert!(ui.screen().contains("Verdi"), "{}", ui.screen());
    // A key after the idle time locks instead of acting.
    clock.advance(chrono::Duration::minutes(11));
    ui.keys(|e| {
        e.text("x");
    });
    assert!(ui.app.gate().is_some());
}

#[test]
fn access_log_lists_newest_first_and_filters_by_operator() {
    for (w, h) in [(80, 24), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let desk = store_with_operators(dir.path(), clock());
        let mut ui = Harness::of(App::with_login(desk, Lang::It), w, h);
        ui.keys(|e| {
            login(e, "anna", "password-anna");
        });
        ui.app.desk().logout().unwrap();
        let mut ui = Harness::of(App::with_login(ui.app.desk().clone(), Lang::It), w, h);
        ui.keys(|e| {
            login(e, "capo", "password-capo");
            e.key(KeyCode::F(11));
            for _ in 0..section_index(Section::Audit) {
                e.key(KeyCode::Down);
            }
            e.key(KeyCode::Enter);
        });
        let Screen::Admin(admin) = top(&ui.app) else {
            panic!("{}", ui.screen());
        };
        let entries = admin.audit().unwrap().entries();
        let kinds: Vec<(AuditAction, &str)> = entries
            .iter()
            .map(|e| (e.action, e.operator.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (AuditAction::Login, "capo"),
                (AuditAction::Logout, "anna"),
                (AuditAction::Login, "anna"),
                (AuditAction::OperatorChanged, "riga di comando"),
                (AuditAction::OperatorChanged, "riga di comando"),
            ]
        );
        insta::assert_snapshot!(format!("access_log_{w}x{h}"), ui.screen());
        // Filter: operator anna.
        ui.keys(|e| {
            e.key(KeyCode::Tab).text("anna").key(KeyCode::Enter);
        });
        let Screen::Admin(admin) = top(&ui.app) else {
            panic!();
        };
        let seqs: Vec<AuditAction> = admin
            .audit()
            .unwrap()
            .entries()
            .iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(seqs, vec![AuditAction::Logout, AuditAction::Login]);
    }
}

/// Where a section is in the Amministrazione menu.
fn section_index(section: Section) -> usize {
    Section::ALL
        .iter()
        .position(|s| *s == section)
        .unwrap_or(Section::ALL.len())
}
