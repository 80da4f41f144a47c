//! `sportello serve`: one process holds the store and serves every desk over
//! SSH. Each desk connects with the SSH client it already has (Windows
//! `ssh`, PuTTY, macOS and Linux `ssh`); each session gets its own
//! application and its own login over the shared store.
//!
//! Only the application is served: a session channel with a pty and a
//! shell. Commands (`exec`), subsystems (SFTP), port and agent forwarding
//! and X11 are refused. The SSH password is the operator's sportello
//! password, checked by [`Desk::login`] (argon2, the lockout after five
//! failures, the audit entry naming the client's address); the application
//! then starts already logged in as that operator.
//!
//! Threads: the SSH protocol runs on a small tokio runtime; each session's
//! application runs its usual synchronous loop ([`crate::tui::run_loop`]) on
//! a thread of its own, drawing into the channel through [`SshBackend`] and
//! reading keys parsed from the channel's bytes by [`SshEvents`].

pub mod input;
pub mod strings;
pub mod terminal;

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use russh::keys::{HashAlg, PrivateKey};
use russh::server::{Auth, Msg, Session};
use russh::{Channel, ChannelId, CryptoVec, MethodKind, MethodSet, Pty};
use tokio::sync::Notify;

use crate::serve::strings::ServeStrings;
use crate::service::Desk;
use crate::store::SERVE_MARKER;
use crate::tui::{App, Lang};
use terminal::{ChannelWriter, Input, Output, SharedSize, SshBackend, SshEvents};

/// Where the server listens unless told otherwise.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:2222";

/// Sessions served at once unless told otherwise.
pub const DEFAULT_MAX_SESSIONS: usize = 20;

/// How long a connection has to log in.
pub const DEFAULT_LOGIN_TIMEOUT: Duration = Duration::from_secs(60);

/// The server's host key in the data folder (OpenSSH format, private to the
/// account that runs the server).
pub const HOST_KEY_FILE: &str = "chiave-server-ssh";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub lang: Lang,
    /// Minutes without input before a session locks (0: never).
    pub idle_minutes: u32,
    pub max_sessions: usize,
    pub login_timeout: Duration,
    /// How long a refused password takes, whatever the reason (the same
    /// for a wrong name and a wrong password).
    pub auth_rejection_time: Duration,
    /// Automatic daily backups to keep (0: none taken by the server).
    pub backup_keep: usize,
    /// How often the server looks whether today's automatic backup is
    /// taken (by the store's clock): a server running for days takes one
    /// each day.
    pub backup_every: Duration,
}

/// How often a server looks for the day's automatic backup unless told
/// otherwise.
pub const DEFAULT_BACKUP_EVERY: Duration = Duration::from_secs(10 * 60);

impl ServeOptions {
    pub fn new(listen: SocketAddr) -> ServeOptions {
        ServeOptions {
            listen,
            lang: Lang::It,
            idle_minutes: crate::tui::app::DEFAULT_IDLE_MINUTES,
            max_sessions: DEFAULT_MAX_SESSIONS,
            login_timeout: DEFAULT_LOGIN_TIMEOUT,
            auth_rejection_time: Duration::from_secs(1),
            backup_keep: 0,
            backup_every: DEFAULT_BACKUP_EVERY,
        }
    }
}

