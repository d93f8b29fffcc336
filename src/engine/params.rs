//! A trial's uncertain values: which fields are drawn ([`Inputs`], from the
//! table of fields), how one value is drawn ([`quantile_uncertain`]), and the
//! values the simulation reads ([`TrialParams`]).

use super::{price_factor, InputLevels, Plan, PriceOverride, PriceTarget};
use crate::correlation::Copula;
use crate::inputs::{self, Field, Group, Key};
use crate::quantile::{beta_quantile, Level};
use crate::sampling::{
    level_in_permutation, logistic, logit, permutation_seed, StreamKey, TrialRng, Z95,
};
use crate::scenario::{Scenario, Uncertain};
use crate::validate::Domain;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The value of an uncertain field at probability level `level` of its
/// distribution: its quantile function (`docs/model.md`, "The five forms").
/// A 90% range is logit-normal for a rate and lognormal for any other domain
/// (its normal deviate is the level's z), observed data k of n is
/// Beta(k + 1, n − k + 1) (the inverse regularized incomplete beta), a uniform
/// and a triangular are inverted in closed form. A fixed value is itself.
pub fn quantile_uncertain(u: &Uncertain, domain: Domain, level: Level) -> f64 {
    match *u {
        Uncertain::Fixed(x) => x,
        Uncertain::Range { low, high } => {
            if low == high {
                return low;
            }
            let z = level.z();
            if domain.is_rate() {
                let (a, b) = (logit(low), logit(high));
                logistic(0.5 * (a + b) + z * (b - a) / (2.0 * Z95))
            } else {
                let (a, b) = (libm::log(low), libm::log(high));
                libm::exp(0.5 * (a + b) + z * (b - a) / (2.0 * Z95))
            }
        }
        Uncertain::Observed { successes, trials } => {
            let (p, q) = level.tails();
            beta_quantile(p, q, successes + 1.0, trials - successes + 1.0)
        }
        Uncertain::Uniform { low, high } => {
            let (p, _) = level.tails();
            (low + (high - low) * p).clamp(low, high)
        }
        Uncertain::Triangular { low, mode, high } => {
            if low == high {
                return low;
            }
            let (p, q) = level.tails();
            let cut = (mode - low) / (high - low);
            let x = if p < cut {
                low + f64::sqrt(p * (high - low) * (mode - low))
            } else {
                high - f64::sqrt(q * (high - low) * (high - mode))
            };
            x.clamp(low, high)
        }
    }
}

/// Draws one value of an uncertain field from `rng`: its quantile at a
/// uniform level ([`TrialRng::uniform_open`]).
pub fn sample_uncertain(u: &Uncertain, domain: Domain, rng: &mut TrialRng) -> f64 {
    quantile_uncertain(u, domain, Level::Uniform(rng.uniform_open()))
}

