//! The scenario editor: every field of schema 1, grouped as the value ladder runs.

use super::fields::{hint, number_field, text_field, uncertain_field};
use super::state::AppState;
use crate::scenario::{defaults, Scenario, Uncertain};
use leptos::prelude::*;

/// An uncertain field at a place of the scenario (a place valid for `&` and `&mut`).
macro_rules! unc {
    ($st:expr, $label:expr, $path:expr, $term:expr, $unit:expr, $rate:expr, |$s:ident| $place:expr) => {
        uncertain_field(
            $st,
            $label,
            $path,
            $term,
            $unit,
            $rate,
            move |$s: &Scenario| $place.clone(),
            move |$s: &mut Scenario, v: Uncertain| $place = v,
        )
    };
}

/// An uncertain field of an optional stage (`repeat`, `subscription`, `referrals`).
macro_rules! unc_in {
    ($st:expr, $label:expr, $path:expr, $term:expr, $unit:expr, $rate:expr, $stage:ident . $field:ident) => {
        uncertain_field(
            $st,
            $label,
            $path.to_string(),
            $term,
            $unit,
            $rate,
            move |s: &Scenario| {
                s.$stage
                    .as_ref()
                    .map(|x| x.$field.clone())
                    .unwrap_or(Uncertain::Fixed(0.0))
            },
            move |s: &mut Scenario, v: Uncertain| {
                if let Some(x) = s.$stage.as_mut() {
                    x.$field = v;
                }
            },
        )
    };
}

/// A plain number of an optional stage.
macro_rules! num_in {
    ($st:expr, $label:expr, $path:expr, $term:expr, $unit:expr, $stage:ident . $field:ident) => {
        num_in!($st, $label, $path, $term, $unit, false, $stage.$field)
    };
    ($st:expr, $label:expr, $path:expr, $term:expr, $unit:expr, $whole:expr, $stage:ident . $field:ident) => {
        number_field(
            $st,
            $label,
            $path.to_string(),
            $term,
            $unit,
            $whole,
            move |s: &Scenario| s.$stage.as_ref().map_or(f64::NAN, |x| x.$field as f64),
            move |s: &mut Scenario, v: f64| {
                if let Some(x) = s.$stage.as_mut() {
                    x.$field = v as _;
                }
            },
        )
    };
}

/// The editor; rebuilt from the scenario whenever the state's editor epoch changes.
#[component]
pub fn Editor() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.editor_epoch.get();
        untrack(|| editor_body(state))
    }
}

fn money(state: AppState) -> Option<String> {
    Some(state.scenario.with_untracked(|s| s.currency.clone()))
}

fn section(
    title: &'static str,
    term: Option<&'static str>,
    note: &'static str,
    body: impl IntoView,
) -> impl IntoView {
    view! {
        <details class="section" open>
            <summary><h3>{title} {term.map(hint)}</h3></summary>
            <p class="note">{note}</p>
            {body}
        </details>
    }
}

fn offer_ids(state: AppState) -> Vec<String> {
    state
        .scenario
        .with_untracked(|s| s.offers.iter().map(|o| o.id.clone()).collect())
}

/// A `<select>` of offer ids.
fn offer_select(
    state: AppState,
    label: &'static str,
    path: impl Into<String>,
    choices: Vec<String>,
    current: String,
    set: impl Fn(&mut Scenario, String) + 'static,
) -> impl IntoView {
    let path: String = path.into();
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
            <label>{label}
                <select data-path=path on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.scenario.update(|s| set(s, v));
                }>{options}</select>
            </label>
            {move || errors().into_iter().map(|e| view! { <p class="error" role="alert">{e}</p> }).collect_view()}
        </div>
    }
}

fn general(state: AppState) -> impl IntoView {
    let cur = money(state);
    section(
        "Scenario",
        None,
        "The name, the currency all money is shown in, and how many days to simulate.",
        view! {
            {text_field(state, "Name", "name".into(), |s| s.name.clone(), |s, v| s.name = v)}
            {text_field(state, "Currency", "currency".into(), |s| s.currency.clone(), |s, v| s.currency = v)}
            {number_field(state, "Horizon", "horizon_days".into(), Some("horizon"), Some("days".into()), true,
                |s| f64::from(s.horizon_days), |s, v| s.horizon_days = v as u32)}
            {unc!(state, "Fixed costs a month", "fixed_costs_per_month".into(), Some("fixed_costs"), cur, false,
                |s| s.fixed_costs_per_month)}
        },
    )
}

