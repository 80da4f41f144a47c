//! Realistic fictional patients for trying the application and measuring it:
//! Italian names with accents and apostrophes, valid codici fiscali computed
//! from their data, Lombardy comuni, 0-6 chronic pathologies each.
//!
//! The same seed always gives the same patients.

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate};

use std::path::Path;
use std::sync::Arc;

use super::{Clock, Desk, DeskError, Refusal, Result};
use crate::domain::codice_fiscale::{self, CodiceFiscale};
use crate::domain::level::FONTE_ATS;
use crate::domain::pathology::PrimarieAts;
use crate::domain::{
    GestoreTipo, Livello, LivelloAts, Patient, PatientStatus, PresaInCarico, Residence, Sex,
};

const SURNAMES: &[&str] = &[
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Lombardo",
    "Serra",
    "Coppola",
    "De Santis",
    "D'Angelo",
    "Marchetti",
    "Parisi",
    "Villa",
    "Conte",
    "Ferraro",
    "Ferri",
    "Fabbri",
    "Bianco",
    "Marini",
    "Grasso",
    "Valentini",
    "Messina",
    "Sala",
    "De Angelis",
    "Gatti",
    "Pellegrini",
    "Palumbo",
    "Sanna",
    "Farina",
    "Rizzi",
    "Monti",
    "Cattaneo",
    "Morelli",
    "Amato",
    "Silvestri",
    "Mazza",
    "Testa",
    "Grassi",
    "Pellegrino",
    "Carbone",
    "Giuliani",
    "Benedetti",
    "Barone",
    "Rossetti",
    "Caputo",
    "Montanari",
    "Guerra",
    "Palmieri",
    "Bernardi",
    "Martino",
    "Fiore",
    "De Rosa",
    "Ferretti",
    "Bellini",
    "Basile",
    "Riva",
    "Donati",
    "Piras",
    "Vitali",
    "Battaglia",
    "Sartori",
    "Neri",
    "Costantini",
    "Milani",
    "Pagano",
    "Ruggiero",
    "Sorrentino",
    "D'Amico",
    "Orlando",
    "Negri",
    "Mattei",
    "Brambilla",
    "Cazzaniga",
    "Sangalli",
    "Pozzi",
    "Bonomi",
    "Crippa",
    "Galbiati",
    "Mauri",
    "Fumagalli",
    "Locatelli",
    "Zanetti",
    "Ravasi",
    "Cantù",
    "Bertolè",
    "Dell'Acqua",
    "Dell'Oro",
    "Dall'Olio",
    "D'Adda",
    "Lo Russo",
    "Di Stefano",
    "Della Valle",
    "Brivio",
    "Pirovano",
    "Redaelli",
    "Colombi",
    "Sironi",
    "Frigerio",
    "Vismara",
    "Longoni",
    "Ghezzi",
    "Beretta",
    "Radaelli",
    "Nicolò",
    "Mosè",
    "Panzeri",
    "Viganò",
    "Corbetta",
    "Tagliabue",
    "Cereda",
    "Spinelli",
];

const MALE_NAMES: &[&str] = &[
    "Mario",
    "Giuseppe",
    "Giovanni",
    "Luigi",
    "Francesco",
    "Antonio",
    "Angelo",
    "Carlo",
    "Paolo",
    "Pietro",
    "Niccolò",
    "Nicolò",
    "Andrea",
    "Luca",
    "Marco",
    "Giorgio",
    "Roberto",
    "Franco",
    "Bruno",
    "Sergio",
    "Gianluca",
    "Mattia",
    "Elia",
    "Enea",
    "Noè",
    "Ambrogio",
    "Gianfranco",
    "Pierluigi",
    "Alberto",
    "Claudio",
    "Enrico",
    "Fabrizio",
    "Stefano",
    "Massimo",
    "Renato",
    "Emilio",
    "Gian Maria",
    "Ettore",
    "Aldo",
    "Dario",
];

const FEMALE_NAMES: &[&str] = &[
    "Maria",
    "Anna",
    "Giuseppina",
    "Rosa",
    "Angela",
    "Giovanna",
    "Teresa",
    "Lucia",
    "Carmela",
    "Francesca",
    "Elena",
    "Chiara",
    "Giulia",
    "Laura",
    "Paola",
    "Silvia",
    "Rosaria",
    "Raffaella",
    "Noemi",
    "Zoe",
    "Ilaria",
    "Bianca",
    "Letizia",
    "Maria Grazia",
    "Anna Maria",
    "Carla",
    "Franca",
    "Luisa",
    "Marisa",
    "Ornella",
    "Gabriella",
    "Nicoletta",
    "Liliana",
    "Pierangela",
    "Ambrogina",
    "Rita",
    "Adele",
    "Agnese",
    "Irene",
    "Licia",
];

