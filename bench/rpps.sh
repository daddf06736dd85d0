#!/usr/bin/env bash
# bench/rpps.sh: the practitioners register at national scale.  A generated
# RPPS extraction in the published layout (56 columns, '|', trailing '|';
# about 2 M activity lines: nurses, physiotherapists, GPs, dentists,
# midwives, specialists and pharmacists left out, as in the real file) over
# the real communes of $OASIS_DATA_DIR, then:
#   1. oasis import rpps: rows per second, and the time of a second import
#      of the same file (the re-import that keeps the team's entries);
#   2. the national APL from the practitioners table (--supply praticiens)
#      against the current pass (the SIRENE counts, --supply generaliste),
#      measured in the same run: the ratio of the two times.
# Prints figures; never fails the caller (exit 0).
#
#   bash bench/rpps.sh [build/rel/oasis] [rows]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/rel/oasis}
ROWS=${2:-2000000}

skip() { echo "bench/rpps: skipped: $*" >&2; exit 0; }
[ -x "$BIN" ] || skip "$BIN not built"
[ -n "${OASIS_DATA_DIR:-}" ] && [ -d "$OASIS_DATA_DIR" ] || skip "OASIS_DATA_DIR absent"
COMMUNES=$OASIS_DATA_DIR/communes/communes_coordonnees_cog2024.csv
POP=$OASIS_DATA_DIR/apl/apl_mg_2022_communes.csv
SUPPLY=$OASIS_DATA_DIR/offre_soins/sirene2019_etablissements_sante_par_commune.csv
for f in "$COMMUNES" "$POP" "$SUPPLY"; do [ -f "$f" ] || skip "$f missing"; done

TMP=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
DB=$TMP/rpps.db
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$BIN" import communes "$COMMUNES" --vintage 2024 --db "$DB" 2>/dev/null || skip "communes import failed"
"$BIN" import population "$POP" --vintage 2022 --db "$DB" 2>/dev/null || skip "population import failed"
"$BIN" import supply "$SUPPLY" --vintage 2019 --column generaliste --db "$DB" 2>/dev/null \
  || skip "supply import failed"

# The extraction: the header of the fixture (the published one), then ROWS
# lines; one person in ten has a second activity line.
HEADER=$(head -1 tests/fixtures/rpps_register_2026.txt)
t0=$(now)
awk -F, -v rows="$ROWS" -v header="$HEADER" '
  NR > 1 && $2 == "COM" { code[n++] = $1 }
  END {
    srand(42); print header
    # profession shares of the real file, roughly: nurses, physios, GPs,
    # dentists, midwives, other doctors, pharmacists
    split("60 60 60 60 70 70 10 10 40 50 10 21", prof, " ")
    for (i = 0; i < rows; i++) {
      p = prof[1 + int(rand() * 12)]
      sf = ""; sfl = ""
      if (p == "10") { if (rand() < 0.6) { sf = "SM53"; sfl = "Spécialiste en Médecine Générale" } else { sf = "SM40"; sfl = "Pédiatrie" } }
      id = sprintf("%.0f", 810000000000 + int(i * 0.9))
      c = code[int(rand() * n)]
      mode = rand() < 0.8 ? "L" : "S"
      printf "8|%s|%s|DR|Docteur|M|Monsieur|NOM%d|Prenom|%s|Prof|C|Civil|S|Spécialité ordinale|%s|%s|%s|Mode||||||||||12||R|Rue|DE LA GARE|||%s|%s|Commune|99000|France|||||%s|Dep||AUT|SA07|Cabinet|||FON-01|Titulaire|GENR01|Activité standard|\n", \
        substr(id, 2), id, i, p, sf, sfl, mode, substr(c, 1, 2) "000", c, substr(c, 1, 2)
    }
  }' "$COMMUNES" >"$TMP/PS_LibreAcces_Personne_activite.txt"
echo "bench/rpps: generated $(($(wc -l <"$TMP/PS_LibreAcces_Personne_activite.txt") - 1)) lines ($(du -h "$TMP/PS_LibreAcces_Personne_activite.txt" | cut -f1)) in $(secs "$t0" "$(now)") s"

# Wall and CPU time: on a shared machine the CPU time (user + sys) is the
# figure that compares across runs.
for pass in 1 2; do
  /usr/bin/time -f "%e %U %S" -o "$TMP/time" \
    "$BIN" import rpps "$TMP/PS_LibreAcces_Personne_activite.txt" --vintage 2026 --db "$DB" \
    2>"$TMP/import.log" || { tail -3 "$TMP/import.log" >&2; skip "rpps import failed"; }
  read -r wall user sys <"$TMP/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$ROWS" -v p="$pass" 'BEGIN {
    printf "bench/rpps: import %s: %d lines in %.2f s wall (%.0f lines/s), %.2f s CPU (%.0f lines/s; target: 2 M in < 30 s)\n",
      (p == 1 ? "(new register)" : "(re-import, team entries kept)"), r, w, r / w, u + s, r / (u + s) }'
done
head -2 "$TMP/import.log" | sed 's/^/  /'
echo "  register: $(sqlite3 "$DB" 'SELECT count(*) FROM practitioner_register' 2>/dev/null || echo '?') people"

# The national APL, each supply source once more after a warm-up: the
# summary line of `oasis apl` gives the loader, graph and pass times.
apl() {
  "$BIN" apl --db "$DB" --vintage 2022 --supply "$1" --out "$TMP/$1.csv" 2>"$TMP/apl-$1.log" \
    || { tail -2 "$TMP/apl-$1.log" >&2; return 1; }
  grep -m1 'chargement' "$TMP/apl-$1.log"
}
apl generaliste >/dev/null; apl praticiens >/dev/null
ref=$(apl generaliste) || skip "APL from the SIRENE counts failed"
pra=$(apl praticiens) || skip "APL from the practitioners failed"
echo "  SIRENE counts (the current pass): ${ref#*; }"
echo "  practitioners table:              ${pra#*; }"
secs_of() { sed -E 's/.*chargement ([0-9.]+) s, graphe ([0-9.]+) s, APL ([0-9.]+) ms.*/\1 \2 \3/' <<<"$1"; }
read -r l1 g1 a1 <<<"$(secs_of "$ref")"
read -r l2 g2 a2 <<<"$(secs_of "$pra")"
awk -v l1="$l1" -v g1="$g1" -v a1="$a1" -v l2="$l2" -v g2="$g2" -v a2="$a2" 'BEGIN {
  t1 = l1 + g1 + a1 / 1000; t2 = l2 + g2 + a2 / 1000
  printf "bench/rpps: national APL recompute from the practitioners: %.2f s (load %.2f + graph %.2f + pass %.3f), current pass %.2f s: ratio %.2f (target < 1 s)\n",
    t2, l2, g2, a2 / 1000, t1, (t1 > 0 ? t2 / t1 : 0) }'
exit 0
