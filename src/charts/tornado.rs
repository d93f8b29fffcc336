//! The tornado chart: which uncertain input moves a metric most
//! ([`crate::decide::Sensitivity`]), one bar per input around the overall
//! median, the largest swing on top.
//!
//! Each input is a line of text (its plain name, its 10th and 90th
//! percentiles) over a bar: from the overall median to the metric's median
//! among the trials with the input's lowest 10% of draws (light), and to the
//! median among those with its highest 10% (dark). [`draw_tornado`] returns
//! where each input was drawn, so that a click can be mapped to its field.

use super::axis::Scale;
use super::painter::{piece, Painter};
use super::rows::{draw_rows, row_x_range, BarRow, Row, RowAxis};
use super::style::{ChartStyle, ACCENT, BACKGROUND, BAND_DARK, INK, MUTED, SVG_TEXT_FACTOR};
use super::{ChartError, TEXT_SIZE};
use crate::decide::{InputEffect, Sensitivity};
use crate::format::NumberFormat;
use crate::i18n::Lang;
use crate::inputs::{Domain, Field};
use crate::metrics::{Metric, Unit};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;

/// Colour of the bar towards the low tail's median.
pub const TORNADO_LOW: plotters::style::RGBColor = BAND_DARK;
/// Colour of the bar towards the high tail's median.
pub const TORNADO_HIGH: plotters::style::RGBColor = ACCENT;

/// One input of a tornado, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// The input's path (`nurture.conversion_per_touch`), to go to its field.
    pub path: String,
    /// Its plain name ("Nurture: Conversion per touch").
    pub label: String,
    /// Its 10th percentile, written for people ("0.6%", "0.44 USD").
    pub low_input: String,
    /// Its 90th percentile, written for people.
    pub high_input: String,
    /// The metric's median when the input is in its lowest 10%.
    pub low: Option<f64>,
    /// The metric's median when the input is in its highest 10%.
    pub high: Option<f64>,
}

/// What the tornado chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    /// The metric on the axis.
    pub metric: Metric,
    /// Its median over every trial (the bars' base).
    pub median: Option<f64>,
    /// The run's currency (money axes and amounts).
    pub currency: String,
    /// The inputs, the largest swing first.
    pub bars: Vec<TornadoBar>,
}

/// An input's value written for people by its field's domain: a rate as a
/// percentage, an amount in `currency`, anything else in at most 3 significant
/// digits (the path unknown: the last).
pub fn input_text(path: &str, x: f64, currency: &str, nf: &NumberFormat) -> String {
    match Field::parse(path).map(|f| f.spec().domain) {
        Some(Domain::Rate) => nf.percent(x),
        Some(Domain::Amount) => nf.money(x, currency),
        _ => nf.compact(x),
    }
}

impl Tornado {
    /// The `most` inputs of `s` with the largest swings (those with a swing),
    /// each named by `label` (the caller's plain name for it, e.g. from
    /// [`Field::plain_label`] on the scenario that was run).
    pub fn new(
        s: &Sensitivity,
        currency: &str,
        nf: &NumberFormat,
        most: usize,
        label: impl Fn(&InputEffect) -> String,
    ) -> Tornado {
        let bars = s
            .inputs
            .iter()
            .filter(|e| e.swing.is_some())
            .take(most)
            .map(|e| TornadoBar {
                path: e.path.clone(),
                label: label(e),
                low_input: input_text(&e.path, e.low.input, currency, nf),
                high_input: input_text(&e.path, e.high.input, currency, nf),
                low: e.low.metric,
                high: e.high.metric,
            })
            .collect();
        Tornado {
            metric: s.metric,
            median: s.median,
            currency: currency.to_string(),
            bars,
        }
    }

    fn value_text(&self, x: f64, nf: &NumberFormat) -> String {
        nf.value(self.metric.unit(), x, &self.currency)
    }

    /// The chart in plain sentences (its text alternative), in `lang`: the
    /// overall median, then each input's two medians, the largest swing first.
    pub fn describe(&self, lang: Lang) -> String {
        let nf = &lang.numbers();
        let name = metric_name(lang, self.metric);
        let Some(m) = self.median else {
            return lang.t_with("tornado-describe-undefined", &[("metric", name.into())]);
        };
        let metric = name.to_lowercase();
        let median = self.value_text(m, nf);
        if self.bars.is_empty() {
            return lang.t_with(
                "tornado-describe-none",
                &[("metric", metric.into()), ("median", median.into())],
            );
        }
        let parts: Vec<String> = self
            .bars
            .iter()
            .filter_map(|b| {
                Some(lang.t_with(
                    "tornado-describe-part",
                    &[
                        ("input", b.label.as_str().into()),
                        ("low", self.value_text(b.low?, nf).into()),
                        ("lowInput", b.low_input.as_str().into()),
                        ("high", self.value_text(b.high?, nf).into()),
                        ("highInput", b.high_input.as_str().into()),
                    ],
                ))
            })
            .collect();
        lang.t_with(
            "tornado-describe",
            &[
                ("metric", metric.into()),
                ("median", median.into()),
                ("parts", parts.join("; ").into()),
            ],
        )
    }
}

