#!/usr/bin/env bash
# Bulk transfers, side by side with rclone in one run (issue 16), on a private SeaweedFS +
# PostgreSQL 15 + the PostgREST-subset double on 127.0.0.1 (loopback only), through the real
# `r2s` executable (release build):
#   - upload -r of FILES × SIZE bytes in 20 folders: rclone copy --transfers 16 (objects only)
#     against r2s --jobs 16 and --jobs 1 (objects + rows) on direct Postgres, and --jobs 16 on
#     PostgREST
#   - the same upload into a catalog of ROWS extra rows (outside the folder) with no index on url
#   - download -r of the folder (rclone copy down), mv of the folder (rclone move)
#   - phase mem (not in the default phases): upload -r of MEM_FILES small files, peak RSS
# Each line: wall seconds, peak RSS, exit status, and the 1-minute load average when it ended. Numbers vary ±20 % on a shared 2-core machine:
# compare the rclone and r2s lines of one run, not runs on different days.
#
# Usage: scripts/bench/transfers.sh   (env: BENCH_FILES=2000, BENCH_SIZE=2048, BENCH_ROWS=1000000,
#        BENCH_S3_PORT=24370, BENCH_PG_PORT=24470, BENCH_DIR=/tmp/r2s-bench-transfers,
#        BENCH_PHASES="upload big down mv", BENCH_MEM_FILES=100000 for phase mem)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_deps rclone time
FILES=${BENCH_FILES:-2000}
SIZE=${BENCH_SIZE:-2048}
ROWS=${BENCH_ROWS:-1000000}
S3_PORT=${BENCH_S3_PORT:-24370}
PG_PORT=${BENCH_PG_PORT:-24470}
REST_PORT=$((PG_PORT + 1))
DIR=${BENCH_DIR:-/tmp/r2s-bench-transfers}
PHASES=${BENCH_PHASES:-upload big down mv}
MEM_FILES=${BENCH_MEM_FILES:-100000}
REST_KEY=sb_secret_r2stestpgrestkey0123456789 # scripts/servers.sh's PostgREST key

bench_build r2s
BIN=$bench_bin
bench_private_servers "$DIR" "$S3_PORT" "$PG_PORT"
scripts/servers.sh pgrest-start "$DIR/pgrest" "$REST_PORT" "$bench_pg_url" "$REST_KEY" 1000
bench_rclone_remote "$DIR/rclone.conf" sw "$bench_s3_endpoint"
# r2s's profile on PostgREST (an array, so time(1) can run it).
PGREST=(env -u DATABASE_URL R2S_CATALOG=postgrest SUPABASE_URL=http://127.0.0.1:$REST_PORT
  SUPABASE_SERVICE_ROLE_KEY=$REST_KEY)

# timed LABEL CMD… : "LABEL  <seconds> s  <peak MB> MB peak  exit N  load L" — the machine is
# shared, so each number carries the load average it was measured under.
timed() {
  local label=$1; shift
  bench_time "$DIR" "$@"
  read -r load _ </proc/loadavg
  printf '  %-46s %7s s  %6s MB peak  exit %d  load %s\n' "$label" "$bench_secs" "$((bench_rss / 1024))" "$bench_status" "$load"
  if ((bench_status != 0)); then tail -3 "$DIR/err" | sed 's/^/    /'; fi
}
rows_under() { "${PSQL[@]}" -tA -c "SELECT count(*) FROM storage WHERE url LIKE '$R2_PUBLIC_URL/$1/%' AND deleted_at IS NULL"; }
objects_under() { "${RCLONE[@]}" lsf -R --files-only "sw:bench/$1" | wc -l; }

"${RCLONE[@]}" mkdir sw:bench
"$BIN/r2s" -c 'catalog init --with-usuarios' >/dev/null
# The app's schema has no index on url: the bench measures that case.
"${PSQL[@]}" -c 'DROP INDEX IF EXISTS storage_url_idx'

echo "creating $FILES files of $SIZE bytes in 20 folders…" >&2
src=$DIR/src/scans
bench_files "$src" "$FILES" 20 "$SIZE" bin

