// GoldstarClient requests (API.md, Goldstar Trust section): the URL shape and
// X-ApiKey, the person's field names and the validation made before anything
// is sent (names, USPS state codes, ZIP / ZIP+4, SSN rules, a real calendar
// birth date not in the future), that validation errors never echo values,
// and verifyAnswers' check against the questions. Written from API.md and the
// docs alone, without reading the source: a second reading of the contract
// beside tests/js/. Keys and SSNs are fake test values (555-01-xxxx are the
// Sandbox's documented test numbers).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { GoldstarClient, IdvError, GK, DOMAIN, json, fakeFetch, rejects, throwsSync, person, assertNoLeak } from "./h.mjs";

const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
const body = async (r) => JSON.parse(await r.text());

describe("Goldstar request builders", () => {
  test("pingRequest: POST, URL, X-ApiKey", () => {
    const r = g.pingRequest();
    assert.ok(r instanceof Request);
    assert.equal(r.method, "POST");
    assert.equal(r.url, `https://${DOMAIN}/identification/api/v1/ops/ping`);
    assert.equal(r.headers.get("x-apikey"), GK);
  });
  test("verifyIdentityRequest: POST, URL, headers, doc field names", async () => {
    const r = g.verifyIdentityRequest(person());
    assert.equal(r.method, "POST");
    assert.equal(r.url, `https://${DOMAIN}/identification/api/v1/ops/verify-identity`);
    assert.equal(r.headers.get("x-apikey"), GK);
    assert.match(r.headers.get("content-type"), /^application\/json/);
    const b = await body(r);
    assert.deepEqual(Object.keys(b).sort(), ["address", "birthDay", "birthMonth", "birthYear", "city", "firstname", "lastname", "state", "taxpayerID", "zip"].sort());
    assert.equal(b.firstname, "Jamie");
    assert.equal(b.lastname, "Doe");
    assert.equal(b.address, "222 Peachtree Pl");
    assert.equal(b.city, "Atlanta");
    assert.equal(b.state, "GA");
    assert.equal(b.zip, "30301");
    assert.equal(b.taxpayerID, "555010001");
    assert.equal(b.birthMonth, 6); assert.equal(b.birthDay, 30); assert.equal(b.birthYear, 1989);
  });
  test("state any case, sent upper-cased", async () => {
    assert.equal((await body(g.verifyIdentityRequest(person({ state: "ga" })))).state, "GA");
    assert.equal((await body(g.verifyIdentityRequest(person({ state: "Ny" })))).state, "NY");
  });
  test("SSN 123456789 form accepted and sent as 9 digits", async () => {
    assert.equal((await body(g.verifyIdentityRequest(person({ taxpayerID: "123456789" })))).taxpayerID, "123456789");
    assert.equal((await body(g.verifyIdentityRequest(person({ taxpayerID: "123-45-6789" })))).taxpayerID, "123456789");
  });
  test("ZIP+4 accepted", async () => {
    assert.equal((await body(g.verifyIdentityRequest(person({ zip: "30301-1234" })))).zip, "30301-1234");
  });
  test("verifyAnswersRequest: POST, URL, id sent as a string", async () => {
    const r = g.verifyAnswersRequest("1196338064", [{ type: "time.at.current.address", text: "Over 5 years" }]);
    assert.equal(r.method, "POST");
    assert.equal(r.url, `https://${DOMAIN}/identification/api/v1/ops/verify-answers`);
    assert.equal(r.headers.get("x-apikey"), GK);
    const text = await r.text();
    assert.match(text, /"id"\s*:\s*"1196338064"/);
    assert.deepEqual(JSON.parse(text), { id: "1196338064", answers: [{ type: "time.at.current.address", text: "Over 5 years" }] });
  });
  test("verifyAnswersRequest keeps every digit of a 20+ digit id, as a string", async () => {
    const id = "90071992547409931234";
    const text = await g.verifyAnswersRequest(id, [{ type: "a", text: "b" }]).text();
    assert.ok(text.includes(`"id":"${id}"`) || text.includes(`"id": "${id}"`), text);
  });
  test("version applied to every resource", () => {
    const g2 = new GoldstarClient({ apiKey: GK, domain: DOMAIN, version: "v2" });
    assert.equal(g2.verifyIdentityRequest(person()).url, `https://${DOMAIN}/identification/api/v2/ops/verify-identity`);
    assert.equal(g2.verifyAnswersRequest("1", [{ type: "a", text: "b" }]).url, `https://${DOMAIN}/identification/api/v2/ops/verify-answers`);
  });
  test("every call through the client carries X-ApiKey", async () => {
    const f = fakeFetch((req) => req.url.endsWith("ping") ? json(JSON.stringify("2015-03-20T13:50:10.0370495-05:00")) : json({ Id: "1", Key: "id.success", Message: "Pass", Qualifiers: [] }));
    const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
    await gg.ping(); await gg.verifyIdentity(person()); await gg.verifyAnswers("1", [{ type: "a", text: "b" }]);
    assert.equal(f.calls.length, 3);
    for (const c of f.calls) { assert.equal(c.headers["x-apikey"], GK); assert.equal(c.method, "POST"); }
  });
});

