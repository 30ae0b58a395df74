#!/usr/bin/env bash
# libFuzzer targets for r2s's parsers (Linux, swiftc -sanitize=fuzzer,address).
#
#   scripts/fuzz.sh TARGET SECONDS   fuzz one target (corpus: Tests/Fuzz/TARGET/corpus, read-only;
#                                    new inputs go to .build/fuzz/corpus/TARGET)
#   scripts/fuzz.sh all SECONDS      every target in turn, SECONDS each (scripts/test.sh: 5)
#   scripts/fuzz.sh build [TARGET]   only build
#   scripts/fuzz.sh list             the targets
#
# Each target is Tests/Fuzz/<target>/Harness.swift (defines LLVMFuzzerTestOneInput) compiled
# against the package modules it exercises, which are compiled here straight from Sources/ with
# `-enable-testing` (the harness uses `@testable import`) and fuzzer/ASan instrumentation.
# swift-argument-parser (needed by R2SCore) is compiled uninstrumented from SwiftPM's checkout.
# Everything lands in .build/fuzz and is rebuilt only when a source is newer than its output.
# A crash, leak, timeout or out-of-memory exits non-zero; the input that caused it is written to
# .build/fuzz/artifacts/TARGET/ (turn it into a regression test, see Tests/Fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/.build/fuzz
mods=$out/modules
ap=$root/.build/checkouts/swift-argument-parser/Sources
targets="script dotenv keymapping xml glob"

# Each module: its sources, the modules it imports, and whether it is instrumented.
module_sources() {
    case $1 in
    ArgumentParserToolInfo) find "$ap/ArgumentParserToolInfo" -name '*.swift' ;;
    ArgumentParser) find "$ap/ArgumentParser" -name '*.swift' ;;
    UserFacing) find Sources/UserFacing -name '*.swift' ;;
    R2SCore) find Sources/R2SCore -name '*.swift' ;;
    ObjectStore) find Sources/ObjectStore -name '*.swift' ;;
    # Only the glob files of Scope (the rest needs the catalog).
    Scope) ls Sources/Scope/Glob.swift Sources/Scope/GlobParser.swift Sources/Scope/GlobRule.swift Sources/Scope/ScopeError.swift ;;
    # Only the XML files of S3 (the rest needs libcurl and OpenSSL).
    S3) ls Sources/S3/XML/*.swift ;;
    *) echo "fuzz.sh: unknown module $1" >&2; return 1 ;;
    esac | LC_ALL=C sort
}
module_deps() {
    case $1 in
    ArgumentParser) echo ArgumentParserToolInfo ;;
    R2SCore) echo ArgumentParserToolInfo ArgumentParser UserFacing ;;
    ObjectStore) echo UserFacing ;;
    Scope) echo UserFacing ObjectStore ;;
    S3) echo UserFacing ObjectStore ;;
    *) ;;
    esac
}
target_modules() {
    case $1 in
    script | dotenv) echo ArgumentParserToolInfo ArgumentParser UserFacing R2SCore ;;
    keymapping) echo UserFacing ObjectStore ;;
    xml) echo UserFacing ObjectStore S3 ;;
    glob) echo UserFacing ObjectStore Scope ;;
    *) echo "fuzz.sh: unknown target '$1' (targets: $targets)" >&2; return 1 ;;
    esac
}

# True when $1 is missing or older than any of the following files.
stale() {
    local target=$1; shift
    [ -e "$target" ] || return 0
    local f
    for f in "$@"; do [ "$f" -nt "$target" ] && return 0; done
    return 1
}

build_module() {
    local name=$1 sources deps flags=(-O -parse-as-library -wmo -enable-testing -module-name "$1")
    mapfile -t sources < <(module_sources "$name")
    read -r -a deps <<<"$(module_deps "$name")"
    local dep_files=()
    for d in "${deps[@]}"; do dep_files+=("$mods/$d.stamp"); done
    # A stamp, not the .o: swiftc leaves an output it would write unchanged untouched.
    stale "$mods/$name.stamp" "${sources[@]}" "${dep_files[@]}" "$0" || return 0
    case $name in
    ArgumentParser*) flags=(-Onone -suppress-warnings -parse-as-library -wmo -module-name "$name") ;;  # not fuzzed: fast to build
    # The package's own settings (Package.swift's `strict` list, `package` access).
    *) flags+=(-sanitize=fuzzer,address -swift-version 6 -package-name r2s -enable-upcoming-feature ExistentialAny
        -enable-upcoming-feature InternalImportsByDefault -enable-upcoming-feature MemberImportVisibility) ;;
    esac
    echo "fuzz.sh: compiling module $name (${#sources[@]} files)" >&2
    swiftc "${flags[@]}" -I "$mods" -c "${sources[@]}" -o "$mods/$name.o" \
        -emit-module -emit-module-path "$mods/$name.swiftmodule"
    touch "$mods/$name.stamp"
}

build_target() {
    local t=$1 m objs=() stamps=()
    [ -d "$ap" ] || swift package resolve >&2
    mkdir -p "$mods" "$out/bin"
    for m in $(target_modules "$t"); do
        build_module "$m"
        objs+=("$mods/$m.o")
        stamps+=("$mods/$m.stamp")
    done
    local harness=(Tests/Fuzz/"$t"/*.swift)
    stale "$out/bin/$t" "${harness[@]}" "${stamps[@]}" || return 0
    echo "fuzz.sh: linking $t" >&2
    swiftc -O -parse-as-library -sanitize=fuzzer,address -use-ld=lld -swift-version 6 -package-name r2s -I "$mods" \
        "${harness[@]}" "${objs[@]}" -o "$out/bin/$t"
}

# One build at a time: several fuzzers started together share the module outputs.
locked_build() {
    mkdir -p "$out"
    (flock 9 && build_target "$1") 9>"$out/build.lock"
}

run_target() {
    local t=$1 seconds=$2
    locked_build "$t"
    mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
    local dict=()
    [ -f "Tests/Fuzz/$t/dictionary" ] && dict=(-dict="Tests/Fuzz/$t/dictionary")
    echo "fuzz.sh: fuzzing $t for ${seconds}s" >&2
    # New inputs go to the first (writable) corpus folder; the committed seeds stay untouched.
    # -rss_limit_mb: the parsers must stay bounded; -timeout: one input may take at most 10 s.
    # The Swift backtracer reads memory ASan flags after a crash: libFuzzer's report is enough.
    SWIFT_BACKTRACE=enable=no "$out/bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/" "${dict[@]}" \
        "$out/corpus/$t" "Tests/Fuzz/$t/corpus" 2>"$out/$t.log" || {
        tail -40 "$out/$t.log" >&2
        echo "fuzz.sh: $t FAILED (input in $out/artifacts/$t/, log $out/$t.log)" >&2
        return 1
    }
    grep -E '^stat::number_of_executed_units' "$out/$t.log" | sed "s/^/$t /" >&2
}

case ${1:-} in
list) echo "$targets" ;;
build)
    for t in ${2:-$targets}; do locked_build "$t"; done ;;
all)
    failed=0
    for t in $targets; do run_target "$t" "${2:-5}" || failed=1; done
    exit $failed ;;
"" | -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
*) run_target "$1" "${2:-60}" ;;
esac
