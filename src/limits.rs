//! Structural limits on what Funnel Lab reads: the size of a scenario file (or
//! stored value, or unpacked share link), the length of every list and of every
//! text. They are far above anything a real funnel needs and low enough that
//! nothing a file, a link or a stored value carries can freeze the page or
//! exhaust memory: the editor stays responsive and a run plans in moments.
//!
//! They are checked while reading, before anything is rendered or run:
//! [`check_bytes`] on the text, then [`check_value`] on the parsed JSON (so a
//! list of a million channels is refused before it becomes a million editors).
//! Validation applies [`check_scenario`] too, so that what the editor builds
//! meets the same limits. The CLI, the app, file imports and share links all go
//! through these functions.
//!
//! | what | limit |
//! |---|---|
//! | a scenario file, a stored scenario, an unpacked share link | [`MAX_SCENARIO_BYTES`] (1 MB) |
//! | `channels` | [`MAX_CHANNELS`] (50) |
//! | `offers` | [`MAX_OFFERS`] (30) |
//! | any other list (the numbers of a `uniform` or `triangular`, …) | [`MAX_OTHER_LIST`] (50) |
//! | any text (names, ids, references, currency) and any key | [`MAX_TEXT_CHARS`] (200 characters) |
//! | trials of a run started by the page, a link or a file | [`MAX_APP_TRIALS`] (1,000,000) |

use serde_json::Value;
use std::fmt;

/// Most bytes of a scenario file, of a stored scenario and of the text a share
/// link unpacks to (1 MB; the largest preset is about 4 KB).
pub const MAX_SCENARIO_BYTES: usize = 1_000_000;
/// Most paid traffic channels in a scenario.
pub const MAX_CHANNELS: usize = 50;
/// Most offers in the value ladder.
pub const MAX_OFFERS: usize = 30;
/// Most entries of any other list in a scenario.
pub const MAX_OTHER_LIST: usize = 50;
/// Most characters of any text (a name, an id, a reference, the currency) and
/// of any key of the scenario's JSON.
pub const MAX_TEXT_CHARS: usize = 200;
/// Most trials of one run in the app (the run settings' upper end); a link or
/// a file that asks for more does not start them unasked.
pub const MAX_APP_TRIALS: u64 = 1_000_000;
/// Most problems of one kind listed for one scenario (a file of ten thousand
/// over-long names gets a short answer).
const MAX_LISTED: usize = 5;

/// What a scenario has too much of (the path is in [`Exceeded`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Over {
    /// The text is longer than [`MAX_SCENARIO_BYTES`].
    Bytes {
        /// Its size in bytes.
        found: usize,
    },
    /// A list has too many entries.
    Items {
        /// Entries found.
        found: usize,
        /// Entries allowed.
        max: usize,
        /// What the entries are, in the plural ("channels").
        noun: &'static str,
    },
    /// A text or key is longer than [`MAX_TEXT_CHARS`].
    Chars {
        /// Its length in characters.
        found: usize,
    },
    /// More over-long texts than are listed one by one.
    MoreTexts {
        /// How many more.
        more: usize,
    },
}

/// A whole number with thousands separators, exactly ("52,428,800"), for
/// messages about limits (where "52.4M" would hide the number that matters).
pub fn grouped(n: impl Into<u64>) -> String {
    let n: u64 = n.into();
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Over {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Over::Bytes { found } => write!(
                f,
                "too large: {} bytes where Funnel Lab reads at most {} bytes (1 MB)",
                grouped(*found as u64),
                grouped(MAX_SCENARIO_BYTES as u64)
            ),
            Over::Items { found, max, noun } => write!(
                f,
                "too many {noun}: {} where a scenario may have at most {max}",
                grouped(*found as u64)
            ),
            Over::Chars { found } => write!(
                f,
                "too long: {} characters where names, ids and other texts may have at most {MAX_TEXT_CHARS}",
                grouped(*found as u64)
            ),
            Over::MoreTexts { more } => write!(
                f,
                "{more} more text{} too long (at most {MAX_TEXT_CHARS} characters each)",
                if *more == 1 { " is" } else { "s are" }
            ),
        }
    }
}

/// One limit a scenario exceeds, at a field path such as `channels` or
/// `offers[2].name` (empty for the whole text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exceeded {
    /// Where, as in validation messages.
    pub path: String,
    /// What is over its limit.
    pub over: Over,
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
            self.over.fmt(f)
        } else {
            write!(f, "{}: {}", self.path, self.over)
        }
    }
}

/// Refuses a text longer than [`MAX_SCENARIO_BYTES`] before it is parsed.
pub fn check_bytes(len: usize) -> Result<(), Exceeded> {
    if len > MAX_SCENARIO_BYTES {
        Err(Exceeded {
            path: String::new(),
            over: Over::Bytes { found: len },
        })
    } else {
        Ok(())
    }
}

/// The limit of the list at `key` (by the name of the field holding it).
fn list_limit(key: &str) -> (usize, &'static str) {
    match key {
        "channels" => (MAX_CHANNELS, "channels"),
        "offers" => (MAX_OFFERS, "offers"),
        _ => (MAX_OTHER_LIST, "entries"),
    }
}

