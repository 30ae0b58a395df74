#!/usr/bin/env bash
# Shell-core benchmarks (bounded, local only; not a test):
#   1. `r2s -c help` wall time           goal: median <= 20 ms
#   2. a 10,000-line script of set/echo  goal: median <= 0.5 s
# Builds release first. Uses hyperfine when installed (apt-get install -y hyperfine), else a
# bash loop with `date +%s%N`. Prints the medians and whether each goal is met.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps.sh --bench  # rclone, hyperfine, GNU time, the test servers' packages
swift build -c release --product r2s >&2
r2s=$PWD/.build/release/r2s
work=$(mktemp -d /tmp/r2s-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# 5,000 `set` + 5,000 `echo` lines with quoting and interpolation, as a cron job would have.
script=$work/10k.r2s
for ((i = 0; i < 5000; i++)); do
    printf 'set V%d "value %d" $HOME\necho "line %d: $V%d" done\n' $((i % 50)) "$i" "$i" $((i % 50))
done >"$script"
[[ $(wc -l <"$script") -eq 10000 ]] || { echo "generated script is not 10,000 lines" >&2; exit 1; }
# Only time a run that does the whole job.
[[ $("$r2s" -f "$script" | wc -l) -eq 5000 ]] || { echo "the script did not print 5,000 lines" >&2; exit 1; }
"$r2s" -c help >/dev/null

median_ms() { # command... → median wall time in ms over 30 runs (after 3 warm-ups)
    local runs=30 t0 t1 i
    local -a times=()
    for ((i = 0; i < 3; i++)); do "$@" >/dev/null; done
    for ((i = 0; i < runs; i++)); do
        t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1000}'
}

measure() { # name goal_ms command...
    local name=$1 goal=$2 median
    shift 2
    if command -v hyperfine >/dev/null; then
        # -N: no intermediate shell (hyperfine >= 1.13), so only r2s itself is timed.
        hyperfine -N --warmup 3 --runs 30 --export-csv "$work/h.csv" "$*" >/dev/null 2>&1 ||
            hyperfine --warmup 3 --runs 30 --export-csv "$work/h.csv" "$*" >/dev/null
        median=$(awk -F, 'NR == 2 {printf "%.2f\n", $4 * 1000}' "$work/h.csv")  # command,mean,stddev,median,…
    else
        median=$(median_ms "$@")
    fi
    local verdict=ok
    awk -v m="$median" -v g="$goal" 'BEGIN {exit !(m <= g)}' || verdict="OVER GOAL"
    printf '%-28s median %8s ms  (goal <= %s ms) %s\n' "$name" "$median" "$goal" "$verdict"
}

measure "r2s -c help" 20 "$r2s" -c help
measure "10,000-line set/echo script" 500 "$r2s" -f "$script"
