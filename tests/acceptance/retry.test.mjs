// Automatic retries (API.md, Common client options and Errors: "automatic
// retries follow retryable, except NOT_VERIFIED and PENDING_REVIEW"; both
// Caisson calls and ping are retried, verifyIdentity / verifyAnswers never):
// attempt counts for every retryable and non-retryable failure, timeouts
// retried with a fresh timeout per attempt (driven by mocked timers), and
// Retry-After honoured in seconds and as an HTTP date (lower bounds only).
// Written from API.md and the docs alone, without reading the source: a second
// reading of the contract beside tests/js/. Keys and SSNs are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, GoldstarClient, IdvError, CK, GK, DOMAIN, json, fakeFetch, rejects, person, RESULT, withMockTimers, advanceUntil } from "./h.mjs";

const RA0 = { "retry-after": "0" };
const hang = (req) => new Promise((res, rej) => req.signal.addEventListener("abort", () => rej(req.signal.reason)));

const failures = {
  "500 INTERNAL_ERROR": () => json({ error: "INTERNAL_ERROR" }, 500, RA0),
  "200 INTERNAL_ERROR": () => json({ error: "INTERNAL_ERROR" }, 200, RA0),
  "503": () => json({}, 503, RA0),
  "429": () => json({}, 429, RA0),
  "408": () => json({}, 408, RA0),
  "network": () => { throw new TypeError("fetch failed"); },
};
const nonRetryable = {
  "401": () => json({}, 401, RA0),
  "400 INVALID_INPUT": () => json({ error: "INVALID_INPUT" }, 400, RA0),
  "404": () => json({}, 404, RA0),
  "422": () => json({}, 422, RA0),
  "404 IDCHECK_DELETED": () => json({ error: "IDCHECK_DELETED" }, 404, RA0),
  "410 IDCHECK_EXPIRED": () => json({ error: "IDCHECK_EXPIRED" }, 410, RA0),
  "200 bad JSON": () => new Response("nope", { status: 200, headers: RA0 }),
};

describe("Caisson calls are retried on retryable failures", () => {
  for (const [name, mk] of Object.entries(failures)) {
    test(`exchangeToken retries ${name}, then succeeds`, async () => {
      const f = fakeFetch((req, n) => n === 1 ? mk() : json({ check_id: "chk_priv_abc" }));
      const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 2 });
      assert.equal((await c.exchangeToken("chk_xchg_abc")).check_id, "chk_priv_abc");
      assert.equal(f.calls.length, 2);
    });
    test(`getIdCheck retries ${name}: 1 + maxRetries attempts`, async () => {
      const f = fakeFetch(() => mk());
      const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 2 });
      const e = await rejects(c.getIdCheck("chk_priv_abc"));
      assert.equal(e.retryable, true);
      assert.equal(f.calls.length, 3);
    });
  }
  for (const [name, mk] of Object.entries(nonRetryable)) {
    test(`getIdCheck / exchangeToken do not retry ${name}`, async () => {
      const f = fakeFetch(() => mk());
      const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 2 });
      const e = await rejects(c.getIdCheck("chk_priv_abc"), { retryable: false });
      assert.equal(f.calls.length, 1);
      const f2 = fakeFetch(() => mk());
      const c2 = new CaissonClient({ apiKey: CK, fetch: f2, maxRetries: 2 });
      await rejects(c2.exchangeToken("chk_xchg_abc"), { retryable: false });
      assert.equal(f2.calls.length, 1);
    });
  }
  for (const code of ["NOT_VERIFIED", "PENDING_REVIEW"]) {
    for (const status of [200, 400, 503]) {
      test(`${code} (HTTP ${status}) is retryable but not auto-retried`, async () => {
        const f = fakeFetch(() => json({ error: code, error_description: "later" }, status, RA0));
        const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 3 });
        await rejects(c.getIdCheck("chk_priv_abc"), { code, retryable: true, status });
        assert.equal(f.calls.length, 1);
      });
    }
  }
  test("timeout is retried for getIdCheck (fresh timeout per attempt)", async () => {
    // Mocked timers: the first attempt hangs until its timeout fires, then the
    // back-off passes; time stops once the second attempt is under way, so its
    // answer cannot lose a race against its own 50 ms timeout on a slow machine.
    await withMockTimers(async (timers) => {
      const signals = [];
      const f = (req) => { signals.push(req.signal); return signals.length === 1 ? hang(req) : json(RESULT); };
      const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 1, timeoutMs: 50 });
      const p = c.getIdCheck("chk_priv_abc").then((v) => ({ v }), (e) => ({ e }));
      await advanceUntil(timers, () => signals.length === 2);
      assert.equal(signals[0].aborted, true, "first attempt aborted by its timeout");
      assert.equal(signals[1].aborted, false, "second attempt has a fresh signal");
      const r = await p;
      assert.equal(r.e, undefined, `getIdCheck failed: ${r.e && r.e.code}`);
      assert.equal(r.v.check_id, RESULT.check_id);
      assert.equal(signals.length, 2);
    });
  });
  test("timeout exhausted => TIMEOUT after 1 + maxRetries attempts", async () => {
    const f = fakeFetch((req) => hang(req));
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 1, timeoutMs: 30 });
    await rejects(c.exchangeToken("chk_xchg_abc"), { code: "TIMEOUT", retryable: true });
    assert.equal(f.calls.length, 2);
  });
  test("each retry sends the same request", async () => {
    const f = fakeFetch((req, n) => n < 3 ? json({}, 503, RA0) : json({ check_id: "chk_priv_abc" }));
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 2 });
    await c.exchangeToken("chk_xchg_abc");
    assert.equal(f.calls.length, 3);
    for (const call of f.calls) {
      assert.equal(call.method, "POST");
      assert.equal(call.headers.authorization, `Caisson ${CK}`);
      assert.deepEqual(JSON.parse(call.body), { check_exchange_token: "chk_xchg_abc" });
    }
  });
});

