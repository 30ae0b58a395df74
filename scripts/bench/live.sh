#!/usr/bin/env bash
# Benchmark of sync over PostgREST on a live catalog (issue 13): N rows read through the
# PostgREST-subset double (1,000-row cap) while an "app" writes 30 times a second straight to
# PostgreSQL (scripts/bench/live_writer.py: inserts, updates, soft-deletes, hard-deletes of its
# own rows). Not a test: prints numbers for the notes.
#
# Usage: scripts/bench/live.sh [N] [RUNS]      (defaults 100000 and 10)
#   R2S_BENCH_DIR   where servers and data go (default /tmp/r2s-bench-live; wiped)
#   R2S_BENCH_RATE  writes a second during the live runs (default 30)
#   R2S_TEST_S3_PORT / R2S_TEST_PG_PORT   ports (defaults 18333 / 18432; PostgREST = PG + 1)
#
# N objects in the bucket and N rows (1 % drift each way), then RUNS timed `sync --dry-run`
# (both sides read completely, every key classified; nothing written) on the quiet catalog,
# alternating with RUNS while the writer runs. Prints each run's wall time and exit status, the medians, their
# ratio (goal ≤ 1.2) and the live runs that succeeded (goal RUNS/RUNS). Finally one real
# `sync --yes` under load soft-deletes the 1 % stale rows (the fresh uploads without rows are
# younger than --min-age) and touches none of the writer's rows.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps rclone time
n=${1:-100000}
runs=${2:-10}
dir=${R2S_BENCH_DIR:-/tmp/r2s-bench-live}
rate=${R2S_BENCH_RATE:-30}

bench_build r2s
r2s=$bench_bin/r2s
writer_pid=
stop_writer() {
  [[ -n $writer_pid ]] && kill "$writer_pid" && wait "$writer_pid" 2>/dev/null || true
  writer_pid=
}
bench_servers_up "$dir" "${R2S_TEST_S3_PORT:-18333}" "${R2S_TEST_PG_PORT:-18432}"
bench_at_exit stop_writer
py=${R2S_BENCH_PYTHON:-$HOME/.cache/r2s-test-tools/venv/bin/python}
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" "$@"; }
bench_rclone_remote "$dir/rclone.conf" sw "$R2S_TEST_S3_ENDPOINT"

base=https://cdn.bench.example
bucket=live$n
table=storage
drift=$((n / 100))
echo "N = $n rows over the PostgREST double, writer $rate writes/s, $runs runs each" >&2
src="$dir/src" && mkdir -p "$src"
bench_files "$src" "$n" 200 1 txt
"${RCLONE[@]}" mkdir "sw:$bucket"
"${RCLONE[@]}" copy --transfers 32 --checkers 32 "$src" "sw:$bucket" 2>/dev/null
rm -rf "$src"
psql_ <<SQL
$(bench_storage_table "$table" 0)
CREATE INDEX ${table}_url_idx ON $table (url text_pattern_ops);
-- rows a day old for every object but the first 1 %, plus 1 % rows whose object never existed
INSERT INTO $table (nome, url, content_type, size, created_at, updated_at)
  SELECT format('f%s.txt', lpad(i::text, 7, '0')),
         format('$base/d%s/f%s.txt', lpad((i % 200)::text, 3, '0'), lpad(i::text, 7, '0')), 'text/plain', 1,
         now() - interval '1 day', now() - interval '1 day'
  FROM generate_series($drift, $((n - 1))) AS i;
INSERT INTO $table (nome, url, content_type, size, created_at, updated_at)
  SELECT format('gone%s.txt', i), format('$base/gone/gone%s.txt', i), 'text/plain', 1, now() - interval '1 day', now() - interval '1 day'
  FROM generate_series(1, $drift) AS i;
$(bench_locks_table)
-- 2,000 rows the writer owns from the start (so its deletes hit rows all over the id space)
INSERT INTO $table (nome, url, content_type, size)
  SELECT format('s%s.bin', i), format('$base/live/s%s.bin', i), 'application/octet-stream', i FROM generate_series(1, 2000) AS i;
SQL

bench_profile "$R2S_TEST_S3_ENDPOINT" "" "$base"
export R2_BUCKET=$bucket SUPABASE_URL=$R2S_TEST_PGREST_URL SUPABASE_KEY=$R2S_TEST_PGREST_KEY
unset DATABASE_URL

run() { # run LABEL ARGS… → prints "wall status", appends the wall time to $dir/LABEL.times when it succeeded
  local label=$1; shift
  bench_time "$dir" "$r2s" -c "$*"
  printf '  %-6s %6.2f s  exit %d\n' "$label" "$bench_secs" "$bench_status"
  ((bench_status == 0)) && echo "$bench_secs" >>"$dir/$label.times"
  ((bench_status == 0)) || sed -n '1,3p' "$dir/err" | sed 's/^/         /'
  return 0
}

start_writer() {
  "$py" scripts/bench/live_writer.py "$R2S_TEST_PG_URL" "$table" "$base/live/" "$rate" >>"$dir/writer.out" 2>&1 &
  writer_pid=$!
  sleep 1 # connected and writing before the run starts
}

# Quiet and live runs alternate, so the load other processes put on the machine weighs on both.
plan="sync --dry-run --json"
echo "$plan, quiet catalog and with the writer ($rate writes/s straight to PostgreSQL), alternating"
for ((i = 1; i <= runs; i++)); do
  run quiet "$plan"
  start_writer
  run live "$plan"
  stop_writer
done
echo "one real sync under load: sync --yes --json (default --min-age 10m: the writer's rows are young)"
start_writer
run apply "sync --yes --json"
grep -o '"added":[0-9]*,"removed":[0-9]*,"restored":[0-9]*' "$dir/out" | sed 's/^/    /' || true
stop_writer
sed 's/^/  writer: /' "$dir/writer.out"
q=$(bench_median "$dir/quiet.times" 2>/dev/null || echo nan) l=$(bench_median "$dir/live.times" 2>/dev/null || echo nan)
ok=$(wc -l <"$dir/live.times" 2>/dev/null || echo 0)
echo "median quiet ${q} s, median live ${l} s, ratio $(awk -v a="$l" -v b="$q" 'BEGIN {printf "%.2f", a / b}') (goal ≤ 1.2)"
echo "live runs succeeded: $ok/$runs (goal $runs/$runs)"
