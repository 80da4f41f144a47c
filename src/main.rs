//! The sportello command line: no subcommand opens the application; the
//! subcommands serve scripts, checks and set-up.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// sled clones its tree nodes on every write; mimalloc makes that allocation
/// churn markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use sportello::domain::calendar;
use sportello::domain::codice_fiscale::CodiceFiscale;
use sportello::domain::operator::Role;
use sportello::service::{Desk, DeskError, SystemClock};

mod cli_help;

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
    /// Il PAI in uso di un paziente: PDF e FHIR R4 CarePlan (JSON)
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
            let error = match lang {
                sportello::texts::Lang::It => "Errore",
                sportello::texts::Lang::En => "Error",
            };
            eprintln!("{error}: {}", sportello::texts::error(lang, &e));
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
fn read_day(text: &str) -> Result<chrono::NaiveDate, String> {
    use sportello::tui::kit::format::{DateError, read_date};
    read_date(text).map_err(|e| match e {
        DateError::Format => format!(
            "Data non valida: {text} (scrivere gg/mm/aaaa, con l'anno di quattro cifre, per esempio 01/01/2026)"
        ),
        DateError::Nonexistent => format!("Data inesistente: {text}"),
    })
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
    Desk::open_existing_noting_upgrade(&data_dir(cli), Arc::new(SystemClock), &mut upgrade_notice)
}

/// Said before an older store is brought up to date, which can take seconds.
fn upgrade_notice() {
    eprintln!(
        "Aggiornamento dell'archivio scritto da una versione precedente di sportello (indici dei nomi): può richiedere qualche secondo, non chiudere il programma."
    );
}

/// Opens the store; a new store gets the fictional sample list of Gestori.
/// The first open of the day also writes the automatic backup.
fn open_desk(cli: &Cli) -> Result<Desk, DeskError> {
    let (desk, failed) = open_desk_with_backup(cli)?;
    if let Some(reason) = failed {
        eprintln!(
            "Attenzione: backup automatico non riuscito ({reason}). Si può lavorare; avvisare l'amministratore."
        );
    }
    Ok(desk)
}

