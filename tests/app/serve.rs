//! `sportello serve`: desks connected over SSH to one server on a temporary
//! store, each desk's screen read by feeding the bytes it receives into a
//! terminal emulator (vt100).

use std::net::SocketAddr;

use chrono::NaiveDateTime;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::client;
use russh::keys::PublicKey;
use russh::{ChannelMsg, ChannelWriteHalf};
use sportello::domain::audit::AuditFilter;
use sportello::domain::operator::Role;
use sportello::serve::{self, Running, ServeOptions};
use sportello::service::{Desk, DeskError, FixedClock, LoginError};

use crate::common;

const ANNA: &str = "anna";
const ANNA_PW: &str = "segreteria-anna-1";
const BRUNO: &str = "bruno";
const BRUNO_PW: &str = "amministra-bruno-2";

/// A store with two operators, served on a free port of 127.0.0.1.
fn server(dir: &Path) -> (Running, Desk) {
    server_with(dir, |_| {})
}

fn server_with(dir: &Path, tune: impl FnOnce(&mut ServeOptions)) -> (Running, Desk) {
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    let desk = Desk::open(dir, Arc::new(clock)).expect("store opens");
    desk.operators()
        .add_operator(ANNA, ANNA_PW, Role::Segreteria)
        .expect("anna added");
    desk.operators()
        .add_operator(BRUNO, BRUNO_PW, Role::Amministratore)
        .expect("bruno added");
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().expect("address"));
    opts.auth_rejection_time = Duration::from_millis(10);
    tune(&mut opts);
    let running = serve::start(desk.clone(), opts).expect("server starts");
    (running, desk)
}

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKey) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime")
}

async fn connect(addr: SocketAddr) -> client::Handle<Client> {
    client::connect(Arc::new(client::Config::default()), addr, Client)
        .await
        .expect("connects")
}

/// A connection logged in with a password.
async fn password_login(addr: SocketAddr, user: &str, pw: &str) -> client::Handle<Client> {
    let mut handle = connect(addr).await;
    let auth = handle
        .authenticate_password(user, pw)
        .await
        .expect("auth answered");
    assert!(auth.success(), "login of {user} refused");
    handle
}

/// A connection logged in as bruno, without a session channel yet.
async fn logged_in(addr: SocketAddr) -> client::Handle<Client> {
    let mut handle = connect(addr).await;
    assert!(
        handle
            .authenticate_password(BRUNO, BRUNO_PW)
            .await
            .expect("auth answered")
            .success()
    );
    handle
}

/// One desk: an SSH session with a pty and the application in it.
struct DeskTerm<'rt> {
    rt: &'rt tokio::runtime::Runtime,
    _handle: client::Handle<Client>,
    write: ChannelWriteHalf<client::Msg>,
    screen: Arc<Mutex<vt100::Parser>>,
    closed: Arc<AtomicBool>,
}

impl<'rt> DeskTerm<'rt> {
    fn open(rt: &'rt tokio::runtime::Runtime, addr: SocketAddr, user: &str, pw: &str) -> Self {
        let handle = rt.block_on(password_login(addr, user, pw));
        Self::shell(rt, handle)
    }

    /// A desk logged in on `handle`: pty, shell, screen.
    fn shell(rt: &'rt tokio::runtime::Runtime, handle: client::Handle<Client>) -> Self {
        rt.block_on(async {
            let channel = handle.channel_open_session().await.expect("session");
            channel
                .request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
                .await
                .expect("pty");
            channel.request_shell(false).await.expect("shell");
            let (mut read, write) = channel.split();
            let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
            let closed = Arc::new(AtomicBool::new(false));
            let (s, c) = (Arc::clone(&screen), Arc::clone(&closed));
            tokio::spawn(async move {
                while let Some(msg) = read.wait().await {
                    if let ChannelMsg::Data { data } = msg {
                        s.lock().expect("screen").process(&data);
                    }
                }
                c.store(true, Ordering::SeqCst);
            });
            DeskTerm {
                rt,
                _handle: handle,
                write,
                screen,
                closed,
            }
        })
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Waits until the screen shows `text` (at most five seconds).
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("«{text}» never shown; the screen:\n{}", self.contents());
    }

