#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is there.
# Idempotent; run by `make setup` (and so by every other make target).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The standard library's source: the shipped wasm rebuilds std with the
#     release profile (scripts/wasm-std.sh). Same server as the target above.
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

# 2. wasm-pack.
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (about 4 minutes)"
  cargo install wasm-pack --locked
fi

# 3. The wasm-bindgen CLI of exactly the version in Cargo.lock (wasm-pack
#    would otherwise try to download one, which fails here). Without --locked:
#    with it, resolution fails on a dependency missing from the registry.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (about 4 minutes; found '${have:-none}')"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 4. Chromium and its driver, for the browser tests.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromium-driver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 5. JS dev dependencies from the lockfile (wasm-opt from binaryen, the
#    runtimes, the type checker). Reinstalled when the lockfile changes.
stamp=tests/node_modules/.idv-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s tests/package-lock.json "$stamp"; then
  say "installing JS dev dependencies (npm ci)"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/package-lock.json "$stamp"
fi
# 6. Deno, for the runtime tests. Not in tests/package.json: the registry lacks
#    its other-platform optional packages, so the lockfile would be incomplete
#    and `npm ci` would fail. Installed apart, into tests/.tools (ignored).
deno_version=2.9.6
deno=tests/.tools/node_modules/.bin/deno
if [ "$("$deno" --version 2>/dev/null | awk 'NR==1 {print $2}')" != "$deno_version" ]; then
  say "installing deno $deno_version (npm, into tests/.tools)"
  mkdir -p tests/.tools
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix tests/.tools "deno@$deno_version"
fi
# 7. The supported Node lines (22, 24, 26) beside the machine's Node: the JS
#    and runtime tests run under each, and make bench measures each. npm's
#    builds of Node, pinned, into tests/.tools/nodes (scripts/node-lines.mjs).
node scripts/node-lines.mjs install
say "ready: $(wasm-pack --version), wasm-bindgen $want, $(tests/node_modules/.bin/wasm-opt --version | head -1), $(chromium --version 2>/dev/null | head -1), deno $("$deno" --version | awk 'NR==1 {print $2}'), Node $(node scripts/node-lines.mjs paths | awk '{print $1}' | paste -sd' ')"
