//! Charts made of rows (the funnel and channel ROI): lines of text and bars
//! with whiskers on one horizontal axis, laid out to fit the height.

use super::axis::Scale;
use super::painter::{Painter, Piece};
use super::style::{GRID, INK, SMALL_TEXT_SIZE, TEXT_SIZE};
use super::ChartError;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

/// A bar with a whisker, in axis units.
pub(super) struct BarRow {
    /// Where the bar starts.
    pub(super) from: f64,
    /// Where it ends (no bar when `None`).
    pub(super) to: Option<f64>,
    /// From the low to the high end of the whisker (none when `None`).
    pub(super) whisker: Option<(f64, f64)>,
    /// Colour of the bar.
    pub(super) color: RGBColor,
    /// A second bar from `from` to this value in its own colour (the tornado's
    /// other end), drawn after the first.
    pub(super) also: Option<(f64, RGBColor)>,
}

/// A row of a chart of rows.
pub(super) enum Row {
    /// A line of text: alternatives from the most to the least detailed.
    Text {
        /// Indent from the axis' left end, in CSS pixels.
        indent: f64,
        /// The line's pieces, from the most to the least detailed.
        alternatives: Vec<Vec<Piece>>,
    },
    /// A bar with a whisker.
    Bar(BarRow),
}

/// The horizontal axis of a chart of rows.
pub(super) struct RowAxis {
    /// Left end of the domain.
    pub(super) lo: f64,
    /// Right end of the domain.
    pub(super) hi: f64,
    /// Ticks: (value, label).
    pub(super) ticks: Vec<(f64, String)>,
    /// A value whose grid line is drawn in ink (zero).
    pub(super) emphasis: Option<f64>,
}

/// Left and right ends of the bars' axis in a chart of rows.
pub(super) fn row_x_range<DB: DrawingBackend>(p: &Painter<DB>) -> (f64, f64) {
    (p.px(6.0), p.w - p.px(10.0))
}

/// Draws text rows and bar rows top to bottom, the axis tick labels below the
/// last bar and a note under them; bars share the height left by the text.
/// Returns where each row was drawn: its top and bottom, in device pixels
/// (nothing when the area is too narrow for bars).
pub(super) fn draw_rows<DB: DrawingBackend>(
    p: &Painter<DB>,
    rows: &[Row],
    axis: &RowAxis,
    note: &[Vec<Piece>],
) -> Result<Vec<(f64, f64)>, ChartError> {
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
        return Ok(Vec::new());
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
                let ends = b.to.map(|to| (to, b.color)).into_iter().chain(b.also);
                for (to, color) in ends {
                    let (a, z) = (xs.map(b.from), xs.map(to));
                    p.rect((a.min(z), ya), (a.max(z), yb), &color)?;
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
    Ok(rows
        .iter()
        .zip(tops)
        .map(|(r, t)| match r {
            Row::Text { .. } => (t, t + th),
            Row::Bar(_) => (t, t + bh),
        })
        .collect())
}
