// Client options (API.md, "Common client options" and the base URL / domain
// rules): apiKey required and never printed, https only except loopback http,
// Goldstar's domain / version shape, unknown options refused, timeoutMs (per
// attempt, 10000 by default, checked with mocked timers, not the wall clock),
// maxRetries (2 by default), fetch defaulting to globalThis.fetch, and
// BROWSER_NOT_ALLOWED / dangerouslyAllowBrowser (principle 4). Written from
// API.md and the docs alone, without reading the source: a second reading of
// the contract beside tests/js/. Keys are fake test values.
import { test, describe, mock } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, GoldstarClient, IdvError, CK, GK, DOMAIN, json, fakeFetch, rejects, throwsSync, assertNoLeak, RESULT, settle, settleUntil, withMockTimers } from "./h.mjs";

describe("CaissonClient options", () => {
  test("default baseUrl is https://api.caisson.com", () => {
    const c = new CaissonClient({ apiKey: CK });
    assert.equal(c.exchangeTokenRequest("tok").url, "https://api.caisson.com/v1/idcheck/exchangetoken");
    assert.equal(new URL(c.getIdCheckRequest("chk_priv_x").url).origin + new URL(c.getIdCheckRequest("chk_priv_x").url).pathname, "https://api.caisson.com/v1/idcheck");
  });
  test("apiKey required", () => {
    throwsSync(() => new CaissonClient({}), { code: "INVALID_ARGUMENT", api: "caisson", field: "apiKey" });
    throwsSync(() => new CaissonClient({ apiKey: "" }), { code: "INVALID_ARGUMENT" });
  });
  test("https base URLs accepted, configurable (dev region host)", () => {
    const c = new CaissonClient({ apiKey: CK, baseUrl: "https://api-noam.caisson.dev" });
    assert.equal(c.exchangeTokenRequest("tok").url, "https://api-noam.caisson.dev/v1/idcheck/exchangetoken");
  });
  for (const u of ["http://localhost", "http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010", "http://127.0.0.1"]) {
    test(`http accepted for loopback ${u}`, () => {
      const c = new CaissonClient({ apiKey: CK, baseUrl: u });
      assert.ok(c.exchangeTokenRequest("tok").url.startsWith(u.replace(/\/$/, "") + "/v1/idcheck/exchangetoken"), c.exchangeTokenRequest("tok").url);
    });
  }
  for (const u of ["http://api.caisson.com", "http://example.com:80", "http://10.0.0.1", "http://127.0.0.2", "http://localhost.example.com", "ftp://api.caisson.com", "ws://localhost", "api.caisson.com", "", "https://user:pw@api.caisson.com", "https://api.caisson.com?x=1", "https://api.caisson.com/\n", "https://api.ca\u0000isson.com", "https://api.caisson.com\r\nX: y"]) {
    test(`baseUrl refused: ${JSON.stringify(u)}`, () => {
      throwsSync(() => new CaissonClient({ apiKey: CK, baseUrl: u }), { code: "INVALID_ARGUMENT", api: "caisson", field: "baseUrl" });
    });
  }
  test("refused baseUrl error does not print the key", () => {
    const e = throwsSync(() => new CaissonClient({ apiKey: CK, baseUrl: "http://evil.example" }), { code: "INVALID_ARGUMENT" });
    assertNoLeak(e, [CK]);
  });
  test("unknown option key is INVALID_ARGUMENT and never prints its value", () => {
    const e = throwsSync(() => new CaissonClient({ apiKey: CK, apikey2: "sk_hidden_value_123" }), { code: "INVALID_ARGUMENT" });
    assertNoLeak(e, [CK, "sk_hidden_value_123"]);
  });
  test("a misspelt key holding a secret is refused without printing it", () => {
    const e = throwsSync(() => new CaissonClient({ api_key: CK }), { code: "INVALID_ARGUMENT" });
    assertNoLeak(e, [CK]);
  });
  test("apiKey with control characters refused without echoing it", () => {
    const k = "sk_bad\nkey_SECRET42";
    const e = throwsSync(() => new CaissonClient({ apiKey: k }), { code: "INVALID_ARGUMENT", field: "apiKey" });
    assertNoLeak(e, ["sk_bad", "key_SECRET42"]);
  });
  test("client object does not reveal the key when printed", async () => {
    const util = await import("node:util");
    const c = new CaissonClient({ apiKey: CK });
    assert.ok(!util.inspect(c, { showHidden: true, depth: 5 }).includes(CK));
    assert.ok(!String(c).includes(CK));
    let s = ""; try { s = JSON.stringify(c) ?? ""; } catch {}
    assert.ok(!s.includes(CK));
  });
});

