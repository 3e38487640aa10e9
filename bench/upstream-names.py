#!/usr/bin/env python3
"""Entity names as the upstream REST connector derives them, straight from its own code (no server, no network).

    bench/.cache/venv-2.0.7.0/bin/python bench/upstream-names.py <spec.json|spec.yaml> [service]

Prints one line per collection (`collection <fqn>`) and per endpoint (`endpoint <fqn>`), in upstream's order: the
RestSource methods that derive collections and group operations (`_derive_collections`, `_filter_collection_endpoints`,
`_prepare_endpoint_data`) run on the parsed document, with FQNs built by upstream's `fqn` helpers. Used to check this
project's grouping against upstream's (the parity harness compares whole runs).
"""
import json
import sys
import types

import yaml

from metadata.ingestion.source.api.rest.metadata import RestSource
from metadata.utils import fqn as fqn_utils
from metadata.utils.filters import filter_by_collection  # noqa: F401  (imported by RestSource)


def main():
    path = sys.argv[1]
    service = sys.argv[2] if len(sys.argv) > 2 else "svc"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    document = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)

    source = RestSource.__new__(RestSource)
    source.json_response = document
    source.source_config = types.SimpleNamespace(apiCollectionFilterPattern=None, apiEndpointFilterPattern=None)
    source.status = types.SimpleNamespace(filter=lambda *a, **k: None, failed=lambda *a, **k: None)
    source._collections = None
    source.connection = document
    for collection in source._derive_collections():
        name = collection.name.root
        collection_fqn = fqn_utils._build(service, name)
        print("collection", collection_fqn)
        for endpoint_path, methods in (source._filter_collection_endpoints(collection) or {}).items():
            for method, info in methods.items():
                clean = endpoint_path.rstrip("/") if endpoint_path.endswith("/") and len(endpoint_path) > 1 else endpoint_path
                try:
                    from metadata.utils.helpers import clean_uri
                    clean = clean_uri(endpoint_path)
                except Exception:  # noqa: BLE001
                    pass
                print("endpoint", fqn_utils._build(service, name, f"{clean}/{method}"))


if __name__ == "__main__":
    main()
