//! The price response from two test prices (`docs/model.md`, "Price response").
//!
//! Demand sold at price `p` is the demand seen at the reference price `p₀` times
//! `2^(−(p − p₀)/s)`. Two tests, "at `p₁`, `k₁` of `n₁` bought; at `p₂`, `k₂` of
//! `n₂`", fix the halving step: with `c = k / n`,
//! `s = (p₂ − p₁) / log₂(c₁ / c₂)`, and the curve through `(p₁, c₁)` passes
//! through `(p₂, c₂)`. [`halving_step_from_tests`] gives it as a fixed value or
//! as a 90% range from the two rates' own uncertainty.

use crate::quantile::normal_quantile;
use crate::scenario::Uncertain;
use crate::validate::MAX_AMOUNT;
use std::fmt;

/// One price test: `bought` of `offered` people bought at `price`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceTest {
    /// The price tested (≥ 0).
    pub price: f64,
    /// How many bought (a whole number from 0 to `offered`).
    pub bought: f64,
    /// How many were offered it (a whole number above 0).
    pub offered: f64,
}

impl PriceTest {
    /// A test of `price`: `bought` of `offered` bought.
    pub fn new(price: f64, bought: f64, offered: f64) -> Self {
        PriceTest {
            price,
            bought,
            offered,
        }
    }

    /// The share that bought, `bought / offered`.
    pub fn rate(&self) -> f64 {
        self.bought / self.offered
    }
}

/// How sure the derived step should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepSpread {
    /// One number, from the two observed rates as they are.
    Fixed,
    /// A 90% range: the two rates' uncertainty carried into the step.
    Range90,
}

/// Why two tests cannot give a halving step. `test` is 1 or 2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StepError {
    /// A test's price is not a number from 0 to 10¹².
    BadPrice {
        /// Which test (1 or 2).
        test: u8,
    },
    /// A test's counts are not whole numbers with 0 ≤ bought ≤ offered, offered > 0.
    BadCounts {
        /// Which test (1 or 2).
        test: u8,
    },
    /// Both tests have the same price.
    SamePrice,
    /// Nobody bought in a test: a rate of 0 gives no ratio.
    NoBuyers {
        /// Which test (1 or 2).
        test: u8,
    },
    /// Both tests have the same rate (or so close that the step is over 10¹²):
    /// the price did not move demand.
    SameRate,
    /// More bought at the higher price: demand does not fall as the price rises.
    RisesWithPrice,
    /// The tests are too small to tell, at 90%, a falling demand from a flat one.
    TooUncertain,
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::BadPrice { test } => {
                write!(
                    f,
                    "test {test}: the price must be a number from 0 to 1000000000000"
                )
            }
            StepError::BadCounts { test } => write!(
                f,
                "test {test}: the buyers must be a whole number from 0 to the people offered, \
                 and the people offered a whole number above 0"
            ),
            StepError::SamePrice => write!(f, "the two tests must have different prices"),
            StepError::NoBuyers { test } => write!(
                f,
                "test {test}: nobody bought, so the tests cannot say how fast demand falls; \
                 test with more people"
            ),
            StepError::SameRate => write!(
                f,
                "the same share bought at both prices, so price did not change demand"
            ),
            StepError::RisesWithPrice => write!(
                f,
                "a larger share bought at the higher price; the price response only lets \
                 demand fall as the price rises"
            ),
            StepError::TooUncertain => write!(
                f,
                "the tests are too small to tell a falling demand from a flat one (at 90%); \
                 test with more people, or use a fixed step"
            ),
        }
    }
}

impl std::error::Error for StepError {}

/// Checks one test; `which` is 1 or 2.
fn check(t: &PriceTest, which: u8) -> Result<(), StepError> {
    if !(t.price >= 0.0 && t.price <= MAX_AMOUNT) {
        return Err(StepError::BadPrice { test: which });
    }
    let whole = |x: f64| x.is_finite() && x.fract() == 0.0;
    let counts_ok = whole(t.bought) && whole(t.offered) && t.bought >= 0.0 && t.offered > 0.0;
    if !counts_ok || t.bought > t.offered {
        return Err(StepError::BadCounts { test: which });
    }
    if t.bought == 0.0 {
        return Err(StepError::NoBuyers { test: which });
    }
    Ok(())
}

