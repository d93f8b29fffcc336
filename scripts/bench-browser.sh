#!/usr/bin/env bash
# Browser measurements: builds the app and the CLI, serves dist/ and prints, per
# preset, edit → first change, full run time, longest main-thread task, page
# weight and wasm/native (one worker against one native core). Not run in CI
# beyond `--smoke` (one preset, no build).
#
#   scripts/bench-browser.sh [--no-build] [--smoke] [--repeats N] [PRESET…]
#   scripts/bench-browser.sh [--no-build] [--repeats N] --pool-sizes 1,2 [PRESET…]
#   scripts/bench-browser.sh [--no-build] --largest-run [PRESET]
#
# `--pool-sizes` instead compares pools of those sizes (`?workers=N`): the full
# run after an edit, the longest main-thread task, and how fast the page answers
# clicks and scrolling while the run goes (what a pool that takes the page's
# core would cost).
# `--largest-run` instead measures the largest run the page allows: a link
# asking for 1,000,000 trials of PRESET (default: example), every offer to go
# on accepted, with its time and the peak memory of the tab and its workers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_rust
build=1; args=(); repeats=1; largest=0; pool_sizes=
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --smoke) build=0; args+=(classic) ;;
    --repeats) repeats="$2"; shift ;;
    --largest-run) largest=1 ;;
    --pool-sizes) pool_sizes="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
ensure_build_tools
ensure_chromium
if [ "$build" = 1 ]; then
  say "release build of the CLI and the app"
  cargo build --locked --release --bin funnel-lab
  trunk build --release
fi
target="${CARGO_TARGET_DIR:-$ROOT/target}"
say "measuring in headless Chromium"
if [ "$largest" = 1 ]; then
  (cd tests/e2e && DIST="$ROOT/dist" node largest-run.mjs "${args[@]}")
  exit
fi
(cd tests/e2e && DIST="$ROOT/dist" CLI="$target/release/funnel-lab" REPEATS="$repeats" POOL_SIZES="$pool_sizes" \
  node bench-browser.mjs "${args[@]}")
