//! One trial, day by day: acquisition, the warm pool of leads (cohorts),
//! purchases of the value ladder and referrals. Repeat customers and
//! subscribers are in `lifecycle.rs`, money is booked by `ledger.rs`.

use super::ledger::Flow;
use super::{
    ChannelOutcome, Daily, OfferOutcome, Plan, TrialOutcome, TrialParams,
    MAX_INDIVIDUALS_PER_TRIAL, MAX_REFERRED_LEADS_PER_TRIAL,
};
use crate::sampling::{AliasTable, Binomial, TrialRng};

/// Buffers reused from trial to trial (one per thread or worker).
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Entry-offer purchases due, by (day, source).
    entry_due: Vec<u64>,
    /// People waiting to buy a follow-up, by (offer, source). Delays are
    /// geometric, hence memoryless: everyone waiting buys today with the same chance.
    waiting: Vec<u64>,
    /// People waiting to subscribe, by source.
    waiting_subscribers: Vec<u64>,
    /// Referred leads due, by (day, fan or promoter).
    arrivals: Vec<u64>,
    /// Money in (before refunds), refunds and money out, by day (see `ledger.rs`).
    pub(super) money_in: Vec<f64>,
    pub(super) refunds: Vec<f64>,
    pub(super) money_out: Vec<f64>,
    /// Changes of active repeat customers and subscribers, by day.
    pub(super) repeat_diff: Vec<i64>,
    pub(super) sub_diff: Vec<i64>,
    /// Per touch: the chance to buy, for leads of paid channels and referred leads.
    buy: Vec<Binomial>,
    buy_referred: Vec<Binomial>,
    /// The fate of one lead (see [`Workspace::fates`]), for paid and referred leads.
    fate: AliasTable,
    fate_referred: AliasTable,
    fate_weights: Vec<f64>,
    fate_counts: Vec<u64>,
}

/// A cohort is drawn lead by lead (one alias draw per lead) when it has at most
/// this many leads per touch left before the horizon, else by binomial splits
/// touch by touch. Both draw from the same distribution; this only picks the faster.
const LEADS_PER_TOUCH_FOR_ALIAS: u64 = 16;

impl Workspace {
    /// Weights of the fates of one warm lead over the touch schedule: index 3j
    /// is "went cold before touch j", 3j + 1 "bought at touch j", 3j + 2
    /// "unsubscribed at touch j", and the last "still warm after the last touch".
    fn fates(weights: &mut Vec<f64>, survival: &[f64], buy: &[f64], unsubscribe: f64) {
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
}

/// Adds to a count, saturating: absurd but valid inputs (10¹² visitors a day
/// touched daily for ten years) reach u64::MAX instead of wrapping around.
#[inline]
pub(super) fn bump(count: &mut u64, n: u64) {
    *count = count.saturating_add(n);
}

/// Sources of leads inside a trial: the paid channels, then fans' and promoters' referrals.
const FAN: usize = 0;
const PROMOTER: usize = 1;

/// One trial being simulated.
pub(super) struct Trial<'a> {
    pub(super) plan: &'a Plan,
    pub(super) prm: TrialParams,
    pub(super) rng: TrialRng,
    pub(super) ws: &'a mut Workspace,
    pub(super) out: TrialOutcome,
    /// Sources of leads: the paid channels, then fans and promoters.
    sources: usize,
    /// Repeat customers and subscribers simulated so far.
    individuals: u64,
    referrals_scheduled: u64,
    pub(super) repeat_steps: u64,
    unsubscribe: Binomial,
    refund: Vec<Binomial>,
    take: Vec<Binomial>,
}

impl Workspace {
    /// Runs trial number `trial` of `plan`; the result depends only on the
    /// scenario, the options and `trial`.
    pub fn run(&mut self, plan: &Plan, trial: u64) -> TrialOutcome {
        self.run_drawn(plan, trial, plan.params(trial))
    }

