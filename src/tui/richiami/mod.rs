//! F7, the recall lists: what falls due and needs the front desk, and what
//! a cooperative's Centro Servizi works from. A screen of sections, one drawn
//! at a time under a row of tabs with their counts: the PAI services to book,
//! the missed appointments to rebook, the Patti expiring and the adherence
//! of each patient to the PAI. The PAI lists are computed once when the
//! screen opens or comes back on top, never per key.

pub mod keys;
mod ricette;
pub mod strings;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::domain::PatientId;
use crate::service::Desk;
use crate::service::agenda::{AdherenceLine, Recall, RecallLists};
use crate::service::gestori::Trasferimento;
use crate::service::patto::Scadenza;
use crate::service::rinnovi::RENEWAL_DAYS;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context, first_key};
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::Open;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::MARKER;
use crate::tui::kit::theme::Selectable;
use crate::tui::richiami::strings::Texts;

/// The windows of the expiry list, switched with the range key.
pub const WITHIN_DAYS: [u64; 2] = [30, 60];
/// Expired Patti are listed for this many days after their expiry.
pub const EXPIRED_DAYS: u64 = 90;

/// A section of the recall screen, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// PAI occurrences due and not booked.
    DaPrenotare,
    /// Appointments not attended, to rebook.
    NonPresentati,
    ScadenzePatti,
    /// Adherence to the PAI per patient, lowest first.
    Aderenza,
    /// Prescriptions to issue, by lot.
    Ricette,
    /// Prese with an earlier-model Gestore whose MMG now adheres.
    Trasferire,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::DaPrenotare,
        Section::NonPresentati,
        Section::ScadenzePatti,
        Section::Ricette,
        Section::Aderenza,
        Section::Trasferire,
    ];

    fn title(self, s: &Texts, wide: bool) -> &'static str {
        match (self, wide) {
            (Section::DaPrenotare, true) => s.richiami.tab_da_prenotare,
            (Section::DaPrenotare, false) => s.richiami.tab_da_prenotare_short,
            (Section::NonPresentati, true) => s.richiami.tab_non_presentati,
            (Section::NonPresentati, false) => s.richiami.tab_non_presentati_short,
            (Section::ScadenzePatti, true) => s.richiami.tab_scadenze,
            (Section::ScadenzePatti, false) => s.richiami.tab_patti_short,
            (Section::Aderenza, true) => s.richiami.tab_aderenza,
            (Section::Aderenza, false) => s.richiami.tab_aderenza_short,
            (Section::Ricette, _) => s.richiami.tab_ricette,
            (Section::Trasferire, true) => s.richiami.tab_trasferire,
            (Section::Trasferire, false) => s.richiami.tab_trasferire_short,
        }
    }

    fn index(self) -> usize {
        Section::ALL.iter().position(|x| *x == self).unwrap_or(0)
    }
}

pub struct RichiamiScreen {
    section: Section,
    scadenze: ScadenzeList,
    da_prenotare: RecallList,
    non_presentati: RecallList,
    aderenza: AdherenceList,
    ricette: ricette::RicetteList,
    trasferire: TrasferireList,
}

impl RichiamiScreen {
    pub fn load(desk: &Desk) -> Result<RichiamiScreen, crate::service::DeskError> {
        let mut screen = RichiamiScreen {
            section: Section::DaPrenotare,
            scadenze: ScadenzeList {
                within: WITHIN_DAYS[0],
                rows: Vec::new(),
                list: ListState::default(),
            },
            da_prenotare: RecallList::default(),
            non_presentati: RecallList::default(),
            aderenza: AdherenceList::default(),
            ricette: ricette::RicetteList::default(),
            trasferire: TrasferireList::default(),
        };
        screen.reload(desk)?;
        Ok(screen)
    }

    /// Reads the lists again (on opening, and when the screen is on top
    /// again after a booking, a signature, a renewal, a revocation).
    pub fn reload(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        self.scadenze.load(desk)?;
        let RecallLists {
            da_prenotare,
            non_presentati,
            adherence,
            ricette,
        } = desk.agenda().recall_lists()?;
        self.ricette.set(ricette);
        self.da_prenotare.set(da_prenotare);
        self.non_presentati.set(non_presentati);
        self.aderenza.set(adherence);
        self.trasferire.set(desk.gestori().da_trasferire()?);
        Ok(())
    }

