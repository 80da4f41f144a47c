//! Stored record formats. Each released format is a frozen struct: a change of
//! fields is a new version, and older versions are migrated on read. Dates are
//! stored as days since 0001-01-01 (CE), enums as append-only variants.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::codec;
use crate::domain::agenda::{AppStato, Appointment, Closure, Esterno, Pattern, Resource};
use crate::domain::gestore::GestoriImport;
use crate::domain::pai::{Categoria, Farmaco, Frequenza, Luogo, Pai, PaiItem, PaiStato};
use crate::domain::patto::{
    Consensi, CorrezioneCm, Firma, Firmatario, PattoDiCura, PattoNumero, PattoStato,
};
use crate::domain::practice::{Adesione, MmgAdesione, Practice, Stampante};
use crate::domain::{
    Canale, Gestore, GestoreTipo, Livello, LivelloAts, Patient, PatientStatus, PresaInCarico,
    PresaStato, Residence, Sex,
};

/// Current version byte of a patient record.
pub const PATIENT_VERSION: u8 = 2;

/// Patient record, format version 2: version 1 followed by the primary
/// pathology and the level the ATS communicated. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientV2 {
    pub base: PatientV1,
    pub patologia_primaria: Option<String>,
    pub livello_ats: Option<LivelloAtsV2>,
}

/// The level the ATS communicated, format version 2. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivelloAtsV2 {
    /// 1-3 (GPC-LivelloGravita).
    pub livello: u8,
    pub fonte: String,
    pub data: i32,
}

/// Patient record, format version 1. Frozen: do not edit, add a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientV1 {
    pub id: u64,
    pub cognome: String,
    pub nome: String,
    pub codice_fiscale: String,
    /// 0 = M, 1 = F.
    pub sesso: u8,
    pub data_nascita: i32,
    pub luogo_nascita: String,
    pub indirizzo: String,
    pub cap: String,
    pub comune: String,
    pub ats_override: Option<String>,
    pub mmg: String,
    pub telefoni: Vec<String>,
    pub email: String,
    pub tessera_sanitaria: String,
    pub patologie: Vec<String>,
    pub stato: StatusV1,
    pub note: String,
}

/// Patient status, format version 1 (variants append-only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusV1 {
    Attivo,
    Deceduto(i32),
    Trasferito(i32),
}

pub fn date_to_days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub fn days_to_date(days: i32) -> Result<NaiveDate, String> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| format!("data non valida ({days})"))
}

fn status_v1(s: PatientStatus) -> StatusV1 {
    match s {
        PatientStatus::Attivo => StatusV1::Attivo,
        PatientStatus::Deceduto(d) => StatusV1::Deceduto(date_to_days(d)),
        PatientStatus::Trasferito(d) => StatusV1::Trasferito(date_to_days(d)),
    }
}

impl From<&Patient> for PatientV1 {
    fn from(p: &Patient) -> Self {
        PatientV1 {
            id: p.id,
            cognome: p.cognome.clone(),
            nome: p.nome.clone(),
            codice_fiscale: p.codice_fiscale.clone(),
            sesso: match p.sesso {
                Sex::M => 0,
                Sex::F => 1,
            },
            data_nascita: date_to_days(p.data_nascita),
            luogo_nascita: p.luogo_nascita.clone(),
            indirizzo: p.residenza.indirizzo.clone(),
            cap: p.residenza.cap.clone(),
            comune: p.residenza.comune.clone(),
            ats_override: p.ats_override.clone(),
            mmg: p.mmg.clone(),
            telefoni: p.telefoni.clone(),
            email: p.email.clone(),
            tessera_sanitaria: p.tessera_sanitaria.clone(),
            patologie: p.patologie.clone(),
            stato: status_v1(p.stato),
            note: p.note.clone(),
        }
    }
}

impl TryFrom<PatientV1> for Patient {
    type Error = String;

    fn try_from(r: PatientV1) -> Result<Self, String> {
        Ok(Patient {
            id: r.id,
            cognome: r.cognome,
            nome: r.nome,
            codice_fiscale: r.codice_fiscale,
            sesso: match r.sesso {
                0 => Sex::M,
                1 => Sex::F,
                other => return Err(format!("sesso non valido ({other})")),
            },
            data_nascita: days_to_date(r.data_nascita)?,
            luogo_nascita: r.luogo_nascita,
            residenza: Residence {
                indirizzo: r.indirizzo,
                cap: r.cap,
                comune: r.comune,
            },
            ats_override: r.ats_override,
            mmg: r.mmg,
            telefoni: r.telefoni,
            email: r.email,
            tessera_sanitaria: r.tessera_sanitaria,
            patologie: r.patologie,
            patologia_primaria: None,
            livello_ats: None,
            stato: match r.stato {
                StatusV1::Attivo => PatientStatus::Attivo,
                StatusV1::Deceduto(d) => PatientStatus::Deceduto(days_to_date(d)?),
                StatusV1::Trasferito(d) => PatientStatus::Trasferito(days_to_date(d)?),
            },
            note: r.note,
        })
    }
}

pub fn encode_patient(p: &Patient) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        PATIENT_VERSION,
        &PatientV2 {
            base: PatientV1::from(p),
            patologia_primaria: p.patologia_primaria.clone(),
            livello_ats: p.livello_ats.as_ref().map(|l| LivelloAtsV2 {
                livello: l.livello.number(),
                fonte: l.fonte.clone(),
                data: date_to_days(l.data),
            }),
        },
    )
}

