//! Scale benchmark (issue 9): sportello's sled store side by side with SQLite,
//! in one run, on the same fictional patients.
//!
//! `cargo run --release --example scale -- --patients N [--json] [--dir D]`
//!
//! 1. generates N patients once (the demo generator, fixed seed and date) into
//!    a plain-text file;
//! 2. loads them, each engine in its own child process, into a fresh sportello
//!    store (`Store::patient_load`: batches added, then written tree by tree) and into a
//!    SQLite file with the equivalent tables and indexes (batched transactions,
//!    prepared statements, WAL, checkpoint at the end, exclusive locking like
//!    sled's one-process store, the same page-cache size as sled's);
//! 3. reopens each twice in a new process and times the open plus a first query;
//! 4. runs the lookup screen's query mix on both (same queries, same semantics,
//!    first 50 results and their list rows, suggestions when nothing matches)
//!    and checks that both engines return the same patients;
//! 5. renders the lookup screen at 120x40 on a ratatui TestBackend;
//! 6. does 2-4 for a third column too: SQLite with covering indexes for the
//!    lookup list (the name, codice fiscale and tessera indexes also hold the
//!    list's columns, as sportello's index entries do);
//! 7. runs `compatta` on the sportello store (`Store::rewrite`: every tree
//!    copied in key order into a fresh store), then times its opens and the
//!    query mix again;
//! 8. prints one table with the sportello / SQLite ratios and, with `--json`,
//!    one JSON object on the last line.
//!
//! The parent only orchestrates: every figure of an engine (time, peak RSS from
//! `VmHWM`) comes from a child process that re-executes this binary with the
//! hidden `--child TASK --engine ENGINE` options.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Parser, ValueEnum};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use sportello::domain::patient::{digits, other_name_keys};
use sportello::domain::text::fold;
use sportello::domain::{Patient, PatientStatus, Residence, Sex};
use sportello::service::demo::DemoGenerator;
use sportello::service::search::{
    NameIndex, QueryKind, classify, joined_words, search_rows, suggest_in, suggest_rows,
    words_match,
};
use sportello::service::{Desk, FixedClock};
use sportello::store::{DEFAULT_CACHE_BYTES, PatientRow, Store};
use sportello::tui::patients::lookup::LookupScreen;
use sportello::tui::{App, AppEvent, Lang};

/// The application binary runs on mimalloc (see `src/main.rs`): so does the
/// benchmark, with its arenas committed on demand (`commit_memory_on_demand`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(target_os = "linux")]
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_MEMORY_ON_DEMAND: extern "C" fn() = commit_memory_on_demand;

