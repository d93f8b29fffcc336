//! Web Workers: [`spawn`] starts one on the page, and inside it
//! [`start_worker`] makes the page's own wasm module play either role of
//! [`funnel_lab::protocol`], chosen by the name the page gives the worker: a
//! [`Runner`] simulating chunks, or the [`Summariser`]. Both only move
//! messages: `[header as JSON text]` or `[header, trials as bytes]`, the bytes
//! transferred, never copied between threads.

use funnel_lab::pricing::job::{handle, PricingReply, PricingRequest};
use funnel_lab::protocol::{
    Runner, RunnerReply, RunnerRequest, Summariser, SummariserReply, SummariserRequest,
};
use js_sys::{Array, Uint8Array};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, Worker, WorkerOptions};

/// The worker's script (copied beside the page by Trunk): it waits for its
/// first message, imports the app's JavaScript and instantiates the module the
/// page compiled, whose start makes it a worker (see [`crate::start`]).
const WORKER_SCRIPT: &str = "./worker.js";
/// Name of the summariser worker (any other name: a runner).
pub const SUMMARISER: &str = "summariser";
/// Name of the pricing lab's worker (sweeps and goal seek, [`funnel_lab::pricing::job`]).
pub const PRICING: &str = "pricing";

/// Starts a worker named `name` (its role, see [`start_worker`]) on the page's
/// own wasm module: the first message it gets names the app's JavaScript (from
/// the page's start tag, see `boot.js`) and carries the compiled module, which a
/// worker instantiates without downloading or compiling anything.
pub fn spawn(name: &str) -> Result<Worker, String> {
    let app_js = app_script_url().ok_or("the page's start tag names no app script")?;
    let opts = WorkerOptions::new();
    opts.set_name(name);
    opts.set_type(web_sys::WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_SCRIPT, &opts).map_err(|e| error_text(&e))?;
    let boot = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&boot, &"js".into(), &app_js.into());
    let _ = js_sys::Reflect::set(&boot, &"module".into(), &wasm_bindgen::module());
    worker.post_message(&boot).map_err(|e| error_text(&e))?;
    Ok(worker)
}

/// The app's JavaScript as an absolute address (a worker resolves relative ones
/// against its own script, the page against its base).
fn app_script_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let tag = document.query_selector("script[data-app-js]").ok()??;
    let name = tag.get_attribute("data-app-js")?;
    let base = document.base_uri().ok()??;
    web_sys::Url::new_with_base(&name, &base)
        .ok()
        .map(|u| u.href())
}

fn error_text(e: &JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// A message as it travels: a JSON header and, for a chunk, its trials as bytes.
pub fn message(header: &impl Serialize, payload: Option<&Uint8Array>) -> Array {
    let text = serde_json::to_string(header).unwrap_or_default();
    let parts = Array::of1(&JsValue::from_str(&text));
    if let Some(p) = payload {
        parts.push(p);
    }
    parts
}

/// The transfer list of a message: its payload's buffer, moved rather than copied.
pub fn transfer(payload: Option<&Uint8Array>) -> Array {
    payload.map_or_else(Array::new, |p| Array::of1(&p.buffer()))
}

/// The header text and payload of a message.
pub fn read(ev: &MessageEvent) -> (String, Option<Uint8Array>) {
    let data = ev.data();
    if !Array::is_array(&data) {
        return (String::new(), None);
    }
    let parts: Array = data.unchecked_into();
    let header = parts.get(0).as_string().unwrap_or_default();
    let payload = parts.get(1).dyn_into::<Uint8Array>().ok();
    (header, payload)
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(header: &impl Serialize, payload: Option<Vec<u8>>) {
    let bytes = payload.map(|b| Uint8Array::from(&b[..]));
    let _ = scope()
        .post_message_with_transfer(&message(header, bytes.as_ref()), &transfer(bytes.as_ref()));
}

thread_local! {
    /// False while a message is being handled, and for ever after a trap (out of
    /// memory, a panic): wasm stops without unwinding, so the handler that trapped
    /// never returns, and a worker in that state must not touch its state again.
    static SOUND: Cell<bool> = const { Cell::new(true) };
}

/// Runs `f` unless an earlier handler trapped (then the worker stays silent:
/// the page has been told by its `error` event).
fn guarded(f: impl FnOnce()) {
    if SOUND.with(|s| s.replace(false)) {
        f();
        SOUND.with(|s| s.set(true));
    }
}

fn now() -> f64 {
    scope()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Runs inside the Web Worker: takes the role its name gives it and says Ready.
pub fn start_worker() {
    let summariser = scope().name() == SUMMARISER;
    let pricing = scope().name() == PRICING;
    // Last words: a panic is reported to the page before the worker dies.
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        let message = info.to_string();
        if pricing {
            post(&PricingReply::Panicked { message }, None);
        } else if summariser {
            post(&SummariserReply::Panicked { message }, None);
        } else {
            post(&RunnerReply::Panicked { message }, None);
        }
    }));
    if pricing {
        start_pricing();
    } else if summariser {
        start_summariser();
    } else {
        start_runner();
    }
}

