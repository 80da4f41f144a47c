//! FHIR R4 export of the PAI as a `CarePlan` resource (JSON).
//!
//! Mapping:
//! - `status`: bozza -> `draft`, condiviso -> `active`, concluso -> `completed`;
//!   `intent` is always `plan`.
//! - `subject`: a logical reference by codice fiscale (system
//!   [`SYSTEM_CODICE_FISCALE`], the HL7 Italia naming system) with the name as
//!   display; `author`: the Clinical Manager (display only).
//! - `period`: the plan year (both ends included); `replaces`: the previous
//!   version; `created`: the sharing date.
//! - One `activity` per item: `detail.kind` by category (visits, tests,
//!   instrumental exams and monitoring `ServiceRequest`; drug items and
//!   vaccinations `MedicationRequest`, as R4 orders immunizations; lifestyle
//!   items have no kind), `detail.code` with the prestazione code in the coding
//!   (system [`SYSTEM_NOMENCLATORE`], a placeholder URI of the national
//!   nomenclatore: no official FHIR code system URI exists for it),
//!   `reasonCode` the pathology codes, `status` `not-started`,
//!   `scheduledTiming.repeat` from the frequency (4/anno -> frequency 4,
//!   period 1, periodUnit `a`; ogni 6 mesi -> frequency 1, period 6, periodUnit
//!   `mo`; una volta -> count 1), `location` (in sede) or `performer` (external
//!   provider) as display, and `description` with preparation, dependencies
//!   and notes.
//! - One `activity` per drug line: kind `MedicationRequest`,
//!   `productCodeableConcept.text` the drug, `description` dosage and duration.
//! - `note`: lifestyle advice (one note each), vaccinations, exemptions,
//!   allergies, the conclusion.
//!
//! `serde_json` objects keep their keys sorted: the output is deterministic.

use serde_json::{Map, Value, json};

use crate::domain::pai::{Categoria, Frequenza, Luogo, Pai, PaiItem, PaiStato};

/// Naming system of the Italian codice fiscale (HL7 Italia).
pub const SYSTEM_CODICE_FISCALE: &str = "http://hl7.it/sid/codiceFiscale";
/// Code system used for prestazione codes of the nomenclatore.
pub const SYSTEM_NOMENCLATORE: &str = "http://www.salute.gov.it/nomenclatore";

/// The PAI as a FHIR R4 `CarePlan`.
pub fn care_plan_json(pai: &Pai, patient_cf: &str, patient_name: &str) -> Value {
    let mut plan = Map::new();
    plan.insert("resourceType".into(), json!("CarePlan"));
    plan.insert("id".into(), json!(format!("pai-{}", pai.id)));
    plan.insert("status".into(), json!(status(&pai.stato)));
    plan.insert("intent".into(), json!("plan"));
    plan.insert(
        "title".into(),
        json!("Piano di Assistenza Individuale (PAI)"),
    );
    plan.insert(
        "description".into(),
        json!(format!("PAI versione {}", pai.versione)),
    );
    let mut subject = Map::new();
    subject.insert(
        "identifier".into(),
        json!({ "system": SYSTEM_CODICE_FISCALE, "value": patient_cf.trim() }),
    );
    if !patient_name.trim().is_empty() {
        subject.insert("display".into(), json!(patient_name.trim()));
    }
    plan.insert("subject".into(), Value::Object(subject));
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
    if let Some(previous) = pai.precedente {
        plan.insert(
            "replaces".into(),
            json!([{ "reference": format!("CarePlan/pai-{previous}") }]),
        );
    }

    let mut activities: Vec<Value> = pai
        .items
        .iter()
        .map(|item| json!({ "detail": item_detail(pai, item) }))
        .collect();
    for farmaco in &pai.farmaci {
        let mut detail = Map::new();
        detail.insert("kind".into(), json!("MedicationRequest"));
        detail.insert("status".into(), json!("not-started"));
        detail.insert(
            "productCodeableConcept".into(),
            json!({ "text": farmaco.nome() }),
        );
        let parts = [
            ("Posologia", &farmaco.posologia),
            ("Durata", &farmaco.durata),
            ("Note", &farmaco.note),
        ];
        let description = join_parts(&parts);
        if !description.is_empty() {
            detail.insert("description".into(), json!(description));
        }
        activities.push(json!({ "detail": Value::Object(detail) }));
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

fn status(stato: &PaiStato) -> &'static str {
    match stato {
        PaiStato::Bozza => "draft",
        PaiStato::Condiviso { .. } => "active",
        PaiStato::Concluso { .. } => "completed",
    }
}

fn kind(categoria: Categoria) -> Option<&'static str> {
    match categoria {
        Categoria::Visita
        | Categoria::EsameLaboratorio
        | Categoria::DiagnosticaStrumentale
        | Categoria::Monitoraggio => Some("ServiceRequest"),
        Categoria::PrescrizioneFarmacologica | Categoria::Vaccinazione => Some("MedicationRequest"),
        Categoria::StileDiVita => None,
    }
}

