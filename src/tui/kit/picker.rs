//! A small list to pick one entry from (the ATS of a Gestore list, the
//! adesione of an MMG), drawn over its screen. The screen that owns it routes
//! its keys through the `Picker` keymap context while it is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::kit::dialog::{dialog_box, hints_line, keep_visible};
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::screen::Env;
use crate::tui::kit::theme::MARKER;

/// What a key did to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerOutcome {
    /// Enter on entry `i`.
    Chosen(usize),
    Cancelled,
    /// The selection moved (or did not: the key was still the list's).
    Moved,
    /// Not a key of the list.
    Ignored,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    /// Text above the list.
    pub lines: Vec<String>,
    pub items: Vec<String>,
    pub selected: usize,
    scroll: usize,
    /// Entries visible in the last frame.
    page: usize,
}

impl Picker {
    pub fn new(title: String, lines: Vec<String>, items: Vec<String>, selected: usize) -> Picker {
        let selected = selected.min(items.len().saturating_sub(1));
        Picker {
            title,
            lines,
            items,
            selected,
            scroll: 0,
            page: 8,
        }
    }

    pub fn action(&mut self, action: Action) -> PickerOutcome {
        let last = self.items.len().saturating_sub(1);
        let page = self.page.max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Home => 0,
            Action::End => last,
            Action::Confirm => {
                return if self.items.is_empty() {
                    PickerOutcome::Cancelled
                } else {
                    PickerOutcome::Chosen(self.selected)
                };
            }
            Action::Cancel => return PickerOutcome::Cancelled,
            _ => return PickerOutcome::Ignored,
        };
        PickerOutcome::Moved
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let s = env.kit;
        let widest = self
            .items
            .iter()
            .map(|i| format::width(i))
            .max()
            .unwrap_or(0)
            .max(format::width(&self.title) + 2);
        let width = u16::try_from(widest + 8)
            .unwrap_or(u16::MAX)
            .clamp(30, area.width.saturating_sub(4).clamp(20, 90));
        let inner_width = usize::from(width.saturating_sub(4));
        let mut head: Vec<Line> = Vec::new();
        for line in &self.lines {
            for part in format::wrap(line, inner_width) {
                head.push(Line::raw(part));
            }
        }
        if !head.is_empty() {
            head.push(Line::raw(""));
        }
        // Borders, the text, the list, a blank line and the hints.
        let fixed = head.len() + 4;
        let room = usize::from(area.height).saturating_sub(fixed).max(1);
        self.page = self.items.len().clamp(1, room);
        keep_visible(self.selected, &mut self.scroll, self.page);
        let height = u16::try_from(fixed + self.page).unwrap_or(u16::MAX);
        let inner = dialog_box(frame, area, width, height, &self.title, theme);
        let mut text = head;
        let item_width = usize::from(inner.width).saturating_sub(2);
        for (i, item) in self
            .items
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(self.page)
        {
            let item = format::truncate(item, item_width);
            if i == self.selected {
                let pad = item_width.saturating_sub(format::width(&item));
                text.push(Line::styled(
                    format!("{MARKER}{item}{}", " ".repeat(pad)),
                    theme.selected,
                ));
            } else {
                text.push(Line::raw(format!("  {item}")));
            }
        }
        text.push(Line::raw(""));
        text.push(hints_line(&[], Context::Picker, s, theme));
        frame.render_widget(Paragraph::new(text), inner);
    }
}
