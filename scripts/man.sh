#!/usr/bin/env bash
# Writes the man page r2s.1 from r2s's own help texts (`r2s --help`, `help`, every command's and
# subcommand's `--help`), so the page never disagrees with the program.
#   scripts/man.sh [R2S] [OUTDIR]   R2S: the executable to ask (default: builds .build/debug/r2s);
#                                   OUTDIR: where r2s.1 goes (default: build/man, git-ignored)
# View it with `man -l build/man/r2s.1`.
set -euo pipefail
cd "$(dirname "$0")/.."
r2s=${1:-}
out=${2:-build/man}
if [ -z "$r2s" ]; then
    swift build --product r2s >&2
    r2s=.build/debug/r2s
fi
mkdir -p "$out"
home=$(mktemp -d /tmp/r2s-man.XXXXXX)
trap 'rm -rf "$home"' EXIT
# A clean environment: the local profile, no operator plugins, English texts.
run() {
    env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 XDG_CONFIG_HOME="$home/config" \
        XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" "$r2s" "$@"
}
# roff: a backslash is \e, a leading . or ' would be a request, - is a hyphen unless \-.
roff() { sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/' -e 's/-/\\-/g'; }
# The text of section NAME in `r2s --help`: the lines after the heading ("NAME:" or
# "NAME (…):") up to the next blank line.
usage_section() { run --help | awk -v s="$1" 'index($0, s) == 1 && /:$/ {on = 1; next} on && /^$/ {exit} on'; }
# The names listed under SUBCOMMANDS: in a help text.
subcommands() { awk '/^SUBCOMMANDS:/ {on = 1; next} on && /^[^ ]/ {exit} on && /^  [a-z]/ {print $1}'; }

version=$(run --version | awk '{print $2}')
commands=$(run -q -c 'help --csv' | awk -F, 'NR > 1 && $2 != "shell" {print $1}')
{
    # The help texts have UTF-8 (…, —); man-db converts it (preconv) when told so here.
    echo "'\\\" -*- coding: UTF-8 -*-"
    echo ".TH R2S 1 \"$(date -u +%Y-%m-%d)\" \"r2s $version\" \"User Commands\""
    echo ".SH NAME"
    echo "r2s \\- admin shell for Cloudflare R2 (S3) and its Postgres file catalog"
    echo ".SH SYNOPSIS"
    echo ".nf"
    usage_section USAGE | sed 's/^  //' | roff
    echo ".fi"
    echo ".SH DESCRIPTION"
    echo "r2s keeps a bucket (R2 or any S3 server) and its catalog table \\fBstorage\\fR consistent."
    echo "It is an interactive shell and a batch interpreter for \\fB.r2s\\fR scripts; every command"
    echo "below can be typed at its prompt, put in a script, or run with \\fBr2s \\-c\\fR."
    echo "Without configuration it runs on the embedded profile \\fBlocal\\fR (a folder as the bucket,"
    echo "SQLite as the catalog)."
    echo ".SH OPTIONS"
    echo ".nf"
    usage_section OPTIONS | sed 's/^  //' | roff
    echo ".fi"
    echo ".SH COMMANDS"
    echo ".nf"
    run -c help | tail -n +2 | roff
    echo ".fi"
    for cmd in $commands; do
        text=$(run -c "help $cmd" 2>&1 || true)
        echo ".SS $(roff <<<"$cmd")"
        echo ".nf"
        printf '%s\n' "$text" | roff
        echo ".fi"
        for sub in $(printf '%s\n' "$text" | subcommands); do
            echo ".SS $(roff <<<"$cmd $sub")"
            echo ".nf"
            run -c "help $cmd $sub" 2>&1 | roff || true
            echo ".fi"
        done
    done
    echo ".SH EXIT STATUS"
    echo ".nf"
    usage_section "EXIT STATUS" | sed 's/^  //' | roff
    echo ".fi"
    echo ".SH FILES"
    echo "\\fI~/.config/r2s/config\\fR (profiles), \\fI~/.config/r2s/plugins/\\fR (your plugins),"
    echo "\\fI/usr/share/r2s/plugins/\\fR (shipped plugins), \\fI/usr/share/doc/r2s/\\fR (the documentation)."
    echo ".SH SEE ALSO"
    echo "\\fBrclone\\fR(1), \\fBpsql\\fR(1); the documentation in \\fI/usr/share/doc/r2s\\fR or the repository's \\fIdocs/\\fR."
} >"$out/r2s.1"
echo "$out/r2s.1"
