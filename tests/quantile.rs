//! The inverse distribution functions against reference values computed with
//! 40-digit arithmetic (mpmath: `erfinv` for the normal; for the beta, its
//! regularized incomplete beta, or for large integer shapes the binomial sum
//! I_x(a, b) = P(Bin(a + b − 1, x) ≥ a), inverted by Newton's method).

// References are printed to 20 digits, more than a double holds.
#![allow(clippy::excessive_precision)]

use funnel_lab::quantile::{beta_cdf, beta_quantile, normal_cdf, normal_quantile, Level};

fn close(label: &str, got: f64, want: f64, rel: f64) {
    assert!(
        (got - want).abs() <= rel * want.abs(),
        "{label}: got {got:e}, want {want:e} (relative error {:e})",
        ((got - want) / want).abs()
    );
}

#[test]
fn normal_quantile_matches_reference_values() {
    let cases = [
        (1e-20, -9.2623400897984075737),
        (1e-10, -6.3613409024040562047),
        (0.001, -3.0902323061678135415),
        (0.02425, -1.9729610513118848503),
        (0.05, -1.6448536269514727149),
        (0.075, -1.4395314709384559153),
        (0.3, -0.52440051270804078404),
        (0.6, 0.2533471031357997988),
        (0.9, 1.281551565544600467),
        (0.975, 1.9599639845400542355),
        // The double nearest 0.999999, not 1 − 10⁻⁶.
        (0.999999, 4.7534243088170877657),
    ];
    for (p, z) in cases {
        close(&format!("Φ⁻¹({p})"), normal_quantile(p), z, 2e-15);
    }
    assert_eq!(normal_quantile(0.5), 0.0);
    assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
    assert_eq!(normal_quantile(1.0), f64::INFINITY);
    assert!(normal_quantile(1.5).is_nan() && normal_quantile(f64::NAN).is_nan());
    // Φ inverts it, in both tails (far out, Φ's condition number |z|² limits it).
    for p in [1e-300, 1e-12, 0.01, 0.4, 0.77] {
        close(
            &format!("Φ(Φ⁻¹({p:e}))"),
            normal_cdf(normal_quantile(p)),
            p,
            1e-12,
        );
    }
    assert_eq!(normal_cdf(0.0), 0.5);
}

#[test]
fn a_level_keeps_both_tails() {
    let (p, q) = Level::Normal(-9.0).tails();
    close("Φ(−9)", p, 1.1285884059538406e-19, 1e-14);
    assert_eq!(q, 1.0);
    let (p, q) = Level::Normal(9.0).tails();
    close("1 − Φ(9)", q, 1.1285884059538406e-19, 1e-14);
    assert_eq!(p, 1.0);
    assert_eq!(Level::Uniform(0.25).tails(), (0.25, 0.75));
    assert_eq!(Level::Normal(1.25).z(), 1.25);
    close(
        "z of a uniform",
        Level::Uniform(0.975).z(),
        1.9599639845400542355,
        1e-15,
    );
}

#[test]
fn beta_cdf_matches_reference_values() {
    let cases = [
        (0.1, 13.0, 89.0, 0.20805768859473518717),
        (0.2, 13.0, 89.0, 0.9772220221532580803),
        (0.5, 2.0, 3.0, 0.6875),
        (0.001, 3.0, 1000.0, 0.080577590360204406411),
        (0.11, 101.0, 901.0, 0.83403404580004121316),
        (0.11, 5001.0, 40001.0, 0.22362563573923213036),
        (0.99, 50.0, 2.0, 0.90750910070630497567),
        (0.5, 1000001.0, 1000001.0, 0.5),
        (0.5005, 1000001.0, 1000001.0, 0.92135052619590767874),
        (0.0000275, 30.0, 1000001.0, 0.34153599872750732595),
    ];
    for (x, a, b, want) in cases {
        close(&format!("I_{x}({a}, {b})"), beta_cdf(x, a, b), want, 1e-12);
    }
    assert_eq!(beta_cdf(0.0, 3.0, 4.0), 0.0);
    assert_eq!(beta_cdf(1.0, 3.0, 4.0), 1.0);
}

/// Stands for the level 1 − 10⁻¹⁰ in a table of levels.
const UPPER_1E_10: f64 = -1.0;

