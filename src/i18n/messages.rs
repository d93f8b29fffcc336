//! Messages built from the core's typed results, in a language: validation
//! problems (from their field path, kind and values, never from their English
//! `Display`, which the CLI keeps), why a file, link or stored value could not
//! be read, why storage refused, and what a number field could not read.

use super::{Arg, Lang};
use crate::format::ReadNumber;
use crate::inputs::{Bounds, Domain, Field, Group};
use crate::limits::{Over, MAX_SCENARIO_BYTES, MAX_TEXT_CHARS};
use crate::persist::{LibraryError, LinkError, ReadError, StoreError};
use crate::scenario::{ParseError, Scenario};
use crate::validate::{FieldError, Problem, MAX_AMOUNT, MAX_HORIZON_DAYS, REFERRAL_CHANNEL};

/// What values a field of bounds `b` allows, in words ("from 0 to 7").
pub fn allowed(lang: Lang, b: &Bounds, days: bool) -> String {
    let nf = lang.numbers();
    let id = match (b.min_open, days) {
        (false, false) => "bounds-from-to",
        (false, true) => "bounds-from-to-days",
        (true, false) => "bounds-above-at-most",
        (true, true) => "bounds-above-at-most-days",
    };
    lang.t_with(
        id,
        &[
            ("min", nf.exact(b.min).into()),
            ("max", nf.exact(b.max).into()),
            ("n", b.max.into()),
        ],
    )
}

/// What is wrong with the field at `path`, in `lang` (shown next to its input).
pub fn problem(lang: Lang, path: &str, p: &Problem) -> String {
    let nf = lang.numbers();
    let n = |x: f64| Arg::from(nf.exact(x));
    let text = |s: &str| Arg::from(s.to_string());
    let (id, args): (&str, Vec<(&str, Arg)>) = match p {
        Problem::NotFinite => ("problem-not-finite", vec![]),
        Problem::Negative(x) => ("problem-negative", vec![("value", n(*x))]),
        Problem::RateAboveOne(x) => ("problem-rate-above-one", vec![("value", n(*x))]),
        Problem::TooLarge(x) => (
            "problem-too-large",
            vec![("value", n(*x)), ("max", n(MAX_AMOUNT))],
        ),
        Problem::RangeLowNotPositive(x) => {
            ("problem-range-low-not-positive", vec![("value", n(*x))])
        }
        Problem::LowAboveHigh { low, high } => (
            "problem-low-above-high",
            vec![("low", n(*low)), ("high", n(*high))],
        ),
        Problem::RangeHighNotBelowOne(x) => {
            ("problem-range-high-not-below-one", vec![("value", n(*x))])
        }
        Problem::ObservedForAmount => ("problem-observed-for-amount", vec![]),
        Problem::ObservedNotWhole => ("problem-observed-not-whole", vec![]),
        Problem::SuccessesAboveTrials { successes, trials } => (
            "problem-successes-above-trials",
            vec![("successes", n(*successes)), ("trials", n(*trials))],
        ),
        Problem::ModeOutside { low, mode, high } => (
            "problem-mode-outside",
            vec![("low", n(*low)), ("mode", n(*mode)), ("high", n(*high))],
        ),
        Problem::OutOfRange { value, allowed: en } => {
            let words = match Field::parse(path).map(|f| f.spec().domain) {
                Some(d @ (Domain::Days(b) | Domain::Number(b))) if lang != Lang::En => {
                    allowed(lang, &b, matches!(d, Domain::Days(_)))
                }
                Some(Domain::PriceStep) if lang != Lang::En => lang.t("bounds-price-step"),
                _ => en.to_string(),
            };
            (
                "problem-out-of-range",
                vec![("allowed", words.into()), ("value", n(*value))],
            )
        }
        Problem::Empty => ("problem-empty", vec![]),
        Problem::EmptyList(what) => (
            if what.starts_with("channel") {
                "problem-no-channel"
            } else {
                "problem-no-offer"
            },
            vec![],
        ),
        Problem::DuplicateOfferId(id) => ("problem-duplicate-offer-id", vec![("id", text(id))]),
        Problem::DuplicateChannelName(name) => {
            ("problem-duplicate-channel-name", vec![("name", text(name))])
        }
        Problem::ReservedChannelName => (
            "problem-reserved-channel-name",
            vec![("name", text(REFERRAL_CHANNEL))],
        ),
        Problem::UnknownOffer(id) => ("problem-unknown-offer", vec![("id", text(id))]),
        Problem::NotEarlierOffer(id) => ("problem-not-earlier-offer", vec![("id", text(id))]),
        Problem::EntryOfferHasFollowUpField => ("problem-entry-offer-follow-up-field", vec![]),
        Problem::MissingForFollowUp => ("problem-missing-for-follow-up", vec![]),
        Problem::EndBeforeStart { start, end } => (
            "problem-end-before-start",
            vec![("start", (*start).into()), ("end", (*end).into())],
        ),
        Problem::PastHorizon { day, horizon } => (
            "problem-past-horizon",
            vec![("day", (*day).into()), ("horizon", (*horizon).into())],
        ),
        Problem::HorizonOutOfRange(h) => (
            "problem-horizon-out-of-range",
            vec![("value", (*h).into()), ("max", MAX_HORIZON_DAYS.into())],
        ),
        Problem::UnknownPath(path) => ("problem-unknown-path", vec![("path", text(path))]),
        Problem::NotUncertain(path) => ("problem-not-uncertain", vec![("path", text(path))]),
        Problem::FixedInCorrelation(path) => {
            ("problem-fixed-in-correlation", vec![("path", text(path))])
        }
        Problem::NotTwoPaths(count) => ("problem-not-two-paths", vec![("n", (*count).into())]),
        Problem::TiedToItself(path) => ("problem-tied-to-itself", vec![("path", text(path))]),
        Problem::RepeatedPair(index) => ("problem-repeated-pair", vec![("index", (*index).into())]),
        Problem::RankOutside(r) => ("problem-rank-outside", vec![("value", n(*r))]),
        Problem::NotPositiveDefinite(path) => {
            ("problem-not-positive-definite", vec![("path", text(path))])
        }
        Problem::Limit(over) => return over_limit(lang, over),
        Problem::WrongSchema(s) => (
            "problem-wrong-schema",
            vec![
                ("found", (*s).into()),
                ("schema", crate::scenario::SCHEMA_VERSION.into()),
            ],
        ),
    };
    lang.t_with(id, &args)
}

