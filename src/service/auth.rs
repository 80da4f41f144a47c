//! Login, roles and the audit trail: who is at the desk, what they may do,
//! and the record of what they opened and changed.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::NaiveDateTime;

use super::{Desk, DeskError, Refusal, Result};
use crate::domain::audit::{AuditAction, AuditEntry, AuditFilter, AuditRecord, ChainBreak};
use crate::domain::operator::{
    self, Operator, OperatorId, Role, fold_username, validate_new_password, validate_username,
};
use crate::domain::{Patient, PatientId};

/// The name recorded for work done from the command line (the machine's
/// administrator tool: no login).
pub const COMMAND_LINE: &str = "riga di comando";

/// The name recorded for a failed login with a user name that no operator
/// has (the name itself is never recorded: see `Desk::unknown_name_tag`).
pub const UNKNOWN_USER: &str = "utente sconosciuto";

/// Who is working at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// `None` for the command line.
    pub operator: Option<OperatorId>,
    pub username: String,
    pub role: Role,
}

impl Session {
    pub fn command_line() -> Session {
        Session {
            operator: None,
            username: COMMAND_LINE.into(),
            role: Role::Amministratore,
        }
    }
}

/// Why a login was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    Wrong,
    Locked { until: NaiveDateTime },
    Disabled(String),
    NotLoggedIn,
}

/// Hashes a password into a PHC string (argon2id, random salt).
fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| DeskError::internal(super::Internal::PasswordHash, e))
}

