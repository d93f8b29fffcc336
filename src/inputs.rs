//! The scenario's fields as one table.
//!
//! Every field of schema 1 has one row in [`TABLE`]: its key in the JSON, the
//! part of the scenario it belongs to ([`Group`]), a plain label, its
//! [`Domain`] (a rate, an amount of money, a count, whole days, a bounded
//! number, text or an offer id), the unit an editor shows next to it, the
//! glossary term that explains it, whether it is needed ([`Need`]), and how to
//! read and write it on a [`Scenario`] ([`Access`]). A field may be uncertain
//! exactly when it is read as an [`Uncertain`].
//!
//! Everything that needs to know what a field is reads this table:
//! [`crate::validate`] checks each field against its domain, the engine draws the
//! uncertain ones, indexed in table order ([`crate::engine::Inputs`]), the editor takes
//! labels, units and input kinds from it, and [`crate::embed`] lists the fields
//! an embed may offer. A [`Field`] is one row at one place (the channel or offer
//! it belongs to): its [`Field::path`] is the path validation messages use, such
//! as `channels[0].optin_rate`, `offers[1].take_rate` or
//! `repeat.winback.success_rate`, and [`Field::parse`] reads such a path back.
//!
//! What the analyses to come need is one line each:
//! - a scenario's uncertain inputs, named for people (tornado chart, value of
//!   information): `uncertain_fields(&sc)`, each with `f.path()` and
//!   `f.plain_label(&sc)`;
//! - each trial's draw of input `k` (sensitivity): `plan.params(trial).drawn[k]`,
//!   where `k` indexes `plan.inputs().fields()` ([`crate::engine::Plan::params`]),
//!   or for a run already made `batch.input_column(k)`
//!   ([`crate::stats::Batch::input_draws`]);
//! - a field set to a number by its path (goal seek, price sweep):
//!   `Field::parse(path)?.set_fixed(&mut sc, x)`;
//! - how the draws are made (each from a stream keyed by what the field belongs
//!   to, as its own quantile function): [`crate::engine::Inputs::draw`] alone,
//!   the one place that draws them.

use crate::scenario::{
    Channel, LeadMagnet, Nurture, Offer, Referrals, Repeat, Scenario, Subscription, Uncertain,
    Winback,
};
use crate::validate::{MAX_AMOUNT, MAX_HORIZON_DAYS};

/// Bounds of a plain number: `min ≤ x ≤ max` (or `min < x` when `min_open`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// The lowest value.
    pub min: f64,
    /// Whether `min` itself is excluded.
    pub min_open: bool,
    /// The highest value.
    pub max: f64,
    /// What is allowed, in words, for messages ("from 0 to 7").
    pub allowed: &'static str,
}

impl Bounds {
    /// Whether `x` lies within the bounds (NaN never does).
    pub fn contains(&self, x: f64) -> bool {
        (if self.min_open {
            x > self.min
        } else {
            x >= self.min
        }) && x <= self.max
    }
}

const fn bounds(min: f64, min_open: bool, max: f64, allowed: &'static str) -> Bounds {
    Bounds {
        min,
        min_open,
        max,
        allowed,
    }
}

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Domain {
    /// A probability in [0, 1]; a 90% range of it is logit-normal.
    Rate,
    /// Money (a price, cost or reward): ≥ 0 and at most [`MAX_AMOUNT`]; a 90%
    /// range of it is lognormal.
    Amount,
    /// A mean count (visitors a day, leads per fan, purchases a month): like an
    /// amount, ≥ 0 and at most [`MAX_AMOUNT`], lognormal in a 90% range.
    Count,
    /// A price rise that halves demand: like an amount, but above 0.
    PriceStep,
    /// A whole number of days within bounds.
    Days(Bounds),
    /// A plain number within bounds.
    Number(Bounds),
    /// Text, which must not be blank when `required`.
    Text {
        /// Whether blank text is refused.
        required: bool,
    },
    /// The id of one of the scenario's offers.
    OfferId,
}

