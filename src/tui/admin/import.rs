//! Amministrazione › Importa elenco Gestori: the file (Tab completes its
//! name), the ATS of rows without one, the sheet of a workbook; Enter reads it
//! and shows the preview (nothing written), Ctrl+S writes it all in one
//! transaction, Esc drops it.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use crate::service::gestori::{
    ImportOptions, ImportPlan, ImportPreview, ListFileError, MAX_FILE_BYTES, read_gestori_file,
    resolve_ats,
};
use crate::service::mmg_aderenti::{
    MmgAderentiPlan, MmgAderentiPreview, MmgFileError, read_mmg_aderenti_file,
};
use crate::tui::admin::strings::Texts;
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::{ERROR_MARK, INFO_MARK, WARNING_MARK};

/// The fields, in Tab order.
const FILE: usize = 0;
const ATS: usize = 1;
const SHEET: usize = 2;

/// A file read and compared with the archive, waiting for Ctrl+S or Esc.
pub struct Preview {
    /// The file name only (never the whole path: it goes in the log).
    pub file: String,
    pub preview: ImportPreview,
    pub plan: ImportPlan,
    scroll: usize,
    page: usize,
    total: usize,
}

/// The ATS list of MMG aderenti read and compared with the Studio's
/// adhesions, waiting for Ctrl+S or Esc.
pub struct MmgPreview {
    pub file: String,
    pub preview: MmgAderentiPreview,
    pub plan: MmgAderentiPlan,
    scroll: usize,
    page: usize,
    total: usize,
}

pub struct ImportSection {
    /// The list of MMG aderenti instead of the list of Gestori.
    pub mmg: bool,
    pub mmg_preview: Option<Box<MmgPreview>>,
    inputs: [Input; 3],
    focus: usize,
    /// Set between Enter and the deferred read.
    reading: Option<PathBuf>,
    pub preview: Option<Box<Preview>>,
    /// Why the last read failed.
    error: Option<String>,
}

impl Default for ImportSection {
    fn default() -> Self {
        ImportSection::new()
    }
}

impl ImportSection {
    pub fn new() -> ImportSection {
        ImportSection {
            mmg: false,
            mmg_preview: None,
            inputs: [Input::default(), Input::default(), Input::default()],
            focus: FILE,
            reading: None,
            preview: None,
            error: None,
        }
    }

    /// Amministrazione › Importa MMG aderenti.
    pub fn new_mmg() -> ImportSection {
        ImportSection {
            mmg: true,
            ..ImportSection::new()
        }
    }

    pub fn context(&self) -> Context {
        if self.preview.is_some() || self.mmg_preview.is_some() {
            Context::AdminPreview
        } else {
            Context::AdminImport
        }
    }

    pub fn value(&self, i: usize) -> &str {
        self.inputs.get(i).map_or("", Input::value)
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        if self.preview.is_some() || self.mmg_preview.is_some() {
            None
        } else {
            self.inputs.get_mut(self.focus)
        }
    }

    pub fn input_changed(&mut self) -> Cmd {
        self.error = None;
        Cmd::Redraw
    }

