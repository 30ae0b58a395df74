#!/usr/bin/env bash
# The install test (run by scripts/test.sh after the swift tests; needs root and apt): builds the
# Debian package, installs it with `apt-get install ./r2s_….deb`, runs the installed r2s with the
# Swift toolchain out of PATH and LD_LIBRARY_PATH (--version, -c help, a local-profile
# upload/ls/sync session, plugin ls showing the shipped plugins), then `apt-get purge`s it and
# checks nothing is left outside the user's own config/data folders.
#   scripts/test-package.sh [OUTDIR]   (OUTDIR: where the package is built; default a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "test-package: FAIL: $*" >&2; exit 1; }
if dpkg-query -W -f='${Status}' r2s 2>/dev/null | grep -q "install ok installed"; then
    fail "an r2s package is already installed on this machine; this test installs and purges its own"
fi
work=$(mktemp -d /tmp/r2s-test-package.XXXXXX)
out=${1:-$work/dist}
installed=false
cleanup() {
    if $installed; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq r2s >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# Everything an r2s package could leave behind, outside dpkg's own bookkeeping.
leftovers() {
    find /usr /etc /opt /var/lib /var/cache -xdev \( -path /var/lib/dpkg -o -path /var/cache/apt \) -prune \
        -o \( -iname '*r2s*' -print \) 2>/dev/null | sort
}
leftovers >"$work/before"

start=$SECONDS
deb=$(scripts/package.sh "$out" | tail -n 1)
echo "test-package: package built in $((SECONDS - start)) s: $deb" >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(readlink -f "$deb")" >/dev/null
installed=true
dpkg -L r2s | sort >"$work/files"

# The installed r2s, with nothing of the toolchain in reach, in a fresh home (the local profile).
home=$work/home
mkdir -p "$home/files"
r2s() {
    (cd "$home/files" && env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME="$home" LANG=C.UTF-8 /usr/bin/r2s "$@")
}
[ -z "$(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -c 'command -v swift')" ] ||
    fail "swift is on the plain PATH: the test could not tell a toolchain-free r2s apart"
! ldd /usr/bin/r2s | grep -E "not found|/opt/swift|swift" || fail "the installed r2s needs a toolchain library"

version=$(r2s --version)
[[ $version =~ ^r2s\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ [0-9a-f]{12}(-dirty)?\)$ ]] || fail "--version printed '$version'"
[ "$(r2s -c help | grep -c '^  upload ')" = 1 ] || fail "-c help does not list upload"

printf 'hello\n' >"$home/files/hello.txt"
r2s -c 'upload hello.txt --to notes' >/dev/null || fail "upload failed"
listing=$(r2s -c 'ls notes/')
[[ $listing == *hello.txt* ]] || fail "ls notes/ does not show the upload: $listing"
# Sync when already consistent changes nothing; check agrees (exit 0, not 6).
r2s -q -c 'sync notes/' >/dev/null || fail "sync failed"
r2s -q -c 'check notes/' >/dev/null || fail "check found drift after sync"

# The shipped plugins, from /usr/share/r2s/plugins/<name>/ (found there since the one-folder-per-
# plugin layout of issue 14; before it, discovery read only loose files and this check fails).
shipped=$(r2s --csv -c 'plugin ls' | awk -F, '$3 == "shipped" {print $1}' | sort)
expected=$(ls /usr/share/r2s/plugins | sort)
[ -n "$expected" ] || fail "no shipped plugins in the package"
[ "$shipped" = "$expected" ] || fail "plugin ls shows shipped plugins '$(echo $shipped)', the package has '$(echo $expected)'"

# Man page and completions are where man and the shells look.
man -w r2s >/dev/null || fail "man cannot find r2s(1)"
[ -f /usr/share/bash-completion/completions/r2s ] || fail "no bash completion"

DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq r2s >/dev/null
installed=false
dpkg-query -W r2s >/dev/null 2>&1 && fail "dpkg still knows r2s after purge"
while read -r path; do
    # Shared folders (/usr/bin, /usr/share/man/man1…) stay; r2s's own files and folders must not.
    if [ -f "$path" ] || [ -L "$path" ]; then fail "$path is left after purge"; fi
    if [ -d "$path" ] && [[ $path == */r2s || $path == */r2s/* ]]; then fail "$path is left after purge"; fi
done <"$work/files"
leftovers >"$work/after"
diff "$work/before" "$work/after" >&2 || fail "files named r2s are left after purge (above)"
echo "test-package: ok ($((SECONDS - start)) s)" >&2
