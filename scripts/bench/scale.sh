#!/usr/bin/env bash
# Benchmark of sync at scale (issue 17), side by side with `rclone lsf -R`, with every S3 request
# paying extra latency like a client far from R2: S3 goes through scripts/bench/latency_proxy.py
# (+50 ms per request, 127.0.0.1 only), the catalog stays direct. Not a test: prints numbers.
#
# Usage: scripts/bench/scale.sh [N]            (default 100000 objects)
#   R2S_BENCH_DIR        where servers and data go (default /tmp/r2s-bench-scale; wiped)
#   R2S_BENCH_DELAY_MS   latency added per request (default 50)
#   R2S_BENCH_ANALYZE=0  leave the fresh table without statistics (default: ANALYZE it, as autovacuum would)
#   R2S_BENCH_FOLDERS    folders the objects are spread over (default 20: docs/f00/ … docs/f19/)
#   R2S_BENCH_PARTITION_SIZE   also a loopback no-op sync with --partition-size N (default 10000; 0: not run),
#                        beside a --dry-run (always in memory; the default sync partitions past 250,000 keys)
#   R2S_TEST_S3_PORT / R2S_TEST_PG_PORT   server ports (defaults 18333 / 18432); the proxy
#                        listens on the S3 port + 70
#   R2S_BENCH_PROXY=0    skip the runs through the proxy (a 1M run on loopback only)
#   R2S_BENCH_DRIFT=1    also a 5 % drift sync on loopback (every 20th row deleted: sync adds them)
#   R2S_BENCH_PROFILE=1  also `perf record` the loopback no-op with the default concurrency and
#                        print the top of `perf report` (DIR/profile.txt has all of it);
#                        R2S_BENCH_PROFILE_FLAGS adds sync flags to that run (e.g. --partition-size 10000)
# Every r2s run also reports the longest catalog transaction seen (pg_stat_activity polled every
# 0.2 s, so ±0.2 s).
#
# Populates N objects with parallel PUTs (r2s-bench-s3, 64 at a time; nothing on disk) and one
# catalog row per object (so sync is a no-op), then measures, in one run:
#   rclone lsf -R through the proxy (the listing floor) · r2s sync no-op with the default
#   --list-concurrency, with 8, with 32, and with 1 (one page after another) ·
#   rclone lsf -R and r2s sync on loopback without the proxy
# with wall time, peak RSS and the requests each run made through the proxy. Goals (issue 17):
# r2s ÷ rclone through the proxy ≤ 0.25; r2s --list-concurrency 1 ÷ 8 streams ≥ 4. Give `uptime` with the numbers: 2 shared cores are noisy.
#   R2S_BENCH_WORKERS=W  also: the many-workers phase at the end (issue 17 §4; e.g. 4 with N = 200000),
#                        with the peak RSS of each process of the run (the planner and each worker)
#   R2S_BENCH_WORKERS_PARTITION_SIZE=P   also that phase with `--workers W --partition-size P`
#                        (each worker plans its partitions P keys at a time, the plans on disk; 0: not run)
#   R2S_BENCH_BASELINE=BIN   also run another r2s binary (e.g. a copy built from main) on the same
#                        servers, right after each run of this one: through the proxy (default and
#                        --list-concurrency 1) and on loopback, with its own ratios. On 2 shared
#                        cores only numbers taken side by side compare.
# Every r2s line also gives the CPU r2s itself used (user + system), apart from the servers'.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps rclone time
n=${1:-100000}
dir=${R2S_BENCH_DIR:-/tmp/r2s-bench-scale}
delay=${R2S_BENCH_DELAY_MS:-50}
folders=${R2S_BENCH_FOLDERS:-20}
s3port=${R2S_TEST_S3_PORT:-18333}
proxyport=$((s3port + 70))
per=$(((n + folders - 1) / folders))

