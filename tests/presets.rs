//! The built-in presets: each parses, validates and runs with finite results, and
//! the named presets have the structure their titles promise. The glossary is
//! checked here too.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::glossary;
use funnel_lab::metrics::{ChannelField, Metric, OfferField};
use funnel_lab::presets::{self, Preset};
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::{run, Stats, Summary};
use std::collections::BTreeSet;

const TRIALS: u64 = 300;
const SEED: u64 = 2024;

fn summary(p: &Preset) -> Summary {
    let valid = p
        .scenario()
        .validate()
        .unwrap_or_else(|e| panic!("preset {} does not validate: {e:?}", p.id));
    let plan = Plan::new(valid, RunOptions::new(TRIALS, SEED))
        .unwrap_or_else(|e| panic!("preset {} cannot run: {e:?}", p.id));
    run(&plan)
}

fn preset(id: &str) -> Scenario {
    presets::by_id(id)
        .unwrap_or_else(|| panic!("no preset {id}"))
        .scenario()
}

/// Touch ages of the nurture schedule (`docs/model.md`, "Nurture") before `horizon`.
fn touch_ages(sc: &Scenario, horizon: u32) -> Vec<u32> {
    let n = &sc.nurture;
    let mut ages = Vec::new();
    if n.touches_per_week > 0.0 {
        for k in 0.. {
            let a = (f64::from(k) * 7.0 / n.touches_per_week).floor() as u32;
            if a >= n.window_days || a >= horizon {
                break;
            }
            ages.push(a);
        }
    }
    if n.touches_per_month_after > 0.0 {
        for j in 0.. {
            let a =
                n.window_days + (f64::from(j) * 30.0 / n.touches_per_month_after).floor() as u32;
            if a >= horizon {
                break;
            }
            ages.push(a);
        }
    }
    ages
}

fn check_stats(what: &str, s: &Stats) {
    for (name, v) in [
        ("mean", s.mean),
        ("sd", s.sd),
        ("p5", s.p5),
        ("p25", s.p25),
        ("p50", s.p50),
        ("p75", s.p75),
        ("p95", s.p95),
    ] {
        if let Some(v) = v {
            assert!(v.is_finite(), "{what}.{name} = {v}");
        }
    }
}

#[test]
fn every_preset_parses_validates_and_runs_finite() {
    for p in presets::all() {
        let s = summary(p);
        assert_eq!(s.trials, TRIALS, "{}", p.id);
        assert!(s.prob_loss.is_finite() && (0.0..=1.0).contains(&s.prob_loss));
        for (name, m) in &s.metrics {
            check_stats(&format!("{}: {name}", p.id), &m.stats);
            if let Some(h) = &m.histogram {
                assert!(
                    h.min.is_finite() && h.max.is_finite(),
                    "{}: {name} histogram",
                    p.id
                );
            }
        }
        for (name, needed) in [
            (Metric::Profit, true),
            (Metric::Revenue, true),
            (Metric::Cost, true),
            (Metric::Customers, true),
        ] {
            let st = s.stats(name);
            assert_eq!(
                st.defined, TRIALS,
                "{}: {name} defined in every trial",
                p.id
            );
            assert_eq!(st.p50.is_some(), needed);
        }
        for o in &s.offers {
            for &f in OfferField::ALL {
                check_stats(&format!("{}: offer {} {f}", p.id, o.id), o.stats(f));
            }
        }
        for c in &s.channels {
            for &f in ChannelField::ALL {
                check_stats(&format!("{}: channel {} {f}", p.id, c.name), c.stats(f));
            }
            assert!(c.prob_negative_roi.is_finite());
        }
        for band in &s.daily.series {
            for v in band
                .p5
                .iter()
                .chain(&band.p25)
                .chain(&band.p50)
                .chain(&band.p75)
                .chain(&band.p95)
            {
                assert!(v.is_finite(), "{}: daily {} has {v}", p.id, band.name);
            }
        }
        assert_eq!(s.capped_trials, 0, "{}: no trial should reach a cap", p.id);
        assert!(
            s.warnings.is_empty(),
            "{}: unexpected warnings {:?}",
            p.id,
            s.warnings
        );
        // Every preset actually sells something.
        assert!(s.stats(Metric::Customers).p50.unwrap() > 0.0, "{}", p.id);
    }
}

#[test]
fn ids_are_unique_and_texts_are_filled_in() {
    let mut ids = BTreeSet::new();
    for p in presets::all() {
        assert!(ids.insert(p.id), "duplicate preset id {}", p.id);
        assert!(!p.id.is_empty() && !p.title.trim().is_empty(), "{}", p.id);
        assert!(!p.tagline.trim().is_empty(), "{}: empty tagline", p.id);
        assert!(!p.tagline.contains('\n'), "{}: tagline is one line", p.id);
        assert!(
            !p.explanation.trim().is_empty(),
            "{}: empty explanation",
            p.id
        );
        let sentences = p.explanation.matches(". ").count() + 1;
        assert!(
            (3..=6).contains(&sentences),
            "{}: {sentences} sentences",
            p.id
        );
        assert!(p.explanation.ends_with('.'), "{}", p.id);
        assert!(!p.explanation.contains("  "), "{}: double space", p.id);
        assert_eq!(presets::by_id(p.id), Some(p));
    }
    assert!(presets::by_id("no-such-preset").is_none());
    assert_eq!(
        presets::all()[0].id,
        "classic",
        "the classic funnel comes first"
    );
}

