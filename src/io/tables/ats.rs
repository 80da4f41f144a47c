//! The ATS and ASST of Lombardy (`assets/ats.csv`, `assets/asst.csv`) and the comuni
//! assigned to an ATS other than their province's (`assets/ats-eccezioni.csv`): the
//! CSV files read into the domain's [`AtsTable`] and [`AtsRules`].

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::domain::ats::{
    ASST_HEADER, ATS_HEADER, Asst, Ats, AtsError, AtsException, AtsRules, AtsTable,
    EXCEPTIONS_HEADER,
};

/// The ATS and ASST embedded in the binary, parsed once. Should an embedded file ever be
/// unreadable the tables are empty and every lookup answers None; the tests parse the
/// embedded files and guard against it.
pub fn ats_table() -> &'static AtsTable {
    static EMBEDDED: OnceLock<AtsTable> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        let ats = parse_ats_csv(include_str!("../../../assets/ats.csv")).unwrap_or_default();
        let asst =
            parse_asst_csv(include_str!("../../../assets/asst.csv"), &ats).unwrap_or_default();
        AtsTable::new(ats, asst)
    })
}

/// The rules shipped with the application (`assets/ats-eccezioni.csv`), parsed once.
/// Should the embedded file ever be unreadable, only the province rule applies (the
/// tests guard against it).
pub fn ats_rules() -> &'static AtsRules {
    static EMBEDDED: OnceLock<AtsRules> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        parse_ats_exceptions(
            include_str!("../../../assets/ats-eccezioni.csv"),
            ats_table(),
        )
        .unwrap_or_default()
    })
}

/// Reads an exceptions table with header `belfiore,comune,provincia,ats,area`. Every
/// ATS code must exist in `table`; a Belfiore code may appear once.
/// Errors name the line of the file. A UTF-8 byte-order mark and blank lines are
/// accepted.
pub fn parse_ats_exceptions(text: &str, table: &AtsTable) -> Result<AtsRules, AtsError> {
    let mut exceptions: Vec<AtsException> = Vec::new();
    let mut first_lines: HashMap<String, u64> = HashMap::new();
    for_each_row(text, EXCEPTIONS_HEADER, |line, fields| {
        let [belfiore, comune, provincia, ats, area] = fields else {
            return Err(AtsError::FieldCount {
                line,
                expected: 5,
                found: fields.len(),
            });
        };
        let belfiore = required(line, "belfiore", belfiore)?.to_ascii_uppercase();
        if !is_belfiore(&belfiore) {
            return Err(AtsError::BadBelfiore {
                line,
                value: belfiore,
            });
        }
        let comune = required(line, "comune", comune)?;
        let provincia = province_code(line, required(line, "provincia", provincia)?)?;
        let ats = required(line, "ats", ats)?;
        if !is_ats_code(ats) {
            return Err(AtsError::BadAtsCode {
                line,
                value: ats.to_owned(),
            });
        }
        if table.ats_by_code(ats).is_none() {
            return Err(AtsError::UnknownAts {
                line,
                value: ats.to_owned(),
            });
        }
        let area = required(line, "area", area)?;
        if let Some(&first_line) = first_lines.get(&belfiore) {
            return Err(AtsError::Duplicate {
                line,
                value: belfiore,
                first_line,
            });
        }
        first_lines.insert(belfiore.clone(), line);
        exceptions.push(AtsException {
            belfiore,
            comune: comune.to_owned(),
            provincia,
            ats: ats.to_owned(),
            area: area.to_owned(),
        });
        Ok(())
    })?;
    Ok(AtsRules::new(exceptions))
}

fn required<'a>(line: u64, field: &'static str, value: &'a str) -> Result<&'a str, AtsError> {
    if value.is_empty() {
        Err(AtsError::EmptyField { line, field })
    } else {
        Ok(value)
    }
}

/// A Belfiore code: one upper-case letter and three digits ("F205", "Z404").
fn is_belfiore(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// A Ministry ATS code: six digits.
fn is_ats_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

fn province_code(line: u64, value: &str) -> Result<String, AtsError> {
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(AtsError::BadProvince {
            line,
            value: value.to_owned(),
        })
    }
}

