// Contract edges across API.md: "every failure is an IdvError" (Errors), option
// type checks, ModelState at any status, Unicode names in a person, concurrent
// and re-entrant client use, ping retried on a timeout, the Sandbox's exact
// 2-hour and 5-minute windows and its clock, and the Sandbox served over HTTP
// by www/sandbox-server.mjs (the Sandbox section's "served over HTTP"), which
// this file starts as a child process on a free port. Written from API.md and
// the docs alone, without reading the source: a second reading of the
// contract beside tests/js/. Keys and SSNs are fake test values.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import util from "node:util";
import { CaissonClient, GoldstarClient, IdvError, Sandbox, assessIdCheck, CK, GK, DOMAIN, json, fakeFetch, rejects, throwsSync, person, RESULT, SANDBOX_SERVER, withMockTimers, advanceUntil } from "./h.mjs";

const T0 = Date.parse("2024-03-01T12:00:00Z");

describe("every failure is an IdvError", () => {
  const c = new CaissonClient({ apiKey: CK });
  const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
  test("fetch throwing synchronously -> NETWORK", async () => {
    await rejects(new CaissonClient({ apiKey: CK, fetch: () => { throw new Error("boom"); }, maxRetries: 0 }).getIdCheck("chk_priv_a"), { code: "NETWORK", retryable: true });
  });
  test("fetch rejecting with a non-Error -> NETWORK", async () => {
    await rejects(new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: async () => { throw "nope"; } }).verifyIdentity(person()), { code: "NETWORK" });
  });
  test("fetch resolving to a non-Response -> IdvError", async () => {
    await rejects(new CaissonClient({ apiKey: CK, fetch: async () => undefined, maxRetries: 0 }).getIdCheck("chk_priv_a"));
  });
  test("body stream error -> IdvError", async () => {
    const f = async () => new Response(new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode('{"check_id":')); ctl.error(new Error("reset")); } }), { status: 200 });
    await rejects(new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 0 }).exchangeToken("chk_xchg_a"));
  });
  test("stalled body -> TIMEOUT", async () => {
    const f = async () => new Response(new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode('{"check_id":')); } }), { status: 200 });
    await rejects(new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 0, timeoutMs: 50 }).exchangeToken("chk_xchg_a"), { code: "TIMEOUT", retryable: true });
  });
  test("parsers given a non-Response -> IdvError", async () => {
    for (const v of [undefined, null, "x", 5, {}]) {
      await rejects(c.parseIdCheck(v)); await rejects(c.parseExchangeToken(v));
      await rejects(g.parsePing(v)); await rejects(g.parseVerifyIdentity(v)); await rejects(g.parseVerifyAnswers(v));
    }
  });
  test("assessIdCheck bad input / bad now -> INVALID_ARGUMENT", () => {
    throwsSync(() => assessIdCheck(null), { code: "INVALID_ARGUMENT" });
    for (const now of [new Date(NaN), NaN, "2019-07-19", "yesterday"]) throwsSync(() => assessIdCheck(RESULT, { now }), { code: "INVALID_ARGUMENT" });
  });
  test("store failures -> IdvError", async () => {
    const mk = () => new CaissonClient({ apiKey: CK, fetch: async () => json({ check_id: "chk_priv_x" }), maxRetries: 0 });
    await rejects(mk().exchangeToken("chk_xchg_a", { store: { get() { throw new Error("kv down"); }, put() {} } }));
    await rejects(mk().exchangeToken("chk_xchg_a", { store: { get() { return null; }, async put() { throw new Error("kv down"); } } }));
    await rejects(mk().exchangeToken("chk_xchg_a", { store: {} }), { code: "INVALID_ARGUMENT" });
  });
  test("option type errors -> INVALID_ARGUMENT", () => {
    throwsSync(() => new CaissonClient({ apiKey: CK, fetch: 5 }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => new CaissonClient({ apiKey: CK, timeoutMs: -1 }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => new CaissonClient({ apiKey: CK, maxRetries: 1.5 }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => new CaissonClient(), { code: "INVALID_ARGUMENT" });
  });
});

describe("more contract edges", () => {
  test("ModelState field names taken whatever the status (404, 409)", async () => {
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    const e1 = await rejects(g.parseVerifyAnswers(json({ Message: "x", ModelState: { "request.id": ["bad"] } }, 404)), { code: "NOT_FOUND" });
    assert.ok(e1.fields.some((f) => f.endsWith("id")));
    const e2 = await rejects(g.parseVerifyAnswers(json({ Message: "x", ModelState: { "request.id": ["bad"] } }, 409)), { code: "BAD_REQUEST" });
    assert.ok(e2.fields.some((f) => f.endsWith("id")));
  });
  test("Unicode names accepted (only control characters refused)", async () => {
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    const b = JSON.parse(await g.verifyIdentityRequest(person({ firstname: "José", lastname: "O'Brien-李", city: "Québec" })).text());
    assert.equal(b.firstname, "José");
    throwsSync(() => g.verifyIdentityRequest(person({ firstname: "Ja\u0085mie" })), { code: "INVALID_ARGUMENT" });
  });
  test("concurrent calls on one client", async () => {
    // Every fetch is held open until all 25 are in flight, so the calls really overlap.
    const ids = [];
    let release;
    const gate = new Promise((r) => { release = r; });
    const c = new CaissonClient({ apiKey: CK, fetch: async (req) => {
      const id = req.headers.get("x-caisson-checkid");
      ids.push(id);
      if (ids.length === 25) release();
      await gate;
      return json({ ...RESULT, check_id: id });
    } });
    const want = Array.from({ length: 25 }, (_, i) => `chk_priv_call${i}`);
    const all = await Promise.all(want.map((id) => c.getIdCheck(id)));
    assert.deepEqual(all.map((r) => r.check_id), want, "each call gets its own answer");
    assert.deepEqual([...ids].sort(), [...want].sort());
  });
  test("re-entrant use of the client inside its fetch", async () => {
    let c;
    c = new CaissonClient({ apiKey: CK, fetch: async (req) => { if (req.headers.get("x-caisson-checkid") === "chk_priv_outer") await c.getIdCheck("chk_priv_inner"); return json(RESULT); } });
    assert.equal((await c.getIdCheck("chk_priv_outer")).check_id, RESULT.check_id);
  });
  test("ping retried on timeout", async () => {
    // Mocked timers: the first attempt hangs until its 30 ms timeout fires; time
    // stops once the second attempt is under way, so its own 30 ms timeout can
    // never beat its answer however slow the machine is.
    await withMockTimers(async (timers) => {
      const signals = [];
      const f = (req) => {
        signals.push(req.signal);
        return signals.length === 1
          ? new Promise((res, rej) => req.signal.addEventListener("abort", () => rej(req.signal.reason)))
          : json(JSON.stringify("2015-03-20T13:50:10.0370495-05:00"));
      };
      const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f, timeoutMs: 30, maxRetries: 1 });
      const p = g.ping().then((v) => ({ v }), (e) => ({ e }));
      await advanceUntil(timers, () => signals.length === 2);
      assert.equal(signals[0].aborted, true, "first attempt aborted by its timeout");
      const r = await p;
      assert.equal(r.e, undefined, `ping failed: ${r.e && r.e.code}`);
      assert.equal(r.v, "2015-03-20T13:50:10.0370495-05:00");
      assert.equal(signals.length, 2);
    });
  });
  test("Goldstar / Sandbox objects do not print keys", () => {
    assert.ok(!util.inspect(new GoldstarClient({ apiKey: GK, domain: DOMAIN }), { showHidden: true, depth: 5 }).includes(GK));
    assert.ok(!util.inspect(new Sandbox({ caissonApiKey: "SBKEYVISIBLE" }), { showHidden: true, depth: 5 }).includes("SBKEYVISIBLE"));
  });
  test("Sandbox refusals do not echo values", () => {
    const e1 = throwsSync(() => new Sandbox({ caissonApiKey: "sk secret\nKEYVALUE" }), { code: "INVALID_ARGUMENT" });
    assert.ok(!(String(e1) + JSON.stringify(e1)).includes("KEYVALUE"));
    const sb = new Sandbox({ now: T0 });
    const e2 = throwsSync(() => sb.createIdCheck({ customerId: "u", info: { first_name: "XANTHIPPE\u0001" } }), { code: "INVALID_ARGUMENT" });
    assert.ok(!(String(e2) + JSON.stringify(e2) + util.inspect(e2)).includes("XANTHIPPE"));
  });
});

