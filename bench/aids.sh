#!/usr/bin/env bash
# Aid simulator speed: 1,000 synthetic schemes x 10,000 profiles through the
# engine, profiles per second, and the ratio to a naive evaluation that
# re-parses every scheme's conditions for every profile (same run).
# Usage: bench/aids.sh [path/to/oasis]   (bench/run.sh passes the binary)
set -euo pipefail
"${1:-build/rel/oasis}" test-bench-aids --schemes 1000 --profiles 10000
