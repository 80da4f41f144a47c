//! Automatic daily backups (rotation, once a day, failures are warnings) and
//! passphrase-encrypted backups (round trip, wrong passphrase).

use crate::common;

use common::cli::sportello_with_input;

use std::path::Path;

use std::sync::Arc;

use sportello::service::backup::{DailyBackup, auto_backups};
use sportello::service::error::BackupProblem;
use sportello::service::{Desk, DeskError, FixedClock};
use sportello::store::backup::BackupError;
use sportello::store::cifra::{SecretString, WorkFactor, is_encrypted, restore_encrypted_backup};

fn desk_on(dir: &Path, day: u32) -> Desk {
    Desk::open(dir, Arc::new(FixedClock::on(2026, 11, day).unwrap())).unwrap()
}

fn names(desk: &Desk) -> Vec<String> {
    desk.patients()
        .find("r", 1000)
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {} {}", p.cognome, p.nome, p.codice_fiscale))
        .collect()
}

/// A small cost for tests; the program lets age pick about one second.
const FAST: WorkFactor = WorkFactor(Some(10));

#[test]
fn nine_days_keep_the_last_seven() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    for day in 1..=9 {
        let desk = desk_on(&data, day);
        let done = desk.archive().daily_backup(7).unwrap();
        let DailyBackup::Written { file, removed, .. } = done else {
            panic!("day {day}: {done:?}");
        };
        assert!(file.ends_with(format!("backup/sportello-2026-11-{day:02}.backup")));
        // Day 8 removes day 1, day 9 removes day 2.
        let expected: Vec<String> = (1..day.saturating_sub(6))
            .filter(|d| *d + 7 == day)
            .map(|d| format!("sportello-2026-11-{d:02}.backup"))
            .collect();
        let removed: Vec<String> = removed
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(removed, expected, "day {day}");
        desk.load_demo(5, u64::from(day), &mut |_, _| true).unwrap();
    }
    let kept: Vec<u32> = auto_backups(&data.join("backup"))
        .iter()
        .map(|(d, _)| chrono::Datelike::day(d))
        .collect();
    assert_eq!(kept, (3..=9).collect::<Vec<_>>());
    // Each is a verified backup of that morning's store: day 9 holds the
    // patients of days 1 to 8.
    let last = sportello::store::backup::verify_backup(
        &data.join("backup").join("sportello-2026-11-09.backup"),
    )
    .unwrap();
    let patients = last
        .trees
        .iter()
        .find(|(t, _)| t == "patients")
        .map(|(_, n)| *n);
    assert_eq!(patients, Some(40));
}

#[test]
fn once_a_day_and_zero_switches_it_off() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let desk = desk_on(&data, 23);
    let DailyBackup::Written { file, .. } = desk.archive().daily_backup(7).unwrap() else {
        panic!("first start of the day");
    };
    let first = std::fs::read(&file).unwrap();
    desk.load_demo(20, 1, &mut |_, _| true).unwrap();
    assert_eq!(
        desk.archive().daily_backup(7).unwrap(),
        DailyBackup::AlreadyToday(file.clone())
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        first,
        "rewritten the same day"
    );
    drop(desk);
    let next_day = desk_on(&data, 24);
    assert!(matches!(
        next_day.archive().daily_backup(7).unwrap(),
        DailyBackup::Written { .. }
    ));
    assert_eq!(
        next_day.archive().daily_backup(0).unwrap(),
        DailyBackup::Disabled
    );

    let other = root.path().join("altri");
    let off = desk_on(&other, 23);
    assert_eq!(
        off.archive().daily_backup(0).unwrap(),
        DailyBackup::Disabled
    );
    assert!(!other.join("backup").exists());
}

#[test]
fn a_failed_automatic_backup_is_an_error_to_show_and_work_goes_on() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let desk = desk_on(&data, 23);
    // A file where the backup folder should be.
    std::fs::write(data.join("backup"), b"in the way").unwrap();
    let err = desk.archive().daily_backup(7).unwrap_err();
    assert!(
        matches!(err, DeskError::Backup(BackupProblem::Io { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("backup"), "{err}");
    desk.load_demo(10, 2, &mut |_, _| true).unwrap();
    assert!(desk.archive().check().unwrap().is_ok());
}

#[test]
fn encrypted_round_trip_and_wrong_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("chiavetta").join("copia.backup");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let pass = SecretString::from("cavallo batteria graffetta".to_string());
    let before;
    let surname;
    {
        let desk = desk_on(&data, 23);
        desk.load_demo(200, 5, &mut |_, _| true).unwrap();
        before = names(&desk);
        surname = desk.patients().find("r", 1).unwrap()[0].cognome.clone();
        let s = desk
            .archive()
            .backup_encrypted_to(&file, false, &pass, FAST)
            .unwrap();
        assert!(s.entries > 800, "{s:?}");
        assert_eq!(s.bytes, std::fs::metadata(&file).unwrap().len());
    }
    assert!(is_encrypted(&file).unwrap());
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(
        !bytes
            .windows(surname.len())
            .any(|w| w == surname.as_bytes()),
        "a surname is readable in the encrypted file"
    );
    // Nothing in clear left anywhere: only the data folder and the copy.
    let left: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert_eq!(
        std::fs::read_dir(file.parent().unwrap()).unwrap().count(),
        1
    );

    // Change the store, then restore with a wrong passphrase: refused, untouched.
    let changed = {
        let desk = desk_on(&data, 24);
        desk.load_demo(30, 6, &mut |_, _| true).unwrap();
        names(&desk)
    };
    assert_ne!(changed, before);
    let wrong = SecretString::from("cavallo batteria graffetto".to_string());
    let err = restore_encrypted_backup(&file, &data, &wrong).unwrap_err();
    assert!(matches!(err, BackupError::WrongPassphrase(_)), "{err}");
    assert!(err.to_string().contains("Passphrase errata"), "{err}");
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());
    assert_eq!(names(&desk_on(&data, 24)), changed);

    // The right one brings the backup back.
    let (summary, kept) = restore_encrypted_backup(&file, &data, &pass).unwrap();
    assert!(summary.entries > 800);
    assert!(kept.is_some());
    let desk = desk_on(&data, 24);
    assert_eq!(names(&desk), before);
    assert!(desk.archive().check().unwrap().is_ok());
    let left: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".plain"))
        .collect();
    assert!(left.is_empty(), "plaintext left behind: {left:?}");
}

