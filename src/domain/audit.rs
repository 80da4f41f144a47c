//! The audit trail: who opened or changed what, and when. Entries form a hash
//! chain (each carries the hash of the previous one), so that an edited,
//! removed or reordered entry shows up when the chain is verified.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::PatientId;

pub type Hash = [u8; 32];

/// The hash that the first entry's `prev_hash` holds.
pub const GENESIS: Hash = [0; 32];

/// What an entry records (variants append-only: stored by position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    Login,
    LoginFailed,
    Logout,
    OpenRecord,
    PatientCreated,
    PatientUpdated,
    GestoreChosen,
    PresaRevoked,
    PattoPrepared,
    PattoChanged,
    PattoSigned,
    PaiChanged,
    PaiShared,
    AppointmentBooked,
    AppointmentChanged,
    AgendaSetup,
    Import,
    Backup,
    PracticeSetup,
    OperatorChanged,
    GdprExport,
    GdprErase,
    /// A list of patients read outside a record: a search or a day list
    /// from the command line (the patients' ids in the summary).
    ListViewed,
    /// The worklist of arruolabili: a contact recorded, an invitation printed.
    Arruolabile,
    /// The store rewritten with its live records only (`compatta`, and the
    /// end of a GDPR erasure).
    Compaction,
}

impl AuditAction {
    pub const ALL: [AuditAction; 25] = [
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::OpenRecord,
        AuditAction::PatientCreated,
        AuditAction::PatientUpdated,
        AuditAction::GestoreChosen,
        AuditAction::PresaRevoked,
        AuditAction::PattoPrepared,
        AuditAction::PattoChanged,
        AuditAction::PattoSigned,
        AuditAction::PaiChanged,
        AuditAction::PaiShared,
        AuditAction::AppointmentBooked,
        AuditAction::AppointmentChanged,
        AuditAction::AgendaSetup,
        AuditAction::Import,
        AuditAction::Backup,
        AuditAction::PracticeSetup,
        AuditAction::OperatorChanged,
        AuditAction::GdprExport,
        AuditAction::GdprErase,
        AuditAction::ListViewed,
        AuditAction::Arruolabile,
        AuditAction::Compaction,
    ];

    pub fn code(self) -> u8 {
        AuditAction::ALL
            .iter()
            .position(|a| *a == self)
            .map(|i| i as u8)
            .unwrap_or(u8::MAX)
    }

    pub fn from_code(code: u8) -> Option<AuditAction> {
        AuditAction::ALL.get(usize::from(code)).copied()
    }

    /// Italian label for lists and the command line.
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Login => "accesso",
            AuditAction::LoginFailed => "accesso negato",
            AuditAction::Logout => "uscita",
            AuditAction::OpenRecord => "apertura scheda",
            AuditAction::PatientCreated => "nuovo paziente",
            AuditAction::PatientUpdated => "modifica paziente",
            AuditAction::GestoreChosen => "scelta Gestore",
            AuditAction::PresaRevoked => "revoca presa in carico",
            AuditAction::PattoPrepared => "Patto preparato",
            AuditAction::PattoChanged => "Patto modificato",
            AuditAction::PattoSigned => "Patto firmato",
            AuditAction::PaiChanged => "PAI modificato",
            AuditAction::PaiShared => "PAI condiviso",
            AuditAction::AppointmentBooked => "prenotazione",
            AuditAction::AppointmentChanged => "modifica appuntamento",
            AuditAction::AgendaSetup => "impostazione agenda",
            AuditAction::Import => "importazione",
            AuditAction::Backup => "copia di sicurezza",
            AuditAction::PracticeSetup => "impostazione studio",
            AuditAction::OperatorChanged => "operatori",
            AuditAction::GdprExport => "esportazione GDPR",
            AuditAction::GdprErase => "cancellazione GDPR",
            AuditAction::ListViewed => "consultazione elenco",
            AuditAction::Arruolabile => "arruolabili",
            AuditAction::Compaction => "compattazione archivio",
        }
    }
}

/// One entry of the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// 1, 2, 3... without gaps.
    pub seq: u64,
    pub at: NaiveDateTime,
    pub operator: String,
    pub action: AuditAction,
    pub patient: Option<PatientId>,
    /// What changed (before -> after), never a password.
    pub summary: String,
    pub prev_hash: Hash,
    pub hash: Hash,
}

/// What a caller asks to record; the store numbers and chains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub at: NaiveDateTime,
    pub operator: String,
    pub action: AuditAction,
    pub patient: Option<PatientId>,
    pub summary: String,
}

