#!/usr/bin/env bash
# Runs `node ARGS...` under each supported Node line (scripts/node-lines.mjs,
# installed by make setup), each logged to PREFIX-<version>.log and counted by
# scripts/count.sh, which must see at least MIN tests pass and none fail.
#   under-node-lines.sh PREFIX MIN ARGS...
set -euo pipefail
prefix=$1 min=$2
shift 2
while read -r version path; do
  log=$prefix-$version.log
  echo "[node $version] $path $*"
  "$path" "$@" >"$log" 2>&1 || { tail -40 "$log"; echo "under-node-lines: failed under Node $version: $*" >&2; exit 1; }
  bash scripts/count.sh node "$log" "$min"
done < <(node scripts/node-lines.mjs paths)
