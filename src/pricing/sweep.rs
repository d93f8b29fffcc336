//! The price sweep: one thing sold at each price of a grid, every point a run
//! of the same trials from the same seed.
//!
//! Every input and event is drawn from a stream keyed by what it belongs to,
//! and a re-pricing (`engine::PriceOverride`) changes only the demand factor of
//! what it re-prices, so trial `t` of every point shares every draw the price
//! does not touch (common random numbers): the curve is smooth and the
//! differences between points are the price's effect, not noise.
//!
//! The highest expected profit and the safe price (highest 5th percentile of
//! profit) come each with the prices whose statistic is within Monte Carlo
//! noise of the best ([`NOISE_SE`] standard errors of the *paired* difference:
//! trial by trial for the mean, by batch means for the 5th percentile).

use crate::engine::{Plan, PriceOverride, PriceTarget, RunError, RunOptions};
use crate::inputs::Domain;
use crate::metrics::{Metric, OfferField};
use crate::scenario::{Scenario, Uncertain};
use crate::stats::{quantile_sorted, Batch, Stats};
use crate::validate::{ValidScenario, MAX_AMOUNT};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::fmt;

/// Points of a sweep when nobody says otherwise.
pub const DEFAULT_STEPS: usize = 21;
/// Most points of one sweep (the grid plus its refinements).
pub const MAX_STEPS: usize = 401;
/// Trials of each point when nobody says otherwise.
pub const DEFAULT_SWEEP_TRIALS: u64 = 2_000;
/// Standard errors of a paired difference within which a point counts as
/// "as good as the best" (about 95% two-sided).
pub const NOISE_SE: f64 = 2.0;
/// Batches of consecutive trials for the standard error of a 5th percentile.
pub const P5_BATCHES: usize = 20;

