//! Numbers written for people, and read back from what people type: counts,
//! amounts of money, percentages, compact labels for chart axes ("−24.7k"),
//! and the text of a number field ([`NumberFormat::read`]).
//!
//! A [`NumberFormat`] holds the conventions of one language: the separator
//! between groups of thousands, the decimal mark, where the currency symbol
//! goes, the compact suffixes and how a range is said. [`NumberFormat::ENGLISH`]
//! writes "$1,234,567.8" and "24.7k"; [`NumberFormat::RUSSIAN`] writes
//! "1 234 567,8 ₽" and "24,7 тыс." (with no-break spaces). Everything that
//! writes a number for people, in the charts, their text alternatives and the
//! page, goes through a `NumberFormat`; CSV and JSON files do not (they keep
//! dot decimals).
//!
//! Negative numbers take the minus sign U+2212 ("−"), and a number that rounds
//! to zero has none. A value that is not finite is written "n/a" ("н/д").
//! Currency codes RUB, USD and EUR are written as their symbols (₽, $, €);
//! other codes as the code ([`currency_symbol`]).

use crate::metrics::Unit;

/// The minus sign.
const MINUS: char = '\u{2212}';
/// A no-break space: between groups of thousands and before a symbol in Russian.
const NBSP: char = '\u{a0}';

/// The symbol of a currency code: ₽ for RUB, $ for USD, € for EUR, and the
/// code itself (trimmed) otherwise.
pub fn currency_symbol(code: &str) -> &str {
    match code.trim() {
        "RUB" => "₽",
        "USD" => "$",
        "EUR" => "€",
        other => other,
    }
}

/// The conventions for writing numbers (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    /// Between groups of three digits of the integer part.
    thousands: char,
    /// Before the decimals.
    decimal: char,
    /// Whether a one-character currency symbol goes before the number with no
    /// space ("$12"); otherwise any symbol goes after it, after a no-break
    /// space ("12 ₽"), and so does a code in English ("12 GBP").
    symbol_first: bool,
    /// Suffixes of thousands, millions, billions and trillions.
    suffixes: [&'static str; 4],
    /// Written for a value that is not finite.
    not_a_number: &'static str,
    /// A range whose ends are written in full: before, between, after ("от", "до").
    range_words: (&'static str, &'static str),
}

impl Default for NumberFormat {
    /// [`NumberFormat::ENGLISH`].
    fn default() -> Self {
        NumberFormat::ENGLISH
    }
}

impl NumberFormat {
    /// English: "1,234,567.8", "$1,234", "24.7k", "−36.4% to 113.7%".
    pub const ENGLISH: NumberFormat = NumberFormat::with_separators(',', '.');

    /// Russian: "1 234 567,8", "1 234 ₽", "24,7 тыс.", "от −36,4% до 113,7%"
    /// (no-break spaces).
    pub const RUSSIAN: NumberFormat = NumberFormat {
        thousands: NBSP,
        decimal: ',',
        symbol_first: false,
        suffixes: ["\u{a0}тыс.", "\u{a0}млн", "\u{a0}млрд", "\u{a0}трлн"],
        not_a_number: "н/д",
        range_words: ("от ", " до "),
    };

    /// English conventions with this thousands separator and decimal mark.
    pub const fn with_separators(thousands: char, decimal: char) -> NumberFormat {
        NumberFormat {
            thousands,
            decimal,
            symbol_first: true,
            suffixes: ["k", "M", "B", "T"],
            not_a_number: "n/a",
            range_words: ("", " to "),
        }
    }

    /// The decimal mark.
    pub fn decimal_mark(&self) -> char {
        self.decimal
    }

