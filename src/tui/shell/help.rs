//! F1: every key of every context, read from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::kit::format;
use crate::tui::kit::keys::{self, Action, Binding, Context};
use crate::tui::kit::lang::Lang;
use crate::tui::kit::screen::{Cmd, Env};
use crate::tui::shell::strings::Texts;

/// Column of the key names.
const KEYS_WIDTH: usize = 30;

/// The title of a context in the help, in a language: each feature names
/// its own contexts, the application gathers them.
pub type ContextTitle = fn(Context, Lang) -> &'static str;

pub struct HelpScreen {
    scroll: usize,
    page: usize,
    total: usize,
    /// Every key table (the kit's and each feature's), from the application.
    tables: &'static [&'static [Binding]],
    /// The contexts' titles, from the application.
    context_title: ContextTitle,
}

impl HelpScreen {
    /// The help listing the keys of `tables` under the titles of
    /// `context_title`.
    pub fn new(tables: &'static [&'static [Binding]], context_title: ContextTitle) -> HelpScreen {
        HelpScreen {
            scroll: 0,
            page: 0,
            total: 0,
            tables,
            context_title,
        }
    }

    pub fn action(&mut self, action: Action) -> Option<Cmd> {
        let max = self.total.saturating_sub(self.page);
        let page = self.page.max(1);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(max),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => (self.scroll + page).min(max),
            Action::Back => return Some(Cmd::Back),
            _ => return None,
        };
        Some(Cmd::Redraw)
    }

    fn lines<'a>(&self, env: &Env<'a>) -> Vec<Line<'a>> {
        let s = Texts::of(env);
        let theme = env.theme;
        let mut lines = Vec::new();
        for part in format::wrap(s.shell.help_intro, 78) {
            lines.push(Line::raw(part));
        }
        lines.push(Line::raw(""));
        for part in format::wrap(s.shell.help_admin, 78) {
            lines.push(Line::raw(part));
        }
        for context in Context::ALL {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                (self.context_title)(context, env.lang),
                theme.section,
            ));
            for entry in keys::help_entries(self.tables, context) {
                let keys: Vec<String> = entry.keys.iter().map(|k| k.name(s)).collect();
                let keys = keys.join(" / ");
                let pad = KEYS_WIDTH.saturating_sub(format::width(&keys)).max(2);
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys, theme.label_focused),
                    Span::raw(" ".repeat(pad)),
                    Span::raw((entry.label)(s.lang)),
                ]));
            }
        }
        lines
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let lines = self.lines(env);
        self.total = lines.len();
        self.page = usize::from(area.height);
        self.scroll = self.scroll.min(self.total.saturating_sub(self.page));
        let area = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..area
        };
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(self.scroll).unwrap_or(0), 0)),
            area,
        );
    }
}

impl crate::tui::kit::screen::Screen for HelpScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::shell::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        Context::Help
    }

    fn title(&self, env: &Env) -> String {
        Texts::of(env).shell.title_help.to_string()
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        Self::action(self, action)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
    }

    crate::screen_any!();
}
