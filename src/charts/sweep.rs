//! The price sweep chart ([`crate::pricing::job::SweepView`]): profit against
//! price as a fan (5th–95th and 25th–75th percentiles, the median as a line;
//! at the prices not run in full yet, from the preview's first trials), the
//! chance of a loss as a red line on its own axis (0–100%, right), and the
//! two marked prices, each a vertical line with its within-noise range as a
//! bar along the top: the highest expected profit (green) and the safe price,
//! the highest 5th percentile (violet).

use super::axis::{with_unit, Plot};
use super::legend::Legend;
use super::painter::Painter;
use super::style::{ChartStyle, ACCENT, BACKGROUND, BAND_DARK, BAND_LIGHT, GAIN, INK, LOSS};
use super::style::{SMALL_TEXT_SIZE, SVG_TEXT_FACTOR};
use super::ChartError;
use crate::i18n::Lang;
use crate::pricing::job::{Mark, SweepView};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

/// Colour of the safe price's mark (#7c3aed).
pub const SAFE: RGBColor = RGBColor(0x7c, 0x3a, 0xed);

/// Draws the sweep on `area` after filling it with [`BACKGROUND`]; money in `currency`.
pub fn draw_sweep<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &SweepView,
    currency: &str,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    draw_sweep_with(area, view, currency, style, 1.0)
}

/// Renders the sweep as an SVG document of `width` × `height` pixels.
pub fn render_sweep_svg(
    view: &SweepView,
    currency: &str,
    style: &ChartStyle,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    super::svg_document(width, height, |root| {
        draw_sweep_with(root, view, currency, style, SVG_TEXT_FACTOR)
    })
}

/// The sweep in one or two sentences (its text alternative), in `lang`.
pub fn describe_sweep(view: &SweepView, currency: &str, lang: Lang) -> String {
    let nf = lang.numbers();
    let money = |x: f64| nf.money(x, currency);
    let mark = |id: &str, m: Option<Mark>| {
        m.map(|m| {
            lang.t_with(
                id,
                &[
                    ("price", money(m.price).into()),
                    ("value", money(m.value).into()),
                    ("low", money(m.near[0]).into()),
                    ("high", money(m.near[1]).into()),
                ],
            )
        })
    };
    let parts: Vec<String> = [
        mark("sweep-describe-best", view.best_mean),
        mark("sweep-describe-safe", view.best_p5),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        return if view.preview.is_empty() {
            lang.t("sweep-describe-none")
        } else {
            lang.t_with(
                "sweep-describe-preview",
                &[("trials", view.preview_trials.into())],
            )
        };
    }
    parts.join(" ")
}

