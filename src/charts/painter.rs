//! The painter: a plotters drawing area with sizes in CSS pixels times the
//! pixel ratio, text measured (or estimated where the backend cannot measure),
//! lines of coloured pieces that shorten to fit, and the few shapes the charts use.

use super::style::{ChartStyle, FONT_FAMILY, INK, MUTED, TEXT_SIZE};
use super::ChartError;
use crate::format::NumberFormat;
use crate::i18n::Lang;
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{PathElement, Polygon, Rectangle};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, TextStyle};

/// A piece of text with its colour and weight, drawn one after another on a line.
#[derive(Clone, Debug)]
pub(super) struct Piece {
    text: String,
    color: RGBColor,
    bold: bool,
}

pub(super) fn piece(text: impl Into<String>, color: RGBColor, bold: bool) -> Piece {
    Piece {
        text: text.into(),
        color,
        bold,
    }
}

pub(super) struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// Device pixels per CSS pixel.
    pub(super) u: f64,
    /// Factor from CSS text size to the size given to plotters.
    text_factor: f64,
    /// Width of the area, in device pixels.
    pub(super) w: f64,
    /// Height of the area, in device pixels.
    pub(super) h: f64,
    /// Whether the backend measures text with plotters' naive metrics (every
    /// character equally wide, natively); then [`approx_text_width`] is used.
    naive_metrics: bool,
    /// How numbers are written.
    pub(super) nf: NumberFormat,
    /// The language of the words.
    pub(super) lang: Lang,
}

/// Width of a text in em: Helvetica/Arial advance widths (the usual
/// "sans-serif"), bold 6% wider, plus 4% so that wider fonts (DejaVu Sans)
/// rarely overlap. Used where the backend cannot measure text (SVG natively).
pub(super) fn approx_text_width(text: &str, bold: bool) -> f64 {
    const LOWER: [u16; 26] = [
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
        500, 278, 556, 500, 722, 500, 500, 500,
    ];
    const UPPER: [u16; 26] = [
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
        667, 611, 722, 667, 944, 667, 667, 611,
    ];
    let thousandths: u32 = text
        .chars()
        .map(|c| -> u32 {
            match c {
                'a'..='z' => LOWER[c as usize - 'a' as usize].into(),
                'A'..='Z' => UPPER[c as usize - 'A' as usize].into(),
                '0'..='9' | '$' | '€' | '£' | '–' => 556,
                ' ' | '.' | ',' | ':' | ';' | '!' | '/' | '\'' | '·' => 278,
                '(' | ')' | '[' | ']' | '-' => 333,
                '%' => 889,
                '−' | '+' | '=' | '×' | '<' | '>' => 584,
                '↓' => 600,
                '—' | '…' => 1000,
                _ => 600,
            }
        })
        .sum();
    let em = f64::from(thousandths) / 1000.0 * 1.04;
    if bold {
        em * 1.06
    } else {
        em
    }
}

