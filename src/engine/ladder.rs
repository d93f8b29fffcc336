//! The value ladder on one day for the people of one source (`docs/model.md`,
//! "Purchases and refunds", "Follow-up offers"): offer by offer in ladder order,
//! the day's takers of each follow-up, its purchases and refunds, then what the
//! day's kept purchases lead to (customers, rewards, subscription takers, repeat
//! customers, fans and promoters) and the day's new subscribers.
//!
//! A taker buys after a geometric delay. A few takers at once each draw their
//! delay and are scheduled for their day; many at once join a pool in which,
//! delays being memoryless, everyone buys each day with the same chance
//! 1/(1 + delay_days) (one binomial a day, whatever their number). Both are the
//! same model; the choice is for speed.
//!
//! Leads of paid channels are followed by opt-in day while inside the front-end
//! window (`groups.rs`): their purchases, scheduled purchases and pools are kept
//! in groups by opt-in day, until their window closes.

use super::groups::{thin, Groups, OUTSIDE};
use super::ledger::Flow;
use super::trial::{bump, Trial, PROMOTER};
use super::MAX_INDIVIDUALS_PER_TRIAL;
use crate::sampling::TrialRng;

/// Takers of one group at once up to this many are scheduled one by one; more
/// join the pool of those waiting.
const SCHEDULE_AT_MOST: u64 = 32;

