//! Form fields bound to the scenario: numbers, days, texts and uncertain values.
//! A field keeps what the user typed; the scenario gets a value only when the
//! text can be read (by the page's language: [`funnel_lab::format::NumberFormat::read`]),
//! and the field's path is listed as unreadable (which blocks runs) until then.
//! When the text is read but is not how the language writes the number, the
//! value as read is shown next to it ("= 1 500").

use super::lang::{lang, nf, t, tw};
use super::state::AppState;
use funnel_lab::i18n;
use funnel_lab::inputs::{Access, Domain, Field, Unit};
use funnel_lab::scenario::{Scenario, Uncertain, UncertainForm};
use leptos::prelude::*;
use std::sync::Arc;

/// Reads a number as people type it in the page's language, or says why not.
pub fn parse_number(text: &str) -> Result<f64, funnel_lab::format::ReadNumber> {
    nf().read(text)
}

/// A number as an input shows it (in the page's language).
pub fn show_number(x: f64) -> String {
    nf().input(x)
}

/// What to show next to `text` once it is read as `x`: the value as read,
/// unless the text already writes it the language's way.
fn as_read(text: &str, x: f64) -> Option<String> {
    (!nf().is_canonical(text, x)).then(|| i18n::read_as(lang(), x))
}

/// Fields an embed lets its readers change, by path (given only in embed mode;
/// the others are hidden).
#[derive(Clone, Debug, Default)]
pub struct Picked(pub std::collections::BTreeSet<String>);

/// Whether the field at `path` is one an embed's author picked.
fn picked(path: &str) -> bool {
    use_context::<Picked>().is_some_and(|p| p.0.contains(path))
}

/// Writes a field's value into the scenario.
type Setter<T> = Box<dyn Fn(&mut Scenario, T)>;
/// A [`Setter`] shared by several handlers.
type SharedSetter<T> = Arc<dyn Fn(&mut Scenario, T) + Send + Sync>;

/// An HTML id for a field path.
pub fn field_id(path: &str) -> String {
    let id: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{id}")
}

/// A "?" that explains a glossary term on hover, tap and click. It is no tab
/// stop of its own (the page would have dozens): a field's input names its
/// hint with `aria-describedby` (see [`field_hint`]), and the glossary lists
/// every term.
pub fn hint(term: &'static str) -> impl IntoView {
    hint_with_id(term, None)
}

/// The "?" of the field whose input has the id `input_id`: the input's
/// `aria-describedby` names it by [`help_id`].
fn field_hint(term: &'static str, input_id: &str) -> impl IntoView {
    hint_with_id(term, Some(help_id(input_id)))
}

/// The id of the help of the field whose input has the id `input_id`.
fn help_id(input_id: &str) -> String {
    format!("{input_id}-help")
}

fn hint_with_id(term: &'static str, id: Option<String>) -> impl IntoView {
    i18n::term(lang(), term).map(|(name, meaning)| {
        view! {
            // A tap shows the help only: it neither folds the section whose
            // heading holds it nor moves focus to the field its label names.
            <span class="hint" tabindex="-1" role="note" id=id aria-label=format!("{name}: {meaning}")
                data-tip=meaning on:click=|ev| ev.prevent_default()>"?"</span>
        }
    })
}

fn error_list(errors: impl Fn() -> Vec<String> + Send + Sync + 'static) -> impl IntoView {
    move || {
        errors()
            .into_iter()
            .map(|e| view! { <p class="error" role="alert">{e}</p> })
            .collect_view()
    }
}

/// Marks or clears a path as unreadable.
fn set_unreadable(state: AppState, key: &str, unreadable: bool) {
    let has = state.unreadable.with_untracked(|u| u.contains(key));
    if unreadable && !has {
        state.unreadable.update(|u| {
            u.insert(key.to_string());
        });
    } else if !unreadable && has {
        state.unreadable.update(|u| {
            u.remove(key);
        });
    }
}

/// The scenario's currency symbol, shared by every money field's unit label so
/// that the labels follow a change of currency at once (provided by the editor).
#[derive(Clone, Copy)]
pub struct CurrencyUnit(pub Memo<String>);

impl CurrencyUnit {
    /// A memo of the currency symbol of `state`'s scenario.
    pub fn new(state: AppState) -> Self {
        CurrencyUnit(Memo::new(move |_| {
            state
                .scenario
                .with(|s| funnel_lab::format::currency_symbol(&s.currency).to_string())
        }))
    }
}

