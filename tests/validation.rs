//! Validation and parse errors: every kind of bad input is refused with the
//! exact path of its field and a plain message (`docs/model.md`, "Uncertain
//! values" and "The scenario file").
//!
//! Each test starts from the bundled example (which is valid), breaks one
//! thing, and checks the path, the `path: message` display and the key words
//! of the message.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::scenario::{ParseError, Scenario, Uncertain};
use funnel_lab::stats;
use funnel_lab::validate::{FieldError, Problem, MAX_AMOUNT};
use std::time::Instant;

/// A change made to the example before validating it.
type Edit = Box<dyn Fn(&mut Scenario)>;

fn ex() -> Scenario {
    presets::example()
}

/// Words that show a message was built from debug output, not written for people.
const NOT_PLAIN: &[&str] = &[
    "Some(",
    "None",
    "NaN",
    "Problem",
    "Uncertain",
    "f64",
    "u32",
    "Err(",
    "Ok(",
    "panicked",
    "\n",
];

fn assert_plain(msg: &str) {
    assert!(!msg.trim().is_empty(), "empty message");
    for bad in NOT_PLAIN {
        assert!(
            !msg.contains(bad),
            "message {msg:?} is not plain: contains {bad:?}"
        );
    }
}

fn assert_has(msg: &str, words: &[&str]) {
    for w in words {
        assert!(msg.contains(w), "message {msg:?} should contain {w:?}");
    }
}

/// All problems of an invalid scenario; `check` and `validate` must agree.
fn errors(sc: &Scenario) -> Vec<FieldError> {
    let checked = sc.check().expect_err("the scenario should be invalid");
    let validated = sc
        .clone()
        .validate()
        .expect_err("validate should agree with check");
    assert_eq!(checked, validated, "check and validate disagree");
    for e in checked.errors() {
        let msg = e.problem.to_string();
        assert_eq!(e.to_string(), format!("{}: {msg}", e.path));
        assert_plain(&msg);
    }
    checked.0
}

/// The scenario has exactly one problem, at `path`; returns its message
/// (without the path) after checking it contains every word of `words`.
fn only(sc: &Scenario, path: &str, words: &[&str]) -> String {
    let errs = errors(sc);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec![path], "problems: {errs:?}");
    let msg = errs[0].problem.to_string();
    assert_has(&msg, words);
    msg
}

/// The problems at `path` (there must be at least one).
fn at(sc: &Scenario, path: &str) -> Vec<FieldError> {
    let errs = errors(sc);
    let here: Vec<FieldError> = errs.iter().filter(|e| e.path == path).cloned().collect();
    assert!(!here.is_empty(), "no problem at {path}; problems: {errs:?}");
    here
}

#[test]
fn example_is_valid() {
    ex().check().expect("the example validates");
    ex().validate().expect("the example validates");
}

// ---------------------------------------------------------------- negative

#[test]
fn negative_amount() {
    let mut sc = ex();
    sc.channels[0].cost_per_visitor = Uncertain::Fixed(-1.0);
    let m = only(
        &sc,
        "channels[0].cost_per_visitor",
        &["must not be negative", "-1"],
    );
    assert_eq!(m, "must not be negative (got -1)");
}

#[test]
fn negative_rate() {
    let mut sc = ex();
    sc.offers[0].refund_rate = Uncertain::Fixed(-0.05);
    only(
        &sc,
        "offers[0].refund_rate",
        &["must not be negative", "-0.05"],
    );
}

#[test]
fn negative_inside_uniform_and_triangular() {
    let mut sc = ex();
    sc.fixed_costs_per_month = Uncertain::Uniform {
        low: -10.0,
        high: 5.0,
    };
    only(
        &sc,
        "fixed_costs_per_month",
        &["must not be negative", "-10"],
    );
    let mut sc = ex();
    sc.lead_magnet.delivery_cost = Uncertain::Triangular {
        low: 0.0,
        mode: 1.0,
        high: -2.0,
    };
    only(
        &sc,
        "lead_magnet.delivery_cost",
        &["must not be negative", "-2"],
    );
}

#[test]
fn negative_delay_days() {
    let mut sc = ex();
    sc.offers[1].delay_days = Some(-3.0);
    only(&sc, "offers[1].delay_days", &["0 to 36500", "-3"]);
    let mut sc = ex();
    sc.subscription.as_mut().unwrap().delay_days = -1.0;
    only(&sc, "subscription.delay_days", &["0 to 36500", "-1"]);
}

// ---------------------------------------------------------------- NaN and infinity

#[test]
fn nan_in_uncertain_values() {
    let mut sc = ex();
    sc.channels[0].optin_rate = Uncertain::Fixed(f64::NAN);
    only(&sc, "channels[0].optin_rate", &["must be a number"]);

    let mut sc = ex();
    sc.nurture.cost_per_touch = Uncertain::Range {
        low: f64::NAN,
        high: 1.0,
    };
    only(&sc, "nurture.cost_per_touch", &["must be a number"]);

    let mut sc = ex();
    sc.offers[2].price = Uncertain::Triangular {
        low: 1.0,
        mode: f64::NAN,
        high: 3.0,
    };
    only(&sc, "offers[2].price", &["must be a number"]);

    let mut sc = ex();
    sc.nurture.conversion_per_touch = Uncertain::Observed {
        successes: f64::NAN,
        trials: 10.0,
    };
    only(&sc, "nurture.conversion_per_touch", &["whole numbers"]);
}

#[test]
fn nan_in_plain_numbers() {
    let cases: Vec<(&str, Edit)> = vec![
        (
            "nurture.trust_touches",
            Box::new(|s| s.nurture.trust_touches = f64::NAN),
        ),
        (
            "nurture.touches_per_week",
            Box::new(|s| s.nurture.touches_per_week = f64::NAN),
        ),
        (
            "nurture.interest_half_life_days",
            Box::new(|s| s.nurture.interest_half_life_days = f64::NAN),
        ),
        (
            "offers[1].delay_days",
            Box::new(|s| s.offers[1].delay_days = Some(f64::NAN)),
        ),
        (
            "offers[0].price_halving_step",
            Box::new(|s| s.offers[0].price_halving_step = Some(Uncertain::Fixed(f64::NAN))),
        ),
        (
            "repeat.rate_shape",
            Box::new(|s| s.repeat.as_mut().unwrap().rate_shape = f64::NAN),
        ),
        (
            "subscription.churn_concentration",
            Box::new(|s| s.subscription.as_mut().unwrap().churn_concentration = f64::NAN),
        ),
        (
            "referrals.referred_conversion_multiplier",
            Box::new(|s| s.referrals.as_mut().unwrap().referred_conversion_multiplier = f64::NAN),
        ),
    ];
    for (path, set) in cases {
        let mut sc = ex();
        set(&mut sc);
        only(&sc, path, &["must be a number"]);
    }
}

