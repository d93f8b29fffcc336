//! The fuzzing harness (issue 15): mutates the presets and their share links
//! the way an attacker or a careless user would, and checks what Funnel Lab
//! makes of each case: no panic, a refusal with a message (naming its field
//! when it is about one), or a run that finishes with no NaN or infinity in
//! any output (the worker's replies, both CSV exports).
//!
//! Used by `tests/fuzz.rs` (a few thousand cases in CI) and by
//! `examples/fuzz.rs` (as many as you like: `cargo run --release --example
//! fuzz -- CASES SEED`). Every case is a pure function of (seed, case number),
//! so a failure is reproduced by its number.

use super::finite::check_finite;
use base64::Engine;
use funnel_lab::persist::{self, Saved, LINK_PREFIX};
use funnel_lab::presets;
use funnel_lab::protocol::{
    RunSpec, Runner, RunnerReply, RunnerRequest, Summariser, SummariserReply, SummariserRequest,
    SummariserStart,
};
use funnel_lab::sampling::TrialRng;
use funnel_lab::scenario::{ParseError, Scenario};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// Trials run for each valid case (enough for quantiles and the preview path).
pub const TRIALS: u64 = 3;

/// What became of one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Refused while reading (not JSON, wrong type, over a limit…).
    Refused,
    /// Read, then refused by validation (every problem at its field).
    Invalid,
    /// Valid: it ran, and every output is finite.
    Ran,
}

/// Counts of verdicts, and the slowest case.
#[derive(Debug, Default)]
pub struct Tally {
    /// Cases by verdict: refused, invalid, ran.
    pub counts: [u64; 3],
    /// Slowest case: milliseconds and its number.
    pub slowest: (f64, u64),
}

impl Tally {
    /// Records a case.
    pub fn add(&mut self, case: u64, v: Verdict, millis: f64) {
        self.counts[v as usize] += 1;
        if millis > self.slowest.0 {
            self.slowest = (millis, case);
        }
    }
}

/// The random choices of one case.
pub struct Dice(TrialRng);

impl Dice {
    /// The dice of case `case` of a run seeded `seed`.
    pub fn new(seed: u64, case: u64) -> Dice {
        Dice(TrialRng::for_trial(seed, case, 7))
    }

    /// A whole number in `0 .. n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.0.uniform() * n as f64) as usize).min(n - 1)
    }

    /// True with chance `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.uniform() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Numbers at and beyond every edge the schema has.
const EXTREMES: &[f64] = &[
    0.0,
    -0.0,
    -1.0,
    1e-300,
    1e-9,
    0.5,
    0.999_999,
    1.0,
    1.000_001,
    2.0,
    7.0,
    30.0,
    366.0,
    3650.0,
    3651.0,
    1e5,
    1e6,
    1e9,
    1e12,
    1.000_000_1e12,
    1e15,
    1e300,
    -1e300,
    f64::MAX,
    f64::MIN,
    18_446_744_073_709_551_615.0,
    4_294_967_296.0,
];

