//! Keeping and sharing scenarios, without a server: the versioned envelope that
//! storage and files hold, its migrations, a key–value store interface whose
//! failures lose nothing, named scenarios with undoable deletes, and share links.
//!
//! Pure core: the browser's `localStorage` is one [`KeyValueStore`] (in `web`),
//! [`MemoryStore`] another, so every rule here is tested natively.

use crate::engine::{DEFAULT_SEED, DEFAULT_TRIALS};
use crate::scenario::{ParseError, Scenario, SCHEMA_VERSION};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Version of the stored envelope (it follows the scenario schema).
pub const STORE_VERSION: u32 = SCHEMA_VERSION;
/// Marks a stored value or file as Funnel Lab's.
pub const FORMAT: &str = "funnel-lab";
/// Key of the autosaved scenario.
pub const AUTOSAVE_KEY: &str = "funnel-lab/autosave";
/// Prefix of the keys of named scenarios.
pub const NAMED_PREFIX: &str = "funnel-lab/named/";
/// Prefix of share links' payloads (in the URL fragment, after `#`).
pub const LINK_PREFIX: &str = "s1.";

/// A scenario with the run settings that reproduce its results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The scenario.
    pub scenario: Scenario,
    /// Trials of a full run.
    pub trials: u64,
    /// Seed.
    pub seed: u64,
}

impl Saved {
    /// A scenario with the default trials and seed.
    pub fn with_default_run(scenario: Scenario) -> Saved {
        Saved {
            scenario,
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
        }
    }
}

/// Why a stored value, file or link could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// Not JSON, or not Funnel Lab's.
    Corrupt(String),
    /// Written by a newer version of Funnel Lab.
    Newer {
        /// The version it names.
        version: u64,
    },
    /// The scenario inside could not be read.
    Scenario(ParseError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReadError::Corrupt(why) => write!(f, "this is not a saved Funnel Lab scenario ({why})"),
            ReadError::Newer { version } => write!(
                f,
                "this was saved by a newer Funnel Lab (format {version}; this one reads up to {STORE_VERSION}); it was left untouched"
            ),
            ReadError::Scenario(e) => write!(f, "the saved scenario cannot be read: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// One step that upgrades an envelope from version `n` to `n + 1`.
pub type Migration = fn(Value) -> Result<Value, String>;

/// Migrations by starting version: `MIGRATIONS[0]` upgrades version 1 to 2, and
/// so on. Schema 1 is the only version so far, so there are none yet.
pub const MIGRATIONS: &[Migration] = &[];

/// Wraps a saved scenario in the current envelope, as JSON text.
pub fn encode(saved: &Saved) -> String {
    let env = serde_json::json!({
        "format": FORMAT,
        "version": STORE_VERSION,
        "trials": saved.trials,
        "seed": saved.seed,
        "scenario": saved.scenario,
    });
    env.to_string()
}

/// Reads an envelope written by this or an older version (migrating it), or a
/// bare scenario file (schema 1, with the default trials and seed).
pub fn decode(text: &str) -> Result<Saved, ReadError> {
    decode_with(text, MIGRATIONS)
}

/// [`decode`] with a given list of migrations (for testing the mechanism).
pub fn decode_with(text: &str, migrations: &[Migration]) -> Result<Saved, ReadError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| ReadError::Corrupt(format!("not JSON: {e}")))?;
    let Some(obj) = value.as_object() else {
        return Err(ReadError::Corrupt("not a JSON object".into()));
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        // A plain scenario file (what "export JSON" writes) is welcome too.
        if obj.contains_key("schema") {
            let scenario = Scenario::from_json_value(value).map_err(ReadError::Scenario)?;
            return Ok(Saved::with_default_run(scenario));
        }
        return Err(ReadError::Corrupt(
            "it does not say it is Funnel Lab's".into(),
        ));
    }
    let version = obj
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| ReadError::Corrupt("no version".into()))?;
    let current = u64::from(STORE_VERSION) + migrations.len() as u64;
    if version > current {
        return Err(ReadError::Newer { version });
    }
    let first = u64::from(STORE_VERSION);
    if version < first {
        return Err(ReadError::Corrupt(format!("unknown old version {version}")));
    }
    let mut value = value;
    for m in &migrations[(version - first) as usize..] {
        value = m(value).map_err(ReadError::Corrupt)?;
    }
    let number = |k: &str, default: u64| value.get(k).and_then(Value::as_u64).unwrap_or(default);
    let (trials, seed) = (
        number("trials", DEFAULT_TRIALS),
        number("seed", DEFAULT_SEED),
    );
    let scenario = value
        .get("scenario")
        .cloned()
        .ok_or_else(|| ReadError::Corrupt("no scenario".into()))?;
    let scenario = Scenario::from_json_value(scenario).map_err(ReadError::Scenario)?;
    Ok(Saved {
        scenario,
        trials,
        seed,
    })
}

