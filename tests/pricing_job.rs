//! The pricing lab's worker jobs (src/pricing/job.rs) and the sweep chart
//! (src/charts/sweep.rs): a progressive sweep runs the same points as a plain
//! sweep at the same prices, coarse points first, reporting after each, after
//! a preview of the whole grid from the first trials when there are enough; goal
//! seek through a job answers what `seek` answers; bad jobs fail with a
//! message; replies survive the worker's JSON; the chart draws both marks and
//! matches its snapshot (`UPDATE_SNAPSHOTS=1` rewrites it).

use funnel_lab::charts::{describe_sweep, render_sweep_svg, ChartStyle};
use funnel_lab::i18n::Lang;
use funnel_lab::pricing::job::{
    coarse_first, handle, preview_trials, seek_preview_trials, PricingReply, PricingRequest,
    SeekJob, SeekProblem, SweepJob, SweepView, PREVIEW_TRIALS, SEEK_PREVIEW_TRIALS,
};
use funnel_lab::pricing::{self, Goal, Sweep, SweepPoint};
use funnel_lab::scenario::Scenario;
use std::path::PathBuf;

fn ladder() -> Scenario {
    funnel_lab::presets::by_id("tripwire-ladder")
        .expect("the tripwire-ladder preset exists")
        .scenario()
}

fn sweep_job(target: &str) -> SweepJob {
    SweepJob {
        job_id: 7,
        scenario: ladder(),
        target: target.to_string(),
        from: 1.0,
        to: 41.0,
        steps: 9,
        trials: 200,
        seed: 11,
    }
}

fn replies(request: PricingRequest) -> Vec<PricingReply> {
    let mut out = Vec::new();
    handle(request, &mut |r| out.push(r));
    out
}

fn views(replies: &[PricingReply]) -> Vec<(SweepView, bool)> {
    replies
        .iter()
        .map(|r| match r {
            PricingReply::Sweep {
                job_id: 7,
                view,
                finished,
            } => ((**view).clone(), *finished),
            other => panic!("unexpected reply {other:?}"),
        })
        .collect()
}

#[test]
fn coarse_first_puts_every_fourth_point_and_the_last_first() {
    let prices: Vec<f64> = (0..10).map(f64::from).collect();
    assert_eq!(
        coarse_first(&prices),
        vec![0.0, 4.0, 8.0, 9.0, 1.0, 2.0, 3.0, 5.0, 6.0, 7.0]
    );
    assert_eq!(coarse_first(&[1.0, 2.0]), vec![1.0, 2.0]);
}

#[test]
fn a_progressive_sweep_runs_the_same_points_as_a_plain_sweep_coarse_first() {
    let job = sweep_job("tripwire");
    let got = views(&replies(PricingRequest::Sweep(Box::new(job.clone()))));
    // One reply per point, only the last finished.
    let (last, finished) = got.last().cloned().unwrap();
    assert!(finished);
    assert_eq!(got.iter().filter(|(_, f)| *f).count(), 1);
    assert_eq!(got.len(), last.done);
    assert_eq!(last.planned, last.done);
    assert!(
        last.done >= 9,
        "the grid and its refinements: {}",
        last.done
    );
    // The first replies show the coarse grid (1, 21, 41 of step 5), in price order.
    let first_three: Vec<f64> = got[2].0.points.iter().map(|p| p.price).collect();
    assert_eq!(first_three, vec![1.0, 21.0, 41.0]);
    assert!(!got[2].0.refining && last.refining);
    // Every point is what a plain sweep gives at its price.
    let prices: Vec<f64> = last.points.iter().map(|p| p.price).collect();
    let sc = job.scenario.clone().validate().unwrap();
    let target = pricing::target_named(&sc, "tripwire").unwrap();
    let plain = Sweep::run(&sc, target, &prices, job.trials, job.seed).unwrap();
    for (a, b) in last.points.iter().zip(plain.points()) {
        assert_eq!(a.price, b.price);
        assert_eq!(a.profit, b.profit);
        assert_eq!(a.prob_loss, b.prob_loss);
        assert_eq!(a.buyers, b.buyers);
        assert_eq!(a.front_end_roas, b.front_end_roas.mean);
    }
    let best = plain.best_mean().unwrap();
    let mark = last.best_mean.unwrap();
    assert_eq!(
        (mark.price, mark.value, mark.near),
        (best.price, best.value, best.near)
    );
    let safe = plain.best_p5().unwrap();
    assert_eq!(last.best_p5.unwrap().price, safe.price);
    // Refinement adds prices between those of the grid (1, 6, …, 41), near the marks.
    assert!(prices.len() > 9);
    assert!(prices.iter().any(|p| ((p - 1.0) / 5.0).fract() != 0.0));
}