pub fn parse_ats_csv(text: &str) -> Result<Vec<Ats>, AtsError> {
    let mut list: Vec<(u64, Ats)> = Vec::new();
    for_each_row(text, ATS_HEADER, |line, fields| {
        let [codice, denominazione, sede, province] = fields else {
            return Err(AtsError::FieldCount {
                line,
                expected: 4,
                found: fields.len(),
            });
        };
        let codice = required(line, "codice", codice)?;
        if !is_ats_code(codice) {
            return Err(AtsError::BadAtsCode {
                line,
                value: codice.to_owned(),
            });
        }
        if let Some((first_line, _)) = list.iter().find(|(_, a)| a.codice == codice) {
            return Err(AtsError::Duplicate {
                line,
                value: codice.to_owned(),
                first_line: *first_line,
            });
        }
        let province = required(line, "province", province)?
            .split_whitespace()
            .map(|p| province_code(line, p))
            .collect::<Result<Vec<_>, _>>()?;
        list.push((
            line,
            Ats {
                codice: codice.to_owned(),
                denominazione: required(line, "denominazione", denominazione)?.to_owned(),
                sede: required(line, "sede", sede)?.to_owned(),
                province,
            },
        ));
        Ok(())
    })?;
    Ok(list.into_iter().map(|(_, a)| a).collect())
}

pub fn parse_asst_csv(text: &str, ats: &[Ats]) -> Result<Vec<Asst>, AtsError> {
    let mut list: Vec<(u64, Asst)> = Vec::new();
    for_each_row(text, ASST_HEADER, |line, fields| {
        let [codice, denominazione, ats_code] = fields else {
            return Err(AtsError::FieldCount {
                line,
                expected: 3,
                found: fields.len(),
            });
        };
        let codice = required(line, "codice", codice)?;
        if let Some((first_line, _)) = list.iter().find(|(_, a)| a.codice == codice) {
            return Err(AtsError::Duplicate {
                line,
                value: codice.to_owned(),
                first_line: *first_line,
            });
        }
        let ats_code = required(line, "ats", ats_code)?;
        if !ats.iter().any(|a| a.codice == ats_code) {
            return Err(AtsError::UnknownAts {
                line,
                value: ats_code.to_owned(),
            });
        }
        list.push((
            line,
            Asst {
                codice: codice.to_owned(),
                denominazione: required(line, "denominazione", denominazione)?.to_owned(),
                ats: ats_code.to_owned(),
            },
        ));
        Ok(())
    })?;
    Ok(list.into_iter().map(|(_, a)| a).collect())
}

/// Reads a comma-separated table: checks the header (case-insensitive) and calls `row`
/// with the 1-based line number and the trimmed fields of every data row.
fn for_each_row(
    text: &str,
    header: &'static str,
    mut row: impl FnMut(u64, &[&str]) -> Result<(), AtsError>,
) -> Result<(), AtsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut header_seen = false;
    for result in reader.records() {
        let record = result.map_err(|e| AtsError::Csv {
            line: line_at(text, e.position()),
            message: e.to_string(),
        })?;
        let line = line_at(text, record.position());
        let fields: Vec<&str> = record.iter().collect();
        if header_seen {
            row(line, &fields)?;
        } else {
            let found = fields.join(",");
            if !found.eq_ignore_ascii_case(header) {
                return Err(AtsError::BadHeader {
                    line,
                    expected: header,
                    found,
                });
            }
            header_seen = true;
        }
    }
    if header_seen {
        Ok(())
    } else {
        Err(AtsError::Empty { expected: header })
    }
}