/// What a sweep cannot do.
#[derive(Clone, Debug, PartialEq)]
pub enum SweepError {
    /// The target is neither `lead_magnet` nor an offer id of the scenario.
    NoSuchTarget(String),
    /// Fewer than 2 or more than [`MAX_STEPS`] points.
    Steps(usize),
    /// A price range that is not `0 ≤ from < to ≤ 10¹²`.
    Range {
        /// The lowest price asked for.
        from: f64,
        /// The highest price asked for.
        to: f64,
    },
    /// The run itself refused (trials out of range).
    Run(RunError),
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepError::NoSuchTarget(name) => write!(
                f,
                "price: must be lead_magnet or the id of one of the scenario's offers (got \"{name}\")"
            ),
            SweepError::Steps(n) => {
                write!(f, "steps: must be from 2 to {MAX_STEPS} (got {n})")
            }
            SweepError::Range { from, to } => write!(
                f,
                "from, to: the prices must satisfy 0 ≤ from < to ≤ {MAX_AMOUNT} (got from {from} to {to})"
            ),
            SweepError::Run(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SweepError {}

impl From<RunError> for SweepError {
    fn from(e: RunError) -> Self {
        SweepError::Run(e)
    }
}

/// The thing named `name` in `scenario`: `lead_magnet` or an offer id.
pub fn target_named(sc: &ValidScenario, name: &str) -> Result<PriceTarget, SweepError> {
    if name == "lead_magnet" {
        return Ok(PriceTarget::LeadMagnet);
    }
    sc.scenario()
        .offers
        .iter()
        .position(|o| o.id == name)
        .map(PriceTarget::Offer)
        .ok_or_else(|| SweepError::NoSuchTarget(name.to_string()))
}

/// The name [`target_named`] reads: `lead_magnet` or the offer's id.
pub fn target_name(sc: &ValidScenario, target: PriceTarget) -> String {
    match target {
        PriceTarget::LeadMagnet => "lead_magnet".to_string(),
        PriceTarget::Offer(i) => sc
            .scenario()
            .offers
            .get(i)
            .map_or_else(String::new, |o| o.id.clone()),
    }
}

/// Sells `target` at `price` in `sc` (the "apply" of a marked price): the
/// price becomes that fixed number. When the price changes demand and has no
/// `price_reference`, the old price (its centre, for an uncertain one) becomes
/// the reference first, so that demand at the new price is what the sweep
/// showed rather than the demand seen at the old price (`docs/model.md`,
/// "Price response"). False when `target` is not in `sc`.
pub fn apply_price(sc: &mut Scenario, target: PriceTarget, price: f64) -> bool {
    let (current, step, reference) = match target {
        PriceTarget::LeadMagnet => {
            let lm = &mut sc.lead_magnet;
            (
                &mut lm.price,
                &lm.price_halving_step,
                &mut lm.price_reference,
            )
        }
        PriceTarget::Offer(i) => match sc.offers.get_mut(i) {
            Some(o) => (&mut o.price, &o.price_halving_step, &mut o.price_reference),
            None => return false,
        },
    };
    if step.is_some() && reference.is_none() {
        *reference = Some(current.centre(Domain::Amount));
    }
    *current = Uncertain::Fixed(price);
    true
}

/// The grid `from + (to − from)·i/(steps − 1)`, `i = 0 … steps − 1`, exactly
/// (the first is `from`, the last `to`).
pub fn grid(from: f64, to: f64, steps: usize) -> Result<Vec<f64>, SweepError> {
    if !(2..=MAX_STEPS).contains(&steps) {
        return Err(SweepError::Steps(steps));
    }
    if !(from >= 0.0 && from < to && to <= MAX_AMOUNT) {
        return Err(SweepError::Range { from, to });
    }
    let last = (steps - 1) as f64;
    Ok((0..steps)
        .map(|i| from + (to - from) * i as f64 / last)
        .collect())
}

/// One point of a sweep: the run at one price.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint {
    /// The price.
    pub price: f64,
    /// Profit at the horizon: mean, sd and quantiles.
    pub profit: Stats,
    /// The share of trials that end with a loss (profit below 0).
    pub prob_loss: f64,
    /// Mean buyers of every offer, in the scenario's order (the knock-on
    /// effect on the later offers of the ladder).
    pub buyers: Vec<f64>,
    /// Front-end ROAS (`docs/model.md`, "Front-end ROAS"): mean and quantiles
    /// over the trials that define it (not in the command line's JSON, which
    /// is the exactly).
    pub front_end_roas: Stats,
    /// Profit in each trial, in trial order (for paired differences).
    profits: Vec<f64>,
}

impl SweepPoint {
    /// Runs `trials` trials from `seed` with `target` sold at `price`: one
    /// point, independent of the others (a worker may run it alone).
    pub fn run(
        sc: &ValidScenario,
        target: PriceTarget,
        price: f64,
        trials: u64,
        seed: u64,
    ) -> Result<SweepPoint, RunError> {
        let options = RunOptions {
            price: Some(PriceOverride { target, price }),
            ..RunOptions::new(trials, seed)
        };
        let plan = Plan::new(sc.clone(), options)?;
        Ok(SweepPoint::of(price, &Batch::run(&plan, 0, trials)))
    }

    /// The point at `price` read from the batch of its run.
    pub fn of(price: f64, batch: &Batch) -> SweepPoint {
        let column = batch.metric(Metric::Profit);
        let profits: Vec<f64> = column.iter().flatten().copied().collect();
        let losses = profits.iter().filter(|&&p| p < 0.0).count();
        let offers = (0..)
            .map_while(|i| batch.offer_column(OfferField::Buyers, i))
            .map(|c| Stats::of(c).mean.unwrap_or(0.0))
            .collect();
        SweepPoint {
            price,
            profit: Stats::of(column),
            prob_loss: losses as f64 / profits.len().max(1) as f64,
            buyers: offers,
            front_end_roas: Stats::of(batch.metric(Metric::FrontEndRoas)),
            profits,
        }
    }

    /// Profit in each trial, in trial order.
    pub fn profits(&self) -> &[f64] {
        &self.profits
    }
}

/// A marked price: where a statistic of profit is highest, and the prices
/// around it whose statistic is within Monte Carlo noise of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Best {
    /// Index of the point in [`Sweep::points`].
    pub index: usize,
    /// Its price.
    pub price: f64,
    /// The statistic there (mean profit or its 5th percentile).
    pub value: f64,
    /// The lowest and highest price of the run of neighbouring points whose
    /// statistic is not below the best's by more than [`NOISE_SE`] standard
    /// errors of the paired difference.
    pub near: [f64; 2],
}

