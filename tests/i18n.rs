//! The two languages: every message in both catalogues with the same
//! variables, every id the code asks for present, no English words built in
//! the page's code outside the catalogues, Russian plural forms, and the
//! core's texts (charts, validation messages, presets) in both languages.

use funnel_lab::i18n::{self, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each message of Fluent text: its id and the variables it uses.
fn messages(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in ftl.lines() {
        let starts_message =
            line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && line.contains(" = ");
        if starts_message {
            let id = line.split(" = ").next().unwrap().trim().to_string();
            assert!(
                out.insert(id.clone(), BTreeSet::new()).is_none(),
                "{id} is written twice"
            );
            current = Some(id);
        } else if !line.starts_with(' ') {
            current = None;
        }
        if let Some(id) = &current {
            let vars = out.get_mut(id).unwrap();
            let mut rest = line;
            while let Some(i) = rest.find('$') {
                rest = &rest[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                // "$79" and "79 $" are money, not variables.
                if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    vars.insert(name);
                }
            }
        }
    }
    out
}

/// Messages whose languages use different variables on purpose.
const OWN_VARIABLES: &[(&str, &str)] = &[(
    "describe-funnel-stage",
    "English counts the people (“1,500 leads”), Russian names the stage (“Лиды — 1 500”)",
)];

#[test]
fn both_catalogues_parse_and_have_the_same_ids_and_variables() {
    let en = i18n::english_ftl();
    for (lang, text) in [(Lang::En, en.as_str()), (Lang::Ru, i18n::RU_FTL)] {
        let (_, errors) = i18n::Catalogue::new(lang, text);
        assert!(errors.is_empty(), "{lang:?}: {errors:?}");
    }
    let (en, ru) = (messages(&en), messages(i18n::RU_FTL));
    let missing_ru: Vec<_> = en.keys().filter(|k| !ru.contains_key(*k)).collect();
    let missing_en: Vec<_> = ru.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing_ru.is_empty(),
        "missing in locales/ru.ftl: {missing_ru:?}"
    );
    assert!(
        missing_en.is_empty(),
        "missing in locales/en.ftl: {missing_en:?}"
    );
    for (id, vars) in &en {
        if OWN_VARIABLES.iter().any(|(x, _)| x == id) {
            continue;
        }
        assert_eq!(
            vars, &ru[id],
            "{id}: the two languages use different variables"
        );
    }
    for id in i18n::derived_ids() {
        assert!(
            Lang::Ru.has(&id),
            "{id} (made from a table) is not translated"
        );
    }
}

