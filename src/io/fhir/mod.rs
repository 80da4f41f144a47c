//! FHIR R4 export of a PAI: a `Bundle` of type `collection` with the
//! `CarePlan`, the `Patient`, one `Condition` per chronic pathology, one
//! `ServiceRequest` per prestazione and one `MedicationRequest` per drug (and
//! per vaccination).
//!
//! The codes follow the Regione Lombardia FHIR implementation guide
//! (repository `rlfhir`, read in the public fork `pgtesta/rlfhir-fork`):
//! - codice fiscale identifier system `http://hl7.it/sid/codiceFiscale`:
//!   `Esempi/Esempio_Ricerca_Progetti_Individuali_Attivi.json` (Patient);
//! - pathologies: `Condition.code` with the SGDT code system
//!   [`SYSTEM_SGDT_PATOLOGIE`] (`Codifiche/CodeSystem_PatologieNonICD9CM.json`)
//!   and ICD-9-CM [`SYSTEM_ICD9CM`] beside it where known
//!   (`guides/IG-RL-live/Home/Terminologia/Mappa-CodeSystem.page.md`,
//!   profile RLConditionPatologiaPrimariaSecondariaUlteriore, element `code`);
//! - primary / secondary: `Condition.category` with
//!   [`SYSTEM_TIPOLOGIA_PATOLOGIA`] (1 primaria, 2 secondaria:
//!   `Codifiche/CodeSystem_TipologiaPatologia.json`,
//!   `PI/Profile_RL_Condition_PatologiaPrimariaSecondariaUlteriore.json`);
//!   with no primary known the category is text only;
//! - the level: `Condition.severity` coded with [`SYSTEM_LIVELLO_GRAVITA`]
//!   (`Codifiche/CodeSystem_LivelloGravitaCronica.json`). The guide carries the
//!   level with the pathologies ("le informazioni relative alle patologie, tra
//!   cui il livello di gravità dello stato di cronicità":
//!   `guides/IG-RL-live/Home/Contesto/Tematiche-di-applicazione/Attivazione-della-presa-in-carico-cronicità-per-MMG.page.md`)
//!   but names no element for it: sportello puts it on the primary Condition
//!   (on every Condition while no primary is known), and its `text` says
//!   whether the ATS communicated it or it is the desk's estimate;
//! - services: `ServiceRequest.code` with the regional catalogue
//!   [`SYSTEM_PREST_SPEC_SISS`] where its code is known
//!   (Mappa-CodeSystem, RLServiceRequestPrestazioniSpecialistiche `code`); the
//!   guide has no code system for the national nomenclatore, so its code is
//!   in `code.text` ("90.28.1 - Emoglobina glicata (HbA1c)");
//! - drugs: `MedicationRequest.medicationCodeableConcept` text only (the
//!   guide's AIC/ATC value sets need codes the PAI does not hold);
//! - the CarePlan lists its requests in `activity.reference`, each request
//!   points back with `basedOn`, `addresses` the Conditions, `intent` `order`
//!   (as the guide's examples), extension `RLCarePlanVersionePAI` with the
//!   version (`PI/Extension_RL_CarePlan_VersionePAI.json`).
//!
//! Every `fullUrl` is a `urn:uuid:` and every reference inside the Bundle
//! uses it; the uuids are derived from the PAI and the patient (SHA-256), so
//! the same PAI exports byte for byte the same file. No resource claims the
//! guide's profiles in `meta.profile`: the export is plain R4 with the guide's
//! codes, not a conformant SGDT message.
//!
//! `serde_json` objects keep their keys sorted.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::domain::Sex;
use crate::domain::pai::{Categoria, Frequenza, ItemId, Luogo, Pai, PaiItem, PaiStato};

/// Naming system of the Italian codice fiscale (HL7 Italia), as in the guide.
pub const SYSTEM_CODICE_FISCALE: &str = "http://hl7.it/sid/codiceFiscale";
/// The Region's chronic pathologies (65 codes, "1".."65").
pub const SYSTEM_SGDT_PATOLOGIE: &str =
    "https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-PatologieNonICD9CM";
/// Primary / secondary / further pathology.
pub const SYSTEM_TIPOLOGIA_PATOLOGIA: &str =
    "https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-TipologiaPatologia";
