//! The browser app. It adapts the core to the page and computes nothing itself:
//! the editor edits a [`Scenario`](crate::scenario::Scenario), the core validates it,
//! a Web Worker runs the engine, and the dashboard draws the core's
//! [`RunResult`](crate::results::RunResult) with the core's chart functions.

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
