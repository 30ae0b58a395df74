# Shared preamble of the benchmarks in scripts/bench/ — sourced, not run, by each script right
# after it has changed to the repository root:
#     cd "$(dirname "$0")/../.." && source scripts/bench/lib.sh
# It says once what every benchmark does before it measures: installs the bench tools, builds
# the release binaries, starts private servers on 127.0.0.1 and stops them on exit, gives r2s
# and rclone the servers' credentials, makes test files and the app's `storage` table, and runs
# a command under GNU time. Nothing here prints a measurement: each script formats its own lines.
# shellcheck shell=bash

# scripts/servers.sh's test identities (it writes them into DIR/env after `up`; the scripts that
# start single servers need them without that file).
BENCH_AK=r2stestaccesskey
BENCH_SK=r2stestsecretkey0123456789
BENCH_PW=r2stestpw

# rclone 1.60 rejects every S3 remote while AWS_CA_BUNDLE is set (notes/test-servers.md). An
# array, not a function, so /usr/bin/time can run it; the remotes are in $RCLONE_CONFIG.
RCLONE=(env -u AWS_CA_BUNDLE rclone)

# bench_deps [rclone] [time]: installs the bench packages (rclone, hyperfine, GNU time, the test
# servers' packages) and stops with a hint when a tool the script needs is still missing.
bench_deps() {
  scripts/install-deps.sh --bench >/dev/null
  local tool
  for tool; do
    case $tool in
      rclone) command -v rclone >/dev/null || { echo "bench: needs rclone (apt-get install -y rclone)" >&2; exit 2; } ;;
      time) [[ -x /usr/bin/time ]] || { echo "bench: needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; } ;;
    esac
  done
}

# bench_build PRODUCT…: builds the products; bench_bin is their folder. Release unless
# R2S_BENCH_BUILD=debug, which reuses the test build for a quick check that a script still runs
# (its numbers say nothing about speed).
bench_build() {
  local config=${R2S_BENCH_BUILD:-release} product
  for product; do swift build -c "$config" --product "$product" >/dev/null; done
  bench_bin=$(swift build -c "$config" --show-bin-path)
}

# bench_at_exit CMD ARG…: runs CMD when the script ends, however it ends; the last registered
# runs first, so what started last stops first. A function name defers reading its variables.
bench_exit_cmds=()
bench_at_exit() { bench_exit_cmds+=("$(printf '%q ' "$@")"); }
bench_run_exit_cmds() {
  local i
  for ((i = ${#bench_exit_cmds[@]} - 1; i >= 0; i--)); do eval "${bench_exit_cmds[i]}" >/dev/null 2>&1 || true; done
}
trap bench_run_exit_cmds EXIT

# bench_fresh_dir DIR: DIR empty, world-readable (PostgreSQL runs as postgres), servers from an
# earlier run in it stopped first (a stale one would hold its port), and stopped again on exit.
# servers.sh keeps each server in DIR/<name>, so `down DIR` stops single starts and `up` alike.
bench_fresh_dir() {
  scripts/servers.sh down "$1" >/dev/null 2>&1 || true
  rm -rf "$1" && mkdir -p "$1" && chmod 755 "$1"
  bench_at_exit scripts/servers.sh down "$1"
}

# bench_servers_up DIR S3_PORT PG_PORT: the whole test set (scripts/servers.sh up) in a fresh DIR;
# exports the R2S_TEST_* variables it writes (PostgREST listens on PG_PORT + 1).
bench_servers_up() {
  bench_fresh_dir "$1"
  R2S_TEST_S3_PORT=$2 R2S_TEST_PG_PORT=$3 scripts/servers.sh up "$1" >/dev/null
  # shellcheck disable=SC1091
  source "$1/env"
}

# bench_private_servers DIR S3_PORT PG_PORT: only SeaweedFS and PostgreSQL, in a fresh DIR, and
# r2s's profile pointed at them (bucket `bench`, config folders under DIR); sets bench_s3_endpoint
# and bench_pg_url, and PSQL (an array) for psql as the superuser.
# BENCH_S3=seaweed|moto picks the S3 server (default seaweed); moto refuses CreateBucket signed for
# R2's `auto` region, so with moto the profile and rclone use us-east-1.
bench_private_servers() {
  bench_fresh_dir "$1"
  case ${BENCH_S3:-seaweed} in
    seaweed) bench_region=auto ;;
    moto) bench_region=us-east-1 ;;
    *) echo "bench: BENCH_S3 must be seaweed or moto" >&2; exit 2 ;;
  esac
  scripts/servers.sh "${BENCH_S3:-seaweed}-start" "$1/${BENCH_S3:-seaweed}" "$2"
  scripts/servers.sh postgres-start "$1/pg" "$3"
  bench_s3_endpoint=http://127.0.0.1:$2
  bench_pg_url=postgres://postgres:$BENCH_PW@127.0.0.1:$3/postgres
  PSQL=(/usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1 "$bench_pg_url")
  bench_profile "$bench_s3_endpoint" "$bench_pg_url" https://files.bench.example
  export R2_BUCKET=bench R2_REGION=$bench_region
  bench_private_config "$1"
}

