//! The demand curve two price tests imply ([`crate::price_response`]): the
//! share that buys against price, `c₁ · 2^(−(p − p₁)/s)`, through both tests
//! (drawn as dots); with a 90% range of the step, the band between the curves
//! of its two ends.

use super::axis::{y_ticks, Plot};
use super::painter::Painter;
use super::style::{ChartStyle, ACCENT, BACKGROUND, BAND_LIGHT, INK, SVG_TEXT_FACTOR};
use super::ChartError;
use crate::price_response::PriceTest;
use plotters::prelude::SVGBackend;

/// Points along each curve.
const SAMPLES: usize = 48;

/// The curve through `tests` with halving step `step` (and, when given, the
/// band between the curves of `range`'s two ends) as an SVG document of
/// `width` × `height` pixels; money in `currency`.
pub fn render_demand_curve_svg(
    tests: [PriceTest; 2],
    step: f64,
    range: Option<(f64, f64)>,
    currency: &str,
    style: &ChartStyle,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    super::svg_document(width, height, |area| {
        area.fill(&BACKGROUND)?;
        let p: Painter<SVGBackend<'_>> = Painter::new(area, style, SVG_TEXT_FACTOR);
        if p.too_small() || !(step > 0.0) {
            return Ok(());
        }
        let nf = &p.nf;
        let [a, b] = tests;
        let top_price = a.price.max(b.price) * 1.5;
        let top_price = if top_price > 0.0 { top_price } else { 1.0 };
        let share = |s: f64, price: f64| a.rate() * libm::exp2(-(price - a.price) / s);
        let prices: Vec<f64> = (0..=SAMPLES)
            .map(|i| top_price * i as f64 / SAMPLES as f64)
            .collect();
        let curve = |s: f64| -> Vec<(f64, f64)> {
            prices.iter().map(|&x| (x, share(s, x).min(1.0))).collect()
        };
        let mut hi = curve(step).iter().map(|q| q.1).fold(0.0, f64::max);
        if let Some((s0, s1)) = range {
            hi = hi.max(share(s0, 0.0).min(1.0)).max(share(s1, 0.0).min(1.0));
        }
        let hi = (hi * 1.05).max(1e-6);
        let (y0, y1) = (p.px(6.0), p.h - p.x_axis_height());
        let ticks = y_ticks((0.0, hi), 4, 0.0, |v| nf.percent(v));
        let (x0, x1) = (p.plot_left(&ticks), p.w - p.px(10.0));
        if x1 - x0 < p.px(40.0) || y1 - y0 < p.px(24.0) {
            return p.message("chart-too-small");
        }
        let plot = Plot::new((x0, x1), (y0, y1), (0.0, top_price), (0.0, hi));
        plot.draw_y_axis(&p, &ticks, |_| true)?;
        let at = |(x, y): (f64, f64)| (plot.xs.map(x), plot.ys.map(y.min(hi)));
        if let Some((s0, s1)) = range {
            let upper = curve(s0.max(s1));
            let lower = curve(s0.min(s1));
            let band: Vec<(f64, f64)> = upper
                .iter()
                .copied()
                .chain(lower.iter().rev().copied())
                .map(at)
                .collect();
            p.polygon(&band, &BAND_LIGHT)?;
        }
        let line: Vec<(f64, f64)> = curve(step).into_iter().map(at).collect();
        p.line(&line, &ACCENT, 2.0)?;
        for t in [a, b] {
            let (x, y) = at((t.price, t.rate()));
            let r = p.px(3.5);
            p.rect((x - r, y - r), (x + r, y + r), &INK)?;
        }
        plot.draw_x_axis(
            &p,
            (0.0, top_price),
            0.0,
            |v, _| nf.compact(v),
            (
                &super::axis::with_unit(&p, "sweep-axis-price", currency),
                &p.t("step-axis-share"),
            ),
        )
    })
}
