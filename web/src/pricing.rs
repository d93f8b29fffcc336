//! The pricing lab's panels: the price sweep (target, range, points, trials;
//! progressive, cancellable, in the pricing worker of [`super::sweep`]; the
//! core's sweep chart, a table of the later offers' buyers and front-end ROAS
//! per price, and "Apply" for both marked prices) and, from
//! [`super::seek`], goal seek. Everything computed comes from the core
//! ([`funnel_lab::pricing`]); this module reads the form and shows the replies.

use super::fields::{hint, parse_number, show_number};
use super::lang::{lang, nf, t, tw};
use super::state::{AppState, Tone, Undo};
use super::sweep::PricingWorker;
use funnel_lab::charts::{describe_sweep, draw_sweep, ChartStyle};
use funnel_lab::engine::PriceTarget;
use funnel_lab::pricing::job::{Mark, PricingReply, PricingRequest, SweepJob, SweepView};
use funnel_lab::pricing::sweep::MAX_STEPS;
use funnel_lab::pricing::{apply_price, DEFAULT_STEPS, DEFAULT_SWEEP_TRIALS};
use funnel_lab::scenario::Scenario;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use send_wrapper::SendWrapper;
use std::rc::Rc;

/// Fewest trials a sweep point or a sought value may run.
const MIN_TRIALS: f64 = 10.0;
/// Most trials of one sweep point or sought value (a point is one run in the worker).
const MAX_TRIALS: f64 = 200_000.0;

/// A labelled text input bound to `value`; `data` names it for tests.
pub(super) fn text_input(
    label: String,
    data: &'static str,
    size: u32,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="pricing-input">{label} " "
            <input type="text" inputmode="decimal" data-pricing=data size=size
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
}

