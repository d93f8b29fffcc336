//! Many trials: run them in chunks ([`Batch`]), merge chunks, and summarise
//! ([`Summary`]): mean, sd, quantiles and histograms of every metric, the
//! probability of loss, per-offer and per-channel tables, and per-day bands.
//!
//! Determinism: a trial depends only on (scenario, options, trial index), a
//! batch keeps per-trial values in trial order, and per-day sketches merge by
//! adding integer counts. So the summary of trials split into any chunks is
//! identical, bit for bit, to the summary of one run.
//!
//! Per-day bands use [`QuantileSketch`], a log-bucket histogram with 128
//! buckets per power of two (as in HDR histograms and DDSketch): memory grows
//! with the spread of the values, not with the number of trials, and each band
//! value is within 2⁻⁸ ≈ 0.4% (relative) of the exact sample quantile.

use crate::engine::{
    Daily, Plan, TrialOutcome, Workspace, MAX_INDIVIDUALS_PER_TRIAL, MAX_REFERRED_LEADS_PER_TRIAL,
    MAX_REPEAT_STEPS_PER_TRIAL,
};
use crate::metrics::{ChannelField, DailySeries, Metric, MetricKey, Metrics, OfferField};
use crate::validate::ValidScenario;
use serde::{Deserialize, Serialize};

mod sketch;
pub use sketch::{QuantileSketch, SKETCH_WINDOW, SKETCH_ZERO};

/// Most points a per-day band has; longer horizons are sampled evenly (the last day always).
pub const MAX_BAND_POINTS: usize = 366;

/// The days at which per-day bands are kept for a horizon.
pub fn band_days(horizon: usize) -> Vec<u32> {
    if horizon == 0 {
        return Vec::new();
    }
    let step = horizon.div_ceil(MAX_BAND_POINTS);
    let mut days: Vec<u32> = (0..horizon).step_by(step).map(|d| d as u32).collect();
    if *days.last().unwrap() as usize != horizon - 1 {
        days.push((horizon - 1) as u32);
    }
    days
}

/// Trials whose per-day series are added to the sketches together.
const DAILY_BLOCK: usize = 64;

/// Kept days whose sketches are filled together from a block of trials.
const DAY_TILE: usize = 16;

/// Per-day sketches of every [`DailySeries`] at the [`band_days`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DailySketches {
    /// Days kept.
    pub days: Vec<u32>,
    /// `series[s][i]`: sketch of `DailySeries::ALL[s]` on `days[i]`.
    pub series: Vec<Vec<QuantileSketch>>,
}

impl DailySketches {
    fn new(horizon: usize) -> Self {
        let days = band_days(horizon);
        let series = DailySeries::ALL
            .iter()
            .map(|_| vec![QuantileSketch::default(); days.len()])
            .collect();
        DailySketches { days, series }
    }

    /// Adds the per-day series of `trials` (at most [`DAILY_BLOCK`] trials)
    /// tile by tile: [`DAY_TILE`] kept days of one series for every trial, so
    /// that the tile's sketches stay in cache while the trials' values are
    /// read in order (counts add up, so the order changes nothing).
    fn add_block(&mut self, trials: &[Daily]) {
        let DailySketches { days, series } = self;
        for (kind, sketches) in DailySeries::ALL.iter().zip(series.iter_mut()) {
            for (tile_days, tile) in days.chunks(DAY_TILE).zip(sketches.chunks_mut(DAY_TILE)) {
                for daily in trials {
                    for (&day, sketch) in tile_days.iter().zip(tile.iter_mut()) {
                        sketch.add(kind.read(daily, day as usize));
                    }
                }
            }
        }
    }

    fn merge(&mut self, other: &DailySketches) {
        for (mine, theirs) in self.series.iter_mut().zip(&other.series) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.merge(b);
            }
        }
    }
}

