//! The contract of the names: the summary's JSON keys and the CSV columns are
//! these exact strings, in this order. Every other test derives names from the
//! enums of `funnel_lab::metrics`; this file is the one place that lists them.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::metrics::{ChannelField, DailySeries, Metric, MetricKey, OfferField};
use funnel_lab::presets;
use funnel_lab::stats;
use serde_json::Value;
use std::collections::BTreeSet;

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&q| name(q)).collect()
}

#[test]
fn metric_names_and_order_are_the_promised_ones() {
    assert_eq!(
        names(Metric::ALL, Metric::name),
        [
            "visitors",
            "leads",
            "optin",
            "unsubscribes",
            "touches",
            "customers",
            "revenue",
            "cost",
            "profit",
            "roi",
            "cac",
            "cltv",
            "epl",
            "front_end_roas",
            "payback_day",
            "cash_needed",
            "refunds",
            "ads_cost",
            "lead_magnet_revenue",
            "lead_magnet_cost",
            "touch_cost",
            "unit_costs",
            "referral_rewards",
            "winback_cost",
            "fixed_costs",
            "repeat_customers",
            "repeat_purchases",
            "repeat_revenue",
            "winback_attempts",
            "winbacks",
            "subscribers",
            "subscription_payments",
            "subscription_revenue",
            "mrr_end",
            "fans",
            "promoters",
            "referred_leads",
            "referred_customers",
        ]
    );
    assert_eq!(
        names(OfferField::ALL, OfferField::name),
        ["buyers", "refunds", "revenue", "conversion"]
    );
    assert_eq!(
        names(ChannelField::ALL, ChannelField::name),
        [
            "visitors",
            "leads",
            "spend",
            "customers",
            "revenue",
            "cost",
            "profit",
            "roi"
        ]
    );
    assert_eq!(
        names(DailySeries::ALL, DailySeries::name),
        [
            "revenue",
            "cost",
            "profit",
            "active_repeat",
            "active_subscribers",
            "mrr"
        ]
    );
    assert_eq!(
        MetricKey::Offer(OfferField::Conversion, "core").to_string(),
        "conversion.core"
    );
    assert_eq!(
        MetricKey::from(Metric::PaybackDay).to_string(),
        "payback_day"
    );
    assert_eq!(
        ChannelField::Roi.column("Search ads"),
        "channel.Search ads.roi"
    );
}

/// Each `ALL` lists every variant once, at the index of its discriminant (the
/// batch stores columns by it), with a distinct name and label.
#[test]
fn every_quantity_is_listed_once_and_found_by_its_name() {
    fn check<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        index: fn(T) -> usize,
        name: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
        from_name: fn(&str) -> Option<T>,
    ) {
        for (i, &q) in all.iter().enumerate() {
            assert_eq!(index(q), i, "{q:?}");
            assert_eq!(from_name(name(q)), Some(q));
            assert!(!label(q).trim().is_empty(), "{q:?}");
        }
        let distinct =
            |f: fn(T) -> &'static str| all.iter().map(|&q| f(q)).collect::<BTreeSet<_>>();
        assert_eq!(distinct(name).len(), all.len());
        assert_eq!(distinct(label).len(), all.len());
        assert_eq!(from_name("no such name"), None);
    }
    check(
        Metric::ALL,
        |q| q as usize,
        Metric::name,
        Metric::label,
        Metric::from_name,
    );
    check(
        OfferField::ALL,
        |q| q as usize,
        OfferField::name,
        OfferField::label,
        OfferField::from_name,
    );
    check(
        ChannelField::ALL,
        |q| q as usize,
        ChannelField::name,
        ChannelField::label,
        ChannelField::from_name,
    );
    check(
        DailySeries::ALL,
        |q| q as usize,
        DailySeries::name,
        DailySeries::label,
        DailySeries::from_name,
    );
}

/// The summary's JSON has exactly the metrics, table columns and bands the
/// enums name.
#[test]
fn the_summary_json_is_keyed_by_the_names() {
    let plan = Plan::new(
        presets::example().validate().unwrap(),
        RunOptions::new(20, 3),
    )
    .unwrap();
    let summary = stats::run(&plan);
    let v: Value = serde_json::to_value(&summary).unwrap();
    let keys = |v: &Value| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };

    let mut want: BTreeSet<String> = Metric::ALL.iter().map(|m| m.to_string()).collect();
    for o in &summary.offers {
        want.extend(
            OfferField::ALL
                .iter()
                .map(|&f| MetricKey::Offer(f, &o.id).to_string()),
        );
    }
    assert_eq!(keys(&v["metrics"]), want);

    let mut want: BTreeSet<String> = ["id", "name", "offered_to"].map(String::from).into();
    want.extend(OfferField::ALL.iter().map(|f| f.to_string()));
    assert_eq!(keys(&v["offers"][0]), want);

    let mut want: BTreeSet<String> = ["name", "prob_negative_roi"].map(String::from).into();
    want.extend(ChannelField::ALL.iter().map(|f| f.to_string()));
    assert_eq!(keys(&v["channels"][0]), want);

    let bands: Vec<&str> = v["daily"]["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(bands, names(DailySeries::ALL, DailySeries::name));
}
