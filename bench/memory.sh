#!/usr/bin/env bash
# Memory: the smallest heap the largest specs ingest in, and the large specs again at 20 ms after a change.
set -euo pipefail
cd "$(dirname "$0")/.."
for heap in 512m 384m 256m; do
    RESULTS=bench/results/heap-$heap.jsonl HEAPS="graph-beta=$heap,github=128m,github-deref=$heap" \
        SPECS="graph-beta github-deref github" MODES=V2_0 LATENCIES=0 UPSTREAM="" RERUN=false bench/run.sh || true
done
RESULTS=bench/results/large-after-sharing.jsonl SPECS="graph graph-beta" MODES=V2_0 LATENCIES=20 UPSTREAM="" \
    bench/run.sh
