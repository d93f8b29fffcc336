//! The price sweep and goal seek against the exact expectation
//! (tests/support/expected.rs, the recursion of tests/expectation.rs) on
//! scenarios without uncertainty, where it is exact.
//!
//! - At every price, the sweep's mean profit lies within 4 standard errors of
//!   the exact expected profit with the price response applied.
//! - The sweep's best price is where the exact curve peaks, within a grid step.
//! - Goal seek at chance 0.5 finds the exact break-even value within its
//!   bracket (±2 SE of the chance) widened to the tests' 4 SE.

// The check is written `!(x <= bound)` on purpose: a NaN mean fails it.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use funnel_lab::engine::PriceTarget;
use funnel_lab::pricing::{self, Direction, Goal, SeekError, Sweep, SweepError};
use funnel_lab::scenario::{Scenario, Uncertain};

#[path = "support/expected.rs"]
mod expected;
use expected::expected;

/// Standard errors allowed between a simulated mean and the exact value.
const TOLERANCE_SE: f64 = 4.0;

/// A three-step ladder, every value fixed, whose tripwire (observed at 7 with
/// a halving step of 15) sells a little core, so that its expected profit
/// peaks inside the swept range; the core reacts to its own price too.
const LADDER: &str = r#"{
    "schema": 1, "name": "priced ladder", "currency": "USD", "horizon_days": 150,
    "channels": [
        {"name": "Search ads", "start_day": 0, "end_day": 60,
         "visitors_per_day": 400, "cost_per_visitor": 0.5, "optin_rate": 0.3}
    ],
    "lead_magnet": {"price": 0, "delivery_cost": 0.05},
    "nurture": {"window_days": 30, "touches_per_week": 3, "touches_per_month_after": 4,
                "trust_touches": 5, "conversion_per_touch": 0.03,
                "unsubscribe_per_touch": 0.01, "interest_half_life_days": 21,
                "cost_per_touch": 0.02},
    "offers": [
        {"id": "tw", "name": "Mini-course", "price": 7, "unit_cost": 0.5, "refund_rate": 0.02,
         "price_halving_step": 15, "price_reference": 7},
        {"id": "core", "name": "Course", "offered_to": "tw", "take_rate": 0.02,
         "delay_days": 10, "price": 297, "unit_cost": 20, "refund_rate": 0.05,
         "price_halving_step": 150, "price_reference": 297},
        {"id": "upsell", "name": "Coaching", "offered_to": "core", "take_rate": 0.1,
         "delay_days": 20, "price": 997, "unit_cost": 150, "refund_rate": 0.03}
    ],
    "fixed_costs_per_month": 1000
}"#;

fn ladder() -> Scenario {
    Scenario::from_json(LADDER).expect("test scenario parses")
}

/// The exact expected profit with the tripwire sold at `price`.
fn exact_profit_at(sc: &Scenario, price: f64) -> f64 {
    let mut s = sc.clone();
    s.offers[0].price = Uncertain::Fixed(price);
    expected(&s).profit()
}

#[test]
fn the_grid_is_exactly_a_plus_b_minus_a_times_i_over_n_minus_1() {
    let (a, b, n) = (0.3, 17.9, 21);
    let g = pricing::grid(a, b, n).unwrap();
    assert_eq!(g.len(), n);
    for (i, p) in g.iter().enumerate() {
        assert_eq!(p.to_bits(), (a + (b - a) * i as f64 / 20.0).to_bits());
    }
    assert_eq!((g[0], g[n - 1]), (a, b));
    assert_eq!(pricing::grid(1.0, 2.0, 1), Err(SweepError::Steps(1)));
    for (from, to) in [
        (2.0, 2.0),
        (3.0, 1.0),
        (-1.0, 5.0),
        (f64::NAN, 5.0),
        (0.0, 2e12),
    ] {
        assert!(
            matches!(pricing::grid(from, to, 5), Err(SweepError::Range { .. })),
            "{from} to {to}"
        );
    }
}

#[test]
fn the_target_is_the_lead_magnet_or_an_offer_id() {
    let v = ladder().validate().unwrap();
    assert_eq!(
        pricing::target_named(&v, "lead_magnet"),
        Ok(PriceTarget::LeadMagnet)
    );
    assert_eq!(pricing::target_named(&v, "core"), Ok(PriceTarget::Offer(1)));
    let e = pricing::target_named(&v, "Course").unwrap_err();
    assert!(e.to_string().contains("\"Course\""), "{e}");
}

