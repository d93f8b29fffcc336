//! The results: headline cards, charts with text alternatives, per-channel and
//! per-offer tables, and warnings. Every number comes from the core's summary.

use super::app::next_task;
use super::canvas::ChartCanvas;
use super::fields::hint;
use super::keep::ResultsExport;
use super::lang::{lang, nf, t, tw};
use super::state::{AppState, RunStatus};
use funnel_lab::charts::ChartKind;
use funnel_lab::metrics::{Metric, OfferField};
use funnel_lab::precision::McError;
use funnel_lab::results::Stages;
use funnel_lab::stats::{Stats, Summary};
use leptos::prelude::*;

/// The heading of a chart on the dashboard.
fn chart_title(kind: ChartKind) -> String {
    t(&format!("chart-title-{}", kind.slug()))
}

fn range(st: &Stats, f: impl Fn(f64) -> String) -> String {
    match (st.p5, st.p95) {
        (Some(a), Some(b)) => nf().range_text(&f(a), &f(b)),
        _ => t("no-value"),
    }
}

fn or_dash(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map(f).unwrap_or_else(|| t("no-value"))
}

/// The detail line of a card, with the glossary term that explains it (P5,
/// P95, "90% of trials": the percentiles), if any.
type Detail = (String, Option<&'static str>);

fn card(
    title: String,
    term: &'static str,
    value: String,
    detail: Detail,
    tone: &'static str,
) -> impl IntoView {
    card_with_margin(title, term, value, None, detail, tone)
}

/// A card whose value has a Monte Carlo error (shown as "± margin").
fn card_with_margin(
    title: String,
    term: &'static str,
    value: String,
    margin: Option<String>,
    (detail, detail_term): Detail,
    tone: &'static str,
) -> impl IntoView {
    view! {
        <div class=format!("card {tone}") data-card=term>
            <div class="card-title">{title} {hint(term)}</div>
            <div class="card-value">{value}</div>
            {margin.map(|m| view! {
                <div class="card-margin" data-margin=term title=t("card-margin-title")>
                    {format!("± {m}")} {hint("mc_error")}
                </div>
            })}
            <div class="card-detail">{detail} {detail_term.map(hint)}</div>
        </div>
    }
}

pub(super) fn headline(s: &Summary, error: Option<McError>, cur: &str) -> impl IntoView {
    let m = |k: Metric| s.stats(k);
    let nf = nf();
    let money = |x: f64| nf.money(x, cur);
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
    let percentiles = Some("percentile");
    let range_of = |m: Metric| {
        (
            tw("card-range", &[("range", range(s.stats(m), money).into())]),
            percentiles,
        )
    };
    // The card's day is over the trials that pay back; the chart's median line
    // is over all trials: say what each is over.
    let chart_day = match funnel_lab::charts::median_above_zero_from(s) {
        Some(day) => tw(
            "card-payback-chart",
            &[("day", nf.count(f64::from(day)).into())],
        ),
        None => t("card-payback-chart-never"),
    };
    let payback_detail = format!(
        "{}; {chart_day}",
        tw(
            "card-payback-among",
            &[("share", nf.percent(paid_back).into())]
        )
    );
    view! {
        <div class="cards">
            {card_with_margin(t("card-profit"), "profit", or_dash(profit.p50, money),
                error.and_then(|e| e.median_profit).map(money),
                (tw("card-profit-detail", &[("range", range(profit, money).into())]), percentiles), profit_tone)}
            {card_with_margin(t("card-loss"), "prob_loss", nf.percent(s.prob_loss),
                error.and_then(|e| e.prob_loss).map(|m| tw("card-margin-points", &[("points", nf.exact((m * 1000.0).round() / 10.0).into())])),
                (tw("card-loss-detail", &[("n", s.trials.into())]), None), loss_tone)}
            {card(t("card-payback"), "payback_day",
                or_dash(payback.p50, |d| tw("card-payback-value", &[("day", nf.count(d).into())])),
                (payback_detail, None), "")}
            {card(t("card-cac"), "cac", or_dash(m(Metric::Cac).p50, money), range_of(Metric::Cac), "")}
            {card(t("card-cltv"), "cltv", or_dash(m(Metric::Cltv).p50, money), range_of(Metric::Cltv), "")}
            {card(t("card-cash"), "cash_needed", or_dash(cash.p50, money), (tw("card-cash-detail", &[("value", or_dash(cash.p95, money).into())]), percentiles), "")}
            {roas_card(m(Metric::FrontEndRoas))}
        </div>
    }
}

/// Front-end ROAS: the median, and whether the front end pays for the ads by
/// itself (self-liquidating: a median of at least 1).
fn roas_card(roas: &Stats) -> impl IntoView {
    let nf = nf();
    let percent = |x: f64| nf.percent(x);
    let (detail, tone) = match roas.p50 {
        None => (t("card-front-end-roas-none"), ""),
        Some(r) if r >= 1.0 => (
            tw(
                "card-front-end-roas-self",
                &[("range", range(roas, percent).into())],
            ),
            "good",
        ),
        Some(r) => (
            tw(
                "card-front-end-roas-not",
                &[
                    ("part", nf.percent(r).into()),
                    ("range", range(roas, percent).into()),
                ],
            ),
            "warn",
        ),
    };
    card(
        t("card-front-end-roas"),
        "front_end_roas",
        or_dash(roas.p50, percent),
        (detail, None),
        tone,
    )
}

/// A table of results: a caption with its glossary hints, column headings
/// (each with a hint when it names one) and rows; the channel and value
/// ladder tables share it.
fn data_table(
    name: &'static str,
    caption: String,
    caption_terms: &[&'static str],
    columns: &[(&'static str, Option<&'static str>)],
    rows: impl IntoView,
) -> impl IntoView {
    view! {
        <table class="data" data-table=name>
            <caption>{caption} {caption_terms.iter().map(|&term| hint(term)).collect_view()}<span class="scroll-cue">{t("table-scroll-cue")}</span></caption>
            <thead><tr>
                {columns.iter().map(|&(id, term)| view! { <th scope="col">{t(id)} {term.map(hint)}</th> }).collect_view()}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// What the tables' structure depends on: their rows and the run's currency
/// and stages. The tables are built again only when it changes; the numbers
/// in their cells follow every update of the results in place (progressive
/// results update a few times a second, and a table of 50 channels laid out
/// anew each time cost 13-24 ms).
#[derive(Clone, Debug, PartialEq)]
struct TableShape {
    /// Channel rows shown (the `referral` row last, only with referrals).
    channels: Vec<String>,
    /// Offers: name, id, and the offer each follows.
    offers: Vec<(String, String, Option<String>)>,
    currency: String,
    stages: Stages,
}

impl TableShape {
    fn of(s: &Summary, currency: &str, stages: Stages) -> TableShape {
        // The `referral` row is last; without referrals it is always empty.
        let rows = if stages.referrals {
            s.channels.len()
        } else {
            s.channels.len().saturating_sub(1)
        };
        TableShape {
            channels: s
                .channels
                .iter()
                .take(rows)
                .map(|c| c.name.clone())
                .collect(),
            offers: s
                .offers
                .iter()
                .map(|o| (o.name.clone(), o.id.clone(), o.offered_to.clone()))
                .collect(),
            currency: currency.to_string(),
            stages,
        }
    }
}

/// A cell's text, read from the current results whenever they change (empty
/// while there are none).
fn live<T: Default + 'static>(
    state: AppState,
    read: impl Fn(&Summary) -> T + Send + Sync + 'static,
) -> impl Fn() -> T + Send + Sync + Copy + 'static {
    let read = StoredValue::new(read);
    move || {
        state
            .results
            .with(|r| r.as_ref().map(|r| read.with_value(|f| f(&r.summary))))
            .unwrap_or_default()
    }
}

/// A cell of row `i` of a results table: `f` of that row of the current
/// results (a channel or an offer, picked by `rows`), in the run's currency.
fn row_cell<R: 'static>(
    state: AppState,
    rows: fn(&Summary) -> &[R],
    i: usize,
    currency: &str,
    f: fn(&R, &str) -> String,
) -> impl Fn() -> String + Send + Sync + Copy + 'static {
    let currency = currency.to_string();
    live(state, move |s| {
        rows(s)
            .get(i)
            .map(|row| f(row, &currency))
            .unwrap_or_default()
    })
}

