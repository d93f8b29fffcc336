//! The Monte Carlo engine: one trial of a [`ValidScenario`], day by day, as
//! `docs/model.md` defines it ("Semantics, day by day").
//!
//! Leads are simulated in aggregate: every day's new leads of one source form a
//! cohort, and the whole life of a cohort in the warm pool (going cold between
//! touches, buying, unsubscribing) is drawn as a chain of binomial splits when it
//! joins. Purchases are scheduled per (offer, day, source), so the cost of a trial
//! does not grow with the number of visitors. Only customers of the repeat and
//! subscription stages are simulated one by one, because each has its own rate
//! (BG/NBD and sBG heterogeneity); their number per trial is capped at
//! [`MAX_INDIVIDUALS_PER_TRIAL`].

use crate::sampling::{logistic, logit, AliasTable, Binomial, TrialRng, Z95};
use crate::scenario::{Nurture, Uncertain};
use crate::validate::{Domain, ValidScenario, MAX_AMOUNT};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Most repeat customers plus subscribers simulated one by one in a trial.
/// Beyond it, new ones are not simulated and the trial is marked capped.
pub const MAX_INDIVIDUALS_PER_TRIAL: u64 = 200_000;
/// Most referred leads in a trial; beyond it referrals stop and the trial is marked capped.
pub const MAX_REFERRED_LEADS_PER_TRIAL: u64 = 1_000_000_000;
/// Most steps of the repeat stage in a trial (a step is one purchase of a
/// customer buying less than daily, or one day of a faster one); it only binds
/// for absurd rhythms such as certain dropout and same-day win-back at millions
/// of purchases a day. Beyond it the trial is marked capped.
pub const MAX_REPEAT_STEPS_PER_TRIAL: u64 = 50_000_000;
/// Most trials in one run.
pub const MAX_TRIALS: u64 = 10_000_000;

/// What the price sweep changes: the price of the lead magnet or of one offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceTarget {
    /// The lead magnet.
    LeadMagnet,
    /// The offer at this index.
    Offer(usize),
}

/// Sell one thing at `price` instead of its scenario price; demand follows its
/// `price_halving_step` (`docs/model.md`, "Price response").
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceOverride {
    /// What is re-priced.
    pub target: PriceTarget,
    /// The new price.
    pub price: f64,
}

/// How to run: how many trials, from which seed, and an optional re-pricing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOptions {
    /// Number of trials (1 ..= [`MAX_TRIALS`]).
    pub trials: u64,
    /// Seed: the same scenario, options and seed give identical results.
    pub seed: u64,
    /// Re-price one thing (for the price sweep).
    #[serde(default)]
    pub price: Option<PriceOverride>,
}

/// Trials of a run when nobody says otherwise (CLI, app, files without them).
pub const DEFAULT_TRIALS: u64 = 10_000;
/// Seed of a run when nobody says otherwise.
pub const DEFAULT_SEED: u64 = 1;

impl RunOptions {
    /// `trials` trials from `seed`, prices as in the scenario.
    pub fn new(trials: u64, seed: u64) -> Self {
        RunOptions {
            trials,
            seed,
            price: None,
        }
    }
}

/// Run options that do not fit the scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    /// Trials outside 1 ..= [`MAX_TRIALS`].
    Trials(u64),
    /// The re-priced offer does not exist.
    NoSuchOffer(usize),
    /// The new price is negative, too large or not a number.
    BadPrice(f64),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            RunError::Trials(n) => write!(f, "trials: must be from 1 to {MAX_TRIALS} (got {n})"),
            RunError::NoSuchOffer(i) => write!(f, "price: there is no offer number {i}"),
            RunError::BadPrice(p) => {
                write!(
                    f,
                    "price: must be a number from 0 to {MAX_AMOUNT} (got {p})"
                )
            }
        }
    }
}

impl std::error::Error for RunError {}