#[test]
fn the_model_example_is_kept() {
    let p = presets::by_id("example").unwrap();
    assert_eq!(p.json, presets::EXAMPLE_JSON);
    assert_eq!(p.scenario(), presets::example());
    assert_eq!(presets::example().name, "Tripwire funnel");
}

#[test]
fn classic_has_exactly_three_steps() {
    let sc = preset("classic");
    // Attention: one channel. Information: the free lead magnet and its emails. Sale: one offer.
    assert_eq!(sc.channels.len(), 1);
    assert_eq!(sc.lead_magnet.price.as_fixed(), Some(0.0));
    assert_eq!(sc.offers.len(), 1);
    assert!(sc.offers[0].offered_to.is_none());
    assert!(sc.repeat.is_none() && sc.subscription.is_none() && sc.referrals.is_none());
}

#[test]
fn lg_lc_am_has_a_30_day_nurture_with_2_to_3_touches_a_week_and_account_management() {
    let sc = preset("lg-lc-am");
    assert_eq!(sc.nurture.window_days, 30);
    assert!((2.0..=3.0).contains(&sc.nurture.touches_per_week));
    // Touch at least monthly after the hot month.
    assert!(sc.nurture.touches_per_month_after >= 1.0);
    let repeat = sc
        .repeat
        .as_ref()
        .expect("account management sells repeat orders");
    assert_eq!(repeat.customers_of, sc.offers[0].id);
    assert!(repeat.winback.is_some());
    assert!(sc.channels.len() >= 2);
}

#[test]
fn tripwire_ladder_goes_free_lead_magnet_tripwire_core_upsell() {
    let sc = preset("tripwire-ladder");
    assert_eq!(sc.lead_magnet.price.as_fixed(), Some(0.0));
    assert!(sc.offers.len() >= 3);
    let ids: Vec<&str> = sc.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(&ids[..3], ["tripwire", "core", "upsell"]);
    assert_eq!(sc.offers[0].offered_to, None);
    assert_eq!(sc.offers[1].offered_to.as_deref(), Some("tripwire"));
    assert_eq!(sc.offers[2].offered_to.as_deref(), Some("core"));
    // Prices climb the ladder, and the tripwire is cheap.
    let price = |i: usize| sc.offers[i].price.as_fixed().unwrap();
    assert!(price(0) < 20.0 && price(0) < price(1) && price(1) < price(2));
}

#[test]
fn customer_journey_has_nine_touches_return_path_fans_and_promoters() {
    let sc = preset("customer-journey");
    assert_eq!(touch_ages(&sc, sc.horizon_days).len(), 9);
    // The count does not depend on the horizon: the schedule stops by itself.
    assert_eq!(touch_ages(&sc, 3650).len(), 9);
    // The engine's own schedule agrees.
    let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(1, SEED)).unwrap();
    assert_eq!(
        plan.touch_ages(),
        touch_ages(&sc, sc.horizon_days).as_slice()
    );
    assert!(sc.nurture.trust_touches <= 9.0);
    let repeat = sc.repeat.as_ref().expect("return path");
    assert!(sc.offers.iter().any(|o| o.id == repeat.customers_of));
    let r = sc.referrals.as_ref().expect("fans and promoters");
    let positive = |u: &funnel_lab::scenario::Uncertain| u.as_fixed().is_none_or(|x| x > 0.0);
    assert!(positive(&r.fan_rate) && positive(&r.leads_per_fan));
    assert!(positive(&r.promoter_rate) && positive(&r.leads_per_promoter));
    assert!(positive(&r.reward_per_referred_buyer));
    // The ladder inside the journey: tripwire, then a core product and a premium one.
    assert!(sc.offers.len() >= 3);
    assert!(sc.offers[1..].iter().all(|o| o.offered_to.is_some()));
}

#[test]
fn lg_lc_am_flags_a_channel_that_loses_money() {
    let s = summary(presets::by_id("lg-lc-am").unwrap());
    let worst = s
        .channels
        .iter()
        .map(|c| c.prob_negative_roi)
        .fold(0.0f64, f64::max);
    let best = s
        .channels
        .iter()
        .filter(|c| c.name != "referral")
        .map(|c| c.prob_negative_roi)
        .fold(1.0f64, f64::min);
    assert!(worst > 0.5, "one channel loses money in most trials");
    assert!(best < 0.5, "another channel pays for itself");
}

