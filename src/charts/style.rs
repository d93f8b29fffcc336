//! The look of every chart: palette, fonts and [`ChartStyle`].

use crate::i18n::Lang;
use plotters::style::RGBColor;

/// Text, axes and whiskers (#1f2937).
pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
/// Secondary text: ranges, ticks, notes (#6b7280).
pub const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
/// Grid lines (#e5e7eb).
pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
/// Bars and median lines (#2563eb).
pub const ACCENT: RGBColor = RGBColor(0x25, 0x63, 0xeb);
/// The 5th–95th percentile band of a fan chart (#bfdbfe).
pub const BAND_LIGHT: RGBColor = RGBColor(0xbf, 0xdb, 0xfe);
/// The 25th–75th percentile band of a fan chart (#93c5fd).
pub const BAND_DARK: RGBColor = RGBColor(0x93, 0xc5, 0xfd);
/// Losses (#dc2626).
pub const LOSS: RGBColor = RGBColor(0xdc, 0x26, 0x26);
/// Gains (#16a34a).
pub const GAIN: RGBColor = RGBColor(0x16, 0xa3, 0x4a);
/// Background that [`draw`] fills the area with (white).
pub const BACKGROUND: RGBColor = RGBColor(0xff, 0xff, 0xff);

/// Font family of every text.
pub const FONT_FAMILY: &str = "sans-serif";
/// Size of ordinary text, in CSS pixels.
pub const TEXT_SIZE: f64 = 12.0;
/// Size of ticks and notes, in CSS pixels.
pub const SMALL_TEXT_SIZE: f64 = 11.0;

/// plotters writes an SVG font size as its size / 1.24 but a canvas font size
/// as its size: [`render_svg`] asks for 1.24 times larger text so that both
/// show the same pixels (and the naive SVG text metrics then match).
pub(super) const SVG_TEXT_FACTOR: f64 = 1.24;

/// How to draw. (The currency of money axes is the run's, from its header.)
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel (the device pixel ratio): font sizes, line
    /// widths and margins are multiplied by it. Values outside 0.25..=8 (or not
    /// finite) are treated as 1.
    pub scale: f64,
    /// The language of every word, and how numbers are written
    /// ([`Lang::numbers`]).
    pub lang: Lang,
}

impl Default for ChartStyle {
    /// Scale 1, English.
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            lang: Lang::En,
        }
    }
}
