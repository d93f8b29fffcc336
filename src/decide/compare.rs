//! One scenario against another on the same random draws.
//!
//! Both are run with the same seed and trials ([`run_both`]); every input and
//! event is drawn from a stream keyed by what it belongs to, so trial `t` of
//! one and trial `t` of the other share every draw their difference does not
//! touch. The comparison is then read trial by trial
//! ([`super::decision_column`]: a trial that never pays back counts as paying
//! back on the day after the horizon): the difference B − A of the metric in
//! each trial where both define it, the share of those trials in
//! which B is strictly better ([`super::higher_is_better`] says which way),
//! and each side's own statistics.
//!
//! The difference of the two medians comes with a 90% band from a paired
//! bootstrap ([`median_difference`]): trials are resampled with replacement
//! ([`MEDIAN_BAND_RESAMPLES`] times, from a fixed seed), both medians are
//! taken in each resample, and the band is the 5th to 95th percentile of the
//! resampled differences (the percentile method).

use super::{decision_column, higher_is_better, median, metric_name};
use crate::engine::{Plan, RunError, RunOptions};
use crate::metrics::Metric;
use crate::sampling::{StreamKey, TrialRng};
use crate::stats::{quantile_sorted, Batch, Histogram};
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Mean, sd and the 5th, 50th and 95th percentiles of the per-trial difference.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Mean (`None` when no trial defines it; likewise below).
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1; 0 for one trial).
    pub sd: Option<f64>,
    /// 5th percentile.
    pub p5: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
}

/// One side's statistics: mean and the 5th, 50th and 95th percentiles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Mean over the trials that define the metric.
    pub mean: Option<f64>,
    /// 5th percentile.
    pub p5: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
}

/// Scenario B against scenario A on one metric. Serialized, it is exactly the
/// `compare` command's JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Trials of each run.
    pub trials: u64,
    /// The metric compared.
    #[serde(with = "metric_name")]
    pub metric: Metric,
    /// B − A trial by trial, over the trials where both define the metric.
    pub difference: Spread,
    /// The share of those trials in which B is strictly better (`None` when
    /// there are none).
    pub prob_b_better: Option<f64>,
    /// A's statistics.
    pub a: Side,
    /// B's statistics.
    pub b: Side,
}

/// Two runs that cannot be compared trial by trial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    /// They do not hold the same trials.
    DifferentTrials {
        /// A's first trial and count.
        a: (u64, u64),
        /// B's first trial and count.
        b: (u64, u64),
    },
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::DifferentTrials { a, b } => write!(
                f,
                "the two runs must hold the same trials to be compared trial by trial \
                 (A: {} from trial {}, B: {} from trial {})",
                a.1, a.0, b.1, b.0
            ),
        }
    }
}

impl std::error::Error for CompareError {}

/// Runs `a` and `b` with the same options (trials, seed): on common random numbers.
pub fn run_both(
    a: ValidScenario,
    b: ValidScenario,
    options: &RunOptions,
) -> Result<(Batch, Batch), RunError> {
    let pa = Plan::new(a, options.clone())?;
    let pb = Plan::new(b, options.clone())?;
    let trials = options.trials;
    Ok((Batch::run(&pa, 0, trials), Batch::run(&pb, 0, trials)))
}

/// `b − a` in every trial where both are defined, in trial order.
pub fn differences(a: &[Option<f64>], b: &[Option<f64>]) -> Vec<f64> {
    a.iter()
        .zip(b)
        .filter_map(|(x, y)| Some((*y)? - (*x)?))
        .collect()
}

fn side(column: &[Option<f64>]) -> Side {
    let mut v: Vec<f64> = column.iter().flatten().copied().collect();
    if v.is_empty() {
        return Side::default();
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    v.sort_unstable_by(f64::total_cmp);
    Side {
        mean: Some(mean),
        p5: Some(quantile_sorted(&v, 0.05)),
        p50: Some(quantile_sorted(&v, 0.5)),
        p95: Some(quantile_sorted(&v, 0.95)),
    }
}

fn spread(mut v: Vec<f64>) -> Spread {
    let n = v.len();
    if n == 0 {
        return Spread::default();
    }
    let mean = v.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        f64::sqrt(v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64)
    } else {
        0.0
    };
    v.sort_unstable_by(f64::total_cmp);
    Spread {
        mean: Some(mean),
        sd: Some(sd),
        p5: Some(quantile_sorted(&v, 0.05)),
        p50: Some(quantile_sorted(&v, 0.5)),
        p95: Some(quantile_sorted(&v, 0.95)),
    }
}

