//! The current scenario against a pinned baseline: pin the scenario being
//! edited (or pick a saved one), keep editing, and the dashboard shows, on the
//! same seed and trials, the chance that the current scenario beats the
//! baseline, the difference of the medians with its 90% band, the
//! distribution of the per-trial difference in profit, and both sets of
//! headline cards side by side. The baseline is kept in storage and travels
//! in share links.
//!
//! The run driver: when a run finishes, the page asks the summariser worker
//! (which holds that run's trials) to compare it with the baseline; the
//! worker runs the baseline on the same seed and trials once and keeps that
//! run by its scenario ([`funnel_lab::decide::BaselineCache`]), so editing reruns
//! only the current scenario.

use super::dashboard::headline;
use super::lang::{lang, nf, t, tw};
use super::run::SharedSimulator;
use super::state::{AppState, Tone};
use funnel_lab::decide::{BaselineRequest, BaselineView};
use funnel_lab::i18n;
use funnel_lab::metrics::Metric;
use funnel_lab::persist::{open_share_link, Loaded};
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::Histogram;
use leptos::prelude::*;

/// Keeps a comparison that arrived when it is of the run shown and a
/// baseline is still pinned.
pub fn baseline_arrived(state: AppState, run_id: u64, view: Result<Box<BaselineView>, String>) {
    if state.finished_run.get_untracked() == Some(run_id)
        && state.baseline.with_untracked(Option::is_some)
    {
        state.against.set(Some(view.map(|v| *v)));
    }
}

/// Says a problem with the baseline: message `id` with its `detail`.
fn say(state: AppState, id: &str, detail: String) {
    state.notify(
        Tone::Problem,
        tw(id, &[("detail", detail.into())]),
        Vec::new(),
        None,
    );
}

/// Pins `baseline` and keeps it in storage (a failure to keep it is said; the
/// comparison goes on in memory).
fn pin(state: AppState, baseline: Scenario) {
    let kept = state.with_library(|l| l.save_baseline(&baseline));
    if let Some(Err(e)) = kept {
        say(state, "baseline-not-kept", i18n::library_error(lang(), &e));
    }
    state.against.set(None);
    state.baseline.set(Some(baseline));
}

fn unpin(state: AppState) {
    if let Some(Err(e)) = state.with_library(|l| l.clear_baseline()) {
        say(state, "baseline-not-kept", i18n::library_error(lang(), &e));
    }
    state.baseline.set(None);
    state.against.set(None);
}

/// The baseline the page starts with: the one a share link carries (`link`:
/// the address's fragment when the page opened a link), else the one pinned
/// before (storage). A baseline that cannot be read is said, never lost.
pub fn start_baseline(state: AppState, link: Option<&str>) {
    if let Some(opened) = link.and_then(|l| open_share_link(l).ok()) {
        match opened.baseline {
            Some(Ok(b)) => return pin(state, b),
            Some(Err(e)) => {
                say(
                    state,
                    "baseline-link-unreadable",
                    i18n::read_error(lang(), &e),
                );
            }
            None => {}
        }
    }
    match state.with_library(|l| l.load_baseline()) {
        Some(Loaded::Found(saved)) => state.baseline.set(Some(saved.scenario)),
        Some(Loaded::Unreadable(e)) => {
            say(state, "baseline-unreadable", i18n::read_error(lang(), &e));
        }
        _ => {}
    }
}

/// The per-trial differences as a small bar chart of their bins (losses
/// against the baseline in red, gains in green), with a text alternative.
fn difference_chart(h: &Histogram, cur: &str) -> impl IntoView {
    let nf = nf();
    let most = h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let n = h.counts.len().max(1) as f64;
    let width = (h.max - h.min) / n;
    let bars = h
        .counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let mid = h.min + width * (i as f64 + 0.5);
            let tone = if width == 0.0 || mid.abs() < width / 2.0 {
                "zero"
            } else if mid < 0.0 {
                "worse"
            } else {
                "better"
            };
            let height = format!("height:{:.1}%", 100.0 * c as f64 / most);
            view! { <span class=format!("bin {tone}") style=height></span> }
        })
        .collect_view();
    let alt = tw(
        "compare-chart-text",
        &[
            ("low", nf.money(h.min, cur).into()),
            ("high", nf.money(h.max, cur).into()),
        ],
    );
    view! {
        <figure class="difference-chart" data-compare="chart">
            <figcaption>{t("compare-chart-title")}</figcaption>
            <div class="bins" role="img" aria-label=alt.clone()>{bars}</div>
            <div class="bins-axis"><span>{nf.money(h.min, cur)}</span><span>{nf.money(h.max, cur)}</span></div>
            <p class="chart-text">{alt}</p>
        </figure>
    }
}

