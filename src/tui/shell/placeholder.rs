//! The areas that later versions fill (Gestore, Patto, PAI, Agenda, Richiami):
//! their keys open this screen, which says so, rather than doing nothing.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::PatientId;
use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::{Cmd, Env};
use crate::tui::shell::strings::Texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Gestore,
    Patto,
    Pai,
    Agenda,
    Richiami,
}

impl Area {
    pub fn name(self, s: &Texts) -> &'static str {
        match self {
            Area::Gestore => s.kit.area_gestore,
            Area::Patto => s.kit.area_patto,
            Area::Pai => s.kit.area_pai,
            Area::Agenda => s.kit.area_agenda,
            Area::Richiami => s.kit.area_richiami,
        }
    }

    fn description(self, s: &Texts) -> &'static str {
        match self {
            Area::Gestore => s.kit.area_gestore_text,
            Area::Patto => s.shell.area_patto_text,
            Area::Pai => s.shell.area_pai_text,
            Area::Agenda => s.shell.area_agenda_text,
            Area::Richiami => s.shell.area_richiami_text,
        }
    }
}

pub struct PlaceholderScreen {
    pub area: Area,
    pub patient: Option<(PatientId, String)>,
}

impl PlaceholderScreen {
    pub fn new(area: Area, patient: Option<(PatientId, String)>) -> PlaceholderScreen {
        PlaceholderScreen { area, patient }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        let mut lines = vec![
            Line::raw(""),
            Line::styled(self.area.name(s), theme.section),
            Line::raw(""),
            Line::raw(self.area.description(s)),
            Line::raw(""),
        ];
        if let Some((_, name)) = &self.patient {
            lines.push(Line::raw(format!("{}: {name}", s.kit.patient)));
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(s.shell.coming_soon, theme.status_warning));
        lines.push(Line::raw(""));
        lines.push(Line::styled(s.shell.placeholder_back, theme.muted));
        frame.render_widget(
            Paragraph::new(lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
    }
}

impl crate::tui::kit::screen::Screen for PlaceholderScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::shell::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        crate::tui::kit::keys::Context::Placeholder
    }

    fn title(&self, env: &Env) -> String {
        self.area.name(Texts::of(env)).to_string()
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        match action {
            Action::Back => Some(Cmd::Back),
            _ => None,
        }
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
    }

    fn patient(&self) -> Option<(PatientId, String)> {
        self.patient.clone()
    }

    crate::screen_any!();
}
