//! The "which input matters" panel of the results: a metric picker, the
//! tornado of the finished run on it (drawn on a canvas by the core's chart
//! code; a click on a bar goes to that field in the editor), its text
//! alternative, and beside it "worth testing first": what knowing each input
//! exactly before launching would be worth (EVPPI), and knowing everything
//! (EVPI), with one plain sentence.
//!
//! The page computes nothing: the summariser worker, which holds the run's
//! trials, ranks them ([`funnel_lab::decide::Ranking`]) when a run finishes and when
//! the metric changes.

use super::app::next_task;
use super::canvas::{observed_width, paint_canvas};
use super::lang::{lang, nf, t, tw};
use super::run::SharedSimulator;
use super::state::AppState;
use funnel_lab::charts::{bar_at, draw_tornado, tornado_height, Tornado};
use funnel_lab::decide::{about, Ranking, RankingRequest, DECISION_METRICS};
use funnel_lab::metrics::Metric;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Most inputs the tornado shows.
const MOST_BARS: usize = 10;
/// Most inputs the "worth testing first" list shows.
const MOST_WORTH: usize = 6;

/// Keeps a ranking that arrived when it is of the run whose results are shown
/// (the last finished run); an older one, or one whose trials were gone (a new
/// run started meanwhile), changes nothing.
pub fn ranking_arrived(state: AppState, ranking: Result<Box<Ranking>, String>) {
    if let Ok(r) = ranking {
        if state.finished_run.get_untracked() == Some(r.run_id) {
            // The run is of the scenario being edited (a change starts another).
            let named = state.scenario.with_untracked(|sc| r.named(lang(), sc));
            state.ranking.set(Some(named));
        }
    }
}

/// Opens every section around the field at `path` in the editor, scrolls to
/// it and focuses its first input (an uncertain field's first number). The
/// editor renders long lists a few items per task: a field not in the page
/// yet gets every item rendered and is looked for again in the next task.
pub fn go_to_field(state: AppState, path: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(field)) = doc.query_selector(&format!(".editor [data-path=\"{path}\"]")) else {
        if state.editor_shown.get_untracked() < usize::MAX {
            state.editor_shown.set(usize::MAX);
            let path = path.to_owned();
            set_timeout(move || go_to_field(state, &path), std::time::Duration::ZERO);
        }
        return;
    };
    let mut around = field.parent_element();
    while let Some(el) = around {
        if el.tag_name().eq_ignore_ascii_case("details") {
            let _ = el.set_attribute("open", "");
        }
        around = el.parent_element();
    }
    let target = match field.tag_name().to_ascii_lowercase().as_str() {
        "input" | "select" => Some(field),
        _ => field
            .query_selector("input")
            .ok()
            .flatten()
            .or_else(|| field.query_selector("select").ok().flatten()),
    };
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.scroll_into_view_with_bool(false);
        let _ = el.focus();
    }
}

/// The tornado of `r` with money in `currency`, its inputs named as `r` names them.
fn tornado(r: &Ranking, currency: &str) -> Tornado {
    Tornado::new(&r.sensitivity, currency, &nf(), MOST_BARS, |e| {
        r.label(&e.path).to_string()
    })
}

