//! Reading a tabular file the way an ATS or a practice really publishes it: CSV separated by
//! `;`, `,` or tab, in UTF-8 (with or without BOM), UTF-16 (Excel's "Testo Unicode") or
//! Windows-1252 (Excel's default CSV in Italy); or an Excel workbook (XLSX) read with
//! calamine, cell by cell, so that a sheet with a stray far-away cell cannot make us allocate
//! a dense grid of millions of cells.
//!
//! The result is the non-blank rows of the file as trimmed text cells, each with the line
//! number a person sees: the physical line of the CSV file where the record starts, or the
//! sheet row. Which row is the header and what the columns mean is the caller's business.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, SheetVisible, Xlsx};
use chrono::{Duration, NaiveDate};
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use thiserror::Error;

use crate::domain::text::{fold, is_unsafe_char};

/// Largest file accepted, in bytes (50 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total size of the parts of an XLSX once unpacked, in bytes (400 MB).
pub const MAX_UNPACKED_BYTES: u64 = 400 * 1024 * 1024;
/// Largest part of a workbook once unpacked (a sheet, the shared strings), in bytes (50 MB):
/// calamine holds a part's text in memory several times over.
pub const MAX_PART_BYTES: u64 = 50 * 1024 * 1024;
/// Longest text of a cell, in characters: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Most non-blank rows accepted in one file.
pub const MAX_ROWS: usize = 200_000;
/// Cells beyond this column (0-based) of a sheet are ignored.
const MAX_COLUMNS: u32 = 256;
/// How many non-blank rows from the top may hold titles before the header.
pub const HEADER_SEARCH_ROWS: usize = 10;
/// Longest `raw` text kept for a row shown back to the operator, in characters.
const RAW_MAX_CHARS: usize = 300;

/// Candidate CSV separators, in order of preference on a tie.
const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// Why a file is not a readable table. `Display` is the Italian text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unreadable {
    #[error(
        "il file ha estensione .{extension} ma non è un foglio di calcolo valido (danneggiato o troncato?)"
    )]
    NotASpreadsheet { extension: String },
    /// The CSV reader's own words.
    #[error("CSV non leggibile ({0})")]
    Csv(String),
    /// The workbook reader's own words.
    #[error("file Excel (.xlsx) danneggiato o incompleto ({0})")]
    Xlsx(String),
}

/// What a file of an unknown format is, and what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum FormatHint {
    #[error("è un foglio OpenDocument (.ods): aprirlo e salvarlo come .xlsx o .csv")]
    Ods,
    #[error(
        "è un file Excel 97-2003 (.xls): aprirlo in Excel o LibreOffice e salvarlo come .xlsx o .csv"
    )]
    Xls,
    #[error("è un PDF: chiedere all'ATS l'elenco in Excel o CSV, oppure esportare il PDF in Excel")]
    Pdf,
    #[error(
        "non è un CSV né un file Excel (.xlsx); servono un CSV separato da ; o , oppure un .xlsx"
    )]
    NotATable,
}

/// Which list a file is read as: it names the columns its header needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Gestori,
    Arruolabili,
    MmgAderenti,
}

impl ListKind {
    /// The columns the header needs, in Italian.
    pub fn needed_it(self) -> &'static str {
        match self {
            ListKind::Gestori => {
                "serve la colonna Denominazione (o Ragione sociale, Nome, Gestore, Ente) e almeno \
                 una tra Tipologia, Indirizzo, Comune, Telefono, Email/PEC, Referente, Codice, \
                 CF/P.IVA, ATS, Livelli"
            }
            ListKind::Arruolabili => {
                "servono le colonne Codice fiscale, Cognome e Nome (e se presenti Livello, \
                 Patologia primaria, Patologie)"
            }
            ListKind::MmgAderenti => {
                "servono la colonna del medico (Medico, MMG, Nominativo, o Cognome e Nome) e la \
                 colonna Gestore (o Cooperativa, Codice gestore)"
            }
        }
    }
}

