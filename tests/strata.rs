//! Stratified input levels (`sampling::input_level`): every aligned block of 2ᵐ
//! trials covers each of the 2ᵐ slices of (0, 1) once, each level is uniform
//! over seeds (so every trial's input has exactly its entered distribution),
//! two fields stay independent, and a mean over the trials settles far faster
//! than with independent levels. Fixed seeds; tolerances from standard errors.

use funnel_lab::engine::{InputLevels, Plan, RunOptions};
use funnel_lab::inputs::{Field, Key};
use funnel_lab::presets;
use funnel_lab::sampling::{input_level, stratified_bits, StreamKey};
use funnel_lab::scenario::Uncertain;

fn key(name: &str) -> StreamKey {
    StreamKey::new("input").with("test").with(name)
}

/// The chi-square quantile with `df` degrees of freedom at 1 − 10⁻⁴
/// (Wilson and Hilferty's cube-root approximation; z = 3.719).
fn chi_square_limit(df: f64) -> f64 {
    let c = 2.0 / (9.0 * df);
    let root = 1.0 - c + 3.719 * c.sqrt();
    df * root * root * root
}

fn chi_square(counts: &[u64], expected: f64) -> f64 {
    counts
        .iter()
        .map(|&c| (c as f64 - expected) * (c as f64 - expected) / expected)
        .sum()
}

#[test]
fn every_aligned_block_of_trials_fills_each_slice_once() {
    for (seed, name) in [(1, "a"), (7, "b"), (123_456, "c")] {
        for m in 0..=12u32 {
            let size = 1u64 << m;
            for block in [0u64, 1, 5, 1000] {
                let mut seen = vec![false; size as usize];
                for t in block * size..(block + 1) * size {
                    let u = input_level(seed, t, key(name));
                    assert!(u > 0.0 && u < 1.0, "level {u}");
                    let slice = (u * size as f64) as usize;
                    assert!(
                        !seen[slice],
                        "seed {seed} m {m} block {block}: slice {slice} twice"
                    );
                    seen[slice] = true;
                }
            }
        }
    }
    // The bare sequence, at the top of the trials it serves.
    let top = u32::MAX - 255;
    let mut slices: Vec<u32> = (top..=u32::MAX)
        .map(|i| stratified_bits(i, 0x9e37_79b9_7f4a_7c15) >> 24)
        .collect();
    slices.sort_unstable();
    assert_eq!(slices, (0..256).collect::<Vec<u32>>());
}

#[test]
fn a_trials_level_is_uniform_over_seeds() {
    // Over the scrambling, every trial's level is uniform: the mean within
    // 4 SE of 1/2 and ten equal bins within the chi-square limit.
    let n = 20_000u64;
    for trial in [0u64, 1, 2, 1023, 12_345] {
        let mut bins = vec![0u64; 10];
        let mut sum = 0.0;
        for seed in 0..n {
            let u = input_level(seed, trial, key("x"));
            sum += u;
            bins[(u * 10.0) as usize] += 1;
        }
        let mean = sum / n as f64;
        let se = (1.0 / 12.0 / n as f64).sqrt();
        assert!((mean - 0.5).abs() < 4.0 * se, "trial {trial}: mean {mean}");
        let x2 = chi_square(&bins, n as f64 / 10.0);
        assert!(x2 < chi_square_limit(9.0), "trial {trial}: chi-square {x2}");
    }
}

#[test]
fn two_fields_levels_are_independent() {
    // In any one trial, over seeds, the levels of two fields are independent:
    // 20,000 seeds on an 8 × 8 grid within the chi-square limit (63 degrees of
    // freedom, the margins being random).
    let seeds = 20_000u64;
    for trial in [0u64, 1, 4095] {
        let mut cells = vec![0u64; 64];
        for seed in 0..seeds {
            let (x, y) = (
                input_level(seed, trial, key("a")),
                input_level(seed, trial, key("b")),
            );
            cells[(x * 8.0) as usize * 8 + (y * 8.0) as usize] += 1;
        }
        let x2 = chi_square(&cells, seeds as f64 / 64.0);
        assert!(
            x2 < chi_square_limit(63.0),
            "trial {trial}: chi-square {x2}"
        );
    }
    // Within a run of 4,096 trials, their correlation is near 0. The two
    // trials of each aligned pair lie in opposite halves of both fields'
    // ranges, so their products of deviations have the same sign; this widens
    // the spread of the correlation by about 1.13 (its variance times n was
    // 1.28 over 400 seeds, against 1 for independent levels): the bound 4/√n
    // is about 3.5 of those SE.
    let n = 4096u64;
    for seed in [1u64, 2, 3] {
        let a: Vec<f64> = (0..n).map(|t| input_level(seed, t, key("a"))).collect();
        let b: Vec<f64> = (0..n).map(|t| input_level(seed, t, key("b"))).collect();
        let r = a
            .iter()
            .zip(&b)
            .map(|(x, y)| (x - 0.5) * (y - 0.5))
            .sum::<f64>()
            / n as f64
            * 12.0;
        assert!(r.abs() < 4.0 / (n as f64).sqrt(), "seed {seed}: r {r}");
    }
}

#[test]
fn stratified_inputs_settle_a_mean_far_sooner_than_independent_ones() {
    // The example's conversion rate as a triangular (0.01, 0.03, 0.09): the mean
    // of its draws over the first 1,024 trials of a run. Independent levels miss
    // the exact mean by about one SE (σ/√1024); each of eight seeds must come
    // within SE/8, which independent levels do with a chance of about 1 in 10
    // each, and stratified ones do by far.
    let (a, c, b) = (0.01, 0.03, 0.09);
    let mut sc = presets::example();
    let field = Field::new(Key::NurtureConversionPerTouch, 0);
    field.set_uncertain(
        &mut sc,
        Uncertain::Triangular {
            low: a,
            mode: c,
            high: b,
        },
    );
    let exact_mean = (a + b + c) / 3.0;
    let sd = ((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0).sqrt();
    let n = 1024u64;
    let se = sd / (n as f64).sqrt();
    let mean_of = |seed, levels| {
        let options = RunOptions {
            input_levels: levels,
            ..RunOptions::new(n, seed)
        };
        let plan = Plan::new(sc.clone().validate().unwrap(), options).unwrap();
        let i = plan.inputs().index_of(field).unwrap();
        (0..n).map(|t| plan.params(t).drawn[i]).sum::<f64>() / n as f64
    };
    for seed in 1..=8u64 {
        let mean = mean_of(seed, InputLevels::Stratified);
        assert!(
            (mean - exact_mean).abs() < se / 8.0,
            "seed {seed}: mean {mean}, exact {exact_mean}, SE of independent levels {se}"
        );
    }
    // Independent levels do not (the test can tell the two apart): their
    // errors over the eight seeds are about one SE.
    let rms = ((1..=8u64)
        .map(|seed| {
            let e = mean_of(seed, InputLevels::Independent) - exact_mean;
            e * e
        })
        .sum::<f64>()
        / 8.0)
        .sqrt();
    assert!(rms > se / 4.0, "independent levels' error {rms}, SE {se}");
}
