//! Styles of the interface. Colour is an extra: every state is also shown by
//! text attributes or a marker, and `NO_COLOR` turns colour off.

use ratatui::style::{Color, Modifier, Style};

/// The marker in front of the selected row or the focused field.
pub const MARKER: &str = "▶ ";

/// Prefixes of field messages, so that they do not depend on colour.
pub const ERROR_MARK: &str = "✗ ";
pub const WARNING_MARK: &str = "! ";
pub const INFO_MARK: &str = "";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub footer_key: Style,
    pub footer_text: Style,
    pub status_info: Style,
    pub status_success: Style,
    pub status_warning: Style,
    pub status_error: Style,
    /// Selected row of a list or table: reverse video, whatever the colours.
    pub selected: Style,
    pub table_header: Style,
    pub label: Style,
    pub label_focused: Style,
    pub field: Style,
    pub field_focused: Style,
    pub section: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub muted: Style,
    pub modal: Style,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_color)
    }

    pub fn new(color: bool) -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        let selected = plain.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if color {
            Theme {
                header: Style::default()
                    .fg(Color::White)
                    .bg(Color::Blue)
                    .add_modifier(Modifier::BOLD),
                footer_key: Style::default()
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                footer_text: plain,
                status_info: Style::default().fg(Color::Cyan),
                status_success: Style::default()
                    .fg(Color::Green)
                    .add_modifier(Modifier::BOLD),
                status_warning: Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                status_error: Style::default()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                selected,
                table_header: bold.add_modifier(Modifier::UNDERLINED),
                label: plain,
                label_focused: bold,
                field: Style::default().fg(Color::White),
                field_focused: Style::default()
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD),
                section: Style::default()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                error: Style::default().fg(Color::LightRed),
                warning: Style::default().fg(Color::Yellow),
                info: Style::default().fg(Color::Green),
                muted: Style::default().fg(Color::Gray),
                modal: plain,
            }
        } else {
            Theme {
                header: selected,
                footer_key: selected,
                footer_text: plain,
                status_info: plain,
                status_success: bold,
                status_warning: bold,
                status_error: bold,
                selected,
                table_header: bold.add_modifier(Modifier::UNDERLINED),
                label: plain,
                label_focused: bold,
                field: plain,
                field_focused: bold,
                section: bold,
                error: bold,
                warning: plain.add_modifier(Modifier::ITALIC),
                info: plain,
                muted: plain,
                modal: plain,
            }
        }
    }
}

/// A list table drawn the one way of the application: one space between
/// columns, and the selected row in reverse video behind the marker (never
/// shown by colour alone).
pub trait Selectable {
    fn selectable(self, theme: &Theme) -> Self;
}

impl Selectable for ratatui::widgets::Table<'_> {
    fn selectable(self, theme: &Theme) -> Self {
        self.column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol(MARKER)
            .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_is_reverse_video_with_and_without_colour() {
        for color in [true, false] {
            let t = Theme::new(color);
            assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
            assert_eq!(t.selected.fg, None);
        }
        let plain = Theme::new(false);
        assert_eq!(plain.error.fg, None);
        assert_eq!(plain.header.bg, None);
    }
}
