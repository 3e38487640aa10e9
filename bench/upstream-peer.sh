#!/usr/bin/env bash
# Runs the UPSTREAM OpenMetadata REST connector (PyPI openmetadata-ingestion, `metadata ingest -c`) on one
# of our JSON payloads, for side-by-side benchmarks against this project's connector.
#
#   bench/upstream-peer.sh <openmetadata-ingestion version> <payload.json>
#   e.g. bench/upstream-peer.sh 2.0.1.0 /tmp/petstore.json      (against an emulator in V2_0 mode)
#        bench/upstream-peer.sh 1.6.9.0 /tmp/petstore.json      (against an emulator in V1_6 mode)
#
# The client refuses a server whose major.minor differs from its own, so pick the version that matches the
# server (emulator V2_0 reports 2.0.1, V1_6 reports 1.6.9).
#
# - The venv is created once per version in bench/.cache/venv-<version> (git-ignored; ~0.5 GB, ~1 min).
# - The payload (upstream workflow-config shape) is converted to YAML. The spec source is adapted to the
#   RestConnection shape of the installed client:
#     * clients with `openAPISchemaConnection` (2.x): {openAPISchemaURL: http(s) URL} or
#       {openAPISchemaFilePath: local .json/.yaml file}; a legacy top-level openAPISchemaURL is moved there.
#     * clients with a top-level `openAPISchemaURL` (1.6): only an http(s) URL whose body is JSON works
#       (requests.get + response.json()). A payload with openAPISchemaFilePath is served for this run from a
#       temporary loopback HTTP server (python3 -m http.server), converted to JSON first.
#   file:// URLs work with neither (requests has no file adapter).
# - `metadata ingest` output goes to stderr (or to $UPSTREAM_LOG if set). The last stdout line is
#     UPSTREAM version=<v> exit=<code> wall_ms=<ms> workflow_ms=<ms|NA>
#   wall_ms = the whole `metadata ingest` process (Python start-up and imports included, several seconds);
#   workflow_ms = the client's own "Workflow finished in time" (from workflow creation to the end).
# - Exits with the exit code of `metadata ingest` (or 2 on usage/setup errors).
# Environment: UPSTREAM_PYTHON (interpreter for the venv, default python3), UPSTREAM_LOG (log file).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <openmetadata-ingestion version, e.g. 2.0.1.0 or 1.6.9.0> <payload.json>" >&2
    exit 2
fi
VERSION="$1"
PAYLOAD="$2"
if [ ! -f "$PAYLOAD" ]; then
    echo "no such payload: $PAYLOAD" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# --- the venv (cached) ------------------------------------------------------------------------------------
# shellcheck source=bench/upstream-venv.sh
source "$ROOT/bench/upstream-venv.sh" "$VERSION"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/upstream-peer.XXXXXX")"
SPEC_PID=""
cleanup() {
    if [ -n "$SPEC_PID" ]; then kill "$SPEC_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- payload -> YAML, adapted to the installed client's RestConnection -------------------------------------
PYTHONWARNINGS=ignore "$VENV/bin/python" - "$PAYLOAD" "$WORK" <<'PY' || { echo "upstream-peer: cannot convert $PAYLOAD" >&2; exit 2; }
import json, os, sys
import yaml
from metadata.generated.schema.entity.services.connections.api.restConnection import RestConnection

payload_path, work = sys.argv[1], sys.argv[2]
with open(payload_path) as f:
    payload = json.load(f)
config = payload.get("source", {}).get("serviceConnection", {}).get("config", {})
modern = "openAPISchemaConnection" in RestConnection.model_fields
schema_conn = config.get("openAPISchemaConnection")
serve = None
if modern:
    if "openAPISchemaURL" in config and schema_conn is None:
        config["openAPISchemaConnection"] = {"openAPISchemaURL": config.pop("openAPISchemaURL")}
else:
    if schema_conn is not None:
        config.pop("openAPISchemaConnection")
        if "openAPISchemaURL" in schema_conn:
            config["openAPISchemaURL"] = schema_conn["openAPISchemaURL"]
        elif "openAPISchemaFilePath" in schema_conn:
            # this client only GETs an http(s) URL and reads it as JSON: serve a JSON copy on loopback
            path = schema_conn["openAPISchemaFilePath"]
            with open(path) as f:
                document = yaml.safe_load(f)  # JSON is YAML
            os.makedirs(os.path.join(work, "spec"))
            with open(os.path.join(work, "spec", "openapi.json"), "w") as f:
                json.dump(document, f)
            serve = "openapi.json"
            config["openAPISchemaURL"] = "http://127.0.0.1:__SPEC_PORT__/openapi.json"
        else:
            sys.exit(f"upstream-peer: this client supports only openAPISchemaURL, not {sorted(schema_conn)}")
with open(os.path.join(work, "config.yaml"), "w") as f:
    yaml.safe_dump(payload, f, sort_keys=False)
if serve:
    open(os.path.join(work, "serve"), "w").close()
PY

if [ -f "$WORK/serve" ]; then
    SPEC_PORT="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    (cd "$WORK/spec" && exec "$PYTHON" -m http.server "$SPEC_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
    SPEC_PID=$!
    sed -i "s/__SPEC_PORT__/$SPEC_PORT/" "$WORK/config.yaml"
    for _ in $(seq 1 50); do
        if "$PYTHON" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$SPEC_PORT/openapi.json')" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
fi

# --- run ---------------------------------------------------------------------------------------------------
LOG="${UPSTREAM_LOG:-$WORK/ingest.log}"
START_NS=$(date +%s%N)
set +e
if [ -n "${UPSTREAM_LOG:-}" ]; then
    "$VENV/bin/metadata" ingest -c "$WORK/config.yaml" >"$LOG" 2>&1
    CODE=$?
else
    "$VENV/bin/metadata" ingest -c "$WORK/config.yaml" 2>&1 | tee "$LOG" >&2
    CODE=${PIPESTATUS[0]}
fi
set -e
END_NS=$(date +%s%N)
WALL_MS=$(( (END_NS - START_NS) / 1000000 ))

# "Workflow finished in time: 1s 050.606ms" (2.x) or "... time: 0.21s" (1.6)
WORKFLOW_MS="$("$PYTHON" - "$LOG" <<'PY'
import re, sys
text = re.sub(r"\x1b\[[0-9;]*m", "", open(sys.argv[1], errors="replace").read())
found = re.findall(r"Workflow finished in time: ([^\n]*)", text)
if not found:
    print("NA"); sys.exit()
units = {"day(s)": 86400000, "h": 3600000, "m": 60000, "s": 1000, "ms": 1}
total = 0.0
for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*(day\(s\)|ms|h|m|s)(?![a-z])", found[-1]):
    total += float(number) * units[unit]
print(round(total))
PY
)"

echo "UPSTREAM version=$VERSION exit=$CODE wall_ms=$WALL_MS workflow_ms=$WORKFLOW_MS"
exit "$CODE"
