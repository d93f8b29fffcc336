//! The course author's panel: the charts to show, the fields readers may change
//! (labelled checkboxes grouped by the editor's sections, from
//! [`embed::picker_groups`]), and the snippet to paste, with its computed height
//! and the script that sizes the frame to the embed.

use super::keep::page_base;
use super::lang::{lang, t};
use super::state::AppState;
use funnel_lab::charts::ChartKind;
use funnel_lab::embed::{self, EmbedOptions};
use funnel_lab::persist;
use leptos::prelude::*;

/// A course author's panel: choose charts and editable fields, copy the iframe.
#[component]
pub fn EmbedMaker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let charts = RwSignal::new(ChartKind::ALL.to_vec());
    let fields = RwSignal::new(Vec::<String>::new());
    let open = RwSignal::new(false);
    let options = move || EmbedOptions {
        charts: charts.get(),
        editable: fields.get(),
    };
    let url = move || {
        let saved = state.tracked_saved();
        format!(
            "{}{}#{}",
            page_base(),
            embed::embed_query(&options(), lang()),
            persist::encode_link(&saved)
        )
    };
    let snippet = move || {
        let height = state
            .scenario
            .with(|sc| embed::suggested_height(sc, &options()));
        embed::iframe_snippet(&url(), lang(), height)
    };
    let chart_boxes = ChartKind::ALL
        .iter()
        .map(|&k| {
            view! {
                <label class="check">
                    <input type="checkbox" checked=true data-chart-choice=k.slug() on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        charts.update(|c| {
                            c.retain(|x| *x != k);
                            if on {
                                c.push(k);
                                c.sort_by_key(|x| ChartKind::ALL.iter().position(|y| y == x));
                            }
                        });
                    } />
                    {t(&format!("chart-name-{}", k.slug()))}
                </label>
            }
        })
        .collect_view();
    // Rebuilt when the scenario's structure changes (a channel added, a preset).
    let field_groups = move || {
        state.editor_epoch.track();
        let groups = state
            .scenario
            .with_untracked(|sc| embed::picker_groups(sc, lang()));
        groups
            .into_iter()
            .map(|g| {
                let boxes = g
                    .fields
                    .into_iter()
                    .map(|(path, label)| {
                        let on = fields.with_untracked(|f| f.contains(&path));
                        let (p, title) = (path.clone(), path.clone());
                        view! {
                            <label class="check" title=title>
                                <input type="checkbox" checked=on data-field-choice=path on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    fields.update(|f| {
                                        f.retain(|x| *x != p);
                                        if on {
                                            f.push(p.clone());
                                        }
                                    });
                                } />
                                {label}
                            </label>
                        }
                    })
                    .collect_view();
                view! { <fieldset class="field-choices"><legend>{g.title}</legend>{boxes}</fieldset> }
            })
            .collect_view()
    };
    view! {
        <details class="panel embed-maker" data-panel="embed" on:toggle=move |ev| {
            let d: web_sys::HtmlElement = event_target(&ev);
            open.set(d.has_attribute("open"));
        }>
            <summary>{t("embed-summary")}</summary>
            <p class="note">{t("embed-note")}</p>
            <fieldset class="chart-choices"><legend>{t("embed-charts")}</legend>{chart_boxes}</fieldset>
            <div class="field-picker" role="group" aria-label=t("embed-fields-pick") data-field="embed-fields">
                <p class="picker-title">{t("embed-fields-pick")}</p>
                {move || open.get().then(field_groups)}
            </div>
            {move || open.get().then(|| {
                let u = url();
                view! {
                    <label>{t("embed-paste")}
                        <textarea readonly rows="8" data-field="iframe" prop:value=snippet></textarea>
                    </label>
                    <a href=u target="_blank" rel="noopener">{t("embed-preview")}</a>
                }
            })}
        </details>
    }
}