    /// Waits until the screen shows `text`; panics after `limit`.
    fn wait_within(&self, text: &str, limit: Duration) {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "«{text}» not shown within {limit:?}; the screen:\n{}",
            self.contents()
        );
    }

    /// Sends `bytes` in one packet.
    fn send(&self, bytes: &[u8]) {
        self.rt.block_on(self.write.data(bytes)).expect("data sent");
    }

    /// Types `text` a key at a time, at a person's pace.
    fn type_text(&self, text: &str) {
        for c in text.chars() {
            let mut buf = [0u8; 4];
            self.send(c.encode_utf8(&mut buf).as_bytes());
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

#[test]
fn two_desks_work_at_once_and_each_sees_what_the_other_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server(dir.path());
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    let b = DeskTerm::open(&rt, running.addr, BRUNO, BRUNO_PW);
    // Each desk is logged in as its own operator, with no second login.
    a.wait_for("anna (segr.)");
    b.wait_for("bruno (amm.)");
    assert!(a.contents().contains("Cerca:"), "{}", a.contents());
    assert!(!a.contents().contains("bruno"));

    // Desk A registers a patient with the form (F9).
    a.send(b"\x1b[20~");
    a.wait_for("Cognome");
    a.type_text("D'Adda");
    a.send(b"\t");
    a.type_text("Niccolo");
    a.send(b"\t");
    a.type_text("dddncl80a01f205l");
    for _ in 0..6 {
        a.send(b"\t");
    }
    a.type_text("cassano d");
    a.send(b"\r");
    std::thread::sleep(Duration::from_millis(100));
    a.send(b"\x13");
    a.wait_for("Paziente salvato");

    // Desk B finds it.
    b.type_text("dadd");
    b.wait_for("D'Adda");
    b.wait_for("DDDNCL80A01F205L");

    running.stop().expect("server stops");
}

#[test]
fn a_booking_of_one_desk_shows_on_anothers_agenda_within_one_second() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, desk) = server(dir.path());
    let pid = common::agenda::setup(&desk);
    let rt = runtime();
    let b = DeskTerm::open(&rt, running.addr, BRUNO, BRUNO_PW);
    b.wait_for("bruno (amm.)");
    // F6, then the next day: Monday 23/11/2026, nothing booked yet.
    b.send(b"\x1b[17~");
    b.wait_for("domenica 22/11/2026");
    b.send(b"\x1b[6~");
    b.wait_for("lunedì 23/11/2026");
    assert!(!b.contents().contains("Visita di A"), "{}", b.contents());

    // Another desk books through the service.
    let studio = desk
        .agenda()
        .resources()
        .expect("resources")
        .into_iter()
        .find(|r| r.nome.starts_with("Studio"))
        .expect("surgery")
        .id;
    let start = NaiveDateTime::parse_from_str("2026-11-23 10:00", "%Y-%m-%d %H:%M").unwrap();
    desk.agenda()
        .book_appointment(sportello::domain::agenda::Appointment {
            id: 0,
            patient: pid,
            pai: None,
            item: None,
            occorrenza: None,
            resource: Some(studio),
            start,
            end: start + chrono::Duration::minutes(20),
            descrizione: "Visita di A".into(),
            stato: sportello::domain::agenda::AppStato::Prenotato,
            esterno: None,
            note: String::new(),
            forzatura: None,
        })
        .expect("booked");
    b.wait_within("Visita di A", Duration::from_secs(1));
    assert!(b.contents().contains("1 appuntament"), "{}", b.contents());

    running.stop().expect("server stops");
}

