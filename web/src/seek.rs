//! Goal seek as a sentence the user completes: "Find the value of [field] so
//! that profit is at least [0] by day [horizon] with a chance of at least
//! [90]%", run by the core's [`funnel_lab::pricing::seek`] in a pricing worker
//! ([`super::sweep`]); first an estimate from the first trials of every value
//! tried (when there are enough trials), then the answer with its Monte Carlo
//! bracket and "Apply", or where the goal lies when no value reaches it.

use super::fields::{parse_number, show_number};
use super::lang::{nf, t, tw};
use super::pricing::{choice, read_trials, text_input, whole};
use super::state::{AppState, Tone, Undo};
use super::sweep::PricingWorker;
use funnel_lab::charts::input_text;
use funnel_lab::inputs::{fields, Field, Group};
use funnel_lab::pricing::job::{
    seek_preview_trials, PricingReply, PricingRequest, SeekJob, SeekProblem,
};
use funnel_lab::pricing::{can_seek, SeekAnswer, DEFAULT_SEEK_TRIALS};
use funnel_lab::scenario::Scenario;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;

/// A field's plain name in the page's language: "Ads: Cost per visitor".
fn field_name(sc: &Scenario, f: Field) -> String {
    let spec = f.spec();
    let label = t(&funnel_lab::i18n::field_id(spec.key));
    let group = match spec.group {
        Group::Scenario => None,
        Group::Channel | Group::Offer => spec.group.title(sc, f.item),
        Group::LeadMagnet => Some(t("section-lead-magnet")),
        Group::Nurture => Some(t("section-nurture")),
        Group::Repeat => Some(t("section-repeat")),
        Group::Winback => Some(t("toggle-winback")),
        Group::Subscription => Some(t("section-subscription")),
        Group::Referrals => Some(t("section-referrals")),
    };
    match group {
        Some(g) => format!("{g}: {label}"),
        None => label,
    }
}

/// The fields goal seek may vary in `sc`, as (path, plain name).
fn seekable(sc: &Scenario) -> Vec<(String, String)> {
    fields(sc)
        .into_iter()
        .filter(|f| can_seek(*f))
        .map(|f| (f.path(), field_name(sc, f)))
        .collect()
}

/// An answer (or why none) with the field's name and the currency.
type Outcome = (Result<SeekAnswer, SeekProblem>, String, String);

#[derive(Clone, Debug, Default, PartialEq)]
struct SeekRun {
    job: Option<u64>,
    /// Trials of each value tried.
    trials: u64,
    /// The first estimate, while the answer is being sought.
    estimate: Option<Outcome>,
    /// The answer.
    outcome: Option<Outcome>,
    problem: Option<String>,
}

