//! The ATS list of Gestori idonei: import (CSV or XLSX, as each ATS publishes it) into a
//! preview of accepted and rejected rows, and export as UTF-8 CSV with the same header names,
//! so that an exported list imports back unchanged.
//!
//! Nothing here touches the store: the service layer shows the preview and writes the
//! accepted rows in one transaction.

use std::collections::{HashMap, HashSet};

use crate::domain::ats::Ats;
use crate::domain::codice_fiscale::check_char;
use crate::domain::gestore::FieldTooLong;
use crate::domain::text::fold;
use crate::domain::{Gestore, GestoreTipo};
use crate::io::tables::ats_table;

use super::csv_cell::export_cell;
pub use super::table::{FormatHint, ImportError, MAX_FILE_BYTES, Unreadable};
use super::table::{ListKind, Row, header_columns, header_field, read_table};

/// The sample list shipped with the program (fictional subjects, every ATS).
pub const SAMPLE_CSV: &str = include_str!("../../assets/gestori-esempio.csv");

/// The header written by [`write_gestori_csv`], in order; the importer recognises every name.
pub const EXPORT_HEADER: [&str; 12] = [
    "ATS",
    "Codice",
    "Denominazione",
    "Tipologia",
    "Indirizzo",
    "Comune",
    "Telefono",
    "Email",
    "Referente",
    "CF/P.IVA",
    "Livelli",
    "Idoneo",
];

/// What the operator chose on the command line or on the import screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// `--ats CODE` (or an ATS name): the ATS of the rows that have no ATS of their own.
    pub ats: Option<String>,
    /// The sheet of a workbook to read (case and accents ignored); default the first.
    pub sheet: Option<String>,
}

/// A row that can be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedRow {
    /// Line of the file (CSV) or sheet row (XLSX), 1-based.
    pub line: usize,
    /// `id` 0, `non_idoneo_dal` `None`, `fittizio` false.
    pub gestore: Gestore,
    /// Things to check; the row is imported anyway.
    pub warnings: Vec<RowWarning>,
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    /// Line of the file (CSV) or sheet row (XLSX), 1-based.
    pub line: usize,
    /// What to fix.
    pub reason: RowRejection,
    /// The row's cells as read, joined by the separator (`;` for a workbook).
    pub raw: String,
}

/// Why a row of the list is not imported. `Display` is the Italian text;
/// the interface renders it by language (`texts::gestori_row_rejection`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowRejection {
    NoDenominazione,
    /// The Idoneo column says no (`value` as written).
    NotIdoneo {
        value: String,
    },
    /// No ATS on the row and no `--ats`.
    NoAts,
    /// An ATS that is neither a code nor a name.
    UnknownAts {
        value: String,
    },
    /// Digits that end no ATS code.
    AtsDigitsUnknown {
        digits: String,
    },
    /// Digits that end several ATS codes.
    AtsDigitsAmbiguous {
        digits: String,
        codes: Vec<String>,
    },
    TooLong(FieldTooLong),
    /// The same subject as the row at line `first`.
    Duplicate {
        first: usize,
        same: SameAs,
    },
}

/// What a duplicate row shares with the earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameAs {
    /// The same name in the same ATS.
    Name,
    Codice(String),
    CfPiva(String),
}

/// Something to check on a row that is imported anyway. `Display` is the
/// Italian text; the interface renders it by language
/// (`texts::gestori_row_warning`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowWarning {
    /// An Idoneo value not understood: taken as idoneo.
    IdoneoUnrecognised {
        value: String,
    },
    /// An ATS code that lost its leading zeros.
    AtsZerosLost {
        read: String,
        code: String,
    },
    /// The row names another ATS than `--ats`.
    AtsOtherThanOption {
        name: String,
        code: String,
        option: String,
    },
    /// A tipologia not understood: recorded as "Altro".
    TipoUnrecognised {
        value: String,
    },
    EmailWithoutAt {
        value: String,
    },
    /// Levels not understood: taken as all.
    LivelliUnrecognised {
        value: String,
    },
    /// Values past the header's last column, ignored.
    BeyondHeader,
    /// A P.IVA that lost its leading zeros.
    PivaZerosLost {
        read: String,
        padded: String,
    },
    PivaCheckDigit {
        value: String,
    },
    CfCheckChar {
        value: String,
    },
    /// Neither 11 digits nor 16 characters.
    CfPivaInvalid {
        value: String,
    },
}