    pub fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if let Some(p) = &mut self.mmg_preview {
            if let Some(cmd) = scroll(&mut p.scroll, p.page, p.total, action) {
                return Some(cmd);
            }
            return Some(match action {
                Action::Save => self.apply_mmg(env),
                Action::Cancel => {
                    self.mmg_preview = None;
                    Cmd::Status(Status::info(Texts::of(env).admin.import_cancelled))
                }
                _ => return None,
            });
        }
        if let Some(p) = &mut self.preview {
            let max = p.total.saturating_sub(p.page);
            let page = p.page.max(1);
            return Some(match action {
                Action::Up => {
                    p.scroll = p.scroll.saturating_sub(1);
                    Cmd::Redraw
                }
                Action::Down => {
                    p.scroll = (p.scroll + 1).min(max);
                    Cmd::Redraw
                }
                Action::PageUp => {
                    p.scroll = p.scroll.saturating_sub(page);
                    Cmd::Redraw
                }
                Action::PageDown => {
                    p.scroll = (p.scroll + page).min(max);
                    Cmd::Redraw
                }
                Action::Save => self.apply(env),
                Action::Cancel => {
                    self.preview = None;
                    Cmd::Status(Status::info(Texts::of(env).admin.import_cancelled))
                }
                _ => return None,
            });
        }
        Some(match action {
            Action::NextField => {
                if self.focus == FILE && self.complete_file() {
                    return Some(Cmd::Redraw);
                }
                self.focus = (self.focus + 1) % self.inputs.len();
                Cmd::Redraw
            }
            Action::PrevField => {
                self.focus = (self.focus + self.inputs.len() - 1) % self.inputs.len();
                Cmd::Redraw
            }
            Action::Down => {
                self.focus = (self.focus + 1).min(SHEET);
                Cmd::Redraw
            }
            Action::Up => {
                self.focus = self.focus.saturating_sub(1);
                Cmd::Redraw
            }
            Action::Open => self.start(env),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    /// Enter: checks what can be checked at once, then asks for the read to
    /// run after the "lettura in corso" line is on screen.
    fn start(&mut self, env: &Env) -> Cmd {
        self.error = None;
        let text = self.value(FILE).trim().to_string();
        if text.is_empty() {
            self.focus = FILE;
            return self.fail(Texts::of(env).admin.err_no_file.to_string());
        }
        let ats = self.value(ATS).trim().to_string();
        if !ats.is_empty() && resolve_ats(&ats).is_none() {
            self.focus = ATS;
            return self.fail(Texts::of(env).admin.err_ats(&ats));
        }
        let path = expand_home(&text);
        let name = file_name(&path);
        match std::fs::metadata(&path) {
            Err(_) => return self.fail(Texts::of(env).admin.err_not_found(&text)),
            Ok(m) if m.is_dir() => return self.fail(Texts::of(env).admin.err_is_dir(&text)),
            Ok(m) if m.len() > MAX_FILE_BYTES => {
                return self.fail(
                    Texts::of(env)
                        .admin
                        .err_too_large(&name, m.len() / 1_048_576),
                );
            }
            Ok(_) => {}
        }
        self.reading = Some(path);
        Cmd::Many(vec![
            Cmd::Status(Status::info(Texts::of(env).admin.reading(&name))),
            Cmd::Later,
        ])
    }

    fn fail(&mut self, message: String) -> Cmd {
        self.error = Some(message.clone());
        Cmd::Status(Status::error(message))
    }

    /// Reads, parses and compares with the archive: nothing is written.
    pub fn deferred(&mut self, env: &Env) -> Cmd {
        let Some(path) = self.reading.take() else {
            return Cmd::None;
        };
        let name = file_name(&path);
        let trimmed = |v: &str| {
            let v = v.trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        let options = ImportOptions {
            ats: trimmed(self.value(ATS)),
            sheet: trimmed(self.value(SHEET)),
        };
        if self.mmg {
            return self.read_mmg(&path, &name, options, env);
        }
        // The same reading as the command line's import, through the service.
        let a = Texts::of(env).admin;
        let preview = match read_gestori_file(&path, &options) {
            Ok((_, p)) => p,
            Err(ListFileError::TooBig { bytes }) => {
                return self.fail(a.err_too_large(&name, bytes / 1_048_576));
            }
            Err(ListFileError::Unreadable(e)) => {
                return self.fail(a.err_read(&name, &e.to_string()));
            }
            Err(ListFileError::Format(e)) => {
                return self.fail(a.err_parse(&name, &crate::texts::import_error(env.lang, &e)));
            }
        };
        let rows: Vec<_> = preview.accepted.iter().map(|r| r.gestore.clone()).collect();
        let plan = match env.desk.gestori().plan_gestori_import(&rows) {
            Ok(p) => crate::service::gestori::ImportPlan {
                header: preview.export_header.clone(),
                ..p
            },
            Err(e) => return self.fail(crate::texts::error(env.lang, &e)),
        };
        let ready = Texts::of(env)
            .admin
            .preview_ready(preview.accepted.len(), preview.rejected.len());
        self.preview = Some(Box::new(Preview {
            file: name,
            preview,
            plan,
            scroll: 0,
            page: 0,
            total: 0,
        }));
        Cmd::Status(Status::info(ready))
    }

    /// Reads the list of MMG aderenti and compares it with the Studio.
    fn read_mmg(&mut self, path: &Path, name: &str, options: ImportOptions, env: &Env) -> Cmd {
        let a = Texts::of(env).admin;
        let preview = match read_mmg_aderenti_file(path, options.sheet.as_deref()) {
            Ok((_, p)) => p,
            Err(MmgFileError::TooBig { bytes }) => {
                return self.fail(a.err_too_large(name, bytes / 1_048_576));
            }
            Err(MmgFileError::Unreadable(e)) => {
                return self.fail(a.err_read(name, &e.to_string()));
            }
            Err(MmgFileError::Format(e)) => {
                return self.fail(a.err_parse(name, &crate::texts::import_error(env.lang, &e)));
            }
        };
        let ats = options
            .ats
            .as_deref()
            .and_then(crate::service::gestori::resolve_ats_code);
        let plan = match env
            .desk
            .gestori()
            .plan_mmg_aderenti(&preview.accepted, ats.as_deref())
        {
            Ok(p) => p,
            Err(e) => return self.fail(crate::texts::error(env.lang, &e)),
        };
        let ready = a.preview_ready(preview.accepted.len(), preview.rejected.len());
        self.mmg_preview = Some(Box::new(MmgPreview {
            file: name.to_string(),
            preview,
            plan,
            scroll: 0,
            page: 0,
            total: 0,
        }));
        Cmd::Status(Status::info(ready))
    }

    /// Ctrl+S on the preview of the MMG aderenti: the Studio's adhesions.
    fn apply_mmg(&mut self, env: &Env) -> Cmd {
        let Some(p) = self.mmg_preview.take() else {
            return Cmd::None;
        };
        match env.desk.gestori().apply_mmg_aderenti(&p.plan, &p.file) {
            Ok(()) => {
                for input in &mut self.inputs {
                    input.reset();
                }
                self.focus = FILE;
                Cmd::Many(vec![
                    Cmd::RefreshLookups,
                    Cmd::Status(Status::success(Texts::of(env).admin.mmg_done(
                        p.plan.added.len(),
                        p.plan.changed.len(),
                        p.plan.removed.len(),
                    ))),
                ])
            }
            Err(e) => {
                self.mmg_preview = Some(p);
                Cmd::Status(Status::error(crate::texts::error(env.lang, &e)))
            }
        }
    }

    /// Ctrl+S on the preview: everything in one transaction.
    fn apply(&mut self, env: &Env) -> Cmd {
        let Some(p) = self.preview.take() else {
            return Cmd::None;
        };
        let rejected = u32::try_from(p.preview.rejected.len()).unwrap_or(u32::MAX);
        match env
            .desk
            .gestori()
            .apply_gestori_import(p.plan.clone(), &p.file, rejected)
        {
            Ok(log) => {
                for input in &mut self.inputs {
                    input.reset();
                }
                self.focus = FILE;
                Cmd::Many(vec![
                    Cmd::RefreshLookups,
                    Cmd::Status(Status::success(Texts::of(env).admin.import_done(
                        log.aggiunti,
                        log.aggiornati,
                        log.non_piu_idonei,
                    ))),
                ])
            }
            Err(e) => {
                self.preview = Some(p);
                Cmd::Status(Status::error(crate::texts::error(env.lang, &e)))
            }
        }
    }

    /// Tab in the file field: completes the name from the folder's files.
    /// Returns whether the value changed.
    fn complete_file(&mut self) -> bool {
        let text = self.value(FILE).to_string();
        let Some(completed) = complete_path(&text) else {
            return false;
        };
        if completed == text {
            return false;
        }
        self.inputs[FILE] = field::input_with(&completed);
        self.error = None;
        true
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        if let Some(p) = &mut self.mmg_preview {
            draw_mmg_preview(p, frame, area, env);
            return;
        }
        if let Some(p) = &mut self.preview {
            draw_preview(p, frame, area, env);
            return;
        }
        let s = Texts::of(env);
        let theme = env.theme;
        let label_width: u16 = 27;
        let input_width = area.width.saturating_sub(label_width + 2).min(60);
        let mut y = area.y + 1;
        let intro = format::wrap(
            if self.mmg {
                s.admin.mmg_intro
            } else {
                s.admin.import_intro
            },
            usize::from(area.width.saturating_sub(2)),
        );
        for part in intro {
            if y >= area.bottom() {
                return;
            }
            frame.render_widget(
                Paragraph::new(Span::styled(format!(" {part}"), theme.muted)),
                Rect {
                    y,
                    height: 1,
                    ..area
                },
            );
            y += 1;
        }
        y += 1;
        let labels = [s.admin.f_file, s.admin.f_ats, s.admin.f_sheet];
        for (i, label) in labels.iter().enumerate() {
            if y >= area.bottom() {
                return;
            }
            let widths = (label_width, input_width);
            let focus = (i == self.focus, focused);
            field::render_row(frame, area, y, widths, label, &self.inputs[i], focus, theme);
            y += 1;
            // What the ATS field resolves to.
            if i == ATS && y < area.bottom() {
                let v = self.value(ATS).trim();
                let (text, style) = if v.is_empty() && self.mmg {
                    (s.admin.mmg_all_ats.to_string(), theme.muted)
                } else if v.is_empty() {
                    (s.admin.ats_from_file.to_string(), theme.muted)
                } else {
                    match resolve_ats(v) {
                        Some(ats) => (format::ats_label(ats), theme.info),
                        None => (format!("{ERROR_MARK}{}", s.admin.err_ats(v)), theme.error),
                    }
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        format::truncate(&text, usize::from(input_width)),
                        style,
                    )),
                    Rect {
                        x: area.x + label_width + 1,
                        y,
                        width: input_width,
                        height: 1,
                    },
                );
                y += 1;
            }
        }
        y += 1;
        let width = usize::from(area.width.saturating_sub(2));
        let mut lines: Vec<Line> = Vec::new();
        if let Some(e) = &self.error {
            for part in format::wrap(&format!("{ERROR_MARK}{e}"), width) {
                lines.push(Line::styled(part, theme.error));
            }
        }
        let help = match self.focus {
            FILE => s.admin.h_file,
            ATS if self.mmg => s.admin.h_ats_mmg,
            ATS => s.admin.h_ats,
            _ => s.admin.h_sheet,
        };
        for part in format::wrap(help, width) {
            lines.push(Line::styled(part, theme.muted));
        }
        if y < area.bottom() {
            frame.render_widget(
                Paragraph::new(lines),
                Rect {
                    x: area.x + 1,
                    y,
                    width: area.width.saturating_sub(2),
                    height: area.bottom() - y,
                },
            );
        }
    }
}

fn draw_preview(p: &mut Preview, frame: &mut Frame, area: Rect, env: &Env) {
    let s = Texts::of(env);
    let theme = env.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let pv = &p.preview;
    let plan = &p.plan;

    // What was read.
    let mut head = format!(
        "{} {}  ·  {} {}",
        s.admin.file, p.file, s.admin.encoding, pv.encoding
    );
    if let Some(sep) = pv.separator {
        head.push_str(&format!("  ·  {} «{sep}»", s.admin.separator));
    }
    if let Some(sheet) = &pv.sheet {
        head.push_str(&format!("  ·  {} «{sheet}»", s.admin.sheet));
    }
    if !plan.ats.is_empty() {
        head.push_str(&format!("  ·  ATS {}", plan.ats.join(", ")));
    }
    let mut top: Vec<Line> = format::wrap(&head, width)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.label_focused))
        .collect();
    // The counts, in two rows of three.
    let count = |label: &str, n: usize, style: Style| -> Vec<Span<'static>> {
        let pad = 16usize.saturating_sub(format::width(label));
        vec![
            Span::raw(format!(" {label}{}", " ".repeat(pad))),
            Span::styled(format!("{n:>4}"), style),
            Span::raw("    "),
        ]
    };
    let warn = |n: usize| if n > 0 { theme.warning } else { theme.field };
    top.push(Line::from(
        [
            count(s.admin.c_recognised, pv.accepted.len(), theme.field_focused),
            count(s.admin.c_added, plan.added.len(), theme.field_focused),
            count(s.admin.c_unchanged, plan.unchanged, theme.field),
        ]
        .concat(),
    ));
    top.push(Line::from(
        [
            count(
                s.admin.c_rejected,
                pv.rejected.len(),
                warn(pv.rejected.len()),
            ),
            count(s.admin.c_updated, plan.updated.len(), theme.field_focused),
            count(
                s.admin.c_no_longer,
                plan.no_longer.len(),
                warn(plan.no_longer.len()),
            ),
        ]
        .concat(),
    ));
    top.push(Line::styled(
        format!(" {}", s.admin.preview_note),
        theme.status_warning,
    ));
    top.push(Line::raw(""));

    // The details, scrolled.
    let mut body: Vec<Line> = Vec::new();
    let mut section = |title: String, items: Vec<(String, &'static str, Style)>| {
        if items.is_empty() {
            return;
        }
        body.push(Line::styled(format!(" {title}"), theme.section));
        for (text, mark, style) in items {
            for (i, part) in format::wrap(&text, width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { mark } else { "" };
                let pad = 2 + 2usize.saturating_sub(format::width(lead));
                body.push(Line::styled(
                    format!("{}{lead}{part}", " ".repeat(pad.min(4))),
                    style,
                ));
            }
        }
    };
    section(
        s.admin.s_rejected(pv.rejected.len()),
        pv.rejected
            .iter()
            .map(|r| {
                (
                    s.admin.line_reason(
                        r.line,
                        &crate::texts::gestori_row_rejection(env.lang, &r.reason),
                    ),
                    ERROR_MARK,
                    theme.error,
                )
            })
            .collect(),
    );
    let warnings: Vec<(String, &'static str, Style)> = pv
        .accepted
        .iter()
        .flat_map(|r| {
            r.warnings.iter().map(move |w| {
                (
                    s.admin
                        .line_reason(r.line, &crate::texts::gestori_row_warning(env.lang, w)),
                    WARNING_MARK,
                    theme.warning,
                )
            })
        })
        .collect();
    section(s.admin.s_warnings(warnings.len()), warnings);
    section(
        s.admin.s_no_longer(plan.no_longer.len()),
        plan.no_longer
            .iter()
            .map(|g| (g.denominazione.clone(), WARNING_MARK, theme.warning))
            .collect(),
    );
    section(
        s.admin.s_added(plan.added.len()),
        plan.added
            .iter()
            .map(|g| (gestore_line(g), INFO_MARK, theme.field))
            .collect(),
    );
    section(
        s.admin.s_updated(plan.updated.len()),
        plan.updated
            .iter()
            .map(|(old, new)| {
                let text = if old.denominazione == new.denominazione {
                    gestore_line(new)
                } else {
                    format!("{} → {}", old.denominazione, gestore_line(new))
                };
                (text, INFO_MARK, theme.field)
            })
            .collect(),
    );
    if !pv.ignored_columns.is_empty() {
        section(
            s.admin.s_ignored_columns.to_string(),
            vec![(pv.ignored_columns.join(", "), INFO_MARK, theme.muted)],
        );
    }

    let top_height = u16::try_from(top.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    frame.render_widget(
        Paragraph::new(top),
        Rect {
            height: top_height,
            ..area
        },
    );
    let rest = Rect {
        y: area.y + top_height,
        height: area.height.saturating_sub(top_height),
        ..area
    };
    p.total = body.len();
    p.page = usize::from(rest.height);
    p.scroll = p.scroll.min(p.total.saturating_sub(p.page));
    let more = p.total > p.page;
    frame.render_widget(
        Paragraph::new(body).scroll((u16::try_from(p.scroll).unwrap_or(0), 0)),
        rest,
    );
    if more && rest.height > 0 {
        // Where the list is, on its last row, right-aligned.
        let mark = s
            .admin
            .scroll_mark(p.scroll + 1, (p.scroll + p.page).min(p.total), p.total);
        let w = u16::try_from(format::width(&mark)).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(Span::styled(mark, theme.muted)),
            Rect {
                x: rest.right().saturating_sub(w + 1),
                y: rest.bottom() - 1,
                width: w,
                height: 1,
            },
        );
    }
}

