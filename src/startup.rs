//! What the app opens with, and what it tells the user about it: the start-up
//! decision (a share link, else a `?preset=`, else the autosave, else the first
//! preset), and the rules for a scenario that arrives from outside (a link, a
//! file) so that nothing saved is ever lost:
//!
//! - the work a link replaces is kept first as a named scenario, with a
//!   create-only write under a free name ([`Library::keep_copy`]); if that
//!   fails, the link's scenario opens in memory only and the autosave is held
//!   (never written) for the session;
//! - an opening is noted in storage before the page builds it and cleared once
//!   the page shows it ([`Library::begin_opening`]); a note left over from an
//!   opening that froze or crashed the page stops the same link or autosave
//!   from being opened blindly again: the page starts clean and offers to open
//!   it anyway;
//! - trials a link or file asks for outside what the page starts unasked are
//!   settled with a note ([`settle_trials`]).
//!
//! Pure core over any [`KeyValueStore`]: the app only calls [`start`] and
//! shows its notes, so every rule here is tested natively.

use crate::embed::PageOptions;
use crate::engine::DEFAULT_TRIALS;
use crate::limits::{grouped, MAX_APP_TRIALS};
use crate::persist::{
    self, fingerprint, KeyValueStore, Library, Loaded, Opening, Saved, Source, AUTOSAVE_KEY,
};
use crate::presets;

/// How a note looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something done, or worth knowing.
    Info,
    /// Something that did not work.
    Problem,
}

/// Something a note offers to do, as a button.
#[derive(Clone, Debug, PartialEq)]
pub enum Offer {
    /// Run this many trials (a link or file asked for more than the page
    /// starts unasked).
    RunTrials(u64),
    /// Open what did not finish opening last time, after all.
    OpenAnyway(Box<Saved>, Opening),
    /// Leave what did not finish opening last time: an autosave is kept as a
    /// named scenario first, then autosaving resumes.
    StartClean(Source),
    /// Keep this tab's scenario as a named one (another tab changed the autosave).
    KeepThisTab,
}

impl Offer {
    /// The button's text.
    pub fn label(&self) -> String {
        match self {
            Offer::RunTrials(n) => format!("Run {} trials", crate::limits::grouped(*n)),
            Offer::OpenAnyway(..) => "Open it anyway".into(),
            Offer::StartClean(_) => "Start clean".into(),
            Offer::KeepThisTab => "Keep this tab's copy".into(),
        }
    }

    /// A stable name for tests and styles (`data-offer`).
    pub fn key(&self) -> &'static str {
        match self {
            Offer::RunTrials(_) => "run-trials",
            Offer::OpenAnyway(..) => "open-anyway",
            Offer::StartClean(_) => "start-clean",
            Offer::KeepThisTab => "keep-this-tab",
        }
    }
}

/// A message for the user, with what it offers to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// Info or problem.
    pub tone: Tone,
    /// The message.
    pub text: String,
    /// Buttons, in order.
    pub offers: Vec<Offer>,
}

impl Note {
    /// A note without buttons.
    pub fn new(tone: Tone, text: impl Into<String>) -> Note {
        Note {
            tone,
            text: text.into(),
            offers: Vec::new(),
        }
    }
}

/// What the page starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The scenario and its run settings.
    pub saved: Saved,
    /// The preset it is, as shipped, if any.
    pub preset: Option<&'static str>,
    /// Problems and facts to show once the page is up.
    pub notes: Vec<Note>,
    /// Whether it came from the share link in the address (which the app
    /// removes once it is shown, so that a reload shows the autosave).
    pub from_link: bool,
    /// Whether the share link in the address was held back because its last
    /// opening never finished: the app removes it from the address (so that a
    /// reload does not open it either); the note's offer carries its scenario.
    pub link_held: bool,
    /// Set when an opening was noted in storage: the app calls
    /// [`Library::finish_opening`] once the page shows the scenario.
    pub opening: Option<Opening>,
    /// Why this session must not write the autosave, if it must not (the
    /// autosave holds work that is not kept anywhere else).
    pub hold_autosave: Option<String>,
}

/// A scenario from a link, ready to replace the work being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// The scenario, with its trials settled.
    pub saved: Saved,
    /// What to tell the user.
    pub notes: Vec<Note>,
    /// The opening, noted in storage (see [`Start::opening`]).
    pub opening: Opening,
    /// Set when the work it replaces could not be kept: then the incoming
    /// scenario opens in memory only and the autosave is not written.
    pub hold_autosave: Option<String>,
}

