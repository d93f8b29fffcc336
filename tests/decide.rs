//! Deciding from a run's own trials: the tornado ranks the input that matters
//! first and reports its tails at its own percentiles; the value of
//! information is about 0 for an input that does not touch profit and never
//! above EVPI; comparisons on common random numbers (a scenario against itself
//! differs by exactly 0, a price rise without demand response wins in every
//! trial with a buyer); rank correlation and the estimators on known data.

use funnel_lab::decide::{
    self, evpi, evppi, evppi_bins, evppi_noise, median_difference, run_both, spearman, Comparison,
    Sensitivity,
};
use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::inputs::Field;
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::quantile::{normal_cdf, normal_quantile};
use funnel_lab::sampling::{logit, TrialRng, Z95};
use funnel_lab::scenario::{Scenario, Uncertain};
use funnel_lab::stats::Batch;

const TRIALS: u64 = 10_000;

fn batch(sc: &Scenario, trials: u64) -> Batch {
    let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(trials, 7)).unwrap();
    Batch::run(&plan, 0, trials)
}

fn set(sc: &mut Scenario, path: &str, value: Uncertain) {
    Field::parse(path)
        .unwrap_or_else(|| panic!("{path} is a field"))
        .set_uncertain(sc, value);
}

fn range(low: f64, high: f64) -> Uncertain {
    Uncertain::Range { low, high }
}

/// The example with every uncertain input narrow (a few per cent wide) but
/// the conversion per touch, which spans a factor of 15.
fn one_wide_input() -> Scenario {
    let mut sc = presets::example();
    set(&mut sc, "channels[0].cost_per_visitor", range(0.6, 0.62));
    set(&mut sc, "channels[0].optin_rate", range(0.24, 0.26));
    set(
        &mut sc,
        "offers[1].take_rate",
        Uncertain::Observed {
            successes: 1200.0,
            trials: 10_000.0,
        },
    );
    set(&mut sc, "nurture.conversion_per_touch", range(0.002, 0.03));
    sc
}

#[test]
fn the_very_uncertain_input_is_ranked_first() {
    let sc = one_wide_input();
    let b = batch(&sc, TRIALS);
    let s = Sensitivity::of(&b, Metric::Profit);
    let paths: Vec<&str> = s.inputs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths.len(), 4, "every varying input, none fixed: {paths:?}");
    assert_eq!(paths[0], "nurture.conversion_per_touch", "{paths:?}");
    let (first, second) = (&s.inputs[0], &s.inputs[1]);
    assert!(
        first.swing.unwrap() > 5.0 * second.swing.unwrap(),
        "the wide input moves profit far more: {first:?} vs {second:?}"
    );
    // More conversion, more profit, steadily.
    assert!(first.rank_correlation.unwrap() > 0.8, "{first:?}");
    assert!(first.high.metric.unwrap() > first.low.metric.unwrap());
    let m = s.median.unwrap();
    assert!(first.low.metric.unwrap() < m && m < first.high.metric.unwrap());
    // Sorted by swing, largest first.
    for w in s.inputs.windows(2) {
        assert!(w[0].swing.unwrap() >= w[1].swing.unwrap());
    }
    // It is also the one most worth testing first.
    assert_eq!(s.by_value()[0].path, "nurture.conversion_per_touch");
}

/// The tails sit at the input's own 10th and 90th percentiles: for a 90% range
/// on a rate (logit-normal), the level Φ((logit x − centre)/σ) of the reported
/// value is 0.1 (0.9) within 4 standard errors of a sample quantile's level.
#[test]
fn tails_are_at_the_inputs_own_tenth_and_ninetieth_percentiles() {
    let sc = one_wide_input();
    let b = batch(&sc, TRIALS);
    let s = Sensitivity::of(&b, Metric::Customers);
    assert_eq!(s.metric, Metric::Customers);
    let e = s
        .inputs
        .iter()
        .find(|e| e.path == "nurture.conversion_per_touch")
        .unwrap();
    let (a, z) = (logit(0.002), logit(0.03));
    let level = |x: f64| normal_cdf((logit(x) - 0.5 * (a + z)) / ((z - a) / (2.0 * Z95)));
    let se = (0.1f64 * 0.9 / TRIALS as f64).sqrt();
    assert!((level(e.low.input) - 0.1).abs() < 4.0 * se, "{e:?}");
    assert!((level(e.high.input) - 0.9).abs() < 4.0 * se, "{e:?}");
}