/// The results of a contiguous range of trials.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// Index of the first trial.
    pub first_trial: u64,
    /// Number of trials.
    pub trials: u64,
    /// `named[m][t]`: value of `Metric::ALL[m]` in trial `first_trial + t`.
    named: Vec<Vec<Option<f64>>>,
    /// `offers[i][f][t]`: `OfferField::ALL[f]` of offer `i`.
    offers: Vec<Vec<Vec<Option<f64>>>>,
    /// `channels[r][f][t]`: `ChannelField::ALL[f]` of channel row `r` (`referral` last).
    channels: Vec<Vec<Vec<Option<f64>>>>,
    /// Per-day sketches.
    pub daily: DailySketches,
    /// Trials that reached a cap on people.
    pub capped_trials: u64,
    /// Per uncertain input that varies between trials: its draw in each trial.
    #[serde(default)]
    inputs: Vec<InputDraws>,
}

/// The value one uncertain input took in each trial of a batch, for analyses
/// that relate inputs to outcomes (sensitivity, value of information).
///
/// Values are kept as `f32` (7 significant digits, half the memory of `f64`:
/// 4 bytes per input and trial), which ranks and bins draws as well as the
/// exact values do; the exact draw of trial `t` is
/// `plan.params(t).drawn[index]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputDraws {
    /// Its index in [`Plan::inputs`] (and in [`crate::engine::TrialParams::drawn`]).
    pub index: usize,
    /// Its path, as validation messages write it (`channels[0].optin_rate`).
    pub path: String,
    /// `values[t]`: its draw in trial `first_trial + t`.
    pub values: Vec<f32>,
}

impl Batch {
    fn empty(plan: &Plan, first_trial: u64) -> Batch {
        let offers = plan.scenario().scenario().offers.len();
        let rows = plan.channel_names().len();
        Batch {
            first_trial,
            trials: 0,
            named: vec![Vec::new(); Metric::ALL.len()],
            offers: vec![vec![Vec::new(); OfferField::ALL.len()]; offers],
            channels: vec![vec![Vec::new(); ChannelField::ALL.len()]; rows],
            daily: DailySketches::new(plan.horizon()),
            capped_trials: 0,
            inputs: plan
                .inputs()
                .varying()
                .iter()
                .map(|&index| InputDraws {
                    index,
                    path: plan.inputs().fields()[index].path(),
                    values: Vec::new(),
                })
                .collect(),
        }
    }

    fn push(&mut self, o: &TrialOutcome, parents: &[Option<usize>]) {
        for (col, m) in self.named.iter_mut().zip(Metric::ALL) {
            col.push(m.read(o));
        }
        for (i, fields) in self.offers.iter_mut().enumerate() {
            for (col, f) in fields.iter_mut().zip(OfferField::ALL) {
                col.push(f.read(o, i, parents[i]));
            }
        }
        for (fields, channel) in self.channels.iter_mut().zip(&o.channels) {
            for (col, f) in fields.iter_mut().zip(ChannelField::ALL) {
                col.push(f.read(channel));
            }
        }
        self.capped_trials += u64::from(o.capped);
        self.trials += 1;
    }

    /// Runs trials `first .. first + count` of `plan`.
    pub fn run(plan: &Plan, first: u64, count: u64) -> Batch {
        let mut batch = Batch::empty(plan, first);
        let mut ws = Workspace::default();
        let parents = &plan.scenario().links().parent;
        let mut block: Vec<Daily> = Vec::with_capacity(DAILY_BLOCK);
        for t in first..first + count {
            let prm = plan.params(t);
            for column in &mut batch.inputs {
                column.values.push(prm.drawn[column.index] as f32);
            }
            let mut o = ws.run_drawn(plan, t, prm);
            batch.push(&o, parents);
            block.push(std::mem::take(&mut o.daily));
            if block.len() == DAILY_BLOCK {
                batch.daily.add_block(&block);
                block.clear();
            }
        }
        batch.daily.add_block(&block);
        batch
    }