impl Domain {
    /// Whether uncertain values of this domain are rates (in [0, 1], logit
    /// scale); every other uncertain value is on the scale of amounts (≥ 0, log scale).
    pub fn is_rate(self) -> bool {
        self == Domain::Rate
    }

    /// The bounds of a plain number or a number of days.
    pub fn bounds(self) -> Option<Bounds> {
        match self {
            Domain::Days(b) | Domain::Number(b) => Some(b),
            _ => None,
        }
    }
}

/// What an editor shows next to a field's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Nothing (rates show a percentage instead).
    None,
    /// The scenario's currency.
    Currency,
    /// "days".
    Days,
}

/// The part of a scenario a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// The scenario itself (name, currency, horizon, fixed costs).
    Scenario,
    /// One of `channels`.
    Channel,
    /// `lead_magnet`.
    LeadMagnet,
    /// `nurture`.
    Nurture,
    /// One of `offers`.
    Offer,
    /// `repeat`, when it exists.
    Repeat,
    /// `repeat.winback`, when it exists.
    Winback,
    /// `subscription`, when it exists.
    Subscription,
    /// `referrals`, when they exist.
    Referrals,
}

impl Group {
    /// Where its fields sit in a path: `channels` (then `[i]`), `repeat.winback`, …
    pub fn prefix(self) -> &'static str {
        match self {
            Group::Scenario => "",
            Group::Channel => "channels",
            Group::LeadMagnet => "lead_magnet",
            Group::Nurture => "nurture",
            Group::Offer => "offers",
            Group::Repeat => "repeat",
            Group::Winback => "repeat.winback",
            Group::Subscription => "subscription",
            Group::Referrals => "referrals",
        }
    }

    /// Whether it is a list (channels, offers), whose fields' paths carry an index.
    pub fn is_list(self) -> bool {
        matches!(self, Group::Channel | Group::Offer)
    }

    /// How many of it `scenario` has: the length of a list, else 1 or 0 (an
    /// optional stage that is off).
    pub fn count(self, sc: &Scenario) -> usize {
        match self {
            Group::Scenario | Group::LeadMagnet | Group::Nurture => 1,
            Group::Channel => sc.channels.len(),
            Group::Offer => sc.offers.len(),
            Group::Repeat => usize::from(sc.repeat.is_some()),
            Group::Winback => usize::from(sc.repeat.as_ref().is_some_and(|r| r.winback.is_some())),
            Group::Subscription => usize::from(sc.subscription.is_some()),
            Group::Referrals => usize::from(sc.referrals.is_some()),
        }
    }

    /// A plain name of item `item` of it in `sc` ("Lead magnet", a channel's or an
    /// offer's name); `None` for the scenario itself.
    pub fn title(self, sc: &Scenario, item: usize) -> Option<String> {
        let named = |name: Option<&str>, kind: &str| match name.map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("{kind} {}", item + 1),
        };
        Some(match self {
            Group::Scenario => return None,
            Group::Channel => named(sc.channels.get(item).map(|c| c.name.as_str()), "Channel"),
            Group::Offer => named(sc.offers.get(item).map(|o| o.name.as_str()), "Offer"),
            Group::LeadMagnet => "Lead magnet".into(),
            Group::Nurture => "Nurture".into(),
            Group::Repeat => "Repeat purchases".into(),
            Group::Winback => "Win-back".into(),
            Group::Subscription => "Subscription".into(),
            Group::Referrals => "Referrals".into(),
        })
    }
}

/// Whether a field must be there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Always there (where its group is).
    Always,
    /// May be left out (`null`).
    Optional,
    /// Only follow-up offers (all but the first) have it, and they need it.
    FollowUp,
}

