#!/usr/bin/env bash
# Installs the system packages r2s needs to build; --test adds what the test servers and tests
# use (and moto[server], pip-installed into the test tools venv), --bench what the benchmarks
# compare against (rclone, hyperfine, GNU time).
# Idempotent: skips apt when everything is already present. Run as root on Debian 12.
set -euo pipefail
build_pkgs=(libedit-dev libcurl4-openssl-dev libssl-dev libpq-dev libsqlite3-dev pkg-config)
test_pkgs=(postgresql-15 tmux python3-venv curl)
bench_pkgs=(rclone hyperfine time)
want=("${build_pkgs[@]}")
test_tools=false
for arg in "$@"; do
  case "$arg" in
    --test) want+=("${test_pkgs[@]}"); test_tools=true ;;
    --bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}"); test_tools=true ;;
    *) echo "usage: $0 [--test] [--bench]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "r2s: installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- moto (byte-exact S3 test server) ---------------------------------------------------------
# pip-installs moto[server] into the tools venv servers.sh uses (R2S_TOOLS_DIR), so `servers.sh up`
# needs no network later. servers.sh owns the venv layout; ask it for the path.
install_moto() {
  "$(cd "$(dirname "$0")" && pwd)/servers.sh" moto-path >/dev/null
}
if $test_tools; then install_moto; fi
# --- end moto ---------------------------------------------------------------------------------
# --- PgBouncer: the transaction-mode pooler the lock and sync tests also run through -----------
# (scripts/servers.sh pgbouncer-start). Debian's package also enables a system service on port
# 6432; the tests start their own instance, so that service is left stopped.
install_pgbouncer() {
  dpkg-query -W -f='${Status}' pgbouncer 2>/dev/null | grep -q "install ok installed" && return 0
  echo "r2s: installing system package: pgbouncer" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null
  systemctl disable --now pgbouncer >/dev/null 2>&1 || true
}
for arg in "$@"; do
  case "$arg" in --test | --bench) install_pgbouncer; break ;; esac
done
# --- Cloudflare Queues double (watch, issue 18) ------------------------------------------------
# Tests/Support/queues/queues_double.py needs only python3's standard library (and curl, already
# a test package, for servers.sh's readiness check). Debian's python3-venv pulls python3 in; this
# block makes the dependency explicit for a clean machine.
install_queues_double() {
  command -v python3 >/dev/null && return 0
  echo "r2s: installing system package: python3" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3 >/dev/null
}
if $test_tools; then install_queues_double; fi
# --- end Cloudflare Queues double ---------------------------------------------------------------
# --- packaging and completions: scripts/package.sh, scripts/test-package.sh, the completion tests -
# dpkg-dev (dpkg-shlibdeps for the .deb's Depends), binutils (strip), man-db and groff-base (the
# man page renders), and zsh and fish, whose completion scripts the tests load in the real shells.
install_packaging_tools() {
  local want=(dpkg-dev binutils man-db groff-base zsh fish) missing=() p
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "r2s: installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
for arg in "$@"; do
  case "$arg" in --test | --bench) install_packaging_tools; break ;; esac
done
# --- end packaging ------------------------------------------------------------------------------
