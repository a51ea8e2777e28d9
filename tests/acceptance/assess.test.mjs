// assessIdCheck (API.md, Caisson section: the policy paragraph): the decision
// grid for document / face confidences against minDocument / minFace, customer
// mismatch, stale results (maxAgeSeconds, with `now` as a Date, an RFC 3339
// string or epoch ms, defaulting to the real clock), expired documents, that
// findings name rules and never values, and INVALID_ARGUMENT for a bad policy.
// Written from API.md and the docs alone, without reading the source: a second
// reading of the contract beside tests/js/. Keys and data are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { assessIdCheck, CaissonClient, IdvError, CK, json, RESULT, clone, throwsSync } from "./h.mjs";

const CHECKED = Date.parse("2019-07-19T15:00:42.274684-04:00"); // 19:00:42.274Z
const NOW = CHECKED + 60_000; // one minute later; doc expires 2025 -> fine
const base = (over = {}) => { const r = clone(RESULT); Object.assign(r.confidence, over); if (r.confidence.document !== "high" || r.confidence.face !== "high") r.confidence.reasons ??= []; return r; };
const rules = (a) => a.findings.map((f) => f.rule);

describe("assessIdCheck decisions", () => {
  test("high/high, defaults -> approve, no findings", () => {
    const a = assessIdCheck(base(), { now: NOW });
    assert.equal(a.decision, "approve");
    assert.deepEqual(a.findings, []);
  });
  const grid = [
    ["high", "medium", "review"], ["medium", "high", "review"], ["medium", "medium", "review"],
    ["low", "high", "decline"], ["high", "low", "decline"], ["low", "medium", "decline"], ["medium", "low", "decline"],
  ];
  for (const [d, f, want] of grid) {
    test(`defaults: document ${d}, face ${f} -> ${want}`, () => {
      const a = assessIdCheck(base({ document: d, face: f }), { now: NOW });
      assert.equal(a.decision, want);
      assert.ok(a.findings.length >= 1);
      for (const x of a.findings) { assert.equal(typeof x.rule, "string"); assert.equal(typeof x.detail, "string"); }
    });
  }
  test("minDocument medium approves a medium document; low still declines", () => {
    assert.equal(assessIdCheck(base({ document: "medium" }), { minDocument: "medium", now: NOW }).decision, "approve");
    assert.equal(assessIdCheck(base({ document: "low" }), { minDocument: "medium", now: NOW }).decision, "decline");
  });
  test("minFace medium approves a medium face", () => {
    assert.equal(assessIdCheck(base({ face: "medium" }), { minFace: "medium", now: NOW }).decision, "approve");
  });
  test("minDocument/minFace low approve anything", () => {
    assert.equal(assessIdCheck(base({ document: "low", face: "low" }), { minDocument: "low", minFace: "low", now: NOW }).decision, "approve");
  });
  test("default policy equals explicit high/high", () => {
    for (const [d, f] of [["medium", "high"], ["low", "high"], ["high", "high"]]) {
      assert.equal(assessIdCheck(base({ document: d, face: f }), { now: NOW }).decision, assessIdCheck(base({ document: d, face: f }), { minDocument: "high", minFace: "high", now: NOW }).decision);
    }
  });
  test("customer mismatch declines (even with high confidences); match approves", () => {
    const a = assessIdCheck(base(), { expectedCustomerId: "someone-else", now: NOW });
    assert.equal(a.decision, "decline");
    assert.equal(a.findings.length, 1);
    assert.equal(assessIdCheck(base(), { expectedCustomerId: RESULT.customer_id, now: NOW }).decision, "approve");
  });
  test("findings never contain values (customer ids, names, dates)", () => {
    const a = assessIdCheck(base({ document: "low" }), { expectedCustomerId: "EXPECTED-CUST-XYZ", maxAgeSeconds: 1, now: NOW + 10_000_000_000 });
    const s = JSON.stringify(a);
    for (const v of ["EXPECTED-CUST-XYZ", "1234321", "JAMIE", "DOE", "2025-06-24", "1989", "2019-07-19"]) assert.ok(!s.includes(v), v);
  });
  test("stale result declines; fresh approves", () => {
    assert.equal(assessIdCheck(base(), { maxAgeSeconds: 1200, now: CHECKED + 1199_000 }).decision, "approve");
    const a = assessIdCheck(base(), { maxAgeSeconds: 1200, now: CHECKED + 1201_000 });
    assert.equal(a.decision, "decline");
    assert.equal(a.findings.length, 1);
  });
  test("now as Date, RFC 3339 string and epoch ms agree", () => {
    const ms = CHECKED + 1201_000;
    for (const now of [ms, new Date(ms), new Date(ms).toISOString(), "2019-07-19T15:20:43.5-04:00"]) {
      assert.equal(assessIdCheck(base(), { maxAgeSeconds: 1200, now }).decision, "decline", String(now));
    }
    for (const now of [CHECKED + 10_000, new Date(CHECKED + 10_000), new Date(CHECKED + 10_000).toISOString(), "2019-07-19T19:00:52Z"]) {
      assert.equal(assessIdCheck(base(), { maxAgeSeconds: 1200, now }).decision, "approve", String(now));
    }
  });
  test("now defaults to the real clock", () => {
    assert.equal(assessIdCheck(base(), { maxAgeSeconds: 3600 }).decision, "decline"); // 2019 result
    const fresh = base(); fresh.checked_on = new Date(Date.now() - 5000).toISOString(); fresh.info.expires_on = "2999-01-01T00:00:00Z";
    assert.equal(assessIdCheck(fresh, { maxAgeSeconds: 3600 }).decision, "approve");
  });
  test("expired document declines when expires_on present", () => {
    const r = base(); r.info.expires_on = "2019-01-01T00:00:00Z";
    const a = assessIdCheck(r, { now: NOW });
    assert.equal(a.decision, "decline");
    assert.equal(a.findings.length, 1);
  });
  test("expired document, date-only form", () => {
    const r = base(); r.info.expires_on = "2019-01-01";
    assert.equal(assessIdCheck(r, { now: NOW }).decision, "decline");
  });
  test("expires_on absent -> not judged (approve)", () => {
    const r = base(); delete r.info.expires_on;
    assert.equal(assessIdCheck(r, { now: NOW }).decision, "approve");
  });
  test("expires_on in the future -> approve", () => {
    assert.equal(assessIdCheck(base(), { now: Date.parse("2025-06-01T00:00:00Z") }).decision, "approve");
    assert.equal(assessIdCheck(base(), { now: Date.parse("2025-07-01T00:00:00Z") }).decision, "decline");
  });
  test("review + decline -> decline, both findings listed, distinct rules", () => {
    const a = assessIdCheck(base({ face: "medium" }), { expectedCustomerId: "x", now: NOW });
    assert.equal(a.decision, "decline");
    assert.equal(a.findings.length, 2);
    assert.equal(new Set(rules(a)).size, 2);
  });
  test("works on a result from parseIdCheck", async () => {
    const c = new CaissonClient({ apiKey: CK });
    const r = await c.parseIdCheck(json(base({ document: "medium" })));
    assert.equal(assessIdCheck(r, { now: NOW }).decision, "review");
  });
  test("bad policy values are INVALID_ARGUMENT", () => {
    throwsSync(() => assessIdCheck(base(), { minDocument: "ultra" }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => assessIdCheck(base(), { now: "yesterday" }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => assessIdCheck(base(), { maxAgeSeconds: -5 }), { code: "INVALID_ARGUMENT" });
  });
  test("bad result is an IdvError", () => {
    let e; try { assessIdCheck({}); } catch (x) { e = x; }
    assert.ok(e instanceof IdvError);
  });
});