describe("GoldstarClient options", () => {
  test("URL shape https://{domain}/identification/api/{version}/{resource}, default v1", () => {
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    assert.equal(g.pingRequest().url, "https://qaservices.goldstartrust.com/identification/api/v1/ops/ping");
  });
  test("domain required", () => {
    throwsSync(() => new GoldstarClient({ apiKey: GK }), { code: "INVALID_ARGUMENT", api: "goldstar", field: "domain" });
  });
  test("apiKey required", () => {
    throwsSync(() => new GoldstarClient({ domain: DOMAIN }), { code: "INVALID_ARGUMENT", api: "goldstar", field: "apiKey" });
  });
  test("version v2 / v10 used", () => {
    assert.equal(new GoldstarClient({ apiKey: GK, domain: DOMAIN, version: "v2" }).pingRequest().url, "https://qaservices.goldstartrust.com/identification/api/v2/ops/ping");
    assert.equal(new GoldstarClient({ apiKey: GK, domain: DOMAIN, version: "v10" }).pingRequest().url, "https://qaservices.goldstartrust.com/identification/api/v10/ops/ping");
  });
  for (const v of ["1", "v", "v1a", "v1.0", "x1", "", "v-1", "v 1", "v1/", "../v1", "V1"]) {
    test(`version refused: ${JSON.stringify(v)}`, () => {
      throwsSync(() => new GoldstarClient({ apiKey: GK, domain: DOMAIN, version: v }), { code: "INVALID_ARGUMENT", field: "version" });
    });
  }
  test("domain with port keeps https for non-loopback", () => {
    assert.equal(new GoldstarClient({ apiKey: GK, domain: "qa.example.com:8443" }).pingRequest().url, "https://qa.example.com:8443/identification/api/v1/ops/ping");
  });
  for (const [d, u] of [["localhost", "http://localhost/"], ["localhost:4010", "http://localhost:4010/"], ["127.0.0.1", "http://127.0.0.1/"], ["127.0.0.1:4010", "http://127.0.0.1:4010/"], ["[::1]", "http://[::1]/"], ["[::1]:4010", "http://[::1]:4010/"]]) {
    test(`loopback domain ${d} reached over http`, () => {
      assert.equal(new GoldstarClient({ apiKey: GK, domain: d }).pingRequest().url, u + "identification/api/v1/ops/ping");
    });
  }
  for (const d of ["https://qaservices.goldstartrust.com", "http://localhost", "qaservices.goldstartrust.com/path", "qaservices.goldstartrust.com/", "qaservices.goldstartrust.com?x=1", "user:pw@qaservices.goldstartrust.com", "user@qaservices.goldstartrust.com", "qaservices.goldstartrust.com\n", "qa\u0007services.com", "qaservices.goldstartrust.com#frag", "", "a b.com", "qaservices.goldstartrust.com:99999"]) {
    test(`domain refused: ${JSON.stringify(d)}`, () => {
      throwsSync(() => new GoldstarClient({ apiKey: GK, domain: d }), { code: "INVALID_ARGUMENT", api: "goldstar", field: "domain" });
    });
  }
  test("unknown option key is INVALID_ARGUMENT and never prints its value", () => {
    const e = throwsSync(() => new GoldstarClient({ apiKey: GK, domain: DOMAIN, xApiKey: "gs_other_secret_999" }), { code: "INVALID_ARGUMENT" });
    assertNoLeak(e, [GK, "gs_other_secret_999"]);
  });
});