    /// Every uncertain input that varies between trials, with its draw in each
    /// trial of the batch, in the order of [`Plan::inputs`]. Inputs fixed at one
    /// number are left out (empty in a batch deserialized without draws).
    pub fn input_draws(&self) -> &[InputDraws] {
        &self.inputs
    }

    /// The draws of input `index` (of [`Plan::inputs`]), trial by trial;
    /// `None` when it is fixed at one number or not an input of this batch.
    pub fn input_column(&self, index: usize) -> Option<&[f32]> {
        self.inputs
            .iter()
            .find(|c| c.index == index)
            .map(|c| c.values.as_slice())
    }

    /// Every trial's value of `metric`, in trial order (empty in a batch
    /// deserialized without it).
    pub fn metric(&self, metric: Metric) -> &[Option<f64>] {
        self.named.get(metric as usize).map_or(&[], Vec::as_slice)
    }

    /// Every trial's profit, in trial order (as [`crate::precision::McError::of_profits`] takes them).
    pub fn profits(&self) -> Vec<f64> {
        self.metric(Metric::Profit)
            .iter()
            .map(|p| p.unwrap_or(f64::NAN))
            .collect()
    }

    /// Every trial's value of `field` of offer `offer` (an index into the
    /// scenario's offers); `None` when the batch has no such offer.
    pub fn offer_column(&self, field: OfferField, offer: usize) -> Option<&[Option<f64>]> {
        Some(self.offers.get(offer)?.get(field as usize)?)
    }

    /// Every trial's value of `field` of channel row `row` ([`Plan::channel_names`]
    /// order, `referral` last); `None` when the batch has no such row.
    pub fn channel_column(&self, field: ChannelField, row: usize) -> Option<&[Option<f64>]> {
        Some(self.channels.get(row)?.get(field as usize)?)
    }

    /// Makes room for `trials` trials in all, so that appending up to them never
    /// moves the values (a growing vector would need twice their memory at once).
    pub fn reserve(&mut self, trials: u64) {
        let more = usize::try_from(trials.saturating_sub(self.trials)).unwrap_or(usize::MAX);
        let columns = self
            .named
            .iter_mut()
            .chain(self.offers.iter_mut().flatten())
            .chain(self.channels.iter_mut().flatten());
        for column in columns {
            column.reserve_exact(more);
        }
        for input in &mut self.inputs {
            input.values.reserve_exact(more);
        }
    }

    /// Appends the batch that follows this one. Fails (and changes nothing) if it
    /// does not start where this one ends or has another shape.
    pub fn append(&mut self, next: Batch) -> Result<(), String> {
        if next.first_trial != self.first_trial + self.trials {
            return Err(format!(
                "batches must be merged in order: expected trial {}, got {}",
                self.first_trial + self.trials,
                next.first_trial
            ));
        }
        let same_inputs = next.inputs.len() == self.inputs.len()
            && next
                .inputs
                .iter()
                .zip(&self.inputs)
                .all(|(a, b)| a.index == b.index);
        if next.named.len() != self.named.len()
            || next.offers.len() != self.offers.len()
            || next.channels.len() != self.channels.len()
            || next.daily.days != self.daily.days
            || !same_inputs
        {
            return Err("batches of different scenarios cannot be merged".into());
        }
        let extend = |a: &mut Vec<Vec<Option<f64>>>, b: Vec<Vec<Option<f64>>>| {
            for (x, y) in a.iter_mut().zip(b) {
                x.extend(y);
            }
        };
        extend(&mut self.named, next.named);
        for (a, b) in self.offers.iter_mut().zip(next.offers) {
            extend(a, b);
        }
        for (a, b) in self.channels.iter_mut().zip(next.channels) {
            extend(a, b);
        }
        for (a, b) in self.inputs.iter_mut().zip(next.inputs) {
            a.values.extend(b.values);
        }
        self.daily.merge(&next.daily);
        self.capped_trials += next.capped_trials;
        self.trials += next.trials;
        Ok(())
    }
}