impl std::fmt::Display for RowRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowRejection::NoDenominazione => f.write_str("manca la denominazione"),
            RowRejection::NotIdoneo { value } => write!(
                f,
                "gestore non idoneo (colonna Idoneo: \"{value}\"): non importato"
            ),
            RowRejection::NoAts => f.write_str("ATS mancante: usare --ats CODICE"),
            RowRejection::UnknownAts { value } => write!(
                f,
                "ATS \"{value}\" sconosciuta: usare un codice da 030321 a 030328 o il nome dell'ATS"
            ),
            RowRejection::AtsDigitsUnknown { digits } => write!(
                f,
                "ATS \"{digits}\" sconosciuta: nessun codice da 030321 a 030328 finisce così"
            ),
            RowRejection::AtsDigitsAmbiguous { digits, codes } => write!(
                f,
                "ATS \"{digits}\" ambigua (zeri iniziali persi?): può essere {}",
                codes.join(", ")
            ),
            RowRejection::TooLong(e) => e.fmt(f),
            RowRejection::Duplicate { first, same } => {
                let what = match same {
                    SameAs::Name => "stessa denominazione e ATS".to_owned(),
                    SameAs::Codice(c) => format!("stesso codice {c}"),
                    SameAs::CfPiva(c) => format!("stesso CF/P.IVA {c}"),
                };
                write!(f, "riga duplicata della riga {first} ({what})")
            }
        }
    }
}

impl std::fmt::Display for RowWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use RowWarning as W;
        match self {
            W::IdoneoUnrecognised { value } => write!(
                f,
                "valore di idoneità \"{value}\" non riconosciuto: considerato idoneo"
            ),
            W::AtsZerosLost { read, code } => {
                write!(
                    f,
                    "ATS {read} letto come {code}: zeri iniziali persi (Excel)"
                )
            }
            W::AtsOtherThanOption { name, code, option } => write!(
                f,
                "la riga indica {name} ({code}), diversa dall'ATS scelta con --ats ({option})"
            ),
            W::TipoUnrecognised { value } => write!(
                f,
                "tipologia \"{value}\" non riconosciuta: registrata come \"Altro\""
            ),
            W::EmailWithoutAt { value } => write!(f, "e-mail \"{value}\" senza @: controllare"),
            W::LivelliUnrecognised { value } => write!(
                f,
                "livelli \"{value}\" non riconosciuti: considerati tutti (1, 2 e 3)"
            ),
            W::BeyondHeader => {
                f.write_str("valori oltre l'ultima colonna dell'intestazione: ignorati")
            }
            W::PivaZerosLost { read, padded } => write!(
                f,
                "P.IVA {read} letta come {padded}: zeri iniziali persi (Excel)"
            ),
            W::PivaCheckDigit { value } => write!(
                f,
                "partita IVA {value}: cifra di controllo errata, controllare"
            ),
            W::CfCheckChar { value } => write!(
                f,
                "codice fiscale {value}: carattere di controllo errato, controllare"
            ),
            W::CfPivaInvalid { value } => write!(
                f,
                "CF/P.IVA \"{value}\" non valido: servono 11 cifre (partita IVA) o 16 caratteri (codice fiscale)"
            ),
        }
    }
}

impl PartialEq<&str> for RowWarning {
    /// Compares the Italian text.
    #[allow(clippy::cmp_owned, reason = "the text is made to be compared")]
    fn eq(&self, other: &&str) -> bool {
        self.to_string() == *other
    }
}

impl PartialEq<&str> for RowRejection {
    /// Compares the Italian text.
    #[allow(clippy::cmp_owned, reason = "the text is made to be compared")]
    fn eq(&self, other: &&str) -> bool {
        self.to_string() == *other
    }
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    pub accepted: Vec<AcceptedRow>,
    pub rejected: Vec<RejectedRow>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// "UTF-8", "Windows-1252", "UTF-16LE", "UTF-16BE" (CSV) or "XLSX".
    pub encoding: &'static str,
    /// The CSV separator detected; `None` for a workbook.
    pub separator: Option<char>,
    /// Line (or sheet row) of the header.
    pub header_line: usize,
    /// Header names that mean nothing to the importer, in file order.
    pub ignored_columns: Vec<String>,
    /// The header an export of this list writes: for each column of
    /// [`EXPORT_HEADER`], the name this file gave it (the first such column),
    /// or the default name when the file has no such column.
    pub export_header: Vec<String>,
}

/// The field of each column of [`EXPORT_HEADER`], in order; the e-mail
/// column is the file's Email column, or else its PEC one.
const EXPORT_FIELDS: [&[Field]; 12] = [
    &[Field::Ats],
    &[Field::Codice],
    &[Field::Denominazione],
    &[Field::Tipo],
    &[Field::Indirizzo],
    &[Field::Comune],
    &[Field::Telefono],
    &[Field::Email, Field::Pec],
    &[Field::Referente],
    &[Field::CfPiva],
    &[Field::Livelli],
    &[Field::Idoneo],
];

/// The export header of a file whose header row is `header`: see
/// [`ImportPreview::export_header`].
fn export_header_of(header: &[String]) -> Vec<String> {
    EXPORT_FIELDS
        .iter()
        .zip(EXPORT_HEADER)
        .map(|(fields, default)| {
            fields
                .iter()
                .find_map(|f| {
                    header
                        .iter()
                        .find(|name| field_of(name) == Some(*f))
                        .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
                })
                .unwrap_or_else(|| default.to_owned())
        })
        .collect()
}