#[test]
fn infinite_numbers() {
    let mut sc = ex();
    sc.channels[0].visitors_per_day = Uncertain::Fixed(f64::INFINITY);
    only(
        &sc,
        "channels[0].visitors_per_day",
        &["must be a number", "infinite"],
    );

    let mut sc = ex();
    sc.fixed_costs_per_month = Uncertain::Fixed(f64::NEG_INFINITY);
    only(
        &sc,
        "fixed_costs_per_month",
        &["must be a number", "infinite"],
    );

    let mut sc = ex();
    sc.channels[0].cost_per_visitor = Uncertain::Range {
        low: 0.4,
        high: f64::INFINITY,
    };
    only(&sc, "channels[0].cost_per_visitor", &["must be a number"]);

    let mut sc = ex();
    sc.subscription.as_mut().unwrap().monthly_price = Uncertain::Uniform {
        low: 1.0,
        high: f64::INFINITY,
    };
    only(&sc, "subscription.monthly_price", &["must be a number"]);

    let mut sc = ex();
    sc.nurture.interest_half_life_days = f64::INFINITY;
    only(
        &sc,
        "nurture.interest_half_life_days",
        &["must be a number"],
    );

    let mut sc = ex();
    sc.nurture.conversion_per_touch = Uncertain::Observed {
        successes: 1.0,
        trials: f64::INFINITY,
    };
    only(&sc, "nurture.conversion_per_touch", &["whole numbers"]);
}

// ---------------------------------------------------------------- rates outside [0, 1]

#[test]
fn rate_above_one() {
    let mut sc = ex();
    sc.offers[2].refund_rate = Uncertain::Fixed(1.5);
    let m = only(&sc, "offers[2].refund_rate", &["rate", "at most 1", "1.5"]);
    // A percentage written as a whole number is the usual mistake.
    assert!(m.contains("0.05"), "hint about writing 5% as 0.05: {m}");

    let mut sc = ex();
    sc.offers[2].take_rate = Some(Uncertain::Fixed(10.0));
    only(&sc, "offers[2].take_rate", &["at most 1", "10"]);

    let mut sc = ex();
    sc.subscription.as_mut().unwrap().monthly_churn = Uncertain::Uniform {
        low: 0.05,
        high: 1.2,
    };
    only(&sc, "subscription.monthly_churn", &["at most 1", "1.2"]);

    let mut sc = ex();
    sc.referrals.as_mut().unwrap().fan_rate = Uncertain::Triangular {
        low: 0.1,
        mode: 0.5,
        high: 2.0,
    };
    only(&sc, "referrals.fan_rate", &["at most 1", "2"]);
}

#[test]
fn rate_exactly_zero_and_one_are_valid() {
    let mut sc = ex();
    sc.channels[0].optin_rate = Uncertain::Fixed(1.0);
    sc.offers[0].refund_rate = Uncertain::Fixed(0.0);
    sc.nurture.unsubscribe_per_touch = Uncertain::Uniform {
        low: 0.0,
        high: 1.0,
    };
    sc.check().expect("0 and 1 are rates");
}

// ---------------------------------------------------------------- 90% ranges

#[test]
fn range_low_above_high() {
    let mut sc = ex();
    sc.channels[0].cost_per_visitor = Uncertain::Range {
        low: 0.9,
        high: 0.4,
    };
    let m = only(
        &sc,
        "channels[0].cost_per_visitor",
        &["low", "high", "0.9", "0.4"],
    );
    assert_eq!(m, "low (0.9) must not be above high (0.4)");
}

#[test]
fn range_of_rate_with_high_at_or_above_one() {
    // The example of `docs/model.md`, "Rates and amounts":
    // `offers[2].take_rate: high must be below 1`.
    let mut sc = ex();
    sc.offers[2].take_rate = Some(Uncertain::Range {
        low: 0.05,
        high: 1.0,
    });
    only(&sc, "offers[2].take_rate", &["high must be below 1"]);
    let e = &errors(&sc)[0];
    assert!(
        e.to_string()
            .starts_with("offers[2].take_rate: high must be below 1"),
        "{e}"
    );

    // Above 1 is refused as well (as a rate above 1).
    let mut sc = ex();
    sc.offers[2].take_rate = Some(Uncertain::Range {
        low: 0.05,
        high: 1.5,
    });
    only(&sc, "offers[2].take_rate", &["1.5"]);
}

#[test]
fn range_of_amount_may_reach_above_one() {
    let mut sc = ex();
    sc.offers[2].price = Uncertain::Range {
        low: 500.0,
        high: 1500.0,
    };
    sc.check().expect("amounts have no upper bound of 1");
}

#[test]
fn range_low_not_positive() {
    let mut sc = ex();
    sc.channels[0].visitors_per_day = Uncertain::Range {
        low: 0.0,
        high: 100.0,
    };
    let m = only(
        &sc,
        "channels[0].visitors_per_day",
        &["low must be above 0", "90% range"],
    );
    // The message tells what to use instead.
    assert_has(&m, &["uniform"]);

    let mut sc = ex();
    sc.channels[0].optin_rate = Uncertain::Range {
        low: 0.0,
        high: 0.3,
    };
    only(&sc, "channels[0].optin_rate", &["low must be above 0"]);

    // A negative low is refused as negative.
    let mut sc = ex();
    sc.channels[0].optin_rate = Uncertain::Range {
        low: -0.1,
        high: 0.3,
    };
    only(
        &sc,
        "channels[0].optin_rate",
        &["must not be negative", "-0.1"],
    );
}

