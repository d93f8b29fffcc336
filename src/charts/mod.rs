//! Charts of a run ([`RunResult`]: a summary and the header of its scenario),
//! drawn with `plotters` on any backend: SVG natively ([`render_svg`]) and
//! `plotters-canvas` in the browser ([`draw`]).
//!
//! - [`ChartKind::Funnel`]: median people per stage (bars, log scale) with the
//!   5th–95th percentile (whiskers) and the conversion between stages;
//! - [`ChartKind::ProfitHistogram`]: the distribution of profit over trials,
//!   losses in red, gains in green, with P5, median and P95 marked;
//! - [`ChartKind::ProfitOverTime`]: cumulative profit per day as a fan chart;
//! - [`ChartKind::ChannelRoi`]: median ROI per channel with its 5th–95th percentile;
//! - the life cycle over time, fan charts like cumulative profit, shown when
//!   their stage is on ([`ChartKind::shown`]): [`ChartKind::ActiveSubscribers`],
//!   [`ChartKind::Mrr`], [`ChartKind::ActiveRepeat`];
//! - the tornado ([`draw_tornado`], [`render_tornado_svg`]): which uncertain
//!   input moves a metric most, from a [`crate::decide::Sensitivity`] (not a
//!   [`ChartKind`]: it is drawn from its own data, [`Tornado`]);
//! - the price sweep ([`draw_sweep`], [`render_sweep_svg`]): profit and the
//!   chance of a loss against price with both marked prices, from a
//!   [`crate::pricing::job::SweepView`].
//!
//! Every chart adapts its layout (tick counts, label detail, row heights) to the
//! size of the drawing area, so it stays readable from a 343 px phone to a
//! desktop, and never panics: a summary with one trial, no visitors or no daily
//! data draws a sparse chart or a short message. [`describe`] gives the same
//! chart as one or two sentences for screen readers. Money is in the run's
//! currency, numbers are written as [`ChartStyle::numbers`] says.
//!
//! Sizes are in CSS pixels times [`ChartStyle::scale`] (the device pixel ratio).
//!
//! Layout of the module: `style` (palette, fonts, [`ChartStyle`]), `painter`
//! (the drawing area in CSS pixels, text that fits), `axis` (ticks, scales and
//! the frame both cartesian charts share), `rows` (the layout of the funnel and
//! channel ROI), `data` (what the charts show, from the summary), `describe`
//! (text alternatives), and one file per chart (`tornado` holds its data and
//! its text alternative too).

mod axis;
mod channel_roi;
mod data;
mod demand_curve;
mod describe;
mod funnel;
mod legend;
mod painter;
mod profit_histogram;
mod profit_over_time;
mod rows;
mod style;
mod sweep;
mod tornado;

pub use data::{
    active_channels, daily_band, funnel_stages, median_above_zero_from, profit_bands, FunnelStage,
    Quantiles,
};
pub use demand_curve::render_demand_curve_svg;
pub use describe::describe;
pub use style::{
    ChartStyle, ACCENT, BACKGROUND, BAND_DARK, BAND_LIGHT, FONT_FAMILY, GAIN, GRID, INK, LOSS,
    MUTED, SMALL_TEXT_SIZE, TEXT_SIZE,
};
pub use sweep::{describe_sweep, draw_sweep, render_sweep_svg, SAFE};
pub use tornado::{
    bar_at, draw_tornado, input_text, render_tornado_svg, tornado_height, Tornado, TornadoBar,
    TORNADO_HIGH, TORNADO_LOW,
};

use crate::metrics::DailySeries;
use crate::results::{RunResult, Stages};
use crate::stats::Summary;
use painter::Painter;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::prelude::{DrawingBackend, SVGBackend};
use std::fmt;
use style::SVG_TEXT_FACTOR;

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
    /// Active subscribers per day (fan chart), with a subscription.
    ActiveSubscribers,
    /// Monthly recurring revenue per day (fan chart), with a subscription.
    Mrr,
    /// Active repeat customers per day (fan chart), with repeat purchases.
    ActiveRepeat,
}

