//! Random numbers: a seedable PCG stream per trial and the distributions the
//! model needs.
//!
//! Why not `rand_distr`: the model promises that the same scenario and seed give
//! identical results natively and in the browser. `rand_distr` computes `ln`,
//! `exp` and `lgamma` through `std` when any crate in the build enables
//! `num-traits/std` (plotters does), and natively `std` calls the system's libm
//! while wasm32 uses Rust's port of musl: the last bit differs now and then, and
//! every sum of money after it. Here every transcendental function comes from
//! the `libm` crate, the same Rust code on both targets, and the generator is
//! `rand_pcg`'s PCG XSH-RR 64/32 (`Pcg32`), whose stream is value-stable across
//! releases. Its 64-bit state needs only 64-bit multiplications, which wasm has;
//! the 128-bit generator used before spent a fifth of a browser run emulating
//! 128-bit products. Square roots, `floor` and `ceil` come from `std` instead:
//! IEEE 754 defines their results exactly (a square root correctly rounded), so
//! the hardware instruction gives the same bits on every target, while `libm`'s
//! are emulated in software on wasm32 (its wasm intrinsics need a nightly
//! compiler), where its square root alone took 9% of a run.
//! The algorithms are the standard ones (named at each function) and are tested
//! against their exact distributions in `tests/sampling.rs`.
//!
//! Streams are keyed by what they are for ([`StreamKey`]: names of parts, never
//! positions in a file), so that two scenarios that differ in one part share every
//! other draw (common random numbers). [`TrialRng::for_key`] opens one keyed stream
//! of a trial; [`KeyedStreams`] opens many numbered streams of one key cheaply (the
//! engine numbers them by day).

mod alias;
mod strata;
mod tabled;
pub use alias::AliasTable;
pub use strata::{input_level, level_in_permutation, permutation_seed, stratified_bits};
pub use tabled::TabledSampler;

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg32;
use siphasher::sip128::Hasher128;
use std::hash::Hasher;

/// The fixed SipHash keys of [`StreamKey`] and [`TrialRng::for_key`]: changing
/// them changes every keyed stream.
const SIP_KEYS: (u64, u64) = (
    u64::from_le_bytes(*b"funnel-l"),
    u64::from_le_bytes(*b"ab keyed"),
);

/// What a random stream belongs to: a kind of draws narrowed by the names of
/// the parts it is for, e.g. `StreamKey::new("input").with("channels").with("Ads")
/// .with("optin_rate")`, or `StreamKey::new("events").with("offers").with("core")`.
///
/// Keys are built from names, not positions, so that adding, removing or
/// reordering other parts of a scenario changes no other stream (common random
/// numbers between two scenarios that differ in one part). A key is a 64-bit
/// SipHash-1-3 with fixed keys of the parts, each hashed with its length, in
/// little-endian bytes: identical on every target (wasm32 and x86_64), and
/// `.with("ab").with("c")` differs from `.with("a").with("bc")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StreamKey(u64);

impl StreamKey {
    /// The key of one kind of draws, such as `"input"` or `"events"`.
    pub fn new(kind: &str) -> StreamKey {
        StreamKey(0).with(kind)
    }

    /// This key narrowed to one named part: a stage, a channel's name, an
    /// offer's id, a field's name.
    pub fn with(self, part: &str) -> StreamKey {
        self.mix(b's', part.as_bytes())
    }

    /// This key narrowed by a number (for parts that have no name, such as the
    /// n-th draw of a kind); a number never equals a name.
    pub fn with_number(self, n: u64) -> StreamKey {
        self.mix(b'n', &n.to_le_bytes())
    }

    /// The key's 64 bits.
    pub fn bits(self) -> u64 {
        self.0
    }

    fn mix(self, tag: u8, bytes: &[u8]) -> StreamKey {
        let mut h = siphasher::sip::SipHasher13::new_with_keys(SIP_KEYS.0, SIP_KEYS.1);
        h.write(&self.0.to_le_bytes());
        h.write(&[tag]);
        h.write(&(bytes.len() as u64).to_le_bytes());
        h.write(bytes);
        StreamKey(h.finish())
    }
}

