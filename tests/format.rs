//! Numbers written for people (`funnel_lab::format`): grouping, rounding,
//! signs, suffixes, ranges, currency symbols, the conventions a `NumberFormat`
//! carries in English and Russian, and reading what people type.

use funnel_lab::format::{NumberFormat, ReadNumber};
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
    assert_eq!(EN.money(-12577.3, "USD"), "−$12,577");
    assert_eq!(EN.money(4593.0, "USD"), "$4,593");
    assert_eq!(EN.money(7.5, "USD"), "$7.50");
    assert_eq!(EN.money(0.05, "EUR"), "€0.05");
    assert_eq!(EN.money(1500.0, "GBP"), "1,500 GBP");
    assert_eq!(EN.money(1500.0, "RUB"), "₽1,500");
    assert_eq!(EN.money(-0.001, "USD"), "$0");
    assert_eq!(EN.money(297.0, ""), "297");
    assert_eq!(EN.money(99.996, ""), "100");
    assert_eq!(EN.money(1_234_567.0, "USD"), "$1.23M");
    assert_eq!(EN.money(-2_500_000_000.0, "USD"), "−$2.5B");
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
        "−$25,093 to $4,593"
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
    assert_eq!(EN.value(Unit::Money, -12577.3, "USD"), "−$12,577");
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
    assert_eq!(spaced.money(7.5, "EUR"), "€7,50");
    assert_eq!(spaced.money(-0.001, "EUR"), "€0");
    assert_eq!(spaced.compact(-24740.4), "−24,7k");
    assert_eq!(spaced.percent_range(0.157, 0.342), "15,7–34,2%");
}

const RU: NumberFormat = NumberFormat::RUSSIAN;
/// The no-break space Russian groups thousands with.
const S: &str = "\u{a0}";

#[test]
fn russian_writes_spaces_commas_and_symbols_after_the_number() {
    let ru = |s: &str| s.replace(' ', S);
    assert_eq!(RU.count(1_234_567.8), ru("1,23 млн"));
    assert_eq!(RU.count(24012.4), ru("24 012"));
    assert_eq!(RU.exact(1_234_567.8), ru("1 234 567,8"));
    assert_eq!(RU.money(1_234_567.8, "RUB"), ru("1,23 млн ₽"));
    assert_eq!(RU.money(-12577.3, "RUB"), ru("−12 577 ₽"));
    assert_eq!(RU.money(7.5, "USD"), ru("7,50 $"));
    assert_eq!(RU.money(99.0, "EUR"), ru("99 €"));
    assert_eq!(RU.money(1500.0, "GBP"), ru("1 500 GBP"));
    assert_eq!(RU.percent(0.2414), "24,1%");
    assert_eq!(RU.percent(12.5), ru("1 250,0%"));
    assert_eq!(RU.compact(-24740.4), ru("−24,7 тыс."));
    assert_eq!(RU.compact(2_000_000.0), ru("2 млн"));
    assert_eq!(RU.compact(f64::NAN), "н/д");
    assert_eq!(RU.percent_range(0.157, 0.342), "15,7–34,2%");
    assert_eq!(RU.percent_range(-0.364, 1.137), "от −36,4% до 113,7%");
    assert_eq!(
        RU.money_range(-25093.0, 4593.0, "RUB"),
        format!("от −25{S}093 до 4{S}593{S}₽")
    );
    assert_eq!(RU.input(0.05), "0,05");
    assert_eq!(EN.exact(1_234_567.8), "1,234,567.8");
    assert_eq!(EN.input(1500.0), "1500");
}

#[test]
fn english_reads_commas_as_thousands() {
    assert_eq!(EN.read("1,500"), Ok(1500.0));
    assert_eq!(EN.read("1.5"), Ok(1.5));
    assert_eq!(EN.read("1,234,567.8"), Ok(1_234_567.8));
    assert_eq!(EN.read(" 12 000 "), Ok(12000.0));
    assert_eq!(EN.read("15%"), Ok(0.15));
    assert_eq!(EN.read("−3"), Ok(-3.0));
    assert_eq!(EN.read("-0.5"), Ok(-0.5));
    assert_eq!(EN.read(".5"), Ok(0.5));
    // A comma that cannot group thousands is a decimal comma.
    assert_eq!(EN.read("1,5"), Ok(1.5));
    assert_eq!(EN.read("0,015"), Ok(0.015));
    // Both marks: the last one is the decimal mark.
    assert_eq!(EN.read("1.500,25"), Ok(1500.25));
    assert_eq!(EN.read(""), Err(ReadNumber::Empty));
    assert_eq!(EN.read("abc"), Err(ReadNumber::NotANumber));
    assert_eq!(EN.read("1,50,0"), Err(ReadNumber::NotANumber));
    assert_eq!(EN.read("1 50"), Err(ReadNumber::NotANumber));
    assert_eq!(EN.read("1.2.3"), Err(ReadNumber::NotANumber));
    assert_eq!(EN.read("1e5"), Err(ReadNumber::NotANumber));
}

#[test]
fn russian_reads_spaces_and_decimal_commas_and_refuses_what_is_ambiguous() {
    assert_eq!(RU.read("1 500"), Ok(1500.0));
    assert_eq!(RU.read("1\u{a0}500"), Ok(1500.0));
    assert_eq!(RU.read("1,5"), Ok(1.5));
    assert_eq!(RU.read("1,500"), Ok(1.5));
    assert_eq!(RU.read("1 234 567,8"), Ok(1_234_567.8));
    assert_eq!(RU.read("1.5"), Ok(1.5));
    assert_eq!(RU.read("0.500"), Ok(0.5));
    assert_eq!(RU.read("2,5%"), Ok(0.025));
    assert_eq!(
        RU.read("1.500"),
        Err(ReadNumber::Ambiguous {
            as_decimal: 1.5,
            as_thousands: 1500.0
        })
    );
    assert_eq!(RU.read("1.500.000"), Ok(1_500_000.0));
    // What the field shows next to the text: the value as read, unless the
    // text is already how the language writes it.
    assert!(RU.is_canonical("1 500", 1500.0));
    assert!(RU.is_canonical("1500", 1500.0));
    assert!(!RU.is_canonical("1,500", 1.5));
    assert!(EN.is_canonical("1,500", 1500.0));
    assert!(!EN.is_canonical("1,5", 1.5));
}

#[test]
fn the_messages_of_a_number_field_name_both_readings() {
    use funnel_lab::i18n::{read_as, read_number_error, Lang};
    let e = RU.read("1.500").unwrap_err();
    assert_eq!(
        read_number_error(Lang::Ru, "1.500", &e, false),
        format!("«1.500» можно прочитать как 1,5 или как 1{S}500: напишите одно из них")
    );
    assert_eq!(read_as(Lang::Ru, 1500.0), format!("= 1{S}500"));
    assert_eq!(read_as(Lang::En, 1500.0), "= 1,500");
    let e = EN.read("x").unwrap_err();
    assert_eq!(
        read_number_error(Lang::En, "x", &e, false),
        "“x” is not a number"
    );
}
