//! The page's pool of workers: [`funnel_lab::pool::pool_size`] runners that simulate
//! chunks and one summariser that merges them, all started with the page. The
//! page only hands chunks out ([`Schedule`]), two per runner so that none waits
//! for the page, and forwards each chunk's bytes (transferred, not copied) to the
//! summariser; it never merges or summarises.
//!
//! A new run replaces the one in flight without stopping a worker: runners drop
//! the old chunks and replies of the old run are ignored. A worker that dies (an
//! `error` or `messageerror` event, its last words if it panicked, or silence
//! while it owes a reply) ends the run with a message, and is started afresh.

use super::lang::{t, tw};
use super::worker::{message, read, spawn, transfer, SUMMARISER};
use funnel_lab::pool::{nice_floor, pool_size, PoolOptions, Schedule};
use funnel_lab::precision::Precision;
use funnel_lab::protocol::{
    Finish, Results, RunSpec, RunnerReply, RunnerRequest, SummariserReply, SummariserRequest,
    SummariserStart,
};
use js_sys::Uint8Array;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// What a worker's `error` (or `messageerror`) event says, marked as handled
/// so that it is not also reported as an uncaught error of the page.
pub(super) fn worker_error_text(ev: &JsValue) -> String {
    if let Some(e) = ev.dyn_ref::<web_sys::Event>() {
        e.prevent_default();
    }
    ev.dyn_ref::<ErrorEvent>()
        .map(|e| e.message())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| t("worker-no-message"))
}

/// Chunks a runner holds at once (one running, one waiting).
const CHUNKS_PER_RUNNER: usize = 2;
/// Silence after which a worker that owes a reply is taken for dead, in ms
/// (more when its work is known to take longer).
const SILENCE_MS: f64 = 20_000.0;
/// How long the page waits for a dying worker's last words.
const LAST_WORDS_WAIT: std::time::Duration = std::time::Duration::from_millis(100);
/// How often silence is checked while a run goes, in ms.
const WATCH_EVERY_MS: i32 = 1_000;
/// A summariser that merged more trials than this is replaced rather than told
/// of a new run (its last summary may take long, and its memory goes at once).
const FRESH_SUMMARISER_TRIALS: u64 = 50_000;

/// What the pool tells the page.
#[derive(Clone, Debug)]
pub enum PoolEvent {
    /// `done` trials of the run are simulated; it goes to `limit` of `total`.
    Progress {
        /// Run id.
        run_id: u64,
        /// Trials simulated.
        done: u64,
        /// Trials it goes to unless the cost guard ends it sooner (the guard's
        /// estimate moves with the machine's load; a cap is told by `Capped`).
        ceiling: u64,
    },
    /// Results so far, or final.
    Results(Box<Results>),
    /// The cost guard stops the run short of `total` trials: the rest would take `rest_ms`.
    Capped {
        /// Run id.
        run_id: u64,
        /// Trials it would go to without the guard.
        total: u64,
        /// Estimated time of the rest, in milliseconds.
        rest_ms: f64,
    },
    /// The run ended without results: a worker failed or died.
    Failed {
        /// Run id.
        run_id: u64,
        /// What happened, for people.
        message: String,
        /// Trials to offer a rerun with (after a crash), if any.
        rerun: Option<u64>,
    },
    /// The per-trial CSV of a finished run.
    TrialsCsv(Result<String, String>),
    /// The inputs of a finished run ranked on a metric (or why not).
    Ranking(Result<Box<funnel_lab::decide::Ranking>, String>),
    /// A finished run against its baseline (or why not), for run `run_id`.
    Baseline(u64, Result<Box<funnel_lab::decide::BaselineView>, String>),
}

struct Slot {
    worker: Worker,
    /// Which worker of its place this is (messages of a replaced one are ignored).
    generation: u64,
    ready: bool,
    /// Messages waiting for the worker to be ready.
    queued: Vec<(js_sys::Array, js_sys::Array)>,
    /// Chunks handed to it: (first trial, trials, when, expected ms).
    chunks: VecDeque<(u64, u64, f64, f64)>,
    /// Its panic message, if it panicked.
    last_words: Option<String>,
    _handlers: Vec<Closure<dyn Fn(JsValue)>>,
}

impl Slot {
    fn send(&mut self, header: &impl Serialize, payload: Option<&Uint8Array>) {
        let (m, t) = (message(header, payload), transfer(payload));
        if self.ready {
            let _ = self.worker.post_message_with_transfer(&m, &t);
        } else {
            self.queued.push((m, t));
        }
    }
}

