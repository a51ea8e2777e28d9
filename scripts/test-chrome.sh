#!/usr/bin/env bash
# The wasm-bindgen suite in headless Chrome, its output in LOG.
#   test-chrome.sh LOG
#
# Two things here are about the test harness, not about our code:
# - wasm-bindgen-test-runner serves the page from tiny_http, whose task pool
#   can lose a wake-up: a connection Chrome opened is accepted, its task is
#   queued, and every pool worker sleeps on (the request stays in the
#   socket's receive queue; the page never loads; every WebDriver call waits
#   out its budget). Seen here in one attempt in two or three on 2026-11-22,
#   and the likely cause of CI's failure. Any new connection to the server
#   wakes a worker, which takes the stuck task first (checked by hand on a
#   hung run: one connect, and the suite ran at once). So the server gets a
#   fixed port (WASM_BINDGEN_TEST_ADDRESS) and this script opens and closes
#   a connection to it every second while the suite runs. As a last resort
#   each attempt is bounded by a watchdog (TEST_CHROME_ATTEMPT_SECONDS,
#   default 150; a healthy run takes 17-25 s), and an attempt whose browser
#   never reported a result is run again, up to five in all. A suite that
#   ran and reported a failure, or that did not build, is never repeated.
# - The runner gives a browser suite 20 s by default, counted from the page
#   load and including the compile of the 27 MB debug wasm; ours takes 8-9 s
#   on an idle machine. WASM_BINDGEN_TEST_TIMEOUT raises it to 120 s.
set -euo pipefail
log=$1
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
attempt_seconds=${TEST_CHROME_ATTEMPT_SECONDS:-150}
attempts=5

# `timeout` signals its whole process group (wasm-pack, cargo, the runner,
# ChromeDriver); Chrome processes ChromeDriver started are stopped after.
run() { timeout -k 10 "$attempt_seconds" wasm-pack test --headless --chrome 2>&1 | tee "$log"; }
reported() { awk '/Running tests\/wasm_browser.rs/ { b = 1 } b && /test result:/ { r = 1 } END { exit !r }' "$log"; }

# A free port for the runner's page server, and a connection to it every
# second (bash's /dev/tcp: no curl needed) to wake a sleeping pool worker.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
nudge() { while sleep 1; do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || true; done; }

for n in $(seq 1 "$attempts"); do
  port=$(free_port)
  export WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$port"
  nudge "$port" &
  nudger=$!
  status=0
  run || status=$?
  kill "$nudger" 2>/dev/null || true
  wait "$nudger" 2>/dev/null || true
  if [ "$status" -eq 0 ]; then exit 0; fi
  if grep -q 'could not compile' "$log" || reported; then exit 1; fi
  pkill -f -- '--test-type=webdriver' 2>/dev/null || true
  pkill -x chromedriver 2>/dev/null || true
  [ "$n" -lt "$attempts" ] || break
  echo "test-chrome: attempt $n: the browser never reported a result (harness trouble); running the suite again" >&2
  mv "$log" "$log.attempt$n"
done
echo "test-chrome: $attempts attempts, and the browser never reported a result" >&2
exit 1