#[test]
fn range_equal_ends_is_fixed_and_valid() {
    let mut sc = ex();
    sc.channels[0].optin_rate = Uncertain::Range {
        low: 0.2,
        high: 0.2,
    };
    sc.channels[0].visitors_per_day = Uncertain::Range {
        low: 400.0,
        high: 400.0,
    };
    sc.check().expect("low = high is a fixed number");
}

// ---------------------------------------------------------------- observed data

#[test]
fn observed_successes_above_trials() {
    let mut sc = ex();
    sc.offers[1].take_rate = Some(Uncertain::Observed {
        successes: 12.0,
        trials: 10.0,
    });
    let m = only(
        &sc,
        "offers[1].take_rate",
        &["successes", "trials", "12", "10"],
    );
    assert_eq!(m, "successes (12) cannot be more than trials (10)");
}

#[test]
fn observed_not_whole() {
    let mut sc = ex();
    sc.offers[1].take_rate = Some(Uncertain::Observed {
        successes: 1.5,
        trials: 10.0,
    });
    only(&sc, "offers[1].take_rate", &["whole numbers"]);

    let mut sc = ex();
    sc.offers[1].take_rate = Some(Uncertain::Observed {
        successes: 1.0,
        trials: 10.25,
    });
    only(&sc, "offers[1].take_rate", &["whole numbers"]);

    let mut sc = ex();
    sc.nurture.unsubscribe_per_touch = Uncertain::Observed {
        successes: -1.0,
        trials: 10.0,
    };
    only(
        &sc,
        "nurture.unsubscribe_per_touch",
        &["whole numbers", "0 or more"],
    );
}

#[test]
fn observed_zero_of_zero_is_valid() {
    let mut sc = ex();
    sc.offers[1].take_rate = Some(Uncertain::Observed {
        successes: 0.0,
        trials: 0.0,
    });
    sc.check().expect("0 of 0 is a uniform prior");
}

#[test]
fn observed_used_for_an_amount() {
    let mut sc = ex();
    sc.offers[1].price = Uncertain::Observed {
        successes: 3.0,
        trials: 10.0,
    };
    only(&sc, "offers[1].price", &["observed", "rate", "amount"]);

    let mut sc = ex();
    sc.channels[0].visitors_per_day = Uncertain::Observed {
        successes: 3.0,
        trials: 10.0,
    };
    only(&sc, "channels[0].visitors_per_day", &["observed", "amount"]);
}

// ---------------------------------------------------------------- uniform and triangular

#[test]
fn triangular_mode_outside() {
    let mut sc = ex();
    sc.offers[2].price = Uncertain::Triangular {
        low: 500.0,
        mode: 2000.0,
        high: 1500.0,
    };
    let m = only(
        &sc,
        "offers[2].price",
        &["triangular", "mode", "500", "2000", "1500"],
    );
    assert_eq!(
        m,
        "a triangular needs low ≤ mode ≤ high (got 500, 2000, 1500)"
    );

    let mut sc = ex();
    sc.nurture.conversion_per_touch = Uncertain::Triangular {
        low: 0.02,
        mode: 0.01,
        high: 0.03,
    };
    only(&sc, "nurture.conversion_per_touch", &["mode"]);
}

#[test]
fn triangular_low_above_high() {
    let mut sc = ex();
    sc.offers[2].price = Uncertain::Triangular {
        low: 1500.0,
        mode: 1000.0,
        high: 500.0,
    };
    only(
        &sc,
        "offers[2].price",
        &["low (1500) must not be above high (500)"],
    );
}

#[test]
fn uniform_low_above_high() {
    let mut sc = ex();
    sc.channels[0].optin_rate = Uncertain::Uniform {
        low: 0.3,
        high: 0.1,
    };
    let m = only(
        &sc,
        "channels[0].optin_rate",
        &["low", "high", "0.3", "0.1"],
    );
    assert_eq!(m, "low (0.3) must not be above high (0.1)");
}

// ---------------------------------------------------------------- days and horizon

#[test]
fn end_day_before_start_day() {
    let mut sc = ex();
    sc.channels[0].start_day = 10;
    sc.channels[0].end_day = 5;
    let m = only(
        &sc,
        "channels[0].end_day",
        &["end_day", "start_day", "10", "5"],
    );
    assert_eq!(m, "end_day (5) is before start_day (10)");
}

#[test]
fn end_day_past_horizon() {
    let mut sc = ex();
    sc.channels[0].end_day = 200;
    let m = only(
        &sc,
        "channels[0].end_day",
        &["past the horizon", "200", "180"],
    );
    assert_eq!(m, "day 200 is past the horizon (180 days)");
}

#[test]
fn start_day_past_horizon() {
    let mut sc = ex();
    sc.channels[0].start_day = 190;
    sc.channels[0].end_day = 190;
    let errs = errors(&sc);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec!["channels[0].start_day", "channels[0].end_day"]);
    assert_has(
        &errs[0].problem.to_string(),
        &["past the horizon", "190", "180"],
    );
}

#[test]
fn channel_may_end_on_the_horizon() {
    let mut sc = ex();
    sc.channels[0].start_day = 180;
    sc.channels[0].end_day = 180;
    sc.check().expect("a channel that runs no day is allowed");
    let mut sc = ex();
    sc.channels[0].end_day = 180;
    sc.check()
        .expect("end_day is exclusive: the horizon is fine");
}

#[test]
fn horizon_zero() {
    let mut sc = ex();
    sc.horizon_days = 0;
    sc.channels[0].end_day = 0;
    let m = only(&sc, "horizon_days", &["1 to 3650", "0"]);
    assert_eq!(m, "must be from 1 to 3650 days (got 0)");
}

#[test]
fn horizon_zero_with_channel_days_reports_horizon_first() {
    let mut sc = ex();
    sc.horizon_days = 0;
    let errs = errors(&sc);
    assert_eq!(errs[0].path, "horizon_days", "{errs:?}");
    assert_eq!(errs[0].problem, Problem::HorizonOutOfRange(0));
    // The channel's end day (60) is past a horizon of 0 as well.
    let end = at(&sc, "channels[0].end_day");
    assert_eq!(
        end[0].problem,
        Problem::PastHorizon {
            day: 60,
            horizon: 0
        }
    );
}

