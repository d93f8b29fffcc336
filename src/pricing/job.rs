//! The pricing lab's work as the page hands it to a worker: a progressive
//! sweep (a preview of the whole grid from its first trials, then the grid's
//! points in full, coarse first, then points refined near both marked
//! prices), and goal seek (a first estimate from the first trials of every
//! value, then the answer). Pure: the worker only moves these messages
//! ([`handle`] is the whole job), so everything here is tested natively.

use super::seek::{seek, Direction, Goal, SeekAnswer, SeekError};
use super::sweep::{grid, target_named, Best, Sweep, SweepError, SweepPoint, MAX_STEPS};
use crate::scenario::Scenario;
use crate::stats::Stats;
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

/// Rounds of refinement near the marked prices after the grid (each adds at
/// most four points: the midpoints either side of both marks).
pub const REFINE_ROUNDS: usize = 2;

/// Trials of each grid point in a sweep's preview: the whole curve from the
/// first trials of every point (a prefix of the trials the point runs in
/// full, on the same random numbers), in about a twentieth of the sweep's time.
pub const PREVIEW_TRIALS: u64 = 100;

/// Trials of each value tried in goal seek's first estimate: the whole search
/// again from the first trials of every value, in about a tenth of its time.
pub const SEEK_PREVIEW_TRIALS: u64 = 200;

/// `first` when `trials` are at least four times as many (a look at the first
/// trials then costs at most a quarter more work), else 0 (so few trials
/// answer soon enough).
fn first_look(trials: u64, first: u64) -> u64 {
    if trials >= 4 * first {
        first
    } else {
        0
    }
}

/// The trials of goal seek's first estimate: [`SEEK_PREVIEW_TRIALS`] when the
/// search runs at least four times as many, else none.
pub fn seek_preview_trials(trials: u64) -> u64 {
    first_look(trials, SEEK_PREVIEW_TRIALS)
}

/// The trials of each point of a sweep's preview: [`PREVIEW_TRIALS`] when a
/// point runs at least four times as many (usually the preview costs a
/// twentieth more), else none.
pub fn preview_trials(trials: u64) -> u64 {
    first_look(trials, PREVIEW_TRIALS)
}

/// A sweep as the page asks for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepJob {
    /// Identifies the job in replies.
    pub job_id: u64,
    /// The scenario (validated again by the worker).
    pub scenario: Scenario,
    /// `lead_magnet` or an offer id.
    pub target: String,
    /// The lowest price.
    pub from: f64,
    /// The highest price.
    pub to: f64,
    /// Points of the grid.
    pub steps: usize,
    /// Trials of each point.
    pub trials: u64,
    /// Seed of every point.
    pub seed: u64,
}

/// Goal seek as the page asks for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeekJob {
    /// Identifies the job in replies.
    pub job_id: u64,
    /// The scenario.
    pub scenario: Scenario,
    /// The field to vary (`channels[0].cost_per_visitor`).
    pub path: String,
    /// The least profit wanted.
    pub profit_at_least: f64,
    /// By the end of this day.
    pub by_day: u32,
    /// The least chance (0 < chance ≤ 1).
    pub chance: f64,
    /// Trials of each value tried.
    pub trials: u64,
    /// Seed.
    pub seed: u64,
}

/// A message to the pricing worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PricingRequest {
    /// Run a sweep, reporting after every point.
    Sweep(Box<SweepJob>),
    /// Run goal seek.
    Seek(Box<SeekJob>),
}

/// A marked price of a sweep, as the page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// The price.
    pub price: f64,
    /// Mean profit (highest expected profit) or its 5th percentile (safe price) there.
    pub value: f64,
    /// The prices whose statistic is within Monte Carlo noise of it.
    pub near: [f64; 2],
}

impl From<Best> for Mark {
    fn from(b: Best) -> Mark {
        Mark {
            price: b.price,
            value: b.value,
            near: b.near,
        }
    }
}

/// One point of a sweep as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointView {
    /// The price.
    pub price: f64,
    /// Profit at the horizon.
    pub profit: Stats,
    /// The chance of a loss.
    pub prob_loss: f64,
    /// Mean buyers of each offer, in the scenario's order.
    pub buyers: Vec<f64>,
    /// Mean front-end ROAS (none when no trial defines it).
    pub front_end_roas: Option<f64>,
}

impl From<&SweepPoint> for PointView {
    fn from(p: &SweepPoint) -> PointView {
        PointView {
            price: p.price,
            profit: p.profit.clone(),
            prob_loss: p.prob_loss,
            buyers: p.buyers.clone(),
            front_end_roas: p.front_end_roas.mean,
        }
    }
}