    pub fn section(&self) -> Section {
        self.section
    }

    pub fn context(&self) -> Context {
        match self.section {
            Section::ScadenzePatti => Context::Richiami,
            Section::DaPrenotare | Section::NonPresentati => Context::RichiamiPai,
            Section::Aderenza => Context::RichiamiAderenza,
            Section::Ricette => Context::RichiamiRicette,
            Section::Trasferire => Context::RichiamiTrasferire,
        }
    }

    /// The prescriptions shown (the lot chosen; issued ones only when asked).
    pub fn ricette(&self) -> &[crate::service::ricette::PrescriptionLine] {
        &self.ricette.rows
    }

    /// The lot shown in the prescriptions tab.
    pub fn lotto(&self) -> crate::domain::pai::Lotto {
        self.ricette.lotto
    }

    /// The rows of the expiry list, as shown.
    pub fn scadenze(&self) -> &[Scadenza] {
        &self.scadenze.rows
    }

    /// PAI services to book, as shown.
    pub fn da_prenotare(&self) -> &[Recall] {
        &self.da_prenotare.rows
    }

    /// Missed appointments to rebook, as shown.
    pub fn non_presentati(&self) -> &[Recall] {
        &self.non_presentati.rows
    }

    /// Adherence per patient, lowest first, as shown.
    pub fn aderenza(&self) -> &[AdherenceLine] {
        &self.aderenza.rows
    }

    /// The prese to move to the MMG's Gestore, as shown.
    pub fn da_trasferire(&self) -> &[Trasferimento] {
        &self.trasferire.rows
    }

    /// The selected recall of the tab shown ("da prenotare" or "non
    /// presentati").
    pub fn selected_recall(&self) -> Option<&Recall> {
        match self.section {
            Section::DaPrenotare => self.da_prenotare.selected(),
            Section::NonPresentati => self.non_presentati.selected(),
            _ => None,
        }
    }

    /// The days ahead of the expiry list.
    pub fn within(&self) -> u64 {
        self.scadenze.within
    }

    /// The patient of the selected line, for the F-keys of the other areas.
    pub fn patient(&self) -> Option<(PatientId, String)> {
        let name = |p: &crate::service::PatientSummary| (p.id, format!("{} {}", p.cognome, p.nome));
        match self.section {
            Section::DaPrenotare => self.da_prenotare.selected().map(|r| name(&r.patient)),
            Section::NonPresentati => self.non_presentati.selected().map(|r| name(&r.patient)),
            Section::ScadenzePatti => self
                .scadenze
                .list
                .selected()
                .and_then(|i| self.scadenze.rows.get(i))
                .map(|r| name(&r.patient)),
            Section::Aderenza => self.aderenza.selected().map(|l| name(&l.patient)),
            Section::Ricette => self.ricette.selected().map(|l| name(&l.patient)),
            Section::Trasferire => self.trasferire.selected().map(|t| name(&t.patient)),
        }
    }