/// The goal seek panel.
#[component]
pub fn SeekPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let run = RwSignal::new(SeekRun::default());
    let next_job = StoredValue::new(0u64);
    let asked = StoredValue::new((String::new(), String::new()));
    let worker = SendWrapper::new(PricingWorker::new(move |reply| {
        run.update(|r| match reply {
            PricingReply::Seek {
                job_id,
                result,
                preview,
            } if r.job == Some(job_id) => {
                let (name, cur) = asked.get_value();
                if preview {
                    r.estimate = Some((result, name, cur));
                } else {
                    r.job = None;
                    r.estimate = None;
                    r.outcome = Some((result, name, cur));
                }
            }
            PricingReply::Failed { message, .. } | PricingReply::Panicked { message } => {
                r.job = None;
                r.problem = Some(tw("pricing-failed", &[("detail", message.into())]));
            }
            _ => {}
        })
    }));
    let worker: StoredValue<SendWrapper<Rc<PricingWorker>>> = StoredValue::new(worker);
    on_cleanup(move || worker.with_value(|w| w.cancel()));

    let (path0, horizon) = state.scenario.with_untracked(|s| {
        let paths = seekable(s);
        let first = paths
            .iter()
            .find(|(p, _)| p == "channels[0].cost_per_visitor")
            .or(paths.first())
            .map(|(p, _)| p.clone())
            .unwrap_or_default();
        (first, s.horizon_days)
    });
    let path = RwSignal::new(path0);
    let profit = RwSignal::new(show_number(0.0));
    let day = RwSignal::new(show_number(f64::from(horizon)));
    let chance = RwSignal::new(show_number(90.0));
    let trials = RwSignal::new(show_number(DEFAULT_SEEK_TRIALS as f64));

    let start = move || {
        let problem = |text: String| run.update(|r| r.problem = Some(text));
        if !state.runnable() {
            return problem(t("sweep-error-invalid"));
        }
        let horizon = state.scenario.with_untracked(|s| s.horizon_days);
        let Ok(goal_profit) = parse_number(&profit.get_untracked()) else {
            return problem(t("seek-error-profit"));
        };
        let Some(by_day) = whole(&day.get_untracked(), 1.0, f64::from(horizon)) else {
            return problem(tw("seek-error-day", &[("horizon", horizon.into())]));
        };
        let Some(q) = parse_number(&chance.get_untracked())
            .ok()
            .filter(|q| *q > 0.0 && *q <= 100.0)
        else {
            return problem(t("seek-error-chance"));
        };
        let k = match read_trials(&trials.get_untracked()) {
            Ok(k) => k,
            Err(e) => return problem(e),
        };
        let job_id = next_job.get_value() + 1;
        next_job.set_value(job_id);
        let scenario = state.scenario.get_untracked();
        // A scenario loaded since may not have the field picked: its first then.
        let mut p = path.get_untracked();
        if !Field::parse(&p).is_some_and(|f| f.exists(&scenario) && can_seek(f)) {
            p = seekable(&scenario)
                .first()
                .map(|(q, _)| q.clone())
                .unwrap_or_default();
            path.set(p.clone());
        }
        let name = Field::parse(&p)
            .map(|f| field_name(&scenario, f))
            .unwrap_or_else(|| p.clone());
        asked.set_value((name, scenario.currency.clone()));
        let job = SeekJob {
            job_id,
            scenario,
            path: p,
            profit_at_least: goal_profit,
            by_day: by_day as u32,
            chance: q / 100.0,
            trials: k,
            seed: state.seed.get_untracked(),
        };
        run.set(SeekRun {
            job: Some(job_id),
            trials: k,
            ..SeekRun::default()
        });
        worker.with_value(|w| w.start(PricingRequest::Seek(Box::new(job))));
    };
    let cancel = move || {
        worker.with_value(|w| w.cancel());
        run.update(|r| r.job = None);
    };
    let going = move || run.with(|r| r.job.is_some());
    let outcome = move || {
        run.with(|r| {
            if let Some(p) = &r.problem {
                return Some(view! { <p class="error" role="alert">{p.clone()}</p> }.into_any());
            }
            if r.job.is_some() {
                let running = view! { <p class="note" role="status">{tw("seek-running", &[("trials", r.trials.into())])}</p> };
                let estimate = r.estimate.clone().map(|(result, name, cur)| {
                    show_estimate(result, name, cur, seek_preview_trials(r.trials))
                });
                return Some(view! { {running} {estimate} }.into_any());
            }
            let (result, name, cur) = r.outcome.clone()?;
            Some(show_outcome(state, result, name, cur).into_any())
        })
    };
    view! {
        <details class="pricing-panel" data-panel="seek" open>
            <summary><h3>{t("seek-title")}</h3></summary>
            <form class="pricing-form" data-form="seek" on:submit=move |ev| { ev.prevent_default(); start(); }>
                {choice(state, t("seek-find"), "vary", seekable, path, move |p| path.set(p))}
                {text_input(t("seek-so-that"), "profit", 8, profit)}
                {text_input(t("seek-by-day"), "day", 4, day)}
                <span class="pricing-input">
                    {text_input(t("seek-with-chance"), "chance", 4, chance)} {t("seek-percent")}
                </span>
                {text_input(t("seek-trials"), "seek-trials", 7, trials)}
                <button type="submit" data-action="seek-run" disabled=going>{t("seek-run")}</button>
                <button type="button" data-action="seek-cancel" disabled=move || !going()
                    on:click=move |_| cancel()>{t("sweep-cancel")}</button>
            </form>
            {outcome}
        </details>
    }
}