fn draw_sweep_with<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &SweepView,
    currency: &str,
    style: &ChartStyle,
    text_factor: f64,
) -> Result<(), ChartError> {
    area.fill(&BACKGROUND)?;
    let p = Painter::new(area, style, text_factor);
    if p.too_small() {
        return Ok(());
    }
    let nf = &p.nf;
    // Points with every quantile of profit: those run in full and, at the
    // prices not run yet, the preview's.
    let pts: Vec<(f64, [f64; 5], f64)> = view
        .curve()
        .into_iter()
        .filter_map(|(pt, _)| {
            let s = &pt.profit;
            Some((
                pt.price,
                [s.p5?, s.p25?, s.p50?, s.p75?, s.p95?],
                pt.prob_loss,
            ))
        })
        .collect();
    if pts.is_empty() {
        return p.message("chart-no-profit");
    }
    let legend = Legend::new(
        &p,
        vec![
            (p.t("chart-band-90"), BAND_LIGHT, false),
            (p.t("chart-band-50"), BAND_DARK, false),
            (p.t("sweep-legend-median"), ACCENT, true),
            (p.t("sweep-legend-loss"), LOSS, true),
            (p.t("sweep-legend-best"), GAIN, true),
            (p.t("sweep-legend-safe"), SAFE, true),
        ],
    );
    // Room for the two marks' range bars above the plot.
    let bar = p.px(4.0);
    let y0 = legend.height + 3.0 * bar;

    let (x_lo, x_hi) = (pts[0].0, pts[pts.len() - 1].0);
    let (x_lo, x_hi) = if x_hi > x_lo {
        (x_lo, x_hi)
    } else {
        (x_lo, x_lo + 1.0)
    };
    let v_lo = pts.iter().map(|q| q.1[0]).fold(0.0, f64::min);
    let v_hi = pts.iter().map(|q| q.1[4]).fold(0.0, f64::max);
    let Some(((v_lo, v_hi), y1, ticks)) = p.value_axis((v_lo, v_hi), y0) else {
        return p.message("chart-too-small");
    };
    let x0 = p.plot_left(&ticks);
    let right = p.text_width(&nf.percent(1.0), SMALL_TEXT_SIZE, false) + p.px(8.0);
    let x1 = p.w - right;
    if x1 - x0 < p.px(40.0) {
        return p.message("chart-too-small");
    }
    let plot = Plot::new((x0, x1), (y0, y1), (x_lo, x_hi), (v_lo, v_hi));
    let (xs, ys) = (&plot.xs, &plot.ys);
    plot.draw_y_axis(&p, &ticks, |_| true)?;

    let fan = |lo: usize, hi: usize| -> Vec<(f64, f64)> {
        let upper = pts.iter().map(|q| (xs.map(q.0), ys.map(q.1[hi])));
        let lower = pts.iter().rev().map(|q| (xs.map(q.0), ys.map(q.1[lo])));
        upper.chain(lower).collect()
    };
    p.polygon(&fan(0, 4), &BAND_LIGHT)?;
    p.polygon(&fan(1, 3), &BAND_DARK)?;
    if ys.contains(0.0) {
        let z = ys.map(0.0);
        p.line(&[(x0, z), (x1, z)], &INK, 1.0)?;
    }
    let median: Vec<(f64, f64)> = pts.iter().map(|q| (xs.map(q.0), ys.map(q.1[2]))).collect();
    p.line(&median, &ACCENT, 2.0)?;

    // The chance of a loss, 0–100% on the right.
    let chance_y = |c: f64| y1 - (y1 - y0) * c.clamp(0.0, 1.0);
    let loss: Vec<(f64, f64)> = pts.iter().map(|q| (xs.map(q.0), chance_y(q.2))).collect();
    p.line(&loss, &LOSS, 1.5)?;
    for c in [0.0, 0.5, 1.0] {
        p.text(
            &nf.percent(c),
            (x1 + p.px(4.0), chance_y(c)),
            SMALL_TEXT_SIZE,
            false,
            &LOSS,
            HPos::Left,
            VPos::Center,
        )?;
    }

    // The marks: a vertical line at the price, its within-noise range as a bar above the plot.
    for (k, (mark, color)) in [(view.best_mean, GAIN), (view.best_p5, SAFE)]
        .into_iter()
        .enumerate()
    {
        let Some(m) = mark else { continue };
        let x = xs.map(m.price);
        p.line(&[(x, y0), (x, y1)], &color, 2.0)?;
        let top = y0 - (2.0 - k as f64) * 1.5 * bar;
        let (a, b) = (
            xs.map(m.near[0]),
            xs.map(m.near[1]).max(xs.map(m.near[0]) + p.px(2.0)),
        );
        p.rect((a, top - bar / 2.0), (b, top + bar / 2.0), &color)?;
    }

    plot.draw_x_axis(
        &p,
        (x_lo, x_hi),
        0.0,
        |v, _| nf.compact(v),
        (
            &with_unit(&p, "sweep-axis-price", currency),
            &with_unit(&p, "chart-axis-profit", currency),
        ),
    )?;

    legend.draw(&p)
}
