//! Printing the Patto di Cura: an A4 PDF with the two copies (patient, Gestore)
//! and a plain-text version for receipt printers.
//!
//! Both take the frozen text of the Patto as it is (see
//! [`crate::domain::patto_text::render`]); the output depends on nothing else,
//! so a reprint of the same text is byte-identical (the PDF carries no
//! timestamp).
//!
//! The PDF uses DejaVu Sans Mono (`assets/fonts/`), embedded and subsetted by
//! krilla, so accents and apostrophes print (and copy out) correctly on any
//! viewer. A monospace font keeps the 90-column layout of the text, the
//! consent check boxes and the signature lines exactly as rendered.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use crate::domain::patto_text::{TEXT_WIDTH, unwrap_text, wrap_text};

/// DejaVu Sans Mono 2.37 (Bitstream Vera licence, see `assets/fonts/LICENSE-DejaVu.txt`).
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");

/// The copies, in print order.
pub const COPIE: [&str; 2] = ["Copia per il paziente", "Copia per il Gestore"];

/// A4 in PostScript points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// Body text size: 90 columns of DejaVu Sans Mono (advance 0.602 em) take 488 pt.
const BODY_SIZE: f32 = 9.0;
const SMALL_SIZE: f32 = 8.0;
/// Advance width of every glyph of the monospace font, in em.
const ADVANCE_EM: f32 = 1233.0 / 2048.0;
const LINE_HEIGHT: f32 = 11.6;
const MARGIN_X: f32 = 53.0;
const HEADER_BASELINE: f32 = 42.0;
const HEADER_RULE: f32 = 50.0;
const BODY_TOP: f32 = 74.0;
/// The mark of a revoked Patto, between the heading and the body.
const MARK_BASELINE: f32 = 62.0;
const FOOTER_RULE: f32 = 800.0;
const FOOTER_BASELINE: f32 = 812.0;
/// Body lines per page.
const LINES_PER_PAGE: usize = ((FOOTER_RULE - 12.0 - BODY_TOP) / LINE_HEIGHT) as usize + 1;
/// A group of lines at most this long is moved whole to the next page rather
/// than split.
const KEEP_TOGETHER: usize = 14;

/// Errors while printing, in Italian for the operator.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("Il carattere incorporato per la stampa non è leggibile")]
    Font,
    #[error("Errore nella creazione del PDF: {0}")]
    Pdf(String),
    #[error("Errore nella scrittura del file: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes the A4 PDF of the Patto: the copy for the patient, then the copy for
/// the Gestore, each starting on a new page, every page headed with
/// `intestazione` (e.g. the Gestore's name) and the copy, and numbered within
/// its copy. Lines longer than the page are wrapped; short paragraphs and the
/// signature lines are not split across pages.
///
/// `marca` (e.g. "REVOCATO il 01/06/2026: motivo") is printed on every page,
/// under the heading, so that no page of a revoked Patto can pass for one in
/// force.
pub fn write_patto_pdf(
    text: &str,
    intestazione: &str,
    marca: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result<(), PrintError> {
    write_pdf(text, intestazione, "Patto di Cura", &COPIE, marca, out)
}

/// Writes an A4 PDF of a plain-text document (PAI, day lists): one run of
/// pages per entry of `copie` (an empty label heads no copy), with the same
/// layout and embedded font as the Patto.
pub fn write_document_pdf(
    text: &str,
    intestazione: &str,
    titolo: &str,
    copie: &[&str],
    out: &mut dyn std::io::Write,
) -> Result<(), PrintError> {
    write_pdf(text, intestazione, titolo, copie, None, out)
}

fn write_pdf(
    text: &str,
    intestazione: &str,
    titolo: &str,
    copie: &[&str],
    marca: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result<(), PrintError> {
    let marca = marca.map(one_line).filter(|m| !m.is_empty());
    let font = Font::new(FONT.into(), 0).ok_or(PrintError::Font)?;
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PrintError::Pdf("formato di pagina non valido".into()))?;
    let pages = paginate(&printable(text));
    let intestazione = one_line(intestazione);

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(titolo.to_string())
            .language("it".to_string())
            .creator("sportello".to_string()),
    );
    for &copia in copie {
        for (index, lines) in pages.iter().enumerate() {
            let footer = format!("Pagina {} di {}", index + 1, pages.len());
            let labels = PageLabels {
                intestazione: &intestazione,
                copia,
                footer: &footer,
                marca: marca.as_deref(),
            };
            draw_page(&mut document, &settings, &font, &labels, lines);
        }
    }
    let bytes = document
        .finish()
        .map_err(|e| PrintError::Pdf(e.to_string()))?;
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(())
}

