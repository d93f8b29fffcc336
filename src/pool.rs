//! How the app spreads a run over a pool of workers, decided in the core so
//! that every rule is tested natively: how many workers ([`pool_size`]), how a
//! run is cut into chunks as it goes ([`Schedule`]: small first chunks so that
//! numbers show at once, then chunks of about [`CHUNK_MS`] of work, never
//! straddling a [`checkpoint_after`]), and the two guards a run passes before
//! it may use a tab's memory or a minute of the user's time ([`memory_cap`],
//! [`Schedule::cost_cap`]).
//!
//! The page ([`crate::web`]) hands chunks out in trial order to whichever
//! worker is free; the summariser ([`crate::protocol::Summariser`]) merges them
//! back in order, so the results do not depend on the chunks or the workers.

use crate::metrics::{ChannelField, Metric, OfferField};
use crate::precision::checkpoint_after;
use crate::scenario::Scenario;
use std::ops::Range;

/// Most simulation workers a page starts, however many cores it has.
pub const MAX_WORKERS: usize = 16;

/// How many simulation workers to start: `asked` (from the page address) when
/// given, else one per logical core but one (the page keeps a core), at least
/// one and at most [`MAX_WORKERS`] either way.
pub fn pool_size(hardware_concurrency: Option<f64>, asked: Option<usize>) -> usize {
    let cores = hardware_concurrency
        .filter(|c| c.is_finite() && *c >= 1.0)
        .map_or(2, |c| c.min(1e3) as usize);
    asked.unwrap_or(cores - 1).clamp(1, MAX_WORKERS)
}

/// Work in the first chunk of a run, in milliseconds (the first numbers of an
/// edit come from it).
pub const FIRST_CHUNK_MS: f64 = 20.0;
/// Work in a chunk once the run's speed is known, in milliseconds: short enough
/// that a worker drops a run that was replaced within this time.
pub const CHUNK_MS: f64 = 60.0;
/// Most trials in a chunk.
pub const MAX_CHUNK: u64 = 20_000;
/// A run estimated to take longer than this (in milliseconds) is not run to the
/// end unasked.
pub const COST_LIMIT_MS: f64 = 60_000.0;
/// Measured work after which the cost of a run is estimated (its pilot).
pub const PILOT_MS: f64 = 100.0;
/// Speed assumed for the first chunk when nothing has been measured yet.
pub const DEFAULT_MS_PER_TRIAL: f64 = 1.0;

/// `x` rounded down to two significant digits (12,437 → 12,000; 153 → 150), at least 1.
pub fn nice_floor(x: f64) -> u64 {
    if !(x >= 1.0) {
        return 1;
    }
    let x = x.min(9e18) as u64;
    let mut unit = 1u64;
    while x / unit >= 100 {
        unit *= 10;
    }
    (x / unit * unit).max(1)
}

/// Work the speed of a run is measured over, in milliseconds: the latest chunks
/// (the first ones run before the browser has optimised the worker's code).
pub const RECENT_MS: f64 = 300.0;

/// The cutting of one run into chunks as it goes, and what its speed says.
///
/// A run goes to its *limit*: the trials asked for, or fewer when the memory
/// guard lowered its *ceiling* ([`Schedule::set_ceiling`]) or the cost guard
/// holds it to about a minute ([`Schedule::apply_cost_guard`]: decided once the
/// pilot is measured; later estimates, from the latest speed, may only lift it).
#[derive(Clone, Debug)]
pub struct Schedule {
    total: u64,
    ceiling: u64,
    limit: u64,
    next: u64,
    last_size: u64,
    workers: usize,
    prior_ms_per_trial: f64,
    measured_trials: u64,
    measured_ms: f64,
    recent: std::collections::VecDeque<(u64, f64)>,
    pilot_slowdown: f64,
    uncapped: bool,
    guard_decided: bool,
}

impl Schedule {
    /// A run of `total` trials on `workers` workers; `prior_ms_per_trial` is the
    /// speed of the last run, if any (it sizes the first chunk).
    pub fn new(total: u64, workers: usize, prior_ms_per_trial: Option<f64>) -> Schedule {
        Schedule {
            total,
            ceiling: total,
            limit: total,
            next: 0,
            last_size: 0,
            workers: workers.max(1),
            prior_ms_per_trial: prior_ms_per_trial
                .filter(|m| *m > 0.0 && m.is_finite())
                .unwrap_or(DEFAULT_MS_PER_TRIAL),
            measured_trials: 0,
            measured_ms: 0.0,
            recent: std::collections::VecDeque::new(),
            pilot_slowdown: 1.0,
            uncapped: false,
            guard_decided: false,
        }
    }