/// Whether `header` is a header [`write_gestori_csv_with`] can write: one
/// name per column of [`EXPORT_HEADER`], each read back as that column.
pub fn is_export_header(header: &[String]) -> bool {
    header.len() == EXPORT_HEADER.len()
        && header
            .iter()
            .zip(EXPORT_FIELDS)
            .all(|(name, fields)| field_of(name).is_some_and(|f| fields.contains(&f)))
}

/// What a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Denominazione,
    Tipo,
    Indirizzo,
    Comune,
    Telefono,
    Email,
    Pec,
    Referente,
    Codice,
    CfPiva,
    Ats,
    Livelli,
    Idoneo,
}

/// Header names, folded with spaces removed ("E-mail" -> "EMAIL", "CF/P.IVA" -> "CFPIVA").
const HEADER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::Denominazione,
        &[
            "DENOMINAZIONE",
            "RAGIONESOCIALE",
            "NOME",
            "GESTORE",
            "ENTE",
            "DENOMINAZIONEGESTORE",
            "DENOMINAZIONEENTE",
            "DENOMINAZIONESOCIALE",
            "NOMEGESTORE",
            "ENTEGESTORE",
            "SOGGETTO",
            "SOGGETTOGESTORE",
            "GESTOREIDONEO",
        ],
    ),
    (
        Field::Tipo,
        &[
            "TIPOLOGIA",
            "TIPO",
            "NATURAGIURIDICA",
            "FORMAGIURIDICA",
            "TIPOLOGIAGESTORE",
            "TIPOGESTORE",
            "TIPOLOGIAENTE",
            "TIPOLOGIASOGGETTO",
        ],
    ),
    (
        Field::Indirizzo,
        &[
            "SEDE",
            "INDIRIZZO",
            "SEDELEGALE",
            "SEDEOPERATIVA",
            "INDIRIZZOSEDE",
            "INDIRIZZOSEDELEGALE",
            "INDIRIZZOSEDEOPERATIVA",
        ],
    ),
    (
        Field::Comune,
        &[
            "COMUNE",
            "CITTA",
            "LOCALITA",
            "COMUNESEDE",
            "COMUNESEDELEGALE",
            "COMUNESEDEOPERATIVA",
        ],
    ),
    (
        Field::Telefono,
        &[
            "TELEFONO",
            "TEL",
            "RECAPITOTELEFONICO",
            "NUMERODITELEFONO",
            "NUMEROTELEFONO",
            "TELEFONOCENTROSERVIZI",
        ],
    ),
    (
        Field::Email,
        &[
            "EMAIL",
            "MAIL",
            "POSTAELETTRONICA",
            "INDIRIZZOEMAIL",
            "EMAILPEC",
            "INDIRIZZODIPOSTAELETTRONICA",
        ],
    ),
    (
        Field::Pec,
        &["PEC", "POSTAELETTRONICACERTIFICATA", "INDIRIZZOPEC"],
    ),
    (
        Field::Referente,
        &[
            "REFERENTE",
            "RESPONSABILE",
            "CONTATTO",
            "NOMEREFERENTE",
            "NOMINATIVOREFERENTE",
            "PERSONADIRIFERIMENTO",
            "REFERENTEGESTORE",
        ],
    ),
    (
        Field::Codice,
        &[
            "CODICE",
            "COD",
            "CODICEGESTORE",
            "CODGESTORE",
            "ID",
            "IDGESTORE",
            "CODICEENTE",
            "CODICEIDENTIFICATIVO",
        ],
    ),
    (
        Field::CfPiva,
        &[
            "CF",
            "CODICEFISCALE",
            "PIVA",
            "PARTITAIVA",
            "CFPIVA",
            "PIVACF",
            "CODICEFISCALEPARTITAIVA",
            "PARTITAIVACODICEFISCALE",
            "CODICEFISCALEPIVA",
        ],
    ),
    (
        Field::Ats,
        &[
            "ATS",
            "CODICEATS",
            "CODATS",
            "ATSDIRIFERIMENTO",
            "ATSCOMPETENTE",
            "DENOMINAZIONEATS",
        ],
    ),
    (
        Field::Livelli,
        &[
            "LIVELLI",
            "LIVELLO",
            "LIVELLIDIPRESAINCARICO",
            "LIVELLIPRESAINCARICO",
            "LIVELLIGESTITI",
            "LIVELLODICRONICITA",
        ],
    ),
    (Field::Idoneo, &["IDONEO", "IDONEITA", "IDONEA"]),
];

/// The meaning of a header cell, if any.
fn field_of(header: &str) -> Option<Field> {
    header_field(HEADER_NAMES, header)
}

