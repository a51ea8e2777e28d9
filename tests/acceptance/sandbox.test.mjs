// The in-process Sandbox (API.md, Sandbox section, and www/SANDBOX.md): its
// clock (`now` forms, the real clock by default, advanceTime), the 2-hour
// exchange window and 5-minute retry grace, `fields` filtering, every Caisson
// error code reachable, reasons and presets, and Goldstar pass / hard fail /
// soft fail chosen by the documented test SSNs, 401 for a wrong key and
// 400 / 422 for bad bodies. Written from API.md and the docs alone, without
// reading the source: a second reading of the contract beside tests/js/. Keys
// and SSNs are fake test values (555-01-xxxx are the documented test numbers).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { Sandbox, CaissonClient, GoldstarClient, IdvError, assessIdCheck, describeCaissonReason, CK, GK, DOMAIN, rejects, person, throwsSync } from "./h.mjs";

const T0 = Date.parse("2024-03-01T12:00:00Z");
const H = 3600_000, MIN = 60_000;
function setup(opts = {}) {
  const sb = new Sandbox({ caissonApiKey: CK, goldstarApiKey: GK, now: T0, ...opts });
  const c = new CaissonClient({ apiKey: CK, fetch: sb.fetch, maxRetries: 0 });
  const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: sb.fetch, maxRetries: 0 });
  return { sb, c, g };
}

describe("Sandbox clock", () => {
  test("now as epoch ms, Date and RFC 3339 string", () => {
    assert.equal(new Sandbox({ now: T0 }).now, T0);
    assert.equal(new Sandbox({ now: new Date(T0) }).now, T0);
    assert.equal(new Sandbox({ now: "2024-03-01T12:00:00Z" }).now, T0);
    assert.equal(new Sandbox({ now: "2024-03-01T07:00:00-05:00" }).now, T0);
  });
  test("default is the real clock", () => {
    // Bracketed by two readings of the real clock: no tolerance to tune.
    const before = Date.now();
    const n = new Sandbox().now;
    const after = Date.now();
    assert.ok(before <= n && n <= after, `${n} not in [${before}, ${after}]`);
  });
  test("advanceTime moves the clock", () => {
    const sb = new Sandbox({ now: T0 });
    sb.advanceTime(1234);
    assert.equal(sb.now, T0 + 1234);
  });
  test("bad now refused", () => {
    let e; try { new Sandbox({ now: "not a date" }); } catch (x) { e = x; }
    assert.ok(e instanceof IdvError);
    assert.equal(e.code, "INVALID_ARGUMENT");
  });
  test("ping answers the sandbox's time", async () => {
    const { g } = setup();
    const s = await g.ping();
    assert.equal(typeof s, "string");
    assert.equal(Date.parse(s), T0);
  });
});

