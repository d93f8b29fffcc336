//! `funnel-lab`: the engine on the command line.
//!
//! - `funnel-lab run SCENARIO.json --trials N --seed S` prints the summary as JSON;
//! - `funnel-lab validate FILE` lists every problem and exits 1 when there is one;
//! - `funnel-lab example` prints a complete valid scenario.
//!
//! Bad files, flags and paths print one line on stderr and exit 2.

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
    use funnel_lab::scenario::Scenario;
    use funnel_lab::{presets, stats};
    use std::path::{Path, PathBuf};

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

    fn read(path: &Path) -> Result<Scenario, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
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
                    eprintln!("funnel-lab: a command is missing: run, validate or example (see funnel-lab --help)");
                    return 2;
                }
                let text = e.to_string();
                let first = text
                    .lines()
                    .next()
                    .unwrap_or("bad arguments")
                    .trim_start_matches("error: ");
                eprintln!("funnel-lab: {first} (see funnel-lab --help)");
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
                    eprintln!("funnel-lab: {e}");
                    2
                }
                Ok(sc) => match sc.check() {
                    Ok(()) => {
                        println!("{}: valid", file.display());
                        0
                    }
                    Err(errors) => {
                        for e in errors.errors() {
                            println!("{e}");
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
                    eprintln!("funnel-lab: --trials must be from 1 to {MAX_TRIALS} (got {trials})");
                    return 2;
                }
                let sc = match read(&scenario) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("funnel-lab: {e}");
                        return 2;
                    }
                };
                let valid = match sc.validate() {
                    Ok(v) => v,
                    Err(errors) => {
                        for e in errors.errors() {
                            eprintln!("{e}");
                        }
                        return 1;
                    }
                };
                let plan = match Plan::new(valid, RunOptions::new(trials, seed)) {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("funnel-lab: {e}");
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
                        println!("{s}");
                        0
                    }
                    Err(e) => {
                        eprintln!("funnel-lab: cannot write the summary: {e}");
                        2
                    }
                }
            }
        }
    }
}