/// A sweep so far, as the page shows it (the per-trial profits stay in the worker).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SweepView {
    /// `lead_magnet` or the offer id.
    pub target: String,
    /// The offers' ids (the keys of each point's buyers).
    pub offer_ids: Vec<String>,
    /// The points run so far, in price order.
    pub points: Vec<PointView>,
    /// The preview's points at the prices of the grid not yet run in full,
    /// in price order: each from the first [`SweepView::preview_trials`]
    /// trials only. Not marked, and gone once the grid is done.
    #[serde(default)]
    pub preview: Vec<PointView>,
    /// Trials of each preview point (0 when the sweep has no preview).
    #[serde(default)]
    pub preview_trials: u64,
    /// The highest expected profit so far.
    pub best_mean: Option<Mark>,
    /// The safe price (highest 5th percentile) so far.
    pub best_p5: Option<Mark>,
    /// Whether the grid is done and the points now added refine it.
    pub refining: bool,
    /// Points run.
    pub done: usize,
    /// Points planned (the grid; refinements raise it).
    pub planned: usize,
}

impl SweepView {
    /// The view of `sweep` with `planned` points planned, and the points of
    /// its `preview` (the same prices on fewer trials) at the prices it has
    /// not run yet.
    pub fn of(sweep: &Sweep, preview: Option<&Sweep>, planned: usize, refining: bool) -> SweepView {
        let run = |price: f64| sweep.points().iter().any(|p| p.price == price);
        let (preview, preview_trials) = preview.map_or((Vec::new(), 0), |look| {
            let points = look.points().iter().filter(|p| !run(p.price));
            (points.map(PointView::from).collect(), look.trials)
        });
        SweepView {
            target: sweep.target_name.clone(),
            offer_ids: sweep.offer_ids.clone(),
            points: sweep.points().iter().map(PointView::from).collect(),
            preview,
            preview_trials,
            best_mean: sweep.best_mean().map(Mark::from),
            best_p5: sweep.best_p5().map(Mark::from),
            refining,
            done: sweep.points().len(),
            planned,
        }
    }

    /// The points to draw, in price order, each with whether it is the
    /// preview's: those run in full and, at the prices not run yet, the preview's.
    pub fn curve(&self) -> Vec<(&PointView, bool)> {
        // Both lists are in price order: merged, not sorted (a sort's code
        // would weigh more in the page than all of this).
        let mut out = Vec::with_capacity(self.points.len() + self.preview.len());
        let (mut a, mut b) = (self.points.as_slice(), self.preview.as_slice());
        while let (Some(x), Some(y)) = (a.first(), b.first()) {
            if y.price < x.price {
                out.push((y, true));
                b = &b[1..];
            } else {
                out.push((x, false));
                a = &a[1..];
            }
        }
        out.extend(a.iter().map(|x| (x, false)));
        out.extend(b.iter().map(|y| (y, true)));
        out
    }

    /// Whether there is any point to show, run in full or previewed.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty() && self.preview.is_empty()
    }
}

/// Why goal seek found no answer, in a form the page can word in its language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SeekProblem {
    /// No value in the field's range reaches the chance.
    Unreachable {
        /// The chance asked for.
        chance: f64,
        /// The highest chance seen.
        best_chance: f64,
        /// Where it was seen.
        at: f64,
        /// Whether the goal lies towards higher values (else lower).
        higher: bool,
    },
    /// Anything else (a field or scenario the page should not have sent), in English.
    Other(String),
}

impl From<SeekError> for SeekProblem {
    fn from(e: SeekError) -> SeekProblem {
        match e {
            SeekError::Unreachable {
                chance,
                best_chance,
                at,
                direction,
                ..
            } => SeekProblem::Unreachable {
                chance,
                best_chance,
                at,
                higher: direction == Direction::Higher,
            },
            other => SeekProblem::Other(other.to_string()),
        }
    }
}

/// What the pricing worker says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PricingReply {
    /// It is ready for requests.
    Ready,
    /// A sweep's points so far (`finished` after its last).
    Sweep {
        /// The job.
        job_id: u64,
        /// The sweep so far.
        view: Box<SweepView>,
        /// Whether this is its last reply.
        finished: bool,
    },
    /// Goal seek's answer.
    Seek {
        /// The job.
        job_id: u64,
        /// The answer, or why there is none.
        result: Result<SeekAnswer, SeekProblem>,
        /// Whether this is the first estimate, from the first
        /// [`seek_preview_trials`] trials of every value (the answer follows).
        #[serde(default)]
        preview: bool,
    },
    /// The job could not run (an invalid scenario, a bad range), in English.
    Failed {
        /// The job.
        job_id: u64,
        /// What went wrong.
        message: String,
    },
    /// Its last words before a panic.
    Panicked {
        /// The panic's message.
        message: String,
    },
}

/// Whether point `i` of a grid of `n` is on the coarse grid: every fourth
/// point and the last.
fn is_coarse(i: usize, n: usize) -> bool {
    i % 4 == 0 || i + 1 == n
}

/// The grid's prices in the order to run them: every fourth point (and the
/// last) first, so a coarse curve shows early, then the rest in price order.
pub fn coarse_first(prices: &[f64]) -> Vec<f64> {
    let n = prices.len();
    let mut out: Vec<f64> = (0..n)
        .filter(|&i| is_coarse(i, n))
        .map(|i| prices[i])
        .collect();
    out.extend((0..n).filter(|&i| !is_coarse(i, n)).map(|i| prices[i]));
    out
}

