//! Scenario file types (schema 1, see `docs/model.md`, "The scenario file") and
//! their JSON reading.
//!
//! These types mirror the JSON exactly; they hold whatever the user wrote.
//! [`crate::validate`] turns a [`Scenario`] into a [`crate::validate::ValidScenario`]
//! that the engine accepts.

pub use crate::correlation::Correlation;
use crate::inputs::Domain;
use crate::sampling::{logit, logit_normal_mean, Z95};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The only scenario schema this version reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A value the user is not sure of: drawn once per trial from its distribution.
#[derive(Clone, Debug, PartialEq)]
pub enum Uncertain {
    /// A fixed number, such as `0.03`.
    Fixed(f64),
    /// A 90% interval: P5 = `low`, P95 = `high` (lognormal for amounts, logit-normal for rates).
    Range {
        /// The 5th percentile.
        low: f64,
        /// The 95th percentile.
        high: f64,
    },
    /// A rate learned from data: `successes` of `trials`, drawn as Beta(k + 1, n − k + 1).
    Observed {
        /// Observed successes k.
        successes: f64,
        /// Observed trials n.
        trials: f64,
    },
    /// Uniform on `[low, high]`.
    Uniform {
        /// Lower end.
        low: f64,
        /// Upper end.
        high: f64,
    },
    /// Triangular on `[low, high]` with the given `mode`.
    Triangular {
        /// Lower end.
        low: f64,
        /// Most likely value.
        mode: f64,
        /// Upper end.
        high: f64,
    },
}

impl Uncertain {
    /// A fixed value.
    pub fn fixed(x: f64) -> Self {
        Uncertain::Fixed(x)
    }

    /// A 90% interval from `low` (P5) to `high` (P95).
    pub fn range(low: f64, high: f64) -> Self {
        Uncertain::Range { low, high }
    }

    /// The value if it is fixed (a range with `low == high` counts as fixed).
    pub fn as_fixed(&self) -> Option<f64> {
        match *self {
            Uncertain::Fixed(x) => Some(x),
            Uncertain::Range { low, high } if low == high => Some(low),
            Uncertain::Uniform { low, high } if low == high => Some(low),
            Uncertain::Triangular { low, high, .. } if low == high => Some(low),
            _ => None,
        }
    }
}

/// The five forms an uncertain value can take (for editors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UncertainForm {
    /// A fixed number.
    Fixed,
    /// A 90% range.
    Range,
    /// Observed successes of trials (rates only).
    Observed,
    /// Uniform between two numbers.
    Uniform,
    /// Triangular: low, most likely, high.
    Triangular,
}

impl UncertainForm {
    /// Every form, in the order an editor lists them.
    pub const ALL: [UncertainForm; 5] = [
        UncertainForm::Fixed,
        UncertainForm::Range,
        UncertainForm::Observed,
        UncertainForm::Uniform,
        UncertainForm::Triangular,
    ];

    /// A short name for people.
    pub fn label(self) -> &'static str {
        match self {
            UncertainForm::Fixed => "exactly",
            UncertainForm::Range => "90% range",
            UncertainForm::Observed => "observed",
            UncertainForm::Uniform => "uniform",
            UncertainForm::Triangular => "triangular",
        }
    }

    /// A stable key (for `<select>` values).
    pub fn key(self) -> &'static str {
        match self {
            UncertainForm::Fixed => "fixed",
            UncertainForm::Range => "range",
            UncertainForm::Observed => "observed",
            UncertainForm::Uniform => "uniform",
            UncertainForm::Triangular => "triangular",
        }
    }

    /// The form with this key.
    pub fn from_key(key: &str) -> Option<UncertainForm> {
        UncertainForm::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Names of the numbers of this form, in [`Uncertain::parts`] order.
    pub fn part_names(self) -> &'static [&'static str] {
        match self {
            UncertainForm::Fixed => &["value"],
            UncertainForm::Range | UncertainForm::Uniform => &["low", "high"],
            UncertainForm::Observed => &["successes", "trials"],
            UncertainForm::Triangular => &["low", "mode", "high"],
        }
    }
}