/// Where the field at `path` is, for people: "Ads: Opt-in rate" ("Реклама:
/// Доля оставивших контакты"), or the path itself when it names no field of
/// the table (`channels`, `schema`).
pub fn field_place(lang: Lang, sc: &Scenario, path: &str) -> String {
    let Some(f) = Field::parse(path) else {
        return match path {
            "channels" => lang.t("group-Channel-list"),
            "offers" => lang.t("group-Offer-list"),
            _ => path.to_string(),
        };
    };
    let label = lang.t(&super::field_id(f.key));
    match group_title(lang, sc, f.spec().group, f.item) {
        Some(title) => format!("{title}: {label}"),
        None => label,
    }
}

/// A plain name of item `item` of `group` in `sc`, in `lang`: a channel's or an
/// offer's name (or "Channel 2" when it has none), "Lead magnet", …; `None` for
/// the scenario itself.
pub fn group_title(lang: Lang, sc: &Scenario, group: Group, item: usize) -> Option<String> {
    let named = |name: Option<&str>, id: &str| match name.map(str::trim) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => lang.t_with(id, &[("n", (item + 1).into())]),
    };
    Some(match group {
        Group::Scenario => return None,
        Group::Channel => named(
            sc.channels.get(item).map(|c| c.name.as_str()),
            "group-Channel-numbered",
        ),
        Group::Offer => named(
            sc.offers.get(item).map(|o| o.name.as_str()),
            "group-Offer-numbered",
        ),
        other => lang.t(&format!("group-{other:?}")),
    })
}

