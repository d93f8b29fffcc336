//! The page's language: chosen when the page starts ([`funnel_lab::i18n::choose`]:
//! the address, the reader's earlier choice, a share link, the browser),
//! switched in the header, remembered in storage (never by an embed), and the
//! page's words: [`t`] and [`tw`] look ids up in the current language's
//! catalogue (`locales/*.ftl`), [`nf`] writes its numbers.
//!
//! Switching rebuilds the page's view from the state (the scenario, results
//! and run stay), so every text is simply looked up when it is built.

use super::state::AppState;
use super::storage::BrowserStore;
use funnel_lab::format::NumberFormat;
use funnel_lab::i18n::{Arg, Lang};
use funnel_lab::persist::KeyValueStore;
use funnel_lab::startup::Tone;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the reader's choice of language is kept.
const LANG_KEY: &str = "funnel-lab/lang";

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    /// Why the language the page wanted could not be fetched at its start.
    static START_PROBLEM: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps why the page's language could not be fetched at its start, for the
/// page to say once it is built.
pub fn set_start_problem(why: String) {
    START_PROBLEM.with(|p| *p.borrow_mut() = Some(why));
}

/// Why the page's language could not be fetched at its start, once.
pub fn take_start_problem() -> Option<String> {
    START_PROBLEM.with(|p| p.borrow_mut().take())
}

/// The page's language now.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// The message `id` in the page's language.
pub fn t(id: &str) -> String {
    lang().t(id)
}

/// The message `id` with variables, in the page's language.
pub fn tw(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    lang().t_with(id, args)
}

/// How the page writes numbers now.
pub fn nf() -> NumberFormat {
    lang().numbers()
}

/// The browser's preferred languages (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The language the reader chose before, if storage has one.
pub fn chosen_before() -> Option<Lang> {
    BrowserStore::open()
        .get(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|code| Lang::from_code(&code))
}

/// Sets the page's language before the page is built (nothing is remembered).
pub fn start_in(l: Lang) {
    CURRENT.with(|c| c.set(l));
    set_document_lang(l);
}

/// The `lang` attribute of the page, for screen readers and hyphenation.
fn set_document_lang(l: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", l.code());
    }
}

/// Switches the page to `l` (rebuilding its view) and, unless `embed`,
/// remembers the choice. A catalogue the page does not have yet is fetched
/// first; if that fails, the page stays as it is and says so.
pub fn switch_to(state: AppState, l: Lang, embed: bool) {
    if !l.is_loaded() {
        wasm_bindgen_futures::spawn_local(async move {
            match load(l).await {
                Ok(()) => switch_to(state, l, embed),
                Err(e) => {
                    state.notify(
                        Tone::Problem,
                        tw("language-not-loaded", &[("why", e.into())]),
                        Vec::new(),
                        None,
                    );
                }
            }
        });
        return;
    }
    if !embed {
        // A failure only means the choice is not remembered.
        let _ = BrowserStore::open().set(LANG_KEY, l.code());
    }
    start_in(l);
    state.lang.set(l);
}

/// Fetches `l`'s catalogue (`ru.ftl` beside the page) unless the page has it,
/// and hands it to the core ([`funnel_lab::i18n::load_catalogue`]). The address
/// carries the build's tag, so that a browser never pairs a new page with a
/// catalogue it kept from an older one. An error is the browser's or
/// Fluent's words (or the file's name), for the notice.
pub async fn load(l: Lang) -> Result<(), String> {
    let Some(file) = l.catalogue_file().filter(|_| !l.is_loaded()) else {
        return Ok(());
    };
    let window = web_sys::window().ok_or(file)?;
    let url = match build_tag() {
        Some(tag) => format!("{file}?v={tag}"),
        None => file.to_string(),
    };
    let text = async {
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from_str(&format!(
                "{file}: HTTP {}",
                response.status()
            )));
        }
        JsFuture::from(response.text()?).await
    }
    .await
    .map_err(|e| {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| file.to_string())
    })?;
    let text = text.as_string().unwrap_or_default();
    funnel_lab::i18n::load_catalogue(l, &text)
}

/// What tells this build apart: the hash in the name of the app's wasm file
/// (Trunk's `data-app-wasm` on the boot script), if the page has one.
fn build_tag() -> Option<String> {
    let script = web_sys::window()?
        .document()?
        .query_selector("script[data-app-wasm]")
        .ok()??;
    let name = script.get_attribute("data-app-wasm")?;
    let stem = name.rsplit('/').next()?.trim_end_matches("_bg.wasm");
    let tag = stem.rsplit('-').next()?;
    (!tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric())).then(|| tag.to_string())
}

/// Remembers `l` as the reader's choice (the full app only).
pub fn remember(l: Lang) {
    let _ = BrowserStore::open().set(LANG_KEY, l.code());
}

/// The switch in the header: one button per language, the current one pressed.
#[component]
pub fn LangSwitch(
    /// Whether the page is an embed (which never writes storage).
    #[prop(optional)]
    embed: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let buttons = Lang::ALL
        .into_iter()
        .map(|l| {
            let pressed = move || state.lang.get() == l;
            view! {
                <button type="button" class="lang" data-lang=l.code() lang=l.code() title=l.name()
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| if !pressed() { switch_to(state, l, embed) }>
                    {l.code().to_uppercase()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch" role="group" aria-label=t("language-label")>{buttons}</div>
    }
}
