#!/usr/bin/env bash
# Catalog benchmarks (bounded, loopback only; not a test), for each store — SQLite file,
# Postgres direct (libpq) and PostgREST (the subset test double over the same Postgres):
#   1. stream 100,000 active records through records(_:)   → time and peak RSS of the process
#   2. insert 10,000 rows with one insert(_:)              → time and round trips
# Needs the test servers: `scripts/servers.sh up DIR; source DIR/env` (R2S_TEST_PG_URL,
# R2S_TEST_PGREST_URL, R2S_TEST_PGREST_KEY). Builds release first. ROWS=N overrides 100,000.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps.sh --bench  # rclone, hyperfine, GNU time, the test servers' packages
: "${R2S_TEST_PG_URL:?source the env written by scripts/servers.sh up DIR}"
rows=${ROWS:-100000}
swift build -c release --product catalog-bench >&2
bench=$PWD/.build/release/catalog-bench
work=$(mktemp -d /tmp/r2s-catbench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export BENCH_TABLE=bench_storage_$$

stores=("sqlite:$work/catalog.sqlite" "postgres:$R2S_TEST_PG_URL")
[[ -n "${R2S_TEST_PGREST_URL:-}" ]] && stores+=("postgrest:$R2S_TEST_PGREST_URL|$R2S_TEST_PGREST_KEY|$R2S_TEST_PG_URL")

for store in "${stores[@]}"; do
    name=${store%%:*}
    "$bench" "$store" setup "$rows" >/dev/null
    # %M: peak resident set size in KB of the streaming process alone.
    out=$(/usr/bin/time -f "rss_kb=%M" "$bench" "$store" stream 2>&1)
    stream=$(grep '^stream:' <<<"$out")
    rss=$(grep -o 'rss_kb=[0-9]*' <<<"$out" | cut -d= -f2)
    insert=$("$bench" "$store" insert 10000)
    printf '%-9s %s, peak RSS %d MB | %s\n' "$name" "$stream" $((rss / 1024)) "$insert"
done

"$bench" "postgres:$R2S_TEST_PG_URL" drop >/dev/null