/// How good a header `cells` is: the number of distinct fields recognised, or 0 unless
/// Denominazione and at least one other field are there.
fn header_score(cells: &[String]) -> usize {
    let fields: HashSet<Field> = cells.iter().filter_map(|c| field_of(c)).collect();
    if fields.contains(&Field::Denominazione) && fields.len() >= 2 {
        fields.len()
    } else {
        0
    }
}

/// The columns of each field in a header (a field may appear twice: "Sede legale" and
/// "Sede operativa"; the first non-empty value wins).
struct Columns {
    by_field: HashMap<Field, Vec<usize>>,
    width: usize,
}

impl Columns {
    fn new(header: &[String]) -> (Columns, Vec<String>) {
        let (by_field, ignored) = header_columns(HEADER_NAMES, header);
        let columns = Columns {
            by_field,
            width: header.len(),
        };
        (columns, ignored)
    }

    fn value<'r>(&self, field: Field, cells: &'r [String]) -> &'r str {
        self.by_field
            .get(&field)
            .into_iter()
            .flatten()
            .filter_map(|&i| cells.get(i))
            .map(String::as_str)
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }
}

/// Reads an ATS list of Gestori idonei into a preview. `file_name` helps tell the format
/// (the content decides first). Errors concern the whole file; a bad row is a
/// [`RejectedRow`], never an error, and never a panic.
pub fn parse_gestori(
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
) -> Result<ImportPreview, ImportError> {
    let default_ats = match opts.ats.as_deref().map(str::trim) {
        Some(value) if !value.is_empty() => {
            Some(
                resolve_ats(value).ok_or_else(|| ImportError::UnknownAtsOption {
                    value: value.to_owned(),
                })?,
            )
        }
        _ => None,
    };
    let table = read_table(bytes, file_name, opts.sheet.as_deref(), &header_score)?;
    let separator = table.separator.unwrap_or(';');
    let header_index = table.header_index(&header_score, ListKind::Gestori)?;
    let header = &table.rows[header_index];
    let (columns, ignored_columns) = Columns::new(&header.cells);
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
        match read_row(row, &columns, default_ats, &mut seen) {
            Ok((gestore, warnings)) => accepted.push(AcceptedRow {
                line: row.line,
                gestore,
                warnings,
            }),
            Err(reason) => rejected.push(RejectedRow {
                line: row.line,
                reason,
                raw: row.raw(separator),
            }),
        }
    }
    Ok(ImportPreview {
        accepted,
        rejected,
        sheet: table.sheet,
        encoding: table.encoding,
        separator: table.separator,
        header_line: header.line,
        ignored_columns,
        export_header: export_header_of(&header.cells),
    })
}