/// The plain name of `metric` in `lang` ("Profit", "Прибыль").
fn metric_name(lang: Lang, metric: Metric) -> String {
    lang.t(&format!("metric-{}", metric.name()))
}

/// A height in CSS pixels that shows `bars` inputs without empty space (each a
/// line of text and a bar at its thickest, plus the axis and the note).
pub fn tornado_height(bars: usize) -> u32 {
    let n = bars.max(1);
    let css = (n + 2) as f64 * TEXT_SIZE * 1.5 + n as f64 * 26.0 + 6.0;
    (f64::ceil(css) as u32).max(120)
}

/// Draws the tornado on `area` after filling it with [`BACKGROUND`]. Returns,
/// for each bar of `t` in order, the CSS-pixel band from the top of its text to
/// the bottom of its bar (empty when nothing could be drawn): a click at `y` is
/// on the bar whose band holds it ([`bar_at`]).
pub fn draw_tornado<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &Tornado,
    style: &ChartStyle,
) -> Result<Vec<(f64, f64)>, ChartError> {
    draw_tornado_with(area, t, style, 1.0)
}

/// The bar whose band (from [`draw_tornado`]) holds the CSS-pixel height `y`.
pub fn bar_at(bands: &[(f64, f64)], y: f64) -> Option<usize> {
    bands
        .iter()
        .position(|&(top, bottom)| top <= y && y < bottom)
}

/// Renders the tornado as an SVG document of `width` × `height` pixels.
pub fn render_tornado_svg(
    t: &Tornado,
    style: &ChartStyle,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    super::svg_document(width, height, |root| {
        draw_tornado_with(root, t, style, SVG_TEXT_FACTOR).map(|_| ())
    })
}

fn draw_tornado_with<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &Tornado,
    style: &ChartStyle,
    text_factor: f64,
) -> Result<Vec<(f64, f64)>, ChartError> {
    area.fill(&BACKGROUND)?;
    let p = Painter::new(area, style, text_factor);
    if p.too_small() {
        return Ok(Vec::new());
    }
    let name = metric_name(p.lang, t.metric);
    let Some(median) = t.median else {
        let text = p.t_with("tornado-undefined", &[("metric", name.as_str().into())]);
        p.message_text(&text)?;
        return Ok(Vec::new());
    };
    if t.bars.is_empty() {
        p.message("tornado-no-input")?;
        return Ok(Vec::new());
    }
    let nf = &p.nf;
    let ends = t.bars.iter().flat_map(|b| [b.low, b.high]).flatten();
    let (lo, hi) = ends.fold((median, median), |(a, z), v| (a.min(v), z.max(v)));
    let (lo, hi) = if hi > lo {
        let pad = (hi - lo) * 0.03;
        (lo - pad, hi + pad)
    } else {
        let d = (median.abs() * 0.1).max(1.0);
        (median - d, median + d)
    };
    let (x0, x1) = row_x_range(&p);
    let xs = Scale::new((lo, hi), x0, x1);
    let unit = t.metric.unit();
    let ticks = p.fit_x_ticks(&xs, (lo, hi), 0.0, |v, step| match unit {
        Unit::Fraction => nf.percent_tick(v, step),
        Unit::Money | Unit::Count | Unit::Day => nf.compact(v),
    });

    let mut rows = Vec::with_capacity(2 * t.bars.len());
    for b in &t.bars {
        let label = piece(b.label.clone(), INK, true);
        let both = p.t_with(
            "tornado-tails",
            &[
                ("low", b.low_input.as_str().into()),
                ("high", b.high_input.as_str().into()),
            ],
        );
        let short = format!("{} → {}", b.low_input, b.high_input);
        rows.push(Row::Text {
            indent: 0.0,
            alternatives: vec![
                vec![label.clone(), piece(both, MUTED, false)],
                vec![label.clone(), piece(short, MUTED, false)],
                vec![label],
            ],
        });
        rows.push(Row::Bar(BarRow {
            from: median,
            to: b.low,
            whisker: None,
            color: TORNADO_LOW,
            also: b.high.map(|h| (h, TORNADO_HIGH)),
        }));
    }
    // The median is marked across each bar only (not through the text lines).
    let axis = RowAxis {
        lo,
        hi,
        ticks,
        emphasis: None,
    };
    let metric = name.to_lowercase();
    let note = [
        vec![piece(
            p.t_with(
                "tornado-note-long",
                &[
                    ("metric", metric.as_str().into()),
                    ("median", t.value_text(median, nf).into()),
                ],
            ),
            MUTED,
            false,
        )],
        vec![piece(
            p.t_with("tornado-note-short", &[("metric", metric.as_str().into())]),
            MUTED,
            false,
        )],
        vec![piece(p.t("tornado-note-tiny"), MUTED, false)],
    ];
    let drawn = draw_rows(&p, &rows, &axis, &note)?;
    let x = xs.map(median);
    for (r, &(top, bottom)) in rows.iter().zip(&drawn) {
        if matches!(r, Row::Bar(_)) {
            p.line(&[(x, top), (x, bottom)], &INK, 1.5)?;
        }
    }
    Ok(drawn
        .chunks(2)
        .map(|pair| (pair[0].0 / p.u, pair[pair.len() - 1].1 / p.u))
        .collect())
}
