#!/usr/bin/env bash
# Upstream parity harness (not part of the tests): compares this project's entities with upstream
# openmetadata-ingestion 2.0.7.0's, for every spec of src/test/resources, the examples, and a sample of the corpus
# (fixed seed), and writes docs/upstream-parity.md.
#
#   bench/parity.sh [--quick] [corpus sample size, default 300] [seed, default 16] [largest corpus spec in MB, default 4]
#
# End to end (the default): for each spec one workflow config (the spec as openAPISchemaFilePath, a docURL so that
# entity URLs are derived) goes to upstream's `metadata ingest` (bench/upstream-ingest-worker.py: the CLI itself, in a
# child forked per run after one import of the package) and to the packaged function (as Lambda runs it, through
# AWS's runtime interface client) in both field modes, each into an emptied emulator in its 2.0 mode
# (dev.omrest.bench.ParityEndToEnd). What the server then holds is compared by dev.omrest.map.ParityCheck: entity
# names, FQNs and membership, stored attributes (displayName, description, endpointURL, requestMethod), upstream-mode
# schemas exactly, extended-mode fields as a superset; each difference documented (with its compatibility row) or not.
#
# --quick: no server and no function, upstream's RestSource methods (bench/upstream-entities.py) against this
# project's mapper in process; into bench/.cache/parity/quick.md (a fast check while working on the mapper).
#
# Needs python3, npm (the corpus), JDK 17 and network access to PyPI, npm and Maven Central. End to end about
# 15 minutes on 2 cores (the package build included); --quick about 5.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=false
if [ "${1:-}" = "--quick" ]; then QUICK=true; shift; fi
SAMPLE="${1:-300}"
SEED="${2:-16}"
MAX_MB="${3:-4}"
OUT=bench/.cache/parity

# shellcheck source=bench/upstream-venv.sh
source bench/upstream-venv.sh 2.0.7.0
corpus/fetch.sh
rm -rf "$OUT"
mkdir -p "$OUT/upstream" "$OUT/stored"

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

if [ "$QUICK" = true ]; then
    PYTHONWARNINGS=ignore "$VENV/bin/python" bench/upstream-entities.py --batch "$OUT/list.tsv" "$OUT/upstream" 2> "$OUT/upstream.log"
    MAVEN_OPTS="${MAVEN_OPTS:--Xmx4g}" ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test \
      -Dexec.mainClass=dev.omrest.map.ParityCheck \
      -Dexec.args="$OUT/list.tsv $OUT/upstream $OUT/quick.md" | tail -5
    echo "$OUT/quick.md written" >&2
    exit 0
fi

# the function as Lambda runs it, and AWS's runtime interface client (as bench/run.sh)
CACHE="$(pwd)/bench/.cache"
./mvnw -B -q package -DskipTests
rm -rf "$CACHE/function" && mkdir -p "$CACHE/function" && (cd "$CACHE/function" && unzip -q ../../../target/function.zip)
for artifact in com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1 com.amazonaws:aws-lambda-java-serialization:1.4.1; do
    ./mvnw -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$CACHE/ric" -Dmdep.overWriteIfNewer=true
done
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$CACHE/test-classpath.txt" -Dmdep.includeScope=test
CLASSPATH_TEST="target/test-classes:target/classes:$(cat "$CACHE/test-classpath.txt")"

java -Xmx4g -Dsun.net.httpserver.nodelay=true -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$CLASSPATH_TEST" dev.omrest.bench.ParityEndToEnd "$OUT/list.tsv" "$OUT/stored" "$CACHE/function" "$CACHE/ric/*" \
    "$VENV/bin/python" > "$OUT/runs.log"
java -Xmx4g -cp "$CLASSPATH_TEST" dev.omrest.map.ParityCheck --end-to-end "$OUT/list.tsv" "$OUT/stored" \
    docs/upstream-parity.md | tail -5
echo "docs/upstream-parity.md written" >&2
