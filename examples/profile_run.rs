//! Profiling aid: runs trials of one scenario, e.g. under `perf record` or
//! `valgrind --tool=callgrind`.
//!
//! `profile_run PRESET [TRIALS]` runs a preset by its id (`classic`, `lg-lc-am`, …);
//! `profile_run VISITORS [TRIALS]` runs the example without lifecycle stages at that
//! many visitors a day (default: 400 visitors, 2,000 trials).
fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "400".into());
    let trials: u64 = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let sc = match arg.parse::<f64>() {
        Ok(v) => {
            let mut sc = funnel_lab::presets::example();
            sc.repeat = None;
            sc.subscription = None;
            sc.referrals = None;
            sc.channels[0].visitors_per_day = funnel_lab::scenario::Uncertain::Fixed(v);
            sc
        }
        Err(_) => funnel_lab::presets::all()
            .iter()
            .find(|p| p.id == arg)
            .unwrap_or_else(|| panic!("no preset {arg}"))
            .scenario(),
    };
    let plan = funnel_lab::engine::Plan::new(
        sc.validate().unwrap(),
        funnel_lab::engine::RunOptions::new(trials, 7),
    )
    .unwrap();
    let b = funnel_lab::stats::Batch::run(&plan, 0, trials);
    println!("{} trials", b.trials);
}
