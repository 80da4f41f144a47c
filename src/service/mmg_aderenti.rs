//! The ATS list of MMG aderenti: read (CSV or XLSX), compared with the
//! adhesions of Amministrazione › Studio (added, changed, removed), then
//! written as the Studio's adhesions with an audit entry.

use super::Result;
use super::gestori::Gestori;
use crate::domain::practice::{Adesione, MmgAdesione, Practice, doctor_key};
use crate::domain::text::fold;
use crate::domain::{Gestore, GestoreId};

pub use crate::io::mmg_aderenti::{
    MmgAderenteRow, MmgAderentiPreview, MmgRejectedRow, MmgRowProblem,
};
pub use crate::io::table::{ImportError, MAX_FILE_BYTES};

/// A row whose Gestore is not among the stored idonei (or is several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub line: usize,
    pub nome: String,
    pub gestore: String,
    /// Several Gestori have that name.
    pub ambiguous: bool,
}

/// What the import would change in the Studio, computed before anything is
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MmgAderentiPlan {
    /// The Studio's settings as read when planning (a save over settings
    /// changed since is refused).
    pub opened: Practice,
    /// The Studio's settings as they will be.
    pub practice: Practice,
    /// Doctors new to the Studio, with their Gestore's name.
    pub added: Vec<(MmgAdesione, String)>,
    /// (before, after, the new Gestore's name).
    pub changed: Vec<(MmgAdesione, MmgAdesione, String)>,
    /// Doctors of the Studio whose adhesion to a Gestore of the list's ATS
    /// is no longer on the list (their adhesion becomes "nessuna").
    pub removed: Vec<MmgAdesione>,
    pub unchanged: usize,
    pub unmatched: Vec<Unmatched>,
}

impl MmgAderentiPlan {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Why a list of MMG aderenti could not be read: as for any ATS list.
pub use super::gestori::ListFileError as MmgFileError;

/// Reads the ATS list of MMG aderenti in `path` into a preview, with the
/// file's name; nothing is written.
pub fn read_mmg_aderenti_file(
    path: &std::path::Path,
    sheet: Option<&str>,
) -> std::result::Result<(String, MmgAderentiPreview), MmgFileError> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(MmgFileError::TooBig { bytes: size });
    }
    let bytes = std::fs::read(path).map_err(MmgFileError::Unreadable)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let preview = crate::io::mmg_aderenti::parse_mmg_aderenti(&bytes, &name, sheet)
        .map_err(MmgFileError::Format)?;
    Ok((name, preview))
}

/// The Gestori `text` (a code, a CF/P.IVA or a name) stands for.
fn find_gestore<'g>(gestori: &'g [Gestore], text: &str) -> Vec<&'g Gestore> {
    let t = text.trim();
    let by_code: Vec<&Gestore> = gestori
        .iter()
        .filter(|g| {
            (!g.codice.is_empty() && g.codice.eq_ignore_ascii_case(t))
                || (!g.cf_piva.is_empty() && g.cf_piva.eq_ignore_ascii_case(t))
        })
        .collect();
    if !by_code.is_empty() {
        return by_code;
    }
    let key = fold(t);
    gestori
        .iter()
        .filter(|g| fold(&g.denominazione) == key)
        .collect()
}

impl Gestori<'_> {
    /// Compares the rows of an ATS list of MMG aderenti with the Studio's
    /// adhesions. `ats` restricts the Gestori matched (and the adhesions that
    /// can be removed) to one ATS; `None`: every ATS in the archive.
    pub fn plan_mmg_aderenti(
        &self,
        rows: &[MmgAderenteRow],
        ats: Option<&str>,
    ) -> Result<MmgAderentiPlan> {
        let gestori = self.list(ats, false)?;
        let opened = self.practice()?;
        let mut practice = opened.clone();
        let mut plan = MmgAderentiPlan {
            opened: opened.clone(),
            practice: opened.clone(),
            added: Vec::new(),
            changed: Vec::new(),
            removed: Vec::new(),
            unchanged: 0,
            unmatched: Vec::new(),
        };
        let mut listed: Vec<String> = Vec::new();
        for row in rows {
            let found = find_gestore(&gestori, &row.gestore);
            let [g] = found.as_slice() else {
                plan.unmatched.push(Unmatched {
                    line: row.line,
                    nome: row.nome.clone(),
                    gestore: row.gestore.clone(),
                    ambiguous: found.len() > 1,
                });
                continue;
            };
            let key = doctor_key(&row.nome);
            listed.push(key.clone());
            let adesione = Adesione::Cooperativa(g.id);
            match practice.mmg.iter_mut().find(|m| doctor_key(&m.nome) == key) {
                Some(m) if m.adesione == adesione => plan.unchanged += 1,
                Some(m) => {
                    let before = m.clone();
                    m.adesione = adesione;
                    plan.changed
                        .push((before, m.clone(), g.denominazione.clone()));
                }
                None => {
                    let m = MmgAdesione {
                        nome: row.nome.clone(),
                        adesione,
                    };
                    practice.mmg.push(m.clone());
                    plan.added.push((m, g.denominazione.clone()));
                }
            }
        }
        // Adhesions to a Gestore the list covers, of doctors it no longer names.
        let covered: Vec<GestoreId> = gestori.iter().map(|g| g.id).collect();
        let all: Vec<Gestore> = self.list(None, true)?;
        for m in &mut practice.mmg {
            if let Adesione::Cooperativa(id) = m.adesione {
                let in_scope = covered.contains(&id)
                    || (ats.is_none() && !all.iter().any(|g| g.id == id && g.is_idoneo()));
                if in_scope && !listed.contains(&doctor_key(&m.nome)) {
                    plan.removed.push(m.clone());
                    m.adesione = Adesione::Nessuna;
                }
            }
        }
        plan.practice = practice;
        Ok(plan)
    }

    /// Writes the planned adhesions in the Studio (refused when another desk
    /// changed the Studio since the plan) and records the import.
    pub fn apply_mmg_aderenti(&self, plan: &MmgAderentiPlan, file: &str) -> Result<()> {
        self.desk.require(
            crate::domain::operator::Role::Amministratore,
            super::Operation::Import,
        )?;
        self.save_practice_opened(&plan.opened, &plan.practice)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::Import,
            None,
            format!(
                "MMG aderenti da {file}: {} aggiunti, {} cambiati, {} tolti, {} senza Gestore riconosciuto",
                plan.added.len(),
                plan.changed.len(),
                plan.removed.len(),
                plan.unmatched.len()
            ),
        )
    }
}
