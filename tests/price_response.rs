//! The price response (`docs/model.md`, "Price response"): the halving step from
//! two test prices, the reference price in the engine, and files without one.

use funnel_lab::engine::{price_factor, Plan, PriceOverride, PriceTarget, RunOptions};
use funnel_lab::presets;
use funnel_lab::price_response::{
    halving_step_from_tests, trigamma, PriceTest, StepError, StepSpread,
};
use funnel_lab::quantile::beta_quantile;
use funnel_lab::sampling::{StreamKey, TrialRng};
use funnel_lab::scenario::{Scenario, Uncertain};

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

#[test]
fn trigamma_matches_known_values() {
    // mpmath.psi(1, x) at 30 digits.
    for (x, want) in [
        (1.0, 1.644_934_066_848_226_4),
        (2.0, 0.644_934_066_848_226_4),
        (3.5, 0.330_357_756_100_234_9),
        (10.0, 0.105_166_335_681_685_75),
        (57.0, 0.017_698_653_061_451_32),
        (1e6, 1.000_000_500_000_166_7e-6),
    ] {
        let got = trigamma(x);
        assert!(close(got, want, 1e-14), "ψ₁({x}) = {got}, want {want}");
    }
}

#[test]
fn the_curve_through_two_tests_reproduces_both_points() {
    for (a, b) in [
        (
            PriceTest::new(7.0, 120.0, 1000.0),
            PriceTest::new(17.0, 70.0, 1000.0),
        ),
        (
            PriceTest::new(49.0, 3.0, 400.0),
            PriceTest::new(0.0, 388.0, 400.0),
        ),
        (
            PriceTest::new(100.0, 1.0, 1e6),
            PriceTest::new(100.5, 1.0, 2e6),
        ),
    ] {
        let s = halving_step_from_tests(a, b, StepSpread::Fixed)
            .unwrap()
            .as_fixed()
            .unwrap();
        assert!(s > 0.0);
        // From either point as the reference, the curve meets the other.
        assert!(close(
            a.rate() * price_factor(b.price, a.price, Some(s)),
            b.rate(),
            1e-12
        ));
        assert!(close(
            b.rate() * price_factor(a.price, b.price, Some(s)),
            a.rate(),
            1e-12
        ));
        // The order of the tests does not matter.
        assert_eq!(
            halving_step_from_tests(b, a, StepSpread::Fixed).unwrap(),
            Uncertain::Fixed(s)
        );
    }
}

/// The engine with a reference price and the derived step sells at the second
/// test price exactly the second test's rate (opt-in, entry and follow-up).
#[test]
fn the_engine_reproduces_the_second_test() {
    let (a, b) = (
        PriceTest::new(7.0, 90.0, 1000.0),
        PriceTest::new(12.0, 60.0, 1000.0),
    );
    let s = halving_step_from_tests(a, b, StepSpread::Fixed).unwrap();
    let mut sc = presets::example();
    sc.lead_magnet.price = Uncertain::Fixed(b.price);
    sc.lead_magnet.price_reference = Some(a.price);
    sc.lead_magnet.price_halving_step = Some(s.clone());
    sc.channels[0].optin_rate = Uncertain::Fixed(a.rate());
    sc.nurture.conversion_per_touch = Uncertain::Fixed(a.rate());
    sc.offers[0].price = Uncertain::Fixed(b.price);
    sc.offers[0].price_reference = Some(a.price);
    sc.offers[0].price_halving_step = Some(s.clone());
    sc.offers[1].take_rate = Some(Uncertain::Fixed(a.rate()));
    sc.offers[1].price = Uncertain::Fixed(b.price);
    sc.offers[1].price_reference = Some(a.price);
    sc.offers[1].price_halving_step = Some(s);
    let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(3, 4)).unwrap();
    let p = plan.params(1);
    assert!(
        close(p.optin_rate[0], b.rate(), 1e-12),
        "{}",
        p.optin_rate[0]
    );
    assert!(close(p.conversion_per_touch, b.rate(), 1e-12));
    assert!(close(p.take_rate[1], b.rate(), 1e-12));
    // At the reference price the demand is the one entered, exactly.
    let mut options = RunOptions::new(3, 4);
    options.price = Some(PriceOverride {
        target: PriceTarget::Offer(1),
        price: a.price,
    });
    let p = Plan::new(sc.validate().unwrap(), options)
        .unwrap()
        .params(1);
    assert_eq!(p.take_rate[1], a.rate());
    assert_eq!(p.price[1], a.price);
}

