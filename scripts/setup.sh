#!/usr/bin/env bash
# Installs what the build and the test suites need, skipping whatever is already present,
# so that `make test` works on a fresh machine and costs seconds on a prepared one.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
say() { printf 'setup: %s\n' "$*"; }

# Debian packages: the two browsers and Chromium's WebDriver.
missing=()
for pkg in chromium chromium-driver firefox-esr; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The standard library's source: `make dist` rebuilds std for size (see the Makefile).
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "rustup component add rust-src"
  rustup component add rust-src
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "cargo install wasm-pack"
  cargo install wasm-pack
fi

# The CLI must match the crate's pinned wasm-bindgen exactly. Not --locked: the registry
# mirror lacks one of its locked dependencies.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v geckodriver >/dev/null 2>&1; then
  say "cargo install geckodriver"
  cargo install geckodriver
fi

# The fuzzer (native; built with RUSTC_BOOTSTRAP for the flags it needs on stable Rust).
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "cargo install cargo-fuzz"
  cargo install cargo-fuzz
fi

# npm packages (wasm-opt from binaryen, playwright-core, axe-core for the accessibility
# tests) from the lock file.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/axe-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready"