pub(super) fn round(v: f64) -> i32 {
    // `as` saturates (and maps NaN to 0): never panics.
    v.round() as i32
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    pub(super) fn new(
        area: &'a DrawingArea<DB, Shift>,
        style: &ChartStyle,
        backend_text_factor: f64,
    ) -> Self {
        let u = if style.scale.is_finite() && (0.25..=8.0).contains(&style.scale) {
            style.scale
        } else {
            1.0
        };
        let (w, h) = area.dim_in_pixel();
        let mut p = Painter {
            area,
            u,
            text_factor: u * backend_text_factor,
            w: f64::from(w),
            h: f64::from(h),
            naive_metrics: true,
            nf: style.lang.numbers(),
            lang: style.lang,
        };
        let style = p.text_style(TEXT_SIZE, false, &INK, Pos::default());
        let narrow = area.estimate_text_size("iiiiiiii", &style);
        let wide = area.estimate_text_size("MMMMMMMM", &style);
        p.naive_metrics = match (narrow, wide) {
            (Ok(a), Ok(b)) => a.0 == b.0,
            _ => true,
        };
        p
    }

    /// CSS pixels to device pixels.
    pub(super) fn px(&self, css: f64) -> f64 {
        css * self.u
    }

    /// Height of a line of text of `size` (CSS px), in device pixels.
    pub(super) fn line_height(&self, size: f64) -> f64 {
        self.px(size * 1.5)
    }

    pub(super) fn text_style<'c>(
        &self,
        size: f64,
        bold: bool,
        color: &'c RGBColor,
        pos: Pos,
    ) -> TextStyle<'c> {
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        TextStyle::from(FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            size * self.text_factor,
            weight,
        ))
        .color(color)
        .pos(pos)
    }

    /// Width of a text in device pixels: measured by the backend when it can
    /// (the browser), else estimated from [`approx_text_width`].
    pub(super) fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let estimate = self.px(size * approx_text_width(text, bold));
        if self.naive_metrics {
            return estimate;
        }
        let style = self.text_style(size, bold, &INK, Pos::default());
        match self.area.estimate_text_size(text, &style) {
            // The canvas backend measures with the regular weight: bold runs ~8% wider.
            Ok((w, _)) if bold => f64::from(w) * 1.08,
            Ok((w, _)) => f64::from(w),
            Err(_) => estimate,
        }
    }

    /// Space between the pieces of a line, in device pixels.
    pub(super) fn piece_gap(&self, size: f64) -> f64 {
        self.px(size * 0.4)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        bold: bool,
        color: &RGBColor,
        h: HPos,
        v: VPos,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        let style = self.text_style(size, bold, color, Pos::new(h, v));
        self.area.draw_text(text, &style, (round(x), round(y)))?;
        Ok(())
    }

    /// Text turned a quarter left (reading upwards), centred on (x, y).
    pub(super) fn text_upwards(
        &self,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        color: &RGBColor,
    ) -> Result<(), ChartError> {
        let style = self
            .text_style(size, false, color, Pos::new(HPos::Center, VPos::Center))
            .transform(FontTransform::Rotate270);
        self.area.draw_text(text, &style, (round(x), round(y)))?;
        Ok(())
    }

    /// Pieces one after another from (x, y) (vertically centred), a small gap
    /// between them (SVG drops leading spaces, so texts carry none).
    pub(super) fn pieces(
        &self,
        pieces: &[Piece],
        (x, y): (f64, f64),
        size: f64,
    ) -> Result<(), ChartError> {
        let mut x = x;
        for p in pieces {
            self.text(
                &p.text,
                (x, y),
                size,
                p.bold,
                &p.color,
                HPos::Left,
                VPos::Center,
            )?;
            x += self.text_width(&p.text, size, p.bold) + self.piece_gap(size);
        }
        Ok(())
    }

    pub(super) fn pieces_width(&self, pieces: &[Piece], size: f64) -> f64 {
        let gaps = pieces.len().saturating_sub(1) as f64 * self.piece_gap(size);
        gaps + pieces
            .iter()
            .map(|p| self.text_width(&p.text, size, p.bold))
            .sum::<f64>()
    }

    /// The first of the alternatives that fits in `width`; the last one, its
    /// first piece shortened with "…", when none does.
    pub(super) fn fit(&self, alternatives: &[Vec<Piece>], size: f64, width: f64) -> Vec<Piece> {
        for alt in alternatives {
            if self.pieces_width(alt, size) <= width {
                return alt.clone();
            }
        }
        let mut last = alternatives.last().cloned().unwrap_or_default();
        if let Some(first) = last.first().cloned() {
            let rest =
                self.pieces_width(&last, size) - self.text_width(&first.text, size, first.bold);
            let chars: Vec<char> = first.text.chars().collect();
            let fits = |k: usize| {
                let t: String = chars[..k].iter().collect::<String>() + "…";
                self.text_width(&t, size, first.bold) + rest <= width
            };
            // The longest prefix that fits with its "…" (at least one character),
            // found by bisection: widths grow with the prefix, and each
            // measurement costs (a 200-character name would take 200 otherwise).
            let (mut keep, mut over) = (1, chars.len());
            while keep < over {
                let mid = (keep + over).div_ceil(2);
                if fits(mid) {
                    keep = mid;
                } else {
                    over = mid - 1;
                }
            }
            if keep < chars.len() {
                last[0].text = chars[..keep].iter().collect::<String>() + "…";
            }
        }
        last
    }

    pub(super) fn rect(
        &self,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        color: &RGBColor,
    ) -> Result<(), ChartError> {
        let (a, b) = ((round(x0), round(y0)), (round(x1), round(y1)));
        if a.0 == b.0 || a.1 == b.1 {
            return Ok(());
        }
        self.area.draw(&Rectangle::new([a, b], color.filled()))?;
        Ok(())
    }

    pub(super) fn line(
        &self,
        points: &[(f64, f64)],
        color: &RGBColor,
        width_css: f64,
    ) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (round(x), round(y))).collect();
        let width = round(self.px(width_css)).max(1) as u32;
        self.area
            .draw(&PathElement::new(pts, color.stroke_width(width)))?;
        Ok(())
    }

    pub(super) fn polygon(
        &self,
        points: &[(f64, f64)],
        color: &RGBColor,
    ) -> Result<(), ChartError> {
        if points.len() < 3 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (round(x), round(y))).collect();
        self.area.draw(&Polygon::new(pts, color.filled()))?;
        Ok(())
    }

    /// A short centred message instead of a chart: the message `id`.
    pub(super) fn message(&self, id: &str) -> Result<(), ChartError> {
        self.message_text(&self.lang.t(id))
    }

    /// A short centred message instead of a chart: `text` as it is.
    pub(super) fn message_text(&self, text: &str) -> Result<(), ChartError> {
        self.text(
            text,
            (self.w / 2.0, self.h / 2.0),
            TEXT_SIZE,
            false,
            &MUTED,
            HPos::Center,
            VPos::Center,
        )
    }

    /// The message `id` in the chart's language.
    pub(super) fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// The message `id` with variables, in the chart's language.
    pub(super) fn t_with(&self, id: &str, args: &[(&str, crate::i18n::Arg<'_>)]) -> String {
        self.lang.t_with(id, args)
    }

    /// Whether the area is too small to draw anything useful.
    pub(super) fn too_small(&self) -> bool {
        self.w < self.px(60.0) || self.h < self.px(60.0)
    }
}
