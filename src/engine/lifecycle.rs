//! The life cycle after a purchase (`docs/model.md`, "Repeat purchases and
//! win-back", "Subscription", "Referrals"): repeat customers (BG/NBD, with
//! win-back), subscribers (sBG), fans and promoters.
//!
//! Each repeat customer and subscriber draws its own life when it starts, in a
//! constant number of draws; what its life leads to is counted by day, and each
//! day's purchases and payments are booked once per source:
//!
//! - A repeat customer buys at the times of a Poisson process of rate λ and drops
//!   out after each purchase with chance π. Split by whether they end the spell
//!   (thinning), its purchases are two independent Poisson processes: those after
//!   which it stays, of rate λ(1 − π), and the one after which it drops out, the
//!   first event of a process of rate λπ. So a spell of activity ends at an
//!   exponential time of rate λπ with one purchase, and between its start and end
//!   the customer adds λ(1 − π) to its source's rate of purchases; the day's
//!   purchases of a source, summed over its customers, are Poisson with the day's
//!   total rate. Exact, whatever the number of purchases.
//! - A subscriber's churn chance θ ~ Beta only matters through the number of
//!   payments N it makes before cancelling, geometric given θ: N has the
//!   shifted-beta-geometric distribution, drawn directly from an alias table of
//!   it (one per trial). Its payments fall every 30 days from the day it
//!   subscribes; the day's payments of a source are those of 30 days before plus
//!   who starts, minus who stopped.

use super::ledger::Flow;
use super::trial::{bump, Trial, FAN, PROMOTER};
use super::MAX_INDIVIDUALS_PER_TRIAL;
use super::{MAX_REFERRED_LEADS_PER_TRIAL, MAX_REPEAT_STEPS_PER_TRIAL};
use crate::sampling::TrialRng;

/// Repeat customers of a trial drawn before its dropout table is built, and
/// the table's pieces at most.
const DROPOUT_TABLE_AFTER: u64 = 16;
const DROPOUT_PIECES: usize = 96;

/// Payments and the weights of the number of payments N of a subscriber of the
/// shifted-beta-geometric model with θ ~ Beta(a, b): P(N = k) = S(k − 1) − S(k)
/// for k = 1 … `most`, then P(N > most) = S(most), where S(k) = Π_{i<k} (b + i) /
/// (a + b + i) is the chance of still paying after k payments.
pub(super) fn sbg_weights(weights: &mut Vec<f64>, a: f64, b: f64, most: usize) {
    weights.clear();
    let mut survive = 1.0f64;
    for i in 0..most {
        let next = survive * ((b + i as f64) / (a + b + i as f64));
        weights.push((survive - next).max(0.0));
        survive = next;
    }
    weights.push(survive.max(0.0));
    if weights.iter().all(|&w| w == 0.0) {
        // Only round-off can do this; nobody churns then.
        *weights.last_mut().expect("at least one weight") = 1.0;
    }
}

