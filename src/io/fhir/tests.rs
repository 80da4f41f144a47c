use super::*;
use crate::domain::pai::Farmaco;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A small fixed plan: a 4/anno lab test with its code, a visit every 6
/// months after it, a vaccination once, a lifestyle item, one drug. The
/// pathologies are SGDT codes: 50 diabete mellito tipo 2, 39 BPCO.
fn small_pai() -> Pai {
    let mut hba1c = PaiItem::new(
        1,
        Categoria::EsameLaboratorio,
        "Emoglobina glicata (HbA1c)",
        Frequenza::VoltePerAnno(4),
        Luogo::in_sede("punto prelievi"),
    );
    hba1c.codice_prestazione = Some("90.28.1".into());
    hba1c.patologie = vec!["50".into()];
    let mut visita = PaiItem::new(
        2,
        Categoria::Visita,
        "Visita diabetologica",
        Frequenza::OgniMesi(6),
        Luogo::esterno("ASST Fatebenefratelli Sacco - diabetologia"),
    );
    visita.dopo = vec![1];
    visita.patologie = vec!["50".into()];
    visita.note = "portare il diario glicemico".into();
    let mut flu = PaiItem::new(
        3,
        Categoria::Vaccinazione,
        "Vaccinazione antinfluenzale",
        Frequenza::UnaVolta,
        Luogo::in_sede("ambulatorio MMG"),
    );
    flu.patologie = vec!["50".into(), "39".into()];
    let walk = PaiItem::new(
        4,
        Categoria::StileDiVita,
        "Camminata veloce 30 minuti",
        Frequenza::UnaVolta,
        Luogo::in_sede(""),
    );
    Pai {
        id: 12,
        patient: 42,
        presa: 3,
        versione: 2,
        precedente: Some(9),
        anno_dal: date(2026, 1, 15),
        anno_al: date(2027, 1, 14),
        items: vec![hba1c, visita, flu, walk],
        farmaci: vec![Farmaco {
            farmaco: "Metformina EG 1000 mg".into(),
            principio_attivo: "metformina".into(),
            posologia: "1 cp a pranzo e a cena".into(),
            durata: "continuativa".into(),
            note: String::new(),
        }],
        stile_di_vita: vec!["Astensione dal fumo di tabacco".into()],
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

fn input(pai: &Pai) -> BundleInput<'_> {
    BundleInput {
        pai,
        patient: PatientInput {
            codice_fiscale: "RSSMRA68A01H501Y",
            cognome: "Rossi",
            nome: "Mario",
            sesso: Sex::M,
            data_nascita: date(1968, 1, 1),
        },
        pathologies: vec![
            PathologyInput {
                code: "39".into(),
                name: "BPCO".into(),
                icd9cm: Some("496".into()),
            },
            PathologyInput {
                code: "50".into(),
                name: "DIABETE MELLITO TIPO 2".into(),
                icd9cm: Some("250.00".into()),
            },
        ],
        primary: Some("50".into()),
        level: Some((2, LevelSource::Ats)),
        // A code in the regional catalogue's format (the guide's examples
        // say "TBD"): it tests the coding path, not what 0090042 means.
        regional_codes: BTreeMap::from([(1, "0090042".to_string())]),
    }
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// Every `reference` in the Bundle names a `fullUrl` of the Bundle, and every
/// `fullUrl` is `urn:uuid:` + the resource's id.
fn assert_references_resolve(bundle: &Value) {
    let entries = bundle["entry"].as_array().unwrap();
    let urls: Vec<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    for e in entries {
        let id = e["resource"]["id"].as_str().unwrap();
        assert_eq!(e["fullUrl"], format!("urn:uuid:{id}"));
    }
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "reference" && x.is_string() {
                        out.push(x.as_str().unwrap());
                    } else {
                        walk(x, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    walk(bundle, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        assert!(urls.contains(&r), "{r} is not in the Bundle");
    }
}

#[test]
fn bundle_holds_the_plan_the_patient_the_conditions_and_the_requests() {
    let pai = small_pai();
    let bundle = pai_bundle_json(&input(&pai));
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let kinds: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "CarePlan",
            "Patient",
            "Condition",
            "Condition",
            "ServiceRequest",
            "ServiceRequest",
            "MedicationRequest",
            "MedicationRequest"
        ]
    );
    assert_references_resolve(&bundle);

    let patient = resources(&bundle, "Patient")[0];
    assert_eq!(
        patient["identifier"][0],
        json!({ "system": "http://hl7.it/sid/codiceFiscale", "value": "RSSMRA68A01H501Y" })
    );
    assert_eq!(
        patient["name"][0],
        json!({ "family": "Rossi", "given": ["Mario"] })
    );
    assert_eq!(patient["gender"], "male");
    assert_eq!(patient["birthDate"], "1968-01-01");

    let plan = resources(&bundle, "CarePlan")[0];
    assert_eq!(plan["status"], "active");
    assert_eq!(plan["intent"], "order");
    assert_eq!(plan["extension"][0]["url"], EXT_VERSIONE_PAI);
    assert_eq!(plan["extension"][0]["valueUnsignedInt"], 2);
    assert_eq!(plan["replaces"][0]["identifier"]["value"], "pai-9");
    assert_eq!(plan["period"]["start"], "2026-01-15");
    assert_eq!(plan["created"], "2026-01-20");
    assert_eq!(plan["addresses"].as_array().unwrap().len(), 2);
    let activities = plan["activity"].as_array().unwrap();
    assert_eq!(activities.len(), 5);
    assert_eq!(
        activities[3]["detail"]["code"]["text"],
        "Camminata veloce 30 minuti"
    );
    assert_eq!(activities[3]["detail"]["status"], "not-started");
    assert_eq!(
        activities[4]["reference"]["display"],
        "Metformina EG 1000 mg (metformina)"
    );

    let conditions = resources(&bundle, "Condition");
    // The primary first, whatever the input order.
    let primary = conditions[0];
    assert_eq!(
        primary["code"]["coding"],
        json!([
            { "system": SYSTEM_SGDT_PATOLOGIE, "code": "50", "display": "DIABETE MELLITO TIPO 2" },
            { "system": SYSTEM_ICD9CM, "code": "250.00" }
        ])
    );
    assert_eq!(
        primary["category"][0]["coding"][0],
        json!({ "system": SYSTEM_TIPOLOGIA_PATOLOGIA, "code": "1", "display": "Patologia primaria" })
    );
    assert_eq!(
        primary["severity"]["coding"][0],
        json!({ "system": SYSTEM_LIVELLO_GRAVITA, "code": "2", "display": "Gravità media" })
    );
    assert_eq!(
        primary["severity"]["text"],
        "Livello 2 (Gravità media), comunicato dall'ATS"
    );
    let secondary = conditions[1];
    assert_eq!(secondary["code"]["coding"][0]["code"], "39");
    assert_eq!(secondary["category"][0]["coding"][0]["code"], "2");
    assert!(secondary.get("severity").is_none());

    let services = resources(&bundle, "ServiceRequest");
    let hba1c = services[0];
    assert_eq!(
        hba1c["code"],
        json!({
            "coding": [{ "system": SYSTEM_PREST_SPEC_SISS, "code": "0090042", "display": "Emoglobina glicata (HbA1c)" }],
            "text": "90.28.1 - Emoglobina glicata (HbA1c)"
        })
    );
    assert_eq!(
        hba1c["occurrenceTiming"]["repeat"],
        json!({ "frequency": 4, "period": 1, "periodUnit": "a" })
    );
    assert_eq!(hba1c["locationReference"][0]["display"], "punto prelievi");
    assert_eq!(
        hba1c["reasonReference"][0]["reference"],
        *primary_url(&bundle)
    );
    assert_eq!(hba1c["basedOn"][0]["reference"], *plan_url(&bundle));
    let visita = services[1];
    assert_eq!(visita["code"], json!({ "text": "Visita diabetologica" }));
    assert_eq!(
        visita["performer"][0]["display"],
        "ASST Fatebenefratelli Sacco - diabetologia"
    );
    assert_eq!(
        visita["note"][0]["text"],
        "Dopo i risultati di: Emoglobina glicata (HbA1c). Note: portare il diario glicemico"
    );

    let meds = resources(&bundle, "MedicationRequest");
    assert_eq!(
        meds[0]["medicationCodeableConcept"]["text"],
        "Vaccinazione antinfluenzale"
    );
    assert_eq!(meds[0]["reasonReference"].as_array().unwrap().len(), 2);
    assert_eq!(
        meds[1]["medicationCodeableConcept"]["text"],
        "Metformina EG 1000 mg (metformina)"
    );
    assert_eq!(
        meds[1]["dosageInstruction"][0]["text"],
        "1 cp a pranzo e a cena"
    );
    assert_eq!(meds[1]["note"][0]["text"], "Durata: continuativa");
    assert_eq!(meds[1]["status"], "active");
    assert_eq!(meds[1]["intent"], "order");
}

fn plan_url(bundle: &Value) -> &Value {
    &bundle["entry"][0]["fullUrl"]
}

fn primary_url(bundle: &Value) -> &Value {
    &bundle["entry"][2]["fullUrl"]
}

#[test]
fn no_invented_code_system() {
    let pai = small_pai();
    let text = serde_json::to_string(&pai_bundle_json(&input(&pai))).unwrap();
    assert!(!text.contains("salute.gov.it"));
    assert!(!text.contains("nomenclatore"));
}

#[test]
fn an_estimated_level_with_no_primary_is_marked_on_every_condition() {
    let pai = small_pai();
    let mut input = input(&pai);
    input.primary = None;
    input.level = Some((2, LevelSource::Estimate));
    let bundle = pai_bundle_json(&input);
    let conditions = resources(&bundle, "Condition");
    assert_eq!(conditions.len(), 2);
    for c in conditions {
        assert_eq!(
            c["category"][0],
            json!({ "text": "Patologia cronica (primaria non indicata)" })
        );
        assert_eq!(c["severity"]["coding"][0]["code"], "2");
        assert_eq!(
            c["severity"]["text"],
            "Livello 2 (Gravità media), stimato dal numero di patologie: non comunicato dall'ATS"
        );
    }
    // A primary code that is not among the pathologies counts as none.
    input.primary = Some("56".into());
    let bundle = pai_bundle_json(&input);
    assert!(
        resources(&bundle, "Condition")
            .iter()
            .all(|c| c["category"][0]["coding"].is_null())
    );
}

#[test]
fn codes_outside_the_sgdt_system_are_text_only() {
    assert!(is_sgdt_code("1") && is_sgdt_code("65") && is_sgdt_code("56"));
    assert!(!is_sgdt_code("0") && !is_sgdt_code("66") && !is_sgdt_code("05"));
    assert!(!is_sgdt_code("DM2") && !is_sgdt_code(""));
    let pai = small_pai();
    let mut input = input(&pai);
    input.pathologies = vec![PathologyInput {
        code: "DM2".into(),
        name: "Diabete mellito tipo 2".into(),
        icd9cm: None,
    }];
    input.primary = Some("DM2".into());
    input.level = None;
    input.regional_codes.clear();
    let bundle = pai_bundle_json(&input);
    let c = resources(&bundle, "Condition")[0];
    assert_eq!(c["code"], json!({ "text": "Diabete mellito tipo 2" }));
    assert!(c.get("severity").is_none());
    // Items naming "50" now find no Condition: their reasons are text.
    let hba1c = resources(&bundle, "ServiceRequest")[0];
    assert_eq!(hba1c["reasonCode"], json!([{ "text": "50" }]));
    assert!(hba1c.get("reasonReference").is_none());
    assert_eq!(
        hba1c["code"],
        json!({ "text": "90.28.1 - Emoglobina glicata (HbA1c)" })
    );
    assert_references_resolve(&bundle);
}

#[test]
fn a_repeated_pathology_and_an_empty_name_leave_no_invalid_element() {
    let pai = small_pai();
    let mut input = input(&pai);
    input.pathologies.push(input.pathologies[0].clone());
    input.patient.cognome = " ";
    input.patient.nome = "";
    let bundle = pai_bundle_json(&input);
    assert_eq!(resources(&bundle, "Condition").len(), 2);
    assert_references_resolve(&bundle);
    let patient = resources(&bundle, "Patient")[0];
    assert!(patient.get("name").is_none());
    assert!(
        resources(&bundle, "CarePlan")[0]["subject"]
            .get("display")
            .is_none()
    );
}

#[test]
fn status_follows_the_plan_state() {
    let mut pai = small_pai();
    pai.stato = PaiStato::Bozza;
    let bundle = pai_bundle_json(&input(&pai));
    assert_eq!(resources(&bundle, "CarePlan")[0]["status"], "draft");
    assert!(resources(&bundle, "CarePlan")[0].get("created").is_none());
    assert_eq!(resources(&bundle, "ServiceRequest")[0]["status"], "draft");
    assert_eq!(
        resources(&bundle, "MedicationRequest")[0]["status"],
        "draft"
    );
    pai.concludi(date(2026, 9, 30), "Patto revocato");
    let bundle = pai_bundle_json(&input(&pai));
    let plan = resources(&bundle, "CarePlan")[0];
    assert_eq!(plan["status"], "completed");
    assert_eq!(
        plan["note"].as_array().unwrap().last().unwrap()["text"],
        "Piano concluso il 30/09/2026: Patto revocato"
    );
    assert_eq!(
        resources(&bundle, "ServiceRequest")[0]["status"],
        "completed"
    );
    pai.items[0].frequenza = Frequenza::VoltePerAnno(0);
    let bundle = pai_bundle_json(&input(&pai));
    assert!(
        resources(&bundle, "ServiceRequest")[0]
            .get("occurrenceTiming")
            .is_none()
    );
}

#[test]
fn ids_are_deterministic_and_distinct_per_version() {
    let pai = Pai::from_templates(
        1,
        2,
        3,
        date(2026, 3, 1),
        date(2027, 2, 28),
        "dott.ssa Anna Verdi",
        &["DM2".to_string(), "IPA".to_string(), "BPCO".to_string()],
        crate::io::tables::pai_templates(),
    );
    let a = serde_json::to_string(&pai_bundle_json(&input(&pai))).unwrap();
    let b = serde_json::to_string(&pai_bundle_json(&input(&pai))).unwrap();
    assert_eq!(a, b);
    let bundle: Value = serde_json::from_str(&a).unwrap();
    assert_references_resolve(&bundle);
    let mut urls: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    let n = urls.len();
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), n);
    let mut next = pai.clone();
    next.versione = 2;
    let c = serde_json::to_string(&pai_bundle_json(&input(&next))).unwrap();
    let other: Value = serde_json::from_str(&c).unwrap();
    assert_ne!(bundle["id"], other["id"]);
    // A uuid of version 8, RFC 9562 variant.
    let id = bundle["id"].as_str().unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "8");
    assert!(["8", "9", "a", "b"].contains(&&id[19..20]));
}

/// Keys sorted whatever serde_json's `preserve_order` feature says (the test
/// build may enable it through a dev-dependency; the program's build does
/// not, and sorts them).
fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&m[k])))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[test]
fn snapshot_of_a_small_plan() {
    let pai = small_pai();
    let bundle = sorted(&pai_bundle_json(&input(&pai)));
    insta::assert_snapshot!(serde_json::to_string_pretty(&bundle).unwrap());
}
