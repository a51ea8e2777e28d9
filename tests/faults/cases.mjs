// The fault matrix: every fault an upstream can show, what it serves for each
// operation, and what the client must report. Shared by the Node driver and
// the workerd driver (faults-node.test.mjs, faults-workerd.test.mjs).
import { gzipSync } from "node:zlib";
import { refusedPort, startUpstream, dribble, flood } from "./upstream.mjs";
import { OK_BODY, PLANTED, SAFE, API_OF, OPS, PATH, checkValue } from "./ops.mjs";

const JSON_CT = { "Content-Type": "application/json; charset=utf-8" };
const AUTO = new Set(["TIMEOUT", "NETWORK", "RATE_LIMITED", "SERVER_ERROR", "INTERNAL_ERROR"]);

const GZIP_BOMB = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));

/** An HTTP date `ms` from now, rounded down to the second (RFC 9110 IMF-fixdate). */
const httpDate = (ms) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toUTCString();

/**
 * Each fault: serve(op) -> behaviour for startUpstream; expect(op) -> the
 * error (or ok) the call must end with; options for the client; and `gaps`,
 * the least time between attempts (ms) where a delay must be honoured.
 */
export const FAULTS = {
  ok: {
    serve: (op) => (c) => c.send(200, JSON_CT, OK_BODY[op]),
    expect: () => ({ ok: true }),
  },
  refused: {
    refused: true,
    expect: () => ({ code: "NETWORK", status: undefined }),
  },
  "reset-before-response": {
    serve: () => (c) => c.sock.resetAndDestroy(),
    expect: () => ({ code: "NETWORK", status: undefined }),
  },
  "reset-mid-body": {
    serve: (op) => (c) => {
      c.sock.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${OK_BODY[op].length + 500}\r\nConnection: close\r\n\r\n`);
      c.sock.write(OK_BODY[op].slice(0, 10));
      c.later(30, () => c.sock.resetAndDestroy());
    },
    expect: () => ({ code: "NETWORK", status: 200 }),
  },
  "closed-short-of-content-length": {
    serve: (op) => (c) => {
      c.sock.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${OK_BODY[op].length + 500}\r\nConnection: close\r\n\r\n${OK_BODY[op]}`);
    },
    expect: () => ({ code: "NETWORK", status: 200 }),
  },
  hang: {
    options: { timeoutMs: 300 },
    serve: () => () => {},
    expect: () => ({ code: "TIMEOUT", status: undefined }),
  },
  "hang-after-head": {
    options: { timeoutMs: 300 },
    serve: () => (c) => c.sock.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"),
    expect: () => ({ code: "TIMEOUT", status: undefined }),
  },
  "slow-byte-by-byte-past-timeout": {
    options: { timeoutMs: 400 },
    serve: (op) => (c) => dribble(c, 200, JSON_CT, OK_BODY[op].padEnd(60, " "), 25),
    expect: () => ({ code: "TIMEOUT", status: undefined }),
  },
  "slow-byte-by-byte-within-timeout": {
    options: { timeoutMs: 20000 },
    serve: (op) => (c) => dribble(c, 200, JSON_CT, OK_BODY[op], 1),
    expect: () => ({ ok: true }),
  },
  "408": {
    serve: () => (c) => c.send(408, { "Content-Type": "text/plain" }, `Request Timeout ${PLANTED}`),
    expect: () => ({ code: "TIMEOUT", status: 408 }),
  },
  "429-retry-after-seconds": {
    serve: () => (c) => c.send(429, { ...JSON_CT, "Retry-After": "1" }, `{"Message":"${PLANTED}"}`),
    expect: () => ({ code: "RATE_LIMITED", status: 429, retryAfterMs: 1000 }),
    gaps: [900],
  },
  "429-retry-after-http-date": {
    serve: () => (c) => c.send(429, { ...JSON_CT, "Retry-After": httpDate(2500) }, `{"Message":"${PLANTED}"}`),
    expect: () => ({ code: "RATE_LIMITED", status: 429 }),
    gaps: [900],
  },
  "429-without-retry-after": {
    serve: () => (c) => c.send(429, JSON_CT, `{"Message":"${PLANTED}"}`),
    expect: () => ({ code: "RATE_LIMITED", status: 429 }),
    gaps: [330], // backoff: 500 ms x 75 % at least, less a margin
  },
  "429-retry-after-too-long": {
    serve: () => (c) => c.send(429, { ...JSON_CT, "Retry-After": "120" }, "{}"),
    // Longer than 60 s: reported, not waited for.
    expect: () => ({ code: "RATE_LIMITED", status: 429, retryAfterMs: 120000, attempts: 1 }),
  },
  "500": {
    serve: () => (c) => c.send(500, { "Content-Type": "text/plain" }, `Internal Server Error ${PLANTED}`),
    expect: () => ({ code: "SERVER_ERROR", status: 500 }),
    gaps: [330],
  },
  "500-with-json-error": {
    serve: (op) => (c) => c.send(500, JSON_CT, API_OF[op] === "caisson"
      ? `{"error":"INTERNAL_ERROR","error_description":"failed for ${PLANTED}"}`
      : `{"Message":"An error has occurred. ${PLANTED}","ExceptionMessage":"${PLANTED}"}`),
    expect: (op) => ({ code: API_OF[op] === "caisson" ? "INTERNAL_ERROR" : "SERVER_ERROR", status: 500 }),
  },
  "502-html": {
    serve: () => (c) => c.send(502, { "Content-Type": "text/html" },
      `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx ${PLANTED}</center></body></html>`),
    expect: () => ({ code: "SERVER_ERROR", status: 502 }),
  },
  "503": {
    options: { maxRetries: 2 },
    serve: () => (c) => c.send(503, { "Content-Type": "text/plain" }, `Service Unavailable ${PLANTED}`),
    expect: () => ({ code: "SERVER_ERROR", status: 503 }),
    gaps: [330, 670], // 500 then 1000 ms, each x 75 % at least
  },
  "504": {
    serve: () => (c) => c.send(504, { "Content-Type": "text/html" }, `<h1>Gateway Timeout</h1>${PLANTED}`),
    expect: () => ({ code: "SERVER_ERROR", status: 504 }),
  },
  "truncated-json": {
    serve: (op) => (c) => c.send(200, JSON_CT, OK_BODY[op].slice(0, Math.floor(OK_BODY[op].length / 2))),
    expect: () => ({ code: "INVALID_RESPONSE", status: 200 }),
  },
  "10-MiB-body-with-length": {
    serve: () => (c) => flood(c, 10 * 1024 * 1024, true),
    expect: () => ({ code: "INVALID_RESPONSE", status: 200 }),
  },
  "10-MiB-body-chunked": {
    serve: () => (c) => flood(c, 10 * 1024 * 1024, false),
    expect: () => ({ code: "INVALID_RESPONSE", status: 200 }),
  },
  // An error status whose body cannot be read is judged by its status alone
  // (API.md: a Caisson 401 is always UNAUTHORIZED; a 503 stays a retryable
  // SERVER_ERROR), not by what went wrong with the body.
  "401-with-10-MiB-body": {
    serve: () => (c) => flood(c, 10 * 1024 * 1024, true, 401),
    expect: () => ({ code: "UNAUTHORIZED", status: 401 }),
  },
  "401-hang-after-head": {
    options: { timeoutMs: 300 },
    serve: () => (c) => c.sock.write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"),
    expect: () => ({ code: "UNAUTHORIZED", status: 401 }),
  },
  "503-reset-mid-body": {
    serve: () => (c) => {
      c.sock.write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 500\r\nConnection: close\r\n\r\n");
      c.sock.write(`Service Unavailable ${PLANTED}`);
      c.later(30, () => c.sock.resetAndDestroy());
    },
    expect: () => ({ code: "SERVER_ERROR", status: 503 }),
    gaps: [330],
  },
  // 10 KiB on the wire, 10 MiB once fetch has decompressed it: the cap is on
  // the decoded body, so this is refused after 1 MiB, never buffered whole.
  "gzip-bomb": {
    serve: () => (c) => c.send(200, { ...JSON_CT, "Content-Encoding": "gzip" }, GZIP_BOMB),
    expect: () => ({ code: "INVALID_RESPONSE", status: 200 }),
  },
  "slow-head-past-timeout": {
    options: { timeoutMs: 400 },
    serve: (op) => (c) => {
      const text = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${OK_BODY[op].length}\r\nConnection: close\r\n\r\n${OK_BODY[op]}`;
      let i = 0;
      const step = () => { if (i < text.length) { c.sock.write(text[i++]); c.later(25, step); } else c.sock.end(); };
      step();
    },
    expect: () => ({ code: "TIMEOUT", status: undefined }),
  },
  "wrong-content-type": {
    serve: (op) => (c) => c.send(200, { "Content-Type": "text/html; charset=utf-8" }, OK_BODY[op]),
    expect: () => ({ code: "INVALID_RESPONSE", status: 200 }),
  },
  "error-inside-200": {
    serve: (op) => (c) => c.send(200, JSON_CT, API_OF[op] === "caisson"
      ? `{"error":"INTERNAL_ERROR","error_message":"${PLANTED}"}`
      : `{"Id":"0","Key":"id.error","Message":"No first name submitted ${PLANTED}"}`),
    // Caisson: the code in the body (retried); Goldstar: id.error is BAD_REQUEST,
    // and ping, whose body must be a string, finds an object.
    expect: (op) => ({
      code: API_OF[op] === "caisson" ? "INTERNAL_ERROR" : op === "ping" ? "INVALID_RESPONSE" : "BAD_REQUEST",
      status: 200,
    }),
  },
  // A redirect must not be followed: 307/308 would re-send the body (the SSN)
  // and the key headers (X-ApiKey, X-Caisson-CheckID) to another host.
  "redirect-307-to-another-host": {
    thief: true,
    serve: (op, { thiefPort }) => (c) => c.send(307, { Location: `http://127.0.0.1:${thiefPort}/steal` }, ""),
    expect: () => ({ code: "INVALID_RESPONSE", status: 307 }),
  },
  "redirect-302-to-another-host": {
    thief: true,
    serve: (op, { thiefPort }) => (c) => c.send(302, { Location: `http://127.0.0.1:${thiefPort}/steal` }, ""),
    expect: () => ({ code: "INVALID_RESPONSE", status: 302 }),
  },
  "204-where-a-body-was-due": {
    serve: () => (c) => c.send(204, {}, ""),
    expect: () => ({ code: "INVALID_RESPONSE", status: 204 }),
  },
};

