//! Keeping and sharing: the autosave, links pasted into the open app and
//! other tabs' changes; notices with Undo and offers, the saved-scenarios
//! panel, JSON import and export (picker and drag-and-drop), CSV export, share
//! links and the embed snippet. The rules live in the core's `persist`,
//! `startup` and `embed`; this module only connects them to buttons and the
//! browser.

use super::files;
use super::lang::{lang, t, tw};
use super::run::SharedSimulator;
use super::state::{AppState, Tone, Undo};
use funnel_lab::limits::MAX_SCENARIO_BYTES;
use funnel_lab::persist::{self, file_stem, Loaded, Opening, Saved, Source, AUTOSAVE_KEY};
use funnel_lab::presets;
use funnel_lab::startup::{self, Offer};
use leptos::prelude::*;
use std::time::Duration;

/// The page address's fragment (with its `#`), or nothing.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Drops the share link from the address once it is shown, so that a reload
/// shows the autosaved work (with any edits) rather than the link again.
pub fn forget_link_in_address() {
    if let Some(w) = web_sys::window() {
        let l = w.location();
        let url = format!(
            "{}{}",
            l.pathname().unwrap_or_default(),
            l.search().unwrap_or_default()
        );
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// Ends an opening once the page has shown it (after the next painted
/// frame): clears its note in storage, lets autosaving resume, and drops the
/// link from the address when it came from one. If showing it freezes or
/// crashes the page, none of this happens, and the next start does not open
/// it again unasked.
pub fn finish_opening(state: AppState, forget_link: bool) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                state.with_library(|l| l.finish_opening());
                state.opening.set(false);
                if forget_link {
                    forget_link_in_address();
                }
            },
            Duration::ZERO,
        )
    });
}

/// Opens a shared scenario in the open app (a link pasted into the address
/// bar, or opened anyway): the work it replaces is kept as a named scenario
/// first (or, when that fails, the autosave is held), with Undo as well.
pub fn open_link(state: AppState, saved: Saved, opening: Opening) {
    let current = state.saved();
    let Some(incoming) =
        state.with_library(|l| startup::receive_link(l, Some(&current), saved, opening, lang()))
    else {
        return;
    };
    state.opening.set(true);
    if incoming.hold_autosave.is_some() {
        state.autosave_hold.set(incoming.hold_autosave);
    }
    replace(state, incoming.saved, None, None, t("notice-opened-shared"));
    for n in incoming.notes {
        state.note(n);
    }
    state.refresh_names();
    finish_opening(state, true);
}

/// Does what a notice's button offers (see [`Offer`]).
fn act(state: AppState, id: u64, offer: Offer) {
    state.dismiss(id);
    match offer {
        Offer::RunTrials(n) => {
            state.trials.set(n);
            // The run settings show the new number.
            state.editor_epoch.update(|e| *e += 1);
        }
        Offer::OpenAnyway(saved, opening) => match opening.source {
            Source::Link => open_link(state, *saved, opening),
            Source::Autosave => {
                state.with_library(|l| l.begin_opening(&opening));
                state.opening.set(true);
                state.autosave_hold.set(None);
                replace(state, *saved, None, None, t("notice-opened-autosave"));
                finish_opening(state, false);
            }
        },
        Offer::StartClean(source) => {
            if let Some((note, resume)) =
                state.with_library(|l| startup::start_clean(l, source, lang()))
            {
                if resume {
                    state.autosave_hold.set(None);
                }
                state.note(note);
                state.refresh_names();
            }
        }
        Offer::KeepThisTab => {
            let current = state.saved();
            if let Some(note) = state.with_library(|l| startup::keep_this_tab(l, &current, lang()))
            {
                state.note(note);
                state.refresh_names();
            }
        }
    }
}

