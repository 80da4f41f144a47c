//! Domain values as the operator reads them, in the chosen language.

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::Lang;
use crate::domain::agenda::{AppStato, Closure, Fascia, Pattern};
use crate::domain::audit::AuditAction;
use crate::domain::gestore::{Canale, GestoreTipo};
use crate::domain::operator::Role;
use crate::domain::pai::{Categoria, Frequenza, Luogo, PaiStato};
use crate::domain::patient::PatientStatus;
use crate::domain::patto::{Firmatario, PattoState};
use crate::domain::practice::Stampante;

macro_rules! tr {
    ($lang:expr, $it:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::It => $it,
            Lang::En => $en,
        }
    };
}

/// An operator's role.
pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Segreteria => tr!(lang, "segreteria", "front desk"),
        Role::Medico => tr!(lang, "medico", "doctor"),
        Role::Amministratore => tr!(lang, "amministratore", "administrator"),
    }
}

/// How the patient joined the programme.
pub fn canale(lang: Lang, c: Canale) -> &'static str {
    match c {
        Canale::MmgAderente => tr!(lang, "MMG aderente", "member GP"),
        Canale::CentroServiziAsst => tr!(lang, "Centro Servizi ASST", "ASST Service Centre"),
        Canale::Mifs => tr!(
            lang,
            "MIFS (medico in forma singola)",
            "MIFS (GP practising alone)"
        ),
    }
}

/// Why a channel is not offered for a Gestore.
pub fn canale_escluso(lang: Lang, e: &crate::domain::gestore::CanaleEscluso) -> String {
    use crate::domain::gestore::CanaleEscluso as E;
    match e {
        E::NonAttivo => tr!(
            lang,
            "non attivo (si attiva in Amministrazione › Studio)",
            "not switched on (Administration › Practice)"
        )
        .into(),
        E::MmgNonAderente { mmg } if mmg.is_empty() => tr!(
            lang,
            "il paziente non ha un MMG registrato",
            "the patient has no GP on record"
        )
        .into(),
        E::MmgNonAderente { mmg } => tr!(
            lang,
            format!("il MMG del paziente ({mmg}) non aderisce a questo Gestore"),
            format!("the patient's GP ({mmg}) does not adhere to this Gestore"),
        ),
        E::SoloAsst => tr!(lang, "solo per i Gestori ASST", "only for ASST Gestori").into(),
        E::SoloMifsAsst => tr!(
            lang,
            "solo con un MMG in forma singola o un'ASST",
            "only with a single-handed GP or an ASST"
        )
        .into(),
        E::ModelloPrecedente => tr!(
            lang,
            "Gestore del modello precedente: nessuna nuova presa in carico dopo il 31/12/2024",
            "Gestore of the earlier model: no new enrolment after 31/12/2024"
        )
        .into(),
    }
}

/// Why a row of the ATS list of MMG aderenti is not read.
pub fn mmg_row_problem(lang: Lang, p: &crate::service::mmg_aderenti::MmgRowProblem) -> String {
    use crate::service::mmg_aderenti::MmgRowProblem as P;
    match p {
        P::NoName => tr!(
            lang,
            "manca il nome del medico",
            "the doctor's name is missing"
        )
        .into(),
        P::NoGestore => tr!(lang, "manca il Gestore", "the Gestore is missing").into(),
        P::Duplicate { first } => tr!(
            lang,
            format!("medico già alla riga {first}"),
            format!("doctor already on line {first}"),
        ),
    }
}

/// A doctor of the list whose Gestore is not (or not one) stored idoneo.
pub fn mmg_unmatched(lang: Lang, u: &crate::service::mmg_aderenti::Unmatched) -> String {
    let (nome, gestore) = (&u.nome, &u.gestore);
    if u.ambiguous {
        tr!(
            lang,
            format!("{nome}: più Gestori si chiamano \"{gestore}\": usare il codice del Gestore"),
            format!("{nome}: several Gestori are called \"{gestore}\": use the Gestore's code"),
        )
    } else {
        tr!(
            lang,
            format!(
                "{nome}: Gestore \"{gestore}\" non trovato tra gli idonei in archivio (importare prima l'elenco dei Gestori)"
            ),
            format!(
                "{nome}: Gestore \"{gestore}\" not found among the stored eligible ones (import the Gestori list first)"
            ),
        )
    }
}