#[test]
fn command_line_encrypts_and_asks_on_restore() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let d = data.to_str().unwrap();
    let file = root.path().join("copia.backup");
    let f = file.to_str().unwrap();
    {
        let desk = desk_on(&data, 23);
        desk.load_demo(50, 8, &mut |_, _| true).unwrap();
    }
    let pass = "una passphrase lunga\n";
    let short = sportello_with_input(&["backup", f, "--cifra", "--data-dir", d], "corta\ncorta\n");
    assert_eq!(short.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&short.stderr).contains("almeno 10 caratteri"));
    let differ = sportello_with_input(
        &["backup", f, "--cifra", "--data-dir", d],
        "una passphrase lunga\nun'altra passphrase\n",
    );
    assert_eq!(differ.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&differ.stderr).contains("diverse"));
    assert!(!file.exists());

    let o = sportello_with_input(
        &["backup", f, "--cifra", "--data-dir", d],
        &format!("{pass}{pass}"),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("Backup verificato e cifrato"));
    assert!(is_encrypted(&file).unwrap());

    let wrong = sportello_with_input(&["restore", f, "--data-dir", d], "non è questa\n");
    assert_eq!(wrong.status.code(), Some(1));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(err.contains("Il backup è cifrato. Passphrase:"), "{err}");
    assert!(err.contains("Passphrase errata"), "{err}");
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());

    let right = sportello_with_input(&["restore", f, "--data-dir", d], &format!("{pass}SI\n"));
    assert_eq!(
        right.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
    assert!(String::from_utf8_lossy(&right.stdout).contains("Archivio ripristinato"));
    let c = sportello_with_input(&["check", "--data-dir", d], "");
    assert!(String::from_utf8_lossy(&c.stdout).contains("Pazienti: 50"));
}

#[test]
fn a_crafted_scrypt_cost_is_refused_before_any_work() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let file = root.path().join("copia.age");
    let pass = SecretString::from("cavallo batteria graffetta".to_string());
    {
        let desk = desk_on(&data, 23);
        desk.load_demo(5, 5, &mut |_, _| true).unwrap();
        desk.archive()
            .backup_encrypted_to(&file, false, &pass, FAST)
            .unwrap();
    }
    // The scrypt stanza's last argument is the cost: 2^21 would take 2 GiB
    // (2^24, 16 GiB, aborted the program).
    let bytes = std::fs::read(&file).unwrap();
    let line_end = bytes.iter().position(|b| *b == b'\n').unwrap();
    let stanza_end = line_end
        + 1
        + bytes[line_end + 1..]
            .iter()
            .position(|b| *b == b'\n')
            .unwrap();
    let stanza = String::from_utf8(bytes[line_end + 1..stanza_end].to_vec()).unwrap();
    assert!(
        stanza.starts_with("-> scrypt ") && stanza.ends_with(" 10"),
        "{stanza}"
    );
    for cost in ["21", "24", "63"] {
        let crafted_stanza = format!("{} {cost}", &stanza[..stanza.len() - 3]);
        let mut crafted = bytes[..=line_end].to_vec();
        crafted.extend_from_slice(crafted_stanza.as_bytes());
        crafted.extend_from_slice(&bytes[stanza_end..]);
        let bad = root.path().join(format!("costo-{cost}.age"));
        std::fs::write(&bad, &crafted).unwrap();
        let err = restore_encrypted_backup(&bad, &data, &pass).unwrap_err();
        assert!(
            matches!(err, BackupError::ExcessiveWork { work, max: 20, .. } if work.to_string() == cost),
            "{cost}: {err:?}"
        );
        assert!(
            err.to_string().contains("costo di decifratura eccessivo"),
            "{err}"
        );
    }
    assert!(!root.path().join("dati.prima-del-ripristino-1").exists());
}
