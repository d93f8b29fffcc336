#!/usr/bin/env bash
# The engine compiled to WebAssembly and run by Node's V8 (the browser's engine),
# outside the browser: trials per second of every preset (as `profile_run all`
# prints natively), or one preset's functions by their share of V8's samples,
# to find what costs more in wasm than natively (e.g. libm's software square
# root, which this found). Not run in CI.
#
#   scripts/profile-wasm.sh all [TRIALS] [ROUNDS]     trials/s per preset (wall time)
#   scripts/profile-wasm.sh PRESET [TRIALS]           top functions of one preset
#
# Builds examples/profile_run for wasm32-wasip1 (adding the target with rustup
# if missing) and runs it with Node's WASI.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_rust
ensure_node_tools
rustup target list --installed | grep -qx wasm32-wasip1 || { say "adding the wasm32-wasip1 target"; rustup target add wasm32-wasip1; }
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --release --example profile_run --target wasm32-wasip1
WASM="$CARGO_TARGET_DIR/wasm32-wasip1/release/examples/profile_run.wasm" \
  node --no-warnings tests/e2e/profile-wasm.mjs "$@"
