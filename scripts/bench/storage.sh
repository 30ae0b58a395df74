#!/usr/bin/env bash
# Storage-module benchmark on a private SeaweedFS + PostgreSQL 15 on 127.0.0.1 (loopback only),
# through the real `r2s` executable (release build), with a profile from the environment:
#   - ls of N objects joined with ~0.9 N rows (full join, streamed): time, peak RSS, lines
#   - ls --limit 20 on the same bucket (first lines only: shows the join streams)
#   - ls --status missing (both sides read, only 1,000 lines printed)
#   - du / find / records count (catalog only)
#   - upload of 2,000 small files (-r, --jobs 16): object + row each
# Bounded: N defaults to 100,000 (BENCH_N); populating takes about a minute on 2 cores.
#
# Usage: scripts/bench/storage.sh   (env: BENCH_N=100000, BENCH_S3_PORT=24360, BENCH_PG_PORT=24460,
#                                     BENCH_DIR=/tmp/r2s-bench-storage, RUNS=2)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps time
N=${BENCH_N:-100000}
S3_PORT=${BENCH_S3_PORT:-24360}
PG_PORT=${BENCH_PG_PORT:-24460}
DIR=${BENCH_DIR:-/tmp/r2s-bench-storage}
RUNS=${RUNS:-2}

bench_build r2s r2s-bench-s3
BIN=$bench_bin
bench_private_servers "$DIR" "$S3_PORT" "$PG_PORT"

# timed LABEL CMD… : prints "LABEL  <seconds> s  <maxRSS> KiB  (<stdout lines>)"
timed() {
  local label=$1; shift
  bench_time "$DIR" "$@"
  ((bench_status == 0)) || { cat "$DIR/err" >&2; return 1; }
  printf '%-40s %6s s  %7s KiB max RSS  (stdout: %s lines)\n' "$label" "$bench_secs" "$bench_rss" \
    "$(wc -l <"$DIR/out" | tr -d ' ')"
}

"$BIN/r2s-bench-s3" mkbucket
echo "populating $N objects…" >&2
"$BIN/r2s-bench-s3" populate "$N" k/ >/dev/null
"$BIN/r2s" -c 'catalog init --with-usuarios' >/dev/null
# Rows for 9 objects in 10 (the 10th is uncatalogued) and 1,000 rows whose object does not exist.
"${PSQL[@]}" <<SQL
INSERT INTO storage (nome, url, content_type, size)
  SELECT lpad(i::text, 6, '0'), '$R2_PUBLIC_URL/k/' || lpad(i::text, 6, '0'), 'text/plain', 1
  FROM generate_series(0, $N - 1) AS i WHERE i % 10 <> 9;
INSERT INTO storage (nome, url, content_type, size)
  SELECT 'ghost ' || i, '$R2_PUBLIC_URL/k/ghost-' || lpad(i::text, 6, '0'), 'text/plain', 1
  FROM generate_series(1, 1000) AS i;
SQL
echo "rows: $("${PSQL[@]}" -tA -c 'SELECT count(*) FROM storage')" >&2

echo "== ls (bucket joined with catalog), N=$N =="
for _ in $(seq "$RUNS"); do
  timed "ls k --csv (full join)" "$BIN/r2s" -c 'ls k --csv'
  timed "ls k --limit 20 (first lines)" "$BIN/r2s" -c 'ls k --limit 20'
  timed "ls --status missing --csv" "$BIN/r2s" -c 'ls --status missing --csv'
done
echo "check: $(grep -c ',ok,' "$DIR/out" || true) ok lines in the last run (expected 0: only missing)"
"$BIN/r2s" -c 'ls k --csv' | awk -F, 'NR>1 {print $8}' | sort | uniq -c >&2

echo "== catalog-only commands =="
for _ in $(seq "$RUNS"); do
  timed "du" "$BIN/r2s" -c 'du'
  timed "find --name '*9999*'" "$BIN/r2s" -c "find --name '*9999*'"
  timed "records count --where size>0" "$BIN/r2s" -c "records count --where 'size>0'"
done

echo "== upload 2,000 small files (object + row each) =="
rm -rf "$DIR/small" && mkdir -p "$DIR/small"
for i in $(seq -w 1 2000); do head -c $((100 + 10#$i % 900)) /dev/urandom >"$DIR/small/f$i.bin"; done
for r in $(seq "$RUNS"); do
  timed "upload -r 2000 --jobs 16" "$BIN/r2s" -c "upload -r '$DIR/small' --to up-$r --jobs 16 -q"
done
echo "check: $("${PSQL[@]}" -tA -c "SELECT count(*) FROM storage WHERE url LIKE '$R2_PUBLIC_URL/up-1/%'") rows for up-1/" >&2
