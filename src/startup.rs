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
use crate::i18n::{self, Arg, Lang};
use crate::limits::MAX_APP_TRIALS;
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
    /// The button's text, in English.
    pub fn label(&self) -> String {
        self.label_in(Lang::En)
    }

    /// The button's text in `lang`.
    pub fn label_in(&self, lang: Lang) -> String {
        match self {
            Offer::RunTrials(n) => lang.t_with(
                "offer-run-trials",
                &[
                    ("n", (*n).into()),
                    ("shown", lang.numbers().exact(*n as f64).into()),
                ],
            ),
            Offer::OpenAnyway(..) => lang.t("offer-open-anyway"),
            Offer::StartClean(_) => lang.t("offer-start-clean"),
            Offer::KeepThisTab => lang.t("offer-keep-this-tab"),
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
    /// The message, in English.
    pub text: String,
    /// The message in each language ([`Note::text_in`]).
    pub texts: Vec<(Lang, String)>,
    /// Buttons, in order.
    pub offers: Vec<Offer>,
}

impl Note {
    /// A note without buttons, the same in every language.
    pub fn new(tone: Tone, text: impl Into<String>) -> Note {
        let text = text.into();
        Note {
            tone,
            texts: Lang::ALL.iter().map(|&l| (l, text.clone())).collect(),
            text,
            offers: Vec::new(),
        }
    }

    /// A note without buttons, written by `say` in each language.
    pub fn say(tone: Tone, say: impl Fn(Lang) -> String) -> Note {
        Note {
            tone,
            text: say(Lang::En),
            texts: Lang::ALL.iter().map(|&l| (l, say(l))).collect(),
            offers: Vec::new(),
        }
    }

    /// The same note with these buttons.
    fn offering(self, offers: Vec<Offer>) -> Note {
        Note { offers, ..self }
    }

    /// The message in `lang`.
    pub fn text_in(&self, lang: Lang) -> &str {
        self.texts
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(self.text.as_str(), |(_, t)| t.as_str())
    }
}

/// The message `id` with `args`, for [`Note::say`].
fn message<'a>(
    id: &'a str,
    args: impl Fn(Lang) -> Vec<(&'a str, Arg<'a>)> + 'a,
) -> impl Fn(Lang) -> String + 'a {
    move |lang| lang.t_with(id, &args(lang))
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
    // "link" or "file": the messages differ by what asks (Russian agrees with it).
    let what = if what == "file" { "file" } else { "link" };
    let numbers = move |lang: Lang| {
        let nf = lang.numbers();
        vec![
            ("asked", Arg::from(nf.exact(asked as f64))),
            ("max", Arg::from(nf.exact(MAX_APP_TRIALS as f64))),
            ("default", Arg::from(nf.exact(DEFAULT_TRIALS as f64))),
        ]
    };
    if asked == 0 {
        saved.trials = DEFAULT_TRIALS;
        let id = format!("trials-unusable-{what}");
        return Some(Note::say(Tone::Info, |l| l.t_with(&id, &numbers(l))));
    }
    if asked > MAX_APP_TRIALS {
        saved.trials = DEFAULT_TRIALS;
        let id = format!("trials-capped-{what}");
        return Some(
            Note::say(Tone::Info, |l| l.t_with(&id, &numbers(l)))
                .offering(vec![Offer::RunTrials(MAX_APP_TRIALS)]),
        );
    }
    None
}

/// The presets as shipped, in every language.
fn known_scenarios() -> Vec<crate::scenario::Scenario> {
    presets::all()
        .iter()
        .flat_map(|p| Lang::ALL.map(|l| p.scenario_in(l)))
        .collect()
}

