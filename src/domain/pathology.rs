//! The pathology catalogue: the Region's SGDT classification of chronic
//! pathologies (65 codes, code system [`SGDT_SYSTEM`], version of 2024-01-25),
//! with a readable name beside each published description and the ICD-9-CM
//! code where sportello had one. The embedded table is read by
//! `io::tables::pathologies`; the domain keeps the type and the rules.

/// The Region's code system of the chronic pathologies.
pub const SGDT_SYSTEM: &str =
    "https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-PatologieNonICD9CM";

/// Date of the published version of [`SGDT_SYSTEM`] that sportello ships.
pub const SGDT_DATE: &str = "2024-01-25";

/// The codes of sportello's first catalogue and the SGDT codes they became
/// (store format 5 rewrites them wherever they are stored).
pub const LEGACY_CODES: [(&str, &str); 15] = [
    ("IPA", "56"),
    ("DM2", "50"),
    ("BPCO", "39"),
    ("SCC", "20"),
    ("CIS", "29"),
    ("FA", "30"),
    ("IRC", "17"),
    ("IPOT", "60"),
    ("DISL", "48"),
    ("ASMA", "63"),
    ("OSTP", "49"),
    ("AR", "40"),
    ("PARK", "33"),
    ("DEM", "28"),
    ("EPI", "34"),
];

/// The SGDT code of an old catalogue code (ignoring case and spaces), if it was one.
pub fn legacy_code(old: &str) -> Option<&'static str> {
    let old = old.trim();
    LEGACY_CODES
        .iter()
        .find(|(o, _)| o.eq_ignore_ascii_case(old))
        .map(|(_, new)| *new)
}

/// Rewrites the old catalogue codes among `codes` to their SGDT codes,
/// keeping the order and each code once; unknown codes are kept as they are.
/// Whether anything changed.
pub fn recode(codes: &mut Vec<String>) -> bool {
    let mut out: Vec<String> = Vec::with_capacity(codes.len());
    for c in codes.iter() {
        let new = legacy_code(c).map_or_else(|| c.clone(), str::to_string);
        if !out.contains(&new) {
            out.push(new);
        }
    }
    let changed = out != *codes;
    *codes = out;
    changed
}

/// Which pathologies each ATS allows as primary: ATS code -> allowed SGDT
/// codes. An ATS without a row allows any pathology.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrimarieAts {
    rows: std::collections::BTreeMap<String, Vec<String>>,
}

impl PrimarieAts {
    /// Whether `code` may be the primary pathology of a patient of `ats`.
    pub fn allows(&self, ats: &str, code: &str) -> bool {
        self.rows
            .get(ats.trim())
            .is_none_or(|codes| codes.iter().any(|c| c.eq_ignore_ascii_case(code.trim())))
    }

    /// The codes `ats` allows, `None` when it allows any.
    pub fn allowed(&self, ats: &str) -> Option<&[String]> {
        self.rows.get(ats.trim()).map(Vec::as_slice)
    }

    /// Sets the codes `ats` allows; an empty list removes its row (any allowed).
    pub fn set(&mut self, ats: &str, mut codes: Vec<String>) {
        let ats = ats.trim().to_string();
        codes.dedup();
        if codes.is_empty() {
            self.rows.remove(&ats);
        } else {
            self.rows.insert(ats, codes);
        }
    }

    /// Adds `code` to the codes `ats` allows.
    pub fn add(&mut self, ats: &str, code: &str) {
        let codes = self.rows.entry(ats.trim().to_string()).or_default();
        let code = code.trim().to_string();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }

    /// (ATS code, allowed codes), by ATS code.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.rows.iter().map(|(a, c)| (a.as_str(), c.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pathology {
    /// The SGDT code ("1".."65").
    pub code: String,
    /// The description as the Region publishes it (upper case, its spelling).
    pub descrizione: String,
    /// A readable form of the description, shown on screens and documents.
    pub name: String,
    pub icd9cm: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    items: Vec<Pathology>,
}