fn patient_of_v2(r: PatientV2) -> Result<Patient, String> {
    let mut p = Patient::try_from(r.base)?;
    p.patologia_primaria = r.patologia_primaria;
    p.livello_ats = match r.livello_ats {
        Some(l) => Some(LivelloAts {
            livello: Livello::from_number(l.livello)
                .ok_or_else(|| format!("livello non valido ({})", l.livello))?,
            fonte: l.fonte,
            data: days_to_date(l.data)?,
        }),
        None => None,
    };
    Ok(p)
}

/// Decodes any known version of a patient record into the current domain type.
pub fn decode_patient(bytes: &[u8]) -> Result<Patient, String> {
    let (version, payload) = codec::version_of(bytes)?;
    match version {
        1 => Patient::try_from(codec::decode_payload::<PatientV1>(payload)?),
        2 => patient_of_v2(codec::decode_payload::<PatientV2>(payload)?),
        other => Err(format!(
            "versione del record paziente sconosciuta ({other})"
        )),
    }
}

/// Decodes an envelope of `version` into `T`, rejecting other versions.
fn decode_current<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    version: u8,
    what: &str,
) -> Result<T, String> {
    let (v, payload) = codec::version_of(bytes)?;
    if v != version {
        return Err(format!("versione del record {what} sconosciuta ({v})"));
    }
    codec::decode_payload::<T>(payload)
}

/// Current version byte of a patient's display row.
pub const ROW_VERSION: u8 = 2;

/// A patient's line of the lookup list, format version 2: version 1 and the
/// level the ATS communicated (1-3), if any. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientRowV2 {
    pub base: PatientRowV1,
    pub livello_ats: Option<u8>,
}

/// A patient's line of the lookup list, format version 1, kept as the value
/// of the patient's entries in the name, codice fiscale and tessera indexes
/// (after the id in the codice fiscale index). Frozen: do not edit, add a
/// version. `patologie` is their count (the level), saturated at 255.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientRowV1 {
    pub cognome: String,
    pub nome: String,
    pub data_nascita: i32,
    pub codice_fiscale: String,
    pub comune: String,
    pub patologie: u8,
    pub stato: StatusV1,
    pub gestore: Option<u64>,
}

/// Encodes the display row of `p`, whose active presa in carico (if any) is
/// with `gestore`.
pub fn encode_row(p: &Patient, gestore: Option<u64>) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        ROW_VERSION,
        &PatientRowV2 {
            base: PatientRowV1 {
                cognome: p.cognome.clone(),
                nome: p.nome.clone(),
                data_nascita: date_to_days(p.data_nascita),
                codice_fiscale: p.codice_fiscale.clone(),
                comune: p.residenza.comune.clone(),
                patologie: u8::try_from(p.patologie.len()).unwrap_or(u8::MAX),
                stato: status_v1(p.stato),
                gestore,
            },
            livello_ats: p.livello_ats.as_ref().map(|l| l.livello.number()),
        },
    )
}

/// Decodes a display row of patient `id`.
pub fn decode_row(id: u64, bytes: &[u8]) -> Result<super::PatientRow, String> {
    let (version, payload) = codec::version_of(bytes)?;
    let (r, livello_ats) = match version {
        1 => (codec::decode_payload::<PatientRowV1>(payload)?, None),
        2 => {
            let r = codec::decode_payload::<PatientRowV2>(payload)?;
            (r.base, r.livello_ats.and_then(Livello::from_number))
        }
        v => {
            return Err(format!(
                "versione del record riga di elenco sconosciuta ({v})"
            ));
        }
    };
    Ok(super::PatientRow {
        livello_ats,
        id,
        cognome: r.cognome,
        nome: r.nome,
        data_nascita: days_to_date(r.data_nascita)?,
        codice_fiscale: r.codice_fiscale,
        comune: r.comune,
        patologie: usize::from(r.patologie),
        stato: match r.stato {
            StatusV1::Attivo => PatientStatus::Attivo,
            StatusV1::Deceduto(d) => PatientStatus::Deceduto(days_to_date(d)?),
            StatusV1::Trasferito(d) => PatientStatus::Trasferito(days_to_date(d)?),
        },
        gestore: r.gestore,
    })
}

pub const GESTORE_VERSION: u8 = 1;

/// Gestore record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GestoreV1 {
    pub id: u64,
    pub ats: String,
    pub denominazione: String,
    /// Index in `GestoreTipo::ALL` (append-only).
    pub tipo: u8,
    pub codice: String,
    pub cf_piva: String,
    pub indirizzo: String,
    pub comune: String,
    pub telefono: String,
    pub email: String,
    pub referente: String,
    pub livelli: Vec<u8>,
    pub non_idoneo_dal: Option<i32>,
    pub fittizio: bool,
}

pub fn encode_gestore(g: &Gestore) -> Result<Vec<u8>, super::StoreError> {
    let tipo = GestoreTipo::ALL
        .iter()
        .position(|t| *t == g.tipo)
        .unwrap_or(7) as u8;
    codec::encode(
        GESTORE_VERSION,
        &GestoreV1 {
            id: g.id,
            ats: g.ats.clone(),
            denominazione: g.denominazione.clone(),
            tipo,
            codice: g.codice.clone(),
            cf_piva: g.cf_piva.clone(),
            indirizzo: g.indirizzo.clone(),
            comune: g.comune.clone(),
            telefono: g.telefono.clone(),
            email: g.email.clone(),
            referente: g.referente.clone(),
            livelli: g.livelli.clone(),
            non_idoneo_dal: g.non_idoneo_dal.map(date_to_days),
            fittizio: g.fittizio,
        },
    )
}