/// `Timing.repeat` of a frequency.
fn repeat(frequenza: Frequenza) -> Value {
    match frequenza {
        Frequenza::VoltePerAnno(n) => json!({ "frequency": n, "period": 1, "periodUnit": "a" }),
        Frequenza::OgniMesi(m) => json!({ "frequency": 1, "period": m, "periodUnit": "mo" }),
        Frequenza::UnaVolta => json!({ "count": 1 }),
    }
}

fn item_detail(pai: &Pai, item: &PaiItem) -> Value {
    let mut detail = Map::new();
    if let Some(kind) = kind(item.categoria) {
        detail.insert("kind".into(), json!(kind));
    }
    let text = item.descrizione.trim();
    let mut code = Map::new();
    if let Some(codice) = item
        .codice_prestazione
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        code.insert(
            "coding".into(),
            json!([{ "system": SYSTEM_NOMENCLATORE, "code": codice, "display": text }]),
        );
    }
    code.insert("text".into(), json!(text));
    detail.insert("code".into(), Value::Object(code));
    if item.categoria == Categoria::Vaccinazione {
        detail.insert("productCodeableConcept".into(), json!({ "text": text }));
    }
    let reasons: Vec<Value> = item
        .patologie
        .iter()
        .map(|p| json!({ "text": p }))
        .collect();
    if !reasons.is_empty() {
        detail.insert("reasonCode".into(), Value::Array(reasons));
    }
    detail.insert("status".into(), json!("not-started"));
    // An invalid frequency (0, or over the limits) of a draft has no timing:
    // FHIR wants positive integers there.
    if item.frequenza.check().is_ok() {
        detail.insert(
            "scheduledTiming".into(),
            json!({ "repeat": repeat(item.frequenza) }),
        );
    }
    match &item.luogo {
        Luogo::InSede { risorsa } if !risorsa.trim().is_empty() => {
            detail.insert("location".into(), json!({ "display": risorsa.trim() }));
        }
        Luogo::Esterno { erogatore } if !erogatore.trim().is_empty() => {
            detail.insert("performer".into(), json!([{ "display": erogatore.trim() }]));
        }
        _ => {}
    }
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
    let parts = [
        ("Preparazione", &preparazione),
        ("Dopo i risultati di", &after),
        ("Note", &item.note),
    ];
    let description = join_parts(&parts);
    if !description.is_empty() {
        detail.insert("description".into(), json!(description));
    }
    Value::Object(detail)
}

