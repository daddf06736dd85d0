#!/usr/bin/env bash
# bench/backup.sh: `oasis backup` of a generated ~250 MB database while the
# server takes writes through its API (issue 17: a backup used to restart
# on every write and never finish under 8 writes/s).  Prints the database
# size, the backup's time and throughput, the writes answered during it,
# and checks the copy (PRAGMA integrity_check, dossiers between the counts
# before and after).  Asserts nothing; never fails the caller (exit 0).
#
#   bash bench/backup.sh [build/rel/oasis] [MB]
# MB (default 250, or $BACKUP_BENCH_MB) sizes the generated audit trail.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/rel/oasis}
MB=${2:-${BACKUP_BENCH_MB:-250}}
PW=bench-only-password-1

skip() { echo "bench/backup: skipped: $*" >&2; exit 0; }
[ -x "$BIN" ] || skip "$BIN not built"
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed"
command -v curl >/dev/null || skip "curl is not installed"
. bench/server.inc
bench_tmp
WPID=""
trap '[ -n "$WPID" ] && kill "$WPID" 2>/dev/null; bench_stop; rm -rf "$TMP"' EXIT
DB=$TMP/oasis.db
BENCH_PASSWORD=$PW
serve() { bench_serve "$BIN" "$DB" OASIS_ATTACH_DIR="$TMP/pieces"; }

# 1. The database: the schema (a first start), then an audit trail of ~MB
# megabytes of 1 KB entries (what years of use leave behind).
serve
bench_stop
t0=$(date +%s.%N)
ROWS=$((MB * 1000))
sqlite3 "$DB" "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
  WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $ROWS)
  INSERT INTO audit_log(user_login, entity, entity_id, action, after_json)
  SELECT 'bench', 'bench', i, 'create', '{\"x\":\"' || hex(randomblob(460)) || '\"}' FROM c;
  PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null || skip "cannot generate the database"
SIZE=$(stat -c %s "$DB")
t1=$(date +%s.%N)

# 2. The server, and a writer: an agent creating dossiers through the API
# as fast as one client goes (bounded: stops with the backup, 600 s at most).
serve
J=$TMP/jar
curl -fsS -c "$J" -b "$J" -o /dev/null "$URL/connexion"
TOKEN=$(curl -fsS -c "$J" -b "$J" "$URL/connexion" | sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -fsS -c "$J" -b "$J" -o /dev/null --data-urlencode "identifiant=admin" \
  --data-urlencode "mot_de_passe=$PW" --data-urlencode "csrf_token=$TOKEN" "$URL/connexion" || true
CSRF=$(curl -fsS -b "$J" "$URL/api/v1/moi" | sed -n 's/.*"csrf": *"\([0-9a-f]*\)".*/\1/p')
[ -n "$CSRF" ] || skip "cannot sign in"
BODY='{"prenom":"Banc","nom":"Essai","email":"","telephone":"0102030405","profession":"medecin_generaliste","statut":"interne","projet":"installation","territoire_type":"commune","territoire_code":"41018","territoire_nom":"Blois","besoins":["logement"],"message":"","consentement":true,"canal":"telephone"}'
writer() {
  local ok=0 ko=0 end=$((SECONDS + 600))
  while [ $SECONDS -lt $end ] && [ ! -e "$TMP/stop" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$J" -H 'Content-Type: application/json' \
      -H "X-CSRF-Token: $CSRF" --data "$BODY" "$URL/api/v1/dossiers")
    if [ "$code" = 201 ]; then ok=$((ok + 1)); else ko=$((ko + 1)); fi
    echo "$ok $ko" >"$TMP/writes"
  done
}
count() { sqlite3 "$1" "PRAGMA busy_timeout=5000; SELECT count(*) FROM case_dossiers" 2>/dev/null | tail -1; }
writer &
WPID=$!
sleep 2
W0=$(cat "$TMP/writes" 2>/dev/null || echo "0 0")
N0=$(count "$DB")
t2=$(date +%s.%N)
OASIS_ATTACH_DIR=$TMP/pieces "$BIN" backup "$TMP/copie" --db "$DB" >"$TMP/backup.log" 2>&1
RC=$?
t3=$(date +%s.%N)
W1=$(cat "$TMP/writes" 2>/dev/null || echo "0 0")
N1=$(count "$DB")
touch "$TMP/stop"; wait "$WPID" 2>/dev/null; WPID=""

# 3. Figures and checks.
BK=$TMP/copie/oasis.db
CHECK=$(sqlite3 "$BK" "PRAGMA integrity_check" 2>&1 | head -1)
NB=$(count "$BK")
awk -v size="$SIZE" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" \
    -v w0="$W0" -v w1="$W1" -v rc="$RC" -v check="$CHECK" -v n0="$N0" -v n1="$N1" -v nb="$NB" 'BEGIN {
  gen = t1 - t0; secs = t3 - t2
  split(w0, a, " "); split(w1, b, " ");
  ok = b[1] - a[1]; ko = b[2] - a[2];
  printf "bench/backup: database %.0f MB (generated in %.1f s)\n", size / 1e6, gen
  printf "backup: exit %d in %.2f s (%.0f MB/s) while the API answered %d writes (%.1f/s), %d refused\n",
         rc, secs, size / 1e6 / (secs > 0 ? secs : 1), ok, ok / (secs > 0 ? secs : 1), ko
  printf "copy: integrity_check %s; %d dossiers (live database: %d before, %d after)\n", check, nb, n0, n1
}'
[ "$RC" = 0 ] || tail -3 "$TMP/backup.log"
exit 0