/// A validation problem with the place of its field and its path in the file,
/// for lists of problems (a file that was not opened): "Ads: Opt-in rate
/// (channels[0].optin_rate): must not be negative (got −1)".
pub fn field_error(lang: Lang, sc: &Scenario, e: &FieldError) -> String {
    let place = field_place(lang, sc, &e.path);
    let problem = problem(lang, &e.path, &e.problem);
    if place == e.path {
        lang.t_with(
            "field-error-at-path",
            &[
                ("path", e.path.as_str().into()),
                ("problem", problem.into()),
            ],
        )
    } else {
        lang.t_with(
            "field-error",
            &[
                ("place", place.into()),
                ("path", e.path.as_str().into()),
                ("problem", problem.into()),
            ],
        )
    }
}

/// Why a scenario file could not be read.
pub fn parse_error(lang: Lang, e: &ParseError) -> String {
    match e {
        ParseError::NotJson { detail } => {
            lang.t_with("parse-not-json", &[("detail", detail.into())])
        }
        ParseError::NotAScenario => lang.t("parse-not-a-scenario"),
        ParseError::WrongSchema { found } => lang.t_with(
            "parse-wrong-schema",
            &[
                ("found", found.into()),
                ("schema", crate::scenario::SCHEMA_VERSION.into()),
            ],
        ),
        ParseError::Field { path, problem } => lang.t_with(
            "parse-field",
            &[("path", path.into()), ("detail", problem.into())],
        ),
        ParseError::Limits(found) => {
            let list: Vec<String> = found
                .iter()
                .map(|e| {
                    let over = over_limit(lang, &e.over);
                    if e.path.is_empty() {
                        over
                    } else {
                        format!("{}: {over}", e.path)
                    }
                })
                .collect();
            lang.t_with("over-limits", &[("detail", list.join("; ").into())])
        }
    }
}

/// What a scenario has too much of, in `lang`.
pub fn over_limit(lang: Lang, over: &Over) -> String {
    let nf = lang.numbers();
    let exact = |n: usize| Arg::from(nf.exact(n as f64));
    match over {
        Over::Bytes { found } => lang.t_with(
            "over-bytes",
            &[("found", exact(*found)), ("max", exact(MAX_SCENARIO_BYTES))],
        ),
        Over::Items { found, max, noun } => {
            let noun = match *noun {
                "channels" => lang.t("group-Channel-list").to_lowercase(),
                "offers" => lang.t("group-Offer-list").to_lowercase(),
                other => other.to_string(),
            };
            lang.t_with(
                "over-items",
                &[
                    ("noun", noun.into()),
                    ("found", exact(*found)),
                    ("max", exact(*max)),
                ],
            )
        }
        Over::Chars { found } => lang.t_with(
            "over-chars",
            &[("found", exact(*found)), ("max", exact(MAX_TEXT_CHARS))],
        ),
        Over::MoreTexts { more } => lang.t_with(
            "over-more-texts",
            &[("more", (*more).into()), ("max", exact(MAX_TEXT_CHARS))],
        ),
    }
}

/// Why a stored value, a file or the content of a link could not be read.
pub fn read_error(lang: Lang, e: &ReadError) -> String {
    match e {
        ReadError::Corrupt(why) => lang.t_with("read-corrupt", &[("detail", why.into())]),
        ReadError::Newer { version } => lang.t_with(
            "read-newer",
            &[
                ("version", (*version).into()),
                ("current", crate::persist::STORE_VERSION.into()),
            ],
        ),
        ReadError::Scenario(e @ ParseError::Limits(_)) => parse_error(lang, e),
        ReadError::Scenario(e) => {
            lang.t_with("read-scenario", &[("detail", parse_error(lang, e).into())])
        }
    }
}

/// Why a share link loads nothing.
pub fn link_error(lang: Lang, e: &LinkError) -> String {
    match e {
        LinkError::NotALink => lang.t("link-not-a-link"),
        LinkError::UnknownFormat { prefix } => {
            lang.t_with("link-unknown-format", &[("prefix", prefix.into())])
        }
        LinkError::TooLarge => lang.t_with(
            "link-too-large",
            &[(
                "max",
                lang.numbers().exact(MAX_SCENARIO_BYTES as f64).into(),
            )],
        ),
        LinkError::Damaged => lang.t("link-damaged"),
        LinkError::Content(e) => {
            lang.t_with("link-content", &[("detail", read_error(lang, e).into())])
        }
    }
}

