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

/// Runs a request, calling `send` with progress, the preview and the final
/// summary (or a failure). `now` reads a clock in milliseconds.
pub fn execute(req: &RunRequest, mut send: impl FnMut(WorkerReply), now: impl Fn() -> f64) {
    let started = now();
    let valid = match req.scenario.clone().validate() {
        Ok(v) => v,
        Err(e) => {
            send(WorkerReply::Failed {
                run_id: req.run_id,
                message: e.to_string(),
            });
            return;
        }
    };
    let plan = match Plan::new(valid, RunOptions::new(req.trials, req.seed)) {
        Ok(p) => p,
        Err(e) => {
            send(WorkerReply::Failed {
                run_id: req.run_id,
                message: e.to_string(),
            });
            return;
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
                    return;
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
    if let Some(b) = &batch {
        let summary = Box::new(Summary::from_batch(&plan, b));
        send(WorkerReply::Done {
            run_id: req.run_id,
            summary,
            millis: now() - started,
        });
    }
}
