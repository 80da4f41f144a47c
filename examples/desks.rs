//! Several desks on one `sportello serve` (issue 18): keystroke-to-screen
//! latency, the server's CPU and memory, memory per session.
//!
//! `cargo build --release && cargo run --release --example desks -- --desks 1,5,20,50 --patients 100000`
//!
//! 1. makes a demo store of `--patients` patients with the release binary
//!    (`sportello demo`, operator demo / demo) in a temporary folder, or uses
//!    `--dati DIR` if it already holds one;
//! 2. for each number of desks N: starts `sportello serve` as a child process
//!    on a free port of 127.0.0.1, connects N SSH clients (pty 80x24, the
//!    screen rendered by a terminal emulator), logs each in, then every desk
//!    types surnames into the lookup at ten times a person's speed (a key
//!    every 20 ms; a person types about five keys a second) and clears the
//!    box, for `--secondi` seconds;
//! 3. a keystroke's latency is the time from sending the key to the moment the
//!    desk's screen shows the search box holding the text typed so far (the
//!    redraw that includes the results of the lookup);
//! 4. prints p50 / p99 latency, the server's CPU (user + system time over the
//!    run, as a share of one core), its resident memory with no desk, with N
//!    desks, and the difference per desk.
//!
//! The server is a separate process so that its CPU and memory are its own,
//! read from `/proc` (Linux only).

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use russh::client;
use russh::keys::PublicKey;
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::sync::watch;

#[derive(Parser)]
struct Args {
    /// Numbers of desks to measure, one run each (e.g. 1,5,20,50).
    #[arg(long, value_delimiter = ',', default_value = "1,5,20,50")]
    desks: Vec<usize>,
    /// Patients in the demo store.
    #[arg(long, default_value_t = 100_000)]
    patients: usize,
    /// Seconds each desk types for, per run.
    #[arg(long, default_value_t = 20)]
    secondi: u64,
    /// The sportello binary.
    #[arg(long, default_value = "target/release/sportello")]
    bin: PathBuf,
    /// A folder already holding a demo store (otherwise a temporary one).
    #[arg(long)]
    dati: Option<PathBuf>,
}

/// Surnames the desks type, all found in a demo store.
const SURNAMES: &[&str] = &[
    "rossi",
    "bianchi",
    "colombo",
    "ferrari",
    "brambilla",
    "galli",
    "villa",
    "sala",
];

/// A key every 20 ms: ten times a person's pace.
const KEY_GAP: Duration = Duration::from_millis(20);

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKey) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    if !args.bin.is_file() {
        bail!(
            "{} not found: build it first with cargo build --release",
            args.bin.display()
        );
    }
    let temp;
    let dir = match &args.dati {
        Some(d) => d.clone(),
        None => {
            temp = tempfile::tempdir()?;
            let d = temp.path().join("dati");
            eprintln!(
                "demo store of {} patients in {}",
                args.patients,
                d.display()
            );
            let status = Command::new(&args.bin)
                .arg("--data-dir")
                .arg(&d)
                .args(["demo", "--patients", &args.patients.to_string()])
                .stdout(Stdio::null())
                .status()?;
            if !status.success() {
                bail!("demo failed");
            }
            d
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    println!("desks  p50 ms  p99 ms  keys    server CPU  RSS 0 desks  RSS N desks  per desk");
    for &n in &args.desks {
        let run = rt.block_on(run(&args, &dir, n))?;
        println!(
            "{:>5}  {:>6.1}  {:>6.1}  {:>6}  {:>9.0}%  {:>8.1} MB  {:>8.1} MB  {:>5.2} MB",
            n,
            run.p50.as_secs_f64() * 1000.0,
            run.p99.as_secs_f64() * 1000.0,
            run.keys,
            run.cpu_share * 100.0,
            run.rss_idle as f64 / 1e6,
            run.rss_busy as f64 / 1e6,
            (run.rss_busy.saturating_sub(run.rss_idle)) as f64 / 1e6 / n as f64,
        );
    }
    Ok(())
}

struct Run {
    p50: Duration,
    p99: Duration,
    keys: usize,
    cpu_share: f64,
    rss_idle: u64,
    rss_busy: u64,
}

/// The server as a child process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets it close the store; kill if it does not end.
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        for _ in 0..50 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn run(args: &Args, dir: &Path, n: usize) -> Result<Run> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let child = Command::new(&args.bin)
        .arg("--data-dir")
        .arg(dir)
        .args([
            "serve",
            "--ascolta",
            &addr.to_string(),
            "--max-postazioni",
            &(n + 5).to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let server = Server(child);
    let pid = server.0.id();
    // Up when the port answers.
    let start = Instant::now();
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        if start.elapsed() > Duration::from_secs(60) {
            bail!("the server did not start");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rss_idle = rss(pid)?;
    let mut desks = Vec::new();
    for _ in 0..n {
        desks.push(Desk::open(addr).await?);
    }
    for d in &desks {
        d.wait_row(1, "Cerca:", Duration::from_secs(30)).await?;
    }
    let cpu_before = cpu_ticks(pid)?;
    let began = Instant::now();
    let seconds = Duration::from_secs(args.secondi);
    let mut tasks = Vec::new();
    for (i, d) in desks.into_iter().enumerate() {
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut k = i;
            let start = Instant::now();
            while start.elapsed() < seconds {
                let surname = SURNAMES[k % SURNAMES.len()];
                k += 1;
                for end in 1..=surname.len() {
                    let sent = Instant::now();
                    d.send(&surname.as_bytes()[end - 1..end]).await?;
                    let expected = format!("Cerca: [{}", &surname[..end]);
                    d.wait_row(1, &expected, Duration::from_secs(10)).await?;
                    latencies.push(sent.elapsed());
                    tokio::time::sleep(KEY_GAP.saturating_sub(sent.elapsed())).await;
                }
                // Esc empties the box.
                d.send(b"\x1b").await?;
                d.wait_row(1, "Cerca: [ ", Duration::from_secs(10)).await?;
                tokio::time::sleep(KEY_GAP).await;
            }
            Ok::<_, anyhow::Error>((latencies, d))
        }));
    }
    let mut latencies = Vec::new();
    let mut kept = Vec::new();
    for t in tasks {
        let (l, d) = t.await??;
        latencies.extend(l);
        kept.push(d);
    }
    let elapsed = began.elapsed();
    let cpu_after = cpu_ticks(pid)?;
    let rss_busy = rss(pid)?;
    drop(kept);
    drop(server);
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let ticks = clock_ticks_per_second();
    Ok(Run {
        p50: at(0.50),
        p99: at(0.99),
        keys: latencies.len(),
        cpu_share: (cpu_after - cpu_before) as f64 / ticks / elapsed.as_secs_f64(),
        rss_idle,
        rss_busy,
    })
}

