//! What keeps the results in sight: the sticky bar's headline numbers with
//! their change since the previous run, the phone's Edit / Results tabs, the
//! skip link; and the layout's effects on the outside world: the bar's height
//! as a CSS variable (the results column sticks below it), "?" tooltips placed
//! inside the viewport, and an embed's height posted to its parent page.

use super::lang::{lang, t};
use super::state::AppState;
use funnel_lab::embed::HEIGHT_MESSAGE;
use funnel_lab::headline::{Change, Headline};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ResizeObserver};

/// Which half of the page a phone shows (both show side by side on wider screens).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneView {
    /// The editor.
    Edit,
    /// The results.
    Results,
}

impl PhoneView {
    /// Its name in the page (`data-view`, styles, tests).
    pub fn key(self) -> &'static str {
        match self {
            PhoneView::Edit => "edit",
            PhoneView::Results => "results",
        }
    }
}

/// An observer and the closure it calls (dropping the closure would leave the
/// observer calling nothing).
type Observing = SendWrapper<(ResizeObserver, Closure<dyn Fn(js_sys::Array)>)>;

/// Calls `on_size` with the border-box height of `el` now and at every change,
/// until the returned observer is disconnected.
fn observe_height(el: &Element, on_size: impl Fn(f64) + 'static) -> Option<Observing> {
    let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            on_size(entry.target().get_bounding_client_rect().height());
        }
    });
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some(SendWrapper::new((observer, on_resize)))
}

/// Keeps the results column sticking right below the sticky bar whatever the
/// bar's height: `--bar-h` on the column itself and `scroll-margin-top` on the
/// layout. Not a custom property on the root: every element inherits those,
/// so each change of the bar's height (its status line wraps while a run
/// goes) would restyle the whole page, 700 inputs of the largest scenario too.
pub fn track_bar_height(bar: NodeRef<leptos::html::Div>) {
    Effect::new(move |_| {
        let Some(bar) = bar.get() else { return };
        let observing = observe_height(&bar, move |h| {
            let Some(layout) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("main.layout").ok().flatten())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            else {
                return;
            };
            let px = format!("{}px", h.ceil());
            let _ = layout.style().set_property("scroll-margin-top", &px);
            if let Some(right) = layout
                .query_selector(":scope > .right")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = right.style().set_property("--bar-h", &px);
            }
        });
        // The bar goes when the page is rebuilt (another language).
        on_cleanup(move || {
            if let Some(o) = observing {
                o.0.disconnect();
            }
        });
    });
}

/// In an embed, tells the parent page the page's height at every change of it
/// (`{type: HEIGHT_MESSAGE, height}`), for the snippet's script to size the
/// iframe. The height is no secret, so any parent may read it.
pub fn post_height_to_parent() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    let me: &JsValue = window.as_ref();
    if me == AsRef::<JsValue>::as_ref(&parent) {
        return;
    }
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let observing = observe_height(&body, move |h| {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &h.ceil().into());
        let _ = parent.post_message(&message, "*");
    });
    // The body stays for the page's lifetime, and so does its observer.
    std::mem::forget(observing);
}

/// Places a "?" tooltip inside the viewport when it is about to show (hover,
/// tap, focus): its left edge and top (below the badge, or above it near the
/// bottom of the screen) as CSS variables on the badge; the style sheet shows
/// it with `position: fixed`, so no scrolling box clips it and it never widens
/// the page. One listener for the whole page.
pub fn place_tooltips() {
    fn place(target: Option<web_sys::EventTarget>) {
        let Some(badge) = target
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest(".hint").ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        let Some(w) = web_sys::window() else { return };
        let vw = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let vh = w
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let r = badge.get_bounding_client_rect();
        // As wide as the style sheet lets it be: 18rem, or the screen less 1rem.
        let width = 288f64.min(vw - 16.0);
        let left = (r.left() + r.width() / 2.0 - width / 2.0)
            .min(vw - 8.0 - width)
            .max(8.0);
        let style = badge.style();
        let _ = style.set_property("--tip-left", &format!("{left:.0}px"));
        let above = r.bottom() > vh * 0.6;
        let _ = badge.class_list().toggle_with_force("tip-above", above);
        let edge = if above {
            vh - r.top() + 6.0
        } else {
            r.bottom() + 6.0
        };
        let _ = style.set_property("--tip-edge", &format!("{edge:.0}px"));
    }
    let over = window_event_listener(leptos::ev::mouseover, |ev| place(ev.target()));
    let focus = window_event_listener(leptos::ev::focusin, |ev| place(ev.target()));
    let touch = window_event_listener(leptos::ev::pointerdown, |ev| place(ev.target()));
    on_cleanup(move || {
        over.remove();
        focus.remove();
        touch.remove();
    });
}

/// "Skip to the results": the page's first tab stop, shown when focused.
#[component]
pub fn SkipLink(view: RwSignal<PhoneView>) -> impl IntoView {
    view! {
        <a class="skip-link" href="#results" data-action="skip-to-results"
            on:click=move |_| view.set(PhoneView::Results)>{t("skip-to-results")}</a>
    }
}

/// The phone's tabs between the editor and the results (hidden on wider screens).
#[component]
pub fn PhoneTabs(view: RwSignal<PhoneView>) -> impl IntoView {
    let tab = move |which: PhoneView, label: String| {
        view! {
            <button type="button" class="tab" data-tab=which.key()
                aria-pressed=move || (view.get() == which).to_string()
                on:click=move |_| {
                    view.set(which);
                    // The top of the half chosen, right below the bar.
                    if let Some(layout) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector("main.layout").ok().flatten())
                    {
                        layout.scroll_into_view_with_bool(true);
                    }
                }>{label}</button>
        }
    };
    view! {
        <div class="phone-tabs" role="group" aria-label=t("phone-tabs")>
            {tab(PhoneView::Edit, t("tab-edit"))}
            {tab(PhoneView::Results, t("tab-results"))}
        </div>
    }
}

fn change_view(change: Option<Change>) -> impl IntoView {
    change.map(|c| {
        view! {
            <span class="change" class:better=c.better class:worse=!c.better
                title=t("headline-change-title")>{c.text}</span>
        }
    })
}

/// The headline numbers in the sticky bar (median profit and the chance of a
/// loss) with their change since the previous run, so that an edit's effect is
/// in sight wherever the page is scrolled.
#[component]
pub fn HeadlineBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let now = state.results.with(|r| r.as_ref().map(Headline::of))?;
        let before = state.headline_base.get();
        let nf = lang().numbers();
        let profit = now
            .profit_median
            .map_or_else(|| t("no-value"), |p| nf.money(p, &now.currency));
        let profit_change = before.as_ref().and_then(|b| now.profit_change(b, lang()));
        let loss_change = before.as_ref().and_then(|b| now.loss_change(b, lang()));
        Some(view! {
            <div class="headline" data-headline="" class:stale=move || !state.runnable()>
                <span class="headline-item" data-headline-item="profit">
                    <span class="headline-label">{t("headline-profit")}</span> " "
                    <strong class="headline-value">{profit}</strong> " "
                    {change_view(profit_change)}
                </span>
                <span class="headline-item" data-headline-item="loss">
                    <span class="headline-label">{t("headline-loss")}</span> " "
                    <strong class="headline-value">{nf.percent(now.prob_loss)}</strong> " "
                    {change_view(loss_change)}
                </span>
            </div>
        })
    }
}
