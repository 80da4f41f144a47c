use super::*;
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn find<'a>(items: &'a [PaiItem], descr: &str) -> &'a PaiItem {
    items
        .iter()
        .find(|i| i.descrizione == descr)
        .unwrap_or_else(|| panic!("manca {descr}"))
}

const HEADER: &str = "patologia,chiave,categoria,descrizione,codice,frequenza,preparazione,luogo,risorsa,dopo,note\n";

// --- Frequenza -------------------------------------------------------

#[test]
fn frequency_parsing() {
    use Frequenza::*;
    let cases = [
        ("4/anno", VoltePerAnno(4)),
        ("4 / anno", VoltePerAnno(4)),
        ("4 volte l'anno", VoltePerAnno(4)),
        ("4 volte all'anno", VoltePerAnno(4)),
        ("due volte l’anno", VoltePerAnno(2)),
        ("1 volta l'anno", VoltePerAnno(1)),
        ("una volta l'anno", VoltePerAnno(1)),
        ("12 volte per anno", VoltePerAnno(12)),
        ("365/anno", VoltePerAnno(365)),
        ("ogni 6 mesi", OgniMesi(6)),
        ("Ogni  3  MESI", OgniMesi(3)),
        ("ogni mese", OgniMesi(1)),
        ("ogni 24 mesi", OgniMesi(24)),
        ("ogni 2 anni", OgniMesi(24)),
        ("ogni anno", VoltePerAnno(1)),
        ("una volta", UnaVolta),
        ("Una tantum", UnaVolta),
        ("annuale", VoltePerAnno(1)),
        ("semestrale", VoltePerAnno(2)),
        ("quadrimestrale", VoltePerAnno(3)),
        ("Trimestrale", VoltePerAnno(4)),
        ("bimestrale", VoltePerAnno(6)),
        ("mensile", VoltePerAnno(12)),
        ("settimanale", VoltePerAnno(52)),
        ("giornaliera", VoltePerAnno(365)),
        ("biennale", OgniMesi(24)),
    ];
    for (text, expected) in cases {
        assert_eq!(Frequenza::parse(text), Ok(expected), "{text}");
    }
}

#[test]
fn bad_frequencies_are_refused_with_a_message() {
    assert_eq!(Frequenza::parse("0/anno"), Err(PaiError::FrequenzaZero));
    assert_eq!(
        Frequenza::parse("ogni 0 mesi"),
        Err(PaiError::FrequenzaZero)
    );
    assert_eq!(Frequenza::parse("366/anno"), Err(PaiError::TroppeVolte));
    assert_eq!(
        Frequenza::parse("99999999999999999999/anno"),
        Err(PaiError::TroppeVolte)
    );
    assert_eq!(
        Frequenza::parse("ogni 121 mesi"),
        Err(PaiError::IntervalloTroppoLungo)
    );
    assert_eq!(
        Frequenza::parse("ogni 11 anni"),
        Err(PaiError::IntervalloTroppoLungo)
    );
    assert_eq!(
        Frequenza::parse(" spesso "),
        Err(PaiError::Frequenza("spesso".into()))
    );
    assert_eq!(
        Frequenza::parse(""),
        Err(PaiError::Frequenza(String::new()))
    );
    assert_eq!(
        PaiError::FrequenzaZero.to_string(),
        "La frequenza non può essere 0"
    );
    assert_eq!(
        PaiError::TroppeVolte.to_string(),
        "Frequenza troppo alta: al massimo 365 volte l'anno"
    );
    assert_eq!(
        PaiError::Frequenza("spesso".into()).to_string(),
        "Frequenza non riconosciuta: «spesso» (esempi: 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile)"
    );
    assert_eq!(
        Frequenza::VoltePerAnno(0).check(),
        Err(PaiError::FrequenzaZero)
    );
    assert_eq!(
        Frequenza::VoltePerAnno(400).check(),
        Err(PaiError::TroppeVolte)
    );
    assert_eq!(Frequenza::OgniMesi(6).check(), Ok(Frequenza::OgniMesi(6)));
}

