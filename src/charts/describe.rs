//! Text alternatives: each chart in one or two plain sentences, for screen
//! readers and for the text shown under the canvas, in the chart's language.

use super::data::{
    active_channels, daily_band, funnel_stages, median_above_zero_from, profit_bands, Quantiles,
};
use super::ChartKind;
use crate::i18n::{channel_name, Lang};
use crate::metrics::{DailySeries, Metric};
use crate::results::RunResult;
use crate::stats::Summary;

/// The chart in one or two plain sentences, for screen readers, e.g. "Median
/// profit −$12,577; 90% of trials between −$25,093 and $4,593; loss in 89.7%
/// of trials." Words are in `lang`, numbers written as it writes them, and
/// amounts are in the run's currency.
pub fn describe(kind: ChartKind, run: &RunResult, lang: Lang) -> String {
    let (s, currency) = (&run.summary, run.header.currency.as_str());
    if s.trials == 0 {
        return lang.t("describe-no-trials");
    }
    match kind {
        ChartKind::Funnel => describe_funnel(s, lang),
        ChartKind::ProfitHistogram => describe_profit(s, currency, lang),
        ChartKind::ProfitOverTime => describe_profit_over_time(s, currency, lang),
        ChartKind::ChannelRoi => describe_channel_roi(s, lang),
        fan => match fan.series() {
            Some(series) => describe_series(s, series, currency, lang),
            None => String::new(),
        },
    }
}

/// A life-cycle series: its median and 90% band on the last day, and its
/// highest median when that came clearly earlier (subscribers who churn,
/// customers who drop out).
fn describe_series(s: &Summary, series: DailySeries, currency: &str, lang: Lang) -> String {
    let nf = lang.numbers();
    let Some((days, band)) = daily_band(s, series) else {
        return lang.t("describe-no-daily-series");
    };
    let value = |x: f64| nf.value(series.unit(), x, currency);
    let last = days.len() - 1;
    let mut text = lang.t_with(
        "describe-series",
        &[
            (
                "series",
                lang.t(&format!("series-{}", series.name())).into(),
            ),
            ("day", nf.count(f64::from(days[last])).into()),
            ("median", value(band.p50[last]).into()),
            ("low", value(band.p5[last]).into()),
            ("high", value(band.p95[last]).into()),
        ],
    );
    let (top_i, top) =
        band.p50
            .iter()
            .copied()
            .enumerate()
            .fold(
                (0, f64::NEG_INFINITY),
                |a, (i, v)| if v > a.1 { (i, v) } else { a },
            );
    // Only a clear peak (5% above the end), not the noise of a plateau.
    if top_i < last && top - band.p50[last] > 0.05 * top.abs() {
        text.push(' ');
        text.push_str(&lang.t_with(
            "describe-series-peak",
            &[
                ("day", nf.count(f64::from(days[top_i])).into()),
                ("value", value(top).into()),
            ],
        ));
    }
    text
}

fn describe_funnel(s: &Summary, lang: Lang) -> String {
    let nf = lang.numbers();
    let stages = funnel_stages(s, lang);
    let parts: Vec<String> = stages
        .iter()
        .map(|st| {
            let stage = lang.t_with(
                "describe-funnel-stage",
                &[
                    ("count", nf.count(st.p50).into()),
                    ("label", st.label.as_str().into()),
                    ("people", st.people.as_str().into()),
                ],
            );
            match (st.from, st.conversion) {
                (Some(from), Some(c)) => lang.t_with(
                    "describe-funnel-conversion",
                    &[
                        ("stage", stage.into()),
                        ("share", nf.percent(c.p50).into()),
                        ("from", stages[from].people.as_str().into()),
                    ],
                ),
                _ => stage,
            }
        })
        .collect();
    lang.t_with(
        "describe-funnel",
        &[
            ("trials", s.trials.into()),
            ("stages", parts.join(&lang.t("list-separator")).into()),
        ],
    )
}

fn describe_profit(s: &Summary, currency: &str, lang: Lang) -> String {
    let nf = lang.numbers();
    let Some(q) = s
        .metric(Metric::Profit)
        .and_then(|m| Quantiles::of(&m.stats))
    else {
        return lang.t("describe-no-profit");
    };
    let spread = if nf.money(q.p5, "") == nf.money(q.p95, "") {
        lang.t_with(
            "describe-profit-same",
            &[("value", nf.money(q.p50, currency).into())],
        )
    } else {
        lang.t_with(
            "describe-profit-spread",
            &[
                ("low", nf.money(q.p5, currency).into()),
                ("high", nf.money(q.p95, currency).into()),
            ],
        )
    };
    lang.t_with(
        "describe-profit",
        &[
            ("median", nf.money(q.p50, currency).into()),
            ("spread", spread.into()),
            ("loss", nf.percent(s.prob_loss).into()),
        ],
    )
}

fn describe_profit_over_time(s: &Summary, currency: &str, lang: Lang) -> String {
    let nf = lang.numbers();
    let Some((days, band)) = profit_bands(s) else {
        return lang.t("describe-no-daily-profit");
    };
    let last = days.len() - 1;
    let mut text = lang.t_with(
        "describe-profit-over-time",
        &[
            ("day", nf.count(f64::from(days[last])).into()),
            ("median", nf.money(band.p50[last], currency).into()),
            ("low", nf.money(band.p5[last], currency).into()),
            ("high", nf.money(band.p95[last], currency).into()),
        ],
    );
    let (low_i, low) =
        band.p50
            .iter()
            .copied()
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |a, (i, v)| if v < a.1 { (i, v) } else { a },
            );
    if low < 0.0 && low_i < last {
        text.push(' ');
        text.push_str(&lang.t_with(
            "describe-lowest",
            &[
                ("day", nf.count(f64::from(days[low_i])).into()),
                ("value", nf.money(low, currency).into()),
            ],
        ));
        if let Some(day) = median_above_zero_from(s) {
            text.push_str(&lang.t_with(
                "describe-back-above",
                &[("day", nf.count(f64::from(day)).into())],
            ));
        }
        text.push('.');
    }
    text
}

fn describe_channel_roi(s: &Summary, lang: Lang) -> String {
    let nf = lang.numbers();
    let channels = active_channels(s);
    if channels.is_empty() {
        return lang.t("describe-no-channels");
    }
    let parts: Vec<String> = channels
        .iter()
        .map(|c| {
            let name = channel_name(lang, &c.name);
            match c.roi.p50 {
                Some(m) => lang.t_with(
                    "describe-channel",
                    &[
                        ("name", name.into()),
                        ("roi", nf.percent(m).into()),
                        ("share", nf.percent(c.prob_negative_roi).into()),
                    ],
                ),
                None => lang.t_with("describe-channel-undefined", &[("name", name.into())]),
            }
        })
        .collect();
    lang.t_with(
        "describe-channel-roi",
        &[("channels", parts.join(&lang.t("list-separator")).into())],
    )
}
