//! Return on cost by channel.

use super::axis::Scale;
use super::data::{active_channels, Quantiles};
use super::painter::{piece, Painter};
use super::rows::{draw_rows, row_x_range, BarRow, Row, RowAxis};
use super::style::{GAIN, INK, LOSS, MUTED};
use super::ChartError;
use crate::stats::Summary;
use plotters::prelude::DrawingBackend;

/// Return on cost per channel: a bar of the median ROI from zero with a
/// whisker from the 5th to the 95th percentile; channels that lose money in
/// most trials (`prob_negative_roi` > 0.5) in [`LOSS`], the others in [`GAIN`].
pub(super) fn channel_roi<DB: DrawingBackend>(
    p: &Painter<DB>,
    s: &Summary,
) -> Result<(), ChartError> {
    let nf = &p.nf;
    let channels = active_channels(s);
    if channels.is_empty() {
        return p.message("chart-no-channels");
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
        let name = piece(crate::i18n::channel_name(p.lang, &c.name), INK, true);
        let alternatives = match q {
            Some(q) => {
                let median = piece(nf.percent(q.p50), if losing { LOSS } else { INK }, losing);
                let range = piece(format!("({})", nf.percent_range(q.p5, q.p95)), MUTED, false);
                let loss = piece(
                    p.t_with(
                        "roi-loses-in",
                        &[("share", nf.percent(c.prob_negative_roi).into())],
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
            None => vec![vec![name, piece(p.t("roi-no-cost"), MUTED, false)]],
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
            also: None,
        }));
    }
    let axis = RowAxis {
        lo,
        hi,
        ticks,
        emphasis: Some(0.0),
    };
    let note = [
        vec![piece(p.t("roi-note-long"), MUTED, false)],
        vec![piece(p.t("roi-note-short"), MUTED, false)],
    ];
    draw_rows(p, &rows, &axis, &note).map(|_| ())
}
