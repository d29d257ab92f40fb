#!/bin/sh
# Renders the composer and sent-view components in each state into $OUT (default /tmp/qiao-shots).
# A component shot has no page element, so the tokens (declared on `page`) are given to the component.
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
OUT=${OUT:-/tmp/qiao-shots}
mkdir -p "$OUT"
wxss="$OUT/host-app.wxss"
{ sed 's/^page {/:host {/' "$repo/miniprogram/styles/tokens.wxss"; grep -v '^@import' "$repo/miniprogram/app.wxss" | sed 's/^page {/:host {/'; } >"$wxss"
shot() { # name component props [setup] [extra options]
  name=$1 page=$2 props=$3 setup=$4
  shift 4
  set -- --root "$repo/miniprogram" --page "$page" --props "$props" --app-wxss "$wxss" --out "$OUT/$name.png" --quiet "$@"
  [ -n "$setup" ] && set -- "$@" --setup "$setup"
  sh /work/shared/tools/mpshot/run.sh "$@"
}
c=components/composer/index
s=components/sent-view/index
shot composer-empty $c "$here/composer/empty.json" "" --bg '#ededed' &
shot composer-typing-0 $c "$here/composer/typing-0.json" "" --bg '#ededed' &
shot composer-typing-3 $c "$here/composer/typing-3.json" "" --bg '#ededed'
wait
shot composer-expanded $c "$here/composer/typing-3.json" "$here/composer/expand.mjs" --bg '#ededed' &
shot composer-tapped $c "$here/composer/tap-word.json" "$here/composer/tap-word.mjs" --bg '#ededed' &
shot composer-number $c "$here/composer/number-left.json" "$here/composer/expand.mjs" --bg '#ededed'
wait
shot composer-number-collapsed $c "$here/composer/number-left.json" "" --bg '#ededed' &
shot composer-sending $c "$here/composer/sending.json" "" --bg '#ededed' &
shot sent-view-several $s "$here/sent-view/several.json" "" --frame &
shot sent-view-none $s "$here/sent-view/none.json" "" --frame
wait
