//! The PAI (Piano di Assistenza Individuale): one year of care for the chronic
//! pathologies of a patient (DOMAIN.md, "PAI"): prestazioni with a periodicity,
//! drug prescriptions, lifestyle advice (required before sharing), vaccinations,
//! exemptions and allergies.
//!
//! States: bozza -> condiviso (linked to the signed Patto, frozen; a later change
//! is a new version, see [`Pai::new_version`]) -> concluso.
//!
//! The regional reference sets per pathology (DGR X/7655 "set di riferimento")
//! were not available: the templates in `assets/pai-modelli.csv` are data,
//! editable, and labelled [`TEMPLATE_LABEL`].
//!
//! Periodicity over 12 months (`Frequenza::OgniMesi(n)`, n > 12): DOMAIN.md says
//! such services go into a later year's PAI. An item with that frequency needs
//! no occurrence in a one-year plan *unless* it is flagged due in this year
//! ([`PaiItem::dovuto`]); then it needs exactly one. Templates flag it due (on a
//! first plan the date of the last exam is unknown) and note it, so that the
//! Clinical Manager confirms or unflags it.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::gestore::PresaId;
use super::patient::PatientId;
use super::patto::PattoId;
use super::text::fold;

pub type PaiId = u64;
/// Identifier of an item, stable within a PAI and across its versions.
pub type ItemId = u32;

/// Label shown wherever a plan or an item comes from the templates.
pub const TEMPLATE_LABEL: &str = "modello da validare dal Clinical Manager";

/// The most times a year a frequency may say (daily).
pub const MAX_VOLTE_ANNO: u16 = 365;
/// The longest interval a frequency may say, in months (ten years).
pub const MAX_MESI: u8 = 120;

/// Days of the reference year used by the frequency arithmetic. A leap plan year
/// (366 days) counts as one year.
const ANNO: u64 = 365;

/// Note put on template items with a periodicity over 12 months.
const NOTA_OLTRE_12_MESI: &str =
    "periodicità oltre 12 mesi: nel piano solo se dovuta quest'anno (verificare l'ultimo esame)";

/// Errors of frequencies and of template files, in Italian for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaiError {
    #[error("Riga {line}: {reason}")]
    Riga { line: usize, reason: String },
    #[error("Intestazione non valida: attese le colonne {}", COLONNE.join(","))]
    Intestazione,
    #[error(
        "Frequenza non riconosciuta: «{0}» (esempi: 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile)"
    )]
    Frequenza(String),
    #[error("La frequenza non può essere 0")]
    FrequenzaZero,
    #[error("Frequenza troppo alta: al massimo {} volte l'anno", MAX_VOLTE_ANNO)]
    TroppeVolte,
    #[error("Intervallo troppo lungo: al massimo ogni {} mesi", MAX_MESI)]
    IntervalloTroppoLungo,
}

// ---------------------------------------------------------------------------
// Categoria

/// Kind of PAI item. Variants are append-only (they are stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Categoria {
    Visita,
    EsameLaboratorio,
    DiagnosticaStrumentale,
    PrescrizioneFarmacologica,
    Vaccinazione,
    StileDiVita,
    Monitoraggio,
}

