//! Measurements of sled's disk, open time and memory behind docs/scale-sled.md.
//!
//! `sled_probe load N DIR [BATCH]`: demo patients into a new store (`Store::patient_load`:
//! "insert" is adding the batches, "durable" writing the trees), sizes at each stage.
//! `sled_probe open DIR`: one open + first query, time and memory.
//! `sled_probe rewrite DIR`: `Store::rewrite` (what `compatta` does), time and sizes.
//! `sled_probe lookups DIR QUERIES KIND`: the benchmark's queries of one kind
//! (`queries.tsv` of `scale --dir`), run twice in one process: first reads of
//! the leaves, then the same leaves in sled's cache. Read the store's files
//! first (`cat DIR/* > /dev/null`) for the figures with them in the OS cache.
//! `sled_probe idle DIR SECS`: keeps a store open (sled's flusher and segment
//! cleaner running), then reports its size. `SPX_IDLE=SECS` does the same
//! between the load and `finish_bulk_load`.
//!
//! Writes into DIR, removing what is there first (`load`): give it a scratch path.

use std::path::Path;
use std::time::Instant;

use sportello::service::demo::DemoGenerator;
use sportello::service::search::{search_ids, search_rows, suggest_rows};
use sportello::store::Store;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn status(key: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn files(dir: &Path) -> String {
    let mut db = 0;
    let mut snap = 0;
    let mut blobs = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let len = e.metadata().map(|m| m.len()).unwrap_or(0);
        if name == "db" {
            db = len;
        } else if name.starts_with("snap.") {
            snap += len;
        }
    }
    if let Ok(rd) = std::fs::read_dir(dir.join("blobs")) {
        for e in rd.flatten() {
            blobs += e.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    format!("\"db\": {db}, \"snap\": {snap}, \"blobs\": {blobs}")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args[1].as_str() {
        "load" => {
            let n: usize = args[2].parse().unwrap();
            let dir = Path::new(&args[3]);
            let batch: usize = args.get(4).map(|b| b.parse().unwrap()).unwrap_or(20_000);
            let _ = std::fs::remove_dir_all(dir);
            let store = Store::open(dir).unwrap();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
            let mut generator = DemoGenerator::new(20_260_115, today);
            let mut insert = 0.0;
            let mut done = 0;
            let mut load = store.patient_load().unwrap();
            while done < n {
                let k = batch.min(n - done);
                let mut list: Vec<_> = (0..k).map(|_| generator.next_patient(&|_| false)).collect();
                let t = Instant::now();
                load.add(&mut list).unwrap();
                insert += t.elapsed().as_secs_f64();
                done += k;
            }
            println!(
                "{{\"stage\": \"loaded\", \"insert_secs\": {insert:.3}, \"per_s\": {:.0}, \"size_on_disk\": {}, {}, \"rss_kb\": {}}}",
                n as f64 / insert,
                store.size_on_disk().unwrap(),
                files(dir),
                status("VmRSS:")
            );
            if let Ok(idle) = std::env::var("SPX_IDLE") {
                let idle: u64 = idle.parse().unwrap();
                for i in 1..=idle {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    if i % 5 == 0 {
                        println!(
                            "{{\"idle_s\": {i}, \"size_on_disk\": {}}}",
                            store.size_on_disk().unwrap()
                        );
                    }
                }
            }
            // The trees written (Store::patient_load) and made durable.
            let t = Instant::now();
            load.finish().unwrap();
            let durable = t.elapsed().as_secs_f64();
            println!(
                "{{\"stage\": \"written\", \"size_on_disk\": {}}}",
                store.size_on_disk().unwrap()
            );
            let t = Instant::now();
            let store = store.finish_bulk_load().unwrap();
            let reopen = t.elapsed().as_secs_f64();
            println!(
                "{{\"stage\": \"finished\", \"durable_secs\": {durable:.3}, \"reopen_secs\": {reopen:.3}, \"total_per_s\": {:.0}, \"size_on_disk\": {}, {}}}",
                n as f64 / (insert + durable + reopen),
                store.size_on_disk().unwrap(),
                files(dir)
            );
            let mut keys = 0;
            let mut values = 0;
            for t in store.tree_bytes().unwrap() {
                if t.entries > 0 {
                    println!(
                        "{{\"tree\": \"{}\", \"entries\": {}, \"key_bytes\": {}, \"value_bytes\": {}}}",
                        t.name, t.entries, t.key_bytes, t.value_bytes
                    );
                }
                keys += t.key_bytes;
                values += t.value_bytes;
            }
            println!(
                "{{\"stage\": \"logical\", \"key_bytes\": {keys}, \"value_bytes\": {values}, \"per_patient\": {:.1}}}",
                (keys + values) as f64 / n as f64
            );
            drop(store);
            let t = Instant::now();
            let store = Store::open(dir).unwrap();
            let reopen = t.elapsed().as_secs_f64();
            println!(
                "{{\"stage\": \"reopened\", \"open_secs\": {reopen:.3}, \"size_on_disk\": {}, {}}}",
                store.size_on_disk().unwrap(),
                files(dir)
            );
        }
        "open" => {
            let dir = Path::new(&args[2]);
            let rss0 = status("VmRSS:");
            let t = Instant::now();
            let store = Store::open(dir).unwrap();
            let open_ms = t.elapsed().as_secs_f64() * 1e3;
            let rss_open = status("VmRSS:");
            let hits = search_ids(&store, "rossi", 50).unwrap().len();
            let total_ms = t.elapsed().as_secs_f64() * 1e3;
            println!(
                "{{\"open_ms\": {open_ms:.1}, \"open_query_ms\": {total_ms:.1}, \"hits\": {hits}, \"rss0_kb\": {rss0}, \"rss_open_kb\": {rss_open}, \"rss_query_kb\": {}, \"hwm_kb\": {}, {}}}",
                status("VmRSS:"),
                status("VmHWM:"),
                files(dir)
            );
        }
        "idle" => {
            let dir = Path::new(&args[2]);
            let secs: u64 = args[3].parse().unwrap();
            let store = Store::open(dir).unwrap();
            for i in 0..=secs {
                if i % 5 == 0 || i == secs {
                    println!(
                        "{{\"idle_s\": {i}, \"size_on_disk\": {}}}",
                        store.size_on_disk().unwrap()
                    );
                }
                if i < secs {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
            }
            store.make_durable().unwrap();
            drop(store);
            let store = Store::open(dir).unwrap();
            println!(
                "{{\"after_reopen\": true, \"size_on_disk\": {}, {}}}",
                store.size_on_disk().unwrap(),
                files(dir)
            );
        }
        "rewrite" => {
            let dir = Path::new(&args[2]);
            let store = Store::open(dir).unwrap();
            let t = Instant::now();
            let (store, report) = store.rewrite().unwrap();
            println!(
                "{{\"rewrite_secs\": {:.2}, \"before\": {}, \"after\": {}, \"entries\": {}, {}}}",
                t.elapsed().as_secs_f64(),
                report.bytes_before,
                report.bytes_after,
                report.entries,
                files(dir)
            );
            drop(store);
        }
        "lookups" => {
            let store = Store::open(Path::new(&args[2])).unwrap();
            let kind = format!("\t{}\t", args[4]);
            let queries: Vec<String> = std::fs::read_to_string(&args[3])
                .unwrap()
                .lines()
                .filter(|l| l.contains(&kind))
                .filter_map(|l| l.rsplit('\t').next().map(str::to_string))
                .collect();
            for pass in ["first", "second"] {
                let mut micros: Vec<f64> = queries
                    .iter()
                    .map(|q| {
                        let t = Instant::now();
                        if search_rows(&store, q, 50).unwrap().is_empty() {
                            suggest_rows(&store, q, 10).unwrap();
                        }
                        t.elapsed().as_secs_f64() * 1e6
                    })
                    .collect();
                micros.sort_by(f64::total_cmp);
                let at = |q: usize| micros[(micros.len() * q / 100).min(micros.len() - 1)];
                println!(
                    "{{\"pass\": \"{pass}\", \"n\": {}, \"p50_us\": {:.1}, \"p99_us\": {:.1}}}",
                    micros.len(),
                    at(50),
                    at(99)
                );
            }
        }
        _ => panic!("load|open|idle|rewrite|lookups"),
    }
}
