//! CSV exports of a run: the summary table ([`summary_csv`]) and every trial's
//! values ([`trials_csv`]).
//!
//! Numbers are written with Rust's shortest round-trip formatting (`3.0` is
//! `3`, and every value parses back to the same `f64`); an undefined value is
//! an empty cell. Quoting of commas, quotes and line breaks is left to the
//! `csv` crate. Channel names and offer ids come from the user (possibly from
//! a shared link), so every text cell that starts with `=`, `+`, `-`, `@`, tab
//! or carriage return is prefixed with `'`, as OWASP advises against formula
//! injection in spreadsheets.
//!
//! Writing to memory cannot fail in practice; should the `csv` writer ever
//! report an error, the functions return an empty string (a real export always
//! has at least a header line).

use crate::engine::Plan;
use crate::metrics::{ChannelField, Metric, MetricKey, OfferField};
use crate::stats::{Batch, Stats, Summary};

/// Header of [`summary_csv`].
const SUMMARY_HEADER: [&str; 9] = [
    "metric",
    "trials_defined",
    "mean",
    "sd",
    "p5",
    "p25",
    "p50",
    "p75",
    "p95",
];

/// A number cell: empty for `None`, else the shortest text that parses back to `x`.
fn cell(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{v}"))
}

/// A text cell, defused against formula injection: a leading `=`, `+`, `-`,
/// `@`, tab or carriage return gets a `'` in front.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Column names of the per-offer values: `<field>.<offer id>`.
fn offer_columns<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    ids.into_iter()
        .flat_map(|id| {
            OfferField::ALL
                .iter()
                .map(move |&f| MetricKey::Offer(f, id).to_string())
        })
        .collect()
}

/// Column names of the per-channel values: `channel.<name>.<field>`.
fn channel_columns<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names
        .into_iter()
        .flat_map(|n| ChannelField::ALL.iter().map(move |f| f.column(n)))
        .collect()
}

/// The bytes written, as text; empty if writing failed (see the module doc).
fn finish(result: csv::Result<csv::Writer<Vec<u8>>>) -> String {
    result
        .ok()
        .and_then(|w| w.into_inner().ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// One row of [`summary_csv`].
fn stats_row(name: &str, s: &Stats) -> [String; 9] {
    [
        text(name),
        s.defined.to_string(),
        cell(s.mean),
        cell(s.sd),
        cell(s.p5),
        cell(s.p25),
        cell(s.p50),
        cell(s.p75),
        cell(s.p95),
    ]
}

/// A row of [`summary_csv`] holding one probability in the `mean` column.
fn probability_row(name: &str, trials: u64, p: f64) -> [String; 9] {
    let mut row: [String; 9] = Default::default();
    row[0] = text(name);
    row[1] = trials.to_string();
    row[2] = cell(Some(p));
    row
}

/// The summary as CSV, one row per statistic, with header
/// `metric,trials_defined,mean,sd,p5,p25,p50,p75,p95`.
///
/// Rows: every [`Metric`]; then per offer `<field>.<offer id>` for each
/// [`OfferField`]; then per channel `channel.<name>.<field>` for each
/// [`ChannelField`]; then `prob_loss` and, per channel,
/// `channel.<name>.prob_negative_roi`, whose probability is in the `mean`
/// column (`trials_defined` is the number of trials, other cells are empty).
/// Undefined statistics are empty cells; a metric missing from
/// `summary.metrics` is a row with 0 trials defined.
pub fn summary_csv(summary: &Summary) -> String {
    let write = || -> csv::Result<csv::Writer<Vec<u8>>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(SUMMARY_HEADER)?;
        for &m in Metric::ALL {
            w.write_record(stats_row(m.name(), summary.stats(m)))?;
        }
        for o in &summary.offers {
            for &f in OfferField::ALL {
                let key = MetricKey::Offer(f, &o.id);
                let stats = summary.metrics.get(key).map_or(&Stats::NONE, |m| &m.stats);
                w.write_record(stats_row(&key.to_string(), stats))?;
            }
        }
        for c in &summary.channels {
            for &f in ChannelField::ALL {
                w.write_record(stats_row(&f.column(&c.name), c.stats(f)))?;
            }
        }
        w.write_record(probability_row(
            "prob_loss",
            summary.trials,
            summary.prob_loss,
        ))?;
        for c in &summary.channels {
            w.write_record(probability_row(
                &format!("channel.{}.prob_negative_roi", c.name),
                summary.trials,
                c.prob_negative_roi,
            ))?;
        }
        Ok(w)
    };
    finish(write())
}

/// Every trial's values as CSV, one row per trial of `batch` (a batch of `plan`).
///
/// Columns: `trial` (1-based: `batch.first_trial + i + 1`), every
/// [`Metric`], `<field>.<offer id>` per offer and [`OfferField`], and
/// `channel.<name>.<field>` per row of [`Plan::channel_names`] (`referral`
/// last) and [`ChannelField`].
/// Undefined values are empty cells, as are values a batch of another shape
/// lacks.
pub fn trials_csv(plan: &Plan, batch: &Batch) -> String {
    let sc = plan.scenario().scenario();
    let channels = plan.channel_names();
    let write = || -> csv::Result<csv::Writer<Vec<u8>>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<String> = std::iter::once("trial".to_string())
            .chain(Metric::ALL.iter().map(|m| m.name().to_string()))
            .chain(offer_columns(sc.offers.iter().map(|o| o.id.as_str())))
            .chain(channel_columns(channels.iter().map(String::as_str)))
            .map(|h| text(&h))
            .collect();
        w.write_record(&header)?;
        let at = |col: Option<&[Option<f64>]>, t: usize| col.and_then(|c| c.get(t)).copied();
        let mut row = Vec::with_capacity(header.len());
        for t in 0..batch.trials as usize {
            row.clear();
            row.push((batch.first_trial + t as u64 + 1).to_string());
            for &m in Metric::ALL {
                row.push(cell(batch.metric(m).get(t).copied().flatten()));
            }
            for i in 0..sc.offers.len() {
                for &f in OfferField::ALL {
                    row.push(cell(at(batch.offer_column(f, i), t).flatten()));
                }
            }
            for r in 0..channels.len() {
                for &f in ChannelField::ALL {
                    row.push(cell(at(batch.channel_column(f, r), t).flatten()));
                }
            }
            w.write_record(&row)?;
        }
        Ok(w)
    };
    finish(write())
}

#[cfg(test)]
mod tests {
    use super::{cell, text};

    #[test]
    fn text_cells_that_would_start_a_formula_get_a_quote() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text(s), format!("'{s}"));
        }
        for s in ["profit", "channel.=HYPERLINK(\"x\").roi", "", "'=x"] {
            assert_eq!(text(s), s);
        }
    }

    #[test]
    fn numbers_are_shortest_round_trip_and_none_is_empty() {
        assert_eq!(cell(None), "");
        assert_eq!(cell(Some(3.0)), "3");
        assert_eq!(cell(Some(-0.5)), "-0.5");
        for x in [0.1 + 0.2, 1e-300, -123456.789e10, f64::MAX] {
            assert_eq!(cell(Some(x)).parse::<f64>().unwrap().to_bits(), x.to_bits());
        }
    }
}