impl Categoria {
    pub const ALL: [Categoria; 7] = [
        Categoria::Visita,
        Categoria::EsameLaboratorio,
        Categoria::DiagnosticaStrumentale,
        Categoria::PrescrizioneFarmacologica,
        Categoria::Vaccinazione,
        Categoria::StileDiVita,
        Categoria::Monitoraggio,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Categoria::Visita => "Visita",
            Categoria::EsameLaboratorio => "Esame di laboratorio",
            Categoria::DiagnosticaStrumentale => "Diagnostica strumentale",
            Categoria::PrescrizioneFarmacologica => "Prescrizione farmacologica",
            Categoria::Vaccinazione => "Vaccinazione",
            Categoria::StileDiVita => "Stile di vita",
            Categoria::Monitoraggio => "Monitoraggio",
        }
    }

    /// Whether an item of this kind is prescribed on a ricetta (visits,
    /// tests, exams, drugs, vaccinations; not lifestyle advice or
    /// monitoring).
    pub fn needs_ricetta(self) -> bool {
        !matches!(self, Categoria::StileDiVita | Categoria::Monitoraggio)
    }

    /// Reads a label ("esame di laboratorio") or a short form ("laboratorio",
    /// "strumentale", "farmaco"), ignoring case and accents.
    pub fn parse(text: &str) -> Option<Categoria> {
        let t = fold(text);
        Categoria::ALL
            .into_iter()
            .find(|c| fold(c.label()) == t)
            .or(match t.as_str() {
                "VISITE" => Some(Categoria::Visita),
                "LABORATORIO" | "ESAME LABORATORIO" | "ESAMI DI LABORATORIO" => {
                    Some(Categoria::EsameLaboratorio)
                }
                "STRUMENTALE" | "DIAGNOSTICA" | "ESAME STRUMENTALE" => {
                    Some(Categoria::DiagnosticaStrumentale)
                }
                "FARMACO" | "FARMACI" | "PRESCRIZIONE" | "TERAPIA" => {
                    Some(Categoria::PrescrizioneFarmacologica)
                }
                "VACCINO" | "VACCINAZIONI" => Some(Categoria::Vaccinazione),
                "STILE VITA" | "CONSIGLIO" | "CONSIGLI" => Some(Categoria::StileDiVita),
                _ => None,
            })
    }
}

impl fmt::Display for Categoria {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------
// Frequenza

/// How often an item recurs. Variants are append-only (they are stored).
///
/// Valid values: `VoltePerAnno(1..=365)`, `OgniMesi(1..=120)`, `UnaVolta`
/// ([`Frequenza::check`]). Invalid values built by hand never panic: they count
/// no occurrences and have no interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequenza {
    /// n times in the plan year, evenly spaced.
    VoltePerAnno(u16),
    /// Every n months. Over 12 months: see the module documentation.
    OgniMesi(u8),
    /// Once in the plan year, any day of it.
    UnaVolta,
}

impl Frequenza {
    /// Refuses a frequency of 0 and one over [`MAX_VOLTE_ANNO`] a year or over
    /// [`MAX_MESI`] months.
    pub fn check(self) -> Result<Frequenza, PaiError> {
        match self {
            Frequenza::VoltePerAnno(0) | Frequenza::OgniMesi(0) => Err(PaiError::FrequenzaZero),
            Frequenza::VoltePerAnno(n) if n > MAX_VOLTE_ANNO => Err(PaiError::TroppeVolte),
            Frequenza::OgniMesi(m) if m > MAX_MESI => Err(PaiError::IntervalloTroppoLungo),
            f => Ok(f),
        }
    }

    /// Whether the periodicity is over 12 months (the item belongs to a later
    /// year's PAI unless flagged due).
    pub fn oltre_anno(self) -> bool {
        matches!(self, Frequenza::OgniMesi(m) if m > 12)
    }

