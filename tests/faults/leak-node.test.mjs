// Leak proof at the JavaScript surface (pkg/node.js): random keys, SSNs,
// birth dates and response bodies; no thrown error's message, stack,
// String(), JSON.stringify() or util.inspect() holds any of them.
// Seeded (IDV_LEAK_SEED to replay), so a failure is reproducible.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as lib from "../../pkg/node.js";

const SEED = Number(process.env.IDV_LEAK_SEED ?? 0x1d5eed);
const ROUNDS = Number(process.env.IDV_LEAK_ROUNDS ?? 300);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[int(0, xs.length - 1)];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const VISIBLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join("");
const str = (alphabet, lo, hi) => Array.from({ length: int(lo, hi) }, () => pick(alphabet)).join("");
/** A random marker: long and random enough never to occur in a rule's text by chance. */
const marker = () => "Q" + str(ALNUM, 11, 20);

function forms(e) {
  let json;
  try { json = JSON.stringify(e); } catch { json = ""; }
  return { message: String(e?.message), stack: String(e?.stack), string: String(e), json, inspect: inspect(e, { depth: 5 }) };
}

async function thrown(promiseOrFn) {
  try {
    const p = typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn;
    await p;
  } catch (e) {
    assert.ok(e instanceof lib.IdvError, `not an IdvError: ${e?.name}`);
    return e;
  }
  return null;
}

function assertClean(e, secrets, where) {
  if (!e) return;
  const f = forms(e);
  for (const s of secrets) {
    if (!s) continue;
    for (const [form, text] of Object.entries(f)) {
      assert.ok(!text.includes(s), `${where}: ${form} of ${e.code} holds a secret (seed ${SEED})`);
    }
  }
}