/// Keeps the work in the browser on every change, opens links pasted into the
/// address bar, and tells the user when another tab changes the autosave. Full
/// app only: an embed never touches what the reader keeps.
pub fn install_keeping(state: AppState) {
    Effect::new(move |_| {
        let saved = state.tracked_saved();
        if state.opening.get() {
            return;
        }
        if let Some(why) = state.autosave_hold.get() {
            state.autosave_problem.set(Some(why));
            return;
        }
        let result = state.with_library(|l| l.autosave(&saved));
        state.autosave_problem.set(
            result
                .and_then(|r| r.err())
                .map(|e| funnel_lab::i18n::library_error(lang(), &e)),
        );
    });
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = location_hash();
        if !persist::looks_like_link(&hash) {
            return;
        }
        match persist::decode_link(&hash) {
            Ok(saved) => open_link(state, saved, Opening::link(&hash)),
            Err(e) => {
                state.notify(
                    Tone::Problem,
                    funnel_lab::i18n::link_error(lang(), &e),
                    Vec::new(),
                    None,
                );
                forget_link_in_address();
            }
        }
    });
    // Fired only by other tabs of this page.
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().is_some_and(|k| k != AUTOSAVE_KEY) {
            return;
        }
        if let Some(note) = startup::other_tab_changed(&state.saved(), ev.new_value().as_deref()) {
            // One such notice at a time: the newest change replaces it.
            state
                .notices
                .update(|n| n.retain(|x| !x.offers.contains(&Offer::KeepThisTab)));
            state.note(note);
        }
    });
    on_cleanup(move || {
        on_hash.remove();
        on_storage.remove();
    });
}

/// The page's address without its query and fragment (where the app lives).
pub fn page_base() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// A share link for `saved`: the page's address with the scenario, the
/// page's language and the pinned baseline (if any) in its fragment.
pub fn share_url(saved: &Saved, baseline: Option<funnel_lab::scenario::Scenario>) -> String {
    format!(
        "{}#{}",
        page_base(),
        persist::encode_share_link(
            saved,
            &persist::LinkExtras {
                lang: Some(lang()),
                baseline,
            }
        )
    )
}

/// Whether the scenario is one of the presets as shipped, in any language
/// (nothing to lose).
fn is_untouched_preset(state: AppState) -> bool {
    state
        .scenario
        .with_untracked(|s| presets::matching(s).is_some())
}

/// Replaces the scenario being edited with `incoming`, with an Undo that puts
/// the replaced one back (so that nothing typed is lost).
pub fn replace(
    state: AppState,
    incoming: Saved,
    preset: Option<&'static str>,
    name: Option<String>,
    message: String,
) {
    let before = state.saved();
    let before_name = state.current_name.get_untracked();
    let untouched = is_untouched_preset(state);
    state.load_saved(incoming, preset);
    state.current_name.set(name);
    let undo = (!untouched).then(|| Undo::Restore(Box::new(before), before_name));
    state.notify(Tone::Info, message, Vec::new(), undo);
}

/// Loads a preset; edited work it replaces can be brought back with Undo.
pub fn load_preset(state: AppState, id: &str) {
    let Some(p) = presets::by_id(id) else { return };
    let saved = Saved {
        scenario: p.scenario_in(lang()),
        trials: state.trials.get_untracked(),
        seed: state.seed.get_untracked(),
    };
    if is_untouched_preset(state) {
        state.load_saved(saved, Some(p.id));
        state.current_name.set(None);
    } else {
        replace(
            state,
            saved,
            Some(p.id),
            None,
            tw(
                "notice-loaded-preset",
                &[("title", p.title_in(lang()).into())],
            ),
        );
    }
}

/// Opens the text of a file (picked or dropped): an unreadable or invalid file
/// is reported with every problem, and changes nothing.
pub fn import_text(state: AppState, file_name: &str, text: &str) {
    let saved = match persist::decode(text) {
        Ok(s) => s,
        Err(e) => {
            let detail = funnel_lab::i18n::read_error(lang(), &e);
            state.notify(
                Tone::Problem,
                tw(
                    "notice-file-unreadable",
                    &[("file", file_name.into()), ("detail", detail.into())],
                ),
                Vec::new(),
                None,
            );
            return;
        }
    };
    if let Err(errors) = saved.scenario.check() {
        let details: Vec<String> = errors
            .errors()
            .iter()
            .map(|e| funnel_lab::i18n::field_error(lang(), &saved.scenario, e))
            .collect();
        let n = details.len();
        state.notify(
            Tone::Problem,
            tw(
                "notice-file-problems",
                &[("file", file_name.into()), ("n", n.into())],
            ),
            details,
            None,
        );
        return;
    }
    let mut saved = saved;
    let trials_note = startup::settle_trials(&mut saved, "file");
    replace(
        state,
        saved,
        None,
        None,
        tw("notice-opened-file", &[("file", file_name.into())]),
    );
    if let Some(n) = trials_note {
        state.note(n);
    }
}