/// Up, Down, PageUp, PageDown over a preview of `total` lines shown `page`
/// at a time.
fn scroll(at: &mut usize, page: usize, total: usize, action: Action) -> Option<Cmd> {
    let max = total.saturating_sub(page);
    let step = page.max(1);
    match action {
        Action::Up => *at = at.saturating_sub(1),
        Action::Down => *at = (*at + 1).min(max),
        Action::PageUp => *at = at.saturating_sub(step),
        Action::PageDown => *at = (*at + step).min(max),
        _ => return None,
    }
    Some(Cmd::Redraw)
}

fn draw_mmg_preview(p: &mut MmgPreview, frame: &mut Frame, area: Rect, env: &Env) {
    let s = Texts::of(env);
    let a = s.admin;
    let theme = env.theme;
    let width = usize::from(area.width.saturating_sub(2));
    let pv = &p.preview;
    let plan = &p.plan;
    let mut head = format!("{} {}  ·  {} {}", a.file, p.file, a.encoding, pv.encoding);
    if let Some(sep) = pv.separator {
        head.push_str(&format!("  ·  {} «{sep}»", a.separator));
    }
    if let Some(sheet) = &pv.sheet {
        head.push_str(&format!("  ·  {} «{sheet}»", a.sheet));
    }
    let mut top: Vec<Line> = format::wrap(&head, width)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.label_focused))
        .collect();
    let count = |label: &str, n: usize, style: Style| -> Vec<Span<'static>> {
        let pad = 16usize.saturating_sub(format::width(label));
        vec![
            Span::raw(format!(" {label}{}", " ".repeat(pad))),
            Span::styled(format!("{n:>4}"), style),
            Span::raw("    "),
        ]
    };
    let warn = |n: usize| if n > 0 { theme.warning } else { theme.field };
    top.push(Line::from(
        [
            count(a.c_recognised, pv.accepted.len(), theme.field_focused),
            count(a.c_added, plan.added.len(), theme.field_focused),
            count(a.c_unchanged, plan.unchanged, theme.field),
        ]
        .concat(),
    ));
    let not_read = pv.rejected.len() + plan.unmatched.len();
    top.push(Line::from(
        [
            count(a.c_rejected, not_read, warn(not_read)),
            count(a.c_changed, plan.changed.len(), theme.field_focused),
            count(a.c_removed, plan.removed.len(), warn(plan.removed.len())),
        ]
        .concat(),
    ));
    top.push(Line::styled(
        format!(" {}", a.mmg_preview_note),
        theme.status_warning,
    ));
    top.push(Line::raw(""));

    let mut body: Vec<Line> = Vec::new();
    let mut section = |title: String, items: Vec<(String, &'static str, Style)>| {
        if items.is_empty() {
            return;
        }
        body.push(Line::styled(format!(" {title}"), theme.section));
        for (text, mark, style) in items {
            for (i, part) in format::wrap(&text, width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { mark } else { "" };
                let pad = 2 + 2usize.saturating_sub(format::width(lead));
                body.push(Line::styled(
                    format!("{}{lead}{part}", " ".repeat(pad.min(4))),
                    style,
                ));
            }
        }
    };
    let mut rejected: Vec<(usize, String)> = pv
        .rejected
        .iter()
        .map(|r| {
            (
                r.line,
                crate::texts::label::mmg_row_problem(env.lang, &r.problem),
            )
        })
        .chain(
            plan.unmatched
                .iter()
                .map(|u| (u.line, crate::texts::label::mmg_unmatched(env.lang, u))),
        )
        .collect();
    rejected.sort_by_key(|(line, _)| *line);
    section(
        a.s_rejected(rejected.len()),
        rejected
            .iter()
            .map(|(line, why)| (a.line_reason(*line, why), ERROR_MARK, theme.error))
            .collect(),
    );
    section(
        a.s_mmg_removed(plan.removed.len()),
        plan.removed
            .iter()
            .map(|m| (m.nome.clone(), WARNING_MARK, theme.warning))
            .collect(),
    );
    section(
        a.s_added(plan.added.len()),
        plan.added
            .iter()
            .map(|(m, g)| (format!("{} → {g}", m.nome), INFO_MARK, theme.field))
            .collect(),
    );
    section(
        a.s_mmg_changed(plan.changed.len()),
        plan.changed
            .iter()
            .map(|(_, m, g)| (format!("{} → {g}", m.nome), INFO_MARK, theme.field))
            .collect(),
    );
    if !pv.ignored_columns.is_empty() {
        section(
            a.s_ignored_columns.to_string(),
            vec![(pv.ignored_columns.join(", "), INFO_MARK, theme.muted)],
        );
    }
    let top_height = u16::try_from(top.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    frame.render_widget(
        Paragraph::new(top),
        Rect {
            height: top_height,
            ..area
        },
    );
    let rest = Rect {
        y: area.y + top_height,
        height: area.height.saturating_sub(top_height),
        ..area
    };
    p.total = body.len();
    p.page = usize::from(rest.height);
    p.scroll = p.scroll.min(p.total.saturating_sub(p.page));
    frame.render_widget(
        Paragraph::new(body).scroll((u16::try_from(p.scroll).unwrap_or(0), 0)),
        rest,
    );
}