#[test]
fn five_wrong_passwords_lock_the_operator_on_every_desk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, desk) = server(dir.path());
    let rt = runtime();
    rt.block_on(async {
        // Three tries per connection, as OpenSSH's client makes.
        let mut handle = connect(running.addr).await;
        for i in 0..5 {
            if i == 3 {
                handle = connect(running.addr).await;
            }
            let auth = handle
                .authenticate_password(ANNA, "sbagliata-123")
                .await
                .expect("auth answered");
            assert!(!auth.success());
        }
        // The right password, from another connection, is refused too.
        let mut handle = connect(running.addr).await;
        let auth = handle
            .authenticate_password(ANNA, ANNA_PW)
            .await
            .expect("auth answered");
        assert!(
            !auth.success(),
            "the right password is refused while locked"
        );
    });
    // Locked for a local login too.
    let local = desk.new_session(None);
    assert!(matches!(
        local.login(ANNA, ANNA_PW),
        Err(DeskError::Login(LoginError::Locked { .. }))
    ));
    // The failures are in the audit trail with the client's address.
    let entries = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 50)
        .expect("audit");
    let failures: Vec<_> = entries
        .iter()
        .filter(|e| e.operator == ANNA && e.summary.contains("password errata"))
        .collect();
    assert_eq!(failures.len(), 5, "{entries:?}");
    assert!(
        failures.iter().all(|e| e.summary.ends_with("da 127.0.0.1")),
        "{failures:?}"
    );
    // Another operator still gets in.
    let b = DeskTerm::open(&rt, running.addr, BRUNO, BRUNO_PW);
    b.wait_for("bruno (amm.)");
    running.stop().expect("server stops");
}

#[test]
fn only_the_application_is_served_no_command_nor_sftp() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server(dir.path());
    let rt = runtime();
    rt.block_on(async {
        let handle = logged_in(running.addr).await;
        let mut exec = handle.channel_open_session().await.expect("session");
        exec.exec(true, "cat /etc/passwd").await.expect("sent");
        assert!(matches!(exec.wait().await, Some(ChannelMsg::Failure)));
        let handle = logged_in(running.addr).await;
        let mut sftp = handle.channel_open_session().await.expect("session");
        sftp.request_subsystem(true, "sftp").await.expect("sent");
        assert!(matches!(sftp.wait().await, Some(ChannelMsg::Failure)));
        // Forwarding a port is refused.
        assert!(
            handle
                .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
                .await
                .is_err()
        );
    });
    running.stop().expect("server stops");
}

#[test]
fn host_key_is_private_and_its_fingerprint_is_stable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server(dir.path());
    let first = running.fingerprint.clone();
    assert!(first.starts_with("SHA256:"), "{first}");
    let path = serve::host_key_path(dir.path());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    running.stop().expect("server stops");
    let (key, created) = serve::host_key(dir.path()).expect("key read");
    assert!(!created);
    assert_eq!(serve::fingerprint(&key), first);
}