    /// Occurrences needed in a plan of `days` days (the Patto year: 365, or 366
    /// when it spans 29 February, which counts as one year).
    ///
    /// - `VoltePerAnno(n)`: n in a year; proportional, rounded half up, otherwise.
    /// - `OgniMesi(m)`, m <= 12: the first occurrence at the start, then every m
    ///   months: ceil(12 / m) in a year (every 5 months -> 3, every 6 -> 2).
    /// - `OgniMesi(m)`, m > 12: whole periods only, so 0 in a one-year plan (see
    ///   [`PaiItem::occorrenze_in`] for the item flagged due).
    /// - `UnaVolta`: 1 (0 for an empty plan).
    pub fn occorrenze_in(self, days: u32) -> u32 {
        let d = if days == 366 { ANNO } else { u64::from(days) };
        let count = match self {
            Frequenza::VoltePerAnno(n) => {
                if n > MAX_VOLTE_ANNO {
                    0
                } else {
                    (u64::from(n) * d * 2 + ANNO) / (ANNO * 2)
                }
            }
            Frequenza::OgniMesi(0) => 0,
            Frequenza::OgniMesi(m) if m > MAX_MESI => 0,
            Frequenza::OgniMesi(m) => {
                let months = (d * 12 * 2 + ANNO) / (ANNO * 2);
                let m = u64::from(m);
                if m <= 12 {
                    months.div_ceil(m)
                } else {
                    months / m
                }
            }
            Frequenza::UnaVolta => u64::from(days > 0),
        };
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Days between two occurrences, rounded: 4/anno -> 91, ogni 6 mesi -> 183,
    /// mensile -> 30. `None` for `UnaVolta` and invalid values.
    pub fn interval_days(self) -> Option<u32> {
        match self.check().ok()? {
            Frequenza::VoltePerAnno(n) => {
                let n = u32::from(n);
                Some((365 + n / 2) / n)
            }
            Frequenza::OgniMesi(m) => Some((u32::from(m) * 365 + 6) / 12),
            Frequenza::UnaVolta => None,
        }
    }

    /// Days an occurrence may move before or after its nominal date, by interval
    /// (always less than half the interval, so windows never overlap):
    ///
    /// | interval (days) | example          | tolerance |
    /// |-----------------|------------------|-----------|
    /// | 1-3             | ogni giorno      | 0         |
    /// | 4-7             | settimanale      | ±1        |
    /// | 8-14            | 26/anno          | ±3        |
    /// | 15-31           | mensile          | ±7        |
    /// | 32-62           | bimestrale       | ±10       |
    /// | 63-92           | trimestrale      | ±15       |
    /// | 93-122          | 3/anno           | ±20       |
    /// | over 122        | semestrale, annuale, ogni 24 mesi | ±30 |
    ///
    /// `None` for `UnaVolta` (any day of the plan year) and invalid values.
    pub fn tolerance_days(self) -> Option<u32> {
        let interval = self.interval_days()?;
        Some(match interval {
            0..=3 => 0,
            4..=7 => 1,
            8..=14 => 3,
            15..=31 => 7,
            32..=62 => 10,
            63..=92 => 15,
            93..=122 => 20,
            _ => 30,
        })
    }

    /// "4 volte l'anno", "1 volta l'anno", "ogni mese", "ogni 6 mesi", "una volta".
    /// [`Frequenza::parse`] reads every label back.
    pub fn label(self) -> String {
        match self {
            Frequenza::VoltePerAnno(1) => "1 volta l'anno".into(),
            Frequenza::VoltePerAnno(n) => format!("{n} volte l'anno"),
            Frequenza::OgniMesi(1) => "ogni mese".into(),
            Frequenza::OgniMesi(m) => format!("ogni {m} mesi"),
            Frequenza::UnaVolta => "una volta".into(),
        }
    }

    /// Reads what the desk writes, ignoring case, accents and punctuation:
    /// "4/anno", "4 volte l'anno", "ogni 6 mesi", "ogni mese", "ogni 2 anni",
    /// "una volta", "annuale", "semestrale", "quadrimestrale", "trimestrale",
    /// "bimestrale", "mensile", "settimanale", "giornaliera", "biennale".
    /// Adjectives give `VoltePerAnno` (semestrale = 2/anno), except "biennale"
    /// (ogni 24 mesi). Refuses 0 and values over the limits with a message.
    pub fn parse(text: &str) -> Result<Frequenza, PaiError> {
        let folded = fold(text);
        let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
        let unknown = || PaiError::Frequenza(text.trim().to_string());
        let parsed = match tokens.as_slice() {
            ["UNA", "VOLTA"] | ["UNA", "TANTUM"] | ["UNATANTUM"] | ["SINGOLA"] => {
                Frequenza::UnaVolta
            }
            [word] => match *word {
                "ANNUALE" => Frequenza::VoltePerAnno(1),
                "SEMESTRALE" => Frequenza::VoltePerAnno(2),
                "QUADRIMESTRALE" => Frequenza::VoltePerAnno(3),
                "TRIMESTRALE" => Frequenza::VoltePerAnno(4),
                "BIMESTRALE" => Frequenza::VoltePerAnno(6),
                "MENSILE" => Frequenza::VoltePerAnno(12),
                "QUINDICINALE" => Frequenza::VoltePerAnno(26),
                "SETTIMANALE" => Frequenza::VoltePerAnno(52),
                "GIORNALIERA" | "GIORNALIERO" | "QUOTIDIANA" | "QUOTIDIANO" => {
                    Frequenza::VoltePerAnno(365)
                }
                "BIENNALE" => Frequenza::OgniMesi(24),
                "TRIENNALE" => Frequenza::OgniMesi(36),
                _ => return Err(unknown()),
            },
            ["OGNI", "GIORNO"] => Frequenza::VoltePerAnno(365),
            ["OGNI", "SETTIMANA"] => Frequenza::VoltePerAnno(52),
            ["OGNI", "MESE"] => Frequenza::OgniMesi(1),
            ["OGNI", "ANNO"] => Frequenza::VoltePerAnno(1),
            ["OGNI", n, "MESI" | "MESE"] => {
                Frequenza::OgniMesi(months(number(n).ok_or_else(unknown)?)?)
            }
            ["OGNI", n, "ANNI" | "ANNO"] => {
                let years = number(n).ok_or_else(unknown)?;
                match years {
                    1 => Frequenza::VoltePerAnno(1),
                    y => Frequenza::OgniMesi(months(y.saturating_mul(12))?),
                }
            }
            [n, rest @ ..] if is_per_anno(rest) => {
                Frequenza::VoltePerAnno(times(number(n).ok_or_else(unknown)?)?)
            }
            _ => return Err(unknown()),
        };
        parsed.check()
    }

    /// Occurrences per year as a fraction (numerator, denominator), for
    /// comparisons; `UnaVolta` and invalid values are 0.
    fn rate(self) -> (u64, u64) {
        match self.check() {
            Ok(Frequenza::VoltePerAnno(n)) => (u64::from(n), 1),
            Ok(Frequenza::OgniMesi(m)) => (12, u64::from(m)),
            _ => (0, 1),
        }
    }

    /// Compares how often two frequencies recur: `Greater` when `self` is more
    /// frequent. "ogni 6 mesi" and "2 volte l'anno" are `Equal`; `UnaVolta`
    /// (not recurring) is less frequent than any recurring frequency.
    pub fn cmp_rate(self, other: Frequenza) -> Ordering {
        let (a, b) = self.rate();
        let (c, d) = other.rate();
        (a * d).cmp(&(c * b))
    }

    /// Whether `self` recurs strictly more often than `other`.
    pub fn is_more_frequent_than(self, other: Frequenza) -> bool {
        self.cmp_rate(other) == Ordering::Greater
    }
}

impl fmt::Display for Frequenza {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// "ANNO", "VOLTE LANNO", "VOLTA ALLANNO", "VOLTE PER ANNO", "LANNO", "ALLANNO".
fn is_per_anno(rest: &[&str]) -> bool {
    let rest = match rest {
        ["VOLTE" | "VOLTA", tail @ ..] => tail,
        other => other,
    };
    matches!(
        rest,
        ["ANNO"] | ["LANNO"] | ["ALLANNO"] | ["PER", "ANNO"] | ["ALL", "ANNO"]
    )
}

/// Digits or a small number word. Huge digit strings saturate (and are then
/// refused as too high).
fn number(token: &str) -> Option<u32> {
    if !token.is_empty() && token.chars().all(|c| c.is_ascii_digit()) {
        return Some(token.parse::<u32>().unwrap_or(u32::MAX));
    }
    Some(match token {
        "UNA" | "UNO" | "UN" => 1,
        "DUE" => 2,
        "TRE" => 3,
        "QUATTRO" => 4,
        "CINQUE" => 5,
        "SEI" => 6,
        "OTTO" => 8,
        "DODICI" => 12,
        _ => return None,
    })
}

fn times(n: u32) -> Result<u16, PaiError> {
    match n {
        0 => Err(PaiError::FrequenzaZero),
        n => u16::try_from(n)
            .ok()
            .filter(|n| *n <= MAX_VOLTE_ANNO)
            .ok_or(PaiError::TroppeVolte),
    }
}

fn months(n: u32) -> Result<u8, PaiError> {
    match n {
        0 => Err(PaiError::FrequenzaZero),
        n => u8::try_from(n)
            .ok()
            .filter(|n| *n <= MAX_MESI)
            .ok_or(PaiError::IntervalloTroppoLungo),
    }
}

// ---------------------------------------------------------------------------
// Luogo, item, drug, state

/// Where an item is done. Variants are append-only (they are stored).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Luogo {
    /// At the practice, on a kind of resource of its agenda ("punto prelievi",
    /// "ambulatorio MMG", "ambulatorio infermieristico", "ECG").
    InSede { risorsa: String },
    /// By an external provider through the regional booking system. Templates
    /// name the specialty ("cardiologia"); the desk replaces it with the provider.
    Esterno { erogatore: String },
}

impl Luogo {
    pub fn in_sede(risorsa: &str) -> Luogo {
        Luogo::InSede {
            risorsa: risorsa.to_string(),
        }
    }

