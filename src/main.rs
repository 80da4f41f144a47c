//! The sportello command line: no subcommand opens the application; the
//! subcommands serve scripts, checks and set-up.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// sled clones its tree nodes on every write; mimalloc makes that allocation
/// churn markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's `mi_option_set` and `mi_option_arena_eager_commit` (the C
// library of libmimalloc-sys, linked with the allocator above; v3's
// `mi_option_e`).
#[cfg(target_os = "linux")]
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

/// mimalloc commits its arenas' memory as the pages are used instead of
/// eagerly (its default on Linux, where the first arena is reserved by the
/// first allocation, before `main`: hence a constructor): at a million
/// patients sled's open (the page table built from the snapshot) and
/// browsing then peak at about 275 instead of 296 to 312 MB, for 0 to 12% on
/// the lookups' p50 (issue 20, `docs/scale-sled.md`, "Allocator"). On Windows
/// mimalloc already commits on demand.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_MEMORY_ON_DEMAND: extern "C" fn() = commit_memory_on_demand;

#[cfg(target_os = "linux")]
extern "C" fn commit_memory_on_demand() {
    // SAFETY: sets an option of the linked allocator (a static table, no
    // initialisation needed); 0 is a valid value.
    unsafe { mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

use sportello::domain::operator::Role;
use sportello::service::{Desk, DeskError, SystemClock};

mod cli;
mod cli_help;

use cli::texts as t;
use cli::{archive, files};

#[derive(Parser)]
#[command(
    name = "sportello",
    version,
    about = "Sportello per la presa in carico dei pazienti cronici (Regione Lombardia)"
)]
struct Cli {
    /// Cartella dei dati (predefinita: la cartella dati dell'utente)
    #[arg(long, env = "SPORTELLO_DATA", global = true)]
    data_dir: Option<PathBuf>,
    /// Lingua dell'interfaccia
    #[arg(long, value_enum, env = "SPORTELLO_LANG", default_value_t = Lang::It, global = true)]
    lang: Lang,
    /// Minuti di inattività dopo cui l'applicazione si blocca e chiede la password (0: mai)
    #[arg(long, env = "SPORTELLO_BLOCCO_MINUTI", default_value_t = sportello::tui::app::DEFAULT_IDLE_MINUTES, global = true)]
    blocco_minuti: u32,
    /// Backup automatici da conservare (uno al giorno, in DATI/backup; 0 = nessuno)
    #[arg(long, env = "SPORTELLO_BACKUP_GIORNI", default_value_t = sportello::service::backup::DEFAULT_KEEP, global = true)]
    backup_giorni: usize,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    It,
    En,
}

