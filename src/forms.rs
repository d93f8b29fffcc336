//! The same belief in another form: what the editor fills in when the reader
//! switches how sure a value is (exactly, 90% range, observed, uniform,
//! triangular). The new form keeps the old one's centre and its spread, that
//! is the middle 90% of its draws (5th to 95th percentile), and its numbers are
//! rounded to 3 significant figures, outwards for the ends so that rounding
//! never narrows the spread. A fixed number has no spread: its new forms span
//! ±20% around it.

use crate::inputs::Domain;
use crate::sampling::{logistic, logit, Z95};
use crate::scenario::{Uncertain, UncertainForm};

/// The 5th percentile, the median, the 95th percentile and the mean of the
/// distribution a trial draws `u` from (`engine::sample_uncertain`); observed
/// data by the normal approximation of its Beta distribution.
pub fn quantiles(u: &Uncertain, domain: Domain) -> (f64, f64, f64, f64) {
    let mean = u.centre(domain);
    match *u {
        Uncertain::Fixed(x) => (x, x, x, x),
        Uncertain::Range { low, high } => {
            let median = if domain.is_rate() {
                logistic(0.5 * (logit(low) + logit(high)))
            } else {
                f64::sqrt(low * high)
            };
            (low, median, high, mean)
        }
        Uncertain::Observed { trials, .. } => {
            let sd = f64::sqrt(mean * (1.0 - mean) / (trials + 3.0));
            let open = |p: f64| p.clamp(1e-6, 1.0 - 1e-6);
            (open(mean - Z95 * sd), mean, open(mean + Z95 * sd), mean)
        }
        Uncertain::Uniform { low, high } => {
            let w = high - low;
            (low + 0.05 * w, 0.5 * (low + high), high - 0.05 * w, mean)
        }
        Uncertain::Triangular { low, mode, high } => (
            triangular_quantile(low, mode, high, 0.05),
            triangular_quantile(low, mode, high, 0.5),
            triangular_quantile(low, mode, high, 0.95),
            mean,
        ),
    }
}

/// The quantile `p` of a triangular distribution.
pub fn triangular_quantile(low: f64, mode: f64, high: f64, p: f64) -> f64 {
    let w = high - low;
    if !(w > 0.0) {
        return low;
    }
    let f_mode = (mode - low) / w;
    if p <= f_mode {
        low + f64::sqrt(p * w * (mode - low))
    } else {
        high - f64::sqrt((1.0 - p) * w * (high - mode))
    }
}

/// `x` to 3 significant figures: to the nearest, or outwards (`floor` for a
/// low end, `ceil` for a high end).
fn round3(x: f64, how: fn(f64) -> f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = libm::pow(10.0, 2.0 - f64::floor(libm::log10(x.abs())));
    let r = how(x * scale) / scale;
    // Undo the representation error of the division ("0.30000000000000004").
    format!("{r:.12}").parse().unwrap_or(r)
}

/// The triangular with this mode whose 5th and 95th percentiles are `p5` and
/// `p95` (`p5 ≤ mode ≤ p95`), as (low, high).
fn triangle_through(p5: f64, mode: f64, p95: f64) -> (f64, f64) {
    // With x = mode − low and y = high − mode, the percentiles say
    // (x − (mode − p5))² = 0.05 (x + y) x and (y − (p95 − mode))² = 0.05 (x + y) y;
    // iterating x ← d1 + √(0.05 (x + y) x) (likewise y) contracts to the solution.
    let (d1, d2) = (mode - p5, p95 - mode);
    let (mut x, mut y) = (1.5 * d1 + 0.1 * d2, 1.5 * d2 + 0.1 * d1);
    for _ in 0..200 {
        let l = x + y;
        x = d1 + f64::sqrt(0.05 * l * x);
        y = d2 + f64::sqrt(0.05 * l * y);
    }
    (mode - x, mode + y)
}

