//! A run's results together with what they were run on: [`RunResult`] is a
//! [`Summary`] and the [`RunHeader`] of its scenario (name, currency, stages
//! on, channel and offer names). The app keeps results on screen while the
//! scenario is edited, even while it is invalid; whatever shows them (the
//! dashboard, the charts, file names of downloads) reads the header, never the
//! scenario being edited, so that changing the currency does not relabel old
//! numbers.
//!
//! The summary's JSON (the CLI's output) is unchanged: the header travels
//! beside it.

use crate::engine::Plan;
use crate::scenario::Scenario;
use crate::stats::{Batch, Summary};
use serde::{Deserialize, Serialize};

/// Which stages after the first purchase a scenario has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stages {
    /// Repeat purchases.
    pub repeat: bool,
    /// Win-back of repeat customers who dropped out.
    pub winback: bool,
    /// A subscription.
    pub subscription: bool,
    /// Referrals.
    pub referrals: bool,
}

impl Stages {
    /// The stages `scenario` switches on.
    pub fn of(scenario: &Scenario) -> Stages {
        Stages {
            repeat: scenario.repeat.is_some(),
            winback: scenario
                .repeat
                .as_ref()
                .is_some_and(|r| r.winback.is_some()),
            subscription: scenario.subscription.is_some(),
            referrals: scenario.referrals.is_some(),
        }
    }
}

/// An offer as the results name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferLabel {
    /// Offer id.
    pub id: String,
    /// Offer name.
    pub name: String,
}

/// What a run was run on: the parts of its scenario that its results are
/// shown with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunHeader {
    /// Scenario name.
    pub name: String,
    /// Currency code of every amount.
    pub currency: String,
    /// Stages after the first purchase that were on.
    pub stages: Stages,
    /// Rows of the channel table: the paid channels, then `referral`.
    pub channels: Vec<String>,
    /// Offers in ladder order.
    pub offers: Vec<OfferLabel>,
    /// New customers each customer brings on average
    /// ([`crate::stats::growth_per_customer`]; `None` without referrals), for
    /// the warning about unbounded growth in the reader's language.
    #[serde(default)]
    pub growth: Option<f64>,
}

impl RunHeader {
    /// The header of a run of `plan`.
    pub fn of(plan: &Plan) -> RunHeader {
        let sc = plan.scenario().scenario();
        RunHeader {
            name: sc.name.clone(),
            currency: sc.currency.clone(),
            stages: Stages::of(sc),
            channels: plan.channel_names(),
            offers: sc
                .offers
                .iter()
                .map(|o| OfferLabel {
                    id: o.id.clone(),
                    name: o.name.clone(),
                })
                .collect(),
            growth: crate::stats::growth_per_customer(plan.scenario()),
        }
    }
}

/// A summary with the header of the run it summarises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// What the run was run on.
    pub header: RunHeader,
    /// Its results.
    pub summary: Summary,
}

impl RunResult {
    /// Summarises a batch of all the trials of `plan`, with its header.
    pub fn from_batch(plan: &Plan, batch: &Batch) -> RunResult {
        RunResult {
            header: RunHeader::of(plan),
            summary: Summary::from_batch(plan, batch),
        }
    }
}
