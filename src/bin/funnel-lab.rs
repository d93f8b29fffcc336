//! `funnel-lab`: the engine on the command line.
//!
//! - `funnel-lab run SCENARIO.json --trials N --seed S` prints the summary as JSON;
//! - `funnel-lab validate FILE` lists every problem and exits 1 when there is one;
//! - `funnel-lab sensitivity FILE --metric M --trials N --seed S` prints which
//!   uncertain input moves the metric most, and the value of knowing each;
//! - `funnel-lab compare A B --metric M --trials N --seed S` prints B against A,
//!   trial by trial on the same random draws;
//! - `funnel-lab sweep FILE --price TARGET --from A --to B --steps N` prints a
//!   price sweep as JSON;
//! - `funnel-lab seek FILE --vary PATH --chance Q` prints the value of a field
//!   that meets a profit goal with that chance, as JSON;
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
    use clap::{Args, Parser, Subcommand};
    use funnel_lab::decide::{self, Comparison, Sensitivity};
    use funnel_lab::engine::{Plan, RunOptions, MAX_TRIALS};
    use funnel_lab::limits::{self, MAX_SCENARIO_BYTES};
    use funnel_lab::metrics::Metric;
    use funnel_lab::scenario::Scenario;
    use funnel_lab::stats::Batch;
    use funnel_lab::validate::ValidScenario;
    use funnel_lab::{presets, pricing, stats};
    use serde::Serialize;
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
            #[command(flatten)]
            run: RunArgs,
        },
        /// Check a scenario file and list every problem.
        Validate {
            /// Scenario file (JSON, schema 1).
            file: PathBuf,
        },
        /// Rank the uncertain inputs by how much they move a metric (a tornado),
        /// with the value of knowing each before launching, as JSON.
        Sensitivity {
            /// Scenario file (JSON, schema 1).
            file: PathBuf,
            #[command(flatten)]
            metric: MetricArg,
            #[command(flatten)]
            run: RunArgs,
        },
        /// Compare scenario B with scenario A trial by trial, on the same random
        /// draws, as JSON.
        Compare {
            /// Scenario A (JSON, schema 1).
            a: PathBuf,
            /// Scenario B (JSON, schema 1).
            b: PathBuf,
            #[command(flatten)]
            metric: MetricArg,
            #[command(flatten)]
            run: RunArgs,
        },
        /// Sell the lead magnet or one offer at each price of a range (same
        /// trials and seed at every price) and print the curve as JSON.
        Sweep {
            /// Scenario file (JSON, schema 1).
            file: PathBuf,
            /// What to re-price: lead_magnet or an offer id.
            #[arg(long)]
            price: String,
            /// The lowest price.
            #[arg(long)]
            from: f64,
            /// The highest price.
            #[arg(long)]
            to: f64,
            /// Number of prices, evenly spaced from --from to --to.
            #[arg(long, default_value_t = pricing::DEFAULT_STEPS)]
            steps: usize,
            #[command(flatten)]
            run: ManyRunArgs,
        },
        /// Find the value of one field at which profit is at least a target by
        /// a day with a given chance, and print it as JSON.
        Seek {
            /// Scenario file (JSON, schema 1).
            file: PathBuf,
            /// The field to vary, by its path (channels[0].cost_per_visitor).
            #[arg(long)]
            vary: String,
            /// The least chance wanted (0 to 1).
            #[arg(long)]
            chance: f64,
            /// The least profit wanted.
            #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
            profit_at_least: f64,
            /// By the end of this day (1 to the horizon; default: the horizon).
            #[arg(long)]
            by_day: Option<u32>,
            #[command(flatten)]
            run: ManyRunArgs,
        },
        /// Print a complete, valid example scenario.
        Example,
    }

    /// How many trials, from which seed, and how the JSON is written.
    #[derive(Args)]
    struct RunArgs {
        /// Number of trials.
        #[arg(long, default_value_t = funnel_lab::engine::DEFAULT_TRIALS)]
        trials: u64,
        /// Seed: the same scenario and seed give the same results.
        #[arg(long, default_value_t = funnel_lab::engine::DEFAULT_SEED)]
        seed: u64,
        /// Print compact JSON instead of indented JSON.
        #[arg(long)]
        compact: bool,
    }

    /// [`RunArgs`] for commands made of many runs (sweep, seek): fewer trials
    /// in each run by default.
    #[derive(Args)]
    struct ManyRunArgs {
        /// Number of trials in each run.
        #[arg(long, default_value_t = pricing::DEFAULT_SWEEP_TRIALS)]
        trials: u64,
        /// Seed: the same scenario and seed give the same results.
        #[arg(long, default_value_t = funnel_lab::engine::DEFAULT_SEED)]
        seed: u64,
        /// Print compact JSON instead of indented JSON.
        #[arg(long)]
        compact: bool,
    }

    /// The metric a decision is read on.
    #[derive(Args)]
    struct MetricArg {
        /// The metric: profit, revenue, customers, roi, payback_day or cash_needed.
        #[arg(long, default_value = "profit", value_parser = parse_metric)]
        metric: Metric,
    }

    fn parse_metric(name: &str) -> Result<Metric, String> {
        decide::decision_metric(name).map_err(|e| e.to_string())
    }

    /// Checks `--trials`: one line on stderr and `Err(2)` outside the range.
    fn check_trials(trials: u64) -> Result<(), i32> {
        if (1..=MAX_TRIALS).contains(&trials) {
            return Ok(());
        }
        complain(&format!(
            "funnel-lab: --trials must be from 1 to {MAX_TRIALS} (got {trials})"
        ));
        Err(2)
    }

    /// Reads and validates a scenario file: a file that cannot be read is one
    /// line on stderr and `Err(2)`; an invalid scenario lists its problems on
    /// stderr (each after `label`, when given) and is `Err(1)`.
    fn valid(path: &Path, label: Option<&str>) -> Result<ValidScenario, i32> {
        let sc = read(path).map_err(|e| {
            complain(&format!("funnel-lab: {e}"));
            2
        })?;
        sc.validate().map_err(|errors| {
            for e in errors.errors() {
                match label {
                    Some(l) => complain(&format!("{l}: {e}")),
                    None => complain(&e.to_string()),
                }
            }
            1
        })
    }

    /// A plan of `trials` trials from `seed`; one line on stderr and `Err(2)` if refused.
    fn plan(scenario: ValidScenario, trials: u64, seed: u64) -> Result<Plan, i32> {
        Plan::new(scenario, RunOptions::new(trials, seed)).map_err(|e| {
            complain(&format!("funnel-lab: {e}"));
            2
        })
    }

    /// Prints `value` as JSON (indented unless `compact`); the exit code.
    fn print_json(value: &impl Serialize, compact: bool, what: &str) -> i32 {
        let out = if compact {
            serde_json::to_string(value)
        } else {
            serde_json::to_string_pretty(value)
        };
        match out {
            Ok(s) => {
                println!("{}", json_visible(s));
                0
            }
            Err(e) => {
                complain(&format!("funnel-lab: cannot write the {what}: {e}"));
                2
            }
        }
    }

    /// `funnel-lab sweep`: the sweep, or the exit code after saying why not.
    fn sweep(
        file: &Path,
        target: &str,
        (from, to, steps): (f64, f64, usize),
        run: &ManyRunArgs,
    ) -> Result<pricing::Sweep, i32> {
        check_trials(run.trials)?;
        let sc = valid(file, None)?;
        let fail = |e: pricing::SweepError| {
            complain(&format!("funnel-lab: {e}"));
            2
        };
        let target = pricing::target_named(&sc, target).map_err(fail)?;
        let prices = pricing::grid(from, to, steps).map_err(fail)?;
        pricing::Sweep::run(&sc, target, &prices, run.trials, run.seed).map_err(fail)
    }

    /// `funnel-lab seek`: the answer, or the exit code after saying why not
    /// (1 when no value reaches the chance, 2 for bad input).
    fn seek(
        file: &Path,
        path: &str,
        (chance, profit_at_least, by_day): (f64, f64, Option<u32>),
        run: &ManyRunArgs,
    ) -> Result<pricing::SeekAnswer, i32> {
        check_trials(run.trials)?;
        let sc = valid(file, None)?.scenario().clone();
        let goal = pricing::Goal {
            profit_at_least,
            by_day: by_day.unwrap_or(sc.horizon_days),
            chance,
        };
        pricing::seek(&sc, path, goal, run.trials, run.seed).map_err(|e| {
            complain(&format!("funnel-lab: {e}"));
            if matches!(e, pricing::SeekError::Unreachable { .. }) {
                1
            } else {
                2
            }
        })
    }

    fn sensitivity(
        file: &Path,
        metric: Metric,
        trials: u64,
        seed: u64,
    ) -> Result<Sensitivity, i32> {
        check_trials(trials)?;
        let plan = plan(valid(file, None)?, trials, seed)?;
        Ok(Sensitivity::of(&Batch::run(&plan, 0, trials), metric))
    }

    fn compare(
        a: &Path,
        b: &Path,
        metric: Metric,
        trials: u64,
        seed: u64,
    ) -> Result<Comparison, i32> {
        check_trials(trials)?;
        let va = valid(a, Some(&a.display().to_string()));
        let vb = valid(b, Some(&b.display().to_string()));
        let (va, vb) = (va?, vb?);
        let (ba, bb) = decide::run_both(va, vb, &RunOptions::new(trials, seed)).map_err(|e| {
            complain(&format!("funnel-lab: {e}"));
            2
        })?;
        Comparison::of(&ba, &bb, metric).map_err(|e| {
            complain(&format!("funnel-lab: {e}"));
            2
        })
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
                    complain("funnel-lab: a command is missing: run, validate, sensitivity, compare, sweep, seek or example (see funnel-lab --help)");
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
            Command::Sweep {
                file,
                price,
                from,
                to,
                steps,
                run,
            } => match sweep(&file, &price, (from, to, steps), &run) {
                Ok(sw) => print_json(&sw.report(), run.compact, "sweep"),
                Err(code) => code,
            },
            Command::Seek {
                file,
                vary,
                chance,
                profit_at_least,
                by_day,
                run,
            } => match seek(&file, &vary, (chance, profit_at_least, by_day), &run) {
                Ok(answer) => print_json(&answer, run.compact, "answer"),
                Err(code) => code,
            },
            Command::Run { scenario, run } => {
                let prepare = || -> Result<Plan, i32> {
                    check_trials(run.trials)?;
                    plan(valid(&scenario, None)?, run.trials, run.seed)
                };
                match prepare() {
                    Ok(plan) => print_json(&stats::run(&plan), run.compact, "summary"),
                    Err(code) => code,
                }
            }
            Command::Sensitivity { file, metric, run } => {
                match sensitivity(&file, metric.metric, run.trials, run.seed) {
                    Ok(s) => print_json(&s.report(), run.compact, "sensitivity"),
                    Err(code) => code,
                }
            }
            Command::Compare { a, b, metric, run } => {
                match compare(&a, &b, metric.metric, run.trials, run.seed) {
                    Ok(c) => print_json(&c, run.compact, "comparison"),
                    Err(code) => code,
                }
            }
        }
    }
}
