//! Validation: turns a [`Scenario`] into a [`ValidScenario`], or lists every
//! problem at once, each with the path of its field and a plain message.
//!
//! Checks are NaN-safe: they are written as `!(x >= 0.0)` so that NaN fails them.

use crate::scenario::{Scenario, Uncertain, SCHEMA_VERSION};
use std::fmt;

/// Largest amount, price, cost or count a field may hold (a trillion). Larger
/// values are refused so that sums of money can never overflow to infinity.
pub const MAX_AMOUNT: f64 = 1e12;
/// Longest horizon, in days (ten years).
pub const MAX_HORIZON_DAYS: u32 = 3650;
/// Name of the channel that referred leads belong to; no paid channel may use it.
pub const REFERRAL_CHANNEL: &str = "referral";

/// What kind of number a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// A probability in [0, 1].
    Rate,
    /// A price, cost, amount or count: ≥ 0 and at most [`MAX_AMOUNT`].
    Amount,
}

/// One thing wrong with one field.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// NaN or infinite.
    NotFinite,
    /// Below zero.
    Negative(f64),
    /// A rate above 1.
    RateAboveOne(f64),
    /// Above [`MAX_AMOUNT`].
    TooLarge(f64),
    /// A 90% range whose `low` is not above 0.
    RangeLowNotPositive(f64),
    /// A range whose `low` exceeds its `high`.
    LowAboveHigh {
        /// The low end written.
        low: f64,
        /// The high end written.
        high: f64,
    },
    /// A 90% range of a rate whose `high` is not below 1.
    RangeHighNotBelowOne(f64),
    /// Observed data used for an amount.
    ObservedForAmount,
    /// Observed successes or trials that are not whole numbers ≥ 0.
    ObservedNotWhole,
    /// More successes than trials.
    SuccessesAboveTrials {
        /// Successes written.
        successes: f64,
        /// Trials written.
        trials: f64,
    },
    /// A triangular whose mode lies outside its ends.
    ModeOutside {
        /// Low end.
        low: f64,
        /// Mode.
        mode: f64,
        /// High end.
        high: f64,
    },
    /// A plain number outside its allowed interval.
    OutOfRange {
        /// The value.
        value: f64,
        /// Human description of what is allowed, such as "from 0 to 7".
        allowed: &'static str,
    },
    /// A required text is empty.
    Empty,
    /// A list that needs at least one entry is empty.
    EmptyList(&'static str),
    /// Two offers share one id.
    DuplicateOfferId(String),
    /// Two channels share one name.
    DuplicateChannelName(String),
    /// A paid channel named like the referral channel.
    ReservedChannelName,
    /// A reference to an offer id that does not exist.
    UnknownOffer(String),
    /// A follow-up offered to itself or to a later offer.
    NotEarlierOffer(String),
    /// The entry offer names a field only follow-ups have.
    EntryOfferHasFollowUpField,
    /// A follow-up offer lacks a field it needs.
    MissingForFollowUp,
    /// A channel ends before it starts.
    EndBeforeStart {
        /// Start day.
        start: u32,
        /// End day.
        end: u32,
    },
    /// A day past the horizon.
    PastHorizon {
        /// The day written.
        day: u32,
        /// The scenario's horizon.
        horizon: u32,
    },
    /// The horizon is outside 1 ..= [`MAX_HORIZON_DAYS`].
    HorizonOutOfRange(u32),
    /// A schema other than [`SCHEMA_VERSION`].
    WrongSchema(u32),
}

