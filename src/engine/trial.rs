//! One trial, day by day (`docs/model.md`, "The order of a day"): fixed costs,
//! acquisition, the warm pool (`nurture.rs`), the ladder's purchases
//! (`ladder.rs`), the life cycle (`lifecycle.rs`); money is booked by
//! `ledger.rs`. Every draw comes from the stream of the part and day it belongs
//! to (`streams.rs`).

use super::groups::Groups;
use super::ledger::Flow;
use super::lifecycle::sbg_weights;
use super::nurture::fates;
use super::streams::TrialStreams;
use super::{ChannelOutcome, Daily, OfferOutcome, Plan, TrialOutcome, TrialParams};
use crate::sampling::{AliasTable, Binomial, Poisson, TabledSampler};

/// Buffers reused from trial to trial (one per thread or worker).
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Purchases due, by (offer, source, day): of referred leads, and of paid
    /// leads outside the front-end window.
    pub(super) due: Vec<u64>,
    /// Purchases due inside the front-end window, by (offer, paid channel, day
    /// in the window's ring), in groups by opt-in day.
    pub(super) due_window: Vec<Groups>,
    /// People waiting in a pool to buy a follow-up, by (offer, source): outside
    /// the window; of paid channels inside it by (offer, channel, opt-in slot),
    /// with their totals by (offer, channel); and how many were ever pooled.
    pub(super) waiting: Vec<u64>,
    pub(super) waiting_window: Vec<u64>,
    pub(super) waiting_window_total: Vec<u64>,
    pub(super) pooled: u64,
    /// Today's kept purchases of each offer by the source being simulated, by
    /// opt-in group.
    pub(super) kept: Vec<Groups>,
    /// Spare buffers.
    pub(super) bought: Groups,
    pub(super) scratch: Vec<u64>,
    pub(super) chosen: Vec<(u32, u64)>,
    /// People waiting to subscribe, by source (a pool), and subscriptions due
    /// by (source, day).
    pub(super) waiting_subscribers: Vec<u64>,
    pub(super) sub_due: Vec<u64>,
    /// Referred leads due, by (day, fan or promoter).
    pub(super) arrivals: Vec<u64>,
    /// Touches by (day, channel row).
    pub(super) touched: Vec<u64>,
    /// Money in (before refunds), refunds and money out, by day (see `ledger.rs`).
    pub(super) money_in: Vec<f64>,
    pub(super) refunds: Vec<f64>,
    pub(super) money_out: Vec<f64>,
    /// Changes of active repeat customers and subscribers, by day.
    pub(super) repeat_diff: Vec<i64>,
    pub(super) sub_diff: Vec<i64>,
    /// Repeat purchases by source: changes of the rate of customers active all
    /// day and of their number (by day up to the horizon), both now, the rate of
    /// parts of days, and the purchases after which customers drop out, by day.
    pub(super) repeat_rate: Vec<f64>,
    pub(super) repeat_spells: Vec<i64>,
    pub(super) repeat_now: Vec<(f64, i64)>,
    pub(super) repeat_partial: Vec<f64>,
    pub(super) repeat_last: Vec<u64>,
    /// Win-back attempts by (source, day).
    pub(super) winback_due: Vec<u64>,
    /// Subscribers by (source, day): who subscribe, who stop paying, who pay.
    pub(super) sub_start: Vec<u64>,
    pub(super) sub_stop: Vec<u64>,
    pub(super) sub_paying: Vec<u64>,
    /// Per touch: the chance to buy, for leads of paid channels and referred leads.
    pub(super) buy: Vec<Binomial>,
    pub(super) buy_referred: Vec<Binomial>,
    /// The fate of one lead (see `nurture::fates`), for paid and referred leads.
    pub(super) fate: AliasTable,
    pub(super) fate_referred: AliasTable,
    fate_weights: Vec<f64>,
    pub(super) fate_counts: Vec<u64>,
    /// The number of payments of a subscriber (see `lifecycle::sbg_weights`).
    pub(super) sbg: AliasTable,
    /// The trial's Beta of a repeat customer's dropout chance, once it has
    /// enough repeat customers (see `lifecycle::DROPOUT_TABLE_AFTER`).
    pub(super) dropout: TabledSampler,
}

