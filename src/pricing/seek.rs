//! Goal seek under uncertainty: the value of one field at which profit is at
//! least a target by a day with a given chance ("the most I can pay per
//! visitor so that profit is at least 0 by day 180 with a chance of 90%").
//!
//! At each value tried, the field is a fixed number ([`Field::set_fixed`]) and
//! the scenario is run with the same trials and seed, so every value shares
//! the random numbers of everything else (common random numbers) and the
//! chance moves only with the field. The search brackets the value where the
//! chance crosses the goal (from the low end of the field's range upwards,
//! widening by 8 at each step for money and counts, whose range reaches
//! 10¹²), then bisects. The answer is the last value tried that still meets the
//! goal; its bracket is where the chance is within Monte Carlo noise of the
//! goal (±[`NOISE_SE`] binomial standard errors, `√(q(1 − q)/n)`), found by the
//! same bisection.

use super::sweep::NOISE_SE;
use crate::engine::{Plan, RunError, RunOptions, Workspace};
use crate::inputs::{Domain, Field};
use crate::scenario::Scenario;
use crate::validate::{ValidScenario, ValidationErrors, MAX_AMOUNT};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Trials of each value tried when nobody says otherwise.
pub const DEFAULT_SEEK_TRIALS: u64 = 2_000;
/// The bisection stops when the bracket is narrower than this share of the
/// range it started from.
pub const RELATIVE_TOLERANCE: f64 = 1e-4;

/// The goal: profit at least `profit_at_least` at the end of day `by_day`
/// (days counted from 1, so `by_day` = the horizon is the run's profit) in at
/// least a share `chance` of trials.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    /// The least profit wanted.
    pub profit_at_least: f64,
    /// By the end of this day (1 ..= the horizon).
    pub by_day: u32,
    /// The least share of trials that must reach it (0 < chance ≤ 1).
    pub chance: f64,
}

/// Which way the chance of the goal grows as the field grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The chance is higher at lower values.
    Lower,
    /// The chance is higher at higher values.
    Higher,
}

/// What goal seek cannot do.
#[derive(Clone, Debug, PartialEq)]
pub enum SeekError {
    /// No field has this path.
    NoSuchField(String),
    /// The field is not a number that can be sought (text, whole days).
    NotSeekable(String),
    /// The chance is not a number in (0, 1].
    Chance(f64),
    /// The day is not from 1 to the horizon.
    Day {
        /// The day asked for.
        day: u32,
        /// The scenario's horizon.
        horizon: u32,
    },
    /// The profit wanted is not a finite number.
    Profit(f64),
    /// The scenario with the field at this value is not valid.
    Invalid {
        /// The value tried.
        value: f64,
        /// Its problems.
        errors: ValidationErrors,
    },
    /// The run refused (trials out of range).
    Run(RunError),
    /// No value of the field in its range reaches the chance.
    Unreachable {
        /// The field's path.
        path: String,
        /// The chance asked for.
        chance: f64,
        /// The highest chance seen, at `at`.
        best_chance: f64,
        /// Where the highest chance was seen (an end of the range searched).
        at: f64,
        /// Which way the chance grows.
        direction: Direction,
    },
}

impl fmt::Display for SeekError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeekError::NoSuchField(p) => write!(f, "vary: the scenario has no field {p}"),
            SeekError::NotSeekable(p) => write!(
                f,
                "vary: {p} is not a number goal seek can vary (rates, amounts, counts and plain numbers can be)"
            ),
            SeekError::Chance(q) => {
                write!(f, "chance: must be a number above 0 and at most 1 (got {q})")
            }
            SeekError::Day { day, horizon } => write!(
                f,
                "by-day: must be a day from 1 to the horizon, {horizon} (got {day})"
            ),
            SeekError::Profit(t) => write!(f, "profit-at-least: must be a number (got {t})"),
            SeekError::Invalid { value, errors } => {
                write!(f, "with the field at {value} the scenario is not valid: {errors}")
            }
            SeekError::Run(e) => e.fmt(f),
            SeekError::Unreachable {
                path,
                chance,
                best_chance,
                at,
                direction,
            } => {
                let way = match direction {
                    Direction::Lower => "lower",
                    Direction::Higher => "higher",
                };
                write!(
                    f,
                    "no value of {path} in its valid range reaches a chance of {}%: the chance is at most {}% (at {at}); the goal lies towards {way} values",
                    pct(*chance),
                    pct(*best_chance)
                )
            }
        }
    }
}