#[test]
fn frequency_labels_read_back() {
    use Frequenza::*;
    assert_eq!(VoltePerAnno(4).label(), "4 volte l'anno");
    assert_eq!(VoltePerAnno(1).label(), "1 volta l'anno");
    assert_eq!(OgniMesi(6).label(), "ogni 6 mesi");
    assert_eq!(OgniMesi(1).label(), "ogni mese");
    assert_eq!(UnaVolta.label(), "una volta");
    assert_eq!(OgniMesi(24).to_string(), "ogni 24 mesi");
    for f in [
        VoltePerAnno(1),
        VoltePerAnno(4),
        VoltePerAnno(365),
        OgniMesi(1),
        OgniMesi(6),
        OgniMesi(24),
        OgniMesi(120),
        UnaVolta,
    ] {
        assert_eq!(Frequenza::parse(&f.label()), Ok(f));
    }
}

#[test]
fn occurrences_in_the_plan_year() {
    use Frequenza::*;
    assert_eq!(VoltePerAnno(4).occorrenze_in(365), 4);
    assert_eq!(VoltePerAnno(4).occorrenze_in(366), 4);
    assert_eq!(VoltePerAnno(365).occorrenze_in(366), 365);
    assert_eq!(VoltePerAnno(12).occorrenze_in(365), 12);
    // Half a year: proportional, rounded half up.
    assert_eq!(VoltePerAnno(4).occorrenze_in(183), 2);
    assert_eq!(VoltePerAnno(3).occorrenze_in(183), 2);
    assert_eq!(VoltePerAnno(1).occorrenze_in(100), 0);
    assert_eq!(OgniMesi(1).occorrenze_in(365), 12);
    assert_eq!(OgniMesi(3).occorrenze_in(365), 4);
    assert_eq!(OgniMesi(5).occorrenze_in(365), 3);
    assert_eq!(OgniMesi(6).occorrenze_in(366), 2);
    assert_eq!(OgniMesi(12).occorrenze_in(365), 1);
    // Over 12 months: a later year's PAI...
    assert_eq!(OgniMesi(24).occorrenze_in(365), 0);
    // ...unless the plan spans the whole period.
    assert_eq!(OgniMesi(24).occorrenze_in(731), 1);
    assert_eq!(UnaVolta.occorrenze_in(365), 1);
    assert_eq!(UnaVolta.occorrenze_in(0), 0);
    assert_eq!(VoltePerAnno(4).occorrenze_in(0), 0);
    // Invalid values built by hand count nothing.
    assert_eq!(VoltePerAnno(0).occorrenze_in(365), 0);
    assert_eq!(OgniMesi(0).occorrenze_in(365), 0);
    assert_eq!(VoltePerAnno(u16::MAX).occorrenze_in(u32::MAX), 0);
    assert_eq!(VoltePerAnno(365).occorrenze_in(u32::MAX), 4_294_967_295);
}

#[test]
fn an_item_over_twelve_months_counts_once_when_due() {
    let mut moc = PaiItem::new(
        1,
        Categoria::DiagnosticaStrumentale,
        "Densitometria ossea",
        Frequenza::OgniMesi(24),
        Luogo::esterno("radiologia"),
    );
    assert!(moc.dovuto);
    assert_eq!(moc.occorrenze_in(365), 1);
    moc.dovuto = false;
    assert_eq!(moc.occorrenze_in(365), 0);
    // The flag means nothing for yearly or more frequent items.
    let mut hba1c = PaiItem::new(
        2,
        Categoria::EsameLaboratorio,
        "HbA1c",
        Frequenza::VoltePerAnno(3),
        Luogo::in_sede("punto prelievi"),
    );
    hba1c.dovuto = false;
    assert_eq!(hba1c.occorrenze_in(365), 3);
}

