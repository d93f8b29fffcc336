//! Profiling aid: what a run in chunks costs besides the trials, as the browser's
//! pool does it. A runner simulates a chunk (`Batch::run`) and encodes it
//! (`wire::encode_batch`); the summariser decodes it and appends it to the run.
//!
//! `chunk_cost PRESET CHUNK [TRIALS]` runs `TRIALS` trials (default 4,000) of a
//! preset in chunks of `CHUNK` and prints the seconds spent in each step and the
//! bytes a chunk travels in (wall time: run it on a quiet machine, twice).
//! In the app a chunk holds about `pool::CHUNK_MS` of work: a few hundred trials.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::stats::Batch;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(id), Some(chunk)) = (args.next(), args.next().and_then(|c| c.parse::<u64>().ok()))
    else {
        eprintln!("usage: chunk_cost PRESET CHUNK [TRIALS]");
        std::process::exit(2);
    };
    let trials = args.next().and_then(|t| t.parse().ok()).unwrap_or(4000u64);
    let Some(preset) = funnel_lab::presets::all().iter().find(|p| p.id == id) else {
        eprintln!("no preset {id}");
        std::process::exit(2);
    };
    let scenario = preset.scenario().validate().expect("presets are valid");
    let plan = Plan::new(scenario, RunOptions::new(trials, 7)).expect("presets plan");
    // Warm up caches and the allocator.
    let _ = Batch::run(&plan, 0, chunk.min(200));
    let clock = Instant::now();
    let [mut run, mut encode, mut decode, mut append] = [0.0f64; 4];
    let (mut bytes, mut chunks) = (0usize, 0usize);
    let mut all: Option<Batch> = None;
    let mut first = 0;
    while first < trials {
        let count = chunk.min(trials - first);
        let t0 = Instant::now();
        let batch = Batch::run(&plan, first, count);
        let t1 = Instant::now();
        let wire = funnel_lab::wire::encode_batch(&batch);
        let t2 = Instant::now();
        let back = funnel_lab::wire::decode_batch(&wire).expect("own bytes decode");
        let t3 = Instant::now();
        match &mut all {
            None => all = Some(back),
            Some(all) => all.append(back).expect("chunks in order"),
        }
        let t4 = Instant::now();
        run += (t1 - t0).as_secs_f64();
        encode += (t2 - t1).as_secs_f64();
        decode += (t3 - t2).as_secs_f64();
        append += (t4 - t3).as_secs_f64();
        bytes += wire.len();
        chunks += 1;
        first += count;
    }
    println!(
        "{id}, {trials} trials in chunks of {chunk}: {:.3} s; run {run:.3}, encode {encode:.3}, \
         decode {decode:.3}, append {append:.3}; {} bytes a chunk",
        clock.elapsed().as_secs_f64(),
        bytes / chunks.max(1)
    );
}
