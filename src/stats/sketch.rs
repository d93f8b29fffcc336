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
/// Counts are kept in a window of consecutive buckets (an array, so that adding
/// a value is an index and an increment) grown around the values seen, up to
/// [`SKETCH_WINDOW`] buckets; buckets outside it are counted in a hash map. Where
/// a count is kept changes nothing: two sketches are equal when they hold the
/// same counts.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuantileSketch {
    zeros: u64,
    /// Key of the window's first bucket.
    window_start: i32,
    /// Counts of the buckets `window_start ..`.
    window: Vec<u64>,
    /// Counts of the buckets outside the window.
    buckets: FxHashMap<i32, u64>,
}

/// Most buckets of a [`QuantileSketch`]'s window: 8 powers of two.
pub const SKETCH_WINDOW: usize = 1024;

impl PartialEq for QuantileSketch {
    fn eq(&self, other: &Self) -> bool {
        self.zeros == other.zeros && self.counts() == other.counts()
    }
}

impl QuantileSketch {
    fn key(v: f64) -> i32 {
        let k = (v.abs().to_bits() >> 45) as i32;
        if v < 0.0 {
            -k
        } else {
            k
        }
    }

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
        self.add_count(Self::key(v), 1);
    }

    /// Adds `n` values of bucket `key`.
    #[inline]
    fn add_count(&mut self, key: i32, n: u64) {
        let at = key.wrapping_sub(self.window_start) as u32 as usize;
        if at < self.window.len() {
            self.window[at] += n;
        } else if !self.grow_to(key) {
            *self.buckets.entry(key).or_insert(0) += n;
        } else {
            let at = (key - self.window_start) as usize;
            self.window[at] += n;
        }
    }

    /// Grows the window to hold `key` if it stays within [`SKETCH_WINDOW`]
    /// buckets (with room to spare on the side of the key, so that growing is
    /// rare); whether it does.
    fn grow_to(&mut self, key: i32) -> bool {
        const ROOM: i64 = 16;
        let cap = SKETCH_WINDOW as i64;
        let k = i64::from(key);
        let (lo, hi) = if self.window.is_empty() {
            (k - ROOM, k + ROOM + 1)
        } else {
            let start = i64::from(self.window_start);
            let end = start + self.window.len() as i64;
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
        // Keys are within ±2¹⁹, so these fit.
        let start = lo as i32;
        let mut window = vec![0u64; (hi - lo) as usize];
        if !self.window.is_empty() {
            let shift = (self.window_start - start) as usize;
            window[shift..shift + self.window.len()].copy_from_slice(&self.window);
        }
        self.window = window;
        self.window_start = start;
        // Counts of the map that now fall inside the window move into it.
        let inside: Vec<i32> = self
            .buckets
            .keys()
            .copied()
            .filter(|&b| lo <= i64::from(b) && i64::from(b) < hi)
            .collect();
        for b in inside {
            if let Some(n) = self.buckets.remove(&b) {
                self.window[(b - start) as usize] += n;
            }
        }
        true
    }

    /// Every bucket with its count, in key order (zeros not included).
    fn counts(&self) -> Vec<(i32, u64)> {
        let mut keys: Vec<(i32, u64)> = self.buckets.iter().map(|(&k, &n)| (k, n)).collect();
        keys.extend(
            self.window
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0)
                .map(|(i, &n)| (self.window_start + i as i32, n)),
        );
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
        self.zeros + self.buckets.values().sum::<u64>() + self.window.iter().sum::<u64>()
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