/// Draws one value of an uncertain field (`docs/model.md`, "The five forms"): a
/// 90% range is logit-normal for a rate and lognormal for any other domain.
pub fn sample_uncertain(u: &Uncertain, domain: Domain, rng: &mut TrialRng) -> f64 {
    match *u {
        Uncertain::Fixed(x) => x,
        Uncertain::Range { low, high } => {
            if low == high {
                return low;
            }
            let z = rng.normal();
            if domain.is_rate() {
                let (a, b) = (logit(low), logit(high));
                logistic(0.5 * (a + b) + z * (b - a) / (2.0 * Z95))
            } else {
                let (a, b) = (libm::log(low), libm::log(high));
                libm::exp(0.5 * (a + b) + z * (b - a) / (2.0 * Z95))
            }
        }
        Uncertain::Observed { successes, trials } => {
            rng.beta(successes + 1.0, trials - successes + 1.0)
        }
        Uncertain::Uniform { low, high } => low + (high - low) * rng.uniform(),
        Uncertain::Triangular { low, mode, high } => {
            if low == high {
                return low;
            }
            let u = rng.uniform();
            let cut = (mode - low) / (high - low);
            let x = if u < cut {
                low + libm::sqrt(u * (high - low) * (mode - low))
            } else {
                high - libm::sqrt((1.0 - u) * (high - low) * (high - mode))
            };
            x.clamp(low, high)
        }
    }
}

/// Ages (days since joining) at which a warm lead is touched, below `limit_days`
/// (`docs/model.md`, "Nurture"): `floor(k × 7 / touches_per_week)` inside the window,
/// then `window_days + floor(j × 30 / touches_per_month_after)`.
pub fn touch_ages(n: &Nurture, limit_days: f64) -> Vec<u32> {
    let window = f64::from(n.window_days);
    let mut ages = Vec::new();
    if n.touches_per_week > 0.0 {
        for k in 0u64.. {
            let age = libm::floor(k as f64 * 7.0 / n.touches_per_week);
            if age >= window || age >= limit_days {
                break;
            }
            ages.push(age as u32);
        }
    }
    if n.touches_per_month_after > 0.0 {
        for j in 0u64.. {
            let age = window + libm::floor(j as f64 * 30.0 / n.touches_per_month_after);
            if age >= limit_days {
                break;
            }
            ages.push(age as u32);
        }
    }
    ages
}

/// `2^(−(p − p₀)/s)`: how demand scales when sold at `p` instead of `p₀`.
pub fn price_factor(price: f64, base_price: f64, halving_step: Option<f64>) -> f64 {
    match halving_step {
        Some(s) if s > 0.0 => libm::exp2(-(price - base_price) / s),
        _ => 1.0,
    }
}

/// Everything about a run that does not change between trials.
#[derive(Clone, Debug)]
pub struct Plan {
    scenario: ValidScenario,
    options: RunOptions,
    horizon: usize,
    channels: usize,
    /// Ages (days since joining) at which a warm lead is touched, below the horizon.
    touch_ages: Vec<u32>,
    /// Chance to stay warm from the previous touch (or joining) to this touch.
    touch_survival: Vec<f64>,
    /// The same chances, prepared for binomial draws.
    touch_survival_binomial: Vec<Binomial>,
    /// Per offer: the daily chance that a waiting follow-up buyer buys (1 / (1 + delay_days)).
    followup_daily: Vec<Binomial>,
    /// The daily chance that a waiting subscriber subscribes.
    subscription_daily: Binomial,
    /// `min(1, n / trust_touches)` for the n-th touch.
    touch_trust: Vec<f64>,
    /// End-of-day chance to stay warm.
    daily_warm: f64,
}

