//! Correlated uncertain values (`docs/model.md`, "Correlations"): every tied
//! value keeps exactly the distribution entered, the ranks correlate as asked,
//! validation names every problem, and files and links without ties read,
//! run and are written as before.

use funnel_lab::correlation::{correlatable_paths, Correlation};
use funnel_lab::engine::{quantile_uncertain, InputLevels, Inputs, Plan, RunOptions};
use funnel_lab::inputs::Field;
use funnel_lab::persist::{decode_link, encode_link, Saved};
use funnel_lab::presets;
use funnel_lab::quantile::Level;
use funnel_lab::scenario::{Scenario, Uncertain};
use funnel_lab::validate::Problem;

/// The example with uncertain values of every form at the tied paths.
fn scenario() -> Scenario {
    let mut sc = presets::example();
    sc.nurture.conversion_per_touch = Uncertain::Triangular {
        low: 0.005,
        mode: 0.01,
        high: 0.03,
    };
    sc.lead_magnet.delivery_cost = Uncertain::Uniform {
        low: 0.02,
        high: 0.08,
    };
    sc
}

const OPTIN: &str = "channels[0].optin_rate"; // a 90% range of a rate
const COST: &str = "channels[0].cost_per_visitor"; // a 90% range of an amount
const CONVERSION: &str = "nurture.conversion_per_touch"; // triangular
const TAKE: &str = "offers[1].take_rate"; // observed data
const DELIVERY: &str = "lead_magnet.delivery_cost"; // uniform

fn tied() -> Scenario {
    let mut sc = scenario();
    sc.correlations = vec![
        Correlation::new(OPTIN, CONVERSION, 0.6),
        Correlation::new(TAKE, CONVERSION, -0.4),
        Correlation::new(COST, DELIVERY, 0.3),
        Correlation::new(OPTIN, TAKE, 0.2),
    ];
    sc
}

/// The draws of `paths` in trials 0 .. n, column by column.
fn draws(sc: &Scenario, paths: &[&str], n: u64) -> Vec<Vec<f64>> {
    let inputs = Inputs::of(sc);
    let at: Vec<usize> = paths
        .iter()
        .map(|p| inputs.index_of(Field::parse(p).unwrap()).unwrap())
        .collect();
    let mut cols = vec![Vec::with_capacity(n as usize); paths.len()];
    for t in 0..n {
        let d = inputs.draw(sc, 3, t, InputLevels::Stratified);
        for (col, &i) in cols.iter_mut().zip(&at) {
            col.push(d[i]);
        }
    }
    cols
}

fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    for (rank, &i) in order.iter().enumerate() {
        r[i] = rank as f64;
    }
    r
}

/// Spearman's rank correlation (no ties among continuous draws).
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let m = (a.len() - 1) as f64 / 2.0;
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - m) * (y - m)).sum();
    let var: f64 = ra.iter().map(|x| (x - m) * (x - m)).sum();
    cov / var
}

#[test]
fn tied_values_keep_their_distributions_and_correlate_as_asked() {
    let n = 60_000;
    let sc = tied();
    let paths = [OPTIN, COST, CONVERSION, TAKE, DELIVERY];
    let cols = draws(&sc, &paths, n);
    // Marginals: the share of draws below each entered quantile is its level
    // (4 standard errors of a proportion).
    for (path, col) in paths.iter().zip(&cols) {
        let f = Field::parse(path).unwrap();
        let u = f.uncertain(&sc).unwrap();
        for p in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let x = quantile_uncertain(u, f.spec().domain, Level::Uniform(p));
            let share = col.iter().filter(|&&v| v < x).count() as f64 / n as f64;
            let se = (p * (1.0 - p) / n as f64).sqrt();
            assert!(
                (share - p).abs() <= 4.0 * se,
                "{path}: P(X < q{p}) = {share} (se {se})"
            );
        }
    }
    // Rank correlations: atanh of Spearman's rho has sd √(1.06 / (n − 3))
    // (Fieller, Hartley & Pearson 1957); untied pairs are uncorrelated.
    let se = (1.06 / (n as f64 - 3.0)).sqrt();
    let col = |p: &str| &cols[paths.iter().position(|q| *q == p).unwrap()];
    for (p, q, rank) in [
        (OPTIN, CONVERSION, 0.6),
        (TAKE, CONVERSION, -0.4),
        (COST, DELIVERY, 0.3),
        (OPTIN, TAKE, 0.2),
        (OPTIN, COST, 0.0),
        (CONVERSION, DELIVERY, 0.0),
    ] {
        let rho = spearman(col(p), col(q));
        assert!(
            (rho.atanh() - f64::atanh(rank)).abs() <= 4.0 * se,
            "{p} with {q}: rank correlation {rho}, asked {rank} (se of atanh {se})"
        );
    }
}