fn pct(x: f64) -> f64 {
    libm::round(x * 1000.0) / 10.0
}

impl std::error::Error for SeekError {}

impl From<RunError> for SeekError {
    fn from(e: RunError) -> Self {
        SeekError::Run(e)
    }
}

/// The answer: `funnel-lab seek`'s JSON exactly
/// (`{"path", "value", "bracket": [lo, hi], "chance_at_value"}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeekAnswer {
    /// The field's path (`channels[0].cost_per_visitor`).
    pub path: String,
    /// The last value (towards the worse side) that still meets the goal.
    pub value: f64,
    /// The values at which the chance is within Monte Carlo noise of the goal.
    pub bracket: [f64; 2],
    /// The chance of the goal with the field at `value`.
    pub chance_at_value: f64,
}

/// The range goal seek searches for a field of `domain`; `None` when it cannot.
fn range_of(domain: Domain) -> Option<(f64, f64)> {
    match domain {
        Domain::Rate => Some((0.0, 1.0)),
        Domain::Amount | Domain::Count | Domain::PriceStep => Some((0.0, MAX_AMOUNT)),
        Domain::Number(b) => Some((b.min, b.max)),
        Domain::Days(_) | Domain::Text { .. } | Domain::OfferId => None,
    }
}

/// Whether goal seek can vary `field` (a rate, an amount, a count or a plain
/// number; not days, text or an offer id): what the app's sentence may offer.
pub fn can_seek(field: Field) -> bool {
    range_of(field.spec().domain).is_some()
}

/// The chances tried so far, by value.
struct Tried<'a> {
    scenario: &'a Scenario,
    field: Field,
    goal: Goal,
    trials: u64,
    seed: u64,
    /// `(value, chance, mean profit by the day)`, in the order tried.
    seen: Vec<(f64, f64, f64)>,
}

impl Tried<'_> {
    fn chance(&mut self, value: f64) -> Result<f64, SeekError> {
        Ok(self.tried(value)?.0)
    }

    /// The chance and the mean profit by the day at `value`.
    fn tried(&mut self, value: f64) -> Result<(f64, f64), SeekError> {
        if let Some(&(_, c, m)) = self.seen.iter().find(|(x, ..)| *x == value) {
            return Ok((c, m));
        }
        let (c, m) = goal_at(
            self.scenario,
            self.field,
            value,
            self.goal,
            self.trials,
            self.seed,
        )?;
        self.seen.push((value, c, m));
        Ok((c, m))
    }

    /// The boundary where the chance crosses `level`, between `good` (chance
    /// ≥ level) and `bad` (below), narrowed to `tolerance`: the good end.
    fn boundary(
        &mut self,
        level: f64,
        mut good: f64,
        mut bad: f64,
        tolerance: f64,
    ) -> Result<f64, SeekError> {
        // Start from the narrowest pair already tried.
        for &(x, c, _) in &self.seen {
            let between = (x - good) * (x - bad) < 0.0;
            if between {
                if c >= level {
                    good = x;
                } else {
                    bad = x;
                }
            }
        }
        while (bad - good).abs() > tolerance {
            let mid = good + 0.5 * (bad - good);
            if mid == good || mid == bad {
                break;
            }
            if self.chance(mid)? >= level {
                good = mid;
            } else {
                bad = mid;
            }
        }
        Ok(good)
    }
}

/// The share of `trials` trials (from `seed`) in which profit is at least the
/// goal's by its day, with `field` fixed at `value`.
pub fn chance_at(
    sc: &Scenario,
    field: Field,
    value: f64,
    goal: Goal,
    trials: u64,
    seed: u64,
) -> Result<f64, SeekError> {
    Ok(goal_at(sc, field, value, goal, trials, seed)?.0)
}

/// [`chance_at`] and the mean profit by the goal's day.
fn goal_at(
    sc: &Scenario,
    field: Field,
    value: f64,
    goal: Goal,
    trials: u64,
    seed: u64,
) -> Result<(f64, f64), SeekError> {
    let mut changed = sc.clone();
    if !field.set_fixed(&mut changed, value) {
        return Err(SeekError::NotSeekable(field.path()));
    }
    let valid: ValidScenario = changed
        .validate()
        .map_err(|errors| SeekError::Invalid { value, errors })?;
    let plan = Plan::new(valid, RunOptions::new(trials, seed))?;
    let day = goal.by_day as usize - 1;
    let mut ws = Workspace::default();
    let (mut met, mut sum) = (0u64, 0.0);
    for t in 0..trials {
        let profit = ws.run(&plan, t).daily.cum_profit.get(day).copied();
        let profit = profit.unwrap_or(f64::NEG_INFINITY);
        met += u64::from(profit >= goal.profit_at_least);
        sum += profit;
    }
    Ok((met as f64 / trials as f64, sum / trials as f64))
}

