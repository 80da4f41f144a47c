//! Crash safety: a child process writes through the desk and reports each
//! write once the desk call returned; it is killed with SIGKILL at random
//! moments. After every kill the store must hold every reported write, its
//! indexes must agree with its records, and `sportello check` must pass.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sportello::service::{Desk, FixedClock};

const KILLS: u64 = 50;

#[derive(Debug, Default)]
struct Reported {
    /// (patient, presa, patto, appointment) as far as each got.
    rows: Vec<Row>,
}

fn parse(out: &str) -> Reported {
    let mut r = Reported::default();
    for line in out.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("saved") {
            continue;
        }
        let kind = words.next().unwrap_or_default();
        let Some(id) = words.next().and_then(|w| w.parse::<u64>().ok()) else {
            // The line was cut by the kill before its end: not reported.
            continue;
        };
        // A line is complete only with its newline; `lines()` also yields a
        // cut last line, which must not count.
        if !out.contains(&format!("{line}\n")) {
            continue;
        }
        match kind {
            "patient" => r.rows.push((id, None, None, None)),
            "presa" => r.rows.last_mut().unwrap().1 = Some(id),
            "patto" => r.rows.last_mut().unwrap().2 = Some(id),
            "appointment" => r.rows.last_mut().unwrap().3 = Some(id),
            other => panic!("unknown kind {other} in {line}"),
        }
    }
    r
}

type Row = (u64, Option<u64>, Option<u64>, Option<u64>);

/// Every reported write is there; `search` also runs the lookup (slower,
/// done for the writes of the last run only).
fn verify(desk: &Desk, reported: &[Row], search: bool) {
    for &(patient, presa, patto, app) in reported {
        let p = desk
            .patients()
            .patient(patient)
            .unwrap()
            .unwrap_or_else(|| panic!("reported patient {patient} lost"));
        let by_cf = desk
            .patients()
            .patient_by_cf(&p.codice_fiscale)
            .unwrap()
            .unwrap();
        assert_eq!(by_cf.id, patient, "CF index of {patient}");
        if search {
            let found = desk.patients().find(&p.cognome, 100_000).unwrap();
            assert!(
                found.iter().any(|s| s.id == patient),
                "patient {patient} not found by surname"
            );
        }
        if let Some(presa) = presa {
            let active = desk.gestori().active_presa(patient).unwrap();
            assert_eq!(active.map(|a| a.id), Some(presa), "presa of {patient}");
        }
        if let Some(patto) = patto {
            let stored = desk
                .patto()
                .get(patto)
                .unwrap()
                .unwrap_or_else(|| panic!("reported patto {patto} lost"));
            assert_eq!(stored.patient, patient);
            assert!(stored.firma.is_some(), "patto {patto} not signed");
            desk.patto()
                .signed_patto_text(patto)
                .unwrap_or_else(|e| panic!("signed text of {patto}: {e}"));
        }
        if let Some(app) = app {
            let stored = desk
                .agenda()
                .appointment(app)
                .unwrap()
                .unwrap_or_else(|| panic!("reported appointment {app} lost"));
            assert_eq!(stored.patient, patient);
        }
    }
}

#[test]
fn sigkill_at_random_moments_loses_nothing_reported() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("dati");
    let d = data.to_str().unwrap().to_string();
    let mut rng = fastrand::Rng::with_seed(20261123);
    let mut all = Vec::new();
    let mut killed_mid_write = 0;
    let started = Instant::now();
    for seed in 1..=KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sportello"))
            .args(["prova-scrittura", "--data-dir", &d, "--seed"])
            .arg(seed.to_string())
            .env_remove("SPORTELLO_DATA")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let mut stdout = child.stdout.take().unwrap();
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                match stdout.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        out.extend_from_slice(&buf[..n]);
                        let _ = first_tx.send(());
                    }
                }
            }
            String::from_utf8(out).unwrap()
        });
        if seed % 3 == 0 {
            // Any moment from the start: during open and recovery too.
            std::thread::sleep(Duration::from_millis(rng.u64(0..400)));
        } else {
            // Somewhere in the middle of the writes.
            first_rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the writer wrote nothing in 30 s");
            std::thread::sleep(Duration::from_micros(rng.u64(0..150_000)));
        }
        let still_running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        assert!(still_running, "the writer stopped by itself (seed {seed})");
        let out = reader.join().unwrap();
        assert!(!out.contains("error"), "writer failed: {out}");
        let reported = parse(&out);
        if reported
            .rows
            .last()
            .is_some_and(|r| r.3.is_none() || !out.ends_with('\n'))
        {
            killed_mid_write += 1;
        }
        let new = reported.rows.len();
        all.extend(reported.rows);

        {
            let desk = Desk::open(&data, Arc::new(FixedClock::on(2026, 11, 23).unwrap()))
                .unwrap_or_else(|e| panic!("reopen after kill {seed}: {e}"));
            let (old, last) = all.split_at(all.len() - new);
            verify(&desk, old, false);
            verify(&desk, last, true);
            let report = desk.archive().check().unwrap();
            assert!(report.is_ok(), "after kill {seed}: {:?}", report.problems);
        }
        // The command line's own check, as an operator would run it (every
        // few kills: it is the same check as above, in a new process).
        if seed % 5 != 0 {
            continue;
        }
        let check = Command::new(env!("CARGO_BIN_EXE_sportello"))
            .args(["check", "--data-dir", &d])
            .env_remove("SPORTELLO_DATA")
            .output()
            .unwrap();
        assert_eq!(
            check.status.code(),
            Some(0),
            "sportello check after kill {seed}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    let patients = all.len();
    let complete = all.iter().filter(|r| r.3.is_some()).count();
    eprintln!(
        "{KILLS} kills in {:.1} s: {patients} patients reported ({complete} with every step), {killed_mid_write} kills in the middle of a patient",
        started.elapsed().as_secs_f64()
    );
    // The test is only worth something if the writer got going.
    assert!(
        patients >= KILLS as usize,
        "only {patients} patients written"
    );
    assert!(killed_mid_write > KILLS / 4, "{killed_mid_write}");
}
