//! The distribution of profit over trials.

use super::axis::{widen, with_unit, y_ticks, Plot, Scale};
use super::data::Quantiles;
use super::painter::{piece, round, Painter};
use super::style::{GAIN, INK, LOSS, MUTED, SMALL_TEXT_SIZE, TEXT_SIZE};
use super::ChartError;
use crate::metrics::Metric;
use crate::stats::Summary;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

/// Places labels in rows above a chart: each candidate is (left, right) in
/// pixels; returns (row, candidate) per label, `None` when it fits nowhere.
/// Lines from labels in upper rows are obstacles for the rows below.
pub(super) fn place_labels(
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
pub(super) fn profit_histogram<DB: DrawingBackend>(
    p: &Painter<DB>,
    s: &Summary,
    currency: &str,
) -> Result<(), ChartError> {
    let nf = &p.nf;
    let Some(m) = s.metric(Metric::Profit) else {
        return p.message("chart-no-profit");
    };
    let Some(hist) = m.histogram.as_ref().filter(|h| {
        !h.counts.is_empty() && h.min.is_finite() && h.max.is_finite() && h.max >= h.min
    }) else {
        return p.message("chart-no-profit");
    };
    let lh = p.line_height(TEXT_SIZE);
    let slh = p.line_height(SMALL_TEXT_SIZE);
    let (x_lo, x_hi) = widen(hist.min, hist.max);
    let single = !(hist.max > hist.min);
    let n = hist.counts.len();
    let max_count = hist.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let y_hi = max_count * 1.08;

    // Vertical budget: loss line, up to 3 label rows, plot, ticks and caption.
    let bottom = p.x_axis_height();
    let est_plot_h = p.h - lh - 2.0 * slh - bottom;
    let max_y_ticks = (est_plot_h / p.px(32.0)).clamp(2.0, 6.0) as usize;
    let y_ticks = y_ticks((0.0, y_hi), max_y_ticks, 1.0, |v| nf.count(v));
    let x0 = p.plot_left(&y_ticks);
    let sample_w = p.text_width(&nf.compact(-88_800.0), SMALL_TEXT_SIZE, false);
    let x1 = p.w - (sample_w / 2.0).max(p.px(10.0));
    if x1 - x0 < p.px(40.0) {
        return p.message("chart-too-small");
    }
    let xs = Scale::new((x_lo, x_hi), x0, x1);

    // Percentile labels.
    let gap = p.px(6.0);
    let mut marks: Vec<(String, f64, f64)> = Vec::new(); // text, value, line width
    if let Some(q) = Quantiles::of(&m.stats) {
        let median = (
            p.t_with("chart-median-mark", &[("value", nf.compact(q.p50).into())]),
            q.p50,
            2.0,
        );
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
        return p.message("chart-too-small");
    }
    let plot = Plot::new((x0, x1), (y0, y1), (x_lo, x_hi), (0.0, y_hi));
    let ys = plot.ys;
    // The baseline, drawn after the bars, stands for the grid line at 0.
    plot.draw_y_axis(p, &y_ticks, |v| v > 0.0)?;

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

    plot.draw_x_axis(
        p,
        (x_lo, x_hi),
        0.0,
        |v, _| nf.compact(v),
        (
            &with_unit(p, "chart-axis-profit", currency),
            &p.t("chart-axis-trials"),
        ),
    )?;

    let loss = if s.prob_loss > 0.0 {
        piece(
            p.t_with(
                "chart-loss-in",
                &[("share", nf.percent(s.prob_loss).into())],
            ),
            LOSS,
            true,
        )
    } else {
        piece(p.t("chart-no-loss"), INK, true)
    };
    let trials = piece(
        p.t_with("chart-trials", &[("n", s.trials.into())]),
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
