//! The random streams of a trial's events, keyed by what they belong to
//! (`docs/model.md`, "Random streams"): a channel's acquisition by the channel's
//! name, a source's nurture, an offer's purchases and takers by the offer's id and
//! the source of the people, each stage of the life cycle by the source, and
//! every one of them by day. Two scenarios that differ in one part share every
//! other draw; a different count on one day shifts no draw of another day.

use super::Plan;
use crate::sampling::{KeyedStreams, StreamKey, StreamNumber, TrialRng};
use crate::scenario::Scenario;

/// The kind of every event stream's key: `StreamKey::new(EVENTS)`.
pub(super) const EVENTS: &str = "events";

/// The key of `part` narrowed to the people of source `s` of `channels`: a paid
/// channel by its name (spaces around it ignored, as validation compares names),
/// then the leads brought by fans, then those brought by promoters.
pub(super) fn source_key(part: StreamKey, channels: &[String], s: usize) -> StreamKey {
    match channels.get(s) {
        Some(name) => part.with("channel").with(name.trim()),
        None if s == channels.len() => part.with("referral").with("fans"),
        None => part.with("referral").with("promoters"),
    }
}

/// The keys of every part of a scenario (what does not change between trials).
#[derive(Clone, Debug)]
pub(super) struct StreamKeys {
    /// Per paid channel: visitors and leads.
    acquisition: Vec<StreamKey>,
    /// Per source: the fates of each day's new leads.
    nurture: Vec<StreamKey>,
    /// Per offer, then source: takers, purchases and refunds.
    offers: Vec<StreamKey>,
    /// Per source, for each stage of the life cycle that exists.
    subscription: Vec<StreamKey>,
    repeat: Vec<StreamKey>,
    repeat_purchases: Vec<StreamKey>,
    referrals: Vec<StreamKey>,
}

impl StreamKeys {
    /// The keys of the parts of `sc`, for `sources` sources (paid channels, fans, promoters).
    pub(super) fn new(sc: &Scenario, sources: usize) -> StreamKeys {
        let names: Vec<String> = sc.channels.iter().map(|c| c.name.clone()).collect();
        let events = StreamKey::new(EVENTS);
        let per_source = |part: StreamKey| -> Vec<StreamKey> {
            (0..sources).map(|s| source_key(part, &names, s)).collect()
        };
        let stage = |on: bool, name: &str| {
            if on {
                per_source(events.with(name))
            } else {
                Vec::new()
            }
        };
        StreamKeys {
            acquisition: names
                .iter()
                .map(|n| events.with("acquisition").with(n.trim()))
                .collect(),
            nurture: per_source(events.with("nurture")),
            offers: sc
                .offers
                .iter()
                .flat_map(|o| per_source(events.with("offer").with(&o.id)))
                .collect(),
            subscription: stage(sc.subscription.is_some(), "subscription"),
            repeat: stage(sc.repeat.is_some(), "repeat"),
            repeat_purchases: stage(sc.repeat.is_some(), "repeat purchases"),
            referrals: stage(sc.referrals.is_some(), "referrals"),
        }
    }
}

/// The event streams of one trial: a [`KeyedStreams`] per key of [`StreamKeys`],
/// each opened per day.
#[derive(Clone, Debug)]
pub(super) struct TrialStreams {
    sources: usize,
    /// The day being simulated and its stream number (the same for every part).
    today: usize,
    today_number: StreamNumber,
    acquisition: Vec<KeyedStreams>,
    nurture: Vec<KeyedStreams>,
    offers: Vec<KeyedStreams>,
    subscription: Vec<KeyedStreams>,
    repeat: Vec<KeyedStreams>,
    repeat_purchases: Vec<KeyedStreams>,
    referrals: Vec<KeyedStreams>,
}

impl TrialStreams {
    /// The streams of trial number `trial` of `plan`.
    pub(super) fn new(plan: &Plan, trial: u64) -> TrialStreams {
        let seed = plan.options.seed;
        let open = |keys: &[StreamKey]| -> Vec<KeyedStreams> {
            keys.iter()
                .map(|&k| KeyedStreams::new(seed, trial, k))
                .collect()
        };
        let k = &plan.keys;
        TrialStreams {
            sources: plan.channels + 2,
            today: 0,
            today_number: StreamNumber::new(0),
            acquisition: open(&k.acquisition),
            nurture: open(&k.nurture),
            offers: open(&k.offers),
            subscription: open(&k.subscription),
            repeat: open(&k.repeat),
            repeat_purchases: open(&k.repeat_purchases),
            referrals: open(&k.referrals),
        }
    }

    /// Sets the day being simulated, whose stream number every part's stream
    /// of that day shares.
    pub(super) fn set_day(&mut self, d: usize) {
        self.today = d;
        self.today_number = StreamNumber::new(d as u64);
    }

    /// Stream number of day `d` (computed once for the day being simulated).
    #[inline]
    fn day(&self, d: usize) -> StreamNumber {
        if d == self.today {
            self.today_number
        } else {
            StreamNumber::new(d as u64)
        }
    }

    /// Visitors and leads of paid channel `c` on day `d`.
    pub(super) fn acquisition(&self, c: usize, d: usize) -> TrialRng {
        self.acquisition[c].numbered(self.day(d))
    }

    /// The fates of the leads of source `s` who join on day `d`.
    pub(super) fn nurture(&self, s: usize, d: usize) -> TrialRng {
        self.nurture[s].numbered(self.day(d))
    }

    /// Takers, purchases and refunds of offer `i` by people of source `s` on day `d`.
    pub(super) fn offer(&self, i: usize, s: usize, d: usize) -> TrialRng {
        self.offers[i * self.sources + s].numbered(self.day(d))
    }

    /// Takers, new subscribers and their lives, of source `s` on day `d`.
    pub(super) fn subscription(&self, s: usize, d: usize) -> TrialRng {
        self.subscription[s].numbered(self.day(d))
    }

    /// The lives of the repeat customers of source `s` who qualify on day `d`.
    pub(super) fn repeat(&self, s: usize, d: usize) -> TrialRng {
        self.repeat[s].numbered(self.day(d))
    }

    /// The repeat purchases of source `s` on day `d`.
    pub(super) fn repeat_purchases(&self, s: usize, d: usize) -> TrialRng {
        self.repeat_purchases[s].numbered(self.day(d))
    }

    /// Fans, promoters and their leads among the buyers of source `s` on day `d`.
    pub(super) fn referrals(&self, s: usize, d: usize) -> TrialRng {
        self.referrals[s].numbered(self.day(d))
    }
}
