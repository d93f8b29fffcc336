use std::time::Instant;
fn main() {
    for p in funnel_lab::presets::all() {
        let plan = funnel_lab::engine::Plan::new(p.scenario().validate().unwrap(), funnel_lab::engine::RunOptions::new(1000, 7)).unwrap();
        let mut ws = funnel_lab::engine::Workspace::default();
        let t0 = Instant::now();
        let mut s = 0u64;
        for t in 0..1000 { s += ws.run(&plan, t).customers; }
        let e = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let b = funnel_lab::stats::Batch::run(&plan, 0, 1000);
        let f = t1.elapsed().as_secs_f64();
        println!("{:<20} engine only {:>8.0} trials/s, batch {:>8.0} trials/s {} {}", p.id, 1000.0/e, 1000.0/f, s, b.trials);
    }
}
