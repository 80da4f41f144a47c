//! F11 (Alt+9), Amministrazione: a menu of sections, each opened as its own
//! screen on the stack (Esc comes back to the menu): importing an ATS list of
//! Gestori with a preview, the log of imports, the practice set-up, the
//! stored list of Gestori, and the agenda set-up (resources, closures, the
//! appointments left outside availability).

pub mod agenda;
pub mod audit;
pub mod import;
pub mod keys;
pub mod operators;
pub mod primarie;
pub mod strings;
pub mod studio;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use tui_input::Input;

use crate::domain::gestore::GestoriImport;
use crate::domain::operator::Role;
use crate::domain::text::fold;
use crate::domain::{Gestore, GestoreId};
use crate::tui::admin::agenda::{ChiusureSection, FuoriSection, RisorseSection};
use crate::tui::admin::audit::AuditSection;
use crate::tui::admin::import::ImportSection;
use crate::tui::admin::operators::OperatorsSection;
use crate::tui::admin::primarie::PrimarieSection;
use crate::tui::admin::strings::Texts;
use crate::tui::admin::studio::StudioSection;
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::list::ListState;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::MARKER;
use crate::tui::kit::theme::Selectable;

/// The sections, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Import,
    History,
    Studio,
    Gestori,
    Primarie,
    Risorse,
    Chiusure,
    Fuori,
    Operators,
    Audit,
    Archivio,
    ImportMmg,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::Import,
        Section::History,
        Section::Studio,
        Section::Gestori,
        Section::Risorse,
        Section::Chiusure,
        Section::Fuori,
        Section::Operators,
        Section::Audit,
        Section::Archivio,
        Section::Primarie,
        Section::ImportMmg,
    ];

    pub fn name(self, s: &Texts) -> &'static str {
        match self {
            Section::Import => s.admin.sec_import,
            Section::History => s.admin.sec_history,
            Section::Studio => s.admin.sec_studio,
            Section::Gestori => s.admin.sec_gestori,
            Section::Primarie => s.admin.sec_primarie,
            Section::Risorse => s.agenda_admin.sec_risorse,
            Section::Chiusure => s.agenda_admin.sec_chiusure,
            Section::Fuori => s.agenda_admin.sec_fuori,
            Section::Operators => s.access.sec_operators,
            Section::Audit => s.access.sec_audit,
            Section::Archivio => s.access.sec_archivio,
            Section::ImportMmg => s.admin.sec_import_mmg,
        }
    }

    /// Sections only an administrator opens: what the refusal calls them.
    pub fn needs_admin(self) -> Option<crate::service::Operation> {
        use crate::service::Operation;
        match self {
            Section::Import | Section::ImportMmg => Some(Operation::Import),
            Section::Studio => Some(Operation::Practice),
            Section::Operators => Some(Operation::Operators),
            Section::Primarie => Some(Operation::Import),
            Section::Audit => Some(Operation::Audit),
            Section::Archivio => Some(Operation::Backup),
            Section::Risorse | Section::Chiusure => Some(Operation::Agenda),
            // Moving appointments back into availability is booking work.
            Section::History | Section::Gestori | Section::Fuori => None,
        }
    }

    fn description(self, s: &Texts) -> &'static str {
        match self {
            Section::Import => s.admin.sec_import_text,
            Section::History => s.admin.sec_history_text,
            Section::Studio => s.admin.sec_studio_text,
            Section::Gestori => s.admin.sec_gestori_text,
            Section::Primarie => s.admin.sec_primarie_text,
            Section::Risorse => s.agenda_admin.sec_risorse_text,
            Section::Chiusure => s.agenda_admin.sec_chiusure_text,
            Section::Fuori => s.agenda_admin.sec_fuori_text,
            Section::Operators => s.access.sec_operators_text,
            Section::Audit => s.access.sec_audit_text,
            Section::Archivio => s.access.sec_archivio_text,
            Section::ImportMmg => s.admin.sec_import_mmg_text,
        }
    }
}

pub enum AdminScreen {
    Menu { selected: usize },
    Import(ImportSection),
    History(HistorySection),
    Studio(Box<StudioSection>),
    Gestori(GestoriSection),
    Risorse(Box<RisorseSection>),
    Chiusure(ChiusureSection),
    Fuori(FuoriSection),
    Operators(OperatorsSection),
    Primarie(PrimarieSection),
    Audit(Box<AuditSection>),
    Archivio(ArchivioSection),
}

impl AdminScreen {
    pub fn menu() -> AdminScreen {
        AdminScreen::Menu { selected: 0 }
    }

