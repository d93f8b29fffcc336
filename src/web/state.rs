//! The app's state: signals shared through context.

use crate::scenario::Scenario;
use crate::stats::Summary;
use crate::validate::ValidationErrors;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Where the current run is.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Nothing has run yet.
    Idle,
    /// Waiting for typing to pause before running.
    Waiting,
    /// Running: `done` of `total` trials.
    Running {
        /// Trials finished.
        done: u64,
        /// Trials in the run.
        total: u64,
    },
    /// Finished `trials` trials in `millis` milliseconds.
    Done {
        /// Trials run.
        trials: u64,
        /// Time taken.
        millis: f64,
    },
    /// Stopped by the user.
    Cancelled,
    /// The worker could not run it.
    Failed(String),
}

impl RunStatus {
    /// A one-word name (for the page's `data-status`, used by tests and styles).
    pub fn key(&self) -> &'static str {
        match self {
            RunStatus::Idle => "idle",
            RunStatus::Waiting => "waiting",
            RunStatus::Running { .. } => "running",
            RunStatus::Done { .. } => "done",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Failed(_) => "failed",
        }
    }
}

/// Every signal the components share.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scenario being edited (may be invalid).
    pub scenario: RwSignal<Scenario>,
    /// Bumped when the editor must be rebuilt from the scenario (a preset, a new channel…).
    pub editor_epoch: RwSignal<u64>,
    /// Fields whose text cannot be read as a number, by path (they block runs).
    pub unreadable: RwSignal<BTreeSet<String>>,
    /// Trials of a full run.
    pub trials: RwSignal<u64>,
    /// Seed.
    pub seed: RwSignal<u64>,
    /// Latest results (kept while the scenario is invalid, marked stale).
    pub results: RwSignal<Option<Summary>>,
    /// Whether the results shown are a quick preview of a run still going.
    pub results_preview: RwSignal<bool>,
    /// The run.
    pub status: RwSignal<RunStatus>,
    /// Id of the preset last loaded, if any.
    pub preset: RwSignal<Option<&'static str>>,
    /// The core's validation of the scenario.
    pub validation: Memo<Option<ValidationErrors>>,
}

impl AppState {
    /// New state around a scenario.
    pub fn new(scenario: Scenario, preset: Option<&'static str>) -> Self {
        let scenario = RwSignal::new(scenario);
        let validation = Memo::new(move |_| scenario.with(|s| s.check().err()));
        AppState {
            scenario,
            editor_epoch: RwSignal::new(0),
            unreadable: RwSignal::new(BTreeSet::new()),
            trials: RwSignal::new(10_000),
            seed: RwSignal::new(1),
            results: RwSignal::new(None),
            results_preview: RwSignal::new(false),
            status: RwSignal::new(RunStatus::Idle),
            preset: RwSignal::new(preset),
            validation,
        }
    }

    /// Whether the scenario can run: valid, and every field readable.
    pub fn runnable(&self) -> bool {
        self.validation.with(|v| v.is_none()) && self.unreadable.with(|u| u.is_empty())
    }

    /// Messages of the core's validator for one field path.
    pub fn errors_at(&self, path: &str) -> Vec<String> {
        self.validation.with(|v| {
            v.as_ref()
                .map(|e| e.at(path).map(|f| f.problem.to_string()).collect())
                .unwrap_or_default()
        })
    }

    /// Replaces the whole scenario and rebuilds the editor.
    pub fn load(&self, scenario: Scenario, preset: Option<&'static str>) {
        self.unreadable.set(BTreeSet::new());
        self.scenario.set(scenario);
        self.preset.set(preset);
        self.editor_epoch.update(|e| *e += 1);
    }

    /// Applies a structural edit (adds or removes list items) and rebuilds the editor.
    pub fn restructure(&self, edit: impl FnOnce(&mut Scenario)) {
        self.scenario.update(edit);
        self.editor_epoch.update(|e| *e += 1);
    }
}
