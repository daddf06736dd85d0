#!/usr/bin/env bash
# bench/apl_files.sh BIN: `oasis apl` on plain files as an analyst runs it
# (issue 16).  The command writes its own 35k-commune input (real communes
# of $OASIS_DATA_DIR, every pair within 30 km) and prints ratios measured
# in this run: our reader against a naive fgets+strtod reader, parse MB/s
# and against the engine pass, where the CPU time goes (parse, build,
# pass, write), the whole process with and without --cache (also against
# the 5.1 s issue 16 measured for PySAL on this input), peak memory
# against 12 bytes a pair plus the per-commune tables.  Never fails the
# build.
bin=${1:-build/rel/oasis}
"$bin" test-bench-apl --files || echo "bench: test-bench-apl --files exited with $? (ignored)"
exit 0
