//! Common random numbers between scenarios (`docs/model.md`, "Random streams"):
//! the engine draws each part's events from streams keyed by what they belong
//! to (channel name, offer id, stage, source) and by day, so two scenarios that
//! differ in one part share every other draw, trial by trial.

use funnel_lab::engine::{Plan, RunOptions, TrialOutcome};
use funnel_lab::presets;
use funnel_lab::scenario::{Scenario, Uncertain};

const TRIALS: u64 = 40;

fn trials(sc: Scenario) -> Vec<TrialOutcome> {
    let plan = Plan::new(sc.validate().unwrap(), RunOptions::new(TRIALS, 11)).unwrap();
    (0..TRIALS).map(|t| plan.trial(t)).collect()
}

/// The example preset with its first channel's inputs fixed (so that no drawn
/// input of that channel can differ between the scenarios compared).
fn example() -> Scenario {
    let mut sc = presets::example();
    let c = &mut sc.channels[0];
    c.visitors_per_day = Uncertain::Fixed(400.0);
    c.optin_rate = Uncertain::Fixed(0.25);
    c.cost_per_visitor = Uncertain::Fixed(0.6);
    sc
}

#[test]
fn an_extra_channel_leaves_every_other_channels_acquisition_unchanged() {
    let one = example();
    let mut two = one.clone();
    let mut extra = two.channels[0].clone();
    extra.name = "Video ads".into();
    extra.visitors_per_day = Uncertain::Fixed(150.0);
    // Put it first: a channel's draws depend on its name, not its place.
    two.channels.insert(0, extra);
    let (a, b) = (trials(one), trials(two));
    let mut extra_visitors = 0;
    for (t, (a, b)) in a.iter().zip(&b).enumerate() {
        let (before, after) = (&a.channels[0], &b.channels[1]);
        assert_eq!(before.visitors, after.visitors, "trial {t}: visitors");
        assert_eq!(before.leads, after.leads, "trial {t}: leads");
        assert_eq!(before.spend, after.spend, "trial {t}: ad spend");
        assert!(before.visitors > 0);
        extra_visitors += b.channels[0].visitors;
    }
    assert!(
        extra_visitors > 0,
        "the extra channel has visitors of its own"
    );
}

#[test]
fn raising_a_follow_up_price_changes_only_money() {
    let low = example();
    let mut high = low.clone();
    let core = high.offers.iter_mut().find(|o| o.id == "core").unwrap();
    assert!(core.price_halving_step.is_none(), "no demand response");
    core.price = Uncertain::Fixed(397.0);
    let mut low = low;
    low.offers[1].price = Uncertain::Fixed(297.0);
    let (a, b) = (trials(low), trials(high));
    let mut more_money = 0;
    for (t, (a, b)) in a.iter().zip(&b).enumerate() {
        let counts = |o: &TrialOutcome| {
            let mut v = vec![
                o.visitors,
                o.leads,
                o.unsubscribes,
                o.touches,
                o.customers,
                o.repeat_customers,
                o.repeat_purchases,
                o.winback_attempts,
                o.winbacks,
                o.subscribers,
                o.subscription_payments,
                o.fans,
                o.promoters,
                o.referred_leads,
                o.referred_customers,
            ];
            for off in &o.offers {
                v.extend([off.buyers, off.refunds]);
            }
            for ch in &o.channels {
                v.extend([ch.visitors, ch.leads, ch.customers]);
            }
            v.extend(&o.daily.active_repeat);
            v.extend(&o.daily.active_subscribers);
            v
        };
        assert_eq!(counts(a), counts(b), "trial {t}: every count is the same");
        assert_eq!(a.offers[0].revenue, b.offers[0].revenue, "trial {t}");
        assert_eq!(a.offers[2].revenue, b.offers[2].revenue, "trial {t}");
        assert_eq!(a.repeat_revenue, b.repeat_revenue, "trial {t}");
        assert_eq!(a.money.ads, b.money.ads, "trial {t}");
        let kept = (a.offers[1].buyers - a.offers[1].refunds) as f64;
        assert_eq!(b.offers[1].revenue - a.offers[1].revenue, 100.0 * kept);
        more_money += u64::from(kept > 0.0);
    }
    assert!(more_money > 0, "the core offer sells in some trials");
}

/// One channel at 300 visitors a day from `start_day` to day 60, $1 a visitor,
/// and nothing else that costs money: each day's cost is its visitors.
fn ads_only(start_day: u32) -> Scenario {
    Scenario::from_json(&format!(
        r#"{{
      "schema": 1, "name": "ads only", "currency": "USD", "horizon_days": 90,
      "channels": [{{"name": "ads", "start_day": {start_day}, "end_day": 60,
                     "visitors_per_day": 300, "cost_per_visitor": 1, "optin_rate": 0.2}}],
      "lead_magnet": {{"price": 0, "delivery_cost": 0}},
      "nurture": {{"window_days": 30, "touches_per_week": 3, "touches_per_month_after": 4,
                  "trust_touches": 3, "conversion_per_touch": 0.05, "unsubscribe_per_touch": 0.01,
                  "interest_half_life_days": 20, "cost_per_touch": 0}},
      "offers": [{{"id": "entry", "name": "Entry", "price": 10, "unit_cost": 0, "refund_rate": 0.1}}],
      "fixed_costs_per_month": 0
    }}"#
    ))
    .unwrap()
}

#[test]
fn a_channel_that_starts_later_has_the_same_visitors_on_the_days_both_run() {
    // A different count on one day shifts no draw of another day: a channel
    // that starts on day 10 has, from day 10 on, the same visitors each day as
    // the same channel started on day 0 (its cost each day is its visitors).
    let (a, b) = (trials(ads_only(0)), trials(ads_only(10)));
    for (t, (a, b)) in a.iter().zip(&b).enumerate() {
        let day_cost = |o: &TrialOutcome, d: usize| {
            o.daily.cum_cost[d] - if d > 0 { o.daily.cum_cost[d - 1] } else { 0.0 }
        };
        for d in 0..90 {
            let (early, late) = (day_cost(a, d), day_cost(b, d));
            if d < 10 {
                assert_eq!(late, 0.0, "trial {t} day {d}: not started");
                assert!(early > 0.0, "trial {t} day {d}");
            } else {
                assert_eq!(early, late, "trial {t} day {d}: the same visitors");
            }
        }
        assert!(b.customers > 0, "trial {t}");
    }
}