    /// [`Workspace::run`] with the trial's uncertain values already drawn:
    /// `prm` must be `plan.params(trial)` (a batch keeps the draws).
    pub(crate) fn run_drawn(&mut self, plan: &Plan, trial: u64, prm: TrialParams) -> TrialOutcome {
        let rng = TrialRng::for_trial(plan.options.seed, trial, 1);
        let h = plan.horizon;
        let sources = plan.channels + 2;
        let offers = plan.scenario.scenario().offers.len();
        let reset_u = |v: &mut Vec<u64>, n: usize| {
            v.clear();
            v.resize(n, 0);
        };
        let reset_f = |v: &mut Vec<f64>, n: usize| {
            v.clear();
            v.resize(n, 0.0);
        };
        reset_u(&mut self.entry_due, h * sources);
        reset_u(&mut self.waiting, offers * sources);
        reset_u(&mut self.waiting_subscribers, sources);
        reset_u(&mut self.arrivals, h * 2);
        reset_f(&mut self.money_in, h);
        reset_f(&mut self.refunds, h);
        reset_f(&mut self.money_out, h);
        self.repeat_diff.clear();
        self.repeat_diff.resize(h + 1, 0);
        self.sub_diff.clear();
        self.sub_diff.resize(h + 1, 0);
        let multiplier = plan
            .scenario
            .scenario()
            .referrals
            .as_ref()
            .map_or(1.0, |r| r.referred_conversion_multiplier);
        let buy: Vec<f64> = plan
            .touch_trust
            .iter()
            .map(|t| (prm.conversion_per_touch * t).min(1.0))
            .collect();
        let buy_referred: Vec<f64> = plan
            .touch_trust
            .iter()
            .map(|t| (prm.conversion_per_touch * t * multiplier).min(1.0))
            .collect();
        self.buy.clear();
        self.buy.extend(buy.iter().map(|&p| Binomial::new(p)));
        self.buy_referred.clear();
        self.buy_referred
            .extend(buy_referred.iter().map(|&p| Binomial::new(p)));
        Self::fates(
            &mut self.fate_weights,
            &plan.touch_survival,
            &buy,
            prm.unsubscribe_per_touch,
        );
        self.fate.rebuild(&self.fate_weights);
        if plan.scenario.scenario().referrals.is_some() {
            Self::fates(
                &mut self.fate_weights,
                &plan.touch_survival,
                &buy_referred,
                prm.unsubscribe_per_touch,
            );
            self.fate_referred.rebuild(&self.fate_weights);
        }
        let out = TrialOutcome {
            offers: vec![OfferOutcome::default(); offers],
            channels: vec![ChannelOutcome::default(); plan.channels + 1],
            ..TrialOutcome::default()
        };
        let unsubscribe = Binomial::new(prm.unsubscribe_per_touch);
        let refund = prm.refund_rate.iter().map(|&p| Binomial::new(p)).collect();
        let take = prm.take_rate.iter().map(|&p| Binomial::new(p)).collect();
        let mut t = Trial {
            plan,
            prm,
            rng,
            ws: self,
            out,
            sources,
            individuals: 0,
            referrals_scheduled: 0,
            repeat_steps: 0,
            unsubscribe,
            refund,
            take,
        };
        for day in 0..h {
            t.day(day);
        }
        t.finish()
    }
}