    /// Makes the cost estimate `factor` times slower than measured (a test hook
    /// that fakes a slow pilot; chunk sizes still follow the real speed).
    pub fn with_pilot_slowdown(mut self, factor: f64) -> Schedule {
        if factor >= 1.0 && factor.is_finite() {
            self.pilot_slowdown = factor;
        }
        self
    }

    /// Trials asked for.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The most trials this run may go to (fewer than asked when the memory guard capped it).
    pub fn ceiling(&self) -> u64 {
        self.ceiling
    }

    /// Trials this run goes to for now.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Trials handed out so far (trials `0 .. dispatched()`).
    pub fn dispatched(&self) -> u64 {
        self.next
    }

    /// The memory guard: the run goes to at most `trials`.
    pub fn set_ceiling(&mut self, trials: u64) {
        self.ceiling = trials.clamp(self.next, self.total);
        self.limit = self.limit.min(self.ceiling);
    }

    /// Runs to `trials` (at least the trials handed out, at most the ceiling).
    pub fn set_limit(&mut self, trials: u64) {
        self.limit = trials.clamp(self.next, self.ceiling);
    }

    /// Runs to the ceiling, the cost guard aside (the user asked for the rest).
    pub fn uncap(&mut self) {
        self.uncapped = true;
        self.limit = self.ceiling;
    }

    /// Milliseconds a trial takes on one worker: measured over the latest
    /// chunks, else the prior.
    pub fn ms_per_trial(&self) -> f64 {
        let (n, ms) = self
            .recent
            .iter()
            .fold((0u64, 0.0), |(n, ms), (c, m)| (n + c, ms + m));
        if n > 0 {
            ms / n as f64
        } else {
            self.prior_ms_per_trial
        }
    }

    /// Records that a worker ran `count` trials in `millis` milliseconds.
    pub fn record(&mut self, count: u64, millis: f64) {
        if count > 0 && millis >= 0.0 && millis.is_finite() {
            self.measured_trials += count;
            self.measured_ms += millis;
            self.recent.push_back((count, millis));
            while self.recent.len() > 1
                && self.recent.iter().skip(1).map(|r| r.1).sum::<f64>() >= RECENT_MS
            {
                self.recent.pop_front();
            }
        }
    }

    /// Whether enough work was measured to estimate the run's cost.
    pub fn piloted(&self) -> bool {
        self.measured_ms >= PILOT_MS || self.measured_trials >= self.total
    }

    fn per_trial_on_pool(&self) -> f64 {
        self.ms_per_trial() * self.pilot_slowdown / self.workers as f64
    }

    /// Estimated milliseconds for `trials` more trials on the whole pool.
    pub fn estimate_ms(&self, trials: u64) -> f64 {
        trials as f64 * self.per_trial_on_pool()
    }

    /// The cost guard: once piloted, the trials that fit in about
    /// [`COST_LIMIT_MS`] of the pool's time (rounded down, never fewer than those
    /// handed out) when the whole run would take longer; `None` when it fits or
    /// the user asked for the rest.
    pub fn cost_cap(&self) -> Option<u64> {
        if self.uncapped || !self.piloted() {
            return None;
        }
        let per_trial = self.per_trial_on_pool();
        let spent = self.measured_ms * self.pilot_slowdown / self.workers as f64;
        let left = self.ceiling.saturating_sub(self.measured_trials);
        if spent + left as f64 * per_trial <= COST_LIMIT_MS {
            return None;
        }
        let fits = self.measured_trials as f64 + (COST_LIMIT_MS - spent).max(0.0) / per_trial;
        Some(nice_floor(fits).clamp(self.next, self.ceiling))
    }

    /// Sets the limit from the cost guard. The cap is decided once, when the
    /// pilot is measured; afterwards a new estimate may lift it (the machine got
    /// faster) but never lowers it, so that a run is not stopped late, close to
    /// its end, because the machine got busy for a while.
    pub fn apply_cost_guard(&mut self) {
        if !self.piloted() {
            return;
        }
        let limit = self.cost_cap().unwrap_or(self.ceiling);
        if !self.guard_decided {
            self.guard_decided = true;
            self.set_limit(limit);
        } else if limit > self.limit {
            self.set_limit(limit);
        }
    }

