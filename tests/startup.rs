//! The start-up decision and the rules for scenarios that arrive from outside
//! (issue 15): a link, a `?preset=`, the autosave or the first preset; nothing
//! saved is lost on any path; an opening that never finished is not repeated;
//! trials out of range are settled with a note; two tabs are told of each other.

use funnel_lab::embed::{parse_query, PageOptions};
use funnel_lab::engine::DEFAULT_TRIALS;
use funnel_lab::i18n::Lang;
use funnel_lab::limits::MAX_APP_TRIALS;
use funnel_lab::persist::*;
use funnel_lab::presets;
use funnel_lab::startup::*;

fn saved(id: &str) -> Saved {
    Saved {
        scenario: presets::by_id(id).unwrap().scenario(),
        trials: 5_000,
        seed: 3,
    }
}

/// Edited work (not a preset as shipped, not saved under a name).
fn work() -> Saved {
    let mut s = saved("classic");
    s.scenario.name = "My own work".into();
    s
}

fn with_autosave(s: &Saved) -> Library<MemoryStore> {
    let mut lib = Library::new(MemoryStore::default());
    lib.autosave(s).unwrap();
    lib
}

fn full_app() -> PageOptions {
    PageOptions::default()
}

fn texts(notes: &[Note]) -> Vec<&str> {
    notes.iter().map(|n| n.text.as_str()).collect()
}

#[test]
fn nothing_stored_opens_the_first_preset_quietly() {
    let mut lib = Library::new(MemoryStore::default());
    let s = start(&full_app(), "", &mut lib, Lang::En);
    assert_eq!(
        s.saved,
        Saved::with_default_run(presets::all()[0].scenario())
    );
    assert_eq!(s.preset, Some(presets::all()[0].id));
    assert_eq!(s.notes, []);
    assert_eq!(
        (s.from_link, s.opening, s.hold_autosave),
        (false, None, None)
    );
}

#[test]
fn the_autosave_comes_back_and_its_opening_is_noted() {
    let mut lib = with_autosave(&work());
    let s = start(&full_app(), "#term-roi", &mut lib, Lang::En);
    assert_eq!(s.saved, work());
    assert_eq!(s.preset, None);
    let opening = s.opening.expect("noted");
    assert_eq!(opening.source, Source::Autosave);
    assert_eq!(lib.unfinished_opening(), Some(opening), "noted in storage");
    lib.finish_opening().unwrap();
    // A preset as shipped is recognised as that preset.
    let mut lib = with_autosave(&saved("membership"));
    assert_eq!(
        start(&full_app(), "", &mut lib, Lang::En).preset,
        Some("membership")
    );
}

#[test]
fn a_preset_in_the_address_wins_over_the_autosave_and_an_unknown_one_says_so() {
    let mut lib = with_autosave(&work());
    let s = start(&parse_query("?preset=membership"), "", &mut lib, Lang::En);
    assert_eq!(s.preset, Some("membership"));
    assert_eq!(s.saved.trials, DEFAULT_TRIALS);
    let s = start(&parse_query("?preset=nope"), "", &mut lib, Lang::En);
    assert_eq!(s.saved, work(), "falls back to the autosave");
    assert!(
        s.notes[0]
            .text
            .starts_with("preset: “nope” is not a preset"),
        "{:?}",
        s.notes
    );
}

#[test]
fn a_link_opens_and_the_work_it_replaces_is_kept_first() {
    let mut lib = with_autosave(&work());
    let link = encode_link(&saved("membership"));
    let s = start(&full_app(), &format!("#{link}"), &mut lib, Lang::En);
    assert_eq!(s.saved, saved("membership"));
    assert!(s.from_link);
    assert_eq!(s.hold_autosave, None);
    assert_eq!(
        texts(&s.notes),
        ["You opened a shared scenario. What you had before is kept in Saved scenarios as “My own work (before a shared link)”."]
    );
    assert_eq!(
        lib.open("My own work (before a shared link)"),
        Loaded::Found(Box::new(work()))
    );
    assert_eq!(s.opening, Some(Opening::link(&link)));
    assert_eq!(lib.unfinished_opening(), s.opening);
}

#[test]
fn a_refused_link_says_why_and_the_autosave_opens() {
    let mut lib = with_autosave(&work());
    for (fragment, says) in [
        ("#s1.AAAA", "damaged"),
        ("#s2.eJwDAAAAAAE", "made by another version of Funnel Lab"),
        ("#S1.eJwDAAAAAAE", "made by another version of Funnel Lab"),
    ] {
        let s = start(&full_app(), fragment, &mut lib, Lang::En);
        assert_eq!(s.saved, work(), "{fragment}");
        assert!(!s.from_link);
        assert_eq!(s.notes.len(), 1, "{fragment}");
        assert_eq!(s.notes[0].tone, Tone::Problem);
        assert!(
            s.notes[0].text.contains(says),
            "{fragment}: {}",
            s.notes[0].text
        );
        // The page showed the autosave.
        lib.finish_opening().unwrap();
    }
}

