//! Built-in scenarios. Each is a schema-1 JSON file under `presets/`, checked by
//! the tests to parse, validate and run.
//!
//! [`all`] lists them in the order a student meets them: the classic three-step
//! funnel first, then the three departments LG–LC–AM, the tripwire value ladder,
//! the nine-touch customer journey, a membership with a monthly fee, and last the
//! full example, which uses every stage of the model (`docs/model.md`).

use crate::i18n::Lang;
use crate::scenario::Scenario;

/// The full example scenario (`docs/model.md`): search ads, a tripwire, a course, coaching,
/// repeat purchases, a subscription and referrals.
pub const EXAMPLE_JSON: &str = include_str!("../presets/example.json");

/// The example scenario, parsed.
pub fn example() -> Scenario {
    Scenario::from_json(EXAMPLE_JSON).expect("the bundled example is valid JSON of schema 1")
}

/// A built-in scenario with a short explanation for students.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable identifier (the JSON file's name without `.json`), e.g. `"classic"`.
    pub id: &'static str,
    /// Short title for a menu.
    pub title: &'static str,
    /// One line saying what the preset shows.
    pub tagline: &'static str,
    /// A few plain sentences: what the funnel is, what to look at, what to try changing.
    pub explanation: &'static str,
    /// The scenario, as schema-1 JSON.
    pub json: &'static str,
}

impl Preset {
    /// The preset's scenario, parsed (the tests check that every preset parses and validates).
    pub fn scenario(&self) -> Scenario {
        Scenario::from_json(self.json).expect("every bundled preset is valid JSON of schema 1")
    }

    /// The preset's scenario with its name and its channels' and offers' names
    /// in `lang` (the numbers, ids and currency are the same in every language).
    pub fn scenario_in(&self, lang: Lang) -> Scenario {
        let mut sc = self.scenario();
        sc.name = lang.t(&self.text_id("name"));
        for (i, c) in sc.channels.iter_mut().enumerate() {
            c.name = lang.t(&self.text_id(&format!("channel-{i}")));
        }
        for o in &mut sc.offers {
            o.name = lang.t(&self.text_id(&format!("offer-{}", o.id)));
        }
        sc
    }

    /// Its title in `lang`.
    pub fn title_in(&self, lang: Lang) -> String {
        lang.t(&self.text_id("title"))
    }

    /// Its tagline in `lang`, amounts in its own currency.
    pub fn tagline_in(&self, lang: Lang) -> String {
        self.tagline_with(lang, &self.scenario().currency)
    }

    /// Its explanation in `lang`, amounts in its own currency.
    pub fn explanation_in(&self, lang: Lang) -> String {
        self.explanation_with(lang, &self.scenario().currency)
    }

    /// Its tagline in `lang`, amounts in `currency` (the scenario's, once edited).
    pub fn tagline_with(&self, lang: Lang, currency: &str) -> String {
        lang.t_with(&self.text_id("tagline"), &[("currency", currency.into())])
    }

    /// Its explanation in `lang`, amounts in `currency` (the scenario's, once edited).
    pub fn explanation_with(&self, lang: Lang, currency: &str) -> String {
        lang.t_with(
            &self.text_id("explanation"),
            &[("currency", currency.into())],
        )
    }

    /// The catalogue id of one of its texts: `preset-classic-title`.
    fn text_id(&self, what: &str) -> String {
        format!("preset-{}-{what}", self.id)
    }

    /// Whether `scenario` is this preset as shipped, in any language.
    pub fn is(&self, scenario: &Scenario) -> bool {
        Lang::ALL.iter().any(|&l| self.scenario_in(l) == *scenario)
    }
}

/// The English texts of a preset under their catalogue ids (title, tagline,
/// explanation, and the names in its scenario), which the Russian catalogue
/// translates (see [`crate::i18n::derived`]).
pub fn texts(p: &Preset) -> Vec<(String, String)> {
    let sc = p.scenario();
    let mut out = vec![
        (p.text_id("title"), p.title.to_string()),
        (p.text_id("tagline"), p.tagline.to_string()),
        (p.text_id("explanation"), p.explanation.to_string()),
        (p.text_id("name"), sc.name.clone()),
    ];
    for (i, c) in sc.channels.iter().enumerate() {
        out.push((p.text_id(&format!("channel-{i}")), c.name.clone()));
    }
    for o in &sc.offers {
        out.push((p.text_id(&format!("offer-{}", o.id)), o.name.clone()));
    }
    out
}

/// The preset `scenario` is, as shipped in any language, if it is one.
pub fn matching(scenario: &Scenario) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.is(scenario))
}