describe("Sandbox Caisson exchange windows", () => {
  test("createIdCheck returns a chk_xchg_ token; exchange yields chk_priv_", async () => {
    const { sb, c } = setup();
    const { check_exchange_token } = sb.createIdCheck({ customerId: "u1" });
    assert.match(check_exchange_token, /^chk_xchg_[A-Za-z0-9_-]+$/);
    const { check_id } = await c.exchangeToken(check_exchange_token);
    assert.match(check_id, /^chk_priv_[A-Za-z0-9_-]+$/);
  });
  test("exchange works at 2 h, not after", async () => {
    const { sb, c } = setup();
    const t1 = sb.createIdCheck({ customerId: "u1" }).check_exchange_token;
    const t2 = sb.createIdCheck({ customerId: "u2" }).check_exchange_token;
    sb.advanceTime(2 * H - 1000);
    await c.exchangeToken(t1);
    sb.advanceTime(1001 + 1);
    await rejects(c.exchangeToken(t2), { code: "INVALID_INPUT", status: 400, retryable: false, api: "caisson" });
  });
  test("repeat within 5 min returns the same check_id, after it fails", async () => {
    const { sb, c } = setup();
    const t = sb.createIdCheck({ customerId: "u1" }).check_exchange_token;
    const a = await c.exchangeToken(t);
    sb.advanceTime(5 * MIN - 1);
    const b = await c.exchangeToken(t);
    assert.equal(a.check_id, b.check_id);
    sb.advanceTime(2);
    await rejects(c.exchangeToken(t), { code: "INVALID_INPUT", status: 400 });
  });
  test("grace counts from the first exchange even past 2 h", async () => {
    const { sb, c } = setup();
    const t = sb.createIdCheck({ customerId: "u1" }).check_exchange_token;
    sb.advanceTime(2 * H - MIN);
    const a = await c.exchangeToken(t);
    sb.advanceTime(3 * MIN);
    assert.equal((await c.exchangeToken(t)).check_id, a.check_id);
  });
  test("unknown token -> INVALID_INPUT", async () => {
    const { c } = setup();
    await rejects(c.exchangeToken("chk_xchg_AAAAAAAAAAAAAAAAAAAAAA"), { code: "INVALID_INPUT" });
  });
  test("wrong key -> 401 UNAUTHORIZED", async () => {
    const { sb } = setup();
    const t = sb.createIdCheck({ customerId: "u1" }).check_exchange_token;
    const bad = new CaissonClient({ apiKey: "sk_wrong", fetch: sb.fetch, maxRetries: 0 });
    await rejects(bad.exchangeToken(t), { code: "UNAUTHORIZED", status: 401, retryable: false });
    await rejects(bad.getIdCheck("chk_priv_AAAAAAAAAAAAAAAAAAAAAA"), { code: "UNAUTHORIZED", status: 401 });
  });
  test("the 401 body does not echo the key", async () => {
    const { sb } = setup();
    const res = await sb.fetch(new Request("https://api.caisson.com/v1/idcheck/exchangetoken", { method: "POST", headers: { authorization: "Caisson sk_wrong_ZZZ", "content-type": "application/json" }, body: JSON.stringify({ check_exchange_token: "x" }) }));
    assert.equal(res.status, 401);
    assert.ok(!(await res.text()).includes("sk_wrong_ZZZ"));
  });
  test("bad exchange body -> 400 INVALID_INPUT", async () => {
    const { sb } = setup();
    for (const body of ["not json", "[]", "{}", '{"check_exchange_token": 5}']) {
      const res = await sb.fetch(new Request("https://api.caisson.com/v1/idcheck/exchangetoken", { method: "POST", headers: { authorization: `Caisson ${CK}`, "content-type": "application/json" }, body }));
      assert.equal(res.status, 400, body);
      assert.equal((await res.json()).error, "INVALID_INPUT");
    }
  });
  test("flaky_exchange: first attempt 500 INTERNAL_ERROR, the client retries", async () => {
    const sb = new Sandbox({ caissonApiKey: CK, now: T0 });
    const c = new CaissonClient({ apiKey: CK, fetch: sb.fetch, maxRetries: 1 });
    const t = sb.createIdCheck({ customerId: "u1", preset: "flaky_exchange" }).check_exchange_token;
    const r = await c.exchangeToken(t);
    assert.match(r.check_id, /^chk_priv_/);
  });
  test("flaky_exchange with maxRetries 0 -> INTERNAL_ERROR 500 retryable", async () => {
    const { sb, c } = setup();
    const t = sb.createIdCheck({ customerId: "u1", preset: "flaky_exchange" }).check_exchange_token;
    await rejects(c.exchangeToken(t), { code: "INTERNAL_ERROR", status: 500, retryable: true });
  });
});

