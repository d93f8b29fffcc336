//! The editor's section "Inputs that move together": tie two uncertain fields
//! (from [`funnel_lab::correlation::correlatable_paths`], named by their plain
//! names) with a rank correlation between −0.95 and 0.95 on a slider, change
//! or remove a tie, and see the validator's problems at each tie. The core
//! checks every change ([`Scenario::set_correlation`]); a refused one is said
//! beside the slider and changes nothing.

use super::lang::{lang, nf, t, tw};
use super::state::AppState;
use funnel_lab::correlation::correlatable_paths;
use funnel_lab::i18n;
use funnel_lab::scenario::Scenario;
use leptos::prelude::*;

/// The slider's ends (a tie of ±1 is not allowed).
const MOST_RANK: f64 = 0.95;

/// Every field that may be tied, with its plain name in the page's language.
fn choices(sc: &Scenario) -> Vec<(String, String)> {
    let lang = lang();
    correlatable_paths(sc)
        .into_iter()
        .map(|p| {
            let label = i18n::field_place(lang, sc, &p);
            (p, label)
        })
        .collect()
}

fn rank_text(rank: f64) -> String {
    nf().exact((rank * 100.0).round() / 100.0)
}

/// A slider for a rank, its value beside it.
fn rank_slider(
    label: String,
    value: RwSignal<f64>,
    on_change: impl Fn(f64) + 'static,
) -> impl IntoView {
    let read = move |ev: &leptos::ev::Event| event_target_value(ev).parse::<f64>().ok();
    view! {
        <input type="range" min=-MOST_RANK max=MOST_RANK step="0.05" aria-label=label
            data-correlation="rank" prop:value=move || value.get().to_string()
            on:input=move |ev| if let Some(x) = read(&ev) { value.set(x) }
            on:change=move |ev| if let Some(x) = read(&ev) { on_change(x) } />
        <output data-correlation="value">{move || rank_text(value.get())}</output>
    }
}

/// One tie of the list: its two fields, its slider, Remove, and its problems.
fn tie(state: AppState, i: usize, p: String, q: String, rank: f64) -> impl IntoView {
    let (label_p, label_q) = state.scenario.with_untracked(|sc| {
        (
            i18n::field_place(lang(), sc, &p),
            i18n::field_place(lang(), sc, &q),
        )
    });
    let value = RwSignal::new(rank);
    let refused = RwSignal::new(None::<String>);
    let (p2, q2) = (p.clone(), q.clone());
    let change = move |x: f64| {
        let mut result = Ok(());
        state
            .scenario
            .update(|s| result = s.set_correlation(&p2, &q2, x));
        refused.set(
            result
                .err()
                .map(|e| i18n::problem(lang(), &format!("correlations[{i}].rank"), &e)),
        );
    };
    let (p3, q3) = (p.clone(), q.clone());
    let remove = move |_| {
        state.scenario.update(|s| {
            s.remove_correlation(&p3, &q3);
        });
    };
    let errors = move || {
        let at = format!("correlations[{i}]");
        let mut e = Vec::new();
        for suffix in [".rank", ".paths", ".paths[0]", ".paths[1]"] {
            e.extend(state.errors_at(&format!("{at}{suffix}")));
        }
        e.extend(refused.get());
        e
    };
    let aria = tw(
        "correlation-rank-of",
        &[
            ("a", label_p.as_str().into()),
            ("b", label_q.as_str().into()),
        ],
    );
    view! {
        <li class="tie" data-correlation=format!("{p}|{q}")>
            <span class="tie-fields">{label_p} " ↔ " {label_q}</span>
            {rank_slider(aria, value, change)}
            <button type="button" data-action="remove-correlation" on:click=remove>{t("correlation-remove")}</button>
            {move || errors().into_iter().map(|e| view! { <p class="error" role="alert">{e}</p> }).collect_view()}
        </li>
    }
}

/// The section: the ties, and a row to add one.
pub fn correlations_section(state: AppState) -> AnyView {
    let fields = Memo::new(move |_| state.scenario.with(choices));
    let ties = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.correlations
                .iter()
                .map(|c| (c.paths.clone(), c.rank))
                .collect::<Vec<_>>()
        })
    });
    // Rebuilt when a tie is added or removed, not when a rank moves.
    let pairs =
        Memo::new(move |_| ties.with(|v| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()));
    let list = move || {
        // Read, not only tracked: a memo is computed (and follows its sources) when read.
        pairs.with(|_| ());
        ties.with_untracked(|v| {
            v.iter()
                .enumerate()
                .filter_map(|(i, (paths, rank))| match paths.as_slice() {
                    [p, q] => Some(tie(state, i, p.clone(), q.clone(), *rank)),
                    _ => None,
                })
                .collect_view()
        })
    };
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let rank = RwSignal::new(0.5);
    let refused = RwSignal::new(None::<String>);
    let options = move |chosen: RwSignal<String>| {
        move || {
            fields
                .get()
                .into_iter()
                .map(|(p, label)| {
                    let selected = chosen.get_untracked() == p;
                    view! { <option value=p selected=selected>{label}</option> }
                })
                .collect_view()
        }
    };
    let add = move |_| {
        let (p, q) = (first.get_untracked(), second.get_untracked());
        if p.is_empty() || q.is_empty() {
            refused.set(Some(t("correlation-pick-two")));
            return;
        }
        let mut result = Ok(());
        let at = format!(
            "correlations[{}]",
            state.scenario.with_untracked(|s| s.correlations.len())
        );
        state
            .scenario
            .update(|s| result = s.set_correlation(&p, &q, rank.get_untracked()));
        refused.set(result.err().map(|e| i18n::problem(lang(), &at, &e)));
    };
    let whole = move || state.errors_at("correlations");
    // The two lists of fields are built when the section is first opened: in
    // the largest scenario they hold hundreds of choices, which the page's
    // opening should not pay for a section most people never open.
    let opened = RwSignal::new(false);
    view! {
        <details class="section correlations" data-section="correlations" on:toggle=move |ev| {
            let d: web_sys::HtmlElement = event_target(&ev);
            if d.has_attribute("open") && !opened.get_untracked() {
                opened.set(true);
            }
        }>
            <summary><h3>{t("section-correlations")}</h3></summary>
            <p class="note">{t("section-correlations-note")}</p>
            <ul class="ties">{list}</ul>
            {move || whole().into_iter().map(|e| view! { <p class="error" role="alert">{e}</p> }).collect_view()}
            <div class="tie-add">
                <select aria-label=t("correlation-first") data-correlation="first"
                    on:change=move |ev| first.set(event_target_value(&ev))>
                    <option value="">{t("correlation-pick")}</option>
                    {move || opened.get().then(options(first))}
                </select>
                <select aria-label=t("correlation-second") data-correlation="second"
                    on:change=move |ev| second.set(event_target_value(&ev))>
                    <option value="">{t("correlation-pick")}</option>
                    {move || opened.get().then(options(second))}
                </select>
                {rank_slider(t("correlation-rank"), rank, |_| {})}
                <button type="button" data-action="add-correlation" on:click=add>{t("correlation-add")}</button>
                {move || refused.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
        </details>
    }
    .into_any()
}
