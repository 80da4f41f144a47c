//! The ATS list import as the operator reads it: why a file cannot be read,
//! why a row is not imported, what to check on a row that is.

use super::Lang;
use crate::domain::gestore::{FieldTooLong, GestoreField};
use crate::service::gestori::{
    FormatHint, ImportError, ListKind, RowRejection, RowWarning, SameAs, Unreadable,
};

/// A count with the thousands separator of `lang`: 3013 -> "3.013" / "3,013".
fn count(lang: Lang, n: usize) -> String {
    let it = crate::domain::text::thousands(n);
    match lang {
        Lang::It => it,
        Lang::En => it.replace('.', ","),
    }
}

/// A Gestore's field too long, in `lang`.
pub fn gestore_too_long(lang: Lang, e: &FieldTooLong) -> String {
    if lang == Lang::It {
        return e.to_string();
    }
    let name = match e.field {
        GestoreField::Denominazione => "the name",
        GestoreField::Codice => "the code",
        GestoreField::CfPiva => "the CF/P.IVA",
        GestoreField::Indirizzo => "the address",
        GestoreField::Comune => "the comune",
        GestoreField::Telefono => "the phone",
        GestoreField::Email => "the e-mail",
        GestoreField::Referente => "the contact person",
        GestoreField::Ats => "the ATS",
    };
    format!(
        "{name} can have at most {} characters (it has {})",
        count(lang, e.max),
        count(lang, e.len)
    )
}

/// Why a row of the list is not imported, in `lang`.
pub fn gestori_row_rejection(lang: Lang, r: &RowRejection) -> String {
    use RowRejection as R;
    if lang == Lang::It {
        return r.to_string();
    }
    match r {
        R::NoDenominazione => "the name (Denominazione) is missing".into(),
        R::NotIdoneo { value } => {
            format!("Gestore not eligible (Idoneo column: \"{value}\"): not imported")
        }
        R::NoAts => "ATS missing: use --ats CODE".into(),
        R::UnknownAts { value } => {
            format!("unknown ATS \"{value}\": use a code from 030321 to 030328 or the ATS's name")
        }
        R::AtsDigitsUnknown { digits } => {
            format!("unknown ATS \"{digits}\": no code from 030321 to 030328 ends like that")
        }
        R::AtsDigitsAmbiguous { digits, codes } => format!(
            "ambiguous ATS \"{digits}\" (leading zeros lost?): it can be {}",
            codes.join(", ")
        ),
        R::TooLong(e) => gestore_too_long(lang, e),
        R::Duplicate { first, same } => {
            let what = match same {
                SameAs::Name => "same name and ATS".to_owned(),
                SameAs::Codice(c) => format!("same code {c}"),
                SameAs::CfPiva(c) => format!("same CF/P.IVA {c}"),
            };
            format!("duplicate of row {first} ({what})")
        }
    }
}

/// Something to check on a row that is imported anyway, in `lang`.
pub fn gestori_row_warning(lang: Lang, w: &RowWarning) -> String {
    use RowWarning as W;
    if lang == Lang::It {
        return w.to_string();
    }
    match w {
        W::IdoneoUnrecognised { value } => {
            format!("eligibility value \"{value}\" not recognised: taken as eligible")
        }
        W::AtsZerosLost { read, code } => {
            format!("ATS {read} read as {code}: leading zeros lost (Excel)")
        }
        W::AtsOtherThanOption { name, code, option } => {
            format!("the row names {name} ({code}), not the ATS chosen with --ats ({option})")
        }
        W::TipoUnrecognised { value } => {
            format!("type \"{value}\" not recognised: recorded as \"Altro\"")
        }
        W::EmailWithoutAt { value } => format!("e-mail \"{value}\" without @: check it"),
        W::LivelliUnrecognised { value } => {
            format!("levels \"{value}\" not recognised: taken as all (1, 2 and 3)")
        }
        W::BeyondHeader => "values past the header's last column: ignored".into(),
        W::PivaZerosLost { read, padded } => {
            format!("P.IVA {read} read as {padded}: leading zeros lost (Excel)")
        }
        W::PivaCheckDigit { value } => {
            format!("partita IVA {value}: wrong check digit, check it")
        }
        W::CfCheckChar { value } => {
            format!("codice fiscale {value}: wrong check character, check it")
        }
        W::CfPivaInvalid { value } => format!(
            "CF/P.IVA \"{value}\" not valid: 11 digits (partita IVA) or 16 characters (codice fiscale) are needed"
        ),
    }
}