/// Why a file could not be read at all, saying what to do. `Display` is
/// the Italian text; the interface renders it by language
/// (`texts::import_error`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("file non leggibile: {detail}")]
    Unreadable { detail: Unreadable },
    #[error("formato del file \"{file_name}\" non riconosciuto: {hint}")]
    UnknownFormat { file_name: String, hint: FormatHint },
    #[error(
        "intestazione non riconosciuta nelle prime {searched} righe; colonne trovate: {}; {}",
        found_list(.found),
        .list.needed_it()
    )]
    /// No row of the header of a `list` among the first `searched`:
    /// `found` the cells of the fullest row.
    NoHeader {
        searched: usize,
        found: Vec<String>,
        list: ListKind,
    },
    #[error("il file è vuoto: nessuna riga da importare")]
    Empty,
    #[error(
        "il file contiene solo l'intestazione (riga {header_line}) e nessuna riga di dati: niente da importare"
    )]
    NoRows { header_line: usize },
    #[error("foglio \"{sheet}\" non trovato; fogli presenti: {}", .available.join(", "))]
    SheetNotFound {
        sheet: String,
        available: Vec<String>,
    },
    #[error(
        "file troppo grande: {} (al massimo {}); dividere l'elenco in più file",
        megabytes(*.size),
        megabytes(*.limit)
    )]
    TooLarge { size: u64, limit: u64 },
    #[error(
        "file Excel (.xlsx) non accettato: la parte \"{part}\" occupa {} una volta estratta \
         (al massimo {} per parte); un elenco di Gestori occupa pochi KB: controllare il file",
        megabytes(*.size),
        megabytes(*.limit)
    )]
    PartTooLarge { part: String, size: u64, limit: u64 },
    #[error(
        "la cella {cell} del foglio \"{sheet}\" contiene {} caratteri (al massimo {}, il limite di Excel): controllare il file",
        crate::domain::text::thousands(*.chars),
        crate::domain::text::thousands(*.limit)
    )]
    CellTooLong {
        sheet: String,
        cell: String,
        chars: usize,
        limit: usize,
    },
    #[error("troppe righe: più di {limit}; dividere l'elenco in più file")]
    TooManyRows { limit: usize },
    #[error(
        "ATS \"{value}\" sconosciuta (opzione --ats): usare un codice da 030321 a 030328 o il nome dell'ATS"
    )]
    UnknownAtsOption { value: String },
}

fn found_list(found: &[String]) -> String {
    if found.is_empty() {
        "nessuna".to_owned()
    } else {
        found
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

/// The field a header cell names in a list whose columns go by the names
/// in `aliases` (written folded, without spaces): the cell is compared
/// folded (case and accents ignored), without spaces, `_`, `.` and `-`.
pub fn header_field<F: Copy>(aliases: &[(F, &[&str])], cell: &str) -> Option<F> {
    let key = fold(cell).replace([' ', '_', '.', '-'], "");
    aliases
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

/// The columns of each field that `header`'s cells name (see
/// [`header_field`]), in order (a field may stand twice: "Sede legale" and
/// "Sede operativa"), and the non-empty cells that name none.
pub fn header_columns<F: Copy + Eq + std::hash::Hash>(
    aliases: &[(F, &[&str])],
    header: &[String],
) -> (std::collections::HashMap<F, Vec<usize>>, Vec<String>) {
    let mut by_field: std::collections::HashMap<F, Vec<usize>> = Default::default();
    let mut ignored = Vec::new();
    for (i, name) in header.iter().enumerate() {
        match header_field(aliases, name) {
            Some(field) => by_field.entry(field).or_default().push(i),
            None if !name.is_empty() => ignored.push(name.clone()),
            None => {}
        }
    }
    (by_field, ignored)
}

/// One non-blank row: the line (CSV) or sheet row (XLSX) it starts on, 1-based, and its
/// cells, trimmed with internal whitespace collapsed to one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The row as text for the operator: cells joined by `separator`, shortened if long.
    pub fn raw(&self, separator: char) -> String {
        let mut raw = self.cells.join(&separator.to_string());
        while raw.ends_with(separator) {
            raw.pop();
        }
        if raw.chars().count() > RAW_MAX_CHARS {
            raw = raw.chars().take(RAW_MAX_CHARS).collect();
            raw.push('…');
        }
        raw
    }
}

/// A file read as rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Non-blank rows, in file order.
    pub rows: Vec<Row>,
    /// "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252" or "XLSX".
    pub encoding: &'static str,
    /// The CSV separator; `None` for a workbook.
    pub separator: Option<char>,
    /// The sheet read; `None` for CSV.
    pub sheet: Option<String>,
}

impl Table {
    /// The index of the header row: the first of the first
    /// [`HEADER_SEARCH_ROWS`] rows that `score` accepts. None: the error
    /// names the `list` and the cells of the fullest row among them.
    pub fn header_index(
        &self,
        score: &dyn Fn(&[String]) -> usize,
        list: ListKind,
    ) -> Result<usize, ImportError> {
        let rows = || self.rows.iter().take(HEADER_SEARCH_ROWS);
        if let Some(index) = rows().position(|r| score(&r.cells) > 0) {
            return Ok(index);
        }
        let found = rows()
            // The first of the fullest rows.
            .min_by_key(|r| std::cmp::Reverse(r.cells.iter().filter(|c| !c.is_empty()).count()))
            .map(|r| {
                r.cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .take(20)
                    .map(|c| c.chars().take(40).collect())
                    .collect()
            })
            .unwrap_or_default();
        Err(ImportError::NoHeader {
            searched: HEADER_SEARCH_ROWS,
            found,
            list,
        })
    }
}

/// Reads `bytes` (a file called `file_name`) as a table. For a workbook, `sheet` names the
/// sheet (case and accents ignored), otherwise the first visible one is read. For CSV the
/// separator is the one under which `header_score` finds the best header in the first
/// [`HEADER_SEARCH_ROWS`] rows (a score of 0 means "not a header").
pub fn read_table(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
    header_score: &dyn Fn(&[String]) -> usize,
) -> Result<Table, ImportError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let unknown = |hint| ImportError::UnknownFormat {
        file_name: file_name.to_owned(),
        hint,
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if extension == "ods" {
            return Err(unknown(FormatHint::Ods));
        }
        return read_xlsx(bytes, sheet);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(unknown(FormatHint::Xls));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(unknown(FormatHint::Pdf));
    }
    if matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(ImportError::Unreadable {
            detail: Unreadable::NotASpreadsheet { extension },
        });
    }
    let (text, encoding) = decode(bytes);
    if !looks_like_text(&text) {
        return Err(unknown(FormatHint::NotATable));
    }
    read_csv(&text, encoding, header_score)
}