fn channels(state: AppState) -> impl IntoView {
    let n = state.scenario.with_untracked(|s| s.channels.len());
    let cur = money(state);
    let rows = (0..n)
        .map(|i| {
            let p = move |f: &str| format!("channels[{i}].{f}");
            let cur = cur.clone();
            view! {
                <fieldset class="item" data-item=format!("channel-{i}")>
                    <legend>{format!("Channel {}", i + 1)}</legend>
                    {text_field(state, "Name", p("name"), move |s| s.channels[i].name.clone(), move |s, v| s.channels[i].name = v)}
                    <div class="pair">
                        {number_field(state, "From day", p("start_day"), None, None, true,
                            move |s| f64::from(s.channels[i].start_day), move |s, v| s.channels[i].start_day = v as u32)}
                        {number_field(state, "Until day", p("end_day"), None, None, true,
                            move |s| f64::from(s.channels[i].end_day), move |s, v| s.channels[i].end_day = v as u32)}
                    </div>
                    {unc!(state, "Visitors a day", p("visitors_per_day"), Some("visitor"), None, false, |s| s.channels[i].visitors_per_day)}
                    {unc!(state, "Cost per visitor", p("cost_per_visitor"), Some("channel"), cur.clone(), false, |s| s.channels[i].cost_per_visitor)}
                    {unc!(state, "Opt-in rate", p("optin_rate"), Some("optin_rate"), None, true, |s| s.channels[i].optin_rate)}
                    <button type="button" class="remove" disabled=n == 1
                        on:click=move |_| state.restructure(|s| { s.channels.remove(i); })>"Remove channel"</button>
                </fieldset>
            }
        })
        .collect_view();
    section(
        "Traffic channels",
        Some("channel"),
        "Where visitors come from, what each costs, and how many leave their contacts for the lead magnet.",
        view! {
            {move || state.errors_at("channels").into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
            {rows}
            <button type="button" class="add" on:click=move |_| state.restructure(|s| {
                let name = format!("Channel {}", s.channels.len() + 1);
                s.channels.push(defaults::channel(name, s.horizon_days));
            })>"Add channel"</button>
        },
    )
}

fn lead_magnet(state: AppState) -> impl IntoView {
    let cur = money(state);
    section(
        "Lead magnet",
        Some("lead_magnet"),
        "What a visitor gets for leaving contacts: usually free; it costs something to deliver.",
        view! {
            {unc!(state, "Price", "lead_magnet.price".into(), None, cur.clone(), false, |s| s.lead_magnet.price)}
            {unc!(state, "Delivery cost per lead", "lead_magnet.delivery_cost".into(), Some("unit_cost"), cur.clone(), false, |s| s.lead_magnet.delivery_cost)}
            {halving(state, "lead_magnet.price_halving_step", cur,
                |s| s.lead_magnet.price_halving_step, |s, v| s.lead_magnet.price_halving_step = v)}
        },
    )
}

/// The optional price rise that halves demand.
fn halving(
    state: AppState,
    path: impl Into<String>,
    unit: Option<String>,
    get: impl Fn(&Scenario) -> Option<f64> + Copy + 'static,
    set: impl Fn(&mut Scenario, Option<f64>) + Copy + 'static,
) -> impl IntoView {
    let path: String = path.into();
    let on = state.scenario.with_untracked(|s| get(s).is_some());
    let key = format!("{path}:on");
    view! {
        <div class="field toggle">
            <label>
                <input type="checkbox" checked=on data-path=key on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    state.restructure(|s| set(s, checked.then_some(20.0)));
                } />
                " Price changes demand " {hint("price_response")}
            </label>
        </div>
        {on.then(|| number_field(state, "Price rise that halves demand", path, None, unit, false,
            move |s| get(s).unwrap_or(f64::NAN), move |s, v| set(s, Some(v))))}
    }
}

