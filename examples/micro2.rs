use funnel_lab::sampling::{AliasTable, TrialRng};
fn cpu_ns() -> f64 { std::fs::read_to_string("/proc/thread-self/schedstat").unwrap().split_whitespace().next().unwrap().parse().unwrap() }
fn splitmix(z: &mut u64) -> u64 { *z = z.wrapping_add(0x9E37_79B9_7F4A_7C15); let mut x = *z; x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9); x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB); x ^ (x >> 31) }
fn main() {
    let mut w = vec![];
    let mut warm = 1.0;
    for j in 0..57 { let surv: f64 = if j < 13 { 0.926 } else { 0.78 }; let p = 0.02f64.min(0.004 * (j + 1) as f64);
        w.push(warm * (1.0 - surv)); warm *= surv; w.push(warm * p); w.push(warm * (1.0 - p) * 0.01); warm *= (1.0 - p) * 0.99; }
    w.push(warm);
    let mut table = AliasTable::default();
    table.rebuild(&w);
    let mut r = TrialRng::from_seed_u64(1);
    let mut r2 = TrialRng::from_seed_u64(77);
    let reps = 500_000;
    let leads = reps as f64 * 164.0;
    for round in 0..3 {
        let mut counts = vec![0u64; w.len()];
        let t = cpu_ns();
        for _ in 0..reps { for _ in 0..82 { let (a, b) = table.sample_pair(&mut r); counts[a] += 1; counts[b] += 1; } }
        let pcg = (cpu_ns() - t) / leads;
        let t = cpu_ns();
        let mut x = 0u64;
        for _ in 0..reps { for _ in 0..82 { x = x.wrapping_add(r.next_u64()); } }
        let rng_only = (cpu_ns() - t) / leads;
        let mut z = 12345u64;
        let t = cpu_ns();
        for _ in 0..reps { for _ in 0..82 { let v = splitmix(&mut z); let (a, b) = table.pair_of(v); counts[a] += 1; counts[b] += 1; } }
        let sm = (cpu_ns() - t) / leads;
        let t = cpu_ns();
        for _ in 0..reps { for _ in 0..41 { let v1 = r.next_u64(); let v2 = r2.next_u64(); let (a, b) = table.pair_of(v1); let (c, e) = table.pair_of(v2); counts[a] += 1; counts[b] += 1; counts[c] += 1; counts[e] += 1; } }
        let two = (cpu_ns() - t) / leads;
        let mut c2 = vec![0u64; w.len()];
        let t = cpu_ns();
        for _ in 0..reps { for _ in 0..41 { let v1 = splitmix(&mut z); let v2 = splitmix(&mut z); let (a, b) = table.pair_of(v1); let (c, e) = table.pair_of(v2); counts[a] += 1; c2[b] += 1; counts[c] += 1; c2[e] += 1; } }
        let sm2 = (cpu_ns() - t) / leads;
        println!("round {round}: pcg alias {pcg:.2}, rng only {rng_only:.2}, splitmix {sm:.2}, two pcg lanes {two:.2}, splitmix 2 hists {sm2:.2} ns/lead ({} {x} {})", counts[5], c2[3]);
    }
}
