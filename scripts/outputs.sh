#!/usr/bin/env bash
# Writes the CLI's JSON, the summary CSV and the per-trial CSV of every preset
# (1,000 trials, seed 7) into DIR and prints a SHA-256 per file, so that a
# refactor can show its outputs are byte-identical: run it before and after,
# then `diff -r BEFORE AFTER`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:?usage: scripts/outputs.sh DIR}"
cargo run --quiet --release --locked --example dump_outputs -- "$dir"
(cd "$dir" && sha256sum -- *)