#[test]
fn horizon_above_ten_years() {
    let mut sc = ex();
    sc.horizon_days = 3651;
    only(&sc, "horizon_days", &["1 to 3650", "3651"]);
    let mut sc = ex();
    sc.horizon_days = 3650;
    sc.check().expect("3650 days is the longest horizon");
    let mut sc = ex();
    sc.horizon_days = 1;
    sc.channels[0].end_day = 1;
    sc.check().expect("1 day is the shortest horizon");
}

// ---------------------------------------------------------------- offer links

#[test]
fn offered_to_unknown_offer() {
    let mut sc = ex();
    sc.offers[1].offered_to = Some("nope".into());
    let m = only(&sc, "offers[1].offered_to", &["no offer", "\"nope\""]);
    assert_eq!(m, "no offer has the id \"nope\"");
}

#[test]
fn offered_to_later_offer() {
    let mut sc = ex();
    sc.offers[1].offered_to = Some("upsell".into());
    only(
        &sc,
        "offers[1].offered_to",
        &["\"upsell\"", "not an earlier offer"],
    );
}

#[test]
fn offered_to_itself() {
    let mut sc = ex();
    sc.offers[2].offered_to = Some("upsell".into());
    only(
        &sc,
        "offers[2].offered_to",
        &["\"upsell\"", "not an earlier offer"],
    );
}

#[test]
fn duplicate_offer_ids() {
    let mut sc = ex();
    sc.offers[2].id = "core".into();
    let m = only(&sc, "offers[2].id", &["\"core\"", "another offer"]);
    assert_eq!(m, "the id \"core\" is used by another offer");
}

#[test]
fn empty_offer_id_and_name() {
    let mut sc = ex();
    sc.offers[2].id = "  ".into();
    only(&sc, "offers[2].id", &["must not be empty"]);
    let mut sc = ex();
    sc.offers[0].name = String::new();
    only(&sc, "offers[0].name", &["must not be empty"]);
    let mut sc = ex();
    sc.currency = String::new();
    only(&sc, "currency", &["must not be empty"]);
}

#[test]
fn entry_offer_with_offered_to() {
    let mut sc = ex();
    sc.offers[0].offered_to = Some("core".into());
    only(
        &sc,
        "offers[0].offered_to",
        &["first offer", "entry offer", "offered_to"],
    );
}

#[test]
fn entry_offer_with_take_rate() {
    let mut sc = ex();
    sc.offers[0].take_rate = Some(Uncertain::Fixed(0.5));
    only(&sc, "offers[0].take_rate", &["entry offer", "take_rate"]);
}

#[test]
fn entry_offer_with_delay_days() {
    let mut sc = ex();
    sc.offers[0].delay_days = Some(3.0);
    only(&sc, "offers[0].delay_days", &["entry offer", "delay_days"]);
}

#[test]
fn follow_up_missing_take_rate() {
    let mut sc = ex();
    sc.offers[1].take_rate = None;
    let m = only(&sc, "offers[1].take_rate", &["missing", "after the first"]);
    assert_eq!(m, "is missing; every offer after the first needs it");
}

#[test]
fn follow_up_missing_offered_to() {
    let mut sc = ex();
    sc.offers[2].offered_to = None;
    only(&sc, "offers[2].offered_to", &["missing"]);
}

#[test]
fn follow_up_missing_delay_days() {
    let mut sc = ex();
    sc.offers[1].delay_days = None;
    only(&sc, "offers[1].delay_days", &["missing"]);
}

#[test]
fn price_halving_step_not_positive() {
    let mut sc = ex();
    sc.offers[0].price_halving_step = Some(Uncertain::Fixed(0.0));
    only(
        &sc,
        "offers[0].price_halving_step",
        &["above 0", "halves demand"],
    );
    let mut sc = ex();
    sc.lead_magnet.price_halving_step = Some(Uncertain::Fixed(-5.0));
    only(&sc, "lead_magnet.price_halving_step", &["above 0", "-5"]);
    // Uncertain in any form, every number above 0; observed data is for rates.
    for (step, words) in [
        (
            Uncertain::Uniform {
                low: 0.0,
                high: 30.0,
            },
            &["above 0", "got 0"][..],
        ),
        (Uncertain::range(-1.0, 30.0), &["above 0", "-1"]),
        (
            Uncertain::Triangular {
                low: 0.0,
                mode: 5.0,
                high: 9.0,
            },
            &["above 0"],
        ),
        (
            Uncertain::Observed {
                successes: 3.0,
                trials: 10.0,
            },
            &["observed data", "amount"],
        ),
        (Uncertain::Fixed(2e12), &["too large"]),
    ] {
        let mut sc = ex();
        sc.offers[1].price_halving_step = Some(step);
        only(&sc, "offers[1].price_halving_step", words);
    }
    for step in [
        Uncertain::Uniform {
            low: 5.0,
            high: 30.0,
        },
        Uncertain::range(10.0, 30.0),
        Uncertain::Triangular {
            low: 1.0,
            mode: 5.0,
            high: 9.0,
        },
    ] {
        let mut sc = ex();
        sc.offers[1].price_halving_step = Some(step);
        assert!(sc.check().is_ok());
    }
}

#[test]
fn price_reference_is_a_price() {
    let mut sc = ex();
    sc.offers[0].price_reference = Some(-1.0);
    only(&sc, "offers[0].price_reference", &["from 0", "-1"]);
    let mut sc = ex();
    sc.lead_magnet.price_reference = Some(f64::INFINITY);
    only(&sc, "lead_magnet.price_reference", &["must be a number"]);
    let mut sc = ex();
    sc.lead_magnet.price_reference = Some(0.0);
    sc.offers[2].price_reference = Some(500.0);
    assert!(sc.check().is_ok());
}

// ---------------------------------------------------------------- nurture

#[test]
fn touches_per_week_over_seven() {
    let mut sc = ex();
    sc.nurture.touches_per_week = 8.0;
    let m = only(&sc, "nurture.touches_per_week", &["0 to 7", "8"]);
    assert_eq!(m, "must be from 0 to 7 (got 8)");
    let mut sc = ex();
    sc.nurture.touches_per_week = -1.0;
    only(&sc, "nurture.touches_per_week", &["0 to 7", "-1"]);
}

