//! The page's workers and their messages, as pure state machines: the web layer
//! only moves messages (headers as JSON text, a chunk's trials as the bytes of
//! [`crate::wire`]), so a whole pool is tested natively.
//!
//! - A [`Runner`] (one per simulation worker) builds the plan of a run once and
//!   simulates the chunks it is handed, one at a time, dropping those of a run
//!   that was replaced.
//! - The [`Summariser`] (one worker) merges the chunks back in trial order
//!   ([`crate::chunks::Merged`]; they may arrive in any order), summarises the
//!   trials merged so far at a calm pace (the first chunk at once, then at most
//!   every [`MIN_UPDATE_MS`]), with their Monte Carlo error, and ends the run at
//!   its limit or, with a chosen [`Precision`], at the first checkpoint within
//!   it. It keeps the finished run's trials for the per-trial CSV.
//!
//! The summary of a run is the summary of [`crate::stats::run`], bit for bit,
//! whatever the chunks, the workers and the order their chunks arrive in.

use crate::chunks::Merged;
use crate::engine::{Plan, RunOptions};
use crate::pool::Crash;
use crate::precision::{checkpoint_after, median, McError, Precision};
use crate::results::RunHeader;
use crate::scenario::Scenario;
use crate::stats::{Batch, Summary};
use crate::wire;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// A run as the page asks for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSpec {
    /// Identifies the run in replies; a newer run replaces an older one.
    pub run_id: u64,
    /// The scenario (validated again by each worker).
    pub scenario: Scenario,
    /// Trials asked for.
    pub trials: u64,
    /// Seed.
    pub seed: u64,
}

impl RunSpec {
    fn plan(&self) -> Result<Plan, String> {
        let valid = self
            .scenario
            .clone()
            .validate()
            .map_err(|e| e.to_string())?;
        Plan::new(valid, RunOptions::new(self.trials.max(1), self.seed)).map_err(|e| e.to_string())
    }
}

/// Does what a test asked a worker to suffer (see [`Crash`]); never returns.
pub fn crash(kind: Crash) -> ! {
    match kind {
        Crash::Panic => panic!("a panic asked for by a test"),
        Crash::OutOfMemory => {
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 1 << 30]>())
        }
        Crash::Hang => loop {
            std::hint::spin_loop();
        },
    }
}

/// A message to a simulation worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RunnerRequest {
    /// A new run: its plan is built, and chunks of any other run are dropped.
    Start(Box<RunSpec>),
    /// Simulate trials `first .. first + count` of run `run_id`.
    Chunk {
        /// Run id.
        run_id: u64,
        /// First trial.
        first: u64,
        /// Trials.
        count: u64,
    },
    /// Drop the run and its chunks.
    Stop,
    /// A test hook.
    Crash(Crash),
}

/// A message from a simulation worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RunnerReply {
    /// The worker is listening.
    Ready,
    /// A chunk is done; its trials travel beside this header.
    ChunkDone {
        /// Run id.
        run_id: u64,
        /// First trial.
        first: u64,
        /// Trials.
        count: u64,
        /// Time it took, in milliseconds.
        millis: f64,
    },
    /// The run cannot be simulated.
    Failed {
        /// Run id.
        run_id: u64,
        /// Why, for people.
        message: String,
    },
    /// The worker panicked (its last words).
    Panicked {
        /// The panic's message.
        message: String,
    },
}

/// A chunk waiting in a runner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pending {
    run_id: u64,
    first: u64,
    count: u64,
}

/// A simulation worker: the plan of its current run and the chunks it was handed.
#[derive(Default)]
pub struct Runner {
    run: Option<(u64, Plan)>,
    queue: VecDeque<Pending>,
}

impl Runner {
    /// A runner with no run.
    pub fn new() -> Runner {
        Runner::default()
    }

    /// Takes a request; returns the reply to send at once (a failure), if any.
    pub fn receive(&mut self, request: RunnerRequest) -> Option<RunnerReply> {
        match request {
            RunnerRequest::Start(spec) => {
                self.queue.clear();
                self.run = None;
                match spec.plan() {
                    Ok(plan) => self.run = Some((spec.run_id, plan)),
                    Err(message) => {
                        return Some(RunnerReply::Failed {
                            run_id: spec.run_id,
                            message,
                        })
                    }
                }
            }
            RunnerRequest::Chunk {
                run_id,
                first,
                count,
            } => {
                if self.current() == Some(run_id) {
                    self.queue.push_back(Pending {
                        run_id,
                        first,
                        count,
                    });
                }
            }
            RunnerRequest::Stop => {
                self.queue.clear();
                self.run = None;
            }
            RunnerRequest::Crash(kind) => crash(kind),
        }
        None
    }

