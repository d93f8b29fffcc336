//! Switching how sure a value is (`Uncertain::convert`, `funnel_lab::forms`):
//! the new form keeps the old centre and spread (its 5th and 95th
//! percentiles), never narrows it by rounding, and writes 3 significant figures.

use funnel_lab::forms::quantiles;
use funnel_lab::inputs::Domain;
use funnel_lab::scenario::{Uncertain, UncertainForm};
use funnel_lab::validate::check_uncertain;

/// Significant figures of `x` as Rust writes it.
fn significant(x: f64) -> usize {
    let s = format!("{}", x.abs());
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

fn samples(domain: Domain) -> Vec<Uncertain> {
    if domain.is_rate() {
        vec![
            Uncertain::Range {
                low: 0.15,
                high: 0.35,
            },
            Uncertain::Range {
                low: 0.006,
                high: 0.02,
            },
            Uncertain::Observed {
                successes: 18.0,
                trials: 120.0,
            },
            Uncertain::Uniform {
                low: 0.1,
                high: 0.3,
            },
            Uncertain::Triangular {
                low: 0.02,
                mode: 0.05,
                high: 0.2,
            },
        ]
    } else {
        vec![
            Uncertain::Range {
                low: 250.0,
                high: 400.0,
            },
            Uncertain::Range {
                low: 0.25,
                high: 0.5,
            },
            Uncertain::Uniform {
                low: 0.0,
                high: 1200.0,
            },
            Uncertain::Triangular {
                low: 40.0,
                mode: 79.0,
                high: 150.0,
            },
        ]
    }
}

#[test]
fn every_form_keeps_the_spread_in_round_numbers() {
    for domain in [Domain::Rate, Domain::Amount] {
        for u in samples(domain) {
            let (p5, _, p95, _) = quantiles(&u, domain);
            for form in UncertainForm::ALL {
                if form == u.form() || (form == UncertainForm::Observed && !domain.is_rate()) {
                    continue;
                }
                let v = u.convert(form, domain);
                assert_eq!(check_uncertain(&v, domain), Ok(()), "{u:?} → {v:?}");
                for x in v.parts() {
                    assert!(
                        significant(x) <= 3,
                        "{u:?} → {v:?}: {x} has more than 3 figures"
                    );
                }
                if form == UncertainForm::Fixed {
                    let c = u.centre(domain);
                    assert!((v.parts()[0] - c).abs() <= 0.005 * c, "{u:?} → {v:?}");
                    continue;
                }
                let (q5, _, q95, _) = quantiles(&v, domain);
                // Observed data is matched through its standard deviation, and a
                // range cannot start at 0: both are close, the others exact up to rounding.
                let loose = form == UncertainForm::Observed
                    || u.form() == UncertainForm::Observed
                    || (form == UncertainForm::Range && p5 <= 0.0);
                let tolerance = if loose { 0.15 } else { 0.02 };
                let spread = p95 - p5;
                assert!(
                    (q95 - q5 - spread).abs() <= tolerance * spread,
                    "{u:?} → {v:?}: spread {} instead of {spread}",
                    q95 - q5
                );
                if !loose && form != UncertainForm::Range {
                    // Not narrower, up to the rounding of the mode.
                    let slack = 0.01 * spread;
                    assert!(
                        q5 <= p5 + slack && q95 >= p95 - slack,
                        "{u:?} → {v:?} narrower"
                    );
                }
            }
        }
    }
}

#[test]
fn a_range_becomes_a_triangle_as_wide_not_a_narrower_one() {
    let u = Uncertain::Range {
        low: 0.15,
        high: 0.35,
    };
    let Uncertain::Triangular { low, mode, high } =
        u.convert(UncertainForm::Triangular, Domain::Rate)
    else {
        panic!("not a triangular");
    };
    // Its ends lie beyond the range's: 90% of its draws fall between 0.15 and 0.35.
    assert!(low < 0.15 && high > 0.35, "{low} {mode} {high}");
    let q = |p| funnel_lab::forms::triangular_quantile(low, mode, high, p);
    assert!((q(0.05) - 0.15).abs() < 0.002 && (q(0.95) - 0.35).abs() < 0.002);
}

#[test]
fn a_fixed_number_gets_twenty_percent_either_side() {
    let u = Uncertain::Fixed(79.0);
    assert_eq!(
        u.convert(UncertainForm::Range, Domain::Amount),
        Uncertain::Range {
            low: 63.2,
            high: 94.8
        }
    );
    assert_eq!(
        Uncertain::Fixed(0.25)
            .convert(UncertainForm::Observed, Domain::Rate)
            .form(),
        UncertainForm::Observed
    );
    assert_eq!(u.convert(UncertainForm::Fixed, Domain::Amount), u);
}
