//! Page addresses: presets and the embed mode for course pages.

use funnel_lab::charts::ChartKind;
use funnel_lab::embed::*;
use funnel_lab::i18n::Lang;
use funnel_lab::presets;

#[test]
fn the_embed_flag_alone_shows_every_chart_and_no_field() {
    for q in ["?embed", "embed", "?embed=1", "?embed=yes&utm=x"] {
        let o = parse_query(q);
        assert_eq!(o.embed, Some(EmbedOptions::default()), "{q}");
        assert!(o.problems.is_empty(), "{q}");
    }
    for q in ["?embed=0", "?embed=false", "?charts=funnel", ""] {
        assert_eq!(parse_query(q).embed, None, "{q}");
    }
}

#[test]
fn charts_and_fields_are_read_in_the_authors_order_without_repeats() {
    let o = parse_query(
        "?embed&charts=channel-roi,%20funnel,channel-roi&edit=offers%5B0%5D.price,channels[1].optin_rate,offers[0].price",
    );
    let e = o.embed.unwrap();
    assert_eq!(e.charts, vec![ChartKind::ChannelRoi, ChartKind::Funnel]);
    assert_eq!(
        e.editable,
        vec!["offers[0].price", "channels[1].optin_rate"]
    );
    assert!(o.problems.is_empty());
}

#[test]
fn unknown_charts_are_reported_by_name_and_skipped() {
    let o = parse_query("?embed&charts=pie,funnel");
    assert_eq!(o.embed.unwrap().charts, vec![ChartKind::Funnel]);
    assert_eq!(o.problems.len(), 1);
    let message = o.problems[0].message(Lang::En);
    assert!(message.contains("“pie”"), "{message}");
    assert!(message.contains("profit-histogram"), "lists the names");
    assert!(o.problems[0]
        .message(Lang::Ru)
        .contains("нет такого графика"));
}

#[test]
fn the_language_is_read_from_the_address_and_unknown_ones_are_reported() {
    assert_eq!(parse_query("?lang=ru").lang, Some(Lang::Ru));
    assert_eq!(parse_query("?embed&lang=EN").lang, Some(Lang::En));
    assert_eq!(parse_query("?embed").lang, None);
    let o = parse_query("?lang=de");
    assert_eq!(o.lang, None);
    assert_eq!(o.problems, vec![PageProblem::UnknownLang("de".into())]);
    assert!(o.problems[0].message(Lang::En).contains("en, ru"));
}

#[test]
fn a_preset_can_be_named() {
    assert_eq!(
        parse_query("?preset=membership").preset.as_deref(),
        Some("membership")
    );
}

#[test]
fn the_query_the_app_writes_reads_back() {
    for e in [
        EmbedOptions::default(),
        EmbedOptions {
            charts: vec![ChartKind::ProfitOverTime],
            editable: vec![
                "offers[1].price".into(),
                "nurture.conversion_per_touch".into(),
            ],
        },
    ] {
        for lang in Lang::ALL {
            let q = embed_query(&e, lang);
            assert!(q.starts_with("?embed=1"), "{q}");
            let page = parse_query(&q);
            assert_eq!(page.embed, Some(e.clone()), "{q}");
            assert_eq!(page.lang, Some(lang), "{q}");
        }
    }
}

#[test]
fn field_paths_are_the_validators_paths_and_unknown_ones_are_named() {
    let sc = presets::by_id("example").unwrap().scenario();
    let paths = field_paths(&sc);
    for p in [
        "name",
        "horizon_days",
        "channels[0].visitors_per_day",
        "channels[0].optin_rate",
        "offers[0].price",
        "offers[1].take_rate",
        "nurture.conversion_per_touch",
        "lead_magnet.price",
    ] {
        assert!(paths.iter().any(|x| x == p), "{p} missing from {paths:?}");
    }
    assert!(!paths.iter().any(|p| p == "schema"));
    // An uncertain value is one field, not its parts.
    assert!(!paths
        .iter()
        .any(|p| p.ends_with(".low") || p.contains("uniform")));
    // The first offer has no take rate.
    assert!(!paths.iter().any(|p| p == "offers[0].take_rate"));
    let problems = unknown_fields(
        &sc,
        &[
            "offers[0].price".into(),
            "offers[9].price".into(),
            "<b>".into(),
        ],
        Lang::En,
    );
    assert_eq!(problems.len(), 2);
    assert!(problems[0].contains("offers[9].price"));
}

#[test]
fn the_iframe_snippet_escapes_its_address() {
    let s = iframe_snippet("https://x.org/lab/?embed=1&charts=funnel#s1.a\"b", Lang::En);
    assert!(
        s.starts_with("<iframe src=\"https://x.org/lab/?embed=1&amp;charts=funnel#s1.a&quot;b\""),
        "{s}"
    );
    assert!(s.ends_with("</iframe>"));
}
