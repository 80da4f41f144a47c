//! Operators of the desk, their roles and the login lockout rule.

use chrono::{Duration, NaiveDateTime};

pub type OperatorId = u64;

/// Failed logins in a row that lock an account.
pub const MAX_FAILED_LOGINS: u32 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 5;
/// Shortest password accepted when one is set on screen or from the shell.
pub const MIN_PASSWORD_LEN: usize = 8;

/// What an operator may do. Each role can do everything the roles before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Lookup, registration, Gestore choice, Patto printing and signing, booking.
    Segreteria,
    /// Also PAI editing and the Clinical Manager.
    Medico,
    /// Also operators, agenda set-up, imports, backups and the audit trail.
    Amministratore,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Segreteria, Role::Medico, Role::Amministratore];

    /// The Italian name, as shown on screen and accepted by the command line.
    pub fn label(self) -> &'static str {
        match self {
            Role::Segreteria => "segreteria",
            Role::Medico => "medico",
            Role::Amministratore => "amministratore",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim().to_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.label() == s || (s.len() >= 3 && r.label().starts_with(&s)))
    }

    /// Whether this role may do what `needed` may do.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// A person who logs in at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub id: OperatorId,
    /// As typed when created; looked up folded (see [`fold_username`]).
    pub username: String,
    pub role: Role,
    /// PHC string (argon2id); never the password itself.
    pub password_hash: String,
    /// A disabled operator cannot log in; the record stays for the audit trail.
    pub active: bool,
    /// Failed logins in a row.
    pub failed_logins: u32,
    pub locked_until: Option<NaiveDateTime>,
    pub created: NaiveDateTime,
}

/// The fields an administrator changes whose values differ between `a` and
/// `b` (login counters and locks are not among them), for the refusal of a
/// change made on a copy another desk changed since.
pub fn changed_fields(a: &Operator, b: &Operator) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.username != b.username {
        out.push("Nome utente");
    }
    if a.role != b.role {
        out.push("Ruolo");
    }
    if a.active != b.active {
        out.push("Attivo");
    }
    if a.password_hash != b.password_hash {
        out.push("Password");
    }
    out
}

impl Operator {
    /// An active administrator: the store keeps at least one.
    pub fn is_active_admin(&self) -> bool {
        self.active && self.role == Role::Amministratore
    }

    /// When the account is locked at `now`, until when.
    pub fn locked_at(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        self.locked_until.filter(|until| *until > now)
    }

    /// Records a failed login; returns the lock end when this failure locks the account.
    pub fn record_failure(&mut self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        if self.locked_until.is_some_and(|u| u <= now) {
            // A lock that has run out starts a new count.
            self.locked_until = None;
            self.failed_logins = 0;
        }
        self.failed_logins += 1;
        if self.failed_logins >= MAX_FAILED_LOGINS {
            let until = now + Duration::minutes(LOCK_MINUTES);
            self.locked_until = Some(until);
            self.failed_logins = 0;
            return Some(until);
        }
        None
    }

    pub fn record_success(&mut self) {
        self.failed_logins = 0;
        self.locked_until = None;
    }
}

/// The key a username is looked up by: trimmed and lower-case.
pub fn fold_username(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A username may hold letters, digits, dot, dash and underscore, 2 to 32 characters.
pub fn validate_username(name: &str) -> Result<(), OperatorRule> {
    let n = name.trim();
    let len = n.chars().count();
    if !(2..=32).contains(&len) {
        return Err(OperatorRule::UsernameLength);
    }
    if !n
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Err(OperatorRule::UsernameCharacters);
    }
    Ok(())
}

/// A new password must be at least [`MIN_PASSWORD_LEN`] characters long.
pub fn validate_new_password(password: &str) -> Result<(), OperatorRule> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(OperatorRule::PasswordTooShort {
            min: MIN_PASSWORD_LEN,
        });
    }
    Ok(())
}

/// A user name or password that breaks the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorRule {
    /// From 2 to 32 characters.
    UsernameLength,
    /// Letters, digits, dot, hyphen and underscore only.
    UsernameCharacters,
    PasswordTooShort {
        min: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .unwrap()
    }

    fn op() -> Operator {
        Operator {
            id: 1,
            username: "Anna".into(),
            role: Role::Segreteria,
            password_hash: String::new(),
            active: true,
            failed_logins: 0,
            locked_until: None,
            created: at(8, 0),
        }
    }

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Amministratore.allows(Role::Medico));
        assert!(Role::Medico.allows(Role::Segreteria));
        assert!(!Role::Segreteria.allows(Role::Medico));
        assert!(!Role::Medico.allows(Role::Amministratore));
        assert_eq!(Role::parse("Amministratore"), Some(Role::Amministratore));
        assert_eq!(Role::parse("med"), Some(Role::Medico));
        assert_eq!(Role::parse("capo"), None);
    }

    #[test]
    fn fifth_failure_locks_for_five_minutes_then_counting_restarts() {
        let mut o = op();
        for _ in 0..4 {
            assert_eq!(o.record_failure(at(9, 0)), None);
        }
        assert_eq!(o.failed_logins, 4);
        assert_eq!(o.record_failure(at(9, 1)), Some(at(9, 6)));
        assert_eq!(o.locked_at(at(9, 5)), Some(at(9, 6)));
        assert_eq!(o.locked_at(at(9, 6)), None);
        // After the lock ran out one failure does not lock again.
        assert_eq!(o.record_failure(at(9, 7)), None);
        assert_eq!(o.failed_logins, 1);
        assert_eq!(o.locked_until, None);
        o.record_success();
        assert_eq!(o.failed_logins, 0);
    }

    #[test]
    fn usernames_and_passwords() {
        assert_eq!(fold_username("  Mario.Rossi "), "mario.rossi");
        assert!(validate_username("mario.rossi").is_ok());
        assert!(validate_username("m").is_err());
        assert!(validate_username("mario rossi").is_err());
        assert!(validate_new_password("1234567").is_err());
        assert!(validate_new_password("12345678").is_ok());
    }
}