fn password_matches(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

impl Desk {
    /// The session at the desk, if someone is logged in.
    pub fn session(&self) -> Option<Session> {
        self.session.read().ok().and_then(|s| s.clone())
    }

    fn set_session(&self, session: Option<Session>) {
        if let Ok(mut s) = self.session.write() {
            *s = session;
        }
    }

    /// Refuses with a message naming the role needed when the operator's role
    /// is lower than `needed`; `what` completes "Serve il ruolo ... per".
    pub fn require(&self, needed: Role, what: super::Operation) -> Result<()> {
        match self.session() {
            None => Err(DeskError::Login(LoginError::NotLoggedIn)),
            Some(s) if s.role.allows(needed) => Ok(()),
            Some(s) => Err(DeskError::Forbidden {
                needed,
                have: s.role,
                what,
            }),
        }
    }

    /// Appends an entry to the audit trail, as the current operator.
    pub(crate) fn audit(
        &self,
        action: AuditAction,
        patient: Option<PatientId>,
        summary: impl Into<String>,
    ) -> Result<()> {
        let record = AuditRecord {
            at: self.clock.now(),
            operator: self.operator(),
            action,
            patient,
            summary: summary.into(),
        };
        Ok(self.store.append_audit(&record)?)
    }

    /// Appends an entry to the audit trail as `who`.
    pub(crate) fn audit_as(
        &self,
        who: &str,
        action: AuditAction,
        patient: Option<PatientId>,
        summary: String,
    ) -> Result<()> {
        let record = AuditRecord {
            patient,
            ..self.record_as(who, action, summary)
        };
        Ok(self.store.append_audit(&record)?)
    }

    fn record_as(&self, who: &str, action: AuditAction, summary: String) -> AuditRecord {
        // A login from another machine names it (`sportello serve`).
        let summary = match (&self.origin, action) {
            (Some(origin), AuditAction::Login | AuditAction::LoginFailed) => {
                format!("{summary}, da {origin}")
            }
            _ => summary,
        };
        AuditRecord {
            at: self.clock.now(),
            operator: who.to_string(),
            action,
            patient: None,
            summary,
        }
    }

    /// Validates, hashes and stores a new operator; audited as `by`.
    fn new_operator(
        &self,
        username: &str,
        password: &str,
        role: Role,
        by: &str,
    ) -> Result<Operator> {
        validate_username(username)?;
        let mut o = Operator {
            id: 0,
            username: username.trim().to_string(),
            role,
            password_hash: hash_password(password)?,
            active: true,
            failed_logins: 0,
            locked_until: None,
            created: self.clock.now(),
        };
        let record = self.record_as(
            by,
            AuditAction::OperatorChanged,
            format!("nuovo operatore {} ({})", o.username, role.label()),
        );
        self.store.insert_operator(&mut o, &record)?;
        Ok(o)
    }

    /// Checks user and password; five failures in a row lock the account for
    /// five minutes (the count is stored: restarting does not reset it).
    pub fn login(&self, username: &str, password: &str) -> Result<Session> {
        let now = self.clock.now();
        let Some(mut o) = self.store.operator_by_username(username)? else {
            let summary = format!(
                "nome utente non registrato di {} caratteri (impronta {})",
                username.trim().chars().count(),
                self.unknown_name_tag(username)?
            );
            self.store.append_audit(&self.record_as(
                UNKNOWN_USER,
                AuditAction::LoginFailed,
                summary,
            ))?;
            return Err(LoginError::Wrong.into());
        };
        if let Some(until) = o.locked_at(now) {
            return Err(LoginError::Locked { until }.into());
        }
        if !o.active {
            return Err(LoginError::Disabled(o.username).into());
        }
        // Only the demonstration store's `demo` operator has a password
        // shorter than the rule; anywhere else such a password never logs in.
        let short = password.chars().count() < MIN_PASSWORD_LEN;
        if !password_matches(password, &o.password_hash) || (short && !self.store.is_demo()?) {
            // Counted on the operator as stored, in the transaction that
            // saves it: failures from several desks at once all count.
            let locked = std::cell::Cell::new(None);
            self.store.change_operator(o.id, |stored| {
                let lock = stored.record_failure(now);
                locked.set(lock);
                let summary = match lock {
                    Some(until) => format!(
                        "password errata: bloccato fino alle {}",
                        until.format("%H:%M")
                    ),
                    None => format!("password errata ({} di seguito)", stored.failed_logins),
                };
                self.record_as(&stored.username, AuditAction::LoginFailed, summary)
            })?;
            return Err(match locked.get() {
                Some(until) => LoginError::Locked { until },
                None => LoginError::Wrong,
            }
            .into());
        }
        let role = o.role;
        o = self.store.change_operator(o.id, |stored| {
            stored.record_success();
            self.record_as(
                &stored.username,
                AuditAction::Login,
                format!("accesso ({})", role.label()),
            )
        })?;
        let session = Session {
            operator: Some(o.id),
            username: o.username,
            role: o.role,
        };
        self.set_session(Some(session.clone()));
        Ok(session)
    }

    /// Logs in with an SSH key the client proved it holds: the operator must
    /// have the key with `fingerprint`, be active and not locked. A key that
    /// is not the operator's is refused without an audit entry (SSH clients
    /// offer every key they have); the login is audited as the password's.
    pub fn login_with_key(&self, username: &str, fingerprint: &str) -> Result<Session> {
        let now = self.clock.now();
        let Some(o) = self.store.operator_by_username(username)? else {
            return Err(LoginError::Wrong.into());
        };
        if !self.store.has_ssh_key(&o.username, fingerprint)? {
            return Err(LoginError::Wrong.into());
        }
        if let Some(until) = o.locked_at(now) {
            return Err(LoginError::Locked { until }.into());
        }
        if !o.active {
            return Err(LoginError::Disabled(o.username).into());
        }
        let role = o.role;
        let o = self.store.change_operator(o.id, |stored| {
            stored.record_success();
            self.record_as(
                &stored.username,
                AuditAction::Login,
                format!("accesso con chiave SSH {fingerprint} ({})", role.label()),
            )
        })?;
        let session = Session {
            operator: Some(o.id),
            username: o.username,
            role: o.role,
        };
        self.set_session(Some(session.clone()));
        Ok(session)
    }

    /// The tag that stands for an unknown login name in the audit trail.
    ///
    /// What is typed into the user-name field may be a password typed in the
    /// wrong field, so the trail never holds it: only its length and this tag,
    /// the first 8 hex digits of argon2id (the passwords' hash, default
    /// parameters) of the folded name, salted with a secret of the store. The
    /// same wrong name gives the same tag within a store (repeated attempts at
    /// one name show up); another store gives another tag. The secret is 16
    /// random bytes kept in the store's `meta` tree, created at the first
    /// unknown name: whoever holds only the trail (a printout, an export) has
    /// nothing to test guesses against. Whoever holds the store can test
    /// guesses, but each costs one argon2id run, as for the operators'
    /// password hashes kept in the same store; and a failed login costs the
    /// same whether the name exists or not.
    fn unknown_name_tag(&self, username: &str) -> Result<String> {
        let secret = match self.store.login_name_secret()? {
            Some(s) => s,
            None => {
                let fresh = argon2::password_hash::try_generate_salt()
                    .map_err(|e| DeskError::internal(super::Internal::Random, e))?;
                self.store.init_login_name_secret(&fresh)?
            }
        };
        let mut tag = [0u8; 4];
        Argon2::default()
            .hash_password_into(fold_username(username).as_bytes(), &secret, &mut tag)
            .map_err(|e| DeskError::internal(super::Internal::Fingerprint, e))?;
        Ok(tag.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// After an idle lock: the same operator types the password again.
    pub fn unlock(&self, password: &str) -> Result<Session> {
        let Some(s) = self.session() else {
            return Err(LoginError::NotLoggedIn.into());
        };
        self.login(&s.username, password)
    }

    /// Ends the session (nobody is logged in afterwards).
    pub fn logout(&self) -> Result<()> {
        if let Some(s) = self.session()
            && s.operator.is_some()
        {
            self.audit(AuditAction::Logout, None, "uscita")?;
        }
        self.set_session(None);
        Ok(())
    }

    /// Forgets the session without recording anything: the application does
    /// this before showing its login screen.
    pub fn clear_session(&self) {
        self.set_session(None);
    }

    fn operator_for_change(&self, id: OperatorId) -> Result<Operator> {
        self.require(Role::Amministratore, super::Operation::Operators)?;
        self.store
            .operator(id)?
            .ok_or_else(|| DeskError::from(Refusal::OperatorNotFound))
    }

    /// Applies `change` to the operator as stored, with its audit entry, in
    /// one transaction (a login counted meanwhile is kept); refused when
    /// `opened` is given and another desk changed the operator since.
    fn save_operator_change(
        &self,
        id: OperatorId,
        opened: Option<&Operator>,
        change: impl Fn(&mut Operator) -> String,
    ) -> Result<Operator> {
        let at = self.clock.now();
        let operator = self.operator();
        // The store refuses, inside the change's transaction, a change that
        // leaves no active administrator.
        Ok(self
            .store
            .change_operator_keeping_an_admin(id, opened, |o| {
                let summary = change(o);
                AuditRecord {
                    at,
                    operator: operator.clone(),
                    action: AuditAction::OperatorChanged,
                    patient: None,
                    summary,
                }
            })?)
    }

    /// The demo operator: `demo` / `demo`, amministratore (only for demo
    /// stores: see [`Desk::open_demo`]).
    pub(crate) fn ensure_demo_operator(&self) -> Result<()> {
        if self.store.operator_by_username("demo")?.is_some() {
            return Ok(());
        }
        self.new_operator("demo", "demo", Role::Amministratore, &self.operator())?;
        Ok(())
    }
}

impl Operators<'_> {
    /// Whether the store has any operator (none on the first start).
    pub fn has_operators(&self) -> bool {
        self.desk.store.has_operators()
    }

    /// First start: creates the administrator and logs them in. Refused once
    /// any operator exists.
    pub fn create_first_admin(&self, username: &str, password: &str) -> Result<Session> {
        if self.desk.store.has_operators() {
            return Err(DeskError::from(Refusal::AdministratorExists));
        }
        validate_new_password(password)?;
        let o = self
            .desk
            .new_operator(username, password, Role::Amministratore, username)?;
        let session = Session {
            operator: Some(o.id),
            username: o.username,
            role: o.role,
        };
        self.desk.set_session(Some(session.clone()));
        Ok(session)
    }

    /// Adds an SSH public key to an operator (`sportello serve` then lets
    /// the operator in with it, without the password). `fingerprint` and
    /// `openssh` are the key's, as read from its file.
    pub fn add_ssh_key(&self, username: &str, fingerprint: &str, openssh: &str) -> Result<()> {
        self.desk
            .require(Role::Amministratore, super::Operation::Operators)?;
        let Some(o) = self.desk.store.operator_by_username(username)? else {
            return Err(DeskError::from(Refusal::NoSuchOperator(
                username.trim().to_string(),
            )));
        };
        let record = AuditRecord {
            at: self.desk.clock.now(),
            operator: self.desk.operator(),
            action: AuditAction::OperatorChanged,
            patient: None,
            summary: format!("chiave SSH aggiunta per {} ({fingerprint})", o.username),
        };
        Ok(self
            .desk
            .store
            .add_ssh_key(&o.username, fingerprint, openssh, &record)?)
    }

    // --- operators (amministratore) ---

    pub fn list(&self) -> Result<Vec<Operator>> {
        self.desk
            .require(Role::Amministratore, super::Operation::Operators)?;
        let mut list = self.desk.store.operators()?;
        list.sort_by_key(|o| fold_username(&o.username));
        Ok(list)
    }

    /// Adds an operator with a password of at least eight characters.
    pub fn add_operator(&self, username: &str, password: &str, role: Role) -> Result<Operator> {
        self.desk
            .require(Role::Amministratore, super::Operation::Operators)?;
        validate_new_password(password)?;
        self.desk
            .new_operator(username, password, role, &self.desk.operator())
    }

    pub fn set_operator_role(&self, id: OperatorId, role: Role) -> Result<Operator> {
        self.set_operator_role_opened(id, None, role)
    }

    /// Sets the role chosen on `opened` (the operator as listed).
    pub fn set_operator_role_opened(
        &self,
        id: OperatorId,
        opened: Option<&Operator>,
        role: Role,
    ) -> Result<Operator> {
        self.desk.operator_for_change(id)?;
        self.desk.save_operator_change(id, opened, |o| {
            let before = o.role;
            o.role = role;
            format!(
                "ruolo di {}: {} -> {}",
                o.username,
                before.label(),
                role.label()
            )
        })
    }

    pub fn set_operator_active(&self, id: OperatorId, active: bool) -> Result<Operator> {
        self.set_operator_active_opened(id, None, active)
    }

    /// Disables or reactivates the operator as listed (`opened`).
    pub fn set_operator_active_opened(
        &self,
        id: OperatorId,
        opened: Option<&Operator>,
        active: bool,
    ) -> Result<Operator> {
        self.desk.operator_for_change(id)?;
        let what = if active { "riattivato" } else { "disattivato" };
        self.desk.save_operator_change(id, opened, |o| {
            o.active = active;
            format!("operatore {} {what}", o.username)
        })
    }

    /// Sets a new password (and lifts a lock).
    pub fn reset_operator_password(&self, id: OperatorId, password: &str) -> Result<Operator> {
        self.desk.operator_for_change(id)?;
        validate_new_password(password)?;
        let hash = hash_password(password)?;
        self.desk.save_operator_change(id, None, |o| {
            o.password_hash = hash.clone();
            o.record_success();
            format!("nuova password per {}", o.username)
        })
    }

    /// Audit entries matching `filter`, newest first, before `before` (a seq).
    pub fn audit_page(
        &self,
        filter: &AuditFilter,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        self.desk
            .require(Role::Amministratore, super::Operation::Audit)?;
        Ok(self.desk.store.audit_page(filter, before, limit)?)
    }

    /// Checks the whole audit chain; `Ok(Ok(n))` = intact with n entries.
    pub fn verify_audit(&self) -> Result<std::result::Result<u64, ChainBreak>> {
        self.desk
            .require(Role::Amministratore, super::Operation::Audit)?;
        Ok(self.desk.store.verify_audit()?)
    }

    /// Number of entries in the audit trail.
    pub fn audit_len(&self) -> Result<u64> {
        Ok(self.desk.store.audit_len()?)
    }
}

/// One-line before/after summary of a patient change: the fields that differ.
pub(crate) fn patient_change(before: &Patient, after: &Patient) -> String {
    let mut parts = Vec::new();
    // The data that identify the person are named, not copied: the trail
    // is hash-chained and cannot forget them after a GDPR erasure.
    let mut identity = |what: &str, changed: bool| {
        if changed {
            parts.push(what.to_string());
        }
    };
    identity("cognome modificato", before.cognome != after.cognome);
    identity("nome modificato", before.nome != after.nome);
    identity(
        "codice fiscale modificato",
        before.codice_fiscale != after.codice_fiscale,
    );
    identity(
        "data di nascita modificata",
        before.data_nascita != after.data_nascita,
    );
    identity(
        "luogo di nascita modificato",
        before.luogo_nascita != after.luogo_nascita,
    );
    identity(
        "indirizzo modificato",
        residence(before) != residence(after),
    );
    identity("telefoni modificati", before.telefoni != after.telefoni);
    identity("email modificata", before.email != after.email);
    identity(
        "tessera sanitaria modificata",
        before.tessera_sanitaria != after.tessera_sanitaria,
    );
    let mut field = |name: &str, a: String, b: String| {
        if a != b {
            parts.push(format!("{name}: {a} -> {b}"));
        }
    };
    field("MMG", before.mmg.clone(), after.mmg.clone());
    field(
        "patologie",
        before.patologie.join(", "),
        after.patologie.join(", "),
    );
    field(
        "stato",
        before.stato.label().to_string(),
        after.stato.label().to_string(),
    );
    if before.note != after.note {
        parts.push("note modificate".into());
    }
    if parts.is_empty() {
        "nessun campo cambiato".into()
    } else {
        parts.join("; ")
    }
}

fn residence(p: &Patient) -> String {
    let r = &p.residenza;
    format!("{} {} {}", r.indirizzo, r.cap, r.comune)
        .trim()
        .to_string()
}

/// Minimum password length, for screens.
pub const MIN_PASSWORD_LEN: usize = operator::MIN_PASSWORD_LEN;

/// The operators and the audit log.
/// Reached from the desk as [`Desk::operators`].
#[derive(Clone, Copy)]
pub struct Operators<'a> {
    pub(super) desk: &'a Desk,
}

impl Desk {
    /// The operators and the audit log.
    pub fn operators(&self) -> Operators<'_> {
        Operators { desk: self }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::service::FixedClock;

    /// Older versions of `demo` created demo/demo in any store, the real
    /// archive included: that password logs in only in a demonstration store.
    #[test]
    fn a_short_password_logs_in_only_in_a_demonstration_store() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::on(2026, 11, 23).unwrap());
        let desk = Desk::open(dir.path(), clock).unwrap();
        desk.ensure_demo_operator().unwrap();
        assert!(matches!(
            desk.login("demo", "demo"),
            Err(DeskError::Login(LoginError::Wrong))
        ));
        desk.store.mark_demo().unwrap();
        assert_eq!(desk.login("demo", "demo").unwrap().username, "demo");
    }
}