/// A sweep: its points in price order.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// What is re-priced.
    pub target: PriceTarget,
    /// Its name (`lead_magnet` or the offer id).
    pub target_name: String,
    /// The ids of the scenario's offers (the keys of each point's buyers).
    pub offer_ids: Vec<String>,
    /// Trials of each point.
    pub trials: u64,
    /// Seed of every point.
    pub seed: u64,
    points: Vec<SweepPoint>,
}

impl Sweep {
    /// An empty sweep of `target` in `sc`, points to be added with [`Sweep::insert`].
    pub fn new(sc: &ValidScenario, target: PriceTarget, trials: u64, seed: u64) -> Sweep {
        Sweep {
            target,
            target_name: target_name(sc, target),
            offer_ids: sc.scenario().offers.iter().map(|o| o.id.clone()).collect(),
            trials,
            seed,
            points: Vec::new(),
        }
    }

    /// Runs every price of `prices` (one after the other, on common random numbers).
    pub fn run(
        sc: &ValidScenario,
        target: PriceTarget,
        prices: &[f64],
        trials: u64,
        seed: u64,
    ) -> Result<Sweep, SweepError> {
        let mut sweep = Sweep::new(sc, target, trials, seed);
        for &p in prices {
            sweep.insert(SweepPoint::run(sc, target, p, trials, seed)?);
        }
        Ok(sweep)
    }

    /// Adds a point in price order (a point at a price already there replaces it).
    pub fn insert(&mut self, point: SweepPoint) {
        match self
            .points
            .binary_search_by(|p| p.price.total_cmp(&point.price))
        {
            Ok(i) => self.points[i] = point,
            Err(i) => self.points.insert(i, point),
        }
    }

    /// The points, in price order.
    pub fn points(&self) -> &[SweepPoint] {
        &self.points
    }

    /// The price with the highest mean profit (the lowest such price on a tie).
    pub fn best_mean(&self) -> Option<Best> {
        let stat = |p: &SweepPoint| p.profit.mean;
        let best = self.argmax(stat)?;
        let within = |i: usize| {
            let d = paired_mean_difference(&self.points[i].profits, &self.points[best].profits);
            d.0 + NOISE_SE * d.1 >= 0.0
        };
        Some(self.marked(best, stat, within))
    }

    /// The safe price: the highest 5th percentile of profit (the lowest such
    /// price on a tie).
    pub fn best_p5(&self) -> Option<Best> {
        let stat = |p: &SweepPoint| p.profit.p5;
        let best = self.argmax(stat)?;
        let within = |i: usize| {
            let (mean, se) =
                paired_p5_difference(&self.points[i].profits, &self.points[best].profits);
            mean + NOISE_SE * se >= 0.0
        };
        Some(self.marked(best, stat, within))
    }

    /// Prices worth running next, to refine the curve near both marked
    /// prices: the midpoints between each and its neighbours, not yet run,
    /// in price order.
    pub fn refinement(&self) -> Vec<f64> {
        let mut out: Vec<f64> = Vec::new();
        for best in [self.best_mean(), self.best_p5()].into_iter().flatten() {
            let i = best.index;
            let around = [i.checked_sub(1), Some(i + 1)];
            for j in around.into_iter().flatten() {
                if let Some(q) = self.points.get(j) {
                    let mid = 0.5 * (q.price + best.price);
                    if mid != q.price && mid != best.price {
                        out.push(mid);
                    }
                }
            }
        }
        out.sort_by(f64::total_cmp);
        out.dedup();
        out.retain(|m| !self.points.iter().any(|p| p.price == *m));
        out
    }

