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
//!
//! Files: this one holds the run's options and its [`Plan`]; `params.rs` draws a
//! trial's uncertain values ([`TrialParams`]), `outcome.rs` holds what a trial
//! produces ([`TrialOutcome`]), `trial.rs` simulates the days (acquisition,
//! nurture, purchases, referrals), `lifecycle.rs` the repeat customers and
//! subscribers one by one, and `ledger.rs` books every amount of money.

mod groups;
mod ladder;
mod ledger;
mod lifecycle;
mod nurture;
mod outcome;
mod params;
mod streams;
mod trial;

pub use outcome::{ChannelOutcome, Daily, Money, OfferOutcome, TrialOutcome};
pub use params::{
    input_stream_key, quantile_uncertain, sample_uncertain, Inputs, ReferralParams, RepeatParams,
    SubscriptionParams, TrialParams,
};
pub use trial::Workspace;

use crate::sampling::{Binomial, GeometricTable, TabledSampler};
use crate::scenario::Nurture;
use crate::validate::{ValidScenario, MAX_AMOUNT};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Pieces of the tables of a repeat customer's purchase rate and of the end of
/// its spells (built once a run).
const REPEAT_RATE_PIECES: usize = 256;

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
    /// How the uncertain inputs' levels spread over the trials: stratified
    /// unless asked otherwise ([`InputLevels`]).
    #[serde(default)]
    pub input_levels: InputLevels,
}

/// How each uncertain input's levels (the probabilities its inverse CDF is
/// taken at) spread over the trials of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputLevels {
    /// A scrambled low-discrepancy sequence per field
    /// ([`crate::sampling::input_level`]): every aligned block of 2ᵐ trials
    /// covers each of the 2ᵐ equal slices of (0, 1) once, so quantiles of the
    /// results settle with fewer trials.
    #[default]
    Stratified,
    /// An independent uniform per field and trial (plain Monte Carlo: for
    /// benchmarks that measure what stratifying gains).
    Independent,
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
            input_levels: InputLevels::Stratified,
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

/// Ages (days since joining) at which a warm lead is touched, below `limit_days`
/// (`docs/model.md`, "Nurture"): `floor(k × 7 / touches_per_week)` inside the window,
/// then `window_days + floor(j × 30 / touches_per_month_after)`.
pub fn touch_ages(n: &Nurture, limit_days: f64) -> Vec<u32> {
    let window = f64::from(n.window_days);
    let mut ages = Vec::new();
    if n.touches_per_week > 0.0 {
        for k in 0u64.. {
            let age = f64::floor(k as f64 * 7.0 / n.touches_per_week);
            if age >= window || age >= limit_days {
                break;
            }
            ages.push(age as u32);
        }
    }
    if n.touches_per_month_after > 0.0 {
        for j in 0u64.. {
            let age = window + f64::floor(j as f64 * 30.0 / n.touches_per_month_after);
            if age >= limit_days {
                break;
            }
            ages.push(age as u32);
        }
    }
    ages
}

/// `2^(−(p − p₀)/s)`: how demand scales when sold at `p` instead of the
/// reference price `p₀` at which it was observed, with halving step `s`
/// (1 without a step).
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
    /// The scenario's uncertain fields, in draw order.
    inputs: Inputs,
    /// Their permutation seeds in this run ([`Inputs::permutations`]; `None`
    /// for independent levels).
    permutations: Option<Vec<u64>>,
    horizon: usize,
    channels: usize,
    /// Ages (days since joining) at which a warm lead is touched, below the horizon.
    touch_ages: Vec<u32>,
    /// Chance to stay warm from the previous touch (or joining) to this touch.
    touch_survival: Vec<f64>,
    /// The same chances, prepared for binomial draws.
    touch_survival_binomial: Vec<Binomial>,
    /// Per offer: the daily chance that a waiting follow-up buyer buys (1 / (1 + delay_days)),
    /// for people waiting in a pool and for the wait of one person.
    followup_daily: Vec<Binomial>,
    followup_wait: Vec<GeometricTable>,
    /// The daily chance that a waiting subscriber subscribes, likewise.
    subscription_daily: Binomial,
    subscription_wait: GeometricTable,
    /// `min(1, n / trust_touches)` for the n-th touch.
    touch_trust: Vec<f64>,
    /// End-of-day chance to stay warm.
    daily_warm: f64,
    /// The front-end window in days: `max(1, window_days)`.
    window: usize,
    /// Days of the ring that groups people by opt-in day inside the window:
    /// `min(window, horizon)`.
    window_ring: usize,
    /// The keys of the event streams of every part.
    keys: streams::StreamKeys,
    /// Gamma(`rate_shape`, 1), the shape of a repeat customer's purchase rate
    /// (built when the scenario has a repeat stage and the shape suits a table).
    repeat_rate: TabledSampler,
    /// Exp(1) (Gamma(1, 1)), for the end of a repeat customer's spell of activity.
    unit_exponential: TabledSampler,
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
        let chance = |mean: f64| 1.0 / (1.0 + mean);
        let delays: Vec<f64> = sc
            .offers
            .iter()
            .map(|o| chance(o.delay_days.unwrap_or(0.0)))
            .collect();
        let followup_daily = delays.iter().map(|&p| Binomial::new(p)).collect();
        let followup_wait = delays.iter().map(|&p| GeometricTable::new(p)).collect();
        let subscribe = chance(sc.subscription.as_ref().map_or(0.0, |s| s.delay_days));
        let touch_survival_binomial = touch_survival.iter().map(|&p| Binomial::new(p)).collect();
        let inputs = Inputs::of(sc);
        let permutations = inputs.permutations(options.seed, options.input_levels);
        let window = (n.window_days as usize).max(1);
        let mut repeat_rate = TabledSampler::default();
        let mut unit_exponential = TabledSampler::default();
        if let Some(r) = &sc.repeat {
            repeat_rate.rebuild_gamma(r.rate_shape, REPEAT_RATE_PIECES);
            unit_exponential.rebuild_gamma(1.0, REPEAT_RATE_PIECES);
        }
        Ok(Plan {
            repeat_rate,
            unit_exponential,
            window,
            window_ring: window.min(horizon),
            keys: streams::StreamKeys::new(sc, channels + 2),
            inputs,
            permutations,
            touch_survival_binomial,
            followup_daily,
            followup_wait,
            subscription_daily: Binomial::new(subscribe),
            subscription_wait: GeometricTable::new(subscribe),
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

    /// The scenario's uncertain fields, in the order every trial draws them;
    /// [`TrialParams::drawn`] holds a trial's values by the same index.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// The uncertain values of trial number `trial`, drawn as [`Plan::trial`]
    /// draws them (each from its own keyed stream), without simulating it.
    pub fn params(&self, trial: u64) -> TrialParams {
        TrialParams::draw(self, trial)
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
