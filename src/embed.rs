//! What a page address asks of the app: a preset to start from, and the embed
//! mode for course pages (compact layout, chosen charts, only the fields the
//! author picked as editable). Pure core: the app reads `location.search`,
//! this module reads the text, so every rule is tested natively.
//!
//! ```text
//! index.html?embed&charts=profit-histogram,channel-roi&edit=offers[0].price#s1.…
//! ```

use crate::charts::ChartKind;
use crate::i18n::Lang;
use crate::inputs::{self, Field};
use crate::scenario::Scenario;

/// Query parameter that turns the embed mode on.
pub const EMBED_PARAM: &str = "embed";
/// Query parameter naming the charts to show, by [`ChartKind::slug`], comma-separated.
pub const CHARTS_PARAM: &str = "charts";
/// Query parameter naming the editable fields, by path, comma-separated.
pub const EDIT_PARAM: &str = "edit";
/// Query parameter naming a preset to start from (when no share link is given).
pub const PRESET_PARAM: &str = "preset";
/// Query parameter naming the page's language (`en`, `ru`).
pub const LANG_PARAM: &str = "lang";

/// The options a page address gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageOptions {
    /// Embed mode, with its options.
    pub embed: Option<EmbedOptions>,
    /// Preset to start from, by id (checked by the caller against the presets).
    pub preset: Option<String>,
    /// The language the address asks for.
    pub lang: Option<Lang>,
    /// Parameters that could not be understood.
    pub problems: Vec<PageProblem>,
}

/// A parameter of the address that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageProblem {
    /// `charts` names a chart that does not exist.
    UnknownChart(String),
    /// `lang` names a language the app does not speak.
    UnknownLang(String),
}

impl PageProblem {
    /// What is wrong, in `lang`, with the names that would do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PageProblem::UnknownChart(name) => lang.t_with(
                "notice-unknown-chart",
                &[
                    ("name", name.into()),
                    ("list", ChartKind::ALL.map(|k| k.slug()).join(", ").into()),
                ],
            ),
            PageProblem::UnknownLang(code) => lang.t_with(
                "notice-unknown-lang",
                &[
                    ("code", code.into()),
                    ("list", Lang::ALL.map(|l| l.code()).join(", ").into()),
                ],
            ),
        }
    }
}

/// The compact layout for an iframe on a course page.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    /// Charts to show, in the author's order (every chart when the link names none).
    pub charts: Vec<ChartKind>,
    /// Fields the reader may edit, by path such as `channels[0].visitors_per_day`
    /// (none: the results only).
    pub editable: Vec<String>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            charts: ChartKind::ALL.to_vec(),
            editable: Vec::new(),
        }
    }
}

fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Reads a query string (`location.search`, with or without its leading `?`).
/// Unknown parameters are ignored; unknown chart names are reported in
/// [`PageOptions::problems`] and skipped.
pub fn parse_query(query: &str) -> PageOptions {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut out = PageOptions::default();
    let mut embed = false;
    let mut charts: Option<Vec<ChartKind>> = None;
    let mut editable = Vec::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            EMBED_PARAM => embed = !matches!(value.as_ref(), "0" | "false" | "no"),
            CHARTS_PARAM => {
                let chosen = charts.get_or_insert_with(Vec::new);
                for name in list(&value) {
                    match ChartKind::ALL.iter().find(|k| k.slug() == name) {
                        Some(k) if !chosen.contains(k) => chosen.push(*k),
                        Some(_) => {}
                        None => out.problems.push(PageProblem::UnknownChart(name.into())),
                    }
                }
            }
            EDIT_PARAM => {
                for path in list(&value) {
                    if !editable.iter().any(|p| p == path) {
                        editable.push(path.to_string());
                    }
                }
            }
            PRESET_PARAM => out.preset = Some(value.trim().to_string()),
            LANG_PARAM => match Lang::from_code(&value) {
                Some(l) => out.lang = Some(l),
                None => out
                    .problems
                    .push(PageProblem::UnknownLang(value.trim().into())),
            },
            _ => {}
        }
    }
    if embed {
        out.embed = Some(EmbedOptions {
            charts: charts.unwrap_or_else(|| ChartKind::ALL.to_vec()),
            editable,
        });
    }
    out
}