pub fn decode_gestore(bytes: &[u8]) -> Result<Gestore, String> {
    let r: GestoreV1 = decode_current(bytes, GESTORE_VERSION, "gestore")?;
    Ok(Gestore {
        id: r.id,
        ats: r.ats,
        denominazione: r.denominazione,
        tipo: *GestoreTipo::ALL
            .get(usize::from(r.tipo))
            .ok_or_else(|| format!("tipo di gestore non valido ({})", r.tipo))?,
        codice: r.codice,
        cf_piva: r.cf_piva,
        indirizzo: r.indirizzo,
        comune: r.comune,
        telefono: r.telefono,
        email: r.email,
        referente: r.referente,
        livelli: r.livelli,
        non_idoneo_dal: r.non_idoneo_dal.map(days_to_date).transpose()?,
        fittizio: r.fittizio,
    })
}

pub const PRESA_VERSION: u8 = 1;

/// Presa in carico record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresaV1 {
    pub id: u64,
    pub patient: u64,
    pub gestore: u64,
    /// Index in `Canale::ALL` (append-only).
    pub canale: u8,
    pub data_scelta: i32,
    pub note: String,
    /// `None` while active; the revocation date and reason otherwise.
    pub revoca: Option<(i32, String)>,
    pub operatore: String,
}

pub fn encode_presa(p: &PresaInCarico) -> Result<Vec<u8>, super::StoreError> {
    let canale = Canale::ALL.iter().position(|c| *c == p.canale).unwrap_or(0) as u8;
    codec::encode(
        PRESA_VERSION,
        &PresaV1 {
            id: p.id,
            patient: p.patient,
            gestore: p.gestore,
            canale,
            data_scelta: date_to_days(p.data_scelta),
            note: p.note.clone(),
            revoca: match &p.stato {
                PresaStato::Scelto => None,
                PresaStato::Revocato { data, motivo } => {
                    Some((date_to_days(*data), motivo.clone()))
                }
            },
            operatore: p.operatore.clone(),
        },
    )
}

pub fn decode_presa(bytes: &[u8]) -> Result<PresaInCarico, String> {
    let r: PresaV1 = decode_current(bytes, PRESA_VERSION, "presa in carico")?;
    Ok(PresaInCarico {
        id: r.id,
        patient: r.patient,
        gestore: r.gestore,
        canale: *Canale::ALL
            .get(usize::from(r.canale))
            .ok_or_else(|| format!("canale non valido ({})", r.canale))?,
        data_scelta: days_to_date(r.data_scelta)?,
        note: r.note,
        stato: match r.revoca {
            None => PresaStato::Scelto,
            Some((d, motivo)) => PresaStato::Revocato {
                data: days_to_date(d)?,
                motivo,
            },
        },
        operatore: r.operatore,
    })
}

pub const IMPORT_VERSION: u8 = 1;

/// Import log record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportV1 {
    pub id: u64,
    /// Seconds since 1970-01-01 00:00 (local time of the desk).
    pub data: i64,
    pub file: String,
    pub ats: Vec<String>,
    pub counts: [u32; 4],
    pub operatore: String,
}

pub fn encode_import(i: &GestoriImport) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        IMPORT_VERSION,
        &ImportV1 {
            id: i.id,
            data: i.data.and_utc().timestamp(),
            file: i.file.clone(),
            ats: i.ats.clone(),
            counts: [i.aggiunti, i.aggiornati, i.non_piu_idonei, i.scartati],
            operatore: i.operatore.clone(),
        },
    )
}

pub fn decode_import(bytes: &[u8]) -> Result<GestoriImport, String> {
    let r: ImportV1 = decode_current(bytes, IMPORT_VERSION, "importazione")?;
    let data = chrono::DateTime::from_timestamp(r.data, 0)
        .ok_or_else(|| format!("data non valida ({})", r.data))?
        .naive_utc();
    Ok(GestoriImport {
        id: r.id,
        data,
        file: r.file,
        ats: r.ats,
        aggiunti: r.counts[0],
        aggiornati: r.counts[1],
        non_piu_idonei: r.counts[2],
        scartati: r.counts[3],
        operatore: r.operatore,
    })
}

/// 2: the printer.
pub const PRACTICE_VERSION: u8 = 2;

/// Practice set-up record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeV1 {
    pub nome: String,
    pub comune: String,
    /// (name, kind: 0 none / 1 cooperative / 2 MIFS, gestore id).
    pub mmg: Vec<(String, u8, u64)>,
    /// Indexes in `Canale::ALL`.
    pub canali: Vec<u8>,
}

/// Practice set-up record, format version 2: version 1 plus the printer.
/// Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeV2 {
    pub nome: String,
    pub comune: String,
    /// (name, kind: 0 none / 1 cooperative / 2 MIFS, gestore id).
    pub mmg: Vec<(String, u8, u64)>,
    /// Indexes in `Canale::ALL`.
    pub canali: Vec<u8>,
    /// 0 none (file only), 1 the default printer, 2 the named one.
    pub stampante: (u8, String),
}

pub fn encode_practice(p: &Practice) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        PRACTICE_VERSION,
        &PracticeV2 {
            stampante: match &p.stampante {
                Stampante::Nessuna => (0, String::new()),
                Stampante::Predefinita => (1, String::new()),
                Stampante::Nome(n) => (2, n.clone()),
            },
            nome: p.nome.clone(),
            comune: p.comune.clone(),
            mmg: p
                .mmg
                .iter()
                .map(|m| match m.adesione {
                    Adesione::Nessuna => (m.nome.clone(), 0, 0),
                    Adesione::Cooperativa(id) => (m.nome.clone(), 1, id),
                    Adesione::Mifs => (m.nome.clone(), 2, 0),
                })
                .collect(),
            canali: p
                .canali_attivi
                .iter()
                .filter_map(|c| Canale::ALL.iter().position(|x| x == c))
                .map(|i| i as u8)
                .collect(),
        },
    )
}

