//! The importer of ATS lists of Gestori idonei on crafted files with the quirks real lists
//! have (tests/fixtures/gestori/, made by genera.py there), and the exporter round trip.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use sportello::domain::{Gestore, GestoreTipo};
use sportello::io::gestori::{
    EXPORT_HEADER, ImportError, ImportOptions, ImportPreview, SAMPLE_CSV, parse_gestori,
    sample_gestori, write_gestori_csv,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gestori")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str, ats: Option<&str>, sheet: Option<&str>) -> Result<ImportPreview, ImportError> {
    let opts = ImportOptions {
        ats: ats.map(str::to_owned),
        sheet: sheet.map(str::to_owned),
    };
    parse_gestori(&fixture(name), name, &opts)
}

fn accepted_lines(p: &ImportPreview) -> Vec<usize> {
    p.accepted.iter().map(|r| r.line).collect()
}

/// Each rejected row's line and reason in Italian (leaked: a test's
/// few bytes, so that the expected rows can be written as `(line, "text")`).
fn rejections(p: &ImportPreview) -> Vec<(usize, &'static str)> {
    p.rejected
        .iter()
        .map(|r| (r.line, &*r.reason.to_string().leak()))
        .collect()
}

fn names(p: &ImportPreview) -> Vec<&str> {
    p.accepted
        .iter()
        .map(|r| r.gestore.denominazione.as_str())
        .collect()
}

#[test]
fn excel_windows_1252_semicolon_list_with_ats_option() {
    let p = parse("brianza-excel-1252.csv", Some("030324"), None).expect("preview");
    assert_eq!(p.encoding, "Windows-1252");
    assert_eq!(p.separator, Some(';'));
    assert_eq!(p.sheet, None);
    assert_eq!(p.header_line, 4);
    assert!(p.ignored_columns.is_empty(), "{:?}", p.ignored_columns);
    assert_eq!(accepted_lines(&p), [5, 6, 7, 10, 12]);
    assert_eq!(
        rejections(&p),
        [
            (9, "manca la denominazione"),
            (
                11,
                "riga duplicata della riga 5 (stessa denominazione e ATS)"
            ),
        ]
    );
    assert_eq!(p.rejected[0].raw, ";Cooperativa;Via Senza Nome 1;Vimercate");
    assert_eq!(
        names(&p),
        [
            "Società Cooperativa Unità Medica",
            "Cooperativa Medici \"Brianza Salute\"",
            "ASST di Lecco",
            "RSA Villa Fiorita (fittizia)",
            "Casa di Cura Esempio S.r.l.",
        ]
    );
    let unita = &p.accepted[0];
    assert_eq!(
        unita.gestore,
        Gestore {
            id: 0,
            ats: "030324".into(),
            denominazione: "Società Cooperativa Unità Medica".into(),
            tipo: GestoreTipo::CooperativaMmg,
            codice: String::new(),
            cf_piva: "01234567897".into(),
            indirizzo: "Via Italia 10".into(),
            comune: "Monza".into(),
            telefono: "039 0000 101".into(),
            email: "info@unitamedica.esempio.invalid".into(),
            referente: "Dott.ssa Lucia Bertè".into(),
            livelli: vec![1, 2, 3],
            non_idoneo_dal: None,
            fittizio: false,
        }
    );
    assert_eq!(
        unita.warnings,
        ["P.IVA 1234567897 letta come 01234567897: zeri iniziali persi (Excel)"]
    );
    let brianza = &p.accepted[1];
    assert_eq!(brianza.gestore.indirizzo, "Via Roma 5; scala B");
    assert_eq!(brianza.gestore.referente, "Niccolò D'Adda");
    assert_eq!(brianza.gestore.livelli, [1, 2]);
    assert!(brianza.warnings.is_empty(), "{:?}", brianza.warnings);
    let asst = &p.accepted[2];
    assert_eq!(asst.gestore.tipo, GestoreTipo::Asst);
    assert_eq!(asst.gestore.livelli, Vec::<u8>::new());
    assert_eq!(
        asst.warnings,
        ["e-mail \"centroservizi.esempio.invalid\" senza @: controllare"]
    );
    let rsa = &p.accepted[3];
    assert_eq!(rsa.gestore.tipo, GestoreTipo::Rsa);
    assert_eq!(rsa.gestore.referente, "Perla Caffè");
    assert_eq!(rsa.gestore.livelli, [1]);
    let privata = &p.accepted[4];
    assert_eq!(privata.gestore.tipo, GestoreTipo::StrutturaPrivata);
    assert_eq!(privata.gestore.livelli, [2, 3]);
    assert_eq!(
        privata.warnings,
        ["valori oltre l'ultima colonna dell'intestazione: ignorati"]
    );
    assert!(p.accepted.iter().all(|r| r.gestore.ats == "030324"));
}

