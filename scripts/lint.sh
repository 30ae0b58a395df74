#!/usr/bin/env bash
# Lints the Swift sources with swift-format (shipped with the Swift toolchain) and the checked-in
# .swift-format (120 columns, 4-space indentation, the rule set matched to the current style).
#
# Two kinds of finding:
# - rule findings (a rule of .swift-format's "rules", e.g. NeverForceUnwrap, NoBlockComments):
#   any one fails the run;
# - layout findings of the pretty printer (Indentation, LineLength, AddLines, RemoveLine, Spacing,
#   TrailingComma): counted and reported, not failing. The tree predates the configuration and
#   reformatting every file at once would collide with every branch in flight; `swift format -i`
#   on a file you touch brings it in line.
# Usage: scripts/lint.sh [PATH...]   (default: every Swift file git tracks)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! swift format --version >/dev/null 2>&1; then
    echo "lint: swift-format is not available (it ships with Swift 6 toolchains)" >&2
    exit 2
fi
if [ $# -gt 0 ]; then
    files=("$@")
else
    mapfile -t files < <(git ls-files '*.swift')
fi
out=$(swift format lint --configuration .swift-format --parallel "${files[@]}" 2>&1 || true)
# The rule names the configuration knows; a finding tagged with one of them is a rule finding.
rules=$(sed -n '/"rules"/,/}/p' .swift-format | grep -o '"[A-Za-z]*" *:' | tr -d '": ')
rule_findings=$(printf '%s\n' "$out" | grep -E "(warning|error): \[($(echo "$rules" | paste -sd'|'))\]" || true)
layout=$(printf '%s\n' "$out" | grep -cE "(warning|error): \[" || true)
layout=$((layout - $(printf '%s' "$rule_findings" | grep -c . || true)))
echo "lint: ${#files[@]} files; layout findings (not failing): $layout" >&2
if [ -n "$rule_findings" ]; then
    printf '%s\n' "$rule_findings" >&2
    echo "lint: $(printf '%s\n' "$rule_findings" | wc -l) rule finding(s); fix them (see .swift-format)" >&2
    exit 1
fi
echo "lint: no rule findings" >&2