/// Label, input and messages of one field of the scenario, as the table of
/// fields describes it: an uncertain value, a number (whole for days) or text.
/// Offer ids are chosen from a list: see [`offer_field`].
pub fn field(state: AppState, f: Field) -> AnyView {
    let spec = f.spec();
    let path = f.path();
    let label = t(&i18n::field_id(spec.key));
    let unit: Option<Signal<String>> = match spec.unit {
        Unit::None => None,
        Unit::Currency => Some(
            use_context::<CurrencyUnit>()
                .unwrap_or_else(|| CurrencyUnit::new(state))
                .0
                .into(),
        ),
        Unit::Days => Some(Signal::stored(t("days-unit"))),
    };
    match spec.access {
        Access::Uncertain { .. } => {
            let start = state.scenario.with_untracked(|s| {
                f.uncertain(s)
                    .cloned()
                    .unwrap_or(Uncertain::Fixed(f64::NAN))
            });
            let set: SharedSetter<Uncertain> = Arc::new(move |s, v| f.set_uncertain(s, v));
            uncertain_field_body(state, label, path, spec.term, unit, spec.domain, start, set)
        }
        Access::Number { .. } => {
            let whole = matches!(spec.domain, Domain::Days(_));
            let initial = state
                .scenario
                .with_untracked(|s| show_number(f.number(s).unwrap_or(f64::NAN)));
            let set: Setter<f64> = Box::new(move |s, v| f.set_number(s, v));
            number_field_body(state, label, path, spec.term, unit, whole, initial, set)
        }
        Access::Text { .. } => {
            let initial = state
                .scenario
                .with_untracked(|s| f.text(s).unwrap_or_default().to_string());
            let set: Setter<String> = Box::new(move |s, v| f.set_text(s, v));
            text_field_body(state, label, path, spec.term, initial, set)
        }
    }
}

/// A field that names an offer (`offered_to`, `customers_of`): a `<select>` of `choices`.
pub fn offer_field(state: AppState, f: Field, choices: Vec<String>) -> AnyView {
    let path = f.path();
    let current = state
        .scenario
        .with_untracked(|s| f.text(s).unwrap_or_default().to_string());
    let p = path.clone();
    let errors = move || state.errors_at(&p);
    let invalid = errors.clone();
    let options = choices
        .into_iter()
        .map(|id| {
            let sel = id == current;
            view! { <option value=id.clone() selected=sel>{id.clone()}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:invalid=move || !invalid().is_empty()>
            <label>{t(&i18n::field_id(f.key))} {f.spec().term.map(hint)}
                <select data-path=path on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.scenario.update(|s| f.set_text(s, v));
                }>{options}</select>
            </label>
            {move || errors().into_iter().map(|e| view! { <p class="error" role="alert">{e}</p> }).collect_view()}
        </div>
    }
    .into_any()
}

#[allow(clippy::too_many_arguments)]
fn number_field_body(
    state: AppState,
    label: String,
    path: String,
    term: Option<&'static str>,
    unit: Option<Signal<String>>,
    whole: bool,
    initial: String,
    set: Setter<f64>,
) -> AnyView {
    let local = RwSignal::new(None::<String>);
    let read = RwSignal::new(None::<String>);
    let key = path.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let parsed = parse_number(&text).and_then(|x| {
            if !whole || (x.fract() == 0.0 && (0.0..=100_000.0).contains(&x)) {
                Ok(x)
            } else {
                Err(funnel_lab::format::ReadNumber::NotANumber)
            }
        });
        match parsed {
            Ok(x) => {
                local.set(None);
                read.set(as_read(&text, x));
                set_unreadable(state, &key, false);
                state.scenario.update(|s| set(s, x));
            }
            Err(e) => {
                local.set(Some(i18n::read_number_error(lang(), &text, &e, whole)));
                read.set(None);
                set_unreadable(state, &key, true);
            }
        }
    };
    let p = path.clone();
    let errors = move || {
        let mut e = state.errors_at(&p);
        if let Some(l) = local.get() {
            e.insert(0, l);
        }
        e
    };
    let invalid = errors.clone();
    let id = field_id(&path);
    let is_picked = picked(&path);
    view! {
        <div class="field" class:picked=is_picked class:invalid=move || !invalid().is_empty()>
            <label for=id.clone()>{label} {term.map(|term| field_hint(term, &id))}</label>
            <div class="input-row">
                <input id=id.clone() type="text" inputmode="decimal" autocomplete="off" data-path=path
                    aria-describedby=term.map(|_| help_id(&id))
                    prop:value=initial on:input=on_input />
                {unit.map(|u| view! { <span class="unit">{move || u.get()}</span> })}
                <span class="read-as" data-read-as="">{move || read.get()}</span>
            </div>
            {error_list(errors)}
        </div>
    }
    .into_any()
}

/// Label, input and messages of one text.
fn text_field_body(
    state: AppState,
    label: String,
    path: String,
    term: Option<&'static str>,
    initial: String,
    set: Setter<String>,
) -> AnyView {
    let p = path.clone();
    let errors = move || state.errors_at(&p);
    let invalid = errors.clone();
    let id = field_id(&path);
    let is_picked = picked(&path);
    view! {
        <div class="field" class:picked=is_picked class:invalid=move || !invalid().is_empty()>
            <label for=id.clone()>{label} {term.map(hint)}</label>
            <input id=id type="text" autocomplete="off" data-path=path prop:value=initial
                on:input=move |ev| { let v = event_target_value(&ev); state.scenario.update(|s| set(s, v)); } />
            {error_list(errors)}
        </div>
    }
    .into_any()
}

