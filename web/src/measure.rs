//! A canvas backend that measures text with the canvas itself.
//!
//! plotters' canvas backend measures a text by adding a styled `<span>` to the
//! page and reading its size, which makes the browser lay out the whole page:
//! a few hundred measurements per redraw cost a few milliseconds each once the
//! editor holds hundreds of fields (seconds at the largest scenario allowed).
//! `measureText` on the chart's own 2D context gives the same numbers without
//! touching the page. Like the `<span>`, it measures in the regular weight (the
//! chart code allows for bold itself).

use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// Sizes of the texts measured so far, by font and text.
    static TEXT_SIZES: std::cell::RefCell<std::collections::HashMap<(String, String), (u32, u32)>> =
        Default::default();
}
/// Most text sizes kept.
const TEXT_SIZES_KEPT: usize = 4_096;

/// [`CanvasBackend`] with text measured by `measureText` (see the module doc).
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    /// A backend drawing on `canvas`, if it has a 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(MeasuredCanvas { inner, context })
    }
}

type Result<E> = std::result::Result<(), DrawingErrorKind<E>>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<Self::ErrorType> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<Self::ErrorType> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<Self::ErrorType> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<Self::ErrorType> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<Self::ErrorType> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<Self::ErrorType> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<Self::ErrorType> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<Self::ErrorType> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<Self::ErrorType> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // Charts redraw the same labels at every update of a run: widths are
        // kept by font and text.
        let font = format!("{}px {}", style.size(), style.family().as_str());
        let key = (font, text.to_string());
        if let Some(size) = TEXT_SIZES.with_borrow(|m| m.get(&key).copied()) {
            return Ok(size);
        }
        self.context.save();
        self.context.set_font(&key.0);
        let metrics = self.context.measure_text(text);
        self.context.restore();
        match metrics {
            Ok(m) => {
                let size = (
                    m.width().round() as u32,
                    (m.font_bounding_box_ascent() + m.font_bounding_box_descent()).round() as u32,
                );
                TEXT_SIZES.with_borrow_mut(|m| {
                    if m.len() >= TEXT_SIZES_KEPT {
                        m.clear();
                    }
                    m.insert(key, size);
                });
                Ok(size)
            }
            // Fall back on plotters' own measurement.
            Err(_) => self.inner.estimate_text_size(text, style),
        }
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<Self::ErrorType> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
