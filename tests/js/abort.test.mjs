// A caller's AbortSignal on the sending methods (`{ signal }`): whatever step
// the call is at (before sending, fetch pending, body being read, waiting to
// retry, the exchange's store), it stops there and rejects with ABORTED, the
// attempt in flight aborted and its body cancelled; nothing is retried after
// it; a listener is never left on the caller's signal.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as main from "../../pkg/node.js";
import * as caissonOnly from "../../pkg/caisson-node.js";
import * as goldstarOnly from "../../pkg/goldstar-node.js";

const { CaissonClient, GoldstarClient, IdvError, Sandbox } = main;
const DOMAIN = "qaservices.goldstartrust.com";
const PERSON = { firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
  taxpayerID: "123-45-6789", birthMonth: 1, birthDay: 2, birthYear: 1980 };
const ANSWERS = [{ type: "t", text: "x" }];

/** Every sending method of a pair of clients using `fetch`, called with `opts`. */
const calls = (fetch, extra = {}, mods = main) => {
  const c = new mods.CaissonClient({ apiKey: "k", fetch, ...extra });
  const g = new mods.GoldstarClient({ apiKey: "k", domain: DOMAIN, fetch, ...extra });
  return [
    ["caisson", "exchangeToken", (o) => c.exchangeToken("chk_xchg_a", o)],
    ["caisson", "getIdCheck", (o) => c.getIdCheck("chk_priv_a", o)],
    ["goldstar", "ping", (o) => g.ping(o)],
    ["goldstar", "verifyIdentity", (o) => g.verifyIdentity(PERSON, o)],
    ["goldstar", "verifyAnswers", (o) => g.verifyAnswers("1", ANSWERS, undefined, o)],
  ];
};

function isAborted(e, api) {
  assert.ok(e instanceof IdvError, `not an IdvError: ${e}`);
  assert.deepEqual([e.code, e.api, e.retryable, e.status, e.field], ["ABORTED", api, false, undefined, undefined]);
  assert.match(e.message, /aborted/);
  return true;
}

/** A fetch that records each Request and answers with `answer(request, n)`. */
function recording(answer) {
  const seen = [];
  const fetch = (request) => {
    seen.push(request);
    return answer(request, seen.length);
  };
  return { fetch, seen };
}

/** A fetch that never answers until its request's signal aborts (then rejects, as fetch does). */
const hanging = (request) => new Promise((_, reject) => {
  request.signal.addEventListener("abort", () => reject(request.signal.reason));
});

test("a signal already aborted: ABORTED, nothing sent, for every sending method and both single-API entries", async () => {
  for (const mods of [main, { ...caissonOnly, GoldstarClient: goldstarOnly.GoldstarClient }]) {
    const { fetch, seen } = recording(() => assert.fail("fetch called"));
    for (const [api, name, call] of calls(fetch, {}, mods)) {
      await assert.rejects(call({ signal: AbortSignal.abort() }), (e) => {
        assert.equal(e.code, "ABORTED", name);
        assert.equal(e.api, api, name);
        assert.equal(e.retryable, false, name);
        return true;
      });
    }
    assert.equal(seen.length, 0);
  }
});

