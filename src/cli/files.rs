//! Commands that read or write files outside the store, and the checks
//! that need no store: `cf`, `festivi`, `import gestori`, `export patto`,
//! `export pai`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sportello::domain::calendar;
use sportello::domain::codice_fiscale::CodiceFiscale;
use sportello::service::DeskError;
use sportello::service::documents::{Document, PattoFormats};
use sportello::service::gestori::{ImportOptions, ListFileError, read_gestori_file};

use super::texts::{self as t, Lang};
use crate::{Cli, data_dir, open_desk};

pub fn cf(code: &str, lang: Lang) -> ExitCode {
    match CodiceFiscale::parse(code, sportello::service::comuni()) {
        Err(e) => {
            println!(
                "{}: {}",
                t::cf_invalid(lang),
                sportello::texts::codice_fiscale(lang, &e)
            );
            ExitCode::FAILURE
        }
        Ok(cf) => {
            let today = chrono::Local::now().date_naive();
            let d = cf.decode(today, sportello::service::comuni());
            println!("{}: {}", t::cf_valid(lang), cf.as_str());
            println!(
                "{}: {}",
                t::sex(lang),
                match d.sex {
                    sportello::domain::Sex::M => t::male(lang),
                    sportello::domain::Sex::F => t::female(lang),
                }
            );
            println!(
                "{}: {}",
                t::birth_date(lang),
                d.birth_date.format("%d/%m/%Y")
            );
            let place = match (&d.birthplace, &d.provincia) {
                (Some(name), Some(p)) if p == "EE" => {
                    format!("{name} ({}, {})", t::foreign_country(lang), d.belfiore)
                }
                (Some(name), Some(p)) => format!("{name} ({p}, {})", d.belfiore),
                _ => d.belfiore.clone(),
            };
            println!("{}: {place}", t::birth_place(lang));
            if d.omocode {
                println!("{} {}", t::omocode(lang), cf.normalized());
            }
            ExitCode::SUCCESS
        }
    }
}

/// The holidays of a year, named in `lang` (a patron saint as written).
pub fn festivi(lang: Lang, anno: i32, comune: Option<&str>) -> ExitCode {
    if !(1000..=9999).contains(&anno) {
        eprintln!("{}", t::year_invalid_digits(lang, anno));
        return ExitCode::FAILURE;
    }
    let list = sportello::service::agenda::holidays(anno, comune);
    if list.is_empty() {
        eprintln!("{}", t::year_invalid(lang, anno));
        return ExitCode::FAILURE;
    }
    if let Some(c) = comune
        && !list.iter().any(|h| h.kind == calendar::HolidayKind::Patron)
    {
        eprintln!("{}", t::no_patron(lang, c));
    }
    for h in list {
        let name = sportello::texts::label::holiday(lang, &h.name);
        println!("{} {name}", h.date.format("%d/%m/%Y"));
    }
    ExitCode::SUCCESS
}