fn extreme(d: &mut Dice) -> Value {
    let x = *d.pick(EXTREMES);
    // Whole numbers sometimes as integers, as hand-written files have them.
    if x.fract() == 0.0 && x.abs() < 1e15 && d.chance(0.5) {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn uncertain(d: &mut Dice) -> Value {
    match d.below(4) {
        0 => json!({"low": extreme(d), "high": extreme(d)}),
        1 => json!({"successes": extreme(d), "trials": extreme(d)}),
        2 => json!({"uniform": [extreme(d), extreme(d)]}),
        _ => json!({"triangular": [extreme(d), extreme(d), extreme(d)]}),
    }
}

fn odd_text(d: &mut Dice) -> Value {
    let texts = [
        String::new(),
        "   ".into(),
        "referral".into(),
        "\u{1b}]0;x\u{7}".into(),
        "<img src=x onerror=alert(1)>".into(),
        "x".repeat(201),
        "é".repeat(200),
        "course".into(),
        "tripwire".into(),
    ];
    json!(d.pick(&texts))
}

fn other_type(d: &mut Dice) -> Value {
    match d.below(6) {
        0 => json!("12"),
        1 => json!(true),
        2 => Value::Null,
        3 => json!([]),
        4 => json!({}),
        _ => json!([1, 2, 3]),
    }
}

/// Every path (as a list of steps) to a node of `v`.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Step::Key(k.clone()));
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// Keys a scenario may have somewhere, added where they do not belong too.
const KEYS: &[&str] = &[
    "repeat",
    "subscription",
    "referrals",
    "winback",
    "offered_to",
    "take_rate",
    "delay_days",
    "price_halving_step",
    "name",
    "id",
    "zzz",
];

/// One structural mutation at a random node of `v`.
fn mutate_once(d: &mut Dice, v: &mut Value, donors: &[Value]) {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = d.pick(&all).clone();
    let node = at(v, &path);
    match d.below(9) {
        // A number to an extreme.
        0 | 1 => *node = extreme(d),
        // Another form of uncertain value.
        2 => *node = uncertain(d),
        // Another type altogether.
        3 => *node = other_type(d),
        // Odd text (empty, reserved, duplicate, control characters, too long).
        4 => *node = odd_text(d),
        // Drop a key.
        5 => {
            if let Value::Object(m) = node {
                if !m.is_empty() {
                    let k = m.keys().nth(d.below(m.len())).cloned().unwrap_or_default();
                    m.remove(&k);
                }
            }
        }
        // Add a key, with a value from another preset when it has one.
        6 => {
            if let Value::Object(m) = node {
                let k = *d.pick(KEYS);
                let donor = d.pick(donors);
                let x = donor.get(k).cloned().unwrap_or_else(|| extreme(d));
                m.insert(k.to_string(), x);
            }
        }
        // Grow a list, sometimes past its limit.
        7 => {
            if let Value::Array(a) = node {
                if !a.is_empty() {
                    let x = a[d.below(a.len())].clone();
                    let n = *d.pick(&[1, 2, 5, 29, 49, 60]);
                    a.extend(std::iter::repeat_n(x, n));
                }
            }
        }
        // Swap in a whole section of another preset.
        _ => {
            if let (Value::Object(m), Value::Object(donor)) = (node, d.pick(donors)) {
                if let Some((k, x)) = donor.iter().nth(d.below(donor.len().max(1))) {
                    m.insert(k.clone(), x.clone());
                }
            }
        }
    }
}

/// Text-level damage JSON values cannot express: NaN and infinities, numbers
/// too large for a double, cut text, a changed byte.
fn damage_text(d: &mut Dice, text: &str) -> String {
    let bytes = text.as_bytes();
    let pos = d.below(bytes.len().max(1));
    let mut s = String::from_utf8_lossy(&bytes[..pos]).into_owned();
    let rest = String::from_utf8_lossy(&bytes[pos..]).into_owned();
    match d.below(4) {
        0 => {
            // Replace the next number with a literal JSON does not allow or cannot hold.
            let lit = *d.pick(&[
                "NaN",
                "Infinity",
                "-Infinity",
                "1e400",
                "-1e400",
                "0x10",
                "1.",
                ".5",
            ]);
            match rest.find(|c: char| c.is_ascii_digit()) {
                Some(i) => {
                    let end = rest[i..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
                        .map_or(rest.len(), |j| i + j);
                    s.push_str(&rest[..i]);
                    s.push_str(lit);
                    s.push_str(&rest[end..]);
                }
                None => s.push_str(&rest),
            }
            s
        }
        1 => s, // cut short
        2 => {
            s.push(*d.pick(&['{', '}', '"', ',', ']', '\0', 'é']));
            s.push_str(&rest);
            s
        }
        _ => {
            s.push_str(&rest);
            s.push_str(&" ".repeat(d.below(3) * 400_000));
            s
        }
    }
}

/// The presets as JSON values (the material mutations start from).
pub fn preset_values() -> Vec<Value> {
    presets::all()
        .iter()
        .map(|p| serde_json::to_value(p.scenario()).expect("a preset serializes"))
        .collect()
}

/// The text of mutated scenario `case`.
pub fn scenario_case(seed: u64, case: u64, bases: &[Value]) -> String {
    let mut d = Dice::new(seed, case);
    let mut v = d.pick(bases).clone();
    let rounds = 1 + d.below(4);
    for _ in 0..rounds {
        mutate_once(&mut d, &mut v, bases);
    }
    let text = if d.chance(0.5) {
        v.to_string()
    } else {
        serde_json::to_string_pretty(&v).unwrap_or_default()
    };
    if d.chance(0.15) {
        damage_text(&mut d, &text)
    } else {
        text
    }
}

/// The fragment of mutated share link `case`.
pub fn link_case(seed: u64, case: u64, bases: &[Value]) -> String {
    let mut d = Dice::new(seed ^ 0x5eed_11a7, case);
    let pack = |bytes: &[u8]| {
        let z = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6);
        format!(
            "{LINK_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z)
        )
    };
    let saved = |v: &Value, trials: Value| {
        json!({"format": "funnel-lab", "version": 1, "trials": trials, "seed": 1, "scenario": v})
            .to_string()
    };
    let trials = |d: &mut Dice| {
        d.pick(&[
            json!(1000),
            json!(0),
            json!(-1),
            json!(10_000_000),
            json!(1e30),
            json!("x"),
        ])
        .clone()
    };
    match d.below(6) {
        // A valid link, then characters changed, cut, added or removed.
        0 | 1 => {
            let base = d.pick(bases).clone();
            let mut link: Vec<char> = pack(saved(&base, trials(&mut d)).as_bytes())
                .chars()
                .collect();
            for _ in 0..1 + d.below(3) {
                let i = d.below(link.len());
                match d.below(4) {
                    0 => link[i] = *d.pick(&['A', 'z', '0', '-', '_', '.', '%', ' ', '#']),
                    1 => link.truncate(i.max(1)),
                    2 => link.insert(i, *d.pick(&['A', 'q', '='])),
                    _ => {
                        link.remove(i);
                    }
                }
            }
            link.into_iter().collect()
        }
        // A well-formed link to a mutated scenario, with any trials.
        2 | 3 => {
            let text = scenario_case(seed, case, bases);
            let v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
            pack(saved(&v, trials(&mut d)).as_bytes())
        }
        // Random text after a prefix, ours or another.
        4 => {
            let prefix = *d.pick(&["s1.", "s2.", "S1.", "", "#s1.", "x9."]);
            let alphabet: Vec<char> = "ABCXYZabcxyz0189-_.=+/%#".chars().collect();
            let body: String = (0..d.below(300)).map(|_| *d.pick(&alphabet)).collect();
            format!("{prefix}{body}")
        }
        // Something that unpacks to a lot: a bomb, or junk of any size.
        _ => {
            let n = *d.pick(&[10usize, 1000, 999_999, 1_000_001, 20_000_000]);
            let fill = *d.pick(b" {[1");
            pack(&vec![fill; n])
        }
    }
}

/// Runs a valid scenario through the workers' code path (a runner and the
/// summariser, one trial a chunk) and checks every output: each update of the
/// results, the final summary and both CSV exports.
fn run(scenario: Scenario, seed: u64) -> Result<(), String> {
    let spec = RunSpec {
        run_id: 1,
        scenario,
        trials: TRIALS,
        seed,
    };
    let mut runner = Runner::new();
    if let Some(RunnerReply::Failed { message, .. }) =
        runner.receive(RunnerRequest::Start(Box::new(spec.clone())))
    {
        return Err(format!("a valid scenario failed to run: {message}"));
    }
    let mut summariser = Summariser::new();
    let mut replies = Vec::new();
    let start = SummariserStart {
        spec,
        limit: TRIALS,
        precision: None,
    };
    summariser.receive(
        SummariserRequest::Start(Box::new(start)),
        None,
        &|| 0.0,
        &mut |r| replies.push(r),
    );
    for first in 0..TRIALS {
        runner.receive(RunnerRequest::Chunk {
            run_id: 1,
            first,
            count: 1,
        });
        let (_, bytes) = runner.run_next(&|| 0.0).ok_or("a chunk did not run")?;
        let chunk = SummariserRequest::Chunk {
            run_id: 1,
            first,
            count: 1,
        };
        summariser.receive(chunk, Some(&bytes), &|| 0.0, &mut |r| replies.push(r));
    }
    summariser.receive(
        SummariserRequest::TrialsCsv { run_id: 1 },
        None,
        &|| 0.0,
        &mut |r| replies.push(r),
    );
    let mut finished = false;
    for r in &replies {
        check_finite(r).map_err(|e| {
            format!("{e} in {r:?}")
                .chars()
                .take(400)
                .collect::<String>()
        })?;
        match r {
            SummariserReply::Failed { message, .. } => {
                return Err(format!("a valid scenario failed to run: {message}"))
            }
            SummariserReply::Results(r) if r.finished.is_some() => {
                finished = true;
                let csv = funnel_lab::export::summary_csv(&r.summary);
                if csv.is_empty() || csv.contains("NaN") || csv.contains("inf") {
                    return Err(format!("summary CSV: {csv}"));
                }
            }
            SummariserReply::TrialsCsv { csv, .. } => {
                let csv = csv.as_ref().map_err(|e| format!("per-trial CSV: {e}"))?;
                if csv.lines().count() != TRIALS as usize + 1
                    || csv.contains("NaN")
                    || csv.contains(",inf")
                {
                    return Err(format!(
                        "per-trial CSV: {}",
                        csv.chars().take(400).collect::<String>()
                    ));
                }
            }
            _ => {}
        }
    }
    if !finished {
        return Err("no finished run".into());
    }
    Ok(())
}

/// What a scenario text comes to; an `Err` is a bug (its text says which).
pub fn check_scenario_text(text: &str, seed: u64) -> Result<Verdict, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<Verdict, String> {
        let sc = match Scenario::from_json(text) {
            Err(e) => {
                if e.to_string().trim().is_empty() {
                    return Err(format!("empty message for {e:?}"));
                }
                // A type error names its field (its path, or the field's own name
                // when it is missing or unknown).
                if let ParseError::Field { path, problem } = &e {
                    if path.trim_matches('.').is_empty() && !problem.contains('`') {
                        return Err(format!("a field error that names no field: {e}"));
                    }
                }
                return Ok(Verdict::Refused);
            }
            Ok(sc) => sc,
        };
        match sc.clone().validate() {
            Err(errors) => {
                for e in errors.errors() {
                    if e.path.is_empty() || e.problem.to_string().trim().is_empty() {
                        return Err(format!("an error without its field or message: {e:?}"));
                    }
                }
                Ok(Verdict::Invalid)
            }
            Ok(_) => run(sc, seed).map(|()| Verdict::Ran),
        }
    }));
    outcome.unwrap_or_else(|p| {
        let why = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {why}"))
    })
}

