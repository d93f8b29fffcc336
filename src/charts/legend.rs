//! A chart's legend along its top: swatches (a band's colour or a line) with
//! their text, flowing onto more lines when narrow.

use super::painter::Painter;
use super::style::{INK, SMALL_TEXT_SIZE};
use super::ChartError;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

/// One entry: its text, its colour, and whether it is a line (else a band).
pub(super) type Entry = (String, RGBColor, bool);

/// The entries laid out in the drawing area's width.
pub(super) struct Legend {
    entries: Vec<Entry>,
    /// Each entry's left edge and line.
    at: Vec<(f64, usize)>,
    /// Device pixels from the top to below the legend (where a plot may start).
    pub(super) height: f64,
}

impl Legend {
    /// Lays `entries` out in `p`'s width.
    pub(super) fn new<DB: DrawingBackend>(p: &Painter<DB>, entries: Vec<Entry>) -> Legend {
        let swatch = p.px(14.0);
        let mut at = Vec::new();
        let (mut x, mut row) = (p.px(2.0), 0usize);
        for (text, _, _) in &entries {
            let wi = swatch + p.px(4.0) + p.text_width(text, SMALL_TEXT_SIZE, false);
            if x > p.px(2.0) && x + wi > p.w {
                x = p.px(2.0);
                row += 1;
            }
            at.push((x, row));
            x += wi + p.px(14.0);
        }
        let height = (row + 1) as f64 * p.line_height(SMALL_TEXT_SIZE) + p.px(6.0);
        Legend {
            entries,
            at,
            height,
        }
    }

    /// Draws the legend.
    pub(super) fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> Result<(), ChartError> {
        let (swatch, slh) = (p.px(14.0), p.line_height(SMALL_TEXT_SIZE));
        for ((text, color, is_line), &(x, row)) in self.entries.iter().zip(&self.at) {
            let cy = row as f64 * slh + slh / 2.0 + p.px(2.0);
            if *is_line {
                p.line(&[(x, cy), (x + swatch, cy)], color, 2.0)?;
            } else {
                p.rect((x, cy - p.px(5.0)), (x + swatch, cy + p.px(5.0)), color)?;
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
}
