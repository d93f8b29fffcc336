//! Repeat customers (BG/NBD, with win-back) and subscribers (sBG), simulated
//! one by one because each has its own rhythm, dropout or churn.

use super::ledger::Flow;
use super::trial::{bump, Trial};
use super::MAX_REPEAT_STEPS_PER_TRIAL;

impl Trial<'_> {
    /// `n` repeat purchases on `day` by a customer of source `s`.
    fn repeat_purchases(&mut self, day: usize, s: usize, n: u64, price: f64, unit: f64) {
        bump(&mut self.out.repeat_purchases, n);
        self.out.repeat_revenue += n as f64 * price;
        let sales = Flow::Sales {
            count: n,
            refunded: 0,
            price,
            unit_cost: unit,
        };
        self.book(day, Some(self.row(s)), sales);
    }

    /// A win-back attempt on day `w` for a customer of source `s`; whether it worked.
    fn winback_attempt(&mut self, w: usize, s: usize, cost: f64, success: f64) -> bool {
        self.out.winback_attempts += 1;
        self.book(w, Some(self.row(s)), Flow::Winback(cost));
        let won = self.rng.chance(success);
        if won {
            self.out.winbacks += 1;
        }
        won
    }

    /// Counts one step of the repeat stage against [`MAX_REPEAT_STEPS_PER_TRIAL`];
    /// false (and the trial marked capped) once the cap is reached.
    fn repeat_step(&mut self) -> bool {
        self.repeat_steps += 1;
        if self.repeat_steps > MAX_REPEAT_STEPS_PER_TRIAL {
            self.out.capped = true;
            false
        } else {
            true
        }
    }

    /// One repeat customer of source `s` whose qualifying purchase was on day `d`
    /// (BG/NBD): purchases at the times of a Poisson process of its own rate from
    /// the start of day d + 1, dropping out after each with its own chance.
    ///
    /// A customer buying less than once a day is followed purchase by purchase
    /// (exponential gaps); a faster one day by day, with Poisson counts per day,
    /// which is the same process, so the cost never grows with the purchase rate.
    /// A win-back resumes the customer from the start of the win-back day, or from
    /// the moment of the dropout when the attempt is made that same day.
    pub(super) fn repeat_customer(&mut self, d: usize, s: usize) {
        let plan = self.plan;
        let h = plan.horizon;
        let sc = plan.scenario.scenario();
        let (Some(rp), Some(r)) = (&self.prm.repeat, &sc.repeat) else {
            return;
        };
        let (price, unit, wb_success, wb_cost) =
            (rp.price, rp.unit_cost, rp.winback_success, rp.winback_cost);
        let rate = if rp.purchases_per_month > 0.0 {
            self.rng
                .gamma(r.rate_shape, rp.purchases_per_month / 30.0 / r.rate_shape)
        } else {
            0.0
        };
        let dropout = self
            .rng
            .beta_mean(rp.dropout_after_purchase, r.dropout_concentration);
        let detect = r.winback.as_ref().map(|w| w.detect_days as usize);
        self.out.repeat_customers += 1;
        let mut active_from = d + 1;
        let mut left = self.rng.trials_until_success(dropout);
        if rate >= 1.0 {
            // Day by day: `carry` holds the purchases of today after a same-day win-back.
            let mut day = d + 1;
            let mut carry: Option<u64> = None;
            while day < h {
                if !self.repeat_step() {
                    break;
                }
                let n = carry.take().unwrap_or_else(|| self.rng.poisson(rate));
                if n < left {
                    self.repeat_purchases(day, s, n, price, unit);
                    left -= n;
                    day += 1;
                    continue;
                }
                self.repeat_purchases(day, s, left, price, unit);
                let after = n - left;
                self.mark_active_repeat(active_from, day);
                let Some(detect) = detect else { return };
                let w = day + detect;
                if w >= h || !self.winback_attempt(w, s, wb_cost, wb_success) {
                    return;
                }
                active_from = w;
                left = self.rng.trials_until_success(dropout);
                if w == day {
                    carry = Some(after);
                } else {
                    day = w;
                }
            }
            self.mark_active_repeat(active_from, h);
            return;
        }
        let mut time = (d + 1) as f64;
        loop {
            if active_from >= h || !self.repeat_step() {
                break;
            }
            time += self.rng.exponential(rate);
            if !(time < h as f64) {
                self.mark_active_repeat(active_from, h);
                break;
            }
            let day = time as usize;
            self.repeat_purchases(day, s, 1, price, unit);
            left -= 1;
            if left > 0 {
                continue;
            }
            self.mark_active_repeat(active_from, day);
            let Some(detect) = detect else { break };
            let w = day + detect;
            if w >= h || !self.winback_attempt(w, s, wb_cost, wb_success) {
                break;
            }
            active_from = w;
            time = time.max(w as f64);
            left = self.rng.trials_until_success(dropout);
        }
    }

    fn mark_active_repeat(&mut self, from: usize, to: usize) {
        if from < to {
            self.ws.repeat_diff[from] += 1;
            self.ws.repeat_diff[to] -= 1;
        }
    }

    /// One subscriber of source `s` who subscribes on day `d`.
    pub(super) fn subscriber(&mut self, d: usize, s: usize) {
        let plan = self.plan;
        let h = plan.horizon;
        let sc = plan.scenario.scenario();
        let (Some(sp), Some(sub)) = (&self.prm.subscription, &sc.subscription) else {
            return;
        };
        let (price, unit) = (sp.monthly_price, sp.monthly_unit_cost);
        let churn = self
            .rng
            .beta_mean(sp.monthly_churn, sub.churn_concentration);
        // Payments until and including the one after which it churns.
        let payments = self.rng.trials_until_success(churn);
        let row = self.row(s);
        self.out.subscribers += 1;
        let mut day = d;
        let mut paid = 0u64;
        while day < h && paid < payments {
            paid += 1;
            self.out.subscription_payments += 1;
            self.out.subscription_revenue += price;
            let payment = Flow::Sales {
                count: 1,
                refunded: 0,
                price,
                unit_cost: unit,
            };
            self.book(day, Some(row), payment);
            if paid < payments {
                day += 30;
            }
        }
        // Active from the day it subscribes until the day it churns (or the horizon).
        let end = if paid == payments { day.min(h) } else { h };
        if d < end {
            self.ws.sub_diff[d] += 1;
            self.ws.sub_diff[end] -= 1;
        }
    }
}