/// What a page prints besides its lines: the heading, the copy, the page
/// number and the mark of a revoked Patto.
struct PageLabels<'a> {
    intestazione: &'a str,
    copia: &'a str,
    footer: &'a str,
    marca: Option<&'a str>,
}

fn draw_page(
    document: &mut Document,
    settings: &PageSettings,
    font: &Font,
    labels: &PageLabels<'_>,
    lines: &[String],
) {
    let PageLabels {
        intestazione,
        copia,
        footer,
        marca,
    } = *labels;
    let mut page = document.start_page_with(settings.clone());
    let mut surface = page.surface();
    let right = PAGE_WIDTH - MARGIN_X;
    let small_columns = ((right - MARGIN_X) / (ADVANCE_EM * SMALL_SIZE)) as usize;

    surface.set_fill(Some(Fill {
        paint: luma::Color::new(70).into(),
        ..Fill::default()
    }));
    let copia_columns = copia.chars().count();
    let room = small_columns.saturating_sub(copia_columns + 2);
    let header: String = truncate(intestazione, room);
    if !header.is_empty() {
        surface.draw_text(
            Point::from_xy(MARGIN_X, HEADER_BASELINE),
            font.clone(),
            SMALL_SIZE,
            &header,
            false,
            TextDirection::Auto,
        );
    }
    let copia_x = right - text_width(copia, SMALL_SIZE);
    surface.draw_text(
        Point::from_xy(copia_x, HEADER_BASELINE),
        font.clone(),
        SMALL_SIZE,
        copia,
        false,
        TextDirection::Auto,
    );
    let footer_left = format!("Patto di Cura - {copia}");
    surface.draw_text(
        Point::from_xy(MARGIN_X, FOOTER_BASELINE),
        font.clone(),
        SMALL_SIZE,
        &footer_left,
        false,
        TextDirection::Auto,
    );
    surface.draw_text(
        Point::from_xy(right - text_width(footer, SMALL_SIZE), FOOTER_BASELINE),
        font.clone(),
        SMALL_SIZE,
        footer,
        false,
        TextDirection::Auto,
    );

    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: luma::Color::new(120).into(),
        width: 0.5,
        ..Stroke::default()
    }));
    for y in [HEADER_RULE, FOOTER_RULE] {
        let mut pb = PathBuilder::new();
        pb.move_to(MARGIN_X, y);
        pb.line_to(right, y);
        if let Some(path) = pb.finish() {
            surface.draw_path(&path);
        }
    }
    surface.set_stroke(None);

    surface.set_fill(Some(Fill {
        paint: luma::Color::black().into(),
        ..Fill::default()
    }));
    if let Some(marca) = marca {
        let columns = ((right - MARGIN_X) / (ADVANCE_EM * BODY_SIZE)) as usize;
        surface.draw_text(
            Point::from_xy(MARGIN_X, MARK_BASELINE),
            font.clone(),
            BODY_SIZE,
            &truncate(marca, columns),
            false,
            TextDirection::Auto,
        );
    }
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let y = BODY_TOP + LINE_HEIGHT * i as f32;
        surface.draw_text(
            Point::from_xy(MARGIN_X, y),
            font.clone(),
            BODY_SIZE,
            line,
            false,
            TextDirection::Auto,
        );
    }
    surface.finish();
    page.finish();
}

/// Width of `text` in the monospace font at `size`.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * ADVANCE_EM * size
}

fn truncate(text: &str, columns: usize) -> String {
    if text.chars().count() <= columns {
        return text.to_string();
    }
    if columns == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(columns - 1).collect();
    cut.push('…');
    cut
}

