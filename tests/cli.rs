//! The `funnel-lab` command line: `example`, `validate`, `run`, `sensitivity`,
//! `compare`, and how it fails on bad flags, paths and files (one line on
//! stderr, exit code 2). `sweep` and `seek`: tests/cli_pricing.rs.

use funnel_lab::metrics::{Metric, MetricKey, OfferField};
use funnel_lab::presets;
use funnel_lab::scenario::Scenario;
use serde_json::Value;
use std::process::Output;

#[path = "support/cli.rs"]
mod support;
use support::*;

#[test]
fn example_prints_valid_json_that_validates() {
    let o = cli(&["example"]);
    assert_eq!(exit_code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).is_empty());
    let text = stdout(&o);
    let _: Value = serde_json::from_str(&text).expect("example prints JSON");
    let sc = Scenario::from_json(&text).expect("example prints a schema-1 scenario");
    sc.check().expect("the printed example validates");
    assert_eq!(sc, presets::example());
}

#[test]
fn validate_example_exits_zero() {
    let f = example_file();
    let o = cli(&["validate", f.path()]);
    assert_eq!(exit_code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("valid"), "{out}");
    assert!(out.contains(f.path()), "names the file: {out}");
}

/// The example with five problems in different sections.
fn bad_scenario() -> Scenario {
    let mut sc = presets::example();
    sc.currency = String::new();
    sc.channels[0].optin_rate = 1.5.into();
    sc.nurture.touches_per_week = 9.0;
    sc.offers[2].take_rate = Some(funnel_lab::scenario::Uncertain::range(0.05, 1.0));
    sc.referrals.as_mut().unwrap().window_days = 0;
    sc
}

#[test]
fn validate_bad_file_prints_every_error_and_exits_one() {
    let sc = bad_scenario();
    let expected: Vec<String> = sc
        .check()
        .unwrap_err()
        .errors()
        .iter()
        .map(|e| format!("{}: {}", e.path, e.problem))
        .collect();
    assert_eq!(expected.len(), 5);
    let f = Temp::file("bad.json", sc.to_json_pretty().as_bytes());
    let o = cli(&["validate", f.path()]);
    assert_eq!(exit_code(&o), 1, "stderr: {}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines, expected,
        "every problem, one per line, in file order"
    );
    for line in &lines {
        let (path, msg) = line.split_once(": ").expect("each line is `path: message`");
        assert!(!path.is_empty() && !path.contains(' '), "path {path:?}");
        assert!(!msg.is_empty());
    }
    assert!(
        out.contains("offers[2].take_rate: high must be below 1"),
        "{out}"
    );
}

#[test]
fn run_invalid_scenario_lists_problems_and_exits_one() {
    let f = Temp::file("bad-run.json", bad_scenario().to_json_pretty().as_bytes());
    let o = cli(&["run", f.path(), "--trials", "10"]);
    assert_eq!(exit_code(&o), 1);
    assert!(stdout(&o).is_empty(), "no summary for an invalid scenario");
    let err = stderr(&o);
    assert!(!err.contains("panicked"));
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(err.contains("nurture.touches_per_week: "), "{err}");
}

const STAT_KEYS: &[&str] = &["mean", "sd", "p5", "p25", "p50", "p75", "p95", "defined"];

fn run_example(seed: &str) -> Output {
    let f = example_file();
    cli(&["run", f.path(), "--trials", "200", "--seed", seed])
}

