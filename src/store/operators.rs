//! Operators (with a unique index by folded username) and the audit trail.
//!
//! The audit tree holds entries by big-endian sequence number; the chain head
//! (last seq and hash) is a point key in `meta`, read and written in the same
//! transaction that appends, so two appends cannot both take the same seq.

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::records::{decode_audit, decode_operator, encode_audit, encode_operator};
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::audit::{
    AuditEntry, AuditFilter, AuditRecord, BreakReason, ChainBreak, ChainVerifier, GENESIS, Hash,
};
use crate::domain::operator::{Operator, OperatorId, fold_username};

pub(crate) const META_AUDIT_HEAD: &[u8] = b"audit_head";
/// The store's secret for the tags of unknown login names (see
/// `Desk::login`): random bytes, created on first use.
const META_LOGIN_NAME_SECRET: &[u8] = b"login_name_secret";
/// An operator's SSH public key (`sportello serve`): the key is this prefix,
/// the folded username, a NUL and the key's fingerprint; the value is the
/// key in OpenSSH form.
const META_SSH_KEY: &[u8] = b"ssh_key\0";

fn ssh_key_id(username: &str, fingerprint: &str) -> Vec<u8> {
    let mut k = META_SSH_KEY.to_vec();
    k.extend_from_slice(fold_username(username).as_bytes());
    k.push(0);
    k.extend_from_slice(fingerprint.as_bytes());
    k
}

type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

pub(crate) fn decode_head(v: &[u8]) -> Option<(u64, Hash)> {
    if v.len() != 40 {
        return None;
    }
    let seq = u64::from_be_bytes(v[..8].try_into().ok()?);
    let hash: Hash = v[8..].try_into().ok()?;
    Some((seq, hash))
}

/// Appends `record` inside a transaction holding `meta` and `audit`.
/// Invariant: one audit chain, no fork: the head (sequence and hash) is
/// read and moved in the same transaction as the entry it chains.
fn append_tx(
    meta: &TransactionalTree,
    audit: &TransactionalTree,
    record: &AuditRecord,
) -> TxResult<()> {
    let (seq, prev) = match meta.get(META_AUDIT_HEAD)? {
        None => (0, GENESIS),
        Some(v) => match decode_head(&v) {
            Some(h) => h,
            None => {
                return Err(ConflictableTransactionError::Abort(StoreError::Corrupt {
                    tree: trees::META,
                    key: "audit_head".into(),
                    reason: "valore non valido".into(),
                }));
            }
        },
    };
    let entry = AuditEntry::chain(record.clone(), seq, prev);
    let bytes = encode_audit(&entry).map_err(ConflictableTransactionError::Abort)?;
    audit.insert(&id_key(entry.seq), bytes)?;
    let mut head = Vec::with_capacity(40);
    head.extend_from_slice(&entry.seq.to_be_bytes());
    head.extend_from_slice(&entry.hash);
    meta.insert(META_AUDIT_HEAD, head)?;
    Ok(())
}