#[test]
fn fixed_inputs_are_not_listed() {
    let mut sc = presets::example();
    for path in ["channels[0].cost_per_visitor", "channels[0].optin_rate"] {
        set(&mut sc, path, Uncertain::Fixed(0.3));
    }
    let b = batch(&sc, 200);
    let s = Sensitivity::of(&b, Metric::Profit);
    let paths: Vec<&str> = s.inputs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["offers[1].take_rate"]);
}

/// The example near break-even (fixed costs lowered so that the mean profit is
/// close to 0, where information is worth most) with a wide opt-in rate, and an
/// upsell nobody takes whose unit cost is very uncertain: it cannot touch profit.
fn break_even_with_an_idle_input() -> Scenario {
    let mut sc = presets::example();
    sc.fixed_costs_per_month = Uncertain::Fixed(1_000.0);
    set(&mut sc, "channels[0].optin_rate", range(0.08, 0.45));
    set(&mut sc, "offers[2].take_rate", Uncertain::Fixed(0.0));
    set(&mut sc, "offers[2].unit_cost", range(50.0, 400.0));
    sc
}

#[test]
fn an_input_that_does_not_touch_profit_is_worth_about_nothing() {
    let b = batch(&break_even_with_an_idle_input(), TRIALS);
    let s = Sensitivity::of(&b, Metric::Profit);
    let profit: Vec<f64> = b.metric(Metric::Profit).iter().flatten().copied().collect();
    let mean = profit.iter().sum::<f64>() / profit.len() as f64;
    let sd = (profit.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / TRIALS as f64).sqrt();
    assert!(mean.abs() < sd, "near break-even: mean {mean}, sd {sd}");
    assert!(
        s.evpi > 0.05 * sd,
        "information is worth something here: {}",
        s.evpi
    );

    // Under no effect, each bin's mean profit is noise of sd s = sd/√m around
    // the mean: the estimator's expectation is at most s/√(2π) (evppi_noise)
    // and its sd at most s/√k over k bins.
    let k = evppi_bins(TRIALS as usize) as f64;
    let s_bin = sd / (TRIALS as f64 / k).sqrt();
    assert!((s.evppi_noise - evppi_noise(&profit)).abs() < 1e-9 * sd);
    assert!((s.evppi_noise - s_bin / (2.0 * std::f64::consts::PI).sqrt()).abs() < 0.01 * s_bin);
    let idle = s
        .inputs
        .iter()
        .find(|e| e.path == "offers[2].unit_cost")
        .expect("the idle input varies, so it is listed");
    assert_eq!(idle.swing, Some(idle.swing.unwrap()));
    assert!(
        idle.evppi <= s.evppi_noise + 4.0 * s_bin / k.sqrt(),
        "idle input: evppi {} above its noise {} + 4 SE {}",
        idle.evppi,
        s.evppi_noise,
        s_bin / k.sqrt()
    );
    // The input that matters most is clearly above that noise.
    let top = s.by_value()[0];
    assert_ne!(top.path, "offers[2].unit_cost");
    assert!(
        top.evppi > s.evppi_noise + 4.0 * s_bin / k.sqrt(),
        "{top:?}"
    );
    assert_eq!(s.worth_testing_first().map(|e| &e.path), Some(&top.path));
    // EVPI ≥ every EVPPI ≥ 0 (up to rounding).
    for e in &s.inputs {
        assert!(e.evppi >= -1e-9 * sd, "{e:?}");
        assert!(s.evpi >= e.evppi - 1e-9 * sd, "evpi {} < {e:?}", s.evpi);
    }
}

