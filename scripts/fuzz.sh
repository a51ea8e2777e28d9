#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a bounded time each, seeded with
# fuzz/seeds/<target> (the docs' and field notes' bodies), and prints one
# line per target: executions, executions per second, corpus size, crashes.
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [TARGET...]
# Not part of `make test` (`make fuzz`). cargo-fuzz needs nightly flags: uses
# `cargo +nightly` when a nightly toolchain is installed, else stable with
# RUSTC_BOOTSTRAP=1. Installs cargo-fuzz from crates.io when missing.
# A crash leaves its input in fuzz/artifacts/<target>/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs=${1:-60}
shift || true

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  tc=(+nightly)
else
  echo "[fuzz] no nightly toolchain: stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
  tc=()
fi

cd fuzz
export CARGO_TARGET_DIR="$PWD/target"  # not the main crate's target/ (other flags, other toolchain)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <(cargo "${tc[@]}" fuzz list); fi
mkdir -p logs corpus
echo "[fuzz] building ${#targets[@]} targets"
cargo "${tc[@]}" fuzz build -O 2>&1 | grep -E '^(error|warning)' || true

status=0
summary="logs/summary.txt"
printf '%-18s %8s %14s %10s %8s %s\n' target seconds executions exec/s corpus result | tee "$summary"
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log="logs/$t.log"
  set +e
  cargo "${tc[@]}" fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(awk '/stat::number_of_executed_units/ { print $NF }' "$log" | tail -1)
  rate=$(awk '/stat::average_exec_per_sec/ { print $NF }' "$log" | tail -1)
  corpus=$(find "corpus/$t" -type f | wc -l)
  result=ok
  if [ "$rc" -ne 0 ]; then result="FAILED (rc $rc, see fuzz/$log and fuzz/artifacts/$t)"; status=1; fi
  printf '%-18s %8s %14s %10s %8s %s\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "$corpus" "$result" | tee -a "$summary"
done
echo "[fuzz] summary in fuzz/$summary"
exit $status
