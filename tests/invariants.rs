//! The model's invariants (`docs/model.md`, "Invariants"), and accounting
//! identities, over many random valid scenarios (generated from a fixed seed).

use funnel_lab::engine::{Plan, RunOptions, TrialOutcome};
use funnel_lab::sampling::TrialRng;
use funnel_lab::scenario::*;

fn pick<T: Copy>(r: &mut TrialRng, xs: &[T]) -> T {
    xs[(r.uniform() * xs.len() as f64) as usize]
}

fn rate(r: &mut TrialRng, max: f64) -> Uncertain {
    let a = r.uniform() * max;
    let b = a + r.uniform() * (max - a);
    match (r.uniform() * 5.0) as u32 {
        0 => Uncertain::Fixed(a),
        1 => {
            let low = a.clamp(1e-3, 0.99);
            Uncertain::range(low, b.clamp(low, 0.999))
        }
        2 => Uncertain::Observed {
            successes: (a * 50.0).floor(),
            trials: 50.0,
        },
        3 => Uncertain::Uniform { low: a, high: b },
        _ => Uncertain::Triangular {
            low: a,
            mode: 0.5 * (a + b),
            high: b,
        },
    }
}

fn amount(r: &mut TrialRng, max: f64) -> Uncertain {
    let a = r.uniform() * max;
    let b = a * (1.0 + 2.0 * r.uniform());
    match (r.uniform() * 4.0) as u32 {
        0 => Uncertain::Fixed(a),
        1 if a > 0.0 => Uncertain::range(a, b),
        2 => Uncertain::Uniform { low: a, high: b },
        _ => Uncertain::Triangular {
            low: a,
            mode: a,
            high: b,
        },
    }
}