#[test]
fn interval_and_tolerance_table() {
    use Frequenza::*;
    let cases = [
        (VoltePerAnno(365), Some(1), Some(0)),
        (VoltePerAnno(52), Some(7), Some(1)),
        (VoltePerAnno(26), Some(14), Some(3)),
        (VoltePerAnno(12), Some(30), Some(7)),
        (OgniMesi(1), Some(30), Some(7)),
        (OgniMesi(2), Some(61), Some(10)),
        (VoltePerAnno(4), Some(91), Some(15)),
        (OgniMesi(3), Some(91), Some(15)),
        (VoltePerAnno(3), Some(122), Some(20)),
        (VoltePerAnno(2), Some(183), Some(30)),
        (OgniMesi(6), Some(183), Some(30)),
        (VoltePerAnno(1), Some(365), Some(30)),
        (OgniMesi(24), Some(730), Some(30)),
        (UnaVolta, None, None),
        (VoltePerAnno(0), None, None),
        (OgniMesi(0), None, None),
    ];
    for (f, interval, tolerance) in cases {
        assert_eq!(f.interval_days(), interval, "{f:?}");
        assert_eq!(f.tolerance_days(), tolerance, "{f:?}");
    }
}

#[test]
fn more_frequent_than() {
    use Frequenza::*;
    assert!(VoltePerAnno(4).is_more_frequent_than(VoltePerAnno(2)));
    assert!(VoltePerAnno(4).is_more_frequent_than(OgniMesi(6)));
    assert!(OgniMesi(1).is_more_frequent_than(VoltePerAnno(4)));
    assert!(VoltePerAnno(1).is_more_frequent_than(OgniMesi(24)));
    assert!(OgniMesi(24).is_more_frequent_than(UnaVolta));
    assert!(!UnaVolta.is_more_frequent_than(OgniMesi(120)));
    assert_eq!(VoltePerAnno(2).cmp_rate(OgniMesi(6)), Ordering::Equal);
    assert_eq!(VoltePerAnno(12).cmp_rate(OgniMesi(1)), Ordering::Equal);
    assert_eq!(UnaVolta.cmp_rate(VoltePerAnno(0)), Ordering::Equal);
    assert_eq!(OgniMesi(5).cmp_rate(VoltePerAnno(3)), Ordering::Less);
}

#[test]
fn categories_and_places() {
    assert_eq!(Categoria::EsameLaboratorio.label(), "Esame di laboratorio");
    for c in Categoria::ALL {
        assert_eq!(Categoria::parse(c.label()), Some(c));
    }
    assert_eq!(
        Categoria::parse("laboratorio"),
        Some(Categoria::EsameLaboratorio)
    );
    assert_eq!(
        Categoria::parse("STILE DI VITA"),
        Some(Categoria::StileDiVita)
    );
    assert_eq!(Categoria::parse("chirurgia"), None);
    assert_eq!(Luogo::in_sede("ECG").label(), "in sede: ECG");
    assert_eq!(
        Luogo::esterno("cardiologia").label(),
        "esterno: cardiologia"
    );
    assert!(!Luogo::esterno("x").is_in_sede());
    assert_eq!(Luogo::esterno("oculistica").nome(), "oculistica");
}

// --- Plans from templates ---------------------------------------------

