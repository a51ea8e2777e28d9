// Edges of API.md's contract that an audit of the package found: each case
// here failed before its fix (see the commit that added it).
import { createServer } from "node:http";
import { test } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, GoldstarClient, IdvError, Sandbox, assessIdCheck, describeGoldstarQualifier } from "../../pkg/node.js";

const KEY = "sk_test_caisson_0123456789";
const json = (body, init = {}) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" }, ...init });

async function rejects(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof IdvError, `not an IdvError: ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

// The doc's example result (its trailing commas taken out).
const DOC_RESULT = {
  check_id: "chk_priv_SMgso2KGzXLxT2I-g7oD2w",
  customer_id: "1234321 - Doe, Jamie",
  checked_on: "2019-07-19T15:00:42.274684-04:00",
  confidence: { document: "high", face: "high" },
  info: {
    last_name: "DOE", first_name: "JAMIE", sex: "M", dob: "1989-06-30T00:00:00Z", expires_on: "2025-06-24T00:00:00Z",
    address: { street: "6 CROWN DR # 11B", city: "NEW YORK", state: "NY", zip: "10001" },
  },
};

test("assessIdCheck takes a result in the doc's shape: no reasons, or the API's bare reasons", () => {
  const now = "2019-07-19T19:10:00Z";
  assert.equal(assessIdCheck(DOC_RESULT, { now }).decision, "approve");
  const bare = { ...DOC_RESULT, confidence: { document: "medium", face: "high", reasons: [{ code: 101, description: "Name mismatch" }] } };
  assert.equal(assessIdCheck(bare, { now }).decision, "review");
  // Still a shape check: reasons that are not an array, or a missing level, are refused.
  for (const broken of [
    { ...DOC_RESULT, confidence: { document: "high", face: "high", reasons: "101" } },
    { ...DOC_RESULT, confidence: { document: "high" } },
  ]) {
    assert.throws(() => assessIdCheck(broken, { now }), (e) => e instanceof IdvError && e.code === "INVALID_ARGUMENT" && e.field === "result");
  }
});

test("exchangeToken refuses a check_id that getIdCheck could not send, and stores nothing", async () => {
  const puts = [];
  const store = { get: async () => undefined, put: async (k, v) => { puts.push(v); } };
  for (const check_id of ["a b", "chk_xchg_UeRXDryTTpvU24CTre8W2Q", "x".repeat(257)]) {
    const c = new CaissonClient({ apiKey: KEY, fetch: async () => json({ check_id }) });
    const e = await rejects(c.exchangeToken("chk_xchg_UeRXDryTTpvU24CTre8W2Q", { store }), "INVALID_RESPONSE");
    assert.equal(e.field, "check_id");
    assert.ok(!e.message.includes(check_id), "no value in the message");
  }
  assert.deepEqual(puts, []);
});

test("a fetch answering Response.error() is NETWORK, retried where the operation allows", async () => {
  let calls = 0;
  const c = new CaissonClient({ apiKey: KEY, maxRetries: 2, fetch: async () => (calls++, Response.error()) });
  const e = await rejects(c.getIdCheck("chk_priv_SMgso2KGzXLxT2I-g7oD2w"), "NETWORK");
  assert.equal(e.retryable, true);
  assert.equal(calls, 3);
  let once = 0;
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", fetch: async () => (once++, Response.error()) });
  const person = { firstname: "A", lastname: "B", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
    taxpayerID: "123-45-6789", birthMonth: 1, birthDay: 2, birthYear: 1980 };
  await rejects(g.verifyIdentity(person), "NETWORK");
  assert.equal(once, 1, "verifyIdentity is never retried");
});

test("parse* on a Response whose body was already read is INVALID_ARGUMENT on response", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  const r = json({ check_id: "chk_priv_x" });
  await r.text();
  const e = await rejects(c.parseExchangeToken(r), "INVALID_ARGUMENT");
  assert.equal(e.field, "response");
});

test("parse* on a Response whose body is locked by the caller's reader is INVALID_ARGUMENT, not a retryable NETWORK", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  const r = json({ check_id: "chk_priv_x" });
  r.body.getReader();
  const e = await rejects(c.parseExchangeToken(r), "INVALID_ARGUMENT");
  assert.equal(e.field, "response");
  assert.equal(e.retryable, false);
  assert.match(e.message, /locked/);
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  const o = json({ Id: "1", Key: "id.success", Message: "Pass" });
  o.body.getReader();
  assert.equal((await rejects(g.parseVerifyIdentity(o), "INVALID_ARGUMENT")).field, "response");
});

test("verifyAnswers: a question without choices is refused on questions[i].choices, not on the answer", () => {
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  let e;
  try {
    g.verifyAnswersRequest("1", [{ type: "a", text: "y" }], [{ prompt: "p", type: "a" }]);
  } catch (err) {
    e = err;
  }
  assert.ok(e instanceof IdvError, String(e));
  assert.equal(e.code, "INVALID_ARGUMENT");
  assert.equal(e.field, "questions[0].choices");
  assert.match(e.message, /questions\[0\]\.choices: is required$/);
});

test("text/json (ASP.NET's second JSON type) is read as JSON by both clients", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  const r = await c.parseExchangeToken(json({ check_id: "chk_priv_x" }, { headers: { "content-type": "text/json; charset=utf-8" } }));
  assert.equal(r.check_id, "chk_priv_x");
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  const o = await g.parseVerifyIdentity(json({ Id: "1", Key: "id.success", Message: "Pass" }, { headers: { "content-type": "text/json" } }));
  assert.equal(o.status, "passed");
});

test("new IdvError(message) from a caller is an IdvError, not a TypeError", () => {
  const e = new IdvError("test double");
  assert.ok(e instanceof IdvError && e instanceof Error);
  assert.deepEqual([e.message, e.name, e.retryable, e.fields], ["test double", "IdvError", false, []]);
});

test("a result mirrors the body: reasons left out where the API left them out, yet readable as []", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  // The fast path, and the full validator (an escaped unknown key sends the body there).
  const bodies = [JSON.stringify(DOC_RESULT), JSON.stringify(DOC_RESULT).replace("{", '{"\\u0078":1,')];
  for (const body of bodies) {
    const r = await c.parseIdCheck(json(body));
    assert.deepStrictEqual(r, DOC_RESULT, "the doc's example, as it is");
    assert.deepEqual(Object.keys(r.confidence), ["document", "face"]);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(r)), DOC_RESULT, "serialized, the body's shape");
    assert.deepEqual(r.confidence.reasons, [], "still readable as an empty array");
    assert.equal(assessIdCheck(r, { now: "2019-07-19T19:10:00Z" }).decision, "approve");
  }
  // Sent (even empty, or with items): enumerable, as the body has it.
  for (const reasons of [[], [{ code: 201, description: "Selfie" }]]) {
    const sent = { ...DOC_RESULT, confidence: { document: "high", face: "medium", reasons } };
    for (const body of [JSON.stringify(sent), JSON.stringify(sent).replace("{", '{"\\u0078":1,')]) {
      const r = await c.parseIdCheck(json(body));
      assert.deepEqual(Object.keys(r.confidence), ["document", "face", "reasons"]);
      assert.deepEqual(r.confidence.reasons.map((x) => x.code), reasons.map((x) => x.code));
    }
  }
  // null is absent, as for every optional field.
  const r = await c.parseIdCheck(json({ ...DOC_RESULT, confidence: { document: "high", face: "high", reasons: null } }));
  assert.deepEqual(Object.keys(r.confidence), ["document", "face"]);
});

// ---- A fifth audit (acceptance tests written from API.md alone).

const GPERSON = { firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
  taxpayerID: "123-45-6789", birthMonth: 1, birthDay: 2, birthYear: 1980 };
const goldstarWith = (fetch, extra = {}) => new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", fetch, ...extra });
const BIG = "x".repeat(1024 * 1024 + 10);
/** A body that yields one byte, then breaks off. */
const cutBody = () => new ReadableStream({ start(c) { c.enqueue(new Uint8Array([123])); c.error(new Error("reset")); } });
/** A body that yields one byte, then never ends. */
const hangingBody = () => new ReadableStream({ start(c) { c.enqueue(new Uint8Array([123])); } });

test("an error status whose body is too large or unreadable is judged by its status (a Caisson 401 is always UNAUTHORIZED)", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  const g = goldstarWith(undefined);
  for (const [status, code, retryable] of [[401, "UNAUTHORIZED", false], [503, "SERVER_ERROR", true], [429, "RATE_LIMITED", true], [404, "NOT_FOUND", false]]) {
    for (const headers of [{ "content-type": "text/html" }, { "content-type": "application/json", "content-length": String(BIG.length) }]) {
      const e = await rejects(c.parseIdCheck(new Response(BIG, { status, headers })), code);
      assert.deepEqual([e.status, e.retryable], [status, retryable]);
      await rejects(g.parseVerifyIdentity(new Response(BIG, { status, headers })), code);
    }
  }
  // A success with such a body is still INVALID_RESPONSE: the body was the answer.
  const e = await rejects(c.parseIdCheck(new Response(BIG, { status: 200, headers: { "content-type": "application/json" } })), "INVALID_RESPONSE");
  assert.equal(e.status, 200);

  // Sending: a 401 whose body breaks off is not retried with the refused key.
  let calls = 0;
  const cut = new CaissonClient({ apiKey: KEY, fetch: async () => (calls++, new Response(cutBody(), { status: 401 })) });
  const cutErr = await rejects(cut.exchangeToken("chk_xchg_UeRXDryTTpvU24CTre8W2Q"), "UNAUTHORIZED");
  assert.equal(cutErr.status, 401);
  assert.equal(calls, 1);
  // A 401 whose body hangs past the attempt's deadline: UNAUTHORIZED once, not a TIMEOUT retried.
  calls = 0;
  const hang = new CaissonClient({ apiKey: KEY, timeoutMs: 150, fetch: async () => (calls++, new Response(hangingBody(), { status: 401 })) });
  const hangErr = await rejects(hang.getIdCheck("chk_priv_SMgso2KGzXLxT2I-g7oD2w"), "UNAUTHORIZED");
  assert.equal(hangErr.status, 401);
  assert.equal(calls, 1);
  // A 503 whose body breaks off stays a retryable SERVER_ERROR (ping retries it).
  calls = 0;
  const flaky = goldstarWith(async () => (calls++, new Response(cutBody(), { status: 503 })), { maxRetries: 1 });
  await rejects(flaky.ping(), "SERVER_ERROR");
  assert.equal(calls, 2);
  // A 200 whose body hangs is still a TIMEOUT, with no status.
  const slow = new CaissonClient({ apiKey: KEY, timeoutMs: 150, maxRetries: 0, fetch: async () => new Response(hangingBody(), { status: 200 }) });
  const slowErr = await rejects(slow.getIdCheck("chk_priv_SMgso2KGzXLxT2I-g7oD2w"), "TIMEOUT");
  assert.equal(slowErr.status, undefined);
});

test("a Caisson result's check_id must be a check id, as the exchange's is", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  for (const check_id of ["chk_xchg_UeRXDryTTpvU24CTre8W2Q", "chk priv", "x".repeat(257)]) {
    const e = await rejects(c.parseIdCheck(json({ ...DOC_RESULT, check_id })), "INVALID_RESPONSE");
    assert.equal(e.field, "check_id");
    assert.ok(!e.message.includes(check_id));
  }
  // Escaped, it is read as the API means it.
  const escaped = JSON.stringify(DOC_RESULT).replace('"chk_priv_', '"chk_\\u0070riv_');
  assert.equal((await c.parseIdCheck(json(escaped))).check_id, DOC_RESULT.check_id);
});

test("a UTF-8 byte-order mark before JSON is skipped by both clients, as Response.json() skips it", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  assert.deepStrictEqual(await c.parseIdCheck(json("\uFEFF" + JSON.stringify(DOC_RESULT))), DOC_RESULT);
  assert.equal((await c.parseExchangeToken(json('\uFEFF{"check_id":"chk_priv_x"}'))).check_id, "chk_priv_x");
  const g = goldstarWith(undefined);
  assert.equal((await g.parseVerifyIdentity(json('\uFEFF{"Id":"7","Key":"id.success","Message":"Pass"}'))).status, "passed");
});

test("ping takes the server's time with or without an offset (a .NET DateTime of unspecified kind has none)", async () => {
  const g = goldstarWith(undefined);
  for (const t of ["2015-03-20T13:50:10.0370495-05:00", "2015-03-20T13:50:10.0370495", "2015-03-20T13:50:10Z"]) {
    assert.equal(await g.parsePing(json(JSON.stringify(t))), t);
  }
  for (const t of ["2015-02-30T13:50:10", "yesterday", "2015-03-20"]) {
    await rejects(g.parsePing(json(JSON.stringify(t))), "INVALID_RESPONSE");
  }
});

test("a name that only looks blank (no-break or zero-width spaces) is refused like an empty one", async () => {
  let calls = 0;
  const g = goldstarWith(async () => { calls++; });
  for (const blank of ["\u00a0", " \u3000 ", "\u200b", "\ufeff"]) {
    for (const field of ["firstname", "lastname", "address", "city"]) {
      const e = await rejects(g.verifyIdentity({ ...GPERSON, [field]: blank }), "INVALID_ARGUMENT");
      assert.equal(e.field, field);
    }
  }
  assert.equal(calls, 0);
  const body = JSON.parse(await g.verifyIdentityRequest({ ...GPERSON, firstname: "Ann\u00a0Marie" }).text());
  assert.equal(body.firstname, "Ann\u00a0Marie");
});

test("a lone surrogate in any text argument is INVALID_ARGUMENT, not sent as U+FFFD", async () => {
  const g = goldstarWith(async () => { throw new Error("must not be sent"); });
  const e = await rejects(g.verifyIdentity({ ...GPERSON, firstname: "Ja\ud800mie" }), "INVALID_ARGUMENT");
  assert.equal(e.field, "firstname");
  assert.match(e.message, /lone surrogate/);
  const a = await rejects(g.verifyAnswers("7", [{ type: "residence.type", text: "Town\udc00home" }]), "INVALID_ARGUMENT");
  assert.equal(a.field, "answers[0].text");
  // A real U+FFFD, or a well-formed pair, is text like any other.
  const ok = JSON.parse(await g.verifyIdentityRequest({ ...GPERSON, firstname: "J\ufffd \ud83d\ude00" }).text());
  assert.equal(ok.firstname, "J\ufffd \ud83d\ude00");
});

test("ModelState fields keep the path below the action's parameter (which answer, not just text)", async () => {
  const g = goldstarWith(undefined);
  const body = { Message: "The request is invalid.", ModelState: {
    "request.answers[0].text": ["'Townhome' is not a choice"], "request.answers[1].text": ["x"], "person.zip": ["y"] } };
  const e = await rejects(g.parseVerifyAnswers(json(body, { status: 400 })), "BAD_REQUEST");
  assert.deepEqual(e.fields, ["answers[0].text", "answers[1].text", "zip"]);
  assert.ok(!JSON.stringify(e).includes("Townhome") && !e.message.includes("Townhome"));
});

test("verifyAnswers sends back exactly the ids a Goldstar answer may carry", async () => {
  const g = goldstarWith(undefined);
  for (const Id of ["-1", "a_b-9", "1199927326"]) {
    const o = await g.parseVerifyIdentity(json({ Id, Key: "id.failure", Message: "FAIL" }));
    assert.equal(o.id, Id);
    assert.equal(JSON.parse(await g.verifyAnswersRequest(o.id, [{ type: "t", text: "x" }]).text()).id, Id);
  }
  for (const Id of ["1.5", "a b", ""]) {
    await rejects(g.parseVerifyIdentity(json({ Id, Key: "id.failure", Message: "FAIL" })), "INVALID_RESPONSE");
    assert.throws(() => g.verifyAnswersRequest(Id, [{ type: "t", text: "x" }]), (e) => e.code === "INVALID_ARGUMENT" && e.field === "id");
  }
});

// ---- The Rust-surface and types audit.

test("a host that a URL parser would refuse is INVALID_ARGUMENT at construction, naming the option", () => {
  // Each host: what our constructor says must agree with the URL standard
  // (Node's URL), for hosts of the characters a domain may hold; except that
  // IPv4 shorthand and leading zeros (1.2.3 is 1.2.0.3, 010 is octal to a URL
  // parser) are refused too: four plain decimal parts or a mistake; and so
  // is a label that ends with "-", which Node 24's URL parser (Ada 3)
  // accepts in "xn--.com" where Node 20's refused it.
  const stricter = new Set(["1.2.3", "010.0.0.1", "0x7f.0.0.1", "xn--.com"]);
  const hosts = ["256.1.1.1", "a.2", "1.2.3.4.5", "x.0x1f", "10.0.0.1", "a.b2", "x.2a", "api.caisson.com",
    "[::1]", "[2001:db8::1]", "[1:2:3]", "[1::2::3]", "[::ffff:192.0.2.1]", "[12345::]", ...stricter,
    // Punycode labels, which only the runtime's parser judges (an audit's finding: accepted, then every call failed with no field).
    "xn--a.com", "xn--caisson-xyz.com", "api.xn--a", "xn--.com", "xn--bcher-kva.example", "XN--BCHER-KVA.example", "xn--ls8h.la", "xn--a.com:8443"];
  for (const host of hosts) {
    let whatwg = !stricter.has(host);
    try { new URL(`https://${host}/`); } catch { whatwg = false; }
    for (const [make, field] of [
      [() => new CaissonClient({ apiKey: KEY, baseUrl: `https://${host}` }), "baseUrl"],
      [() => new GoldstarClient({ apiKey: "k", domain: host }), "domain"],
    ]) {
      let err;
      try { make(); } catch (e) { err = e; }
      if (whatwg) assert.equal(err, undefined, `${host} is a host to a URL parser`);
      else assert.ok(err instanceof IdvError && err.code === "INVALID_ARGUMENT" && err.field === field, `${host}: ${err}`);
    }
  }
  // Dot segments in a base URL's path, encoded or not, are refused (fetch would drop them and the segment before).
  for (const baseUrl of ["https://x.com/a/%2e%2e/b", "https://x.com/%2E/b", "https://x.com/a/../b"]) {
    assert.throws(() => new CaissonClient({ apiKey: KEY, baseUrl }), (e) => e.code === "INVALID_ARGUMENT" && e.field === "baseUrl");
  }
});

