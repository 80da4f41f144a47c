//! The command line's help in the operator's language. clap's derive texts
//! (the doc comments in main.rs) are the Italian ones; for English the
//! command tree is given the English text of every command and argument
//! here, by name, before parsing. Command and option names are the same in
//! both languages. clap's own error messages stay English.

use clap::{Arg, ArgAction};
use sportello::texts::Lang;

/// The language asked for on the raw command line (`--lang en`,
/// `--lang=en`) or in `SPORTELLO_LANG`, before clap parses it: the help
/// must be built in that language first.
pub fn requested_lang(args: &[String]) -> Lang {
    let mut found = std::env::var("SPORTELLO_LANG").ok();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            found = it.next().cloned();
        } else if let Some(v) = a.strip_prefix("--lang=") {
            found = Some(v.to_string());
        }
    }
    match found.as_deref() {
        Some(v) if v.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::It,
    }
}

/// The help in `lang`: headings ("Uso"/"Usage", "Comandi"/"Commands",
/// "Argomenti"/"Arguments", "Opzioni"/"Options") and the help and version
/// flags on every subcommand, and in English every text of the tree.
pub fn localized(cmd: clap::Command, lang: Lang) -> clap::Command {
    localized_at(cmd, lang, "")
}

fn localized_at(cmd: clap::Command, lang: Lang, parent: &str) -> clap::Command {
    let en = lang == Lang::En;
    let path = if parent.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{parent} {}", cmd.get_name())
    };
    let (usage, commands, command, arguments, options, help, version) = if en {
        (
            "Usage",
            "Commands",
            "COMMAND",
            "Arguments",
            "Options",
            "Shows this help",
            "Shows the version",
        )
    } else {
        (
            "Uso",
            "Comandi",
            "COMANDO",
            "Argomenti",
            "Opzioni",
            "Mostra questo aiuto",
            "Mostra la versione",
        )
    };
    let has_version = cmd.get_version().is_some();
    let mut cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}: {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(commands)
        .subcommand_value_name(command)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            let a = a.help_heading(heading);
            match english_arg(&path, a.get_id().as_str()) {
                Some(text) if en => a.help(text),
                _ => a,
            }
        })
        .arg(
            Arg::new("aiuto")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(help)
                .help_heading(options),
        );
    if en && let Some(about) = english_about(&path) {
        cmd = cmd.about(about).long_about(None);
    }
    if has_version {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("versione")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(version)
                .help_heading(options),
        );
    }
    cmd.mut_subcommands(|s| localized_at(s, lang, &path))
}

/// What each command does, in English, by its path from `sportello`.
fn english_about(path: &str) -> Option<&'static str> {
    Some(match path {
        "sportello" => "Front desk for taking chronic patients in charge (Lombardy Region)",
        "sportello demo" => {
            "Creates a demonstration store of made-up patients (only in a new folder or a demonstration store; operator demo, password demo)"
        }
        "sportello cf" => "Checks and decodes a codice fiscale",
        "sportello festivi" => "Lists the holidays of a year",
        "sportello find" => "Finds patients as the lookup screen does",
        "sportello check" => "Checks every record and every index of the store",
        "sportello backup" => "Writes a verified backup of the store",
        "sportello restore" => "Replaces the store with the contents of a backup",
        "sportello plan" => "Plans in the agenda the shared PAIs not planned yet",
        "sportello agenda" => "The day list: text, CSV or PDF",
        "sportello ics" => "A patient's future appointments in iCalendar format (.ics)",
        "sportello import" => "Imports data from files",
        "sportello export" => "Exports data to files or to standard output",
        "sportello audit" => "The audit trail",
        "sportello operator" => "The operators who use the application",
        "sportello gdpr" => "Data subject's rights (GDPR): export and erasure of a patient's data",
        "sportello compatta" => {
            "Rewrites the store with the data in use only: the earlier versions of the records, and the disk they take, are gone"
        }
        "sportello serve" => {
            "Serves the application to several desks over SSH on one store (each desk: ssh -p PORT user@this-computer)"
        }
        "sportello prova-scrittura" => "Write load for the test of sudden stops",
        "sportello audit verify" => {
            "Verifies the trail's chain: exits with an error at the first altered entry"
        }
        "sportello operator add" => {
            "Creates an operator; the password is read from standard input (or asked without echo)"
        }
        "sportello operator list" => "Lists the operators",
        "sportello operator chiave" => {
            "The SSH keys an operator logs in to sportello serve with, without a password"
        }
        "sportello operator chiave add" => {
            "Adds an operator's SSH public key (an OpenSSH .pub file)"
        }
        "sportello gdpr export" => "All of a patient's data in JSON (access and portability)",
        "sportello gdpr erase" => {
            "Erases a patient's identity (pseudonymisation: the care records stay, without identifying data)"
        }
        "sportello import gestori" => {
            "The list of eligible Gestori published by an ATS (CSV or XLSX)"
        }
        "sportello import arruolabili" => {
            "The ATS list of the doctor's eligible chronic patients (CSV or XLSX)"
        }
        "sportello import mmg-aderenti" => {
            "The list of MMG aderenti published by an ATS (CSV or XLSX): the Practice's adhesions"
        }
        "sportello export gestori" => "The Gestori in the store, UTF-8 CSV on standard output",
        "sportello export patto" => "A patient's signed Patto di Cura: PDF (two copies) and text",
        "sportello export pai" => "A patient's PAI in use: PDF and FHIR R4 Bundle (JSON)",
        _ => return None,
    })
}

