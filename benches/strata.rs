//! What stratified input levels buy (run: `cargo bench --bench strata`): for
//! every preset, the spread between seeds of a run's median profit, mean
//! profit, P5 of profit and chance of a loss, with stratified levels
//! (`InputLevels::Stratified`, the default) and with independent ones (plain
//! Monte Carlo), and their ratio of variances: how many times more trials plain
//! Monte Carlo needs for the same precision. A second table sets the margin the
//! app shows (± of the median profit and of the chance of a loss, by batch
//! means, `precision::McError`, the mean over seeds) beside the margin it
//! stands for, twice the seed-to-seed SD: a margin above it errs on the safe side.
//! A third table (not in `quick` mode) gives the trials at which a run asked
//! for a precision of ±2% (the app's loosest) stops, for a few seeds.
//!
//! Not a timed test: it asserts nothing, it measures. `quick` runs fewer seeds
//! and trials (a smoke run).

use funnel_lab::engine::{InputLevels, Plan, RunOptions};
use funnel_lab::metrics::Metric;
use funnel_lab::precision::{checkpoint_after, McError, Precision};
use funnel_lab::presets;
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::{Batch, Summary};

/// Sample standard deviation.
fn sd(xs: &[f64]) -> f64 {
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64).sqrt()
}

/// The plan of a run of `sc` with `levels`.
fn plan_of(sc: &Scenario, trials: u64, seed: u64, levels: InputLevels) -> Plan {
    let options = RunOptions {
        input_levels: levels,
        ..RunOptions::new(trials, seed)
    };
    Plan::new(sc.clone().validate().expect("valid preset"), options).expect("plan")
}

/// Per seed: median profit, mean profit, P5 of profit, chance of a loss, and
/// the margins shown of the median profit and of the chance of a loss.
fn figures(sc: &Scenario, trials: u64, seeds: u64, levels: InputLevels) -> [Vec<f64>; 6] {
    let mut out: [Vec<f64>; 6] = Default::default();
    for seed in 1..=seeds {
        let plan = plan_of(sc, trials, 1000 + seed, levels);
        let batch = Batch::run(&plan, 0, trials);
        let s = Summary::from_batch(&plan, &batch);
        let profit = s.stats(Metric::Profit);
        out[0].push(profit.p50.unwrap_or(f64::NAN));
        out[1].push(profit.mean.unwrap_or(f64::NAN));
        out[2].push(profit.p5.unwrap_or(f64::NAN));
        out[3].push(s.prob_loss);
        let error = McError::of_profits(&batch.profits());
        out[4].push(error.median_profit.unwrap_or(f64::NAN));
        out[5].push(error.prob_loss.unwrap_or(f64::NAN));
    }
    out
}

/// The checkpoint at which a run from `seed` with `precision` stops (the
/// app's rule, `Precision::reached`), or `None` within `cap` trials.
fn stops_at(
    sc: &Scenario,
    seed: u64,
    levels: InputLevels,
    precision: Precision,
    cap: u64,
) -> Option<u64> {
    let plan = plan_of(sc, cap, seed, levels);
    let profits = Batch::run(&plan, 0, cap).profits();
    let mut at = checkpoint_after(0);
    while at <= cap {
        let prefix = &profits[..at as usize];
        let mut sorted = prefix.to_vec();
        let median = funnel_lab::precision::median(&mut sorted);
        if precision.reached(&McError::of_profits(prefix), median) {
            return Some(at);
        }
        at = checkpoint_after(at);
    }
    None
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let (trials, seeds) = if quick { (512, 4) } else { (2_048, 16) };
    println!(
        "spread between {seeds} seeds of {trials}-trial runs: SD with independent levels / SD stratified (variance ratio)"
    );
    println!(
        "{:<18} {:>26} {:>26} {:>26} {:>26}",
        "preset", "median profit", "mean profit", "P5 of profit", "chance of a loss"
    );
    let mut margins = Vec::new();
    for p in presets::all() {
        let sc = p.scenario();
        let plain = figures(&sc, trials, seeds, InputLevels::Independent);
        let strat = figures(&sc, trials, seeds, InputLevels::Stratified);
        let cells: Vec<String> = plain[..4]
            .iter()
            .zip(&strat[..4])
            .map(|(a, b)| {
                let (sa, sb) = (sd(a), sd(b));
                format!("{sa:>9.4e} / {sb:>9.4e} ({:>4.1}×)", (sa / sb) * (sa / sb))
            })
            .collect();
        println!("{:<18} {}", p.id, cells.join(" "));
        let shown = |f: &[Vec<f64>; 6], k: usize| {
            format!(
                "±{:>9.4e} for ±{:>9.4e}",
                mean(&f[k + 4]),
                2.0 * sd(&f[3 * k])
            )
        };
        margins.push(format!(
            "{:<18} {:>26} {:>26} {:>26} {:>26}",
            p.id,
            shown(&plain, 0),
            shown(&strat, 0),
            shown(&plain, 1),
            shown(&strat, 1)
        ));
    }
    println!();
    println!("margin shown (mean over seeds) for twice the seed-to-seed SD");
    println!(
        "{:<18} {:>26} {:>26} {:>26} {:>26}",
        "preset",
        "median, independent",
        "median, stratified",
        "loss chance, independent",
        "loss chance, stratified"
    );
    for line in margins {
        println!("{line}");
    }
    if quick {
        return;
    }
    let (cap, precision) = (20_000, Precision(0.02));
    println!();
    println!("trials at which a run asked for ±2% stops (seeds 1 to 4; - : not within {cap})");
    println!(
        "{:<18} {:>28} {:>28}",
        "preset", "independent", "stratified"
    );
    let show = |v: Vec<Option<u64>>| {
        v.iter()
            .map(|s| s.map_or("-".to_string(), |n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for p in presets::all() {
        let sc = p.scenario();
        let runs = |levels| {
            (1..=4)
                .map(|seed| stops_at(&sc, seed, levels, precision, cap))
                .collect::<Vec<_>>()
        };
        println!(
            "{:<18} {:>28} {:>28}",
            p.id,
            show(runs(InputLevels::Independent)),
            show(runs(InputLevels::Stratified))
        );
    }
}
