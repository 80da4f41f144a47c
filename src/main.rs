//! The sportello command line: no subcommand opens the application; the
//! subcommands serve scripts, checks and set-up.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

/// sled clones its tree nodes on every write; mimalloc makes that allocation
/// churn markedly cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use sportello::domain::calendar;
use sportello::domain::codice_fiscale::CodiceFiscale;
use sportello::service::{Desk, DeskError, SystemClock};
use sportello::store::StoreError;

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
    #[arg(long, value_enum, default_value_t = Lang::It, global = true)]
    lang: Lang,
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
    /// Riempie l'archivio di pazienti dimostrativi (inventati)
    Demo {
        /// Quanti pazienti
        #[arg(long, default_value_t = 1000)]
        patients: usize,
        /// Seme del generatore: stesso seme, stessi pazienti
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
    },
    /// Sostituisce l'archivio con il contenuto di una copia di sicurezza
    Restore {
        /// File di backup
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Errore: {e}");
            match e {
                DeskError::Store(StoreError::Locked { .. }) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir.clone().unwrap_or_else(|| {
        directories::ProjectDirs::from("it", "sportello", "sportello")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("sportello-dati"))
    })
}

fn open_desk(cli: &Cli) -> Result<Desk, DeskError> {
    Desk::open(&data_dir(cli), Arc::new(SystemClock))
}

fn run(cli: Cli) -> Result<ExitCode, DeskError> {
    let Some(command) = &cli.command else {
        let desk = open_desk(&cli)?;
        return match sportello::tui::run(desk, cli.lang.into()) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(e) => {
                eprintln!("Errore del terminale: {e}");
                Ok(ExitCode::FAILURE)
            }
        };
    };
    match command {
        Command::Cf { code } => Ok(cf(&code.join(""))),
        Command::Festivi { anno, comune } => Ok(festivi(*anno, comune.as_deref())),
        Command::Demo { patients, seed } => {
            let desk = open_desk(&cli)?;
            let started = Instant::now();
            let mut stderr = std::io::stderr();
            let done = desk.load_demo(*patients, *seed, &mut |done, total| {
                let _ = write!(stderr, "\rPazienti creati: {done}/{total}");
                true
            })?;
            eprintln!();
            println!(
                "Creati {done} pazienti dimostrativi in {:.1} s nell'archivio {}",
                started.elapsed().as_secs_f64(),
                desk.data_dir().display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Find { query, limit, json } => {
            let desk = open_desk(&cli)?;
            let mut out = std::io::stdout().lock();
            let lookup = desk.lookup(query, *limit)?;
            if lookup.suggested {
                eprintln!("Nessun paziente trovato per \"{query}\". Nomi simili:");
            } else if lookup.patients.is_empty() {
                eprintln!("Nessun paziente trovato per \"{query}\".");
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
        Command::Backup { file } => {
            let desk = open_desk(&cli)?;
            match desk.backup_to(file) {
                Ok(s) => {
                    println!(
                        "Backup verificato scritto in {}: {} voci, {:.1} MB",
                        file.display(),
                        s.entries,
                        s.bytes as f64 / 1_048_576.0
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("Errore: {e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Restore { file } => {
            let dir = data_dir(&cli);
            match sportello::service::restore(file, &dir) {
                Ok((s, kept)) => {
                    println!(
                        "Archivio ripristinato da {}: {} voci",
                        file.display(),
                        s.entries
                    );
                    if let Some(k) = kept {
                        println!("L'archivio precedente è conservato in {}", k.display());
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("Errore: {e}");
                    Ok(ExitCode::from(if e.to_string().contains("già aperto") {
                        2
                    } else {
                        1
                    }))
                }
            }
        }
        Command::Check => {
            let desk = open_desk(&cli)?;
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
            Ok(if report.is_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

fn cf(code: &str) -> ExitCode {
    match CodiceFiscale::parse(code) {
        Err(e) => {
            println!("Codice fiscale non valido: {e}");
            ExitCode::FAILURE
        }
        Ok(cf) => {
            let today = chrono::Local::now().date_naive();
            let d = cf.decode(today);
            println!("Codice fiscale valido: {}", cf.as_str());
            println!(
                "Sesso: {}",
                match d.sex {
                    sportello::domain::Sex::M => "maschio",
                    sportello::domain::Sex::F => "femmina",
                }
            );
            println!("Data di nascita: {}", d.birth_date.format("%d/%m/%Y"));
            let place = match (&d.birthplace, &d.provincia) {
                (Some(name), Some(p)) if p == "EE" => {
                    format!("{name} (stato estero, {})", d.belfiore)
                }
                (Some(name), Some(p)) => format!("{name} ({p}, {})", d.belfiore),
                _ => d.belfiore.clone(),
            };
            println!("Luogo di nascita: {place}");
            if d.omocode {
                println!("Codice in omocodia: forma base {}", cf.normalized());
            }
            ExitCode::SUCCESS
        }
    }
}

fn festivi(anno: i32, comune: Option<&str>) -> ExitCode {
    let list = calendar::holidays(anno, comune);
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