/// What a link comes to; an `Err` is a bug.
pub fn check_link(fragment: &str, seed: u64) -> Result<Verdict, String> {
    let decoded = catch_unwind(|| persist::decode_link(fragment))
        .map_err(|_| "decode_link panicked".to_string())?;
    match decoded {
        Err(e) => {
            if e.to_string().trim().is_empty() {
                return Err(format!("empty message for {e:?}"));
            }
            Ok(Verdict::Refused)
        }
        Ok(Saved { scenario, .. }) => {
            let text = serde_json::to_string(&scenario).map_err(|e| e.to_string())?;
            check_scenario_text(&text, seed)
        }
    }
}

/// Runs `cases` scenario cases and as many link cases from `seed`, calling
/// `failed` with each failure (case, what, its input). Returns both tallies.
pub fn campaign(seed: u64, cases: u64, mut failed: impl FnMut(u64, &str, &str)) -> (Tally, Tally) {
    let bases = preset_values();
    let (mut scenarios, mut links) = (Tally::default(), Tally::default());
    for case in 0..cases {
        let text = scenario_case(seed, case, &bases);
        let started = Instant::now();
        match check_scenario_text(&text, seed) {
            Ok(v) => scenarios.add(case, v, started.elapsed().as_secs_f64() * 1e3),
            Err(e) => failed(case, &format!("scenario: {e}"), &text),
        }
        let link = link_case(seed, case, &bases);
        let started = Instant::now();
        match check_link(&link, seed) {
            Ok(v) => links.add(case, v, started.elapsed().as_secs_f64() * 1e3),
            Err(e) => failed(case, &format!("link: {e}"), &link),
        }
    }
    (scenarios, links)
}
