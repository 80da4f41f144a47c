//! The Belfiore (codice catastale) table of Italian comuni and foreign states
//! (`assets/comuni-belfiore.csv`, read by `crate::io::tables`).
//!
//! The file lists current and historical names: several rows may share one code
//! (a comune renamed or merged keeps its code), `attivo = 1` marks current names,
//! and foreign states have provincia `EE` and codes starting with `Z`.

use std::collections::HashMap;

use super::text;

/// Provincia code used for foreign states.
const FOREIGN_PROVINCIA: &str = "EE";

/// Words kept in lower case when they are not the first word of a name.
const SMALL_WORDS: &[&str] = &[
    "a", "ai", "al", "alla", "alle", "allo", "agli", "con", "da", "dai", "dal", "dalla", "de",
    "de'", "dei", "degli", "del", "della", "delle", "dello", "di", "e", "ed", "il", "in", "nei",
    "nel", "nella", "nello", "su", "sui", "sul", "sulla", "sulle", "sullo",
];

/// Elided small words that precede an apostrophe ("d'Adda", "nell'Elba").
const ELIDED_WORDS: &[&str] = &["d", "dall", "dell", "all", "nell", "sull"];

/// One row of the Belfiore table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comune {
    /// Codice catastale, e.g. `H501`.
    pub belfiore: String,
    /// Two-letter provincia code, `EE` for foreign states.
    pub provincia: String,
    /// Name as listed, upper case (`SAN DONATO MILANESE`).
    pub nome: String,
    /// `true` for a current name, `false` for a historical one.
    pub attivo: bool,
}

impl Comune {
    /// A foreign state rather than an Italian comune.
    pub fn is_foreign(&self) -> bool {
        self.provincia == FOREIGN_PROVINCIA
    }

    /// The name in title case for display: "SAN DONATO MILANESE" -> "San Donato
    /// Milanese", "CASSANO D'ADDA" -> "Cassano d'Adda". Apostrophes standing for
    /// a final accent in the source ("CANTU'") are kept as they are.
    pub fn display_name(&self) -> String {
        restore_final_accents(&title_case(&self.nome))
    }
}

/// The official lists write a final accented vowel as vowel + apostrophe
/// ("CANTU'", "VIGGIU'"): at the end of a word it is the grave-accented vowel
/// ("Cantù"). An apostrophe between letters ("Sant'Angelo") is kept.
fn restore_final_accents(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at_word_end = chars
            .get(i + 2)
            .is_none_or(|n| *n == ' ' || *n == '-' || *n == ',');
        if chars.get(i + 1) == Some(&'\'') && at_word_end {
            let accented = match c {
                'a' => Some('à'),
                'e' => Some('è'),
                'i' => Some('ì'),
                'o' => Some('ò'),
                'u' => Some('ù'),
                'A' => Some('À'),
                'E' => Some('È'),
                'I' => Some('Ì'),
                'O' => Some('Ò'),
                'U' => Some('Ù'),
                _ => None,
            };
            if let Some(a) = accented {
                out.push(a);
                i += 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Title-cases an upper-case place name word by word (see [`Comune::display_name`]).
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else if is_roman_numeral(word) {
            out.push_str(word);
        } else if let Some((prefix, rest)) = lower.split_once('\'')
            && i > 0
            && ELIDED_WORDS.contains(&prefix)
        {
            out.push_str(prefix);
            out.push('\'');
            out.push_str(&capitalize_segments(rest));
        } else {
            out.push_str(&capitalize_segments(word));
        }
    }
    out
}

/// "XXIII" in "SOTTO IL MONTE GIOVANNI XXIII", "X" in "RIESE PIO X".
fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        && word.chars().any(|c| matches!(c, 'V' | 'X'))
}

/// Upper-cases the first letter after any non-letter (start, hyphen, apostrophe,
/// parenthesis) and lower-cases the others: "SANT'ANGELO" -> "Sant'Angelo".
fn capitalize_segments(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut at_start = true;
    for c in word.chars() {
        if c.is_alphabetic() {
            if at_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            at_start = false;
        } else {
            out.push(c);
            at_start = true;
        }
    }
    out
}