test("an option the SDK does not know is refused, so a misspelling cannot fall back to a default", async () => {
  const invalid = (field) => (e) => e instanceof IdvError && e.code === "INVALID_ARGUMENT" && e.field === field && !e.message.includes("evil");
  // baseURL for baseUrl would send the key to production.
  assert.throws(() => new CaissonClient({ apiKey: KEY, baseURL: "https://evil.example" }), invalid("options"));
  assert.throws(() => new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", timeout: 5000 }), invalid("options"));
  assert.throws(() => new Sandbox({ caissonApiKey: "k", now: 0, clock: 1 }), invalid("options"));
  // maxAgeSecond for maxAgeSeconds would skip the staleness rule.
  assert.throws(() => assessIdCheck(DOC_RESULT, { now: "2019-07-19T19:10:00Z", maxAgeSecond: 60 }), invalid("policy"));
  const c = new CaissonClient({ apiKey: KEY, fetch: async () => { throw new Error("must not be sent"); } });
  await rejects(c.getIdCheck("chk_priv_x", { feilds: ["dob"] }), "INVALID_ARGUMENT");
  await rejects(c.exchangeToken("chk_xchg_x", { stor: {} }), "INVALID_ARGUMENT");
  assert.throws(() => c.getIdCheckRequest("chk_priv_x", { fields: ["dob"], extra: 1 }), invalid("options"));
  // Every documented option is still taken (API.md's names, and defaultHeaders).
  new CaissonClient({ apiKey: KEY, baseUrl: "https://api.caisson.com", timeoutMs: 5, maxRetries: 0, fetch, dangerouslyAllowBrowser: false });
  new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", version: "v1", defaultHeaders: { "X-PortalKey": "p" }, timeoutMs: 5, maxRetries: 0, fetch, dangerouslyAllowBrowser: false });
  new Sandbox({ caissonApiKey: "a", goldstarApiKey: "b", now: 0 });
  assessIdCheck(DOC_RESULT, { minDocument: "high", minFace: "high", expectedCustomerId: DOC_RESULT.customer_id, maxAgeSeconds: 60, now: "2019-07-19T19:10:00Z" });
});

test("a Retry-After past ten digits is kept as a very long wait, so the call is not retried", async () => {
  let calls = 0;
  const c = new CaissonClient({ apiKey: KEY, fetch: async () => (calls++, new Response("", { status: 503, headers: { "retry-after": "99999999999999999999" } })) });
  const e = await rejects(c.getIdCheck("chk_priv_x"), "SERVER_ERROR");
  assert.equal(calls, 1);
  assert.equal(e.retryAfterMs, 9_999_999_999_000);
});

test("Retry-After is read on an error status only, as the Rust validators read it (it means nothing on a 2xx)", async () => {
  const answer = (status, body, retryAfter) => async () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "retry-after": retryAfter } });
  const on200 = new CaissonClient({ apiKey: KEY, maxRetries: 0, fetch: answer(200, { error: "NOT_VERIFIED" }, "3") });
  assert.equal((await rejects(on200.getIdCheck("chk_priv_x"), "NOT_VERIFIED")).retryAfterMs, undefined);
  const parsed = await rejects(on200.parseIdCheck(await answer(200, { error: "NOT_VERIFIED" }, "3")()), "NOT_VERIFIED");
  assert.equal(parsed.retryAfterMs, undefined);
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", fetch: answer(200, { Key: "id.error", Message: "m" }, "3") });
  assert.equal((await rejects(g.verifyIdentity(GPERSON), "BAD_REQUEST")).retryAfterMs, undefined);
  // An error status: delta-seconds, and an HTTP date (the transport has a clock).
  const on429 = new CaissonClient({ apiKey: KEY, maxRetries: 0, fetch: answer(429, {}, "3") });
  assert.equal((await rejects(on429.getIdCheck("chk_priv_x"), "RATE_LIMITED")).retryAfterMs, 3000);
  const date = new Date(Date.now() + 3_600_000).toUTCString();
  const onDate = new CaissonClient({ apiKey: KEY, maxRetries: 0, fetch: answer(503, {}, date) });
  const ms = (await rejects(onDate.getIdCheck("chk_priv_x"), "SERVER_ERROR")).retryAfterMs;
  assert.ok(ms > 3_500_000 && ms <= 3_600_000, String(ms));
});