/// Decodes CSV bytes: BOMs first, then UTF-8 if valid, else Windows-1252 (never fails).
fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (UTF_16LE.decode_without_bom_handling(rest).0, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (UTF_16BE.decode_without_bom_handling(rest).0, "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => (
            WINDOWS_1252.decode_without_bom_handling(bytes).0,
            "Windows-1252",
        ),
    }
}

/// Whether decoded text looks like a text file: no NUL, and at most 1% control or
/// replacement characters in its first 64K characters.
fn looks_like_text(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(65_536) {
        if c == '\0' {
            return false;
        }
        total += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}');
        if control || c == char::REPLACEMENT_CHARACTER {
            bad += 1;
        }
    }
    bad.saturating_mul(100) <= total
}

/// A cell's text: trimmed, whitespace runs (newlines, NBSP) collapsed to one space, BOMs,
/// zero-width spaces, control characters (ESC, BEL...) and bidirectional formatting
/// characters removed; the apostrophe that a CSV export puts before a cell starting with
/// `=`, `+`, `-` or `@` (see [`super::csv_cell`]) taken off.
pub fn clean(cell: &str) -> String {
    let cleaned = clean_spaces(cell);
    match super::csv_cell::restore(&cleaned) {
        restored if restored.len() < cleaned.len() => restored.to_owned(),
        _ => cleaned,
    }
}

fn clean_spaces(cell: &str) -> String {
    cell.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .filter(|&c| !matches!(c, '\u{feff}' | '\u{200b}') && !is_unsafe_char(c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(String::is_empty)
}

fn read_csv(
    text: &str,
    encoding: &'static str,
    header_score: &dyn Fn(&[String]) -> usize,
) -> Result<Table, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let lines = LineIndex::new(text);
    let mut best: Option<(usize, u8)> = None;
    for sep in SEPARATORS {
        let rows = csv_rows(text, &lines, sep, Some(HEADER_SEARCH_ROWS))?;
        let score = rows
            .iter()
            .map(|r| header_score(&r.cells))
            .max()
            .unwrap_or(0);
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, sep));
        }
    }
    let separator = match best {
        Some((_, sep)) => sep,
        None => separator_by_count(text),
    };
    let rows = csv_rows(text, &lines, separator, None)?;
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Table {
        rows,
        encoding,
        separator: Some(char::from(separator)),
        sheet: None,
    })
}

/// The separator seen most often outside quotes in the first non-blank line (`;` on a tie).
fn separator_by_count(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = SEPARATORS.iter().position(|&s| s == b) {
            counts[i] += 1;
        }
    }
    let mut best = 0;
    for i in 1..SEPARATORS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    SEPARATORS[best]
}

