//! The Web Worker that runs simulations off the main thread (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    funnel_lab::web::worker::start_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "funnel-lab-worker runs in the browser as a Web Worker: build it with `trunk build`."
    );
}