/// Where a progressive sweep is, as [`run_progressive`] reports it.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// The points run in full so far.
    pub sweep: &'a Sweep,
    /// The preview: every grid price (or those run so far) on its first trials.
    pub preview: Option<&'a Sweep>,
    /// Points planned in full (the grid; refinements raise it).
    pub planned: usize,
    /// Whether the grid is done and the points now added refine it.
    pub refining: bool,
}

impl Progress<'_> {
    /// The view the page shows.
    pub fn view(&self) -> SweepView {
        SweepView::of(self.sweep, self.preview, self.planned, self.refining)
    }
}

/// Runs a sweep progressively: first, when [`preview_trials`] gives any, a
/// preview of every grid point from its first trials (reported once the
/// coarse points have theirs and once all have); then the grid in full,
/// coarse first ([`coarse_first`]), and up to [`REFINE_ROUNDS`] rounds of
/// [`Sweep::refinement`], reported after every point. The points run in full
/// are the same as [`Sweep::run`] at those prices; a preview point is the
/// same as a point of [`preview_trials`] trials.
pub fn run_progressive(
    sc: &ValidScenario,
    job: &SweepJob,
    mut report: impl FnMut(Progress),
) -> Result<Sweep, SweepError> {
    let prices = grid(job.from, job.to, job.steps)?;
    let target = target_named(sc, &job.target)?;
    let mut sweep = Sweep::new(sc, target, job.trials, job.seed);
    let mut planned = prices.len();
    let order = coarse_first(&prices);
    let first = preview_trials(job.trials);
    let preview = if first > 0 {
        let mut look = Sweep::new(sc, target, first, job.seed);
        let coarse = (0..prices.len())
            .filter(|&i| is_coarse(i, prices.len()))
            .count();
        for (k, &p) in order.iter().enumerate() {
            look.insert(SweepPoint::run(sc, target, p, first, job.seed)?);
            if k + 1 == coarse || k + 1 == order.len() {
                report(Progress {
                    sweep: &sweep,
                    preview: Some(&look),
                    planned,
                    refining: false,
                });
            }
        }
        Some(look)
    } else {
        None
    };
    for p in order {
        sweep.insert(SweepPoint::run(sc, target, p, job.trials, job.seed)?);
        report(Progress {
            sweep: &sweep,
            preview: preview.as_ref(),
            planned,
            refining: false,
        });
    }
    for _ in 0..REFINE_ROUNDS {
        let more: Vec<f64> = sweep
            .refinement()
            .into_iter()
            .take(MAX_STEPS.saturating_sub(sweep.points().len()))
            .collect();
        if more.is_empty() {
            break;
        }
        planned += more.len();
        for p in more {
            sweep.insert(SweepPoint::run(sc, target, p, job.trials, job.seed)?);
            report(Progress {
                sweep: &sweep,
                preview: None,
                planned,
                refining: true,
            });
        }
    }
    Ok(sweep)
}

/// Does `request`, telling `post` each reply: the sweep's preview, then the
/// sweep after every point (the last one `finished`); or goal seek's first
/// estimate (when it has one), then its answer.
pub fn handle(request: PricingRequest, post: &mut dyn FnMut(PricingReply)) {
    match request {
        PricingRequest::Sweep(job) => {
            let job_id = job.job_id;
            let sc = match job.scenario.clone().validate() {
                Ok(sc) => sc,
                Err(e) => {
                    return post(PricingReply::Failed {
                        job_id,
                        message: e.to_string(),
                    })
                }
            };
            let mut last: Option<SweepView> = None;
            let outcome = run_progressive(&sc, &job, |progress| {
                let view = progress.view();
                // A preview is never the last reply (the grid follows): it goes
                // at once. The others go one behind, so the last can say it is.
                if view.done == 0 {
                    return post(PricingReply::Sweep {
                        job_id,
                        view: Box::new(view),
                        finished: false,
                    });
                }
                if let Some(previous) = last.replace(view.clone()) {
                    post(PricingReply::Sweep {
                        job_id,
                        view: Box::new(previous),
                        finished: false,
                    });
                }
            });
            match outcome {
                Ok(sweep) => {
                    let mut view = last.unwrap_or_else(|| SweepView::of(&sweep, None, 0, false));
                    view.planned = view.done;
                    post(PricingReply::Sweep {
                        job_id,
                        view: Box::new(view),
                        finished: true,
                    });
                }
                Err(e) => post(PricingReply::Failed {
                    job_id,
                    message: e.to_string(),
                }),
            }
        }
        PricingRequest::Seek(job) => {
            let goal = Goal {
                profit_at_least: job.profit_at_least,
                by_day: job.by_day,
                chance: job.chance,
            };
            let first = seek_preview_trials(job.trials);
            for (trials, preview) in [(first, true), (job.trials, false)] {
                if trials == 0 {
                    continue;
                }
                let result = seek(&job.scenario, &job.path, goal, trials, job.seed)
                    .map_err(SeekProblem::from);
                post(PricingReply::Seek {
                    job_id: job.job_id,
                    result,
                    preview,
                });
            }
        }
    }
}
