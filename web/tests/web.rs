//! In-browser tests (wasm-bindgen-test in headless Chromium):
//! `cargo test --target wasm32-unknown-unknown -p funnel-lab-web --test web` (see scripts/test-all.sh).
#![cfg(target_arch = "wasm32")]

use funnel_lab::pool::Schedule;
use funnel_lab::presets;
use funnel_lab::protocol::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn tick(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Mounts the app in a fresh element and returns it.
fn mount() -> HtmlElement {
    // Each test starts from the default preset, not from what the last one autosaved.
    if let Ok(Some(storage)) = web_sys::window().unwrap().local_storage() {
        storage.clear().unwrap();
    }
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), funnel_lab_web::App).forget();
    host
}

/// Waits until the page is built: it is built in steps, a task each (the
/// glossary comes last), which a slow debug build may take a while over.
async fn built(host: &HtmlElement) {
    for _ in 0..500 {
        if query(host, ".glossary dt").is_some() {
            tick(10).await;
            return;
        }
        tick(10).await;
    }
    panic!("the page was not built within 5 s");
}

fn query(host: &HtmlElement, selector: &str) -> Option<web_sys::Element> {
    host.query_selector(selector).unwrap()
}

fn type_into(host: &HtmlElement, selector: &str, text: &str) -> HtmlInputElement {
    let input: HtmlInputElement = query(host, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    input.set_value(text);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    input
}

/// The error messages shown in the field that holds `selector`.
fn field_errors(host: &HtmlElement, selector: &str) -> String {
    let el = query(host, selector).unwrap();
    let field = el.closest(".field").unwrap().unwrap();
    let errors = field.query_selector_all(".error").unwrap();
    (0..errors.length())
        .map(|i| errors.item(i).unwrap().text_content().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[wasm_bindgen_test]
async fn app_shows_every_part_of_the_scenario() {
    let host = mount();
    built(&host).await;
    for path in [
        "name",
        "currency",
        "horizon_days",
        "channels[0].name",
        "channels[0].start_day",
        "nurture.touches_per_week",
        "nurture.interest_half_life_days",
        "offers[0].id",
    ] {
        assert!(
            query(&host, &format!("[data-path=\"{path}\"]")).is_some(),
            "no field for {path}"
        );
    }
    for path in [
        "channels[0].optin_rate",
        "nurture.conversion_per_touch",
        "offers[0].price",
        "fixed_costs_per_month",
    ] {
        assert!(
            query(&host, &format!(".uncertain[data-path=\"{path}\"]")).is_some(),
            "no uncertain field for {path}"
        );
    }
    let presets_shown = host
        .query_selector_all("[data-action=preset] option")
        .unwrap()
        .length();
    assert_eq!(presets_shown as usize, presets::all().len());
    let terms = host.query_selector_all(".glossary dt").unwrap().length();
    assert_eq!(terms as usize, funnel_lab::glossary::TERMS.len());
    assert!(
        host.query_selector_all(".hint").unwrap().length() > 20,
        "terms are explained where they appear"
    );
}

/// Ticks the checkbox at `selector` (a stage or option toggle).
fn tick_box(host: &HtmlElement, selector: &str) {
    let input: HtmlInputElement = query(host, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    input.set_checked(true);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_editor_has_an_input_for_every_field_of_the_table() {
    use funnel_lab::inputs::{self, Domain};
    use funnel_lab::scenario::defaults;
    let host = mount();
    built(&host).await;
    // Every optional stage on, win-back and the lead magnet's price response too.
    for toggle in ["repeat:on", "subscription:on", "referrals:on"] {
        tick_box(&host, &format!("[data-path=\"{toggle}\"]"));
        tick(20).await;
    }
    tick_box(&host, "[data-path=\"repeat.winback:on\"]");
    tick_box(&host, "[data-path=\"lead_magnet.price_halving_step:on\"]");
    tick(50).await;
    let mut sc = presets::all()[0].scenario();
    let mut repeat = defaults::repeat(String::new());
    repeat.winback = Some(defaults::winback());
    sc.repeat = Some(repeat);
    sc.subscription = Some(defaults::subscription(String::new()));
    sc.referrals = Some(defaults::referrals(String::new()));
    // Ticking the price response sets the step and the reference price.
    sc.lead_magnet.price_halving_step = Some(funnel_lab::scenario::Uncertain::Fixed(20.0));
    sc.lead_magnet.price_reference = Some(0.0);
    let fields = inputs::fields(&sc);
    assert!(fields.len() > 50, "{}", fields.len());
    for f in fields {
        let path = f.path();
        let el = query(&host, &format!("[data-path=\"{path}\"]"))
            .unwrap_or_else(|| panic!("no input for {path}"));
        let spec = f.spec();
        // The label is the table's, and uncertain fields offer "observed" only for rates.
        let field = el.closest(".field").unwrap().unwrap();
        let label = field.query_selector("label").unwrap().unwrap();
        assert!(
            label.text_content().unwrap().starts_with(spec.label),
            "{path}: {:?}",
            label.text_content()
        );
        if spec.may_be_uncertain() {
            assert!(field.class_list().contains("uncertain"), "{path}");
            let observed = field
                .query_selector("select.form option[value=observed]")
                .unwrap()
                .is_some();
            assert_eq!(observed, spec.domain == Domain::Rate, "{path}");
        }
    }
}

#[wasm_bindgen_test]
async fn a_bad_value_shows_its_error_at_the_field_and_blocks_runs() {
    let host = mount();
    built(&host).await;
    type_into(&host, "[data-path=\"nurture.touches_per_week\"]", "9");
    tick(50).await;
    let errors = field_errors(&host, "[data-path=\"nurture.touches_per_week\"]");
    assert!(
        errors.contains("from 0 to 7") && errors.contains("9"),
        "{errors}"
    );
    let status = query(&host, ".status").unwrap();
    assert_eq!(status.get_attribute("data-status").as_deref(), Some("idle"));
    assert!(
        status.text_content().unwrap().contains("problem"),
        "{:?}",
        status.text_content()
    );
    // Fixing it clears the error.
    type_into(&host, "[data-path=\"nurture.touches_per_week\"]", "3");
    tick(50).await;
    assert_eq!(
        field_errors(&host, "[data-path=\"nurture.touches_per_week\"]"),
        ""
    );
}

#[wasm_bindgen_test]
async fn unreadable_text_is_kept_and_explained() {
    let host = mount();
    built(&host).await;
    let input = type_into(&host, "[data-path=\"horizon_days\"]", "half a year");
    tick(50).await;
    assert_eq!(input.value(), "half a year", "what the user typed stays");
    let errors = field_errors(&host, "[data-path=\"horizon_days\"]");
    assert!(errors.contains("not a whole number of days"), "{errors}");
    // Observed data must be whole numbers: 0.25 successes is refused at the field.
    let field = "[data-path=\"channels[0].optin_rate\"]";
    let part = "[data-path=\"channels[0].optin_rate\"] input.part";
    if query(&host, &format!("{field} select.form"))
        .map(|s| s.unchecked_into::<web_sys::HtmlSelectElement>().value())
        == Some("observed".into())
    {
        type_into(&host, part, "25%");
        tick(50).await;
        assert!(field_errors(&host, part).contains("whole numbers"));
    }
    // Switched to a fixed rate, "25%" and "0,25" both mean 0.25.
    let select: web_sys::HtmlSelectElement = query(&host, &format!("{field} select.form"))
        .unwrap()
        .unchecked_into();
    select.set_value("fixed");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick(50).await;
    for typed in ["25%", "0,25"] {
        type_into(&host, part, typed);
        tick(50).await;
        assert_eq!(field_errors(&host, part), "", "{typed}");
        let shown = query(&host, &format!("{field} .percent"))
            .unwrap()
            .text_content()
            .unwrap_or_default();
        assert!(shown.contains("25.0%"), "{typed} shows {shown}");
    }
}

#[wasm_bindgen_test]
fn worker_protocol_round_trip_gives_the_native_bytes() {
    // The workers' exact code path: two runners, the summariser, chunks cut by
    // the page's schedule and delivered last first, headers as JSON text and
    // trials as bytes, in wasm.
    let spec = RunSpec {
        run_id: 7,
        scenario: presets::example(),
        trials: 200,
        seed: 1,
    };
    let mut runners = [Runner::new(), Runner::new()];
    for r in &mut runners {
        let start: RunnerRequest =
            serde_json::from_str(&json(&RunnerRequest::Start(Box::new(spec.clone())))).unwrap();
        assert_eq!(r.receive(start), None);
    }
    let mut summariser = Summariser::new();
    let mut replies: Vec<String> = Vec::new();
    let start = SummariserStart {
        spec: spec.clone(),
        limit: 200,
        precision: None,
    };
    summariser.receive(
        SummariserRequest::Start(Box::new(start)),
        None,
        &|| 0.0,
        &mut |r| replies.push(json(&r)),
    );
    let mut schedule = Schedule::new(200, 2, Some(0.5));
    let mut done = Vec::new();
    let mut w = 0;
    while let Some(range) = schedule.next_chunk() {
        let chunk = RunnerRequest::Chunk {
            run_id: 7,
            first: range.start,
            count: range.end - range.start,
        };
        runners[w % 2].receive(serde_json::from_str(&json(&chunk)).unwrap());
        done.push(runners[w % 2].run_next(&|| 0.0).unwrap());
        w += 1;
    }
    assert!(done.len() > 2, "{} chunks", done.len());
    for (reply, bytes) in done.into_iter().rev() {
        let reply: RunnerReply = serde_json::from_str(&json(&reply)).unwrap();
        let RunnerReply::ChunkDone {
            run_id,
            first,
            count,
            ..
        } = reply
        else {
            panic!("{reply:?}")
        };
        let chunk = SummariserRequest::Chunk {
            run_id,
            first,
            count,
        };
        summariser.receive(chunk, Some(&bytes), &|| 0.0, &mut |r| {
            replies.push(json(&r))
        });
    }
    let Some(SummariserReply::Results(r)) =
        replies.last().map(|t| serde_json::from_str(t).unwrap())
    else {
        panic!("no results")
    };
    assert_eq!(r.finished, Some(Finish::Limit));
    // Bit-identical to the summary computed natively (tests/determinism.rs pins it).
    let native = include_str!("../../tests/golden/example-seed1-200.json");
    assert_eq!(
        serde_json::to_string(&r.summary).unwrap(),
        native.trim_end()
    );
}

/// JSON text of a message header, as it travels between the page and its workers.
fn json(x: &impl serde::Serialize) -> String {
    serde_json::to_string(x).unwrap()
}

#[wasm_bindgen_test]
fn the_browser_store_keeps_scenarios_and_never_overwrites_what_it_cannot_read() {
    use funnel_lab::persist::*;
    use funnel_lab_web::storage::BrowserStore;
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    raw.clear().unwrap();
    let store = BrowserStore::open();
    assert!(store.available(), "the test browser has localStorage");
    let mut lib = Library::new(store);
    let s = Saved {
        scenario: presets::all()[0].scenario(),
        trials: 500,
        seed: 9,
    };
    lib.save_as("Plan", &s).unwrap();
    assert_eq!(lib.names().unwrap(), vec!["Plan".to_string()]);
    assert_eq!(lib.open("Plan"), Loaded::Found(Box::new(s.clone())));
    let deleted = lib.delete("Plan").unwrap();
    assert!(lib.names().unwrap().is_empty());
    lib.undo_delete(&deleted).unwrap();
    assert_eq!(lib.open("Plan"), Loaded::Found(Box::new(s.clone())));
    // A value this version cannot read stays exactly as it was.
    raw.set_item(AUTOSAVE_KEY, "{garbage").unwrap();
    assert!(matches!(lib.load_autosave(), Loaded::Unreadable(_)));
    assert!(matches!(lib.autosave(&s), Err(LibraryError::Protected(_))));
    assert_eq!(
        raw.get_item(AUTOSAVE_KEY).unwrap().as_deref(),
        Some("{garbage")
    );
    // The embed's store keeps nothing and says so.
    let mut none = Library::new(BrowserStore::none());
    assert_eq!(
        none.autosave(&s),
        Err(LibraryError::Store(StoreError::Unavailable))
    );
    raw.clear().unwrap();
}

/// The page does not carry the Russian catalogue: until its text is handed
/// over, Russian messages are looked up in English; broken text is refused.
#[wasm_bindgen_test]
fn the_russian_catalogue_is_used_once_its_text_is_handed_over() {
    use funnel_lab::i18n::{load_catalogue, Lang};
    assert!(!Lang::Ru.is_loaded());
    assert_eq!(Lang::Ru.t("language-label"), "Language");
    let refused = load_catalogue(Lang::Ru, "language-label = {").unwrap_err();
    assert!(!refused.is_empty());
    assert!(!Lang::Ru.is_loaded());
    load_catalogue(Lang::Ru, include_str!("../../locales/ru.ftl")).unwrap();
    assert!(Lang::Ru.is_loaded());
    assert_eq!(Lang::Ru.t("language-label"), "Язык");
    assert_eq!(Lang::En.t("language-label"), "Language");
}