impl Plan {
    /// Prepares a run; fails only on options that do not fit the scenario.
    pub fn new(scenario: ValidScenario, options: RunOptions) -> Result<Plan, RunError> {
        if !(1..=MAX_TRIALS).contains(&options.trials) {
            return Err(RunError::Trials(options.trials));
        }
        if let Some(po) = options.price {
            if let PriceTarget::Offer(i) = po.target {
                if i >= scenario.scenario().offers.len() {
                    return Err(RunError::NoSuchOffer(i));
                }
            }
            if !(po.price >= 0.0 && po.price <= MAX_AMOUNT) {
                return Err(RunError::BadPrice(po.price));
            }
        }
        let sc = scenario.scenario();
        let horizon = sc.horizon_days as usize;
        let n = &sc.nurture;
        let touch_ages = touch_ages(n, horizon as f64);
        let mut touch_survival = Vec::with_capacity(touch_ages.len());
        let mut prev = 0u32;
        for &a in &touch_ages {
            touch_survival.push(libm::exp2(-f64::from(a - prev) / n.interest_half_life_days));
            prev = a;
        }
        let touch_trust = (1..=touch_ages.len())
            .map(|k| (k as f64 / n.trust_touches).min(1.0))
            .collect();
        let channels = sc.channels.len();
        let daily = |mean: f64| Binomial::new(1.0 / (1.0 + mean));
        let followup_daily = sc
            .offers
            .iter()
            .map(|o| daily(o.delay_days.unwrap_or(0.0)))
            .collect();
        let subscription_daily = daily(sc.subscription.as_ref().map_or(0.0, |s| s.delay_days));
        let touch_survival_binomial = touch_survival.iter().map(|&p| Binomial::new(p)).collect();
        Ok(Plan {
            touch_survival_binomial,
            followup_daily,
            subscription_daily,
            daily_warm: libm::exp2(-1.0 / n.interest_half_life_days),
            scenario,
            options,
            horizon,
            channels,
            touch_ages,
            touch_survival,
            touch_trust,
        })
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &ValidScenario {
        &self.scenario
    }

    /// The run options.
    pub fn options(&self) -> &RunOptions {
        &self.options
    }

    /// Horizon in days.
    pub fn horizon(&self) -> usize {
        self.horizon
    }

    /// Touch ages of a warm lead (days since joining) below the horizon.
    pub fn touch_ages(&self) -> &[u32] {
        &self.touch_ages
    }

    /// End-of-day chance that a warm lead stays warm.
    pub fn daily_warm(&self) -> f64 {
        self.daily_warm
    }

    /// Names of the rows of the per-channel table: the paid channels, then `referral`.
    pub fn channel_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .scenario
            .scenario()
            .channels
            .iter()
            .map(|c| c.name.clone())
            .collect();
        v.push(crate::validate::REFERRAL_CHANNEL.to_string());
        v
    }

    /// Runs one trial (a fresh workspace each call; see [`Workspace`] to reuse one).
    pub fn trial(&self, trial: u64) -> TrialOutcome {
        Workspace::default().run(self, trial)
    }
}

/// The values of every uncertain field, drawn once for a trial.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrialParams {
    /// Per channel: mean visitors a day.
    pub visitors_per_day: Vec<f64>,
    /// Per channel: cost per visitor.
    pub cost_per_visitor: Vec<f64>,
    /// Per channel: opt-in rate after the lead magnet's price factor (capped at 1).
    pub optin_rate: Vec<f64>,
    /// Lead magnet price as sold.
    pub lead_magnet_price: f64,
    /// Lead magnet delivery cost.
    pub delivery_cost: f64,
    /// Conversion per touch after the entry offer's price factor.
    pub conversion_per_touch: f64,
    /// Unsubscribe chance per touch.
    pub unsubscribe_per_touch: f64,
    /// Cost per touch.
    pub cost_per_touch: f64,
    /// Per offer: price as sold.
    pub price: Vec<f64>,
    /// Per offer: unit cost.
    pub unit_cost: Vec<f64>,
    /// Per offer: take rate after its price factor (1 for the entry offer).
    pub take_rate: Vec<f64>,
    /// Per offer: refund rate.
    pub refund_rate: Vec<f64>,
    /// Repeat stage values, when it exists.
    pub repeat: Option<RepeatParams>,
    /// Subscription values, when it exists.
    pub subscription: Option<SubscriptionParams>,
    /// Referral values, when they exist.
    pub referrals: Option<ReferralParams>,
    /// Fixed costs a month.
    pub fixed_costs_per_month: f64,
}

