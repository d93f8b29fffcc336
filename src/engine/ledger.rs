//! The money ledger of a trial. Every amount of money is booked once, with
//! [`Trial::book`], into the three views the outputs read: the day's money in,
//! refunds and money out (for the cumulative series), the trial's totals by kind
//! ([`super::Money`]), and the account of the channel that brought the people
//! ([`super::ChannelOutcome`]). Since one booking feeds all three, "the channels'
//! profits minus the fixed costs equal the profit" holds by construction (up to
//! rounding, as the views add in different orders).
//!
//! The additions into each accumulator are exactly those the engine always
//! made, in the same order, so that results stay bit-identical.

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

/// What one flow adds to its day and to its channel's account.
struct Posting {
    /// Money in before refunds, refunds and money out of the day.
    day: (f64, f64, f64),
    /// Revenue (refunds taken off), cost and spend of the channel.
    channel: (f64, f64, f64),
}

impl Trial<'_> {
    /// Books `flow` on `day`, paid by or for the people of channel row `row`
    /// (`None` only for fixed costs): into the day's money, the trial's totals
    /// by kind, and the channel's account.
    pub(super) fn book(&mut self, day: usize, row: Option<usize>, flow: Flow) {
        debug_assert_eq!(row.is_none(), matches!(flow, Flow::Fixed(_)));
        let m = &mut self.out.money;
        let posting = match flow {
            Flow::Fixed(x) => {
                m.fixed += x;
                Posting {
                    day: (0.0, 0.0, x),
                    channel: (0.0, 0.0, 0.0),
                }
            }
            Flow::Acquisition {
                ads,
                lead_magnet_sales,
                delivery,
            } => {
                m.ads += ads;
                m.lead_magnet_revenue += lead_magnet_sales;
                m.gross_in += lead_magnet_sales;
                m.lead_magnet_delivery += delivery;
                let out = ads + delivery;
                Posting {
                    day: (lead_magnet_sales, 0.0, out),
                    channel: (lead_magnet_sales, out, ads),
                }
            }
            Flow::Touches(x) => {
                m.touches += x;
                Posting {
                    day: (0.0, 0.0, x),
                    channel: (0.0, x, 0.0),
                }
            }
            Flow::Sales {
                count,
                refunded,
                price,
                unit_cost,
            } => {
                let gross = count as f64 * price;
                let back = refunded as f64 * price;
                let units = count as f64 * unit_cost;
                m.gross_in += gross;
                m.refunds += back;
                m.unit_costs += units;
                let kept = (count - refunded) as f64 * price;
                Posting {
                    day: (gross, back, units),
                    channel: (kept, units, 0.0),
                }
            }
            Flow::Reward(x) => {
                m.referral_rewards += x;
                Posting {
                    day: (0.0, 0.0, x),
                    channel: (0.0, x, x),
                }
            }
            Flow::Winback(x) => {
                m.winback += x;
                Posting {
                    day: (0.0, 0.0, x),
                    channel: (0.0, x, 0.0),
                }
            }
        };
        // Adding a 0.0 a flow does not have leaves a sum unchanged bit for bit: the
        // sums start at +0.0 and no amount is below zero, so none holds −0.0, the
        // one value that adding +0.0 would change.
        let (money_in, refunds, money_out) = posting.day;
        self.ws.money_in[day] += money_in;
        self.ws.refunds[day] += refunds;
        self.ws.money_out[day] += money_out;
        if let Some(row) = row {
            let (revenue, cost, spend) = posting.channel;
            let account = &mut self.out.channels[row];
            account.revenue += revenue;
            account.cost += cost;
            account.spend += spend;
        }
    }
}
