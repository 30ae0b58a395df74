#!/usr/bin/env bash
# Benchmark of `sync` (issue 6), side by side with the listing floor (`rclone lsf -R`), on local
# servers only (SeaweedFS + PostgreSQL on 127.0.0.1). Not a test: prints numbers for the notes.
#
# Usage: scripts/bench/sync.sh [N…]          (default: 10000; e.g. `scripts/bench/sync.sh 10000 100000`)
#   R2S_BENCH_DIR   where servers and data go (default /tmp/r2s-bench-sync; wiped)
#   R2S_BENCH_DRIFT percent of drift each way (default 5)
#   R2S_TEST_S3_PORT / R2S_TEST_PG_PORT   ports (defaults 18333 / 18432)
#
# For each N: N objects in the bucket and N rows in `storage`, DRIFT % of objects without a row
# and DRIFT % of rows without an object. Measures, in one run:
#   rclone lsf -R (listing floor) · r2s sync with drift · r2s sync no-op · r2s check
# with wall time, peak RSS (/usr/bin/time) and catalog round trips (statements in the Postgres
# log with log_statement=all). Goals: no-op ≤ 1.5 × rclone listing; 5k adds + 5k removes in
# ≤ 30 catalog round trips; peak RSS ≤ 100 MB at 100k.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps rclone time
sizes=("$@"); ((${#sizes[@]})) || sizes=(10000)
dir=${R2S_BENCH_DIR:-/tmp/r2s-bench-sync}
drift=${R2S_BENCH_DRIFT:-5}

bench_build r2s
r2s=$bench_bin/r2s
bench_servers_up "$dir" "${R2S_TEST_S3_PORT:-18333}" "${R2S_TEST_PG_PORT:-18432}"
pglog="$dir/pg/server.log"
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" "$@"; }
psql_ -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
bench_rclone_remote "$dir/rclone.conf" sw "$R2S_TEST_S3_ENDPOINT"

base=https://cdn.bench.example
bench_profile "$R2S_TEST_S3_ENDPOINT" "$R2S_TEST_PG_URL" "$base"

# statements logged so far (each one is a catalog round trip)
statements() { grep -c -E 'LOG:  (statement|execute)' "$pglog" || true; }

measure() { # measure LABEL CMD… → "LABEL  wall s  peak MB  catalog statements  exit status"
  local label=$1; shift
  local before; before=$(statements)
  bench_time "$dir" "$@"
  sleep 1.2 # let the server log flush
  local after; after=$(statements)
  printf '  %-24s %7.2f s  %6.1f MB peak  %6d catalog statements  exit %d\n' "$label" "$bench_secs" \
    "$((bench_rss / 1024)).$(((bench_rss % 1024) * 10 / 1024))" "$((after - before))" "$bench_status"
}

for n in "${sizes[@]}"; do
  bucket=bench$n
  table=storage
  echo "N = $n (drift $drift % each way)"
  echo "  populating…" >&2
  src="$dir/src$n" && mkdir -p "$src"
  bench_files "$src" "$n" 200 1 txt
  "${RCLONE[@]}" mkdir "sw:$bucket"
  "${RCLONE[@]}" copy --transfers 32 --checkers 32 "$src" "sw:$bucket" 2>/dev/null
  psql_ <<SQL
$(bench_storage_table "$table" '1 day')
-- rows for every object but the first DRIFT %, plus DRIFT % rows whose object never existed
INSERT INTO $table (nome, url, content_type, size)
  SELECT format('f%s.txt', lpad(i::text, 7, '0')),
         format('$base/d%s/f%s.txt', lpad((i % 200)::text, 3, '0'), lpad(i::text, 7, '0')), 'text/plain', 1
  FROM generate_series($((n * drift / 100)), $((n - 1))) AS i;
INSERT INTO $table (nome, url, content_type, size)
  SELECT format('gone%s.txt', i), format('$base/gone/gone%s.txt', i), 'text/plain', 1
  FROM generate_series(1, $((n * drift / 100))) AS i;
$(bench_locks_table)
SQL
  export R2_BUCKET=$bucket
  measure "rclone lsf -R (floor)" "${RCLONE[@]}" lsf -R "sw:$bucket"
  measure "r2s check (drift)" "$r2s" -c "check --min-age 0s --json"
  measure "r2s sync (drift)" "$r2s" -c "sync --yes --min-age 0s --max-delete 100% --json"
  grep -o '"added":[0-9]*,"removed":[0-9]*' "$dir/out" | sed 's/^/    /' || true
  measure "r2s sync (no-op)" "$r2s" -c "sync --yes --min-age 0s --json"
  measure "rclone lsf -R (again)" "${RCLONE[@]}" lsf -R "sw:$bucket"
  rm -rf "$src"
done