impl AuditEntry {
    /// Chains `record` after an entry numbered `prev_seq` whose hash is `prev_hash`.
    pub fn chain(record: AuditRecord, prev_seq: u64, prev_hash: Hash) -> AuditEntry {
        let mut e = AuditEntry {
            seq: prev_seq + 1,
            at: record.at,
            operator: record.operator,
            action: record.action,
            patient: record.patient,
            summary: record.summary,
            prev_hash,
            hash: [0; 32],
        };
        e.hash = e.compute_hash();
        e
    }

    /// SHA-256 over a canonical encoding of every field but `hash`:
    /// fixed-width big-endian numbers and length-prefixed UTF-8 strings.
    pub fn compute_hash(&self) -> Hash {
        let mut h = Sha256::new();
        h.update(b"sportello-audit-v1");
        h.update(self.seq.to_be_bytes());
        h.update(self.at.and_utc().timestamp().to_be_bytes());
        h.update(self.at.and_utc().timestamp_subsec_nanos().to_be_bytes());
        put_str(&mut h, &self.operator);
        h.update([self.action.code()]);
        match self.patient {
            None => h.update([0u8]),
            Some(id) => {
                h.update([1u8]);
                h.update(id.to_be_bytes());
            }
        }
        put_str(&mut h, &self.summary);
        h.update(self.prev_hash);
        h.finalize().into()
    }
}

fn put_str(h: &mut Sha256, s: &str) {
    h.update((s.len() as u64).to_be_bytes());
    h.update(s.as_bytes());
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: u64,
    pub reason: BreakReason,
}

/// Why a chain breaks at an entry; `Display` is the Italian text (the
/// command line renders it in the operator's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakReason {
    /// The entry is missing: the next one read has number `found`.
    Missing { found: u64 },
    /// The link to the previous entry does not match.
    Link,
    /// The content was altered (the hash differs).
    Altered,
    /// The entry cannot be decoded.
    Unreadable(String),
    /// The entry stored under `key` declares number `declared`.
    KeyMismatch { key: u64, declared: u64 },
    /// The stored head of the chain cannot be read.
    HeadUnreadable(String),
    /// The stored head says `head` entries, `read` were read.
    Head { head: u64, read: u64 },
}

impl std::fmt::Display for BreakReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BreakReason::Missing { found } => write!(f, "manca la voce (trovata la {found})"),
            BreakReason::Link => {
                f.write_str("il collegamento alla voce precedente non corrisponde")
            }
            BreakReason::Altered => f.write_str("il contenuto è stato alterato (impronta diversa)"),
            BreakReason::Unreadable(reason) => write!(f, "voce non leggibile: {reason}"),
            BreakReason::KeyMismatch { key, declared } => {
                write!(f, "la voce con chiave {key} dichiara il numero {declared}")
            }
            BreakReason::HeadUnreadable(reason) => f.write_str(reason),
            BreakReason::Head { head, read } => write!(
                f,
                "la testa della catena indica {head} voci, ne sono state lette {read}"
            ),
        }
    }
}

/// Walks entries in order and checks numbering, links and hashes; `head` is
/// the stored chain head (last seq and hash), which catches a cut-off tail.
pub struct ChainVerifier {
    expected_seq: u64,
    prev_hash: Hash,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            expected_seq: 1,
            prev_hash: GENESIS,
        }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, e: &AuditEntry) -> Result<(), ChainBreak> {
        let fail = |reason: BreakReason| ChainBreak { seq: e.seq, reason };
        if e.seq != self.expected_seq {
            return Err(ChainBreak {
                seq: self.expected_seq,
                reason: BreakReason::Missing { found: e.seq },
            });
        }
        if e.prev_hash != self.prev_hash {
            return Err(fail(BreakReason::Link));
        }
        if e.compute_hash() != e.hash {
            return Err(fail(BreakReason::Altered));
        }
        self.expected_seq += 1;
        self.prev_hash = e.hash;
        Ok(())
    }

    /// Number of entries accepted so far.
    pub fn count(&self) -> u64 {
        self.expected_seq - 1
    }

    /// Checks that the chain ends where the stored head says.
    pub fn finish(&self, head: Option<(u64, Hash)>) -> Result<u64, ChainBreak> {
        let (seq, hash) = head.unwrap_or((0, GENESIS));
        if seq != self.count() || hash != self.prev_hash {
            return Err(ChainBreak {
                seq: self.count() + 1,
                reason: BreakReason::Head {
                    head: seq,
                    read: self.count(),
                },
            });
        }
        Ok(self.count())
    }
}

/// What the Registro accessi screen filters on; `None` = any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub patient: Option<PatientId>,
    /// Folded username, matched exactly.
    pub operator: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl AuditFilter {
    pub fn matches(&self, e: &AuditEntry) -> bool {
        self.patient.is_none_or(|p| e.patient == Some(p))
            && self
                .operator
                .as_ref()
                .is_none_or(|o| e.operator.to_lowercase() == *o)
            && self.from.is_none_or(|d| e.at.date() >= d)
            && self.to.is_none_or(|d| e.at.date() <= d)
    }
}