    pub fn esterno(erogatore: &str) -> Luogo {
        Luogo::Esterno {
            erogatore: erogatore.to_string(),
        }
    }

    /// "in sede: punto prelievi", "esterno: cardiologia".
    pub fn label(&self) -> String {
        match self {
            Luogo::InSede { risorsa } => format!("in sede: {risorsa}"),
            Luogo::Esterno { erogatore } => format!("esterno: {erogatore}"),
        }
    }

    pub fn is_in_sede(&self) -> bool {
        matches!(self, Luogo::InSede { .. })
    }

    /// The resource kind or the provider.
    pub fn nome(&self) -> &str {
        match self {
            Luogo::InSede { risorsa } => risorsa,
            Luogo::Esterno { erogatore } => erogatore,
        }
    }
}

/// One prestazione of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaiItem {
    /// Stable within a PAI and kept by its later versions; 1, 2, ...
    pub id: ItemId,
    pub categoria: Categoria,
    pub descrizione: String,
    /// Nomenclatore code of the prestazione ("90.16.3"), when known.
    pub codice_prestazione: Option<String>,
    pub frequenza: Frequenza,
    /// "a digiuno", "primo campione di urine del mattino".
    pub preparazione: Option<String>,
    pub luogo: Luogo,
    /// Items whose results are needed first.
    pub dopo: Vec<ItemId>,
    /// Pathology codes that require it.
    pub patologie: Vec<String>,
    /// Only for a periodicity over 12 months: the occurrence falls due in this
    /// plan year (module documentation). Ignored for other frequencies.
    pub dovuto: bool,
    pub note: String,
}