pub fn decode_practice(bytes: &[u8]) -> Result<Practice, String> {
    let (version, payload) = codec::version_of(bytes)?;
    let r: PracticeV2 = match version {
        1 => {
            let v1: PracticeV1 = codec::decode_payload(payload)?;
            PracticeV2 {
                nome: v1.nome,
                comune: v1.comune,
                mmg: v1.mmg,
                canali: v1.canali,
                stampante: (0, String::new()),
            }
        }
        PRACTICE_VERSION => codec::decode_payload(payload)?,
        other => return Err(format!("versione del record studio sconosciuta ({other})")),
    };
    let stampante = match r.stampante {
        (0, _) => Stampante::Nessuna,
        (1, _) => Stampante::Predefinita,
        (2, name) => Stampante::Nome(name),
        (other, _) => return Err(format!("stampante non valida ({other})")),
    };
    let mut mmg = Vec::with_capacity(r.mmg.len());
    for (nome, kind, id) in r.mmg {
        let adesione = match kind {
            0 => Adesione::Nessuna,
            1 => Adesione::Cooperativa(id),
            2 => Adesione::Mifs,
            other => return Err(format!("adesione non valida ({other})")),
        };
        mmg.push(MmgAdesione { nome, adesione });
    }
    let mut canali_attivi = Vec::new();
    for c in r.canali {
        canali_attivi.push(
            *Canale::ALL
                .get(usize::from(c))
                .ok_or_else(|| format!("canale non valido ({c})"))?,
        );
    }
    Ok(Practice {
        nome: r.nome,
        comune: r.comune,
        mmg,
        canali_attivi,
        stampante,
    })
}

/// 2: the practice's number and the corrections of the Clinical Manager.
pub const PATTO_VERSION: u8 = 2;

/// Patto di Cura record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PattoV1 {
    pub id: u64,
    pub patient: u64,
    pub presa: u64,
    pub gestore: u64,
    pub clinical_manager: String,
    pub precedente: Option<u64>,
    pub rinnovato_da: Option<u64>,
    pub creato_il: i32,
    pub stato: PattoStatoV1,
    pub firma: Option<FirmaV1>,
}