/// The sweep's mean profit at every price against the exact expectation, the
/// best price against the exact curve's peak, and the two marks' ranges.
#[test]
fn sweep_means_agree_with_the_exact_expectation_and_the_best_price_with_its_peak() {
    let sc = ladder();
    let v = sc.clone().validate().unwrap();
    let (from, to, steps, trials) = (1.0, 41.0, 21, 2_000);
    let step = (to - from) / (steps - 1) as f64;
    let prices = pricing::grid(from, to, steps).unwrap();
    let sweep = Sweep::run(&v, PriceTarget::Offer(0), &prices, trials, 5).unwrap();
    assert_eq!(sweep.points().len(), steps);

    let mut failures = Vec::new();
    for p in sweep.points() {
        let exact = exact_profit_at(&sc, p.price);
        let mean = p.profit.mean.unwrap();
        let se = p.profit.sd.unwrap() / (trials as f64).sqrt();
        println!(
            "{:>6.2} exact {exact:>12.2} mean {mean:>12.2} SE {se:>9.2}",
            p.price
        );
        if !((mean - exact).abs() <= TOLERANCE_SE * se) {
            failures.push(format!(
                "at {}: exact {exact}, mean {mean}, SE {se}",
                p.price
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The exact curve's peak on a fine grid (0.01).
    let peak = (0..=4000)
        .map(|i| from + (to - from) * f64::from(i) / 4000.0)
        .max_by(|a, b| exact_profit_at(&sc, *a).total_cmp(&exact_profit_at(&sc, *b)))
        .unwrap();
    assert!(
        peak > from + step && peak < to - step,
        "an inner peak: {peak}"
    );
    let best = sweep.best_mean().unwrap();
    println!("exact peak {peak}, best {best:?}");
    assert!(
        (best.price - peak).abs() <= step,
        "best {best:?}, peak {peak}"
    );
    assert!(best.near[0] <= best.price && best.price <= best.near[1]);
    // Not everything is "as good as the best": the curve falls away from it.
    assert!(best.near[0] > from && best.near[1] < to, "{best:?}");

    // The safe price's 5th percentile is the highest of the points'.
    let safe = sweep.best_p5().unwrap();
    for p in sweep.points() {
        assert!(p.profit.p5.unwrap() <= safe.value);
    }
    // Refinement: midpoints next to the marks, none already run.
    let more = sweep.refinement();
    assert!(!more.is_empty());
    for m in &more {
        assert!((m - best.price).abs() <= step / 2.0 || (m - safe.price).abs() <= step / 2.0);
        assert!(!prices.contains(m));
    }
}

/// A later price's knock-on: the core's and the upsell's buyers fall with the
/// tripwire's price by its demand factor, as the exact recursion says.
#[test]
fn later_offers_follow_the_entry_price() {
    let sc = ladder();
    let v = sc.clone().validate().unwrap();
    let trials = 1_000;
    let sweep = Sweep::run(&v, PriceTarget::Offer(0), &[7.0, 22.0], trials, 3).unwrap();
    let [cheap, dear] = sweep.points() else {
        panic!("two points")
    };
    for i in 0..3 {
        assert!(dear.buyers[i] < cheap.buyers[i], "offer {i}");
    }
    // The ROAS column: the front end earns more per ad dollar at the dearer
    // tripwire here (fewer buyers, but 22 − 0.5 each instead of 7 − 0.5).
    // Ads are nearly fixed (a Poisson count of 24,000 visitors), so the mean of
    // the per-trial ratio is the ratio of the exact means well within its SE.
    let roas = |p: &funnel_lab::pricing::SweepPoint| {
        let r = &p.front_end_roas;
        (r.mean.unwrap(), r.sd.unwrap() / (trials as f64).sqrt())
    };
    let exact_roas = |price: f64| {
        let mut s = sc.clone();
        s.offers[0].price = Uncertain::Fixed(price);
        let e = expected(&s);
        e.front_end_revenue / e.ads
    };
    for (p, price) in [(cheap, 7.0), (dear, 22.0)] {
        let ((m, se), x) = (roas(p), exact_roas(price));
        assert!(
            (m - x).abs() <= TOLERANCE_SE * se,
            "ROAS at {price}: {m} vs exact {x}, SE {se}"
        );
    }
    let ratio = dear.buyers[0] / cheap.buyers[0];
    // Nurture purchases are not linear in the rate (the warm pool shrinks by
    // them), so compare with the exact recursion rather than the factor 1/2.
    let buyers = |p: f64| {
        let mut s = sc.clone();
        s.offers[0].price = Uncertain::Fixed(p);
        expected(&s).buyers[0]
    };
    let exact = buyers(22.0) / buyers(7.0);
    assert!((ratio - exact).abs() < 0.02, "{ratio} vs {exact}");
}

/// The exact break-even cost per visitor for profit `target` by the end of
/// day `by_day`: profit is linear in it.
fn exact_break_even(sc: &Scenario, by_day: u32, target: f64) -> f64 {
    let at = |cpv: f64| {
        let mut s = sc.clone();
        s.channels[0].cost_per_visitor = Uncertain::Fixed(cpv);
        expected(&s).cum_profit[by_day as usize - 1]
    };
    let (p0, p1) = (at(0.0), at(1.0));
    (p0 - target) / (p0 - p1)
}

/// A ladder of two offers sold in volume, so that profit is close to
/// symmetric and its median close to its mean: goal seek at chance 0.5 finds
/// where the *median* profit meets the goal, the exact recursion where the
/// mean does (with a large upsell sold to a few, the two differ by more than
/// the Monte Carlo bracket).
const VOLUME: &str = r#"{
    "schema": 1, "name": "volume", "currency": "USD", "horizon_days": 120,
    "channels": [
        {"name": "Search ads", "start_day": 0, "end_day": 70,
         "visitors_per_day": 1500, "cost_per_visitor": 0.5, "optin_rate": 0.3}
    ],
    "lead_magnet": {"price": 0, "delivery_cost": 0.05},
    "nurture": {"window_days": 30, "touches_per_week": 3, "touches_per_month_after": 4,
                "trust_touches": 5, "conversion_per_touch": 0.03,
                "unsubscribe_per_touch": 0.01, "interest_half_life_days": 21,
                "cost_per_touch": 0.02},
    "offers": [
        {"id": "tw", "name": "Mini-course", "price": 12, "unit_cost": 0.5, "refund_rate": 0.02},
        {"id": "core", "name": "Course", "offered_to": "tw", "take_rate": 0.1,
         "delay_days": 10, "price": 97, "unit_cost": 10, "refund_rate": 0.05}
    ],
    "fixed_costs_per_month": 1000
}"#;

#[test]
fn seek_at_half_chance_brackets_the_exact_break_even() {
    let sc = Scenario::from_json(VOLUME).unwrap();
    let path = "channels[0].cost_per_visitor";
    for (by_day, target, trials) in [(120, 0.0, 1_000), (80, 5_000.0, 600)] {
        let goal = Goal {
            profit_at_least: target,
            by_day,
            chance: 0.5,
        };
        let answer = pricing::seek(&sc, path, goal, trials, 9).unwrap();
        let exact = exact_break_even(&sc, by_day, target);
        println!("day {by_day}, at least {target}: exact {exact}, {answer:?}");
        assert_eq!(answer.path, path);
        let [lo, hi] = answer.bracket;
        assert!(lo <= answer.value && answer.value <= hi);
        // The bracket spans the chance's ±2 SE; the tests' tolerance is 4 SE:
        // the bracket widened by its own half-width on each side.
        let half = 0.5 * (hi - lo);
        assert!(
            lo - half <= exact && exact <= hi + half,
            "{exact} not in {lo} ..= {hi} widened to 4 SE"
        );
        // A bracket that says something: within 2% of the value.
        assert!(hi - lo < 0.02 * exact, "{lo} ..= {hi}");
        assert!(answer.chance_at_value >= 0.5);
    }
}

#[test]
fn seek_says_when_no_value_reaches_the_chance_and_which_way_it_lies() {
    let sc = ladder();
    let goal = Goal {
        profit_at_least: 1e9,
        by_day: 150,
        chance: 0.9,
    };
    let e = pricing::seek(&sc, "channels[0].cost_per_visitor", goal, 200, 1).unwrap_err();
    match &e {
        SeekError::Unreachable { direction, at, .. } => {
            assert_eq!(*direction, Direction::Lower);
            assert_eq!(*at, 0.0);
        }
        other => panic!("{other:?}"),
    }
    let text = e.to_string();
    assert!(
        text.contains("channels[0].cost_per_visitor") && text.contains("lower"),
        "{text}"
    );

    // A rate: more conversion helps, so the goal lies higher.
    let e = pricing::seek(&sc, "nurture.conversion_per_touch", goal, 200, 1).unwrap_err();
    assert!(
        matches!(
            e,
            SeekError::Unreachable {
                direction: Direction::Higher,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn seek_refuses_what_it_cannot_vary_and_bad_goals() {
    let sc = ladder();
    let goal = Goal {
        profit_at_least: 0.0,
        by_day: 150,
        chance: 0.9,
    };
    let seek = |path: &str, goal: Goal| pricing::seek(&sc, path, goal, 100, 1).unwrap_err();
    let field = |p: &str| funnel_lab::inputs::Field::parse(p).unwrap();
    assert!(pricing::can_seek(field("channels[0].cost_per_visitor")));
    assert!(pricing::can_seek(field("offers[1].take_rate")));
    assert!(!pricing::can_seek(field("channels[0].start_day")));
    // A range open at 0 (a half-life of 0 days is refused) is searched from
    // just above it: the answer, not a validation error.
    let half_life = Goal {
        chance: 0.5,
        ..goal
    };
    let a = pricing::seek(&sc, "nurture.interest_half_life_days", half_life, 100, 1).unwrap();
    assert!(a.value > 0.0 && a.chance_at_value >= 0.5, "{a:?}");
    assert!(matches!(
        seek("channels[3].optin_rate", goal),
        SeekError::NoSuchField(_)
    ));
    assert!(matches!(
        seek("channels[0].start_day", goal),
        SeekError::NotSeekable(_)
    ));
    assert!(matches!(seek("name", goal), SeekError::NotSeekable(_)));
    for chance in [0.0, 1.5, f64::NAN] {
        let g = Goal { chance, ..goal };
        assert!(matches!(
            seek("channels[0].optin_rate", g),
            SeekError::Chance(_)
        ));
    }
    for by_day in [0, 151] {
        let g = Goal { by_day, ..goal };
        let e = seek("channels[0].optin_rate", g);
        assert!(matches!(e, SeekError::Day { horizon: 150, .. }), "{e:?}");
    }
}

/// Applying a swept price gives the scenario the sweep ran at that price: the
/// same profits trial by trial, with or without a reference price.
#[test]
fn applying_a_price_runs_as_the_sweep_did_there() {
    let mut sc = ladder();
    // Without a reference, the sweep's factor is against the scenario's price.
    sc.offers[1].price_reference = None;
    let v = sc.clone().validate().unwrap();
    for (target, price) in [
        (PriceTarget::Offer(1), 350.0),
        (PriceTarget::Offer(0), 12.5),
    ] {
        let point = pricing::SweepPoint::run(&v, target, price, 200, 4).unwrap();
        let mut applied = sc.clone();
        assert!(pricing::apply_price(&mut applied, target, price));
        let run = funnel_lab::engine::Plan::new(
            applied.validate().unwrap(),
            funnel_lab::engine::RunOptions::new(200, 4),
        )
        .unwrap();
        let batch = funnel_lab::stats::Batch::run(&run, 0, 200);
        let profits: Vec<f64> = batch
            .metric(funnel_lab::metrics::Metric::Profit)
            .iter()
            .flatten()
            .copied()
            .collect();
        assert_eq!(profits, point.profits(), "{target:?} at {price}");
    }
    assert_eq!(sc.offers[1].price_reference, None);
    let mut applied = sc.clone();
    pricing::apply_price(&mut applied, PriceTarget::Offer(1), 350.0);
    assert_eq!(applied.offers[1].price_reference, Some(297.0));
    assert!(!pricing::apply_price(
        &mut applied,
        PriceTarget::Offer(7),
        1.0
    ));
}