impl Uncertain {
    /// Which form this is.
    pub fn form(&self) -> UncertainForm {
        match self {
            Uncertain::Fixed(_) => UncertainForm::Fixed,
            Uncertain::Range { .. } => UncertainForm::Range,
            Uncertain::Observed { .. } => UncertainForm::Observed,
            Uncertain::Uniform { .. } => UncertainForm::Uniform,
            Uncertain::Triangular { .. } => UncertainForm::Triangular,
        }
    }

    /// Its numbers, in the order of [`UncertainForm::part_names`].
    pub fn parts(&self) -> Vec<f64> {
        match *self {
            Uncertain::Fixed(x) => vec![x],
            Uncertain::Range { low, high } | Uncertain::Uniform { low, high } => vec![low, high],
            Uncertain::Observed { successes, trials } => vec![successes, trials],
            Uncertain::Triangular { low, mode, high } => vec![low, mode, high],
        }
    }

    /// Builds a value of `form` from its numbers (missing ones are NaN, which validation refuses).
    pub fn from_parts(form: UncertainForm, parts: &[f64]) -> Uncertain {
        let p = |i: usize| parts.get(i).copied().unwrap_or(f64::NAN);
        match form {
            UncertainForm::Fixed => Uncertain::Fixed(p(0)),
            UncertainForm::Range => Uncertain::Range {
                low: p(0),
                high: p(1),
            },
            UncertainForm::Observed => Uncertain::Observed {
                successes: p(0),
                trials: p(1),
            },
            UncertainForm::Uniform => Uncertain::Uniform {
                low: p(0),
                high: p(1),
            },
            UncertainForm::Triangular => Uncertain::Triangular {
                low: p(0),
                mode: p(1),
                high: p(2),
            },
        }
    }

    /// The centre of the value: the mean of the distribution a trial draws it
    /// from (`engine::sample_uncertain`), that is the average of its draws over
    /// many trials. A 90% range of an amount is lognormal, with mean
    /// exp(μ + σ²/2); one of a rate is logit-normal, whose mean is computed by
    /// [`crate::sampling::logit_normal_mean`]; observed data k of n has the mean of
    /// Beta(k + 1, n − k + 1), (k + 1) / (n + 2); a uniform its middle; a
    /// triangular (low + mode + high) / 3. Every estimate that needs one number
    /// for an uncertain value (the growth estimate, the editor's percentages and
    /// conversions) uses this one.
    pub fn centre(&self, domain: Domain) -> f64 {
        match *self {
            Uncertain::Fixed(x) => x,
            Uncertain::Range { low, high } | Uncertain::Triangular { low, high, .. }
                if low == high =>
            {
                low
            }
            Uncertain::Range { low, high } => {
                let (a, b) = if domain.is_rate() {
                    (logit(low), logit(high))
                } else {
                    (libm::log(low), libm::log(high))
                };
                let (mu, sigma) = (0.5 * (a + b), (b - a) / (2.0 * Z95));
                if domain.is_rate() {
                    logit_normal_mean(mu, sigma)
                } else {
                    libm::exp(mu + 0.5 * sigma * sigma)
                }
            }
            Uncertain::Observed { successes, trials } => (successes + 1.0) / (trials + 2.0),
            Uncertain::Uniform { low, high } => 0.5 * (low + high),
            Uncertain::Triangular { low, mode, high } => (low + mode + high) / 3.0,
        }
    }

    /// The same belief in another form, keeping its centre and spread, with
    /// rounded numbers (see [`crate::forms`]).
    pub fn convert(&self, form: UncertainForm, domain: Domain) -> Uncertain {
        crate::forms::convert(self, form, domain)
    }
}

impl From<f64> for Uncertain {
    fn from(x: f64) -> Self {
        Uncertain::Fixed(x)
    }
}

impl Serialize for Uncertain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match *self {
            Uncertain::Fixed(x) => s.serialize_f64(x),
            Uncertain::Range { low, high } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("low", &low)?;
                m.serialize_entry("high", &high)?;
                m.end()
            }
            Uncertain::Observed { successes, trials } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("successes", &successes)?;
                m.serialize_entry("trials", &trials)?;
                m.end()
            }
            Uncertain::Uniform { low, high } => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("uniform", &[low, high])?;
                m.end()
            }
            Uncertain::Triangular { low, mode, high } => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("triangular", &[low, mode, high])?;
                m.end()
            }
        }
    }
}

