//! The ATS list of MMG aderenti: which family doctors adhere to which Gestore
//! (CSV or XLSX, read like the list of Gestori through [`super::table`]).
//! Columns: the doctor's name (one column, or Cognome and Nome), the Gestore
//! (code or name), and the codice fiscale and codice regionale when present.

use std::collections::{HashMap, HashSet};

use super::table::{ImportError, ListKind, header_columns, header_field, read_table};

/// A doctor of the list and the Gestore they adhere to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MmgAderenteRow {
    /// Line of the file (CSV) or sheet row (XLSX), 1-based.
    pub line: usize,
    /// "Nome Cognome" or as the single column gives it.
    pub nome: String,
    pub codice_fiscale: String,
    pub codice_regionale: String,
    /// The Gestore's code or name, as written.
    pub gestore: String,
}

/// Why a row of the list is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MmgRowProblem {
    /// No doctor's name.
    NoName,
    /// No Gestore.
    NoGestore,
    /// The same doctor already on an earlier line.
    Duplicate { first: usize },
}

/// A row not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MmgRejectedRow {
    pub line: usize,
    pub problem: MmgRowProblem,
    /// The row's cells as read, joined by the separator.
    pub raw: String,
}

/// What the file holds, before it is compared with the Studio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MmgAderentiPreview {
    pub accepted: Vec<MmgAderenteRow>,
    pub rejected: Vec<MmgRejectedRow>,
    pub sheet: Option<String>,
    pub encoding: &'static str,
    pub separator: Option<char>,
    pub header_line: usize,
    /// Header names that mean nothing to the importer, in file order.
    pub ignored_columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    /// The whole name in one column.
    Medico,
    Cognome,
    Nome,
    CodiceFiscale,
    CodiceRegionale,
    Gestore,
}

/// Header names, folded with spaces removed.
const HEADER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::Medico,
        &[
            "MEDICO",
            "MMG",
            "MMGPLS",
            "NOMINATIVO",
            "NOMINATIVOMEDICO",
            "COGNOMEENOME",
            "COGNOMENOME",
            "NOMEECOGNOME",
            "NOMEMEDICO",
            "MEDICODIMEDICINAGENERALE",
        ],
    ),
    (Field::Cognome, &["COGNOME", "COGNOMEMEDICO"]),
    (Field::Nome, &["NOME"]),
    (
        Field::CodiceFiscale,
        &["CODICEFISCALE", "CF", "CODFISCALE", "CODICEFISCALEMEDICO"],
    ),
    (
        Field::CodiceRegionale,
        &[
            "CODICEREGIONALE",
            "CODREGIONALE",
            "CODICEREGIONALEMEDICO",
            "CODICEMEDICO",
            "CODICEMMG",
        ],
    ),
    (
        Field::Gestore,
        &[
            "GESTORE",
            "COOPERATIVA",
            "GESTOREPIC",
            "ENTEGESTORE",
            "DENOMINAZIONEGESTORE",
            "CODICEGESTORE",
            "GESTOREADERENZA",
        ],
    ),
];

/// What the header must hold, for the operator.
fn field_of(header: &str) -> Option<Field> {
    header_field(HEADER_NAMES, header)
}

/// The number of fields recognised, or 0 without a name and a Gestore column.
fn header_score(cells: &[String]) -> usize {
    let fields: HashSet<Field> = cells.iter().filter_map(|c| field_of(c)).collect();
    let name = fields.contains(&Field::Medico) || fields.contains(&Field::Cognome);
    if name && fields.contains(&Field::Gestore) {
        fields.len()
    } else {
        0
    }
}

