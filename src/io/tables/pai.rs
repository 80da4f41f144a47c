//! The PAI templates per pathology (`assets/pai-modelli.csv`): the CSV read
//! into the domain's [`PaiTemplates`], whose checks across rows stay in the domain.

use std::sync::OnceLock;

use crate::domain::pai::{
    Categoria, Frequenza, Luogo, PaiError, PaiTemplateItem, PaiTemplates, lower_first,
};
use crate::domain::text::fold;

/// The templates embedded in the binary (`assets/pai-modelli.csv`), parsed once.
pub fn pai_templates() -> &'static PaiTemplates {
    static EMBEDDED: OnceLock<PaiTemplates> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        parse_pai_templates(include_str!("../../../assets/pai-modelli.csv")).unwrap_or_default()
    })
}

/// Parses the template CSV (columns [`COLONNE`], header required, any order).
/// The first error stops the parse, with its line number: a file with
/// errors changes nothing.
pub fn parse_pai_templates(text: &str) -> Result<PaiTemplates, PaiError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(_) => return Err(PaiError::Intestazione),
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c_pat), Some(c_cat), Some(c_descr), Some(c_freq)) = (
        column("patologia"),
        column("categoria"),
        column("descrizione"),
        column("frequenza"),
    ) else {
        return Err(PaiError::Intestazione);
    };
    let cols = Columns {
        patologia: c_pat,
        chiave: column("chiave"),
        categoria: c_cat,
        descrizione: c_descr,
        codice: column("codice"),
        frequenza: c_freq,
        preparazione: column("preparazione"),
        luogo: column("luogo"),
        risorsa: column("risorsa"),
        dopo: column("dopo"),
        note: column("note"),
    };

    let mut rows: Vec<(usize, PaiTemplateItem)> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let fallback_line = index + 2;
        let record = record.map_err(|e| PaiError::Riga {
            line: e
                .position()
                .and_then(|p| usize::try_from(p.line()).ok())
                .unwrap_or(fallback_line),
            reason: "riga non leggibile come CSV".into(),
        })?;
        let line = record
            .position()
            .and_then(|p| usize::try_from(p.line()).ok())
            .unwrap_or(fallback_line);
        if record.len() > headers.len() {
            return Err(PaiError::Riga {
                line,
                reason: format!(
                    "{} colonne invece di {}: racchiudere tra virgolette i testi con la virgola",
                    record.len(),
                    headers.len()
                ),
            });
        }
        let item = parse_row(&record, &cols).map_err(|reason| PaiError::Riga { line, reason })?;
        rows.push((line, item));
    }
    PaiTemplates::from_rows(rows)
}

/// Positions of the columns in the file.
struct Columns {
    patologia: usize,
    chiave: Option<usize>,
    categoria: usize,
    descrizione: usize,
    codice: Option<usize>,
    frequenza: usize,
    preparazione: Option<usize>,
    luogo: Option<usize>,
    risorsa: Option<usize>,
    dopo: Option<usize>,
    note: Option<usize>,
}