/// Drawn values of the repeat stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepeatParams {
    /// Price of a repeat purchase.
    pub price: f64,
    /// Cost of a repeat purchase.
    pub unit_cost: f64,
    /// Mean purchases a month.
    pub purchases_per_month: f64,
    /// Mean dropout chance after a purchase.
    pub dropout_after_purchase: f64,
    /// Win-back success chance (0 without win-back).
    pub winback_success: f64,
    /// Win-back cost per attempt.
    pub winback_cost: f64,
}

/// Drawn values of the subscription.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionParams {
    /// Share of buyers who subscribe.
    pub take_rate: f64,
    /// Monthly price.
    pub monthly_price: f64,
    /// Monthly cost.
    pub monthly_unit_cost: f64,
    /// Mean churn after a payment.
    pub monthly_churn: f64,
}

/// Drawn values of the referrals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferralParams {
    /// Chance a buyer becomes a fan.
    pub fan_rate: f64,
    /// Mean leads per fan.
    pub leads_per_fan: f64,
    /// Chance a buyer becomes a promoter.
    pub promoter_rate: f64,
    /// Mean leads per promoter.
    pub leads_per_promoter: f64,
    /// Reward per promoter-brought buyer.
    pub reward: f64,
}

impl TrialParams {
    /// Draws every uncertain field once, in the order of the schema, from `rng`.
    pub fn draw(plan: &Plan, rng: &mut TrialRng) -> TrialParams {
        let sc = plan.scenario.scenario();
        let po = plan.options.price;
        let amount = |u: &Uncertain, rng: &mut TrialRng| sample_uncertain(u, Domain::Amount, rng);
        let rate = |u: &Uncertain, rng: &mut TrialRng| sample_uncertain(u, Domain::Rate, rng);

        let mut visitors_per_day = Vec::new();
        let mut cost_per_visitor = Vec::new();
        let mut optin = Vec::new();
        for c in &sc.channels {
            visitors_per_day.push(amount(&c.visitors_per_day, rng));
            cost_per_visitor.push(amount(&c.cost_per_visitor, rng));
            optin.push(rate(&c.optin_rate, rng));
        }
        let lm = &sc.lead_magnet;
        let lm_base = amount(&lm.price, rng);
        let delivery_cost = amount(&lm.delivery_cost, rng);
        let (lm_price, lm_factor) = match po {
            Some(PriceOverride {
                target: PriceTarget::LeadMagnet,
                price,
            }) => (price, price_factor(price, lm_base, lm.price_halving_step)),
            _ => (lm_base, 1.0),
        };
        let optin_rate = optin.iter().map(|r| (r * lm_factor).min(1.0)).collect();

        let n = &sc.nurture;
        let conversion = rate(&n.conversion_per_touch, rng);
        let unsubscribe_per_touch = rate(&n.unsubscribe_per_touch, rng);
        let cost_per_touch = amount(&n.cost_per_touch, rng);

        let mut price = Vec::new();
        let mut unit_cost = Vec::new();
        let mut take_rate = Vec::new();
        let mut refund_rate = Vec::new();
        let mut entry_factor = 1.0;
        for (i, o) in sc.offers.iter().enumerate() {
            let take = o.take_rate.as_ref().map_or(1.0, |t| rate(t, rng));
            let base = amount(&o.price, rng);
            let (p, factor) = match po {
                Some(PriceOverride {
                    target: PriceTarget::Offer(j),
                    price,
                }) if j == i => (price, price_factor(price, base, o.price_halving_step)),
                _ => (base, 1.0),
            };
            price.push(p);
            unit_cost.push(amount(&o.unit_cost, rng));
            refund_rate.push(rate(&o.refund_rate, rng));
            if i == 0 {
                entry_factor = factor;
                take_rate.push(1.0);
            } else {
                take_rate.push((take * factor).min(1.0));
            }
        }
        let repeat = sc.repeat.as_ref().map(|r| {
            let price = amount(&r.price, rng);
            let unit_cost = amount(&r.unit_cost, rng);
            let purchases_per_month = amount(&r.purchases_per_month, rng);
            let dropout_after_purchase = rate(&r.dropout_after_purchase, rng);
            let (winback_success, winback_cost) = match &r.winback {
                Some(w) => (rate(&w.success_rate, rng), amount(&w.cost_per_attempt, rng)),
                None => (0.0, 0.0),
            };
            RepeatParams {
                price,
                unit_cost,
                purchases_per_month,
                dropout_after_purchase,
                winback_success,
                winback_cost,
            }
        });
        let subscription = sc.subscription.as_ref().map(|s| SubscriptionParams {
            take_rate: rate(&s.take_rate, rng),
            monthly_price: amount(&s.monthly_price, rng),
            monthly_unit_cost: amount(&s.monthly_unit_cost, rng),
            monthly_churn: rate(&s.monthly_churn, rng),
        });
        let referrals = sc.referrals.as_ref().map(|r| ReferralParams {
            fan_rate: rate(&r.fan_rate, rng),
            leads_per_fan: amount(&r.leads_per_fan, rng),
            promoter_rate: rate(&r.promoter_rate, rng),
            leads_per_promoter: amount(&r.leads_per_promoter, rng),
            reward: amount(&r.reward_per_referred_buyer, rng),
        });
        let fixed_costs_per_month = amount(&sc.fixed_costs_per_month, rng);
        TrialParams {
            visitors_per_day,
            cost_per_visitor,
            optin_rate,
            lead_magnet_price: lm_price,
            delivery_cost,
            conversion_per_touch: conversion * entry_factor,
            unsubscribe_per_touch,
            cost_per_touch,
            price,
            unit_cost,
            take_rate,
            refund_rate,
            repeat,
            subscription,
            referrals,
            fixed_costs_per_month,
        }
    }
}