/// Control characters out, runs of whitespace collapsed.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text ready for a page: `\n` line ends, tabs as spaces, other control
/// characters removed (a form feed is kept: it forces a new page), wrapped at
/// [`TEXT_WIDTH`].
fn printable(text: &str) -> Vec<String> {
    let normalised: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\u{c}')
        .collect();
    let normalised = normalised.replace('\u{c}', "\n\u{c}\n");
    wrap_text(&normalised, TEXT_WIDTH)
        .trim_end()
        .split('\n')
        .map(str::to_string)
        .collect()
}

fn is_signature_line(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5 && t.chars().all(|c| c == '_')
}

/// A heading standing alone: a short line without lower-case letters.
fn is_heading(block: &[String]) -> bool {
    block.len() == 1 && {
        let t = block[0].trim();
        t.chars().count() <= 60
            && t.chars().any(char::is_alphabetic)
            && !t.chars().any(char::is_lowercase)
    }
}

/// Splits the lines into pages. Blocks are runs of non-blank lines; a block of
/// signature lines stays with the block before it, a lone heading with the
/// block after it; a group of at most [`KEEP_TOGETHER`] lines that does not fit
/// in what is left of a page starts the next page. Blank lines at the top of a
/// page are dropped. There is always at least one page.
fn paginate(lines: &[String]) -> Vec<Vec<String>> {
    // Groups of lines, each with its leading blank lines counted apart.
    let mut groups: Vec<(usize, Vec<String>, bool)> = Vec::new(); // (blank lines before, lines, page break before)
    let mut blanks = 0usize;
    let mut force_break = false;
    let mut current: Vec<String> = Vec::new();
    let mut current_blanks = 0usize;
    let mut current_break = false;
    let flush = |groups: &mut Vec<(usize, Vec<String>, bool)>,
                 current: &mut Vec<String>,
                 blanks_before: usize,
                 brk: bool| {
        if !current.is_empty() {
            groups.push((blanks_before, std::mem::take(current), brk));
        }
    };
    for line in lines {
        if line.contains('\u{c}') {
            flush(&mut groups, &mut current, current_blanks, current_break);
            force_break = true;
            blanks = 0;
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                flush(&mut groups, &mut current, current_blanks, current_break);
            }
            blanks += 1;
            continue;
        }
        if current.is_empty() {
            current_blanks = blanks;
            current_break = force_break;
            force_break = false;
            blanks = 0;
        }
        current.push(line.clone());
    }
    flush(&mut groups, &mut current, current_blanks, current_break);

    // Signature lines join the block before; lone headings join the block after.
    let mut units: Vec<(usize, Vec<String>, bool)> = Vec::new();
    let mut pending_heading: Option<(usize, Vec<String>, bool)> = None;
    for (blanks, block, brk) in groups {
        let signature = !brk && block.iter().all(|l| is_signature_line(l));
        if signature
            && pending_heading.is_none()
            && let Some(last) = units.last_mut()
        {
            last.1.extend(std::iter::repeat_n(String::new(), blanks));
            last.1.extend(block);
            continue;
        }
        let unit = match pending_heading.take() {
            Some((hb, mut heading, hbrk)) if !brk => {
                heading.extend(std::iter::repeat_n(String::new(), blanks));
                heading.extend(block);
                (hb, heading, hbrk)
            }
            Some(heading) => {
                units.push(heading);
                (blanks, block, brk)
            }
            None => (blanks, block, brk),
        };
        if is_heading(&unit.1) {
            pending_heading = Some(unit);
        } else {
            units.push(unit);
        }
    }
    if let Some(heading) = pending_heading {
        units.push(heading);
    }

    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut page: Vec<String> = Vec::new();
    for (blanks, unit, brk) in units {
        if brk && !page.is_empty() {
            pages.push(std::mem::take(&mut page));
        }
        let lead = if page.is_empty() { 0 } else { blanks };
        let left = LINES_PER_PAGE.saturating_sub(page.len());
        if !page.is_empty() && lead + unit.len() > left && unit.len() <= KEEP_TOGETHER {
            pages.push(std::mem::take(&mut page));
        }
        if !page.is_empty() {
            page.extend(std::iter::repeat_n(String::new(), blanks));
        }
        for line in unit {
            if page.len() >= LINES_PER_PAGE {
                pages.push(std::mem::take(&mut page));
            }
            if page.is_empty() && line.trim().is_empty() {
                continue;
            }
            page.push(line);
        }
    }
    if !page.is_empty() || pages.is_empty() {
        pages.push(page);
    }
    pages
}

