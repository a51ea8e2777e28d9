// Hostile JavaScript values at the wasm boundary (an audit's findings, each
// failing before its fix): nothing a caller passes may trap the instance
// (RuntimeError: unreachable kills it for every later call), let a
// JavaScript exception cross the Rust frames (each one leaked; a few
// thousand left the instance corrupt), or hang a call.
import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { CaissonClient, GoldstarClient, IdvError, Sandbox, assessIdCheck, describeGoldstarQualifier, initSync } from "../../pkg/node.js";

const CKEY = "sk_test_caisson_hostile";
const GKEY = "gs_test_goldstar_hostile";
const world = () => {
  const sandbox = new Sandbox({ caissonApiKey: CKEY, goldstarApiKey: GKEY });
  return {
    sandbox,
    caisson: new CaissonClient({ apiKey: CKEY, fetch: sandbox.fetch }),
    goldstar: new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", fetch: sandbox.fetch }),
  };
};
/** A full Caisson exchange and result, and a Goldstar ping: the instance still works. */
async function healthy({ sandbox, caisson, goldstar }) {
  const { check_exchange_token } = sandbox.createIdCheck({ customerId: "u" });
  const { check_id } = await caisson.exchangeToken(check_exchange_token);
  assert.equal((await caisson.getIdCheck(check_id, { fields: ["dob"] })).customer_id, "u");
  assert.equal(typeof (await goldstar.ping()), "string");
}
/** Runs `call` (sync throw or rejection) and answers the IdvError it ended with. */
async function idvError(call) {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof IdvError, `not an IdvError: ${e?.name}: ${e?.message}`);
    return e;
  }
  assert.fail("expected an IdvError");
}

const huge = () => { const a = []; a.length = 2 ** 32 - 1; return a; };
const revoked = () => { const { proxy, revoke } = Proxy.revocable([], {}); revoke(); return proxy; };
const throwingItem = () => { const a = ["dob"]; Object.defineProperty(a, 0, { get() { throw new Error("getter"); } }); return a; };
const throwingLength = () => new Proxy(["dob"], { get(t, k) { if (k === "length") throw new Error("length"); return t[k]; } });
const HOSTILE_LISTS = { huge, revoked, throwingItem, throwingLength };
const PERSON = { firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
  taxpayerID: "555-01-0001", birthMonth: 1, birthDay: 2, birthYear: 1980 };

