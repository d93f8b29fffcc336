#!/usr/bin/env bash
# Installs what Funnel Lab needs, skipping whatever is already there.
# Sourced by serve.sh and test-all.sh; every step is idempotent and uses only
# package registries (crates.io, Debian, npm).
set -euo pipefail

TRUNK_VERSION=0.21.14
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install rustup first (https://rustup.rs)"; exit 1; }
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (takes a few minutes)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
}

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$ROOT/Cargo.lock")
  [ -n "$want" ] || { echo "wasm-bindgen is not in Cargo.lock"; exit 1; }
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want"; then
    say "installing wasm-bindgen-cli $want"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
}

# wasm-opt (binaryen 123, the version Trunk asks for) and playwright-core come
# from npm, pinned in tests/e2e/package-lock.json.
ensure_node_tools() {
  command -v npm >/dev/null || { say "installing Node.js and npm"; as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
  if [ ! -x "$ROOT/tests/e2e/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
    say "installing wasm-opt and playwright-core from npm"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$ROOT/tests/e2e/node_modules/.bin:$PATH"
}

# Everything `trunk build` needs, found on PATH (Trunk downloads nothing).
ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_node_tools
}
