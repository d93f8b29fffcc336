//! The browser app. It adapts the core to the page and computes nothing itself:
//! the editor edits a [`Scenario`](funnel_lab::scenario::Scenario), the core validates it,
//! Web Workers run the engine, and the dashboard draws the core's
//! [`RunResult`](funnel_lab::results::RunResult) with the core's chart functions.
//!
//! The page and its workers are one wasm module ([`start`] picks the role): the
//! page compiles it once and hands the compiled module to each worker, so the
//! code they share (the scenario, its validation, serde) is downloaded once.
#![cfg(target_arch = "wasm32")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![allow(clippy::neg_cmp_op_on_partial_ord)]

mod app;
mod canvas;
mod compare;
mod correlations;
mod dashboard;
mod decide;
mod editor;
mod embed_maker;
mod fields;
mod files;
mod keep;
mod lang;
mod layout;
mod measure;
mod pool;
mod pricing;
mod run;
mod seek;
mod state;
mod step_tests;
pub mod storage;
mod sweep;
pub mod worker;

pub use app::App;

/// Starts the module in the role of the context it runs in: the page's app in a
/// window, or the worker its name says inside a Web Worker ([`worker`]).
pub fn start() {
    use wasm_bindgen::JsCast;
    if js_sys::global().is_instance_of::<web_sys::Window>() {
        start_app();
    } else {
        worker::start_worker();
    }
}

/// Mounts the app on the page's body, once the catalogue of the language it
/// starts in is at hand (fetched first when the page does not carry it; if
/// that fails, the page starts in English and says why).
pub fn start_app() {
    console_error_panic_hook::set_once();
    let wanted = app::wanted_language();
    if wanted.is_loaded() {
        leptos::mount::mount_to_body(app::App);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(why) = lang::load(wanted).await {
            lang::set_start_problem(why);
        }
        leptos::mount::mount_to_body(app::App);
    });
}