const UNCERTAIN_FORMS: &str = "a number, {\"low\": a, \"high\": b}, {\"successes\": k, \"trials\": n}, {\"uniform\": [a, b]} or {\"triangular\": [a, mode, b]}";

impl<'de> Deserialize<'de> for Uncertain {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Uncertain;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(UNCERTAIN_FORMS)
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Uncertain, E> {
                Ok(Uncertain::Fixed(x))
            }
            fn visit_i64<E: de::Error>(self, x: i64) -> Result<Uncertain, E> {
                Ok(Uncertain::Fixed(x as f64))
            }
            fn visit_u64<E: de::Error>(self, x: u64) -> Result<Uncertain, E> {
                Ok(Uncertain::Fixed(x as f64))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Uncertain, A::Error> {
                let mut low = None;
                let mut high = None;
                let mut successes = None;
                let mut trials = None;
                let mut uniform: Option<Vec<f64>> = None;
                let mut triangular: Option<Vec<f64>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "low" => low = Some(map.next_value::<f64>()?),
                        "high" => high = Some(map.next_value::<f64>()?),
                        "successes" => successes = Some(map.next_value::<f64>()?),
                        "trials" => trials = Some(map.next_value::<f64>()?),
                        "uniform" => uniform = Some(map.next_value()?),
                        "triangular" => triangular = Some(map.next_value()?),
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown key `{other}`: an uncertain value is {UNCERTAIN_FORMS}"
                            )))
                        }
                    }
                }
                let forms = [
                    low.is_some() || high.is_some(),
                    successes.is_some() || trials.is_some(),
                    uniform.is_some(),
                    triangular.is_some(),
                ]
                .iter()
                .filter(|x| **x)
                .count();
                if forms != 1 {
                    return Err(de::Error::custom(format!(
                        "give exactly one form of uncertain value: {UNCERTAIN_FORMS}"
                    )));
                }
                if low.is_some() || high.is_some() {
                    return match (low, high) {
                        (Some(low), Some(high)) => Ok(Uncertain::Range { low, high }),
                        (None, _) => {
                            Err(de::Error::custom("a range needs `low` as well as `high`"))
                        }
                        (_, None) => {
                            Err(de::Error::custom("a range needs `high` as well as `low`"))
                        }
                    };
                }
                if successes.is_some() || trials.is_some() {
                    return match (successes, trials) {
                        (Some(successes), Some(trials)) => {
                            Ok(Uncertain::Observed { successes, trials })
                        }
                        _ => Err(de::Error::custom(
                            "observed data needs both `successes` and `trials`",
                        )),
                    };
                }
                if let Some(v) = uniform {
                    return match v.as_slice() {
                        [low, high] => Ok(Uncertain::Uniform {
                            low: *low,
                            high: *high,
                        }),
                        _ => Err(de::Error::custom(
                            "`uniform` takes two numbers: [low, high]",
                        )),
                    };
                }
                match triangular.as_deref() {
                    Some([low, mode, high]) => Ok(Uncertain::Triangular {
                        low: *low,
                        mode: *mode,
                        high: *high,
                    }),
                    _ => Err(de::Error::custom(
                        "`triangular` takes three numbers: [low, mode, high]",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a whole number of days (0 ..= 100 000) with a message a student can read.
pub(crate) mod whole_days {
    use serde::de::{self, Visitor};
    use serde::Deserializer;
    use std::fmt;

    const LIMIT: u64 = 100_000;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = u32;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number of days")
            }
            fn visit_u64<E: de::Error>(self, x: u64) -> Result<u32, E> {
                if x > LIMIT {
                    Err(E::custom(format!("{x} days is too many (at most {LIMIT})")))
                } else {
                    Ok(x as u32)
                }
            }
            fn visit_i64<E: de::Error>(self, x: i64) -> Result<u32, E> {
                if x < 0 {
                    Err(E::custom(format!("must not be negative (got {x})")))
                } else {
                    self.visit_u64(x as u64)
                }
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<u32, E> {
                if x.fract() == 0.0 && x >= 0.0 && x <= LIMIT as f64 {
                    self.visit_u64(x as u64)
                } else if x > LIMIT as f64 {
                    Err(E::custom(format!("{x} days is too many (at most {LIMIT})")))
                } else {
                    Err(E::custom(format!(
                        "must be a whole number of days (got {x})"
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A whole scenario file (schema 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// A name for people.
    pub name: String,
    /// Currency code shown next to money, such as `USD`.
    pub currency: String,
    /// Days simulated: `0 .. horizon_days`.
    #[serde(deserialize_with = "whole_days::deserialize")]
    pub horizon_days: u32,
    /// Paid traffic sources.
    pub channels: Vec<Channel>,
    /// The free (or cheap) thing traded for contacts.
    pub lead_magnet: LeadMagnet,
    /// How warm leads are touched until they buy the entry offer.
    pub nurture: Nurture,
    /// The value ladder: `offers[0]` is the entry offer, the rest are follow-ups.
    pub offers: Vec<Offer>,
    /// Repeat purchases (return path), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// A subscription, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Subscription>,
    /// Fans and promoters who bring new leads, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrals: Option<Referrals>,
    /// Paid on days 0, 30, 60, …
    pub fixed_costs_per_month: Uncertain,
    /// Uncertain values that move together (none when absent or `null`; not
    /// written when empty).
    #[serde(
        default,
        deserialize_with = "crate::correlation::read_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub correlations: Vec<Correlation>,
}

/// A traffic source that brings visitors for a price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Shown in tables; unique; `referral` is reserved.
    pub name: String,
    /// First day the channel runs.
    #[serde(deserialize_with = "whole_days::deserialize")]
    pub start_day: u32,
    /// The channel runs on days `start_day ≤ t < end_day`.
    #[serde(deserialize_with = "whole_days::deserialize")]
    pub end_day: u32,
    /// Mean visitors a day (Poisson).
    pub visitors_per_day: Uncertain,
    /// Paid per visitor.
    pub cost_per_visitor: Uncertain,
    /// Share of visitors who take the lead magnet.
    pub optin_rate: Uncertain,
}

/// The lead magnet: what a visitor gets for leaving contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadMagnet {
    /// Paid by each lead (usually 0).
    pub price: Uncertain,
    /// Cost of delivering it to one lead.
    pub delivery_cost: Uncertain,
    /// Price rise that halves the opt-in rate (an uncertain amount above 0);
    /// `null` when price does not change demand.
    #[serde(default)]
    pub price_halving_step: Option<Uncertain>,
    /// The price at which the opt-in rate was observed; absent: its price, so
    /// that only a re-priced run moves demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_reference: Option<f64>,
}

/// Touches of warm leads that lead to the entry offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nurture {
    /// Days after joining during which leads are touched often.
    #[serde(deserialize_with = "whole_days::deserialize")]
    pub window_days: u32,
    /// Touches a week inside the window (0 to 7).
    pub touches_per_week: f64,
    /// Touches a month after the window (0 to 30).
    pub touches_per_month_after: f64,
    /// Touches needed to build full trust (at least 1).
    pub trust_touches: f64,
    /// Chance a fully trusting lead buys at one touch.
    pub conversion_per_touch: Uncertain,
    /// Chance a lead who did not buy unsubscribes at a touch.
    pub unsubscribe_per_touch: Uncertain,
    /// Days after which half of the leads have gone cold.
    pub interest_half_life_days: f64,
    /// Cost of one touch of one lead.
    pub cost_per_touch: Uncertain,
}

/// One step of the value ladder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Unique id that other parts refer to.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// For follow-ups: the id of the earlier offer whose buyers get this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offered_to: Option<String>,
    /// For follow-ups: the share of those buyers who buy this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take_rate: Option<Uncertain>,
    /// For follow-ups: mean days between the earlier purchase and this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_days: Option<f64>,
    /// Price paid.
    pub price: Uncertain,
    /// Cost of delivering one sale.
    pub unit_cost: Uncertain,
    /// Share of purchases refunded the same day.
    pub refund_rate: Uncertain,
    /// Price rise that halves demand (an uncertain amount above 0); `null` when
    /// price does not change demand.
    #[serde(default)]
    pub price_halving_step: Option<Uncertain>,
    /// The price at which its demand (conversion or take rate) was observed;
    /// absent: its price, so that only a re-priced run moves demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_reference: Option<f64>,
}

/// Repeat purchases of customers (BG/NBD).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// The id of the offer whose buyers become repeat customers.
    pub customers_of: String,
    /// Price of one repeat purchase.
    pub price: Uncertain,
    /// Cost of one repeat purchase.
    pub unit_cost: Uncertain,
    /// Mean purchases a month of an active customer.
    pub purchases_per_month: Uncertain,
    /// Gamma shape of the spread of purchase rates (smaller = more spread).
    pub rate_shape: f64,
    /// Mean chance of dropping out after a purchase.
    pub dropout_after_purchase: Uncertain,
    /// Beta a + b of the dropout chance (smaller = more spread).
    pub dropout_concentration: f64,
    /// An attempt to win back customers who dropped out, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winback: Option<Winback>,
}

/// One win-back attempt some days after a customer drops out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Winback {
    /// Days after the dropout when the attempt is made.
    #[serde(deserialize_with = "whole_days::deserialize")]
    pub detect_days: u32,
    /// Chance the attempt wins the customer back.
    pub success_rate: Uncertain,
    /// Cost of one attempt.
    pub cost_per_attempt: Uncertain,
}

/// A monthly subscription (shifted-beta-geometric churn).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The id of the offer whose buyers are offered the subscription.
    pub offered_to: String,
    /// Share of those buyers who subscribe.
    pub take_rate: Uncertain,
    /// Mean days between that purchase and subscribing.
    pub delay_days: f64,
    /// Paid on the day of subscribing and every 30 days after.
    pub monthly_price: Uncertain,
    /// Cost of one month of service.
    pub monthly_unit_cost: Uncertain,
    /// Mean chance of cancelling after a payment.
    pub monthly_churn: Uncertain,
    /// Beta a + b of the churn chance (smaller = more spread).
    pub churn_concentration: f64,
}

/// Fans (recommend for free) and promoters (recommend for a reward).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referrals {
    /// The id of the offer whose buyers may become fans and promoters.
    pub customers_of: String,
    /// Chance a buyer becomes a fan.
    pub fan_rate: Uncertain,
    /// Mean leads a fan brings.
    pub leads_per_fan: Uncertain,
    /// Chance a buyer becomes a promoter.
    pub promoter_rate: Uncertain,
    /// Mean leads a promoter brings.
    pub leads_per_promoter: Uncertain,
    /// Paid when a lead brought by a promoter buys the entry offer.
    pub reward_per_referred_buyer: Uncertain,
    /// Referred leads arrive uniformly over the next `window_days` days.
    #[serde(deserialize_with = "whole_days::deserialize")]
    pub window_days: u32,
    /// Referred leads buy at a touch this many times as often.
    pub referred_conversion_multiplier: f64,
}

/// A scenario file that could not be read at all (before validation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON, or cut short.
    NotJson {
        /// What the JSON reader said.
        detail: String,
    },
    /// JSON, but not an object with a `schema` field.
    NotAScenario,
    /// A schema this version does not read.
    WrongSchema {
        /// The schema the file names, as written.
        found: String,
    },
    /// Over one or more of the structural limits of [`crate::limits`] (refused
    /// before anything is built from it).
    Limits(Vec<crate::limits::Exceeded>),
    /// A field has the wrong type, is missing or is unknown.
    Field {
        /// Where, such as `channels[0].optin_rate`.
        path: String,
        /// What is wrong.
        problem: String,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ParseError::NotJson { detail } => write!(f, "this is not valid JSON: {detail}"),
            ParseError::NotAScenario => f.write_str(
                "schema: missing; this is not a Funnel Lab scenario (expected an object with \"schema\": 1)",
            ),
            ParseError::WrongSchema { found } => write!(
                f,
                "schema: this file uses schema {found}, but this version of Funnel Lab reads schema {SCHEMA_VERSION}"
            ),
            ParseError::Limits(found) => {
                for (i, e) in found.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            ParseError::Field { path, problem } => {
                if path.is_empty() || path == "." {
                    f.write_str(problem)
                } else {
                    write!(f, "{path}: {problem}")
                }
            }
        }
    }
}