/// Append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PattoStatoV1 {
    Bozza,
    Firmato,
    Revocato(i32, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmaV1 {
    /// Index in `Firmatario::ALL`.
    pub firmatario: u8,
    pub nome_firmatario: String,
    pub documento: String,
    /// trattamento dati, FSE, telefono, SMS, e-mail.
    pub consensi: [bool; 5],
    /// Seconds since 1970 of the desk's local time.
    pub firmato_il: i64,
    pub operatore: String,
    pub testo: String,
    pub sha256: String,
}

/// Patto di Cura record, format version 2: version 1 plus the practice's
/// number and the corrections of the Clinical Manager. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PattoV2 {
    pub id: u64,
    pub patient: u64,
    pub presa: u64,
    pub gestore: u64,
    pub clinical_manager: String,
    pub precedente: Option<u64>,
    pub rinnovato_da: Option<u64>,
    pub creato_il: i32,
    pub stato: PattoStatoV1,
    pub firma: Option<FirmaV1>,
    /// (year, sequence within the year).
    pub numero: Option<(i32, u32)>,
    pub correzioni_cm: Vec<CorrezioneCmV1>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrezioneCmV1 {
    /// Seconds since 1970 of the desk's local time.
    pub il: i64,
    pub da: String,
    pub a: String,
    pub motivo: String,
    pub operatore: String,
}

pub fn encode_patto(p: &PattoDiCura) -> Result<Vec<u8>, super::StoreError> {
    let firma = p.firma.as_ref().map(|f| FirmaV1 {
        firmatario: Firmatario::ALL
            .iter()
            .position(|x| *x == f.firmatario)
            .unwrap_or(0) as u8,
        nome_firmatario: f.nome_firmatario.clone(),
        documento: f.documento.clone(),
        consensi: [
            f.consensi.trattamento_dati,
            f.consensi.fse,
            f.consensi.telefono,
            f.consensi.sms,
            f.consensi.email,
        ],
        firmato_il: f.firmato_il.and_utc().timestamp(),
        operatore: f.operatore.clone(),
        testo: f.testo.clone(),
        sha256: f.sha256.clone(),
    });
    codec::encode(
        PATTO_VERSION,
        &PattoV2 {
            numero: p.numero.map(|n| (n.anno, n.progressivo)),
            correzioni_cm: p
                .correzioni_cm
                .iter()
                .map(|c| CorrezioneCmV1 {
                    il: c.il.and_utc().timestamp(),
                    da: c.da.clone(),
                    a: c.a.clone(),
                    motivo: c.motivo.clone(),
                    operatore: c.operatore.clone(),
                })
                .collect(),
            id: p.id,
            patient: p.patient,
            presa: p.presa,
            gestore: p.gestore,
            clinical_manager: p.clinical_manager.clone(),
            precedente: p.precedente,
            rinnovato_da: p.rinnovato_da,
            creato_il: date_to_days(p.creato_il),
            stato: match &p.stato {
                PattoStato::Bozza => PattoStatoV1::Bozza,
                PattoStato::Firmato => PattoStatoV1::Firmato,
                PattoStato::Revocato { data, motivo } => {
                    PattoStatoV1::Revocato(date_to_days(*data), motivo.clone())
                }
            },
            firma,
        },
    )
}

pub fn decode_patto(bytes: &[u8]) -> Result<PattoDiCura, String> {
    let (version, payload) = codec::version_of(bytes)?;
    let r: PattoV2 = match version {
        1 => {
            let v1: PattoV1 = codec::decode_payload(payload)?;
            PattoV2 {
                id: v1.id,
                patient: v1.patient,
                presa: v1.presa,
                gestore: v1.gestore,
                clinical_manager: v1.clinical_manager,
                precedente: v1.precedente,
                rinnovato_da: v1.rinnovato_da,
                creato_il: v1.creato_il,
                stato: v1.stato,
                firma: v1.firma,
                numero: None,
                correzioni_cm: Vec::new(),
            }
        }
        PATTO_VERSION => codec::decode_payload(payload)?,
        other => return Err(format!("versione del record patto sconosciuta ({other})")),
    };
    let mut correzioni_cm = Vec::with_capacity(r.correzioni_cm.len());
    for c in r.correzioni_cm {
        correzioni_cm.push(CorrezioneCm {
            il: chrono::DateTime::from_timestamp(c.il, 0)
                .ok_or_else(|| format!("data di correzione non valida ({})", c.il))?
                .naive_utc(),
            da: c.da,
            a: c.a,
            motivo: c.motivo,
            operatore: c.operatore,
        });
    }
    let firma = match r.firma {
        None => None,
        Some(f) => Some(Firma {
            firmatario: *Firmatario::ALL
                .get(usize::from(f.firmatario))
                .ok_or_else(|| format!("firmatario non valido ({})", f.firmatario))?,
            nome_firmatario: f.nome_firmatario,
            documento: f.documento,
            consensi: Consensi {
                trattamento_dati: f.consensi[0],
                fse: f.consensi[1],
                telefono: f.consensi[2],
                sms: f.consensi[3],
                email: f.consensi[4],
            },
            firmato_il: chrono::DateTime::from_timestamp(f.firmato_il, 0)
                .ok_or_else(|| format!("data di firma non valida ({})", f.firmato_il))?
                .naive_utc(),
            operatore: f.operatore,
            testo: f.testo,
            sha256: f.sha256,
        }),
    };
    Ok(PattoDiCura {
        id: r.id,
        numero: r
            .numero
            .map(|(anno, progressivo)| PattoNumero { anno, progressivo }),
        correzioni_cm,
        patient: r.patient,
        presa: r.presa,
        gestore: r.gestore,
        clinical_manager: r.clinical_manager,
        precedente: r.precedente,
        rinnovato_da: r.rinnovato_da,
        creato_il: days_to_date(r.creato_il)?,
        stato: match r.stato {
            PattoStatoV1::Bozza => PattoStato::Bozza,
            PattoStatoV1::Firmato => PattoStato::Firmato,
            PattoStatoV1::Revocato(d, motivo) => PattoStato::Revocato {
                data: days_to_date(d)?,
                motivo,
            },
        },
        firma,
    })
}

pub const PAI_VERSION: u8 = 1;

/// PAI record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaiV1 {
    pub id: u64,
    pub patient: u64,
    pub presa: u64,
    pub versione: u32,
    pub precedente: Option<u64>,
    pub anno_dal: i32,
    pub anno_al: i32,
    pub items: Vec<PaiItemV1>,
    /// (farmaco, principio attivo, posologia, durata, note).
    pub farmaci: Vec<(String, String, String, String, String)>,
    pub stile_di_vita: Vec<String>,
    pub vaccinazioni: Vec<String>,
    pub esenzioni: Vec<String>,
    pub allergie: Vec<String>,
    pub stato: PaiStatoV1,
    pub clinical_manager: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaiItemV1 {
    pub id: u32,
    /// Index in `Categoria::ALL`.
    pub categoria: u8,
    pub descrizione: String,
    pub codice_prestazione: Option<String>,
    pub frequenza: FrequenzaV1,
    pub preparazione: Option<String>,
    pub luogo: LuogoV1,
    pub dopo: Vec<u32>,
    pub patologie: Vec<String>,
    pub dovuto: bool,
    pub note: String,
}

/// Append-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrequenzaV1 {
    VoltePerAnno(u16),
    OgniMesi(u8),
    UnaVolta,
}

/// Append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LuogoV1 {
    InSede(String),
    Esterno(String),
}

/// Append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaiStatoV1 {
    Bozza,
    Condiviso(u32, i32, u64),
    Concluso(i32, String),
}

