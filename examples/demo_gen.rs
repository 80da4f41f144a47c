//! Measures the demo generator alone (no store): `cargo run --release --example demo_gen -- N`.
use std::time::Instant;

use sportello::service::demo::DemoGenerator;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let mut generator = DemoGenerator::new(1, today);
    let started = Instant::now();
    let mut chars = 0;
    for _ in 0..n {
        chars += generator.next_patient(&|_| false).cognome.len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{n} patients generated in {secs:.2} s ({:.0}/s), {chars} surname bytes",
        n as f64 / secs
    );
}
