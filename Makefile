# news-embed: `make test` is the one command CI and people run; it installs what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
## wasm-bindgen-test's runner stops a test binary after 20 s by default: the XSS suite takes
## 4-11 s here, and far longer on a loaded machine.
export WASM_BINDGEN_TEST_TIMEOUT ?= 600
WASM_PACK_FLAGS := --target web --out-dir pkg --out-name news_embed

.PHONY: bench bench-smoke screenshot all setup setup-build dist package plain dist-fallback demo test test-native test-browser test-chrome test-firefox test-e2e test-fuzz fuzz fmt clean

all: dist

## What `make test` needs: everything (scripts/setup.sh says what).
setup:
	@bash scripts/setup.sh test

## What building and serving need: no browser, driver or fuzzer.
setup-build:
	@bash scripts/setup.sh build

## dist/: news-embed.js (the loader, the wasm-bindgen glue and its snippet, bundled) and the
## .wasm beside it, named by its content hash; relative URLs only.
## The release wasm rebuilds the standard library for size: panics abort without formatting
## a message and std picks its small algorithms. These are unstable flags, enabled on the
## stable toolchain with RUSTC_BOOTSTRAP, as `make fuzz` does; measured 101,316 -> 86,073 B
## gzip. Panics carry no source locations either (their file paths were data in the wasm:
## 60,824 -> 60,327 B). A compiler that refuses them (they are unstable: a toolchain update
## may rename or drop one) gets the plain stable build instead, with a one-line notice: the
## wasm is then larger, never missing. Its own target dir keeps the test builds' cache.
SIZE_RUSTFLAGS ?= -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none
SIZE_CARGO_FLAGS := -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
PKG_DIR ?= pkg
DIST_DIR ?= dist
dist: setup-build
	rm -rf $(PKG_DIR)/snippets
	@mkdir -p target
	@if ! RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(SIZE_RUSTFLAGS)" CARGO_TARGET_DIR=target/dist \
	  wasm-pack build --release --target web --out-dir $(PKG_DIR) --out-name news_embed . -- \
	  $(SIZE_CARGO_FLAGS) >target/dist-size.log 2>&1; then \
	  echo "make dist: the compiler refused the size flags (target/dist-size.log); plain stable build instead"; \
	  CARGO_TARGET_DIR=target/plain wasm-pack build --release --target web \
	    --out-dir $(PKG_DIR) --out-name news_embed .; \
	fi
	rm -rf $(DIST_DIR) target/bundle && mkdir -p $(DIST_DIR) target/bundle
	cp -r $(PKG_DIR)/news_embed.js $(PKG_DIR)/snippets js/news-embed.js target/bundle/
	cp $(PKG_DIR)/news_embed_bg.wasm $(DIST_DIR)/
	node scripts/shorten-imports.mjs $(DIST_DIR)/news_embed_bg.wasm target/bundle/news_embed.js
	@# The wasm named by its content hash; one minified news-embed.js (loader, glue, shim) that
	@# fetches it with its sha384 integrity (scripts/bundle.mjs says why).
	node scripts/bundle.mjs target/bundle $(DIST_DIR)
	@# The stylesheet server-rendered pages link (`news-embed render`); the widget adopts the
	@# same one from the wasm.
	cargo run --quiet --bin news-embed -- stylesheet >$(DIST_DIR)/news-embed.css
	@printf '$(DIST_DIR)/ sizes (bytes, raw and gzip -9):\n'
	@for f in $$(find $(DIST_DIR) -type f | sort); do \
	  printf '  %-60s %8d %8d\n' "$$f" $$(wc -c <"$$f") $$(gzip -9c "$$f" | wc -c); done
	@printf '  %-60s %8d %8d\n' total $$(cat $$(find $(DIST_DIR) -type f) | wc -c) \
	  $$(for f in $$(find $(DIST_DIR) -type f); do gzip -9c "$$f"; done | wc -c)
	@printf "the script tag (its integrity covers all the code):\n  "; node scripts/snippet.mjs $(DIST_DIR) /dist/news-embed.js

## The npm package: target/package/news-embed-<version>.tgz (dist/, README, CHANGELOG, the
## license texts; the version is Cargo.toml's), and the script tag with its integrity.
package: dist
	node scripts/package.mjs

## What a Rust user gets from the README's plain build: `wasm-pack build --release --target
## web` on the stable toolchain, no unstable flags (the e2e suite renders the seed with it).
plain:
	CARGO_TARGET_DIR=target/plain wasm-pack build --release --target web \
	  --out-dir target/plain/pkg --out-name news_embed .

