#!/usr/bin/env bash
# bench/obs.sh: the observatory's benchmarks, on the national database
# built here from $OASIS_DATA_DIR (tools/initdb.sh, in a temporary dir):
#   1. oasis test-bench-obs: one what-if (+1 FTE) recomputed incrementally
#      vs a full national recompute; k = 10 siting picks in a département
#      vs the naive method (a full APL pass per candidate);
#   2. validate-apl --db against DREES 2022, both supply scales;
#   3. wrk on loopback: the commune-map JSON of a whole département
#      (/api/v1/indicateurs/departement/24, 503 communes) and its contours
#      (/api/v1/contours/departement/24) against /healthz;
#   4. wrk -c64: the département page and a commune sheet served from the
#      cache of public pages, and the sheet rendered (cache bypassed),
#      against /healthz.
# Prints ratios measured in one run; never fails the caller (exit 0).
#
#   bash bench/obs.sh [build/rel/oasis] [seconds]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/rel/oasis}
SECS=${2:-5}
DEP=${OBS_BENCH_DEP:-24}
THREADS=2
CONNS=32

skip() { echo "bench/obs: skipped: $*" >&2; exit 0; }
[ -x "$BIN" ] || skip "$BIN not built"
[ -n "${OASIS_DATA_DIR:-}" ] && [ -d "$OASIS_DATA_DIR" ] || skip "OASIS_DATA_DIR absent"

TMP=$(mktemp -d)
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

bash tools/initdb.sh "$BIN" "$TMP/obs.db" 2>"$TMP/initdb.log" \
  || { tail -3 "$TMP/initdb.log" >&2; skip "tools/initdb.sh failed"; }

"$BIN" test-bench-obs --db "$TMP/obs.db" --dep "$DEP" --k 10 \
  || echo "bench/obs: test-bench-obs exited with $? (ignored)"

# The honest figure from the database (docs/apl.md section 10): the stored
# default run's inputs (SIRENE proxy, crow-flies times) against DREES 2022.
for cal in "" "--calibrate-acts 2022"; do
  echo "validate-apl --db --reference-vintage 2022 --vintage 2022 ${cal:-(4500 acts per establishment)}:"
  "$BIN" validate-apl --db "$TMP/obs.db" --reference-vintage 2022 --vintage 2022 $cal --quiet \
    | sed -n '1,3p' | sed 's/^/  /'
done

command -v wrk >/dev/null || skip "wrk is not installed (HTTP part)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18081)
OASIS_ADMIN_PASSWORD=bench-only-password \
  "$BIN" serve --listen "127.0.0.1:$PORT" --db "$TMP/obs.db" >"$TMP/server.log" 2>&1 &
PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { tail -5 "$TMP/server.log" >&2; skip "server did not start"; }
  sleep 0.1
done
MAP="/api/v1/indicateurs/departement/$DEP"
GEO="/api/v1/contours/departement/$DEP"
# warm up: the first request builds the snapshot and reads the contours
curl -fsS -o "$TMP/map.json" "$URL$MAP" || skip "GET $MAP failed"
curl -fsS -o "$TMP/geo.json" "$URL$GEO" || echo "bench/obs: note: contours unavailable" >&2

run() { wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$URL$2" >"$TMP/$1.out" 2>&1; }
field() { awk -v k="$2" '$1 == k || $1 == k":" { print $2; exit }' "$TMP/$1.out"; }
ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000;
    printf "%.3f", n }'
}
run healthz /healthz
run map "$MAP"
run geo "$GEO"
printf 'bench/obs: wrk %ss, %d threads, %d connections, loopback; map JSON %s bytes, contours %s bytes\n' \
  "$SECS" "$THREADS" "$CONNS" "$(wc -c <"$TMP/map.json")" "$(wc -c <"$TMP/geo.json" 2>/dev/null || echo 0)"
printf '%-42s %10s %9s %9s\n' "endpoint" "req/s" "p50 ms" "p99 ms"
for pair in "healthz:/healthz" "map:$MAP" "geo:$GEO"; do
  name=${pair%%:*}; path=${pair#*:}
  printf '%-42s %10s %9s %9s\n' "GET $path" "$(field "$name" Requests/sec)" \
    "$(ms "$(field "$name" 50%)")" "$(ms "$(field "$name" 99%)")"
done
awk -v a="$(field healthz Requests/sec)" -v b="$(field map Requests/sec)" \
    -v c="$(field geo Requests/sec)" 'BEGIN {
  if (a > 0 && b > 0) printf "ratio commune-map JSON / healthz: %.3f; contours / healthz: %.3f\n", b / a, (c > 0 ? c / a : 0)
  else print "ratio: n/a (a run produced no figure)" }'

# 4. Public pages from the cache (web/cache.c) under wrk -t2 -c64: the
# observatoire page of the département and a commune sheet, anonymous
# (served from memory) and with a session cookie (rendered every time: the
# cache is bypassed), against /healthz in the same run.
COMMUNE=${OBS_BENCH_COMMUNE:-24322}
run64c() { local n=$1; shift; wrk -t"$THREADS" -c64 -d"${SECS}s" --latency "$@" >"$TMP/$n.out" 2>&1; }
curl -fsS -o /dev/null "$URL/observatoire/departements/$DEP" || echo "bench/obs: note: département page failed" >&2
curl -fsS -o /dev/null "$URL/observatoire/communes/$COMMUNE" || echo "bench/obs: note: commune page failed" >&2
run64c h64 "$URL/healthz"
run64c dep_cached "$URL/observatoire/departements/$DEP"
run64c com_cached "$URL/observatoire/communes/$COMMUNE"
run64c com_render -H "Cookie: oasis_session=0" "$URL/observatoire/communes/$COMMUNE"
printf '%-42s %10s %9s %9s\n' "wrk -c64: endpoint" "req/s" "p50 ms" "p99 ms"
for pair in "h64:/healthz" "dep_cached:/observatoire/departements/$DEP (cache)" \
            "com_cached:/observatoire/communes/$COMMUNE (cache)" \
            "com_render:/observatoire/communes/$COMMUNE (rendered)"; do
  name=${pair%%:*}; label=${pair#*:}
  printf '%-42s %10s %9s %9s\n' "GET $label" "$(field "$name" Requests/sec)" \
    "$(ms "$(field "$name" 50%)")" "$(ms "$(field "$name" 99%)")"
done
awk -v h="$(field h64 Requests/sec)" -v d="$(field dep_cached Requests/sec)" \
    -v c="$(field com_cached Requests/sec)" -v r="$(field com_render Requests/sec)" 'BEGIN {
  if (h > 0 && c > 0 && r > 0)
    printf "ratio cached commune sheet / healthz: %.3f (target >= 0.5); cached département page / healthz: %.3f; cached / rendered commune sheet: %.1fx\n", c / h, d / h, c / r
  else print "ratio (cache): n/a (a run produced no figure)" }'
errs=$(grep -h "Non-2xx\|Socket errors" "$TMP"/*.out)
[ -n "$errs" ] && echo "bench/obs: note: $errs"
exit 0
