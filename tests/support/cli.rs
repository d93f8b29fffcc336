//! The `funnel-lab` binary under test: running it, its output, temporary
//! files, and the shape of a one-line failure. Shared by tests/cli.rs and
//! tests/cli_pricing.rs.
#![allow(dead_code)]

use funnel_lab::presets;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_funnel-lab");

pub fn cli(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A temporary file (or directory) removed when dropped.
pub struct Temp(pub PathBuf);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub fn temp_path(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "funnel-lab-cli-test-{}-{}-{}-{}",
        std::process::id(),
        n,
        nanos,
        tag
    ))
}

impl Temp {
    pub fn file(tag: &str, contents: &[u8]) -> Temp {
        let p = temp_path(tag);
        std::fs::write(&p, contents).expect("write temp file");
        Temp(p)
    }

    pub fn dir(tag: &str) -> Temp {
        let p = temp_path(tag);
        std::fs::create_dir(&p).expect("create temp dir");
        Temp(p)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.0.is_dir() {
            let _ = std::fs::remove_dir(&self.0);
        } else {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

pub fn example_file() -> Temp {
    Temp::file("example.json", presets::EXAMPLE_JSON.as_bytes())
}

pub fn exit_code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

/// A failure the CLI must report as one line on stderr with exit code 2.
pub fn assert_one_line_failure(o: &Output, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(exit_code(o), 2, "{what}: exit code; stderr: {err}");
    assert!(!err.contains("panicked"), "{what}: panicked: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{what}: {err}");
    assert_eq!(
        err.lines().count(),
        1,
        "{what}: exactly one line on stderr, got {err:?}"
    );
    assert!(
        err.ends_with('\n'),
        "{what}: the line ends with a newline: {err:?}"
    );
    assert!(!err.trim().is_empty(), "{what}: empty message");
    assert!(
        stdout(o).is_empty(),
        "{what}: nothing on stdout, got {:?}",
        stdout(o)
    );
    err
}