fn channel_table(state: AppState, shape: &TableShape) -> impl IntoView {
    let cur = &shape.currency;
    let rows = shape
        .channels
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let text = |f| row_cell(state, |s| &s.channels, i, cur, f);
            let loses = live(state, move |s| s.channels.get(i).is_some_and(|c| c.prob_negative_roi > 0.5));
            view! {
                <tr class:loses=loses>
                    <th scope="row">{funnel_lab::i18n::channel_name(lang(), name)}
                        {move || loses().then(|| view! { <span class="flag-by-name" aria-hidden="true">{t("loses-money")}</span> })}</th>
                    <td>{text(|c, _| or_dash(c.visitors.p50, |x| nf().count(x)))}</td>
                    <td>{text(|c, _| or_dash(c.leads.p50, |x| nf().count(x)))}</td>
                    <td>{text(|c, _| or_dash(c.customers.p50, |x| nf().count(x)))}</td>
                    <td>{text(|c, cur| or_dash(c.spend.p50, |x| nf().money(x, cur)))}</td>
                    <td>{text(|c, cur| or_dash(c.revenue.p50, |x| nf().money(x, cur)))}</td>
                    <td>{text(|c, cur| or_dash(c.profit.p50, |x| nf().money(x, cur)))}</td>
                    <td>{text(|c, _| or_dash(c.roi.p50, |x| nf().percent(x)))} <span class="sub">{text(|c, _| range(&c.roi, |x| nf().percent(x)))}</span></td>
                    <td>{text(|c, _| nf().percent(c.prob_negative_roi))} {move || loses().then(|| view! { <span class="flag">{t("loses-money")}</span> })}</td>
                </tr>
            }
        })
        .collect_view();
    data_table(
        "channels",
        t("channels-caption"),
        &["roi"],
        &[
            ("col-channel", None),
            ("col-visitors", None),
            ("col-leads", None),
            ("col-customers", Some("customer")),
            ("col-spend", None),
            ("col-revenue", None),
            ("col-profit", None),
            ("col-roi", Some("percentile")),
            ("col-roi-negative", None),
        ],
        rows,
    )
}