pub fn encode_pai(p: &Pai) -> Result<Vec<u8>, super::StoreError> {
    let items = p
        .items
        .iter()
        .map(|i| PaiItemV1 {
            id: i.id,
            categoria: Categoria::ALL
                .iter()
                .position(|c| *c == i.categoria)
                .unwrap_or(0) as u8,
            descrizione: i.descrizione.clone(),
            codice_prestazione: i.codice_prestazione.clone(),
            frequenza: match i.frequenza {
                Frequenza::VoltePerAnno(n) => FrequenzaV1::VoltePerAnno(n),
                Frequenza::OgniMesi(n) => FrequenzaV1::OgniMesi(n),
                Frequenza::UnaVolta => FrequenzaV1::UnaVolta,
            },
            preparazione: i.preparazione.clone(),
            luogo: match &i.luogo {
                Luogo::InSede { risorsa } => LuogoV1::InSede(risorsa.clone()),
                Luogo::Esterno { erogatore } => LuogoV1::Esterno(erogatore.clone()),
            },
            dopo: i.dopo.clone(),
            patologie: i.patologie.clone(),
            dovuto: i.dovuto,
            note: i.note.clone(),
        })
        .collect();
    codec::encode(
        PAI_VERSION,
        &PaiV1 {
            id: p.id,
            patient: p.patient,
            presa: p.presa,
            versione: p.versione,
            precedente: p.precedente,
            anno_dal: date_to_days(p.anno_dal),
            anno_al: date_to_days(p.anno_al),
            items,
            farmaci: p
                .farmaci
                .iter()
                .map(|f| {
                    (
                        f.farmaco.clone(),
                        f.principio_attivo.clone(),
                        f.posologia.clone(),
                        f.durata.clone(),
                        f.note.clone(),
                    )
                })
                .collect(),
            stile_di_vita: p.stile_di_vita.clone(),
            vaccinazioni: p.vaccinazioni.clone(),
            esenzioni: p.esenzioni.clone(),
            allergie: p.allergie.clone(),
            stato: match &p.stato {
                PaiStato::Bozza => PaiStatoV1::Bozza,
                PaiStato::Condiviso {
                    versione,
                    condiviso_il,
                    patto,
                } => PaiStatoV1::Condiviso(*versione, date_to_days(*condiviso_il), *patto),
                PaiStato::Concluso { il, motivo } => {
                    PaiStatoV1::Concluso(date_to_days(*il), motivo.clone())
                }
            },
            clinical_manager: p.clinical_manager.clone(),
        },
    )
}

pub fn decode_pai(bytes: &[u8]) -> Result<Pai, String> {
    let r: PaiV1 = decode_current(bytes, PAI_VERSION, "PAI")?;
    let mut items = Vec::with_capacity(r.items.len());
    for i in r.items {
        items.push(PaiItem {
            id: i.id,
            categoria: *Categoria::ALL
                .get(usize::from(i.categoria))
                .ok_or_else(|| format!("categoria non valida ({})", i.categoria))?,
            descrizione: i.descrizione,
            codice_prestazione: i.codice_prestazione,
            frequenza: match i.frequenza {
                FrequenzaV1::VoltePerAnno(n) => Frequenza::VoltePerAnno(n),
                FrequenzaV1::OgniMesi(n) => Frequenza::OgniMesi(n),
                FrequenzaV1::UnaVolta => Frequenza::UnaVolta,
            },
            preparazione: i.preparazione,
            luogo: match i.luogo {
                LuogoV1::InSede(risorsa) => Luogo::InSede { risorsa },
                LuogoV1::Esterno(erogatore) => Luogo::Esterno { erogatore },
            },
            dopo: i.dopo,
            patologie: i.patologie,
            dovuto: i.dovuto,
            note: i.note,
        });
    }
    Ok(Pai {
        id: r.id,
        patient: r.patient,
        presa: r.presa,
        versione: r.versione,
        precedente: r.precedente,
        anno_dal: days_to_date(r.anno_dal)?,
        anno_al: days_to_date(r.anno_al)?,
        items,
        farmaci: r
            .farmaci
            .into_iter()
            .map(
                |(farmaco, principio_attivo, posologia, durata, note)| Farmaco {
                    farmaco,
                    principio_attivo,
                    posologia,
                    durata,
                    note,
                },
            )
            .collect(),
        stile_di_vita: r.stile_di_vita,
        vaccinazioni: r.vaccinazioni,
        esenzioni: r.esenzioni,
        allergie: r.allergie,
        stato: match r.stato {
            PaiStatoV1::Bozza => PaiStato::Bozza,
            PaiStatoV1::Condiviso(versione, d, patto) => PaiStato::Condiviso {
                versione,
                condiviso_il: days_to_date(d)?,
                patto,
            },
            PaiStatoV1::Concluso(d, motivo) => PaiStato::Concluso {
                il: days_to_date(d)?,
                motivo,
            },
        },
        clinical_manager: r.clinical_manager,
    })
}

pub const AGENDA_VERSION: u8 = 1;

fn time_to_secs(t: chrono::NaiveTime) -> u32 {
    use chrono::Timelike;
    t.num_seconds_from_midnight()
}

fn secs_to_time(s: u32) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::from_num_seconds_from_midnight_opt(s, 0)
        .ok_or_else(|| format!("ora non valida ({s})"))
}

/// Seconds since 1970 of a local date-time (no time zone: the desk's wall clock).
pub fn datetime_to_secs(d: chrono::NaiveDateTime) -> i64 {
    d.and_utc().timestamp()
}

pub fn secs_to_datetime(s: i64) -> Result<chrono::NaiveDateTime, String> {
    chrono::DateTime::from_timestamp(s, 0)
        .map(|d| d.naive_utc())
        .ok_or_else(|| format!("data e ora non valide ({s})"))
}

/// Resource record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceV1 {
    pub id: u64,
    pub nome: String,
    pub tipo: String,
    pub patterns: Vec<PatternV1>,
    pub attiva: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternV1 {
    /// 0 = Monday.
    pub giorno: u8,
    /// Seconds from midnight.
    pub dalle: u32,
    pub alle: u32,
    pub durata_min: u16,
    pub capacita: u16,
    pub valido_dal: i32,
    pub valido_al: Option<i32>,
}