/// Every limit a scenario's JSON exceeds (lists and texts; an empty list when
/// it is within them). Over-long texts are listed up to a few, then counted.
pub fn check_value(value: &Value) -> Vec<Exceeded> {
    check(value, MAX_LISTED)
}

fn check(value: &Value, listed: usize) -> Vec<Exceeded> {
    let mut found = Vec::new();
    let mut long_texts = 0;
    walk(value, "", "", listed, &mut found, &mut long_texts);
    if long_texts > listed {
        found.push(Exceeded {
            path: String::new(),
            over: Over::MoreTexts {
                more: long_texts - listed,
            },
        });
    }
    found
}

fn walk(
    value: &Value,
    path: &str,
    key: &str,
    listed: usize,
    found: &mut Vec<Exceeded>,
    long: &mut usize,
) {
    let text = |path: &str, s: &str, found: &mut Vec<Exceeded>, long: &mut usize| {
        // Cheap test first: a text of at most MAX_TEXT_CHARS bytes is short enough.
        if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS {
            *long += 1;
            if *long <= listed {
                found.push(Exceeded {
                    path: path.to_string(),
                    over: Over::Chars {
                        found: s.chars().count(),
                    },
                });
            }
        }
    };
    match value {
        Value::String(s) => text(path, s, found, long),
        Value::Array(items) => {
            let (max, noun) = list_limit(key);
            if items.len() > max {
                found.push(Exceeded {
                    path: path.to_string(),
                    over: Over::Items {
                        found: items.len(),
                        max,
                        noun,
                    },
                });
                // Its entries are not looked at: the list is refused whole.
                return;
            }
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}[{i}]"), key, listed, found, long);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                if k.len() > MAX_TEXT_CHARS && k.chars().count() > MAX_TEXT_CHARS {
                    // The key itself is over-long: name its parent, not the key.
                    text(path, k, found, long);
                    continue;
                }
                walk(v, &p, k, listed, found, long);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// [`check_value`] on a scenario, listing every over-long text at its field
/// (for validation of what the editor builds, whose lists are bounded).
pub fn check_scenario(scenario: &crate::scenario::Scenario) -> Vec<Exceeded> {
    serde_json::to_value(scenario)
        .map(|v| check(&v, usize::MAX))
        .unwrap_or_default()
}

/// Reads text that claims to be a scenario, envelope or link payload as JSON,
/// refusing it first when it is too large: the one door through which files,
/// stored values and links are parsed.
pub fn parse_json(text: &str) -> Result<Value, ReadJsonError> {
    check_bytes(text.len()).map_err(ReadJsonError::TooLarge)?;
    serde_json::from_str(text).map_err(|e| ReadJsonError::NotJson(e.to_string()))
}

/// Why [`parse_json`] refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadJsonError {
    /// Over [`MAX_SCENARIO_BYTES`].
    TooLarge(Exceeded),
    /// Not JSON; what the reader said.
    NotJson(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_and_texts_within_the_limits_pass() {
        let v = json!({
            "name": "n".repeat(MAX_TEXT_CHARS),
            "channels": vec![json!({"name": "é".repeat(MAX_TEXT_CHARS)}); MAX_CHANNELS],
            "offers": vec![json!({"id": "a"}); MAX_OFFERS],
        });
        assert_eq!(check_value(&v), []);
    }

    #[test]
    fn each_limit_names_its_field_and_its_number() {
        let v = json!({
            "name": "n".repeat(MAX_TEXT_CHARS + 1),
            "channels": vec![json!({}); MAX_CHANNELS + 1],
            "offers": [{"price": {"uniform": vec![1; MAX_OTHER_LIST + 1]}}],
        });
        let found: Vec<String> = check_value(&v).iter().map(|e| e.to_string()).collect();
        assert_eq!(
            found,
            [
                "channels: too many channels: 51 where a scenario may have at most 50",
                "name: too long: 201 characters where names, ids and other texts may have at most 200",
                "offers[0].price.uniform: too many entries: 51 where a scenario may have at most 50",
            ]
        );
        let e = check_bytes(MAX_SCENARIO_BYTES + 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "too large: 1,000,001 bytes where Funnel Lab reads at most 1,000,000 bytes (1 MB)"
        );
        assert_eq!(check_bytes(MAX_SCENARIO_BYTES), Ok(()));
    }

    #[test]
    fn many_long_texts_get_a_short_answer() {
        let long = "x".repeat(1000);
        let v = json!({ "channels": vec![json!({"name": long}); 20] });
        let found = check_value(&v);
        assert_eq!(found.len(), MAX_LISTED + 1);
        assert_eq!(
            found[MAX_LISTED].to_string(),
            "15 more texts are too long (at most 200 characters each)"
        );
        let key = json!({ "k".repeat(300): 1 });
        assert_eq!(check_value(&key)[0].over, Over::Chars { found: 300 });
    }
}