describe("Sandbox exact windows and clock", () => {
  test("exactly 2 h: exchange works; 2 h + 1 ms: refused", async () => {
    const sb = new Sandbox({ now: T0 });
    const c = new CaissonClient({ apiKey: CK, fetch: sb.fetch, maxRetries: 0 });
    const a = sb.createIdCheck({ customerId: "a" }).check_exchange_token;
    const b = sb.createIdCheck({ customerId: "b" }).check_exchange_token;
    sb.advanceTime(2 * 3600_000);
    await c.exchangeToken(a);
    sb.advanceTime(1);
    await rejects(c.exchangeToken(b), { code: "INVALID_INPUT" });
  });
  test("exactly 5 min after first exchange: same id; 1 ms later refused", async () => {
    const sb = new Sandbox({ now: T0 });
    const c = new CaissonClient({ apiKey: CK, fetch: sb.fetch, maxRetries: 0 });
    const t = sb.createIdCheck({ customerId: "a" }).check_exchange_token;
    const first = await c.exchangeToken(t);
    sb.advanceTime(5 * 60_000);
    assert.equal((await c.exchangeToken(t)).check_id, first.check_id);
    sb.advanceTime(1);
    await rejects(c.exchangeToken(t), { code: "INVALID_INPUT" });
  });
  test("advanceTime works on the default real clock", () => {
    // Bracketed by two readings of the real clock: no tolerance to tune.
    const before = Date.now();
    const sb = new Sandbox();
    sb.advanceTime(3 * 3600_000);
    const n = sb.now;
    const after = Date.now();
    assert.ok(before + 3 * 3600_000 <= n && n <= after + 3 * 3600_000, `${n} not in [${before}, ${after}] + 3 h`);
  });
  test("missing keys: any non-empty key accepted, none is 401", async () => {
    const sb = new Sandbox({ now: T0 });
    const ok = await sb.fetch(`https://${DOMAIN}/identification/api/v1/ops/ping`, { method: "POST", headers: { "x-apikey": "anything" } });
    assert.equal(ok.status, 200);
    const no = await sb.fetch(`https://${DOMAIN}/identification/api/v1/ops/ping`, { method: "POST" });
    assert.equal(no.status, 401);
    const noc = await sb.fetch("https://api.caisson.com/v1/idcheck", { headers: { "x-caisson-checkid": "chk_priv_x" } });
    assert.equal(noc.status, 401);
  });
});