const STREETS: &[&str] = &[
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Corso Italia",
    "Via Manzoni",
    "Via Dante",
    "Via Cavour",
    "Piazza della Repubblica",
    "Via Verdi",
    "Via Marconi",
    "Viale Europa",
    "Via San Francesco d'Assisi",
    "Via Sant'Ambrogio",
    "Via dei Mille",
    "Via Carducci",
];

const MMG: &[&str] = &[
    "Dott. Paolo Brambilla",
    "Dott.ssa Chiara Colombo",
    "Dott. Luca Ferrario",
    "Dott.ssa Anna Galimberti",
    "Dott. Marco Riva",
    "Dott.ssa Elena Sala",
    "Dott. Giorgio Mauri",
    "Dott.ssa Silvia Fumagalli",
    "Dott. Andrea Villa",
    "Dott.ssa Laura Crippa",
    "Dott. Stefano Pozzi",
    "Dott.ssa Giulia Longoni",
];

/// Birthplaces outside Lombardy: Roma, Napoli, Palermo, Bari, Reggio Calabria,
/// Catania, Foggia, Lecce; and foreign states: Marocco, Romania, Albania,
/// Egitto, Perù, Cina, Filippine, Ucraina, Germania, Svizzera.
const ITALY_ELSEWHERE: &[&str] = &[
    "H501", "F839", "G273", "A662", "H224", "C351", "D643", "E506",
];
const FOREIGN: &[&str] = &[
    "Z330", "Z129", "Z100", "Z336", "Z611", "Z210", "Z216", "Z138", "Z112", "Z133",
];

/// Lombardy capoluoghi: half of the residences, as in real life most people
/// live in or near the larger towns.
const CAPOLUOGHI: &[&str] = &[
    "F205", "L682", "C933", "I829", "F704", "E507", "A794", "B157", "D150", "E897", "E648", "G388",
];

const LOMBARDY: &[&str] = &[
    "BG", "BS", "CO", "CR", "LC", "LO", "MN", "MI", "MB", "PV", "SO", "VA",
];

/// Patients written per store batch. Every batch is one more pass over the
/// index trees, each pass leaving garbage in sled's log. `sportello demo
/// --patients 1000000` (docs/scale-sled.md): 20,000 per batch took 2,254 MB
/// on disk and 806 MB of memory, 50,000 took 2,038 MB and 830 MB, 100,000
/// took 1,830 MB but 966 MB, too close to the 1 GB allowed while importing.
pub const BATCH: usize = 50_000;

/// Generator of fictional patients.
/// SGDT codes the demo patients are given, the common ones repeated (the
/// frequent chronic conditions of a practice): hypertension, diabetes,
/// hypercholesterolaemia, ischaemic heart disease, BPCO, heart failure…
const DEMO_PATHOLOGIES: [&str; 30] = [
    "56", "56", "56", "56", "50", "50", "50", "48", "48", "48", "29", "29", "39", "39", "20", "30",
    "30", "17", "60", "60", "63", "49", "40", "33", "28", "34", "16", "44", "47", "8",
];

/// Demo codes the demo does not make primary when the patient has another
/// (frequent comorbidities), and that ATS Pavia, in the demo's table of
/// allowed primary pathologies, does not allow (invented, not an ATS rule).
const DEMO_NOT_PRIMARY: [&str; 3] = ["48", "49", "60"];

/// The demo's table of primary pathologies: ATS Pavia (030328) allows the
/// demo codes but [`DEMO_NOT_PRIMARY`]; the other ATS any.
pub fn demo_primarie_ats() -> PrimarieAts {
    let mut t = PrimarieAts::default();
    for code in DEMO_PATHOLOGIES {
        if !DEMO_NOT_PRIMARY.contains(&code) {
            t.add("030328", code);
        }
    }
    t
}

pub struct DemoGenerator {
    rng: fastrand::Rng,
    lombardy: Vec<String>,
    pathologies: Vec<String>,
    issued: HashSet<String>,
    today: NaiveDate,
    serial: u64,
    seed: u64,
    /// Every patient has at least one chronic pathology.
    all_chronic: bool,
}

impl DemoGenerator {
    pub fn new(seed: u64, today: NaiveDate) -> DemoGenerator {
        let lombardy = crate::service::comuni()
            .iter()
            .filter(|c| c.attivo && LOMBARDY.contains(&c.provincia.as_str()))
            .map(|c| c.belfiore.clone())
            .collect();
        DemoGenerator {
            rng: fastrand::Rng::with_seed(seed),
            lombardy,
            pathologies: DEMO_PATHOLOGIES.iter().map(|c| c.to_string()).collect(),
            issued: HashSet::new(),
            today,
            serial: 0,
            seed,
            all_chronic: false,
        }
    }

    /// Every generated patient has at least one chronic pathology.
    pub fn all_chronic(mut self) -> DemoGenerator {
        self.all_chronic = true;
        self
    }