/// Adds to a count, saturating: absurd but valid inputs (10¹² visitors a day
/// touched daily for ten years) reach u64::MAX instead of wrapping around.
#[inline]
pub(super) fn bump(count: &mut u64, n: u64) {
    *count = count.saturating_add(n);
}

/// Sources of leads inside a trial: the paid channels, then fans' and promoters' referrals.
pub(super) const FAN: usize = 0;
pub(super) const PROMOTER: usize = 1;

/// One trial being simulated.
pub(super) struct Trial<'a> {
    pub(super) plan: &'a Plan,
    pub(super) prm: TrialParams,
    pub(super) streams: TrialStreams,
    pub(super) ws: &'a mut Workspace,
    pub(super) out: TrialOutcome,
    /// Sources of leads: the paid channels, then fans and promoters; those
    /// that can have people (fans and promoters only with referrals).
    pub(super) sources: usize,
    active_sources: usize,
    /// Repeat customers and subscribers simulated so far.
    pub(super) individuals: u64,
    pub(super) referrals_scheduled: u64,
    pub(super) repeat_steps: u64,
    /// Whether `ws.dropout` holds this trial's dropout table: not tried yet
    /// (None), built, or not suited to a table.
    pub(super) dropout_table: Option<bool>,
    pub(super) unsubscribe: Binomial,
    pub(super) refund: Vec<Binomial>,
    pub(super) take: Vec<Binomial>,
    /// The day being simulated and its slot in the front-end window's ring
    /// (`today % plan.window_ring`, computed once a day).
    pub(super) today: usize,
    pub(super) today_slot: usize,
    /// Per paid channel: its visitors a day and opt-in rate.
    visitors: Vec<Poisson>,
    optin: Vec<Binomial>,
}