impl PaiItem {
    /// An item with no code, preparation, dependencies or pathologies.
    pub fn new(
        id: ItemId,
        categoria: Categoria,
        descrizione: &str,
        frequenza: Frequenza,
        luogo: Luogo,
    ) -> PaiItem {
        PaiItem {
            id,
            categoria,
            descrizione: descrizione.to_string(),
            codice_prestazione: None,
            frequenza,
            preparazione: None,
            luogo,
            dopo: Vec::new(),
            patologie: Vec::new(),
            dovuto: true,
            note: String::new(),
        }
    }

    /// Occurrences needed in a plan of `days` days: those of the frequency, and
    /// at least one for an item over 12 months flagged [`PaiItem::dovuto`].
    pub fn occorrenze_in(&self, days: u32) -> u32 {
        let base = self.frequenza.occorrenze_in(days);
        if self.frequenza.oltre_anno() && self.dovuto && days > 0 && self.frequenza.check().is_ok()
        {
            base.max(1)
        } else {
            base
        }
    }
}

/// One line of the drug section (written by the Clinical Manager).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Farmaco {
    /// Brand name as prescribed.
    pub farmaco: String,
    pub principio_attivo: String,
    /// "1 cp al mattino".
    pub posologia: String,
    /// "continuativa", "3 mesi".
    pub durata: String,
    pub note: String,
}

