//! F1: every key of every context, read from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::kit::format;
use crate::tui::kit::keys::{self, Action, Binding, Context};
use crate::tui::kit::screen::{Cmd, Env};
use crate::tui::strings::Strings;

/// Column of the key names.
const KEYS_WIDTH: usize = 30;

#[derive(Default)]
pub struct HelpScreen {
    scroll: usize,
    page: usize,
    total: usize,
    /// Every key table (the kit's and each feature's), from the application.
    tables: &'static [&'static [Binding]],
}

impl HelpScreen {
    /// The help listing the keys of `tables`.
    pub fn new(tables: &'static [&'static [Binding]]) -> HelpScreen {
        HelpScreen {
            tables,
            ..HelpScreen::default()
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
        let s = env.s;
        let theme = env.theme;
        let mut lines = Vec::new();
        for part in format::wrap(s.shell.help_intro, 78) {
            lines.push(Line::raw(part));
        }
        lines.push(Line::raw(""));
        for part in format::wrap(s.gestori.help_admin, 78) {
            lines.push(Line::raw(part));
        }
        for context in Context::ALL {
            lines.push(Line::raw(""));
            lines.push(Line::styled(context_title(context, s), theme.section));
            for entry in keys::help_entries(self.tables, context) {
                let keys: Vec<String> = entry.keys.iter().map(|k| k.name(s)).collect();
                let keys = keys.join(" / ");
                let pad = KEYS_WIDTH.saturating_sub(format::width(&keys)).max(2);
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys, theme.label_focused),
                    Span::raw(" ".repeat(pad)),
                    Span::raw((entry.label)(s)),
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

pub fn context_title(context: Context, s: &Strings) -> &'static str {
    match context {
        Context::Global => s.kit.ctx_global,
        Context::Lookup => s.patients.ctx_lookup,
        Context::Record => s.patients.ctx_record,
        Context::Form => s.patients.ctx_form,
        Context::Help => s.shell.ctx_help,
        Context::Placeholder => s.shell.ctx_placeholder,
        Context::Confirm => s.kit.ctx_confirm,
        Context::ConfirmDiscard => s.kit.ctx_confirm_discard,
        Context::ConfirmQuit => s.kit.ctx_confirm_quit,
        Context::DateModal => s.kit.ctx_date,
        Context::Patto => s.patto.ctx_patto,
        Context::PattoBozza => s.patto.ctx_bozza,
        Context::PattoTesto => s.patto.ctx_testo,
        Context::Richiami => s.richiami.ctx_richiami,
        Context::FormModal => s.kit.ctx_form_modal,
        Context::ChoiceModal => s.kit.ctx_choice_modal,
        Context::Gestore => s.gestori.ctx_gestore,
        Context::Picker => s.kit.ctx_picker,
        Context::Admin => s.admin.ctx_admin,
        Context::AdminImport => s.admin.ctx_admin_import,
        Context::AdminPreview => s.admin.ctx_admin_preview,
        Context::AdminHistory => s.admin.ctx_admin_history,
        Context::AdminStudio => s.admin.ctx_admin_studio,
        Context::AdminGestori => s.admin.ctx_admin_gestori,
        Context::AdminGestoreDetail => s.admin.ctx_admin_gestore,
        Context::AdminRisorse => s.agenda_admin.ctx_risorse,
        Context::AdminChiusure => s.agenda_admin.ctx_chiusure,
        Context::AdminFuori => s.agenda_admin.ctx_fuori,
        Context::Pai => s.pai.ctx_pai,
        Context::PaiBozza => s.pai.ctx_bozza,
        Context::PaiLettura => s.pai.ctx_lettura,
        Context::PaiDopo => s.pai.ctx_dopo,
        Context::Agenda => s.agenda.ctx_agenda,
        Context::AgendaPlan => s.agenda.ctx_plan,
        Context::Login => s.shell.ctx_login,
        Context::AdminOperators => s.access.ctx_operators,
        Context::AdminAudit => s.access.ctx_audit,
        Context::AdminArchivio => s.access.ctx_archivio,
        Context::AgendaWeek => s.agenda.ctx_week,
        Context::RichiamiPai => s.richiami.ctx_richiami_pai,
        Context::RichiamiAderenza => s.richiami.ctx_richiami_aderenza,
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
        env.s.shell.title_help.to_string()
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        Self::action(self, action)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
    }

    crate::screen_any!();
}