fn gestore_line(g: &crate::domain::Gestore) -> String {
    if g.comune.is_empty() {
        g.denominazione.clone()
    } else {
        format!("{} · {}", g.denominazione, g.comune)
    }
}

/// "~/x" is the home folder's "x".
fn expand_home(text: &str) -> PathBuf {
    if let Some(rest) = text.strip_prefix('~')
        && let Some(rest) = rest.strip_prefix(std::path::is_separator)
        && let Some(home) = home_dir()
    {
        return Path::new(&home).join(rest);
    }
    PathBuf::from(text)
}

/// The user's home folder: `HOME`, or on Windows `USERPROFILE`.
fn home_dir() -> Option<std::ffi::OsString> {
    std::env::var_os("HOME").or_else(|| {
        if cfg!(windows) {
            std::env::var_os("USERPROFILE")
        } else {
            None
        }
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Completes the last part of a path from the names in its folder: the one
/// name that fits (a folder gets a separator: the one last typed, else `/`,
/// on Windows `\`), or what several names share. On Windows both `\` and `/`
/// separate folders.
pub fn complete_path(text: &str) -> Option<String> {
    let (dir_text, prefix) = match text.rfind(std::path::is_separator) {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text),
    };
    let separator = dir_text
        .chars()
        .next_back()
        .unwrap_or(std::path::MAIN_SEPARATOR);
    let dir = if dir_text.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_text)
    };
    let mut names: Vec<(String, bool)> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let is_dir = e.file_type().ok()?.is_dir();
            (name.starts_with(prefix) && (!name.starts_with('.') || prefix.starts_with('.')))
                .then_some((name, is_dir))
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [] => None,
        [(name, is_dir)] if *is_dir => Some(format!("{dir_text}{name}{separator}")),
        [(name, _)] => Some(format!("{dir_text}{name}")),
        many => {
            let first = &many[0].0;
            let mut common = first.len();
            for (name, _) in many {
                common = common.min(
                    first
                        .char_indices()
                        .zip(name.chars())
                        .take_while(|((_, a), b)| a == b)
                        .map(|((i, a), _)| i + a.len_utf8())
                        .last()
                        .unwrap_or(0),
                );
            }
            Some(format!("{dir_text}{}", &first[..common]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_complete_from_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ats-brianza.csv"), "x").unwrap();
        std::fs::write(dir.path().join("ats-bergamo.csv"), "x").unwrap();
        std::fs::create_dir(dir.path().join("vecchi")).unwrap();
        let base = format!("{}/", dir.path().display());
        assert_eq!(
            complete_path(&format!("{base}ats-b")),
            Some(format!("{base}ats-b"))
        );
        assert_eq!(
            complete_path(&format!("{base}ats-bri")),
            Some(format!("{base}ats-brianza.csv"))
        );
        assert_eq!(
            complete_path(&format!("{base}ve")),
            Some(format!("{base}vecchi/"))
        );
        assert_eq!(complete_path(&format!("{base}zzz")), None);
    }

    #[cfg(windows)]
    #[test]
    fn windows_paths_complete_with_backslashes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ats-brianza.csv"), "x").unwrap();
        std::fs::create_dir(dir.path().join("vecchi")).unwrap();
        let base = format!("{}\\", dir.path().display());
        assert_eq!(
            complete_path(&format!("{base}ats")),
            Some(format!("{base}ats-brianza.csv"))
        );
        assert_eq!(
            complete_path(&format!("{base}ve")),
            Some(format!("{base}vecchi\\"))
        );
    }
}
