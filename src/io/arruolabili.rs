//! The ATS list of arruolabili (the MMG's chronic patients eligible for the
//! programme): read from CSV or XLSX through [`super::table`] (the same
//! encodings, separators and workbook reading as the Gestori list) into a
//! preview of accepted and rejected rows; and the invitation letter's text.
//!
//! Nothing here touches the store: the service compares the preview with the
//! worklist and writes it.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::arruolabili::{
    Arruolabile, Recapiti, codici_from_text, is_sgdt_code, livello_from_text,
};
use crate::domain::codice_fiscale::{CfError, CodiceFiscale};

use super::table::{ImportError, ListKind, Row, header_columns, header_field, read_table};

/// The columns the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    CodiceFiscale,
    Cognome,
    Nome,
    Livello,
    Primaria,
    Patologie,
}

/// Header names (folded: upper case, no accents, no spaces) of each field.
const HEADER_NAMES: [(Field, &[&str]); 6] = [
    (
        Field::CodiceFiscale,
        &[
            "CODICEFISCALE",
            "CF",
            "CODFISC",
            "CODFISCALE",
            "CODICEFISCALEASSISTITO",
            "CFASSISTITO",
        ],
    ),
    (Field::Cognome, &["COGNOME", "COGNOMEASSISTITO"]),
    (Field::Nome, &["NOME", "NOMEASSISTITO"]),
    (
        Field::Livello,
        &[
            "LIVELLO",
            "LIVELLOGRAVITA",
            "LIVELLODIGRAVITA",
            "LIVELLODICRONICITA",
            "LIVELLOATS",
        ],
    ),
    (
        Field::Primaria,
        &[
            "PATOLOGIAPRIMARIA",
            "PATOLOGIAPRINCIPALE",
            "PRIMARIA",
            "CODICEPATOLOGIAPRIMARIA",
        ],
    ),
    (
        Field::Patologie,
        &[
            "PATOLOGIE",
            "PATOLOGIESECONDARIE",
            "ALTREPATOLOGIE",
            "COMORBIDITA",
            "CODICIPATOLOGIE",
        ],
    ),
];

/// What a header must hold, said when none is found.
/// Why a row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    CfMissing,
    CfInvalid(CfError),
    NamesMissing,
    /// The same person (same de-omocoded codice fiscale) on an earlier line.
    Duplicate {
        first_line: usize,
    },
}

/// Something to check in a row imported anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowWarning {
    /// The level cell is not 1, 2 or 3: the row is kept without a level.
    LivelloNonValido(String),
    /// A pathology code outside the Region's 1..65: kept as written.
    CodiceNonSgdt(String),
}

/// A row that can be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedRow {
    pub line: usize,
    pub codice_fiscale: String,
    pub cognome: String,
    pub nome: String,
    pub livello: Option<u8>,
    pub patologia_primaria: Option<String>,
    pub patologie: Vec<String>,
    pub warnings: Vec<RowWarning>,
}

impl AcceptedRow {
    /// The worklist row this line gives, imported on `today`.
    pub fn to_arruolabile(&self, today: NaiveDate) -> Arruolabile {
        Arruolabile {
            codice_fiscale: self.codice_fiscale.clone(),
            cognome: self.cognome.clone(),
            nome: self.nome.clone(),
            livello: self.livello,
            patologia_primaria: self.patologia_primaria.clone(),
            patologie: self.patologie.clone(),
            patient: None,
            importato_il: today,
            aggiornato_il: today,
            contatto: None,
            patto_firmato: None,
        }
    }
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    pub line: usize,
    pub problem: RowProblem,
    /// The row's cells as read, joined by the separator.
    pub raw: String,
}

/// What an import would read, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub accepted: Vec<AcceptedRow>,
    pub rejected: Vec<RejectedRow>,
    pub sheet: Option<String>,
    pub encoding: &'static str,
    pub separator: Option<char>,
    pub header_line: usize,
}

fn field_of(header: &str) -> Option<Field> {
    header_field(&HEADER_NAMES, header)
}

/// The codice fiscale and a name are needed to call a row a header.
fn header_score(cells: &[String]) -> usize {
    let fields: HashSet<Field> = cells.iter().filter_map(|c| field_of(c)).collect();
    if fields.contains(&Field::CodiceFiscale)
        && (fields.contains(&Field::Cognome) || fields.contains(&Field::Nome))
    {
        fields.len()
    } else {
        0
    }
}

