//! Axes: "nice" ticks, linear scales, horizontal tick labels that never
//! overlap, and the frame the two cartesian charts (profit histogram, profit
//! over time) share: y ticks with grid lines, x ticks and both captions.

use super::painter::Painter;
use super::style::{GRID, INK, MUTED, SMALL_TEXT_SIZE, TEXT_SIZE};
use super::ChartError;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

/// Ticks at "nice" values (1, 2 or 5 × 10ⁿ apart, at least `min_step`) within
/// `lo..=hi`, at most about `max_ticks` of them.
pub(super) fn nice_ticks(lo: f64, hi: f64, max_ticks: usize, min_step: f64) -> (Vec<f64>, f64) {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return (Vec::new(), 1.0);
    }
    let raw = (hi - lo) / (max_ticks.max(2) - 1) as f64;
    let mag = libm::pow(10.0, f64::floor(libm::log10(raw)));
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = (m * mag).max(min_step);
    if !(step.is_finite() && step > 0.0) {
        return (Vec::new(), 1.0);
    }
    let mut ticks = Vec::new();
    let mut k = f64::ceil(lo / step - 1e-9);
    while ticks.len() <= 100 {
        let v = k * step;
        if v > hi + step * 1e-9 {
            break;
        }
        ticks.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    (ticks, step)
}

/// A domain with some width: equal or non-finite bounds are widened.
pub(super) fn widen(lo: f64, hi: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo > 1e-9 * lo.abs().max(hi.abs()).max(1e-300) {
        (lo, hi)
    } else {
        let pad = (lo.abs() * 0.1).max(1.0);
        (lo - pad, hi + pad)
    }
}

/// Linear map from a domain to a pixel range.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    pub(super) fn new((d0, d1): (f64, f64), r0: f64, r1: f64) -> Scale {
        let (d0, d1) = widen(d0, d1);
        Scale { d0, d1, r0, r1 }
    }

    pub(super) fn map(&self, v: f64) -> f64 {
        let t = (v - self.d0) / (self.d1 - self.d0);
        let t = if t.is_finite() {
            t.clamp(-1.0, 2.0)
        } else {
            0.0
        };
        self.r0 + t * (self.r1 - self.r0)
    }

    pub(super) fn contains(&self, v: f64) -> bool {
        v >= self.d0.min(self.d1) && v <= self.d0.max(self.d1)
    }
}

/// A value axis: its padded domain, the plot's bottom edge and its ticks
/// (see [`Painter::value_axis`]).
pub(super) type ValueAxis = ((f64, f64), f64, Vec<(f64, String)>);

impl<DB: DrawingBackend> Painter<'_, DB> {
    /// The value axis of a chart drawn from `y0` down to its x axis: `lo..hi`
    /// widened ([`widen`]) and padded by 4% each way, the bottom edge `y1`,
    /// and compactly labelled ticks; `None` when the area is too short.
    pub(super) fn value_axis(&self, (lo, hi): (f64, f64), y0: f64) -> Option<ValueAxis> {
        let (lo, hi) = widen(lo, hi);
        let pad = (hi - lo) * 0.04;
        let (lo, hi) = (lo - pad, hi + pad);
        let y1 = self.h - self.x_axis_height();
        if y1 - y0 < self.px(24.0) {
            return None;
        }
        let max_ticks = ((y1 - y0) / self.px(36.0)).clamp(2.0, 7.0) as usize;
        let ticks = y_ticks((lo, hi), max_ticks, 0.0, |v| self.nf.compact(v));
        Some(((lo, hi), y1, ticks))
    }

    /// Ticks of `lo..=hi` for a horizontal axis mapped by `xs`, as (value,
    /// label): as many as fit with their labels side by side.
    pub(super) fn fit_x_ticks(
        &self,
        xs: &Scale,
        (lo, hi): (f64, f64),
        min_step: f64,
        label: impl Fn(f64, f64) -> String,
    ) -> Vec<(f64, String)> {
        let span = (xs.r1 - xs.r0).abs();
        let most = (span / self.px(24.0)).clamp(2.0, 24.0) as usize;
        let gap = self.px(14.0);
        let mut best = Vec::new();
        for max in (2..=most).rev() {
            let (ticks, step) = nice_ticks(lo, hi, max, min_step);
            let labelled: Vec<(f64, String)> = ticks.iter().map(|&v| (v, label(v, step))).collect();
            let widths: Vec<f64> = labelled
                .iter()
                .map(|(_, l)| self.text_width(l, SMALL_TEXT_SIZE, false))
                .collect();
            let fits = labelled
                .windows(2)
                .zip(widths.windows(2))
                .all(|(t, w)| (xs.map(t[1].0) - xs.map(t[0].0)).abs() >= (w[0] + w[1]) / 2.0 + gap);
            best = labelled;
            if fits {
                break;
            }
        }
        best
    }

    /// Tick labels along a horizontal line at `y` (top of the text), each
    /// centred on its x, skipping those that would overlap a previous one or
    /// leave the area.
    pub(super) fn x_tick_labels(&self, ticks: &[(f64, String)], y: f64) -> Result<(), ChartError> {
        let gap = self.px(8.0);
        let mut right_of_last = f64::NEG_INFINITY;
        for (x, label) in ticks {
            let half = self.text_width(label, SMALL_TEXT_SIZE, false) / 2.0;
            let cx = x.clamp(half, (self.w - half).max(half));
            if cx - half < right_of_last + gap {
                continue;
            }
            self.text(
                label,
                (cx, y),
                SMALL_TEXT_SIZE,
                false,
                &MUTED,
                HPos::Center,
                VPos::Top,
            )?;
            right_of_last = cx + half;
        }
        Ok(())
    }
}