bench_build r2s r2s-bench-s3
bin=$bench_bin
base_bin=${R2S_BENCH_BASELINE:-}
[[ -z $base_bin || -x $base_bin ]] || { echo "bench: R2S_BENCH_BASELINE=$base_bin is not an executable" >&2; exit 2; }
proxy_pid=
stop_proxy() { [[ -n $proxy_pid ]] && kill "$proxy_pid" 2>/dev/null || true; }
bench_servers_up "$dir" "$s3port" "${R2S_TEST_PG_PORT:-18432}"
bench_at_exit stop_proxy
python3 scripts/bench/latency_proxy.py "$proxyport" "$s3port" "$delay" "$dir/requests.log" >"$dir/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 50); do grep -q "latency proxy" "$dir/proxy.log" 2>/dev/null && break; sleep 0.1; done

bench_rclone_remote "$dir/rclone.conf" direct "http://127.0.0.1:$s3port"
bench_rclone_remote "$dir/rclone.conf" proxied "http://127.0.0.1:$proxyport"

base=https://cdn.bench.example
bucket=scale$n
bench_profile "$R2S_TEST_S3_ENDPOINT" "$R2S_TEST_PG_URL" "$base"
export R2_BUCKET=$bucket

echo "populating $n objects in $folders folders (parallel PUTs) and $n rows…" >&2
started=$SECONDS
"$bin/r2s-bench-s3" mkbucket
# One folder at a time (64 PUTs in flight each): the helper rewrites one scratch file per run.
for ((f = 0; f < folders; f++)); do "$bin/r2s-bench-s3" populate "$per" "$(printf 'docs/f%02d/' "$f")" >/dev/null; done
psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" <<SQL
$(bench_storage_table storage '1 day')
INSERT INTO storage (nome, url, content_type, size)
  SELECT lpad(i::text, 6, '0'), format('$base/docs/f%s/%s', lpad(f::text, 2, '0'), lpad(i::text, 6, '0')), 'text/plain', 1
  FROM generate_series(0, $((folders - 1))) AS f, generate_series(0, $((per - 1))) AS i;
$(bench_locks_table)
SQL
# A live table has statistics (autovacuum analyses it after a tenth of it changed); a table
# bulk-loaded a second ago has none until then. R2S_BENCH_ANALYZE=0 measures that state (the
# parallel listing then starts from one range instead of the catalog's url histogram).
[[ ${R2S_BENCH_ANALYZE:-1} == 0 ]] || psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" -c "ANALYZE storage"
echo "populated in $((SECONDS - started)) s" >&2