fn random_scenario(r: &mut TrialRng) -> Scenario {
    let horizon = pick(r, &[1u32, 7, 45, 120, 200]);
    let channels = (0..pick(r, &[1usize, 2, 3]))
        .map(|i| {
            let start = (r.uniform() * f64::from(horizon)) as u32;
            let end = start + (r.uniform() * f64::from(horizon - start + 1)) as u32;
            Channel {
                name: format!("ch{i}"),
                start_day: start,
                end_day: end.min(horizon),
                visitors_per_day: amount(r, 300.0),
                cost_per_visitor: amount(r, 2.0),
                optin_rate: rate(r, 1.0),
            }
        })
        .collect();
    let n_offers = pick(r, &[1usize, 2, 3, 4]);
    let offers = (0..n_offers)
        .map(|i| Offer {
            id: format!("o{i}"),
            name: format!("Offer {i}"),
            offered_to: (i > 0).then(|| format!("o{}", (r.uniform() * i as f64) as usize)),
            take_rate: (i > 0).then(|| rate(r, 1.0)),
            delay_days: (i > 0).then(|| pick(r, &[0.0, 1.0, 14.0, 60.0])),
            price: amount(r, 500.0),
            unit_cost: amount(r, 50.0),
            refund_rate: rate(r, 0.5),
            price_halving_step: None,
            price_reference: None,
        })
        .collect();
    let of = |r: &mut TrialRng| format!("o{}", (r.uniform() * n_offers as f64) as usize);
    Scenario {
        schema: 1,
        name: "random".into(),
        currency: "EUR".into(),
        horizon_days: horizon,
        channels,
        lead_magnet: LeadMagnet {
            price: amount(r, 3.0),
            delivery_cost: amount(r, 1.0),
            price_halving_step: None,
            price_reference: None,
        },
        nurture: Nurture {
            window_days: pick(r, &[0u32, 14, 30]),
            touches_per_week: pick(r, &[0.0, 1.0, 2.5, 3.0, 7.0]),
            touches_per_month_after: pick(r, &[0.0, 1.0, 4.0, 30.0]),
            trust_touches: pick(r, &[1.0, 3.0, 7.0]),
            conversion_per_touch: rate(r, 0.3),
            unsubscribe_per_touch: rate(r, 0.1),
            interest_half_life_days: pick(r, &[1.0, 21.0, 300.0]),
            cost_per_touch: amount(r, 0.1),
        },
        repeat: (r.uniform() < 0.5).then(|| Repeat {
            customers_of: of(r),
            price: amount(r, 80.0),
            unit_cost: amount(r, 10.0),
            purchases_per_month: amount(r, 3.0),
            rate_shape: pick(r, &[0.3, 1.0, 5.0]),
            dropout_after_purchase: rate(r, 1.0),
            dropout_concentration: pick(r, &[0.5, 4.0]),
            winback: (r.uniform() < 0.5).then(|| Winback {
                detect_days: pick(r, &[0u32, 10, 60]),
                success_rate: rate(r, 1.0),
                cost_per_attempt: amount(r, 5.0),
            }),
        }),
        subscription: (r.uniform() < 0.5).then(|| Subscription {
            offered_to: of(r),
            take_rate: rate(r, 1.0),
            delay_days: pick(r, &[0.0, 7.0]),
            monthly_price: amount(r, 40.0),
            monthly_unit_cost: amount(r, 5.0),
            monthly_churn: rate(r, 1.0),
            churn_concentration: pick(r, &[0.5, 5.0]),
        }),
        referrals: (r.uniform() < 0.5).then(|| Referrals {
            customers_of: of(r),
            fan_rate: rate(r, 0.5),
            leads_per_fan: amount(r, 3.0),
            promoter_rate: rate(r, 0.3),
            leads_per_promoter: amount(r, 5.0),
            reward_per_referred_buyer: amount(r, 20.0),
            window_days: pick(r, &[1u32, 30, 90]),
            referred_conversion_multiplier: pick(r, &[0.0, 1.0, 2.0]),
        }),
        offers,
        fixed_costs_per_month: amount(r, 2000.0),
        correlations: Vec::new(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-7 * a.abs().max(b.abs()).max(1.0)
}

fn check(sc: &Scenario, o: &TrialOutcome) {
    let ctx = || serde_json::to_string(sc).unwrap();
    // Counts never grow down a chain.
    assert!(
        o.leads <= o.visitors + o.referred_leads,
        "leads > visitors: {}",
        ctx()
    );
    assert!(o.customers <= o.leads, "customers > leads: {}", ctx());
    assert!(o.referred_customers <= o.referred_leads.max(o.customers));
    for (i, offer) in sc.offers.iter().enumerate() {
        let x = &o.offers[i];
        assert!(x.refunds <= x.buyers);
        if let Some(parent) = &offer.offered_to {
            let j = sc.offers.iter().position(|p| &p.id == parent).unwrap();
            let kept = o.offers[j].buyers - o.offers[j].refunds;
            assert!(
                x.buyers <= kept,
                "offer {i}: {} buyers > {kept} kept buyers of {parent}: {}",
                x.buyers,
                ctx()
            );
        }
    }
    assert_eq!(o.customers, o.offers[0].buyers - o.offers[0].refunds);
    assert!(o.winbacks <= o.winback_attempts);
    // Every kept buyer of `customers_of` becomes a repeat customer, unless the
    // trial reached the cap on people simulated one by one.
    let kept = |id: &str| {
        let j = sc.offers.iter().position(|p| p.id == id).unwrap();
        o.offers[j].buyers - o.offers[j].refunds
    };
    match &sc.repeat {
        Some(rp) if !o.capped => assert_eq!(o.repeat_customers, kept(&rp.customers_of)),
        Some(rp) => assert!(o.repeat_customers <= kept(&rp.customers_of)),
        None => assert_eq!(o.repeat_purchases + o.repeat_customers, 0),
    }
    match &sc.referrals {
        Some(rf) => {
            assert!(o.fans <= kept(&rf.customers_of) && o.promoters <= kept(&rf.customers_of))
        }
        None => assert_eq!(o.referred_leads + o.fans + o.promoters, 0),
    }
    if let Some(sub) = &sc.subscription {
        assert!(o.subscribers <= kept(&sub.offered_to));
    }
    // Money adds up: per day, in total, and across channels.
    let d = &o.daily;
    let h = sc.horizon_days as usize;
    assert_eq!(d.cum_profit.len(), h);
    assert!(close(*d.cum_revenue.last().unwrap(), o.revenue()));
    assert!(close(*d.cum_cost.last().unwrap(), o.cost()));
    assert!(close(*d.cum_profit.last().unwrap(), o.profit()));
    for day in 1..h {
        assert!(
            d.cum_revenue[day] + 1e-6 >= d.cum_revenue[day - 1],
            "revenue fell: refunds exceed sales"
        );
        assert!(d.cum_cost[day] + 1e-6 >= d.cum_cost[day - 1]);
    }
    let rows = &o.channels;
    assert_eq!(rows.iter().map(|c| c.leads).sum::<u64>(), o.leads);
    assert_eq!(rows.iter().map(|c| c.customers).sum::<u64>(), o.customers);
    assert_eq!(
        rows.iter().map(|c| c.visitors).sum::<u64>(),
        o.visitors + o.referred_leads
    );
    let channel_profit: f64 = rows.iter().map(|c| c.profit()).sum();
    assert!(
        close(channel_profit - o.money.fixed, o.profit()),
        "channel profits {channel_profit} vs {}",
        o.profit()
    );
    let m = &o.money;
    for x in [
        m.gross_in,
        m.refunds,
        m.ads,
        m.touches,
        m.unit_costs,
        m.referral_rewards,
        m.winback,
        m.fixed,
    ] {
        assert!(x.is_finite() && x >= 0.0);
    }
    assert!(o.cash_needed() >= 0.0);
    if let Some(p) = o.payback_day() {
        assert!((p as usize) < h);
        assert!(d.cum_profit[p as usize] >= 0.0);
    } else {
        assert!(o.profit() < 0.0);
    }
    for day in 0..h {
        assert!(d.mrr[day] >= 0.0);
        if d.active_subscribers[day] == 0 {
            assert_eq!(d.mrr[day], 0.0);
        }
    }
    // Every subscriber pays on the day it subscribes.
    assert!(o.subscription_payments >= o.subscribers);
}

#[test]
fn invariants_hold_over_random_valid_scenarios() {
    let mut r = TrialRng::from_seed_u64(2024);
    let mut ran = 0;
    for _ in 0..300 {
        let sc = random_scenario(&mut r);
        let valid = match sc.clone().validate() {
            Ok(v) => v,
            Err(e) => panic!(
                "generator made an invalid scenario: {e}\n{}",
                serde_json::to_string(&sc).unwrap()
            ),
        };
        let plan = Plan::new(valid, RunOptions::new(3, ran)).unwrap();
        for t in 0..3 {
            check(&sc, &plan.trial(t));
        }
        ran += 1;
    }
    assert_eq!(ran, 300);
}

#[test]
fn channel_that_runs_zero_days_brings_nothing() {
    let mut r = TrialRng::from_seed_u64(1);
    let mut sc = random_scenario(&mut r);
    for c in &mut sc.channels {
        c.start_day = 0;
        c.end_day = 0;
    }
    sc.referrals = None;
    let o = Plan::new(sc.validate().unwrap(), RunOptions::new(1, 1))
        .unwrap()
        .trial(0);
    assert_eq!(o.visitors, 0);
    assert_eq!(o.leads, 0);
    assert_eq!(o.customers, 0);
    assert_eq!(o.cac(), None);
    assert_eq!(o.epl(), None);
}