impl std::error::Error for ParseError {}

impl Scenario {
    /// Reads a scenario from JSON text. It checks the size, the schema and the
    /// structural limits first (see [`crate::limits`]), then every field's type;
    /// call [`Scenario::validate`] for the values.
    pub fn from_json(text: &str) -> Result<Scenario, ParseError> {
        use crate::limits::{parse_json, ReadJsonError};
        let value = parse_json(text).map_err(|e| match e {
            ReadJsonError::TooLarge(e) => ParseError::Limits(vec![e]),
            ReadJsonError::NotJson(detail) => ParseError::NotJson { detail },
        })?;
        Self::from_json_value(value)
    }

    /// Like [`Scenario::from_json`], from an already parsed JSON value (its
    /// size in bytes is the caller's to check).
    pub fn from_json_value(value: serde_json::Value) -> Result<Scenario, ParseError> {
        let schema = match value.as_object().and_then(|o| o.get("schema")) {
            Some(s) => s,
            None => return Err(ParseError::NotAScenario),
        };
        if schema.as_f64() != Some(f64::from(SCHEMA_VERSION)) {
            return Err(ParseError::WrongSchema {
                found: schema.to_string(),
            });
        }
        let over = crate::limits::check_value(&value);
        if !over.is_empty() {
            return Err(ParseError::Limits(over));
        }
        // `1.0` is the number 1 (some JSON writers print whole numbers so).
        let mut value = value;
        value["schema"] = serde_json::Value::from(SCHEMA_VERSION);
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            ParseError::Field {
                path,
                problem: e.into_inner().to_string(),
            }
        })
    }

    /// The scenario as pretty JSON (schema 1).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serializes")
    }
}

