//! Profiling aid: runs the example without lifecycle stages at the visitors given
//! as the first argument (default 400), e.g. under `perf record`.
fn main() {
    let v: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(400.0);
    let mut sc = funnel_lab::presets::example();
    sc.repeat = None;
    sc.subscription = None;
    sc.referrals = None;
    sc.channels[0].visitors_per_day = funnel_lab::scenario::Uncertain::Fixed(v);
    let plan = funnel_lab::engine::Plan::new(
        sc.validate().unwrap(),
        funnel_lab::engine::RunOptions::new(2000, 7),
    )
    .unwrap();
    let b = funnel_lab::stats::Batch::run(&plan, 0, 2000);
    println!("{} trials", b.trials);
}