#[test]
fn without_an_ats_column_every_row_needs_the_option() {
    let p = parse("brianza-excel-1252.csv", None, None).expect("preview");
    assert!(p.accepted.is_empty());
    assert_eq!(p.rejected.len(), 7);
    assert_eq!(p.rejected[0].line, 5);
    assert_eq!(p.rejected[0].reason, "ATS mancante: usare --ats CODICE");
    assert_eq!(
        rejections(&p)[3],
        (9, "manca la denominazione"),
        "{:?}",
        rejections(&p)
    );
    // The option may be a name too.
    let by_name = parse("brianza-excel-1252.csv", Some("ATS della Brianza"), None).expect("p");
    assert_eq!(by_name.accepted.len(), 5);
    let err = parse("brianza-excel-1252.csv", Some("030399"), None).expect_err("unknown");
    assert_eq!(
        err.to_string(),
        "ATS \"030399\" sconosciuta (opzione --ats): usare un codice da 030321 a 030328 o il nome dell'ATS"
    );
}

#[test]
fn utf8_bom_comma_list_with_quotes_newlines_and_ats_names() {
    let p = parse("insubria-utf8-bom.csv", None, None).expect("preview");
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.separator, Some(','));
    assert_eq!(p.header_line, 2);
    assert_eq!(p.ignored_columns, ["Note"]);
    assert_eq!(accepted_lines(&p), [3, 4, 8, 9, 16]);
    assert_eq!(
        rejections(&p),
        [
            (
                10,
                "ATS \"ATS del Lago\" sconosciuta: usare un codice da 030321 a 030328 o il nome dell'ATS"
            ),
            (
                11,
                "ATS \"030399\" sconosciuta: usare un codice da 030321 a 030328 o il nome dell'ATS"
            ),
            (12, "riga duplicata della riga 3 (stesso codice INS-01)"),
            (13, "ATS mancante: usare --ats CODICE"),
        ]
    );
    assert_eq!(p.rejected[3].raw, "INS-07,ASP Esempio,ASP,Via Verdi 4");
    let codes: Vec<&str> = p.accepted.iter().map(|r| r.gestore.ats.as_str()).collect();
    assert_eq!(codes, ["030322", "030322", "030322", "030324", "030322"]);
    let laghi = &p.accepted[0].gestore;
    assert_eq!(
        laghi.denominazione,
        "Cooperativa Medici dei Laghi, Società Cooperativa"
    );
    assert_eq!(laghi.codice, "INS-01");
    assert_eq!(laghi.indirizzo, "Via Sacco 1, piano 2");
    assert_eq!(laghi.comune, "Varese");
    assert_eq!(laghi.telefono, "0332 0000 201");
    // No e-mail: the PEC is used.
    assert_eq!(laghi.email, "laghi@pec.esempio.invalid");
    assert_eq!(laghi.referente, "Mario \"Dino\" Rossi");
    assert_eq!(laghi.cf_piva, "12874720159");
    assert_eq!(laghi.livelli, [1, 2, 3]);
    assert!(p.accepted[0].warnings.is_empty());
    // A newline inside a quoted field becomes a space; the record spans lines 4-6.
    let villa = &p.accepted[1].gestore;
    assert_eq!(villa.denominazione, "Ospedale Privato Villa Esempio");
    assert_eq!(villa.tipo, GestoreTipo::StrutturaPrivata);
    assert_eq!(villa.livelli, [2, 3]);
    assert_eq!(p.accepted[2].gestore.tipo, GestoreTipo::Asst);
    assert_eq!(p.accepted[2].gestore.livelli, Vec::<u8>::new());
    let rsa = &p.accepted[4];
    assert_eq!(rsa.gestore.livelli, [1, 2]);
    assert_eq!(
        rsa.warnings,
        ["valori oltre l'ultima colonna dell'intestazione: ignorati"]
    );
}

#[test]
fn ats_option_fills_rows_without_ats_and_warns_on_a_different_one() {
    let p = parse("insubria-utf8-bom.csv", Some("030322"), None).expect("preview");
    assert_eq!(accepted_lines(&p), [3, 4, 8, 9, 13, 16]);
    assert_eq!(
        p.accepted[3].warnings,
        ["la riga indica ATS della Brianza (030324), diversa dall'ATS scelta con --ats (030322)"]
    );
    assert_eq!(p.accepted[4].gestore.ats, "030322");
    assert_eq!(p.accepted[4].gestore.tipo, GestoreTipo::Asp);
}

