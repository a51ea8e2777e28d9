// IdvError (API.md, Errors section): the error's shape (code, api, status,
// retryable, field, fields), the status / body-code mapping for Caisson (401
// always UNAUTHORIZED, a documented body code wins over the status) and for
// Goldstar (including Key "id.error" -> BAD_REQUEST and ModelState field names
// without their messages), and transport failures (NETWORK). Written from
// API.md and the docs alone, without reading the source: a second reading of
// the contract beside tests/js/. Keys and SSNs are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, GoldstarClient, IdvError, CK, GK, DOMAIN, json, fakeFetch, rejects, throwsSync, person, RESULT } from "./h.mjs";

const c = new CaissonClient({ apiKey: CK });
const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });

describe("IdvError shape", () => {
  test("real Error subclass with code, api, status, retryable, field, fields", async () => {
    const e = await rejects(c.parseIdCheck(json({}, 401)));
    assert.ok(e instanceof Error);
    assert.ok(e instanceof IdvError);
    assert.equal(typeof e.code, "string");
    assert.equal(e.code, "UNAUTHORIZED");
    assert.equal(e.api, "caisson");
    assert.equal(e.status, 401);
    assert.equal(typeof e.retryable, "boolean");
    assert.equal(e.retryable, false);
    assert.ok("field" in e);
    assert.ok(Array.isArray(e.fields));
    assert.equal(typeof e.message, "string");
    assert.ok(typeof e.stack === "string");
  });
  test("validation error names the field; status undefined", () => {
    const e = throwsSync(() => g.verifyIdentityRequest(person({ zip: "1234" })), { code: "INVALID_ARGUMENT", api: "goldstar", status: undefined, retryable: false });
    assert.equal(typeof e.field, "string");
    assert.match(e.field, /zip/);
  });
  test("IdvError is constructible for test doubles", () => {
    const e = new IdvError("x");
    assert.ok(e instanceof Error);
    assert.equal(e.message, "x");
  });
});