/// Counts and money of one offer in one trial.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OfferOutcome {
    /// Purchases, refunded ones included.
    pub buyers: u64,
    /// Purchases refunded.
    pub refunds: u64,
    /// Money kept: price × (buyers − refunds).
    pub revenue: f64,
}

/// One row of the per-channel table of one trial.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelOutcome {
    /// Visitors (for `referral`: referred leads).
    pub visitors: u64,
    /// Leads.
    pub leads: u64,
    /// Paid to the channel: ads (for `referral`: rewards to promoters).
    pub spend: f64,
    /// Customers it brought.
    pub customers: u64,
    /// Money kept from every purchase of the people it brought (lead magnet included).
    pub revenue: f64,
    /// Every variable cost of the people it brought: spend, lead magnet delivery,
    /// touches, unit costs, rewards, win-back. Fixed costs are not split.
    pub cost: f64,
}

impl ChannelOutcome {
    /// revenue − cost.
    pub fn profit(&self) -> f64 {
        self.revenue - self.cost
    }

    /// profit / cost; `None` when cost is 0.
    pub fn roi(&self) -> Option<f64> {
        (self.cost > 0.0).then(|| self.profit() / self.cost)
    }
}

/// Money of one trial, by kind (all totals over the horizon).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// All money in before refunds.
    pub gross_in: f64,
    /// Money given back on refunds.
    pub refunds: f64,
    /// Paid for visitors.
    pub ads: f64,
    /// Lead magnet prices paid by leads.
    pub lead_magnet_revenue: f64,
    /// Lead magnet delivery.
    pub lead_magnet_delivery: f64,
    /// Touches.
    pub touches: f64,
    /// Unit costs of every purchase and subscription payment.
    pub unit_costs: f64,
    /// Rewards to promoters.
    pub referral_rewards: f64,
    /// Win-back attempts.
    pub winback: f64,
    /// Fixed costs.
    pub fixed: f64,
}