fn check_stats(name: &str, m: &Value, trials: u64) {
    let obj = m
        .as_object()
        .unwrap_or_else(|| panic!("metric {name} is an object: {m}"));
    for k in STAT_KEYS {
        assert!(obj.contains_key(*k), "metric {name} lacks {k}: {m}");
    }
    let defined = obj["defined"]
        .as_u64()
        .unwrap_or_else(|| panic!("{name}.defined is a count"));
    assert!(defined <= trials, "{name}.defined = {defined}");
    for k in &STAT_KEYS[..7] {
        let v = &obj[*k];
        if defined > 0 {
            let x = v
                .as_f64()
                .unwrap_or_else(|| panic!("{name}.{k} is a number when defined: {v}"));
            assert!(x.is_finite(), "{name}.{k} = {x}");
        } else {
            assert!(v.is_null(), "{name}.{k} is null when never defined: {v}");
        }
    }
    if defined > 0 {
        let q: Vec<f64> = ["p5", "p25", "p50", "p75", "p95"]
            .iter()
            .map(|k| obj[*k].as_f64().unwrap())
            .collect();
        assert!(
            q.windows(2).all(|w| w[0] <= w[1]),
            "{name} quantiles in order: {q:?}"
        );
        assert!(obj["sd"].as_f64().unwrap() >= 0.0);
    }
}

#[test]
fn run_prints_summary_json() {
    let o = run_example("3");
    assert_eq!(exit_code(&o), 0, "stderr: {}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("run prints JSON");
    assert_eq!(v["trials"], 200);
    assert_eq!(v["seed"], 3);
    let metrics = v["metrics"].as_object().expect("metrics is an object");
    let mut names: Vec<String> = Metric::ALL.iter().map(|m| m.to_string()).collect();
    for offer in presets::example().offers {
        for &f in OfferField::ALL {
            names.push(MetricKey::Offer(f, &offer.id).to_string());
        }
    }
    assert_eq!(metrics.len(), names.len(), "no other metric");
    for name in &names {
        let m = metrics
            .get(name)
            .unwrap_or_else(|| panic!("metrics lacks {name}"));
        check_stats(name, m, 200);
    }
    // Metrics that every trial defines in the example.
    for m in [
        Metric::Visitors,
        Metric::Leads,
        Metric::Revenue,
        Metric::Cost,
        Metric::Profit,
        Metric::CashNeeded,
    ] {
        assert_eq!(metrics[m.name()]["defined"], 200, "{m}");
    }
    assert!(metrics["visitors"]["mean"].as_f64().unwrap() > 0.0);
    let p = v["prob_loss"].as_f64().expect("prob_loss is a number");
    assert!((0.0..=1.0).contains(&p), "prob_loss {p}");
    let offers = v["offers"].as_array().expect("offers is a list");
    let ids: Vec<&str> = offers.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["tripwire", "core", "upsell"]);
    let channels = v["channels"].as_array().expect("channels is a list");
    let names: Vec<&str> = channels
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Search ads", "referral"]);
}

#[test]
fn run_is_reproducible_and_depends_on_the_seed() {
    let a = run_example("3");
    let b = run_example("3");
    let c = run_example("4");
    for o in [&a, &b, &c] {
        assert_eq!(exit_code(o), 0, "{}", stderr(o));
    }
    assert!(
        a.stdout == b.stdout,
        "the same seed gives byte-identical output"
    );
    assert!(
        a.stdout != c.stdout,
        "a different seed gives different output"
    );
    let va: Value = serde_json::from_str(&stdout(&a)).unwrap();
    let vc: Value = serde_json::from_str(&stdout(&c)).unwrap();
    assert_ne!(
        va["metrics"]["profit"]["mean"],
        vc["metrics"]["profit"]["mean"]
    );
}

#[test]
fn compact_output_is_the_same_json() {
    let f = example_file();
    let pretty = cli(&["run", f.path(), "--trials", "20", "--seed", "9"]);
    let compact = cli(&[
        "run",
        f.path(),
        "--trials",
        "20",
        "--seed",
        "9",
        "--compact",
    ]);
    assert_eq!(exit_code(&compact), 0, "{}", stderr(&compact));
    let out = stdout(&compact);
    assert_eq!(out.lines().count(), 1, "compact JSON is one line");
    let a: Value = serde_json::from_str(&stdout(&pretty)).unwrap();
    let b: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a, b);
}

