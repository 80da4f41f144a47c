//! Prescriptions of a PAI in two lots and its publication on the FSE, both
//! recorded by hand (see `domain::pai::ricette`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Desk, DeskError, PaiPlans, PatientSummary, Refusal, Result};
use crate::domain::agenda::{AdherenceSplit, Appointment};
use crate::domain::pai::{
    ItemId, Lotto, Pai, PaiId, PaiStato, Pubblicazione, Ricetta, da_ripubblicare, mese_del_piano,
};
use crate::domain::planner;

/// An occurrence of a PAI service and its prescription: a line of the
/// "ricette da emettere" list.
#[derive(Debug, Clone, PartialEq)]
pub struct PrescriptionLine {
    pub patient: PatientSummary,
    pub pai: PaiId,
    pub item: ItemId,
    pub occorrenza: u32,
    pub what: String,
    pub lotto: Lotto,
    /// The occurrence's nominal date.
    pub target: NaiveDate,
    /// Month of the plan year (1-12) the occurrence is due in.
    pub mese: u32,
    /// The prescription, when recorded as issued.
    pub emessa: Option<Ricetta>,
}

/// Where a PAI stands with the FSE.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublicationState {
    /// The newest publication of this plan or of an earlier version of it,
    /// with the version it published.
    pub last: Option<(u32, Pubblicazione)>,
    /// A service or a drug was added or removed since: publish again.
    pub da_ripubblicare: bool,
}

impl Desk {
    /// `pai` and the earlier versions of the same plan year, newest first.
    fn pai_chain(&self, pai: &Pai) -> Result<Vec<Pai>> {
        let mut out = vec![pai.clone()];
        let mut next = pai.precedente;
        while let Some(id) = next {
            if out.len() > 1000 || out.iter().any(|p| p.id == id) {
                break;
            }
            match self.store.pai(id)? {
                Some(p) if p.anno_dal == pai.anno_dal && p.patient == pai.patient => {
                    next = p.precedente;
                    out.push(p);
                }
                _ => break,
            }
        }
        Ok(out)
    }

    /// The prescriptions recorded for `pai` or an earlier version of the
    /// same year (the newest record of an occurrence wins).
    pub(crate) fn ricette_of_plan(&self, pai: &Pai) -> Result<Vec<Ricetta>> {
        let mut seen: HashMap<(ItemId, u32), Ricetta> = HashMap::new();
        for version in self.pai_chain(pai)? {
            if version.id == 0 {
                continue;
            }
            for r in self.store.ricette_of(version.id)? {
                seen.entry((r.item, r.occorrenza)).or_insert(r);
            }
        }
        let mut out: Vec<Ricetta> = seen.into_values().collect();
        out.sort_by_key(|r| (r.item, r.occorrenza));
        Ok(out)
    }

    /// The lines of `pai` (both lots, issued ones too), in order of due date.
    pub(crate) fn prescription_lines(
        &self,
        pai: &Pai,
        summary: &PatientSummary,
        ricette: &[Ricetta],
    ) -> Vec<PrescriptionLine> {
        let mut out: Vec<PrescriptionLine> = planner::occurrences(pai)
            .into_iter()
            .filter_map(|o| {
                let item = pai.item(o.item)?;
                if !item.categoria.needs_ricetta() {
                    return None;
                }
                Some(PrescriptionLine {
                    patient: summary.clone(),
                    pai: pai.id,
                    item: o.item,
                    occorrenza: o.occorrenza,
                    what: item.descrizione.clone(),
                    lotto: Lotto::of(pai.anno_dal, o.target),
                    target: o.target,
                    mese: mese_del_piano(pai.anno_dal, o.target),
                    emessa: ricette
                        .iter()
                        .find(|r| r.item == o.item && r.occorrenza == o.occorrenza)
                        .cloned(),
                })
            })
            .collect();
        out.sort_by_key(|l| (l.target, l.item, l.occorrenza));
        out
    }

    /// Prescribed / booked / done of the plan year.
    pub(crate) fn adherence_split(
        &self,
        pai: &Pai,
        apps: &[Appointment],
        ricette: &[Ricetta],
    ) -> AdherenceSplit {
        let issued: HashSet<(ItemId, u32)> =
            ricette.iter().map(|r| (r.item, r.occorrenza)).collect();
        planner::split_of(pai, apps, &issued)
    }

    /// The shared PAI `id`, for recording something about it.
    fn shared_pai(&self, id: PaiId) -> Result<Pai> {
        let pai = self
            .store
            .pai(id)?
            .ok_or_else(|| DeskError::from(Refusal::PaiNotFound))?;
        if !matches!(pai.stato, PaiStato::Condiviso { .. }) {
            return Err(DeskError::from(Refusal::PaiNotShared));
        }
        Ok(pai)
    }

