//! Running the scenario: the page's [`Pool`] of workers, what its events change
//! in the state, the effect that (re)starts a run at each valid edit (a run in
//! flight is replaced at once, so there is no pause for typing), the guards a
//! run passes (memory before it starts, cost after its pilot), and the run's
//! controls: status, Cancel, the rest of a capped run, a rerun after a crash,
//! and the precision to stop at. The page places [`start_runs`] and the controls.

use super::keep;
use super::lang::{nf, t, tw};
use super::pool::{Pool, PoolEvent};
use super::state::{AppState, RunStatus, Tone};
use funnel_lab::headline::Headline;
use funnel_lab::pool::{kept_bytes_per_trial, memory_cap, PoolOptions};
use funnel_lab::precision::Precision;
use funnel_lab::protocol::{Finish, RunSpec};
use funnel_lab::results::RunResult;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;

/// The page's pool, shared through context with the components that use it
/// (the per-trial CSV, the run controls).
pub type SharedSimulator = SendWrapper<Rc<Pool>>;

/// What the page tracks of the current run.
#[derive(Default)]
struct RunTrack {
    run_id: u64,
    started: f64,
    elapsed: f64,
    /// Set by the cost guard: trials asked for and the estimated time of the rest.
    capped: Option<(u64, f64)>,
    /// The headline numbers of the last run that finished (kept across runs).
    last_finished: Option<Headline>,
}

type Tracked = Rc<RefCell<RunTrack>>;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Starts the page's runs: a pool whose events update `state` (provided as
/// [`SharedSimulator`] with the run's [`Tracked`] state), kept in step with the
/// scenario, the trials, the seed and the precision.
pub fn start_runs(state: AppState) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let track: Tracked = Rc::default();
    let pool = {
        let track = track.clone();
        Pool::new(PoolOptions::from_query(&search), move |e| {
            on_event(state, &track, e)
        })
    };
    keep_in_step(state, pool.clone(), track.clone());
    provide_context::<SharedSimulator>(SendWrapper::new(pool));
    provide_context(SendWrapper::new(track));
}

/// What an event of the pool changes. Events of a run other than the current
/// one (replaced since) change nothing.
fn on_event(state: AppState, track: &Tracked, event: PoolEvent) {
    let current = track.borrow().run_id;
    match event {
        PoolEvent::Progress {
            run_id,
            done,
            ceiling,
        } if run_id == current => {
            state.status.set(RunStatus::Running {
                done,
                total: ceiling,
            });
        }
        PoolEvent::Capped {
            run_id,
            total,
            rest_ms,
            ..
        } if run_id == current => {
            track.borrow_mut().capped = Some((total, rest_ms));
        }
        PoolEvent::Results(r) if r.run_id == current => {
            let trials = r.summary.trials;
            state.results.set(Some(RunResult {
                header: r.header,
                summary: r.summary,
            }));
            state.results_error.set(Some(r.error));
            if r.finished.is_some() {
                track.borrow_mut().last_finished = state
                    .results
                    .with_untracked(|r| r.as_ref().map(Headline::of));
            }
            state.results_preview.set(r.finished.is_none());
            if let Some(finish) = r.finished {
                let mut t = track.borrow_mut();
                t.elapsed += now() - t.started;
                state.finished_run.set(Some(r.run_id));
                state.status.set(match (finish, t.capped) {
                    (Finish::Limit, Some((total, rest_ms))) if trials < total => {
                        RunStatus::Capped {
                            trials,
                            total,
                            rest_ms,
                        }
                    }
                    _ => RunStatus::Done {
                        trials,
                        millis: t.elapsed,
                        kept: r.kept,
                    },
                });
            }
        }
        PoolEvent::Failed {
            run_id,
            message,
            rerun,
        } if run_id == current || run_id == 0 => {
            state.results_preview.set(false);
            state.status.set(RunStatus::Failed { message, rerun });
        }
        PoolEvent::TrialsCsv(csv) => keep::trials_csv_arrived(state, csv),
        PoolEvent::Ranking(ranking) => super::decide::ranking_arrived(state, ranking),
        PoolEvent::Baseline(run_id, view) => super::compare::baseline_arrived(state, run_id, view),
        _ => {}
    }
}

/// Starts a new run of the current scenario, replacing any run in flight.
fn start_run(state: AppState, pool: &Pool, track: &Tracked) {
    if !state.runnable() {
        return;
    }
    let (run_id, last_finished) = {
        let t = track.borrow();
        (t.run_id + 1, t.last_finished.clone())
    };
    // The bar shows the new run's numbers against the last finished run's.
    if state.headline_base.get_untracked() != last_finished {
        state.headline_base.set(last_finished.clone());
    }
    *track.borrow_mut() = RunTrack {
        run_id,
        started: now(),
        elapsed: 0.0,
        capped: None,
        last_finished,
    };
    // The summariser forgets the previous run's trials when this one starts, and
    // the results shown are stale until the new run's first ones come.
    state.finished_run.set(None);
    state.results_preview.set(false);
    let spec = RunSpec {
        run_id,
        scenario: state.scenario.get_untracked(),
        trials: state.trials.get_untracked(),
        seed: state.seed.get_untracked(),
    };
    let limit = match memory_cap(&spec.scenario, spec.trials) {
        Some(cap) => {
            let mb = spec
                .trials
                .saturating_mul(kept_bytes_per_trial(&spec.scenario))
                / 1_000_000;
            state.notify(
                Tone::Info,
                tw(
                    "memory-cap",
                    &[
                        ("trials", spec.trials.into()),
                        ("mb", nf().count(mb as f64).into()),
                        ("cap", cap.into()),
                    ],
                ),
                Vec::new(),
                None,
            );
            cap
        }
        None => spec.trials,
    };
    state.status.set(RunStatus::Running {
        done: 0,
        total: limit,
    });
    pool.start(spec, limit, state.precision.get_untracked());
}