/// Profit that is a standard normal: EVPI is E[max(Z, 0)] = 1/√(2π); knowing
/// the normal itself is worth the same (up to the bin containing 0), and an
/// unrelated input is worth no more than the estimator's noise.
#[test]
fn value_of_information_on_known_data() {
    let n = 40_000;
    let profit: Vec<f64> = (0..n)
        .map(|t| normal_quantile((t as f64 + 0.5) / n as f64))
        .collect();
    let exact = 1.0 / (2.0 * std::f64::consts::PI).sqrt();
    assert!((evpi(&profit) - exact).abs() < 1e-3, "{}", evpi(&profit));
    let same: Vec<f32> = profit.iter().map(|&x| x as f32).collect();
    let full = evppi(&same, &profit);
    assert!(
        full <= evpi(&profit) + 1e-12 && full > evpi(&profit) - 1e-3,
        "{full}"
    );
    let mut rng = TrialRng::from_seed_u64(3);
    let unrelated: Vec<f32> = (0..n).map(|_| rng.uniform() as f32).collect();
    let k = evppi_bins(n) as f64;
    let s_bin = 1.0 / (n as f64 / k).sqrt();
    let v = evppi(&unrelated, &profit);
    assert!(
        (0.0..=evppi_noise(&profit) + 4.0 * s_bin / k.sqrt()).contains(&v),
        "{v}"
    );
    // A sure profit or a sure loss: nothing to learn.
    assert_eq!(evpi(&[5.0, 7.0, 1.0]), 0.0);
    assert_eq!(evpi(&[-5.0, -7.0]), 0.0);
    assert_eq!(evppi(&[0.1, 0.2], &[-1.0, -2.0]), 0.0);
    assert_eq!(evpi(&[]), 0.0);
}

#[test]
fn spearman_on_known_columns() {
    assert_eq!(
        spearman(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 35.0, 40.0]),
        Some(1.0)
    );
    assert_eq!(spearman(&[1.0, 2.0, 3.0], &[9.0, 4.0, 1.0]), Some(-1.0));
    // Ties take the mean of their ranks: x ranks 1, 2.5, 2.5, 4.
    let r = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]).unwrap();
    assert!((r - 4.5 / 22.5f64.sqrt()).abs() < 1e-12, "{r}");
    assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
    assert_eq!(spearman(&[1.0], &[1.0]), None);
}

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let sc = presets::example();
    let options = RunOptions::new(2_000, 11);
    let (a, b) = run_both(
        sc.clone().validate().unwrap(),
        sc.validate().unwrap(),
        &options,
    )
    .unwrap();
    for &m in &decide::DECISION_METRICS {
        let d = decide::compare::differences(a.metric(m), b.metric(m));
        assert!(d.iter().all(|&x| x == 0.0), "{m}");
        let c = Comparison::of(&a, &b, m).unwrap();
        assert_eq!(c.a, c.b);
        assert_eq!(c.prob_b_better, Some(0.0), "{m}");
        assert_eq!(
            (
                c.difference.mean,
                c.difference.sd,
                c.difference.p5,
                c.difference.p95
            ),
            (Some(0.0), Some(0.0), Some(0.0), Some(0.0))
        );
    }
    let md = median_difference(a.metric(Metric::Profit), b.metric(Metric::Profit), 11).unwrap();
    assert_eq!((md.estimate, md.low, md.high), (0.0, 0.0, 0.0));
}

