//! The Monte Carlo error of a run: how much its headline numbers (the median
//! profit and the chance of a loss) would move with another seed, estimated by
//! batch means, and the rule that stops a run once that error is small enough.
//!
//! **Batch means.** The trials, in order, are cut into [`ERROR_BATCHES`] equal
//! batches; the statistic is computed in each batch, and its standard error is
//! the standard deviation of the batch values over √batches. For a mean or a
//! proportion this is the textbook estimate; for a median the mean of the batch
//! medians has, for large batches, the variance of the median of all trials
//! (1 / (4 n f²) either way), so the same estimate applies. The margin shown is
//! [`MARGIN_SES`] standard errors: about 95% of runs with another seed would land
//! within it.
//!
//! **Stopping.** A run with a chosen [`Precision`] is checked at fixed trial
//! counts ([`checkpoint_after`]: 1,000, 2,000, 5,000, 10,000, …) and stops at
//! the first whose margins are within the target. The checkpoints do not depend
//! on how the run was cut into chunks or how many workers ran it, so the trials
//! it stops at, and its results, are the same every time.

use serde::{Deserialize, Serialize};

/// Batches the trials are cut into for the error estimate.
pub const ERROR_BATCHES: usize = 30;
/// Fewest trials per batch for an estimate (fewer trials: no estimate).
pub const MIN_TRIALS_PER_BATCH: usize = 10;
/// Standard errors in the margin shown (about a 95% interval).
pub const MARGIN_SES: f64 = 2.0;

/// Quantile `q` of `values` (Hyndman & Fan type 7, as [`crate::stats::quantile_sorted`]),
/// found by selection in linear time; reorders `values`. Empty: NaN.
pub fn quantile_select(values: &mut [f64], q: f64) -> f64 {
    quantiles_select(values, &[q])[0]
}