/// Every Rust file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of Rust source (plain `"…"`; raw strings are not used
/// for text), with the text before each.
fn literals(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes: Vec<char> = source.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            '/' if bytes.get(i + 1) == Some(&'/') => {
                while i < bytes.len() && bytes[i] != '\n' {
                    i += 1;
                }
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime.
                if bytes.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else if bytes.get(i + 1) == Some(&'\\') && bytes.get(i + 3) == Some(&'\'') {
                    i += 4;
                } else {
                    i += 1;
                }
            }
            '"' => {
                let before: String = bytes[i.saturating_sub(40)..i].iter().collect();
                let mut text = String::new();
                i += 1;
                while i < bytes.len() && bytes[i] != '"' {
                    if bytes[i] == '\\' {
                        i += 1;
                    }
                    text.push(bytes[i]);
                    i += 1;
                }
                i += 1;
                out.push((before, text));
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a literal of the page's code reads as words for people rather than
/// a catalogue id, a CSS class, an attribute, a path or a format pattern:
/// two letters or more followed by a space and another letter, or a capital
/// followed by small letters.
fn reads_as_words(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let words = chars
        .windows(3)
        .any(|w| w[0].is_alphabetic() && w[1] == ' ' && w[2].is_alphabetic());
    let capitalised = chars
        .windows(2)
        .any(|w| w[0].is_uppercase() && w[1].is_lowercase());
    words || capitalised
}

/// Literals of the page's code that are words but not for people (CSS class
/// lists, log messages), exactly.
const NOT_FOR_PEOPLE: &[&str] = &[
    "card {tone}",
    "notice info",
    "notice problem",
    "field toggle",
    "field uncertain",
    "runbar compact",
    "embed-fields editor-picked",
    "panel library",
    "panel files",
    "panel embed-maker",
    "chart {kind:?} not drawn: {e}",
    "chart tornado",
    "section correlations",
    "tornado not drawn: {e}",
    "Files",
    "funnel-lab/lang",
    "note drop-hint",
    "QuotaExceededError",
    "SecurityError",
    // The worker links no catalogue: its protocol failures are technical details.
    "a worker can open a message channel",
    "unreadable request: {e}",
    // The app's entry built natively by mistake: a developer's terminal.
    "funnel-lab-app runs in the browser: build it with `trunk build` (see README).",
    // A worker cannot start on a page without the start tag (only in tests).
    "the page's start tag names no app script",
];

#[test]
fn the_page_builds_no_english_outside_the_catalogues() {
    let mut files = Vec::new();
    rust_files(Path::new("web/src"), &mut files);
    let mut found = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (before, text) in literals(&source) {
            let doc = before.contains("///") || before.contains("//!");
            if doc || !reads_as_words(&text) || NOT_FOR_PEOPLE.contains(&text.as_str()) {
                continue;
            }
            found.push(format!("{}: “{text}”", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "English written in the page's code (put it in locales/*.ftl and call t()):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_id_the_code_asks_for_is_in_the_catalogues() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut asked = BTreeSet::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (before, text) in literals(&source) {
            let call = ["t(", "t_with(", "tw(", "message("]
                .iter()
                .any(|c| before.trim_end().ends_with(c));
            let id_like = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if call && id_like && text.contains('-') {
                asked.insert(text);
            }
        }
    }
    assert!(
        asked.len() > 100,
        "the scan finds the ids ({} found)",
        asked.len()
    );
    for id in &asked {
        for lang in Lang::ALL {
            assert!(
                lang.has(id),
                "{id} is asked for but not in {lang:?}'s catalogue"
            );
        }
    }
    // Ids made at run time.
    for form in funnel_lab::scenario::UncertainForm::ALL {
        assert!(Lang::Ru.has(&format!("form-{}", form.key())), "{form:?}");
        for part in form.part_names() {
            assert!(Lang::Ru.has(&format!("part-{part}")), "{part}");
        }
    }
    for kind in funnel_lab::charts::ChartKind::ALL {
        for prefix in ["chart-title-", "chart-name-"] {
            let id = format!("{prefix}{}", kind.slug());
            assert!(Lang::Ru.has(&id) && Lang::En.has(&id), "{id}");
        }
    }
}

#[test]
fn russian_plurals_follow_the_number() {
    let done = |n: u64| {
        Lang::Ru.t_with(
            "status-done",
            &[("trials", n.into()), ("seconds", "1,5".into())],
        )
    };
    assert_eq!(done(1), "1 испытание за 1,5 с");
    assert_eq!(done(2), "2 испытания за 1,5 с");
    assert_eq!(done(5), "5 испытаний за 1,5 с");
    assert_eq!(done(11), "11 испытаний за 1,5 с");
    assert_eq!(done(21), "21 испытание за 1,5 с");
    assert_eq!(done(24), "24 испытания за 1,5 с");
    assert_eq!(done(10_000), "10\u{a0}000 испытаний за 1,5 с");
    let en = |n: u64| {
        Lang::En.t_with(
            "status-done",
            &[("trials", n.into()), ("seconds", "1.5".into())],
        )
    };
    assert_eq!(en(1), "1 trial in 1.5 s");
    assert_eq!(en(10_000), "10,000 trials in 1.5 s");
}

#[test]
fn the_language_comes_from_the_browser_then_english() {
    assert_eq!(Lang::from_browser(["ru-RU", "en"]), Lang::Ru);
    assert_eq!(Lang::from_browser(["de-DE", "ru"]), Lang::Ru);
    assert_eq!(Lang::from_browser(["en-GB", "ru"]), Lang::En);
    assert_eq!(Lang::from_browser(["fr"]), Lang::En);
    assert_eq!(Lang::from_browser([]), Lang::En);
    assert_eq!(Lang::from_code("RU"), Some(Lang::Ru));
    assert_eq!(Lang::from_code("uk"), None);
}

#[test]
fn the_address_wins_then_the_readers_choice_then_the_link_then_the_browser() {
    use funnel_lab::i18n::choose;
    let (en, ru) = (Some(Lang::En), Some(Lang::Ru));
    assert_eq!(choose(ru, en, en, ["en"]), Lang::Ru);
    assert_eq!(choose(None, en, ru, ["ru"]), Lang::En);
    assert_eq!(choose(None, None, ru, ["en"]), Lang::Ru);
    assert_eq!(choose(None, None, None, ["ru-RU"]), Lang::Ru);
    assert_eq!(choose(None, None, None, ["de"]), Lang::En);
}

#[test]
fn share_links_carry_the_language_and_old_links_still_open() {
    use funnel_lab::persist::{decode_link, encode_link, encode_share_link, open_share_link};
    use funnel_lab::persist::{LinkExtras, Saved};
    let saved = Saved::with_default_run(funnel_lab::presets::example());
    let extras = LinkExtras {
        lang: Some(Lang::Ru),
        baseline: None,
    };
    let link = encode_share_link(&saved, &extras);
    let opened = open_share_link(&link).unwrap();
    assert_eq!((&opened.saved, opened.lang), (&saved, Some(Lang::Ru)));
    assert_eq!(opened.baseline, None);
    assert_eq!(decode_link(&link), Ok(saved.clone()));
    let old = encode_link(&saved);
    let opened = open_share_link(&old).unwrap();
    assert_eq!((opened.saved, opened.lang), (saved, None));
}

#[test]
fn validation_messages_come_from_the_typed_problems_in_both_languages() {
    use funnel_lab::scenario::Uncertain;
    let mut sc = funnel_lab::presets::by_id("classic")
        .unwrap()
        .scenario_in(Lang::Ru);
    sc.channels[0].optin_rate = Uncertain::Fixed(1.5);
    sc.nurture.touches_per_week = 9.0;
    sc.channels[0].end_day = 400;
    let errors = sc.check().unwrap_err();
    let ru: Vec<String> = errors
        .errors()
        .iter()
        .map(|e| i18n::field_error(Lang::Ru, &sc, e))
        .collect();
    let en: Vec<String> = errors
        .errors()
        .iter()
        .map(|e| i18n::field_error(Lang::En, &sc, e))
        .collect();
    assert!(
        ru.iter().any(|m| m == "Видеореклама: Конверсия в лида (channels[0].optin_rate): это доля, она не больше 1 (сейчас 1,5); 5% пишется как 0,05"),
        "{ru:#?}"
    );
    assert!(
        ru.iter()
            .any(|m| m == "Прогрев: Касаний в неделю в окне (nurture.touches_per_week): должно быть от 0 до 7 (сейчас 9)"),
        "{ru:#?}"
    );
    assert!(
        ru.iter()
            .any(|m| m.contains("день 400 за горизонтом (180 дней)")),
        "{ru:#?}"
    );
    assert!(
        en.iter().any(|m| m == "Видеореклама: Opt-in rate (channels[0].optin_rate): is a rate and must be at most 1 (got 1.5); write 5% as 0.05"),
        "{en:#?}"
    );
    assert!(
        en.iter()
            .any(|m| m == "Nurture: Touches a week in it (nurture.touches_per_week): must be from 0 to 7 (got 9)"),
        "{en:#?}"
    );
    // The CLI keeps the English `Display`, exactly.
    assert!(errors.to_string().contains(
        "channels[0].optin_rate: is a rate and must be at most 1 (got 1.5); write 5% as 0.05"
    ));
}

#[test]
fn price_response_and_correlation_problems_speak_the_language() {
    use funnel_lab::correlation::Correlation;
    use funnel_lab::scenario::Uncertain;
    let mut sc = funnel_lab::presets::by_id("classic")
        .unwrap()
        .scenario_in(Lang::Ru);
    sc.offers[0].price_halving_step = Some(Uncertain::Fixed(0.0));
    sc.correlations = vec![
        Correlation::new("channels[0].optin_rate", "nowhere.at_all", 0.5),
        Correlation::new("channels[0].optin_rate", "channels[0].optin_rate", 1.5),
    ];
    let errors = sc.check().unwrap_err();
    let said = |lang| -> Vec<String> {
        errors
            .errors()
            .iter()
            .map(|e| i18n::field_error(lang, &sc, e))
            .collect()
    };
    let (ru, en) = (said(Lang::Ru), said(Lang::En));
    let has = |list: &[String], part: &str| list.iter().any(|m| m.contains(part));
    for (list, part) in [
        (&ru, "(offers[0].price_halving_step): должно быть больше 0 (рост цены, вдвое снижающий спрос) (сейчас 0)"),
        (&ru, "в этом сценарии нет поля с путём «nowhere.at_all»"),
        (&ru, "должно быть числом строго между −1 и 1 (сейчас 1,5)"),
        (&en, "(offers[0].price_halving_step): must be above 0 (a price rise that halves demand) (got 0)"),
        (&en, "no field of this scenario has the path “nowhere.at_all”"),
        (&en, "must be a number strictly between −1 and 1 (got 1.5)"),
    ] {
        assert!(has(list, part), "{part}\n{list:#?}");
    }
}

#[test]
fn presets_have_their_names_in_each_language_and_the_same_numbers() {
    for p in funnel_lab::presets::all() {
        let (en, ru) = (p.scenario_in(Lang::En), p.scenario_in(Lang::Ru));
        assert_eq!(en, p.scenario(), "{}: English is the file as shipped", p.id);
        assert_ne!(en.name, ru.name, "{}", p.id);
        assert!(
            ru.name
                .chars()
                .any(|c| ('а'..='я').contains(&c.to_ascii_lowercase())),
            "{}",
            ru.name
        );
        let mut same = ru.clone();
        same.name = en.name.clone();
        for (a, b) in same.channels.iter_mut().zip(&en.channels) {
            a.name = b.name.clone();
        }
        for (a, b) in same.offers.iter_mut().zip(&en.offers) {
            a.name = b.name.clone();
        }
        assert_eq!(same, en, "{}: only names differ", p.id);
        assert!(ru.check().is_ok(), "{}", p.id);
        assert!(p.is(&ru) && p.is(&en));
        assert!(!p.title_in(Lang::Ru).is_empty() && p.explanation_in(Lang::Ru) != p.explanation);
        // A sentence added to the English explanation (its prices, days,
        // shares) shows up as numbers the Russian one lacks.
        let (en_numbers, ru_numbers) = (
            numbers_in(p.explanation),
            numbers_in(&p.explanation_in(Lang::Ru)),
        );
        let missing: Vec<_> = en_numbers.difference(&ru_numbers).collect();
        assert!(
            missing.is_empty(),
            "{}: the Russian explanation lacks {missing:?}",
            p.id
        );
    }
}

/// The numbers written in `text`, group separators (",", spaces) removed:
/// "3,000" and "3 000" are both "3000" (the explanations have no decimals).
fn numbers_in(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut n = String::new();
        while i < chars.len() {
            let c = chars[i];
            let next_digit = chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if c.is_ascii_digit() {
                n.push(c);
            } else if matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}') && next_digit {
                // A group separator: 3,000 / 3 000.
            } else if c == '.' && next_digit {
                n.push('.');
            } else {
                break;
            }
            i += 1;
        }
        out.insert(n);
    }
    out
}