/// An appointment's state.
pub fn app_stato(lang: Lang, s: &AppStato) -> &'static str {
    match s {
        AppStato::Prenotato => tr!(lang, "prenotato", "booked"),
        AppStato::Eseguito => tr!(lang, "eseguito", "done"),
        AppStato::NonPresentato => tr!(lang, "non presentato", "missed"),
        AppStato::Annullato { .. } => tr!(lang, "annullato", "cancelled"),
    }
}

/// "done" or "missed": what an appointment is marked.
pub fn app_stato_name(lang: Lang, missed: bool) -> &'static str {
    if missed {
        app_stato(lang, &AppStato::NonPresentato)
    } else {
        app_stato(lang, &AppStato::Eseguito)
    }
}

/// A weekday, lower case: "lunedì", "Monday".
pub fn giorno(lang: Lang, g: Weekday) -> &'static str {
    match g {
        Weekday::Mon => tr!(lang, "lunedì", "Monday"),
        Weekday::Tue => tr!(lang, "martedì", "Tuesday"),
        Weekday::Wed => tr!(lang, "mercoledì", "Wednesday"),
        Weekday::Thu => tr!(lang, "giovedì", "Thursday"),
        Weekday::Fri => tr!(lang, "venerdì", "Friday"),
        Weekday::Sat => tr!(lang, "sabato", "Saturday"),
        Weekday::Sun => tr!(lang, "domenica", "Sunday"),
    }
}

/// A weekday in three letters, which `domain::agenda::parse_giorni` reads
/// back in either language: "lun", "mon".
pub fn giorno_breve(lang: Lang, g: Weekday) -> &'static str {
    match g {
        Weekday::Mon => tr!(lang, "lun", "mon"),
        Weekday::Tue => tr!(lang, "mar", "tue"),
        Weekday::Wed => tr!(lang, "mer", "wed"),
        Weekday::Thu => tr!(lang, "gio", "thu"),
        Weekday::Fri => tr!(lang, "ven", "fri"),
        Weekday::Sat => tr!(lang, "sab", "sat"),
        Weekday::Sun => tr!(lang, "dom", "sun"),
    }
}

/// Weekdays as `domain::agenda::parse_giorni` reads them: runs of three or
/// more as a span ("lun-ven", "mon-fri"), the others listed ("lun-mer,ven").
pub fn giorni(lang: Lang, days: &[Weekday]) -> String {
    let mut sorted: Vec<Weekday> = days.to_vec();
    sorted.sort_by_key(|d| d.num_days_from_monday());
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len()
            && sorted[j + 1].num_days_from_monday() == sorted[j].num_days_from_monday() + 1
        {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!(
                "{}-{}",
                giorno_breve(lang, sorted[i]),
                giorno_breve(lang, sorted[j])
            ));
        } else {
            parts.extend(
                sorted[i..=j]
                    .iter()
                    .map(|d| giorno_breve(lang, *d).to_string()),
            );
        }
        i = j + 1;
    }
    parts.join(",")
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A weekly pattern of a resource: "lunedì 08:00-12:00", "Monday 08:00-12:00".
pub fn pattern(lang: Lang, p: &Pattern) -> String {
    format!("{} {}-{}", giorno(lang, p.giorno), hm(p.dalle), hm(p.alle))
}

