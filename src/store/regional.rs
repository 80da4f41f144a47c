//! The Region's classification in the store: format 5 rewrites the codes of
//! sportello's first pathology catalogue to the SGDT codes wherever they are
//! stored (patients, their primary pathology, PAI items), and the table of
//! the primary pathologies each ATS allows.

use super::records::{decode_pai, decode_patient, encode_pai, encode_patient};
use super::{Result, Store, StoreError, codec};
use crate::domain::pathology::{PrimarieAts, legacy_code, recode};

/// The meta key of the ATS table of primary pathologies.
const META_PRIMARIE: &[u8] = b"primarie_ats";
const PRIMARIE_VERSION: u8 = 1;

impl Store {
    /// Rewrites the old pathology codes of every patient and PAI to SGDT
    /// codes, one batch per tree. Idempotent (an SGDT code is not an old
    /// one): a pass cut short by a crash is simply done again at the next
    /// open, since the store's format is stamped only afterwards. Records
    /// that do not decode are left to `check`. Returns the records rewritten.
    pub(crate) fn recode_pathologies(&self) -> Result<usize> {
        self.ensure_writable()?;
        let mut changed = 0;
        let mut batch = sled::Batch::default();
        for item in self.patients.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let Ok(mut p) = decode_patient(&v) else {
                continue;
            };
            let mut dirty = recode(&mut p.patologie);
            if let Some(new) = p.patologia_primaria.as_deref().and_then(legacy_code) {
                p.patologia_primaria = Some(new.to_string());
                dirty = true;
            }
            if dirty {
                batch.insert(k, encode_patient(&p)?);
                changed += 1;
            }
        }
        self.patients
            .apply_batch(batch)
            .map_err(|e| self.fatal(e))?;
        let mut batch = sled::Batch::default();
        for item in self.pai.iter() {
            let (k, v) = item.map_err(|e| self.fatal(e))?;
            let Ok(mut pai) = decode_pai(&v) else {
                continue;
            };
            let mut dirty = false;
            for i in &mut pai.items {
                dirty |= recode(&mut i.patologie);
            }
            if dirty {
                batch.insert(k, encode_pai(&pai)?);
                changed += 1;
            }
        }
        self.pai.apply_batch(batch).map_err(|e| self.fatal(e))?;
        Ok(changed)
    }

    /// The primary pathologies each ATS allows (empty: any, everywhere).
    pub fn primarie_ats(&self) -> Result<PrimarieAts> {
        let Some(v) = self.meta.get(META_PRIMARIE).map_err(|e| self.fatal(e))? else {
            return Ok(PrimarieAts::default());
        };
        let corrupt = |reason: String| StoreError::Corrupt {
            tree: super::trees::META,
            key: "primarie_ats".into(),
            reason,
        };
        let (version, payload) = codec::version_of(&v).map_err(corrupt)?;
        if version != PRIMARIE_VERSION {
            return Err(corrupt(format!(
                "versione della tabella delle patologie primarie sconosciuta ({version})"
            )));
        }
        let rows: Vec<(String, Vec<String>)> = codec::decode_payload(payload).map_err(corrupt)?;
        let mut table = PrimarieAts::default();
        for (ats, codes) in rows {
            table.set(&ats, codes);
        }
        Ok(table)
    }

    /// Replaces the table of primary pathologies, durably.
    pub fn set_primarie_ats(&self, table: &PrimarieAts) -> Result<()> {
        self.ensure_writable()?;
        let rows: Vec<(String, Vec<String>)> = table
            .rows()
            .map(|(a, c)| (a.to_string(), c.to_vec()))
            .collect();
        let bytes = codec::encode(PRIMARIE_VERSION, &rows)?;
        self.meta
            .insert(META_PRIMARIE, bytes)
            .map_err(|e| self.fatal(e))?;
        self.make_durable()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::domain::pathology::LEGACY_CODES;
    use crate::store::trees;

    /// A store of format 4 written by the sportello before the regional
    /// catalogue (`sportello demo --patients 40 --seed 7 --tutti-con-pai`,
    /// then `sportello backup`): its entries go back into a bare sled
    /// database, byte for byte, as that version left them.
    fn format_4_store(dir: &std::path::Path) {
        let db = raw(dir);
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store_v4.bak");
        super::super::backup::read_backup(&fixture, &mut |tree, key, value| {
            if tree != super::super::backup::INFO_TREE.as_bytes() {
                db.open_tree(tree).unwrap().insert(key, value).unwrap();
            }
            Ok(())
        })
        .unwrap();
        db.flush().unwrap();
    }

    /// A bare sled database, once the handle dropped before has let go of
    /// its lock (sled's flusher thread ends a moment after the drop).
    fn raw(dir: &std::path::Path) -> sled::Db {
        retry(|| sled::open(dir))
    }

    fn retry<T, E: std::fmt::Debug>(mut open: impl FnMut() -> std::result::Result<T, E>) -> T {
        let start = std::time::Instant::now();
        loop {
            match open() {
                Ok(v) => return v,
                Err(e) if start.elapsed() > std::time::Duration::from_secs(10) => {
                    panic!("{e:?}")
                }
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }

    type Codes = BTreeMap<Vec<u8>, Vec<Vec<String>>>;

    /// Every record's pathology codes: patients (one list) and PAI (one per item).
    fn codes_of(patients: &sled::Tree, pai: &sled::Tree) -> (Codes, Codes) {
        let patients = patients
            .iter()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.to_vec(), vec![decode_patient(&v).unwrap().patologie])
            })
            .collect();
        let pai = pai
            .iter()
            .map(|e| {
                let (k, v) = e.unwrap();
                let p = decode_pai(&v).unwrap();
                (
                    k.to_vec(),
                    p.items.into_iter().map(|i| i.patologie).collect(),
                )
            })
            .collect();
        (patients, pai)
    }

    fn mapped(codes: &Codes) -> Codes {
        codes
            .iter()
            .map(|(k, lists)| {
                let lists = lists
                    .iter()
                    .map(|l| {
                        let mut l = l.clone();
                        recode(&mut l);
                        l
                    })
                    .collect();
                (k.clone(), lists)
            })
            .collect()
    }

    #[test]
    fn the_format_4_fixture_gets_the_sgdt_codes_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        format_4_store(dir.path());
        let before = {
            let db = raw(dir.path());
            let meta = db.open_tree(trees::META).unwrap();
            assert_eq!(
                meta.get(b"store_format").unwrap().as_deref(),
                Some(&[4][..])
            );
            codes_of(
                &db.open_tree(trees::PATIENTS).unwrap(),
                &db.open_tree(trees::PAI).unwrap(),
            )
        };
        // The fixture holds every old code, in patients and in PAI items.
        let old: BTreeSet<&str> = before
            .0
            .values()
            .chain(before.1.values())
            .flatten()
            .flatten()
            .map(String::as_str)
            .collect();
        let legacy: BTreeSet<&str> = LEGACY_CODES.iter().map(|(o, _)| *o).collect();
        assert_eq!(old, legacy);
        assert_eq!(before.0.len(), 40);
        assert!(before.1.len() >= 30, "{} PAI", before.1.len());

        let mut noted = 0;
        let store = retry(|| {
            Store::open_noting_upgrade(dir.path(), super::super::DEFAULT_CACHE_BYTES, &mut || {
                noted += 1
            })
        });
        assert_eq!(noted, 1);
        assert_eq!(
            store.meta.get(b"store_format").unwrap().as_deref(),
            Some(&[super::super::STORE_FORMAT][..])
        );
        assert_eq!(super::super::STORE_FORMAT, 5);
        let after = codes_of(&store.patients, &store.pai);
        assert_eq!(after.0, mapped(&before.0));
        assert_eq!(after.1, mapped(&before.1));
        let catalogue = crate::io::tables::pathologies();
        for code in after.0.values().chain(after.1.values()).flatten().flatten() {
            assert!(catalogue.get(code).is_some(), "{code}");
        }
        // Hypertension (IPA) became 56 for the same patients.
        let ipa = before
            .0
            .values()
            .filter(|l| l[0].contains(&"IPA".to_string()))
            .count();
        let c56 = after
            .0
            .values()
            .filter(|l| l[0].contains(&"56".to_string()))
            .count();
        assert_eq!((ipa > 0, ipa), (true, c56));
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!(report.patients, 40);
        drop(store);
        // Opened again: nothing more to do.
        let mut again = 0;
        let store = retry(|| {
            Store::open_noting_upgrade(dir.path(), super::super::DEFAULT_CACHE_BYTES, &mut || {
                again += 1
            })
        });
        assert_eq!(again, 0);
        assert_eq!(codes_of(&store.patients, &store.pai), after);
    }

    /// A pass cut short (some records recoded, the format still 4) is done
    /// again in full at the next open; an unknown code stays and `check`
    /// names it.
    #[test]
    fn an_interrupted_recoding_is_finished_and_unknown_codes_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        format_4_store(dir.path());
        {
            let db = raw(dir.path());
            let patients = db.open_tree(trees::PATIENTS).unwrap();
            let (k, v) = patients.first().unwrap().unwrap();
            let mut p = decode_patient(&v).unwrap();
            recode(&mut p.patologie);
            p.patologie.push("XYZ".into());
            patients.insert(k, encode_patient(&p).unwrap()).unwrap();
            let pai = db.open_tree(trees::PAI).unwrap();
            let (k, v) = pai.first().unwrap().unwrap();
            let mut plan = decode_pai(&v).unwrap();
            plan.items[0].patologie.push("QQ".into());
            pai.insert(k, encode_pai(&plan).unwrap()).unwrap();
            db.flush().unwrap();
        }
        let store = retry(|| Store::open(dir.path()));
        let catalogue = crate::io::tables::pathologies();
        let mut unknown = 0;
        for e in store.patients.iter() {
            let p = decode_patient(&e.unwrap().1).unwrap();
            for c in &p.patologie {
                if catalogue.get(c).is_none() {
                    assert_eq!(c, "XYZ");
                    unknown += 1;
                }
            }
        }
        assert_eq!(unknown, 1);
        let report = store.check().unwrap();
        assert_eq!(report.problem_count, 2, "{:?}", report.problems);
        assert!(
            report.texts()[0].contains("patologia sconosciuta XYZ"),
            "{:?}",
            report.problems
        );
        assert!(
            report.texts()[1].contains("patologia sconosciuta QQ"),
            "{:?}",
            report.problems
        );
    }

    #[test]
    fn the_table_of_primary_pathologies_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.primarie_ats().unwrap().is_empty());
        let mut t = PrimarieAts::default();
        t.add("030321", "50");
        t.add("030321", "56");
        store.set_primarie_ats(&t).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.primarie_ats().unwrap(), t);
    }
}