/// An uncertain value: its form (exactly, 90% range, observed, uniform,
/// triangular) and its numbers. Rates show their centre as a percentage too.
#[allow(clippy::too_many_arguments)]
fn uncertain_field_body(
    state: AppState,
    label: String,
    path: String,
    term: Option<&'static str>,
    unit: Option<Signal<String>>,
    domain: Domain,
    start: Uncertain,
    set: SharedSetter<Uncertain>,
) -> AnyView {
    let rate = domain.is_rate();
    let form = RwSignal::new(start.form());
    let parts = RwSignal::new(start.parts());
    let id = field_id(&path);
    let p = path.clone();
    let errors = move || {
        let mut e = state.errors_at(&p);
        let prefix = format!("{p}#");
        if state
            .unreadable
            .with(|u| u.iter().any(|k| k.starts_with(&prefix)))
        {
            e.insert(0, t("number-part-unreadable"));
        }
        e
    };
    let invalid = errors.clone();
    let forms = UncertainForm::ALL
        .into_iter()
        .filter(|f| rate || *f != UncertainForm::Observed)
        .map(|f| view! { <option value=f.key() selected=f == start.form()>{t(&format!("form-{}", f.key()))}</option> })
        .collect_view();
    let set_form = set.clone();
    let key_prefix = path.clone();
    let on_form = move |ev: leptos::ev::Event| {
        let Some(f) = UncertainForm::from_key(&event_target_value(&ev)) else {
            return;
        };
        let current = Uncertain::from_parts(form.get_untracked(), &parts.get_untracked());
        let converted = current.convert(f, domain);
        state
            .unreadable
            .update(|u| u.retain(|k| !k.starts_with(&format!("{key_prefix}#"))));
        parts.set(converted.parts());
        form.set(f);
        state.scenario.update(|s| set_form(s, converted));
    };
    let part_path = path.clone();
    let part_label = label.clone();
    let inputs = move || {
        let f = form.get();
        let names = f.part_names();
        let initial = parts.get_untracked();
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let key = format!("{}#{i}", part_path);
                let set = set.clone();
                let joiner = match (f, i) {
                    (UncertainForm::Range | UncertainForm::Uniform, 1) => Some("joiner-to"),
                    (UncertainForm::Observed, 1) => Some("joiner-of"),
                    (UncertainForm::Triangular, 1) => Some("joiner-most-likely"),
                    (UncertainForm::Triangular, 2) => Some("joiner-to"),
                    _ => None,
                };
                let read = RwSignal::new(None::<String>);
                let on_input = move |ev: leptos::ev::Event| {
                    let text = event_target_value(&ev);
                    match parse_number(&text) {
                        Ok(x) => {
                            read.set(as_read(&text, x));
                            set_unreadable(state, &key, false);
                            parts.update(|p| {
                                if i < p.len() {
                                    p[i] = x;
                                }
                            });
                            let value = Uncertain::from_parts(f, &parts.get_untracked());
                            state.scenario.update(|s| set(s, value));
                        }
                        Err(_) => {
                            read.set(None);
                            set_unreadable(state, &key, true);
                        }
                    }
                };
                let shown = initial.get(i).copied().map(show_number).unwrap_or_default();
                let aria = tw(
                    "part-label",
                    &[
                        ("label", part_label.as_str().into()),
                        ("part", t(&format!("part-{name}")).into()),
                    ],
                );
                view! {
                    {joiner.map(|j| view! { <span class="joiner">{t(j)}</span> })}
                    <input type="text" inputmode="decimal" autocomplete="off" class="part"
                        aria-label=aria data-part=*name
                        prop:value=shown on:input=on_input />
                    <span class="read-as" data-read-as="">{move || read.get()}</span>
                }
            })
            .collect_view()
    };
    let percent = move || {
        if !rate {
            return None;
        }
        let v = Uncertain::from_parts(form.get(), &parts.get());
        let centre = v.centre(domain);
        centre
            .is_finite()
            .then(|| tw("percent-centre", &[("x", centre.into())]))
    };
    let how_sure = tw("how-sure", &[("label", label.as_str().into())]);
    view! {
        <div class="field uncertain" class:picked=picked(&path) class:invalid=move || !invalid().is_empty() data-path=path.clone()>
            <label for=id.clone()>{label} {term.map(|term| field_hint(term, &id))}</label>
            <div class="input-row">
                <select id=id.clone() class="form" on:change=on_form aria-label=how_sure
                    aria-describedby=term.map(|_| help_id(&id))>{forms}</select>
                // "90% range" explained where it is chosen.
                {move || (form.get() == UncertainForm::Range).then(|| hint("range_90"))}
                {inputs}
                {unit.map(|u| view! { <span class="unit">{move || u.get()}</span> })}
                <span class="percent">{percent}</span>
            </div>
            {error_list(errors)}
        </div>
    }
    .into_any()
}
