#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what it needs (apt, pip), starts SeaweedFS,
# PostgreSQL 15, PgBouncer, the PostgREST-subset double and moto (byte-exact S3) on 127.0.0.1 (any
# of them failing to start fails the run), runs `swift test` with R2S_REQUIRE_SERVERS=1 (a server test that
# would skip fails instead), and stops the servers again, whatever happens. Then every libFuzzer
# target runs for a few seconds (scripts/fuzz.sh, Linux; R2S_FUZZ_SECONDS, default 5): a crash,
# leak or timeout fails the run. Before that, scripts/test-package.sh installs and purges the .deb.
# Extra arguments go to `swift test` (e.g. --filter SigV4). First of all, scripts/lint.sh
# (swift-format with .swift-format): a rule finding fails the run before anything is built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then scripts/lint.sh; fi
# Install before starting PostgreSQL: an apt upgrade replaces server binaries under a running cluster.
scripts/install-deps.sh --test
dir=$(mktemp -d /tmp/r2s-test.XXXXXX)
# On failure, the servers' own logs say whether one of them died (a SeaweedFS that stopped answering
# mid-run once turned into 214 "cannot connect" failures with no trace left): print their tails first.
cleanup() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        find "$dir" -maxdepth 3 \( -name '*.out' -o -name '*.log' \) -size +0 2>/dev/null | sort | while read -r f; do
            echo "r2s: --- last lines of ${f#"$dir"/} ---" >&2
            tail -n 15 "$f" >&2 || true
        done
        for f in "$dir"/seaweed/logs/weed.{ERROR,FATAL,WARNING}; do
            [ -s "$f" ] && { echo "r2s: --- last lines of SeaweedFS's $(basename "$f") ---" >&2; tail -n 15 "$f" >&2; }
        done
    fi
    scripts/servers.sh down "$dir" || true
    rm -rf "$dir"
}
trap cleanup EXIT
echo "r2s: starting test servers in $dir" >&2
scripts/servers.sh up "$dir"
# shellcheck disable=SC1091
source "$dir/env"
export R2S_REQUIRE_SERVERS=1 R2S_TEST_TMP="$dir"
swift build --build-tests
# A hung test must fail the run, not eat CI's 90 minutes: the suite takes ~1-3 minutes.
timeout -k 30 1200 swift test --skip-build "$@"
# The install test: build the .deb, apt-get install it, run it without the toolchain, purge it
# (scripts/test-package.sh; a clean clone's release build dominates its time). Not with a --filter.
if [ $# -eq 0 ] && [ "$(uname -s)" = Linux ]; then
    timeout -k 30 2400 scripts/test-package.sh
fi
# Not with a --filter: that run is about a few tests.
if [ $# -eq 0 ] && [ "$(uname -s)" = Linux ]; then
    timeout -k 30 900 scripts/fuzz.sh all "${R2S_FUZZ_SECONDS:-5}"
fi
