//! Keeping and sharing scenarios, without a server: the versioned envelope that
//! storage and files hold, its migrations, a key–value store interface whose
//! failures lose nothing, named scenarios with undoable deletes, and share links.
//!
//! Pure core: the browser's `localStorage` is one [`KeyValueStore`] (in `web`),
//! [`MemoryStore`] another, so every rule here is tested natively.

use crate::engine::{DEFAULT_SEED, DEFAULT_TRIALS};
use crate::i18n::Lang;
use crate::limits::MAX_SCENARIO_BYTES;
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
/// localStorage key of the baseline the current scenario is compared with.
pub const BASELINE_KEY: &str = "funnel-lab/baseline";
/// The envelope field of a share link that carries a baseline (older versions ignore it).
pub const LINK_BASELINE_FIELD: &str = "baseline";
/// Prefix of share links' payloads (in the URL fragment, after `#`).
pub const LINK_PREFIX: &str = "s1.";
/// Key of the note kept while a scenario is being opened (see [`Opening`]).
pub const OPENING_KEY: &str = "funnel-lab/opening";

/// What is being opened: kept in storage from just before the page builds it
/// until the page has shown it, so that an opening that froze or crashed the
/// page is not repeated blindly at the next start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// Where it comes from.
    pub source: Source,
    /// [`fingerprint`] of its text (the link's fragment, or the stored value),
    /// to tell it from a different link or a newer autosave.
    pub fingerprint: u64,
}

impl Opening {
    /// The opening of the share link whose fragment (after `#`) is `fragment`.
    pub fn link(fragment: &str) -> Opening {
        Opening {
            source: Source::Link,
            fingerprint: fingerprint(fragment.trim().trim_start_matches('#')),
        }
    }
}

/// Where an opened scenario comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A share link in the page's address.
    Link,
    /// The autosaved scenario.
    Autosave,
}

