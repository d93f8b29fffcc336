//! The browser's `localStorage` as a [`KeyValueStore`], through `gloo-storage`.
//! Every failure (no storage in private mode or a blocked frame, a full quota)
//! becomes a [`StoreError`]; nothing here panics or throws.

use funnel_lab::persist::{KeyValueStore, StoreError};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

/// Key written and removed once to see whether storage works at all.
const PROBE_KEY: &str = "funnel-lab/probe";

/// `localStorage`, or nothing (embed mode, or a browser that refuses storage).
#[derive(Clone, Copy, Debug)]
pub struct BrowserStore {
    available: bool,
}

fn storage_works() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // Reading `window.localStorage` itself throws in a frame whose storage is blocked.
    let Ok(Some(storage)) = window.local_storage() else {
        return false;
    };
    // Some private modes hand out a storage that refuses every write.
    storage.set_item(PROBE_KEY, "1").is_ok() && storage.remove_item(PROBE_KEY).is_ok()
}

fn js_error(e: JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
        "SecurityError" => StoreError::Unavailable,
        _ => StoreError::Other(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| name.to_string()),
        ),
    }
}

impl BrowserStore {
    /// The page's `localStorage`, if the browser lets the page use it.
    pub fn open() -> Self {
        BrowserStore {
            available: storage_works(),
        }
    }

    /// A store that keeps nothing (embed mode: a course page must not touch
    /// what the reader saved in the full app).
    pub fn none() -> Self {
        BrowserStore { available: false }
    }

    /// Whether values can be kept.
    pub fn available(&self) -> bool {
        self.available
    }

    fn raw(&self) -> Result<web_sys::Storage, StoreError> {
        if self.available {
            // Safe to call: `open` checked that storage exists.
            Ok(LocalStorage::raw())
        } else {
            Err(StoreError::Unavailable)
        }
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.raw()?.get_item(key).map_err(js_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.raw()?.set_item(key, value).map_err(js_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.raw()?;
        LocalStorage::delete(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let raw = self.raw()?;
        let n = raw.length().map_err(js_error)?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = raw.key(i).map_err(js_error)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}