/// One data row: the Gestore and its warnings, or the reason to reject it. `seen` maps the
/// duplicate keys of the rows accepted so far to their lines.
fn read_row(
    row: &Row,
    columns: &Columns,
    default_ats: Option<&'static Ats>,
    seen: &mut HashMap<String, usize>,
) -> Result<(Gestore, Vec<RowWarning>), RowRejection> {
    let get = |field| columns.value(field, &row.cells);
    let mut warnings = Vec::new();

    let denominazione = get(Field::Denominazione);
    if denominazione.is_empty() {
        return Err(RowRejection::NoDenominazione);
    }
    let idoneo = get(Field::Idoneo);
    match idoneo_from_text(idoneo) {
        Some(true) => {}
        Some(false) => {
            return Err(RowRejection::NotIdoneo {
                value: idoneo.to_owned(),
            });
        }
        None => warnings.push(RowWarning::IdoneoUnrecognised {
            value: idoneo.to_owned(),
        }),
    }
    let ats_text = get(Field::Ats);
    let ats = if ats_text.is_empty() {
        default_ats.ok_or(RowRejection::NoAts)?
    } else {
        let restored = ats_without_leading_zeros(ats_text)?;
        if let Some(ats) = restored {
            warnings.push(RowWarning::AtsZerosLost {
                read: ats_text.trim().to_owned(),
                code: ats.codice.clone(),
            });
        }
        let ats =
            restored
                .or_else(|| resolve_ats(ats_text))
                .ok_or_else(|| RowRejection::UnknownAts {
                    value: ats_text.to_owned(),
                })?;
        if let Some(default) = default_ats
            && default.codice != ats.codice
        {
            warnings.push(RowWarning::AtsOtherThanOption {
                name: ats.denominazione.clone(),
                code: ats.codice.clone(),
                option: default.codice.clone(),
            });
        }
        ats
    };
    let tipo_text = get(Field::Tipo);
    let tipo = if tipo_text.is_empty() {
        GestoreTipo::from_text(denominazione)
    } else {
        let tipo = GestoreTipo::from_text(tipo_text);
        if tipo == GestoreTipo::Altro && fold(tipo_text) != "ALTRO" {
            warnings.push(RowWarning::TipoUnrecognised {
                value: tipo_text.to_owned(),
            });
        }
        tipo
    };
    let cf_piva = cf_piva_from_text(get(Field::CfPiva), &mut warnings);
    let mut email = get(Field::Email);
    if email.is_empty() {
        email = get(Field::Pec);
    }
    if !email.is_empty() && !email.contains('@') {
        warnings.push(RowWarning::EmailWithoutAt {
            value: email.to_owned(),
        });
    }
    let livelli_text = get(Field::Livelli);
    let livelli = livelli_from_text(livelli_text).unwrap_or_else(|| {
        warnings.push(RowWarning::LivelliUnrecognised {
            value: livelli_text.to_owned(),
        });
        Vec::new()
    });
    if row.cells.iter().skip(columns.width).any(|c| !c.is_empty()) {
        warnings.push(RowWarning::BeyondHeader);
    }
    let mut gestore = Gestore {
        id: 0,
        ats: ats.codice.clone(),
        denominazione: denominazione.to_owned(),
        tipo,
        codice: get(Field::Codice).to_owned(),
        cf_piva,
        indirizzo: get(Field::Indirizzo).to_owned(),
        comune: get(Field::Comune).to_owned(),
        telefono: get(Field::Telefono).to_owned(),
        email: email.to_owned(),
        referente: get(Field::Referente).to_owned(),
        livelli,
        non_idoneo_dal: None,
        fittizio: false,
    };
    gestore.clean_text().map_err(RowRejection::TooLong)?;

    let mut keys = vec![(format!("N|{}", gestore.name_key()), SameAs::Name)];
    if !gestore.codice.is_empty() {
        keys.push((
            format!("C|{}|{}", gestore.ats, fold(&gestore.codice)),
            SameAs::Codice(gestore.codice.clone()),
        ));
    }
    if !gestore.cf_piva.is_empty() {
        keys.push((
            format!("F|{}|{}", gestore.ats, gestore.cf_piva),
            SameAs::CfPiva(gestore.cf_piva.clone()),
        ));
    }
    if let Some((first, what)) = keys
        .iter()
        .filter_map(|(key, what)| seen.get(key).map(|&line| (line, what)))
        .min_by_key(|(line, _)| *line)
    {
        return Err(RowRejection::Duplicate {
            first,
            same: what.clone(),
        });
    }
    for (key, _) in keys {
        seen.insert(key, row.line);
    }
    Ok((gestore, warnings))
}

/// An ATS code that lost its leading zeros in a spreadsheet ("30328" or
/// "328" for 030328): digits only, fewer than six, at least three, the end
/// of exactly one ATS code. `Ok(None)` for any other text (read as a code or
/// a name); an error when the digits end several codes or none.
fn ats_without_leading_zeros(text: &str) -> Result<Option<&'static Ats>, RowRejection> {
    let digits = text.trim();
    if !(3..6).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let matching: Vec<&'static Ats> = ats_table()
        .all_ats()
        .iter()
        .filter(|a| a.codice.ends_with(digits))
        .collect();
    match matching.as_slice() {
        [only] => Ok(Some(only)),
        [] => Err(RowRejection::AtsDigitsUnknown {
            digits: digits.to_owned(),
        }),
        many => Err(RowRejection::AtsDigitsAmbiguous {
            digits: digits.to_owned(),
            codes: many.iter().map(|a| a.codice.clone()).collect(),
        }),
    }
}

/// Words of an ATS name that do not tell one ATS from another.
const ATS_STOPWORDS: &[&str] = &[
    "ATS", "AGENZIA", "TUTELA", "SALUTE", "DI", "DA", "DEL", "DELL", "DELLA", "DELLE", "DELLO",
    "DEGLI", "DEI", "LA", "IL", "L", "D", "E",
];

/// The distinctive words of a folded ATS name: "ATS DELLINSUBRIA" -> ["INSUBRIA"].
fn ats_words(folded: &str) -> Vec<String> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !ATS_STOPWORDS.contains(w))
        .map(|w| match w.strip_prefix("DELL") {
            Some(rest) if !rest.is_empty() => rest.to_owned(),
            _ => w.to_owned(),
        })
        .collect()
}

