//! The exact expected-value recursion of `docs/model.md` ("Invariants"):
//! with every rate fixed, everything is linear in the counts, so a day-by-day
//! recursion of *expected* counts gives the exact expectation of every count
//! and every sum of money. Written from `docs/model.md` alone (not from the
//! engine). Used by tests/expectation.rs (the engine's means against it) and
//! tests/pricing.rs (the price sweep and goal seek against it).
#![allow(dead_code)]

use funnel_lab::scenario::{Scenario, Uncertain};
/// Expected values of one source of people (a paid channel or `referral`).
#[derive(Clone, Debug, Default)]
pub struct ExpectedChannel {
    pub visitors: f64,
    pub leads: f64,
    pub spend: f64,
    pub customers: f64,
    /// Money kept from every purchase of the people it brought (lead magnet included).
    pub revenue: f64,
    /// Spend, lead magnet delivery, touches, unit costs of its people (rewards for `referral`).
    pub cost: f64,
}

/// Exact expectations of one trial of a scenario whose values are all fixed.
#[derive(Clone, Debug, Default)]
pub struct Expected {
    pub visitors: f64,
    pub leads: f64,
    pub touches: f64,
    pub unsubscribes: f64,
    pub customers: f64,
    /// Per offer: purchases (refunded included), refunds, money kept.
    pub buyers: Vec<f64>,
    pub refunds: Vec<f64>,
    pub offer_revenue: Vec<f64>,
    pub gross_in: f64,
    pub refund_money: f64,
    pub ads: f64,
    pub lead_magnet_revenue: f64,
    pub lead_magnet_delivery: f64,
    pub touch_cost: f64,
    pub unit_costs: f64,
    pub referral_rewards: f64,
    pub fixed: f64,
    pub fans: f64,
    pub promoters: f64,
    pub referred_leads: f64,
    pub referred_customers: f64,
    /// Money kept from the front end: the lead magnet and purchases made by
    /// leads of paid channels at ages below `max(1, window_days)`.
    pub front_end_revenue: f64,
    /// Paid channels, then `referral` last.
    pub channels: Vec<ExpectedChannel>,
    /// Cumulative revenue / cost / profit at the end of each day.
    pub cum_revenue: Vec<f64>,
    pub cum_cost: Vec<f64>,
    pub cum_profit: Vec<f64>,
}

impl Expected {
    pub fn revenue(&self) -> f64 {
        self.gross_in - self.refund_money
    }
    pub fn cost(&self) -> f64 {
        self.ads
            + self.lead_magnet_delivery
            + self.touch_cost
            + self.unit_costs
            + self.referral_rewards
            + self.fixed
    }
    pub fn profit(&self) -> f64 {
        self.revenue() - self.cost()
    }
}

/// The value of a field that must be fixed in these tests.
pub fn fx(u: &Uncertain) -> f64 {
    u.as_fixed()
        .unwrap_or_else(|| panic!("the exact recursion needs fixed values, got {u:?}"))
}

/// `2^(−(p − p₀)/s)`, 1 without a step: demand at `price` against `reference` (absent:
/// the price itself) with halving `step` (`docs/model.md`, "Price response").
pub fn demand_factor(price: &Uncertain, reference: Option<f64>, step: &Option<Uncertain>) -> f64 {
    let p = fx(price);
    step.as_ref()
        .map_or(1.0, |s| libm::exp2(-(p - reference.unwrap_or(p)) / fx(s)))
}

/// The touch number (1, 2, …) of a warm lead at each age `0 .. horizon`, or
/// `None` when it is not touched at that age (`docs/model.md`, "Nurture").
pub fn touch_numbers(sc: &Scenario) -> Vec<Option<u32>> {
    let h = sc.horizon_days as usize;
    let n = &sc.nurture;
    let mut touched = vec![false; h];
    // In the window: ages floor(k × 7 / touches_per_week) below window_days.
    if n.touches_per_week > 0.0 {
        let mut k = 0.0f64;
        loop {
            let age = (k * 7.0 / n.touches_per_week).floor();
            if age >= f64::from(n.window_days) {
                break;
            }
            if (age as usize) < h {
                touched[age as usize] = true;
            }
            k += 1.0;
        }
    }
    // After it: ages window_days + floor(j × 30 / touches_per_month_after).
    if n.touches_per_month_after > 0.0 {
        let mut j = 0.0f64;
        loop {
            let age = f64::from(n.window_days) + (j * 30.0 / n.touches_per_month_after).floor();
            if age >= h as f64 {
                break;
            }
            touched[age as usize] = true;
            j += 1.0;
        }
    }
    // Number the touched ages in order of age.
    let mut count = 0;
    touched
        .into_iter()
        .map(|t| {
            t.then(|| {
                count += 1;
                count
            })
        })
        .collect()
}