    fn count(&self, section: Section) -> usize {
        match section {
            Section::DaPrenotare => self.da_prenotare.rows.len(),
            Section::NonPresentati => self.non_presentati.rows.len(),
            Section::ScadenzePatti => self.scadenze.rows.len(),
            Section::Aderenza => self.aderenza.rows.len(),
            Section::Ricette => self.ricette.da_emettere(self.ricette.lotto),
            Section::Trasferire => self.trasferire.rows.len(),
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let n = Section::ALL.len();
        match action {
            // The worklist of arruolabili, a screen of its own.
            Action::GoTo => return Some(Cmd::Open(Open::Arruolabili)),
            Action::NextField => {
                self.section = Section::ALL[(self.section.index() + 1) % n];
                return Some(Cmd::Redraw);
            }
            Action::PrevField => {
                self.section = Section::ALL[(self.section.index() + n - 1) % n];
                return Some(Cmd::Redraw);
            }
            _ => {}
        }
        if self.section == Section::ScadenzePatti && action == Action::RenewAll {
            return Some(self.ask_renew_all(env));
        }
        match self.section {
            Section::ScadenzePatti => self.scadenze.action(action, env),
            Section::DaPrenotare => self.da_prenotare.action(action, env),
            Section::NonPresentati => self.non_presentati.action(action, env),
            Section::Aderenza => self.aderenza.action(action, env),
            Section::Ricette => self.ricette_action(action, env),
            Section::Trasferire => self.trasferire.action(action, env),
        }
    }

    fn ricette_action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if self.ricette.navigate(action) {
            return Some(Cmd::Redraw);
        }
        let r = Texts::of(env).richiami;
        Some(match action {
            Action::Toggle => {
                let Some(l) = self.ricette.selected() else {
                    return Some(Cmd::None);
                };
                let emessa = l.emessa.is_none();
                let message = if emessa {
                    r.ricetta_emessa(&l.what)
                } else {
                    r.ricetta_non_emessa(&l.what)
                };
                let done = env
                    .desk
                    .pai()
                    .set_ricetta(l.pai, l.item, l.occorrenza, emessa);
                self.after_write(done.map(|_| message), env)
            }
            Action::MarkLot => {
                let Some((pai, issued, total)) = self.ricette.lot_of_selected() else {
                    return Some(Cmd::None);
                };
                let Some(l) = self.ricette.selected() else {
                    return Some(Cmd::None);
                };
                let name = format!("{} {}", l.patient.cognome, l.patient.nome);
                let lotto = self.ricette.lotto;
                // A lot all issued is offered back to "not issued".
                let emessa = issued < total;
                let lines = vec![r.lot_question(
                    lotto.numero(),
                    &name,
                    if emessa { total - issued } else { total },
                    emessa,
                )];
                Cmd::modal(crate::tui::kit::dialog::Modal::confirm(
                    crate::tui::kit::dialog::Submit::on(
                        move |screen: &mut RichiamiScreen, _modal, env| {
                            screen.mark_lot(pai, lotto, emessa, env)
                        },
                    ),
                    r.lot_title(lotto.numero()),
                    lines,
                ))
            }
            Action::Open => match self.ricette.selected() {
                Some(l) => Cmd::OpenRecord(l.patient.id),
                None => Cmd::None,
            },
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// F9 on the Patti expiring: the question, with how many.
    fn ask_renew_all(&mut self, env: &Env) -> Cmd {
        let r = Texts::of(env).richiami;
        let n = match env.desk.pai().renewal_candidates() {
            Ok(list) => list.len(),
            Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        };
        if n == 0 {
            return Cmd::Status(Status::info(r.renew_none(RENEWAL_DAYS)));
        }
        Cmd::modal(crate::tui::kit::dialog::Modal::confirm(
            crate::tui::kit::dialog::Submit::on(|screen: &mut RichiamiScreen, _modal, env| {
                screen.renew_all(env)
            }),
            r.renew_title.to_string(),
            vec![
                r.renew_question(n, RENEWAL_DAYS),
                String::new(),
                r.renew_then.to_string(),
            ],
        ))
    }

    fn renew_all(&mut self, env: &Env) -> Cmd {
        let r = Texts::of(env).richiami;
        let report = match env.desk.pai().renew_expiring() {
            Ok(report) => report,
            Err(e) => return Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        };
        if let Err(e) = self.reload(env.desk) {
            return Cmd::Status(Status::error(crate::texts::error(env.lang, &e)));
        }
        let mut message = r.renew_done(report.patti_creati, report.pai_creati, report.gia_pronti);
        if let Some((p, e)) = report.errori.first() {
            message.push_str(&r.renew_errors(
                report.errori.len(),
                &format!("{} {}", p.cognome, p.nome),
                &crate::texts::error(env.lang, e),
            ));
            return Cmd::Status(Status::warning(message));
        }
        Cmd::Status(Status::success(message))
    }

    fn mark_lot(
        &mut self,
        pai: crate::domain::pai::PaiId,
        lotto: crate::domain::pai::Lotto,
        emessa: bool,
        env: &Env,
    ) -> Cmd {
        let r = Texts::of(env).richiami;
        let done = env.desk.pai().set_lotto(pai, lotto, emessa);
        self.after_write(done.map(|n| r.lot_done(lotto.numero(), n, emessa)), env)
    }

    /// After recording a prescription: the lists again and the message.
    fn after_write(&mut self, done: Result<String, crate::service::DeskError>, env: &Env) -> Cmd {
        let done = done.and_then(|m| self.reload(env.desk).map(|()| m));
        match done {
            Ok(message) => Cmd::Status(Status::success(message)),
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        // The tabs with their counts: the current one in reverse video with
        // the marker. The long titles when they fit; else the last tabs take
        // their short titles, one more at a time; then all short and closer.
        let tabs_of = |short_from: usize, gap: bool, pad: &str| {
            let mut tabs = vec![Span::raw(" ")];
            for (i, section) in Section::ALL.into_iter().enumerate() {
                let long = i < short_from;
                let title = format!("{} ({})", section.title(s, long), self.count(section));
                if section == self.section {
                    tabs.push(Span::styled(format!("{MARKER}{title} "), theme.selected));
                } else {
                    tabs.push(Span::styled(format!("{pad}{title} "), theme.label));
                }
                tabs.push(Span::raw(if gap { " " } else { "" }));
            }
            tabs
        };
        let fits = |tabs: &[Span]| {
            tabs.iter()
                .map(|t| format::width(&t.content))
                .sum::<usize>()
                <= usize::from(area.width)
        };
        let n = Section::ALL.len();
        let tabs = (0..=n)
            .rev()
            .map(|short_from| tabs_of(short_from, true, "  "))
            .chain([tabs_of(0, false, "  "), tabs_of(0, false, " ")])
            .find(|tabs| fits(tabs))
            .unwrap_or_else(|| tabs_of(0, false, ""));
        frame.render_widget(Paragraph::new(Line::from(tabs)), Rect { height: 1, ..area });
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        match self.section {
            Section::ScadenzePatti => self.scadenze.draw(frame, body, env),
            Section::DaPrenotare => {
                let late = self
                    .da_prenotare
                    .rows
                    .iter()
                    .filter(|r| r.finestra.1 < env.today)
                    .count();
                let head = s
                    .richiami
                    .head_da_prenotare(self.da_prenotare.rows.len(), late);
                self.da_prenotare
                    .draw(frame, body, env, &head, s.richiami.empty_da_prenotare);
            }
            Section::NonPresentati => {
                let head = s
                    .richiami
                    .head_non_presentati(self.non_presentati.rows.len());
                self.non_presentati
                    .draw(frame, body, env, &head, s.richiami.empty_non_presentati);
            }
            Section::Aderenza => self.aderenza.draw(frame, body, env),
            Section::Ricette => self.ricette.draw(frame, body, env),
            Section::Trasferire => self.trasferire.draw(frame, body, env),
        }
    }
}

/// Selection and paging over a list of `len` rows drawn a window at a time
/// (rows of several lines).
#[derive(Default)]
struct Nav {
    list: ListState,
    /// First row drawn.
    offset: usize,
}

impl Nav {
    /// After the rows changed: the first row, or the same index if still there.
    fn reset(&mut self, len: usize) {
        let index = self.list.selected().unwrap_or(0).min(len.saturating_sub(1));
        self.list.select((len > 0).then_some(index));
    }

    /// Up, Down, PageUp, PageDown; `None` for other actions.
    fn action(&mut self, action: Action, len: usize) -> Option<Cmd> {
        self.list.step(action, len).then_some(Cmd::Redraw)
    }
}

/// A list of PAI recalls (to book, or missed); Enter plans the patient's PAI
/// in the agenda.
#[derive(Default)]
struct RecallList {
    rows: Vec<Recall>,
    nav: Nav,
}

impl RecallList {
    /// New rows; the selection stays on the same recall when it is still
    /// there, else on the same index.
    fn set(&mut self, rows: Vec<Recall>) {
        let key = |r: &Recall| (r.patient.id, r.pai, r.kind, r.target, r.what.clone());
        let kept = self.selected().map(key);
        self.rows = rows;
        self.nav.reset(self.rows.len());
        if let Some(i) = kept.and_then(|k| self.rows.iter().position(|r| key(r) == k)) {
            self.nav.list.select(Some(i));
        }
    }

    fn selected(&self) -> Option<&Recall> {
        self.nav.list.selected().and_then(|i| self.rows.get(i))
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        if let Some(cmd) = self.nav.action(action, self.rows.len()) {
            return Some(cmd);
        }
        Some(match action {
            Action::Open => {
                let Some(r) = self.selected() else {
                    return Some(Cmd::None);
                };
                let patient = (
                    r.patient.id,
                    format!("{} {}", r.patient.cognome, r.patient.nome),
                );
                Cmd::Open(Open::AgendaPlanning(patient))
            }
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, head: &str, empty: &str) {
        let s = Texts::of(env);
        let a = s.kit;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        frame.render_widget(
            Paragraph::new(Line::raw(format!(" {}", format::truncate(head, width)))),
            Rect { height: 1, ..area },
        );
        let table_area = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        self.nav.list.fit(table_area, 1);
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {empty}"), theme.muted)),
                table_area,
            );
            return;
        }
        let wide = area.width >= 100;
        // The codice fiscale only where the service's name still fits.
        let with_cf = area.width >= 120;
        let mut header = vec![Cell::from(a.col_paziente)];
        if with_cf {
            header.push(Cell::from(s.kit.col_cf));
        }
        header.extend([
            Cell::from(a.col_prestazione),
            Cell::from(s.richiami.col_dal),
            Cell::from(s.richiami.col_al),
            Cell::from(if wide {
                s.richiami.col_aderenza
            } else {
                s.richiami.col_aderenza_short
            }),
        ]);
        // Only the rows around the selection are built: the list may hold
        // thousands.
        let (first, rows) = window(&mut self.nav, self.rows.len(), table_area.height);
        let today = env.today;
        let body: Vec<Row> = self.rows[first..first + rows]
            .iter()
            .map(|r| {
                let mut cells = vec![Cell::from(format!(
                    "{} {}",
                    r.patient.cognome, r.patient.nome
                ))];
                if with_cf {
                    cells.push(Cell::from(r.patient.codice_fiscale.clone()));
                }
                let al = format::date(r.finestra.1);
                cells.extend([
                    Cell::from(r.what.clone()),
                    Cell::from(format::date(r.finestra.0)),
                    Cell::from(if r.finestra.1 < today && wide {
                        format!("{al} {}", s.richiami.late)
                    } else if r.finestra.1 < today {
                        format!("{al}!")
                    } else {
                        al
                    }),
                    Cell::from(percent(r.adherence)),
                ]);
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Fill(3)];
        if with_cf {
            widths.push(Constraint::Length(16));
        }
        widths.extend([
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Length(if wide { 21 } else { 11 }),
            Constraint::Length(if wide { 8 } else { 5 }),
        ]);
        draw_window(
            frame, table_area, env, header, body, widths, &self.nav, first,
        );
    }
}

/// Adherence per patient, lowest first; Enter opens the record.
#[derive(Default)]
struct AdherenceList {
    rows: Vec<AdherenceLine>,
    nav: Nav,
}

impl AdherenceList {
    /// New rows; the selection stays on the same plan when it is still
    /// there, else on the same index.
    fn set(&mut self, rows: Vec<AdherenceLine>) {
        let kept = self.selected().map(|l| l.pai);
        self.rows = rows;
        self.nav.reset(self.rows.len());
        if let Some(i) = kept.and_then(|k| self.rows.iter().position(|l| l.pai == k)) {
            self.nav.list.select(Some(i));
        }
    }

    fn selected(&self) -> Option<&AdherenceLine> {
        self.nav.list.selected().and_then(|i| self.rows.get(i))
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        if let Some(cmd) = self.nav.action(action, self.rows.len()) {
            return Some(cmd);
        }
        Some(match action {
            Action::Open => match self.selected() {
                Some(l) => Cmd::OpenRecord(l.patient.id),
                None => Cmd::None,
            },
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let a = s.kit;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let head = s.richiami.head_aderenza(self.rows.len());
        frame.render_widget(
            Paragraph::new(Line::raw(format!(" {}", format::truncate(&head, width)))),
            Rect { height: 1, ..area },
        );
        let table_area = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        self.nav.list.fit(table_area, 1);
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!(" {}", s.richiami.empty_aderenza),
                    theme.muted,
                )),
                table_area,
            );
            return;
        }
        let wide = area.width >= 120;
        let mut header = vec![Cell::from(s.kit.col_cognome), Cell::from(s.kit.col_nome)];
        if wide {
            header.extend([Cell::from(s.kit.col_cf), Cell::from(a.col_gestore)]);
        }
        header.extend([
            Cell::from(if wide {
                s.richiami.col_eseguite
            } else {
                s.richiami.col_eseguite_short
            }),
            Cell::from(if wide {
                s.richiami.col_aderenza
            } else {
                s.richiami.col_aderenza_short
            }),
            Cell::from(s.richiami.col_prescritte),
            Cell::from(s.richiami.col_prenotate),
            Cell::from(s.richiami.col_eseguite_anno),
        ]);
        let (first, rows) = window(&mut self.nav, self.rows.len(), table_area.height);
        let body: Vec<Row> = self.rows[first..first + rows]
            .iter()
            .map(|l| {
                let mut cells = vec![
                    Cell::from(l.patient.cognome.clone()),
                    Cell::from(l.patient.nome.clone()),
                ];
                if wide {
                    cells.extend([
                        Cell::from(l.patient.codice_fiscale.clone()),
                        Cell::from(gestore_cell(&l.patient, s)),
                    ]);
                }
                cells.extend([
                    Cell::from(format!("{}/{}", l.adherence.eseguite, l.adherence.dovute)),
                    Cell::from(l.adherence.label()),
                    Cell::from(format!("{}/{}", l.split.prescritte, l.split.prescrivibili)),
                    Cell::from(format!("{}/{}", l.split.prenotate, l.split.totali)),
                    Cell::from(format!("{}/{}", l.split.eseguite, l.split.totali)),
                ]);
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Fill(2), Constraint::Fill(2)];
        if wide {
            widths.extend([Constraint::Length(16), Constraint::Fill(3)]);
        }
        widths.extend([
            Constraint::Length(if wide { 15 } else { 9 }),
            Constraint::Length(if wide { 9 } else { 5 }),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Length(7),
        ]);
        draw_window(
            frame, table_area, env, header, body, widths, &self.nav, first,
        );
    }
}

/// The prese with an earlier-model Gestore whose MMG now adheres; Enter opens
/// the patient's Gestore screen (revoke, then choose the MMG's Gestore).
#[derive(Default)]
struct TrasferireList {
    rows: Vec<Trasferimento>,
    nav: Nav,
}

impl TrasferireList {
    fn set(&mut self, rows: Vec<Trasferimento>) {
        let kept = self.selected().map(|t| t.presa.id);
        self.rows = rows;
        self.nav.reset(self.rows.len());
        if let Some(i) = kept.and_then(|k| self.rows.iter().position(|t| t.presa.id == k)) {
            self.nav.list.select(Some(i));
        }
    }

    fn selected(&self) -> Option<&Trasferimento> {
        self.nav.list.selected().and_then(|i| self.rows.get(i))
    }

    fn action(&mut self, action: Action, _env: &Env) -> Option<Cmd> {
        if let Some(cmd) = self.nav.action(action, self.rows.len()) {
            return Some(cmd);
        }
        Some(match action {
            Action::Open => match self.selected() {
                Some(t) => Cmd::Open(Open::Gestore(t.patient.id)),
                None => Cmd::None,
            },
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        let head = s.richiami.head_trasferire(self.rows.len());
        frame.render_widget(
            Paragraph::new(Line::raw(format!(" {}", format::truncate(&head, width)))),
            Rect { height: 1, ..area },
        );
        let table_area = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        self.nav.list.fit(table_area, 1);
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!(" {}", s.richiami.empty_trasferire),
                    theme.muted,
                ))
                .wrap(ratatui::widgets::Wrap { trim: true }),
                table_area,
            );
            return;
        }
        let wide = area.width >= 120;
        let mut header = vec![Cell::from(s.kit.col_cognome), Cell::from(s.kit.col_nome)];
        if wide {
            header.push(Cell::from(s.kit.col_cf));
        }
        header.extend([
            Cell::from(s.richiami.col_gestore_attuale),
            Cell::from(s.richiami.col_paziente_mmg),
            Cell::from(s.richiami.col_gestore_mmg),
        ]);
        let (first, rows) = window(&mut self.nav, self.rows.len(), table_area.height);
        let body: Vec<Row> = self.rows[first..first + rows]
            .iter()
            .map(|t| {
                let mut cells = vec![
                    Cell::from(t.patient.cognome.clone()),
                    Cell::from(t.patient.nome.clone()),
                ];
                if wide {
                    cells.push(Cell::from(t.patient.codice_fiscale.clone()));
                }
                cells.extend([
                    Cell::from(t.gestore.denominazione.clone()),
                    Cell::from(t.mmg.clone()),
                    Cell::from(t.verso.denominazione.clone()),
                ]);
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Fill(2), Constraint::Fill(2)];
        if wide {
            widths.push(Constraint::Length(16));
        }
        widths.extend([
            Constraint::Fill(4),
            Constraint::Fill(3),
            Constraint::Fill(4),
        ]);
        draw_window(
            frame, table_area, env, header, body, widths, &self.nav, first,
        );
    }
}

/// The Gestore of the patient's active presa, marked when it is to move to
/// the MMG's Gestore.
fn gestore_cell(p: &crate::service::PatientSummary, s: &Texts) -> String {
    match &p.gestore {
        Some(g) if p.da_trasferire => format!("{g} ({})", s.kit.da_trasferire),
        Some(g) => g.clone(),
        None => s.kit.none.to_string(),
    }
}

/// "40%", or the dash when nothing is due yet.
fn percent(share: Option<f32>) -> String {
    match share {
        Some(x) => format!("{:.0}%", f64::from(x) * 100.0),
        None => "—".to_string(),
    }
}

/// The rows to build for a table of `len` rows in `height` lines (one for
/// the header) so that the selection is visible: (first, count).
fn window(nav: &mut Nav, len: usize, height: u16) -> (usize, usize) {
    let visible = usize::from(height.saturating_sub(1)).max(1);
    let selected = nav.list.selected().unwrap_or(0);
    if selected < nav.offset {
        nav.offset = selected;
    } else if selected >= nav.offset + visible {
        nav.offset = selected + 1 - visible;
    }
    nav.offset = nav.offset.min(len.saturating_sub(1));
    (nav.offset, visible.min(len - nav.offset))
}

/// Draws the rows `first..` of a list with the selection of `nav`.
#[allow(clippy::too_many_arguments)]
fn draw_window(
    frame: &mut Frame,
    area: Rect,
    env: &Env,
    header: Vec<Cell>,
    rows: Vec<Row>,
    widths: Vec<Constraint>,
    nav: &Nav,
    first: usize,
) {
    let theme = env.theme;
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.table_header))
        .selectable(theme);
    let mut state = TableState::default();
    state.select(nav.list.selected().map(|i| i - first));
    frame.render_stateful_widget(table, area, &mut state);
}

/// Signed Patti expiring within `within` days or expired in the last
/// [`EXPIRED_DAYS`]: the ones still in force first (soonest first), then
/// the expired ones (most recent first).
struct ScadenzeList {
    within: u64,
    rows: Vec<Scadenza>,
    list: ListState,
}

impl ScadenzeList {
    fn load(&mut self, desk: &Desk) -> Result<(), crate::service::DeskError> {
        let selected = self
            .list
            .selected()
            .and_then(|i| self.rows.get(i))
            .map(|r| r.patto.id);
        let mut rows = desk.patto().patti_in_scadenza(self.within, EXPIRED_DAYS)?;
        rows.sort_by_key(|r| {
            let al = r.patto.valido_al();
            let in_force = r.state.is_in_force();
            (
                !in_force,
                if in_force { al } else { None },
                std::cmp::Reverse(if in_force { None } else { al }),
            )
        });
        self.rows = rows;
        let index = selected
            .and_then(|id| self.rows.iter().position(|r| r.patto.id == id))
            .unwrap_or(0);
        self.list.select((!self.rows.is_empty()).then_some(index));
        Ok(())
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if self.list.step(action, self.rows.len()) {
            return Some(Cmd::Redraw);
        }
        Some(match action {
            Action::Range => {
                let i = WITHIN_DAYS
                    .iter()
                    .position(|d| *d == self.within)
                    .unwrap_or(0);
                self.within = WITHIN_DAYS[(i + 1) % WITHIN_DAYS.len()];
                match self.load(env.desk) {
                    Ok(()) => Cmd::Redraw,
                    Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
                }
            }
            Action::Open => {
                let Some(row) = self.list.selected().and_then(|i| self.rows.get(i)) else {
                    return Some(Cmd::Status(Status::info(
                        Texts::of(env).richiami.no_scadenze(self.within),
                    )));
                };
                Cmd::Open(Open::Patto(row.patto.patient))
            }
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let ps = s.kit;
        let theme = env.theme;
        let expiring = self.rows.iter().filter(|r| r.state.is_in_force()).count();
        let expired = self.rows.len() - expiring;
        let other = WITHIN_DAYS
            .iter()
            .copied()
            .find(|d| *d != self.within)
            .unwrap_or(self.within);
        let range_key = first_key(keys::KEYS, Context::Richiami, Action::Range)
            .map(|k| k.name(s))
            .unwrap_or_default();
        let width = usize::from(area.width.saturating_sub(2));
        let lines = vec![
            Line::raw(format!(
                " {}",
                format::truncate(
                    &s.richiami.scadenze_summary(self.within, expiring, expired),
                    width
                )
            )),
            Line::styled(
                format!(
                    " {}",
                    format::truncate(&s.richiami.range_hint(&range_key, other), width)
                ),
                theme.muted,
            ),
        ];
        frame.render_widget(Paragraph::new(lines), Rect { height: 2, ..area });
        let table_area = Rect {
            y: area.y + 3,
            height: area.height.saturating_sub(3),
            ..area
        };
        self.list.fit(table_area, 1);
        if self.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!(" {}", s.richiami.no_scadenze(self.within)),
                    theme.muted,
                )),
                table_area,
            );
            return;
        }
        let wide = area.width >= 100;
        let header = Row::new(vec![
            Cell::from(s.kit.col_cognome),
            Cell::from(s.kit.col_nome),
            Cell::from(s.kit.col_cf),
            Cell::from(s.richiami.col_gestore),
            Cell::from(s.richiami.col_valido_al),
            Cell::from(ps.col_stato),
        ])
        .style(theme.table_header);
        let rows = self.rows.iter().map(|r| {
            Row::new(vec![
                Cell::from(r.patient.cognome.clone()),
                Cell::from(r.patient.nome.clone()),
                Cell::from(r.patient.codice_fiscale.clone()),
                Cell::from(gestore_cell(&r.patient, s)),
                Cell::from(
                    r.patto
                        .valido_al()
                        .map(format::date)
                        .unwrap_or_else(|| s.kit.none.to_string()),
                ),
                Cell::from(if wide {
                    ps.state(r.state)
                } else {
                    ps.state_short(r.state)
                }),
            ])
        });
        let table = Table::new(
            rows,
            [
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(16),
                Constraint::Fill(3),
                Constraint::Length(10),
                Constraint::Length(if wide { 25 } else { 15 }),
            ],
        )
        .header(header)
        .selectable(theme);
        self.list.render(frame, table_area, table, 1);
    }
}

impl crate::tui::kit::screen::Screen for RichiamiScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::richiami::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        Self::context(self)
    }

    fn title(&self, env: &Env) -> String {
        env.kit.area_richiami.to_string()
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, _focused: bool) {
        Self::draw(self, frame, area, env)
    }

    fn patient(&self) -> Option<(crate::domain::PatientId, String)> {
        Self::patient(self)
    }

    fn resumed(&mut self, desk: &crate::service::Desk) -> Result<(), crate::service::DeskError> {
        self.reload(desk)
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        &[Patients, Patti, Pai, Agenda]
    }

    fn refresh(&mut self, env: &Env) {
        let _ = self.reload(env.desk);
    }

    crate::screen_any!();
}