#[test]
fn diabetes_and_hypertension_merge_shared_items() {
    let (items, advice) =
        plan_from_templates(&codes(&["50", "56"]), crate::io::tables::pai_templates());
    // 11 for DM2 + 9 for IPA - 5 shared (creatinina, glicemia, profilo
    // lipidico, ECG, visita MMG).
    assert_eq!(items.len(), 15);
    let creatinina: Vec<&PaiItem> = items
        .iter()
        .filter(|i| i.codice_prestazione.as_deref() == Some("90.16.3"))
        .collect();
    assert_eq!(creatinina.len(), 1);
    assert_eq!(creatinina[0].patologie, ["50", "56"]);
    assert_eq!(creatinina[0].frequenza, Frequenza::VoltePerAnno(1));
    // The highest frequency wins: 3/anno (DM2) over annuale (IPA).
    let glicemia = find(&items, "Glicemia a digiuno");
    assert_eq!(glicemia.frequenza, Frequenza::VoltePerAnno(3));
    assert_eq!(glicemia.patologie, ["50", "56"]);
    assert_eq!(glicemia.preparazione.as_deref(), Some("a digiuno"));
    // Merged by description when there is no code: 3/anno over 2/anno.
    let visita = find(&items, "Visita di controllo MMG");
    assert_eq!(visita.frequenza, Frequenza::VoltePerAnno(3));
    assert_eq!(visita.patologie, ["50", "56"]);
    let lipidi = items
        .iter()
        .filter(|i| i.descrizione.starts_with("Profilo lipidico"))
        .count();
    assert_eq!(lipidi, 1);
    // Ids 1..=15, grouped by category.
    let ids: Vec<u32> = items.iter().map(|i| i.id).collect();
    assert_eq!(ids, (1..=15).collect::<Vec<u32>>());
    assert!(items.windows(2).all(|w| w[0].categoria <= w[1].categoria));
    // Lifestyle advice: each line once.
    assert_eq!(advice.len(), 9);
    assert_eq!(
        advice
            .iter()
            .filter(|a| *a == "Astensione dal fumo di tabacco")
            .count(),
        1
    );
    assert!(advice.contains(&"Ridurre il sale: meno di 5 g al giorno".to_string()));
    // The same whatever the case and with repetitions.
    let again = plan_from_templates(
        &codes(&["50", " 56", "50", "XYZ"]),
        crate::io::tables::pai_templates(),
    );
    assert_eq!(again, (items, advice));
}

