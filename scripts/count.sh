#!/usr/bin/env bash
# Fails unless a test log shows a non-zero number of executed tests and no
# failure. A runner that runs nothing and exits 0 must not pass `make test`.
#   count.sh cargo|wasm|node|deno LOG [MIN]
set -euo pipefail
kind=$1 log=$2 min=${3:-1}
case "$kind" in
  cargo|wasm)
    # For wasm, doc-tests run natively (wasm-pack runs them too): not counted.
    counts=$(awk -v kind="$kind" '
      /Doc-tests/ { skip = (kind == "wasm") }
      /Running / { skip = 0 }
      /test result:/ && !skip {
        for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
      }
      END { print p+0, f+0 }' "$log")
    passed=${counts% *} failed=${counts#* }
    ;;
  node)
    passed=$(grep -E '^(ℹ|#) pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    # A cancelled test (its hook or server never came up) counts as failed.
    failed=$(grep -E '^(ℹ|#) (fail|cancelled) [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    ;;
  deno)
    # deno test: "ok | 9 passed | 0 failed (52ms)" or "FAILED | 8 passed | 1 failed"
    # (colour codes, if any, removed first).
    summary=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^(ok|FAILED) \| [0-9]+ passed' || true)
    passed=$(printf '%s\n' "$summary" | awk 'NF {s+=$3} END {print s+0}')
    failed=$(printf '%s\n' "$summary" | sed -E 's/.*\| ([0-9]+) failed.*/\1/' | awk 'NF {s+=$1} END {print s+0}')
    ;;
  *) echo "count.sh: unknown kind $kind" >&2; exit 2 ;;
esac
echo "[$kind] $passed passed, $failed failed"
if [ "$failed" -ne 0 ]; then echo "count.sh: $kind reported failures" >&2; exit 1; fi
if [ "$passed" -lt "$min" ]; then echo "count.sh: $kind ran $passed tests (at least $min expected)" >&2; exit 1; fi