#[test]
fn beta_quantile_matches_reference_values_to_1e_12() {
    let cases = [
        (0.5, 13.0, 89.0, 0.12501393861861723158),
        (0.05, 13.0, 89.0, 0.077843580038678408424),
        (0.95, 13.0, 89.0, 0.18538444831955501314),
        (1e-10, 13.0, 89.0, 0.010878422743322161624),
        (UPPER_1E_10, 13.0, 89.0, 0.4123587870101707223),
        (0.3, 2.0, 3.0, 0.27238394207510534745),
        (0.7, 3.0, 2.0, 0.72761605792489465255),
        (0.01, 2.0, 2.0, 0.05890313577819525414),
        (1e-12, 7.0, 3.0, 0.011605175443733158702),
        (0.5, 101.0, 901.0, 0.10053280515399769524),
        (0.999, 101.0, 901.0, 0.1324059961742137385),
        (0.2, 5001.0, 40001.0, 0.1098798383175462459),
        (0.5, 1.0, 11.0, 0.061069089338293649712),
        (0.05, 1.0, 11.0, 0.0046521717321972984569),
        (0.5, 11.0, 1.0, 0.93893091066170635029),
        (0.5, 30.0, 1000001.0, 0.000029666433246525663869),
        (0.01, 500001.0, 500001.0, 0.49883682850909757739),
        (0.5, 500001.0, 500001.0, 0.5),
        (0.999, 2.0, 100000.0, 0.000092329410478458202049),
    ];
    for (p, a, b, want) in cases {
        // The level 1 − 10⁻¹⁰ is given by its exact upper tail.
        let (p, q) = if p == UPPER_1E_10 {
            (1.0 - 1e-10, 1e-10)
        } else {
            (p, 1.0 - p)
        };
        let got = beta_quantile(p, q, a, b);
        close(&format!("quantile {p} of Beta({a}, {b})"), got, want, 1e-12);
    }
}

#[test]
fn beta_quantile_inverts_the_cdf_in_both_tails_and_is_symmetric() {
    for (a, b) in [
        (2.0, 2.0),
        (13.0, 89.0),
        (1.0, 1.0),
        (1.0, 40.0),
        (7.0, 1.0),
        (300.0, 5.0),
    ] {
        for p in [1e-15, 1e-6, 0.01, 0.3, 0.5, 0.8, 0.999] {
            let q = 1.0 - p;
            let x = beta_quantile(p, q, a, b);
            assert!(x > 0.0 && x < 1.0, "Beta({a}, {b}) at {p}: {x}");
            close(
                &format!("I(quantile {p}) of Beta({a}, {b})"),
                beta_cdf(x, a, b),
                p,
                1e-11,
            );
            // The quantile of the mirrored distribution at the other tail.
            let mirrored = beta_quantile(q, p, b, a);
            assert!(
                (x - (1.0 - mirrored)).abs() <= 1e-15,
                "{x} vs 1 − {mirrored}"
            );
        }
        // Levels 0 and 1 are the ends.
        assert_eq!(beta_quantile(0.0, 1.0, a, b), 0.0);
        assert_eq!(beta_quantile(1.0, 0.0, a, b), 1.0);
    }
    // Beta(1, 1) is uniform.
    assert_eq!(beta_quantile(0.375, 0.625, 1.0, 1.0), 0.375);
}

#[test]
fn huge_shapes_give_the_normal_limit_quickly() {
    // Beta(a, a) with a = 5·10¹¹ is normal to O(1/a): its quantiles are
    // ½ + z·sd with sd = ½/√(2a + 1), far within 10⁻⁶ of the spread.
    let a: f64 = 5e11 + 1.0;
    let sd = 0.5 / (2.0 * a + 1.0).sqrt();
    for z in [-3.0, -1.0, 0.5, 2.0] {
        let (p, q) = Level::Normal(z).tails();
        let x = beta_quantile(p, q, a, a);
        assert!(
            ((x - 0.5) / sd - z).abs() < 1e-4,
            "z {z}: (x − ½)/sd = {}",
            (x - 0.5) / sd
        );
    }
    // Observed 5 of 10¹² is a Gamma(6)/10¹² in the limit: median 5.6702…/10¹².
    let x = beta_quantile(0.5, 0.5, 6.0, 1e12 - 4.0);
    assert!(
        (x * 1e12 - 5.670_161_188_712_07).abs() < 1e-9,
        "{}",
        x * 1e12
    );
}