#[test]
fn bad_flags_fail_with_one_line() {
    let f = example_file();
    let p = f.path();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("unknown flag", vec!["run", p, "--bogus"]),
        ("unknown flag on validate", vec!["validate", p, "--bogus"]),
        ("trials not a number", vec!["run", p, "--trials", "abc"]),
        ("trials zero", vec!["run", p, "--trials", "0"]),
        ("trials negative", vec!["run", p, "--trials", "-5"]),
        ("trials too many", vec!["run", p, "--trials", "10000001"]),
        (
            "trials past u64",
            vec!["run", p, "--trials", "99999999999999999999999"],
        ),
        ("seed not a number", vec!["run", p, "--seed", "x"]),
        ("trials without value", vec!["run", p, "--trials"]),
        ("run without file", vec!["run"]),
        ("validate without file", vec!["validate"]),
        ("unknown command", vec!["simulate", p]),
        ("no command", vec![]),
    ];
    for (what, args) in cases {
        let o = cli(&args);
        let err = assert_one_line_failure(&o, what);
        assert!(err.starts_with("funnel-lab: "), "{what}: {err}");
    }
}

/// Without a command the one line must say that a command is missing (clap's
/// first line here is the program's description, which says nothing of it).
#[test]
fn no_command_says_what_is_missing() {
    let o = cli(&[]);
    let err = assert_one_line_failure(&o, "no command");
    let lower = err.to_lowercase();
    assert!(
        lower.contains("command") || (lower.contains("run") && lower.contains("validate")),
        "the message should say a command is needed: {err}"
    );
}

#[test]
fn trials_zero_message_names_the_limit() {
    let f = example_file();
    let o = cli(&["run", f.path(), "--trials", "0"]);
    let err = assert_one_line_failure(&o, "trials 0");
    assert!(err.contains("--trials") && err.contains("got 0"), "{err}");
}

#[test]
fn help_and_version_exit_zero() {
    for flag in ["--help", "--version"] {
        let o = cli(&[flag]);
        assert_eq!(exit_code(&o), 0, "{flag}: {}", stderr(&o));
        assert!(!stdout(&o).is_empty());
    }
}

/// Each bad path or file, for both `run` and `validate`.
fn bad_inputs() -> Vec<(&'static str, Temp, &'static str)> {
    let mut schema2: Value = serde_json::from_str(presets::EXAMPLE_JSON).unwrap();
    schema2["schema"] = Value::from(2);
    let mut wrong_type: Value = serde_json::from_str(presets::EXAMPLE_JSON).unwrap();
    wrong_type["channels"][0]["visitors_per_day"] = Value::from("many");
    vec![
        ("a directory", Temp::dir("dir"), "cannot read"),
        (
            "not JSON",
            Temp::file("notjson.json", b"this is not json"),
            "not valid JSON",
        ),
        (
            "empty file",
            Temp::file("empty.json", b""),
            "not valid JSON",
        ),
        (
            "cut short",
            Temp::file("short.json", &presets::EXAMPLE_JSON.as_bytes()[..200]),
            "not valid JSON",
        ),
        (
            "not UTF-8",
            Temp::file("latin1.json", b"{\"schema\": 1, \"name\": \"caf\xe9\"}"),
            "cannot read",
        ),
        (
            "schema 2",
            Temp::file("schema2.json", schema2.to_string().as_bytes()),
            "schema 2",
        ),
        (
            "no schema",
            Temp::file("noschema.json", b"{\"name\": \"x\"}"),
            "schema",
        ),
        (
            "wrong type",
            Temp::file("wrongtype.json", wrong_type.to_string().as_bytes()),
            "channels[0].visitors_per_day",
        ),
        (
            "multi-line JSON error",
            Temp::file("multiline.json", b"{\n\n\n  \"schema\": 1,\n  oops\n}"),
            "line 5",
        ),
    ]
}

