#!/usr/bin/env bash
# Corpus check of the field extraction (not part of `./mvnw verify`).
#
# Fetches three npm packages of real OpenAPI documents into .corpus-cache/ (ignored by git), unpacks them, parses and
# maps every spec in both field modes, validates every create request against ../shared/openmetadata-schemas, and
# writes docs/corpus-report.md. Exits non-zero on a crash, a time-out or a schema-invalid request.
#
#   corpus/run.sh [per-spec seconds, default 300] [max spec MB, default 80]
#
# Needs npm, JDK 17 and ../shared/openmetadata-schemas. Takes about 15-25 minutes on 2 cores; uses up to 6 GB of heap
# (the largest specs are 47-78 MB of JSON).
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=.corpus-cache
corpus/fetch.sh

MAVEN_OPTS="${MAVEN_OPTS:--Xmx6g}" ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.omrest.map.CorpusCheck \
  -Dexec.args="$CACHE docs/corpus-report.md ${1:-300} ${2:-80}"
