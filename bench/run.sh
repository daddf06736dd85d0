#!/usr/bin/env bash
# bench/run.sh BIN: every benchmark (`make bench`).  Each prints ratios
# measured in one run; a benchmark never fails the build (always exit 0).
bin=${1:-build/rel/oasis}
if [ ! -x "$bin" ]; then
  echo "bench: $bin not built, skipped"
  exit 0
fi
cd "$(dirname "$0")/.."
echo "== APL engine (oasis test-bench-apl, data: ${OASIS_DATA_DIR:-unset})"
"$bin" test-bench-apl || echo "bench: test-bench-apl exited with $? (ignored)"
# The other benchmarks, one script per module (http.sh, aids.sh, obs.sh, …).
for b in bench/*.sh; do
  [ "$b" = bench/run.sh ] && continue
  echo
  echo "== $(basename "$b" .sh)"
  bash "$b" "$bin" || echo "bench: $b exited with $? (ignored)"
done
exit 0
