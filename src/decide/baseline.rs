//! The current run against a pinned baseline, where the current run's trials
//! are (the summariser worker): the baseline is run on the same seed and
//! trials (common random numbers), and its run is kept by its scenario, so that
//! editing the current scenario reruns only the current one.

use super::{metric_name, AgainstBaseline};
use crate::engine::{Plan, RunOptions};
use crate::metrics::Metric;
use crate::results::RunHeader;
use crate::scenario::Scenario;
use crate::stats::{Batch, Summary};
use serde::{Deserialize, Serialize};

/// What a page asks for: run `run_id` (finished) against `baseline` on `metric`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineRequest {
    /// The current run.
    pub run_id: u64,
    /// The baseline's scenario.
    pub baseline: Scenario,
    /// The metric compared (the per-trial difference and P(current better)).
    #[serde(with = "metric_name")]
    pub metric: Metric,
}

/// The current run against the baseline, and the baseline's own results (its
/// headline cards beside the current ones).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineView {
    /// The current run.
    pub run_id: u64,
    /// Current (B) against baseline (A), trial by trial.
    pub against: AgainstBaseline,
    /// The baseline's run: what it was run on.
    pub header: RunHeader,
    /// The baseline's run: its summary, on the same seed and trials.
    pub summary: Summary,
}

/// The baseline's last run, kept by its scenario, seed and trials.
#[derive(Default)]
pub struct BaselineCache {
    kept: Option<Kept>,
}

struct Kept {
    key: (String, u64, u64),
    batch: Batch,
    header: RunHeader,
    summary: Summary,
}

impl BaselineCache {
    /// An empty cache.
    pub fn new() -> BaselineCache {
        BaselineCache::default()
    }

    /// Whether the baseline `scenario` over `trials` trials with `seed` is kept
    /// (asking for it again costs no run).
    pub fn holds(&self, scenario: &Scenario, trials: u64, seed: u64) -> bool {
        let key = Self::key(scenario, trials, seed);
        self.kept.as_ref().is_some_and(|k| k.key == key)
    }

    fn key(scenario: &Scenario, trials: u64, seed: u64) -> (String, u64, u64) {
        (
            serde_json::to_string(scenario).unwrap_or_default(),
            trials,
            seed,
        )
    }

    /// The current run (`current`: trials `0..n` of a run with `seed`) against
    /// `ask.baseline`, run on the same trials and seed unless it is kept. A
    /// baseline that is not valid says why, in the validator's words.
    pub fn compare(
        &mut self,
        ask: &BaselineRequest,
        current: &Batch,
        seed: u64,
    ) -> Result<BaselineView, String> {
        let trials = current.trials;
        if !self.holds(&ask.baseline, trials, seed) {
            let valid = ask.baseline.clone().validate().map_err(|e| e.to_string())?;
            let plan = Plan::new(valid, RunOptions::new(trials.max(1), seed))
                .map_err(|e| e.to_string())?;
            let batch = Batch::run(&plan, 0, trials);
            self.kept = Some(Kept {
                key: Self::key(&ask.baseline, trials, seed),
                header: RunHeader::of(&plan),
                summary: Summary::from_batch(&plan, &batch),
                batch,
            });
        }
        let kept = self.kept.as_ref().ok_or("no baseline run")?;
        let against = AgainstBaseline::of(&kept.batch, current, ask.metric, seed)
            .map_err(|e| e.to_string())?;
        Ok(BaselineView {
            run_id: ask.run_id,
            against,
            header: kept.header.clone(),
            summary: kept.summary.clone(),
        })
    }
}