#[test]
fn utf16_tab_separated_unicode_text() {
    let p = parse("pavia-utf16-tab.txt", None, None).expect("preview");
    assert_eq!(p.encoding, "UTF-16LE");
    assert_eq!(p.separator, Some('\t'));
    assert_eq!(
        names(&p),
        [
            "Cooperativa Medici Lomellina (fittizia)",
            "Farmacia dei Servizi Oltrepò (fittizia)"
        ]
    );
    assert!(p.accepted.iter().all(|r| r.gestore.ats == "030328"));
    assert_eq!(p.accepted[0].gestore.tipo, GestoreTipo::CooperativaMmg);
    assert_eq!(p.accepted[1].gestore.tipo, GestoreTipo::Altro);
    assert_eq!(p.accepted[1].gestore.livelli, [3]);
    assert!(p.rejected.is_empty());
}

#[test]
fn xlsx_sheet_chosen_by_name() {
    let p = parse("due-fogli.xlsx", None, Some("gestori IDONEI")).expect("preview");
    assert_eq!(p.encoding, "XLSX");
    assert_eq!(p.separator, None);
    assert_eq!(p.sheet.as_deref(), Some("Gestori idonei"));
    assert_eq!(p.header_line, 3);
    assert_eq!(accepted_lines(&p), [4, 5, 8]);
    assert_eq!(
        rejections(&p),
        [
            (7, "manca la denominazione"),
            (9, "riga duplicata della riga 4 (stesso codice 1001)"),
        ]
    );
    assert_eq!(
        p.rejected[1].raw,
        "1001;Cooperativa Medici Bergamaschi bis;Cooperativa MMG;Bergamo;;;30325"
    );
    let first = &p.accepted[0];
    // Numbers come back as typed: no ".0", the P.IVA gets its zero back, and so does the
    // ATS code.
    assert_eq!(first.gestore.codice, "1001");
    assert_eq!(first.gestore.cf_piva, "01234567897");
    assert_eq!(first.gestore.ats, "030325");
    assert_eq!(first.gestore.livelli, [3]);
    assert_eq!(first.gestore.telefono, "035 0000 401");
    assert_eq!(
        first.warnings,
        [
            "ATS 30325 letto come 030325: zeri iniziali persi (Excel)",
            "P.IVA 1234567897 letta come 01234567897: zeri iniziali persi (Excel)"
        ]
    );
    let asst = &p.accepted[1].gestore;
    assert_eq!(asst.denominazione, "ASST Papa Giovanni XXIII");
    assert_eq!(asst.telefono, "350000402");
    assert_eq!(asst.livelli, [1, 2, 3]);
    let unita = &p.accepted[2].gestore;
    assert_eq!(unita.codice, "1004");
    assert_eq!(
        unita.denominazione,
        "Società Cooperativa Unità Medica Bergamo"
    );
    // No Tipologia: read from the name.
    assert_eq!(unita.tipo, GestoreTipo::CooperativaMmg);
    assert_eq!(unita.ats, "030325");
    assert_eq!(unita.livelli, [2]);
}

#[test]
fn xlsx_first_sheet_and_missing_sheet() {
    let err = parse("due-fogli.xlsx", None, None).expect_err("instructions sheet");
    assert!(
        matches!(&err, ImportError::NoHeader { found, .. } if found == &["Elenco pubblicato dall'ATS di Bergamo"]),
        "{err:?}"
    );
    let err = parse("due-fogli.xlsx", None, Some("Foglio3")).expect_err("no such sheet");
    assert_eq!(
        err,
        ImportError::SheetNotFound {
            sheet: "Foglio3".into(),
            available: vec!["Istruzioni".into(), "Gestori idonei".into()],
        }
    );
    assert_eq!(
        err.to_string(),
        "foglio \"Foglio3\" non trovato; fogli presenti: Istruzioni, Gestori idonei"
    );
}

