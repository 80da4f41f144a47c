//! The service's errors as the operator reads them: one line per language
//! per case.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::store::{backup, store};
use super::{Lang, label};
use crate::domain::agenda::{AgendaError, Conflict, Fuori};
use crate::domain::codice_fiscale::{CfError, InputField};
use crate::domain::operator::OperatorRule;
use crate::domain::pai::PaiError;
use crate::domain::patto::PattoError;
use crate::service::error::LoginError;
use crate::service::{DeskError, Field, Internal, Operation, Refusal};

/// Picks the text of `lang`; each branch formats only its own text.
macro_rules! tr {
    ($lang:expr, $it:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::It => $it,
            Lang::En => $en,
        }
    };
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub(super) fn dmy_hm(d: NaiveDateTime) -> String {
    d.format("%d/%m/%Y %H:%M").to_string()
}

/// A service error in the operator's language.
pub fn error(lang: Lang, e: &DeskError) -> String {
    match e {
        DeskError::Refused(r) => refusal(lang, r),
        DeskError::CodiceFiscale(e) => codice_fiscale(lang, e),
        DeskError::Agenda(e) => agenda(lang, e),
        DeskError::Patto(e) => patto(lang, e),
        DeskError::Pai(e) => pai(lang, e),
        DeskError::Operator(e) => operator_rule(lang, e),
        DeskError::Login(e) => login(lang, e),
        DeskError::Forbidden { needed, have, what } => {
            let (needed, have, what) = (
                label::role(lang, *needed),
                label::role(lang, *have),
                operation(lang, *what),
            );
            tr!(
                lang,
                format!("Serve il ruolo {needed} per {what} (l'operatore attuale è {have})"),
                format!("The {needed} role is needed to {what} (the current operator is {have})"),
            )
        }
        DeskError::Store(p) => store(lang, p),
        DeskError::Backup(p) => backup(lang, p),
        DeskError::Internal { what, detail } => {
            let what = internal(lang, *what);
            tr!(
                lang,
                format!("{what} (dettaglio tecnico: {detail})"),
                format!("{what} (technical detail: {detail})"),
            )
        }
    }
}

/// "to ..." / "per ...": what a role-restricted operation is.
pub fn operation(lang: Lang, o: Operation) -> &'static str {
    match o {
        Operation::Pai => tr!(lang, "modificare il PAI", "change the PAI"),
        Operation::ClinicalManager => tr!(
            lang,
            "indicare il Clinical Manager",
            "name the Clinical Manager"
        ),
        Operation::Operators => tr!(lang, "gestire gli operatori", "manage the operators"),
        Operation::Agenda => tr!(lang, "impostare l'agenda", "set up the agenda"),
        Operation::Import => tr!(lang, "importare gli elenchi", "import the lists"),
        Operation::Backup => tr!(lang, "fare copie di sicurezza", "make backups"),
        Operation::Audit => tr!(
            lang,
            "consultare il registro accessi",
            "read the audit trail"
        ),
        Operation::Practice => tr!(lang, "impostare lo studio", "set up the practice"),
        Operation::Gdpr => tr!(
            lang,
            "esportare o cancellare i dati di un paziente (GDPR)",
            "export or erase a patient's data (GDPR)"
        ),
        Operation::Compact => tr!(lang, "compattare l'archivio", "compact the store"),
    }
}

fn internal(lang: Lang, w: Internal) -> &'static str {
    match w {
        Internal::PasswordHash => tr!(
            lang,
            "Impossibile cifrare la password",
            "The password could not be hashed"
        ),
        Internal::Random => tr!(
            lang,
            "Generatore casuale del sistema non disponibile",
            "The system's random generator is not available"
        ),
        Internal::Fingerprint => tr!(
            lang,
            "Impossibile calcolare l'impronta",
            "The fingerprint could not be computed"
        ),
        Internal::CsvWrite => tr!(lang, "Errore di scrittura del CSV", "Error writing the CSV"),
        Internal::JsonWrite => tr!(
            lang,
            "Errore di scrittura del JSON",
            "Error writing the JSON"
        ),
        Internal::Print => tr!(lang, "Errore di stampa", "Printing error"),
        Internal::Io => tr!(lang, "Errore di lettura o scrittura", "Read or write error"),
        Internal::CompactAfterErasure => tr!(
            lang,
            "La cancellazione è fatta, ma la riscrittura dell'archivio non è riuscita: le versioni precedenti dei dati restano nel file dell'archivio finché non si esegue `sportello compatta`",
            "The erasure is done, but rewriting the store failed: earlier versions of the data stay in the store's file until `sportello compatta` is run"
        ),
        Internal::Workload => tr!(lang, "Errore del carico di prova", "Workload error"),
    }
}

