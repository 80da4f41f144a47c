//! The one dialog that may sit over a screen: a question, or a question with
//! a date. It gets every key first.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use tui_input::Input;

use std::rc::Rc;

use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{self, Action, Context};
use crate::tui::kit::screen::{Cmd, Env, Screen};
use crate::tui::kit::theme::{ERROR_MARK, MARKER};

/// Draws an empty dialog box `width` x `height` (at most `area`) centred in
/// `area`, with `title` on its top border; returns the room inside it, one
/// column in from each side border.
pub fn dialog_box(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: &crate::tui::kit::theme::Theme,
) -> Rect {
    let height = height.min(area.height);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width: width.min(area.width),
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.section))
        .style(theme.modal);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// The key hints of `context` on one line ("Invio Scegli  Esc Annulla"),
/// from a feature's key `table` or the kit's.
pub fn hints_line(
    table: &'static [keys::Binding],
    context: Context,
    s: &impl crate::tui::kit::lang::Language,
    theme: &crate::tui::kit::theme::Theme,
) -> Line<'static> {
    let mut hints: Vec<Span> = Vec::new();
    for b in keys::hints(table, context) {
        if !hints.is_empty() {
            hints.push(Span::raw("  "));
        }
        hints.push(Span::styled(b.key.name(s), theme.footer_key));
        hints.push(Span::raw(format!(" {}", (b.label)(s.lang()))));
    }
    Line::from(hints)
}

/// Moves the first row shown of a list (`scroll`) so that row `selected`
/// is within the `page` rows on screen.
pub fn keep_visible(selected: usize, scroll: &mut usize, page: usize) {
    if selected < *scroll {
        *scroll = selected;
    } else if selected >= *scroll + page {
        *scroll = selected + 1 - page;
    }
}

/// Where a navigation goes once unsaved changes may be dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Back,
    Root,
    Quit,
    /// A main area (F3 ... F7, F11): the action of its key.
    Area(Action),
    /// The patient of a scanned card (the code is kept by the application).
    Scan,
}

/// A change of the patient's status that needs a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    Deceased,
    Transferred,
}

/// What a dialog does when the operator confirms it (or answers "salva" or
/// "resta" to the unsaved-changes question): given the screen under the
/// dialog, the dialog as answered and the environment, the command for the
/// application. The feature that opens a dialog says what it does, next to
/// its screen; the application routes nothing by purpose. A completion may
/// give the dialog back (`Cmd::modal(modal)`, with its `error` set) to keep
/// it open.
#[derive(Clone)]
pub struct Submit(Rc<SubmitFn>);

type SubmitFn = dyn Fn(&mut dyn Screen, Modal, &Env) -> Cmd;

impl Submit {
    /// A completion that does not need the screen under the dialog.
    pub fn new(f: impl Fn(Modal, &Env) -> Cmd + 'static) -> Submit {
        Submit(Rc::new(move |_: &mut dyn Screen, modal, env| f(modal, env)))
    }

    /// A completion on the screen of type `S` under the dialog; nothing
    /// happens if another screen is on top.
    pub fn on<S: Screen>(f: impl Fn(&mut S, Modal, &Env) -> Cmd + 'static) -> Submit {
        Submit(Rc::new(
            move |screen: &mut dyn Screen, modal, env| match screen.downcast_mut::<S>() {
                Some(screen) => f(screen, modal, env),
                None => Cmd::None,
            },
        ))
    }

    /// Like [`Submit::on`], for a completion that may fail: the dialog stays
    /// open with the error under its fields.
    pub fn on_try<S: Screen>(
        f: impl Fn(&mut S, &Modal, &Env) -> Result<Cmd, String> + 'static,
    ) -> Submit {
        Submit::on(move |screen: &mut S, modal, env| keep_open(f(screen, &modal, env), modal))
    }

    /// Like [`Submit::on_try`], for a completion on any screen.
    pub fn try_new(f: impl Fn(&Modal, &Env) -> Result<Cmd, String> + 'static) -> Submit {
        Submit::new(move |modal, env| keep_open(f(&modal, env), modal))
    }

    /// A completion on whatever screen is under the dialog.
    pub fn with_screen(f: impl Fn(&mut dyn Screen, Modal, &Env) -> Cmd + 'static) -> Submit {
        Submit(Rc::new(f))
    }

    /// Runs the completion on `screen` with the answered `modal`.
    pub fn run(&self, screen: &mut dyn Screen, modal: Modal, env: &Env) -> Cmd {
        (self.0)(screen, modal, env)
    }
}

