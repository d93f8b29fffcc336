//! Exact gamma and beta samplers for many draws of one shape: rejection from a
//! table of pieces, so that almost every draw costs two random words, a table
//! lookup and no logarithm (a repeat customer's purchase rate and dropout
//! chance, drawn once per customer, thousands of times a trial).
//!
//! The density's support is cut into pieces. On each piece an upper bound of
//! the density makes the envelope and a lower bound the squeeze; a piece is
//! picked from an alias table of the envelope's masses, a point is drawn
//! uniformly in it, and it is kept if a uniform height under the bound falls
//! under the density: the squeeze decides this without the density almost
//! always. This is the rejection method with a piecewise-constant envelope
//! (Devroye, *Non-Uniform Random Variate Generation*, 1986, II.4 and VIII.2),
//! exact for any table: the table only sets how often a point is rejected.
//!
//! Where the density is unbounded (a shape below 1, at 0) the first piece's
//! envelope is the power x^(α − 1), drawn by inversion; the gamma's tail past
//! the last piece has an exponential envelope. The table is refined where the
//! squeeze misses most (splitting the piece whose gap between the bounds holds
//! the most mass) until that mass is small or the table full.

use super::{AliasTable, TrialRng};
use std::collections::BinaryHeap;

/// Shapes the tables take: below, a table would need too many pieces near 0
/// (use the general samplers); above, a run would not need it.
const MIN_SHAPE: f64 = 0.05;
const MAX_SHAPE: f64 = 1e5;
/// Pieces of a table at the start and at most.
const FIRST_PIECES: usize = 32;
/// Refinement stops once the mass where the squeeze can miss is below this
/// share of the whole envelope.
const MISS_SHARE: f64 = 0.004;

/// The (unnormalised) density a table draws from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Density {
    /// Gamma(shape, 1): x^(shape − 1) e^(−x) on (0, ∞).
    Gamma { shape: f64 },
    /// Beta(a, b) with a ≤ b and b ≥ 1: x^(a − 1) (1 − x)^(b − 1) on (0, 1),
    /// unimodal, or decreasing when a < 1.
    Beta { a: f64, b: f64 },
}

/// c·ln(x), and 0 when c is 0 (whatever x, so that a power 0 never gives NaN).
fn power(c: f64, ln_x: impl FnOnce() -> f64) -> f64 {
    if c == 0.0 {
        0.0
    } else {
        c * ln_x()
    }
}

impl Density {
    /// The power α of x near 0: the density is x^(α − 1) times a factor at most 1.
    fn alpha(self) -> f64 {
        match self {
            Density::Gamma { shape } => shape,
            Density::Beta { a, .. } => a,
        }
    }

    /// ln of the factor by which the density falls below x^(α − 1): at most 0,
    /// decreasing in x.
    fn ln_factor(self, x: f64) -> f64 {
        match self {
            Density::Gamma { .. } => -x,
            Density::Beta { b, .. } => power(b - 1.0, || libm::log1p(-x)),
        }
    }

    /// ln of the unnormalised density (−∞ where it is 0).
    fn ln(self, x: f64) -> f64 {
        power(self.alpha() - 1.0, || libm::log(x)) + self.ln_factor(x)
    }

