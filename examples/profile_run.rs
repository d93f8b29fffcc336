fn main() {
    let mut sc = funnel_lab::presets::example();
    sc.repeat = None;
    sc.subscription = None;
    sc.referrals = None;
    let p = funnel_lab::engine::Plan::new(
        sc.validate().unwrap(),
        funnel_lab::engine::RunOptions::new(3000, 7),
    )
    .unwrap();
    let b = funnel_lab::stats::Batch::run(&p, 0, 3000);
    println!("{}", b.trials);
}
