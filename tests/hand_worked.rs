//! A scenario whose probabilities are all 0 or 1 is deterministic given its
//! visitors: its money is worked out here by hand (`docs/model.md`, "Invariants").

use funnel_lab::engine::{Plan, RunOptions, TrialOutcome};
use funnel_lab::scenario::Scenario;

/// One channel for days 0..10 at 50 visitors a day (Poisson), $1 a visitor;
/// every visitor opts in (lead magnet $2, delivery $0.50), is touched on the day
/// it joins ($0.10) and buys the $10 entry offer (unit cost $3) with certainty;
/// every entry buyer takes the $100 core offer the same day (unit cost $20);
/// nobody takes the upsell. Fixed costs $1000 a month, horizon 45 days.
fn scenario(core_refund: f64) -> Scenario {
    Scenario::from_json(&format!(
        r#"{{
      "schema": 1, "name": "by hand", "currency": "USD", "horizon_days": 45,
      "channels": [{{"name": "ads", "start_day": 0, "end_day": 10, "visitors_per_day": 50,
                     "cost_per_visitor": 1, "optin_rate": 1}}],
      "lead_magnet": {{"price": 2, "delivery_cost": 0.5}},
      "nurture": {{"window_days": 30, "touches_per_week": 7, "touches_per_month_after": 0,
                  "trust_touches": 1, "conversion_per_touch": 1, "unsubscribe_per_touch": 0,
                  "interest_half_life_days": 10, "cost_per_touch": 0.1}},
      "offers": [
        {{"id": "entry", "name": "Entry", "price": 10, "unit_cost": 3, "refund_rate": 0}},
        {{"id": "core", "name": "Core", "offered_to": "entry", "take_rate": 1, "delay_days": 0,
          "price": 100, "unit_cost": 20, "refund_rate": {core_refund}}},
        {{"id": "upsell", "name": "Upsell", "offered_to": "core", "take_rate": {upsell_take}, "delay_days": 0,
          "price": 1000, "unit_cost": 1, "refund_rate": 0}}
      ],
      "fixed_costs_per_month": 1000
    }}"#,
        upsell_take = if core_refund > 0.0 { 1.0 } else { 0.0 }
    ))
    .unwrap()
}

