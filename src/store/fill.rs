//! Writing a whole tree, in key order, into an empty sled tree so that its
//! leaves come out full and its log holds little besides them.
//!
//! sled 0.34 splits a leaf when it holds more than 16 entries
//! (`Node::should_split`), at `len / 2 + 1`: 17 entries become 9 and 8.
//! Written in plain key order, the left half is never touched again, so a
//! store written that way (a load, the old `compatta`) has leaves 9/16
//! full: 0.55 pages per patient at a million, each one costing sled memory
//! and time at every open (`docs/scale-sled.md`, "Open"). Each insert is
//! also a fragment in the log, and after 10 fragments
//! (`PAGE_CONSOLIDATION_THRESHOLD`) the whole leaf is written again; the
//! versions left behind are spread over every log segment, which sled never
//! gives back (the file only shrinks from its end).
//!
//! Here the entries go in blocks of [`LEAF`] and in two passes:
//! 1. every block's first 8 entries and its last one. When the next
//!    block's first 8 arrive, the leaf reaches 17 and sled splits it into
//!    exactly the block's 9 (left) and the next block's 8 (right): the leaf
//!    boundary is the next block's first key;
//! 2. every block's 7 middle entries, which fall inside its leaf (below its
//!    last entry, written in pass 1) and fill it to 16 without a split; then
//!    the block's first entry is written twice with another value and once
//!    more with its own, so that the leaf reaches sled's consolidation
//!    threshold and is written whole: one page of 16 entries and no
//!    fragments.
//!
//! Everything pass 1 writes is superseded by pass 2, and pass 2 runs over
//! the whole tree after pass 1: the segments pass 1 filled empty out and
//! are reused while pass 2 writes, instead of each keeping a share of dead
//! versions. Measured on 100,000 patients (`docs/scale-sled.md`, "Full
//! leaves"): 0.41 pages per patient instead of 0.54, no fragments, a data
//! file 35-40% smaller than the copy in plain key order.
//!
//! The layout only depends on sled's split and consolidation rules: with
//! other rules the tree is still complete and correct, only less full.

/// Entries per leaf aimed at: the most a sled 0.34 leaf holds unsplit.
pub(crate) const LEAF: usize = 16;
/// Entries of a block written in the first pass, before its last one.
const HEAD: usize = LEAF / 2;

type Entry = (sled::IVec, sled::IVec);

/// Writes the entries that `entries()` yields (strictly ascending keys,
/// the same ones each time it is called: it is called twice) into `into`,
/// which must be empty. Returns the number of entries. Nothing may read
/// `into` meanwhile: a block's first key holds another value for two writes
/// (the callers write into a store not yet in use, a rewrite's new store or
/// a load's trees before it ends).
pub(crate) fn write_full_leaves<I>(
    into: &sled::Tree,
    mut entries: impl FnMut() -> I,
) -> sled::Result<u64>
where
    I: Iterator<Item = sled::Result<Entry>>,
{
    let count = first_pass(into, entries())?;
    second_pass(into, entries())?;
    Ok(count)
}

/// Pass 1 of [`write_full_leaves`]: each block's first 8 entries and its
/// last. Returns the number of entries.
fn first_pass(
    into: &sled::Tree,
    entries: impl Iterator<Item = sled::Result<Entry>>,
) -> sled::Result<u64> {
    for_each_block(entries, |block| {
        if block.len() < LEAF {
            // The tail: in key order, no second pass.
            for (k, v) in block {
                into.insert(k, v.clone())?;
            }
            return Ok(());
        }
        for (k, v) in block[..HEAD].iter().chain(&block[LEAF - 1..]) {
            into.insert(k, v.clone())?;
        }
        Ok(())
    })
}

/// Pass 2 of [`write_full_leaves`], over the same entries: each block's
/// middle, then the leaf written whole.
fn second_pass(
    into: &sled::Tree,
    entries: impl Iterator<Item = sled::Result<Entry>>,
) -> sled::Result<()> {
    for_each_block(entries, |block| {
        if block.len() < LEAF {
            return Ok(());
        }
        for (k, v) in &block[HEAD..LEAF - 1] {
            into.insert(k, v.clone())?;
        }
        // 1 page + 7 fragments so far; 2 more, then the 10th write makes
        // sled write the leaf whole. It skips writing a value already there.
        let (k, v) = &block[0];
        for tail in [0u8, 1] {
            let mut other = v.to_vec();
            other.push(tail);
            into.insert(k, other)?;
        }
        into.insert(k, v.clone())?;
        Ok(())
    })?;
    Ok(())
}

/// Calls `f` with consecutive blocks of [`LEAF`] entries (the last one
/// shorter), returning how many entries there were.
fn for_each_block(
    entries: impl Iterator<Item = sled::Result<Entry>>,
    mut f: impl FnMut(&[Entry]) -> sled::Result<()>,
) -> sled::Result<u64> {
    let mut count = 0u64;
    let mut block: Vec<Entry> = Vec::with_capacity(LEAF);
    for entry in entries {
        block.push(entry?);
        count += 1;
        if block.len() == LEAF {
            f(&block)?;
            block.clear();
        }
    }
    if !block.is_empty() {
        f(&block)?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| {
                let key = format!("chiave {i:08}");
                // Some empty values, as in the index trees.
                let value = if i % 3 == 0 {
                    Vec::new()
                } else {
                    format!("valore {i}").repeat(1 + i % 4).into_bytes()
                };
                (key.as_bytes().into(), value.into())
            })
            .collect()
    }

    fn written(n: usize) -> (tempfile::TempDir, sled::Db, Vec<Entry>) {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().path(dir.path()).open().unwrap();
        let tree = db.open_tree("t").unwrap();
        let list = entries(n);
        let count = write_full_leaves(&tree, || list.iter().cloned().map(Ok)).unwrap();
        assert_eq!(count, n as u64);
        (dir, db, list)
    }

    #[test]
    fn every_entry_is_written_with_its_own_value() {
        // Empty, shorter than a block, whole blocks, blocks and a tail.
        for n in [0, 1, 9, 15, 16, 17, 24, 25, 32, 33, 1000, 4099] {
            let (_dir, db, list) = written(n);
            let tree = db.open_tree("t").unwrap();
            let back: Vec<Entry> = tree.iter().map(|e| e.unwrap()).collect();
            assert_eq!(back, list, "{n} entries");
        }
    }

    #[test]
    fn the_data_file_is_smaller_than_in_plain_key_order() {
        // What this layout is for: the same 100,000 entries written in
        // plain key order leave more in the log (measured 1.45-1.5x).
        let list = entries(100_000);
        let size = |full: bool| {
            let dir = tempfile::tempdir().unwrap();
            let db = sled::Config::new().path(dir.path()).open().unwrap();
            let tree = db.open_tree("t").unwrap();
            if full {
                write_full_leaves(&tree, || list.iter().cloned().map(Ok)).unwrap();
            } else {
                for (k, v) in &list {
                    tree.insert(k, v.clone()).unwrap();
                }
            }
            db.flush().unwrap();
            drop(tree);
            drop(db);
            std::fs::metadata(dir.path().join("db")).unwrap().len()
        };
        let plain = size(false);
        let full = size(true);
        assert!(
            full * 10 < plain * 8,
            "full leaves {full} bytes, key order {plain} bytes"
        );
    }
}
