//! The page: header with presets and run controls, the editor, the results,
//! and the glossary. Runs start by themselves a moment after each valid edit
//! (see [`super::run`]).

use super::dashboard::Dashboard;
use super::editor::Editor;
use super::embed_maker::EmbedMaker;
use super::fields::{parse_number, Picked};
use super::keep::{self, FilesPanel, LibraryPanel, Notices};
use super::lang::{self as page_lang, lang, nf, t, tw, LangSwitch};
use super::layout::{self, HeadlineBar, PhoneTabs, PhoneView, SkipLink};
use super::run::{start_runs, CancelButton, PrecisionPicker, RunStatusView};
use super::state::{AppState, Tone};
use super::storage::BrowserStore;
use funnel_lab::embed::{self, EmbedOptions, PageOptions};
use funnel_lab::glossary;
use funnel_lab::i18n::{self, Lang};
use funnel_lab::limits::MAX_APP_TRIALS;
use funnel_lab::persist::Library;
use funnel_lab::presets;
use funnel_lab::startup;
use leptos::prelude::*;

fn location() -> (String, String) {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            (l.search().unwrap_or_default(), l.hash().unwrap_or_default())
        })
        .unwrap_or_default()
}

/// Whether the page is shown in a frame of another site (whose address this
/// page may not read). Same-site frames and top-level tabs are not.
fn framed_by_another_site() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let framed = w.parent().ok().flatten().is_some_and(|p| {
        let me: &wasm_bindgen::JsValue = w.as_ref();
        let parent: &wasm_bindgen::JsValue = p.as_ref();
        me != parent
    });
    framed
        && w.top()
            .ok()
            .flatten()
            .and_then(|t| t.location().origin().ok())
            .is_none_or(|o| Some(o) != w.location().origin().ok())
}

/// What the full app shows inside another site's frame: only a link that opens
/// it in its own tab (so that no page can dress it up or trick clicks into
/// it). The embed mode (`?embed`) is made to be framed and shows normally.
fn own_tab_only() -> impl IntoView {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    view! {
        <div class="own-tab">
            <p>{t("own-tab")}</p>
            <a data-action="open-own-tab" href=href target="_blank" rel="noopener">{t("own-tab-open")}</a>
        </div>
    }
}

/// Chooses the page's language ([`i18n::choose`]: the address, the reader's
/// earlier choice (full app only), the share link's, the browser's) and sets
/// it, remembering a language named in the full app's address.
///
/// A language whose catalogue the page could not fetch ([`wanted_language`]
/// names it before the page is built) gives way to English.
fn start_language(page: &PageOptions, hash: &str) -> Lang {
    let embed = page.embed.is_some();
    let chosen = Some(choose_language(page, hash))
        .filter(|l| l.is_loaded())
        .unwrap_or(Lang::En);
    if let (Some(l), false) = (page.lang, embed) {
        page_lang::remember(l);
    }
    page_lang::start_in(chosen);
    chosen
}

/// The language the page is to start in ([`i18n::choose`]), nothing set. A
/// share link is opened for its language only when the address and the
/// reader's earlier choice leave it to the link.
fn choose_language(page: &PageOptions, hash: &str) -> Lang {
    let before = if page.embed.is_some() {
        None
    } else {
        page_lang::chosen_before()
    };
    let link = if page.lang.or(before).is_none() {
        funnel_lab::persist::open_share_link(hash)
            .ok()
            .and_then(|l| l.lang)
    } else {
        None
    };
    let browser = page_lang::browser_languages();
    i18n::choose(page.lang, before, link, browser.iter().map(String::as_str))
}

/// The language the page at this address is to start in, so that its
/// catalogue can be fetched before the page is built.
pub(super) fn wanted_language() -> Lang {
    let (search, hash) = location();
    choose_language(&embed::parse_query(&search), &hash)
}