/// Why the server, its key or an operator's key could not be used.
/// `Display` is the Italian text; the command line renders it by language
/// (`texts::serve_error`).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The server's key file exists but cannot be read as a key.
    #[error("chiave del server {} illeggibile: {detail}", .path.display())]
    HostKeyUnreadable {
        path: std::path::PathBuf,
        detail: String,
    },
    /// No random bytes for a new server key.
    #[error("generatore casuale non disponibile: {0}")]
    NoRandom(String),
    /// An operator's key file that is not an OpenSSH public key.
    #[error("chiave pubblica SSH non valida: {0}")]
    NotAPublicKey(String),
    /// The server's thread ended abruptly.
    #[error("il server si è interrotto")]
    Stopped,
    /// The system's own error (address in use, a file not written...).
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The host key in `dir`, created on the first start (Ed25519, the file
/// private to the account). Returns whether it was created now.
pub fn host_key(dir: &Path) -> Result<(PrivateKey, bool), ServeError> {
    let path = dir.join(HOST_KEY_FILE);
    if path.exists() {
        let key =
            PrivateKey::read_openssh_file(&path).map_err(|e| ServeError::HostKeyUnreadable {
                path: path.clone(),
                detail: e.to_string(),
            })?;
        return Ok((key, false));
    }
    crate::private_fs::create_dir_all_private(dir)?;
    // 32 bytes from the system's random generator (two salts' worth).
    let mut seed = [0u8; 32];
    for half in seed.chunks_mut(16) {
        let salt = argon2::password_hash::try_generate_salt()
            .map_err(|e| ServeError::NoRandom(e.to_string()))?;
        half.copy_from_slice(&salt[..16]);
    }
    let keypair = russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&seed);
    let key = PrivateKey::from(keypair);
    let text = key
        .to_openssh(russh::keys::ssh_key::LineEnding::LF)
        .map_err(|e| io::Error::other(e.to_string()))?;
    crate::private_fs::write_private(&path, text.as_bytes())?;
    Ok((key, true))
}

/// How a desk may log in: the operator's password (asked by
/// keyboard-interactive, which can tell the desk why it was refused, or as
/// a plain SSH password), or a public key added with `sportello operator
/// chiave add`.
fn methods() -> MethodSet {
    MethodSet::from(
        &[
            MethodKind::KeyboardInteractive,
            MethodKind::Password,
            MethodKind::PublicKey,
        ][..],
    )
}

/// An operator's public key as read from a `.pub` file (OpenSSH format, one
/// line): its fingerprint and its text.
pub fn read_public_key(text: &str) -> Result<(String, String), ServeError> {
    let line = text.trim();
    let key = russh::keys::PublicKey::from_openssh(line)
        .map_err(|e| ServeError::NotAPublicKey(e.to_string()))?;
    let openssh = key
        .to_openssh()
        .map_err(|e| ServeError::NotAPublicKey(e.to_string()))?;
    Ok((key.fingerprint(HashAlg::Sha256).to_string(), openssh))
}

/// The fingerprint a desk's SSH client shows at the first connection
/// (`SHA256:...`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Asks a running server to close (signals, tests).
#[derive(Clone)]
pub struct Shutdown {
    notify: Arc<Notify>,
}

impl Shutdown {
    pub fn trigger(&self) {
        self.notify.notify_one();
    }
}

/// A server started by [`start`].
pub struct Running {
    pub addr: SocketAddr,
    pub fingerprint: String,
    shutdown: Shutdown,
    thread: std::thread::JoinHandle<io::Result<()>>,
}

impl Running {
    pub fn shutdown_handle(&self) -> Shutdown {
        self.shutdown.clone()
    }

    /// Waits until the server has closed (after [`Shutdown::trigger`]).
    pub fn wait(self) -> Result<(), ServeError> {
        self.thread
            .join()
            .map_err(|_| ServeError::Stopped)?
            .map_err(ServeError::Io)
    }

    /// Closes every session and the server, and waits for it.
    pub fn stop(self) -> Result<(), ServeError> {
        self.shutdown.trigger();
        self.wait()
    }
}

/// What every connection shares.
struct Shared {
    base: Desk,
    opts: ServeOptions,
    /// The input of each running session, to close them all.
    sessions: Mutex<HashMap<u64, std::sync::mpsc::Sender<Input>>>,
    active: AtomicUsize,
    next_id: AtomicU64,
    closing: AtomicBool,
}