/// The preset `saved` is, as shipped in any language, if any.
fn preset_of(saved: &Saved) -> Option<&'static str> {
    presets::matching(&saved.scenario).map(|p| p.id)
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
    lang: Lang,
) -> Incoming {
    let mut notes: Vec<Note> = settle_trials(&mut saved, "link").into_iter().collect();
    let mut hold_autosave = None;
    if let Some(before) = current {
        let label = lang.t_with(
            "before-shared-link",
            &[("name", before.scenario.name.trim().into())],
        );
        match library.keep_before_replacing(before, &saved, &known_scenarios(), &label) {
            Ok(Some(name)) => notes.push(Note::say(
                Tone::Info,
                message("notice-shared-kept", move |_| {
                    vec![("name", Arg::from(name.clone()))]
                }),
            )),
            Ok(None) => {}
            Err(e) => {
                let detail = |l: Lang| Arg::from(i18n::library_error(l, &e));
                notes.push(Note::say(
                    Tone::Problem,
                    message("notice-shared-not-kept", |l| vec![("detail", detail(l))]),
                ));
                hold_autosave =
                    Some(lang.t_with("hold-shared-not-kept", &[("detail", detail(lang))]));
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
fn unfinished_note(saved: Saved, opening: Opening) -> Note {
    let source = opening.source;
    let name = saved.scenario.name.trim().to_string();
    let id = match source {
        Source::Link => "unfinished-link",
        Source::Autosave => "unfinished-autosave",
    };
    Note::say(
        Tone::Problem,
        message(id, move |_| vec![("name", Arg::from(name.clone()))]),
    )
    .offering(vec![
        Offer::OpenAnyway(Box::new(saved), opening),
        Offer::StartClean(source),
    ])
}

/// Chooses what the page starts with: a share link in `fragment`, else a
/// preset named in the address, else the autosave (full app only), else the
/// first preset. An embed never reads or writes `library`.
pub fn start<S: KeyValueStore>(
    page: &PageOptions,
    fragment: &str,
    library: &mut Library<S>,
    lang: Lang,
) -> Start {
    let mut notes: Vec<Note> = page
        .problems
        .iter()
        .map(|p| Note::say(Tone::Problem, |l| p.message(l)))
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
                    notes.push(unfinished_note(*s, opening));
                    hold_autosave = Some(lang.t("hold-autosave-unfinished"));
                } else {
                    autosaved = Some((*s, opening));
                }
            }
            Loaded::Unreadable(e) => {
                notes.push(Note::say(
                    Tone::Problem,
                    message("notice-autosave-unreadable", |l| {
                        vec![("detail", Arg::from(i18n::read_error(l, &e)))]
                    }),
                ));
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
                    notes.push(unfinished_note(saved, again));
                    link_held = true;
                } else {
                    let current = if full_app {
                        autosaved.as_ref().map(|(s, _)| s)
                    } else {
                        None
                    };
                    let incoming = if full_app {
                        receive_link(library, current, saved, again, lang)
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
            Err(e) => notes.push(Note::say(Tone::Problem, |l| i18n::link_error(l, &e))),
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
                let saved = Saved::with_default_run(p.scenario_in(lang));
                return plain(saved, Some(p.id), notes, hold_autosave);
            }
            None => {
                let list = presets::all()
                    .iter()
                    .map(|p| p.id)
                    .collect::<Vec<_>>()
                    .join(", ");
                notes.push(Note::say(
                    Tone::Problem,
                    message("notice-unknown-preset", |_| {
                        vec![
                            ("id", Arg::from(id.as_str())),
                            ("list", Arg::from(list.as_str())),
                        ]
                    }),
                ))
            }
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
        Saved::with_default_run(first.scenario_in(lang)),
        Some(first.id),
        notes,
        hold_autosave,
    )
}

/// Leaves what did not finish opening last time (the user chose "Start
/// clean"): an autosave that did not open is kept as a named scenario first
/// (create-only), and the note is cleared. Returns a note for the user, and
/// whether autosaving may resume (only once the old autosave is kept).
pub fn start_clean<S: KeyValueStore>(
    library: &mut Library<S>,
    source: Source,
    lang: Lang,
) -> (Note, bool) {
    if source == Source::Autosave {
        if let Loaded::Found(saved) = library.load_autosave() {
            let label = lang.t_with(
                "label-did-not-open",
                &[("name", saved.scenario.name.trim().into())],
            );
            match library.keep_copy(&saved, &label) {
                Ok(name) => {
                    let _ = library.finish_opening();
                    let say = message("started-clean-kept", move |_| {
                        vec![("name", Arg::from(name.clone()))]
                    });
                    return (Note::say(Tone::Info, say), true);
                }
                Err(e) => {
                    let say = message("started-clean-not-kept", |l| {
                        vec![("detail", Arg::from(i18n::library_error(l, &e)))]
                    });
                    return (Note::say(Tone::Problem, say), false);
                }
            }
        }
    }
    let _ = library.finish_opening();
    (Note::say(Tone::Info, |l| l.t("started-clean")), true)
}

/// What to tell a tab when another tab changed the autosave to `new_value`
/// (the `storage` event), given this tab's scenario: nothing when both hold
/// the same, else a note offering to keep this tab's copy.
pub fn other_tab_changed(current: &Saved, new_value: Option<&str>) -> Option<Note> {
    let theirs = new_value.and_then(|v| persist::decode(v).ok());
    if theirs.as_ref() == Some(current) {
        return None;
    }
    let note = match &theirs {
        Some(s) => {
            let name = s.scenario.name.trim().to_string();
            Note::say(
                Tone::Info,
                message("other-tab-changed", move |_| {
                    vec![("name", Arg::from(name.clone()))]
                }),
            )
        }
        None => Note::say(Tone::Info, |l| l.t("other-tab-removed")),
    };
    Some(note.offering(vec![Offer::KeepThisTab]))
}

/// Keeps this tab's scenario as a named one (the user chose "Keep this tab's
/// copy"): a create-only write under a free name. Returns the note to show.
pub fn keep_this_tab<S: KeyValueStore>(
    library: &mut Library<S>,
    current: &Saved,
    lang: Lang,
) -> Note {
    let label = lang.t_with(
        "label-this-tab",
        &[("name", current.scenario.name.trim().into())],
    );
    match library.keep_copy(current, &label) {
        Ok(name) => Note::say(
            Tone::Info,
            message("this-tab-kept", move |_| {
                vec![("name", Arg::from(name.clone()))]
            }),
        ),
        Err(e) => Note::say(
            Tone::Problem,
            message("this-tab-not-kept", |l| {
                vec![("detail", Arg::from(i18n::library_error(l, &e)))]
            }),
        ),
    }
}