    /// The run whose chunks it takes.
    pub fn current(&self) -> Option<u64> {
        self.run.as_ref().map(|(id, _)| *id)
    }

    /// Whether a chunk waits.
    pub fn has_work(&self) -> bool {
        !self.queue.is_empty()
    }

    /// Simulates the next waiting chunk: its reply, and its trials as bytes.
    /// `now` reads a clock in milliseconds.
    pub fn run_next(&mut self, now: &dyn Fn() -> f64) -> Option<(RunnerReply, Vec<u8>)> {
        let chunk = self.queue.pop_front()?;
        let (run_id, plan) = self.run.as_ref().filter(|(id, _)| *id == chunk.run_id)?;
        let started = now();
        let batch = Batch::run(plan, chunk.first, chunk.count);
        let millis = now() - started;
        let reply = RunnerReply::ChunkDone {
            run_id: *run_id,
            first: chunk.first,
            count: chunk.count,
            millis,
        };
        Some((reply, wire::encode_batch(&batch)))
    }
}

/// Shortest time between two updates of a run's results, in milliseconds.
pub const MIN_UPDATE_MS: f64 = 250.0;
/// Updates come no more often than this many times the time a summary takes, so
/// that summarising a large run leaves the summariser's core to the simulation.
pub const UPDATE_COST_FACTOR: f64 = 4.0;
/// Most cells (trials × columns) the per-trial CSV is made of.
pub const MAX_CSV_CELLS: u64 = 12_000_000;

/// What the summariser is told at the start of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummariserStart {
    /// The run.
    pub spec: RunSpec,
    /// Trials to end the run at for now (at most the trials asked for).
    pub limit: u64,
    /// Stop once the Monte Carlo error is within it.
    pub precision: Option<Precision>,
}

/// A message to the summariser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SummariserRequest {
    /// A new run (the previous one is dropped).
    Start(Box<SummariserStart>),
    /// A chunk of the run; its trials travel beside this header.
    Chunk {
        /// Run id.
        run_id: u64,
        /// First trial.
        first: u64,
        /// Trials.
        count: u64,
    },
    /// End the run at `trials` trials rather than its limit so far (fewer: the
    /// cost guard; more: the rest of a capped run).
    Limit {
        /// Run id.
        run_id: u64,
        /// The new limit.
        trials: u64,
    },
    /// Send the per-trial values of run `run_id` as CSV (it must be finished).
    TrialsCsv {
        /// Run id.
        run_id: u64,
    },
    /// Rank the inputs of finished run `run_id` on a metric (a
    /// [`SummariserReply::Ranking`] follows).
    Rank(crate::decide::RankingRequest),
    /// Compare finished run `run_id` with a baseline run on the same seed and
    /// trials (a [`SummariserReply::Baseline`] follows).
    Baseline(Box<crate::decide::BaselineRequest>),
    /// Drop the run (kept for going back if it ran to its end, as when a new
    /// run replaces it).
    Stop,
    /// A test hook.
    Crash(Crash),
}

/// Why a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Finish {
    /// Every trial up to its limit ran.
    Limit,
    /// The Monte Carlo error reached the chosen precision.
    Precision,
}

/// The results of a run so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Run id.
    pub run_id: u64,
    /// What the run was run on.
    pub header: RunHeader,
    /// Summary of the trials merged so far (trials `0 .. summary.trials`).
    pub summary: Summary,
    /// Monte Carlo error of its headline numbers.
    pub error: McError,
    /// Set when the run has ended.
    pub finished: Option<Finish>,
    /// Time the last summary took to compute, in milliseconds.
    pub summary_ms: f64,
    /// Set when these are the final results of an identical run kept from
    /// before (same scenario, trials, seed, limit and precision): no trial was
    /// run again, and the runners can stop.
    #[serde(default)]
    pub kept: bool,
}