/// The 128-bit SipHash-1-3 (fixed keys) of a key in one trial of a run, as the
/// (state, stream) of a PCG generator.
fn keyed_state(seed: u64, trial: u64, key: StreamKey) -> (u64, u64) {
    let mut h = siphasher::sip128::SipHasher13::new_with_keys(SIP_KEYS.0, SIP_KEYS.1);
    h.write(&seed.to_le_bytes());
    h.write(&trial.to_le_bytes());
    h.write(&key.0.to_le_bytes());
    let hash = h.finish128();
    (hash.h1, hash.h2)
}

/// Many numbered streams of one key in one trial (the engine numbers a part's
/// streams by day, so that a different count on one day shifts no draw of
/// another day). Opening one costs a round of splitmix64, not a hash.
///
/// The key's hash in the trial ([`TrialRng::for_key`]) picks a PCG cycle of 2⁶⁴
/// numbers (its stream, the increment) and a place on it (its state); stream `n`
/// starts at that place xor splitmix64 of `n`. Streams of different trials or
/// keys lie on different cycles; the few hundred streams of one key in one
/// trial are different places on one cycle, and two of them overlap only if
/// they start within the numbers both use (a chance below 10⁻¹¹ per key and
/// trial).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyedStreams {
    state: u64,
    stream: u64,
}

impl KeyedStreams {
    /// The streams of `key` in trial `trial` of a run from `seed`.
    pub fn new(seed: u64, trial: u64, key: StreamKey) -> KeyedStreams {
        let (state, stream) = keyed_state(seed, trial, key);
        KeyedStreams { state, stream }
    }

    /// Stream number `n`.
    #[inline]
    pub fn stream(&self, n: u64) -> TrialRng {
        self.numbered(StreamNumber::new(n))
    }

    /// Stream number `n`, with the part of its state that depends on `n` only
    /// computed beforehand (the same stream as [`KeyedStreams::stream`]).
    #[inline]
    pub fn numbered(&self, n: StreamNumber) -> TrialRng {
        TrialRng::from_pcg(Pcg32::new(self.state ^ n.offset, self.stream))
    }
}

/// A stream number as [`KeyedStreams`] uses it: splitmix64 of the number. It
/// does not depend on the key, so the engine computes it once a day for the
/// streams of every part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamNumber {
    offset: u64,
}

impl StreamNumber {
    /// Stream number `n`.
    #[inline]
    pub fn new(n: u64) -> StreamNumber {
        StreamNumber {
            offset: splitmix64(n),
        }
    }
}

/// The random stream of one trial; independent streams for independent trials.
#[derive(Clone, Debug)]
pub struct TrialRng {
    inner: Pcg32,
    /// The second normal of the last pair the polar method made, if unused.
    spare_normal: Option<f64>,
}