#[test]
fn malformed_files_are_errors_not_panics() {
    assert_eq!(parse("vuoto.csv", None, None), Err(ImportError::Empty));
    assert_eq!(
        parse("vuoto.csv", None, None).map_err(|e| e.to_string()),
        Err("il file è vuoto: nessuna riga da importare".to_owned())
    );
    assert_eq!(
        parse("solo-intestazione.csv", None, None),
        Err(ImportError::NoRows { header_line: 1 })
    );
    let err = parse("senza-intestazione.csv", None, None).expect_err("no header");
    assert_eq!(
        err.to_string(),
        "intestazione non riconosciuta nelle prime 10 righe; colonne trovate: \"Nome e cognome\", \
         \"Data di nascita\", \"Comune\"; serve la colonna Denominazione (o Ragione sociale, Nome, \
         Gestore, Ente) e almeno una tra Tipologia, Indirizzo, Comune, Telefono, Email/PEC, \
         Referente, Codice, CF/P.IVA, ATS, Livelli"
    );
    let err = parse("garbage.bin", None, None).expect_err("garbage");
    assert!(matches!(err, ImportError::UnknownFormat { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "formato del file \"garbage.bin\" non riconosciuto: non è un CSV né un file Excel (.xlsx); \
         servono un CSV separato da ; o , oppure un .xlsx"
    );
    let err = parse("troncato.xlsx", None, None).expect_err("truncated");
    assert!(
        err.to_string()
            .starts_with("file non leggibile: file Excel (.xlsx) danneggiato o incompleto"),
        "{err}"
    );
}

#[test]
fn other_formats_and_sizes() {
    let opts = ImportOptions::default();
    let err = parse_gestori(b"%PDF-1.7\n...", "elenco.pdf", &opts).expect_err("pdf");
    assert!(err.to_string().contains("è un PDF"), "{err}");
    let err = parse_gestori(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", "elenco.xls", &opts)
        .expect_err("xls");
    assert!(err.to_string().contains("Excel 97-2003 (.xls)"), "{err}");
    let err = parse_gestori(b"Denominazione;Comune\nA;B\n", "elenco.xlsx", &opts)
        .expect_err("renamed csv");
    assert!(matches!(err, ImportError::Unreadable { .. }), "{err:?}");
    let big = vec![b'a'; 50 * 1024 * 1024 + 1];
    let err = parse_gestori(&big, "grande.csv", &opts).expect_err("too large");
    assert_eq!(
        err.to_string(),
        "file troppo grande: 50,1 MB (al massimo 50 MB); dividere l'elenco in più file"
    );
    // Whitespace only, or only a BOM, is an empty file.
    assert_eq!(
        parse_gestori(b"\xEF\xBB\xBF\r\n  \r\n", "x.csv", &opts),
        Err(ImportError::Empty)
    );
    // A central directory declaring a huge unpacked part (a zip bomb) is refused unread.
    let mut bomb = fixture("due-fogli.xlsx");
    let directory = bomb
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    bomb[directory + 24..directory + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let err = parse_gestori(&bomb, "bomba.xlsx", &opts).expect_err("bomb");
    assert!(
        err.to_string()
            .starts_with("file Excel (.xlsx) non accettato: la parte "),
        "{err}"
    );
}

#[test]
fn damaged_workbooks_never_panic() {
    let good = fixture("due-fogli.xlsx");
    let opts = ImportOptions {
        ats: None,
        sheet: Some("Gestori idonei".into()),
    };
    for len in (0..good.len()).step_by(97) {
        let _ = parse_gestori(&good[..len], "x.xlsx", &opts);
    }
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        let mut bad = good.clone();
        for _ in 0..4 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let at = usize::try_from(rng % bad.len() as u64).expect("index");
            bad[at] ^= u8::try_from(rng >> 56).expect("byte") | 1;
        }
        let _ = parse_gestori(&bad, "x.xlsx", &opts);
    }
}

#[test]
fn ragged_and_unterminated_csv_never_panics() {
    let opts = ImportOptions {
        ats: Some("030321".into()),
        sheet: None,
    };
    let p = parse_gestori(
        b"Denominazione;Comune\nA\nB;C;D;E\n\"F;G\nH",
        "x.csv",
        &opts,
    )
    .expect("preview");
    assert_eq!(accepted_lines(&p), [2, 3, 4]);
    assert_eq!(p.accepted[2].gestore.denominazione, "F;G H");
    for text in [
        &b"\""[..],
        b";;;\n;;",
        b"\r\r\r",
        b"Denominazione,Comune\n\"",
        b"\xff\xfe\x00",
    ] {
        let _ = parse_gestori(text, "x.csv", &opts);
    }
}

fn sample_row(n: usize, ats: &str) -> Gestore {
    Gestore {
        id: 0,
        ats: ats.to_owned(),
        denominazione: format!("Cooperativa \"Unità\", Medica n. {n}"),
        tipo: GestoreTipo::ALL[n % GestoreTipo::ALL.len()],
        codice: format!("00{n}"),
        cf_piva: if n.is_multiple_of(2) {
            "01234567897".into()
        } else {
            String::new()
        },
        indirizzo: "Via Roma 1, scala B".into(),
        comune: "Sant'Angelo Lodigiano".into(),
        telefono: "+39 02 0000 0001".into(),
        email: "info@esempio.invalid".into(),
        referente: "Niccolò D'Adda".into(),
        livelli: match n % 4 {
            0 => vec![],
            1 => vec![1],
            2 => vec![2, 3],
            _ => vec![1, 2, 3],
        },
        non_idoneo_dal: None,
        fittizio: false,
    }
}

#[test]
fn export_then_import_gives_the_same_gestori() {
    let gestori: Vec<Gestore> = (0..8)
        .map(|n| sample_row(n, &sportello::service::ats_table().all_ats()[n].codice))
        .collect();
    let mut out = Vec::new();
    write_gestori_csv(&gestori, &mut out).expect("write");
    let text = String::from_utf8(out.clone()).expect("utf-8");
    assert_eq!(
        text.lines().next(),
        Some(
            "ATS,Codice,Denominazione,Tipologia,Indirizzo,Comune,Telefono,Email,Referente,CF/P.IVA,Livelli,Idoneo"
        )
    );
    assert_eq!(
        text.lines().nth(1),
        Some(
            "030321,000,\"Cooperativa \"\"Unità\"\", Medica n. 0\",Cooperativa MMG,\"Via Roma 1, scala B\",\
             Sant'Angelo Lodigiano,'+39 02 0000 0001,info@esempio.invalid,Niccolò D'Adda,01234567897,tutti,sì"
        )
    );
    let p = parse_gestori(&out, "export.csv", &ImportOptions::default()).expect("preview");
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert!(p.ignored_columns.is_empty());
    let back: Vec<Gestore> = p.accepted.into_iter().map(|r| r.gestore).collect();
    assert_eq!(back, gestori);
}

#[test]
fn exported_non_idonei_are_marked_and_not_imported_again() {
    let mut g = sample_row(1, "030321");
    g.non_idoneo_dal = NaiveDate::from_ymd_opt(2025, 3, 1);
    let mut out = Vec::new();
    write_gestori_csv(&[g], &mut out).expect("write");
    let text = String::from_utf8(out.clone()).expect("utf-8");
    assert!(
        text.trim_end()
            .ends_with(",1,non più idoneo dal 01/03/2025"),
        "{text}"
    );
    let p = parse_gestori(&out, "export.csv", &ImportOptions::default()).expect("preview");
    assert!(p.accepted.is_empty());
    assert_eq!(
        rejections(&p),
        [(
            2,
            "gestore non idoneo (colonna Idoneo: \"non più idoneo dal 01/03/2025\"): non importato"
        )]
    );
}

#[test]
fn the_sample_list_covers_every_ats() {
    let p = parse_gestori(
        SAMPLE_CSV.as_bytes(),
        "gestori-esempio.csv",
        &ImportOptions::default(),
    )
    .expect("sample list");
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert!(p.ignored_columns.is_empty());
    assert_eq!(p.accepted.len(), 30);
    for row in &p.accepted {
        assert!(row.warnings.is_empty(), "{}: {:?}", row.line, row.warnings);
        assert!(
            row.gestore.email.ends_with(".invalid"),
            "{}",
            row.gestore.email
        );
        assert!(
            row.gestore.telefono.contains(" 0000 "),
            "{}",
            row.gestore.telefono
        );
    }
    // The header is the exporter's, after one title row saying the data are fictional.
    let header = SAMPLE_CSV.lines().nth(1).expect("header");
    assert_eq!(header, EXPORT_HEADER.join(","));
    assert!(
        SAMPLE_CSV
            .lines()
            .next()
            .is_some_and(|l| l.contains("FITTIZI"))
    );
    for ats in sportello::service::ats_table().all_ats() {
        let of_ats: Vec<&Gestore> = p
            .accepted
            .iter()
            .map(|r| &r.gestore)
            .filter(|g| g.ats == ats.codice)
            .collect();
        assert!(of_ats.len() >= 3, "{}: {}", ats.codice, of_ats.len());
        assert!(
            of_ats.iter().any(|g| g.tipo == GestoreTipo::Asst),
            "{}",
            ats.codice
        );
        assert!(
            of_ats.iter().any(|g| g.tipo == GestoreTipo::CooperativaMmg),
            "{}",
            ats.codice
        );
    }
    let sample = sample_gestori();
    assert_eq!(sample.len(), 30);
    assert!(sample.iter().all(|g| g.fittizio && g.is_idoneo()));
    // Exporting the sample and reading it back changes nothing.
    let mut out = Vec::new();
    write_gestori_csv(&sample, &mut out).expect("write");
    let again = parse_gestori(&out, "x.csv", &ImportOptions::default()).expect("again");
    let again: Vec<Gestore> = again
        .accepted
        .into_iter()
        .map(|r| Gestore {
            fittizio: true,
            ..r.gestore
        })
        .collect();
    assert_eq!(again, sample);
}

/// A field as a person types it: no leading, trailing or doubled whitespace.
fn field() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[A-Za-zàèéìòù0-9'\",;.()/@-]{1,8}( [A-Za-zàèò0-9,;\"]{1,6}){0,2}",
    )
    .expect("regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn round_trip_of_arbitrary_lists(
        rows in proptest::collection::vec(
            (field(), 0..8usize, field(), field(), field(), field(), field(), 0..8usize,
             proptest::sample::subsequence(vec![1u8, 2, 3], 0..=3)),
            1..12,
        )
    ) {
        let gestori: Vec<Gestore> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (name, tipo, indirizzo, comune, telefono, email, referente, ats, livelli))| {
                Gestore {
                    id: 0,
                    ats: sportello::service::ats_table().all_ats()[ats].codice.clone(),
                    // Unique per file, or the importer rightly calls it a duplicate.
                    denominazione: format!("{name} {i}"),
                    tipo: GestoreTipo::ALL[tipo],
                    codice: format!("C{i}"),
                    cf_piva: String::new(),
                    indirizzo,
                    comune,
                    telefono,
                    email,
                    referente,
                    livelli,
                    non_idoneo_dal: None,
                    fittizio: false,
                }
            })
            .collect();
        let mut out = Vec::new();
        write_gestori_csv(&gestori, &mut out).expect("write");
        let p = parse_gestori(&out, "x.csv", &ImportOptions::default()).expect("preview");
        prop_assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let back: Vec<Gestore> = p.accepted.into_iter().map(|r| r.gestore).collect();
        prop_assert_eq!(back, gestori);
    }
}