/// Why the browser's storage refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No storage here (private mode, blocked in a cross-origin frame).
    Unavailable,
    /// The quota is used up.
    Full,
    /// Anything else the storage said.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            StoreError::Unavailable => f.write_str(
                "this browser does not let the page keep data here (private mode or a blocked frame): your work stays only until you close the page",
            ),
            StoreError::Full => f.write_str("the browser's storage for this page is full: delete some saved scenarios"),
            StoreError::Other(e) => write!(f, "the browser's storage failed: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A string key–value store (the browser's `localStorage`, or memory).
pub trait KeyValueStore {
    /// The value at `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` at `key`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store; it can be made to fail like a browser's.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    /// The values.
    pub values: BTreeMap<String, String>,
    /// When set, every call fails with this.
    pub fail: Option<StoreError>,
    /// Most bytes (keys and values) it holds before answering [`StoreError::Full`].
    pub quota: Option<usize>,
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match &self.fail {
            Some(e) => Err(e.clone()),
            None => Ok(self.values.get(key).cloned()),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(e) = &self.fail {
            return Err(e.clone());
        }
        if let Some(q) = self.quota {
            let used: usize = self
                .values
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > q {
                return Err(StoreError::Full);
            }
        }
        self.values.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(e) = &self.fail {
            return Err(e.clone());
        }
        self.values.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        match &self.fail {
            Some(e) => Err(e.clone()),
            None => Ok(self.values.keys().cloned().collect()),
        }
    }
}

/// What loading a stored scenario found.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Nothing stored.
    Empty,
    /// A scenario.
    Found(Box<Saved>),
    /// A value that cannot be read; it is kept as it is and never overwritten.
    Unreadable(ReadError),
    /// The storage itself failed.
    Failed(StoreError),
}

/// A deleted named scenario, kept so that the delete can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    /// Its name.
    pub name: String,
    /// Its stored text, as it was.
    pub text: String,
}

/// Why a library operation did nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryError {
    /// The storage failed.
    Store(StoreError),
    /// The key holds a value this version could not read: it is left as it is.
    Protected(String),
    /// No scenario has that name.
    NoSuchName(String),
    /// Another scenario already has that name.
    NameTaken(String),
    /// Names need at least one visible character.
    EmptyName,
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LibraryError::Store(e) => e.fmt(f),
            LibraryError::Protected(name) => write!(
                f,
                "“{name}” holds a value this version cannot read, so it is left untouched; save under another name"
            ),
            LibraryError::NoSuchName(name) => write!(f, "no saved scenario is called “{name}”"),
            LibraryError::NameTaken(name) => write!(f, "a saved scenario is already called “{name}”"),
            LibraryError::EmptyName => f.write_str("give the scenario a name"),
        }
    }
}

impl std::error::Error for LibraryError {}

