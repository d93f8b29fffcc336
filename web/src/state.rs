//! The app's state: signals shared through context.

use super::storage::BrowserStore;
use funnel_lab::i18n::Lang;
use funnel_lab::persist::{Deleted, Library, Saved};
use funnel_lab::precision::{McError, Precision};
use funnel_lab::results::RunResult;
use funnel_lab::scenario::Scenario;
use funnel_lab::validate::ValidationErrors;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Where the current run is.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// Nothing has run yet.
    Idle,
    /// Running: `done` of `total` trials simulated.
    Running {
        /// Trials simulated.
        done: u64,
        /// Trials it goes to.
        total: u64,
    },
    /// Finished `trials` trials in `millis` milliseconds.
    Done {
        /// Trials run.
        trials: u64,
        /// Time taken.
        millis: f64,
        /// The results are those of an identical run kept from before (no
        /// trial was run again).
        kept: bool,
    },
    /// The cost guard ended the run at `trials` of the `total` asked for; the
    /// rest would take about `rest_ms` and is offered.
    Capped {
        /// Trials run.
        trials: u64,
        /// Trials asked for.
        total: u64,
        /// Estimated time of the rest, in milliseconds.
        rest_ms: f64,
    },
    /// Stopped by the user.
    Cancelled,
    /// The run could not finish.
    Failed {
        /// What happened.
        message: String,
        /// Trials to offer a rerun with, after a worker died.
        rerun: Option<u64>,
    },
}

impl RunStatus {
    /// A one-word name (for the page's `data-status`, used by tests and styles).
    pub fn key(&self) -> &'static str {
        match self {
            RunStatus::Idle => "idle",
            RunStatus::Running { .. } => "running",
            RunStatus::Done { .. } => "done",
            RunStatus::Capped { .. } => "capped",
            RunStatus::Cancelled => "cancelled",
            RunStatus::Failed { .. } => "failed",
        }
    }
}

/// How long a plain information notice stays.
const INFO_PLAIN: std::time::Duration = std::time::Duration::from_secs(12);
/// How long a notice with Undo stays.
const INFO_WITH_UNDO: std::time::Duration = std::time::Duration::from_secs(40);

pub use funnel_lab::startup::Tone;
use funnel_lab::startup::{Note, Offer};

/// What a notice's Undo button puts back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// The scenario (and its name in the library, if it had one) that was replaced.
    Restore(Box<Saved>, Option<String>),
    /// A deleted named scenario.
    Undelete(Deleted),
}

/// A message shown above the app until it is dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Identifies it among the notices.
    pub id: u64,
    /// Info or problem.
    pub tone: Tone,
    /// The message.
    pub text: String,
    /// A list under the message (validation errors of a file, for instance).
    pub details: Vec<String>,
    /// What Undo puts back, if it can be undone.
    pub undo: Option<Undo>,
    /// Other buttons (see [`Offer`]).
    pub offers: Vec<Offer>,
}

/// Every signal the components share.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scenario being edited (may be invalid).
    pub scenario: RwSignal<Scenario>,
    /// Bumped when the editor must be rebuilt from the scenario (a preset, a new channel…).
    pub editor_epoch: RwSignal<u64>,
    /// How many items of each of the editor's lists are rendered so far (they
    /// are rendered a few per task: see `editor::incremental`).
    pub editor_shown: RwSignal<usize>,
    /// Fields whose text cannot be read as a number, by path (they block runs).
    pub unreadable: RwSignal<BTreeSet<String>>,
    /// Trials of a full run.
    pub trials: RwSignal<u64>,
    /// Seed.
    pub seed: RwSignal<u64>,
    /// Latest results with the header of the scenario they were run on (kept
    /// while the scenario is invalid, marked stale).
    pub results: RwSignal<Option<RunResult>>,
    /// Whether the results shown are those of a run still going (they refine).
    pub results_preview: RwSignal<bool>,
    /// The headline numbers of the last run that finished before the current
    /// one started: the sticky bar shows each number's change since then.
    pub headline_base: RwSignal<Option<funnel_lab::headline::Headline>>,
    /// Monte Carlo error of the results shown.
    pub results_error: RwSignal<Option<McError>>,
    /// Stop runs once their Monte Carlo error is within this (a run setting).
    pub precision: RwSignal<Option<Precision>>,
    /// The run.
    pub status: RwSignal<RunStatus>,
    /// Id of the preset last loaded, if any.
    pub preset: RwSignal<Option<&'static str>>,
    /// The core's validation of the scenario.
    pub validation: Memo<Option<ValidationErrors>>,
    /// The autosave slot and the named scenarios.
    pub library: StoredValue<Library<BrowserStore>>,
    /// Names of the saved scenarios (refreshed after each library operation).
    pub names: RwSignal<Vec<String>>,
    /// Name in the library of the scenario being edited, once saved or opened.
    pub current_name: RwSignal<Option<String>>,
    /// Why the last autosave failed (cleared when one succeeds).
    pub autosave_problem: RwSignal<Option<String>>,
    /// Why this session must not write the autosave, if it must not (it holds
    /// work kept nowhere else); see `startup::Start::hold_autosave`.
    pub autosave_hold: RwSignal<Option<String>>,
    /// Whether a scenario from outside (a link, the autosave) is being opened:
    /// nothing is autosaved until the page has shown it.
    pub opening: RwSignal<bool>,
    /// Messages above the app.
    pub notices: RwSignal<Vec<Notice>>,
    /// Run whose every trial the worker still holds (for the per-trial CSV).
    pub finished_run: RwSignal<Option<u64>>,
    /// The page's language (switching it rebuilds the page's view).
    pub lang: RwSignal<Lang>,
    /// The inputs of the finished run ranked on the decide panel's metric.
    pub ranking: RwSignal<Option<funnel_lab::decide::Ranking>>,
    /// The pinned baseline the current scenario is compared with, if any.
    pub baseline: RwSignal<Option<Scenario>>,
    /// The last finished run against the baseline, or why it could not be compared.
    pub against: RwSignal<Option<Result<funnel_lab::decide::BaselineView, String>>>,
}

