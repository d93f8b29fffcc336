//! CSV exports: layout, exact round trip of numbers, empty undefined cells,
//! quoting and the formula-injection guard.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::export::{summary_csv, trials_csv};
use funnel_lab::metrics::{ChannelField, Metric, OfferField};
use funnel_lab::presets;
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::{Batch, Summary};

fn plan_of(sc: Scenario, trials: u64, seed: u64) -> Plan {
    Plan::new(sc.validate().unwrap(), RunOptions::new(trials, seed)).unwrap()
}

fn classic(trials: u64, seed: u64) -> Plan {
    plan_of(presets::by_id("classic").unwrap().scenario(), trials, seed)
}

/// Header and rows of a CSV text, parsed with the `csv` crate.
fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn num(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap())
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn summary_csv_has_the_documented_layout_and_exact_numbers() {
    // The example has three offers, one paid channel and referrals.
    let plan = plan_of(presets::example(), 60, 3);
    let s = Summary::from_batch(&plan, &Batch::run(&plan, 0, 60));
    let (header, rows) = parse(&summary_csv(&s));
    assert_eq!(
        header,
        [
            "metric",
            "trials_defined",
            "mean",
            "sd",
            "p5",
            "p25",
            "p50",
            "p75",
            "p95"
        ]
    );
    let channels = s.channels.len();
    assert_eq!(
        rows.len(),
        Metric::ALL.len()
            + s.offers.len() * OfferField::ALL.len()
            + channels * ChannelField::ALL.len()
            + 1
            + channels
    );
    // Row order.
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let metric_names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(names[..Metric::ALL.len()], metric_names);
    let offers = Metric::ALL.len();
    assert_eq!(names[offers], format!("buyers.{}", s.offers[0].id));
    assert_eq!(
        names[offers + OfferField::ALL.len()],
        format!("buyers.{}", s.offers[1].id)
    );
    let chan = offers + s.offers.len() * OfferField::ALL.len();
    assert_eq!(
        names[chan],
        format!("channel.{}.visitors", s.channels[0].name)
    );
    assert_eq!(names[rows.len() - channels - 1], "prob_loss");
    assert_eq!(names[rows.len() - 1], "channel.referral.prob_negative_roi");

    // Values parse back bit for bit.
    let profit = s.stats(Metric::Profit);
    let r = row(&rows, "profit");
    assert_eq!(r[1], profit.defined.to_string());
    assert_eq!(bits(num(&r[2])), bits(profit.mean));
    assert_eq!(bits(num(&r[6])), bits(profit.p50));
    assert_eq!(bits(num(&r[8])), bits(profit.p95));
    let conv = &s.offer_metric(OfferField::Conversion, 1).unwrap().stats;
    let r = row(&rows, &format!("conversion.{}", s.offers[1].id));
    assert_eq!(bits(num(&r[3])), bits(conv.sd));
    let c = &s.channels[0];
    let r = row(&rows, &format!("channel.{}.spend", c.name));
    assert_eq!(bits(num(&r[4])), bits(c.spend.p5));
    let r = row(&rows, "prob_loss");
    assert_eq!(r[1], "60");
    assert_eq!(bits(num(&r[2])), Some(s.prob_loss.to_bits()));
    assert!(r[3..].iter().all(String::is_empty), "{r:?}");
}

#[test]
fn summary_csv_leaves_undefined_statistics_empty() {
    // Classic has no referrals: the referral row never has a cost, so its ROI
    // is undefined in every trial.
    let plan = classic(40, 7);
    let s = Summary::from_batch(&plan, &Batch::run(&plan, 0, 40));
    assert_eq!(s.channels.last().unwrap().roi.mean, None);
    let (_, rows) = parse(&summary_csv(&s));
    let r = row(&rows, "channel.referral.roi");
    assert_eq!(r[1], "0");
    assert!(r[2..].iter().all(String::is_empty), "{r:?}");
    // A defined statistic next to it is not empty.
    let r = row(&rows, "channel.referral.visitors");
    assert_eq!(r[1], "40");
    assert_eq!(r[2], "0");
}

