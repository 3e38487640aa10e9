#!/usr/bin/env bash
# The slices behind docs/benchmark.md's "what bought what" and memory sections (after bench/run.sh's full matrix).
set -euo pipefail
cd "$(dirname "$0")/.."
# entity names side by side with the upstream connector (both server modes)
RESULTS=bench/results/names.jsonl SPECS="petstore stripe github" MODES=V2_0,V1_6 LATENCIES=0 \
    UPSTREAM="petstore stripe github" UPSTREAM_LATENCIES=0 RERUN=false bench/run.sh
# upstream's field rules (schemaFields: upstream) against the default extended extraction
RESULTS=bench/results/upstream-fields.jsonl SCHEMA_FIELDS=upstream SPECS="stripe kubernetes github graph" MODES=V2_0 \
    LATENCIES=20 UPSTREAM="" RERUN=false bench/run.sh
# one call in flight instead of four
RESULTS=bench/results/parallelism-1.jsonl PARALLELISM=1 SPECS="kubernetes github" MODES=V2_0,V1_6 LATENCIES=20 \
    UPSTREAM="" RERUN=false bench/run.sh
# memory: bench/memory.sh