fn offer_table(state: AppState, shape: &TableShape) -> impl IntoView {
    let cur = &shape.currency;
    let rows = shape
        .offers
        .iter()
        .enumerate()
        .map(|(i, (name, id, offered_to))| {
            let text = |f| row_cell(state, |s| &s.offers, i, cur, f);
            view! {
                <tr>
                    <th scope="row">{name.clone()} <span class="sub">{id.clone()}</span></th>
                    <td>{offered_to.clone().unwrap_or_else(|| t("offered-by-touches"))}</td>
                    <td>{text(|o, _| or_dash(o.buyers.p50, |x| nf().count(x)))} <span class="sub">{text(|o, _| range(&o.buyers, |x| nf().count(x)))}</span></td>
                    <td>{text(|o, _| or_dash(o.conversion.p50, |x| nf().percent(x)))}</td>
                    <td>{text(|o, _| or_dash(o.refunds.p50, |x| nf().count(x)))}</td>
                    <td>{text(|o, cur| or_dash(o.revenue.p50, |x| nf().money(x, cur)))} <span class="sub">{text(|o, cur| range(&o.revenue, |x| nf().money(x, cur)))}</span></td>
                </tr>
            }
        })
        .collect_view();
    // Buyers count every purchase, refunded ones too; customers (the channel
    // table, CAC, CLTV) are the entry offer's buyers who kept it.
    let note = live(state, |s| {
        let nf = nf();
        let entry = |f: OfferField| s.offer_metric(f, 0).and_then(|m| m.stats.p50);
        match (
            entry(OfferField::Buyers),
            entry(OfferField::Refunds),
            s.stats(Metric::Customers).p50,
        ) {
            (Some(buyers), Some(refunds), Some(customers)) => Some(tw(
                "buyers-vs-customers",
                &[
                    ("buyers", nf.count(buyers).into()),
                    ("refunds", nf.count(refunds).into()),
                    ("customers", nf.count(customers).into()),
                ],
            )),
            _ => None,
        }
    });
    view! {
        {data_table(
            "offers",
            t("offers-caption"),
            &["value_ladder", "percentile"],
            &[
                ("col-offer", None),
                ("col-offered-to", Some("offered_to")),
                ("col-buyers", None),
                ("col-conversion", Some("take_rate")),
                ("col-refunds", Some("refund")),
                ("col-revenue-kept", None),
            ],
            rows,
        )}
        {move || note().map(|n| view! { <p class="note" data-note="buyers-vs-customers">{n}</p> })}
    }
}

