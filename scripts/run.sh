#!/usr/bin/env bash
# Builds r2s (release) and starts it. With nothing configured it runs on the embedded default
# profile `local` (a folder as the bucket, SQLite as the catalog, under ~/.local/share/r2s).
# Arguments go to r2s: scripts/run.sh -c 'help'
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
swift build -c release --product r2s >&2
exec .build/release/r2s "$@"
