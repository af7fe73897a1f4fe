#!/usr/bin/env bash
# Soak: does the server's memory stay bounded under load? (see BENCHMARKS.md, "Soak")
#
#   bench/soak.sh [sqlite|postgresql|all]        (default: postgresql)
#
# Starts and seeds a server exactly as bench/run.sh does (same knobs: BENCH_ROWS, BENCH_HEAP, ...), then
# runs SOAK_MINUTES of mixed traffic (bench/soak.lua: 60 % GET by id, 20 % the filtered list's first
# page, 10 % its page 1,000, 10 % creates) and samples the server every SOAK_INTERVAL seconds: RSS,
# heap used after a full GC, threads, open FDs. Prints first/last/max of each and the verdict,
# "bounded" or "growing", by the rule stated above soak() in bench/run.sh; writes
# bench/results/<backend>-<timestamp>.txt and the samples as <backend>-<timestamp>-soak.csv.
#
# Knobs: SOAK_MINUTES=10, SOAK_INTERVAL=10 (seconds), and bench/run.sh's. A smoke run:
#   BENCH_ROWS=100000 BENCH_DEEP_PAGES=50 BENCH_JIT_WARMUP=0 SOAK_MINUTES=2 bench/soak.sh sqlite
set -euo pipefail
BENCH_MODE=soak exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.sh" "${1:-postgresql}"
