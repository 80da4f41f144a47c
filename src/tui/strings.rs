//! The texts the screens receive (`env.s`): one handle holding each
//! feature's texts, in the operator's language.

use crate::tui::admin::strings::{
    ACCESS_EN, ACCESS_IT, ADMIN_EN, ADMIN_IT, AGENDA_ADMIN_EN, AGENDA_ADMIN_IT,
};
use crate::tui::admin::strings::{AccessStrings, AdminStrings, AgendaAdminStrings};
use crate::tui::agenda::strings::{AGENDA_EN, AGENDA_IT, AgendaStrings};
use crate::tui::gestore::strings::{GESTORI_EN, GESTORI_IT, GestoriStrings};
use crate::tui::kit::lang::{KIT_EN, KIT_IT, KitStrings, texts};
use crate::tui::pai::strings::{PAI_EN, PAI_IT, PaiStrings};
use crate::tui::patients::strings::{PATIENTS_EN, PATIENTS_IT, PatientsStrings};
use crate::tui::patto::strings::{PATTO_EN, PATTO_IT, PattoStrings};
use crate::tui::richiami::strings::{RICHIAMI_EN, RICHIAMI_IT, RichiamiStrings};
use crate::tui::shell::strings::{SHELL_EN, SHELL_IT, ShellStrings};

texts! {
    /// Every feature's texts in one language.
    pub struct Strings (IT, EN) {
    }
    parts {
        /// Shared by the kit and every feature: keys, dates, list words.
        kit: KitStrings = KIT_IT | KIT_EN,
        /// The shell: header, login, lock, help, current patient.
        shell: ShellStrings = SHELL_IT | SHELL_EN,
        /// F2, the record and the registration form.
        patients: PatientsStrings = PATIENTS_IT | PATIENTS_EN,
        /// F3 Gestore.
        gestori: GestoriStrings = GESTORI_IT | GESTORI_EN,
        /// F4 Patto di Cura.
        patto: PattoStrings = PATTO_IT | PATTO_EN,
        /// F5 PAI.
        pai: PaiStrings = PAI_IT | PAI_EN,
        /// F6 agenda and the planning of a PAI.
        agenda: AgendaStrings = AGENDA_IT | AGENDA_EN,
        /// F7 recall lists.
        richiami: RichiamiStrings = RICHIAMI_IT | RICHIAMI_EN,
        /// Amministrazione (F11): menu, imports, practice, Gestori.
        admin: AdminStrings = ADMIN_IT | ADMIN_EN,
        /// Amministrazione: agenda resources, closures, outside availability.
        agenda_admin: AgendaAdminStrings = AGENDA_ADMIN_IT | AGENDA_ADMIN_EN,
        /// Amministrazione: operators, access log, archive.
        access: AccessStrings = ACCESS_IT | ACCESS_EN,
    }
}
