# idv-edge: every entry point installs what it needs first (scripts/setup.sh,
# idempotent), so each target works on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/tests/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
CARGO_TARGET_DIR ?= $(CURDIR)/target
LOGS := $(CARGO_TARGET_DIR)/test-logs
export CARGO_TARGET_DIR

.PHONY: setup pkg test test-native test-node test-chrome test-js test-runtimes test-demo test-reliability fuzz demo bench clean

setup:
	@bash scripts/setup.sh

# The npm package in pkg/: release builds of the crate (both clients; the
# Sandbox alone, so the clients do not carry the simulator's bytes; each
# client alone), each through wasm-opt, then one package with its entries and
# exports map. Every release wasm is built with scripts/wasm-std.sh's settings.
WASM_RELEASE := source scripts/wasm-std.sh && wasm-pack build --release --target web --no-pack
pkg: setup
	$(WASM_RELEASE) --out-dir pkg --out-name idv_edge -- --no-default-features --features client
	$(WASM_RELEASE) --out-dir $(CARGO_TARGET_DIR)/pkg-sandbox --out-name idv_edge_sandbox -- --no-default-features --features sandbox
	$(WASM_RELEASE) --out-dir $(CARGO_TARGET_DIR)/pkg-caisson --out-name idv_edge_caisson -- --no-default-features --features caisson
	$(WASM_RELEASE) --out-dir $(CARGO_TARGET_DIR)/pkg-goldstar --out-name idv_edge_goldstar -- --no-default-features --features goldstar
	node scripts/build-pkg.mjs $(CARGO_TARGET_DIR)/pkg-sandbox $(CARGO_TARGET_DIR)/pkg-caisson $(CARGO_TARGET_DIR)/pkg-goldstar

# The package only when it is missing or older than its sources (for the demo).
PKG_SOURCES := $(shell find src -type f) Cargo.toml Cargo.lock scripts/build-pkg.mjs scripts/wasm-std.sh
pkg/package.json: $(PKG_SOURCES)
	$(MAKE) --no-print-directory pkg

# Every test. Each runner must report a non-zero count (scripts/count.sh).
test: setup test-native test-node test-chrome test-js test-runtimes test-reliability test-demo
	@echo "make test: all suites passed"

test-native:
	@mkdir -p $(LOGS)
	cargo test --all-targets 2>&1 | tee $(LOGS)/native.log
	@bash scripts/count.sh cargo $(LOGS)/native.log 266

test-node:
	@mkdir -p $(LOGS)
	wasm-pack test --node 2>&1 | tee $(LOGS)/node.log
	@bash scripts/count.sh wasm $(LOGS)/node.log 70

# The same suite in headless Chrome, with a test budget for slow machines and
# a wake-up for the runner's page server, which can leave a request unread,
# and repeats only when the browser never reported (scripts/test-chrome.sh).
test-chrome:
	@mkdir -p $(LOGS)
	bash scripts/test-chrome.sh $(LOGS)/chrome.log
	@bash scripts/count.sh wasm $(LOGS)/chrome.log 70

# JS-level tests against the built package (README example, runtimes), then
# tests/acceptance/ (API.md read a second time, from the contract and the
# docs alone): each under the machine's Node, then under each supported Node
# line (scripts/node-lines.mjs), which must pass as many. tests/no-network.mjs
# refuses any fetch but to localhost.
test-js: pkg
	@mkdir -p $(LOGS)
	node --import ./tests/no-network.mjs --test tests/js/ 2>&1 | tee $(LOGS)/js.log
	@bash scripts/count.sh node $(LOGS)/js.log 133
	bash scripts/under-node-lines.sh $(LOGS)/js-node \
	  $$(grep -E '^(ℹ|#) pass [0-9]+' $(LOGS)/js.log | awk '{s+=$$3} END {print s}') --import ./tests/no-network.mjs --test tests/js/*.test.mjs
	node --import ./tests/no-network.mjs --test tests/acceptance/ 2>&1 | tee $(LOGS)/acceptance.log
	@bash scripts/count.sh node $(LOGS)/acceptance.log 584
	bash scripts/under-node-lines.sh $(LOGS)/acceptance-node 584 --import ./tests/no-network.mjs --test tests/acceptance/*.test.mjs

# The packed package (npm pack) installed into a scratch project under
# target/runtimes/ and tested there: Node, Deno, workerd (Miniflare), headless
# Chromium, the TypeScript types, and the www/examples/ per runtime.
test-runtimes: pkg
	bash tests/runtimes/run.sh

# The demo in Chromium (playwright-core): every scenario of both flows, at
# desktop and phone widths; screenshots in www/screenshots/ (git-ignored).
test-demo: setup pkg/package.json
	@mkdir -p $(LOGS)
	node --test tests/demo/ 2>&1 | tee $(LOGS)/demo.log
	@bash scripts/count.sh node $(LOGS)/demo.log 11

# The main job: the page, the edge function (workerd) and the Sandbox on
# http://127.0.0.1:8787 (PORT=... to change). Real APIs when their keys are set:
# CAISSON_SECRET_API_KEY; GOLDSTAR_API_KEY and GOLDSTAR_DOMAIN.
demo: setup pkg/package.json
	node www/demo-server.mjs

# Reliability (tests/faults/): the fault matrix against real localhost
# upstreams in Node and in workerd (Miniflare), 2,000 concurrent calls and
# 100,000 sequential calls (wasm memory) in both, the exchange store on
# Miniflare's KV. Two test files at a time; figures in $(LOGS)/figures.jsonl.
# Then the Node files again under each supported Node line (scripts/node-lines.mjs).
test-reliability: pkg
	@mkdir -p $(LOGS)
	@rm -f $(LOGS)/figures.jsonl
	IDV_FIGURES=$(LOGS)/figures.jsonl node --import ./tests/no-network.mjs --test --test-concurrency=2 tests/faults/ 2>&1 | tee $(LOGS)/reliability.log
	@bash scripts/count.sh node $(LOGS)/reliability.log 250
	bash scripts/under-node-lines.sh $(LOGS)/reliability-node 168 --import ./tests/no-network.mjs --test --test-concurrency=2 tests/faults/*-node.test.mjs

# Fuzzing (not part of `make test`): every target of fuzz/ for FUZZ_SECONDS
# each (default 60). Needs nightly, or stable with RUSTC_BOOTSTRAP=1.
FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Performance against the hand-written alternative (zod 4) and bare JSON.parse:
# one table, every figure a ratio to a baseline measured in the same run. Not
# part of `make test`. The extra build exports each candidate parse path.
bench: pkg
	$(WASM_RELEASE) --out-dir $(CARGO_TARGET_DIR)/bench-pkg --out-name idv_edge_bench -- --no-default-features --features bench
	node bench/run.mjs

clean:
	rm -rf pkg target .tmp-*.log