impl Farmaco {
    /// "Metformina 1000 (metformina)", or whichever of the two names is given.
    pub fn nome(&self) -> String {
        let farmaco = self.farmaco.trim();
        let principio = self.principio_attivo.trim();
        match (farmaco.is_empty(), principio.is_empty()) {
            (false, false) if fold(farmaco) != fold(principio) => {
                format!("{farmaco} ({principio})")
            }
            (false, _) => farmaco.to_string(),
            (true, _) => principio.to_string(),
        }
    }
}

/// The stored state of a PAI. Variants are append-only (they are stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaiStato {
    Bozza,
    /// Shared with the patient under a signed Patto: frozen.
    Condiviso {
        versione: u32,
        condiviso_il: NaiveDate,
        patto: PattoId,
    },
    /// Ended (Patto expired or revoked, or replaced by a new version).
    Concluso {
        il: NaiveDate,
        motivo: String,
    },
}

impl PaiStato {
    pub fn label(&self) -> &'static str {
        match self {
            PaiStato::Bozza => "bozza",
            PaiStato::Condiviso { .. } => "condiviso",
            PaiStato::Concluso { .. } => "concluso",
        }
    }
}

/// The parts of a PAI that differ between `a` and `b`, by their labels on
/// the PAI screen (for the refusal of a save over a draft another desk
/// changed).
pub fn changed_fields(a: &Pai, b: &Pai) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut field = |label: &'static str, changed: bool| {
        if changed {
            out.push(label);
        }
    };
    field("Stato", a.stato != b.stato);
    field(
        "Periodo",
        a.anno_dal != b.anno_dal || a.anno_al != b.anno_al,
    );
    field("Clinical Manager", a.clinical_manager != b.clinical_manager);
    field("Prestazioni", a.items != b.items);
    field("Farmaci", a.farmaci != b.farmaci);
    field("Stile di vita", a.stile_di_vita != b.stile_di_vita);
    field("Vaccinazioni", a.vaccinazioni != b.vaccinazioni);
    field("Esenzioni", a.esenzioni != b.esenzioni);
    field("Allergie", a.allergie != b.allergie);
    out
}

/// One version of the plan of a patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pai {
    /// 0 until stored.
    pub id: PaiId,
    pub patient: PatientId,
    pub presa: PresaId,
    /// 1 for the first plan of a year.
    pub versione: u32,
    /// The previous version's id.
    pub precedente: Option<PaiId>,
    /// First day of the plan year.
    pub anno_dal: NaiveDate,
    /// Last day of the plan year, included.
    pub anno_al: NaiveDate,
    pub items: Vec<PaiItem>,
    pub farmaci: Vec<Farmaco>,
    /// Lifestyle advice: required before sharing.
    pub stile_di_vita: Vec<String>,
    pub vaccinazioni: Vec<String>,
    /// Exemption codes (esenzioni per patologia).
    pub esenzioni: Vec<String>,
    pub allergie: Vec<String>,
    pub stato: PaiStato,
    pub clinical_manager: String,
}