/// Hex digits of a hash that an anchor shows.
pub const ANCHOR_HEX: usize = 12;
/// Fewest hex digits an anchor given to check must have.
pub const ANCHOR_MIN_HEX: usize = 8;

/// The anchor of entry `seq` with hash `hash`: `SEQ:HEX12`, short enough to
/// write down, printed by every backup and by `audit verify`.
pub fn anchor(seq: u64, hash: &Hash) -> String {
    let mut h = hex(hash);
    h.truncate(ANCHOR_HEX);
    format!("{seq}:{h}")
}

/// An anchor written down earlier: the chain must still pass through entry
/// `seq` with a hash starting with `prefix` (lower-case hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub seq: u64,
    pub prefix: String,
}

impl Anchor {
    /// Reads `N:HEX` (at least [`ANCHOR_MIN_HEX`] hex digits, any case,
    /// spaces around ignored).
    pub fn parse(text: &str) -> Option<Anchor> {
        let (seq, prefix) = text.trim().split_once(':')?;
        let seq: u64 = seq.trim().parse().ok()?;
        let prefix = prefix.trim().to_ascii_lowercase();
        let hex_ok = prefix.len() >= ANCHOR_MIN_HEX
            && prefix.len() <= 64
            && prefix.chars().all(|c| c.is_ascii_hexdigit());
        (seq > 0 && hex_ok).then_some(Anchor { seq, prefix })
    }

    /// Whether `entry` is the anchored one.
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        entry.seq == self.seq && hex(&entry.hash).starts_with(&self.prefix)
    }
}

/// Lower-case hex of a hash, for display.
pub fn hex(hash: &Hash) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn rec(summary: &str) -> AuditRecord {
        AuditRecord {
            at: NaiveDate::from_ymd_opt(2026, 3, 2)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .unwrap(),
            operator: "anna".into(),
            action: AuditAction::PatientUpdated,
            patient: Some(7),
            summary: summary.into(),
        }
    }

    fn chain(n: usize) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let (seq, prev) = out.last().map(|e| (e.seq, e.hash)).unwrap_or((0, GENESIS));
            out.push(AuditEntry::chain(rec(&format!("voce {i}")), seq, prev));
        }
        out
    }

    fn verify(entries: &[AuditEntry]) -> Result<u64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.push(e)?;
        }
        let head = entries.last().map(|e| (e.seq, e.hash));
        v.finish(head)
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(4);
        assert_eq!(c[0].prev_hash, GENESIS);
        assert_eq!(c[2].prev_hash, c[1].hash);
        assert_eq!(verify(&c), Ok(4));
    }

    #[test]
    fn edited_removed_and_truncated_entries_are_found() {
        let mut c = chain(4);
        c[2].summary = "voce cambiata".into();
        assert_eq!(verify(&c).unwrap_err().seq, 3);

        let mut c = chain(4);
        c.remove(1);
        assert_eq!(verify(&c).unwrap_err().seq, 2);

        // Re-hashing an edited entry breaks the link of the next one.
        let mut c = chain(4);
        c[1].operator = "mallory".into();
        c[1].hash = c[1].compute_hash();
        assert_eq!(verify(&c).unwrap_err().seq, 3);

        // A cut-off tail is caught by the stored head.
        let c = chain(4);
        let mut v = ChainVerifier::default();
        for e in &c[..3] {
            v.push(e).unwrap();
        }
        assert_eq!(v.finish(Some((4, c[3].hash))).unwrap_err().seq, 4);
    }

    #[test]
    fn anchors_print_parse_and_match() {
        let c = chain(3);
        let text = anchor(2, &c[1].hash);
        assert_eq!(text, format!("2:{}", &hex(&c[1].hash)[..12]));
        let a = Anchor::parse(&format!(" {} ", text.to_uppercase())).unwrap();
        assert!(a.matches(&c[1]));
        assert!(!a.matches(&c[2]));
        let mut edited = c[1].clone();
        edited.summary = "riscritta".into();
        edited.hash = edited.compute_hash();
        assert!(!a.matches(&edited));
        assert_eq!(Anchor::parse("2:abc"), None, "too short");
        assert_eq!(Anchor::parse("0:3fa9c2d1e0b4"), None);
        assert_eq!(Anchor::parse("x:3fa9c2d1e0b4"), None);
        assert_eq!(Anchor::parse("2:3fa9c2d1e0bz"), None);
    }

    #[test]
    fn action_codes_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(a.code()), Some(a));
        }
        assert_eq!(AuditAction::from_code(200), None);
    }
}
