//! The documents the desk prints and exports (Patto di Cura, PAI, day list),
//! built once here for both the screens and the command line: the same file
//! names, the same renderings.

use super::{Agenda, PaiPlans, Patti};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Desk, DeskError, Refusal, Result};
use crate::domain::PattoId;
use crate::domain::agenda::ResourceId;
use crate::domain::level::LivelloNoto;
use crate::domain::pai::Pai;
use crate::domain::patient::Patient;
use crate::domain::patto::{PattoDiCura, PattoStato};
use crate::domain::practice::Stampante;
use crate::io::fhir::{BundleInput, LevelSource, PathologyInput, PatientInput};
use crate::io::patto::{patto_plain_text, write_document_pdf, write_patto_pdf};

/// Runs an external command: the system's print command in production, a
/// stand-in in tests (which checks the exact program and arguments).
pub trait CommandRunner: Send + Sync {
    /// Runs `program` with `args`; `Err` with the reason, in Italian, when it
    /// cannot be started or exits with a failure.
    fn run(&self, program: &str, args: &[String]) -> std::result::Result<(), String>;
}

/// Runs commands with `std::process::Command`, without a shell.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemRunner;

impl CommandRunner for SystemRunner {
    fn run(&self, program: &str, args: &[String]) -> std::result::Result<(), String> {
        let output = std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("comando {program} non trovato"),
                _ => format!("{program} non si avvia: {e}"),
            })?;
        if output.status.success() {
            return Ok(());
        }
        let detail = String::from_utf8_lossy(&output.stderr)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| format!(": {}", l.chars().take(120).collect::<String>()))
            .unwrap_or_default();
        Err(match output.status.code() {
            Some(code) => format!("{program} è terminato con il codice {code}{detail}"),
            None => format!("{program} è stato interrotto{detail}"),
        })
    }
}

/// A command to run: program and arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintCommand {
    pub program: String,
    pub args: Vec<String>,
}

/// The command that sends `file` to `stampante` on this system; `None`
/// when the practice prints to file only. Linux and macOS: CUPS `lp`
/// (`-d NAME` for a named printer). Windows: the print verb of the file's
/// default handler (`PrintTo` with a named printer), through PowerShell.
pub fn print_command(stampante: &Stampante, file: &Path) -> Option<PrintCommand> {
    let file = file.display().to_string();
    if cfg!(windows) {
        // PowerShell single-quoted strings: a quote is doubled.
        let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
        let verb = match stampante {
            Stampante::Nessuna => return None,
            Stampante::Predefinita => "-Verb Print".to_string(),
            Stampante::Nome(name) => format!(
                "-Verb PrintTo -ArgumentList {}",
                quote(&format!("\"{name}\""))
            ),
        };
        return Some(PrintCommand {
            program: "powershell".into(),
            args: vec![
                "-NoProfile".into(),
                "-NonInteractive".into(),
                "-Command".into(),
                format!("Start-Process -FilePath {} {verb}", quote(&file)),
            ],
        });
    }
    let args = match stampante {
        Stampante::Nessuna => return None,
        Stampante::Predefinita => vec![file],
        Stampante::Nome(name) => vec!["-d".into(), name.clone(), file],
    };
    Some(PrintCommand {
        program: "lp".into(),
        args,
    })
}

/// What became of a print sent to the practice's printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintOutcome {
    /// No printer configured: the file is the print.
    SoloFile,
    /// Sent to the printer (its name, or "predefinita").
    Inviato { stampante: String },
    /// The printer command failed: the file is there, with the reason.
    NonRiuscito { motivo: String },
}

/// Columns of the plain-text Patto, for receipt printers.
pub const RECEIPT_WIDTH: usize = 48;

/// A document ready to be written: a file name without extension and its
/// renderings, each an extension and the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub stem: String,
    pub files: Vec<(&'static str, Vec<u8>)>,
}

