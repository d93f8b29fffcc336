#!/usr/bin/env bash
# Installs what is missing and runs every test. `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_rust

say "native tests (engine, statistics, validation, CLI)"
cargo test --locked

say "benchmark (short run: checks it still runs and prints its figures)"
cargo bench --locked --bench engine -- quick