#[test]
fn a_local_start_on_a_served_store_is_told_how_to_connect() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, desk) = server(dir.path());
    drop(desk);
    let data = dir.path().to_str().expect("utf-8 path");
    let out = common::cli::sportello_with_input(&["--data-dir", data, "check"], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let port = running.addr.port();
    assert!(
        stderr.contains(&format!(
            "Archivio in uso da sportello serve: collegarsi con ssh -p {port} utente@"
        )),
        "{stderr}"
    );
    running.stop().expect("server stops");
    // The marker is gone with the server: the store opens again locally.
    assert!(!dir.path().join(sportello::store::SERVE_MARKER).exists());
    let out = common::cli::sportello_with_input(&["--data-dir", data, "check"], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn closing_the_server_tells_every_desk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server(dir.path());
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    let b = DeskTerm::open(&rt, running.addr, BRUNO, BRUNO_PW);
    a.wait_for("anna (segr.)");
    b.wait_for("bruno (amm.)");
    running.stop().expect("server stops");
    for desk in [&a, &b] {
        desk.wait_for("Il server si chiude");
        let start = Instant::now();
        while !desk.closed.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(desk.closed.load(Ordering::SeqCst), "channel left open");
    }
}

#[test]
fn window_resize_redraws_at_the_new_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server(dir.path());
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    a.wait_for("anna (segr.)");
    a.screen
        .lock()
        .expect("screen")
        .screen_mut()
        .set_size(30, 100);
    rt.block_on(a.write.window_change(100, 30, 0, 0))
        .expect("resize sent");
    // The footer moves to the new last line.
    let start = Instant::now();
    loop {
        let rows: Vec<String> = a
            .screen
            .lock()
            .expect("screen")
            .screen()
            .rows(0, 100)
            .collect();
        if rows[29].contains("F10 Esci") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "footer not on line 30:\n{}",
            rows.join("\n")
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    running.stop().expect("server stops");
}

#[test]
fn function_keys_as_xterm_putty_and_the_linux_console_send_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server(dir.path());
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    a.wait_for("anna (segr.)");
    let header = |d: &DeskTerm| d.contents().lines().next().unwrap_or("").to_string();
    let area = |d: &DeskTerm, keys: &[u8], title: &str| {
        d.send(keys);
        let start = Instant::now();
        while !header(d).contains(title) {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "{keys:?} did not open {title}:\n{}",
                d.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    // F6 (xterm, Windows Terminal, PuTTY), F2 (xterm SS3), Alt+6 (the
    // fallback), F2 (Linux console), F7 (PuTTY), F2 (PuTTY's ESC [12~).
    area(&a, b"\x1b[17~", "Agenda");
    area(&a, b"\x1bOQ", "Pazienti");
    area(&a, b"\x1b6", "Agenda");
    area(&a, b"\x1b[[B", "Pazienti");
    area(&a, b"\x1b[18~", "Richiami");
    area(&a, b"\x1b[12~", "Pazienti");
    running.stop().expect("server stops");
}

#[test]
fn a_card_read_at_a_desk_arrives_as_a_burst_and_opens_the_patient() {
    use chrono::NaiveDate;
    use sportello::domain::Sex;
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, desk) = server(dir.path());
    let p = common::patient::patient(
        "Brambilla",
        "Giovanna",
        Sex::F,
        NaiveDate::from_ymd_opt(1947, 6, 3).expect("date"),
    );
    let cf = p.codice_fiscale.clone();
    desk.patients().register_patient(p).expect("registered");
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    a.wait_for("anna (segr.)");
    // On the agenda, where typed letters do nothing, the scanner types the
    // code and Enter in one go: one packet, read as a card.
    a.send(b"\x1b[17~");
    a.wait_for("Giorno:");
    a.send(format!("{cf}\r").as_bytes());
    a.wait_for("Brambilla Giovanna");
    assert!(a.contents().contains(&cf), "{}", a.contents());
    running.stop().expect("server stops");
}

#[test]
fn a_desk_over_the_maximum_is_told_and_let_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, _desk) = server_with(dir.path(), |o| o.max_sessions = 1);
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    a.wait_for("anna (segr.)");
    let b = DeskTerm::open(&rt, running.addr, BRUNO, BRUNO_PW);
    b.wait_for("Troppe postazioni collegate: riprovare più tardi (1)");
    let start = Instant::now();
    while !b.closed.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(b.closed.load(Ordering::SeqCst), "channel left open");
    // The first desk works on.
    a.type_text("ro");
    a.wait_for("Cerca: [ro");
    running.stop().expect("server stops");
}

#[test]
fn a_connection_that_does_not_log_in_in_time_is_closed() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Long enough for the desk below to log in while every other test
    // runs beside this one (300 ms was not, now and then).
    let (running, _desk) = server_with(dir.path(), |o| {
        o.login_timeout = Duration::from_millis(1500);
    });
    let rt = runtime();
    rt.block_on(async {
        let mut handle = connect(running.addr).await;
        tokio::time::sleep(Duration::from_millis(3000)).await;
        assert!(
            handle.authenticate_password(ANNA, ANNA_PW).await.is_err(),
            "the connection should be closed"
        );
    });
    // A desk that logs in at once works.
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    a.wait_for("anna (segr.)");
    std::thread::sleep(Duration::from_millis(500));
    a.type_text("ro");
    a.wait_for("Cerca: [ro");
    running.stop().expect("server stops");
}

#[test]
fn failed_logins_from_several_desks_at_once_all_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    let desk = Desk::open(dir.path(), Arc::new(clock)).expect("store opens");
    desk.operators()
        .add_operator(ANNA, ANNA_PW, Role::Segreteria)
        .expect("anna added");
    // Five desks send a wrong password at the same moment.
    let barrier = Arc::new(std::sync::Barrier::new(5));
    let attempts: Vec<_> = (0..5)
        .map(|i| {
            let d = desk.new_session(Some(&format!("192.0.2.{i}")));
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                d.login(ANNA, "sbagliata-123")
            })
        })
        .collect();
    for a in attempts {
        assert!(a.join().expect("thread").is_err());
    }
    assert!(matches!(
        desk.new_session(None).login(ANNA, ANNA_PW),
        Err(DeskError::Login(LoginError::Locked { .. }))
    ));
}

