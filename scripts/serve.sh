#!/usr/bin/env bash
# Installs what is missing and serves the app on http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_rust
ensure_wasm_target
ensure_build_tools
say "serving Funnel Lab on http://127.0.0.1:8080 (Ctrl-C to stop)"
# No autoreload: its inline script would break the page's Content-Security-Policy.
exec trunk serve --release --no-autoreload "$@"
