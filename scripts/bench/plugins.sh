#!/usr/bin/env bash
# Plugin benchmarks (bounded, local only; not a test). Builds release, then reports medians of
# 30 runs (after 3 warm-ups; hyperfine -N when installed, else a bash loop, which adds its own fork cost):
#   1. `r2s -c help` with the default plugin folders (PATH, config, shipped examples)
#   2. the same with R2S_PLUGIN_PATH holding 200 extra plugins (100 .r2s + 100 r2s-NAME)
#   3. an external no-op plugin through r2s (`r2s -c noop`) vs. the bare `r2s -c true`
# Goal (issue 2): `r2s -c help` median <= 20 ms; discovery must not be what breaks it.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-deps.sh --bench  # rclone, hyperfine, GNU time, the test servers' packages
swift build -c release --product r2s >&2
r2s=$PWD/.build/release/r2s
work=$(mktemp -d /tmp/r2s-bench-plugins.XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/many" "$work/one"
for ((i = 0; i < 100; i++)); do
    printf '# r2s-plugin: generated script plugin %d\ntrue\n' "$i" >"$work/many/gen$i.r2s"
    printf '#!/bin/sh\n# r2s-plugin: generated program %d\nexit 0\n' "$i" >"$work/many/r2s-prog$i"
    chmod +x "$work/many/r2s-prog$i"
done
printf '#!/bin/sh\nexit 0\n' >"$work/one/r2s-noop" && chmod +x "$work/one/r2s-noop"
# Only time runs that do the whole job.
[[ $(R2S_PLUGIN_PATH=$work/many "$r2s" -c help | grep -c generated) -eq 200 ]] || {
    echo "help does not list the 200 generated plugins" >&2; exit 1; }
R2S_PLUGIN_PATH=$work/one "$r2s" -c noop

median_ms() { # command... → median wall time in ms (hyperfine -N when installed: no shell timed)
    local t0 t1 i
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs 30 --export-json "$work/h.json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$work/h.json"
        return
    fi
    local -a times=()
    for ((i = 0; i < 3; i++)); do "$@" >/dev/null; done
    for ((i = 0; i < 30; i++)); do
        t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1000}'
}

default=$(median_ms "$r2s" -c help)
many=$(R2S_PLUGIN_PATH=$work/many median_ms "$r2s" -c help)
bare=$(median_ms "$r2s" -c true)
noop=$(R2S_PLUGIN_PATH=$work/one median_ms "$r2s" -c noop)
echo "r2s -c help, default folders:        ${default} ms (goal <= 20 ms)"
echo "r2s -c help, +200 plugins:           ${many} ms"
echo "r2s -c true (no plugin run):         ${bare} ms"
echo "r2s -c noop (external plugin, sh):   ${noop} ms"