describe("Sandbox over HTTP (www/sandbox-server.mjs)", () => {
  let child, origin, hostport;
  before(async () => {
    child = spawn(process.execPath, [SANDBOX_SERVER, "--port", "0", "--caisson-key", "sk_http_key", "--goldstar-key", "gs_http_key", "--now", "2024-03-01T12:00:00Z"], { stdio: ["ignore", "pipe", "pipe"] });
    origin = await new Promise((resolve, reject) => {
      let buf = "";
      // Only a guard against a server that never starts: generous, for a loaded machine.
      const t = setTimeout(() => reject(new Error("server did not start within 30 s: " + buf)), 30_000);
      child.stdout.on("data", (d) => { buf += d; const m = buf.match(/http:\/\/127\.0\.0\.1:(\d+)/); if (m) { clearTimeout(t); resolve(m[0]); } });
      child.stderr.on("data", (d) => { buf += d; });
      child.on("error", (e) => { clearTimeout(t); reject(e); });
      child.on("exit", (code) => { clearTimeout(t); reject(new Error("server exited " + code + " " + buf)); });
    });
    hostport = origin.replace("http://", "");
  });
  after(async () => {
    // Always stop the server, also when it failed to start or a test failed.
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }
  });
  test("Caisson over HTTP with baseUrl http://127.0.0.1:port", async () => {
    const c = new CaissonClient({ apiKey: "sk_http_key", baseUrl: origin, maxRetries: 0 });
    const res = await fetch(`${origin}/__sandbox/idcheck`, { method: "POST", body: JSON.stringify({ customerId: "u1", preset: "blurry_selfie" }) });
    assert.equal(res.status, 201);
    const { check_exchange_token } = await res.json();
    const { check_id } = await c.exchangeToken(check_exchange_token);
    const r = await c.getIdCheck(check_id, { fields: ["dob"] });
    assert.equal(r.confidence.reasons[0].code, 201);
    assert.equal(r.confidence.reasons[0].category, "selfie");
    await rejects(new CaissonClient({ apiKey: "sk_wrong", baseUrl: origin, maxRetries: 0 }).getIdCheck(check_id), { code: "UNAUTHORIZED", status: 401 });
  });
  test("Goldstar over HTTP with domain 127.0.0.1:port", async () => {
    const g = new GoldstarClient({ apiKey: "gs_http_key", domain: hostport, maxRetries: 0 });
    assert.equal(Date.parse(await g.ping()), Date.parse("2024-03-01T12:00:00Z"));
    const o = await g.verifyIdentity(person({ taxpayerID: "555-01-0203" }));
    assert.equal(o.status, "questions");
    assert.equal(o.id.length, 20);
    const quizA = { "residence.type": "Single Family Residence", "person.not.known": "LUIS PEREIRA", "city.of.residence": "THORNTON", "prior.residence.state.multiyear": "KENTUCKY" };
    const a = await g.verifyAnswers(o.id, o.questions.map((q) => ({ type: q.type, text: quizA[q.type] })), o.questions);
    assert.equal(a.status, "passed");
    await rejects(g.verifyIdentity(person({ taxpayerID: "555-01-0902" })), { code: "SERVER_ERROR", status: 500 });
  });
  test("HTTP time control moves the clock (2 h window)", async () => {
    const c = new CaissonClient({ apiKey: "sk_http_key", baseUrl: origin, maxRetries: 0 });
    const { check_exchange_token } = await (await fetch(`${origin}/__sandbox/idcheck`, { method: "POST", body: JSON.stringify({ customerId: "u2" }) })).json();
    const adv = await fetch(`${origin}/__sandbox/time`, { method: "POST", body: JSON.stringify({ advanceMs: 2 * 3600_000 + 1 }) });
    assert.equal(adv.status, 200);
    await rejects(c.exchangeToken(check_exchange_token), { code: "INVALID_INPUT", status: 400 });
  });
});

