#!/usr/bin/env bash
# Builds r2s for machines without a Swift toolchain and writes, into OUTDIR (default dist/,
# git-ignored):
#   r2s_<version>_<arch>.deb   the Debian package (binary, shipped plugins, man page,
#                              bash/zsh/fish completions, docs, changelog)
#   r2s_<version>_<arch>       the executable alone (needs the packages in the .deb's Depends)
#   scripts/package.sh [OUTDIR]
# The Swift runtime is linked statically (--static-swift-stdlib); every other library the
# executable loads must belong to a Debian package (dpkg -S) and none to the toolchain — the
# script fails otherwise. Metadata (control template, changelog, copyright): scripts/package/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dpkg-shlibdeps >/dev/null || { echo "r2s: needs dpkg-dev (scripts/install-deps.sh --test installs it)" >&2; exit 1; }
out=${1:-dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=.build-package  # its own build folder: a plain `swift build` stays dynamic and unstamped

# --- the build stamp: the commit `r2s --version` prints (Sources/CBuildInfo) -----------------
commit=unknown
if git rev-parse --git-dir >/dev/null 2>&1; then
    commit=$(git rev-parse --short=12 HEAD)
    [ -z "$(git status --porcelain --untracked-files=no)" ] || commit+="-dirty"
fi
stamp=Sources/CBuildInfo/generated/commit.h
mkdir -p "$(dirname "$stamp")"
# Removed again afterwards so a later plain build cannot show this commit for other code.
trap 'rm -rf Sources/CBuildInfo/generated' EXIT
printf '#define R2S_BUILD_COMMIT "%s"\n' "$commit" >"$stamp"

echo "r2s: release build with the static Swift runtime (commit $commit)" >&2
swift build -c release --product r2s --static-swift-stdlib --build-path "$build" >&2
bin="$(swift build -c release --static-swift-stdlib --build-path "$build" --show-bin-path)/r2s"
rm -rf Sources/CBuildInfo/generated

version=$("$bin" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
changelog_version=$(sed -n '1s/^r2s (\([^)]*\)).*/\1/p' scripts/package/changelog)
if [ "$changelog_version" != "$version" ]; then
    echo "r2s: scripts/package/changelog is at $changelog_version but r2s says $version: add a changelog entry" >&2
    exit 1
fi

# --- every library must come from a Debian package, none from the toolchain --------------------
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
while read -r lib; do
    case "$lib" in
    "$toolchain"/*) echo "r2s: $lib comes from the Swift toolchain" >&2; exit 1 ;;
    esac
    # dpkg knows a file by the path its package ships (/lib/… or /usr/lib/… on a merged /usr).
    real=$(readlink -f "$lib")
    dpkg -S "$real" >/dev/null 2>&1 || dpkg -S "$lib" >/dev/null 2>&1 || dpkg -S "${real#/usr}" >/dev/null 2>&1 || {
        echo "r2s: $lib belongs to no Debian package" >&2
        exit 1
    }
done < <(ldd "$bin" | awk '/=> \// {print $3} /^\t\// {print $1}')
if ldd "$bin" | grep -q "not found"; then ldd "$bin" >&2; exit 1; fi

# --- the tree the package installs -------------------------------------------------------------
stage=$(mktemp -d /tmp/r2s-package.XXXXXX)
trap 'rm -rf Sources/CBuildInfo/generated "$stage"' EXIT
pkg=$stage/r2s
install -D -m 0755 "$bin" "$pkg/usr/bin/r2s"
strip --strip-unneeded "$pkg/usr/bin/r2s"

# Shipped runtime plugins, one folder each: a plugins/<name>/ folder without Sources/ (the
# compiled modules have one), and a loose plugins/NAME.r2s or plugins/r2s-NAME file in NAME/.
plugins=$pkg/usr/share/r2s/plugins
mkdir -p "$plugins"
for entry in plugins/*; do
    name=$(basename "$entry")
    if [ -d "$entry" ]; then
        [ -d "$entry/Sources" ] && continue
        cp -R "$entry" "$plugins/$name"
    elif [ -f "$entry" ]; then
        case "$name" in
        *.r2s) folder=${name%.r2s} ;;
        r2s-*) folder=${name#r2s-} ;;
        *) continue ;;
        esac
        mkdir -p "$plugins/$folder"
        cp "$entry" "$plugins/$folder/$name"
    fi
done

# Man page and completions come from the built executable itself.
scripts/man.sh "$bin" "$stage/man" >/dev/null
install -D -m 0644 "$stage/man/r2s.1" "$pkg/usr/share/man/man1/r2s.1"
gzip -9n "$pkg/usr/share/man/man1/r2s.1"
completions() { env -i PATH=/usr/bin:/bin HOME="$stage/home" LANG=C.UTF-8 "$bin" -q -c "completion $1"; }
mkdir -p "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
    "$pkg/usr/share/fish/vendor_completions.d"
completions bash >"$pkg/usr/share/bash-completion/completions/r2s"
completions zsh >"$pkg/usr/share/zsh/vendor-completions/_r2s"
completions fish >"$pkg/usr/share/fish/vendor_completions.d/r2s.fish"

doc=$pkg/usr/share/doc/r2s
mkdir -p "$doc"
cp README.md "$doc/"
cp -R docs "$doc/docs"
cp scripts/package/copyright "$doc/copyright"
gzip -9nc scripts/package/changelog >"$doc/changelog.gz"

# Plain permissions whatever the checkout's umask: 0755 folders and programs, 0644 the rest.
find "$pkg" -type d -exec chmod 0755 {} +
find "$pkg" -type f -exec chmod go-w,a+r {} +

# --- control: Depends from the libraries the executable links (dpkg-shlibdeps) -----------------
mkdir -p "$stage/src/debian"
printf 'Source: r2s\n\nPackage: r2s\nArchitecture: any\n' >"$stage/src/debian/control"
depends=$(cd "$stage/src" && dpkg-shlibdeps -O "$pkg/usr/bin/r2s" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "r2s: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
mkdir -p "$pkg/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    scripts/package/control.in >"$pkg/DEBIAN/control"
(cd "$pkg" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"

deb=$out/r2s_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
install -m 0755 "$pkg/usr/bin/r2s" "$out/r2s_${version}_${arch}"
echo "r2s: $deb" >&2
echo "r2s: Depends: $depends" >&2
echo "$deb"