const RETRYABLE = new Set([...AUTO, "NOT_VERIFIED", "PENDING_REVIEW"]);

/** The full expectation for a fault and an operation, with the client's options. */
export function expectation(faultName, op) {
  const f = FAULTS[faultName];
  const options = { timeoutMs: 5000, maxRetries: 1, ...(f.options ?? {}) };
  const e = f.expect(op);
  if (e.ok) return { ...e, attempts: 1, options, gaps: [] };
  const retryable = RETRYABLE.has(e.code);
  const retried = SAFE.has(op) && AUTO.has(e.code) && e.attempts !== 1;
  const attempts = retried ? 1 + options.maxRetries : 1;
  return { ...e, retryable, attempts, options, gaps: retried ? (f.gaps ?? []) : [] };
}

/** Starts the upstream of a case: a refused port or a server playing the fault. */
export async function startFor(faultName, op) {
  const f = FAULTS[faultName];
  if (f.refused) return refusedPort();
  if (!f.thief) return startUpstream(f.serve(op, {}));
  // A second server where a followed redirect would land: it must see nothing.
  const thief = await startUpstream((c) => c.send(200, JSON_CT, OK_BODY[op]));
  const upstream = await startUpstream(f.serve(op, { thiefPort: thief.port }));
  return {
    ...upstream,
    thief,
    close: async () => { await upstream.close(); await thief.close(); },
  };
}

