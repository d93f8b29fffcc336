//! A per-day band as a fan chart: cumulative profit, and the life cycle
//! (active subscribers, MRR, active repeat customers).

use super::axis::{with_unit, Plot};
use super::data::daily_band;
use super::legend::Legend;
use super::painter::Painter;
use super::style::{ACCENT, BAND_DARK, BAND_LIGHT, INK};
use super::ChartError;
use crate::metrics::{DailySeries, Unit};
use crate::stats::Summary;
use plotters::prelude::DrawingBackend;

/// `series` by day as a fan chart: the 5th–95th percentile as a light band,
/// the 25th–75th as a darker band, the median as a line, and a zero line when
/// zero is in view. Money is in `currency`; the y axis is captioned with the
/// series' label (`series-<name>` in the catalogue).
pub(super) fn over_time<DB: DrawingBackend>(
    p: &Painter<DB>,
    s: &Summary,
    series: DailySeries,
    currency: &str,
) -> Result<(), ChartError> {
    let nf = &p.nf;
    let Some((days, band)) = daily_band(s, series) else {
        return p.message(if series == DailySeries::Profit {
            "chart-no-daily-profit"
        } else {
            "chart-no-daily-series"
        });
    };
    let legend = Legend::new(
        p,
        vec![
            (p.t("chart-band-90"), BAND_LIGHT, false),
            (p.t("chart-band-50"), BAND_DARK, false),
            (p.t("chart-band-median"), ACCENT, true),
        ],
    );
    let y0 = legend.height;

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
    let Some(((v_lo, v_hi), y1, y_ticks)) = p.value_axis((v_lo, v_hi), y0) else {
        return p.message("chart-too-small");
    };
    let x0 = p.plot_left(&y_ticks);
    let x1 = p.w - p.px(12.0);
    if x1 - x0 < p.px(40.0) {
        return p.message("chart-too-small");
    }
    let plot = Plot::new((x0, x1), (y0, y1), (d_lo, d_hi), (v_lo, v_hi));
    let (xs, ys) = (plot.xs, plot.ys);
    plot.draw_y_axis(p, &y_ticks, |_| true)?;

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

    plot.draw_x_axis(
        p,
        (d_lo, d_hi),
        1.0,
        |v, _| nf.count(v),
        (
            &p.t("chart-axis-day"),
            &match (series, series.unit()) {
                (DailySeries::Profit, _) => with_unit(p, "chart-axis-cumulative-profit", currency),
                (_, Unit::Money) => with_unit(p, &format!("series-{}", series.name()), currency),
                _ => p.t(&format!("series-{}", series.name())),
            },
        ),
    )?;

    legend.draw(p)
}