/// The non-blank records of `text` separated by `sep`, at most `limit` of them.
fn csv_rows(
    text: &str,
    lines: &LineIndex,
    sep: u8,
    limit: Option<usize>,
) -> Result<Vec<Row>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| ImportError::Unreadable {
            detail: Unreadable::Csv(e.to_string()),
        })?;
        let cells: Vec<String> = record.iter().map(clean).collect();
        if is_blank(&cells) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows { limit: MAX_ROWS });
        }
        let byte = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        rows.push(Row {
            line: lines.line_of_record(byte),
            cells,
        });
        if limit.is_some_and(|l| rows.len() >= l) {
            break;
        }
    }
    Ok(rows)
}

/// Byte offsets where each physical line starts (after `\n`, `\r\n` or a lone `\r`).
struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex {
            text: bytes,
            starts,
        }
    }

    /// The 1-based line of a record whose position the csv crate gives as `byte`; the
    /// position may include the blank lines skipped before the record, so move past them.
    fn line_of_record(&self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        self.starts.partition_point(|&s| s <= start)
    }
}

/// Checks the unpacked sizes that a workbook's zip directory declares, before calamine
/// unpacks anything: no part above [`MAX_PART_BYTES`], all together at most
/// [`MAX_UNPACKED_BYTES`]. The zip reader stops at the declared size of a part, so a
/// part that holds more than it declares is cut short (and reported damaged), never
/// unpacked whole. An archive the zip reader cannot open passes: calamine then reports
/// the damage.
fn check_unpacked_sizes(bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(i) else {
            continue;
        };
        let size = part.size();
        if size > MAX_PART_BYTES {
            return Err(ImportError::PartTooLarge {
                part: part.name().map(|n| clean(&n)).unwrap_or_default(),
                size,
                limit: MAX_PART_BYTES,
            });
        }
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ImportError::TooLarge {
            size: total,
            limit: MAX_UNPACKED_BYTES,
        });
    }
    Ok(())
}

/// The spreadsheet name of a cell: column letters and 1-based row ("B3").
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    check_unpacked_sizes(bytes)?;
    let damaged = |e: &dyn std::fmt::Display| ImportError::Unreadable {
        detail: Unreadable::Xlsx(e.to_string()),
    };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let name = match sheet.map(str::trim).filter(|s| !s.is_empty()) {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| fold(n) == fold(wanted)))
            .cloned()
            .ok_or_else(|| ImportError::SheetNotFound {
                sheet: wanted.to_owned(),
                available: names.clone(),
            })?,
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .or(sheets.first())
            .map(|s| s.name.clone())
            .ok_or(ImportError::Empty)?,
    };
    let mut cells: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    {
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|e| damaged(&e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| damaged(&e))? {
            let (row, column) = cell.get_position();
            if column >= MAX_COLUMNS {
                continue;
            }
            let value = cell.get_value();
            let chars = match value {
                DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                    s.chars().count()
                }
                DataRef::SharedString(s) => s.chars().count(),
                _ => 0,
            };
            if chars > MAX_CELL_CHARS {
                return Err(ImportError::CellTooLong {
                    sheet: name.clone(),
                    cell: cell_name(row, column),
                    chars,
                    limit: MAX_CELL_CHARS,
                });
            }
            let text = clean(&cell_text(value));
            if text.is_empty() {
                continue;
            }
            cells.entry(row).or_default().push((column, text));
            if cells.len() > MAX_ROWS {
                return Err(ImportError::TooManyRows { limit: MAX_ROWS });
            }
        }
    }
    let rows: Vec<Row> = cells
        .into_iter()
        .map(|(row, values)| {
            let width = values
                .iter()
                .map(|(c, _)| *c as usize + 1)
                .max()
                .unwrap_or(0);
            let mut row_cells = vec![String::new(); width];
            for (column, text) in values {
                if let Some(slot) = row_cells.get_mut(column as usize) {
                    *slot = text;
                }
            }
            Row {
                line: row as usize + 1,
                cells: row_cells,
            }
        })
        .collect();
    if rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Table {
        rows,
        encoding: "XLSX",
        separator: None,
        sheet: Some(name),
    })
}

/// A cell as text: whole numbers without ".0" (codes, phone numbers), dates as dd/mm/yyyy,
/// errors (#N/D) as nothing.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(true) => "VERO".to_owned(),
        DataRef::Bool(false) => "FALSO".to_owned(),
        DataRef::DateTime(dt) if dt.is_datetime() => excel_date(dt.as_f64())
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| number_text(dt.as_f64())),
        DataRef::DateTime(dt) => number_text(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// A number as a person typed it: 212345678.0 -> "212345678", 1.5 -> "1.5".
pub fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: |f| < 1e15 < 2^53.
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i64;
        i.to_string()
    } else {
        f.to_string()
    }
}

