// CaissonClient (API.md, Caisson section): the token / check-id rule (1 to 256
// of A-Z a-z 0-9 - _, the swapped-prefix refusal, INVALID_ARGUMENT before
// anything is sent), the request builders (method, URL, Authorization,
// X-Caisson-CheckID, `fields`), that exchangeToken / getIdCheck send what the
// builders build, the exchange `store`, and the parsers (shape checks,
// INVALID_RESPONSE, description vs message). Written from API.md and the docs
// alone, without reading the source: a second reading of the contract beside
// tests/js/. Keys, tokens and check ids are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, IdvError, CK, json, fakeFetch, rejects, throwsSync, RESULT, clone, assertNoLeak } from "./h.mjs";

const c = new CaissonClient({ apiKey: CK });

describe("token / check-id rules", () => {
  const okIds = ["a", "Z", "0", "-", "_", "chk_priv_SMgso2KGzXLxT2I-g7oD2w", "x".repeat(256), "AZaz09-_"];
  const badIds = ["", "x".repeat(257), "abc def", "abc.def", "abc/def", "abc+def", "abc=", "é", "abc\n", "chk_priv_abc\u0000", "ab%20c"];
  for (const t of okIds.filter((x) => !x.startsWith("chk_priv_"))) {
    test(`token accepted: ${t.length > 20 ? t.length + " chars" : t}`, async () => {
      const req = c.exchangeTokenRequest(t);
      assert.equal(req.method, "POST");
      assert.deepEqual(JSON.parse(await req.text()), { check_exchange_token: t });
    });
  }
  for (const t of okIds.filter((x) => !x.startsWith("chk_priv_"))) {
    test(`check id accepted: ${t.length > 20 ? t.length + " chars" : t}`, () => {
      assert.equal(c.getIdCheckRequest(t).headers.get("x-caisson-checkid"), t);
    });
  }
  for (const t of badIds) {
    test(`token refused ${JSON.stringify(t.slice(0, 20))} (len ${t.length})`, async () => {
      throwsSync(() => c.exchangeTokenRequest(t), { code: "INVALID_ARGUMENT", api: "caisson" });
      const f = fakeFetch(() => json({ check_id: "chk_priv_x" }));
      const cc = new CaissonClient({ apiKey: CK, fetch: f });
      await rejects(cc.exchangeToken(t), { code: "INVALID_ARGUMENT", retryable: false });
      assert.equal(f.calls.length, 0, "nothing sent");
    });
    test(`check id refused ${JSON.stringify(t.slice(0, 20))} (len ${t.length})`, async () => {
      throwsSync(() => c.getIdCheckRequest(t), { code: "INVALID_ARGUMENT", api: "caisson" });
      const f = fakeFetch(() => json(RESULT));
      const cc = new CaissonClient({ apiKey: CK, fetch: f });
      await rejects(cc.getIdCheck(t), { code: "INVALID_ARGUMENT" });
      assert.equal(f.calls.length, 0);
    });
  }
  test("non-string token / check id refused", async () => {
    for (const v of [undefined, null, 123, {}, ["a"]]) {
      throwsSync(() => c.exchangeTokenRequest(v), { code: "INVALID_ARGUMENT" });
      throwsSync(() => c.getIdCheckRequest(v), { code: "INVALID_ARGUMENT" });
    }
  });
  test("chk_xchg_ where a check id is due is refused (swapped argument)", async () => {
    const e = throwsSync(() => c.getIdCheckRequest("chk_xchg_UeRXDryTTpvU24CTre8W2Q"), { code: "INVALID_ARGUMENT", api: "caisson" });
    assert.ok(!renderOf(e).includes("UeRXDryTTpvU24CTre8W2Q"));
    const f = fakeFetch(() => json(RESULT));
    await rejects(new CaissonClient({ apiKey: CK, fetch: f }).getIdCheck("chk_xchg_UeRXDryTTpvU24CTre8W2Q"), { code: "INVALID_ARGUMENT" });
    assert.equal(f.calls.length, 0);
  });
  test("chk_priv_ where a token is due is refused (swapped argument)", async () => {
    throwsSync(() => c.exchangeTokenRequest("chk_priv_ceSB3MdzNm8M5FdEM4wSXw"), { code: "INVALID_ARGUMENT", api: "caisson" });
    const f = fakeFetch(() => json({ check_id: "chk_priv_x" }));
    await rejects(new CaissonClient({ apiKey: CK, fetch: f }).exchangeToken("chk_priv_ceSB3MdzNm8M5FdEM4wSXw"), { code: "INVALID_ARGUMENT" });
    assert.equal(f.calls.length, 0);
  });
  test("prefix exactly chk_xchg_ (nothing after) refused as a check id; chk_priv_ alone refused as token", () => {
    throwsSync(() => c.getIdCheckRequest("chk_xchg_"), { code: "INVALID_ARGUMENT" });
    throwsSync(() => c.exchangeTokenRequest("chk_priv_"), { code: "INVALID_ARGUMENT" });
  });
  test("own prefix accepted: chk_xchg_ token, chk_priv_ check id", async () => {
    assert.deepEqual(JSON.parse(await c.exchangeTokenRequest("chk_xchg_abc").text()), { check_exchange_token: "chk_xchg_abc" });
    assert.equal(c.getIdCheckRequest("chk_priv_abc").headers.get("x-caisson-checkid"), "chk_priv_abc");
  });
});
function renderOf(e) { return String(e) + e.message + JSON.stringify(e) + e.stack; }