/// Binds `opts.listen` and serves `desk`'s store until [`Shutdown`]. The
/// marker that tells a local start the store is served is written in the
/// data folder while the server runs.
pub fn start(desk: Desk, opts: ServeOptions) -> Result<Running, ServeError> {
    let dir = desk.data_dir().to_path_buf();
    let (key, _) = host_key(&dir)?;
    let fingerprint = fingerprint(&key);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("sportello-ssh")
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(opts.listen))?;
    let addr = listener.local_addr()?;
    let marker = dir.join(SERVE_MARKER);
    crate::private_fs::write_private(&marker, format!("{}\n", addr.port()).as_bytes())?;
    let config = Arc::new(russh::server::Config {
        methods: methods(),
        auth_rejection_time: opts.auth_rejection_time,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        // The application's idle lock governs a quiet desk; keepalives find
        // a desk that went away.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        max_auth_attempts: 6,
        nodelay: true,
        ..Default::default()
    });
    let shutdown = Shutdown {
        notify: Arc::new(Notify::new()),
    };
    let shared = Arc::new(Shared {
        base: desk,
        opts,
        sessions: Mutex::new(HashMap::new()),
        active: AtomicUsize::new(0),
        next_id: AtomicU64::new(1),
        closing: AtomicBool::new(false),
    });
    let notify = Arc::clone(&shutdown.notify);
    let thread = std::thread::Builder::new()
        .name("sportello-serve".into())
        .spawn(move || {
            let outcome = runtime.block_on(serve(listener, config, Arc::clone(&shared), notify));
            runtime.shutdown_timeout(Duration::from_secs(1));
            let lang = shared.opts.lang;
            let durable = shared
                .base
                .make_durable()
                .map_err(|e| io::Error::other(crate::texts::error(lang, &e)));
            let _ = std::fs::remove_file(&marker);
            outcome.and(durable)
        })?;
    Ok(Running {
        addr,
        fingerprint,
        shutdown,
        thread,
    })
}