impl AppState {
    /// New state around a scenario.
    pub fn new(
        scenario: Scenario,
        preset: Option<&'static str>,
        library: Library<BrowserStore>,
    ) -> Self {
        let scenario = RwSignal::new(scenario);
        let validation = Memo::new(move |_| scenario.with(|s| s.check().err()));
        AppState {
            scenario,
            editor_epoch: RwSignal::new(0),
            editor_shown: RwSignal::new(0),
            unreadable: RwSignal::new(BTreeSet::new()),
            trials: RwSignal::new(funnel_lab::engine::DEFAULT_TRIALS),
            seed: RwSignal::new(funnel_lab::engine::DEFAULT_SEED),
            results: RwSignal::new(None),
            results_preview: RwSignal::new(false),
            headline_base: RwSignal::new(None),
            results_error: RwSignal::new(None),
            precision: RwSignal::new(None),
            status: RwSignal::new(RunStatus::Idle),
            preset: RwSignal::new(preset),
            validation,
            library: StoredValue::new(library),
            names: RwSignal::new(Vec::new()),
            current_name: RwSignal::new(None),
            autosave_problem: RwSignal::new(None),
            autosave_hold: RwSignal::new(None),
            opening: RwSignal::new(false),
            notices: RwSignal::new(Vec::new()),
            finished_run: RwSignal::new(None),
            lang: RwSignal::new(super::lang::lang()),
            ranking: RwSignal::new(None),
            baseline: RwSignal::new(None),
            against: RwSignal::new(None),
        }
    }

    /// Whether the scenario can run: valid, and every field readable.
    pub fn runnable(&self) -> bool {
        self.validation.with(|v| v.is_none()) && self.unreadable.with(|u| u.is_empty())
    }

    /// Messages of the core's validator for one field path, in the page's language.
    pub fn errors_at(&self, path: &str) -> Vec<String> {
        let lang = super::lang::lang();
        self.validation.with(|v| {
            v.as_ref()
                .map(|e| {
                    e.at(path)
                        .map(|f| funnel_lab::i18n::problem(lang, path, &f.problem))
                        .collect()
                })
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

    /// Replaces the scenario and its run settings.
    pub fn load_saved(&self, saved: Saved, preset: Option<&'static str>) {
        self.trials.set(saved.trials);
        self.seed.set(saved.seed);
        self.load(saved.scenario, preset);
    }

    /// The scenario with its run settings, as saved and shared.
    pub fn saved(&self) -> Saved {
        untrack(|| self.tracked_saved())
    }

    /// [`saved`](Self::saved), subscribing the caller to every change of it.
    pub fn tracked_saved(&self) -> Saved {
        Saved {
            scenario: self.scenario.get(),
            trials: self.trials.get(),
            seed: self.seed.get(),
        }
    }

    /// Shows a notice; returns its id. Problems stay until dismissed; other
    /// notices go after a while (longer when they offer Undo).
    pub fn notify(
        &self,
        tone: Tone,
        text: impl Into<String>,
        details: Vec<String>,
        undo: Option<Undo>,
    ) -> u64 {
        self.show(tone, text.into(), details, undo, Vec::new())
    }

    /// Shows a core [`Note`] with its buttons; one that offers something stays
    /// until it is dismissed or acted on.
    pub fn note(&self, note: Note) -> u64 {
        let text = note.text_in(super::lang::lang()).to_string();
        self.show(note.tone, text, Vec::new(), None, note.offers)
    }

    fn show(
        &self,
        tone: Tone,
        text: String,
        details: Vec<String>,
        undo: Option<Undo>,
        offers: Vec<Offer>,
    ) -> u64 {
        let mut id = 0;
        let has_undo = undo.is_some();
        let lasting = !offers.is_empty();
        self.notices.update(|n| {
            id = n.iter().map(|x| x.id).max().unwrap_or(0) + 1;
            // One undo at a time: an older Undo would put back a state the newer one replaced.
            if undo.is_some() {
                n.iter_mut().for_each(|x| x.undo = None);
            }
            n.push(Notice {
                id,
                tone,
                text,
                details,
                undo,
                offers,
            });
        });
        if tone == Tone::Info && !lasting {
            let state = *self;
            let linger = if has_undo { INFO_WITH_UNDO } else { INFO_PLAIN };
            set_timeout(move || state.dismiss(id), linger);
        }
        id
    }

    /// Removes a notice.
    pub fn dismiss(&self, id: u64) {
        self.notices.update(|n| n.retain(|x| x.id != id));
    }

    /// Runs `f` on the library (autosave slot and named scenarios).
    pub fn with_library<U>(&self, f: impl FnOnce(&mut Library<BrowserStore>) -> U) -> Option<U> {
        self.library.try_update_value(f)
    }

    /// Re-reads the names of the saved scenarios.
    pub fn refresh_names(&self) {
        let names = self.library.with_value(|l| l.names()).unwrap_or_default();
        self.names.set(names);
    }

    /// Applies a structural edit (adds or removes list items) and rebuilds the editor.
    pub fn restructure(&self, edit: impl FnOnce(&mut Scenario)) {
        self.scenario.update(edit);
        self.editor_epoch.update(|e| *e += 1);
    }
}