/// The whole app: the full editor, or the compact embed named in the address.
#[component]
pub fn App() -> impl IntoView {
    let (search, hash) = location();
    let page = embed::parse_query(&search);
    let lang = start_language(&page, &hash);
    let embed_options = page.embed.clone();
    if embed_options.is_none() && framed_by_another_site() {
        return own_tab_only().into_any();
    }
    let mut library = Library::new(if embed_options.is_some() {
        BrowserStore::none()
    } else {
        BrowserStore::open()
    });
    let begin = startup::start(&page, &hash, &mut library, lang);
    let state = AppState::new(begin.saved.scenario.clone(), begin.preset, library);
    state.lang.set(lang);
    state.trials.set(begin.saved.trials);
    state.seed.set(begin.saved.seed);
    state.autosave_hold.set(begin.hold_autosave);
    provide_context(state);
    state.refresh_names();
    if let Some(why) = page_lang::take_start_problem() {
        state.notify(
            Tone::Problem,
            tw("language-not-loaded", &[("why", why.into())]),
            Vec::new(),
            None,
        );
    }
    if embed_options.is_none() {
        super::compare::start_baseline(state, begin.from_link.then_some(hash.as_str()));
    }
    for note in begin.notes {
        state.note(note);
    }
    if let Some(e) = &embed_options {
        for p in embed::unknown_fields(&begin.saved.scenario, &e.editable, lang) {
            state.notify(Tone::Problem, p, Vec::new(), None);
        }
    }
    if begin.link_held {
        keep::forget_link_in_address();
    }
    if begin.opening.is_some() {
        // Nothing is autosaved until the page has shown what it opened.
        state.opening.set(true);
        keep::finish_opening(state, begin.from_link);
    }

    start_runs(state);

    name_the_tab(state);

    // Keep the work in the browser (never in embed mode: a course page must
    // not overwrite what the reader keeps in the full app).
    if embed_options.is_none() {
        keep::install_keeping(state);
        install_drop_target(state);
    }

    if let Some(options) = embed_options {
        embed_mode(&options);
        // The whole page is rebuilt in the new language when it is switched.
        return (move || {
            state.lang.track();
            let options = options.clone();
            untrack(|| embed_page(state, options))
        })
        .into_any();
    }
    // The page itself comes in the next task: this one has read the saved work,
    // checked the scenario and started the workers (which take far longer than
    // a task to load), and building the page here too made the start one task of
    // 60-124 ms of CPU, most of it the browser compiling the functions it calls
    // for the first time.
    let page_ready = later(1);
    (move || {
        state.lang.track();
        page_ready.get().then(|| untrack(full_page))
    })
    .into_any()
}

/// The full app's page, in the page's language.
fn full_page() -> impl IntoView {
    // The page is built in steps, each a task of its own, so that none holds the
    // page long: the header and run bar first, then the results, the editor,
    // the keeping panels, the pricing lab and the glossary.
    let (dashboard_ready, editor_ready) = (later(1), later(2));
    let (rest_ready, pricing_ready, glossary_ready) = (later(3), later(4), later(5));
    // Phones show the editor or the results (tabs in the sticky bar); the
    // results first, so that the first result is on the first screen.
    let phone_view = RwSignal::new(PhoneView::Results);
    let bar = NodeRef::new();
    layout::track_bar_height(bar);
    layout::place_tooltips();
    view! {
        <SkipLink view=phone_view />
        <header class="top">
            <div class="brand">
                <h1>{t("app-title")}</h1>
                <p class="tagline">{t("app-tagline")}</p>
            </div>
            <div class="header-controls">
                <PresetPicker />
                <LangSwitch />
            </div>
        </header>
        // Right below the header, so that on a phone the headline numbers and
        // the Edit / Results tabs are on the first screen.
        <div class="runbar" role="region" aria-label=t("region-run") node_ref=bar>
            <RunStatusView />
            <CancelButton />
            <HeadlineBar />
            <PhoneTabs view=phone_view />
        </div>
        <Notices />
        <div class="keep">
            {move || rest_ready.get().then(|| view! {
                <LibraryPanel />
                <FilesPanel />
                <EmbedMaker />
            })}
        </div>
        <PresetNote />
        <div class="run-settings" role="region" aria-label=t("region-settings")>
            <RunSettings />
            <PrecisionPicker />
        </div>
        <main class="layout" data-view=move || phone_view.get().key()>
            <aside class="left">
                <h2>{t("your-funnel")}</h2>
                {move || editor_ready.get().then(|| view! { <Editor /> })}
            </aside>
            <div class="right" id="results" tabindex="-1">
                <h2>{t("what-follows")}</h2>
                {move || dashboard_ready.get().then(|| view! { <Dashboard /> })}
                {move || pricing_ready.get().then(|| view! { <super::pricing::PricingLab /> })}
            </div>
        </main>
        {move || glossary_ready.get().then(|| view! { <Glossary /> })}
        <footer class="foot">
            <p>{t("footer")}</p>
        </footer>
        <div class="drop-overlay" aria-hidden="true"><p>{t("drop-overlay")}</p></div>
    }
}