/// When a closure applies: "il 08/12/2026", "dal 03/08/2026 al 21/08/2026",
/// "il 09/03/2026 dalle 14:00 alle 18:00", or both ends with their time.
pub fn closure_period(lang: Lang, c: &Closure) -> String {
    let whole_days = c.dal.time() == NaiveTime::MIN && c.al.time() == NaiveTime::MIN;
    if whole_days && c.al > c.dal {
        let first = c.dal.date();
        let last = c.al.date().pred_opt().unwrap_or(first);
        let (first, last) = (dmy(first), dmy(last));
        if first == last {
            tr!(lang, format!("il {first}"), format!("on {first}"))
        } else {
            tr!(
                lang,
                format!("dal {first} al {last}"),
                format!("from {first} to {last}")
            )
        }
    } else if c.dal.date() == c.al.date() {
        let (day, from, to) = (dmy(c.dal.date()), hm(c.dal.time()), hm(c.al.time()));
        tr!(
            lang,
            format!("il {day} dalle {from} alle {to}"),
            format!("on {day} from {from} to {to}")
        )
    } else {
        let from = format!("{} {}", dmy(c.dal.date()), hm(c.dal.time()));
        let to = format!("{} {}", dmy(c.al.date()), hm(c.al.time()));
        tr!(
            lang,
            format!("dal {from} al {to}"),
            format!("from {from} to {to}")
        )
    }
}

/// Part of the day.
pub fn fascia(lang: Lang, f: Fascia) -> &'static str {
    match f {
        Fascia::Mattina => tr!(lang, "mattina", "morning"),
        Fascia::Pomeriggio => tr!(lang, "pomeriggio", "afternoon"),
    }
}

/// A kind of PAI item.
pub fn categoria(lang: Lang, c: Categoria) -> &'static str {
    match c {
        Categoria::Visita => tr!(lang, "Visita", "Visit"),
        Categoria::EsameLaboratorio => tr!(lang, "Esame di laboratorio", "Laboratory test"),
        Categoria::DiagnosticaStrumentale => {
            tr!(lang, "Diagnostica strumentale", "Instrumental diagnostics")
        }
        Categoria::PrescrizioneFarmacologica => {
            tr!(lang, "Prescrizione farmacologica", "Drug prescription")
        }
        Categoria::Vaccinazione => tr!(lang, "Vaccinazione", "Vaccination"),
        Categoria::StileDiVita => tr!(lang, "Stile di vita", "Lifestyle"),
        Categoria::Monitoraggio => tr!(lang, "Monitoraggio", "Monitoring"),
    }
}

/// How often a PAI item recurs: "4 volte l'anno", "4 times a year".
pub fn frequenza(lang: Lang, f: Frequenza) -> String {
    match f {
        Frequenza::VoltePerAnno(1) => tr!(lang, "1 volta l'anno", "once a year").into(),
        Frequenza::VoltePerAnno(n) => tr!(
            lang,
            format!("{n} volte l'anno"),
            format!("{n} times a year")
        ),
        Frequenza::OgniMesi(1) => tr!(lang, "ogni mese", "every month").into(),
        Frequenza::OgniMesi(m) => tr!(lang, format!("ogni {m} mesi"), format!("every {m} months")),
        Frequenza::UnaVolta => tr!(lang, "una volta", "once").into(),
    }
}

/// Where a PAI item is done: "in sede: punto prelievi", "at the practice: punto prelievi".
pub fn luogo(lang: Lang, l: &Luogo) -> String {
    match l {
        Luogo::InSede { risorsa } => tr!(
            lang,
            format!("in sede: {risorsa}"),
            format!("at the practice: {risorsa}")
        ),
        Luogo::Esterno { erogatore } => tr!(
            lang,
            format!("esterno: {erogatore}"),
            format!("external: {erogatore}")
        ),
    }
}

/// The stored state of a PAI.
pub fn pai_stato(lang: Lang, s: &PaiStato) -> &'static str {
    match s {
        PaiStato::Bozza => tr!(lang, "bozza", "draft"),
        PaiStato::Condiviso { .. } => tr!(lang, "condiviso", "shared"),
        PaiStato::Concluso { .. } => tr!(lang, "concluso", "closed"),
    }
}

