//! What one trial produces: counts and money per offer, per channel and by kind,
//! per-day series, and the metrics read from them.

use serde::{Deserialize, Serialize};

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

    /// profit / cost; `None` when cost is 0 (or so near 0 that the ratio overflows).
    pub fn roi(&self) -> Option<f64> {
        (self.cost > 0.0)
            .then(|| self.profit() / self.cost)
            .filter(|r| r.is_finite())
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
    /// Money kept from the front end: what leads of paid channels paid for the
    /// lead magnet and for offers bought inside the front-end window (see
    /// [`TrialOutcome::front_end_roas`]).
    #[serde(default)]
    pub front_end_revenue: f64,
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

    /// profit / cost; `None` when cost is 0 (or so near 0, such as 10⁻³²⁰, that
    /// the ratio overflows).
    pub fn roi(&self) -> Option<f64> {
        let c = self.cost();
        (c > 0.0)
            .then(|| self.profit() / c)
            .filter(|r| r.is_finite())
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

    /// Front-end ROAS: [`TrialOutcome::front_end_revenue`] over ad spend, the
    /// number a tripwire marketer watches (at least 1: the front end pays for the
    /// ads by itself). A purchase is in the front end when a lead of a paid
    /// channel makes it on its opt-in day or within `nurture.window_days` days of
    /// it (ages below `max(1, window_days)`), refunds subtracted. `None` without
    /// ad spend (or with so little, such as 10⁻³²⁰, that the ratio overflows).
    pub fn front_end_roas(&self) -> Option<f64> {
        (self.money.ads > 0.0)
            .then(|| self.front_end_revenue / self.money.ads)
            .filter(|r| r.is_finite())
    }

    /// Monthly recurring revenue on the last day.
    pub fn mrr_end(&self) -> f64 {
        self.daily.mrr.last().copied().unwrap_or(0.0)
    }
}