    fn pick<'a>(&mut self, list: &'a [&'a str]) -> &'a str {
        list[self.rng.usize(..list.len())]
    }

    /// Age weighted towards the chronic population: mostly 60-90.
    fn birth_date(&mut self) -> NaiveDate {
        let age_years = match self.rng.u8(0..10) {
            0 => self.rng.u32(18..45),
            1 | 2 => self.rng.u32(45..60),
            3..=7 => self.rng.u32(60..80),
            _ => self.rng.u32(80..100),
        };
        let days = u64::from(age_years) * 365 + self.rng.u64(0..365);
        self.today
            .checked_sub_days(Days::new(days))
            .unwrap_or(self.today)
    }

    fn birthplace(&mut self, residence: &str) -> String {
        match self.rng.u8(0..20) {
            0..=10 => residence.to_string(),
            11..=15 => self.lombardy[self.rng.usize(..self.lombardy.len())].clone(),
            16..=18 => self.pick(ITALY_ELSEWHERE).to_string(),
            _ => self.pick(FOREIGN).to_string(),
        }
    }

    fn phone(&mut self, mobile: bool) -> String {
        if mobile {
            format!(
                "3{}{} {:07}",
                self.rng.u8(2..=9),
                self.rng.u8(0..=9),
                self.rng.u32(0..10_000_000)
            )
        } else {
            format!("0{} {:07}", self.rng.u8(2..=3), self.rng.u32(0..10_000_000))
        }
    }

    /// A unique tessera sanitaria number: 80380 then 15 digits derived from the
    /// seed and the serial number without repetition.
    fn tessera(&mut self) -> String {
        self.serial += 1;
        let mixed =
            (self.serial.wrapping_mul(7_919) + self.seed % 1_000_003) % 1_000_000_000_000_000;
        format!("80380{mixed:015}")
    }

    fn pathologies(&mut self) -> Vec<String> {
        let count = match self.rng.u8(0..100) {
            0..=14 if !self.all_chronic => 0,
            0..=14 => 1,
            15..=44 => 1,
            45..=66 => 2,
            67..=81 => 3,
            82..=90 => 4,
            91..=96 => 5,
            _ => 6,
        };
        let mut chosen: Vec<String> = Vec::with_capacity(count);
        while chosen.len() < count {
            let code = &self.pathologies[self.rng.usize(..self.pathologies.len())];
            if !chosen.contains(code) {
                chosen.push(code.clone());
            }
        }
        chosen
    }

    /// The primary pathology (the first that is not a frequent comorbidity,
    /// see [`DEMO_NOT_PRIMARY`]) and, for three patients in five, the level
    /// the ATS communicated: usually the count rule's, one in seven a
    /// level apart (the Region weighs the primary pathology). Derived from
    /// the serial number, without drawing: the other fields stay those of
    /// the same seed.
    fn regional(&self, patologie: &[String]) -> (Option<String>, Option<LivelloAts>) {
        let primary = patologie
            .iter()
            .find(|c| !DEMO_NOT_PRIMARY.contains(&c.as_str()))
            .or(patologie.first())
            .cloned();
        let Some(estimate) = Livello::from_count(patologie.len()) else {
            return (primary, None);
        };
        let n = self.serial.wrapping_add(self.seed);
        if n % 5 >= 3 {
            return (primary, None);
        }
        let livello = if n.is_multiple_of(7) {
            match estimate {
                Livello::L1 => Livello::L2,
                Livello::L2 => Livello::L1,
                Livello::L3 => Livello::L2,
            }
        } else {
            estimate
        };
        let data = self.today - Days::new(20 + n % 300);
        (
            primary,
            Some(LivelloAts {
                livello,
                fonte: FONTE_ATS.to_string(),
                data,
            }),
        )
    }

    /// Issues a codice fiscale not given to anyone before: when the computed
    /// code is taken, the next omocode, as the Agenzia delle Entrate does.
    fn unique_cf(&mut self, base: CodiceFiscale, taken: &dyn Fn(&str) -> bool) -> Option<String> {
        let mut level = 0;
        loop {
            let cf = codice_fiscale::omocode(&base, level)?;
            let code = cf.as_str().to_string();
            if !self.issued.contains(&code) && !taken(&code) {
                self.issued.insert(code.clone());
                return Some(code);
            }
            level += 1;
        }
    }

    /// The next patient; `taken` tells whether a codice fiscale is already stored.
    pub fn next_patient(&mut self, taken: &dyn Fn(&str) -> bool) -> Patient {
        loop {
            let sesso = if self.rng.bool() { Sex::F } else { Sex::M };
            let cognome = self.pick(SURNAMES).to_string();
            let nome = match sesso {
                Sex::M => self.pick(MALE_NAMES),
                Sex::F => self.pick(FEMALE_NAMES),
            }
            .to_string();
            let comune = if self.rng.bool() {
                self.pick(CAPOLUOGHI).to_string()
            } else {
                self.lombardy[self.rng.usize(..self.lombardy.len())].clone()
            };
            let luogo_nascita = self.birthplace(&comune);
            let data_nascita = self.birth_date();
            let Ok(base) = codice_fiscale::compute(
                &cognome,
                &nome,
                sesso,
                data_nascita,
                &luogo_nascita,
                crate::service::comuni(),
            ) else {
                continue;
            };
            let Some(codice_fiscale) = self.unique_cf(base, taken) else {
                continue;
            };
            let mut telefoni = Vec::new();
            if self.rng.u8(0..10) < 8 {
                telefoni.push(self.phone(true));
            }
            if self.rng.u8(0..10) < 3 {
                telefoni.push(self.phone(false));
            }
            let indirizzo = format!("{} {}", self.pick(STREETS), self.rng.u16(1..200));
            let patologie = self.pathologies();
            let (patologia_primaria, livello_ats) = self.regional(&patologie);
            return Patient {
                id: 0,
                cognome,
                nome,
                codice_fiscale,
                sesso,
                data_nascita,
                luogo_nascita,
                residenza: Residence {
                    indirizzo,
                    cap: String::new(),
                    comune,
                },
                ats_override: None,
                mmg: self.pick(MMG).to_string(),
                telefoni,
                email: String::new(),
                tessera_sanitaria: self.tessera(),
                patologia_primaria,
                livello_ats,
                patologie,
                stato: PatientStatus::Attivo,
                note: String::new(),
            };
        }
    }
}

/// Gives demo patients with chronic pathologies a Gestore of their ATS:
/// about 85% of them, and one in thirty a revoked earlier choice too.
struct DemoPrese<'a> {
    pub(super) desk: &'a Desk,
    by_ats: std::collections::HashMap<String, Vec<crate::domain::GestoreId>>,
    gestori: std::collections::HashMap<crate::domain::GestoreId, crate::domain::Gestore>,
    rng: fastrand::Rng,
    patti_made: usize,
    /// A patient whose presa and Patto the demo revokes at the end.
    to_revoke: Option<crate::domain::PatientId>,
    /// Every chronic patient gets a presa, a signed Patto and a shared PAI.
    all_pai: bool,
    /// The MMG's adhesions, for the channels.
    practice: crate::domain::practice::Practice,
}

