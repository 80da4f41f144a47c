//! Text fields: key and paste handling over tui-input, and drawing with the
//! cursor at tui-input's visual position (display columns, not bytes).

use crossterm::event::{Event, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use crate::domain::text::is_unsafe_char;

/// What a key did to a field that claimed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldChange {
    /// The key is a field key but changed nothing (Backspace at the start).
    Nothing,
    Cursor,
    Value,
}

/// Gives `key` to the field. `None` when it is not a field key (Enter, Tab,
/// Up, Down, F-keys, Ctrl+S ...): the key goes on to the keymap.
pub fn handle_key(input: &mut Input, key: &KeyEvent) -> Option<FieldChange> {
    let request = to_input_request(&Event::Key(*key))?;
    if let InputRequest::InsertChar(c) = request
        && is_unsafe_char(c)
    {
        return Some(FieldChange::Nothing);
    }
    Some(match input.handle(request) {
        Some(changed) if changed.value => FieldChange::Value,
        Some(_) => FieldChange::Cursor,
        None => FieldChange::Nothing,
    })
}

/// Inserts pasted text at the cursor, control characters (line breaks, tabs,
/// escapes) and bidirectional formatting characters removed. Returns whether
/// the value changed.
pub fn paste(input: &mut Input, text: &str) -> bool {
    let mut changed = false;
    for c in text.chars().filter(|c| !is_unsafe_char(*c)) {
        changed |= input.handle(InputRequest::InsertChar(c)).is_some();
    }
    changed
}

/// A field holding `value` with the cursor at the end.
pub fn input_with(value: &str) -> Input {
    Input::new(value.to_string())
}

/// One row of a form on line `y` of `area`: the label, marked when it has
/// the focus, in `label_width` columns, then the field in `input_width`.
/// `focused`: the screen has the keyboard (the cursor is placed).
#[allow(clippy::too_many_arguments)]
pub fn render_row(
    frame: &mut Frame,
    area: Rect,
    y: u16,
    (label_width, input_width): (u16, u16),
    label: &str,
    input: &Input,
    (is_focus, focused): (bool, bool),
    theme: &crate::tui::kit::theme::Theme,
) {
    let marker = if is_focus {
        crate::tui::kit::theme::MARKER
    } else {
        "  "
    };
    let label_style = if is_focus {
        theme.label_focused
    } else {
        theme.label
    };
    frame.render_widget(
        Paragraph::new(Span::styled(format!("{marker}{label}"), label_style)),
        Rect {
            y,
            height: 1,
            width: label_width,
            ..area
        },
    );
    let field_style = if is_focus {
        theme.field_focused
    } else {
        theme.field
    };
    render(
        frame,
        Rect {
            x: area.x + label_width,
            y,
            width: input_width,
            height: 1,
        },
        input,
        focused && is_focus,
        field_style,
        theme.label,
    );
}

/// Draws a field as `[value]` in `area` (one line). When `focused`, the
/// terminal cursor is placed at the input's visual cursor.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    input: &Input,
    focused: bool,
    style: Style,
    bracket_style: Style,
) {
    if area.width < 3 || area.height == 0 {
        return;
    }
    let inner_width = usize::from(area.width - 2);
    // One column is kept free for the cursor after the last character.
    let scroll = input.visual_scroll(inner_width.saturating_sub(1));
    let line = Line::from(vec![Span::styled("[", bracket_style)]);
    frame.render_widget(Paragraph::new(line), Rect { width: 1, ..area });
    let value_area = Rect {
        x: area.x + 1,
        width: area.width - 2,
        height: 1,
        ..area
    };
    frame.render_widget(
        Paragraph::new(input.value())
            .style(style)
            .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX))),
        value_area,
    );
    frame.render_widget(
        Paragraph::new(Span::styled("]", bracket_style)),
        Rect {
            x: area.x + area.width - 1,
            width: 1,
            height: 1,
            ..area
        },
    );
    if focused {
        let column = input.visual_cursor().saturating_sub(scroll);
        let x = value_area
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX))
            .min(value_area.x + value_area.width.saturating_sub(1));
        frame.set_cursor_position((x, area.y));
    }
}

/// Draws a password field: one bullet per character, the cursor where the
/// input's is; the value itself never reaches the screen.
pub fn render_masked(
    frame: &mut Frame,
    area: Rect,
    input: &Input,
    focused: bool,
    style: Style,
    bracket_style: Style,
) {
    let bullets = "•".repeat(input.value().chars().count());
    let masked = Input::new(bullets).with_cursor(input.cursor());
    render(frame, area, &masked, focused, style, bracket_style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn paste_removes_control_characters() {
        let mut input = Input::default();
        assert!(paste(
            &mut input,
            "Nicc\u{1b}olò\r\n D'\u{202E}Adda\t\u{2066}"
        ));
        assert_eq!(input.value(), "Niccolò D'Adda");
        assert_eq!(input.visual_cursor(), 14);
    }

    #[test]
    fn field_keys_are_claimed_others_are_not() {
        let mut input = Input::default();
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            handle_key(&mut input, &key(KeyCode::Char('ò'))),
            Some(FieldChange::Value)
        );
        assert_eq!(
            handle_key(&mut input, &key(KeyCode::Left)),
            Some(FieldChange::Cursor)
        );
        assert_eq!(
            handle_key(&mut input, &key(KeyCode::Left)),
            Some(FieldChange::Nothing)
        );
        assert_eq!(handle_key(&mut input, &key(KeyCode::Enter)), None);
        assert_eq!(handle_key(&mut input, &key(KeyCode::Tab)), None);
        assert_eq!(handle_key(&mut input, &key(KeyCode::F(2))), None);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(handle_key(&mut input, &ctrl_s), None);
        let alt_1 = KeyEvent::new(KeyCode::Char('1'), KeyModifiers::ALT);
        assert_eq!(handle_key(&mut input, &alt_1), None);
        assert_eq!(input.value(), "ò");
    }
}