/** Every (fault, op) pair. */
export function allCases() {
  const out = [];
  for (const fault of Object.keys(FAULTS)) for (const op of OPS) out.push({ fault, op });
  return out;
}

/**
 * Asserts everything about one finished case: the outcome, the code,
 * `retryable`, `status`, the attempts (counted at the client's fetch and at
 * the server), the delays between attempts, exactly one billable POST, and
 * that no secret or body text reached the error.
 */
export function checkCase(assert, fault, op, result, requests, secretList, thiefRequests = []) {
  const exp = expectation(fault, op);
  const where = `${fault} / ${op}`;
  if (exp.ok) {
    assert.ok(result.ok, `${where}: expected success, got ${JSON.stringify(result.error)}`);
    assert.equal(checkValue(op, result.value), null, where);
  } else {
    assert.ok(!result.ok, `${where}: expected ${exp.code}, got success`);
    const e = result.error;
    assert.equal(e.isIdvError, true, `${where}: not an IdvError (${e.name}: ${e.message})`);
    assert.equal(e.isError, true, where);
    assert.equal(e.code, exp.code, `${where}: ${e.message}`);
    assert.equal(e.api, API_OF[op], where);
    assert.equal(e.status, exp.status, `${where}: status`);
    assert.equal(e.retryable, exp.retryable, `${where}: retryable`);
    if ("retryAfterMs" in exp) assert.equal(e.retryAfterMs, exp.retryAfterMs, `${where}: retryAfterMs`);
    for (const s of secretList) {
      for (const form of ["message", "stack", "string", "json"]) {
        assert.ok(!e[form].includes(s), `${where}: the error's ${form} holds a secret or body text`);
      }
    }
  }
  assert.equal(result.calls.length, exp.attempts, `${where}: attempts (fetch calls)`);
  exp.gaps.forEach((min, i) => {
    const gap = result.calls[i + 1] - result.calls[i];
    assert.ok(gap >= min, `${where}: attempt ${i + 2} came ${gap} ms after attempt ${i + 1} (at least ${min} expected)`);
  });
  if (!FAULTS[fault].refused) {
    assert.equal(requests.length, exp.attempts, `${where}: requests seen by the server`);
    for (const r of requests) assert.equal(r.path, PATH[op], `${where}: path`);
  }
  assert.equal(thiefRequests.length, 0, `${where}: a redirect was followed to another host`);
  if (!SAFE.has(op)) {
    // Billable: exactly one POST went out, whatever the fault.
    assert.equal(result.calls.length, 1, `${where}: billable call made ${result.calls.length} fetches`);
    if (!FAULTS[fault].refused) {
      assert.equal(requests.filter((r) => r.method === "POST").length, 1, `${where}: billable POSTs at the server`);
    }
  }
}