#[test]
fn the_idle_lock_is_per_desk() {
    use sportello::service::ManualClock;
    let dir = tempfile::tempdir().expect("temp dir");
    let start = NaiveDateTime::parse_from_str("2026-11-22 09:00", "%Y-%m-%d %H:%M").expect("time");
    let clock = Arc::new(ManualClock::new(start));
    let desk = Desk::open(dir.path(), clock.clone()).expect("store opens");
    desk.operators()
        .add_operator(ANNA, ANNA_PW, Role::Segreteria)
        .expect("anna added");
    desk.operators()
        .add_operator(BRUNO, BRUNO_PW, Role::Amministratore)
        .expect("bruno added");
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().expect("address"));
    opts.idle_minutes = 10;
    let running = serve::start(desk, opts).expect("server starts");
    let rt = runtime();
    let a = DeskTerm::open(&rt, running.addr, ANNA, ANNA_PW);
    a.wait_for("anna (segr.)");
    clock.advance(chrono::Duration::minutes(6));
    let b = DeskTerm::open(&rt, running.addr, BRUNO, BRUNO_PW);
    b.wait_for("bruno (amm.)");
    // Eleven minutes after A's last key, six after B's start.
    clock.advance(chrono::Duration::minutes(5));
    a.send(b"r");
    a.wait_for("Sessione bloccata");
    b.send(b"r");
    b.wait_for("Cerca: [r");
    assert!(!b.contents().contains("Sessione bloccata"));
    // A unlocks with its own password.
    a.type_text(ANNA_PW);
    a.send(b"\r");
    a.wait_for("anna (segr.)");
    let start = Instant::now();
    while a.contents().contains("Sessione bloccata") && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !a.contents().contains("Sessione bloccata"),
        "{}",
        a.contents()
    );
    running.stop().expect("server stops");
}

/// A desk's own SSH key (Ed25519, from a fixed seed).
fn desk_key(seed: u8) -> Arc<russh::keys::PrivateKey> {
    let pair = russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&[seed; 32]);
    Arc::new(russh::keys::PrivateKey::from(pair))
}

#[test]
fn an_operators_public_key_lets_them_in_without_the_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("dati");
    {
        let clock = FixedClock::on(2026, 11, 22).expect("valid date");
        let desk = Desk::open(&data, Arc::new(clock)).expect("store opens");
        desk.operators()
            .add_operator(ANNA, ANNA_PW, Role::Segreteria)
            .expect("anna added");
    }
    // The administrator adds anna's key from its .pub file.
    let key = desk_key(7);
    let public = key.public_key().to_openssh().expect("openssh");
    let file = dir.path().join("id_ed25519.pub");
    std::fs::write(&file, format!("{public}\n")).expect("written");
    let d = data.to_str().expect("utf-8");
    let f = file.to_str().expect("utf-8");
    let out = common::cli::sportello_with_input(
        &["--data-dir", d, "operator", "chiave", "add", ANNA, f],
        "",
    );
    let fingerprint = key
        .public_key()
        .fingerprint(russh::keys::HashAlg::Sha256)
        .to_string();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("Chiave SSH {fingerprint} aggiunta per anna\n"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A file that is not a public key is refused.
    std::fs::write(&file, "non è una chiave\n").expect("written");
    let out = common::cli::sportello_with_input(
        &["--data-dir", d, "operator", "chiave", "add", ANNA, f],
        "",
    );
    assert_eq!(out.status.code(), Some(1));

    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    let desk = Desk::open(&data, Arc::new(clock)).expect("store opens");
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().expect("address"));
    opts.auth_rejection_time = Duration::from_millis(10);
    let running = serve::start(desk.clone(), opts).expect("server starts");
    let rt = runtime();
    let handle = rt.block_on(key_logins(running.addr, Arc::clone(&key)));
    let a = DeskTerm::shell(&rt, handle);
    a.wait_for("anna (segr.)");
    let entries = desk
        .operators()
        .audit_page(&AuditFilter::default(), None, 50)
        .expect("audit");
    assert!(
        entries.iter().any(|e| e.operator == ANNA
            && e.summary
                == format!("accesso con chiave SSH {fingerprint} (segreteria), da 127.0.0.1")),
        "{entries:?}"
    );
    // No failed login was recorded for the keys that were not anna's.
    assert!(
        !entries
            .iter()
            .any(|e| e.action == sportello::domain::audit::AuditAction::LoginFailed),
        "{entries:?}"
    );
    running.stop().expect("server stops");
}

