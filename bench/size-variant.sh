#!/usr/bin/env bash
# Builds one variant of the wasm for size measurements (not part of `make pkg`):
#   bench/size-variant.sh NAME "<cargo feature args>" "<wasm-opt flags>"
# Profile overrides go through the environment (CARGO_PROFILE_RELEASE_OPT_LEVEL=z ...).
# Built as `make pkg` builds (scripts/wasm-std.sh); WASM_STD=0 for stable's defaults.
# Output: target/variants/NAME/{idv_edge_bg.wasm,...} and one line "NAME raw gzip".
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
name=$1; features=${2:-}; opt=${3:--Os}
out=target/variants/$name
tdir=${VARIANT_TARGET_DIR:-target}
rm -rf "$out"; mkdir -p "$out"
# shellcheck source=../scripts/wasm-std.sh
source scripts/wasm-std.sh
# shellcheck disable=SC2086
CARGO_TARGET_DIR=$tdir cargo build --quiet --release --target wasm32-unknown-unknown --lib $features
wasm-bindgen --target web --out-dir "$out" --out-name idv_edge "$tdir/wasm32-unknown-unknown/release/idv_edge.wasm"
if [ "$opt" != "none" ]; then
  # shellcheck disable=SC2086
  wasm-opt $opt "$out/idv_edge_bg.wasm" -o "$out/idv_edge_bg.wasm"
fi
raw=$(stat -c %s "$out/idv_edge_bg.wasm")
gz=$(gzip -9 -c "$out/idv_edge_bg.wasm" | wc -c)
echo "$name raw=$raw gzip=$gz"
echo "$name raw=$raw gzip=$gz features=[$features] opt=[$opt] env=[$(env | grep -E '^(CARGO_PROFILE|CARGO_UNSTABLE|RUSTFLAGS)' | tr '\n' ' ')]" >> target/variants/log.txt