#[test]
fn control_characters_are_removed_and_long_values_rejected_with_the_limit() {
    let opts = ImportOptions {
        ats: Some("030321".into()),
        sheet: None,
    };
    let long_name = "A".repeat(100_000);
    let long_address = "Via ".to_owned() + &"x".repeat(250);
    let csv = format!(
        "Denominazione;Indirizzo;Referente\n\
         Coop\u{1b}[31m\u{7} Salute \u{202e}Rossa\u{202c};Via\u{200f} Roma 1;Ada\u{2066} Neri\u{2069}\n\
         {long_name};Via Po 2;Ugo\n\
         Coop Lunga;{long_address};Ugo\n"
    );
    let p = parse_gestori(csv.as_bytes(), "x.csv", &opts).expect("preview");
    assert_eq!(names(&p), ["Coop[31m Salute Rossa"]);
    let g = &p.accepted[0].gestore;
    assert_eq!(
        (g.indirizzo.as_str(), g.referente.as_str()),
        ("Via Roma 1", "Ada Neri")
    );
    assert_eq!(
        rejections(&p),
        [
            (
                3,
                "la denominazione può avere al massimo 300 caratteri (ne ha 100.000)"
            ),
            (
                4,
                "l'indirizzo può avere al massimo 200 caratteri (ne ha 254)"
            ),
        ]
    );
    // The rejected row is shown shortened.
    assert!(p.rejected[0].raw.chars().count() <= 301);
}