const caissonCases = [
  // [status, body, code, retryable]
  [401, {}, "UNAUTHORIZED", false],
  [401, { error: "INVALID_INPUT", error_description: "bad key" }, "UNAUTHORIZED", false],
  [401, { error: "INTERNAL_ERROR" }, "UNAUTHORIZED", false],
  [401, { error: "NOT_VERIFIED" }, "UNAUTHORIZED", false],
  [404, {}, "NOT_FOUND", false],
  [404, { error: "IDCHECK_DELETED" }, "IDCHECK_DELETED", false],
  [410, { error: "IDCHECK_EXPIRED" }, "IDCHECK_EXPIRED", false],
  [422, {}, "UNPROCESSABLE", false],
  [400, {}, "BAD_REQUEST", false],
  [400, { error: "INVALID_INPUT" }, "INVALID_INPUT", false],
  [403, {}, "BAD_REQUEST", false],
  [405, { error: "METHOD_NOT_ALLOWED" }, "BAD_REQUEST", false],
  [409, {}, "BAD_REQUEST", false],
  [413, {}, "BAD_REQUEST", false],
  [408, {}, "TIMEOUT", true],
  [429, {}, "RATE_LIMITED", true],
  [500, {}, "SERVER_ERROR", true],
  [502, "<html>bad gateway</html>", "SERVER_ERROR", true],
  [503, {}, "SERVER_ERROR", true],
  [500, { error: "INTERNAL_ERROR", error_description: "oops" }, "INTERNAL_ERROR", true],
  [200, { error: "INTERNAL_ERROR" }, "INTERNAL_ERROR", true],
  [200, { error: "NOT_VERIFIED", error_description: "not yet" }, "NOT_VERIFIED", true],
  [200, { error: "PENDING_REVIEW" }, "PENDING_REVIEW", true],
  [200, { error: "IDCHECK_EXPIRED" }, "IDCHECK_EXPIRED", false],
  [200, { error: "IDCHECK_DELETED" }, "IDCHECK_DELETED", false],
  [200, { error: "INVALID_INPUT" }, "INVALID_INPUT", false],
  [400, { error: "NOT_VERIFIED" }, "NOT_VERIFIED", true],
  [503, { error: "PENDING_REVIEW" }, "PENDING_REVIEW", true],
  [500, { error: "IDCHECK_EXPIRED" }, "IDCHECK_EXPIRED", false],
];
describe("Caisson status / body code mapping (parseIdCheck)", () => {
  for (const [status, body, code, retryable] of caissonCases) {
    test(`${status} ${JSON.stringify(body)} -> ${code}`, async () => {
      const res = typeof body === "string" ? new Response(body, { status }) : json(body, status);
      const e = await rejects(c.parseIdCheck(res), { code, retryable, status, api: "caisson" });
    });
  }
  test("parseExchangeToken maps the same way", async () => {
    await rejects(c.parseExchangeToken(json({ error: "INVALID_INPUT", error_description: "bad token" }, 400)), { code: "INVALID_INPUT", status: 400, retryable: false });
    await rejects(c.parseExchangeToken(json({ error: "INTERNAL_ERROR" }, 500)), { code: "INTERNAL_ERROR", status: 500, retryable: true });
    await rejects(c.parseExchangeToken(json({ error: "INTERNAL_ERROR" }, 401)), { code: "UNAUTHORIZED", status: 401 });
  });
  test("an error field with HTTP 200 is a failure even alongside a check_id", async () => {
    await rejects(c.parseExchangeToken(json({ check_id: "chk_priv_x", error: "INTERNAL_ERROR" }, 200)), { code: "INTERNAL_ERROR" });
  });
  test("undocumented error code at 200 still fails", async () => {
    await rejects(c.parseIdCheck(json({ error: "SOMETHING_NEW" }, 200)));
  });
  test("error: null / empty with a valid body is success", async () => {
    const r = await c.parseExchangeToken(json({ check_id: "chk_priv_x", error: null }));
    assert.equal(r.check_id, "chk_priv_x");
  });
  test("description carries error_description, not in message", async () => {
    const e = await rejects(c.parseIdCheck(json({ error: "NOT_VERIFIED", error_description: "User has not finished QQQ" }, 200)), { code: "NOT_VERIFIED" });
    assert.equal(e.description, "User has not finished QQQ");
    assert.ok(!e.message.includes("QQQ"));
    assert.ok(!JSON.stringify(e).includes("QQQ"));
  });
  test("both error_description and error_message: one of them as description", async () => {
    const e = await rejects(c.parseIdCheck(json({ error: "NOT_VERIFIED", error_description: "A", error_message: "B" }, 200)), { code: "NOT_VERIFIED" });
    assert.ok(e.description === "A" || e.description === "B");
  });
  test("success response with non-2xx status (no error field) is not success", async () => {
    await rejects(c.parseIdCheck(json(RESULT, 500)), { code: "SERVER_ERROR", status: 500 });
    await rejects(c.parseIdCheck(json(RESULT, 404)), { code: "NOT_FOUND" });
  });
});

