//! A whole pool run natively: runners simulate the chunks a schedule hands out,
//! their trials travel as bytes to the summariser in any order, and the results
//! are those of one run, bit for bit, at every step.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::export::trials_csv;
use funnel_lab::metrics::Metric;
use funnel_lab::pool::Schedule;
use funnel_lab::precision::{checkpoint_after, McError, Precision};
use funnel_lab::presets;
use funnel_lab::protocol::*;
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::{run, Batch, Summary};
use std::cell::Cell;

fn spec(run_id: u64, trials: u64) -> RunSpec {
    RunSpec {
        run_id,
        scenario: presets::example(),
        trials,
        seed: 5,
    }
}

fn one_run(scenario: Scenario, trials: u64, seed: u64) -> Summary {
    run(&Plan::new(scenario.validate().unwrap(), RunOptions::new(trials, seed)).unwrap())
}

fn json(s: &Summary) -> String {
    serde_json::to_string(s).unwrap()
}

/// A pool driven by hand: a fake clock that moves `tick` ms per chunk, the
/// schedule handing out chunks, and every chunk's bytes delivered to the
/// summariser once `hold` chunks have piled up, last first.
struct Pool {
    clock: Cell<f64>,
    runners: Vec<Runner>,
    summariser: Summariser,
    replies: Vec<SummariserReply>,
    /// When each reply was sent, by the fake clock.
    times: Vec<f64>,
}

impl Pool {
    fn new(workers: usize) -> Pool {
        Pool {
            clock: Cell::new(0.0),
            runners: (0..workers).map(|_| Runner::new()).collect(),
            summariser: Summariser::new(),
            replies: Vec::new(),
            times: Vec::new(),
        }
    }

    fn tell(&mut self, request: SummariserRequest, payload: Option<&[u8]>) {
        let clock = &self.clock;
        let replies = &mut self.replies;
        let times = &mut self.times;
        // Headers go through JSON text, as between the page and its workers.
        let request: SummariserRequest =
            serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
        self.summariser
            .receive(request, payload, &|| clock.get(), &mut |r| {
                let text = serde_json::to_string(&r).unwrap();
                replies.push(serde_json::from_str(&text).unwrap());
                times.push(clock.get());
            });
    }

    fn start(&mut self, spec: &RunSpec, limit: u64, precision: Option<Precision>) {
        for r in &mut self.runners {
            assert_eq!(
                r.receive(RunnerRequest::Start(Box::new(spec.clone()))),
                None
            );
        }
        let start = SummariserStart {
            spec: spec.clone(),
            limit,
            precision,
        };
        self.tell(SummariserRequest::Start(Box::new(start)), None);
    }

    /// Hands out every chunk up to the schedule's limit and delivers them.
    fn run(&mut self, run_id: u64, schedule: &mut Schedule, hold: usize, tick: f64) {
        let mut held: Vec<(RunnerReply, Vec<u8>)> = Vec::new();
        let mut w = 0;
        while let Some(range) = schedule.next_chunk() {
            let n = self.runners.len();
            let runner = &mut self.runners[w % n];
            w += 1;
            runner.receive(RunnerRequest::Chunk {
                run_id,
                first: range.start,
                count: range.end - range.start,
            });
            let clock = &self.clock;
            let (reply, bytes) = runner.run_next(&|| clock.get()).unwrap();
            self.clock.set(self.clock.get() + tick);
            held.push((reply, bytes));
            if held.len() >= hold {
                self.deliver(&mut held);
            }
        }
        self.deliver(&mut held);
    }

    fn deliver(&mut self, held: &mut Vec<(RunnerReply, Vec<u8>)>) {
        while let Some((reply, bytes)) = held.pop() {
            let RunnerReply::ChunkDone {
                run_id,
                first,
                count,
                ..
            } = reply
            else {
                panic!("{reply:?}")
            };
            let chunk = SummariserRequest::Chunk {
                run_id,
                first,
                count,
            };
            self.tell(chunk, Some(&bytes));
        }
    }

    fn results(&self) -> Vec<&Results> {
        self.replies
            .iter()
            .filter_map(|r| match r {
                SummariserReply::Results(r) => Some(&**r),
                _ => None,
            })
            .collect()
    }
}

