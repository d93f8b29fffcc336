//! The page: header with presets and run controls, the editor, the results,
//! and the glossary. Runs start by themselves a moment after each valid edit.

use super::dashboard::Dashboard;
use super::editor::Editor;
use super::fields::parse_number;
use super::state::{AppState, RunStatus};
use super::worker::Simulator;
use crate::charts::format_count;
use crate::glossary;
use crate::presets;
use crate::protocol::{RunRequest, WorkerReply};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Trials of the quick preview shown before the full run.
const PREVIEW_TRIALS: u64 = 1_000;
/// Trials between progress reports.
const PROGRESS_CHUNK: u64 = 250;
/// Pause after the last edit before a run starts.
const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let first = &presets::all()[0];
    let state = AppState::new(first.scenario(), Some(first.id));
    provide_context(state);

    let current_run = Rc::new(Cell::new(0u64));
    let simulator = {
        let current_run = current_run.clone();
        Simulator::new(move |reply| {
            let mine = |id: u64| id == current_run.get();
            match reply {
                WorkerReply::Progress {
                    run_id,
                    done,
                    total,
                } if mine(run_id) => {
                    state.status.set(RunStatus::Running { done, total });
                }
                WorkerReply::Preview { run_id, summary } if mine(run_id) => {
                    state.results.set(Some(*summary));
                    state.results_preview.set(true);
                }
                WorkerReply::Done {
                    run_id,
                    summary,
                    millis,
                } if mine(run_id) => {
                    let trials = summary.trials;
                    state.results.set(Some(*summary));
                    state.results_preview.set(false);
                    state.status.set(RunStatus::Done { trials, millis });
                }
                WorkerReply::Failed { run_id, message } if mine(run_id) || run_id == 0 => {
                    state.results_preview.set(false);
                    state.status.set(RunStatus::Failed(message));
                }
                _ => {}
            }
        })
    };

    let start_run = {
        let simulator = simulator.clone();
        let current_run = current_run.clone();
        move || {
            if !state.runnable() {
                return;
            }
            let run_id = current_run.get() + 1;
            current_run.set(run_id);
            let trials = state.trials.get_untracked();
            let req = RunRequest {
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
            };
            state.status.set(RunStatus::Running {
                done: 0,
                total: trials,
            });
            simulator.run(&req);
        }
    };

    // Synchronise the worker with the scenario: a valid edit (re)starts a run
    // after a pause in typing; an invalid one stops the run in flight.
    let timer = Rc::new(Cell::new(None::<TimeoutHandle>));
    {
        let simulator = simulator.clone();
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
            let start = start_run.clone();
            timer.set(set_timeout_with_handle(start, TYPING_PAUSE).ok());
        });
    }

    let cancel = {
        let simulator = simulator.clone();
        move |_| {
            if simulator.cancel() {
                state.results_preview.set(false);
                state.status.set(RunStatus::Cancelled);
            }
        }
    };

    view! {
        <header class="top">
            <div class="brand">
                <h1>"Funnel Lab"</h1>
                <p class="tagline">"What could your funnel earn? Thousands of possible futures, simulated in your browser."</p>
            </div>
            <PresetPicker />
        </header>
        <PresetNote />
        <div class="runbar" role="region" aria-label="Run">
            <RunSettings />
            <RunStatusView />
            <button type="button" class="cancel" data-action="cancel"
                disabled=move || !matches!(state.status.get(), RunStatus::Running { .. })
                on:click=cancel>"Cancel"</button>
        </div>
        <main class="layout">
            <aside class="left">
                <h2>"Your funnel"</h2>
                <Editor />
            </aside>
            <div class="right">
                <h2>"What follows"</h2>
                <Dashboard />
            </div>
        </main>
        <Glossary />
        <footer class="foot">
            <p>"Funnel Lab runs entirely in this page: nothing you type leaves your browser."</p>
        </footer>
    }
}