    fn argmax(&self, stat: impl Fn(&SweepPoint) -> Option<f64>) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, p) in self.points.iter().enumerate() {
            if let Some(v) = stat(p) {
                if best.is_none_or(|(_, b)| v > b) {
                    best = Some((i, v));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    fn marked(
        &self,
        best: usize,
        stat: impl Fn(&SweepPoint) -> Option<f64>,
        within: impl Fn(usize) -> bool,
    ) -> Best {
        let mut lo = best;
        while lo > 0 && within(lo - 1) {
            lo -= 1;
        }
        let mut hi = best;
        while hi + 1 < self.points.len() && within(hi + 1) {
            hi += 1;
        }
        let p = &self.points[best];
        Best {
            index: best,
            price: p.price,
            value: stat(p).unwrap_or(f64::NAN),
            near: [self.points[lo].price, self.points[hi].price],
        }
    }

    /// What `funnel-lab sweep` prints.
    pub fn report(&self) -> SweepReport<'_> {
        SweepReport { sweep: self }
    }
}

/// Mean and standard error of `a − b`, trial by trial (common random numbers).
pub fn paired_mean_difference(a: &[f64], b: &[f64]) -> (f64, f64) {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let n = d.len() as f64;
    if d.is_empty() {
        return (0.0, 0.0);
    }
    let mean = d.iter().sum::<f64>() / n;
    if d.len() < 2 {
        return (mean, 0.0);
    }
    let var = d.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// The 5th percentile of `a` minus that of `b`, and its standard error by
/// batch means ([`P5_BATCHES`] batches of consecutive trials, each
/// difference taken within its batch, so the pairing is kept); the error is 0
/// when there are too few trials for batches of 20.
pub fn paired_p5_difference(a: &[f64], b: &[f64]) -> (f64, f64) {
    let p5 = |v: &[f64]| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        quantile_sorted(&s, 0.05)
    };
    let n = a.len().min(b.len());
    if n == 0 {
        return (0.0, 0.0);
    }
    let whole = p5(&a[..n]) - p5(&b[..n]);
    let size = n / P5_BATCHES;
    if size < 20 {
        return (whole, 0.0);
    }
    let diffs: Vec<f64> = (0..P5_BATCHES)
        .map(|k| {
            let r = k * size..(k + 1) * size;
            p5(&a[r.clone()]) - p5(&b[r])
        })
        .collect();
    let k = diffs.len() as f64;
    let mean = diffs.iter().sum::<f64>() / k;
    let var = diffs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (k - 1.0);
    (whole, (var / k).sqrt())
}

/// `funnel-lab sweep`'s JSON: `{"target", "points": [{"price", "profit":
/// {"mean", "sd", "p5", "p50", "p95"}, "prob_loss", "buyers": {id: mean, …}}],
/// "best_mean": {"price", "profit_mean"}, "best_p5": {"price", "profit_p5"}}`.
pub struct SweepReport<'a> {
    sweep: &'a Sweep,
}

#[derive(Serialize)]
struct ProfitJson {
    mean: Option<f64>,
    sd: Option<f64>,
    p5: Option<f64>,
    p50: Option<f64>,
    p95: Option<f64>,
}

/// Offer ids and their mean buyers, as a JSON object in the scenario's order.
struct BuyersJson<'a>(&'a [String], &'a [f64]);

impl Serialize for BuyersJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (id, mean) in self.0.iter().zip(self.1) {
            map.serialize_entry(id, mean)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct PointJson<'a> {
    price: f64,
    profit: ProfitJson,
    prob_loss: f64,
    buyers: BuyersJson<'a>,
}

#[derive(Serialize)]
struct BestMeanJson {
    price: f64,
    profit_mean: f64,
}

#[derive(Serialize)]
struct BestP5Json {
    price: f64,
    profit_p5: f64,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    target: &'a str,
    points: Vec<PointJson<'a>>,
    best_mean: Option<BestMeanJson>,
    best_p5: Option<BestP5Json>,
}

impl Serialize for SweepReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sw = self.sweep;
        ReportJson {
            target: &sw.target_name,
            points: sw
                .points
                .iter()
                .map(|p| PointJson {
                    price: p.price,
                    profit: ProfitJson {
                        mean: p.profit.mean,
                        sd: p.profit.sd,
                        p5: p.profit.p5,
                        p50: p.profit.p50,
                        p95: p.profit.p95,
                    },
                    prob_loss: p.prob_loss,
                    buyers: BuyersJson(&sw.offer_ids, &p.buyers),
                })
                .collect(),
            best_mean: sw.best_mean().map(|b| BestMeanJson {
                price: b.price,
                profit_mean: b.value,
            }),
            best_p5: sw.best_p5().map(|b| BestP5Json {
                price: b.price,
                profit_p5: b.value,
            }),
        }
        .serialize(s)
    }
}