/// The query string (with its `?`) that asks for `embed` in `lang`, for the
/// iframe snippet.
pub fn embed_query(embed: &EmbedOptions, lang: Lang) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair(EMBED_PARAM, "1");
    q.append_pair(LANG_PARAM, lang.code());
    if embed.charts != ChartKind::ALL {
        let names: Vec<&str> = embed.charts.iter().map(|k| k.slug()).collect();
        q.append_pair(CHARTS_PARAM, &names.join(","));
    }
    if !embed.editable.is_empty() {
        q.append_pair(EDIT_PARAM, &embed.editable.join(","));
    }
    format!("?{}", q.finish())
}

/// The `type` of the message an embed posts to its parent page with its height
/// (`{type: "funnel-lab:height", height: 1234}`), on every change of its size.
pub const HEIGHT_MESSAGE: &str = "funnel-lab:height";

/// The origin (`https://x.org:8080`) of an absolute `http(s)` address, which the
/// snippet's script checks messages against.
pub fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    (host_end > 0).then(|| &url[..url.len() - rest.len() + host_end])
}

/// A copy-paste `<iframe>` for a course page showing `app_url` (the app's address
/// with its query and share-link fragment), titled for screen readers in `lang`,
/// `height` pixels tall (see [`suggested_height`]) for pages that add no script,
/// followed by a few lines of script that size the frame to the height the embed
/// posts ([`HEIGHT_MESSAGE`], accepted only from the app's origin and only for
/// the frame that sent it, so several embeds on one page each get their own).
pub fn iframe_snippet(app_url: &str, lang: Lang, height: u32) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;");
    let (src, title) = (escape(app_url), escape(&lang.t("embed-iframe-title")));
    let frame = format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>"
    );
    let Some(origin) = origin_of(app_url) else {
        return frame;
    };
    // A JSON string is a JavaScript string; `<` is escaped so that nothing in
    // it can end the script element.
    let origin = serde_json::to_string(origin)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    format!(
        "{frame}\n<script>\naddEventListener(\"message\", function (e) {{\n  \
         if (e.origin !== {origin} || !e.data || e.data.type !== \"{HEIGHT_MESSAGE}\") return;\n  \
         var h = Math.ceil(Number(e.data.height));\n  \
         if (!(h > 0 && h < 100000)) return;\n  \
         document.querySelectorAll(\"iframe\").forEach(function (f) {{\n    \
         if (f.contentWindow === e.source) f.style.height = h + \"px\";\n  }});\n}});\n</script>"
    )
}

/// Pixels an embed of `scenario` with `options` takes in a column 700 px wide
/// (fitted to the presets measured in Chromium, within 2%), for the iframe's
/// `height` attribute on pages that add no script: the title, status and
/// closing line, the headline cards, each picked field and each section it sits
/// in, and each chart it draws (the funnel grows with the offers, the channels'
/// returns with the channels; a life-cycle chart needs its stage on).
pub fn suggested_height(scenario: &Scenario, options: &EmbedOptions) -> u32 {
    const FRAME: u32 = 150; // title, status, closing line, margins
    const CARDS: u32 = 379; // seven cards in two rows; the payback card's explanation is the tallest
    const FIELD: u32 = 58;
    // A price whose demand responds also shows its factor and the two-price-tests form.
    const PRICE_RESPONSE: u32 = 80;
    const SECTION: u32 = 90; // a section's heading and an item's frame
    const CHART_GAP: u32 = 13;
    let offers = scenario.offers.len() as u32;
    // Life-cycle charts whose stage is off are not drawn.
    let stages = crate::results::Stages::of(scenario);
    let channel_rows = scenario.channels.len() as u32 + u32::from(scenario.referrals.is_some());
    let chart = |kind: &ChartKind| {
        CHART_GAP
            + match kind {
                ChartKind::Funnel => 232 + 62 * offers,
                ChartKind::ProfitHistogram => 426,
                // The life cycle's fan charts are drawn like cumulative profit.
                ChartKind::ProfitOverTime
                | ChartKind::ActiveSubscribers
                | ChartKind::Mrr
                | ChartKind::ActiveRepeat => 444,
                ChartKind::ChannelRoi => 145 + 40 * channel_rows,
            }
    };
    let fields: Vec<Field> = options
        .editable
        .iter()
        .filter_map(|p| Field::parse(p))
        .filter(|f| f.exists(scenario))
        .collect();
    let responds = |f: &Field| match f.key {
        inputs::Key::LeadMagnetPrice => scenario.lead_magnet.price_halving_step.is_some(),
        inputs::Key::OfferPrice => scenario
            .offers
            .get(f.item)
            .is_some_and(|o| o.price_halving_step.is_some()),
        _ => false,
    };
    let price_responses = fields.iter().filter(|f| responds(f)).count() as u32;
    let mut sections: Vec<(inputs::Group, usize)> =
        fields.iter().map(|f| (f.spec().group, f.item)).collect();
    sections.sort();
    sections.dedup();
    FRAME
        + CARDS
        + FIELD * fields.len() as u32
        + PRICE_RESPONSE * price_responses
        + SECTION * sections.len() as u32
        + options
            .charts
            .iter()
            .filter(|kind| kind.shown(stages))
            .map(chart)
            .sum::<u32>()
}