impl Catalogue {
    pub fn new(items: Vec<Pathology>) -> Catalogue {
        Catalogue { items }
    }

    pub fn get(&self, code: &str) -> Option<&Pathology> {
        let code = code.trim();
        self.items
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(code))
    }

    pub fn items(&self) -> &[Pathology] {
        &self.items
    }

    /// The name of a pathology code, or the code itself when it is not in the catalogue.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.get(code).map_or(code, |p| p.name.as_str())
    }

    /// "56 Ipertensione arteriosa": the code and the name, for lists and pickers
    /// (the code alone when it is not in the catalogue).
    pub fn label(&self, code: &str) -> String {
        match self.get(code) {
            Some(p) => format!("{} {}", p.code, p.name),
            None => code.trim().to_string(),
        }
    }

    /// The active pathologies whose code starts with `query` or whose name
    /// or published description contains it (ignoring case and accents);
    /// codes first, then names, each in catalogue order.
    pub fn search(&self, query: &str) -> Vec<&Pathology> {
        let q = super::text::fold(query.trim());
        if q.is_empty() {
            return self.items.iter().filter(|p| p.active).collect();
        }
        let mut by_code: Vec<&Pathology> = Vec::new();
        let mut by_name: Vec<&Pathology> = Vec::new();
        for p in self.items.iter().filter(|p| p.active) {
            if p.code == q || (q.chars().all(|c| c.is_ascii_digit()) && p.code.starts_with(&q)) {
                by_code.push(p);
            } else if super::text::fold(&p.name).contains(&q)
                || super::text::fold(&p.descrizione).contains(&q)
            {
                by_name.push(p);
            }
        }
        by_code.extend(by_name);
        by_code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalogue {
        let p = |code: &str, descrizione: &str, name: &str| Pathology {
            code: code.into(),
            descrizione: descrizione.into(),
            name: name.into(),
            icd9cm: None,
            active: true,
        };
        Catalogue::new(vec![
            p("5", "MALATTIE DEL SANGUE", "Malattie del sangue"),
            p("50", "DIABETE MELLITO TIPO 2", "Diabete mellito tipo 2"),
            p(
                "16",
                "DIABETE MELLITO TIPO 2 COMPLICATO",
                "Diabete mellito tipo 2 complicato",
            ),
        ])
    }

    #[test]
    fn search_by_code_prefix_then_by_name() {
        let c = sample();
        let codes = |q: &str| {
            c.search(q)
                .iter()
                .map(|p| p.code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("5"), ["5", "50"]);
        assert_eq!(codes("diabete"), ["50", "16"]);
        assert_eq!(codes("complicato"), ["16"]);
        assert_eq!(c.label("50"), "50 Diabete mellito tipo 2");
        assert_eq!(c.label("XYZ"), "XYZ");
        assert_eq!(c.name_of("XYZ"), "XYZ");
    }

    #[test]
    fn every_old_code_has_its_sgdt_code() {
        assert_eq!(legacy_code("dm2"), Some("50"));
        assert_eq!(legacy_code(" IPA "), Some("56"));
        assert_eq!(legacy_code("50"), None);
        assert_eq!(legacy_code("XYZ"), None);
        let mut codes: Vec<String> = ["DM2", "IPA", "56", "XYZ"].map(String::from).to_vec();
        assert!(recode(&mut codes));
        assert_eq!(codes, ["50", "56", "XYZ"]);
        assert!(!recode(&mut codes));
    }

    #[test]
    fn an_ats_without_a_row_allows_any_primary() {
        let mut t = PrimarieAts::default();
        assert!(t.allows("030321", "50"));
        t.add("030321", "50");
        t.add("030321", "56");
        assert!(t.allows("030321", "56"));
        assert!(!t.allows("030321", "39"));
        assert!(t.allows("030322", "39"));
        t.set("030321", Vec::new());
        assert!(t.is_empty());
    }
}