/// Mean, spread and quantiles of a metric over the trials where it is defined.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Trials in which the metric is defined.
    pub defined: u64,
    /// Mean (`None` when no trial defines it; likewise below).
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
    /// 5th percentile.
    pub p5: Option<f64>,
    /// 25th percentile.
    pub p25: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 75th percentile.
    pub p75: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
}

/// Quantile `q` of sorted values by linear interpolation between order
/// statistics (Hyndman & Fan type 7, NumPy's default).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let frac = pos - lo as f64;
    if frac == 0.0 || lo + 1 >= sorted.len() {
        sorted[lo]
    } else {
        sorted[lo] + frac * (sorted[lo + 1] - sorted[lo])
    }
}

impl Stats {
    /// The statistics of a metric no trial defines.
    pub const NONE: Stats = Stats {
        defined: 0,
        mean: None,
        sd: None,
        p5: None,
        p25: None,
        p50: None,
        p75: None,
        p95: None,
    };

    /// Statistics of the defined values of a column.
    pub fn of(column: &[Option<f64>]) -> Stats {
        let mut v: Vec<f64> = column.iter().flatten().copied().collect();
        Self::of_values(&mut v)
    }

    fn of_values(v: &mut [f64]) -> Stats {
        let n = v.len();
        if n == 0 {
            return Stats::default();
        }
        // Values so large that their squares (or sum) would overflow, such as a
        // ROAS over an ad spend of 10⁻³⁰⁰, are summed in units of the largest;
        // any other column is summed as it is, bit for bit as before.
        let largest = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let unit = if largest > 1e150 { largest } else { 1.0 };
        let mean = v.iter().map(|x| x / unit).sum::<f64>() / n as f64;
        let sd = if n > 1 {
            let squares = v.iter().map(|x| (x / unit - mean) * (x / unit - mean));
            (squares.sum::<f64>() / (n - 1) as f64).sqrt() * unit
        } else {
            0.0
        };
        let mean = mean * unit;
        // The order statistics by selection: the same values as sorting, bit
        // for bit, in a few passes.
        let q = crate::precision::quantiles_select(v, &[0.05, 0.25, 0.5, 0.75, 0.95]);
        Stats {
            defined: n as u64,
            mean: Some(mean),
            // Beyond the largest double only for values near it.
            sd: sd.is_finite().then_some(sd),
            p5: Some(q[0]),
            p25: Some(q[1]),
            p50: Some(q[2]),
            p75: Some(q[3]),
            p95: Some(q[4]),
        }
    }
}

/// Equal-width histogram of the defined values of a metric.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Left edge of the first bin.
    pub min: f64,
    /// Right edge of the last bin.
    pub max: f64,
    /// Trials per bin.
    pub counts: Vec<u64>,
}

/// Bins of a metric histogram.
pub const HISTOGRAM_BINS: usize = 40;

impl Histogram {
    /// Histogram of the defined values of a column (`None` when there are none).
    pub fn of(column: &[Option<f64>]) -> Option<Histogram> {
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for &x in column.iter().flatten() {
            min = min.min(x);
            max = max.max(x);
        }
        if min > max {
            return None;
        }
        let bins = if min == max { 1 } else { HISTOGRAM_BINS };
        let mut counts = vec![0; bins];
        for &x in column.iter().flatten() {
            let b = if min == max {
                0
            } else {
                (((x - min) / (max - min)) * bins as f64) as usize
            };
            counts[b.min(bins - 1)] += 1;
        }
        Some(Histogram { min, max, counts })
    }
}

/// A metric's statistics and histogram.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricSummary {
    /// Mean, sd and quantiles.
    #[serde(flatten)]
    pub stats: Stats,
    /// Distribution over trials.
    pub histogram: Option<Histogram>,
}