describe("person validation (INVALID_ARGUMENT before sending)", () => {
  const bad = {
    "firstname empty": { firstname: "" },
    "firstname blank": { firstname: "   " },
    "firstname control char": { firstname: "Ja\u0001mie" },
    "firstname newline": { firstname: "Ja\nmie" },
    "lastname empty": { lastname: "" },
    "lastname tab": { lastname: "D\toe" },
    "address empty": { address: "" },
    "address control": { address: "1 Main\u007f St" },
    "city empty": { city: "" },
    "city control": { city: "Atl\u0000anta" },
    "firstname missing": { firstname: undefined },
    "firstname number": { firstname: 5 },
    "state invalid": { state: "XX" },
    "state ZZ": { state: "ZZ" },
    "state 1 char": { state: "G" },
    "state 3 char": { state: "GAA" },
    "state empty": { state: "" },
    "state name": { state: "Georgia" },
    "zip 4 digits": { zip: "3030" },
    "zip 6 digits": { zip: "303011" },
    "zip letters": { zip: "3030A" },
    "zip+3": { zip: "30301-123" },
    "zip empty": { zip: "" },
    "zip number type": { zip: 30301 },
    "ssn area 000": { taxpayerID: "000-12-3456" },
    "ssn area 666": { taxpayerID: "666-12-3456" },
    "ssn area 900": { taxpayerID: "900-12-3456" },
    "ssn area 999": { taxpayerID: "999121234" },
    "ssn group 00": { taxpayerID: "123-00-4567" },
    "ssn serial 0000": { taxpayerID: "123-45-0000" },
    "ssn 8 digits": { taxpayerID: "12345678" },
    "ssn 10 digits": { taxpayerID: "1234567890" },
    "ssn letters": { taxpayerID: "12a-45-6789" },
    "ssn wrong dashes": { taxpayerID: "12-345-6789" },
    "ssn spaces": { taxpayerID: "123 45 6789" },
    "ssn number type": { taxpayerID: 123456789 },
    "ssn empty": { taxpayerID: "" },
    "month 13": { birthMonth: 13 },
    "month 0": { birthMonth: 0 },
    "day 0": { birthDay: 0 },
    "day 32": { birthDay: 32 },
    "Apr 31": { birthMonth: 4, birthDay: 31 },
    "Feb 29 non-leap": { birthMonth: 2, birthDay: 29, birthYear: 1989 },
    "Feb 29 1900": { birthMonth: 2, birthDay: 29, birthYear: 1900 },
    "Feb 30": { birthMonth: 2, birthDay: 30 },
    "fractional day": { birthDay: 1.5 },
    "NaN year": { birthYear: NaN },
    "future year": { birthYear: new Date().getUTCFullYear() + 1 },
    "year before 1900": { birthYear: 1899 },
    "negative month": { birthMonth: -1 },
    "name over 100 chars": { firstname: "A".repeat(101) },
  };
  for (const [name, over] of Object.entries(bad)) {
    test(name, async () => {
      const p = person(over);
      for (const k of Object.keys(over)) if (over[k] === undefined) delete p[k];
      const e = throwsSync(() => g.verifyIdentityRequest(p), { code: "INVALID_ARGUMENT", api: "goldstar", status: undefined, retryable: false });
      assert.ok(typeof e.field === "string" && e.field.length > 0, "names a field");
      const f = fakeFetch(() => json({ Id: "1", Key: "id.success", Message: "Pass" }));
      const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
      await rejects(gg.verifyIdentity(p), { code: "INVALID_ARGUMENT" });
      assert.equal(f.calls.length, 0, "nothing sent");
    });
  }
  test("field is named for state / zip / taxpayerID / birth date", () => {
    assert.match(throwsSync(() => g.verifyIdentityRequest(person({ state: "XX" }))).field, /state/);
    assert.match(throwsSync(() => g.verifyIdentityRequest(person({ zip: "1" }))).field, /zip/);
    assert.match(throwsSync(() => g.verifyIdentityRequest(person({ taxpayerID: "666-12-3456" }))).field, /taxpayerID/);
    assert.match(throwsSync(() => g.verifyIdentityRequest(person({ birthMonth: 2, birthDay: 30 }))).field, /birth/i);
  });
  const goodStates = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW", "AA", "AE", "AP"];
  test("every USPS state / DC / territory / FAS / military code accepted (any case)", async () => {
    for (const s of goodStates) {
      assert.equal((await body(g.verifyIdentityRequest(person({ state: s })))).state, s);
      assert.equal((await body(g.verifyIdentityRequest(person({ state: s.toLowerCase() })))).state, s);
    }
  });
  test("valid edge dates accepted: Feb 29 leap, Feb 29 2000, today", async () => {
    const now = new Date();
    // use the earliest time zone's notion of "today" being possibly behind; pick yesterday UTC to be safe
    const y = new Date(now.getTime() - 36 * 3600e3);
    const dates = [[2, 29, 1988], [2, 29, 2000], [12, 31, 1900], [y.getUTCMonth() + 1, y.getUTCDate(), y.getUTCFullYear()]];
    for (const [birthMonth, birthDay, birthYear] of dates) {
      const b = await body(g.verifyIdentityRequest(person({ birthMonth, birthDay, birthYear })));
      assert.deepEqual([b.birthMonth, b.birthDay, b.birthYear], [birthMonth, birthDay, birthYear]);
    }
  });
  test("a date well in the future (next month, this year or next) refused", () => {
    const t = new Date(Date.now() + 40 * 86400e3);
    throwsSync(() => g.verifyIdentityRequest(person({ birthMonth: t.getUTCMonth() + 1, birthDay: t.getUTCDate(), birthYear: t.getUTCFullYear() })), { code: "INVALID_ARGUMENT" });
  });
  test("valid SSN edge values: area 665, 667, 899; group 01; serial 0001", async () => {
    for (const s of ["665-01-0001", "667-01-0001", "899-99-9999", "001-01-0001", "123-01-0001"]) {
      assert.equal((await body(g.verifyIdentityRequest(person({ taxpayerID: s })))).taxpayerID, s.replaceAll("-", ""));
    }
  });
  test("validation errors never contain the rejected value", () => {
    const cases = [
      [{ taxpayerID: "666-12-3456" }, ["666-12-3456", "666123456"]],
      [{ taxpayerID: "123-45-0000" }, ["123-45-0000", "123450000"]],
      [{ birthMonth: 2, birthDay: 30, birthYear: 1987 }, ["1987"]],
      [{ firstname: "Zebulon\u0001" }, ["Zebulon"]],
      [{ lastname: "Quixotica\n" }, ["Quixotica"]],
      [{ zip: "98765-43" }, ["98765"]],
      [{ state: "QQ" }, ["QQ"]],
      [{ address: "77 Sunset Strip\u0002" }, ["Sunset"]],
    ];
    for (const [over, secrets] of cases) {
      const e = throwsSync(() => g.verifyIdentityRequest(person(over)), { code: "INVALID_ARGUMENT" });
      assertNoLeak(e, [...secrets, GK]);
    }
  });
  test("person not an object refused", () => {
    for (const v of [undefined, null, "x", 5]) throwsSync(() => g.verifyIdentityRequest(v), { code: "INVALID_ARGUMENT" });
  });
});

