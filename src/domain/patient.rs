//! The patient (assistito) and the rules that derive from the record.

use chrono::NaiveDate;

use super::ats::{Ats, AtsRules, AtsTable};
use super::comuni::Comuni;
use super::{Livello, LivelloAts, LivelloNoto, Sex, text};

pub type PatientId = u64;

/// Where the patient lives. `comune` is a Belfiore code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Residence {
    pub indirizzo: String,
    pub cap: String,
    pub comune: String,
}

/// Whether the patient is still followed by the practice. A patient record is
/// never deleted: it is marked deceased or transferred with the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PatientStatus {
    #[default]
    Attivo,
    Deceduto(NaiveDate),
    Trasferito(NaiveDate),
}

impl PatientStatus {
    pub fn label(self) -> &'static str {
        match self {
            PatientStatus::Attivo => "attivo",
            PatientStatus::Deceduto(_) => "deceduto",
            PatientStatus::Trasferito(_) => "trasferito",
        }
    }
}

/// The fields of the patient record whose values differ between `a` and
/// `b`, by their labels on the patient form (for the refusal of a save over
/// a record another desk changed).
pub fn changed_fields(a: &Patient, b: &Patient) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut field = |label: &'static str, changed: bool| {
        if changed {
            out.push(label);
        }
    };
    field("Cognome", a.cognome != b.cognome);
    field("Nome", a.nome != b.nome);
    field("Codice fiscale", a.codice_fiscale != b.codice_fiscale);
    field("Sesso", a.sesso != b.sesso);
    field("Data di nascita", a.data_nascita != b.data_nascita);
    field("Luogo di nascita", a.luogo_nascita != b.luogo_nascita);
    field("Indirizzo", a.residenza.indirizzo != b.residenza.indirizzo);
    field("CAP", a.residenza.cap != b.residenza.cap);
    field("Comune", a.residenza.comune != b.residenza.comune);
    field("ATS", a.ats_override != b.ats_override);
    field("MMG", a.mmg != b.mmg);
    field("Telefoni", a.telefoni != b.telefoni);
    field("E-mail", a.email != b.email);
    field(
        "Tessera sanitaria",
        a.tessera_sanitaria != b.tessera_sanitaria,
    );
    field("Patologie", a.patologie != b.patologie);
    field(
        "Patologia primaria",
        a.patologia_primaria != b.patologia_primaria,
    );
    field("Livello ATS", a.livello_ats != b.livello_ats);
    field("Stato", a.stato != b.stato);
    field("Note", a.note != b.note);
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patient {
    /// 0 until the store assigns one.
    pub id: PatientId,
    pub cognome: String,
    pub nome: String,
    /// Upper case, 16 characters, as issued (an omocode keeps its letters).
    pub codice_fiscale: String,
    pub sesso: Sex,
    pub data_nascita: NaiveDate,
    /// Belfiore code of the birthplace (a Z code for foreign states).
    pub luogo_nascita: String,
    pub residenza: Residence,
    /// ATS code chosen by the operator over the one derived from the residence.
    pub ats_override: Option<String>,
    /// The family doctor (MMG/PLS), as written at the desk.
    pub mmg: String,
    pub telefoni: Vec<String>,
    pub email: String,
    /// Number of the tessera sanitaria (TEAM card), digits only.
    pub tessera_sanitaria: String,
    /// Pathology codes from the catalogue.
    pub patologie: Vec<String>,
    /// The primary pathology (one of `patologie`), around which the Region
    /// assigns the level.
    pub patologia_primaria: Option<String>,
    /// The level the ATS communicated, when known.
    pub livello_ats: Option<LivelloAts>,
    pub stato: PatientStatus,
    pub note: String,
}

impl Patient {
    /// The level that counts: the Region's when known, else the estimate.
    pub fn livello(&self) -> Option<Livello> {
        self.livello_noto().map(|l| l.livello())
    }

    /// The Region's level when the ATS communicated it, else the estimate
    /// from the number of pathologies; `None` without either.
    pub fn livello_noto(&self) -> Option<LivelloNoto> {
        match &self.livello_ats {
            Some(l) => Some(LivelloNoto::Ats(l.clone())),
            None => Livello::from_count(self.patologie.len()).map(LivelloNoto::Stima),
        }
    }

    /// The secondary pathologies: every one but the primary.
    pub fn secondarie(&self) -> impl Iterator<Item = &String> {
        self.patologie
            .iter()
            .filter(|c| Some(c.as_str()) != self.patologia_primaria.as_deref())
    }

    /// The ATS of residence: the operator's override, else derived from the
    /// comune of residence (province rule plus the editable exceptions table).
    pub fn ats<'a>(
        &self,
        comuni: &Comuni,
        table: &'a AtsTable,
        rules: &AtsRules,
    ) -> Option<&'a Ats> {
        if let Some(code) = &self.ats_override {
            return table.ats_by_code(code);
        }
        let comune = comuni.by_belfiore(&self.residenza.comune)?;
        rules.ats_for(table, &comune.belfiore, &comune.provincia)
    }

    /// Whether the patient was erased on request (GDPR): the record stays,
    /// pseudonymised, for the records of care, and is no longer edited.
    pub fn is_erased(&self) -> bool {
        self.codice_fiscale.starts_with(ERASED_CF_PREFIX)
    }

    /// The folded "COGNOME NOME" used by the name index and search.
    pub fn name_key(&self) -> String {
        name_key(&self.cognome, &self.nome)
    }

    /// Phone numbers reduced to their digits, for the phone index.
    pub fn phone_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .telefoni
            .iter()
            .map(|p| digits(p))
            .filter(|d| !d.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// Age in whole years on `today`.
    pub fn age_on(&self, today: NaiveDate) -> u32 {
        today.years_since(self.data_nascita).unwrap_or(0)
    }
}