#[test]
fn ties_change_only_the_levels_of_the_tied_values() {
    let free = draws(&scenario(), &[OPTIN, COST, "offers[0].price"], 200);
    let mut sc = scenario();
    sc.correlations = vec![Correlation::new(CONVERSION, TAKE, 0.5)];
    let with = draws(&sc, &[OPTIN, COST, "offers[0].price"], 200);
    assert_eq!(free, with, "values outside the tie are drawn as before");
    // The first tied value (in table order) keeps its own normal, so its draws
    // are unchanged too; the second moves.
    let a = draws(&scenario(), &[CONVERSION, TAKE], 50);
    let b = draws(&sc, &[CONVERSION, TAKE], 50);
    assert_eq!(a[0], b[0]);
    assert_ne!(a[1], b[1]);
}

fn problems(sc: &Scenario) -> Vec<(String, Problem)> {
    match sc.check() {
        Ok(()) => Vec::new(),
        Err(e) => e.0.into_iter().map(|e| (e.path, e.problem)).collect(),
    }
}

#[test]
fn validation_names_every_problem_of_the_ties() {
    assert_eq!(problems(&tied()), vec![]);
    let mut sc = scenario();
    sc.correlations = vec![
        Correlation::new("channels[7].optin_rate", "nurture.bogus", 0.5),
        Correlation::new("nurture.touches_per_week", "nurture.cost_per_touch", 0.5),
        Correlation::new(OPTIN, OPTIN, 0.5),
        Correlation::new(OPTIN, TAKE, 1.0),
        Correlation::new(TAKE, OPTIN, -0.2),
        Correlation {
            paths: vec![OPTIN.into()],
            rank: f64::NAN,
        },
    ];
    let got = problems(&sc);
    let want = vec![
        (
            "correlations[0].paths[0]",
            Problem::UnknownPath("channels[7].optin_rate".into()),
        ),
        (
            "correlations[0].paths[1]",
            Problem::UnknownPath("nurture.bogus".into()),
        ),
        (
            "correlations[1].paths[0]",
            Problem::NotUncertain("nurture.touches_per_week".into()),
        ),
        (
            "correlations[1].paths[1]",
            Problem::FixedInCorrelation("nurture.cost_per_touch".into()),
        ),
        ("correlations[2].paths", Problem::TiedToItself(OPTIN.into())),
        ("correlations[3].rank", Problem::RankOutside(1.0)),
        ("correlations[4].paths", Problem::RepeatedPair(3)),
        ("correlations[5].rank", Problem::RankOutside(f64::NAN)),
        ("correlations[5].paths", Problem::NotTwoPaths(1)),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((path, problem), (want_path, want_problem)) in got.iter().zip(&want) {
        assert_eq!(path, want_path);
        // NaN ≠ NaN: compare the messages.
        assert_eq!(problem.to_string(), want_problem.to_string());
    }
    // A path to a stage that is off names no field either.
    let mut sc = scenario();
    sc.repeat = None;
    sc.correlations = vec![Correlation::new("repeat.price", OPTIN, 0.3)];
    assert_eq!(
        problems(&sc),
        vec![(
            "correlations[0].paths[0]".into(),
            Problem::UnknownPath("repeat.price".into())
        )]
    );
    // Ties that cannot hold together: A and B, B and C strongly alike, A and C
    // strongly opposite.
    let mut sc = scenario();
    sc.correlations = vec![
        Correlation::new(OPTIN, CONVERSION, 0.9),
        Correlation::new(CONVERSION, TAKE, 0.9),
        Correlation::new(OPTIN, TAKE, -0.9),
    ];
    let got = problems(&sc);
    assert_eq!(
        got,
        vec![(
            "correlations".into(),
            Problem::NotPositiveDefinite(TAKE.into())
        )]
    );
    assert!(got[0].1.to_string().contains("cannot all hold at once"));
    // Weaker ranks hold.
    sc.correlations[2].rank = 0.7;
    assert_eq!(problems(&sc), vec![]);
    assert!(sc.validate().is_ok());
}

#[test]
fn files_and_links_without_ties_read_and_are_written_as_before() {
    let plain = presets::example();
    assert!(plain.correlations.is_empty());
    assert!(!plain.to_json_pretty().contains("correlations"));
    let json = tied().to_json_pretty();
    assert!(json.contains("\"correlations\""));
    assert_eq!(Scenario::from_json(&json).unwrap(), tied());
    // `null` is no ties, like the optional stages.
    let mut v: serde_json::Value = serde_json::from_str(presets::EXAMPLE_JSON).unwrap();
    v["correlations"] = serde_json::Value::Null;
    assert_eq!(Scenario::from_json_value(v).unwrap(), plain);
    // A share link made before ties existed opens; one with ties keeps them.
    for sc in [plain, tied()] {
        let saved = Saved::with_default_run(sc);
        assert_eq!(decode_link(&encode_link(&saved)).unwrap(), saved);
    }
    // An unknown key in a tie is refused when read.
    let bad = json.replace("\"rank\"", "\"rnak\"");
    let err = Scenario::from_json(&bad).unwrap_err().to_string();
    assert!(err.starts_with("correlations[0]"), "{err}");
}

#[test]
fn an_editor_lists_sets_and_removes_ties() {
    let mut sc = scenario();
    let paths = correlatable_paths(&sc);
    // Exactly the uncertain values that are not fixed, in table order.
    assert_eq!(paths, vec![COST, OPTIN, DELIVERY, CONVERSION, TAKE]);
    assert_eq!(sc.correlation(OPTIN, TAKE), None);
    sc.set_correlation(OPTIN, TAKE, 0.5).unwrap();
    sc.set_correlation(TAKE, OPTIN, -0.25).unwrap();
    assert_eq!(sc.correlations, vec![Correlation::new(OPTIN, TAKE, -0.25)]);
    assert_eq!(sc.correlation(TAKE, OPTIN), Some(-0.25));
    // Refused, changing nothing.
    let before = sc.clone();
    assert_eq!(
        sc.set_correlation(OPTIN, "nurture.cost_per_touch", 0.5),
        Err(Problem::FixedInCorrelation("nurture.cost_per_touch".into()))
    );
    assert_eq!(
        sc.set_correlation(OPTIN, COST, 1.0),
        Err(Problem::RankOutside(1.0))
    );
    assert_eq!(
        sc.set_correlation(COST, COST, 0.1),
        Err(Problem::TiedToItself(COST.into()))
    );
    sc.set_correlation(OPTIN, CONVERSION, 0.95).unwrap();
    let holding = sc.clone();
    assert!(matches!(
        sc.set_correlation(CONVERSION, TAKE, 0.9),
        Err(Problem::NotPositiveDefinite(_))
    ));
    assert_eq!(sc, holding);
    assert!(sc.remove_correlation(CONVERSION, OPTIN));
    assert!(!sc.remove_correlation(CONVERSION, OPTIN));
    assert_eq!(sc, before);
    // A tied scenario runs.
    let plan = Plan::new(tied().validate().unwrap(), RunOptions::new(20, 1)).unwrap();
    assert_eq!(plan.inputs().copula().unwrap().members().len(), 5);
    assert!(plan.trial(3).profit().is_finite());
}
