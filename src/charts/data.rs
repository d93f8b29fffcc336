//! What the charts and their text alternatives show, taken from a summary:
//! quantiles, the funnel's stages, the per-day bands and the channels worth a row.

use crate::i18n::Lang;
use crate::metrics::{DailySeries, Metric, OfferField};
use crate::stats::{Band, ChannelSummary, MetricSummary, Stats, Summary};

/// The 5th, 50th and 95th percentiles of a quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantiles {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Quantiles {
    /// The quantiles of `stats`, or `None` when no trial defines the metric.
    pub fn of(stats: &Stats) -> Option<Quantiles> {
        Some(Quantiles {
            p5: stats.p5?,
            p50: stats.p50?,
            p95: stats.p95?,
        })
    }
}

/// One stage of the funnel: how many people reach it (over trials) and which
/// share of an earlier stage converts into it.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStage {
    /// Name shown on the chart: "Visitors", "Leads" or the offer's name.
    pub label: String,
    /// The people counted, as a plural noun for sentences: "visitors",
    /// "leads", "Course buyers" (in Russian in the genitive, which follows
    /// "из", "от" and "нет": "лидов", "покупателей «Курс»").
    pub people: String,
    /// 5th percentile of the count (0 when undefined).
    pub p5: f64,
    /// Median count (0 when undefined).
    pub p50: f64,
    /// 95th percentile of the count (0 when undefined).
    pub p95: f64,
    /// Index of the stage it converts from (`None` for visitors). An entry offer
    /// converts from leads; a follow-up from the offer it is offered to, which
    /// need not be the stage just above it in a branching ladder.
    pub from: Option<usize>,
    /// Quantiles of the conversion from stage `from` (a fraction): `None` for
    /// visitors and when no trial had anyone to convert.
    pub conversion: Option<Quantiles>,
}

/// The stages of the funnel: Visitors → Leads (conversion: [`Metric::Optin`],
/// paid leads over visitors) → every offer in ladder order (count:
/// [`OfferField::Buyers`], purchases including refunded ones; conversion:
/// [`OfferField::Conversion`], over leads for the entry offer and over the kept
/// buyers of the parent offer for a follow-up). Labels are the offer names of
/// `s.offers`. Customers are left out: they are the entry offer's buyers minus
/// refunds, nearly the same bar. Words are in `lang`.
pub fn funnel_stages(s: &Summary, lang: Lang) -> Vec<FunnelStage> {
    let count = |m: Option<&MetricSummary>| {
        let st = m.map(|m| &m.stats);
        let q =
            |f: fn(&Stats) -> Option<f64>| st.and_then(f).filter(|x| x.is_finite()).unwrap_or(0.0);
        (q(|x| x.p5), q(|x| x.p50), q(|x| x.p95))
    };
    let conversion = |m: Option<&MetricSummary>| m.and_then(|m| Quantiles::of(&m.stats));
    let mut stages = Vec::with_capacity(2 + s.offers.len());
    let (p5, p50, p95) = count(s.metric(Metric::Visitors));
    stages.push(FunnelStage {
        label: lang.t(&format!("metric-{}", Metric::Visitors.name())),
        people: lang.t("funnel-people-visitors"),
        p5,
        p50,
        p95,
        from: None,
        conversion: None,
    });
    let (p5, p50, p95) = count(s.metric(Metric::Leads));
    stages.push(FunnelStage {
        label: lang.t(&format!("metric-{}", Metric::Leads.name())),
        people: lang.t("funnel-people-leads"),
        p5,
        p50,
        p95,
        from: Some(0),
        conversion: conversion(s.metric(Metric::Optin)),
    });
    for (i, o) in s.offers.iter().enumerate() {
        // The parent's stage; the stage above when the parent is unknown or
        // (in a malformed summary) comes later.
        let from = match &o.offered_to {
            None => 1,
            Some(parent) => s.offers[..i]
                .iter()
                .position(|x| &x.id == parent)
                .map_or(stages.len() - 1, |j| 2 + j),
        };
        let label = if o.name.trim().is_empty() {
            o.id.clone()
        } else {
            o.name.clone()
        };
        let (p5, p50, p95) = count(s.offer_metric(OfferField::Buyers, i));
        stages.push(FunnelStage {
            people: lang.t_with("funnel-people-buyers", &[("offer", label.as_str().into())]),
            label,
            p5,
            p50,
            p95,
            from: Some(from),
            conversion: conversion(s.offer_metric(OfferField::Conversion, i)),
        });
    }
    stages
}

/// The per-day band of `series` with its days, when it has at least one day,
/// as many values as days and only finite values.
pub fn daily_band(s: &Summary, series: DailySeries) -> Option<(&[u32], &Band)> {
    let days = &s.daily.days;
    let band = s.daily.get(series)?;
    let n = days.len();
    let columns = [&band.p5, &band.p25, &band.p50, &band.p75, &band.p95];
    (n > 0
        && columns
            .iter()
            .all(|c| c.len() == n && c.iter().all(|x| x.is_finite())))
    .then_some((days.as_slice(), band))
}

/// The cumulative profit band (see [`daily_band`]).
pub fn profit_bands(s: &Summary) -> Option<(&[u32], &Band)> {
    daily_band(s, DailySeries::Profit)
}

/// The day from which the median cumulative profit of all trials (the fan
/// chart's line) stays at or above zero for the rest of the horizon; `None`
/// when it ends below zero or there is no daily profit. The payback card's day
/// is another number: the median payback day among the trials that pay back.
pub fn median_above_zero_from(s: &Summary) -> Option<u32> {
    let (days, band) = profit_bands(s)?;
    let last = days.len() - 1;
    if band.p50[last] < 0.0 {
        return None;
    }
    let from = (0..=last)
        .rev()
        .find(|&i| band.p50[i] < 0.0)
        .map_or(0, |i| i + 1);
    Some(days[from.min(last)])
}

/// The channels worth a row: those that brought someone or cost something in
/// some trial (an empty `referral` row is left out when nobody refers).
pub fn active_channels(s: &Summary) -> Vec<&ChannelSummary> {
    s.channels
        .iter()
        .filter(|c| c.leads.mean.unwrap_or(0.0) > 0.0 || c.spend.mean.unwrap_or(0.0) > 0.0)
        .collect()
}