/// Why the browser's storage refused.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::Unavailable => lang.t("store-unavailable"),
        StoreError::Full => lang.t("store-full"),
        StoreError::Other(detail) => lang.t_with("store-other", &[("detail", detail.into())]),
    }
}

/// Why an operation on the saved scenarios failed.
pub fn library_error(lang: Lang, e: &LibraryError) -> String {
    match e {
        LibraryError::Store(e) => store_error(lang, e),
        LibraryError::Protected(name) => lang.t_with("library-protected", &[("name", name.into())]),
        LibraryError::NoSuchName(name) => {
            lang.t_with("library-no-such-name", &[("name", name.into())])
        }
        LibraryError::NameTaken(name) => {
            lang.t_with("library-name-taken", &[("name", name.into())])
        }
        LibraryError::EmptyName => lang.t("library-empty-name"),
    }
}

/// What a number field could not read in `text`.
pub fn read_number_error(lang: Lang, text: &str, e: &ReadNumber, whole_days: bool) -> String {
    let nf = lang.numbers();
    match e {
        ReadNumber::Empty => lang.t("number-empty"),
        ReadNumber::NotANumber if whole_days => {
            lang.t_with("number-not-whole-days", &[("text", text.into())])
        }
        ReadNumber::NotANumber => lang.t_with("number-not-a-number", &[("text", text.into())]),
        ReadNumber::Ambiguous {
            as_decimal,
            as_thousands,
        } => lang.t_with(
            "number-ambiguous",
            &[
                ("text", text.into()),
                ("decimal", nf.input(*as_decimal).into()),
                ("thousands", nf.exact(*as_thousands).into()),
            ],
        ),
    }
}

/// The value as read, shown next to a field whose text is not how the
/// language writes it ("= 1 500").
pub fn read_as(lang: Lang, x: f64) -> String {
    lang.t_with(
        "number-read-as",
        &[("value", lang.numbers().exact(x).into())],
    )
}

/// The warnings to show next to a run's results, in `lang` (the summary's
/// own `warnings` are the same in English, for the CLI's JSON).
pub fn warnings(lang: Lang, run: &crate::results::RunResult) -> Vec<String> {
    use crate::engine::{
        MAX_INDIVIDUALS_PER_TRIAL, MAX_REFERRED_LEADS_PER_TRIAL, MAX_REPEAT_STEPS_PER_TRIAL,
    };
    let nf = lang.numbers();
    let mut out = Vec::new();
    if let Some(g) = run.header.growth.filter(|g| *g > 1.0) {
        let growth = nf.exact(libm::round(g * 100.0) / 100.0);
        out.push(lang.t_with("warning-growth", &[("growth", growth.into())]));
    }
    let s = &run.summary;
    if s.capped_trials > 0 {
        out.push(lang.t_with(
            "warning-capped",
            &[
                ("capped", s.capped_trials.into()),
                ("trials", s.trials.into()),
                ("individuals", MAX_INDIVIDUALS_PER_TRIAL.into()),
                ("referred", MAX_REFERRED_LEADS_PER_TRIAL.into()),
                ("steps", MAX_REPEAT_STEPS_PER_TRIAL.into()),
            ],
        ));
    }
    out
}

/// A channel's name as the results show it: the channel of referred leads
/// (`referral`) in `lang`, any other as it is.
pub fn channel_name(lang: Lang, name: &str) -> String {
    if name == REFERRAL_CHANNEL {
        lang.t("referral-channel")
    } else {
        name.to_string()
    }
}

/// A glossary term's name and meaning in `lang`, if the glossary has `id`.
pub fn term(lang: Lang, id: &str) -> Option<(String, String)> {
    crate::glossary::lookup(id)?;
    let name = super::term_id(id);
    let meaning = format!("{name}-meaning");
    Some((lang.t(&name), lang.t(&meaning)))
}
