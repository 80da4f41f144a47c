//! Reading one audit entry by number: what an anchor written down outside
//! the store is checked against.

use super::records::decode_audit;
use super::{Result, Store, StoreError, id_key, trees};
use crate::domain::audit::AuditEntry;

impl Store {
    /// The audit entry numbered `seq`, if the trail has one.
    pub fn audit_entry(&self, seq: u64) -> Result<Option<AuditEntry>> {
        match self.audit.get(id_key(seq)).map_err(|e| self.fatal(e))? {
            None => Ok(None),
            Some(v) => decode_audit(&v)
                .map(Some)
                .map_err(|reason| StoreError::Corrupt {
                    tree: trees::AUDIT,
                    key: seq.to_string(),
                    reason,
                }),
        }
    }
}