/// The Region's level: 1 gravità alta, 2 media, 3 bassa.
pub const SYSTEM_LIVELLO_GRAVITA: &str =
    "https://fhir.siss.regione.lombardia.it/CodeSystem/GPC-LivelloGravita";
/// The regional catalogue of outpatient services (seven digits).
pub const SYSTEM_PREST_SPEC_SISS: &str =
    "https://fhir.siss.regione.lombardia.it/CodeSystem/DDC-PrestSpecSISS";
/// ICD-9-CM, as the guide's code system map names it.
pub const SYSTEM_ICD9CM: &str = "http://hl7.org/fhir/sid/icd-9-cm";
/// The RLCarePlanVersionePAI extension of the guide.
pub const EXT_VERSIONE_PAI: &str =
    "https://fhir.siss.regione.lombardia.it/StructureDefinition/RLCarePlanVersionePAI";
const SYSTEM_CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";

/// Where the level comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelSource {
    /// Communicated by the ATS (typed or imported at the desk).
    Ats,
    /// The desk's estimate from the number of pathologies.
    Estimate,
}

/// The patient as the Bundle needs it.
#[derive(Debug, Clone)]
pub struct PatientInput<'a> {
    pub codice_fiscale: &'a str,
    pub cognome: &'a str,
    pub nome: &'a str,
    pub sesso: Sex,
    pub data_nascita: NaiveDate,
}

/// One chronic pathology of the patient.
#[derive(Debug, Clone)]
pub struct PathologyInput {
    /// The catalogue code: an SGDT code ("56") is coded with
    /// [`SYSTEM_SGDT_PATOLOGIE`]; any other code goes in the text only.
    pub code: String,
    pub name: String,
    pub icd9cm: Option<String>,
}

/// Everything the Bundle is built from; the service fills it.
#[derive(Debug, Clone)]
pub struct BundleInput<'a> {
    pub pai: &'a Pai,
    pub patient: PatientInput<'a>,
    pub pathologies: Vec<PathologyInput>,
    /// Code of the primary pathology, one of `pathologies`.
    pub primary: Option<String>,
    /// The Region's level (1-3) and where it comes from.
    pub level: Option<(u8, LevelSource)>,
    /// Regional catalogue codes (DDC-PrestSpecSISS) of items, where known.
    pub regional_codes: BTreeMap<ItemId, String>,
}

/// Whether `code` is one of the Region's 65 SGDT pathology codes.
pub fn is_sgdt_code(code: &str) -> bool {
    !code.starts_with('0') && code.parse::<u8>().is_ok_and(|n| (1..=65).contains(&n))
}

/// A deterministic uuid (RFC 9562 version 8, from SHA-256) for a name.
fn uuid(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The ids of the Bundle's resources.
struct Ids {
    scope: String,
}

impl Ids {
    fn new(pai: &Pai) -> Ids {
        Ids {
            scope: format!("sportello/pai/{}/v{}", pai.id, pai.versione),
        }
    }
    fn id(&self, what: &str) -> String {
        uuid(&format!("{}/{what}", self.scope))
    }
    fn urn(&self, what: &str) -> String {
        format!("urn:uuid:{}", self.id(what))
    }
}

fn reference(urn: &str, display: &str) -> Value {
    let mut r = Map::new();
    r.insert("reference".into(), json!(urn));
    if !display.trim().is_empty() {
        r.insert("display".into(), json!(display.trim()));
    }
    Value::Object(r)
}

/// Status of the plan and of its requests.
fn status(stato: &PaiStato) -> (&'static str, &'static str) {
    // (CarePlan, ServiceRequest / MedicationRequest)
    match stato {
        PaiStato::Bozza => ("draft", "draft"),
        PaiStato::Condiviso { .. } => ("active", "active"),
        PaiStato::Concluso { .. } => ("completed", "completed"),
    }
}

/// `Timing.repeat` of a frequency; `None` for an invalid one (a draft's 0):
/// FHIR wants positive integers there.
fn repeat(frequenza: Frequenza) -> Option<Value> {
    frequenza.check().ok()?;
    Some(match frequenza {
        Frequenza::VoltePerAnno(n) => json!({ "frequency": n, "period": 1, "periodUnit": "a" }),
        Frequenza::OgniMesi(m) => json!({ "frequency": 1, "period": m, "periodUnit": "mo" }),
        Frequenza::UnaVolta => json!({ "count": 1 }),
    })
}

/// "Label: value. Label: value" for the non-empty values.
fn join_parts(parts: &[(&str, &str)]) -> String {
    parts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(label, v)| format!("{label}: {}", v.trim()))
        .collect::<Vec<_>>()
        .join(". ")
}

