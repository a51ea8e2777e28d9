#!/usr/bin/env bash
# Measures each release-profile and wasm-opt choice for the client wasm (size:
# raw and gzip -9). Not part of `make bench` (each variant is a full release
# build, ~1-2 min on 2 cores); its last results are in bench/README.md.
#   bench/profile-variants.sh            -> target/variants/profile.txt
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=target/variants/profile.txt
mkdir -p target/variants
: > "$out"
F="--no-default-features --features client"
export VARIANT_TARGET_DIR=target/variants-build
run() { # name, env...
  local name=$1; shift
  if env "$@" bench/size-variant.sh "$name" "$F" "-Os" >> "$out" 2>/dev/null; then :; else echo "$name FAILED to build" >> "$out"; fi
}
run "profile: opt-level=s lto=fat cgu=1 panic=abort, std rebuilt, panic=immediate-abort, optimize_for_size (shipped)"
# scripts/wasm-std.sh, one setting at a time from stable's defaults.
run "std: prebuilt, panic=abort (WASM_STD=0)" WASM_STD=0
run "std: rebuilt (build-std)" WASM_STD=0 RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
run "std: rebuilt, panic=immediate-abort" WASM_STD=0 RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
run "profile: opt-level=z" CARGO_PROFILE_RELEASE_OPT_LEVEL=z
run "profile: opt-level=3" CARGO_PROFILE_RELEASE_OPT_LEVEL=3
run "profile: lto=thin" CARGO_PROFILE_RELEASE_LTO=thin
run "profile: lto=off" CARGO_PROFILE_RELEASE_LTO=false
run "profile: codegen-units=16" CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
run "profile: panic=unwind (prebuilt std)" WASM_STD=0 CARGO_PROFILE_RELEASE_PANIC=unwind
# wasm-opt flags on the shipped profile's wasm-bindgen output.
env bench/size-variant.sh "wasm-opt: none" "$F" none >> "$out"
cp target/variants/"wasm-opt: none"/idv_edge_bg.wasm target/variants/unopt.wasm
for flags in "-O" "-Os" "-Oz" "-O3" "-Oz --converge" "-Os --converge" "-Oz --converge --low-memory-unused --zero-filled-memory"; do
  wasm-opt $flags target/variants/unopt.wasm -o target/variants/opt.wasm
  echo "wasm-opt: $flags raw=$(stat -c %s target/variants/opt.wasm) gzip=$(gzip -9 -c target/variants/opt.wasm | wc -c)" >> "$out"
done
cat "$out"