/// The name of a field as the subject of a sentence ("Il cognome", "The surname").
pub fn field(lang: Lang, f: Field) -> &'static str {
    match f {
        Field::Cognome => tr!(lang, "Il cognome", "The surname"),
        Field::Nome => tr!(lang, "Il nome", "The first name"),
        Field::Indirizzo => tr!(lang, "L'indirizzo", "The address"),
        Field::Cap => tr!(lang, "Il CAP", "The postcode"),
        Field::Comune => tr!(lang, "Il comune", "The comune"),
        Field::LuogoNascita => tr!(lang, "Il luogo di nascita", "The place of birth"),
        Field::Mmg => tr!(lang, "Il nome del MMG", "The GP's name"),
        Field::Email => tr!(lang, "L'e-mail", "The e-mail"),
        Field::Tessera => tr!(lang, "La tessera sanitaria", "The health card"),
        Field::Note => tr!(lang, "Il campo note", "The notes"),
        Field::Telefono => tr!(lang, "Un numero di telefono", "A phone number"),
        Field::ResourceName => tr!(lang, "Il nome della risorsa", "The resource's name"),
        Field::ResourceType => tr!(lang, "Il tipo della risorsa", "The resource's type"),
        Field::ClosureReason => tr!(lang, "Il motivo della chiusura", "The closure's reason"),
        Field::Prestazione => tr!(lang, "La prestazione", "The service"),
        Field::ForceReason => tr!(lang, "Il motivo della forzatura", "The reason for forcing"),
        Field::Erogatore => tr!(lang, "L'erogatore", "The provider"),
        Field::BookingCode => tr!(lang, "Il codice di prenotazione", "The booking code"),
        Field::CancelReason => tr!(
            lang,
            "Il motivo dell'annullamento",
            "The cancellation's reason"
        ),
        Field::ClinicalManager => tr!(
            lang,
            "Il nome del Clinical Manager",
            "The Clinical Manager's name"
        ),
        Field::CorrectionReason => tr!(
            lang,
            "Il motivo della correzione",
            "The correction's reason"
        ),
        Field::Signer => tr!(lang, "Il nome di chi firma", "The signer's name"),
        Field::Document => tr!(lang, "Il documento", "The identity document"),
        Field::GestoreNote => tr!(lang, "La nota", "The note"),
        Field::RevokeReason => tr!(lang, "Il motivo della revoca", "The revocation's reason"),
        Field::PracticeName => tr!(lang, "Il nome dello studio", "The practice's name"),
    }
}

/// A count with the thousands separator of `lang`: 3013 -> "3.013" / "3,013".
fn count(lang: Lang, n: usize) -> String {
    let it = crate::domain::text::thousands(n);
    tr!(lang, it, it.replace('.', ","))
}