/// The Belfiore table with its lookup indexes.
#[derive(Debug)]
pub struct Comuni {
    /// Rows in file order, exact duplicates removed.
    rows: Vec<Comune>,
    /// Upper-case code -> index of the preferred row for that code.
    by_code: HashMap<String, usize>,
    /// (folded name, row index) for every row, sorted.
    names: Vec<(String, usize)>,
    /// (folded name, row index) for active rows only, sorted; serves `complete`.
    active_names: Vec<(String, usize)>,
}

impl Comuni {
    /// Builds the indexes over `rows` (file order matters: among rows sharing a
    /// code, the last active one wins, else the last one).
    pub fn from_rows(rows: Vec<Comune>) -> Comuni {
        let mut unique: Vec<Comune> = Vec::with_capacity(rows.len());
        let mut seen: std::collections::HashSet<(String, String, String, bool)> =
            std::collections::HashSet::with_capacity(rows.len());
        for row in rows {
            let key = (
                row.belfiore.clone(),
                row.provincia.clone(),
                row.nome.clone(),
                row.attivo,
            );
            if seen.insert(key) {
                unique.push(row);
            }
        }

        let mut by_code: HashMap<String, usize> = HashMap::with_capacity(unique.len());
        for (i, row) in unique.iter().enumerate() {
            match by_code.get(&row.belfiore) {
                // An active row already chosen is replaced only by a later active row.
                Some(&prev) if unique[prev].attivo && !row.attivo => {}
                _ => {
                    by_code.insert(row.belfiore.clone(), i);
                }
            }
        }

        let mut names: Vec<(String, usize)> = unique
            .iter()
            .enumerate()
            .map(|(i, row)| (text::fold(&row.nome), i))
            .collect();
        names.sort();
        let mut active_names: Vec<(String, usize)> = names
            .iter()
            .filter(|(_, i)| unique[*i].attivo)
            .cloned()
            .collect();
        active_names.sort_by(|(a, ia), (b, ib)| {
            a.cmp(b)
                .then_with(|| unique[*ia].provincia.cmp(&unique[*ib].provincia))
                .then_with(|| ia.cmp(ib))
        });

        Comuni {
            rows: unique,
            by_code,
            names,
            active_names,
        }
    }

    /// The row for a codice catastale (case-insensitive, surrounding spaces
    /// ignored). When several rows share the code, the current name is returned,
    /// else the last one listed.
    pub fn by_belfiore(&self, code: &str) -> Option<&Comune> {
        let key = code.trim().to_ascii_uppercase();
        self.by_code.get(&key).and_then(|&i| self.rows.get(i))
    }

    /// All rows whose name equals `name` once both are folded (case, accents and
    /// apostrophes ignored), current names first.
    pub fn by_name(&self, name: &str) -> Vec<&Comune> {
        let key = text::fold(name);
        if key.is_empty() {
            return Vec::new();
        }
        let start = self
            .names
            .partition_point(|(n, _)| n.as_str() < key.as_str());
        let mut found: Vec<&Comune> = self.names[start..]
            .iter()
            .take_while(|(n, _)| *n == key)
            .filter_map(|(_, i)| self.rows.get(*i))
            .collect();
        found.sort_by_key(|c| !c.attivo);
        found
    }