/// Whether the patient is still followed by the practice.
pub fn patient_status(lang: Lang, s: PatientStatus) -> &'static str {
    match s {
        PatientStatus::Attivo => tr!(lang, "attivo", "active"),
        PatientStatus::Deceduto(_) => tr!(lang, "deceduto", "deceased"),
        PatientStatus::Trasferito(_) => tr!(lang, "trasferito", "transferred"),
    }
}

/// A type of Gestore, in full.
pub fn gestore_tipo(lang: Lang, t: GestoreTipo) -> &'static str {
    match t {
        GestoreTipo::CooperativaMmg => tr!(lang, "Cooperativa MMG", "GP cooperative"),
        GestoreTipo::Asst => tr!(lang, "ASST", "ASST"),
        GestoreTipo::Irccs => tr!(lang, "IRCCS", "IRCCS"),
        GestoreTipo::StrutturaPrivata => {
            tr!(
                lang,
                "Struttura privata accreditata",
                "Accredited private facility"
            )
        }
        GestoreTipo::Rsa => tr!(lang, "RSA", "Nursing home (RSA)"),
        GestoreTipo::Asp => tr!(lang, "ASP", "ASP"),
        GestoreTipo::Mifs => tr!(lang, "MMG in forma singola", "Single-handed GP (MIFS)"),
        GestoreTipo::Altro => tr!(lang, "Altro", "Other"),
    }
}

/// Who an entry of the audit trail names: an operator's user name as
/// stored, or the command line ("riga di comando", with the system's user)
/// and the unknown user, which are rendered in `lang`.
pub fn audit_operator(lang: Lang, stored: &str) -> String {
    use crate::service::{COMMAND_LINE, UNKNOWN_USER};
    if lang == Lang::It {
        return stored.to_string();
    }
    if stored == UNKNOWN_USER {
        return "unknown user".into();
    }
    match stored.strip_prefix(COMMAND_LINE) {
        Some("") => "command line".into(),
        Some(rest) => match rest
            .strip_prefix(" (utente os: ")
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(user) => format!("command line (OS user: {user})"),
            None => stored.to_string(),
        },
        None => stored.to_string(),
    }
}

/// What an entry of the audit trail records.
pub fn audit_action(lang: Lang, a: AuditAction) -> &'static str {
    match a {
        AuditAction::Login => tr!(lang, "accesso", "login"),
        AuditAction::LoginFailed => tr!(lang, "accesso negato", "login refused"),
        AuditAction::Logout => tr!(lang, "uscita", "logout"),
        AuditAction::OpenRecord => tr!(lang, "apertura scheda", "record opened"),
        AuditAction::PatientCreated => tr!(lang, "nuovo paziente", "new patient"),
        AuditAction::PatientUpdated => tr!(lang, "modifica paziente", "patient changed"),
        AuditAction::GestoreChosen => tr!(lang, "scelta Gestore", "Gestore chosen"),
        AuditAction::PresaRevoked => tr!(lang, "revoca presa in carico", "enrolment revoked"),
        AuditAction::PattoPrepared => tr!(lang, "Patto preparato", "Pact prepared"),
        AuditAction::PattoChanged => tr!(lang, "Patto modificato", "Pact changed"),
        AuditAction::PattoSigned => tr!(lang, "Patto firmato", "Pact signed"),
        AuditAction::PaiChanged => tr!(lang, "PAI modificato", "PAI changed"),
        AuditAction::PaiShared => tr!(lang, "PAI condiviso", "PAI shared"),
        AuditAction::AppointmentBooked => tr!(lang, "prenotazione", "booking"),
        AuditAction::AppointmentChanged => {
            tr!(lang, "modifica appuntamento", "appointment changed")
        }
        AuditAction::AgendaSetup => tr!(lang, "impostazione agenda", "agenda set-up"),
        AuditAction::Import => tr!(lang, "importazione", "import"),
        AuditAction::Backup => tr!(lang, "copia di sicurezza", "backup"),
        AuditAction::PracticeSetup => tr!(lang, "impostazione studio", "practice set-up"),
        AuditAction::OperatorChanged => tr!(lang, "operatori", "operators"),
        AuditAction::GdprExport => tr!(lang, "esportazione GDPR", "GDPR export"),
        AuditAction::GdprErase => tr!(lang, "cancellazione GDPR", "GDPR erasure"),
        AuditAction::ListViewed => tr!(lang, "consultazione elenco", "list viewed"),
        AuditAction::Arruolabile => tr!(lang, "arruolabili", "eligible patients"),
        AuditAction::Compaction => tr!(lang, "compattazione archivio", "store compacted"),
    }
}

