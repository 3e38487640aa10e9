#!/usr/bin/env python3
"""Collections and endpoints as the upstream REST connector builds them, from its own code (no server, no network).

    bench/.cache/venv-2.0.7.0/bin/python bench/upstream-entities.py <spec.json|spec.yaml> [service]
    bench/.cache/venv-2.0.7.0/bin/python bench/upstream-entities.py --batch <list.tsv> <out dir> [service]

(batch: one "<id>\t<path>" per line; writes <out dir>/<id>.upstream.jsonl for each, a {"error": ...} line when
upstream's parser or mapping fails; one process for all, since importing the package takes seconds)

Prints one JSON object per line, in upstream's order: {"collection": fqn} for each collection, and
{"endpoint": fqn, "requestSchema": ..., "responseSchema": ...} for each endpoint, the schemas serialised as upstream's
client sends them (unset and null members left out). The RestSource methods that derive collections, group
operations and read request and response fields run on the parsed document; the FQNs come from upstream's fqn helpers.
Used to check this project's names and `schemaFields: upstream` output against upstream's exactly.
"""
import json
import os
import signal
import time
import sys
import types

import yaml

from metadata.ingestion.source.api.rest.metadata import RestSource
from metadata.utils import fqn as fqn_utils
from metadata.utils.helpers import clean_uri


SECONDS_PER_SPEC = 120

def dump(schema):
    return None if schema is None else json.loads(schema.model_dump_json())


def entities(path, service):
    """Upstream's lines for one document, parsed as its file parser does (JSON first, then YAML)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        document = yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ValueError("not an object")
    source = RestSource.__new__(RestSource)
    source.json_response = document
    source.connection = document
    source.source_config = types.SimpleNamespace(apiCollectionFilterPattern=None, apiEndpointFilterPattern=None)
    source.status = types.SimpleNamespace(filter=lambda *a, **k: None, failed=lambda *a, **k: None)
    source._collections = None
    lines = []
    for collection in source._derive_collections():
        name = collection.name.root
        lines.append({"collection": fqn_utils._build(service, name)})
        for endpoint_path, methods in (source._filter_collection_endpoints(collection) or {}).items():
            for method, info in methods.items():
                lines.append({
                    "endpoint": fqn_utils._build(service, name, f"{clean_uri(endpoint_path)}/{method}"),
                    "requestSchema": dump(source._get_request_schema(info)),
                    "responseSchema": dump(source._get_response_schema(info)),
                })
    return lines


def main():
    if sys.argv[1] == "--batch":
        out = sys.argv[3]
        service = sys.argv[4] if len(sys.argv) > 4 else "svc"
        with open(sys.argv[2], encoding="utf-8") as specs:
            for line in specs:
                spec_id, path = line.rstrip("\n").split("\t", 1)
                target = f"{out}/{spec_id}.upstream.jsonl"
                # each spec in a forked child (the package is imported once): upstream's field reader has no limits,
                # and some schemas expand for longer than anyone waits, inside code no signal interrupts
                child = os.fork()
                if child == 0:
                    try:
                        lines = entities(path, service)
                    except Exception as error:  # noqa: BLE001  (recorded, the batch goes on)
                        lines = [{"error": f"{type(error).__name__}: {error}"[:500]}]
                    with open(target, "w", encoding="utf-8") as f:
                        for entity in lines:
                            f.write(json.dumps(entity) + "\n")
                    os._exit(0)
                deadline = time.monotonic() + SECONDS_PER_SPEC
                while os.waitpid(child, os.WNOHANG) == (0, 0):
                    if time.monotonic() > deadline:
                        os.kill(child, signal.SIGKILL)
                        os.waitpid(child, 0)
                        with open(target, "w", encoding="utf-8") as f:
                            f.write(json.dumps({"error": f"no result within {SECONDS_PER_SPEC} s"}) + "\n")
                        break
                    time.sleep(0.05)
        return
    for entity in entities(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "svc"):
        print(json.dumps(entity))


if __name__ == "__main__":
    main()
