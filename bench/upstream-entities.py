#!/usr/bin/env python3
"""Collections and endpoints as the upstream REST connector builds them, from its own code (no server, no network).

    bench/.cache/venv-2.0.7.0/bin/python bench/upstream-entities.py <spec.json|spec.yaml> [service]

Prints one JSON object per line, in upstream's order: {"collection": fqn} for each collection, and
{"endpoint": fqn, "requestSchema": ..., "responseSchema": ...} for each endpoint, the schemas serialised as upstream's
client sends them (unset and null members left out). The RestSource methods that derive collections, group
operations and read request and response fields run on the parsed document; the FQNs come from upstream's fqn helpers.
Used to check this project's names and `schemaFields: upstream` output against upstream's exactly.
"""
import json
import sys
import types

import yaml

from metadata.ingestion.source.api.rest.metadata import RestSource
from metadata.utils import fqn as fqn_utils
from metadata.utils.helpers import clean_uri


def dump(schema):
    return None if schema is None else json.loads(schema.model_dump_json())


def main():
    path = sys.argv[1]
    service = sys.argv[2] if len(sys.argv) > 2 else "svc"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    document = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)

    source = RestSource.__new__(RestSource)
    source.json_response = document
    source.connection = document
    source.source_config = types.SimpleNamespace(apiCollectionFilterPattern=None, apiEndpointFilterPattern=None)
    source.status = types.SimpleNamespace(filter=lambda *a, **k: None, failed=lambda *a, **k: None)
    source._collections = None
    for collection in source._derive_collections():
        name = collection.name.root
        print(json.dumps({"collection": fqn_utils._build(service, name)}))
        for endpoint_path, methods in (source._filter_collection_endpoints(collection) or {}).items():
            for method, info in methods.items():
                print(json.dumps({
                    "endpoint": fqn_utils._build(service, name, f"{clean_uri(endpoint_path)}/{method}"),
                    "requestSchema": dump(source._get_request_schema(info)),
                    "responseSchema": dump(source._get_response_schema(info)),
                }))


if __name__ == "__main__":
    main()
