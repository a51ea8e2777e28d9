// The interpretation tables (API.md, Caisson section and Goldstar section):
// describeCaissonReason for every documented reason code (category, field for
// 1xx, the doc's description, userAction, retryable), unknown codes kept with
// a category from the hundreds digit, the reasons carried in an IdCheckResult,
// and describeGoldstarQualifier's severities and categories. Written from
// API.md and the docs alone, without reading the source: a second reading of
// the contract beside tests/js/. Keys are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, describeCaissonReason, describeGoldstarQualifier, CK, json, RESULT, clone } from "./h.mjs";

const DOC = {
  101: "Name mismatch", 102: "Date of birth mismatch", 104: "ID number mismatch", 105: "Sex mismatch", 106: "Address mismatch",
  201: "The selfie was not positioned properly (e.g. only showing part of the face, face is too close/far).",
  202: "Face could not be detected in the uploaded selfie.",
  299: "An error occurred while processing the selfie image.",
  301: "The face detected on the document was not properly positioned (e.g. face too small, to large or partial).",
  302: "Face could not be detected in the uploaded document.",
  303: "Some data is missing in from the document (e.g. address was expected but could not be detected).",
  304: "Document is not supported.",
  305: "The encoded data on the passport is invalid.",
  306: "Could not detect the passport's encoded data.",
  307: "Could not detect document in the uploaded image.",
  308: "The document expired.",
  309: "The document is not fully in the frame.",
  399: "An error occurred while processing the document.",
  401: "The encoded data on the barcode is invalid.",
  402: "Could not detect barcode.",
  499: "An error occurred while processing the barcode.",
};
const FIELD = { 101: "name", 102: "dob", 104: "id_number", 105: "sex", 106: "address" };
const CAT = (c) => ({ 1: "data_mismatch", 2: "selfie", 3: "document", 4: "barcode" })[Math.floor(c / 100)];

describe("describeCaissonReason", () => {
  for (const [code, text] of Object.entries(DOC)) {
    test(`code ${code}`, () => {
      const r = describeCaissonReason(Number(code));
      assert.ok(r, "known code described");
      assert.equal(r.code, Number(code));
      assert.equal(r.category, CAT(Number(code)));
      assert.ok(r.description.includes(text), `description ${JSON.stringify(r.description)}`);
      assert.ok(r.userAction === null || (typeof r.userAction === "string" && r.userAction.length > 0));
      assert.equal(typeof r.retryable, "boolean");
      if (FIELD[code]) assert.equal(r.field, FIELD[code]); else assert.ok(!("field" in r) || r.field === undefined, "field only for 1xx");
      const allowed = ["code", "category", "field", "description", "userAction", "retryable"];
      for (const k of Object.keys(r)) assert.ok(allowed.includes(k), `unexpected key ${k}`);
    });
  }
  test("103 does not exist; undocumented codes -> undefined", () => {
    for (const c of [103, 100, 107, 203, 300, 310, 403, 500, 0, 999]) assert.equal(describeCaissonReason(c), undefined, String(c));
  });
  test("person-fixable reasons are retryable with an action", () => {
    for (const c of [201, 202, 307, 309]) {
      const r = describeCaissonReason(c);
      assert.equal(r.retryable, true, String(c));
      assert.equal(typeof r.userAction, "string");
    }
  });
  test("userAction null implies not retryable", () => {
    for (const c of Object.keys(DOC)) {
      const r = describeCaissonReason(Number(c));
      if (r.userAction === null) assert.equal(r.retryable, false, c);
    }
  });
});

describe("IdCheckResult reasons interpretation", () => {
  const c = new CaissonClient({ apiKey: CK });
  const withReasons = (reasons, doc = "low", face = "medium") => { const r = clone(RESULT); r.confidence = { document: doc, face, reasons }; return r; };
  test("known code: API code and description kept, interpretation added", async () => {
    const res = await c.parseIdCheck(json(withReasons([{ code: 201, description: "Selfie badly placed (server text)" }, { code: 102, description: "DOB mismatch" }])));
    const [a, b] = res.confidence.reasons;
    assert.equal(a.code, 201);
    assert.equal(a.description, "Selfie badly placed (server text)");
    assert.equal(a.category, "selfie");
    const info = describeCaissonReason(201);
    assert.equal(a.userAction, info.userAction);
    assert.equal(a.retryable, info.retryable);
    assert.equal(b.category, "data_mismatch");
    assert.equal(b.field, "dob");
    assert.equal(b.description, "DOB mismatch");
  });
  const unknown = [[107, "data_mismatch"], [203, "selfie"], [310, "document"], [403, "barcode"], [555, "unknown"], [999, "unknown"], [42, "unknown"]];
  for (const [code, cat] of unknown) {
    test(`unknown code ${code} kept with category ${cat}`, async () => {
      const res = await c.parseIdCheck(json(withReasons([{ code, description: "Something new" }])));
      const r = res.confidence.reasons[0];
      assert.equal(r.code, code);
      assert.equal(r.description, "Something new");
      assert.equal(r.category, cat);
      assert.equal(typeof r.retryable, "boolean");
      assert.ok(r.userAction === null || typeof r.userAction === "string");
    });
  }
  test("reasons absent when confidences high", async () => {
    const res = await c.parseIdCheck(json(RESULT));
    assert.ok(res.confidence.reasons === undefined || (Array.isArray(res.confidence.reasons) && res.confidence.reasons.length === 0));
    assert.ok(!("reasons" in JSON.parse(JSON.stringify(res)).confidence));
  });
  test("empty reasons array kept", async () => {
    const res = await c.parseIdCheck(json(withReasons([])));
    assert.deepEqual([...res.confidence.reasons], []);
  });
});

describe("describeGoldstarQualifier", () => {
  const hard = ["resultcode.subject.deceased", "resultcode.coppa.alert", "resultcode.ssn.issued.prior.to.dob", "resultcode.multiple.records.found"];
  const signal = ["resultcode.yob.does.not.match", "resultcode.address.does.not.match", "resultcode.ssn.does.not.match", "resultcode.last.name.does.not.match", "resultcode.thin.file"];
  const info = ["resultcode.no.dob.available", "resultcode.bankruptcy"];
  for (const [list, sev] of [[hard, "hard_stop"], [signal, "signal"], [info, "info"]]) {
    for (const k of list) {
      test(`${k} is ${sev}`, () => {
        const q = describeGoldstarQualifier(k);
        assert.ok(q);
        assert.equal(q.severity, sev);
        assert.equal(q.key, k);
        assert.equal(typeof q.category, "string");
        assert.equal(typeof q.meaning, "string");
        assert.ok(q.meaning.length > 0);
        for (const key of Object.keys(q)) assert.ok(["key", "category", "severity", "meaning"].includes(key), key);
      });
    }
  }
  test("unknown key -> undefined", () => {
    assert.equal(describeGoldstarQualifier("resultcode.not.a.real.thing"), undefined);
    assert.equal(describeGoldstarQualifier(""), undefined);
  });
  test("categories sensible", () => {
    assert.equal(describeGoldstarQualifier("resultcode.subject.deceased").category, "deceased");
    assert.equal(describeGoldstarQualifier("resultcode.ssn.does.not.match").category, "ssn");
    assert.equal(describeGoldstarQualifier("resultcode.address.does.not.match").category, "address");
  });
});