impl Comparison {
    /// B against A on `metric`, trial by trial; the batches must hold the same trials.
    pub fn of(a: &Batch, b: &Batch, metric: Metric) -> Result<Comparison, CompareError> {
        if (a.first_trial, a.trials) != (b.first_trial, b.trials) {
            return Err(CompareError::DifferentTrials {
                a: (a.first_trial, a.trials),
                b: (b.first_trial, b.trials),
            });
        }
        let (ca, cb) = (decision_column(a, metric), decision_column(b, metric));
        let (ca, cb) = (&ca[..], &cb[..]);
        let diff = differences(ca, cb);
        let better = if higher_is_better(metric) {
            diff.iter().filter(|&&d| d > 0.0).count()
        } else {
            diff.iter().filter(|&&d| d < 0.0).count()
        };
        let prob_b_better = (!diff.is_empty()).then(|| better as f64 / diff.len() as f64);
        Ok(Comparison {
            trials: a.trials,
            metric,
            difference: spread(diff),
            prob_b_better,
            a: side(ca),
            b: side(cb),
        })
    }
}

/// Resamples of the bootstrap behind [`MedianDifference`]'s band.
pub const MEDIAN_BAND_RESAMPLES: usize = 200;

/// The difference of the two medians, median(B) − median(A), with its 90% band.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MedianDifference {
    /// median(B) − median(A), each over the trials that define the metric.
    pub estimate: f64,
    /// The 5th percentile of the bootstrap's differences.
    pub low: f64,
    /// The 95th percentile of the bootstrap's differences.
    pub high: f64,
}

/// median(B) − median(A) and its 90% band from a paired bootstrap: trial
/// indices are drawn with replacement ([`MEDIAN_BAND_RESAMPLES`] resamples of
/// all the trials, from the keyed stream `bootstrap/median difference` of `seed`), the two medians are taken
/// over the drawn trials that define each, and the band is the 5th to 95th
/// percentile of their differences. Resampling trials, not values, keeps the
/// pairing (common random numbers), so the band is as narrow as the shared
/// draws make it. `None` when either side has no defined value. Costs
/// `O(resamples × n)`.
pub fn median_difference(
    a: &[Option<f64>],
    b: &[Option<f64>],
    seed: u64,
) -> Option<MedianDifference> {
    let n = a.len().min(b.len());
    let own = |c: &[Option<f64>]| {
        let mut v: Vec<f64> = c[..n].iter().flatten().copied().collect();
        median(&mut v)
    };
    let estimate = own(b)? - own(a)?;
    let mut rng = TrialRng::for_key(
        seed,
        0,
        StreamKey::new("bootstrap").with("median difference"),
    );
    let (mut ra, mut rb) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut diffs = Vec::with_capacity(MEDIAN_BAND_RESAMPLES);
    for _ in 0..MEDIAN_BAND_RESAMPLES {
        ra.clear();
        rb.clear();
        for _ in 0..n {
            // Lemire's multiply-shift: an index in 0..n without a modulo.
            let t = ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize;
            ra.extend(a[t]);
            rb.extend(b[t]);
        }
        if let (Some(x), Some(y)) = (median(&mut ra), median(&mut rb)) {
            diffs.push(y - x);
        }
    }
    diffs.sort_unstable_by(f64::total_cmp);
    if diffs.is_empty() {
        return None;
    }
    Some(MedianDifference {
        estimate,
        low: quantile_sorted(&diffs, 0.05),
        high: quantile_sorted(&diffs, 0.95),
    })
}

/// What the dashboard shows of the current scenario (B) against a pinned
/// baseline (A) on one metric: the comparison, the difference of the medians
/// with its band, and the distribution of the per-trial difference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgainstBaseline {
    /// B against A, trial by trial.
    pub comparison: Comparison,
    /// median(B) − median(A) with its 90% band (`None` when a side never
    /// defines the metric).
    pub median_difference: Option<MedianDifference>,
    /// The per-trial differences B − A, in equal bins (`None` without any).
    pub difference_histogram: Option<Histogram>,
}

impl AgainstBaseline {
    /// The current run `current` against the baseline's run `baseline` (the
    /// same trials, run with seed `seed`) on `metric`.
    pub fn of(
        baseline: &Batch,
        current: &Batch,
        metric: Metric,
        seed: u64,
    ) -> Result<AgainstBaseline, CompareError> {
        let comparison = Comparison::of(baseline, current, metric)?;
        let (a, b) = (
            decision_column(baseline, metric),
            decision_column(current, metric),
        );
        let (a, b) = (&a[..], &b[..]);
        let diffs: Vec<Option<f64>> = differences(a, b).into_iter().map(Some).collect();
        Ok(AgainstBaseline {
            comparison,
            median_difference: median_difference(a, b, seed),
            difference_histogram: Histogram::of(&diffs),
        })
    }
}