// API.md's status rule: `Message` or `Summary` *equals* "pass" ignoring case,
// or `Key` is `id.success` (exactly). Padding is not a pass, nor is an
// odd-case `Key`: either would approve a person on a body the API does not
// send (fail open).
test("Goldstar status rule: case ignored for pass, Key exact, nothing trimmed, on the shipped path", async () => {
  const g = goldstarWith(async () => { throw new Error("not sent"); });
  const status = async (body, answers = false) =>
    (await (answers ? g.parseVerifyAnswers(json(body)) : g.parseVerifyIdentity(json(body)))).status;
  for (const padded of [" pass ", "pass\n", "\tPASS", " Pass", "\u00a0pass", "passed"]) {
    assert.equal(await status({ Id: "1", Key: "id.failure", Message: padded }), "failed", JSON.stringify(padded));
    assert.equal(await status({ Id: "1", Key: "result.questions.3.incorrect", Message: "x", Summary: padded }, true), "failed", JSON.stringify(padded));
  }
  for (const key of [" id.success", "id.success\n"]) {
    assert.equal(await status({ Id: "1", Key: key, Message: "FAIL" }), "failed", JSON.stringify(key));
  }
  for (const key of ["ID.SUCCESS", "Id.Success"]) {
    assert.equal(await status({ Id: "1", Key: key, Message: "FAIL" }), "failed", key);
    assert.equal(await status({ Id: "1", Key: key, Message: "Pass" }), "passed", key);
  }
  assert.equal(await status({ Id: "1", Key: "id.success", Message: "FAIL" }), "passed");
  assert.equal(await status({ Id: "1", Key: "result.questions.1.incorrect", Message: "x", Summary: "PaSs" }, true), "passed");
});

