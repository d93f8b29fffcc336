//! Deciding, not only seeing: which uncertain input moves a metric most
//! ([`sensitivity`]: a tornado), what knowing an input exactly before launching
//! would be worth ([`value`]: EVPPI and EVPI), and one scenario against another
//! on the same random draws ([`compare`]).
//!
//! Everything here reads a run's own trials (a [`crate::stats::Batch`] keeps
//! each trial's metrics and the draw of every varying input, in trial order):
//! no extra trials are run. Comparisons run both scenarios with the same seed,
//! and since every input and event is drawn from a stream keyed by what it
//! belongs to, the two runs share every draw their difference does not touch
//! (common random numbers); a scenario compared with itself differs by exactly
//! 0 in every trial.
//!
//! The metrics one may decide on are [`DECISION_METRICS`]; each says whether
//! more of it is better ([`higher_is_better`]). Their values per trial are
//! [`decision_column`]: as the batch holds them, except that a trial that does
//! not pay back within the horizon counts as paying back on day `horizon_days`
//! (the first day after it), so that never paying back ranks, and compares,
//! as the latest payback rather than dropping out.

pub mod baseline;
pub mod compare;
pub mod ranking;
pub mod sensitivity;
pub mod value;

pub use baseline::{BaselineCache, BaselineRequest, BaselineView};
pub use compare::{
    median_difference, run_both, AgainstBaseline, CompareError, Comparison, MedianDifference, Side,
    Spread,
};
pub use ranking::{about, Ranking, RankingRequest};
pub use sensitivity::{InputEffect, Sensitivity, SensitivityReport, Tail};
pub use value::{evpi, evppi, evppi_bins, evppi_noise, evppi_ordered};

use crate::metrics::Metric;
use crate::stats::Batch;
use std::fmt;

/// The metrics a tornado or a comparison may be read on, in the order menus
/// list them (profit, the default, first).
pub const DECISION_METRICS: [Metric; 6] = [
    Metric::Profit,
    Metric::Revenue,
    Metric::Customers,
    Metric::Roi,
    Metric::PaybackDay,
    Metric::CashNeeded,
];

/// Whether a larger value of `metric` is the better outcome (false for the
/// payback day and the cash needed, which are better when smaller).
pub fn higher_is_better(metric: Metric) -> bool {
    !matches!(
        metric,
        Metric::PaybackDay
            | Metric::CashNeeded
            | Metric::Cost
            | Metric::Cac
            | Metric::Unsubscribes
            | Metric::Refunds
    )
}

/// A metric name that is not one of [`DECISION_METRICS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotADecisionMetric(pub String);

impl fmt::Display for NotADecisionMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = DECISION_METRICS.iter().map(|m| m.name()).collect();
        write!(
            f,
            "metric: must be one of {} (got \"{}\")",
            names.join(", "),
            self.0
        )
    }
}

impl std::error::Error for NotADecisionMetric {}

/// The decision metric named `name` (its serialized name, e.g. `payback_day`).
pub fn decision_metric(name: &str) -> Result<Metric, NotADecisionMetric> {
    DECISION_METRICS
        .iter()
        .copied()
        .find(|m| m.name() == name)
        .ok_or_else(|| NotADecisionMetric(name.to_string()))
}

/// Every trial's value of `metric` in `batch`, for deciding: as
/// [`Batch::metric`] holds it, except the payback day, where a trial that does
/// not pay back within the horizon counts as paying back on day `horizon_days`
/// (a lower bound of "never", the first day after the horizon; read from the
/// batch's per-day bands, whose last day is the horizon's last).
pub fn decision_column(batch: &Batch, metric: Metric) -> Vec<Option<f64>> {
    let column = batch.metric(metric);
    let after_horizon = batch.daily.days.last().map(|&d| f64::from(d) + 1.0);
    match (metric, after_horizon) {
        (Metric::PaybackDay, Some(day)) => column.iter().map(|v| v.or(Some(day))).collect(),
        _ => column.to_vec(),
    }
}

/// Serde for a [`Metric`] as its serialized name (`"profit"`).
pub(crate) mod metric_name {
    use crate::metrics::Metric;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(m: &Metric, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(m.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Metric, D::Error> {
        let name = String::deserialize(d)?;
        Metric::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown metric \"{name}\"")))
    }
}

/// The median of `values` (type 7, as every quantile of the summary); `None`
/// when empty. Reorders `values`.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    let mid = (n - 1) / 2;
    let (_, &mut lo, rest) = values.select_nth_unstable_by(mid, f64::total_cmp);
    if n % 2 == 1 {
        Some(lo)
    } else {
        let hi = rest.iter().copied().min_by(f64::total_cmp).unwrap_or(lo);
        Some(lo + 0.5 * (hi - lo))
    }
}

/// The ranks (1-based) of `values`, ties given the mean of the ranks they
/// span, so that Spearman's coefficient is the Pearson correlation of ranks.
pub(crate) fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold equal values: ranks start+1 ..= end.
        let rank = 0.5 * ((start + 1 + end) as f64);
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation of two equally long columns; `None` when shorter than
/// 2 or either is constant.
pub(crate) fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x[..n].iter().zip(&y[..n]) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if !(sxx > 0.0 && syy > 0.0) {
        return None;
    }
    Some((sxy / f64::sqrt(sxx * syy)).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation of two equally long columns (average ranks for
/// ties); `None` when shorter than 2 or either is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}