impl From<StoreError> for LibraryError {
    fn from(e: StoreError) -> Self {
        LibraryError::Store(e)
    }
}

/// The autosave slot and the named scenarios, over any [`KeyValueStore`].
/// Values it could not read are remembered and never overwritten.
#[derive(Debug)]
pub struct Library<S: KeyValueStore> {
    store: S,
    protected: BTreeSet<String>,
}

fn named_key(name: &str) -> String {
    format!("{NAMED_PREFIX}{name}")
}

impl<S: KeyValueStore> Library<S> {
    /// A library over `store`.
    pub fn new(store: S) -> Self {
        Library {
            store,
            protected: BTreeSet::new(),
        }
    }

    /// The store (for tests and diagnostics).
    pub fn store(&self) -> &S {
        &self.store
    }

    fn load_key(&mut self, key: &str) -> Loaded {
        match self.store.get(key) {
            Err(e) => Loaded::Failed(e),
            Ok(None) => Loaded::Empty,
            Ok(Some(text)) => match decode(&text) {
                Ok(saved) => Loaded::Found(Box::new(saved)),
                Err(e) => {
                    self.protected.insert(key.to_string());
                    Loaded::Unreadable(e)
                }
            },
        }
    }

    fn save_key(&mut self, key: &str, name: &str, saved: &Saved) -> Result<(), LibraryError> {
        if self.protected.contains(key) {
            return Err(LibraryError::Protected(name.to_string()));
        }
        if let Some(text) = self.store.get(key)? {
            if decode(&text).is_err() {
                self.protected.insert(key.to_string());
                return Err(LibraryError::Protected(name.to_string()));
            }
        }
        Ok(self.store.set(key, &encode(saved))?)
    }

    /// The autosaved scenario.
    pub fn load_autosave(&mut self) -> Loaded {
        self.load_key(AUTOSAVE_KEY)
    }

    /// Autosaves `saved`, unless the slot holds a value that could not be read.
    pub fn autosave(&mut self, saved: &Saved) -> Result<(), LibraryError> {
        self.save_key(AUTOSAVE_KEY, "autosave", saved)
    }

