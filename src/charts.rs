//! Charts of a [`Summary`], drawn with `plotters` on any backend: SVG natively
//! ([`render_svg`]) and `plotters-canvas` in the browser ([`draw`]).
//!
//! - [`ChartKind::Funnel`]: median people per stage (bars, log scale) with the
//!   5th–95th percentile (whiskers) and the conversion between stages;
//! - [`ChartKind::ProfitHistogram`]: the distribution of profit over trials,
//!   losses in red, gains in green, with P5, median and P95 marked;
//! - [`ChartKind::ProfitOverTime`]: cumulative profit per day as a fan chart;
//! - [`ChartKind::ChannelRoi`]: median ROI per channel with its 5th–95th percentile.
//!
//! Every chart adapts its layout (tick counts, label detail, row heights) to the
//! size of the drawing area, so it stays readable from a 343 px phone to a
//! desktop, and never panics: a summary with one trial, no visitors or no daily
//! data draws a sparse chart or a short message. [`describe`] gives the same
//! chart as one or two sentences for screen readers, and the `format_*`
//! helpers write numbers for people.
//!
//! Sizes are in CSS pixels times [`ChartStyle::scale`] (the device pixel ratio).

use crate::format::NumberFormat;
use crate::metrics::{DailySeries, Metric, OfferField};
use crate::results::RunResult;
use crate::stats::{Band, ChannelSummary, MetricSummary, Stats, Summary};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{PathElement, Polygon, Rectangle};
use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, TextStyle};
use std::fmt;

// ---------------------------------------------------------------------------
// Style
// ---------------------------------------------------------------------------

/// Text, axes and whiskers (#1f2937).
pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
/// Secondary text: ranges, ticks, notes (#6b7280).
pub const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
/// Grid lines (#e5e7eb).
pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
/// Bars and median lines (#2563eb).
pub const ACCENT: RGBColor = RGBColor(0x25, 0x63, 0xeb);
/// The 5th–95th percentile band of a fan chart (#bfdbfe).
pub const BAND_LIGHT: RGBColor = RGBColor(0xbf, 0xdb, 0xfe);
/// The 25th–75th percentile band of a fan chart (#93c5fd).
pub const BAND_DARK: RGBColor = RGBColor(0x93, 0xc5, 0xfd);
/// Losses (#dc2626).
pub const LOSS: RGBColor = RGBColor(0xdc, 0x26, 0x26);
/// Gains (#16a34a).
pub const GAIN: RGBColor = RGBColor(0x16, 0xa3, 0x4a);
/// Background that [`draw`] fills the area with (white).
pub const BACKGROUND: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// Font family of every text.
pub const FONT_FAMILY: &str = "sans-serif";
/// Size of ordinary text, in CSS pixels.
pub const TEXT_SIZE: f64 = 12.0;
/// Size of ticks and notes, in CSS pixels.
pub const SMALL_TEXT_SIZE: f64 = 11.0;

/// plotters writes an SVG font size as its size / 1.24 but a canvas font size
/// as its size: [`render_svg`] asks for 1.24 times larger text so that both
/// show the same pixels (and the naive SVG text metrics then match).
const SVG_TEXT_FACTOR: f64 = 1.24;

/// How to draw. (The currency of money axes is the run's, from its header.)
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel (the device pixel ratio): font sizes, line
    /// widths and margins are multiplied by it. Values outside 0.25..=8 (or not
    /// finite) are treated as 1.
    pub scale: f64,
    /// How numbers are written.
    pub numbers: NumberFormat,
}

impl Default for ChartStyle {
    /// Scale 1, English numbers.
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            numbers: NumberFormat::ENGLISH,
        }
    }
}

/// The charts this module draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// People per stage of the funnel and the conversion between stages.
    Funnel,
    /// Distribution of profit over trials.
    ProfitHistogram,
    /// Cumulative profit per day (fan chart).
    ProfitOverTime,
    /// ROI per channel.
    ChannelRoi,
}

impl ChartKind {
    /// Every chart, in the order the app shows them.
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Funnel,
        ChartKind::ProfitHistogram,
        ChartKind::ProfitOverTime,
        ChartKind::ChannelRoi,
    ];

    /// A short identifier (kebab case), for file names and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::Funnel => "funnel",
            ChartKind::ProfitHistogram => "profit-histogram",
            ChartKind::ProfitOverTime => "profit-over-time",
            ChartKind::ChannelRoi => "channel-roi",
        }
    }

    /// A heading for the chart.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Funnel => "Funnel",
            ChartKind::ProfitHistogram => "Profit over all trials",
            ChartKind::ProfitOverTime => "Cumulative profit by day",
            ChartKind::ChannelRoi => "Return on cost by channel",
        }
    }
}

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartError {
    /// The drawing backend failed (message from plotters).
    Drawing(String),
    /// [`render_svg`] was asked for an image with no pixels.
    EmptyImage {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::Drawing(e) => write!(f, "could not draw the chart: {e}"),
            ChartError::EmptyImage { width, height } => {
                write!(
                    f,
                    "a chart needs a size of at least 1×1 pixels (got {width}×{height})"
                )
            }
        }
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Drawing(e.to_string())
    }
}

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------

/// The 5th, 50th and 95th percentiles of a quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantiles {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Quantiles {
    /// The quantiles of `stats`, or `None` when no trial defines the metric.
    pub fn of(stats: &Stats) -> Option<Quantiles> {
        Some(Quantiles {
            p5: stats.p5?,
            p50: stats.p50?,
            p95: stats.p95?,
        })
    }
}

/// One stage of the funnel: how many people reach it (over trials) and which
/// share of an earlier stage converts into it.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStage {
    /// Name shown on the chart: "Visitors", "Leads" or the offer's name.
    pub label: String,
    /// The people counted, as a plural noun for sentences: "visitors",
    /// "leads", "Course buyers".
    pub people: String,
    /// 5th percentile of the count (0 when undefined).
    pub p5: f64,
    /// Median count (0 when undefined).
    pub p50: f64,
    /// 95th percentile of the count (0 when undefined).
    pub p95: f64,
    /// Index of the stage it converts from (`None` for visitors). An entry offer
    /// converts from leads; a follow-up from the offer it is offered to, which
    /// need not be the stage just above it in a branching ladder.
    pub from: Option<usize>,
    /// Quantiles of the conversion from stage `from` (a fraction): `None` for
    /// visitors and when no trial had anyone to convert.
    pub conversion: Option<Quantiles>,
}