fn num(x: f64) -> String {
    // Plain decimal for people; whole numbers without ".0".
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Problem::NotFinite => f.write_str("must be a number (it is empty, not a number, or infinite)"),
            Problem::Negative(x) => write!(f, "must not be negative (got {})", num(*x)),
            Problem::RateAboveOne(x) => write!(
                f,
                "is a rate and must be at most 1 (got {}); write 5% as 0.05",
                num(*x)
            ),
            Problem::TooLarge(x) => write!(
                f,
                "is too large (got {}; at most {})",
                num(*x),
                num(MAX_AMOUNT)
            ),
            Problem::RangeLowNotPositive(x) => write!(
                f,
                "low must be above 0 in a 90% range (got {}); for a value that may be 0 use a uniform or a fixed number",
                num(*x)
            ),
            Problem::LowAboveHigh { low, high } => {
                write!(f, "low ({}) must not be above high ({})", num(*low), num(*high))
            }
            Problem::RangeHighNotBelowOne(x) => {
                write!(f, "high must be below 1 in a 90% range of a rate (got {})", num(*x))
            }
            Problem::ObservedForAmount => f.write_str(
                "observed data (successes of trials) describes a rate, but this field is an amount",
            ),
            Problem::ObservedNotWhole => {
                f.write_str("successes and trials must be whole numbers, 0 or more")
            }
            Problem::SuccessesAboveTrials { successes, trials } => write!(
                f,
                "successes ({}) cannot be more than trials ({})",
                num(*successes),
                num(*trials)
            ),
            Problem::ModeOutside { low, mode, high } => write!(
                f,
                "a triangular needs low ≤ mode ≤ high (got {}, {}, {})",
                num(*low),
                num(*mode),
                num(*high)
            ),
            Problem::OutOfRange { value, allowed } => {
                write!(f, "must be {allowed} (got {})", num(*value))
            }
            Problem::Empty => f.write_str("must not be empty"),
            Problem::EmptyList(what) => write!(f, "needs at least one {what}"),
            Problem::DuplicateOfferId(id) => write!(f, "the id \"{id}\" is used by another offer"),
            Problem::DuplicateChannelName(n) => {
                write!(f, "the name \"{n}\" is used by another channel")
            }
            Problem::ReservedChannelName => write!(
                f,
                "\"{REFERRAL_CHANNEL}\" is reserved for leads brought by fans and promoters"
            ),
            Problem::UnknownOffer(id) => write!(f, "no offer has the id \"{id}\""),
            Problem::NotEarlierOffer(id) => write!(
                f,
                "\"{id}\" is not an earlier offer; a follow-up can only be offered to buyers of an offer above it"
            ),
            Problem::EntryOfferHasFollowUpField => f.write_str(
                "the first offer is the entry offer, bought through touches; only later offers have offered_to, take_rate and delay_days",
            ),
            Problem::MissingForFollowUp => {
                f.write_str("is missing; every offer after the first needs it")
            }
            Problem::EndBeforeStart { start, end } => {
                write!(f, "end_day ({end}) is before start_day ({start})")
            }
            Problem::PastHorizon { day, horizon } => {
                write!(f, "day {day} is past the horizon ({horizon} days)")
            }
            Problem::HorizonOutOfRange(h) => write!(
                f,
                "must be from 1 to {MAX_HORIZON_DAYS} days (got {h})"
            ),
            Problem::WrongSchema(s) => write!(
                f,
                "this is schema {s}, but this version of Funnel Lab reads schema {SCHEMA_VERSION}"
            ),
        }
    }
}

/// A problem at a field, such as `channels[0].optin_rate: high must be below 1`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// Path of the field, in the JSON's terms.
    pub path: String,
    /// What is wrong with it.
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// Every problem found in a scenario (never empty).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// The problems, in the order of the fields in the file.
    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    /// The problems at one path (exactly), for showing next to its input.
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a FieldError> + 'a {
        self.0.iter().filter(move |e| e.path == path)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Offer indices resolved from the ids a scenario names.
#[derive(Clone, Debug, PartialEq)]
pub struct Links {
    /// For each offer, the index of the offer it is offered to (`None` for the entry offer).
    pub parent: Vec<Option<usize>>,
    /// For each offer, the follow-ups offered to its buyers, in scenario order.
    pub children: Vec<Vec<usize>>,
    /// Index of `repeat.customers_of`.
    pub repeat_of: Option<usize>,
    /// Index of `subscription.offered_to`.
    pub subscription_of: Option<usize>,
    /// Index of `referrals.customers_of`.
    pub referrals_of: Option<usize>,
}

/// A scenario that passed validation; the engine only accepts this.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidScenario {
    scenario: Scenario,
    links: Links,
}

impl ValidScenario {
    /// The scenario as written.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Offer references resolved to indices.
    pub fn links(&self) -> &Links {
        &self.links
    }

    /// Gives back the scenario.
    pub fn into_inner(self) -> Scenario {
        self.scenario
    }
}

impl Scenario {
    /// Checks every value; returns all problems at once.
    pub fn validate(self) -> Result<ValidScenario, ValidationErrors> {
        let mut v = Checker { errors: Vec::new() };
        let links = v.scenario(&self);
        if v.errors.is_empty() {
            Ok(ValidScenario {
                scenario: self,
                links,
            })
        } else {
            Err(ValidationErrors(v.errors))
        }
    }