/// The ATS named by `text`: a code ("030324", or "30324" after Excel dropped the zero,
/// also inside text like "030324 - ATS della Brianza"), its name with or without "ATS
/// della" ("ATS della Brianza", "Brianza", "ATS Insubria", "Val Padana") or its seat
/// ("Monza").
pub fn resolve_ats(text: &str) -> Option<&'static Ats> {
    let folded = fold(text);
    if let Some(code) = folded
        .split(' ')
        .find(|w| (5..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
    {
        return ats_table().ats_by_code(&format!("{code:0>6}"));
    }
    let words = ats_words(&folded);
    if words.is_empty() {
        return None;
    }
    let compact = words.concat();
    let word_set: HashSet<&String> = words.iter().collect();
    let mut partial = Vec::new();
    for ats in ats_table().all_ats() {
        let name = ats_words(&fold(&ats.denominazione));
        let name_set: HashSet<&String> = name.iter().collect();
        let seat = fold(&ats.sede).replace(' ', "");
        if compact == name.concat() || compact == seat || word_set == name_set {
            return Some(ats);
        }
        if word_set.is_subset(&name_set) || name_set.is_subset(&word_set) {
            partial.push(ats);
        }
    }
    match partial.as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// Reads the "Idoneo" column: `Some(true)` for empty, "sì", "x", "idoneo"...; `Some(false)`
/// for "no", "non più idoneo dal ..."; `None` when unrecognised.
fn idoneo_from_text(text: &str) -> Option<bool> {
    let f = fold(text);
    match f.as_str() {
        "" | "SI" | "S" | "X" | "1" | "IDONEO" | "IDONEA" | "VERO" | "YES" | "Y" | "TRUE"
        | "OK" => Some(true),
        "NO" | "N" | "0" | "FALSO" | "FALSE" => Some(false),
        _ if f.starts_with("NON ") || f.starts_with("NO ") => Some(false),
        _ if f.starts_with("IDONE") || f.starts_with("SI ") => Some(true),
        _ => None,
    }
}

/// Levels from text: "1,2,3", "1-3", "1 e 2", "da 1 a 3", "livello 1", "I, II", "tutti"
/// (empty = all). `None` when the text is not understood.
pub fn livelli_from_text(text: &str) -> Option<Vec<u8>> {
    let lower = text.to_lowercase();
    let mut levels: Vec<u8> = Vec::new();
    let mut range_from: Option<u8> = None;
    let mut pending_range = false;
    let mut all = false;
    let mut chars = lower.chars().peekable();
    while let Some(&c) = chars.peek() {
        let token: String = if c.is_ascii_digit() {
            std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)).collect()
        } else if c.is_alphabetic() {
            std::iter::from_fn(|| chars.next_if(|c| c.is_alphabetic())).collect()
        } else {
            chars.next();
            if matches!(c, '-' | '–' | '—') {
                pending_range = true;
            }
            continue;
        };
        let level = match token.as_str() {
            "1" | "i" => Some(1),
            "2" | "ii" => Some(2),
            "3" | "iii" => Some(3),
            "a" | "al" => {
                pending_range = true;
                None
            }
            "tutti" | "tutte" | "tutto" => {
                all = true;
                None
            }
            "livello" | "livelli" | "liv" | "lv" | "e" | "ed" | "da" | "dal" => None,
            _ => return None,
        };
        if let Some(level) = level {
            match range_from {
                Some(from) if pending_range => {
                    if from > level {
                        return None;
                    }
                    levels.extend(from..=level);
                }
                _ => levels.push(level),
            }
            range_from = Some(level);
            pending_range = false;
        }
    }
    if all {
        return Some(Vec::new());
    }
    levels.sort_unstable();
    levels.dedup();
    Some(levels)
}

/// Normalises a CF/P.IVA: spaces removed, upper case, "IT" dropped before 11 digits, zeros
/// put back in front of a P.IVA Excel turned into a number. Odd values are kept, with a
/// warning.
fn cf_piva_from_text(text: &str, warnings: &mut Vec<RowWarning>) -> String {
    let mut value: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
        .collect::<String>()
        .to_uppercase();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = value.strip_prefix("IT")
        && rest.len() == 11
        && digits(rest)
    {
        value = rest.to_owned();
    }
    // A partita IVA, or a numeric codice fiscale, that lost its leading
    // zeros in a spreadsheet: given them back when the check digit then
    // agrees (otherwise left as read, and said to be invalid below).
    if digits(&value) && (8..11).contains(&value.len()) {
        let padded = format!("{value:0>11}");
        if piva_is_valid(&padded) {
            warnings.push(RowWarning::PivaZerosLost {
                read: value.clone(),
                padded: padded.clone(),
            });
            value = padded;
        }
    }
    if value.is_empty() {
        return value;
    }
    if value.len() == 11 && digits(&value) {
        if !piva_is_valid(&value) {
            warnings.push(RowWarning::PivaCheckDigit {
                value: value.clone(),
            });
        }
    } else if value.len() == 16 && value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        if check_char(&value[..15]).is_none_or(|c| !value.ends_with(c)) {
            warnings.push(RowWarning::CfCheckChar {
                value: value.clone(),
            });
        }
    } else {
        warnings.push(RowWarning::CfPivaInvalid {
            value: text.trim().to_owned(),
        });
    }
    value
}

/// The check digit of an Italian partita IVA (11 digits).
fn piva_is_valid(piva: &str) -> bool {
    let digits: Vec<u32> = piva.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 11 {
        return false;
    }
    let sum: u32 = digits[..10]
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                d
            } else if d * 2 > 9 {
                d * 2 - 9
            } else {
                d * 2
            }
        })
        .sum();
    (10 - sum % 10) % 10 == digits[10]
}

