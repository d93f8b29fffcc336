//! The sticky bar's headline numbers and their change since the previous run.

use funnel_lab::engine::{Plan, RunOptions};
use funnel_lab::headline::{Direction, Headline};
use funnel_lab::i18n::Lang;
use funnel_lab::metrics::Metric;
use funnel_lab::presets;
use funnel_lab::results::RunResult;
use funnel_lab::scenario::Scenario;
use funnel_lab::stats::Batch;

fn run(scenario: Scenario, trials: u64) -> RunResult {
    let plan = Plan::new(scenario.validate().unwrap(), RunOptions::new(trials, 1)).unwrap();
    RunResult::from_batch(&plan, &Batch::run(&plan, 0, trials))
}

fn headline(profit: Option<f64>, loss: f64, currency: &str) -> Headline {
    Headline {
        currency: currency.into(),
        profit_median: profit,
        prob_loss: loss,
    }
}

#[test]
fn the_headline_is_the_runs_median_profit_and_chance_of_a_loss() {
    let r = run(presets::by_id("classic").unwrap().scenario(), 400);
    let h = Headline::of(&r);
    assert_eq!(h.profit_median, r.summary.stats(Metric::Profit).p50);
    assert_eq!(h.prob_loss, r.summary.prob_loss);
    assert_eq!(h.currency, r.header.currency);
    // The same run twice has not changed.
    assert_eq!(h.profit_change(&h, Lang::En), None);
    assert_eq!(h.loss_change(&h, Lang::En), None);
}

#[test]
fn a_higher_price_shows_as_a_change_of_the_median_profit() {
    let mut sc = presets::by_id("classic").unwrap().scenario();
    let before = Headline::of(&run(sc.clone(), 400));
    sc.offers[0].price = funnel_lab::scenario::Uncertain::Fixed(0.0);
    let after = Headline::of(&run(sc, 400));
    let change = after.profit_change(&before, Lang::En).unwrap();
    assert_eq!(change.direction, Direction::Down);
    assert!(!change.better);
    let delta = before.profit_median.unwrap() - after.profit_median.unwrap();
    assert_eq!(
        change.text,
        format!("▼ {}", Lang::En.numbers().money(delta, "USD"))
    );
}

#[test]
fn changes_are_written_as_the_page_writes_numbers() {
    let (a, b) = (
        headline(Some(11_200.0), 0.25, "USD"),
        headline(Some(12_300.0), 0.231, "USD"),
    );
    let profit = b.profit_change(&a, Lang::En).unwrap();
    assert_eq!(profit.text, "▲ $1,100");
    assert_eq!((profit.direction, profit.better), (Direction::Up, true));
    let loss = b.loss_change(&a, Lang::En).unwrap();
    assert_eq!(loss.text, "▼ 1.9 pts");
    assert_eq!((loss.direction, loss.better), (Direction::Down, true));
    // Back the other way: worse news.
    let worse = a.loss_change(&b, Lang::En).unwrap();
    assert_eq!((worse.direction, worse.better), (Direction::Up, false));
    assert_eq!(a.profit_change(&b, Lang::En).unwrap().text, "▼ $1,100");
    // Russian: spaces between thousands, the symbol after, points in Russian.
    let (ra, rb) = (
        headline(Some(110_000.0), 0.5, "RUB"),
        headline(Some(122_500.0), 0.52, "RUB"),
    );
    assert_eq!(
        rb.profit_change(&ra, Lang::Ru).unwrap().text,
        "▲ 12\u{a0}500\u{a0}₽"
    );
    assert_eq!(rb.loss_change(&ra, Lang::Ru).unwrap().text, "▲ 2 п. п.");
}

#[test]
fn no_change_is_shown_when_it_would_mislead() {
    let base = headline(Some(1000.0), 0.2, "USD");
    // Not as shown: the two amounts read the same, or less than a tenth of a point.
    assert_eq!(
        headline(Some(1000.2), 0.2, "USD").profit_change(&base, Lang::En),
        None
    );
    assert_eq!(
        headline(Some(1000.0), 0.2004, "USD").loss_change(&base, Lang::En),
        None
    );
    // Another currency: amounts cannot be compared.
    assert_eq!(
        headline(Some(90_000.0), 0.2, "RUB").profit_change(&base, Lang::En),
        None
    );
    // No median profit on either side.
    assert_eq!(
        headline(None, 0.2, "USD").profit_change(&base, Lang::En),
        None
    );
    assert_eq!(
        base.profit_change(&headline(None, 0.2, "USD"), Lang::En),
        None
    );
    // Small amounts keep their cents.
    let small = headline(Some(10.0), 0.2, "USD");
    assert_eq!(
        headline(Some(12.5), 0.2, "USD")
            .profit_change(&small, Lang::En)
            .unwrap()
            .text,
        "▲ $2.50"
    );
}
