// API.md principle 3, "errors name fields, never values": for every kind of
// failure of both clients (HTTP statuses, bodies echoing the request, bad
// JSON, wrong shapes, network errors, timeouts, validation, the Sandbox), no
// rendering of the error (String, message, stack, JSON, util.inspect, every
// own property, the cause) carries an API key, SSN, birth date, name or
// address; Caisson's description is the one documented exception. Written from
// API.md and the docs alone, without reading the source: a second reading of
// the contract beside tests/js/. All keys, names and SSNs are fake test values.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import util from "node:util";
import { Sandbox, CaissonClient, GoldstarClient, IdvError, assessIdCheck, CK, GK, DOMAIN, json, fakeFetch, person, RESULT, clone } from "./h.mjs";

const FIRST = "Xanthippe", LAST = "Quarrington", SSN = "555-01-0101", SSN9 = "555010101", ADDR = "4417 Wysteria Lane", CITY = "Pelhamford";
const P = person({ firstname: FIRST, lastname: LAST, taxpayerID: SSN, address: ADDR, city: CITY, birthMonth: 7, birthDay: 23, birthYear: 1977 });
const SECRETS = [CK, GK, FIRST, LAST, SSN, SSN9, ADDR, CITY, "1977-07-23", "07/23/1977", "1977"];

function deepText(e, { allowDescription = false } = {}) {
  const parts = [String(e), e.message, String(e.stack), JSON.stringify(e), util.inspect(e, { showHidden: true, depth: Infinity })];
  for (const k of Object.getOwnPropertyNames(e)) {
    if (k === "description" && allowDescription) continue;
    try { parts.push(k + "=" + util.inspect(e[k], { showHidden: true, depth: Infinity })); } catch {}
  }
  if (!allowDescription && e.description !== undefined) parts.push(String(e.description));
  if (e.cause) parts.push(deepText(e.cause));
  let out = parts.join("\n");
  if (allowDescription && typeof e.description === "string" && e.description) out = out.split(e.description).join("<description>");
  return out;
}
async function catchIt(fn) { try { await fn(); } catch (e) { return e; } assert.fail("no error"); }
function noLeak(e, secrets = SECRETS, opts) {
  assert.ok(e instanceof IdvError, `not an IdvError: ${e}`);
  const t = deepText(e, opts);
  for (const s of secrets) assert.ok(!t.includes(s), `leaks ${JSON.stringify(s)} (${e.code}): ${t.slice(0, 300)}`);
}