#[test]
fn bad_paths_and_files_fail_with_one_line() {
    for cmd in ["run", "validate"] {
        let missing = temp_path("missing.json");
        let o = cli(&[cmd, missing.to_str().unwrap()]);
        let err = assert_one_line_failure(&o, &format!("{cmd}: missing file"));
        assert!(err.contains("cannot read"), "{err}");
        assert!(
            err.contains(missing.to_str().unwrap()),
            "names the path: {err}"
        );

        for (what, file, word) in bad_inputs() {
            let args: Vec<&str> = if cmd == "run" {
                vec![cmd, file.path(), "--trials", "5"]
            } else {
                vec![cmd, file.path()]
            };
            let o = cli(&args);
            let err = assert_one_line_failure(&o, &format!("{cmd}: {what}"));
            assert!(err.starts_with("funnel-lab: "), "{cmd}: {what}: {err}");
            assert!(
                err.contains(word),
                "{cmd}: {what}: should mention {word:?}: {err}"
            );
            assert!(
                err.contains(file.path()),
                "{cmd}: {what}: names the file: {err}"
            );
        }
    }
}

#[test]
fn schema_two_message_names_schema() {
    let mut v: Value = serde_json::from_str(presets::EXAMPLE_JSON).unwrap();
    v["schema"] = Value::from(2);
    let f = Temp::file("schema2b.json", v.to_string().as_bytes());
    let o = cli(&["validate", f.path()]);
    let err = assert_one_line_failure(&o, "schema 2");
    assert!(
        err.contains("schema 2") && err.contains("schema 1"),
        "{err}"
    );
}

/// The example scenario as JSON, changed by `edit`.
fn example_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(presets::EXAMPLE_JSON).unwrap();
    edit(&mut v);
    v.to_string().into_bytes()
}

#[test]
fn each_structural_limit_is_refused_with_its_message() {
    use funnel_lab::limits::{MAX_CHANNELS, MAX_OFFERS, MAX_SCENARIO_BYTES, MAX_TEXT_CHARS};
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "channels",
            example_with(|v| {
                let c = v["channels"][0].clone();
                v["channels"] = Value::Array(vec![c; MAX_CHANNELS + 1]);
            }),
            format!("channels: too many channels: 51 where a scenario may have at most {MAX_CHANNELS}"),
        ),
        (
            "offers",
            example_with(|v| {
                let o = v["offers"][1].clone();
                let mut offers = vec![v["offers"][0].clone()];
                offers.extend(std::iter::repeat_n(o, MAX_OFFERS));
                v["offers"] = Value::Array(offers);
            }),
            format!("offers: too many offers: 31 where a scenario may have at most {MAX_OFFERS}"),
        ),
        (
            "a long name",
            example_with(|v| v["offers"][1]["name"] = Value::from("é".repeat(5000))),
            format!("offers[1].name: too long: 5,000 characters where names, ids and other texts may have at most {MAX_TEXT_CHARS}"),
        ),
        (
            "a large file",
            // Valid JSON, padded with spaces past the limit.
            {
                let mut b = presets::EXAMPLE_JSON.as_bytes().to_vec();
                b.resize(MAX_SCENARIO_BYTES + 10, b' ');
                b
            },
            "too large: 1,000,010 bytes where Funnel Lab reads at most 1,000,000 bytes (1 MB)".into(),
        ),
    ];
    for (what, bytes, message) in cases {
        let f = Temp::file("limit.json", &bytes);
        for cmd in ["validate", "run"] {
            let o = cli(&[cmd, f.path()]);
            let err = assert_one_line_failure(&o, &format!("{cmd}: {what}"));
            assert_eq!(
                err,
                format!("funnel-lab: {}: {message}\n", f.path()),
                "{cmd}: {what}"
            );
        }
    }
    // At the limits, the example still validates.
    let at_limits = example_with(|v| {
        let c = v["channels"][0].clone();
        let mut channels = Vec::new();
        for i in 0..MAX_CHANNELS {
            let mut c = c.clone();
            c["name"] = Value::from(format!("{i:0>200}"));
            channels.push(c);
        }
        v["channels"] = Value::Array(channels);
    });
    let f = Temp::file("at-limits.json", &at_limits);
    let o = cli(&["validate", f.path()]);
    assert_eq!(exit_code(&o), 0, "{}", stdout(&o));
}