#[test]
fn touches_per_month_over_thirty() {
    let mut sc = ex();
    sc.nurture.touches_per_month_after = 31.0;
    let m = only(&sc, "nurture.touches_per_month_after", &["0 to 30", "31"]);
    assert_eq!(m, "must be from 0 to 30 (got 31)");
}

#[test]
fn touch_limits_are_inclusive() {
    let mut sc = ex();
    sc.nurture.touches_per_week = 7.0;
    sc.nurture.touches_per_month_after = 30.0;
    sc.nurture.trust_touches = 1.0;
    sc.check()
        .expect("7 a week, 30 a month and trust 1 are allowed");
    let mut sc = ex();
    sc.nurture.touches_per_week = 0.0;
    sc.nurture.touches_per_month_after = 0.0;
    sc.check().expect("no touches at all is allowed");
}

#[test]
fn trust_touches_below_one() {
    let mut sc = ex();
    sc.nurture.trust_touches = 0.5;
    let m = only(&sc, "nurture.trust_touches", &["at least 1", "0.5"]);
    assert_eq!(m, "must be at least 1 and at most 1000000 (got 0.5)");
    let mut sc = ex();
    sc.nurture.trust_touches = 0.0;
    only(&sc, "nurture.trust_touches", &["at least 1"]);
}

#[test]
fn half_life_not_positive() {
    let mut sc = ex();
    sc.nurture.interest_half_life_days = 0.0;
    let m = only(&sc, "nurture.interest_half_life_days", &["above 0", "0"]);
    assert_eq!(m, "must be above 0 and at most 1000000000 days (got 0)");
    let mut sc = ex();
    sc.nurture.interest_half_life_days = -3.0;
    only(&sc, "nurture.interest_half_life_days", &["above 0", "-3"]);
}

/// Plain numbers have hidden upper limits in `validate.rs` (trust_touches ≤ 1e6,
/// half-life ≤ 1e9, shape ≤ 1e6, concentrations ≤ 1e9, multiplier ≤ 1e6). A
/// value over such a limit must not be refused with a message that states only
/// the lower bound ("must be at least 1 (got 2000000)" reads as nonsense).
#[test]
fn values_over_a_hidden_limit_get_a_message_that_says_so() {
    let cases: Vec<(&str, Edit)> = vec![
        (
            "nurture.trust_touches",
            Box::new(|s| s.nurture.trust_touches = 2e6),
        ),
        (
            "nurture.interest_half_life_days",
            Box::new(|s| s.nurture.interest_half_life_days = 2e9),
        ),
        (
            "repeat.rate_shape",
            Box::new(|s| s.repeat.as_mut().unwrap().rate_shape = 2e6),
        ),
        (
            "repeat.dropout_concentration",
            Box::new(|s| s.repeat.as_mut().unwrap().dropout_concentration = 2e9),
        ),
        (
            "subscription.churn_concentration",
            Box::new(|s| s.subscription.as_mut().unwrap().churn_concentration = 2e9),
        ),
        (
            "referrals.referred_conversion_multiplier",
            Box::new(|s| s.referrals.as_mut().unwrap().referred_conversion_multiplier = 2e6),
        ),
    ];
    let mut bad = Vec::new();
    for (path, set) in cases {
        let mut sc = ex();
        set(&mut sc);
        let m = only(&sc, path, &[]);
        // The message must mention an upper bound ("at most", "to", "below").
        if !(m.contains("at most") || m.contains(" to ") || m.contains("below")) {
            bad.push(format!("{path}: {m}"));
        }
    }
    assert!(
        bad.is_empty(),
        "messages that state only a lower bound for a value above it:\n{}",
        bad.join("\n")
    );
}

// ---------------------------------------------------------------- channels

#[test]
fn empty_channel_list() {
    let mut sc = ex();
    sc.channels.clear();
    let m = only(&sc, "channels", &["at least one channel"]);
    assert_eq!(m, "needs at least one channel");
}

#[test]
fn empty_offer_list() {
    let mut sc = ex();
    sc.offers.clear();
    sc.repeat = None;
    sc.subscription = None;
    sc.referrals = None;
    let m = only(&sc, "offers", &["at least one offer", "entry offer"]);
    assert_eq!(m, "needs at least one offer (the entry offer)");
}

#[test]
fn empty_offer_list_with_stages_that_name_offers() {
    let mut sc = ex();
    sc.offers.clear();
    let errs = errors(&sc);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "offers",
            "repeat.customers_of",
            "subscription.offered_to",
            "referrals.customers_of"
        ]
    );
}

#[test]
fn channel_named_referral() {
    for name in ["referral", "Referral", " REFERRAL "] {
        let mut sc = ex();
        sc.channels[0].name = name.into();
        let m = only(&sc, "channels[0].name", &["\"referral\"", "reserved"]);
        assert_has(&m, &["fans and promoters"]);
    }
}

#[test]
fn duplicate_channel_names() {
    let mut sc = ex();
    let mut second = sc.channels[0].clone();
    second.start_day = 60;
    second.end_day = 120;
    sc.channels.push(second);
    let m = only(
        &sc,
        "channels[1].name",
        &["\"Search ads\"", "another channel"],
    );
    assert_eq!(m, "the name \"Search ads\" is used by another channel");
}

#[test]
fn empty_channel_name() {
    let mut sc = ex();
    sc.channels[0].name = " ".into();
    only(&sc, "channels[0].name", &["must not be empty"]);
}

// ---------------------------------------------------------------- repeat, subscription, referrals

#[test]
fn bad_reference_in_repeat() {
    let mut sc = ex();
    sc.repeat.as_mut().unwrap().customers_of = "cor".into();
    only(&sc, "repeat.customers_of", &["no offer", "\"cor\""]);
}

#[test]
fn bad_reference_in_subscription() {
    let mut sc = ex();
    sc.subscription.as_mut().unwrap().offered_to = "premium".into();
    only(&sc, "subscription.offered_to", &["no offer", "\"premium\""]);
}

#[test]
fn bad_reference_in_referrals() {
    let mut sc = ex();
    sc.referrals.as_mut().unwrap().customers_of = String::new();
    only(&sc, "referrals.customers_of", &["no offer", "\"\""]);
}