#[cfg(target_os = "linux")]
extern "C" fn commit_memory_on_demand() {
    // SAFETY: sets an option of the linked allocator, as `src/main.rs` does.
    unsafe { mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

/// Seed and "today" of the demo generator: the same patients on every run.
const SEED: u64 = 20_260_115;
const TODAY: (i32, u32, u32) = (2026, 1, 15);
/// Seed of the query draw.
const QUERY_SEED: u64 = 9;
/// Results per lookup, as the issue asks.
const LIMIT: usize = 50;
/// Suggestions when nothing matches: `Patients::lookup` asks for `limit.min(10)`.
const SUGGEST_LIMIT: usize = 10;
/// The private constant of `src/service/search.rs`, mirrored for SQLite.
const MAX_FIRST_WORDS: usize = 5_000;
/// The first query after an open.
const FIRST_QUERY: &str = "rossi";
/// Untimed queries per kind before the timed ones, on both engines.
const WARMUP_PER_KIND: usize = 20;
/// Terminal size of the render measurement.
const RENDER_SIZE: (u16, u16) = (120, 40);

/// The query kinds of the lookup screen, with the same names on both sides.
const KINDS: [&str; 12] = [
    "surname_1",
    "surname_2",
    "surname_3",
    "surname_4",
    "surname_5",
    "surname_6",
    "surname_name",
    "word_prefixes",
    "cf_full",
    "cf_partial",
    "tessera",
    "typo",
];

const MIB: u64 = 1024 * 1024;

#[derive(Parser, Debug)]
#[command(about = "Benchmark di scala: archivio sportello (sled) e SQLite sugli stessi pazienti")]
struct Args {
    /// Patients to generate and load.
    #[arg(long, default_value_t = 10_000)]
    patients: usize,
    /// Also print one JSON object on the last line.
    #[arg(long)]
    json: bool,
    /// Working directory (default: a temporary one, removed at the end).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Timed queries per kind, on each engine.
    #[arg(long, default_value_t = 1_000)]
    iterations: usize,
    /// Patients per batch (sled call or SQLite transaction).
    #[arg(long, default_value_t = sportello::service::demo::BATCH)]
    batch: usize,
    /// Page cache in MiB of both engines (sled cache_capacity, SQLite cache_size).
    #[arg(long, default_value_t = DEFAULT_CACHE_BYTES / MIB)]
    cache_mb: u64,
    /// Keep the temporary working directory.
    #[arg(long)]
    keep: bool,
    #[arg(long, hide = true, value_enum)]
    child: Option<Task>,
    #[arg(long, hide = true, value_enum)]
    engine: Option<Engine>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Task {
    Load,
    Open,
    Browse,
    Render,
    /// `compatta`: the store rewritten into a fresh one (sportello only).
    Compact,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Engine {
    Sled,
    Sqlite,
    /// SQLite with covering indexes for the lookup list: the name,
    /// codice fiscale and tessera indexes also hold the list's columns.
    SqliteCovering,
}

impl Engine {
    fn arg(self) -> &'static str {
        match self {
            Engine::Sled => "sled",
            Engine::Sqlite => "sqlite",
            Engine::SqliteCovering => "sqlite-covering",
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match args.child {
        Some(task) => run_as_child(task, &args),
        None => orchestrate(&args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale: errore: {e:#}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Files shared by parent and children.

struct Paths {
    root: PathBuf,
}

impl Paths {
    fn patients(&self) -> PathBuf {
        self.root.join("patients.tsv")
    }
    fn queries(&self) -> PathBuf {
        self.root.join("queries.tsv")
    }
    fn sled(&self) -> PathBuf {
        self.root.join("sled")
    }
    fn sqlite_dir(&self) -> PathBuf {
        self.root.join("sqlite")
    }
    fn sqlite(&self) -> PathBuf {
        self.sqlite_dir().join("patients.db")
    }
    fn sqlite_covering(&self) -> PathBuf {
        self.sqlite_dir().join("patients-covering.db")
    }
    /// Everything an engine keeps on disk.
    fn files_of(&self, engine: Engine) -> Vec<PathBuf> {
        if engine == Engine::Sled {
            return vec![self.sled()];
        }
        let db = self.sqlite_of(engine);
        vec![db.with_extension("db-wal"), db.with_extension("db-shm"), db]
    }

    fn sqlite_of(&self, engine: Engine) -> PathBuf {
        if engine == Engine::SqliteCovering {
            self.sqlite_covering()
        } else {
            self.sqlite()
        }
    }
    fn marker(&self) -> PathBuf {
        self.root.join("scale-bench.marker")
    }
}

fn today() -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).ok_or_else(|| anyhow!("invalid date"))
}

fn stato_text(s: PatientStatus) -> String {
    match s {
        PatientStatus::Attivo => "attivo".into(),
        PatientStatus::Deceduto(d) => format!("deceduto {d}"),
        PatientStatus::Trasferito(d) => format!("trasferito {d}"),
    }
}

fn stato_parse(s: &str) -> Result<PatientStatus> {
    let date = |d: &str| -> Result<NaiveDate> { d.parse().with_context(|| format!("date {d}")) };
    Ok(match s.split_once(' ') {
        None if s == "attivo" => PatientStatus::Attivo,
        Some(("deceduto", d)) => PatientStatus::Deceduto(date(d)?),
        Some(("trasferito", d)) => PatientStatus::Trasferito(date(d)?),
        _ => bail!("unknown status {s:?}"),
    })
}

fn split_list(s: &str, sep: char) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(sep).map(String::from).collect()
    }
}

/// One patient per line, tab-separated (the generator never writes tabs,
/// newlines or `|`).
fn patient_line(p: &Patient) -> String {
    [
        p.cognome.as_str(),
        &p.nome,
        &p.codice_fiscale,
        if p.sesso == Sex::M { "M" } else { "F" },
        &p.data_nascita.to_string(),
        &p.luogo_nascita,
        &p.residenza.indirizzo,
        &p.residenza.cap,
        &p.residenza.comune,
        p.ats_override.as_deref().unwrap_or(""),
        &p.mmg,
        &p.telefoni.join("|"),
        &p.email,
        &p.tessera_sanitaria,
        &p.patologie.join("|"),
        &stato_text(p.stato),
        &p.note,
    ]
    .join("\t")
}

fn parse_patient(line: &str) -> Result<Patient> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 17 {
        bail!("patient line with {} fields: {line:?}", f.len());
    }
    Ok(Patient {
        id: 0,
        cognome: f[0].into(),
        nome: f[1].into(),
        codice_fiscale: f[2].into(),
        sesso: if f[3] == "M" { Sex::M } else { Sex::F },
        data_nascita: f[4].parse().with_context(|| format!("date {}", f[4]))?,
        luogo_nascita: f[5].into(),
        residenza: Residence {
            indirizzo: f[6].into(),
            cap: f[7].into(),
            comune: f[8].into(),
        },
        ats_override: (!f[9].is_empty()).then(|| f[9].to_string()),
        mmg: f[10].into(),
        telefoni: split_list(f[11], '|'),
        email: f[12].into(),
        tessera_sanitaria: f[13].into(),
        patologie: split_list(f[14], '|'),
        patologia_primaria: None,
        livello_ats: None,
        stato: stato_parse(f[15])?,
        note: f[16].into(),
    })
}

/// Reads the patients file batch by batch (only one batch in memory).
fn for_each_batch(
    path: &Path,
    batch: usize,
    mut f: impl FnMut(&mut Vec<Patient>) -> Result<()>,
) -> Result<usize> {
    let file = File::open(path).with_context(|| format!("open {}", path.display()))?;
    let mut list = Vec::with_capacity(batch);
    let mut count = 0;
    for line in BufReader::new(file).lines() {
        list.push(parse_patient(&line?)?);
        if list.len() >= batch {
            count += list.len();
            f(&mut list)?;
            list.clear();
        }
    }
    if !list.is_empty() {
        count += list.len();
        f(&mut list)?;
    }
    Ok(count)
}

struct Query {
    kind: &'static str,
    text: String,
    timed: bool,
}

fn read_queries(path: &Path) -> Result<Vec<Query>> {
    let text = fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    text.lines()
        .map(|line| {
            let mut f = line.splitn(3, '\t');
            let (Some(phase), Some(kind), Some(q)) = (f.next(), f.next(), f.next()) else {
                bail!("bad query line {line:?}");
            };
            let kind = KINDS
                .iter()
                .find(|k| **k == kind)
                .ok_or_else(|| anyhow!("unknown kind {kind}"))?;
            Ok(Query {
                kind,
                text: q.to_string(),
                timed: phase == "t",
            })
        })
        .collect()
}

/// Peak resident set of this process, in KiB (`VmHWM`).
/// Waits until what earlier steps wrote is on disk. The kernel writes a
/// step's leftovers back some 30 s later, in a burst that lands in whatever
/// runs then: measured, the sled lookups right after the SQLite loads had a
/// cf_full p99 of 190 µs instead of 33. Each step starts after a `sync`.
fn settle() {
    #[cfg(unix)]
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe {
        libc::sync()
    };
}

/// Reads an engine's files once, untimed, before its opens and lookups:
/// each starts with the files in the OS page cache, as on a desk PC in use.
/// Left to itself the cache of this machine empties within a minute or two
/// (seen: 400 MB of it gone in 30 idle seconds), so that an engine measured
/// later in the run read from the disk and one measured sooner did not.
fn warm(paths: &[PathBuf]) -> Result<()> {
    let mut buf = vec![0u8; 1 << 20];
    for path in paths {
        if path.is_dir() {
            let inner: Vec<PathBuf> = fs::read_dir(path)?
                .map(|e| e.map(|e| e.path()))
                .collect::<std::io::Result<_>>()?;
            warm(&inner)?;
        } else if path.is_file() {
            let mut file = File::open(path)?;
            while std::io::Read::read(&mut file, &mut buf)? > 0 {}
        }
    }
    Ok(())
}

fn peak_rss_kb() -> u64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn stats(mut samples: Vec<f64>) -> Value {
    samples.sort_by(f64::total_cmp);
    json!({
        "p50": percentile(&samples, 0.50),
        "p99": percentile(&samples, 0.99),
        "max": samples.last().copied().unwrap_or(0.0),
        "n": samples.len(),
    })
}

/// Wall-clock samples and the same minus the time the thread waited for a CPU
/// (other processes running on the 2 cores): the second tells a slow query
/// from a preempted one.
#[derive(Default)]
struct Samples {
    wall: Vec<f64>,
    net: Vec<f64>,
}

impl Samples {
    fn push(&mut self, wall: f64, waited: f64) {
        self.wall.push(wall);
        self.net.push((wall - waited).max(0.0));
    }

    fn stats(self) -> Value {
        let mut v = stats(self.wall);
        let net = stats(self.net);
        v["net_p50"] = net["p50"].clone();
        v["net_p99"] = net["p99"].clone();
        v["net_max"] = net["max"].clone();
        v
    }
}

/// The run-queue wait of this thread so far (second field of
/// `/proc/thread-self/schedstat`, in ns), read with `pread` on a file kept open.
struct RunQueueWait {
    file: Option<File>,
}

impl RunQueueWait {
    fn open() -> RunQueueWait {
        RunQueueWait {
            file: File::open("/proc/thread-self/schedstat").ok(),
        }
    }

    fn micros(&self) -> f64 {
        use std::os::unix::fs::FileExt;
        let Some(file) = &self.file else {
            return 0.0;
        };
        let mut buf = [0u8; 96];
        let Ok(n) = file.read_at(&mut buf, 0) else {
            return 0.0;
        };
        std::str::from_utf8(&buf[..n])
            .ok()
            .and_then(|s| s.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0.0, |ns| ns as f64 / 1e3)
    }
}

/// FNV-1a over the ids each query returned: equal on both engines when they
/// answer the same.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

// ---------------------------------------------------------------------------
// Children: one engine, one task, one JSON line on stdout.

fn run_as_child(task: Task, args: &Args) -> Result<()> {
    let engine = args
        .engine
        .ok_or_else(|| anyhow!("--child needs --engine"))?;
    let root = args
        .dir
        .clone()
        .ok_or_else(|| anyhow!("--child needs --dir"))?;
    let paths = Paths { root };
    let cache = args.cache_mb * MIB;
    let out = match (task, engine) {
        (Task::Load, Engine::Sled) => load_sled(&paths, args.batch, cache)?,
        (Task::Load, sqlite) => load_sqlite(&paths, sqlite, args.batch, cache)?,
        (Task::Compact, Engine::Sled) => {
            let store = Store::open_with_cache(&paths.sled(), cache)?;
            let started = Instant::now();
            let (store, report) = store.rewrite()?;
            let secs = started.elapsed().as_secs_f64();
            drop(store);
            json!({
                "secs": secs,
                "bytes_before": report.bytes_before,
                "bytes": report.bytes_after,
                "rss_kb": peak_rss_kb(),
            })
        }
        (Task::Compact, _) => bail!("compatta is sportello's"),
        (Task::Open, Engine::Sled) => {
            let started = Instant::now();
            let store = Store::open_with_cache(&paths.sled(), cache)?;
            let hits = lookup_sled(&store, FIRST_QUERY)?.len();
            let ms = started.elapsed().as_secs_f64() * 1e3;
            json!({"ms": ms, "hits": hits, "rss_kb": peak_rss_kb()})
        }
        (Task::Open, sqlite) => {
            let started = Instant::now();
            let sql = Sql::open(&paths.sqlite_of(sqlite), cache, sqlite)?;
            let hits = sql.lookup(FIRST_QUERY)?.len();
            let ms = started.elapsed().as_secs_f64() * 1e3;
            json!({"ms": ms, "hits": hits, "rss_kb": peak_rss_kb()})
        }
        (Task::Browse, Engine::Sled) => {
            let store = Store::open_with_cache(&paths.sled(), cache)?;
            browse(&read_queries(&paths.queries())?, |q| {
                Ok(lookup_sled(&store, q)?.iter().map(|p| p.id).collect())
            })?
        }
        (Task::Browse, sqlite) => {
            let sql = Sql::open(&paths.sqlite_of(sqlite), cache, sqlite)?;
            sql.check_plans()?;
            browse(&read_queries(&paths.queries())?, |q| {
                Ok(sql.lookup(q)?.iter().map(|p| p.id).collect())
            })?
        }
        (Task::Render, Engine::Sled) => render(&paths, args.iterations)?,
        (Task::Render, _) => bail!("render is measured on sportello only"),
    };
    println!("{out}");
    Ok(())
}

fn load_sled(paths: &Paths, batch: usize, cache: u64) -> Result<Value> {
    let wall = Instant::now();
    let store = Store::open_with_cache(&paths.sled(), cache)?;
    let mut engine = Duration::ZERO;
    let mut next_id = 1;
    let mut ids_in_order = true;
    let mut load = store.patient_load()?;
    let count = for_each_batch(&paths.patients(), batch, |list| {
        let started = Instant::now();
        load.add(list)?;
        engine += started.elapsed();
        for p in list.iter() {
            ids_in_order &= p.id == next_id;
            next_id += 1;
        }
        Ok(())
    })?;
    // The trees written, durable, then a reopen that pays sled's log replay
    // now (part of the load time), not at the first open after it.
    let started = Instant::now();
    load.finish()?;
    let store = store.finish_bulk_load()?;
    let finish = started.elapsed();
    engine += finish;
    let bytes = store.size_on_disk()?;
    let rss_kb = peak_rss_kb();
    // What the trees hold (keys + values), against which `bytes` is sled's
    // overhead; measured after the peak RSS so that the walk does not count.
    let logical_bytes: u64 = store
        .tree_bytes()?
        .iter()
        .map(|t| t.key_bytes + t.value_bytes)
        .sum();
    drop(store);
    if !ids_in_order {
        eprintln!("scale: attenzione: id sled non consecutivi; il confronto dei risultati fallirà");
    }
    Ok(json!({
        "count": count,
        "secs": engine.as_secs_f64(),
        "wall_secs": wall.elapsed().as_secs_f64(),
        "finish_secs": finish.as_secs_f64(),
        "bytes": bytes,
        "logical_bytes": logical_bytes,
        "rss_kb": rss_kb,
    }))
}

/// What `Patients::lookup` does for the lookup screen, at the store level: the
/// matches, else the suggestions, as the list's rows (kept in the index
/// entries the search walks). (No presa in carico exists in this benchmark,
/// so `Desk`'s lookup of the Gestore's name is left out.)
fn lookup_sled(store: &Store, query: &str) -> Result<Vec<PatientRow>> {
    let rows = search_rows(store, query, LIMIT)?;
    if rows.is_empty() {
        return Ok(suggest_rows(store, query, SUGGEST_LIMIT)?);
    }
    Ok(rows)
}

fn browse(queries: &[Query], mut lookup: impl FnMut(&str) -> Result<Vec<u64>>) -> Result<Value> {
    let mut samples: BTreeMap<&str, Samples> = BTreeMap::new();
    let mut checksum: BTreeMap<&str, u64> = BTreeMap::new();
    let mut results: BTreeMap<&str, usize> = BTreeMap::new();
    let wait = RunQueueWait::open();
    let started = Instant::now();
    for q in queries {
        let waited = wait.micros();
        let t = Instant::now();
        let ids = lookup(&q.text)?;
        let dt = micros(t.elapsed());
        let waited = wait.micros() - waited;
        if !q.timed {
            continue;
        }
        samples.entry(q.kind).or_default().push(dt, waited);
        *results.entry(q.kind).or_default() += ids.len();
        let hash = checksum.entry(q.kind).or_insert(0xcbf2_9ce4_8422_2325);
        for id in &ids {
            fnv(hash, &id.to_be_bytes());
        }
        fnv(hash, b"\n");
    }
    let secs = started.elapsed().as_secs_f64();
    let mut kinds = serde_json::Map::new();
    for (kind, s) in samples {
        let n = s.wall.len().max(1);
        let mut v = s.stats();
        v["avg_results"] = json!(results.get(kind).copied().unwrap_or(0) as f64 / n as f64);
        v["checksum"] = json!(format!("{:016x}", checksum.get(kind).copied().unwrap_or(0)));
        kinds.insert(kind.to_string(), v);
    }
    Ok(json!({"kinds": kinds, "secs": secs, "rss_kb": peak_rss_kb()}))
}

/// The lookup screen drawn at 120x40 on a TestBackend, through the real
/// `App` and `Desk` (which opens the store with its default cache).
fn render(paths: &Paths, iterations: usize) -> Result<Value> {
    let clock = FixedClock::on(TODAY.0, TODAY.1, TODAY.2).ok_or_else(|| anyhow!("bad date"))?;
    let desk = Desk::open(&paths.sled(), Arc::new(clock))?;
    let mut app = App::new(desk, Lang::It);
    let (w, h) = RENDER_SIZE;
    let mut terminal = Terminal::new(TestBackend::new(w, h))?;
    app.handle(AppEvent::Resize(w, h));
    terminal.draw(|f| app.draw(f))?;
    let queries: Vec<Query> = read_queries(&paths.queries())?
        .into_iter()
        .filter(|q| q.timed)
        .take(iterations)
        .collect();
    let mut samples = Samples::default();
    let wait = RunQueueWait::open();
    let mut rows = 0;
    for q in &queries {
        app.handle(AppEvent::Key(KeyEvent::new(
            KeyCode::Esc,
            KeyModifiers::NONE,
        )));
        app.handle(AppEvent::Paste(q.text.clone()));
        if let Some(lookup) = app.top::<LookupScreen>() {
            rows += lookup.results().len();
        }
        let waited = wait.micros();
        let t = Instant::now();
        terminal.draw(|f| app.draw(f))?;
        let dt = micros(t.elapsed());
        samples.push(dt, wait.micros() - waited);
    }
    if rows == 0 {
        bail!("the lookup screen showed no results");
    }
    let n = samples.wall.len().max(1);
    let mut v = samples.stats();
    v["avg_results"] = json!(rows as f64 / n as f64);
    v["rss_kb"] = json!(peak_rss_kb());
    Ok(v)
}

// ---------------------------------------------------------------------------
// SQLite: the same records, the same indexes, the same search semantics.

const SCHEMA: &str = "
CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    codice_fiscale TEXT NOT NULL UNIQUE,
    name_key TEXT NOT NULL,
    tessera_key TEXT,
    cognome TEXT NOT NULL,
    nome TEXT NOT NULL,
    sesso TEXT NOT NULL,
    data_nascita TEXT NOT NULL,
    luogo_nascita TEXT NOT NULL,
    indirizzo TEXT NOT NULL,
    cap TEXT NOT NULL,
    comune TEXT NOT NULL,
    ats_override TEXT,
    mmg TEXT NOT NULL,
    telefoni TEXT NOT NULL,
    email TEXT NOT NULL,
    tessera_sanitaria TEXT NOT NULL,
    patologie TEXT NOT NULL,
    stato TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX idx_patient_name ON patients(name_key);
CREATE INDEX idx_patient_tessera ON patients(tessera_key);
CREATE TABLE patient_phones (
    phone TEXT NOT NULL,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    PRIMARY KEY (phone, patient_id)
) WITHOUT ROWID;
CREATE TABLE patient_name_words (
    head TEXT NOT NULL,
    word TEXT NOT NULL,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    name_key TEXT NOT NULL,
    PRIMARY KEY (head, word, name_key, patient_id)
) WITHOUT ROWID;
CREATE TABLE patient_name_other (
    kind INTEGER NOT NULL,
    form TEXT NOT NULL,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    PRIMARY KEY (kind, form, patient_id)
) WITHOUT ROWID;
";

const INSERT_PATIENT: &str = "INSERT INTO patients (id, codice_fiscale, name_key, tessera_key,
    cognome, nome, sesso, data_nascita, luogo_nascita, indirizzo, cap, comune, ats_override,
    mmg, telefoni, email, tessera_sanitaria, patologie, stato, note)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
const INSERT_PHONE: &str = "INSERT INTO patient_phones (phone, patient_id) VALUES (?1, ?2)";
const INSERT_NAME_WORD: &str =
    "INSERT INTO patient_name_words (head, word, patient_id, name_key) VALUES (?1, ?2, ?3, ?4)";

const INSERT_NAME_OTHER: &str =
    "INSERT OR IGNORE INTO patient_name_other (kind, form, patient_id) VALUES (?1, ?2, ?3)";

const SCAN_NAME: &str = "SELECT name_key, id FROM patients
    WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key, id";
const SCAN_CF: &str = "SELECT codice_fiscale, id FROM patients
    WHERE codice_fiscale >= ?1 AND codice_fiscale < ?2 ORDER BY codice_fiscale";
const SCAN_TESSERA: &str = "SELECT tessera_key, id FROM patients
    WHERE tessera_key >= ?1 AND tessera_key < ?2 ORDER BY tessera_key, id";
const SCAN_PHONE: &str = "SELECT phone, patient_id FROM patient_phones
    WHERE phone >= ?1 AND phone < ?2 ORDER BY phone, patient_id";
/// The first name-index key at or after ?1 and before ?2: the next distinct
/// first word of the skip scan.
const NEXT_NAME: &str = "SELECT name_key, id FROM patients
    WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key, id";
/// The first indexed word at or after ?2 (and before ?3) under head ?1.
const NEXT_NAME_WORD: &str = "SELECT word, patient_id FROM patient_name_words
    WHERE head = ?1 AND word >= ?2 AND word < ?3 ORDER BY head, word, name_key, patient_id";
/// The names under (head ?1, word ?2) after (?3, ?4), in order.
const SCAN_WORD_GROUP: &str = "SELECT name_key, patient_id FROM patient_name_words
    WHERE head = ?1 AND word = ?2 AND (name_key, patient_id) > (?3, ?4)
    ORDER BY head, word, name_key, patient_id";
/// The other name forms of kind ?1 starting with ?2 (before ?3), in order:
/// `Store::walk_other_names`.
const SCAN_NAME_OTHER: &str = "SELECT form, patient_id FROM patient_name_other
    WHERE kind = ?1 AND form >= ?2 AND form < ?3 ORDER BY kind, form, patient_id";
/// Rows fetched at a time from one word's names.
const WORD_CHUNK: usize = 16;
const NEIGHBOURS_FORWARD: &str = "SELECT name_key, id FROM patients
    WHERE name_key >= ?1 ORDER BY name_key, id";
const NEIGHBOURS_BACKWARD: &str = "SELECT name_key, id FROM patients
    WHERE name_key < ?1 ORDER BY name_key DESC, id DESC";
/// The covering indexes of the third column ([`Engine::SqliteCovering`]),
/// in place of the plain name and tessera indexes: each range the search
/// walks holds the list's columns, as sportello's index values do.
const COVERING_SCHEMA: &str = "
CREATE INDEX idx_patient_name ON patients(name_key, id, cognome, nome, data_nascita,
    codice_fiscale, comune, patologie, stato);
CREATE INDEX idx_patient_tessera ON patients(tessera_key, id, cognome, nome, data_nascita,
    codice_fiscale, comune, patologie, stato);
CREATE INDEX idx_patient_cf_row ON patients(codice_fiscale, id, cognome, nome, data_nascita,
    comune, patologie, stato);
";
const SCAN_NAME_ROWS: &str = "SELECT name_key, id, cognome, nome, data_nascita, codice_fiscale,
    comune, patologie, stato FROM patients
    WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key, id";
const SCAN_CF_ROWS: &str = "SELECT codice_fiscale, id, cognome, nome, data_nascita,
    codice_fiscale, comune, patologie, stato FROM patients
    WHERE codice_fiscale >= ?1 AND codice_fiscale < ?2 ORDER BY codice_fiscale";
const SCAN_TESSERA_ROWS: &str = "SELECT tessera_key, id, cognome, nome, data_nascita,
    codice_fiscale, comune, patologie, stato FROM patients
    WHERE tessera_key >= ?1 AND tessera_key < ?2 ORDER BY tessera_key, id";
/// One patient's list columns, by id (a hit that came without them).
const GET_ROW: &str = "SELECT cognome, nome, data_nascita, codice_fiscale, comune, patologie,
    stato FROM patients WHERE id = ?1";

fn load_sqlite(paths: &Paths, engine: Engine, batch: usize, cache: u64) -> Result<Value> {
    let wall = Instant::now();
    fs::create_dir_all(paths.sqlite_dir())?;
    let conn = Connection::open(paths.sqlite_of(engine))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    set_cache(&conn, cache)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    if engine == Engine::SqliteCovering {
        let plain = "CREATE INDEX idx_patient_name ON patients(name_key);
CREATE INDEX idx_patient_tessera ON patients(tessera_key);
";
        if !SCHEMA.contains(plain) {
            bail!("the plain schema's indexes changed");
        }
        conn.execute_batch(&SCHEMA.replace(plain, COVERING_SCHEMA))?;
    } else {
        conn.execute_batch(SCHEMA)?;
    }
    let mut engine = Duration::ZERO;
    let mut next_id: u64 = 1;
    let count = for_each_batch(&paths.patients(), batch, |list| {
        let started = Instant::now();
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare_cached(INSERT_PATIENT)?;
            let mut phone = tx.prepare_cached(INSERT_PHONE)?;
            let mut name_word = tx.prepare_cached(INSERT_NAME_WORD)?;
            let mut name_other = tx.prepare_cached(INSERT_NAME_OTHER)?;
            for p in list.iter_mut() {
                // The same ids sled gives (1, 2, ...), so results can be compared.
                p.id = next_id;
                next_id += 1;
                let id = i64::try_from(p.id)?;
                let tessera = digits(&p.tessera_sanitaria);
                insert.execute(params![
                    id,
                    p.codice_fiscale.to_uppercase(),
                    p.name_key(),
                    (!tessera.is_empty()).then_some(tessera),
                    p.cognome,
                    p.nome,
                    if p.sesso == Sex::M { "M" } else { "F" },
                    p.data_nascita.to_string(),
                    p.luogo_nascita,
                    p.residenza.indirizzo,
                    p.residenza.cap,
                    p.residenza.comune,
                    p.ats_override,
                    p.mmg,
                    p.telefoni.join("\n"),
                    p.email,
                    p.tessera_sanitaria,
                    p.patologie.join(","),
                    stato_text(p.stato),
                    p.note,
                ])?;
                for key in p.phone_keys() {
                    phone.execute(params![key, id])?;
                }
                let name = p.name_key();
                for (head, word) in name_words(&name) {
                    name_word.execute(params![head, word, id, name])?;
                }
                let other = other_name_keys(&p.cognome, &p.nome);
                for (kind, forms) in [(2, &other.surname), (3, &other.first_name)] {
                    for form in forms {
                        name_other.execute(params![kind, form, id])?;
                    }
                }
            }
        }
        tx.commit()?;
        engine += started.elapsed();
        Ok(())
    })?;
    // Durable and compact: the WAL folded into the database file and fsynced.
    let started = Instant::now();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    engine += started.elapsed();
    conn.close().map_err(|(_, e)| e)?;
    Ok(json!({
        "count": count,
        "secs": engine.as_secs_f64(),
        "wall_secs": wall.elapsed().as_secs_f64(),
        "rss_kb": peak_rss_kb(),
    }))
}

/// SQLite gets the same page-cache budget as sled (`--cache-mb`); its default
/// is 2 MB.
fn set_cache(conn: &Connection, cache_bytes: u64) -> Result<()> {
    let kib = i64::try_from(cache_bytes / 1024)?;
    conn.pragma_update(None, "cache_size", -kib)?;
    Ok(())
}

/// `patients::name_word_keys` of `src/store/`: (first word, later word) for
/// each distinct word from the third on of a folded name key, and (first two
/// words, later word) for each from the fourth on.
fn name_words(name: &str) -> Vec<(String, &str)> {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    for before in 1..=2usize {
        let Some(later) = words.get(before + 1..) else {
            break;
        };
        let head = words[..before].join(" ");
        let mut later = later.to_vec();
        later.sort_unstable();
        later.dedup();
        out.extend(later.into_iter().map(|w| (head.clone(), w)));
    }
    out
}

/// The first word of a folded name.
fn first_word(name: &str) -> &str {
    name.split(' ').next().unwrap_or_default()
}

/// The exclusive upper bound of the keys starting with `prefix` (keys are
/// compared bytewise; no valid key continues the prefix with U+10FFFF).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// A group of `Sql::later_words`: one indexed word's names, fetched
/// `WORD_CHUNK` rows at a time after the last one read.
struct SqlGroup {
    word: String,
    buf: std::collections::VecDeque<Hit>,
    after: (String, i64),
    done: bool,
}

struct SqlLaterWords {
    head: String,
    word: String,
    skip: usize,
    groups: Vec<SqlGroup>,
    last: Option<Hit>,
}

struct Sql {
    conn: Connection,
    /// The text of each (query, literal LIMIT) statement, built once.
    texts: RefCell<Vec<(&'static str, usize, String)>>,
    /// Covering indexes: the range scans also read the list's columns.
    covering: bool,
    /// The list rows the scans of the current lookup brought, by id.
    rows: RefCell<std::collections::HashMap<u64, SqlRow>>,
}

/// The lookup list's columns of one patient (as sportello's `PatientRow`).
#[derive(Debug, Clone)]
struct SqlRow {
    id: u64,
    #[allow(dead_code)]
    columns: [String; 7],
}

fn sql_row(id: u64, r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<SqlRow> {
    let mut columns: [String; 7] = Default::default();
    for (i, c) in columns.iter_mut().enumerate() {
        *c = r.get(from + i)?;
    }
    Ok(SqlRow { id, columns })
}

type Hit = (String, u64);

/// The name index on SQLite, for `suggest_in`: the same suggestion
/// algorithm as sportello's, on SQL ranges.
impl NameIndex for Sql {
    type Error = anyhow::Error;

    fn walk_from(&self, from: &str, visit: &mut dyn FnMut(&str, u64) -> bool) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(NEIGHBOURS_FORWARD)?;
        let mut rows = stmt.query(params![from])?;
        while let Some(row) = rows.next()? {
            let key: String = row.get(0)?;
            let id = row.get::<_, i64>(1)? as u64;
            if !visit(&key, id) {
                break;
            }
        }
        Ok(())
    }

    fn before(&self, from: &str, limit: usize) -> Result<Vec<(String, u64)>> {
        self.hits(NEIGHBOURS_BACKWARD, limit, params![from])
    }
}

impl Sql {
    fn open(path: &Path, cache: u64, engine: Engine) -> Result<Sql> {
        let conn = Connection::open(path)?;
        // One process owns the file, as sled's store is owned by one process:
        // no file locking on every read transaction.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        set_cache(&conn, cache)?;
        conn.set_prepared_statement_cache_capacity(32);
        Ok(Sql {
            conn,
            texts: RefCell::new(Vec::new()),
            covering: engine == Engine::SqliteCovering,
            rows: RefCell::new(Default::default()),
        })
    }

    /// Runs a range query with a literal LIMIT. (A bound `LIMIT ?` makes
    /// SQLite 3.54 re-prepare the statement on every new binding, because the
    /// planner uses the limit: measured at twice the cost of the query.)
    fn hits(&self, sql: &'static str, limit: usize, p: impl rusqlite::Params) -> Result<Vec<Hit>> {
        let known = |t: &(&'static str, usize, String)| t.1 == limit && t.0 == sql;
        if !self.texts.borrow().iter().any(known) {
            let text = format!("{sql} LIMIT {limit}");
            self.texts.borrow_mut().push((sql, limit, text));
        }
        let texts = self.texts.borrow();
        let text = texts
            .iter()
            .find(|t| known(t))
            .map(|t| t.2.as_str())
            .ok_or_else(|| anyhow!("statement text missing"))?;
        let mut stmt = self.conn.prepare_cached(text)?;
        drop(texts);
        let with_rows = stmt.column_count() > 2;
        let rows = stmt.query_map(p, |r| {
            let id = r.get::<_, i64>(1)? as u64;
            if with_rows {
                let row = sql_row(id, r, 2)?;
                self.rows.borrow_mut().insert(id, row);
            }
            Ok((r.get::<_, String>(0)?, id))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A range of one of the indexes that can hold the list's columns: with
    /// covering indexes, read with them.
    fn scan(&self, sql: &'static str, prefix: &str, limit: usize) -> Result<Vec<Hit>> {
        let sql = match sql {
            SCAN_NAME if self.covering => SCAN_NAME_ROWS,
            SCAN_CF if self.covering => SCAN_CF_ROWS,
            SCAN_TESSERA if self.covering => SCAN_TESSERA_ROWS,
            other => other,
        };
        self.hits(sql, limit, params![prefix, prefix_end(prefix)])
    }

    /// The list's columns of `id`: brought by the scans, else read by id.
    fn get_row(&self, id: u64) -> Result<Option<SqlRow>> {
        if let Some(row) = self.rows.borrow().get(&id) {
            return Ok(Some(row.clone()));
        }
        let mut stmt = self.conn.prepare_cached(GET_ROW)?;
        Ok(stmt
            .query_row(params![i64::try_from(id)?], |r| sql_row(id, r, 0))
            .optional()?)
    }

    /// `search_ids` of `src/service/search.rs`, step by step, on SQL ranges.
    fn search_ids(&self, query: &str, limit: usize) -> Result<Vec<u64>> {
        let mut out: Vec<u64> = Vec::new();
        let push = |out: &mut Vec<u64>, id| {
            if out.len() < limit && !out.contains(&id) {
                out.push(id);
            }
        };
        match classify(query) {
            QueryKind::Empty => {}
            QueryKind::Number => {
                let d = digits(query);
                for sql in [SCAN_TESSERA, SCAN_PHONE] {
                    for (_, id) in self.scan(sql, &d, limit)? {
                        push(&mut out, id);
                    }
                }
            }
            QueryKind::Text => {
                let folded = fold(query);
                for (_, id) in self.scan(SCAN_NAME, &folded, limit)? {
                    push(&mut out, id);
                }
                let compact: String = query
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_uppercase();
                if out.len() < limit
                    && compact.len() >= 2
                    && compact.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    for (_, id) in self.scan(SCAN_CF, &compact, limit)? {
                        push(&mut out, id);
                    }
                }
                let words: Vec<&str> = folded.split(' ').collect();
                if out.len() < limit && words.len() > 1 {
                    self.walk_name_words(&words, |key, id| {
                        if words_match(&words, key) {
                            push(&mut out, id);
                        }
                        out.len() < limit
                    })?;
                }
                for k in 2..=words.len() {
                    if out.len() >= limit {
                        break;
                    }
                    for (_, id) in self.scan(SCAN_NAME, &joined_words(&words, k), limit)? {
                        push(&mut out, id);
                    }
                }
                for kind in [2, 3] {
                    if out.len() >= limit {
                        break;
                    }
                    let mut stmt = self.conn.prepare_cached(SCAN_NAME_OTHER)?;
                    let mut rows = stmt.query(params![kind, folded, prefix_end(&folded)])?;
                    while out.len() < limit
                        && let Some(row) = rows.next()?
                    {
                        push(&mut out, row.get::<_, i64>(1)? as u64);
                    }
                }
            }
        }
        Ok(out)
    }

    /// `Store::walk_name_words`: the same skip scan over distinct first words
    /// (and second words when there is a third query word), with
    /// `patients(name_key)` for the next word and `patient_name_words` for
    /// later ones, merged in (name, id) order.
    fn walk_name_words(
        &self,
        words: &[&str],
        mut visit: impl FnMut(&str, u64) -> bool,
    ) -> Result<()> {
        let (Some(w0), Some(w1)) = (words.first(), words.get(1)) else {
            return Ok(());
        };
        let end = prefix_end(w0);
        let mut from = w0.to_string();
        for _ in 0..MAX_FIRST_WORDS {
            let Some((key, _)) = self.hits(NEXT_NAME, 1, params![from, end])?.pop() else {
                break;
            };
            let first = first_word(&key).to_string();
            from = format!("{first}!");
            let mut deeper = self.later_words(&first, w1, 1)?;
            let go_on = match words.get(2) {
                None => self.merge_walk(&format!("{first} {w1}"), &mut deeper, &mut visit)?,
                Some(w2) => {
                    let head = format!("{first} {w1}");
                    let head_end = prefix_end(&head);
                    let mut next = head.clone();
                    let mut go_on = true;
                    'seconds: while let Some((k, _)) =
                        self.hits(NEXT_NAME, 1, params![next, head_end])?.pop()
                    {
                        let second = first_word(&k[first.len() + 1..]);
                        let two = format!("{first} {second}");
                        next = format!("{two}!");
                        while let Some((n, id)) = self.next_before(&mut deeper, Some((&two, 0)))? {
                            if !visit(&n, id) {
                                go_on = false;
                                break 'seconds;
                            }
                        }
                        let mut deepest = self.later_words(&two, w2, 2)?;
                        if !self.merge_walk(&format!("{two} {w2}"), &mut deepest, &mut visit)? {
                            go_on = false;
                            break;
                        }
                    }
                    while go_on && let Some((n, id)) = self.next_before(&mut deeper, None)? {
                        go_on = visit(&n, id);
                    }
                    go_on
                }
            };
            if !go_on {
                break;
            }
        }
        Ok(())
    }

    /// `LaterWords::open` of `src/store/patients.rs`: one group per distinct
    /// word under `head` starting with `word`, each read in name order.
    fn later_words(&self, head: &str, word: &str, skip: usize) -> Result<SqlLaterWords> {
        let mut groups = Vec::new();
        let end = prefix_end(word);
        let mut from = word.to_string();
        while let Some((w, _)) = self
            .hits(NEXT_NAME_WORD, 1, params![head, from, end])?
            .pop()
        {
            from = format!("{w}\u{1}");
            let mut g = SqlGroup {
                word: w,
                buf: std::collections::VecDeque::new(),
                after: (String::new(), -1),
                done: false,
            };
            self.fill(head, word, skip, &mut g)?;
            groups.push(g);
        }
        Ok(SqlLaterWords {
            head: head.to_string(),
            word: word.to_string(),
            skip,
            groups,
            last: None,
        })
    }

    /// Reads a group's next rows until one is kept or none is left.
    fn fill(&self, head: &str, word: &str, skip: usize, g: &mut SqlGroup) -> Result<()> {
        while g.buf.is_empty() && !g.done {
            let rows = self.hits(
                SCAN_WORD_GROUP,
                WORD_CHUNK,
                params![head, g.word, g.after.0, g.after.1],
            )?;
            g.done = rows.len() < WORD_CHUNK;
            if let Some((n, id)) = rows.last() {
                g.after = (n.clone(), *id as i64);
            }
            g.buf.extend(
                rows.into_iter()
                    .filter(|(n, _)| !n.split(' ').nth(skip).is_some_and(|w| w.starts_with(word))),
            );
        }
        Ok(())
    }

    /// `LaterWords::next_before`: the smallest (name, id) of the groups if it
    /// sorts before `bound`, taken; each patient once.
    fn next_before(
        &self,
        lw: &mut SqlLaterWords,
        bound: Option<(&str, u64)>,
    ) -> Result<Option<Hit>> {
        loop {
            let best = lw
                .groups
                .iter()
                .enumerate()
                .filter_map(|(i, g)| g.buf.front().map(|(n, id)| (i, (n.as_str(), *id))))
                .min_by(|a, b| a.1.cmp(&b.1))
                .map(|(i, _)| i);
            let Some(i) = best else {
                return Ok(None);
            };
            let g = &mut lw.groups[i];
            let Some(front) = g.buf.front() else {
                return Ok(None);
            };
            if bound.is_some_and(|(n, id)| (front.0.as_str(), front.1) >= (n, id)) {
                return Ok(None);
            }
            let hit = g.buf.pop_front().unwrap_or_default();
            self.fill(&lw.head, &lw.word, lw.skip, g)?;
            if lw.last.as_ref() == Some(&hit) {
                continue;
            }
            lw.last = Some(hit.clone());
            return Ok(Some(hit));
        }
    }

    /// The names starting with `prefix`, streamed, merged with `extra`.
    fn merge_walk(
        &self,
        prefix: &str,
        extra: &mut SqlLaterWords,
        visit: &mut impl FnMut(&str, u64) -> bool,
    ) -> Result<bool> {
        let mut stream = self.conn.prepare_cached(SCAN_NAME)?;
        let mut rows = stream.query(params![prefix, prefix_end(prefix)])?;
        while let Some(row) = rows.next()? {
            let name: String = row.get(0)?;
            let id = row.get::<_, i64>(1)? as u64;
            while let Some((n, i)) = self.next_before(extra, Some((&name, id)))? {
                if !visit(&n, i) {
                    return Ok(false);
                }
            }
            if !visit(&name, id) {
                return Ok(false);
            }
        }
        while let Some((n, i)) = self.next_before(extra, None)? {
            if !visit(&n, i) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The same steps as [`lookup_sled`], in one read transaction (the
    /// matches and their list rows from one snapshot, and one lock for all).
    fn lookup(&self, query: &str) -> Result<Vec<SqlRow>> {
        let tx = self.conn.unchecked_transaction()?;
        self.rows.borrow_mut().clear();
        let mut ids = self.search_ids(query, LIMIT)?;
        if ids.is_empty() {
            ids = suggest_in(self, query, SUGGEST_LIMIT)?;
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(p) = self.get_row(id)? {
                out.push(p);
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Every range query must walk an index in order: no table scan, no sort.
    fn check_plans(&self) -> Result<()> {
        let mut ranges = vec![
            SCAN_NAME,
            SCAN_CF,
            SCAN_TESSERA,
            SCAN_PHONE,
            NEXT_NAME,
            NEXT_NAME_WORD,
            SCAN_WORD_GROUP,
            SCAN_NAME_OTHER,
            NEIGHBOURS_FORWARD,
            NEIGHBOURS_BACKWARD,
        ];
        if self.covering {
            ranges.extend([SCAN_NAME_ROWS, SCAN_CF_ROWS, SCAN_TESSERA_ROWS]);
        }
        for sql in ranges {
            let mut stmt = self
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql} LIMIT 50"))?;
            let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))?
                .collect::<rusqlite::Result<_>>()?;
            let plan = plan.join("; ");
            if plan.contains("TEMP B-TREE")
                || !(plan.contains("INDEX") || plan.contains("PRIMARY KEY"))
            {
                bail!("SQLite plan without an ordered index for {sql}: {plan}");
            }
            if sql.contains("cognome, nome") && !plan.contains("COVERING INDEX") {
                bail!("SQLite plan without a covering index for {sql}: {plan}");
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The parent: generate, draw the queries, run the children, report.

/// What the query draw needs of each generated patient.
struct Sample {
    surname: String,
    name: String,
    cf: String,
    tessera: String,
}

fn orchestrate(args: &Args) -> Result<()> {
    if args.patients == 0 || args.iterations == 0 || args.batch == 0 {
        bail!("--patients, --iterations and --batch must be positive");
    }
    let (paths, _temp) = work_dir(args)?;
    let exe = std::env::current_exe().context("path of this program")?;
    let total = Instant::now();
    let step = |what: &str| eprintln!("[{:>7.1} s] {what}", total.elapsed().as_secs_f64());

    step(&format!("genero {} pazienti (seed {SEED})", args.patients));
    let started = Instant::now();
    let samples = generate(&paths.patients(), args.patients)?;
    let gen_secs = started.elapsed().as_secs_f64();
    let queries = draw_queries(&samples, args.iterations)?;
    drop(samples);
    let mut file = BufWriter::new(File::create(paths.queries())?);
    for q in &queries {
        writeln!(
            file,
            "{}\t{}\t{}",
            if q.timed { "t" } else { "w" },
            q.kind,
            q.text
        )?;
    }
    file.into_inner().map_err(|e| e.into_error())?.sync_all()?;

    let child = |task: Task, engine: Engine| -> Result<Value> {
        step(&format!("{task:?} {}", engine.arg()));
        settle();
        if matches!(task, Task::Open | Task::Browse | Task::Render) {
            warm(&paths.files_of(engine))?;
        }
        run_child(&exe, task, engine, &paths, args)
    };
    let load_sled = child(Task::Load, Engine::Sled)?;
    let load_sql = child(Task::Load, Engine::Sqlite)?;
    let load_cov = child(Task::Load, Engine::SqliteCovering)?;
    let sqlite_bytes = |path: PathBuf| {
        file_len(&path)
            + file_len(&path.with_extension("db-wal"))
            + file_len(&path.with_extension("db-shm"))
    };
    let open_sled = [
        child(Task::Open, Engine::Sled)?,
        child(Task::Open, Engine::Sled)?,
    ];
    let open_sql = [
        child(Task::Open, Engine::Sqlite)?,
        child(Task::Open, Engine::Sqlite)?,
    ];
    let open_cov = [
        child(Task::Open, Engine::SqliteCovering)?,
        child(Task::Open, Engine::SqliteCovering)?,
    ];
    let browse_sled = child(Task::Browse, Engine::Sled)?;
    let browse_sql = child(Task::Browse, Engine::Sqlite)?;
    let browse_cov = child(Task::Browse, Engine::SqliteCovering)?;
    let render = child(Task::Render, Engine::Sled)?;
    // `compatta`, then the compacted store opened and browsed again.
    let compact = child(Task::Compact, Engine::Sled)?;
    let open_compacted = [
        child(Task::Open, Engine::Sled)?,
        child(Task::Open, Engine::Sled)?,
    ];
    let browse_compacted = child(Task::Browse, Engine::Sled)?;
    step("fatto");

    let n = args.patients as f64;
    let f = |v: &Value, key: &str| v[key].as_f64().unwrap_or(f64::NAN);
    let mb = |v: &Value| f(v, "rss_kb") * 1024.0 / 1e6;
    let sled = Side {
        import_per_s: n / f(&load_sled, "secs"),
        import_secs: f(&load_sled, "secs"),
        open_ms: [f(&open_sled[0], "ms"), f(&open_sled[1], "ms")],
        bytes_per_patient: f(&load_sled, "bytes") / n,
        logical_bytes_per_patient: f(&load_sled, "logical_bytes") / n,
        rss_load_mb: mb(&load_sled),
        rss_open_mb: mb(&open_sled[0]).max(mb(&open_sled[1])),
        rss_browse_mb: mb(&browse_sled),
        rss_render_mb: mb(&render),
        lookups: browse_sled["kinds"].clone(),
        compacted: Some(Compacted {
            secs: f(&compact, "secs"),
            bytes_per_patient: f(&compact, "bytes") / n,
            open_ms: [f(&open_compacted[0], "ms"), f(&open_compacted[1], "ms")],
            rss_open_mb: mb(&open_compacted[0]).max(mb(&open_compacted[1])),
            rss_browse_mb: mb(&browse_compacted),
            lookups: browse_compacted["kinds"].clone(),
        }),
    };
    let sqlite_side = |load: &Value, open: &[Value; 2], browse: &Value, bytes: u64| Side {
        import_per_s: n / f(load, "secs"),
        import_secs: f(load, "secs"),
        open_ms: [f(&open[0], "ms"), f(&open[1], "ms")],
        bytes_per_patient: bytes as f64 / n,
        logical_bytes_per_patient: f64::NAN,
        rss_load_mb: mb(load),
        rss_open_mb: mb(&open[0]).max(mb(&open[1])),
        rss_browse_mb: mb(browse),
        rss_render_mb: f64::NAN,
        lookups: browse["kinds"].clone(),
        compacted: None,
    };
    let sqlite = sqlite_side(
        &load_sql,
        &open_sql,
        &browse_sql,
        sqlite_bytes(paths.sqlite()),
    );
    let covering = sqlite_side(
        &load_cov,
        &open_cov,
        &browse_cov,
        sqlite_bytes(paths.sqlite_covering()),
    );
    let report = Report {
        patients: args.patients,
        cache_mb: args.cache_mb,
        batch: args.batch,
        iterations: args.iterations,
        gen_secs,
        sled,
        sqlite,
        covering,
        render,
    };
    report.print_table();
    if args.json {
        println!("{}", report.json());
    }
    if args.keep || args.dir.is_some() {
        eprintln!("scale: file lasciati in {}", paths.root.display());
    }
    Ok(())
}

/// The working directory: `--dir` (created if needed, refused when it holds
/// something this benchmark did not write), else a temporary one.
fn work_dir(args: &Args) -> Result<(Paths, Option<tempfile::TempDir>)> {
    match &args.dir {
        Some(dir) => {
            fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
            let paths = Paths { root: dir.clone() };
            let empty = fs::read_dir(dir)?.next().is_none();
            if !empty && !paths.marker().exists() {
                bail!(
                    "{} non è vuota e non è una cartella di questo benchmark: sceglierne un'altra",
                    dir.display()
                );
            }
            for old in [paths.sled(), paths.sqlite_dir()] {
                if old.exists() {
                    fs::remove_dir_all(&old)
                        .with_context(|| format!("remove {}", old.display()))?;
                }
            }
            fs::write(paths.marker(), "sportello scale benchmark\n")?;
            Ok((paths, None))
        }
        None => {
            let temp = tempfile::Builder::new()
                .prefix("sportello-scale-")
                .tempdir()
                .context("temporary directory")?;
            let paths = Paths {
                root: temp.path().to_path_buf(),
            };
            fs::write(paths.marker(), "sportello scale benchmark\n")?;
            if args.keep {
                let _kept = temp.keep();
                Ok((paths, None))
            } else {
                Ok((paths, Some(temp)))
            }
        }
    }
}

fn file_len(path: &Path) -> u64 {
    fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn run_child(exe: &Path, task: Task, engine: Engine, paths: &Paths, args: &Args) -> Result<Value> {
    let task_arg = match task {
        Task::Load => "load",
        Task::Open => "open",
        Task::Browse => "browse",
        Task::Render => "render",
        Task::Compact => "compact",
    };
    let output = Command::new(exe)
        .args(["--child", task_arg, "--engine", engine.arg(), "--dir"])
        .arg(&paths.root)
        .args(["--patients", &args.patients.to_string()])
        .args(["--iterations", &args.iterations.to_string()])
        .args(["--batch", &args.batch.to_string()])
        .args(["--cache-mb", &args.cache_mb.to_string()])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("start {}", exe.display()))?;
    if !output.status.success() {
        bail!(
            "il processo figlio {task_arg} {} è fallito ({})",
            engine.arg(),
            output.status
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout
        .lines()
        .last()
        .ok_or_else(|| anyhow!("no output from child {task_arg} {}", engine.arg()))?;
    serde_json::from_str(last).with_context(|| format!("child output {last:?}"))
}

/// Generates the patients once into `path`; returns what the query draw needs.
fn generate(path: &Path, count: usize) -> Result<Vec<Sample>> {
    let mut generator = DemoGenerator::new(SEED, today()?);
    let mut out = BufWriter::new(File::create(path)?);
    let mut samples = Vec::with_capacity(count);
    for _ in 0..count {
        let p = generator.next_patient(&|_| false);
        writeln!(out, "{}", patient_line(&p))?;
        samples.push(Sample {
            surname: fold(&p.cognome),
            name: fold(&p.nome),
            cf: p.codice_fiscale.to_uppercase(),
            tessera: digits(&p.tessera_sanitaria),
        });
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(samples)
}

/// The query mix, drawn from the generated patients with a fixed seed:
/// `WARMUP_PER_KIND` untimed then `iterations` timed queries per kind, shuffled.
fn draw_queries(samples: &[Sample], iterations: usize) -> Result<Vec<Query>> {
    let names: BTreeSet<String> = samples
        .iter()
        .map(|s| format!("{} {}", s.surname, s.name))
        .collect();
    let mut cfs: Vec<&str> = samples.iter().map(|s| s.cf.as_str()).collect();
    cfs.sort_unstable();
    let mut rng = fastrand::Rng::with_seed(QUERY_SEED);
    let mut all = Vec::new();
    for (timed, per_kind) in [(false, WARMUP_PER_KIND), (true, iterations)] {
        let mut phase = Vec::with_capacity(per_kind * KINDS.len());
        for kind in KINDS {
            for _ in 0..per_kind {
                let text = draw_query(kind, &mut rng, samples, &names, &cfs)?;
                phase.push(Query { kind, text, timed });
            }
        }
        rng.shuffle(&mut phase);
        all.extend(phase);
    }
    Ok(all)
}

fn draw_query(
    kind: &str,
    rng: &mut fastrand::Rng,
    samples: &[Sample],
    names: &BTreeSet<String>,
    cfs: &[&str],
) -> Result<String> {
    let head = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
    for _ in 0..10_000 {
        let s = &samples[rng.usize(..samples.len())];
        let query = match kind {
            "surname_name" => {
                let n = rng.usize(1..=3);
                format!("{} {}", s.surname, head(&s.name, n)).to_lowercase()
            }
            "word_prefixes" => {
                let first = s.surname.split(' ').next().unwrap_or("");
                let name = s.name.split(' ').next().unwrap_or("");
                if first.chars().count() < 3 || name.chars().count() < 2 {
                    continue;
                }
                format!("{} {}", head(first, 3), head(name, 2)).to_lowercase()
            }
            "cf_full" => s.cf.clone(),
            "cf_partial" => head(&s.cf, rng.usize(6..=11)),
            "tessera" => s.tessera.clone(),
            "typo" => match typo(&s.surname, rng, names, cfs) {
                Some(t) => t,
                None => continue,
            },
            surname => {
                let n: usize = surname
                    .strip_prefix("surname_")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| anyhow!("unknown kind {kind}"))?;
                if s.surname.chars().count() < n {
                    continue;
                }
                head(&s.surname, n).to_lowercase()
            }
        };
        if !query.trim().is_empty() {
            return Ok(query);
        }
    }
    bail!("could not draw a query of kind {kind}")
}

/// A surname with one letter (not the first) replaced, such that nothing
/// matches it and the lookup falls back to suggestions.
fn typo(
    surname: &str,
    rng: &mut fastrand::Rng,
    names: &BTreeSet<String>,
    cfs: &[&str],
) -> Option<String> {
    let mut chars: Vec<char> = surname.chars().collect();
    if chars.len() < 5 {
        return None;
    }
    let at = rng.usize(1..chars.len());
    if !chars[at].is_ascii_uppercase() {
        return None;
    }
    let c = char::from(b'A' + rng.u8(0..26));
    if c == chars[at] {
        return None;
    }
    chars[at] = c;
    let t: String = chars.into_iter().collect();
    let name_hit = names
        .range(t.clone()..)
        .next()
        .is_some_and(|k| k.starts_with(&t));
    let words: Vec<&str> = t.split(' ').collect();
    let word_hit = words.len() > 1 && names.iter().any(|k| words_match(&words, k));
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let i = cfs.partition_point(|cf| *cf < compact.as_str());
    let cf_hit = cfs.get(i).is_some_and(|cf| cf.starts_with(&compact));
    (!name_hit && !word_hit && !cf_hit).then(|| t.to_lowercase())
}

// ---------------------------------------------------------------------------
// Report.

struct Side {
    import_per_s: f64,
    import_secs: f64,
    /// First and second open (plus first query) after the load.
    open_ms: [f64; 2],
    bytes_per_patient: f64,
    /// Keys + values stored (sportello only): what `bytes_per_patient` holds.
    logical_bytes_per_patient: f64,
    rss_load_mb: f64,
    rss_open_mb: f64,
    rss_browse_mb: f64,
    /// The lookup screen drawn through `Desk` (sportello only).
    rss_render_mb: f64,
    lookups: Value,
    /// After `compatta` (sportello only).
    compacted: Option<Compacted>,
}

/// The sportello store after `compatta`: its size, its opens, its lookups.
struct Compacted {
    secs: f64,
    bytes_per_patient: f64,
    open_ms: [f64; 2],
    rss_open_mb: f64,
    rss_browse_mb: f64,
    lookups: Value,
}

impl Compacted {
    fn lookup(&self, kind: &str, stat: &str) -> f64 {
        self.lookups[kind][stat].as_f64().unwrap_or(f64::NAN)
    }
}

impl Side {
    fn peak_rss_mb(&self) -> f64 {
        self.rss_load_mb
            .max(self.rss_open_mb)
            .max(self.rss_browse_mb)
            .max(self.rss_render_mb)
    }

    fn lookup(&self, kind: &str, stat: &str) -> f64 {
        self.lookups[kind][stat].as_f64().unwrap_or(f64::NAN)
    }

    fn json(&self) -> Value {
        let mut lookups = serde_json::Map::new();
        for kind in KINDS {
            lookups.insert(
                kind.to_string(),
                json!({
                    "p50": self.lookup(kind, "p50"),
                    "p99": self.lookup(kind, "p99"),
                    "net_p99": self.lookup(kind, "net_p99"),
                    "max": self.lookup(kind, "max"),
                }),
            );
        }
        let mut out = json!({
            "import_per_s": self.import_per_s,
            "open_first_query_ms": self.open_ms[0],
            "bytes_per_patient": self.bytes_per_patient,
            "logical_bytes_per_patient": self.logical_bytes_per_patient,
            "peak_rss_mb": self.peak_rss_mb(),
            "browse_rss_mb": self.rss_open_mb.max(self.rss_browse_mb),
            "lookup_us": lookups,
        });
        if let Some(c) = &self.compacted {
            let mut lookups = serde_json::Map::new();
            for kind in KINDS {
                lookups.insert(
                    kind.to_string(),
                    json!({
                        "p50": c.lookup(kind, "p50"),
                        "p99": c.lookup(kind, "p99"),
                        "net_p99": c.lookup(kind, "net_p99"),
                    }),
                );
            }
            out["compacted"] = json!({
                "secs": c.secs,
                "bytes_per_patient": c.bytes_per_patient,
                "open_first_query_ms": c.open_ms,
                "browse_rss_mb": c.rss_open_mb.max(c.rss_browse_mb),
                "lookup_us": lookups,
            });
        }
        out
    }
}

struct Report {
    patients: usize,
    cache_mb: u64,
    batch: usize,
    iterations: usize,
    gen_secs: f64,
    sled: Side,
    sqlite: Side,
    covering: Side,
    render: Value,
}

fn num(v: f64) -> String {
    if !v.is_finite() {
        "-".into()
    } else if v >= 100.0 {
        let whole = format!("{:.0}", v);
        // Thousands separated by a thin space for readability.
        let mut out = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push('\u{202f}');
            }
            out.push(c);
        }
        out
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

impl Report {
    fn json(&self) -> Value {
        let mut sportello = self.sled.json();
        sportello["render_us"] = json!({
            "p50": self.render["p50"].as_f64().unwrap_or(f64::NAN),
            "p99": self.render["p99"].as_f64().unwrap_or(f64::NAN),
        });
        json!({
            "patients": self.patients,
            "sportello": sportello,
            "sqlite": self.sqlite.json(),
            "sqlite_covering": self.covering.json(),
        })
    }

    fn rows(&self) -> Vec<Vec<String>> {
        let (a, b, c) = (&self.sled, &self.sqlite, &self.covering);
        let ratio = |x: f64, y: f64| {
            let r = x / y;
            if r.is_finite() {
                format!("{r:.2}")
            } else {
                "-".to_string()
            }
        };
        let one = |label: &str, f: &dyn Fn(&Side) -> f64| {
            let (x, y, z) = (f(a), f(b), f(c));
            vec![
                label.to_string(),
                num(x),
                num(y),
                num(z),
                ratio(x, y),
                ratio(x, z),
            ]
        };
        let mut rows = vec![
            one("import (pazienti/s)", &|s| s.import_per_s),
            one("import (s)", &|s| s.import_secs),
            one("apertura + prima ricerca, 1ª volta (ms)", &|s| {
                s.open_ms[0]
            }),
            one("apertura + prima ricerca, 2ª volta (ms)", &|s| {
                s.open_ms[1]
            }),
            one("byte su disco per paziente", &|s| s.bytes_per_patient),
            one("  di cui dati (chiavi + valori) per paziente", &|s| {
                s.logical_bytes_per_patient
            }),
            one("RSS di picco, import (MB)", &|s| s.rss_load_mb),
            one("RSS di picco, apertura (MB)", &|s| s.rss_open_mb),
            one("RSS di picco, ricerche (MB)", &|s| s.rss_browse_mb),
            one("RSS di picco, schermata di ricerca (MB)", &|s| {
                s.rss_render_mb
            }),
        ];
        if let Some(k) = &a.compacted {
            let after = |label: &str, x: f64, y: f64, z: f64| {
                vec![
                    label.to_string(),
                    num(x),
                    num(y),
                    num(z),
                    ratio(x, y),
                    ratio(x, z),
                ]
            };
            rows.push(after("compatta (s)", k.secs, f64::NAN, f64::NAN));
            rows.push(after(
                "byte su disco per paziente, dopo compatta",
                k.bytes_per_patient,
                b.bytes_per_patient,
                c.bytes_per_patient,
            ));
            rows.push(after(
                "apertura + prima ricerca dopo compatta, 1ª · 2ª (ms)",
                k.open_ms[0],
                b.open_ms[0],
                c.open_ms[0],
            ));
            if let Some(r) = rows.last_mut() {
                r[1] = format!("{} · {}", num(k.open_ms[0]), num(k.open_ms[1]));
            }
            rows.push(after(
                "RSS di picco, apertura e ricerche dopo compatta (MB)",
                k.rss_open_mb.max(k.rss_browse_mb),
                b.rss_open_mb.max(b.rss_browse_mb),
                c.rss_open_mb.max(c.rss_browse_mb),
            ));
        }
        let triple = |v: [f64; 3]| format!("{} · {} · {}", num(v[0]), num(v[1]), num(v[2]));
        let ratios = |x: [f64; 3], y: [f64; 3]| {
            format!(
                "{:.2} · {:.2} · {:.2}",
                x[0] / y[0],
                x[1] / y[1],
                x[2] / y[2]
            )
        };
        for (prefix, suffix) in [("", ""), ("net_", ", senza coda CPU")] {
            for kind in KINDS {
                let get = |side: &Side| {
                    ["p50", "p99", "max"].map(|stat| side.lookup(kind, &format!("{prefix}{stat}")))
                };
                let (x, y, z) = (get(a), get(b), get(c));
                rows.push(vec![
                    format!("{kind}{suffix}: p50 · p99 · max (µs)"),
                    triple(x),
                    triple(y),
                    triple(z),
                    ratios(x, y),
                    ratios(x, z),
                ]);
            }
        }
        if let Some(k) = &a.compacted {
            for kind in KINDS {
                let x = ["p50", "p99", "max"].map(|stat| k.lookup(kind, stat));
                let (y, z) = (
                    ["p50", "p99", "max"].map(|stat| b.lookup(kind, stat)),
                    ["p50", "p99", "max"].map(|stat| c.lookup(kind, stat)),
                );
                rows.push(vec![
                    format!("{kind} dopo compatta: p50 · p99 · max (µs)"),
                    triple(x),
                    triple(y),
                    triple(z),
                    ratios(x, y),
                    ratios(x, z),
                ]);
            }
        }
        for (prefix, suffix) in [("", ""), ("net_", ", senza coda CPU")] {
            let r = ["p50", "p99", "max"].map(|stat| {
                self.render[format!("{prefix}{stat}")]
                    .as_f64()
                    .unwrap_or(f64::NAN)
            });
            rows.push(vec![
                format!("disegno ricerca 120x40{suffix}: p50 · p99 · max (µs)"),
                triple(r),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ]);
        }
        rows
    }

    fn print_table(&self) {
        println!(
            "Benchmark di scala: {} pazienti; cache sled {} MiB; lotti di {}; {} ricerche per tipo",
            self.patients, self.cache_mb, self.batch, self.iterations
        );
        println!();
        let mut rows = vec![vec![
            "misura".to_string(),
            "sportello".into(),
            "SQLite".into(),
            "SQLite coprente".into(),
            "sportello/SQLite".into(),
            "sportello/coprente".into(),
        ]];
        rows.extend(self.rows());
        let mut widths = [0usize; 6];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let pad = |cell: &str, w: usize, right: bool| {
            let fill = " ".repeat(w.saturating_sub(cell.chars().count()));
            if right {
                format!("{fill}{cell}")
            } else {
                format!("{cell}{fill}")
            }
        };
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(widths)
                .enumerate()
                .map(|(j, (cell, w))| pad(cell, w, j > 0))
                .collect();
            println!("| {} |", cells.join(" | "));
            if i == 0 {
                let rules: Vec<String> = widths
                    .iter()
                    .enumerate()
                    .map(|(j, w)| {
                        if j == 0 {
                            "-".repeat(w + 2)
                        } else {
                            format!("{}:", "-".repeat(w + 1))
                        }
                    })
                    .collect();
                println!("|{}|", rules.join("|"));
            }
        }
        println!();
        self.print_checks();
    }

    fn print_checks(&self) {
        let (a, b, c) = (&self.sled, &self.sqlite, &self.covering);
        let mut same = Vec::new();
        let mut differ = Vec::new();
        for kind in KINDS {
            let results = a.lookups[kind]["avg_results"].as_f64().unwrap_or(0.0);
            let sum = &a.lookups[kind]["checksum"];
            let compacted = a
                .compacted
                .as_ref()
                .is_none_or(|k| &k.lookups[kind]["checksum"] == sum);
            if &b.lookups[kind]["checksum"] == sum
                && &c.lookups[kind]["checksum"] == sum
                && compacted
            {
                same.push(format!("{kind} ({results:.1})"));
            } else {
                differ.push(kind);
            }
        }
        println!(
            "Stessi pazienti trovati dai tre motori e dopo compatta (risultati medi per ricerca): {}",
            same.join(", ")
        );
        if !differ.is_empty() {
            println!("ATTENZIONE, risultati diversi per: {}", differ.join(", "));
        }
        println!(
            "Generazione dei pazienti: {:.1} s (esclusa dai tempi di import).",
            self.gen_secs
        );
        println!();
        println!(
            "Obiettivi dell'issue 20 (riferiti a 1 000 000 di pazienti, contro SQLite semplice):"
        );
        let mark = |ok: bool| if ok { "OK  " } else { "NO  " };
        let list = |what: Vec<String>| {
            if what.is_empty() {
                String::new()
            } else {
                format!(": {}", what.join(", "))
            }
        };
        // Both with and without the time spent waiting for a CPU (on a
        // busy machine that wait, not the engine, makes the p99).
        for (prefix, suffix) in [("", ""), ("net_", ", senza coda CPU")] {
            let p99 = format!("{prefix}p99");
            let slow: Vec<String> = KINDS
                .iter()
                .filter(|k| a.lookup(k, &p99) >= 1000.0)
                .map(|k| format!("{k} {:.0} µs", a.lookup(k, &p99)))
                .collect();
            println!(
                "  {}p99 di ogni ricerca sotto 1 ms{suffix}{}",
                mark(slow.is_empty()),
                list(slow)
            );
            for stat in ["p50", "p99"] {
                let stat = format!("{prefix}{stat}");
                let worse: Vec<String> = KINDS
                    .iter()
                    .filter(|k| a.lookup(k, &stat) > b.lookup(k, &stat))
                    .map(|k| {
                        format!(
                            "{k} {:.0} vs {:.0} µs",
                            a.lookup(k, &stat),
                            b.lookup(k, &stat)
                        )
                    })
                    .collect();
                println!(
                    "  {}{} non peggiore di SQLite{suffix}{}",
                    mark(worse.is_empty()),
                    stat.trim_start_matches("net_"),
                    list(worse)
                );
            }
        }
        println!(
            "  {}apertura + prima ricerca sotto 200 ms ({:.0} ms)",
            mark(a.open_ms[0] < 200.0),
            a.open_ms[0]
        );
        println!(
            "  {}import di almeno 50 000 pazienti/s ({:.0}/s)",
            mark(a.import_per_s >= 50_000.0),
            a.import_per_s
        );
        let disk = a
            .compacted
            .as_ref()
            .map_or(a.bytes_per_patient, |k| k.bytes_per_patient);
        println!(
            "  {}disco dopo compatta entro 3 volte SQLite ({:.2}x)",
            mark(disk <= 3.0 * b.bytes_per_patient),
            disk / b.bytes_per_patient
        );
        println!(
            "  {}memoria sotto 1 GB durante l'import ({:.0} MB)",
            mark(a.rss_load_mb < 1000.0),
            a.rss_load_mb
        );
        let browsing = a.rss_open_mb.max(a.rss_browse_mb).max(a.rss_render_mb);
        println!(
            "  {}memoria sotto 300 MB durante le ricerche ({:.0} MB)",
            mark(browsing < 300.0),
            browsing
        );
    }
}