/// [`open_desk`], returning why the automatic backup failed instead of
/// printing it (the application shows it on its status line).
fn open_desk_with_backup(cli: &Cli) -> Result<(Desk, Option<String>), DeskError> {
    let desk =
        Desk::open_noting_upgrade(&data_dir(cli), Arc::new(SystemClock), &mut upgrade_notice)?;
    desk.seed_builtin_sample_gestori()?;
    use sportello::service::backup::StartBackup;
    let warning = match desk.start_backup(cli.backup_giorni)? {
        StartBackup::Written { file, anchor } => {
            let anchor = anchor
                .map(|a| format!(" (ancora del registro: {a})"))
                .unwrap_or_default();
            eprintln!("Backup automatico del giorno: {}{anchor}", file.display());
            None
        }
        StartBackup::NotNeeded => None,
        StartBackup::Failed(reason) => Some(sportello::texts::error(cli.lang.into(), &reason)),
    };
    for pruned in desk.prune_set_aside(cli.backup_giorni) {
        eprintln!(
            "Rimosso l'archivio messo da parte da un ripristino più di {} giorni fa: {}",
            cli.backup_giorni,
            pruned.path.display()
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
    if fingerprint_only {
        return match serve::host_key(&dir) {
            Ok((key, created)) => {
                if created {
                    eprintln!(
                        "Chiave del server creata: {}",
                        serve::host_key_path(&dir).display()
                    );
                }
                println!("{}", serve::fingerprint(&key));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("Errore: {e}");
                Ok(ExitCode::FAILURE)
            }
        };
    }
    let (desk, backup_error) = open_desk_with_backup(cli)?;
    if let Some(reason) = backup_error {
        eprintln!(
            "Attenzione: backup automatico non riuscito ({reason}). Si può lavorare; avvisare l'amministratore."
        );
    }
    if !desk.has_operators() {
        eprintln!(
            "Nessun operatore nell'archivio: creare prima l'amministratore, con sportello operator add NOME --role amministratore (o avviando sportello su questo computer)."
        );
        return Ok(ExitCode::FAILURE);
    }
    let mut opts = serve::ServeOptions::new(listen);
    opts.lang = cli.lang.into();
    opts.idle_minutes = cli.blocco_minuti;
    opts.max_sessions = max_sessions;
    let running = match serve::start(desk, opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Errore: impossibile avviare il server su {listen}: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    println!(
        "sportello serve: in ascolto su {}, archivio {}",
        running.addr,
        dir.display()
    );
    println!(
        "Impronta della chiave del server (da confrontare al primo collegamento): {}",
        running.fingerprint
    );
    println!(
        "Collegarsi da ogni postazione con: ssh -p {} utente@{}",
        running.addr.port(),
        sportello::service::host_name()
    );
    println!("Per chiudere: Ctrl+C (o SIGTERM).");
    let shutdown = running.shutdown_handle();
    watch_termination(move || shutdown.trigger());
    match running.wait() {
        Ok(()) => {
            println!("Server chiuso: archivio salvato e rilasciato.");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("Errore alla chiusura del server: {e}");
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

/// Minimum length of a backup passphrase.
const MIN_PASSPHRASE: usize = 10;

fn run(cli: Cli) -> Result<ExitCode, DeskError> {
    let Some(command) = &cli.command else {
        let (desk, backup_error) = open_desk_with_backup(&cli)?;
        return match sportello::tui::run(desk, cli.lang.into(), cli.blocco_minuti, backup_error) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(e) => {
                eprintln!("Errore del terminale: {e}");
                Ok(ExitCode::FAILURE)
            }
        };
    };
    match command {
        Command::Cf { code } => Ok(cf(&code.join(""), cli.lang.into())),
        Command::Festivi { anno, comune } => Ok(festivi(*anno, comune.as_deref())),
        Command::Demo {
            patients,
            seed,
            tutti_con_pai,
        } => {
            let desk = Desk::open_demo(&data_dir(&cli), Arc::new(SystemClock))?;
            desk.seed_builtin_sample_gestori()?;
            let started = Instant::now();
            let mut stderr = std::io::stderr();
            let done =
                desk.load_demo_with(*patients, *seed, *tutti_con_pai, &mut |done, total| {
                    let _ = write!(stderr, "\rPazienti creati: {done}/{total}");
                    true
                })?;
            // Pays sled's replay of the load now, not at the next start.
            let desk = desk.finish_bulk_load()?;
            eprintln!();
            println!(
                "Creati {done} pazienti dimostrativi in {:.1} s nell'archivio {}",
                started.elapsed().as_secs_f64(),
                desk.data_dir().display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Find { query, limit, json } => {
            let desk = open_existing_desk(&cli)?;
            let mut out = std::io::stdout().lock();
            let lookup = desk.lookup_recorded(query, *limit)?;
            let en = matches!(cli.lang, Lang::En);
            if lookup.suggested {
                if en {
                    eprintln!("No patient found for \"{query}\". Similar names:");
                } else {
                    eprintln!("Nessun paziente trovato per \"{query}\". Nomi simili:");
                }
            } else if lookup.patients.is_empty() {
                if en {
                    eprintln!("No patient found for \"{query}\".");
                } else {
                    eprintln!("Nessun paziente trovato per \"{query}\".");
                }
            }
            for p in lookup.patients {
                let line = if *json {
                    serde_json::json!({
                        "id": p.id,
                        "cognome": p.cognome,
                        "nome": p.nome,
                        "data_nascita": p.data_nascita.format("%d/%m/%Y").to_string(),
                        "codice_fiscale": p.codice_fiscale,
                        "comune": p.comune,
                        "livello": p.livello.map(|l| l.number()),
                        "stato": p.stato,
                        "gestore": p.gestore,
                    })
                    .to_string()
                } else {
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        p.cognome,
                        p.nome,
                        p.data_nascita.format("%d/%m/%Y"),
                        p.codice_fiscale,
                        p.comune,
                        p.livello
                            .map(|l| format!("livello {}", l.number()))
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
        } => backup(&cli, file, *cifra, *sovrascrivi),
        Command::Restore { file, si } => restore(&cli, file, *si),
        Command::Import(ImportWhat::Gestori {
            file,
            ats,
            foglio,
            conferma,
        }) => import_gestori(&cli, file, ats.clone(), foglio.clone(), *conferma),
        Command::Export(ExportWhat::Gestori { ats }) => {
            let desk = open_desk(&cli)?;
            let ats = match ats {
                Some(a) => match sportello::service::gestori::resolve_ats_code(a) {
                    Some(code) => Some(code),
                    None => {
                        match cli.lang {
                            Lang::It => eprintln!("ATS sconosciuta: {a}"),
                            Lang::En => eprintln!("Unknown ATS: {a}"),
                        }
                        return Ok(ExitCode::FAILURE);
                    }
                },
                None => None,
            };
            desk.export_gestori_csv(ats.as_deref(), &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(ExportWhat::Patto { patient, dir }) => {
            export_patto(&cli, patient, dir.clone())
        }
        Command::Export(ExportWhat::Pai { patient, dir }) => export_pai(&cli, patient, dir.clone()),
        Command::Plan { .. } => {
            let desk = open_desk(&cli)?;
            let mut stderr = std::io::stderr();
            let started = Instant::now();
            let report = desk.plan_all(&mut |done, total| {
                let _ = write!(stderr, "\rPAI pianificati: {done}/{total}");
                true
            })?;
            eprintln!();
            println!(
                "Pianificati {} PAI: {} appuntamenti, {} occorrenze senza posto, in {:.1} s",
                report.plans,
                report.appointments,
                report.unplaced,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Agenda { giorno, csv, pdf } => {
            let desk = open_desk(&cli)?;
            let day = match giorno {
                None => desk.today(),
                Some(g) => match read_day(g) {
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
            desk.record_day_list_read(day, &formats)?;
            if *csv {
                print!("{}", desk.day_list_csv(day, None)?);
            } else {
                print!("{}", desk.day_list_text(day, None)?);
            }
            if let Some(file) = pdf {
                let document = desk.day_list_document(day, None)?;
                let written = match document.files.iter().find(|(ext, _)| *ext == "pdf") {
                    Some((_, bytes)) => sportello::private_fs::write_private(file, bytes),
                    None => Err(std::io::Error::other("PDF mancante")),
                };
                if let Err(e) = written {
                    eprintln!("Impossibile scrivere {}: {e}", file.display());
                    return Ok(ExitCode::FAILURE);
                }
                eprintln!("{}", file.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Ics { patient } => {
            let desk = open_desk(&cli)?;
            let Some(p) = desk.patient_by_cf(patient)? else {
                eprintln!(
                    "Nessun paziente con codice fiscale {}",
                    patient.trim().to_uppercase()
                );
                return Ok(ExitCode::FAILURE);
            };
            print!("{}", desk.patient_ics_recorded(p.id)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit(AuditWhat::Verify { ancora }) => {
            let anchor = match ancora {
                None => None,
                Some(text) => match sportello::domain::audit::Anchor::parse(text) {
                    Some(a) => Some(a),
                    None => {
                        eprintln!(
                            "Ancora non valida: {text} (scrivere il numero della voce, due punti e almeno 8 cifre dell'impronta, come stampato: 28:3fa9c2d1e0b4)"
                        );
                        return Ok(ExitCode::FAILURE);
                    }
                },
            };
            let desk = open_desk(&cli)?;
            match desk.verify_audit()? {
                Ok(n) => {
                    println!("Registro accessi: catena integra, {n} voci");
                    if let Some(head) = desk.audit_anchor()? {
                        println!("{}", anchor_line(&head));
                    }
                    let Some(anchor) = anchor else {
                        return Ok(ExitCode::SUCCESS);
                    };
                    use sportello::service::backup::AnchorCheck;
                    let given = format!("{}:{}", anchor.seq, anchor.prefix);
                    match desk.check_anchor(&anchor)? {
                        AnchorCheck::Holds => {
                            println!(
                                "L'ancora {given} corrisponde: il registro passa ancora per la voce {}.",
                                anchor.seq
                            );
                            Ok(ExitCode::SUCCESS)
                        }
                        AnchorCheck::Missing { len } => {
                            println!(
                                "L'ancora {given} NON corrisponde: il registro ha solo {len} voci, la voce {} non c'è più. Il registro è stato tagliato o sostituito (per esempio da un ripristino o da una copia più vecchia) dopo che l'ancora è stata annotata.",
                                anchor.seq
                            );
                            Ok(ExitCode::FAILURE)
                        }
                        AnchorCheck::Differs { found } => {
                            println!(
                                "L'ancora {given} NON corrisponde: ora la voce {} è {found}. Il registro è stato riscritto dopo che l'ancora è stata annotata (o l'ancora è stata trascritta male): avvisare il responsabile della protezione dei dati.",
                                anchor.seq
                            );
                            Ok(ExitCode::FAILURE)
                        }
                    }
                }
                Err(b) => {
                    println!(
                        "Registro accessi: catena interrotta alla voce {}: {}",
                        b.seq, b.reason
                    );
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Operator(OperatorWhat::Add { username, role }) => {
            let Some(role) = Role::parse(role) else {
                eprintln!(
                    "Ruolo sconosciuto \"{role}\": usare segreteria, medico o amministratore"
                );
                return Ok(ExitCode::FAILURE);
            };
            let desk = open_desk(&cli)?;
            let password = read_password(&format!("Password per {username}: ")).map_err(|e| {
                DeskError::Internal {
                    what: sportello::service::Internal::Io,
                    detail: e.to_string(),
                }
            })?;
            let o = desk.add_operator(username, &password, role)?;
            println!(
                "Operatore {} creato ({})",
                o.username,
                sportello::texts::label::role(cli.lang.into(), o.role)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Operator(OperatorWhat::Chiave(ChiaveWhat::Add { username, file })) => {
            let text = match std::fs::read_to_string(file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("Errore: lettura di {}: {e}", file.display());
                    return Ok(ExitCode::FAILURE);
                }
            };
            let (fingerprint, openssh) = match sportello::serve::read_public_key(&text) {
                Ok(k) => k,
                Err(e) => {
                    eprintln!("Errore: {} ({e})", file.display());
                    return Ok(ExitCode::FAILURE);
                }
            };
            let desk = open_existing_desk(&cli)?;
            desk.add_ssh_key(username, &fingerprint, &openssh)?;
            println!("Chiave SSH {fingerprint} aggiunta per {username}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Operator(OperatorWhat::List) => {
            let desk = open_desk(&cli)?;
            for o in desk.operators()? {
                println!(
                    "{}\t{}\t{}",
                    o.username,
                    sportello::texts::label::role(cli.lang.into(), o.role),
                    if o.active { "attivo" } else { "disattivato" }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Gdpr(GdprWhat::Export { cf, out }) => gdpr_export(&cli, cf, out.as_deref()),
        Command::Gdpr(GdprWhat::Erase { cf, motivo, si }) => gdpr_erase(&cli, cf, motivo, *si),
        Command::Serve {
            ascolta,
            impronta,
            max_postazioni,
        } => serve(&cli, *ascolta, *impronta, *max_postazioni),
        Command::Compatta => {
            let desk = open_existing_desk(&cli)?;
            eprintln!("Riscrittura dell'archivio in corso: non chiudere il programma.");
            let started = Instant::now();
            let (_desk, c) = desk.compact()?;
            println!(
                "Archivio riscritto in {:.1} s: {} voci, {} pazienti.",
                started.elapsed().as_secs_f64(),
                c.entries,
                c.patients
            );
            print_compaction(&c);
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
            desk.seed_builtin_sample_gestori()?;
            sportello::service::prova::write_loop(&desk, *seed, *limit, &mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let desk = open_existing_desk(&cli)?;
            let report = desk.check()?;
            for problem in &report.problems {
                println!("{problem}");
            }
            if report.problem_count as usize > report.problems.len() {
                println!(
                    "... e altri {} problemi",
                    report.problem_count as usize - report.problems.len()
                );
            }
            println!(
                "Pazienti: {}  Voci di indice: {}  Spazio su disco: {:.1} MB  Problemi: {}",
                report.patients,
                report.index_entries,
                report.size_on_disk as f64 / 1_048_576.0,
                report.problem_count
            );
            for aside in desk.set_aside_stores() {
                println!(
                    "Archivio messo da parte da un ripristino{}: {} (contiene anche i pazienti cancellati dopo; {})",
                    aside
                        .since
                        .map(|t| format!(" il {}", t.format("%d/%m/%Y")))
                        .unwrap_or_default(),
                    aside.path.display(),
                    if cli.backup_giorni == 0 {
                        "da rimuovere a mano".to_string()
                    } else {
                        format!("rimosso dopo {} giorni", cli.backup_giorni)
                    }
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

fn cf(code: &str, lang: sportello::texts::Lang) -> ExitCode {
    let en = lang == sportello::texts::Lang::En;
    let tr = |it: &'static str, en_text: &'static str| if en { en_text } else { it };
    match CodiceFiscale::parse(code) {
        Err(e) => {
            println!(
                "{}: {}",
                tr("Codice fiscale non valido", "Codice fiscale not valid"),
                sportello::texts::codice_fiscale(lang, &e)
            );
            ExitCode::FAILURE
        }
        Ok(cf) => {
            let today = chrono::Local::now().date_naive();
            let d = cf.decode(today);
            println!(
                "{}: {}",
                tr("Codice fiscale valido", "Codice fiscale valid"),
                cf.as_str()
            );
            println!(
                "{}: {}",
                tr("Sesso", "Sex"),
                match d.sex {
                    sportello::domain::Sex::M => tr("maschio", "male"),
                    sportello::domain::Sex::F => tr("femmina", "female"),
                }
            );
            println!(
                "{}: {}",
                tr("Data di nascita", "Date of birth"),
                d.birth_date.format("%d/%m/%Y")
            );
            let place = match (&d.birthplace, &d.provincia) {
                (Some(name), Some(p)) if p == "EE" => {
                    format!(
                        "{name} ({}, {})",
                        tr("stato estero", "foreign country"),
                        d.belfiore
                    )
                }
                (Some(name), Some(p)) => format!("{name} ({p}, {})", d.belfiore),
                _ => d.belfiore.clone(),
            };
            println!("{}: {place}", tr("Luogo di nascita", "Place of birth"));
            if d.omocode {
                println!(
                    "{} {}",
                    tr(
                        "Codice in omocodia: forma base",
                        "Code changed for a homonym: base form"
                    ),
                    cf.normalized()
                );
            }
            ExitCode::SUCCESS
        }
    }
}

fn festivi(anno: i32, comune: Option<&str>) -> ExitCode {
    if !(1000..=9999).contains(&anno) {
        eprintln!("Anno non valido: {anno} (scrivere l'anno con quattro cifre, per esempio 2026)");
        return ExitCode::FAILURE;
    }
    let list = sportello::service::agenda::holidays(anno, comune);
    if list.is_empty() {
        eprintln!("Anno non valido: {anno}");
        return ExitCode::FAILURE;
    }
    if let Some(c) = comune
        && !list.iter().any(|h| h.kind == calendar::HolidayKind::Patron)
    {
        eprintln!(
            "Nessun santo patrono noto per il comune \"{c}\": elencate solo le festività nazionali"
        );
    }
    for h in list {
        println!("{} {}", h.date.format("%d/%m/%Y"), h.name);
    }
    ExitCode::SUCCESS
}

fn import_gestori(
    cli: &Cli,
    file: &std::path::Path,
    ats: Option<String>,
    sheet: Option<String>,
    conferma: bool,
) -> Result<ExitCode, DeskError> {
    use sportello::io::gestori::{ImportOptions, MAX_FILE_BYTES, parse_gestori};
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        eprintln!(
            "Il file {} è troppo grande ({} MB): un elenco di Gestori è di pochi KB",
            file.display(),
            size / 1_048_576
        );
        return Ok(ExitCode::FAILURE);
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("Impossibile leggere {}: {e}", file.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let preview = match parse_gestori(&bytes, &name, &ImportOptions { ats, sheet }) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    println!(
        "File {name}: {} righe riconosciute, {} scartate (codifica {}{})",
        preview.accepted.len(),
        preview.rejected.len(),
        preview.encoding,
        preview
            .sheet
            .as_ref()
            .map(|s| format!(", foglio \"{s}\""))
            .unwrap_or_default()
    );
    for r in &preview.rejected {
        println!("  riga {}: {}", r.line, r.reason);
    }
    for a in &preview.accepted {
        for w in &a.warnings {
            println!("  riga {} (avviso): {w}", a.line);
        }
    }
    let desk = open_desk(cli)?;
    let rows: Vec<_> = preview.accepted.iter().map(|a| a.gestore.clone()).collect();
    let mut plan = desk.plan_gestori_import(&rows)?;
    plan.header = preview.export_header.clone();
    println!(
        "Modifiche: {} nuovi, {} aggiornati, {} invariati, {} non più idonei (ATS {})",
        plan.added.len(),
        plan.updated.len(),
        plan.unchanged,
        plan.no_longer.len(),
        plan.ats.join(", ")
    );
    for g in &plan.no_longer {
        println!("  non più idoneo: {}", g.denominazione);
    }
    if !conferma {
        println!("Anteprima: nulla è stato scritto. Ripetere con --conferma per importare.");
        return Ok(ExitCode::SUCCESS);
    }
    let log = desk.apply_gestori_import(plan, &name, preview.rejected.len() as u32)?;
    println!(
        "Importazione registrata: {} nuovi, {} aggiornati, {} non più idonei.",
        log.aggiunti, log.aggiornati, log.non_piu_idonei
    );
    Ok(ExitCode::SUCCESS)
}

fn export_patto(cli: &Cli, cf: &str, dir: Option<PathBuf>) -> Result<ExitCode, DeskError> {
    let desk = open_desk(cli)?;
    let Some(patient) = desk.patient_by_cf(cf)? else {
        eprintln!(
            "Nessun paziente con codice fiscale {}",
            cf.trim().to_uppercase()
        );
        return Ok(ExitCode::FAILURE);
    };
    let Some(patto) = desk
        .patti(patient.id)?
        .into_iter()
        .find(|p| p.firma.is_some())
    else {
        eprintln!(
            "{} {} non ha un Patto di Cura firmato da stampare",
            patient.cognome, patient.nome
        );
        return Ok(ExitCode::FAILURE);
    };
    let document = desk.patto_document_recorded(
        patto.id,
        sportello::service::documents::PattoFormats {
            pdf: true,
            text: true,
        },
    )?;
    write_document_new(
        &document,
        dir.unwrap_or_else(|| data_dir(cli).join("stampe")),
    )
}

/// [`write_document`] that never replaces a different file of the same name
/// (see `Document::write_new_into`): for the Patto di Cura.
fn write_document_new(
    document: &sportello::service::documents::Document,
    dir: PathBuf,
) -> Result<ExitCode, DeskError> {
    report_written(document.write_new_into(&dir), &dir)
}

/// Writes a document's files into `dir`, printing each path; an Italian
/// message and a failure exit code when the folder cannot be written.
fn write_document(
    document: &sportello::service::documents::Document,
    dir: PathBuf,
) -> Result<ExitCode, DeskError> {
    report_written(document.write_into(&dir), &dir)
}

fn report_written(
    written: std::io::Result<Vec<PathBuf>>,
    dir: &Path,
) -> Result<ExitCode, DeskError> {
    match written {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("Impossibile scrivere in {}: {e}", dir.display());
            Ok(ExitCode::FAILURE)
        }
    }
}

fn export_pai(cli: &Cli, cf: &str, dir: Option<PathBuf>) -> Result<ExitCode, DeskError> {
    let desk = open_desk(cli)?;
    let Some(patient) = desk.patient_by_cf(cf)? else {
        eprintln!(
            "Nessun paziente con codice fiscale {}",
            cf.trim().to_uppercase()
        );
        return Ok(ExitCode::FAILURE);
    };
    let pai = match desk.current_pai(patient.id)? {
        Some(p) => p,
        None => match desk.pai_list(patient.id)?.into_iter().next() {
            Some(p) => p,
            None => {
                eprintln!("{} {} non ha un PAI", patient.cognome, patient.nome);
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    let document = desk.pai_document_recorded(&pai)?;
    write_document(
        &document,
        dir.unwrap_or_else(|| data_dir(cli).join("stampe")),
    )
}

/// A password or passphrase from standard input: read without echo from a
/// terminal, or the next line of a pipe (for scripts). The prompt goes to
/// standard error either way.
fn read_password(prompt: &str) -> std::io::Result<String> {
    use std::io::IsTerminal;
    eprint!("{prompt}");
    std::io::stderr().flush()?;
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    crossterm::terminal::enable_raw_mode()?;
    let read = read_hidden_line();
    crossterm::terminal::disable_raw_mode()?;
    eprintln!();
    read
}

fn read_hidden_line() -> std::io::Result<String> {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    let mut out = String::new();
    loop {
        if let Event::Key(k) = read()? {
            if k.kind != KeyEventKind::Press {
                continue;
            }
            match k.code {
                KeyCode::Enter => return Ok(out),
                KeyCode::Backspace => {
                    out.pop();
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    return Err(std::io::Error::other("interrotto"));
                }
                KeyCode::Char(c) => out.push(c),
                KeyCode::Esc => return Err(std::io::Error::other("interrotto")),
                _ => {}
            }
        }
    }
}
fn backup(
    cli: &Cli,
    file: &std::path::Path,
    cifra: bool,
    overwrite: bool,
) -> Result<ExitCode, DeskError> {
    let desk = open_existing_desk(cli)?;
    sportello::service::backup::remove_temp_files_on_signals();
    let written = if cifra {
        let first = match read_password("Passphrase del backup: ") {
            Ok(p) => p,
            Err(e) => {
                eprintln!("Passphrase non letta: {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        if first.chars().count() < MIN_PASSPHRASE {
            eprintln!(
                "La passphrase deve avere almeno {MIN_PASSPHRASE} caratteri: nessun backup scritto."
            );
            return Ok(ExitCode::FAILURE);
        }
        let again = read_password("Ripetere la passphrase: ").unwrap_or_default();
        if again != first {
            eprintln!("Le due passphrase sono diverse: nessun backup scritto.");
            return Ok(ExitCode::FAILURE);
        }
        let secret = sportello::service::backup::SecretString::from(first);
        desk.backup_encrypted_to(file, overwrite, &secret, Default::default())
    } else {
        desk.backup_to(file, overwrite)
    };
    match written {
        Ok(s) => {
            println!(
                "Backup verificato{} scritto in {}: {} voci, {:.1} MB",
                if cifra { " e cifrato" } else { "" },
                file.display(),
                s.entries,
                s.bytes as f64 / 1_048_576.0
            );
            if let Some((seq, hash)) = s.audit_head {
                println!(
                    "{}",
                    anchor_line(&sportello::domain::audit::anchor(seq, &hash))
                );
            }
            if cifra {
                println!("Conservare la passphrase: senza di essa il backup non si può aprire.");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(backup_exit(cli, &e)),
    }
}

/// The line that gives the audit trail's head to write down.
fn anchor_line(anchor: &str) -> String {
    format!(
        "Ancora del registro: {anchor} (annotarla fuori dal computer: `sportello audit verify --ancora {anchor}` controlla che il registro non sia stato riscritto)"
    )
}

/// "1 paziente", "2.000 pazienti".
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// 2000 -> "2.000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Prints a backup or restore error in the operator's language; the exit
/// status: 2 when the store cannot be used, 1 otherwise.
fn backup_exit(cli: &Cli, e: &DeskError) -> ExitCode {
    let lang: sportello::texts::Lang = cli.lang.into();
    let error = match lang {
        sportello::texts::Lang::It => "Errore",
        sportello::texts::Lang::En => "Error",
    };
    eprintln!("{error}: {}", sportello::texts::error(lang, e));
    if e.is_store_unavailable() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

fn restore(cli: &Cli, file: &std::path::Path, si: bool) -> Result<ExitCode, DeskError> {
    use sportello::service::backup::{self as backups, CurrentStore};
    let dir = data_dir(cli);
    backups::remove_temp_files_on_signals();
    let encrypted = match backups::is_encrypted(file) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("Errore: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let passphrase = if encrypted {
        match read_password("Il backup è cifrato. Passphrase: ") {
            Ok(p) => Some(sportello::service::backup::SecretString::from(p)),
            Err(e) => {
                eprintln!("Passphrase non letta: {e}");
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        None
    };
    let plan = match backups::plan_restore(file, &dir, passphrase.as_ref()) {
        Ok(p) => p,
        Err(e) => return Ok(backup_exit(cli, &e)),
    };
    let s = &plan.summary;
    let when = plan
        .written_at
        .map(|t| format!(" del {}", t.format("%d/%m/%Y %H:%M")))
        .unwrap_or_default();
    let trail = match s.audit_head {
        Some((seq, _)) => format!("registro fino alla voce {seq}"),
        None => "registro vuoto".to_string(),
    };
    let current = match (&plan.current, &plan.aside) {
        (CurrentStore::Readable { patients, .. }, Some(aside)) => format!(
            "l'archivio attuale, {}, sarà messo da parte in {}",
            counted(*patients, "paziente", "pazienti"),
            aside.display()
        ),
        (CurrentStore::Unreadable, Some(aside)) => format!(
            "l'archivio attuale non si apre (danneggiato): sarà messo da parte così com'è in {}",
            aside.display()
        ),
        (_, Some(aside)) => format!(
            "la cartella attuale, senza archivio, sarà messa da parte in {}",
            aside.display()
        ),
        (_, None) => format!(
            "la cartella dei dati {} non esiste e sarà creata",
            dir.display()
        ),
    };
    println!(
        "Backup{when}: {}, {}, {trail}; {current}.",
        counted(s.count("patients"), "paziente", "pazienti"),
        counted(s.count("operators"), "operatore", "operatori"),
    );
    if !si {
        eprint!("Sostituire l'archivio con questo backup? Scrivere SI per confermare: ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if answer.trim() != "SI" {
            eprintln!("Ripristino annullato: l'archivio non è stato toccato.");
            return Ok(ExitCode::FAILURE);
        }
    }
    match backups::restore(plan, &SystemClock) {
        Ok((s, kept)) => {
            println!(
                "Archivio ripristinato da {}: {} voci",
                file.display(),
                s.entries
            );
            if let Some(k) = kept {
                let pruned = if cli.backup_giorni == 0 {
                    "va rimosso a mano".to_string()
                } else {
                    format!("viene rimosso dopo {} giorni", cli.backup_giorni)
                };
                println!(
                    "L'archivio precedente è conservato in {} (contiene anche i pazienti cancellati dopo il backup: {pruned})",
                    k.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(backup_exit(cli, &e)),
    }
}

fn gdpr_export(cli: &Cli, cf: &str, out: Option<&std::path::Path>) -> Result<ExitCode, DeskError> {
    let desk = open_existing_desk(cli)?;
    let Some(patient) = desk.patient_by_cf(cf)? else {
        eprintln!(
            "Nessun paziente con codice fiscale {}",
            cf.trim().to_uppercase()
        );
        return Ok(ExitCode::FAILURE);
    };
    let data = desk.gdpr_export(patient.id)?;
    let text = serde_json::to_string_pretty(&data).unwrap_or_default() + "\n";
    match out {
        None => print!("{text}"),
        Some(file) => {
            if let Err(e) = sportello::private_fs::write_private(file, text.as_bytes()) {
                eprintln!("Impossibile scrivere {}: {e}", file.display());
                return Ok(ExitCode::FAILURE);
            }
            eprintln!("{}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Bytes on disk before and after a rewrite of the store, in total and per patient.
fn print_compaction(c: &sportello::service::Compaction) {
    println!(
        "Spazio su disco: {:.1} MB prima, {:.1} MB dopo.",
        c.bytes_before as f64 / 1_048_576.0,
        c.bytes_after as f64 / 1_048_576.0
    );
    if let Some((before, after)) = c.bytes_per_patient() {
        println!("Byte per paziente: {before} prima, {after} dopo.");
    }
}

fn gdpr_erase(cli: &Cli, cf: &str, motivo: &str, si: bool) -> Result<ExitCode, DeskError> {
    let desk = open_existing_desk(cli)?;
    let Some(patient) = desk.patient_by_cf(cf)? else {
        eprintln!(
            "Nessun paziente con codice fiscale {}",
            cf.trim().to_uppercase()
        );
        return Ok(ExitCode::FAILURE);
    };
    if !si {
        eprint!(
            "Cancellare l'identità di {} {} ({})? Nome, codice fiscale, recapiti e note saranno rimossi \
             per sempre; restano i record di cura pseudonimizzati. Scrivere SI per confermare: ",
            patient.cognome, patient.nome, patient.codice_fiscale
        );
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if answer.trim() != "SI" {
            eprintln!("Nulla è stato cancellato.");
            return Ok(ExitCode::FAILURE);
        }
    }
    eprintln!("Cancellazione e riscrittura dell'archivio in corso: non chiudere il programma.");
    let (_desk, report, compaction) = desk.gdpr_erase_and_rewrite(patient.id, motivo)?;
    println!("{}", report.summary);
    for path in &report.removed_prints {
        println!("Stampa rimossa: {}", path.display());
    }
    for path in &report.prints_left {
        println!("Stampa NON rimossa (toglierla a mano): {}", path.display());
    }
    println!(
        "Il paziente ora si trova come {} (sportello find {0}).",
        report.pseudonym_cf
    );
    println!(
        "Archivio riscritto: le versioni precedenti dei dati cancellati non sono più nei file dell'archivio."
    );
    print_compaction(&compaction);
    println!(
        "I backup scritti prima di questa cancellazione (anche quello automatico di oggi) contengono ancora questi dati: quelli automatici escono dalla rotazione, gli altri vanno distrutti o conservati secondo le regole dello studio."
    );
    Ok(ExitCode::SUCCESS)
}
