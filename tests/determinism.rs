//! Same scenario and seed → identical results; chunking never changes them.

use funnel_lab::chunks::run_chunked;
use funnel_lab::engine::{Plan, RunOptions, Workspace};
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::stats::{run, Batch, Summary};

fn plan(trials: u64, seed: u64) -> Plan {
    Plan::new(
        presets::example().validate().unwrap(),
        RunOptions::new(trials, seed),
    )
    .unwrap()
}

fn json(s: &Summary) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn same_seed_gives_identical_summary() {
    let a = run(&plan(300, 11));
    let b = run(&plan(300, 11));
    assert_eq!(a, b);
    assert_eq!(json(&a), json(&b));
}

#[test]
fn different_seeds_give_different_results() {
    let a = run(&plan(300, 11));
    let b = run(&plan(300, 12));
    assert_ne!(a.stats(Metric::Profit).mean, b.stats(Metric::Profit).mean);
}

#[test]
fn one_chunk_and_seven_chunks_give_identical_summaries() {
    let p = plan(301, 5);
    let whole = run(&p);
    // 301 trials in 7 chunks of 43.
    let chunked = run_chunked(&p, 43, |_, _| true).unwrap().unwrap();
    assert_eq!(json(&whole), json(&chunked));
    // Uneven chunks appended by hand.
    let mut b = Batch::run(&p, 0, 1);
    for (first, n) in [(1, 99), (100, 7), (107, 194)] {
        b.append(Batch::run(&p, first, n)).unwrap();
    }
    assert_eq!(json(&whole), json(&Summary::from_batch(&p, &b)));
}

#[test]
fn every_trials_drawn_inputs_are_kept_and_merge_across_chunks() {
    let p = plan(120, 4);
    let whole = Batch::run(&p, 0, 120);
    let inputs = p.inputs();
    // The inputs that vary, each with its path, in order; the fixed ones left out.
    let sc = p.scenario().scenario();
    let varying: Vec<usize> = (0..inputs.fields().len())
        .filter(|&i| {
            inputs.fields()[i]
                .uncertain(sc)
                .unwrap()
                .as_fixed()
                .is_none()
        })
        .collect();
    assert!(varying.len() >= 3 && varying.len() < inputs.fields().len());
    let kept: Vec<usize> = whole.input_draws().iter().map(|c| c.index).collect();
    assert_eq!(kept, varying);
    for column in whole.input_draws() {
        assert_eq!(column.path, inputs.fields()[column.index].path());
        assert_eq!(column.values.len(), 120);
        for t in [0u64, 57, 119] {
            let exact = p.params(t).drawn[column.index];
            assert_eq!(column.values[t as usize], exact as f32, "{}", column.path);
        }
    }
    let fixed = (0..inputs.fields().len())
        .find(|i| !varying.contains(i))
        .unwrap();
    assert_eq!(whole.input_column(fixed), None);
    assert_eq!(
        whole.input_column(varying[2]),
        Some(whole.input_draws()[2].values.as_slice())
    );
    // Any chunking gives the same columns, bit for bit.
    let mut chunked = Batch::run(&p, 0, 7);
    for (first, n) in [(7, 50), (57, 1), (58, 62)] {
        chunked.append(Batch::run(&p, first, n)).unwrap();
    }
    assert_eq!(chunked.input_draws(), whole.input_draws());
    assert_eq!(chunked, whole);
}

#[test]
fn chunks_must_be_appended_in_order() {
    let p = plan(10, 5);
    let mut b = Batch::run(&p, 0, 5);
    let err = b.append(Batch::run(&p, 6, 4)).unwrap_err();
    assert!(err.contains("expected trial 5"), "{err}");
    assert_eq!(b.trials, 5, "a refused append changes nothing");
}

#[test]
fn a_trial_depends_only_on_its_index() {
    let p = plan(50, 9);
    let mut ws = Workspace::default();
    // Run trials in a scrambled order with one reused workspace.
    let scrambled: Vec<_> = [7u64, 3, 49, 0, 7].iter().map(|&t| ws.run(&p, t)).collect();
    assert_eq!(scrambled[0], p.trial(7));
    assert_eq!(scrambled[1], p.trial(3));
    assert_eq!(scrambled[2], p.trial(49));
    assert_eq!(scrambled[3], p.trial(0));
    assert_eq!(scrambled[0], scrambled[4]);
    assert_ne!(p.trial(1), p.trial(2));
}

#[test]
fn cancelling_stops_early() {
    let p = plan(100, 1);
    let mut calls = 0;
    let r = run_chunked(&p, 10, |done, total| {
        calls += 1;
        assert!(done <= total);
        done < 30
    });
    assert_eq!(r, Ok(None));
    assert_eq!(calls, 3);
}

/// The summary of the example at seed 1, 200 trials, as JSON: pinned in
/// `tests/golden/`, where the in-browser test (`web/tests/web.rs`) checks that wasm
/// produces the same bytes. Regenerate with `UPDATE_GOLDEN=1 cargo test`.
#[test]
fn golden_summary_is_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/example-seed1-200.json"
    );
    let got = json(&run(&plan(200, 1)));
    match std::fs::read_to_string(path) {
        Ok(want) if std::env::var_os("UPDATE_GOLDEN").is_none() => {
            assert!(
                want.trim_end() == got,
                "the engine's output changed; if on purpose, run with UPDATE_GOLDEN=1"
            )
        }
        _ => std::fs::write(path, format!("{got}\n")).unwrap(),
    }
}
