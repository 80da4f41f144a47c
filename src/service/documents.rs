//! The documents the desk prints and exports (Patto di Cura, PAI, day list),
//! built once here for both the screens and the command line: the same file
//! names, the same renderings.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Desk, DeskError, Result, invalid};
use crate::domain::PattoId;
use crate::domain::agenda::ResourceId;
use crate::domain::pai::Pai;
use crate::io::patto::{patto_plain_text, write_document_pdf, write_patto_pdf};

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
    DeskError::Invalid(e.to_string())
}

impl Desk {
    /// A signed Patto di Cura: `patto-<CF>-<valid from>`, PDF and/or text
    /// (for receipt printers).
    pub fn patto_document(&self, id: PattoId, formats: PattoFormats) -> Result<Document> {
        let text = self.signed_patto_text(id)?;
        let patto = self
            .patto(id)?
            .ok_or_else(|| invalid(format!("Patto di Cura {id} non trovato")))?;
        let patient = self
            .patient(patto.patient)?
            .ok_or_else(|| invalid("Paziente non trovato"))?;
        let stem = format!(
            "patto-{}-{}",
            patient.codice_fiscale,
            patto
                .valido_dal()
                .map(|d| d.format("%Y%m%d").to_string())
                .unwrap_or_default()
        );
        let mut files = Vec::new();
        if formats.pdf {
            let mut pdf = Vec::new();
            write_patto_pdf(&text, &self.practice()?.nome, &mut pdf).map_err(pdf_error)?;
            files.push(("pdf", pdf));
        }
        if formats.text {
            files.push(("txt", patto_plain_text(&text, RECEIPT_WIDTH).into_bytes()));
        }
        Ok(Document { stem, files })
    }

    /// A PAI: `pai-<CF>-v<version>`, PDF and FHIR CarePlan JSON.
    pub fn pai_document(&self, pai: &Pai) -> Result<Document> {
        let patient = self
            .patient(pai.patient)?
            .ok_or_else(|| invalid("Paziente non trovato"))?;
        let text = self.pai_text(pai)?;
        let name = format!("{} {}", patient.cognome, patient.nome);
        let json = crate::io::fhir::care_plan_json(pai, &patient.codice_fiscale, &name);
        let mut pdf = Vec::new();
        write_document_pdf(&text, &self.practice()?.nome, "PAI", &[""], &mut pdf)
            .map_err(pdf_error)?;
        let json = serde_json::to_string_pretty(&json).map_err(|e| invalid(e.to_string()))?;
        Ok(Document {
            stem: format!("pai-{}-v{}", patient.codice_fiscale, pai.versione),
            files: vec![("pdf", pdf), ("json", json.into_bytes())],
        })
    }

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
            &self.practice()?.nome,
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
