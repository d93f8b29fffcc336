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
///
/// Counts are `u32`, half the memory of `u64` (a count that would pass
/// `u32::MAX` goes on in the map). Serialized as the key of its first occupied
/// bucket and the counts up to its last (see [`Bytes`]), without the empty
/// buckets at either end: a window is grown with room to spare, and a worker
/// sends some 2,000 sketches with every chunk of trials. Where counts are kept
/// changes nothing.
#[derive(Clone, Debug, Default)]
struct Window {
    /// Magnitude key of the first bucket.
    start: i32,
    /// Counts of the buckets `start ..`.
    counts: Vec<u32>,
}

impl Window {
    /// The buckets from the first to the last that holds a count, and the
    /// magnitude key of the first (empty when none holds one).
    fn occupied(&self) -> (i32, &[u32]) {
        let Some(first) = self.counts.iter().position(|&n| n > 0) else {
            return (self.start, &[]);
        };
        let last = self.counts.iter().rposition(|&n| n > 0).unwrap_or(first);
        (self.start + first as i32, &self.counts[first..=last])
    }
}

impl Serialize for Window {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (start, counts) = self.occupied();
        let mut bytes = Vec::with_capacity(counts.len() + 8);
        for &n in counts {
            put_varint(&mut bytes, u64::from(n));
        }
        (start, Bytes(bytes)).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (start, Bytes(bytes)) = <(i32, Bytes)>::deserialize(deserializer)?;
        // Magnitude keys are below 2¹⁸ (the exponent and 7 mantissa bits).
        if !(0..1 << 18).contains(&start) || bytes.len() > 1 << 18 {
            return Err(serde::de::Error::custom(
                "a sketch's window is out of range",
            ));
        }
        let mut counts = Vec::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            let (n, after) = take_varint(rest)
                .ok_or_else(|| serde::de::Error::custom("a sketch's counts end mid-number"))?;
            let n = u32::try_from(n)
                .map_err(|_| serde::de::Error::custom("a sketch's count is out of range"))?;
            counts.push(n);
            rest = after;
        }
        Ok(Window { start, counts })
    }
}

/// Adds `n` to a window's count if the sum stays within `u32`; whether it did
/// (else the count is unchanged).
#[inline]
fn add_within_u32(count: &mut u32, n: u64) -> bool {
    match u32::try_from(n).ok().and_then(|n| count.checked_add(n)) {
        Some(sum) => {
            *count = sum;
            true
        }
        None => false,
    }
}