    /// A plain decimal ("12345.6", digits and at most one '.') with the
    /// integer part grouped in thousands and this decimal mark.
    fn decimal_text(&self, plain: &str) -> String {
        let (int, frac) = match plain.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (plain, None),
        };
        let n = int.len();
        let mut out = String::with_capacity(plain.len() + n / 3 + 2);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (n - i) % 3 == 0 {
                out.push(self.thousands);
            }
            out.push(c);
        }
        if let Some(frac) = frac {
            out.push(self.decimal);
            out.push_str(frac);
        }
        out
    }

    /// Whether `body` shows zero (only zeros, separators and suffix letters).
    fn shows_zero(&self, body: &str) -> bool {
        !body.chars().any(|c| c.is_ascii_digit() && c != '0')
    }

    /// `body` with the minus sign in front when `negative`, unless it shows zero.
    fn signed(&self, negative: bool, body: String) -> String {
        if negative && !self.shows_zero(&body) {
            format!("{MINUS}{body}")
        } else {
            body
        }
    }

    /// Two texts as a range whose ends are written in full: "a to b", "от a до b".
    pub fn range_text(&self, low: &str, high: &str) -> String {
        let (before, between) = self.range_words;
        format!("{before}{low}{between}{high}")
    }

    /// A number written in full, as exactly as a person reads it: grouped, with
    /// this decimal mark and every decimal the value has (`1500` → "1,500",
    /// `0.015` → "0.015"); "n/a" when not finite.
    pub fn exact(&self, x: f64) -> String {
        if !x.is_finite() {
            return self.not_a_number.into();
        }
        let plain = format!("{}", x.abs());
        if plain.contains('e') {
            return self.signed(x < 0.0, plain.replace('.', &self.decimal.to_string()));
        }
        self.signed(x < 0.0, self.decimal_text(&plain))
    }

    /// A number as a text field shows it: every decimal, this decimal mark, no
    /// grouping ("1500", "0,05"); empty when not finite.
    pub fn input(&self, x: f64) -> String {
        if !x.is_finite() {
            return String::new();
        }
        let plain = format!("{x}");
        if self.decimal == '.' {
            plain
        } else {
            plain.replace('.', &self.decimal.to_string())
        }
    }

    /// A number in at most 3 significant digits with a thousands, millions, …
    /// suffix: `-24740.4` → "−24.7k" ("−24,7 тыс."), `1500` → "1.5k",
    /// `2_000_000` → "2M", `0.25` → "0.25".
    pub fn compact(&self, x: f64) -> String {
        if !x.is_finite() {
            return self.not_a_number.into();
        }
        const DIVISORS: [f64; 5] = [1e12, 1e9, 1e6, 1e3, 1.0];
        let suffix = |i: usize| if i < 4 { self.suffixes[3 - i] } else { "" };
        let a = x.abs();
        let mut i = DIVISORS
            .iter()
            .position(|d| a >= *d)
            .unwrap_or(DIVISORS.len() - 1);
        loop {
            let v = a / DIVISORS[i];
            let decimals = if v >= 100.0 {
                0
            } else if v >= 10.0 {
                1
            } else {
                2
            };
            let s = format!("{v:.decimals$}");
            if i > 0 && s.parse::<f64>().is_ok_and(|r| r >= 1000.0) {
                i -= 1;
                continue;
            }
            let s = trim_zeros(s);
            if s == "0" {
                return s;
            }
            return self.signed(x < 0.0, format!("{}{}", self.decimal_text(&s), suffix(i)));
        }
    }

    /// A count of people or things: rounded to a whole number with thousands
    /// separators (`24012.4` → "24,012"), compact from a million on ("1.25M").
    pub fn count(&self, x: f64) -> String {
        if !x.is_finite() {
            return self.not_a_number.into();
        }
        let r = x.round();
        if r.abs() >= 1e6 {
            return self.compact(x);
        }
        self.signed(r < 0.0, self.decimal_text(&format!("{}", r.abs() as u64)))
    }

    /// `number` (already signed) with the symbol of `currency` (see
    /// [`currency_symbol`]): "$12", "−$7.50", "12 ₽", "12 GBP"; the number alone
    /// when `currency` is empty.
    pub fn with_currency(&self, number: &str, currency: &str) -> String {
        let symbol = currency_symbol(currency);
        if symbol.is_empty() {
            return number.to_string();
        }
        if self.symbol_first && symbol.chars().count() == 1 {
            match number.strip_prefix(MINUS) {
                Some(rest) => format!("{MINUS}{symbol}{rest}"),
                None => format!("{symbol}{number}"),
            }
        } else if self.symbol_first {
            format!("{number} {symbol}")
        } else {
            format!("{number}{NBSP}{symbol}")
        }
    }

    /// An amount of money with the currency's symbol: whole units with
    /// thousands separators (`-12577.3`, USD → "−$12,577"; RUB in Russian →
    /// "−12 577 ₽"), cents below 100 when the amount is not whole ("$7.50"),
    /// compact from a million on ("$1.23M"). An empty `currency` gives the
    /// number alone.
    pub fn money(&self, x: f64, currency: &str) -> String {
        if !x.is_finite() {
            return self.not_a_number.into();
        }
        let a = x.abs();
        let body = if a >= 1e6 {
            self.compact(a)
        } else if a >= 100.0 || (a - a.round()).abs() < 0.005 {
            self.decimal_text(&format!("{}", a.round() as u64))
        } else {
            self.decimal_text(&format!("{a:.2}"))
        };
        self.with_currency(&self.signed(x < 0.0, body), currency)
    }

    /// A fraction as a percentage with one decimal: `0.2414` → "24.1%",
    /// `-0.364` → "−36.4%", `12.5` → "1,250.0%".
    pub fn percent(&self, fraction: f64) -> String {
        if !fraction.is_finite() {
            return self.not_a_number.into();
        }
        let v = fraction * 100.0;
        let s = format!("{:.1}", v.abs());
        format!("{}%", self.signed(v < 0.0, self.decimal_text(&s)))
    }

    /// A tick label of a percentage axis whose ticks are `step` apart (as
    /// fractions): no decimal when the step is at least 1%.
    pub fn percent_tick(&self, fraction: f64, step: f64) -> String {
        if step >= 0.01 {
            let v = fraction * 100.0;
            let whole = format!("{}", v.abs().round() as u64);
            format!("{}%", self.signed(v < 0.0, self.decimal_text(&whole)))
        } else {
            self.percent(fraction)
        }
    }

    /// Whether a written number cannot stand as one end of "a–b".
    fn needs_words(&self, text: &str) -> bool {
        text.starts_with(MINUS) || text == self.not_a_number
    }

    /// A range of fractions as percentages: "15.7–34.2%", or "−36.4% to
    /// 113.7%" ("от −36,4% до 113,7%") when a bound is negative.
    pub fn percent_range(&self, low: f64, high: f64) -> String {
        let (a, b) = (self.percent(low), self.percent(high));
        if self.needs_words(&a) || self.needs_words(&b) {
            self.range_text(&a, &b)
        } else {
            format!("{}–{b}", a.trim_end_matches('%'))
        }
    }

    /// A range of counts: "3,679–8,482" ("a to b" when a bound is negative).
    pub fn count_range(&self, low: f64, high: f64) -> String {
        let (a, b) = (self.count(low), self.count(high));
        if self.needs_words(&a) || self.needs_words(&b) {
            self.range_text(&a, &b)
        } else {
            format!("{a}–{b}")
        }
    }

    /// A range of money: "−$24,740 to $1,755", "от −24 740 до 1 755 ₽".
    pub fn money_range(&self, low: f64, high: f64, currency: &str) -> String {
        if self.symbol_first {
            self.range_text(&self.money(low, currency), &self.money(high, currency))
        } else {
            self.range_text(&self.money(low, ""), &self.money(high, currency))
        }
    }

    /// A value of a quantity measured in `unit`: a count, an amount in
    /// `currency`, a percentage, or a day number (written as a count).
    pub fn value(&self, unit: Unit, x: f64, currency: &str) -> String {
        match unit {
            Unit::Count | Unit::Day => self.count(x),
            Unit::Money => self.money(x, currency),
            Unit::Fraction => self.percent(x),
        }
    }

    /// Reads the text of a number field by these conventions (see
    /// [`ReadNumber`] for what is refused). Spaces group thousands in any
    /// language; a trailing `%` divides by 100; "−" or "-" make it negative.
    ///
    /// The mark this language writes decimals with is always a decimal mark
    /// (English "1.5", Russian "1,5"). English groups with commas, so "1,500"
    /// is 1500, while a comma that cannot group ("1,5") is read as a decimal
    /// mark. A dot in Russian is a decimal mark ("1.5"), unless it could as
    /// well group thousands ("1.500": 1,5 or 1 500?), which is refused. With
    /// both a comma and a dot, the last one is the decimal mark ("1.500,25").
    pub fn read(&self, text: &str) -> Result<f64, ReadNumber> {
        let t: String = text
            .trim()
            .chars()
            .map(|c| if c == MINUS { '-' } else { c })
            .collect();
        if t.is_empty() {
            return Err(ReadNumber::Empty);
        }
        let (t, percent) = match t.strip_suffix('%') {
            Some(b) => (b.trim_end(), true),
            None => (t.as_str(), false),
        };
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let plain = self.plain_decimal(t)?;
        let x: f64 = plain.parse().map_err(|_| ReadNumber::NotANumber)?;
        if !x.is_finite() {
            return Err(ReadNumber::NotANumber);
        }
        let x = if negative { -x } else { x };
        Ok(if percent { x / 100.0 } else { x })
    }

    /// Unsigned text as a plain decimal ("1500.25"), or why not.
    fn plain_decimal(&self, t: &str) -> Result<String, ReadNumber> {
        if t.is_empty()
            || !t
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c.is_whitespace())
        {
            return Err(ReadNumber::NotANumber);
        }
        // Spaces only group thousands.
        let spaced: Vec<&str> = t.split(char::is_whitespace).collect();
        if spaced.len() > 1 && !valid_groups(&spaced, |s| s.split([',', '.']).next().unwrap_or(""))
        {
            return Err(ReadNumber::NotANumber);
        }
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let commas = t.matches(',').count();
        let dots = t.matches('.').count();
        let (decimal, group) = match (commas, dots) {
            (0, 0) => (None, None),
            (_, 0) | (0, _) => {
                let mark = if commas > 0 { ',' } else { '.' };
                let count = commas + dots;
                let (int, frac) = t.split_once(mark).unwrap_or((&t, ""));
                let could_group = count == 1
                    && frac.len() == 3
                    && (1..=3).contains(&int.len())
                    && !int.starts_with('0');
                if count > 1 {
                    (None, Some(mark))
                } else if mark == self.decimal {
                    (Some(mark), None)
                } else if mark == self.thousands {
                    if could_group {
                        (None, Some(mark))
                    } else {
                        (Some(mark), None)
                    }
                } else if could_group {
                    let as_decimal: f64 = format!("{int}.{frac}").parse().unwrap_or(f64::NAN);
                    let as_thousands: f64 = format!("{int}{frac}").parse().unwrap_or(f64::NAN);
                    return Err(ReadNumber::Ambiguous {
                        as_decimal,
                        as_thousands,
                    });
                } else {
                    (Some(mark), None)
                }
            }
            _ => {
                let last = t.rfind([',', '.']).map(|i| t.as_bytes()[i] as char);
                let decimal = last.unwrap_or('.');
                let group = if decimal == ',' { '.' } else { ',' };
                if t.matches(decimal).count() != 1 {
                    return Err(ReadNumber::NotANumber);
                }
                (Some(decimal), Some(group))
            }
        };
        let (int, frac) = match decimal {
            Some(d) => t.split_once(d).unwrap_or((&t, "")),
            None => (t.as_str(), ""),
        };
        let int = match group {
            Some(g) => {
                let groups: Vec<&str> = int.split(g).collect();
                if groups.len() > 1 && !valid_groups(&groups, |s| s) {
                    return Err(ReadNumber::NotANumber);
                }
                groups.concat()
            }
            None => int.to_string(),
        };
        if int.is_empty() && frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(ReadNumber::NotANumber);
        }
        Ok(if decimal.is_some() {
            format!("{}.{frac}", if int.is_empty() { "0" } else { &int })
        } else {
            int
        })
    }

    /// Whether `text` is how these conventions write `x` in a field or in
    /// full ([`NumberFormat::input`] or [`NumberFormat::exact`]), so that showing
    /// the value as read next to it would say nothing new.
    pub fn is_canonical(&self, text: &str, x: f64) -> bool {
        let t = text.trim();
        t == self.input(x) || t == self.exact(x) || t == self.exact(x).replace(NBSP, " ")
    }
}

/// Whether groups of digits split at a separator are thousands: the first of
/// 1 to 3 digits, each next of exactly 3 (`first` picks the digits of the last
/// group before any decimals).
fn valid_groups<'a>(groups: &[&'a str], last: impl Fn(&'a str) -> &'a str) -> bool {
    let n = groups.len();
    groups.iter().enumerate().all(|(i, g)| {
        let g = if i + 1 == n { last(g) } else { g };
        let digits = g.chars().all(|c| c.is_ascii_digit());
        digits
            && if i == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            }
    })
}

/// Why the text of a number field was not read as a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReadNumber {
    /// Nothing was typed.
    Empty,
    /// It is not a number in any convention.
    NotANumber,
    /// It could mean either of two numbers ("1.500" in Russian).
    Ambiguous {
        /// Read with a decimal mark.
        as_decimal: f64,
        /// Read with a thousands separator.
        as_thousands: f64,
    },
}

/// Drops trailing zeros after a decimal point, and the point if nothing follows.
fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}