fn level_display(n: u8) -> &'static str {
    match n {
        1 => "Gravità alta",
        2 => "Gravità media",
        _ => "Gravità bassa",
    }
}

/// The Bundle as JSON.
pub fn pai_bundle_json(input: &BundleInput) -> Value {
    let pai = input.pai;
    let ids = Ids::new(pai);
    let (plan_status, request_status) = status(&pai.stato);
    let patient_urn = ids.urn("patient");
    let plan_urn = ids.urn("careplan");
    let patient_name = format!(
        "{} {}",
        input.patient.nome.trim(),
        input.patient.cognome.trim()
    );
    let subject = reference(&patient_urn, &patient_name);
    let mut entries: Vec<Value> = Vec::new();
    let push = |entries: &mut Vec<Value>, urn: &str, resource: Value| {
        entries.push(json!({ "fullUrl": urn, "resource": resource }));
    };

    // Conditions, primary first.
    let primary = input
        .primary
        .as_deref()
        .filter(|p| input.pathologies.iter().any(|x| x.code == *p));
    // Each code once (a repeated one would repeat a fullUrl).
    let mut pathologies: Vec<&PathologyInput> = Vec::new();
    for p in &input.pathologies {
        if !pathologies.iter().any(|q| q.code == p.code) {
            pathologies.push(p);
        }
    }
    pathologies.sort_by_key(|p| Some(p.code.as_str()) != primary);
    let mut condition_refs: BTreeMap<&str, (String, String)> = BTreeMap::new();
    let mut conditions = Vec::new();
    for p in &pathologies {
        let what = format!("condition/{}", p.code);
        let urn = ids.urn(&what);
        let is_primary = Some(p.code.as_str()) == primary;
        let resource = condition(
            input,
            p,
            &ids.id(&what),
            is_primary,
            primary.is_some(),
            &subject,
        );
        condition_refs.insert(p.code.as_str(), (urn.clone(), p.name.trim().to_string()));
        conditions.push((urn, resource));
    }

    // Requests.
    let mut activities: Vec<Value> = Vec::new();
    let mut requests: Vec<(String, Value)> = Vec::new();
    let plan_ref = reference(&plan_urn, "Piano di Assistenza Individuale (PAI)");
    for item in &pai.items {
        match item.categoria {
            Categoria::StileDiVita => activities.push(json!({ "detail": lifestyle_detail(item) })),
            Categoria::Vaccinazione | Categoria::PrescrizioneFarmacologica => {
                let what = format!("item/{}", item.id);
                let urn = ids.urn(&what);
                let mut mr = medication_request(
                    &ids.id(&what),
                    request_status,
                    item.descrizione.trim(),
                    &subject,
                    &plan_ref,
                );
                if let Some(r) = repeat(item.frequenza) {
                    mr.insert(
                        "dosageInstruction".into(),
                        json!([{ "timing": { "repeat": r } }]),
                    );
                }
                add_reasons(&mut mr, item, &condition_refs);
                add_note(&mut mr, &item_description(pai, item));
                activities.push(json!({ "reference": reference(&urn, item.descrizione.trim()) }));
                requests.push((urn, Value::Object(mr)));
            }
            _ => {
                let what = format!("item/{}", item.id);
                let urn = ids.urn(&what);
                let sr = service_request(
                    input,
                    item,
                    &ids.id(&what),
                    request_status,
                    &subject,
                    &plan_ref,
                    &condition_refs,
                );
                activities.push(json!({ "reference": reference(&urn, item.descrizione.trim()) }));
                requests.push((urn, sr));
            }
        }
    }
    for (n, farmaco) in pai.farmaci.iter().enumerate() {
        let what = format!("farmaco/{}", n + 1);
        let urn = ids.urn(&what);
        let name = farmaco.nome();
        let mut mr = medication_request(&ids.id(&what), request_status, &name, &subject, &plan_ref);
        if !farmaco.posologia.trim().is_empty() {
            mr.insert(
                "dosageInstruction".into(),
                json!([{ "text": farmaco.posologia.trim() }]),
            );
        }
        add_note(
            &mut mr,
            &join_parts(&[("Durata", &farmaco.durata), ("Note", &farmaco.note)]),
        );
        activities.push(json!({ "reference": reference(&urn, &name) }));
        requests.push((urn, Value::Object(mr)));
    }

    let plan = care_plan(
        pai,
        &ids.id("careplan"),
        plan_status,
        &subject,
        &conditions,
        &condition_refs,
        activities,
    );
    push(&mut entries, &plan_urn, plan);
    push(
        &mut entries,
        &patient_urn,
        patient(input, &ids.id("patient")),
    );
    for (urn, resource) in conditions {
        push(&mut entries, &urn, resource);
    }
    for (urn, resource) in requests {
        push(&mut entries, &urn, resource);
    }
    json!({
        "resourceType": "Bundle",
        "id": ids.id("bundle"),
        "type": "collection",
        "entry": entries,
    })
}