/// Writes `gestori` as UTF-8 CSV, comma separated, quoted where needed, with the header
/// [`EXPORT_HEADER`]. "Livelli" is "1 2 3" or "tutti"; "Idoneo" is "sì" or "non più idoneo
/// dal dd/mm/yyyy". Control and bidirectional characters are left out, and a cell that a
/// spreadsheet would run as a formula gets a leading `'` ([`export_cell`]).
/// [`parse_gestori`] reads it back to the same idonei Gestori.
pub fn write_gestori_csv(gestori: &[Gestore], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_gestori_csv_with(gestori, &EXPORT_HEADER.map(str::to_owned), out)
}

/// [`write_gestori_csv`] with the column names of `header` (the names of the
/// list last imported, [`ImportPreview::export_header`]); the default names
/// unless [`is_export_header`].
pub fn write_gestori_csv_with(
    gestori: &[Gestore],
    header: &[String],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b',')
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    if is_export_header(header) {
        writer.write_record(header.iter().map(|name| export_cell(name)))?;
    } else {
        writer.write_record(EXPORT_HEADER)?;
    }
    for g in gestori {
        let livelli = if g.livelli.is_empty() {
            "tutti".to_owned()
        } else {
            g.livelli
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let idoneo = match g.non_idoneo_dal {
            None => "sì".to_owned(),
            Some(date) => format!("non più idoneo dal {}", date.format("%d/%m/%Y")),
        };
        let cells = [
            g.ats.as_str(),
            g.codice.as_str(),
            g.denominazione.as_str(),
            g.tipo.label(),
            g.indirizzo.as_str(),
            g.comune.as_str(),
            g.telefono.as_str(),
            g.email.as_str(),
            g.referente.as_str(),
            g.cf_piva.as_str(),
            livelli.as_str(),
            idoneo.as_str(),
        ];
        writer.write_record(cells.iter().map(|c| export_cell(c)))?;
    }
    writer.flush()
}