/// A Gestori file that cannot be read at all, in `lang`.
pub fn import_error(lang: Lang, e: &ImportError) -> String {
    let mb = |bytes: u64| {
        let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    };
    use ImportError as E;
    match (lang, e) {
        (Lang::It, e) => e.to_string(),
        (Lang::En, E::Unreadable { detail }) => {
            let detail = match detail {
                Unreadable::NotASpreadsheet { extension } => format!(
                    "the file has extension .{extension} but is not a valid spreadsheet (damaged or truncated?)"
                ),
                Unreadable::Csv(e) => format!("CSV not readable ({e})"),
                Unreadable::Xlsx(e) => format!("Excel file (.xlsx) damaged or incomplete ({e})"),
            };
            format!("file not readable: {detail}")
        }
        (Lang::En, E::UnknownFormat { file_name, hint }) => {
            let hint = match hint {
                FormatHint::Ods => {
                    "it is an OpenDocument sheet (.ods): open it and save it as .xlsx or .csv"
                }
                FormatHint::Xls => {
                    "it is an Excel 97-2003 file (.xls): open it in Excel or LibreOffice and save it as .xlsx or .csv"
                }
                FormatHint::Pdf => {
                    "it is a PDF: ask the ATS for the list in Excel or CSV, or export the PDF to Excel"
                }
                FormatHint::NotATable => {
                    "it is neither a CSV nor an Excel file (.xlsx); a CSV separated by ; or , or an .xlsx is needed"
                }
            };
            format!("format of the file \"{file_name}\" not recognised: {hint}")
        }
        (
            Lang::En,
            E::NoHeader {
                searched,
                found,
                list,
            },
        ) => format!(
            "no header recognised in the first {searched} rows; columns found: {}; {}",
            if found.is_empty() {
                "none".to_string()
            } else {
                found
                    .iter()
                    .map(|f| format!("\"{f}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            match list {
                ListKind::Gestori => {
                    "a Denominazione column is needed (or Ragione sociale, Nome, Gestore, Ente) \
                     and at least one of Tipologia, Indirizzo, Comune, Telefono, Email/PEC, \
                     Referente, Codice, CF/P.IVA, ATS, Livelli"
                }
                ListKind::Arruolabili => {
                    "the columns Codice fiscale, Cognome and Nome are needed (and, if present, \
                     Livello, Patologia primaria, Patologie)"
                }
                ListKind::MmgAderenti => {
                    "the doctor's column is needed (Medico, MMG, Nominativo, or Cognome and \
                     Nome) and the Gestore column (or Cooperativa, Codice gestore)"
                }
            }
        ),
        (Lang::En, E::Empty) => "the file is empty: no row to import".into(),
        (Lang::En, E::NoRows { header_line }) => format!(
            "the file holds only the header (row {header_line}) and no data row: nothing to import"
        ),
        (Lang::En, E::SheetNotFound { sheet, available }) => format!(
            "sheet \"{sheet}\" not found; sheets present: {}",
            available.join(", ")
        ),
        (Lang::En, E::TooLarge { size, limit }) => format!(
            "file too large: {} (at most {}); split the list into several files",
            mb(*size),
            mb(*limit)
        ),
        (Lang::En, E::PartTooLarge { part, size, limit }) => format!(
            "Excel file (.xlsx) not accepted: the part \"{part}\" takes {} once unpacked (at most {} per part); a list of Gestori takes a few KB: check the file",
            mb(*size),
            mb(*limit)
        ),
        (
            Lang::En,
            E::CellTooLong {
                sheet,
                cell,
                chars,
                limit,
            },
        ) => format!(
            "cell {cell} of sheet \"{sheet}\" holds {chars} characters (at most {limit}, Excel's limit): check the file"
        ),
        (Lang::En, E::TooManyRows { limit }) => {
            format!("too many rows: more than {limit}; split the list into several files")
        }
        (Lang::En, E::UnknownAtsOption { value }) => format!(
            "unknown ATS \"{value}\" (option --ats): use a code from 030321 to 030328 or the ATS's name"
        ),
    }
}