/// The receipt-printer version: the copy for the patient and the copy for the
/// Gestore, separated by a cut line, wrapped to `width` columns (clamped to
/// 20..=200). Paragraphs wrapped for the page are joined again and rewrapped,
/// centred titles stay centred, signature lines are shortened to fit.
pub fn patto_plain_text(text: &str, width: usize) -> String {
    let width = width.clamp(20, 200);
    let source: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let body = narrow(&unwrap_text(source.trim_end(), TEXT_WIDTH), width);

    let mut out = String::new();
    for (i, copia) in COPIE.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&cut_line(width));
            out.push_str("\n\n");
        }
        out.push_str(&center(copia, width));
        out.push_str("\n\n");
        out.push_str(&body);
        out.push('\n');
    }
    out
}

/// Rewraps unwrapped text to `width`.
fn narrow(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        let content = line.trim();
        if is_signature_line(content) {
            lines.push("_".repeat(content.chars().count().min(width)));
        } else if indent > 8 && !content.is_empty() {
            // A centred line: centre it again on the narrower width.
            for piece in wrap_text(content, width).split('\n') {
                lines.push(center(piece, width));
            }
        } else {
            lines.push(wrap_text(line, width));
        }
    }
    lines.join("\n")
}

fn center(text: &str, width: usize) -> String {
    let len = text.chars().count();
    let pad = width.saturating_sub(len) / 2;
    format!("{}{}", " ".repeat(pad), text)
}

