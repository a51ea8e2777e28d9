// A client or Sandbox after free(): every call is an IdvError (a rejected
// promise from the methods that return one), never wasm-bindgen's "null
// pointer passed to rust" thrown through the wasm, which left the wasm's
// stack pointer behind each time until the instance trapped for every later
// call. A second free() does nothing; a `this` that is not ours is refused
// the same way.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as main from "../../pkg/node.js";
import * as caissonOnly from "../../pkg/caisson-node.js";
import * as goldstarOnly from "../../pkg/goldstar-node.js";
import * as sandboxOnly from "../../pkg/sandbox-node.js";

const { CaissonClient, GoldstarClient, Sandbox, IdvError } = main;
const PERSON = { firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
  taxpayerID: "111-11-1111", birthMonth: 1, birthDay: 2, birthYear: 1980 };
const res = () => new Response("{}", { headers: { "content-type": "application/json" } });

function refused(e, api) {
  assert.ok(e instanceof IdvError, `not an IdvError: ${e}`);
  assert.deepEqual([e.code, e.api, e.retryable], ["INVALID_ARGUMENT", api, false]);
  assert.match(e.message, /free\(\) was called/);
}

/** Every member, called on `obj`: [name, () => result, async?]. */
const caissonCalls = (c) => [
  ["exchangeTokenRequest", () => c.exchangeTokenRequest("chk_xchg_a"), false],
  ["getIdCheckRequest", () => c.getIdCheckRequest("chk_priv_a"), false],
  ["exchangeToken", () => c.exchangeToken("chk_xchg_a"), true],
  ["getIdCheck", () => c.getIdCheck("chk_priv_a"), true],
  ["parseExchangeToken", () => c.parseExchangeToken(res()), true],
  ["parseIdCheck", () => c.parseIdCheck(res()), true],
];
const goldstarCalls = (g) => [
  ["pingRequest", () => g.pingRequest(), false],
  ["verifyIdentityRequest", () => g.verifyIdentityRequest(PERSON), false],
  ["verifyAnswersRequest", () => g.verifyAnswersRequest("1", [{ type: "t", text: "x" }]), false],
  ["ping", () => g.ping(), true],
  ["verifyIdentity", () => g.verifyIdentity(PERSON), true],
  ["verifyAnswers", () => g.verifyAnswers("1", [{ type: "t", text: "x" }]), true],
  ["parsePing", () => g.parsePing(res()), true],
  ["parseVerifyIdentity", () => g.parseVerifyIdentity(res()), true],
  ["parseVerifyAnswers", () => g.parseVerifyAnswers(res()), true],
];
const sandboxCalls = (s) => [
  ["createIdCheck", () => s.createIdCheck({ customerId: "u" }), false],
  ["advanceTime", () => s.advanceTime(1000), false],
  ["now", () => s.now, false],
  ["fetch", () => s.fetch, false],
];

async function expectRefused(calls, api) {
  for (const [name, call, isAsync] of calls) {
    if (isAsync) {
      let p;
      assert.doesNotThrow(() => { p = call(); }, `${name} threw synchronously`);
      assert.ok(p instanceof Promise, name);
      await p.then(() => assert.fail(`${name} resolved`), (e) => refused(e, api));
    } else {
      assert.throws(call, (e) => (refused(e, api), true), name);
    }
  }
}

test("every method of a freed client or Sandbox is an IdvError, async ones as a rejected promise", async () => {
  const c = new CaissonClient({ apiKey: "k" });
  c.free();
  await expectRefused(caissonCalls(c), "caisson");
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  g.free();
  await expectRefused(goldstarCalls(g), "goldstar");
  const s = new Sandbox();
  s.free();
  await expectRefused(sandboxCalls(s), "caisson");
});

test("free() twice, and Symbol.dispose after free(), do nothing", () => {
  for (const o of [new CaissonClient({ apiKey: "k" }), new GoldstarClient({ apiKey: "k", domain: "x.example.com" }), new Sandbox()]) {
    o.free();
    assert.equal(o.free(), undefined);
    if (Symbol.dispose) assert.equal(o[Symbol.dispose](), undefined);
  }
});