# bench_profile S3_ENDPOINT PG_URL PUBLIC_URL: r2s's profile as a web app's .env gives it (the
# servers' test identity), with the language reset so every run prints the same English texts.
bench_profile() {
  export R2_ENDPOINT=$1 R2_ACCESS_KEY_ID=$BENCH_AK R2_SECRET_ACCESS_KEY=$BENCH_SK
  export DATABASE_URL=$2 R2_PUBLIC_URL=$3
  unset LANG LC_ALL
}

# bench_private_config DIR: r2s's config, state and data folders under DIR, so no file of the
# user's (a profile, a trash setting, a plugin) changes what is measured.
bench_private_config() {
  export XDG_CONFIG_HOME=$1/xdg/config XDG_STATE_HOME=$1/xdg/state XDG_DATA_HOME=$1/xdg/data
}

# bench_rclone_remote FILE NAME ENDPOINT [PROVIDER]: appends an S3 remote with the servers' test
# identity to FILE and makes FILE rclone's config.
bench_rclone_remote() {
  cat >>"$1" <<CONF
[$2]
type = s3
provider = ${4:-Other}
access_key_id = $BENCH_AK
secret_access_key = $BENCH_SK
endpoint = $3
region = ${bench_region:-auto}
force_path_style = true

CONF
  export RCLONE_CONFIG=$1
}

# bench_files ROOT N FOLDERS SIZE EXT: N files of SIZE random bytes spread over FOLDERS folders,
# ROOT/d000/f0000000.EXT … (file i in folder i % FOLDERS), for uploads and synced buckets.
bench_files() {
  python3 - "$@" <<'PY'
import os, sys
root, n, folders, size, ext = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % folders))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%07d.%s" % (i, ext)), "wb") as f:
        f.write(os.urandom(size))
PY
}

# bench_storage_table TABLE AGE: SQL that recreates the web app's `storage` table, new rows dated
# AGE ago by default (e.g. '1 day': older than sync's --min-age; '0': as young as the app's own).
bench_storage_table() {
  cat <<SQL
DROP TABLE IF EXISTS $1;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE $1 (id UUID PRIMARY KEY DEFAULT uuid_generate_v4(), nome TEXT NOT NULL, url TEXT NOT NULL,
  content_type TEXT, size INTEGER, tipo_referencia TEXT, referencia_id UUID,
  created_at TIMESTAMPTZ DEFAULT NOW() - interval '$2', updated_at TIMESTAMPTZ DEFAULT NOW() - interval '$2',
  created_by UUID, updated_by UUID, deleted_at TIMESTAMPTZ);
SQL
}

# bench_locks_table: SQL for the sync lock's table as `catalog init` makes it (CatalogSchema.locksDDL);
# sync refuses to run on an older one without host, pid and token.
bench_locks_table() {
  echo "CREATE TABLE IF NOT EXISTS r2s_locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL," \
    "acquired_at TIMESTAMPTZ NOT NULL DEFAULT now(), expires_at TIMESTAMPTZ NOT NULL, host TEXT, pid INTEGER, token TEXT);"
}

# bench_time DIR CMD…: runs CMD under GNU time, stdin closed, stdout in DIR/out, stderr in
# DIR/err; sets bench_secs (wall seconds), bench_rss (peak KiB), bench_user and bench_sys (CPU
# seconds of CMD and its children) and bench_status (exit status).
# Never fails: the caller decides what a failed command means.
bench_time() {
  local dir=$1; shift
  bench_status=0
  /usr/bin/time -o "$dir/time" -f "%e %M %U %S" "$@" >"$dir/out" 2>"$dir/err" </dev/null || bench_status=$?
  # time(1) writes "Command exited with non-zero status N" before the numbers when CMD fails.
  read -r bench_secs bench_rss bench_user bench_sys < <(tail -1 "$dir/time")
}

# bench_median FILE: the median of the numbers in FILE, one a line ("nan" when there are none).
bench_median() {
  sort -n "$1" | awk '{a[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