/// Settles the trials a link or a file asks for (`what` names it: "link",
/// "file"): none or an unusable number gives the default; more than the page
/// runs ([`MAX_APP_TRIALS`]) gives the default too, with an offer to run the
/// most the page allows, so that nothing starts a long run unasked.
pub fn settle_trials(saved: &mut Saved, what: &str) -> Option<Note> {
    let asked = saved.trials;
    let default = grouped(DEFAULT_TRIALS);
    if asked == 0 {
        saved.trials = DEFAULT_TRIALS;
        return Some(Note::new(
            Tone::Info,
            format!("This {what} gave no usable number of trials (it must be a whole number from 1 to {}), so it runs the default {default}.", grouped(MAX_APP_TRIALS)),
        ));
    }
    if asked > MAX_APP_TRIALS {
        saved.trials = DEFAULT_TRIALS;
        return Some(Note {
            tone: Tone::Info,
            text: format!(
                "This {what} asks for {} trials; the page runs at most {} and does not start a long run unasked, so it runs {default} now.",
                grouped(asked),
                grouped(MAX_APP_TRIALS),
            ),
            offers: vec![Offer::RunTrials(MAX_APP_TRIALS)],
        });
    }
    None
}

fn known_scenarios() -> Vec<crate::scenario::Scenario> {
    presets::all().iter().map(|p| p.scenario()).collect()
}

/// The preset `saved` is, as shipped, if any.
fn preset_of(saved: &Saved) -> Option<&'static str> {
    presets::all()
        .iter()
        .find(|p| p.scenario() == saved.scenario)
        .map(|p| p.id)
}

/// Prepares `saved`, read from a link (`opening` names it, see
/// [`Opening::link`]), to replace `current` (the work being edited, if any is
/// worth keeping): settles its trials, keeps `current` as a named scenario
/// unless nothing would be lost, and notes the opening in storage. When keeping
/// fails, [`Incoming::hold_autosave`] says why, and the autosave must stay as
/// it is.
pub fn receive_link<S: KeyValueStore>(
    library: &mut Library<S>,
    current: Option<&Saved>,
    mut saved: Saved,
    opening: Opening,
) -> Incoming {
    let mut notes: Vec<Note> = settle_trials(&mut saved, "link").into_iter().collect();
    let mut hold_autosave = None;
    if let Some(before) = current {
        let label = format!("{} (before a shared link)", before.scenario.name.trim());
        match library.keep_before_replacing(before, &saved, &known_scenarios(), &label) {
            Ok(Some(name)) => notes.push(Note::new(Tone::Info, format!("You opened a shared scenario. What you had before is kept in Saved scenarios as “{name}”."))),
            Ok(None) => {}
            Err(e) => {
                notes.push(Note::new(Tone::Problem, format!("You opened a shared scenario, but what you had before could not be kept as a saved scenario ({e}). It stays the autosaved scenario, untouched: this one is open in this tab only, until you save it under a name or export it.")));
                hold_autosave = Some(format!(
                    "what you had before is still the autosaved scenario and is not written over ({e})"
                ));
            }
        }
    }
    let _ = library.begin_opening(&opening);
    Incoming {
        saved,
        notes,
        opening,
        hold_autosave,
    }
}

/// The note for an opening that never finished last time, offering to open it
/// anyway or to start clean.
fn unfinished_note(what: &str, saved: Saved, opening: Opening) -> Note {
    let source = opening.source;
    Note {
        tone: Tone::Problem,
        text: format!("Last time, opening {what} did not finish: the page may have frozen or crashed. So it was not opened again. Open it anyway, or start clean."),
        offers: vec![
            Offer::OpenAnyway(Box::new(saved), opening),
            Offer::StartClean(source),
        ],
    }
}