impl MetricSummary {
    /// Statistics and histogram of the defined values of a column.
    pub fn of(column: &[Option<f64>]) -> MetricSummary {
        MetricSummary {
            stats: Stats::of(column),
            histogram: Histogram::of(column),
        }
    }
}

/// A row of the per-offer table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferSummary {
    /// Offer id.
    pub id: String,
    /// Offer name.
    pub name: String,
    /// Id of the offer it follows (`None` for the entry offer).
    pub offered_to: Option<String>,
    /// Purchases, refunded ones included.
    pub buyers: Stats,
    /// Refunded purchases.
    pub refunds: Stats,
    /// Money kept.
    pub revenue: Stats,
    /// Buyers over those it was offered to (see [`OfferField::Conversion`]).
    pub conversion: Stats,
}

impl OfferSummary {
    /// The statistics of one column.
    pub fn stats(&self, field: OfferField) -> &Stats {
        match field {
            OfferField::Buyers => &self.buyers,
            OfferField::Refunds => &self.refunds,
            OfferField::Revenue => &self.revenue,
            OfferField::Conversion => &self.conversion,
        }
    }
}

/// A row of the per-channel table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelSummary {
    /// Channel name (`referral` for referred leads).
    pub name: String,
    /// Visitors (referred leads for `referral`).
    pub visitors: Stats,
    /// Leads.
    pub leads: Stats,
    /// Ads (rewards for `referral`).
    pub spend: Stats,
    /// Customers brought.
    pub customers: Stats,
    /// Money kept from the people it brought.
    pub revenue: Stats,
    /// Variable costs of the people it brought.
    pub cost: Stats,
    /// revenue − cost.
    pub profit: Stats,
    /// profit / cost.
    pub roi: Stats,
    /// Share of all trials in which its ROI is below 0.
    pub prob_negative_roi: f64,
}

impl ChannelSummary {
    /// The statistics of one column.
    pub fn stats(&self, field: ChannelField) -> &Stats {
        match field {
            ChannelField::Visitors => &self.visitors,
            ChannelField::Leads => &self.leads,
            ChannelField::Spend => &self.spend,
            ChannelField::Customers => &self.customers,
            ChannelField::Revenue => &self.revenue,
            ChannelField::Cost => &self.cost,
            ChannelField::Profit => &self.profit,
            ChannelField::Roi => &self.roi,
        }
    }
}

/// Quantile bands of one per-day series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Series name (see [`DailySeries::name`]).
    pub name: String,
    /// 5th percentile on each kept day.
    pub p5: Vec<f64>,
    /// 25th percentile.
    pub p25: Vec<f64>,
    /// Median.
    pub p50: Vec<f64>,
    /// 75th percentile.
    pub p75: Vec<f64>,
    /// 95th percentile.
    pub p95: Vec<f64>,
}

/// Per-day bands of every series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyBands {
    /// Days kept (every day up to [`MAX_BAND_POINTS`], then evenly sampled).
    pub days: Vec<u32>,
    /// One band per series.
    pub series: Vec<Band>,
}

impl DailyBands {
    /// The band of a series.
    pub fn get(&self, series: DailySeries) -> Option<&Band> {
        self.series.iter().find(|b| b.name == series.name())
    }
}

/// Everything the app and the CLI show about a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Trials run.
    pub trials: u64,
    /// Seed used.
    pub seed: u64,
    /// Every [`Metric`], and every [`OfferField`] of every offer.
    pub metrics: Metrics,
    /// Share of trials with profit < 0.
    pub prob_loss: f64,
    /// Per-offer table, in ladder order.
    pub offers: Vec<OfferSummary>,
    /// Per-channel table, `referral` last.
    pub channels: Vec<ChannelSummary>,
    /// Per-day bands.
    pub daily: DailyBands,
    /// Trials that reached a cap on people.
    pub capped_trials: u64,
    /// Plain-language warnings to show next to the results.
    pub warnings: Vec<String>,
}

