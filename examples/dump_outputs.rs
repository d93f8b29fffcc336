//! Writes what the project outputs for every preset into a folder, so that two
//! versions can be compared byte for byte (`scripts/outputs.sh` runs it and
//! prints a digest per file): the CLI's summary JSON, the summary CSV and the
//! per-trial CSV, for 1,000 trials from seed 7.
//!
//! Usage: `cargo run --release --example dump_outputs -- DIR`

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::{export, presets, stats};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "outputs".into()));
    std::fs::create_dir_all(&dir).expect("the output folder can be made");
    for p in presets::all() {
        let valid = p.scenario().validate().expect("presets are valid");
        let plan = Plan::new(valid, RunOptions::new(1_000, 7)).expect("options fit");
        let batch = stats::Batch::run(&plan, 0, 1_000);
        let summary = stats::Summary::from_batch(&plan, &batch);
        let write = |ext: &str, text: String| {
            std::fs::write(dir.join(format!("{}.{ext}", p.id)), text).expect("writable");
        };
        write(
            "summary.json",
            serde_json::to_string_pretty(&summary).expect("summaries serialize"),
        );
        write("summary.csv", export::summary_csv(&summary));
        write("trials.csv", export::trials_csv(&plan, &batch));
    }
}