describe("Sandbox Caisson results", () => {
  async function check(sb, c, scenario) {
    const t = sb.createIdCheck({ customerId: "cust-1", ...scenario }).check_exchange_token;
    return (await c.exchangeToken(t)).check_id;
  }
  test("fields filtering", async () => {
    const { sb, c } = setup();
    const id = await check(sb, c, {});
    const none = await c.getIdCheck(id);
    assert.deepEqual(Object.keys(none.info).sort(), ["first_name", "last_name"]);
    const some = await c.getIdCheck(id, { fields: ["sex", "dob"] });
    assert.deepEqual(Object.keys(some.info).sort(), ["dob", "first_name", "last_name", "sex"]);
    const all = await c.getIdCheck(id, { fields: ["sex", "dob", "address", "expires_on"] });
    assert.deepEqual(Object.keys(all.info).sort(), ["address", "dob", "expires_on", "first_name", "last_name", "sex"]);
    assert.deepEqual(Object.keys(all.info.address).sort(), ["city", "state", "street", "zip"]);
    assert.equal(all.customer_id, "cust-1");
    assert.equal(all.check_id, id);
    assert.equal(typeof all.checked_on, "string");
  });
  test("blurry_selfie carries reason 201 interpreted", async () => {
    const { sb, c } = setup();
    const r = await c.getIdCheck(await check(sb, c, { preset: "blurry_selfie" }));
    assert.equal(r.confidence.face, "medium");
    assert.equal(r.confidence.reasons[0].code, 201);
    assert.equal(r.confidence.reasons[0].category, "selfie");
    assert.equal(r.confidence.reasons[0].retryable, describeCaissonReason(201).retryable);
    assert.equal(assessIdCheck(r, { now: T0 }).decision, "review");
  });
  test("expired_licence is declined when expires_on requested", async () => {
    const { sb, c } = setup();
    const r = await c.getIdCheck(await check(sb, c, { preset: "expired_licence" }), { fields: ["expires_on"] });
    assert.equal(assessIdCheck(r, { now: T0 }).decision, "decline");
  });
  const codes = [
    [{ state: "pending" }, "NOT_VERIFIED", 200, true],
    [{ state: "pending_review" }, "PENDING_REVIEW", 200, true],
    [{ state: "deleted" }, "IDCHECK_DELETED", 404, false],
    [{ state: "expired" }, "IDCHECK_EXPIRED", 410, false],
    [{ state: "internal_error" }, "INTERNAL_ERROR", 500, true],
    [{ preset: "under_review" }, "PENDING_REVIEW", 200, true],
    [{ preset: "pending" }, "NOT_VERIFIED", 200, true],
  ];
  for (const [sc, code, status, retryable] of codes) {
    test(`${JSON.stringify(sc)} -> ${code}`, async () => {
      const { sb, c } = setup();
      const id = await check(sb, c, sc);
      await rejects(c.getIdCheck(id), { code, status, retryable, api: "caisson" });
    });
  }
  test("NOT_VERIFIED is not auto-retried against the sandbox", async () => {
    const sb = new Sandbox({ caissonApiKey: CK, now: T0 });
    let n = 0;
    const f = (req) => { n++; return sb.fetch(req); };
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 3 });
    const id = (await c.exchangeToken(sb.createIdCheck({ customerId: "u", preset: "pending" }).check_exchange_token)).check_id;
    n = 0;
    await rejects(c.getIdCheck(id), { code: "NOT_VERIFIED" });
    assert.equal(n, 1);
  });
  test("pending_then_pass completes after 30 s of sandbox time", async () => {
    const { sb, c } = setup();
    const id = await check(sb, c, { preset: "pending_then_pass" });
    await rejects(c.getIdCheck(id), { code: "NOT_VERIFIED" });
    sb.advanceTime(30_000);
    const r = await c.getIdCheck(id);
    assert.equal(r.confidence.document, "high");
  });
  test("a check older than 30 days -> IDCHECK_EXPIRED", async () => {
    const { sb, c } = setup();
    const id = await check(sb, c, {});
    sb.advanceTime(31 * 24 * H);
    await rejects(c.getIdCheck(id), { code: "IDCHECK_EXPIRED" });
  });
  test("unknown check id -> INVALID_INPUT", async () => {
    const { c } = setup();
    await rejects(c.getIdCheck("chk_priv_AAAAAAAAAAAAAAAAAAAAAA"), { code: "INVALID_INPUT", retryable: false });
  });
  test("bad fields name over raw HTTP -> 400 INVALID_INPUT", async () => {
    const { sb, c } = setup();
    const id = await check(sb, c, {});
    const res = await sb.fetch(new Request("https://api.caisson.com/v1/idcheck?fields=ssn", { headers: { authorization: `Caisson ${CK}`, "x-caisson-checkid": id } }));
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error, "INVALID_INPUT");
  });
  test("custom scenario: document / face / reasons / info", async () => {
    const { sb, c } = setup();
    const id = await check(sb, c, { document: "low", face: "medium", reasons: [308, 201], info: { first_name: "ANA", last_name: "LIMA", dob: "1990-01-02" } });
    const r = await c.getIdCheck(id, { fields: ["dob"] });
    assert.equal(r.confidence.document, "low");
    assert.deepEqual(r.confidence.reasons.map((x) => x.code), [308, 201]);
    assert.equal(r.info.first_name, "ANA");
    assert.equal(r.info.dob, "1990-01-02T00:00:00Z");
  });
  test("bad scenario is INVALID_ARGUMENT", () => {
    const sb = new Sandbox({ now: T0 });
    throwsSync(() => sb.createIdCheck({}), { code: "INVALID_ARGUMENT" });
    throwsSync(() => sb.createIdCheck({ customerId: "u", document: "great" }), { code: "INVALID_ARGUMENT" });
  });
  test("empty key refused", () => {
    throwsSync(() => new Sandbox({ caissonApiKey: "" }), { code: "INVALID_ARGUMENT" });
    throwsSync(() => new Sandbox({ goldstarApiKey: "" }), { code: "INVALID_ARGUMENT" });
  });
});

