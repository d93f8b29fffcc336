//! Languages: English and Russian, everything people read in both.
//!
//! Every text the page shows comes from a catalogue of [Fluent] messages, one
//! per [`Lang`]: `locales/en.ftl` and `locales/ru.ftl` for the page's own words,
//! plus, for English, messages made from the core's tables (field labels from
//! [`crate::inputs`], metric labels from [`crate::metrics`], the glossary, the
//! presets' titles, explanations and names). Their Russian is written out in
//! `locales/ru.ftl` under the same ids, so the tables stay the one source of
//! the English (which the CLI prints) and every message has one id in both
//! languages ([`derived_ids`] lists the ones made from tables).
//!
//! Plural forms are Fluent's, by the CLDR rules of `intl_pluralrules`
//! (1 испытание, 2 испытания, 5 испытаний); numbers are written by the
//! language's [`NumberFormat`], through the catalogue functions `COUNT($n)`
//! and `PERCENT($x)` or by the caller.
//!
//! **Adding a string**: add `my-id = English text` to `locales/en.ftl` and
//! `my-id = Русский текст` to `locales/ru.ftl`, then call
//! `lang.t("my-id")`, or `lang.t_with("my-id", &[("n", n.into())])` with
//! variables (`{ $n }` in the message). `tests/i18n.rs` fails when an id is in
//! one catalogue and not the other, when the two use different variables, when
//! the code asks for an id that neither has, and when the page's code writes
//! English words outside the catalogues.
//!
//! [Fluent]: https://projectfluent.org

mod messages;

pub use messages::*;

use crate::format::NumberFormat;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The English catalogue's own messages.
pub const EN_FTL: &str = include_str!("../../locales/en.ftl");
/// The Russian catalogue, built into native programs (the CLI, the tests).
/// The page does not carry it: it fetches `ru.ftl` when it needs Russian and
/// hands the text to [`load_catalogue`], so that readers of English do not
/// download it (about 26 KB gzipped).
#[cfg(not(target_arch = "wasm32"))]
pub const RU_FTL: &str = include_str!("../../locales/ru.ftl");

/// The Russian catalogue, built on first use natively, or when the page hands
/// its text to [`load_catalogue`].
static RU: OnceLock<Catalogue> = OnceLock::new();

/// The Russian catalogue, if it is at hand.
fn russian() -> Option<&'static Catalogue> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(RU.get_or_init(|| Catalogue::new(Lang::Ru, RU_FTL).0));
    #[cfg(target_arch = "wasm32")]
    return RU.get();
}

/// Hands over the text of `lang`'s catalogue file (`locales/ru.ftl`, as the
/// page fetched it). Text that Fluent cannot read whole is refused with its
/// errors, and nothing is kept; a catalogue already at hand stays as it is.
pub fn load_catalogue(lang: Lang, text: &str) -> Result<(), String> {
    if lang.is_loaded() {
        return Ok(());
    }
    let (catalogue, errors) = Catalogue::new(lang, text);
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    if lang == Lang::Ru {
        let _ = RU.set(catalogue);
    }
    Ok(())
}

/// A language the app speaks.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default, and the CLI's).
    #[default]
    En,
    /// Russian, the language of the course.
    Ru,
}

impl Lang {
    /// Every language, in the order of the page's switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// Its code in addresses and storage: "en", "ru".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language with this code ("en", "ru", in any case), if the app speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The language for a browser that prefers `languages` (most preferred
    /// first, as `navigator.languages`): Russian when the first one the app
    /// speaks is `ru` or `ru-…`, else English.
    pub fn from_browser<'a>(languages: impl IntoIterator<Item = &'a str>) -> Lang {
        languages
            .into_iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next().unwrap_or("");
                Lang::from_code(primary)
            })
            .unwrap_or_default()
    }

    /// Its name in itself, for the switch: "English", "Русский".
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// How it writes numbers.
    pub fn numbers(self) -> NumberFormat {
        match self {
            Lang::En => NumberFormat::ENGLISH,
            Lang::Ru => NumberFormat::RUSSIAN,
        }
    }

    /// The message `id` in this language; the id itself when neither this
    /// catalogue nor the English one has it (the tests make sure none is missing).
    pub fn t(self, id: &str) -> String {
        self.t_with(id, &[])
    }

    /// The message `id` with variables (`{ $name }` in the message).
    pub fn t_with(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        catalogue(self)
            .format(id, args)
            .or_else(|| catalogue(Lang::En).format(id, args))
            .unwrap_or_else(|| id.to_string())
    }

    /// Whether this language's catalogue has the message `id`.
    pub fn has(self, id: &str) -> bool {
        catalogue(self).bundle.has_message(id)
    }

    /// Whether this language's catalogue is at hand. Always in native
    /// programs; in the page, Russian only once [`load_catalogue`] has its
    /// text (until then its messages are looked up in English).
    pub fn is_loaded(self) -> bool {
        match self {
            Lang::En => true,
            Lang::Ru => russian().is_some(),
        }
    }

    /// The file the page fetches this language's catalogue from (next to
    /// `index.html`), or `None` when the page carries it (English).
    pub fn catalogue_file(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            Lang::Ru => Some("ru.ftl"),
        }
    }
}

/// The page's language: the one the address names (`lang=`), else the one the
/// reader chose before (kept in storage), else the sharer's (named by a share
/// link), else the browser's ([`Lang::from_browser`]).
pub fn choose<'a>(
    address: Option<Lang>,
    chosen_before: Option<Lang>,
    link: Option<Lang>,
    browser: impl IntoIterator<Item = &'a str>,
) -> Lang {
    address
        .or(chosen_before)
        .or(link)
        .unwrap_or_else(|| Lang::from_browser(browser))
}