impl Trial<'_> {
    /// Row of the per-channel table for a source.
    pub(super) fn row(&self, source: usize) -> usize {
        source.min(self.plan.channels)
    }

    fn day(&mut self, d: usize) {
        let plan = self.plan;
        let sc = plan.scenario.scenario();
        if d % 30 == 0 && self.prm.fixed_costs_per_month > 0.0 {
            self.book(d, None, Flow::Fixed(self.prm.fixed_costs_per_month));
        }
        // Acquisition.
        for (c, ch) in sc.channels.iter().enumerate() {
            if (ch.start_day as usize) <= d && d < ch.end_day as usize {
                let v = self.rng.poisson(self.prm.visitors_per_day[c]);
                let leads = self.rng.binomial(v, self.prm.optin_rate[c]);
                let acquisition = Flow::Acquisition {
                    ads: v as f64 * self.prm.cost_per_visitor[c],
                    lead_magnet_sales: leads as f64 * self.prm.lead_magnet_price,
                    delivery: leads as f64 * self.prm.delivery_cost,
                };
                self.book(d, Some(c), acquisition);
                bump(&mut self.out.visitors, v);
                bump(&mut self.out.leads, leads);
                let row = &mut self.out.channels[c];
                bump(&mut row.visitors, v);
                bump(&mut row.leads, leads);
                self.cohort(d, c, leads);
            }
        }
        // Referred leads arriving today.
        for kind in [FAN, PROMOTER] {
            let n = self.ws.arrivals[d * 2 + kind];
            if n > 0 {
                bump(&mut self.out.leads, n);
                bump(&mut self.out.referred_leads, n);
                let row = self.plan.channels;
                bump(&mut self.out.channels[row].visitors, n);
                bump(&mut self.out.channels[row].leads, n);
                self.cohort(d, plan.channels + kind, n);
            }
        }
        // Purchases of every offer, in ladder order: a follow-up bought with no
        // delay is bought the same day, after the offer it follows.
        for i in 0..sc.offers.len() {
            for s in 0..self.sources {
                let n = if i == 0 {
                    self.ws.entry_due[d * self.sources + s]
                } else {
                    let w = &mut self.ws.waiting[i * self.sources + s];
                    if *w == 0 {
                        continue;
                    }
                    let k = self.rng.binomial_with(&plan.followup_daily[i], *w);
                    *w -= k;
                    k
                };
                if n > 0 {
                    self.purchases(d, i, s, n);
                }
            }
        }
        // New subscribers.
        for s in 0..self.sources {
            let w = self.ws.waiting_subscribers[s];
            if w == 0 {
                continue;
            }
            let n = self.rng.binomial_with(&plan.subscription_daily, w);
            self.ws.waiting_subscribers[s] -= n;
            for _ in 0..n {
                if self.individuals >= MAX_INDIVIDUALS_PER_TRIAL {
                    self.out.capped = true;
                    break;
                }
                self.individuals += 1;
                self.subscriber(d, s);
            }
        }
    }

    /// The whole life in the warm pool of `n` leads of source `s` who joined on day `d`.
    fn cohort(&mut self, d: usize, s: usize, n: u64) {
        let plan = self.plan;
        // Touches of this cohort before the horizon.
        let touches = plan
            .touch_ages
            .partition_point(|&a| (a as usize) < plan.horizon - d);
        if touches == 0 {
            return;
        }
        let referred = s >= plan.channels;
        if n <= LEADS_PER_TOUCH_FOR_ALIAS * touches as u64 {
            self.cohort_by_lead(d, s, n, touches, referred);
        } else {
            self.cohort_by_touch(d, s, n, touches, referred);
        }
    }

    /// Touch costs, purchases and unsubscribes of touch `k` of a cohort.
    fn touch_outcome(
        &mut self,
        d: usize,
        s: usize,
        k: usize,
        touched: u64,
        bought: u64,
        left: u64,
    ) {
        let day = d + self.plan.touch_ages[k] as usize;
        bump(&mut self.out.touches, touched);
        let cost = touched as f64 * self.prm.cost_per_touch;
        self.book(day, Some(self.row(s)), Flow::Touches(cost));
        bump(&mut self.out.unsubscribes, left);
        bump(&mut self.ws.entry_due[day * self.sources + s], bought);
    }

    /// A cohort drawn lead by lead: each lead's fate from the alias table, then counted per touch.
    fn cohort_by_lead(&mut self, d: usize, s: usize, n: u64, touches: usize, referred: bool) {
        let last = 3 * touches;
        let mut counts = std::mem::take(&mut self.ws.fate_counts);
        counts.clear();
        counts.resize(last + 1, 0);
        let table = if referred {
            &self.ws.fate_referred
        } else {
            &self.ws.fate
        };
        for _ in 0..n / 2 {
            let (a, b) = table.sample_pair(&mut self.rng);
            counts[a.min(last)] += 1;
            counts[b.min(last)] += 1;
        }
        if n % 2 == 1 {
            counts[table.sample(&mut self.rng).min(last)] += 1;
        }
        let mut gone = 0;
        for k in 0..touches {
            gone += counts[3 * k];
            let touched = n - gone;
            if touched == 0 {
                break;
            }
            let (bought, left) = (counts[3 * k + 1], counts[3 * k + 2]);
            gone += bought + left;
            self.touch_outcome(d, s, k, touched, bought, left);
        }
        self.ws.fate_counts = counts;
    }

    /// A large cohort drawn touch by touch with binomial splits.
    fn cohort_by_touch(&mut self, d: usize, s: usize, n: u64, touches: usize, referred: bool) {
        let plan = self.plan;
        let mut alive = n;
        for k in 0..touches {
            alive = self
                .rng
                .binomial_with(&plan.touch_survival_binomial[k], alive);
            if alive == 0 {
                break;
            }
            let buy = if referred {
                self.ws.buy_referred[k]
            } else {
                self.ws.buy[k]
            };
            let bought = self.rng.binomial_with(&buy, alive);
            let left = self.rng.binomial_with(&self.unsubscribe, alive - bought);
            self.touch_outcome(d, s, k, alive, bought, left);
            alive -= bought + left;
        }
    }

    /// `n` purchases of offer `i` on day `d` by people of source `s`.
    fn purchases(&mut self, d: usize, i: usize, s: usize, n: u64) {
        let plan = self.plan;
        let sc = plan.scenario.scenario();
        let links = plan.scenario.links();
        let h = plan.horizon;
        let price = self.prm.price[i];
        let unit = self.prm.unit_cost[i];
        let refunded = self.rng.binomial_with(&self.refund[i], n);
        let kept = n - refunded;
        let row = self.row(s);
        let sales = Flow::Sales {
            count: n,
            refunded,
            price,
            unit_cost: unit,
        };
        self.book(d, Some(row), sales);
        let o = &mut self.out.offers[i];
        bump(&mut o.buyers, n);
        bump(&mut o.refunds, refunded);
        o.revenue += kept as f64 * price;
        if kept == 0 {
            return;
        }
        if i == 0 {
            bump(&mut self.out.customers, kept);
            bump(&mut self.out.channels[row].customers, kept);
            if s >= plan.channels {
                bump(&mut self.out.referred_customers, kept);
            }
            if s == plan.channels + PROMOTER {
                if let Some(r) = &self.prm.referrals {
                    let reward = kept as f64 * r.reward;
                    self.book(d, Some(row), Flow::Reward(reward));
                }
            }
        }
        // Follow-up offers: takers start waiting today.
        for &f in &links.children[i] {
            let takers = self.rng.binomial_with(&self.take[f], kept);
            bump(&mut self.ws.waiting[f * self.sources + s], takers);
        }
        // Subscription.
        if links.subscription_of == Some(i) {
            if let Some(sp) = &self.prm.subscription {
                let takers = self.rng.binomial(kept, sp.take_rate);
                bump(&mut self.ws.waiting_subscribers[s], takers);
            }
        }
        // Repeat purchases.
        if links.repeat_of == Some(i) && self.prm.repeat.is_some() {
            for _ in 0..kept {
                if self.individuals >= MAX_INDIVIDUALS_PER_TRIAL {
                    self.out.capped = true;
                    break;
                }
                self.individuals += 1;
                self.repeat_customer(d, s);
            }
        }
        // Fans and promoters.
        if links.referrals_of == Some(i) {
            if let (Some(rp), Some(r)) = (&self.prm.referrals, &sc.referrals) {
                let (fan_rate, promoter_rate) = (rp.fan_rate, rp.promoter_rate);
                let (per_fan, per_promoter) = (rp.leads_per_fan, rp.leads_per_promoter);
                let fans = self.rng.binomial(kept, fan_rate);
                let promoters = self.rng.binomial(kept, promoter_rate);
                bump(&mut self.out.fans, fans);
                bump(&mut self.out.promoters, promoters);
                let window = u64::from(r.window_days);
                let max_offset = (h - d - 1) as u64;
                for (kind, mean) in [
                    (FAN, fans as f64 * per_fan),
                    (PROMOTER, promoters as f64 * per_promoter),
                ] {
                    let mut count = self.rng.poisson(mean);
                    let room =
                        MAX_REFERRED_LEADS_PER_TRIAL.saturating_sub(self.referrals_scheduled);
                    if count > room {
                        count = room;
                        self.out.capped = true;
                    }
                    self.referrals_scheduled += count;
                    let arrivals = &mut self.ws.arrivals;
                    self.rng
                        .spread_uniform(count, window, max_offset, |off, k| {
                            arrivals[(d + 1 + off as usize) * 2 + kind] += k
                        });
                }
            }
        }
    }

    fn finish(mut self) -> TrialOutcome {
        let h = self.plan.horizon;
        let ws = &*self.ws;
        let mrr_price = self
            .prm
            .subscription
            .as_ref()
            .map_or(0.0, |s| s.monthly_price);
        let mut daily = Daily {
            cum_revenue: Vec::with_capacity(h),
            cum_cost: Vec::with_capacity(h),
            cum_profit: Vec::with_capacity(h),
            active_repeat: Vec::with_capacity(h),
            active_subscribers: Vec::with_capacity(h),
            mrr: Vec::with_capacity(h),
        };
        let (mut rev, mut cost, mut rep, mut subs) = (0.0, 0.0, 0i64, 0i64);
        for d in 0..h {
            rev += ws.money_in[d] - ws.refunds[d];
            cost += ws.money_out[d];
            rep += ws.repeat_diff[d];
            subs += ws.sub_diff[d];
            daily.cum_revenue.push(rev);
            daily.cum_cost.push(cost);
            daily.cum_profit.push(rev - cost);
            daily.active_repeat.push(rep.max(0) as u64);
            daily.active_subscribers.push(subs.max(0) as u64);
            daily.mrr.push(subs.max(0) as f64 * mrr_price);
        }
        self.out.daily = daily;
        self.out
    }
}
