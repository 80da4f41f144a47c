//! Proptest fuzzing of what comes from outside: codici fiscali as typed or
//! pasted, and Gestori lists (CSV and XLSX) as ATS publish them. Arbitrary
//! bytes and mutations of valid inputs; the only requirement is "an answer,
//! never a panic". The record decoders are fuzzed in src/store/fuzz.rs.
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` runs them harder.

use chrono::NaiveDate;
use proptest::prelude::*;
use sportello::domain::Sex;
use sportello::domain::codice_fiscale::{CodiceFiscale, compute};
use sportello::io::gestori::{ImportOptions, parse_gestori, sample_gestori, write_gestori_csv};

fn cases(default: u32) -> ProptestConfig {
    ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(default),
    )
}

/// A valid code to start the mutations from.
fn valid_cf() -> impl Strategy<Value = String> {
    (
        "[A-Za-zÀ-ÿ' ]{1,12}",
        "[A-Za-zÀ-ÿ' ]{1,12}",
        any::<bool>(),
        0i64..40_000,
        prop::sample::select(vec!["F205", "H501", "Z404", "L219", "A794"]),
    )
        .prop_filter_map("computable", |(s, n, male, days, place)| {
            let birth = NaiveDate::from_ymd_opt(1915, 1, 1)? + chrono::Duration::days(days);
            let sex = if male { Sex::M } else { Sex::F };
            compute(&s, &n, sex, birth, place, sportello::service::comuni())
                .ok()
                .map(|c| c.as_str().to_string())
        })
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
    Lower,
    Spaces(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let any_char = prop_oneof![
        prop::char::range('0', 'Z'),
        any::<char>(),
        Just(' '),
        Just('\u{0301}'),
    ];
    prop_oneof![
        (any::<usize>(), any_char.clone()).prop_map(|(i, c)| Edit::Replace(i, c)),
        (any::<usize>(), any_char).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        Just(Edit::Lower),
        any::<usize>().prop_map(Edit::Spaces),
    ]
}

fn apply(code: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    for e in edits {
        let n = chars.len().max(1);
        match e {
            Edit::Replace(i, c) => {
                if let Some(x) = chars.get_mut(i % n) {
                    *x = *c;
                }
            }
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), *c),
            Edit::Delete(i) => {
                if !chars.is_empty() {
                    chars.remove(i % n);
                }
            }
            Edit::Lower => chars = chars.iter().flat_map(|c| c.to_lowercase()).collect(),
            Edit::Spaces(i) => chars.insert(i % (chars.len() + 1), ' '),
        }
    }
    chars.into_iter().collect()
}

fn exercise_cf(text: &str) {
    if let Ok(cf) = CodiceFiscale::parse(text, sportello::service::comuni()) {
        // A code that parses decodes on any day, and its normal form parses.
        for today in [
            NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            NaiveDate::from_ymd_opt(2199, 12, 31).unwrap(),
        ] {
            let _ = cf.decode(today, sportello::service::comuni());
            let _ = cf.try_decode(today, sportello::service::comuni());
        }
        let normal = cf.normalized();
        assert!(
            CodiceFiscale::parse(&normal, sportello::service::comuni()).is_ok(),
            "{text} -> {normal}"
        );
        let _ = cf.is_omocode();
    }
}

/// Valid CSV bytes of the sample list, in the encodings the importer reads.
fn sample_csv() -> Vec<u8> {
    let mut out = Vec::new();
    write_gestori_csv(&sample_gestori(), &mut out).unwrap();
    out
}

fn xlsx_fixture() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gestori/due-fogli.xlsx"
    ))
    .unwrap()
}

fn options() -> impl Strategy<Value = ImportOptions> {
    (
        prop::option::of(prop::sample::select(vec![
            "030321",
            "ATS Milano",
            "Bergamo",
            "nessuna",
            "",
        ])),
        prop::option::of(prop::sample::select(vec!["Gestori idonei", "Foglio1", ""])),
    )
        .prop_map(|(ats, sheet)| ImportOptions {
            ats: ats.map(str::to_string),
            sheet: sheet.map(str::to_string),
        })
}

fn name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "elenco.csv",
        "elenco.xlsx",
        "elenco.txt",
        "elenco",
        "x.XLS",
    ])
}

/// Byte-level mutations of a valid file.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, kind, byte) in edits {
        let n = bytes.len().max(1);
        match kind % 4 {
            0 => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b = byte;
                }
            }
            1 => bytes.insert(at % (bytes.len() + 1), byte),
            2 => {
                if !bytes.is_empty() {
                    bytes.remove(at % n);
                }
            }
            _ => bytes.truncate(at % n),
        }
    }
    bytes
}

/// A CSV cell with the characters that trouble parsers.
fn cell() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 àé;,\t\"\r\n'\\\\/-]{0,12}"
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn mutated_codici_fiscali_never_panic(code in valid_cf(), edits in prop::collection::vec(edit(), 0..4)) {
        exercise_cf(&apply(&code, &edits));
    }

    #[test]
    fn codice_fiscale_shaped_noise_never_panics(s in "[A-Z0-9a-z ]{0,20}") {
        exercise_cf(&s);
    }
}

proptest! {
    #![proptest_config(cases(500))]

    #[test]
    fn arbitrary_bytes_as_a_gestori_list_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        file in name(),
        opts in options(),
    ) {
        let _ = parse_gestori(&bytes, file, &opts);
    }

}

proptest! {
    // Each case reads the whole sample list (about 30 ms unoptimised).
    #![proptest_config(cases(100))]

    #[test]
    fn mutated_csv_lists_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
        file in name(),
        opts in options(),
        encoding in 0u8..4,
    ) {
        let csv = sample_csv();
        let csv = match encoding {
            // UTF-8 with BOM, UTF-16 LE with BOM, Windows-1252, plain UTF-8.
            0 => [&[0xEF, 0xBB, 0xBF][..], &csv].concat(),
            1 => {
                let text = String::from_utf8(csv).unwrap();
                let mut out = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    out.extend_from_slice(&u.to_le_bytes());
                }
                out
            }
            2 => encoding_rs::WINDOWS_1252
                .encode(std::str::from_utf8(&csv).unwrap())
                .0
                .into_owned(),
            _ => csv,
        };
        let _ = parse_gestori(&mutate(csv, &edits), file, &opts);
    }

    #[test]
    fn generated_csv_tables_never_panic(
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..12), 0..20),
        header in 0usize..3,
        sep in prop::sample::select(vec![";", ",", "\t", "|"]),
        opts in options(),
    ) {
        let headers = [
            "Denominazione;ATS;Tipo;Comune;Indirizzo;Telefono;Livelli",
            "ragione sociale,ats,comune",
            "",
        ];
        let mut text = headers[header].replace(';', sep);
        for row in rows {
            text.push('\n');
            text.push_str(&row.join(sep));
        }
        let _ = parse_gestori(text.as_bytes(), "elenco.csv", &opts);
    }
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn mutated_workbooks_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
        opts in options(),
    ) {
        let _ = parse_gestori(&mutate(xlsx_fixture(), &edits), "elenco.xlsx", &opts);
    }
}