/// splitmix64: spreads a seed's bits so that nearby seeds give unrelated states.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl TrialRng {
    /// The stream for (`seed`, `trial`, `purpose`): `purpose` separates the draws
    /// of a trial's parameters (0) from its events (1), so that changing one
    /// does not shift the other.
    pub fn for_trial(seed: u64, trial: u64, purpose: u64) -> TrialRng {
        let state = splitmix64(seed);
        let stream = (trial << 8) | (purpose & 0xFF);
        TrialRng::from_pcg(Pcg32::new(state, stream))
    }

    /// The stream of `key` in trial `trial` of a run from `seed`: its PCG state
    /// and increment are the 128-bit SipHash-1-3 (fixed keys) of the three
    /// numbers, so that streams of different keys, trials or seeds are
    /// unrelated. The same on every target.
    pub fn for_key(seed: u64, trial: u64, key: StreamKey) -> TrialRng {
        let (state, stream) = keyed_state(seed, trial, key);
        TrialRng::from_pcg(Pcg32::new(state, stream))
    }

    /// A generator from a plain seed (for tests and tools).
    pub fn from_seed_u64(seed: u64) -> TrialRng {
        TrialRng::from_pcg(Pcg32::seed_from_u64(seed))
    }

    fn from_pcg(inner: Pcg32) -> TrialRng {
        TrialRng {
            inner,
            spare_normal: None,
        }
    }

    /// 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// 32 random bits (one step of the generator).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        self.inner.next_u32()
    }

    /// A whole number in `0 .. n` (n > 0), each equally likely: Lemire's
    /// multiply-and-shift with rejection ("Fast random integer generation in an
    /// interval", 2019), exact; from 32 random bits and a 64-bit product when
    /// `n` fits in 32 bits (wasm has no 128-bit product).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        if let Ok(n32) = u32::try_from(n) {
            let mut m = u64::from(self.next_u32()) * n;
            if (m as u32) < n32 {
                let threshold = n32.wrapping_neg() % n32;
                while (m as u32) < threshold {
                    m = u64::from(self.next_u32()) * n;
                }
            }
            return m >> 32;
        }
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }

    /// Uniform on [0, 1), with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on the open interval (0, 1): an odd multiple of 2⁻⁵³, so that
    /// 1 − u is exact too and both tails are safe for a quantile function.
    #[inline]
    pub fn uniform_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) | 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on (0, 1]: safe to take the logarithm of.
    #[inline]
    pub fn uniform_pos(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// Standard normal (Marsaglia's polar method, which makes two independent
    /// normals at a time: the second is kept for the next call).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let scale = f64::sqrt(-2.0 * libm::log(s) / s);
                self.spare_normal = Some(v * scale);
                return u * scale;
            }
        }
    }

    /// Exponential with the given rate (inversion); +∞ when the rate is 0.
    #[inline]
    pub fn exponential(&mut self, rate: f64) -> f64 {
        if rate <= 0.0 {
            return f64::INFINITY;
        }
        -libm::log(self.uniform_pos()) / rate
    }

    /// Natural log of a Gamma(shape, 1) variate, accurate for tiny shapes.
    /// Marsaglia & Tsang (2000); for shape < 1, Gamma(a) = Gamma(a + 1)·U^(1/a).
    pub fn ln_gamma_variate(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let g = self.gamma_ge1(shape + 1.0);
            return libm::log(g) + libm::log(self.uniform_pos()) / shape;
        }
        libm::log(self.gamma_ge1(shape))
    }

    /// Gamma(shape, scale), mean shape·scale.
    pub fn gamma(&mut self, shape: f64, scale: f64) -> f64 {
        if shape >= 1.0 {
            self.gamma_ge1(shape) * scale
        } else {
            libm::exp(self.ln_gamma_variate(shape)) * scale
        }
    }

    fn gamma_ge1(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / f64::sqrt(9.0 * d);
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform_pos();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 {
                return d * v;
            }
            if libm::log(u) < 0.5 * x2 + d * (1.0 - v + libm::log(v)) {
                return d * v;
            }
        }
    }

    /// Beta(a, b) for a, b > 0: Cheng's algorithms ("Generating beta variates
    /// with nonintegral shape parameters", 1978), BB when both shapes exceed 1
    /// and BC otherwise, as R's `rbeta`; below shapes of 10⁻³, the ratio of two
    /// gammas in log space, exact for the tiniest shapes.
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if lo < 1e-3 {
            let lx = self.ln_gamma_variate(a);
            let ly = self.ln_gamma_variate(b);
            // x / (x + y) = 1 / (1 + exp(ly − lx))
            return (1.0 / (1.0 + libm::exp(ly - lx))).clamp(0.0, 1.0);
        }
        // num / den is Beta(lo, hi).
        let (num, den) = if lo > 1.0 {
            self.beta_bb(lo, hi)
        } else {
            self.beta_bc(lo, hi)
        };
        let x = if a <= b { num / den } else { (den - num) / den };
        x.clamp(0.0, 1.0)
    }

    /// Cheng's BB for 1 < a ≤ b: (w, b + w) with w / (b + w) ~ Beta(a, b).
    fn beta_bb(&mut self, a: f64, b: f64) -> (f64, f64) {
        let alpha = a + b;
        let beta = f64::sqrt((alpha - 2.0) / (2.0 * a * b - alpha));
        let gamma = a + 1.0 / beta;
        loop {
            let u1 = self.uniform_pos().min(1.0 - f64::EPSILON / 2.0);
            let u2 = self.uniform_pos();
            let v = beta * libm::log(u1 / (1.0 - u1));
            let w = finite_or_max(a * libm::exp(v.min(MAX_EXP_ARG)));
            let z = u1 * u1 * u2;
            let r = gamma * v - LN_4;
            let s = a + r - w;
            if s + 1.0 + LN_5 >= 5.0 * z {
                return (w, b + w);
            }
            let t = libm::log(z);
            if s > t || r + alpha * libm::log(alpha / (b + w)) >= t {
                return (w, b + w);
            }
        }
    }

    /// Cheng's BC for a ≤ 1, a ≤ b: (a, a + w) with a / (a + w) ~ Beta(a, b)
    /// (BC draws w / (a + w) ~ Beta(b, a)).
    fn beta_bc(&mut self, a: f64, b: f64) -> (f64, f64) {
        let alpha = a + b;
        let beta = 1.0 / a;
        let delta = 1.0 + b - a;
        let k1 = delta * (0.0138889 + 0.0416667 * a) / (b * beta - 0.777778);
        let k2 = 0.25 + (0.5 + 0.25 / delta) * a;
        let w_of = |u1: f64| {
            let v = beta * libm::log(u1 / (1.0 - u1));
            let w = finite_or_max(b * libm::exp(v.min(MAX_EXP_ARG)));
            (v, w)
        };
        loop {
            let u1 = self.uniform_pos().min(1.0 - f64::EPSILON / 2.0);
            let u2 = self.uniform_pos();
            let z;
            if u1 < 0.5 {
                let y = u1 * u2;
                z = u1 * y;
                if 0.25 * u2 + z - y >= k1 {
                    continue;
                }
            } else {
                z = u1 * u1 * u2;
                if z <= 0.25 {
                    let (_, w) = w_of(u1);
                    return (a, a + w);
                }
                if z >= k2 {
                    continue;
                }
            }
            let (v, w) = w_of(u1);
            if alpha * (libm::log(alpha / (a + w)) + v) - LN_4 >= libm::log(z) {
                return (a, a + w);
            }
        }
    }

    /// Beta with the given `mean` and `concentration` (a + b). A mean of 0 or 1
    /// gives exactly 0 or 1.
    pub fn beta_mean(&mut self, mean: f64, concentration: f64) -> f64 {
        if mean <= 0.0 {
            0.0
        } else if mean >= 1.0 {
            1.0
        } else {
            self.beta(mean * concentration, (1.0 - mean) * concentration)
        }
    }

    /// Bernoulli trial.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// Poisson(λ) (see [`Poisson`]; build one to reuse for many draws with the same λ).
    /// For one draw, the logarithms PTRS needs only when its quick acceptance
    /// fails are computed then (the same values as [`Poisson::new`]'s).
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        if !(lambda > 0.0) {
            return 0;
        }
        if lambda < 10.0 {
            return self.poisson_with(&Poisson::new(lambda));
        }
        let (a, b, vr) = Poisson::ptrs_constants(lambda);
        self.poisson_ptrs(lambda, a, b, vr, || {
            (Poisson::log_invalpha(b), libm::log(lambda))
        })
    }

    /// Poisson(λ) with the constants of λ computed beforehand: inversion by
    /// multiplication for λ < 10, else PTRS (Hörmann 1993, "The transformed
    /// rejection method for generating Poisson random variables"), the method
    /// NumPy uses.
    pub fn poisson_with(&mut self, p: &Poisson) -> u64 {
        let lambda = p.lambda;
        if !(lambda > 0.0) {
            return 0;
        }
        if lambda < 10.0 {
            let mut k = 0u64;
            let mut prod = self.uniform_pos();
            while prod > p.exp_minus {
                k += 1;
                prod *= self.uniform_pos();
            }
            return k;
        }
        self.poisson_ptrs(lambda, p.a, p.b, p.vr, || (p.log_invalpha, p.loglam))
    }

    /// PTRS for λ ≥ 10 with its constants `a`, `b`, `vr`; `logs` gives
    /// (ln(1/α), ln λ), asked for at most once, when the quick acceptance fails.
    #[inline]
    fn poisson_ptrs(
        &mut self,
        lambda: f64,
        a: f64,
        b: f64,
        vr: f64,
        logs: impl FnOnce() -> (f64, f64),
    ) -> u64 {
        let mut logs = Some(logs);
        let mut known = (0.0, 0.0);
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform_pos();
            let us = 0.5 - u.abs();
            let k = f64::floor((2.0 * a / us + b) * u + lambda + 0.43);
            if us >= 0.07 && v <= vr {
                return k as u64;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            if let Some(f) = logs.take() {
                known = f();
            }
            let (log_invalpha, loglam) = known;
            if libm::log(v) + log_invalpha - libm::log(a / (us * us) + b)
                <= -lambda + k * loglam - ln_factorial(k)
            {
                return k as u64;
            }
        }
    }

    /// Binomial(n, p) (see [`Binomial`]; build one to reuse for many draws with the same p).
    #[inline]
    pub fn binomial(&mut self, n: u64, p: f64) -> u64 {
        if n == 0 || !(p > 0.0) {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        self.binomial_with(&Binomial::for_one_draw(p), n)
    }

    /// Binomial(n, p) with the constants of p computed beforehand.
    #[inline]
    pub fn binomial_with(&mut self, b: &Binomial, n: u64) -> u64 {
        if n == 0 || b.p_lo == 0.0 {
            return if b.flip { n } else { 0 };
        }
        let k = self.binomial_low(b, n);
        if b.flip {
            n - k
        } else {
            k
        }
    }

    fn binomial_low(&mut self, b: &Binomial, n: u64) -> u64 {
        let nf = n as f64;
        let p = b.p_lo;
        let q = b.q_lo;
        let np = nf * p;
        if n == 1 {
            // What the inversion below gives for one person, with its one uniform.
            return u64::from(self.uniform() > q);
        }
        if np < 10.0 {
            // Inversion (BINV, Kachitvichyanukul & Schmeiser 1988), restarting if
            // round-off carries it past a safe bound. q^n by multiplication for
            // small n (the usual case: a day's few buyers), else as exp(n ln q).
            let qn = if n <= 64 {
                whole_power(q, n)
            } else {
                libm::exp(nf * b.ln_q())
            };
            // The bound is at least min(np + 10, n): compared with that first,
            // it is computed only in the rare draws that get so far. (A
            // comparison, not f64::min, which is a call on wasm32.)
            let below_bound = if np + 10.0 < nf { np + 10.0 } else { nf };
            let bound = || (np + 10.0 * f64::sqrt(np * q + 1.0)).min(nf);
            'outer: loop {
                let mut x = 0u64;
                let mut px = qn;
                let mut u = self.uniform();
                while u > px {
                    x += 1;
                    if x as f64 > below_bound && x as f64 > bound() {
                        continue 'outer;
                    }
                    u -= px;
                    px *= ((nf - x as f64 + 1.0) * b.ratio) / x as f64;
                }
                return x;
            }
        }
        // BTRS (Hörmann 1993), with ln k! from a table and Stirling's series.
        let spq = f64::sqrt(np * q);
        let bb = 1.15 + 2.53 * spq;
        let a = -0.0873 + 0.0248 * bb + 0.01 * p;
        let c = np + 0.5;
        let vr = 0.92 - 4.2 / bb;
        let alpha = (2.83 + 5.1 / bb) * spq;
        let m = f64::floor((nf + 1.0) * p);
        // Needed only when the quick acceptance below fails (about 1 draw in 7).
        let mut h = f64::NAN;
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform_pos();
            let us = 0.5 - u.abs();
            let k = f64::floor((2.0 * a / us + bb) * u + c);
            if k < 0.0 || k > nf {
                continue;
            }
            if us >= 0.07 && v <= vr {
                return k as u64;
            }
            if h.is_nan() {
                h = ln_factorial(m) + ln_factorial(nf - m);
            }
            let lv = libm::log(v * alpha / (a / (us * us) + bb));
            if lv <= h - ln_factorial(k) - ln_factorial(nf - k) + (k - m) * b.lpq() {
                return k as u64;
            }
        }
    }

    /// Failures before the first success in independent trials of chance `p`
    /// (geometric on {0, 1, 2, …}, by inversion: ⌊ln U / ln(1 − p)⌋). 0 when
    /// p ≥ 1; `u64::MAX`, meaning never, when p is not above 0 (NaN included) or
    /// the draw reaches 10¹⁸. Only a draw uses the stream.
    pub fn failures_before_success(&mut self, p: f64) -> u64 {
        if p >= 1.0 {
            return 0;
        }
        if !(p > 0.0) {
            return u64::MAX;
        }
        let x = f64::floor(libm::log(self.uniform_pos()) / libm::log1p(-p));
        if x >= 1e18 {
            u64::MAX
        } else {
            x as u64
        }
    }

    /// [`TrialRng::failures_before_success`] with the logarithm of its chance
    /// computed beforehand.
    #[inline]
    pub fn failures_with(&mut self, g: &Geometric) -> u64 {
        if !(g.ln_fail < 0.0) {
            // Chance 1 (ln 0 = −∞ gives 0 below too) or never.
            return if g.ln_fail == f64::NEG_INFINITY {
                0
            } else {
                u64::MAX
            };
        }
        let x = f64::floor(libm::log(self.uniform_pos()) / g.ln_fail);
        if x >= 1e18 {
            u64::MAX
        } else {
            x as u64
        }
    }

    /// Trials up to and including the first success, at chance `p` each:
    /// 1 + [`TrialRng::failures_before_success`] (`u64::MAX` stays: never).
    pub fn trials_until_success(&mut self, p: f64) -> u64 {
        self.failures_before_success(p).saturating_add(1)
    }

    /// Geometric on {0, 1, 2, …} with the given mean (0 gives 0): failures
    /// before a success of chance 1 / (1 + mean).
    pub fn geometric(&mut self, mean: f64) -> u64 {
        if !(mean > 0.0) {
            return 0;
        }
        self.failures_before_success(1.0 / (1.0 + mean))
    }

    /// Splits `count` arrivals uniformly over the `window` days `0 .. window`
    /// and calls `put(offset, how_many)` for offsets below `max_offset`.
    pub fn spread_uniform(
        &mut self,
        count: u64,
        window: u64,
        max_offset: u64,
        mut put: impl FnMut(u64, u64),
    ) {
        let usable = window.min(max_offset);
        if count == 0 || usable == 0 {
            return;
        }
        // How many land inside the usable days at all.
        let inside = if usable == window {
            count
        } else {
            self.binomial(count, usable as f64 / window as f64)
        };
        if inside <= usable.min(64) {
            for _ in 0..inside {
                let off = (self.uniform() * usable as f64) as u64;
                put(off.min(usable - 1), 1);
            }
            return;
        }
        let mut left = inside;
        for j in 0..usable {
            if left == 0 {
                break;
            }
            let k = if j + 1 == usable {
                left
            } else {
                self.binomial(left, 1.0 / (usable - j) as f64)
            };
            if k > 0 {
                put(j, k);
            }
            left -= k;
        }
    }
}