/// Whether one of the operators `ids` is an active administrator, read by
/// point key inside a transaction.
fn tx_any_active_admin(ops: &TransactionalTree, ids: &[OperatorId]) -> TxResult<bool> {
    for id in ids {
        if let Some(bytes) = ops.get(id_key(*id))? {
            let o = decode_operator(&bytes).map_err(|reason| {
                ConflictableTransactionError::Abort(StoreError::Corrupt {
                    tree: trees::OPERATORS,
                    key: id.to_string(),
                    reason,
                })
            })?;
            if o.is_active_admin() {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

impl Store {
    /// Whether any operator exists (false on a new store: the first start
    /// creates the administrator).
    pub fn has_operators(&self) -> bool {
        !self.operators.is_empty()
    }

    pub fn operators(&self) -> Result<Vec<Operator>> {
        let mut out = Vec::new();
        for item in self.operators.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            out.push(decode_operator(&v).map_err(|r| StoreError::Corrupt {
                tree: trees::OPERATORS,
                key: super::patients::id_from_value(&k).unwrap_or(0).to_string(),
                reason: r,
            })?);
        }
        Ok(out)
    }

    pub fn operator(&self, id: OperatorId) -> Result<Option<Operator>> {
        match self.operators.get(id_key(id)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_operator(&v)
                .map(Some)
                .map_err(|r| StoreError::Corrupt {
                    tree: trees::OPERATORS,
                    key: id.to_string(),
                    reason: r,
                }),
        }
    }

    pub fn operator_by_username(&self, username: &str) -> Result<Option<Operator>> {
        let key = fold_username(username);
        match self
            .idx_operator_name
            .get(key.as_bytes())
            .map_err(|e| self.fatal(e))?
        {
            None => Ok(None),
            Some(v) => match super::patients::id_from_value(&v) {
                Some(id) => self.operator(id),
                None => Err(StoreError::Corrupt {
                    tree: trees::IDX_OPERATOR_NAME,
                    key,
                    reason: "valore non valido".into(),
                }),
            },
        }
    }

    /// Stores a new operator (claiming the folded username) and its audit
    /// entry in one transaction; durable. Sets and returns the id.
    pub fn insert_operator(&self, o: &mut Operator, audit: &AuditRecord) -> Result<OperatorId> {
        self.ensure_writable()?;
        o.id = self.next_id()?;
        let bytes = encode_operator(o)?;
        let name = fold_username(&o.username);
        (
            &self.operators,
            &self.idx_operator_name,
            &self.meta,
            &self.audit,
        )
            .transaction(|(ops, idx, meta, log)| {
                // Invariant: one operator per (folded) user name.
                if idx.get(name.as_bytes())?.is_some() {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::DuplicateOperator(name.clone()),
                    ));
                }
                ops.insert(&id_key(o.id), bytes.as_slice())?;
                idx.insert(name.as_bytes(), &id_key(o.id))?;
                append_tx(meta, log, audit)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(o.id)
    }

    /// Saves an existing operator (the username does not change) with an
    /// optional audit entry in one transaction; durable.
    pub fn update_operator(&self, o: &Operator, audit: Option<&AuditRecord>) -> Result<()> {
        self.ensure_writable()?;
        let bytes = encode_operator(o)?;
        (&self.operators, &self.meta, &self.audit)
            .transaction(|(ops, meta, log)| {
                if ops.get(id_key(o.id))?.is_none() {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::OperatorNotFound(o.id),
                    ));
                }
                ops.insert(&id_key(o.id), bytes.as_slice())?;
                if let Some(a) = audit {
                    append_tx(meta, log, a)?;
                }
                Ok(())
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Changes the stored operator `id` with `change`, which also gives the
    /// audit entry, in one transaction; durable. Returns the operator as
    /// saved.
    ///
    /// The change is applied to the operator as stored inside the
    /// transaction, never to a copy read before it: with several desks on
    /// one store (`sportello serve`) two failed logins at the same moment
    /// both count, so the lockout after five failures cannot be outrun by
    /// trying from many desks at once. sled retries the closure on a
    /// conflict, so `change` may run more than once.
    pub fn change_operator(
        &self,
        id: OperatorId,
        change: impl Fn(&mut Operator) -> AuditRecord,
    ) -> Result<Operator> {
        self.change_operator_opened(id, None, change)
    }

    /// [`Store::change_operator`] for a change chosen on `opened` (the
    /// operator as the administrator's list showed it): refused with the
    /// fields that differ when another desk changed its name, role, active
    /// flag or password since.
    pub fn change_operator_opened(
        &self,
        id: OperatorId,
        opened: Option<&Operator>,
        change: impl Fn(&mut Operator) -> AuditRecord,
    ) -> Result<Operator> {
        self.change_operator_checked(id, opened, None, change)
    }

    /// [`Store::change_operator_opened`] for a change of role or active
    /// flag: refused with [`StoreError::LastAdmin`] when it would leave no
    /// active administrator.
    ///
    /// Invariant: at least one active administrator. The other operators
    /// are read by point key inside the same transaction as the change
    /// (their ids are listed before it: an operator added meanwhile is not
    /// counted, which can only refuse, never allow), so two desks demoting
    /// or disabling the last two administrators at once cannot both win.
    pub fn change_operator_keeping_an_admin(
        &self,
        id: OperatorId,
        opened: Option<&Operator>,
        change: impl Fn(&mut Operator) -> AuditRecord,
    ) -> Result<Operator> {
        let mut ids = Vec::new();
        for item in self.operators.iter().keys() {
            let k = item.map_err(|e| self.fatal(e))?;
            if let Some(other) = super::patients::id_from_value(&k)
                && other != id
            {
                ids.push(other);
            }
        }
        self.change_operator_checked(id, opened, Some(&ids), change)
    }

    fn change_operator_checked(
        &self,
        id: OperatorId,
        opened: Option<&Operator>,
        others: Option<&[OperatorId]>,
        change: impl Fn(&mut Operator) -> AuditRecord,
    ) -> Result<Operator> {
        self.ensure_writable()?;
        let saved = (&self.operators, &self.meta, &self.audit)
            .transaction(|(ops, meta, log)| {
                let Some(bytes) = ops.get(id_key(id))? else {
                    return Err(ConflictableTransactionError::Abort(
                        StoreError::OperatorNotFound(id),
                    ));
                };
                let mut o = decode_operator(&bytes).map_err(|reason| {
                    ConflictableTransactionError::Abort(StoreError::Corrupt {
                        tree: trees::OPERATORS,
                        key: id.to_string(),
                        reason,
                    })
                })?;
                // Invariant: no lost operator change; the change applies to
                // the operator as stored, as the administrator saw it.
                if let Some(opened) = opened {
                    let fields = crate::domain::operator::changed_fields(opened, &o);
                    if !fields.is_empty() {
                        return Err(ConflictableTransactionError::Abort(
                            StoreError::ChangedMeanwhile { fields },
                        ));
                    }
                }
                let was_admin = o.is_active_admin();
                let record = change(&mut o);
                if let Some(others) = others
                    && was_admin
                    && !o.is_active_admin()
                    && !tx_any_active_admin(ops, others)?
                {
                    return Err(ConflictableTransactionError::Abort(StoreError::LastAdmin));
                }
                let bytes = encode_operator(&o).map_err(ConflictableTransactionError::Abort)?;
                ops.insert(&id_key(id), bytes)?;
                append_tx(meta, log, &record)?;
                Ok(o)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()?;
        Ok(saved)
    }

    /// Records an SSH public key of an operator, with its audit entry, in
    /// one transaction; durable.
    pub fn add_ssh_key(
        &self,
        username: &str,
        fingerprint: &str,
        openssh: &str,
        audit: &AuditRecord,
    ) -> Result<()> {
        self.ensure_writable()?;
        let key = ssh_key_id(username, fingerprint);
        (&self.meta, &self.audit)
            .transaction(|(meta, log)| {
                meta.insert(key.as_slice(), openssh.as_bytes())?;
                append_tx(meta, log, audit)
            })
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// Whether `username` has the SSH key with `fingerprint`.
    pub fn has_ssh_key(&self, username: &str, fingerprint: &str) -> Result<bool> {
        self.meta
            .contains_key(ssh_key_id(username, fingerprint))
            .map_err(|e| self.fatal(e))
    }

    /// Appends one entry to the audit trail; durable.
    pub fn append_audit(&self, record: &AuditRecord) -> Result<()> {
        self.ensure_writable()?;
        (&self.meta, &self.audit)
            .transaction(|(meta, log)| append_tx(meta, log, record))
            .map_err(|e| self.tx_error(e))?;
        self.make_durable()
    }

    /// The secret that tags unknown login names, if it was created.
    pub fn login_name_secret(&self) -> Result<Option<Vec<u8>>> {
        Ok(self
            .meta
            .get(META_LOGIN_NAME_SECRET)
            .map_err(|e| self.fatal(e))?
            .map(|v| v.to_vec()))
    }

    /// Stores `fresh` as the login-name secret unless one exists (two desks
    /// may both try first: the one stored first wins) and returns the
    /// stored one.
    pub fn init_login_name_secret(&self, fresh: &[u8]) -> Result<Vec<u8>> {
        self.ensure_writable()?;
        let swapped = self
            .meta
            .compare_and_swap(META_LOGIN_NAME_SECRET, None::<&[u8]>, Some(fresh))
            .map_err(|e| self.fatal(e))?;
        match swapped {
            Ok(()) => Ok(fresh.to_vec()),
            Err(e) => Ok(e
                .current
                .map(|v| v.to_vec())
                .unwrap_or_else(|| fresh.to_vec())),
        }
    }

    /// The chain head: last seq and its hash (None on an empty trail).
    pub fn audit_head(&self) -> Result<Option<(u64, Hash)>> {
        match self.meta.get(META_AUDIT_HEAD).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_head(&v).map(Some).ok_or(StoreError::Corrupt {
                tree: trees::META,
                key: "audit_head".into(),
                reason: "valore non valido".into(),
            }),
        }
    }

    /// Number of entries in the trail.
    pub fn audit_len(&self) -> Result<u64> {
        Ok(self.audit_head()?.map(|(s, _)| s).unwrap_or(0))
    }

    /// Entries matching `filter`, newest first, with seq below `before`
    /// (all when `None`), at most `limit`. Walks the trail backwards.
    pub fn audit_page(
        &self,
        filter: &AuditFilter,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        let end = id_key(before.unwrap_or(u64::MAX));
        let mut out = Vec::new();
        for item in self.audit.range(..end).rev() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let e = decode_audit(&v).map_err(|r| StoreError::Corrupt {
                tree: trees::AUDIT,
                key: super::patients::id_from_value(&k).unwrap_or(0).to_string(),
                reason: r,
            })?;
            if filter.matches(&e) {
                out.push(e);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Walks the whole trail in order and checks every link and hash and the
    /// stored head. `Ok(Ok(n))` = intact with n entries.
    pub fn verify_audit(&self) -> Result<std::result::Result<u64, ChainBreak>> {
        let mut v = ChainVerifier::default();
        for item in self.audit.iter() {
            let (k, val) = item.map_err(|e| self.fatal(e))?;
            let key_seq = super::patients::id_from_value(&k).unwrap_or(0);
            let e = match decode_audit(&val) {
                Ok(e) => e,
                Err(reason) => {
                    return Ok(Err(ChainBreak {
                        seq: key_seq,
                        reason: BreakReason::Unreadable(reason.to_string()),
                    }));
                }
            };
            if e.seq != key_seq {
                return Ok(Err(ChainBreak {
                    seq: key_seq,
                    reason: BreakReason::KeyMismatch {
                        key: key_seq,
                        declared: e.seq,
                    },
                }));
            }
            if let Err(b) = v.push(&e) {
                return Ok(Err(b));
            }
        }
        let head = match self.audit_head() {
            Ok(h) => h,
            Err(e) => {
                return Ok(Err(ChainBreak {
                    seq: v.count() + 1,
                    reason: BreakReason::HeadUnreadable(e.to_string()),
                }));
            }
        };
        Ok(v.finish(head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::AuditAction;
    use crate::domain::operator::Role;
    use chrono::NaiveDate;

    fn at(h: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap()
    }

    fn rec(op: &str, patient: Option<u64>, h: u32) -> AuditRecord {
        AuditRecord {
            at: at(h),
            operator: op.into(),
            action: AuditAction::OpenRecord,
            patient,
            summary: format!("scheda {patient:?}"),
        }
    }

    fn operator(name: &str, role: Role) -> Operator {
        Operator {
            id: 0,
            username: name.into(),
            role,
            password_hash: "$argon2id$finto".into(),
            active: true,
            failed_logins: 0,
            locked_until: None,
            created: at(8),
        }
    }

    #[test]
    fn operators_are_unique_by_folded_name_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            assert!(!s.has_operators());
            let mut a = operator("Anna", Role::Segreteria);
            s.insert_operator(&mut a, &rec("sistema", None, 8)).unwrap();
            let mut dup = operator(" anna ", Role::Medico);
            let err = s
                .insert_operator(&mut dup, &rec("sistema", None, 8))
                .unwrap_err();
            assert!(
                matches!(err, StoreError::DuplicateOperator(ref n) if n == "anna"),
                "{err}"
            );
            let mut a2 = s.operator_by_username("ANNA").unwrap().unwrap();
            assert_eq!(a2.role, Role::Segreteria);
            a2.failed_logins = 3;
            a2.locked_until = Some(at(10));
            s.update_operator(&a2, None).unwrap();
            // Only the successful insert was audited.
            assert_eq!(s.audit_len().unwrap(), 1);
        }
        let s = Store::open(dir.path()).unwrap();
        let a = s.operator_by_username("anna").unwrap().unwrap();
        assert_eq!((a.failed_logins, a.locked_until), (3, Some(at(10))));
        assert_eq!(s.operators().unwrap().len(), 1);
    }

    #[test]
    fn audit_chain_appends_pages_and_detects_tampering() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.verify_audit().unwrap(), Ok(0));
        for i in 0..10u64 {
            let op = if i % 2 == 0 { "anna" } else { "Bruno" };
            s.append_audit(&rec(op, Some(i % 3), 8 + i as u32)).unwrap();
        }
        assert_eq!(s.verify_audit().unwrap(), Ok(10));
        let all = s.audit_page(&AuditFilter::default(), None, 100).unwrap();
        assert_eq!(
            all.iter().map(|e| e.seq).collect::<Vec<_>>(),
            (1..=10).rev().collect::<Vec<_>>()
        );
        let page = s.audit_page(&AuditFilter::default(), Some(8), 3).unwrap();
        assert_eq!(
            page.iter().map(|e| e.seq).collect::<Vec<_>>(),
            vec![7, 6, 5]
        );
        let bruno = AuditFilter {
            operator: Some("bruno".into()),
            patient: Some(1),
            ..Default::default()
        };
        // Odd i with i % 3 == 1: i = 1, 7 -> seq 2, 8.
        let hits = s.audit_page(&bruno, None, 100).unwrap();
        assert_eq!(hits.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![8, 2]);

        // Tamper with entry 4's summary directly in the tree.
        let key = id_key(4);
        let mut e = decode_audit(&s.audit.get(key).unwrap().unwrap()).unwrap();
        e.summary = "scheda di nessuno".into();
        s.audit.insert(key, encode_audit(&e).unwrap()).unwrap();
        let broken = s.verify_audit().unwrap().unwrap_err();
        assert_eq!(broken.seq, 4, "{broken:?}");

        // Removing the last entry is caught by the head.
        let dir2 = tempfile::tempdir().unwrap();
        let s2 = Store::open(dir2.path()).unwrap();
        for i in 0..3 {
            s2.append_audit(&rec("anna", None, 8 + i)).unwrap();
        }
        s2.audit.remove(id_key(3)).unwrap();
        assert_eq!(s2.verify_audit().unwrap().unwrap_err().seq, 3);
    }
}