/// Reads an ATS list of arruolabili into a preview. A bad row is a
/// [`RejectedRow`], never an error.
pub fn parse_arruolabili(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
) -> Result<Preview, ImportError> {
    let table = read_table(bytes, file_name, sheet, &header_score)?;
    let separator = table.separator.unwrap_or(';');
    let header_index = table.header_index(&header_score, ListKind::Arruolabili)?;
    let header = &table.rows[header_index];
    let (by_field, _) = header_columns(&HEADER_NAMES, &header.cells);
    // A field named twice: its first column.
    let columns: HashMap<Field, usize> = by_field.into_iter().map(|(f, c)| (f, c[0])).collect();
    let data = &table.rows[header_index + 1..];
    if data.is_empty() {
        return Err(ImportError::NoRows {
            header_line: header.line,
        });
    }
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in data {
        match read_row(row, &columns, &mut seen) {
            Ok(a) => accepted.push(a),
            Err(problem) => rejected.push(RejectedRow {
                line: row.line,
                problem,
                raw: row.raw(separator),
            }),
        }
    }
    Ok(Preview {
        accepted,
        rejected,
        sheet: table.sheet,
        encoding: table.encoding,
        separator: table.separator,
        header_line: header.line,
    })
}

fn read_row(
    row: &Row,
    columns: &HashMap<Field, usize>,
    seen: &mut HashMap<String, usize>,
) -> Result<AcceptedRow, RowProblem> {
    let get = |f: Field| {
        columns
            .get(&f)
            .and_then(|&i| row.cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    };
    let cf_text = get(Field::CodiceFiscale);
    if cf_text.is_empty() {
        return Err(RowProblem::CfMissing);
    }
    let cf = CodiceFiscale::parse(cf_text, crate::io::tables::comuni())
        .map_err(RowProblem::CfInvalid)?;
    let cognome = get(Field::Cognome).to_string();
    let nome = get(Field::Nome).to_string();
    if cognome.is_empty() || nome.is_empty() {
        return Err(RowProblem::NamesMissing);
    }
    let key = cf.normalized();
    if let Some(&first_line) = seen.get(&key) {
        return Err(RowProblem::Duplicate { first_line });
    }
    seen.insert(key, row.line);
    let mut warnings = Vec::new();
    let livello_text = get(Field::Livello);
    let livello = livello_from_text(livello_text);
    if livello.is_none() && !livello_text.is_empty() {
        warnings.push(RowWarning::LivelloNonValido(livello_text.to_string()));
    }
    let patologia_primaria = codici_from_text(get(Field::Primaria)).into_iter().next();
    let patologie: Vec<String> = codici_from_text(get(Field::Patologie))
        .into_iter()
        .filter(|c| Some(c) != patologia_primaria.as_ref())
        .collect();
    for code in patologia_primaria.iter().chain(patologie.iter()) {
        if !is_sgdt_code(code) {
            warnings.push(RowWarning::CodiceNonSgdt(code.clone()));
        }
    }
    Ok(AcceptedRow {
        line: row.line,
        codice_fiscale: cf.as_str().to_string(),
        cognome,
        nome,
        livello,
        patologia_primaria,
        patologie,
        warnings,
    })
}

/// What the invitation letter names of the practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Studio {
    pub nome: String,
    /// The comune's name.
    pub comune: String,
    /// The doctor who invites.
    pub mmg: String,
    pub recapiti: Recapiti,
}