/// The chance of a geometric wait, as ln(1 − p), computed once for many draws
/// of [`TrialRng::failures_with`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometric {
    /// ln(1 − p): −∞ when p ≥ 1, 0 when p is not above 0 (never).
    ln_fail: f64,
}

impl Geometric {
    /// For success chance `p` (NaN or not above 0: never; 1 or more: at once).
    pub fn new(p: f64) -> Geometric {
        let ln_fail = if p >= 1.0 {
            f64::NEG_INFINITY
        } else if p > 0.0 {
            libm::log1p(-p)
        } else {
            0.0
        };
        Geometric { ln_fail }
    }

    /// Whether every wait is 0 (chance 1).
    pub fn is_immediate(&self) -> bool {
        self.ln_fail == f64::NEG_INFINITY
    }
}

/// A geometric wait (failures before a success of one chance) for many draws:
/// its first values from an alias table, so that a draw takes 32 random bits
/// and no logarithm. The table holds the waits 0 … J − 1 and "J or more" (a
/// chance of at most 1/64); the wait being memoryless, the rest of a wait of J
/// or more is J plus a fresh wait ([`TrialRng::failures_with`]). Exact; long
/// waits (a mean beyond about 60) are drawn by [`TrialRng::failures_with`] alone.
#[derive(Clone, Debug, PartialEq)]
pub struct GeometricTable {
    wait: Geometric,
    /// J, the waits in the table (0 when there is no table).
    first: u64,
    table: AliasTable,
}