fn refusal(lang: Lang, r: &Refusal) -> String {
    use Refusal as R;
    match r {
        R::TooLong { field: f, max, len } => {
            let (f, max, len) = (field(lang, *f), count(lang, *max), count(lang, *len));
            tr!(
                lang,
                format!("{f} può avere al massimo {max} caratteri (ne ha {len})"),
                format!("{f} can have at most {max} characters (it has {len})"),
            )
        }
        R::NamesRequired => tr!(
            lang,
            "Cognome e nome sono obbligatori",
            "Surname and first name are required"
        )
        .into(),
        R::PatientNotFound(None) => tr!(lang, "Paziente non trovato", "Patient not found").into(),
        R::PatientNotFound(Some(id)) => tr!(
            lang,
            format!("Paziente {id} non trovato"),
            format!("Patient {id} not found"),
        ),
        R::PatientErased(id) => tr!(
            lang,
            format!("Il paziente {id} è stato cancellato su richiesta (GDPR): la scheda resta solo per le prestazioni e non si modifica"),
            format!("Patient {id} was erased on request (GDPR): the record stays only for the services given and is not changed"),
        ),
        R::DemoFolderNotEmpty(dir) => {
            let d = dir.display();
            tr!(
                lang,
                format!("La cartella {d} non è vuota e non contiene un archivio dimostrativo: i pazienti inventati si scrivono solo in una cartella nuova (o vuota) o in un archivio creato da demo. Nulla è stato scritto; indicare una cartella nuova con --data-dir."),
                format!("The folder {d} is not empty and holds no demonstration store: made-up patients are written only into a new (or empty) folder or a store made by demo. Nothing was written; name a new folder with --data-dir."),
            )
        }
        R::AdministratorExists => tr!(
            lang,
            "L'amministratore esiste già: accedere con nome utente e password",
            "The administrator already exists: log in with user name and password"
        )
        .into(),
        R::NoSuchOperator(name) => tr!(
            lang,
            format!("Nessun operatore {name}"),
            format!("No operator {name}"),
        ),
        R::OperatorNotFound => tr!(lang, "Operatore non trovato", "Operator not found").into(),
        R::LastAdministrator => tr!(
            lang,
            "Deve restare almeno un amministratore attivo: crearne un altro prima",
            "At least one active administrator must remain: create another one first"
        )
        .into(),
        R::ResultDays { days, max } => tr!(
            lang,
            format!("giorni per i risultati non validi: {days} (ammessi da 0 a {max})"),
            format!("days for the results not valid: {days} (from 0 to {max})"),
        ),
        R::ResourceNotFound => tr!(lang, "Risorsa non trovata", "Resource not found").into(),
        R::AppointmentNotFound => {
            tr!(lang, "Appuntamento non trovato", "Appointment not found").into()
        }
        R::ExternalHasNoSlots => tr!(
            lang,
            "Un appuntamento esterno non ha slot da proporre",
            "An external appointment has no slots to offer"
        )
        .into(),
        R::PaiNotFound => tr!(lang, "PAI non trovato", "PAI not found").into(),
        R::PlanOnlySharedPai => tr!(
            lang,
            "Si pianificano solo i PAI condivisi: prima condividere il PAI con il paziente (PAI, Ctrl+O)",
            "Only shared PAIs are planned: share the PAI with the patient first (PAI, Ctrl+O)"
        )
        .into(),
        R::NoResources => tr!(
            lang,
            "Nessuna risorsa in agenda: definire le risorse in Amministrazione",
            "No resource in the agenda: define the resources in Administration"
        )
        .into(),
        R::Conflicts(found) => {
            let text: Vec<String> = found.iter().map(|c| conflict(lang, c)).collect();
            let text = text.join("; ");
            tr!(
                lang,
                format!("{text}. Per prenotare comunque indicare il motivo della forzatura"),
                format!("{text}. To book anyway give the reason for forcing"),
            )
        }
        R::EndBeforeStart => tr!(
            lang,
            "L'orario di fine deve seguire l'inizio",
            "The end time must follow the start"
        )
        .into(),
        R::ResourceOrProvider => tr!(
            lang,
            "Indicare la risorsa o, per una prestazione esterna, l'erogatore",
            "Give the resource or, for an external service, the provider"
        )
        .into(),
        R::MoveOnlyBooked => tr!(
            lang,
            "Si spostano solo gli appuntamenti prenotati",
            "Only booked appointments are moved"
        )
        .into(),
        R::MoveOnePatient => tr!(
            lang,
            "Si spostano insieme solo gli appuntamenti di uno stesso paziente",
            "Only appointments of one patient are moved together"
        )
        .into(),
        R::CancelReasonMissing => tr!(
            lang,
            "Indicare il motivo dell'annullamento",
            "Give the reason for the cancellation"
        )
        .into(),
        R::AlreadyBooked => tr!(
            lang,
            "L'appuntamento è già prenotato",
            "The appointment is already booked"
        )
        .into(),
        R::MarkBeforeDay { day, missed } => {
            let day = dmy(*day);
            let what = label::app_stato_name(lang, *missed);
            tr!(
                lang,
                format!("L'appuntamento è del {day}: si segna {what} dal giorno dell'appuntamento"),
                format!("The appointment is on {day}: it is marked {what} from its day on"),
            )
        }
        R::ErasureReasonMissing => tr!(
            lang,
            "Indicare il motivo della cancellazione (es. richiesta dell'interessato del gg/mm/aaaa)",
            "Give the reason for the erasure (e.g. the data subject's request of dd/mm/yyyy)"
        )
        .into(),
        R::AlreadyErased(id) => tr!(
            lang,
            format!("Il paziente {id} è già stato cancellato"),
            format!("Patient {id} was already erased"),
        ),
        R::NoGestore => tr!(
            lang,
            "Il paziente non ha un Gestore: scegliere prima il Gestore (F3)",
            "The patient has no Gestore: choose the Gestore first (F3)"
        )
        .into(),
        R::PrimaryNotAllowed { ats, code, allowed } => {
            let name = crate::service::pathologies().label(code);
            let allowed = allowed.join(", ");
            tr!(
                lang,
                format!("{ats} non ammette «{name}» come patologia primaria (ammesse: {allowed}): sceglierne un'altra, o chiedere all'amministratore di aggiornare la tabella in Amministrazione"),
                format!("{ats} does not allow «{name}» as primary pathology (allowed: {allowed}): choose another, or ask the administrator to update the table in Administration"),
            )
        }
        R::UnknownPathology(code) => tr!(
            lang,
            format!("Patologia sconosciuta: {code} (i codici SGDT vanno da 1 a 65)"),
            format!("Unknown pathology: {code} (SGDT codes run from 1 to 65)"),
        ),
        R::PrimarieFile(reason) => tr!(
            lang,
            format!("Tabella delle patologie primarie non letta: {reason}. Servono le colonne ats;codice."),
            format!("Table of primary pathologies not read: {reason}. The columns ats;codice are needed."),
        ),
        R::NoPathologies => tr!(
            lang,
            "Nessuna patologia cronica registrata: aggiungerle nella scheda del paziente",
            "No chronic condition recorded: add them on the patient's record"
        )
        .into(),
        R::SharedPaiExists => tr!(
            lang,
            "Esiste già un PAI condiviso: per modificarlo creare una nuova versione",
            "A shared PAI exists already: to change it create a new version"
        )
        .into(),
        R::SharedPaiFrozen => tr!(
            lang,
            "Il PAI condiviso non si modifica: creare una nuova versione",
            "A shared PAI is not changed: create a new version"
        )
        .into(),
        R::PaiItem { descrizione, error } => {
            format!("{descrizione}: {}", pai(lang, error))
        }
        R::PeriodEndsBeforeStart => tr!(
            lang,
            "La fine del periodo precede l'inizio",
            "The end of the period comes before its start"
        )
        .into(),
        R::PaiAlreadyShared => {
            tr!(lang, "Il PAI è già condiviso", "The PAI is already shared").into()
        }
        R::PaiNeedsPatto => tr!(
            lang,
            "Per condividere il PAI serve un Patto di Cura firmato e valido (F4)",
            "Sharing the PAI needs a signed Patto di Cura in force (F4)"
        )
        .into(),
        R::PaiPresaNotActive => tr!(
            lang,
            "Il PAI appartiene a una presa in carico non più attiva",
            "The PAI belongs to a presa in carico no longer active"
        )
        .into(),
        R::PaiNotReady(problems) => super::sharing_problems(lang, problems).join("; "),
        R::NewVersionOnlyFromShared => tr!(
            lang,
            "Si crea una nuova versione solo da un PAI condiviso",
            "A new version is made only from a shared PAI"
        )
        .into(),
        R::PattoPreconditions(missing) => missing
            .first()
            .map(|m| super::label::patto_missing(lang, m))
            .unwrap_or_default(),
        R::NoActivePresa => tr!(
            lang,
            "Il paziente non ha una presa in carico attiva",
            "The patient has no active presa in carico"
        )
        .into(),
        R::PattoInForce { valid_until } => {
            let until = valid_until.map(dmy).unwrap_or_else(|| "?".into());
            tr!(
                lang,
                format!("Il Patto di Cura è già firmato e valido fino al {until}: per un nuovo anno usare il rinnovo"),
                format!("The Patto di Cura is already signed and in force until {until}: for a new year use the renewal"),
            )
        }
        R::NothingToRenew => tr!(
            lang,
            "Non c'è un Patto firmato da rinnovare: prepararne uno nuovo",
            "There is no signed Patto to renew: prepare a new one"
        )
        .into(),
        R::RenewTooEarly { days } => tr!(
            lang,
            format!("Il Patto è valido ancora {days} giorni: si rinnova dai 60 giorni prima della scadenza"),
            format!("The Patto is in force for {days} more days: it is renewed from 60 days before it expires"),
        ),
        R::PattoNotFound(None) => tr!(lang, "Patto non trovato", "Patto not found").into(),
        R::PattoNotFound(Some(id)) => tr!(
            lang,
            format!("Patto di Cura {id} non trovato"),
            format!("Patto di Cura {id} not found"),
        ),
        R::GestoreNotFound => tr!(lang, "Gestore non trovato", "Gestore not found").into(),
        R::PattoPresaNotActive => tr!(
            lang,
            "La presa in carico di questo Patto non è più attiva: non si può firmare",
            "The presa in carico of this Patto is no longer active: it cannot be signed"
        )
        .into(),
        R::PattoNotSigned => tr!(
            lang,
            "Il Patto non è ancora firmato",
            "The Patto is not signed yet"
        )
        .into(),
        R::PattoTampered => tr!(
            lang,
            "Il testo firmato non corrisponde più alla sua impronta: l'archivio va controllato",
            "The signed text no longer matches its fingerprint: the store must be checked"
        )
        .into(),
        R::PrintUnavailable => tr!(lang, "stampa non disponibile", "printing not available").into(),
        R::AtsUnknown => tr!(
            lang,
            "ATS del paziente sconosciuta: indicare il comune di residenza o scegliere l'ATS",
            "The patient's ATS is unknown: give the comune of residence or choose the ATS"
        )
        .into(),
        R::ChannelNotActive(c) => {
            let c = label::canale(lang, *c);
            tr!(
                lang,
                format!("Il canale \"{c}\" non è ancora attivo: si può attivare nella configurazione dello studio"),
                format!("The channel \"{c}\" is not active yet: it can be activated in the practice's settings"),
            )
        }
        R::ChannelNotOffered {
            canale,
            gestore,
            reason,
        } => {
            let c = label::canale(lang, *canale);
            let why = label::canale_escluso(lang, reason);
            tr!(
                lang,
                format!("Il canale \"{c}\" non si usa con {gestore}: {why}"),
                format!("The channel \"{c}\" does not apply to {gestore}: {why}"),
            )
        }
        R::GestoreModelloPrecedente { name, until } => {
            let until = dmy(*until);
            tr!(
                lang,
                format!("{name} è un Gestore del modello precedente: non prende nuovi pazienti dopo il {until}; scegliere il Gestore a cui aderisce il MMG del paziente o un'ASST"),
                format!("{name} is a Gestore of the earlier model: it takes no new patients after {until}; choose the Gestore the patient's GP adheres to, or an ASST"),
            )
        }
        R::GestoreNotEligible { name, since } => {
            let since = dmy(*since);
            tr!(
                lang,
                format!("{name} non è più idoneo dal {since}: sceglierne un altro"),
                format!("{name} is no longer eligible since {since}: choose another one"),
            )
        }
        R::GestoreLevel { name, level } => tr!(
            lang,
            format!("{name} non prende in carico pazienti di livello {level}"),
            format!("{name} does not take patients of level {level}"),
        ),
        R::RevokeReasonMissing => tr!(
            lang,
            "Indicare il motivo della revoca",
            "Give the reason for the revocation"
        )
        .into(),
        R::RevokeBeforeChoice(chosen) => {
            let chosen = dmy(*chosen);
            tr!(
                lang,
                format!("La data di revoca non può precedere la scelta del {chosen}"),
                format!("The revocation date cannot come before the choice of {chosen}"),
            )
        }
        R::ImportedGestore { name, reason } => {
            format!("Gestore \"{name}\": {}", super::gestore_too_long(lang, reason))
        }
        R::ArruolabileNotFound(cf) => tr!(
            lang,
            format!("{cf} non è nell'elenco degli arruolabili"),
            format!("{cf} is not in the list of eligible patients"),
        ),
        R::ContactInFuture(day) => {
            let day = dmy(*day);
            tr!(
                lang,
                format!("La data del contatto ({day}) è futura: indicare il giorno in cui il paziente è stato contattato"),
                format!("The contact date ({day}) is in the future: give the day the patient was contacted"),
            )
        }
        R::PaiForNextYear(dal) => {
            let dal = dmy(*dal);
            tr!(
                lang,
                format!("Il PAI è per l'anno dal {dal}: firmare prima il rinnovo del Patto (F4)"),
                format!("The PAI is for the year from {dal}: sign the Pact's renewal first (F4)"),
            )
        }
        R::PaiNotShared => tr!(
            lang,
            "Ricette e pubblicazione si registrano sul PAI condiviso",
            "Prescriptions and publication are recorded on the shared PAI"
        )
        .into(),
    }
}