struct Active {
    spec: RunSpec,
    schedule: Schedule,
    done: u64,
    /// Whether the cost guard's stop was told to the summariser and the page.
    capped: bool,
    finished: bool,
    /// Since when the summariser owes results (chunks sent, none answered).
    owed_since: Option<f64>,
    summary_ms: f64,
}

struct Inner {
    runners: Vec<Slot>,
    summariser: Option<Slot>,
    run: Option<Active>,
    last_ms_per_trial: Option<f64>,
    crash_sent: bool,
    watch: Option<i32>,
    spawned: u64,
}

/// Which worker a message comes from.
#[derive(Clone, Copy)]
enum Who {
    Runner(usize),
    Summariser,
}

/// The page's handle on its workers.
pub struct Pool {
    inner: RefCell<Inner>,
    options: PoolOptions,
    on_event: Box<dyn Fn(PoolEvent)>,
    me: Weak<Pool>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

impl Pool {
    /// Starts the workers (sized from `navigator.hardwareConcurrency` unless the
    /// address asks otherwise); every event goes to `on_event`.
    pub fn new(options: PoolOptions, on_event: impl Fn(PoolEvent) + 'static) -> Rc<Pool> {
        let cores = web_sys::window().map(|w| w.navigator().hardware_concurrency());
        let size = pool_size(cores, options.workers);
        let pool = Rc::new_cyclic(|me| Pool {
            inner: RefCell::new(Inner {
                runners: Vec::new(),
                summariser: None,
                run: None,
                last_ms_per_trial: None,
                crash_sent: false,
                watch: None,
                spawned: 0,
            }),
            options,
            on_event: Box::new(on_event),
            me: me.clone(),
        });
        for i in 0..size {
            if let Some(slot) = pool.spawn(Who::Runner(i)) {
                pool.inner.borrow_mut().runners.push(slot);
            }
        }
        let summariser = pool.spawn(Who::Summariser);
        pool.inner.borrow_mut().summariser = summariser;
        pool
    }

