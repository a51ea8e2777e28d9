// Preloaded (`node --import ./tests/no-network.mjs --test ...`) by the JS
// suites of `make test`: tests talk to localhost only. Any other fetch through
// the global `fetch` (a client built without its `fetch` option, say, which
// would reach api.caisson.com) is refused and fails the test file, even where
// a test would catch the rejection.
const realFetch = globalThis.fetch;
const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

globalThis.fetch = function fetch(input, init) {
  let url;
  try {
    url = String(input instanceof Request ? input.url : input instanceof URL ? input.href : input);
  } catch {
    url = "";
  }
  if (!LOOPBACK.test(url)) {
    process.exitCode = 1;
    // The host only: a URL can carry a check id or a query.
    let host = "(unparsable)";
    try {
      host = new URL(url).host;
    } catch {}
    process.stderr.write(`no-network: a test fetched ${host}; only localhost is allowed\n`);
    return Promise.reject(new TypeError("no-network: only localhost is allowed in tests"));
  }
  return realFetch.call(this, input, init);
};
