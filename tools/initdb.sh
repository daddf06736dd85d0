#!/usr/bin/env bash
# Build the default database from $OASIS_DATA_DIR and the npm COG package.
#
#   bash tools/initdb.sh build/rel/oasis var/oasis.db
#       the default database of `make run`: the imports, then the living
#       demonstration (oasis demo load: Saône-et-Loire, fictitious data)
#   bash tools/initdb.sh build/rel/oasis DB --territory CODE
#       a real instance (what `oasis init --territory CODE` runs): the same
#       imports, the instance's territory set, no demonstration data
#
# A new database is built under a temporary name and moved into place only
# when every import succeeded, so a failure never leaves a half-built
# default database.  On an existing database each import refreshes its own
# kind and vintage (one transaction each) and leaves everything else alone,
# so running the script twice gives the same result.  Any failure stops
# the script with a non-zero status and the importer's message.
set -euo pipefail

die() { echo "initdb: $*" >&2; exit 1; }

usage="usage: bash tools/initdb.sh OASIS_BIN DB [--territory CODE]"
[ $# -eq 2 ] || [ $# -eq 4 ] || die "$usage"
bin=$1
db=$2
territory=
if [ $# -eq 4 ]; then
  [ "$3" = --territory ] && [ -n "$4" ] || die "$usage"
  territory=$4
fi
cd "$(dirname "$0")/.."
[ -x "$bin" ] || die "$bin is not an executable (run make first)"
data=${OASIS_DATA_DIR:-}
# Outside make (oasis init), the data beside the source tree, as the
# Makefile finds it.
[ -n "$data" ] || [ ! -d ../shared/data ] || data=$(cd ../shared/data && pwd)
[ -n "$data" ] || die "OASIS_DATA_DIR is not set (the Makefile sets it)"
[ -d "$data" ] || die "OASIS_DATA_DIR=$data is not a directory; run: $bin data fetch --dest $data --base-url URL"
cog=node_modules/@etalab/decoupage-administratif/data
[ -f "$cog/communes.json" ] || die "$cog missing: run npm ci (make deps)"

files=(communes/communes_coordonnees_cog2024.csv apl/apl_mg_2022_communes.csv
       apl/apl_mg_2023_communes.csv
       offre_soins/sirene2019_etablissements_sante_par_commune.csv)
for f in "${files[@]}"; do
  [ -f "$data/$f" ] || die "$data/$f missing; see docs/data.md (oasis data fetch)"
done

mkdir -p "$(dirname "$db")"
target=$db
if [ ! -e "$db" ]; then
  target="$db.tmp.$$"
  trap 'rm -f "$target" "$target-wal" "$target-shm"' EXIT
fi

run() {
  echo "initdb: oasis import $*" >&2
  "$bin" import "$@" --db "$target" || die "import $1 failed, see above"
}

t0=$(date +%s.%N)
run communes "$data/communes/communes_coordonnees_cog2024.csv" --vintage 2024
run cog "$cog" --vintage 2024
run population "$data/apl/apl_mg_2022_communes.csv" --vintage 2022
run population "$data/apl/apl_mg_2023_communes.csv" --vintage 2023
run supply "$data/offre_soins/sirene2019_etablissements_sante_par_commune.csv" \
    --vintage 2019 --column generaliste
run apl-reference "$data/apl/apl_mg_2022_communes.csv" --vintage 2022
run apl-reference "$data/apl/apl_mg_2023_communes.csv" --vintage 2023
# Health equipment per commune (INSEE BPE 2020: centres de santé, maisons
# de santé, pharmacies), shown on the commune sheets; optional.
bpe="$data/offre_soins/insee_bpe2020_equip_serv_sante_com.csv"
if [ -f "$bpe" ]; then
  run equipment "$bpe" --vintage 2020
else
  echo "initdb: $bpe absent: no health equipment on the commune sheets" >&2
fi

# Demonstration catalogue shipped in the repository (idempotent: codes
# already present are updated): the centres de santé networks with their
# published yearly totals (docs/centres.md).  Loaded before the APL runs,
# which count the centres' doctors as supply.
echo "initdb: oasis centres-load data/centres" >&2
"$bin" centres-load data/centres --db "$target" || die "centres-load failed, see above"

# The default APL runs (observatory): our model's estimate, computed from
# the database and stored with its provenance (communes are classed from
# the official figures alone, zoning/).  The SIRENE proxy counts
# establishments, so its acts per unit are calibrated on the DREES total
# of the same vintage (docs/apl.md section 5).
for v in 2022 2023; do
  [ -f "$data/apl/apl_mg_${v}_communes.csv" ] || continue
  echo "initdb: oasis apl --db --vintage $v --store" >&2
  "$bin" apl --db "$target" --vintage "$v" --supply generaliste \
      --calibrate-acts "$v" --store --quiet || die "apl $v failed, see above"
done

# The seed aid catalogue (data/aids/*.aid), all files or none.
echo "initdb: oasis aids load --db data/aids" >&2
"$bin" aids load --db "$target" data/aids || die "aids load failed, see above"
# The placement allowances the catalogue defines (each amount defined once,
# in its .aid file; data/placements/schemes.csv holds only schemes the
# catalogue does not publish).
echo "initdb: oasis stages load --aides" >&2
"$bin" stages load --aides --db "$target" || die "stages load --aides failed, see above"
"$bin" stages load data/placements/schemes.csv --db "$target" || die "stages load failed, see above"

# Either the instance's real territory (no demonstration data), or, for
# a new default database (or one holding the demo), the living demo:
# `demo load` clears a demo already there before loading, so a second run
# leaves one demo.
if [ -n "$territory" ]; then
  "$bin" demo clear --db "$target" || die "demo clear failed, see above"
  echo "initdb: oasis territoire set $territory" >&2
  # shellcheck disable=SC2086  # several codes: "41 37"
  "$bin" territoire set $territory --db "$target" >/dev/null \
    || die "territoire set $territory failed, see above"
elif [ "$target" != "$db" ] ||
     "$bin" demo show --db "$target" | grep -q '^demonstration'; then
  echo "initdb: oasis demo load" >&2
  "$bin" demo load --db "$target" || die "demo load failed, see above"
else
  # An existing database without the demo is a real instance: never
  # filled with fictitious data behind its team's back.
  echo "initdb: $db is a real instance (no demo): demo not loaded" >&2
fi

if [ "$target" != "$db" ]; then
  mv "$target" "$db"
  trap - EXIT
fi
t1=$(date +%s.%N)
echo "initdb: $db ready ($(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s)" >&2