#[test]
fn charts_and_their_descriptions_speak_the_language() {
    use funnel_lab::charts::{describe, render_svg, ChartKind, ChartStyle};
    use funnel_lab::engine::{Plan, RunOptions};
    use funnel_lab::results::RunResult;
    use funnel_lab::stats::Batch;
    let mut sc = funnel_lab::presets::example();
    sc.currency = "RUB".into();
    let plan = Plan::new(sc.validate().unwrap(), RunOptions::new(200, 1)).unwrap();
    let run = RunResult::from_batch(&plan, &Batch::run(&plan, 0, 200));
    let profit = describe(ChartKind::ProfitHistogram, &run, Lang::Ru);
    assert!(profit.starts_with("Медианная прибыль "), "{profit}");
    assert!(profit.contains("\u{a0}₽"), "{profit}");
    let funnel = describe(ChartKind::Funnel, &run, Lang::Ru);
    assert!(
        funnel.starts_with("Медианы по 200 испытаниям: Посетители — "),
        "{funnel}"
    );
    let style = ChartStyle {
        scale: 1.0,
        lang: Lang::Ru,
    };
    let svg = render_svg(ChartKind::ProfitHistogram, &run, &style, 700, 360).unwrap();
    assert!(
        svg.contains("Прибыль, ₽") && svg.contains("Испытания"),
        "axis captions"
    );
    assert!(svg.contains("тыс."), "compact Russian ticks");
    let en = describe(ChartKind::ProfitHistogram, &run, Lang::En);
    assert!(en.starts_with("Median profit ") && en.contains('₽'), "{en}");
}

