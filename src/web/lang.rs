//! The page's language: chosen when the page starts ([`crate::i18n::choose`]:
//! the address, the reader's earlier choice, a share link, the browser),
//! switched in the header, remembered in storage (never by an embed), and the
//! page's words: [`t`] and [`tw`] look ids up in the current language's
//! catalogue (`locales/*.ftl`), [`nf`] writes its numbers.
//!
//! Switching rebuilds the page's view from the state (the scenario, results
//! and run stay), so every text is simply looked up when it is built.

use super::state::AppState;
use super::storage::BrowserStore;
use crate::format::NumberFormat;
use crate::i18n::{Arg, Lang};
use crate::persist::KeyValueStore;
use leptos::prelude::*;
use std::cell::Cell;

/// Where the reader's choice of language is kept.
const LANG_KEY: &str = "funnel-lab/lang";

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
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
/// remembers the choice.
pub fn switch_to(state: AppState, l: Lang, embed: bool) {
    if !embed {
        // A failure only means the choice is not remembered.
        let _ = BrowserStore::open().set(LANG_KEY, l.code());
    }
    start_in(l);
    state.lang.set(l);
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
