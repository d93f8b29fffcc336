//! `funnel-lab`: the engine on the command line.
//!
//! - `funnel-lab run SCENARIO.json --trials N --seed S` prints the summary as JSON;
//! - `funnel-lab validate FILE` lists every problem and exits 1 when there is one;
//! - `funnel-lab example` prints a complete valid scenario.
//!
//! Bad files, flags and paths print one line on stderr and exit 2. Files over
//! the size limit are refused before they are read whole, and every control
//! character a file carries (a name, an id) is escaped before it reaches the
//! terminal, so that a scenario cannot retitle or clear it.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::main());
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use clap::{Parser, Subcommand};
    use funnel_lab::engine::{Plan, RunOptions, MAX_TRIALS};
    use funnel_lab::limits::{self, MAX_SCENARIO_BYTES};
    use funnel_lab::scenario::Scenario;
    use funnel_lab::{presets, stats};
    use std::borrow::Cow;
    use std::io::Read;
    use std::path::{Path, PathBuf};

    /// `text` with every control character (C0, DEL, C1: escape sequences, bells,
    /// carriage returns…) written as a visible `\u{…}` escape, so that nothing a
    /// file holds acts on the terminal.
    fn visible(text: &str) -> Cow<'_, str> {
        if !text.chars().any(char::is_control) {
            return Cow::Borrowed(text);
        }
        Cow::Owned(
            text.chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_unicode().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    }

    /// JSON text with the control characters serde_json leaves as they are
    /// (DEL and C1, U+007F to U+009F, which occur only inside strings; it escapes
    /// the others) written as `\u00XX` escapes: the same JSON value, safe for a
    /// terminal.
    fn json_visible(json: String) -> String {
        let raw = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
        if !json.chars().any(raw) {
            return json;
        }
        json.chars()
            .map(|c| {
                if raw(c) {
                    format!("\\u{:04x}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    /// One line on stdout, control characters escaped.
    fn say(line: &str) {
        println!("{}", visible(line));
    }

    /// One line on stderr, control characters escaped.
    fn complain(line: &str) {
        eprintln!("{}", visible(line));
    }

    #[derive(Parser)]
    #[command(
        name = "funnel-lab",
        version,
        about = "Monte Carlo simulation of a sales funnel (value ladder)"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Simulate a scenario and print the summary as JSON.
        Run {
            /// Scenario file (JSON, schema 1).
            scenario: PathBuf,
            /// Number of trials.
            #[arg(long, default_value_t = funnel_lab::engine::DEFAULT_TRIALS)]
            trials: u64,
            /// Seed: the same scenario and seed give the same results.
            #[arg(long, default_value_t = funnel_lab::engine::DEFAULT_SEED)]
            seed: u64,
            /// Print compact JSON instead of indented JSON.
            #[arg(long)]
            compact: bool,
        },
        /// Check a scenario file and list every problem.
        Validate {
            /// Scenario file (JSON, schema 1).
            file: PathBuf,
        },
        /// Print a complete, valid example scenario.
        Example,
    }

    /// Reads a scenario file, never more than one byte over the size limit.
    fn read(path: &Path) -> Result<Scenario, String> {
        let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
        let file = std::fs::File::open(path).map_err(cannot)?;
        let size = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        let mut bytes = Vec::new();
        file.take(MAX_SCENARIO_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
        if bytes.len() > MAX_SCENARIO_BYTES {
            let found = size.map_or(bytes.len(), |s| s as usize);
            let e = limits::check_bytes(found.max(bytes.len())).unwrap_err();
            return Err(format!("{}: {e}", path.display()));
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            format!(
                "cannot read {}: it is not UTF-8 text (save the scenario as UTF-8)",
                path.display()
            )
        })?;
        Scenario::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn main() -> i32 {
        let cli = match Cli::try_parse() {
            Ok(c) => c,
            Err(e) => {
                use clap::error::ErrorKind;
                if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                    print!("{e}");
                    return 0;
                }
                if matches!(
                    e.kind(),
                    ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                        | ErrorKind::MissingSubcommand
                ) {
                    complain("funnel-lab: a command is missing: run, validate or example (see funnel-lab --help)");
                    return 2;
                }
                let text = e.to_string();
                let first = text
                    .lines()
                    .next()
                    .unwrap_or("bad arguments")
                    .trim_start_matches("error: ");
                complain(&format!("funnel-lab: {first} (see funnel-lab --help)"));
                return 2;
            }
        };
        match cli.command {
            Command::Example => {
                println!("{}", presets::EXAMPLE_JSON.trim_end());
                0
            }
            Command::Validate { file } => match read(&file) {
                Err(e) => {
                    complain(&format!("funnel-lab: {e}"));
                    2
                }
                Ok(sc) => match sc.check() {
                    Ok(()) => {
                        say(&format!("{}: valid", file.display()));
                        0
                    }
                    Err(errors) => {
                        for e in errors.errors() {
                            say(&e.to_string());
                        }
                        1
                    }
                },
            },
            Command::Run {
                scenario,
                trials,
                seed,
                compact,
            } => {
                if !(1..=MAX_TRIALS).contains(&trials) {
                    complain(&format!(
                        "funnel-lab: --trials must be from 1 to {MAX_TRIALS} (got {trials})"
                    ));
                    return 2;
                }
                let sc = match read(&scenario) {
                    Ok(s) => s,
                    Err(e) => {
                        complain(&format!("funnel-lab: {e}"));
                        return 2;
                    }
                };
                let valid = match sc.validate() {
                    Ok(v) => v,
                    Err(errors) => {
                        for e in errors.errors() {
                            complain(&e.to_string());
                        }
                        return 1;
                    }
                };
                let plan = match Plan::new(valid, RunOptions::new(trials, seed)) {
                    Ok(p) => p,
                    Err(e) => {
                        complain(&format!("funnel-lab: {e}"));
                        return 2;
                    }
                };
                let summary = stats::run(&plan);
                let out = if compact {
                    serde_json::to_string(&summary)
                } else {
                    serde_json::to_string_pretty(&summary)
                };
                match out {
                    Ok(s) => {
                        println!("{}", json_visible(s));
                        0
                    }
                    Err(e) => {
                        complain(&format!("funnel-lab: cannot write the summary: {e}"));
                        2
                    }
                }
            }
        }
    }
}
