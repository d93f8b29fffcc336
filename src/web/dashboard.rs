//! The results: headline cards, charts with text alternatives, per-channel and
//! per-offer tables, and warnings. Every number comes from the core's summary.

use super::canvas::ChartCanvas;
use super::fields::hint;
use super::keep::ResultsExport;
use super::state::{AppState, RunStatus};
use super::NUMBERS as NF;
use crate::charts::ChartKind;
use crate::metrics::Metric;
use crate::precision::McError;
use crate::results::Stages;
use crate::stats::{Stats, Summary};
use leptos::prelude::*;

/// The heading of a chart on the dashboard.
fn chart_title(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Funnel => "Funnel: how many reach each step",
        ChartKind::ProfitHistogram => "Profit over all trials",
        ChartKind::ProfitOverTime => "Cumulative profit, day by day",
        ChartKind::ChannelRoi => "Return on each channel",
    }
}

fn range(st: &Stats, f: impl Fn(f64) -> String) -> String {
    match (st.p5, st.p95) {
        (Some(a), Some(b)) => format!("{} to {}", f(a), f(b)),
        _ => "–".into(),
    }
}

fn or_dash(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map(f).unwrap_or_else(|| "–".into())
}

fn card(
    title: &'static str,
    term: &'static str,
    value: String,
    detail: String,
    tone: &'static str,
) -> impl IntoView {
    card_with_margin(title, term, value, None, detail, tone)
}

/// A card whose value has a Monte Carlo error (shown as "± margin").
fn card_with_margin(
    title: &'static str,
    term: &'static str,
    value: String,
    margin: Option<String>,
    detail: String,
    tone: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("card {tone}") data-card=term>
            <div class="card-title">{title} {hint(term)}</div>
            <div class="card-value">{value}</div>
            {margin.map(|m| view! {
                <div class="card-margin" data-margin=term title="Monte Carlo error: how much this would move with another seed (about 95% of the time)">
                    {format!("± {m}")} {hint("mc_error")}
                </div>
            })}
            <div class="card-detail">{detail}</div>
        </div>
    }
}

fn headline(s: &Summary, error: Option<McError>, cur: &str) -> impl IntoView {
    let m = |k: Metric| s.stats(k);
    let money = |x: f64| NF.money(x, cur);
    let profit = m(Metric::Profit);
    let payback = m(Metric::PaybackDay);
    let paid_back = payback.defined as f64 / s.trials.max(1) as f64;
    let cash = m(Metric::CashNeeded);
    let profit_tone = match profit.p50 {
        Some(p) if p < 0.0 => "bad",
        Some(_) => "good",
        None => "",
    };
    let loss_tone = if s.prob_loss > 0.5 {
        "bad"
    } else if s.prob_loss > 0.2 {
        "warn"
    } else {
        "good"
    };
    view! {
        <div class="cards">
            {card_with_margin("Profit (median)", "profit", or_dash(profit.p50, money),
                error.and_then(|e| e.median_profit).map(money),
                format!("90% of trials: {}", range(profit, money)), profit_tone)}
            {card_with_margin("Chance of a loss", "prob_loss", NF.percent(s.prob_loss),
                error.and_then(|e| e.prob_loss).map(|m| format!("{:.1} points", m * 100.0)),
                format!("{} trials", NF.count(s.trials as f64)), loss_tone)}
            {card("Payback day (median)", "payback_day",
                or_dash(payback.p50, |d| format!("day {d:.0}")),
                format!("pays back in {} of trials", NF.percent(paid_back)), "")}
            {card("CAC (median)", "cac", or_dash(m(Metric::Cac).p50, money), format!("90%: {}", range(m(Metric::Cac), money)), "")}
            {card("CLTV (median)", "cltv", or_dash(m(Metric::Cltv).p50, money), format!("90%: {}", range(m(Metric::Cltv), money)), "")}
            {card("Cash needed (median)", "cash_needed", or_dash(cash.p50, money), format!("P95: {}", or_dash(cash.p95, money)), "")}
        </div>
    }
}