impl Document {
    /// Writes every rendering into `dir` like [`Document::write_into`], but
    /// never replaces a different file: a file of the same name with the same
    /// bytes is kept as it is (a reprint), otherwise the renderings are
    /// written as `stem-2.extension`, `stem-3.extension`...
    pub fn write_new_into(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        crate::private_fs::create_dir_all_private(dir)?;
        let mut n = 1u32;
        let paths = loop {
            let stem = if n == 1 {
                self.stem.clone()
            } else {
                format!("{}-{n}", self.stem)
            };
            let paths: Vec<PathBuf> = self
                .files
                .iter()
                .map(|(extension, _)| dir.join(format!("{stem}.{extension}")))
                .collect();
            let free = paths
                .iter()
                .zip(&self.files)
                .all(|(path, (_, bytes))| match std::fs::read(path) {
                    Ok(existing) => existing == *bytes,
                    Err(e) => e.kind() == std::io::ErrorKind::NotFound,
                });
            if free || n == u32::MAX {
                break paths;
            }
            n += 1;
        };
        for (path, (_, bytes)) in paths.iter().zip(&self.files) {
            if std::fs::read(path).is_ok_and(|existing| existing == *bytes) {
                continue;
            }
            crate::private_fs::write_private(path, bytes)?;
        }
        Ok(paths)
    }

