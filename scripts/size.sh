#!/usr/bin/env bash
# Prints the size of what the page loads: raw and gzipped (run after trunk build).
set -euo pipefail
cd "$(dirname "$0")/../dist"
total=0; total_gz=0
for f in *.wasm *.js *.css index.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %9d bytes  %8d gzipped\n' "$f" "$raw" "$gz"
done
printf '%-48s %9d bytes  %8d gzipped\n' "total" "$total" "$total_gz"
if [ -f ru.ftl ]; then
  printf '%-48s %9d bytes  %8d gzipped\n' "ru.ftl (fetched only by a page in Russian)" "$(stat -c %s ru.ftl)" "$(gzip -9 -c ru.ftl | wc -c)"
fi
