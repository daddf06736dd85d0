#!/usr/bin/env bash
# bench/cache.sh: public pages served from the in-memory cache (web/cache.c)
# against /healthz, measured in one run by our own load client (bench/load.c,
# keep-alive, 64 connections, loopback only): /observatoire, /portail, the
# map JSON of a département (/api/v1/indicateurs/departement/71) and,
# when the database has one, a commune sheet — each cached (anonymous) and
# rendered (a session cookie bypasses the cache).  Prints req/s, p50, p99
# and the ratios; asserts nothing and never fails the caller (exit 0).
#
#   bash bench/cache.sh [build/rel/oasis] [seconds]
# The database is a temporary copy of $OASIS_BENCH_DB (default: the
# var/oasis.db that `make run` builds, when it exists: realistic pages),
# else a fresh empty one; OASIS_BENCH_COMMUNE names the commune sheet
# (default 41018).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/rel/oasis}
SECS=${2:-5}
CONNS=64
COMMUNE=${OASIS_BENCH_COMMUNE:-41018}

skip() { echo "bench/cache: skipped: $*" >&2; exit 0; }
[ -x "$BIN" ] || skip "$BIN not built"
. bench/server.inc
bench_tmp
${CC:-cc} -O2 -pthread -o "$TMP/load" bench/load.c || skip "bench/load.c does not build"
OASIS_BENCH_DB=${OASIS_BENCH_DB:-var/oasis.db}
if [ -f "$OASIS_BENCH_DB" ]; then
  sqlite3 "$OASIS_BENCH_DB" ".backup '$TMP/bench.db'" || skip "cannot copy $OASIS_BENCH_DB"
fi
bench_serve "$BIN" "$TMP/bench.db" OASIS_MAX_CONN_PER_IP=0

PAGES="/observatoire /portail"
curl -fsS -o /dev/null "$URL/observatoire/communes/$COMMUNE" 2>/dev/null &&
  PAGES="$PAGES /observatoire/communes/$COMMUNE"
# The commune-level map JSON of one département (issue 16: >= 0.5 of /healthz).
MAPDEP=${MAPDEP:-71}
curl -fsS -o /dev/null "$URL/api/v1/indicateurs/departement/$MAPDEP" 2>/dev/null &&
  PAGES="$PAGES /api/v1/indicateurs/departement/$MAPDEP"
for p in $PAGES; do curl -fsS -o /dev/null "$URL$p" || echo "bench/cache: note: $p failed" >&2; done

printf 'bench/cache: load.c, %ss each, %d keep-alive connections, loopback; database %s\n' \
  "$SECS" "$CONNS" "$([ -f "$OASIS_BENCH_DB" ] && echo "copy of $OASIS_BENCH_DB" || echo "empty")"
printf '%-48s %10s %9s %9s %7s\n' "endpoint" "req/s" "p50 ms" "p99 ms" "errors"
RPS=0
row() {  # label path [cookie]: prints the line, leaves req/s in RPS
  local out
  out=$("$TMP/load" "$PORT" "$2" "$SECS" "$CONNS" ${3:+"$3"})
  set -- "$1" $out
  printf '%-48s %10s %9s %9s %7s\n' "$1" "$3" "$4" "$5" "$6"
  RPS=${3:-0}
}
row "GET /healthz" /healthz
h=$RPS
for p in $PAGES; do
  row "GET $p (cache)" "$p"
  c=$RPS
  row "GET $p (rendered)" "$p" "oasis_session=0"
  r=$RPS
  awk -v h="$h" -v c="$c" -v r="$r" -v p="$p" 'BEGIN {
    if (h > 0 && c > 0 && r > 0)
      printf "ratio %s: cached / healthz %.3f (target >= 0.5), cached / rendered %.1fx\n", p, c / h, c / r
    else print "ratio " p ": n/a (a run produced no figure)" }'
done
exit 0
