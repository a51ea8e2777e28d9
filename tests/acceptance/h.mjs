// Shared helpers for the acceptance suite (tests/acceptance/). The suite was
// written from the public contract (API.md) and the docs alone (README,
// www/SANDBOX.md, the API notes), without reading the source: it is a second,
// independent reading of the contract beside tests/js/. This file re-exports
// the package under test (../../pkg/node.js, resolved relative to this file so
// the suite runs from any clone) and holds the fake transports, the error
// assertions and the fixtures. Every key and SSN in it is an obviously fake
// test value (the 555-01-xxxx SSNs are the Sandbox's documented test numbers).
import assert from "node:assert/strict";
import util from "node:util";
import { mock } from "node:test";
import { fileURLToPath } from "node:url";
export * from "../../pkg/node.js";
import { IdvError } from "../../pkg/node.js";

/** www/sandbox-server.mjs of this checkout, as a file path. */
export const SANDBOX_SERVER = fileURLToPath(new URL("../../www/sandbox-server.mjs", import.meta.url));

export const CK = "sk_FAKE_caisson_test_key_0123456789abcdef";
export const GK = "gs_FAKE_goldstar_test_key_9876543210";
export const DOMAIN = "qaservices.goldstartrust.com";

export function json(body, status = 200, headers = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status, headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** fake fetch: responder(req, n) -> Response | Promise<Response>; records calls */
export function fakeFetch(responder) {
  const calls = [];
  const f = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const body = req.method === "GET" || req.method === "HEAD" ? "" : await req.clone().text();
    calls.push({ req, body, url: req.url, method: req.method, headers: Object.fromEntries(req.headers) });
    return responder(req, calls.length, body);
  };
  f.calls = calls;
  return f;
}

export function fixed(resOrFn) {
  return fakeFetch(() => (typeof resOrFn === "function" ? resOrFn() : resOrFn.clone()));
}

export async function rejects(p, props = {}) {
  let err;
  try { await (typeof p === "function" ? p() : p); } catch (e) { err = e; }
  assert.ok(err !== undefined, "expected a rejection");
  assert.ok(err instanceof IdvError, `expected IdvError, got ${err && err.constructor && err.constructor.name}: ${err && err.message}`);
  assert.ok(err instanceof Error);
  for (const [k, v] of Object.entries(props)) assert.deepEqual(err[k], v, `err.${k} (message: ${err.message})`);
  return err;
}

export function throwsSync(fn, props = {}) {
  let err;
  try { fn(); } catch (e) { err = e; }
  assert.ok(err !== undefined, "expected a throw");
  assert.ok(err instanceof IdvError, `expected IdvError, got ${err && err.message}`);
  for (const [k, v] of Object.entries(props)) assert.deepEqual(err[k], v, `err.${k} (message: ${err.message})`);
  return err;
}

/** every way an error can be printed */
export function renderings(e) {
  const out = [String(e), e.message, String(e.stack), util.inspect(e, { depth: 10, showHidden: false }), JSON.stringify(e)];
  try { out.push(JSON.stringify(Object.getOwnPropertyNames(e).map((k) => k === "description" ? null : e[k]))); } catch {}
  return out.join("\n");
}

export function assertNoLeak(e, secrets) {
  const text = renderings(e);
  for (const s of secrets) assert.ok(!text.includes(s), `error rendering leaks ${JSON.stringify(s)}: ${text.slice(0, 500)}`);
}

export const person = (over = {}) => ({
  firstname: "Jamie", lastname: "Doe", address: "222 Peachtree Pl", city: "Atlanta", state: "GA",
  zip: "30301", taxpayerID: "555-01-0001", birthMonth: 6, birthDay: 30, birthYear: 1989, ...over,
});

export const RESULT = {
  check_id: "chk_priv_SMgso2KGzXLxT2I-g7oD2w",
  customer_id: "1234321 - Doe, Jamie",
  checked_on: "2019-07-19T15:00:42.274684-04:00",
  confidence: { document: "high", face: "high" },
  info: {
    last_name: "DOE", first_name: "JAMIE", sex: "M", dob: "1989-06-30T00:00:00Z",
    expires_on: "2025-06-24T00:00:00Z",
    address: { street: "6 CROWN DR # 11B", city: "NEW YORK", state: "NY", zip: "10001" },
  },
};
export const clone = (x) => structuredClone(x);

/** Lets pending promise jobs and I/O callbacks run (no timers involved). */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Lets the event loop turn (no time passes under mocked timers) until `cond()` holds. */
export async function settleUntil(cond, what = "condition", maxRounds = 10_000) {
  for (let i = 0; i < maxRounds; i++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`${what}: not reached after ${maxRounds} turns of the event loop`);
}

/**
 * Runs `fn` with node:test's mock timers standing in for setTimeout /
 * clearTimeout, so timeouts and retry back-offs are driven by `tick(ms)`
 * instead of the wall clock: nothing here depends on how fast the machine is.
 */
export async function withMockTimers(fn) {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    return await fn(mock.timers);
  } finally {
    mock.timers.reset();
  }
}

/**
 * Advances mocked time in `stepMs` steps, letting the event loop settle after
 * each, until `cond()` holds; then stops (no further time passes, so a timer
 * armed after that point never fires). Fails if `cond()` still does not hold
 * after `maxMs` of mocked time.
 */
export async function advanceUntil(timers, cond, { stepMs = 5, maxMs = 120_000 } = {}) {
  for (let t = 0; ; t += stepMs) {
    await settle();
    if (cond()) return t;
    assert.ok(t < maxMs, `condition not reached after ${maxMs} ms of mocked time`);
    timers.tick(stepMs);
  }
}