    /// Writes every rendering into `dir` (created if needed, private) as
    /// `stem.extension`, readable by the owner only; returns the paths
    /// written, in order.
    pub fn write_into(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        crate::private_fs::create_dir_all_private(dir)?;
        let mut written = Vec::with_capacity(self.files.len());
        for (extension, bytes) in &self.files {
            let path = dir.join(format!("{}.{extension}", self.stem));
            crate::private_fs::write_private(&path, bytes)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Which renderings of a Patto to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PattoFormats {
    pub pdf: bool,
    pub text: bool,
}

fn pdf_error(e: crate::io::patto::PrintError) -> DeskError {
    DeskError::internal(super::Internal::Print, e)
}

/// The mark of a revoked Patto: "REVOCATO il 01/06/2026: motivo".
pub fn revocation_mark(patto: &PattoDiCura) -> Option<String> {
    match &patto.stato {
        PattoStato::Revocato { data, motivo } => Some(format!(
            "REVOCATO il {}: {}",
            data.format("%d/%m/%Y"),
            motivo.trim()
        )),
        _ => None,
    }
}

/// What to print under the text of a signed Patto: the revocation, the
/// identity document of the signer when the signed text does not name it
/// (signed before it did), the corrections of the Clinical Manager.
pub fn annotations(patto: &PattoDiCura) -> Vec<String> {
    let mut out: Vec<String> = revocation_mark(patto).into_iter().collect();
    // Texts signed before the signer's document was part of them.
    if let Some(f) = &patto.firma
        && f.firmatario.needs_identity()
        && !f.documento.trim().is_empty()
        && !f.testo.contains(f.documento.trim())
    {
        out.push(format!(
            "Documento di identità di {} ({}): {}",
            f.nome_firmatario.trim(),
            f.firmatario.label(),
            f.documento.trim()
        ));
    }
    out.extend(patto.correzioni_cm.iter().map(|c| c.describe()));
    out
}

impl Desk {
    /// Replaces the runner of the print command (a test's stand-in).
    pub fn set_command_runner(&self, runner: std::sync::Arc<dyn CommandRunner>) {
        if let Ok(mut r) = self.runner.write() {
            *r = runner;
        }
    }

    /// Sends `file` to the printer chosen in Amministrazione › Studio; with
    /// none ("nessuna") the file is the print.
    pub fn send_to_printer(&self, file: &Path) -> Result<PrintOutcome> {
        let stampante = self.gestori().practice()?.stampante;
        let Some(command) = print_command(&stampante, file) else {
            return Ok(PrintOutcome::SoloFile);
        };
        let runner = self
            .runner
            .read()
            .map(|r| r.clone())
            .map_err(|_| DeskError::from(Refusal::PrintUnavailable))?;
        Ok(match runner.run(&command.program, &command.args) {
            Ok(()) => PrintOutcome::Inviato {
                stampante: stampante.label(),
            },
            Err(motivo) => PrintOutcome::NonRiuscito { motivo },
        })
    }
}

impl Patti<'_> {
    /// A signed Patto di Cura: `patto-<year>-<number>-<CF>-<valid from>`,
    /// PDF and/or text (for receipt printers). The frozen text without the
    /// model note, then what happened after the signature; a revoked Patto is
    /// marked "REVOCATO il ..." on every page.
    pub fn patto_document(&self, id: PattoId, formats: PattoFormats) -> Result<Document> {
        let text = self.signed_patto_text(id)?;
        let patto = self
            .get(id)?
            .ok_or_else(|| DeskError::from(Refusal::PattoNotFound(Some(id))))?;
        let patient = self
            .desk
            .patients()
            .patient(patto.patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        let stem = format!(
            "patto-{}-{}-{}",
            patto
                .numero
                .map(|n| n.file_part())
                .unwrap_or_else(|| format!("id{}", patto.id)),
            patient.codice_fiscale,
            patto
                .valido_dal()
                .map(|d| d.format("%Y%m%d").to_string())
                .unwrap_or_default()
        );
        let mut body = crate::domain::patto_text::without_model_note(&text);
        let notes = annotations(&patto);
        if !notes.is_empty() {
            body.push_str("\nAnnotazioni:\n");
            for note in &notes {
                body.push_str(&format!("- {note}\n"));
            }
        }
        let mark = revocation_mark(&patto);
        let mut files = Vec::new();
        if formats.pdf {
            let mut pdf = Vec::new();
            write_patto_pdf(
                &body,
                &self.desk.gestori().practice()?.nome,
                mark.as_deref(),
                &mut pdf,
            )
            .map_err(pdf_error)?;
            files.push(("pdf", pdf));
        }
        if formats.text {
            let text_body = match &mark {
                Some(m) => format!("*** {m} ***\n\n{body}"),
                None => body.clone(),
            };
            files.push((
                "txt",
                patto_plain_text(&text_body, RECEIPT_WIDTH).into_bytes(),
            ));
        }
        Ok(Document { stem, files })
    }
}

impl PaiPlans<'_> {
    /// A PAI: `pai-<CF>-v<version>`, PDF and FHIR R4 Bundle JSON.
    pub fn pai_document(&self, pai: &Pai) -> Result<Document> {
        let patient = self
            .desk
            .patients()
            .patient(pai.patient)?
            .ok_or_else(|| DeskError::from(Refusal::PatientNotFound(None)))?;
        let text = self.pai_text(pai)?;
        let json = crate::io::fhir::pai_bundle_json(&fhir_input(pai, &patient));
        let mut pdf = Vec::new();
        write_document_pdf(
            &text,
            &self.desk.gestori().practice()?.nome,
            "PAI",
            &[""],
            &mut pdf,
        )
        .map_err(pdf_error)?;
        let json = serde_json::to_string_pretty(&json)
            .map_err(|e| DeskError::internal(super::Internal::JsonWrite, e))?;
        Ok(Document {
            stem: format!("pai-{}-v{}", patient.codice_fiscale, pai.versione),
            files: vec![("pdf", pdf), ("json", json.into_bytes())],
        })
    }
}

/// What the FHIR Bundle needs of the patient: the pathologies from the
/// catalogue, the primary one, and the level (the Region's when known,
/// else the count estimate, marked as such).
fn fhir_input<'a>(pai: &'a Pai, patient: &'a Patient) -> BundleInput<'a> {
    let catalogue = super::pathologies();
    let pathologies = patient
        .patologie
        .iter()
        .map(|code| {
            let known = catalogue.get(code);
            PathologyInput {
                code: code.clone(),
                name: known.map_or_else(|| code.clone(), |p| p.name.clone()),
                icd9cm: known.and_then(|p| p.icd9cm.clone()),
            }
        })
        .collect();
    BundleInput {
        pai,
        patient: PatientInput {
            codice_fiscale: &patient.codice_fiscale,
            cognome: &patient.cognome,
            nome: &patient.nome,
            sesso: patient.sesso,
            data_nascita: patient.data_nascita,
        },
        pathologies,
        primary: patient.patologia_primaria.clone(),
        level: patient.livello_noto().map(|l| match l {
            LivelloNoto::Ats(a) => (a.livello.number(), LevelSource::Ats),
            LivelloNoto::Stima(l) => (l.number(), LevelSource::Estimate),
        }),
        regional_codes: BTreeMap::new(),
    }
}

impl Agenda<'_> {
    /// The day list of one resource or of all: `lista-<YYYYMMDD>`, PDF and text.
    pub fn day_list_document(
        &self,
        day: NaiveDate,
        resource: Option<ResourceId>,
    ) -> Result<Document> {
        let text = self.day_list_text(day, resource)?;
        let mut pdf = Vec::new();
        write_document_pdf(
            &text,
            &self.desk.gestori().practice()?.nome,
            "Lista del giorno",
            &[""],
            &mut pdf,
        )
        .map_err(pdf_error)?;
        Ok(Document {
            stem: format!("lista-{}", day.format("%Y%m%d")),
            files: vec![("pdf", pdf), ("txt", text.into_bytes())],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_print_command_names_the_printer() {
        let file = Path::new("/dati/stampe/patto-2026-0001.pdf");
        assert_eq!(print_command(&Stampante::Nessuna, file), None);
        let named = print_command(&Stampante::Nome("patto".into()), file).unwrap();
        let default = print_command(&Stampante::Predefinita, file).unwrap();
        if cfg!(windows) {
            assert_eq!(named.program, "powershell");
            assert!(named.args[3].contains("-Verb PrintTo"), "{named:?}");
            assert!(default.args[3].ends_with("-Verb Print"), "{default:?}");
        } else {
            assert_eq!(
                named,
                PrintCommand {
                    program: "lp".into(),
                    args: vec!["-d".into(), "patto".into(), file.display().to_string()],
                }
            );
            assert_eq!(default.args, vec![file.display().to_string()]);
        }
    }

    #[test]
    fn an_old_text_without_the_delegate_document_gets_it_as_an_annotation() {
        use crate::domain::patto::{Consensi, FirmaInput, Firmatario, sign};
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut p = PattoDiCura {
            id: 4,
            numero: None,
            patient: 1,
            presa: 2,
            gestore: 3,
            clinical_manager: "Dott. Neri".into(),
            precedente: None,
            rinnovato_da: None,
            creato_il: day,
            stato: PattoStato::Bozza,
            firma: None,
            correzioni_cm: Vec::new(),
        };
        let input = FirmaInput {
            firmatario: Firmatario::Delegato,
            nome_firmatario: "Giulia Sala".into(),
            documento: "CI AB1234567".into(),
            consensi: Consensi {
                trattamento_dati: true,
                ..Default::default()
            },
            operatore: "rossi".into(),
        };
        let at = day.and_hms_opt(10, 0, 0).unwrap();
        let old_text = "Sottoscrive: Giulia Sala, in qualità di delegato\n".to_string();
        sign(&mut p, input.clone(), old_text, at).unwrap();
        assert_eq!(
            annotations(&p),
            vec!["Documento di identità di Giulia Sala (delegato): CI AB1234567".to_string()]
        );
        p.stato = PattoStato::Revocato {
            data: day,
            motivo: "errore".into(),
        };
        assert_eq!(annotations(&p)[0], "REVOCATO il 01/03/2026: errore");
        let mut new = p.clone();
        new.stato = PattoStato::Bozza;
        new.firma = None;
        let text = "Sottoscrive: Giulia Sala, in qualità di delegato, documento di identità CI AB1234567\n";
        sign(&mut new, input, text.into(), at).unwrap();
        assert!(annotations(&new).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn the_system_runner_says_why_a_command_failed() {
        let missing = SystemRunner
            .run("sportello-stampante-inesistente", &[])
            .unwrap_err();
        assert_eq!(
            missing,
            "comando sportello-stampante-inesistente non trovato"
        );
        let failed = SystemRunner
            .run(
                "sh",
                &[
                    "-c".into(),
                    "echo 'lp: nessuna stampante' >&2; exit 3".into(),
                ],
            )
            .unwrap_err();
        assert_eq!(
            failed,
            "sh è terminato con il codice 3: lp: nessuna stampante"
        );
        assert_eq!(SystemRunner.run("true", &[]), Ok(()));
    }
}
