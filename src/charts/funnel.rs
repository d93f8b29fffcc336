//! The funnel chart.

use super::data::funnel_stages;
use super::painter::{piece, Painter};
use super::rows::{draw_rows, BarRow, Row, RowAxis};
use super::style::{ACCENT, INK, MUTED};
use super::ChartError;
use crate::stats::Summary;
use plotters::prelude::DrawingBackend;

/// The funnel: one row per stage with its name and median count (5th–95th
/// percentile in brackets) above a bar of the median on a log scale with a
/// whisker from the 5th to the 95th percentile; between stages, the median
/// conversion with its 5th–95th percentile, e.g. "↓ 24.1% (15.7–34.2%) of leads".
pub(super) fn funnel<DB: DrawingBackend>(p: &Painter<DB>, s: &Summary) -> Result<(), ChartError> {
    let nf = &p.nf;
    let stages = funnel_stages(s, p.lang);
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
    let ticks = (0..=f64::floor(hi_raw) as i32)
        .map(|k| (f64::from(k), nf.compact(libm::pow(10.0, f64::from(k)))))
        .collect();
    let mut rows = Vec::new();
    for st in &stages {
        if let Some(from) = st.from {
            let of = p.t_with(
                "chart-conversion-of",
                &[("people", stages[from].people.as_str().into())],
            );
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
                        piece(p.t("chart-not-available"), MUTED, true),
                        piece(
                            p.t_with(
                                "chart-none-of",
                                &[("people", stages[from].people.as_str().into())],
                            ),
                            MUTED,
                            false,
                        ),
                    ],
                    vec![piece(p.t("chart-not-available"), MUTED, true)],
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
            also: None,
        }));
    }
    let axis = RowAxis {
        lo,
        hi,
        ticks,
        emphasis: None,
    };
    let note = [
        vec![piece(p.t("funnel-note-long"), MUTED, false)],
        vec![piece(p.t("funnel-note-medium"), MUTED, false)],
        vec![piece(p.t("funnel-note-short"), MUTED, false)],
    ];
    draw_rows(p, &rows, &axis, &note).map(|_| ())
}
