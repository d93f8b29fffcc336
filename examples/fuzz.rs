//! A longer run of the fuzzing harness (tests/support/fuzz.rs) than CI's:
//!
//! ```sh
//! cargo run --release --example fuzz -- 200000 7   # cases of each kind, seed
//! ```
//!
//! Prints every failure with its case number and input, then the tallies and
//! the slowest case; exits 1 if anything failed.

#[path = "../tests/support/finite.rs"]
mod finite;
#[path = "../tests/support/fuzz.rs"]
mod fuzz;

fn main() {
    let mut args = std::env::args().skip(1);
    let cases = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let started = std::time::Instant::now();
    let mut failed = 0;
    let (scenarios, links) = fuzz::campaign(seed, cases, |case, what, input| {
        failed += 1;
        println!(
            "case {case}: {what}\n  input: {}",
            input.chars().take(2000).collect::<String>()
        );
    });
    let secs = started.elapsed().as_secs_f64();
    println!("{cases} scenario cases and {cases} link cases from seed {seed} in {secs:.1} s");
    println!(
        "scenarios: refused {}, invalid {}, ran {}; slowest {:.1} ms (case {})",
        scenarios.counts[0],
        scenarios.counts[1],
        scenarios.counts[2],
        scenarios.slowest.0,
        scenarios.slowest.1
    );
    println!(
        "links:     refused {}, invalid {}, ran {}; slowest {:.1} ms (case {})",
        links.counts[0], links.counts[1], links.counts[2], links.slowest.0, links.slowest.1
    );
    if failed > 0 {
        println!("{failed} failures");
        std::process::exit(1);
    }
}