test("the IP qualifiers are filed as fraud (the notes' fraud/velocity)", async () => {
  for (const k of ["resultcode.high.risk.ip.tor", "resultcode.ip.invalid", "ip.not.located", "resultcode.ip.state.does.not.match"]) {
    assert.equal(describeGoldstarQualifier(k).category, "fraud", k);
  }
  const g = goldstarWith(async () => { throw new Error("not sent"); });
  const o = await g.parseVerifyIdentity(json({ Id: "1", Key: "id.failure", Message: "FAIL", Qualifiers: [{ Key: "resultcode.high.risk.ip.bot", Message: "Bot" }] }));
  assert.deepEqual([o.qualifiers[0].category, o.qualifiers[0].severity], ["fraud", "signal"]);
});

// ---- The fifth audit (options read through getters, headers as fetch takes
// them, hosts as a URL parser writes them, invisible controls in names).

test("an option whose getter throws is INVALID_ARGUMENT on that option, never read as absent", async () => {
  const throwing = (name, rest = {}) => Object.defineProperty({ ...rest }, name, { get() { throw new Error("getter"); }, enumerable: true });
  const on = (field) => (e) => e instanceof IdvError && e.code === "INVALID_ARGUMENT" && e.field === field && /could not be read/.test(e.message);
  // Read as absent, a throwing expectedCustomerId would approve any customer's result.
  assert.throws(() => assessIdCheck(DOC_RESULT, throwing("expectedCustomerId", { now: "2019-07-19T19:10:00Z" })), on("expectedCustomerId"));
  assert.throws(() => assessIdCheck(DOC_RESULT, throwing("now")), on("now"));
  let sent = 0;
  const c = new CaissonClient({ apiKey: KEY, fetch: async () => (sent++, json({ check_id: "chk_priv_a" })) });
  assert.throws(() => c.getIdCheckRequest("chk_priv_x", throwing("fields")), on("fields"));
  await rejects(c.exchangeToken("chk_xchg_x", throwing("store")), "INVALID_ARGUMENT");
  assert.equal(sent, 0, "nothing is sent");
  assert.throws(() => new Sandbox(throwing("now")), on("now"));
  assert.throws(() => new CaissonClient(throwing("baseUrl", { apiKey: KEY })), on("baseUrl"));
  assert.throws(() => new GoldstarClient(throwing("defaultHeaders", { apiKey: "k", domain: "qaservices.goldstartrust.com" })), on("defaultHeaders"));
});

