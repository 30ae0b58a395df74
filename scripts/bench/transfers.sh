#!/usr/bin/env bash
# Bulk transfers, side by side with rclone in one run (issue 16), on a private SeaweedFS +
# PostgreSQL 15 + the PostgREST-subset double on 127.0.0.1 (loopback only), through the real
# `r2s` executable (release build):
#   - upload -r of FILES × SIZE bytes in 20 folders: rclone copy --transfers 16 (objects only)
#     against r2s --jobs 16 and --jobs 1 (objects + rows) on direct Postgres, and --jobs 16 on
#     PostgREST
#   - the same upload into an empty catalog and one of ROWS rows (outside the folder), no index
#     on url: a warm-up run each, then BENCH_PAIRS alternating pairs; every run, the ratios and
#     their median, the PostgREST figures, and the statements of one 1M run from the server log
#   - download -r of the folder (rclone copy down), mv of the folder (rclone move)
#   - phase mem (not in the default phases): upload -r of MEM_FILES small files, peak RSS
# Each line: wall seconds, peak RSS, exit status, and the 1-minute load average when it ended. Numbers vary ±20 % on a shared 2-core machine:
# compare the rclone and r2s lines of one run, not runs on different days.
#
# Usage: scripts/bench/transfers.sh   (env: BENCH_FILES=2000, BENCH_SIZE=2048, BENCH_ROWS=1000000,
#        BENCH_S3_PORT=24370, BENCH_PG_PORT=24470, BENCH_DIR=/tmp/r2s-bench-transfers,
#        BENCH_PHASES="upload big down mv", BENCH_MEM_FILES=100000 for phase mem,
#        BENCH_PAIRS=5 empty/1M pairs in phase big)
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
PAIRS=${BENCH_PAIRS:-5}
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
  # Sound by construction: two tables of the same schema without a url index (R2S_TABLE picks
  # one per run), VACUUM ANALYZE after the bulk insert (the first scan after it would otherwise
  # set the hint bits of every page: a one-off write of the whole table inside a timed run), one
  # untimed warm-up run of each, then PAIRS pairs alternating which one goes first. After every
  # run its rows are deleted and the table vacuumed, so each run sees the same catalog.
  echo "== upload -r into an empty catalog vs one of $ROWS rows (elsewhere), no url index, $PAIRS pairs =="
  for t in cat_empty cat_big; do
    R2S_TABLE=$t "$BIN/r2s" -c 'catalog init' >/dev/null
    "${PSQL[@]}" -c "DROP INDEX IF EXISTS ${t}_url_idx"
  done
  "${PSQL[@]}" <<SQL
INSERT INTO cat_big (nome, url, content_type, size)
  SELECT 'x' || i, '$R2_PUBLIC_URL/elsewhere/' || lpad(i::text, 8, '0') || '.pdf', 'application/pdf', 1000
  FROM generate_series(1, $ROWS) AS i;
VACUUM ANALYZE cat_big;
VACUUM ANALYZE cat_empty;
SQL
  echo "    catalogs: cat_empty $("${PSQL[@]}" -tA -c 'SELECT count(*) FROM cat_empty') rows," \
    "cat_big $("${PSQL[@]}" -tA -c 'SELECT count(*) FROM cat_big') rows" >&2
  n=0
  # big_run TABLE LABEL [PREFIX…]: one timed upload into a fresh folder; appends "LABEL secs" to $DIR/big-times.
  big_run() {
    local table=$1 label=$2; shift 2
    n=$((n + 1))
    timed "$label" env R2S_TABLE="$table" "$@" "$BIN/r2s" -c "upload -r '$src' --to big$n --jobs 16 -q"
    read -r secs _ < <(tail -1 "$DIR/time")
    echo "$label $secs" >>"$DIR/big-times"
    local rows
    rows=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM $table WHERE url LIKE '$R2_PUBLIC_URL/big$n/%'")
    ((rows == FILES)) || echo "    check failed: $rows rows written, $FILES expected" >&2
    "${PSQL[@]}" -c "DELETE FROM $table WHERE url LIKE '$R2_PUBLIC_URL/big$n/%'" -c "VACUUM $table"
  }
  : >"$DIR/big-times"
  big_run cat_empty "warm-up (empty)"
  big_run cat_big "warm-up (1M)"
  for p in $(seq "$PAIRS"); do
    if ((p % 2)); then order="cat_empty cat_big"; else order="cat_big cat_empty"; fi
    for t in $order; do big_run "$t" "pair $p $t (postgres)"; done
  done
  awk -v pairs="$PAIRS" '
    / cat_empty / { e[$2] = $NF } / cat_big / { b[$2] = $NF }
    function median(a, n,   i, j, t, s) { for (i in a) s[++n] = a[i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
      return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2 }
    END { for (p = 1; p <= pairs; p++) { r[p] = b[p] / e[p]; printf "  pair %d: empty %.2f s, 1M %.2f s, ratio %.2f\n", p, e[p], b[p], r[p] }
          printf "  median: empty %.2f s, 1M %.2f s; ratio median %.2f (goal <= 1.2), pairs over 1.2: ", median(e), median(b), median(r)
          over = 0; for (p = 1; p <= pairs; p++) if (r[p] > 1.2) over++; print over " of " pairs }' "$DIR/big-times"
  echo "  PostgREST (no goal):"
  big_run cat_empty "postgrest empty" "${PGREST[@]}"
  big_run cat_big "postgrest 1M" "${PGREST[@]}"
  # Every statement of one more 1M run, from the server log: what the upload asks of the catalog.
  log=$DIR/pg/server.log
  from=$(wc -l <"$log")
  big_run cat_big "1M, statements logged" PGOPTIONS='-c log_min_duration_statement=0'
  echo "  statements executed in that run (first word, count, total ms):"
  tail -n +"$((from + 1))" "$log" | grep -oE 'duration: [0-9.]+ ms +(execute|statement)[^:]*: [A-Z]+' |
    awk '{ k = $NF; c[k]++; t[k] += $2 } END { for (k in c) printf "    %-8s %5d %10.1f\n", k, c[k], t[k] }' | sort
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