/// One section of the embed maker's field picker: its title ("Tripwire",
/// "Nurture") and the fields a reader may be offered in it.
#[derive(Clone, Debug, PartialEq)]
pub struct PickerGroup {
    /// The section's title in the page's language.
    pub title: String,
    /// Its fields: path and label, in the editor's order.
    pub fields: Vec<(String, String)>,
}

/// The fields an embed's author can let readers change, grouped by the
/// editor's sections in its order, labelled in `lang`. Texts (names, ids,
/// currency) and offer references are left out: changing them teaches a reader
/// nothing and can only break the scenario.
pub fn picker_groups(scenario: &Scenario, lang: Lang) -> Vec<PickerGroup> {
    let mut groups: Vec<((inputs::Group, usize), PickerGroup)> = Vec::new();
    for f in inputs::fields(scenario) {
        let spec = f.spec();
        if matches!(
            spec.domain,
            inputs::Domain::Text { .. } | inputs::Domain::OfferId
        ) {
            continue;
        }
        let key = (spec.group, f.item);
        let at = match groups.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let title = crate::i18n::group_title(lang, scenario, spec.group, f.item)
                    .unwrap_or_else(|| lang.t("embed-group-scenario"));
                groups.push((
                    key,
                    PickerGroup {
                        title,
                        fields: Vec::new(),
                    },
                ));
                groups.len() - 1
            }
        };
        let label = lang.t(&crate::i18n::field_id(spec.key));
        groups[at].1.fields.push((f.path(), label));
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Every field of `scenario` an embed can offer for editing, by path (the paths
/// the validator uses in its messages): the fields of the table that the
/// scenario has, ordered by key at each level of the file and by index in lists.
pub fn field_paths(scenario: &Scenario) -> Vec<String> {
    let mut paths: Vec<String> = inputs::fields(scenario)
        .into_iter()
        .map(Field::path)
        .collect();
    paths.sort_by(|a, b| path_order(a).cmp(path_order(b)));
    paths
}

/// One level of a path: a key, or an index in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The levels of a path such as `channels[0].name`, in order.
fn path_order(path: &str) -> impl Iterator<Item = Step<'_>> {
    path.split('.').flat_map(|part| {
        let (key, index) = match part.strip_suffix(']').and_then(|p| p.split_once('[')) {
            Some((key, index)) => (key, index.parse().ok()),
            None => (part, None),
        };
        std::iter::once(Step::Key(key)).chain(index.map(Step::Index))
    })
}

/// The editable paths that are not fields of `scenario`, as messages in `lang`.
pub fn unknown_fields(scenario: &Scenario, editable: &[String], lang: Lang) -> Vec<String> {
    editable
        .iter()
        .filter(|p| !Field::parse(p).is_some_and(|f| f.exists(scenario)))
        .map(|p| lang.t_with("notice-unknown-field", &[("path", p.into())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_address_is_the_full_app() {
        assert_eq!(parse_query(""), PageOptions::default());
        assert_eq!(parse_query("?utm_source=x"), PageOptions::default());
    }
}
