//! The `funnel-lab` command line's pricing commands: `sweep` and `seek` print
//! exactly the issue's JSON, and fail clearly.

use serde_json::Value;

#[path = "support/cli.rs"]
mod support;
use support::*;

/// `sweep` prints exactly the issue's JSON: the target, the points in price
/// order at exactly `A + (B − A)·i/(N − 1)`, each with the five profit
/// statistics, the chance of a loss and every offer's mean buyers, and both
/// marked prices.
#[test]
fn sweep_prints_the_issue_json() {
    let f = example_file();
    let args = [
        "sweep",
        f.path(),
        "--price",
        "tripwire",
        "--from",
        "1",
        "--to",
        "31.5",
        "--steps",
        "4",
        "--trials",
        "40",
        "--seed",
        "3",
    ];
    let o = cli(&args);
    assert_eq!(exit_code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["best_mean", "best_p5", "points", "target"]);
    assert_eq!(v["target"], "tripwire");
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 4);
    for (i, p) in points.iter().enumerate() {
        assert_eq!(keys(p), ["buyers", "price", "prob_loss", "profit"]);
        assert_eq!(p["price"].as_f64(), Some(1.0 + 30.5 * i as f64 / 3.0));
        assert_eq!(keys(&p["profit"]), ["mean", "p5", "p50", "p95", "sd"]);
        let ids: Vec<&String> = p["buyers"].as_object().unwrap().keys().collect();
        assert_eq!(ids.len(), 3);
        let loss = p["prob_loss"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&loss));
    }
    assert_eq!(keys(&v["best_mean"]), ["price", "profit_mean"]);
    assert_eq!(keys(&v["best_p5"]), ["price", "profit_p5"]);
    // Buyers in the scenario's order of offers (the text, not the parsed map).
    let text = stdout(&o);
    let buyers = &text[text.find("\"buyers\"").unwrap()..];
    let at = |id: &str| buyers.find(&format!("\"{id}\"")).unwrap();
    assert!(
        at("tripwire") < at("core") && at("core") < at("upsell"),
        "{buyers}"
    );
    let best = v["best_mean"]["profit_mean"].as_f64().unwrap();
    for p in points {
        assert!(p["profit"]["mean"].as_f64().unwrap() <= best);
    }
    // The same seed gives the same sweep.
    let again = cli(&args);
    assert_eq!(stdout(&again), stdout(&o));
}

#[test]
fn sweep_refuses_bad_targets_ranges_and_steps_in_one_line() {
    let f = example_file();
    let base = ["sweep", f.path(), "--trials", "5"];
    for (extra, needle) in [
        (
            &["--price", "nope", "--from", "1", "--to", "2"][..],
            "\"nope\"",
        ),
        (&["--price", "core", "--from", "5", "--to", "2"][..], "from"),
        (
            &[
                "--price", "core", "--from", "1", "--to", "2", "--steps", "1",
            ][..],
            "steps",
        ),
    ] {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let err = assert_one_line_failure(&cli(&args), needle);
        assert!(err.contains(needle), "{needle}: {err}");
    }
}

/// `seek` prints exactly `{"path", "value", "bracket": [lo, hi], "chance_at_value"}`.
#[test]
fn seek_prints_the_issue_json() {
    let f = example_file();
    let o = cli(&[
        "seek",
        f.path(),
        "--vary",
        "channels[0].cost_per_visitor",
        "--chance",
        "0.6",
        "--profit-at-least",
        "-500",
        "--by-day",
        "120",
        "--trials",
        "60",
    ]);
    assert_eq!(exit_code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["bracket", "chance_at_value", "path", "value"]);
    assert_eq!(v["path"], "channels[0].cost_per_visitor");
    let value = v["value"].as_f64().unwrap();
    let bracket = v["bracket"].as_array().unwrap();
    assert_eq!(bracket.len(), 2);
    let (lo, hi) = (bracket[0].as_f64().unwrap(), bracket[1].as_f64().unwrap());
    assert!(lo <= value && value <= hi && lo >= 0.0, "{v}");
    assert!(v["chance_at_value"].as_f64().unwrap() >= 0.6);
}

/// A goal no value reaches: exit 1, one line saying so and which way it lies.
#[test]
fn seek_says_when_the_goal_is_out_of_reach() {
    let f = example_file();
    let o = cli(&[
        "seek",
        f.path(),
        "--vary",
        "channels[0].cost_per_visitor",
        "--chance",
        "0.9",
        "--profit-at-least",
        "1e12",
        "--trials",
        "20",
    ]);
    assert_eq!(exit_code(&o), 1);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no value of channels[0].cost_per_visitor"),
        "{err}"
    );
    assert!(err.contains("towards lower values"), "{err}");
    assert!(stdout(&o).is_empty());
    let o = cli(&[
        "seek",
        f.path(),
        "--vary",
        "channels[0].name",
        "--chance",
        "0.9",
    ]);
    let err = assert_one_line_failure(&o, "a text field");
    assert!(err.contains("channels[0].name"), "{err}");
}