impl Summary {
    /// Summarises a batch of all the trials of `plan`.
    pub fn from_batch(plan: &Plan, batch: &Batch) -> Summary {
        let sc = plan.scenario().scenario();
        let mut metrics = Metrics::default();
        for &m in Metric::ALL {
            metrics.insert(m, MetricSummary::of(batch.metric(m)));
        }
        let mut offers = Vec::new();
        for (i, o) in sc.offers.iter().enumerate() {
            // Each column is summarised once: as a metric and as a cell of the offer table.
            let fields: Vec<MetricSummary> = batch.offers[i]
                .iter()
                .map(|col| MetricSummary::of(col))
                .collect();
            let stats = |f: OfferField| fields[f as usize].stats.clone();
            offers.push(OfferSummary {
                id: o.id.clone(),
                name: o.name.clone(),
                offered_to: o.offered_to.clone(),
                buyers: stats(OfferField::Buyers),
                refunds: stats(OfferField::Refunds),
                revenue: stats(OfferField::Revenue),
                conversion: stats(OfferField::Conversion),
            });
            for (&field, summary) in OfferField::ALL.iter().zip(fields) {
                metrics.insert(MetricKey::Offer(field, &o.id), summary);
            }
        }
        let trials = batch.trials.max(1) as f64;
        let share_below_zero = |column: &[Option<f64>]| {
            column
                .iter()
                .filter(|x| matches!(x, Some(v) if *v < 0.0))
                .count() as f64
                / trials
        };
        let prob_loss = share_below_zero(batch.metric(Metric::Profit));
        let channels = plan
            .channel_names()
            .into_iter()
            .enumerate()
            .map(|(r, name)| {
                let column = |f: ChannelField| &batch.channels[r][f as usize];
                let col = |f: ChannelField| Stats::of(column(f));
                ChannelSummary {
                    name,
                    visitors: col(ChannelField::Visitors),
                    leads: col(ChannelField::Leads),
                    spend: col(ChannelField::Spend),
                    customers: col(ChannelField::Customers),
                    revenue: col(ChannelField::Revenue),
                    cost: col(ChannelField::Cost),
                    profit: col(ChannelField::Profit),
                    roi: col(ChannelField::Roi),
                    prob_negative_roi: share_below_zero(column(ChannelField::Roi)),
                }
            })
            .collect();
        let qs = [0.05, 0.25, 0.5, 0.75, 0.95];
        let series = DailySeries::ALL
            .iter()
            .zip(&batch.daily.series)
            .map(|(series, sketches)| {
                let mut band = Band {
                    name: series.name().to_string(),
                    p5: Vec::new(),
                    p25: Vec::new(),
                    p50: Vec::new(),
                    p75: Vec::new(),
                    p95: Vec::new(),
                };
                for sk in sketches {
                    let v = sk.quantiles(&qs);
                    band.p5.push(v[0]);
                    band.p25.push(v[1]);
                    band.p50.push(v[2]);
                    band.p75.push(v[3]);
                    band.p95.push(v[4]);
                }
                band
            })
            .collect();
        let mut warnings = Vec::new();
        let growth = growth_per_customer(plan.scenario());
        if let Some(g) = growth.filter(|g| *g > 1.0) {
            warnings.push(format!(
                "Each customer brings {g:.2} new customers on average: growth is unbounded, so the results depend on the horizon."
            ));
        }
        if batch.capped_trials > 0 {
            warnings.push(format!(
                "{} of {} trials reached a cap per trial ({} repeat customers and subscribers, {} referred leads, or {} repeat-purchase steps); what lay beyond it was not simulated, so those trials undercount.",
                batch.capped_trials, batch.trials, MAX_INDIVIDUALS_PER_TRIAL, MAX_REFERRED_LEADS_PER_TRIAL, MAX_REPEAT_STEPS_PER_TRIAL
            ));
        }
        Summary {
            trials: batch.trials,
            seed: plan.options().seed,
            metrics,
            prob_loss,
            offers,
            channels,
            daily: DailyBands {
                days: batch.daily.days.clone(),
                series,
            },
            capped_trials: batch.capped_trials,
            warnings,
        }
    }