describe("Sandbox Goldstar", () => {
  const pass = ["555-01-0001", "555010002", "555-01-0003", "123-45-6789"];
  for (const ssn of pass) {
    test(`pass: ${ssn}`, async () => {
      const { g } = setup();
      const o = await g.verifyIdentity(person({ taxpayerID: ssn }));
      assert.equal(o.status, "passed");
      assert.equal(o.key, "id.success");
      assert.match(o.id, /^\d+$/);
      assert.deepEqual(o.questions, []);
    });
  }
  test("555-01-0003: numeric 20-digit Id kept exactly", async () => {
    const { g } = setup();
    const o = await g.verifyIdentity(person({ taxpayerID: "555-01-0003" }));
    assert.equal(o.id.length, 20);
    assert.ok(o.id.startsWith("9007199254"));
  });
  const hard = { "555-01-0101": "resultcode.ssn.does.not.match", "555-01-0102": "resultcode.subject.deceased", "555-01-0103": "resultcode.ssn.issued.prior.to.dob", "555-01-0104": "resultcode.coppa.alert", "555-01-0105": "resultcode.multiple.records.found", "555-01-0106": "result.no.match" };
  for (const [ssn, q] of Object.entries(hard)) {
    test(`hard fail: ${ssn}`, async () => {
      const { g } = setup();
      const o = await g.verifyIdentity(person({ taxpayerID: ssn }));
      assert.equal(o.status, "failed");
      assert.equal(o.key, "id.failure");
      assert.deepEqual(o.questions, []);
      assert.ok(o.qualifiers.some((x) => x.key === q), JSON.stringify(o.qualifiers.map((x) => x.key)));
    });
  }
  test("hard-stop severities on deceased / COPPA", async () => {
    const { g } = setup();
    const o = await g.verifyIdentity(person({ taxpayerID: "555-01-0102" }));
    assert.equal(o.qualifiers.find((x) => x.key === "resultcode.subject.deceased").severity, "hard_stop");
  });
  const quizA = { "residence.type": "Single Family Residence", "person.not.known": "LUIS PEREIRA", "city.of.residence": "THORNTON", "prior.residence.state.multiyear": "KENTUCKY" };
  const quizB = { "time.at.current.address": "Over 5 years", "current.county.b": "COBB", "purchased.property.from": "JOE ANDERSON", "previous.address": "None of the above" };
  for (const [ssn, quiz] of [["555-01-0201", quizA], ["555-01-0202", quizB], ["555-01-0203", quizA]]) {
    test(`soft fail ${ssn}: questions, then all correct passes`, async () => {
      const { g } = setup();
      const o = await g.verifyIdentity(person({ taxpayerID: ssn }));
      assert.equal(o.status, "questions");
      assert.equal(o.questions.length, 4);
      for (const q of o.questions) { assert.equal(q.choices.length, 5); assert.equal(q.choices[4], "Skip Question"); }
      const answers = o.questions.map((q) => ({ type: q.type, text: quiz[q.type] }));
      const a = await g.verifyAnswers(o.id, answers, o.questions);
      assert.equal(a.status, "passed");
      assert.equal(a.summary, "pass");
      assert.equal(a.key, "result.questions.0.incorrect");
      assert.notEqual(a.id, o.id);
    });
  }
  test("one wrong passes, two wrong fails", async () => {
    const { g } = setup();
    const o1 = await g.verifyIdentity(person({ taxpayerID: "555-01-0201" }));
    const wrong = (n) => o1.questions.map((q, i) => ({ type: q.type, text: i < n ? "None of the above" : quizA[q.type] }));
    const a1 = await g.verifyAnswers(o1.id, wrong(1), o1.questions);
    assert.equal(a1.status, "passed"); assert.equal(a1.key, "result.questions.1.incorrect");
    const o2 = await g.verifyIdentity(person({ taxpayerID: "555-01-0201" }));
    const a2 = await g.verifyAnswers(o2.id, o2.questions.map((q, i) => ({ type: q.type, text: i < 2 ? "None of the above" : quizA[q.type] })), o2.questions);
    assert.equal(a2.status, "failed"); assert.equal(a2.summary, "fail");
  });
  test("answering twice -> 409 BAD_REQUEST", async () => {
    const { g } = setup();
    const o = await g.verifyIdentity(person({ taxpayerID: "555-01-0202" }));
    const ans = o.questions.map((q) => ({ type: q.type, text: quizB[q.type] }));
    await g.verifyAnswers(o.id, ans);
    await rejects(g.verifyAnswers(o.id, ans), { code: "BAD_REQUEST", status: 409 });
  });
  test("unknown id -> 404 NOT_FOUND", async () => {
    const { g } = setup();
    await rejects(g.verifyAnswers("1234567890", [{ type: "residence.type", text: "Townhome" }]), { code: "NOT_FOUND", status: 404 });
  });
  test("555-01-0901 -> id.error -> BAD_REQUEST", async () => {
    const { g } = setup();
    await rejects(g.verifyIdentity(person({ taxpayerID: "555-01-0901" })), { code: "BAD_REQUEST", api: "goldstar", retryable: false });
  });
  test("555-01-0902 -> SERVER_ERROR, not retried", async () => {
    const sb = new Sandbox({ goldstarApiKey: GK, now: T0 });
    let n = 0;
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: (r) => { n++; return sb.fetch(r); }, maxRetries: 3 });
    await rejects(g.verifyIdentity(person({ taxpayerID: "555-01-0902" })), { code: "SERVER_ERROR", status: 500, retryable: true });
    assert.equal(n, 1);
  });
  test("wrong key -> 401 UNAUTHORIZED", async () => {
    const { sb } = setup();
    const g = new GoldstarClient({ apiKey: "gs_wrong", domain: DOMAIN, fetch: sb.fetch, maxRetries: 0 });
    await rejects(g.verifyIdentity(person()), { code: "UNAUTHORIZED", status: 401 });
    await rejects(g.ping(), { code: "UNAUTHORIZED", status: 401 });
  });
  const gsPost = (sb, path, body, key = GK) => sb.fetch(new Request(`https://${DOMAIN}/identification/api/v1/ops/${path}`, { method: "POST", headers: { "x-apikey": key, "content-type": "application/json" }, body }));
  test("bad JSON body -> 400; parse gives BAD_REQUEST", async () => {
    const { sb, g } = setup();
    for (const b of ["not json", "", "[1]"]) {
      const res = await gsPost(sb, "verify-identity", b);
      assert.equal(res.status, 400, JSON.stringify(b));
      await rejects(g.parseVerifyIdentity(res), { code: "BAD_REQUEST", status: 400 });
    }
  });
  test("invalid person -> 422 with ModelState fields", async () => {
    const { sb, g } = setup();
    const p = person(); delete p.firstname; p.taxpayerID = "666-12-3456";
    const res = await gsPost(sb, "verify-identity", JSON.stringify(p));
    assert.equal(res.status, 422);
    const e = await rejects(g.parseVerifyIdentity(res), { code: "UNPROCESSABLE", status: 422 });
    assert.ok(e.fields.some((f) => /firstname$/.test(f)), JSON.stringify(e.fields));
    assert.ok(e.fields.some((f) => /taxpayerID$/i.test(f)), JSON.stringify(e.fields));
    assert.ok(!JSON.stringify(e).includes("666"));
  });
  test("invalid answers body -> 422", async () => {
    const { sb, g } = setup();
    const res = await gsPost(sb, "verify-answers", JSON.stringify({ id: "abc", answers: [] }));
    assert.equal(res.status, 422);
    await rejects(g.parseVerifyAnswers(res), { code: "UNPROCESSABLE" });
  });
  test("bad key over raw HTTP -> 401, body does not echo the key", async () => {
    const { sb } = setup();
    const res = await gsPost(sb, "ping", "", "gs_wrong_QQQ");
    assert.equal(res.status, 401);
    assert.ok(!(await res.text()).includes("gs_wrong_QQQ"));
  });
  test("sandbox via a localhost domain client (http)", async () => {
    const sb = new Sandbox({ goldstarApiKey: GK, now: T0 });
    const g = new GoldstarClient({ apiKey: GK, domain: "localhost:4010", fetch: sb.fetch });
    assert.equal((await g.verifyIdentity(person())).status, "passed");
  });
  test("soft-fail session expires after 30 minutes", async () => {
    const { sb, g } = setup();
    const o = await g.verifyIdentity(person({ taxpayerID: "555-01-0201" }));
    sb.advanceTime(31 * MIN);
    await rejects(g.verifyAnswers(o.id, o.questions.map((q) => ({ type: q.type, text: quizA[q.type] }))), { code: "NOT_FOUND" });
  });
});
