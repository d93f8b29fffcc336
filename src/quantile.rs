//! Inverse distribution functions (quantiles) and the distribution functions
//! they invert, on `libm`, so that native and wasm give the same bits.
//!
//! Every uncertain input of a trial is drawn as its own quantile at one
//! probability level (`engine::quantile_uncertain`): a uniform from the
//! input's stream, or Φ(z) of a correlated normal z (Gaussian copula). So the
//! distribution of an input is exactly the one entered whichever way its level
//! was drawn. What is here:
//!
//! - [`Level`]: a probability level given as a uniform or a standard normal,
//!   with both tails kept exact;
//! - [`normal_quantile`] (Wichura's AS 241, about 16 digits) and [`normal_cdf`];
//! - [`beta_cdf`], the regularized incomplete beta I_x(a, b) (the continued
//!   fraction of DiDonato & Morris's TOMS 708, with x^a (1 − x)^b / B(a, b)
//!   formed from Stirling's series so that large shapes lose no digits), and
//!   its inverse [`beta_quantile`] (Halley's method from the
//!   Abramowitz–Stegun 26.5.22 start, inside a bisection bracket).

/// Where in its distribution a draw falls: the probability level p, given as a
/// uniform or as a standard normal z with p = Φ(z). Both tails, p and 1 − p,
/// come out without rounding the small one away.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Level {
    /// A uniform in (0, 1).
    Uniform(f64),
    /// A standard normal: the level is Φ(z).
    Normal(f64),
}

impl Level {
    /// The standard normal z with Φ(z) = p.
    pub fn z(self) -> f64 {
        match self {
            Level::Uniform(u) => normal_quantile(u),
            Level::Normal(z) => z,
        }
    }

    /// (p, 1 − p), each computed directly.
    pub fn tails(self) -> (f64, f64) {
        match self {
            Level::Uniform(u) => (u, 1.0 - u),
            Level::Normal(z) => (normal_cdf(z), normal_cdf(-z)),
        }
    }
}

/// Φ(z), the standard normal distribution function (through `libm::erfc`, so
/// that the lower tail keeps its relative precision).
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z * std::f64::consts::FRAC_1_SQRT_2)
}

