// VerifyOutcome (API.md, Goldstar Trust section): the status rule (passed when
// Key is exactly `id.success`, or Message / Summary equals "pass" ignoring
// case; otherwise questions when Questions is non-empty; otherwise failed),
// the outcome's fields and qualifier interpretation, and the Id kept as a
// string with every digit (even past 2^53) and sent back as a string. Written
// from API.md and the docs alone, without reading the source: a second reading
// of the contract beside tests/js/. Keys and SSNs are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { GoldstarClient, IdvError, describeGoldstarQualifier, GK, DOMAIN, json, fakeFetch, rejects, person } from "./h.mjs";

const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
const Qs = [{ Prompt: "What type of residence is 222333 PEACHTREE PLACE?", Type: "residence.type", Choices: [{ Text: "Single Family Residence" }, { Text: "Townhome" }, { Text: "Apartment" }, { Text: "None of the above" }, { Text: "Skip Question" }] }];
const raw = (s, status = 200) => new Response(s, { status, headers: { "content-type": "application/json" } });

describe("VerifyOutcome status rule", () => {
  const cases = [
    ["Key id.success, Message Pass", { Id: "1", Key: "id.success", Message: "Pass" }, "passed"],
    ["Key id.success, Message Match Found", { Id: "1", Key: "id.success", Message: "Match Found" }, "passed"],
    ["Key id.success with Questions", { Id: "1", Key: "id.success", Message: "x", Questions: Qs }, "passed"],
    ["Message PASS (other key)", { Id: "1", Key: "id.other", Message: "PASS" }, "passed"],
    ["Message pAsS", { Id: "1", Key: "id.failure", Message: "pAsS" }, "passed"],
    ["Summary pass", { Id: "1", Key: "result.questions.1.incorrect", Message: "One Incorrect Answer", Summary: "pass" }, "passed"],
    ["Summary PASS", { Id: "1", Key: "result.questions.0.incorrect", Message: "All answers correct", Summary: "PASS" }, "passed"],
    ["Summary Pass with questions", { Id: "1", Key: "id.failure", Message: "FAIL", Summary: "Pass", Questions: Qs }, "passed"],
    ["Summary fail", { Id: "1", Key: "result.questions.3.incorrect", Message: "Three Incorrect Answers", Summary: "fail" }, "failed"],
    ["hard fail: FAIL no Questions", { Id: "1", Key: "id.failure", Message: "FAIL", Qualifiers: [{ Key: "resultcode.ssn.does.not.match", Message: "SSN Does Not Match" }] }, "failed"],
    ["soft fail: FAIL with Questions", { Id: "1199927326", Key: "id.failure", Message: "FAIL", Qualifiers: [], Questions: Qs }, "questions"],
    ["Questions empty array => failed", { Id: "1", Key: "id.failure", Message: "FAIL", Questions: [] }, "failed"],
    ["Questions null => failed", { Id: "1", Key: "id.failure", Message: "FAIL", Questions: null }, "failed"],
    ["Message passed (not equal) => failed", { Id: "1", Key: "id.failure", Message: "passed" }, "failed"],
    ["Message 'Pass with notes' => failed", { Id: "1", Key: "id.failure", Message: "Pass with notes" }, "failed"],
    ["Key ID.SUCCESS is not id.success? (message FAIL)", { Id: "1", Key: "id.partial", Message: "FAIL" }, "failed"],
    ["Summary fail but Questions present => questions", { Id: "1", Key: "id.failure", Message: "FAIL", Summary: "fail", Questions: Qs }, "questions"],
  ];
  for (const [name, body, status] of cases) {
    test(`${name} -> ${status} (verify-identity)`, async () => {
      const o = await g.parseVerifyIdentity(json(body));
      assert.equal(o.status, status);
      assert.equal(o.key, body.Key);
      assert.equal(o.message, body.Message);
      if ("Summary" in body) assert.equal(o.summary, body.Summary); else assert.equal(o.summary, undefined);
    });
    test(`${name} -> ${status} (verify-answers)`, async () => {
      const o = await g.parseVerifyAnswers(json(body));
      assert.equal(o.status, status);
    });
  }
  test("VerifyOutcome has exactly the contract's fields", async () => {
    const o = await g.parseVerifyIdentity(json({ Id: "1199927326", Key: "id.failure", Message: "FAIL", Qualifiers: [{ Key: "resultcode.yob.does.not.match", Message: "YOB Does Not Match" }], Questions: Qs }));
    assert.equal(o.id, "1199927326");
    assert.equal(o.key, "id.failure");
    assert.equal(o.message, "FAIL");
    assert.deepEqual(o.questions, [{ prompt: Qs[0].Prompt, type: "residence.type", choices: ["Single Family Residence", "Townhome", "Apartment", "None of the above", "Skip Question"] }]);
    assert.equal(o.qualifiers.length, 1);
    const q = o.qualifiers[0];
    assert.equal(q.key, "resultcode.yob.does.not.match");
    assert.equal(q.message, "YOB Does Not Match");
    const info = describeGoldstarQualifier("resultcode.yob.does.not.match");
    assert.equal(q.category, info.category);
    assert.equal(q.severity, info.severity);
    assert.equal(q.meaning, info.meaning);
  });
  test("missing Qualifiers / Questions => empty arrays", async () => {
    const o = await g.parseVerifyIdentity(json({ Id: "1", Key: "id.success", Message: "Pass" }));
    assert.deepEqual(o.qualifiers, []);
    assert.deepEqual(o.questions, []);
  });
  test("unknown qualifier key kept with key and message", async () => {
    const o = await g.parseVerifyIdentity(json({ Id: "1", Key: "id.failure", Message: "FAIL", Qualifiers: [{ Key: "resultcode.brand.new.thing", Message: "New Thing" }] }));
    assert.equal(o.qualifiers[0].key, "resultcode.brand.new.thing");
    assert.equal(o.qualifiers[0].message, "New Thing");
  });
});