/// Chooses what the page starts with: a share link in `fragment`, else a
/// preset named in the address, else the autosave (full app only), else the
/// first preset. An embed never reads or writes `library`.
pub fn start<S: KeyValueStore>(
    page: &PageOptions,
    fragment: &str,
    library: &mut Library<S>,
) -> Start {
    let mut notes: Vec<Note> = page
        .problems
        .iter()
        .map(|p| Note::new(Tone::Problem, p.clone()))
        .collect();
    let full_app = page.embed.is_none();
    let unfinished = if full_app {
        library.unfinished_opening()
    } else {
        None
    };
    let mut hold_autosave = None;
    let mut autosaved = None;
    let mut link_held = false;
    if full_app {
        let text = library.store().get(AUTOSAVE_KEY).ok().flatten();
        match library.load_autosave() {
            Loaded::Found(s) => {
                let opening = Opening {
                    source: Source::Autosave,
                    fingerprint: text.as_deref().map(fingerprint).unwrap_or_default(),
                };
                if unfinished.as_ref() == Some(&opening) {
                    let what = format!("your autosaved scenario “{}”", s.scenario.name.trim());
                    notes.push(unfinished_note(&what, *s, opening));
                    hold_autosave = Some(
                        "your autosaved scenario did not open last time; it is left as it is until you open it or start clean".to_string(),
                    );
                } else {
                    autosaved = Some((*s, opening));
                }
            }
            Loaded::Unreadable(e) => {
                notes.push(Note::new(Tone::Problem, format!("Your autosaved scenario could not be read: {e}. It is kept as it was, and this session will not be autosaved over it.")));
            }
            Loaded::Empty | Loaded::Failed(_) => {}
        }
    }
    let body = fragment.trim().trim_start_matches('#');
    if persist::looks_like_link(body) {
        match persist::decode_link(body) {
            Ok(saved) => {
                let again = Opening::link(body);
                if unfinished.as_ref() == Some(&again) {
                    notes.push(unfinished_note("this shared link", saved, again));
                    link_held = true;
                } else {
                    let current = if full_app {
                        autosaved.as_ref().map(|(s, _)| s)
                    } else {
                        None
                    };
                    let incoming = if full_app {
                        receive_link(library, current, saved, again)
                    } else {
                        // An embed keeps nothing and notes nothing.
                        let mut saved = saved;
                        let notes = settle_trials(&mut saved, "link").into_iter().collect();
                        Incoming {
                            saved,
                            notes,
                            opening: again,
                            hold_autosave: None,
                        }
                    };
                    notes.extend(incoming.notes);
                    return Start {
                        preset: None,
                        saved: incoming.saved,
                        notes,
                        from_link: true,
                        link_held: false,
                        opening: full_app.then_some(incoming.opening),
                        hold_autosave: incoming.hold_autosave.or(hold_autosave),
                    };
                }
            }
            Err(e) => notes.push(Note::new(Tone::Problem, e.to_string())),
        }
    }
    let plain = |saved: Saved, preset, notes, hold_autosave| Start {
        saved,
        preset,
        notes,
        from_link: false,
        link_held,
        opening: None,
        hold_autosave,
    };
    if let Some(id) = &page.preset {
        match presets::by_id(id) {
            Some(p) => {
                let saved = Saved::with_default_run(p.scenario());
                return plain(saved, Some(p.id), notes, hold_autosave);
            }
            None => notes.push(Note::new(
                Tone::Problem,
                format!(
                    "preset: “{id}” is not a preset; the presets are {}",
                    presets::all()
                        .iter()
                        .map(|p| p.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    if let Some((saved, opening)) = autosaved {
        let _ = library.begin_opening(&opening);
        let preset = preset_of(&saved);
        return Start {
            opening: Some(opening),
            ..plain(saved, preset, notes, hold_autosave)
        };
    }
    let first = &presets::all()[0];
    plain(
        Saved::with_default_run(first.scenario()),
        Some(first.id),
        notes,
        hold_autosave,
    )
}

/// Leaves what did not finish opening last time (the user chose "Start
/// clean"): an autosave that did not open is kept as a named scenario first
/// (create-only), and the note is cleared. Returns a note for the user, and
/// whether autosaving may resume (only once the old autosave is kept).
pub fn start_clean<S: KeyValueStore>(library: &mut Library<S>, source: Source) -> (Note, bool) {
    if source == Source::Autosave {
        if let Loaded::Found(saved) = library.load_autosave() {
            let label = format!("{} (did not open)", saved.scenario.name.trim());
            match library.keep_copy(&saved, &label) {
                Ok(name) => {
                    let _ = library.finish_opening();
                    return (Note::new(Tone::Info, format!("Started clean. The scenario that did not open is kept in Saved scenarios as “{name}”.")), true);
                }
                Err(e) => {
                    return (Note::new(Tone::Problem, format!("The scenario that did not open could not be kept as a saved scenario ({e}), so it stays the autosave, untouched; this tab works in memory only.")), false);
                }
            }
        }
    }
    let _ = library.finish_opening();
    (Note::new(Tone::Info, "Started clean."), true)
}

/// What to tell a tab when another tab changed the autosave to `new_value`
/// (the `storage` event), given this tab's scenario: nothing when both hold
/// the same, else a note offering to keep this tab's copy.
pub fn other_tab_changed(current: &Saved, new_value: Option<&str>) -> Option<Note> {
    let theirs = new_value.and_then(|v| persist::decode(v).ok());
    if theirs.as_ref() == Some(current) {
        return None;
    }
    let what = match &theirs {
        Some(s) => format!("to “{}”", s.scenario.name.trim()),
        None => "(it was removed)".to_string(),
    };
    Some(Note {
        tone: Tone::Info,
        text: format!("Another tab changed the autosaved scenario {what}, so a reload would bring back that one rather than this tab's. Keep this tab's scenario under a name to be sure to have both."),
        offers: vec![Offer::KeepThisTab],
    })
}

/// Keeps this tab's scenario as a named one (the user chose "Keep this tab's
/// copy"): a create-only write under a free name. Returns the note to show.
pub fn keep_this_tab<S: KeyValueStore>(library: &mut Library<S>, current: &Saved) -> Note {
    let label = format!("{} (this tab)", current.scenario.name.trim());
    match library.keep_copy(current, &label) {
        Ok(name) => Note::new(
            Tone::Info,
            format!("This tab's scenario is kept in Saved scenarios as “{name}”."),
        ),
        Err(e) => Note::new(
            Tone::Problem,
            format!("This tab's scenario could not be kept: {e}. Export JSON keeps it in a file."),
        ),
    }
}