/// What the comparison shows: the chance, the medians' difference, the
/// distribution, and the two sets of headline cards.
fn comparison(state: AppState, v: &BaselineView) -> AnyView {
    let nf = nf();
    let cur = v.header.currency.clone();
    let money = |x: f64| nf.money(x, &cur);
    let c = &v.against.comparison;
    let chance = c
        .prob_b_better
        .map_or_else(|| t("no-value"), |p| nf.percent(p));
    let median = v.against.median_difference.as_ref().map(|m| {
        tw(
            "compare-median-value",
            &[
                ("value", money(m.estimate).into()),
                ("band", nf.range_text(&money(m.low), &money(m.high)).into()),
            ],
        )
    });
    let spread = match (c.difference.p5, c.difference.p95) {
        (Some(a), Some(b)) => nf.range_text(&money(a), &money(b)),
        _ => t("no-value"),
    };
    let current = state.results.with_untracked(|r| {
        r.as_ref()
            .map(|r| headline(&r.summary, None, &r.header.currency).into_any())
    });
    view! {
        <div class="compare-figures">
            <div class="card" data-compare="prob">
                <div class="card-title">{t("compare-prob")}</div>
                <div class="card-value">{chance}</div>
                <div class="card-detail">{tw("compare-prob-detail", &[("n", c.trials.into())])}</div>
            </div>
            <div class="card" data-compare="median">
                <div class="card-title">{t("compare-median")}</div>
                <div class="card-value">{median.unwrap_or_else(|| t("no-value"))}</div>
                <div class="card-detail">{tw("compare-spread", &[("range", spread.into())])}</div>
            </div>
        </div>
        {v.against.difference_histogram.as_ref().map(|h| difference_chart(h, &cur))}
        <div class="side-by-side">
            <div><h4>{t("compare-current")}</h4>{current}</div>
            <div><h4>{tw("compare-baseline", &[("name", v.header.name.as_str().into())])}</h4>{headline(&v.summary, None, &cur)}</div>
        </div>
    }
    .into_any()
}

/// The compare panel: pin, pick or unpin a baseline, and the comparison.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pool = use_context::<SharedSimulator>();
    // Compare each finished run with the baseline (a valid one).
    Effect::new(move |_| {
        let run = state.finished_run.get();
        let valid = state
            .baseline
            .with(|b| b.as_ref().filter(|b| b.check().is_ok()).cloned());
        if let (Some(run_id), Some(baseline), Some(pool)) = (run, valid, &pool) {
            pool.request_baseline(BaselineRequest {
                run_id,
                baseline,
                metric: Metric::Profit,
            });
        }
    });
    let pick = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if name.is_empty() {
            return;
        }
        match state.with_library(|l| l.open(&name)) {
            Some(Loaded::Found(saved)) => pin(state, saved.scenario),
            Some(Loaded::Unreadable(e)) => {
                say(state, "baseline-unreadable", i18n::read_error(lang(), &e));
            }
            _ => {}
        }
    };
    let names = move || {
        state
            .names
            .get()
            .into_iter()
            .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
            .collect_view()
    };
    let body = move || {
        let pinned = state.baseline.with(|b| {
            b.as_ref()
                .map(|b| (b.name.clone(), b.check().err().map(|e| e.errors().len())))
        });
        let Some((name, problems)) = pinned else {
            return view! { <p class="note">{t("compare-none")}</p> }.into_any();
        };
        let head = view! { <p class="compare-pinned" data-compare="pinned">{tw("compare-pinned", &[("name", name.into())])}</p> };
        let rest = if let Some(n) = problems {
            view! { <p class="bad">{tw("compare-baseline-invalid", &[("n", n.into())])}</p> }
                .into_any()
        } else {
            state.against.with(|a| match a {
                None => view! { <p class="empty">{t("compare-waiting")}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="bad">{tw("compare-failed", &[("detail", e.as_str().into())])}</p> }.into_any(),
                Some(Ok(v)) => comparison(state, v),
            })
        };
        view! { {head} {rest} }.into_any()
    };
    view! {
        <section class="compare" data-panel="compare" aria-label=t("compare-title")>
            <h3>{t("compare-title")}</h3>
            <div class="compare-controls">
                <button type="button" data-action="pin-baseline"
                    on:click=move |_| pin(state, state.scenario.get_untracked())>{t("compare-pin")}</button>
                <label>{t("compare-pick")} " "
                    <select data-action="pick-baseline" on:change=pick prop:value="">
                        <option value="">{t("compare-pick-none")}</option>
                        {names}
                    </select>
                </label>
                {move || state.baseline.with(Option::is_some).then(|| view! {
                    <button type="button" data-action="unpin-baseline" on:click=move |_| unpin(state)>{t("compare-unpin")}</button>
                })}
            </div>
            {body}
        </section>
    }
}
