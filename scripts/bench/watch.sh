#!/usr/bin/env bash
# Benchmark of `watch` (issue 18) on local servers only: SeaweedFS + PostgreSQL + the Queues
# pull-consumer double (Tests/Support/queues). Not a test: prints numbers for the notes.
#
# Usage: scripts/bench/watch.sh [N]           (default 10000 events)
#   R2S_BENCH_DIR    where servers and data go (default /tmp/r2s-bench-watch; wiped)
#   R2S_BENCH_BUILD  debug or release (default release)
#   R2S_BENCH_RATE   events enqueued per second in the lag run (default 500)
#   R2S_TEST_S3_PORT / R2S_TEST_PG_PORT   ports (defaults 18333 / 18432)
#
# Two runs over N objects (uploaded first, then one PutObject event each):
#   1. throughput: N events queued up front, `watch --drain` → events applied per second;
#   2. lag: `watch` running while N events are enqueued at R2S_BENCH_RATE/s (create events for
#      objects deleted meanwhile, so each one is a real soft-delete) → enqueue→commit lag,
#      median and p99, from watch's own summary (lag_p50_ms, lag_p99_ms).
# Then `check --min-age 0s` must find the catalog in step (exit 0). Goal: ≥ 1,000 events/s.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
n=${1:-10000}
dir=${R2S_BENCH_DIR:-/tmp/r2s-bench-watch}
rate=${R2S_BENCH_RATE:-500}

bench_build r2s
r2s=$bench_bin/r2s
bench_servers_up "$dir" "${R2S_TEST_S3_PORT:-18333}" "${R2S_TEST_PG_PORT:-18432}"
py=${R2S_TOOLS_DIR:-$HOME/.cache/r2s-test-tools}/venv/bin/python  # has boto3 (moto's dependency)

bucket=bench-watch
queue=benchq$RANDOM
bench_profile "$R2S_TEST_S3_ENDPOINT" "$R2S_TEST_PG_URL" https://cdn.bench.example
export R2_BUCKET=$bucket
export R2_ACCOUNT_ID=0123abcd R2S_QUEUE_ID=$queue CLOUDFLARE_API_TOKEN=$R2S_TEST_QUEUES_TOKEN
export CLOUDFLARE_API_BASE=$R2S_TEST_QUEUES_URL/client/v4

# objects KIND N: uploads (put) or deletes (delete) bench/KIND-0 … KIND-(N-1), 32 at a time.
objects() {
  "$py" - "$1" "$2" "$3" <<'PY'
import os, sys, boto3, concurrent.futures as cf
verb, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
s3 = boto3.client("s3", endpoint_url=os.environ["R2_ENDPOINT"], region_name="auto",
                  aws_access_key_id=os.environ["R2_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["R2_SECRET_ACCESS_KEY"])
b = os.environ["R2_BUCKET"]
if verb == "create":
    s3.create_bucket(Bucket=b); sys.exit(0)
def one(i):
    k = f"bench/{prefix}-{i}.txt"
    if verb == "put": s3.put_object(Bucket=b, Key=k, Body=b"abc")
    else: s3.delete_object(Bucket=b, Key=k)
with cf.ThreadPoolExecutor(32) as ex: list(ex.map(one, range(n)))
PY
}
# enqueue PREFIX N RATE: one PutObject event per object, RATE per second (0 = all at once).
enqueue() {
  "$py" - "$1" "$2" "$3" <<'PY'
import json, os, sys, time, urllib.request
prefix, n, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
url = os.environ["R2S_TEST_QUEUES_URL"] + "/_double/" + os.environ["R2S_QUEUE_ID"] + "/send"
chunk = 100 if rate else 1000
start = time.time()
for lo in range(0, n, chunk):
    msgs = [{"body": {"account": "0123abcd", "action": "PutObject", "bucket": os.environ["R2_BUCKET"],
                      "object": {"key": f"bench/{prefix}-{i}.txt", "size": 3, "eTag": "x"},
                      "eventTime": "2026-12-03T10:00:00.000Z"}} for i in range(lo, min(n, lo + chunk))]
    urllib.request.urlopen(urllib.request.Request(url, data=json.dumps({"messages": msgs}).encode(), method="POST")).read()
    if rate:
        delay = start + (lo + chunk) / rate - time.time()
        if delay > 0: time.sleep(delay)
PY
}
field() { grep -o "\"$1\":[0-9a-z]*" | head -1 | cut -d: -f2; }

objects create - 0
"$r2s" -q -c 'catalog init --with-usuarios' >/dev/null
echo "== $n objects, ${R2S_BENCH_BUILD:-release} build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
objects put a "$n"
enqueue a "$n" 0
t0=$(date +%s.%N)
out=$("$r2s" -q --json -c 'watch --drain')
t1=$(date +%s.%N)
secs=$(echo "$t1 - $t0" | bc)
echo "throughput: $(echo "$out" | field pulled) events, $(echo "$out" | field added) added in ${secs}s" \
  "→ $(echo "$n / $secs" | bc) events/s"

objects put b "$n"
"$r2s" -q -c 'sync --min-age 0s --yes' >/dev/null   # rows for b-*, so the lag run soft-deletes them
objects delete b "$n"
"$r2s" -q --json -c 'watch' >"$dir/lag.json" 2>"$dir/lag.err" &
watcher=$!
enqueue b "$n" "$rate"
until [[ $(curl -s "$R2S_TEST_QUEUES_URL/_double/$queue/stats" | grep -o '"acked": [0-9]*' | cut -d' ' -f2) -ge $((2 * n)) ]]; do sleep 0.5; done
kill -INT "$watcher"; wait "$watcher" || true
echo "lag at $rate events/s: $(field removed <"$dir/lag.json") removed," \
  "median $(field lag_p50_ms <"$dir/lag.json") ms, p99 $(field lag_p99_ms <"$dir/lag.json") ms"
"$r2s" -q -c 'check --min-age 0s' >/dev/null && echo "check: catalog in step"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