/// Per-day series of one trial (index = day).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Daily {
    /// Cumulative revenue (refunds subtracted) at the end of each day.
    pub cum_revenue: Vec<f64>,
    /// Cumulative cost at the end of each day.
    pub cum_cost: Vec<f64>,
    /// Cumulative profit at the end of each day.
    pub cum_profit: Vec<f64>,
    /// Active repeat customers at the end of each day.
    pub active_repeat: Vec<u64>,
    /// Active subscribers at the end of each day.
    pub active_subscribers: Vec<u64>,
    /// Monthly recurring revenue (active subscribers × monthly price).
    pub mrr: Vec<f64>,
}

/// Everything one trial produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrialOutcome {
    /// Visitors of paid channels.
    pub visitors: u64,
    /// Every lead, referred ones included.
    pub leads: u64,
    /// Leads who unsubscribed at a touch.
    pub unsubscribes: u64,
    /// Touches sent (one lead touched once = 1).
    pub touches: u64,
    /// People whose first purchase was not refunded.
    pub customers: u64,
    /// Per offer.
    pub offers: Vec<OfferOutcome>,
    /// Money by kind.
    pub money: Money,
    /// Customers who entered the repeat stage.
    pub repeat_customers: u64,
    /// Repeat purchases.
    pub repeat_purchases: u64,
    /// Money from repeat purchases.
    pub repeat_revenue: f64,
    /// Win-back attempts.
    pub winback_attempts: u64,
    /// Successful win-backs.
    pub winbacks: u64,
    /// People who subscribed.
    pub subscribers: u64,
    /// Subscription payments.
    pub subscription_payments: u64,
    /// Money from subscription payments.
    pub subscription_revenue: f64,
    /// Fans.
    pub fans: u64,
    /// Promoters.
    pub promoters: u64,
    /// Referred leads who arrived within the horizon.
    pub referred_leads: u64,
    /// Customers among referred leads.
    pub referred_customers: u64,
    /// Per channel, then `referral` last.
    pub channels: Vec<ChannelOutcome>,
    /// Per-day series.
    pub daily: Daily,
    /// Whether a cap on people was reached in this trial.
    pub capped: bool,
}

impl TrialOutcome {
    /// All money in, refunds subtracted.
    pub fn revenue(&self) -> f64 {
        self.money.gross_in - self.money.refunds
    }

    /// All money out except refunds.
    pub fn cost(&self) -> f64 {
        let m = &self.money;
        m.ads
            + m.lead_magnet_delivery
            + m.touches
            + m.unit_costs
            + m.referral_rewards
            + m.winback
            + m.fixed
    }

    /// revenue − cost.
    pub fn profit(&self) -> f64 {
        self.revenue() - self.cost()
    }

    /// profit / cost; `None` when cost is 0.
    pub fn roi(&self) -> Option<f64> {
        let c = self.cost();
        (c > 0.0).then(|| self.profit() / c)
    }

    /// Acquisition cost per customer; `None` without customers.
    pub fn cac(&self) -> Option<f64> {
        let m = &self.money;
        (self.customers > 0).then(|| {
            (m.ads + m.lead_magnet_delivery + m.touches + m.referral_rewards)
                / self.customers as f64
        })
    }

    /// Value of a customer within the horizon; `None` without customers.
    pub fn cltv(&self) -> Option<f64> {
        (self.customers > 0).then(|| {
            (self.revenue() - self.money.unit_costs - self.money.winback) / self.customers as f64
        })
    }

    /// Earnings per lead; `None` without leads.
    pub fn epl(&self) -> Option<f64> {
        (self.leads > 0).then(|| self.revenue() / self.leads as f64)
    }