/// The stages of the funnel: Visitors → Leads (conversion: [`Metric::Optin`],
/// paid leads over visitors) → every offer in ladder order (count:
/// [`OfferField::Buyers`], purchases including refunded ones; conversion:
/// [`OfferField::Conversion`], over leads for the entry offer and over the kept
/// buyers of the parent offer for a follow-up). Labels are the offer names of
/// `s.offers`. Customers are left out: they are the entry offer's buyers minus
/// refunds, nearly the same bar.
pub fn funnel_stages(s: &Summary) -> Vec<FunnelStage> {
    let count = |m: Option<&MetricSummary>| {
        let st = m.map(|m| &m.stats);
        let q =
            |f: fn(&Stats) -> Option<f64>| st.and_then(f).filter(|x| x.is_finite()).unwrap_or(0.0);
        (q(|x| x.p5), q(|x| x.p50), q(|x| x.p95))
    };
    let conversion = |m: Option<&MetricSummary>| m.and_then(|m| Quantiles::of(&m.stats));
    let mut stages = Vec::with_capacity(2 + s.offers.len());
    let (p5, p50, p95) = count(s.metric(Metric::Visitors));
    stages.push(FunnelStage {
        label: "Visitors".into(),
        people: "visitors".into(),
        p5,
        p50,
        p95,
        from: None,
        conversion: None,
    });
    let (p5, p50, p95) = count(s.metric(Metric::Leads));
    stages.push(FunnelStage {
        label: "Leads".into(),
        people: "leads".into(),
        p5,
        p50,
        p95,
        from: Some(0),
        conversion: conversion(s.metric(Metric::Optin)),
    });
    for (i, o) in s.offers.iter().enumerate() {
        // The parent's stage; the stage above when the parent is unknown or
        // (in a malformed summary) comes later.
        let from = match &o.offered_to {
            None => 1,
            Some(parent) => s.offers[..i]
                .iter()
                .position(|x| &x.id == parent)
                .map_or(stages.len() - 1, |j| 2 + j),
        };
        let label = if o.name.trim().is_empty() {
            o.id.clone()
        } else {
            o.name.clone()
        };
        let (p5, p50, p95) = count(s.offer_metric(OfferField::Buyers, i));
        stages.push(FunnelStage {
            people: format!("{label} buyers"),
            label,
            p5,
            p50,
            p95,
            from: Some(from),
            conversion: conversion(s.offer_metric(OfferField::Conversion, i)),
        });
    }
    stages
}

/// The per-day band of `series` with its days, when it has at least one day,
/// as many values as days and only finite values.
pub fn daily_band(s: &Summary, series: DailySeries) -> Option<(&[u32], &Band)> {
    let days = &s.daily.days;
    let band = s.daily.get(series)?;
    let n = days.len();
    let columns = [&band.p5, &band.p25, &band.p50, &band.p75, &band.p95];
    (n > 0
        && columns
            .iter()
            .all(|c| c.len() == n && c.iter().all(|x| x.is_finite())))
    .then_some((days.as_slice(), band))
}

/// The cumulative profit band (see [`daily_band`]).
pub fn profit_bands(s: &Summary) -> Option<(&[u32], &Band)> {
    daily_band(s, DailySeries::Profit)
}

// ---------------------------------------------------------------------------
// Descriptions
// ---------------------------------------------------------------------------

/// The chart in one or two plain sentences, for screen readers, e.g. "Median
/// profit −12,577 USD; 90% of trials between −25,093 and 4,593 USD; loss in
/// 89.7% of trials." Amounts are in the run's currency, numbers written as
/// `nf` says.
pub fn describe(kind: ChartKind, run: &RunResult, nf: &NumberFormat) -> String {
    let (s, currency) = (&run.summary, run.header.currency.as_str());
    if s.trials == 0 {
        return "No trials were run.".into();
    }
    match kind {
        ChartKind::Funnel => describe_funnel(s, nf),
        ChartKind::ProfitHistogram => describe_profit(s, currency, nf),
        ChartKind::ProfitOverTime => describe_profit_over_time(s, currency, nf),
        ChartKind::ChannelRoi => describe_channel_roi(s, nf),
    }
}

fn describe_funnel(s: &Summary, nf: &NumberFormat) -> String {
    let stages = funnel_stages(s);
    let parts: Vec<String> = stages
        .iter()
        .map(|st| {
            let mut t = format!("{} {}", nf.count(st.p50), st.people);
            if let (Some(from), Some(c)) = (st.from, st.conversion) {
                t.push_str(&format!(
                    " ({} of {})",
                    nf.percent(c.p50),
                    stages[from].people
                ));
            }
            t
        })
        .collect();
    format!(
        "Medians over {} trials: {}.",
        nf.count(s.trials as f64),
        parts.join("; ")
    )
}

fn describe_profit(s: &Summary, currency: &str, nf: &NumberFormat) -> String {
    let Some(q) = s
        .metric(Metric::Profit)
        .and_then(|m| Quantiles::of(&m.stats))
    else {
        return "No profit data.".into();
    };
    let spread = if nf.money(q.p5, "") == nf.money(q.p95, "") {
        format!("{} in at least 90% of trials", nf.money(q.p50, currency))
    } else {
        format!(
            "90% of trials between {}",
            nf.money_range(q.p5, q.p95, currency)
                .replacen(" to ", " and ", 1)
        )
    };
    format!(
        "Median profit {}; {spread}; loss in {} of trials.",
        nf.money(q.p50, currency),
        nf.percent(s.prob_loss)
    )
}

fn describe_profit_over_time(s: &Summary, currency: &str, nf: &NumberFormat) -> String {
    let Some((days, band)) = profit_bands(s) else {
        return "No daily profit data.".into();
    };
    let last = days.len() - 1;
    let mut text = format!(
        "Median cumulative profit on day {} (the last): {} (90% of trials between {}).",
        days[last],
        nf.money(band.p50[last], currency),
        nf.money_range(band.p5[last], band.p95[last], currency)
            .replacen(" to ", " and ", 1)
    );
    let (low_i, low) =
        band.p50
            .iter()
            .copied()
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |a, (i, v)| if v < a.1 { (i, v) } else { a },
            );
    if low < 0.0 && low_i < last {
        text.push_str(&format!(
            " The median is lowest on day {}, at {}",
            days[low_i],
            nf.money(low, currency)
        ));
        if band.p50[last] >= 0.0 {
            let even = (0..=last)
                .rev()
                .find(|&i| band.p50[i] < 0.0)
                .map_or(0, |i| i + 1);
            text.push_str(&format!(
                ", and back above zero from day {}",
                days[even.min(last)]
            ));
        }
        text.push('.');
    }
    text
}

/// The channels worth a row: those that brought someone or cost something in
/// some trial (an empty `referral` row is left out when nobody refers).
pub fn active_channels(s: &Summary) -> Vec<&ChannelSummary> {
    s.channels
        .iter()
        .filter(|c| c.leads.mean.unwrap_or(0.0) > 0.0 || c.spend.mean.unwrap_or(0.0) > 0.0)
        .collect()
}

fn describe_channel_roi(s: &Summary, nf: &NumberFormat) -> String {
    let channels = active_channels(s);
    if channels.is_empty() {
        return "No channels.".into();
    }
    let parts: Vec<String> = channels
        .iter()
        .map(|c| match c.roi.p50 {
            Some(m) => format!(
                "{} {} (loses money in {} of trials)",
                c.name,
                nf.percent(m),
                nf.percent(c.prob_negative_roi)
            ),
            None => format!("{} not defined (no cost)", c.name),
        })
        .collect();
    format!(
        "Median return on cost (ROI) by channel: {}.",
        parts.join("; ")
    )
}

// ---------------------------------------------------------------------------
// Drawing primitives
// ---------------------------------------------------------------------------