async fn serve(
    listener: tokio::net::TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<Shared>,
    shutdown: Arc<Notify>,
) -> io::Result<()> {
    let mut backup_tick =
        tokio::time::interval(shared.opts.backup_every.max(Duration::from_millis(1)));
    backup_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let backing_up = Arc::new(AtomicBool::new(false));
    loop {
        tokio::select! {
            _ = shutdown.notified() => break,
            _ = backup_tick.tick(), if shared.opts.backup_keep > 0 => {
                daily_backup(&shared, &backing_up);
            }
            accepted = listener.accept() => {
                let Ok((socket, peer)) = accepted else { continue };
                tokio::spawn(connection(socket, peer, Arc::clone(&config), Arc::clone(&shared)));
            }
        }
    }
    // Every session is told, leaves its screen and closes its channel.
    shared.closing.store(true, Ordering::SeqCst);
    if let Ok(sessions) = shared.sessions.lock() {
        for input in sessions.values() {
            let _ = input.send(Input::Close);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while shared.active.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The last messages reach the desks.
    tokio::time::sleep(Duration::from_millis(200)).await;
    Ok(())
}

/// The automatic backup of the day, taken by the server itself: the first
/// look of each day (by the store's clock) writes it, verified, and removes
/// the oldest beyond the number kept, as the start of a local application
/// does ([`Archive::daily_backup`]). It runs off the protocol's threads, one
/// at a time; the outcome goes to the server's console.
fn daily_backup(shared: &Arc<Shared>, backing_up: &Arc<AtomicBool>) {
    if backing_up.swap(true, Ordering::SeqCst) {
        return;
    }
    let shared = Arc::clone(shared);
    let backing_up = Arc::clone(backing_up);
    tokio::task::spawn_blocking(move || {
        use crate::service::backup::DailyBackup;
        match shared.base.archive().daily_backup(shared.opts.backup_keep) {
            Ok(DailyBackup::Written { file, removed, .. }) => {
                eprintln!(
                    "{}",
                    ServeStrings::for_lang(shared.opts.lang).backup_written(&file, removed.len())
                );
            }
            Ok(_) => {}
            Err(e) => eprintln!(
                "{}",
                ServeStrings::for_lang(shared.opts.lang)
                    .backup_failed(&crate::texts::error(shared.opts.lang, &e))
            ),
        }
        backing_up.store(false, Ordering::SeqCst);
    });
}

/// One desk's connection: the SSH session, and a limit on the time it has
/// to log in.
async fn connection(
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    config: Arc<russh::server::Config>,
    shared: Arc<Shared>,
) {
    // Each key a desk types comes back as a screen update of a few small
    // writes: with Nagle's algorithm on, a write waits for the ACK of the
    // previous one, which the desk delays (40 ms on Linux and Windows).
    // russh sets TCP_NODELAY (`config.nodelay`) only on the sockets it
    // accepts itself, not on a stream handed to `run_stream`.
    let _ = socket.set_nodelay(config.nodelay);
    let login_timeout = shared.opts.login_timeout;
    let handler = Conn::new(shared, peer);
    let authed = Arc::clone(&handler.authed);
    let running = match tokio::time::timeout(
        login_timeout,
        russh::server::run_stream(config, socket, handler),
    )
    .await
    {
        Ok(Ok(running)) => running,
        _ => return,
    };
    let handle = running.handle();
    let watchdog = tokio::spawn(async move {
        tokio::time::sleep(login_timeout).await;
        if !authed.load(Ordering::SeqCst) {
            let _ = handle
                .disconnect(
                    russh::Disconnect::ByApplication,
                    "tempo per l'accesso scaduto".into(),
                    "it".into(),
                )
                .await;
        }
    });
    let _ = running.await;
    watchdog.abort();
}

/// The handler of one connection.
struct Conn {
    shared: Arc<Shared>,
    peer: SocketAddr,
    /// The desk of the operator who logged in.
    desk: Option<Desk>,
    authed: Arc<AtomicBool>,
    channel: Option<ChannelId>,
    size: SharedSize,
    /// The session's input, once its application runs.
    input: Option<std::sync::mpsc::Sender<Input>>,
    id: u64,
    /// Refused passwords on this connection.
    failures: u32,
    /// Keyboard-interactive: the reason of a refusal was just sent; the
    /// desk's empty answer to it ends the attempt.
    reason_sent: bool,
}

/// Passwords a connection may try before it is refused for good.
const ATTEMPTS_PER_CONNECTION: u32 = 3;

impl Conn {
    fn new(shared: Arc<Shared>, peer: SocketAddr) -> Conn {
        let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
        Conn {
            shared,
            peer,
            desk: None,
            authed: Arc::new(AtomicBool::new(false)),
            channel: None,
            size: Arc::new(Mutex::new((80, 24))),
            input: None,
            id,
            failures: 0,
            reason_sent: false,
        }
    }

    fn set_size(&self, cols: u32, rows: u32) -> (u16, u16) {
        let size = (
            cols.clamp(1, u32::from(u16::MAX)) as u16,
            rows.clamp(1, u32::from(u16::MAX)) as u16,
        );
        if let Ok(mut s) = self.size.lock() {
            *s = size;
        }
        size
    }

    /// Logs the operator in with `password` (argon2, the lockout, the
    /// audit entry naming the desk's address), or says why not in the
    /// server's language.
    async fn check_password(&mut self, user: &str, password: &str) -> Result<(), String> {
        let origin = self.peer.ip().to_string();
        let desk = self.shared.base.new_session(Some(&origin));
        let (user, password) = (user.to_string(), password.to_string());
        let outcome =
            tokio::task::spawn_blocking(move || desk.login(&user, &password).map(|_| desk)).await;
        let strings = ServeStrings::for_lang(self.shared.opts.lang);
        match outcome {
            Ok(Ok(desk)) => {
                self.desk = Some(desk);
                self.authed.store(true, Ordering::SeqCst);
                Ok(())
            }
            Ok(Err(e)) => Err(strings.login_refused(&e)),
            Err(_) => Err(strings.login_refused(&crate::service::DeskError::Login(
                crate::service::LoginError::Wrong,
            ))),
        }
    }

    /// A refused password: another try on the same connection, as OpenSSH
    /// allows, up to a few; the operator's lockout counts every one.
    fn refused(&mut self) -> Auth {
        self.failures += 1;
        let methods = if self.failures < ATTEMPTS_PER_CONNECTION {
            methods()
        } else {
            MethodSet::empty()
        };
        Auth::Reject {
            proceed_with_methods: Some(methods),
            partial_success: false,
        }
    }

    fn ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        // The desk went away: its application ends.
        if let Some(input) = self.input.take() {
            let _ = input.send(Input::Close);
        }
    }
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        match self.check_password(user, password).await {
            Ok(()) => Ok(Auth::Accept),
            Err(_) => Ok(self.refused()),
        }
    }

    /// The password asked by keyboard-interactive: one prompt; when it is
    /// refused, the reason (wrong name or password, operator locked until a
    /// time, operator disabled) goes to the desk as the instructions of a
    /// request with no prompt, which SSH clients print (OpenSSH, PuTTY);
    /// the desk's empty answer then ends the attempt as a refusal.
    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(response) = response else {
            self.reason_sent = false;
            return Ok(Auth::Partial {
                name: "sportello".into(),
                instructions: "".into(),
                prompts: vec![("Password: ".into(), false)].into(),
            });
        };
        if std::mem::take(&mut self.reason_sent) {
            return Ok(self.refused());
        }
        let answers: Vec<_> = response.collect();
        let password = answers
            .first()
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .unwrap_or_default();
        let started = tokio::time::Instant::now();
        match self.check_password(user, &password).await {
            Ok(()) => Ok(Auth::Accept),
            Err(reason) => {
                // As slow as any refusal, whatever the reason: an unknown
                // name is not told apart by the time it takes.
                tokio::time::sleep_until(started + self.shared.opts.auth_rejection_time).await;
                self.reason_sent = true;
                Ok(Auth::Partial {
                    name: "sportello".into(),
                    instructions: format!("{reason}\r\n").into(),
                    prompts: Vec::new().into(),
                })
            }
        }
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: &russh::keys::PublicKey,
    ) -> Result<Auth, Self::Error> {
        let origin = self.peer.ip().to_string();
        let desk = self.shared.base.new_session(Some(&origin));
        let user = user.to_string();
        let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
        let outcome = tokio::task::spawn_blocking(move || {
            desk.login_with_key(&user, &fingerprint).map(|_| desk)
        })
        .await;
        match outcome {
            Ok(Ok(desk)) => {
                self.desk = Some(desk);
                self.authed.store(true, Ordering::SeqCst);
                Ok(Auth::Accept)
            }
            // The password may follow; a key not the operator's is no
            // failed login.
            _ => Ok(Auth::Reject {
                proceed_with_methods: Some(if self.failures < ATTEMPTS_PER_CONNECTION {
                    methods()
                } else {
                    MethodSet::empty()
                }),
                partial_success: false,
            }),
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        // One desk per connection.
        if self.channel.is_none() && self.desk.is_some() {
            self.channel = Some(channel.id());
            return Ok(true);
        }
        Ok(false)
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.ours(channel) || self.input.is_some() {
            return session.channel_failure(channel);
        }
        self.set_size(cols, rows);
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.ours(channel) {
            let (w, h) = self.set_size(cols, rows);
            if let Some(input) = &self.input {
                let _ = input.send(Input::Resize(w, h));
            }
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(desk) = self.desk.clone() else {
            return session.channel_failure(channel);
        };
        if !self.ours(channel) || self.input.is_some() {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        let out = channel_output(session.handle(), channel);
        let shared = Arc::clone(&self.shared);
        let lang = shared.opts.lang;
        if shared.active.fetch_add(1, Ordering::SeqCst) >= shared.opts.max_sessions {
            shared.active.fetch_sub(1, Ordering::SeqCst);
            let text = format!(
                "{} ({})\r\n",
                ServeStrings::for_lang(lang).too_many,
                shared.opts.max_sessions
            );
            let _ = out.send(Output::Data(text.into_bytes()));
            let _ = out.send(Output::Close);
            let _ = desk.logout();
            return Ok(());
        }
        let (input, events) = std::sync::mpsc::channel();
        if let Ok(mut sessions) = shared.sessions.lock() {
            sessions.insert(self.id, input.clone());
        }
        if shared.closing.load(Ordering::SeqCst) {
            let _ = input.send(Input::Close);
        }
        self.input = Some(input);
        let size = Arc::clone(&self.size);
        let id = self.id;
        let spawned = std::thread::Builder::new()
            .name(format!("postazione-{id}"))
            .spawn({
                let shared = Arc::clone(&shared);
                move || run_session(desk, &shared, size, out, events, id)
            });
        if spawned.is_err() {
            shared.active.fetch_sub(1, Ordering::SeqCst);
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.ours(channel)
            && let Some(input) = &self.input
        {
            let _ = input.send(Input::Bytes(data.to_vec(), Instant::now()));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.closed(channel);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.closed(channel);
        Ok(())
    }
}

impl Conn {
    fn closed(&mut self, channel: ChannelId) {
        if self.ours(channel)
            && let Some(input) = self.input.take()
        {
            let _ = input.send(Input::Close);
        }
    }
}

/// A task that forwards a session's output to its channel, and closes the
/// channel at the end.
fn channel_output(
    handle: russh::server::Handle,
    channel: ChannelId,
) -> tokio::sync::mpsc::UnboundedSender<Output> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Output>();
    tokio::spawn(async move {
        while let Some(output) = rx.recv().await {
            match output {
                Output::Data(bytes) => {
                    if handle.data(channel, CryptoVec::from(bytes)).await.is_err() {
                        break;
                    }
                }
                Output::Close => {
                    let _ = handle.exit_status_request(channel, 0).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                    break;
                }
            }
        }
    });
    tx
}

/// One desk's application, on its own thread, until the operator quits,
/// the desk goes away or the server closes.
fn run_session(
    desk: Desk,
    shared: &Shared,
    size: SharedSize,
    out: tokio::sync::mpsc::UnboundedSender<Output>,
    events: std::sync::mpsc::Receiver<Input>,
    id: u64,
) {
    let lang = shared.opts.lang;
    let mut backend = SshBackend::new(ChannelWriter::new(out.clone()), size);
    if backend.send_raw(terminal::ENTER_SCREEN).is_ok()
        && let Ok(mut term) = Terminal::new(backend)
    {
        let mut app = App::new(desk.clone(), lang).with_idle_minutes(shared.opts.idle_minutes);
        let mut events = SshEvents::new(events);
        let _ = crate::tui::run_loop(&mut term, &mut app, &mut events);
        let mut goodbye = terminal::LEAVE_SCREEN.to_vec();
        if shared.closing.load(Ordering::SeqCst) {
            goodbye.extend_from_slice(ServeStrings::for_lang(lang).closing.as_bytes());
            goodbye.extend_from_slice(b"\r\n");
        }
        let _ = term.backend_mut().send_raw(&goodbye);
    }
    let _ = desk.logout();
    let _ = out.send(Output::Close);
    if let Ok(mut sessions) = shared.sessions.lock() {
        sessions.remove(&id);
    }
    shared.active.fetch_sub(1, Ordering::SeqCst);
}

/// Where the host key lives for a data folder.
pub fn host_key_path(dir: &Path) -> PathBuf {
    dir.join(HOST_KEY_FILE)
}