test("an unknown option set to undefined is taken as not given; a store passed as the options is refused", async () => {
  // One options object shared by both clients, with the other's key unset.
  const shared = { apiKey: "k", baseUrl: undefined, domain: undefined, fetch: undefined };
  new CaissonClient(shared);
  new GoldstarClient({ ...shared, domain: "qaservices.goldstartrust.com" });
  assert.equal(assessIdCheck(DOC_RESULT, { now: "2019-07-19T19:10:00Z", maxAgeSecond: undefined }).decision, "approve");
  assert.throws(() => new CaissonClient({ ...shared, domain: "x.com" }), (e) => e.code === "INVALID_ARGUMENT" && e.field === "options");
  // A KV binding's methods live on its prototype: as the options it has no
  // own keys, and it would have been ignored without a word.
  class KV { async get() { return null; } async put() {} }
  let sent = 0;
  const c = new CaissonClient({ apiKey: KEY, fetch: async () => (sent++, json({ check_id: "chk_priv_a" })) });
  const e = await rejects(c.exchangeToken("chk_xchg_x", new KV()), "INVALID_ARGUMENT");
  assert.equal(e.field, "options");
  assert.match(e.message, /\{ store \}/);
  assert.equal(sent, 0);
  assert.deepEqual(await c.exchangeToken("chk_xchg_x", { store: new KV() }), { check_id: "chk_priv_a" });
});

