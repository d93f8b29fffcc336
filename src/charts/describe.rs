//! Text alternatives: each chart in one or two plain sentences, for screen
//! readers and for the text shown under the canvas.

use super::data::{active_channels, funnel_stages, profit_bands, Quantiles};
use super::ChartKind;
use crate::format::NumberFormat;
use crate::metrics::Metric;
use crate::results::RunResult;
use crate::stats::Summary;

/// The chart in one or two plain sentences, for screen readers, e.g. "Median
/// profit −12,577 USD; 90% of trials between −25,093 and 4,593 USD; loss in
/// 89.7% of trials." Amounts are in the run's currency, numbers written as
/// `nf` says.
pub fn describe(kind: ChartKind, run: &RunResult, nf: &NumberFormat) -> String {
    let (s, currency) = (&run.summary, run.header.currency.as_str());
    if s.trials == 0 {
        return "No trials were run.".into();
    }
    match kind {
        ChartKind::Funnel => describe_funnel(s, nf),
        ChartKind::ProfitHistogram => describe_profit(s, currency, nf),
        ChartKind::ProfitOverTime => describe_profit_over_time(s, currency, nf),
        ChartKind::ChannelRoi => describe_channel_roi(s, nf),
    }
}

fn describe_funnel(s: &Summary, nf: &NumberFormat) -> String {
    let stages = funnel_stages(s);
    let parts: Vec<String> = stages
        .iter()
        .map(|st| {
            let mut t = format!("{} {}", nf.count(st.p50), st.people);
            if let (Some(from), Some(c)) = (st.from, st.conversion) {
                t.push_str(&format!(
                    " ({} of {})",
                    nf.percent(c.p50),
                    stages[from].people
                ));
            }
            t
        })
        .collect();
    format!(
        "Medians over {} trials: {}.",
        nf.count(s.trials as f64),
        parts.join("; ")
    )
}

fn describe_profit(s: &Summary, currency: &str, nf: &NumberFormat) -> String {
    let Some(q) = s
        .metric(Metric::Profit)
        .and_then(|m| Quantiles::of(&m.stats))
    else {
        return "No profit data.".into();
    };
    let spread = if nf.money(q.p5, "") == nf.money(q.p95, "") {
        format!("{} in at least 90% of trials", nf.money(q.p50, currency))
    } else {
        format!(
            "90% of trials between {}",
            nf.money_range(q.p5, q.p95, currency)
                .replacen(" to ", " and ", 1)
        )
    };
    format!(
        "Median profit {}; {spread}; loss in {} of trials.",
        nf.money(q.p50, currency),
        nf.percent(s.prob_loss)
    )
}

fn describe_profit_over_time(s: &Summary, currency: &str, nf: &NumberFormat) -> String {
    let Some((days, band)) = profit_bands(s) else {
        return "No daily profit data.".into();
    };
    let last = days.len() - 1;
    let mut text = format!(
        "Median cumulative profit on day {} (the last): {} (90% of trials between {}).",
        days[last],
        nf.money(band.p50[last], currency),
        nf.money_range(band.p5[last], band.p95[last], currency)
            .replacen(" to ", " and ", 1)
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
        text.push_str(&format!(
            " The median is lowest on day {}, at {}",
            days[low_i],
            nf.money(low, currency)
        ));
        if band.p50[last] >= 0.0 {
            let even = (0..=last)
                .rev()
                .find(|&i| band.p50[i] < 0.0)
                .map_or(0, |i| i + 1);
            text.push_str(&format!(
                ", and back above zero from day {}",
                days[even.min(last)]
            ));
        }
        text.push('.');
    }
    text
}

fn describe_channel_roi(s: &Summary, nf: &NumberFormat) -> String {
    let channels = active_channels(s);
    if channels.is_empty() {
        return "No channels.".into();
    }
    let parts: Vec<String> = channels
        .iter()
        .map(|c| match c.roi.p50 {
            Some(m) => format!(
                "{} {} (loses money in {} of trials)",
                c.name,
                nf.percent(m),
                nf.percent(c.prob_negative_roi)
            ),
            None => format!("{} not defined (no cost)", c.name),
        })
        .collect();
    format!(
        "Median return on cost (ROI) by channel: {}.",
        parts.join("; ")
    )
}