#[test]
fn references_may_name_any_offer() {
    let mut sc = ex();
    sc.repeat.as_mut().unwrap().customers_of = "upsell".into();
    sc.subscription.as_mut().unwrap().offered_to = "tripwire".into();
    sc.referrals.as_mut().unwrap().customers_of = "tripwire".into();
    sc.check().expect("stages may follow any offer");
}

#[test]
fn rate_shape_not_positive() {
    let mut sc = ex();
    sc.repeat.as_mut().unwrap().rate_shape = 0.0;
    let m = only(&sc, "repeat.rate_shape", &["above 0", "0"]);
    assert_eq!(m, "must be above 0 and at most 1000000 (got 0)");
}

#[test]
fn dropout_concentration_not_positive() {
    let mut sc = ex();
    sc.repeat.as_mut().unwrap().dropout_concentration = -1.0;
    only(&sc, "repeat.dropout_concentration", &["above 0", "-1"]);
}

#[test]
fn churn_concentration_not_positive() {
    let mut sc = ex();
    sc.subscription.as_mut().unwrap().churn_concentration = 0.0;
    only(&sc, "subscription.churn_concentration", &["above 0"]);
}

#[test]
fn negative_multiplier() {
    let mut sc = ex();
    sc.referrals
        .as_mut()
        .unwrap()
        .referred_conversion_multiplier = -0.5;
    let m = only(
        &sc,
        "referrals.referred_conversion_multiplier",
        &["0 or more", "-0.5"],
    );
    assert_eq!(m, "must be 0 or more and at most 1000000 (got -0.5)");
    let mut sc = ex();
    sc.referrals
        .as_mut()
        .unwrap()
        .referred_conversion_multiplier = 0.0;
    sc.check().expect("a multiplier of 0 is allowed");
}

#[test]
fn referrals_window_zero() {
    let mut sc = ex();
    sc.referrals.as_mut().unwrap().window_days = 0;
    let m = only(&sc, "referrals.window_days", &["1 to 3650", "0"]);
    assert_eq!(m, "must be from 1 to 3650 days (got 0)");
}

#[test]
fn winback_values() {
    let mut sc = ex();
    sc.repeat
        .as_mut()
        .unwrap()
        .winback
        .as_mut()
        .unwrap()
        .success_rate = Uncertain::Fixed(1.1);
    only(&sc, "repeat.winback.success_rate", &["at most 1"]);
    let mut sc = ex();
    sc.repeat
        .as_mut()
        .unwrap()
        .winback
        .as_mut()
        .unwrap()
        .cost_per_attempt = Uncertain::Fixed(-5.0);
    only(
        &sc,
        "repeat.winback.cost_per_attempt",
        &["must not be negative"],
    );
}

// ---------------------------------------------------------------- too large

#[test]
fn too_large_amounts() {
    let mut sc = ex();
    sc.channels[0].visitors_per_day = Uncertain::Fixed(2e12);
    let m = only(
        &sc,
        "channels[0].visitors_per_day",
        &["too large", "2000000000000"],
    );
    assert_eq!(m, "is too large (got 2000000000000; at most 1000000000000)");

    let mut sc = ex();
    sc.fixed_costs_per_month = Uncertain::Range {
        low: 1.0,
        high: 1e13,
    };
    only(&sc, "fixed_costs_per_month", &["too large"]);

    let mut sc = ex();
    sc.offers[2].price = Uncertain::Fixed(1e300);
    let m = only(&sc, "offers[2].price", &["too large"]);
    assert!(m.len() < 400, "the message stays short: {m}");

    let mut sc = ex();
    sc.offers[2].price = Uncertain::Fixed(MAX_AMOUNT);
    sc.check().expect("the limit itself is allowed");
}

#[test]
fn schema_in_struct() {
    let mut sc = ex();
    sc.schema = 2;
    only(&sc, "schema", &["schema 2", "schema 1"]);
}

// ---------------------------------------------------------------- every problem at once

#[test]
fn validation_returns_every_problem_at_once_in_file_order() {
    let mut sc = ex();
    // Set in an order different from the file's, to check the sort.
    sc.referrals.as_mut().unwrap().window_days = 0;
    sc.offers[1].take_rate = Some(Uncertain::Observed {
        successes: 5.0,
        trials: 3.0,
    });
    sc.currency = String::new();
    sc.nurture.touches_per_week = 9.0;
    sc.channels[0].optin_rate = Uncertain::Fixed(1.5);
    let errs = errors(&sc);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "currency",
            "channels[0].optin_rate",
            "nurture.touches_per_week",
            "offers[1].take_rate",
            "referrals.window_days",
        ]
    );
    let all = sc.check().unwrap_err();
    let text = all.to_string();
    assert_eq!(text.lines().count(), 5, "{text}");
    assert_eq!(all.at("nurture.touches_per_week").count(), 1);
    assert_eq!(
        all.at("nurture").count(),
        0,
        "at() matches the path exactly"
    );
}

#[test]
fn many_problems_across_every_section_keep_file_order() {
    let mut sc = ex();
    sc.schema = 3;
    sc.horizon_days = 4000;
    let mut c2 = sc.channels[0].clone();
    c2.name = "Second".into();
    c2.optin_rate = Uncertain::Fixed(-1.0);
    sc.channels.push(c2);
    sc.channels[0].visitors_per_day = Uncertain::Fixed(-1.0);
    sc.lead_magnet.delivery_cost = Uncertain::Fixed(-1.0);
    sc.nurture.cost_per_touch = Uncertain::Fixed(-1.0);
    sc.offers[0].unit_cost = Uncertain::Fixed(-1.0);
    sc.offers[2].unit_cost = Uncertain::Fixed(-1.0);
    sc.repeat.as_mut().unwrap().price = Uncertain::Fixed(-1.0);
    sc.subscription.as_mut().unwrap().monthly_price = Uncertain::Fixed(-1.0);
    sc.referrals.as_mut().unwrap().leads_per_fan = Uncertain::Fixed(-1.0);
    sc.fixed_costs_per_month = Uncertain::Fixed(-1.0);
    let errs = errors(&sc);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "schema",
            "horizon_days",
            "channels[0].visitors_per_day",
            "channels[1].optin_rate",
            "lead_magnet.delivery_cost",
            "nurture.cost_per_touch",
            "offers[0].unit_cost",
            "offers[2].unit_cost",
            "repeat.price",
            "subscription.monthly_price",
            "referrals.leads_per_fan",
            "fixed_costs_per_month",
        ]
    );
}

