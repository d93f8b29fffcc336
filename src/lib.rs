//! Funnel Lab: Monte Carlo simulation of a marketing value ladder.
//!
//! This crate is the pure core, with no web dependency (the browser app is the
//! `funnel-lab-web` crate in `web/`):
//! - [`scenario`]: the scenario file (schema 1) and its JSON reading;
//! - [`inputs`]: the table of the scenario's fields (path, label, domain, access);
//! - [`correlation`]: uncertain values that move together (a Gaussian copula);
//! - [`validate`]: field-by-field checks that produce a [`validate::ValidScenario`];
//! - [`sampling`]: the seedable random stream and the distributions;
//! - [`price_response`]: the halving step derived from two test prices;
//! - [`pricing`]: the price sweep and goal seek (many runs on common random numbers);
//! - [`quantile`]: inverse distribution functions (normal, beta) on `libm`;
//! - [`engine`]: one trial, day by day;
//! - [`stats`]: the results of many trials ([`stats::Batch`]), merged into a [`stats::Summary`];
//! - [`chunks`]: a run cut into chunks, each run and merged in order;
//! - [`decide`]: sensitivity (tornado), value of information (EVPPI, EVPI) and
//!   comparisons on common random numbers, from a run's own trials;
//! - [`metrics`]: what a run measures, as types ([`metrics::Metric`] and the
//!   offer, channel and per-day columns), with their serialized names.
//!
//! See `ARCHITECTURE.md` for the module map and `docs/model.md` for the model.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Checks are written `!(x >= 0.0)` on purpose: NaN fails them (see `validate`).
#![allow(clippy::neg_cmp_op_on_partial_ord)]

pub mod charts;
pub mod chunks;
pub mod correlation;
pub mod decide;
pub mod embed;
pub mod engine;
pub mod export;
pub mod format;
pub mod forms;
pub mod glossary;
pub mod headline;
pub mod i18n;
pub mod inputs;
pub mod limits;
pub mod metrics;
pub mod persist;
pub mod pool;
pub mod precision;
pub mod presets;
pub mod price_response;
pub mod pricing;
pub mod protocol;
pub mod quantile;
pub mod results;
pub mod sampling;
pub mod scenario;
pub mod startup;
pub mod stats;

pub mod validate;
pub mod wire;
