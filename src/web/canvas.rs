//! A chart on a canvas: sizes it to its container and the device pixel ratio,
//! then hands a plotters drawing area to the core's chart code.

use super::state::AppState;
use super::NUMBERS;
use crate::charts::{self, ChartKind, ChartStyle};
use crate::results::RunResult;
use leptos::prelude::*;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver};

fn draw(
    canvas: &HtmlCanvasElement,
    kind: ChartKind,
    run: &RunResult,
    css_width: f64,
    css_height: f64,
) {
    if css_width < 10.0 {
        return;
    }
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    let Some(backend) = super::measure::MeasuredCanvas::new(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let style = ChartStyle {
        scale: dpr,
        numbers: NUMBERS,
    };
    if let Err(e) = charts::draw(kind, &root, run, &style) {
        leptos::logging::warn!("chart {kind:?} not drawn: {e}");
    }
    let _ = root.present();
}

/// A chart of the latest results, redrawn when they change or the page resizes.
/// Its height is the chart module's suggestion for its width (at most `max_height`).
#[component]
pub fn ChartCanvas(
    kind: ChartKind,
    title: &'static str,
    #[prop(default = 360.0)] max_height: f64,
    /// Whether to offer the chart as a PNG download.
    #[prop(default = true)]
    png: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let holder: NodeRef<leptos::html::Div> = NodeRef::new();
    let width = RwSignal::new(0.0f64);
    // Follow the container's width (phones, resizes, side panels).
    Effect::new(move |_| {
        let Some(div) = holder.get() else { return };
        let measure = div.clone();
        width.set(f64::from(measure.client_width()));
        let on_resize =
            Closure::<dyn Fn()>::new(move || width.set(f64::from(measure.client_width())));
        if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&div);
            let keep = send_wrapper::SendWrapper::new((observer, on_resize));
            on_cleanup(move || keep.0.disconnect());
        }
    });
    let height = Memo::new(move |_| {
        let w = width.get();
        state.results.with(|r| match r {
            Some(r) if w > 0.0 => {
                f64::from(charts::suggested_height(kind, &r.summary, w as u32)).min(max_height)
            }
            _ => max_height,
        })
    });
    Effect::new(move |_| {
        let (w, h) = (width.get(), height.get());
        let Some(el) = canvas.get() else { return };
        state.results.with(|r| {
            if let Some(r) = r {
                draw(&el, kind, r, w, h);
            }
        });
    });
    let describe = move || {
        state.results.with(|r| {
            r.as_ref()
                .map(|r| charts::describe(kind, r, &NUMBERS))
                .unwrap_or_default()
        })
    };
    view! {
        <figure class="chart" data-chart=format!("{kind:?}")>
            <figcaption>
                {title}
                {png.then(|| view! {
                    <button type="button" class="png" data-action="png" title="Download this chart as a PNG image"
                        disabled=move || state.results.with(|r| r.is_none())
                        on:click=move |_| {
                            let Some(el) = canvas.get_untracked() else { return };
                            let Some(stem) = state.results.with_untracked(|r| r.as_ref().map(|r| crate::persist::file_stem(&r.header.name))) else { return };
                            if let Err(e) = super::files::download_png(&el, &format!("{stem}-{}.png", kind.slug())) {
                                state.notify(super::state::Tone::Problem, format!("the chart could not be saved: {e}"), Vec::new(), None);
                            }
                        }>"PNG"</button>
                })}
            </figcaption>
            <div class="canvas-holder" node_ref=holder style=move || format!("height:{}px", height.get())>
                <canvas node_ref=canvas role="img" aria-label=describe
                    style=move || format!("width:100%;height:{}px", height.get())></canvas>
            </div>
            <p class="chart-text">{describe}</p>
        </figure>
    }
}
