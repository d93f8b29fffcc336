//! The scenario editor: every field of schema 1, grouped as the value ladder runs.
//! Labels, units, glossary hints and input kinds come from the table of fields
//! ([`funnel_lab::inputs`]); this module lays them out and adds, removes and moves items.
//! Long lists (channels, offers) are rendered a few items per task ([`incremental`]),
//! so that opening the largest scenario allowed never blocks the page for long.

use super::fields::{field, hint, offer_field, CurrencyUnit};
use super::lang::{nf, t, tw};
use super::state::AppState;
use funnel_lab::inputs::{Field, Key};
use funnel_lab::scenario::{defaults, Scenario, Uncertain};
use leptos::prelude::*;
use std::sync::Arc;

/// Items of a list rendered in the task that builds the editor; the rest follow
/// [`LATER_ITEMS`] at a time, each group in a task of its own.
const FIRST_ITEMS: usize = 2;
/// Items rendered by each later task.
const LATER_ITEMS: usize = 2;

/// One item of a list, by its index.
type Row = Arc<dyn Fn(usize) -> AnyView + Send + Sync>;

/// Items `0..n` of a list, as many as `state.editor_shown` allows: the first
/// [`FIRST_ITEMS`] when the editor is built, then [`LATER_ITEMS`] more in each
/// later task ([`reveal_later`]). Each group is rendered once (a memo guards it),
/// so a later group never rebuilds an earlier one.
fn incremental(state: AppState, n: usize, row: Row) -> impl IntoView {
    std::iter::once(0)
        .chain((FIRST_ITEMS..n).step_by(LATER_ITEMS))
        .filter(|&start| start < n)
        .map(|start| {
            let end = if start == 0 {
                FIRST_ITEMS.min(n)
            } else {
                (start + LATER_ITEMS).min(n)
            };
            let visible = Memo::new(move |_| state.editor_shown.get() > start);
            let row = row.clone();
            move || {
                visible
                    .get()
                    .then(|| (start..end).map(|i| row(i)).collect_view())
            }
        })
        .collect_view()
}

