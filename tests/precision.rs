//! The Monte Carlo error by batch means, on synthetic cases whose standard
//! error is known, and the stopping rule's checkpoints.

use funnel_lab::precision::*;
use funnel_lab::sampling::TrialRng;
use funnel_lab::stats::quantile_sorted;

/// Mean and standard deviation of `xs`.
fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    (m, v.sqrt())
}

/// Over `reps` independent samples of `n` values: the batch-means SE of
/// `statistic` (mean and sd over the samples), and the statistic itself.
fn repeat(
    reps: u64,
    n: usize,
    draw: impl Fn(&mut TrialRng) -> f64,
    statistic: fn(&mut [f64]) -> f64,
) -> (Vec<f64>, Vec<f64>) {
    let (mut ses, mut values) = (Vec::new(), Vec::new());
    for r in 0..reps {
        let mut rng = TrialRng::for_trial(11, r, 0);
        let mut xs: Vec<f64> = (0..n).map(|_| draw(&mut rng)).collect();
        ses.push(batch_means_se(&xs, ERROR_BATCHES, statistic).unwrap());
        values.push(statistic(&mut xs));
    }
    (ses, values)
}

/// c4(k): the expected sample sd of k normal values over their sd.
fn c4(k: f64) -> f64 {
    (2.0 / (k - 1.0)).sqrt() * libm::exp(libm::lgamma(k / 2.0) - libm::lgamma((k - 1.0) / 2.0))
}

#[test]
fn batch_means_give_the_known_standard_error_of_a_mean() {
    let (reps, n) = (300, 3_000);
    let (ses, _) = repeat(reps, n, |r| 5.0 + 2.0 * r.normal(), mean);
    let (avg, sd) = mean_sd(&ses);
    let known = 2.0 / (n as f64).sqrt() * c4(ERROR_BATCHES as f64);
    let tol = 4.0 * sd / (reps as f64).sqrt();
    assert!(
        (avg - known).abs() < tol,
        "SE {avg} vs known {known} ± {tol}"
    );
}

#[test]
fn batch_means_give_the_known_standard_error_of_a_proportion() {
    let (reps, n, p) = (300, 3_000, 0.3);
    let (ses, _) = repeat(
        reps,
        n,
        |r| if r.uniform() < p { -1.0 } else { 1.0 },
        share_negative,
    );
    let (avg, sd) = mean_sd(&ses);
    let known = (p * (1.0 - p) / n as f64).sqrt() * c4(ERROR_BATCHES as f64);
    let tol = 4.0 * sd / (reps as f64).sqrt();
    assert!(
        (avg - known).abs() < tol,
        "SE {avg} vs known {known} ± {tol}"
    );
}

#[test]
fn batch_means_estimate_the_spread_of_the_median_over_samples() {
    // The target is the actual spread of the median of all n values over
    // independent samples; both sides have a standard error, and the tolerance
    // is 4 of their combined SE.
    let (reps, n) = (400, 6_000);
    let (ses, medians) = repeat(reps, n, |r| 3.0 * r.normal(), median);
    let (avg, sd) = mean_sd(&ses);
    let (_, actual) = mean_sd(&medians);
    let r = reps as f64;
    let (a, b) = (sd / r.sqrt(), actual / (2.0 * (r - 1.0)).sqrt());
    let tol = 4.0 * (a * a + b * b).sqrt();
    assert!(
        (avg - actual).abs() < tol,
        "SE {avg} vs actual {actual} ± {tol}"
    );
    // And both agree with the asymptotic 1.2533 σ / √n of a normal median.
    let asymptotic = (std::f64::consts::PI / 2.0).sqrt() * 3.0 / (n as f64).sqrt();
    assert!((actual - asymptotic).abs() < 4.0 * actual / (2.0 * (r - 1.0)).sqrt());
}

#[test]
fn too_few_values_give_no_estimate() {
    let xs = vec![1.0; ERROR_BATCHES * MIN_TRIALS_PER_BATCH - 1];
    assert_eq!(batch_means_se(&xs, ERROR_BATCHES, mean), None);
    let xs = vec![1.0; ERROR_BATCHES * MIN_TRIALS_PER_BATCH];
    assert_eq!(batch_means_se(&xs, ERROR_BATCHES, mean), Some(0.0));
    let e = McError::of_profits(&xs[..5]);
    assert_eq!((e.trials, e.median_profit, e.prob_loss), (5, None, None));
}

#[test]
fn selection_gives_the_quantiles_of_sorting_bit_for_bit() {
    let mut rng = TrialRng::for_trial(5, 0, 0);
    for n in [1, 2, 3, 10, 101, 1_000] {
        // Ties, signed zeros and spread values.
        let xs: Vec<f64> = (0..n)
            .map(|i| match i % 5 {
                0 => 0.0,
                1 => -0.0,
                2 => (rng.uniform() * 4.0).floor(),
                _ => rng.normal() * 1e3,
            })
            .collect();
        let mut sorted = xs.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        for q in [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0, 1.0 / 3.0] {
            let mut scratch = xs.clone();
            let got = quantile_select(&mut scratch, q);
            assert_eq!(
                got.to_bits(),
                quantile_sorted(&sorted, q).to_bits(),
                "n {n} q {q}"
            );
        }
    }
    assert!(quantile_select(&mut [], 0.5).is_nan());
}

#[test]
fn a_run_stops_only_at_fixed_checkpoints_once_its_error_is_small_enough() {
    let seq: Vec<u64> = std::iter::successors(Some(0), |&t| Some(checkpoint_after(t)))
        .skip(1)
        .take(8)
        .collect();
    assert_eq!(
        seq,
        [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000]
    );
    assert_eq!(checkpoint_after(1_500), 2_000);
    assert_eq!(checkpoint_after(999), 1_000);
    assert_eq!(checkpoint_after(u64::MAX - 1), u64::MAX);

    let p = Precision(0.01);
    let e = |m, l| McError {
        trials: 1_000,
        median_profit: m,
        prob_loss: l,
    };
    assert!(p.reached(&e(Some(9.0), Some(0.009)), 1_000.0));
    assert!(p.reached(&e(Some(9.0), Some(0.009)), -1_000.0));
    assert!(!p.reached(&e(Some(11.0), Some(0.009)), 1_000.0));
    assert!(!p.reached(&e(Some(9.0), Some(0.011)), 1_000.0));
    // A median profit of 0 cannot be known to a share of itself (unless it never varies).
    assert!(!p.reached(&e(Some(1.0), Some(0.0)), 0.0));
    assert!(p.reached(&e(Some(0.0), Some(0.0)), 0.0));
    assert!(!p.reached(&e(None, Some(0.0)), 1_000.0));
    assert!(!p.reached(&e(Some(1.0), None), 1_000.0));
}