/// "---------- taglia qui ----------" across `width` columns.
fn cut_line(width: usize) -> String {
    let label = " taglia qui ";
    let dashes = width.saturating_sub(label.len());
    let left = dashes / 2;
    format!("{}{}{}", "-".repeat(left), label, "-".repeat(dashes - left))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "                                      PATTO DI CURA\n\nPaziente: Niccolò D'Adda\nÈ un testo con accenti: à è é ì ò ù, e l'apostrofo.\n\nFirma del paziente o di chi lo rappresenta\n\n______________________________________\n";

    fn pdf(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write_patto_pdf(
            text,
            "Società Cooperativa Medici della Martesana",
            None,
            &mut out,
        )
        .unwrap();
        out
    }

    fn extract(bytes: &[u8]) -> String {
        pdf_extract::extract_text_from_mem(bytes).unwrap()
    }

    #[test]
    fn pdf_has_both_copies_and_the_accented_name() {
        let bytes = pdf(SAMPLE);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = extract(&bytes);
        assert!(
            text.contains("Niccolò D'Adda") || text.contains("D'Adda Niccolò"),
            "{text}"
        );
        assert!(text.contains("à è é ì ò ù"), "{text}");
        assert!(text.contains("Copia per il paziente"), "{text}");
        assert!(text.contains("Copia per il Gestore"), "{text}");
        assert!(text.contains("Pagina 1 di 1"), "{text}");
        assert!(
            text.contains("Società Cooperativa Medici della Martesana"),
            "{text}"
        );
        let doc = lopdf_pages(&bytes);
        assert_eq!(doc, 2, "one page per copy");
    }

    fn lopdf_pages(bytes: &[u8]) -> usize {
        // pdf-extract re-exports lopdf.
        pdf_extract::Document::load_mem(bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0)
    }

    #[test]
    fn a_mark_is_printed_on_every_page() {
        let mut out = Vec::new();
        let text = "riga\n".repeat(200);
        write_patto_pdf(&text, "", Some("REVOCATO il 01/06/2026: errore"), &mut out).unwrap();
        let pages = lopdf_pages(&out);
        assert!(pages >= 4, "{pages}");
        assert_eq!(
            extract(&out)
                .matches("REVOCATO il 01/06/2026: errore")
                .count(),
            pages
        );
        assert!(!extract(&pdf(&text)).contains("REVOCATO"));
    }

    #[test]
    fn reprints_are_byte_identical() {
        assert_eq!(pdf(SAMPLE), pdf(SAMPLE));
        let rendered = crate::domain::patto_text::tests::rendered();
        let first = pdf(&rendered);
        assert_eq!(first, pdf(&rendered));
        assert_ne!(first, pdf(SAMPLE));
    }

    #[test]
    fn the_pdf_bytes_are_pinned() {
        // Same text, same bytes, in any process (no timestamp, no random ids).
        // When a krilla or font update changes this hash, PDFs reprinted from
        // the frozen text stop being byte-identical to earlier prints: update
        // it knowingly.
        assert_eq!(
            crate::domain::patto::sha256_hex_bytes(&pdf(SAMPLE)),
            "6760696c80fd1db4e38399c81b63510a578ad6147d6b7abdf61435735a6ae836"
        );
    }

    #[test]
    fn the_rendered_patto_prints_on_pages_of_each_copy() {
        let rendered = crate::domain::patto_text::tests::rendered();
        let bytes = pdf(&rendered);
        let pages = lopdf_pages(&bytes);
        assert!(pages >= 4 && pages.is_multiple_of(2), "{pages}");
        let text = extract(&bytes);
        assert!(text.contains("D'Adda Niccolò"), "{text}");
        assert!(text.contains("dal 15/01/2026 al 14/01/2027"), "{text}");
        let per_copy = pages / 2;
        assert!(text.contains(&format!("Pagina {per_copy} di {per_copy}")));
        assert_eq!(
            text.matches("Copia per il paziente").count(),
            text.matches("Copia per il Gestore").count()
        );
    }

    #[test]
    fn odd_input_does_not_break_the_pdf() {
        for text in [
            "",
            "\u{c}",
            "👍 ✂ \u{7} tab\there",
            &"x".repeat(5000),
            &"riga\n".repeat(400),
        ] {
            let mut out = Vec::new();
            write_patto_pdf(text, "", None, &mut out).unwrap();
            assert!(out.starts_with(b"%PDF-"));
        }
        let many = lopdf_pages(&pdf(&"riga\n".repeat(400)));
        assert!(many.is_multiple_of(2));
        assert!(many >= 12, "{many}");
    }

    #[test]
    fn pagination_keeps_signatures_with_their_label() {
        let mut lines: Vec<String> = (0..LINES_PER_PAGE - 3)
            .map(|i| format!("riga {i}"))
            .collect();
        lines.push(String::new());
        lines.push("Firma del paziente o di chi lo rappresenta".into());
        lines.push(String::new());
        lines.push("______________________".into());
        let pages = paginate(&lines);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1][0], "Firma del paziente o di chi lo rappresenta");
        assert_eq!(pages[1][2], "______________________");

        let forced = paginate(&["uno".into(), "\u{c}".into(), "due".into()]);
        assert_eq!(
            forced,
            vec![vec!["uno".to_string()], vec!["due".to_string()]]
        );
        assert_eq!(paginate(&[]), vec![Vec::<String>::new()]);

        let heading = paginate(
            &std::iter::repeat_n("x".to_string(), LINES_PER_PAGE - 2)
                .chain(["".into(), "9. CONSENSI".into(), "".into(), "testo".into()])
                .collect::<Vec<_>>(),
        );
        assert_eq!(heading[1][0], "9. CONSENSI");
    }

    #[test]
    fn plain_text_has_two_copies_and_fits_the_width() {
        let rendered = crate::domain::patto_text::tests::rendered();
        for width in [32, 42, 48] {
            let plain = patto_plain_text(&rendered, width);
            for line in plain.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
            assert_eq!(plain.matches("Copia per il paziente").count(), 1);
            assert_eq!(plain.matches("Copia per il Gestore").count(), 1);
            assert_eq!(plain.matches("taglia qui").count(), 1);
            assert_eq!(plain.matches("800 638 638").count(), 2);
            assert!(plain.contains("D'Adda Niccolò"));
        }
        let plain = patto_plain_text(&rendered, 42);
        assert!(plain.contains(&format!("\n{}\n", "_".repeat(38))));
        assert!(plain.contains("\n              PATTO DI CURA\n"), "{plain}");
        assert!(plain.contains("------------- taglia qui -------------"));
        assert_eq!(plain, patto_plain_text(&rendered, 42));
        let tiny = patto_plain_text("", 0);
        assert!(tiny.contains("Copia per il Gestore"));
    }

    #[test]
    fn plain_text_snapshot_at_42_columns() {
        let rendered = crate::domain::patto_text::tests::rendered();
        insta::assert_snapshot!(patto_plain_text(&rendered, 42));
    }
}