impl Trial<'_> {
    /// Counts one step of the repeat stage (a spell of activity) against
    /// [`MAX_REPEAT_STEPS_PER_TRIAL`]; false (and the trial marked capped) once
    /// the cap is reached.
    fn repeat_step(&mut self) -> bool {
        self.repeat_steps += 1;
        if self.repeat_steps > MAX_REPEAT_STEPS_PER_TRIAL {
            self.out.capped = true;
            false
        } else {
            true
        }
    }

    /// `n` repeat customers of source `s` whose qualifying purchase was on day `d`.
    pub(super) fn repeat_customers(&mut self, d: usize, s: usize, n: u64) {
        let mut rng = self.streams.repeat(s, d);
        for _ in 0..n {
            if self.individuals >= MAX_INDIVIDUALS_PER_TRIAL {
                self.out.capped = true;
                break;
            }
            self.individuals += 1;
            self.repeat_customer(&mut rng, d, s);
        }
    }

    /// One repeat customer (BG/NBD): purchases at the times of a Poisson process
    /// of its own rate from the start of day d + 1, dropping out after each with
    /// its own chance; a win-back resumes it from the start of the win-back day,
    /// or from the moment of the dropout when the attempt is made that same day.
    fn repeat_customer(&mut self, rng: &mut TrialRng, d: usize, s: usize) {
        let plan = self.plan;
        let h = plan.horizon;
        let sc = plan.scenario.scenario();
        let (Some(rp), Some(r)) = (&self.prm.repeat, &sc.repeat) else {
            return;
        };
        let (mean_dropout, success) = (rp.dropout_after_purchase, rp.winback_success);
        let rate = if rp.purchases_per_month > 0.0 {
            let scale = rp.purchases_per_month / 30.0 / r.rate_shape;
            if plan.repeat_rate.is_built() {
                plan.repeat_rate.sample(rng) * scale
            } else {
                rng.gamma(r.rate_shape, scale)
            }
        } else {
            0.0
        };
        let dropout = self.dropout(rng, mean_dropout, r.dropout_concentration);
        let detect = r.winback.as_ref().map(|w| w.detect_days as usize);
        self.out.repeat_customers += 1;
        let staying = rate * (1.0 - dropout);
        let leaving = rate * dropout;
        let mut start = (d + 1) as f64;
        let mut active_from = d + 1;
        while active_from < h && self.repeat_step() {
            // Exp(leaving): +∞ when nobody leaves.
            let end = if leaving > 0.0 {
                start + plan.unit_exponential.sample(rng) / leaving
            } else {
                f64::INFINITY
            };
            if !(end < h as f64) {
                self.add_repeat_rate(s, start, h as f64, staying);
                self.mark_active_repeat(active_from, h);
                return;
            }
            self.add_repeat_rate(s, start, end, staying);
            let day = end as usize;
            bump(&mut self.ws.repeat_last[s * h + day], 1);
            self.mark_active_repeat(active_from, day);
            let Some(detect) = detect else { return };
            let w = day + detect;
            if w >= h {
                return;
            }
            self.out.winback_attempts += 1;
            bump(&mut self.ws.winback_due[s * h + w], 1);
            if !rng.chance(success) {
                return;
            }
            self.out.winbacks += 1;
            start = if detect == 0 { end } else { w as f64 };
            active_from = w;
        }
    }

    /// A repeat customer's dropout chance, Beta(mean, concentration): from the
    /// trial's table once the trial has [`DROPOUT_TABLE_AFTER`] repeat
    /// customers (a table costs a few microseconds to build and saves a
    /// fraction of one on every draw), by Cheng's algorithms before.
    fn dropout(&mut self, rng: &mut TrialRng, mean: f64, concentration: f64) -> f64 {
        if !(mean > 0.0 && mean < 1.0) || self.out.repeat_customers < DROPOUT_TABLE_AFTER {
            return rng.beta_mean(mean, concentration);
        }
        let built = *self.dropout_table.get_or_insert_with(|| {
            let (a, b) = (mean * concentration, (1.0 - mean) * concentration);
            self.ws.dropout.rebuild_beta(a, b, DROPOUT_PIECES)
        });
        if built {
            self.ws.dropout.sample(rng)
        } else {
            rng.beta_mean(mean, concentration)
        }
    }

    /// Adds a customer's rate of purchases `rate` (a day) to source `s` over the
    /// time from `from` to `to` (days, `to` at most the horizon).
    fn add_repeat_rate(&mut self, s: usize, from: f64, to: f64, rate: f64) {
        if !(rate > 0.0 && from < to) {
            return;
        }
        let h = self.plan.horizon;
        let (first, last) = (from as usize, to as usize);
        let partial = &mut self.ws.repeat_partial[s * h..(s + 1) * h];
        if first == last {
            partial[first] += rate * (to - from);
            return;
        }
        let mut full_from = first;
        if from > first as f64 {
            partial[first] += rate * ((first + 1) as f64 - from);
            full_from = first + 1;
        }
        if last < h && to > last as f64 {
            partial[last] += rate * (to - last as f64);
        }
        if full_from < last {
            let at = s * (h + 1);
            self.ws.repeat_rate[at + full_from] += rate;
            self.ws.repeat_rate[at + last] -= rate;
            self.ws.repeat_spells[at + full_from] += 1;
            self.ws.repeat_spells[at + last] -= 1;
        }
    }

    fn mark_active_repeat(&mut self, from: usize, to: usize) {
        if from < to {
            self.ws.repeat_diff[from] += 1;
            self.ws.repeat_diff[to] -= 1;
        }
    }

    /// One subscriber of source `s` who subscribes on day `d`: the number of
    /// payments it makes before cancelling, from the trial's sBG table.
    pub(super) fn subscriber(&mut self, rng: &mut TrialRng, d: usize, s: usize) {
        let h = self.plan.horizon;
        // Category k is "cancels after payment k + 1"; the last is "pays to the horizon".
        let category = self.ws.sbg.sample(rng);
        let possible = (h - d).div_ceil(30);
        let churns = category < self.ws.sbg.len() - 1 && category < possible;
        let paid = if churns { category + 1 } else { possible };
        self.out.subscribers += 1;
        self.ws.sub_start[s * h + d] += 1;
        let stop = d + 30 * paid;
        if stop < h {
            self.ws.sub_stop[s * h + stop] += 1;
        }
        // Active from the day it subscribes until the day of its last payment if it
        // cancels (not counted at the end of that day), else to the horizon.
        let end = if churns { d + 30 * (paid - 1) } else { h };
        if d < end {
            self.ws.sub_diff[d] += 1;
            self.ws.sub_diff[end] -= 1;
        }
    }

    /// The repeat purchases, win-back attempts and subscription payments of
    /// source `s` on day `d`, counted and booked.
    pub(super) fn lifecycle_day(&mut self, d: usize, s: usize) {
        let h = self.plan.horizon;
        let row = self.row(s);
        if let Some(rp) = &self.prm.repeat {
            let (price, unit, attempt_cost) = (rp.price, rp.unit_cost, rp.winback_cost);
            // The rate of customers active all day: a running sum, set to exactly
            // 0 whenever nobody is (so that round-off never leaves a rate behind).
            let at = s * (h + 1) + d;
            let (rate, spells) = &mut self.ws.repeat_now[s];
            *spells += self.ws.repeat_spells[at];
            *rate = if *spells > 0 {
                *rate + self.ws.repeat_rate[at]
            } else {
                0.0
            };
            let mean = *rate + self.ws.repeat_partial[s * h + d];
            let mut n = self.ws.repeat_last[s * h + d];
            if mean > 0.0 {
                let k = self.streams.repeat_purchases(s, d).poisson(mean);
                n = n.saturating_add(k);
            }
            if n > 0 {
                bump(&mut self.out.repeat_purchases, n);
                self.out.repeat_revenue += n as f64 * price;
                self.book(d, Some(row), Flow::kept_sales(n, price, unit));
            }
            let attempts = self.ws.winback_due[s * h + d];
            if attempts > 0 {
                self.book(d, Some(row), Flow::Winback(attempts as f64 * attempt_cost));
            }
        }
        if let Some(sp) = &self.prm.subscription {
            let (price, unit) = (sp.monthly_price, sp.monthly_unit_cost);
            let i = s * h + d;
            let before = if d >= 30 {
                self.ws.sub_paying[i - 30]
            } else {
                0
            };
            let n = before + self.ws.sub_start[i] - self.ws.sub_stop[i];
            self.ws.sub_paying[i] = n;
            if n > 0 {
                self.out.subscription_payments += n;
                self.out.subscription_revenue += n as f64 * price;
                self.book(d, Some(row), Flow::kept_sales(n, price, unit));
            }
        }
    }

    /// Fans and promoters among the `kept` buyers of source `s` on day `d`, and
    /// the days their leads arrive.
    pub(super) fn referrals(&mut self, d: usize, s: usize, kept: u64) {
        let plan = self.plan;
        let h = plan.horizon;
        let (Some(rp), Some(r)) = (&self.prm.referrals, &plan.scenario.scenario().referrals) else {
            return;
        };
        let (fan_rate, promoter_rate) = (rp.fan_rate, rp.promoter_rate);
        let (per_fan, per_promoter) = (rp.leads_per_fan, rp.leads_per_promoter);
        let window = u64::from(r.window_days);
        let mut rng = self.streams.referrals(s, d);
        let fans = rng.binomial(kept, fan_rate);
        let promoters = rng.binomial(kept, promoter_rate);
        bump(&mut self.out.fans, fans);
        bump(&mut self.out.promoters, promoters);
        let max_offset = (h - d - 1) as u64;
        for (kind, mean) in [
            (FAN, fans as f64 * per_fan),
            (PROMOTER, promoters as f64 * per_promoter),
        ] {
            let mut count = rng.poisson(mean);
            let room = MAX_REFERRED_LEADS_PER_TRIAL.saturating_sub(self.referrals_scheduled);
            if count > room {
                count = room;
                self.out.capped = true;
            }
            self.referrals_scheduled += count;
            let arrivals = &mut self.ws.arrivals;
            rng.spread_uniform(count, window, max_offset, |off, k| {
                arrivals[(d + 1 + off as usize) * 2 + kind] += k
            });
        }
    }
}