/// The date of an Excel serial day number (1900 date system).
fn excel_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let days = serial.floor() as i64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::try_days(days)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_name_fields_whatever_their_case_accents_and_punctuation() {
        const ALIASES: &[(char, &[&str])] = &[
            ('c', &["CODICEFISCALE", "CF"]),
            ('s', &["SEDE", "SEDELEGALE", "SEDEOPERATIVA"]),
            ('i', &["IDONEITA"]),
        ];
        for (cell, field) in [
            ("Codice fiscale", Some('c')),
            ("codice_fiscale", Some('c')),
            ("Cod.-Fiscale", None),
            ("C.F.", Some('c')),
            ("Idoneità", Some('i')),
            ("Note", None),
        ] {
            assert_eq!(header_field(ALIASES, cell), field, "{cell}");
        }
        let header: Vec<String> = ["Sede legale", "CF", "", "Note", "Sede operativa"]
            .map(String::from)
            .into();
        let (columns, ignored) = header_columns(ALIASES, &header);
        assert_eq!(columns.get(&'s'), Some(&vec![0, 4]));
        assert_eq!(columns.get(&'c'), Some(&vec![1]));
        assert_eq!(columns.len(), 2);
        assert_eq!(ignored, vec!["Note".to_string()]);
    }

    fn any_header(cells: &[String]) -> usize {
        usize::from(cells.iter().any(|c| c == "Denominazione")) * cells.len()
    }

    #[test]
    fn decodes_bom_utf8_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;\xC3\xA0"), ("a;à".into(), "UTF-8"));
        assert_eq!(decode(b"a;\xE0"), ("a;à".into(), "Windows-1252"));
        assert_eq!(decode(b"\xFF\xFEa\0;\0\xE0\0"), ("a;à".into(), "UTF-16LE"));
        assert_eq!(decode(b"\xFE\xFF\0a\0;\0\xE0"), ("a;à".into(), "UTF-16BE"));
        // 0x80 is the euro sign in Windows-1252.
        assert_eq!(decode(b"\x80 10"), ("€ 10".into(), "Windows-1252"));
    }

    #[test]
    fn line_numbers_skip_blank_lines_and_count_quoted_newlines() {
        let text = "Titolo\r\n\r\nDenominazione;Comune\r\n\"A\r\nB\";X\r\n\r\n;;\r\nC;Y\rD;Z\n";
        let table = read_csv(text, "UTF-8", &any_header).expect("table");
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 4, 8, 9]);
        assert_eq!(table.rows[2].cells, ["A B", "X"]);
        assert_eq!(table.separator, Some(';'));
    }

    #[test]
    fn separator_by_header_score_then_by_count() {
        let t = read_csv("Denominazione,Comune;x\nA,B;c\n", "UTF-8", &any_header).expect("t");
        assert_eq!(t.separator, Some(','));
        assert_eq!(separator_by_count("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(separator_by_count("a\tb\tc,d\n"), b'\t');
        assert_eq!(separator_by_count("abc\n"), b';');
    }

    #[test]
    fn cleaning_and_numbers() {
        assert_eq!(clean("  Via\u{a0}Roma \n 5 "), "Via Roma 5");
        assert_eq!(clean("\u{feff}Nome"), "Nome");
        assert_eq!(number_text(212_345_678.0), "212345678");
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(-2.0), "-2");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(f64::NAN), "NaN");
        assert_eq!(excel_date(45_658.0), NaiveDate::from_ymd_opt(2025, 1, 1));
        assert_eq!(excel_date(-1.0), None);
    }

    #[test]
    fn megabytes_in_italian() {
        assert_eq!(megabytes(50 * 1024 * 1024), "50 MB");
        assert_eq!(megabytes(50 * 1024 * 1024 + 1), "50,1 MB");
    }

    #[test]
    fn raw_is_shortened() {
        let row = Row {
            line: 1,
            cells: vec!["a".repeat(400), String::new()],
        };
        let raw = row.raw(';');
        assert_eq!(raw.chars().count(), RAW_MAX_CHARS + 1);
        assert!(raw.ends_with('…'));
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(2, 1), "B3");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 255), "IV1");
    }

    #[test]
    fn a_non_zip_passes_the_size_check_and_is_left_to_calamine() {
        assert_eq!(check_unpacked_sizes(b"PK\x03\x04garbage"), Ok(()));
        assert_eq!(check_unpacked_sizes(b""), Ok(()));
    }
}
