//! What a run measures, as types: [`Metric`] (one number per trial),
//! [`OfferField`] (a column of the per-offer table), [`ChannelField`] (a column
//! of the per-channel table) and [`DailySeries`] (a per-day band).
//!
//! Each value carries its serialized name, a plain label, a [`Unit`] and how to
//! read it from a [`TrialOutcome`]. The names are the keys of the summary's JSON
//! and the columns of the CSV files, exactly; they are the only place strings
//! name a quantity ([`MetricKey`] composes the per-offer keys such as
//! `buyers.<offer id>`). Adding a quantity is adding one line to a table below:
//! the variant, its name, label, unit and reading, and the summary, the CSV
//! files and the tests that walk `ALL` follow.

use crate::engine::{ChannelOutcome, Daily, TrialOutcome};
use crate::stats::MetricSummary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What a number measures, to write it for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// People, purchases, touches: whole numbers in each trial.
    Count,
    /// An amount in the scenario's currency.
    Money,
    /// A share or a return, as a fraction (0.25 is 25%).
    Fraction,
    /// A day of the horizon (the first day is day 0).
    Day,
}

/// Defines a quantity enum from a table: one line per variant with its
/// serialized name, plain label, unit and reading (an expression of the
/// arguments named after `reads`).
macro_rules! quantities {
    (
        $(#[$enum_doc:meta])*
        $Enum:ident, listed as $all_doc:literal,
        reads ($($arg:ident: $ty:ty),*) -> $out:ty;
        $( $(#[$doc:meta])* $Variant:ident = $name:literal, $label:literal, $unit:ident, $read:expr; )*
    ) => {
        $(#[$enum_doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $Enum {
            $( $(#[$doc])* $Variant, )*
        }

        impl $Enum {
            #[doc = $all_doc]
            pub const ALL: &'static [$Enum] = &[$($Enum::$Variant),*];

            /// The name in the summary's JSON and the CSV files.
            pub const fn name(self) -> &'static str {
                match self { $($Enum::$Variant => $name,)* }
            }

            /// A plain label for people, e.g. "Payback day".
            pub const fn label(self) -> &'static str {
                match self { $($Enum::$Variant => $label,)* }
            }

            /// What its values measure.
            pub const fn unit(self) -> Unit {
                match self { $($Enum::$Variant => Unit::$unit,)* }
            }

            /// The value with this name (see [`Self::name`]).
            pub fn from_name(name: &str) -> Option<$Enum> {
                Self::ALL.iter().copied().find(|q| q.name() == name)
            }

            /// Its value in one trial.
            #[allow(unused_variables)]
            pub fn read(self, $($arg: $ty),*) -> $out {
                match self { $($Enum::$Variant => $read,)* }
            }
        }

        impl fmt::Display for $Enum {
            /// The serialized name.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// A count as a metric value.
fn count(x: u64) -> Option<f64> {
    Some(x as f64)
}

/// Paid leads over visitors of paid channels (the `referral` row is last).
fn optin(o: &TrialOutcome) -> Option<f64> {
    let paid: u64 = o.channels[..o.channels.len() - 1]
        .iter()
        .map(|c| c.leads)
        .sum();
    (o.visitors > 0).then(|| paid as f64 / o.visitors as f64)
}

quantities! {
    /// A number reported once per trial; `None` in a trial where it is
    /// undefined (ROI without cost, CAC without customers, payback that never comes).
    Metric, listed as "Every metric, in the order of the CSV files' rows and columns.",
    reads (o: &TrialOutcome) -> Option<f64>;
    /// Visitors of paid channels.
    Visitors = "visitors", "Visitors", Count, count(o.visitors);
    /// Every lead, referred ones included.
    Leads = "leads", "Leads", Count, count(o.leads);
    /// Paid leads over visitors of paid channels.
    Optin = "optin", "Opt-in rate", Fraction, optin(o);
    /// Leads who unsubscribed.
    Unsubscribes = "unsubscribes", "Unsubscribes", Count, count(o.unsubscribes);
    /// Touches sent.
    Touches = "touches", "Touches sent", Count, count(o.touches);
    /// People whose first purchase was kept.
    Customers = "customers", "Customers", Count, count(o.customers);
    /// All money in, refunds subtracted.
    Revenue = "revenue", "Revenue", Money, Some(o.revenue());
    /// All money out except refunds.
    Cost = "cost", "Cost", Money, Some(o.cost());
    /// Revenue − cost.
    Profit = "profit", "Profit", Money, Some(o.profit());
    /// Profit over cost.
    Roi = "roi", "ROI", Fraction, o.roi();
    /// Acquisition cost per customer.
    Cac = "cac", "CAC", Money, o.cac();
    /// Customer lifetime value.
    Cltv = "cltv", "CLTV", Money, o.cltv();
    /// Earnings per lead.
    Epl = "epl", "Earnings per lead", Money, o.epl();
    /// Front-end money (lead magnet and offers bought within the nurture window of opt-in, by leads of paid channels) over ad spend.
    FrontEndRoas = "front_end_roas", "Front-end ROAS", Fraction, o.front_end_roas();
    /// First day from which cumulative profit stays at or above 0.
    PaybackDay = "payback_day", "Payback day", Day, o.payback_day().map(f64::from);
    /// Deepest cumulative loss.
    CashNeeded = "cash_needed", "Cash needed", Money, Some(o.cash_needed());
    /// Money refunded.
    Refunds = "refunds", "Refunds", Money, Some(o.money.refunds);
    /// Paid to ad channels.
    AdsCost = "ads_cost", "Ads", Money, Some(o.money.ads);
    /// Money paid for the lead magnet.
    LeadMagnetRevenue = "lead_magnet_revenue", "Lead magnet revenue", Money, Some(o.money.lead_magnet_revenue);
    /// Delivery cost of the lead magnet.
    LeadMagnetCost = "lead_magnet_cost", "Lead magnet delivery", Money, Some(o.money.lead_magnet_delivery);
    /// Cost of the touches sent.
    TouchCost = "touch_cost", "Touch costs", Money, Some(o.money.touches);
    /// Unit costs of the purchases.
    UnitCosts = "unit_costs", "Unit costs", Money, Some(o.money.unit_costs);
    /// Rewards paid to promoters.
    ReferralRewards = "referral_rewards", "Referral rewards", Money, Some(o.money.referral_rewards);
    /// Cost of win-back attempts.
    WinbackCost = "winback_cost", "Win-back costs", Money, Some(o.money.winback);
    /// Fixed costs over the horizon.
    FixedCosts = "fixed_costs", "Fixed costs", Money, Some(o.money.fixed);
    /// Customers who entered the repeat stage.
    RepeatCustomers = "repeat_customers", "Repeat customers", Count, count(o.repeat_customers);
    /// Repeat purchases.
    RepeatPurchases = "repeat_purchases", "Repeat purchases", Count, count(o.repeat_purchases);
    /// Money from repeat purchases.
    RepeatRevenue = "repeat_revenue", "Repeat revenue", Money, Some(o.repeat_revenue);
    /// Win-back attempts.
    WinbackAttempts = "winback_attempts", "Win-back attempts", Count, count(o.winback_attempts);
    /// Successful win-backs.
    Winbacks = "winbacks", "Win-backs", Count, count(o.winbacks);
    /// People who subscribed.
    Subscribers = "subscribers", "Subscribers", Count, count(o.subscribers);
    /// Subscription payments.
    SubscriptionPayments = "subscription_payments", "Subscription payments", Count, count(o.subscription_payments);
    /// Money from subscription payments.
    SubscriptionRevenue = "subscription_revenue", "Subscription revenue", Money, Some(o.subscription_revenue);
    /// Monthly recurring revenue on the last day.
    MrrEnd = "mrr_end", "MRR at the end", Money, Some(o.mrr_end());
    /// Fans.
    Fans = "fans", "Fans", Count, count(o.fans);
    /// Promoters.
    Promoters = "promoters", "Promoters", Count, count(o.promoters);
    /// Referred leads who arrived within the horizon.
    ReferredLeads = "referred_leads", "Referred leads", Count, count(o.referred_leads);
    /// Customers among referred leads.
    ReferredCustomers = "referred_customers", "Referred customers", Count, count(o.referred_customers);
}

/// Buyers of an offer over those it was offered to: leads for the entry offer
/// (`parent` is `None`), kept buyers of its parent for a follow-up.
fn conversion(o: &TrialOutcome, offer: usize, parent: Option<usize>) -> Option<f64> {
    let base = match parent {
        None => o.leads,
        Some(p) => o.offers[p].buyers - o.offers[p].refunds,
    };
    (base > 0).then(|| o.offers[offer].buyers as f64 / base as f64)
}

quantities! {
    /// A column of the per-offer table; in the summary's metrics and the CSV
    /// files, offer `id`'s value is named `<field>.<id>` (see [`MetricKey`]).
    OfferField, listed as "Every field, in the order of the CSV files' columns.",
    reads (o: &TrialOutcome, offer: usize, parent: Option<usize>) -> Option<f64>;
    /// Purchases, refunded ones included.
    Buyers = "buyers", "Buyers", Count, count(o.offers[offer].buyers);
    /// Refunded purchases.
    Refunds = "refunds", "Refunds", Count, count(o.offers[offer].refunds);
    /// Money kept: price × kept purchases.
    Revenue = "revenue", "Revenue kept", Money, Some(o.offers[offer].revenue);
    /// Buyers over those it was offered to: leads for the entry offer, kept
    /// buyers of the offer it follows for a follow-up (undefined when there were none).
    Conversion = "conversion", "Conversion", Fraction, conversion(o, offer, parent);
}

quantities! {
    /// A column of the per-channel table; in the CSV files, channel `name`'s
    /// value is named `channel.<name>.<field>` (see [`ChannelField::column`]).
    ChannelField, listed as "Every field, in the order of the CSV files' columns.",
    reads (c: &ChannelOutcome) -> Option<f64>;
    /// Visitors (for `referral`: referred leads).
    Visitors = "visitors", "Visitors", Count, count(c.visitors);
    /// Leads.
    Leads = "leads", "Leads", Count, count(c.leads);
    /// Paid to the channel: ads (for `referral`: rewards to promoters).
    Spend = "spend", "Spend", Money, Some(c.spend);
    /// Customers it brought.
    Customers = "customers", "Customers", Count, count(c.customers);
    /// Money kept from the people it brought.
    Revenue = "revenue", "Revenue", Money, Some(c.revenue);
    /// Variable costs of the people it brought.
    Cost = "cost", "Cost", Money, Some(c.cost);
    /// Revenue − cost.
    Profit = "profit", "Profit", Money, Some(c.profit());
    /// Profit over cost.
    Roi = "roi", "ROI", Fraction, c.roi();
}

impl ChannelField {
    /// The CSV column of this field of channel `channel`: `channel.<name>.<field>`.
    pub fn column(self, channel: &str) -> String {
        format!("channel.{channel}.{}", self.name())
    }
}

quantities! {
    /// A per-day series, summarised as quantile bands on the kept days.
    DailySeries, listed as "Every series, in the order of the summary's bands.",
    reads (d: &Daily, day: usize) -> f64;
    /// Cumulative revenue at the end of the day.
    Revenue = "revenue", "Cumulative revenue", Money, d.cum_revenue[day];
    /// Cumulative cost at the end of the day.
    Cost = "cost", "Cumulative cost", Money, d.cum_cost[day];
    /// Cumulative profit at the end of the day.
    Profit = "profit", "Cumulative profit", Money, d.cum_profit[day];
    /// Active repeat customers at the end of the day.
    ActiveRepeat = "active_repeat", "Active repeat customers", Count, d.active_repeat[day] as f64;
    /// Active subscribers at the end of the day.
    ActiveSubscribers = "active_subscribers", "Active subscribers", Count, d.active_subscribers[day] as f64;
    /// Monthly recurring revenue at the end of the day.
    Mrr = "mrr", "MRR", Money, d.mrr[day];
}

/// The key of a metric in the summary: a [`Metric`], or an [`OfferField`] of
/// one offer. Its `Display` is the serialized name (`profit`, `buyers.core`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricKey<'a> {
    /// A metric of the whole run.
    Run(Metric),
    /// A field of the offer with this id.
    Offer(OfferField, &'a str),
}

impl fmt::Display for MetricKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricKey::Run(m) => f.write_str(m.name()),
            MetricKey::Offer(field, id) => write!(f, "{}.{id}", field.name()),
        }
    }
}

impl From<Metric> for MetricKey<'_> {
    fn from(m: Metric) -> Self {
        MetricKey::Run(m)
    }
}

/// Every metric's statistics, by [`MetricKey`]. Serialized as a JSON object
/// from the keys' names (in name order) to the statistics.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Metrics(BTreeMap<String, MetricSummary>);

impl Metrics {
    /// The statistics of `key`, if the summary has them.
    pub fn get<'k>(&self, key: impl Into<MetricKey<'k>>) -> Option<&MetricSummary> {
        self.0.get(&key.into().to_string())
    }

    /// Sets the statistics of `key`.
    pub fn insert<'k>(&mut self, key: impl Into<MetricKey<'k>>, summary: MetricSummary) {
        self.0.insert(key.into().to_string(), summary);
    }

    /// Every metric with its serialized name, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MetricSummary)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of metrics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Metrics {
    type Item = (&'a str, &'a MetricSummary);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a MetricSummary)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}
