//! Engine throughput, printed as trials per second, and the time validation
//! takes on very long lists (run: `cargo bench`).
//!
//! Not a timed test: it asserts nothing, it measures. Figures go in the notes.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::scenario::{Scenario, Uncertain};
use funnel_lab::stats::{run, Batch};
use std::time::Instant;

fn plan(sc: Scenario, trials: u64) -> Plan {
    Plan::new(
        sc.validate().expect("bench scenarios are valid"),
        RunOptions::new(trials, 7),
    )
    .unwrap()
}

fn without_lifecycle() -> Scenario {
    let mut sc = presets::example();
    sc.repeat = None;
    sc.subscription = None;
    sc.referrals = None;
    sc
}

fn with_visitors(mut sc: Scenario, v: f64) -> Scenario {
    for c in &mut sc.channels {
        c.visitors_per_day = Uncertain::Fixed(v);
    }
    sc
}

fn measure(label: &str, sc: Scenario, trials: u64) {
    let p = plan(sc, trials);
    // Warm up caches and the allocator.
    let _ = Batch::run(&p, 0, (trials / 20).max(1));
    let t0 = Instant::now();
    let batch = Batch::run(&p, 0, trials);
    let engine = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let s = run(&p);
    let total = t1.elapsed().as_secs_f64();
    let customers = s.stats(Metric::Customers).mean.unwrap_or(0.0);
    println!(
        "{label:<48} {trials:>7} trials  engine {engine:>7.3} s ({:>9.0} trials/s)  with summary {total:>7.3} s  mean customers {customers:>10.1}  [{} trials]",
        trials as f64 / engine,
        batch.trials
    );
}

/// Times validating a scenario with `n` channels and `n` offers (all distinct, so
/// every duplicate check runs); linear time shows as 10× the time for 10× the lists.
fn measure_validation(n: usize) {
    let mut sc = presets::example();
    let (c0, o1) = (sc.channels[0].clone(), sc.offers[1].clone());
    let entry = sc.offers[0].id.clone();
    sc.channels = (0..n)
        .map(|i| {
            let mut c = c0.clone();
            c.name = format!("channel {i}");
            c
        })
        .collect();
    sc.offers.extend((0..n).map(|i| {
        let mut o = o1.clone();
        o.id = format!("offer{i}");
        o.offered_to = Some(entry.clone());
        o
    }));
    let t0 = Instant::now();
    let ok = sc.check().is_ok();
    println!(
        "validate {n:>7} channels and {n:>7} offers: {:>8.4} s (valid: {ok})",
        t0.elapsed().as_secs_f64()
    );
}

fn main() {
    // `cargo bench -- quick` runs a shorter set (used by CI to check the bench still runs).
    let quick = std::env::args().any(|a| a == "quick");
    let n = if quick { 500 } else { 10_000 };
    println!("funnel-lab engine benchmark (one core, release build)");
    for p in presets::all() {
        measure(&format!("preset {}", p.id), p.scenario(), n);
    }
    measure("example, every stage on", presets::example(), n);
    measure(
        "example without repeat/subscription/referrals",
        without_lifecycle(),
        n,
    );
    measure(
        "  same, 1,000 visitors a day",
        with_visitors(without_lifecycle(), 1e3),
        n,
    );
    measure(
        "  same, 10,000,000 visitors a day",
        with_visitors(without_lifecycle(), 1e7),
        n,
    );
    measure(
        "example, every stage on, 1,000 visitors a day",
        with_visitors(presets::example(), 1e3),
        n,
    );
    measure(
        "example, every stage on, 10,000 visitors a day",
        with_visitors(presets::example(), 1e4),
        n / 10,
    );
    for lists in [5_000, 50_000] {
        measure_validation(if quick { lists / 10 } else { lists });
    }
}
