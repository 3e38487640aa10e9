#!/usr/bin/env bash
# Sourced by the scripts that run the upstream connector: `source bench/upstream-venv.sh <version>` sets VENV to a
# virtualenv holding openmetadata-ingestion==<version> from PyPI, created once in bench/.cache/venv-<version>
# (git-ignored; ~0.5 GB, ~1 min). UPSTREAM_PYTHON chooses the interpreter (default python3).
UPSTREAM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$UPSTREAM_ROOT/bench/.cache/venv-$1"
if [ ! -f "$VENV/.installed" ]; then
    echo "installing openmetadata-ingestion==$1 into $VENV (once) ..." >&2
    rm -rf "$VENV"
    mkdir -p "$UPSTREAM_ROOT/bench/.cache"
    "${UPSTREAM_PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --upgrade pip >&2
    # dbt-core >= 1.12 (pulled in through collate-data-diff) needs dbt-core-experimental-parser, whose sdist
    # downloads its wheel from GitHub at build time: not reachable here. 1.11.x has no such dependency.
    printf 'dbt-core<1.12\n' > "$VENV/constraints.txt"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -c "$VENV/constraints.txt" \
        "openmetadata-ingestion==$1" >&2
    "$VENV/bin/metadata" --version >&2
    touch "$VENV/.installed"
fi
