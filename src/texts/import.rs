//! A list file (Gestori, arruolabili) that cannot be read at all, in the
//! operator's language; Italian is the importer's own text.

use super::Lang;
use crate::io::table::ImportError;

pub fn import_error(l: Lang, e: &ImportError) -> String {
    let mb = |bytes: u64| {
        let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    };
    match (l, e) {
        (Lang::It, e) => e.to_string(),
        (Lang::En, ImportError::Unreadable { detail }) => format!("file not readable: {detail}"),
        (Lang::En, ImportError::UnknownFormat { file_name, hint }) => {
            format!("format of the file \"{file_name}\" not recognised: {hint}")
        }
        (
            Lang::En,
            ImportError::NoHeader {
                searched,
                found,
                needed,
            },
        ) => format!(
            "no header recognised in the first {searched} rows; columns found: {}; {needed}",
            if found.is_empty() {
                "none".to_string()
            } else {
                found
                    .iter()
                    .map(|f| format!("\"{f}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
        (Lang::En, ImportError::Empty) => "the file is empty: no row to import".into(),
        (Lang::En, ImportError::NoRows { header_line }) => format!(
            "the file holds only the header (row {header_line}) and no data row: nothing to import"
        ),
        (Lang::En, ImportError::SheetNotFound { sheet, available }) => format!(
            "sheet \"{sheet}\" not found; sheets present: {}",
            available.join(", ")
        ),
        (Lang::En, ImportError::TooLarge { size, limit }) => format!(
            "file too large: {} (at most {}); split the list into several files",
            mb(*size),
            mb(*limit)
        ),
        (Lang::En, ImportError::PartTooLarge { part, size, limit }) => format!(
            "Excel file (.xlsx) not accepted: the part \"{part}\" takes {} once unpacked (at most {} per part); a list of Gestori takes a few KB: check the file",
            mb(*size),
            mb(*limit)
        ),
        (
            Lang::En,
            ImportError::CellTooLong {
                sheet,
                cell,
                chars,
                limit,
            },
        ) => format!(
            "cell {cell} of sheet \"{sheet}\" holds {chars} characters (at most {limit}, Excel's limit): check the file"
        ),
        (Lang::En, ImportError::TooManyRows { limit }) => {
            format!("too many rows: more than {limit}; split the list into several files")
        }
        (Lang::En, ImportError::UnknownAtsOption { value }) => format!(
            "unknown ATS \"{value}\" (option --ats): use a code from 030321 to 030328 or the ATS's name"
        ),
    }
}
