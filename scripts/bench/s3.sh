#!/usr/bin/env bash
# S3 client benchmark, side by side with rclone, on a private SeaweedFS on 127.0.0.1 (loopback only).
#   - list 10k keys: r2s-bench-s3 list  vs  rclone lsf -R
#   - upload 2,000 small files: r2s-bench-s3 upload (HTTP concurrency 16)  vs  rclone copy --transfers 16
#   - with BENCH_100K=1: also list 100k keys (both) and the peak RSS of r2s listing them
# Bounded: a few runs each; populating the extra 90k keys takes about a minute on 2 cores.
# rclone's lsf -R also prints the 8 directory lines; r2s prints keys only.
#
# Usage: scripts/bench/s3.sh            (env: BENCH_S3_PORT=19533, BENCH_DIR=/tmp/r2s-bench-s3, RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps rclone time
PORT=${BENCH_S3_PORT:-19533}
DIR=${BENCH_DIR:-/tmp/r2s-bench-s3}
RUNS=${RUNS:-3}

bench_build r2s-bench-s3
BIN=$bench_bin/r2s-bench-s3
bench_fresh_dir "$DIR"
scripts/servers.sh seaweed-start "$DIR/seaweed" "$PORT"

export R2_ENDPOINT=http://127.0.0.1:$PORT R2_BUCKET=bench R2_ACCESS_KEY_ID=$BENCH_AK R2_SECRET_ACCESS_KEY=$BENCH_SK
bench_rclone_remote "$DIR/rclone.conf" sw "$R2_ENDPOINT" Cloudflare

# timed LABEL CMD… : prints "LABEL  <seconds> s  <maxRSS> KiB  (<stdout>)"
timed() {
  local label=$1; shift
  bench_time "$DIR" "$@"
  ((bench_status == 0)) || { cat "$DIR/err" >&2; return 1; }
  printf '%-34s %6s s  %7s KiB max RSS  (stdout: %s lines, first: %s)\n' "$label" "$bench_secs" "$bench_rss" \
    "$(wc -l <"$DIR/out" | tr -d ' ')" "$(head -1 "$DIR/out" | head -c 40)"
}

"$BIN" mkbucket
echo "populating 10,000 keys…" >&2
"$BIN" populate 10000 k10/ >/dev/null

echo "== list 10k keys =="
for _ in $(seq "$RUNS"); do
  timed "r2s list 10k" "$BIN" list k10/
  timed "rclone lsf -R 10k" "${RCLONE[@]}" lsf -R sw:bench/k10
done

echo "== upload 2,000 small files =="
rm -rf "$DIR/small" && mkdir -p "$DIR/small"
for i in $(seq -w 1 2000); do head -c $((100 + 10#$i % 900)) /dev/urandom >"$DIR/small/f$i.bin"; done
for r in $(seq "$RUNS"); do
  timed "r2s upload 2000" "$BIN" upload "$DIR/small" "up-r2s-$r"
  timed "rclone copy --transfers 16 2000" "${RCLONE[@]}" copy --transfers 16 "$DIR/small" "sw:bench/up-rclone-$r"
done
echo "check: $("$BIN" list up-r2s-1/ | wc -l) objects via r2s, $("${RCLONE[@]}" lsf sw:bench/up-rclone-1 | wc -l) via rclone"

if [[ "${BENCH_100K:-0}" == 1 ]]; then
  echo "populating 90,000 more keys…" >&2
  "$BIN" populate 90000 k100/ >/dev/null
  echo "== list 112k keys (10k under k10/ + 90k under k100/ + 6 x 2,000 uploads) =="
  for _ in $(seq "$RUNS"); do
    timed "r2s list all (112k)" "$BIN" list
    timed "rclone lsf -R all (112k)" "${RCLONE[@]}" lsf -R sw:bench
  done
fi