/// Seeks the value of the field at `path` that meets `goal`, on `trials`
/// trials from `seed` at each value tried.
pub fn seek(
    sc: &Scenario,
    path: &str,
    goal: Goal,
    trials: u64,
    seed: u64,
) -> Result<SeekAnswer, SeekError> {
    let field = Field::parse(path)
        .filter(|f| f.exists(sc))
        .ok_or_else(|| SeekError::NoSuchField(path.to_string()))?;
    let (low, high) =
        range_of(field.spec().domain).ok_or_else(|| SeekError::NotSeekable(field.path()))?;
    if !(goal.chance > 0.0 && goal.chance <= 1.0) {
        return Err(SeekError::Chance(goal.chance));
    }
    if !goal.profit_at_least.is_finite() {
        return Err(SeekError::Profit(goal.profit_at_least));
    }
    if goal.by_day == 0 || goal.by_day > sc.horizon_days {
        return Err(SeekError::Day {
            day: goal.by_day,
            horizon: sc.horizon_days,
        });
    }
    let q = goal.chance;
    let mut tried = Tried {
        scenario: sc,
        field,
        goal,
        trials,
        seed,
        seen: Vec::new(),
    };
    // A range open at its low end (a price step of 0, a half-life of 0 days)
    // starts just above it.
    let open = match field.spec().domain {
        Domain::PriceStep => true,
        domain => domain.bounds().is_some_and(|b| b.min_open),
    };
    let low = if open {
        low + 1e-9 * (high - low).min(1.0)
    } else {
        low
    };
    let (at_low, mean_low) = tried.tried(low)?;
    // Widen from the low end until the chance crosses the goal or the range ends.
    let scale = field.centre(sc).filter(|c| *c > 0.0).unwrap_or(1.0);
    let mut top = if high - low <= 16.0 * scale {
        high
    } else {
        low + 2.0 * scale
    };
    let mut at_top = tried.chance(top)?;
    while (at_top >= q) == (at_low >= q) && top < high {
        top = (low + (top - low) * 8.0).min(high);
        at_top = tried.chance(top)?;
    }
    if at_low < q && at_top < q {
        // Which way the goal lies: where the chance is higher, or on a tie
        // (often 0 at both ends) where the mean profit by the day is higher.
        let mean_top = tried.tried(top)?.1;
        let higher = at_top > at_low || (at_top == at_low && mean_top > mean_low);
        let (best_chance, at, direction) = if higher {
            (at_top, top, Direction::Higher)
        } else {
            (at_low, low, Direction::Lower)
        };
        return Err(SeekError::Unreachable {
            path: field.path(),
            chance: q,
            best_chance,
            at,
            direction,
        });
    }
    if at_low >= q && at_top >= q {
        // Met across the whole range: the answer is its end with the lower chance.
        let (value, c) = if at_top <= at_low {
            (top, at_top)
        } else {
            (low, at_low)
        };
        return Ok(SeekAnswer {
            path: field.path(),
            value,
            bracket: [value, value],
            chance_at_value: c,
        });
    }
    let (good, bad) = if at_low >= q { (low, top) } else { (top, low) };
    let tolerance = (top - low) * RELATIVE_TOLERANCE;
    let value = tried.boundary(q, good, bad, tolerance)?;
    let se = (q * (1.0 - q) / trials as f64).sqrt();
    let mut ends = Vec::with_capacity(2);
    for level in [q - NOISE_SE * se, q + NOISE_SE * se] {
        let (g, b) = (good, bad);
        let g_chance = tried.chance(g)?;
        let b_chance = tried.chance(b)?;
        // A level outside the chances at the two ends: the bracket reaches that end.
        ends.push(if b_chance >= level {
            b
        } else if g_chance < level {
            g
        } else {
            tried.boundary(level, g, b, tolerance)?
        });
    }
    let bracket = [ends[0].min(ends[1]), ends[0].max(ends[1])];
    Ok(SeekAnswer {
        path: field.path(),
        value,
        bracket,
        chance_at_value: tried.chance(value)?,
    })
}
