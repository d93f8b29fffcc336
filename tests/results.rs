//! A run's results carry the header of the scenario they were run on, so that
//! what shows them never reads the scenario being edited.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::presets;
use funnel_lab::protocol::{
    RunSpec, Runner, RunnerReply, RunnerRequest, Summariser, SummariserReply, SummariserRequest,
    SummariserStart,
};
use funnel_lab::results::{OfferLabel, RunHeader, RunResult, Stages};
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::{self, Batch};

fn plan(sc: Scenario, trials: u64) -> Plan {
    Plan::new(sc.validate().unwrap(), RunOptions::new(trials, 5)).unwrap()
}

#[test]
fn the_header_names_what_the_run_was_run_on() {
    let mut sc = presets::example();
    sc.name = "Spring launch".into();
    sc.currency = "EUR".into();
    let p = plan(sc.clone(), 30);
    let h = RunHeader::of(&p);
    assert_eq!(h.name, "Spring launch");
    assert_eq!(h.currency, "EUR");
    assert_eq!(
        h.stages,
        Stages {
            repeat: true,
            winback: true,
            subscription: true,
            referrals: true
        }
    );
    assert_eq!(h.channels, ["Search ads", "referral"]);
    let offers: Vec<OfferLabel> = sc
        .offers
        .iter()
        .map(|o| OfferLabel {
            id: o.id.clone(),
            name: o.name.clone(),
        })
        .collect();
    assert_eq!(h.offers, offers);

    // The header agrees with the summary's tables, and the summary is the
    // one a plain run gives.
    let r = RunResult::from_batch(&p, &Batch::run(&p, 0, 30));
    assert_eq!(r.header, h);
    assert_eq!(r.summary, stats::run(&p));
    let rows: Vec<&str> = r.summary.channels.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(rows, h.channels);
    let ids: Vec<&str> = r.summary.offers.iter().map(|o| o.id.as_str()).collect();
    let header_ids: Vec<&str> = h.offers.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, header_ids);
}

#[test]
fn stages_follow_the_switches() {
    let mut sc = presets::example();
    sc.referrals = None;
    sc.repeat.as_mut().unwrap().winback = None;
    assert_eq!(
        Stages::of(&sc),
        Stages {
            repeat: true,
            winback: false,
            subscription: true,
            referrals: false
        }
    );
    sc.repeat = None;
    sc.subscription = None;
    assert_eq!(Stages::of(&sc), Stages::default());
}

/// The worker sends the header with the preview and the final summary, and
/// it survives the trip as JSON.
#[test]
fn worker_replies_carry_the_header() {
    let mut scenario = presets::by_id("classic").unwrap().scenario();
    scenario.currency = "GBP".into();
    let spec = RunSpec {
        run_id: 9,
        scenario: scenario.clone(),
        trials: 40,
        seed: 5,
    };
    let want = RunHeader::of(&plan(scenario, 40));
    assert_eq!(want.currency, "GBP");
    let mut runner = Runner::new();
    runner.receive(RunnerRequest::Start(Box::new(spec.clone())));
    let mut summariser = Summariser::new();
    let mut headers = Vec::new();
    let mut tell = |request, payload: Option<&[u8]>, at: f64| {
        summariser.receive(request, payload, &|| at, &mut |r| {
            let r: SummariserReply =
                serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
            if let SummariserReply::Results(r) = r {
                headers.push((r.finished.is_some(), r.header));
            }
        })
    };
    let start = SummariserStart {
        spec,
        limit: 40,
        precision: None,
    };
    tell(SummariserRequest::Start(Box::new(start)), None, 0.0);
    for (i, first) in [0, 10, 20, 30].into_iter().enumerate() {
        runner.receive(RunnerRequest::Chunk {
            run_id: 9,
            first,
            count: 10,
        });
        let (reply, bytes) = runner.run_next(&|| 0.0).unwrap();
        let RunnerReply::ChunkDone { count, .. } = reply else {
            panic!("{reply:?}")
        };
        let chunk = SummariserRequest::Chunk {
            run_id: 9,
            first,
            count,
        };
        tell(chunk, Some(&bytes), 100.0 * i as f64);
    }
    assert_eq!(
        headers,
        [(false, want.clone()), (true, want)],
        "a first summary and a final one, each with the header"
    );
}