/// The 1-based line of `text` where a CSV record starts. The csv crate's own line counter
/// and byte offset both include the blank lines skipped before a record, so the offset is
/// moved past them before counting.
fn line_at(text: &str, position: Option<&csv::Position>) -> u64 {
    let Some(position) = position else { return 0 };
    let bytes = text.as_bytes();
    let mut start = usize::try_from(position.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    let newlines = bytes[..start].iter().filter(|&&b| b == b'\n').count();
    u64::try_from(newlines).map_or(u64::MAX, |n| n.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_for(belfiore: &str, provincia: &str) -> Option<&'static str> {
        ats_rules()
            .ats_for(ats_table(), belfiore, provincia)
            .map(|a| a.codice.as_str())
    }

    #[test]
    fn embedded_tables_parse() {
        let ats = parse_ats_csv(include_str!("../../../assets/ats.csv")).expect("ats.csv");
        assert_eq!(ats.len(), 8);
        assert_eq!(ats, ats_table().all_ats());
        let asst =
            parse_asst_csv(include_str!("../../../assets/asst.csv"), &ats).expect("asst.csv");
        assert_eq!(asst.len(), 26);
        assert_eq!(asst, ats_table().all_asst());
        let rules = parse_ats_exceptions(
            include_str!("../../../assets/ats-eccezioni.csv"),
            ats_table(),
        )
        .expect("ats-eccezioni.csv");
        assert_eq!(&rules, ats_rules());
    }

    #[test]
    fn eight_ats_twenty_six_asst() {
        assert_eq!(ats_table().all_ats().len(), 8);
        assert_eq!(ats_table().all_asst().len(), 26);
        for asst in ats_table().all_asst() {
            assert!(
                ats_table().ats_by_code(&asst.ats).is_some(),
                "{}",
                asst.codice
            );
        }
        let total: usize = ats_table()
            .all_ats()
            .iter()
            .map(|a| ats_table().asst_of(&a.codice).len())
            .sum();
        assert_eq!(total, 26);
        let montagna = ats_table()
            .ats_by_code("030323")
            .expect("ATS della Montagna");
        assert_eq!(montagna.denominazione, "ATS della Montagna");
        assert_eq!(montagna.sede, "Sondrio");
        assert_eq!(montagna.province, ["SO"]);
        let names: Vec<&str> = ats_table()
            .asst_of("030323")
            .iter()
            .map(|a| a.denominazione.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "ASST della Valtellina e dell'Alto Lario",
                "ASST della Valcamonica"
            ]
        );
        assert_eq!(
            ats_table().ats_by_code(" 030321 ").map(|a| a.sede.as_str()),
            Some("Milano")
        );
        assert!(ats_table().ats_by_code("030329").is_none());
        assert!(ats_table().asst_of("999999").is_empty());
    }

    #[test]
    fn every_lombard_province_has_exactly_one_ats() {
        let mut provinces: Vec<&str> = ats_table()
            .all_ats()
            .iter()
            .flat_map(|a| a.province.iter().map(String::as_str))
            .collect();
        provinces.sort_unstable();
        assert_eq!(
            provinces,
            [
                "BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA"
            ]
        );
    }

    #[test]
    fn ats_of_residence_real_values() {
        // Milano F205 and Lodi E648: ATS della Città Metropolitana di Milano.
        assert_eq!(code_for("F205", "MI"), Some("030321"));
        assert_eq!(code_for("E648", "LO"), Some("030321"));
        // Como C933: Insubria; Dongo D341 (Alto Lario): Montagna.
        assert_eq!(code_for("C933", "CO"), Some("030322"));
        assert_eq!(code_for("D341", "CO"), Some("030323"));
        // Menaggio F120 (Medio Lario, back to Insubria since 2019).
        assert_eq!(code_for("F120", "CO"), Some("030322"));
        // Breno B149 (Valle Camonica): Montagna; Brescia B157: ATS di Brescia.
        assert_eq!(code_for("B149", "BS"), Some("030323"));
        assert_eq!(code_for("B157", "BS"), Some("030326"));
        // Sondrio I829, Monza F704, Lecco E507, Bergamo A794, Cremona D150, Mantova E897,
        // Pavia G388, Varese L682.
        assert_eq!(code_for("I829", "SO"), Some("030323"));
        assert_eq!(code_for("F704", "MB"), Some("030324"));
        assert_eq!(code_for("E507", "LC"), Some("030324"));
        assert_eq!(code_for("A794", "BG"), Some("030325"));
        assert_eq!(code_for("D150", "CR"), Some("030327"));
        assert_eq!(code_for("E897", "MN"), Some("030327"));
        assert_eq!(code_for("G388", "PV"), Some("030328"));
        assert_eq!(code_for("L682", "VA"), Some("030322"));
        // Outside Lombardy.
        assert_eq!(code_for("H501", "RM"), None);
        assert_eq!(code_for("", ""), None);
        // Case and spaces do not matter.
        assert_eq!(code_for(" d341 ", "co"), Some("030323"));
        assert_eq!(code_for("f205", " mi "), Some("030321"));
    }

    #[test]
    fn embedded_exceptions_are_consistent() {
        let rules = ats_rules();
        let exceptions = rules.exceptions();
        let camonica = exceptions
            .iter()
            .filter(|e| e.area == "Valle Camonica")
            .count();
        let lario = exceptions.iter().filter(|e| e.area == "Alto Lario").count();
        assert_eq!((camonica, lario), (41, 16));
        for e in exceptions {
            assert_eq!(e.ats, "030323", "{}", e.comune);
            let expected_province = if e.area == "Valle Camonica" {
                "BS"
            } else {
                "CO"
            };
            assert_eq!(e.provincia, expected_province, "{}", e.comune);
        }
        let breno = rules.exception("b149").expect("Breno listed");
        assert_eq!(
            (breno.comune.as_str(), breno.provincia.as_str()),
            ("Breno", "BS")
        );
        assert!(rules.exception("B157").is_none());
    }

    #[test]
    fn every_exception_is_a_current_comune_of_its_province() {
        let belfiore = include_str!("../../../assets/comuni-belfiore.csv");
        for e in ats_rules().exceptions() {
            let wanted = format!("{},{},", e.belfiore, e.provincia);
            let found = belfiore
                .lines()
                .any(|l| l.starts_with(&wanted) && l.trim_end().ends_with(",1"));
            assert!(found, "{} {} not a current comune", e.belfiore, e.comune);
        }
    }

    #[test]
    fn a_parsed_table_replaces_the_embedded_one() {
        let rules = parse_ats_exceptions(
            "\u{feff}Belfiore,Comune,Provincia,ATS,Area\r\n\r\nc933,Como,co,030321,Prova\r\n",
            ats_table(),
        )
        .expect("valid table");
        assert_eq!(rules.exceptions().len(), 1);
        assert_eq!(rules.exceptions()[0].belfiore, "C933");
        assert_eq!(rules.exceptions()[0].provincia, "CO");
        assert_eq!(
            rules
                .ats_for(ats_table(), "C933", "CO")
                .map(|a| a.codice.as_str()),
            Some("030321")
        );
        // Dongo is not in this table: the province rule applies.
        assert_eq!(
            rules
                .ats_for(ats_table(), "D341", "CO")
                .map(|a| a.codice.as_str()),
            Some("030322")
        );
        let empty = AtsRules::default();
        assert_eq!(
            empty
                .ats_for(ats_table(), "B149", "BS")
                .map(|a| a.codice.as_str()),
            Some("030326")
        );
    }

    #[test]
    fn malformed_exceptions_name_the_line() {
        const H: &str = "belfiore,comune,provincia,ats,area\n";
        let cases: Vec<(String, AtsError)> = vec![
            (
                String::new(),
                AtsError::Empty {
                    expected: EXCEPTIONS_HEADER,
                },
            ),
            (
                "belfiore;comune;provincia;ats;area\n".into(),
                AtsError::BadHeader {
                    line: 1,
                    expected: EXCEPTIONS_HEADER,
                    found: "belfiore;comune;provincia;ats;area".into(),
                },
            ),
            (
                format!("{H}B149,Breno,BS,030323,Valle Camonica\nD341,Dongo,CO,030323\n"),
                AtsError::FieldCount {
                    line: 3,
                    expected: 5,
                    found: 4,
                },
            ),
            (
                format!("{H}B14,Breno,BS,030323,Valle Camonica\n"),
                AtsError::BadBelfiore {
                    line: 2,
                    value: "B14".into(),
                },
            ),
            (
                format!("{H}B149,Breno,Brescia,030323,Valle Camonica\n"),
                AtsError::BadProvince {
                    line: 2,
                    value: "Brescia".into(),
                },
            ),
            (
                format!("{H}B149,Breno,BS,30323,Valle Camonica\n"),
                AtsError::BadAtsCode {
                    line: 2,
                    value: "30323".into(),
                },
            ),
            (
                format!("{H}B149,Breno,BS,030399,Valle Camonica\n"),
                AtsError::UnknownAts {
                    line: 2,
                    value: "030399".into(),
                },
            ),
            (
                format!("{H}B149,,BS,030323,Valle Camonica\n"),
                AtsError::EmptyField {
                    line: 2,
                    field: "comune",
                },
            ),
            (
                format!(
                    "{H}B149,Breno,BS,030323,Valle Camonica\n\nb149,Breno,BS,030323,Valle Camonica\n"
                ),
                AtsError::Duplicate {
                    line: 4,
                    value: "B149".into(),
                    first_line: 2,
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_ats_exceptions(&text, ats_table()),
                Err(expected),
                "{text:?}"
            );
        }
        let err = parse_ats_exceptions(
            &format!("{H}B149,Breno,BS,030399,Valle Camonica\n"),
            ats_table(),
        )
        .expect_err("unknown ATS");
        assert_eq!(
            err.to_string(),
            "riga 2: codice ATS \"030399\" sconosciuto, usare un codice dell'elenco ATS"
        );
    }

    #[test]
    fn malformed_reference_tables_are_errors() {
        assert!(matches!(
            parse_ats_csv("codice,denominazione,sede,province\n030321,ATS,Milano,MI LOD\n"),
            Err(AtsError::BadProvince { line: 2, .. })
        ));
        assert!(matches!(
            parse_ats_csv(
                "codice,denominazione,sede,province\n030321,A,Milano,MI\n030321,B,Lodi,LO\n"
            ),
            Err(AtsError::Duplicate {
                line: 3,
                first_line: 2,
                ..
            })
        ));
        assert!(matches!(
            parse_asst_csv(
                "codice,denominazione,ats\n030701,ASST X,030399\n",
                ats_table().all_ats()
            ),
            Err(AtsError::UnknownAts { line: 2, .. })
        ));
    }
}