#[test]
fn limits_and_link_refusals_speak_the_language_with_its_numbers() {
    use funnel_lab::limits::Over;
    use funnel_lab::persist::LinkError;
    let nbsp = |t: String| t.replace('\u{a0}', " ");
    let over = Over::Items {
        found: 20_000,
        max: 200,
        noun: "channels",
    };
    assert_eq!(
        nbsp(i18n::over_limit(Lang::Ru, &over)),
        "слишком много (каналы): 20 000, а в сценарии может быть не больше 200"
    );
    assert!(i18n::over_limit(Lang::En, &over).starts_with("too many "));
    let more = Over::MoreTexts { more: 3 };
    assert!(
        nbsp(i18n::over_limit(Lang::Ru, &more)).starts_with("и ещё 3 слишком длинных текста"),
        "{}",
        i18n::over_limit(Lang::Ru, &more)
    );
    let big = i18n::link_error(Lang::Ru, &LinkError::TooLarge);
    assert!(
        nbsp(big.clone()).contains("больше чем в 1 000 000 байт"),
        "{big}"
    );
    assert!(i18n::link_error(Lang::En, &LinkError::TooLarge).contains("1,000,000 bytes"));
}

/// Preset texts name their amounts in the scenario's currency: the preset's
/// own (USD) by default, and the currency it is switched to, in both languages.
#[test]
fn preset_texts_name_amounts_in_the_currency() {
    let p = funnel_lab::presets::by_id("tripwire-ladder").unwrap();
    assert!(
        p.tagline_in(Lang::En).contains("$7"),
        "{}",
        p.tagline_in(Lang::En)
    );
    assert!(
        p.tagline_in(Lang::Ru).contains("7\u{a0}$"),
        "{}",
        p.tagline_in(Lang::Ru)
    );
    for lang in Lang::ALL {
        let (tagline, explanation) = (p.tagline_with(lang, "RUB"), p.explanation_with(lang, "RUB"));
        for text in [&tagline, &explanation] {
            assert!(
                text.contains('₽') && !text.contains('$'),
                "{lang:?}: {text}"
            );
        }
    }
    assert!(p.tagline_with(Lang::Ru, "RUB").contains("249\u{a0}₽"));
    assert!(p.tagline_with(Lang::En, "EUR").contains("€249"));
    // Every preset's texts: no amount left in dollars when the currency is roubles.
    for p in funnel_lab::presets::all() {
        for lang in Lang::ALL {
            let text = format!(
                "{} {}",
                p.tagline_with(lang, "RUB"),
                p.explanation_with(lang, "RUB")
            );
            assert!(
                !text.contains('$') && !text.contains("MONEY"),
                "{} {lang:?}: {text}",
                p.id
            );
        }
    }
}