/// A message from the summariser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SummariserReply {
    /// The worker is listening.
    Ready,
    /// Results so far, or final.
    Results(Box<Results>),
    /// Per-trial values of a finished run, as CSV text.
    TrialsCsv {
        /// Run id.
        run_id: u64,
        /// The CSV text, or why it cannot be had.
        csv: Result<String, String>,
    },
    /// The inputs of a finished run ranked on a metric, or why they cannot be.
    Ranking {
        /// Run id.
        run_id: u64,
        /// The ranking, or why it cannot be had (the run's trials are gone).
        ranking: Result<Box<crate::decide::Ranking>, String>,
    },
    /// A finished run against its baseline, or why it cannot be compared.
    Baseline {
        /// Run id.
        run_id: u64,
        /// The comparison, or why not (the trials are gone, the baseline is
        /// not valid).
        view: Result<Box<crate::decide::BaselineView>, String>,
    },
    /// The run cannot be summarised.
    Failed {
        /// Run id.
        run_id: u64,
        /// Why, for people.
        message: String,
    },
    /// The worker panicked (its last words).
    Panicked {
        /// The panic's message.
        message: String,
    },
}

/// Why per-trial values cannot be exported.
pub const TRIALS_GONE: &str =
    "the trials of that run are no longer kept: let the run finish, then export again";

/// Finished runs the summariser keeps after a new run replaces them, so that
/// going back to inputs of a moment ago (an undo, a field typed back, a preset
/// picked again) shows their final results at once: at most this many runs…
pub const KEPT_RUNS: usize = 4;
/// …whose per-trial values take at most this many bytes in all: two runs of
/// 10,000 trials of any preset (about 1 KB a trial). A run that may keep more
/// on its own drops them all when it starts, so that the largest runs have the
/// memory they had.
pub const KEPT_RUNS_BYTES: u64 = 24_000_000;

/// What a run was asked for, but its id: two runs asked the same give the
/// same results, bit for bit (`bytes_per_trial` follows from the scenario).
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    scenario: Scenario,
    trials: u64,
    seed: u64,
    limit: u64,
    precision: Option<Precision>,
    /// Bytes of per-trial values the run keeps per trial.
    bytes_per_trial: u64,
}

impl Asked {
    fn of(start: &SummariserStart) -> Asked {
        Asked {
            scenario: start.spec.scenario.clone(),
            trials: start.spec.trials,
            seed: start.spec.seed,
            limit: start.limit.min(start.spec.trials),
            precision: start.precision,
            bytes_per_trial: crate::pool::kept_bytes_per_trial(&start.spec.scenario),
        }
    }
}

struct Active {
    run_id: u64,
    asked: Asked,
    header: RunHeader,
    plan: Plan,
    merged: Merged,
    waiting: BTreeMap<u64, Batch>,
    limit: u64,
    precision: Option<Precision>,
    finished: Option<Finish>,
    final_sent: bool,
    sent_trials: u64,
    last_sent: Option<f64>,
    interval: f64,
}

/// The summariser: merges a run's chunks in order and sends its results.
#[derive(Default)]
pub struct Summariser {
    run: Option<Active>,
    /// Finished runs replaced since, oldest first (see [`KEPT_RUNS`]).
    kept: Vec<Active>,
    baseline: crate::decide::BaselineCache,
}

impl Summariser {
    /// A summariser with no run.
    pub fn new() -> Summariser {
        Summariser::default()
    }

