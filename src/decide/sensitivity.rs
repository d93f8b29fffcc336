//! Which uncertain input moves a metric most (the data of a tornado chart),
//! from a run's own trials.
//!
//! For each input that varies between trials, the trials are sorted by its
//! draw; the lowest 10% of them (`max(1, ⌊n/10⌋)` trials) and the highest 10%
//! form its two tails. Each tail reports the input's own 10th or 90th
//! percentile over all trials and the metric's median among the tail's trials
//! (over those where the metric is defined: ROI needs a cost; a trial that
//! never pays back counts as paying back on the day after the horizon, see
//! [`super::decision_column`]). The swing is the distance between the two
//! medians, and Spearman's rank correlation (average ranks for ties, over the
//! trials where the metric is defined) says in which direction and how steadily
//! the input moves it.
//! Inputs are listed by swing, largest first; inputs fixed at one number (and
//! any whose draws are all equal) are not listed.
//!
//! Each input also carries its EVPPI for the launch decision (always on
//! profit, in money; see [`super::value`]), and the whole its EVPI.

use super::value::{evpi, evppi_noise, evppi_ordered};
use super::{decision_column, median, metric_name, spearman};
use crate::inputs::Field;
use crate::metrics::Metric;
use crate::stats::{quantile_sorted, Batch};
use serde::{Deserialize, Serialize};

/// The share of trials in each tail.
pub const TAIL_SHARE: f64 = 0.1;

/// `x` written with the digits its `f32` needs (the draws are kept as `f32`,
/// so more digits would only be noise): 0.16706566, not 0.16706565618515015.
fn f32_digits(x: f64) -> f64 {
    let single = x as f32;
    if !single.is_finite() {
        return x;
    }
    single.to_string().parse().unwrap_or(x)
}

/// One end of an input's bar: the input's value there and the metric's median
/// among the trials whose draw of the input is in that tail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tail {
    /// The input's 10th (low tail) or 90th (high tail) percentile, to the
    /// precision of the kept draws (7 significant digits).
    pub input: f64,
    /// The metric's median in the tail (`None` when no trial there defines it).
    pub metric: Option<f64>,
}

/// How much one uncertain input moves the metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputEffect {
    /// Its path, as validation messages write it (`channels[0].optin_rate`).
    pub path: String,
    /// The trials with its lowest 10% of draws.
    pub low: Tail,
    /// The trials with its highest 10% of draws.
    pub high: Tail,
    /// `|high.metric − low.metric|` (`None` when either is undefined).
    pub swing: Option<f64>,
    /// Spearman's rank correlation between its draws and the metric (`None`
    /// when the metric is constant or defined in fewer than 2 trials).
    pub rank_correlation: Option<f64>,
    /// The expected value of knowing it exactly before deciding to launch, in
    /// money (on profit, whatever the metric).
    pub evppi: f64,
}

impl InputEffect {
    /// The field of the table it is (its path parsed).
    pub fn field(&self) -> Option<Field> {
        Field::parse(&self.path)
    }
}

/// Every varying input's effect on one metric, largest swing first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The metric read.
    #[serde(with = "metric_name")]
    pub metric: Metric,
    /// Trials read.
    pub trials: u64,
    /// The metric's median over every trial that defines it.
    pub median: Option<f64>,
    /// The expected value of perfect information for the launch decision, in money.
    pub evpi: f64,
    /// The EVPPI estimator's largest upward bias for an input that does not
    /// matter ([`evppi_noise`]): an EVPPI below it cannot be told from 0.
    pub evppi_noise: f64,
    /// The inputs, by swing, largest first (undefined swings last).
    pub inputs: Vec<InputEffect>,
}

/// The `sensitivity` command's JSON: `metric`, `median`, `evpi` and the
/// `inputs` with `path`, `low`, `high`, `swing`, `rank_correlation`, `evppi`.
#[derive(Serialize)]
pub struct SensitivityReport<'a> {
    metric: &'static str,
    median: Option<f64>,
    evpi: f64,
    inputs: Vec<InputReport<'a>>,
}

