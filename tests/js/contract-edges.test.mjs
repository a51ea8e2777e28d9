// Edges of API.md's contract that an audit of the package found: each case
// here failed before its fix (see the commit that added it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, GoldstarClient, IdvError, assessIdCheck } from "../../pkg/node.js";

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
