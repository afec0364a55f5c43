#!/usr/bin/env bash
# Installs what `make` needs, skipping whatever is already present, so that a fresh machine
# builds and tests and a prepared one costs seconds.
#
#   bash scripts/setup.sh build   what `make dist` and `make demo` need: the rustup target
#                                 wasm32-unknown-unknown, rust-src, wasm-pack,
#                                 wasm-bindgen-cli, and package.json's "dependencies" (binaryen
#                                 for wasm-opt, esbuild, terser). No browser, driver or fuzzer.
#   bash scripts/setup.sh [test]  all of that and what `make test` needs besides: Chromium,
#                                 chromedriver and Firefox ESR (apt-get, through sudo when not
#                                 root), geckodriver, cargo-fuzz, and package.json's
#                                 "devDependencies" (playwright-core, axe-core).
#
# Without apt-get (not Debian or Ubuntu), the test mode installs everything else, then names
# the browsers and drivers to install by hand and exits non-zero if any of them is missing.
set -euo pipefail

# The versions `cargo install` installs, and the only ones taken as present.
WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130 # exactly Cargo.toml's wasm-bindgen = "=…" (e2e/setup.test.mjs checks)
GECKODRIVER_VERSION=0.37.1
CARGO_FUZZ_VERSION=0.13.2

# The Debian packages of the browser suites: the two browsers and Chromium's WebDriver.
APT_PACKAGES=(chromium chromium-driver firefox-esr)

mode=${1:-test}
case $mode in
  build | test) ;;
  *)
    printf 'usage: bash scripts/setup.sh [build|test]\n' >&2
    exit 2
    ;;
esac

case ${BASH_SOURCE[0]} in
  */*) cd "${BASH_SOURCE[0]%/*}/.." ;;
  *) cd .. ;;
esac

say() { printf 'setup: %s\n' "$*"; }

# One run at a time: `make -j` can start `setup` and `dist`'s `setup-build` together, and two
# `npm ci` in one node_modules break each other. A second run waits, then finds all present.
if command -v flock >/dev/null 2>&1; then
  mkdir -p target
  exec 9>target/.setup.lock
  flock 9
fi

# What this script cannot install; listed at the end, and then it exits with 1.
by_hand=()
report_by_hand() {
  [ ${#by_hand[@]} -eq 0 ] && return 0
  say "missing; install by hand, then run \`bash scripts/setup.sh $mode\` again:"
  local item
  for item in "${by_hand[@]}"; do say "  - $item"; done
  exit 1
}

for tool in rustup cargo; do
  command -v "$tool" >/dev/null 2>&1 || by_hand+=("$tool: Rust through rustup (https://rustup.rs)")
done
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || by_hand+=("$tool: Node.js 20 or later, with npm")
done
command -v python3 >/dev/null 2>&1 || by_hand+=("python3: Python 3 (make demo serves with it)")
report_by_hand

# The version a tool reports as the second word of its first line (`wasm-pack 0.15.1`), or
# nothing when the tool is missing.
version_of() { { "$1" --version 2>/dev/null || true; } | awk 'NR == 1 { print $2 }'; }

# need_crate CRATE BINARY VERSION [cargo install flags]: installs CRATE at VERSION unless
# BINARY reports that version (another version is replaced).
need_crate() {
  local crate=$1 binary=$2 version=$3 have
  shift 3
  have=$(version_of "$binary")
  [ "$have" = "$version" ] && return 0
  say "cargo install $crate $version${have:+ (found $have)}"
  cargo install "$@" --force --version "$version" "$crate"
}

# apt-get runs as root: through sudo for anyone else.
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi

# Chromium, chromedriver, Firefox ESR: with apt-get where there is one; elsewhere, checked and
# named for installing by hand.
browsers() {
  if command -v apt-get >/dev/null 2>&1; then
    local missing=() pkg status
    for pkg in "${APT_PACKAGES[@]}"; do
      status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
      case $status in *'install ok installed'*) ;; *) missing+=("$pkg") ;; esac
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
      by_hand+=("as root (this user is not root and there is no sudo): apt-get install ${missing[*]}")
      return 0
    fi
    say "${SUDO:+$SUDO }apt-get install ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    local chromium=${CHROMIUM_PATH:-/usr/bin/chromium} firefox=${FIREFOX_PATH:-/usr/bin/firefox-esr}
    [ -x "$chromium" ] \
      || by_hand+=("Chromium, at $chromium or anywhere with CHROMIUM_PATH set to its binary")
    command -v chromedriver >/dev/null 2>&1 \
      || by_hand+=("chromedriver (Chromium's WebDriver, of the same version), on PATH")
    [ -x "$firefox" ] \
      || by_hand+=("Firefox ESR, at $firefox or anywhere with FIREFOX_PATH set to its binary")
    command -v firefox >/dev/null 2>&1 \
      || by_hand+=("firefox on PATH (geckodriver starts it; this script installs geckodriver with cargo)")
  fi
}

if [ "$mode" = test ]; then browsers; fi

installed=$(rustup target list --installed 2>/dev/null || true)
if ! grep -qx wasm32-unknown-unknown <<<"$installed"; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source: `make dist` rebuilds std for size (see the Makefile).
installed=$(rustup component list --installed 2>/dev/null || true)
if ! grep -q '^rust-src' <<<"$installed"; then
  say "rustup component add rust-src"
  rustup component add rust-src
fi

# --locked: the dependency versions each tool's own Cargo.lock names.
need_crate wasm-pack wasm-pack "$WASM_PACK_VERSION" --locked
# Not --locked: the registry mirror lacks one of its locked dependencies (webpki-roots 1.0.11).
need_crate wasm-bindgen-cli wasm-bindgen "$WASM_BINDGEN_VERSION"

if [ "$mode" = test ]; then
  need_crate geckodriver geckodriver "$GECKODRIVER_VERSION" --locked
  # The fuzzer (native; built with RUSTC_BOOTSTRAP for the flags it needs on stable Rust).
  need_crate cargo-fuzz cargo-fuzz "$CARGO_FUZZ_VERSION" --locked
fi

# npm, from package-lock.json: "dependencies" are the build tools (wasm-opt from binaryen,
# esbuild, terser), "devDependencies" the test tools (playwright-core; axe-core for the
# accessibility tests). A lock newer than node_modules' own copy installs again.
have_build_tools() {
  [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] \
    && [ -x node_modules/.bin/terser ]
}
have_test_tools() {
  [ -f node_modules/playwright-core/package.json ] && [ -f node_modules/axe-core/package.json ]
}
npm_ci() {
  say "npm ci${*:+ $*}"
  npm ci "$@" --no-audit --no-fund --loglevel=error
}
stale=false
if [ package-lock.json -nt node_modules/.package-lock.json ]; then stale=true; fi
if [ "$mode" = build ]; then
  if $stale || ! have_build_tools; then
    # npm ci empties node_modules: keep the test tools where they were installed.
    if have_test_tools; then npm_ci; else npm_ci --omit=dev; fi
  fi
elif $stale || ! have_build_tools || ! have_test_tools; then
  npm_ci
fi

report_by_hand
say "ready ($mode)"
