//! The table of the scenario's fields: it covers the whole schema, its paths are
//! the validator's, and the engine draws each uncertain field from the stream of
//! what it belongs to, so that other parts of a scenario do not move its draws.

use funnel_lab::embed::field_paths;
use funnel_lab::engine::{
    price_factor, quantile_uncertain, sample_uncertain, InputLevels, Plan, PriceOverride,
    PriceTarget, RunOptions,
};
use funnel_lab::inputs::{self, Access, Domain, Field, Group, Key, Need, Unit, TABLE};
use funnel_lab::presets;
use funnel_lab::quantile::Level;
use funnel_lab::sampling::{input_level, StreamKey, TrialRng};
use funnel_lab::scenario::{defaults, Scenario, Uncertain};
use funnel_lab::validate::Problem;
use serde_json::Value;
use std::collections::BTreeMap;

/// A preset with every optional stage on (win-back included).
fn full(mut sc: Scenario) -> Scenario {
    let of = sc.offers.last().unwrap().id.clone();
    let r = sc
        .repeat
        .get_or_insert_with(|| defaults::repeat(of.clone()));
    r.winback.get_or_insert_with(defaults::winback);
    sc.subscription
        .get_or_insert_with(|| defaults::subscription(of.clone()));
    sc.referrals.get_or_insert_with(|| defaults::referrals(of));
    sc.lead_magnet.price_halving_step = Some(Uncertain::Fixed(15.0));
    sc.lead_magnet.price_reference = Some(0.0);
    for o in &mut sc.offers {
        o.price_halving_step
            .get_or_insert(Uncertain::range(10.0, 40.0));
        o.price_reference = Some(9.0);
    }
    sc
}

/// Every scenario the tests below walk: the presets as shipped and with every stage.
fn scenarios() -> Vec<Scenario> {
    presets::all()
        .iter()
        .flat_map(|p| [p.scenario(), full(p.scenario())])
        .collect()
}

