//! The pathology catalogue: data the practice imports or edits. The app ships a
//! small starter catalogue, clearly labelled as such (the official regional list
//! of the 65 chronic pathologies is not available to us).

use std::sync::OnceLock;

/// Label shown wherever the starter catalogue is in use.
pub const STARTER_LABEL: &str = "catalogo iniziale, da sostituire con l'elenco ufficiale";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pathology {
    pub code: String,
    pub name: String,
    pub icd9cm: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("Riga {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error("Intestazione non valida: attese le colonne codice,nome,icd9cm,attivo")]
    Header,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    items: Vec<Pathology>,
}

impl Catalogue {
    /// The starter catalogue embedded in the binary.
    pub fn starter() -> &'static Catalogue {
        static STARTER: OnceLock<Catalogue> = OnceLock::new();
        STARTER.get_or_init(|| {
            Catalogue::parse_csv(include_str!("../../assets/patologie.csv")).unwrap_or_default()
        })
    }

    /// Parses `codice,nome,icd9cm,attivo` CSV text.
    pub fn parse_csv(text: &str) -> Result<Catalogue, CatalogueError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header_ok = reader
            .headers()
            .map(|h| h.iter().take(2).eq(["codice", "nome"]))
            .unwrap_or(false);
        if !header_ok {
            return Err(CatalogueError::Header);
        }
        let mut items = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let line = index + 2;
            let record = record.map_err(|e| CatalogueError::Line {
                line,
                reason: e.to_string(),
            })?;
            let code = record.get(0).unwrap_or("").to_uppercase();
            let name = record.get(1).unwrap_or("").to_string();
            if code.is_empty() || name.is_empty() {
                return Err(CatalogueError::Line {
                    line,
                    reason: "codice e nome sono obbligatori".into(),
                });
            }
            let icd9cm = record.get(2).filter(|s| !s.is_empty()).map(str::to_string);
            let active = record.get(3).is_none_or(|s| s != "0");
            items.push(Pathology {
                code,
                name,
                icd9cm,
                active,
            });
        }
        Ok(Catalogue { items })
    }

    pub fn get(&self, code: &str) -> Option<&Pathology> {
        self.items
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(code))
    }

    pub fn items(&self) -> &[Pathology] {
        &self.items
    }

    /// The name of a pathology code, or the code itself when it is not in the catalogue.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.get(code).map_or(code, |p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_catalogue_has_the_common_conditions() {
        let c = Catalogue::starter();
        assert_eq!(c.items().len(), 15);
        assert_eq!(c.name_of("DM2"), "Diabete mellito tipo 2");
        assert_eq!(
            c.get("ipa").map(|p| p.icd9cm.clone()),
            Some(Some("401".into()))
        );
        assert_eq!(c.name_of("XYZ"), "XYZ");
    }

    #[test]
    fn bad_catalogue_lines_are_reported_with_their_number() {
        let err = Catalogue::parse_csv("codice,nome,icd9cm,attivo\nA,Uno,,1\n,Senza codice,,1\n");
        assert_eq!(
            err,
            Err(CatalogueError::Line {
                line: 3,
                reason: "codice e nome sono obbligatori".into()
            })
        );
        assert_eq!(
            Catalogue::parse_csv("x,y\n1,2\n"),
            Err(CatalogueError::Header)
        );
    }
}