fn trial(sc: Scenario, t: u64) -> TrialOutcome {
    Plan::new(sc.validate().unwrap(), RunOptions::new(1, 99))
        .unwrap()
        .trial(t)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn every_visitor_buys_on_arrival_and_the_money_adds_up() {
    for t in 0..5 {
        let o = trial(scenario(0.0), t);
        let v = o.visitors;
        let vf = v as f64;
        assert!(v > 300 && v < 700, "about 500 visitors, got {v}");
        assert_eq!(o.leads, v);
        assert_eq!(o.touches, v);
        assert_eq!(o.unsubscribes, 0);
        assert_eq!(o.customers, v);
        assert_eq!(o.offers[0].buyers, v);
        assert_eq!(o.offers[1].buyers, v);
        assert_eq!(o.offers[2].buyers, 0);
        // Money in: lead magnet 2 + entry 10 + core 100 per visitor.
        assert!(close(o.revenue(), 112.0 * vf));
        // Money out: ads 1 + delivery 0.5 + touch 0.1 + units 3 + 20 per visitor, fixed on days 0 and 30.
        assert!(
            close(o.cost(), 24.6 * vf + 2000.0),
            "cost {} for {v} visitors",
            o.cost()
        );
        assert!(close(o.profit(), 87.4 * vf - 2000.0));
        assert!(close(o.cac().unwrap(), 1.6));
        assert!(close(o.cltv().unwrap(), 112.0 - 23.0));
        assert!(close(o.epl().unwrap(), 112.0));
        assert!(close(
            o.roi().unwrap(),
            (87.4 * vf - 2000.0) / (24.6 * vf + 2000.0)
        ));

        // Day by day: revenue on day d is 112 × visitors(d); derive the visitors
        // per day from it and check cost, profit, payback and cash needed.
        let d = &o.daily;
        let mut cum_v = 0.0;
        let mut expected_payback = Some(0);
        let mut min_profit = 0.0f64;
        for day in 0..45 {
            let v_day =
                (d.cum_revenue[day] - if day > 0 { d.cum_revenue[day - 1] } else { 0.0 }) / 112.0;
            assert!(
                close(v_day, v_day.round()),
                "day {day}: {v_day} visitors is not whole"
            );
            if day >= 10 {
                assert_eq!(v_day, 0.0, "the channel stops on day 10");
            }
            cum_v += v_day;
            let fixed = if day >= 30 { 2000.0 } else { 1000.0 };
            assert!(close(d.cum_cost[day], 24.6 * cum_v + fixed), "day {day}");
            let profit = 87.4 * cum_v - fixed;
            assert!(close(d.cum_profit[day], profit), "day {day}");
            min_profit = min_profit.min(profit);
            if day > 0 && profit >= 0.0 && d.cum_profit[day - 1] < 0.0 {
                expected_payback = Some(day as u32);
            }
        }
        assert_eq!(cum_v, vf);
        if d.cum_profit[44] < 0.0 {
            expected_payback = None;
        }
        assert_eq!(o.payback_day(), expected_payback);
        assert!(close(o.cash_needed(), -min_profit));
        // 500 visitors × 87.4 ≫ 1000: profit turns positive within the first days,
        // dips below zero again on day 30 only if the margin so far is under 2000.
        assert!(o.payback_day().is_some());
        // Per channel: everything but fixed costs belongs to the one channel.
        let c = &o.channels[0];
        assert_eq!(c.visitors, v);
        assert_eq!(c.customers, v);
        assert!(close(c.spend, vf));
        assert!(close(c.revenue, 112.0 * vf));
        assert!(close(c.cost, 24.6 * vf));
        assert_eq!(o.channels[1].leads, 0, "no referral leads");
    }
}

#[test]
fn refunded_buyers_pay_nothing_keep_the_unit_cost_and_get_no_follow_ups() {
    // The core offer is always refunded and the upsell (take rate 1) follows it:
    // refunded buyers are not buyers for anything that follows, so nobody gets it.
    let o = trial(scenario(1.0), 3);
    let vf = o.visitors as f64;
    assert_eq!(o.offers[1].buyers, o.visitors);
    assert_eq!(o.offers[1].refunds, o.visitors);
    assert_eq!(o.offers[1].revenue, 0.0);
    assert_eq!(o.offers[2].buyers, 0);
    assert!(close(o.money.refunds, 100.0 * vf));
    assert!(close(o.revenue(), 12.0 * vf));
    assert!(close(o.cost(), 24.6 * vf + 2000.0));
    assert_eq!(
        o.customers, o.visitors,
        "the entry purchase was kept, so they are customers"
    );
}

#[test]
fn front_end_roas_counts_what_paid_leads_pay_inside_the_window_over_ad_spend() {
    // Everyone buys the entry and the core offer on the opt-in day: the front
    // end is the lead magnet $2 + entry $10 + core $100 per visitor at $1 of ads.
    for t in 0..3 {
        let o = trial(scenario(0.0), t);
        let vf = o.visitors as f64;
        assert!(close(o.front_end_revenue, 112.0 * vf));
        assert!(close(o.front_end_roas().unwrap(), 112.0));
    }
    // Refunds are subtracted: the core offer is always refunded (and the upsell
    // that follows it is never bought).
    let o = trial(scenario(1.0), 1);
    assert!(close(o.front_end_roas().unwrap(), 12.0));

    // Touches only after the window (the first at age window_days = 5): every
    // purchase is made 5 days or more after opt-in (by those still warm),
    // outside the window; the front end is the lead magnet alone.
    let mut sc = scenario(0.0);
    sc.nurture.window_days = 5;
    sc.nurture.touches_per_week = 0.0;
    sc.nurture.touches_per_month_after = 1.0;
    let o = trial(sc, 2);
    assert!(o.customers > o.visitors / 2, "most buy, at age 5");
    assert!(close(
        o.revenue(),
        2.0 * o.visitors as f64 + 110.0 * o.customers as f64
    ));
    assert!(close(o.front_end_roas().unwrap(), 2.0));
    // Without ad spend there is no ROAS.
    let mut free = scenario(0.0);
    free.channels[0].cost_per_visitor = funnel_lab::scenario::Uncertain::Fixed(0.0);
    let o = trial(free, 0);
    assert!(o.front_end_revenue > 0.0);
    assert_eq!(o.front_end_roas(), None);
}