impl Pai {
    /// A draft, version 1, for the year `anno_dal..=anno_al`, with the items and
    /// the lifestyle advice of the templates of `patologie`.
    #[allow(clippy::too_many_arguments)]
    pub fn from_templates(
        id: PaiId,
        patient: PatientId,
        presa: PresaId,
        anno_dal: NaiveDate,
        anno_al: NaiveDate,
        clinical_manager: &str,
        patologie: &[String],
        templates: &PaiTemplates,
    ) -> Pai {
        let (items, stile_di_vita) = plan_from_templates(patologie, templates);
        Pai {
            id,
            patient,
            presa,
            versione: 1,
            precedente: None,
            anno_dal,
            anno_al,
            items,
            farmaci: Vec::new(),
            stile_di_vita,
            vaccinazioni: Vec::new(),
            esenzioni: Vec::new(),
            allergie: Vec::new(),
            stato: PaiStato::Bozza,
            clinical_manager: clinical_manager.to_string(),
        }
    }

    /// Days of the plan, both ends included (0 when the period is reversed).
    pub fn plan_days(&self) -> u32 {
        let days = (self.anno_al - self.anno_dal).num_days().saturating_add(1);
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }

    /// Whether the plan can still be edited (only a draft can).
    pub fn is_editable(&self) -> bool {
        self.stato == PaiStato::Bozza
    }

    pub fn item(&self, id: ItemId) -> Option<&PaiItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The id for a new item: one more than the highest in use (1 when empty).
    pub fn next_item_id(&self) -> ItemId {
        self.items
            .iter()
            .map(|i| i.id)
            .max()
            .map_or(1, |m| m.saturating_add(1))
    }

    /// Removes an item and every dependency on it; `None` if there is no such item.
    pub fn remove_item(&mut self, id: ItemId) -> Option<PaiItem> {
        let pos = self.items.iter().position(|i| i.id == id)?;
        let removed = self.items.remove(pos);
        for item in &mut self.items {
            item.dopo.retain(|d| *d != id);
        }
        Some(removed)
    }

    /// What prevents sharing, in order; empty when the plan can be shared.
    /// Lifestyle advice is required, vaccinations are not. Rendered in the
    /// operator's language by `texts::sharing_problem`.
    pub fn validate_for_sharing(&self) -> Vec<SharingProblem> {
        use SharingProblem as S;
        let mut problems = Vec::new();
        match &self.stato {
            PaiStato::Bozza => {}
            PaiStato::Condiviso { versione, .. } => problems.push(S::AlreadyShared {
                versione: *versione,
            }),
            PaiStato::Concluso { .. } => problems.push(S::Concluded),
        }
        if self.anno_al < self.anno_dal {
            problems.push(S::PeriodReversed);
        }
        if self.clinical_manager.trim().is_empty() {
            problems.push(S::NoClinicalManager);
        }
        if self.stile_di_vita.iter().all(|s| s.trim().is_empty()) {
            problems.push(S::NoLifestyle);
        }
        if self.items.is_empty() {
            problems.push(S::NoItems);
        }
        let mut seen = HashSet::new();
        for item in &self.items {
            if !seen.insert(item.id) {
                problems.push(S::DuplicateItemId(item.id));
            }
        }
        for item in &self.items {
            let name = ItemRef::of(item);
            if item.descrizione.trim().is_empty() {
                problems.push(S::ItemNoDescription(item.id));
            }
            if let Err(e) = item.frequenza.check() {
                problems.push(S::ItemFrequency {
                    item: name.clone(),
                    error: e,
                });
            }
            match &item.luogo {
                Luogo::InSede { risorsa } if risorsa.trim().is_empty() => {
                    problems.push(S::ItemNoResource(name.clone()))
                }
                Luogo::Esterno { erogatore } if erogatore.trim().is_empty() => {
                    problems.push(S::ItemNoProvider(name.clone()))
                }
                _ => {}
            }
            for dep in &item.dopo {
                if !seen.contains(dep) {
                    problems.push(S::MissingDependency {
                        item: name.clone(),
                        dep: *dep,
                    });
                }
            }
        }
        if let Some(cycle) = find_cycle(&self.items) {
            let names: Vec<ItemRef> = cycle
                .iter()
                .map(|id| match self.item(*id) {
                    Some(i) => ItemRef::of(i),
                    None => ItemRef::Numero(*id),
                })
                .collect();
            problems.push(S::Cycle(names));
        }
        for (n, farmaco) in self.farmaci.iter().enumerate() {
            if farmaco.nome().is_empty() {
                problems.push(S::DrugWithoutName(n + 1));
            }
        }
        problems
    }