describe("request builders", () => {
  test("exchangeTokenRequest: POST, URL, Authorization, JSON body", async () => {
    const r = c.exchangeTokenRequest("chk_xchg_UeRXDryTTpvU24CTre8W2Q");
    assert.ok(r instanceof Request);
    assert.equal(r.method, "POST");
    assert.equal(r.url, "https://api.caisson.com/v1/idcheck/exchangetoken");
    assert.equal(r.headers.get("authorization"), `Caisson ${CK}`);
    assert.match(r.headers.get("content-type"), /^application\/json/);
    assert.deepEqual(JSON.parse(await r.text()), { check_exchange_token: "chk_xchg_UeRXDryTTpvU24CTre8W2Q" });
  });
  test("getIdCheckRequest: GET, no body, Authorization + X-Caisson-CheckID, no check id in URL", async () => {
    const r = c.getIdCheckRequest("chk_priv_SMgso2KGzXLxT2I-g7oD2w");
    assert.equal(r.method, "GET");
    assert.equal(r.url, "https://api.caisson.com/v1/idcheck");
    assert.equal(r.headers.get("authorization"), `Caisson ${CK}`);
    assert.equal(r.headers.get("x-caisson-checkid"), "chk_priv_SMgso2KGzXLxT2I-g7oD2w");
    assert.equal(r.body, null);
    assert.ok(!r.url.includes("SMgso2"));
  });
  test("fields as comma list", () => {
    const r = c.getIdCheckRequest("chk_priv_x", { fields: ["sex", "dob", "address", "expires_on"] });
    const u = new URL(r.url);
    assert.equal(u.pathname, "/v1/idcheck");
    assert.equal(u.searchParams.get("fields"), "sex,dob,address,expires_on");
  });
  test("fields subset / empty", () => {
    assert.equal(new URL(c.getIdCheckRequest("chk_priv_x", { fields: ["dob"] }).url).searchParams.get("fields"), "dob");
    const u = new URL(c.getIdCheckRequest("chk_priv_x", { fields: [] }).url);
    assert.ok(u.searchParams.get("fields") === null || u.searchParams.get("fields") === "");
  });
  test("unknown field name refused", () => {
    throwsSync(() => c.getIdCheckRequest("chk_priv_x", { fields: ["ssn"] }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => c.getIdCheckRequest("chk_priv_x", { fields: ["first_name"] }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => c.getIdCheckRequest("chk_priv_x", { fields: "sex,dob" }), { code: "INVALID_ARGUMENT" });
  });
  test("baseUrl with a trailing slash does not double the slash", () => {
    const cc = new CaissonClient({ apiKey: CK, baseUrl: "https://api-noam.caisson.dev/" });
    assert.equal(cc.exchangeTokenRequest("t").url, "https://api-noam.caisson.dev/v1/idcheck/exchangetoken");
  });
  test("exchangeToken sends what exchangeTokenRequest builds", async () => {
    const f = fakeFetch(() => json({ check_id: "chk_priv_ceSB3MdzNm8M5FdEM4wSXw" }));
    const cc = new CaissonClient({ apiKey: CK, fetch: f });
    const r = await cc.exchangeToken("chk_xchg_UeRXDryTTpvU24CTre8W2Q");
    assert.equal(r.check_id, "chk_priv_ceSB3MdzNm8M5FdEM4wSXw");
    assert.equal(f.calls.length, 1);
    assert.equal(f.calls[0].method, "POST");
    assert.equal(f.calls[0].headers.authorization, `Caisson ${CK}`);
    assert.deepEqual(JSON.parse(f.calls[0].body), { check_exchange_token: "chk_xchg_UeRXDryTTpvU24CTre8W2Q" });
  });
  test("getIdCheck sends GET with header and fields", async () => {
    const f = fakeFetch(() => json(RESULT));
    const cc = new CaissonClient({ apiKey: CK, fetch: f });
    const r = await cc.getIdCheck("chk_priv_SMgso2KGzXLxT2I-g7oD2w", { fields: ["sex", "dob", "address", "expires_on"] });
    assert.equal(f.calls[0].method, "GET");
    assert.equal(f.calls[0].headers["x-caisson-checkid"], "chk_priv_SMgso2KGzXLxT2I-g7oD2w");
    assert.equal(new URL(f.calls[0].url).searchParams.get("fields"), "sex,dob,address,expires_on");
    assert.equal(r.check_id, RESULT.check_id);
    assert.equal(r.info.address.street, "6 CROWN DR # 11B");
  });
});

describe("exchangeToken store", () => {
  test("store: a stored check id is returned without a call; a new one is put", async () => {
    const m = new Map();
    const store = { get: (k) => m.get(k) ?? null, put: (k, v) => { m.set(k, v); } };
    const f = fakeFetch(() => json({ check_id: "chk_priv_ceSB3MdzNm8M5FdEM4wSXw" }));
    const cc = new CaissonClient({ apiKey: CK, fetch: f });
    const r1 = await cc.exchangeToken("chk_xchg_tok1", { store });
    assert.equal(r1.check_id, "chk_priv_ceSB3MdzNm8M5FdEM4wSXw");
    assert.equal(m.size, 1);
    assert.ok([...m.values()].includes("chk_priv_ceSB3MdzNm8M5FdEM4wSXw"));
    const r2 = await cc.exchangeToken("chk_xchg_tok1", { store });
    assert.equal(r2.check_id, "chk_priv_ceSB3MdzNm8M5FdEM4wSXw");
    assert.equal(f.calls.length, 1, "second exchange served from store");
  });
});

describe("parsers", () => {
  test("parseExchangeToken ok", async () => {
    assert.equal((await c.parseExchangeToken(json({ check_id: "chk_priv_ceSB3MdzNm8M5FdEM4wSXw" }))).check_id, "chk_priv_ceSB3MdzNm8M5FdEM4wSXw");
  });
  test("parseIdCheck keeps the doc's field names", async () => {
    const r = await c.parseIdCheck(json(RESULT));
    assert.equal(r.check_id, RESULT.check_id);
    assert.equal(r.customer_id, RESULT.customer_id);
    assert.equal(r.checked_on, RESULT.checked_on);
    assert.equal(r.confidence.document, "high");
    assert.equal(r.confidence.face, "high");
    assert.deepEqual({ ...r.info, address: { ...r.info.address } }, RESULT.info);
  });
  test("trailing-comma body (the doc's example) is INVALID_RESPONSE", async () => {
    await rejects(c.parseExchangeToken(json('{"check_id": "chk_priv_ceSB3MdzNm8M5FdEM4wSXw",}')), { code: "INVALID_RESPONSE", api: "caisson" });
  });
  test("not JSON => INVALID_RESPONSE, status kept", async () => {
    const e = await rejects(c.parseIdCheck(new Response("<html>", { status: 200 })), { code: "INVALID_RESPONSE" });
    assert.equal(e.status, 200);
  });
  test("wrong shape => INVALID_RESPONSE", async () => {
    await rejects(c.parseExchangeToken(json({})), { code: "INVALID_RESPONSE" });
    await rejects(c.parseExchangeToken(json({ check_id: 5 })), { code: "INVALID_RESPONSE" });
    const bad = clone(RESULT); bad.confidence.document = "very high";
    await rejects(c.parseIdCheck(json(bad)), { code: "INVALID_RESPONSE" });
    const bad2 = clone(RESULT); delete bad2.info;
    await rejects(c.parseIdCheck(json(bad2)), { code: "INVALID_RESPONSE" });
    await rejects(c.parseIdCheck(json([])), { code: "INVALID_RESPONSE" });
  });
  test("INVALID_RESPONSE is not retryable and names no value", async () => {
    const bad = clone(RESULT); bad.confidence.face = "SECRETVALUE-face";
    const e = await rejects(c.parseIdCheck(json(bad)), { code: "INVALID_RESPONSE", retryable: false });
    assertNoLeak(e, ["SECRETVALUE-face"]);
  });
  test("too large => INVALID_RESPONSE", async () => {
    const big = clone(RESULT); big.customer_id = "x".repeat(20 * 1024 * 1024);
    await rejects(c.parseIdCheck(json(big)), { code: "INVALID_RESPONSE" });
  });
  test("result without optional fields / with ISO date dob accepted", async () => {
    const r1 = clone(RESULT); delete r1.info.sex; delete r1.info.dob; delete r1.info.address; delete r1.info.expires_on;
    const p1 = await c.parseIdCheck(json(r1));
    assert.equal(p1.info.dob, undefined);
    const r2 = clone(RESULT); r2.info.dob = "1989-06-30";
    assert.equal((await c.parseIdCheck(json(r2))).info.dob, "1989-06-30");
  });
  test("error_message accepted as well as error_description; carried as description not message", async () => {
    const e1 = await rejects(c.parseIdCheck(json({ error: "IDCHECK_DELETED", error_message: "Check was deleted XYZ" }, 404)), { code: "IDCHECK_DELETED", status: 404 });
    assert.equal(e1.description, "Check was deleted XYZ");
    assert.ok(!e1.message.includes("XYZ"));
    const e2 = await rejects(c.parseIdCheck(json({ error: "IDCHECK_DELETED", error_description: "Gone ABC" }, 404)), { code: "IDCHECK_DELETED" });
    assert.equal(e2.description, "Gone ABC");
    assert.ok(!e2.message.includes("ABC"));
  });
});