/// The triangular starting at `low` whose 5th and 95th percentiles are `p5`
/// and `p95` (`low ≤ p5 < p95`), as (mode, high): when the triangle through
/// the percentiles would start below the field's lowest value, its mode moves
/// instead, so that the spread is kept.
fn triangle_from(low: f64, p5: f64, p95: f64) -> (f64, f64) {
    // For a mode, the high end that puts the 95th percentile at p95 (Q95 grows with it).
    let high_for = |mode: f64| {
        let (mut lo, mut hi) = (p95, low + 100.0 * (p95 - low));
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if triangular_quantile(low, mode, mid, 0.95) < p95 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    };
    // The mode whose 5th percentile is p5 (Q05 grows with the mode).
    let (mut lo, mut hi) = (low, p95);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if triangular_quantile(low, mid, high_for(mid), 0.05) < p5 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mode = 0.5 * (lo + hi);
    (mode, high_for(mode))
}

/// `u` in `form` (see the module documentation); the same value when the form
/// is its own.
pub fn convert(u: &Uncertain, form: UncertainForm, domain: Domain) -> Uncertain {
    if form == u.form() {
        return u.clone();
    }
    let rate = domain.is_rate();
    let (p5, median, p95, mean) = quantiles(u, domain);
    let mean = if mean.is_finite() { mean } else { 0.0 };
    // A value with no spread gets ±20% (inside (0, 1) for rates).
    let (p5, median, p95) = if p95 > p5 {
        (p5, median.clamp(p5, p95), p95)
    } else if rate {
        let lo = (mean * 0.8).clamp(0.001, 0.98);
        (lo, mean.clamp(lo, 0.99), (mean * 1.2).clamp(lo, 0.99))
    } else if mean > 0.0 {
        (mean * 0.8, mean, mean * 1.2)
    } else {
        (0.0, 0.0, 1.0)
    };
    let ceiling = if rate { 1.0 } else { f64::INFINITY };
    let low_end = |x: f64| round3(x.max(0.0), f64::floor);
    let high_end = |x: f64| round3(x.min(ceiling), f64::ceil);
    match form {
        UncertainForm::Fixed => Uncertain::Fixed(round3(mean, libm::round)),
        UncertainForm::Range => {
            // Above 0, and below 1 for a rate.
            let low = if p5 > 0.0 {
                low_end(p5)
            } else {
                round3(p95 / 100.0, f64::floor)
            };
            let mut high = high_end(p95);
            if rate && high >= 1.0 {
                high = round3(p95.min(0.999), libm::round).min(0.999);
            }
            Uncertain::Range { low, high }
        }
        UncertainForm::Uniform => {
            let pad = (p95 - p5) / 18.0;
            Uncertain::Uniform {
                low: low_end(p5 - pad),
                high: high_end(p95 + pad),
            }
        }
        UncertainForm::Triangular => {
            let (mut low, mut mode, mut high) = {
                let (low, high) = triangle_through(p5, median, p95);
                (low, median, high)
            };
            if low < 0.0 {
                (low, (mode, high)) = (0.0, triangle_from(0.0, p5, p95));
            } else if high > ceiling {
                // The same from the top: mirrored around 1.
                let (m, l) = triangle_from(0.0, 1.0 - p95, 1.0 - p5);
                (low, mode, high) = (1.0 - l, 1.0 - m, 1.0);
            }
            let (low, high) = (low_end(low), high_end(high));
            Uncertain::Triangular {
                low,
                mode: round3(mode, libm::round).clamp(low, high),
                high,
            }
        }
        UncertainForm::Observed => {
            // Beta(k + 1, n − k + 1) with this mean and the spread's standard deviation.
            let m = mean.clamp(0.0, 1.0);
            let sd = (p95 - p5) / (2.0 * Z95);
            let n = if sd > 0.0 {
                (m * (1.0 - m) / (sd * sd) - 3.0).clamp(1.0, 1e6)
            } else {
                100.0
            };
            let trials = round3(libm::round(n), libm::round).max(1.0);
            let successes = libm::round(m * (trials + 2.0) - 1.0).clamp(0.0, trials);
            Uncertain::Observed { successes, trials }
        }
    }
}