fn channel_table(s: &Summary, cur: &str, referrals: bool) -> impl IntoView {
    let money = |x: f64| NF.money(x, cur);
    let rows = s
        .channels
        .iter()
        // The `referral` row is last; without referrals it is always empty.
        .take(if referrals { s.channels.len() } else { s.channels.len().saturating_sub(1) })
        .map(|c| {
            let loses = c.prob_negative_roi > 0.5;
            view! {
                <tr class:loses=loses>
                    <th scope="row">{c.name.clone()}</th>
                    <td>{or_dash(c.visitors.p50, |x| NF.count(x))}</td>
                    <td>{or_dash(c.leads.p50, |x| NF.count(x))}</td>
                    <td>{or_dash(c.customers.p50, |x| NF.count(x))}</td>
                    <td>{or_dash(c.spend.p50, money)}</td>
                    <td>{or_dash(c.revenue.p50, money)}</td>
                    <td>{or_dash(c.profit.p50, money)}</td>
                    <td>{or_dash(c.roi.p50, |x| NF.percent(x))} <span class="sub">{range(&c.roi, |x| NF.percent(x))}</span></td>
                    <td>{NF.percent(c.prob_negative_roi)} {loses.then(|| view! { <span class="flag">"loses money"</span> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" data-table="channels">
            <caption>"Channels (medians over trials)" {hint("roi")}</caption>
            <thead><tr>
                <th scope="col">"Channel"</th><th scope="col">"Visitors"</th><th scope="col">"Leads"</th>
                <th scope="col">"Customers"</th><th scope="col">"Spend"</th><th scope="col">"Revenue"</th>
                <th scope="col">"Profit"</th><th scope="col">"ROI (90% range)"</th><th scope="col">"Trials with ROI < 0"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn offer_table(s: &Summary, cur: &str) -> impl IntoView {
    let money = |x: f64| NF.money(x, cur);
    let rows = s
        .offers
        .iter()
        .map(|o| {
            view! {
                <tr>
                    <th scope="row">{o.name.clone()} <span class="sub">{o.id.clone()}</span></th>
                    <td>{o.offered_to.clone().unwrap_or_else(|| "touches".into())}</td>
                    <td>{or_dash(o.buyers.p50, |x| NF.count(x))} <span class="sub">{range(&o.buyers, |x| NF.count(x))}</span></td>
                    <td>{or_dash(o.conversion.p50, |x| NF.percent(x))}</td>
                    <td>{or_dash(o.refunds.p50, |x| NF.count(x))}</td>
                    <td>{or_dash(o.revenue.p50, money)} <span class="sub">{range(&o.revenue, money)}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" data-table="offers">
            <caption>"Value ladder (medians, 90% ranges)" {hint("value_ladder")}</caption>
            <thead><tr>
                <th scope="col">"Offer"</th><th scope="col">"Offered to"</th><th scope="col">"Buyers"</th>
                <th scope="col">"Conversion"</th><th scope="col">"Refunds"</th><th scope="col">"Revenue kept"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn lifecycle(s: &Summary, cur: &str, on: Stages) -> impl IntoView {
    // Each fact: a metric and the glossary term that explains it.
    let mut facts: Vec<(Metric, &str)> = Vec::new();
    if on.repeat {
        facts.push((Metric::RepeatPurchases, "repeat_purchase"));
        facts.push((Metric::RepeatRevenue, "repeat_purchase"));
    }
    if on.winback {
        facts.push((Metric::Winbacks, "winback"));
    }
    if on.subscription {
        facts.push((Metric::Subscribers, "subscription"));
        facts.push((Metric::MrrEnd, "mrr"));
    }
    if on.referrals {
        facts.push((Metric::Fans, "fan"));
        facts.push((Metric::Promoters, "promoter"));
        facts.push((Metric::ReferredLeads, "referral"));
        facts.push((Metric::ReferredCustomers, "referral"));
    }
    let median = |m: Metric| or_dash(s.stats(m).p50, |x| NF.value(m.unit(), x, cur));
    let items: Vec<(&str, &str, String)> = facts
        .into_iter()
        .map(|(m, term)| (m.label(), term, median(m)))
        .collect();
    if items.is_empty() {
        return view! {
            <p class="note">
                "This funnel ends at the first purchases: switch on repeat purchases, a subscription or referrals in the editor to see what customers are worth later."
            </p>
        }
        .into_any();
    }
    view! {
        <dl class="facts">
            {items
                .into_iter()
                .map(|(k, term, v)| view! { <div><dt>{k} {hint(term)}</dt><dd>{v}</dd></div> })
                .collect_view()}
        </dl>
    }
    .into_any()
}

/// The results panel: every chart and table, or (compact, for embeds) the
/// headline cards and the chosen charts.
#[component]
pub fn Dashboard(
    /// Charts to show (all of them when not given).
    #[prop(optional)]
    charts: Option<Vec<ChartKind>>,
    /// Cards and charts only: no tables, no downloads.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let charts = charts.unwrap_or_else(|| ChartKind::ALL.to_vec());
    // Results of the run going on refine as it goes; older ones are stale until
    // the first results of the new run come.
    let stale = move || {
        !state.runnable()
            || (matches!(state.status.get(), RunStatus::Running { .. })
                && !state.results_preview.get())
    };
    // Results are shown with the header of their run, never the scenario being
    // edited: stale results keep their currency and stages.
    let top = move || {
        state.results.with(|r| match r {
            None => view! { <p class="empty">"Results appear here once the scenario is valid."</p> }.into_any(),
            Some(r) => view! {
                <div class="warnings">
                    {r.summary.warnings.iter().map(|w| view! { <p class="warning" role="status">{w.clone()}</p> }).collect_view()}
                </div>
                {headline(&r.summary, state.results_error.get(), &r.header.currency)}
            }
            .into_any(),
        })
    };
    // The tables come a task after the first results (their first layout is the
    // longest), then with every update.
    let tables_ready = RwSignal::new(false);
    Effect::new(move |_| {
        if state.results.with(|r| r.is_some()) && !tables_ready.get_untracked() {
            set_timeout(move || tables_ready.set(true), std::time::Duration::ZERO);
        }
    });
    let tables = move || {
        if compact || !tables_ready.get() {
            return None;
        }
        state.results.with(|r| {
            r.as_ref().map(|r| {
                let (s, cur, on) = (&r.summary, &r.header.currency, r.header.stages);
                view! {
                    <ResultsExport />
                    {channel_table(s, cur, on.referrals)}
                    {offer_table(s, cur)}
                    <h3>"After the first purchase"</h3>
                    {lifecycle(s, cur, on)}
                }
            })
        })
    };
    view! {
        <section class="dashboard" class:stale=stale aria-live="polite" aria-label="Results">
            {move || (!state.runnable()).then(|| view! {
                <p class="stale-note" role="status">"These results are stale: fix the highlighted fields to run again."</p>
            })}
            {move || state.results_preview.get().then(|| view! {
                <p class="preview-note" role="status">{format!(
                    "Based on the first {} trials; the numbers refine as more trials run.",
                    NF.count(state.results.with(|r| r.as_ref().map_or(0, |r| r.summary.trials)) as f64)
                )}</p>
            })}
            {top}
            <div class="charts" class:hidden=move || state.results.with(|r| r.is_none())>
                {charts.into_iter().map(|kind| view! { <ChartCanvas kind=kind title=chart_title(kind) png=!compact /> }).collect_view()}
            </div>
            {tables}
        </section>
    }
}