    /// Current comuni and states whose folded name starts with the folded
    /// `prefix`, sorted by name, at most `limit`. An empty prefix gives nothing.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<&Comune> {
        let key = text::fold(prefix);
        if key.is_empty() || limit == 0 {
            return Vec::new();
        }
        let start = self
            .active_names
            .partition_point(|(n, _)| n.as_str() < key.as_str());
        self.active_names[start..]
            .iter()
            .take_while(|(n, _)| n.starts_with(key.as_str()))
            .filter_map(|(_, i)| self.rows.get(*i))
            .take(limit)
            .collect()
    }

    /// Number of rows (exact duplicate rows of the source counted once).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// All rows, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Comune> {
        self.rows.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comuni() -> &'static Comuni {
        crate::io::tables::comuni()
    }

    #[test]
    fn codes_are_well_formed() {
        for c in comuni().iter() {
            let b = c.belfiore.as_bytes();
            assert_eq!(b.len(), 4, "{c:?}");
            assert!(b[0].is_ascii_uppercase(), "{c:?}");
            assert!(b[1..].iter().all(u8::is_ascii_digit), "{c:?}");
            assert_eq!(c.provincia.len(), 2, "{c:?}");
            assert_eq!(c.is_foreign(), c.belfiore.starts_with('Z'), "{c:?}");
        }
    }

    #[test]
    fn by_belfiore_finds_real_comuni() {
        let roma = comuni().by_belfiore("H501").expect("Roma");
        assert_eq!(roma.nome, "ROMA");
        assert_eq!(roma.provincia, "RM");
        assert!(roma.attivo);
        assert!(!roma.is_foreign());

        let milano = comuni().by_belfiore("f205").expect("Milano, lower case");
        assert_eq!(
            (milano.nome.as_str(), milano.provincia.as_str()),
            ("MILANO", "MI")
        );

        let anagni = comuni().by_belfiore(" A269 ").expect("A269");
        assert_eq!(
            (anagni.nome.as_str(), anagni.provincia.as_str()),
            ("ANAGNI", "FR")
        );

        assert!(comuni().by_belfiore("Z999").is_none());
        assert!(comuni().by_belfiore("").is_none());
        assert!(comuni().by_belfiore("H50é").is_none());
    }

    #[test]
    fn by_belfiore_prefers_the_current_name() {
        // A001: ABANO BAGNI (historical) then ABANO TERME (current).
        assert_eq!(
            comuni().by_belfiore("A001").map(|c| c.nome.as_str()),
            Some("ABANO TERME")
        );
        // I274: SANT'ANGELO (MI, historical) and SANT'ANGELO LODIGIANO (LO, current).
        let c = comuni().by_belfiore("I274").expect("I274");
        assert_eq!(
            (c.nome.as_str(), c.provincia.as_str()),
            ("SANT'ANGELO LODIGIANO", "LO")
        );
        // F704: MONZA MI (historical, listed last) and MONZA MB (current).
        assert_eq!(
            comuni().by_belfiore("F704").map(|c| c.provincia.as_str()),
            Some("MB")
        );
        // Z112: only historical rows; the last listed wins.
        let de = comuni().by_belfiore("Z112").expect("Z112");
        assert_eq!(de.nome, "GERMANIA REPUBBLICA FEDERALE");
        assert!(!de.attivo);
    }

    #[test]
    fn foreign_states() {
        let usa = comuni().by_belfiore("Z404").expect("Z404");
        assert!(usa.is_foreign());
        assert_eq!(usa.provincia, "EE");
        assert_eq!(usa.display_name(), "Stati Uniti d'America");
        assert!(comuni().by_belfiore("Z112").is_some_and(Comune::is_foreign));
    }

    #[test]
    fn by_name_is_folded_and_lists_current_first() {
        let milano = comuni().by_name("milano");
        assert_eq!(milano.len(), 1);
        assert_eq!(milano[0].belfiore, "F205");

        let monza = comuni().by_name("Monza");
        assert_eq!(monza.len(), 2);
        assert!(monza[0].attivo && !monza[1].attivo);
        assert_eq!(monza[0].provincia, "MB");

        // Accent typed by the user, apostrophe in the source.
        let cantu = comuni().by_name("Cantù");
        assert_eq!(cantu.first().map(|c| c.nome.as_str()), Some("CANTU'"));
        assert_eq!(
            comuni().by_name("sant angelo lodigiano").len() + comuni().by_name("").len(),
            0,
            "a space is not an apostrophe"
        );
        assert_eq!(comuni().by_name("Sant'Angelo Lodigiano").len(), 1);
        assert!(comuni().by_name("Nowhere").is_empty());

        // Exact duplicates of the source are listed once.
        assert_eq!(comuni().by_name("Chatillon").len(), 1);
    }

    #[test]
    fn complete_is_a_sorted_prefix_match_on_current_names() {
        let found = comuni().complete("san don", 5);
        assert!(found.len() <= 5);
        assert!(
            found.iter().any(|c| c.nome == "SAN DONATO MILANESE"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .all(|c| c.attivo && c.nome.starts_with("SAN DON"))
        );
        let names: Vec<String> = found.iter().map(|c| text::fold(&c.nome)).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);

        let all = comuni().complete("SAN DONATO", 100);
        let list: Vec<&str> = all.iter().map(|c| c.nome.as_str()).collect();
        assert_eq!(
            list,
            [
                "SAN DONATO DI LECCE",
                "SAN DONATO DI NINEA",
                "SAN DONATO MILANESE",
                "SAN DONATO VAL DI COMINO"
            ]
        );

        assert_eq!(comuni().complete("sant'angelo lod", 3).len(), 1);
        assert_eq!(comuni().complete("mil", 1).len(), 1);
        assert!(comuni().complete("", 10).is_empty());
        assert!(comuni().complete("milano", 0).is_empty());
        assert!(comuni().complete("qqqq", 10).is_empty());
        assert!(comuni().complete("👍", 10).is_empty());
    }

    #[test]
    fn display_names() {
        let show = |code: &str| comuni().by_belfiore(code).map(Comune::display_name);
        assert_eq!(show("H827").as_deref(), Some("San Donato Milanese"));
        assert_eq!(show("I274").as_deref(), Some("Sant'Angelo Lodigiano"));
        assert_eq!(show("H501").as_deref(), Some("Roma"));
        assert_eq!(title_case("CASSANO D'ADDA"), "Cassano d'Adda");
        assert_eq!(title_case("CAMPO NELL'ELBA"), "Campo nell'Elba");
        assert_eq!(title_case("CASTELNUOVO DEL GARDA"), "Castelnuovo del Garda");
        assert_eq!(
            title_case("CASTIGLIONE DELLA PESCAIA"),
            "Castiglione della Pescaia"
        );
        assert_eq!(
            title_case("SAN GIORGIO SU LEGNANO"),
            "San Giorgio su Legnano"
        );
        assert_eq!(
            title_case("GILBERT E ELLICE (ISOLE)"),
            "Gilbert e Ellice (Isole)"
        );
        assert_eq!(
            title_case("SOTTO IL MONTE GIOVANNI XXIII"),
            "Sotto il Monte Giovanni XXIII"
        );
        assert_eq!(title_case("RHEMES-NOTRE-DAME"), "Rhemes-Notre-Dame");
        assert_eq!(title_case("L'AQUILA"), "L'Aquila");
        assert_eq!(title_case("CASSINA DE' PECCHI"), "Cassina de' Pecchi");
        assert_eq!(title_case("CA' D'ANDREA"), "Ca' d'Andrea");
        assert_eq!(title_case("DI"), "Di");
        assert_eq!(title_case(""), "");
    }
}

#[cfg(test)]
mod accent_tests {
    use super::*;

    #[test]
    fn final_apostrophes_become_accents() {
        let c = crate::io::tables::comuni();
        let cantu = c.by_name("Cantù");
        assert!(!cantu.is_empty(), "folded lookup still finds it");
        assert_eq!(cantu[0].display_name(), "Cantù");
        assert_eq!(restore_final_accents("Viggiu'"), "Viggiù");
        assert_eq!(
            restore_final_accents("Sant'Angelo Lodigiano"),
            "Sant'Angelo Lodigiano"
        );
        assert_eq!(
            restore_final_accents("Forli' del Sannio"),
            "Forlì del Sannio"
        );
        assert_eq!(restore_final_accents("'"), "'");
    }
}