    /// The last day cumulative profit turned from < 0 to ≥ 0; `Some(0)` if it is
    /// never negative; `None` if it ends negative.
    pub fn payback_day(&self) -> Option<u32> {
        let cp = &self.daily.cum_profit;
        match cp.last() {
            None => Some(0),
            Some(&last) if last < 0.0 => None,
            Some(_) => {
                let turn = (1..cp.len())
                    .rev()
                    .find(|&d| cp[d] >= 0.0 && cp[d - 1] < 0.0);
                Some(turn.map_or(0, |d| d as u32))
            }
        }
    }

    /// The most cash the business was down at any point (≥ 0).
    pub fn cash_needed(&self) -> f64 {
        let min = self.daily.cum_profit.iter().fold(0.0f64, |m, &x| m.min(x));
        -min
    }

    /// Monthly recurring revenue on the last day.
    pub fn mrr_end(&self) -> f64 {
        self.daily.mrr.last().copied().unwrap_or(0.0)
    }
}

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
    money_in: Vec<f64>,
    refunds: Vec<f64>,
    money_out: Vec<f64>,
    repeat_diff: Vec<i64>,
    sub_diff: Vec<i64>,
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
fn bump(count: &mut u64, n: u64) {
    *count = count.saturating_add(n);
}

/// Sources of leads inside a trial: the paid channels, then fans' and promoters' referrals.
const FAN: usize = 0;
const PROMOTER: usize = 1;

struct Trial<'a> {
    plan: &'a Plan,
    prm: TrialParams,
    rng: TrialRng,
    ws: &'a mut Workspace,
    out: TrialOutcome,
    sources: usize,
    individuals: u64,
    referrals_scheduled: u64,
    repeat_steps: u64,
    unsubscribe: Binomial,
    refund: Vec<Binomial>,
    take: Vec<Binomial>,
}

