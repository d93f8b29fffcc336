//! Value of information for the decision "launch or not": launching is worth
//! the trial's profit, not launching is worth 0, and without more information
//! one launches when the expected profit is positive.
//!
//! - **EVPI** (expected value of perfect information): what knowing every input
//!   exactly before deciding would add: `E[max(profit, 0)] − max(E[profit], 0)`,
//!   from the trials (each trial is one possible state of the world).
//! - **EVPPI** of one input (partial perfect information): what knowing that
//!   input alone would add: `E_x[max(E[profit | x], 0)] − max(E[profit], 0)`.
//!   Estimated from the same trials by grouping them on the input's draws: the
//!   trials sorted by the input are cut into `k = round(√n)` bins of about `√n`
//!   consecutive trials each, each bin's mean profit stands for
//!   `E[profit | x]` there, and the bins' positive parts are averaged with
//!   their sizes as weights ([`evppi_bins`]). This is the binning estimator of
//!   Strong & Oakley (2013) with equal-count bins.
//!
//! Bias of the binning estimator: a bin mean is noisy (its sd is about
//! `sd(profit)/√m` for bins of `m` trials), and the positive part of a noisy
//! mean is biased upwards, by at most `sd(profit) / √(2π m)` when the mean is
//! at 0 and much less away from it ([`evppi_noise`]); the width of the bins
//! biases it downwards (an input's effect inside a bin is averaged away). With
//! `m ≈ √n` both vanish as the trials grow. The estimator keeps the two
//! properties of the exact quantity: `0 ≤ EVPPI ≤ EVPI` (a bin's positive part
//! of a sum is at most the sum of the positive parts), up to rounding.

/// `E[max(profit, 0)] − max(E[profit], 0)` over the trials: the expected value
/// of knowing everything before deciding whether to launch. 0 without trials.
pub fn evpi(profit: &[f64]) -> f64 {
    if profit.is_empty() {
        return 0.0;
    }
    let (mut total, mut positive) = (0.0, 0.0);
    for &x in profit {
        total += x;
        positive += x.max(0.0);
    }
    (positive - total.max(0.0)) / profit.len() as f64
}

/// Bins the EVPPI estimator cuts `n` trials into: `round(√n)`, at least 1.
pub fn evppi_bins(n: usize) -> usize {
    (libm::round(f64::sqrt(n as f64)) as usize).max(1)
}

/// The expected value of knowing one input exactly before deciding whether to
/// launch, estimated from the trials (see the module's text): `order` lists
/// trial indices sorted by the input's draw, `profit[t]` is trial `t`'s profit.
/// 0 without trials.
pub fn evppi_ordered(order: &[usize], profit: &[f64]) -> f64 {
    let n = order.len();
    if n == 0 {
        return 0.0;
    }
    let k = evppi_bins(n);
    let (mut total, mut known) = (0.0, 0.0);
    for b in 0..k {
        let bin = &order[b * n / k..(b + 1) * n / k];
        let sum: f64 = bin.iter().map(|&t| profit[t]).sum();
        total += sum;
        known += sum.max(0.0);
    }
    (known - total.max(0.0)) / n as f64
}

/// The EVPPI of an input whose draws in the trials are `draws` (one per trial,
/// aligned with `profit`); see [`evppi_ordered`].
pub fn evppi(draws: &[f32], profit: &[f64]) -> f64 {
    let n = draws.len().min(profit.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| draws[a].total_cmp(&draws[b]));
    evppi_ordered(&order, profit)
}

/// The largest upward bias of the EVPPI estimator over `n` trials for an input
/// that does not matter: `sd(profit) / √(2π m)` with `m = n / round(√n)` trials
/// per bin (the expected positive part of a bin mean's noise when the mean is
/// at 0). An EVPPI below it cannot be told from 0.
pub fn evppi_noise(profit: &[f64]) -> f64 {
    let n = profit.len();
    if n < 2 {
        return 0.0;
    }
    let mean = profit.iter().sum::<f64>() / n as f64;
    let var = profit.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
    let m = n as f64 / evppi_bins(n) as f64;
    f64::sqrt(var / (2.0 * std::f64::consts::PI * m))
}
