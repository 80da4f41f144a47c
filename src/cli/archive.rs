//! Commands on the store as a whole: `backup`, `restore`, `gdpr export`,
//! `gdpr erase`, and the password prompt they share with `operator add`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use sportello::service::{DeskError, SystemClock};

use super::texts::{self as t, Lang};
use crate::{Cli, data_dir, open_existing_desk};

/// Minimum length of a backup passphrase.
const MIN_PASSPHRASE: usize = 10;

/// A password or passphrase from standard input: read without echo from a
/// terminal, or the next line of a pipe (for scripts). The prompt goes to
/// standard error either way.
pub fn read_password(lang: Lang, prompt: &str) -> std::io::Result<String> {
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
    let read = read_hidden_line(lang);
    crossterm::terminal::disable_raw_mode()?;
    eprintln!();
    read
}

fn read_hidden_line(lang: Lang) -> std::io::Result<String> {
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
                    return Err(std::io::Error::other(t::interrupted(lang)));
                }
                KeyCode::Char(c) => out.push(c),
                KeyCode::Esc => return Err(std::io::Error::other(t::interrupted(lang))),
                _ => {}
            }
        }
    }
}

/// A confirmation typed on standard input: SI (Italian), YES or SI (English).
fn confirmed(lang: Lang) -> bool {
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    let answer = answer.trim();
    answer == t::confirm_word(lang) || answer == "SI"
}