describe("Goldstar errors never carry key, SSN, birth date or names", () => {
  // Default timeoutMs (10 s) except for the timeout case, so a slow machine can
  // never turn an echoing response into a TIMEOUT that skips the path under test.
  const mk = (responder, opts = {}) => new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: fakeFetch(responder), maxRetries: 0, ...opts });
  const echo = `${FIRST} ${LAST} ${SSN} ${SSN9} 1977-07-23 ${ADDR} ${CITY} ${GK}`;
  // [responder, the code the failure must have, client options]
  const cases = {
    "401": [() => json({ Message: `Denied for key ${GK}` }, 401), "UNAUTHORIZED"],
    "400 ModelState echo": [() => json({ Message: `bad ${echo}`, ModelState: { "person.firstname": [`The value '${FIRST}' is invalid.`], "person.taxpayerID": [`'${SSN}' bad`] } }, 400), "BAD_REQUEST"],
    "422 ModelState echo": [() => json({ Message: "The request is invalid.", ModelState: { "person.birthYear": [`1977 bad`], "person.lastname": [`${LAST}`] } }, 422), "UNPROCESSABLE"],
    "404": [() => json({ Message: echo }, 404), "NOT_FOUND"],
    "409": [() => json({ Message: echo }, 409), "BAD_REQUEST"],
    "429": [() => json({ Message: echo }, 429), "RATE_LIMITED"],
    "500": [() => json({ Message: echo, ExceptionMessage: echo, StackTrace: echo }, 500), "SERVER_ERROR"],
    "id.error echo": [() => json({ Id: "1199927326", Key: "id.error", Message: `No SSN ${SSN} for ${FIRST}` }), "BAD_REQUEST"],
    "bad JSON echo": [() => new Response(`{"Id": "1", "Key": "id.success", "Message": "${FIRST} ${SSN}" ,,}`, { status: 200 }), "INVALID_RESPONSE"],
    "wrong shape echo": [() => json({ Id: "1", Key: 5, Message: `${FIRST} ${LAST} ${SSN}` }), "INVALID_RESPONSE"],
    "html echo": [() => new Response(`<html>${echo}</html>`, { status: 502 }), "SERVER_ERROR"],
    "network echo": [() => { throw new TypeError(`failed ${echo}`); }, "NETWORK"],
    // A fetch that never answers: the 50 ms timeout firing at all is the behaviour here.
    "timeout": [(req) => new Promise((res, rej) => req.signal.addEventListener("abort", () => rej(new Error(`aborted ${echo}`)))), "TIMEOUT", { timeoutMs: 50 }],
  };
  for (const [name, [responder, code, opts]] of Object.entries(cases)) {
    test(`verifyIdentity ${name}`, async () => {
      const e = await catchIt(() => mk(responder, opts).verifyIdentity(P));
      noLeak(e);
      assert.equal(e.code, code);
    });
  }
  test("validation failures of the person", async () => {
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    const bads = [
      { taxpayerID: "666-01-0101" }, { taxpayerID: "555-00-0101" }, { birthMonth: 2, birthDay: 30 }, { birthYear: 2999 },
      { firstname: FIRST + "\u0001" }, { lastname: LAST + "\n" }, { address: ADDR + "\u0000" }, { city: CITY + "\u001b" },
      { state: "Q" + "Z" }, { zip: "9" }, { firstname: FIRST.repeat(20) },
    ];
    for (const over of bads) {
      const e = await catchIt(() => g.verifyIdentity({ ...P, ...over }));
      assert.equal(e.code, "INVALID_ARGUMENT");
      noLeak(e, [...SECRETS, "666-01-0101", "666010101", "555-00-0101", "2999", "QZ"]);
      const e2 = await catchIt(() => g.verifyIdentityRequest({ ...P, ...over }));
      noLeak(e2, [...SECRETS, "666-01-0101", "555-00-0101", "2999"]);
    }
  });
  test("answers check failure does not echo answers or prompts", async () => {
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    const Q = [{ prompt: `What type of residence is ${ADDR}?`, type: "residence.type", choices: ["Townhome", "None of the above"] }];
    const e = await catchIt(() => g.verifyAnswers("1199927326", [{ type: "residence.type", text: `${FIRST} ${LAST}` }], Q));
    noLeak(e);
  });
  test("sandbox 401 / 422 / hard paths", async () => {
    const sb = new Sandbox({ goldstarApiKey: "gs_right_key_value", now: Date.parse("2024-01-01T00:00:00Z") });
    const bad = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: sb.fetch });
    noLeak(await catchIt(() => bad.verifyIdentity(P)));
    noLeak(await catchIt(() => bad.ping()));
    const ok = new GoldstarClient({ apiKey: "gs_right_key_value", domain: DOMAIN, fetch: sb.fetch, maxRetries: 0 });
    noLeak(await catchIt(() => ok.verifyIdentity({ ...P, taxpayerID: "555-01-0901" })), [...SECRETS, "gs_right_key_value"]);
    noLeak(await catchIt(() => ok.verifyIdentity({ ...P, taxpayerID: "555-01-0902" })), [...SECRETS, "gs_right_key_value"]);
  });
  test("a VerifyOutcome never carries the key", async () => {
    const sb = new Sandbox({ now: Date.parse("2024-01-01T00:00:00Z") });
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: sb.fetch });
    const o = await g.verifyIdentity({ ...P, taxpayerID: "555-01-0201" });
    assert.ok(!util.inspect(o, { depth: Infinity, showHidden: true }).includes(GK));
  });
});