/// Each rate's uncertainty (Beta(k + 1, n − k + 1), as an observed rate) carried
/// into the step by simulation gives the same 90% range within a few percent.
#[test]
fn the_90_percent_range_matches_the_rates_uncertainty() {
    let (a, b) = (
        PriceTest::new(10.0, 200.0, 2000.0),
        PriceTest::new(20.0, 120.0, 2000.0),
    );
    let Uncertain::Range { low, high } =
        halving_step_from_tests(a, b, StepSpread::Range90).unwrap()
    else {
        panic!("a range")
    };
    let fixed = halving_step_from_tests(a, b, StepSpread::Fixed)
        .unwrap()
        .as_fixed()
        .unwrap();
    assert!(low < fixed && fixed < high, "{low} < {fixed} < {high}");
    let draws = 40_000;
    let mut steps: Vec<f64> = (0..draws)
        .map(|t| {
            let mut r = TrialRng::for_key(9, t, StreamKey::new("test").with("price-test"));
            let c = |p: &PriceTest, u: f64| {
                beta_quantile(u, 1.0 - u, p.bought + 1.0, p.offered - p.bought + 1.0)
            };
            let (ca, cb) = (c(&a, r.uniform()), c(&b, r.uniform()));
            (b.price - a.price) / libm::log2(ca / cb)
        })
        .collect();
    steps.sort_by(f64::total_cmp);
    let (p5, p95) = (steps[draws as usize / 20], steps[draws as usize * 19 / 20]);
    assert!(close(low, p5, 0.03), "P5 {low} against simulated {p5}");
    assert!(close(high, p95, 0.03), "P95 {high} against simulated {p95}");
    // Ten times the people: a narrower range around the same step.
    let ten = |p: PriceTest| PriceTest::new(p.price, p.bought * 10.0, p.offered * 10.0);
    let Uncertain::Range {
        low: l10,
        high: h10,
    } = halving_step_from_tests(ten(a), ten(b), StepSpread::Range90).unwrap()
    else {
        panic!("a range")
    };
    assert!(low < l10 && l10 < fixed && fixed < h10 && h10 < high);
}

#[test]
fn tests_that_cannot_give_a_step_say_why() {
    let ok = PriceTest::new(7.0, 50.0, 500.0);
    let cases = [
        (
            PriceTest::new(f64::NAN, 5.0, 50.0),
            ok,
            StepError::BadPrice { test: 1 },
        ),
        (
            ok,
            PriceTest::new(-1.0, 5.0, 50.0),
            StepError::BadPrice { test: 2 },
        ),
        (
            ok,
            PriceTest::new(9.0, 51.0, 50.0),
            StepError::BadCounts { test: 2 },
        ),
        (
            PriceTest::new(9.0, 2.5, 50.0),
            ok,
            StepError::BadCounts { test: 1 },
        ),
        (
            ok,
            PriceTest::new(9.0, 0.0, 0.0),
            StepError::BadCounts { test: 2 },
        ),
        (
            ok,
            PriceTest::new(9.0, 0.0, 50.0),
            StepError::NoBuyers { test: 2 },
        ),
        (ok, PriceTest::new(7.0, 20.0, 500.0), StepError::SamePrice),
        (ok, PriceTest::new(9.0, 5.0, 50.0), StepError::SameRate),
        (
            ok,
            PriceTest::new(9.0, 60.0, 500.0),
            StepError::RisesWithPrice,
        ),
        (
            PriceTest::new(1e12, 60.0, 500.0),
            ok,
            StepError::RisesWithPrice,
        ),
    ];
    for (a, b, want) in cases {
        for spread in [StepSpread::Fixed, StepSpread::Range90] {
            assert_eq!(
                halving_step_from_tests(a, b, spread),
                Err(want),
                "{a:?} {b:?}"
            );
        }
    }
    // A fixed step from small tests, but no 90% range that excludes a flat demand.
    let (a, b) = (
        PriceTest::new(7.0, 6.0, 50.0),
        PriceTest::new(9.0, 5.0, 50.0),
    );
    assert!(halving_step_from_tests(a, b, StepSpread::Fixed).is_ok());
    let e = halving_step_from_tests(a, b, StepSpread::Range90).unwrap_err();
    assert_eq!(e, StepError::TooUncertain);
    // Messages a user can read, naming the test.
    assert!(StepError::NoBuyers { test: 2 }
        .to_string()
        .contains("test 2: nobody bought"));
    assert!(StepError::RisesWithPrice
        .to_string()
        .contains("higher price"));
}

/// Files without `price_reference` read, run and write as before: the reference
/// is the drawn price, so an ordinary run's factor is exactly 1, and the field
/// is not written.
#[test]
fn without_a_reference_nothing_changes() {
    let json = presets::by_id("tripwire-ladder").unwrap().json;
    let mut sc = Scenario::from_json(json).unwrap();
    for o in &mut sc.offers {
        o.price_reference = None;
    }
    let text = sc.to_json_pretty();
    assert!(!text.contains("price_reference"));
    // A plain-number halving step is still written as a plain number.
    assert!(text.contains("\"price_halving_step\": 15"), "{text}");
    let run = |sc: &Scenario| {
        let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(40, 3)).unwrap();
        serde_json::to_string(&funnel_lab::stats::run(&plan)).unwrap()
    };
    let without = run(&sc);
    // The reference at the (fixed) price itself: bit for bit the same results.
    let mut with = sc.clone();
    for o in &mut with.offers {
        o.price_reference = o.price.as_fixed();
    }
    assert_eq!(run(&with), without);
    // Moving the reference moves demand.
    with.offers[0].price_reference = Some(3.0);
    assert_ne!(run(&with), without);
}