/// Reads an ATS list of MMG aderenti into a preview; a bad row is a
/// [`MmgRejectedRow`], never an error.
pub fn parse_mmg_aderenti(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
) -> Result<MmgAderentiPreview, ImportError> {
    let table = read_table(bytes, file_name, sheet, &header_score)?;
    let separator = table.separator.unwrap_or(';');
    let header_index = table.header_index(&header_score, ListKind::MmgAderenti)?;
    let header = &table.rows[header_index];
    let (by_field, ignored_columns) = header_columns(HEADER_NAMES, &header.cells);
    // A field named twice: its first column.
    let columns: HashMap<Field, usize> = by_field.into_iter().map(|(f, c)| (f, c[0])).collect();
    let data = &table.rows[header_index + 1..];
    if data.is_empty() {
        return Err(ImportError::NoRows {
            header_line: header.line,
        });
    }
    let value = |f: Field, cells: &[String]| -> String {
        columns
            .get(&f)
            .and_then(|&i| cells.get(i))
            .map(|c| c.trim().to_string())
            .unwrap_or_default()
    };
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in data {
        let cells = &row.cells;
        let nome = match value(Field::Medico, cells) {
            n if !n.is_empty() => n,
            _ => [value(Field::Nome, cells), value(Field::Cognome, cells)]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        let gestore = value(Field::Gestore, cells);
        let codice_fiscale = value(Field::CodiceFiscale, cells).to_uppercase();
        let codice_regionale = value(Field::CodiceRegionale, cells);
        let problem = if nome.is_empty() {
            Some(MmgRowProblem::NoName)
        } else if gestore.is_empty() {
            Some(MmgRowProblem::NoGestore)
        } else {
            let key = if codice_fiscale.is_empty() {
                crate::domain::practice::doctor_key(&nome)
            } else {
                codice_fiscale.clone()
            };
            match seen.get(&key) {
                Some(&first) => Some(MmgRowProblem::Duplicate { first }),
                None => {
                    seen.insert(key, row.line);
                    None
                }
            }
        };
        match problem {
            Some(problem) => rejected.push(MmgRejectedRow {
                line: row.line,
                problem,
                raw: row.raw(separator),
            }),
            None => accepted.push(MmgAderenteRow {
                line: row.line,
                nome,
                codice_fiscale,
                codice_regionale,
                gestore,
            }),
        }
    }
    Ok(MmgAderentiPreview {
        accepted,
        rejected,
        sheet: table.sheet,
        encoding: table.encoding,
        separator: table.separator,
        header_line: header.line,
        ignored_columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_one_or_two_columns_and_bad_rows() {
        let csv = "Elenco MMG aderenti\n\
                   Cognome;Nome;Codice fiscale;Codice regionale;Gestore\n\
                   Sala;Elena;;123456;ES-24-01\n\
                   Riva;Marco;;;Cooperativa Medici Esempio Brianza (fittizia)\n\
                   ;;;;ES-24-01\n\
                   Neri;Paolo;;;\n\
                   Sala;Elena;;;ES-21-01\n";
        let p = parse_mmg_aderenti(csv.as_bytes(), "mmg.csv", None).unwrap();
        assert_eq!(p.header_line, 2);
        let names: Vec<_> = p.accepted.iter().map(|r| r.nome.as_str()).collect();
        assert_eq!(names, ["Elena Sala", "Marco Riva"]);
        assert_eq!(p.accepted[0].codice_regionale, "123456");
        assert_eq!(p.accepted[0].gestore, "ES-24-01");
        let problems: Vec<_> = p.rejected.iter().map(|r| (r.line, &r.problem)).collect();
        assert_eq!(
            problems,
            [
                (5, &MmgRowProblem::NoName),
                (6, &MmgRowProblem::NoGestore),
                (7, &MmgRowProblem::Duplicate { first: 3 }),
            ]
        );
    }

    #[test]
    fn a_file_without_the_gestore_column_is_refused() {
        let csv = "Medico;Telefono\nDott. Rossi;02 1234\n";
        let e = parse_mmg_aderenti(csv.as_bytes(), "mmg.csv", None).unwrap_err();
        assert!(matches!(e, ImportError::NoHeader { .. }), "{e:?}");
    }
}
