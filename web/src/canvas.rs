//! A chart on a canvas: sizes it to its container and the device pixel ratio,
//! then hands a plotters drawing area to the core's chart code.

use super::app::next_task;
use super::lang::{lang, t, tw};
use super::state::AppState;
use funnel_lab::charts::{self, ChartKind, ChartStyle};
use funnel_lab::metrics::Metric;
use funnel_lab::results::RunResult;
use leptos::prelude::*;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};

/// Sizes `canvas` to `css_width` × `css_height` CSS pixels at the device pixel
/// ratio and hands `paint` its drawing area (cleared to white) and the style
/// to draw in (the ratio, the page's language).
pub fn paint_canvas(
    canvas: &HtmlCanvasElement,
    css_width: f64,
    css_height: f64,
    paint: impl FnOnce(
        &DrawingArea<super::measure::MeasuredCanvas, plotters::coord::Shift>,
        &ChartStyle,
    ),
) {
    if css_width < 10.0 {
        return;
    }
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    // Resizing a canvas reallocates and clears it: only when its size changes.
    let (w, h) = (
        (css_width * dpr).round() as u32,
        (css_height * dpr).round() as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let Some(backend) = super::measure::MeasuredCanvas::new(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let style = ChartStyle {
        scale: dpr,
        lang: lang(),
    };
    paint(&root, &style);
    let _ = root.present();
}

fn draw(
    canvas: &HtmlCanvasElement,
    kind: ChartKind,
    run: &RunResult,
    css_width: f64,
    css_height: f64,
) {
    paint_canvas(canvas, css_width, css_height, |root, style| {
        if let Err(e) = charts::draw(kind, root, run, style) {
            leptos::logging::warn!("chart {kind:?} not drawn: {e}");
        }
    });
}

/// The width of `holder`'s content box in CSS pixels, followed as a
/// `ResizeObserver` reports it (reading it from the element would lay out the
/// page); 0 until it is known.
pub fn observed_width(holder: NodeRef<leptos::html::Div>) -> RwSignal<f64> {
    let width = RwSignal::new(0.0f64);
    Effect::new(move |_| {
        let Some(div) = holder.get() else { return };
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() {
                width.set(entry.content_rect().width().round());
            }
        });
        match ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&div);
                let keep = send_wrapper::SendWrapper::new((observer, on_resize));
                on_cleanup(move || keep.0.disconnect());
            }
            Err(_) => width.set(f64::from(div.client_width())),
        }
    });
    width
}

/// What a chart of `kind` shows of `s`, at a size, as a hash: a chart is
/// redrawn only when it changes.
fn fingerprint(kind: ChartKind, r: &RunResult, w: f64, h: f64) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (w.to_bits(), h.to_bits(), format!("{:?}", r.header)).hash(&mut hasher);
    let s = &r.summary;
    // The numbers by their bits (formatting hundreds of them would cost more than
    // the hash saves); the few rows of the funnel and the channels as text.
    let mut bits = |xs: &[f64]| xs.iter().for_each(|x| x.to_bits().hash(&mut hasher));
    match kind {
        ChartKind::Funnel => bits(&[]),
        ChartKind::ProfitHistogram => {
            if let Some(m) = s.metric(Metric::Profit) {
                let st = &m.stats;
                let q = [st.mean, st.sd, st.p5, st.p25, st.p50, st.p75, st.p95];
                bits(&q.map(|x| x.unwrap_or(f64::NAN)));
                if let Some(hist) = &m.histogram {
                    bits(&[hist.min, hist.max]);
                    let counts: Vec<f64> = hist.counts.iter().map(|&c| c as f64).collect();
                    bits(&counts);
                }
            }
        }
        fan @ (ChartKind::ProfitOverTime
        | ChartKind::ActiveSubscribers
        | ChartKind::Mrr
        | ChartKind::ActiveRepeat) => {
            if let Some((days, band)) = fan.series().and_then(|d| charts::daily_band(s, d)) {
                let days: Vec<f64> = days.iter().map(|&d| f64::from(d)).collect();
                bits(&days);
                for v in [&band.p5, &band.p25, &band.p50, &band.p75, &band.p95] {
                    bits(v);
                }
            }
        }
        ChartKind::ChannelRoi => bits(&[]),
    }
    match kind {
        // The stages' numbers and names (in any one language: a switch rebuilds the page).
        ChartKind::Funnel => {
            format!("{:?}", charts::funnel_stages(s, funnel_lab::i18n::Lang::En)).hash(&mut hasher)
        }
        ChartKind::ChannelRoi => format!("{:?}", charts::active_channels(s)).hash(&mut hasher),
        _ => {}
    }
    hasher.finish()
}

/// A chart of the latest results, redrawn when they change or the page resizes.
/// Its height is the chart module's suggestion for its width (at most `max_height`).
#[component]
pub fn ChartCanvas(
    kind: ChartKind,
    title: String,
    #[prop(default = 360.0)] max_height: f64,
    /// Whether to offer the chart as a PNG download.
    #[prop(default = true)]
    png: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let canvas: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let holder: NodeRef<leptos::html::Div> = NodeRef::new();
    // Follow the container's width (phones, resizes, side panels).
    let width = observed_width(holder);
    let height = Memo::new(move |_| {
        let w = width.get();
        state.results.with(|r| match r {
            Some(r) if w > 0.0 => {
                f64::from(charts::suggested_height(kind, &r.summary, w as u32)).min(max_height)
            }
            _ => max_height,
        })
    });
    // Each chart is drawn in a task of its own (a long redraw of every chart at
    // once would hold the page), and only when what it shows changed.
    let drawn = StoredValue::new(0u64);
    let pending = StoredValue::new(false);
    let draw_latest = move || {
        pending.set_value(false);
        let (w, h) = (width.get_untracked(), height.get_untracked());
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        state.results.with_untracked(|r| {
            if let Some(r) = r {
                let print = fingerprint(kind, r, w, h);
                if print != drawn.get_value() {
                    draw(&el, kind, r, w, h);
                    drawn.set_value(print);
                }
            }
        });
    };
    Effect::new(move |_| {
        let (w, h) = (width.get(), height.get());
        if canvas.get().is_none() {
            return;
        }
        let print = state
            .results
            .with(|r| r.as_ref().map(|r| fingerprint(kind, r, w, h)));
        if print.is_some_and(|p| p != drawn.get_value()) && !pending.get_value() {
            pending.set_value(true);
            next_task(pending, draw_latest);
        }
    });
    let describe = move || {
        state.results.with(|r| {
            r.as_ref()
                .map(|r| charts::describe(kind, r, lang()))
                .unwrap_or_default()
        })
    };
    view! {
        <figure class="chart" data-chart=format!("{kind:?}")>
            <figcaption>
                {title}
                {png.then(|| view! {
                    <button type="button" class="png" data-action="png" title=t("png-title")
                        disabled=move || state.results.with(|r| r.is_none())
                        on:click=move |_| {
                            let Some(el) = canvas.get_untracked() else { return };
                            let Some(stem) = state.results.with_untracked(|r| r.as_ref().map(|r| funnel_lab::persist::file_stem(&r.header.name))) else { return };
                            if let Err(e) = super::files::download_png(&el, &format!("{stem}-{}.png", kind.slug())) {
                                state.notify(super::state::Tone::Problem, tw("notice-png", &[("detail", e.to_string().into())]), Vec::new(), None);
                            }
                        }>{t("png")}</button>
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