const PRESETS: &[Preset] = &[
    Preset {
        id: "classic",
        title: "Classic 3-step funnel",
        tagline: "Attention → information → sale: video ads, a free lesson, one $79 course.",
        explanation: "The simplest funnel has three steps: a video ad catches attention, a free \
            lesson gives information in exchange for an email address, and a few emails lead \
            to the sale of one course. Every step loses people, and the share that moves on \
            is that step's conversion. Look at how many visitors it takes to make one customer \
            and how much of the profit band lies above zero. Try raising the conversion per \
            touch, then the price, and see which one moves the profit more. The course's \
            price changes demand: buyers were counted at $79, and every $60 more halves them \
            (every $60 less doubles them), so a higher price earns more per sale from fewer \
            buyers.",
        json: include_str!("../presets/classic.json"),
    },
    Preset {
        id: "lg-lc-am",
        title: "LG–LC–AM: three departments",
        tagline: "Get contacts, convert them in 30 hot days, then keep customers buying.",
        explanation: "Lead generation brings contacts from three channels with a free brewing \
            guide, lead conversion touches each lead two or three times a week during the \
            first 30 days, when interest is hottest, and account management sells repeat \
            orders and tries to win back customers who stop. The first order does not even \
            pay for the ads: the money is in the repeat orders. Look at the channel table, \
            where Instagram ads lose money in most trials while the other two channels pay \
            for themselves. Try switching Instagram off (set its end day to 0) and compare \
            the profit and the chance of a loss.",
        json: include_str!("../presets/lg-lc-am.json"),
    },
    Preset {
        id: "tripwire-ladder",
        title: "Tripwire value ladder",
        tagline: "Free checklist → $7 tripwire → $249 course → $890 mentoring.",
        explanation: "A value ladder leads people up step by step: a free checklist, a $7 \
            tripwire, the core course and personal mentoring on top. The tripwire's job is to \
            turn leads into buyers, not to make money, and its revenue covers only about half \
            of the ads. Look at the value ladder table to see where the profit really comes \
            from. Try setting the mentoring's take rate to 0 and watch the median profit fall \
            by more than half. The tripwire's buyers were counted at $7 and halve with every \
            $15 more, so at $22 half as many buy it and fewer climb to the course and the \
            mentoring.",
        json: include_str!("../presets/tripwire-ladder.json"),
    },
    Preset {
        id: "customer-journey",
        title: "9-touch customer journey",
        tagline: "From a free video to promoter: nine touches, a return path, fans and promoters.",
        explanation: "The customer journey follows a person from a free video to recommending \
            you: lead magnet, tripwire, a free live Q&A, the core program, coaching, repeat \
            purchases, then fans who recommend you for free and promoters who do it for a \
            reward. The nurture sends nine messages in the first 30 days, and trust is \
            complete after seven of them. Look at the referral row of the channel table: \
            those customers cost almost nothing, but only buyers of the core program \
            recommend you, so there are few of them. Try raising the core program's take \
            rate or the fan rate and watch the referral row grow. The starter program's \
            buyers were counted at $15 and halve with every $20 more, so a higher price also \
            thins every step after it.",
        json: include_str!("../presets/customer-journey.json"),
    },
    Preset {
        id: "membership",
        title: "Membership with a monthly fee",
        tagline: "A half-price first month, then a monthly subscription that slowly churns.",
        explanation: "A speaking club sells the first month at half price, and about half of \
            those buyers stay on as paying members. Every month some members leave, which is \
            churn, and it decides how long a member keeps paying. Look at the recurring \
            revenue (MRR) climbing over the year and at the late payback day: a subscription \
            pays back slowly but keeps paying. Try lowering the monthly churn a little and see \
            how much the profit changes. The first month sold at $15, and every $20 more \
            halves its buyers: at $35 half as many people try the club.",
        json: include_str!("../presets/membership.json"),
    },
    Preset {
        id: "example",
        title: "Full ladder (the model's example)",
        tagline: "Every stage at once, and a lesson about fixed costs.",
        explanation: "This is the example from the model description, with every stage \
            switched on and search ads running for the first two months only. The ads pay for \
            themselves in about three trials out of four, but fixed costs of 3,000 a month \
            are more than the ladder earns in six months, so most trials end in a loss. \
            Compare the channel table with the profit band: a channel that pays is not yet a \
            business that pays. Try lowering the fixed costs, and notice that running the ads \
            longer helps little, because late leads have no time to climb the ladder. The \
            mini-course's buyers were counted at $7 and halve with every $20 more, so at $27 \
            half as many buy it and start the climb.",
        json: EXAMPLE_JSON,
    },
];

/// Every built-in preset, ordered for a student: the classic funnel first.
pub fn all() -> &'static [Preset] {
    PRESETS
}

/// The preset with this id, if there is one.
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