/// Why a login was refused.
pub fn login(lang: Lang, e: &LoginError) -> String {
    match e {
        LoginError::Wrong => tr!(
            lang,
            "Nome utente o password errati",
            "Wrong user name or password"
        )
        .into(),
        LoginError::Locked { until } => {
            let until = until.format("%H:%M");
            tr!(
                lang,
                format!(
                    "Troppi tentativi errati: accesso bloccato fino alle {until}. Riprovare dopo quell'ora o chiedere all'amministratore"
                ),
                format!(
                    "Too many wrong attempts: login locked until {until}. Try again after then or ask the administrator"
                ),
            )
        }
        LoginError::Disabled(name) => tr!(
            lang,
            format!("L'operatore {name} è disattivato: rivolgersi all'amministratore"),
            format!("The operator {name} is disabled: ask the administrator"),
        ),
        LoginError::NotLoggedIn => tr!(
            lang,
            "Nessun operatore ha effettuato l'accesso",
            "No operator is logged in"
        )
        .into(),
    }
}

fn operator_rule(lang: Lang, e: &OperatorRule) -> String {
    match e {
        OperatorRule::UsernameLength => tr!(
            lang,
            "Il nome utente deve avere da 2 a 32 caratteri",
            "The user name must have from 2 to 32 characters"
        )
        .into(),
        OperatorRule::UsernameCharacters => tr!(
            lang,
            "Il nome utente può contenere solo lettere, cifre, punto, trattino e trattino basso",
            "The user name may hold only letters, digits, dot, hyphen and underscore"
        )
        .into(),
        OperatorRule::PasswordTooShort { min } => tr!(
            lang,
            format!("La password deve avere almeno {min} caratteri"),
            format!("The password must have at least {min} characters"),
        ),
    }
}