#[test]
fn three_pathologies_exact_items_and_frequencies() {
    let (items, advice) = plan_from_templates(
        &codes(&["50", "56", "20"]),
        crate::io::tables::pai_templates(),
    );
    let got: Vec<(u32, &str, String, String)> = items
        .iter()
        .map(|i| {
            (
                i.id,
                i.descrizione.as_str(),
                i.frequenza.label(),
                i.patologie.join("+"),
            )
        })
        .collect();
    let expected = [
        (
            1,
            "Esame del piede (sensibilità e polsi periferici)",
            "1 volta l'anno",
            "50",
        ),
        (2, "Visita di controllo MMG", "4 volte l'anno", "50+56+20"),
        (3, "Visita diabetologica", "1 volta l'anno", "50"),
        (4, "Visita cardiologica", "1 volta l'anno", "20"),
        (5, "Emoglobina glicata (HbA1c)", "3 volte l'anno", "50"),
        (6, "Glicemia a digiuno", "3 volte l'anno", "50+56"),
        (
            7,
            "Creatinina con stima del filtrato glomerulare (eGFR)",
            "2 volte l'anno",
            "50+56+20",
        ),
        (
            8,
            "Microalbuminuria (rapporto albumina/creatinina urinaria)",
            "1 volta l'anno",
            "50",
        ),
        (
            9,
            "Profilo lipidico (colesterolo totale, HDL, trigliceridi, LDL calcolato)",
            "1 volta l'anno",
            "50+56",
        ),
        (10, "Potassiemia", "2 volte l'anno", "56+20"),
        (11, "Sodiemia", "2 volte l'anno", "56+20"),
        (12, "Esame urine completo", "1 volta l'anno", "56"),
        (13, "NT-proBNP", "2 volte l'anno", "20"),
        (
            14,
            "Emocromo con formula leucocitaria",
            "1 volta l'anno",
            "20",
        ),
        (
            15,
            "Ferritina e saturazione della transferrina",
            "1 volta l'anno",
            "20",
        ),
        (
            16,
            "Elettrocardiogramma (ECG)",
            "1 volta l'anno",
            "50+56+20",
        ),
        (17, "Esame del fundus oculi", "ogni 24 mesi", "50"),
        (
            18,
            "Ecocardiogramma (ecocolordoppler cardiaco)",
            "1 volta l'anno",
            "20",
        ),
        (19, "Vaccinazione antinfluenzale", "1 volta l'anno", "50+20"),
        (
            20,
            "Misurazione della pressione arteriosa in ambulatorio",
            "2 volte l'anno",
            "56",
        ),
        (
            21,
            "Controllo di peso, pressione arteriosa, frequenza cardiaca e segni di congestione",
            "4 volte l'anno",
            "20",
        ),
    ];
    let expected: Vec<(u32, &str, String, String)> = expected
        .iter()
        .map(|(id, d, f, p)| (*id, *d, f.to_string(), p.to_string()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(advice.len(), 12);
    // The fundus (every 24 months) is flagged due, with a note.
    let fundus = &items[16];
    assert!(fundus.dovuto);
    assert!(fundus.note.contains("periodicità oltre 12 mesi"));
    assert!(
        fundus
            .note
            .starts_with("annuale in presenza di retinopatia; ")
    );
}

#[test]
fn dependencies_become_item_ids() {
    let (items, _) = plan_from_templates(&codes(&["50", "56"]), crate::io::tables::pai_templates());
    let id = |d: &str| find(&items, d).id;
    let hba1c = id("Emoglobina glicata (HbA1c)");
    let glicemia = id("Glicemia a digiuno");
    let creatinina = id("Creatinina con stima del filtrato glomerulare (eGFR)");
    let malb = id("Microalbuminuria (rapporto albumina/creatinina urinaria)");
    let lipidi = id("Profilo lipidico (colesterolo totale, HDL, trigliceridi, LDL calcolato)");
    let potassio = id("Potassiemia");
    assert_eq!(
        (hba1c, glicemia, creatinina, malb, lipidi, potassio),
        (4, 5, 6, 7, 8, 9)
    );
    let mut diab = vec![hba1c, glicemia, creatinina, malb, lipidi];
    diab.sort_unstable();
    assert_eq!(find(&items, "Visita diabetologica").dopo, diab);
    // The merged MMG visit needs the tests of both pathologies.
    assert_eq!(
        find(&items, "Visita di controllo MMG").dopo,
        [hba1c, glicemia, creatinina, potassio]
    );
    assert!(find(&items, "Glicemia a digiuno").dopo.is_empty());
}

#[test]
fn a_cycle_across_pathologies_is_not_created() {
    let text = format!(
        "{HEADER}\
         A,V,visita,Visita,,2/anno,,sede,ambulatorio MMG,E,\n\
         A,E,esame di laboratorio,Esame,,annuale,,sede,punto prelievi,,\n\
         B,V,visita,Visita,,annuale,,sede,ambulatorio MMG,,\n\
         B,E,esame di laboratorio,Esame,,annuale,,sede,punto prelievi,V,\n"
    );
    let t = crate::io::tables::parse_pai_templates(&text).unwrap();
    let (items, advice) = plan_from_templates(&codes(&["A", "B"]), &t);
    assert!(advice.is_empty());
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].dopo, [2]);
    assert!(items[1].dopo.is_empty());
    assert_eq!(find_cycle(&items), None);
}

// --- The PAI --------------------------------------------------------

fn sample_pai() -> Pai {
    let mut pai = Pai::from_templates(
        7,
        42,
        3,
        date(2026, 1, 15),
        date(2027, 1, 14),
        "dott. Mario Bianchi",
        &codes(&["50", "56"]),
        crate::io::tables::pai_templates(),
    );
    pai.farmaci.push(Farmaco {
        farmaco: "Metformina EG 1000 mg".into(),
        principio_attivo: "metformina".into(),
        posologia: "1 cp a pranzo e a cena".into(),
        durata: "continuativa".into(),
        note: String::new(),
    });
    pai
}