/// How a field is read and written on a [`Scenario`]; `item` is the index of its
/// channel or offer (0 elsewhere). Reading gives `None` where the field is not
/// there (an optional stage that is off, a field left out); writing there does
/// nothing, except that an optional field of an existing offer or lead magnet is
/// filled in.
#[derive(Clone, Copy, Debug)]
pub enum Access {
    /// A value that may be uncertain.
    Uncertain {
        /// Reads it.
        get: fn(&Scenario, usize) -> Option<&Uncertain>,
        /// Writes it.
        set: fn(&mut Scenario, usize, Uncertain),
    },
    /// A plain number (days as a whole number).
    Number {
        /// Reads it.
        get: fn(&Scenario, usize) -> Option<f64>,
        /// Writes it (days: the whole part of the number).
        set: fn(&mut Scenario, usize, f64),
    },
    /// Text or an offer id.
    Text {
        /// Reads it.
        get: fn(&Scenario, usize) -> Option<&str>,
        /// Writes it.
        set: fn(&mut Scenario, usize, String),
    },
}

/// One row of the table: a field of schema 1.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Which field.
    pub key: Key,
    /// The part of the scenario it belongs to.
    pub group: Group,
    /// Its key in the JSON (the last part of its path).
    pub name: &'static str,
    /// A plain label, as the editor shows it.
    pub label: &'static str,
    /// What it holds.
    pub domain: Domain,
    /// What an editor shows next to it.
    pub unit: Unit,
    /// The glossary term that explains it, if any.
    pub term: Option<&'static str>,
    /// Whether it must be there.
    pub need: Need,
    /// How to read and write it.
    pub access: Access,
}

impl Spec {
    /// Whether it may hold an uncertain value (drawn once per trial).
    pub fn may_be_uncertain(&self) -> bool {
        matches!(self.access, Access::Uncertain { .. })
    }
}

/// The parts of a scenario that hold fields, by group (item = index in a list).
mod at {
    use super::*;
    pub fn scenario(s: &Scenario, _: usize) -> Option<&Scenario> {
        Some(s)
    }
    pub fn channel(s: &Scenario, i: usize) -> Option<&Channel> {
        s.channels.get(i)
    }
    pub fn lead_magnet(s: &Scenario, _: usize) -> Option<&LeadMagnet> {
        Some(&s.lead_magnet)
    }
    pub fn nurture(s: &Scenario, _: usize) -> Option<&Nurture> {
        Some(&s.nurture)
    }
    pub fn offer(s: &Scenario, i: usize) -> Option<&Offer> {
        s.offers.get(i)
    }
    pub fn repeat(s: &Scenario, _: usize) -> Option<&Repeat> {
        s.repeat.as_ref()
    }
    pub fn winback(s: &Scenario, _: usize) -> Option<&Winback> {
        s.repeat.as_ref()?.winback.as_ref()
    }
    pub fn subscription(s: &Scenario, _: usize) -> Option<&Subscription> {
        s.subscription.as_ref()
    }
    pub fn referrals(s: &Scenario, _: usize) -> Option<&Referrals> {
        s.referrals.as_ref()
    }
}

/// The same parts, to write.
mod at_mut {
    use super::*;
    pub fn scenario(s: &mut Scenario, _: usize) -> Option<&mut Scenario> {
        Some(s)
    }
    pub fn channel(s: &mut Scenario, i: usize) -> Option<&mut Channel> {
        s.channels.get_mut(i)
    }
    pub fn lead_magnet(s: &mut Scenario, _: usize) -> Option<&mut LeadMagnet> {
        Some(&mut s.lead_magnet)
    }
    pub fn nurture(s: &mut Scenario, _: usize) -> Option<&mut Nurture> {
        Some(&mut s.nurture)
    }
    pub fn offer(s: &mut Scenario, i: usize) -> Option<&mut Offer> {
        s.offers.get_mut(i)
    }
    pub fn repeat(s: &mut Scenario, _: usize) -> Option<&mut Repeat> {
        s.repeat.as_mut()
    }
    pub fn winback(s: &mut Scenario, _: usize) -> Option<&mut Winback> {
        s.repeat.as_mut()?.winback.as_mut()
    }
    pub fn subscription(s: &mut Scenario, _: usize) -> Option<&mut Subscription> {
        s.subscription.as_mut()
    }
    pub fn referrals(s: &mut Scenario, _: usize) -> Option<&mut Referrals> {
        s.referrals.as_mut()
    }
}

