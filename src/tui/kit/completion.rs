//! The completion list under a text field: comuni for a place field (the
//! patient form, Amministrazione › Studio), and the drawing of any list of
//! completions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::text;
use crate::tui::kit::format;
use crate::tui::kit::theme::{MARKER, Theme};

/// Most completions offered at once.
pub const COMPLETIONS: usize = 8;

/// The completion list under a comune field (also the practice's comune in
/// Amministrazione › Studio).
#[derive(Debug, Clone)]
pub struct Completion {
    pub items: Vec<String>,
    pub selected: usize,
}

/// The comuni completing what was typed in a place field; `None` when there
/// is nothing to offer (empty, a Belfiore code, or already a listed label).
pub fn comuni_completion(value: &str) -> Option<Completion> {
    let value = value.trim();
    if value.is_empty() || format::looks_like_belfiore(value) {
        return None;
    }
    let (name, _) = format::split_label(value);
    // An exact name first, then the comuni of Lombardy, then the others,
    // each group in alphabetical order.
    let key = text::fold(name);
    let mut found = crate::service::comuni().complete(name, 500);
    found.sort_by_key(|c| {
        (
            text::fold(&c.nome) != key,
            crate::service::ats_table()
                .ats_for_province(&c.provincia)
                .is_none(),
        )
    });
    let items: Vec<String> = found
        .into_iter()
        .take(COMPLETIONS)
        .map(format::comune_label)
        .collect();
    if items.is_empty() || items.iter().any(|i| i == value) {
        return None;
    }
    Some(Completion { items, selected: 0 })
}

/// The list of comuni under (or, near the bottom, over) the focused field.
pub fn draw_completion(frame: &mut Frame, area: Rect, row: Rect, c: &Completion, theme: &Theme) {
    let height = u16::try_from(c.items.len()).unwrap_or(0) + 2;
    let width = row.width.max(30).min(area.right().saturating_sub(row.x));
    let below = row.y + 1;
    let y = if below + height <= area.bottom() {
        below
    } else {
        row.y.saturating_sub(height).max(area.y)
    };
    let rect = Rect {
        x: row.x,
        y,
        width,
        height: height.min(area.height),
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered().style(theme.modal);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines: Vec<Line> = c
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if i == c.selected {
                Line::styled(format!("{MARKER}{item}"), theme.selected)
            } else {
                Line::raw(format!("  {item}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
