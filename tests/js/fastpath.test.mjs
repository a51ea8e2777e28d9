// The fast path (validation on the bytes in wasm, which records where each
// value is; build.js then builds the object from slices of the decoded body:
// src/scan.rs, src/bindings/build.js) must return exactly what the full
// validator returns, key order included. A body with an escaped unknown
// key (`"\u0078_slow": 1`) is refused by the fast path and means the same to the
// full validator, so each body is parsed both ways and the results compared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, GoldstarClient, IdvError, Sandbox } from "../../pkg/node.js";

const caisson = new CaissonClient({ apiKey: "k" });
const goldstar = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
const JSON_CT = { "content-type": "application/json; charset=utf-8" };

const slow = (body) => {
  const bom = body.startsWith("\uFEFF") ? "\uFEFF" : "";
  const rest = body.slice(bom.length);
  const at = rest.indexOf("{") + 1;
  return bom + rest.slice(0, at) + '"\\u0078_slow": 1,' + rest.slice(at);
};

// Which path ran: the fast path decodes the body in build.js's buildIdCheck /
// buildOutcome (inlined into the glue by scripts/build-pkg.mjs); nothing
// else in the package decodes with TextDecoder.prototype.decode on the way.
const decode = TextDecoder.prototype.decode;
let callers = [];
TextDecoder.prototype.decode = function (...args) {
  callers.push(/\bbuild(IdCheck|Outcome)\b/.test(new Error().stack) ? "fast" : "other");
  return decode.apply(this, args);
};
async function run(parse, body, status) {
  callers = [];
  const result = await parse(new Response(body, { status, headers: JSON_CT }));
  return [result, callers.includes("fast")];
}

async function both(parse, body, status = 200) {
  const [fast, wasFast] = await run(parse, body, status);
  const [full, fullWasFast] = await run(parse, slow(body), status);
  assert.ok(wasFast, `the fast path did not take ${body}`);
  assert.ok(!fullWasFast, "the escaped key should send the body to the full validator");
  assert.deepStrictEqual(fast, full, body);
  assert.equal(JSON.stringify(fast), JSON.stringify(full), body);
  return fast;
}

const person = (ssn) => ({
  firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA",
  zip: "30318", taxpayerID: ssn, birthMonth: 6, birthDay: 30, birthYear: 1989,
});

test("Caisson results from every Sandbox preset: fast and full paths agree", async () => {
  const sandbox = new Sandbox({ caissonApiKey: "k", now: "2026-06-01T12:00:00Z" });
  const presets = ["clean_pass", "blurry_selfie", "face_not_found", "expired_licence", "name_mismatch", "dob_mismatch", "barcode_unreadable"];
  for (const preset of presets) {
    const { check_exchange_token } = sandbox.createIdCheck({ customerId: "u", preset, ...(preset === "clean_pass" ? {} : { reasons: [101, 150, 201, 299, 308, 399, 402, 499, 999, 100], document: "low" }) });
    const x = await sandbox.fetch("https://api.caisson.com/v1/idcheck/exchangetoken", {
      method: "POST", headers: { Authorization: "Caisson k", "Content-Type": "application/json" },
      body: JSON.stringify({ check_exchange_token }),
    });
    const { check_id } = await x.json();
    const r = await sandbox.fetch("https://api.caisson.com/v1/idcheck?fields=sex,dob,address,expires_on", {
      headers: { Authorization: "Caisson k", "X-Caisson-CheckId": check_id },
    });
    const body = await r.text();
    const result = await both((res) => caisson.parseIdCheck(res), body);
    assert.equal(result.customer_id, "u");
  }
});