const goldstarCases = [
  [401, { Message: "Authorization has been denied for this request." }, "UNAUTHORIZED", false],
  [404, { Message: "No HTTP resource was found" }, "NOT_FOUND", false],
  [422, { Message: "The request is invalid.", ModelState: { "person.zip": ["The zip field is invalid."] } }, "UNPROCESSABLE", false],
  [400, { Message: "The request is invalid." }, "BAD_REQUEST", false],
  [405, { Message: "The requested resource does not support http method 'GET'." }, "BAD_REQUEST", false],
  [409, { Message: "Conflict" }, "BAD_REQUEST", false],
  [403, {}, "BAD_REQUEST", false],
  [408, {}, "TIMEOUT", true],
  [429, {}, "RATE_LIMITED", true],
  [500, { Message: "An error has occurred." }, "SERVER_ERROR", true],
  [503, "Service Unavailable", "SERVER_ERROR", true],
];
describe("Goldstar status mapping", () => {
  for (const [status, body, code, retryable] of goldstarCases) {
    for (const op of ["parseVerifyIdentity", "parseVerifyAnswers", "parsePing"]) {
      test(`${op} ${status} -> ${code}`, async () => {
        const res = typeof body === "string" ? new Response(body, { status }) : json(body, status);
        await rejects(g[op](res), { code, retryable, status, api: "goldstar" });
      });
    }
  }
  test('Key: "id.error" is BAD_REQUEST', async () => {
    const e = await rejects(g.parseVerifyIdentity(json({ Id: "1199927326", Key: "id.error", Message: "No first name submitted" })), { code: "BAD_REQUEST", api: "goldstar", retryable: false });
    assert.equal(e.status, 200);
  });
  test('Key: "id.error" on verify-answers is BAD_REQUEST', async () => {
    await rejects(g.parseVerifyAnswers(json({ Id: "1199927326", Key: "id.error", Message: "Unable to process" })), { code: "BAD_REQUEST" });
  });
  test("ModelState: fields are names, never the messages", async () => {
    const body = { Message: "The request is invalid.", ModelState: { "person.firstname": ["The firstname JAMIEVALUE is bad."], "person.taxpayerID": ["SSN 555-01-0001 bad"] } };
    const e = await rejects(g.parseVerifyIdentity(json(body, 400)), { code: "BAD_REQUEST", status: 400 });
    assert.ok(e.fields.some((f) => /firstname$/.test(f)), JSON.stringify(e.fields));
    assert.ok(e.fields.some((f) => /taxpayerID$/i.test(f)), JSON.stringify(e.fields));
    const all = String(e) + JSON.stringify(e) + e.stack + (await import("node:util")).inspect(e) + JSON.stringify(e.fields) + String(e.description);
    assert.ok(!all.includes("JAMIEVALUE"));
    assert.ok(!all.includes("555-01-0001"));
  });
  test("ModelState on 422 fills fields", async () => {
    const e = await rejects(g.parseVerifyAnswers(json({ Message: "The request is invalid.", ModelState: { "request.answers[0].text": ["bad"], "request.id": ["bad"] } }, 422)), { code: "UNPROCESSABLE" });
    assert.ok(e.fields.some((f) => f.endsWith("id")));
    assert.ok(e.fields.some((f) => f.includes("answers")));
  });
  test("no ModelState => fields is an empty array", async () => {
    const e = await rejects(g.parseVerifyIdentity(json({ Message: "x" }, 400)), { code: "BAD_REQUEST" });
    assert.deepEqual(e.fields, []);
  });
  test("not JSON / wrong shape => INVALID_RESPONSE", async () => {
    await rejects(g.parseVerifyIdentity(new Response("not json", { status: 200 })), { code: "INVALID_RESPONSE", retryable: false });
    await rejects(g.parseVerifyIdentity(json({ Key: "id.success" })), { code: "INVALID_RESPONSE" });
    await rejects(g.parseVerifyIdentity(json('{"Id":"1","Key":"id.success","Message":"Pass",}')), { code: "INVALID_RESPONSE" });
    await rejects(g.parsePing(json({ time: "x" })), { code: "INVALID_RESPONSE" });
  });
  test("201 success accepted", async () => {
    const o = await g.parseVerifyIdentity(json({ Id: "1", Key: "id.success", Message: "Pass", Qualifiers: [] }, 201));
    assert.equal(o.status, "passed");
  });
  test("parsePing returns the string as sent", async () => {
    assert.equal(await g.parsePing(json(JSON.stringify("2015-03-20T13:50:10.0370495-05:00"))), "2015-03-20T13:50:10.0370495-05:00");
  });
});

describe("transport failures", () => {
  test("NETWORK when fetch rejects (retryable), no status", async () => {
    const f = fakeFetch(() => { throw new TypeError("fetch failed"); });
    const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
    await rejects(gg.verifyIdentity(person()), { code: "NETWORK", retryable: true, status: undefined, api: "goldstar" });
    assert.equal(f.calls.length, 1);
  });
  test("NETWORK error text does not copy a key-bearing underlying message", async () => {
    const f = fakeFetch(() => { throw new TypeError(`connect failed with header X-ApiKey: ${GK}`); });
    const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
    const e = await rejects(gg.verifyIdentity(person()), { code: "NETWORK" });
    const util = await import("node:util");
    const all = String(e) + JSON.stringify(e) + e.stack + util.inspect(e, { depth: 5 });
    assert.ok(!all.includes(GK), "leaks key through cause");
  });
  test("fetch returning a non-Response is an IdvError", async () => {
    const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: async () => ({ nope: 1 }) });
    await rejects(gg.verifyIdentity(person()));
  });
});