/// Lets the lists of the editor built at `epoch` grow by [`LATER_ITEMS`] in each
/// zero-delay timeout until `longest` items are shown; stops when the editor is
/// rebuilt meanwhile. Whatever moves focus to a field by its path before all
/// are in sets `editor_shown` to `usize::MAX` first (the field is in the page
/// from the next task on).
fn reveal_later(state: AppState, epoch: u64, longest: usize) {
    set_timeout(
        move || {
            if state.editor_epoch.get_untracked() != epoch {
                return;
            }
            state
                .editor_shown
                .update(|s| *s = s.saturating_add(LATER_ITEMS));
            if state.editor_shown.get_untracked() < longest {
                reveal_later(state, epoch, longest);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The field `key` of channel or offer `item` (0 for the other parts), as the
/// table of fields describes it.
fn at(state: AppState, key: Key, item: usize) -> AnyView {
    field(state, Field::new(key, item))
}

/// The editor; rebuilt from the scenario whenever the state's editor epoch changes.
#[component]
pub fn Editor() -> impl IntoView {
    let state = expect_context::<AppState>();
    provide_context(CurrencyUnit::new(state));
    move || {
        let epoch = state.editor_epoch.get();
        untrack(|| {
            let longest = state
                .scenario
                .with(|s| s.channels.len().max(s.offers.len()));
            state.editor_shown.set(FIRST_ITEMS);
            if longest > FIRST_ITEMS {
                reveal_later(state, epoch, longest);
            }
            editor_body(state)
        })
    }
}

/// A section of the editor; `id` names its title in the catalogue, and its
/// note is `id` followed by `-note`.
fn section(id: &'static str, term: Option<&'static str>, body: impl IntoView) -> impl IntoView {
    view! {
        <details class="section" open>
            <summary><h3>{t(id)} {term.map(hint)}</h3></summary>
            <p class="note">{t(&format!("{id}-note"))}</p>
            {body}
        </details>
    }
}

fn offer_ids(state: AppState) -> Vec<String> {
    state
        .scenario
        .with_untracked(|s| s.offers.iter().map(|o| o.id.clone()).collect())
}

fn general(state: AppState) -> impl IntoView {
    section(
        "section-scenario",
        None,
        view! {
            {at(state, Key::Name, 0)}
            {at(state, Key::Currency, 0)}
            {at(state, Key::HorizonDays, 0)}
            {at(state, Key::FixedCostsPerMonth, 0)}
        },
    )
}

fn channels(state: AppState) -> impl IntoView {
    let n = state.scenario.with_untracked(|s| s.channels.len());
    let row: Row = Arc::new(move |i| {
        view! {
                <fieldset class="item" data-item=format!("channel-{i}")>
                    <legend>{tw("channel-legend", &[("n", (i + 1).into())])}</legend>
                    {at(state, Key::ChannelName, i)}
                    <div class="pair">
                        {at(state, Key::ChannelStartDay, i)}
                        {at(state, Key::ChannelEndDay, i)}
                    </div>
                    {at(state, Key::ChannelVisitorsPerDay, i)}
                    {at(state, Key::ChannelCostPerVisitor, i)}
                    {at(state, Key::ChannelOptinRate, i)}
                    <button type="button" class="remove" disabled=n == 1
                        on:click=move |_| state.restructure(|s| { s.channels.remove(i); })>{t("remove-channel")}</button>
                </fieldset>
            }
            .into_any()
    });
    let rows = incremental(state, n, row);
    section(
        "section-channels",
        Some("channel"),
        view! {
            {move || state.errors_at("channels").into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
            {rows}
            <button type="button" class="add" disabled={n >= funnel_lab::limits::MAX_CHANNELS}
                title=tw("limit-channels", &[("n", funnel_lab::limits::MAX_CHANNELS.into())])
                on:click=move |_| state.restructure(|s| {
                let name = tw("new-channel-name", &[("n", (s.channels.len() + 1).into())]);
                s.channels.push(defaults::channel(name, s.horizon_days));
            })>{t("add-channel")}</button>
        },
    )
}

fn lead_magnet(state: AppState) -> impl IntoView {
    section(
        "section-lead-magnet",
        Some("lead_magnet"),
        view! {
            {at(state, Key::LeadMagnetPrice, 0)}
            {at(state, Key::LeadMagnetDeliveryCost, 0)}
            {halving(state, Field::new(Key::LeadMagnetPriceHalvingStep, 0),
                Field::new(Key::LeadMagnetPriceReference, 0), Field::new(Key::LeadMagnetPrice, 0),
                |s| {
                    s.lead_magnet.price_halving_step = None;
                    s.lead_magnet.price_reference = None;
                })}
        },
    )
}

/// The optional price response: a toggle, and when on the price rise that halves
/// demand and the reference price at which demand was seen. Ticking it sets the
/// reference to the current `price` (its centre), so demand moves only when the
/// price is edited afterwards; `clear` turns it off.
fn halving(
    state: AppState,
    step: Field,
    reference: Field,
    price: Field,
    clear: impl Fn(&mut Scenario) + Copy + 'static,
) -> impl IntoView {
    let on = state.scenario.with_untracked(|s| step.exists(s));
    let key = format!("{}:on", step.path());
    view! {
        <div class="field toggle">
            <label>
                <input type="checkbox" checked=on data-path=key on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    state.restructure(|s| if checked {
                        step.set_uncertain(s, Uncertain::Fixed(20.0));
                        if let Some(p) = price.centre(s).filter(|p| p.is_finite()) {
                            reference.set_number(s, p);
                        }
                    } else {
                        clear(s)
                    });
                } />
                " " {t("price-changes-demand")} " " {hint("price_response")}
            </label>
        </div>
        {on.then(|| view! { {field(state, step)} {super::step_tests::step_from_tests(state, step)} {field(state, reference)} {factor_readout(state, step, reference, price)} })}
    }
}

/// The live demand factor of the price response: "at 17 USD: ×0.76 of the
/// buyers seen at 7 USD", from the centres of the price and the step and the
/// reference (the price itself when there is none), as the engine applies it
/// before capping rates at 1.
fn factor_readout(state: AppState, step: Field, reference: Field, price: Field) -> impl IntoView {
    move || {
        state.scenario.with(|s| {
            let p = price.centre(s)?;
            let halving = step.centre(s)?;
            let r = reference.number(s).unwrap_or(p);
            if !(p.is_finite() && r.is_finite() && halving > 0.0) {
                return None;
            }
            let factor = funnel_lab::engine::price_factor(p, r, Some(halving));
            let nf = nf();
            let text = tw(
                "price-factor-readout",
                &[
                    ("price", nf.money(p, &s.currency).into()),
                    ("factor", nf.compact(factor).into()),
                    ("reference", nf.money(r, &s.currency).into()),
                ],
            );
            Some(view! { <p class="price-factor" role="status" data-factor=step.path()>{text} {hint("price_elasticity")}</p> })
        })
    }
}

fn nurture(state: AppState) -> impl IntoView {
    section(
        "section-nurture",
        Some("nurture"),
        view! {
            <div class="pair">
                {at(state, Key::NurtureWindowDays, 0)}
                {at(state, Key::NurtureTouchesPerWeek, 0)}
            </div>
            <div class="pair">
                {at(state, Key::NurtureTouchesPerMonthAfter, 0)}
                {at(state, Key::NurtureTrustTouches, 0)}
            </div>
            {at(state, Key::NurtureConversionPerTouch, 0)}
            {at(state, Key::NurtureUnsubscribePerTouch, 0)}
            {at(state, Key::NurtureInterestHalfLifeDays, 0)}
            {at(state, Key::NurtureCostPerTouch, 0)}
        },
    )
}

fn offers(state: AppState) -> impl IntoView {
    let n = state.scenario.with_untracked(|s| s.offers.len());
    let ids = offer_ids(state);
    let row: Row = Arc::new(move |i| {
        let follow = (i > 0).then(|| {
            view! {
                {offer_field(state, Field::new(Key::OfferOfferedTo, i), ids[..i].to_vec())}
                {at(state, Key::OfferTakeRate, i)}
                {at(state, Key::OfferDelayDays, i)}
            }
        });
        let kind = if i == 0 {
            t("entry-offer-legend")
        } else {
            tw("offer-legend", &[("n", (i + 1).into())])
        };
        let clear_h = move |s: &mut Scenario| {
            if let Some(o) = s.offers.get_mut(i) {
                o.price_halving_step = None;
                o.price_reference = None;
            }
        };
        view! {
                <fieldset class="item" data-item=format!("offer-{i}")>
                    <legend>{kind} {hint(if i == 0 { "entry_offer" } else { "upsell" })}</legend>
                    <div class="pair">
                        {at(state, Key::OfferId, i)}
                        {at(state, Key::OfferName, i)}
                    </div>
                    {follow}
                    {at(state, Key::OfferPrice, i)}
                    {at(state, Key::OfferUnitCost, i)}
                    {at(state, Key::OfferRefundRate, i)}
                    {halving(state, Field::new(Key::OfferPriceHalvingStep, i),
                        Field::new(Key::OfferPriceReference, i), Field::new(Key::OfferPrice, i), clear_h)}
                    <div class="buttons">
                        <button type="button" disabled=i < 2 title=t("move-up-title")
                            on:click=move |_| state.restructure(|s| s.offers.swap(i - 1, i))>{t("move-up")}</button>
                        <button type="button" disabled=i == 0 || i + 1 == n
                            on:click=move |_| state.restructure(|s| s.offers.swap(i, i + 1))>{t("move-down")}</button>
                        <button type="button" class="remove" disabled=n == 1
                            on:click=move |_| state.restructure(|s| { s.offers.remove(i); })>{t("remove-offer")}</button>
                    </div>
                </fieldset>
            }
            .into_any()
    });
    let rows = incremental(state, n, row);
    section(
        "section-offers",
        Some("value_ladder"),
        view! {
            {move || state.errors_at("offers").into_iter().map(|e| view! { <p class="error">{e}</p> }).collect_view()}
            {rows}
            <button type="button" class="add" disabled={n >= funnel_lab::limits::MAX_OFFERS}
                title=tw("limit-offers", &[("n", funnel_lab::limits::MAX_OFFERS.into())])
                on:click=move |_| state.restructure(|s| {
                let parent = s.offers.last().map(|o| o.id.clone()).unwrap_or_default();
                let mut k = s.offers.len() + 1;
                while s.offers.iter().any(|o| o.id == format!("offer{k}")) { k += 1; }
                s.offers.push(defaults::follow_up(format!("offer{k}"), parent));
            })>{t("add-offer")}</button>
        },
    )
}

fn stage_toggle(
    state: AppState,
    label: String,
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
    let (on, wb) = state.scenario.with_untracked(|s| {
        let r = s.repeat.as_ref();
        (r.is_some(), r.is_some_and(|r| r.winback.is_some()))
    });
    let body = on.then(|| {
        view! {
            {offer_field(state, Field::new(Key::RepeatCustomersOf, 0), offer_ids(state))}
            {at(state, Key::RepeatPrice, 0)}
            {at(state, Key::RepeatUnitCost, 0)}
            {at(state, Key::RepeatPurchasesPerMonth, 0)}
            {at(state, Key::RepeatRateShape, 0)}
            {at(state, Key::RepeatDropoutAfterPurchase, 0)}
            {at(state, Key::RepeatDropoutConcentration, 0)}
            {stage_toggle(state, t("toggle-winback"), "repeat.winback:on", wb, |s, on| {
                if let Some(r) = s.repeat.as_mut() { r.winback = on.then(defaults::winback); }
            })}
            {wb.then(|| view! {
                {at(state, Key::WinbackDetectDays, 0)}
                {at(state, Key::WinbackSuccessRate, 0)}
                {at(state, Key::WinbackCostPerAttempt, 0)}
            })}
        }
    });
    section(
        "section-repeat",
        Some("repeat_purchase"),
        view! {
            {stage_toggle(state, t("toggle-repeat"), "repeat:on", on, |s, on| {
                s.repeat = on.then(|| defaults::repeat(first_offer(s)));
            })}
            {body}
        },
    )
}

fn subscription(state: AppState) -> impl IntoView {
    let on = state.scenario.with_untracked(|s| s.subscription.is_some());
    let body = on.then(|| {
        view! {
            {offer_field(state, Field::new(Key::SubscriptionOfferedTo, 0), offer_ids(state))}
            {at(state, Key::SubscriptionTakeRate, 0)}
            {at(state, Key::SubscriptionDelayDays, 0)}
            {at(state, Key::SubscriptionMonthlyPrice, 0)}
            {at(state, Key::SubscriptionMonthlyUnitCost, 0)}
            {at(state, Key::SubscriptionMonthlyChurn, 0)}
            {at(state, Key::SubscriptionChurnConcentration, 0)}
        }
    });
    section(
        "section-subscription",
        Some("subscription"),
        view! {
            {stage_toggle(state, t("toggle-subscription"), "subscription:on", on, |s, on| {
                s.subscription = on.then(|| defaults::subscription(first_offer(s)));
            })}
            {body}
        },
    )
}

fn referrals(state: AppState) -> impl IntoView {
    let on = state.scenario.with_untracked(|s| s.referrals.is_some());
    let body = on.then(|| {
        view! {
            {offer_field(state, Field::new(Key::ReferralsCustomersOf, 0), offer_ids(state))}
            {at(state, Key::ReferralsFanRate, 0)}
            {at(state, Key::ReferralsLeadsPerFan, 0)}
            {at(state, Key::ReferralsPromoterRate, 0)}
            {at(state, Key::ReferralsLeadsPerPromoter, 0)}
            {at(state, Key::ReferralsRewardPerReferredBuyer, 0)}
            {at(state, Key::ReferralsWindowDays, 0)}
            {at(state, Key::ReferralsReferredConversionMultiplier, 0)}
        }
    });
    section(
        "section-referrals",
        Some("referral"),
        view! {
            {stage_toggle(state, t("toggle-referrals"), "referrals:on", on, |s, on| {
                s.referrals = on.then(|| defaults::referrals(first_offer(s)));
            })}
            {body}
        },
    )
}

fn editor_body(state: AppState) -> impl IntoView {
    view! {
        <form class="editor" on:submit=|ev| ev.prevent_default() aria-label=t("editor-label")>
            {general(state)}
            {channels(state)}
            {lead_magnet(state)}
            {nurture(state)}
            {offers(state)}
            {repeat(state)}
            {subscription(state)}
            {referrals(state)}
            {super::correlations::correlations_section(state)}
        </form>
    }
}
