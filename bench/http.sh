#!/usr/bin/env bash
# bench/http.sh: HTTP throughput of the server, measured with wrk on
# loopback in one run: GET /healthz (the floor: routing and the socket,
# no database) against GET /sources (a page that reads import_log and
# goes through the full layout).  Prints requests/s and latency
# percentiles of both and their ratio.  Starts and stops its own server on
# a temporary database; never fails the caller (exit 0, message on stderr).
#
#   bash bench/http.sh [build/rel/oasis] [seconds]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/rel/oasis}
SECS=${2:-5}
THREADS=2
CONNS=32

skip() { echo "bench/http: skipped: $*" >&2; exit 0; }
command -v wrk >/dev/null || skip "wrk is not installed"
[ -x "$BIN" ] || skip "$BIN not built"

TMP=$(mktemp -d)
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
OASIS_ADMIN_PASSWORD=bench-only-password \
  "$BIN" serve --listen "127.0.0.1:$PORT" --db "$TMP/bench.db" \
  >"$TMP/server.log" 2>&1 &
PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { tail -5 "$TMP/server.log" >&2; skip "server did not start"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$URL/sources" 2>/dev/null || skip "GET /sources does not answer 200"

# run PATH: wrk output for PATH into $TMP/PATH.out
run() {
  local name=$1 path=$2
  wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$URL$path" >"$TMP/$name.out" 2>&1
}
# field NAME KEY: a figure from wrk's output (Requests/sec, 50%, 99%...)
field() {
  awk -v k="$2" '$1 == k || $1 == k":" { print $2; exit }' "$TMP/$1.out"
}
# ms VALUE: wrk latency ("812.00us", "1.20ms", "2.01s") in milliseconds
ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.3f", n }'
}

run healthz /healthz
run page /sources

printf 'bench/http: wrk %ss, %d threads, %d connections, loopback\n' "$SECS" "$THREADS" "$CONNS"
printf '%-18s %12s %10s %10s %10s %10s\n' "endpoint" "req/s" "p50 ms" "p75 ms" "p90 ms" "p99 ms"
for pair in "healthz:/healthz" "page:/sources"; do
  name=${pair%%:*}; path=${pair#*:}
  printf '%-18s %12s %10s %10s %10s %10s\n' "GET $path" "$(field "$name" Requests/sec)" \
    "$(ms "$(field "$name" 50%)")" "$(ms "$(field "$name" 75%)")" \
    "$(ms "$(field "$name" 90%)")" "$(ms "$(field "$name" 99%)")"
done
awk -v a="$(field healthz Requests/sec)" -v b="$(field page Requests/sec)" 'BEGIN {
  if (a > 0 && b > 0) printf "ratio page/healthz throughput: %.3f (the page serves %.1f%% of the floor)\n", b / a, 100 * b / a
  else print "ratio: n/a (a run produced no figure)" }'
errs=$(grep -h "Non-2xx\|Socket errors" "$TMP"/*.out)
[ -n "$errs" ] && echo "bench/http: note: $errs"
exit 0
