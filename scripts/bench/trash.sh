#!/usr/bin/env bash
# rm of a 2,000-file folder, side by side with rclone, on a private SeaweedFS + PostgreSQL 15 on
# 127.0.0.1 (loopback only), through the real `r2s` executable (release build):
#   - rclone delete of the folder (objects only; rclone's default flags)
#   - r2s rm -r FOLDER --yes --no-trash (rows soft-deleted in batches + DeleteObjects batches)
#   - r2s rm -r FOLDER --yes with the trash on (server-side copies to <bucket>-trash first)
# Goals (issues 16 and 20): --no-trash ≤ 1.5 × rclone delete; trash ÷ --no-trash ≤ 2.
# Each run deletes a fresh copy of the same 2,000 × 2 KiB files (objects put with rclone copy,
# rows inserted with psql, so only the deletions are timed).
# Then the server's floor: raw CopyObject of 2,000 objects into the trash bucket with nothing
# else (r2s-bench-s3 copy) at each concurrency of BENCH_COPY_JOBS — r2s's rm copies 64 at a time.
# Every line carries the 1-minute load average it was measured under.
#
# Usage: scripts/bench/trash.sh   (env: BENCH_S3_PORT=24960, BENCH_PG_PORT=25060,
#                                   BENCH_DIR=/tmp/r2s-bench-trash, RUNS=3,
#                                   BENCH_S3=seaweed|moto (the S3 server), BENCH_COPY_JOBS="16 32 64 128")
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps rclone time
S3_PORT=${BENCH_S3_PORT:-24960}
PG_PORT=${BENCH_PG_PORT:-25060}
DIR=${BENCH_DIR:-/tmp/r2s-bench-trash}
RUNS=${RUNS:-3}
COPY_JOBS=${BENCH_COPY_JOBS:-16 32 64 128}
N=2000

bench_build r2s r2s-bench-s3
BIN=$bench_bin
bench_private_servers "$DIR" "$S3_PORT" "$PG_PORT"
bench_rclone_remote "$DIR/rclone.conf" sw "$bench_s3_endpoint" Cloudflare

# timed LABEL CMD… : prints "LABEL  <seconds> s  <maxRSS> KiB" and appends "LABEL <seconds>" to $DIR/times
timed() {
  local label=$1; shift
  bench_time "$DIR" "$@"
  ((bench_status == 0)) || { cat "$DIR/err" >&2; return 1; }
  read -r load _ </proc/loadavg
  printf '%-36s %6s s  %7s KiB max RSS  load %s\n' "$label" "$bench_secs" "$bench_rss" "$load"
  echo "$label $bench_secs" >>"$DIR/times"
}

"$BIN/r2s-bench-s3" mkbucket
"$BIN/r2s" -c 'catalog init --with-usuarios' >/dev/null
R2S_TRASH= "$BIN/r2s" -c 'trash init' >/dev/null 2>&1   # creates bench-trash
mkdir -p "$DIR/small"
for i in $(seq -w 1 $N); do head -c 2048 /dev/urandom >"$DIR/small/f$i.bin"; done

# populate FOLDER: the 2,000 objects (rclone) and their rows (psql), untimed.
populate() {
  "${RCLONE[@]}" copy --transfers 32 --checkers 32 "$DIR/small" "sw:bench/$1" 2>/dev/null
  "${PSQL[@]}" -c "INSERT INTO storage (nome, url, content_type, size)
    SELECT 'f' || lpad(i::text, 4, '0') || '.bin', '$R2_PUBLIC_URL/$1/f' || lpad(i::text, 4, '0') || '.bin',
           'application/octet-stream', 2048 FROM generate_series(1, $N) AS i"
}
objects() { "${RCLONE[@]}" lsf "sw:bench/$1" 2>/dev/null | wc -l; }

: >"$DIR/times"
echo "== rm of a $N-file folder (2 KiB each) =="
for r in $(seq "$RUNS"); do
  "${RCLONE[@]}" copy --transfers 32 --checkers 32 "$DIR/small" "sw:bench/rc-$r" 2>/dev/null
  timed "rclone delete (objects only)" "${RCLONE[@]}" delete "sw:bench/rc-$r"
  populate "nt-$r"
  timed "r2s rm -r --no-trash (rows+objects)" env R2S_TRASH=none "$BIN/r2s" -c "rm -r nt-$r --yes --no-trash -q"
  populate "tr-$r"
  timed "r2s rm -r, trash on (copy+rows+del)" env R2S_TRASH=bench-trash "$BIN/r2s" -c "rm -r tr-$r --yes -q"
  echo "check: objects left rc/nt/tr = $(objects "rc-$r")/$(objects "nt-$r")/$(objects "tr-$r")," \
    "rows soft-deleted nt/tr = $("${PSQL[@]}" -tA -c "SELECT count(*) FROM storage WHERE url LIKE '%/nt-$r/%' AND deleted_at IS NOT NULL")/$("${PSQL[@]}" -tA -c "SELECT count(*) FROM storage WHERE url LIKE '%/tr-$r/%' AND deleted_at IS NOT NULL")," \
    "trash copies = $("${RCLONE[@]}" lsf "sw:bench-trash/tr-$r" 2>/dev/null | wc -l)" >&2
done
echo "== medians and ratios =="
median() { grep "^$1 " "$DIR/times" | awk '{print $NF}' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
RC=$(median "rclone delete (objects only)")
NT=$(median "r2s rm -r --no-trash (rows+objects)")
TR=$(median "r2s rm -r, trash on (copy+rows+del)")
awk -v rc="$RC" -v nt="$NT" -v tr="$TR" 'BEGIN {
  printf "median: rclone delete %.2f s, rm --no-trash %.2f s, rm with trash %.2f s\n", rc, nt, tr
  printf "rm --no-trash / rclone delete = %.2f (goal <= 1.5)\n", nt / rc
  printf "rm with trash / rm --no-trash = %.2f (goal <= 2)\n", tr / nt
}'

echo "== the server's floor: raw CopyObject of $N objects into the trash bucket (r2s-bench-s3 copy) =="
"$BIN/r2s-bench-s3" populate "$N" raw/ >/dev/null
for jobs in $COPY_JOBS; do
  "$BIN/r2s-bench-s3" copy "$N" raw/ bench-trash "$jobs" >"$DIR/copy"
  read -r count secs rate <"$DIR/copy"
  read -r load _ </proc/loadavg
  printf 'CopyObject x %s, %3s at a time       %6s s  %5s copies/s  load %s\n' "$count" "$jobs" "$secs" "$rate" "$load"
done
awk -v n="$N" -v nt="$NT" -v tr="$TR" 'BEGIN {
  printf "r2s rm with trash: %.0f objects/s overall; time over --no-trash: %.2f s (%.0f copies/s if all of it were copying)\n", n / tr, tr - nt, n / (tr - nt)
}'
