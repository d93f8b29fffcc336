//! The headline numbers the page keeps in sight while the scenario is edited
//! (the sticky bar): the median profit and the chance of a loss of a run, and
//! how each changed since the previous run ("▲ $1,100", "▼ 2.1 pts").

use crate::i18n::Lang;
use crate::metrics::Metric;
use crate::results::RunResult;

/// The headline numbers of one run's results.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// The currency the run was run in (changes between currencies are not shown).
    pub currency: String,
    /// The median profit, when some trial had one.
    pub profit_median: Option<f64>,
    /// The share of trials that lose money.
    pub prob_loss: f64,
}

/// Which way a number moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// It went up (▲).
    Up,
    /// It went down (▼).
    Down,
}

/// How one headline number changed since the previous run.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Which way.
    pub direction: Direction,
    /// Whether the move is good news (more profit, less chance of a loss).
    pub better: bool,
    /// The change for people, with its arrow: "▲ $1,100", "▼ 2.1 pts".
    pub text: String,
}

impl Headline {
    /// The headline numbers of `result`.
    pub fn of(result: &RunResult) -> Headline {
        Headline {
            currency: result.header.currency.clone(),
            profit_median: result.summary.stats(Metric::Profit).p50,
            prob_loss: result.summary.prob_loss,
        }
    }

    /// How the median profit changed from `before` to `self`, written as the
    /// page writes money; `None` when both read the same as shown, when either
    /// is undefined, or when the currency changed.
    pub fn profit_change(&self, before: &Headline, lang: Lang) -> Option<Change> {
        let (now, then) = (self.profit_median?, before.profit_median?);
        if self.currency != before.currency {
            return None;
        }
        let nf = lang.numbers();
        let delta = now - then;
        if !delta.is_finite() || nf.money(now, &self.currency) == nf.money(then, &self.currency) {
            return None;
        }
        let shown = nf.money(delta.abs(), &self.currency);
        Some(change(delta > 0.0, delta > 0.0, shown))
    }

    /// How the chance of a loss changed from `before` to `self`, in percentage
    /// points with one decimal; `None` when that rounds to zero.
    pub fn loss_change(&self, before: &Headline, lang: Lang) -> Option<Change> {
        let delta = self.prob_loss - before.prob_loss;
        let points = (delta.abs() * 1000.0).round() / 10.0;
        if !(points > 0.0) {
            return None;
        }
        let text = lang.t_with(
            "headline-points",
            &[("points", lang.numbers().exact(points).into())],
        );
        Some(change(delta > 0.0, delta < 0.0, text))
    }
}

fn change(up: bool, better: bool, amount: String) -> Change {
    let (direction, arrow) = if up {
        (Direction::Up, '▲')
    } else {
        (Direction::Down, '▼')
    };
    Change {
        direction,
        better,
        text: format!("{arrow} {amount}"),
    }
}