/// Where the Patto is printed: "nessuna", "predefinita" or the printer's name.
pub fn stampante(lang: Lang, s: &Stampante) -> String {
    match s {
        Stampante::Nessuna => tr!(lang, "nessuna", "none").into(),
        Stampante::Predefinita => tr!(lang, "predefinita", "default").into(),
        Stampante::Nome(n) => n.clone(),
    }
}

/// The practice's name: its own, or the generic one in `lang` when it has
/// not set one ([`crate::domain::practice::DEFAULT_NAME`] or empty).
pub fn practice_name(lang: Lang, nome: &str) -> String {
    let nome = nome.trim();
    if nome.is_empty() || nome == crate::domain::practice::DEFAULT_NAME {
        tr!(lang, "Studio medico", "GP practice").into()
    } else {
        nome.to_string()
    }
}

/// Who signs the Patto.
pub fn firmatario(lang: Lang, f: Firmatario) -> &'static str {
    match f {
        Firmatario::Paziente => tr!(lang, "paziente", "patient"),
        Firmatario::Tutore => tr!(lang, "tutore", "legal guardian (tutore)"),
        Firmatario::AmministratoreDiSostegno => tr!(
            lang,
            "amministratore di sostegno",
            "support administrator (amministratore di sostegno)"
        ),
        Firmatario::Delegato => tr!(lang, "delegato", "delegate"),
    }
}

/// The state of a Patto on the clock's day.
pub fn patto_state(lang: Lang, s: PattoState) -> String {
    match s {
        PattoState::Bozza => tr!(lang, "bozza", "draft").into(),
        PattoState::Valido => tr!(lang, "firmato (valido)", "signed (valid)").into(),
        PattoState::InScadenza { giorni: 1 } => {
            tr!(lang, "in scadenza tra 1 giorno", "expires in 1 day").into()
        }
        PattoState::InScadenza { giorni } => tr!(
            lang,
            format!("in scadenza tra {giorni} giorni"),
            format!("expires in {giorni} days")
        ),
        PattoState::Scaduto => tr!(lang, "scaduto", "expired").into(),
        PattoState::Revocato => tr!(lang, "revocato", "revoked").into(),
        PattoState::Rinnovato => tr!(lang, "rinnovato", "renewed").into(),
    }
}

/// One reason a Patto cannot be prepared.
pub fn patto_missing(lang: Lang, m: &crate::domain::patto::Missing) -> String {
    use crate::domain::patto::Missing as M;
    let dmy = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
    match m {
        M::Deceased(d) => tr!(lang, format!("Il paziente risulta deceduto il {}", dmy(d)), format!("The patient died on {}", dmy(d))),
        M::Transferred(d) => tr!(lang, format!("Il paziente risulta trasferito il {}", dmy(d)), format!("The patient moved away on {}", dmy(d))),
        M::PresaOfAnotherPatient => tr!(lang, "La presa in carico indicata è di un altro paziente: registrare la scelta del Gestore per questo paziente", "The enrolment given is another patient's: record the choice of the Gestore for this patient").into(),
        M::NoPresa => tr!(lang, "Nessuna scelta del Gestore attiva: registrare prima la scelta del Gestore", "No active choice of a Gestore: record the choice of the Gestore first").into(),
        M::NoPathology => tr!(lang, "Nessuna patologia cronica registrata: aggiungere le patologie nella scheda del paziente", "No chronic pathology recorded: add the pathologies in the patient's record").into(),
    }
}