test("defaultHeaders takes what fetch takes: an object, a Headers, a Map or [name, value] pairs", () => {
  const header = (defaultHeaders) =>
    new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", defaultHeaders }).pingRequest().headers.get("x-portalkey");
  for (const given of [{ "X-PortalKey": "p" }, new Headers({ "X-PortalKey": "p" }), new Map([["X-PortalKey", "p"]]), [["X-PortalKey", "p"]]]) {
    assert.equal(header(given), "p", given.constructor.name);
  }
  const refused = (defaultHeaders) => assert.throws(() => header(defaultHeaders), (e) => e.code === "INVALID_ARGUMENT" && e.field === "defaultHeaders" && !e.message.includes("secret"));
  refused(new Headers({ "X-ApiKey": "secret" }));
  refused(new Map([["X-PortalKey", 1]]));
  refused([["X-PortalKey"]]);
  refused([["X-PortalKey", "p", "secret"]]);
  refused(["X-PortalKey: secret"]);
  refused(new Map(Array.from({ length: 101 }, (_, i) => [`x-h${i}`, "v"])));
  refused("X-PortalKey: secret");
  // The connection's own headers: Node's fetch refuses each, so every call
  // would fail as a retryable NETWORK error. Refused at construction instead.
  for (const name of ["Connection", "keep-alive", "Transfer-Encoding", "Upgrade", "Expect"]) refused({ [name]: "secret" });
});

test("connection headers are what Node's fetch refuses (why defaultHeaders may not set one)", async () => {
  const server = createServer((_, res) => res.end("ok"));
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    assert.equal((await fetch(url, { method: "POST", headers: { "x-portalkey": "x" } })).status, 200);
    // (Connection too on Node 20; browsers drop it as a forbidden header.)
    for (const name of ["keep-alive", "transfer-encoding", "upgrade", "expect"]) {
      await assert.rejects(fetch(url, { method: "POST", headers: { [name]: "x" } }), (e) => e instanceof TypeError && /^UND_ERR_/.test(e.cause?.code), name);
    }
  } finally {
    server.close();
  }
});