fn care_plan(
    pai: &Pai,
    id: &str,
    plan_status: &str,
    subject: &Value,
    conditions: &[(String, Value)],
    condition_refs: &BTreeMap<&str, (String, String)>,
    activities: Vec<Value>,
) -> Value {
    let mut plan = Map::new();
    plan.insert("resourceType".into(), json!("CarePlan"));
    plan.insert("id".into(), json!(id));
    plan.insert(
        "extension".into(),
        json!([{ "url": EXT_VERSIONE_PAI, "valueUnsignedInt": pai.versione }]),
    );
    plan.insert(
        "identifier".into(),
        json!([{ "value": format!("pai-{}", pai.id) }]),
    );
    if let Some(previous) = pai.precedente {
        plan.insert(
            "replaces".into(),
            json!([{ "identifier": { "value": format!("pai-{previous}") } }]),
        );
    }
    plan.insert("status".into(), json!(plan_status));
    plan.insert("intent".into(), json!("order"));
    plan.insert(
        "title".into(),
        json!("Piano di Assistenza Individuale (PAI)"),
    );
    plan.insert(
        "description".into(),
        json!(format!("PAI versione {}", pai.versione)),
    );
    plan.insert("subject".into(), subject.clone());
    plan.insert(
        "period".into(),
        json!({ "start": pai.anno_dal.to_string(), "end": pai.anno_al.to_string() }),
    );
    if let PaiStato::Condiviso { condiviso_il, .. } = &pai.stato {
        plan.insert("created".into(), json!(condiviso_il.to_string()));
    }
    if !pai.clinical_manager.trim().is_empty() {
        plan.insert(
            "author".into(),
            json!({ "display": pai.clinical_manager.trim() }),
        );
    }
    let addresses: Vec<Value> = conditions
        .iter()
        .map(|(urn, _)| {
            let display = condition_refs
                .values()
                .find(|(u, _)| u == urn)
                .map_or("", |(_, d)| d.as_str());
            reference(urn, display)
        })
        .collect();
    if !addresses.is_empty() {
        plan.insert("addresses".into(), Value::Array(addresses));
    }
    if !activities.is_empty() {
        plan.insert("activity".into(), Value::Array(activities));
    }
    let mut notes: Vec<Value> = pai
        .stile_di_vita
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| json!({ "text": format!("Stile di vita: {s}") }))
        .collect();
    for (label, list) in [
        ("Vaccinazioni", &pai.vaccinazioni),
        ("Esenzioni", &pai.esenzioni),
        ("Allergie", &pai.allergie),
    ] {
        let values: Vec<&str> = list
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if !values.is_empty() {
            notes.push(json!({ "text": format!("{label}: {}", values.join(", ")) }));
        }
    }
    if let PaiStato::Concluso { il, motivo } = &pai.stato {
        let date = il.format("%d/%m/%Y");
        let text = if motivo.trim().is_empty() {
            format!("Piano concluso il {date}")
        } else {
            format!("Piano concluso il {date}: {}", motivo.trim())
        };
        notes.push(json!({ "text": text }));
    }
    if !notes.is_empty() {
        plan.insert("note".into(), Value::Array(notes));
    }
    Value::Object(plan)
}

