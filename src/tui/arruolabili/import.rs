//! Arruolabili › Importa elenco ATS: the file and the sheet of a workbook;
//! Enter reads it and shows the preview (rows to import, rows rejected with
//! the reason, what to check, what the import changes; nothing written),
//! Ctrl+S writes it, Esc drops it.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tui_input::Input;

use crate::service::arruolabili::{
    ImportPlan, ListFileError, Preview, RowProblem, RowWarning, read_arruolabili_file,
};
use crate::tui::arruolabili::strings::{ArruolabiliStrings, Texts};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::keys::{Action, Context};
use crate::tui::kit::lang::Lang;
use crate::tui::kit::screen::{Cmd, Env, Status};
use crate::tui::kit::theme::{ERROR_MARK, WARNING_MARK};

const FILE: usize = 0;
const SHEET: usize = 1;

struct Read {
    file: String,
    preview: Preview,
    plan: ImportPlan,
    scroll: usize,
}

pub struct ImportScreen {
    inputs: [Input; 2],
    focus: usize,
    reading: Option<PathBuf>,
    read: Option<Box<Read>>,
    error: Option<String>,
}

impl Default for ImportScreen {
    fn default() -> Self {
        ImportScreen::new()
    }
}

/// Why a row is rejected, in the operator's language.
pub fn problem_text(s: &ArruolabiliStrings, lang: Lang, p: &RowProblem) -> String {
    match p {
        RowProblem::CfMissing => s.cf_missing.to_string(),
        RowProblem::CfInvalid(e) => crate::texts::codice_fiscale(lang, e),
        RowProblem::NamesMissing => s.names_missing.to_string(),
        RowProblem::Duplicate { first_line } => s.duplicate(*first_line),
    }
}

pub fn warning_text(s: &ArruolabiliStrings, w: &RowWarning) -> String {
    match w {
        RowWarning::LivelloNonValido(t) => s.bad_level(t),
        RowWarning::CodiceNonSgdt(c) => s.not_sgdt(c),
    }
}

impl ImportScreen {
    pub fn new() -> ImportScreen {
        ImportScreen {
            inputs: [Input::default(), Input::default()],
            focus: FILE,
            reading: None,
            read: None,
            error: None,
        }
    }

    /// The preview read, if any: (accepted, rejected) rows.
    pub fn preview(&self) -> Option<&Preview> {
        self.read.as_ref().map(|r| &r.preview)
    }

    fn fail(&mut self, message: String) -> Cmd {
        self.error = Some(message.clone());
        Cmd::Status(Status::error(message))
    }