#[test]
fn a_huge_file_is_refused_without_reading_it_whole() {
    // 50 MB of zeros, made sparse: refused at once by its size.
    let f = Temp::file("huge.json", b"");
    std::fs::File::options()
        .write(true)
        .open(f.path())
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    let o = cli(&["validate", f.path()]);
    let err = assert_one_line_failure(&o, "50 MB");
    assert!(err.contains("too large: 50,000,000 bytes"), "{err}");
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    // An OSC that would retitle the terminal, a clear-screen, a bell, a C1 CSI.
    let nasty = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
    let has_raw = |s: &str| s.chars().any(|c| c.is_control() && c != '\n');
    // Validation messages quote the name (a duplicate channel name).
    let dup = example_with(|v| {
        v["channels"][0]["name"] = Value::from(nasty);
        let twin = v["channels"][0].clone();
        v["channels"].as_array_mut().unwrap().push(twin);
    });
    let f = Temp::file("nasty.json", &dup);
    let o = cli(&["validate", f.path()]);
    assert_eq!(exit_code(&o), 1);
    let out = stdout(&o);
    assert!(!has_raw(&out), "raw control characters: {out:?}");
    assert!(
        out.contains("\\u{1b}]0;pwned\\u{7}"),
        "escaped visibly: {out}"
    );
    // A parse error quotes an unknown key.
    let key = example_with(|v| v[nasty] = Value::from(1));
    let f = Temp::file("nasty-key.json", &key);
    let err = assert_one_line_failure(&cli(&["validate", f.path()]), "unknown key");
    assert!(!has_raw(&err), "{err:?}");
    // The summary JSON names the channel: still valid JSON, with the same name.
    let ok = example_with(|v| v["channels"][0]["name"] = Value::from(nasty));
    let f = Temp::file("nasty-run.json", &ok);
    let o = cli(&["run", f.path(), "--trials", "5", "--compact"]);
    assert_eq!(exit_code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!has_raw(&out), "raw control characters: {out:?}");
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["channels"][0]["name"], nasty);
}

/// The keys of a JSON object, sorted.
fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[test]
fn sensitivity_prints_the_issue_json() {
    let f = example_file();
    let o = cli(&["sensitivity", f.path(), "--trials", "400", "--seed", "4"]);
    assert_eq!(exit_code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stderr(&o).is_empty());
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(keys(&v), ["evpi", "inputs", "median", "metric"]);
    assert_eq!(v["metric"], "profit");
    let evpi = v["evpi"].as_f64().unwrap();
    assert!(v["median"].as_f64().unwrap().is_finite());
    let inputs = v["inputs"].as_array().unwrap();
    // The example's three uncertain inputs, by their paths as validation writes them.
    let mut paths: Vec<&str> = inputs.iter().map(|i| i["path"].as_str().unwrap()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "channels[0].cost_per_visitor",
            "channels[0].optin_rate",
            "offers[1].take_rate"
        ]
    );
    let mut last = f64::INFINITY;
    for i in inputs {
        assert_eq!(
            keys(i),
            ["evppi", "high", "low", "path", "rank_correlation", "swing"]
        );
        for tail in [&i["low"], &i["high"]] {
            assert_eq!(keys(tail), ["input", "metric"]);
        }
        let (lo, hi) = (i["low"]["metric"].as_f64(), i["high"]["metric"].as_f64());
        let swing = i["swing"].as_f64().unwrap();
        assert_eq!(swing, (hi.unwrap() - lo.unwrap()).abs());
        assert!(swing <= last, "sorted by swing, largest first");
        last = swing;
        assert!(i["low"]["input"].as_f64() < i["high"]["input"].as_f64());
        let r = i["rank_correlation"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&r));
        let evppi = i["evppi"].as_f64().unwrap();
        assert!((0.0..=evpi + 1e-6).contains(&evppi), "{evppi} vs {evpi}");
    }
    // The cost per visitor lowers profit; the opt-in rate raises it.
    let r = |path: &str| {
        let i = inputs.iter().find(|i| i["path"] == path).unwrap();
        i["rank_correlation"].as_f64().unwrap()
    };
    assert!(r("channels[0].cost_per_visitor") < 0.0);
    assert!(r("channels[0].optin_rate") > 0.0);
    // Reproducible; another metric is read when asked for.
    let again = cli(&["sensitivity", f.path(), "--trials", "400", "--seed", "4"]);
    assert_eq!(stdout(&again), stdout(&o));
    let o = cli(&[
        "sensitivity",
        f.path(),
        "--trials",
        "200",
        "--metric",
        "customers",
        "--compact",
    ]);
    assert_eq!(exit_code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["metric"], "customers");
}