#[test]
fn a_sweep_of_enough_trials_previews_the_whole_grid_first_then_ends_as_without() {
    assert_eq!(preview_trials(4 * PREVIEW_TRIALS - 1), 0);
    assert_eq!(preview_trials(4 * PREVIEW_TRIALS), PREVIEW_TRIALS);
    let job = SweepJob {
        trials: 4 * PREVIEW_TRIALS,
        ..sweep_job("tripwire")
    };
    let got = views(&replies(PricingRequest::Sweep(Box::new(job.clone()))));
    let sc = job.scenario.clone().validate().unwrap();
    let target = pricing::target_named(&sc, "tripwire").unwrap();
    let grid: Vec<f64> = (0..9).map(|i| 1.0 + 5.0 * f64::from(i)).collect();
    let prices = |points: &[funnel_lab::pricing::job::PointView]| -> Vec<f64> {
        points.iter().map(|p| p.price).collect()
    };
    // First the coarse prices' preview, then the whole grid's; nothing run in
    // full or marked yet.
    let (coarse, whole) = (&got[0].0, &got[1].0);
    assert_eq!(prices(&coarse.preview), vec![1.0, 21.0, 41.0]);
    assert_eq!(prices(&whole.preview), grid);
    for v in [coarse, whole] {
        assert!(v.points.is_empty() && v.best_mean.is_none() && v.best_p5.is_none());
        assert_eq!(v.preview_trials, PREVIEW_TRIALS);
        assert_eq!((v.done, v.planned), (0, 9));
    }
    // The chart draws the preview's curve (its median line) before any point is run in full.
    let svg = render_sweep_svg(whole, "USD", &ChartStyle::default(), 700, 360).unwrap();
    assert!(svg.contains("#2563EB"), "the median line from the preview");
    let said = describe_sweep(whole, "USD", Lang::En);
    assert!(
        said.starts_with("A first look from 100 trials a price"),
        "{said}"
    );
    assert_ne!(describe_sweep(whole, "USD", Lang::Ru), said);
    // A preview point is the point run with the preview's trials, a prefix of its trials.
    for p in &whole.preview {
        let alone = SweepPoint::run(&sc, target, p.price, PREVIEW_TRIALS, job.seed).unwrap();
        assert_eq!(p.profit, alone.profit);
        assert_eq!(p.buyers, alone.buyers);
    }
    // Then each point run in full takes its preview's place on the curve.
    for (v, _) in &got[2..] {
        let full = prices(&v.points);
        assert!(v.preview.iter().all(|p| !full.contains(&p.price)));
        let curve: Vec<f64> = v.curve().iter().map(|(p, _)| p.price).collect();
        assert!(v
            .curve()
            .iter()
            .all(|(p, look)| *look != full.contains(&p.price)));
        if !v.refining {
            assert_eq!(v.points.len() + v.preview.len(), 9);
            assert_eq!(curve, grid);
        }
    }
    assert!(got[2..]
        .iter()
        .any(|(v, _)| !v.points.is_empty() && !v.preview.is_empty()));
    // The end is what a sweep without a preview gives.
    let (last, finished) = got.last().cloned().unwrap();
    assert!(finished && last.preview.is_empty());
    assert_eq!(got.len(), last.done + 2);
    let plain = Sweep::run(&sc, target, &prices(&last.points), job.trials, job.seed).unwrap();
    for (a, b) in last.points.iter().zip(plain.points()) {
        assert_eq!(
            (a.price, &a.profit, a.prob_loss),
            (b.price, &b.profit, b.prob_loss)
        );
    }
    assert_eq!(
        last.best_mean.unwrap().price,
        plain.best_mean().unwrap().price
    );
    assert_eq!(last.best_p5.unwrap().price, plain.best_p5().unwrap().price);
}