/// Anna's key logs her in; another key, or her key for bruno, does not.
async fn key_logins(addr: SocketAddr, key: Arc<russh::keys::PrivateKey>) -> client::Handle<Client> {
    use russh::keys::PrivateKeyWithHashAlg;
    let mut handle = connect(addr).await;
    // Another key is not anna's.
    let other = PrivateKeyWithHashAlg::new(desk_key(8), None);
    assert!(
        !handle
            .authenticate_publickey(ANNA, other)
            .await
            .expect("answered")
            .success()
    );
    // Anna's key is not bruno's.
    let wrong_user = PrivateKeyWithHashAlg::new(Arc::clone(&key), None);
    assert!(
        !handle
            .authenticate_publickey(BRUNO, wrong_user)
            .await
            .expect("answered")
            .success()
    );
    let own = PrivateKeyWithHashAlg::new(Arc::clone(&key), None);
    assert!(
        handle
            .authenticate_publickey(ANNA, own)
            .await
            .expect("answered")
            .success()
    );
    handle
}

#[test]
fn a_locked_or_disabled_operator_is_refused_with_a_key_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FixedClock::on(2026, 11, 22).expect("valid date");
    let desk = Desk::open(dir.path(), Arc::new(clock)).expect("store opens");
    desk.operators()
        .add_operator(ANNA, ANNA_PW, Role::Segreteria)
        .expect("anna added");
    let bruno = desk
        .operators()
        .add_operator(BRUNO, BRUNO_PW, Role::Medico)
        .expect("bruno added");
    desk.operators()
        .add_operator("carla", "amministra-carla-3", Role::Amministratore)
        .expect("carla added");
    let public = |seed| {
        let text = desk_key(seed).public_key().to_openssh().expect("openssh");
        serve::read_public_key(&text).expect("key")
    };
    let (anna_fp, anna_key) = public(7);
    let (bruno_fp, bruno_key) = public(9);
    desk.operators()
        .add_ssh_key(ANNA, &anna_fp, &anna_key)
        .expect("added");
    desk.operators()
        .add_ssh_key(BRUNO, &bruno_fp, &bruno_key)
        .expect("added");
    let session = desk.new_session(None);
    assert!(session.login_with_key(ANNA, &anna_fp).is_ok());
    assert!(matches!(
        session.login_with_key(ANNA, &bruno_fp),
        Err(DeskError::Login(LoginError::Wrong))
    ));
    for _ in 0..5 {
        let _ = session.login(ANNA, "sbagliata-123");
    }
    assert!(matches!(
        session.login_with_key(ANNA, &anna_fp),
        Err(DeskError::Login(LoginError::Locked { .. }))
    ));
    desk.operators()
        .set_operator_active(bruno.id, false)
        .expect("disabled");
    assert!(matches!(
        session.login_with_key(BRUNO, &bruno_fp),
        Err(DeskError::Login(LoginError::Disabled(_)))
    ));
}

/// Waits up to five seconds for `done`.
fn eventually(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

#[test]
fn a_server_running_for_days_takes_the_daily_backup_itself() {
    use sportello::service::ManualClock;
    use sportello::service::backup::{AUTO_DIR, auto_backups};
    let dir = tempfile::tempdir().expect("temp dir");
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(23, 0, 0))
        .expect("valid time");
    let clock = Arc::new(ManualClock::new(start));
    let desk = Desk::open(dir.path(), clock.clone()).expect("store opens");
    desk.operators()
        .add_operator(ANNA, ANNA_PW, Role::Segreteria)
        .expect("anna added");
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().expect("address"));
    opts.backup_keep = 2;
    opts.backup_every = Duration::from_millis(30);
    let running = serve::start(desk.clone(), opts).expect("server starts");
    let backups = || {
        auto_backups(&dir.path().join(AUTO_DIR))
            .into_iter()
            .map(|(day, _)| day.format("%d/%m").to_string())
            .collect::<Vec<_>>()
    };
    assert!(eventually(|| backups() == ["22/11"]), "{:?}", backups());
    // Past midnight the server takes the new day's backup by itself.
    clock.advance(chrono::Duration::hours(2));
    assert!(
        eventually(|| backups() == ["22/11", "23/11"]),
        "{:?}",
        backups()
    );
    // Two kept: the oldest goes when the third day's is taken.
    clock.advance(chrono::Duration::days(1));
    assert!(
        eventually(|| backups() == ["23/11", "24/11"]),
        "{:?}",
        backups()
    );
    // One a day: more looks on the same day write nothing more.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(backups(), ["23/11", "24/11"]);
    running.stop().expect("server stops");
    // Each is a verified backup of the store: it restores.
    let (_, newest) = auto_backups(&dir.path().join(AUTO_DIR))
        .pop()
        .expect("a backup");
    sportello::service::backup::plan_restore(&newest, &dir.path().join("ripristino"), None)
        .expect("the backup reads back");
}