/// A holiday's name in `lang`: the national holidays (and the week view's
/// "festa patronale") have their English names; a patron saint's name, or a
/// closure's reason shown in its place, stays as written.
pub fn holiday(lang: Lang, name: &str) -> String {
    if lang == Lang::It {
        return name.to_string();
    }
    let en = match name {
        "Capodanno" => "New Year's Day",
        "Epifania" => "Epiphany",
        "Festa della Liberazione" => "Liberation Day",
        "Festa del Lavoro" => "Labour Day",
        "Festa della Repubblica" => "Republic Day",
        "Ferragosto (Assunzione)" => "Ferragosto (Assumption)",
        "Ognissanti" => "All Saints' Day",
        "Immacolata Concezione" => "Immaculate Conception",
        "Natale" => "Christmas Day",
        "Santo Stefano" => "St Stephen's Day",
        "Pasqua" => "Easter Sunday",
        "Lunedì dell'Angelo (Pasquetta)" => "Easter Monday",
        "San Francesco d'Assisi, patrono d'Italia" => "St Francis of Assisi, patron of Italy",
        "150° anniversario dell'Unità d'Italia" => {
            "150th anniversary of the unification of Italy"
        }
        "festa patronale" => "patron saint's day",
        other => other,
    };
    en.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::parse_giorni;
    use chrono::NaiveDate;

    const WEEK: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn national_holidays_have_english_names_and_saints_stay() {
        let year = crate::domain::calendar::national_holidays(2026);
        for h in &year {
            let en = holiday(Lang::En, &h.name);
            assert_ne!(en, h.name, "{} has no English name", h.name);
            assert_eq!(holiday(Lang::It, &h.name), h.name);
        }
        assert_eq!(holiday(Lang::En, "Natale"), "Christmas Day");
        assert_eq!(holiday(Lang::En, "Sant'Ambrogio"), "Sant'Ambrogio");
        let unita = crate::domain::calendar::national_holidays(2011);
        assert!(
            unita
                .iter()
                .any(|h| holiday(Lang::En, &h.name).starts_with("150th"))
        );
    }

    #[test]
    fn italian_is_the_domain_form() {
        for g in WEEK {
            assert_eq!(giorno(Lang::It, g), crate::domain::agenda::giorno_label(g));
            assert_eq!(
                giorno_breve(Lang::It, g),
                crate::domain::agenda::giorno_breve(g)
            );
        }
        for c in Categoria::ALL {
            assert_eq!(categoria(Lang::It, c), c.label());
        }
        for t in GestoreTipo::ALL {
            assert_eq!(gestore_tipo(Lang::It, t), t.label());
        }
        for a in AuditAction::ALL {
            assert_eq!(audit_action(Lang::It, a), a.label());
        }
        for f in Firmatario::ALL {
            assert_eq!(firmatario(Lang::It, f), f.label());
        }
        for f in [
            Frequenza::VoltePerAnno(1),
            Frequenza::VoltePerAnno(4),
            Frequenza::OgniMesi(1),
            Frequenza::OgniMesi(6),
            Frequenza::UnaVolta,
        ] {
            assert_eq!(frequenza(Lang::It, f), f.label());
        }
        let p = Pattern::new(
            Weekday::Tue,
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(12, 30, 0).unwrap(),
            15,
            1,
            d(2026, 1, 1),
        );
        assert_eq!(pattern(Lang::It, &p), "martedì 08:00-12:30");
        assert_eq!(pattern(Lang::It, &p), p.label());
        assert_eq!(pattern(Lang::En, &p), "Tuesday 08:00-12:30");
        for days in [
            vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Fri],
            vec![Weekday::Sat],
            WEEK.to_vec(),
        ] {
            assert_eq!(
                giorni(Lang::It, &days),
                crate::domain::agenda::giorni_label(&days)
            );
        }
        assert_eq!(
            patto_state(Lang::It, PattoState::InScadenza { giorni: 3 }),
            "in scadenza tra 3 giorni"
        );
        assert_eq!(
            patto_state(Lang::En, PattoState::InScadenza { giorni: 3 }),
            "expires in 3 days"
        );
        let l = Luogo::in_sede("punto prelievi");
        assert_eq!(luogo(Lang::It, &l), l.label());
        assert_eq!(luogo(Lang::En, &l), "at the practice: punto prelievi");
        assert_eq!(
            patient_status(Lang::En, PatientStatus::Deceduto(d(2026, 1, 2))),
            "deceased"
        );
        assert_eq!(pai_stato(Lang::En, &PaiStato::Bozza), "draft");
        assert_eq!(fascia(Lang::En, Fascia::Pomeriggio), "afternoon");
        assert_eq!(stampante(Lang::En, &Stampante::Predefinita), "default");
        assert_eq!(
            stampante(Lang::It, &Stampante::Predefinita),
            Stampante::Predefinita.label()
        );
    }

    #[test]
    fn closure_periods_in_both_languages() {
        let one = Closure::giornata(1, None, d(2026, 12, 8), "Immacolata");
        let span = Closure::periodo(2, None, d(2026, 8, 3), d(2026, 8, 21), "ferie");
        let part = Closure {
            id: 3,
            resource: Some(1),
            dal: d(2026, 3, 9).and_hms_opt(14, 0, 0).unwrap(),
            al: d(2026, 3, 9).and_hms_opt(18, 0, 0).unwrap(),
            motivo: String::new(),
        };
        for c in [&one, &span, &part] {
            assert_eq!(closure_period(Lang::It, c), c.periodo_label());
        }
        assert_eq!(closure_period(Lang::En, &one), "on 08/12/2026");
        assert_eq!(
            closure_period(Lang::En, &span),
            "from 03/08/2026 to 21/08/2026"
        );
        assert_eq!(
            closure_period(Lang::En, &part),
            "on 09/03/2026 from 14:00 to 18:00"
        );
    }

    #[test]
    fn english_weekdays_are_read_back() {
        // Every set of days the agenda set-up writes in English parses back.
        for mask in 1u8..128 {
            let days: Vec<Weekday> = WEEK
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, d)| *d)
                .collect();
            let text = giorni(Lang::En, &days);
            assert_eq!(parse_giorni(&text), Some(days.clone()), "{text}");
        }
        assert_eq!(
            giorni(
                Lang::En,
                &[Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Fri]
            ),
            "mon-wed,fri"
        );
    }

    /// The generic practice name and the printer "none" by language; what
    /// is shown in English reads back as the same setting.
    #[test]
    fn generic_practice_name_and_no_printer_by_language() {
        use crate::domain::practice::{DEFAULT_NAME, Practice};
        let p = Practice::default();
        assert_eq!(practice_name(Lang::It, &p.nome), "Studio medico");
        assert_eq!(practice_name(Lang::En, &p.nome), "GP practice");
        assert_eq!(practice_name(Lang::En, ""), "GP practice");
        assert_eq!(practice_name(Lang::En, "Studio Rossi"), "Studio Rossi");
        assert_eq!(p.nome, DEFAULT_NAME);
        assert_eq!(stampante(Lang::En, &p.stampante), "none");
        assert_eq!(stampante(Lang::It, &p.stampante), "nessuna");
        assert_eq!(Stampante::parse("none"), Stampante::Nessuna);
        assert_eq!(Stampante::parse("Default"), Stampante::Predefinita);
    }

    /// The command line and the unknown user in the audit trail, by
    /// language; operators' names as stored.
    #[test]
    fn audit_operators_by_language() {
        assert_eq!(audit_operator(Lang::En, "riga di comando"), "command line");
        assert_eq!(
            audit_operator(Lang::En, "riga di comando (utente os: mario)"),
            "command line (OS user: mario)"
        );
        assert_eq!(
            audit_operator(Lang::En, "utente sconosciuto"),
            "unknown user"
        );
        assert_eq!(audit_operator(Lang::En, "anna"), "anna");
        assert_eq!(
            audit_operator(Lang::It, "riga di comando"),
            "riga di comando"
        );
    }
}