#[test]
fn presets_are_instructive_not_hopeless_nor_absurd() {
    for p in presets::all().iter().filter(|p| p.id != "example") {
        let s = summary(p);
        let profit = s.stats(Metric::Profit);
        let revenue = s.stats(Metric::Revenue).p50.unwrap();
        assert!(
            s.prob_loss < 0.6,
            "{}: loses money in {:.0}% of trials",
            p.id,
            100.0 * s.prob_loss
        );
        assert!(
            profit.p50.unwrap() < 0.6 * revenue,
            "{}: a median margin above 60% is not realistic",
            p.id
        );
    }
}

fn money(x: Option<f64>) -> String {
    match x {
        Some(v) => format!("{v:>9.0}"),
        None => format!("{:>9}", "—"),
    }
}

/// Prints the key figures of every preset (run with `--nocapture`).
#[test]
fn print_key_figures() {
    println!();
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>6} {:>9} {:>7} {:>7} {:>7}",
        "preset", "P50 prof", "P5", "P95", "loss", "cust", "CAC", "CLTV", "payback"
    );
    for p in presets::all() {
        let s = summary(p);
        let m = |n: Metric| s.stats(n);
        println!(
            "{:<18} {} {} {} {:>5.0}% {} {} {} {}",
            p.id,
            money(m(Metric::Profit).p50),
            money(m(Metric::Profit).p5),
            money(m(Metric::Profit).p95),
            100.0 * s.prob_loss,
            money(m(Metric::Customers).p50),
            money(m(Metric::Cac).p50),
            money(m(Metric::Cltv).p50),
            money(m(Metric::PaybackDay).p50),
        );
        for c in &s.channels {
            println!(
                "    channel {:<20} customers {} profit {} ROI<0 in {:>3.0}%",
                c.name,
                money(c.customers.p50),
                money(c.profit.p50),
                100.0 * c.prob_negative_roi
            );
        }
        for o in &s.offers {
            println!(
                "    offer   {:<20} buyers {} revenue {}",
                o.id,
                money(o.buyers.p50),
                money(o.revenue.p50)
            );
        }
        for extra in [
            Metric::Visitors,
            Metric::Leads,
            Metric::Revenue,
            Metric::AdsCost,
            Metric::FixedCosts,
            Metric::RepeatRevenue,
            Metric::SubscriptionRevenue,
            Metric::MrrEnd,
            Metric::ReferredCustomers,
            Metric::CashNeeded,
        ] {
            if let Some(v) = m(extra).p50.filter(|v| *v != 0.0) {
                println!("    {:<28} {}", extra.name(), money(Some(v)));
            }
        }
    }
}

#[test]
fn glossary_ids_are_unique_and_meanings_are_sentences() {
    let mut ids = BTreeSet::new();
    assert!(glossary::TERMS.len() >= 40);
    for t in glossary::TERMS {
        assert!(ids.insert(t.id), "duplicate glossary id {}", t.id);
        assert!(!t.term.trim().is_empty(), "{}", t.id);
        assert!(
            t.meaning.ends_with('.'),
            "{}: meaning ends with a period",
            t.id
        );
        assert!(
            !t.meaning.contains(". "),
            "{}: meaning is one sentence",
            t.id
        );
        assert!(
            t.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}: ids are snake case, as the app uses them",
            t.id
        );
        assert!(
            t.meaning.chars().next().is_some_and(char::is_uppercase),
            "{}",
            t.id
        );
        assert!(!t.meaning.contains("  "), "{}: double space", t.id);
        assert_eq!(glossary::lookup(t.id), Some(t));
    }
    assert!(glossary::lookup("no-such-term").is_none());
}

#[test]
fn glossary_covers_the_terms_the_app_shows() {
    // The ids the app's hints use, and the terms the issue asks for.
    for id in [
        "lead",
        "lead_magnet",
        "optin_rate",
        "visitor",
        "channel",
        "nurture",
        "touch",
        "trust_touches",
        "going_cold",
        "half_life",
        "unsubscribe",
        "conversion",
        "tripwire",
        "entry_offer",
        "core_offer",
        "upsell",
        "follow_up",
        "take_rate",
        "delay",
        "refund",
        "customer",
        "repeat_purchase",
        "purchase_rhythm",
        "dropout",
        "winback",
        "subscription",
        "churn",
        "mrr",
        "fan",
        "promoter",
        "referral",
        "reward",
        "revenue",
        "cost",
        "profit",
        "roi",
        "cac",
        "cltv",
        "epl",
        "payback_day",
        "cash_needed",
        "prob_loss",
        "percentile",
        "range_90",
        "observed",
        "trial",
        "seed",
        "horizon",
        "fixed_costs",
        "unit_cost",
        "value_ladder",
        "funnel",
        "lg_lc_am",
        "price_response",
    ] {
        assert!(glossary::lookup(id).is_some(), "glossary has no {id}");
    }
}
