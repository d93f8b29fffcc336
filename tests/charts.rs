//! Charts: SVG rendering of every chart kind (content checks and snapshots),
//! degenerate summaries, funnel data and descriptions.
//!
//! Snapshots live in `tests/snapshots/<kind>-<width>x<height>.svg`; a missing
//! one is written, and `UPDATE_SNAPSHOTS=1 cargo test --test charts` rewrites
//! them all after an intended change.

use funnel_lab::charts::*;
use funnel_lab::decide::Sensitivity;
use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::format::NumberFormat;
use funnel_lab::i18n::Lang;
use funnel_lab::metrics::{DailySeries, Metric, Metrics, OfferField};
use funnel_lab::results::{RunHeader, RunResult, Stages};
use funnel_lab::scenario::{Scenario, Uncertain};
use funnel_lab::stats::{Batch, DailyBands, Histogram, MetricSummary, Stats, Summary};
use std::path::PathBuf;
use std::sync::OnceLock;

const SIZES: [(u32, u32); 2] = [(700, 360), (343, 300)];

/// How the charts write numbers in these tests.
const EN: NumberFormat = NumberFormat::ENGLISH;

fn run(scenario: Scenario, trials: u64) -> RunResult {
    let plan = Plan::new(scenario.validate().unwrap(), RunOptions::new(trials, 1)).unwrap();
    RunResult::from_batch(&plan, &Batch::run(&plan, 0, trials))
}

fn example() -> &'static RunResult {
    static S: OnceLock<RunResult> = OnceLock::new();
    S.get_or_init(|| run(funnel_lab::presets::example(), 500))
}

fn style() -> ChartStyle {
    ChartStyle::default()
}

/// The example with no visitors: every count is 0, conversions are undefined
/// and every trial loses exactly the fixed costs.
fn zero_visitors() -> RunResult {
    let mut sc = funnel_lab::presets::example();
    for c in &mut sc.channels {
        c.visitors_per_day = Uncertain::fixed(0.0);
    }
    run(sc, 50)
}

/// A summary with no trial, no metric, no offer, no channel and no day.
fn empty_summary() -> RunResult {
    let header = RunHeader {
        name: "Empty".into(),
        currency: "USD".into(),
        stages: Stages::default(),
        channels: Vec::new(),
        offers: Vec::new(),
        growth: None,
    };
    let summary = Summary {
        trials: 0,
        seed: 1,
        metrics: Metrics::default(),
        prob_loss: 0.0,
        offers: Vec::new(),
        channels: Vec::new(),
        daily: DailyBands {
            days: Vec::new(),
            series: Vec::new(),
        },
        capped_trials: 0,
        warnings: Vec::new(),
    };
    RunResult { header, summary }
}