#[test]
fn any_pool_gives_the_summary_of_one_run_and_every_update_is_a_prefix_of_it() {
    let full = one_run(presets::example(), 1_500, 5);
    for (workers, hold) in [(1, 1), (3, 4), (4, 2)] {
        let mut pool = Pool::new(workers);
        pool.start(&spec(1, 1_500), 1_500, None);
        let mut schedule = Schedule::new(1_500, workers, Some(0.2));
        pool.run(1, &mut schedule, hold, 100.0);
        let results = pool.results();
        let last = results.last().unwrap();
        assert_eq!(last.finished, Some(Finish::Limit));
        assert_eq!(json(&last.summary), json(&full), "{workers} workers");
        // Progressive results: the first at once, then at most every 250 ms, each
        // the summary of a run of that many trials.
        let least = if hold == 1 { 3 } else { 2 };
        assert!(results.len() >= least, "{} updates", results.len());
        for r in &results[..results.len() - 1] {
            assert_eq!(r.finished, None);
            let prefix = one_run(presets::example(), r.summary.trials, 5);
            assert_eq!(json(&r.summary), json(&prefix));
        }
        let trials: Vec<u64> = results.iter().map(|r| r.summary.trials).collect();
        assert!(trials.windows(2).all(|w| w[0] < w[1]), "{trials:?}");
        let times = &pool.times[..pool.times.len() - 1];
        assert!(
            times.windows(2).all(|w| w[1] - w[0] >= MIN_UPDATE_MS),
            "{times:?}"
        );
    }
}

#[test]
fn a_replaced_run_is_dropped_by_runners_and_the_summariser() {
    let mut runner = Runner::new();
    runner.receive(RunnerRequest::Start(Box::new(spec(1, 100))));
    runner.receive(RunnerRequest::Chunk {
        run_id: 1,
        first: 0,
        count: 10,
    });
    let (old, old_bytes) = runner.run_next(&|| 0.0).unwrap();
    runner.receive(RunnerRequest::Chunk {
        run_id: 1,
        first: 10,
        count: 10,
    });
    runner.receive(RunnerRequest::Start(Box::new(spec(2, 30))));
    assert!(!runner.has_work(), "the old run's chunk is dropped");
    runner.receive(RunnerRequest::Chunk {
        run_id: 1,
        first: 20,
        count: 10,
    });
    assert!(!runner.has_work(), "a chunk of an old run is refused");

    let mut pool = Pool::new(1);
    pool.start(&spec(2, 30), 30, None);
    let RunnerReply::ChunkDone { first, count, .. } = old else {
        panic!()
    };
    pool.tell(
        SummariserRequest::Chunk {
            run_id: 1,
            first,
            count,
        },
        Some(&old_bytes),
    );
    assert!(pool.replies.is_empty(), "a stale chunk changes nothing");
    pool.run(2, &mut Schedule::new(30, 1, Some(1.0)), 1, 10.0);
    let last = pool.results().last().unwrap().summary.clone();
    assert_eq!(json(&last), json(&one_run(presets::example(), 30, 5)));
}

#[test]
fn a_capped_run_ends_at_its_limit_and_the_rest_continues_it() {
    let mut pool = Pool::new(2);
    pool.start(&spec(3, 400), 400, None);
    let mut schedule = Schedule::new(400, 2, Some(0.5));
    // The cost guard caps the run.
    schedule.set_limit(150);
    let limit = |trials| SummariserRequest::Limit { run_id: 3, trials };
    pool.tell(limit(150), None);
    pool.run(3, &mut schedule, 1, 300.0);
    let last = (*pool.results().last().unwrap()).clone();
    assert_eq!(last.finished, Some(Finish::Limit));
    assert_eq!(
        json(&last.summary),
        json(&one_run(presets::example(), 150, 5))
    );
    // The trials of the capped run can be exported.
    pool.tell(SummariserRequest::TrialsCsv { run_id: 3 }, None);
    assert!(matches!(
        pool.replies.last(),
        Some(SummariserReply::TrialsCsv { csv: Ok(_), .. })
    ));
    // The rest of the run.
    pool.tell(limit(400), None);
    schedule.set_limit(400);
    pool.run(3, &mut schedule, 3, 300.0);
    let last = (*pool.results().last().unwrap()).clone();
    assert_eq!(last.finished, Some(Finish::Limit));
    assert_eq!(
        json(&last.summary),
        json(&one_run(presets::example(), 400, 5))
    );
    // The limit never goes below the trials handed out.
    schedule.set_limit(0);
    assert_eq!(schedule.limit(), schedule.dispatched());
}