/// The course's price up 10% with no demand response: the same people buy in
/// every trial (common random numbers), so B earns more in every trial with a
/// course buyer and never less.
#[test]
fn a_price_rise_without_demand_response_wins_in_every_trial() {
    let a = presets::example();
    assert_eq!(a.offers[1].price_halving_step, None);
    let mut b = a.clone();
    set(&mut b, "offers[1].price", Uncertain::Fixed(330.0));
    let (ba, bb) = run_both(
        a.clone().validate().unwrap(),
        b.validate().unwrap(),
        &RunOptions::new(2_000, 5),
    )
    .unwrap();
    let d = decide::compare::differences(ba.metric(Metric::Profit), bb.metric(Metric::Profit));
    assert_eq!(d.len(), 2_000);
    assert!(d.iter().all(|&x| x >= 0.0), "never worse");
    let c = Comparison::of(&ba, &bb, Metric::Profit).unwrap();
    assert!(c.prob_b_better.unwrap() > 0.99, "{c:?}");
    assert!(c.difference.p5.unwrap() > 0.0, "{c:?}");
    let md = median_difference(ba.metric(Metric::Profit), bb.metric(Metric::Profit), 5).unwrap();
    assert!(
        0.0 < md.low && md.low <= md.estimate && md.estimate <= md.high,
        "{md:?}"
    );
    // Cash needed is better when lower: B needs no more cash than A.
    let cash = Comparison::of(&ba, &bb, Metric::CashNeeded).unwrap();
    assert!(cash.difference.p95.unwrap() <= 0.0, "{cash:?}");
    let worse =
        decide::compare::differences(ba.metric(Metric::CashNeeded), bb.metric(Metric::CashNeeded))
            .iter()
            .filter(|&&x| x < 0.0)
            .count();
    assert_eq!(cash.prob_b_better, Some(worse as f64 / 2_000.0));
}

#[test]
fn runs_of_other_trials_are_not_compared() {
    let sc = presets::example();
    let plan = Plan::new(sc.validate().unwrap(), RunOptions::new(20, 1)).unwrap();
    let (x, y) = (Batch::run(&plan, 0, 10), Batch::run(&plan, 10, 10));
    let e = Comparison::of(&x, &y, Metric::Profit).unwrap_err();
    assert!(e.to_string().contains("same trials"), "{e}");
}

#[test]
fn decision_metrics_by_name() {
    assert_eq!(
        decide::decision_metric("payback_day"),
        Ok(Metric::PaybackDay)
    );
    let e = decide::decision_metric("visitors").unwrap_err().to_string();
    assert!(
        e.starts_with("metric: must be one of profit, revenue"),
        "{e}"
    );
    assert!(!decide::higher_is_better(Metric::CashNeeded));
    assert!(decide::higher_is_better(Metric::Roi));
}

/// What the dashboard shows against a pinned baseline: the price rise's
/// per-trial differences are all in the histogram's non-negative bins, and
/// the histogram counts every paired trial.
#[test]
fn against_a_baseline_the_dashboard_gets_the_differences_distribution() {
    let a = presets::example();
    let mut b = a.clone();
    set(&mut b, "offers[1].price", Uncertain::Fixed(330.0));
    let (ba, bb) = run_both(
        a.clone().validate().unwrap(),
        b.validate().unwrap(),
        &RunOptions::new(1_000, 3),
    )
    .unwrap();
    let v = decide::AgainstBaseline::of(&ba, &bb, Metric::Profit, 3).unwrap();
    assert_eq!(
        v.comparison,
        Comparison::of(&ba, &bb, Metric::Profit).unwrap()
    );
    let h = v.difference_histogram.unwrap();
    assert_eq!(h.counts.iter().sum::<u64>(), 1_000);
    assert!(h.min >= 0.0, "{h:?}");
    let md = v.median_difference.unwrap();
    assert!(md.low > 0.0);
    // Against itself: one bin at 0.
    let same = decide::AgainstBaseline::of(&ba, &ba, Metric::Profit, 3).unwrap();
    let h = same.difference_histogram.unwrap();
    assert_eq!(
        (h.min, h.max, h.counts.as_slice()),
        (0.0, 0.0, &[1_000][..])
    );
}