pub fn backup(cli: &Cli, file: &Path, cifra: bool, overwrite: bool) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let desk = open_existing_desk(cli)?;
    sportello::service::backup::remove_temp_files_on_signals();
    let written = if cifra {
        let first = match read_password(lang, t::passphrase_prompt(lang)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{}", t::passphrase_not_read(lang, e));
                return Ok(ExitCode::FAILURE);
            }
        };
        if first.chars().count() < MIN_PASSPHRASE {
            eprintln!("{}", t::passphrase_short(lang, MIN_PASSPHRASE));
            return Ok(ExitCode::FAILURE);
        }
        let again = read_password(lang, t::passphrase_again(lang)).unwrap_or_default();
        if again != first {
            eprintln!("{}", t::passphrases_differ(lang));
            return Ok(ExitCode::FAILURE);
        }
        let secret = sportello::service::backup::SecretString::from(first);
        desk.archive()
            .backup_encrypted_to(file, overwrite, &secret, Default::default())
    } else {
        desk.archive().backup_to(file, overwrite)
    };
    match written {
        Ok(s) => {
            println!(
                "{}",
                t::backup_written(
                    lang,
                    cifra,
                    file.display(),
                    s.entries,
                    s.bytes as f64 / 1_048_576.0
                )
            );
            if let Some((seq, hash)) = s.audit_head {
                let anchor = sportello::domain::audit::anchor(seq, &hash);
                println!("{}", t::anchor_line(lang, &anchor));
            }
            if cifra {
                println!("{}", t::keep_passphrase(lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(backup_exit(lang, &e)),
    }
}

/// "1 paziente", "2.000 pazienti" ("2,000 patients").
fn counted(lang: Lang, n: u64, word: fn(Lang, u64) -> &'static str) -> String {
    format!("{} {}", thousands(lang, n), word(lang, n))
}

/// 2000 -> "2.000" ("2,000" in English).
fn thousands(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(t::thousands_separator(lang));
        }
        out.push(c);
    }
    out
}

/// Prints a backup or restore error in the operator's language; the exit
/// status: 2 when the store cannot be used, 1 otherwise.
fn backup_exit(lang: Lang, e: &DeskError) -> ExitCode {
    eprintln!(
        "{}: {}",
        t::error_word(lang),
        sportello::texts::error(lang, e)
    );
    if e.is_store_unavailable() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

pub fn restore(cli: &Cli, file: &Path, si: bool) -> Result<ExitCode, DeskError> {
    use sportello::service::backup::{self as backups, CurrentStore};
    let lang = cli.lang();
    let dir = data_dir(cli);
    backups::remove_temp_files_on_signals();
    let encrypted = match backups::is_encrypted(file) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{}: {e}", t::error_word(lang));
            return Ok(ExitCode::FAILURE);
        }
    };
    let passphrase = if encrypted {
        match read_password(lang, t::encrypted_prompt(lang)) {
            Ok(p) => Some(sportello::service::backup::SecretString::from(p)),
            Err(e) => {
                eprintln!("{}", t::passphrase_not_read(lang, e));
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        None
    };
    let plan = match backups::plan_restore(file, &dir, passphrase.as_ref()) {
        Ok(p) => p,
        Err(e) => return Ok(backup_exit(lang, &e)),
    };
    let s = &plan.summary;
    let when = plan
        .written_at
        .map(|w| t::backup_of(lang, w.format("%d/%m/%Y %H:%M")))
        .unwrap_or_default();
    let trail = match s.audit_head {
        Some((seq, _)) => t::trail_up_to(lang, seq),
        None => t::trail_empty(lang).to_string(),
    };
    let current = match (&plan.current, &plan.aside) {
        (CurrentStore::Readable { patients, .. }, Some(aside)) => t::current_readable(
            lang,
            &counted(lang, *patients, t::patients_word),
            aside.display(),
        ),
        (CurrentStore::Unreadable, Some(aside)) => t::current_unreadable(lang, aside.display()),
        (_, Some(aside)) => t::current_no_store(lang, aside.display()),
        (_, None) => t::current_no_folder(lang, dir.display()),
    };
    println!(
        "{}",
        t::restore_summary(
            lang,
            &when,
            &counted(lang, s.count("patients"), t::patients_word),
            &counted(lang, s.count("operators"), t::operators_word),
            &trail,
            &current
        )
    );
    if !si {
        eprint!("{}", t::restore_confirm(lang));
        let _ = std::io::stderr().flush();
        if !confirmed(lang) {
            eprintln!("{}", t::restore_cancelled(lang));
            return Ok(ExitCode::FAILURE);
        }
    }
    match backups::restore(plan, &SystemClock) {
        Ok((s, kept)) => {
            println!("{}", t::restored(lang, file.display(), s.entries));
            if let Some(k) = kept {
                let pruned = if cli.backup_giorni == 0 {
                    t::restore_remove_by_hand(lang).to_string()
                } else {
                    t::restore_removed_after(lang, cli.backup_giorni)
                };
                println!("{}", t::previous_kept(lang, k.display(), &pruned));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(backup_exit(lang, &e)),
    }
}

pub fn gdpr_export(cli: &Cli, cf: &str, out: Option<&Path>) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let desk = open_existing_desk(cli)?;
    let Some(patient) = desk.patients().patient_by_cf(cf)? else {
        eprintln!("{}", t::no_patient_cf(lang, &cf.trim().to_uppercase()));
        return Ok(ExitCode::FAILURE);
    };
    let data = desk.archive().gdpr_export(patient.id)?;
    let text = serde_json::to_string_pretty(&data).unwrap_or_default() + "\n";
    match out {
        None => print!("{text}"),
        Some(file) => {
            if let Err(e) = sportello::private_fs::write_private(file, text.as_bytes()) {
                eprintln!("{}", t::cannot_write(lang, file.display(), e));
                return Ok(ExitCode::FAILURE);
            }
            eprintln!("{}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Bytes on disk before and after a rewrite of the store, in total and per patient.
pub fn print_compaction(lang: Lang, c: &sportello::service::Compaction) {
    println!(
        "{}",
        t::disk_space(
            lang,
            c.bytes_before as f64 / 1_048_576.0,
            c.bytes_after as f64 / 1_048_576.0
        )
    );
    if let Some((before, after)) = c.bytes_per_patient() {
        println!("{}", t::bytes_per_patient(lang, before, after));
    }
}

pub fn gdpr_erase(cli: &Cli, cf: &str, motivo: &str, si: bool) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let desk = open_existing_desk(cli)?;
    let Some(patient) = desk.patients().patient_by_cf(cf)? else {
        eprintln!("{}", t::no_patient_cf(lang, &cf.trim().to_uppercase()));
        return Ok(ExitCode::FAILURE);
    };
    if !si {
        eprint!(
            "{}",
            t::erase_confirm(
                lang,
                &patient.cognome,
                &patient.nome,
                &patient.codice_fiscale
            )
        );
        let _ = std::io::stderr().flush();
        if !confirmed(lang) {
            eprintln!("{}", t::nothing_erased(lang));
            return Ok(ExitCode::FAILURE);
        }
    }
    eprintln!("{}", t::erasing(lang));
    let (_desk, report, compaction) = desk.gdpr_erase_and_rewrite(patient.id, motivo)?;
    // The summary is the audit trail's line, in Italian; in English the
    // same counts (the prints are listed below either way).
    let summary = match lang {
        Lang::It => report.summary.clone(),
        Lang::En => t::erased(
            lang,
            report.patient,
            &report.pseudonym_cf,
            report.patti,
            report.prese,
            report.appointments,
            motivo,
        ),
    };
    println!("{summary}");
    for path in &report.removed_prints {
        println!("{}", t::print_removed(lang, path.display()));
    }
    for path in &report.prints_left {
        println!("{}", t::print_left(lang, path.display()));
    }
    println!("{}", t::pseudonym(lang, &report.pseudonym_cf));
    println!("{}", t::erase_rewritten(lang));
    print_compaction(lang, &compaction);
    println!("{}", t::erase_backups(lang));
    Ok(ExitCode::SUCCESS)
}
