#!/usr/bin/env bash
# Installs what is missing and runs every test: native, in-browser and
# end-to-end. `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_rust

say "native tests (engine, statistics, charts, validation, CLI)"
cargo test --locked

say "benchmark (short run: checks it still runs and prints its figures)"
cargo bench --locked --bench engine -- quick

ensure_build_tools
ensure_chromium

say "in-browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown -p funnel-lab-web --test web

say "release build of the app"
trunk build --release
bash scripts/size.sh

say "end-to-end tests (playwright-core in headless Chromium against dist/)"
(cd tests/e2e && DIST="$ROOT/dist" node --test --test-concurrency=1 --test-reporter=spec app.test.mjs runs.test.mjs keep.test.mjs limits.test.mjs i18n.test.mjs pricing-ui.test.mjs ux-layout.test.mjs ux-content.test.mjs decide-ui.test.mjs)