    fn spawn(&self, who: Who) -> Option<Slot> {
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.spawned += 1;
            inner.spawned
        };
        let name = match who {
            Who::Summariser => SUMMARISER.to_string(),
            Who::Runner(i) => format!("runner-{i}"),
        };
        let worker = spawn(&name).ok()?;
        let me = self.me.clone();
        let on_message = Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
            if let Some(pool) = me.upgrade().filter(|p| p.is_current(who, generation)) {
                pool.on_message(who, ev.unchecked_into());
            }
        });
        let me = self.me.clone();
        let on_error = Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
            let text = worker_error_text(&ev);
            // A panic's last words may still be on their way.
            let me = me.clone();
            leptos::prelude::set_timeout(
                move || {
                    if let Some(pool) = me.upgrade().filter(|p| p.is_current(who, generation)) {
                        pool.died(who, &text);
                    }
                },
                LAST_WORDS_WAIT,
            );
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let _ = worker
            .add_event_listener_with_callback("messageerror", on_error.as_ref().unchecked_ref());
        Some(Slot {
            worker,
            generation,
            ready: false,
            queued: Vec::new(),
            chunks: VecDeque::new(),
            last_words: None,
            _handlers: vec![on_message, on_error],
        })
    }

    fn is_current(&self, who: Who, generation: u64) -> bool {
        let inner = self.inner.borrow();
        let slot = match who {
            Who::Runner(i) => inner.runners.get(i),
            Who::Summariser => inner.summariser.as_ref(),
        };
        // A worker spawned at start-up is not in its place yet when it says Ready.
        slot.is_none_or(|s| s.generation == generation)
    }

    fn slot(inner: &mut Inner, who: Who) -> Option<&mut Slot> {
        match who {
            Who::Runner(i) => inner.runners.get_mut(i),
            Who::Summariser => inner.summariser.as_mut(),
        }
    }

    fn emit(&self, event: PoolEvent) {
        (self.on_event)(event);
    }

    /// Starts a run of `spec` to `limit` trials (fewer than asked when the memory
    /// guard capped it), stopping at `precision` if given; replaces any run.
    pub fn start(&self, spec: RunSpec, limit: u64, precision: Option<Precision>) {
        let fresh_summariser = {
            let mut inner = self.inner.borrow_mut();
            let size = inner.runners.len();
            let mut schedule = Schedule::new(spec.trials, size, inner.last_ms_per_trial);
            if let Some(f) = self.options.pilot_slowdown {
                schedule = schedule.with_pilot_slowdown(f);
            }
            schedule.set_ceiling(limit);
            let big = inner
                .run
                .as_ref()
                .is_some_and(|r| r.done > FRESH_SUMMARISER_TRIALS);
            inner.run = Some(Active {
                spec: spec.clone(),
                schedule,
                done: 0,
                capped: false,
                finished: false,
                owed_since: None,
                summary_ms: 0.0,
            });
            for r in &mut inner.runners {
                r.chunks.clear();
                r.send(&RunnerRequest::Start(Box::new(spec.clone())), None);
            }
            big
        };
        if fresh_summariser {
            self.replace(Who::Summariser);
        }
        let start = SummariserStart {
            spec,
            limit,
            precision,
        };
        self.to_summariser(&SummariserRequest::Start(Box::new(start)), None);
        self.crash_if_asked();
        self.watch();
        self.dispatch();
    }

    /// Runs the rest of a run the cost guard capped.
    pub fn resume(&self) {
        let (run_id, ceiling) = {
            let mut inner = self.inner.borrow_mut();
            let Some(run) = inner.run.as_mut() else {
                return;
            };
            run.schedule.uncap();
            run.finished = false;
            run.capped = false;
            (run.spec.run_id, run.schedule.ceiling())
        };
        let rest = SummariserRequest::Limit {
            run_id,
            trials: ceiling,
        };
        self.to_summariser(&rest, None);
        self.watch();
        self.dispatch();
    }

    /// Stops the run in flight, if one is going; returns whether one was.
    pub fn cancel(&self) -> bool {
        let going = self
            .inner
            .borrow_mut()
            .run
            .take()
            .is_some_and(|r| !r.finished);
        self.stop_workers();
        going
    }

    fn stop_workers(&self) {
        let mut inner = self.inner.borrow_mut();
        for r in &mut inner.runners {
            r.chunks.clear();
            r.send(&RunnerRequest::Stop, None);
        }
    }

    /// Asks for the per-trial CSV of finished run `run_id` (a
    /// [`PoolEvent::TrialsCsv`] follows).
    pub fn request_trials(&self, run_id: u64) {
        self.to_summariser(&SummariserRequest::TrialsCsv { run_id }, None);
    }

    /// Asks for the inputs of finished run `ask.run_id` ranked on a metric (a
    /// [`PoolEvent::Ranking`] follows).
    pub fn request_ranking(&self, ask: funnel_lab::decide::RankingRequest) {
        self.to_summariser(&SummariserRequest::Rank(ask), None);
    }

    /// Asks for finished run `ask.run_id` against a baseline (a
    /// [`PoolEvent::Baseline`] follows).
    pub fn request_baseline(&self, ask: funnel_lab::decide::BaselineRequest) {
        self.to_summariser(&SummariserRequest::Baseline(Box::new(ask)), None);
    }

    fn to_summariser(&self, header: &SummariserRequest, payload: Option<&Uint8Array>) {
        if let Some(s) = self.inner.borrow_mut().summariser.as_mut() {
            s.send(header, payload);
        }
    }

    fn crash_if_asked(&self) {
        let Some((summariser, kind)) = self.options.crash else {
            return;
        };
        let mut inner = self.inner.borrow_mut();
        if std::mem::replace(&mut inner.crash_sent, true) {
            return;
        }
        if summariser {
            if let Some(s) = inner.summariser.as_mut() {
                s.send(&SummariserRequest::Crash(kind), None);
            }
        } else if let Some(r) = inner.runners.first_mut() {
            r.send(&RunnerRequest::Crash(kind), None);
        }
    }

    /// Hands chunks to every runner with room for one, in trial order; once the
    /// cost guard stops the run short, tells the summariser and the page.
    fn dispatch(&self) {
        let capped = {
            let mut inner = self.inner.borrow_mut();
            let Inner { runners, run, .. } = &mut *inner;
            let Some(run) = run.as_mut().filter(|r| !r.finished) else {
                return;
            };
            let t = now();
            'hand_out: for _ in 0..CHUNKS_PER_RUNNER {
                for r in runners.iter_mut() {
                    if r.chunks.len() >= CHUNKS_PER_RUNNER {
                        continue;
                    }
                    run.schedule.apply_cost_guard();
                    let Some(range) = run.schedule.next_chunk() else {
                        break 'hand_out;
                    };
                    let count = range.end - range.start;
                    let expected = count as f64 * run.schedule.ms_per_trial();
                    r.chunks.push_back((range.start, count, t, expected));
                    let chunk = RunnerRequest::Chunk {
                        run_id: run.spec.run_id,
                        first: range.start,
                        count,
                    };
                    r.send(&chunk, None);
                }
            }
            let s = &run.schedule;
            let stopped = s.dispatched() >= s.limit() && s.limit() < s.ceiling();
            (stopped && !std::mem::replace(&mut run.capped, true)).then(|| {
                let rest_ms = s.estimate_ms(s.ceiling() - s.limit());
                (run.spec.run_id, s.limit(), s.ceiling(), rest_ms)
            })
        };
        if let Some((run_id, trials, total, rest_ms)) = capped {
            self.to_summariser(&SummariserRequest::Limit { run_id, trials }, None);
            self.emit(PoolEvent::Capped {
                run_id,
                total,
                rest_ms,
            });
        }
    }

    fn on_message(&self, who: Who, ev: MessageEvent) {
        let (header, payload) = read(&ev);
        match who {
            Who::Runner(i) => match serde_json::from_str::<RunnerReply>(&header) {
                Ok(reply) => self.on_runner_reply(i, reply, payload),
                Err(e) => self.died(
                    who,
                    &tw(
                        "worker-unreadable-reply",
                        &[("detail", e.to_string().into())],
                    ),
                ),
            },
            Who::Summariser => match serde_json::from_str::<SummariserReply>(&header) {
                Ok(reply) => self.on_summariser_reply(reply),
                Err(e) => self.died(
                    who,
                    &tw(
                        "worker-unreadable-reply",
                        &[("detail", e.to_string().into())],
                    ),
                ),
            },
        }
    }

    fn ready(&self, who: Who) {
        let mut inner = self.inner.borrow_mut();
        if let Some(slot) = Self::slot(&mut inner, who) {
            slot.ready = true;
            for (m, t) in slot.queued.drain(..) {
                let _ = slot.worker.post_message_with_transfer(&m, &t);
            }
        }
    }

    fn on_runner_reply(&self, i: usize, reply: RunnerReply, payload: Option<Uint8Array>) {
        match reply {
            RunnerReply::Ready => self.ready(Who::Runner(i)),
            RunnerReply::Panicked { message } => {
                if let Some(r) = self.inner.borrow_mut().runners.get_mut(i) {
                    r.last_words = Some(message);
                }
            }
            RunnerReply::Failed { run_id, message } => self.fail(run_id, message, None),
            RunnerReply::ChunkDone {
                run_id,
                first,
                count,
                millis,
            } => {
                let event = {
                    let mut inner = self.inner.borrow_mut();
                    let Inner {
                        runners,
                        run,
                        last_ms_per_trial,
                        ..
                    } = &mut *inner;
                    let Some(run) = run.as_mut().filter(|r| r.spec.run_id == run_id) else {
                        return;
                    };
                    if let Some(r) = runners.get_mut(i) {
                        r.chunks.retain(|c| c.0 != first);
                    }
                    if run.finished {
                        return;
                    }
                    run.schedule.record(count, millis);
                    *last_ms_per_trial = Some(run.schedule.ms_per_trial());
                    run.done += count;
                    run.owed_since.get_or_insert(now());
                    PoolEvent::Progress {
                        run_id,
                        done: run.done,
                        ceiling: run.schedule.ceiling(),
                    }
                };
                let chunk = SummariserRequest::Chunk {
                    run_id,
                    first,
                    count,
                };
                self.to_summariser(&chunk, payload.as_ref());
                self.emit(event);
                self.dispatch();
            }
        }
    }

    fn on_summariser_reply(&self, reply: SummariserReply) {
        match reply {
            SummariserReply::Ready => self.ready(Who::Summariser),
            SummariserReply::Panicked { message } => {
                if let Some(s) = self.inner.borrow_mut().summariser.as_mut() {
                    s.last_words = Some(message);
                }
            }
            SummariserReply::Failed { run_id, message } => self.fail(run_id, message, None),
            SummariserReply::TrialsCsv { csv, .. } => self.emit(PoolEvent::TrialsCsv(csv)),
            SummariserReply::Ranking { ranking, .. } => self.emit(PoolEvent::Ranking(ranking)),
            SummariserReply::Baseline { run_id, view } => {
                self.emit(PoolEvent::Baseline(run_id, view))
            }
            SummariserReply::Results(results) => {
                let stop = {
                    let mut inner = self.inner.borrow_mut();
                    let Some(run) = inner
                        .run
                        .as_mut()
                        .filter(|r| r.spec.run_id == results.run_id)
                    else {
                        return;
                    };
                    run.owed_since = (run.done > results.summary.trials).then(now);
                    run.summary_ms = results.summary_ms;
                    if results.finished.is_some() {
                        run.finished = true;
                        run.owed_since = None;
                    }
                    // Stopped early, or kept from before: the runners' chunks are not needed.
                    results.finished == Some(Finish::Precision) || results.kept
                };
                if stop {
                    self.stop_workers();
                }
                self.emit(PoolEvent::Results(results));
            }
        }
    }

    fn fail(&self, run_id: u64, message: String, rerun: Option<u64>) {
        let current = self.inner.borrow().run.as_ref().map(|r| r.spec.run_id);
        if run_id != 0 && current != Some(run_id) {
            return;
        }
        self.inner.borrow_mut().run = None;
        self.stop_workers();
        let run_id = current.unwrap_or(run_id);
        self.emit(PoolEvent::Failed {
            run_id,
            message,
            rerun,
        });
    }

    /// A worker died: it is started afresh, and the run (if any) ends with a message.
    fn died(&self, who: Who, what: &str) {
        let (last_words, run) = {
            let mut inner = self.inner.borrow_mut();
            let words = Self::slot(&mut inner, who).and_then(|s| s.last_words.take());
            let run = inner
                .run
                .as_ref()
                .map(|r| (r.spec.run_id, r.done, r.schedule.limit()));
            (words, run)
        };
        self.replace(who);
        let Some((run_id, done, limit)) = run else {
            return;
        };
        let role = match who {
            Who::Runner(_) => t("worker-role-runner"),
            Who::Summariser => t("worker-role-summariser"),
        };
        let cause = match last_words {
            Some(words) => tw("worker-cause-bug", &[("detail", words.into())]),
            None => tw("worker-cause-memory", &[("detail", what.into())]),
        };
        let rerun = nice_floor(if done > 1 { done / 2 } else { limit / 2 } as f64);
        let message = tw(
            "worker-stopped",
            &[
                ("role", role.into()),
                ("done", done.into()),
                ("total", limit.into()),
                ("cause", cause.into()),
            ],
        );
        self.fail(run_id, message, Some(rerun));
    }

    /// Terminates a worker and starts a new one in its place.
    fn replace(&self, who: Who) {
        let fresh = self.spawn(who);
        let mut inner = self.inner.borrow_mut();
        let old = match (who, fresh) {
            (Who::Runner(i), Some(slot)) if i < inner.runners.len() => {
                Some(std::mem::replace(&mut inner.runners[i], slot))
            }
            (Who::Summariser, Some(slot)) => inner.summariser.replace(slot),
            _ => None,
        };
        if let Some(old) = old {
            old.worker.terminate();
        }
    }

    /// Checks for silence every second while a run goes (once set up).
    fn watch(&self) {
        if self.inner.borrow().watch.is_some() {
            return;
        }
        let me = self.me.clone();
        let tick = Closure::<dyn Fn()>::new(move || {
            if let Some(pool) = me.upgrade() {
                pool.check_silence();
            }
        });
        let id = web_sys::window().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                WATCH_EVERY_MS,
            )
            .ok()
        });
        tick.forget();
        self.inner.borrow_mut().watch = id;
    }

    fn check_silence(&self) {
        let limit = self.options.silence_ms.unwrap_or(SILENCE_MS);
        let t = now();
        let silent = {
            let inner = self.inner.borrow();
            let Some(run) = inner.run.as_ref().filter(|r| !r.finished) else {
                return;
            };
            let runner = inner.runners.iter().position(|r| {
                r.chunks
                    .front()
                    .is_some_and(|&(_, _, sent, expected)| t - sent > limit.max(20.0 * expected))
            });
            let summariser = run
                .owed_since
                .is_some_and(|since| t - since > limit.max(30.0 * run.summary_ms));
            runner
                .map(Who::Runner)
                .or(summariser.then_some(Who::Summariser))
        };
        if let Some(who) = silent {
            self.died(who, &super::lang::t("worker-silent"));
        }
    }
}