#[test]
fn a_run_with_a_precision_stops_at_the_same_checkpoint_whatever_the_pool() {
    let precision = Precision(0.05);
    let trials = 20_000;
    let mut stops = Vec::new();
    for workers in [1, 3] {
        let mut pool = Pool::new(workers);
        pool.start(&spec(4, trials), trials, Some(precision));
        pool.run(4, &mut Schedule::new(trials, workers, Some(0.05)), 2, 10.0);
        let last = (*pool.results().last().unwrap()).clone();
        assert_eq!(last.finished, Some(Finish::Precision));
        stops.push((last.summary.trials, json(&last.summary)));
        let median = last.summary.stats(Metric::Profit).p50.unwrap();
        assert!(precision.reached(&last.error, median));
    }
    assert_eq!(stops[0], stops[1]);
    let stop = stops[0].0;
    assert!(
        stop < trials && checkpoint_after(stop - 1) == stop,
        "stopped at {stop}"
    );
    assert_eq!(stops[0].1, json(&one_run(presets::example(), stop, 5)));
    // At the checkpoint before, the margin was not yet within the precision.
    let before = {
        let mut c = 0;
        while checkpoint_after(c) < stop {
            c = checkpoint_after(c);
        }
        c
    };
    if before > 0 {
        let plan = Plan::new(
            presets::example().validate().unwrap(),
            RunOptions::new(before, 5),
        )
        .unwrap();
        let b = Batch::run(&plan, 0, before);
        let s = Summary::from_batch(&plan, &b);
        let profits: Vec<f64> = (0..before).map(|t| plan.trial(t).profit()).collect();
        let e = McError::of_profits(&profits);
        assert!(!precision.reached(&e, s.stats(Metric::Profit).p50.unwrap()));
    }
}

#[test]
fn an_invalid_scenario_fails_with_its_errors_in_every_worker() {
    let mut bad = spec(9, 10);
    bad.scenario.channels.clear();
    let mut runner = Runner::new();
    let reply = runner.receive(RunnerRequest::Start(Box::new(bad.clone())));
    assert!(
        matches!(reply, Some(RunnerReply::Failed { run_id: 9, ref message }) if message.contains("channels")),
        "{reply:?}"
    );
    let mut pool = Pool::new(1);
    pool.start_summariser_only(&bad);
    assert!(
        matches!(&pool.replies[..], [SummariserReply::Failed { run_id: 9, message }] if message.contains("channels"))
    );
}

impl Pool {
    fn start_summariser_only(&mut self, spec: &RunSpec) {
        let start = SummariserStart {
            spec: spec.clone(),
            limit: spec.trials,
            precision: None,
        };
        self.tell(SummariserRequest::Start(Box::new(start)), None);
    }
}

#[test]
fn the_per_trial_csv_is_that_of_the_finished_run_and_only_then() {
    let mut pool = Pool::new(2);
    pool.start(&spec(5, 90), 90, None);
    pool.tell(SummariserRequest::TrialsCsv { run_id: 5 }, None);
    assert!(
        matches!(pool.replies.last(), Some(SummariserReply::TrialsCsv { csv: Err(e), .. }) if e == TRIALS_GONE)
    );
    pool.run(5, &mut Schedule::new(90, 2, Some(1.0)), 2, 10.0);
    pool.tell(SummariserRequest::TrialsCsv { run_id: 5 }, None);
    let plan = Plan::new(
        presets::example().validate().unwrap(),
        RunOptions::new(90, 5),
    )
    .unwrap();
    let expected = trials_csv(&plan, &Batch::run(&plan, 0, 90));
    assert!(
        matches!(pool.replies.last(), Some(SummariserReply::TrialsCsv { run_id: 5, csv: Ok(c) }) if *c == expected)
    );
    pool.tell(SummariserRequest::TrialsCsv { run_id: 4 }, None);
    assert!(matches!(
        pool.replies.last(),
        Some(SummariserReply::TrialsCsv { csv: Err(_), .. })
    ));
}

#[test]
fn the_ranking_is_that_of_the_finished_run() {
    use funnel_lab::decide::{Ranking, RankingRequest};
    let mut pool = Pool::new(2);
    pool.start(&spec(6, 400), 400, None);
    let ask = |metric| SummariserRequest::Rank(RankingRequest { run_id: 6, metric });
    pool.tell(ask(Metric::Profit), None);
    assert!(
        matches!(pool.replies.last(), Some(SummariserReply::Ranking { ranking: Err(e), .. }) if e == TRIALS_GONE),
        "not before the run has finished"
    );
    pool.run(6, &mut Schedule::new(400, 2, Some(1.0)), 3, 10.0);
    let plan = Plan::new(
        presets::example().validate().unwrap(),
        RunOptions::new(400, 5),
    )
    .unwrap();
    let batch = Batch::run(&plan, 0, 400);
    for metric in [Metric::Profit, Metric::Customers] {
        pool.tell(ask(metric), None);
        let expected = Ranking::of(6, &batch, metric);
        assert!(!expected.labels.is_empty());
        // Named by their paths: the page names them in its language.
        let paths: Vec<&str> = expected
            .sensitivity
            .inputs
            .iter()
            .map(|e| e.path.as_str())
            .collect();
        assert_eq!(expected.labels, paths);
        assert!(
            matches!(pool.replies.last(), Some(SummariserReply::Ranking { run_id: 6, ranking: Ok(r) }) if **r == expected),
            "{:?}",
            pool.replies.last()
        );
    }
    pool.tell(SummariserRequest::Stop, None);
    pool.tell(ask(Metric::Profit), None);
    assert!(matches!(
        pool.replies.last(),
        Some(SummariserReply::Ranking {
            ranking: Err(_),
            ..
        })
    ));
}