impl From<Lang> for sportello::tui::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::It => sportello::tui::Lang::It,
            Lang::En => sportello::tui::Lang::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Crea un archivio dimostrativo di pazienti inventati (solo in una cartella nuova o in un archivio dimostrativo; operatore demo, password demo)
    Demo {
        /// Quanti pazienti
        #[arg(long, default_value_t = 1000)]
        patients: usize,
        /// Seme del generatore: stesso seme, stessi pazienti
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Ogni paziente cronico con Gestore, Patto firmato e PAI condiviso, nessuno
        /// pianificato (il carico su cui si misura `plan --all`)
        #[arg(long)]
        tutti_con_pai: bool,
    },
    /// Verifica e decodifica un codice fiscale
    Cf {
        /// Il codice fiscale (anche con spazi)
        #[arg(required = true, num_args = 1..)]
        code: Vec<String>,
    },
    /// Elenca le festività di un anno
    Festivi {
        anno: i32,
        /// Aggiunge il santo patrono di questo comune
        #[arg(long)]
        comune: Option<String>,
    },
    /// Cerca pazienti come la schermata di ricerca
    Find {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Un oggetto JSON per riga
        #[arg(long)]
        json: bool,
    },
    /// Controlla ogni record e ogni indice dell'archivio
    Check,
    /// Scrive una copia di sicurezza verificata dell'archivio
    Backup {
        /// File di destinazione
        file: PathBuf,
        /// Cifra il backup con una passphrase (chiesta senza mostrarla)
        #[arg(long)]
        cifra: bool,
        /// Sostituisce un backup di sportello già presente con lo stesso nome
        #[arg(long)]
        sovrascrivi: bool,
    },
    /// Sostituisce l'archivio con il contenuto di una copia di sicurezza
    Restore {
        /// File di backup
        file: PathBuf,
        /// Non chiede conferma (dopo aver mostrato cosa viene sostituito)
        #[arg(long)]
        si: bool,
    },
    /// Pianifica in agenda i PAI condivisi non ancora pianificati
    Plan {
        /// Tutti i PAI condivisi senza appuntamenti
        #[arg(long, required = true)]
        all: bool,
    },
    /// La lista del giorno: testo, CSV o PDF
    Agenda {
        /// Giorno (gg/mm/aaaa; predefinito: oggi)
        #[arg(long)]
        giorno: Option<String>,
        /// CSV sullo standard output invece del testo
        #[arg(long)]
        csv: bool,
        /// Scrive anche il PDF in questo file
        #[arg(long)]
        pdf: Option<PathBuf>,
    },
    /// Gli appuntamenti futuri di un paziente in formato iCalendar (.ics)
    Ics {
        /// Codice fiscale del paziente
        #[arg(long)]
        patient: String,
    },
    /// Importa dati da file
    #[command(subcommand)]
    Import(ImportWhat),
    /// Esporta dati su file o sullo standard output
    #[command(subcommand)]
    Export(ExportWhat),
    /// Il registro accessi (audit)
    #[command(subcommand)]
    Audit(AuditWhat),
    /// Gli operatori che accedono all'applicazione
    #[command(subcommand)]
    Operator(OperatorWhat),
    /// Diritti dell'interessato (GDPR): esportazione e cancellazione dei dati di un paziente
    #[command(subcommand)]
    Gdpr(GdprWhat),
    /// Riscrive l'archivio con i soli dati in uso: toglie dal disco le versioni
    /// precedenti dei record e lo spazio che occupano
    Compatta,
    /// Serve l'applicazione a più postazioni via SSH su un solo archivio
    /// (ogni postazione: ssh -p PORTA utente@questo-computer)
    Serve {
        /// Indirizzo e porta su cui ascoltare
        #[arg(long, value_name = "INDIRIZZO:PORTA", default_value = sportello::serve::DEFAULT_LISTEN)]
        ascolta: std::net::SocketAddr,
        /// Mostra l'impronta della chiave del server ed esce
        #[arg(long)]
        impronta: bool,
        /// Postazioni collegate al massimo nello stesso momento
        #[arg(long, default_value_t = sportello::serve::DEFAULT_MAX_SESSIONS)]
        max_postazioni: usize,
    },
    /// Carico di scrittura per la prova di resistenza agli arresti improvvisi
    #[command(hide = true)]
    ProvaScrittura {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Quanti pazienti (predefinito: senza fine)
        #[arg(long)]
        limit: Option<u64>,
    },
}

#[derive(Subcommand)]
enum AuditWhat {
    /// Verifica la catena del registro: esce con errore alla prima voce alterata
    Verify {
        /// Un'ancora annotata in precedenza (N:IMPRONTA, stampata da ogni backup
        /// e da questo comando): verifica che il registro passi ancora di lì
        #[arg(long)]
        ancora: Option<String>,
    },
}

#[derive(Subcommand)]
enum OperatorWhat {
    /// Crea un operatore; la password si legge dallo standard input (o si chiede senza eco)
    Add {
        /// Nome utente
        username: String,
        /// Ruolo: segreteria, medico o amministratore
        #[arg(long)]
        role: String,
    },
    /// Elenca gli operatori
    List,
    /// Le chiavi SSH con cui un operatore accede a sportello serve senza password
    #[command(subcommand)]
    Chiave(ChiaveWhat),
}

