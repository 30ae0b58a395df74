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
scripts/install-deps.sh --bench  # rclone, hyperfine, GNU time, the test servers' packages
sizes=("$@"); ((${#sizes[@]})) || sizes=(10000)
dir=${R2S_BENCH_DIR:-/tmp/r2s-bench-sync}
drift=${R2S_BENCH_DRIFT:-5}
s3port=${R2S_TEST_S3_PORT:-18333}
pgport=${R2S_TEST_PG_PORT:-18432}

command -v rclone >/dev/null || { echo "bench: needs rclone (apt-get install rclone)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

swift build -c release --product r2s >/dev/null
r2s=$(swift build -c release --show-bin-path)/r2s

scripts/servers.sh down "$dir" >/dev/null 2>&1 || true
rm -rf "$dir" && mkdir -p "$dir" && chmod 755 "$dir"
trap 'scripts/servers.sh down "$dir" >/dev/null 2>&1 || true' EXIT
R2S_TEST_S3_PORT=$s3port R2S_TEST_PG_PORT=$pgport scripts/servers.sh up "$dir" >/dev/null
# shellcheck disable=SC1091
source "$dir/env"
pglog="$dir/pg/server.log"
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" "$@"; }
psql_ -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null

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
rclone_() { env -u AWS_CA_BUNDLE rclone "$@"; }

base=https://cdn.bench.example
export R2_ENDPOINT=$R2S_TEST_S3_ENDPOINT R2_ACCESS_KEY_ID=$R2S_TEST_S3_ACCESS_KEY
export R2_SECRET_ACCESS_KEY=$R2S_TEST_S3_SECRET_KEY R2_PUBLIC_URL=$base DATABASE_URL=$R2S_TEST_PG_URL
unset LANG LC_ALL

# statements logged so far (each one is a catalog round trip)
statements() { grep -c -E 'LOG:  (statement|execute)' "$pglog" || true; }

measure() { # measure LABEL CMD… → "LABEL  wall s  peak MB  catalog statements  exit status"
  local label=$1; shift
  local before; before=$(statements)
  local status=0
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >"$dir/out" 2>"$dir/err" || status=$?
  sleep 1.2 # let the server log flush
  local after; after=$(statements)
  # time(1) prepends "Command exited with non-zero status N" when the command fails.
  read -r wall rss < <(tail -1 "$dir/time")
  printf '  %-24s %7.2f s  %6.1f MB peak  %6d catalog statements  exit %d\n' \
    "$label" "$wall" "$((rss / 1024)).$(((rss % 1024) * 10 / 1024))" "$((after - before))" "$status"
}

for n in "${sizes[@]}"; do
  bucket=bench$n
  table=storage
  echo "N = $n (drift $drift % each way)"
  echo "  populating…" >&2
  src="$dir/src$n" && mkdir -p "$src"
  python3 - "$src" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % 200))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%07d.txt" % i), "w") as f:
        f.write("x")
PY
  rclone_ mkdir "sw:$bucket"
  rclone_ copy --transfers 32 --checkers 32 "$src" "sw:$bucket" 2>/dev/null
  psql_ <<SQL
DROP TABLE IF EXISTS $table;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE $table (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT NOT NULL, url TEXT NOT NULL,
  content_type TEXT, size INTEGER, tipo_referencia TEXT, referencia_id UUID,
  created_at TIMESTAMPTZ DEFAULT NOW() - interval '1 day', updated_at TIMESTAMPTZ DEFAULT NOW() - interval '1 day',
  created_by UUID, updated_by UUID, deleted_at TIMESTAMPTZ);
-- rows for every object but the first DRIFT %, plus DRIFT % rows whose object never existed
INSERT INTO $table (nome, url, content_type, size)
  SELECT format('f%s.txt', lpad(i::text, 7, '0')),
         format('$base/d%s/f%s.txt', lpad((i % 200)::text, 3, '0'), lpad(i::text, 7, '0')), 'text/plain', 1
  FROM generate_series($((n * drift / 100)), $((n - 1))) AS i;
INSERT INTO $table (nome, url, content_type, size)
  SELECT format('gone%s.txt', i), format('$base/gone/gone%s.txt', i), 'text/plain', 1
  FROM generate_series(1, $((n * drift / 100))) AS i;
SQL
  export R2_BUCKET=$bucket
  measure "rclone lsf -R (floor)" env -u AWS_CA_BUNDLE rclone lsf -R "sw:$bucket"
  measure "r2s check (drift)" "$r2s" -c "check --min-age 0s --json"
  measure "r2s sync (drift)" "$r2s" -c "sync --yes --min-age 0s --max-delete 100% --json"
  grep -o '"added":[0-9]*,"removed":[0-9]*' "$dir/out" | sed 's/^/    /' || true
  measure "r2s sync (no-op)" "$r2s" -c "sync --yes --min-age 0s --json"
  measure "rclone lsf -R (again)" env -u AWS_CA_BUNDLE rclone lsf -R "sw:$bucket"
  rm -rf "$src"
done