const ssnDigits = () => {
  // Mostly valid SSNs, sometimes never-issued ones (000, 666, 9xx, 00, 0000).
  const area = pick([int(1, 665), int(667, 899), 0, 666, int(900, 999)]);
  const group = pick([int(1, 99), int(1, 99), 0]);
  const serial = pick([int(1, 9999), int(1, 9999), 0]);
  return `${String(area).padStart(3, "0")}${String(group).padStart(2, "0")}${String(serial).padStart(4, "0")}`;
};
const dashed = (d) => `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
const dateForms = (y, m, d) => {
  const mm = String(m).padStart(2, "0"), dd = String(d).padStart(2, "0");
  return [`${y}-${mm}-${dd}`, `${mm}/${dd}/${y}`, `${y}${mm}${dd}`];
};

/** A fetch answering a random status and a body full of `planted`. */
function plantedFetch(planted, op) {
  return async () => {
    const status = pick([200, 200, 201, 204, 400, 401, 404, 409, 422, 429, 500, 502, 503]);
    const p = () => pick(planted);
    const bodies = [
      JSON.stringify({ check_id: p(), error: pick(["INTERNAL_ERROR", "INVALID_INPUT", p(), 7]), error_description: p(), error_message: p() }),
      JSON.stringify({ check_id: p(), customer_id: p(), checked_on: p(), confidence: { document: p(), face: "high", reasons: [{ code: 101, description: p() }] }, info: { first_name: p(), last_name: p(), dob: p() } }),
      JSON.stringify({ Id: p(), Key: pick(["id.error", "id.failure", p()]), Message: p(), Summary: p(), Qualifiers: [{ Key: p(), Message: p() }], Questions: [{ Prompt: p(), Type: p(), Choices: [{ Text: p() }, p()] }] }),
      JSON.stringify({ Message: p(), ModelState: { "person.firstname": [p()], [p() + " x"]: [p()] } }),
      JSON.stringify(p()),
      `<html><body>${p()}</body></html>`,
      `{"check_id": "${p()}", "Key": "${p()}",`,
      `${p()}\u0000${p()}`,
    ];
    const headers = { "Content-Type": pick(["application/json", "text/html", "application/json; charset=utf-8", p()]) };
    if (rand() < 0.3) headers["Retry-After"] = pick(["1", "0", p(), "Wed, 21 Oct 2015 07:28:00 GMT"]);
    if (status === 204) return new Response(null, { status, headers });
    return new Response(pick(bodies), { status, headers });
  };
}

test("random API keys never reach an error (valid keys, and keys the client refuses)", async () => {
  for (let i = 0; i < ROUNDS; i++) {
    const key = marker() + str(VISIBLE, 0, 40);
    const fetch = plantedFetch([marker()], "any");
    const c = new lib.CaissonClient({ apiKey: key, baseUrl: "https://api.caisson.com", fetch, maxRetries: 0 });
    assertClean(await thrown(c.exchangeToken("chk_xchg_" + str(ALNUM, 5, 20))), [key], "caisson key");
    const g = new lib.GoldstarClient({ apiKey: key, domain: "qaservices.goldstartrust.com", fetch, maxRetries: 0 });
    assertClean(await thrown(g.ping()), [key], "goldstar key");
    // Keys that cannot travel in a header: refused, and not echoed.
    const badKey = marker() + pick(["\r\n", "\n", "\u0000", "é", " ", "\u2028", "\t"]) + str(VISIBLE, 0, 10);
    for (const make of [
      () => new lib.CaissonClient({ apiKey: badKey }),
      () => new lib.GoldstarClient({ apiKey: badKey, domain: "qaservices.goldstartrust.com" }),
      () => new lib.CaissonClient({ apiKey: marker().repeat(50) }),
    ]) {
      const e = await thrown(make);
      assert.equal(e?.code, "INVALID_ARGUMENT");
      assertClean(e, [badKey.slice(0, 12)], "refused key");
    }
  }
});

test("random SSNs and birth dates never reach an error, valid or refused", async () => {
  const g = new lib.GoldstarClient({ apiKey: "gs_k", domain: "qaservices.goldstartrust.com", fetch: plantedFetch([marker()]), maxRetries: 0 });
  for (let i = 0; i < ROUNDS; i++) {
    const d = ssnDigits();
    const ssn = rand() < 0.5 ? d : dashed(d);
    const y = int(1890, 2100), m = int(0, 13), day = int(0, 32);
    const person = {
      firstname: marker(), lastname: marker(), address: `${int(1, 999)} ${marker()}`, city: marker(), state: pick(["GA", "ny", "XX"]),
      zip: pick(["30318", "30318-1234", "3031"]), taxpayerID: ssn, birthMonth: m, birthDay: day, birthYear: y,
    };
    const secrets = [d, dashed(d), ...dateForms(y, m, day), person.firstname, person.lastname, person.city];
    assertClean(await thrown(g.verifyIdentity(person)), secrets, "verifyIdentity");
    assertClean(await thrown(() => g.verifyIdentityRequest(person)), secrets, "verifyIdentityRequest");
  }
});

test("random response bodies never reach an error, for every operation", async () => {
  for (let i = 0; i < ROUNDS; i++) {
    const planted = [marker(), marker(), marker()];
    const fetch = plantedFetch(planted);
    const c = new lib.CaissonClient({ apiKey: "sk_k", fetch, maxRetries: 0 });
    const g = new lib.GoldstarClient({ apiKey: "gs_k", domain: "qaservices.goldstartrust.com", fetch, maxRetries: 0 });
    const person = { firstname: "A", lastname: "B", address: "1 C St", city: "D", state: "GA", zip: "30318", taxpayerID: "555-01-0001", birthMonth: 1, birthDay: 2, birthYear: 1980 };
    const calls = [
      () => c.exchangeToken("chk_xchg_abc"),
      () => c.getIdCheck("chk_priv_abc", { fields: ["dob"] }),
      () => g.ping(),
      () => g.verifyIdentity(person),
      () => g.verifyAnswers("123", [{ type: "t", text: "x" }]),
      async () => c.parseIdCheck(await fetch()),
      async () => g.parseVerifyIdentity(await fetch()),
    ];
    for (const call of calls) assertClean(await thrown(call), planted, "body");
  }
});