    /// Names of the saved scenarios, sorted.
    pub fn names(&self) -> Result<Vec<String>, LibraryError> {
        let mut v: Vec<String> = self
            .store
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(NAMED_PREFIX).map(str::to_string))
            .collect();
        v.sort();
        Ok(v)
    }

    /// Opens a named scenario.
    pub fn open(&mut self, name: &str) -> Loaded {
        self.load_key(&named_key(name))
    }

    /// Saves under a name (replacing a readable scenario of that name).
    pub fn save_as(&mut self, name: &str, saved: &Saved) -> Result<(), LibraryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(LibraryError::EmptyName);
        }
        self.save_key(&named_key(name), name, saved)
    }

    /// Renames a saved scenario; the new name must be free.
    pub fn rename(&mut self, old: &str, new: &str) -> Result<(), LibraryError> {
        let new = new.trim();
        if new.is_empty() {
            return Err(LibraryError::EmptyName);
        }
        let text = self
            .store
            .get(&named_key(old))?
            .ok_or_else(|| LibraryError::NoSuchName(old.to_string()))?;
        if self.store.get(&named_key(new))?.is_some() {
            return Err(LibraryError::NameTaken(new.to_string()));
        }
        self.store.set(&named_key(new), &text)?;
        self.store.remove(&named_key(old))?;
        Ok(())
    }

    /// Copies a saved scenario under the first free name "NAME (copy)", "NAME (copy 2)", …
    pub fn duplicate(&mut self, name: &str) -> Result<String, LibraryError> {
        let text = self
            .store
            .get(&named_key(name))?
            .ok_or_else(|| LibraryError::NoSuchName(name.to_string()))?;
        let names = self.names()?;
        let copy = (1..)
            .map(|k| {
                if k == 1 {
                    format!("{name} (copy)")
                } else {
                    format!("{name} (copy {k})")
                }
            })
            .find(|c| !names.contains(c))
            .expect("some name is free");
        self.store.set(&named_key(&copy), &text)?;
        Ok(copy)
    }

    /// Deletes a saved scenario; keep the result to undo.
    pub fn delete(&mut self, name: &str) -> Result<Deleted, LibraryError> {
        let key = named_key(name);
        let text = self
            .store
            .get(&key)?
            .ok_or_else(|| LibraryError::NoSuchName(name.to_string()))?;
        self.store.remove(&key)?;
        self.protected.remove(&key);
        Ok(Deleted {
            name: name.to_string(),
            text,
        })
    }

    /// Keeps `current` as a named scenario before something from outside (a
    /// share link) replaces it, unless it would be lost anyway by nobody: it is
    /// the same scenario as `incoming`, one of `known` (the presets), or already
    /// saved under a name. Returns the name it was kept under.
    pub fn keep_before_replacing(
        &mut self,
        current: &Saved,
        incoming: &Saved,
        known: &[Scenario],
        label: &str,
    ) -> Result<Option<String>, LibraryError> {
        if current.scenario == incoming.scenario || known.contains(&current.scenario) {
            return Ok(None);
        }
        let names = self.names()?;
        for name in &names {
            if let Loaded::Found(saved) = self.open(name) {
                if saved.scenario == current.scenario {
                    return Ok(None);
                }
            }
        }
        let name = (1..)
            .map(|k| {
                if k == 1 {
                    label.to_string()
                } else {
                    format!("{label} ({k})")
                }
            })
            .find(|c| !names.contains(c))
            .expect("some name is free");
        self.save_as(&name, current)?;
        Ok(Some(name))
    }

    /// Puts a deleted scenario back, unless its name was taken meanwhile.
    pub fn undo_delete(&mut self, d: &Deleted) -> Result<(), LibraryError> {
        let key = named_key(&d.name);
        if self.store.get(&key)?.is_some() {
            return Err(LibraryError::NameTaken(d.name.clone()));
        }
        Ok(self.store.set(&key, &d.text)?)
    }
}

/// A file name stem from a scenario name: letters and digits kept, runs of
/// anything else turned into one `-`, at most 60 characters; `scenario` when
/// nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.chars().count() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "scenario".into()
    } else {
        stem.to_string()
    }
}

/// Why a share link loads nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Not a Funnel Lab link at all.
    NotALink,
    /// Cut short or changed: it does not decode.
    Damaged,
    /// It decodes, but not to a scenario this version reads.
    Content(ReadError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LinkError::NotALink => f.write_str("this link does not hold a Funnel Lab scenario"),
            LinkError::Damaged => f.write_str(
                "this link is damaged (cut short or changed): nothing was loaded; ask for the whole link again",
            ),
            LinkError::Content(e) => write!(f, "this link cannot be opened: {e}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// The part of a share link after `#`: the envelope, compressed (zlib, whose
/// Adler-32 checksum catches cut or changed links) and base64url-encoded.
pub fn encode_link(saved: &Saved) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(encode(saved).as_bytes(), 10);
    format!(
        "{LINK_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Reads the part of a share link after `#` (a leading `#` is ignored). A link
/// is untrusted: anything wrong gives an error and loads nothing.
pub fn decode_link(fragment: &str) -> Result<Saved, LinkError> {
    let body = fragment
        .trim()
        .trim_start_matches('#')
        .strip_prefix(LINK_PREFIX)
        .ok_or(LinkError::NotALink)?;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| LinkError::Damaged)?;
    // Far more than any scenario needs, so that a hostile link cannot exhaust memory.
    let text = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, 4 << 20)
        .map_err(|_| LinkError::Damaged)?;
    let text = String::from_utf8(text).map_err(|_| LinkError::Damaged)?;
    decode(&text).map_err(LinkError::Content)
}
