//! The chunk driver: how a run is cut, merging in order, and what is reported
//! after each chunk.

use funnel_lab::chunks::{drive, Chunking, Merged};
use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::presets;
use funnel_lab::stats::{run, Batch, Summary};
use std::ops::{ControlFlow, Range};

fn plan(trials: u64) -> Plan {
    Plan::new(
        presets::example().validate().unwrap(),
        RunOptions::new(trials, 3),
    )
    .unwrap()
}

fn ranges(total: u64, size: u64, preview: u64) -> Vec<Range<u64>> {
    Chunking::new(total, size, preview).ranges().collect()
}

fn json(s: &Summary) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn chunks_cover_the_run_and_stop_at_the_end_of_the_preview() {
    assert_eq!(
        ranges(200, 30, 50),
        vec![0..30, 30..50, 50..80, 80..110, 110..140, 140..170, 170..200]
    );
    assert_eq!(Chunking::new(200, 30, 50).preview(), Some(50));
    // No preview: none asked for, or one of the whole run or more.
    for preview in [0, 100, 101] {
        assert_eq!(ranges(100, 40, preview), vec![0..40, 40..80, 80..100]);
        assert_eq!(Chunking::new(100, 40, preview).preview(), None);
    }
    // A chunk has at least one trial; a run of none has no chunks.
    assert_eq!(ranges(3, 0, 0), vec![0..1, 1..2, 2..3]);
    assert_eq!(ranges(0, 10, 0), vec![]);
    // Chunks larger than the preview or the run.
    assert_eq!(ranges(10, 1_000, 4), vec![0..4, 4..10]);
    assert_eq!(ranges(u64::MAX, u64::MAX, 0), vec![0..u64::MAX]);
}

#[test]
fn chunks_run_in_any_order_and_merged_in_order_give_the_summary_of_one_run() {
    let p = plan(120);
    let chunking = Chunking::new(120, 25, 0);
    // Run the last chunk first, as parallel workers might.
    let chunks: Vec<Range<u64>> = chunking.ranges().collect();
    let mut batches: Vec<Batch> = chunks
        .iter()
        .rev()
        .map(|r| Batch::run(&p, r.start, r.end - r.start))
        .collect();
    batches.reverse();
    let mut merged = Merged::new();
    for b in batches {
        merged.add(b).unwrap();
    }
    assert_eq!(merged.trials(), 120);
    let summary = Summary::from_batch(&p, merged.batch().unwrap());
    assert_eq!(json(&summary), json(&run(&p)));
}

#[test]
fn merging_refuses_chunks_out_of_order_and_changes_nothing() {
    let p = plan(30);
    let mut merged = Merged::new();
    let err = merged.add(Batch::run(&p, 10, 10)).unwrap_err();
    assert!(err.contains("expected trial 0, got 10"), "{err}");
    assert_eq!(merged, Merged::new());
    merged.add(Batch::run(&p, 0, 10)).unwrap();
    let err = merged.add(Batch::run(&p, 20, 10)).unwrap_err();
    assert!(err.contains("expected trial 10, got 20"), "{err}");
    assert_eq!(merged.trials(), 10);
    assert_eq!(merged.into_batch().unwrap(), Batch::run(&p, 0, 10));
}

#[test]
fn the_driver_reports_each_chunk_and_the_preview_once() {
    let p = plan(100);
    let mut seen = Vec::new();
    let mut previews = Vec::new();
    let batch = drive(&p, &Chunking::new(100, 30, 40), |progress| {
        seen.push((progress.done, progress.total));
        if let Some(b) = progress.preview {
            previews.push(b.clone());
        }
        ControlFlow::Continue(())
    })
    .unwrap()
    .unwrap();
    assert_eq!(seen, vec![(30, 100), (40, 100), (70, 100), (100, 100)]);
    assert_eq!(previews, vec![Batch::run(&p, 0, 40)]);
    assert_eq!(batch, Batch::run(&p, 0, 100));
}

#[test]
fn the_driver_stops_when_asked_without_running_another_chunk() {
    let p = plan(100);
    let mut calls = 0;
    let ended = drive(&p, &Chunking::new(100, 10, 0), |progress| {
        calls += 1;
        if progress.done >= 20 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(ended, Ok(None));
    assert_eq!(calls, 2);
}

#[test]
fn a_merge_with_room_reserved_never_moves_the_values() {
    use funnel_lab::metrics::Metric;
    let p = plan(90);
    let mut merged = Merged::new();
    merged.reserve(90);
    merged.add(Batch::run(&p, 0, 30)).unwrap();
    let at = merged.batch().unwrap().metric(Metric::Profit).as_ptr();
    for first in [30, 60] {
        merged.add(Batch::run(&p, first, 30)).unwrap();
        assert_eq!(merged.batch().unwrap().metric(Metric::Profit).as_ptr(), at);
    }
    assert_eq!(
        json(&Summary::from_batch(&p, merged.batch().unwrap())),
        json(&run(&p))
    );
}