    /// Like [`Scenario::validate`] without giving up the scenario.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut v = Checker { errors: Vec::new() };
        v.scenario(self);
        if v.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(v.errors))
        }
    }
}

/// Checks one uncertain value against its domain; `Ok` or the first problem.
pub fn check_uncertain(u: &Uncertain, domain: Domain) -> Result<(), Problem> {
    let plain = |x: f64| -> Result<(), Problem> {
        if !x.is_finite() {
            Err(Problem::NotFinite)
        } else if !(x >= 0.0) {
            Err(Problem::Negative(x))
        } else if domain == Domain::Rate && !(x <= 1.0) {
            Err(Problem::RateAboveOne(x))
        } else if domain == Domain::Amount && !(x <= MAX_AMOUNT) {
            Err(Problem::TooLarge(x))
        } else {
            Ok(())
        }
    };
    match *u {
        Uncertain::Fixed(x) => plain(x),
        Uncertain::Range { low, high } => {
            plain(low)?;
            plain(high)?;
            if !(low > 0.0) {
                return Err(Problem::RangeLowNotPositive(low));
            }
            if !(low <= high) {
                return Err(Problem::LowAboveHigh { low, high });
            }
            if domain == Domain::Rate && !(high < 1.0) {
                return Err(Problem::RangeHighNotBelowOne(high));
            }
            Ok(())
        }
        Uncertain::Observed { successes, trials } => {
            if domain == Domain::Amount {
                return Err(Problem::ObservedForAmount);
            }
            let whole = |x: f64| x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= MAX_AMOUNT;
            if !whole(successes) || !whole(trials) {
                return Err(Problem::ObservedNotWhole);
            }
            if !(successes <= trials) {
                return Err(Problem::SuccessesAboveTrials { successes, trials });
            }
            Ok(())
        }
        Uncertain::Uniform { low, high } => {
            plain(low)?;
            plain(high)?;
            if !(low <= high) {
                return Err(Problem::LowAboveHigh { low, high });
            }
            Ok(())
        }
        Uncertain::Triangular { low, mode, high } => {
            plain(low)?;
            plain(mode)?;
            plain(high)?;
            if !(low <= high) {
                return Err(Problem::LowAboveHigh { low, high });
            }
            if !(low <= mode && mode <= high) {
                return Err(Problem::ModeOutside { low, mode, high });
            }
            Ok(())
        }
    }
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(FieldError {
            path: path.into(),
            problem,
        });
    }

    fn u(&mut self, path: String, u: &Uncertain, domain: Domain) {
        if let Err(p) = check_uncertain(u, domain) {
            self.push(path, p);
        }
    }

    fn rate(&mut self, path: String, u: &Uncertain) {
        self.u(path, u, Domain::Rate)
    }

    fn amount(&mut self, path: String, u: &Uncertain) {
        self.u(path, u, Domain::Amount)
    }

    /// A plain number in `[min, max]` (or `(min, max]` when `open_min`).
    fn plain(
        &mut self,
        path: String,
        x: f64,
        min: f64,
        open_min: bool,
        max: f64,
        allowed: &'static str,
    ) {
        let ok = if open_min { x > min } else { x >= min } && x <= max;
        if !x.is_finite() {
            self.push(path, Problem::NotFinite);
        } else if !ok {
            self.push(path, Problem::OutOfRange { value: x, allowed });
        }
    }

    fn text(&mut self, path: String, s: &str) {
        if s.trim().is_empty() {
            self.push(path, Problem::Empty);
        }
    }

    fn halving(&mut self, path: String, step: Option<f64>) {
        if let Some(s) = step {
            self.plain(
                path,
                s,
                0.0,
                true,
                MAX_AMOUNT,
                "above 0 (a price rise that halves demand)",
            );
        }
    }

    fn delay(&mut self, path: String, d: f64) {
        self.plain(path, d, 0.0, false, 36500.0, "from 0 to 36500 days");
    }

    /// Index of an offer id among offers `0 .. before` (or any, if `before` is None).
    fn offer_ref(
        &mut self,
        path: String,
        sc: &Scenario,
        id: &str,
        before: Option<usize>,
    ) -> Option<usize> {
        match sc.offers.iter().position(|o| o.id == id) {
            None => {
                self.push(path, Problem::UnknownOffer(id.to_string()));
                None
            }
            Some(j) => match before {
                Some(i) if j >= i => {
                    self.push(path, Problem::NotEarlierOffer(id.to_string()));
                    None
                }
                _ => Some(j),
            },
        }
    }

    fn scenario(&mut self, sc: &Scenario) -> Links {
        if sc.schema != SCHEMA_VERSION {
            self.push("schema", Problem::WrongSchema(sc.schema));
        }
        if sc.currency.trim().is_empty() {
            self.push("currency", Problem::Empty);
        }
        let h = sc.horizon_days;
        if !(1..=MAX_HORIZON_DAYS).contains(&h) {
            self.push("horizon_days", Problem::HorizonOutOfRange(h));
        }

        if sc.channels.is_empty() {
            self.push("channels", Problem::EmptyList("channel"));
        }
        for (i, c) in sc.channels.iter().enumerate() {
            let p = |f: &str| format!("channels[{i}].{f}");
            self.text(p("name"), &c.name);
            if c.name.trim().eq_ignore_ascii_case(REFERRAL_CHANNEL) {
                self.push(p("name"), Problem::ReservedChannelName);
            } else if sc.channels[..i]
                .iter()
                .any(|o| o.name.trim() == c.name.trim())
                && !c.name.trim().is_empty()
            {
                self.push(p("name"), Problem::DuplicateChannelName(c.name.clone()));
            }
            if c.start_day > h {
                self.push(
                    p("start_day"),
                    Problem::PastHorizon {
                        day: c.start_day,
                        horizon: h,
                    },
                );
            }
            if c.end_day < c.start_day {
                self.push(
                    p("end_day"),
                    Problem::EndBeforeStart {
                        start: c.start_day,
                        end: c.end_day,
                    },
                );
            } else if c.end_day > h {
                self.push(
                    p("end_day"),
                    Problem::PastHorizon {
                        day: c.end_day,
                        horizon: h,
                    },
                );
            }
            self.amount(p("visitors_per_day"), &c.visitors_per_day);
            self.amount(p("cost_per_visitor"), &c.cost_per_visitor);
            self.rate(p("optin_rate"), &c.optin_rate);
        }

        self.amount("lead_magnet.price".into(), &sc.lead_magnet.price);
        self.amount(
            "lead_magnet.delivery_cost".into(),
            &sc.lead_magnet.delivery_cost,
        );
        self.halving(
            "lead_magnet.price_halving_step".into(),
            sc.lead_magnet.price_halving_step,
        );

        let n = &sc.nurture;
        self.plain(
            "nurture.touches_per_week".into(),
            n.touches_per_week,
            0.0,
            false,
            7.0,
            "from 0 to 7",
        );
        self.plain(
            "nurture.touches_per_month_after".into(),
            n.touches_per_month_after,
            0.0,
            false,
            30.0,
            "from 0 to 30",
        );
        self.plain(
            "nurture.trust_touches".into(),
            n.trust_touches,
            1.0,
            false,
            1e6,
            "at least 1 and at most 1000000",
        );
        self.rate(
            "nurture.conversion_per_touch".into(),
            &n.conversion_per_touch,
        );
        self.rate(
            "nurture.unsubscribe_per_touch".into(),
            &n.unsubscribe_per_touch,
        );
        self.plain(
            "nurture.interest_half_life_days".into(),
            n.interest_half_life_days,
            0.0,
            true,
            1e9,
            "above 0 and at most 1000000000 days",
        );
        self.amount("nurture.cost_per_touch".into(), &n.cost_per_touch);

        let mut links = Links {
            parent: vec![None; sc.offers.len()],
            children: vec![Vec::new(); sc.offers.len()],
            repeat_of: None,
            subscription_of: None,
            referrals_of: None,
        };
        if sc.offers.is_empty() {
            self.push("offers", Problem::EmptyList("offer (the entry offer)"));
        }
        for (i, o) in sc.offers.iter().enumerate() {
            let p = |f: &str| format!("offers[{i}].{f}");
            self.text(p("id"), &o.id);
            if !o.id.trim().is_empty() && sc.offers[..i].iter().any(|x| x.id == o.id) {
                self.push(p("id"), Problem::DuplicateOfferId(o.id.clone()));
            }
            self.text(p("name"), &o.name);
            if i == 0 {
                if o.offered_to.is_some() || o.take_rate.is_some() || o.delay_days.is_some() {
                    let field = if o.offered_to.is_some() {
                        "offered_to"
                    } else if o.take_rate.is_some() {
                        "take_rate"
                    } else {
                        "delay_days"
                    };
                    self.push(p(field), Problem::EntryOfferHasFollowUpField);
                }
            } else {
                match &o.offered_to {
                    None => self.push(p("offered_to"), Problem::MissingForFollowUp),
                    Some(id) => {
                        if let Some(j) = self.offer_ref(p("offered_to"), sc, id, Some(i)) {
                            links.parent[i] = Some(j);
                            links.children[j].push(i);
                        }
                    }
                }
                match &o.take_rate {
                    None => self.push(p("take_rate"), Problem::MissingForFollowUp),
                    Some(t) => self.rate(p("take_rate"), t),
                }
                match o.delay_days {
                    None => self.push(p("delay_days"), Problem::MissingForFollowUp),
                    Some(d) => self.delay(p("delay_days"), d),
                }
            }
            self.amount(p("price"), &o.price);
            self.amount(p("unit_cost"), &o.unit_cost);
            self.rate(p("refund_rate"), &o.refund_rate);
            self.halving(p("price_halving_step"), o.price_halving_step);
        }

        if let Some(r) = &sc.repeat {
            links.repeat_of =
                self.offer_ref("repeat.customers_of".into(), sc, &r.customers_of, None);
            self.amount("repeat.price".into(), &r.price);
            self.amount("repeat.unit_cost".into(), &r.unit_cost);
            self.amount("repeat.purchases_per_month".into(), &r.purchases_per_month);
            self.plain(
                "repeat.rate_shape".into(),
                r.rate_shape,
                0.0,
                true,
                1e6,
                "above 0 and at most 1000000",
            );
            self.rate(
                "repeat.dropout_after_purchase".into(),
                &r.dropout_after_purchase,
            );
            self.plain(
                "repeat.dropout_concentration".into(),
                r.dropout_concentration,
                0.0,
                true,
                1e9,
                "above 0 and at most 1000000000",
            );
            if let Some(w) = &r.winback {
                self.rate("repeat.winback.success_rate".into(), &w.success_rate);
                self.amount(
                    "repeat.winback.cost_per_attempt".into(),
                    &w.cost_per_attempt,
                );
            }
        }
        if let Some(s) = &sc.subscription {
            links.subscription_of =
                self.offer_ref("subscription.offered_to".into(), sc, &s.offered_to, None);
            self.rate("subscription.take_rate".into(), &s.take_rate);
            self.delay("subscription.delay_days".into(), s.delay_days);
            self.amount("subscription.monthly_price".into(), &s.monthly_price);
            self.amount(
                "subscription.monthly_unit_cost".into(),
                &s.monthly_unit_cost,
            );
            self.rate("subscription.monthly_churn".into(), &s.monthly_churn);
            self.plain(
                "subscription.churn_concentration".into(),
                s.churn_concentration,
                0.0,
                true,
                1e9,
                "above 0 and at most 1000000000",
            );
        }
        if let Some(r) = &sc.referrals {
            links.referrals_of =
                self.offer_ref("referrals.customers_of".into(), sc, &r.customers_of, None);
            self.rate("referrals.fan_rate".into(), &r.fan_rate);
            self.amount("referrals.leads_per_fan".into(), &r.leads_per_fan);
            self.rate("referrals.promoter_rate".into(), &r.promoter_rate);
            self.amount("referrals.leads_per_promoter".into(), &r.leads_per_promoter);
            self.amount(
                "referrals.reward_per_referred_buyer".into(),
                &r.reward_per_referred_buyer,
            );
            if !(1..=3650).contains(&r.window_days) {
                self.push(
                    "referrals.window_days",
                    Problem::OutOfRange {
                        value: f64::from(r.window_days),
                        allowed: "from 1 to 3650 days",
                    },
                );
            }
            self.plain(
                "referrals.referred_conversion_multiplier".into(),
                r.referred_conversion_multiplier,
                0.0,
                false,
                1e6,
                "0 or more and at most 1000000",
            );
        }
        self.amount("fixed_costs_per_month".into(), &sc.fixed_costs_per_month);
        links
    }
}
