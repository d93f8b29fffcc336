//! The per-day bands' quantile sketch (see the documentation of `stats`).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Values with magnitude below this fall in the zero bucket of a [`QuantileSketch`].
pub const SKETCH_ZERO: f64 = 1e-6;

/// A mergeable quantile sketch: counts in log buckets, 128 per power of two.
///
/// A value's bucket is the top 19 bits of its IEEE-754 pattern (exponent and 7
/// mantissa bits), signed by the value's sign, so bucketing needs no logarithm
/// and is the same on every platform. Merging adds counts, so it is exact.
///
/// Counts are kept in two windows of consecutive buckets, one for positive and
/// one for negative values (arrays, so that adding a value is an index and an
/// increment; a cumulative profit is often of both signs on the same day),
/// each grown around the values seen, up to [`SKETCH_WINDOW`] buckets; buckets
/// outside them are counted in a hash map. Where a count is kept changes
/// nothing: two sketches are equal when they hold the same counts.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuantileSketch {
    zeros: u64,
    /// Counts of positive values' buckets, then of negative values', by magnitude.
    windows: [Window; 2],
    /// Counts of the buckets outside the windows, by signed key.
    buckets: FxHashMap<i32, u64>,
}

/// Consecutive buckets of one sign, by the magnitude part of their key.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Window {
    /// Magnitude key of the first bucket.
    start: i32,
    /// Counts of the buckets `start ..`.
    counts: Vec<u64>,
}

/// Most buckets of each of a [`QuantileSketch`]'s two windows: 8 powers of two.
pub const SKETCH_WINDOW: usize = 1024;

impl PartialEq for QuantileSketch {
    fn eq(&self, other: &Self) -> bool {
        self.zeros == other.zeros && self.counts() == other.counts()
    }
}

/// The sign bit of an `f64`.
const SIGN: u64 = 1 << 63;

impl QuantileSketch {
    fn value(key: i32) -> f64 {
        let k = u64::from(key.unsigned_abs());
        let lo = f64::from_bits(k << 45);
        let hi = f64::from_bits((k + 1) << 45);
        let mid = 0.5 * (lo + hi);
        if key < 0 {
            -mid
        } else {
            mid
        }
    }

    /// Adds one value (NaN is ignored; it never occurs in the engine).
    #[inline]
    pub fn add(&mut self, v: f64) {
        if !(v.abs() >= SKETCH_ZERO) {
            if !v.is_nan() {
                self.zeros += 1;
            }
            return;
        }
        let bits = v.to_bits();
        self.add_magnitude((bits >> 63) as usize, ((bits & !SIGN) >> 45) as i32, 1);
    }

    /// Adds `n` values of the bucket of signed key `key` (never 0).
    fn add_count(&mut self, key: i32, n: u64) {
        self.add_magnitude(usize::from(key < 0), key.abs(), n);
    }

    /// Adds `n` values of the bucket of magnitude key `magnitude` of a sign
    /// (0: positive, 1: negative).
    #[inline]
    fn add_magnitude(&mut self, sign: usize, magnitude: i32, n: u64) {
        let w = &mut self.windows[sign];
        let at = magnitude.wrapping_sub(w.start) as u32 as usize;
        if at < w.counts.len() {
            w.counts[at] += n;
        } else {
            self.add_outside(sign, magnitude, n);
        }
    }

    /// [`QuantileSketch::add_magnitude`] for a bucket outside its window: grows
    /// the window to hold it if it stays within [`SKETCH_WINDOW`] buckets
    /// (with room to spare on the side of the key, so that growing is rare),
    /// else counts it in the map.
    #[cold]
    fn add_outside(&mut self, sign: usize, magnitude: i32, n: u64) {
        let signed = if sign == 1 { -magnitude } else { magnitude };
        if !self.grow_to(sign, magnitude) {
            *self.buckets.entry(signed).or_insert(0) += n;
            return;
        }
        let w = &mut self.windows[sign];
        w.counts[(magnitude - w.start) as usize] += n;
    }

    /// Grows the window of `sign` to hold `magnitude` if it stays within
    /// [`SKETCH_WINDOW`] buckets; whether it does.
    fn grow_to(&mut self, sign: usize, magnitude: i32) -> bool {
        const ROOM: i64 = 16;
        let cap = SKETCH_WINDOW as i64;
        let k = i64::from(magnitude);
        let w = &mut self.windows[sign];
        let (lo, hi) = if w.counts.is_empty() {
            (k - ROOM, k + ROOM + 1)
        } else {
            let start = i64::from(w.start);
            let end = start + w.counts.len() as i64;
            let (lo, hi) = (start.min(k), end.max(k + 1));
            if hi - lo > cap {
                return false;
            }
            let more = ((hi - lo) / 2).max(ROOM).min(cap - (hi - lo));
            if k < start {
                (lo - more, hi)
            } else {
                (lo, hi + more)
            }
        };
        // Magnitude keys are below 2¹⁹, so these fit.
        let start = lo as i32;
        let mut counts = vec![0u64; (hi - lo) as usize];
        if !w.counts.is_empty() {
            let shift = (w.start - start) as usize;
            counts[shift..shift + w.counts.len()].copy_from_slice(&w.counts);
        }
        w.counts = counts;
        w.start = start;
        // Counts of the map that now fall inside the window move into it.
        let inside: Vec<i32> = self
            .buckets
            .keys()
            .copied()
            .filter(|&b| (b < 0) == (sign == 1) && (lo..hi).contains(&i64::from(b.abs())))
            .collect();
        for b in inside {
            if let Some(n) = self.buckets.remove(&b) {
                w.counts[(b.abs() - start) as usize] += n;
            }
        }
        true
    }