/// How the pseudonymous codice of an erased patient starts ("GDPR" and the
/// id on 12 digits): no real codice fiscale starts with four letters and
/// then a letter where the year's digits go.
pub const ERASED_CF_PREFIX: &str = "GDPR";

/// "COGNOME NOME", folded for accent- and case-insensitive search.
pub fn name_key(cognome: &str, nome: &str) -> String {
    let c = text::fold(cognome);
    let n = text::fold(nome);
    if n.is_empty() { c } else { format!("{c} {n}") }
}

/// The other forms of a patient's name that a lookup finds, besides
/// [`name_key`]: apostrophes and spaces inside a surname do not matter to the
/// operator, and a first name alone is a query too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OtherNameKeys {
    /// "COGNOME NOME" with the surname written otherwise: its apostrophes as
    /// spaces ("D ADDA NICCOLO" for D'Adda), its words joined ("DEROSSI
    /// ANNA" for De Rossi), and each of its words from the second on with
    /// what follows ("ADDA NICCOLO", "ROSSI ANNA"). Without the form
    /// [`name_key`] already gives.
    pub surname: Vec<String>,
    /// "NOME COGNOME", and each first-name word from the second on with what
    /// follows ("GRAZIA ROSSI" for Maria Grazia), with the folded surname and
    /// its apostrophes-as-spaces form ("NICCOLO DADDA", "NICCOLO D ADDA").
    pub first_name: Vec<String>,
}

/// See [`OtherNameKeys`]. Empty for a name without a surname.
pub fn other_name_keys(cognome: &str, nome: &str) -> OtherNameKeys {
    let main = text::fold(cognome);
    let mut out = OtherNameKeys::default();
    if main.is_empty() {
        return out;
    }
    let spaced = text::fold(&cognome.replace(['\'', '\u{2019}', '`'], " "));
    let words: Vec<&str> = spaced.split(' ').collect();
    let mut forms = vec![spaced.clone(), words.concat()];
    for i in 1..words.len() {
        forms.push(words[i..].join(" "));
    }
    let n = text::fold(nome);
    let with_nome = |f: &str| {
        if n.is_empty() {
            f.to_string()
        } else {
            format!("{f} {n}")
        }
    };
    for f in forms {
        let key = with_nome(&f);
        if f != main && !out.surname.contains(&key) {
            out.surname.push(key);
        }
    }
    let first: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    for i in 0..first.len() {
        let head = first[i..].join(" ");
        for surname in [&main, &spaced] {
            let key = format!("{head} {surname}");
            if !out.first_name.contains(&key) {
                out.first_name.push(key);
            }
        }
    }
    out
}

/// The digits of a phone or card number ("+39 02-1234" -> "39021234").
pub fn digits(input: &str) -> String {
    input.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_name_keys_of_surnames_with_apostrophes_and_spaces() {
        let k = other_name_keys("D'Adda", "Niccolò");
        assert_eq!(k.surname, vec!["D ADDA NICCOLO", "ADDA NICCOLO"]);
        assert_eq!(k.first_name, vec!["NICCOLO DADDA", "NICCOLO D ADDA"]);
        let k = other_name_keys("De Rossi", "Maria Grazia");
        assert_eq!(
            k.surname,
            vec!["DEROSSI MARIA GRAZIA", "ROSSI MARIA GRAZIA"]
        );
        assert_eq!(
            k.first_name,
            vec!["MARIA GRAZIA DE ROSSI", "GRAZIA DE ROSSI"]
        );
        let k = other_name_keys("Rossi", "Anna");
        assert!(k.surname.is_empty());
        assert_eq!(k.first_name, vec!["ANNA ROSSI"]);
        assert_eq!(
            other_name_keys("Rossi", "").first_name,
            Vec::<String>::new()
        );
        assert_eq!(other_name_keys("", "Anna"), OtherNameKeys::default());
    }

    pub(crate) fn sample() -> Patient {
        Patient {
            id: 0,
            cognome: "D'Adda".into(),
            nome: "Niccolò".into(),
            codice_fiscale: "DDDNCL80A01F205X".into(),
            sesso: Sex::M,
            data_nascita: NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(),
            luogo_nascita: "F205".into(),
            residenza: Residence::default(),
            ats_override: None,
            mmg: String::new(),
            telefoni: vec!["+39 02 1234567".into(), "02-1234567".into(), "".into()],
            email: String::new(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: vec!["56".into(), "50".into()],
            stato: PatientStatus::Attivo,
            note: String::new(),
        }
    }

    #[test]
    fn derived_keys_and_level() {
        let p = sample();
        assert_eq!(p.name_key(), "DADDA NICCOLO");
        assert_eq!(p.phone_keys(), vec!["021234567", "39021234567"]);
        assert_eq!(p.livello(), Some(Livello::L2));
        assert_eq!(
            p.ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules()
            ),
            None,
            "no residence yet"
        );
        let mut p = p;
        p.residenza.comune = "F205".into();
        assert_eq!(
            p.ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules()
            )
            .map(|a| a.codice.as_str()),
            Some("030321")
        );
        p.residenza.comune = "D341".into(); // Dongo (CO), Alto Lario
        assert_eq!(
            p.ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules()
            )
            .map(|a| a.codice.as_str()),
            Some("030323")
        );
        p.ats_override = Some("030328".into());
        assert_eq!(
            p.ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules()
            )
            .map(|a| a.codice.as_str()),
            Some("030328")
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(p.age_on(today), 46);
    }
}