/// Clinical Managers named by facility Gestori in the demo (fictional).
const FACILITY_CM: &[&str] = &[
    "Dott.ssa Marta Bassi",
    "Dott. Enrico Cattaneo",
    "Dott.ssa Federica Moretti",
];

/// Signed demo Patti per load: their frozen texts take a few KB each.
const MAX_DEMO_PATTI: usize = 5_000;

impl<'a> DemoPrese<'a> {
    fn new(desk: &'a Desk, seed: u64, all_pai: bool) -> Result<DemoPrese<'a>> {
        let mut by_ats: std::collections::HashMap<String, Vec<_>> = Default::default();
        let mut gestori = std::collections::HashMap::new();
        for g in desk.gestori().list(None, false)? {
            by_ats.entry(g.ats.clone()).or_default().push(g.id);
            gestori.insert(g.id, g);
        }
        let practice = desk.demo_adhesions(&gestori)?;
        Ok(DemoPrese {
            desk,
            by_ats,
            gestori,
            practice,
            rng: fastrand::Rng::with_seed(seed ^ 0x5eed),
            patti_made: 0,
            to_revoke: None,
            all_pai,
        })
    }

    fn assign(&mut self, patients: &[Patient]) -> Result<()> {
        use crate::domain::{Canale, PresaStato};
        if self.by_ats.is_empty() {
            return Ok(());
        }
        let today = self.desk.today();
        let operatore = self.desk.operator();
        let mut prese = Vec::new();
        for p in patients {
            if p.livello().is_none() || (!self.all_pai && self.rng.u8(0..100) >= 85) {
                continue;
            }
            let Some(list) = p
                .ats(
                    crate::service::comuni(),
                    super::ats_table(),
                    super::ats_rules(),
                )
                .and_then(|a| self.by_ats.get(&a.codice))
            else {
                continue;
            };
            // The 2024 channels: the Gestore of the patient's MMG, an ASST
            // through its Centro Servizi, or (chosen before 2025) a Gestore
            // of the earlier model, now "da trasferire".
            let tipo_of = |id: &u64| self.gestori.get(id).map(|g| g.tipo);
            let own = self
                .practice
                .gestore_of_mmg(&p.mmg)
                .filter(|id| list.contains(id));
            let of_kind = |pred: &dyn Fn(GestoreTipo) -> bool| -> Vec<u64> {
                list.iter()
                    .copied()
                    .filter(|id| tipo_of(id).is_some_and(pred))
                    .collect()
            };
            let asst = of_kind(&|t| t == GestoreTipo::Asst);
            let earlier = of_kind(&|t| t.modello_precedente());
            let roll = self.rng.u8(0..100);
            let chosen = match (roll, own) {
                (0..60, Some(own)) => own,
                (60..80, _) if !asst.is_empty() => asst[self.rng.usize(..asst.len())],
                (80..90, _) if !earlier.is_empty() => earlier[self.rng.usize(..earlier.len())],
                _ => list[self.rng.usize(..list.len())],
            };
            let canale = match tipo_of(&chosen) {
                Some(GestoreTipo::Asst) => Canale::CentroServiziAsst,
                _ => Canale::MmgAderente,
            };
            let days_ago = self.rng.u64(1..700);
            let mut data_scelta = today - Days::new(days_ago);
            if tipo_of(&chosen).is_some_and(GestoreTipo::modello_precedente) {
                let cut = crate::domain::gestore::FINE_MODELLO_PRECEDENTE;
                data_scelta = data_scelta.min(cut - Days::new(self.rng.u64(0..300)));
            }
            let presa = |gestore, data_scelta, stato| PresaInCarico {
                id: 0,
                patient: p.id,
                gestore,
                canale,
                data_scelta,
                note: String::new(),
                stato,
                operatore: operatore.clone(),
            };
            if !self.all_pai && self.rng.u8(0..30) == 0 {
                let earlier = list[self.rng.usize(..list.len())];
                let revoked_on = data_scelta;
                prese.push(presa(
                    earlier,
                    revoked_on - Days::new(365),
                    PresaStato::Revocato {
                        data: revoked_on,
                        motivo: "cambio di Gestore richiesto dal paziente".into(),
                    },
                ));
            }
            prese.push(presa(chosen, data_scelta, PresaStato::Scelto));
        }
        self.desk.store.insert_prese_batch(&mut prese)?;
        self.sign_some_patti(patients, &prese)
    }

    /// Gives one active presa in twelve a signed Patto (at most
    /// [`MAX_DEMO_PATTI`] per load): signed between 14 months and a few days ago,
    /// so that some are expiring, some expired; the first one is revoked at
    /// the end of the load, through the desk like any revocation.
    fn sign_some_patti(&mut self, patients: &[Patient], prese: &[PresaInCarico]) -> Result<()> {
        use crate::domain::patto::{
            self, Consensi, FirmaInput, Firmatario, PattoDiCura, PattoStato,
        };
        let today = self.desk.today();
        let mut patti = Vec::new();
        let mut drafts = Vec::new();
        let mut first = None;
        let first_batch = self.patti_made == 0;
        let by_id: std::collections::HashMap<_, _> = patients.iter().map(|p| (p.id, p)).collect();
        for presa in prese.iter().filter(|p| p.is_active()) {
            if !self.all_pai && (self.patti_made >= MAX_DEMO_PATTI || self.rng.u8(0..12) != 0) {
                continue;
            }
            let Some(patient) = by_id.get(&presa.patient) else {
                continue;
            };
            if !self.gestori.contains_key(&presa.gestore) {
                continue;
            }
            // All-PAI loads keep every Patto in force, so each PAI has a year to plan.
            let back = if self.all_pai { 3..300 } else { 3..430 };
            let signed_on = today - Days::new(self.rng.u64(back));
            let signed_on = signed_on.max(presa.data_scelta);
            // A facility names its own Clinical Manager.
            let clinical_manager = match self.gestori.get(&presa.gestore) {
                Some(g) if g.tipo.struttura() => FACILITY_CM[self.rng.usize(..FACILITY_CM.len())],
                _ => patient.mmg.as_str(),
            };
            let p = PattoDiCura {
                id: self.desk.store.next_id()?,
                numero: None,
                correzioni_cm: Vec::new(),
                patient: patient.id,
                presa: presa.id,
                gestore: presa.gestore,
                clinical_manager: clinical_manager.to_string(),
                precedente: None,
                rinnovato_da: None,
                creato_il: signed_on,
                stato: PattoStato::Bozza,
                firma: None,
            };
            let consensi = Consensi {
                trattamento_dati: true,
                fse: self.rng.bool(),
                telefono: true,
                sms: self.rng.bool(),
                email: false,
            };
            drafts.push((p, consensi));
            self.patti_made += 1;
        }
        // Numbered as the desk numbers them: the year's sequence, in the
        // order the Patti were made.
        drafts.sort_by_key(|(p, _)| (p.creato_il, p.id));
        for (mut p, consensi) in drafts {
            let (Some(patient), Some(gestore)) =
                (by_id.get(&p.patient), self.gestori.get(&p.gestore))
            else {
                continue;
            };
            let signed_on = p.creato_il;
            p.numero = Some(self.desk.store.next_patto_numero(signed_on.year())?);
            let ctx = crate::domain::patto_text::PattoContext::new(
                patient,
                gestore,
                &p,
                &consensi,
                Some((&Firmatario::Paziente, "", "")),
                None,
                super::pathologies(),
                super::comuni(),
                patient.ats(
                    crate::service::comuni(),
                    super::ats_table(),
                    super::ats_rules(),
                ),
                &super::comune_name(&patient.residenza.comune),
                signed_on,
            );
            let Ok(text) = crate::domain::patto_text::render(
                crate::domain::patto_text::default_template(),
                &ctx,
            ) else {
                continue;
            };
            let input = FirmaInput {
                firmatario: Firmatario::Paziente,
                nome_firmatario: String::new(),
                documento: String::new(),
                consensi,
                operatore: self.desk.operator(),
            };
            let Some(at) = signed_on.and_hms_opt(10, 30, 0) else {
                continue;
            };
            if patto::sign(&mut p, input, text, at).is_err() {
                continue;
            }
            if first.is_none() && !self.all_pai {
                first = Some(p.patient);
            }
            patti.push(p);
        }
        if first_batch && first.is_some() {
            self.to_revoke = first;
        }
        self.desk.store.insert_patti_batch(&mut patti)?;
        // Every signed Patto gets the PAI of its year, from the templates, shared.
        let mut plans = Vec::with_capacity(patti.len());
        for p in &patti {
            let (Some(patient), Some(dal), Some(al)) =
                (by_id.get(&p.patient), p.valido_dal(), p.valido_al())
            else {
                continue;
            };
            let mut pai = crate::domain::pai::Pai::from_templates(
                0,
                p.patient,
                p.presa,
                dal,
                al,
                &p.clinical_manager,
                &patient.patologie,
                crate::io::tables::pai_templates(),
            );
            if pai.condividi(p.id, dal).is_ok() {
                plans.push(pai);
            }
        }
        self.desk.store.insert_pai_batch(&mut plans)?;
        Ok(())
    }
}

impl Desk {
    /// The demo practice's MMG and their adhesions, set when the Studio has
    /// none: nine adhere to a cooperative (of the ATS in turn), two to none,
    /// one is in forma singola. Returns the practice.
    fn demo_adhesions(
        &self,
        gestori: &std::collections::HashMap<crate::domain::GestoreId, crate::domain::Gestore>,
    ) -> Result<crate::domain::practice::Practice> {
        use crate::domain::practice::{Adesione, MmgAdesione};
        let mut practice = self.store.practice()?;
        if !practice.mmg.is_empty() {
            return Ok(practice);
        }
        let mut coops: Vec<&crate::domain::Gestore> = gestori
            .values()
            .filter(|g| g.tipo == GestoreTipo::CooperativaMmg)
            .collect();
        coops.sort_by(|a, b| a.ats.cmp(&b.ats).then(a.id.cmp(&b.id)));
        if coops.is_empty() {
            return Ok(practice);
        }
        for (i, nome) in MMG.iter().enumerate() {
            let adesione = match i {
                9 | 10 => Adesione::Nessuna,
                11 => Adesione::Mifs,
                i => Adesione::Cooperativa(coops[i % coops.len()].id),
            };
            practice.mmg.push(MmgAdesione {
                nome: (*nome).to_string(),
                adesione,
            });
        }
        self.store.save_practice(&practice)?;
        Ok(practice)
    }
}

/// Shared demo PAIs planned into the agenda per load (the rest is left for
/// `sportello plan --all`).
const MAX_DEMO_PLANS: usize = 150;

impl Desk {
    /// Sets up the practice's resources when there are none, and plans part
    /// of the shared demo PAIs from the start of their year: past
    /// appointments are marked done, or (one in eight) not attended.
    fn demo_agenda(&self, seed: u64, max_plans: usize) -> Result<()> {
        use crate::domain::agenda::{AppStato, Pattern, Preferences, Resource};
        use chrono::{NaiveTime, Weekday::*};
        if self.store.resources()?.is_empty() {
            let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
            let since = self.today() - Days::new(800);
            let week = [Mon, Tue, Wed, Thu, Fri];
            // (name, kind, weekdays, from, to, slot minutes, capacity)
            type Spec<'a> = (
                &'a str,
                &'a str,
                &'a [chrono::Weekday],
                NaiveTime,
                NaiveTime,
                u16,
                u16,
            );
            let specs: [Spec; 5] = [
                (
                    "Punto prelievi",
                    "punto prelievi",
                    &week,
                    t(7, 30),
                    t(9, 30),
                    10,
                    4,
                ),
                (
                    "Studio MMG (mattino)",
                    "ambulatorio MMG",
                    &week,
                    t(9, 0),
                    t(12, 30),
                    15,
                    1,
                ),
                (
                    "Studio MMG (pomeriggio)",
                    "ambulatorio MMG",
                    &[Mon, Wed, Thu],
                    t(15, 0),
                    t(18, 0),
                    15,
                    1,
                ),
                (
                    "Ambulatorio infermieristico",
                    "ambulatorio infermieristico",
                    &week,
                    t(10, 0),
                    t(12, 0),
                    20,
                    2,
                ),
                (
                    "ECG in telemedicina",
                    "ECG",
                    &[Tue, Thu],
                    t(14, 0),
                    t(16, 0),
                    20,
                    1,
                ),
            ];
            for (nome, tipo, days, dalle, alle, durata_min, capacita) in specs {
                let mut r = Resource {
                    id: 0,
                    nome: nome.into(),
                    tipo: tipo.into(),
                    patterns: days
                        .iter()
                        .map(|&giorno| Pattern {
                            giorno,
                            dalle,
                            alle,
                            durata_min,
                            capacita,
                            valido_dal: since,
                            valido_al: None,
                        })
                        .collect(),
                    attiva: true,
                };
                self.store.save_resource(&mut r)?;
            }
        }
        let mut rng = fastrand::Rng::with_seed(seed ^ 0xa6e);
        let now = self.clock.now();
        let mut planned = 0;
        for id in self.store.all_pai_ids()? {
            if planned >= max_plans {
                break;
            }
            let Some(pai) = self.store.pai(id)? else {
                continue;
            };
            if !matches!(pai.stato, crate::domain::pai::PaiStato::Condiviso { .. })
                || !self.store.appointments_of_pai(id)?.is_empty()
            {
                continue;
            }
            let out = self.plan_pai_from(id, &Preferences::default(), pai.anno_dal)?;
            let with_state: Vec<_> = out
                .proposals
                .into_iter()
                .map(|p| {
                    let stato = if p.end > now {
                        AppStato::Prenotato
                    } else if rng.u8(0..8) == 0 {
                        AppStato::NonPresentato
                    } else {
                        AppStato::Eseguito
                    };
                    (p, stato)
                })
                .collect();
            self.book_proposals(id, &with_state)?;
            planned += 1;
        }
        Ok(())
    }