/// A 64-bit FNV-1a hash of `text`: tells one link or stored value from another.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

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
            ReadError::Scenario(e @ ParseError::Limits(_)) => write!(f, "it is over Funnel Lab's limits: {e}"),
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
    use crate::limits::{parse_json, ReadJsonError};
    let value = parse_json(text).map_err(|e| match e {
        ReadJsonError::TooLarge(e) => ReadError::Scenario(ParseError::Limits(vec![e])),
        ReadJsonError::NotJson(e) => ReadError::Corrupt(format!("not JSON: {e}")),
    })?;
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
    // Missing: the default. Trials that are not a whole number ≥ 0 become 0,
    // which the caller settles with a notice (see `startup::settle_trials`).
    let trials = match value.get("trials") {
        None | Some(Value::Null) => DEFAULT_TRIALS,
        Some(t) => t.as_u64().unwrap_or(0),
    };
    let seed = value
        .get("seed")
        .and_then(Value::as_u64)
        .unwrap_or(DEFAULT_SEED);
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

    /// The pinned baseline (its scenario; trials and seed are the current run's).
    pub fn load_baseline(&mut self) -> Loaded {
        self.load_key(BASELINE_KEY)
    }

    /// Pins `baseline`, unless the slot holds a value that could not be read.
    pub fn save_baseline(&mut self, baseline: &Scenario) -> Result<(), LibraryError> {
        let saved = Saved::with_default_run(baseline.clone());
        self.save_key(BASELINE_KEY, "baseline", &saved)
    }

    /// Unpins the baseline (a value that could not be read is left as it is).
    pub fn clear_baseline(&mut self) -> Result<(), LibraryError> {
        if self.protected.contains(BASELINE_KEY) {
            return Err(LibraryError::Protected("baseline".into()));
        }
        Ok(self.store.remove(BASELINE_KEY)?)
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

    /// Saves under `name` only if no value of any kind is stored there: a
    /// create-only write, which never replaces anything.
    pub fn create(&mut self, name: &str, saved: &Saved) -> Result<(), LibraryError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(LibraryError::EmptyName);
        }
        let key = named_key(name);
        if self.store.get(&key)?.is_some() {
            return Err(LibraryError::NameTaken(name.to_string()));
        }
        Ok(self.store.set(&key, &encode(saved))?)
    }

    /// Saves `saved` as a new named scenario under the first free name
    /// "LABEL", "LABEL (2)", … (the label trimmed; "Untitled" when empty) with
    /// a create-only write, so that it never replaces a saved scenario, even
    /// one saved by another tab a moment ago. Returns the name.
    pub fn keep_copy(&mut self, saved: &Saved, label: &str) -> Result<String, LibraryError> {
        let label = match label.trim() {
            "" => "Untitled",
            l => l,
        };
        // Every name taken now, plus one, is enough candidates to find a free one.
        let tries = self.names()?.len() + 2;
        for k in 1..=tries {
            let name = if k == 1 {
                label.to_string()
            } else {
                format!("{label} ({k})")
            };
            match self.create(&name, saved) {
                Err(LibraryError::NameTaken(_)) => continue,
                done => return done.map(|()| name),
            }
        }
        Err(LibraryError::NameTaken(label.to_string()))
    }

    /// Whether `scenario` is saved under some name already.
    pub fn is_saved(&mut self, scenario: &Scenario) -> Result<bool, LibraryError> {
        for name in self.names()? {
            if let Loaded::Found(saved) = self.open(&name) {
                if saved.scenario == *scenario {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Keeps `current` as a named scenario before something from outside (a
    /// share link) replaces it, unless nothing would be lost: it is the same
    /// scenario as `incoming`, one of `known` (the presets), or already saved
    /// under a name. The copy is made by [`Library::keep_copy`] (create-only,
    /// under a free name). Returns the name it was kept under.
    pub fn keep_before_replacing(
        &mut self,
        current: &Saved,
        incoming: &Saved,
        known: &[Scenario],
        label: &str,
    ) -> Result<Option<String>, LibraryError> {
        if current.scenario == incoming.scenario
            || known.contains(&current.scenario)
            || self.is_saved(&current.scenario)?
        {
            return Ok(None);
        }
        self.keep_copy(current, label).map(Some)
    }

    /// Notes that `opening` is being opened; [`Library::finish_opening`]
    /// clears the note once the page shows it. A note still there at the next
    /// start means that opening never finished (the page froze or crashed).
    pub fn begin_opening(&mut self, opening: &Opening) -> Result<(), StoreError> {
        let text = serde_json::to_string(opening).unwrap_or_default();
        self.store.set(OPENING_KEY, &text)
    }

    /// Clears the note of [`Library::begin_opening`].
    pub fn finish_opening(&mut self) -> Result<(), StoreError> {
        self.store.remove(OPENING_KEY)
    }

    /// The opening that was begun and never finished, if any.
    pub fn unfinished_opening(&self) -> Option<Opening> {
        let text = self.store.get(OPENING_KEY).ok()??;
        serde_json::from_str(&text).ok()
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
    /// It looks like a share link, but of a format this version does not
    /// know (another version of Funnel Lab, or another site's link).
    UnknownFormat {
        /// The prefix it starts with, such as `s2.`.
        prefix: String,
    },
    /// It is, or would unpack to, more than [`MAX_SCENARIO_BYTES`].
    TooLarge,
    /// Cut short or changed: it does not decode.
    Damaged,
    /// It decodes, but not to a scenario this version reads.
    Content(ReadError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            LinkError::NotALink => f.write_str("this link does not hold a Funnel Lab scenario"),
            LinkError::UnknownFormat { prefix } => write!(
                f,
                "this link (starting “{prefix}”) was made by another version of Funnel Lab, or is not a Funnel Lab link: nothing was loaded"
            ),
            LinkError::TooLarge => write!(
                f,
                "this link is too large: it would unpack to more than {} bytes (1 MB), far more than any scenario needs; nothing was loaded",
                crate::limits::MAX_SCENARIO_BYTES
            ),
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
    pack_link(&encode(saved))
}

/// What a share link may carry beside the scenario and its run settings;
/// versions that know nothing of a field ignore it, so a link opens anywhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkExtras {
    /// The sharer's language (a `lang` field of the envelope), so that the link
    /// opens in it unless the reader chose another.
    pub lang: Option<Lang>,
    /// The scenario the shared one is compared with (the envelope's
    /// [`LINK_BASELINE_FIELD`]).
    pub baseline: Option<Scenario>,
}

/// A share link for `saved` with what `extras` holds: the one link function
/// of the page (the plain [`encode_link`] when `extras` is empty).
pub fn encode_share_link(saved: &Saved, extras: &LinkExtras) -> String {
    if extras == &LinkExtras::default() {
        return encode_link(saved);
    }
    let mut env: Value = serde_json::from_str(&encode(saved)).unwrap_or(Value::Null);
    if let Some(obj) = env.as_object_mut() {
        if let Some(lang) = extras.lang {
            obj.insert("lang".into(), Value::from(lang.code()));
        }
        if let Some(b) = extras
            .baseline
            .as_ref()
            .and_then(|b| serde_json::to_value(b).ok())
        {
            obj.insert(LINK_BASELINE_FIELD.into(), b);
        }
    }
    pack_link(&env.to_string())
}

fn pack_link(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 10);
    format!(
        "{LINK_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Whether an address fragment claims to be a share link: a short prefix of
/// letters and digits with at least one digit, then a dot (`s1.`, `s2.`,
/// `S1.`). Other fragments, such as the glossary's `#term-roi`, are not links.
pub fn looks_like_link(fragment: &str) -> bool {
    let body = fragment.trim().trim_start_matches('#');
    body.split_once('.').is_some_and(|(head, _)| {
        (2..=8).contains(&head.len())
            && head.starts_with(|c: char| c.is_ascii_alphabetic())
            && head.chars().all(|c| c.is_ascii_alphanumeric())
            && head.chars().any(|c| c.is_ascii_digit())
    })
}

/// Reads the part of a share link after `#` (a leading `#` is ignored). A link
/// is untrusted: anything wrong gives an error and loads nothing, and nothing
/// it holds is unpacked beyond [`MAX_SCENARIO_BYTES`].
pub fn decode_link(fragment: &str) -> Result<Saved, LinkError> {
    decode(&unpack_link(fragment)?).map_err(LinkError::Content)
}

/// A share link as opened: the scenario with its run settings, and what the
/// link carried beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedLink {
    /// The shared scenario and its run settings.
    pub saved: Saved,
    /// The language it names (none in links made before links carried one).
    pub lang: Option<Lang>,
    /// The baseline it carries: `None` when it carries none (every link made
    /// before comparisons), `Some(Err(_))` when it carries one that cannot be
    /// read (the shared scenario still opens; say why the baseline did not).
    pub baseline: Option<Result<Scenario, ReadError>>,
}

/// [`decode_link`] with everything the link carries ([`encode_share_link`]);
/// links of every earlier version open.
pub fn open_share_link(fragment: &str) -> Result<OpenedLink, LinkError> {
    let text = unpack_link(fragment)?;
    let saved = decode(&text).map_err(LinkError::Content)?;
    // The text was read as an envelope above, so it is JSON within the limits.
    let mut env = serde_json::from_str::<Value>(&text).unwrap_or(Value::Null);
    let lang = env
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::from_code);
    let baseline = env
        .get_mut(LINK_BASELINE_FIELD)
        .map(Value::take)
        .map(|b| Scenario::from_json_value(b).map_err(ReadError::Scenario));
    Ok(OpenedLink {
        saved,
        lang,
        baseline,
    })
}

/// The envelope's text in a link fragment, checked and unpacked.
fn unpack_link(fragment: &str) -> Result<String, LinkError> {
    let fragment = fragment.trim().trim_start_matches('#');
    let Some(body) = fragment.strip_prefix(LINK_PREFIX) else {
        return Err(if looks_like_link(fragment) {
            let prefix = fragment.split_once('.').map_or("", |(p, _)| p);
            LinkError::UnknownFormat {
                prefix: format!("{prefix}."),
            }
        } else {
            LinkError::NotALink
        });
    };
    // Even incompressible text of the largest size fits in 4/3 of it in base64.
    if body.len() > MAX_SCENARIO_BYTES / 3 * 4 + 4 {
        return Err(LinkError::TooLarge);
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| LinkError::Damaged)?;
    // One byte over the limit tells "too large" from "exactly at the limit".
    let text =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_SCENARIO_BYTES + 1)
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
                _ => LinkError::Damaged,
            })?;
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(LinkError::TooLarge);
    }
    String::from_utf8(text).map_err(|_| LinkError::Damaged)
}