describe("verifyAnswers questions check", () => {
  const Q = [
    { prompt: "What type of residence?", type: "residence.type", choices: ["Single Family Residence", "Townhome", "Apartment", "None of the above", "Skip Question"] },
    { prompt: "In which city?", type: "city.of.residence", choices: ["PAULDING", "THORNTON", "ATLANTA", "None of the above", "Skip Question"] },
  ];
  const ok = [{ type: "residence.type", text: "Townhome" }, { type: "city.of.residence", text: "ATLANTA" }];
  const okResp = () => json({ Id: "2", Key: "result.questions.0.incorrect", Message: "All answers correct", Summary: "pass", Qualifiers: [] });
  test("every question answered once with a choice: sent", async () => {
    const f = fakeFetch(okResp);
    const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
    const o = await gg.verifyAnswers("1199927326", ok, Q);
    assert.equal(o.status, "passed");
    assert.equal(f.calls.length, 1);
    assert.deepEqual(JSON.parse(f.calls[0].body), { id: "1199927326", answers: ok });
  });
  test("answers in another order are fine", async () => {
    const answers = [...ok].reverse();
    assert.deepEqual(await body(g.verifyAnswersRequest("1", answers, Q)), { id: "1", answers });
  });
  const badSets = {
    "a question unanswered": [ok[0]],
    "a question answered twice": [...ok, { type: "city.of.residence", text: "PAULDING" }],
    "same answer twice": [...ok, ok[1]],
    "text not a choice": [ok[0], { type: "city.of.residence", text: "BOSTON" }],
    "text differs in case": [ok[0], { type: "city.of.residence", text: "atlanta" }],
    "choice of another question": [ok[0], { type: "city.of.residence", text: "Townhome" }],
    "no answers": [],
  };
  for (const [name, answers] of Object.entries(badSets)) {
    test(`refused before sending: ${name}`, async () => {
      const f = fakeFetch(okResp);
      const gg = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: f });
      await rejects(gg.verifyAnswers("1199927326", answers, Q), { code: "INVALID_ARGUMENT", api: "goldstar" });
      assert.equal(f.calls.length, 0);
      throwsSync(() => g.verifyAnswersRequest("1199927326", answers, Q), { code: "INVALID_ARGUMENT" });
    });
  }
  test("an answer for a type no question has is refused when questions given", () => {
    throwsSync(() => g.verifyAnswersRequest("1199927326", [...ok, { type: "ssn.issued.in", text: "GA" }], Q), { code: "INVALID_ARGUMENT" });
  });
  test("questions check error does not echo the answer text", () => {
    const e = throwsSync(() => g.verifyAnswersRequest("1", [ok[0], { type: "city.of.residence", text: "SECRETTOWNXYZ" }], Q), { code: "INVALID_ARGUMENT" });
    assertNoLeak(e, ["SECRETTOWNXYZ"]);
  });
  test("without questions no choice check is made", async () => {
    const answers = [{ type: "whatever", text: "BOSTON" }];
    assert.deepEqual(await body(g.verifyAnswersRequest("1", answers)), { id: "1", answers });
  });
  test("the VerifyOutcome's questions can be passed straight back", async () => {
    const soft = { Id: "1199927326", Key: "id.failure", Message: "FAIL", Qualifiers: [], Questions: Q.map((q) => ({ Prompt: q.prompt, Type: q.type, Choices: q.choices.map((t) => ({ Text: t })) })) };
    const o = await g.parseVerifyIdentity(json(soft));
    assert.equal(o.status, "questions");
    g.verifyAnswersRequest(o.id, ok, o.questions);
    throwsSync(() => g.verifyAnswersRequest(o.id, [ok[0]], o.questions), { code: "INVALID_ARGUMENT" });
  });
  test("bad id / answers shapes refused", () => {
    throwsSync(() => g.verifyAnswersRequest("", ok), { code: "INVALID_ARGUMENT" });
    throwsSync(() => g.verifyAnswersRequest("1", "nope"), { code: "INVALID_ARGUMENT" });
    throwsSync(() => g.verifyAnswersRequest("1", [{ type: "x" }]), { code: "INVALID_ARGUMENT" });
  });
});

describe("state: only USPS codes", () => {
  test("UM (ANSI code for U.S. Minor Outlying Islands, no USPS code) refused", () => {
    throwsSync(() => g.verifyIdentityRequest(person({ state: "UM" })), { code: "INVALID_ARGUMENT", field: "state" });
  });
  test("obsolete / non-US codes refused: CZ, TT, CM, ON, BC, XX", () => {
    for (const s of ["CZ", "TT", "CM", "ON", "BC", "XX"]) throwsSync(() => g.verifyIdentityRequest(person({ state: s })), { code: "INVALID_ARGUMENT" });
  });
});
