//! Keeping and sharing scenarios: envelope and migrations, storage failures
//! that lose nothing, named scenarios with undo, and share links.

use funnel_lab::i18n::Lang;
use funnel_lab::persist::*;
use funnel_lab::presets;
use funnel_lab::sampling::TrialRng;
use serde_json::{json, Value};

fn saved(id: &str) -> Saved {
    Saved {
        scenario: presets::by_id(id).unwrap().scenario(),
        trials: 20_000,
        seed: 42,
    }
}

#[test]
fn every_preset_round_trips_through_the_envelope_and_a_link() {
    for p in presets::all() {
        let s = saved(p.id);
        assert_eq!(decode(&encode(&s)).unwrap(), s, "{}", p.id);
        let link = encode_link(&s);
        assert_eq!(decode_link(&link).unwrap(), s, "{}", p.id);
        assert_eq!(
            decode_link(&format!("#{link}")).unwrap(),
            s,
            "a leading # is fine"
        );
        println!("share link for {:<18} {:>5} characters", p.id, link.len());
        assert!(
            link.len() < 2000,
            "{}: link of {} characters",
            p.id,
            link.len()
        );
        assert!(
            link.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "URL-safe: {link}"
        );
    }
}

#[test]
fn markup_in_names_is_kept_as_text() {
    let mut s = saved("classic");
    s.scenario.name = "<img src=x onerror=alert(1)>".into();
    s.scenario.channels[0].name = "</script><b>bold</b> & \"quotes\"".into();
    let back = decode_link(&encode_link(&s)).unwrap();
    assert_eq!(back.scenario.name, "<img src=x onerror=alert(1)>");
    assert_eq!(
        back.scenario.channels[0].name,
        "</script><b>bold</b> & \"quotes\""
    );
}

#[test]
fn a_truncated_link_loads_nothing() {
    let link = encode_link(&saved("customer-journey"));
    for cut in 0..link.len() {
        let r = decode_link(&link[..cut]);
        assert!(
            r.is_err(),
            "cut at {cut} of {} loaded something",
            link.len()
        );
    }
}

#[test]
fn a_changed_link_loads_nothing() {
    let link = encode_link(&saved("tripwire-ladder"));
    let body_start = LINK_PREFIX.len();
    let mut r = TrialRng::from_seed_u64(5);
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        .chars()
        .collect();
    for _ in 0..400 {
        let pos = body_start + (r.uniform() * (link.len() - body_start) as f64) as usize;
        let mut chars: Vec<char> = link.chars().collect();
        let old = chars[pos];
        let new = alphabet[(r.uniform() * alphabet.len() as f64) as usize];
        if new == old {
            continue;
        }
        chars[pos] = new;
        let tampered: String = chars.into_iter().collect();
        // The zlib checksum catches the change (base64's last character may hold
        // unused bits, so a change there can decode to the same bytes).
        match decode_link(&tampered) {
            Err(_) => {}
            Ok(s) => assert_eq!(
                s,
                saved("tripwire-ladder"),
                "a change at {pos} loaded a different scenario"
            ),
        }
    }
    assert_eq!(
        decode_link("https://example.org/#nothing"),
        Err(LinkError::NotALink)
    );
    assert_eq!(decode_link("s1.!!!"), Err(LinkError::Damaged));
    assert!(decode_link("s1.").is_err());
}

#[test]
fn a_link_to_an_invalid_or_foreign_payload_says_why() {
    let pack = |text: &str| {
        use base64::Engine;
        let z = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
        format!(
            "{LINK_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z)
        )
    };
    let e = decode_link(&pack("{\"hello\": 1}")).unwrap_err();
    assert!(
        matches!(e, LinkError::Content(ReadError::Corrupt(_))),
        "{e:?}"
    );
    let e = decode_link(&pack(
        r#"{"format":"funnel-lab","version":9,"scenario":{}}"#,
    ))
    .unwrap_err();
    assert_eq!(e, LinkError::Content(ReadError::Newer { version: 9 }));
    assert!(e.to_string().contains("newer Funnel Lab"), "{e}");
    let e = decode_link(&pack(
        r#"{"format":"funnel-lab","version":1,"scenario":{"schema":1,"name":3}}"#,
    ))
    .unwrap_err();
    assert!(e.to_string().contains("name"), "{e}");
}