/// The [`Access`] of field `$f` of the part `$at`, by the Rust type it has.
macro_rules! access {
    (uncertain, $at:ident, $f:ident) => {
        Access::Uncertain {
            get: |s, i| at::$at(s, i).map(|x| &x.$f),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = v;
                }
            },
        }
    };
    (option_uncertain, $at:ident, $f:ident) => {
        Access::Uncertain {
            get: |s, i| at::$at(s, i).and_then(|x| x.$f.as_ref()),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = Some(v);
                }
            },
        }
    };
    (number, $at:ident, $f:ident) => {
        Access::Number {
            get: |s, i| at::$at(s, i).map(|x| x.$f),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = v;
                }
            },
        }
    };
    (option_number, $at:ident, $f:ident) => {
        Access::Number {
            get: |s, i| at::$at(s, i).and_then(|x| x.$f),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = Some(v);
                }
            },
        }
    };
    (days, $at:ident, $f:ident) => {
        Access::Number {
            get: |s, i| at::$at(s, i).map(|x| f64::from(x.$f)),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = v as u32;
                }
            },
        }
    };
    (text, $at:ident, $f:ident) => {
        Access::Text {
            get: |s, i| at::$at(s, i).map(|x| x.$f.as_str()),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = v;
                }
            },
        }
    };
    (option_text, $at:ident, $f:ident) => {
        Access::Text {
            get: |s, i| at::$at(s, i).and_then(|x| x.$f.as_deref()),
            set: |s, i, v| {
                if let Some(x) = at_mut::$at(s, i) {
                    x.$f = Some(v);
                }
            },
        }
    };
}

/// Declares [`Key`] and [`TABLE`] from one list, so that they cannot disagree.
macro_rules! table {
    ($(
        $key:ident: $group:ident($at:ident).$f:ident $kind:ident $need:ident,
        $domain:expr, $unit:ident, $label:literal, $term:expr;
    )*) => {
        /// Every field of schema 1, in the order of the schema (see [`TABLE`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key {
            $(
                #[doc = concat!("`", stringify!($at), ".", stringify!($f), "`: ", $label, ".")]
                $key,
            )*
        }

        /// The table of the scenario's fields: row `k` describes `Key` number `k`.
        /// Rows are in the order of the schema, which is the order validation
        /// reports problems in and the order of the engine's index of uncertain values.
        pub static TABLE: &[Spec] = &[$(
            Spec {
                key: Key::$key,
                group: Group::$group,
                name: stringify!($f),
                label: $label,
                domain: $domain,
                unit: Unit::$unit,
                term: $term,
                need: Need::$need,
                access: access!($kind, $at, $f),
            },
        )*];
    };
}

use Domain::{Amount, Count, OfferId, Rate};

/// What a halving step allows, for messages.
pub const PRICE_STEP_ALLOWED: &str = "above 0 (a price rise that halves demand)";
const REFERENCE: Domain = Domain::Number(bounds(
    0.0,
    false,
    MAX_AMOUNT,
    "from 0 to 1000000000000 (a price)",
));
const DELAY: Domain = Domain::Number(bounds(0.0, false, 36500.0, "from 0 to 36500 days"));
const CONCENTRATION: Domain =
    Domain::Number(bounds(0.0, true, 1e9, "above 0 and at most 1000000000"));
/// Any number of days the reader accepts (see `scenario::whole_days`).
const ANY_DAYS: Domain = Domain::Days(bounds(0.0, false, 100_000.0, "from 0 to 100000 days"));
const TEXT: Domain = Domain::Text { required: true };

