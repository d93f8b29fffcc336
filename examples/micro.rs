use funnel_lab::sampling::{Binomial, TrialRng};
use std::time::Instant;
fn main() {
    let mut r = TrialRng::from_seed_u64(1);
    for (n, p) in [(1u64, 0.05), (3, 0.1), (12, 0.02), (12, 0.1), (100, 0.045), (300, 0.045), (165, 0.07), (550, 0.3)] {
        let b = Binomial::new(p);
        let t = Instant::now();
        let mut s = 0u64;
        for _ in 0..2_000_000 { s += r.binomial_with(&b, n); }
        println!("bin({n},{p}): {:.1} ns  ({s})", t.elapsed().as_nanos() as f64 / 2e6);
    }
    for lam in [0.5, 5.0, 15.0, 60.0, 550.0] {
        let t = Instant::now();
        let mut s = 0u64;
        for _ in 0..2_000_000 { s += r.poisson(lam); }
        println!("poisson({lam}): {:.1} ns ({s})", t.elapsed().as_nanos() as f64 / 2e6);
    }
    let t = Instant::now(); let mut s = 0.0;
    for _ in 0..2_000_000 { s += r.beta(0.6, 5.4); }
    println!("beta(0.6,5.4): {:.1} ns ({s})", t.elapsed().as_nanos() as f64 / 2e6);
    let t = Instant::now(); let mut s = 0.0;
    for _ in 0..2_000_000 { s += r.beta(2.0, 8.0); }
    println!("beta(2,8): {:.1} ns ({s})", t.elapsed().as_nanos() as f64 / 2e6);
    let t = Instant::now(); let mut s = 0.0;
    for _ in 0..2_000_000 { s += r.gamma(2.0, 1.0); }
    println!("gamma(2): {:.1} ns ({s})", t.elapsed().as_nanos() as f64 / 2e6);
    let t = Instant::now(); let mut s = 0u64;
    for _ in 0..2_000_000 { s += r.next_u64() >> 60; }
    println!("next_u64: {:.1} ns ({s})", t.elapsed().as_nanos() as f64 / 2e6);
    let mut w = vec![];
    let mut warm = 1.0;
    for j in 0..57 { let surv: f64 = if j < 13 { 0.926 } else { 0.78 }; let p = 0.02f64.min(0.004 * (j + 1) as f64);
        w.push(warm * (1.0 - surv)); warm *= surv; w.push(warm * p); w.push(warm * (1.0 - p) * 0.01); warm *= (1.0 - p) * 0.99; }
    w.push(warm);
    let mut table = funnel_lab::sampling::AliasTable::default();
    table.rebuild(&w);
    let mut counts = vec![0u64; w.len()];
    let t = Instant::now();
    for _ in 0..100_000 { for _ in 0..82 { let (a, b) = table.sample_pair(&mut r); counts[a] += 1; counts[b] += 1; } }
    println!("alias per lead: {:.2} ns ({})", t.elapsed().as_nanos() as f64 / 16.4e6, counts[3]);
    let mut r2 = TrialRng::from_seed_u64(99);
    let mut c2 = vec![0u64; w.len()];
    let t = Instant::now();
    for _ in 0..100_000 { for _ in 0..41 { let (a, b) = table.sample_pair(&mut r); let (c, d) = table.sample_pair(&mut r2); counts[a] += 1; c2[b] += 1; counts[c] += 1; c2[d] += 1; } }
    println!("alias per lead, 2 rngs 2 hists: {:.2} ns ({})", t.elapsed().as_nanos() as f64 / 16.4e6, counts[3] + c2[3]);
    let t = Instant::now(); let mut s = 0.0;
    for _ in 0..2_000_000 { s += r.exponential(0.3); }
    println!("exponential: {:.1} ns ({s})", t.elapsed().as_nanos() as f64 / 2e6);
}
#[allow(dead_code)]
fn unused() {}
