# Sourced before each release wasm build (`make pkg`, `make bench`,
# bench/size-variant.sh): the settings that make the shipped wasm smaller
# than stable Rust's defaults allow.
#  - std rebuilt from source (`build-std`, with rust-src from setup.sh) with
#    the release profile, and its `optimize_for_size` feature (smaller
#    algorithms where std has two);
#  - panics as a bare trap (`-Cpanic=immediate-abort`): no panic message is
#    formatted. A panic in wasm trapped before as well (`panic = "abort"`, no
#    hook), so only the bytes of the message go;
#  - no source locations (`-Zlocation-detail=none`): the `Location`s that
#    `#[track_caller]` functions still take held the build machine's paths
#    (`/root/.cargo/registry/...`, `/root/.rustup/...`), shipped in every
#    wasm for nothing (a packaging audit's finding); 0.2 KB gzip less.
# Both are unstable; RUSTC_BOOTSTRAP=1 lets the stable toolchain (the one
# the machines are sure to have) take them. Measured together: 4.4-4.8 KB
# gzip less for each client wasm and 10.8 KB for the Sandbox's, the same
# per-call and cold-start times, the same results on 73,947 bodies
# (bench/README.md, Size).
# RUSTFLAGS is replaced, not added to. WASM_STD=0 builds with the prebuilt std
# and `panic = "abort"` instead.
if [ "${WASM_STD:-1}" != 0 ]; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
fi