    /// Takes a request (with the bytes of a chunk's trials, for a chunk); `send`
    /// gets the replies, `now` reads a clock in milliseconds.
    pub fn receive(
        &mut self,
        request: SummariserRequest,
        payload: Option<&[u8]>,
        now: &dyn Fn() -> f64,
        send: &mut dyn FnMut(SummariserReply),
    ) {
        match request {
            SummariserRequest::Start(start) => {
                self.keep_finished();
                let asked = Asked::of(&start);
                if let Some(at) = self.kept.iter().position(|r| r.asked == asked) {
                    let mut run = self.kept.remove(at);
                    run.run_id = start.spec.run_id;
                    let mut result = run.results(now);
                    result.kept = true;
                    run.send(result, now, send);
                    self.run = Some(run);
                    return;
                }
                if asked.limit.saturating_mul(asked.bytes_per_trial) > KEPT_RUNS_BYTES {
                    self.kept.clear();
                }
                match start.spec.plan() {
                    Ok(plan) => {
                        // Room for every trial of the run at once (it goes to at
                        // most its limit, the memory guard's).
                        let mut merged = Merged::new();
                        merged.reserve(start.limit.min(start.spec.trials));
                        self.run = Some(Active {
                            run_id: start.spec.run_id,
                            asked,
                            header: RunHeader::of(&plan),
                            plan,
                            merged,
                            waiting: BTreeMap::new(),
                            limit: start.limit.min(start.spec.trials),
                            precision: start.precision,
                            finished: None,
                            final_sent: false,
                            sent_trials: 0,
                            last_sent: None,
                            interval: MIN_UPDATE_MS,
                        })
                    }
                    Err(message) => send(SummariserReply::Failed {
                        run_id: start.spec.run_id,
                        message,
                    }),
                }
            }
            SummariserRequest::Chunk {
                run_id,
                first,
                count,
            } => {
                let Some(run) = self.run.as_mut().filter(|r| r.run_id == run_id) else {
                    return;
                };
                let batch = payload
                    .ok_or_else(|| "a chunk came without its trials".to_string())
                    .and_then(wire::decode_batch)
                    .and_then(|b| {
                        if b.first_trial == first && b.trials == count {
                            Ok(b)
                        } else {
                            Err(format!(
                                "a chunk of trials {first}.. came with other trials"
                            ))
                        }
                    });
                match batch {
                    Ok(b) if run.finished.is_none() => {
                        run.waiting.insert(first, b);
                        run.advance(now, send);
                    }
                    Ok(_) => {}
                    Err(message) => {
                        self.run = None;
                        send(SummariserReply::Failed { run_id, message });
                    }
                }
            }
            SummariserRequest::Limit { run_id, trials } => {
                if let Some(run) = self.run.as_mut().filter(|r| r.run_id == run_id) {
                    let total = run.plan.options().trials;
                    run.limit = trials.clamp(run.merged.trials(), total);
                    if run.merged.trials() < run.limit {
                        run.finished = None;
                        run.final_sent = false;
                    }
                    run.advance(now, send);
                }
            }
            SummariserRequest::TrialsCsv { run_id } => {
                let csv = match &self.run {
                    Some(run) if run.run_id == run_id && run.finished.is_some() => {
                        run.merged.batch().map_or(Err(TRIALS_GONE.into()), |b| {
                            let columns = crate::pool::columns(run.plan.scenario().scenario());
                            if b.trials.saturating_mul(columns) > MAX_CSV_CELLS {
                                Err(format!(
                                    "{} trials are too many to export as one file: export a run of at most {} trials",
                                    b.trials,
                                    crate::pool::nice_floor((MAX_CSV_CELLS / columns.max(1)) as f64)
                                ))
                            } else {
                                Ok(crate::export::trials_csv(&run.plan, b))
                            }
                        })
                    }
                    _ => Err(TRIALS_GONE.into()),
                };
                send(SummariserReply::TrialsCsv { run_id, csv });
            }
            SummariserRequest::Rank(ask) => {
                let ranking = match &self.run {
                    Some(run) if run.run_id == ask.run_id && run.finished.is_some() => {
                        run.merged.batch().map_or(Err(TRIALS_GONE.into()), |b| {
                            Ok(Box::new(crate::decide::Ranking::of(
                                ask.run_id, b, ask.metric,
                            )))
                        })
                    }
                    _ => Err(TRIALS_GONE.into()),
                };
                send(SummariserReply::Ranking {
                    run_id: ask.run_id,
                    ranking,
                });
            }
            SummariserRequest::Baseline(ask) => {
                let view = match &self.run {
                    Some(run) if run.run_id == ask.run_id && run.finished.is_some() => {
                        run.merged.batch().map_or(Err(TRIALS_GONE.into()), |b| {
                            let seed = run.plan.options().seed;
                            self.baseline.compare(&ask, b, seed).map(Box::new)
                        })
                    }
                    _ => Err(TRIALS_GONE.into()),
                };
                send(SummariserReply::Baseline {
                    run_id: ask.run_id,
                    view,
                });
            }
            SummariserRequest::Stop => self.keep_finished(),
            SummariserRequest::Crash(kind) => crash(kind),
        }
    }

