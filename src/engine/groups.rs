//! People counted by group, and the one way the engine picks some of them at
//! random: each independently with the same chance ([`thin`]).
//!
//! Leads of paid channels are grouped by their opt-in day while they are inside
//! the front-end window (`docs/model.md`, "Front-end ROAS"), so that the engine
//! knows which purchases fall in it; a group is named by its opt-in day's slot in
//! a ring of `min(window, horizon)` days.

use crate::sampling::{Binomial, TrialRng};

/// The group of people outside the front-end window (or not followed in it:
/// referred leads).
pub(super) const OUTSIDE: u32 = u32::MAX;

/// Counts of people by group (a group may appear more than once).
#[derive(Clone, Debug, Default)]
pub(super) struct Groups {
    /// The group (opt-in slot) of each count.
    pub slots: Vec<u32>,
    /// The counts.
    pub counts: Vec<u64>,
    /// Their sum.
    pub total: u64,
}

impl Groups {
    /// Empties it.
    pub fn clear(&mut self) {
        self.slots.clear();
        self.counts.clear();
        self.total = 0;
    }

    /// Adds `n` people of group `slot`.
    pub fn push(&mut self, slot: u32, n: u64) {
        self.slots.push(slot);
        self.counts.push(n);
        self.total = self.total.saturating_add(n);
    }
}

/// Below this many expected choices, [`thin`] draws how many are chosen and then
/// which ones; above it, one binomial per group.
const FEW_CHOSEN: f64 = 8.0;

/// Chooses each person counted in `counts` independently with chance `b.p()`,
/// removes the chosen from `counts` and `total` (their sum), and reports them to
/// `chosen(index, how_many)` (an index may be reported several times).
///
/// Two exact ways, picked before drawing (from the expected number chosen): when
/// few are expected, the number chosen is Binomial(total, p) and the chosen are a
/// uniform random subset of that size, drawn one by one without replacement (so
/// the cost follows the people chosen, not the groups); otherwise each group gets
/// its own Binomial(count, p). Both give every person the same independent chance.
pub(super) fn thin(
    rng: &mut TrialRng,
    b: &Binomial,
    counts: &mut [u64],
    total: &mut u64,
    mut chosen: impl FnMut(usize, u64),
) {
    if *total == 0 {
        return;
    }
    if (*total as f64) * b.p() <= FEW_CHOSEN {
        let k = rng.binomial_with(b, *total);
        for j in 0..k {
            let mut r = rng.below(*total - j);
            for (g, n) in counts.iter_mut().enumerate() {
                if r < *n {
                    *n -= 1;
                    chosen(g, 1);
                    break;
                }
                r -= *n;
            }
        }
        *total -= k;
        return;
    }
    for (g, n) in counts.iter_mut().enumerate() {
        if *n > 0 {
            let k = rng.binomial_with(b, *n);
            if k > 0 {
                *n -= k;
                *total -= k;
                chosen(g, k);
            }
        }
    }
}