/// Starting values for things an editor adds.
pub mod defaults {
    use super::*;

    /// A new paid channel.
    pub fn channel(name: String, horizon: u32) -> Channel {
        Channel {
            name,
            start_day: 0,
            end_day: horizon.min(30),
            visitors_per_day: Uncertain::Fixed(100.0),
            cost_per_visitor: Uncertain::Range {
                low: 0.3,
                high: 0.8,
            },
            optin_rate: Uncertain::Range {
                low: 0.1,
                high: 0.3,
            },
        }
    }

    /// A new follow-up offer to buyers of `parent`.
    pub fn follow_up(id: String, parent: String) -> Offer {
        Offer {
            name: format!("Offer {id}"),
            id,
            offered_to: Some(parent),
            take_rate: Some(Uncertain::Observed {
                successes: 10.0,
                trials: 100.0,
            }),
            delay_days: Some(14.0),
            price: Uncertain::Fixed(97.0),
            unit_cost: Uncertain::Fixed(10.0),
            refund_rate: Uncertain::Fixed(0.03),
            price_halving_step: None,
            price_reference: None,
        }
    }

    /// Repeat purchases by customers of `of`.
    pub fn repeat(of: String) -> Repeat {
        Repeat {
            customers_of: of,
            price: Uncertain::Fixed(49.0),
            unit_cost: Uncertain::Fixed(10.0),
            purchases_per_month: Uncertain::Fixed(0.5),
            rate_shape: 1.0,
            dropout_after_purchase: Uncertain::Fixed(0.2),
            dropout_concentration: 4.0,
            winback: None,
        }
    }

    /// A win-back attempt.
    pub fn winback() -> Winback {
        Winback {
            detect_days: 60,
            success_rate: Uncertain::Fixed(0.1),
            cost_per_attempt: Uncertain::Fixed(5.0),
        }
    }

    /// A subscription offered to buyers of `of`.
    pub fn subscription(of: String) -> Subscription {
        Subscription {
            offered_to: of,
            take_rate: Uncertain::Fixed(0.3),
            delay_days: 0.0,
            monthly_price: Uncertain::Fixed(29.0),
            monthly_unit_cost: Uncertain::Fixed(3.0),
            monthly_churn: Uncertain::Fixed(0.08),
            churn_concentration: 5.0,
        }
    }

    /// Fans and promoters among buyers of `of`.
    pub fn referrals(of: String) -> Referrals {
        Referrals {
            customers_of: of,
            fan_rate: Uncertain::Fixed(0.1),
            leads_per_fan: Uncertain::Fixed(1.5),
            promoter_rate: Uncertain::Fixed(0.05),
            leads_per_promoter: Uncertain::Fixed(4.0),
            reward_per_referred_buyer: Uncertain::Fixed(20.0),
            window_days: 60,
            referred_conversion_multiplier: 2.0,
        }
    }
}
