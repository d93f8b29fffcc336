//! The browser's one wasm module: the page's app in a window, a simulation,
//! summarising or pricing worker inside a Web Worker (see `funnel_lab_web::start`).

#[cfg(target_arch = "wasm32")]
fn main() {
    funnel_lab_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("funnel-lab-app runs in the browser: build it with `trunk build` (see README).");
}
