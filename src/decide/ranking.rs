//! What the page's "which input matters" panel shows of a finished run: its
//! [`Sensitivity`] on one metric with each input's plain name, and the
//! sentence that says which input is worth testing first. The summariser
//! worker, which holds the run's trials, ranks them ([`Ranking::of`]) and sends
//! the ranking to the page as JSON; the page names the inputs in its language
//! ([`Ranking::named`]), so that the worker links no catalogue.

use super::{metric_name, Sensitivity};
use crate::i18n::{field_place, Lang};
use crate::metrics::Metric;
use crate::scenario::Scenario;
use crate::stats::Batch;
use serde::{Deserialize, Serialize};

/// A finished run's inputs ranked on one metric, with their plain names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// The run it was read from.
    pub run_id: u64,
    /// The ranking itself (tornado data, EVPPI per input, EVPI).
    pub sensitivity: Sensitivity,
    /// The plain name of each of `sensitivity.inputs`, in the same order
    /// ("Search ads: Opt-in rate"; their paths until [`Ranking::named`]).
    pub labels: Vec<String>,
}

/// What a page asks the summariser to rank a finished run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingRequest {
    /// The run.
    pub run_id: u64,
    /// The metric of the tornado.
    #[serde(with = "metric_name")]
    pub metric: Metric,
}

impl Ranking {
    /// The ranking of `batch` on `metric`, its inputs named by their paths.
    pub fn of(run_id: u64, batch: &Batch, metric: Metric) -> Ranking {
        let sensitivity = Sensitivity::of(batch, metric);
        let labels = sensitivity.inputs.iter().map(|e| e.path.clone()).collect();
        Ranking {
            run_id,
            sensitivity,
            labels,
        }
    }

    /// The same ranking with its inputs named in `lang` as `scenario` (the one
    /// that was run) names them.
    pub fn named(mut self, lang: Lang, scenario: &Scenario) -> Ranking {
        self.labels = self
            .sensitivity
            .inputs
            .iter()
            .map(|e| field_place(lang, scenario, &e.path))
            .collect();
        self
    }

    /// The plain name of the input at `path` (the path itself if it is not ranked).
    pub fn label<'a>(&'a self, path: &'a str) -> &'a str {
        self.sensitivity
            .inputs
            .iter()
            .zip(&self.labels)
            .find(|(e, _)| e.path == path)
            .map_or(path, |(_, l)| l.as_str())
    }

    /// The sentence that says which input to test first, in `lang`, with money
    /// in `currency`: "Knowing “Nurture: Conversion per touch” exactly would be
    /// worth about $1,200: test it first.", or that no input is worth it (every
    /// EVPPI within the estimator's noise).
    pub fn worth_sentence(&self, currency: &str, lang: Lang) -> String {
        let nf = lang.numbers();
        match self.sensitivity.worth_testing_first() {
            Some(top) => lang.t_with(
                "worth-sentence",
                &[
                    ("input", self.label(&top.path).into()),
                    ("value", nf.money(about(top.evppi), currency).into()),
                ],
            ),
            None => lang.t_with(
                "worth-none",
                &[(
                    "noise",
                    nf.money(about(self.sensitivity.evppi_noise), currency)
                        .into(),
                )],
            ),
        }
    }
}

/// `x` rounded to two significant figures, as "about" a sum is said: 1,234 →
/// 1,200; 0.0567 → 0.057; 0 and non-finite values as they are.
pub fn about(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let step = libm::pow(10.0, f64::floor(libm::log10(x.abs())) - 1.0);
    libm::round(x / step) * step
}