/// What a confirmation produced, or the dialog again with the error.
pub fn keep_open(result: Result<Cmd, String>, mut modal: Modal) -> Cmd {
    match result {
        Ok(cmd) => cmd,
        Err(message) => {
            modal.error = Some(message);
            Cmd::modal(modal)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalOutcome {
    Confirmed,
    Cancelled,
    /// The third answer of the unsaved-changes question: save, then go on.
    Save,
    /// The key was taken; `true` when something visible changed.
    Consumed(bool),
}

pub struct Modal {
    /// What confirming does.
    pub on_submit: Submit,
    /// What the third answer, "salva", does (the unsaved-changes question).
    pub on_save: Option<Submit>,
    /// What cancelling does besides closing the dialog.
    pub on_cancel: Option<Submit>,
    /// The keymap context of a question, if not the plain one.
    pub question: Option<Context>,
    pub title: String,
    pub lines: Vec<String>,
    /// The date field of a date question.
    pub input: Option<(String, Input)>,
    pub error: Option<String>,
    /// The fields of a dialog with several (Tab moves between them); empty
    /// for a question or a date.
    pub fields: Vec<DialogField>,
    /// The focused entry of `fields`.
    pub focus: usize,
}

/// One field of a dialog with several fields.
#[derive(Debug, Clone)]
pub enum DialogField {
    Text {
        label: String,
        input: Input,
    },
    /// One of a few options, changed with Space.
    Choice {
        label: String,
        options: Vec<String>,
        selected: usize,
    },
    /// A password: drawn as bullets.
    Secret {
        label: String,
        input: Input,
    },
}

impl DialogField {
    fn label(&self) -> &str {
        match self {
            DialogField::Text { label, .. }
            | DialogField::Choice { label, .. }
            | DialogField::Secret { label, .. } => label,
        }
    }
}

impl Modal {
    pub fn confirm(on_submit: impl Into<Submit>, title: String, lines: Vec<String>) -> Modal {
        Modal {
            on_submit: on_submit.into(),
            on_save: None,
            on_cancel: None,
            question: None,
            title,
            lines,
            input: None,
            error: None,
            fields: Vec::new(),
            focus: 0,
        }
    }

    pub fn date(
        on_submit: impl Into<Submit>,
        title: String,
        lines: Vec<String>,
        label: String,
        default: NaiveDate,
    ) -> Modal {
        Modal {
            on_submit: on_submit.into(),
            on_save: None,
            on_cancel: None,
            question: None,
            title,
            lines,
            input: Some((label, field::input_with(&format::date(default)))),
            error: None,
            fields: Vec::new(),
            focus: 0,
        }
    }

    /// A dialog with several fields: text fields and choices.
    pub fn form(
        on_submit: impl Into<Submit>,
        title: String,
        lines: Vec<String>,
        fields: Vec<DialogField>,
    ) -> Modal {
        Modal {
            on_submit: on_submit.into(),
            on_save: None,
            on_cancel: None,
            question: None,
            title,
            lines,
            input: None,
            error: None,
            fields,
            focus: 0,
        }
    }

    /// A question with its own keymap context (the unsaved-changes one),
    /// what "salva" does and what cancelling does.
    pub fn with_question(
        mut self,
        context: Context,
        on_save: Option<Submit>,
        on_cancel: Option<Submit>,
    ) -> Modal {
        self.question = Some(context);
        self.on_save = on_save;
        self.on_cancel = on_cancel;
        self
    }

    /// The text of field `i` of a dialog with several fields ("" if none).
    pub fn text(&self, i: usize) -> &str {
        match self.fields.get(i) {
            Some(DialogField::Text { input, .. } | DialogField::Secret { input, .. }) => {
                input.value()
            }
            _ => "",
        }
    }

    /// The chosen option of field `i` (0 if it is not a choice).
    pub fn choice(&self, i: usize) -> usize {
        match self.fields.get(i) {
            Some(DialogField::Choice { selected, .. }) => *selected,
            _ => 0,
        }
    }

    fn focused_text(&mut self) -> Option<&mut Input> {
        match self.fields.get_mut(self.focus) {
            Some(DialogField::Text { input, .. } | DialogField::Secret { input, .. }) => {
                Some(input)
            }
            _ => None,
        }
    }

    /// Keys of a dialog with several fields.
    fn handle_form_key(&mut self, key: &KeyEvent) -> ModalOutcome {
        if let Some(input) = self.focused_text()
            && let Some(change) = field::handle_key(input, key)
        {
            if change == field::FieldChange::Value {
                self.error = None;
            }
            return ModalOutcome::Consumed(change != field::FieldChange::Nothing);
        }
        if let Some(c) = typed_letter(key)
            && let Some(DialogField::Choice {
                options, selected, ..
            }) = self.fields.get_mut(self.focus)
            && let Some(i) = option_starting_with(options, *selected, c)
        {
            *selected = i;
            return ModalOutcome::Consumed(true);
        }
        let n = self.fields.len().max(1);
        match keys::action_for(&[], self.context(), key) {
            Some(Action::Confirm) => ModalOutcome::Confirmed,
            Some(Action::Cancel) => ModalOutcome::Cancelled,
            Some(Action::NextField) => {
                self.focus = (self.focus + 1) % n;
                ModalOutcome::Consumed(true)
            }
            Some(Action::PrevField) => {
                self.focus = (self.focus + n - 1) % n;
                ModalOutcome::Consumed(true)
            }
            Some(action @ (Action::Toggle | Action::NextOption | Action::PrevOption)) => {
                match self.fields.get_mut(self.focus) {
                    Some(DialogField::Choice {
                        options, selected, ..
                    }) => {
                        *selected = cycle(*selected, options.len(), action != Action::PrevOption);
                        ModalOutcome::Consumed(true)
                    }
                    _ => ModalOutcome::Consumed(false),
                }
            }
            _ => ModalOutcome::Consumed(false),
        }
    }

    pub fn context(&self) -> Context {
        if self
            .fields
            .iter()
            .any(|f| matches!(f, DialogField::Choice { .. }))
        {
            return Context::ChoiceModal;
        }
        if !self.fields.is_empty() {
            return Context::FormModal;
        }
        match (self.question, &self.input) {
            (_, Some(_)) => Context::DateModal,
            (Some(context), None) => context,
            (None, None) => Context::Confirm,
        }
    }

    /// The text of the date field, if any.
    pub fn value(&self) -> Option<&str> {
        self.input.as_ref().map(|(_, i)| i.value())
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> ModalOutcome {
        if !self.fields.is_empty() {
            return self.handle_form_key(key);
        }
        if let Some((_, input)) = &mut self.input
            && let Some(change) = field::handle_key(input, key)
        {
            if change == field::FieldChange::Value {
                self.error = None;
            }
            return ModalOutcome::Consumed(change != field::FieldChange::Nothing);
        }
        match keys::action_for(&[], self.context(), key) {
            Some(Action::Confirm) => ModalOutcome::Confirmed,
            Some(Action::Cancel) => ModalOutcome::Cancelled,
            Some(Action::Save) => ModalOutcome::Save,
            _ => ModalOutcome::Consumed(false),
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if let Some(input) = self.focused_text() {
            return field::paste(input, text);
        }
        match &mut self.input {
            Some((_, input)) => field::paste(input, text),
            None => false,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let width = area.width.saturating_sub(4).clamp(20, 76);
        let inner_width = usize::from(width.saturating_sub(4));
        let mut text: Vec<Line> = Vec::new();
        for line in &self.lines {
            for part in format::wrap(line, inner_width) {
                text.push(Line::raw(part));
            }
        }
        let field_row = self.input.as_ref().map(|_| {
            text.push(Line::raw(""));
            text.len()
        });
        if self.input.is_some() {
            text.push(Line::raw(""));
        }
        let fields_row = (!self.fields.is_empty()).then(|| {
            text.push(Line::raw(""));
            let row = text.len();
            for _ in &self.fields {
                text.push(Line::raw(""));
            }
            row
        });
        if let Some(error) = &self.error {
            for part in format::wrap(&format!("{ERROR_MARK}{error}"), inner_width) {
                text.push(Line::styled(part, theme.error));
            }
        }
        text.push(Line::raw(""));
        text.push(hints_line(&[], self.context(), env.kit, theme));

        let height = u16::try_from(text.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let inner = dialog_box(frame, area, width, height, &self.title, theme);
        frame.render_widget(Paragraph::new(text), inner);
        if let Some(row) = fields_row {
            self.draw_fields(frame, inner, row, env);
        }
        if let (Some(row), Some((label, input))) = (field_row, &self.input) {
            let y = inner.y + u16::try_from(row).unwrap_or(0);
            if y < inner.bottom() {
                let label_width = u16::try_from(format::width(label) + 1).unwrap_or(0);
                frame.render_widget(
                    Paragraph::new(Span::styled(label.as_str(), theme.label_focused)),
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                );
                let field_area = Rect {
                    x: inner.x + label_width,
                    y,
                    width: 14.min(inner.width.saturating_sub(label_width)),
                    height: 1,
                };
                field::render(
                    frame,
                    field_area,
                    input,
                    true,
                    theme.field_focused,
                    theme.label,
                );
            }
        }
    }

    /// The fields of a dialog with several, one per row from `row`: the
    /// focused one with the marker, the cursor in a focused text field.
    fn draw_fields(&self, frame: &mut Frame, inner: Rect, row: usize, env: &Env) {
        let theme = env.theme;
        let label_width = self
            .fields
            .iter()
            .map(|f| format::width(f.label()))
            .max()
            .unwrap_or(0)
            + 4;
        let label_cols = u16::try_from(label_width).unwrap_or(0);
        for (i, f) in self.fields.iter().enumerate() {
            let y = inner.y + u16::try_from(row + i).unwrap_or(u16::MAX);
            if y >= inner.bottom() {
                break;
            }
            let focused = i == self.focus;
            let marker = if focused { MARKER } else { "  " };
            let (label_style, field_style) = if focused {
                (theme.label_focused, theme.field_focused)
            } else {
                (theme.label, theme.field)
            };
            frame.render_widget(
                Paragraph::new(Span::styled(format!("{marker}{}", f.label()), label_style)),
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            );
            let area = Rect {
                x: inner.x + label_cols,
                y,
                width: inner.width.saturating_sub(label_cols),
                height: 1,
            };
            match f {
                DialogField::Text { input, .. } => {
                    field::render(frame, area, input, focused, field_style, theme.label)
                }
                DialogField::Secret { input, .. } => {
                    field::render_masked(frame, area, input, focused, field_style, theme.label)
                }
                DialogField::Choice {
                    options, selected, ..
                } => {
                    let option = options.get(*selected).map_or("", String::as_str);
                    let text = format!("◀ {option} ▶");
                    let style = if focused { theme.selected } else { theme.field };
                    frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
                }
            }
        }
    }
}

/// Option `selected` of `len` moved one step on, or back, around the ends.
pub fn cycle(selected: usize, len: usize, forward: bool) -> usize {
    let len = len.max(1);
    if forward {
        (selected + 1) % len
    } else {
        (selected + len - 1) % len
    }
}

/// The character of a key typed as text (plain or with Shift), but Space,
/// which has keys of its own on a choice.
pub fn typed_letter(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if c != ' ' && key.modifiers.difference(KeyModifiers::SHIFT).is_empty() =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// The first option after `selected` (round the ends, `selected` itself
/// last) that starts with `c`, case and accents aside: a letter typed on a
/// choice goes to it, and typed again to the next one with that letter.
pub fn option_starting_with(options: &[String], selected: usize, c: char) -> Option<usize> {
    let fold = crate::domain::text::fold;
    let want = fold(&c.to_string());
    if want.is_empty() {
        return None;
    }
    let n = options.len();
    (1..=n)
        .map(|k| (selected + k) % n)
        .find(|&i| fold(&options[i]).starts_with(&want))
}

#[cfg(test)]
mod choice_tests {
    use super::*;

    fn kinds() -> Vec<String> {
        [
            "ambulatorio MMG",
            "ambulatorio infermieristico",
            "ECG",
            "Èlite",
            "punto prelievi",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn a_letter_goes_to_the_next_option_it_starts_round_the_ends() {
        let o = kinds();
        assert_eq!(option_starting_with(&o, 0, 'a'), Some(1));
        assert_eq!(option_starting_with(&o, 1, 'a'), Some(0));
        assert_eq!(option_starting_with(&o, 0, 'E'), Some(2));
        assert_eq!(option_starting_with(&o, 2, 'e'), Some(3));
        assert_eq!(option_starting_with(&o, 3, 'é'), Some(2));
        assert_eq!(option_starting_with(&o, 4, 'p'), Some(4));
        assert_eq!(option_starting_with(&o, 0, 'z'), None);
        assert_eq!(option_starting_with(&[], 0, 'a'), None);
    }

    #[test]
    fn only_letters_typed_as_text_count() {
        let key = |code, modifiers| KeyEvent::new(code, modifiers);
        assert_eq!(
            typed_letter(&key(KeyCode::Char('a'), KeyModifiers::NONE)),
            Some('a')
        );
        assert_eq!(
            typed_letter(&key(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            Some('A')
        );
        assert_eq!(
            typed_letter(&key(KeyCode::Char('a'), KeyModifiers::CONTROL)),
            None
        );
        assert_eq!(
            typed_letter(&key(KeyCode::Char(' '), KeyModifiers::NONE)),
            None
        );
        assert_eq!(typed_letter(&key(KeyCode::Left, KeyModifiers::NONE)), None);
    }
}
