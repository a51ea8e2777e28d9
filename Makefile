# idv-edge: every entry point installs what it needs first (scripts/setup.sh,
# idempotent), so each target works on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
CARGO_TARGET_DIR ?= $(CURDIR)/target
LOGS := $(CARGO_TARGET_DIR)/test-logs
export CARGO_TARGET_DIR

.PHONY: setup pkg test test-native test-node test-chrome test-js demo bench clean

setup:
	@bash scripts/setup.sh

# The npm package in pkg/: two release builds of the crate (the clients alone,
# the Sandbox alone: the clients do not carry the simulator's bytes), each
# through wasm-opt, then one package with its entries and exports map.
pkg: setup
	wasm-pack build --release --target web --out-dir pkg --out-name idv_edge --no-pack \
	  -- --no-default-features --features client
	wasm-pack build --release --target web --out-dir $(CARGO_TARGET_DIR)/pkg-sandbox --out-name idv_edge_sandbox --no-pack \
	  -- --no-default-features --features sandbox
	node scripts/build-pkg.mjs $(CARGO_TARGET_DIR)/pkg-sandbox

# Every test. Each runner must report a non-zero count (scripts/count.sh).
test: setup test-native test-node test-chrome test-js
	@echo "make test: all suites passed"

test-native:
	@mkdir -p $(LOGS)
	cargo test --all-targets 2>&1 | tee $(LOGS)/native.log
	@bash scripts/count.sh cargo $(LOGS)/native.log

test-node:
	@mkdir -p $(LOGS)
	wasm-pack test --node 2>&1 | tee $(LOGS)/node.log
	@bash scripts/count.sh wasm $(LOGS)/node.log

test-chrome:
	@mkdir -p $(LOGS)
	wasm-pack test --headless --chrome 2>&1 | tee $(LOGS)/chrome.log
	@bash scripts/count.sh wasm $(LOGS)/chrome.log

# JS-level tests against the built package (README example, runtimes).
test-js: pkg
	@mkdir -p $(LOGS)
	node --test tests/js/ 2>&1 | tee $(LOGS)/js.log
	@bash scripts/count.sh node $(LOGS)/js.log

# The main job: the demo against the Sandbox.
demo: pkg
	node www/demo.mjs

# Performance against the hand-written alternative (zod 4) and bare JSON.parse:
# one table, every figure a ratio to a baseline measured in the same run. Not
# part of `make test`. The extra build exports each candidate parse path.
bench: pkg
	wasm-pack build --release --target web --out-dir $(CARGO_TARGET_DIR)/bench-pkg --out-name idv_edge_bench --no-pack \
	  -- --no-default-features --features bench
	node bench/run.mjs

clean:
	rm -rf pkg target .tmp-*.log