describe("Goldstar retry policy", () => {
  for (const [name, mk] of Object.entries(failures)) {
    if (name.includes("INTERNAL")) continue;
    test(`ping retries ${name}`, async () => {
      const f = fakeFetch((req, n) => n === 1 ? mk() : json(JSON.stringify("2015-03-20T13:50:10.0370495-05:00")));
      const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, maxRetries: 2 });
      assert.equal(await g.ping(), "2015-03-20T13:50:10.0370495-05:00");
      assert.equal(f.calls.length, 2);
    });
    test(`verifyIdentity never retries ${name}`, async () => {
      const f = fakeFetch(() => mk());
      const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, maxRetries: 5 });
      const e = await rejects(g.verifyIdentity(person()));
      assert.equal(e.retryable, true);
      assert.equal(f.calls.length, 1);
    });
    test(`verifyAnswers never retries ${name}`, async () => {
      const f = fakeFetch(() => mk());
      const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, maxRetries: 5 });
      await rejects(g.verifyAnswers("1199927326", [{ type: "residence.type", text: "Townhome" }]));
      assert.equal(f.calls.length, 1);
    });
  }
  test("verifyIdentity timeout not retried", async () => {
    const f = fakeFetch((req) => hang(req));
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, maxRetries: 3, timeoutMs: 30 });
    await rejects(g.verifyIdentity(person()), { code: "TIMEOUT", retryable: true, status: undefined });
    assert.equal(f.calls.length, 1);
  });
  test("ping exhausts 1 + maxRetries attempts", async () => {
    const f = fakeFetch(() => json({}, 500, RA0));
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, maxRetries: 3 });
    await rejects(g.ping(), { code: "SERVER_ERROR" });
    assert.equal(f.calls.length, 4);
  });
  test("ping not retried on 401", async () => {
    const f = fakeFetch(() => json({}, 401, RA0));
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, maxRetries: 3 });
    await rejects(g.ping(), { code: "UNAUTHORIZED" });
    assert.equal(f.calls.length, 1);
  });
});

describe("Retry-After", () => {
  test("Retry-After seconds is exposed and honoured", async () => {
    const f = fakeFetch((req, n) => n === 1 ? json({}, 429, { "retry-after": "1" }) : json({ check_id: "chk_priv_abc" }));
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 1 });
    const t = Date.now();
    await c.exchangeToken("chk_xchg_abc");
    const dt = Date.now() - t;
    assert.ok(dt >= 900, `waited only ${dt} ms`);
    assert.equal(f.calls.length, 2);
  });
  test("retryAfterMs on the error", async () => {
    const e = await rejects(new CaissonClient({ apiKey: CK }).parseIdCheck(json({}, 429, { "retry-after": "7" })), { code: "RATE_LIMITED", status: 429 });
    assert.equal(e.retryAfterMs, 7000);
  });
  test("Retry-After as an HTTP date", async () => {
    // The date is made when the 503 is answered, 2.5 s ahead; an HTTP date has
    // whole seconds, so it lies more than 1.5 s after the call began. Lower
    // bound only, with room for rounding: the retry must not come before about
    // then (the back-off alone, without Retry-After, is at most 0.5 s).
    const f = fakeFetch((req, n) => n === 1
      ? json({}, 503, { "retry-after": new Date(Date.now() + 2500).toUTCString() })
      : json({ check_id: "chk_priv_abc" }));
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 1 });
    const t = Date.now();
    await c.exchangeToken("chk_xchg_abc");
    const dt = Date.now() - t;
    assert.ok(dt >= 1000, `honoured date form: waited only ${dt} ms`);
    assert.equal(f.calls.length, 2);
  });
});