    pub fn open(section: Section, env: &Env) -> AdminScreen {
        match section {
            Section::Import => AdminScreen::Import(ImportSection::new()),
            Section::ImportMmg => AdminScreen::Import(ImportSection::new_mmg()),
            Section::History => AdminScreen::History(HistorySection::new(env)),
            Section::Studio => AdminScreen::Studio(Box::new(StudioSection::new(env))),
            Section::Gestori => AdminScreen::Gestori(GestoriSection::new(env)),
            Section::Risorse => AdminScreen::Risorse(Box::new(RisorseSection::new(env))),
            Section::Chiusure => AdminScreen::Chiusure(ChiusureSection::new(env)),
            Section::Fuori => AdminScreen::Fuori(FuoriSection::new(env)),
            Section::Operators => AdminScreen::Operators(OperatorsSection::new(env)),
            Section::Primarie => AdminScreen::Primarie(PrimarieSection::new(env)),
            Section::Audit => AdminScreen::Audit(Box::new(AuditSection::new(env))),
            Section::Archivio => AdminScreen::Archivio(ArchivioSection::default()),
        }
    }

    pub fn is_menu(&self) -> bool {
        matches!(self, AdminScreen::Menu { .. })
    }

    pub fn section(&self) -> Option<Section> {
        match self {
            AdminScreen::Menu { .. } => None,
            AdminScreen::Import(i) if i.mmg => Some(Section::ImportMmg),
            AdminScreen::Import(_) => Some(Section::Import),
            AdminScreen::History(_) => Some(Section::History),
            AdminScreen::Studio(_) => Some(Section::Studio),
            AdminScreen::Gestori(_) => Some(Section::Gestori),
            AdminScreen::Risorse(_) => Some(Section::Risorse),
            AdminScreen::Chiusure(_) => Some(Section::Chiusure),
            AdminScreen::Fuori(_) => Some(Section::Fuori),
            AdminScreen::Operators(_) => Some(Section::Operators),
            AdminScreen::Primarie(_) => Some(Section::Primarie),
            AdminScreen::Audit(_) => Some(Section::Audit),
            AdminScreen::Archivio(_) => Some(Section::Archivio),
        }
    }

    pub fn import(&self) -> Option<&ImportSection> {
        match self {
            AdminScreen::Import(i) => Some(i),
            _ => None,
        }
    }

    /// A confirmed dialog of the Operatori section.
    pub fn operators_confirm(
        &mut self,
        purpose: crate::tui::admin::operators::OperatorsPurpose,
        modal: &crate::tui::kit::dialog::Modal,
        env: &Env,
    ) -> Result<Cmd, String> {
        match self {
            AdminScreen::Operators(o) => o.confirm(purpose, modal, env),
            _ => Ok(Cmd::None),
        }
    }

    /// Elenco Gestori, the section that shows data other desks change.
    pub fn is_gestori(&self) -> bool {
        matches!(self, AdminScreen::Gestori(_))
    }