    /// The next chunk to hand out, or `None` when every trial up to the limit is
    /// out. The first chunk holds about [`FIRST_CHUNK_MS`] of work, later ones
    /// about [`CHUNK_MS`] (growing at most fourfold a chunk); none straddles a
    /// checkpoint or the limit.
    pub fn next_chunk(&mut self) -> Option<Range<u64>> {
        if self.next >= self.limit {
            return None;
        }
        let ms = self.ms_per_trial();
        let want = if self.next == 0 {
            FIRST_CHUNK_MS / ms
        } else {
            CHUNK_MS / ms
        };
        let mut size = (want.min(MAX_CHUNK as f64) as u64).max(1);
        if self.last_size > 0 {
            size = size.min(self.last_size.saturating_mul(4));
        }
        let end = (self.next + size)
            .min(self.limit)
            .min(checkpoint_after(self.next));
        let range = self.next..end;
        self.last_size = end - self.next;
        self.next = end;
        Some(range)
    }
}

/// Most memory a run may use to keep every trial's values (in bytes), so that
/// the tab stays under 300 MB. Measured in headless Chromium (private memory of
/// the tab and its workers, the example preset): 206 MB after 10,000 trials; a
/// run at the limit adds about twice the limit (at 160 MB the largest run the
/// page allowed, 150,000 trials, peaked at 433 MB; at 60 MB, 56,000 trials, 322 MB).
pub const KEPT_BYTES_LIMIT: u64 = 40_000_000;

/// Values a run keeps per trial of `scenario`: every metric and every cell of
/// the offer and channel tables (for exact quantiles and the per-trial CSV).
pub fn columns(scenario: &Scenario) -> u64 {
    (Metric::ALL.len()
        + OfferField::ALL.len() * scenario.offers.len()
        + ChannelField::ALL.len() * (scenario.channels.len() + 1)) as u64
}

/// Bytes a run keeps per trial of `scenario` (its [`columns`]).
pub fn kept_bytes_per_trial(scenario: &Scenario) -> u64 {
    columns(scenario) * std::mem::size_of::<Option<f64>>() as u64
}

/// The memory guard: the most trials of `scenario` that fit in
/// [`KEPT_BYTES_LIMIT`] (rounded down) when `trials` would not; `None` when they fit.
pub fn memory_cap(scenario: &Scenario, trials: u64) -> Option<u64> {
    let per_trial = kept_bytes_per_trial(scenario).max(1);
    (trials.saturating_mul(per_trial) > KEPT_BYTES_LIMIT)
        .then(|| nice_floor((KEPT_BYTES_LIMIT / per_trial) as f64))
}

/// What a test may ask of a worker through the page address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Crash {
    /// Panic.
    Panic,
    /// Fail to allocate, as when the memory of a wasm module is exhausted.
    OutOfMemory,
    /// Stop answering (a loop that never ends).
    Hang,
}

/// Options of the pool read from the page address: `workers=N`, and test hooks
/// (`test-crash=runner-panic|runner-oom|runner-hang|summariser-oom`,
/// `test-slow-pilot=FACTOR`, `test-silence-ms=MS`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolOptions {
    /// Simulation workers asked for.
    pub workers: Option<usize>,
    /// A crash to cause in the first runner (`false`) or the summariser (`true`)
    /// once the first run has started.
    pub crash: Option<(bool, Crash)>,
    /// Factor by which the cost estimate is made slower than measured.
    pub pilot_slowdown: Option<f64>,
    /// Silence after which a worker is taken for dead, in milliseconds.
    pub silence_ms: Option<f64>,
}

impl PoolOptions {
    /// Reads a query string (with or without its `?`); what it cannot read it ignores.
    pub fn from_query(query: &str) -> PoolOptions {
        let mut out = PoolOptions::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let number = value.trim().parse::<f64>().ok().filter(|x| x.is_finite());
            match key.as_ref() {
                "workers" => {
                    out.workers = number.filter(|n| *n >= 1.0).map(|n| n.min(1e3) as usize)
                }
                "test-crash" => {
                    out.crash = match value.as_ref() {
                        "runner-panic" => Some((false, Crash::Panic)),
                        "runner-oom" => Some((false, Crash::OutOfMemory)),
                        "runner-hang" => Some((false, Crash::Hang)),
                        "summariser-oom" => Some((true, Crash::OutOfMemory)),
                        _ => None,
                    }
                }
                "test-slow-pilot" => out.pilot_slowdown = number.filter(|f| *f >= 1.0),
                "test-silence-ms" => out.silence_ms = number.filter(|m| *m > 0.0),
                _ => {}
            }
        }
        out
    }
}