fn patient(input: &BundleInput, id: &str) -> Value {
    let p = &input.patient;
    let mut name = Map::new();
    if !p.cognome.trim().is_empty() {
        name.insert("family".into(), json!(p.cognome.trim()));
    }
    if !p.nome.trim().is_empty() {
        name.insert("given".into(), json!([p.nome.trim()]));
    }
    let mut patient = Map::new();
    patient.insert("resourceType".into(), json!("Patient"));
    patient.insert("id".into(), json!(id));
    patient.insert(
        "identifier".into(),
        json!([{ "system": SYSTEM_CODICE_FISCALE, "value": p.codice_fiscale.trim() }]),
    );
    patient.insert("active".into(), json!(true));
    // FHIR allows no empty element.
    if !name.is_empty() {
        patient.insert("name".into(), json!([Value::Object(name)]));
    }
    patient.insert(
        "gender".into(),
        json!(match p.sesso {
            Sex::M => "male",
            Sex::F => "female",
        }),
    );
    patient.insert("birthDate".into(), json!(p.data_nascita.to_string()));
    Value::Object(patient)
}

fn condition(
    input: &BundleInput,
    p: &PathologyInput,
    id: &str,
    is_primary: bool,
    primary_known: bool,
    subject: &Value,
) -> Value {
    let mut codings = Vec::new();
    if is_sgdt_code(&p.code) {
        codings.push(
            json!({ "system": SYSTEM_SGDT_PATOLOGIE, "code": p.code, "display": p.name.trim() }),
        );
    }
    if let Some(icd) = p.icd9cm.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        codings.push(json!({ "system": SYSTEM_ICD9CM, "code": icd }));
    }
    let mut code = Map::new();
    if !codings.is_empty() {
        code.insert("coding".into(), Value::Array(codings));
    }
    code.insert("text".into(), json!(p.name.trim()));
    let category = if !primary_known {
        json!({ "text": "Patologia cronica (primaria non indicata)" })
    } else if is_primary {
        json!({ "coding": [{ "system": SYSTEM_TIPOLOGIA_PATOLOGIA, "code": "1", "display": "Patologia primaria" }] })
    } else {
        json!({ "coding": [{ "system": SYSTEM_TIPOLOGIA_PATOLOGIA, "code": "2", "display": "Patologia secondaria" }] })
    };
    let mut c = Map::new();
    c.insert("resourceType".into(), json!("Condition"));
    c.insert("id".into(), json!(id));
    c.insert(
        "clinicalStatus".into(),
        json!({ "coding": [{ "system": SYSTEM_CONDITION_CLINICAL, "code": "active" }] }),
    );
    c.insert("category".into(), json!([category]));
    c.insert("code".into(), Value::Object(code));
    c.insert("subject".into(), subject.clone());
    if let Some((n, source)) = input.level.filter(|(n, _)| (1..=3).contains(n))
        && (is_primary || !primary_known)
    {
        let text = match source {
            LevelSource::Ats => format!("Livello {n} ({}), comunicato dall'ATS", level_display(n)),
            LevelSource::Estimate => format!(
                "Livello {n} ({}), stimato dal numero di patologie: non comunicato dall'ATS",
                level_display(n)
            ),
        };
        c.insert(
            "severity".into(),
            json!({
                "coding": [{ "system": SYSTEM_LIVELLO_GRAVITA, "code": n.to_string(), "display": level_display(n) }],
                "text": text,
            }),
        );
    }
    Value::Object(c)
}

fn lifestyle_detail(item: &PaiItem) -> Value {
    let mut detail = Map::new();
    detail.insert("code".into(), json!({ "text": item.descrizione.trim() }));
    detail.insert("status".into(), json!("not-started"));
    if !item.note.trim().is_empty() {
        detail.insert("description".into(), json!(item.note.trim()));
    }
    Value::Object(detail)
}

