//! Running the scenario: the page's [`Simulator`], what its replies change in the
//! state, the effect that (re)starts a run a moment after each valid edit, and the
//! Cancel button. The page only calls [`start_runs`] and places [`CancelButton`].

use super::keep;
use super::state::{AppState, RunStatus};
use super::worker::Simulator;
use crate::protocol::{RunRequest, WorkerReply};
use crate::results::RunResult;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Trials of the quick preview shown before the full run.
const PREVIEW_TRIALS: u64 = 1_000;
/// Trials between progress reports.
const PROGRESS_CHUNK: u64 = 250;
/// Pause after the last edit before a run starts.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// The page's simulator, shared through context with the components that use it
/// (the per-trial CSV, the Cancel button).
pub type SharedSimulator = SendWrapper<Rc<Simulator>>;

/// Starts the page's runs: a simulator whose replies update `state` (provided as
/// [`SharedSimulator`]), kept in step with the scenario, the trials and the seed.
pub fn start_runs(state: AppState) {
    let current_run = Rc::new(Cell::new(0u64));
    let simulator = {
        let current_run = current_run.clone();
        Simulator::new(move |reply| on_reply(state, current_run.get(), reply))
    };
    keep_in_step(state, simulator.clone(), current_run);
    provide_context::<SharedSimulator>(SendWrapper::new(simulator));
}

/// What a reply from the worker changes. Replies of a run other than `current`
/// (one replaced since) change nothing; a failure with run id 0 is the worker's
/// own (an unreadable message) and always shows.
fn on_reply(state: AppState, current: u64, reply: WorkerReply) {
    let mine = |id: u64| id == current;
    match reply {
        WorkerReply::Progress {
            run_id,
            done,
            total,
        } if mine(run_id) => {
            state.status.set(RunStatus::Running { done, total });
        }
        WorkerReply::Preview {
            run_id,
            header,
            summary,
        } if mine(run_id) => {
            state.results.set(Some(RunResult {
                header: *header,
                summary: *summary,
            }));
            state.results_preview.set(true);
        }
        WorkerReply::Done {
            run_id,
            header,
            summary,
            millis,
        } if mine(run_id) => {
            let trials = summary.trials;
            state.results.set(Some(RunResult {
                header: *header,
                summary: *summary,
            }));
            state.results_preview.set(false);
            state.finished_run.set(Some(run_id));
            state.status.set(RunStatus::Done { trials, millis });
        }
        WorkerReply::TrialsCsv { csv, .. } => keep::trials_csv_arrived(state, csv),
        WorkerReply::Failed { run_id, message } if mine(run_id) || run_id == 0 => {
            state.results_preview.set(false);
            state.status.set(RunStatus::Failed(message));
        }
        _ => {}
    }
}

/// The request for run `run_id` of the scenario, trials and seed as they are now.
fn request(state: AppState, run_id: u64) -> RunRequest {
    let trials = state.trials.get_untracked();
    RunRequest {
        run_id,
        scenario: state.scenario.get_untracked(),
        trials,
        seed: state.seed.get_untracked(),
        preview_trials: if trials > 2 * PREVIEW_TRIALS {
            PREVIEW_TRIALS
        } else {
            0
        },
        chunk: PROGRESS_CHUNK,
    }
}

/// Starts a new run of the current scenario, replacing any run in flight.
fn start_run(state: AppState, simulator: &Rc<Simulator>, current_run: &Cell<u64>) {
    if !state.runnable() {
        return;
    }
    let run_id = current_run.get() + 1;
    current_run.set(run_id);
    // The worker forgets the previous run's trials when this one starts.
    state.finished_run.set(None);
    let req = request(state, run_id);
    state.status.set(RunStatus::Running {
        done: 0,
        total: req.trials,
    });
    simulator.run(&req);
}

/// Synchronises the worker with the scenario: a valid edit (re)starts a run after
/// a pause in typing; an invalid one stops the run in flight.
fn keep_in_step(state: AppState, simulator: Rc<Simulator>, current_run: Rc<Cell<u64>>) {
    let timer = Rc::new(Cell::new(None::<TimeoutHandle>));
    Effect::new(move |_| {
        state.scenario.track();
        state.trials.track();
        state.seed.track();
        let runnable = state.runnable();
        if let Some(t) = timer.take() {
            t.clear();
        }
        if !runnable {
            if simulator.cancel() {
                state.results_preview.set(false);
            }
            state.status.set(RunStatus::Idle);
            return;
        }
        state.status.set(RunStatus::Waiting);
        let (simulator, current_run) = (simulator.clone(), current_run.clone());
        let start = move || start_run(state, &simulator, &current_run);
        timer.set(set_timeout_with_handle(start, TYPING_PAUSE).ok());
    });
}

/// Stops the run in flight, at the user's request.
#[component]
pub fn CancelButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let simulator = use_context::<SharedSimulator>();
    let cancel = move |_| {
        if simulator.as_ref().is_some_and(|s| s.cancel()) {
            state.results_preview.set(false);
            state.finished_run.set(None);
            state.status.set(RunStatus::Cancelled);
        }
    };
    view! {
        <button type="button" class="cancel" data-action="cancel"
            disabled=move || !matches!(state.status.get(), RunStatus::Running { .. })
            on:click=cancel>"Cancel"</button>
    }
}