#[test]
fn bad_sweeps_fail_with_a_message() {
    let mut job = sweep_job("no-such-offer");
    let got = replies(PricingRequest::Sweep(Box::new(job.clone())));
    assert!(
        matches!(&got[..], [PricingReply::Failed { job_id: 7, message }] if message.contains("no-such-offer")),
        "{got:?}"
    );
    job.target = "tripwire".into();
    job.from = 50.0;
    let got = replies(PricingRequest::Sweep(Box::new(job.clone())));
    assert!(matches!(&got[..], [PricingReply::Failed { message, .. }] if message.contains("from")));
    job.from = 1.0;
    job.scenario.horizon_days = 0;
    let got = replies(PricingRequest::Sweep(Box::new(job)));
    assert!(
        matches!(&got[..], [PricingReply::Failed { message, .. }] if message.contains("horizon_days")),
        "{got:?}"
    );
}

#[test]
fn a_seek_job_answers_what_seek_answers_and_says_where_the_goal_lies() {
    let job = SeekJob {
        job_id: 3,
        scenario: ladder(),
        path: "channels[0].cost_per_visitor".into(),
        profit_at_least: 0.0,
        by_day: 365,
        chance: 0.5,
        trials: 200,
        seed: 5,
    };
    let goal = Goal {
        profit_at_least: 0.0,
        by_day: 365,
        chance: 0.5,
    };
    let direct = pricing::seek(&job.scenario, &job.path, goal, 200, 5).unwrap();
    let got = replies(PricingRequest::Seek(Box::new(job.clone())));
    assert_eq!(
        got,
        vec![PricingReply::Seek {
            job_id: 3,
            result: Ok(direct),
            preview: false,
        }]
    );
    // Four times the first estimate's trials or more: the estimate comes first,
    // the whole search from the first trials of every value.
    assert_eq!(seek_preview_trials(4 * SEEK_PREVIEW_TRIALS - 1), 0);
    let more = SeekJob {
        scenario: funnel_lab::presets::by_id("classic").unwrap().scenario(),
        trials: 4 * SEEK_PREVIEW_TRIALS,
        by_day: 180,
        ..job.clone()
    };
    let goal = Goal {
        by_day: 180,
        ..goal
    };
    let estimate = pricing::seek(&more.scenario, &more.path, goal, SEEK_PREVIEW_TRIALS, 5);
    let answer = pricing::seek(&more.scenario, &more.path, goal, more.trials, 5).unwrap();
    assert_ne!(estimate.as_ref().unwrap().value, answer.value);
    assert_eq!(
        replies(PricingRequest::Seek(Box::new(more))),
        vec![
            PricingReply::Seek {
                job_id: 3,
                result: estimate.map_err(SeekProblem::from),
                preview: true,
            },
            PricingReply::Seek {
                job_id: 3,
                result: Ok(answer),
                preview: false,
            },
        ]
    );
    // Fixed costs no value of the cost per visitor can pay.
    let mut hopeless = job;
    hopeless.scenario.fixed_costs_per_month = funnel_lab::scenario::Uncertain::Fixed(1e9);
    match &replies(PricingRequest::Seek(Box::new(hopeless)))[..] {
        [PricingReply::Seek {
            result: Err(SeekProblem::Unreachable { higher, .. }),
            ..
        }] => assert!(!higher, "cheaper visitors are the way"),
        other => panic!("expected unreachable, got {other:?}"),
    }
}