/// Φ⁻¹(p), the standard normal quantile: Wichura (1988), Algorithm AS 241
/// (PPND16), relative error about 10⁻¹⁶. −∞ at 0, +∞ at 1, NaN outside [0, 1].
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(&AS241_A, r) / poly(&AS241_B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    if tail <= 0.0 {
        return if q < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let r = f64::sqrt(-libm::log(tail));
    let x = if r <= 5.0 {
        let r = r - 1.6;
        poly(&AS241_C, r) / poly(&AS241_D, r)
    } else {
        let r = r - 5.0;
        poly(&AS241_E, r) / poly(&AS241_F, r)
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
}

/// c[0] + c[1]·x + … by Horner's rule.
fn poly(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

// The coefficients of AS 241, lowest degree first (the denominators' constant is 1),
// as the paper prints them.
#[allow(clippy::excessive_precision)]
const AS241_A: [f64; 8] = [
    3.387_132_872_796_366_608,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
#[allow(clippy::excessive_precision)]
const AS241_B: [f64; 8] = [
    1.0,
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561e3,
];
#[allow(clippy::excessive_precision)]
const AS241_C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_7e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_4e-4,
];
#[allow(clippy::excessive_precision)]
const AS241_D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    6.897_673_349_851_000_045_5e-1,
    1.481_039_764_274_800_745_9e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];
#[allow(clippy::excessive_precision)]
const AS241_E: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    2.965_605_718_285_048_912_3e-1,
    2.653_218_952_657_612_309_3e-2,
    1.242_660_947_388_078_438_6e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
#[allow(clippy::excessive_precision)]
const AS241_F: [f64; 8] = [
    1.0,
    5.998_322_065_558_879_376_9e-1,
    1.369_298_809_227_358_053_1e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

/// ½ ln(2π).
const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;

/// Δ(z) = ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π), the remainder of Stirling's
/// formula, for z > 0: its asymptotic series from z = 10 on (error below
/// 10⁻¹⁶), else from `libm::lgamma` (absolute error about 10⁻¹⁵).
fn stirling_remainder(z: f64) -> f64 {
    if z >= 10.0 {
        let w = 1.0 / (z * z);
        // Bernoulli terms B₂ₖ / (2k (2k − 1) z^(2k − 1)), k = 1 … 7.
        let series = [
            1.0 / 12.0,
            -1.0 / 360.0,
            1.0 / 1260.0,
            -1.0 / 1680.0,
            1.0 / 1188.0,
            -691.0 / 360_360.0,
            1.0 / 156.0,
        ];
        return poly(&series, w) / z;
    }
    libm::lgamma(z) - ((z - 0.5) * libm::log(z) - z + HALF_LN_2PI)
}

/// t − ln(1 + t) for t > −1, without cancellation for small t: there it is
/// t²/(2 + t) − 2(r³/3 + r⁵/5 + …) with r = t/(2 + t), since ln(1 + t) = 2 atanh r.
fn t_minus_log1p(t: f64) -> f64 {
    if t.abs() > 0.1 {
        return t - libm::log1p(t);
    }
    let r = t / (2.0 + t);
    let r2 = r * r;
    let mut term = r * r2;
    let mut sum = 0.0;
    for k in 1..=12 {
        sum += term / f64::from(2 * k + 1);
        term *= r2;
    }
    t * t / (2.0 + t) - 2.0 * sum
}

/// ln(x^a · y^b / B(a, b)) with y = 1 − x given separately (the smaller of the
/// two is the precise one). The large terms of ln B cancel against those of
/// a ln x + b ln y only on paper, so they are never formed: with x₀ = a/(a + b)
/// and y₀ = b/(a + b) it is −a·φ(x/x₀ − 1) − b·φ(y/y₀ − 1) + ½ ln(a·y₀)
/// − ½ ln 2π − Δ(a) − Δ(b) + Δ(a + b), where φ(t) = t − ln(1 + t) (the linear
/// terms cancel exactly because a(x − x₀) = −b(y − y₀)) and Δ is the remainder
/// of Stirling's formula.
fn ln_power_terms(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let s = a + b;
    let (x0, y0) = (a / s, b / s);
    let d = if x <= y { x - x0 } else { y0 - y };
    let part = |shape: f64, value: f64, centre: f64, t: f64| {
        if t.abs() > 0.1 {
            shape * (t - libm::log(value / centre))
        } else {
            shape * t_minus_log1p(t)
        }
    };
    let logs = -part(a, x, x0, d / x0) - part(b, y, y0, -d / y0);
    logs + 0.5 * libm::log(a * y0) - HALF_LN_2PI - stirling_remainder(a) - stirling_remainder(b)
        + stirling_remainder(s)
}

/// The continued fraction of DiDonato & Morris (1992, ACM TOMS 708, BFRAC)
/// for a, b > 1 and x on the lower side of the mean: I_x(a, b) =
/// x^a y^b / B(a, b) × this, where `lambda` = a − (a + b)x ≥ 0 is passed in so
/// that it can be formed from whichever of x and y = 1 − x is exact (the
/// fraction multiplies by x and y but never subtracts them). Stops when a term
/// changes it by less than 10⁻¹⁵ of itself, or after `MAX_FRACTION_TERMS`
/// terms (more are needed only for shapes in the hundreds of millions, near
/// their mean).
fn beta_fraction(a: f64, b: f64, x: f64, y: f64, lambda: f64) -> f64 {
    let c = 1.0 + lambda;
    let c0 = b / a;
    let c1 = 1.0 + 1.0 / a;
    let yp1 = y + 1.0;
    let (mut p, mut s) = (1.0, a + 1.0);
    let (mut an, mut bn, mut anp1, mut bnp1) = (0.0, 1.0, 1.0, c / c1);
    let mut r = c1 / c;
    for n in 1..=MAX_FRACTION_TERMS {
        let n = f64::from(n);
        let t = n / a;
        let w = n * (b - n) * x;
        let e = a / s;
        let alpha = (p * (p + c0) * e * e) * (w * x);
        let e = (1.0 + t) / (c1 + t + t);
        let beta = n + w / s + e * (c + n * yp1);
        p = 1.0 + t;
        s += 2.0;
        let next_a = alpha * an + beta * anp1;
        an = anp1;
        anp1 = next_a;
        let next_b = alpha * bn + beta * bnp1;
        bn = bnp1;
        bnp1 = next_b;
        let before = r;
        r = anp1 / bnp1;
        if (r - before).abs() <= 1e-15 * r {
            break;
        }
        // Rescale, so that the terms neither overflow nor underflow.
        an /= bnp1;
        bn /= bnp1;
        anp1 = r;
        bnp1 = 1.0;
    }
    r
}

/// Most terms [`beta_fraction`] takes.
const MAX_FRACTION_TERMS: u32 = 1_000_000;

/// Both tails of the beta distribution at x, (I_x(a, b), 1 − I_x(a, b)), for
/// shapes a, b > 1, with y = 1 − x given separately. The tail on the side of x
/// (below or above the mean a/(a + b)) is computed directly, to full relative
/// precision, the other as 1 minus it.
fn beta_tails(a: f64, b: f64, x: f64, y: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if y <= 0.0 {
        return (1.0, 0.0);
    }
    let front = libm::exp(ln_power_terms(a, b, x, y));
    // (a + b)(x₀ − x), from the exact one of x and y.
    let lambda = if x <= y {
        a - (a + b) * x
    } else {
        (a + b) * y - b
    };
    if lambda >= 0.0 {
        let lower = front * beta_fraction(a, b, x, y, lambda);
        (lower, 1.0 - lower)
    } else {
        let upper = front * beta_fraction(b, a, y, x, -lambda);
        (1.0 - upper, upper)
    }
}

/// I_x(a, b), the distribution function of Beta(a, b) at x, for shapes a, b ≥ 1.
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else if x >= 1.0 {
        1.0
    } else if b == 1.0 {
        libm::pow(x, a)
    } else if a == 1.0 {
        -libm::expm1(b * libm::log1p(-x))
    } else {
        beta_tails(a, b, x, 1.0 - x).0
    }
}

/// The x with I_x(a, b) = p, for shapes a, b ≥ 1 and the level given as both
/// tails (p, q = 1 − p), each in [0, 1]: the quantile of Beta(a, b). Closed
/// forms when a or b is 1; otherwise Halley's method on the tail that holds the
/// level (relative precision to the last few bits), started from
/// Abramowitz–Stegun 26.5.22 and kept inside a bracket by bisection.
pub fn beta_quantile(p: f64, q: f64, a: f64, b: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if q <= 0.0 {
        return 1.0;
    }
    // Solve for the smaller of x and 1 − x, whose relative precision matters.
    if a > b {
        return 1.0 - beta_quantile(q, p, b, a);
    }
    // ln p and ln q, each from the smaller tail.
    let ln_p = || {
        if p <= q {
            libm::log(p)
        } else {
            libm::log1p(-q)
        }
    };
    let ln_q = || {
        if q <= p {
            libm::log(q)
        } else {
            libm::log1p(-p)
        }
    };
    if a == 1.0 && b == 1.0 {
        return p;
    }
    if b == 1.0 {
        // I_x(a, 1) = x^a.
        return libm::exp(ln_p() / a);
    }
    if a == 1.0 {
        // I_x(1, b) = 1 − (1 − x)^b.
        return -libm::expm1(ln_q() / b);
    }
    let start = beta_quantile_start(p, q, a, b);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut x = start;
    for _ in 0..200 {
        let y = 1.0 - x;
        let (lower, upper) = beta_tails(a, b, x, y);
        // I_x − p, from the tail that holds the level.
        let err = if p <= q { lower - p } else { q - upper };
        if err == 0.0 {
            return x;
        }
        if err < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let density = libm::exp(ln_power_terms(a, b, x, y)) / (x * y);
        let newton = err / density;
        // Halley's correction: f''/f' of the density is (a − 1)/x − (b − 1)/y.
        let curve = 0.5 * newton * ((a - 1.0) / x - (b - 1.0) / y);
        let step = if curve.abs() < 1.0 {
            newton / (1.0 - curve)
        } else {
            newton
        };
        if step.abs() <= 4.0 * f64::EPSILON * x {
            return x - step;
        }
        let mut next = x - step;
        if !(next > lo && next < hi) {
            // Outside the bracket: bisect it (until it cannot be split).
            next = 0.5 * (lo + hi);
            if next == lo || next == hi {
                return next;
            }
        }
        x = next;
    }
    x
}

/// A start for [`beta_quantile`] (a ≤ b, both above 1): the normal
/// approximation of Abramowitz & Stegun 26.5.22 with the exact Φ⁻¹, or, in a
/// far tail where it fails, the leading term of the tail's series.
fn beta_quantile_start(p: f64, q: f64, a: f64, b: f64) -> f64 {
    let z = if p <= q {
        normal_quantile(p)
    } else {
        -normal_quantile(q)
    };
    // 26.5.22 writes its deviate as an upper-tail one: y_p with Q(y_p) = p.
    let y = -z;
    let lambda = (y * y - 3.0) / 6.0;
    let h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
    let w = y * f64::sqrt(h + lambda) / h
        - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (lambda + 5.0 / 6.0 - 2.0 / (3.0 * h));
    let x = a / (a + b * libm::exp(2.0 * w));
    if x > 0.0 && x < 1.0 && x.is_finite() {
        return x;
    }
    // Far lower tail: I_x ≈ x^a / (a B(a, b)).
    let ln_beta = -ln_power_terms(a, b, 0.5, 0.5) + (a + b) * libm::log(0.5);
    let x = libm::exp((libm::log(p) + libm::log(a) + ln_beta) / a);
    x.clamp(f64::MIN_POSITIVE, 0.5)
}