fn start_runner() {
    let runner = Rc::new(RefCell::new(Runner::new()));
    // A chunk runs in a task of its own, scheduled through a message channel,
    // so that requests that arrived meanwhile (a new run) are read first.
    let channel = MessageChannel::new().expect("a worker can open a message channel");
    let scheduled = Rc::new(Cell::new(false));
    let wake = {
        let port = channel.port2();
        let scheduled = scheduled.clone();
        move || {
            if !scheduled.replace(true) {
                let _ = port.post_message(&JsValue::NULL);
            }
        }
    };
    let drain = {
        let (runner, scheduled, wake) = (runner.clone(), scheduled.clone(), wake.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |_: MessageEvent| {
            guarded(|| {
                scheduled.set(false);
                let done = runner.borrow_mut().run_next(&now);
                if let Some((reply, bytes)) = done {
                    post(&reply, Some(bytes));
                }
                if runner.borrow().has_work() {
                    wake();
                }
            })
        })
    };
    channel
        .port1()
        .set_onmessage(Some(drain.as_ref().unchecked_ref()));
    drain.forget();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        guarded(|| on_runner_message(&runner, &wake, &ev))
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&RunnerReply::Ready, None);
}

fn on_runner_message(runner: &RefCell<Runner>, wake: &dyn Fn(), ev: &MessageEvent) {
    let (header, _) = read(ev);
    match serde_json::from_str::<RunnerRequest>(&header) {
        Ok(request) => {
            if let Some(reply) = runner.borrow_mut().receive(request) {
                post(&reply, None);
            }
            if runner.borrow().has_work() {
                wake();
            }
        }
        Err(e) => post(
            &RunnerReply::Failed {
                run_id: 0,
                message: format!("unreadable request: {e}"),
            },
            None,
        ),
    }
}

fn start_summariser() {
    let summariser = RefCell::new(Summariser::new());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        guarded(|| on_summariser_message(&summariser, &ev))
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&SummariserReply::Ready, None);
}

fn on_summariser_message(summariser: &RefCell<Summariser>, ev: &MessageEvent) {
    let (header, payload) = read(ev);
    match serde_json::from_str::<SummariserRequest>(&header) {
        Ok(request) => {
            let bytes = payload.map(|p| p.to_vec());
            summariser
                .borrow_mut()
                .receive(request, bytes.as_deref(), &now, &mut |reply| {
                    post(&reply, None)
                });
        }
        Err(e) => post(
            &SummariserReply::Failed {
                run_id: 0,
                message: format!("unreadable request: {e}"),
            },
            None,
        ),
    }
}

fn start_pricing() {
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        guarded(|| {
            let (header, _) = read(&ev);
            match serde_json::from_str::<PricingRequest>(&header) {
                Ok(request) => handle(request, &mut |reply| post(&reply, None)),
                Err(e) => post(
                    &PricingReply::Failed {
                        job_id: 0,
                        message: format!("unreadable request: {e}"),
                    },
                    None,
                ),
            }
        })
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&PricingReply::Ready, None);
}