## `make dist` on a compiler that refuses the size flags (here: one no compiler knows) falls
## back to the plain build: its notice, and a dist/ that works (the e2e suite renders it).
dist-fallback: setup-build
	@set -o pipefail; $(MAKE) --no-print-directory dist SIZE_RUSTFLAGS=-Zno-such-flag-for-the-fallback-test \
	  PKG_DIR=target/fallback/pkg DIST_DIR=target/fallback/dist | tee target/fallback.log
	@grep -q "^make dist: the compiler refused the size flags" target/fallback.log \
	  || { echo "dist-fallback: no notice of the fallback"; exit 1; }

## Serves www/ (which links ../dist as www/dist) with Python's own static file server.
demo: dist
	node scripts/server-rendered-page.mjs http://127.0.0.1:$(PORT)
	@echo "news-embed demo: http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

## Every suite, then how many tests each passed, failed and skipped (by name), also when one
## failed (the log is kept in target/test.log).
test: setup
	@mkdir -p target
	@set -o pipefail; $(MAKE) --no-print-directory test-native test-browser test-e2e test-fuzz bench-smoke 2>&1 | tee target/test.log; \
	  status=$$?; python3 scripts/test-summary.py target/test.log; exit $$status

test-native:
	cargo test --all-targets
	cargo test --doc
	@# rust-version names a compiler that builds the crate: the locked dependencies' own
	@# rust-versions, and std APIs in our code (clippy's incompatible_msrv), both targets.
	python3 scripts/check-rust-version.py
	cargo clippy --quiet --lib --bins -- -A clippy::all -D clippy::incompatible_msrv
	cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -A clippy::all -D clippy::incompatible_msrv
	@# The API documentation, browser module included, builds without a warning.
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --document-private-items
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --document-private-items --target wasm32-unknown-unknown

test-browser: test-chrome test-firefox

## `--all-targets`: the test targets, not the doc examples (they are native: they read JSON with
## serde_json, and `test-native` runs them).
test-chrome:
	wasm-pack test --headless --chrome -- --all-targets

test-firefox:
	wasm-pack test --headless --firefox -- --all-targets

test-e2e: dist plain dist-fallback
	node scripts/package.mjs
	node --test --test-concurrency=1 e2e/

## Fuzzing (cargo fuzz, native): every format adapter with both views, the sanitizer policy
## and the HTML-to-text reader, and dates. `make test` runs each for FUZZ_SECONDS (10);
## `make fuzz` for 60. A crash stops the run with its input in fuzz/artifacts/.
FUZZ_SECONDS ?= 10
FUZZ_TARGETS := formats sanitize dates stream tree differential

test-fuzz:
	@mkdir -p target $(addprefix fuzz/corpus/,$(FUZZ_TARGETS))
	@cp www/fixtures/*.json www/fixtures/*/*.json fuzz/corpus/formats/
	@for t in formats tree differential; do cp tests/corpus/*/[!e]*.json fuzz/corpus/$$t/; done
	@for t in $(FUZZ_TARGETS); do \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none $$t fuzz/corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) >target/fuzz-$$t.log 2>&1 \
	    || { tail -40 target/fuzz-$$t.log; echo "fuzz $$t: crashed"; exit 1; }; \
	  printf 'fuzz: %-8s %s\n' $$t "$$(grep -E '^Done' target/fuzz-$$t.log)"; \
	done

fuzz:
	@$(MAKE) --no-print-directory test-fuzz FUZZ_SECONDS=60

## news-embed against the vanilla JavaScript baseline (bench/vanilla/) in headless Chromium:
## sizes, render, update, cold start and memory; budgets enforced, bench/results.json written.
## First the calibration against js-framework-benchmark's vanillajs in the same browser
## (bench/calibrate.mjs); without a local mirror of that repository (exit 2), the committed
## bench/calibration.json is reported as it stands. It needs the test setup (the browsers,
## geckodriver, playwright-core), so that it runs from a fresh clone.
bench: setup dist
	node bench/vanilla/build.mjs
	@node bench/calibrate.mjs || [ $$? -eq 2 ]
	node bench/run.mjs

## A few samples of the same, to see that it runs (make test runs this; budgets reported only).
bench-smoke: setup dist
	node bench/vanilla/build.mjs
	node bench/run.mjs --smoke

## Refreshes docs/screenshot.png (the README's) from the e2e demo test.
screenshot: setup dist
	UPDATE_SCREENSHOT=1 node --test e2e/demo.test.mjs

fmt:
	cargo fmt --check

clean:
	rm -rf target pkg dist e2e/artifacts