test("Caisson bodies with nulls, missing optionals, escapes and extra members", async () => {
  const base = {
    check_id: "chk_priv_1", customer_id: "c", checked_on: "2019-07-19T15:00:42.274684-04:00",
    confidence: { document: "medium", face: "high", reasons: [{ code: 101, description: "Name mismatch", extra: [1, { a: null }] }] },
    info: { first_name: "Zoë \"Q\"", last_name: "O'Brien\n", sex: "F", dob: "1989-06-30T00:00:00Z", expires_on: null, address: { street: "1\u00a0Main", city: "NY", state: "NY", zip: "10001", x: 1 } },
  };
  const variants = [
    base,
    { ...base, error: null, unknown: { deep: [[[]]] } },
    { ...base, confidence: { document: "high", face: "high" } },
    { ...base, confidence: { document: "low", face: "low", reasons: null } },
    { ...base, info: { first_name: "", last_name: "" } },
    { ...base, info: { ...base.info, sex: null, dob: null, address: null } },
    { ...base, info: { ...base.info, first_name: "😀 \u2028 \\ / \t" } },
    // dob and expires_on as the doc writes them (ISO dates), kept as sent.
    { ...base, info: { ...base.info, dob: "1989-06-30", expires_on: "2031-06-24" } },
  ];
  for (const v of variants) await both((res) => caisson.parseIdCheck(res), JSON.stringify(v, null, v === base ? 2 : 0));
  const dated = await caisson.parseIdCheck(new Response(JSON.stringify(variants.at(-1)), { headers: JSON_CT }));
  assert.deepEqual([dated.info.dob, dated.info.expires_on], ["1989-06-30", "2031-06-24"]);
  // Escapes written by hand (\u sequences, a surrogate pair, \/), raw characters of every UTF-8 length.
  await both((res) => caisson.parseIdCheck(res), `{"check_id":"chk\\u005f2","customer_id":"c\\/d","checked_on":"2016-12-31T23:59:60Z",
    "confidence":{"document":"high","face":"high","reasons":[]},"info":{"first_name":"\\ud83d\\ude00","last_name":"b","sex":null}}`);
  await both((res) => caisson.parseIdCheck(res), `{"check_id":"chk_priv_9","customer_id":"Ω 😀","checked_on":"2016-12-31T23:59:60Z",
    "confidence":{"face":"medium","document":"high","reasons":[{"description":"€ \\u20ac","code":302},{"code":999,"description":"😀"}]},
    "info":{"address":{"street":"1 Ü St","city":"Köln","state":"NRW","zip":"50667"},"last_name":"Ünïcode","first_name":"Zoë","dob":"1989-06-30T00:00:00Z"}}`);
  // A member name twice, at any depth, is refused on both paths (JSON.parse would keep the last).
  for (const body of [
    `{"check_id":"a","check_id":"chk\\u005f2","customer_id":"c","checked_on":"2016-12-31T23:59:60Z","confidence":{"document":"high","face":"high"},"info":{"first_name":"a","last_name":"b"}}`,
    `{"check_id":"chk_priv_9","customer_id":"c","checked_on":"2016-12-31T23:59:60Z","confidence":{"document":"high","face":"high","reasons":[],"reasons":[{"code":201,"description":"é"}]},"info":{"first_name":"a","last_name":"b"}}`,
    `{"check_id":"chk_priv_9","customer_id":"c","checked_on":"2016-12-31T23:59:60Z","confidence":{"document":"high","face":"high"},"info":{"first_name":"a","last_name":"b","address":null,"address":{"street":"s","city":"c","state":"st","zip":"z"}}}`,
  ]) {
    for (const b of [body, slow(body)]) {
      await assert.rejects(caisson.parseIdCheck(new Response(b, { headers: JSON_CT })), (e) => e instanceof IdvError && e.code === "INVALID_RESPONSE" && /member name twice/.test(e.message));
    }
  }
});