impl Workspace {
    /// Runs trial number `trial` of `plan`; the result depends only on the
    /// scenario, the options and `trial`.
    pub fn run(&mut self, plan: &Plan, trial: u64) -> TrialOutcome {
        let seed = plan.options.seed;
        let prm = TrialParams::draw(plan, &mut TrialRng::for_trial(seed, trial, 0));
        let rng = TrialRng::for_trial(seed, trial, 1);
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
    fn row(&self, source: usize) -> usize {
        source.min(self.plan.channels)
    }

    fn day(&mut self, d: usize) {
        let plan = self.plan;
        let sc = plan.scenario.scenario();
        if d % 30 == 0 && self.prm.fixed_costs_per_month > 0.0 {
            self.ws.money_out[d] += self.prm.fixed_costs_per_month;
            self.out.money.fixed += self.prm.fixed_costs_per_month;
        }
        // Acquisition.
        for (c, ch) in sc.channels.iter().enumerate() {
            if (ch.start_day as usize) <= d && d < ch.end_day as usize {
                let v = self.rng.poisson(self.prm.visitors_per_day[c]);
                let leads = self.rng.binomial(v, self.prm.optin_rate[c]);
                let ads = v as f64 * self.prm.cost_per_visitor[c];
                let lm_in = leads as f64 * self.prm.lead_magnet_price;
                let lm_out = leads as f64 * self.prm.delivery_cost;
                self.ws.money_in[d] += lm_in;
                self.ws.money_out[d] += ads + lm_out;
                let m = &mut self.out.money;
                m.ads += ads;
                m.lead_magnet_revenue += lm_in;
                m.gross_in += lm_in;
                m.lead_magnet_delivery += lm_out;
                bump(&mut self.out.visitors, v);
                bump(&mut self.out.leads, leads);
                let row = &mut self.out.channels[c];
                bump(&mut row.visitors, v);
                bump(&mut row.leads, leads);
                row.spend += ads;
                row.cost += ads + lm_out;
                row.revenue += lm_in;
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
        self.ws.money_out[day] += cost;
        self.out.money.touches += cost;
        let row = self.row(s);
        self.out.channels[row].cost += cost;
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
        self.ws.money_in[d] += n as f64 * price;
        self.ws.refunds[d] += refunded as f64 * price;
        self.ws.money_out[d] += n as f64 * unit;
        let m = &mut self.out.money;
        m.gross_in += n as f64 * price;
        m.refunds += refunded as f64 * price;
        m.unit_costs += n as f64 * unit;
        let o = &mut self.out.offers[i];
        bump(&mut o.buyers, n);
        bump(&mut o.refunds, refunded);
        o.revenue += kept as f64 * price;
        self.out.channels[row].revenue += kept as f64 * price;
        self.out.channels[row].cost += n as f64 * unit;
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
                    self.ws.money_out[d] += reward;
                    self.out.money.referral_rewards += reward;
                    self.out.channels[row].spend += reward;
                    self.out.channels[row].cost += reward;
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

    /// Purchases a repeat customer makes until it drops out: 1 + Geometric(π)
    /// (each purchase is followed by a dropout with chance π); `u64::MAX` when π = 0.
    fn purchases_until_dropout(&mut self, dropout: f64) -> u64 {
        if dropout >= 1.0 {
            return 1;
        }
        if !(dropout > 0.0) {
            return u64::MAX;
        }
        let x = libm::floor(libm::log(self.rng.uniform_pos()) / libm::log1p(-dropout));
        if x >= 1e18 {
            u64::MAX
        } else {
            1 + x as u64
        }
    }

    /// `n` repeat purchases on `day` by a customer of source `s`.
    fn repeat_purchases(&mut self, day: usize, s: usize, n: u64, price: f64, unit: f64) {
        let row = self.row(s);
        let (money_in, money_out) = (n as f64 * price, n as f64 * unit);
        bump(&mut self.out.repeat_purchases, n);
        self.out.repeat_revenue += money_in;
        self.ws.money_in[day] += money_in;
        self.ws.money_out[day] += money_out;
        self.out.money.gross_in += money_in;
        self.out.money.unit_costs += money_out;
        self.out.channels[row].revenue += money_in;
        self.out.channels[row].cost += money_out;
    }

    /// A win-back attempt on day `w` for a customer of source `s`; whether it worked.
    fn winback_attempt(&mut self, w: usize, s: usize, cost: f64, success: f64) -> bool {
        let row = self.row(s);
        self.out.winback_attempts += 1;
        self.ws.money_out[w] += cost;
        self.out.money.winback += cost;
        self.out.channels[row].cost += cost;
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
    fn repeat_customer(&mut self, d: usize, s: usize) {
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
        let mut left = self.purchases_until_dropout(dropout);
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
                left = self.purchases_until_dropout(dropout);
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
            left = self.purchases_until_dropout(dropout);
        }
    }

    fn mark_active_repeat(&mut self, from: usize, to: usize) {
        if from < to {
            self.ws.repeat_diff[from] += 1;
            self.ws.repeat_diff[to] -= 1;
        }
    }

    /// One subscriber of source `s` who subscribes on day `d`.
    fn subscriber(&mut self, d: usize, s: usize) {
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
        // Payments until and including the one after which it churns: 1 + Geometric.
        let payments: u64 = if churn >= 1.0 {
            1
        } else if churn <= 0.0 {
            u64::MAX
        } else {
            let x = libm::floor(libm::log(self.rng.uniform_pos()) / libm::log1p(-churn));
            if x >= 1e15 {
                u64::MAX
            } else {
                1 + x as u64
            }
        };
        let row = self.row(s);
        self.out.subscribers += 1;
        let mut day = d;
        let mut paid = 0u64;
        while day < h && paid < payments {
            paid += 1;
            self.out.subscription_payments += 1;
            self.out.subscription_revenue += price;
            self.ws.money_in[day] += price;
            self.ws.money_out[day] += unit;
            self.out.money.gross_in += price;
            self.out.money.unit_costs += unit;
            self.out.channels[row].revenue += price;
            self.out.channels[row].cost += unit;
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