#[derive(Serialize)]
struct InputReport<'a> {
    path: &'a str,
    low: &'a Tail,
    high: &'a Tail,
    swing: Option<f64>,
    rank_correlation: Option<f64>,
    evppi: f64,
}

impl Sensitivity {
    /// The effect of every varying input of `batch` on `metric`, from its trials.
    /// Inputs whose draws the batch does not hold (a batch read without them)
    /// are left out.
    pub fn of(batch: &Batch, metric: Metric) -> Sensitivity {
        let column = &decision_column(batch, metric)[..];
        let n = column.len();
        let profit: Vec<f64> = batch
            .metric(Metric::Profit)
            .iter()
            .map(|p| p.unwrap_or(0.0))
            .collect();
        let mut defined: Vec<f64> = column.iter().flatten().copied().collect();
        let overall = median(&mut defined);
        let tail = ((n as f64 * TAIL_SHARE) as usize).max(1);
        let tail_median = |trials: &[usize]| {
            let mut v: Vec<f64> = trials.iter().filter_map(|&t| column[t]).collect();
            median(&mut v)
        };
        let mut inputs = Vec::new();
        for draws in batch.input_draws() {
            let values = &draws.values;
            if n == 0 || values.len() != n {
                continue;
            }
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
            let (first, last) = (values[order[0]], values[order[n - 1]]);
            if first == last {
                continue;
            }
            let sorted: Vec<f64> = order.iter().map(|&t| f64::from(values[t])).collect();
            let low = Tail {
                input: f32_digits(quantile_sorted(&sorted, TAIL_SHARE)),
                metric: tail_median(&order[..tail]),
            };
            let high = Tail {
                input: f32_digits(quantile_sorted(&sorted, 1.0 - TAIL_SHARE)),
                metric: tail_median(&order[n - tail..]),
            };
            let swing = low.metric.zip(high.metric).map(|(a, b)| (b - a).abs());
            let (xs, ys): (Vec<f64>, Vec<f64>) = values
                .iter()
                .zip(column)
                .filter_map(|(&x, y)| y.map(|y| (f64::from(x), y)))
                .unzip();
            inputs.push(InputEffect {
                path: draws.path.clone(),
                low,
                high,
                swing,
                rank_correlation: spearman(&xs, &ys),
                evppi: if profit.len() == n {
                    evppi_ordered(&order, &profit)
                } else {
                    0.0
                },
            });
        }
        // Largest swing first; undefined swings last; the table's order otherwise.
        inputs.sort_by(|a, b| match (a.swing, b.swing) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        Sensitivity {
            metric,
            trials: n as u64,
            median: overall,
            evpi: evpi(&profit),
            evppi_noise: evppi_noise(&profit),
            inputs,
        }
    }

    /// The inputs by EVPPI, largest first: what is worth testing first.
    pub fn by_value(&self) -> Vec<&InputEffect> {
        let mut v: Vec<&InputEffect> = self.inputs.iter().collect();
        v.sort_by(|a, b| b.evppi.total_cmp(&a.evppi));
        v
    }

    /// The input most worth testing first: the largest EVPPI, if it is above
    /// the estimator's noise ([`Sensitivity::evppi_noise`]).
    pub fn worth_testing_first(&self) -> Option<&InputEffect> {
        self.by_value()
            .into_iter()
            .next()
            .filter(|e| e.evppi > self.evppi_noise)
    }

    /// What the `sensitivity` command prints (serialize it with serde_json).
    pub fn report(&self) -> SensitivityReport<'_> {
        SensitivityReport {
            metric: self.metric.name(),
            median: self.median,
            evpi: self.evpi,
            inputs: self
                .inputs
                .iter()
                .map(|e| InputReport {
                    path: &e.path,
                    low: &e.low,
                    high: &e.high,
                    swing: e.swing,
                    rank_correlation: e.rank_correlation,
                    evppi: e.evppi,
                })
                .collect(),
        }
    }
}