impl GeometricTable {
    /// Waits of at most this many values are tabled.
    const MOST_VALUES: u64 = 256;

    /// For success chance `p` (as [`Geometric::new`]).
    pub fn new(p: f64) -> GeometricTable {
        let wait = Geometric::new(p);
        let mut table = AliasTable::default();
        let mut first = 0;
        if wait.ln_fail < 0.0 && wait.ln_fail > f64::NEG_INFINITY {
            // The least J with (1 − p)^J ≤ 1/64.
            let j = f64::ceil(-libm::log(64.0) / wait.ln_fail);
            if j <= Self::MOST_VALUES as f64 {
                first = (j as u64).max(1);
                let q = libm::exp(wait.ln_fail);
                let mut weights = Vec::with_capacity(first as usize + 1);
                let mut at = 1.0;
                for _ in 0..first {
                    weights.push(at * (1.0 - q));
                    at *= q;
                }
                weights.push(at);
                table.rebuild(&weights);
            }
        }
        GeometricTable { wait, first, table }
    }

    /// One wait.
    #[inline]
    pub fn sample(&self, rng: &mut TrialRng) -> u64 {
        if self.first == 0 {
            return rng.failures_with(&self.wait);
        }
        let k = self.table.pick_u32(u64::from(rng.next_u32())) as u64;
        if k < self.first {
            k
        } else {
            self.first.saturating_add(rng.failures_with(&self.wait))
        }
    }
}