pub fn encode_resource(r: &Resource) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        AGENDA_VERSION,
        &ResourceV1 {
            id: r.id,
            nome: r.nome.clone(),
            tipo: r.tipo.clone(),
            patterns: r
                .patterns
                .iter()
                .map(|p| PatternV1 {
                    giorno: p.giorno.num_days_from_monday() as u8,
                    dalle: time_to_secs(p.dalle),
                    alle: time_to_secs(p.alle),
                    durata_min: p.durata_min,
                    capacita: p.capacita,
                    valido_dal: date_to_days(p.valido_dal),
                    valido_al: p.valido_al.map(date_to_days),
                })
                .collect(),
            attiva: r.attiva,
        },
    )
}

pub fn decode_resource(bytes: &[u8]) -> Result<Resource, String> {
    let r: ResourceV1 = decode_current(bytes, AGENDA_VERSION, "risorsa")?;
    let mut patterns = Vec::with_capacity(r.patterns.len());
    for p in r.patterns {
        let giorno = match p.giorno {
            0 => chrono::Weekday::Mon,
            1 => chrono::Weekday::Tue,
            2 => chrono::Weekday::Wed,
            3 => chrono::Weekday::Thu,
            4 => chrono::Weekday::Fri,
            5 => chrono::Weekday::Sat,
            6 => chrono::Weekday::Sun,
            other => return Err(format!("giorno non valido ({other})")),
        };
        patterns.push(Pattern {
            giorno,
            dalle: secs_to_time(p.dalle)?,
            alle: secs_to_time(p.alle)?,
            durata_min: p.durata_min,
            capacita: p.capacita,
            valido_dal: days_to_date(p.valido_dal)?,
            valido_al: p.valido_al.map(days_to_date).transpose()?,
        });
    }
    Ok(Resource {
        id: r.id,
        nome: r.nome,
        tipo: r.tipo,
        patterns,
        attiva: r.attiva,
    })
}

/// Closure record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureV1 {
    pub id: u64,
    pub resource: Option<u64>,
    pub dal: i64,
    pub al: i64,
    pub motivo: String,
}

pub fn encode_closure(c: &Closure) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        AGENDA_VERSION,
        &ClosureV1 {
            id: c.id,
            resource: c.resource,
            dal: datetime_to_secs(c.dal),
            al: datetime_to_secs(c.al),
            motivo: c.motivo.clone(),
        },
    )
}

pub fn decode_closure(bytes: &[u8]) -> Result<Closure, String> {
    let r: ClosureV1 = decode_current(bytes, AGENDA_VERSION, "chiusura")?;
    Ok(Closure {
        id: r.id,
        resource: r.resource,
        dal: secs_to_datetime(r.dal)?,
        al: secs_to_datetime(r.al)?,
        motivo: r.motivo,
    })
}

/// Appointment record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentV1 {
    pub id: u64,
    pub patient: u64,
    pub pai: Option<u64>,
    pub item: Option<u32>,
    pub occorrenza: Option<u32>,
    pub resource: Option<u64>,
    pub start: i64,
    pub end: i64,
    pub descrizione: String,
    pub stato: AppStatoV1,
    /// (erogatore, codice prenotazione).
    pub esterno: Option<(String, String)>,
    pub note: String,
    pub forzatura: Option<String>,
}

/// Append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppStatoV1 {
    Prenotato,
    Eseguito,
    NonPresentato,
    Annullato(String),
}

pub fn encode_appointment(a: &Appointment) -> Result<Vec<u8>, super::StoreError> {
    codec::encode(
        AGENDA_VERSION,
        &AppointmentV1 {
            id: a.id,
            patient: a.patient,
            pai: a.pai,
            item: a.item,
            occorrenza: a.occorrenza,
            resource: a.resource,
            start: datetime_to_secs(a.start),
            end: datetime_to_secs(a.end),
            descrizione: a.descrizione.clone(),
            stato: match &a.stato {
                AppStato::Prenotato => AppStatoV1::Prenotato,
                AppStato::Eseguito => AppStatoV1::Eseguito,
                AppStato::NonPresentato => AppStatoV1::NonPresentato,
                AppStato::Annullato { motivo } => AppStatoV1::Annullato(motivo.clone()),
            },
            esterno: a
                .esterno
                .as_ref()
                .map(|e| (e.erogatore.clone(), e.codice_prenotazione.clone())),
            note: a.note.clone(),
            forzatura: a.forzatura.clone(),
        },
    )
}

pub fn decode_appointment(bytes: &[u8]) -> Result<Appointment, String> {
    let r: AppointmentV1 = decode_current(bytes, AGENDA_VERSION, "appuntamento")?;
    Ok(Appointment {
        id: r.id,
        patient: r.patient,
        pai: r.pai,
        item: r.item,
        occorrenza: r.occorrenza,
        resource: r.resource,
        start: secs_to_datetime(r.start)?,
        end: secs_to_datetime(r.end)?,
        descrizione: r.descrizione,
        stato: match r.stato {
            AppStatoV1::Prenotato => AppStato::Prenotato,
            AppStatoV1::Eseguito => AppStato::Eseguito,
            AppStatoV1::NonPresentato => AppStato::NonPresentato,
            AppStatoV1::Annullato(motivo) => AppStato::Annullato { motivo },
        },
        esterno: r.esterno.map(|(erogatore, codice_prenotazione)| Esterno {
            erogatore,
            codice_prenotazione,
        }),
        note: r.note,
        forzatura: r.forzatura,
    })
}

/// Current version byte of a patient's agenda preferences.
pub const PREFERENCES_VERSION: u8 = 1;