/// Keyboard-interactive: the password for the one prompt; what the desk
/// reads when it is refused (the instructions of the request that follows,
/// with no prompt), or `None` when it is accepted.
async fn interactive_login(
    handle: &mut client::Handle<Client>,
    user: &str,
    pw: &str,
) -> Option<String> {
    use russh::client::KeyboardInteractiveAuthResponse as R;
    let asked = handle
        .authenticate_keyboard_interactive_start(user, None)
        .await
        .expect("answered");
    let R::InfoRequest { prompts, .. } = asked else {
        panic!("a prompt expected: {asked:?}");
    };
    assert_eq!(prompts.len(), 1);
    assert_eq!(prompts[0].prompt, "Password: ");
    assert!(!prompts[0].echo, "the password is not echoed");
    match handle
        .authenticate_keyboard_interactive_respond(vec![pw.to_string()])
        .await
        .expect("answered")
    {
        R::Success => None,
        R::InfoRequest {
            instructions,
            prompts,
            ..
        } => {
            assert!(prompts.is_empty(), "{prompts:?}");
            let end = handle
                .authenticate_keyboard_interactive_respond(Vec::new())
                .await
                .expect("answered");
            assert!(matches!(end, R::Failure { .. }), "{end:?}");
            Some(instructions)
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_refused_password_tells_the_desk_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (running, desk) = server(dir.path());
    let rt = runtime();
    rt.block_on(async {
        let mut h = connect(running.addr).await;
        assert_eq!(
            interactive_login(&mut h, ANNA, "sbagliata-1")
                .await
                .as_deref(),
            Some("Nome utente o password errati\r\n")
        );
        let mut h = connect(running.addr).await;
        assert_eq!(
            interactive_login(&mut h, "nessuno", "sbagliata-1")
                .await
                .as_deref(),
            Some("Nome utente o password errati\r\n"),
            "an unknown name reads as a wrong password"
        );
        for i in 2..=5 {
            let mut h = connect(running.addr).await;
            let said = interactive_login(&mut h, ANNA, &format!("sbagliata-{i}")).await;
            assert!(said.is_some());
        }
        // Locked: the right password too is refused, saying until when.
        let mut h = connect(running.addr).await;
        let said = interactive_login(&mut h, ANNA, ANNA_PW)
            .await
            .expect("refused");
        assert!(
            said.starts_with("Troppi tentativi errati: accesso bloccato fino alle "),
            "{said}"
        );
        // Bruno logs in with the same method.
        let mut h = connect(running.addr).await;
        assert_eq!(interactive_login(&mut h, BRUNO, BRUNO_PW).await, None);
    });
    running.stop().expect("server stops");
    // A disabled operator, said in English with --lang en.
    let carlo = desk
        .operators()
        .add_operator("carlo", "segreteria-carlo-3", Role::Segreteria)
        .expect("carlo added");
    desk.operators()
        .set_operator_active(carlo.id, false)
        .expect("disabled");
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().expect("address"));
    opts.auth_rejection_time = Duration::from_millis(10);
    opts.lang = sportello::tui::Lang::En;
    let running = serve::start(desk, opts).expect("server starts");
    rt.block_on(async {
        let mut h = connect(running.addr).await;
        assert_eq!(
            interactive_login(&mut h, "carlo", "segreteria-carlo-3")
                .await
                .as_deref(),
            Some("The operator carlo is disabled: ask the administrator\r\n")
        );
    });
    running.stop().expect("server stops");
}