/// A codice fiscale that is not valid, saying what to check.
pub fn codice_fiscale(lang: Lang, e: &CfError) -> String {
    use CfError as C;
    match e {
        C::Empty => tr!(
            lang,
            "Inserire il codice fiscale: il campo è vuoto",
            "Enter the codice fiscale: the field is empty"
        )
        .into(),
        C::InvalidCharacter { position, found } => tr!(
            lang,
            format!(
                "Carattere non ammesso '{found}' in posizione {position}: il codice fiscale contiene solo lettere e cifre"
            ),
            format!(
                "Character '{found}' not allowed at position {position}: the codice fiscale holds only letters and digits"
            ),
        ),
        C::Length { found } => tr!(
            lang,
            format!("Il codice fiscale deve avere 16 caratteri (ne ha {found})"),
            format!("The codice fiscale must have 16 characters (it has {found})"),
        ),
        C::Surname(s) => tr!(
            lang,
            format!(
                "Parte del cognome non valida: '{s}' (i caratteri 1-3 devono essere lettere). Ricontrollare il codice"
            ),
            format!(
                "Surname part not valid: '{s}' (characters 1-3 must be letters). Check the code again"
            ),
        ),
        C::Name(s) => tr!(
            lang,
            format!(
                "Parte del nome non valida: '{s}' (i caratteri 4-6 devono essere lettere). Ricontrollare il codice"
            ),
            format!(
                "First-name part not valid: '{s}' (characters 4-6 must be letters). Check the code again"
            ),
        ),
        C::Year(s) => tr!(
            lang,
            format!(
                "Anno di nascita non valido: '{s}' (i caratteri 7-8 devono essere cifre). Ricontrollare il codice"
            ),
            format!(
                "Year of birth not valid: '{s}' (characters 7-8 must be digits). Check the code again"
            ),
        ),
        C::MonthLetter(c) => tr!(
            lang,
            format!("Lettera del mese non valida: '{c}' (ammesse A B C D E H L M P R S T)"),
            format!("Month letter not valid: '{c}' (allowed A B C D E H L M P R S T)"),
        ),
        C::DayFormat(s) => tr!(
            lang,
            format!(
                "Giorno di nascita non valido: '{s}' (i caratteri 10-11 devono essere cifre). Ricontrollare il codice"
            ),
            format!(
                "Day of birth not valid: '{s}' (characters 10-11 must be digits). Check the code again"
            ),
        ),
        C::Day(d) => tr!(
            lang,
            format!(
                "Giorno di nascita non valido: {d} (ammessi 01-31 per gli uomini, 41-71 per le donne). Ricontrollare il codice"
            ),
            format!(
                "Day of birth not valid: {d} (01-31 for men, 41-71 for women). Check the code again"
            ),
        ),
        C::Date { day, month, year } => match lang {
            Lang::It => e.to_string(),
            Lang::En if *month == 2 && *day == 29 => format!(
                "Date of birth does not exist: 29 February does not exist in the year {year:02}, which is not a leap year. Check day and year again"
            ),
            Lang::En => format!(
                "Date of birth does not exist: day {day} of month {month} does not exist. Check day and month again"
            ),
        },
        C::BelfioreFormat(s) => tr!(
            lang,
            format!(
                "Codice del luogo di nascita non valido: '{s}' (una lettera e tre cifre, es. H501). Ricontrollare il codice"
            ),
            format!(
                "Place-of-birth code not valid: '{s}' (one letter and three digits, e.g. H501). Check the code again"
            ),
        ),
        C::BelfioreUnknown(s) => tr!(
            lang,
            format!(
                "Codice del luogo di nascita sconosciuto: {s}. Ricontrollare il codice o il comune di nascita"
            ),
            format!(
                "Place-of-birth code unknown: {s}. Check the code or the comune of birth again"
            ),
        ),
        C::CheckChar { expected, found } => tr!(
            lang,
            format!(
                "Carattere di controllo errato: atteso {expected}, trovato {found}. Ricontrollare il codice"
            ),
            format!(
                "Wrong check character: expected {expected}, found {found}. Check the code again"
            ),
        ),
        C::ComputeInput(f) => match lang {
            Lang::It => e.to_string(),
            Lang::En => format!(
                "Computing the codice fiscale needs {} with at least one letter",
                match f {
                    InputField::Surname => "the surname",
                    InputField::Name => "the first name",
                }
            ),
        },
    }
}

