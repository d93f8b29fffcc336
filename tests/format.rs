//! Numbers written for people (`funnel_lab::format`): grouping, rounding,
//! signs, suffixes, ranges, and the conventions a `NumberFormat` carries.

use funnel_lab::format::NumberFormat;
use funnel_lab::metrics::Unit;

const EN: NumberFormat = NumberFormat::ENGLISH;

#[test]
fn format_count_groups_thousands() {
    assert_eq!(EN.count(0.0), "0");
    assert_eq!(EN.count(-0.2), "0");
    assert_eq!(EN.count(7.0), "7");
    assert_eq!(EN.count(999.5), "1,000");
    assert_eq!(EN.count(24012.4), "24,012");
    assert_eq!(EN.count(-5702.5), "−5,703");
    assert_eq!(EN.count(999_999.0), "999,999");
    assert_eq!(EN.count(1_250_000.0), "1.25M");
    assert_eq!(EN.count(f64::NAN), "n/a");
}

#[test]
fn format_money_rounds_for_people() {
    assert_eq!(EN.money(-12577.3, "USD"), "−12,577 USD");
    assert_eq!(EN.money(4593.0, "USD"), "4,593 USD");
    assert_eq!(EN.money(7.5, "USD"), "7.50 USD");
    assert_eq!(EN.money(0.05, "EUR"), "0.05 EUR");
    assert_eq!(EN.money(-0.001, "USD"), "0 USD");
    assert_eq!(EN.money(297.0, ""), "297");
    assert_eq!(EN.money(99.996, ""), "100");
    assert_eq!(EN.money(1_234_567.0, "USD"), "1.23M USD");
    assert_eq!(EN.money(-2_500_000_000.0, "USD"), "−2.5B USD");
    assert_eq!(EN.money(f64::INFINITY, "USD"), "n/a");
}

#[test]
fn format_percent_has_one_decimal() {
    assert_eq!(EN.percent(0.2414), "24.1%");
    assert_eq!(EN.percent(0.0), "0.0%");
    assert_eq!(EN.percent(-0.0001), "0.0%");
    assert_eq!(EN.percent(-0.364), "−36.4%");
    assert_eq!(EN.percent(1.0), "100.0%");
    assert_eq!(EN.percent(12.5), "1,250.0%");
    assert_eq!(EN.percent(f64::NAN), "n/a");
}

#[test]
fn format_compact_uses_suffixes() {
    assert_eq!(EN.compact(0.0), "0");
    assert_eq!(EN.compact(0.25), "0.25");
    assert_eq!(EN.compact(500.0), "500");
    assert_eq!(EN.compact(1000.0), "1k");
    assert_eq!(EN.compact(1500.0), "1.5k");
    assert_eq!(EN.compact(-24740.4), "−24.7k");
    assert_eq!(EN.compact(-12173.5), "−12.2k");
    assert_eq!(EN.compact(999_960.0), "1M");
    assert_eq!(EN.compact(2_000_000.0), "2M");
    assert_eq!(EN.compact(3.4e12), "3.4T");
    assert_eq!(EN.compact(5e15), "5,000T");
    assert_eq!(EN.compact(f64::NEG_INFINITY), "n/a");
}

#[test]
fn ranges_read_naturally() {
    assert_eq!(EN.percent_range(0.157, 0.342), "15.7–34.2%");
    assert_eq!(EN.percent_range(-0.364, 1.137), "−36.4% to 113.7%");
    assert_eq!(EN.count_range(3678.5, 8482.2), "3,679–8,482");
    assert_eq!(EN.count_range(-3.0, 8.0), "−3 to 8");
    assert_eq!(
        EN.money_range(-25093.0, 4593.0, "USD"),
        "−25,093 to 4,593 USD"
    );
}

#[test]
fn percent_ticks_drop_the_decimal_on_whole_percent_steps() {
    assert_eq!(EN.percent_tick(0.25, 0.05), "25%");
    assert_eq!(EN.percent_tick(-0.5, 0.1), "−50%");
    assert_eq!(EN.percent_tick(12.5, 2.5), "1,250%");
    assert_eq!(EN.percent_tick(0.004, 0.001), "0.4%");
}

#[test]
fn values_are_written_by_their_unit() {
    assert_eq!(EN.value(Unit::Count, 24012.4, "USD"), "24,012");
    assert_eq!(EN.value(Unit::Money, -12577.3, "USD"), "−12,577 USD");
    assert_eq!(EN.value(Unit::Fraction, 0.2414, "USD"), "24.1%");
    assert_eq!(EN.value(Unit::Day, 93.0, "USD"), "93");
    assert_eq!(NumberFormat::default(), EN);
}

/// The conventions are the format's, not hard-wired: other separators give
/// other texts with the same rounding (the shape a choice of language fills).
#[test]
fn separators_come_from_the_format() {
    let spaced = NumberFormat::with_separators('\u{202f}', ',');
    assert_eq!(spaced.count(24012.4), "24\u{202f}012");
    assert_eq!(spaced.percent(12.5), "1\u{202f}250,0%");
    assert_eq!(spaced.money(7.5, "EUR"), "7,50 EUR");
    assert_eq!(spaced.money(-0.001, "EUR"), "0 EUR");
    assert_eq!(spaced.compact(-24740.4), "−24,7k");
    assert_eq!(spaced.percent_range(0.157, 0.342), "15,7–34,2%");
}