/// The paths of the leaves of a scenario's JSON (an uncertain value is one leaf),
/// in the JSON's order: object keys sorted, lists in order. This is how the
/// embed listed its fields before the table, kept here as the reference.
fn json_leaves(v: &Value, path: &str, out: &mut Vec<String>) {
    // An object that reads as an uncertain value is one leaf.
    let uncertain = |x: &Value| serde_json::from_value::<Uncertain>(x.clone()).is_ok();
    match v {
        Value::Object(m) if !uncertain(v) => {
            for (k, x) in m {
                if path.is_empty() && k == "schema" {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                json_leaves(x, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                json_leaves(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Null => {}
        _ => out.push(path.to_string()),
    }
}

#[test]
fn the_table_covers_every_field_of_the_file_and_nothing_else() {
    for sc in scenarios() {
        let mut leaves = Vec::new();
        json_leaves(&serde_json::to_value(&sc).unwrap(), "", &mut leaves);
        // The embed's list is the table's fields, in the order it always had.
        assert_eq!(field_paths(&sc), leaves, "{}", sc.name);
    }
}

#[test]
fn rows_are_in_key_order_and_agree_with_their_domain() {
    for (k, spec) in TABLE.iter().enumerate() {
        assert_eq!(spec.key as usize, k, "{:?}", spec.key);
        assert!(std::ptr::eq(spec.key.spec(), spec));
        let kind_fits = match spec.access {
            Access::Uncertain { .. } => {
                matches!(
                    spec.domain,
                    Domain::Rate | Domain::Amount | Domain::Count | Domain::PriceStep
                )
            }
            Access::Number { .. } => matches!(spec.domain, Domain::Number(_) | Domain::Days(_)),
            Access::Text { .. } => matches!(spec.domain, Domain::Text { .. } | Domain::OfferId),
        };
        assert!(
            kind_fits,
            "{:?}: {:?} read as {:?}",
            spec.key, spec.domain, spec.access
        );
        // Money shows the currency; rates show a percentage, not a unit.
        if matches!(spec.domain, Domain::Amount | Domain::PriceStep) {
            assert_eq!(spec.unit, Unit::Currency, "{:?}", spec.key);
        }
        if spec.domain.is_rate() {
            assert_eq!(spec.unit, Unit::None, "{:?}", spec.key);
        }
        assert_eq!(
            spec.need == Need::FollowUp,
            spec.group == Group::Offer
                && matches!(
                    spec.key,
                    Key::OfferOfferedTo | Key::OfferTakeRate | Key::OfferDelayDays
                )
        );
        if let Some(term) = spec.term {
            assert!(funnel_lab::glossary::lookup(term).is_some(), "{term}");
        }
    }
}

#[test]
fn paths_read_back_and_nothing_else_does() {
    for sc in scenarios() {
        for f in inputs::fields(&sc) {
            assert_eq!(Field::parse(&f.path()), Some(f), "{}", f.path());
            assert!(f.exists(&sc));
        }
    }
    for p in [
        "channels[0].optin_rate",
        "offers[1].take_rate",
        "repeat.winback.success_rate",
        "horizon_days",
        "fixed_costs_per_month",
    ] {
        assert_eq!(Field::parse(p).map(|f| f.path()).as_deref(), Some(p));
    }
    for p in [
        "",
        "schema",
        "channels",
        "channels.name",
        "channels[01].name",
        "channels[x].name",
        "channels[0]",
        "offers[0].nope",
        "nurture.price",
        "repeat.winback",
        "repeat[0].price",
        "winback.success_rate",
        "lead_magnet.price.low",
    ] {
        assert_eq!(Field::parse(p), None, "{p}");
    }
    let sc = presets::example();
    assert!(!Field::parse("offers[0].take_rate").unwrap().exists(&sc));
    assert!(!Field::parse("channels[99].name").unwrap().exists(&sc));
}

#[test]
fn a_field_set_by_its_path_is_what_validation_reports_at_that_path() {
    let mut sc = full(presets::example());
    for (path, value, wrong) in [
        ("channels[0].optin_rate", 2.0, "is a rate"),
        ("offers[1].price", -3.0, "must not be negative"),
        ("nurture.touches_per_week", 9.0, "from 0 to 7"),
        ("referrals.window_days", 0.0, "from 1 to 3650 days"),
        ("repeat.winback.cost_per_attempt", 2e12, "too large"),
    ] {
        let f = Field::parse(path).unwrap();
        assert!(f.set_fixed(&mut sc, value), "{path}");
        assert_eq!(f.centre(&sc), Some(value), "{path}");
        let errors = sc.check().unwrap_err();
        let at: Vec<String> = errors.at(path).map(|e| e.problem.to_string()).collect();
        assert!(at.len() == 1 && at[0].contains(wrong), "{path}: {at:?}");
    }
    // Text is not a number; a stage that is off has no fields to set.
    assert!(!Field::new(Key::Currency, 0).set_fixed(&mut sc, 1.0));
    sc.subscription = None;
    assert!(!Field::new(Key::SubscriptionTakeRate, 0).set_fixed(&mut sc, 0.5));
    assert_eq!(sc.subscription, None);
}

#[test]
fn uncertain_fields_have_plain_labels_that_say_where_they_are() {
    let sc = full(presets::example());
    let labels: Vec<String> = inputs::uncertain_fields(&sc)
        .iter()
        .map(|f| f.plain_label(&sc))
        .collect();
    let channel = &sc.channels[0].name;
    assert!(
        labels.contains(&format!("{channel}: Opt-in rate")),
        "{labels:?}"
    );
    assert!(labels.contains(&"Lead magnet: Price".to_string()));
    assert!(labels.contains(&"Win-back: Success rate".to_string()));
    assert!(labels.contains(&"Fixed costs a month".to_string()));
    // Every uncertain field, once.
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), labels.len(), "{labels:?}");
}

/// Draws every uncertain field, each at the level of what it belongs to (its
/// stratified level, or a uniform from its stream), with the keys written out
/// by hand.
fn draws_by_hand(sc: &Scenario, seed: u64, trial: u64, levels: InputLevels) -> Vec<f64> {
    let mut out = Vec::new();
    let mut draw = |key: StreamKey, u: &Uncertain, d: Domain| {
        out.push(match levels {
            InputLevels::Stratified => {
                quantile_uncertain(u, d, Level::Uniform(input_level(seed, trial, key)))
            }
            InputLevels::Independent => {
                sample_uncertain(u, d, &mut TrialRng::for_key(seed, trial, key))
            }
        })
    };
    use Domain::{Amount, Count, PriceStep, Rate};
    let input = StreamKey::new("input");
    for c in &sc.channels {
        let k = input.with("channels").with(c.name.trim());
        draw(k.with("visitors_per_day"), &c.visitors_per_day, Count);
        draw(k.with("cost_per_visitor"), &c.cost_per_visitor, Amount);
        draw(k.with("optin_rate"), &c.optin_rate, Rate);
    }
    let k = input.with("lead_magnet");
    draw(k.with("price"), &sc.lead_magnet.price, Amount);
    draw(
        k.with("delivery_cost"),
        &sc.lead_magnet.delivery_cost,
        Amount,
    );
    if let Some(step) = &sc.lead_magnet.price_halving_step {
        draw(k.with("price_halving_step"), step, PriceStep);
    }
    let (n, k) = (&sc.nurture, input.with("nurture"));
    draw(
        k.with("conversion_per_touch"),
        &n.conversion_per_touch,
        Rate,
    );
    draw(
        k.with("unsubscribe_per_touch"),
        &n.unsubscribe_per_touch,
        Rate,
    );
    draw(k.with("cost_per_touch"), &n.cost_per_touch, Amount);
    for o in &sc.offers {
        let k = input.with("offers").with(&o.id);
        if let Some(t) = &o.take_rate {
            draw(k.with("take_rate"), t, Rate);
        }
        draw(k.with("price"), &o.price, Amount);
        draw(k.with("unit_cost"), &o.unit_cost, Amount);
        draw(k.with("refund_rate"), &o.refund_rate, Rate);
        if let Some(step) = &o.price_halving_step {
            draw(k.with("price_halving_step"), step, PriceStep);
        }
    }
    if let Some(r) = &sc.repeat {
        let k = input.with("repeat");
        draw(k.with("price"), &r.price, Amount);
        draw(k.with("unit_cost"), &r.unit_cost, Amount);
        draw(k.with("purchases_per_month"), &r.purchases_per_month, Count);
        draw(
            k.with("dropout_after_purchase"),
            &r.dropout_after_purchase,
            Rate,
        );
        if let Some(w) = &r.winback {
            let k = input.with("repeat.winback");
            draw(k.with("success_rate"), &w.success_rate, Rate);
            draw(k.with("cost_per_attempt"), &w.cost_per_attempt, Amount);
        }
    }
    if let Some(s) = &sc.subscription {
        let k = input.with("subscription");
        draw(k.with("take_rate"), &s.take_rate, Rate);
        draw(k.with("monthly_price"), &s.monthly_price, Amount);
        draw(k.with("monthly_unit_cost"), &s.monthly_unit_cost, Amount);
        draw(k.with("monthly_churn"), &s.monthly_churn, Rate);
    }
    if let Some(r) = &sc.referrals {
        let k = input.with("referrals");
        draw(k.with("fan_rate"), &r.fan_rate, Rate);
        draw(k.with("leads_per_fan"), &r.leads_per_fan, Count);
        draw(k.with("promoter_rate"), &r.promoter_rate, Rate);
        draw(k.with("leads_per_promoter"), &r.leads_per_promoter, Count);
        draw(
            k.with("reward_per_referred_buyer"),
            &r.reward_per_referred_buyer,
            Amount,
        );
    }
    draw(
        input.with("fixed_costs_per_month"),
        &sc.fixed_costs_per_month,
        Amount,
    );
    out
}

/// Makes every uncertain field of `sc` a 90% range (so that every draw uses the stream).
fn all_ranges(mut sc: Scenario) -> Scenario {
    for f in inputs::uncertain_fields(&sc) {
        let x = f.centre(&sc).unwrap();
        let (low, high) = if f.spec().domain.is_rate() {
            ((x * 0.5).clamp(0.01, 0.5), (x * 1.5).clamp(0.6, 0.99))
        } else {
            ((x * 0.5).max(0.01), (x * 1.5).max(0.02))
        };
        f.set_uncertain(&mut sc, Uncertain::range(low, high));
    }
    sc
}

#[test]
fn each_uncertain_field_is_drawn_from_its_own_keyed_stream_addressable_by_index() {
    for sc in scenarios().into_iter().map(all_ranges) {
        let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(10, 4)).unwrap();
        let fields = plan.inputs().fields();
        assert_eq!(fields, inputs::uncertain_fields(&sc).as_slice());
        let independent = RunOptions {
            input_levels: InputLevels::Independent,
            ..RunOptions::new(10, 4)
        };
        let plain = Plan::new(sc.clone().validate().unwrap(), independent).unwrap();
        for trial in [0, 7] {
            let p = plan.params(trial);
            let stratified = draws_by_hand(&sc, 4, trial, InputLevels::Stratified);
            assert_eq!(p.drawn, stratified, "{}", sc.name);
            let by_stream = draws_by_hand(&sc, 4, trial, InputLevels::Independent);
            assert_eq!(plain.params(trial).drawn, by_stream, "{}", sc.name);
            // The named values are the drawn ones (no re-pricing in this run).
            let at = |key: Key, item: usize| {
                p.drawn[plan.inputs().index_of(Field::new(key, item)).unwrap()]
            };
            // The opt-in rate answers the drawn lead magnet price against its
            // reference (the price itself when there is none).
            let lm_price = at(Key::LeadMagnetPrice, 0);
            let lm_factor = price_factor(
                lm_price,
                sc.lead_magnet.price_reference.unwrap_or(lm_price),
                plan.inputs()
                    .index_of(Field::new(Key::LeadMagnetPriceHalvingStep, 0))
                    .map(|i| p.drawn[i]),
            );
            assert_eq!(
                p.optin_rate[0],
                (at(Key::ChannelOptinRate, 0) * lm_factor).min(1.0)
            );
            assert_eq!(p.price[0], at(Key::OfferPrice, 0));
            let refunds: Vec<f64> = (0..sc.offers.len())
                .map(|i| at(Key::OfferRefundRate, i))
                .collect();
            assert_eq!(p.refund_rate, refunds);
            if let Some(w) = sc.repeat.as_ref().and_then(|r| r.winback.as_ref()) {
                let r = p.repeat.as_ref().unwrap();
                assert_eq!(r.winback_cost, at(Key::WinbackCostPerAttempt, 0), "{w:?}");
            }
            if sc.referrals.is_some() {
                let reward = at(Key::ReferralsRewardPerReferredBuyer, 0);
                assert_eq!(p.referrals.as_ref().unwrap().reward, reward);
            }
            assert_eq!(p.fixed_costs_per_month, at(Key::FixedCostsPerMonth, 0));
        }
    }
}

/// Every draw of trial `trial`, by what the field belongs to (its group, the
/// channel's name or offer's id, its name) rather than its position.
fn draws_by_owner(sc: &Scenario, trial: u64) -> BTreeMap<(String, String), f64> {
    let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(10, 8)).unwrap();
    let drawn = plan.params(trial).drawn;
    plan.inputs()
        .fields()
        .iter()
        .zip(drawn)
        .map(|(f, x)| {
            let owner = match f.spec().group {
                Group::Channel => format!("channel {}", sc.channels[f.item].name),
                Group::Offer => format!("offer {}", sc.offers[f.item].id),
                g => g.prefix().to_string(),
            };
            ((owner, f.spec().name.to_string()), x)
        })
        .collect()
}

#[test]
fn adding_reordering_or_renaming_parts_changes_no_other_draw() {
    let sc = all_ranges(full(presets::example()));
    let mut grown = sc.clone();
    // A channel in front and a follow-up offer in the middle of the ladder.
    let mut extra = defaults::channel("Podcasts".into(), sc.horizon_days);
    extra.visitors_per_day = Uncertain::range(50.0, 90.0);
    grown.channels.insert(0, extra);
    grown.offers.insert(
        1,
        defaults::follow_up("bonus".into(), sc.offers[0].id.clone()),
    );
    grown.channels.swap(0, 1);
    let mut renamed = sc.clone();
    renamed.channels[0].name = "Search ads (new)".into();
    for trial in [0, 5] {
        let before = draws_by_owner(&sc, trial);
        let after = draws_by_owner(&grown, trial);
        assert_eq!(
            after.len(),
            before.len() + 3 + 4,
            "the new channel's and offer's fields"
        );
        for (who, x) in &before {
            assert_eq!(after.get(who), Some(x), "{who:?} moved in trial {trial}");
        }
        // A renamed channel is another channel: its draws change, no other.
        let moved = draws_by_owner(&renamed, trial);
        let changed: Vec<_> = before
            .iter()
            .filter(|(who, x)| moved.get(*who) != Some(x))
            .map(|(who, _)| who.0.clone())
            .collect();
        assert_eq!(changed, vec![format!("channel {}", sc.channels[0].name); 3]);
    }
    // Surrounding spaces do not make another channel.
    let mut spaced = sc.clone();
    spaced.channels[0].name = format!("  {} ", sc.channels[0].name);
    let plan =
        |s: &Scenario| Plan::new(s.clone().validate().unwrap(), RunOptions::new(3, 8)).unwrap();
    assert_eq!(plan(&spaced).params(2).drawn, plan(&sc).params(2).drawn);
}

#[test]
fn re_pricing_changes_the_price_sold_at_not_the_draw() {
    let mut sc = all_ranges(full(presets::example()));
    sc.offers[1].price_halving_step = Some(Uncertain::Fixed(50.0));
    let valid = sc.validate().unwrap();
    let base = Plan::new(valid.clone(), RunOptions::new(5, 2)).unwrap();
    let mut options = RunOptions::new(5, 2);
    options.price = Some(PriceOverride {
        target: PriceTarget::Offer(1),
        price: 5000.0,
    });
    let swept = Plan::new(valid, options).unwrap();
    let (a, b) = (base.params(3), swept.params(3));
    assert_eq!(a.drawn, b.drawn);
    assert_eq!(b.price[1], 5000.0);
    assert!(
        b.take_rate[1] < a.take_rate[1],
        "a higher price halves demand per step"
    );
}

#[test]
fn validation_finds_duplicates_among_many_channels_and_offers() {
    let mut sc = presets::example();
    let (c0, o1) = (sc.channels[0].clone(), sc.offers[1].clone());
    for i in 0..20_000 {
        let mut c = c0.clone();
        c.name = format!("c{i}");
        sc.channels.push(c);
    }
    sc.channels[777].name = " c5 ".into(); // c5 is channel 6; trimmed names clash
    sc.channels[900].name = "".into();
    sc.channels[901].name = "".into(); // empty, not a duplicate
    let entry = sc.offers[0].id.clone();
    for i in 0..5_000 {
        let mut o = o1.clone();
        o.id = format!("o{i}");
        o.offered_to = Some(entry.clone());
        sc.offers.push(o);
    }
    sc.offers[4000].id = "o7".into();
    sc.offers[4001].offered_to = Some("o4999".into()); // a later offer
    let errors = sc.check().unwrap_err();
    let mut found: Vec<(String, String)> = errors
        .errors()
        .iter()
        .map(|e| (e.path.clone(), e.problem.to_string()))
        .collect();
    found.sort();
    let mut expected = vec![
        // Over the structural limits too (a file this long is refused while read).
        ("channels".to_string(), "too many channels: 20,001 where a scenario may have at most 50".to_string()),
        ("offers".into(), "too many offers: 5,003 where a scenario may have at most 30".into()),
        ("channels[777].name".into(), "the name \" c5 \" is used by another channel".into()),
        ("channels[900].name".into(), "must not be empty".into()),
        ("channels[901].name".into(), "must not be empty".into()),
        ("offers[4000].id".into(), "the id \"o7\" is used by another offer".into()),
        (
            "offers[4001].offered_to".into(),
            "\"o4999\" is not an earlier offer; a follow-up can only be offered to buyers of an offer above it".into(),
        ),
    ];
    expected.sort();
    assert_eq!(found, expected);
    assert!(matches!(
        errors.at("offers[4000].id").next().unwrap().problem,
        Problem::DuplicateOfferId(_)
    ));
}

/// Every field's "?" explains that field: each names a glossary term that
/// exists in both languages, and fields share a term only when they are the
/// same thing in another place (their English labels are equal: "Price",
/// "Unit cost", "Take rate" …), never a generic one (conversion per touch is
/// not "Conversion", cost per visitor not "Channel").
#[test]
fn every_field_names_a_glossary_term_of_its_own_in_both_languages() {
    use funnel_lab::i18n::{term_id, Lang};
    use std::collections::BTreeMap;
    let mut label_of_term: BTreeMap<&str, &str> = BTreeMap::new();
    for spec in inputs::TABLE {
        let term = spec
            .term
            .unwrap_or_else(|| panic!("{:?} has no glossary term", spec.key));
        assert!(funnel_lab::glossary::lookup(term).is_some(), "{term}");
        for lang in Lang::ALL {
            assert!(lang.has(&term_id(term)), "{term} in {lang:?}");
            assert!(
                lang.has(&format!("{}-meaning", term_id(term))),
                "{term} meaning in {lang:?}"
            );
        }
        if let Some(other) = label_of_term.insert(term, spec.label) {
            assert_eq!(
                other, spec.label,
                "{:?} shares the term {term} with a field of another label",
                spec.key
            );
        }
    }
    // The generic terms the hints used to show stay in the glossary but are
    // no field's own.
    for generic in [
        "conversion",
        "channel",
        "nurture",
        "touch",
        "visitor",
        "fan",
        "promoter",
    ] {
        assert!(
            !label_of_term.contains_key(generic),
            "{generic} is too generic for a field"
        );
    }
}
