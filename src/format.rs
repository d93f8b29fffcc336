//! Numbers written for people: counts, amounts of money, percentages, and
//! compact labels for chart axes ("−24.7k").
//!
//! A [`NumberFormat`] holds the conventions a text follows: the separator
//! between groups of thousands and the decimal mark. There is one set of
//! conventions today, [`NumberFormat::ENGLISH`] ("24,012.5"); a choice of
//! language will make more of them (Russian writes "24 012,5"), which is why
//! everything that writes a number for people, in the charts, their text
//! alternatives and the dashboard, goes through a `NumberFormat`.
//!
//! Negative numbers take the minus sign U+2212 ("−"), and a number that rounds
//! to zero has none. A value that is not finite is written "n/a".

use crate::metrics::Unit;

/// The minus sign.
const MINUS: char = '\u{2212}';

/// Written for a value that is not finite.
const NOT_A_NUMBER: &str = "n/a";

/// The conventions for writing numbers (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    /// Between groups of three digits of the integer part.
    thousands: char,
    /// Before the decimals.
    decimal: char,
}

impl Default for NumberFormat {
    /// [`NumberFormat::ENGLISH`].
    fn default() -> Self {
        NumberFormat::ENGLISH
    }
}

impl NumberFormat {
    /// English: "1,234,567.8".
    pub const ENGLISH: NumberFormat = NumberFormat::with_separators(',', '.');

    /// Conventions with this thousands separator and decimal mark.
    pub const fn with_separators(thousands: char, decimal: char) -> NumberFormat {
        NumberFormat { thousands, decimal }
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

    /// `body` with the minus sign in front when `negative`, unless it shows zero.
    fn signed(&self, negative: bool, body: String) -> String {
        let zero = body
            .chars()
            .all(|c| c == '0' || c == self.thousands || c == self.decimal);
        if negative && !zero {
            format!("{MINUS}{body}")
        } else {
            body
        }
    }

    /// A number in at most 3 significant digits with a k/M/B/T suffix:
    /// `-24740.4` → "−24.7k", `1500` → "1.5k", `2_000_000` → "2M", `0.25` → "0.25".
    pub fn compact(&self, x: f64) -> String {
        if !x.is_finite() {
            return NOT_A_NUMBER.into();
        }
        const UNITS: [(f64, &str); 5] =
            [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1.0, "")];
        let a = x.abs();
        let mut i = UNITS
            .iter()
            .position(|(d, _)| a >= *d)
            .unwrap_or(UNITS.len() - 1);
        loop {
            let (d, suffix) = UNITS[i];
            let v = a / d;
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
            return self.signed(x < 0.0, format!("{}{suffix}", self.decimal_text(&s)));
        }
    }

    /// A count of people or things: rounded to a whole number with thousands
    /// separators (`24012.4` → "24,012"), compact from a million on ("1.25M").
    pub fn count(&self, x: f64) -> String {
        if !x.is_finite() {
            return NOT_A_NUMBER.into();
        }
        let r = x.round();
        if r.abs() >= 1e6 {
            return self.compact(x);
        }
        self.signed(r < 0.0, self.decimal_text(&format!("{}", r.abs() as u64)))
    }

    /// An amount of money followed by the currency code: whole units with
    /// thousands separators (`-12577.3` → "−12,577 USD"), cents below 100 when
    /// the amount is not whole ("7.50 USD"), compact from a million on
    /// ("1.25M USD"). An empty `currency` gives the number alone.
    pub fn money(&self, x: f64, currency: &str) -> String {
        if !x.is_finite() {
            return NOT_A_NUMBER.into();
        }
        let a = x.abs();
        let body = if a >= 1e6 {
            self.compact(a)
        } else if a >= 100.0 || (a - a.round()).abs() < 0.005 {
            self.decimal_text(&format!("{}", a.round() as u64))
        } else {
            self.decimal_text(&format!("{a:.2}"))
        };
        let number = self.signed(x < 0.0, body);
        if currency.is_empty() {
            number
        } else {
            format!("{number} {currency}")
        }
    }

    /// A fraction as a percentage with one decimal: `0.2414` → "24.1%",
    /// `-0.364` → "−36.4%", `12.5` → "1,250.0%".
    pub fn percent(&self, fraction: f64) -> String {
        if !fraction.is_finite() {
            return NOT_A_NUMBER.into();
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

    /// A range of fractions as percentages: "15.7–34.2%", or "−36.4% to
    /// 113.7%" when a bound is negative.
    pub fn percent_range(&self, low: f64, high: f64) -> String {
        let (a, b) = (self.percent(low), self.percent(high));
        if a.starts_with(MINUS) || b.starts_with(MINUS) || a == NOT_A_NUMBER || b == NOT_A_NUMBER {
            format!("{a} to {b}")
        } else {
            format!("{}–{b}", a.trim_end_matches('%'))
        }
    }

    /// A range of counts: "3,679–8,482" ("a to b" when a bound is negative).
    pub fn count_range(&self, low: f64, high: f64) -> String {
        let (a, b) = (self.count(low), self.count(high));
        if a.starts_with(MINUS) || b.starts_with(MINUS) {
            format!("{a} to {b}")
        } else {
            format!("{a}–{b}")
        }
    }

    /// A range of money: "−24,740 to 1,755 USD".
    pub fn money_range(&self, low: f64, high: f64, currency: &str) -> String {
        format!("{} to {}", self.money(low, ""), self.money(high, currency))
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
}

/// Drops trailing zeros after a decimal point, and the point if nothing follows.
fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}