/// A window's counts on the wire: LEB128 varints (7 bits a byte, low first),
/// one byte for most counts, written in one pass and sent as one byte string
/// (a binary format copies it whole instead of number by number).
struct Bytes(Vec<u8>);

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The first varint of `bytes` and what follows it; `None` when it is cut
/// short or longer than a u64.
fn take_varint(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let mut n = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        n |= u64::from(b & 0x7F).checked_shl(7 * i as u32)?;
        if b < 0x80 {
            return Some((n, &bytes[i + 1..]));
        }
    }
    None
}

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Bytes, A::Error> {
                let mut v = Vec::new();
                while let Some(b) = seq.next_element()? {
                    v.push(b);
                }
                Ok(Bytes(v))
            }
        }
        deserializer.deserialize_bytes(Visitor)
    }
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
        match w.counts.get_mut(at) {
            Some(count) => {
                if !add_within_u32(count, n) {
                    self.add_to_map(sign, magnitude, n);
                }
            }
            None => self.add_outside(sign, magnitude, n),
        }
    }

    /// Counts `n` values of a bucket in the map: a bucket outside the windows,
    /// or one whose count in its window would pass `u32::MAX` (a key is then
    /// counted in both places, and [`QuantileSketch::counts`] adds them up).
    #[cold]
    fn add_to_map(&mut self, sign: usize, magnitude: i32, n: u64) {
        let signed = if sign == 1 { -magnitude } else { magnitude };
        *self.buckets.entry(signed).or_insert(0) += n;
    }

    /// [`QuantileSketch::add_magnitude`] for a bucket outside its window: grows
    /// the window to hold it if it stays within [`SKETCH_WINDOW`] buckets
    /// (with room to spare on the side of the key, so that growing is rare),
    /// else counts it in the map.
    #[cold]
    fn add_outside(&mut self, sign: usize, magnitude: i32, n: u64) {
        if self.grow_to(sign, magnitude) {
            self.add_magnitude(sign, magnitude, n);
        } else {
            self.add_to_map(sign, magnitude, n);
        }
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
        let mut counts = vec![0u32; (hi - lo) as usize];
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
            let count = &mut w.counts[(b.abs() - start) as usize];
            if self
                .buckets
                .get(&b)
                .is_some_and(|&n| add_within_u32(count, n))
            {
                self.buckets.remove(&b);
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
                    .map(|(i, &n)| (signed(i), u64::from(n))),
            );
        }
        keys.sort_unstable_by_key(|&(k, _)| k);
        // A key counted both in its window and in the map (see `add_to_map`).
        keys.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 += later.1;
            }
            same
        });
        keys
    }

    /// Adds every count of `other` (its windows' buckets in place, without
    /// listing them first: the summariser merges every sketch of every chunk).
    pub fn merge(&mut self, other: &QuantileSketch) {
        self.zeros += other.zeros;
        for (&k, &n) in &other.buckets {
            self.add_count(k, n);
        }
        for (sign, w) in other.windows.iter().enumerate() {
            let (start, counts) = w.occupied();
            let Some((&last, inner)) = counts.split_last() else {
                continue;
            };
            // The two ends first, so that this window grows at most twice;
            // then, if it holds them all, the rest slice to slice.
            let last_key = start + inner.len() as i32;
            self.add_magnitude(sign, last_key, u64::from(last));
            let Some((&first, middle)) = inner.split_first() else {
                continue;
            };
            self.add_magnitude(sign, start, u64::from(first));
            let mine = &mut self.windows[sign];
            let from = (start + 1).wrapping_sub(mine.start) as u32 as usize;
            if let Some(into) = mine
                .counts
                .get_mut(from..)
                .and_then(|c| c.get_mut(..middle.len()))
            {
                let mut beyond = Vec::new();
                for ((a, &b), key) in into.iter_mut().zip(middle).zip(start + 1..) {
                    match a.checked_add(b) {
                        Some(sum) => *a = sum,
                        None => beyond.push((key, b)),
                    }
                }
                for (key, n) in beyond {
                    self.add_to_map(sign, key, u64::from(n));
                }
                continue;
            }
            for (key, &n) in (start + 1..).zip(middle) {
                if n > 0 {
                    self.add_magnitude(sign, key, u64::from(n));
                }
            }
        }
    }

    /// Number of values added.
    pub fn count(&self) -> u64 {
        self.zeros
            + self.buckets.values().sum::<u64>()
            + self
                .windows
                .iter()
                .map(|w| w.counts.iter().map(|&n| u64::from(n)).sum::<u64>())
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
    fn the_wire_form_keeps_every_count_and_refuses_broken_bytes() {
        let mut sketch = QuantileSketch::default();
        values().iter().for_each(|&v| sketch.add(v));
        // Counts beyond one varint byte, and windows with empty ends.
        for _ in 0..300 {
            sketch.add(1.5);
            sketch.add(-2.5e3);
        }
        let bytes = postcard::to_allocvec(&sketch).unwrap();
        let back: QuantileSketch = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, sketch);
        assert_eq!(back.count(), sketch.count());
        let text = serde_json::to_string(&sketch).unwrap();
        assert_eq!(
            serde_json::from_str::<QuantileSketch>(&text).unwrap(),
            sketch
        );
        let mut empty = QuantileSketch::default();
        empty.add(0.0);
        let back: QuantileSketch =
            postcard::from_bytes(&postcard::to_allocvec(&empty).unwrap()).unwrap();
        assert_eq!(back, empty);
        // A count cut short, and a window out of range.
        let read = |windows: serde_json::Value| {
            let text = serde_json::json!({ "zeros": 0, "windows": windows, "buckets": {} });
            serde_json::from_value::<QuantileSketch>(text)
        };
        assert!(read(serde_json::json!([[5, [0x80]], [0, []]])).is_err());
        assert!(read(serde_json::json!([[1 << 20, [1]], [0, [1]]])).is_err());
        let good = read(serde_json::json!([[5, [1, 0, 0x81, 1]], [9, [2]]])).unwrap();
        assert_eq!(good.counts(), [(-9, 2), (5, 1), (7, 129)]);
        assert_eq!(good.count(), 132);
    }

    #[test]
    fn counts_beyond_u32_go_on_in_the_map_and_add_up() {
        let big = u64::from(u32::MAX) - 5;
        // One bucket filled past u32::MAX in steps, by merges and at once.
        let mut steps = QuantileSketch::default();
        steps.add(10.0);
        let key = steps.counts()[0].0;
        steps.add_count(key, big);
        steps.add_count(key, big);
        let mut once = QuantileSketch::default();
        once.add_count(key, 2 * big + 1);
        assert_eq!(steps, once);
        let mut merged = QuantileSketch::default();
        merged.add(10.0);
        // The bucket inside the part's window, so that merges add it slice to slice.
        let mut part = QuantileSketch::default();
        part.add(9.0);
        part.add(10.0);
        part.add(11.0);
        part.add_count(key, big - 1);
        merged.merge(&part);
        merged.merge(&part);
        merged.merge(&part);
        let counts = merged.counts();
        assert_eq!(counts.len(), 3);
        assert_eq!(counts[1], (key, 3 * big + 1));
        assert_eq!(merged.count(), 3 * big + 7);
        assert_eq!(steps.quantiles(&[0.5]), once.quantiles(&[0.5]));
        // The wire form keeps them too.
        let back: QuantileSketch =
            postcard::from_bytes(&postcard::to_allocvec(&merged).unwrap()).unwrap();
        assert_eq!(back, merged);
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