/// The tornado on a canvas: redrawn when it or the width changes (in a task of
/// its own); a click on a bar goes to its field.
#[component]
fn TornadoCanvas(tornado: Memo<Option<Tornado>>) -> impl IntoView {
    let canvas: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let holder: NodeRef<leptos::html::Div> = NodeRef::new();
    let width = observed_width(holder);
    let height =
        move || tornado.with(|t| f64::from(tornado_height(t.as_ref().map_or(1, |t| t.bars.len()))));
    let bands = StoredValue::new(Vec::<(f64, f64)>::new());
    let state = expect_context::<AppState>();
    Effect::new(move |_| {
        let (w, h) = (width.get(), height());
        tornado.with(|_| ());
        if canvas.get().is_none() || w <= 0.0 {
            return;
        }
        next_task(bands, move || {
            let Some(el) = canvas.get_untracked() else {
                return;
            };
            tornado.with_untracked(|t| {
                let Some(t) = t else { return };
                paint_canvas(&el, w, h, |root, style| {
                    match draw_tornado(root, t, style) {
                        Ok(b) => bands.set_value(b),
                        Err(e) => leptos::logging::warn!("tornado not drawn: {e}"),
                    }
                });
            });
        });
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let hit = bands.with_value(|b| bar_at(b, f64::from(ev.offset_y())));
        let path = hit.and_then(|i| {
            tornado.with_untracked(|t| {
                t.as_ref()
                    .and_then(|t| t.bars.get(i))
                    .map(|b| b.path.clone())
            })
        });
        if let Some(path) = path {
            go_to_field(state, &path);
        }
    };
    let describe =
        move || tornado.with(|t| t.as_ref().map(|t| t.describe(lang())).unwrap_or_default());
    view! {
        <div class="canvas-holder" node_ref=holder style=move || format!("height:{}px", height())>
            <canvas node_ref=canvas role="img" aria-label=describe
                title=t("decide-click-hint") on:click=on_click
                style=move || format!("width:100%;height:{}px", height())></canvas>
        </div>
        <p class="chart-text">{describe}</p>
    }
}

/// "Worth testing first": the inputs by what knowing them would be worth, the
/// sentence for the first, and knowing everything.
fn worth(r: &Ranking, currency: &str) -> impl IntoView {
    let nf = nf();
    let money = |x: f64| nf.money(about(x), currency);
    let s = &r.sensitivity;
    let rows = s
        .by_value()
        .into_iter()
        .take(MOST_WORTH)
        .map(|e| {
            let value = if e.evppi > s.evppi_noise {
                money(e.evppi)
            } else {
                t("worth-about-zero")
            };
            view! { <tr><th scope="row">{r.label(&e.path).to_string()}</th><td>{value}</td></tr> }
        })
        .collect_view();
    view! {
        <div class="worth" data-worth="">
            <h4>{t("worth-title")} {super::fields::hint("evppi")}</h4>
            <p class="worth-sentence">{r.worth_sentence(currency, lang())}</p>
            <table class="worth-table">
                <thead><tr><th scope="col">{t("worth-col-input")}</th><th scope="col">{t("worth-col-value")}</th></tr></thead>
                <tbody>
                    {rows}
                    <tr class="everything" data-evpi=""><th scope="row">{t("worth-everything")}</th><td>{money(s.evpi)}</td></tr>
                </tbody>
            </table>
            <p class="note">{tw("worth-note", &[("noise", money(s.evppi_noise).into())])}</p>
        </div>
    }
}

/// The panel: metric picker, tornado with its text, and "worth testing first".
#[component]
pub fn DecidePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pool = use_context::<SharedSimulator>();
    let metric = RwSignal::new(
        state
            .ranking
            .with_untracked(|r| r.as_ref().map_or(Metric::Profit, |r| r.sensitivity.metric)),
    );
    // Ask for a ranking when a run finishes, when the metric changes and when
    // the panel is built again (a language switch names the inputs anew).
    Effect::new(move |_| {
        let (m, run) = (metric.get(), state.finished_run.get());
        if let (Some(run_id), Some(pool)) = (run, &pool) {
            pool.request_ranking(RankingRequest { run_id, metric: m });
        }
    });
    let currency = move || {
        state.results.with(|r| {
            r.as_ref()
                .map(|r| r.header.currency.clone())
                .unwrap_or_default()
        })
    };
    // The ranking shown: the latest one, if it is on the metric picked.
    let shown = move || {
        state
            .ranking
            .get()
            .filter(|r| r.sensitivity.metric == metric.get())
    };
    let tornado = Memo::new(move |_| shown().map(|r| tornado(&r, &currency())));
    let options = DECISION_METRICS
        .iter()
        .map(|m| {
            let m = *m;
            view! { <option value=m.name() selected=move || metric.get() == m>{t(&format!("metric-{}", m.name()))}</option> }
        })
        .collect_view();
    let choose = move |ev| {
        if let Ok(m) = funnel_lab::decide::decision_metric(&event_target_value(&ev)) {
            metric.set(m);
        }
    };
    view! {
        <section class="decide" data-panel="decide" aria-label=t("decide-title")>
            <h3>{t("decide-title")} {super::fields::hint("sensitivity")}</h3>
            <p class="note">{t("decide-note")}</p>
            <label class="decide-metric">{t("decide-metric")} " "
                <select data-path="decide-metric" on:change=choose>{options}</select>
            </label>
            <div class="decide-body">
                <figure class="chart tornado" data-chart="tornado" class:hidden=move || tornado.with(|t| t.is_none())>
                    <figcaption>{move || tw("decide-chart-title", &[("metric", t(&format!("metric-{}", metric.get().name())).to_lowercase().into())])}</figcaption>
                    <TornadoCanvas tornado=tornado />
                    <p class="note">{t("decide-click-hint")}</p>
                </figure>
                {move || match shown() {
                    Some(r) => worth(&r, &currency()).into_any(),
                    None => view! { <p class="empty" data-decide-waiting="">{t("decide-waiting")}</p> }.into_any(),
                }}
            </div>
        </section>
    }
}