/// The invitation letter to join the programme, in Italian (the patient
/// reads it), for the patient of `row`, dated `today`.
pub fn invitation_text(studio: &Studio, row: &Arruolabile, today: NaiveDate) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(studio.nome.trim());
    if !studio.mmg.trim().is_empty() {
        line(&format!(
            "Medico di medicina generale: {}",
            studio.mmg.trim()
        ));
    }
    let r = &studio.recapiti;
    if !r.indirizzo.trim().is_empty() {
        line(r.indirizzo.trim());
    }
    if !r.telefono.trim().is_empty() {
        line(&format!("Telefono: {}", r.telefono.trim()));
    }
    if !r.orari.trim().is_empty() {
        line(&format!("Orari: {}", r.orari.trim()));
    }
    line("");
    let luogo = if studio.comune.trim().is_empty() {
        String::new()
    } else {
        format!("{}, ", studio.comune.trim())
    };
    line(&format!("{luogo}{}", today.format("%d/%m/%Y")));
    line("");
    line(&format!(
        "Gentile {} {}",
        row.nome.trim(),
        row.cognome.trim()
    ));
    line(&format!("Codice fiscale: {}", row.codice_fiscale));
    line("");
    line("Oggetto: invito alla presa in carico della cronicità");
    line("");
    line("la Regione Lombardia, tramite la sua ATS, ci ha segnalato che Lei può aderire");
    line("al percorso di presa in carico dei pazienti cronici: un Patto di Cura di un");
    line("anno e un Piano di Assistenza Individuale (PAI) con le visite, gli esami e le");
    line("terapie di cui ha bisogno, prenotati e ricordati dal nostro studio.");
    line("");
    line("Aderire è gratuito e volontario. La invitiamo a contattare lo studio per un");
    line("appuntamento, portando la tessera sanitaria e un documento di identità.");
    if !r.telefono.trim().is_empty() {
        line(&format!("Può chiamarci al numero {}.", r.telefono.trim()));
    }
    line("");
    line("Cordiali saluti");
    line("");
    if studio.mmg.trim().is_empty() {
        line(studio.nome.trim());
    } else {
        line(studio.mmg.trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "Elenco arruolabili ATS Milano\n\
        Codice fiscale;Cognome;Nome;Livello;Patologia primaria;Patologie\n\
        RSSMRA68A01H501Y;Rossi;Mario;2;56;48, 60\n\
        RSSMRA68A01H501X;Verdi;Luca;1;50;\n\
        MRTMRA83T56A269B;Martini;Maria;5;56;IPA\n\
        ;Bianchi;Anna;3;56;\n\
        RSSMRA68A01H501Y;Rossi;Mario;2;56;48\n";

    #[test]
    fn a_list_reads_into_accepted_and_rejected_rows() {
        let p = parse_arruolabili(CSV.as_bytes(), "lista.csv", None).unwrap();
        assert_eq!(p.header_line, 2);
        assert_eq!(p.accepted.len(), 2);
        let a = &p.accepted[0];
        assert_eq!(a.line, 3);
        assert_eq!(a.codice_fiscale, "RSSMRA68A01H501Y");
        assert_eq!(a.livello, Some(2));
        assert_eq!(a.patologia_primaria.as_deref(), Some("56"));
        assert_eq!(a.patologie, vec!["48", "60"]);
        assert!(a.warnings.is_empty());
        let b = &p.accepted[1];
        assert_eq!(b.livello, None);
        assert_eq!(
            b.warnings,
            vec![
                RowWarning::LivelloNonValido("5".into()),
                RowWarning::CodiceNonSgdt("IPA".into())
            ]
        );
        let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 6, 7]);
        assert!(matches!(p.rejected[0].problem, RowProblem::CfInvalid(_)));
        assert_eq!(p.rejected[1].problem, RowProblem::CfMissing);
        assert_eq!(
            p.rejected[2].problem,
            RowProblem::Duplicate { first_line: 3 }
        );
    }

    #[test]
    fn the_invitation_names_the_practice_and_the_patient() {
        let p = parse_arruolabili(CSV.as_bytes(), "lista.csv", None).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let row = p.accepted[0].to_arruolabile(today);
        let studio = Studio {
            nome: "Studio Medico Associato".into(),
            comune: "Milano".into(),
            mmg: "Dott. Bianchi".into(),
            recapiti: Recapiti {
                indirizzo: "Via Roma 1, 20121 Milano".into(),
                telefono: "02 1234567".into(),
                orari: String::new(),
            },
        };
        let text = invitation_text(&studio, &row, today);
        assert!(text.starts_with("Studio Medico Associato\nMedico di medicina generale: Dott. Bianchi\nVia Roma 1, 20121 Milano\nTelefono: 02 1234567\n\nMilano, 02/03/2026\n"), "{text}");
        assert!(text.contains("Gentile Mario Rossi\nCodice fiscale: RSSMRA68A01H501Y\n"));
        assert!(text.contains("Può chiamarci al numero 02 1234567."));
        assert!(text.ends_with("Cordiali saluti\n\nDott. Bianchi\n"));
    }
}
