//! What stratified input levels buy (run: `cargo bench --bench strata`): for
//! every preset, the spread between seeds of a run's median profit, mean
//! profit, P5 of profit and chance of a loss, with stratified levels
//! (`InputLevels::Stratified`, the default) and with independent ones (plain
//! Monte Carlo), and their ratio of variances: how many times more trials plain
//! Monte Carlo needs for the same precision.
//!
//! Not a timed test: it asserts nothing, it measures. `quick` runs fewer seeds
//! and trials (a smoke run).

use funnel_lab::engine::{InputLevels, Plan, RunOptions};
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::stats;

/// Sample standard deviation.
fn sd(xs: &[f64]) -> f64 {
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64).sqrt()
}

/// Per seed: median profit, mean profit, P5 of profit, chance of a loss.
fn figures(
    sc: &funnel_lab::scenario::Scenario,
    trials: u64,
    seeds: u64,
    levels: InputLevels,
) -> [Vec<f64>; 4] {
    let mut out: [Vec<f64>; 4] = Default::default();
    for seed in 1..=seeds {
        let options = RunOptions {
            input_levels: levels,
            ..RunOptions::new(trials, 1000 + seed)
        };
        let plan = Plan::new(sc.clone().validate().expect("valid preset"), options).expect("plan");
        let s = stats::run(&plan);
        let profit = s.stats(Metric::Profit);
        out[0].push(profit.p50.unwrap_or(f64::NAN));
        out[1].push(profit.mean.unwrap_or(f64::NAN));
        out[2].push(profit.p5.unwrap_or(f64::NAN));
        out[3].push(s.prob_loss);
    }
    out
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let (trials, seeds) = if quick { (256, 4) } else { (2_048, 16) };
    println!(
        "spread between {seeds} seeds of {trials}-trial runs: SD with independent levels / SD stratified (variance ratio)"
    );
    println!(
        "{:<18} {:>26} {:>26} {:>26} {:>26}",
        "preset", "median profit", "mean profit", "P5 of profit", "chance of a loss"
    );
    for p in presets::all() {
        let sc = p.scenario();
        let plain = figures(&sc, trials, seeds, InputLevels::Independent);
        let strat = figures(&sc, trials, seeds, InputLevels::Stratified);
        let cells: Vec<String> = plain
            .iter()
            .zip(&strat)
            .map(|(a, b)| {
                let (sa, sb) = (sd(a), sd(b));
                format!("{sa:>9.4e} / {sb:>9.4e} ({:>4.1}×)", (sa / sb) * (sa / sb))
            })
            .collect();
        println!("{:<18} {}", p.id, cells.join(" "));
    }
}
