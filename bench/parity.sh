#!/usr/bin/env bash
# Upstream parity harness (not part of the tests): compares this project's entities with the ones upstream
# openmetadata-ingestion 2.0.7.0's own code gives, for every spec of src/test/resources, the examples, and a sample of
# the corpus (fixed seed), and writes docs/upstream-parity.md.
#
#   bench/parity.sh [corpus sample size, default 300] [seed, default 16] [largest corpus spec in MB, default 4]
#
# - Upstream's side: bench/upstream-entities.py runs the connector's own RestSource methods on each document (the
#   collection derivation, the per-operation grouping, the request and response field readers, the FQN helpers), in one
#   Python process, into bench/.cache/parity/upstream/<id>.upstream.jsonl. No server is involved: the sink writes
#   what the source yields, so names, membership and fields are decided there.
# - This project's side: dev.omrest.map.ParityCheck parses and maps each spec in both field modes and compares (see its
#   header for what counts as equal and as documented).
# Needs python3, npm (the corpus), JDK 17 and network access to PyPI and npm. About 5-10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLE="${1:-300}"
SEED="${2:-16}"
MAX_MB="${3:-4}"
OUT=bench/.cache/parity

# shellcheck source=bench/upstream-venv.sh
source bench/upstream-venv.sh 2.0.7.0
corpus/fetch.sh
rm -rf "$OUT"
mkdir -p "$OUT/upstream"

python3 - "$SAMPLE" "$SEED" "$MAX_MB" "$OUT/list.tsv" <<'PY'
import json, pathlib, random, re, sys

sample, seed, max_mb, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
OPENAPI = re.compile(rb'(^|[{,])\s*["\']?(openapi|swagger)["\']?\s*:', re.MULTILINE)

def is_spec(path, limit=None):
    if path.suffix.lower() not in (".json", ".yaml", ".yml") or path.name.endswith(".upstream.jsonl"):
        return False
    if limit is not None and path.stat().st_size > limit:
        return False
    head = path.read_bytes()[:4096]
    return OPENAPI.search(head) is not None

def ident(prefix, path, root):
    return prefix + "-" + re.sub(r"[^A-Za-z0-9._-]", "_", str(path.relative_to(root)))[:150]

rows = []
for root, prefix in ((pathlib.Path("src/test/resources"), "tests"), (pathlib.Path("examples"), "examples")):
    rows += [(ident(prefix, p, root), p) for p in sorted(root.rglob("*")) if p.is_file() and is_spec(p)]
corpus = pathlib.Path(".corpus-cache")
candidates = sorted(p for p in corpus.rglob("*") if p.is_file() and is_spec(p, max_mb * 1024 * 1024))
chosen = random.Random(seed).sample(candidates, min(sample, len(candidates)))
rows += [(ident("corpus", p, corpus), p) for p in sorted(chosen)]
with open(out, "w") as f:
    for spec_id, path in rows:
        f.write(f"{spec_id}\t{path.resolve()}\n")
print(f"{len(rows)} specs ({len(chosen)} from the corpus, seed {seed})", file=sys.stderr)
PY

PYTHONWARNINGS=ignore "$VENV/bin/python" bench/upstream-entities.py --batch "$OUT/list.tsv" "$OUT/upstream" 2> "$OUT/upstream.log"
MAVEN_OPTS="${MAVEN_OPTS:--Xmx4g}" ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.omrest.map.ParityCheck \
  -Dexec.args="$OUT/list.tsv $OUT/upstream docs/upstream-parity.md" | tail -5
echo "docs/upstream-parity.md written" >&2