/// An agenda rule broken (the Italian is the rule's own statement).
pub fn agenda(lang: Lang, e: &AgendaError) -> String {
    use AgendaError as A;
    let hm = |t: &chrono::NaiveTime| t.format("%H:%M").to_string();
    match lang {
        Lang::It => e.to_string(),
        Lang::En => match e {
            A::FineNonDopoInizio { dalle, alle } => format!(
                "the end time ({}) must come after the start ({})",
                hm(alle),
                hm(dalle)
            ),
            A::Durata(m) => format!(
                "slot length not valid: {m} minutes (from {} to {} minutes)",
                crate::domain::agenda::DURATA_MIN,
                crate::domain::agenda::DURATA_MAX
            ),
            A::FasciaCorta(m) => format!("the time band is shorter than one slot of {m} minutes"),
            A::Capacita(c) => format!(
                "slot capacity not valid: {c} (from 1 to {})",
                crate::domain::agenda::CAPACITA_MAX
            ),
            A::Validita { dal, al } => format!(
                "the validity ends ({}) before it starts ({})",
                dmy(*al),
                dmy(*dal)
            ),
            A::Sovrapposte {
                giorno,
                prima,
                seconda,
            } => format!(
                "the bands of {} overlap: {prima} and {seconda}",
                label::giorno(lang, *giorno)
            ),
            A::InFascia { fascia, errore } => format!(
                "band {}: {}",
                label::pattern(lang, fascia),
                agenda(lang, errore)
            ),
            A::NomeMancante => "give the resource's name".into(),
            A::TipoMancante => {
                "give the resource's type (e.g. blood-test point, GP surgery)".into()
            }
            A::ChiusuraVuota => "the closure must end after it starts".into(),
            A::AppuntamentoVuoto => "the appointment must end after it starts".into(),
            A::MotivoMancante => "give the reason".into(),
            A::GiaAnnullato => "the appointment is cancelled: book a new one".into(),
        },
    }
}

