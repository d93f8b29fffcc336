//! Messages between the app and its simulation worker, and what the worker does
//! with a request. Plain serde types (sent as JSON text), no web dependency: the
//! worker only adapts [`execute`] to `postMessage`, so it is tested natively.

use crate::engine::{Plan, RunOptions};
use crate::scenario::Scenario;
use crate::stats::{Batch, Summary};
use serde::{Deserialize, Serialize};

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
        /// Summary of the preview trials.
        summary: Box<Summary>,
    },
    /// Summary of every trial.
    Done {
        /// Run id.
        run_id: u64,
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
    let valid = match req.scenario.clone().validate() {
        Ok(v) => v,
        Err(e) => {
            send(WorkerReply::Failed {
                run_id: req.run_id,
                message: e.to_string(),
            });
            return None;
        }
    };
    let plan = match Plan::new(valid, RunOptions::new(req.trials, req.seed)) {
        Ok(p) => p,
        Err(e) => {
            send(WorkerReply::Failed {
                run_id: req.run_id,
                message: e.to_string(),
            });
            return None;
        }
    };
    let total = req.trials;
    let preview = req.preview_trials.min(total);
    let chunk = req.chunk.max(1);
    let mut batch: Option<Batch> = None;
    let mut done = 0;
    while done < total {
        // Chunks never straddle the end of the preview.
        let end = if done < preview {
            preview.min(done + chunk)
        } else {
            total.min(done + chunk)
        };
        let b = Batch::run(&plan, done, end - done);
        match &mut batch {
            None => batch = Some(b),
            Some(all) => {
                if let Err(e) = all.append(b) {
                    send(WorkerReply::Failed {
                        run_id: req.run_id,
                        message: e,
                    });
                    return None;
                }
            }
        }
        done = end;
        send(WorkerReply::Progress {
            run_id: req.run_id,
            done,
            total,
        });
        if done == preview && preview < total {
            if let Some(b) = &batch {
                send(WorkerReply::Preview {
                    run_id: req.run_id,
                    summary: Box::new(Summary::from_batch(&plan, b)),
                });
            }
        }
    }
    let batch = batch?;
    let summary = Box::new(Summary::from_batch(&plan, &batch));
    send(WorkerReply::Done {
        run_id: req.run_id,
        summary,
        millis: now() - started,
    });
    Some(FinishedRun {
        run_id: req.run_id,
        plan,
        batch,
    })
}