    /// Shares the draft under the signed Patto `patto` on `il`: Bozza ->
    /// Condiviso. Nothing changes when it refuses.
    pub fn condividi(&mut self, patto: PattoId, il: NaiveDate) -> Result<(), Vec<SharingProblem>> {
        let problems = self.validate_for_sharing();
        if !problems.is_empty() {
            return Err(problems);
        }
        self.stato = PaiStato::Condiviso {
            versione: self.versione,
            condiviso_il: il,
            patto,
        };
        Ok(())
    }

    /// Ends the plan (Patto expired or revoked, or a new version shared).
    pub fn concludi(&mut self, il: NaiveDate, motivo: &str) {
        self.stato = PaiStato::Concluso {
            il,
            motivo: motivo.trim().to_string(),
        };
    }

    /// For each item, in order: (item id, occurrences the plan year needs).
    pub fn occurrences_needed(&self) -> Vec<(ItemId, u32)> {
        let days = self.plan_days();
        self.items
            .iter()
            .map(|i| (i.id, i.occorrenze_in(days)))
            .collect()
    }

    /// A copy of this plan as a new draft version: `versione + 1`, `precedente`
    /// this plan, item ids kept. This plan is left as it is (the caller keeps
    /// it readable and concludes it when the new version is shared).
    pub fn new_version(&self, new_id: PaiId) -> Pai {
        Pai {
            id: new_id,
            versione: self.versione.saturating_add(1),
            precedente: Some(self.id),
            stato: PaiStato::Bozza,
            ..self.clone()
        }
    }
}

pub(crate) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first dependency cycle among `items` (ids in order, the first repeated at
/// the end), ignoring unknown ids. Iterative: no recursion on any input.
fn find_cycle(items: &[PaiItem]) -> Option<Vec<ItemId>> {
    let mut index: HashMap<ItemId, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        index.entry(item.id).or_insert(i);
    }
    let edges: Vec<Vec<usize>> = items
        .iter()
        .map(|item| {
            item.dopo
                .iter()
                .filter_map(|d| index.get(d).copied())
                .collect()
        })
        .collect();
    find_cycle_in(&edges).map(|c| c.into_iter().map(|i| items[i].id).collect())
}

/// The first cycle of a directed graph given as adjacency lists, as node indices
/// with the first one repeated at the end.
fn find_cycle_in(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let mut colour = vec![WHITE; edges.len()];
    for start in 0..edges.len() {
        if colour[start] != WHITE {
            continue;
        }
        // (node, next edge to follow)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = GREY;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&to) = edges.get(node).and_then(|e| e.get(*next)) else {
                colour[node] = BLACK;
                stack.pop();
                continue;
            };
            *next += 1;
            match colour.get(to).copied() {
                Some(WHITE) => {
                    colour[to] = GREY;
                    stack.push((to, 0));
                }
                Some(GREY) => {
                    let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let mut cycle: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                    cycle.push(to);
                    return Some(cycle);
                }
                _ => {}
            }
        }
    }
    None
}

mod templates;
pub use templates::*;
pub mod ricette;
mod sharing;
pub use ricette::{Lotto, Pubblicazione, Ricetta, da_ripubblicare, mese_del_piano};
pub use sharing::{ItemRef, SharingProblem};

#[cfg(test)]
mod tests;
