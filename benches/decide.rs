//! What deciding costs on top of a run (run: `cargo bench --bench decide`):
//! the tornado with value of information, and a comparison with its median
//! band, timed on the customer-journey preset (16 varying inputs), printed
//! next to the time the trials themselves took.
//!
//! Not a timed test: it asserts nothing, it measures. `quick` runs fewer trials.

use funnel_lab::decide::{AgainstBaseline, Sensitivity};
use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::stats::Batch;
use std::time::Instant;

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let trials = if quick { 1_000 } else { 20_000 };
    let sc = presets::by_id("customer-journey")
        .expect("the preset exists")
        .scenario();
    let plan = Plan::new(sc.validate().expect("valid"), RunOptions::new(trials, 7)).unwrap();
    let t = Instant::now();
    let batch = Batch::run(&plan, 0, trials);
    let engine = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let s = Sensitivity::of(&batch, Metric::Profit);
    let tornado = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let vs = AgainstBaseline::of(&batch, &batch, Metric::Profit, 7).unwrap();
    let compare = t.elapsed().as_secs_f64();
    println!(
        "customer-journey, {trials} trials: engine {engine:.3} s; tornado and value of information for {} inputs {:.3} s; comparison with a 200-resample median band {:.3} s (P(better) {:?})",
        s.inputs.len(),
        tornado,
        compare,
        vs.comparison.prob_b_better
    );
}