table! {
    Name: Scenario(scenario).name text Always,
        Domain::Text { required: false }, None, "Name", Some("scenario_name");
    Currency: Scenario(scenario).currency text Always,
        TEXT, None, "Currency", Some("currency");
    HorizonDays: Scenario(scenario).horizon_days days Always,
        Domain::Days(bounds(1.0, false, MAX_HORIZON_DAYS as f64, "from 1 to 3650 days")),
        Days, "Horizon", Some("horizon");

    ChannelName: Channel(channel).name text Always,
        TEXT, None, "Name", Some("channel_name");
    ChannelStartDay: Channel(channel).start_day days Always,
        ANY_DAYS, None, "From day", Some("channel_start_day");
    ChannelEndDay: Channel(channel).end_day days Always,
        ANY_DAYS, None, "Until day", Some("channel_end_day");
    ChannelVisitorsPerDay: Channel(channel).visitors_per_day uncertain Always,
        Count, None, "Visitors a day", Some("visitors_per_day");
    ChannelCostPerVisitor: Channel(channel).cost_per_visitor uncertain Always,
        Amount, Currency, "Cost per visitor", Some("cost_per_visitor");
    ChannelOptinRate: Channel(channel).optin_rate uncertain Always,
        Rate, None, "Opt-in rate", Some("optin_rate");

    LeadMagnetPrice: LeadMagnet(lead_magnet).price uncertain Always,
        Amount, Currency, "Price", Some("lead_magnet_price");
    LeadMagnetDeliveryCost: LeadMagnet(lead_magnet).delivery_cost uncertain Always,
        Amount, Currency, "Delivery cost per lead", Some("delivery_cost");
    LeadMagnetPriceHalvingStep: LeadMagnet(lead_magnet).price_halving_step option_uncertain Optional,
        Domain::PriceStep, Currency, "Price rise that halves demand", Some("price_response");
    LeadMagnetPriceReference: LeadMagnet(lead_magnet).price_reference option_number Optional,
        REFERENCE, Currency, "Price at which the opt-in rate was seen", Some("lead_magnet_reference_price");

    NurtureWindowDays: Nurture(nurture).window_days days Always,
        ANY_DAYS, Days, "Hot window", Some("nurture_window");
    NurtureTouchesPerWeek: Nurture(nurture).touches_per_week number Always,
        Domain::Number(bounds(0.0, false, 7.0, "from 0 to 7")), None, "Touches a week in it", Some("touches_per_week");
    NurtureTouchesPerMonthAfter: Nurture(nurture).touches_per_month_after number Always,
        Domain::Number(bounds(0.0, false, 30.0, "from 0 to 30")), None, "Touches a month after it", Some("touches_per_month_after");
    NurtureTrustTouches: Nurture(nurture).trust_touches number Always,
        Domain::Number(bounds(1.0, false, 1e6, "at least 1 and at most 1000000")),
        None, "Touches to full trust", Some("trust_touches");
    NurtureConversionPerTouch: Nurture(nurture).conversion_per_touch uncertain Always,
        Rate, None, "Conversion per touch (full trust)", Some("conversion_per_touch");
    NurtureUnsubscribePerTouch: Nurture(nurture).unsubscribe_per_touch uncertain Always,
        Rate, None, "Unsubscribes per touch", Some("unsubscribe_per_touch");
    NurtureInterestHalfLifeDays: Nurture(nurture).interest_half_life_days number Always,
        Domain::Number(bounds(0.0, true, 1e9, "above 0 and at most 1000000000 days")),
        Days, "Interest half-life", Some("half_life");
    NurtureCostPerTouch: Nurture(nurture).cost_per_touch uncertain Always,
        Amount, Currency, "Cost per touch", Some("cost_per_touch");

    OfferId: Offer(offer).id text Always,
        TEXT, None, "Id", Some("offer_id");
    OfferName: Offer(offer).name text Always,
        TEXT, None, "Name", Some("offer_name");
    OfferOfferedTo: Offer(offer).offered_to option_text FollowUp,
        OfferId, None, "Offered to buyers of", Some("offered_to");
    OfferTakeRate: Offer(offer).take_rate option_uncertain FollowUp,
        Rate, None, "Take rate", Some("take_rate");
    OfferDelayDays: Offer(offer).delay_days option_number FollowUp,
        DELAY, Days, "Mean delay", Some("delay");
    OfferPrice: Offer(offer).price uncertain Always,
        Amount, Currency, "Price", Some("price");
    OfferUnitCost: Offer(offer).unit_cost uncertain Always,
        Amount, Currency, "Unit cost", Some("unit_cost");
    OfferRefundRate: Offer(offer).refund_rate uncertain Always,
        Rate, None, "Refund rate", Some("refund_rate");
    OfferPriceHalvingStep: Offer(offer).price_halving_step option_uncertain Optional,
        Domain::PriceStep, Currency, "Price rise that halves demand", Some("price_response");
    OfferPriceReference: Offer(offer).price_reference option_number Optional,
        REFERENCE, Currency, "Price at which its demand was seen", Some("reference_price");

    RepeatCustomersOf: Repeat(repeat).customers_of text Always,
        OfferId, None, "Customers of", Some("customers_of");
    RepeatPrice: Repeat(repeat).price uncertain Always,
        Amount, Currency, "Price", Some("price");
    RepeatUnitCost: Repeat(repeat).unit_cost uncertain Always,
        Amount, Currency, "Unit cost", Some("unit_cost");
    RepeatPurchasesPerMonth: Repeat(repeat).purchases_per_month uncertain Always,
        Count, None, "Purchases a month (active customer)", Some("purchase_rhythm");
    RepeatRateShape: Repeat(repeat).rate_shape number Always,
        Domain::Number(bounds(0.0, true, 1e6, "above 0 and at most 1000000")),
        None, "Spread of rhythms (Gamma shape)", Some("rhythm_spread");
    RepeatDropoutAfterPurchase: Repeat(repeat).dropout_after_purchase uncertain Always,
        Rate, None, "Dropout after a purchase", Some("dropout");
    RepeatDropoutConcentration: Repeat(repeat).dropout_concentration number Always,
        CONCENTRATION, None, "Dropout concentration", Some("dropout_concentration");

    WinbackDetectDays: Winback(winback).detect_days days Always,
        ANY_DAYS, Days, "Attempt after", Some("winback_after");
    WinbackSuccessRate: Winback(winback).success_rate uncertain Always,
        Rate, None, "Success rate", Some("winback_success");
    WinbackCostPerAttempt: Winback(winback).cost_per_attempt uncertain Always,
        Amount, Currency, "Cost per attempt", Some("winback_cost");

    SubscriptionOfferedTo: Subscription(subscription).offered_to text Always,
        OfferId, None, "Offered to buyers of", Some("offered_to");
    SubscriptionTakeRate: Subscription(subscription).take_rate uncertain Always,
        Rate, None, "Take rate", Some("take_rate");
    SubscriptionDelayDays: Subscription(subscription).delay_days number Always,
        DELAY, None, "Mean delay (days)", Some("subscription_delay");
    SubscriptionMonthlyPrice: Subscription(subscription).monthly_price uncertain Always,
        Amount, Currency, "Monthly price", Some("monthly_price");
    SubscriptionMonthlyUnitCost: Subscription(subscription).monthly_unit_cost uncertain Always,
        Amount, Currency, "Monthly cost", Some("monthly_cost");
    SubscriptionMonthlyChurn: Subscription(subscription).monthly_churn uncertain Always,
        Rate, None, "Churn after a payment", Some("churn");
    SubscriptionChurnConcentration: Subscription(subscription).churn_concentration number Always,
        CONCENTRATION, None, "Churn concentration", Some("churn_concentration");

    ReferralsCustomersOf: Referrals(referrals).customers_of text Always,
        OfferId, None, "Customers of", Some("customers_of");
    ReferralsFanRate: Referrals(referrals).fan_rate uncertain Always,
        Rate, None, "Fan rate", Some("fan_rate");
    ReferralsLeadsPerFan: Referrals(referrals).leads_per_fan uncertain Always,
        Count, None, "Leads per fan", Some("leads_per_fan");
    ReferralsPromoterRate: Referrals(referrals).promoter_rate uncertain Always,
        Rate, None, "Promoter rate", Some("promoter_rate");
    ReferralsLeadsPerPromoter: Referrals(referrals).leads_per_promoter uncertain Always,
        Count, None, "Leads per promoter", Some("leads_per_promoter");
    ReferralsRewardPerReferredBuyer: Referrals(referrals).reward_per_referred_buyer uncertain Always,
        Amount, Currency, "Reward per referred buyer", Some("reward");
    ReferralsWindowDays: Referrals(referrals).window_days days Always,
        Domain::Days(bounds(1.0, false, 3650.0, "from 1 to 3650 days")),
        Days, "Referred leads arrive within", Some("referral_window");
    ReferralsReferredConversionMultiplier: Referrals(referrals).referred_conversion_multiplier number Always,
        Domain::Number(bounds(0.0, false, 1e6, "0 or more and at most 1000000")),
        None, "Referred leads convert × as often", Some("referred_conversion");

    FixedCostsPerMonth: Scenario(scenario).fixed_costs_per_month uncertain Always,
        Amount, Currency, "Fixed costs a month", Some("fixed_costs");
}

