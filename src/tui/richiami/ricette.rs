//! F7, "Ricette da emettere": the occurrences of the shared PAI whose
//! prescription the MMG still has to issue, one lot at a time (months 1-6 or
//! 7-12 of each plan year). Space records the selected one as issued (or
//! not), Ctrl+L the whole lot of the patient's PAI after a confirmation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::strings::Texts;
use super::{Nav, draw_window, keys, window};
use crate::domain::pai::Lotto;
use crate::service::ricette::PrescriptionLine;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context, first_key};
use crate::tui::kit::screen::Env;

pub(super) struct RicetteList {
    pub(super) lotto: Lotto,
    /// Also the prescriptions already issued.
    pub(super) all: bool,
    /// Every line, both lots, issued or not.
    lines: Vec<PrescriptionLine>,
    /// The lines shown.
    pub(super) rows: Vec<PrescriptionLine>,
    nav: Nav,
}

impl Default for RicetteList {
    fn default() -> RicetteList {
        RicetteList {
            lotto: Lotto::Primo,
            all: false,
            lines: Vec::new(),
            rows: Vec::new(),
            nav: Nav::default(),
        }
    }
}

type LineKey = (u64, u32, u32);

fn key(l: &PrescriptionLine) -> LineKey {
    (l.pai, l.item, l.occorrenza)
}

impl RicetteList {
    /// New lines; the selection stays on the same occurrence when it is
    /// still shown, else on the same index.
    pub(super) fn set(&mut self, lines: Vec<PrescriptionLine>) {
        self.lines = lines;
        self.filter();
    }

    fn filter(&mut self) {
        let kept = self.selected().map(key);
        self.rows = self
            .lines
            .iter()
            .filter(|l| l.lotto == self.lotto && (self.all || l.emessa.is_none()))
            .cloned()
            .collect();
        self.nav.reset(self.rows.len());
        if let Some(i) = kept.and_then(|k| self.rows.iter().position(|l| key(l) == k)) {
            self.nav.list.select(Some(i));
        }
    }

    /// Prescriptions of `lotto` still to issue.
    pub(super) fn da_emettere(&self, lotto: Lotto) -> usize {
        self.lines
            .iter()
            .filter(|l| l.lotto == lotto && l.emessa.is_none())
            .count()
    }

    pub(super) fn selected(&self) -> Option<&PrescriptionLine> {
        self.nav.list.selected().and_then(|i| self.rows.get(i))
    }

    /// The lines of the selected patient's PAI in the lot shown: (issued,
    /// total).
    pub(super) fn lot_of_selected(&self) -> Option<(u64, usize, usize)> {
        let pai = self.selected()?.pai;
        let of_lot = self
            .lines
            .iter()
            .filter(|l| l.pai == pai && l.lotto == self.lotto);
        let total = of_lot.clone().count();
        let issued = of_lot.filter(|l| l.emessa.is_some()).count();
        Some((pai, issued, total))
    }

    /// Moves, switches the lot or what is shown; `None` for the actions the
    /// screen handles (they write).
    pub(super) fn navigate(&mut self, action: Action) -> bool {
        if self.nav.action(action, self.rows.len()).is_some() {
            return true;
        }
        match action {
            Action::Range => {
                self.lotto = self.lotto.other();
                self.nav.list.select(None);
                self.filter();
                true
            }
            Action::ShowAll => {
                self.all = !self.all;
                self.filter();
                true
            }
            _ => false,
        }
    }

    pub(super) fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let r = s.richiami;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let key_of = |action| {
            first_key(keys::KEYS, Context::RichiamiRicette, action)
                .map(|k| k.name(s))
                .unwrap_or_default()
        };
        let head = r.head_ricette(
            self.lotto.numero(),
            self.da_emettere(Lotto::Primo),
            self.da_emettere(Lotto::Secondo),
        );
        let hint = r.ricette_hint(
            &key_of(Action::Range),
            self.lotto.other().numero(),
            &key_of(Action::ShowAll),
            self.all,
        );
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(format!(" {}", format::truncate(&head, width))),
                Line::styled(format!(" {}", format::truncate(&hint, width)), theme.muted),
            ]),
            Rect {
                height: 2.min(area.height),
                ..area
            },
        );
        let table_area = Rect {
            y: area.y + 3,
            height: area.height.saturating_sub(3),
            ..area
        };
        self.nav.list.fit(table_area, 1);
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!(" {}", r.empty_ricette(self.lotto.numero())),
                    theme.muted,
                )),
                table_area,
            );
            return;
        }
        let wide = area.width >= 100;
        let mut header = vec![
            Cell::from(s.kit.col_paziente),
            Cell::from(s.kit.col_prestazione),
            Cell::from(r.col_mese),
            Cell::from(r.col_data),
        ];
        if self.all {
            header.push(Cell::from(r.col_emessa));
        }
        let (first, count) = window(&mut self.nav, self.rows.len(), table_area.height);
        let body: Vec<Row> = self.rows[first..first + count]
            .iter()
            .map(|l| {
                let mut cells = vec![
                    Cell::from(format!("{} {}", l.patient.cognome, l.patient.nome)),
                    Cell::from(l.what.clone()),
                    Cell::from(l.mese.to_string()),
                    Cell::from(format::date(l.target)),
                ];
                if self.all {
                    cells.push(Cell::from(match &l.emessa {
                        Some(e) if wide => format!("{} {}", format::date(e.emessa_il), e.operatore),
                        Some(e) => format::date(e.emessa_il),
                        None => "—".to_string(),
                    }));
                }
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Length(4),
            Constraint::Length(10),
        ];
        if self.all {
            widths.push(Constraint::Length(if wide { 22 } else { 10 }));
        }
        draw_window(
            frame, table_area, env, header, body, widths, &self.nav, first,
        );
    }
}