describe("Id handling", () => {
  const ids = [
    ['"1199927326"', "1199927326"],
    ["1199927326", "1199927326"],
    ["9007199254740993", "9007199254740993"],
    ["90071992547409931234", "90071992547409931234"],
    ['"90071992547409931234"', "90071992547409931234"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
  ];
  for (const [src, want] of ids) {
    test(`Id ${src} -> "${want}"`, async () => {
      const o = await g.parseVerifyIdentity(raw(`{"Id": ${src}, "Key": "id.success", "Message": "Pass", "Qualifiers": []}`));
      assert.equal(typeof o.id, "string");
      assert.equal(o.id, want);
      const o2 = await g.parseVerifyAnswers(raw(`{"Id": ${src}, "Key": "result.questions.0.incorrect", "Message": "All answers correct", "Summary": "pass"}`));
      assert.equal(o2.id, want);
    });
  }
  test("numeric Id past 2^53 sent back as a string with every digit", async () => {
    const big = "90071992547409931234";
    const f = fakeFetch((req, n) => n === 1
      ? raw(`{"Id": ${big}, "Key": "id.failure", "Message": "FAIL", "Qualifiers": [], "Questions": ${JSON.stringify(Qs)}}`)
      : raw(`{"Id": "5", "Key": "result.questions.0.incorrect", "Message": "All answers correct", "Summary": "pass"}`));
    const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
    const o = await gg.verifyIdentity(person({ taxpayerID: "555-01-0203" }));
    assert.equal(o.status, "questions");
    assert.equal(o.id, big);
    const a = await gg.verifyAnswers(o.id, [{ type: "residence.type", text: "Townhome" }], o.questions);
    assert.equal(a.status, "passed");
    assert.ok(f.calls[1].body.includes(`"id":"${big}"`), f.calls[1].body);
  });
  test("missing Id / wrong type Id => INVALID_RESPONSE", async () => {
    await rejects(g.parseVerifyIdentity(json({ Key: "id.success", Message: "Pass" })), { code: "INVALID_RESPONSE" });
    await rejects(g.parseVerifyIdentity(json({ Id: true, Key: "id.success", Message: "Pass" })), { code: "INVALID_RESPONSE" });
    await rejects(g.parseVerifyIdentity(json({ Id: { a: 1 }, Key: "id.success", Message: "Pass" })), { code: "INVALID_RESPONSE" });
  });
  test("Id in exponent form refused (documented choice)", async () => {
    await rejects(g.parseVerifyIdentity(raw(`{"Id": 1e21, "Key": "id.success", "Message": "Pass"}`)), { code: "INVALID_RESPONSE" });
  });
});

describe("status rule: Key compared as written", () => {
  test('Key "ID.SUCCESS" is not `id.success`: with Message FAIL and Questions -> questions', async () => {
    const o = await g.parseVerifyIdentity(json({ Id: "1", Key: "ID.SUCCESS", Message: "FAIL", Questions: Qs }));
    assert.equal(o.status, "questions");
  });
});