test("hosts are checked as a URL parser reads them: the IPv6 loopback in any spelling, a trailing dot", () => {
  const g = (domain) => new GoldstarClient({ apiKey: "k", domain }).pingRequest().url;
  // [::1] spelt out is still the loopback address, reached over http.
  assert.equal(g("[0:0:0:0:0:0:0:1]:4010"), "http://[::1]:4010/identification/api/v1/ops/ping");
  assert.equal(g("[::0001]"), "http://[::1]/identification/api/v1/ops/ping");
  assert.equal(g("[2001:DB8:0:0:1:0:0:1]"), "https://[2001:db8::1:0:0:1]/identification/api/v1/ops/ping"); // as Request writes it
  assert.equal(g("qaservices.goldstartrust.com."), "https://qaservices.goldstartrust.com/identification/api/v1/ops/ping");
  assert.equal(g("localhost.:4010"), "http://localhost:4010/identification/api/v1/ops/ping");
  const c = (baseUrl) => new CaissonClient({ apiKey: KEY, baseUrl }).exchangeTokenRequest("chk_xchg_a").url;
  assert.equal(c("http://[0:0::1]:4010"), "http://[::1]:4010/v1/idcheck/exchangetoken");
  assert.equal(c("https://api.caisson.com./"), "https://api.caisson.com/v1/idcheck/exchangetoken");
  // The error names the rule broken.
  const rule = (baseUrl) => { try { c(baseUrl); } catch (e) { return e.message; } assert.fail(baseUrl); };
  assert.match(rule("https://"), /must name a host/);
  assert.match(rule("https://api.caisson.com\\x"), /backslash/);
  assert.match(rule("http://[::2]"), /must use https/);
});

test("names, address lines and answers refuse line separators and bidirectional overrides", async () => {
  const person = { firstname: "A", lastname: "B", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
    taxpayerID: "555-01-0001", birthMonth: 1, birthDay: 2, birthYear: 1980 };
  const g = goldstarWith(async () => { throw new Error("not sent"); });
  for (const [field, value] of [["address", "1 Main\u2028St"], ["firstname", "a\u202eb"], ["city", "x\u2066y"], ["lastname", "p\u2029"]]) {
    assert.throws(() => g.verifyIdentityRequest({ ...person, [field]: value }), (e) => e.code === "INVALID_ARGUMENT" && e.field === field, field);
  }
  for (const ok of ["José Núñez", "O'Brien", "Zoë-李"]) g.verifyIdentityRequest({ ...person, lastname: ok });
  assert.throws(() => g.verifyAnswersRequest("1", [{ type: "t", text: "x\u202ey" }]), (e) => e.code === "INVALID_ARGUMENT" && e.field === "answers[0].text");
});

test("a Sandbox key no client could send is refused", () => {
  for (const [name, value] of [["caissonApiKey", "k\n"], ["goldstarApiKey", "a b"], ["caissonApiKey", "ключ"], ["goldstarApiKey", "k".repeat(513)]]) {
    assert.throws(() => new Sandbox({ [name]: value }), (e) => e instanceof IdvError && e.code === "INVALID_ARGUMENT" && e.field === name && !e.message.includes(value), name);
  }
});

test("a ModelState key without the parameter's name keeps its index", async () => {
  const g = goldstarWith(undefined);
  const body = { Message: "The request is invalid.", ModelState: { "answers[0].text": ["x"], "request.answers[1].text": ["y"] } };
  const e = await rejects(g.parseVerifyAnswers(json(body, { status: 400 })), "BAD_REQUEST");
  assert.deepEqual(e.fields, ["answers[0].text", "answers[1].text"]);
});

// ---- The sixth audit (black-box, per API: Caisson, Goldstar, the Sandbox,
// the Rust surface and types). Each case failed before its fix.

test("the Sandbox refuses at construction a clock it could not answer at", () => {
  const on = (e) => e instanceof IdvError && e.code === "INVALID_ARGUMENT" && e.field === "now";
  // A fraction of a millisecond, as advanceTime refuses one (it was truncated).
  assert.throws(() => new Sandbox({ now: 1.5 }), on);
  // Past the year 9999, or before the year 0 at the Sandbox's UTC-4/UTC-5
  // (every createIdCheck then failed, and ping wrote a year "-001").
  assert.throws(() => new Sandbox({ now: 253402300800000 }), on);
  assert.throws(() => new Sandbox({ now: "0000-01-01T00:00:00Z" }), on);
  const early = new Sandbox({ now: "0000-01-01T05:00:00Z" });
  assert.match(early.createIdCheck({ customerId: "u" }).check_exchange_token, /^chk_xchg_/);
  assert.equal(new Sandbox({ now: 0 }).now, 0);
});