phase() { [[ " $PHASES " == *" $1 "* ]]; }

if phase upload; then
  echo "== upload -r of $FILES × $SIZE B, catalog: $("${PSQL[@]}" -tA -c 'SELECT count(*) FROM storage') rows =="
  timed "rclone copy --transfers 16 (objects only)" "${RCLONE[@]}" copy --transfers 16 "$src" sw:bench/rc-up
  timed "r2s upload -r --jobs 16 (postgres)" "$BIN/r2s" -c "upload -r '$src' --to pg16 --jobs 16 -q"
  echo "    check: $(objects_under pg16/scans) objects, $(rows_under pg16/scans) rows"
  timed "r2s upload -r --jobs 1 (postgres)" "$BIN/r2s" -c "upload -r '$src' --to pg1 --jobs 1 -q"
  timed "r2s upload -r --jobs 16 (postgrest)" "${PGREST[@]}" "$BIN/r2s" -c "upload -r '$src' --to rest16 --jobs 16 -q"
  echo "    check: $(objects_under rest16/scans) objects, $(rows_under rest16/scans) rows"
  timed "r2s upload -r --skip-existing, all exist (pg)" "$BIN/r2s" -c "upload -r '$src' --to pg16 --jobs 16 --skip-existing -q"
fi

if phase big; then
  echo "== the same upload into a catalog of $ROWS more rows (elsewhere), no url index =="
  "${PSQL[@]}" <<SQL
INSERT INTO storage (nome, url, content_type, size)
  SELECT 'x' || i, '$R2_PUBLIC_URL/elsewhere/' || lpad(i::text, 8, '0') || '.pdf', 'application/pdf', 1000
  FROM generate_series(1, $ROWS) AS i;
ANALYZE storage;
SQL
  echo "    catalog: $("${PSQL[@]}" -tA -c 'SELECT count(*) FROM storage') rows" >&2
  timed "rclone copy --transfers 16 (objects only)" "${RCLONE[@]}" copy --transfers 16 "$src" sw:bench/rc-big
  timed "r2s upload -r --jobs 16 (postgres, big)" "$BIN/r2s" -c "upload -r '$src' --to pgbig --jobs 16 -q"
  echo "    check: $(objects_under pgbig/scans) objects, $(rows_under pgbig/scans) rows"
  timed "r2s upload -r --jobs 16 (postgrest, big)" "${PGREST[@]}" "$BIN/r2s" -c "upload -r '$src' --to restbig --jobs 16 -q"
fi

if phase down; then
  echo "== download -r of the $FILES-file folder =="
  timed "rclone copy --transfers 16 (down)" "${RCLONE[@]}" copy --transfers 16 sw:bench/rc-up "$DIR/down-rc"
  mkdir -p "$DIR/down-r2s"
  timed "r2s download -r --jobs 16" "$BIN/r2s" -c "download -r pg16/scans '$DIR/down-r2s' --jobs 16 -q"
  echo "    check: $(find "$DIR/down-r2s" -type f | wc -l) files written"
fi

if phase mv; then
  echo "== mv of the $FILES-file folder (objects; r2s also rewrites the rows) =="
  timed "rclone move --transfers 16" "${RCLONE[@]}" move --transfers 16 sw:bench/rc-up sw:bench/rc-moved
  timed "r2s mv --jobs 16 (postgres)" "$BIN/r2s" -c "mv pg16/scans/ pg-moved/ --jobs 16 -q"
  echo "    check: $(objects_under pg-moved) objects, $(rows_under pg-moved) rows moved; $(objects_under pg16/scans) left"
fi

if phase mem; then
  echo "== upload -r of $MEM_FILES files of 16 bytes (peak memory; the walk, the batches, the rows) =="
  bench_files "$DIR/src-mem/many" "$MEM_FILES" 100 16 txt
  timed "r2s upload -r --jobs 16 (postgres, $MEM_FILES files)" "$BIN/r2s" -c "upload -r '$DIR/src-mem/many' --to mem --jobs 16 -q"
  echo "    check: $(rows_under mem/many) rows"
fi
