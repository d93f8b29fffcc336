//! Uncertain values that move together (`docs/model.md`, "Correlations"): the
//! scenario's optional `correlations`, their checks, the Gaussian copula the
//! engine draws them with, and the small API an editor needs.
//!
//! A tie `{"paths": [P, Q], "rank": r}` asks for Spearman rank correlation r
//! between the uncertain fields at paths P and Q. The engine gives every tied
//! field a standard normal z from its own stream and mixes them by the
//! Cholesky factor of the matrix whose entries are 2·sin(π·r/6) for the tied
//! pairs (the Pearson correlation of normals whose rank correlation is r), 1 on
//! the diagonal and 0 elsewhere; each field is then its own quantile function
//! at Φ(z), so its distribution is exactly the one entered.
//!
//! For an editor: [`correlatable_paths`] lists the fields that may be tied,
//! [`Scenario::set_correlation`] adds a tie or changes its rank (refusing one
//! that cannot hold), [`Scenario::remove_correlation`] removes one and
//! [`Scenario::correlation`] reads one.

use crate::inputs::{self, Field};
use crate::scenario::Scenario;
use crate::validate::{FieldError, Problem};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize};

/// A tie between two uncertain fields (one entry of `correlations`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// The two fields, by path as validation messages write them
    /// (`channels[0].optin_rate`, `nurture.conversion_per_touch`).
    pub paths: Vec<String>,
    /// The Spearman rank correlation wanted between them, strictly between −1 and 1.
    pub rank: f64,
}

impl Correlation {
    /// A tie between the fields at `p` and `q` with rank correlation `rank`.
    pub fn new(p: &str, q: &str, rank: f64) -> Correlation {
        Correlation {
            paths: vec![p.to_string(), q.to_string()],
            rank,
        }
    }

    /// Whether it ties the fields at `p` and `q` (in either order).
    pub fn ties(&self, p: &str, q: &str) -> bool {
        matches!(self.paths.as_slice(), [a, b] if (a == p && b == q) || (a == q && b == p))
    }
}

/// Reads `correlations`, where `null` means none (like the optional stages).
pub(crate) fn read_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Correlation>, D::Error> {
    Ok(Option::<Vec<Correlation>>::deserialize(d)?.unwrap_or_default())
}

/// The Pearson correlation of two standard normals whose Spearman rank
/// correlation is `rank`: 2·sin(π·rank/6).
pub fn pearson_of_rank(rank: f64) -> f64 {
    2.0 * libm::sin(std::f64::consts::PI * rank / 6.0)
}

/// The paths of the fields of `sc` that may be tied: every uncertain value
/// that is not fixed at one number, in the order of the table of fields.
pub fn correlatable_paths(sc: &Scenario) -> Vec<String> {
    inputs::uncertain_fields(sc)
        .into_iter()
        .filter(|f| is_varying(*f, sc))
        .map(Field::path)
        .collect()
}

fn is_varying(f: Field, sc: &Scenario) -> bool {
    f.uncertain(sc).is_some_and(|u| u.as_fixed().is_none())
}

/// Why the field at `path` cannot be tied in `sc`, if it cannot.
fn path_problem(sc: &Scenario, path: &str) -> Option<Problem> {
    let Some(f) = Field::parse(path).filter(|f| f.exists(sc)) else {
        return Some(Problem::UnknownPath(path.to_string()));
    };
    if !f.spec().may_be_uncertain() {
        return Some(Problem::NotUncertain(path.to_string()));
    }
    (!is_varying(f, sc)).then(|| Problem::FixedInCorrelation(path.to_string()))
}

/// Every problem of the `correlations` of `sc`, each at its path
/// (`correlations[1].paths[0]`, `correlations[1].rank`, or `correlations` for
/// a set of ties that cannot hold together).
pub fn check(sc: &Scenario) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut push = |path: String, problem| errors.push(FieldError { path, problem });
    let mut seen: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (i, c) in sc.correlations.iter().enumerate() {
        let at = format!("correlations[{i}]");
        if !(c.rank > -1.0 && c.rank < 1.0) {
            push(format!("{at}.rank"), Problem::RankOutside(c.rank));
        }
        let [p, q] = c.paths.as_slice() else {
            push(format!("{at}.paths"), Problem::NotTwoPaths(c.paths.len()));
            continue;
        };
        for (j, path) in [p, q].into_iter().enumerate() {
            if let Some(problem) = path_problem(sc, path) {
                push(format!("{at}.paths[{j}]"), problem);
            }
        }
        if p == q {
            push(format!("{at}.paths"), Problem::TiedToItself(p.clone()));
            continue;
        }
        let pair = if p < q {
            (p.as_str(), q.as_str())
        } else {
            (q.as_str(), p.as_str())
        };
        if let Some(&first) = seen.get(&pair) {
            push(format!("{at}.paths"), Problem::RepeatedPair(first));
        } else {
            seen.insert(pair, i);
        }
    }
    if errors.is_empty() {
        if let Err(path) = Copula::of(sc, &inputs::uncertain_fields(sc)) {
            errors.push(FieldError {
                path: "correlations".into(),
                problem: Problem::NotPositiveDefinite(path),
            });
        }
    }
    errors
}