/// Reads a file the user picked or dropped, then imports it; a file over the
/// size limit is refused before it is read.
pub fn import_file(state: AppState, file: web_sys::File) {
    let name = file.name();
    let size = file.size();
    if size > MAX_SCENARIO_BYTES as f64 {
        let over = funnel_lab::limits::check_bytes(size as usize).err();
        state.notify(
            Tone::Problem,
            tw(
                "notice-file-unreadable",
                &[
                    ("file", name.as_str().into()),
                    (
                        "detail",
                        over.map(|e| funnel_lab::i18n::over_limit(lang(), &e.over))
                            .unwrap_or_default()
                            .into(),
                    ),
                ],
            ),
            Vec::new(),
            None,
        );
        return;
    }
    leptos::task::spawn_local(async move {
        match files::read_text(file).await {
            Ok(text) => import_text(state, &name, &text),
            Err(e) => {
                state.notify(
                    Tone::Problem,
                    tw(
                        "notice-file-not-read",
                        &[("file", name.as_str().into()), ("detail", e.into())],
                    ),
                    Vec::new(),
                    None,
                );
            }
        }
    });
}

/// Offers a download, or says why it failed.
pub fn offer_download(state: AppState, file_name: &str, mime: &str, text: &str) {
    if let Err(e) = files::download_text(file_name, mime, text) {
        state.notify(
            Tone::Problem,
            tw(
                "notice-not-saved-file",
                &[("file", file_name.into()), ("detail", e.into())],
            ),
            Vec::new(),
            None,
        );
    }
}

fn stem(state: AppState) -> String {
    state.scenario.with_untracked(|s| file_stem(&s.name))
}

/// A file name stem for the results shown: their run's scenario name (which
/// may differ from the scenario being edited).
fn results_stem(state: AppState) -> String {
    state.results.with_untracked(|r| {
        r.as_ref()
            .map_or_else(|| stem(state), |r| file_stem(&r.header.name))
    })
}