test("aborted while fetch is pending: the Request's own signal aborts and the call rejects at once, long before timeoutMs", async () => {
  const { fetch, seen } = recording(hanging);
  for (const [api, name, call] of calls(fetch, { timeoutMs: 60_000 })) {
    const ac = new AbortController();
    const started = performance.now();
    const p = call({ signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(p, (e) => isAborted(e, api));
    assert.ok(performance.now() - started < 5_000, name);
    assert.equal(seen.at(-1).signal.aborted, true, name);
  }
  assert.equal(seen.length, 5);
});

test("aborted while the body is read: the stream is cancelled and the status does not decide (a 200 or a 401 alike)", async () => {
  for (const status of [200, 401]) {
    let cancelled = 0;
    const fetch = () => Promise.resolve(new Response(new ReadableStream({
      start(ctl) { ctl.enqueue(new TextEncoder().encode("{")); },
      cancel() { cancelled += 1; },
    }), { status, headers: { "content-type": "application/json" } }));
    for (const [api, name, call] of calls(fetch)) {
      const ac = new AbortController();
      const p = call({ signal: ac.signal });
      setTimeout(() => ac.abort(), 20);
      await assert.rejects(p, (e) => isAborted(e, api), `${name} ${status}`);
    }
    // Give the cancellations their microtasks.
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(cancelled, 5, `${status}`);
  }
});

test("aborted while waiting to retry: no further attempt, and the wait (Retry-After: 30) does not hold the call", async () => {
  const { fetch, seen } = recording(() => new Response("{}", { status: 503, headers: { "retry-after": "30" } }));
  const c = new CaissonClient({ apiKey: "k", fetch, maxRetries: 3 });
  const g = new GoldstarClient({ apiKey: "k", domain: DOMAIN, fetch, maxRetries: 3 });
  for (const [api, call] of [["caisson", (o) => c.getIdCheck("chk_priv_a", o)], ["caisson", (o) => c.exchangeToken("chk_xchg_a", o)], ["goldstar", (o) => g.ping(o)]]) {
    seen.length = 0;
    const ac = new AbortController();
    const started = performance.now();
    const p = call({ signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(p, (e) => isAborted(e, api));
    assert.equal(seen.length, 1, "one attempt only");
    assert.ok(performance.now() - started < 5_000);
  }
});

test("the exchange's store: an abort while get or put is pending rejects ABORTED; put was asked for the exchanged id", async () => {
  const sandbox = new Sandbox({ caissonApiKey: "k" });
  const c = new CaissonClient({ apiKey: "k", fetch: sandbox.fetch, timeoutMs: 60_000 });
  const never = new Promise(() => {});
  // get never answers.
  let ac = new AbortController();
  let p = c.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token, { store: { get: () => never, put: () => {} }, signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(p, (e) => isAborted(e, "caisson"));
  // An abort once the exchange has answered: Caisson has spent the token,
  // so the put is still made and waited for, then the call is ABORTED; a
  // repeat gets the check id from the store.
  const kept = new Map();
  const store = { get: (k) => kept.get(k), put: (k, v) => new Promise((r) => setTimeout(() => r(kept.set(k, v)), 50)) };
  const token = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  ac = new AbortController();
  const late = c.exchangeToken(token, { store: { get: store.get, put: (k, v) => { ac.abort(); return store.put(k, v); } }, signal: ac.signal });
  await assert.rejects(late, (e) => isAborted(e, "caisson"));
  assert.equal(kept.size, 1, "the put finished before the abort was reported");
  const { check_id } = await c.exchangeToken(token, { store });
  assert.equal(check_id, [...kept.values()][0]);
  // A put that fails after such an abort is the store's error: the check id is lost.
  ac = new AbortController();
  const lost = c.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token, {
    store: { get: () => undefined, put: () => { ac.abort(); throw new Error("full"); } },
    signal: ac.signal,
  });
  await assert.rejects(lost, (e) => e instanceof IdvError && e.code === "NETWORK" && e.field === "store");
  // A store fault without an abort is still the store's error.
  await assert.rejects(
    c.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token, { store: { get: () => { throw new Error("x"); }, put: () => {} }, signal: new AbortController().signal }),
    (e) => e instanceof IdvError && e.code !== "ABORTED" && e.field === "store",
  );
});

test("a signal that never aborts changes nothing, and each call removes the listener it added", async () => {
  const sandbox = new Sandbox({ caissonApiKey: "k", goldstarApiKey: "g" });
  const c = new CaissonClient({ apiKey: "k", fetch: sandbox.fetch });
  const g = new GoldstarClient({ apiKey: "g", domain: DOMAIN, fetch: sandbox.fetch });
  // A signal by shape (a polyfill's, another realm's) that counts its listeners.
  const listeners = new Set();
  const signal = {
    aborted: false,
    addEventListener: (type, fn) => { assert.equal(type, "abort"); listeners.add(fn); },
    removeEventListener: (type, fn) => { listeners.delete(fn); },
  };
  const { check_id } = await c.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token, { signal });
  const result = await c.getIdCheck(check_id, { fields: ["dob"], signal });
  assert.equal(result.customer_id, "u");
  assert.equal(typeof result.info.dob, "string");
  assert.equal(typeof await g.ping({ signal }), "string");
  const outcome = await g.verifyIdentity(PERSON, { signal: null });
  assert.ok(["passed", "failed", "questions"].includes(outcome.status));
  assert.equal(listeners.size, 0);
});

test("a signal option that is not an AbortSignal is INVALID_ARGUMENT on `signal`, nothing sent; unknown options are still refused", async () => {
  const { fetch, seen } = recording(() => assert.fail("fetch called"));
  const deaf = { aborted: false, addEventListener() { throw new Error("no"); }, removeEventListener() {} };
  for (const [api, name, call] of calls(fetch)) {
    for (const bad of [true, "abort", {}, { aborted: "no", addEventListener() {}, removeEventListener() {} }, new AbortController(), deaf]) {
      await assert.rejects(call({ signal: bad }), (e) => {
        assert.ok(e instanceof IdvError, name);
        assert.deepEqual([e.code, e.api, e.field], ["INVALID_ARGUMENT", api, "signal"], name);
        return true;
      });
    }
    await assert.rejects(call({ signa: AbortSignal.abort() }), (e) => e.code === "INVALID_ARGUMENT" && e.field === "options");
    // The signal handed over as the options themselves would be ignored: refused.
    await assert.rejects(call(new AbortController().signal), (e) => e.code === "INVALID_ARGUMENT" && e.field === "options" && /\{ signal \}/.test(e.message), name);
  }
  assert.equal(seen.length, 0);
  // The Request builders take no signal (the caller's own fetch does).
  const c = new CaissonClient({ apiKey: "k" });
  assert.throws(() => c.getIdCheckRequest("chk_priv_a", { fields: ["dob"], signal: AbortSignal.abort() }), (e) => e.code === "INVALID_ARGUMENT" && e.field === "options");
});

test("an abort after the call settled does nothing", async () => {
  const sandbox = new Sandbox({ goldstarApiKey: "g" });
  const g = new GoldstarClient({ apiKey: "g", domain: DOMAIN, fetch: sandbox.fetch });
  const ac = new AbortController();
  const time = await g.ping({ signal: ac.signal });
  ac.abort();
  assert.equal(typeof time, "string");
  assert.equal(typeof await g.ping(), "string");
});