fn medication_request(
    id: &str,
    request_status: &str,
    name: &str,
    subject: &Value,
    plan: &Value,
) -> Map<String, Value> {
    let mut mr = Map::new();
    mr.insert("resourceType".into(), json!("MedicationRequest"));
    mr.insert("id".into(), json!(id));
    mr.insert("status".into(), json!(request_status));
    mr.insert("intent".into(), json!("order"));
    mr.insert(
        "medicationCodeableConcept".into(),
        json!({ "text": name.trim() }),
    );
    mr.insert("subject".into(), subject.clone());
    mr.insert("basedOn".into(), json!([plan]));
    mr
}

fn add_note(resource: &mut Map<String, Value>, text: &str) {
    if !text.trim().is_empty() {
        resource.insert("note".into(), json!([{ "text": text.trim() }]));
    }
}

/// `reasonReference` to the item's pathologies among the Conditions; codes
/// with no Condition go to `reasonCode` as text.
fn add_reasons(
    resource: &mut Map<String, Value>,
    item: &PaiItem,
    conditions: &BTreeMap<&str, (String, String)>,
) {
    let mut refs = Vec::new();
    let mut codes = Vec::new();
    for code in &item.patologie {
        match conditions.get(code.as_str()) {
            Some((urn, name)) => refs.push(reference(urn, name)),
            None => codes.push(json!({ "text": code })),
        }
    }
    if !codes.is_empty() {
        resource.insert("reasonCode".into(), Value::Array(codes));
    }
    if !refs.is_empty() {
        resource.insert("reasonReference".into(), Value::Array(refs));
    }
}

/// Preparation, dependencies and notes of an item.
fn item_description(pai: &Pai, item: &PaiItem) -> String {
    let after: Vec<String> = item
        .dopo
        .iter()
        .map(|id| {
            pai.item(*id)
                .map_or_else(|| format!("n. {id}"), |i| i.descrizione.trim().to_string())
        })
        .collect();
    let after = after.join(", ");
    let preparazione = item.preparazione.clone().unwrap_or_default();
    join_parts(&[
        ("Preparazione", &preparazione),
        ("Dopo i risultati di", &after),
        ("Note", &item.note),
    ])
}

fn service_request(
    input: &BundleInput,
    item: &PaiItem,
    id: &str,
    request_status: &str,
    subject: &Value,
    plan: &Value,
    conditions: &BTreeMap<&str, (String, String)>,
) -> Value {
    let text = item.descrizione.trim();
    let mut code = Map::new();
    if let Some(regional) = input
        .regional_codes
        .get(&item.id)
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        code.insert(
            "coding".into(),
            json!([{ "system": SYSTEM_PREST_SPEC_SISS, "code": regional, "display": text }]),
        );
    }
    let nomenclatore = item
        .codice_prestazione
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    code.insert(
        "text".into(),
        json!(match nomenclatore {
            Some(c) => format!("{c} - {text}"),
            None => text.to_string(),
        }),
    );
    let mut sr = Map::new();
    sr.insert("resourceType".into(), json!("ServiceRequest"));
    sr.insert("id".into(), json!(id));
    sr.insert("basedOn".into(), json!([plan]));
    sr.insert("status".into(), json!(request_status));
    sr.insert("intent".into(), json!("order"));
    sr.insert("code".into(), Value::Object(code));
    sr.insert("subject".into(), subject.clone());
    if let Some(r) = repeat(item.frequenza) {
        sr.insert("occurrenceTiming".into(), json!({ "repeat": r }));
    }
    match &item.luogo {
        Luogo::InSede { risorsa } if !risorsa.trim().is_empty() => {
            sr.insert(
                "locationReference".into(),
                json!([{ "display": risorsa.trim() }]),
            );
        }
        Luogo::Esterno { erogatore } if !erogatore.trim().is_empty() => {
            sr.insert("performer".into(), json!([{ "display": erogatore.trim() }]));
        }
        _ => {}
    }
    add_reasons(&mut sr, item, conditions);
    add_note(&mut sr, &item_description(input.pai, item));
    Value::Object(sr)
}

#[cfg(test)]
mod tests;