/// One desk: an SSH session with a pty, its screen's rows published after
/// every packet the server sends.
struct Desk {
    _handle: client::Handle<Client>,
    write: ChannelWriteHalf<client::Msg>,
    rows: watch::Receiver<Vec<String>>,
}

impl Desk {
    async fn open(addr: SocketAddr) -> Result<Desk> {
        // Interactive clients (OpenSSH, PuTTY) send each key at once: without
        // TCP_NODELAY a key waits for the previous packet's delayed ACK (40 ms).
        let config = client::Config {
            nodelay: true,
            ..Default::default()
        };
        let mut handle = client::connect(Arc::new(config), addr, Client)
            .await
            .context("connect")?;
        if !handle
            .authenticate_password("demo", "demo")
            .await?
            .success()
        {
            bail!("the demo operator was refused");
        }
        let channel = handle.channel_open_session().await?;
        channel
            .request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
            .await?;
        channel.request_shell(false).await?;
        let (mut read, write) = channel.split();
        let (tx, rows) = watch::channel(Vec::new());
        tokio::spawn(async move {
            let mut parser = vt100::Parser::new(24, 80, 0);
            while let Some(msg) = read.wait().await {
                if let ChannelMsg::Data { data } = msg {
                    parser.process(&data);
                    let rows: Vec<String> = parser.screen().rows(0, 80).take(3).collect();
                    let _ = tx.send(rows);
                }
            }
        });
        Ok(Desk {
            _handle: handle,
            write,
            rows,
        })
    }

    async fn send(&self, bytes: &[u8]) -> Result<()> {
        self.write
            .data(bytes)
            .await
            .map_err(|_| anyhow::anyhow!("send failed"))
    }

    /// Waits until row `y` of the screen contains `text`.
    async fn wait_row(&self, y: usize, text: &str, limit: Duration) -> Result<()> {
        let mut rows = self.rows.clone();
        let found = tokio::time::timeout(limit, async {
            loop {
                if rows
                    .borrow_and_update()
                    .get(y)
                    .is_some_and(|r| r.contains(text))
                {
                    return Ok(());
                }
                if rows.changed().await.is_err() {
                    bail!("the desk was closed");
                }
            }
        })
        .await;
        match found {
            Ok(r) => r,
            Err(_) => bail!("«{text}» not shown within {limit:?}"),
        }
    }
}

/// Resident memory of `pid` in bytes (`VmRSS`).
fn rss(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .context("VmRSS")?;
    Ok(kb * 1024)
}

/// User plus system time of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')').context("stat")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11).context("utime")?.parse()?;
    let stime: u64 = fields.get(12).context("stime")?.parse()?;
    Ok(utime + stime)
}

fn clock_ticks_per_second() -> f64 {
    // sysconf(_SC_CLK_TCK) is 100 on Linux.
    100.0
}
