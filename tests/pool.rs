//! The rules of the page's pool: its size, how a run is cut as it goes, and
//! the guards on memory and time.

use funnel_lab::pool::*;
use funnel_lab::precision::checkpoint_after;
use funnel_lab::presets;

#[test]
fn the_pool_leaves_the_page_a_core_and_stays_bounded() {
    assert_eq!(pool_size(Some(2.0), None), 1);
    assert_eq!(pool_size(Some(1.0), None), 1);
    assert_eq!(pool_size(Some(8.0), None), 7);
    assert_eq!(pool_size(Some(256.0), None), MAX_WORKERS);
    assert_eq!(pool_size(None, None), 1);
    assert_eq!(pool_size(Some(f64::NAN), None), 1);
    assert_eq!(pool_size(Some(2.0), Some(2)), 2);
    assert_eq!(pool_size(Some(2.0), Some(0)), 1);
    assert_eq!(pool_size(Some(2.0), Some(1_000)), MAX_WORKERS);
}

#[test]
fn the_address_sets_the_pool_and_the_test_hooks() {
    let o = PoolOptions::from_query(
        "?preset=classic&workers=2&test-crash=runner-oom&test-slow-pilot=500&test-silence-ms=800",
    );
    assert_eq!(o.workers, Some(2));
    assert_eq!(o.crash, Some((false, Crash::OutOfMemory)));
    assert_eq!(o.pilot_slowdown, Some(500.0));
    assert_eq!(o.silence_ms, Some(800.0));
    assert_eq!(
        PoolOptions::from_query("test-crash=summariser-oom").crash,
        Some((true, Crash::OutOfMemory))
    );
    let nonsense = PoolOptions::from_query(
        "workers=many&test-crash=fire&test-slow-pilot=0.5&test-silence-ms=-1",
    );
    assert_eq!(nonsense, PoolOptions::default());
}

#[test]
fn numbers_are_rounded_down_to_two_significant_digits() {
    for (x, want) in [
        (12_437.0, 12_000),
        (153.9, 150),
        (99.0, 99),
        (7.5, 7),
        (0.3, 1),
        (f64::NAN, 1),
        (1e30, 9_000_000_000_000_000_000),
    ] {
        assert_eq!(nice_floor(x), want, "{x}");
    }
}

/// Every chunk a schedule hands out, to its limit.
fn chunks(s: &mut Schedule) -> Vec<std::ops::Range<u64>> {
    std::iter::from_fn(|| s.next_chunk()).collect()
}

#[test]
fn a_run_is_cut_small_first_then_by_its_speed_never_across_a_checkpoint() {
    let mut s = Schedule::new(30_000, 1, Some(0.5));
    let first = s.next_chunk().unwrap();
    assert_eq!(first, 0..40, "about 20 ms of work at 0.5 ms a trial");
    s.record(40, 20.0);
    let rest = chunks(&mut s);
    assert_eq!(rest[0], 40..160, "at most four times the last chunk");
    assert_eq!(rest[1].end - rest[1].start, 120, "60 ms of work");
    let all: Vec<_> = std::iter::once(first).chain(rest).collect();
    assert_eq!(all.last().unwrap().end, 30_000);
    for w in all.windows(2) {
        assert_eq!(w[0].end, w[1].start);
    }
    for r in &all {
        let c = checkpoint_after(r.start);
        assert!(r.end <= c, "{r:?} straddles {c}");
    }
    // No prior speed: a default; a very slow scenario: one trial a chunk.
    assert_eq!(Schedule::new(100, 1, None).next_chunk(), Some(0..20));
    let mut slow = Schedule::new(5, 1, Some(900.0));
    assert_eq!(chunks(&mut slow).len(), 5);
    assert_eq!(Schedule::new(0, 1, None).next_chunk(), None);
}

#[test]
fn the_cost_guard_caps_a_run_estimated_above_a_minute_once_piloted() {
    let mut s = Schedule::new(1_000_000, 2, Some(1.0));
    s.next_chunk();
    assert_eq!(s.cost_cap(), None, "not piloted yet");
    s.record(100, 200.0);
    assert!(s.piloted());
    // 2 ms a trial on 2 workers: 1 ms of the pool's time each; 100 ms spent.
    assert_eq!(s.estimate_ms(1_000_000), 1_000_000.0);
    assert_eq!(s.cost_cap(), Some(60_000));
    s.apply_cost_guard();
    assert_eq!(s.limit(), 60_000);
    // A run that fits is not capped.
    let mut small = Schedule::new(10_000, 1, None);
    small.record(1_000, 500.0);
    assert_eq!(small.cost_cap(), None);
    // A slow pilot (the test hook) makes the same run too long: it stops at
    // the trials already measured.
    let mut faked = Schedule::new(10_000, 1, None).with_pilot_slowdown(1_000.0);
    faked.record(1_000, 500.0);
    assert_eq!(faked.cost_cap(), Some(1_000));
    // Never below the trials already handed out.
    let mut busy = Schedule::new(1_000_000, 1, Some(0.01)).with_pilot_slowdown(1e6);
    assert!(!chunks(&mut busy).is_empty());
    busy.record(1_000, 1_000.0);
    assert_eq!(busy.cost_cap(), Some(1_000_000));
}

#[test]
fn the_cost_guard_follows_the_latest_speed_and_yields_to_the_user() {
    // Slow first chunks (code not yet optimised), then four times faster:
    // 20,000 trials at 2 ms would be 40 s, but at the first speed 160 s.
    let mut s = Schedule::new(20_000, 1, None);
    s.record(50, 400.0);
    s.apply_cost_guard();
    assert!(
        s.limit() < 20_000,
        "capped on the first speed: {}",
        s.limit()
    );
    for _ in 0..5 {
        s.record(100, 200.0);
    }
    assert_eq!(s.ms_per_trial(), 2.0, "the speed of the latest chunks");
    s.apply_cost_guard();
    assert_eq!(s.limit(), 20_000, "the cap is lifted once the run fits");
    // Once decided, a slower spell does not stop the run late.
    for _ in 0..5 {
        s.record(100, 2_000.0);
    }
    assert!(s.cost_cap().is_some());
    s.apply_cost_guard();
    assert_eq!(
        s.limit(),
        20_000,
        "a run not capped at its pilot is not capped later"
    );
    // The memory ceiling bounds everything, and the rest goes to it.
    let mut m = Schedule::new(1_000_000, 1, None).with_pilot_slowdown(100.0);
    m.set_ceiling(300_000);
    m.record(1_000, 1_000.0);
    m.apply_cost_guard();
    assert_eq!(m.limit(), 1_000);
    m.uncap();
    m.apply_cost_guard();
    assert_eq!(
        (m.limit(), m.ceiling(), m.total()),
        (300_000, 300_000, 1_000_000)
    );
}

#[test]
fn the_memory_guard_caps_runs_that_would_not_fit_in_a_tab() {
    let example = presets::example();
    let per_trial = kept_bytes_per_trial(&example);
    assert_eq!(per_trial, columns(&example) * 16);
    let fits = KEPT_BYTES_LIMIT / per_trial;
    assert_eq!(memory_cap(&example, fits), None);
    assert_eq!(
        memory_cap(&example, fits + 1),
        Some(nice_floor(fits as f64))
    );
    assert_eq!(
        memory_cap(&example, u64::MAX),
        Some(nice_floor(fits as f64))
    );
}
