//! Profiling aid: runs trials of one scenario under a profiler, or times every
//! preset in CPU time.
//!
//! - `profile_run PRESET [TRIALS]` runs a preset by its id (`classic`,
//!   `lg-lc-am`, …), e.g. under `perf record` or `valgrind --tool=callgrind`;
//! - `profile_run VISITORS [TRIALS]` runs the example without lifecycle stages
//!   at that many visitors a day (default: 400 visitors, 2,000 trials);
//! - `profile_run all [TRIALS] [ROUNDS]` prints, for every preset, trials per
//!   second of the engine alone (`Workspace::run`) and of a whole batch
//!   (`Batch::run`: the engine and the per-trial statistics), single thread,
//!   counted in this thread's own CPU time (so that other processes on a shared
//!   machine slow it less than wall time), the median of `ROUNDS` rounds
//!   (default 1,000 trials, 5 rounds).
//!
//! The file uses only APIs that also existed before the engine was split, so it
//! can be copied into an older checkout to compare builds on the same machine.

use funnel_lab::engine::{Plan, RunOptions, Workspace};
use funnel_lab::stats::Batch;
use std::time::Instant;

/// This thread's CPU time in seconds (Linux), or the wall clock elsewhere.
fn cpu_seconds(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns * 1e-9)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn time_presets(trials: u64, rounds: usize) {
    let clock = Instant::now();
    println!(
        "preset                engine trials/s   batch trials/s  (CPU time, median of {rounds})"
    );
    for p in funnel_lab::presets::all() {
        let plan = Plan::new(p.scenario().validate().unwrap(), RunOptions::new(trials, 7)).unwrap();
        let mut ws = Workspace::default();
        // Warm up caches and the allocator.
        let _ = Batch::run(&plan, 0, (trials / 10).max(1));
        let (mut engine, mut batch) = (Vec::new(), Vec::new());
        let mut customers = 0u64;
        for _ in 0..rounds {
            let t0 = cpu_seconds(clock);
            for t in 0..trials {
                customers += ws.run(&plan, t).customers;
            }
            let t1 = cpu_seconds(clock);
            let b = Batch::run(&plan, 0, trials);
            let t2 = cpu_seconds(clock);
            assert_eq!(b.trials, trials);
            engine.push(trials as f64 / (t1 - t0));
            batch.push(trials as f64 / (t2 - t1));
        }
        println!(
            "{:<20} {:>16.0} {:>16.0}  ({customers} customers)",
            p.id,
            median(engine),
            median(batch)
        );
    }
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "400".into());
    let number = |i: usize| std::env::args().nth(i).and_then(|a| a.parse().ok());
    if arg == "all" {
        time_presets(number(2).unwrap_or(1000), number(3).unwrap_or(5) as usize);
        return;
    }
    let trials: u64 = number(2).unwrap_or(2000);
    let sc = match arg.parse::<f64>() {
        Ok(v) => {
            let mut sc = funnel_lab::presets::example();
            sc.repeat = None;
            sc.subscription = None;
            sc.referrals = None;
            sc.channels[0].visitors_per_day = funnel_lab::scenario::Uncertain::Fixed(v);
            sc
        }
        Err(_) => funnel_lab::presets::all()
            .iter()
            .find(|p| p.id == arg)
            .unwrap_or_else(|| panic!("no preset {arg}"))
            .scenario(),
    };
    let plan = Plan::new(sc.validate().unwrap(), RunOptions::new(trials, 7)).unwrap();
    let b = Batch::run(&plan, 0, trials);
    println!("{} trials", b.trials);
}