/// A booking conflict (the Italian is the domain's own statement).
pub fn conflict(lang: Lang, c: &Conflict) -> String {
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    match lang {
        Lang::It => c.to_string(),
        Lang::En => match c {
            Conflict::StessoPaziente {
                start,
                end,
                descrizione,
                ..
            } => {
                let mut s = format!(
                    "the patient already has an appointment on {} from {} to {}",
                    dmy(start.date()),
                    hm(start.time()),
                    hm(end.time())
                );
                if !descrizione.trim().is_empty() {
                    s.push_str(&format!(" («{}»)", descrizione.trim()));
                }
                s
            }
            Conflict::SlotPieno {
                prenotati,
                capacita,
            } => format!(
                "slot full: {prenotati} {} of {capacita} {}",
                if *prenotati == 1 {
                    "patient"
                } else {
                    "patients"
                },
                if *capacita == 1 { "place" } else { "places" }
            ),
            Conflict::Chiusura(c) => {
                let mut s = format!("closed {}", label::closure_period(lang, c));
                if !c.motivo.trim().is_empty() {
                    s.push_str(&format!(": {}", c.motivo.trim()));
                }
                s
            }
            Conflict::Festivo { giorno } => format!("{} is a holiday", dmy(*giorno)),
            Conflict::FuoriDisponibilita { risorsa, dettaglio } => {
                let dettaglio = match dettaglio {
                    Fuori::NonAttiva => "the resource is not active".to_string(),
                    Fuori::NonEsiste => "the resource no longer exists".to_string(),
                    Fuori::NessunoSlot(at) => format!(
                        "no slot at {} on {} {}",
                        hm(at.time()),
                        label::giorno(lang, at.weekday()),
                        dmy(at.date())
                    ),
                    Fuori::OltreFascia(end) => format!("it ends after the band ({})", hm(*end)),
                };
                format!("outside the hours of «{risorsa}»: {dettaglio}")
            }
        },
    }
}

/// A Patto rule broken (the Italian is the rule's own statement).
pub fn patto(lang: Lang, e: &PattoError) -> String {
    use PattoError as P;
    match lang {
        Lang::It => e.to_string(),
        Lang::En => match e {
            P::GiaFirmato => "A signed Patto is not changed: to change it prepare a renewal".into(),
            P::Revocato => "A revoked Patto cannot be signed: prepare a new one".into(),
            P::ConsensoTrattamentoMancante => {
                "The consent to the processing of personal data is missing: without it the Patto is not signed".into()
            }
            P::NomeFirmatarioMancante { firmatario } => {
                format!("Signing as {firmatario}: give the signer's name")
            }
            P::DocumentoMancante { firmatario } => {
                format!("Signing as {firmatario}: give the signer's identity document")
            }
            P::OperatoreMancante => "Give the operator who records the signature".into(),
            P::TestoVuoto => "The Patto's text is empty: prepare it before signing".into(),
            P::ClinicalManagerMancante => {
                "The Clinical Manager (the doctor who writes the PAI) is missing: name them before signing".into()
            }
            P::NonFirmato => {
                "The Patto is not signed: the draft's Clinical Manager is changed in its field"
                    .into()
            }
            P::CorrezioneRevocato => "A revoked Patto is not corrected".into(),
            P::NuovoClinicalManagerMancante => "Give the new Clinical Manager".into(),
            P::ClinicalManagerUguale => {
                "The Clinical Manager given is already the Patto's".into()
            }
            P::MotivoMancante => "Give the reason for the correction".into(),
            P::SegnapostoSconosciuto { nome, riga } => format!(
                "Patto template, line {riga}: unknown placeholder {{{{{nome}}}}}; correct the template"
            ),
            P::SegnapostoNonChiuso { riga } => format!(
                "Patto template, line {riga}: placeholder opened with {{{{ and not closed with }}}}"
            ),
        },
    }
}

/// A PAI rule broken (the Italian is the rule's own statement).
pub fn pai(lang: Lang, e: &PaiError) -> String {
    use PaiError as P;
    match lang {
        Lang::It => e.to_string(),
        Lang::En => match e {
            P::Riga { line, reason } => format!("Line {line}: {reason}"),
            P::Intestazione => format!(
                "Header not valid: expected the columns {}",
                crate::domain::pai::COLONNE.join(",")
            ),
            P::Frequenza(f) => format!(
                "Frequency not recognised: «{f}» (examples: 4/anno, ogni 6 mesi, una volta, annuale, semestrale, trimestrale, mensile)"
            ),
            P::FrequenzaZero => "The frequency cannot be 0".into(),
            P::TroppeVolte => format!(
                "Frequency too high: at most {} times a year",
                crate::domain::pai::MAX_VOLTE_ANNO
            ),
            P::IntervalloTroppoLungo => format!(
                "Interval too long: at most every {} months",
                crate::domain::pai::MAX_MESI
            ),
        },
    }
}