/// The example summary with every profit equal to 250 (no loss), one kept day.
fn equal_profits() -> RunResult {
    let mut r = example().clone();
    let s = &mut r.summary;
    let v = Some(250.0);
    s.metrics.insert(
        Metric::Profit,
        MetricSummary {
            stats: Stats {
                defined: 500,
                mean: v,
                sd: Some(0.0),
                p5: v,
                p25: v,
                p50: v,
                p75: v,
                p95: v,
            },
            histogram: Some(Histogram {
                min: 250.0,
                max: 250.0,
                counts: vec![500],
            }),
        },
    );
    s.prob_loss = 0.0;
    s.daily.days = vec![0];
    for b in &mut s.daily.series {
        for col in [&mut b.p5, &mut b.p25, &mut b.p50, &mut b.p75, &mut b.p95] {
            *col = vec![250.0];
        }
    }
    r
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

fn check_snapshot(name: &str, svg: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let path = dir.join(format!("{name}.svg"));
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    if update || !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(
        expected == svg,
        "{} differs from the rendering; if the change is intended, rerun with UPDATE_SNAPSHOTS=1",
        path.display()
    );
}

// --- Rendering the example ------------------------------------------------

#[test]
fn every_chart_matches_its_snapshot() {
    for kind in ChartKind::ALL {
        for (w, h) in SIZES {
            let svg = render_svg(kind, example(), &style(), w, h).unwrap();
            assert!(svg.starts_with("<svg"), "{}", kind.slug());
            assert!(svg.contains(&format!("width=\"{w}\"")));
            assert!(
                count(&svg, "<text") >= 5,
                "{} {w}x{h}: too little text",
                kind.slug()
            );
            check_snapshot(&format!("{}-{w}x{h}", kind.slug()), &svg);
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    for kind in ChartKind::ALL {
        let a = render_svg(kind, example(), &style(), 500, 320).unwrap();
        let b = render_svg(kind, &example().clone(), &style(), 500, 320).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn histogram_has_red_and_green_bars_percentiles_and_loss() {
    let r = example();
    let s = &r.summary;
    for (w, h) in SIZES {
        let svg = render_svg(ChartKind::ProfitHistogram, r, &style(), w, h).unwrap();
        assert!(count(&svg, "<rect") >= 10, "{w}x{h}");
        assert!(svg.contains("fill=\"#DC2626\""), "no loss bar at {w}x{h}");
        assert!(svg.contains("fill=\"#16A34A\""), "no gain bar at {w}x{h}");
        assert!(svg.contains(&format!("Loss in {} of trials", EN.percent(s.prob_loss))));
        let q = &s.metric(Metric::Profit).unwrap().stats;
        assert!(svg.contains(&format!("Median {}", EN.compact(q.p50.unwrap()))));
        assert!(svg.contains(&format!("P5 {}", EN.compact(q.p5.unwrap()))));
        assert!(svg.contains(&format!("P95 {}", EN.compact(q.p95.unwrap()))));
        assert!(svg.contains("Profit ($)"));
    }
}

#[test]
fn fan_chart_has_two_bands_and_a_median_line() {
    for (w, h) in SIZES {
        let svg = render_svg(ChartKind::ProfitOverTime, example(), &style(), w, h).unwrap();
        assert!(count(&svg, "<polygon") >= 2, "{w}x{h}");
        assert!(svg.contains("fill=\"#BFDBFE\""));
        assert!(svg.contains("fill=\"#93C5FD\""));
        assert!(svg.contains("<polyline") || svg.contains("<path"));
        assert!(
            svg.contains("stroke=\"#2563EB\""),
            "no median line at {w}x{h}"
        );
        assert!(svg.contains("Cumulative profit ($)"));
    }
}

#[test]
fn funnel_has_one_bar_per_stage_and_the_conversions() {
    let r = example();
    let stages = funnel_stages(&r.summary, Lang::En);
    for (w, h) in SIZES {
        let svg = render_svg(ChartKind::Funnel, r, &style(), w, h).unwrap();
        // Accent is used only by the stage bars (rects) and conversion texts.
        assert_eq!(
            count(&svg, "<rect"),
            stages.len() + 1,
            "background + one bar per stage at {w}x{h}"
        );
        assert_eq!(
            count(&svg, "fill=\"#2563EB\" stroke=\"none\""),
            stages.len()
        );
        for st in &stages {
            assert!(svg.contains(&st.label), "{} missing at {w}x{h}", st.label);
            let c = match st.conversion {
                Some(c) => c,
                None => continue,
            };
            assert!(svg.contains(&format!("↓ {}", EN.percent(c.p50))), "{w}x{h}");
            assert!(
                svg.contains(&format!("({})", EN.percent_range(c.p5, c.p95))),
                "{w}x{h}"
            );
        }
    }
}

#[test]
fn channel_roi_colours_channels_that_lose_money_red() {
    let r = example();
    let s = &r.summary;
    let svg = render_svg(ChartKind::ChannelRoi, r, &style(), 700, 360).unwrap();
    for c in &s.channels {
        assert!(svg.contains(&c.name));
    }
    let losing = s
        .channels
        .iter()
        .filter(|c| c.prob_negative_roi > 0.5)
        .count();
    let winning = s.channels.len() - losing;
    assert_eq!(count(&svg, "fill=\"#DC2626\" stroke=\"none\""), losing);
    assert_eq!(count(&svg, "fill=\"#16A34A\" stroke=\"none\""), winning);
}

#[test]
fn scale_enlarges_text_and_lines() {
    let big = ChartStyle {
        scale: 2.0,
        ..ChartStyle::default()
    };
    let mut euros = example().clone();
    euros.header.currency = "EUR".into();
    let svg = render_svg(ChartKind::ProfitHistogram, &euros, &big, 1400, 720).unwrap();
    assert!(svg.contains("Profit (€)"));
    assert!(svg.contains("font-size=\"24"), "text at 2 × 12 px");
}

// --- Degenerate summaries -------------------------------------------------

fn render_everything(s: &RunResult, what: &str) {
    let sizes = [
        (700, 360),
        (343, 300),
        (120, 80),
        (59, 40),
        (1, 1),
        (2000, 90),
        (90, 2000),
    ];
    for kind in ChartKind::ALL {
        for (w, h) in sizes {
            for scale in [1.0, 2.0, 0.0, f64::NAN] {
                let st = ChartStyle {
                    scale,
                    ..ChartStyle::default()
                };
                let r = render_svg(kind, s, &st, w, h);
                assert!(
                    r.is_ok(),
                    "{what}: {} at {w}x{h}, scale {scale}: {r:?}",
                    kind.slug()
                );
            }
        }
        assert!(!describe(kind, s, Lang::En).is_empty());
    }
}

#[test]
fn one_trial_renders() {
    let s = run(funnel_lab::presets::example(), 1);
    render_everything(&s, "one trial");
    let svg = render_svg(ChartKind::ProfitHistogram, &s, &style(), 343, 300).unwrap();
    assert!(svg.contains("Median"));
}

#[test]
fn zero_visitors_renders() {
    let s = zero_visitors();
    render_everything(&s, "zero visitors");
    let stages = funnel_stages(&s.summary, Lang::En);
    assert!(stages.iter().all(|st| st.p50 == 0.0));
    assert!(stages[1..].iter().all(|st| st.conversion.is_none()));
    let svg = render_svg(ChartKind::Funnel, &s, &style(), 700, 360).unwrap();
    assert!(svg.contains("↓ n/a"));
    // Every trial loses the fixed costs: all profits are equal.
    let s = &s.summary;
    let h = s
        .metric(Metric::Profit)
        .unwrap()
        .histogram
        .as_ref()
        .unwrap();
    assert_eq!(h.min, h.max);
    assert_eq!(s.prob_loss, 1.0);
}

#[test]
fn equal_profits_and_one_day_render() {
    let s = equal_profits();
    render_everything(&s, "equal profits");
    let svg = render_svg(ChartKind::ProfitHistogram, &s, &style(), 700, 360).unwrap();
    assert!(svg.contains("No loss in any trial"));
    assert!(svg.contains("fill=\"#16A34A\""));
    assert!(svg.contains("Median 250"));
    assert!(!svg.contains("P95"), "P5 = P95 = median: one label");
    let fan = render_svg(ChartKind::ProfitOverTime, &s, &style(), 700, 360).unwrap();
    assert!(fan.contains("<polyline"));
}

#[test]
fn empty_summary_renders_messages() {
    let s = empty_summary();
    render_everything(&s, "empty summary");
    let svg = render_svg(ChartKind::ProfitHistogram, &s, &style(), 700, 360).unwrap();
    assert!(svg.contains("No profit data to show"));
    let svg = render_svg(ChartKind::ProfitOverTime, &s, &style(), 700, 360).unwrap();
    assert!(svg.contains("No daily profit to show"));
    let svg = render_svg(ChartKind::ChannelRoi, &s, &style(), 700, 360).unwrap();
    assert!(svg.contains("No channels to show"));
    assert_eq!(
        describe(ChartKind::Funnel, &s, Lang::En),
        "No trials were run."
    );
}

#[test]
fn mismatched_or_non_finite_bands_are_not_drawn() {
    let mut r = example().clone();
    r.summary.daily.series[2].p50.pop();
    assert!(daily_band(&r.summary, DailySeries::Profit).is_none());
    let svg = render_svg(ChartKind::ProfitOverTime, &r, &style(), 700, 360).unwrap();
    assert!(svg.contains("No daily profit to show"));
    let mut s = example().summary.clone();
    s.daily.series[2].p95[3] = f64::NAN;
    assert!(profit_bands(&s).is_none());
    assert!(daily_band(&example().summary, DailySeries::Profit).is_some());
    let mut s = example().summary.clone();
    s.daily
        .series
        .retain(|b| b.name != DailySeries::Profit.name());
    assert!(daily_band(&s, DailySeries::Profit).is_none());
    assert!(daily_band(&s, DailySeries::Revenue).is_some());
}

#[test]
fn empty_image_is_an_error() {
    let e = render_svg(ChartKind::Funnel, example(), &style(), 0, 300).unwrap_err();
    assert_eq!(
        e,
        ChartError::EmptyImage {
            width: 0,
            height: 300
        }
    );
    assert!(e.to_string().contains("0×300"));
}

// --- Data and descriptions ------------------------------------------------

#[test]
fn funnel_stages_follow_the_summary() {
    let s = &example().summary;
    let stages = funnel_stages(s, Lang::En);
    assert_eq!(stages.len(), 2 + s.offers.len());
    let q = |m: Metric| Quantiles::of(&s.metric(m).unwrap().stats).unwrap();
    let offer =
        |f: OfferField, i: usize| Quantiles::of(&s.offer_metric(f, i).unwrap().stats).unwrap();
    let counts = |st: &FunnelStage| Quantiles {
        p5: st.p5,
        p50: st.p50,
        p95: st.p95,
    };
    assert_eq!(stages[0].label, "Visitors");
    assert_eq!(counts(&stages[0]), q(Metric::Visitors));
    assert_eq!((stages[0].from, stages[0].conversion), (None, None));
    assert_eq!(stages[1].label, "Leads");
    assert_eq!(counts(&stages[1]), q(Metric::Leads));
    assert_eq!(
        (stages[1].from, stages[1].conversion),
        (Some(0), Some(q(Metric::Optin)))
    );
    for (i, o) in s.offers.iter().enumerate() {
        let st = &stages[2 + i];
        assert_eq!(st.label, o.name);
        assert_eq!(st.people, format!("{} buyers", o.name));
        assert_eq!(counts(st), offer(OfferField::Buyers, i));
        assert_eq!(st.conversion, Some(offer(OfferField::Conversion, i)));
        assert_eq!(st.conversion, Quantiles::of(&o.conversion));
        let parent = match &o.offered_to {
            None => 1,
            Some(p) => 2 + s.offers.iter().position(|x| &x.id == p).unwrap(),
        };
        assert_eq!(st.from, Some(parent));
    }
    // The example ladder is a chain: each offer follows the stage above it.
    assert_eq!(
        stages.iter().map(|s| s.from).collect::<Vec<_>>(),
        [None, Some(0), Some(1), Some(2), Some(3)]
    );
}

#[test]
fn descriptions_contain_the_numbers() {
    let r = example();
    let s = &r.summary;
    let q = |m: Metric| Quantiles::of(&s.metric(m).unwrap().stats).unwrap();

    let profit = describe(ChartKind::ProfitHistogram, r, Lang::En);
    let p = q(Metric::Profit);
    assert_eq!(
        profit,
        format!(
            "Median profit {}; 90% of trials between {} and {}; loss in {} of trials.",
            EN.money(p.p50, "USD"),
            EN.money(p.p5, "USD"),
            EN.money(p.p95, "USD"),
            EN.percent(s.prob_loss)
        )
    );

    let funnel = describe(ChartKind::Funnel, r, Lang::En);
    assert!(funnel.contains(&format!("{} visitors", EN.count(q(Metric::Visitors).p50))));
    assert!(funnel.contains(&format!(
        "{} leads ({} of visitors)",
        EN.count(q(Metric::Leads).p50),
        EN.percent(q(Metric::Optin).p50)
    )));
    for o in &s.offers {
        assert!(funnel.contains(&format!("{} buyers", o.name)));
    }

    let (days, band) = profit_bands(s).unwrap();
    let over_time = describe(ChartKind::ProfitOverTime, r, Lang::En);
    let last = days.len() - 1;
    assert!(over_time.contains(&format!("day {}", days[last])));
    assert!(over_time.contains(&EN.money(band.p50[last], "USD")));

    let roi = describe(ChartKind::ChannelRoi, r, Lang::En);
    for c in &s.channels {
        assert!(roi.contains(&format!("{} {}", c.name, EN.percent(c.roi.p50.unwrap()))));
        assert!(roi.contains(&EN.percent(c.prob_negative_roi)));
    }
}

#[test]
fn chart_kinds_have_distinct_slugs_and_titles() {
    let slugs: std::collections::HashSet<_> = ChartKind::ALL.iter().map(|k| k.slug()).collect();
    let titles: std::collections::HashSet<_> = ChartKind::ALL.iter().map(|k| k.title()).collect();
    assert_eq!((slugs.len(), titles.len()), (7, 7));
}

#[test]
fn life_cycle_fan_charts_show_their_series_when_their_stage_is_on() {
    let r = example();
    for (kind, series, caption) in [
        (
            ChartKind::ActiveSubscribers,
            DailySeries::ActiveSubscribers,
            "Active subscribers",
        ),
        (ChartKind::Mrr, DailySeries::Mrr, "MRR ($)"),
        (
            ChartKind::ActiveRepeat,
            DailySeries::ActiveRepeat,
            "Active repeat customers",
        ),
    ] {
        assert_eq!(kind.series(), Some(series));
        let (days, band) = daily_band(&r.summary, series).unwrap();
        let last = days.len() - 1;
        assert!(
            band.p50[last] > 0.0,
            "{caption}: the example has some at the end"
        );
        for (w, h) in SIZES {
            let svg = render_svg(kind, r, &style(), w, h).unwrap();
            assert!(count(&svg, "<polygon") >= 2, "{caption} {w}x{h}: two bands");
            assert!(
                svg.contains("stroke=\"#2563EB\""),
                "{caption} {w}x{h}: median line"
            );
            assert!(svg.contains(caption), "{caption} {w}x{h}: y caption");
        }
        let text = describe(kind, r, Lang::En);
        assert!(
            text.contains(&format!("day {} (the last)", days[last])),
            "{text}"
        );
        let median = match series.unit() {
            funnel_lab::metrics::Unit::Money => EN.money(band.p50[last], "USD"),
            _ => EN.count(band.p50[last]),
        };
        assert!(text.contains(&format!("median {median}")), "{text}");
        assert!(!describe(kind, r, Lang::Ru).is_empty());
        // Without daily values: a message, no panic.
        let svg = render_svg(kind, &empty_summary(), &style(), 700, 360).unwrap();
        assert!(svg.contains("<text"));
    }
    // Shown only with their stage on; the other charts always.
    let none = Stages::default();
    let subscription = Stages {
        subscription: true,
        ..none
    };
    let repeat = Stages {
        repeat: true,
        ..none
    };
    assert!(!ChartKind::Mrr.shown(none) && ChartKind::Mrr.shown(subscription));
    assert!(
        !ChartKind::ActiveSubscribers.shown(repeat)
            && ChartKind::ActiveSubscribers.shown(subscription)
    );
    assert!(!ChartKind::ActiveRepeat.shown(subscription) && ChartKind::ActiveRepeat.shown(repeat));
    for kind in [
        ChartKind::Funnel,
        ChartKind::ProfitHistogram,
        ChartKind::ProfitOverTime,
        ChartKind::ChannelRoi,
    ] {
        assert!(kind.shown(none));
    }
}

#[test]
fn the_median_line_is_above_zero_from_the_day_it_last_crossed() {
    let s = &example().summary;
    let (days, band) = profit_bands(s).unwrap();
    match median_above_zero_from(s) {
        Some(day) => {
            let i = days.iter().position(|&d| d == day).unwrap();
            assert!(band.p50[i..].iter().all(|&v| v >= 0.0));
            assert!(i == 0 || band.p50[i - 1] < 0.0);
        }
        None => assert!(*band.p50.last().unwrap() < 0.0),
    }
    assert_eq!(median_above_zero_from(&empty_summary().summary), None);
}

#[test]
fn suggested_heights_fit_the_content() {
    let s = &example().summary;
    let funnel = suggested_height(ChartKind::Funnel, s, 343);
    assert!((300..=400).contains(&funnel), "{funnel}");
    let roi = suggested_height(ChartKind::ChannelRoi, s, 700);
    assert!((120..=200).contains(&roi), "{roi}");
    assert_eq!(suggested_height(ChartKind::ProfitHistogram, s, 343), 300);
    assert_eq!(suggested_height(ChartKind::ProfitOverTime, s, 700), 360);
    assert!(suggested_height(ChartKind::ChannelRoi, &empty_summary().summary, 700) >= 120);
}

/// With `CHARTS_PREVIEW_DIR=<dir>`, writes every chart of the example and of
/// the degenerate summaries there, to look at (e.g. in a browser).
#[test]
fn write_previews_when_asked() {
    let Ok(dir) = std::env::var("CHARTS_PREVIEW_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("example", example().clone()),
        ("one-trial", run(funnel_lab::presets::example(), 1)),
        ("zero-visitors", zero_visitors()),
        ("equal-profits", equal_profits()),
        ("empty", empty_summary()),
    ];
    for (name, s) in &cases {
        for kind in ChartKind::ALL {
            for (w, h) in [(700, 360), (343, 300), (343, 280), (343, 220), (1000, 300)] {
                let svg = render_svg(kind, s, &style(), w, h).unwrap();
                std::fs::write(dir.join(format!("{name}-{}-{w}x{h}.svg", kind.slug())), svg)
                    .unwrap();
            }
        }
    }
}

// --- The tornado ------------------------------------------------------------

/// The tornado of the example's profit over 500 trials, labelled by the
/// fields' plain names.
fn example_tornado() -> Tornado {
    let sc = funnel_lab::presets::example();
    let plan = Plan::new(sc.clone().validate().unwrap(), RunOptions::new(500, 1)).unwrap();
    let s = Sensitivity::of(&Batch::run(&plan, 0, 500), Metric::Profit);
    Tornado::new(&s, "USD", &EN, 10, |e| {
        e.field().map_or(e.path.clone(), |f| f.plain_label(&sc))
    })
}

#[test]
fn tornado_matches_its_snapshot_with_a_bar_per_input() {
    let t = example_tornado();
    assert_eq!(t.bars.len(), 3);
    let mut labels: Vec<&str> = t.bars.iter().map(|b| b.label.as_str()).collect();
    labels.sort_unstable();
    assert_eq!(
        labels,
        [
            "Course: Take rate",
            "Search ads: Cost per visitor",
            "Search ads: Opt-in rate"
        ]
    );
    for (w, h) in [(700, tornado_height(3)), (343, tornado_height(3))] {
        let svg = render_tornado_svg(&t, &style(), w, h).unwrap();
        for b in &t.bars {
            assert!(svg.contains(&b.label), "{} at {w}x{h}", b.label);
        }
        // Each bar has its two ends: light to the low tail, dark to the high.
        let fill = |c: plotters::style::RGBColor| {
            format!(
                "fill=\"#{:02X}{:02X}{:02X}\" stroke=\"none\"",
                c.0, c.1, c.2
            )
        };
        assert_eq!(count(&svg, &fill(TORNADO_LOW)), 3, "{w}x{h}");
        assert_eq!(count(&svg, &fill(TORNADO_HIGH)), 3, "{w}x{h}");
        check_snapshot(&format!("tornado-{w}x{h}"), &svg);
    }
    let wide = render_tornado_svg(&t, &style(), 700, tornado_height(3)).unwrap();
    let b = &t.bars[0];
    assert!(wide.contains(&format!("P10 {} → P90 {}", b.low_input, b.high_input)));
    assert!(
        b.low_input.ends_with('%'),
        "a rate as a percentage: {}",
        b.low_input
    );
    let cost = t
        .bars
        .iter()
        .find(|b| b.path.ends_with("cost_per_visitor"))
        .unwrap();
    // Money with the currency's symbol (USD is written "$0.44" in English).
    assert!(cost.low_input.starts_with('$'), "{}", cost.low_input);
}

#[test]
fn tornado_bands_map_a_click_to_its_input() {
    let t = example_tornado();
    let h = tornado_height(3);
    let mut out = String::new();
    let bands = {
        use plotters::drawing::IntoDrawingArea;
        let root =
            plotters::prelude::SVGBackend::with_string(&mut out, (700, h)).into_drawing_area();
        draw_tornado(&root, &t, &style()).unwrap()
    };
    assert_eq!(bands.len(), 3);
    for w in bands.windows(2) {
        assert!(
            w[0].1 <= w[1].0,
            "bands in order, not overlapping: {bands:?}"
        );
    }
    assert!(bands[2].1 <= f64::from(h));
    for (i, &(top, bottom)) in bands.iter().enumerate() {
        assert!(bottom - top >= 20.0, "{bands:?}");
        assert_eq!(bar_at(&bands, (top + bottom) / 2.0), Some(i));
    }
    assert_eq!(bar_at(&bands, bands[2].1 + 1.0), None);
    // Twice the pixels per CSS pixel: the same CSS bands.
    let hi_dpi = ChartStyle {
        scale: 2.0,
        ..style()
    };
    let mut out2 = String::new();
    let bands2 = {
        use plotters::drawing::IntoDrawingArea;
        let root = plotters::prelude::SVGBackend::with_string(&mut out2, (1400, 2 * h))
            .into_drawing_area();
        draw_tornado(&root, &t, &hi_dpi).unwrap()
    };
    for (a, b) in bands.iter().zip(&bands2) {
        assert!(
            (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() < 1.0,
            "{a:?} {b:?}"
        );
    }
}

#[test]
fn tornado_text_alternative_and_degenerate_cases() {
    let t = example_tornado();
    let text = t.describe(Lang::En);
    assert!(text.starts_with(&format!(
        "Median profit {}",
        EN.money(t.median.unwrap(), "USD")
    )));
    for b in &t.bars {
        assert!(text.contains(&b.label), "{text}");
        assert!(text.contains(&EN.money(b.high.unwrap(), "USD")), "{text}");
    }
    // No input varies: a message, no bars, nothing to click.
    let none = Tornado {
        bars: Vec::new(),
        ..t.clone()
    };
    let svg = render_tornado_svg(&none, &style(), 343, 200).unwrap();
    assert!(svg.contains("No uncertain input to rank"));
    assert!(none
        .describe(Lang::En)
        .contains("no uncertain input moves it"));
    let undefined = Tornado {
        median: None,
        metric: Metric::PaybackDay,
        ..t.clone()
    };
    let svg = render_tornado_svg(&undefined, &style(), 343, 200).unwrap();
    assert!(svg.contains("Payback day is not defined in any trial"));
    // Every bar at the median (no swing at all) and tiny areas do not panic.
    let flat = Tornado {
        bars: t
            .bars
            .iter()
            .map(|b| TornadoBar {
                low: t.median,
                high: t.median,
                ..b.clone()
            })
            .collect(),
        ..t.clone()
    };
    for (w, h) in [(343, 200), (40, 40), (1, 1), (2000, 90)] {
        render_tornado_svg(&flat, &style(), w, h).unwrap();
        render_tornado_svg(&t, &style(), w, h).unwrap();
    }
    assert!(render_tornado_svg(&t, &style(), 0, 10).is_err());
}
