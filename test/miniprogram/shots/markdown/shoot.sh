#!/bin/sh
# Shoots the markdown component in each state into $OUT (default /tmp): node make.mjs writes the props.
# A component shot has no <page> around it, so the design tokens are given on :root, as the page would.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
OUT=${OUT:-/tmp}
node "$HERE/make.mjs"
sed 's/^page {/:root {/' "$ROOT/miniprogram/styles/tokens.wxss" > "$OUT/markdown-tokens.wxss"
for state in rich streaming-code streaming-text long-code; do
  "${MPSHOT:-/work/shared/tools/mpshot/run.sh}" --root "$ROOT/miniprogram" --page components/markdown/index \
    --props "$HERE/$state.json" --app-wxss "$OUT/markdown-tokens.wxss" --bg '#ffffff' --full-page --quiet \
    --out "$OUT/markdown-$state.png" &
done
wait