/// Ticks at "nice" values (1, 2 or 5 × 10ⁿ apart, at least `min_step`) within
/// `lo..=hi`, at most about `max_ticks` of them.
fn nice_ticks(lo: f64, hi: f64, max_ticks: usize, min_step: f64) -> (Vec<f64>, f64) {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return (Vec::new(), 1.0);
    }
    let raw = (hi - lo) / (max_ticks.max(2) - 1) as f64;
    let mag = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = (m * mag).max(min_step);
    if !(step.is_finite() && step > 0.0) {
        return (Vec::new(), 1.0);
    }
    let mut ticks = Vec::new();
    let mut k = libm::ceil(lo / step - 1e-9);
    while ticks.len() <= 100 {
        let v = k * step;
        if v > hi + step * 1e-9 {
            break;
        }
        ticks.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    (ticks, step)
}

/// A domain with some width: equal or non-finite bounds are widened.
fn widen(lo: f64, hi: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo > 1e-9 * lo.abs().max(hi.abs()).max(1e-300) {
        (lo, hi)
    } else {
        let pad = (lo.abs() * 0.1).max(1.0);
        (lo - pad, hi + pad)
    }
}

/// Linear map from a domain to a pixel range.
#[derive(Clone, Copy, Debug)]
struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    fn new((d0, d1): (f64, f64), r0: f64, r1: f64) -> Scale {
        let (d0, d1) = widen(d0, d1);
        Scale { d0, d1, r0, r1 }
    }

    fn map(&self, v: f64) -> f64 {
        let t = (v - self.d0) / (self.d1 - self.d0);
        let t = if t.is_finite() {
            t.clamp(-1.0, 2.0)
        } else {
            0.0
        };
        self.r0 + t * (self.r1 - self.r0)
    }

    fn contains(&self, v: f64) -> bool {
        v >= self.d0.min(self.d1) && v <= self.d0.max(self.d1)
    }
}

/// A piece of text with its colour and weight, drawn one after another on a line.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    color: RGBColor,
    bold: bool,
}

fn piece(text: impl Into<String>, color: RGBColor, bold: bool) -> Piece {
    Piece {
        text: text.into(),
        color,
        bold,
    }
}

struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// Device pixels per CSS pixel.
    u: f64,
    /// Factor from CSS text size to the size given to plotters.
    text_factor: f64,
    w: f64,
    h: f64,
    /// Whether the backend measures text with plotters' naive metrics (every
    /// character equally wide, natively); then [`approx_text_width`] is used.
    naive_metrics: bool,
    /// How numbers are written.
    nf: NumberFormat,
}

/// Width of a text in em: Helvetica/Arial advance widths (the usual
/// "sans-serif"), bold 6% wider, plus 4% so that wider fonts (DejaVu Sans)
/// rarely overlap. Used where the backend cannot measure text (SVG natively).
fn approx_text_width(text: &str, bold: bool) -> f64 {
    const LOWER: [u16; 26] = [
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
        500, 278, 556, 500, 722, 500, 500, 500,
    ];
    const UPPER: [u16; 26] = [
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
        667, 611, 722, 667, 944, 667, 667, 611,
    ];
    let thousandths: u32 = text
        .chars()
        .map(|c| -> u32 {
            match c {
                'a'..='z' => LOWER[c as usize - 'a' as usize].into(),
                'A'..='Z' => UPPER[c as usize - 'A' as usize].into(),
                '0'..='9' | '$' | '€' | '£' | '–' => 556,
                ' ' | '.' | ',' | ':' | ';' | '!' | '/' | '\'' | '·' => 278,
                '(' | ')' | '[' | ']' | '-' => 333,
                '%' => 889,
                '−' | '+' | '=' | '×' | '<' | '>' => 584,
                '↓' => 600,
                '—' | '…' => 1000,
                _ => 600,
            }
        })
        .sum();
    let em = f64::from(thousandths) / 1000.0 * 1.04;
    if bold {
        em * 1.06
    } else {
        em
    }
}