    /// Moves the run, if it ran to the end asked for (not one the cost or memory
    /// guard cut short, which could go on), to the kept runs, dropping the
    /// oldest beyond [`KEPT_RUNS`] runs or [`KEPT_RUNS_BYTES`] bytes.
    fn keep_finished(&mut self) {
        let Some(run) = self.run.take() else {
            return;
        };
        let whole = match run.finished {
            Some(Finish::Limit) => run.limit == run.asked.trials,
            Some(Finish::Precision) => true,
            None => false,
        };
        if !(whole && run.final_sent) || run.kept_bytes() > KEPT_RUNS_BYTES {
            return;
        }
        self.kept.retain(|r| r.asked != run.asked);
        self.kept.push(run);
        let bytes = |kept: &[Active]| kept.iter().map(Active::kept_bytes).sum::<u64>();
        while self.kept.len() > KEPT_RUNS || bytes(&self.kept) > KEPT_RUNS_BYTES {
            self.kept.remove(0);
        }
    }

    /// Finished runs kept for going back to them (see [`KEPT_RUNS`]).
    pub fn kept_runs(&self) -> usize {
        self.kept.len()
    }

    /// Trials merged in order so far in run `run_id` (0 for another run).
    pub fn merged(&self, run_id: u64) -> u64 {
        self.run
            .as_ref()
            .filter(|r| r.run_id == run_id)
            .map_or(0, |r| r.merged.trials())
    }
}

impl Active {
    /// Bytes of the per-trial values the run keeps.
    fn kept_bytes(&self) -> u64 {
        self.merged
            .trials()
            .saturating_mul(self.asked.bytes_per_trial)
    }

    /// Merges the chunks that follow the trials merged so far, ends the run at
    /// its limit or a checkpoint within the precision, and sends results when due.
    fn advance(&mut self, now: &dyn Fn() -> f64, send: &mut dyn FnMut(SummariserReply)) {
        while self.finished.is_none() && self.merged.trials() < self.limit {
            let at = self.merged.trials();
            let Some(batch) = self.waiting.remove(&at) else {
                break;
            };
            if let Err(message) = self.merged.add(batch) {
                send(SummariserReply::Failed {
                    run_id: self.run_id,
                    message,
                });
                self.finished = Some(Finish::Limit);
                return;
            }
            let done = self.merged.trials();
            if done < self.limit && self.precision.is_some() && checkpoint_after(done - 1) == done {
                if let (Some(p), Some(batch)) = (self.precision, self.merged.batch()) {
                    let mut profits = batch.profits();
                    let error = McError::of_profits(&profits);
                    if p.reached(&error, median(&mut profits)) {
                        self.limit = done;
                        self.finished = Some(Finish::Precision);
                    }
                }
            }
        }
        let done = self.merged.trials();
        if self.finished.is_none() && done >= self.limit {
            self.finished = Some(Finish::Limit);
        }
        if self.finished.is_some() {
            if !self.final_sent {
                self.final_sent = true;
                self.waiting.clear();
                let result = self.results(now);
                self.send(result, now, send);
            }
            return;
        }
        let due = self
            .last_sent
            .is_none_or(|last| now() - last >= self.interval);
        if done > self.sent_trials && due {
            let result = self.results(now);
            self.send(result, now, send);
        }
    }

    fn results(&self, now: &dyn Fn() -> f64) -> Results {
        let started = now();
        let batch = self.merged.batch();
        let summary = batch.map_or_else(
            || Summary::from_batch(&self.plan, &Batch::run(&self.plan, 0, 0)),
            |b| Summary::from_batch(&self.plan, b),
        );
        let error = batch.map_or_else(McError::default, |b| McError::of_profits(&b.profits()));
        Results {
            run_id: self.run_id,
            header: self.header.clone(),
            summary,
            error,
            finished: self.finished,
            summary_ms: now() - started,
            kept: false,
        }
    }

    fn send(
        &mut self,
        result: Results,
        now: &dyn Fn() -> f64,
        send: &mut dyn FnMut(SummariserReply),
    ) {
        self.sent_trials = result.summary.trials;
        self.last_sent = Some(now());
        self.interval = MIN_UPDATE_MS.max(UPDATE_COST_FACTOR * result.summary_ms);
        send(SummariserReply::Results(Box::new(result)));
    }
}
