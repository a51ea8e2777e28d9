#!/usr/bin/env bash
# `make test-runtimes`: the packed package, proven where users deploy it.
#
#   1. `npm pack pkg/` into target/runtimes/pack/ (the tarball a user would get);
#   2. a fresh scratch project, target/runtimes/app/, installs that tarball and
#      receives copies of the test files and of www/examples/;
#   3. every suite runs from there and goes through scripts/count.sh (zero
#      tests, or any failure, fails the target):
#        exports  each runtime's conditions resolve to its entry (esbuild's resolver)
#        node     node --test                      (Node's own resolution), under
#                 the machine's Node and each line of scripts/node-lines.mjs
#        deno     deno test, no permissions        (npm deno, scripts/setup.sh)
#        workerd  wrangler bundles a worker, Miniflare runs it
#        chromium a page loads the browser entry, driven by playwright-core
#        types    tsc --noEmit against the packed .d.ts, misuse must not compile
#        examples www/examples/ run against the Sandbox (worker, Deno, Vercel, Node)
#
# Only localhost is contacted. Needs `make pkg` (the Makefile target does it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export PATH="$root/tests/node_modules/.bin:$PATH"
target=${CARGO_TARGET_DIR:-$root/target}
work=$target/runtimes
logs=$target/test-logs
deno=$root/tests/.tools/node_modules/.bin/deno
export NO_COLOR=1 WRANGLER_SEND_METRICS=false WRANGLER_HIDE_BANNER=true DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
say() { printf '[runtimes] %s\n' "$*"; }

[ -f pkg/package.json ] || { echo "pkg/ is not built: run make pkg" >&2; exit 1; }
[ -x "$deno" ] || { echo "deno is missing: run make setup" >&2; exit 1; }
mkdir -p "$logs"
start=$(date +%s)

# 1. The tarball.
rm -rf "$work"
mkdir -p "$work/pack" "$work/app"
tarball=$(cd "$work/pack" && npm pack "$root/pkg" --pack-destination . --silent | tail -1)
say "packed $tarball ($(du -k "$work/pack/$tarball" | cut -f1) KiB)"

# 2. The scratch project: installs the tarball, nothing else.
app=$work/app
cat > "$app/package.json" <<EOF
{ "name": "idv-edge-scratch", "private": true, "type": "module",
  "dependencies": { "idv-edge": "file:../pack/$tarball" } }
EOF
(cd "$app" && npm install --no-audit --no-fund --loglevel=error --offline >/dev/null)
[ -f "$app/node_modules/idv-edge/package.json" ] && [ ! -L "$app/node_modules/idv-edge" ] \
  || { echo "the tarball did not install as a package" >&2; exit 1; }
mkdir -p "$app/runtimes" "$app/types"
cp tests/runtimes/scenario.mjs tests/runtimes/node.test.mjs \
   tests/runtimes/deno.test.ts tests/runtimes/worker.mjs tests/runtimes/browser.html \
   tests/runtimes/browser-paths.html "$app/runtimes/"
cp tests/types/consumer.ts tests/types/tsconfig.json "$app/types/"
cp -r www/examples "$app/examples"
cp www/sandbox-server.mjs "$app/sandbox-server.mjs"
export IDV_APP=$app

run() { # run NAME KIND COMMAND...: log, then count.sh
  local name=$1 kind=$2; shift 2
  local t0; t0=$(date +%s)
  say "$name: $*"
  local rc=0
  "$@" >"$logs/runtimes-$name.log" 2>&1 || rc=$?
  if ! bash scripts/count.sh "$kind" "$logs/runtimes-$name.log"; then
    tail -40 "$logs/runtimes-$name.log" >&2
    exit 1
  fi
  if [ "$rc" -ne 0 ]; then
    tail -40 "$logs/runtimes-$name.log" >&2
    echo "$name exited $rc" >&2
    exit 1
  fi
  say "$name: done in $(( $(date +%s) - t0 )) s"
}

# 3. The suites.
run exports node node --test tests/runtimes/exports.test.mjs
run node node bash -c "cd '$app/runtimes' && node --test node.test.mjs"
# The same suite under each supported Node line (scripts/node-lines.mjs).
while read -r version path; do
  run "node-$version" node bash -c "cd '$app/runtimes' && '$path' --test node.test.mjs"
done < <(node scripts/node-lines.mjs paths)
run deno deno bash -c "cd '$app/runtimes' && '$deno' test --no-prompt deno.test.ts"
run workerd node node --test tests/runtimes/workerd.test.mjs
run chromium node node --test tests/runtimes/browser.test.mjs
run types node node --test tests/types/types.test.mjs
run examples node node --test --test-concurrency=1 tests/runtimes/examples.test.mjs
say "all runtime suites passed in $(( $(date +%s) - start )) s"