/// The constants of a Poisson mean, computed once for many draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Poisson {
    lambda: f64,
    exp_minus: f64,
    loglam: f64,
    a: f64,
    b: f64,
    log_invalpha: f64,
    vr: f64,
}

impl Poisson {
    /// For mean `lambda` (not above 0, NaN included, draws 0).
    pub fn new(lambda: f64) -> Poisson {
        let lambda = if lambda > 0.0 { lambda } else { 0.0 };
        let mut p = Poisson {
            lambda,
            exp_minus: 0.0,
            loglam: 0.0,
            a: 0.0,
            b: 0.0,
            log_invalpha: 0.0,
            vr: 0.0,
        };
        if lambda < 10.0 {
            p.exp_minus = libm::exp(-lambda);
        } else {
            let (a, b, vr) = Poisson::ptrs_constants(lambda);
            p.loglam = libm::log(lambda);
            p.b = b;
            p.a = a;
            p.log_invalpha = Poisson::log_invalpha(b);
            p.vr = vr;
        }
        p
    }

    /// PTRS's constants (a, b, v_r) for λ ≥ 10.
    #[inline]
    fn ptrs_constants(lambda: f64) -> (f64, f64, f64) {
        let b = 0.931 + 2.53 * f64::sqrt(lambda);
        (-0.059 + 0.02483 * b, b, 0.9277 - 3.6224 / (b - 2.0))
    }

