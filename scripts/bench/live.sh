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
scripts/install-deps.sh --bench  # rclone, GNU time, the test servers' packages
n=${1:-100000}
runs=${2:-10}
dir=${R2S_BENCH_DIR:-/tmp/r2s-bench-live}
rate=${R2S_BENCH_RATE:-30}
s3port=${R2S_TEST_S3_PORT:-18333}
pgport=${R2S_TEST_PG_PORT:-18432}

command -v rclone >/dev/null || { echo "bench: needs rclone (apt-get install rclone)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

swift build -c release --product r2s >/dev/null
r2s=$(swift build -c release --show-bin-path)/r2s

scripts/servers.sh down "$dir" >/dev/null 2>&1 || true
rm -rf "$dir" && mkdir -p "$dir" && chmod 755 "$dir"
writer_pid=
cleanup() {
  [[ -n $writer_pid ]] && kill "$writer_pid" 2>/dev/null || true
  scripts/servers.sh down "$dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
R2S_TEST_S3_PORT=$s3port R2S_TEST_PG_PORT=$pgport scripts/servers.sh up "$dir" >/dev/null
# shellcheck disable=SC1091
source "$dir/env"
py=${R2S_BENCH_PYTHON:-$HOME/.cache/r2s-test-tools/venv/bin/python}
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" "$@"; }

export RCLONE_CONFIG="$dir/rclone.conf"
cat >"$RCLONE_CONFIG" <<CONF
[sw]
type = s3
provider = Other
access_key_id = $R2S_TEST_S3_ACCESS_KEY
secret_access_key = $R2S_TEST_S3_SECRET_KEY
endpoint = $R2S_TEST_S3_ENDPOINT
region = auto
force_path_style = true
CONF

base=https://cdn.bench.example
bucket=live$n
table=storage
drift=$((n / 100))
echo "N = $n rows over the PostgREST double, writer $rate writes/s, $runs runs each" >&2
src="$dir/src" && mkdir -p "$src"
python3 - "$src" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % 200))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%07d.txt" % i), "w") as f:
        f.write("x")
PY
env -u AWS_CA_BUNDLE rclone mkdir "sw:$bucket"
env -u AWS_CA_BUNDLE rclone copy --transfers 32 --checkers 32 "$src" "sw:$bucket" 2>/dev/null
rm -rf "$src"
psql_ <<SQL
DROP TABLE IF EXISTS $table;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE $table (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT NOT NULL, url TEXT NOT NULL,
  content_type TEXT, size INTEGER, tipo_referencia TEXT, referencia_id UUID,
  created_at TIMESTAMPTZ DEFAULT NOW(), updated_at TIMESTAMPTZ DEFAULT NOW(),
  created_by UUID, updated_by UUID, deleted_at TIMESTAMPTZ);
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
-- the sync lock table, as \`catalog init\` makes it
CREATE TABLE IF NOT EXISTS r2s_locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, acquired_at TIMESTAMPTZ NOT NULL DEFAULT now(), expires_at TIMESTAMPTZ NOT NULL);
-- 2,000 rows the writer owns from the start (so its deletes hit rows all over the id space)
INSERT INTO $table (nome, url, content_type, size)
  SELECT format('s%s.bin', i), format('$base/live/s%s.bin', i), 'application/octet-stream', i FROM generate_series(1, 2000) AS i;
SQL

export R2_ENDPOINT=$R2S_TEST_S3_ENDPOINT R2_ACCESS_KEY_ID=$R2S_TEST_S3_ACCESS_KEY
export R2_SECRET_ACCESS_KEY=$R2S_TEST_S3_SECRET_KEY R2_PUBLIC_URL=$base R2_BUCKET=$bucket
export SUPABASE_URL=$R2S_TEST_PGREST_URL SUPABASE_KEY=$R2S_TEST_PGREST_KEY
unset DATABASE_URL LANG LC_ALL

run() { # run LABEL ARGS… → prints "wall status", appends the wall time to $dir/LABEL.times when it succeeded
  local label=$1; shift
  local status=0
  /usr/bin/time -f "%e" -o "$dir/time" "$r2s" -c "$*" >"$dir/out" 2>"$dir/err" || status=$?
  local wall; wall=$(tail -1 "$dir/time")
  printf '  %-6s %6.2f s  exit %d\n' "$label" "$wall" "$status"
  ((status == 0)) && echo "$wall" >>"$dir/$label.times"
  ((status == 0)) || sed -n '1,3p' "$dir/err" | sed 's/^/         /'
  return 0
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

start_writer() {
  "$py" scripts/bench/live_writer.py "$R2S_TEST_PG_URL" "$table" "$base/live/" "$rate" >>"$dir/writer.out" 2>&1 &
  writer_pid=$!
  sleep 1 # connected and writing before the run starts
}
stop_writer() {
  kill "$writer_pid" && wait "$writer_pid" 2>/dev/null || true
  writer_pid=
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
q=$(median "$dir/quiet.times" 2>/dev/null || echo nan) l=$(median "$dir/live.times" 2>/dev/null || echo nan)
ok=$(wc -l <"$dir/live.times" 2>/dev/null || echo 0)
echo "median quiet ${q} s, median live ${l} s, ratio $(awk -v a="$l" -v b="$q" 'BEGIN {printf "%.2f", a / b}') (goal ≤ 1.2)"
echo "live runs succeeded: $ok/$runs (goal $runs/$runs)"