/// A value for a message's variable: text, or a number (which selects plural
/// forms, and which `COUNT` and `PERCENT` write in the language's format).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<f64> for Arg<'_> {
    fn from(x: f64) -> Self {
        Arg::Number(x)
    }
}

impl From<u64> for Arg<'_> {
    fn from(x: u64) -> Self {
        Arg::Number(x as f64)
    }
}

impl From<u32> for Arg<'_> {
    fn from(x: u32) -> Self {
        Arg::Number(f64::from(x))
    }
}

impl From<usize> for Arg<'_> {
    fn from(x: usize) -> Self {
        Arg::Number(x as f64)
    }
}

/// One language's messages.
pub struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    /// A catalogue of `lang` from Fluent text; the errors of the text (a
    /// message written twice, a syntax error) are returned with the catalogue.
    pub fn new(lang: Lang, ftl: &str) -> (Catalogue, Vec<String>) {
        let mut errors = Vec::new();
        let locale = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // Plain text: no Unicode isolation marks around variables.
        bundle.set_use_isolating(false);
        let nf = lang.numbers();
        let number = |args: &[FluentValue]| match args.first() {
            Some(FluentValue::Number(n)) => Some(n.value),
            _ => None,
        };
        let _ = bundle.add_function("COUNT", move |args, _| match number(args) {
            Some(x) => FluentValue::from(nf.count(x)),
            None => FluentValue::Error,
        });
        // MONEY(79, $currency): an amount in a currency given by the caller
        // (the presets' texts name their prices this way).
        let _ = bundle.add_function("MONEY", move |args, _| match (number(args), args.get(1)) {
            (Some(x), Some(FluentValue::String(c))) => FluentValue::from(nf.money(x, c)),
            _ => FluentValue::Error,
        });
        let _ = bundle.add_function("PERCENT", move |args, _| match number(args) {
            Some(x) => FluentValue::from(nf.percent(x)),
            None => FluentValue::Error,
        });
        let resource = match FluentResource::try_new(ftl.to_string()) {
            Ok(r) => r,
            Err((r, e)) => {
                errors.extend(e.iter().map(|e| format!("{lang:?}: {e:?}")));
                r
            }
        };
        if let Err(e) = bundle.add_resource(resource) {
            errors.extend(e.iter().map(|e| format!("{lang:?}: {e}")));
        }
        (Catalogue { bundle }, errors)
    }

    /// The message `id` with `args`, if the catalogue has it.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_ref())),
                Arg::Number(x) => fluent_args.set(*name, FluentValue::from(*x)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }
}

/// The catalogue of `lang`, built on first use; English while `lang`'s is not
/// at hand ([`Lang::is_loaded`]).
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Ru => russian(),
        Lang::En => None,
    }
    .unwrap_or_else(|| EN.get_or_init(|| Catalogue::new(Lang::En, &english_ftl()).0))
}

/// The whole English catalogue as Fluent text: `locales/en.ftl` and the
/// messages made from the core's tables ([`derived`]).
pub fn english_ftl() -> String {
    let mut out = String::from(EN_FTL);
    out.push('\n');
    for (id, text) in derived() {
        out.push_str(&id);
        out.push_str(" = ");
        let text = escape(&text);
        if id.starts_with("preset-") {
            out.push_str(&money_placeables(&text));
        } else {
            out.push_str(&text);
        }
        out.push('\n');
    }
    out
}

/// A preset's English text with each amount written as `$79` turned into
/// `{ MONEY(79, $currency) }`, so that it is shown in the scenario's currency.
fn money_placeables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            out.push('$');
        } else {
            out.push_str(&format!("{{ MONEY({}, $currency) }}", &after[..digits]));
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Text as the value of a one-line Fluent message (braces as literals).
fn escape(text: &str) -> String {
    text.replace('{', "{\"{\"}")
        .replace('}', "{\"}\"}")
        .replace('\n', " ")
}

/// The id of the plain label of a field of the table ([`crate::inputs::Key`]).
pub fn field_id(key: crate::inputs::Key) -> String {
    format!("field-{key:?}")
}

/// The id of a glossary term's name (`term-payback_day`); its meaning is
/// the same id followed by `-meaning`.
pub fn term_id(term: &str) -> String {
    format!("term-{term}")
}

/// Every message made from the core's tables, with its English text: field
/// labels, metric labels, glossary terms and meanings, and the presets'
/// texts and names. The Russian catalogue has each of these ids.
pub fn derived() -> Vec<(String, String)> {
    use crate::metrics::{ChannelField, DailySeries, Metric, OfferField};
    let mut out = Vec::new();
    for spec in crate::inputs::TABLE {
        out.push((field_id(spec.key), spec.label.to_string()));
    }
    for m in Metric::ALL {
        out.push((format!("metric-{}", m.name()), m.label().to_string()));
    }
    for f in OfferField::ALL {
        out.push((format!("offer-field-{}", f.name()), f.label().to_string()));
    }
    for f in ChannelField::ALL {
        out.push((format!("channel-field-{}", f.name()), f.label().to_string()));
    }
    for d in DailySeries::ALL {
        out.push((format!("series-{}", d.name()), d.label().to_string()));
    }
    for t in crate::glossary::TERMS {
        out.push((term_id(t.id), t.term.to_string()));
        out.push((format!("{}-meaning", term_id(t.id)), t.meaning.to_string()));
    }
    for p in crate::presets::all() {
        out.extend(crate::presets::texts(p));
    }
    out
}

/// The ids of [`derived`].
pub fn derived_ids() -> Vec<String> {
    derived().into_iter().map(|(id, _)| id).collect()
}