/// A labelled select of `list(scenario)`'s (value, label) pairs, `chosen`
/// selected; `on_change` gets the value picked.
pub(super) fn choice(
    state: AppState,
    label: String,
    data: &'static str,
    list: fn(&Scenario) -> Vec<(String, String)>,
    chosen: RwSignal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    // Rebuilt when the list changes (a name, an offer added), not on every edit.
    let list = Memo::new(move |_| state.scenario.with(list));
    let options = move || {
        let picked = chosen.get();
        list.get()
            .into_iter()
            .map(|(value, label)| {
                let selected = value == picked;
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="pricing-input">{label} " "
            <select data-pricing=data on:change=move |ev| on_change(event_target_value(&ev))>{options}</select>
        </label>
    }
}

/// The trials of a sweep point or a sought value read from `text`, or the
/// message saying what is allowed.
pub(super) fn read_trials(text: &str) -> Result<u64, String> {
    whole(text, MIN_TRIALS, MAX_TRIALS)
        .map(|k| k as u64)
        .ok_or_else(|| {
            tw(
                "sweep-error-trials",
                &[("max", nf().count(MAX_TRIALS).into())],
            )
        })
}

/// A whole number from `lo` to `hi` read from `text`.
pub(super) fn whole(text: &str, lo: f64, hi: f64) -> Option<f64> {
    parse_number(text)
        .ok()
        .filter(|x| x.fract() == 0.0 && (lo..=hi).contains(x))
}

/// What can be priced in `sc`: the lead magnet and every offer, as (name, label).
fn targets(sc: &Scenario) -> Vec<(String, String)> {
    let mut out = vec![("lead_magnet".to_string(), t("sweep-target-lead-magnet"))];
    out.extend(
        sc.offers
            .iter()
            .map(|o| (o.id.clone(), format!("{} ({})", o.name, o.id))),
    );
    out
}

fn target_of(sc: &Scenario, name: &str) -> Option<PriceTarget> {
    if name == "lead_magnet" {
        return Some(PriceTarget::LeadMagnet);
    }
    sc.offers
        .iter()
        .position(|o| o.id == name)
        .map(PriceTarget::Offer)
}

fn price_of(sc: &Scenario, target: PriceTarget) -> f64 {
    let amount = funnel_lab::inputs::Domain::Amount;
    match target {
        PriceTarget::LeadMagnet => sc.lead_magnet.price.centre(amount),
        PriceTarget::Offer(i) => sc.offers.get(i).map_or(0.0, |o| o.price.centre(amount)),
    }
}

/// A number rounded to 2 significant digits (range defaults people can read).
fn two_digits(x: f64) -> f64 {
    if !(x > 0.0) {
        return 0.0;
    }
    let scale = libm::pow(10.0, f64::floor(libm::log10(x)) - 1.0);
    libm::round(x / scale) * scale
}

/// The default range around a price: a quarter of it to three times it
/// (0 to 20 for a free item).
fn default_range(price: f64) -> (f64, f64) {
    if price > 0.0 && price.is_finite() {
        (two_digits(price / 4.0), two_digits(price * 3.0))
    } else {
        (0.0, 20.0)
    }
}

/// The default target: the first offer whose price changes demand, else the entry offer.
fn default_target(sc: &Scenario) -> String {
    sc.offers
        .iter()
        .find(|o| o.price_halving_step.is_some())
        .or(sc.offers.first())
        .map_or_else(|| "lead_magnet".to_string(), |o| o.id.clone())
}

/// Where the sweep is.
#[derive(Clone, Debug, Default, PartialEq)]
struct SweepRun {
    /// The job going on, if any.
    job: Option<u64>,
    /// The latest view, with the currency and trials it ran with.
    view: Option<(SweepView, String, u64)>,
    /// Whether the last view is final.
    finished: bool,
    /// What went wrong, for people.
    problem: Option<String>,
    cancelled: bool,
}

/// The pricing lab: the sweep and goal seek.
#[component]
pub fn PricingLab() -> impl IntoView {
    view! {
        <section class="pricing-lab" aria-label=t("pricing-title")>
            <h2>{t("pricing-title")} {hint("price_elasticity")}</h2>
            <p class="note">{t("pricing-note")}</p>
            <SweepPanel />
            <super::seek::SeekPanel />
        </section>
    }
}

#[component]
fn SweepPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let run = RwSignal::new(SweepRun::default());
    let next_job = StoredValue::new(0u64);
    let worker = {
        let on_reply = move |reply: PricingReply| {
            run.update(|r| match reply {
                PricingReply::Sweep {
                    job_id,
                    view,
                    finished,
                } if r.job == Some(job_id) => {
                    let (cur, trials) = r
                        .view
                        .as_ref()
                        .map(|(_, c, n)| (c.clone(), *n))
                        .unwrap_or_default();
                    r.view = Some((*view, cur, trials));
                    r.finished = finished;
                    if finished {
                        r.job = None;
                    }
                }
                PricingReply::Failed { message, .. } | PricingReply::Panicked { message } => {
                    r.job = None;
                    r.problem = Some(tw("pricing-failed", &[("detail", message.into())]));
                }
                _ => {}
            })
        };
        SendWrapper::new(PricingWorker::new(on_reply))
    };
    let worker: StoredValue<SendWrapper<Rc<PricingWorker>>> = StoredValue::new(worker);
    on_cleanup(move || worker.with_value(|w| w.cancel()));

    let (target0, price0) = state.scenario.with_untracked(|s| {
        let name = default_target(s);
        let price = target_of(s, &name).map_or(0.0, |tg| price_of(s, tg));
        (name, price)
    });
    let (from0, to0) = default_range(price0);
    let target = RwSignal::new(target0);
    let from = RwSignal::new(show_number(from0));
    let to = RwSignal::new(show_number(to0));
    let steps = RwSignal::new(show_number(DEFAULT_STEPS as f64));
    let trials = RwSignal::new(show_number(DEFAULT_SWEEP_TRIALS as f64));

    let choose_target = move |name: String| {
        let price = state
            .scenario
            .with_untracked(|s| target_of(s, &name).map(|tg| price_of(s, tg)));
        let (a, b) = default_range(price.unwrap_or(0.0));
        from.set(show_number(a));
        to.set(show_number(b));
        target.set(name);
    };

    let start = move || {
        let problem = |text: String| {
            run.update(|r| {
                r.problem = Some(text);
            })
        };
        if !state.runnable() {
            return problem(t("sweep-error-invalid"));
        }
        let (Ok(a), Ok(b)) = (
            parse_number(&from.get_untracked()),
            parse_number(&to.get_untracked()),
        ) else {
            return problem(t("sweep-error-range"));
        };
        if !(a >= 0.0 && a < b && b <= funnel_lab::validate::MAX_AMOUNT) {
            return problem(t("sweep-error-range"));
        }
        let Some(n) = whole(&steps.get_untracked(), 2.0, MAX_STEPS as f64) else {
            return problem(tw("sweep-error-steps", &[("max", MAX_STEPS.into())]));
        };
        let k = match read_trials(&trials.get_untracked()) {
            Ok(k) => k,
            Err(e) => return problem(e),
        };
        let job_id = next_job.get_value() + 1;
        next_job.set_value(job_id);
        let scenario = state.scenario.get_untracked();
        let currency = scenario.currency.clone();
        // A scenario loaded since may not have the target picked: its default then.
        let mut name = target.get_untracked();
        if target_of(&scenario, &name).is_none() {
            name = default_target(&scenario);
            target.set(name.clone());
        }
        let job = SweepJob {
            job_id,
            scenario,
            target: name,
            from: a,
            to: b,
            steps: n as usize,
            trials: k,
            seed: state.seed.get_untracked(),
        };
        run.set(SweepRun {
            job: Some(job_id),
            view: Some((SweepView::default(), currency, k)),
            ..SweepRun::default()
        });
        worker.with_value(|w| w.start(PricingRequest::Sweep(Box::new(job))));
    };
    let cancel = move || {
        worker.with_value(|w| w.cancel());
        run.update(|r| {
            r.job = None;
            r.cancelled = true;
        });
    };

    let going = move || run.with(|r| r.job.is_some());
    let status = move || {
        run.with(|r| {
            if let Some(p) = &r.problem {
                return Some(view! { <p class="error" role="alert">{p.clone()}</p> }.into_any());
            }
            if r.cancelled {
                return Some(view! { <p class="note" role="status">{t("sweep-cancelled")}</p> }.into_any());
            }
            let (v, _, trials) = r.view.as_ref()?;
            let args = [("done", v.done.into()), ("planned", v.planned.max(v.done).into())];
            let text = if r.finished {
                tw("sweep-done", &[("done", v.done.into()), ("trials", (*trials).into())])
            } else if !v.preview.is_empty() {
                tw(
                    "sweep-preview",
                    &[
                        ("first", v.preview_trials.into()),
                        ("trials", (*trials).into()),
                        ("done", v.done.into()),
                        ("planned", v.planned.max(v.done).into()),
                    ],
                )
            } else if v.refining {
                tw("sweep-refining", &args)
            } else {
                tw("sweep-progress", &args)
            };
            Some(view! { <p class="note" role="status" data-sweep-status=if r.finished { "done" } else { "running" }>{text}</p> }.into_any())
        })
    };
    view! {
        <details class="pricing-panel" data-panel="sweep" open>
            <summary><h3>{t("sweep-title")}</h3></summary>
            <form class="pricing-form" on:submit=move |ev| { ev.prevent_default(); start(); }>
                {choice(state, t("sweep-target"), "target", targets, target, choose_target)}
                {text_input(t("sweep-from"), "from", 7, from)}
                {text_input(t("sweep-to"), "to", 7, to)}
                {text_input(t("sweep-points"), "points", 4, steps)}
                {text_input(t("sweep-trials"), "trials", 7, trials)}
                <button type="submit" data-action="sweep-run" disabled=going>{t("sweep-run")}</button>
                <button type="button" data-action="sweep-cancel" disabled=move || !going()
                    on:click=move |_| cancel()>{t("sweep-cancel")}</button>
            </form>
            {status}
            {move || run.with(|r| r.view.clone()).filter(|(v, ..)| !v.is_empty()).map(|(v, cur, _)| results(state, v, cur))}
        </details>
    }
}

/// The chart, the marks with their Apply buttons, and the table.
fn results(state: AppState, view: SweepView, currency: String) -> impl IntoView {
    let nf = nf();
    let money = |x: f64| nf.money(x, &currency);
    let mark = |id: &'static str, kind: &'static str, m: Option<Mark>| {
        m.map(|m| {
            let text = tw(
                id,
                &[
                    ("price", money(m.price).into()),
                    ("value", money(m.value).into()),
                    ("low", money(m.near[0]).into()),
                    ("high", money(m.near[1]).into()),
                ],
            );
            let target = view.target.clone();
            view! {
                <p class=format!("sweep-mark {kind}") data-mark=kind data-price=m.price.to_string()>
                    {text} " "
                    <button type="button" data-action=format!("apply-{kind}")
                        on:click=move |_| apply(state, &target, m.price)>
                        {tw("sweep-apply", &[("price", money(m.price).into())])}
                    </button>
                </p>
            }
        })
    };
    view! {
        <SweepChart view=view.clone() currency=currency.clone() />
        {mark("sweep-best", "best", view.best_mean)}
        {at_edge(&view).then(|| view! { <p class="note" data-sweep="edge">{t("sweep-edge")}</p> })}
        {mark("sweep-safe", "safe", view.best_p5)}
        {table(&view, &currency)}
    }
}

/// Whether the highest expected profit is at the first or last price run.
fn at_edge(view: &SweepView) -> bool {
    let (Some(best), Some(first), Some(last)) =
        (view.best_mean, view.points.first(), view.points.last())
    else {
        return false;
    };
    best.price == first.price || best.price == last.price
}

/// Sets the price of `target` (by name) in the scenario, with Undo.
fn apply(state: AppState, target: &str, price: f64) {
    let before = state.saved();
    let name = state.current_name.get_untracked();
    let mut done = false;
    state.restructure(|s| {
        if let Some(tg) = target_of(s, target) {
            done = apply_price(s, tg, price);
        }
    });
    if done {
        let (field, cur) = state.scenario.with_untracked(|s| {
            let label = targets(s)
                .into_iter()
                .find(|(n, _)| n == target)
                .map(|(_, l)| l)
                .unwrap_or_default();
            (label, s.currency.clone())
        });
        state.notify(
            Tone::Info,
            tw(
                "sweep-applied",
                &[
                    ("field", field.into()),
                    ("value", nf().money(price, &cur).into()),
                ],
            ),
            Vec::new(),
            Some(Undo::Restore(Box::new(before), name)),
        );
    }
}

fn table(view: &SweepView, currency: &str) -> impl IntoView {
    let nf = nf();
    // The offers after the one priced (all of them for the lead magnet).
    let first = view
        .offer_ids
        .iter()
        .position(|id| *id == view.target)
        .map_or(0, |i| i + 1);
    let later: Vec<usize> = (first..view.offer_ids.len()).collect();
    let head = later
        .iter()
        .map(|&i| view! { <th scope="col">{view.offer_ids[i].clone()}</th> })
        .collect_view();
    // The preview's points (first trials only) are pale until run in full.
    let rows = view
        .curve()
        .into_iter()
        .map(|(p, preview)| {
            let cells = later
                .iter()
                .map(|&i| view! { <td>{p.buyers.get(i).map(|b| nf.compact(*b)).unwrap_or_default()}</td> })
                .collect_view();
            view! {
                <tr class:preview=preview data-preview=preview.then_some("true")>
                    <th scope="row">{nf.money(p.price, currency)}</th>
                    <td>{p.profit.p50.map(|x| nf.money(x, currency)).unwrap_or_else(|| t("no-value"))}</td>
                    <td>{nf.percent(p.prob_loss)}</td>
                    {cells}
                    <td>{p.front_end_roas.map(|x| nf.percent(x)).unwrap_or_else(|| t("no-value"))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="sweep-caption">{t("sweep-table-caption")} {hint("front_end_roas")}</p>
        <div class="sweep-table">
            <table class="data" data-table="sweep">
                <thead><tr>
                    <th scope="col">{t("sweep-col-price")}</th>
                    <th scope="col">{t("sweep-col-profit")}</th>
                    <th scope="col">{t("sweep-col-loss")}</th>
                    {head}
                    <th scope="col">{t("card-front-end-roas")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The core's sweep chart on a canvas as wide as its box.
#[component]
fn SweepChart(view: SweepView, currency: String) -> impl IntoView {
    let canvas: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let text = describe_sweep(&view, &currency, lang());
    let (v, cur) = (view.clone(), currency.clone());
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let css_width = el
            .parent_element()
            .map_or(600.0, |p| f64::from(p.client_width()));
        if css_width < 10.0 {
            return;
        }
        let css_height = if css_width < 480.0 { 300.0 } else { 340.0 };
        let dpr = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .max(1.0);
        el.set_width((css_width * dpr).round() as u32);
        el.set_height((css_height * dpr).round() as u32);
        let _ = el.set_attribute("style", &format!("width:100%;height:{css_height}px"));
        let Some(backend) = super::measure::MeasuredCanvas::new(&el) else {
            return;
        };
        let root = backend.into_drawing_area();
        let style = ChartStyle {
            scale: dpr,
            lang: lang(),
        };
        if let Err(e) = draw_sweep(&root, &v, &cur, &style) {
            leptos::logging::warn!("{e}");
        }
        let _ = root.present();
    });
    view! {
        <figure class="sweep-chart" data-chart="sweep">
            <div class="canvas-holder">
                <canvas node_ref=canvas role="img" aria-label=text.clone() style="width:100%"></canvas>
            </div>
            <p class="chart-text">{text}</p>
        </figure>
    }
}