/// Runs `f` in a task of its own right after this one, unless the component
/// that asked has left the page meanwhile: `alive`, one of its signals or
/// stored values, is then disposed (the page is rebuilt in another language,
/// for one), and `f` would read what no longer exists.
pub(super) fn next_task(alive: impl IsDisposed + 'static, f: impl FnOnce() + 'static) {
    set_timeout(
        move || {
            if !alive.is_disposed() {
                f();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// A signal that turns true `steps` tasks from now (a part of the page built
/// then keeps each task of the page's start short).
pub(super) fn later(steps: u32) -> RwSignal<bool> {
    fn tick(ready: RwSignal<bool>, left: u32) {
        next_task(ready, move || {
            if left <= 1 {
                ready.set(true);
            } else {
                tick(ready, left - 1);
            }
        });
    }
    let ready = RwSignal::new(false);
    tick(ready, steps);
    ready
}

/// The tab's title names the scenario (tabs, bookmarks, history).
fn name_the_tab(state: AppState) {
    Effect::new(move |_| {
        let name = state.scenario.with(|s| s.name.clone());
        state.lang.track();
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&if name.trim().is_empty() {
                t("app-title")
            } else {
                tw("tab-title", &[("name", name.trim().into())])
            });
        }
    });
}

/// Marks the page as an embed (styles) and gives its fields the author's picks.
fn embed_mode(options: &EmbedOptions) {
    layout::post_height_to_parent();
    layout::place_tooltips();
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.class_list().add_1("embedded");
    }
    provide_context(Picked(options.editable.iter().cloned().collect()));
}

/// The compact page for an iframe: the chosen charts, the picked fields, and a
/// link to the full app with the reader's version of the scenario.
fn embed_page(state: AppState, options: EmbedOptions) -> impl IntoView {
    let picked = !options.editable.is_empty();
    let full_app = move || keep::share_url(&state.tracked_saved(), None);
    view! {
        <div class="embed-page">
            <header class="embed-top">
                <strong class="embed-title">{move || state.scenario.with(|s| s.name.clone())}</strong>
                <LangSwitch embed=true />
                <a class="full-app" data-action="open-full-app" href=full_app target="_blank" rel="noopener">{t("embed-open-full")}</a>
            </header>
            <Notices />
            <div class="runbar compact" role="region" aria-label=t("region-run")>
                <RunStatusView />
                <CancelButton />
            </div>
            {picked.then(|| view! { <div class="embed-fields editor-picked"><Editor /></div> })}
            <Dashboard charts=options.charts compact=true />
            <p class="embed-foot">{t("embed-foot")}</p>
        </div>
    }
}

/// Lets a scenario file be dropped anywhere on the page (and stops the browser
/// from leaving the app to show the file instead).
fn install_drop_target(state: AppState) {
    let set_dragging = |on: bool| {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let list = body.class_list();
            let _ = if on {
                list.add_1("dragging")
            } else {
                list.remove_1("dragging")
            };
        }
    };
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer().is_some_and(|dt| {
            dt.types()
                .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
        })
    };
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            set_dragging(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (not just one element of it).
        if ev.related_target().is_none() {
            set_dragging(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        set_dragging(false);
        let file = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            keep::import_file(state, file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
}

#[component]
fn PresetPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = presets::all()
        .iter()
        .map(|p| view! { <option value=p.id selected=move || state.preset.get() == Some(p.id)>{p.title_in(lang())}</option> })
        .collect_view();
    view! {
        <label class="preset">
            {t("start-from")} " "
            <select data-action="preset" on:change=move |ev| keep::load_preset(state, &event_target_value(&ev))>{options}</select>
        </label>
    }
}

#[component]
fn PresetNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Amounts in the scenario's currency, following it when it changes.
    let currency = Memo::new(move |_| state.scenario.with(|s| s.currency.clone()));
    move || {
        state.preset.get().and_then(presets::by_id).map(|p| {
            view! {
                <details class="preset-note" open>
                    <summary><strong>{p.title_in(lang())}</strong>": "
                        {move || p.tagline_with(lang(), &currency.get())}</summary>
                    <p>{move || p.explanation_with(lang(), &currency.get())}</p>
                </details>
            }
        })
    }
}

#[component]
fn RunSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let trials_error = RwSignal::new(None::<String>);
    let seed_error = RwSignal::new(None::<String>);
    // Rebuilt when a scenario is loaded (its trials and seed come with it).
    move || {
        state.editor_epoch.track();
        let trials0 = state.trials.get_untracked().to_string();
        let seed0 = state.seed.get_untracked().to_string();
        trials_error.set(None);
        seed_error.set(None);
        untrack(|| run_settings_body(state, trials0, seed0, trials_error, seed_error))
    }
}

fn run_settings_body(
    state: AppState,
    trials0: String,
    seed0: String,
    trials_error: RwSignal<Option<String>>,
    seed_error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="settings">
            <label>{t("trials-label")} " "
                <input type="text" inputmode="numeric" data-path="trials" size="7" prop:value=trials0
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        match parse_number(&text).ok().filter(|x| x.fract() == 0.0 && (1.0..=MAX_APP_TRIALS as f64).contains(x)) {
                            Some(x) => { trials_error.set(None); state.trials.set(x as u64); }
                            None => trials_error.set(Some(tw("trials-invalid", &[("text", text.into()), ("max", nf().count(MAX_APP_TRIALS as f64).into())]))),
                        }
                    } />
                {crate::fields::hint("trial")}
            </label>
            <label>{t("seed-label")} " "
                <input type="text" inputmode="numeric" data-path="seed" size="6" prop:value=seed0
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        match text.trim().parse::<u64>() {
                            Ok(x) => { seed_error.set(None); state.seed.set(x); }
                            Err(_) => seed_error.set(Some(tw("seed-invalid", &[("text", text.into())]))),
                        }
                    } />
                {crate::fields::hint("seed")}
            </label>
            {move || trials_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || seed_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

#[component]
fn Glossary() -> impl IntoView {
    let items = glossary::TERMS
        .iter()
        .filter_map(|term| {
            let (name, meaning) = i18n::term(lang(), term.id)?;
            Some(view! { <div id=format!("term-{}", term.id)><dt>{name}</dt><dd>{meaning}</dd></div> })
        })
        .collect_view();
    view! {
        <details class="glossary">
            <summary><h2>{t("glossary")}</h2></summary>
            <dl>{items}</dl>
        </details>
    }
}