/// Saved-work loss (issue 15): a 2,000-offer link pasted into the open app
/// overwrote the autosave before the crash, kept no named copy, and every
/// reload crashed again. Now it is refused while reading, by name.
#[test]
fn a_link_over_the_limits_is_refused_and_the_autosave_is_untouched() {
    let mut big = saved("tripwire-ladder");
    let extra = big.scenario.offers[1].clone();
    for i in 0..2_000 {
        let mut o = extra.clone();
        o.id = format!("x{i}");
        big.scenario.offers.push(o);
    }
    let mut lib = with_autosave(&work());
    let before = lib.store().values.clone();
    let s = start(&full_app(), &encode_link(&big), &mut lib, Lang::En);
    assert_eq!(s.saved, work());
    assert!(
        s.notes[0]
            .text
            .contains("too many offers: 2,003 where a scenario may have at most 30"),
        "{:?}",
        s.notes
    );
    let mut after = lib.store().values.clone();
    after.remove(OPENING_KEY);
    assert_eq!(after, before, "nothing written but the opening note");
}

/// An opening that froze or crashed the page (its note never cleared) is not
/// repeated: a link falls back to the autosave, with an offer to open it anyway.
#[test]
fn a_link_that_never_finished_opening_is_not_opened_again() {
    let mut lib = with_autosave(&work());
    let link = encode_link(&saved("membership"));
    let first = start(&full_app(), &link, &mut lib, Lang::En);
    assert!(first.from_link);
    // The page crashed: finish_opening was never called. The reload:
    let s = start(&full_app(), &link, &mut lib, Lang::En);
    assert_eq!(s.saved, work(), "the autosave instead");
    assert!(!s.from_link);
    assert!(
        s.link_held,
        "the app drops it from the address: a reload does not open it either"
    );
    let note = s.notes.last().unwrap();
    assert!(
        note.text
            .starts_with("Last time, opening this shared link did not finish"),
        "{}",
        note.text
    );
    assert_eq!(
        note.offers,
        [
            Offer::OpenAnyway(Box::new(saved("membership")), Opening::link(&link)),
            Offer::StartClean(Source::Link)
        ]
    );
    // A different link is not held back by the old note.
    let other = encode_link(&saved("lg-lc-am"));
    let s = start(&full_app(), &other, &mut lib, Lang::En);
    assert!(s.from_link && !s.link_held);
}

#[test]
fn an_autosave_that_never_finished_opening_is_held_until_the_user_chooses() {
    let mut lib = with_autosave(&work());
    let first = start(&full_app(), "", &mut lib, Lang::En);
    assert_eq!(first.saved, work());
    // Crashed while showing it; the reload starts clean and holds the autosave.
    let s = start(&full_app(), "", &mut lib, Lang::En);
    assert_eq!(s.preset, Some(presets::all()[0].id));
    assert!(
        s.hold_autosave.is_some(),
        "the autosave must not be written over"
    );
    assert_eq!(s.opening, None);
    let note = s.notes.last().unwrap();
    assert!(
        note.text.contains("your autosaved scenario “My own work”"),
        "{}",
        note.text
    );
    assert_eq!(note.offers[1], Offer::StartClean(Source::Autosave));
    // "Start clean" keeps it under a name first, then lets autosaving resume.
    let (said, resume) = start_clean(&mut lib, Source::Autosave, Lang::En);
    assert!(resume);
    assert_eq!(said.text, "Started clean. The scenario that did not open is kept in Saved scenarios as “My own work (did not open)”.");
    assert_eq!(
        lib.open("My own work (did not open)"),
        Loaded::Found(Box::new(work()))
    );
    assert_eq!(lib.unfinished_opening(), None);
    // A newer autosave (another tab wrote one) opens normally.
    let mut lib = with_autosave(&work());
    start(&full_app(), "", &mut lib, Lang::En);
    lib.autosave(&saved("membership")).unwrap();
    assert_eq!(
        start(&full_app(), "", &mut lib, Lang::En).saved,
        saved("membership")
    );
}

/// A store with room for the autosave of `work()` and the opening note, not
/// for a second copy.
fn nearly_full() -> Library<MemoryStore> {
    Library::new(MemoryStore {
        quota: Some(AUTOSAVE_KEY.len() + encode(&work()).len() + 200),
        ..MemoryStore::default()
    })
}

#[test]
fn start_clean_keeps_holding_when_the_autosave_cannot_be_kept() {
    let mut lib = nearly_full();
    lib.autosave(&work()).unwrap();
    lib.begin_opening(&Opening {
        source: Source::Autosave,
        fingerprint: fingerprint(&encode(&work())),
    })
    .unwrap();
    let (said, resume) = start_clean(&mut lib, Source::Autosave, Lang::En);
    assert!(!resume, "{}", said.text);
    assert_eq!(said.tone, Tone::Problem);
    assert_eq!(lib.load_autosave(), Loaded::Found(Box::new(work())));
}

