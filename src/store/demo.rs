//! Demonstration stores and bulk loads. `sportello demo` writes fictional
//! patients only into a store it created itself, marked as such; a bulk
//! load that did not finish (a kill, a full disk) leaves its marker behind
//! and the store is refused at the next open instead of being used half
//! loaded (thousands of index entries without their records).

use super::{Result, Store, StoreError};

/// Present in a store created by `sportello demo`.
const META_DEMO: &[u8] = b"demo_store";
/// Present from before the first record of a bulk load until all of it is
/// durable.
const META_BULK_LOAD: &[u8] = b"bulk_load_in_progress";

impl Store {
    /// Marks this store as a demonstration store, durably.
    pub fn mark_demo(&self) -> Result<()> {
        self.ensure_writable()?;
        self.meta
            .insert(META_DEMO, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// Whether `sportello demo` created this store.
    pub fn is_demo(&self) -> Result<bool> {
        self.meta.contains_key(META_DEMO).map_err(|e| self.fatal(e))
    }

    /// Before a bulk load: the marker is durable before any record is written.
    pub fn begin_bulk_load(&self) -> Result<()> {
        self.ensure_writable()?;
        self.meta
            .insert(META_BULK_LOAD, &[1])
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// After a bulk load: everything loaded is made durable, then the marker
    /// goes.
    pub fn end_bulk_load(&self) -> Result<()> {
        self.make_durable()?;
        self.meta
            .remove(META_BULK_LOAD)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }

    /// At open: a store whose bulk load never finished is refused.
    pub(crate) fn refuse_unfinished_bulk_load(&self) -> Result<()> {
        if self
            .meta
            .contains_key(META_BULK_LOAD)
            .map_err(|e| self.fatal(e))?
        {
            return Err(StoreError::UnfinishedLoad {
                dir: self.dir.clone(),
                demo: self.is_demo()?,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_with_an_unfinished_bulk_load_is_refused_at_open() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            assert!(!store.is_demo().unwrap());
            store.mark_demo().unwrap();
            store.begin_bulk_load().unwrap();
        }
        let refused = Store::open(dir.path()).err().expect("refused");
        assert!(refused.is_store_unavailable());
        assert!(matches!(
            refused,
            StoreError::UnfinishedLoad { demo: true, .. }
        ));
        let text = refused.to_string();
        assert!(text.contains("non è finito"), "{text}");
        assert!(
            text.contains(&format!(
                "sportello --data-dir {} demo",
                dir.path().display()
            )),
            "{text}"
        );
    }

    #[test]
    fn a_finished_bulk_load_opens_and_stays_a_demo_store() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store.mark_demo().unwrap();
            store.begin_bulk_load().unwrap();
            store.end_bulk_load().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert!(store.is_demo().unwrap());
    }
}
