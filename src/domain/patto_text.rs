//! The text of the Patto di Cura: a plain-text template with `{{name}}`
//! placeholders (`assets/patto-di-cura.txt`, which a practice may replace with
//! its own), the values for one patient ([`PattoContext`]) and the renderer.
//!
//! Rendering is deterministic: the same template and context always give the
//! same bytes, lines wrapped at [`TEXT_WIDTH`] columns, `\n` line ends, one final
//! newline. The signed text is frozen as rendered (see [`super::patto::sign`]).

use chrono::NaiveDate;

use super::LivelloNoto;
use super::ats::Ats;
use super::comuni::Comuni;
use super::gestore::Gestore;
use super::pathology::Catalogue;
use super::patient::Patient;
use super::patto::{Consensi, Firmatario, PattoDiCura, PattoError, scadenza};
use super::sex::Sex;

/// Columns of the rendered text (the PDF is laid out for it).
pub const TEXT_WIDTH: usize = 90;

/// The template shipped with the application.
pub fn default_template() -> &'static str {
    include_str!("../../assets/patto-di-cura.txt")
}

/// The note that the text is sportello's model: shown under the preview of
/// a bozza on screen, never printed. Texts signed before it left the
/// template end with it; [`without_model_note`] takes it off for printing.
pub const NOTA_MODELLO: &str =
    "Modello predisposto da sportello: verificare con il Gestore il testo in uso";

/// `text` without the model note ([`NOTA_MODELLO`]) on a line of its own
/// and the blank lines before it: what a print of a signed text shows.
pub fn without_model_note(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let kept: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.trim() != NOTA_MODELLO)
        .collect();
    if kept.len() == lines.len() {
        return text.to_string();
    }
    let mut out = kept.join("\n").trim_end().to_string();
    out.push('\n');
    out
}

/// Shown for an empty optional value.
const NON_INDICATO: &str = "non indicato";

/// Every value the template can use, already formatted (dates dd/mm/yyyy).
/// Single-line values never contain line breaks; `patologie` and `pai` are
/// multi-line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PattoContext {
    pub patto_numero: String,
    /// "Nuovo Patto di Cura" or "Rinnovo del Patto di Cura n. 12".
    pub patto_rinnovo: String,
    pub paziente_cognome: String,
    pub paziente_nome: String,
    pub paziente_codice_fiscale: String,
    /// "nato" / "nata".
    pub paziente_nato: String,
    pub paziente_data_nascita: String,
    pub paziente_luogo_nascita: String,
    pub paziente_residenza: String,
    pub paziente_ats: String,
    pub paziente_telefono: String,
    pub paziente_email: String,
    pub paziente_mmg: String,
    pub gestore_denominazione: String,
    pub gestore_tipo: String,
    pub gestore_cf_piva: String,
    pub gestore_indirizzo: String,
    pub gestore_comune: String,
    /// Address and comune together.
    pub gestore_sede: String,
    pub gestore_telefono: String,
    pub gestore_email: String,
    pub gestore_referente: String,
    pub clinical_manager: String,
    /// One "- name (code)" line per pathology.
    pub patologie: String,
    pub livello_numero: String,
    pub livello_descrizione: String,
    pub validita_dal: String,
    pub validita_al: String,
    /// The PAI summary, or the sentence saying it will be shared.
    pub pai: String,
    pub consenso_trattamento_dati: String,
    pub consenso_fse: String,
    pub consenso_telefono: String,
    pub consenso_sms: String,
    pub consenso_email: String,
    pub firmatario: String,
    pub luogo: String,
    pub data: String,
}