test("Goldstar outcomes from the Sandbox and by hand: fast and full paths agree", async () => {
  const sandbox = new Sandbox({ goldstarApiKey: "k", now: "2026-06-01T12:00:00Z" });
  for (const ssn of ["111-11-1111", "222-22-2222", "333-33-3333", "444-44-4444", "555-55-5555", "123-45-6789"]) {
    const r = await sandbox.fetch("https://qaservices.goldstartrust.com/identification/api/v1/verify-identity", {
      method: "POST", headers: { "X-ApiKey": "k", "Content-Type": "application/json" }, body: JSON.stringify(person(ssn)),
    });
    if (r.status !== 200) continue;
    await both((res) => goldstar.parseVerifyIdentity(res), await r.text());
  }
  const q = (k, m) => (m === undefined ? { Key: k } : { Key: k, Message: m });
  const bodies = [
    { Id: "123", Key: "id.success", Message: "Pass", Qualifiers: [q("resultcode.subject.deceased", "Deceased"), q("SSN.Does.Not.Match", null), q("brand.new")] },
    { Id: "abc", Key: "id.failure", Message: "Fail", Summary: null, Qualifiers: q("idphone.match", "x") },
    { Id: "abc", Key: "id.failure", Message: "Fail", Summary: " PASS ", Qualifiers: null, Questions: null },
    { Id: "1", Key: "id.failure", Message: "soft", Questions: [{ Prompt: "City?", Type: "city", Choices: [{ Text: "A" }, { Text: "B", x: 1 }] }, { Prompt: "", Type: "y", Choices: [{ Text: "Z" }] }] },
    { Id: "1", Key: "result.questions.0.incorrect", Message: "", Summary: "fail", Questions: [] },
  ];
  for (const b of bodies) {
    await both((res) => goldstar.parseVerifyIdentity(res), JSON.stringify(b));
    await both((res) => goldstar.parseVerifyAnswers(res), JSON.stringify(b), 201);
  }
  // Raw characters of every UTF-8 length before and inside values, escapes in list items.
  const unicode = `{"Id":"1","Key":"id.failure","Message":"Fail \\u00e9",
    "x":"é€😀","Qualifiers":[{"Key":"old","Message":"😀 \\ud83d\\ude00"},{"Key":"SSN.Does.Not.Match","Message":"Ünïcode €"}],
    "Questions":[{"Prompt":"Wh€re? 😀","Type":"city","Choices":[{"Text":"A\\"B"},{"Text":"Ö"}]},
    {"Type":"y","Choices":[{"Text":"😀"}],"Prompt":"second"}],"Summary":null}`;
  await both((res) => goldstar.parseVerifyIdentity(res), unicode);
  // A member name twice, at any depth, is refused on both paths (JSON.parse would keep the last).
  for (const [from, to] of [
    ['"Summary":null', '"Summary":"pass","Summary":null'],
    ['"Qualifiers":[', '"Qualifiers":null,"Qualifiers":['],
    ['{"Text":"Ö"}', '{"Text":"Ø","Text":"Ö"}'],
    ['"Prompt":"second"', '"Prompt":"","Prompt":"second"'],
  ]) {
    const body = unicode.replace(from, to);
    assert.notEqual(body, unicode);
    for (const b of [body, slow(body)]) {
      await assert.rejects(goldstar.parseVerifyIdentity(new Response(b, { headers: JSON_CT })), (e) => e instanceof IdvError && e.code === "INVALID_RESPONSE" && /member name twice/.test(e.message));
    }
  }
  // A UTF-8 byte-order mark is ignored on both paths.
  await both((res) => goldstar.parseVerifyIdentity(res), "\uFEFF" + JSON.stringify(bodies[0]));
});

test("bodies the fast path refuses still get the full validator's errors", async () => {
  const cases = [
    ['{"check_id": 5}', "INVALID_RESPONSE"],
    ['{"check_id":"a","error":"NOT_VERIFIED"}', "NOT_VERIFIED"],
    ['{"check_id":"a",}', "INVALID_RESPONSE"],
  ];
  for (const [body, code] of cases) {
    await assert.rejects(caisson.parseIdCheck(new Response(body, { headers: JSON_CT })), (e) => e instanceof IdvError && e.code === code);
  }
  await assert.rejects(
    goldstar.parseVerifyIdentity(new Response('{"Id":"1","Key":"id.error","Message":"No first name"}', { headers: JSON_CT })),
    (e) => e instanceof IdvError && e.code === "BAD_REQUEST",
  );
  // A numeric Id keeps every digit (the full validator's job).
  const o = await goldstar.parseVerifyIdentity(new Response('{"Id":90071992547409930001,"Key":"id.success","Message":"x"}', { headers: JSON_CT }));
  assert.equal(o.id, "90071992547409930001");
});