#[test]
fn a_plan_from_templates_can_be_shared() {
    let mut pai = sample_pai();
    assert_eq!(pai.versione, 1);
    assert_eq!(pai.plan_days(), 365);
    assert!(pai.is_editable());
    assert_eq!(pai.validate_for_sharing(), Vec::<SharingProblem>::new());
    assert_eq!(pai.condividi(11, date(2026, 1, 20)), Ok(()));
    assert_eq!(
        pai.stato,
        PaiStato::Condiviso {
            versione: 1,
            condiviso_il: date(2026, 1, 20),
            patto: 11
        }
    );
    assert!(!pai.is_editable());
    assert_eq!(pai.stato.label(), "condiviso");
    assert_eq!(
        pai.condividi(11, date(2026, 1, 21)),
        Err(vec![SharingProblem::AlreadyShared { versione: 1 }])
    );
}

#[test]
fn occurrences_needed_per_item() {
    let mut pai = sample_pai();
    let needed = pai.occurrences_needed();
    assert_eq!(
        needed,
        [
            (1, 1),
            (2, 3),
            (3, 1),
            (4, 3),
            (5, 3),
            (6, 1),
            (7, 1),
            (8, 1),
            (9, 1),
            (10, 1),
            (11, 1),
            (12, 1),
            (13, 1), // fundus, every 24 months, flagged due
            (14, 1),
            (15, 2),
        ]
    );
    assert_eq!(needed.iter().map(|(_, n)| n).sum::<u32>(), 22);
    pai.items[12].dovuto = false;
    assert_eq!(pai.occurrences_needed()[12], (13, 0));
}

/// The reasons as the Italian desk reads them.
fn it(problems: &[SharingProblem]) -> Vec<String> {
    crate::texts::sharing_problems(crate::texts::Lang::It, problems)
}

#[test]
fn sharing_is_refused_with_the_reasons() {
    let empty = Pai {
        id: 1,
        patient: 1,
        presa: 1,
        versione: 1,
        precedente: None,
        anno_dal: date(2026, 1, 1),
        anno_al: date(2026, 12, 31),
        items: Vec::new(),
        farmaci: Vec::new(),
        stile_di_vita: vec!["  ".into()],
        vaccinazioni: Vec::new(),
        esenzioni: Vec::new(),
        allergie: Vec::new(),
        stato: PaiStato::Bozza,
        clinical_manager: String::new(),
    };
    assert_eq!(
        it(&empty.validate_for_sharing()),
        [
            "manca il Clinical Manager",
            "mancano i consigli sullo stile di vita",
            "nessuna prestazione",
        ]
    );
    let mut pai = sample_pai();
    pai.items.truncate(3);
    pai.items[0].descrizione = " ".into();
    pai.items[0].dopo = vec![99];
    pai.items[1].dopo = vec![3];
    pai.items[2].dopo = vec![2];
    pai.items[2].frequenza = Frequenza::VoltePerAnno(0);
    pai.items[2].luogo = Luogo::esterno("");
    pai.farmaci.push(Farmaco::default());
    pai.anno_al = date(2025, 1, 1);
    assert_eq!(
        it(&pai.validate_for_sharing()),
        [
            "il periodo del piano non è valido: la fine precede l'inizio",
            "la prestazione n. 1 non ha descrizione",
            "la prestazione n. 1 dipende dalla prestazione n. 99, che non esiste",
            "la prestazione «Visita diabetologica»: la frequenza non può essere 0",
            "la prestazione «Visita diabetologica»: indicare l'erogatore esterno",
            "dipendenze circolari tra le prestazioni: «Visita di controllo MMG» → «Visita diabetologica» → «Visita di controllo MMG»",
            "il farmaco n. 2 non ha né nome né principio attivo",
        ]
    );
    assert_eq!(
        crate::texts::sharing_problems(crate::texts::Lang::En, &pai.validate_for_sharing()),
        [
            "the plan's period is not valid: the end comes before the start",
            "service no. 1 has no description",
            "service no. 1 depends on service no. 99, which does not exist",
            "the service \"Visita diabetologica\": the frequency cannot be 0",
            "the service \"Visita diabetologica\": give the external provider",
            "circular dependencies among the services: \"Visita di controllo MMG\" → \"Visita diabetologica\" → \"Visita di controllo MMG\"",
            "drug no. 2 has neither name nor active ingredient",
        ]
    );
    assert_eq!(pai.plan_days(), 0);
    assert!(pai.condividi(1, date(2026, 1, 1)).is_err());
    assert_eq!(pai.stato, PaiStato::Bozza);
    pai.items[1].id = 1;
    assert!(
        pai.validate_for_sharing()
            .contains(&SharingProblem::DuplicateItemId(1))
    );
}