/// The placeholders a template may use, in the order of the standard template.
pub const PLACEHOLDERS: &[&str] = &[
    "patto.numero",
    "patto.rinnovo",
    "paziente.cognome",
    "paziente.nome",
    "paziente.codice_fiscale",
    "paziente.nato",
    "paziente.data_nascita",
    "paziente.luogo_nascita",
    "paziente.residenza",
    "paziente.ats",
    "paziente.telefono",
    "paziente.email",
    "paziente.mmg",
    "gestore.denominazione",
    "gestore.tipo",
    "gestore.cf_piva",
    "gestore.indirizzo",
    "gestore.comune",
    "gestore.sede",
    "gestore.telefono",
    "gestore.email",
    "gestore.referente",
    "clinical_manager",
    "patologie",
    "livello.numero",
    "livello.descrizione",
    "validita.dal",
    "validita.al",
    "pai",
    "centro_servizi.telefono",
    "centro_servizi.email",
    "centro_servizi.referente",
    "consenso.trattamento_dati",
    "consenso.fse",
    "consenso.telefono",
    "consenso.sms",
    "consenso.email",
    "firmatario",
    "luogo",
    "data",
];

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One line: control characters (line breaks and tabs included) become spaces,
/// runs of spaces collapse, the ends are trimmed.
fn clean(value: &str) -> String {
    let replaced: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn or_default(value: &str, default: &str) -> String {
    let v = clean(value);
    if v.is_empty() { default.to_string() } else { v }
}

fn check(given: bool) -> String {
    if given { "[X]" } else { "[ ]" }.to_string()
}

/// "Milano (MI)" for a comune, the name alone for a foreign state, the code
/// itself when unknown.
pub fn place(belfiore: &str, comuni: &Comuni) -> String {
    match comuni.by_belfiore(belfiore) {
        Some(c) if c.is_foreign() => c.display_name(),
        Some(c) => format!("{} ({})", c.display_name(), c.provincia),
        None => or_default(belfiore, "luogo non indicato"),
    }
}

impl PattoContext {
    /// The values for `patto` of `patient` with `gestore`. `firma` is who signs,
    /// their name and identity document (`None` leaves a blank to fill by hand); `pai_summary` one
    /// line per item of the PAI in force, if any; `luogo` and `data` the place
    /// and date of signature. Validity runs from the signature date, or from
    /// `data` while the Patto is a draft.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        patient: &Patient,
        gestore: &Gestore,
        patto: &PattoDiCura,
        consensi: &Consensi,
        firma: Option<(&Firmatario, &str, &str)>,
        pai_summary: Option<Vec<String>>,
        catalogue: &Catalogue,
        comuni: &Comuni,
        ats: Option<&Ats>,
        luogo: &str,
        data: NaiveDate,
    ) -> PattoContext {
        let residenza = {
            let r = &patient.residenza;
            let comune = if r.comune.trim().is_empty() {
                String::new()
            } else {
                place(&r.comune, comuni)
            };
            let tail = [clean(&r.cap), comune]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let parts: Vec<String> = [clean(&r.indirizzo), tail]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if parts.is_empty() {
                "indirizzo non indicato".to_string()
            } else {
                parts.join(", ")
            }
        };
        let telefoni: Vec<String> = patient
            .telefoni
            .iter()
            .map(|t| clean(t))
            .filter(|t| !t.is_empty())
            .collect();

        let patologie = if patient.patologie.is_empty() {
            "- nessuna patologia cronica registrata".to_string()
        } else {
            patient
                .patologie
                .iter()
                .map(|code| {
                    let code = clean(code);
                    let name = clean(catalogue.name_of(&code));
                    let line = if name == code || name.ends_with(&format!("({code})")) {
                        format!("- {name}")
                    } else {
                        format!("- {name} ({code})")
                    };
                    if patient.patologia_primaria.as_deref() == Some(code.as_str()) {
                        format!("{line}, patologia primaria")
                    } else {
                        line
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (livello_numero, livello_descrizione) = match patient.livello_noto() {
            Some(LivelloNoto::Ats(l)) => (
                l.livello.number().to_string(),
                format!(
                    "{} (livello comunicato dall'ATS il {})",
                    l.livello.description(),
                    l.data.format("%d/%m/%Y")
                ),
            ),
            Some(LivelloNoto::Stima(l)) => (
                l.number().to_string(),
                format!("{} (stimato dal numero di patologie)", l.description()),
            ),
            None => (
                "non determinato".to_string(),
                "nessuna patologia".to_string(),
            ),
        };

        let dal = patto.valido_dal().unwrap_or(data);
        let pai = match pai_summary {
            Some(items) if items.iter().any(|i| !clean(i).is_empty()) => {
                let mut lines = vec!["Sintesi del PAI in vigore:".to_string()];
                lines.extend(
                    items
                        .iter()
                        .map(|i| clean(i))
                        .filter(|i| !i.is_empty())
                        .map(|i| format!("- {i}")),
                );
                lines.push(
                    "Il PAI completo è consegnato al paziente e ogni suo aggiornamento gli sarà comunicato."
                        .to_string(),
                );
                lines.join("\n")
            }
            _ => "Il Piano di Assistenza Individuale sarà condiviso con il paziente dopo la firma del presente Patto: lo redige il Clinical Manager e ogni suo aggiornamento sarà comunicato al paziente."
                .to_string(),
        };

        let firmatario = match firma {
            None => "________________________________ in qualità di ____________________".into(),
            Some((Firmatario::Paziente, nome, _)) if clean(nome).is_empty() => {
                "il paziente in persona".to_string()
            }
            Some((Firmatario::Paziente, nome, _)) => {
                format!("{}, il paziente in persona", clean(nome))
            }
            Some((f, nome, documento)) => format!(
                "{}, in qualità di {}, documento di identità {}",
                or_default(nome, "(nome non indicato)"),
                f.label(),
                or_default(documento, "non indicato")
            ),
        };

        let clinical_manager = if !clean(&patto.clinical_manager).is_empty() {
            clean(&patto.clinical_manager)
        } else {
            or_default(&patient.mmg, "da indicare")
        };

        let gestore_indirizzo = clean(&gestore.indirizzo);
        let gestore_comune = clean(&gestore.comune);
        let gestore_sede = [gestore_indirizzo.clone(), gestore_comune.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");

        PattoContext {
            patto_numero: match patto.numero {
                Some(n) => n.to_string(),
                None => "(da assegnare)".into(),
            },
            patto_rinnovo: match patto.precedente {
                // The caller names the previous Patto by its number
                // (`PattoContext::rinnovo_di`); its id is only a fallback.
                Some(id) => format!("Rinnovo del Patto di Cura n. {id}"),
                None => "Nuovo Patto di Cura".into(),
            },
            paziente_cognome: clean(&patient.cognome),
            paziente_nome: clean(&patient.nome),
            paziente_codice_fiscale: clean(&patient.codice_fiscale),
            paziente_nato: match patient.sesso {
                Sex::M => "nato".into(),
                Sex::F => "nata".into(),
            },
            paziente_data_nascita: date(patient.data_nascita),
            paziente_luogo_nascita: place(&patient.luogo_nascita, comuni),
            paziente_residenza: residenza,
            paziente_ats: ats.map_or_else(
                || "non determinata".to_string(),
                |a| clean(&a.denominazione),
            ),
            paziente_telefono: if telefoni.is_empty() {
                NON_INDICATO.into()
            } else {
                telefoni.join(", ")
            },
            paziente_email: or_default(&patient.email, "non indicata"),
            paziente_mmg: or_default(&patient.mmg, NON_INDICATO),
            gestore_denominazione: clean(&gestore.denominazione),
            gestore_tipo: gestore.tipo.label().to_string(),
            gestore_cf_piva: or_default(&gestore.cf_piva, NON_INDICATO),
            gestore_indirizzo: or_default(&gestore_indirizzo, "non indicato"),
            gestore_comune: or_default(&gestore_comune, NON_INDICATO),
            gestore_sede: or_default(&gestore_sede, "non indicata"),
            gestore_telefono: or_default(&gestore.telefono, NON_INDICATO),
            gestore_email: or_default(&gestore.email, "non indicata"),
            gestore_referente: or_default(&gestore.referente, NON_INDICATO),
            clinical_manager,
            patologie,
            livello_numero,
            livello_descrizione,
            validita_dal: date(dal),
            validita_al: date(scadenza(dal)),
            pai,
            consenso_trattamento_dati: check(consensi.trattamento_dati),
            consenso_fse: check(consensi.fse),
            consenso_telefono: check(consensi.telefono),
            consenso_sms: check(consensi.sms),
            consenso_email: check(consensi.email),
            firmatario,
            luogo: or_default(luogo, "____________________"),
            data: date(data),
        }
    }

    /// Names the Patto this one renews by its number ("2026/0001").
    pub fn rinnovo_di(&mut self, numero: &str) {
        self.patto_rinnovo = format!("Rinnovo del Patto di Cura n. {}", clean(numero));
    }

    /// The value of a placeholder (name as in [`PLACEHOLDERS`]).
    pub fn get(&self, name: &str) -> Option<&str> {
        let value = match name {
            "patto.numero" => &self.patto_numero,
            "patto.rinnovo" => &self.patto_rinnovo,
            "paziente.cognome" => &self.paziente_cognome,
            "paziente.nome" => &self.paziente_nome,
            "paziente.codice_fiscale" => &self.paziente_codice_fiscale,
            "paziente.nato" => &self.paziente_nato,
            "paziente.data_nascita" => &self.paziente_data_nascita,
            "paziente.luogo_nascita" => &self.paziente_luogo_nascita,
            "paziente.residenza" => &self.paziente_residenza,
            "paziente.ats" => &self.paziente_ats,
            "paziente.telefono" => &self.paziente_telefono,
            "paziente.email" => &self.paziente_email,
            "paziente.mmg" => &self.paziente_mmg,
            "gestore.denominazione" => &self.gestore_denominazione,
            "gestore.tipo" => &self.gestore_tipo,
            "gestore.cf_piva" => &self.gestore_cf_piva,
            "gestore.indirizzo" => &self.gestore_indirizzo,
            "gestore.comune" => &self.gestore_comune,
            "gestore.sede" => &self.gestore_sede,
            "gestore.telefono" | "centro_servizi.telefono" => &self.gestore_telefono,
            "gestore.email" | "centro_servizi.email" => &self.gestore_email,
            "gestore.referente" | "centro_servizi.referente" => &self.gestore_referente,
            "clinical_manager" => &self.clinical_manager,
            "patologie" => &self.patologie,
            "livello.numero" => &self.livello_numero,
            "livello.descrizione" => &self.livello_descrizione,
            "validita.dal" => &self.validita_dal,
            "validita.al" => &self.validita_al,
            "pai" => &self.pai,
            "consenso.trattamento_dati" => &self.consenso_trattamento_dati,
            "consenso.fse" => &self.consenso_fse,
            "consenso.telefono" => &self.consenso_telefono,
            "consenso.sms" => &self.consenso_sms,
            "consenso.email" => &self.consenso_email,
            "firmatario" => &self.firmatario,
            "luogo" => &self.luogo,
            "data" => &self.data,
            _ => return None,
        };
        Some(value.as_str())
    }
}

/// Renders `template` with the values of `ctx`: every `{{name}}` (spaces inside
/// the braces allowed) is replaced; the following lines of a multi-line value
/// take the indentation of the template line. An unknown name or an unclosed
/// `{{` is an error naming the line. The result is wrapped at [`TEXT_WIDTH`].
pub fn render(template: &str, ctx: &PattoContext) -> Result<String, PattoError> {
    let template = template.replace("\r\n", "\n").replace(['\r'], "\n");
    let mut out = String::with_capacity(template.len() + 2048);
    for (index, line) in template.split('\n').enumerate() {
        let riga = index + 1;
        let line = line.replace('\t', "    ");
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut rest = line.as_str();
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                return Err(PattoError::SegnapostoNonChiuso { riga });
            };
            let name = after[..end].trim();
            let Some(value) = ctx.get(name) else {
                return Err(PattoError::SegnapostoSconosciuto {
                    nome: name.chars().take(60).collect(),
                    riga,
                });
            };
            let mut first = true;
            for value_line in value.split('\n') {
                if !first {
                    out.push('\n');
                    out.push_str(&indent);
                }
                out.push_str(value_line);
                first = false;
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    let wrapped = wrap_text(&out, TEXT_WIDTH);
    let mut text = wrapped.trim_end().to_string();
    text.push('\n');
    Ok(text)
}

/// The characters of a list marker at the start of `content` ("- ", "* ",
/// "[X] ", "[ ] ", "1. "), whose width continuation lines are indented by.
fn marker_width(content: &str) -> usize {
    for marker in ["- ", "* ", "[X] ", "[ ] ", "[x] "] {
        if content.starts_with(marker) {
            return marker.chars().count();
        }
    }
    let digits = content.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) && content[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}

/// The pieces a line may be broken between: its words, except that a group of
/// digits stays with the digits after it, so that "02 9234567" and
/// "800 638 638" are never split.
fn break_units(content: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for word in content.split(' ').filter(|w| !w.is_empty()) {
        match units.last_mut() {
            Some(last)
                if word.starts_with(|c: char| c.is_ascii_digit())
                    && last.rsplit(' ').next().is_some_and(|t| {
                        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
                    }) =>
            {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
    }
    units
}

/// Wraps every line of `text` longer than `width` columns (characters) at
/// spaces, never inside a group of digits (see `break_units`); continuation
/// lines keep the line's indentation plus the width of a list marker. Words
/// longer than a line are cut. Trailing spaces are removed.
/// `\n` line ends; the final newline, if any, is kept.
pub fn wrap_text(text: &str, width: usize) -> String {
    let width = width.max(8);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let ends_with_newline = text.ends_with('\n');
    let body = text.strip_suffix('\n').unwrap_or(text);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        wrap_line(line.trim_end(), width, &mut out);
    }
    if ends_with_newline {
        out.push('\n');
    }
    out
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    if line.chars().count() <= width {
        out.push_str(line);
        return;
    }
    let mut indent = line.chars().take_while(|c| *c == ' ').count();
    let content = line.trim_start();
    if indent >= width / 2 {
        // A centred title on a narrower page: start it at the margin.
        indent = 0;
    }
    let mut hanging = indent + marker_width(content);
    if hanging >= width / 2 {
        hanging = indent.min(width / 4);
    }
    let mut current = " ".repeat(indent);
    let mut current_len = indent;
    let mut at_line_start = true;
    for word in break_units(content) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let sep = usize::from(!at_line_start);
            if current_len + sep + word.len() <= width {
                if sep == 1 {
                    current.push(' ');
                }
                current.extend(word.iter());
                current_len += sep + word.len();
                at_line_start = false;
                break;
            }
            if !at_line_start {
                out.push_str(&current);
                out.push('\n');
                current = " ".repeat(hanging);
                current_len = hanging;
                at_line_start = true;
                continue;
            }
            // The word alone does not fit: cut it.
            let room = width.saturating_sub(current_len).max(1);
            let rest = word.split_off(room.min(word.len()));
            current.extend(word.iter());
            out.push_str(&current);
            out.push('\n');
            current = " ".repeat(hanging);
            current_len = hanging;
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    out.push_str(current.trim_end());
}

/// Undoes the wrapping done by [`wrap_text`] at `width`: a line is joined to the
/// previous one when it is indented as that paragraph's continuation lines, does
/// not start a list item, and its first word would not have fitted on the
/// previous line (so the break was the wrapper's, not the author's). Used to
/// rewrap the text for a narrower printer.
pub fn unwrap_text(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    // Indentation expected for a continuation of the last output line, and the
    // length of the last physical line appended to it.
    let mut hanging: Option<usize> = None;
    let mut last_len = 0usize;
    for line in text.split('\n') {
        let line = line.trim_end();
        let indent = line.chars().take_while(|c| *c == ' ').count();
        let content = line.trim_start();
        let first_word_len = break_units(content)
            .first()
            .map_or(0, |w| w.chars().count());
        let is_continuation = !content.is_empty()
            && hanging == Some(indent)
            && marker_width(content) == 0
            && last_len + 1 + first_word_len > width;
        match out.last_mut() {
            Some(previous) if is_continuation => {
                previous.push(' ');
                previous.push_str(content);
            }
            _ => {
                out.push(line.to_string());
                hanging = if content.is_empty() {
                    None
                } else {
                    let h = indent + marker_width(content);
                    Some(if h >= width / 2 {
                        indent.min(width / 4)
                    } else {
                        h
                    })
                };
            }
        }
        last_len = line.chars().count();
    }
    out.join("\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::gestore::GestoreTipo;
    use crate::domain::patto::{FirmaInput, PattoStato, sign};
    use crate::domain::{PatientStatus, Residence};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn patient() -> Patient {
        Patient {
            id: 1,
            cognome: "D'Adda".into(),
            nome: "Niccolò".into(),
            codice_fiscale: "DDDNCL80A01F205X".into(),
            sesso: Sex::M,
            data_nascita: d(1980, 1, 1),
            luogo_nascita: "F205".into(),
            residenza: Residence {
                indirizzo: "Via Giuseppe Verdi 12".into(),
                cap: "20063".into(),
                comune: "C523".into(),
            },
            ats_override: None,
            mmg: "Dott.ssa Lucia Bernasconi".into(),
            telefoni: vec!["02 9234567".into(), "333 1234567".into()],
            email: "niccolo.dadda@example.it".into(),
            tessera_sanitaria: String::new(),
            patologia_primaria: None,
            livello_ats: None,
            patologie: vec!["56".into(), "50".into(), "39".into()],
            stato: PatientStatus::Attivo,
            note: String::new(),
        }
    }

    pub(crate) fn gestore() -> Gestore {
        Gestore {
            id: 2,
            ats: "030321".into(),
            denominazione: "Società Cooperativa Medici della Martesana".into(),
            tipo: GestoreTipo::CooperativaMmg,
            codice: "G-0042".into(),
            cf_piva: "01234567890".into(),
            indirizzo: "Piazza della Libertà 3".into(),
            comune: "Cernusco sul Naviglio".into(),
            telefono: "02 9876543".into(),
            email: "centroservizi@example.it".into(),
            referente: "Marta Colombo".into(),
            livelli: vec![],
            non_idoneo_dal: None,
            fittizio: true,
        }
    }

    fn patto() -> PattoDiCura {
        PattoDiCura {
            id: 12,
            patient: 1,
            presa: 3,
            gestore: 2,
            clinical_manager: "Dott.ssa Lucia Bernasconi".into(),
            precedente: None,
            rinnovato_da: None,
            creato_il: d(2026, 1, 10),
            stato: PattoStato::Bozza,
            firma: None,
            numero: Some(crate::domain::patto::PattoNumero {
                anno: 2026,
                progressivo: 12,
            }),
            correzioni_cm: Vec::new(),
        }
    }

    fn consensi() -> Consensi {
        Consensi {
            trattamento_dati: true,
            fse: true,
            telefono: true,
            sms: false,
            email: true,
        }
    }

    pub(crate) fn rendered() -> String {
        let ctx = PattoContext::new(
            &patient(),
            &gestore(),
            &patto(),
            &consensi(),
            Some((&Firmatario::Paziente, "", "")),
            None,
            crate::io::tables::pathologies(),
            crate::io::tables::comuni(),
            patient().ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules(),
            ),
            "Cernusco sul Naviglio",
            d(2026, 1, 15),
        );
        render(default_template(), &ctx).unwrap()
    }

    #[test]
    fn the_standard_template_uses_only_known_placeholders() {
        let t = default_template();
        let mut rest = t;
        let mut seen = 0;
        while let Some(start) = rest.find("{{") {
            let after = &rest[start + 2..];
            let end = after.find("}}").unwrap();
            assert!(PLACEHOLDERS.contains(&after[..end].trim()), "{after}");
            seen += 1;
            rest = &after[end + 2..];
        }
        assert!(seen > 30);
        for name in PLACEHOLDERS {
            assert!(
                ctx_for_test().get(name).is_some(),
                "{name} has no value in the context"
            );
        }
    }

    fn ctx_for_test() -> PattoContext {
        PattoContext::new(
            &patient(),
            &gestore(),
            &patto(),
            &consensi(),
            None,
            None,
            crate::io::tables::pathologies(),
            crate::io::tables::comuni(),
            patient().ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules(),
            ),
            "",
            d(2026, 1, 15),
        )
    }

    #[test]
    fn rendered_text_has_the_patient_and_the_validity() {
        let text = rendered();
        assert!(text.contains("Paziente: D'Adda Niccolò"));
        assert!(text.contains("dal 15/01/2026 al 14/01/2027"));
        assert!(text.contains("nato il 01/01/1980 a Milano (MI)"));
        assert!(text.contains("Cernusco sul Naviglio (MI)"));
        assert!(text.contains("ATS di residenza: ATS della Città Metropolitana di Milano"));
        assert!(text.contains("- Diabete mellito tipo 2 (50)"));
        assert!(
            text.contains("Livello 2: cronicità polipatologica (stimato dal numero di patologie).")
        );
        assert!(text.contains("[ ] contatto per SMS"));
        assert!(text.contains("[X] contatto per e-mail"));
        assert!(text.contains("800 638 638"));
        assert!(text.contains("Il Piano di Assistenza Individuale sarà condiviso"));
        assert!(text.contains("Sottoscrive: il paziente in persona"));
        assert!(text.contains("Patto di Cura n. 2026/0012 - Nuovo Patto di Cura"));
        assert!(
            !text.contains("Modello predisposto"),
            "the note is not part of the text"
        );
        assert!(text.ends_with("______________________________________\n"));
        assert!(!text.contains("{{"));
        for line in text.lines() {
            assert!(line.chars().count() <= TEXT_WIDTH, "{line}");
            assert_eq!(line, line.trim_end());
        }
        assert_eq!(text, rendered(), "rendering is deterministic");
    }

    #[test]
    fn full_text_snapshot() {
        insta::assert_snapshot!(rendered());
    }

    #[test]
    fn a_signed_patto_takes_validity_from_the_signature() {
        let mut p = patto();
        p.precedente = Some(5);
        let input = FirmaInput {
            firmatario: Firmatario::Delegato,
            nome_firmatario: "Giulia Sala".into(),
            documento: "CI AB1234567".into(),
            consensi: consensi(),
            operatore: "rossi".into(),
        };
        let now = d(2028, 2, 29).and_hms_opt(11, 0, 0).unwrap();
        sign(&mut p, input, "x".into(), now).unwrap();
        let ctx = PattoContext::new(
            &patient(),
            &gestore(),
            &p,
            &consensi(),
            Some((&Firmatario::Delegato, "Giulia Sala", "CI AB1234567")),
            Some(vec![
                "Visita diabetologica ogni 12 mesi".into(),
                " ".into(),
                "Emoglobina glicata ogni 6 mesi".into(),
            ]),
            crate::io::tables::pathologies(),
            crate::io::tables::comuni(),
            patient().ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules(),
            ),
            "Milano",
            d(2028, 3, 2),
        );
        let text = render(default_template(), &ctx).unwrap();
        assert!(text.contains("dal 29/02/2028 al 28/02/2029"));
        assert!(text.contains("Luogo e data: Milano, 02/03/2028"));
        assert!(text.contains("Rinnovo del Patto di Cura n. 5"));
        assert!(
            text.contains(
                "Giulia Sala, in qualità di delegato, documento di identità CI AB1234567"
            )
        );
        assert!(text.contains(
            "Sintesi del PAI in vigore:\n- Visita diabetologica ogni 12 mesi\n- Emoglobina glicata ogni 6 mesi\n"
        ));
    }

    #[test]
    fn the_model_note_is_taken_off_old_signed_texts() {
        let old = format!("PATTO\n\n______\n\n\n{NOTA_MODELLO}\n");
        assert_eq!(without_model_note(&old), "PATTO\n\n______\n");
        assert_eq!(without_model_note("PATTO\n"), "PATTO\n");
        let mut ctx = ctx_for_test();
        ctx.rinnovo_di("2025/0007");
        assert_eq!(ctx.patto_rinnovo, "Rinnovo del Patto di Cura n. 2025/0007");
    }

    #[test]
    fn template_errors_name_the_placeholder() {
        let ctx = ctx_for_test();
        assert_eq!(
            render(
                "PATTO\nPaziente: {{paziente.cognome}}\n{{ paziente.soprannome }}\n",
                &ctx
            ),
            Err(PattoError::SegnapostoSconosciuto {
                nome: "paziente.soprannome".into(),
                riga: 3
            })
        );
        let err = render("{{nope}}", &ctx).unwrap_err().to_string();
        assert!(err.contains("{{nope}}"), "{err}");
        assert!(err.contains("riga 1"), "{err}");
        assert_eq!(
            render("a\n{{paziente.nome", &ctx),
            Err(PattoError::SegnapostoNonChiuso { riga: 2 })
        );
        assert_eq!(render("", &ctx), Ok("\n".into()));
        assert_eq!(
            render("{{ paziente.nome }} e basta\r\n", &ctx),
            Ok("Niccolò e basta\n".into())
        );
    }

    #[test]
    fn values_cannot_break_the_layout() {
        let mut p = patient();
        p.cognome = "D'Adda\n{{luogo}}\tX".into();
        p.patologie = vec!["ZZZ".into()];
        let ctx = PattoContext::new(
            &p,
            &gestore(),
            &patto(),
            &Consensi::default(),
            None,
            Some(vec![]),
            crate::io::tables::pathologies(),
            crate::io::tables::comuni(),
            p.ats(
                crate::io::tables::comuni(),
                crate::io::tables::ats_table(),
                crate::io::tables::ats_rules(),
            ),
            "",
            d(2026, 1, 15),
        );
        assert_eq!(ctx.paziente_cognome, "D'Adda {{luogo}} X");
        assert_eq!(ctx.patologie, "- ZZZ");
        assert_eq!(ctx.livello_numero, "3");
        let text = render("{{paziente.cognome}}\n{{pai}}", &ctx).unwrap();
        assert!(text.starts_with("D'Adda {{luogo}} X\nIl Piano di Assistenza"));
    }

    #[test]
    fn wrapping_keeps_indentation_and_list_markers() {
        let text = "- uno due tre quattro cinque\n  [X] alfa beta gamma delta\ncorto\n";
        assert_eq!(
            wrap_text(text, 14),
            "- uno due tre\n  quattro\n  cinque\n  [X] alfa\n      beta\n      gamma\n      delta\ncorto\n"
        );
        assert_eq!(
            wrap_text("abcdefghijklmnopqrst", 8),
            "abcdefgh\nijklmnop\nqrst"
        );
        assert_eq!(wrap_text("àèéìòù àèéìòù", 8), "àèéìòù\nàèéìòù");
        assert_eq!(
            wrap_text("numero verde 800 638 638", 20),
            "numero verde\n800 638 638"
        );
        assert_eq!(
            wrap_text("tel. 333 1234567; e-mail", 12),
            "tel.\n333 1234567;\ne-mail"
        );
        assert_eq!(wrap_text("", 10), "");
        assert_eq!(wrap_text("x   \n", 10), "x\n");
    }

    proptest::proptest! {
        #[test]
        fn wrapping_respects_the_width(text in "[a-zà-ù \\-\\[\\]X0-9\n]{0,300}", width in 8usize..60) {
            let wrapped = wrap_text(&text, width);
            for line in wrapped.lines() {
                proptest::prop_assert!(line.chars().count() <= width, "{:?}", line);
            }
            let words = |t: &str| t.split_whitespace().collect::<String>();
            proptest::prop_assert_eq!(words(&wrapped), words(&text));
        }

        #[test]
        fn any_template_renders_or_fails_cleanly(template in "(\\{\\{|\\}\\}|[a-z._ ]|\n|pai|data){0,80}") {
            let _ = render(&template, &ctx_for_test());
        }
    }

    #[test]
    fn unwrapping_restores_paragraphs() {
        let paragraph = "Il paziente può revocare il presente Patto in qualsiasi momento, comunicandolo al Gestore; con la revoca il PAI in corso viene chiuso.";
        let source = format!("TITOLO\n{paragraph}\n- {paragraph}\n\nriga breve\nseconda riga\n");
        let wrapped = wrap_text(&source, 40);
        assert_ne!(wrapped, source);
        assert_eq!(unwrap_text(&wrapped, 40), source);
        let text = rendered();
        assert_eq!(wrap_text(&unwrap_text(&text, TEXT_WIDTH), TEXT_WIDTH), text);
    }
}