    /// Every bucket with its count, in key order (zeros not included).
    fn counts(&self) -> Vec<(i32, u64)> {
        let mut keys: Vec<(i32, u64)> = self.buckets.iter().map(|(&k, &n)| (k, n)).collect();
        for (sign, w) in self.windows.iter().enumerate() {
            let signed = |i: usize| {
                let m = w.start + i as i32;
                if sign == 1 {
                    -m
                } else {
                    m
                }
            };
            keys.extend(
                w.counts
                    .iter()
                    .enumerate()
                    .filter(|&(_, &n)| n > 0)
                    .map(|(i, &n)| (signed(i), n)),
            );
        }
        keys.sort_unstable_by_key(|&(k, _)| k);
        keys
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &QuantileSketch) {
        self.zeros += other.zeros;
        for (k, n) in other.counts() {
            self.add_count(k, n);
        }
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.zeros
            + self.buckets.values().sum::<u64>()
            + self
                .windows
                .iter()
                .map(|w| w.counts.iter().sum::<u64>())
                .sum::<u64>()
    }

    /// Quantiles `qs` (each in [0, 1]) by linear interpolation between order
    /// statistics, like [`quantile_sorted`](super::quantile_sorted), each order statistic replaced by
    /// its bucket's middle. Empty sketch: all 0.
    pub fn quantiles(&self, qs: &[f64]) -> Vec<f64> {
        let mut keys = self.counts();
        if self.zeros > 0 {
            keys.push((0, self.zeros));
        }
        keys.sort_unstable_by_key(|&(k, _)| k);
        let n = keys.iter().map(|&(_, c)| c).sum::<u64>();
        if n == 0 {
            return vec![0.0; qs.len()];
        }
        let at = |rank: u64| -> f64 {
            let mut seen = 0;
            for &(k, c) in &keys {
                seen += c;
                if rank < seen {
                    return if k == 0 { 0.0 } else { Self::value(k) };
                }
            }
            Self::value(keys.last().unwrap().0)
        };
        qs.iter()
            .map(|&q| {
                let pos = q * (n - 1) as f64;
                let lo = pos.floor();
                let frac = pos - lo;
                let a = at(lo as u64);
                if frac == 0.0 {
                    a
                } else {
                    a + frac * (at(lo as u64 + 1) - a)
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values of both signs over many powers of two, as a cumulative profit
    /// around its break-even day: some land in each window, some in the map.
    fn values() -> Vec<f64> {
        (0..4000)
            .map(|i| {
                let x = f64::from(i) * 0.37;
                let magnitude = libm::exp(libm::sin(x) * 18.0);
                if i % 3 == 0 {
                    -magnitude
                } else {
                    magnitude
                }
            })
            .collect()
    }

    #[test]
    fn counts_do_not_depend_on_the_order_of_values_or_merges() {
        let vs = values();
        let mut forward = QuantileSketch::default();
        vs.iter().for_each(|&v| forward.add(v));
        let mut backward = QuantileSketch::default();
        vs.iter().rev().for_each(|&v| backward.add(v));
        assert_eq!(forward, backward);
        assert!(
            !forward.buckets.is_empty(),
            "some buckets fall outside the windows"
        );
        assert!(forward.windows.iter().all(|w| !w.counts.is_empty()));
        let mut merged = QuantileSketch::default();
        for part in vs.chunks(333) {
            let mut s = QuantileSketch::default();
            part.iter().for_each(|&v| s.add(v));
            merged.merge(&s);
        }
        assert_eq!(merged, forward);
        assert_eq!(merged.count(), vs.len() as u64);
    }

    #[test]
    fn quantiles_are_within_a_bucket_of_the_exact_ones() {
        let mut vs = values();
        let mut sketch = QuantileSketch::default();
        vs.iter().for_each(|&v| sketch.add(v));
        vs.sort_by(f64::total_cmp);
        for (q, got) in [0.0, 0.1, 0.3, 0.5, 0.9, 1.0]
            .into_iter()
            .zip(sketch.quantiles(&[0.0, 0.1, 0.3, 0.5, 0.9, 1.0]))
        {
            let pos = q * (vs.len() - 1) as f64;
            let (lo, frac) = (pos.floor() as usize, pos - pos.floor());
            let exact = if frac == 0.0 {
                vs[lo]
            } else {
                vs[lo] + frac * (vs[lo + 1] - vs[lo])
            };
            // 128 buckets per power of two: each order statistic is replaced by
            // its bucket's middle, within 1/128 of it (values below
            // SKETCH_ZERO count as 0).
            assert!(
                (got - exact).abs() <= exact.abs() / 128.0 + SKETCH_ZERO,
                "q {q}: {got} against {exact}"
            );
        }
    }
}