#[test]
fn a_finished_run_is_compared_with_its_baseline_on_the_same_trials() {
    use funnel_lab::decide::{AgainstBaseline, BaselineCache, BaselineRequest};
    let mut pool = Pool::new(2);
    pool.start(&spec(7, 300), 300, None);
    let mut baseline = presets::example();
    baseline.offers[1].price = funnel_lab::scenario::Uncertain::Fixed(150.0);
    let ask = |baseline: &Scenario| {
        SummariserRequest::Baseline(Box::new(BaselineRequest {
            run_id: 7,
            baseline: baseline.clone(),
            metric: Metric::Profit,
        }))
    };
    pool.tell(ask(&baseline), None);
    assert!(
        matches!(pool.replies.last(), Some(SummariserReply::Baseline { view: Err(e), .. }) if e == TRIALS_GONE)
    );
    pool.run(7, &mut Schedule::new(300, 2, Some(1.0)), 2, 10.0);
    let batch_of = |sc: &Scenario| {
        let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(300, 5)).unwrap();
        Batch::run(&plan, 0, 300)
    };
    let expected = AgainstBaseline::of(
        &batch_of(&baseline),
        &batch_of(&presets::example()),
        Metric::Profit,
        5,
    )
    .unwrap();
    // Asked twice: the same answer (the second from the kept baseline run).
    for _ in 0..2 {
        pool.tell(ask(&baseline), None);
        let Some(SummariserReply::Baseline {
            run_id: 7,
            view: Ok(v),
        }) = pool.replies.last()
        else {
            panic!("{:?}", pool.replies.last())
        };
        assert_eq!(v.against, expected);
        assert_eq!(v.summary.trials, 300);
        assert_eq!(json(&v.summary), json(&one_run(baseline.clone(), 300, 5)));
    }
    let mut cache = BaselineCache::new();
    assert!(!cache.holds(&baseline, 300, 5));
    let ask_direct = BaselineRequest {
        run_id: 7,
        baseline: baseline.clone(),
        metric: Metric::Profit,
    };
    cache
        .compare(&ask_direct, &batch_of(&presets::example()), 5)
        .unwrap();
    assert!(cache.holds(&baseline, 300, 5));
    assert!(!cache.holds(&baseline, 300, 6));
    // A baseline that is not valid says why.
    let mut bad = baseline.clone();
    bad.channels.clear();
    pool.tell(ask(&bad), None);
    assert!(
        matches!(pool.replies.last(), Some(SummariserReply::Baseline { view: Err(e), .. }) if e.contains("channels")),
        "{:?}",
        pool.replies.last()
    );
}

#[test]
fn a_chunk_whose_bytes_are_damaged_fails_the_run_in_words() {
    let mut pool = Pool::new(1);
    pool.start(&spec(6, 10), 10, None);
    let chunk = SummariserRequest::Chunk {
        run_id: 6,
        first: 0,
        count: 10,
    };
    pool.tell(chunk, Some(&[1, 2, 3]));
    assert!(
        matches!(pool.replies.last(), Some(SummariserReply::Failed { run_id: 6, message }) if message.contains("unreadable"))
    );
}

#[test]
fn a_panic_asked_for_by_a_test_panics() {
    let caught = std::panic::catch_unwind(|| {
        Runner::new().receive(RunnerRequest::Crash(funnel_lab::pool::Crash::Panic))
    });
    assert!(caught.is_err());
}

/// `spec(run_id, trials)` with another seed.
fn spec_seeded(run_id: u64, trials: u64, seed: u64) -> RunSpec {
    RunSpec {
        seed,
        ..spec(run_id, trials)
    }
}

/// Starts `spec` and runs it to the end on two runners.
fn run_through(pool: &mut Pool, spec: &RunSpec, limit: u64, precision: Option<Precision>) {
    pool.start(spec, limit, precision);
    let mut schedule = Schedule::new(spec.trials, 2, Some(0.2));
    schedule.set_ceiling(limit);
    pool.run(spec.run_id, &mut schedule, 2, 100.0);
}