    /// Where the density is largest on [0, ∞): 0 when it decreases.
    fn mode(self) -> f64 {
        match self {
            Density::Gamma { shape } => (shape - 1.0).max(0.0),
            Density::Beta { a, b } if a > 1.0 => (a - 1.0) / (a + b - 2.0),
            Density::Beta { .. } => 0.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Bounded piece [left, left + width): a constant envelope `upper` and squeeze `lower`.
    Body,
    /// [0, width), envelope x^(α − 1) (scaled); `lower` is the least factor on it.
    Head,
    /// [left, ∞), envelope `upper`·e^(−rate (x − left)).
    Tail { rate: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece {
    kind: Kind,
    left: f64,
    width: f64,
    /// The scaled density at the piece's ends (Body).
    at_left: f64,
    at_right: f64,
    upper: f64,
    lower: f64,
}

/// An exact sampler of Gamma(shape, 1) or Beta(a, b) for one shape, built once
/// and drawn from many times (see the module's text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TabledSampler {
    density: Option<Density>,
    /// ln of the density's scale: the table holds density / e^`ln_scale`.
    ln_scale: f64,
    /// Draw 1 − x (a beta with a > b drawn as Beta(b, a)).
    mirrored: bool,
    pieces: Vec<Piece>,
    table: AliasTable,
    weights: Vec<f64>,
}

impl TabledSampler {
    /// Builds the sampler for Gamma(`shape`, 1) with at most `most_pieces`
    /// pieces (at least 33; more make rejections rarer and the build longer);
    /// false (and nothing built) when the shape is outside the range tables serve well.
    pub fn rebuild_gamma(&mut self, shape: f64, most_pieces: usize) -> bool {
        if !(MIN_SHAPE..=MAX_SHAPE).contains(&shape) {
            self.density = None;
            return false;
        }
        let density = Density::Gamma { shape };
        let end = shape + 8.0 * f64::sqrt(shape) + 8.0;
        self.build(density, end, most_pieces, false);
        true
    }

    /// Builds the sampler for Beta(`a`, `b`) with at most `most_pieces` pieces
    /// (as for the gamma); false (and nothing built) when a shape is outside
    /// the range tables serve well or both are below 1.
    pub fn rebuild_beta(&mut self, a: f64, b: f64, most_pieces: usize) -> bool {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        if !(lo >= MIN_SHAPE && (1.0..=MAX_SHAPE).contains(&hi)) {
            self.density = None;
            return false;
        }
        self.build(Density::Beta { a: lo, b: hi }, 1.0, most_pieces, a > b);
        true
    }

    /// Whether a sampler is built.
    pub fn is_built(&self) -> bool {
        self.density.is_some()
    }

    /// Pieces of the body `[0, end)` (and a tail past it for the gamma),
    /// refined; draws are 1 − x when `mirrored`.
    fn build(&mut self, density: Density, end: f64, most_pieces: usize, mirrored: bool) {
        self.density = Some(density);
        self.mirrored = mirrored;
        let mode = density.mode();
        let unbounded = density.alpha() < 1.0;
        // Scale so that the largest bounded value is about 1 (no overflow or
        // underflow of the table's numbers whatever the shapes).
        let width = end / FIRST_PIECES as f64;
        self.ln_scale = density.ln(if unbounded { width } else { mode });
        let ln_scale = self.ln_scale;
        let f = move |x: f64| libm::exp(density.ln(x) - ln_scale);
        self.pieces.clear();
        let mut at = 0.0;
        let mut at_value = f(0.0);
        for i in 0..FIRST_PIECES {
            let right = if i + 1 == FIRST_PIECES {
                end
            } else {
                (i + 1) as f64 * width
            };
            let right_value = f(right);
            if i == 0 && unbounded {
                self.pieces.push(head(density, right, right_value));
            } else {
                self.pieces
                    .push(body(mode, at, right, at_value, right_value, &f));
            }
            (at, at_value) = (right, right_value);
        }
        if let Density::Gamma { shape } = density {
            // ln f is (shape − 1) ln x − x: the tangent at `end` (slope below 0
            // past the mode) bounds it above when shape ≥ 1; below 1,
            // x^(shape − 1) ≤ end^(shape − 1) past `end`.
            let rate = 1.0 - (shape - 1.0).max(0.0) / end;
            self.pieces.push(Piece {
                kind: Kind::Tail { rate },
                left: end,
                width: f64::INFINITY,
                at_left: at_value,
                at_right: 0.0,
                upper: at_value,
                lower: 0.0,
            });
        }
        self.refine(density, most_pieces, &f);
        self.weights.clear();
        self.weights
            .extend(self.pieces.iter().map(|p| mass(density, p)));
        self.table.rebuild(&self.weights);
    }

    /// Splits the pieces where the squeeze misses most mass, until that mass is
    /// a small share of the envelope's or there are `most_pieces` pieces.
    fn refine(&mut self, density: Density, most_pieces: usize, f: &impl Fn(f64) -> f64) {
        let mode = density.mode();
        let miss = |p: &Piece| match p.kind {
            // Every draw in the head or the tail takes logarithms.
            Kind::Head | Kind::Tail { .. } => mass(density, p),
            Kind::Body => (p.upper - p.lower) * p.width,
        };
        let total: f64 = self.pieces.iter().map(|p| mass(density, p)).sum();
        // Non-negative floats order as their bits; ties go to the later index.
        let mut heap: BinaryHeap<(u64, usize)> = self
            .pieces
            .iter()
            .enumerate()
            .filter(|(_, p)| !matches!(p.kind, Kind::Tail { .. }))
            .map(|(i, p)| (miss(p).to_bits(), i))
            .collect();
        while self.pieces.len() < most_pieces {
            let Some((key, i)) = heap.pop() else { break };
            if f64::from_bits(key) <= MISS_SHARE * total {
                break;
            }
            let p = self.pieces[i];
            let mid = p.left + 0.5 * p.width;
            let mid_value = f(mid);
            let right = body(mode, mid, p.left + p.width, mid_value, p.at_right, f);
            self.pieces[i] = match p.kind {
                Kind::Head => head(density, mid, mid_value),
                _ => body(mode, p.left, mid, p.at_left, mid_value, f),
            };
            self.pieces.push(right);
            heap.push((miss(&self.pieces[i]).to_bits(), i));
            let last = self.pieces.len() - 1;
            heap.push((miss(&self.pieces[last]).to_bits(), last));
        }
    }

    /// One draw (a sampler must be built).
    pub fn sample(&self, rng: &mut TrialRng) -> f64 {
        let density = self.density.expect("a built sampler");
        let x = loop {
            let r = rng.next_u64();
            let p = &self.pieces[self.table.pick_u32(r >> 32)];
            // The height, uniform in [0, 1) at 2⁻³²: only compared with ratios.
            let v = (r & 0xFFFF_FFFF) as f64 * (1.0 / 4_294_967_296.0);
            match p.kind {
                Kind::Body => {
                    let x = p.left + rng.uniform() * p.width;
                    let y = v * p.upper;
                    if y < p.lower || y < libm::exp(density.ln(x) - self.ln_scale) {
                        break x;
                    }
                }
                Kind::Head => {
                    // Inversion of the envelope x^(α − 1) on [0, width).
                    let u = rng.uniform_pos();
                    let x = p.width * libm::exp(libm::log(u) / density.alpha());
                    if x > 0.0 && (v < p.lower || libm::log(v) < density.ln_factor(x)) {
                        break x;
                    }
                }
                Kind::Tail { rate } => {
                    let x = p.left + rng.exponential(rate);
                    let envelope = libm::log(p.upper) - rate * (x - p.left);
                    if libm::log(v) < density.ln(x) - self.ln_scale - envelope {
                        break x;
                    }
                }
            }
        };
        if self.mirrored {
            1.0 - x
        } else {
            x
        }
    }
}

/// The head piece [0, `right`) of a density unbounded at 0.
fn head(density: Density, right: f64, right_value: f64) -> Piece {
    Piece {
        kind: Kind::Head,
        left: 0.0,
        width: right,
        at_left: f64::INFINITY,
        at_right: right_value,
        upper: f64::INFINITY,
        lower: libm::exp(density.ln_factor(right)),
    }
}

/// A bounded piece [left, right) of a unimodal density with the given mode:
/// the envelope is the density at the mode when the piece holds it, else at
/// the higher end; the squeeze is the density at the lower end.
fn body(
    mode: f64,
    left: f64,
    right: f64,
    at_left: f64,
    at_right: f64,
    f: &impl Fn(f64) -> f64,
) -> Piece {
    let upper = if left < mode && mode < right {
        f(mode)
    } else {
        at_left.max(at_right)
    };
    Piece {
        kind: Kind::Body,
        left,
        width: right - left,
        at_left,
        at_right,
        upper,
        lower: at_left.min(at_right),
    }
}

/// The envelope's mass over a piece.
fn mass(density: Density, p: &Piece) -> f64 {
    match p.kind {
        Kind::Body => p.upper * p.width,
        // ∫₀ʷ x^(α − 1) dx = w^α / α, scaled as the table; the scale was chosen
        // so that at_right is the density at w: w^(α − 1)·factor(w).
        Kind::Head => {
            let alpha = density.alpha();
            let at = libm::exp(-density.ln_factor(p.width)) * p.at_right;
            at * p.width / alpha
        }
        Kind::Tail { rate } => p.upper / rate,
    }
}
