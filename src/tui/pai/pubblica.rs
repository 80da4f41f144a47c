//! F5, the publication of the shared PAI on the patient's FSE, recorded by
//! hand (Ctrl+U: who published it, today), and the mark when the plan
//! changed after it in what needs publishing again.

use ratatui::text::Span;

use super::strings::Texts;
use super::{PaiPurpose, PaiScreen};
use crate::domain::pai::PaiStato;
use crate::service::Desk;
use crate::service::ricette::PublicationState;
use crate::tui::kit::dialog::{DialogField, Modal};
use crate::tui::kit::field;
use crate::tui::kit::format;
use crate::tui::kit::screen::{Cmd, Env, Status};

/// Where the plan on screen stands with the FSE (`None` before it is stored).
pub(super) fn load(
    desk: &Desk,
    pai: Option<&crate::domain::pai::Pai>,
) -> Result<Option<PublicationState>, crate::service::DeskError> {
    match pai {
        Some(p) if p.id != 0 => Ok(Some(desk.pai().publication_state(p)?)),
        _ => Ok(None),
    }
}

impl PaiScreen {
    /// Ctrl+U on a shared PAI: who published it (the Clinical Manager
    /// offered).
    pub(super) fn ask_publish(&mut self, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(pai) = &self.pai else {
            return Cmd::None;
        };
        if self.historic || !matches!(pai.stato, PaiStato::Condiviso { .. }) {
            return Cmd::Status(Status::info(ps.publish_only_shared));
        }
        let author = if pai.clinical_manager.trim().is_empty() {
            env.desk.operator()
        } else {
            pai.clinical_manager.clone()
        };
        Cmd::modal(Modal::form(
            PaiPurpose::Publish,
            ps.publish_title.to_string(),
            vec![ps.publish_text(&format::date(env.today))],
            vec![DialogField::Text {
                label: ps.f_publish_author.to_string(),
                input: field::input_with(&author),
            }],
        ))
    }

    pub(super) fn publish(&mut self, modal: Modal, env: &Env) -> Cmd {
        let ps = Texts::of(env).pai;
        let Some(id) = self.pai.as_ref().map(|p| p.id) else {
            return Cmd::None;
        };
        let author = modal.text(0).trim().to_string();
        let done = env
            .desk
            .pai()
            .record_publication(id, &author)
            .and_then(|p| self.reload(env.desk).map(|()| p));
        match done {
            Ok(p) => Cmd::Status(Status::success(
                ps.published(&format::date(p.il), &p.autore),
            )),
            Err(e) => Cmd::Status(Status::error(crate::texts::error(env.lang, &e))),
        }
    }

    /// The note of the heading: published when and by whom, not yet, or
    /// changed since (to publish again).
    pub(super) fn publication_note(&self, env: &Env) -> Option<Span<'static>> {
        let ps = Texts::of(env).pai;
        let theme = env.theme;
        let state = self.publication.as_ref()?;
        let pai = self.pai.as_ref()?;
        if state.da_ripubblicare {
            return Some(Span::styled(ps.republish.to_string(), theme.warning));
        }
        match (&state.last, &pai.stato) {
            (Some((_, p)), _) => Some(Span::styled(
                ps.published_on(&format::date(p.il), &p.autore),
                theme.label,
            )),
            (None, PaiStato::Condiviso { .. }) if !self.historic => Some(Span::styled(
                ps.not_published(&env.key_name(
                    crate::tui::kit::keys::Context::PaiLettura,
                    crate::tui::kit::keys::Action::Publish,
                )),
                theme.muted,
            )),
            _ => None,
        }
    }
}