describe("misc", () => {
  test("builders send nothing", () => {
    const f = fakeFetch(() => json({}));
    const c = new CaissonClient({ apiKey: CK, fetch: f });
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
    c.exchangeTokenRequest("t"); c.getIdCheckRequest("chk_priv_x", { fields: ["sex"] });
    g.pingRequest(); g.verifyIdentityRequest(person()); g.verifyAnswersRequest("1", [{ type: "a", text: "b" }]);
    assert.equal(f.calls.length, 0);
  });
  test("IdvError name", async () => {
    const e = await rejects(new CaissonClient({ apiKey: CK }).parseIdCheck(json({}, 401)));
    assert.equal(e.name, "IdvError");
    assert.ok(Object.prototype.toString.call(e) === "[object Error]");
  });
  test("a cut-off body is retryable and retried for getIdCheck", async () => {
    const f = fakeFetch((req, n) => n === 1
      ? new Response(new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode('{"check_id":')); ctl.error(new Error("reset")); } }), { status: 200, headers: { "retry-after": "0" } })
      : json(RESULT));
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 1 });
    assert.equal((await c.getIdCheck("chk_priv_abc")).check_id, RESULT.check_id);
    assert.equal(f.calls.length, 2);
  });
  test("too-large body is INVALID_RESPONSE (not retried), endless stream does not hang", async () => {
    // An endless body must be cut off by the size limit, not by the clock: had
    // the client kept reading, the call would end in TIMEOUT (and be retried),
    // so the code and the attempt count say it stopped on size, with no time
    // bound. timeoutMs is large so a slow machine cannot turn it into TIMEOUT.
    let pulled = 0;
    const f = fakeFetch(() => new Response(new ReadableStream({ pull(ctl) { pulled += 65536; ctl.enqueue(new Uint8Array(65536).fill(32)); } }), { status: 200 }));
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 2, timeoutMs: 20_000 });
    await rejects(c.getIdCheck("chk_priv_abc"), { code: "INVALID_RESPONSE", retryable: false });
    assert.equal(f.calls.length, 1);
    assert.ok(pulled > 0 && pulled < 64 * 1024 * 1024, `read ${pulled} bytes of an endless body`);
  });
  test("Sandbox fetch accepts a URL object", async () => {
    const sb = new Sandbox({ now: T0 });
    const r = await sb.fetch(new URL(`https://${DOMAIN}/identification/api/v1/ops/ping`), { method: "POST", headers: { "x-apikey": "k" } });
    assert.equal(r.status, 200);
  });
});
