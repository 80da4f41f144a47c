//! Cells of the CSV files sportello writes. A spreadsheet opening a CSV runs a
//! cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula: a Gestore named `=HYPERLINK("http://…")` would
//! become a link in the practice's spreadsheet. Every CSV export passes its
//! cells through [`neutralise`], which puts an apostrophe in front of such a
//! cell (spreadsheets show the text as typed); the importer takes that
//! apostrophe off again (see `table::clean`), so an exported list imports back
//! unchanged.

use std::borrow::Cow;

/// Whether a spreadsheet could read `cell` as a formula.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Whether [`neutralise`] puts an apostrophe before `cell`: it could be read as
/// a formula, also once apostrophes in front of it are taken off (so that a
/// cell that really starts with `'=` comes back as it was).
fn needs_apostrophe(cell: &str) -> bool {
    is_formula_like(cell.trim_start_matches('\''))
}

/// `cell` as written into a CSV: with a leading `'` when it could be read as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_apostrophe(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `text` as a CSV cell: control and bidirectional characters removed (a
/// store written before they were refused at input may still hold some, and
/// an export goes to a terminal as often as to a file), then [`neutralise`]d.
pub fn export_cell(text: &str) -> String {
    neutralise(&crate::domain::text::clean_input(text)).into_owned()
}

/// A cell read back from a file: the apostrophe [`neutralise`] added is taken off.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_apostrophe(cell) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_an_apostrophe_and_lose_it_on_import() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+39 02 1234",
            "-2",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let written = neutralise(cell);
            assert_eq!(written, format!("'{cell}"));
            assert_eq!(restore(&written), cell);
        }
        assert_eq!(neutralise("Rossi"), "Rossi");
        assert_eq!(neutralise(""), "");
        assert_eq!(neutralise("'quoted"), "'quoted");
        assert_eq!(restore("'quoted"), "'quoted");
        assert_eq!(restore("Rossi"), "Rossi");
        // A cell that really starts with an apostrophe before a formula sign.
        assert_eq!(neutralise("'-x"), "''-x");
        assert_eq!(restore("''-x"), "'-x");
        assert_eq!(
            export_cell("Coop\u{1b}[2J\u{7} \u{202e}Rossa"),
            "Coop[2J Rossa"
        );
        assert_eq!(export_cell("\u{202e}=1"), "'=1");
    }
}