#[test]
fn formula_cells_are_exported_with_an_apostrophe_and_imported_back_unchanged() {
    let mut g = sample_row(1, "030321");
    g.denominazione = "=HYPERLINK(\"x\")".into();
    g.referente = "@Rossi".into();
    g.comune = "-Milano".into();
    g.indirizzo = "'=già con apostrofo".into();
    let mut out = Vec::new();
    write_gestori_csv(std::slice::from_ref(&g), &mut out).expect("write");
    let text = String::from_utf8(out.clone()).expect("utf-8");
    let line = text.lines().nth(1).expect("row");
    assert_eq!(
        line,
        "030321,001,\"'=HYPERLINK(\"\"x\"\")\",ASST,''=già con apostrofo,'-Milano,\
         '+39 02 0000 0001,info@esempio.invalid,'@Rossi,,1,sì"
    );
    let p = parse_gestori(&out, "export.csv", &ImportOptions::default()).expect("preview");
    let back: Vec<Gestore> = p.accepted.into_iter().map(|r| r.gestore).collect();
    assert_eq!(back, [g]);
}

/// A one-sheet workbook ("Gestori") with a header, a Gestore in Milano and a
/// third row whose Denominazione is `third`, written with the zip writer.
fn workbook(third: &str) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
                 <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
                 <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
                 </Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" \
                 Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>\
                 <sheet name=\"Gestori\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{RELS}\">\
                 <Relationship Id=\"rId1\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"{DOC}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
                 </Relationships>"
            ),
        ),
        (
            "xl/sharedStrings.xml",
            format!(
                "<sst xmlns=\"{MAIN}\"><si><t>Denominazione</t></si><si><t>Comune</t></si>\
                 <si><t>Coop Uno</t></si><si><t>Milano</t></si><si><t>{third}</t></si></sst>"
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<worksheet xmlns=\"{MAIN}\"><sheetData>\
                 <row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>\
                 <row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>\
                 <row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>\
                 </sheetData></worksheet>"
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// Sets the unpacked size that the zip directory declares for `part`.
fn declare_unpacked_size(xlsx: &mut [u8], part: &str, size: u32) {
    let mut at = 0;
    while let Some(found) = xlsx[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + found;
        let name_len = usize::from(u16::from_le_bytes([xlsx[entry + 28], xlsx[entry + 29]]));
        if &xlsx[entry + 46..entry + 46 + name_len] == part.as_bytes() {
            xlsx[entry + 24..entry + 28].copy_from_slice(&size.to_le_bytes());
            return;
        }
        at = entry + 4;
    }
    panic!("{part} not in the directory");
}

#[test]
fn a_workbook_part_over_50_mb_unpacked_is_refused_unread() {
    let opts = ImportOptions {
        ats: Some("030321".into()),
        sheet: None,
    };
    let good = workbook("Coop Due");
    let p = parse_gestori(&good, "elenco.xlsx", &opts).expect("preview");
    assert_eq!(names(&p), ["Coop Uno", "Coop Due"]);
    // The shared strings declare 60 MB (a few KB of text that unpacks to a
    // 60 MB cell looks the same in the directory): refused before calamine
    // reads them. The zip reader never unpacks more than a part declares.
    let mut bomb = good.clone();
    declare_unpacked_size(&mut bomb, "xl/sharedStrings.xml", 60 * 1024 * 1024);
    let err = parse_gestori(&bomb, "elenco.xlsx", &opts).expect_err("too large");
    assert_eq!(
        err.to_string(),
        "file Excel (.xlsx) non accettato: la parte \"xl/sharedStrings.xml\" occupa 60 MB una \
         volta estratta (al massimo 50 MB per parte); un elenco di Gestori occupa pochi KB: \
         controllare il file"
    );
    let mut sheet = good;
    declare_unpacked_size(&mut sheet, "xl/worksheets/sheet1.xml", 50 * 1024 * 1024 + 1);
    let err = parse_gestori(&sheet, "elenco.xlsx", &opts).expect_err("too large");
    assert!(
        err.to_string()
            .contains("la parte \"xl/worksheets/sheet1.xml\" occupa 50,1 MB"),
        "{err}"
    );
}

#[test]
fn a_cell_over_excels_limit_is_refused_with_its_name() {
    let opts = ImportOptions {
        ats: Some("030321".into()),
        sheet: None,
    };
    let at_limit = "x".repeat(32_767);
    let p = parse_gestori(&workbook(&at_limit), "elenco.xlsx", &opts).expect("preview");
    // Within Excel's limit the cell is read; the row is then refused for
    // its length like any other.
    assert_eq!(
        rejections(&p),
        [(
            3,
            "la denominazione può avere al massimo 300 caratteri (ne ha 32.767)"
        )]
    );
    let err = parse_gestori(&workbook(&"x".repeat(40_000)), "elenco.xlsx", &opts)
        .expect_err("cell too long");
    assert_eq!(
        err.to_string(),
        "la cella A3 del foglio \"Gestori\" contiene 40.000 caratteri (al massimo 32.767, il \
         limite di Excel): controllare il file"
    );
}

/// A one-sheet workbook ("Gestori") whose cells are `rows`: digits-only
/// values as numbers (as Excel stores "030328" once it has taken it for a
/// number), the others as inline text.
fn workbook_rows(rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheet = format!("<worksheet xmlns=\"{MAIN}\"><sheetData>");
    for (r, cells) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in cells.iter().enumerate() {
            let at = format!("{}{}", char::from(b'A' + c as u8), r + 1);
            if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                sheet.push_str(&format!("<c r=\"{at}\"><v>{value}</v></c>"));
            } else {
                sheet.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
             </Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" \
                 Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>\
                 <sheet name=\"Gestori\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{RELS}\">\
                 <Relationship Id=\"rId1\" Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
                 </Relationships>"
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// The rows of a list that went through Excel: ATS codes and partite IVA
/// without their leading zeros.
const EXCEL_ROWS: [[&str; 3]; 6] = [
    ["Denominazione", "ATS", "Codice Fiscale/P.IVA"],
    ["Coop Uno", "30328", "1234567897"],
    ["Coop Due", "328", "12874720159"],
    ["Coop Tre", "ATS di Pavia", "1234567890"],
    ["Coop Quattro", "999", ""],
    ["Coop Cinque", "28", ""],
];

/// What the preview of [`EXCEL_ROWS`] says, as a CSV or as a workbook.
fn check_excel_damage(p: &ImportPreview) {
    assert_eq!(names(p), ["Coop Uno", "Coop Due", "Coop Tre"]);
    assert!(p.accepted.iter().all(|r| r.gestore.ats == "030328"));
    let cf: Vec<&str> = p
        .accepted
        .iter()
        .map(|r| r.gestore.cf_piva.as_str())
        .collect();
    // The third's check digit disagrees with a leading zero: left as read.
    assert_eq!(cf, ["01234567897", "12874720159", "1234567890"]);
    let warnings: Vec<(usize, Vec<&str>)> = p
        .accepted
        .iter()
        .map(|r| {
            let texts = r.warnings.iter().map(|w| &*w.to_string().leak());
            (r.line, texts.collect())
        })
        .collect();
    assert_eq!(
        warnings,
        [
            (
                2,
                vec![
                    "ATS 30328 letto come 030328: zeri iniziali persi (Excel)",
                    "P.IVA 1234567897 letta come 01234567897: zeri iniziali persi (Excel)",
                ]
            ),
            (
                3,
                vec!["ATS 328 letto come 030328: zeri iniziali persi (Excel)"]
            ),
            (
                4,
                vec![
                    "CF/P.IVA \"1234567890\" non valido: servono 11 cifre (partita IVA) o 16 \
                     caratteri (codice fiscale)"
                ]
            ),
        ]
    );
    assert_eq!(
        rejections(p),
        [
            (
                5,
                "ATS \"999\" sconosciuta: nessun codice da 030321 a 030328 finisce così"
            ),
            (
                6,
                "ATS \"28\" sconosciuta: usare un codice da 030321 a 030328 o il nome dell'ATS"
            ),
        ]
    );
}

#[test]
fn excel_lost_leading_zeros_are_restored_and_said_csv() {
    let csv: String = EXCEL_ROWS
        .iter()
        .map(|r| format!("{}\n", r.join(";")))
        .collect();
    let p =
        parse_gestori(csv.as_bytes(), "elenco.csv", &ImportOptions::default()).expect("preview");
    check_excel_damage(&p);
}

#[test]
fn excel_lost_leading_zeros_are_restored_and_said_xlsx() {
    let rows: Vec<&[&str]> = EXCEL_ROWS.iter().map(|r| &r[..]).collect();
    let p = parse_gestori(
        &workbook_rows(&rows),
        "elenco.xlsx",
        &ImportOptions::default(),
    )
    .expect("preview");
    check_excel_damage(&p);
}

/// An ATS list with its own column names: the export writes them back, in
/// the export's column order, and the file imports back unchanged.
#[test]
fn export_keeps_the_column_names_of_the_imported_list() {
    let list = "Ragione sociale;Tipologia;Indirizzo;Comune;Telefono;PEC;Referente;\
                Codice Fiscale/P.IVA;ATS;Livelli\n\
                Cooperativa Medici dei Laghi;Cooperativa MMG;Via Sacco 1;Varese;0332 1;\
                laghi@pec.esempio.invalid;Mario Rossi;12874720159;030322;1-2\n";
    let p =
        parse_gestori(list.as_bytes(), "elenco.csv", &ImportOptions::default()).expect("preview");
    assert_eq!(
        p.export_header,
        [
            "ATS",
            "Codice",
            "Ragione sociale",
            "Tipologia",
            "Indirizzo",
            "Comune",
            "Telefono",
            "PEC",
            "Referente",
            "Codice Fiscale/P.IVA",
            "Livelli",
            "Idoneo",
        ]
    );
    let rows: Vec<Gestore> = p.accepted.iter().map(|r| r.gestore.clone()).collect();
    let mut out = Vec::new();
    sportello::io::gestori::write_gestori_csv_with(&rows, &p.export_header, &mut out)
        .expect("write");
    let text = String::from_utf8(out).expect("utf-8");
    assert_eq!(
        text.lines().next(),
        Some(
            "ATS,Codice,Ragione sociale,Tipologia,Indirizzo,Comune,Telefono,PEC,Referente,\
             Codice Fiscale/P.IVA,Livelli,Idoneo"
        )
    );
    let back =
        parse_gestori(text.as_bytes(), "export.csv", &ImportOptions::default()).expect("re-import");
    assert!(back.rejected.is_empty(), "{:?}", back.rejected);
    assert!(
        back.ignored_columns.is_empty(),
        "{:?}",
        back.ignored_columns
    );
    let again: Vec<Gestore> = back.accepted.iter().map(|r| r.gestore.clone()).collect();
    assert_eq!(again, rows);
    assert_eq!(back.export_header, p.export_header);
    // A header that does not name every column is not written.
    let mut out = Vec::new();
    sportello::io::gestori::write_gestori_csv_with(&rows, &["ATS".to_string()], &mut out)
        .expect("write");
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with(&EXPORT_HEADER.join(","))
    );
}
