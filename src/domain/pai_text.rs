//! The PAI as plain text: for the PDF handed to the patient, the receipt
//! printer, and the PAI summary inside the Patto di Cura.

use std::fmt::Write;

use super::pai::{Categoria, Pai, PaiStato};
use super::pathology::Catalogue;

/// One line per item, for the Patto's PAI section: "descrizione — frequenza".
pub fn summary_lines(pai: &Pai) -> Vec<String> {
    pai.items
        .iter()
        .filter(|i| i.categoria != Categoria::StileDiVita)
        .map(|i| format!("{} — {}", i.descrizione, i.frequenza.label()))
        .collect()
}

/// The whole plan, sectioned, dates dd/mm/yyyy.
pub fn render(
    pai: &Pai,
    catalogue: &Catalogue,
    patient_name: &str,
    codice_fiscale: &str,
) -> String {
    let mut t = String::new();
    let d = |x: chrono::NaiveDate| x.format("%d/%m/%Y").to_string();
    let _ = writeln!(t, "PIANO DI ASSISTENZA INDIVIDUALE (PAI)");
    let _ = writeln!(
        t,
        "Paziente: {patient_name} — codice fiscale {codice_fiscale}"
    );
    let _ = writeln!(
        t,
        "Periodo: dal {} al {} — versione {} — {}",
        d(pai.anno_dal),
        d(pai.anno_al),
        pai.versione,
        match &pai.stato {
            PaiStato::Bozza => "bozza".to_string(),
            PaiStato::Condiviso { condiviso_il, .. } =>
                format!("condiviso il {}", d(*condiviso_il)),
            PaiStato::Concluso { il, motivo } => format!("concluso il {} ({motivo})", d(*il)),
        }
    );
    let _ = writeln!(t, "Clinical Manager: {}", pai.clinical_manager);
    let mut codes: Vec<&str> = pai
        .items
        .iter()
        .flat_map(|i| i.patologie.iter().map(String::as_str))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if !codes.is_empty() {
        let names: Vec<String> = codes.iter().map(|c| catalogue.label(c)).collect();
        let _ = writeln!(t, "Patologie: {}", names.join(", "));
    }
    for cat in Categoria::ALL {
        let items: Vec<_> = pai.items.iter().filter(|i| i.categoria == cat).collect();
        if items.is_empty() || cat == Categoria::StileDiVita {
            continue;
        }
        let _ = writeln!(t, "\n{}", cat.label().to_uppercase());
        for i in items {
            let _ = write!(
                t,
                "- {} — {} — {}",
                i.descrizione,
                i.frequenza.label(),
                i.luogo.label()
            );
            if let Some(p) = &i.preparazione {
                let _ = write!(t, " — {p}");
            }
            if let Some(c) = &i.codice_prestazione {
                let _ = write!(t, " (cod. {c})");
            }
            let _ = writeln!(t);
        }
    }
    let lists = [
        (
            "FARMACI",
            pai.farmaci
                .iter()
                .map(|f| {
                    let mut s = f.nome();
                    for extra in [&f.posologia, &f.durata, &f.note] {
                        if !extra.trim().is_empty() {
                            s.push_str(" — ");
                            s.push_str(extra.trim());
                        }
                    }
                    s
                })
                .collect::<Vec<_>>(),
        ),
        ("STILE DI VITA", pai.stile_di_vita.clone()),
        ("VACCINAZIONI", pai.vaccinazioni.clone()),
        ("ESENZIONI", pai.esenzioni.clone()),
        ("ALLERGIE", pai.allergie.clone()),
    ];
    for (title, lines) in lists {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(t, "\n{title}");
        for l in lines {
            let _ = writeln!(t, "- {l}");
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_sections_and_summary() {
        let dal = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let al = chrono::NaiveDate::from_ymd_opt(2027, 1, 14).unwrap();
        let pai = Pai::from_templates(
            7,
            1,
            2,
            dal,
            al,
            "Dott.ssa Elena Sala",
            &["50".to_string(), "56".to_string()],
            crate::io::tables::pai_templates(),
        );
        let text = render(
            &pai,
            crate::io::tables::pathologies(),
            "Niccolò D'Adda",
            "DDDNCL50C12F205X",
        );
        assert!(
            text.contains("Periodo: dal 15/01/2026 al 14/01/2027 — versione 1 — bozza"),
            "{text}"
        );
        assert!(
            text.contains("Patologie: 50 Diabete mellito tipo 2, 56 Ipertensione arteriosa"),
            "{text}"
        );
        assert!(
            text.contains("ESAME DI LABORATORIO") || text.contains("ESAMI DI LABORATORIO"),
            "{text}"
        );
        assert!(text.contains("STILE DI VITA"));
        let lines = summary_lines(&pai);
        assert!(
            lines
                .iter()
                .any(|l| l.to_lowercase().contains("creatinina")),
            "{lines:?}"
        );
        assert_eq!(
            lines.len(),
            pai.items
                .iter()
                .filter(|i| i.categoria != Categoria::StileDiVita)
                .count()
        );
    }
}