    /// The data the section shows that other desks change.
    pub fn areas(&self) -> &'static [crate::service::Area] {
        use crate::service::Area::*;
        match self {
            AdminScreen::Gestori(_) => &[Prese],
            AdminScreen::Operators(_) => &[Operators],
            AdminScreen::Studio(_) => &[Practice, Prese],
            AdminScreen::Risorse(_) | AdminScreen::Chiusure(_) | AdminScreen::Fuori(_) => &[Agenda],
            _ => &[],
        }
    }

    /// Reads the section's data again after another desk wrote
    /// ([`AdminScreen::areas`]), keeping the selection and what was typed.
    pub fn refresh(&mut self, env: &Env) {
        match self {
            AdminScreen::Gestori(g) => g.refresh(env),
            AdminScreen::Operators(o) => o.refresh(env),
            AdminScreen::Studio(st) => st.refresh(env),
            AdminScreen::Risorse(r) => r.refresh(env),
            AdminScreen::Chiusure(c) => c.refresh(env),
            AdminScreen::Fuori(f) => f.refresh(env),
            _ => {}
        }
    }

    pub fn gestori(&self) -> Option<&GestoriSection> {
        match self {
            AdminScreen::Gestori(g) => Some(g),
            _ => None,
        }
    }

    pub fn audit(&self) -> Option<&AuditSection> {
        match self {
            AdminScreen::Audit(au) => Some(au),
            _ => None,
        }
    }

    pub fn primarie(&self) -> Option<&PrimarieSection> {
        match self {
            AdminScreen::Primarie(p) => Some(p),
            _ => None,
        }
    }

    pub fn operators(&self) -> Option<&OperatorsSection> {
        match self {
            AdminScreen::Operators(o) => Some(o),
            _ => None,
        }
    }

    pub fn studio(&self) -> Option<&StudioSection> {
        match self {
            AdminScreen::Studio(st) => Some(st),
            _ => None,
        }
    }

    pub fn risorse(&self) -> Option<&RisorseSection> {
        match self {
            AdminScreen::Risorse(r) => Some(r),
            _ => None,
        }
    }

    pub fn chiusure(&self) -> Option<&ChiusureSection> {
        match self {
            AdminScreen::Chiusure(c) => Some(c),
            _ => None,
        }
    }

    pub fn fuori(&self) -> Option<&FuoriSection> {
        match self {
            AdminScreen::Fuori(f) => Some(f),
            _ => None,
        }
    }

    pub fn title(&self, s: &Texts) -> String {
        match self.section() {
            None => s.admin.title_admin.to_string(),
            Some(sec) => format!("{} · {}", s.admin.title_admin, sec.name(s)),
        }
    }

    pub fn context(&self) -> Context {
        match self {
            AdminScreen::Menu { .. } => Context::Admin,
            AdminScreen::Import(i) => i.context(),
            AdminScreen::History(_) => Context::AdminHistory,
            AdminScreen::Studio(st) => st.context(),
            AdminScreen::Gestori(g) if g.detail => Context::AdminGestoreDetail,
            AdminScreen::Gestori(_) => Context::AdminGestori,
            AdminScreen::Risorse(_) => Context::AdminRisorse,
            AdminScreen::Chiusure(_) => Context::AdminChiusure,
            AdminScreen::Fuori(_) => Context::AdminFuori,
            AdminScreen::Operators(_) => Context::AdminOperators,
            AdminScreen::Primarie(_) => Context::AdminPrimarie,
            AdminScreen::Audit(_) => Context::AdminAudit,
            AdminScreen::Archivio(_) => Context::AdminArchivio,
        }
    }

    pub fn has_dialog(&self) -> bool {
        match self {
            AdminScreen::Studio(st) => st.has_dialog(),
            _ => false,
        }
    }

    pub fn is_dirty(&self) -> bool {
        match self {
            AdminScreen::Studio(st) => st.is_dirty(),
            _ => false,
        }
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self {
            AdminScreen::Menu { .. }
            | AdminScreen::History(_)
            | AdminScreen::Risorse(_)
            | AdminScreen::Chiusure(_)
            | AdminScreen::Fuori(_)
            | AdminScreen::Operators(_)
            | AdminScreen::Archivio(_) => None,
            AdminScreen::Audit(au) => au.input_mut(),
            AdminScreen::Primarie(p) => p.input_mut(),
            AdminScreen::Import(i) => i.input_mut(),
            AdminScreen::Studio(st) => st.input_mut(),
            AdminScreen::Gestori(g) if g.detail => None,
            AdminScreen::Gestori(g) => Some(&mut g.filter),
        }
    }

    pub fn input_changed(&mut self, env: &Env) -> Cmd {
        match self {
            AdminScreen::Import(i) => i.input_changed(),
            AdminScreen::Studio(st) => st.input_changed(env),
            AdminScreen::Gestori(g) => {
                g.refilter();
                Cmd::Redraw
            }
            _ => Cmd::Redraw,
        }
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        match self {
            AdminScreen::Menu { selected } => {
                let last = Section::ALL.len() - 1;
                Some(match action {
                    Action::Up => {
                        *selected = selected.saturating_sub(1);
                        Cmd::Redraw
                    }
                    Action::Down => {
                        *selected = (*selected + 1).min(last);
                        Cmd::Redraw
                    }
                    Action::Open => {
                        let section = Section::ALL[(*selected).min(last)];
                        if let Some(what) = section.needs_admin()
                            && let Err(e) = env.desk.require(Role::Amministratore, what)
                        {
                            return Some(Cmd::Status(Status::error(crate::texts::error(
                                env.lang, &e,
                            ))));
                        }
                        Cmd::push(AdminScreen::open(section, env))
                    }
                    Action::Back => Cmd::Back,
                    _ => return None,
                })
            }
            AdminScreen::Import(i) => i.action(action, env),
            AdminScreen::History(h) => h.action(action),
            AdminScreen::Studio(st) => st.action(action, env),
            AdminScreen::Gestori(g) => g.action(action, env),
            AdminScreen::Risorse(r) => r.action(action, env),
            AdminScreen::Chiusure(c) => c.action(action, env),
            AdminScreen::Fuori(f) => f.action(action, env),
            AdminScreen::Operators(o) => o.action(action, env),
            AdminScreen::Primarie(p) => p.action(action, env),
            AdminScreen::Audit(au) => au.action(action, env),
            AdminScreen::Archivio(ar) => ar.action(action, env),
        }
    }

    /// Work asked for with [`Cmd::Later`], after the status was drawn.
    pub fn deferred(&mut self, env: &Env) -> Cmd {
        match self {
            AdminScreen::Import(i) => i.deferred(env),
            AdminScreen::Archivio(ar) => ar.deferred(env),
            _ => Cmd::None,
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        match self {
            AdminScreen::Menu { selected } => draw_menu(frame, area, env, *selected),
            AdminScreen::Import(i) => i.draw(frame, area, env, focused),
            AdminScreen::History(h) => h.draw(frame, area, env),
            AdminScreen::Studio(st) => st.draw(frame, area, env, focused),
            AdminScreen::Gestori(g) => g.draw(frame, area, env, focused),
            AdminScreen::Risorse(r) => r.draw(frame, area, env),
            AdminScreen::Chiusure(c) => c.draw(frame, area, env),
            AdminScreen::Fuori(f) => f.draw(frame, area, env),
            AdminScreen::Operators(o) => o.draw(frame, area, env),
            AdminScreen::Primarie(p) => p.draw(frame, area, env, focused),
            AdminScreen::Audit(au) => au.draw(frame, area, env, focused),
            AdminScreen::Archivio(ar) => ar.draw(frame, area, env),
        }
    }
}