fn compare_json(a: &str, b: &str, extra: &[&str]) -> Value {
    let mut args = vec!["compare", a, b, "--trials", "300", "--seed", "9"];
    args.extend_from_slice(extra);
    let o = cli(&args);
    assert_eq!(exit_code(&o), 0, "stderr: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("JSON")
}

#[test]
fn compare_prints_the_issue_json_and_a_file_against_itself_differs_by_zero() {
    let f = example_file();
    let v = compare_json(f.path(), f.path(), &[]);
    assert_eq!(
        keys(&v),
        ["a", "b", "difference", "metric", "prob_b_better", "trials"]
    );
    assert_eq!(v["trials"], 300);
    assert_eq!(v["metric"], "profit");
    assert_eq!(keys(&v["difference"]), ["mean", "p5", "p50", "p95", "sd"]);
    for side in [&v["a"], &v["b"]] {
        assert_eq!(keys(side), ["mean", "p5", "p50", "p95"]);
    }
    for k in ["mean", "sd", "p5", "p50", "p95"] {
        assert_eq!(v["difference"][k], 0.0, "{k}");
    }
    assert_eq!(v["prob_b_better"], 0.0);
    assert_eq!(v["a"], v["b"]);
    let payback = compare_json(f.path(), f.path(), &["--metric", "payback_day"]);
    assert_eq!(payback["metric"], "payback_day");
}

#[test]
fn compare_sees_a_price_rise_win_in_almost_every_trial() {
    let a = example_file();
    let b = Temp::file(
        "dearer.json",
        &example_with(|v| v["offers"][1]["price"] = Value::from(330)),
    );
    let v = compare_json(a.path(), b.path(), &[]);
    assert!(v["prob_b_better"].as_f64().unwrap() > 0.99, "{v}");
    assert!(v["difference"]["p5"].as_f64().unwrap() > 0.0, "{v}");
    assert!(v["b"]["p50"].as_f64() > v["a"]["p50"].as_f64());
    // The other way round, A is better.
    let w = compare_json(b.path(), a.path(), &[]);
    assert!(w["prob_b_better"].as_f64().unwrap() < 0.01, "{w}");
}

#[test]
fn decision_commands_fail_clearly() {
    let f = example_file();
    let err = assert_one_line_failure(
        &cli(&["sensitivity", f.path(), "--metric", "visitors"]),
        "unknown metric",
    );
    assert!(
        err.contains("must be one of profit, revenue, customers, roi, payback_day, cash_needed"),
        "{err}"
    );
    let err = assert_one_line_failure(
        &cli(&["compare", f.path(), f.path(), "--trials", "0"]),
        "no trials",
    );
    assert!(err.contains("--trials must be from 1"), "{err}");
    let err = assert_one_line_failure(&cli(&["compare", f.path()]), "one file");
    assert!(err.starts_with("funnel-lab: "), "{err}");
    let missing = temp_path("missing.json");
    let err = assert_one_line_failure(
        &cli(&["sensitivity", missing.to_str().unwrap()]),
        "missing file",
    );
    assert!(err.contains("cannot read"), "{err}");
    // An invalid B: its problems, each after its file's name, exit code 1.
    let bad = Temp::file("bad.json", bad_scenario().to_json_pretty().as_bytes());
    let o = cli(&["compare", f.path(), bad.path(), "--trials", "5"]);
    assert_eq!(exit_code(&o), 1);
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 5, "{err}");
    assert!(
        err.lines()
            .all(|l| l.starts_with(&format!("{}: ", bad.path()))),
        "{err}"
    );
}