/// The English name of a field named, in Italian, by a refusal of a save
/// over a record another desk changed meanwhile.
pub(super) fn field_en(it: &str) -> &str {
    match it {
        "Cognome" => "Surname",
        "Nome" => "Name",
        "Codice fiscale" => "Codice fiscale",
        "Sesso" => "Sex",
        "Data di nascita" => "Date of birth",
        "Luogo di nascita" => "Place of birth",
        "Indirizzo" => "Address",
        "CAP" => "Postcode",
        "Comune" => "Comune",
        "Telefoni" => "Phones",
        "Tessera sanitaria" => "Health card",
        "Note" => "Notes",
        "Patologie" => "Pathologies",
        "Stato" => "State",
        "Nome utente" => "Username",
        "Ruolo" => "Role",
        "Attivo" => "Active",
        "Periodo" => "Period",
        "Prestazioni" => "Services",
        "Farmaci" => "Medicines",
        "Stile di vita" => "Lifestyle",
        "Vaccinazioni" => "Vaccinations",
        "Esenzioni" => "Exemptions",
        "Allergie" => "Allergies",
        "Rinnovo" => "Renewal",
        "Nome dello studio" => "Practice name",
        "Canali" => "Channels",
        "Stampante" => "Printer",
        "Clinical Manager" => "Clinical Manager",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::Conflict;
    use crate::domain::operator::Role;
    use crate::service::StoreProblem;

    /// Words of Italian sentences; domain names (codice fiscale, Patto di
    /// Cura, presa in carico, Gestore) are English text too.
    const ITALIAN: &[&str] = &[
        " il ",
        " lo ",
        " la ",
        " non ",
        " della ",
        " deve ",
        " per ",
        " già ",
        " è ",
        "Indicare",
        "paziente",
        "trovat",
        "riprovare",
        "archivio",
        "sportello ha",
    ];

    fn samples() -> Vec<DeskError> {
        let d = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let t = d.and_hms_opt(9, 30, 0).expect("time");
        vec![
            CfError::Length { found: 15 }.into(),
            CfError::CheckChar {
                expected: 'A',
                found: 'B',
            }
            .into(),
            Refusal::TooLong {
                field: Field::Cognome,
                max: 3000,
                len: 3013,
            }
            .into(),
            Refusal::NamesRequired.into(),
            Refusal::PatientErased(7).into(),
            Refusal::MarkBeforeDay {
                day: d,
                missed: true,
            }
            .into(),
            Refusal::Conflicts(vec![
                Conflict::SlotPieno {
                    prenotati: 2,
                    capacita: 2,
                },
                Conflict::Festivo { giorno: d },
            ])
            .into(),
            Refusal::GestoreNotEligible {
                name: "Coop Salute".into(),
                since: d,
            }
            .into(),
            Refusal::CancelReasonMissing.into(),
            Refusal::PattoInForce {
                valid_until: Some(d),
            }
            .into(),
            Refusal::ChannelNotActive(crate::domain::gestore::Canale::Mifs).into(),
            Refusal::ChannelNotOffered {
                canale: crate::domain::gestore::Canale::CentroServiziAsst,
                gestore: "RSA Esempio".into(),
                reason: crate::domain::gestore::CanaleEscluso::SoloAsst,
            }
            .into(),
            Refusal::GestoreModelloPrecedente {
                name: "RSA Esempio".into(),
                until: d,
            }
            .into(),
            StoreProblem::SlotFull {
                resource: 1,
                start: t,
            }
            .into(),
            StoreProblem::Locked {
                dir: "/dati".into(),
            }
            .into(),
            StoreProblem::Damaged {
                dir: "/dati".into(),
                detail: "crc".into(),
                backup: None,
            }
            .into(),
            StoreProblem::DuplicateCf("RSSMRA50A01H501U".into()).into(),
            LoginError::Locked { until: t }.into(),
            LoginError::Wrong.into(),
            DeskError::Forbidden {
                needed: Role::Amministratore,
                have: Role::Segreteria,
                what: Operation::Backup,
            },
            AgendaError::TipoMancante.into(),
            PattoError::ConsensoTrattamentoMancante.into(),
            OperatorRule::PasswordTooShort { min: 8 }.into(),
        ]
    }

    #[test]
    fn english_has_no_italian_sentences() {
        for e in samples() {
            let en = error(Lang::En, &e);
            for word in ITALIAN {
                assert!(!en.contains(word), "{word:?} in {en:?} ({e:?})");
            }
            assert_ne!(en, error(Lang::It, &e), "{e:?}");
        }
    }

    #[test]
    fn each_language_says_the_same_facts() {
        let e: DeskError = CfError::Length { found: 15 }.into();
        assert_eq!(
            error(Lang::It, &e),
            "Il codice fiscale deve avere 16 caratteri (ne ha 15)"
        );
        assert_eq!(
            error(Lang::En, &e),
            "The codice fiscale must have 16 characters (it has 15)"
        );
        let long: DeskError = Refusal::TooLong {
            field: Field::Cognome,
            max: 3000,
            len: 3013,
        }
        .into();
        assert_eq!(
            error(Lang::It, &long),
            "Il cognome può avere al massimo 3.000 caratteri (ne ha 3.013)"
        );
        assert_eq!(
            error(Lang::En, &long),
            "The surname can have at most 3,000 characters (it has 3,013)"
        );
        let forbidden = DeskError::Forbidden {
            needed: Role::Amministratore,
            have: Role::Segreteria,
            what: Operation::Backup,
        };
        assert_eq!(
            error(Lang::It, &forbidden),
            "Serve il ruolo amministratore per fare copie di sicurezza (l'operatore attuale è segreteria)"
        );
        assert_eq!(
            error(Lang::En, &forbidden),
            "The administrator role is needed to make backups (the current operator is front desk)"
        );
    }
}