// ---------------------------------------------------------------- parse errors

fn example_value() -> serde_json::Value {
    serde_json::from_str(presets::EXAMPLE_JSON).unwrap()
}

fn parse_err(text: &str) -> ParseError {
    match Scenario::from_json(text) {
        Ok(_) => panic!("should not parse: {text}"),
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.trim().is_empty());
            assert!(!msg.contains('\n'), "one line: {msg:?}");
            assert!(!msg.contains("panicked"));
            e
        }
    }
}

fn field_err(v: &serde_json::Value) -> (String, String) {
    match parse_err(&v.to_string()) {
        ParseError::Field { path, problem } => (path, problem),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn not_json() {
    for text in ["", "{", "hello", "{\"schema\": 1,}", "{\"schema\": NaN}"] {
        let e = parse_err(text);
        assert!(matches!(e, ParseError::NotJson { .. }), "{text:?}: {e:?}");
        assert_has(&e.to_string(), &["not valid JSON", "line"]);
    }
}

#[test]
fn wrong_schema() {
    let mut v = example_value();
    v["schema"] = serde_json::json!(2);
    let e = parse_err(&v.to_string());
    assert_eq!(e, ParseError::WrongSchema { found: "2".into() });
    let m = e.to_string();
    assert!(m.starts_with("schema: "), "{m}");
    assert_has(&m, &["schema 2", "schema 1"]);

    // Only the schema is looked at: a future file with other fields gets the same message.
    let e = parse_err(r#"{"schema": 2, "something_new": true}"#);
    assert_has(&e.to_string(), &["schema 2"]);

    // A schema written as text is named as written.
    let e = parse_err(r#"{"schema": "1"}"#);
    assert_has(&e.to_string(), &["schema", "\"1\""]);
}

#[test]
fn missing_schema() {
    let mut v = example_value();
    v.as_object_mut().unwrap().remove("schema");
    let e = parse_err(&v.to_string());
    assert_eq!(e, ParseError::NotAScenario);
    let m = e.to_string();
    assert!(m.starts_with("schema: missing"), "{m}");
    for text in ["[]", "42", "\"text\"", "null", "{}"] {
        assert_eq!(parse_err(text), ParseError::NotAScenario, "{text}");
    }
}

#[test]
fn unknown_top_level_field() {
    let mut v = example_value();
    v["colour"] = serde_json::json!("blue");
    let (path, problem) = field_err(&v);
    assert_eq!(path, "colour");
    assert_has(&problem, &["unknown field", "`colour`"]);
    let shown = Scenario::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        shown.starts_with("colour: unknown field `colour`"),
        "{shown}"
    );
}

#[test]
fn unknown_nested_field() {
    let mut v = example_value();
    v["channels"][0]["colour"] = serde_json::json!("blue");
    let (path, problem) = field_err(&v);
    assert_eq!(path, "channels[0].colour");
    assert_has(&problem, &["unknown field", "`colour`", "optin_rate"]);
    let shown = Scenario::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        shown.starts_with("channels[0].colour: unknown field"),
        "{shown}"
    );

    let mut v = example_value();
    v["repeat"]["winback"]["detect_day"] = serde_json::json!(60);
    let (path, problem) = field_err(&v);
    assert_eq!(path, "repeat.winback.detect_day");
    assert_has(&problem, &["unknown field", "`detect_day`", "detect_days"]);
}

#[test]
fn unknown_key_inside_uncertain_value() {
    let mut v = example_value();
    v["channels"][0]["optin_rate"] = serde_json::json!({"low": 0.1, "hi": 0.3});
    let (path, problem) = field_err(&v);
    assert_eq!(path, "channels[0].optin_rate");
    assert_has(&problem, &["unknown key", "`hi`", "low", "high"]);
    let shown = Scenario::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        shown.starts_with("channels[0].optin_rate: unknown key `hi`"),
        "{shown}"
    );
}

#[test]
fn incomplete_or_mixed_uncertain_values() {
    let cases = [
        (serde_json::json!({"low": 0.1}), "high"),
        (serde_json::json!({"high": 0.1}), "low"),
        (serde_json::json!({"successes": 3}), "trials"),
        (serde_json::json!({"uniform": [0.1]}), "two numbers"),
        (
            serde_json::json!({"triangular": [0.1, 0.2]}),
            "three numbers",
        ),
        (
            serde_json::json!({"low": 0.1, "high": 0.2, "uniform": [0.1, 0.2]}),
            "exactly one",
        ),
        (serde_json::json!({}), "exactly one"),
    ];
    for (value, word) in cases {
        let mut v = example_value();
        v["offers"][2]["take_rate"] = value.clone();
        let (path, problem) = field_err(&v);
        assert!(
            path.starts_with("offers[2].take_rate"),
            "{value}: path {path:?}"
        );
        assert_has(&problem, &[word]);
    }
}

#[test]
fn wrong_type() {
    let mut v = example_value();
    v["channels"][0]["visitors_per_day"] = serde_json::json!("400");
    let (path, problem) = field_err(&v);
    assert_eq!(path, "channels[0].visitors_per_day");
    assert_has(&problem, &["string", "number"]);
    let shown = Scenario::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        shown.starts_with("channels[0].visitors_per_day: "),
        "{shown}"
    );

    let mut v = example_value();
    v["nurture"]["trust_touches"] = serde_json::json!("seven");
    let (path, _) = field_err(&v);
    assert_eq!(path, "nurture.trust_touches");

    let mut v = example_value();
    v["offers"][1]["id"] = serde_json::json!(5);
    let (path, _) = field_err(&v);
    assert_eq!(path, "offers[1].id");

    let mut v = example_value();
    v["channels"] = serde_json::json!({"name": "x"});
    let (path, _) = field_err(&v);
    assert_eq!(path, "channels");
}

