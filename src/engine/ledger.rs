//! The money ledger of a trial. Every amount of money is booked once, with
//! [`Trial::book`], into the three views the outputs read: the day's money in,
//! refunds and money out (for the cumulative series), the trial's totals by kind
//! ([`super::Money`]), and the account of the channel that brought the people
//! ([`super::ChannelOutcome`]). Since one booking feeds all three, "the channels'
//! profits minus the fixed costs equal the profit" holds by construction (up to
//! rounding, as the views add in different orders).
//!
//! The additions into each accumulator are exactly those the engine always
//! made, in the same order, so that results stay bit-identical. (Refunds of
//! none are not added: 0 × price added to a sum of non-negative amounts, which
//! never holds −0.0, leaves it unchanged bit for bit.)

use super::trial::Trial;

/// One movement of money.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Flow {
    /// Fixed costs of a month: the only flow no channel pays.
    Fixed(f64),
    /// A channel's day of acquisition.
    Acquisition {
        /// Paid for the visitors.
        ads: f64,
        /// Lead magnet prices paid by the leads.
        lead_magnet_sales: f64,
        /// Delivery of the lead magnet to the leads.
        delivery: f64,
    },
    /// Touches of warm leads.
    Touches(f64),
    /// Purchases (of an offer, a repeat purchase, a subscription payment).
    Sales {
        /// Purchases.
        count: u64,
        /// Of them, refunded the same day.
        refunded: u64,
        /// Price of one.
        price: f64,
        /// Cost of delivering one (refunded ones included).
        unit_cost: f64,
    },
    /// Rewards to promoters for the buyers they brought.
    Reward(f64),
    /// Win-back attempts.
    Winback(f64),
}

impl Flow {
    /// Purchases none of which are refunded (repeat purchases, subscription
    /// payments).
    pub(super) fn kept_sales(count: u64, price: f64, unit_cost: f64) -> Flow {
        Flow::Sales {
            count,
            refunded: 0,
            price,
            unit_cost,
        }
    }
}

impl Trial<'_> {
    /// Books `flow` on `day`, paid by or for the people of channel row `row`
    /// (`None` only for fixed costs): into the day's money, the trial's totals
    /// by kind, and the channel's account. Each flow adds only what it has (an
    /// addition of 0.0 is not free: it cannot be optimised away).
    #[inline(always)]
    pub(super) fn book(&mut self, day: usize, row: Option<usize>, flow: Flow) {
        debug_assert_eq!(row.is_none(), matches!(flow, Flow::Fixed(_)));
        let ws = &mut *self.ws;
        let m = &mut self.out.money;
        let Some(row) = row else {
            // Fixed costs: the day and the totals; no channel pays them.
            if let Flow::Fixed(x) = flow {
                ws.money_out[day] += x;
                m.fixed += x;
            }
            return;
        };
        let account = &mut self.out.channels[row];
        match flow {
            Flow::Fixed(_) => {}
            Flow::Acquisition {
                ads,
                lead_magnet_sales,
                delivery,
            } => {
                let out = ads + delivery;
                ws.money_in[day] += lead_magnet_sales;
                ws.money_out[day] += out;
                m.ads += ads;
                m.lead_magnet_revenue += lead_magnet_sales;
                m.gross_in += lead_magnet_sales;
                m.lead_magnet_delivery += delivery;
                account.spend += ads;
                account.cost += out;
                account.revenue += lead_magnet_sales;
            }
            Flow::Touches(x) => {
                ws.money_out[day] += x;
                m.touches += x;
                account.cost += x;
            }
            Flow::Sales {
                count,
                refunded,
                price,
                unit_cost,
            } => {
                let gross = count as f64 * price;
                let units = count as f64 * unit_cost;
                ws.money_in[day] += gross;
                ws.money_out[day] += units;
                m.gross_in += gross;
                m.unit_costs += units;
                if refunded > 0 {
                    let back = refunded as f64 * price;
                    ws.refunds[day] += back;
                    m.refunds += back;
                }
                account.revenue += (count - refunded) as f64 * price;
                account.cost += units;
            }
            Flow::Reward(x) => {
                ws.money_out[day] += x;
                m.referral_rewards += x;
                account.spend += x;
                account.cost += x;
            }
            Flow::Winback(x) => {
                ws.money_out[day] += x;
                m.winback += x;
                account.cost += x;
            }
        }
    }
}