/// Notices, and the autosave problem if there is one.
#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let undo = move |id: u64, what: Undo| {
        state.dismiss(id);
        match what {
            Undo::Restore(saved, name) => {
                state.load_saved(*saved, None);
                state.current_name.set(name);
            }
            Undo::Undelete(d) => {
                let r = state.with_library(|l| l.undo_delete(&d));
                state.refresh_names();
                if let Some(Err(e)) = r {
                    state.notify(
                        Tone::Problem,
                        tw(
                            "notice-not-put-back",
                            &[
                                ("name", d.name.as_str().into()),
                                ("detail", funnel_lab::i18n::library_error(lang(), &e).into()),
                            ],
                        ),
                        Vec::new(),
                        None,
                    );
                }
            }
        }
    };
    let list = move || {
        state
            .notices
            .get()
            .into_iter()
            .map(|n| {
                let id = n.id;
                let (class, tone, role) = match n.tone {
                    Tone::Info => ("notice info", "info", "status"),
                    Tone::Problem => ("notice problem", "problem", "alert"),
                };
                let details = (!n.details.is_empty()).then(|| {
                    view! { <ul>{n.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }
                });
                let undo_button = n.undo.map(|u| {
                    view! { <button type="button" data-action="undo" on:click=move |_| undo(id, u.clone())>{t("undo")}</button> }
                });
                let offer_buttons = n
                    .offers
                    .into_iter()
                    .map(|o| {
                        let (label, key) = (o.label_in(lang()), o.key());
                        view! { <button type="button" data-offer=key on:click=move |_| act(state, id, o.clone())>{label}</button> }
                    })
                    .collect_view();
                view! {
                    <div class=class data-notice=tone role=role>
                        <p>{n.text}</p>
                        {details}
                        <div class="notice-actions">
                            {offer_buttons}
                            {undo_button}
                            <button type="button" class="dismiss" data-action="dismiss" aria-label=t("dismiss")
                                on:click=move |_| state.dismiss(id)>"×"</button>
                        </div>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <div class="notices" aria-live="polite">
            {move || state.autosave_problem.get().map(|p| view! {
                <div class="notice problem" data-notice="storage" role="status">
                    <p>{tw("notice-storage", &[("detail", p.into())])}</p>
                </div>
            })}
            {list}
        </div>
    }
}

/// Save, open, rename, duplicate and delete named scenarios.
#[component]
pub fn LibraryPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let renaming = RwSignal::new(None::<String>);
    let rename_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let problem = move |e: String| {
        state.notify(Tone::Problem, e, Vec::new(), None);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = name_input.get().map(|i| i.value()).unwrap_or_default();
        let name = name.trim().to_string();
        let taken = state.names.with_untracked(|n| n.contains(&name));
        if taken && state.current_name.get_untracked().as_deref() != Some(name.as_str()) {
            problem(tw("notice-name-taken", &[("name", name.as_str().into())]));
            return;
        }
        let saved = state.saved();
        match state.with_library(|l| l.save_as(&name, &saved)) {
            Some(Ok(())) => {
                state.current_name.set(Some(name.clone()));
                state.refresh_names();
                state.notify(
                    Tone::Info,
                    tw("notice-saved-as", &[("name", name.as_str().into())]),
                    Vec::new(),
                    None,
                );
            }
            Some(Err(e)) => problem(funnel_lab::i18n::library_error(lang(), &e)),
            None => {}
        }
    };
    let open = move |name: String| match state.with_library(|l| l.open(&name)) {
        Some(Loaded::Found(saved)) => replace(
            state,
            *saved,
            None,
            Some(name.clone()),
            tw("notice-opened-file", &[("file", name.as_str().into())]),
        ),
        Some(Loaded::Unreadable(e)) => problem(tw(
            "notice-cannot-open",
            &[
                ("name", name.as_str().into()),
                ("detail", funnel_lab::i18n::read_error(lang(), &e).into()),
            ],
        )),
        Some(Loaded::Failed(e)) => problem(funnel_lab::i18n::store_error(lang(), &e)),
        Some(Loaded::Empty) => {
            state.refresh_names();
            problem(tw("notice-gone", &[("name", name.as_str().into())]));
        }
        None => {}
    };
    let finish_rename = move |old: String| {
        let new = rename_input.get().map(|i| i.value()).unwrap_or_default();
        let new = new.trim().to_string();
        if new == old {
            renaming.set(None);
            return;
        }
        match state.with_library(|l| l.rename(&old, &new)) {
            Some(Ok(())) => {
                if state.current_name.get_untracked().as_deref() == Some(old.as_str()) {
                    state.current_name.set(Some(new.clone()));
                }
                renaming.set(None);
                state.refresh_names();
            }
            Some(Err(e)) => problem(funnel_lab::i18n::library_error(lang(), &e)),
            None => {}
        }
    };
    let duplicate = move |name: String| match state.with_library(|l| l.duplicate(&name)) {
        Some(Ok(copy)) => {
            state.refresh_names();
            state.notify(
                Tone::Info,
                tw("notice-copied-as", &[("name", copy.as_str().into())]),
                Vec::new(),
                None,
            );
        }
        Some(Err(e)) => problem(funnel_lab::i18n::library_error(lang(), &e)),
        None => {}
    };
    let delete = move |name: String| match state.with_library(|l| l.delete(&name)) {
        Some(Ok(deleted)) => {
            if state.current_name.get_untracked().as_deref() == Some(name.as_str()) {
                state.current_name.set(None);
            }
            state.refresh_names();
            state.notify(
                Tone::Info,
                tw("notice-deleted", &[("name", name.as_str().into())]),
                Vec::new(),
                Some(Undo::Undelete(deleted)),
            );
        }
        Some(Err(e)) => problem(funnel_lab::i18n::library_error(lang(), &e)),
        None => {}
    };
    let rows = move || {
        state
            .names
            .get()
            .into_iter()
            .map(|text| {
                let current = state.current_name.with(|c| c.as_ref() == Some(&text));
                // Copyable, so that every handler of the row can hold it.
                let name = StoredValue::new(text.clone());
                let editing = move || renaming.with(|r| r.as_ref() == Some(&name.get_value()));
                view! {
                    <li data-name=text.clone() class:current=current>
                        <Show when=editing fallback=move || view! {
                            <span class="name">{name.get_value()}</span>
                            <span class="row-actions">
                                <button type="button" data-action="open" on:click=move |_| open(name.get_value())>{t("library-open")}</button>
                                <button type="button" data-action="rename" on:click=move |_| renaming.set(Some(name.get_value()))>{t("library-rename")}</button>
                                <button type="button" data-action="duplicate" on:click=move |_| duplicate(name.get_value())>{t("library-duplicate")}</button>
                                <button type="button" data-action="delete" on:click=move |_| delete(name.get_value())>{t("library-delete")}</button>
                            </span>
                        }>
                            <form class="rename" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); finish_rename(name.get_value()); }>
                                <input type="text" node_ref=rename_input data-field="rename" prop:value=name.get_value() aria-label=t("library-new-name") />
                                <button type="submit" data-action="rename-ok">{t("library-rename")}</button>
                                <button type="button" on:click=move |_| renaming.set(None)>{t("library-keep")}</button>
                            </form>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    let default_name = move || {
        state
            .current_name
            .get()
            .unwrap_or_else(|| state.scenario.with(|s| s.name.clone()))
    };
    let available = state.library.with_value(|l| l.store().available());
    view! {
        <details class="panel library" data-panel="library">
            <summary>{move || tw("library-summary", &[("n", state.names.with(|n| n.len()).into())])}</summary>
            {(!available).then(|| view! {
                <p class="note">{t("library-unavailable")}</p>
            })}
            <form class="save-as" on:submit=save>
                <input type="text" node_ref=name_input data-field="save-name" aria-label=t("library-name-to-save")
                    prop:value=default_name disabled=!available />
                <button type="submit" data-action="save" disabled=!available>{t("library-save")}</button>
            </form>
            <ul class="names">{rows}</ul>
            {move || (available && state.names.with(|n| n.is_empty())).then(|| view! {
                <p class="note">{t("library-empty")}</p>
            })}
        </details>
    }
}

/// Export and import the scenario as JSON, share it as a link.
#[component]
pub fn FilesPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let export_json = move |_| {
        let text = state.scenario.with_untracked(|s| s.to_json_pretty());
        offer_download(
            state,
            &format!("{}.json", stem(state)),
            "application/json",
            &text,
        );
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_file(state, file);
        }
        // The same file can be picked again after fixing it.
        input.set_value("");
    };
    let share = move |_| {
        let url = share_url(&state.saved(), state.baseline.get_untracked());
        copied.set(false);
        link.set(Some(url.clone()));
        if let Some(w) = web_sys::window() {
            let promise = w.navigator().clipboard().write_text(&url);
            leptos::task::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        }
    };
    // A link made before an edit no longer matches: hide it.
    Effect::new(move |first: Option<()>| {
        state.scenario.track();
        state.trials.track();
        state.seed.track();
        if first.is_some() {
            link.set(None);
        }
    });
    view! {
        <div class="panel files" data-panel="files">
            <button type="button" data-action="export-json" on:click=export_json>{t("export-json")}</button>
            <label class="button">{t("import-json")}
                <input type="file" accept=".json,application/json" data-action="import" on:change=on_pick />
            </label>
            <button type="button" data-action="share" on:click=share>{t("share-link")}</button>
            {move || link.get().map(|url| {
                let len = url.len();
                view! {
                    <div class="share">
                        <input type="text" readonly data-field="share-url" prop:value=url aria-label=t("share-link")
                            on:focus=move |ev| { let i: web_sys::HtmlInputElement = event_target(&ev); i.select(); } />
                        <span class="note">{move || if copied.get() { tw("share-copied", &[("n", len.into())]) } else { tw("share-to-copy", &[("n", len.into())]) }}</span>
                    </div>
                }
            })}
            <span class="note drop-hint">{t("drop-hint")}</span>
        </div>
    }
}

/// CSV downloads of the results: the summary table, and every trial's values.
#[component]
pub fn ResultsExport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let simulator = use_context::<SharedSimulator>();
    let summary_csv = move |_| {
        let text = state.results.with_untracked(|r| {
            r.as_ref()
                .map(|r| funnel_lab::export::summary_csv(&r.summary))
        });
        if let Some(text) = text {
            offer_download(
                state,
                &format!("{}-summary.csv", results_stem(state)),
                "text/csv",
                &text,
            );
        }
    };
    let trials_csv = move |_| {
        if let (Some(sim), Some(run)) = (&simulator, state.finished_run.get_untracked()) {
            sim.request_trials(run);
        }
    };
    view! {
        <div class="results-export">
            <span class="note">{t("download")} " "</span>
            <button type="button" data-action="summary-csv" on:click=summary_csv
                disabled=move || state.results.with(|r| r.is_none())>{t("summary-csv")}</button>
            <button type="button" data-action="trials-csv" on:click=trials_csv
                disabled=move || state.finished_run.get().is_none()
                title=t("trials-csv-title")>{t("trials-csv")}</button>
        </div>
    }
}

/// Called with the worker's per-trial CSV.
pub fn trials_csv_arrived(state: AppState, csv: Result<String, String>) {
    match csv {
        Ok(text) => offer_download(
            state,
            &format!("{}-trials.csv", results_stem(state)),
            "text/csv",
            &text,
        ),
        Err(e) => {
            let detail = if e == funnel_lab::protocol::TRIALS_GONE {
                t("trials-gone")
            } else {
                e
            };
            state.notify(
                Tone::Problem,
                tw("notice-trials-csv", &[("detail", detail.into())]),
                Vec::new(),
                None,
            );
        }
    }
}