#[test]
fn trials_csv_round_trips_every_value_of_the_batch() {
    let plan = classic(50, 7);
    let batch = Batch::run(&plan, 0, 50);
    let (header, rows) = parse(&trials_csv(&plan, &batch));

    // Header.
    let mut expected = vec!["trial".to_string()];
    expected.extend(Metric::ALL.iter().map(|m| m.to_string()));
    expected.extend(OfferField::ALL.iter().map(|f| format!("{f}.course")));
    for ch in ["Video ads", "referral"] {
        expected.extend(
            ChannelField::ALL
                .iter()
                .map(|f| format!("channel.{ch}.{f}")),
        );
    }
    assert_eq!(header, expected);
    assert_eq!(plan.channel_names(), ["Video ads", "referral"]);

    // Rows: trial numbers, then each value exactly, empty where undefined.
    assert_eq!(rows.len(), 50);
    let trials: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    let want: Vec<String> = (1..=50).map(|t: u64| t.to_string()).collect();
    assert_eq!(trials, want);
    let mut columns: Vec<&[Option<f64>]> = Metric::ALL.iter().map(|&m| batch.metric(m)).collect();
    columns.extend(
        OfferField::ALL
            .iter()
            .map(|&f| batch.offer_column(f, 0).unwrap()),
    );
    for row in 0..2 {
        columns.extend(
            ChannelField::ALL
                .iter()
                .map(|&f| batch.channel_column(f, row).unwrap()),
        );
    }
    assert!(batch.offer_column(OfferField::Buyers, 1).is_none());
    assert!(batch.channel_column(ChannelField::Roi, 2).is_none());
    assert_eq!(columns.len() + 1, header.len());
    let mut empties = 0;
    for (t, r) in rows.iter().enumerate() {
        assert_eq!(r.len(), header.len());
        for (c, col) in columns.iter().enumerate() {
            assert_eq!(
                bits(num(&r[c + 1])),
                bits(col[t]),
                "trial {t}, column {}",
                header[c + 1]
            );
            empties += usize::from(r[c + 1].is_empty());
        }
    }
    // The referral ROI is undefined in every trial.
    let roi = header
        .iter()
        .position(|h| h == "channel.referral.roi")
        .unwrap();
    assert!(rows.iter().all(|r| r[roi].is_empty()));
    assert!(empties >= 50);

    // The profit column's mean is the summary's.
    let p = header.iter().position(|h| h == "profit").unwrap();
    let profits: Vec<f64> = rows.iter().map(|r| r[p].parse().unwrap()).collect();
    for (x, y) in profits.iter().zip(batch.metric(Metric::Profit)) {
        assert_eq!(Some(x.to_bits()), bits(*y));
    }
    let mean = profits.iter().sum::<f64>() / profits.len() as f64;
    let want = Summary::from_batch(&plan, &batch)
        .stats(Metric::Profit)
        .mean
        .unwrap();
    assert!(
        (mean - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{mean} vs {want}"
    );
}

#[test]
fn trials_csv_numbers_rows_from_the_batch_start() {
    let plan = classic(20, 7);
    let batch = Batch::run(&plan, 10, 5);
    let (_, rows) = parse(&trials_csv(&plan, &batch));
    let trials: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(trials, ["11", "12", "13", "14", "15"]);
    // Same values as those trials in a run from 0.
    let whole = parse(&trials_csv(&plan, &Batch::run(&plan, 0, 15))).1;
    assert_eq!(rows, whole[10..]);
}

#[test]
fn user_text_is_quoted_and_never_starts_a_cell_with_a_formula() {
    let mut sc = presets::example();
    let mut second = sc.channels[0].clone();
    sc.channels[0].name = "=HYPERLINK(\"x\")".into();
    second.name = "a,\"b\"\nc".into();
    sc.channels.push(second);
    sc.offers[0].id = "@SUM(1)".into();
    sc.offers[1].offered_to = Some("@SUM(1)".into());
    let plan = plan_of(sc, 20, 1);
    let batch = Batch::run(&plan, 0, 20);
    let trials = trials_csv(&plan, &batch);
    let summary = summary_csv(&Summary::from_batch(&plan, &batch));

    // The comma, quotes and line break are quoted by the csv writer.
    assert!(
        trials.contains(",\"channel.a,\"\"b\"\"\nc.visitors\","),
        "{trials}"
    );
    let (header, rows) = parse(&trials);
    assert_eq!(rows.len(), 20);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    // Each name survives as part of one cell, unchanged.
    for h in [
        "channel.=HYPERLINK(\"x\").visitors",
        "channel.a,\"b\"\nc.roi",
        "buyers.@SUM(1)",
    ] {
        assert!(
            header.iter().any(|x| x == h),
            "no column {h:?} in {header:?}"
        );
    }
    let (_, srows) = parse(&summary);
    for h in [
        "channel.=HYPERLINK(\"x\").spend",
        "channel.a,\"b\"\nc.prob_negative_roi",
        "conversion.@SUM(1)",
    ] {
        assert!(srows.iter().any(|r| r[0] == h), "no row {h:?}");
    }
    // No text cell starts with a formula character.
    let risky = |s: &str| s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    assert!(!header.iter().any(|h| risky(h)));
    assert!(!srows.iter().any(|r| risky(&r[0])));
}
