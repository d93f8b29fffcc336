//! The pricing lab's runs off the main thread: a Web Worker of its own, named
//! [`PRICING`] (the pool's script, a third role beside runner and
//! summariser), started when first asked for. A request
//! ([`funnel_lab::pricing::job::PricingRequest`]) runs the core's progressive sweep
//! or goal seek there and replies after every point; the page's pool and its
//! runs are left alone. Cancelling terminates the worker at once (a point in
//! the middle of its trials cannot be interrupted otherwise); the next request
//! starts a fresh one.

use super::worker::{message, read, spawn, transfer, PRICING};
use funnel_lab::pricing::job::{PricingReply, PricingRequest};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

struct Live {
    worker: Worker,
    /// The job, until the worker says it is ready for it.
    waiting: Option<PricingRequest>,
    _handlers: Vec<Closure<dyn Fn(JsValue)>>,
}

/// One pricing worker and where its replies go.
pub struct PricingWorker {
    live: RefCell<Option<Live>>,
    /// Counts the workers started, so a terminated one's late messages are ignored.
    generation: RefCell<u64>,
    on_reply: Box<dyn Fn(PricingReply)>,
    me: Weak<PricingWorker>,
}

impl PricingWorker {
    /// A handle whose replies go to `on_reply`; no worker starts until a request.
    pub fn new(on_reply: impl Fn(PricingReply) + 'static) -> Rc<PricingWorker> {
        Rc::new_cyclic(|me| PricingWorker {
            live: RefCell::new(None),
            generation: RefCell::new(0),
            on_reply: Box::new(on_reply),
            me: me.clone(),
        })
    }

    /// Stops the job in flight, if any, and starts `request` on a fresh worker
    /// (a job is stopped by ending its worker, see [`PricingWorker::cancel`]).
    pub fn start(&self, request: PricingRequest) {
        self.cancel();
        match self.spawn() {
            Ok(mut live) => {
                // A fresh worker says Ready first; the request waits for that.
                live.waiting = Some(request);
                *self.live.borrow_mut() = Some(live);
            }
            Err(e) => (self.on_reply)(PricingReply::Failed {
                job_id: 0,
                message: e,
            }),
        }
    }

    /// Stops whatever the worker does, at once.
    pub fn cancel(&self) {
        if let Some(live) = self.live.borrow_mut().take() {
            live.worker.terminate();
        }
    }

    fn spawn(&self) -> Result<Live, String> {
        let generation = {
            let mut g = self.generation.borrow_mut();
            *g += 1;
            *g
        };
        let worker = spawn(PRICING)?;
        let me = self.me.clone();
        let on_message = Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
            if let Some(w) = me
                .upgrade()
                .filter(|w| *w.generation.borrow() == generation)
            {
                w.on_message(ev.unchecked_into());
            }
        });
        let me = self.me.clone();
        let on_error = Closure::<dyn Fn(JsValue)>::new(move |ev: JsValue| {
            let text = super::pool::worker_error_text(&ev);
            if let Some(w) = me
                .upgrade()
                .filter(|w| *w.generation.borrow() == generation)
            {
                w.cancel();
                (w.on_reply)(PricingReply::Failed {
                    job_id: 0,
                    message: text,
                });
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Live {
            worker,
            waiting: None,
            _handlers: vec![on_message, on_error],
        })
    }

    fn on_message(&self, ev: MessageEvent) {
        let (header, _) = read(&ev);
        let reply = match serde_json::from_str::<PricingReply>(&header) {
            Ok(reply) => reply,
            Err(e) => PricingReply::Failed {
                job_id: 0,
                message: e.to_string(),
            },
        };
        if reply == PricingReply::Ready {
            if let Some(live) = self.live.borrow_mut().as_mut() {
                if let Some(request) = live.waiting.take() {
                    post(&live.worker, &request);
                }
            }
            return;
        }
        (self.on_reply)(reply);
    }
}

fn post(worker: &Worker, request: &PricingRequest) {
    let _ = worker.post_message_with_transfer(&message(request, None), &transfer(None));
}