    /// PTRS's ln(1/α) from its constant b.
    fn log_invalpha(b: f64) -> f64 {
        libm::log(1.1239 + 1.1328 / (b - 3.4))
    }

    /// The mean.
    pub fn mean(&self) -> f64 {
        self.lambda
    }
}

/// The constants of a binomial probability, computed once for many draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binomial {
    flip: bool,
    p_lo: f64,
    q_lo: f64,
    ln_q: f64,
    ratio: f64,
    lpq: f64,
}

impl Binomial {
    /// For probability `p` (values outside [0, 1], NaN included, act as 0 or 1).
    pub fn new(p: f64) -> Binomial {
        let mut b = Binomial::for_one_draw(p);
        b.ln_q = b.ln_q();
        b.lpq = b.lpq();
        b
    }

    /// As [`Binomial::new`], leaving the two logarithms that only some draws
    /// need (ln q, ln(p/q)) to be computed by the draw that needs them, with
    /// the same values: for a single draw.
    fn for_one_draw(p: f64) -> Binomial {
        let p = if p >= 1.0 {
            1.0
        } else if p > 0.0 {
            p
        } else {
            0.0
        };
        let flip = p > 0.5;
        let p_lo = if flip { 1.0 - p } else { p };
        let q_lo = 1.0 - p_lo;
        Binomial {
            flip,
            p_lo,
            q_lo,
            ln_q: f64::NAN,
            ratio: if q_lo > 0.0 { p_lo / q_lo } else { 0.0 },
            lpq: f64::NAN,
        }
    }