/// Saved-work loss (issue 15): with storage nearly full, a link replaced the
/// autosave although keeping the old work had failed. Now the link's scenario
/// opens in memory only and the autosave is held.
#[test]
fn when_the_old_work_cannot_be_kept_the_autosave_is_held() {
    let mut lib = nearly_full();
    lib.autosave(&work()).unwrap();
    let s = start(
        &full_app(),
        &encode_link(&saved("membership")),
        &mut lib,
        Lang::En,
    );
    assert_eq!(s.saved, saved("membership"));
    let why = s.hold_autosave.expect("held");
    assert!(why.contains("full"), "{why}");
    assert!(
        s.notes.iter().any(
            |n| n.tone == Tone::Problem && n.text.contains("this one is open in this tab only")
        ),
        "{:?}",
        s.notes
    );
    assert_eq!(lib.load_autosave(), Loaded::Found(Box::new(work())));
}

#[test]
fn trials_out_of_range_are_settled_with_a_note_and_never_start_a_long_run_unasked() {
    let mut lib = Library::new(MemoryStore::default());
    let mut asked = saved("membership");
    asked.trials = 10_000_000;
    let s = start(&full_app(), &encode_link(&asked), &mut lib, Lang::En);
    assert_eq!(s.saved.trials, DEFAULT_TRIALS);
    assert_eq!(
        s.notes[0].text,
        "This link asks for 10,000,000 trials; the page runs at most 1,000,000 and does not start a long run unasked, so it runs 10,000 now."
    );
    assert_eq!(s.notes[0].offers, [Offer::RunTrials(MAX_APP_TRIALS)]);
    assert_eq!(s.notes[0].offers[0].label(), "Run 1,000,000 trials");
    // The same note and button in Russian: Russian numbers and plural forms.
    let nbsp = |t: &str| t.replace('\u{a0}', " ");
    assert_eq!(
        nbsp(s.notes[0].text_in(Lang::Ru)),
        "Ссылка просит 10 000 000 испытаний; страница считает не больше 1 000 000 и не запускает долгий расчёт без спроса, поэтому сейчас считает 10 000."
    );
    assert_eq!(
        nbsp(&s.notes[0].offers[0].label_in(Lang::Ru)),
        "Посчитать 1 000 000 испытаний"
    );
    assert_eq!(
        nbsp(&Offer::RunTrials(2).label_in(Lang::Ru)),
        "Посчитать 2 испытания"
    );
    lib.finish_opening().unwrap();
    asked.trials = 0;
    let s = start(&full_app(), &encode_link(&asked), &mut lib, Lang::En);
    assert_eq!(s.saved.trials, DEFAULT_TRIALS);
    assert!(
        s.notes[0]
            .text
            .starts_with("This link gave no usable number of trials"),
        "{}",
        s.notes[0].text
    );
    // In range: as asked, without a note.
    let mut fine = saved("membership");
    fine.trials = MAX_APP_TRIALS;
    assert_eq!(settle_trials(&mut fine, "file"), None);
    assert_eq!(fine.trials, MAX_APP_TRIALS);
}

#[test]
fn an_embed_never_reads_or_writes_storage() {
    let mut lib = with_autosave(&work());
    lib.begin_opening(&Opening::link("s1.x")).unwrap();
    let before = lib.store().values.clone();
    let page = parse_query("?embed");
    let s = start(&page, "", &mut lib, Lang::En);
    assert_eq!(
        s.preset,
        Some(presets::all()[0].id),
        "not the reader's autosave"
    );
    let mut asked = saved("membership");
    asked.trials = 20_000_000;
    let s = start(&page, &encode_link(&asked), &mut lib, Lang::En);
    assert_eq!((s.saved.trials, s.opening), (DEFAULT_TRIALS, None));
    assert_eq!(s.notes.len(), 1, "the trials note only");
    assert_eq!(lib.store().values, before);
}

#[test]
fn a_tab_hears_when_another_tab_changes_the_autosave_and_can_keep_its_own() {
    let mine = work();
    assert_eq!(other_tab_changed(&mine, Some(&encode(&mine))), None);
    let note = other_tab_changed(&mine, Some(&encode(&saved("membership")))).unwrap();
    assert!(
        note.text
            .starts_with("Another tab changed the autosaved scenario to “"),
        "{}",
        note.text
    );
    assert_eq!(note.offers, [Offer::KeepThisTab]);
    assert!(other_tab_changed(&mine, None)
        .unwrap()
        .text
        .contains("(it was removed)"));
    let mut lib = Library::new(MemoryStore::default());
    let kept = keep_this_tab(&mut lib, &mine, Lang::En);
    assert_eq!(
        kept.text,
        "This tab's scenario is kept in Saved scenarios as “My own work (this tab)”."
    );
    let again = keep_this_tab(&mut lib, &mine, Lang::En);
    assert!(
        again.text.contains("“My own work (this tab) (2)”"),
        "{}",
        again.text
    );
}