test("30,000 calls on freed objects leave the instance healthy", async () => {
  const c = new CaissonClient({ apiKey: "ck" });
  const g = new GoldstarClient({ apiKey: "gk", domain: "qaservices.goldstartrust.com" });
  const s = new Sandbox();
  c.free(); g.free(); s.free();
  for (let i = 0; i < 10_000; i++) {
    try { c.getIdCheckRequest("chk_priv_a"); } catch {}
    c.getIdCheck("chk_priv_a").catch(() => {});
    try { s.createIdCheck({ customerId: "u" }); } catch {}
  }
  for (let i = 0; i < 3_000; i++) g.ping().catch(() => {});
  // A whole flow on new objects still works.
  const sandbox = new Sandbox({ caissonApiKey: "ck", goldstarApiKey: "gk" });
  const caisson = new CaissonClient({ apiKey: "ck", fetch: sandbox.fetch });
  const { check_id } = await caisson.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token);
  assert.equal((await caisson.getIdCheck(check_id)).customer_id, "u");
  const goldstar = new GoldstarClient({ apiKey: "gk", domain: "qaservices.goldstartrust.com", fetch: sandbox.fetch });
  assert.equal((await goldstar.verifyIdentity(PERSON)).status, "passed");
});

test("a detached method or another class's object as `this` is refused the same way", async () => {
  const c = new CaissonClient({ apiKey: "k" });
  const g = new GoldstarClient({ apiKey: "k", domain: "x.example.com" });
  const { getIdCheckRequest, getIdCheck } = c;
  assert.throws(() => getIdCheckRequest("chk_priv_a"), (e) => (refused(e, "caisson"), true));
  await getIdCheck("chk_priv_a").then(() => assert.fail(), (e) => refused(e, "caisson"));
  assert.throws(() => CaissonClient.prototype.getIdCheckRequest.call(g, "chk_priv_a"), (e) => (refused(e, "caisson"), true));
  const forged = Object.assign(Object.create(GoldstarClient.prototype), { __wbg_ptr: 8 });
  assert.throws(() => forged.pingRequest(), (e) => (refused(e, "goldstar"), true));
  // The real objects are untouched.
  assert.equal(c.getIdCheckRequest("chk_priv_a").headers.get("X-Caisson-CheckID"), "chk_priv_a");
  assert.equal(new URL(g.pingRequest().url).pathname, "/identification/api/v1/ops/ping");
});

test("the single-API and Sandbox-only entries guard their classes too", async () => {
  const c = new caissonOnly.CaissonClient({ apiKey: "k" });
  c.free();
  await expectRefused(caissonCalls(c), "caisson");
  const g = new goldstarOnly.GoldstarClient({ apiKey: "k", domain: "x.example.com" });
  g.free();
  await expectRefused(goldstarCalls(g), "goldstar");
  const s = new sandboxOnly.Sandbox();
  s.free();
  await expectRefused(sandboxCalls(s), "caisson");
});

test("a Sandbox's fetch kept after free() still answers", async () => {
  const s = new Sandbox({ goldstarApiKey: "gk" });
  const fetch = s.fetch;
  s.free();
  const r = await fetch("https://qaservices.goldstartrust.com/identification/api/v1/ops/ping", { method: "POST", headers: { "X-ApiKey": "gk" } });
  assert.equal(r.status, 200);
});

test("free() from inside a method (an argument's getter) waits for the method, then frees: no plain Error, no leak", async () => {
  const c = new CaissonClient({ apiKey: "k" });
  const req = c.getIdCheckRequest("chk_priv_a", { get fields() { c.free(); return ["dob"]; } });
  assert.ok(req instanceof Request, "the method that was running completes");
  assert.match(new URL(req.url).search, /fields=dob/);
  await expectRefused(caissonCalls(c), "caisson");
  assert.equal(c.free(), undefined);
  const s = new Sandbox();
  const t = s.createIdCheck({ get customerId() { s.free(); return "u"; } });
  assert.match(t.check_exchange_token, /^chk_xchg_/);
  await expectRefused(sandboxCalls(s), "caisson");
  // Many times over: the instance keeps working.
  for (let i = 0; i < 2000; i++) {
    const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
    g.verifyIdentityRequest({ ...PERSON, get firstname() { g.free(); return "Jamie"; } });
  }
  assert.ok(new CaissonClient({ apiKey: "k" }).getIdCheckRequest("chk_priv_b") instanceof Request);
});