/// Synchronises the pool with the scenario: a valid edit (re)starts a run at
/// once; an invalid one stops the run in flight.
fn keep_in_step(state: AppState, pool: Rc<Pool>, track: Tracked) {
    Effect::new(move |_| {
        state.scenario.track();
        state.trials.track();
        state.seed.track();
        state.precision.track();
        if state.runnable() {
            start_run(state, &pool, &track);
        } else {
            if pool.cancel() {
                state.results_preview.set(false);
            }
            state.status.set(RunStatus::Idle);
        }
    });
}

/// The status of the run, with what can be done about it: run the rest of a
/// capped run, or run again with fewer trials after a crash.
#[component]
pub fn RunStatusView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pool = use_context::<SharedSimulator>();
    let track = use_context::<SendWrapper<Tracked>>();
    let problems = move || {
        state
            .validation
            .with(|v| v.as_ref().map_or(0, |e| e.errors().len()))
            + state.unreadable.with(|u| u.len())
    };
    let rest = move |_| {
        if let (Some(pool), Some(track)) = (&pool, &track) {
            let (done, total) = match state.status.get_untracked() {
                RunStatus::Capped { trials, total, .. } => (trials, total),
                _ => return,
            };
            {
                let mut t = track.borrow_mut();
                t.capped = None;
                t.started = now();
            }
            state.status.set(RunStatus::Running { done, total });
            pool.resume();
        }
    };
    view! {
        <div class="status" role="status" aria-live="polite" data-status=move || state.status.get().key()>
            {move || match state.status.get() {
                RunStatus::Idle if problems() > 0 => view! {
                    <span class="bad">{tw("status-problems", &[("n", problems().into())])}</span>
                }.into_any(),
                RunStatus::Idle => view! { <span>{t("status-ready")}</span> }.into_any(),
                RunStatus::Running { done, total } => view! {
                    <progress max=total.to_string() value=done.to_string()></progress>
                    <span>{tw("status-simulating", &[("done", done.into()), ("total", total.into())])}</span>
                }.into_any(),
                RunStatus::Done { trials, kept: true, .. } => view! {
                    <span class="kept">{tw("status-kept", &[("trials", trials.into())])}</span>
                }.into_any(),
                RunStatus::Done { trials, millis, .. } => view! {
                    <span>{tw("status-done", &[("trials", trials.into()), ("seconds", nf().exact((millis / 100.0).round() / 10.0).into())])}</span>
                }.into_any(),
                RunStatus::Capped { trials, total, rest_ms } => view! {
                    <span class="warn">{tw("status-capped", &[
                        ("done", trials.into()), ("total", total.into()), ("rest", duration(rest_ms).into()),
                    ])}</span>
                    <button type="button" data-action="run-rest" on:click=rest.clone()>{t("run-rest")}</button>
                }.into_any(),
                RunStatus::Cancelled => view! { <span>{t("status-cancelled")}</span> }.into_any(),
                RunStatus::Failed { message, rerun } => view! {
                    <span class="bad">{tw("status-failed", &[("detail", message.into())])}</span>
                    {rerun.map(|n| view! {
                        <button type="button" data-action="rerun" on:click=move |_| {
                            if state.trials.get_untracked() == n {
                                state.trials.update(|_| {});
                            } else {
                                state.trials.set(n);
                                state.editor_epoch.update(|e| *e += 1);
                            }
                        }>{tw("run-again-with", &[("n", n.into())])}</button>
                    })}
                }.into_any(),
            }}
        </div>
    }
}

/// A duration in words: "40 s", "12 min", "3 h" (in the page's language).
fn duration(ms: f64) -> String {
    let s = ms / 1000.0;
    let (id, n) = if s < 90.0 {
        ("duration-seconds", s)
    } else if s < 90.0 * 60.0 {
        ("duration-minutes", s / 60.0)
    } else {
        ("duration-hours", s / 3600.0)
    };
    tw(id, &[("n", nf().count(n.round()).into())])
}

/// Stops the run in flight, at the user's request.
#[component]
pub fn CancelButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pool = use_context::<SharedSimulator>();
    let cancel = move |_| {
        if pool.as_ref().is_some_and(|p| p.cancel()) {
            state.results_preview.set(false);
            state.finished_run.set(None);
            state.status.set(RunStatus::Cancelled);
        }
    };
    view! {
        <button type="button" class="cancel" data-action="cancel"
            disabled=move || !matches!(state.status.get(), RunStatus::Running { .. })
            on:click=cancel>{super::lang::t("cancel")}</button>
    }
}

/// The precision to stop runs at: all trials, or as soon as the Monte Carlo
/// error of the median profit and of the chance of a loss is within a share.
#[component]
pub fn PrecisionPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = Precision::CHOICES
        .iter()
        .map(|p| {
            let value = p.0.to_string();
            let label = tw("precision-within", &[("percent", nf().exact(p.0 * 100.0).into())]);
            let chosen = *p;
            view! { <option value=value.clone() selected=move || state.precision.get() == Some(chosen)>{label}</option> }
        })
        .collect_view();
    let choose = move |ev| {
        let v = event_target_value(&ev);
        state.precision.set(
            Precision::CHOICES
                .into_iter()
                .find(|p| p.0.to_string() == v),
        );
    };
    view! {
        <label class="precision">{t("precision-stop")} " "
            <select data-path="precision" on:change=choose>
                <option value="" selected=move || state.precision.get().is_none()>{t("precision-every-trial")}</option>
                {options}
            </select>
            {crate::fields::hint("mc_error")}
        </label>
    }
}
