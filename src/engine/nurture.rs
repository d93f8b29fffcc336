//! The warm pool of leads (`docs/model.md`, "Nurture"): a day's new leads of one
//! source form a cohort whose whole life in the pool (going cold between
//! touches, buying, unsubscribing) is drawn when it joins, from the stream of
//! that source and day. What it leads to is counted, not booked: touches by day
//! and channel row, entry purchases by day (inside the front-end window also by
//! opt-in day), unsubscribes.

use super::trial::{bump, Trial};
use crate::sampling::{AliasTable, Binomial, TrialRng};

/// A cohort is drawn lead by lead (one alias draw per lead) when it has at most
/// this many leads per touch left before the horizon, else by binomial splits
/// touch by touch. Both draw from the same distribution; this only picks the faster.
const LEADS_PER_TOUCH_FOR_ALIAS: u64 = 16;

/// Weights of the fates of one warm lead over the touch schedule: index 3j is
/// "went cold before touch j", 3j + 1 "bought at touch j", 3j + 2 "unsubscribed
/// at touch j", and the last "still warm after the last touch".
pub(super) fn fates(weights: &mut Vec<f64>, survival: &[f64], buy: &[f64], unsubscribe: f64) {
    weights.clear();
    let mut warm = 1.0;
    for (j, &p) in buy.iter().enumerate() {
        weights.push(warm * (1.0 - survival[j]));
        warm *= survival[j];
        weights.push(warm * p);
        weights.push(warm * (1.0 - p) * unsubscribe);
        warm *= (1.0 - p) * (1.0 - unsubscribe);
    }
    weights.push(warm);
}

impl Trial<'_> {
    /// The whole life in the warm pool of `n` leads of source `s` who joined on day `d`.
    pub(super) fn cohort(&mut self, d: usize, s: usize, n: u64) {
        let plan = self.plan;
        // Touches of this cohort before the horizon.
        let touches = plan
            .touch_ages
            .partition_point(|&a| (a as usize) < plan.horizon - d);
        if touches == 0 || n == 0 {
            return;
        }
        let mut rng = self.streams.nurture(s, d);
        let referred = s >= plan.channels;
        // Fates past this cohort's last touch before the horizon are counted
        // too, and lumped with "still warm" below.
        let mut counts = std::mem::take(&mut self.ws.fate_counts);
        counts.clear();
        counts.resize(3 * plan.touch_ages.len() + 1, 0);
        if n <= LEADS_PER_TOUCH_FOR_ALIAS * touches as u64 {
            let table = if referred {
                &self.ws.fate_referred
            } else {
                &self.ws.fate
            };
            by_lead(&mut rng, table, n, &mut counts);
        } else {
            let buy = if referred {
                &self.ws.buy_referred
            } else {
                &self.ws.buy
            };
            by_touch(
                &mut rng,
                &plan.touch_survival_binomial,
                buy,
                &self.unsubscribe,
                n,
                &mut counts,
            );
        }
        self.count_touches(d, s, n, &counts[..3 * touches]);
        self.ws.fate_counts = counts;
    }

    /// Counts what a cohort's fates lead to: touches by day and row, unsubscribes,
    /// and entry purchases due (inside the front-end window, for paid channels, by
    /// opt-in slot; entry-offer indices of `Trial::due_at` and
    /// `Trial::due_window_at`). `counts` holds three fates per touch before the horizon.
    fn count_touches(&mut self, d: usize, s: usize, n: u64, counts: &[u64]) {
        let plan = self.plan;
        let rows = plan.channels + 1;
        let row = self.row(s);
        let paid = s < plan.channels;
        let ring = plan.window_ring;
        debug_assert_eq!(d, self.today);
        let slot = self.today_slot as u32;
        let ws = &mut *self.ws;
        let touched_by_day = &mut ws.touched[..];
        let mut touched = n;
        let mut unsubscribed = 0u64;
        for (fates, &age) in counts.chunks_exact(3).zip(&plan.touch_ages) {
            touched -= fates[0];
            if touched == 0 {
                break;
            }
            let day = d + age as usize;
            bump(&mut touched_by_day[day * rows + row], touched);
            let (bought, left) = (fates[1], fates[2]);
            touched -= bought + left;
            unsubscribed += left;
            if bought == 0 {
                continue;
            }
            if paid && (age as usize) < plan.window {
                // day % ring: the touch falls less than `ring` days after joining.
                let at = slot as usize + age as usize;
                let at = if at >= ring { at - ring } else { at };
                ws.due_window[s * ring + at].push(slot, bought);
            } else {
                ws.due[s * plan.horizon + day] += bought;
            }
        }
        bump(&mut self.out.unsubscribes, unsubscribed);
    }
}

/// Each of `n` leads' fate from the alias table, counted.
fn by_lead(rng: &mut TrialRng, table: &AliasTable, n: u64, counts: &mut [u64]) {
    for _ in 0..n / 2 {
        let (a, b) = table.sample_pair(rng);
        counts[a] += 1;
        counts[b] += 1;
    }
    if n % 2 == 1 {
        counts[table.sample(rng)] += 1;
    }
}

/// The fates of `n` leads by binomial splits, touch by touch.
fn by_touch(
    rng: &mut TrialRng,
    survival: &[Binomial],
    buy: &[Binomial],
    unsubscribe: &Binomial,
    n: u64,
    counts: &mut [u64],
) {
    let touches = (counts.len() - 1) / 3;
    let mut alive = n;
    for k in 0..touches {
        let warm = rng.binomial_with(&survival[k], alive);
        counts[3 * k] = alive - warm;
        alive = warm;
        if alive == 0 {
            return;
        }
        let bought = rng.binomial_with(&buy[k], alive);
        let left = rng.binomial_with(unsubscribe, alive - bought);
        counts[3 * k + 1] = bought;
        counts[3 * k + 2] = left;
        alive -= bought + left;
    }
    counts[3 * touches] = alive;
}