/// The first estimate, from `trials` trials of each value: the answer's
/// sentence (or where the goal lies) after a word that it is an estimate,
/// without "Apply".
fn show_estimate(
    result: Result<SeekAnswer, SeekProblem>,
    name: String,
    currency: String,
    trials: u64,
) -> impl IntoView {
    let text = match result {
        Ok(answer) => answer_text(&answer, &name, &currency),
        Err(SeekProblem::Unreachable {
            chance,
            best_chance,
            at,
            higher,
        }) => unreachable_text(&name, chance, best_chance, at, higher),
        Err(SeekProblem::Other(message)) => tw("pricing-failed", &[("detail", message.into())]),
    };
    view! {
        <p class="seek-estimate" data-seek="estimate">
            {tw("seek-estimate", &[("trials", trials.into())])} " " {text}
        </p>
    }
}

/// The sentence of an answer.
fn answer_text(answer: &SeekAnswer, name: &str, currency: &str) -> String {
    let nf = nf();
    let value = |x: f64| input_text(&answer.path, x, currency, &nf);
    tw(
        "seek-answer",
        &[
            ("field", name.to_string().into()),
            ("value", value(answer.value).into()),
            ("low", value(answer.bracket[0]).into()),
            ("high", value(answer.bracket[1]).into()),
            ("chance", nf.percent(answer.chance_at_value).into()),
        ],
    )
}

/// The sentence saying where the goal lies when no value reaches it.
fn unreachable_text(name: &str, chance: f64, best_chance: f64, at: f64, higher: bool) -> String {
    let nf = nf();
    let id = if higher {
        "seek-unreachable-higher"
    } else {
        "seek-unreachable-lower"
    };
    tw(
        id,
        &[
            ("field", name.to_string().into()),
            ("chance", nf.percent(chance).into()),
            ("best", nf.percent(best_chance).into()),
            ("at", nf.compact(at).into()),
        ],
    )
}

fn show_outcome(
    state: AppState,
    result: Result<SeekAnswer, SeekProblem>,
    name: String,
    currency: String,
) -> impl IntoView {
    let nf = nf();
    match result {
        Ok(answer) => {
            let value = |x: f64| input_text(&answer.path, x, &currency, &nf);
            let text = answer_text(&answer, &name, &currency);
            let shown = value(answer.value);
            let (path, x) = (answer.path.clone(), answer.value);
            view! {
                <p class="seek-answer" role="status" data-seek="answer" data-value=x.to_string()>
                    {text} " "
                    <button type="button" data-action="apply-seek"
                        on:click=move |_| apply(state, &path, x, &name, &shown)>
                        {tw("seek-apply", &[("value", value(answer.value).into())])}
                    </button>
                </p>
            }
            .into_any()
        }
        Err(SeekProblem::Unreachable {
            chance,
            best_chance,
            at,
            higher,
        }) => {
            let text = unreachable_text(&name, chance, best_chance, at, higher);
            view! { <p class="error" role="alert" data-seek="unreachable">{text}</p> }.into_any()
        }
        Err(SeekProblem::Other(message)) => view! {
            <p class="error" role="alert">{tw("pricing-failed", &[("detail", message.into())])}</p>
        }
        .into_any(),
    }
}

/// Sets the sought field to `value` (a fixed number), with Undo.
fn apply(state: AppState, path: &str, value: f64, name: &str, shown: &str) {
    let Some(field) = Field::parse(path) else {
        return;
    };
    let before = state.saved();
    let saved_name = state.current_name.get_untracked();
    let mut done = false;
    state.restructure(|s| done = field.exists(s) && field.set_fixed(s, value));
    if done {
        state.notify(
            Tone::Info,
            tw(
                "sweep-applied",
                &[("field", name.into()), ("value", shown.into())],
            ),
            Vec::new(),
            Some(Undo::Restore(Box::new(before), saved_name)),
        );
    }
}
