//! Built-in scenarios. Each is a schema-1 JSON file under `presets/`, checked by
//! the tests to parse and validate.

use crate::scenario::Scenario;

/// The example scenario of `MODEL.md`: search ads, a tripwire, a course, coaching,
/// repeat purchases, a subscription and referrals.
pub const EXAMPLE_JSON: &str = include_str!("../presets/example.json");

/// The example scenario, parsed.
pub fn example() -> Scenario {
    Scenario::from_json(EXAMPLE_JSON).expect("the bundled example is valid JSON of schema 1")
}