describe("Caisson errors never carry the key or result values", () => {
  const mk = (responder) => new CaissonClient({ apiKey: CK, fetch: fakeFetch(responder), maxRetries: 0 });
  const r = clone(RESULT); r.info.first_name = FIRST; r.info.last_name = LAST; r.info.dob = "1977-07-23T00:00:00Z";
  // [responder, the code the failure must have]
  const cases = {
    "401 echo": [() => json({ error: "INVALID_INPUT", error_description: `bad key ${CK}` }, 401), "UNAUTHORIZED"],
    "bad confidence with names": [() => { const b = clone(r); b.confidence.document = "superb"; return json(b); }, "INVALID_RESPONSE"],
    "bad dob with names": [() => { const b = clone(r); b.info.dob = `${FIRST}`; return json(b); }, "INVALID_RESPONSE"],
    "bad JSON with names": [() => new Response(JSON.stringify(r).replace("}", ",,}"), { status: 200 }), "INVALID_RESPONSE"],
    "missing check_id with names": [() => { const b = clone(r); delete b.check_id; return json(b); }, "INVALID_RESPONSE"],
    "html 502": [() => new Response(`<p>${FIRST} ${LAST} ${CK}</p>`, { status: 502 }), "SERVER_ERROR"],
    "undocumented code": [() => json({ error: `${FIRST}_CODE`, error_description: "x" }, 400), "BAD_REQUEST"],
    "network": [() => { throw new TypeError(`fail ${CK} ${FIRST}`); }, "NETWORK"],
  };
  for (const [name, [responder, code]] of Object.entries(cases)) {
    test(`getIdCheck ${name}`, async () => {
      const e = await catchIt(() => mk(responder).getIdCheck("chk_priv_abc", { fields: ["dob"] }));
      noLeak(e, [CK, FIRST, LAST, "1977-07-23", `${FIRST}_CODE`], { allowDescription: name === "undocumented code" || name === "401 echo" });
      assert.equal(e.code, code);
    });
  }
  test("documented code: description only on .description, never in message/JSON/String", async () => {
    const e = await catchIt(() => mk(() => json({ error: "IDCHECK_DELETED", error_description: `deleted for ${FIRST}` }, 404)).getIdCheck("chk_priv_abc"));
    assert.equal(e.description, `deleted for ${FIRST}`);
    const t = [String(e), e.message, e.stack, JSON.stringify(e), util.inspect(e)].join("\n");
    assert.ok(!t.includes(FIRST), t);
  });
  test("invalid token / check id arguments not echoed", async () => {
    // Every value here is invalid for the method it is given to (swapped
    // prefix, a space, a "!"), so nothing may be sent: the fake fetch proves it.
    const f = fakeFetch(() => { throw new TypeError("must not be called"); });
    const c = new CaissonClient({ apiKey: CK, fetch: f, maxRetries: 0 });
    for (const v of [`chk_xchg_${FIRST}`, `${FIRST} ${LAST}`, `chk_priv_${FIRST}!`]) {
      const e = await catchIt(() => c.getIdCheck(v));
      noLeak(e, [CK, FIRST]);
      assert.equal(e.code, "INVALID_ARGUMENT", v);
    }
    for (const v of [`chk_priv_${FIRST}`, `${FIRST} ${LAST}`, `chk_xchg_${FIRST}!`]) {
      const e = await catchIt(() => c.exchangeToken(v));
      noLeak(e, [CK, FIRST]);
      assert.equal(e.code, "INVALID_ARGUMENT", v);
    }
    assert.equal(f.calls.length, 0, "nothing sent");
  });
  test("assessIdCheck findings never carry values", () => {
    const b = clone(r); b.confidence.document = "low"; b.confidence.reasons = []; b.info.expires_on = "2001-01-01T00:00:00Z";
    const a = assessIdCheck(b, { expectedCustomerId: `${FIRST}-id`, maxAgeSeconds: 1 });
    const t = JSON.stringify(a);
    for (const s of [FIRST, LAST, "1977", "2001-01-01", RESULT.customer_id, RESULT.check_id]) assert.ok(!t.includes(s), s);
  });
  test("requests built carry the key only in the auth header", async () => {
    const c = new CaissonClient({ apiKey: CK });
    const req = c.exchangeTokenRequest("chk_xchg_abc");
    assert.ok(!req.url.includes(CK));
    assert.ok(!(await req.text()).includes(CK));
    const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
    const gr = g.verifyIdentityRequest(P);
    assert.ok(!gr.url.includes(GK));
    assert.ok(!(await gr.text()).includes(GK));
    assert.ok(!gr.url.includes(SSN9));
  });
});