#[component]
fn PresetPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = presets::all()
        .iter()
        .map(|p| view! { <option value=p.id selected=move || state.preset.get() == Some(p.id)>{p.title}</option> })
        .collect_view();
    view! {
        <label class="preset">
            "Start from "
            <select data-action="preset" on:change=move |ev| {
                if let Some(p) = presets::by_id(&event_target_value(&ev)) {
                    state.load(p.scenario(), Some(p.id));
                }
            }>{options}</select>
        </label>
    }
}

#[component]
fn PresetNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.preset.get().and_then(presets::by_id).map(|p| {
            view! {
                <details class="preset-note" open>
                    <summary><strong>{p.title}</strong>": " {p.tagline}</summary>
                    <p>{p.explanation}</p>
                </details>
            }
        })
    }
}

#[component]
fn RunSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let trials_error = RwSignal::new(None::<String>);
    let seed_error = RwSignal::new(None::<String>);
    let trials0 = state.trials.get_untracked().to_string();
    let seed0 = state.seed.get_untracked().to_string();
    view! {
        <div class="settings">
            <label>"Trials "
                <input type="text" inputmode="numeric" data-path="trials" size="7" prop:value=trials0
                    on:input=move |ev| {
                        let t = event_target_value(&ev);
                        match parse_number(&t).filter(|x| x.fract() == 0.0 && (1.0..=1_000_000.0).contains(x)) {
                            Some(x) => { trials_error.set(None); state.trials.set(x as u64); }
                            None => trials_error.set(Some(format!("trials: “{t}” must be a whole number from 1 to 1,000,000"))),
                        }
                    } />
                {crate::web::fields::hint("trial")}
            </label>
            <label>"Seed "
                <input type="text" inputmode="numeric" data-path="seed" size="6" prop:value=seed0
                    on:input=move |ev| {
                        let t = event_target_value(&ev);
                        match t.trim().parse::<u64>() {
                            Ok(x) => { seed_error.set(None); state.seed.set(x); }
                            Err(_) => seed_error.set(Some(format!("seed: “{t}” must be a whole number, 0 or more"))),
                        }
                    } />
                {crate::web::fields::hint("seed")}
            </label>
            {move || trials_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || seed_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

#[component]
fn RunStatusView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problems = move || {
        state
            .validation
            .with(|v| v.as_ref().map_or(0, |e| e.errors().len()))
            + state.unreadable.with(|u| u.len())
    };
    view! {
        <div class="status" role="status" aria-live="polite" data-status=move || state.status.get().key()>
            {move || match state.status.get() {
                RunStatus::Idle if problems() > 0 => view! {
                    <span class="bad">{format!("{} problem{} to fix before running", problems(), if problems() == 1 { "" } else { "s" })}</span>
                }.into_any(),
                RunStatus::Idle => view! { <span>"Ready"</span> }.into_any(),
                RunStatus::Waiting => view! { <span>"Waiting for you to finish typing…"</span> }.into_any(),
                RunStatus::Running { done, total } => view! {
                    <progress max=total.to_string() value=done.to_string()></progress>
                    <span>{format!("{} of {} trials", format_count(done as f64), format_count(total as f64))}</span>
                }.into_any(),
                RunStatus::Done { trials, millis } => view! {
                    <span>{format!("{} trials in {:.1} s", format_count(trials as f64), millis / 1000.0)}</span>
                }.into_any(),
                RunStatus::Cancelled => view! { <span>"Cancelled. Edit anything to run again."</span> }.into_any(),
                RunStatus::Failed(m) => view! { <span class="bad">{format!("Could not run: {m}")}</span> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Glossary() -> impl IntoView {
    let items = glossary::TERMS
        .iter()
        .map(|t| view! { <div id=format!("term-{}", t.id)><dt>{t.term}</dt><dd>{t.meaning}</dd></div> })
        .collect_view();
    view! {
        <details class="glossary">
            <summary><h2>"Glossary"</h2></summary>
            <dl>{items}</dl>
        </details>
    }
}
