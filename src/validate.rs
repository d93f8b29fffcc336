//! Validation: turns a [`Scenario`] into a [`ValidScenario`], or lists every
//! problem at once, each with the path of its field and a plain message.
//!
//! What each field holds comes from the table of fields ([`crate::inputs`]);
//! this module adds the checks between fields (unique names and ids, offer
//! references, days within the horizon). Checks are NaN-safe: they are written
//! as `!(x >= 0.0)` so that NaN fails them.

use crate::inputs::{self, Access, Bounds, Field, Group, Key, Need, TABLE};
use crate::scenario::{Scenario, Uncertain, SCHEMA_VERSION};
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;

/// Largest amount, price, cost or count a field may hold (a trillion). Larger
/// values are refused so that sums of money can never overflow to infinity.
pub const MAX_AMOUNT: f64 = 1e12;
/// Longest horizon, in days (ten years).
pub const MAX_HORIZON_DAYS: u32 = 3650;
/// Name of the channel that referred leads belong to; no paid channel may use it.
pub const REFERRAL_CHANNEL: &str = "referral";

pub use crate::inputs::Domain;

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
    /// A correlation names a path no field of the scenario has.
    UnknownPath(String),
    /// A correlation names a plain number or a text, not an uncertain value.
    NotUncertain(String),
    /// A correlation names an uncertain value fixed at one number.
    FixedInCorrelation(String),
    /// A correlation whose `paths` do not hold exactly two paths.
    NotTwoPaths(usize),
    /// A correlation of a field with itself.
    TiedToItself(String),
    /// A correlation of the same two fields as an earlier one (its index).
    RepeatedPair(usize),
    /// A rank correlation not strictly between −1 and 1.
    RankOutside(f64),
    /// Correlations that cannot hold together (the path of the field where
    /// their matrix stops being positive definite).
    NotPositiveDefinite(String),
    /// Over a structural limit (see [`crate::limits`]).
    Limit(crate::limits::Over),
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
            Problem::UnknownPath(p) => write!(f, "no field of this scenario has the path \"{p}\""),
            Problem::NotUncertain(p) => write!(
                f,
                "\"{p}\" is a plain number or a text; only uncertain values can move together"
            ),
            Problem::FixedInCorrelation(p) => write!(
                f,
                "\"{p}\" is fixed at one number; only values given as a range, observed data, a uniform or a triangular can move together"
            ),
            Problem::NotTwoPaths(n) => write!(f, "must name exactly two fields (got {n})"),
            Problem::TiedToItself(p) => {
                write!(f, "ties \"{p}\" to itself; name two different fields")
            }
            Problem::RepeatedPair(i) => {
                write!(f, "ties the same two fields as correlations[{i}]")
            }
            Problem::RankOutside(r) => write!(
                f,
                "must be a number strictly between -1 and 1 (got {})",
                num(*r)
            ),
            Problem::NotPositiveDefinite(p) => write!(
                f,
                "these correlations cannot all hold at once (their matrix is not positive definite from \"{p}\" on); make the ranks that involve it weaker"
            ),
            Problem::WrongSchema(s) => write!(
                f,
                "this is schema {s}, but this version of Funnel Lab reads schema {SCHEMA_VERSION}"
            ),
            Problem::Limit(over) => over.fmt(f),
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
        let (errors, links) = Checker::new(&self).run();
        if errors.is_empty() {
            Ok(ValidScenario {
                scenario: self,
                links,
            })
        } else {
            Err(ValidationErrors(errors))
        }
    }

    /// Like [`Scenario::validate`] without giving up the scenario.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let (errors, _) = Checker::new(self).run();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(errors))
        }
    }
}