fn round(v: f64) -> i32 {
    // `as` saturates (and maps NaN to 0): never panics.
    v.round() as i32
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    fn new(area: &'a DrawingArea<DB, Shift>, style: &ChartStyle, backend_text_factor: f64) -> Self {
        let u = if style.scale.is_finite() && (0.25..=8.0).contains(&style.scale) {
            style.scale
        } else {
            1.0
        };
        let (w, h) = area.dim_in_pixel();
        let mut p = Painter {
            area,
            u,
            text_factor: u * backend_text_factor,
            w: f64::from(w),
            h: f64::from(h),
            naive_metrics: true,
            nf: style.numbers,
        };
        let style = p.text_style(TEXT_SIZE, false, &INK, Pos::default());
        let narrow = area.estimate_text_size("iiiiiiii", &style);
        let wide = area.estimate_text_size("MMMMMMMM", &style);
        p.naive_metrics = match (narrow, wide) {
            (Ok(a), Ok(b)) => a.0 == b.0,
            _ => true,
        };
        p
    }

    /// CSS pixels to device pixels.
    fn px(&self, css: f64) -> f64 {
        css * self.u
    }

    /// Height of a line of text of `size` (CSS px), in device pixels.
    fn line_height(&self, size: f64) -> f64 {
        self.px(size * 1.5)
    }

    fn text_style<'c>(
        &self,
        size: f64,
        bold: bool,
        color: &'c RGBColor,
        pos: Pos,
    ) -> TextStyle<'c> {
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from(FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            size * self.text_factor,
            weight,
        ))
        .color(color)
        .pos(pos)
    }

    /// Width of a text in device pixels: measured by the backend when it can
    /// (the browser), else estimated from [`approx_text_width`].
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let estimate = self.px(size * approx_text_width(text, bold));
        if self.naive_metrics {
            return estimate;
        }
        let style = self.text_style(size, bold, &INK, Pos::default());
        match self.area.estimate_text_size(text, &style) {
            // The canvas backend measures with the regular weight: bold runs ~8% wider.
            Ok((w, _)) if bold => f64::from(w) * 1.08,
            Ok((w, _)) => f64::from(w),
            Err(_) => estimate,
        }
    }

    /// Space between the pieces of a line, in device pixels.
    fn piece_gap(&self, size: f64) -> f64 {
        self.px(size * 0.4)
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        bold: bool,
        color: &RGBColor,
        h: HPos,
        v: VPos,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        let style = self.text_style(size, bold, color, Pos::new(h, v));
        self.area.draw_text(text, &style, (round(x), round(y)))?;
        Ok(())
    }

    /// Text turned a quarter left (reading upwards), centred on (x, y).
    fn text_upwards(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        color: &RGBColor,
    ) -> Result<(), ChartError> {
        let style = self
            .text_style(size, false, color, Pos::new(HPos::Center, VPos::Center))
            .transform(FontTransform::Rotate270);
        self.area.draw_text(text, &style, (round(x), round(y)))?;
        Ok(())
    }

    /// Pieces one after another from (x, y) (vertically centred), a small gap
    /// between them (SVG drops leading spaces, so texts carry none).
    fn pieces(&self, pieces: &[Piece], (x, y): (f64, f64), size: f64) -> Result<(), ChartError> {
        let mut x = x;
        for p in pieces {
            self.text(
                &p.text,
                (x, y),
                size,
                p.bold,
                &p.color,
                HPos::Left,
                VPos::Center,
            )?;
            x += self.text_width(&p.text, size, p.bold) + self.piece_gap(size);
        }
        Ok(())
    }

    fn pieces_width(&self, pieces: &[Piece], size: f64) -> f64 {
        let gaps = pieces.len().saturating_sub(1) as f64 * self.piece_gap(size);
        gaps + pieces
            .iter()
            .map(|p| self.text_width(&p.text, size, p.bold))
            .sum::<f64>()
    }

    /// The first of the alternatives that fits in `width`; the last one, its
    /// first piece shortened with "…", when none does.
    fn fit(&self, alternatives: &[Vec<Piece>], size: f64, width: f64) -> Vec<Piece> {
        for alt in alternatives {
            if self.pieces_width(alt, size) <= width {
                return alt.clone();
            }
        }
        let mut last = alternatives.last().cloned().unwrap_or_default();
        if let Some(first) = last.first().cloned() {
            let rest =
                self.pieces_width(&last, size) - self.text_width(&first.text, size, first.bold);
            let mut chars: Vec<char> = first.text.chars().collect();
            while chars.len() > 1 {
                let t: String = chars.iter().collect::<String>() + "…";
                if self.text_width(&t, size, first.bold) + rest <= width {
                    break;
                }
                chars.pop();
            }
            if chars.len() < first.text.chars().count() {
                last[0].text = chars.into_iter().collect::<String>() + "…";
            }
        }
        last
    }

    fn rect(
        &self,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        color: &RGBColor,
    ) -> Result<(), ChartError> {
        let (a, b) = ((round(x0), round(y0)), (round(x1), round(y1)));
        if a.0 == b.0 || a.1 == b.1 {
            return Ok(());
        }
        self.area.draw(&Rectangle::new([a, b], color.filled()))?;
        Ok(())
    }

    fn line(
        &self,
        points: &[(f64, f64)],
        color: &RGBColor,
        width_css: f64,
    ) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (round(x), round(y))).collect();
        let width = round(self.px(width_css)).max(1) as u32;
        self.area
            .draw(&PathElement::new(pts, color.stroke_width(width)))?;
        Ok(())
    }

    fn polygon(&self, points: &[(f64, f64)], color: &RGBColor) -> Result<(), ChartError> {
        if points.len() < 3 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (round(x), round(y))).collect();
        self.area.draw(&Polygon::new(pts, color.filled()))?;
        Ok(())
    }

    /// A short centred message instead of a chart.
    fn message(&self, text: &str) -> Result<(), ChartError> {
        self.text(
            text,
            (self.w / 2.0, self.h / 2.0),
            TEXT_SIZE,
            false,
            &MUTED,
            HPos::Center,
            VPos::Center,
        )
    }

    /// Whether the area is too small to draw anything useful.
    fn too_small(&self) -> bool {
        self.w < self.px(60.0) || self.h < self.px(60.0)
    }

    /// Ticks of `lo..=hi` for a horizontal axis mapped by `xs`, as (value,
    /// label): as many as fit with their labels side by side.
    fn fit_x_ticks(
        &self,
        xs: &Scale,
        (lo, hi): (f64, f64),
        min_step: f64,
        label: impl Fn(f64, f64) -> String,
    ) -> Vec<(f64, String)> {
        let span = (xs.r1 - xs.r0).abs();
        let most = (span / self.px(24.0)).clamp(2.0, 24.0) as usize;
        let gap = self.px(14.0);
        let mut best = Vec::new();
        for max in (2..=most).rev() {
            let (ticks, step) = nice_ticks(lo, hi, max, min_step);
            let labelled: Vec<(f64, String)> = ticks.iter().map(|&v| (v, label(v, step))).collect();
            let widths: Vec<f64> = labelled
                .iter()
                .map(|(_, l)| self.text_width(l, SMALL_TEXT_SIZE, false))
                .collect();
            let fits = labelled
                .windows(2)
                .zip(widths.windows(2))
                .all(|(t, w)| (xs.map(t[1].0) - xs.map(t[0].0)).abs() >= (w[0] + w[1]) / 2.0 + gap);
            best = labelled;
            if fits {
                break;
            }
        }
        best
    }

    /// Tick labels along a horizontal line at `y` (top of the text), each
    /// centred on its x, skipping those that would overlap a previous one or
    /// leave the area.
    fn x_tick_labels(&self, ticks: &[(f64, String)], y: f64) -> Result<(), ChartError> {
        let gap = self.px(8.0);
        let mut right_of_last = f64::NEG_INFINITY;
        for (x, label) in ticks {
            let half = self.text_width(label, SMALL_TEXT_SIZE, false) / 2.0;
            let cx = x.clamp(half, (self.w - half).max(half));
            if cx - half < right_of_last + gap {
                continue;
            }
            self.text(
                label,
                (cx, y),
                SMALL_TEXT_SIZE,
                false,
                &MUTED,
                HPos::Center,
                VPos::Top,
            )?;
            right_of_last = cx + half;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Charts made of rows (funnel, channel ROI)
// ---------------------------------------------------------------------------

/// A bar from `from` to `to` with a whisker from `low` to `high` (axis units).
struct BarRow {
    from: f64,
    to: Option<f64>,
    whisker: Option<(f64, f64)>,
    color: RGBColor,
}

enum Row {
    /// A line of text: alternatives from the most to the least detailed.
    Text {
        indent: f64,
        alternatives: Vec<Vec<Piece>>,
    },
    Bar(BarRow),
}

struct RowAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<(f64, String)>,
    /// A value whose grid line is drawn in ink (zero).
    emphasis: Option<f64>,
}

/// Left and right ends of the bars' axis in a chart of rows.
fn row_x_range<DB: DrawingBackend>(p: &Painter<DB>) -> (f64, f64) {
    (p.px(6.0), p.w - p.px(10.0))
}

/// Draws text rows and bar rows top to bottom, the axis tick labels below the
/// last bar and a note under them; bars share the height left by the text.
fn draw_rows<DB: DrawingBackend>(
    p: &Painter<DB>,
    rows: &[Row],
    axis: &RowAxis,
    note: &[Vec<Piece>],
) -> Result<(), ChartError> {
    let n_text = rows
        .iter()
        .filter(|r| matches!(r, Row::Text { .. }))
        .count()
        + 1;
    let n_bar = rows.len() + 1 - n_text;
    let (top, bottom) = (p.px(4.0), p.px(2.0));
    // Shrink the text (down to 60%) and drop the note until bars get 8 px each.
    let mut k = 1.0;
    let mut with_note = !note.is_empty();
    let (th, free) = loop {
        let th = p.line_height(TEXT_SIZE * k);
        let n = n_text + usize::from(with_note);
        let free = p.h - top - bottom - n as f64 * th;
        if free >= n_bar as f64 * p.px(8.0) * k || k <= 0.6 {
            break (th, free);
        }
        if with_note {
            with_note = false;
        } else {
            k -= 0.1;
        }
    };
    let (size, small) = (TEXT_SIZE * k, SMALL_TEXT_SIZE * k);
    let bh = (free / n_bar.max(1) as f64).clamp(p.px(3.0), p.px(26.0));
    let thickness = (bh - p.px(6.0)).clamp(p.px(2.0), p.px(16.0));
    let (x0, x1) = row_x_range(p);
    if x1 - x0 < p.px(20.0) {
        return Ok(());
    }
    let xs = Scale::new((axis.lo, axis.hi), x0, x1);
    let text_width = p.w - x0 - p.px(4.0);

    // Positions.
    let mut y = top;
    let mut tops = Vec::with_capacity(rows.len());
    for r in rows {
        tops.push(y);
        y += if matches!(r, Row::Text { .. }) {
            th
        } else {
            bh
        };
    }
    let bar_tops = rows
        .iter()
        .zip(&tops)
        .filter(|(r, _)| matches!(r, Row::Bar(_)));
    let first_bar = bar_tops.clone().map(|(_, &t)| t).next().unwrap_or(top);
    let last_bar_end = bar_tops.map(|(_, &t)| t + bh).next_back().unwrap_or(top);

    // Grid.
    for (v, _) in &axis.ticks {
        if axis.emphasis != Some(*v) {
            let x = xs.map(*v);
            p.line(&[(x, first_bar), (x, last_bar_end)], &GRID, 1.0)?;
        }
    }
    if let Some(e) = axis.emphasis.filter(|e| xs.contains(*e)) {
        let x = xs.map(e);
        p.line(&[(x, first_bar), (x, last_bar_end)], &INK, 1.0)?;
    }

    for (r, &t) in rows.iter().zip(&tops) {
        match r {
            Row::Text {
                indent,
                alternatives,
            } => {
                let indent = p.px(*indent);
                let chosen = p.fit(alternatives, size, text_width - indent);
                p.pieces(&chosen, (x0 + indent, t + th / 2.0), size)?;
            }
            Row::Bar(b) => {
                let cy = t + bh / 2.0;
                let (ya, yb) = (cy - thickness / 2.0, cy + thickness / 2.0);
                if let Some(to) = b.to {
                    let (a, z) = (xs.map(b.from), xs.map(to));
                    p.rect((a.min(z), ya), (a.max(z), yb), &b.color)?;
                }
                if let Some((lo, hi)) = b.whisker {
                    let (a, z) = (xs.map(lo), xs.map(hi));
                    if (z - a).abs() >= 1.0 {
                        let cap = (thickness * 0.35).max(p.px(2.0));
                        p.line(&[(a, cy), (z, cy)], &INK, 1.5)?;
                        p.line(&[(a, cy - cap), (a, cy + cap)], &INK, 1.5)?;
                        p.line(&[(z, cy - cap), (z, cy + cap)], &INK, 1.5)?;
                    }
                }
            }
        }
    }

    // Axis labels and note.
    let ticks: Vec<(f64, String)> = axis
        .ticks
        .iter()
        .map(|(v, l)| (xs.map(*v), l.clone()))
        .collect();
    p.x_tick_labels(&ticks, last_bar_end + p.px(3.0))?;
    if with_note {
        let chosen = p.fit(note, small, text_width);
        p.pieces(&chosen, (x0, last_bar_end + th + th / 2.0), small)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The charts
// ---------------------------------------------------------------------------

/// A height in CSS pixels that shows `kind` without empty space in a
/// container `width` CSS pixels wide: the funnel and channel ROI grow with
/// their stages or channels (bars at their thickest); the other charts take
/// 300 px on a phone (below 480 px wide) and 360 px otherwise.
pub fn suggested_height(kind: ChartKind, s: &Summary, width: u32) -> u32 {
    // Text lines of 1.5 × the text size, bars of at most 26 px (see `draw_rows`),
    // plus the axis labels and the note.
    let rows = |texts: usize, bars: usize| {
        let css = (texts + 2) as f64 * TEXT_SIZE * 1.5 + bars as f64 * 26.0 + 6.0;
        libm::ceil(css) as u32
    };
    match kind {
        ChartKind::Funnel => {
            let n = 2 + s.offers.len();
            rows(2 * n - 1, n)
        }
        ChartKind::ChannelRoi => {
            let n = active_channels(s).len().max(1);
            rows(n, n).max(120)
        }
        ChartKind::ProfitHistogram | ChartKind::ProfitOverTime => {
            if width < 480 {
                300
            } else {
                360
            }
        }
    }
}

/// Draws `kind` of a run on `area` after filling it with [`BACKGROUND`]; the
/// app and [`render_svg`] both go through here. Money axes are in the run's
/// currency.
pub fn draw<DB: DrawingBackend>(
    kind: ChartKind,
    area: &DrawingArea<DB, Shift>,
    run: &RunResult,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    draw_with(kind, area, run, style, 1.0)
}

fn draw_with<DB: DrawingBackend>(
    kind: ChartKind,
    area: &DrawingArea<DB, Shift>,
    run: &RunResult,
    style: &ChartStyle,
    text_factor: f64,
) -> Result<(), ChartError> {
    area.fill(&BACKGROUND)?;
    let p = Painter::new(area, style, text_factor);
    if p.too_small() {
        return Ok(());
    }
    let (s, currency) = (&run.summary, run.header.currency.as_str());
    match kind {
        ChartKind::Funnel => funnel(&p, s),
        ChartKind::ProfitHistogram => profit_histogram(&p, s, currency),
        ChartKind::ProfitOverTime => profit_over_time(&p, s, currency),
        ChartKind::ChannelRoi => channel_roi(&p, s),
    }
}

/// Renders `kind` of a run as an SVG document of `width` × `height` pixels.
pub fn render_svg(
    kind: ChartKind,
    run: &RunResult,
    style: &ChartStyle,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    if width == 0 || height == 0 {
        return Err(ChartError::EmptyImage { width, height });
    }
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw_with(kind, &root, run, style, SVG_TEXT_FACTOR)?;
        root.present()?;
    }
    Ok(out)
}

/// The funnel: one row per stage with its name and median count (5th–95th
/// percentile in brackets) above a bar of the median on a log scale with a
/// whisker from the 5th to the 95th percentile; between stages, the median
/// conversion with its 5th–95th percentile, e.g. "↓ 24.1% (15.7–34.2%) of leads".
fn funnel<DB: DrawingBackend>(p: &Painter<DB>, s: &Summary) -> Result<(), ChartError> {
    let nf = &p.nf;
    let stages = funnel_stages(s);
    // Log scale from 0.5, so that a median of 1 still shows a short bar.
    const BASE: f64 = 0.5;
    let log = |v: f64| libm::log10(v.max(BASE));
    let top = stages
        .iter()
        .map(|st| st.p95.max(st.p50))
        .fold(10.0, f64::max);
    let lo = log(BASE);
    let hi_raw = log(top);
    let hi = hi_raw + (hi_raw - lo) * 0.02;
    let ticks = (0..=libm::floor(hi_raw) as i32)
        .map(|k| (f64::from(k), nf.compact(libm::pow(10.0, f64::from(k)))))
        .collect();
    let mut rows = Vec::new();
    for st in &stages {
        if let Some(from) = st.from {
            let of = format!("of {}", stages[from].people);
            let alternatives = match st.conversion {
                Some(c) => {
                    let head = piece(format!("↓ {}", nf.percent(c.p50)), ACCENT, true);
                    let of = piece(of, MUTED, false);
                    if nf.percent(c.p5) == nf.percent(c.p95) {
                        vec![vec![head.clone(), of], vec![head]]
                    } else {
                        let range =
                            piece(format!("({})", nf.percent_range(c.p5, c.p95)), MUTED, false);
                        vec![
                            vec![head.clone(), range.clone(), of],
                            vec![head.clone(), range],
                            vec![head],
                        ]
                    }
                }
                None => vec![
                    vec![
                        piece("↓ n/a", MUTED, true),
                        piece(format!("(no {})", stages[from].people), MUTED, false),
                    ],
                    vec![piece("↓ n/a", MUTED, true)],
                ],
            };
            rows.push(Row::Text {
                indent: 8.0,
                alternatives,
            });
        }
        let name = piece(st.label.clone(), INK, true);
        let median = piece(nf.count(st.p50), INK, false);
        let mut alternatives = vec![vec![name.clone(), median.clone()]];
        if nf.count(st.p5) != nf.count(st.p95) {
            let range = piece(format!("({})", nf.count_range(st.p5, st.p95)), MUTED, false);
            alternatives.insert(0, vec![name, median, range]);
        }
        rows.push(Row::Text {
            indent: 0.0,
            alternatives,
        });
        rows.push(Row::Bar(BarRow {
            from: lo,
            to: Some(log(st.p50)),
            whisker: Some((log(st.p5), log(st.p95))),
            color: ACCENT,
        }));
    }
    let axis = RowAxis {
        lo,
        hi,
        ticks,
        emphasis: None,
    };
    let note = [
        vec![piece(
            "Bar: median · line: 5th–95th percentile · log scale (×10 per grid line)",
            MUTED,
            false,
        )],
        vec![piece(
            "Bar: median · line: 5th–95th percentile · log scale",
            MUTED,
            false,
        )],
        vec![piece(
            "Median, 5th–95th percentile, log scale",
            MUTED,
            false,
        )],
    ];
    draw_rows(p, &rows, &axis, &note)
}

/// Places labels in rows above a chart: each candidate is (left, right) in
/// pixels; returns (row, candidate) per label, `None` when it fits nowhere.
/// Lines from labels in upper rows are obstacles for the rows below.
fn place_labels(
    candidates: &[(f64, Vec<(f64, f64)>)],
    rows: usize,
    gap: f64,
) -> Vec<Option<(usize, usize)>> {
    let mut taken: Vec<Vec<(f64, f64)>> = vec![Vec::new(); rows];
    let mut out = Vec::with_capacity(candidates.len());
    for (line_x, options) in candidates {
        let mut placed = None;
        'rows: for (r, row) in taken.iter().enumerate() {
            for (c, &(a, b)) in options.iter().enumerate() {
                if row.iter().all(|&(l, h)| b + gap <= l || a >= h + gap) {
                    placed = Some((r, c));
                    break 'rows;
                }
            }
        }
        if let Some((r, c)) = placed {
            taken[r].push(options[c]);
            for row in taken.iter_mut().skip(r + 1) {
                row.push((line_x - 1.0, line_x + 1.0));
            }
        }
        out.push(placed);
    }
    out
}

/// The distribution of profit: a histogram of the trials' profits with bars
/// (or parts of bars) below 0 in [`LOSS`] and above in [`GAIN`], lines and
/// labels at P5, the median and P95, the probability of loss above it and the
/// profit axis in `currency`.
fn profit_histogram<DB: DrawingBackend>(
    p: &Painter<DB>,
    s: &Summary,
    currency: &str,
) -> Result<(), ChartError> {
    let nf = &p.nf;
    let Some(m) = s.metric(Metric::Profit) else {
        return p.message("No profit data to show");
    };
    let Some(hist) = m.histogram.as_ref().filter(|h| {
        !h.counts.is_empty() && h.min.is_finite() && h.max.is_finite() && h.max >= h.min
    }) else {
        return p.message("No profit data to show");
    };
    let lh = p.line_height(TEXT_SIZE);
    let slh = p.line_height(SMALL_TEXT_SIZE);
    let (x_lo, x_hi) = widen(hist.min, hist.max);
    let single = !(hist.max > hist.min);
    let n = hist.counts.len();
    let max_count = hist.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let y_hi = max_count * 1.08;

    // Vertical budget: loss line, up to 3 label rows, plot, ticks and caption.
    let bottom = slh + lh + p.px(4.0);
    let est_plot_h = p.h - lh - 2.0 * slh - bottom;
    let max_y_ticks = (est_plot_h / p.px(32.0)).clamp(2.0, 6.0) as usize;
    let (y_ticks, _) = nice_ticks(0.0, y_hi, max_y_ticks, 1.0);
    let y_labels: Vec<String> = y_ticks.iter().map(|&v| nf.count(v)).collect();
    let y_label_w = y_labels
        .iter()
        .map(|l| p.text_width(l, SMALL_TEXT_SIZE, false))
        .fold(0.0, f64::max);
    let x0 = lh + y_label_w + p.px(6.0);
    let sample_w = p.text_width("−88.8k", SMALL_TEXT_SIZE, false);
    let x1 = p.w - (sample_w / 2.0).max(p.px(10.0));
    if x1 - x0 < p.px(40.0) {
        return p.message("Too small to draw");
    }
    let xs = Scale::new((x_lo, x_hi), x0, x1);

    // Percentile labels.
    let gap = p.px(6.0);
    let mut marks: Vec<(String, f64, f64)> = Vec::new(); // text, value, line width
    if let Some(q) = Quantiles::of(&m.stats) {
        let median = (format!("Median {}", nf.compact(q.p50)), q.p50, 2.0);
        if round(xs.map(q.p5)) == round(xs.map(q.p95)) {
            marks.push(median);
        } else {
            marks.push(median);
            marks.push((format!("P5 {}", nf.compact(q.p5)), q.p5, 1.0));
            marks.push((format!("P95 {}", nf.compact(q.p95)), q.p95, 1.0));
        }
    }
    let candidates: Vec<(f64, Vec<(f64, f64)>)> = marks
        .iter()
        .map(|(t, v, _)| {
            let x = xs.map(*v);
            let tw = p.text_width(t, SMALL_TEXT_SIZE, false);
            let clampl = |a: f64| a.clamp(0.0, (p.w - tw).max(0.0));
            let centred = clampl(x - tw / 2.0);
            let left_of = clampl(x - tw - p.px(3.0));
            let right_of = clampl(x + p.px(3.0));
            (
                x,
                vec![
                    (centred, centred + tw),
                    (left_of, left_of + tw),
                    (right_of, right_of + tw),
                ],
            )
        })
        .collect();
    let placed = place_labels(&candidates, 3, gap);
    let label_rows = placed
        .iter()
        .flatten()
        .map(|(r, _)| r + 1)
        .max()
        .unwrap_or(0);
    let y0 = lh + label_rows as f64 * slh + p.px(4.0);
    let y1 = p.h - bottom;
    if y1 - y0 < p.px(24.0) {
        return p.message("Too small to draw");
    }
    let ys = Scale::new((0.0, y_hi), y1, y0);

    // Grid and y ticks.
    for (v, label) in y_ticks.iter().zip(&y_labels) {
        let y = ys.map(*v);
        if *v > 0.0 {
            p.line(&[(x0, y), (x1, y)], &GRID, 1.0)?;
        }
        p.text(
            label,
            (x0 - p.px(4.0), y),
            SMALL_TEXT_SIZE,
            false,
            &MUTED,
            HPos::Right,
            VPos::Center,
        )?;
    }

    // Bars.
    let bin = if single {
        (x_hi - x_lo) / 40.0
    } else {
        (hist.max - hist.min) / n as f64
    };
    let inset = if (xs.map(bin) - xs.map(0.0)).abs() >= p.px(5.0) {
        0.5 * p.u
    } else {
        0.0
    };
    for (i, &c) in hist.counts.iter().enumerate() {
        if c == 0 {
            continue;
        }
        let (a, b) = if single {
            (hist.min - bin / 2.0, hist.min + bin / 2.0)
        } else {
            (hist.min + i as f64 * bin, hist.min + (i + 1) as f64 * bin)
        };
        let top = ys.map(c as f64);
        let (pa, pb) = (xs.map(a) + inset, xs.map(b) - inset);
        if b <= 0.0 {
            p.rect((pa, top), (pb, y1), &LOSS)?;
        } else if a >= 0.0 {
            p.rect((pa, top), (pb, y1), &GAIN)?;
        } else {
            let z = xs.map(0.0);
            p.rect((pa, top), (z, y1), &LOSS)?;
            p.rect((z, top), (pb, y1), &GAIN)?;
        }
    }
    p.line(&[(x0, y1), (x1, y1)], &INK, 1.0)?;

    // Percentile lines and labels.
    for (((text, _, width), place), (line_x, options)) in marks.iter().zip(&placed).zip(&candidates)
    {
        let Some((row, c)) = place else {
            p.line(&[(*line_x, y0), (*line_x, y1)], &INK, *width)?;
            continue;
        };
        let ty = lh + *row as f64 * slh;
        p.line(&[(*line_x, ty + slh), (*line_x, y1)], &INK, *width)?;
        let left = options[*c].0;
        p.text(
            text,
            (left, ty + slh / 2.0),
            SMALL_TEXT_SIZE,
            *width > 1.0,
            &INK,
            HPos::Left,
            VPos::Center,
        )?;
    }

    // X ticks and captions.
    let ticks: Vec<(f64, String)> = p
        .fit_x_ticks(&xs, (x_lo, x_hi), 0.0, |v, _| nf.compact(v))
        .into_iter()
        .map(|(v, l)| (xs.map(v), l))
        .collect();
    for (x, _) in &ticks {
        p.line(&[(*x, y1), (*x, y1 + p.px(3.0))], &INK, 1.0)?;
    }
    p.x_tick_labels(&ticks, y1 + p.px(4.0))?;
    let caption = if currency.is_empty() {
        "Profit".to_string()
    } else {
        format!("Profit ({currency})")
    };
    p.text(
        &caption,
        ((x0 + x1) / 2.0, p.h - lh / 2.0),
        TEXT_SIZE,
        false,
        &INK,
        HPos::Center,
        VPos::Center,
    )?;
    p.text_upwards(
        "Trials",
        (lh / 2.0, (y0 + y1) / 2.0),
        SMALL_TEXT_SIZE,
        &MUTED,
    )?;

    let loss = if s.prob_loss > 0.0 {
        piece(
            format!("Loss in {} of trials", nf.percent(s.prob_loss)),
            LOSS,
            true,
        )
    } else {
        piece("No loss in any trial", INK, true)
    };
    let plural = if s.trials == 1 { "" } else { "s" };
    let trials = piece(
        format!("· {} trial{plural}", nf.count(s.trials as f64)),
        MUTED,
        false,
    );
    let chosen = p.fit(
        &[vec![loss.clone(), trials], vec![loss]],
        TEXT_SIZE,
        p.w - p.px(4.0),
    );
    p.pieces(&chosen, (p.px(2.0), lh / 2.0), TEXT_SIZE)?;
    Ok(())
}

/// Cumulative profit by day as a fan chart: the 5th–95th percentile as a light
/// band, the 25th–75th as a darker band, the median as a line, and a zero line.
fn profit_over_time<DB: DrawingBackend>(
    p: &Painter<DB>,
    s: &Summary,
    currency: &str,
) -> Result<(), ChartError> {
    let nf = &p.nf;
    let Some((days, band)) = profit_bands(s) else {
        return p.message("No daily profit to show");
    };
    let lh = p.line_height(TEXT_SIZE);
    let slh = p.line_height(SMALL_TEXT_SIZE);

    // Legend, flowing onto more lines when narrow.
    let swatch = p.px(14.0);
    let items: [(&str, RGBColor, bool); 3] = [
        ("90% of trials", BAND_LIGHT, false),
        ("middle 50%", BAND_DARK, false),
        ("median", ACCENT, true),
    ];
    let mut legend = Vec::new(); // (x, row, item)
    let (mut x, mut row) = (p.px(2.0), 0usize);
    for (i, (text, _, _)) in items.iter().enumerate() {
        let wi = swatch + p.px(4.0) + p.text_width(text, SMALL_TEXT_SIZE, false);
        if x > p.px(2.0) && x + wi > p.w {
            x = p.px(2.0);
            row += 1;
        }
        legend.push((x, row, i));
        x += wi + p.px(14.0);
    }
    let y0 = (row + 1) as f64 * slh + p.px(6.0);

    // Domain.
    let first = f64::from(days[0]);
    let last = f64::from(days[days.len() - 1]);
    let (d_lo, d_hi) = if last > first {
        (first, last)
    } else {
        (first, first + 1.0)
    };
    let v_lo = band.p5.iter().chain(&band.p50).copied().fold(0.0, f64::min);
    let v_hi = band
        .p95
        .iter()
        .chain(&band.p50)
        .copied()
        .fold(0.0, f64::max);
    let (v_lo, v_hi) = widen(v_lo, v_hi);
    let pad = (v_hi - v_lo) * 0.04;
    let (v_lo, v_hi) = (v_lo - pad, v_hi + pad);

    let bottom = slh + lh + p.px(4.0);
    let y1 = p.h - bottom;
    if y1 - y0 < p.px(24.0) {
        return p.message("Too small to draw");
    }
    let max_y_ticks = ((y1 - y0) / p.px(36.0)).clamp(2.0, 7.0) as usize;
    let (y_ticks, _) = nice_ticks(v_lo, v_hi, max_y_ticks, 0.0);
    let y_labels: Vec<String> = y_ticks.iter().map(|&v| nf.compact(v)).collect();
    let y_label_w = y_labels
        .iter()
        .map(|l| p.text_width(l, SMALL_TEXT_SIZE, false))
        .fold(0.0, f64::max);
    let x0 = lh + y_label_w + p.px(6.0);
    let x1 = p.w - p.px(12.0);
    if x1 - x0 < p.px(40.0) {
        return p.message("Too small to draw");
    }
    let xs = Scale::new((d_lo, d_hi), x0, x1);
    let ys = Scale::new((v_lo, v_hi), y1, y0);

    for (v, label) in y_ticks.iter().zip(&y_labels) {
        let y = ys.map(*v);
        p.line(&[(x0, y), (x1, y)], &GRID, 1.0)?;
        p.text(
            label,
            (x0 - p.px(4.0), y),
            SMALL_TEXT_SIZE,
            false,
            &MUTED,
            HPos::Right,
            VPos::Center,
        )?;
    }

    // One day only: draw it as a flat stretch of one day.
    let mut xv: Vec<f64> = days.iter().map(|&d| f64::from(d)).collect();
    let extend = |v: &Vec<f64>| {
        let mut v = v.clone();
        if v.len() == 1 {
            v.push(v[0]);
        }
        v
    };
    if xv.len() == 1 {
        xv.push(xv[0] + 1.0);
    }
    let (p5, p25, p50, p75, p95) = (
        extend(&band.p5),
        extend(&band.p25),
        extend(&band.p50),
        extend(&band.p75),
        extend(&band.p95),
    );
    let fan = |lo: &[f64], hi: &[f64]| -> Vec<(f64, f64)> {
        let upper = xv.iter().zip(hi).map(|(&d, &v)| (xs.map(d), ys.map(v)));
        let lower = xv
            .iter()
            .zip(lo)
            .rev()
            .map(|(&d, &v)| (xs.map(d), ys.map(v)));
        upper.chain(lower).collect()
    };
    p.polygon(&fan(&p5, &p95), &BAND_LIGHT)?;
    p.polygon(&fan(&p25, &p75), &BAND_DARK)?;
    if ys.contains(0.0) {
        let z = ys.map(0.0);
        p.line(&[(x0, z), (x1, z)], &INK, 1.0)?;
    }
    let median: Vec<(f64, f64)> = xv
        .iter()
        .zip(&p50)
        .map(|(&d, &v)| (xs.map(d), ys.map(v)))
        .collect();
    p.line(&median, &ACCENT, 2.0)?;

    // X axis.
    let ticks: Vec<(f64, String)> = p
        .fit_x_ticks(&xs, (d_lo, d_hi), 1.0, |v, _| nf.count(v))
        .into_iter()
        .map(|(v, l)| (xs.map(v), l))
        .collect();
    for (x, _) in &ticks {
        p.line(&[(*x, y1), (*x, y1 + p.px(3.0))], &INK, 1.0)?;
    }
    p.x_tick_labels(&ticks, y1 + p.px(4.0))?;
    p.text(
        "Day",
        ((x0 + x1) / 2.0, p.h - lh / 2.0),
        TEXT_SIZE,
        false,
        &INK,
        HPos::Center,
        VPos::Center,
    )?;
    let caption = if currency.is_empty() {
        "Cumulative profit".to_string()
    } else {
        format!("Cumulative profit ({currency})")
    };
    p.text_upwards(
        &caption,
        (lh / 2.0, (y0 + y1) / 2.0),
        SMALL_TEXT_SIZE,
        &MUTED,
    )?;

    // Legend.
    for (x, row, i) in legend {
        let (text, color, is_line) = items[i];
        let cy = row as f64 * slh + slh / 2.0 + p.px(2.0);
        if is_line {
            p.line(&[(x, cy), (x + swatch, cy)], &color, 2.0)?;
        } else {
            p.rect((x, cy - p.px(5.0)), (x + swatch, cy + p.px(5.0)), &color)?;
        }
        p.text(
            text,
            (x + swatch + p.px(4.0), cy),
            SMALL_TEXT_SIZE,
            false,
            &INK,
            HPos::Left,
            VPos::Center,
        )?;
    }
    Ok(())
}

/// Return on cost per channel: a bar of the median ROI from zero with a
/// whisker from the 5th to the 95th percentile; channels that lose money in
/// most trials (`prob_negative_roi` > 0.5) in [`LOSS`], the others in [`GAIN`].
fn channel_roi<DB: DrawingBackend>(p: &Painter<DB>, s: &Summary) -> Result<(), ChartError> {
    let nf = &p.nf;
    let channels = active_channels(s);
    if channels.is_empty() {
        return p.message("No channels to show");
    }
    let quantiles: Vec<Option<Quantiles>> = channels
        .iter()
        .map(|c| {
            Quantiles::of(&c.roi)
                .filter(|q| q.p5.is_finite() && q.p50.is_finite() && q.p95.is_finite())
        })
        .collect();
    let lo = quantiles.iter().flatten().map(|q| q.p5).fold(0.0, f64::min);
    let hi = quantiles
        .iter()
        .flatten()
        .map(|q| q.p95)
        .fold(0.0, f64::max);
    let (lo, hi) = if hi > lo { (lo, hi) } else { (-1.0, 1.0) };
    let pad = (hi - lo) * 0.03;
    let (lo, hi) = (lo - pad, hi + pad);

    let (x0, x1) = row_x_range(p);
    let xs = Scale::new((lo, hi), x0, x1);
    let ticks = p.fit_x_ticks(&xs, (lo, hi), 0.0, |v, step| nf.percent_tick(v, step));

    let mut rows = Vec::new();
    for (c, q) in channels.iter().zip(&quantiles) {
        let losing = c.prob_negative_roi > 0.5;
        let color = if losing { LOSS } else { GAIN };
        let name = piece(c.name.clone(), INK, true);
        let alternatives = match q {
            Some(q) => {
                let median = piece(nf.percent(q.p50), if losing { LOSS } else { INK }, losing);
                let range = piece(format!("({})", nf.percent_range(q.p5, q.p95)), MUTED, false);
                let loss = piece(
                    format!(
                        "· loses money in {} of trials",
                        nf.percent(c.prob_negative_roi)
                    ),
                    if losing { LOSS } else { MUTED },
                    false,
                );
                if nf.percent(q.p5) == nf.percent(q.p95) {
                    vec![vec![name.clone(), median.clone(), loss], vec![name, median]]
                } else {
                    vec![
                        vec![name.clone(), median.clone(), range.clone(), loss],
                        vec![name.clone(), median.clone(), range],
                        vec![name, median],
                    ]
                }
            }
            None => vec![vec![name, piece("n/a (no cost)", MUTED, false)]],
        };
        rows.push(Row::Text {
            indent: 0.0,
            alternatives,
        });
        rows.push(Row::Bar(BarRow {
            from: 0.0,
            to: q.map(|q| q.p50),
            whisker: q.map(|q| (q.p5, q.p95)),
            color,
        }));
    }
    let axis = RowAxis {
        lo,
        hi,
        ticks,
        emphasis: Some(0.0),
    };
    let note = [
        vec![piece(
            "Bar: median ROI · line: 5th–95th percentile · red: loses money in most trials",
            MUTED,
            false,
        )],
        vec![piece(
            "Median ROI, 5th–95th percentile; red: mostly loses",
            MUTED,
            false,
        )],
    ];
    draw_rows(p, &rows, &axis, &note)
}