results="$dir/results"
: >"$results"
# The longest open catalog transaction while a run is under way, polled (seconds, ±0.2 s).
xact_poll() {
  local longest=0 now
  while :; do
    now=$(psql -X -Atq "$R2S_TEST_PG_URL" -c "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)), 0)
      FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL" 2>/dev/null || echo 0)
    longest=$(awk -v a="$longest" -v b="${now:-0}" 'BEGIN { print (b > a) ? b : a }')
    echo "$longest" >"$dir/xact"
    sleep 0.2
  done
}
measure() { # measure LABEL CMD… → "LABEL  wall s  peak MB  exit  [requests through the proxy]"; wall also goes to $results
  local label=$1; shift
  local before asked poller xact=
  before=$(wc -l <"$dir/requests.log" 2>/dev/null || echo 0)
  echo 0 >"$dir/xact"
  if [[ $1 == "$bin/r2s" || $1 == "${R2S_BENCH_BASELINE:-}" ]]; then xact_poll & poller=$!; fi
  bench_time "$dir" "$@"
  if [[ -n ${poller:-} ]]; then kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null || true; xact=$(printf '  longest catalog transaction %.1f s' "$(cat "$dir/xact")"); fi
  asked=$(($(wc -l <"$dir/requests.log" 2>/dev/null || echo 0) - before))
  printf '  %-40s %7.2f s  %6.1f MB peak  exit %d%s%s%s\n' "$label" "$bench_secs" \
    "$((bench_rss / 1024)).$(((bench_rss % 1024) * 10 / 1024))" "$bench_status" \
    "$( ((asked > 0)) && echo "  $asked requests")" "$xact" \
    "$([[ -n ${poller:-} ]] && awk -v u="$bench_user" -v s="$bench_sys" 'BEGIN { printf "  r2s CPU %.2f s", u + s }')"
  echo "$label=$bench_secs" >>"$results"
}
wall() { grep "^$1=" "$results" | tail -1 | cut -d= -f2; }
ratio() { awk -v a="$(wall "$1")" -v b="$(wall "$2")" 'BEGIN { printf "%.2f", a / b }'; }
noop="sync --yes --min-age 0s --json"  # (time(1) runs programs, not shell functions)

total=$((per * folders))
echo "N = $total objects + $total rows; S3 through +$delay ms per request; catalog direct"
echo "  load before: $(uptime | sed 's/.*load average/load average/')"
noop_check() { grep -q '"added":0' "$dir/out" && grep -q '"removed":0' "$dir/out" || { echo "  not a no-op:"; head -c 400 "$dir/out"; echo; }; }
if [[ ${R2S_BENCH_PROXY:-1} != 0 ]]; then
  measure "rclone lsf -R (proxy)" "${RCLONE[@]}" lsf -R --files-only "proxied:$bucket"
  echo "  rclone listed $(wc -l <"$dir/out") keys"
  export R2_ENDPOINT=http://127.0.0.1:$proxyport
  measure "r2s sync no-op (proxy, default)" "$bin/r2s" -c "$noop"
  noop_check
  [[ -n $base_bin ]] && measure "baseline no-op (proxy, default)" "$base_bin" -c "$noop"
  measure "r2s sync no-op (proxy, --list-concurrency 8)" "$bin/r2s" -c "$noop --list-concurrency 8"
  noop_check
  measure "r2s sync no-op (proxy, --list-concurrency 32)" "$bin/r2s" -c "$noop --list-concurrency 32"
  measure "r2s sync no-op (proxy, --list-concurrency 1)" "$bin/r2s" -c "$noop --list-concurrency 1"
  [[ -n $base_bin ]] && measure "baseline no-op (proxy, --list-concurrency 1)" "$base_bin" -c "$noop --list-concurrency 1"
  measure "rclone lsf -R (proxy, again)" "${RCLONE[@]}" lsf -R --files-only "proxied:$bucket"
fi
export R2_ENDPOINT=$R2S_TEST_S3_ENDPOINT
measure "rclone lsf -R (loopback)" "${RCLONE[@]}" lsf -R --files-only "direct:$bucket"
measure "r2s sync no-op (loopback, default)" "$bin/r2s" -c "$noop"
noop_check
[[ -n $base_bin ]] && measure "baseline no-op (loopback, default)" "$base_bin" -c "$noop"
measure "r2s sync no-op (loopback, --list-concurrency 8)" "$bin/r2s" -c "$noop --list-concurrency 8"
measure "r2s sync no-op (loopback, --list-concurrency 1)" "$bin/r2s" -c "$noop --list-concurrency 1"
# Bounded memory (issue 17 §2): the same no-op sync planned partition by partition; compare its
# peak RSS with the in-memory run above. R2S_BENCH_PARTITION_SIZE (default 10000; 0 skips).
# Past 250,000 keys the default sync itself switches to partitions; `--dry-run` reads and
# classifies the same way and always in memory, so it is the in-memory reference at any size.
psize=${R2S_BENCH_PARTITION_SIZE:-10000}
measure "r2s sync --dry-run (loopback, in memory)" "$bin/r2s" -c "sync --dry-run --min-age 0s --json"
((psize > 0)) && measure "r2s sync no-op (loopback, --partition-size $psize)" "$bin/r2s" -c "$noop --partition-size $psize"
((psize > 0)) && echo "  partitioned ÷ in memory (loopback):           $(ratio "r2s sync no-op (loopback, --partition-size $psize)" "r2s sync --dry-run (loopback, in memory)")  (goal ≈ 1.3 or less)"
if [[ ${R2S_BENCH_DRIFT:-0} != 0 ]]; then
  # 5 % drift: every 20th row gone, so sync adds that many rows back (in chunks of 5,000).
  drifted=$(psql -X -Atq "$R2S_TEST_PG_URL" -c "WITH d AS (DELETE FROM storage WHERE ('x' || substr(md5(url), 1, 8))::bit(32)::int % 20 = 0 RETURNING 1) SELECT count(*) FROM d")
  measure "r2s sync 5 % drift (loopback, default)" "$bin/r2s" -c "sync --yes --min-age 0s --json"
  grep -q "\"added\":$drifted" "$dir/out" || { echo "  expected $drifted added:"; head -c 400 "$dir/out"; echo; }
  echo "  ($drifted rows added back)"
fi
echo "  load after: $(uptime | sed 's/.*load average/load average/')"
if [[ ${R2S_BENCH_PROXY:-1} != 0 ]]; then
  echo "  r2s default ÷ rclone lsf (proxy):             $(ratio "r2s sync no-op (proxy, default)" "rclone lsf -R (proxy)")  (goal ≤ 0.25)"
  echo "  r2s 8 streams ÷ rclone lsf (proxy):           $(ratio "r2s sync no-op (proxy, --list-concurrency 8)" "rclone lsf -R (proxy)")  (goal ≤ 0.25)"
  echo "  r2s --list-concurrency 1 ÷ default (proxy):   $(ratio "r2s sync no-op (proxy, --list-concurrency 1)" "r2s sync no-op (proxy, default)")  (goal ≥ 4)"
  if [[ -n $base_bin ]]; then
    echo "  baseline default ÷ rclone lsf (proxy):        $(ratio "baseline no-op (proxy, default)" "rclone lsf -R (proxy)")"
    echo "  baseline --list-concurrency 1 ÷ default:      $(ratio "baseline no-op (proxy, --list-concurrency 1)" "baseline no-op (proxy, default)")"
  fi
fi
echo "  r2s default ÷ rclone lsf (loopback):          $(ratio "r2s sync no-op (loopback, default)" "rclone lsf -R (loopback)")  (goal at 1M ≤ 1.0)"
[[ ${R2S_BENCH_DRIFT:-0} != 0 ]] &&
  echo "  r2s 5 % drift ÷ rclone lsf (loopback):        $(ratio "r2s sync 5 % drift (loopback, default)" "rclone lsf -R (loopback)")  (goal at 1M ≤ 1.0)"
if [[ ${R2S_BENCH_PROFILE:-0} != 0 ]]; then
  # Where a no-op spends its CPU (needs perf; the release build keeps symbols).
  perf record -F 999 -o "$dir/perf.data" -- "$bin/r2s" -c "$noop ${R2S_BENCH_PROFILE_FLAGS:-}" >/dev/null 2>"$dir/perf.err" </dev/null || true
  perf report -i "$dir/perf.data" --no-children --sort symbol --percent-limit 0.5 --stdio 2>/dev/null |
    grep -v '^$' >"$dir/profile.txt" || true
  echo "  profile of the loopback no-op (self time, top symbols; all in $dir/profile.txt):"
  grep -E '^ +[0-9.]+%' "$dir/profile.txt" | head -25 | sed 's/^/    /'
fi

# --- Many workers (issue 17 §4): `sync --workers W` vs one process, through the proxy, on the same
# drift (1 % of the rows deleted: every url ending in 00), and whether both end states are identical.
if [[ -n ${R2S_BENCH_WORKERS:-} ]]; then
  workers=$R2S_BENCH_WORKERS
  export R2_ENDPOINT=http://127.0.0.1:$proxyport
  "$bin/r2s" -c "catalog init --upgrade" >/dev/null
  drift() { # drops the same 1 % of rows and any run of an earlier phase, so both syncs start alike
    psql -X -q -v ON_ERROR_STOP=1 "$R2S_TEST_PG_URL" -c "DELETE FROM storage WHERE url ~ '00\$' OR created_at > now() - interval '1 hour'" \
      -c "DELETE FROM r2s_sync_runs"
  }
  endstate() { psql -X -qAt "$R2S_TEST_PG_URL" -c "SELECT url, deleted_at IS NULL FROM storage ORDER BY url" >"$1"; }
  # The CPU r2s used (user + system, the planner with its workers), to tell r2s's own work from
  # waiting for the servers.
  cpu() { echo "    r2s CPU: $(cat "$dir/cpu") s (user, system)"; }
  timed=(/usr/bin/time -f "%U %S" -o "$dir/cpu")
  drift
  measure "r2s sync, 1 % drift (proxy, 1 process)" "${timed[@]}" "$bin/r2s" -c "sync --yes --min-age 0s --json"
  cpu
  endstate "$dir/end-single"
  drift
  # Peak RSS per process of a shared run: time(1) sees one number for the planner and its
  # children, so every process of this build's r2s is polled (VmHWM, the kernel's own peak; a
  # process's growth in its last 0.2 s may be missed).
  rss_poll() {
    local exe=$(readlink -f "$bin/r2s") p
    : >"$dir/rss"
    while :; do
      for p in /proc/[0-9]*; do
        [[ $(readlink "$p/exe" 2>/dev/null) == "$exe" ]] || continue
        local hwm role=planner
        hwm=$(awk '/^VmHWM/ { print $2 }' "$p/status" 2>/dev/null) || continue
        [[ $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) == *--worker-run* ]] && role=worker
        echo "${p#/proc/} $role ${hwm:-0}" >>"$dir/rss"
      done
      sleep 0.2
    done
  }
  workers_run() { # workers_run LABEL FLAGS: one shared run with its per-process peaks and its end state in FILE
    local label=$1 flags=$2 poller
    drift
    rss_poll & poller=$!
    measure "$label" "${timed[@]}" "$bin/r2s" -c "sync --yes --min-age 0s --json --workers $workers $flags"
    kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null || true
    cpu
    sort -k1,1n -k3,3n "$dir/rss" | awk '{ peak[$1] = $3; role[$1] = $2 } END {
      for (p in peak) printf "%s %s %.1f\n", role[p], p, peak[p] / 1024 }' | sort -k1,1 -k3,3nr |
      awk '{ line[$1] = line[$1] sprintf(" %s MB", $3) } END { printf "    peak RSS: planner%s; workers%s\n", line["planner"], line["worker"] }'
    grep -o '"spilled_partitions":[0-9]*' "$dir/out" | sed 's/^/    /'
  }
  workers_run "r2s sync, 1 % drift (proxy, --workers $workers)" ""
  endstate "$dir/end-workers"
  echo "  load after workers: $(uptime | sed 's/.*load average/load average/')"
  echo "  1 process ÷ $workers workers (proxy):          $(ratio "r2s sync, 1 % drift (proxy, 1 process)" "r2s sync, 1 % drift (proxy, --workers $workers)")"
  same() { if cmp -s "$dir/end-single" "$1"; then echo "  end state: identical ($(wc -l <"$dir/end-single") rows)"
    else echo "  end state: DIFFERENT (diff $dir/end-single $1)"; fi; }
  same "$dir/end-workers"
  wpsize=${R2S_BENCH_WORKERS_PARTITION_SIZE:-0}
  if ((wpsize > 0)); then
    workers_run "r2s sync, 1 % drift (proxy, --workers $workers --partition-size $wpsize)" "--partition-size $wpsize"
    endstate "$dir/end-workers-partitioned"
    echo "  load after: $(uptime | sed 's/.*load average/load average/')"
    echo "  partitioned ÷ in memory ($workers workers):     $(ratio "r2s sync, 1 % drift (proxy, --workers $workers --partition-size $wpsize)" "r2s sync, 1 % drift (proxy, --workers $workers)")"
    same "$dir/end-workers-partitioned"
  fi
fi