/// Quantiles `qs` of `values`, each exactly [`crate::stats::quantile_sorted`]'s
/// of the sorted values, bit for bit, found by nested selection (a few passes
/// over the values rather than a sort); reorders `values`. Empty: NaN.
pub fn quantiles_select(values: &mut [f64], qs: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n == 0 {
        return vec![f64::NAN; qs.len()];
    }
    // Each quantile interpolates between order statistics `lo` and `lo + 1`.
    let at: Vec<(usize, f64)> = qs
        .iter()
        .map(|&q| {
            let pos = q * (n - 1) as f64;
            let lo = (pos.floor() as usize).min(n - 1);
            (lo, pos - lo as f64)
        })
        .collect();
    let mut ranks: Vec<usize> = at
        .iter()
        .flat_map(|&(lo, frac)| {
            let next = (frac != 0.0 && lo + 1 < n).then_some(lo + 1);
            std::iter::once(lo).chain(next)
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    let mut found = Vec::with_capacity(ranks.len());
    select_ranks(values, 0, &ranks, &mut found);
    let value = |rank: usize| {
        found
            .iter()
            .find(|&&(r, _)| r == rank)
            .map_or(f64::NAN, |&(_, v)| v)
    };
    at.iter()
        .map(|&(lo, frac)| {
            let a = value(lo);
            if frac == 0.0 || lo + 1 >= n {
                a
            } else {
                a + frac * (value(lo + 1) - a)
            }
        })
        .collect()
}

/// Finds the order statistics `ranks` (ascending, relative to `values`, which
/// start at rank `offset`): the middle one by selection, then the smaller ones
/// among the values below it and the larger ones among those above.
fn select_ranks(values: &mut [f64], offset: usize, ranks: &[usize], found: &mut Vec<(usize, f64)>) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let k = ranks[mid];
    let (below, &mut at, above) = values.select_nth_unstable_by(k, f64::total_cmp);
    found.push((offset + k, at));
    select_ranks(below, offset, &ranks[..mid], found);
    let higher: Vec<usize> = ranks[mid + 1..].iter().map(|r| r - k - 1).collect();
    select_ranks(above, offset + k + 1, &higher, found);
}

/// Standard error of `statistic` over `values` by batch means: `batches` equal
/// batches of consecutive values (the last `len % batches` values are left
/// out). `None` with fewer than [`MIN_TRIALS_PER_BATCH`] values a batch.
pub fn batch_means_se(
    values: &[f64],
    batches: usize,
    mut statistic: impl FnMut(&mut [f64]) -> f64,
) -> Option<f64> {
    let size = values.len() / batches.max(2);
    if batches < 2 || size < MIN_TRIALS_PER_BATCH {
        return None;
    }
    let mut scratch = Vec::with_capacity(size);
    let stats: Vec<f64> = values
        .chunks_exact(size)
        .take(batches)
        .map(|batch| {
            scratch.clear();
            scratch.extend_from_slice(batch);
            statistic(&mut scratch)
        })
        .collect();
    let k = stats.len() as f64;
    let mean = stats.iter().sum::<f64>() / k;
    let var = stats.iter().map(|s| (s - mean) * (s - mean)).sum::<f64>() / (k - 1.0);
    Some((var / k).sqrt())
}

/// The arithmetic mean (a [`batch_means_se`] statistic).
pub fn mean(values: &mut [f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The median (a [`batch_means_se`] statistic).
pub fn median(values: &mut [f64]) -> f64 {
    quantile_select(values, 0.5)
}

/// The share of negative values (a [`batch_means_se`] statistic).
pub fn share_negative(values: &mut [f64]) -> f64 {
    values.iter().filter(|&&x| x < 0.0).count() as f64 / values.len() as f64
}

/// The Monte Carlo error of a run's headline numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct McError {
    /// Trials it was estimated from.
    pub trials: u64,
    /// Margin (± this much, about 95%) of the median profit; `None` with too few trials.
    pub median_profit: Option<f64>,
    /// Margin of the chance of a loss (a share: 0.01 is one percentage point).
    pub prob_loss: Option<f64>,
}

impl McError {
    /// The error of the median profit and of the chance of a loss, from every
    /// trial's profit in trial order.
    pub fn of_profits(profits: &[f64]) -> McError {
        let margin = |se: Option<f64>| se.map(|s| MARGIN_SES * s);
        McError {
            trials: profits.len() as u64,
            median_profit: margin(batch_means_se(profits, ERROR_BATCHES, median)),
            prob_loss: margin(batch_means_se(profits, ERROR_BATCHES, share_negative)),
        }
    }
}

/// A precision to stop a run at: the margin of the median profit within this
/// share of its size, and the margin of the chance of a loss within this many
/// percentage points (0.01: ±1% and ±1 point).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Precision(pub f64);

impl Precision {
    /// The precisions the app offers.
    pub const CHOICES: [Precision; 3] = [Precision(0.005), Precision(0.01), Precision(0.02)];

    /// Whether `error` is within this precision for a run whose median profit is
    /// `median_profit`. Never with too few trials to estimate it; a median
    /// profit of 0 cannot be known to a share of itself, so such runs go on.
    pub fn reached(&self, error: &McError, median_profit: f64) -> bool {
        match (error.median_profit, error.prob_loss) {
            (Some(m), Some(p)) => m <= self.0 * median_profit.abs() && p <= self.0,
            _ => false,
        }
    }
}

/// Fewest trials at which a run may stop early.
pub const FIRST_CHECKPOINT: u64 = 1_000;

/// The first checkpoint after `trials` trials: 1,000, 2,000, 5,000, 10,000,
/// 20,000, 50,000, … (a run with a precision is checked only there).
pub fn checkpoint_after(trials: u64) -> u64 {
    let mut decade = FIRST_CHECKPOINT;
    loop {
        for step in [1, 2, 5] {
            let at = decade.saturating_mul(step);
            if at > trials || at == u64::MAX {
                return at;
            }
        }
        decade = decade.saturating_mul(10);
    }
}