#[test]
fn going_back_to_the_inputs_of_a_finished_run_gives_its_results_at_once() {
    let mut pool = Pool::new(2);
    run_through(&mut pool, &spec(1, 600), 600, None);
    let first = (*pool.results().last().unwrap()).clone();
    assert_eq!((first.finished, first.kept), (Some(Finish::Limit), false));
    run_through(&mut pool, &spec_seeded(2, 600, 6), 600, None);
    assert_eq!(pool.summariser.kept_runs(), 1);

    // Back to the first run's inputs, under a new id: one reply, at once.
    let before = pool.replies.len();
    pool.start(&spec(3, 600), 600, None);
    let [SummariserReply::Results(again)] = &pool.replies[before..] else {
        panic!("{:?}", &pool.replies[before..])
    };
    assert_eq!(
        (again.run_id, again.finished, again.kept),
        (3, Some(Finish::Limit), true)
    );
    assert_eq!(json(&again.summary), json(&first.summary));
    assert_eq!(again.error, first.error);
    assert_eq!(
        json(&again.summary),
        json(&one_run(presets::example(), 600, 5))
    );

    // It is a finished run under its new id: its trials can be exported, and
    // the chunks the runners were given before they stop change nothing.
    pool.tell(SummariserRequest::TrialsCsv { run_id: 3 }, None);
    assert!(matches!(
        pool.replies.last(),
        Some(SummariserReply::TrialsCsv {
            run_id: 3,
            csv: Ok(_)
        })
    ));
    let before = pool.replies.len();
    pool.run(3, &mut Schedule::new(600, 2, Some(0.2)), 2, 100.0);
    assert_eq!(pool.replies.len(), before);
    // The run it replaced is kept in its turn.
    let before = pool.replies.len();
    pool.start(&spec_seeded(4, 600, 6), 600, None);
    assert!(
        matches!(&pool.replies[before..], [SummariserReply::Results(r)] if r.kept && r.run_id == 4)
    );
}

#[test]
fn only_whole_runs_asked_the_same_are_kept_and_only_a_few() {
    let mut pool = Pool::new(2);
    // Cut short by the cost guard (it could go on): not kept.
    run_through(&mut pool, &spec(1, 600), 300, None);
    // Stopped by its precision (at the first checkpoint): kept, for the same
    // precision only.
    let loose = Some(Precision(0.5));
    run_through(&mut pool, &spec_seeded(2, 3_000, 7), 3_000, loose);
    assert_eq!(
        pool.results().last().unwrap().finished,
        Some(Finish::Precision)
    );
    // Not finished when replaced: not kept.
    pool.start(&spec_seeded(3, 600, 8), 600, None);
    let fresh = |pool: &mut Pool, spec: &RunSpec, limit, precision| {
        let before = pool.replies.len();
        pool.start(spec, limit, precision);
        pool.replies.len() == before
    };
    assert!(
        fresh(&mut pool, &spec(4, 600), 300, None),
        "a capped run is run again"
    );
    assert!(
        fresh(&mut pool, &spec_seeded(5, 3_000, 7), 3_000, None),
        "another precision"
    );
    assert!(
        !fresh(&mut pool, &spec_seeded(6, 3_000, 7), 3_000, loose),
        "the same precision"
    );
    assert!(
        fresh(&mut pool, &spec_seeded(7, 600, 8), 600, None),
        "an unfinished run"
    );

    // At most KEPT_RUNS runs, the oldest dropped first.
    let mut pool = Pool::new(2);
    let runs = KEPT_RUNS as u64 + 2;
    for seed in 0..runs {
        run_through(&mut pool, &spec_seeded(seed + 1, 100, seed), 100, None);
    }
    pool.tell(SummariserRequest::Stop, None);
    assert_eq!(pool.summariser.kept_runs(), KEPT_RUNS);
    assert!(
        fresh(&mut pool, &spec_seeded(100, 100, 0), 100, None),
        "the oldest is dropped"
    );
    assert!(
        !fresh(&mut pool, &spec_seeded(101, 100, runs - 1), 100, None),
        "the newest is kept"
    );
    // A run that may keep more than KEPT_RUNS_BYTES on its own drops them all.
    let per_trial = funnel_lab::pool::kept_bytes_per_trial(&presets::example());
    let big = KEPT_RUNS_BYTES / per_trial + 1;
    pool.start(&spec_seeded(102, big, 50), big, None);
    assert_eq!(pool.summariser.kept_runs(), 0);
}
