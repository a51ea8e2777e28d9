// The built package (pkg/, Node entry) end to end against the Sandbox:
// both clients, every Caisson scenario and error code, the time windows,
// the Goldstar flows, the error class and the TypeScript declarations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  CaissonClient, GoldstarClient, IdvError, Sandbox, assessIdCheck,
  describeCaissonReason, describeGoldstarQualifier,
} from "../../pkg/node.js";

const KEY = "sk_test_caisson_0123456789";
const GKEY = "gs_test_0123456789";
const T0 = "2026-06-01T12:00:00Z";

function setup(opts = {}) {
  const sandbox = new Sandbox({ caissonApiKey: KEY, goldstarApiKey: GKEY, now: T0 });
  const caisson = new CaissonClient({ apiKey: KEY, fetch: sandbox.fetch, ...opts });
  const goldstar = new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", fetch: sandbox.fetch, ...opts });
  return { sandbox, caisson, goldstar };
}

async function rejects(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof IdvError, `not an IdvError: ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

const person = (ssn) => ({
  firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA",
  zip: "30318", taxpayerID: ssn, birthMonth: 6, birthDay: 30, birthYear: 1989,
});

test("Caisson: exchange, fetch with fields, assess", async () => {
  const { sandbox, caisson } = setup();
  const { check_exchange_token } = sandbox.createIdCheck({ customerId: "user_1", preset: "clean_pass" });
  assert.match(check_exchange_token, /^chk_xchg_[A-Za-z0-9_-]{22}$/);
  const { check_id } = await caisson.exchangeToken(check_exchange_token);
  assert.match(check_id, /^chk_priv_/);
  const r = await caisson.getIdCheck(check_id, { fields: ["dob", "address"] });
  assert.equal(r.customer_id, "user_1");
  assert.equal(r.info.first_name, "JAMIE");
  assert.equal(r.info.dob, "1989-06-30T00:00:00Z");
  assert.equal(r.info.address.state, "NY");
  assert.equal(r.info.sex, undefined, "sex was not asked for");
  assert.deepEqual(r.confidence.reasons, []);
  const a = assessIdCheck(r, { expectedCustomerId: "user_1", maxAgeSeconds: 1200, now: T0 });
  assert.equal(a.decision, "approve");
  assert.equal(assessIdCheck(r, { expectedCustomerId: "someone_else", now: T0 }).decision, "decline");
});

test("Caisson: every preset's result and interpretation", async () => {
  const { sandbox, caisson } = setup();
  const cases = {
    blurry_selfie: [201, "selfie", "review"],
    face_not_found: [202, "selfie", "decline"],
    expired_licence: [308, "document", "decline"],
    name_mismatch: [101, "data_mismatch", "review"],
    dob_mismatch: [102, "data_mismatch", "review"],
    barcode_unreadable: [402, "barcode", "decline"],
  };
  for (const [preset, [code, category, decision]] of Object.entries(cases)) {
    const { check_exchange_token } = sandbox.createIdCheck({ customerId: "u", preset });
    const { check_id } = await caisson.exchangeToken(check_exchange_token);
    const r = await caisson.getIdCheck(check_id, { fields: ["expires_on"] });
    const reason = r.confidence.reasons.find((x) => x.code === code);
    assert.ok(reason, `${preset}: reason ${code}`);
    assert.equal(reason.category, category, preset);
    assert.equal(typeof reason.retryable, "boolean");
    assert.ok(reason.userAction === null || typeof reason.userAction === "string");
    assert.equal(assessIdCheck(r, { now: sandbox.now }).decision, decision, preset);
  }
});

test("Caisson: states map to error codes", async () => {
  const { sandbox, caisson } = setup({ maxRetries: 0 });
  const cases = [
    ["pending", "NOT_VERIFIED", true, 200],
    ["under_review", "PENDING_REVIEW", true, 200],
    ["deleted", "IDCHECK_DELETED", false, 404],
    ["expired", "IDCHECK_EXPIRED", false, 410],
    ["internal_error", "INTERNAL_ERROR", true, 500],
  ];
  for (const [preset, code, retryable, status] of cases) {
    const { check_exchange_token } = sandbox.createIdCheck({ customerId: "u", preset });
    const { check_id } = await caisson.exchangeToken(check_exchange_token);
    const e = await rejects(caisson.getIdCheck(check_id), code);
    assert.equal(e.retryable, retryable, preset);
    assert.equal(e.status, status, preset);
    assert.equal(e.api, "caisson");
    assert.equal(typeof e.description, "string");
    assert.ok(!e.message.includes(check_id));
  }
});

test("Caisson: a pending check completes and polling then succeeds", async () => {
  const { sandbox, caisson } = setup();
  const { check_exchange_token } = sandbox.createIdCheck({ customerId: "u", preset: "pending_then_pass" });
  const { check_id } = await caisson.exchangeToken(check_exchange_token);
  await rejects(caisson.getIdCheck(check_id), "NOT_VERIFIED");
  sandbox.advanceTime(30_000);
  assert.equal((await caisson.getIdCheck(check_id)).check_id, check_id);
});

test("Caisson: the 2-hour exchange window and the 5-minute grace", async () => {
  const { sandbox, caisson } = setup();
  const late = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  sandbox.advanceTime(2 * 3600_000 + 1);
  // The exchange's doc lists INTERNAL_ERROR and INVALID_INPUT only.
  const e = await rejects(caisson.exchangeToken(late), "INVALID_INPUT");
  assert.deepEqual([e.retryable, e.status, e.description], [false, 400, "The check_exchange_token has expired."]);

  const t = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  const first = await caisson.exchangeToken(t);
  sandbox.advanceTime(5 * 60_000);
  assert.deepEqual(await caisson.exchangeToken(t), first, "a repeat within 5 minutes returns the same id");
  sandbox.advanceTime(1);
  await rejects(caisson.exchangeToken(t), "INVALID_INPUT");
});

test("Sandbox: another instance's ids are unknown; keys must not be empty and name their API", async () => {
  const a = new Sandbox({ caissonApiKey: KEY, now: 0 });
  const tokens = [0, 1, 2].map((i) => a.createIdCheck({ customerId: `u${i}` }).check_exchange_token);
  const b = new Sandbox({ caissonApiKey: KEY, now: 0 });
  const caissonB = new CaissonClient({ apiKey: KEY, fetch: b.fetch });
  const e = await rejects(caissonB.exchangeToken(tokens[2]), "INVALID_INPUT");
  assert.equal(e.description, "Invalid check_exchange_token.");
  const { check_id } = await new CaissonClient({ apiKey: KEY, fetch: a.fetch }).exchangeToken(tokens[0]);
  await rejects(caissonB.getIdCheck(check_id), "INVALID_INPUT");
  for (const [key, api] of [["caissonApiKey", "caisson"], ["goldstarApiKey", "goldstar"]]) {
    for (const value of ["", 5]) {
      let err;
      try { new Sandbox({ [key]: value }); } catch (x) { err = x; }
      assert.ok(err instanceof IdvError, `${key}: ${String(value)}`);
      assert.deepEqual([err.code, err.field, err.api], ["INVALID_ARGUMENT", key, api]);
    }
  }
});

test("Caisson: a flaky exchange is retried; a wrong key is UNAUTHORIZED; unknown token INVALID_INPUT", async () => {
  const { sandbox, caisson } = setup();
  const t = sandbox.createIdCheck({ customerId: "u", preset: "flaky_exchange" }).check_exchange_token;
  assert.match((await caisson.exchangeToken(t)).check_id, /^chk_priv_/);
  const wrong = new CaissonClient({ apiKey: "sk_wrong_key_value", fetch: sandbox.fetch });
  const e = await rejects(wrong.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token), "UNAUTHORIZED");
  assert.equal(e.status, 401);
  assert.ok(!e.message.includes("sk_wrong_key_value"));
  await rejects(caisson.exchangeToken("chk_xchg_AAAAAAAAAAAAAAAAAAAAAA"), "INVALID_INPUT");
});

test("Caisson: arguments are checked before anything is sent", async () => {
  let calls = 0;
  const caisson = new CaissonClient({ apiKey: KEY, fetch: async () => { calls++; return new Response("{}"); } });
  let e = await rejects(caisson.getIdCheck("chk_xchg_UeRXDryTTpvU24CTre8W2Q"), "INVALID_ARGUMENT");
  assert.equal(e.field, "checkId");
  e = await rejects(caisson.exchangeToken("chk_priv_ceSB3MdzNm8M5FdEM4wSXw"), "INVALID_ARGUMENT");
  assert.equal(e.field, "token");
  await rejects(caisson.exchangeToken("bad token\r\nX-Evil: 1"), "INVALID_ARGUMENT");
  await rejects(caisson.getIdCheck("chk_priv_x", { fields: ["ssn"] }), "INVALID_ARGUMENT");
  await rejects(caisson.exchangeToken(42), "INVALID_ARGUMENT");
  assert.equal(calls, 0);
  assert.throws(() => new CaissonClient({ apiKey: KEY, baseUrl: "http://api.caisson.com" }), (x) => x instanceof IdvError && x.code === "INVALID_ARGUMENT" && x.field === "baseUrl");
  assert.throws(() => new CaissonClient({}), (x) => x instanceof IdvError && x.field === "apiKey");
});

test("Caisson: request builders and parse methods for your own transport", async () => {
  const { sandbox, caisson } = setup();
  const t = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  const req = caisson.exchangeTokenRequest(t);
  assert.ok(req instanceof Request);
  assert.equal(req.method, "POST");
  assert.equal(req.url, "https://api.caisson.com/v1/idcheck/exchangetoken");
  assert.equal(req.headers.get("authorization"), `Caisson ${KEY}`);
  assert.deepEqual(await req.clone().json(), { check_exchange_token: t });
  const { check_id } = await caisson.parseExchangeToken(await sandbox.fetch(req));
  const get = caisson.getIdCheckRequest(check_id, { fields: ["sex", "dob"] });
  assert.equal(get.url, "https://api.caisson.com/v1/idcheck?fields=sex,dob");
  assert.equal(get.headers.get("x-caisson-checkid"), check_id);
  assert.ok(!get.url.includes(check_id));
  const r = await caisson.parseIdCheck(await sandbox.fetch(get));
  assert.equal(r.info.sex, "M");
});

test("the transport: a fresh Request per attempt, never following redirects; a runtime's refusals are typed", async () => {
  const { sandbox } = setup();
  const seen = [];
  const fetch = (req) => {
    seen.push(req);
    return seen.length === 1 ? Promise.reject(new TypeError("socket hang up")) : sandbox.fetch(req);
  };
  const caisson = new CaissonClient({ apiKey: KEY, fetch, maxRetries: 1 });
  const t = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  const { check_id } = await caisson.exchangeToken(t);
  assert.match(check_id, /^chk_/);
  assert.equal(seen.length, 2);
  assert.notEqual(seen[0], seen[1]);
  for (const req of seen) {
    assert.equal(req.redirect, "manual");
    assert.ok(req.signal instanceof AbortSignal);
    assert.equal(req.method, "POST");
  }
  assert.deepEqual(await seen[0].json(), { check_exchange_token: t }); // seen[1]: read by the Sandbox
  // A fetch whose promise cannot even be adopted (its constructor getter throws).
  const hostile = new CaissonClient({
    apiKey: KEY, maxRetries: 0,
    fetch: () => Object.defineProperty(Promise.resolve(), "constructor", { get() { throw new Error("boom"); } }),
  });
  await rejects(hostile.getIdCheck(check_id), "NETWORK");
  // A runtime whose Request refuses the parts, or without AbortController:
  // rejected IdvErrors, and the client still works afterwards.
  const { Request: RealRequest, AbortController: RealAbort } = globalThis;
  try {
    globalThis.Request = class { constructor() { throw new TypeError("refused"); } };
    let e = await rejects(caisson.getIdCheck(check_id), "INVALID_ARGUMENT");
    assert.equal(e.retryable, false);
    globalThis.Request = RealRequest;
    globalThis.AbortController = undefined;
    e = await rejects(caisson.getIdCheck(check_id), "NETWORK");
    assert.doesNotMatch(e.message, /sk_test/);
  } finally {
    globalThis.Request = RealRequest;
    globalThis.AbortController = RealAbort;
  }
  assert.equal((await caisson.getIdCheck(check_id)).check_id, check_id);
});

test("Caisson: exchangeToken with a store answers repeats from the store", async () => {
  const { sandbox, caisson } = setup();
  const map = new Map();
  const store = { get: async (k) => map.get(k), put: async (k, v) => { map.set(k, v); } };
  const t = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  const first = await caisson.exchangeToken(t, { store });
  assert.equal(map.size, 1);
  sandbox.advanceTime(3 * 3600_000); // past the grace: only the store can answer
  assert.deepEqual(await caisson.exchangeToken(t, { store }), first);
  const broken = { get: async () => undefined, put: async () => { throw new Error("KV down"); } };
  const e = await rejects(caisson.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token, { store: broken }), "NETWORK");
  assert.equal(e.field, "store");
});

test("describeCaissonReason covers the 21 documented codes", () => {
  const codes = [101, 102, 104, 105, 106, 201, 202, 299, 301, 302, 303, 304, 305, 306, 307, 308, 309, 399, 401, 402, 499];
  for (const c of codes) {
    const info = describeCaissonReason(c);
    assert.equal(info.code, c);
    assert.ok(info.description.length > 0);
  }
  assert.equal(describeCaissonReason(103), undefined);
  assert.equal(describeCaissonReason("201"), undefined);
  assert.equal(describeCaissonReason(101).field, "name");
});

test("Goldstar: pass, hard fail, soft fail and answers", async () => {
  const { goldstar } = setup();
  const pass = await goldstar.verifyIdentity(person("555-01-0001"));
  assert.equal(pass.status, "passed");
  assert.match(pass.id, /^\d+$/);
  const hard = await goldstar.verifyIdentity(person("555-01-0102"));
  assert.equal(hard.status, "failed");
  assert.equal(hard.questions.length, 0);
  assert.equal(hard.qualifiers[0].severity, "hard_stop");
  assert.equal(hard.qualifiers[0].category, "deceased");
  const soft = await goldstar.verifyIdentity(person("555010201"));
  assert.equal(soft.status, "questions");
  assert.equal(soft.questions.length, 4);
  for (const q of soft.questions) assert.deepEqual(q.choices.slice(-2), ["None of the above", "Skip Question"]);
  const wrong = soft.questions.map((q) => ({ type: q.type, text: "None of the above" }));
  const failed = await goldstar.verifyAnswers(soft.id, wrong, soft.questions);
  assert.equal(failed.status, "failed");
  assert.equal(failed.summary, "fail");
  assert.match(failed.key, /^result\.questions\.\d\.incorrect$/);
});

test("Goldstar: numeric Ids past 2^53 keep every digit", async () => {
  const { goldstar } = setup();
  const o = await goldstar.verifyIdentity(person("555-01-0003"));
  assert.match(o.id, /^9007199254\d{10}$/);
  const soft = await goldstar.verifyIdentity(person("555-01-0203"));
  assert.match(soft.id, /^9007199254\d{10}$/);
  const answers = soft.questions.map((q) => ({ type: q.type, text: q.choices[0] }));
  const out = await goldstar.verifyAnswers(soft.id, answers);
  assert.ok(["passed", "failed"].includes(out.status));
});

test("Goldstar: errors, ModelState field names, no retries of billable calls", async () => {
  const { sandbox, goldstar } = setup();
  const idError = await rejects(goldstar.verifyIdentity(person("555-01-0901")), "BAD_REQUEST");
  assert.equal(idError.api, "goldstar");
  let calls = 0;
  const counting = new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", fetch: (r) => { calls++; return sandbox.fetch(r); } });
  const e = await rejects(counting.verifyIdentity(person("555-01-0902")), "SERVER_ERROR");
  assert.equal(e.status, 500);
  assert.equal(calls, 1, "verifyIdentity is never retried");
  const unknown = await rejects(goldstar.verifyAnswers("123", [{ type: "residence.type", text: "Townhome" }]), "NOT_FOUND");
  assert.equal(unknown.status, 404);
  const wrongKey = new GoldstarClient({ apiKey: "nope_nope", domain: "qaservices.goldstartrust.com", fetch: sandbox.fetch });
  await rejects(wrongKey.ping(), "UNAUTHORIZED");
  // A body the server rejects with a ModelState: sent by hand through the builder's URL.
  const res = await sandbox.fetch(new Request("https://qaservices.goldstartrust.com/identification/api/v1/ops/verify-identity", {
    method: "POST", headers: { "X-ApiKey": GKEY, "Content-Type": "application/json" }, body: JSON.stringify({ lastname: "Doe" }),
  }));
  const ms = await rejects(goldstar.parseVerifyIdentity(res), "UNPROCESSABLE");
  assert.ok(ms.fields.includes("firstname"), JSON.stringify(ms.fields));
});

test("Goldstar: invalid people are refused before sending, naming the field only", async () => {
  let calls = 0;
  const goldstar = new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", fetch: async () => { calls++; } });
  const cases = [
    [{ taxpayerID: "000-12-3456" }, "taxpayerID"],
    [{ taxpayerID: "666-12-3456" }, "taxpayerID"],
    [{ state: "XX" }, "state"],
    [{ zip: "3031" }, "zip"],
    [{ birthMonth: 2, birthDay: 30 }, "birthDay"],
    [{ birthYear: 3000 }, "birthYear"],
    [{ firstname: "" }, "firstname"],
    [{ firstname: "Ja\u0000mie" }, "firstname"],
  ];
  for (const [patch, field] of cases) {
    const e = await rejects(goldstar.verifyIdentity({ ...person("555-01-0001"), ...patch }), "INVALID_ARGUMENT");
    assert.equal(e.field, field, JSON.stringify(patch));
    for (const v of Object.values(patch)) if (String(v).length > 2) assert.ok(!e.message.includes(String(v)));
  }
  const soft = { questions: [{ prompt: "p", type: "residence.type", choices: ["Townhome", "None of the above"] }] };
  const e = await rejects(goldstar.verifyAnswers("1", [{ type: "residence.type", text: "Castle" }], soft.questions), "INVALID_ARGUMENT");
  assert.match(e.field, /answers\[0\]\.text/);
  assert.equal(calls, 0);
  assert.throws(() => new GoldstarClient({ apiKey: GKEY, domain: "https://x.com/path" }), (x) => x.code === "INVALID_ARGUMENT" && x.field === "domain");
});

test("Goldstar: ping and describeGoldstarQualifier", async () => {
  const { goldstar } = setup();
  assert.match(await goldstar.ping(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}[+-]\d\d:\d\d$/);
  const info = describeGoldstarQualifier("resultcode.ssn.issued.prior.to.dob");
  assert.equal(info.severity, "hard_stop");
  assert.deepEqual(describeGoldstarQualifier("ssn.issued.prior.to.dob"), info);
  assert.equal(describeGoldstarQualifier("not.a.key"), undefined);
});

test("the TypeScript declarations type every result (no any) and declare IdvError", () => {
  const dts = readFileSync(new URL("../../pkg/idv_edge.d.ts", import.meta.url), "utf8");
  for (const t of ["IdCheckResult", "VerifyOutcome", "ReasonInfo", "QualifierInfo", "Assessment", "CaissonClientOptions", "GoldstarClientOptions", "SandboxIdCheck"]) {
    assert.match(dts, new RegExp(`(interface|type) ${t}\\b`), t);
  }
  assert.match(dts, /declare class IdvError extends Error/);
  assert.match(dts, /getIdCheck\([^)]*\): Promise<IdCheckResult>/);
  assert.match(dts, /verifyIdentity\([^)]*\): Promise<VerifyOutcome>/);
  assert.doesNotMatch(dts, /Promise<any>/);
});

test("parse* read a Response built from a JSON string (text/plain), and refuse an HTML page", async () => {
  const { caisson, goldstar } = setup();
  const idCheck = {
    check_id: "chk_priv_1", customer_id: "u1", checked_on: "2019-07-19T15:00:42.274684-04:00",
    confidence: { document: "high", face: "high" }, info: { first_name: "A", last_name: "B" },
  };
  // new Response(string) says text/plain;charset=UTF-8 unless told otherwise.
  assert.match(new Response("{}").headers.get("content-type"), /^text\/plain/);
  assert.deepEqual(await caisson.parseExchangeToken(new Response(JSON.stringify({ check_id: "chk_priv_1" }))), { check_id: "chk_priv_1" });
  assert.equal((await caisson.parseIdCheck(new Response(JSON.stringify(idCheck)))).check_id, "chk_priv_1");
  assert.equal(await goldstar.parsePing(new Response(JSON.stringify("2015-03-20T13:50:10Z"))), "2015-03-20T13:50:10Z");
  const outcome = await goldstar.parseVerifyIdentity(new Response(JSON.stringify({ Id: "7", Key: "id.success", Message: "Pass" })));
  assert.equal(outcome.status, "passed");
  // A body that is not JSON is still refused, and so is JSON labelled as HTML.
  await rejects(caisson.parseIdCheck(new Response("<html>not json</html>")), "INVALID_RESPONSE");
  const html = { headers: { "content-type": "text/html" } };
  await rejects(caisson.parseIdCheck(new Response(JSON.stringify(idCheck), html)), "INVALID_RESPONSE");
  await rejects(goldstar.parseVerifyIdentity(new Response(JSON.stringify({ Id: "7", Key: "id.success", Message: "Pass" }), html)), "INVALID_RESPONSE");
});

test("Sandbox: createIdCheck takes reasons in the API's shape and info in either spelling, and refuses unknown fields", async () => {
  const { sandbox, caisson } = setup();
  const token = sandbox.createIdCheck({
    customerId: "u", face: "medium",
    reasons: [201, { code: 202, description: "ignored: the doc's text is sent" }],
    info: { firstName: "Ann", last_name: "Lee", expiresOn: "2030-01-31" },
  }).check_exchange_token;
  const { check_id } = await caisson.exchangeToken(token);
  const r = await caisson.getIdCheck(check_id, { fields: ["expires_on"] });
  assert.deepEqual(r.confidence.reasons.map((x) => [x.code, x.description]), [
    [201, "The selfie was not positioned properly (e.g. only showing part of the face, face is too close/far)."],
    [202, "Face could not be detected in the uploaded selfie."],
  ]);
  assert.deepEqual([r.info.first_name, r.info.last_name, r.info.expires_on], ["Ann", "Lee", "2030-01-31T00:00:00Z"]);
  for (const [bad, field] of [
    [{ info: { firstname: "Ann" } }, "info"],
    // A misspelt option would leave its default (a clean pass) in place.
    [{ fase: "low" }, "scenario"],
    [{ customer_id: "u" }, "scenario"],
    [{ reasons: [{ description: "no code" }] }, "reasons[0]"],
    [{ reasons: ["201"] }, "reasons[0]"],
  ]) {
    let e;
    try { sandbox.createIdCheck({ customerId: "u", face: "low", ...bad }); } catch (x) { e = x; }
    assert.ok(e instanceof IdvError, JSON.stringify(bad));
    assert.deepEqual([e.code, e.field], ["INVALID_ARGUMENT", field]);
  }
  // advanceTime takes a number of milliseconds, not what JavaScript would coerce to one.
  const before = sandbox.now;
  // A fraction is refused: cut off at each call, 0.6 twice would move the clock by 0.
  for (const bad of ["10", true, null, undefined, -1, NaN, Infinity, 1.5, 0.6]) {
    assert.throws(() => sandbox.advanceTime(bad), (e) => e instanceof IdvError && e.code === "INVALID_ARGUMENT" && e.field === "ms", String(bad));
  }
  assert.equal(sandbox.now, before);
  sandbox.advanceTime(1);
  assert.equal(sandbox.now, before + 1);
});

test("where require() of an ES module is off, new Sandbox() from the main entry says what to do, and the clients still work", async () => {
  const { spawnSync } = await import("node:child_process");
  const entry = new URL("../../pkg/node.js", import.meta.url).href;
  const code = `const m = await import(${JSON.stringify(entry)});
new m.CaissonClient({ apiKey: "k" });
try { new m.Sandbox({}); console.log("constructed"); } catch (e) { console.log(e.constructor.name + ": " + e.message); }`;
  const r = spawnSync(process.execPath, ["--no-experimental-require-module", "--input-type=module", "-e", code], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Error: new Sandbox\(\) from "idv-edge" needs require\(\) of an ES module .*22\.0-22\.11.*import \{ Sandbox \} from "idv-edge\/sandbox"/);
});