fn nurture(state: AppState) -> impl IntoView {
    let cur = money(state);
    section(
        "Nurture",
        Some("nurture"),
        "Warm leads are touched (emails, calls, messages) until they buy the entry offer, unsubscribe or go cold. The first weeks are the hottest.",
        view! {
            <div class="pair">
                {number_field(state, "Hot window", "nurture.window_days".into(), Some("nurture"), Some("days".into()), true,
                    |s| f64::from(s.nurture.window_days), |s, v| s.nurture.window_days = v as u32)}
                {number_field(state, "Touches a week in it", "nurture.touches_per_week".into(), Some("touch"), None, false,
                    |s| s.nurture.touches_per_week, |s, v| s.nurture.touches_per_week = v)}
            </div>
            <div class="pair">
                {number_field(state, "Touches a month after it", "nurture.touches_per_month_after".into(), Some("touch"), None, false,
                    |s| s.nurture.touches_per_month_after, |s, v| s.nurture.touches_per_month_after = v)}
                {number_field(state, "Touches to full trust", "nurture.trust_touches".into(), Some("trust_touches"), None, false,
                    |s| s.nurture.trust_touches, |s, v| s.nurture.trust_touches = v)}
            </div>
            {unc!(state, "Conversion per touch (full trust)", "nurture.conversion_per_touch".into(), Some("conversion"), None, true, |s| s.nurture.conversion_per_touch)}
            {unc!(state, "Unsubscribes per touch", "nurture.unsubscribe_per_touch".into(), Some("unsubscribe"), None, true, |s| s.nurture.unsubscribe_per_touch)}
            {number_field(state, "Interest half-life", "nurture.interest_half_life_days".into(), Some("half_life"), Some("days".into()), false,
                |s| s.nurture.interest_half_life_days, |s, v| s.nurture.interest_half_life_days = v)}
            {unc!(state, "Cost per touch", "nurture.cost_per_touch".into(), Some("touch"), cur, false, |s| s.nurture.cost_per_touch)}
        },
    )
}