#[test]
fn a_plain_scenario_file_is_read_with_default_settings() {
    let s = decode(presets::EXAMPLE_JSON).unwrap();
    assert_eq!(s.scenario, presets::example());
    assert_eq!((s.trials, s.seed), (10_000, 1));
}

#[test]
fn corrupt_and_foreign_values_are_refused() {
    for text in [
        "",
        "{",
        "[1,2]",
        "42",
        "{\"format\":\"other\"}",
        "{\"format\":\"funnel-lab\"}",
    ] {
        assert!(
            matches!(decode(text), Err(ReadError::Corrupt(_))),
            "{text:?}"
        );
    }
    assert!(matches!(
        decode(r#"{"format":"funnel-lab","version":0,"scenario":{}}"#),
        Err(ReadError::Corrupt(_))
    ));
}

/// The migration mechanism, with a made-up version 2 that renamed `name` to `title`.
#[test]
fn older_versions_migrate_on_load_and_newer_ones_are_refused() {
    fn to_v2(mut v: Value) -> Result<Value, String> {
        let name = v["scenario"]["name"].take();
        v["scenario"]
            .as_object_mut()
            .ok_or("no scenario")?
            .remove("name");
        v["scenario"]["title"] = name;
        v["version"] = json!(2);
        Ok(v)
    }
    fn from_v2_back(mut v: Value) -> Result<Value, String> {
        // Version 2 → 3 (also made up) restores `name`, so the result is schema 1 again.
        let title = v["scenario"]["title"].take();
        v["scenario"]
            .as_object_mut()
            .ok_or("no scenario")?
            .remove("title");
        v["scenario"]["name"] = title;
        v["version"] = json!(3);
        Ok(v)
    }
    let s = saved("classic");
    let v1 = encode(&s);
    // A version-1 value passes through both steps and comes back whole.
    assert_eq!(decode_with(&v1, &[to_v2, from_v2_back]).unwrap(), s);
    // A version-2 value starts at the second step.
    let v2 = to_v2(serde_json::from_str(&v1).unwrap())
        .unwrap()
        .to_string();
    assert_eq!(decode_with(&v2, &[to_v2, from_v2_back]).unwrap(), s);
    // A failing step reports itself.
    fn broken(_: Value) -> Result<Value, String> {
        Err("step 1 → 2 failed".into())
    }
    assert_eq!(
        decode_with(&v1, &[broken]),
        Err(ReadError::Corrupt("step 1 → 2 failed".into()))
    );
    // Today's list is empty: version 1 reads, version 2 is newer.
    assert_eq!(MIGRATIONS.len(), 0);
    assert_eq!(decode(&v1).unwrap(), s);
    assert_eq!(decode(&v2), Err(ReadError::Newer { version: 2 }));
}

#[test]
fn autosave_round_trips() {
    let mut lib = Library::new(MemoryStore::default());
    assert_eq!(lib.load_autosave(), Loaded::Empty);
    let s = saved("lg-lc-am");
    lib.autosave(&s).unwrap();
    assert_eq!(lib.load_autosave(), Loaded::Found(Box::new(s.clone())));
    let mut s2 = s.clone();
    s2.seed = 7;
    lib.autosave(&s2).unwrap();
    assert_eq!(lib.load_autosave(), Loaded::Found(Box::new(s2)));
}

#[test]
fn unavailable_storage_fails_plainly() {
    let store = MemoryStore {
        fail: Some(StoreError::Unavailable),
        ..Default::default()
    };
    let mut lib = Library::new(store);
    assert_eq!(lib.load_autosave(), Loaded::Failed(StoreError::Unavailable));
    let e = lib.autosave(&saved("classic")).unwrap_err();
    assert_eq!(e, LibraryError::Store(StoreError::Unavailable));
    assert!(e.to_string().contains("private mode"), "{e}");
    assert!(lib.names().is_err());
}

#[test]
fn a_full_storage_keeps_what_it_had() {
    let mut lib = Library::new(MemoryStore {
        quota: Some(30_000),
        ..Default::default()
    });
    let small = saved("classic");
    lib.autosave(&small).unwrap();
    let mut big = saved("customer-journey");
    big.scenario.name = "x".repeat(40_000);
    assert_eq!(
        lib.autosave(&big),
        Err(LibraryError::Store(StoreError::Full))
    );
    assert_eq!(lib.load_autosave(), Loaded::Found(Box::new(small)));
}

#[test]
fn a_value_that_cannot_be_read_is_never_overwritten() {
    for stored in [
        "{corrupt",
        r#"{"format":"funnel-lab","version":5,"scenario":{}}"#,
    ] {
        let mut store = MemoryStore::default();
        store.values.insert(AUTOSAVE_KEY.into(), stored.into());
        let mut lib = Library::new(store);
        assert!(matches!(lib.load_autosave(), Loaded::Unreadable(_)));
        let e = lib.autosave(&saved("classic")).unwrap_err();
        assert!(matches!(e, LibraryError::Protected(_)), "{e:?}");
        assert_eq!(
            lib.store().values[AUTOSAVE_KEY],
            stored,
            "left exactly as it was"
        );
    }
    // Even without loading first, a save checks what it would replace.
    let mut store = MemoryStore::default();
    store
        .values
        .insert(format!("{NAMED_PREFIX}mine"), "not json".into());
    let mut lib = Library::new(store);
    assert!(matches!(
        lib.save_as("mine", &saved("classic")),
        Err(LibraryError::Protected(_))
    ));
    assert_eq!(
        lib.store().values[&format!("{NAMED_PREFIX}mine")],
        "not json"
    );
}

#[test]
fn named_scenarios_save_open_rename_duplicate_delete_and_undo() {
    let mut lib = Library::new(MemoryStore::default());
    let a = saved("classic");
    let b = saved("membership");
    lib.save_as("Plan A", &a).unwrap();
    lib.save_as("  Plan B ", &b).unwrap();
    assert_eq!(lib.names().unwrap(), ["Plan A", "Plan B"]);
    assert_eq!(lib.open("Plan B"), Loaded::Found(Box::new(b.clone())));
    assert_eq!(lib.save_as("   ", &a), Err(LibraryError::EmptyName));
    assert_eq!(
        lib.rename("Plan A", "Plan B"),
        Err(LibraryError::NameTaken("Plan B".into()))
    );
    assert_eq!(
        lib.rename("Nope", "X"),
        Err(LibraryError::NoSuchName("Nope".into()))
    );
    lib.rename("Plan A", "First plan").unwrap();
    assert_eq!(lib.names().unwrap(), ["First plan", "Plan B"]);
    assert_eq!(lib.duplicate("Plan B").unwrap(), "Plan B (copy)");
    assert_eq!(lib.duplicate("Plan B").unwrap(), "Plan B (copy 2)");
    assert_eq!(
        lib.open("Plan B (copy 2)"),
        Loaded::Found(Box::new(b.clone()))
    );
    let gone = lib.delete("First plan").unwrap();
    assert_eq!(lib.open("First plan"), Loaded::Empty);
    lib.undo_delete(&gone).unwrap();
    assert_eq!(lib.open("First plan"), Loaded::Found(Box::new(a)));
    assert_eq!(
        lib.undo_delete(&gone),
        Err(LibraryError::NameTaken("First plan".into()))
    );
}

#[test]
fn work_replaced_by_a_link_is_kept_under_a_name_unless_nothing_would_be_lost() {
    let known: Vec<_> = presets::all().iter().map(|p| p.scenario()).collect();
    let mut lib = Library::new(MemoryStore::default());
    let link = saved("membership");
    // An untouched preset is not worth keeping.
    assert_eq!(
        lib.keep_before_replacing(&saved("classic"), &link, &known, "Before the link"),
        Ok(None)
    );
    // Nor is the very scenario the link brings.
    assert_eq!(
        lib.keep_before_replacing(&link, &link, &known, "Before the link"),
        Ok(None)
    );
    // Edited work is kept, under the first free name.
    let mut edited = saved("classic");
    edited.scenario.name = "My edits".into();
    assert_eq!(
        lib.keep_before_replacing(&edited, &link, &known, "Before the link"),
        Ok(Some("Before the link".into()))
    );
    assert_eq!(
        lib.open("Before the link"),
        Loaded::Found(Box::new(edited.clone()))
    );
    // Kept once: the same work again is already saved under a name.
    assert_eq!(
        lib.keep_before_replacing(&edited, &link, &known, "Before the link"),
        Ok(None)
    );
    let mut other = edited.clone();
    other.scenario.horizon_days += 1;
    assert_eq!(
        lib.keep_before_replacing(&other, &link, &known, "Before the link"),
        Ok(Some("Before the link (2)".into()))
    );
    // Without storage it says so, and the caller keeps the work in memory.
    let mut none = Library::new(MemoryStore {
        fail: Some(StoreError::Unavailable),
        ..MemoryStore::default()
    });
    assert_eq!(
        none.keep_before_replacing(&edited, &link, &known, "x"),
        Err(LibraryError::Store(StoreError::Unavailable))
    );
}

#[test]
fn file_stems_are_safe_and_readable() {
    assert_eq!(file_stem("Classic 3-step funnel"), "classic-3-step-funnel");
    assert_eq!(
        file_stem("<img src=x onerror=alert(1)>"),
        "img-src-x-onerror-alert-1"
    );
    assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
    assert_eq!(file_stem("Воронка: вебинар"), "воронка-вебинар");
    assert_eq!(file_stem("???"), "scenario");
    assert_eq!(file_stem(""), "scenario");
    assert!(file_stem(&"a".repeat(500)).chars().count() <= 60);
}

/// A share link made from any text, the way `encode_link` packs an envelope.
fn pack(text: &[u8]) -> String {
    use base64::Engine;
    let z = miniz_oxide::deflate::compress_to_vec_zlib(text, 9);
    format!(
        "{LINK_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z)
    )
}

#[test]
fn every_refused_link_says_what_happened() {
    // Another version's or another site's link.
    for (link, prefix) in [
        ("s2.eJwDAAAAAAE", "s2."),
        ("S1.abc", "S1."),
        ("#v10.x", "v10."),
    ] {
        let e = decode_link(link).unwrap_err();
        assert_eq!(
            e,
            LinkError::UnknownFormat {
                prefix: prefix.into()
            }
        );
        assert!(
            e.to_string()
                .contains("made by another version of Funnel Lab, or is not a Funnel Lab link"),
            "{e}"
        );
    }
    for fragment in ["term-roi", "", "#", "top", "a.b", "section-2.3"] {
        assert!(!looks_like_link(fragment), "{fragment}");
        assert_eq!(
            decode_link(fragment),
            Err(LinkError::NotALink),
            "{fragment}"
        );
    }
    // A decompression bomb: 50 MB of spaces in a link of about 70 KB.
    let bomb = pack(&vec![b' '; 50_000_000]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let e = decode_link(&bomb).unwrap_err();
    assert_eq!(e, LinkError::TooLarge);
    assert!(
        e.to_string()
            .contains("would unpack to more than 1000000 bytes (1 MB)"),
        "{e}"
    );
    // Just over and exactly at the limit.
    assert_eq!(
        decode_link(&pack(&vec![
            b' ';
            funnel_lab::limits::MAX_SCENARIO_BYTES + 1
        ])),
        Err(LinkError::TooLarge)
    );
    let at = decode_link(&pack(&vec![b' '; funnel_lab::limits::MAX_SCENARIO_BYTES])).unwrap_err();
    assert!(
        matches!(at, LinkError::Content(ReadError::Corrupt(_))),
        "{at:?}"
    );
    // A link too long to be anything but too large is refused before decoding.
    assert_eq!(
        decode_link(&format!("s1.{}", "A".repeat(2_000_000))),
        Err(LinkError::TooLarge)
    );
    // Damaged stays damaged.
    assert_eq!(decode_link("s1.!!!"), Err(LinkError::Damaged));
}

/// The tripwire ladder with `n` copies of its second offer (ids made unique).
fn with_offers(n: usize) -> Saved {
    let mut s = saved("tripwire-ladder");
    let o = s.scenario.offers[1].clone();
    s.scenario.offers.truncate(1);
    for i in 0..n {
        let mut o = o.clone();
        o.id = format!("o{i}");
        s.scenario.offers.push(o);
    }
    s
}

#[test]
fn a_link_over_the_limits_is_refused_by_name_before_anything_is_built() {
    let big = with_offers(2_000);
    let link = encode_link(&big);
    println!("2,000-offer link: {} characters", link.len());
    let e = decode_link(&link).unwrap_err();
    assert!(
        e.to_string()
            .contains("offers: too many offers: 2,001 where a scenario may have at most 30"),
        "{e}"
    );
    // Within the limits, the same shape opens.
    let fine = with_offers(funnel_lab::limits::MAX_OFFERS - 1);
    assert_eq!(decode_link(&encode_link(&fine)).unwrap(), fine);
    // A stored value over the size limit is unreadable, and so never overwritten.
    let mut store = MemoryStore::default();
    let huge = format!("{}{}", encode(&fine), " ".repeat(1_000_000));
    store.values.insert(AUTOSAVE_KEY.into(), huge.clone());
    let mut lib = Library::new(store);
    match lib.load_autosave() {
        Loaded::Unreadable(e) => assert!(e.to_string().contains("too large"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(lib.autosave(&fine).is_err());
    assert_eq!(lib.store().values[AUTOSAVE_KEY], huge);
}

#[test]
fn trials_that_are_not_a_whole_number_read_as_zero_for_the_caller_to_settle() {
    let env = |t: Value| {
        json!({"format": FORMAT, "version": 1, "trials": t, "seed": 3,
               "scenario": presets::example()})
        .to_string()
    };
    for bad in [json!(-5), json!(2.5), json!("many"), json!(1e30)] {
        assert_eq!(decode(&env(bad.clone())).unwrap().trials, 0, "{bad}");
    }
    assert_eq!(decode(&env(json!(10_000_000))).unwrap().trials, 10_000_000);
    assert_eq!(decode(&env(Value::Null)).unwrap().trials, 10_000);
}

/// Saved-work loss (issue 15): keeping the old work looked for a free name
/// with the untrimmed label but saved it trimmed, so a space-led or empty
/// scenario name overwrote a saved scenario.
#[test]
fn keeping_work_never_overwrites_a_saved_scenario_whatever_its_name() {
    let known: Vec<_> = presets::all().iter().map(|p| p.scenario()).collect();
    let link = saved("membership");
    for name in ["  Spaced", "", "   "] {
        let mut lib = Library::new(MemoryStore::default());
        let label = format!("{name} (before a shared link)");
        let taken = label.trim().to_string();
        let mut precious = saved("lg-lc-am");
        precious.seed = 99;
        lib.save_as(&taken, &precious).unwrap();
        let mut work = saved("classic");
        work.scenario.name = name.into();
        let kept = lib
            .keep_before_replacing(&work, &link, &known, &label)
            .unwrap()
            .unwrap();
        assert_eq!(kept, format!("{taken} (2)"), "{name:?}");
        assert_eq!(
            lib.open(&taken),
            Loaded::Found(Box::new(precious)),
            "{name:?}"
        );
        assert_eq!(lib.open(&kept), Loaded::Found(Box::new(work)), "{name:?}");
    }
    // An empty label still gives a name.
    let mut lib = Library::new(MemoryStore::default());
    assert_eq!(lib.keep_copy(&saved("classic"), "  ").unwrap(), "Untitled");
    assert_eq!(
        lib.keep_copy(&saved("classic"), "").unwrap(),
        "Untitled (2)"
    );
}

#[test]
fn create_only_writes_never_replace_anything() {
    let mut store = MemoryStore::default();
    store
        .values
        .insert(format!("{NAMED_PREFIX}x"), "not json".into());
    let mut lib = Library::new(store);
    assert_eq!(
        lib.create("x", &saved("classic")),
        Err(LibraryError::NameTaken("x".into()))
    );
    assert_eq!(lib.store().values[&format!("{NAMED_PREFIX}x")], "not json");
    // keep_copy steps over the unreadable value too.
    assert_eq!(lib.keep_copy(&saved("classic"), "x").unwrap(), "x (2)");
    // Storage failures come back as they are.
    let mut full = Library::new(MemoryStore {
        quota: Some(10),
        ..MemoryStore::default()
    });
    assert_eq!(
        full.keep_copy(&saved("classic"), "y"),
        Err(LibraryError::Store(StoreError::Full))
    );
}

#[test]
fn an_opening_note_lasts_from_begin_to_finish() {
    let mut lib = Library::new(MemoryStore::default());
    assert_eq!(lib.unfinished_opening(), None);
    let o = Opening::link("#s1.abc");
    assert_eq!(o, Opening::link("s1.abc"), "the # does not count");
    assert_ne!(o, Opening::link("s1.abd"));
    lib.begin_opening(&o).unwrap();
    assert_eq!(lib.unfinished_opening(), Some(o));
    lib.finish_opening().unwrap();
    assert_eq!(lib.unfinished_opening(), None);
}

#[test]
fn a_link_carries_a_baseline_and_a_language_that_older_readers_ignore() {
    let current = saved("classic");
    let baseline = presets::by_id("tripwire-ladder").unwrap().scenario();
    for lang in [None, Some(Lang::Ru), Some(Lang::En)] {
        let extras = LinkExtras {
            lang,
            baseline: Some(baseline.clone()),
        };
        let link = encode_share_link(&current, &extras);
        let opened = open_share_link(&link).unwrap();
        assert_eq!(opened.saved, current);
        assert_eq!(opened.lang, lang);
        assert_eq!(opened.baseline, Some(Ok(baseline.clone())));
        // A reader that knows nothing of baselines or languages opens the same scenario.
        assert_eq!(decode_link(&link).unwrap(), current);
        // A damaged link with a baseline loads nothing.
        let cut = &link[..link.len() - 5];
        assert!(open_share_link(cut).is_err());
    }
    // Links without extras (all links made before languages and comparisons)
    // are the plain link, and open with neither.
    let old = encode_link(&current);
    assert_eq!(encode_share_link(&current, &LinkExtras::default()), old);
    assert_eq!(
        open_share_link(&old).unwrap(),
        OpenedLink {
            saved: current.clone(),
            lang: None,
            baseline: None
        }
    );
    // A baseline that cannot be read does not stop the scenario from opening.
    let mut env: Value = serde_json::from_str(&encode(&current)).unwrap();
    env[LINK_BASELINE_FIELD] = json!({"schema": 1, "name": "half"});
    env["lang"] = json!("ru");
    let opened = open_share_link(&pack(env.to_string().as_bytes())).unwrap();
    assert_eq!((&opened.saved, opened.lang), (&current, Some(Lang::Ru)));
    let e = opened.baseline.unwrap().unwrap_err();
    assert!(e.to_string().contains("cannot be read"), "{e}");
}

#[test]
fn the_baseline_is_kept_across_reloads_and_an_unreadable_one_is_never_overwritten() {
    let mut lib = Library::new(MemoryStore::default());
    assert_eq!(lib.load_baseline(), Loaded::Empty);
    let baseline = presets::by_id("membership").unwrap().scenario();
    lib.save_baseline(&baseline).unwrap();
    // A new page over the same storage finds it.
    let store = lib.store().clone();
    let mut again = Library::new(store);
    match again.load_baseline() {
        Loaded::Found(s) => assert_eq!(s.scenario, baseline),
        other => panic!("{other:?}"),
    }
    again.clear_baseline().unwrap();
    assert_eq!(again.load_baseline(), Loaded::Empty);
    assert!(
        matches!(again.load_autosave(), Loaded::Empty),
        "no other slot is touched"
    );

    let mut store = MemoryStore::default();
    store.values.insert(BASELINE_KEY.into(), "{corrupt".into());
    let mut lib = Library::new(store);
    assert!(matches!(lib.load_baseline(), Loaded::Unreadable(_)));
    assert!(matches!(
        lib.save_baseline(&baseline),
        Err(LibraryError::Protected(_))
    ));
    assert!(matches!(
        lib.clear_baseline(),
        Err(LibraryError::Protected(_))
    ));
    assert_eq!(lib.store().values[BASELINE_KEY], "{corrupt");
}