/// A trial that never pays back counts as paying back the day after the
/// horizon: a low opt-in that keeps payback beyond the horizon still has a
/// swing, and medians never pass the horizon.
#[test]
fn never_paying_back_counts_as_the_day_after_the_horizon() {
    let sc = presets::example();
    let horizon = f64::from(sc.horizon_days);
    let b = batch(&sc, 400);
    let raw = b.metric(Metric::PaybackDay);
    let never = raw.iter().filter(|v| v.is_none()).count();
    assert!(never > 0, "some trials of the example never pay back");
    let column = decide::decision_column(&b, Metric::PaybackDay);
    for (r, c) in raw.iter().zip(&column) {
        assert_eq!(*c, Some(r.unwrap_or(horizon)));
    }
    assert_eq!(
        decide::decision_column(&b, Metric::Roi),
        b.metric(Metric::Roi)
    );
    let s = Sensitivity::of(&b, Metric::PaybackDay);
    for e in &s.inputs {
        assert!(e.swing.is_some(), "{e:?}");
        for m in [e.low.metric.unwrap(), e.high.metric.unwrap()] {
            assert!((0.0..=horizon).contains(&m), "{e:?}");
        }
    }
    // More opt-in, earlier payback.
    let optin = s
        .inputs
        .iter()
        .find(|e| e.path == "channels[0].optin_rate")
        .unwrap();
    assert!(optin.rank_correlation.unwrap() < 0.0, "{optin:?}");
}

/// The worker sends these to the page as JSON: they read back the same.
#[test]
fn results_travel_as_json() {
    let b = batch(&presets::example(), 300);
    let s = Sensitivity::of(&b, Metric::CashNeeded);
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Sensitivity>(&text).unwrap(), s);
    let bad = text.replace("\"metric\":\"cash_needed\"", "\"metric\":\"nonsense\"");
    assert_ne!(bad, text);
    let e = serde_json::from_str::<Sensitivity>(&bad).unwrap_err();
    assert!(e.to_string().contains("unknown metric \"nonsense\""), "{e}");
    let v = decide::AgainstBaseline::of(&b, &b, Metric::Revenue, 1).unwrap();
    let text = serde_json::to_string(&v).unwrap();
    assert_eq!(
        serde_json::from_str::<decide::AgainstBaseline>(&text).unwrap(),
        v
    );
}

/// The panel's ranking names each input as the editor does, in the language
/// asked, and says which one to test first in money rounded to "about".
#[test]
fn the_ranking_names_inputs_and_says_what_to_test_first() {
    use funnel_lab::decide::{about, Ranking};
    use funnel_lab::i18n::{field_place, Lang};
    let sc = break_even_with_an_idle_input();
    let b = batch(&sc, 2_000);
    for lang in Lang::ALL {
        let r = Ranking::of(3, &b, Metric::Profit).named(lang, &sc);
        assert_eq!(r.sensitivity, Sensitivity::of(&b, Metric::Profit));
        assert_eq!(r.labels.len(), r.sensitivity.inputs.len());
        for (e, l) in r.sensitivity.inputs.iter().zip(&r.labels) {
            assert_eq!(*l, field_place(lang, &sc, &e.path));
            assert_eq!(r.label(&e.path), l);
        }
        let top = r
            .sensitivity
            .worth_testing_first()
            .expect("one input matters");
        let sentence = r.worth_sentence("USD", lang);
        assert!(sentence.contains(r.label(&top.path)), "{sentence}");
        let money = lang.numbers().money(about(top.evppi), "USD");
        assert!(sentence.contains(&money), "{sentence} has {money}");
        // Nothing above the noise: the sentence says so, naming no input.
        let mut quiet = r.clone();
        quiet.sensitivity.evppi_noise = f64::INFINITY;
        let none = quiet.worth_sentence("USD", lang);
        assert!(!none.contains(r.label(&top.path)), "{none}");
        assert_ne!(none, sentence);
    }
    assert_eq!(r_label_of_unknown(), "offers[9].price");
    assert_eq!(about(1_234.0), 1_200.0);
    assert_eq!(about(-1_250.0), -1_300.0);
    assert!((about(0.056_7) - 0.057).abs() < 1e-12);
    assert_eq!(about(0.0), 0.0);
    assert_eq!(about(99.6), 100.0);
}

fn r_label_of_unknown() -> String {
    let sc = presets::example();
    let r = funnel_lab::decide::Ranking::of(1, &batch(&sc, 50), Metric::Profit)
        .named(funnel_lab::i18n::Lang::En, &sc);
    r.label("offers[9].price").to_string()
}