    /// The statistics and histogram of `metric` (`None` only in a summary
    /// built by hand without it).
    pub fn metric(&self, metric: Metric) -> Option<&MetricSummary> {
        self.metrics.get(metric)
    }

    /// The statistics of `metric`; no defined value when the summary lacks it.
    pub fn stats(&self, metric: Metric) -> &Stats {
        self.metric(metric).map_or(&Stats::NONE, |m| &m.stats)
    }

    /// The statistics and histogram of `field` of the offer at `offer` in
    /// [`Summary::offers`].
    pub fn offer_metric(&self, field: OfferField, offer: usize) -> Option<&MetricSummary> {
        let id = &self.offers.get(offer)?.id;
        self.metrics.get(MetricKey::Offer(field, id))
    }
}

/// How many new customers of `referrals.customers_of` one such customer brings
/// on average, with every uncertain value at its centre ([`crate::scenario::Uncertain::centre`],
/// its mean) and no horizon (the
/// reproduction number of the referral loop). `None` without referrals, or
/// when a centre is beyond the largest double.
pub fn growth_per_customer(vs: &ValidScenario) -> Option<f64> {
    use crate::inputs::{Field, Key};
    let sc = vs.scenario();
    let r = sc.referrals.as_ref()?;
    let target = vs.links().referrals_of?;
    // Every field named here exists in a valid scenario with referrals.
    let centre = |key: Key, item: usize| Field::new(key, item).centre(sc).unwrap_or(0.0);
    let leads = centre(Key::ReferralsFanRate, 0) * centre(Key::ReferralsLeadsPerFan, 0)
        + centre(Key::ReferralsPromoterRate, 0) * centre(Key::ReferralsLeadsPerPromoter, 0);
    // Chance that a referred lead ever buys the entry offer.
    let n = &sc.nurture;
    let conv = centre(Key::NurtureConversionPerTouch, 0) * r.referred_conversion_multiplier;
    let unsub = centre(Key::NurtureUnsubscribePerTouch, 0);
    // No horizon: every touch of the window, then 100 years of monthly touches.
    let ages = crate::engine::touch_ages(n, f64::from(n.window_days).max(36_500.0));
    let (mut alive, mut bought, mut prev) = (1.0f64, 0.0, 0.0);
    for (k, a) in ages.iter().map(|&a| f64::from(a)).enumerate() {
        alive *= libm::exp2(-(a - prev) / n.interest_half_life_days);
        prev = a;
        let p = (conv * ((k + 1) as f64 / n.trust_touches).min(1.0)).min(1.0);
        bought += alive * p;
        alive *= (1.0 - p) * (1.0 - unsub);
        if alive < 1e-12 {
            break;
        }
    }
    // Chance that an entry customer goes on to be a customer of the target offer.
    let mut chain = 1.0 - centre(Key::OfferRefundRate, 0);
    let mut i = target;
    while let Some(parent) = vs.links().parent[i] {
        chain *= centre(Key::OfferTakeRate, i) * (1.0 - centre(Key::OfferRefundRate, i));
        i = parent;
    }
    // A centre can overflow (the mean of a 90% range from 10⁻³⁰⁰ to 10⁻⁹ is
    // beyond any double): then no estimate, rather than an infinite one.
    Some(leads * bought * chain).filter(|g| g.is_finite())
}

/// Runs every trial of `plan` at once.
pub fn run(plan: &Plan) -> Summary {
    let b = Batch::run(plan, 0, plan.options().trials);
    Summary::from_batch(plan, &b)
}