fn draw_menu(frame: &mut Frame, area: Rect, env: &Env, selected: usize) {
    let s = Texts::of(env);
    let theme = env.theme;
    let name_width = Section::ALL
        .iter()
        .map(|sec| format::width(sec.name(s)))
        .max()
        .unwrap_or(0)
        + 3;
    let text_width = usize::from(area.width).saturating_sub(name_width + 4);
    let mut lines = vec![
        Line::raw(""),
        Line::styled(format!(" {}", s.admin.admin_intro), theme.muted),
        Line::raw(""),
    ];
    let full = full_menu_lines(s, text_width);
    if lines.len() + full <= usize::from(area.height) {
        for (i, sec) in Section::ALL.iter().enumerate() {
            for (j, part) in format::wrap(sec.description(s), text_width)
                .into_iter()
                .enumerate()
            {
                lines.push(menu_line(env, *sec, name_width, j, &part, i == selected));
            }
            lines.push(Line::raw(""));
        }
    } else {
        // Too many sections for the height: one line each, the chosen
        // one's description in full below the list.
        for (i, sec) in Section::ALL.iter().enumerate() {
            let first = format::wrap(sec.description(s), text_width)
                .into_iter()
                .next()
                .unwrap_or_default();
            let part = if format::width(sec.description(s)) > format::width(&first) {
                format!("{}…", first.trim_end())
            } else {
                first
            };
            lines.push(menu_line(env, *sec, name_width, 0, &part, i == selected));
        }
        if let Some(sec) = Section::ALL.get(selected) {
            lines.push(Line::raw(""));
            let width = usize::from(area.width).saturating_sub(2);
            for part in format::wrap(sec.description(s), width) {
                lines.push(Line::styled(format!(" {part}"), theme.muted));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// How many lines the menu takes with every description in full.
fn full_menu_lines(s: &Texts, text_width: usize) -> usize {
    Section::ALL
        .iter()
        .map(|sec| format::wrap(sec.description(s), text_width).len() + 1)
        .sum()
}

/// Line `j` of a section's entry in the menu (the name on the first one).
fn menu_line(
    env: &Env,
    sec: Section,
    name_width: usize,
    j: usize,
    part: &str,
    selected: bool,
) -> Line<'static> {
    let theme = env.theme;
    let name = sec.name(Texts::of(env));
    let head = if j == 0 {
        let pad = " ".repeat(name_width.saturating_sub(format::width(name)));
        format!("{name}{pad}")
    } else {
        " ".repeat(name_width)
    };
    if selected && j == 0 {
        Line::from(vec![
            Span::styled(format!("{MARKER}{head}"), theme.selected),
            Span::raw(format!(" {part}")),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!("  {head}"), theme.label_focused),
            Span::styled(format!(" {part}"), theme.muted),
        ])
    }
}

/// Lines a Gestore's name may take in the list before it is cut.
const MAX_NAME_LINES: usize = 3;

/// Storico importazioni: every import of a Gestori list, newest first.
pub struct HistorySection {
    imports: Vec<GestoriImport>,
    problem: Option<String>,
    selection: ListState,
}

impl HistorySection {
    fn new(env: &Env) -> HistorySection {
        let (mut imports, problem) = match env.desk.gestori().gestori_imports() {
            Ok(list) => (list, None),
            Err(e) => (Vec::new(), Some(crate::texts::error(env.lang, &e))),
        };
        imports.sort_by(|a, b| b.data.cmp(&a.data).then(b.id.cmp(&a.id)));
        HistorySection {
            selection: ListState::first_of(imports.len()),
            imports,
            problem,
        }
    }

    fn action(&mut self, action: Action) -> Option<Cmd> {
        self.selection.navigate(action, self.imports.len())
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let theme = env.theme;
        let [info, table] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let text = match &self.problem {
            Some(p) => Line::styled(format!(" ✗ {p}"), theme.error),
            None if self.imports.is_empty() => {
                Line::styled(format!(" {}", s.admin.no_imports), theme.muted)
            }
            None => Line::raw(format!(" {}", s.admin.imports_count(self.imports.len()))),
        };
        frame.render_widget(Paragraph::new(text), info);
        self.selection.fit(table, 1);
        if self.imports.is_empty() {
            return;
        }
        let header = Row::new(vec![
            Cell::from(s.admin.col_date),
            Cell::from(s.admin.col_file),
            Cell::from(s.admin.col_ats),
            Cell::from(s.admin.col_added),
            Cell::from(s.admin.col_updated),
            Cell::from(s.admin.col_no_longer),
            Cell::from(s.admin.col_rejected),
            Cell::from(s.admin.col_operator),
        ])
        .style(theme.table_header);
        let rows = self.imports.iter().map(|i| {
            let ats = match i.ats.as_slice() {
                [one] => one.clone(),
                [] => s.kit.none.to_string(),
                many => s.admin.many_ats(many.len()),
            };
            Row::new(vec![
                Cell::from(i.data.format("%d/%m/%Y %H:%M").to_string()),
                Cell::from(i.file.clone()),
                Cell::from(ats),
                Cell::from(i.aggiunti.to_string()),
                Cell::from(i.aggiornati.to_string()),
                Cell::from(i.non_piu_idonei.to_string()),
                Cell::from(i.scartati.to_string()),
                Cell::from(i.operatore.clone()),
            ])
        });
        let widget = Table::new(
            rows,
            [
                Constraint::Length(16),
                Constraint::Fill(3),
                Constraint::Length(7),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(7),
                Constraint::Length(6),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .selectable(theme);
        self.selection.render(frame, table, widget, 1);
    }
}

/// Elenco Gestori: the stored list of every ATS, the ones no longer idonei
/// included, filtered by text; Enter shows the selected one in full (Esc
/// back to the list, on the same row).
pub struct GestoriSection {
    filter: Input,
    all: Vec<Gestore>,
    visible: Vec<usize>,
    problem: Option<String>,
    selection: ListState,
    /// The selected Gestore is shown in full.
    detail: bool,
    /// Active prese in carico per Gestore, read when a detail is first shown.
    prese: Option<Result<std::collections::HashMap<GestoreId, usize>, String>>,
}

impl GestoriSection {
    fn new(env: &Env) -> GestoriSection {
        let (all, problem) = match env.desk.gestori().list(None, true) {
            Ok(list) => (list, None),
            Err(e) => (Vec::new(), Some(crate::texts::error(env.lang, &e))),
        };
        let mut section = GestoriSection {
            filter: Input::default(),
            all,
            visible: Vec::new(),
            problem,
            selection: ListState::default(),
            detail: false,
            prese: None,
        };
        section.refilter();
        section
    }

    /// Reads the list again, keeping the typed filter, the selected Gestore
    /// (by id, or the same row), the scroll and the detail view.
    fn refresh(&mut self, env: &Env) {
        let Ok(all) = env.desk.gestori().list(None, true) else {
            return;
        };
        let kept = self.selected().map(|g| g.id);
        let row = self.selection.selected();
        let offset = self.selection.offset();
        self.all = all;
        self.problem = None;
        self.refilter();
        let index = kept
            .and_then(|id| self.visible.iter().position(|&i| self.all[i].id == id))
            .or_else(|| row.map(|r| r.min(self.visible.len().saturating_sub(1))));
        self.selection
            .select(index.filter(|_| !self.visible.is_empty()));
        self.selection.set_offset(offset);
        if self.prese.is_some() {
            self.prese = Some(
                env.desk
                    .gestori()
                    .active_prese_by_gestore()
                    .map_err(|e| crate::texts::error(env.lang, &e)),
            );
        }
        if self.selected().is_none() {
            self.detail = false;
        }
    }

    /// The Gestore shown in full, if any.
    pub fn detail(&self) -> Option<&Gestore> {
        if !self.detail {
            return None;
        }
        self.selected()
    }

    pub fn selected(&self) -> Option<&Gestore> {
        self.all.get(*self.visible.get(self.selection.selected()?)?)
    }

    /// The Gestori listed now.
    pub fn listed(&self) -> Vec<&Gestore> {
        self.visible
            .iter()
            .filter_map(|&i| self.all.get(i))
            .collect()
    }

    fn refilter(&mut self) {
        let words: Vec<String> = fold(self.filter.value())
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        self.visible = self
            .all
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                let hay = fold(&format!(
                    "{} {} {} {} {}",
                    g.ats,
                    g.denominazione,
                    g.comune,
                    g.referente,
                    g.tipo.label()
                ));
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        self.selection.reset(self.visible.len());
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if self.detail {
            return match action {
                Action::Back => {
                    self.detail = false;
                    Some(Cmd::Redraw)
                }
                Action::Up | Action::Down => self.selection.navigate(action, self.visible.len()),
                _ => None,
            };
        }
        if action == Action::Open {
            if self.selected().is_none() {
                return Some(Cmd::Status(Status::info(
                    Texts::of(env).admin.nothing_stored,
                )));
            }
            if self.prese.is_none() {
                self.prese = Some(
                    env.desk
                        .gestori()
                        .active_prese_by_gestore()
                        .map_err(|e| crate::texts::error(env.lang, &e)),
                );
            }
            self.detail = true;
            return Some(Cmd::Redraw);
        }
        self.selection.navigate(action, self.visible.len())
    }

    /// Every field of the selected Gestore, one per line, long values wrapped.
    fn draw_detail(&self, frame: &mut Frame, area: Rect, env: &Env) {
        let s = Texts::of(env);
        let a = s.kit;
        let theme = env.theme;
        let Some(g) = self.selected() else {
            return;
        };
        let position = self.selection.selected().unwrap_or(0) + 1;
        let ats = format::ats_by_code(&g.ats)
            .map(format::ats_label)
            .unwrap_or_else(|| g.ats.clone());
        let stato = match g.non_idoneo_dal {
            None => s.admin.idoneo.to_string(),
            Some(d) => s.admin.non_idoneo_since(&format::date(d)),
        };
        let livelli = a.levels_text(&g.livelli);
        let livelli = livelli
            .split_once(": ")
            .map(|(_, v)| v.to_string())
            .unwrap_or(livelli);
        let prese = match &self.prese {
            Some(Ok(counts)) => counts.get(&g.id).copied().unwrap_or(0).to_string(),
            Some(Err(e)) => format!("✗ {e}"),
            None => s.kit.none.to_string(),
        };
        let fields: [(&str, String); 13] = [
            (s.admin.d_denominazione, g.denominazione.clone()),
            (s.admin.d_ats, ats),
            (s.admin.d_tipo, a.tipo_label(g.tipo).to_string()),
            (s.admin.d_codice, g.codice.clone()),
            (s.admin.d_cf_piva, g.cf_piva.clone()),
            (s.admin.d_indirizzo, g.indirizzo.clone()),
            (s.admin.d_comune, g.comune.clone()),
            (s.admin.d_telefono, g.telefono.clone()),
            (s.admin.d_email, g.email.clone()),
            (s.admin.d_referente, g.referente.clone()),
            (s.admin.d_livelli, livelli),
            (s.admin.d_stato, stato),
            (s.admin.d_prese, prese),
        ];
        let label_w = fields
            .iter()
            .map(|(l, _)| format::width(l))
            .max()
            .unwrap_or(0)
            + 2;
        let value_w = usize::from(area.width).saturating_sub(label_w + 2).max(10);
        let mut lines = vec![Line::styled(
            format!(" {} {position}/{}", s.admin.d_title, self.visible.len()),
            theme.section,
        )];
        for (label, value) in fields {
            let value = if value.is_empty() {
                s.kit.none.to_string()
            } else {
                value
            };
            for (i, part) in format::wrap(&value, value_w).into_iter().enumerate() {
                let head = if i == 0 {
                    format!(
                        " {label}:{}",
                        " ".repeat(label_w - format::width(label) - 1)
                    )
                } else {
                    " ".repeat(label_w + 1)
                };
                lines.push(Line::from(vec![
                    Span::styled(head, theme.label),
                    Span::styled(part, theme.field),
                ]));
            }
        }
        if g.fittizio {
            lines.push(Line::styled(format!(" {}", s.admin.d_sample), theme.muted));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        if self.detail {
            self.draw_detail(frame, area, env);
            return;
        }
        let s = Texts::of(env);
        let a = s.kit;
        let theme = env.theme;
        let [search, info, table] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        let label = format!(" {}: ", s.kit.search_label);
        let label_width = u16::try_from(format::width(&label)).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(Span::styled(label, theme.label_focused)),
            search,
        );
        field::render(
            frame,
            Rect {
                x: search.x + label_width,
                width: search.width.saturating_sub(label_width + 1).min(50),
                ..search
            },
            &self.filter,
            focused,
            theme.field_focused,
            theme.label,
        );
        let idonei = self.all.iter().filter(|g| g.is_idoneo()).count();
        let text = match &self.problem {
            Some(p) => Line::styled(format!(" ✗ {p}"), theme.error),
            None => Line::raw(format!(
                " {}",
                s.admin
                    .stored_count(self.visible.len(), self.all.len(), idonei)
            )),
        };
        frame.render_widget(Paragraph::new(text), info);
        self.selection.fit(table, 1);
        if self.visible.is_empty() {
            if self.problem.is_none() {
                frame.render_widget(
                    Paragraph::new(Line::styled(
                        format!(" {}", s.admin.nothing_stored),
                        theme.muted,
                    ))
                    .wrap(Wrap { trim: true }),
                    table,
                );
            }
            return;
        }
        // Room first for the name, which wraps rather than being cut: the
        // type and the date in full, and the phone, only on wide terminals;
        // the state and the comune as wide as what they hold.
        let width = usize::from(table.width);
        let wide = width >= 140;
        let phone = width >= 100;
        let tipo_w = if wide { 22 } else { 11 };
        let tel_w = if phone { 13 } else { 0 };
        let listed: Vec<&Gestore> = self
            .visible
            .iter()
            .filter_map(|&i| self.all.get(i))
            .collect();
        let state_of = |g: &Gestore| match g.non_idoneo_dal {
            None => s.admin.idoneo.to_string(),
            Some(d) if wide => s.admin.non_idoneo_since(&format::date(d)),
            Some(d) => s.admin.non_idoneo_short(&format::date(d)),
        };
        let state_w = listed
            .iter()
            .map(|g| format::width(&state_of(g)))
            .chain([format::width(s.admin.col_state)])
            .max()
            .unwrap_or(0);
        let columns = if phone { 6 } else { 5 };
        // Marker, ATS, the spaces between columns.
        let fixed = 2 + 6 + (columns - 1) + tipo_w + tel_w + state_w;
        let free = width.saturating_sub(fixed);
        let comune_w = listed
            .iter()
            .map(|g| format::width(&g.comune))
            .chain([format::width(s.kit.col_comune)])
            .max()
            .unwrap_or(0)
            .min(free / 4)
            .min(20);
        let name_w = free.saturating_sub(comune_w).max(10);
        let mut head = vec![
            Cell::from(s.admin.col_ats),
            Cell::from(a.col_denominazione),
            Cell::from(a.col_tipo),
            Cell::from(s.kit.col_comune),
        ];
        if phone {
            head.push(Cell::from(a.col_telefono));
        }
        head.push(Cell::from(s.admin.col_state));
        let header = Row::new(head).style(theme.table_header);
        let rows = listed.iter().map(|g| {
            // Sample entries are marked, unless their name says so.
            let mut name = g.denominazione.clone();
            if g.fittizio && !fold(&name).contains("FITTIZI") {
                name.push_str(s.admin.fictional_mark);
            }
            let mut lines = format::wrap(&name, name_w);
            if lines.len() > MAX_NAME_LINES {
                let rest = lines[MAX_NAME_LINES - 1..].join(" ");
                lines.truncate(MAX_NAME_LINES - 1);
                lines.push(format::truncate(&rest, name_w));
            }
            let height = u16::try_from(lines.len().max(1)).unwrap_or(1);
            let tipo = if wide {
                a.tipo_label(g.tipo)
            } else {
                a.tipo_short(g.tipo)
            };
            let mut cells = vec![
                Cell::from(g.ats.clone()),
                Cell::from(lines.join("\n")),
                Cell::from(format::truncate(tipo, tipo_w)),
                Cell::from(format::truncate(&g.comune, comune_w)),
            ];
            if phone {
                cells.push(Cell::from(g.telefono.clone()));
            }
            cells.push(Cell::from(state_of(g)));
            let row = Row::new(cells).height(height);
            if g.is_idoneo() {
                row
            } else {
                row.style(theme.muted)
            }
        });
        let mut widths = vec![6, name_w, tipo_w, comune_w];
        if phone {
            widths.push(tel_w);
        }
        widths.push(state_w);
        let widths: Vec<Constraint> = widths
            .into_iter()
            .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(0)))
            .collect();
        let widget = Table::new(rows, widths).header(header).selectable(theme);
        self.selection.render(frame, table, widget, 1);
    }
}

// ---------------------------------------------------------------------------
// Backup e controllo

/// What the section was asked to run after the next draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArchivioJob {
    Backup,
    Check,
}

/// A backup or a check of the store, started by an administrator from any
/// desk (the store's own computer or one connected to `sportello serve`).
#[derive(Default)]
pub struct ArchivioSection {
    pending: Option<ArchivioJob>,
    /// The outcome of the last job: its lines, and whether it went well.
    outcome: Vec<(String, bool)>,
}

impl ArchivioSection {
    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        let a = Texts::of(env).access;
        let (job, running) = match action {
            Action::Accept => (ArchivioJob::Backup, a.backup_running),
            Action::CheckStore => (ArchivioJob::Check, a.check_running),
            Action::Back => return Some(Cmd::Back),
            _ => return None,
        };
        self.pending = Some(job);
        self.outcome = vec![(running.to_string(), true)];
        Some(Cmd::Many(vec![
            Cmd::Status(Status::info(running)),
            Cmd::Later,
        ]))
    }

    fn deferred(&mut self, env: &Env) -> Cmd {
        let a = Texts::of(env).access;
        let Some(job) = self.pending.take() else {
            return Cmd::None;
        };
        let (lines, ok) = match job {
            ArchivioJob::Backup => match env.desk.archive().backup_now() {
                Ok((file, summary)) => (
                    vec![a.backup_written(
                        &file.display().to_string(),
                        summary.entries,
                        summary.bytes as f64 / 1_048_576.0,
                    )],
                    true,
                ),
                Err(e) => (vec![crate::texts::error(env.lang, &e)], false),
            },
            ArchivioJob::Check => match env.desk.archive().check() {
                Ok(report) => {
                    let mut lines = vec![a.check_result(
                        report.patients,
                        report.index_entries,
                        report.problem_count,
                    )];
                    lines.extend(
                        report
                            .problems
                            .iter()
                            .take(10)
                            .map(|p| crate::texts::check_problem(env.lang, p)),
                    );
                    (lines, report.problem_count == 0)
                }
                Err(e) => (vec![crate::texts::error(env.lang, &e)], false),
            },
        };
        self.outcome = lines.iter().map(|l| (l.clone(), ok)).collect();
        let first = lines.first().cloned().unwrap_or_default();
        Cmd::Status(if ok {
            Status::success(first)
        } else {
            Status::error(first)
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let mut lines =
            format::indented_lines(Texts::of(env).access.archivio_help, area.width, theme.muted);
        lines.push(Line::raw(""));
        for (text, ok) in &self.outcome {
            let style = if *ok { theme.info } else { theme.error };
            lines.extend(format::indented_lines(text, area.width, style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

impl crate::tui::kit::screen::Screen for AdminScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::admin::keys::KEYS
    }

    fn context(&self) -> crate::tui::kit::keys::Context {
        Self::context(self)
    }

    fn title(&self, env: &Env) -> String {
        Self::title(self, Texts::of(env))
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        Self::draw(self, frame, area, env, focused)
    }

    fn focused_input(&mut self) -> Option<&mut Input> {
        self.input_mut()
    }

    fn input_changed(&mut self, env: &Env) -> Cmd {
        Self::input_changed(self, env)
    }

    fn is_dirty(&self) -> bool {
        Self::is_dirty(self)
    }

    fn save_changes(&mut self, env: &Env) -> Cmd {
        Self::action(self, Action::Save, env).unwrap_or(Cmd::None)
    }

    fn areas(&self) -> &'static [crate::service::Area] {
        Self::areas(self)
    }

    fn refresh(&mut self, env: &Env) {
        Self::refresh(self, env);
    }

    fn has_dialog(&self) -> bool {
        Self::has_dialog(self)
    }

    fn deferred(&mut self, env: &Env) -> Cmd {
        Self::deferred(self, env)
    }

    crate::screen_any!();
}