/// The exact day-by-day expectation of a trial of `sc` (every value fixed,
/// prices as in the scenario with their price response, no repeat purchases and
/// no subscription).
///
/// Sources of people: the paid channels `0 .. C`, then leads brought by fans
/// (`C`) and by promoters (`C + 1`); the last two together are the `referral`
/// channel. Promoter-brought leads are kept apart because only their entry
/// purchases pay a reward.
pub fn expected(sc: &Scenario) -> Expected {
    assert!(sc.repeat.is_none() && sc.subscription.is_none());
    let h = sc.horizon_days as usize;
    let c = sc.channels.len();
    let fan_src = c;
    let promoter_src = c + 1;
    let sources = c + 2;
    let offers = sc.offers.len();
    let index_of = |id: &str| {
        sc.offers
            .iter()
            .position(|o| o.id == id)
            .unwrap_or_else(|| panic!("no offer {id}"))
    };

    // Nurture parameters.
    let nur = &sc.nurture;
    // Price response: the lead magnet's factor on each opt-in rate, the entry offer's
    // on the conversion per touch, a follow-up's on its take rate; capped at 1.
    let lm = &sc.lead_magnet;
    let lm_factor = demand_factor(&lm.price, lm.price_reference, &lm.price_halving_step);
    let factor: Vec<f64> = sc
        .offers
        .iter()
        .map(|o| demand_factor(&o.price, o.price_reference, &o.price_halving_step))
        .collect();
    let conv = (fx(&nur.conversion_per_touch) * factor[0]).min(1.0);
    let unsub = fx(&nur.unsubscribe_per_touch);
    let cost_per_touch = fx(&nur.cost_per_touch);
    let stay_warm = libm::exp2(-1.0 / nur.interest_half_life_days);
    let touch_no = touch_numbers(sc);

    // Offers: price, unit cost, refund rate, parent, take rate, daily chance of
    // buying for one who waits (geometric delay: P(D = d) = q (1 − q)^d, q = 1 / (1 + mean)).
    let price: Vec<f64> = sc.offers.iter().map(|o| fx(&o.price)).collect();
    let unit_cost: Vec<f64> = sc.offers.iter().map(|o| fx(&o.unit_cost)).collect();
    let refund: Vec<f64> = sc.offers.iter().map(|o| fx(&o.refund_rate)).collect();
    let parent: Vec<Option<usize>> = sc
        .offers
        .iter()
        .map(|o| o.offered_to.as_deref().map(index_of))
        .collect();
    let take: Vec<f64> = sc
        .offers
        .iter()
        .zip(&factor)
        .map(|(o, f)| o.take_rate.as_ref().map_or(0.0, |t| (fx(t) * f).min(1.0)))
        .collect();
    let daily_buy: Vec<f64> = sc
        .offers
        .iter()
        .map(|o| 1.0 / (1.0 + o.delay_days.unwrap_or(0.0)))
        .collect();
    for (i, p) in parent.iter().enumerate() {
        assert_eq!(p.is_some(), i > 0);
        assert!(
            p.is_none_or(|j| j < i),
            "follow-ups come after what they follow"
        );
    }

    // Referrals.
    struct Refs {
        of: usize,
        fan_rate: f64,
        leads_per_fan: f64,
        promoter_rate: f64,
        leads_per_promoter: f64,
        reward: f64,
        window: usize,
        multiplier: f64,
    }
    let refs = sc.referrals.as_ref().map(|r| Refs {
        of: index_of(&r.customers_of),
        fan_rate: fx(&r.fan_rate),
        leads_per_fan: fx(&r.leads_per_fan),
        promoter_rate: fx(&r.promoter_rate),
        leads_per_promoter: fx(&r.leads_per_promoter),
        reward: fx(&r.reward_per_referred_buyer),
        window: r.window_days as usize,
        multiplier: r.referred_conversion_multiplier,
    });
    // Conversion multiplier of each source.
    let multiplier = |src: usize| {
        if src >= c {
            refs.as_ref().map_or(1.0, |r| r.multiplier)
        } else {
            1.0
        }
    };

    let lm_price = fx(&sc.lead_magnet.price);
    let lm_delivery = fx(&sc.lead_magnet.delivery_cost);
    let fixed_per_month = fx(&sc.fixed_costs_per_month);

    let mut e = Expected {
        buyers: vec![0.0; offers],
        refunds: vec![0.0; offers],
        offer_revenue: vec![0.0; offers],
        channels: vec![ExpectedChannel::default(); c + 1],
        ..Default::default()
    };
    // Per source, then folded into the `referral` row at the end.
    let mut src_rows = vec![ExpectedChannel::default(); sources];

    // warm[j][s]: expected warm leads of source s who joined on day j.
    let mut warm = vec![vec![0.0f64; sources]; h];
    // arrivals[t][s]: expected referred leads arriving on day t (s = fan or promoter source).
    let mut arrivals = vec![vec![0.0f64; sources]; h];
    // waiting[i][s]: expected people of source s waiting to buy follow-up i.
    let mut waiting = vec![vec![0.0f64; sources]; offers];
    // The front end (`docs/model.md`, "Front-end ROAS"): purchases by leads of
    // paid channels at ages below `window`. fe_waiting[i][ch][j]: the part of
    // waiting[i][ch] who opted in on day j.
    let window = (nur.window_days as usize).max(1);
    let mut fe_waiting = vec![vec![vec![0.0f64; h]; c]; offers];

    let (mut cum_rev, mut cum_cost) = (0.0, 0.0);
    for t in 0..h {
        let (mut rev_today, mut cost_today) = (0.0, 0.0);

        // Fixed costs on days 0, 30, 60, …
        if t % 30 == 0 {
            e.fixed += fixed_per_month;
            cost_today += fixed_per_month;
        }

        // Acquisition: paid channels running today.
        for (ch, channel) in sc.channels.iter().enumerate() {
            if (channel.start_day as usize) <= t && t < channel.end_day as usize {
                let visitors = fx(&channel.visitors_per_day);
                let leads = visitors * (fx(&channel.optin_rate) * lm_factor).min(1.0);
                let ads = visitors * fx(&channel.cost_per_visitor);
                e.visitors += visitors;
                e.leads += leads;
                e.ads += ads;
                e.lead_magnet_revenue += leads * lm_price;
                e.front_end_revenue += leads * lm_price;
                e.gross_in += leads * lm_price;
                e.lead_magnet_delivery += leads * lm_delivery;
                rev_today += leads * lm_price;
                cost_today += ads + leads * lm_delivery;
                let row = &mut src_rows[ch];
                row.visitors += visitors;
                row.leads += leads;
                row.spend += ads;
                row.revenue += leads * lm_price;
                row.cost += ads + leads * lm_delivery;
                warm[t][ch] += leads;
            }
        }
        // Referred leads arriving today join the pool at age 0 (no lead magnet).
        for s in [fan_src, promoter_src] {
            let n = arrivals[t][s];
            e.leads += n;
            e.referred_leads += n;
            src_rows[s].visitors += n;
            src_rows[s].leads += n;
            warm[t][s] += n;
        }

        // Touches of every cohort whose age today is a touch age.
        let mut entry_buyers = vec![0.0f64; sources];
        // entry_fe[ch][j]: today's entry buyers of paid channel ch who opted in on day j.
        let mut entry_fe = vec![vec![0.0f64; h]; c];
        for (j, cohort) in warm.iter_mut().enumerate().take(t + 1) {
            let Some(n) = touch_no[t - j] else { continue };
            let trust = (f64::from(n) / nur.trust_touches).min(1.0);
            for (s, w) in cohort.iter_mut().enumerate() {
                if *w == 0.0 {
                    continue;
                }
                let p_buy = (conv * trust * multiplier(s)).min(1.0);
                let bought = *w * p_buy;
                let left = *w * (1.0 - p_buy) * unsub;
                e.touches += *w;
                e.touch_cost += *w * cost_per_touch;
                cost_today += *w * cost_per_touch;
                src_rows[s].cost += *w * cost_per_touch;
                e.unsubscribes += left;
                entry_buyers[s] += bought;
                if s < c {
                    entry_fe[s][j] += bought;
                }
                *w -= bought + left;
            }
        }

        // Purchases today, offer by offer (a follow-up after what it follows, so
        // a zero delay chains within the day). kept[i][s]: non-refunded buyers today.
        let mut kept = vec![vec![0.0f64; sources]; offers];
        let mut kept_fe = vec![vec![vec![0.0f64; h]; c]; offers];
        for i in 0..offers {
            for s in 0..sources {
                let bought = match parent[i] {
                    None => entry_buyers[s],
                    Some(p) => {
                        // Today's non-refunded buyers of the parent start waiting
                        // (those who will ever take it); each waiting one buys today
                        // with the geometric daily chance.
                        waiting[i][s] += kept[p][s] * take[i];
                        let b = waiting[i][s] * daily_buy[i];
                        waiting[i][s] -= b;
                        b
                    }
                };
                let refunded = bought * refund[i];
                kept[i][s] = bought - refunded;
                e.buyers[i] += bought;
                e.refunds[i] += refunded;
                e.offer_revenue[i] += price[i] * (bought - refunded);
                e.gross_in += price[i] * bought;
                e.refund_money += price[i] * refunded;
                e.unit_costs += unit_cost[i] * bought;
                rev_today += price[i] * (bought - refunded);
                cost_today += unit_cost[i] * bought;
                src_rows[s].revenue += price[i] * (bought - refunded);
                src_rows[s].cost += unit_cost[i] * bought;
                // The same, by opt-in day, for paid leads inside the window.
                if s < c {
                    for j in (t + 1).saturating_sub(window)..=t {
                        let bought = match parent[i] {
                            None => entry_fe[s][j],
                            Some(p) => {
                                fe_waiting[i][s][j] += kept_fe[p][s][j] * take[i];
                                let b = fe_waiting[i][s][j] * daily_buy[i];
                                fe_waiting[i][s][j] -= b;
                                b
                            }
                        };
                        kept_fe[i][s][j] = bought * (1.0 - refund[i]);
                        e.front_end_revenue += price[i] * kept_fe[i][s][j];
                    }
                }
            }
        }
        // Customers: non-refunded entry purchases (a refunded buyer leaves the
        // pool and buys nothing after).
        for s in 0..sources {
            e.customers += kept[0][s];
            src_rows[s].customers += kept[0][s];
            if s >= c {
                e.referred_customers += kept[0][s];
            }
        }

        // Referrals: today's non-refunded buyers of `customers_of` become fans and
        // promoters; their leads arrive uniformly on days t + 1 … t + window
        // (dropped at or after the horizon). Promoter-brought entry buyers pay a reward.
        if let Some(r) = &refs {
            let reward = kept[0][promoter_src] * r.reward;
            e.referral_rewards += reward;
            cost_today += reward;
            src_rows[promoter_src].spend += reward;
            src_rows[promoter_src].cost += reward;

            let buyers: f64 = kept[r.of].iter().sum();
            let fans = buyers * r.fan_rate;
            let promoters = buyers * r.promoter_rate;
            e.fans += fans;
            e.promoters += promoters;
            let per_day = r.window as f64;
            for day in arrivals.iter_mut().take(t + r.window + 1).skip(t + 1) {
                day[fan_src] += fans * r.leads_per_fan / per_day;
                day[promoter_src] += promoters * r.leads_per_promoter / per_day;
            }
        }

        // End of the day: every warm lead, those who joined today included, may go cold.
        for cohort in warm.iter_mut().take(t + 1) {
            for w in cohort.iter_mut() {
                *w *= stay_warm;
            }
        }

        cum_rev += rev_today;
        cum_cost += cost_today;
        e.cum_revenue.push(cum_rev);
        e.cum_cost.push(cum_cost);
        e.cum_profit.push(cum_rev - cum_cost);
    }

    e.channels[..c].clone_from_slice(&src_rows[..c]);
    let referral = &mut e.channels[c];
    for row in &src_rows[c..] {
        referral.visitors += row.visitors;
        referral.leads += row.leads;
        referral.spend += row.spend;
        referral.customers += row.customers;
        referral.revenue += row.revenue;
        referral.cost += row.cost;
    }
    e
}