impl Trial<'_> {
    /// Index of the count of offer `i`'s purchases due on day `d` by source `s`
    /// outside the front-end window.
    pub(super) fn due_at(&self, i: usize, s: usize, d: usize) -> usize {
        (i * self.sources + s) * self.plan.horizon + d
    }

    /// Index of the groups of offer `i`'s purchases due on day `d` by paid
    /// channel `c` inside the front-end window.
    pub(super) fn due_window_at(&self, i: usize, c: usize, d: usize) -> usize {
        let ring = self.plan.window_ring;
        // d % ring, without a division for today and the days of the next two turns.
        let day = if d < ring {
            d
        } else if d == self.today {
            self.today_slot
        } else if d < 2 * ring {
            d - ring
        } else {
            d % ring
        };
        (i * self.plan.channels + c) * ring + day
    }

    /// Moves the people whose front-end window closes today (opt-in day
    /// `d − window`) from their pool to the pool of the others.
    pub(super) fn close_windows(&mut self, d: usize) {
        let plan = self.plan;
        if d < plan.window || self.ws.pooled == 0 {
            return;
        }
        let ring = plan.window_ring;
        let slot = (d - plan.window) % ring;
        let offers = plan.scenario.scenario().offers.len();
        for i in 1..offers {
            for c in 0..plan.channels {
                let pool = i * plan.channels + c;
                let n = std::mem::take(&mut self.ws.waiting_window[pool * ring + slot]);
                if n > 0 {
                    self.ws.waiting_window_total[pool] -= n;
                    bump(&mut self.ws.waiting[i * self.sources + c], n);
                }
            }
        }
    }

    /// Every purchase of the people of source `s` on day `d`, and what follows from them.
    pub(super) fn ladder(&mut self, d: usize, s: usize) {
        let plan = self.plan;
        let sc = plan.scenario.scenario();
        let links = plan.scenario.links();
        for i in 0..sc.offers.len() {
            self.offer_day(d, i, s);
        }
        // Customers and promoters' rewards.
        let customers = self.ws.kept[0].total;
        if customers > 0 {
            let row = self.row(s);
            bump(&mut self.out.customers, customers);
            bump(&mut self.out.channels[row].customers, customers);
            if s >= plan.channels {
                bump(&mut self.out.referred_customers, customers);
            }
            if s == plan.channels + PROMOTER {
                if let Some(r) = &self.prm.referrals {
                    let reward = customers as f64 * r.reward;
                    self.book(d, Some(row), Flow::Reward(reward));
                }
            }
        }
        if let Some(i) = links.subscription_of {
            let kept = self.ws.kept[i].total;
            self.subscription_day(d, s, kept);
        }
        if let Some(i) = links.repeat_of {
            let kept = self.ws.kept[i].total;
            if kept > 0 && self.prm.repeat.is_some() {
                self.repeat_customers(d, s, kept);
            }
        }
        if let Some(i) = links.referrals_of {
            let kept = self.ws.kept[i].total;
            if kept > 0 {
                self.referrals(d, s, kept);
            }
        }
    }

    /// Offer `i` on day `d` for source `s`: its takers today (for a follow-up),
    /// its purchases and refunds; leaves the kept purchases for what follows.
    fn offer_day(&mut self, d: usize, i: usize, s: usize) {
        let plan = self.plan;
        let paid = s < plan.channels;
        let parent = plan.scenario.links().parent[i];
        let pool = i * plan.channels + s;
        let takers = parent.is_some_and(|p| self.ws.kept[p].total > 0);
        let pooled = self.ws.waiting[i * self.sources + s] > 0
            || (paid && self.ws.waiting_window_total[pool] > 0);
        let due = self.ws.due[self.due_at(i, s, d)];
        let due_window = paid && self.ws.due_window[self.due_window_at(i, s, d)].total > 0;
        if !(takers || pooled || due > 0 || due_window) {
            self.ws.kept[i].clear();
            return;
        }
        let mut bought = std::mem::take(&mut self.ws.bought);
        bought.clear();
        let mut rng = self.streams.offer(i, s, d);
        if let Some(p) = parent.filter(|_| takers) {
            self.takers(&mut rng, d, i, p, s);
        }
        // Today's purchases: those scheduled for today, then the pools'.
        let due = self.ws.due[self.due_at(i, s, d)];
        if due > 0 {
            bought.push(OUTSIDE, due);
        }
        if paid {
            let at = self.due_window_at(i, s, d);
            let today = &mut self.ws.due_window[at];
            for (&slot, &n) in today.slots.iter().zip(&today.counts) {
                bought.push(slot, n);
            }
            today.clear();
        }
        let w = &mut self.ws.waiting[i * self.sources + s];
        if *w > 0 {
            let n = rng.binomial_with(&plan.followup_daily[i], *w);
            *w -= n;
            if n > 0 {
                bought.push(OUTSIDE, n);
            }
        }
        if paid && self.ws.waiting_window_total[pool] > 0 {
            let ring = plan.window_ring;
            let waiting = &mut self.ws.waiting_window[pool * ring..(pool + 1) * ring];
            let total = &mut self.ws.waiting_window_total[pool];
            thin(
                &mut rng,
                &plan.followup_daily[i],
                waiting,
                total,
                |slot, k| bought.push(slot as u32, k),
            );
        }
        self.sell(&mut rng, d, i, s, bought);
    }

    /// Today's takers of follow-up `i` among the kept buyers of its parent `p`,
    /// scheduled for the day they buy (or pooled, when many).
    fn takers(&mut self, rng: &mut TrialRng, d: usize, i: usize, p: usize, s: usize) {
        let take = self.take[i];
        let kept = &self.ws.kept[p];
        let mut counts = std::mem::take(&mut self.ws.scratch);
        counts.clear();
        counts.extend_from_slice(&kept.counts);
        let mut total = kept.total;
        let mut chosen = std::mem::take(&mut self.ws.chosen);
        chosen.clear();
        thin(rng, &take, &mut counts, &mut total, |g, k| {
            chosen.push((kept.slots[g], k))
        });
        for &(slot, k) in &chosen {
            self.wait(rng, d, i, s, slot, k);
        }
        self.ws.chosen = chosen;
        self.ws.scratch = counts;
    }

    /// `k` people of source `s` (opt-in group `slot`) start waiting on day `d`
    /// to buy follow-up `i`: each is scheduled for the day it buys, or, when
    /// many, they join the pool.
    fn wait(&mut self, rng: &mut TrialRng, d: usize, i: usize, s: usize, slot: u32, k: u64) {
        let plan = self.plan;
        let h = plan.horizon;
        let ring = plan.window_ring;
        // Days left in the front-end window (0 outside it): the days since
        // opt-in are (d − opt-in day) % ring, from today's slot without a division.
        debug_assert_eq!(d, self.today);
        let left = if slot == OUTSIDE {
            0
        } else {
            let since = self.today_slot + ring - slot as usize;
            plan.window - if since >= ring { since - ring } else { since }
        };
        if k > SCHEDULE_AT_MOST {
            self.ws.pooled += k;
            if left > 0 {
                let pool = i * plan.channels + s;
                self.ws.waiting_window[pool * ring + slot as usize] += k;
                self.ws.waiting_window_total[pool] += k;
            } else {
                bump(&mut self.ws.waiting[i * self.sources + s], k);
            }
            return;
        }
        let wait = &plan.followup_wait[i];
        for _ in 0..k {
            let delay = wait.sample(rng);
            if delay >= (h - d) as u64 {
                continue;
            }
            let day = d + delay as usize;
            if (delay as usize) < left {
                let at = self.due_window_at(i, s, day);
                self.ws.due_window[at].push(slot, 1);
            } else {
                let at = self.due_at(i, s, day);
                self.ws.due[at] += 1;
            }
        }
    }

    /// The purchases of offer `i` on day `d` by people of source `s`, in groups
    /// (inside the front-end window by opt-in group): refunds, money, counts;
    /// the kept ones are left for what follows.
    fn sell(&mut self, rng: &mut TrialRng, d: usize, i: usize, s: usize, mut bought: Groups) {
        let n = bought.total;
        if n == 0 {
            self.keep(i, bought);
            return;
        }
        let mut refunded = 0;
        let mut left = n;
        thin(
            rng,
            &self.refund[i],
            &mut bought.counts,
            &mut left,
            |_, k| refunded += k,
        );
        bought.total = left;
        let price = self.prm.price[i];
        let sales = Flow::Sales {
            count: n,
            refunded,
            price,
            unit_cost: self.prm.unit_cost[i],
        };
        let row = self.row(s);
        self.book(d, Some(row), sales);
        let o = &mut self.out.offers[i];
        bump(&mut o.buyers, n);
        bump(&mut o.refunds, refunded);
        o.revenue += (n - refunded) as f64 * price;
        if s < self.plan.channels {
            let front_end: u64 = bought
                .slots
                .iter()
                .zip(&bought.counts)
                .filter(|(&slot, _)| slot != OUTSIDE)
                .map(|(_, &k)| k)
                .sum();
            self.out.front_end_revenue += front_end as f64 * price;
        }
        self.keep(i, bought);
    }

    /// Leaves today's kept purchases of offer `i` for what follows them (and
    /// takes the buffer they replace as the next spare).
    fn keep(&mut self, i: usize, mut kept: Groups) {
        std::mem::swap(&mut kept, &mut self.ws.kept[i]);
        kept.clear();
        self.ws.bought = kept;
    }

    /// Subscription on day `d` for source `s`: takers among today's `kept` buyers
    /// of the offer it is offered to (scheduled for the day they subscribe, or
    /// pooled when many), then today's new subscribers.
    fn subscription_day(&mut self, d: usize, s: usize, kept: u64) {
        let plan = self.plan;
        let h = plan.horizon;
        let waiting = self.ws.waiting_subscribers[s];
        let due = self.ws.sub_due[s * h + d];
        if (kept == 0 && waiting == 0 && due == 0) || self.prm.subscription.is_none() {
            return;
        }
        let mut rng = self.streams.subscription(s, d);
        if kept > 0 {
            let take = self.prm.subscription.as_ref().map_or(0.0, |p| p.take_rate);
            let takers = rng.binomial(kept, take);
            if takers > SCHEDULE_AT_MOST {
                bump(&mut self.ws.waiting_subscribers[s], takers);
            } else {
                for _ in 0..takers {
                    let delay = plan.subscription_wait.sample(&mut rng);
                    if delay < (h - d) as u64 {
                        self.ws.sub_due[s * h + d + delay as usize] += 1;
                    }
                }
            }
        }
        let w = self.ws.waiting_subscribers[s];
        let pooled = rng.binomial_with(&plan.subscription_daily, w);
        self.ws.waiting_subscribers[s] -= pooled;
        let n = pooled + self.ws.sub_due[s * h + d];
        for _ in 0..n {
            if self.individuals >= MAX_INDIVIDUALS_PER_TRIAL {
                self.out.capped = true;
                break;
            }
            self.individuals += 1;
            self.subscriber(&mut rng, d, s);
        }
    }
}