#[test]
fn missing_required_field() {
    let mut v = example_value();
    v["nurture"]
        .as_object_mut()
        .unwrap()
        .remove("trust_touches");
    let (path, problem) = field_err(&v);
    assert!(
        path == "nurture" || path.starts_with("nurture."),
        "path {path:?}"
    );
    assert_has(&problem, &["missing field", "trust_touches"]);
    let shown = Scenario::from_json(&v.to_string()).unwrap_err().to_string();
    assert_has(&shown, &["nurture", "trust_touches"]);
}

#[test]
fn day_fields_must_be_whole_days() {
    let mut v = example_value();
    v["horizon_days"] = serde_json::json!(1.5);
    let (path, problem) = field_err(&v);
    assert_eq!(path, "horizon_days");
    assert_has(&problem, &["whole number of days", "1.5"]);

    let mut v = example_value();
    v["channels"][0]["start_day"] = serde_json::json!(-5);
    let (path, problem) = field_err(&v);
    assert_eq!(path, "channels[0].start_day");
    assert_has(&problem, &["must not be negative", "-5"]);

    let mut v = example_value();
    v["referrals"]["window_days"] = serde_json::json!(1_000_000);
    let (path, problem) = field_err(&v);
    assert_eq!(path, "referrals.window_days");
    assert_has(&problem, &["too many", "1000000"]);
}

/// A day count far too large must be shown as written, not as the largest
/// 64-bit integer it was squeezed into.
#[test]
fn huge_day_count_is_shown_as_written() {
    let mut v = example_value();
    v["horizon_days"] = serde_json::json!(1e20);
    let (path, problem) = field_err(&v);
    assert_eq!(path, "horizon_days");
    assert_has(&problem, &["too many"]);
    assert!(
        !problem.contains("18446744073709551615"),
        "the message names a number the user did not write: {problem}"
    );
}

/// `"schema": 1.0` is the number 1 (many JSON writers print whole floats so);
/// it must be read, or refused with a message that does not contradict itself.
#[test]
fn schema_written_as_one_point_zero() {
    let mut v = example_value();
    v["schema"] = serde_json::json!(1.0);
    match Scenario::from_json(&v.to_string()) {
        Ok(sc) => assert_eq!(sc, presets::example()),
        Err(e) => {
            let m = e.to_string();
            assert!(
                !m.contains("uses schema 1.0, but this version of Funnel Lab reads schema 1"),
                "self-contradicting message: {m}"
            );
        }
    }
}

#[test]
fn optional_stages_may_be_null_or_absent() {
    let mut v = example_value();
    v["repeat"] = serde_json::Value::Null;
    v["subscription"] = serde_json::Value::Null;
    v.as_object_mut().unwrap().remove("referrals");
    v["lead_magnet"]
        .as_object_mut()
        .unwrap()
        .remove("price_halving_step");
    let sc = Scenario::from_json(&v.to_string()).expect("null and absent stages parse");
    assert!(sc.repeat.is_none() && sc.subscription.is_none() && sc.referrals.is_none());
    sc.check().expect("a scenario without stages is valid");
}

// ---------------------------------------------------------------- large but valid

fn assert_finite_summary(s: &stats::Summary) {
    assert!(s.prob_loss.is_finite());
    for (name, m) in &s.metrics {
        for (what, x) in [
            ("mean", m.stats.mean),
            ("sd", m.stats.sd),
            ("p5", m.stats.p5),
            ("p50", m.stats.p50),
            ("p95", m.stats.p95),
        ] {
            if let Some(x) = x {
                assert!(x.is_finite(), "{name}.{what} = {x}");
            }
        }
    }
}

#[test]
fn large_valid_numbers_validate_and_run() {
    let mut sc = ex();
    sc.horizon_days = 3650;
    sc.channels[0].end_day = 3650;
    sc.channels[0].visitors_per_day = Uncertain::Fixed(1e9);
    let valid = sc
        .validate()
        .expect("1e9 visitors a day for 10 years is valid");
    let plan = Plan::new(valid, RunOptions::new(2, 7)).unwrap();
    let started = Instant::now();
    let summary = stats::run(&plan);
    let took = started.elapsed();
    eprintln!("2 trials, 1e9 visitors/day, 3650 days: {took:?}");
    let profit = summary.metric(Metric::Profit).unwrap();
    assert_eq!(profit.stats.defined, 2);
    assert!(profit.stats.mean.unwrap().is_finite());
    assert_finite_summary(&summary);
    let visitors = summary
        .metric(Metric::Visitors)
        .unwrap()
        .stats
        .mean
        .unwrap();
    assert!(
        visitors > 3.6e12 && visitors < 3.7e12,
        "visitors {visitors}"
    );
    assert!(
        took.as_secs_f64() < 20.0,
        "2 trials took {took:?} (more than 20 s)"
    );
}

#[test]
fn every_amount_at_the_limit_validates_and_runs() {
    let big = Uncertain::Fixed(MAX_AMOUNT);
    let mut sc = ex();
    sc.horizon_days = 3650;
    sc.channels[0].end_day = 3650;
    sc.channels[0].visitors_per_day = big.clone();
    sc.channels[0].cost_per_visitor = big.clone();
    sc.lead_magnet.price = big.clone();
    sc.lead_magnet.delivery_cost = big.clone();
    sc.nurture.cost_per_touch = big.clone();
    for o in &mut sc.offers {
        o.price = big.clone();
        o.unit_cost = big.clone();
    }
    sc.subscription.as_mut().unwrap().monthly_price = big.clone();
    sc.referrals.as_mut().unwrap().reward_per_referred_buyer = big.clone();
    sc.fixed_costs_per_month = big.clone();
    let valid = sc.validate().expect("the limits are valid");
    let plan = Plan::new(valid, RunOptions::new(2, 11)).unwrap();
    let started = Instant::now();
    let summary = stats::run(&plan);
    let took = started.elapsed();
    eprintln!("2 trials, every amount 1e12, 3650 days: {took:?}");
    assert_finite_summary(&summary);
    for t in 0..2 {
        let o = plan.trial(t);
        assert!(o.profit().is_finite() && o.revenue().is_finite() && o.cost().is_finite());
    }
    assert!(
        took.as_secs_f64() < 20.0,
        "2 trials took {took:?} (more than 20 s)"
    );
}
