//! The fuzzing harness in CI (issue 15): a few thousand mutated scenarios and
//! as many mutated share links, each refused with a message or run with every
//! output finite, without a panic. `cargo run --release --example fuzz --
//! CASES SEED` runs longer searches with the same harness.

#[path = "support/finite.rs"]
mod finite;
#[path = "support/fuzz.rs"]
mod fuzz;

/// Cases of each kind (scenarios, links) in CI: about half a minute in all on
/// one core of the test profile.
const CASES: u64 = 2_500;

#[test]
fn mutated_scenarios_and_links_are_refused_plainly_or_run_cleanly() {
    let mut failures = Vec::new();
    let (scenarios, links) = fuzz::campaign(2025, CASES, |case, what, input| {
        failures.push(format!(
            "case {case}: {what}\n  input: {}",
            input.chars().take(600).collect::<String>()
        ));
    });
    println!("scenarios: {scenarios:?}\nlinks: {links:?}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The mutations reach every outcome, or the harness tests less than it seems.
    for (what, t) in [("scenarios", &scenarios), ("links", &links)] {
        for (i, n) in t.counts.iter().enumerate() {
            assert!(
                *n >= CASES / 50,
                "{what}: only {n} cases of verdict {i}: {t:?}"
            );
        }
    }
}
