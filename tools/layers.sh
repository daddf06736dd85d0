#!/usr/bin/env bash
# tools/layers.sh: the layer check (docs/conventions.md).  Fails, naming the
# file and the include, when a source file includes a module of its own
# layer or above, or another module's internal header.  The layer order
# lives here and only here.
#   bash tools/layers.sh [SRC_DIR]
#   bash tools/layers.sh --self-test   (plants violations, expects failures)
set -euo pipefail
if [ "${1:-}" = "--self-test" ]; then
  t=$(mktemp -d)
  trap 'rm -rf "$t"' EXIT
  mkdir -p "$t/base" "$t/web" "$t/aids" "$t/cases"
  printf '#include "base/str.h"\n' > "$t/web/ok.c"
  bash "$0" "$t" >/dev/null 2>&1 || { echo "layers self-test: a clean tree failed" >&2; exit 1; }
  for planted in 'web/up.c:#include "aids/aids.h"' \
                 'aids/side.c:#include "cases/cases.h"' \
                 'cases/peek.c:#include "web/internal.h"'; do
    f=${planted%%:*}
    printf '%s\n' "${planted#*:}" > "$t/$f"
    if bash "$0" "$t" >/dev/null 2>&1; then
      echo "layers self-test: planted « ${planted#*:} » in $f was not caught" >&2
      exit 1
    fi
    rm "$t/$f"
  done
  echo "layers: self-test ok (3 planted violations caught)"
  exit 0
fi
src=${1:-src}

declare -A layer=(
  [base]=0
  [geo]=1 [access]=1 [store]=1
  [web]=2
  [territory]=3
  [workforce]=4 [zoning]=4
  [admin]=5 [observatory]=5
  [centres]=6 [aids]=6 [cases]=6
  [placements]=7
  [portal]=8
  [plan]=9
  [app]=10
)
# Headers private to their own module.
internal_re='/(internal|[a-z_]*_int|webutil)\.h$'

bad=0
for f in "$src"/*/*.c "$src"/*/*.h; do
  [ -e "$f" ] || continue
  mod=$(basename "$(dirname "$f")")
  if [ -z "${layer[$mod]+x}" ]; then
    echo "layers: $f: module « $mod » has no layer in tools/layers.sh" >&2
    bad=1
    continue
  fi
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]+\"([a-z_]+)/([^\"]+)\" ]] || continue
    dep=${BASH_REMATCH[1]}
    hdr=${BASH_REMATCH[2]}
    [ "$dep" = "$mod" ] && continue
    if [ -z "${layer[$dep]+x}" ]; then
      continue                      # generated headers (build/gen) and the like
    fi
    if [[ "/$hdr" =~ $internal_re ]]; then
      echo "layers: $f:$n: includes $dep/$hdr, internal to module $dep" >&2
      bad=1
    elif (( layer[$dep] >= layer[$mod] )); then
      echo "layers: $f:$n: $mod (layer ${layer[$mod]}) includes $dep/$hdr (layer ${layer[$dep]}): arrows point down" >&2
      bad=1
    fi
  done < "$f"
done
if ((bad)); then
  echo "layers: FAILED (docs/conventions.md, « Layers »)" >&2
  exit 1
fi
echo "layers: ok"