impl Key {
    /// Its row of the table.
    pub fn spec(self) -> &'static Spec {
        &TABLE[self as usize]
    }
}

/// The table in runs of rows of one group, in order: the scenario's own first
/// fields, a channel's, the lead magnet's, …, and the scenario's last field. A
/// scenario's fields are these runs, each repeated for every item of its group.
pub fn sections() -> impl Iterator<Item = (Group, &'static [Spec])> {
    TABLE
        .chunk_by(|a, b| a.group == b.group)
        .map(|run| (run[0].group, run))
}

/// One field at one place of a scenario: a row of the table and the index of
/// its channel or offer (0 for fields outside the lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Field {
    /// Which field.
    pub key: Key,
    /// Index of its channel or offer; 0 elsewhere.
    pub item: usize,
}

impl Field {
    /// Field `key` of channel or offer `item` (give 0 for other fields).
    pub fn new(key: Key, item: usize) -> Field {
        Field { key, item }
    }

    /// Its row of the table.
    pub fn spec(self) -> &'static Spec {
        self.key.spec()
    }

    /// Its path, as validation messages write it: `channels[0].optin_rate`.
    pub fn path(self) -> String {
        let spec = self.spec();
        let prefix = spec.group.prefix();
        if spec.group.is_list() {
            format!("{prefix}[{}].{}", self.item, spec.name)
        } else if prefix.is_empty() {
            spec.name.to_string()
        } else {
            format!("{prefix}.{}", spec.name)
        }
    }

    /// The field at `path`, written exactly as [`Field::path`] writes it, if the
    /// table has one; whether a scenario has it is [`Field::exists`].
    pub fn parse(path: &str) -> Option<Field> {
        let (head, name) = match path.rsplit_once('.') {
            Some((h, n)) => (h, n),
            None => ("", path),
        };
        let (prefix, item) = match head.strip_suffix(']').and_then(|h| h.split_once('[')) {
            Some((list, index)) if index.bytes().all(|b| b.is_ascii_digit()) => {
                (list, Some(index.parse::<usize>().ok()?))
            }
            Some(_) => return None,
            None => (head, None),
        };
        let spec = TABLE
            .iter()
            .find(|s| s.name == name && s.group.prefix() == prefix)?;
        let field = match (spec.group.is_list(), item) {
            (true, Some(i)) => Field::new(spec.key, i),
            (false, None) => Field::new(spec.key, 0),
            _ => return None,
        };
        // Only the path as written by `path` (no "channels[01]").
        (field.path() == path).then_some(field)
    }

    /// Whether `scenario` has this field (its channel, offer or stage exists and
    /// the field is not left out).
    pub fn exists(self, sc: &Scenario) -> bool {
        match self.spec().access {
            Access::Uncertain { get, .. } => get(sc, self.item).is_some(),
            Access::Number { get, .. } => get(sc, self.item).is_some(),
            Access::Text { get, .. } => get(sc, self.item).is_some(),
        }
    }

    /// Its value, if it may be uncertain and is there.
    pub fn uncertain(self, sc: &Scenario) -> Option<&Uncertain> {
        match self.spec().access {
            Access::Uncertain { get, .. } => get(sc, self.item),
            _ => None,
        }
    }

    /// Its value, if it is a plain number or days and is there.
    pub fn number(self, sc: &Scenario) -> Option<f64> {
        match self.spec().access {
            Access::Number { get, .. } => get(sc, self.item),
            _ => None,
        }
    }

    /// Its value, if it is text or an offer id and is there.
    pub fn text(self, sc: &Scenario) -> Option<&str> {
        match self.spec().access {
            Access::Text { get, .. } => get(sc, self.item),
            _ => None,
        }
    }

    /// Writes an uncertain value (nothing if the field is of another kind).
    pub fn set_uncertain(self, sc: &mut Scenario, value: Uncertain) {
        if let Access::Uncertain { set, .. } = self.spec().access {
            set(sc, self.item, value);
        }
    }

    /// Writes a plain number, or days as the whole part of `value` (nothing if
    /// the field is of another kind).
    pub fn set_number(self, sc: &mut Scenario, value: f64) {
        if let Access::Number { set, .. } = self.spec().access {
            set(sc, self.item, value);
        }
    }

    /// Writes text or an offer id (nothing if the field is of another kind).
    pub fn set_text(self, sc: &mut Scenario, value: String) {
        if let Access::Text { set, .. } = self.spec().access {
            set(sc, self.item, value);
        }
    }

    /// Sets the field to the fixed number `value` (an uncertain field becomes
    /// [`Uncertain::Fixed`]); false if it holds text or is not there.
    pub fn set_fixed(self, sc: &mut Scenario, value: f64) -> bool {
        if !self.exists(sc) {
            return false;
        }
        match self.spec().access {
            Access::Uncertain { set, .. } => set(sc, self.item, Uncertain::Fixed(value)),
            Access::Number { set, .. } => set(sc, self.item, value),
            Access::Text { .. } => return false,
        }
        true
    }

    /// Its centre: for an uncertain field, [`Uncertain::centre`] on its domain;
    /// for a plain number, the number.
    pub fn centre(self, sc: &Scenario) -> Option<f64> {
        match self.uncertain(sc) {
            Some(u) => Some(u.centre(self.spec().domain)),
            None => self.number(sc),
        }
    }

    /// A plain label that says where it is too: "Ads: Opt-in rate",
    /// "Lead magnet: Price", or just "Horizon" for the scenario's own fields.
    pub fn plain_label(self, sc: &Scenario) -> String {
        let spec = self.spec();
        match spec.group.title(sc, self.item) {
            Some(title) => format!("{title}: {}", spec.label),
            None => spec.label.to_string(),
        }
    }
}

/// Every field `scenario` has, in the order of the table (a channel's fields
/// together, then the next channel's, …).
pub fn fields(sc: &Scenario) -> Vec<Field> {
    let mut out = Vec::new();
    for (group, specs) in sections() {
        for item in 0..group.count(sc) {
            out.extend(
                specs
                    .iter()
                    .map(|s| Field::new(s.key, item))
                    .filter(|f| f.exists(sc)),
            );
        }
    }
    out
}

/// The fields of `scenario` that may be uncertain, in the order of the table (the
/// engine's index of its inputs); [`Field::plain_label`] names them for people.
pub fn uncertain_fields(sc: &Scenario) -> Vec<Field> {
    fields(sc)
        .into_iter()
        .filter(|f| f.spec().may_be_uncertain())
        .collect()
}