fn offers(state: AppState) -> impl IntoView {
    let n = state.scenario.with_untracked(|s| s.offers.len());
    let ids = offer_ids(state);
    let cur = money(state);
    let rows = (0..n)
        .map(|i| {
            let p = move |f: &str| format!("offers[{i}].{f}");
            let cur = cur.clone();
            let parent = state.scenario.with_untracked(|s| s.offers[i].offered_to.clone().unwrap_or_default());
            let follow = (i > 0).then(|| {
                view! {
                    {offer_select(state, "Offered to buyers of", p("offered_to"), ids[..i].to_vec(), parent.clone(),
                        move |s, v| s.offers[i].offered_to = Some(v))}
                    {uncertain_field(state, "Take rate", p("take_rate"), Some("take_rate"), None, true,
                        move |s: &Scenario| s.offers[i].take_rate.clone().unwrap_or(Uncertain::Fixed(f64::NAN)),
                        move |s: &mut Scenario, v| s.offers[i].take_rate = Some(v))}
                    {number_field(state, "Mean delay", p("delay_days"), Some("delay"), Some("days".into()), false,
                        move |s| s.offers[i].delay_days.unwrap_or(f64::NAN), move |s, v| s.offers[i].delay_days = Some(v))}
                }
            });
            let kind = if i == 0 { "Entry offer (bought through touches)".to_string() } else { format!("Offer {}", i + 1) };
            let get_h = move |s: &Scenario| s.offers.get(i).and_then(|o| o.price_halving_step);
            let set_h = move |s: &mut Scenario, v: Option<f64>| {
                if let Some(o) = s.offers.get_mut(i) {
                    o.price_halving_step = v;
                }
            };
            view! {
                <fieldset class="item" data-item=format!("offer-{i}")>
                    <legend>{kind} {hint(if i == 0 { "entry_offer" } else { "upsell" })}</legend>
                    <div class="pair">
                        {text_field(state, "Id", p("id"), move |s| s.offers[i].id.clone(), move |s, v| s.offers[i].id = v)}
                        {text_field(state, "Name", p("name"), move |s| s.offers[i].name.clone(), move |s, v| s.offers[i].name = v)}
                    </div>
                    {follow}
                    {unc!(state, "Price", p("price"), None, cur.clone(), false, |s| s.offers[i].price)}
                    {unc!(state, "Unit cost", p("unit_cost"), Some("unit_cost"), cur.clone(), false, |s| s.offers[i].unit_cost)}
                    {unc!(state, "Refund rate", p("refund_rate"), Some("refund"), None, true, |s| s.offers[i].refund_rate)}
                    {halving(state, p("price_halving_step"), cur.clone(), get_h, set_h)}
                    <div class="buttons">
                        <button type="button" disabled=i < 2 title="Move up (a follow-up stays below the offer it follows)"
                            on:click=move |_| state.restructure(|s| s.offers.swap(i - 1, i))>"Move up"</button>
                        <button type="button" disabled=i == 0 || i + 1 == n
                            on:click=move |_| state.restructure(|s| s.offers.swap(i, i + 1))>"Move down"</button>
                        <button type="button" class="remove" disabled=n == 1
                            on:click=move |_| state.restructure(|s| { s.offers.remove(i); })>"Remove offer"</button>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    section(
        "Value ladder",
        Some("value_ladder"),
        "The entry offer (often a cheap tripwire) is bought through touches; each later offer is made to buyers of an earlier one.",
        view! {
            {move || state.errors_at("offers").into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
            {rows}
            <button type="button" class="add" on:click=move |_| state.restructure(|s| {
                let parent = s.offers.last().map(|o| o.id.clone()).unwrap_or_default();
                let mut k = s.offers.len() + 1;
                while s.offers.iter().any(|o| o.id == format!("offer{k}")) { k += 1; }
                s.offers.push(defaults::follow_up(format!("offer{k}"), parent));
            })>"Add offer"</button>
        },
    )
}

fn stage_toggle(
    state: AppState,
    label: &'static str,
    key: &'static str,
    on: bool,
    set: impl Fn(&mut Scenario, bool) + 'static,
) -> impl IntoView {
    view! {
        <label class="toggle">
            <input type="checkbox" checked=on data-path=key on:change=move |ev| {
                let checked = event_target_checked(&ev);
                state.restructure(|s| set(s, checked));
            } />
            " " {label}
        </label>
    }
}

fn first_offer(s: &Scenario) -> String {
    s.offers
        .get(1)
        .or(s.offers.first())
        .map(|o| o.id.clone())
        .unwrap_or_default()
}

fn repeat(state: AppState) -> impl IntoView {
    let cur = money(state);
    let (on, of, wb) = state.scenario.with_untracked(|s| {
        let r = s.repeat.as_ref();
        (
            r.is_some(),
            r.map(|r| r.customers_of.clone()).unwrap_or_default(),
            r.is_some_and(|r| r.winback.is_some()),
        )
    });
    let body = on.then(|| {
        let cur2 = cur.clone();
        view! {
            {offer_select(state, "Customers of", "repeat.customers_of", offer_ids(state), of,
                |s, v| if let Some(r) = s.repeat.as_mut() { r.customers_of = v })}
            {unc_in!(state, "Price", "repeat.price", None, cur.clone(), false, repeat.price)}
            {unc_in!(state, "Unit cost", "repeat.unit_cost", Some("unit_cost"), cur.clone(), false, repeat.unit_cost)}
            {unc_in!(state, "Purchases a month (active customer)", "repeat.purchases_per_month", Some("purchase_rhythm"), None, false, repeat.purchases_per_month)}
            {num_in!(state, "Spread of rhythms (Gamma shape)", "repeat.rate_shape", Some("purchase_rhythm"), None, repeat.rate_shape)}
            {unc_in!(state, "Dropout after a purchase", "repeat.dropout_after_purchase", Some("dropout"), None, true, repeat.dropout_after_purchase)}
            {num_in!(state, "Dropout concentration", "repeat.dropout_concentration", Some("dropout"), None, repeat.dropout_concentration)}
            {stage_toggle(state, "Win-back", "repeat.winback:on", wb, |s, on| {
                if let Some(r) = s.repeat.as_mut() { r.winback = on.then(defaults::winback); }
            })}
            {wb.then(|| view! {
                {number_field(state, "Attempt after", "repeat.winback.detect_days".into(), Some("winback"), Some("days".into()), true,
                    |s| s.repeat.as_ref().and_then(|r| r.winback.as_ref()).map_or(f64::NAN, |w| f64::from(w.detect_days)),
                    |s, v| if let Some(w) = s.repeat.as_mut().and_then(|r| r.winback.as_mut()) { w.detect_days = v as u32 })}
                {uncertain_field(state, "Success rate", "repeat.winback.success_rate".into(), Some("winback"), None, true,
                    |s: &Scenario| s.repeat.as_ref().and_then(|r| r.winback.as_ref()).map_or(Uncertain::Fixed(0.0), |w| w.success_rate.clone()),
                    |s: &mut Scenario, v| if let Some(w) = s.repeat.as_mut().and_then(|r| r.winback.as_mut()) { w.success_rate = v })}
                {uncertain_field(state, "Cost per attempt", "repeat.winback.cost_per_attempt".into(), None, cur2.clone(), false,
                    |s: &Scenario| s.repeat.as_ref().and_then(|r| r.winback.as_ref()).map_or(Uncertain::Fixed(0.0), |w| w.cost_per_attempt.clone()),
                    move |s: &mut Scenario, v| if let Some(w) = s.repeat.as_mut().and_then(|r| r.winback.as_mut()) { w.cost_per_attempt = v })}
            })}
        }
    });
    section(
        "Return path",
        Some("repeat_purchase"),
        "Customers keep buying at their own rhythm until they drop out; a win-back attempt can bring them back.",
        view! {
            {stage_toggle(state, "Repeat purchases", "repeat:on", on, |s, on| {
                s.repeat = on.then(|| defaults::repeat(first_offer(s)));
            })}
            {body}
        },
    )
}

fn subscription(state: AppState) -> impl IntoView {
    let cur = money(state);
    let (on, of) = state.scenario.with_untracked(|s| {
        (
            s.subscription.is_some(),
            s.subscription
                .as_ref()
                .map(|x| x.offered_to.clone())
                .unwrap_or_default(),
        )
    });
    let body = on.then(|| {
        view! {
            {offer_select(state, "Offered to buyers of", "subscription.offered_to", offer_ids(state), of,
                |s, v| if let Some(x) = s.subscription.as_mut() { x.offered_to = v })}
            {unc_in!(state, "Take rate", "subscription.take_rate", Some("take_rate"), None, true, subscription.take_rate)}
            {num_in!(state, "Mean delay (days)", "subscription.delay_days", Some("delay"), None, subscription.delay_days)}
            {unc_in!(state, "Monthly price", "subscription.monthly_price", Some("mrr"), cur.clone(), false, subscription.monthly_price)}
            {unc_in!(state, "Monthly cost", "subscription.monthly_unit_cost", Some("unit_cost"), cur.clone(), false, subscription.monthly_unit_cost)}
            {unc_in!(state, "Churn after a payment", "subscription.monthly_churn", Some("churn"), None, true, subscription.monthly_churn)}
            {num_in!(state, "Churn concentration", "subscription.churn_concentration", Some("churn"), None, subscription.churn_concentration)}
        }
    });
    section(
        "Subscription",
        Some("subscription"),
        "A monthly payment until the subscriber cancels; each subscriber has its own churn.",
        view! {
            {stage_toggle(state, "Subscription", "subscription:on", on, |s, on| {
                s.subscription = on.then(|| defaults::subscription(first_offer(s)));
            })}
            {body}
        },
    )
}

fn referrals(state: AppState) -> impl IntoView {
    let cur = money(state);
    let (on, of) = state.scenario.with_untracked(|s| {
        (
            s.referrals.is_some(),
            s.referrals
                .as_ref()
                .map(|x| x.customers_of.clone())
                .unwrap_or_default(),
        )
    });
    let body = on.then(|| {
        view! {
            {offer_select(state, "Customers of", "referrals.customers_of", offer_ids(state), of,
                |s, v| if let Some(x) = s.referrals.as_mut() { x.customers_of = v })}
            {unc_in!(state, "Fan rate", "referrals.fan_rate", Some("fan"), None, true, referrals.fan_rate)}
            {unc_in!(state, "Leads per fan", "referrals.leads_per_fan", Some("fan"), None, false, referrals.leads_per_fan)}
            {unc_in!(state, "Promoter rate", "referrals.promoter_rate", Some("promoter"), None, true, referrals.promoter_rate)}
            {unc_in!(state, "Leads per promoter", "referrals.leads_per_promoter", Some("promoter"), None, false, referrals.leads_per_promoter)}
            {unc_in!(state, "Reward per referred buyer", "referrals.reward_per_referred_buyer", Some("reward"), cur.clone(), false, referrals.reward_per_referred_buyer)}
            {num_in!(state, "Referred leads arrive within", "referrals.window_days", Some("referral"), Some("days".into()), true, referrals.window_days)}
            {num_in!(state, "Referred leads convert × as often", "referrals.referred_conversion_multiplier", Some("referral"), None, referrals.referred_conversion_multiplier)}
        }
    });
    section(
        "Fans and promoters",
        Some("referral"),
        "Happy customers bring new leads: fans for free, promoters for a reward when their lead buys.",
        view! {
            {stage_toggle(state, "Referrals", "referrals:on", on, |s, on| {
                s.referrals = on.then(|| defaults::referrals(first_offer(s)));
            })}
            {body}
        },
    )
}

fn editor_body(state: AppState) -> impl IntoView {
    view! {
        <form class="editor" on:submit=|ev| ev.prevent_default() aria-label="Scenario editor">
            {general(state)}
            {channels(state)}
            {lead_magnet(state)}
            {nurture(state)}
            {offers(state)}
            {repeat(state)}
            {subscription(state)}
            {referrals(state)}
        </form>
    }
}