fn reset<T: Clone>(v: &mut Vec<T>, n: usize, zero: T) {
    v.clear();
    v.resize(n, zero);
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
        let streams = TrialStreams::new(plan, trial);
        let h = plan.horizon;
        let channels = plan.channels;
        let sources = channels + 2;
        let sc = plan.scenario.scenario();
        let offers = sc.offers.len();
        let ring = plan.window_ring;
        reset(&mut self.due, offers * sources * h, 0);
        self.due_window
            .resize_with(offers * channels * ring, Groups::default);
        self.due_window.iter_mut().for_each(Groups::clear);
        reset(&mut self.waiting, offers * sources, 0);
        reset(&mut self.waiting_window, offers * channels * ring, 0);
        reset(&mut self.waiting_window_total, offers * channels, 0);
        self.pooled = 0;
        self.kept.resize_with(offers, Groups::default);
        self.kept.iter_mut().for_each(Groups::clear);
        reset(&mut self.waiting_subscribers, sources, 0);
        reset(&mut self.arrivals, h * 2, 0);
        reset(&mut self.touched, h * (channels + 1), 0);
        reset(&mut self.money_in, h, 0.0);
        reset(&mut self.refunds, h, 0.0);
        reset(&mut self.money_out, h, 0.0);
        reset(&mut self.repeat_diff, h + 1, 0);
        reset(&mut self.sub_diff, h + 1, 0);
        let repeat_days = if sc.repeat.is_some() { h } else { 0 };
        reset(&mut self.repeat_rate, (repeat_days + 1) * sources, 0.0);
        reset(&mut self.repeat_spells, (repeat_days + 1) * sources, 0);
        reset(&mut self.repeat_now, sources, (0.0, 0));
        reset(&mut self.repeat_partial, repeat_days * sources, 0.0);
        reset(&mut self.repeat_last, repeat_days * sources, 0);
        reset(&mut self.winback_due, repeat_days * sources, 0);
        let sub_days = if sc.subscription.is_some() { h } else { 0 };
        reset(&mut self.sub_due, sub_days * sources, 0);
        reset(&mut self.sub_start, sub_days * sources, 0);
        reset(&mut self.sub_stop, sub_days * sources, 0);
        reset(&mut self.sub_paying, sub_days * sources, 0);
        self.prepare_fates(plan, &prm);
        if let (Some(sp), Some(sub)) = (&prm.subscription, &sc.subscription) {
            let c = sub.churn_concentration;
            let (a, b) = if sp.monthly_churn <= 0.0 {
                (0.0, c)
            } else if sp.monthly_churn >= 1.0 {
                (c, 0.0)
            } else {
                (sp.monthly_churn * c, (1.0 - sp.monthly_churn) * c)
            };
            sbg_weights(&mut self.fate_weights, a, b, h.div_ceil(30));
            self.sbg.rebuild(&self.fate_weights);
        }
        let out = TrialOutcome {
            offers: vec![OfferOutcome::default(); offers],
            channels: vec![ChannelOutcome::default(); channels + 1],
            ..TrialOutcome::default()
        };
        let unsubscribe = Binomial::new(prm.unsubscribe_per_touch);
        let refund = prm.refund_rate.iter().map(|&p| Binomial::new(p)).collect();
        let take = prm.take_rate.iter().map(|&p| Binomial::new(p)).collect();
        let optin = prm.optin_rate.iter().map(|&p| Binomial::new(p)).collect();
        let visitors = prm
            .visitors_per_day
            .iter()
            .map(|&v| Poisson::new(v))
            .collect();
        let mut t = Trial {
            plan,
            prm,
            streams,
            ws: self,
            out,
            sources,
            active_sources: if sc.referrals.is_some() {
                sources
            } else {
                channels
            },
            individuals: 0,
            referrals_scheduled: 0,
            repeat_steps: 0,
            dropout_table: None,
            unsubscribe,
            today: 0,
            today_slot: 0,
            refund,
            take,
            visitors,
            optin,
        };
        for day in 0..h {
            t.day(day);
        }
        t.finish()
    }

    /// The chances to buy at each touch and the alias tables of a lead's fate.
    fn prepare_fates(&mut self, plan: &Plan, prm: &TrialParams) {
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
        fates(
            &mut self.fate_weights,
            &plan.touch_survival,
            &buy,
            prm.unsubscribe_per_touch,
        );
        self.fate.rebuild(&self.fate_weights);
        if plan.scenario.scenario().referrals.is_some() {
            fates(
                &mut self.fate_weights,
                &plan.touch_survival,
                &buy_referred,
                prm.unsubscribe_per_touch,
            );
            self.fate_referred.rebuild(&self.fate_weights);
        }
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
        self.today = d;
        self.today_slot = d % plan.window_ring;
        self.streams.set_day(d);
        if d % 30 == 0 && self.prm.fixed_costs_per_month > 0.0 {
            self.book(d, None, Flow::Fixed(self.prm.fixed_costs_per_month));
        }
        self.close_windows(d);
        // Acquisition.
        for (c, ch) in sc.channels.iter().enumerate() {
            if (ch.start_day as usize) <= d && d < ch.end_day as usize {
                let mut rng = self.streams.acquisition(c, d);
                let v = rng.poisson_with(&self.visitors[c]);
                let leads = rng.binomial_with(&self.optin[c], v);
                let lead_magnet_sales = leads as f64 * self.prm.lead_magnet_price;
                let acquisition = Flow::Acquisition {
                    ads: v as f64 * self.prm.cost_per_visitor[c],
                    lead_magnet_sales,
                    delivery: leads as f64 * self.prm.delivery_cost,
                };
                self.book(d, Some(c), acquisition);
                self.out.front_end_revenue += lead_magnet_sales;
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
        // Purchases of every offer in ladder order, what follows them, and new
        // subscribers, source by source; then the day's touches, repeat
        // purchases, win-back attempts and subscription payments.
        for s in 0..self.active_sources {
            self.ladder(d, s);
        }
        let rows = plan.channels + 1;
        for row in 0..rows {
            let n = self.ws.touched[d * rows + row];
            if n > 0 {
                bump(&mut self.out.touches, n);
                let cost = n as f64 * self.prm.cost_per_touch;
                self.book(d, Some(row), Flow::Touches(cost));
            }
        }
        if self.prm.repeat.is_some() || self.prm.subscription.is_some() {
            for s in 0..self.active_sources {
                self.lifecycle_day(d, s);
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