    fn start(&mut self, env: &Env) -> Cmd {
        let s = Texts::of(env).arr;
        self.error = None;
        let text = self.inputs[FILE].value().trim().to_string();
        if text.is_empty() {
            self.focus = FILE;
            return self.fail(s.err_no_file.to_string());
        }
        let path = PathBuf::from(&text);
        if !path.is_file() {
            return self.fail(s.not_found(&text));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.reading = Some(path);
        Cmd::Many(vec![
            Cmd::Status(Status::info(s.reading(&name))),
            Cmd::Later,
        ])
    }

    fn deferred(&mut self, env: &Env) -> Cmd {
        let Some(path) = self.reading.take() else {
            return Cmd::None;
        };
        let s = Texts::of(env).arr;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let sheet = self.inputs[SHEET].value().trim().to_string();
        let sheet = (!sheet.is_empty()).then_some(sheet.as_str());
        let preview = match read_arruolabili_file(&path, sheet) {
            Ok((_, p)) => p,
            Err(ListFileError::TooBig { bytes }) => {
                return self.fail(s.too_large(&name, bytes / 1_048_576));
            }
            Err(ListFileError::Unreadable(e)) => {
                return self.fail(s.read_error(&name, &e.to_string()));
            }
            Err(ListFileError::Format(e)) => {
                return self.fail(s.read_error(&name, &crate::texts::import_error(env.lang, &e)));
            }
        };
        let plan = match env.desk.arruolabili().plan_import(&preview.accepted) {
            Ok(p) => p,
            Err(e) => return self.fail(crate::texts::error(env.lang, &e)),
        };
        let head = s.preview_head(
            &name,
            preview.accepted.len(),
            preview.rejected.len(),
            preview.encoding,
        );
        self.read = Some(Box::new(Read {
            file: name,
            preview,
            plan,
            scroll: 0,
        }));
        Cmd::Status(Status::info(head))
    }

    fn apply(&mut self, env: &Env) -> Cmd {
        let Some(read) = self.read.take() else {
            return Cmd::None;
        };
        match env.desk.arruolabili().apply_import(
            &read.preview.accepted,
            &read.file,
            read.preview.rejected.len(),
        ) {
            Ok(log) => Cmd::Many(vec![
                Cmd::Back,
                Cmd::RefreshLookups,
                Cmd::Status(Status::success(Texts::of(env).arr.done(&log))),
            ]),
            Err(e) => {
                self.read = Some(read);
                Cmd::Status(Status::error(crate::texts::error(env.lang, &e)))
            }
        }
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        if let Some(read) = &mut self.read {
            return Some(match action {
                Action::Up => {
                    read.scroll = read.scroll.saturating_sub(1);
                    Cmd::Redraw
                }
                Action::Down => {
                    read.scroll += 1;
                    Cmd::Redraw
                }
                Action::PageUp => {
                    read.scroll = read.scroll.saturating_sub(10);
                    Cmd::Redraw
                }
                Action::PageDown => {
                    read.scroll += 10;
                    Cmd::Redraw
                }
                Action::Save => self.apply(env),
                Action::Cancel => {
                    self.read = None;
                    Cmd::Status(Status::info(Texts::of(env).arr.import_cancelled))
                }
                _ => return None,
            });
        }
        Some(match action {
            Action::NextField | Action::PrevField => {
                self.focus = 1 - self.focus;
                Cmd::Redraw
            }
            Action::Open => self.start(env),
            Action::Back => Cmd::Back,
            _ => return None,
        })
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        let s = Texts::of(env).arr;
        let theme = env.theme;
        let width = usize::from(area.width.saturating_sub(2));
        if let Some(read) = &mut self.read {
            let pv = &read.preview;
            let mut lines: Vec<Line> = Vec::new();
            for r in &pv.rejected {
                let text = s.line_reason(r.line, &problem_text(s, env.lang, &r.problem));
                lines.push(Line::styled(format!("{ERROR_MARK}{text}"), theme.error));
                lines.push(Line::styled(format!("    {}", r.raw), theme.muted));
            }
            for a in &pv.accepted {
                for w in &a.warnings {
                    let text = s.line_reason(a.line, &warning_text(s, w));
                    lines.push(Line::styled(format!("{WARNING_MARK}{text}"), theme.warning));
                }
            }
            lines.push(Line::styled(s.accepted_head.to_string(), theme.label));
            for a in &pv.accepted {
                let mut codes: Vec<String> = a
                    .patologia_primaria
                    .iter()
                    .map(|p| format!("{p}*"))
                    .collect();
                codes.extend(a.patologie.iter().cloned());
                lines.push(Line::raw(format!(
                    "  {:>4} {} {} {} · {} · {}",
                    a.line,
                    a.codice_fiscale,
                    a.cognome,
                    a.nome,
                    a.livello.map(|n| s.level(n)).unwrap_or_else(|| "—".into()),
                    codes.join(" ")
                )));
            }
            let body_height = usize::from(area.height.saturating_sub(4));
            read.scroll = read.scroll.min(lines.len().saturating_sub(body_height));
            let head = vec![
                Line::raw(format!(
                    " {}",
                    format::truncate(
                        &s.preview_head(
                            &read.file,
                            pv.accepted.len(),
                            pv.rejected.len(),
                            pv.sheet.as_deref().unwrap_or(pv.encoding)
                        ),
                        width
                    )
                )),
                Line::raw(format!(" {}", format::truncate(&s.plan(&read.plan), width))),
                Line::styled(format!(" {}", s.preview_hint), theme.muted),
            ];
            frame.render_widget(Paragraph::new(head), Rect { height: 3, ..area });
            let body: Vec<Line> = lines
                .into_iter()
                .skip(read.scroll)
                .take(body_height)
                .map(|l| {
                    let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                    Line::styled(format::truncate(&text, width), l.style)
                })
                .collect();
            frame.render_widget(
                Paragraph::new(body),
                Rect {
                    x: area.x + 1,
                    y: area.y + 4,
                    width: area.width.saturating_sub(2),
                    height: area.height.saturating_sub(4),
                },
            );
            return;
        }
        let mut y = area.y + 1;
        let mut lines: Vec<Line> = format::wrap(s.import_intro, width)
            .into_iter()
            .map(|p| Line::styled(p, theme.muted))
            .collect();
        lines.push(Line::raw(""));
        let n = lines.len() as u16;
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                x: area.x + 1,
                y,
                width: area.width.saturating_sub(2),
                height: n.min(area.height.saturating_sub(1)),
            },
        );
        y += n;
        let label_width: u16 = 22;
        let input_width = area.width.saturating_sub(label_width + 2).min(60);
        for (i, label) in [s.f_file, s.f_sheet].iter().enumerate() {
            if y >= area.bottom() {
                return;
            }
            let widths = (label_width, input_width);
            let focus = (i == self.focus, focused);
            field::render_row(frame, area, y, widths, label, &self.inputs[i], focus, theme);
            y += 1;
        }
        if let Some(e) = &self.error
            && y + 1 < area.bottom()
        {
            let lines: Vec<Line> = format::wrap(&format!("{ERROR_MARK}{e}"), width)
                .into_iter()
                .map(|p| Line::styled(p, theme.error))
                .collect();
            frame.render_widget(
                Paragraph::new(lines),
                Rect {
                    x: area.x + 1,
                    y: y + 1,
                    width: area.width.saturating_sub(2),
                    height: area.bottom() - y - 1,
                },
            );
        }
    }
}

impl crate::tui::kit::screen::Screen for ImportScreen {
    fn keys(&self) -> &'static [crate::tui::kit::keys::Binding] {
        crate::tui::arruolabili::keys::KEYS
    }

    fn context(&self) -> Context {
        if self.read.is_some() {
            Context::ArruolabiliPreview
        } else {
            Context::ArruolabiliImport
        }
    }

    fn title(&self, env: &Env) -> String {
        Texts::of(env).arr.title_import.to_string()
    }

    fn action(&mut self, action: Action, env: &Env) -> Option<Cmd> {
        Self::action(self, action, env)
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, env: &Env, focused: bool) {
        Self::draw(self, frame, area, env, focused)
    }

    fn focused_input(&mut self) -> Option<&mut Input> {
        if self.read.is_some() {
            None
        } else {
            self.inputs.get_mut(self.focus)
        }
    }

    fn input_changed(&mut self, _env: &Env) -> Cmd {
        self.error = None;
        Cmd::Redraw
    }

    fn deferred(&mut self, env: &Env) -> Cmd {
        Self::deferred(self, env)
    }

    crate::screen_any!();
}