#[derive(Subcommand)]
enum ChiaveWhat {
    /// Aggiunge la chiave pubblica SSH di un operatore (file .pub di OpenSSH)
    Add {
        /// Nome utente
        username: String,
        /// File della chiave pubblica (per esempio id_ed25519.pub)
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum GdprWhat {
    /// Tutti i dati di un paziente in JSON (accesso e portabilità)
    Export {
        /// Codice fiscale del paziente
        #[arg(long)]
        cf: String,
        /// File di destinazione (predefinito: lo standard output)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Cancella l'identità di un paziente (pseudonimizzazione; restano i
    /// record di cura senza dati identificativi)
    Erase {
        /// Codice fiscale del paziente
        #[arg(long)]
        cf: String,
        /// Motivo (es. richiesta dell'interessato del gg/mm/aaaa)
        #[arg(long)]
        motivo: String,
        /// Non chiede conferma
        #[arg(long)]
        si: bool,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// L'elenco dei Gestori idonei pubblicato da una ATS (CSV o XLSX)
    Gestori {
        file: PathBuf,
        /// ATS delle righe senza colonna ATS (codice o nome)
        #[arg(long)]
        ats: Option<String>,
        /// Foglio del file XLSX (predefinito: il primo)
        #[arg(long)]
        foglio: Option<String>,
        /// Scrive davvero; senza, mostra solo l'anteprima
        #[arg(long)]
        conferma: bool,
    },
    /// L'elenco ATS dei pazienti cronici arruolabili del medico (CSV o XLSX)
    Arruolabili {
        /// Il file dell'elenco (CSV o XLSX)
        file: PathBuf,
        /// Foglio del file XLSX (predefinito: il primo)
        #[arg(long)]
        foglio: Option<String>,
        /// Scrive davvero; senza, mostra solo l'anteprima
        #[arg(long)]
        conferma: bool,
    },
    /// L'elenco degli MMG aderenti pubblicato da una ATS (CSV o XLSX): le adesioni dello Studio
    MmgAderenti {
        file: PathBuf,
        /// Solo i Gestori di questa ATS (codice o nome)
        #[arg(long)]
        ats: Option<String>,
        /// Foglio del file XLSX (predefinito: il primo)
        #[arg(long)]
        foglio: Option<String>,
        /// Scrive davvero; senza, mostra solo l'anteprima
        #[arg(long)]
        conferma: bool,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// L'elenco dei Gestori in archivio, CSV UTF-8 sullo standard output
    Gestori {
        #[arg(long)]
        ats: Option<String>,
    },
    /// Il Patto di Cura firmato di un paziente: PDF (due copie) e testo
    Patto {
        /// Codice fiscale del paziente
        #[arg(long)]
        patient: String,
        /// Cartella di destinazione (predefinita: "stampe" nella cartella dei dati)
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Il PAI in uso di un paziente: PDF e FHIR R4 Bundle (JSON)
    Pai {
        /// Codice fiscale del paziente
        #[arg(long)]
        patient: String,
        /// Cartella di destinazione (predefinita: "stampe" nella cartella dei dati)
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    // Health data: whatever the umask, files and folders are the user's only.
    sportello::private_fs::restrict_process_umask();
    let args: Vec<String> = std::env::args().collect();
    let lang = cli_help::requested_lang(&args);
    let parsed = cli_help::localized(Cli::command(), lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        // --help and --version exit 0; wrong input exits 1 (2 is kept for
        // a store that cannot be used).
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if cli.command.is_some() {
        end_quietly_on_closed_output();
    }
    let lang: sportello::texts::Lang = cli.lang.into();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "{}: {}",
                t::error_word(lang),
                sportello::texts::error(lang, &e)
            );
            if e.is_store_unavailable() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// A command whose output is cut short (`sportello check | head -1`) ends
/// as other Unix tools do, by SIGPIPE, instead of panicking on the failed
/// write (Rust ignores SIGPIPE by default). Not for the application, whose
/// output is the terminal.
fn end_quietly_on_closed_output() {
    #[cfg(unix)]
    {
        let always = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let _ =
            signal_hook::flag::register_conditional_default(signal_hook::consts::SIGPIPE, always);
    }
}

/// A day typed on the command line: dd/mm/yyyy, four-digit year (the same
/// rule as the screens: 1/1/26 is never taken for the year 26).
fn read_day(lang: t::Lang, text: &str) -> Result<chrono::NaiveDate, String> {
    use sportello::tui::kit::format::{DateError, read_date};
    read_date(text).map_err(|e| match e {
        DateError::Format => t::date_format(lang, text),
        DateError::Nonexistent => t::date_nonexistent(lang, text),
    })
}

impl Cli {
    /// The language of every text the command prints.
    fn lang(&self) -> t::Lang {
        self.lang.into()
    }
}

fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir.clone().unwrap_or_else(|| {
        directories::ProjectDirs::from("it", "sportello", "sportello")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("sportello-dati"))
    })
}

/// Opens a store that must already exist (commands that only read or copy it).
fn open_existing_desk(cli: &Cli) -> Result<Desk, DeskError> {
    let lang = cli.lang();
    Desk::open_existing_noting_upgrade(&data_dir(cli), Arc::new(SystemClock), &mut || {
        upgrade_notice(lang)
    })
}

/// Said before an older store is brought up to date, which can take seconds.
fn upgrade_notice(lang: t::Lang) {
    eprintln!("{}", t::upgrade_notice(lang));
}

/// Opens the store; a new store gets the fictional sample list of Gestori.
/// The first open of the day also writes the automatic backup.
fn open_desk(cli: &Cli) -> Result<Desk, DeskError> {
    let (desk, failed) = open_desk_with_backup(cli)?;
    if let Some(reason) = failed {
        eprintln!("{}", t::auto_backup_failed(cli.lang(), &reason));
    }
    Ok(desk)
}

/// [`open_desk`], returning why the automatic backup failed instead of
/// printing it (the application shows it on its status line).
fn open_desk_with_backup(cli: &Cli) -> Result<(Desk, Option<String>), DeskError> {
    let lang = cli.lang();
    let desk = Desk::open_noting_upgrade(&data_dir(cli), Arc::new(SystemClock), &mut || {
        upgrade_notice(lang)
    })?;
    desk.gestori().seed_builtin_sample_gestori()?;
    use sportello::service::backup::StartBackup;
    let warning = match desk.archive().start_backup(cli.backup_giorni)? {
        StartBackup::Written { file, anchor } => {
            let anchor = anchor
                .map(|a| t::auto_backup_anchor(lang, &a))
                .unwrap_or_default();
            eprintln!("{}{anchor}", t::auto_backup_written(lang, file.display()));
            None
        }
        StartBackup::NotNeeded => None,
        StartBackup::Failed(reason) => Some(sportello::texts::error(cli.lang.into(), &reason)),
    };
    for pruned in desk.archive().prune_set_aside(cli.backup_giorni) {
        eprintln!(
            "{}",
            t::set_aside_pruned(lang, cli.backup_giorni, pruned.path.display())
        );
    }
    Ok((desk, warning))
}

/// `sportello serve`: the store opened once, every desk over SSH, until a
/// termination signal (Ctrl+C, SIGTERM, SIGHUP; on Windows the console's
/// control events).
fn serve(
    cli: &Cli,
    listen: std::net::SocketAddr,
    fingerprint_only: bool,
    max_sessions: usize,
) -> Result<ExitCode, DeskError> {
    use sportello::serve;
    // The screens of the desks are drawn with crossterm's escape sequences
    // into the SSH channels. On Windows crossterm writes them only where it
    // believes the terminal understands them, and otherwise calls the
    // console API of the server's own console; a server started with the PC
    // (a scheduled task, a service) has no console, so it is told here.
    #[cfg(windows)]
    if std::env::var_os("TERM").is_none() {
        // SAFETY: no other thread runs yet (the server, its runtime and
        // the signal watcher start below); nothing reads the environment
        // concurrently.
        unsafe { std::env::set_var("TERM", "xterm-256color") };
    }
    let dir = data_dir(cli);
    let lang = cli.lang();
    if fingerprint_only {
        return match serve::host_key(&dir) {
            Ok((key, created)) => {
                if created {
                    eprintln!(
                        "{}",
                        t::host_key_created(lang, serve::host_key_path(&dir).display())
                    );
                }
                println!("{}", serve::fingerprint(&key));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!(
                    "{}: {}",
                    t::error_word(lang),
                    sportello::texts::serve_error(lang, &e)
                );
                Ok(ExitCode::FAILURE)
            }
        };
    }
    let (desk, backup_error) = open_desk_with_backup(cli)?;
    if let Some(reason) = backup_error {
        eprintln!("{}", t::auto_backup_failed(lang, &reason));
    }
    if !desk.operators().has_operators() {
        eprintln!("{}", t::no_operators(lang));
        return Ok(ExitCode::FAILURE);
    }
    let mut opts = serve::ServeOptions::new(listen);
    opts.lang = cli.lang.into();
    opts.idle_minutes = cli.blocco_minuti;
    opts.max_sessions = max_sessions;
    opts.backup_keep = cli.backup_giorni;
    let running = match serve::start(desk, opts) {
        Ok(r) => r,
        Err(e) => {
            let e = sportello::texts::serve_error(lang, &e);
            eprintln!("{}", t::serve_cannot_start(lang, listen, e));
            return Ok(ExitCode::FAILURE);
        }
    };
    println!("{}", t::serve_listening(lang, running.addr, dir.display()));
    println!("{}", t::serve_fingerprint(lang, &running.fingerprint));
    println!(
        "{}",
        t::serve_connect(lang, running.addr.port(), sportello::service::host_name())
    );
    println!("{}", t::serve_how_to_stop(lang));
    let shutdown = running.shutdown_handle();
    watch_termination(move || shutdown.trigger());
    match running.wait() {
        Ok(()) => {
            println!("{}", t::serve_closed(lang));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let e = sportello::texts::serve_error(lang, &e);
            eprintln!("{}", t::serve_close_error(lang, e));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Calls `on_signal` once at the first termination signal.
fn watch_termination(on_signal: impl FnOnce() + Send + 'static) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
            let _ = std::thread::Builder::new()
                .name("segnali".into())
                .spawn(move || {
                    if signals.forever().next().is_some() {
                        on_signal();
                    }
                });
        }
    }
    #[cfg(windows)]
    {
        let flag = sportello::tui::kit::event::termination_flag();
        let _ = std::thread::Builder::new()
            .name("segnali".into())
            .spawn(move || {
                while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                on_signal();
            });
    }
}

fn run(cli: Cli) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let Some(command) = &cli.command else {
        let (desk, backup_error) = open_desk_with_backup(&cli)?;
        return match sportello::tui::run(desk, cli.lang.into(), cli.blocco_minuti, backup_error) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(e) => {
                eprintln!("{}", t::terminal_error(lang, e));
                Ok(ExitCode::FAILURE)
            }
        };
    };
    match command {
        Command::Cf { code } => Ok(files::cf(&code.join(""), lang)),
        Command::Festivi { anno, comune } => Ok(files::festivi(lang, *anno, comune.as_deref())),
        Command::Demo {
            patients,
            seed,
            tutti_con_pai,
        } => {
            let desk = Desk::open_demo(&data_dir(&cli), Arc::new(SystemClock))?;
            desk.gestori().seed_builtin_sample_gestori()?;
            let started = Instant::now();
            let mut stderr = std::io::stderr();
            // On a terminal the progress rewrites one line; in a log, one
            // line each.
            let live = stderr.is_terminal();
            let done =
                desk.load_demo_with(*patients, *seed, *tutti_con_pai, &mut |done, total| {
                    let progress = t::demo_progress(lang, done, total);
                    let _ = if live {
                        write!(stderr, "\r{progress}")
                    } else {
                        writeln!(stderr, "{progress}")
                    };
                    true
                })?;
            // Pays sled's replay of the load now, not at the next start.
            let desk = desk.finish_bulk_load()?;
            if live {
                eprintln!();
            }
            println!(
                "{}",
                t::demo_done(
                    lang,
                    done,
                    started.elapsed().as_secs_f64(),
                    desk.data_dir().display()
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Find { query, limit, json } => {
            let desk = open_existing_desk(&cli)?;
            let mut out = std::io::stdout().lock();
            let lookup = desk.patients().lookup_recorded(query, *limit)?;
            if lookup.suggested {
                eprintln!("{}", t::find_suggested(lang, query));
            } else if lookup.patients.is_empty() {
                eprintln!("{}", t::find_none(lang, query));
            }
            for p in lookup.patients {
                let line = if *json {
                    sportello::service::search::summary_json(&p)
                } else {
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        p.cognome,
                        p.nome,
                        p.data_nascita.format("%d/%m/%Y"),
                        p.codice_fiscale,
                        p.comune,
                        p.livello
                            .map(|l| t::livello(lang, l.number(), p.livello_stimato))
                            .unwrap_or_else(|| "-".into()),
                        p.gestore.as_deref().unwrap_or("-")
                    )
                };
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup {
            file,
            cifra,
            sovrascrivi,
        } => archive::backup(&cli, file, *cifra, *sovrascrivi),
        Command::Restore { file, si } => archive::restore(&cli, file, *si),
        Command::Import(ImportWhat::Gestori {
            file,
            ats,
            foglio,
            conferma,
        }) => files::import_gestori(&cli, file, ats.clone(), foglio.clone(), *conferma),
        Command::Import(ImportWhat::Arruolabili {
            file,
            foglio,
            conferma,
        }) => files::import_arruolabili(&cli, file, foglio.as_deref(), *conferma),
        Command::Import(ImportWhat::MmgAderenti {
            file,
            ats,
            foglio,
            conferma,
        }) => files::import_mmg_aderenti(&cli, file, ats.clone(), foglio.clone(), *conferma),
        Command::Export(ExportWhat::Gestori { ats }) => {
            let desk = open_desk(&cli)?;
            let ats = match ats {
                Some(a) => match sportello::service::gestori::resolve_ats_code(a) {
                    Some(code) => Some(code),
                    None => {
                        eprintln!("{}", t::unknown_ats(lang, a));
                        return Ok(ExitCode::FAILURE);
                    }
                },
                None => None,
            };
            desk.gestori()
                .export_gestori_csv(ats.as_deref(), &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(ExportWhat::Patto { patient, dir }) => {
            files::export_patto(&cli, patient, dir.clone())
        }
        Command::Export(ExportWhat::Pai { patient, dir }) => {
            files::export_pai(&cli, patient, dir.clone())
        }
        Command::Plan { .. } => {
            let desk = open_desk(&cli)?;
            let mut stderr = std::io::stderr();
            let started = Instant::now();
            let report = desk.agenda().plan_all(&mut |done, total| {
                let _ = write!(stderr, "{}", t::plan_progress(lang, done, total));
                true
            })?;
            eprintln!();
            println!(
                "{}",
                t::plan_done(
                    lang,
                    report.plans,
                    report.appointments,
                    report.unplaced,
                    started.elapsed().as_secs_f64()
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Agenda { giorno, csv, pdf } => {
            let desk = open_desk(&cli)?;
            let day = match giorno {
                None => desk.today(),
                Some(g) => match read_day(lang, g) {
                    Ok(d) => d,
                    Err(message) => {
                        eprintln!("{message}");
                        return Ok(ExitCode::FAILURE);
                    }
                },
            };
            let mut formats = vec![if *csv { "CSV" } else { "testo" }];
            if pdf.is_some() {
                formats.push("PDF");
            }
            desk.agenda().record_day_list_read(day, &formats)?;
            if *csv {
                print!("{}", desk.agenda().day_list_csv_in(lang, day, None)?);
            } else {
                print!("{}", desk.agenda().day_list_text_in(lang, day, None)?);
            }
            if let Some(file) = pdf {
                let document = desk.agenda().day_list_document(day, None)?;
                let written = match document.files.iter().find(|(ext, _)| *ext == "pdf") {
                    Some((_, bytes)) => sportello::private_fs::write_private(file, bytes),
                    None => Err(std::io::Error::other(t::pdf_missing(lang))),
                };
                if let Err(e) = written {
                    eprintln!("{}", t::cannot_write(lang, file.display(), e));
                    return Ok(ExitCode::FAILURE);
                }
                eprintln!("{}", file.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ics { patient } => {
            let desk = open_desk(&cli)?;
            let Some(p) = desk.patients().patient_by_cf(patient)? else {
                eprintln!("{}", t::no_patient_cf(lang, &patient.trim().to_uppercase()));
                return Ok(ExitCode::FAILURE);
            };
            print!("{}", desk.agenda().patient_ics_recorded(p.id)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit(AuditWhat::Verify { ancora }) => {
            let anchor = match ancora {
                None => None,
                Some(text) => match sportello::domain::audit::Anchor::parse(text) {
                    Some(a) => Some(a),
                    None => {
                        eprintln!("{}", t::anchor_invalid(lang, text));
                        return Ok(ExitCode::FAILURE);
                    }
                },
            };
            let desk = open_desk(&cli)?;
            match desk.operators().verify_audit()? {
                Ok(n) => {
                    println!("{}", t::chain_intact(lang, n));
                    if let Some(head) = desk.archive().audit_anchor()? {
                        println!("{}", t::anchor_line(lang, &head));
                    }
                    let Some(anchor) = anchor else {
                        return Ok(ExitCode::SUCCESS);
                    };
                    use sportello::service::backup::AnchorCheck;
                    let given = format!("{}:{}", anchor.seq, anchor.prefix);
                    match desk.archive().check_anchor(&anchor)? {
                        AnchorCheck::Holds => {
                            println!("{}", t::anchor_holds(lang, &given, anchor.seq));
                            Ok(ExitCode::SUCCESS)
                        }
                        AnchorCheck::Missing { len } => {
                            println!("{}", t::anchor_missing(lang, &given, len, anchor.seq));
                            Ok(ExitCode::FAILURE)
                        }
                        AnchorCheck::Differs { found } => {
                            println!("{}", t::anchor_differs(lang, &given, anchor.seq, found));
                            Ok(ExitCode::FAILURE)
                        }
                    }
                }
                Err(b) => {
                    println!(
                        "{}",
                        t::chain_broken(lang, b.seq, t::break_reason(lang, &b.reason))
                    );
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Operator(OperatorWhat::Add { username, role }) => {
            let Some(role) = Role::parse(role) else {
                eprintln!("{}", t::unknown_role(lang, role));
                return Ok(ExitCode::FAILURE);
            };
            let desk = open_desk(&cli)?;
            let password =
                archive::read_password(lang, &t::password_for(lang, username)).map_err(|e| {
                    DeskError::Internal {
                        what: sportello::service::Internal::Io,
                        detail: e.to_string(),
                    }
                })?;
            let o = desk.operators().add_operator(username, &password, role)?;
            println!(
                "{}",
                t::operator_created(
                    lang,
                    &o.username,
                    sportello::texts::label::role(lang, o.role)
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Operator(OperatorWhat::Chiave(ChiaveWhat::Add { username, file })) => {
            let text = match std::fs::read_to_string(file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("{}", t::key_read_error(lang, file.display(), e));
                    return Ok(ExitCode::FAILURE);
                }
            };
            let (fingerprint, openssh) = match sportello::serve::read_public_key(&text) {
                Ok(k) => k,
                Err(e) => {
                    let e = sportello::texts::serve_error(lang, &e);
                    eprintln!("{}", t::key_error(lang, file.display(), e));
                    return Ok(ExitCode::FAILURE);
                }
            };
            let desk = open_existing_desk(&cli)?;
            desk.operators()
                .add_ssh_key(username, &fingerprint, &openssh)?;
            println!("{}", t::key_added(lang, &fingerprint, username));
            Ok(ExitCode::SUCCESS)
        }
        Command::Operator(OperatorWhat::List) => {
            let desk = open_desk(&cli)?;
            for o in desk.operators().list()? {
                println!(
                    "{}\t{}\t{}",
                    o.username,
                    sportello::texts::label::role(lang, o.role),
                    t::operator_active(lang, o.active)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Gdpr(GdprWhat::Export { cf, out }) => {
            archive::gdpr_export(&cli, cf, out.as_deref())
        }
        Command::Gdpr(GdprWhat::Erase { cf, motivo, si }) => {
            archive::gdpr_erase(&cli, cf, motivo, *si)
        }
        Command::Serve {
            ascolta,
            impronta,
            max_postazioni,
        } => serve(&cli, *ascolta, *impronta, *max_postazioni),
        Command::Compatta => {
            let desk = open_existing_desk(&cli)?;
            eprintln!("{}", t::rewriting(lang));
            let started = Instant::now();
            let (_desk, c) = desk.compact()?;
            println!(
                "{}",
                t::rewritten(lang, started.elapsed().as_secs_f64(), c.entries, c.patients)
            );
            archive::print_compaction(lang, &c);
            Ok(ExitCode::SUCCESS)
        }
        Command::ProvaScrittura { seed, limit } => {
            let clock = sportello::service::FixedClock::on(2026, 11, 23).ok_or_else(|| {
                DeskError::Internal {
                    what: sportello::service::Internal::Workload,
                    detail: "23/11/2026".into(),
                }
            })?;
            let desk = Desk::open(&data_dir(&cli), Arc::new(clock))?;
            desk.gestori().seed_builtin_sample_gestori()?;
            sportello::service::prova::write_loop(&desk, *seed, *limit, &mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let desk = open_existing_desk(&cli)?;
            let report = desk.archive().check()?;
            for problem in &report.problems {
                println!("{}", t::check_problem(lang, problem));
            }
            if report.problem_count as usize > report.problems.len() {
                println!(
                    "{}",
                    t::more_problems(lang, report.problem_count as usize - report.problems.len())
                );
            }
            println!(
                "{}",
                t::check_summary(
                    lang,
                    report.patients,
                    report.index_entries,
                    report.size_on_disk as f64 / 1_048_576.0,
                    report.problem_count
                )
            );
            for aside in desk.archive().set_aside_stores() {
                let since = aside
                    .since
                    .map(|d| t::set_aside_since(lang, d.format("%d/%m/%Y")))
                    .unwrap_or_default();
                let pruning = if cli.backup_giorni == 0 {
                    t::remove_by_hand(lang).to_string()
                } else {
                    t::removed_after(lang, cli.backup_giorni)
                };
                println!(
                    "{}",
                    t::set_aside_store(lang, &since, aside.path.display(), &pruning)
                );
            }
            Ok(if report.is_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