/// The halving step through the two tests: `s = (p₂ − p₁) / log₂(c₁ / c₂)`, so
/// that with the reference price `p₁` and the rate `c₁` the price response gives
/// `c₂` at `p₂` (and the other way round). The order of the tests does not
/// matter.
///
/// With [`StepSpread::Range90`], a 90% range: each rate's uncertainty is its
/// Beta(k + 1, n − k + 1) posterior (as an observed rate), whose logarithm has
/// variance ψ₁(k + 1) − ψ₁(n + 2); the log-ratio `L = ln(c₁ / c₂)` is taken as
/// normal around its observed value with the two variances added, and its P5 and
/// P95 give the step's P95 and P5 (`s = (p₂ − p₁) ln 2 / L`).
pub fn halving_step_from_tests(
    a: PriceTest,
    b: PriceTest,
    spread: StepSpread,
) -> Result<Uncertain, StepError> {
    check(&a, 1)?;
    check(&b, 2)?;
    if a.price == b.price {
        return Err(StepError::SamePrice);
    }
    let (low, high) = if a.price < b.price { (a, b) } else { (b, a) };
    // ln(c_low / c_high) > 0 when demand falls as the price rises.
    let log_ratio = libm::log(low.bought) - libm::log(low.offered) - libm::log(high.bought)
        + libm::log(high.offered);
    if low.rate() == high.rate() || log_ratio == 0.0 {
        return Err(StepError::SameRate);
    }
    if low.rate() < high.rate() {
        return Err(StepError::RisesWithPrice);
    }
    let rise = (high.price - low.price) * std::f64::consts::LN_2;
    let step = |l: f64| -> Result<f64, StepError> {
        let s = rise / l;
        if s <= MAX_AMOUNT {
            Ok(s)
        } else {
            Err(StepError::SameRate)
        }
    };
    match spread {
        StepSpread::Fixed => Ok(Uncertain::Fixed(step(log_ratio)?)),
        StepSpread::Range90 => {
            let var = |t: &PriceTest| trigamma(t.bought + 1.0) - trigamma(t.offered + 2.0);
            let sd = f64::sqrt(var(&low) + var(&high));
            let z = normal_quantile(0.95);
            let (l_low, l_high) = (log_ratio - z * sd, log_ratio + z * sd);
            if !(l_low > 0.0) {
                return Err(StepError::TooUncertain);
            }
            Ok(Uncertain::range(step(l_high)?, step(l_low)?))
        }
    }
}

/// ψ₁(x), the trigamma function, for x ≥ 1: the recurrence ψ₁(x) = ψ₁(x + 1) +
/// 1/x² up to x ≥ 16, then its asymptotic series (Abramowitz–Stegun 6.4.12;
/// relative error below 10⁻¹⁵ there).
pub fn trigamma(x: f64) -> f64 {
    let mut x = x;
    let mut sum = 0.0;
    while x < 16.0 {
        sum += 1.0 / (x * x);
        x += 1.0;
    }
    let r = 1.0 / (x * x);
    // 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹) + 5/(66x¹¹)
    let tail =
        r * (1.0 / 6.0 - r * (1.0 / 30.0 - r * (1.0 / 42.0 - r * (1.0 / 30.0 - r * 5.0 / 66.0))));
    let series = (1.0 + 0.5 / x + tail) / x;
    sum + series
}

impl StepError {
    /// The problem in `lang`, from the catalogues (`step-error-*`).
    pub fn say(&self, lang: crate::i18n::Lang) -> String {
        let with_test = |id: &str, test: u8| lang.t_with(id, &[("test", u32::from(test).into())]);
        match *self {
            StepError::BadPrice { test } => with_test("step-error-bad-price", test),
            StepError::BadCounts { test } => with_test("step-error-bad-counts", test),
            StepError::NoBuyers { test } => with_test("step-error-no-buyers", test),
            StepError::SamePrice => lang.t("step-error-same-price"),
            StepError::SameRate => lang.t("step-error-same-rate"),
            StepError::RisesWithPrice => lang.t("step-error-rises"),
            StepError::TooUncertain => lang.t("step-error-too-uncertain"),
        }
    }
}