/// "Label: value. Label: value" for the non-empty values.
fn join_parts(parts: &[(&str, &String)]) -> String {
    parts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(label, v)| format!("{label}: {}", v.trim()))
        .collect::<Vec<_>>()
        .join(". ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pai::{Farmaco, PaiTemplates};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A small fixed plan: a 4/anno lab test with its code, a visit every 6
    /// months after it, a vaccination once, one drug.
    fn small_pai() -> Pai {
        let mut hba1c = PaiItem::new(
            1,
            Categoria::EsameLaboratorio,
            "Emoglobina glicata (HbA1c)",
            Frequenza::VoltePerAnno(4),
            Luogo::in_sede("punto prelievi"),
        );
        hba1c.codice_prestazione = Some("90.28.1".into());
        hba1c.patologie = vec!["DM2".into()];
        let mut visita = PaiItem::new(
            2,
            Categoria::Visita,
            "Visita diabetologica",
            Frequenza::OgniMesi(6),
            Luogo::esterno("ASST Fatebenefratelli Sacco - diabetologia"),
        );
        visita.dopo = vec![1];
        visita.patologie = vec!["DM2".into()];
        visita.note = "portare il diario glicemico".into();
        let mut flu = PaiItem::new(
            3,
            Categoria::Vaccinazione,
            "Vaccinazione antinfluenzale",
            Frequenza::UnaVolta,
            Luogo::in_sede("ambulatorio MMG"),
        );
        flu.patologie = vec!["DM2".into(), "BPCO".into()];
        Pai {
            id: 12,
            patient: 42,
            presa: 3,
            versione: 2,
            precedente: Some(9),
            anno_dal: date(2026, 1, 15),
            anno_al: date(2027, 1, 14),
            items: vec![hba1c, visita, flu],
            farmaci: vec![Farmaco {
                farmaco: "Metformina EG 1000 mg".into(),
                principio_attivo: "metformina".into(),
                posologia: "1 cp a pranzo e a cena".into(),
                durata: "continuativa".into(),
                note: String::new(),
            }],
            stile_di_vita: vec![
                "Attività fisica aerobica regolare".into(),
                "Astensione dal fumo di tabacco".into(),
            ],
            vaccinazioni: vec!["antipneumococcica (2024)".into()],
            esenzioni: vec!["013".into()],
            allergie: vec!["penicillina".into()],
            stato: PaiStato::Condiviso {
                versione: 2,
                condiviso_il: date(2026, 1, 20),
                patto: 5,
            },
            clinical_manager: "dott. Mario Bianchi".into(),
        }
    }

    /// The R4 rules a CarePlan must meet that this exporter can break:
    /// required elements and the codes of the required bindings.
    fn assert_r4_care_plan(plan: &Value) {
        assert_eq!(plan["resourceType"], "CarePlan");
        let status = plan["status"].as_str().unwrap();
        assert!(
            [
                "draft",
                "active",
                "on-hold",
                "revoked",
                "completed",
                "entered-in-error",
                "unknown"
            ]
            .contains(&status)
        );
        let intent = plan["intent"].as_str().unwrap();
        assert!(["proposal", "plan", "order", "option"].contains(&intent));
        assert!(plan["subject"].is_object());
        let id = plan["id"].as_str().unwrap();
        assert!(
            id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        );
        for activity in plan["activity"].as_array().into_iter().flatten() {
            let detail = &activity["detail"];
            let status = detail["status"].as_str().unwrap();
            assert!(
                [
                    "not-started",
                    "scheduled",
                    "in-progress",
                    "on-hold",
                    "completed",
                    "cancelled",
                    "stopped",
                    "unknown",
                    "entered-in-error"
                ]
                .contains(&status)
            );
            if let Some(kind) = detail.get("kind") {
                assert!(
                    [
                        "Appointment",
                        "CommunicationRequest",
                        "DeviceRequest",
                        "MedicationRequest",
                        "NutritionOrder",
                        "Task",
                        "ServiceRequest",
                        "VisionPrescription"
                    ]
                    .contains(&kind.as_str().unwrap())
                );
            }
            if let Some(repeat) = detail.pointer("/scheduledTiming/repeat")
                && let Some(unit) = repeat.get("periodUnit")
            {
                assert!(["s", "min", "h", "d", "wk", "mo", "a"].contains(&unit.as_str().unwrap()));
                assert!(repeat["frequency"].as_u64().unwrap() >= 1);
                assert!(repeat["period"].as_u64().unwrap() >= 1);
            }
        }
        for note in plan["note"].as_array().into_iter().flatten() {
            assert!(note["text"].is_string());
        }
    }

    #[test]
    fn care_plan_shape() {
        let plan = care_plan_json(&small_pai(), "RSSMRA68A01H501Y", "Mario Rossi");
        assert_r4_care_plan(&plan);
        assert_eq!(plan["resourceType"], "CarePlan");
        assert_eq!(plan["status"], "active");
        assert_eq!(plan["intent"], "plan");
        assert_eq!(
            plan["subject"]["identifier"]["system"],
            "http://hl7.it/sid/codiceFiscale"
        );
        assert_eq!(plan["subject"]["identifier"]["value"], "RSSMRA68A01H501Y");
        assert_eq!(plan["subject"]["display"], "Mario Rossi");
        assert_eq!(plan["period"]["start"], "2026-01-15");
        assert_eq!(plan["period"]["end"], "2027-01-14");
        assert_eq!(plan["replaces"][0]["reference"], "CarePlan/pai-9");
        let activities = plan["activity"].as_array().unwrap();
        assert_eq!(activities.len(), 4);
        let hba1c = &activities[0]["detail"];
        assert_eq!(hba1c["kind"], "ServiceRequest");
        assert_eq!(hba1c["status"], "not-started");
        assert_eq!(hba1c["code"]["text"], "Emoglobina glicata (HbA1c)");
        assert_eq!(hba1c["code"]["coding"][0]["code"], "90.28.1");
        assert_eq!(hba1c["code"]["coding"][0]["system"], SYSTEM_NOMENCLATORE);
        let repeat = &hba1c["scheduledTiming"]["repeat"];
        assert_eq!(repeat["frequency"], 4);
        assert_eq!(repeat["period"], 1);
        assert_eq!(repeat["periodUnit"], "a");
        let visita = &activities[1]["detail"];
        assert_eq!(
            visita["scheduledTiming"]["repeat"],
            json!({ "frequency": 1, "period": 6, "periodUnit": "mo" })
        );
        assert!(visita.get("coding").is_none());
        assert_eq!(
            visita["performer"][0]["display"],
            "ASST Fatebenefratelli Sacco - diabetologia"
        );
        assert_eq!(
            visita["description"],
            "Dopo i risultati di: Emoglobina glicata (HbA1c). Note: portare il diario glicemico"
        );
        let flu = &activities[2]["detail"];
        assert_eq!(flu["kind"], "MedicationRequest");
        assert_eq!(flu["scheduledTiming"]["repeat"], json!({ "count": 1 }));
        assert_eq!(
            flu["reasonCode"],
            json!([{ "text": "DM2" }, { "text": "BPCO" }])
        );
        let drug = &activities[3]["detail"];
        assert_eq!(drug["kind"], "MedicationRequest");
        assert_eq!(
            drug["productCodeableConcept"]["text"],
            "Metformina EG 1000 mg (metformina)"
        );
        assert_eq!(
            drug["description"],
            "Posologia: 1 cp a pranzo e a cena. Durata: continuativa"
        );
        let notes = plan["note"].as_array().unwrap();
        assert_eq!(
            notes[0]["text"],
            "Stile di vita: Attività fisica aerobica regolare"
        );
        assert_eq!(notes.len(), 5);
    }

    #[test]
    fn status_follows_the_plan_state() {
        let mut pai = small_pai();
        pai.stato = PaiStato::Bozza;
        let plan = care_plan_json(&pai, "RSSMRA68A01H501Y", "");
        assert_eq!(plan["status"], "draft");
        assert!(plan.get("created").is_none());
        assert!(plan["subject"].get("display").is_none());
        pai.concludi(date(2026, 9, 30), "Patto revocato");
        let plan = care_plan_json(&pai, "RSSMRA68A01H501Y", "Mario Rossi");
        assert_eq!(plan["status"], "completed");
        let notes = plan["note"].as_array().unwrap();
        assert_eq!(
            notes.last().unwrap()["text"],
            "Piano concluso il 30/09/2026: Patto revocato"
        );
        assert_r4_care_plan(&plan);
        pai.items[0].frequenza = Frequenza::VoltePerAnno(0);
        let plan = care_plan_json(&pai, "RSSMRA68A01H501Y", "Mario Rossi");
        assert!(
            plan["activity"][0]["detail"]
                .get("scheduledTiming")
                .is_none()
        );
    }

    #[test]
    fn a_plan_from_templates_exports_valid_json_deterministically() {
        let pai = Pai::from_templates(
            1,
            2,
            3,
            date(2026, 3, 1),
            date(2027, 2, 28),
            "dott.ssa Anna Verdi",
            &["50".to_string(), "56".to_string(), "39".to_string()],
            PaiTemplates::embedded(),
        );
        let a = care_plan_json(&pai, "MRTMRA83T56A269B", "Maria Martini");
        let b = care_plan_json(&pai, "MRTMRA83T56A269B", "Maria Martini");
        assert_r4_care_plan(&a);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        assert_eq!(a["activity"].as_array().unwrap().len(), pai.items.len());
        assert_eq!(a["status"], "draft");
    }

    #[test]
    fn snapshot_of_a_small_plan() {
        let plan = care_plan_json(&small_pai(), "RSSMRA68A01H501Y", "Mario Rossi");
        insta::assert_snapshot!(serde_json::to_string_pretty(&plan).unwrap());
    }
}