describe("timeoutMs / maxRetries / fetch defaults", () => {
  test("maxRetries default 2 => 3 attempts of a retryable Caisson call", async () => {
    const f = fakeFetch(() => json({}, 503, { "retry-after": "0" }));
    const c = new CaissonClient({ apiKey: CK, fetch: f });
    await rejects(c.getIdCheck("chk_priv_abc"), { code: "SERVER_ERROR", status: 503 });
    assert.equal(f.calls.length, 3);
  });
  test("maxRetries 0 => one attempt; maxRetries 4 => five", async () => {
    for (const [n, want] of [[0, 1], [1, 2], [4, 5]]) {
      const f = fakeFetch(() => json({}, 503, { "retry-after": "0" }));
      const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: n });
      await rejects(c.getIdCheck("chk_priv_abc"), { code: "SERVER_ERROR" });
      assert.equal(f.calls.length, want, `maxRetries ${n}`);
    }
  });
  test("fetch defaults to globalThis.fetch", async () => {
    const orig = globalThis.fetch;
    let n = 0;
    globalThis.fetch = async () => { n++; return json({ check_id: "chk_priv_abc" }); };
    try {
      const c = new CaissonClient({ apiKey: CK });
      assert.deepEqual({ ...(await c.exchangeToken("chk_xchg_abc")) }, { check_id: "chk_priv_abc" });
      assert.equal(n, 1);
    } finally { globalThis.fetch = orig; }
  });
  test("timeoutMs enforced per attempt, signal aborted", async () => {
    // Mocked timers instead of a wall-clock bound: the attempt is still open
    // 30 ms in and aborted by 50 ms (timeoutMs 40), whatever the machine's speed.
    await withMockTimers(async (timers) => {
      let sig;
      const f = (req) => new Promise((res, rej) => { sig = req.signal; req.signal.addEventListener("abort", () => rej(req.signal.reason)); });
      const c = new CaissonClient({ apiKey: CK, fetch: f, timeoutMs: 40, maxRetries: 0 });
      const p = rejects(c.getIdCheck("chk_priv_abc"), { code: "TIMEOUT", retryable: true, status: undefined, api: "caisson" });
      await settleUntil(() => sig !== undefined, "fetch called");
      timers.tick(30);
      await settle();
      assert.equal(sig.aborted, false, "aborted before timeoutMs");
      timers.tick(20);
      await settle();
      assert.equal(sig.aborted, true, "the request's signal was aborted at timeoutMs");
      await p;
    });
  });
  test("timeout even if fetch ignores the signal", async () => {
    const c = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: () => new Promise(() => {}), timeoutMs: 40 });
    await rejects(c.verifyIdentity({ firstname: "A", lastname: "B", address: "1 Main", city: "X", state: "GA", zip: "30301", taxpayerID: "555010001", birthMonth: 1, birthDay: 1, birthYear: 1980 }), { code: "TIMEOUT", retryable: true, api: "goldstar" });
  });
  test("default timeoutMs is 10000 (mocked timers)", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      let aborted = false, called = false;
      const f = (req) => new Promise((res, rej) => { called = true; req.signal.addEventListener("abort", () => { aborted = true; rej(req.signal.reason); }); });
      const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 0 });
      const p = c.getIdCheck("chk_priv_abc").catch((e) => e);
      await settleUntil(() => called, "fetch called");
      mock.timers.tick(9990);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      assert.equal(aborted, false, "aborted before 10 s");
      mock.timers.tick(20);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      assert.equal(aborted, true, "not aborted at 10 s");
      const e = await p;
      assert.equal(e.code, "TIMEOUT");
    } finally { mock.timers.reset(); }
  });
});

describe("BROWSER_NOT_ALLOWED", () => {
  function inBrowser(fn) {
    const had = { w: Object.getOwnPropertyDescriptor(globalThis, "window"), d: Object.getOwnPropertyDescriptor(globalThis, "document") };
    globalThis.window = globalThis; globalThis.document = {};
    try { return fn(); } finally {
      if (had.w) Object.defineProperty(globalThis, "window", had.w); else delete globalThis.window;
      if (had.d) Object.defineProperty(globalThis, "document", had.d); else delete globalThis.document;
    }
  }
  test("CaissonClient throws in a page", () => {
    inBrowser(() => throwsSync(() => new CaissonClient({ apiKey: CK }), { code: "BROWSER_NOT_ALLOWED", api: "caisson", retryable: false }));
  });
  test("GoldstarClient throws in a page", () => {
    inBrowser(() => throwsSync(() => new GoldstarClient({ apiKey: GK, domain: DOMAIN }), { code: "BROWSER_NOT_ALLOWED", api: "goldstar", retryable: false }));
  });
  test("error does not contain the key", () => {
    inBrowser(() => { const e = throwsSync(() => new CaissonClient({ apiKey: CK }), { code: "BROWSER_NOT_ALLOWED" }); assertNoLeak(e, [CK]); });
  });
  test("dangerouslyAllowBrowser: true allows construction", () => {
    inBrowser(() => {
      const c = new CaissonClient({ apiKey: CK, dangerouslyAllowBrowser: true });
      const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, dangerouslyAllowBrowser: true });
      assert.equal(c.exchangeTokenRequest("tok").url, "https://api.caisson.com/v1/idcheck/exchangetoken");
      assert.equal(g.pingRequest().url, `https://${DOMAIN}/identification/api/v1/ops/ping`);
    });
  });
  test("dangerouslyAllowBrowser: false still throws", () => {
    inBrowser(() => throwsSync(() => new CaissonClient({ apiKey: CK, dangerouslyAllowBrowser: false }), { code: "BROWSER_NOT_ALLOWED" }));
  });
  test("only window (no document) is not a page", () => {
    globalThis.window = globalThis;
    try {
      const c = new CaissonClient({ apiKey: CK });
      assert.equal(c.getIdCheckRequest("chk_priv_x").headers.get("authorization"), `Caisson ${CK}`);
    } finally { delete globalThis.window; }
  });
  test("the page check is made at construction: after leaving the page, clients construct again", () => {
    inBrowser(() => throwsSync(() => new CaissonClient({ apiKey: CK }), { code: "BROWSER_NOT_ALLOWED" }));
    assert.ok(!("window" in globalThis) && !("document" in globalThis), "globals restored");
    const c = new CaissonClient({ apiKey: CK });
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    assert.equal(c.exchangeTokenRequest("tok").method, "POST");
    assert.equal(g.pingRequest().headers.get("x-apikey"), GK);
  });
});