#[test]
fn a_new_version_is_a_draft_linked_to_the_old_one() {
    let mut pai = sample_pai();
    pai.condividi(11, date(2026, 1, 20)).unwrap();
    let next = pai.new_version(8);
    assert_eq!(next.id, 8);
    assert_eq!(next.versione, 2);
    assert_eq!(next.precedente, Some(7));
    assert_eq!(next.stato, PaiStato::Bozza);
    assert_eq!(next.items, pai.items);
    assert_eq!(next.farmaci, pai.farmaci);
    assert_eq!((next.anno_dal, next.anno_al), (pai.anno_dal, pai.anno_al));
    // The old version is untouched until the caller concludes it.
    assert!(matches!(pai.stato, PaiStato::Condiviso { .. }));
    pai.concludi(date(2026, 6, 1), " nuova versione ");
    assert_eq!(
        pai.stato,
        PaiStato::Concluso {
            il: date(2026, 6, 1),
            motivo: "nuova versione".into()
        }
    );
    assert_eq!(pai.validate_for_sharing(), [SharingProblem::Concluded]);
}

#[test]
fn editing_items() {
    let mut pai = sample_pai();
    assert_eq!(pai.next_item_id(), 16);
    let removed = pai.remove_item(4).unwrap();
    assert_eq!(removed.descrizione, "Emoglobina glicata (HbA1c)");
    assert!(pai.items.iter().all(|i| !i.dopo.contains(&4)));
    assert_eq!(pai.item(2).unwrap().dopo, [5, 6, 9]);
    assert_eq!(pai.remove_item(4), None);
    assert_eq!(pai.next_item_id(), 16);
    pai.items.clear();
    assert_eq!(pai.next_item_id(), 1);
    assert_eq!(
        Farmaco {
            principio_attivo: "ramipril".into(),
            ..Farmaco::default()
        }
        .nome(),
        "ramipril"
    );
    assert_eq!(
        Farmaco {
            farmaco: "Ramipril".into(),
            principio_attivo: "ramipril".into(),
            ..Farmaco::default()
        }
        .nome(),
        "Ramipril"
    );
}

proptest! {
    #[test]
    fn parsers_never_panic(text in "\\PC{0,200}") {
        let _ = Frequenza::parse(&text);
    }

    #[test]
    fn valid_frequencies_read_back(n in 1u16..=365, m in 1u8..=120) {
        prop_assert_eq!(Frequenza::parse(&Frequenza::VoltePerAnno(n).label()), Ok(Frequenza::VoltePerAnno(n)));
        prop_assert_eq!(Frequenza::parse(&Frequenza::OgniMesi(m).label()), Ok(Frequenza::OgniMesi(m)));
        let f = Frequenza::VoltePerAnno(n);
        let tol = f.tolerance_days().unwrap_or(0);
        let interval = f.interval_days().unwrap_or(0);
        prop_assert!(tol * 2 < interval.max(1));
    }

    #[test]
    fn validation_never_panics(deps in proptest::collection::vec(proptest::collection::vec(0u32..12, 0..4), 0..10)) {
        let items: Vec<PaiItem> = deps
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut item = PaiItem::new(i as u32, Categoria::Visita, "V", Frequenza::UnaVolta, Luogo::in_sede("x"));
                item.dopo = d.clone();
                item
            })
            .collect();
        let cycle = find_cycle(&items);
        if let Some(c) = cycle {
            prop_assert!(c.len() >= 2);
            prop_assert_eq!(c.first(), c.last());
        }
    }
}
