//! Messages between the app and its simulation worker, and what the worker does
//! with a request. Plain serde types (sent as JSON text), no web dependency: the
//! worker only adapts [`execute`] to `postMessage`, so it is tested natively.

use crate::chunks::{self, Chunking};
use crate::engine::{Plan, RunOptions};
use crate::results::RunHeader;
use crate::scenario::Scenario;
use crate::stats::{Batch, Summary};
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;

/// Ask the worker to simulate a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    /// Identifies the run in replies; a newer run replaces an older one.
    pub run_id: u64,
    /// The scenario (validated again by the worker).
    pub scenario: Scenario,
    /// Trials of the full run.
    pub trials: u64,
    /// Seed.
    pub seed: u64,
    /// Trials of the quick preview sent first (0: none). The full run reuses them.
    pub preview_trials: u64,
    /// Trials between progress reports.
    pub chunk: u64,
}

/// A message to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerRequest {
    /// Simulate a scenario.
    Run(Box<RunRequest>),
    /// Send the per-trial values of the last finished run as CSV.
    TrialsCsv {
        /// The run whose trials are wanted (it must be the last one finished).
        run_id: u64,
    },
}

/// Why per-trial values cannot be exported.
pub const TRIALS_GONE: &str =
    "the trials of that run are no longer kept: let the run finish, then export again";

/// What the worker keeps of its last finished run, to export its trials.
pub struct FinishedRun {
    /// Run id.
    pub run_id: u64,
    /// The plan it ran.
    pub plan: Plan,
    /// Every trial's values.
    pub batch: Batch,
}

/// A reply from the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerReply {
    /// The worker is listening.
    Ready,
    /// `done` of `total` trials finished.
    Progress {
        /// Run id.
        run_id: u64,
        /// Trials finished.
        done: u64,
        /// Trials in the run.
        total: u64,
    },
    /// Summary of the first `preview_trials` trials.
    Preview {
        /// Run id.
        run_id: u64,
        /// What the run was run on.
        header: Box<RunHeader>,
        /// Summary of the preview trials.
        summary: Box<Summary>,
    },
    /// Summary of every trial.
    Done {
        /// Run id.
        run_id: u64,
        /// What the run was run on.
        header: Box<RunHeader>,
        /// Summary of the whole run.
        summary: Box<Summary>,
        /// Time the simulation took, in milliseconds (as the caller's clock measured it).
        millis: f64,
    },
    /// Per-trial values of a finished run, as CSV text.
    TrialsCsv {
        /// Run id.
        run_id: u64,
        /// The CSV text, or why it cannot be had.
        csv: Result<String, String>,
    },
    /// The request could not be run.
    Failed {
        /// Run id.
        run_id: u64,
        /// What went wrong, for people.
        message: String,
    },
}

impl WorkerReply {
    /// The reply as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(
                "{{\"Failed\":{{\"run_id\":0,\"message\":\"cannot encode the results: {e}\"}}}}"
            )
        })
    }
}

/// Answers one message: runs a request (keeping the finished run in `last`) or
/// exports the trials of `last`. `now` reads a clock in milliseconds.
pub fn answer(
    request: WorkerRequest,
    last: &mut Option<FinishedRun>,
    mut send: impl FnMut(WorkerReply),
    now: impl Fn() -> f64,
) {
    match request {
        WorkerRequest::Run(req) => {
            *last = None;
            *last = execute(&req, send, now);
        }
        WorkerRequest::TrialsCsv { run_id } => match last {
            Some(run) if run.run_id == run_id => send(WorkerReply::TrialsCsv {
                run_id,
                csv: Ok(crate::export::trials_csv(&run.plan, &run.batch)),
            }),
            _ => send(WorkerReply::TrialsCsv {
                run_id,
                csv: Err(TRIALS_GONE.into()),
            }),
        },
    }
}

/// Runs a request, calling `send` with progress, the preview and the final
/// summary (or a failure), and returns the finished run. `now` reads a clock in
/// milliseconds.
pub fn execute(
    req: &RunRequest,
    mut send: impl FnMut(WorkerReply),
    now: impl Fn() -> f64,
) -> Option<FinishedRun> {
    let started = now();
    match simulate(req, &mut send) {
        Ok(Some(run)) => {
            send(WorkerReply::Done {
                run_id: req.run_id,
                header: Box::new(RunHeader::of(&run.plan)),
                summary: Box::new(Summary::from_batch(&run.plan, &run.batch)),
                millis: now() - started,
            });
            Some(run)
        }
        Ok(None) => None,
        Err(message) => {
            send(WorkerReply::Failed {
                run_id: req.run_id,
                message,
            });
            None
        }
    }
}

/// Validates and runs a request in chunks, sending progress and the preview;
/// `Ok(None)` when the run has no trials.
fn simulate(
    req: &RunRequest,
    send: &mut impl FnMut(WorkerReply),
) -> Result<Option<FinishedRun>, String> {
    let valid = req.scenario.clone().validate().map_err(|e| e.to_string())?;
    let plan =
        Plan::new(valid, RunOptions::new(req.trials, req.seed)).map_err(|e| e.to_string())?;
    let chunking = Chunking::new(req.trials, req.chunk, req.preview_trials);
    let batch = chunks::drive(&plan, &chunking, |progress| {
        send(WorkerReply::Progress {
            run_id: req.run_id,
            done: progress.done,
            total: progress.total,
        });
        if let Some(preview) = progress.preview {
            send(WorkerReply::Preview {
                run_id: req.run_id,
                header: Box::new(RunHeader::of(&plan)),
                summary: Box::new(Summary::from_batch(&plan, preview)),
            });
        }
        ControlFlow::Continue(())
    })?;
    Ok(batch.map(|batch| FinishedRun {
        run_id: req.run_id,
        plan,
        batch,
    }))
}