/// The caption `caption` (a catalogue id) with the symbol of `currency`, e.g.
/// "Profit ($)", "Прибыль, ₽"; the caption alone when there is no currency.
pub(super) fn with_unit<DB: DrawingBackend>(
    p: &Painter<DB>,
    caption: &str,
    currency: &str,
) -> String {
    let caption = p.t(caption);
    let unit = crate::format::currency_symbol(currency);
    if unit.is_empty() {
        caption
    } else {
        p.t_with(
            "chart-axis-with-unit",
            &[("caption", caption.into()), ("unit", unit.into())],
        )
    }
}

/// Ticks of a vertical axis, as (value, label): "nice" values of `lo..=hi`
/// (see [`nice_ticks`]) labelled by `label`.
pub(super) fn y_ticks(
    (lo, hi): (f64, f64),
    max_ticks: usize,
    min_step: f64,
    label: impl Fn(f64) -> String,
) -> Vec<(f64, String)> {
    let (ticks, _) = nice_ticks(lo, hi, max_ticks, min_step);
    ticks.into_iter().map(|v| (v, label(v))).collect()
}

impl<DB: DrawingBackend> Painter<'_, DB> {
    /// Room below a cartesian plot: a line of x tick labels and the x caption.
    pub(super) fn x_axis_height(&self) -> f64 {
        self.line_height(SMALL_TEXT_SIZE) + self.line_height(TEXT_SIZE) + self.px(4.0)
    }

    /// Left edge of a cartesian plot: room for the y caption (turned upwards)
    /// and the widest y tick label.
    pub(super) fn plot_left(&self, y_ticks: &[(f64, String)]) -> f64 {
        let widest = y_ticks
            .iter()
            .map(|(_, l)| self.text_width(l, SMALL_TEXT_SIZE, false))
            .fold(0.0, f64::max);
        self.line_height(TEXT_SIZE) + widest + self.px(6.0)
    }
}

/// The plot area of a cartesian chart, in device pixels, with its scales:
/// `xs` maps the horizontal domain onto `x0..x1`, `ys` the vertical one onto
/// `y1..y0` (upwards).
pub(super) struct Plot {
    /// Left edge.
    pub(super) x0: f64,
    /// Right edge.
    pub(super) x1: f64,
    /// Top edge.
    pub(super) y0: f64,
    /// Bottom edge.
    pub(super) y1: f64,
    /// Horizontal scale.
    pub(super) xs: Scale,
    /// Vertical scale.
    pub(super) ys: Scale,
}

impl Plot {
    /// The plot from `x0` to `x1` and `y0` (top) to `y1` (bottom), showing
    /// `x_domain` left to right and `y_domain` bottom to top.
    pub(super) fn new(
        (x0, x1): (f64, f64),
        (y0, y1): (f64, f64),
        x_domain: (f64, f64),
        y_domain: (f64, f64),
    ) -> Plot {
        Plot {
            x0,
            x1,
            y0,
            y1,
            xs: Scale::new(x_domain, x0, x1),
            ys: Scale::new(y_domain, y1, y0),
        }
    }

    /// Grid lines across the plot at the ticks where `grid(value)` holds,
    /// each followed by its label left of the plot.
    pub(super) fn draw_y_axis<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        ticks: &[(f64, String)],
        grid: impl Fn(f64) -> bool,
    ) -> Result<(), ChartError> {
        for (v, label) in ticks {
            let y = self.ys.map(*v);
            if grid(*v) {
                p.line(&[(self.x0, y), (self.x1, y)], &GRID, 1.0)?;
            }
            p.text(
                label,
                (self.x0 - p.px(4.0), y),
                SMALL_TEXT_SIZE,
                false,
                &MUTED,
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    }

    /// Below the plot, tick marks and labels for `domain` (as many as fit, at
    /// least `min_step` apart, labelled by `label(value, step)`) and the
    /// caption `x_caption`; left of it, `y_caption` turned upwards.
    pub(super) fn draw_x_axis<DB: DrawingBackend>(
        &self,
        p: &Painter<DB>,
        domain: (f64, f64),
        min_step: f64,
        label: impl Fn(f64, f64) -> String,
        (x_caption, y_caption): (&str, &str),
    ) -> Result<(), ChartError> {
        let ticks: Vec<(f64, String)> = p
            .fit_x_ticks(&self.xs, domain, min_step, label)
            .into_iter()
            .map(|(v, l)| (self.xs.map(v), l))
            .collect();
        for (x, _) in &ticks {
            p.line(&[(*x, self.y1), (*x, self.y1 + p.px(3.0))], &INK, 1.0)?;
        }
        p.x_tick_labels(&ticks, self.y1 + p.px(4.0))?;
        let lh = p.line_height(TEXT_SIZE);
        p.text(
            x_caption,
            ((self.x0 + self.x1) / 2.0, p.h - lh / 2.0),
            TEXT_SIZE,
            false,
            &INK,
            HPos::Center,
            VPos::Center,
        )?;
        p.text_upwards(
            y_caption,
            (lh / 2.0, (self.y0 + self.y1) / 2.0),
            SMALL_TEXT_SIZE,
            &MUTED,
        )
    }
}