/// Each argument's help in English, by command path and argument id.
fn english_arg(path: &str, id: &str) -> Option<&'static str> {
    let patient = "The patient's codice fiscale";
    let dir = "Destination folder (default: \"stampe\" in the data folder)";
    Some(match (path, id) {
        (_, "data_dir") => "Data folder (default: the user's data folder)",
        (_, "lang") => "Language of the interface",
        (_, "blocco_minuti") => {
            "Minutes of inactivity after which the application locks and asks for the password (0: never)"
        }
        (_, "backup_giorni") => "Automatic backups to keep (one a day, in DATA/backup; 0 = none)",
        (_, "patients") => "How many patients",
        (_, "seed") => "Generator seed: same seed, same patients",
        (_, "tutti_con_pai") => {
            "Every patient chronic with a Gestore, a signed Patto and a shared PAI, none planned (the load `plan --all` is measured on)"
        }
        (_, "code") => "The codice fiscale (spaces allowed)",
        (_, "comune") => "Adds the patron saint of this comune",
        (_, "json") => "One JSON object per line",
        ("sportello backup", "file") => "Destination file",
        ("sportello restore", "file") => "Backup file",
        ("sportello operator chiave add", "file") => "Public key file (for example id_ed25519.pub)",
        ("sportello import gestori", "file")
        | ("sportello import mmg-aderenti", "file")
        | ("sportello import arruolabili", "file") => "The list's file (CSV or XLSX)",
        (_, "cifra") => "Encrypts the backup with a passphrase (asked without showing it)",
        (_, "sovrascrivi") => "Replaces a sportello backup already there with the same name",
        ("sportello restore", "si") => {
            "Does not ask for confirmation (after showing what is replaced)"
        }
        (_, "si") => "Does not ask for confirmation",
        (_, "all") => "Every shared PAI without appointments",
        (_, "giorno") => "Day (dd/mm/yyyy; default: today)",
        (_, "csv") => "CSV on standard output instead of text",
        (_, "pdf") => "Also writes the PDF to this file",
        (_, "patient") | (_, "cf") => patient,
        (_, "dir") => dir,
        (_, "ascolta") => "Address and port to listen on",
        (_, "impronta") => "Shows the fingerprint of the server's key and exits",
        (_, "max_postazioni") => "Most desks connected at the same time",
        (_, "limit") if path == "sportello prova-scrittura" => {
            "How many patients (default: no end)"
        }
        (_, "limit") => "Most patients listed",
        (_, "ancora") => {
            "An anchor written down earlier (N:FINGERPRINT, printed by every backup and by this command): checks that the trail still passes through it"
        }
        (_, "username") => "User name",
        (_, "role") => "Role: segreteria, medico or amministratore",
        (_, "out") => "Destination file (default: standard output)",
        (_, "motivo") => "Reason (e.g. the data subject's request of dd/mm/yyyy)",
        (_, "ats") if path == "sportello import gestori" => {
            "ATS of the rows without an ATS column (code or name)"
        }
        (_, "ats") => "Only the Gestori of this ATS (code or name)",
        (_, "foglio") => "Sheet of the XLSX file (default: the first)",
        (_, "conferma") => "Really writes; without it, shows the preview only",
        (_, "anno") => "The year (four digits)",
        (_, "query") => "What to look for: surname, name, codice fiscale, health card or phone",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(
            requested_lang(&args(&["sportello", "--lang", "en", "--help"])),
            Lang::En
        );
        assert_eq!(
            requested_lang(&args(&["sportello", "--help", "--lang=en"])),
            Lang::En
        );
        assert_eq!(
            requested_lang(&args(&["sportello", "cf", "--", "--lang", "en"])),
            Lang::It
        );
    }
}
