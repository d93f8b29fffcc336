//! Walker's alias table: draws one of many outcomes with given weights in
//! constant time (the fate of a lead, the number of payments of a subscriber).

use super::TrialRng;

/// Walker's alias table (Vose's construction): draws an index with given
/// weights in constant time, from one uniform.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AliasTable {
    prob: Vec<f64>,
    /// Per column, for the integer draw of [`AliasTable::sample_pair`]: `prob` in
    /// units of 2⁻³² (high half) and the alias (low half; the column itself when
    /// `prob` is 1).
    packed: Vec<u64>,
    alias: Vec<u32>,
    small: Vec<u32>,
    large: Vec<u32>,
}

impl AliasTable {
    /// Rebuilds the table for `weights` (non-negative, not all 0), reusing its memory.
    pub fn rebuild(&mut self, weights: &[f64]) {
        let n = weights.len();
        let total: f64 = weights.iter().sum();
        self.prob.clear();
        self.prob
            .extend(weights.iter().map(|w| w * n as f64 / total));
        self.alias.clear();
        self.alias.extend(0..n as u32);
        self.small.clear();
        self.large.clear();
        for (i, &p) in self.prob.iter().enumerate() {
            if p < 1.0 {
                self.small.push(i as u32);
            } else {
                self.large.push(i as u32);
            }
        }
        while let (Some(&s), Some(&l)) = (self.small.last(), self.large.last()) {
            self.small.pop();
            self.large.pop();
            self.alias[s as usize] = l;
            let rest = self.prob[l as usize] + self.prob[s as usize] - 1.0;
            self.prob[l as usize] = rest;
            if rest < 1.0 {
                self.small.push(l);
            } else {
                self.large.push(l);
            }
        }
        // What is left is 1 up to round-off.
        for &i in self.small.iter().chain(self.large.iter()) {
            self.prob[i as usize] = 1.0;
        }
        self.packed.clear();
        self.packed
            .extend(
                self.prob
                    .iter()
                    .zip(&self.alias)
                    .enumerate()
                    .map(|(i, (&p, &alias))| {
                        if p >= 1.0 {
                            (0xFFFF_FFFF << 32) | i as u64
                        } else {
                            (((p * 4_294_967_296.0) as u64) << 32) | u64::from(alias)
                        }
                    }),
            );
    }

    /// Draws two indices from one 64-bit word: each half picks a column by
    /// multiply-shift (Lemire) and the rest of the product decides between the
    /// column and its alias ([`AliasTable::pick_u32`]). Integer only;
    /// probabilities are resolved to about n·2⁻³² (n outcomes), far below
    /// anything a simulation can detect.
    #[inline]
    pub fn sample_pair(&self, rng: &mut TrialRng) -> (usize, usize) {
        self.pair_of(rng.next_u64())
    }

    /// The two indices [`AliasTable::sample_pair`] draws from the 64 bits `r`.
    #[inline]
    pub fn pair_of(&self, r: u64) -> (usize, usize) {
        (self.pick_u32(r >> 32), self.pick_u32(r & 0xFFFF_FFFF))
    }

    /// The index drawn from the 32 random bits `r32` (below 2³²), as each half
    /// of [`AliasTable::sample_pair`].
    #[inline]
    pub fn pick_u32(&self, r32: u64) -> usize {
        let x = r32 * self.packed.len() as u64;
        let i = (x >> 32) as usize;
        let column = self.packed[i];
        if (x & 0xFFFF_FFFF) < column >> 32 {
            i
        } else {
            (column & 0xFFFF_FFFF) as usize
        }
    }

    /// Number of outcomes.
    pub fn len(&self) -> usize {
        self.prob.len()
    }

    /// Whether the table has no outcomes.
    pub fn is_empty(&self) -> bool {
        self.prob.is_empty()
    }

    /// Draws an index.
    #[inline]
    pub fn sample(&self, rng: &mut TrialRng) -> usize {
        let x = rng.uniform() * self.prob.len() as f64;
        let i = (x as usize).min(self.prob.len() - 1);
        if x - (i as f64) < self.prob[i] {
            i
        } else {
            self.alias[i] as usize
        }
    }
}