fn lifecycle(state: AppState, shape: &TableShape) -> impl IntoView {
    let on = shape.stages;
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
    if facts.is_empty() {
        return view! {
            <p class="note">{t("lifecycle-none")}</p>
        }
        .into_any();
    }
    view! {
        <dl class="facts">
            {facts
                .into_iter()
                .map(|(m, term)| {
                    let cur = shape.currency.clone();
                    let median = live(state, move |s| or_dash(s.stats(m).p50, |x| nf().value(m.unit(), x, &cur)));
                    view! { <div><dt>{t(&format!("metric-{}", m.name()))} {hint(term)}</dt><dd>{median}</dd></div> }
                })
                .collect_view()}
        </dl>
    }
    .into_any()
}

/// Why there are no results yet, as the id of its message.
fn empty_reason(state: AppState) -> &'static str {
    if !state.runnable() {
        "results-empty"
    } else if matches!(state.status.get(), RunStatus::Running { .. }) {
        "results-simulating"
    } else {
        "results-none"
    }
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
            // Say what is happening: the first run going, a scenario that
            // cannot run, or no run (cancelled, failed).
            None => view! { <p class="empty" data-empty=move || empty_reason(state)>{move || t(empty_reason(state))}</p> }.into_any(),
            Some(r) => view! {
                <div class="warnings">
                    {funnel_lab::i18n::warnings(lang(), r).into_iter().map(|w| view! { <p class="warning" role="status">{w}</p> }).collect_view()}
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
            next_task(tables_ready, move || tables_ready.set(true));
        }
    });
    let shape = Memo::new(move |_| {
        state.results.with(|r| {
            r.as_ref()
                .map(|r| TableShape::of(&r.summary, &r.header.currency, r.header.stages))
        })
    });
    let tables = move || {
        if compact || !tables_ready.get() {
            return None;
        }
        shape.with(|shape| {
            shape.as_ref().map(|shape| {
                view! {
                    <ResultsExport />
                    {channel_table(state, shape)}
                    {offer_table(state, shape)}
                    <h3>{t("after-first-purchase")}</h3>
                    {lifecycle(state, shape)}
                }
            })
        })
    };
    view! {
        <section class="dashboard" class:stale=stale aria-live="polite" aria-label=t("region-results")>
            {move || (!state.runnable()).then(|| view! {
                <p class="stale-note" role="status">{t("results-stale")}</p>
            })}
            {move || state.results_preview.get().then(|| view! {
                <p class="preview-note" role="status">{tw("results-preview", &[(
                    "n",
                    state.results.with(|r| r.as_ref().map_or(0, |r| r.summary.trials)).into(),
                )])}</p>
            })}
            {top}
            <div class="charts" class:hidden=move || state.results.with(|r| r.is_none())>
                {charts.into_iter().map(|kind| {
                    let chart = move || view! { <ChartCanvas kind=kind title=chart_title(kind) png=!compact /> };
                    if kind.shown(Stages::default()) {
                        return chart().into_any();
                    }
                    // The life cycle's charts show when the run had their stage on.
                    let shown = move || state.results.with(|r| r.as_ref().is_some_and(|r| kind.shown(r.header.stages)));
                    view! { <Show when=shown>{chart()}</Show> }.into_any()
                }).collect_view()}
            </div>
            {(!compact).then(|| view! {
                <div class="decide-wrap" class:hidden=move || state.results.with(|r| r.is_none())>
                    <super::compare::ComparePanel />
                    <super::decide::DecidePanel />
                </div>
            })}
            {tables}
        </section>
    }
}