/// Checks one uncertain value against its domain (a rate, or else an amount or
/// count); `Ok` or the first problem.
pub fn check_uncertain(u: &Uncertain, domain: Domain) -> Result<(), Problem> {
    let rate = domain.is_rate();
    let positive = domain == Domain::PriceStep;
    let plain = |x: f64| -> Result<(), Problem> {
        if !x.is_finite() {
            Err(Problem::NotFinite)
        } else if positive && !(x > 0.0) {
            Err(Problem::OutOfRange {
                value: x,
                allowed: crate::inputs::PRICE_STEP_ALLOWED,
            })
        } else if !(x >= 0.0) {
            Err(Problem::Negative(x))
        } else if rate && !(x <= 1.0) {
            Err(Problem::RateAboveOne(x))
        } else if !rate && !(x <= MAX_AMOUNT) {
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
            if rate && !(high < 1.0) {
                return Err(Problem::RangeHighNotBelowOne(high));
            }
            Ok(())
        }
        Uncertain::Observed { successes, trials } => {
            if !rate {
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

/// Walks the table of fields over one scenario, checking each field against its
/// domain and against the fields it relates to. Names, ids and offer references
/// are looked up in hash sets and maps, so the walk takes linear time.
struct Checker<'a> {
    sc: &'a Scenario,
    errors: Vec<FieldError>,
    links: Links,
    /// Trimmed names of the channels walked so far.
    channel_names: FxHashSet<&'a str>,
    /// Ids of the offers walked so far.
    offer_ids: FxHashSet<&'a str>,
    /// The index of the first offer with each id.
    offer_index: FxHashMap<&'a str, usize>,
}

impl<'a> Checker<'a> {
    fn new(sc: &'a Scenario) -> Self {
        let mut offer_index = FxHashMap::default();
        for (i, o) in sc.offers.iter().enumerate() {
            offer_index.entry(o.id.as_str()).or_insert(i);
        }
        Checker {
            sc,
            errors: Vec::new(),
            links: Links {
                parent: vec![None; sc.offers.len()],
                children: vec![Vec::new(); sc.offers.len()],
                repeat_of: None,
                subscription_of: None,
                referrals_of: None,
            },
            channel_names: FxHashSet::default(),
            offer_ids: FxHashSet::default(),
            offer_index,
        }
    }

    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(FieldError {
            path: path.into(),
            problem,
        });
    }

    /// Every problem, in the order of the fields in the file, and the links.
    fn run(mut self) -> (Vec<FieldError>, Links) {
        let sc = self.sc;
        for e in crate::limits::check_scenario(sc) {
            self.push(e.path, Problem::Limit(e.over));
        }
        if sc.schema != SCHEMA_VERSION {
            self.push("schema", Problem::WrongSchema(sc.schema));
        }
        for (group, specs) in inputs::sections() {
            let count = group.count(sc);
            if count == 0 {
                match group {
                    Group::Channel => self.push("channels", Problem::EmptyList("channel")),
                    Group::Offer => {
                        self.push("offers", Problem::EmptyList("offer (the entry offer)"))
                    }
                    _ => {}
                }
            }
            for item in 0..count {
                for spec in specs {
                    self.field(Field::new(spec.key, item));
                }
            }
        }
        self.errors.extend(crate::correlation::check(sc));
        (self.errors, self.links)
    }

    fn field(&mut self, f: Field) {
        let sc = self.sc;
        let spec = f.spec();
        match spec.need {
            Need::Always => {}
            Need::Optional if !f.exists(sc) => return,
            Need::Optional => {}
            Need::FollowUp if f.item == 0 => return self.entry_offer(f),
            Need::FollowUp if !f.exists(sc) => {
                return self.push(f.path(), Problem::MissingForFollowUp)
            }
            Need::FollowUp => {}
        }
        if let Some(problem) = self.domain_problem(f) {
            self.push(f.path(), problem);
        }
        self.relations(f);
    }

    /// The entry offer has none of the follow-up fields: the first one it names
    /// is reported, once (at the first of them in the table).
    fn entry_offer(&mut self, f: Field) {
        let mut follow_ups = TABLE
            .iter()
            .filter(|s| s.group == f.spec().group && s.need == Need::FollowUp);
        if follow_ups.next().map(|s| s.key) != Some(f.key) {
            return;
        }
        let named = TABLE
            .iter()
            .filter(|s| s.group == f.spec().group && s.need == Need::FollowUp)
            .map(|s| Field::new(s.key, f.item))
            .find(|g| g.exists(self.sc));
        if let Some(g) = named {
            self.push(g.path(), Problem::EntryOfferHasFollowUpField);
        }
    }

    /// What is wrong with the field's value on its own, if anything.
    fn domain_problem(&self, f: Field) -> Option<Problem> {
        let (sc, spec) = (self.sc, f.spec());
        match (spec.access, spec.domain) {
            (Access::Uncertain { get, .. }, domain) => {
                check_uncertain(get(sc, f.item)?, domain).err()
            }
            (Access::Number { get, .. }, Domain::Number(b) | Domain::Days(b)) => {
                let x = get(sc, f.item)?;
                if !x.is_finite() {
                    Some(Problem::NotFinite)
                } else if !b.contains(x) {
                    Some(out_of_range(f, x, b))
                } else {
                    None
                }
            }
            (Access::Text { get, .. }, Domain::Text { required: true }) => {
                get(sc, f.item)?.trim().is_empty().then_some(Problem::Empty)
            }
            _ => None,
        }
    }

    /// Checks between fields: unique names and ids, days within the horizon,
    /// offer references (which also fill in the links).
    fn relations(&mut self, f: Field) {
        let sc = self.sc;
        let h = sc.horizon_days;
        match f.key {
            Key::ChannelName => {
                let c = &sc.channels[f.item];
                let name = c.name.trim();
                if name.eq_ignore_ascii_case(REFERRAL_CHANNEL) {
                    self.push(f.path(), Problem::ReservedChannelName);
                } else if !self.channel_names.insert(name) && !name.is_empty() {
                    self.push(f.path(), Problem::DuplicateChannelName(c.name.clone()));
                }
            }
            Key::ChannelStartDay => {
                let day = sc.channels[f.item].start_day;
                if day > h {
                    self.push(f.path(), Problem::PastHorizon { day, horizon: h });
                }
            }
            Key::ChannelEndDay => {
                let (start, end) = (sc.channels[f.item].start_day, sc.channels[f.item].end_day);
                if end < start {
                    self.push(f.path(), Problem::EndBeforeStart { start, end });
                } else if end > h {
                    self.push(
                        f.path(),
                        Problem::PastHorizon {
                            day: end,
                            horizon: h,
                        },
                    );
                }
            }
            Key::OfferId => {
                let id = sc.offers[f.item].id.as_str();
                if !self.offer_ids.insert(id) && !id.trim().is_empty() {
                    self.push(f.path(), Problem::DuplicateOfferId(id.to_string()));
                }
            }
            _ => {}
        }
        if f.spec().domain == Domain::OfferId {
            let Some(id) = f.text(sc) else { return };
            // A follow-up is offered to buyers of an earlier offer; the stages to any.
            let before = (f.spec().group == Group::Offer).then_some(f.item);
            let target = self.offer_ref(f, id, before);
            match f.key {
                Key::OfferOfferedTo => {
                    if let Some(j) = target {
                        self.links.parent[f.item] = Some(j);
                        self.links.children[j].push(f.item);
                    }
                }
                Key::RepeatCustomersOf => self.links.repeat_of = target,
                Key::SubscriptionOfferedTo => self.links.subscription_of = target,
                Key::ReferralsCustomersOf => self.links.referrals_of = target,
                _ => {}
            }
        }
    }

    /// Index of the offer with `id` among offers `0 .. before` (or any, if `before` is None).
    fn offer_ref(&mut self, f: Field, id: &str, before: Option<usize>) -> Option<usize> {
        match self.offer_index.get(id).copied() {
            None => {
                self.push(f.path(), Problem::UnknownOffer(id.to_string()));
                None
            }
            Some(j) if before.is_some_and(|i| j >= i) => {
                self.push(f.path(), Problem::NotEarlierOffer(id.to_string()));
                None
            }
            Some(j) => Some(j),
        }
    }
}

/// The problem of a number outside its bounds (the horizon has its own message).
fn out_of_range(f: Field, x: f64, b: Bounds) -> Problem {
    if f.key == Key::HorizonDays {
        Problem::HorizonOutOfRange(x as u32)
    } else {
        Problem::OutOfRange {
            value: x,
            allowed: b.allowed,
        }
    }
}