pub fn import_gestori(
    cli: &Cli,
    file: &Path,
    ats: Option<String>,
    sheet: Option<String>,
    conferma: bool,
) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let (name, preview) = match read_gestori_file(file, &ImportOptions { ats, sheet }) {
        Ok(read) => read,
        Err(e) => return Ok(list_file_error(lang, file, e)),
    };
    let rejected = preview.rejected.iter().map(|r| {
        let reason = sportello::texts::gestori_row_rejection(lang, &r.reason);
        (r.line, reason)
    });
    print_list_head(
        lang,
        &name,
        preview.sheet.as_deref(),
        preview.accepted.len(),
        preview.encoding,
        rejected,
    );
    for a in &preview.accepted {
        for w in &a.warnings {
            println!(
                "{}",
                t::import_warning(lang, a.line, sportello::texts::gestori_row_warning(lang, w))
            );
        }
    }
    let desk = open_desk(cli)?;
    let rows: Vec<_> = preview.accepted.iter().map(|a| a.gestore.clone()).collect();
    let mut plan = desk.gestori().plan_gestori_import(&rows)?;
    plan.header = preview.export_header.clone();
    println!(
        "{}",
        t::import_changes(
            lang,
            plan.added.len(),
            plan.updated.len(),
            plan.unchanged,
            plan.no_longer.len(),
            &plan.ats.join(", ")
        )
    );
    for g in &plan.no_longer {
        println!("{}", t::import_no_longer(lang, &g.denominazione));
    }
    if !conferma {
        println!("{}", t::import_preview_only(lang));
        return Ok(ExitCode::SUCCESS);
    }
    let log = desk
        .gestori()
        .apply_gestori_import(plan, &name, preview.rejected.len() as u32)?;
    println!(
        "{}",
        t::import_recorded(lang, log.aggiunti, log.aggiornati, log.non_piu_idonei)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn import_arruolabili(
    cli: &Cli,
    file: &Path,
    sheet: Option<&str>,
    conferma: bool,
) -> Result<ExitCode, DeskError> {
    use sportello::service::arruolabili::read_arruolabili_file;
    let lang = cli.lang();
    let (name, preview) = match read_arruolabili_file(file, sheet) {
        Ok(read) => read,
        Err(e) => return Ok(list_file_error(lang, file, e)),
    };
    let rejected = preview
        .rejected
        .iter()
        .map(|r| (r.line, t::arruolabili_problem(lang, &r.problem)));
    print_list_head(
        lang,
        &name,
        preview.sheet.as_deref(),
        preview.accepted.len(),
        preview.encoding,
        rejected,
    );
    for a in &preview.accepted {
        for w in &a.warnings {
            println!(
                "{}",
                t::import_warning(lang, a.line, t::arruolabili_warning(lang, w))
            );
        }
    }
    let desk = open_desk(cli)?;
    let plan = desk.arruolabili().plan_import(&preview.accepted)?;
    println!("{}", t::arruolabili_plan(lang, &plan));
    if !conferma {
        println!("{}", t::import_preview_only(lang));
        return Ok(ExitCode::SUCCESS);
    }
    let log = desk
        .arruolabili()
        .apply_import(&preview.accepted, &name, preview.rejected.len())?;
    println!("{}", t::arruolabili_recorded(lang, &log));
    Ok(ExitCode::SUCCESS)
}

pub fn export_patto(cli: &Cli, cf: &str, dir: Option<PathBuf>) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let desk = open_desk(cli)?;
    let Some(patient) = desk.patients().patient_by_cf(cf)? else {
        eprintln!("{}", t::no_patient_cf(lang, &cf.trim().to_uppercase()));
        return Ok(ExitCode::FAILURE);
    };
    let formats = PattoFormats {
        pdf: true,
        text: true,
    };
    let Some(document) = desk
        .patto()
        .signed_patto_document_recorded(patient.id, formats)?
    else {
        eprintln!(
            "{}",
            t::no_signed_patto(lang, &patient.cognome, &patient.nome)
        );
        return Ok(ExitCode::FAILURE);
    };
    let dir = dir.unwrap_or_else(|| data_dir(cli).join("stampe"));
    // Never replaces a different file of the same name (see
    // `Document::write_new_into`).
    Ok(report_written(lang, document.write_new_into(&dir), &dir))
}

pub fn export_pai(cli: &Cli, cf: &str, dir: Option<PathBuf>) -> Result<ExitCode, DeskError> {
    let lang = cli.lang();
    let desk = open_desk(cli)?;
    let Some(patient) = desk.patients().patient_by_cf(cf)? else {
        eprintln!("{}", t::no_patient_cf(lang, &cf.trim().to_uppercase()));
        return Ok(ExitCode::FAILURE);
    };
    let Some(document) = desk.pai().pai_document_to_export_recorded(patient.id)? else {
        eprintln!("{}", t::no_pai(lang, &patient.cognome, &patient.nome));
        return Ok(ExitCode::FAILURE);
    };
    let dir = dir.unwrap_or_else(|| data_dir(cli).join("stampe"));
    Ok(write_document(lang, &document, &dir))
}

/// Writes a document's files into `dir`, printing each path; a message and
/// a failure exit code when the folder cannot be written.
fn write_document(lang: Lang, document: &Document, dir: &Path) -> ExitCode {
    report_written(lang, document.write_into(dir), dir)
}