test("a ModelState key that holds a value instead of a property path stays out of fields", async () => {
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  const body = { Message: "x", ModelState: { "person.123456789": ["m"], "person.taxpayerID[123456789]": ["m"], "person.firstname": ["m"] } };
  const e = await rejects(g.parseVerifyIdentity(json(body, { status: 400 })), "BAD_REQUEST");
  assert.deepEqual(e.fields, ["firstname"]);
  assert.ok(!JSON.stringify(e).includes("123456789"));
});

test("an object where the body must have a number is the wrong shape (serde_json's number token is not honoured)", async () => {
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  const e = await rejects(g.parseVerifyIdentity(json({ Id: { "$serde_json::private::Number": "42" }, Key: "id.success", Message: "Pass" })), "INVALID_RESPONSE");
  assert.equal(e.field, "Id");
  const c = new CaissonClient({ apiKey: KEY });
  const result = { ...DOC_RESULT, confidence: { document: "low", face: "high", reasons: [{ code: { "$serde_json::private::Number": "201" }, description: "d" }] } };
  assert.equal((await rejects(c.parseIdCheck(json(result)), "INVALID_RESPONSE")).field, "confidence.reasons[0].code");
});

test("Caisson's text is kept as description only for a body with an error code (not a proxy's page)", async () => {
  const c = new CaissonClient({ apiKey: KEY });
  const coded = await rejects(c.parseIdCheck(json({ error: "INTERNAL_ERROR", error_description: "boom" }, { status: 500 })), "INTERNAL_ERROR");
  assert.equal(coded.description, "boom");
  const proxy = await rejects(c.parseIdCheck(json({ error_description: "upstream 10.0.0.7 said no" }, { status: 502 })), "SERVER_ERROR");
  assert.equal(proxy.description, undefined);
});

test("a member name twice in a response is INVALID_RESPONSE, where JSON.parse would keep the last value", async () => {
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  const c = new CaissonClient({ apiKey: KEY });
  // Read last-wins, each of these would be a pass or a success.
  const fail = '{"Id":"1","Key":"result.questions.3.incorrect","Message":"x","Summary":"fail","Summary":"pass"}';
  assert.equal(JSON.parse(fail).Summary, "pass");
  let e = await rejects(g.parseVerifyAnswers(json(fail)), "INVALID_RESPONSE");
  assert.match(e.message, /member name twice/);
  await rejects(g.parseVerifyIdentity(json('{"Id":"1","Key":"id.error","Key":"id.success","Message":"Pass"}')), "INVALID_RESPONSE");
  await rejects(c.parseExchangeToken(json('{"error":"NOT_VERIFIED","error":null,"check_id":"chk_priv_abc"}')), "INVALID_RESPONSE");
  const doc = JSON.stringify(DOC_RESULT);
  for (const body of [
    doc.replace('"face"', '"face":"low","face"'),
    doc.replace("{", '{"x":{"y":[{"z":1,"z":2}]},'),
  ]) {
    e = await rejects(c.parseIdCheck(json(body)), "INVALID_RESPONSE");
    assert.ok(!e.message.includes("JAMIE") && !e.message.includes("high"), e.message);
  }
  // Once each, the same bodies are read.
  assert.equal((await c.parseIdCheck(json(doc.replace("{", '{"x":{"y":[{"z":1}]},')))).info.first_name, "JAMIE");
  assert.equal((await g.parseVerifyAnswers(json('{"Id":"1","Key":"result.questions.3.incorrect","Message":"x","Summary":"pass"}'))).status, "passed");
});

test("parseIdCheck with { checkId } refuses a result for another check than the one asked for; getIdCheck and parseIdCheck without it read the result as sent", async () => {
  const c = new CaissonClient({ apiKey: KEY, fetch: async () => json(DOC_RESULT) });
  // API.md: getIdCheck returns the result in the doc's shape (a test double's canned result included).
  assert.equal((await c.getIdCheck("chk_priv_MINE")).check_id, DOC_RESULT.check_id);
  assert.equal((await c.parseIdCheck(json(DOC_RESULT))).check_id, DOC_RESULT.check_id);
  assert.equal((await c.parseIdCheck(json(DOC_RESULT), { checkId: DOC_RESULT.check_id })).check_id, DOC_RESULT.check_id);
  const p = await rejects(c.parseIdCheck(json(DOC_RESULT), { checkId: "chk_priv_MINE" }), "INVALID_RESPONSE");
  assert.deepEqual([p.field, p.status, p.retryable], ["check_id", 200, false]);
  assert.ok(!p.message.includes("chk_priv_"), p.message);
  // An error body is still that error, whatever checkId says.
  await rejects(c.parseIdCheck(json({ error: "NOT_VERIFIED" }), { checkId: "chk_priv_MINE" }), "NOT_VERIFIED");
  for (const [bad, field] of [[{ checkId: "chk_xchg_a" }, "checkId"], [{ checkId: 7 }, "checkId"], [{ check_id: "chk_priv_a" }, "options"]]) {
    assert.equal((await rejects(c.parseIdCheck(json(DOC_RESULT), bad), "INVALID_ARGUMENT")).field, field);
  }
});