/// The key of the random stream of uncertain field `f` of `sc`: what it
/// belongs to, by name (`"input"`, its group's path such as `"channels"` or
/// `"repeat.winback"` (none for the scenario's own fields), the channel's name
/// without surrounding spaces or the offer's id, the field's name), never by position,
/// so that adding, removing or reordering channels and offers changes no other
/// field's draws.
pub fn input_stream_key(f: Field, sc: &Scenario) -> StreamKey {
    let spec = f.spec();
    let key = match spec.group.prefix() {
        "" => StreamKey::new("input"),
        prefix => StreamKey::new("input").with(prefix),
    };
    let key = match spec.group {
        Group::Channel => key.with(sc.channels.get(f.item).map_or("", |c| c.name.trim())),
        Group::Offer => key.with(sc.offers.get(f.item).map_or("", |o| o.id.as_str())),
        _ => key,
    };
    key.with(spec.name)
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
    /// The value drawn for each uncertain field, by its index in
    /// [`Plan::inputs`] (before any re-pricing).
    pub drawn: Vec<f64>,
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

/// The uncertain fields of a scenario, in the order of the table of fields,
/// each addressable by its index, with the key of its random stream.
///
/// [`Inputs::draw`] is the one place that draws them: each field is its own
/// quantile function ([`quantile_uncertain`]) at a level of its own, keyed by
/// [`input_stream_key`] (stratified over the trials, [`crate::sampling::level_in_permutation`],
/// unless the run asks for [`InputLevels::Independent`]); fields tied by the scenario's
/// `correlations` take their levels from the Gaussian [`Copula`] instead, which
/// mixes the normals of their own uniforms.
#[derive(Clone, Debug)]
pub struct Inputs {
    fields: Vec<Field>,
    index: FxHashMap<Field, usize>,
    keys: Vec<StreamKey>,
    varying: Vec<usize>,
    copula: Option<Copula>,
}

impl Inputs {
    /// The uncertain fields of `scenario`.
    pub fn of(sc: &Scenario) -> Inputs {
        let fields = inputs::uncertain_fields(sc);
        let index = fields.iter().enumerate().map(|(i, f)| (*f, i)).collect();
        let keys = fields.iter().map(|&f| input_stream_key(f, sc)).collect();
        let varying = (0..fields.len())
            .filter(|&i| {
                fields[i]
                    .uncertain(sc)
                    .is_some_and(|u| u.as_fixed().is_none())
            })
            .collect();
        // A scenario that passed validation has ties that hold together; any
        // other is drawn without them.
        let copula = Copula::of(sc, &fields).ok().flatten();
        Inputs {
            fields,
            index,
            keys,
            varying,
            copula,
        }
    }

    /// The copula of the scenario's correlations, if it has any.
    pub fn copula(&self) -> Option<&Copula> {
        self.copula.as_ref()
    }

    /// The indices of the fields whose value varies between trials (every one
    /// but those fixed at one number), in order.
    pub fn varying(&self) -> &[usize] {
        &self.varying
    }

    /// The fields, by index ([`inputs::Field::path`] and
    /// [`inputs::Field::plain_label`] name them).
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The index of `field`, if it is one of them.
    pub fn index_of(&self, field: Field) -> Option<usize> {
        self.index.get(&field).copied()
    }

    /// The key of the random stream of field number `i`.
    pub fn stream_key(&self, i: usize) -> StreamKey {
        self.keys[i]
    }

    /// The permutation seed of every field in runs from `seed` with `spread`
    /// ([`permutation_seed`]): by index, for stratified levels; `None` for
    /// independent ones.
    pub fn permutations(&self, seed: u64, spread: InputLevels) -> Option<Vec<u64>> {
        match spread {
            InputLevels::Stratified => Some(
                self.keys
                    .iter()
                    .map(|&key| permutation_seed(seed, key))
                    .collect(),
            ),
            InputLevels::Independent => None,
        }
    }

    /// The value of every field of `scenario` in trial `trial` of a run from
    /// `seed`, by index, with levels spread over the trials as `spread` says.
    pub fn draw(&self, sc: &Scenario, seed: u64, trial: u64, spread: InputLevels) -> Vec<f64> {
        let permutations = self.permutations(seed, spread);
        self.draw_with(sc, seed, trial, permutations.as_deref())
    }

    /// [`Inputs::draw`] with the fields' [`Inputs::permutations`] for the run
    /// already computed (a plan keeps them).
    pub fn draw_with(
        &self,
        sc: &Scenario,
        seed: u64,
        trial: u64,
        permutations: Option<&[u64]>,
    ) -> Vec<f64> {
        // Each varying field's level: stratified over the trials, or a uniform
        // from its own stream.
        let mut levels: Vec<Option<Level>> = self
            .fields
            .iter()
            .zip(&self.keys)
            .enumerate()
            .map(|(i, (f, &key))| {
                let varying = f.uncertain(sc).is_some_and(|u| u.as_fixed().is_none());
                varying.then(|| {
                    Level::Uniform(match permutations {
                        Some(p) => level_in_permutation(p[i], seed, trial, key),
                        None => TrialRng::for_key(seed, trial, key).uniform_open(),
                    })
                })
            })
            .collect();
        if let Some(copula) = &self.copula {
            let level_z = |l: Option<Level>| l.map_or(0.0, Level::z);
            let mut z: Vec<f64> = copula
                .members()
                .iter()
                .map(|&i| level_z(levels[i]))
                .collect();
            copula.mix(&mut z);
            for (k, (&i, z)) in copula.members().iter().zip(z).enumerate() {
                if !copula.keeps_own(k) {
                    levels[i] = Some(Level::Normal(z));
                }
            }
        }
        self.fields
            .iter()
            .zip(levels)
            .map(|(f, level)| match (f.uncertain(sc), level) {
                (Some(u), Some(level)) => quantile_uncertain(u, f.spec().domain, level),
                // A fixed value needs no stream.
                (Some(u), None) => u.as_fixed().unwrap_or(f64::NAN),
                (None, _) => f64::NAN,
            })
            .collect()
    }
}

impl TrialParams {
    /// Draws every uncertain field of trial `trial` once ([`Inputs::draw`]) and
    /// applies the run's re-pricing.
    pub fn draw(plan: &Plan, trial: u64) -> TrialParams {
        let sc = plan.scenario.scenario();
        let po = plan.options.price;
        let drawn =
            plan.inputs
                .draw_with(sc, plan.options.seed, trial, plan.permutations.as_deref());
        // Only fields of stages that are off are missing; their values are not read.
        let at = |key: Key, item: usize| {
            plan.inputs
                .index_of(Field::new(key, item))
                .map_or(0.0, |i| drawn[i])
        };
        let channels = 0..sc.channels.len();
        let visitors_per_day = channels
            .clone()
            .map(|c| at(Key::ChannelVisitorsPerDay, c))
            .collect();
        let cost_per_visitor = channels
            .clone()
            .map(|c| at(Key::ChannelCostPerVisitor, c))
            .collect();
        // Each thing is sold at its drawn price or at the run's new one, and its
        // demand scales by 2^(−(sold − reference)/step) (`docs/model.md`, "Price
        // response"); without a reference price the reference is the drawn price.
        let step = |key: Key, item: usize| {
            plan.inputs
                .index_of(Field::new(key, item))
                .map(|i| drawn[i])
        };
        let sold = |target: PriceTarget, drawn_price: f64| match po {
            Some(PriceOverride { target: t, price }) if t == target => price,
            _ => drawn_price,
        };
        let lm = &sc.lead_magnet;
        let lm_drawn = at(Key::LeadMagnetPrice, 0);
        let lm_price = sold(PriceTarget::LeadMagnet, lm_drawn);
        let lm_factor = price_factor(
            lm_price,
            lm.price_reference.unwrap_or(lm_drawn),
            step(Key::LeadMagnetPriceHalvingStep, 0),
        );
        let optin_rate = channels
            .map(|c| (at(Key::ChannelOptinRate, c) * lm_factor).min(1.0))
            .collect();

        let mut price = Vec::new();
        let mut take_rate = Vec::new();
        let mut entry_factor = 1.0;
        for (i, o) in sc.offers.iter().enumerate() {
            let drawn_price = at(Key::OfferPrice, i);
            let p = sold(PriceTarget::Offer(i), drawn_price);
            let factor = price_factor(
                p,
                o.price_reference.unwrap_or(drawn_price),
                step(Key::OfferPriceHalvingStep, i),
            );
            price.push(p);
            if i == 0 {
                entry_factor = factor;
                take_rate.push(1.0);
            } else {
                take_rate.push((at(Key::OfferTakeRate, i) * factor).min(1.0));
            }
        }
        let offers = 0..sc.offers.len();
        let repeat = sc.repeat.as_ref().map(|_| RepeatParams {
            price: at(Key::RepeatPrice, 0),
            unit_cost: at(Key::RepeatUnitCost, 0),
            purchases_per_month: at(Key::RepeatPurchasesPerMonth, 0),
            dropout_after_purchase: at(Key::RepeatDropoutAfterPurchase, 0),
            // 0 without win-back.
            winback_success: at(Key::WinbackSuccessRate, 0),
            winback_cost: at(Key::WinbackCostPerAttempt, 0),
        });
        let subscription = sc.subscription.as_ref().map(|_| SubscriptionParams {
            take_rate: at(Key::SubscriptionTakeRate, 0),
            monthly_price: at(Key::SubscriptionMonthlyPrice, 0),
            monthly_unit_cost: at(Key::SubscriptionMonthlyUnitCost, 0),
            monthly_churn: at(Key::SubscriptionMonthlyChurn, 0),
        });
        let referrals = sc.referrals.as_ref().map(|_| ReferralParams {
            fan_rate: at(Key::ReferralsFanRate, 0),
            leads_per_fan: at(Key::ReferralsLeadsPerFan, 0),
            promoter_rate: at(Key::ReferralsPromoterRate, 0),
            leads_per_promoter: at(Key::ReferralsLeadsPerPromoter, 0),
            reward: at(Key::ReferralsRewardPerReferredBuyer, 0),
        });
        TrialParams {
            visitors_per_day,
            cost_per_visitor,
            optin_rate,
            lead_magnet_price: lm_price,
            delivery_cost: at(Key::LeadMagnetDeliveryCost, 0),
            conversion_per_touch: at(Key::NurtureConversionPerTouch, 0) * entry_factor,
            unsubscribe_per_touch: at(Key::NurtureUnsubscribePerTouch, 0),
            cost_per_touch: at(Key::NurtureCostPerTouch, 0),
            price,
            unit_cost: offers.clone().map(|i| at(Key::OfferUnitCost, i)).collect(),
            take_rate,
            refund_rate: offers.map(|i| at(Key::OfferRefundRate, i)).collect(),
            repeat,
            subscription,
            referrals,
            fixed_costs_per_month: at(Key::FixedCostsPerMonth, 0),
            drawn,
        }
    }
}