#[test]
fn replies_survive_the_workers_json() {
    let got = replies(PricingRequest::Sweep(Box::new(SweepJob {
        steps: 2,
        ..sweep_job("tripwire")
    })));
    for r in got {
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<PricingReply>(&text).unwrap(), r);
    }
}

fn check_snapshot(name: &str, svg: &str) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/{name}.svg"));
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") || !path.exists() {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(
        expected == svg,
        "{} differs from the rendering",
        path.display()
    );
}

#[test]
fn the_sweep_chart_marks_both_prices_and_matches_its_snapshot() {
    let got = views(&replies(PricingRequest::Sweep(Box::new(sweep_job(
        "tripwire",
    )))));
    let view = got.last().unwrap().0.clone();
    let style = ChartStyle::default();
    for (w, h) in [(700, 360), (343, 300)] {
        let svg = render_sweep_svg(&view, "USD", &style, w, h).unwrap();
        // The median line, the loss line and both marks' colours.
        for colour in ["#2563EB", "#DC2626", "#16A34A", "#7C3AED"] {
            assert!(svg.contains(colour), "{colour} missing at {w}x{h}");
        }
        assert!(svg.contains("Price ($)"));
        check_snapshot(&format!("sweep-{w}x{h}"), &svg);
    }
    let best = view.best_mean.unwrap().price;
    let en = describe_sweep(&view, "USD", Lang::En);
    assert!(en.contains(&Lang::En.numbers().money(best, "USD")), "{en}");
    let ru = describe_sweep(&view, "USD", Lang::Ru);
    assert!(ru.contains(&Lang::Ru.numbers().money(best, "USD")), "{ru}");
    assert_ne!(en, ru);
    // Nothing to mark before any point.
    let empty = SweepView::default();
    assert!(render_sweep_svg(&empty, "USD", &style, 343, 300).is_ok());
}

#[test]
fn step_errors_speak_both_languages_and_the_curve_passes_through_both_tests() {
    use funnel_lab::charts::render_demand_curve_svg;
    use funnel_lab::price_response::{halving_step_from_tests, PriceTest, StepError, StepSpread};
    let errors = [
        StepError::BadPrice { test: 2 },
        StepError::BadCounts { test: 1 },
        StepError::NoBuyers { test: 2 },
        StepError::SamePrice,
        StepError::SameRate,
        StepError::RisesWithPrice,
        StepError::TooUncertain,
    ];
    for e in errors {
        let (en, ru) = (e.say(Lang::En), e.say(Lang::Ru));
        assert!(!en.is_empty() && !ru.is_empty() && en != ru, "{e:?}");
        if let StepError::BadPrice { test } | StepError::NoBuyers { test } = e {
            assert!(en.contains(&test.to_string()) && ru.contains(&test.to_string()));
        }
    }
    let tests = [
        PriceTest::new(7.0, 60.0, 1000.0),
        PriceTest::new(17.0, 38.0, 1000.0),
    ];
    let fixed = halving_step_from_tests(tests[0], tests[1], StepSpread::Fixed).unwrap();
    let s = fixed.as_fixed().unwrap();
    // 2^(−10/s) = 38/60.
    assert!((libm::exp2(-10.0 / s) - 38.0 / 60.0).abs() < 1e-12);
    let range = halving_step_from_tests(tests[0], tests[1], StepSpread::Range90).unwrap();
    let bounds = match range {
        funnel_lab::scenario::Uncertain::Range { low, high } => (low, high),
        other => panic!("{other:?}"),
    };
    let style = ChartStyle::default();
    let plain = render_demand_curve_svg(tests, s, None, "USD", &style, 320, 170).unwrap();
    let banded = render_demand_curve_svg(tests, s, Some(bounds), "USD", &style, 320, 170).unwrap();
    assert!(plain.contains("#2563EB") && plain.contains("Share that buys"));
    assert!(banded.contains("#BFDBFE") && !plain.contains("#BFDBFE"));
}