    /// ln q of the smaller side (computed now if it was left out).
    #[inline]
    fn ln_q(&self) -> f64 {
        if self.ln_q.is_nan() {
            libm::log1p(-self.p_lo)
        } else {
            self.ln_q
        }
    }

    /// ln(p/q) of the smaller side, 0 when p is 0 (computed now if it was left out).
    #[inline]
    fn lpq(&self) -> f64 {
        if !self.lpq.is_nan() {
            self.lpq
        } else if self.p_lo > 0.0 {
            libm::log(self.p_lo / self.q_lo)
        } else {
            0.0
        }
    }

    /// The probability.
    pub fn p(&self) -> f64 {
        if self.flip {
            1.0 - self.p_lo
        } else {
            self.p_lo
        }
    }
}

/// `x^n` by repeated squaring: at most 12 roundings for n ≤ 64, so a relative
/// error below 10⁻¹⁵, and the same bits on every target.
#[inline]
fn whole_power(x: f64, mut n: u64) -> f64 {
    let (mut base, mut acc) = (x, 1.0);
    while n > 0 {
        if n & 1 == 1 {
            acc *= base;
        }
        base *= base;
        n >>= 1;
    }
    acc
}

/// ln k! for whole k ≥ 0: exact table below 16, Stirling's series above
/// (error below 1e-12).
pub fn ln_factorial(k: f64) -> f64 {
    const TABLE: [f64; 16] = [
        0.0,
        0.0,
        std::f64::consts::LN_2,
        1.7917594692280554,
        3.178053830347945,
        4.787491742782047,
        6.579251212010102,
        8.525161361065415,
        10.604602902745249,
        12.801827480081467,
        15.104412573075514,
        17.502307845873887,
        19.987214495661885,
        22.55216385312342,
        25.191221182738683,
        27.89927138384089,
    ];
    if k < 16.0 {
        return TABLE[k as usize];
    }
    let x = k + 1.0;
    let x2 = x * x;
    (x - 0.5) * libm::log(x) - x
        + 0.918_938_533_204_672_8
        + (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / (1260.0 * x2)) / x2) / x
}

/// ln 4 and ln 5, as Cheng's beta algorithms use them.
const LN_4: f64 = 1.386_294_361_119_890_6;
const LN_5: f64 = 1.609_437_912_434_100_3;
/// The largest x whose exp(x) is finite: ln(f64::MAX).
const MAX_EXP_ARG: f64 = 709.782_712_893_384;

/// `x`, or the largest finite number when `x` overflowed (as R's `rbeta` does).
#[inline]
fn finite_or_max(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        f64::MAX
    }
}

/// Standard normal quantile of 0.95: a 90% interval spans ±this many sd.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// Inverse logit.
#[inline]
pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-x))
}

/// Logit.
#[inline]
pub fn logit(p: f64) -> f64 {
    libm::log(p / (1.0 - p))
}

/// The mean of logistic(μ + σZ) for a standard normal Z: the mean of the
/// logit-normal distribution of a rate's 90% range, which has no closed form.
/// The trapezoid rule on z ∈ [−12, 12] with steps of at most min(0.05, 0.5/σ):
/// for this integrand (analytic in a strip of half-width min(π/σ, 3)) its
/// error is below e^(−4π²) ≈ 10⁻¹⁷, and the tails beyond ±12 weigh under 10⁻³².
/// NaN when μ or σ is not finite.
pub fn logit_normal_mean(mu: f64, sigma: f64) -> f64 {
    let sigma = sigma.abs();
    if !(mu.is_finite() && sigma.is_finite()) {
        return f64::NAN;
    }
    if sigma == 0.0 {
        return logistic(mu);
    }
    const HALF_WIDTH: f64 = 12.0;
    let steps = f64::ceil(2.0 * HALF_WIDTH / (0.05f64).min(0.5 / sigma)) as u64;
    let h = 2.0 * HALF_WIDTH / steps as f64;
    let mut sum = 0.0;
    for k in 0..=steps {
        let z = -HALF_WIDTH + k as f64 * h;
        let weight = if k == 0 || k == steps { 0.5 } else { 1.0 };
        sum += weight * logistic(mu + sigma * z) * libm::exp(-0.5 * z * z);
    }
    sum * h / f64::sqrt(2.0 * std::f64::consts::PI)
}