/// The sample list of `assets/gestori-esempio.csv`, every row marked `fittizio`. Empty should
/// the embedded file ever fail to parse (a test guards against it).
pub fn sample_gestori() -> Vec<Gestore> {
    parse_gestori(
        SAMPLE_CSV.as_bytes(),
        "gestori-esempio.csv",
        &ImportOptions::default(),
    )
    .map(|preview| {
        preview
            .accepted
            .into_iter()
            .map(|row| Gestore {
                fittizio: true,
                ..row.gestore
            })
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        resolve_ats(text).map(|a| a.codice.as_str())
    }

    #[test]
    fn header_variants() {
        let cases = [
            ("Ragione sociale", Field::Denominazione),
            ("DENOMINAZIONE ", Field::Denominazione),
            ("Natura giuridica", Field::Tipo),
            ("Sede legale", Field::Indirizzo),
            ("Città", Field::Comune),
            ("Località", Field::Comune),
            ("Tel.", Field::Telefono),
            ("Recapito telefonico", Field::Telefono),
            ("E-mail", Field::Email),
            ("Posta elettronica", Field::Email),
            ("PEC", Field::Pec),
            ("Responsabile", Field::Referente),
            ("Cod.", Field::Codice),
            ("Codice gestore", Field::Codice),
            ("ID", Field::Codice),
            ("CF/P.IVA", Field::CfPiva),
            ("P. IVA", Field::CfPiva),
            ("Partita IVA", Field::CfPiva),
            ("Codice fiscale", Field::CfPiva),
            ("ATS di riferimento", Field::Ats),
            ("Codice ATS", Field::Ats),
            ("Livelli di presa in carico", Field::Livelli),
            ("Idoneità", Field::Idoneo),
        ];
        for (name, field) in cases {
            assert_eq!(field_of(name), Some(field), "{name}");
        }
        assert_eq!(field_of("Note"), None);
        assert_eq!(field_of(""), None);
        let cells = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            header_score(&cells(&["Denominazione", "Comune", "Note"])),
            2
        );
        assert_eq!(header_score(&cells(&["Denominazione", "Note"])), 0);
        assert_eq!(header_score(&cells(&["Comune", "Telefono"])), 0);
        assert_eq!(
            header_score(&cells(&["Elenco dei gestori idonei - ATS della Brianza"])),
            0
        );
    }

    #[test]
    fn ats_from_codes_and_names() {
        assert_eq!(code("030324"), Some("030324"));
        assert_eq!(code("30324"), Some("030324"));
        assert_eq!(code("030324 - ATS della Brianza"), Some("030324"));
        assert_eq!(code("030399"), None);
        assert_eq!(code("ATS della Brianza"), Some("030324"));
        assert_eq!(code("brianza"), Some("030324"));
        assert_eq!(code("Monza"), Some("030324"));
        assert_eq!(code("ATS dell'Insubria"), Some("030322"));
        assert_eq!(code("ATS Insubria"), Some("030322"));
        assert_eq!(code("ATS INSUBRIA"), Some("030322"));
        assert_eq!(
            code("ATS della Città Metropolitana di Milano"),
            Some("030321")
        );
        assert_eq!(code("ATS Milano Città Metropolitana"), Some("030321"));
        assert_eq!(code("ATS Città Metropolitana"), Some("030321"));
        assert_eq!(code("Milano"), Some("030321"));
        assert_eq!(code("ATS Montagna"), Some("030323"));
        assert_eq!(code("Sondrio"), Some("030323"));
        assert_eq!(code("ATS Valpadana"), Some("030327"));
        assert_eq!(code("ATS della Val Padana"), Some("030327"));
        assert_eq!(code("Mantova"), Some("030327"));
        assert_eq!(code("ATS di Bergamo"), Some("030325"));
        assert_eq!(code("ATS Brescia"), Some("030326"));
        assert_eq!(code("Pavia"), Some("030328"));
        assert_eq!(code("ATS del Lago"), None);
        assert_eq!(code("ASST di Lodi"), None);
        assert_eq!(code("ATS"), None);
        assert_eq!(code(""), None);
    }

    #[test]
    fn livelli_variants() {
        let l = livelli_from_text;
        assert_eq!(l("1,2,3"), Some(vec![1, 2, 3]));
        assert_eq!(l("1-3"), Some(vec![1, 2, 3]));
        assert_eq!(l("1 – 2"), Some(vec![1, 2]));
        assert_eq!(l("1 e 2"), Some(vec![1, 2]));
        assert_eq!(l("da 2 a 3"), Some(vec![2, 3]));
        assert_eq!(l("Livello 3"), Some(vec![3]));
        assert_eq!(l("3; 1"), Some(vec![1, 3]));
        assert_eq!(l("I, II"), Some(vec![1, 2]));
        assert_eq!(l("1 2 3"), Some(vec![1, 2, 3]));
        assert_eq!(l("tutti"), Some(vec![]));
        assert_eq!(l("Tutti i livelli"), Some(vec![]));
        assert_eq!(l(""), Some(vec![]));
        assert_eq!(l("4"), None);
        assert_eq!(l("3-1"), None);
        assert_eq!(l("alcuni"), None);
    }

    #[test]
    fn idoneo_values() {
        assert_eq!(idoneo_from_text(""), Some(true));
        assert_eq!(idoneo_from_text("sì"), Some(true));
        assert_eq!(idoneo_from_text("Idoneo"), Some(true));
        assert_eq!(
            idoneo_from_text("non più idoneo dal 01/03/2025"),
            Some(false)
        );
        assert_eq!(idoneo_from_text("No"), Some(false));
        assert_eq!(idoneo_from_text("forse"), None);
    }

    #[test]
    fn ats_codes_without_their_leading_zeros() {
        let code = |t: &str| ats_without_leading_zeros(t).map(|a| a.map(|a| a.codice.as_str()));
        assert_eq!(code("30328"), Ok(Some("030328")));
        assert_eq!(code(" 328 "), Ok(Some("030328")));
        assert_eq!(code("030328"), Ok(None));
        assert_eq!(code("28"), Ok(None));
        assert_eq!(code("Pavia"), Ok(None));
        assert!(code("999").is_err());
    }

    #[test]
    fn cf_piva_rules() {
        let mut w = Vec::new();
        // A real-format P.IVA with a correct check digit (Regione Lombardia's).
        assert_eq!(cf_piva_from_text("12874720159", &mut w), "12874720159");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(cf_piva_from_text("IT 12874720159", &mut w), "12874720159");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(cf_piva_from_text("12874720158", &mut w), "12874720158");
        assert_eq!(
            w.pop().map(|w| w.to_string()).as_deref(),
            Some("partita IVA 12874720158: cifra di controllo errata, controllare")
        );
        // Excel dropped the leading zero of 01234567897.
        assert_eq!(cf_piva_from_text("1234567897", &mut w), "01234567897");
        assert_eq!(
            w,
            ["P.IVA 1234567897 letta come 01234567897: zeri iniziali persi (Excel)"]
        );
        w.clear();
        // With a leading zero its check digit disagrees: left as read.
        assert_eq!(cf_piva_from_text("1234567890", &mut w), "1234567890");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].to_string()
                .starts_with("CF/P.IVA \"1234567890\" non valido"),
            "{w:?}"
        );
        w.clear();
        assert_eq!(
            cf_piva_from_text("rssmra68a01h501y", &mut w),
            "RSSMRA68A01H501Y"
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(cf_piva_from_text("ABC", &mut w), "ABC");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].to_string().starts_with("CF/P.IVA \"ABC\" non valido"),
            "{w:?}"
        );
        assert_eq!(cf_piva_from_text("  ", &mut w), "");
    }
}