/// The Gaussian copula of a scenario's ties, over its inputs (the uncertain
/// fields, by index): which inputs are tied and the lower-triangular Cholesky
/// factor that mixes their independent normals into correlated ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Copula {
    /// The tied inputs (indices into the inputs), in increasing order.
    members: Vec<usize>,
    /// The Cholesky factor, row by row: row k holds k + 1 entries.
    factor: Vec<f64>,
}

/// Smallest pivot (squared) of a correlation matrix taken as positive definite.
const MIN_PIVOT: f64 = 1e-12;

impl Copula {
    /// The copula of the ties of `sc` over `inputs` (the scenario's uncertain
    /// fields, in the engine's order): `Ok(None)` without ties; `Err(path)`,
    /// naming the first tied field (in `inputs` order) at which the matrix
    /// stops being positive definite, when the ties cannot hold together. Ties
    /// of paths that are not among `inputs` are ignored (validation reports them).
    pub fn of(sc: &Scenario, inputs: &[Field]) -> Result<Option<Copula>, String> {
        let index: FxHashMap<String, usize> = inputs
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path(), i))
            .collect();
        let pairs: Vec<(usize, usize, f64)> = sc
            .correlations
            .iter()
            .filter_map(|c| match c.paths.as_slice() {
                [p, q] => Some((*index.get(p)?, *index.get(q)?, c.rank)),
                _ => None,
            })
            .filter(|(i, j, _)| i != j)
            .collect();
        let mut members: Vec<usize> = pairs.iter().flat_map(|&(i, j, _)| [i, j]).collect();
        members.sort_unstable();
        members.dedup();
        if members.is_empty() {
            return Ok(None);
        }
        let n = members.len();
        let at = |input: usize| members.binary_search(&input).expect("a member");
        let mut matrix = vec![0.0; n * n];
        for k in 0..n {
            matrix[k * n + k] = 1.0;
        }
        for &(i, j, rank) in &pairs {
            let (a, b) = (at(i), at(j));
            let rho = pearson_of_rank(rank);
            matrix[a * n + b] = rho;
            matrix[b * n + a] = rho;
        }
        // Cholesky–Banachiewicz, row by row into the packed factor.
        let mut factor = Vec::with_capacity(n * (n + 1) / 2);
        let row = |k: usize| k * (k + 1) / 2;
        for k in 0..n {
            for j in 0..=k {
                let dot: f64 = (0..j)
                    .map(|m| factor[row(k) + m] * factor[row(j) + m])
                    .sum();
                let rest = matrix[k * n + j] - dot;
                if j == k {
                    if !(rest > MIN_PIVOT) {
                        return Err(inputs[members[k]].path());
                    }
                    factor.push(f64::sqrt(rest));
                } else {
                    factor.push(rest / factor[row(j) + j]);
                }
            }
        }
        Ok(Some(Copula { members, factor }))
    }

    /// The tied inputs, by index, in increasing order.
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// Whether member k's normal is its own (its row of the factor is that of
    /// the identity: the first member, or one tied to no earlier member), so
    /// that its draw is unchanged by the ties.
    pub fn keeps_own(&self, k: usize) -> bool {
        self.factor[k * (k + 1) / 2..][..k]
            .iter()
            .all(|&l| l == 0.0)
    }

    /// Correlated standard normals from independent ones: `z[k]` is the normal
    /// of member k; on return it holds Σⱼ L[k][j]·z[j] (so the first member's
    /// normal is unchanged).
    pub fn mix(&self, z: &mut [f64]) {
        for k in (0..self.members.len()).rev() {
            let row = &self.factor[k * (k + 1) / 2..][..=k];
            z[k] = row.iter().zip(z.iter()).map(|(l, x)| l * x).sum();
        }
    }
}

impl Scenario {
    /// The rank correlation tying the fields at `p` and `q`, if they are tied.
    pub fn correlation(&self, p: &str, q: &str) -> Option<f64> {
        self.correlations
            .iter()
            .find(|c| c.ties(p, q))
            .map(|c| c.rank)
    }

    /// Ties the fields at `p` and `q` with rank correlation `rank`, or changes
    /// the rank of their tie. Refused, changing nothing, when a path names no
    /// field that may be tied, the two are the same, the rank is not strictly
    /// between −1 and 1, or the ties would no longer hold together.
    pub fn set_correlation(&mut self, p: &str, q: &str, rank: f64) -> Result<(), Problem> {
        for path in [p, q] {
            if let Some(problem) = path_problem(self, path) {
                return Err(problem);
            }
        }
        if p == q {
            return Err(Problem::TiedToItself(p.to_string()));
        }
        if !(rank > -1.0 && rank < 1.0) {
            return Err(Problem::RankOutside(rank));
        }
        let before = self.correlations.clone();
        match self.correlations.iter_mut().find(|c| c.ties(p, q)) {
            Some(c) => c.rank = rank,
            None => self.correlations.push(Correlation::new(p, q, rank)),
        }
        if let Err(path) = Copula::of(self, &inputs::uncertain_fields(self)) {
            self.correlations = before;
            return Err(Problem::NotPositiveDefinite(path));
        }
        Ok(())
    }

    /// Removes the tie of the fields at `p` and `q`; whether there was one.
    pub fn remove_correlation(&mut self, p: &str, q: &str) -> bool {
        let before = self.correlations.len();
        self.correlations.retain(|c| !c.ties(p, q));
        self.correlations.len() < before
    }
}