    /// On part of the shared demo PAIs: the first lot of prescriptions
    /// issued (both lots when the plan is past its sixth month), some
    /// published on the FSE, and one changed after its publication (a
    /// service added in a new version, shared).
    fn demo_ricette(&self, seed: u64, max_plans: usize) -> Result<()> {
        use crate::domain::pai::{Lotto, PaiStato, Pubblicazione};
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x21c);
        let today = self.today();
        let mut changed_one = false;
        let mut done = 0;
        for id in self.store.all_pai_ids()? {
            if done >= max_plans {
                break;
            }
            let Some(pai) = self.store.pai(id)? else {
                continue;
            };
            let PaiStato::Condiviso { patto, .. } = pai.stato else {
                continue;
            };
            done += 1;
            let Some(summary) = self.summaries(vec![pai.patient])?.into_iter().next() else {
                continue;
            };
            let lines = self.prescription_lines(&pai, &summary, &[]);
            let second_due = pai
                .anno_dal
                .checked_add_months(chrono::Months::new(6))
                .is_some_and(|d| d <= today);
            for lotto in Lotto::ALL {
                let issue = match lotto {
                    Lotto::Primo => rng.u8(0..3) > 0,
                    Lotto::Secondo => second_due && rng.bool(),
                };
                if !issue {
                    continue;
                }
                let occ: Vec<(u32, u32)> = lines
                    .iter()
                    .filter(|l| l.lotto == lotto)
                    .map(|l| (l.item, l.occorrenza))
                    .collect();
                let il = match lotto {
                    Lotto::Primo => pai.anno_dal,
                    Lotto::Secondo => pai
                        .anno_dal
                        .checked_add_months(chrono::Months::new(6))
                        .unwrap_or(pai.anno_dal),
                };
                self.store
                    .set_ricette(pai.id, &occ, Some((il.min(today), "segreteria")))?;
            }
            if rng.u8(0..5) < 2 {
                let il = (pai.anno_dal + Days::new(rng.u64(1..10))).min(today);
                self.store.add_pubblicazione(
                    pai.id,
                    &Pubblicazione {
                        il,
                        autore: pai.clinical_manager.clone(),
                        registrata_da: "segreteria".into(),
                    },
                )?;
                if !changed_one {
                    // Published, then a service added: to publish again.
                    changed_one = true;
                    let mut next = pai.new_version(0);
                    let mut item = crate::domain::pai::PaiItem::new(
                        next.next_item_id(),
                        crate::domain::pai::Categoria::Visita,
                        "Visita cardiologica",
                        crate::domain::pai::Frequenza::VoltePerAnno(1),
                        crate::domain::pai::Luogo::Esterno {
                            erogatore: "ASST di riferimento".into(),
                        },
                    );
                    item.codice_prestazione = Some("89.7".into());
                    next.items.push(item);
                    self.store.save_pai(&mut next)?;
                    let mut prev = pai.clone();
                    if next.condividi(patto, il.max(today - Days::new(3))).is_ok() {
                        prev.concludi(
                            today,
                            &format!("sostituito dalla versione {}", next.versione),
                        );
                        self.store.save_pai_versions(&[next, prev])?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Opens the store in `dir` for `sportello demo`: a new store (the
    /// folder missing or empty), marked as a demonstration store, or one
    /// that `demo` created before. Any other store (an archive of real
    /// patients) or folder is refused, untouched.
    pub fn open_demo(dir: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        let is_store = dir.join("db").is_file();
        let empty = match std::fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(_) => false,
        };
        let refusal = || DeskError::from(Refusal::DemoFolderNotEmpty(dir.to_path_buf()));
        if !empty && !is_store {
            return Err(refusal());
        }
        let desk = Desk::open(dir, clock)?;
        if empty {
            desk.store().mark_demo()?;
        } else if !desk.store().is_demo()? {
            return Err(refusal());
        }
        Ok(desk)
    }

    /// Whether this is a demonstration store (see [`Desk::open_demo`]).
    pub fn is_demo(&self) -> bool {
        self.store().is_demo().unwrap_or(false)
    }

    /// Adds `count` fictional patients, in batches, flushing once at the end.
    /// `progress(done, total)` is called once the load has begun (0 done) and
    /// after every batch; returning `false` after a batch
    /// stops after that batch (what was written stays, and is made durable).
    pub fn load_demo(
        &self,
        count: usize,
        seed: u64,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<usize> {
        self.load_demo_with(count, seed, false, progress)
    }

    /// As [`Desk::load_demo`]; with `all_pai` every patient is chronic and,
    /// when the ATS of residence has a Gestore, gets a presa, a signed Patto
    /// and a shared PAI, none of them planned: the load `sportello plan
    /// --all` is measured on.
    pub fn load_demo_with(
        &self,
        count: usize,
        seed: u64,
        all_pai: bool,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<usize> {
        let store = self.store();
        // A kill or a full disk from here on leaves the marker: the store is
        // refused at the next open instead of being used half loaded.
        store.begin_bulk_load()?;
        // The load has begun: from here a stop shows at the next open.
        progress(0, count);
        // On a new store only the generator's own codes can collide: skip the lookups.
        let fresh = store.is_empty_of_patients();
        let today = self.today();
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Patient>>(2);
        let mut done = 0;
        let mut arruolabili: Vec<Patient> = Vec::new();
        let sample = &mut arruolabili;
        // The ids of each batch loaded, in order.
        let mut batches: Vec<Vec<crate::domain::PatientId>> = Vec::new();
        let outcome = std::thread::scope(|scope| {
            // Generation runs beside the store writes, one batch ahead.
            scope.spawn(move || {
                let mut generator = DemoGenerator::new(seed, today);
                if all_pai {
                    generator = generator.all_chronic();
                }
                let taken = |cf: &str| !fresh && matches!(store.patient_id_by_cf(cf), Ok(Some(_)));
                let mut made = 0;
                while made < count {
                    let n = BATCH.min(count - made);
                    let batch: Vec<Patient> =
                        (0..n).map(|_| generator.next_patient(&taken)).collect();
                    made += n;
                    if tx.send(batch).is_err() {
                        break;
                    }
                }
            });
            // On a new store the patients are written at `finish`, each tree
            // in one pass (see `PatientLoad`); the prese follow, batch by batch.
            let mut load = store.patient_load()?;
            for mut batch in rx {
                load.add(&mut batch)?;
                // A few patients for the worklist of arruolabili.
                let room = 400usize.saturating_sub(sample.len());
                sample.extend(batch.iter().take(room).cloned());
                batches.push(batch.iter().map(|p| p.id).collect());
                done += batch.len();
                if !progress(done, count) {
                    break;
                }
            }
            load.finish()?;
            Ok::<(), super::DeskError>(())
        });
        outcome?;
        let mut prese = DemoPrese::new(self, seed, all_pai)?;
        for ids in &batches {
            prese.assign(&store.patients_by_ids(ids)?)?;
        }
        let to_revoke = prese.to_revoke;
        store.make_durable()?;
        self.demo_agenda(seed, if all_pai { 0 } else { MAX_DEMO_PLANS })?;
        self.demo_arruolabili(&arruolabili)?;
        self.demo_ricette(seed, if all_pai { 0 } else { MAX_DEMO_PLANS })?;
        if let Some(patient) = to_revoke {
            self.gestori().revoke_presa(
                patient,
                self.today(),
                "revoca richiesta dal paziente (dimostrativa)",
            )?;
        }
        if store.is_demo()? {
            self.ensure_demo_operator()?;
            if store.primarie_ats()?.is_empty() {
                store.set_primarie_ats(&demo_primarie_ats())?;
            }
        }
        self.audit(
            crate::domain::audit::AuditAction::Import,
            None,
            format!("dati dimostrativi: {done} pazienti"),
        )?;
        store.end_bulk_load()?;
        Ok(done)
    }
}