    /// Records (or removes) the prescriptions of `occurrences` of the
    /// shared PAI `id`. Removing clears the record on earlier versions too.
    fn set_ricette(&self, pai: &Pai, occurrences: &[(ItemId, u32)], emessa: bool) -> Result<()> {
        let today = self.today();
        let operator = self.operator();
        if emessa {
            self.store
                .set_ricette(pai.id, occurrences, Some((today, &operator)))?;
        } else {
            for version in self.pai_chain(pai)? {
                self.store.set_ricette(version.id, occurrences, None)?;
            }
        }
        Ok(())
    }
}

impl PaiPlans<'_> {
    /// The prescriptions recorded as issued for `pai` (and for the earlier
    /// versions of the same year).
    pub fn ricette(&self, pai: &Pai) -> Result<Vec<Ricetta>> {
        if pai.id == 0 {
            return Ok(Vec::new());
        }
        self.desk.ricette_of_plan(pai)
    }

    /// The occurrences of `pai` prescribed on a ricetta, both lots, with
    /// their prescription when issued.
    pub fn prescription_lines(&self, pai: &Pai) -> Result<Vec<PrescriptionLine>> {
        let Some(summary) = self.desk.summaries(vec![pai.patient])?.into_iter().next() else {
            return Err(DeskError::from(Refusal::PatientNotFound(Some(pai.patient))));
        };
        let ricette = self.ricette(pai)?;
        Ok(self.desk.prescription_lines(pai, &summary, &ricette))
    }

    /// Records the prescription of one occurrence of the shared PAI `id` as
    /// issued today by the operator (`emessa: true`), or removes the record.
    pub fn set_ricetta(
        &self,
        id: PaiId,
        item: ItemId,
        occorrenza: u32,
        emessa: bool,
    ) -> Result<()> {
        let pai = self.desk.shared_pai(id)?;
        let Some(it) = pai.item(item) else {
            return Err(DeskError::from(Refusal::PaiNotFound));
        };
        self.desk.set_ricette(&pai, &[(item, occorrenza)], emessa)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PaiChanged,
            Some(pai.patient),
            format!(
                "PAI {id}: ricetta di «{}» n. {occorrenza} {}",
                it.descrizione,
                if emessa { "emessa" } else { "non emessa" }
            ),
        )
    }

    /// Records every prescription of lot `lotto` of the shared PAI `id` as
    /// issued today (`emessa: true`) or removes them; the number of
    /// occurrences whose record changed.
    pub fn set_lotto(&self, id: PaiId, lotto: Lotto, emessa: bool) -> Result<usize> {
        let pai = self.desk.shared_pai(id)?;
        let Some(summary) = self.desk.summaries(vec![pai.patient])?.into_iter().next() else {
            return Err(DeskError::from(Refusal::PatientNotFound(Some(pai.patient))));
        };
        let ricette = self.desk.ricette_of_plan(&pai)?;
        let changing: Vec<(ItemId, u32)> = self
            .desk
            .prescription_lines(&pai, &summary, &ricette)
            .into_iter()
            .filter(|l| l.lotto == lotto && l.emessa.is_some() != emessa)
            .map(|l| (l.item, l.occorrenza))
            .collect();
        if changing.is_empty() {
            return Ok(0);
        }
        self.desk.set_ricette(&pai, &changing, emessa)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PaiChanged,
            Some(pai.patient),
            format!(
                "PAI {id}: lotto {} di ricette {} ({} prestazioni)",
                lotto.numero(),
                if emessa { "emesso" } else { "non emesso" },
                changing.len()
            ),
        )?;
        Ok(changing.len())
    }

    /// Records the publication of the shared PAI `id` on the patient's FSE
    /// today, by `autore` (the operator when empty).
    pub fn record_publication(&self, id: PaiId, autore: &str) -> Result<Pubblicazione> {
        let pai = self.desk.shared_pai(id)?;
        let operator = self.desk.operator();
        let autore = match autore.trim() {
            "" => operator.clone(),
            a => a.to_string(),
        };
        let p = Pubblicazione {
            il: self.desk.today(),
            autore,
            registrata_da: operator,
        };
        self.desk.store.add_pubblicazione(id, &p)?;
        self.desk.audit(
            crate::domain::audit::AuditAction::PaiChanged,
            Some(pai.patient),
            format!(
                "PAI {id} versione {} pubblicato sul FSE da {}",
                pai.versione, p.autore
            ),
        )?;
        Ok(p)
    }

    /// The newest publication of `pai` or of an earlier version of it, and
    /// whether the plan changed since in a way that needs a new one.
    pub fn publication_state(&self, pai: &Pai) -> Result<PublicationState> {
        for version in self.desk.pai_chain(pai)? {
            if version.id == 0 {
                continue;
            }
            if let Some(last) = self.desk.store.pubblicazioni_of(version.id)?.pop() {
                return Ok(PublicationState {
                    da_ripubblicare: da_ripubblicare(&version, pai),
                    last: Some((version.versione, last)),
                });
            }
        }
        Ok(PublicationState::default())
    }
}