fn parse_row(record: &csv::StringRecord, cols: &Columns) -> Result<PaiTemplateItem, String> {
    let get = |c: usize| record.get(c).unwrap_or("").trim();
    let opt = |c: Option<usize>| c.map_or("", get);
    let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());

    let pathology = get(cols.patologia).to_uppercase();
    if pathology.is_empty() {
        return Err("manca il codice della patologia".into());
    }
    let cat_text = get(cols.categoria);
    let categoria = Categoria::parse(cat_text).ok_or_else(|| {
        format!(
            "categoria non riconosciuta: «{cat_text}» (ammesse: {})",
            Categoria::ALL.map(|c| c.label().to_lowercase()).join(", ")
        )
    })?;
    let descrizione = get(cols.descrizione).to_string();
    if descrizione.is_empty() {
        return Err("manca la descrizione".into());
    }
    let freq_text = get(cols.frequenza);
    let dopo: Vec<String> = opt(cols.dopo)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();

    let (frequenza, luogo) = if categoria == Categoria::StileDiVita {
        let frequenza = if freq_text.is_empty() {
            Frequenza::UnaVolta
        } else {
            Frequenza::parse(freq_text).map_err(|e| lower_first(&e.to_string()))?
        };
        if !dopo.is_empty() {
            return Err("un consiglio sullo stile di vita non ha dipendenze («dopo»)".into());
        }
        (frequenza, Luogo::in_sede(""))
    } else {
        if freq_text.is_empty() {
            return Err("manca la frequenza (es. 4/anno, ogni 6 mesi, una volta)".into());
        }
        let frequenza = Frequenza::parse(freq_text).map_err(|e| lower_first(&e.to_string()))?;
        let luogo_text = opt(cols.luogo);
        let risorsa = opt(cols.risorsa);
        let luogo = match fold(luogo_text).as_str() {
            "SEDE" | "IN SEDE" => {
                if risorsa.is_empty() {
                    return Err("indicare la risorsa in sede (es. punto prelievi)".into());
                }
                Luogo::in_sede(risorsa)
            }
            "ESTERNO" | "EROGATORE ESTERNO" => {
                if risorsa.is_empty() {
                    return Err("indicare l'erogatore esterno (es. cardiologia)".into());
                }
                Luogo::esterno(risorsa)
            }
            _ => {
                return Err(format!(
                    "luogo non riconosciuto: «{luogo_text}» (usare «sede» o «esterno»)"
                ));
            }
        };
        (frequenza, luogo)
    };

    Ok(PaiTemplateItem {
        pathology,
        chiave: opt(cols.chiave).to_string(),
        categoria,
        descrizione,
        codice_prestazione: non_empty(opt(cols.codice)),
        frequenza,
        preparazione: non_empty(opt(cols.preparazione)),
        luogo,
        dopo,
        note: opt(cols.note).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line_error(text: &str) -> (usize, String) {
        match parse_pai_templates(text) {
            Err(PaiError::Riga { line, reason }) => (line, reason),
            other => panic!("atteso un errore di riga, ottenuto {other:?}"),
        }
    }

    const HEADER: &str = "patologia,chiave,categoria,descrizione,codice,frequenza,preparazione,luogo,risorsa,dopo,note\n";

    #[test]
    fn embedded_templates_follow_the_sgdt_codes() {
        let parsed = parse_pai_templates(include_str!("../../../assets/pai-modelli.csv"));
        let parsed = parsed.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&parsed, pai_templates());
        let catalogue = super::super::pathologies();
        for code in parsed.pathologies() {
            assert!(catalogue.get(code).is_some(), "{code} non è nel catalogo");
            let items = parsed
                .for_pathology(code)
                .filter(|t| t.categoria != Categoria::StileDiVita)
                .count();
            let advice = parsed
                .for_pathology(code)
                .filter(|t| t.categoria == Categoria::StileDiVita)
                .count();
            assert!(items >= 3, "{code}: {items} prestazioni");
            assert!(advice >= 1, "{code}: nessun consiglio");
        }
        // Every pathology of the old catalogue keeps its template under its SGDT code.
        for (_, code) in crate::domain::pathology::LEGACY_CODES {
            assert!(parsed.has_pathology(code), "{code}");
        }
        // Items per pathology, as documented in the README: the 15 of the first
        // catalogue, diabetes type 1 (44), the complicated forms (16 of 50, 8 of
        // 44) and Alzheimer (47, the dementia template).
        let counts: Vec<(&str, usize)> = parsed
            .pathologies()
            .into_iter()
            .map(|p| {
                let n = parsed
                    .for_pathology(p)
                    .filter(|t| t.categoria != Categoria::StileDiVita)
                    .count();
                (p, n)
            })
            .collect();
        assert_eq!(
            counts,
            [
                ("50", 11),
                ("16", 12),
                ("44", 11),
                ("8", 13),
                ("56", 9),
                ("39", 7),
                ("20", 12),
                ("29", 8),
                ("30", 8),
                ("17", 13),
                ("60", 3),
                ("48", 5),
                ("63", 5),
                ("49", 6),
                ("40", 9),
                ("33", 4),
                ("28", 5),
                ("47", 5),
                ("34", 5),
            ]
        );
        let hba1c = |code: &str| {
            parsed
                .for_pathology(code)
                .find(|t| t.chiave == "HBA1C")
                .map(|t| t.frequenza)
        };
        assert_eq!(hba1c("50"), Some(Frequenza::VoltePerAnno(3)));
        // The complicated forms: the same base, checked more often, plus a
        // cardiology visit.
        assert_eq!(hba1c("16"), Some(Frequenza::VoltePerAnno(4)));
        assert_eq!(hba1c("8"), Some(Frequenza::VoltePerAnno(4)));
        for complicated in ["16", "8"] {
            assert!(
                parsed
                    .for_pathology(complicated)
                    .any(|t| t.descrizione == "Visita cardiologica"),
                "{complicated}"
            );
        }
        let base = parsed
            .for_pathology("50")
            .find(|t| t.chiave == "HBA1C")
            .unwrap();
        assert_eq!(base.codice_prestazione.as_deref(), Some("90.28.1"));
        assert_eq!(base.luogo, Luogo::in_sede("punto prelievi"));
        assert!(!parsed.has_pathology("XYZ"));
    }

    #[test]
    fn template_errors_carry_line_numbers() {
        assert_eq!(
            parse_pai_templates("codice,nome\nA,B\n"),
            Err(PaiError::Intestazione)
        );
        assert_eq!(parse_pai_templates(""), Err(PaiError::Intestazione));
        let ok = "DM2,GLIC,esame di laboratorio,Glicemia,90.27.1,annuale,a digiuno,sede,punto prelievi,,\n";

        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,HB,esame di laboratorio,HbA1c,90.28.1,0/anno,,sede,punto prelievi,,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (3, "la frequenza non può essere 0")
        );

        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,HB,esami vari,HbA1c,,annuale,,sede,punto prelievi,,\n"
        ));
        assert_eq!(line, 3);
        assert!(
            reason.starts_with("categoria non riconosciuta: «esami vari»"),
            "{reason}"
        );

        let (line, reason) = line_error(&format!("{HEADER}{ok}{ok}"));
        assert_eq!(
            (line, reason.as_str()),
            (3, "chiave «GLIC» già usata per DM2 alla riga 2")
        );

        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,GLIC2,esame di laboratorio,Glicemia bis,90.27.1,annuale,,sede,punto prelievi,,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (3, "«Glicemia bis» già presente per DM2 alla riga 2")
        );

        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,V,visita,Visita,,2/anno,,sede,ambulatorio MMG,GLIC;HBA1C,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (
                3,
                "«HBA1C» in «dopo» non corrisponde a nessuna prestazione di DM2"
            )
        );

        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,V,visita,Visita,,2/anno,,ovunque,x,,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (
                3,
                "luogo non riconosciuto: «ovunque» (usare «sede» o «esterno»)"
            )
        );

        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,V,visita,Visita,,2/anno,,sede,,,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (3, "indicare la risorsa in sede (es. punto prelievi)")
        );

        let (line, reason) = line_error(&format!("{HEADER}{ok}DM2,V,visita,,,2/anno,,sede,x,,\n"));
        assert_eq!((line, reason.as_str()), (3, "manca la descrizione"));

        let (line, reason) = line_error(&format!("{HEADER}{ok}DM2,V,visita,Visita,,,,sede,x,,\n"));
        assert_eq!(line, 3);
        assert!(reason.starts_with("manca la frequenza"));

        // A comma not quoted makes an extra column.
        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}DM2,L,esame di laboratorio,Profilo lipidico (colesterolo, HDL),,annuale,,sede,x,,\n"
        ));
        assert_eq!(line, 3);
        assert!(reason.starts_with("12 colonne invece di 11"), "{reason}");

        // Cycle: the line of the first item of the cycle.
        let (line, reason) = line_error(&format!(
            "{HEADER}{ok}\
         X,A,visita,Visita A,,annuale,,sede,x,B,\n\
         X,B,esame di laboratorio,Esame B,,annuale,,sede,x,A,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (3, "dipendenze circolari per X: A → B → A")
        );

        let (line, reason) = line_error(&format!(
            "{HEADER}X,A,visita,Visita A,,annuale,,sede,x,A,\n"
        ));
        assert_eq!(
            (line, reason.as_str()),
            (2, "dipendenze circolari per X: A → A")
        );

        // A quoted field over two lines: the next record's line is still right.
        let (line, _) = line_error(&format!(
            "{HEADER}DM2,N,stile di vita,\"Riga uno\nriga due\",,,,,,,\nDM2,V,visita,Visita,,mai,,sede,x,,\n"
        ));
        assert_eq!(line, 4);

        // Error messages for the operator.
        assert_eq!(
            PaiError::Riga {
                line: 3,
                reason: "manca la descrizione".into()
            }
            .to_string(),
            "Riga 3: manca la descrizione"
        );
        assert!(
            PaiError::Intestazione
                .to_string()
                .contains("patologia,chiave,categoria")
        );
    }

    #[test]
    fn minimal_template_columns_and_advice_rows() {
        let text = "\u{feff}Patologia,Categoria,Descrizione,Frequenza,Luogo,Risorsa\n\
                x,visita,Visita,trimestrale,in sede,ambulatorio MMG\n\
                x,stile di vita,Camminare,,,\n";
        let t = parse_pai_templates(text).unwrap();
        assert_eq!(t.items().len(), 2);
        assert_eq!(t.items()[0].pathology, "X");
        assert_eq!(t.items()[0].frequenza, Frequenza::VoltePerAnno(4));
        assert_eq!(t.items()[1].frequenza, Frequenza::UnaVolta);
        assert_eq!(t.items()[0].codice_prestazione, None);
    }

    proptest! {
        #[test]
        fn parser_never_panics(text in "\\PC{0,200}") {
            let _ = parse_pai_templates(&text);
            let _ = parse_pai_templates(&format!("{HEADER}{text}"));
        }
    }
}