fn report_written(lang: Lang, written: std::io::Result<Vec<PathBuf>>, dir: &Path) -> ExitCode {
    match written {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", t::cannot_write_into(lang, dir.display(), e));
            ExitCode::FAILURE
        }
    }
}

/// `import mmg-aderenti`: the ATS list of MMG aderenti, previewed; written
/// in the Studio's adhesions with `--conferma`.
pub fn import_mmg_aderenti(
    cli: &Cli,
    file: &Path,
    ats: Option<String>,
    sheet: Option<String>,
    conferma: bool,
) -> Result<ExitCode, DeskError> {
    use sportello::service::mmg_aderenti::read_mmg_aderenti_file;
    let lang = cli.lang();
    let ats = match ats.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => match sportello::service::gestori::resolve_ats_code(a) {
            Some(code) => Some(code),
            None => {
                let e = sportello::service::gestori::ImportError::UnknownAtsOption {
                    value: a.to_string(),
                };
                eprintln!("{}", t::import_error(lang, &e));
                return Ok(ExitCode::FAILURE);
            }
        },
        None => None,
    };
    let (name, preview) = match read_mmg_aderenti_file(file, sheet.as_deref()) {
        Ok(read) => read,
        Err(e) => return Ok(list_file_error(lang, file, e)),
    };
    let rejected = preview.rejected.iter().map(|r| {
        let reason = sportello::texts::label::mmg_row_problem(lang, &r.problem);
        (r.line, reason)
    });
    print_list_head(
        lang,
        &name,
        preview.sheet.as_deref(),
        preview.accepted.len(),
        preview.encoding,
        rejected,
    );
    let desk = open_desk(cli)?;
    let plan = desk
        .gestori()
        .plan_mmg_aderenti(&preview.accepted, ats.as_deref())?;
    println!(
        "{}",
        t::mmg_changes(
            lang,
            plan.added.len(),
            plan.changed.len(),
            plan.removed.len(),
            plan.unchanged,
            plan.unmatched.len()
        )
    );
    for (m, g) in &plan.added {
        println!("{}", t::mmg_added(lang, &m.nome, g));
    }
    for (_, m, g) in &plan.changed {
        println!("{}", t::mmg_changed(lang, &m.nome, g));
    }
    for m in &plan.removed {
        println!("{}", t::mmg_removed(lang, &m.nome));
    }
    for u in &plan.unmatched {
        println!(
            "{}",
            t::mmg_unmatched(
                lang,
                u.line,
                &sportello::texts::label::mmg_unmatched(lang, u)
            )
        );
    }
    if !conferma {
        println!("{}", t::import_preview_only(lang));
        return Ok(ExitCode::SUCCESS);
    }
    desk.gestori().apply_mmg_aderenti(&plan, &name)?;
    println!(
        "{}",
        t::mmg_recorded(
            lang,
            plan.added.len(),
            plan.changed.len(),
            plan.removed.len()
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// An ATS list that could not be read, said on standard error.
fn list_file_error(lang: Lang, file: &Path, e: ListFileError) -> ExitCode {
    match e {
        ListFileError::TooBig { bytes } => {
            eprintln!(
                "{}",
                t::file_too_big(lang, file.display(), bytes / 1_048_576)
            );
        }
        ListFileError::Unreadable(e) => eprintln!("{}", t::cannot_read(lang, file.display(), e)),
        ListFileError::Format(e) => eprintln!("{}", t::import_error(lang, &e)),
    }
    ExitCode::FAILURE
}

/// The first lines of an ATS list's preview: the file, its rows recognised
/// and rejected, its encoding and sheet; then each rejected row with why.
fn print_list_head(
    lang: Lang,
    name: &str,
    sheet: Option<&str>,
    accepted: usize,
    encoding: &str,
    rejected: impl ExactSizeIterator<Item = (usize, String)>,
) {
    let sheet = sheet.map(|s| t::import_sheet(lang, s)).unwrap_or_default();
    println!(
        "{}",
        t::import_file(lang, name, accepted, rejected.len(), encoding, &sheet)
    );
    for (line, reason) in rejected {
        println!("{}", t::import_rejected(lang, line, reason));
    }
}
