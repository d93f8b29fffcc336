//! The halving step from two price tests, beside the step field: "at p₁, k₁
//! of n₁ bought; at p₂, k₂ of n₂" → the core's
//! [`funnel_lab::price_response::halving_step_from_tests`] as one number or a 90%
//! range, with the implied curve ([`funnel_lab::charts::render_demand_curve_svg`]),
//! errors at the form, and a button that writes it into the step field.

use super::fields::parse_number;
use super::lang::{lang, nf, t, tw};
use super::state::AppState;
use funnel_lab::charts::{render_demand_curve_svg, ChartStyle};
use funnel_lab::inputs::Field;
use funnel_lab::price_response::{halving_step_from_tests, PriceTest, StepSpread};
use funnel_lab::scenario::Uncertain;
use leptos::prelude::*;

/// Width and height of the curve's picture, in CSS pixels.
const PICTURE: (u32, u32) = (320, 170);

fn input(data: String, value: RwSignal<String>) -> impl IntoView {
    view! {
        <input type="text" inputmode="decimal" data-step-test=data
            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
    }
}

/// The form for `step` (a price's halving step).
pub fn step_from_tests(state: AppState, step: Field) -> impl IntoView {
    let texts: [RwSignal<String>; 6] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let range = RwSignal::new(false);
    // The two tests and the step they give, or the problem, or nothing yet.
    let outcome = move || {
        let x: Vec<Option<f64>> = texts
            .iter()
            .map(|s| {
                s.with(|v| {
                    (!v.trim().is_empty())
                        .then(|| parse_number(v).ok())
                        .flatten()
                })
            })
            .collect();
        if texts.iter().any(|s| s.with(|v| v.trim().is_empty())) {
            return None;
        }
        let test = |i: usize,
                    which: u8|
         -> Result<PriceTest, funnel_lab::price_response::StepError> {
            match (x[i], x[i + 1], x[i + 2]) {
                (Some(p), Some(k), Some(n)) => Ok(PriceTest::new(p, k, n)),
                (None, ..) => Err(funnel_lab::price_response::StepError::BadPrice { test: which }),
                _ => Err(funnel_lab::price_response::StepError::BadCounts { test: which }),
            }
        };
        let spread = if range.get() {
            StepSpread::Range90
        } else {
            StepSpread::Fixed
        };
        Some(test(0, 1).and_then(|a| {
            let b = test(3, 2)?;
            let value = halving_step_from_tests(a, b, spread)?;
            let centre = halving_step_from_tests(a, b, StepSpread::Fixed)?;
            Ok(([a, b], value, centre))
        }))
    };
    let body = move || {
        let currency = state.scenario.with(|s| s.currency.clone());
        let nf = nf();
        let money = |x: f64| nf.money(x, &currency);
        match outcome()? {
            Err(e) => Some(
                view! { <p class="error" role="alert" data-step-tests="error">{e.say(lang())}</p> }
                    .into_any(),
            ),
            Ok((tests, value, centre)) => {
                let (text, bounds) = match value {
                    Uncertain::Range { low, high } => (
                        tw(
                            "step-tests-result-range",
                            &[("low", money(low).into()), ("high", money(high).into())],
                        ),
                        Some((low, high)),
                    ),
                    _ => (
                        tw(
                            "step-tests-result-fixed",
                            &[("step", money(centre.as_fixed().unwrap_or(0.0)).into())],
                        ),
                        None,
                    ),
                };
                let style = ChartStyle {
                    scale: 1.0,
                    lang: lang(),
                };
                let step_value = centre.as_fixed().unwrap_or(0.0);
                let svg = render_demand_curve_svg(
                    tests, step_value, bounds, &currency, &style, PICTURE.0, PICTURE.1,
                )
                .unwrap_or_default();
                Some(view! {
                    <p data-step-tests="result">{text} " "
                        <button type="button" data-action="use-step"
                            on:click=move |_| state.restructure(|s| step.set_uncertain(s, value.clone()))>
                            {t("step-tests-use")}
                        </button>
                    </p>
                    <div class="step-curve" inner_html=svg></div>
                }.into_any())
            }
        }
    };
    let row = move |which: u32, i: usize| {
        view! {
            <div class="pair">
                {tw("step-tests-test", &[("test", which.into())])} " " {input(format!("p{which}"), texts[i])}
                {t("step-tests-bought")} " " {input(format!("k{which}"), texts[i + 1])}
                {t("step-tests-of")} " " {input(format!("n{which}"), texts[i + 2])}
            </div>
        }
    };
    view! {
        <details class="step-tests" data-step-tests=step.path()>
            <summary>{t("step-tests-title")}</summary>
            <p class="note">{t("step-tests-note")}</p>
            {row(1, 0)}
            {row(2, 3)}
            <label><input type="radio" name=format!("{}:spread", step.path()) checked=true
                on:change=move |_| range.set(false) /> " " {t("step-tests-fixed")}</label> " "
            <label><input type="radio" name=format!("{}:spread", step.path()) data-step-test="range"
                on:change=move |_| range.set(true) /> " " {t("step-tests-range")}</label>
            {body}
        </details>
    }
}