test("hostile arrays and objects are INVALID_ARGUMENT, never a trap or a foreign exception", async () => {
  const w = world();
  for (const [name, make] of Object.entries(HOSTILE_LISTS)) {
    const cases = [
      [() => w.caisson.getIdCheck("chk_priv_a", { fields: make() }), "fields"],
      [() => w.caisson.getIdCheckRequest("chk_priv_a", { fields: make() }), "fields"],
      [() => w.goldstar.verifyAnswers("1", make()), "answers"],
      [() => w.goldstar.verifyAnswersRequest("1", [{ type: "t", text: "x" }], make()), "questions"],
      [() => w.goldstar.verifyAnswersRequest("1", [{ type: "t", text: "x" }], [{ prompt: "p", type: "t", choices: make() }]), "questions[0].choices"],
      [() => w.sandbox.createIdCheck({ customerId: "u", reasons: make() }), "reasons"],
    ];
    for (const [call, field] of cases) {
      const e = await idvError(call);
      assert.deepEqual([e.code, e.field], ["INVALID_ARGUMENT", field], `${name} as ${field}`);
    }
  }
  const headers = { get "X-A"() { throw new Error("getter"); } };
  for (const defaultHeaders of [headers, revoked(), new Proxy({}, { ownKeys() { throw new Error("keys"); } })]) {
    const e = await idvError(() => new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", defaultHeaders }));
    assert.deepEqual([e.code, e.field], ["INVALID_ARGUMENT", "defaultHeaders"]);
  }
  const proxyDate = new Proxy({}, { getPrototypeOf() { throw new Error("proto"); } });
  const r = { check_id: "chk_priv_a", customer_id: "u", checked_on: "2019-07-19T15:00:42Z", confidence: { document: "high", face: "high" }, info: { first_name: "A", last_name: "B" } };
  assert.equal((await idvError(() => assessIdCheck(r, { now: proxyDate }))).field, "now");
  assert.equal((await idvError(() => new Sandbox({ now: proxyDate }))).field, "now");
  // A Date is known by its internal slot, not by instanceof: one from another
  // realm (vm, an iframe, jsdom) is a Date; a look-alike or a Proxy of a Date is not.
  const foreign = vm.runInNewContext('new Date("2019-07-19T19:10:00Z")');
  assert.equal(foreign instanceof Date, false);
  const withinTheHour = vm.runInNewContext('new Date("2019-07-19T16:00:41Z")');
  assert.equal(assessIdCheck(r, { maxAgeSeconds: 3600, now: foreign }).decision, "decline");
  assert.equal(assessIdCheck(r, { maxAgeSeconds: 3600, now: withinTheHour }).decision, "approve");
  assert.equal(new Sandbox({ now: foreign }).now, Date.parse("2019-07-19T19:10:00Z"));
  for (const fake of [Object.create(Date.prototype), new Proxy(new Date(0), {}), { getTime: () => 0 }]) {
    assert.equal((await idvError(() => assessIdCheck(r, { now: fake }))).field, "now");
    assert.equal((await idvError(() => new Sandbox({ now: fake }))).field, "now");
  }
  // Lists of up to 100 items are still read (the API's own are a handful).
  const many = Array.from({ length: 100 }, (_, i) => ({ type: `t${i}`, text: "x" }));
  assert.equal(w.goldstar.verifyAnswersRequest("1", many).method, "POST");
  const tooMany = [...many, { type: "t100", text: "x" }];
  assert.match((await idvError(() => w.goldstar.verifyAnswersRequest("1", tooMany))).message, /at most 100/);
  await healthy(w);
});

test("thousands of hostile calls leave the instance working", async () => {
  const w = world();
  for (let i = 0; i < 5000; i++) {
    try { w.caisson.getIdCheckRequest("chk_priv_a", { fields: i % 2 ? revoked() : huge() }); } catch {}
  }
  await healthy(w);
  await healthy(world());
});

test("a body chunk whose length, buffer or offset lies is read by its real ones", async () => {
  const g = new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com" });
  const bytes = new TextEncoder().encode('"2015-03-20T13:50:10Z"');
  for (const lie of [-1, 0, 5, 2 ** 31]) {
    class Liar extends Uint8Array { get length() { return lie; } }
    const body = new ReadableStream({ start(c) { c.enqueue(new Liar(bytes)); c.close(); } });
    assert.equal(await g.parsePing(new Response(body)), "2015-03-20T13:50:10Z", `length ${lie}`);
  }
  // Nor do its buffer or offset: the chunk is read by its internal slots,
  // also when it is a window into a larger buffer.
  const framed = new Uint8Array(bytes.length + 8).fill(0x41);
  framed.set(bytes, 5);
  const window = framed.subarray(5, 5 + bytes.length);
  class Misplaced extends Uint8Array {
    get buffer() { return new ArrayBuffer(1); }
    get byteOffset() { return -3; }
  }
  for (const chunk of [window, new Misplaced(framed.buffer, 5, bytes.length)]) {
    const body = new ReadableStream({ start(c) { c.enqueue(chunk); c.close(); } });
    assert.equal(await g.parsePing(new Response(body)), "2015-03-20T13:50:10Z", chunk.constructor.name);
  }
  // Two windows into one buffer, as two chunks.
  const halves = new ReadableStream({ start(c) { c.enqueue(framed.subarray(5, 12)); c.enqueue(framed.subarray(12, 5 + bytes.length)); c.close(); } });
  assert.equal(await g.parsePing(new Response(halves)), "2015-03-20T13:50:10Z");
  // A chunk whose buffer was detached (transferred away) is not bytes.
  const detached = new Uint8Array(bytes);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  const gone = new ReadableStream({ start(c) { c.enqueue(detached); c.close(); } });
  assert.equal((await idvError(() => g.parsePing(new Response(gone)))).code, "INVALID_RESPONSE");
  // A Proxy is not bytes, however it looks.
  const proxied = new ReadableStream({ start(c) { c.enqueue(new Proxy(bytes, {})); c.close(); } });
  assert.equal((await idvError(() => g.parsePing(new Response(proxied)))).code, "INVALID_RESPONSE");
  // A Response-like whose arrayBuffer answers a lying view or no bytes at all.
  class Liar extends Uint8Array { get length() { return -1; } }
  const like = (buf) => ({ status: 200, headers: new Headers({ "content-type": "application/json" }), arrayBuffer: async () => buf });
  assert.equal(await g.parsePing(like(new Liar(bytes))), "2015-03-20T13:50:10Z");
  assert.equal(await g.parsePing(like(bytes.buffer)), "2015-03-20T13:50:10Z");
  for (const junk of [{ length: 1e9 }, "bytes", new Proxy(bytes, {})]) {
    assert.equal((await idvError(() => g.parsePing(like(junk)))).code, "INVALID_RESPONSE");
  }
  await healthy(world());
});

test("a string longer than 65536 characters is refused by its length, before it is copied into the wasm", async () => {
  // Copied first, strings of hundreds of MB grew the wasm memory for good,
  // and a person of seven of them (past wasm32's 4 GiB) trapped the instance.
  const wasmBytes = () => initSync().memory.buffer.byteLength;
  const w = world();
  const long = "\u20ac".repeat(20_000_000); // 60 MB as UTF-8, over the 16 Mi units of a result too
  const before = wasmBytes();
  const refused = async (call, field) => {
    const e = await idvError(call);
    assert.deepEqual([e.code, e.field], ["INVALID_ARGUMENT", field]);
    assert.match(e.message, /must be at most 65536 characters|must hold names and values of at most 65536 characters/);
  };
  for (const key of ["firstname", "lastname", "address", "city", "state", "zip", "taxpayerID"]) {
    await refused(() => w.goldstar.verifyIdentityRequest({ ...PERSON, [key]: long }), key);
  }
  await refused(() => w.caisson.exchangeTokenRequest(long), "token");
  await refused(() => w.caisson.getIdCheckRequest(long), "checkId");
  await refused(() => new CaissonClient({ apiKey: long }), "apiKey");
  await refused(() => new GoldstarClient({ apiKey: GKEY, domain: long }), "domain");
  await refused(() => new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", defaultHeaders: { "x-trace": long } }), "defaultHeaders");
  await refused(() => w.sandbox.createIdCheck({ customerId: long }), "customerId");
  assert.equal((await idvError(() => new Sandbox({ now: long }))).field, "now");
  assert.equal(describeGoldstarQualifier(long), undefined);
  const { check_exchange_token } = w.sandbox.createIdCheck({ customerId: "u" });
  const { check_id } = await w.caisson.exchangeToken(check_exchange_token);
  const result = await w.caisson.getIdCheck(check_id);
  assert.equal((await idvError(() => assessIdCheck({ ...result, customer_id: long }))).field, "result");
  const stored = { get: async () => long, put: async () => {} };
  const e = await idvError(() => w.caisson.exchangeToken(check_exchange_token, { store: stored }));
  assert.deepEqual([e.code, e.field], ["INVALID_RESPONSE", "store"]);
  // A header from the caller's fetch: read as empty (no content type is not JSON).
  // The body is a valid exchange answer: only the header can refuse it.
  const longType = `application/json; x=${"a".repeat(70_000)}`;
  const headed = new CaissonClient({ apiKey: CKEY, maxRetries: 0, fetch: async () => new Response('{"check_id":"chk_priv_abc"}', { headers: { "content-type": longType } }) });
  const typed = await idvError(() => headed.exchangeToken("chk_xchg_abc"));
  assert.equal(typed.code, "INVALID_RESPONSE");
  assert.match(typed.message, /content type is not JSON/);
  assert.equal((await w.caisson.parseExchangeToken(new Response('{"check_id":"chk_priv_abc"}', { headers: { "content-type": "application/json; x=a" } }))).check_id, "chk_priv_abc");
  // The Sandbox's fetch: a URL past the limit is refused like an invalid one.
  await assert.rejects(w.sandbox.fetch(`https://api.caisson.com/v1/idcheck?x=${"a".repeat(70_000)}`), TypeError);
  assert.ok(wasmBytes() - before < 8 * 1024 * 1024, `the wasm memory grew by ${wasmBytes() - before} bytes`);
  // At the limit, the length is no reason to refuse (the customer id only mismatches).
  assert.equal(assessIdCheck(result, { expectedCustomerId: "a".repeat(65_536) }).decision, "decline");
  assert.equal((await idvError(() => assessIdCheck(result, { expectedCustomerId: "a".repeat(65_537) }))).field, "expectedCustomerId");
  await healthy(w);
});

test("a chunk detached or shrunk after it was read is an IdvError, and thousands of them leave the instance working", async () => {
  // The last chunk is handed on as a view (no copy in JS); the stream's
  // source can still detach or shrink its buffer when it is pulled for the
  // end. Copying from it then threw a TypeError through the Rust frames: not
  // an IdvError, and about 1,200 of them trapped the instance.
  const w = world();
  const body = new TextEncoder().encode('{"check_id":"chk_priv_abc"}');
  const after = (spoil) => {
    let n = 0;
    let chunk;
    const stream = new ReadableStream({
      pull(c) {
        if (n++ === 0) {
          chunk = spoil.make();
          return c.enqueue(chunk);
        }
        spoil.then(chunk);
        c.close();
      },
    }, { highWaterMark: 0 });
    return new Response(stream, { headers: { "content-type": "application/json" } });
  };
  const spoils = {
    detached: { make: () => new Uint8Array(body), then: (c) => structuredClone(c.buffer, { transfer: [c.buffer] }) },
    shrunk: {
      make: () => {
        const rab = new ArrayBuffer(body.length, { maxByteLength: body.length });
        const view = new Uint8Array(rab, 0, body.length);
        view.set(body);
        return view;
      },
      then: (c) => c.buffer.resize(0),
    },
  };
  for (const [name, spoil] of Object.entries(spoils)) {
    const e = await idvError(() => w.caisson.parseExchangeToken(after(spoil)));
    assert.equal(e.code, "INVALID_RESPONSE", name);
    assert.equal(e.status, 200, name);
  }
  for (let i = 0; i < 1500; i++) {
    await w.caisson.parseExchangeToken(after(i % 2 ? spoils.detached : spoils.shrunk)).then(
      () => assert.fail("resolved"),
      (e) => assert.ok(e instanceof IdvError, String(e)),
    );
  }
  await healthy(w);
});

test("an arrayBuffer() answer over a resizable buffer that grows after the read is taken at its length when read", async () => {
  // A view that tracked the buffer took in whatever it grew to before the
  // wasm copied it (here past the 1 MiB cap, refused only after the copy).
  const g = new GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com" });
  const text = new TextEncoder().encode('"2015-03-20T13:50:10Z"');
  const rab = new ArrayBuffer(text.length, { maxByteLength: 2 * 1024 * 1024 });
  new Uint8Array(rab).set(text);
  // A thenable: its resolution queues the read first, then the growth, so
  // the buffer grows after it was read and before its bytes are copied.
  const answer = { then(resolve) { resolve(rab); Promise.resolve().then(() => rab.resize(2 * 1024 * 1024)); } };
  const like = { status: 200, headers: new Headers({ "content-type": "application/json" }), arrayBuffer: () => answer };
  assert.equal(await g.parsePing(like), "2015-03-20T13:50:10Z");
  assert.equal(rab.byteLength, 2 * 1024 * 1024, "the buffer did grow");
  await healthy(world());
});

test("a store that never answers does not hang exchangeToken: NETWORK on store after timeoutMs", async () => {
  const w = world();
  const never = new Promise(() => {});
  const caisson = new CaissonClient({ apiKey: CKEY, fetch: w.sandbox.fetch, timeoutMs: 500 });
  const token = () => w.sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
  for (const store of [{ get: () => never, put: async () => {} }, { get: async () => undefined, put: () => never }]) {
    const e = await idvError(() => caisson.exchangeToken(token(), { store }));
    assert.deepEqual([e.code, e.field], ["NETWORK", "store"]);
  }
});