impl ChartKind {
    /// Every chart, in the order the app shows them.
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Funnel,
        ChartKind::ProfitHistogram,
        ChartKind::ProfitOverTime,
        ChartKind::ActiveSubscribers,
        ChartKind::Mrr,
        ChartKind::ActiveRepeat,
        ChartKind::ChannelRoi,
    ];

    /// The per-day series a fan chart shows (`None` for the other charts).
    pub fn series(self) -> Option<DailySeries> {
        match self {
            ChartKind::ProfitOverTime => Some(DailySeries::Profit),
            ChartKind::ActiveSubscribers => Some(DailySeries::ActiveSubscribers),
            ChartKind::Mrr => Some(DailySeries::Mrr),
            ChartKind::ActiveRepeat => Some(DailySeries::ActiveRepeat),
            _ => None,
        }
    }

    /// Whether a run with `stages` on has something to show in it: the life
    /// cycle's charts need their stage, the others are always shown.
    pub fn shown(self, stages: Stages) -> bool {
        match self {
            ChartKind::ActiveSubscribers | ChartKind::Mrr => stages.subscription,
            ChartKind::ActiveRepeat => stages.repeat,
            _ => true,
        }
    }

    /// A short identifier (kebab case), for file names and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::Funnel => "funnel",
            ChartKind::ProfitHistogram => "profit-histogram",
            ChartKind::ProfitOverTime => "profit-over-time",
            ChartKind::ChannelRoi => "channel-roi",
            ChartKind::ActiveSubscribers => "active-subscribers",
            ChartKind::Mrr => "mrr",
            ChartKind::ActiveRepeat => "active-repeat",
        }
    }

    /// A heading for the chart.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Funnel => "Funnel",
            ChartKind::ProfitHistogram => "Profit over all trials",
            ChartKind::ProfitOverTime => "Cumulative profit by day",
            ChartKind::ChannelRoi => "Return on cost by channel",
            ChartKind::ActiveSubscribers => "Active subscribers by day",
            ChartKind::Mrr => "MRR by day",
            ChartKind::ActiveRepeat => "Active repeat customers by day",
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

/// A height in CSS pixels that shows `kind` without empty space in a
/// container `width` CSS pixels wide: the funnel and channel ROI grow with
/// their stages or channels (bars at their thickest); the other charts take
/// 300 px on a phone (below 480 px wide) and 360 px otherwise.
pub fn suggested_height(kind: ChartKind, s: &Summary, width: u32) -> u32 {
    // Text lines of 1.5 × the text size, bars of at most 26 px (see `draw_rows`),
    // plus the axis labels and the note.
    let rows = |texts: usize, bars: usize| {
        let css = (texts + 2) as f64 * TEXT_SIZE * 1.5 + bars as f64 * 26.0 + 6.0;
        f64::ceil(css) as u32
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
        ChartKind::ProfitHistogram
        | ChartKind::ProfitOverTime
        | ChartKind::ActiveSubscribers
        | ChartKind::Mrr
        | ChartKind::ActiveRepeat => {
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
        ChartKind::Funnel => funnel::funnel(&p, s),
        ChartKind::ProfitHistogram => profit_histogram::profit_histogram(&p, s, currency),
        ChartKind::ChannelRoi => channel_roi::channel_roi(&p, s),
        fan => match fan.series() {
            Some(series) => profit_over_time::over_time(&p, s, series, currency),
            None => Ok(()),
        },
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
    svg_document(width, height, |root| {
        draw_with(kind, root, run, style, SVG_TEXT_FACTOR)
    })
}

/// An SVG document of `width` × `height` pixels drawn by `draw`.
fn svg_document(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    if width == 0 || height == 0 {
        return Err(ChartError::EmptyImage { width, height });
    }
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present()?;
    }
    Ok(out)
}