/// A patient's agenda preferences, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferencesV1 {
    pub patient: u64,
    /// Preferred weekdays, 0 = Monday .. 6 = Sunday; empty = any.
    pub giorni: Vec<u8>,
    /// 0 = any time, 1 = mattina, 2 = pomeriggio.
    pub fascia: u8,
}

pub fn encode_preferences(
    patient: u64,
    p: &crate::domain::agenda::Preferences,
) -> Result<Vec<u8>, super::StoreError> {
    use crate::domain::agenda::Fascia;
    codec::encode(
        PREFERENCES_VERSION,
        &PreferencesV1 {
            patient,
            giorni: p
                .giorni
                .iter()
                .map(|d| d.num_days_from_monday() as u8)
                .collect(),
            fascia: match p.fascia {
                None => 0,
                Some(Fascia::Mattina) => 1,
                Some(Fascia::Pomeriggio) => 2,
            },
        },
    )
}

pub fn decode_preferences(bytes: &[u8]) -> Result<crate::domain::agenda::Preferences, String> {
    use crate::domain::agenda::Fascia;
    let r: PreferencesV1 = decode_current(bytes, PREFERENCES_VERSION, "preferenze")?;
    let mut giorni = Vec::with_capacity(r.giorni.len());
    for g in r.giorni {
        let day = match g {
            0 => chrono::Weekday::Mon,
            1 => chrono::Weekday::Tue,
            2 => chrono::Weekday::Wed,
            3 => chrono::Weekday::Thu,
            4 => chrono::Weekday::Fri,
            5 => chrono::Weekday::Sat,
            6 => chrono::Weekday::Sun,
            other => return Err(format!("giorno non valido ({other})")),
        };
        giorni.push(day);
    }
    let fascia = match r.fascia {
        0 => None,
        1 => Some(Fascia::Mattina),
        2 => Some(Fascia::Pomeriggio),
        other => return Err(format!("fascia non valida ({other})")),
    };
    Ok(crate::domain::agenda::Preferences { giorni, fascia })
}

#[cfg(test)]
mod tests;

pub const OPERATOR_VERSION: u8 = 1;

/// Operator record, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorV1 {
    pub id: u64,
    pub username: String,
    /// 0 segreteria, 1 medico, 2 amministratore.
    pub role: u8,
    pub password_hash: String,
    pub active: bool,
    pub failed_logins: u32,
    /// Seconds since the epoch (naive local time).
    pub locked_until: Option<i64>,
    pub created: i64,
}

pub fn encode_operator(
    o: &crate::domain::operator::Operator,
) -> Result<Vec<u8>, super::StoreError> {
    use crate::domain::operator::Role;
    codec::encode(
        OPERATOR_VERSION,
        &OperatorV1 {
            id: o.id,
            username: o.username.clone(),
            role: match o.role {
                Role::Segreteria => 0,
                Role::Medico => 1,
                Role::Amministratore => 2,
            },
            password_hash: o.password_hash.clone(),
            active: o.active,
            failed_logins: o.failed_logins,
            locked_until: o.locked_until.map(datetime_to_secs),
            created: datetime_to_secs(o.created),
        },
    )
}

pub fn decode_operator(bytes: &[u8]) -> Result<crate::domain::operator::Operator, String> {
    use crate::domain::operator::Role;
    let r: OperatorV1 = decode_current(bytes, OPERATOR_VERSION, "operatore")?;
    let role = *Role::ALL
        .get(usize::from(r.role))
        .ok_or_else(|| format!("ruolo non valido ({})", r.role))?;
    Ok(crate::domain::operator::Operator {
        id: r.id,
        username: r.username,
        role,
        password_hash: r.password_hash,
        active: r.active,
        failed_logins: r.failed_logins,
        locked_until: r.locked_until.map(secs_to_datetime).transpose()?,
        created: secs_to_datetime(r.created)?,
    })
}

pub const AUDIT_VERSION: u8 = 1;

/// Audit trail entry, format version 1. Frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryV1 {
    pub seq: u64,
    /// Seconds since the epoch and nanoseconds (naive local time).
    pub at: (i64, u32),
    pub operator: String,
    /// `AuditAction::code`.
    pub action: u8,
    pub patient: Option<u64>,
    pub summary: String,
    pub prev_hash: [u8; 32],
    pub hash: [u8; 32],
}

pub fn encode_audit(e: &crate::domain::audit::AuditEntry) -> Result<Vec<u8>, super::StoreError> {
    let utc = e.at.and_utc();
    codec::encode(
        AUDIT_VERSION,
        &AuditEntryV1 {
            seq: e.seq,
            at: (utc.timestamp(), utc.timestamp_subsec_nanos()),
            operator: e.operator.clone(),
            action: e.action.code(),
            patient: e.patient,
            summary: e.summary.clone(),
            prev_hash: e.prev_hash,
            hash: e.hash,
        },
    )
}

pub fn decode_audit(bytes: &[u8]) -> Result<crate::domain::audit::AuditEntry, String> {
    use crate::domain::audit::{AuditAction, AuditEntry};
    let r: AuditEntryV1 = decode_current(bytes, AUDIT_VERSION, "registro accessi")?;
    let at = chrono::DateTime::from_timestamp(r.at.0, r.at.1)
        .ok_or_else(|| format!("istante non valido ({})", r.at.0))?
        .naive_utc();
    Ok(AuditEntry {
        seq: r.seq,
        at,
        operator: r.operator,
        action: AuditAction::from_code(r.action)
            .ok_or_else(|| format!("azione non valida ({})", r.action))?,
        patient: r.patient,
        summary: r.summary,
        prev_hash: r.prev_hash,
        hash: r.hash,
    })
}
