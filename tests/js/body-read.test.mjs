// Reading a response body (src/transport/body.js): the 1 MiB cap (by
// Content-Length before reading, and while streaming), a stream that breaks
// or yields something that is not bytes, a body slower than the timeout, and
// Response-like objects. Through the public parse methods and through fetch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CaissonClient, IdvError } from "../../pkg/node.js";

const MiB = 1024 * 1024;
const body = JSON.stringify({ check_id: "chk_priv_1" });

async function code(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof IdvError, String(e));
    return [e.code, e.message, e.status];
  }
  return ["OK"];
}

const stream = (chunks, { fail = false, delayMs = 0 } = {}) =>
  new ReadableStream({
    async start(c) {
      for (const x of chunks) {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        c.enqueue(x);
      }
      if (fail) c.error(new Error("cut"));
      else c.close();
    },
  });

test("the body cap: by Content-Length before reading, and while streaming", async () => {
  const c = new CaissonClient({ apiKey: "k" });
  let pulled = false;
  const lazy = new ReadableStream({ pull() { pulled = true; } }, { highWaterMark: 0 });
  const r = new Response(lazy, { headers: { "content-length": String(MiB + 1), "content-type": "application/json" } });
  assert.deepEqual(await code(c.parseExchangeToken(r)), ["INVALID_RESPONSE", "caisson INVALID_RESPONSE: invalid response: body is larger than 1 MiB", 200]);
  assert.equal(pulled, false, "the body must not be read");
  const big = new Uint8Array(64 * 1024).fill(32);
  const chunks = Array.from({ length: 17 }, () => big);
  assert.equal((await code(c.parseExchangeToken(new Response(stream(chunks)))))[0], "INVALID_RESPONSE");
  // Exactly 1 MiB of whitespace around the JSON is still read (and then valid).
  const padded = new TextEncoder().encode(body.padEnd(MiB, " "));
  assert.deepEqual(await code(c.parseExchangeToken(new Response(padded))), ["OK"]);
});

test("a broken stream is NETWORK, a non-bytes chunk INVALID_RESPONSE", async () => {
  const c = new CaissonClient({ apiKey: "k" });
  assert.deepEqual(await code(c.parseExchangeToken(new Response(stream([new TextEncoder().encode("{")], { fail: true })))),
    ["NETWORK", "caisson NETWORK: the response body was cut off", 200]);
  const odd = { status: 200, headers: new Headers(), arrayBuffer() {}, body: stream(["not bytes"]) };
  assert.deepEqual(await code(c.parseExchangeToken(odd)),
    ["INVALID_RESPONSE", "caisson INVALID_RESPONSE: invalid response: body stream yielded something that is not bytes", 200]);
});

test("a body slower than timeoutMs is TIMEOUT, in parse methods and through fetch", async () => {
  const c = new CaissonClient({ apiKey: "k", timeoutMs: 50, maxRetries: 0, fetch: async () => new Response(stream([new TextEncoder().encode(body)], { delayMs: 300 })) });
  const slow = new Response(stream([new TextEncoder().encode(body)], { delayMs: 300 }));
  assert.equal((await code(c.parseExchangeToken(slow)))[0], "TIMEOUT");
  assert.equal((await code(c.exchangeToken("chk_xchg_abc")))[0], "TIMEOUT");
});

test("Response-like objects: no stream (arrayBuffer), and not a Response at all", async () => {
  const c = new CaissonClient({ apiKey: "k" });
  const like = { status: 200, headers: new Headers({ "content-type": "application/json" }), arrayBuffer: async () => new TextEncoder().encode(body).buffer };
  assert.deepEqual(await code(c.parseExchangeToken(like)), ["OK"]);
  const broken = { status: 200, headers: new Headers(), arrayBuffer: async () => { throw new Error("x"); } };
  assert.equal((await code(c.parseExchangeToken(broken)))[0], "NETWORK");
  // Not a Response: the caller's argument (INVALID_ARGUMENT on `response`), a
  // forgotten await included; what a fetch resolves to is the API's answer (below).
  for (const bad of [undefined, "{}", {}, { status: 200, headers: {}, arrayBuffer() {} }, { status: 700, headers: new Headers(), arrayBuffer() {} }, Promise.resolve(new Response(body))]) {
    const e = await c.parseExchangeToken(bad).then(() => undefined, (x) => x);
    assert.ok(e instanceof IdvError, String(e));
    assert.deepEqual([e.code, e.field, e.status, e.retryable], ["INVALID_ARGUMENT", "response", undefined, false]);
    assert.equal((await code(c.parseIdCheck(bad)))[0], "INVALID_ARGUMENT");
  }
  const viaFetch = new CaissonClient({ apiKey: "k", maxRetries: 0, fetch: async () => ({ not: "a response" }) });
  assert.deepEqual(await code(viaFetch.exchangeToken("chk_xchg_abc")),
    ["INVALID_RESPONSE", "caisson INVALID_RESPONSE: invalid response: fetch resolved to something that is not a Response", undefined]);
});

test("parseIdCheck and parseVerify* (read in body.js, validated by a wasm closure): the same faults, the same errors", async () => {
  const c = new CaissonClient({ apiKey: "k", timeoutMs: 50 });
  const { GoldstarClient } = await import("../../pkg/node.js");
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", timeoutMs: 50 });
  const ops = [
    ["caisson", (r) => c.parseIdCheck(r)],
    ["goldstar", (r) => g.parseVerifyIdentity(r)],
    ["goldstar", (r) => g.parseVerifyAnswers(r)],
  ];
  const big = new Uint8Array(64 * 1024).fill(32);
  for (const [api, parse] of ops) {
    let pulled = false;
    const lazy = new ReadableStream({ pull() { pulled = true; } }, { highWaterMark: 0 });
    assert.deepEqual(await code(parse(new Response(lazy, { headers: { "content-length": String(MiB + 1) } }))),
      ["INVALID_RESPONSE", `${api} INVALID_RESPONSE: invalid response: body is larger than 1 MiB`, 200]);
    assert.equal(pulled, false, "the body must not be read");
    assert.equal((await code(parse(new Response(stream(Array.from({ length: 17 }, () => big))))))[0], "INVALID_RESPONSE");
    assert.deepEqual(await code(parse(new Response(stream([new TextEncoder().encode("{")], { fail: true })))),
      ["NETWORK", `${api} NETWORK: the response body was cut off`, 200]);
    const odd = { status: 200, headers: new Headers(), arrayBuffer() {}, body: stream(["not bytes"]) };
    assert.deepEqual(await code(parse(odd)),
      ["INVALID_RESPONSE", `${api} INVALID_RESPONSE: invalid response: body stream yielded something that is not bytes`, 200]);
    let cancelled = false;
    const slow = new ReadableStream({ pull: () => new Promise(() => {}), cancel() { cancelled = true; } });
    assert.equal((await code(parse(new Response(slow))))[0], "TIMEOUT");
    assert.ok(cancelled, "the stream is cancelled at the deadline");
    const broken = { status: 200, headers: new Headers(), arrayBuffer: async () => { throw new Error("x"); } };
    assert.equal((await code(parse(broken)))[0], "NETWORK");
    for (const bad of [undefined, null, {}, "x", { status: 700, headers: new Headers(), arrayBuffer() {} }]) {
      assert.deepEqual(await code(parse(bad)),
        ["INVALID_ARGUMENT", `${api} INVALID_ARGUMENT: response: must be a Response (or an object with status, headers and arrayBuffer)`, undefined]);
    }
    // A wrong status still gets its error from the full validator.
    assert.equal((await code(parse(new Response("{}", { status: 503, headers: { "content-type": "application/json" } }))))[0], "SERVER_ERROR");
  }
});

test("a Response that arrives after the attempt timed out has its body cancelled", async () => {
  // A fetch wrapper that does not pass the signal on answers anyway; the
  // body was left unread and its connection open (an audit's finding).
  const cancelled = [];
  const late = (delayMs) => () =>
    new Promise((resolve) =>
      setTimeout(() => {
        const s = new ReadableStream({ pull() {}, cancel() { cancelled.push(delayMs); } });
        resolve(new Response(s, { headers: { "content-type": "application/json" } }));
      }, delayMs),
    );
  for (const delayMs of [0, 150]) {
    const c = new CaissonClient({ apiKey: "k", fetch: late(delayMs), timeoutMs: 50, maxRetries: 0 });
    const [got] = await code(c.getIdCheck("chk_priv_1"));
    assert.equal(got, "TIMEOUT", `head after ${delayMs} ms`);
  }
  await new Promise((r) => setTimeout(r, 250));
  // Head in time, body hanging: cancelled when the deadline passed (as
  // before); head too late: cancelled when it came.
  assert.deepEqual(cancelled.sort((a, b) => a - b), [0, 150]);
});

test("a stream of empty chunks that never ends is TIMEOUT at timeoutMs, not a hang (its reads all resolve at once)", async () => {
  const empties = () => new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(0)); } }), {
    headers: { "content-type": "application/json" },
  });
  const c = new CaissonClient({ apiKey: "k", timeoutMs: 200, maxRetries: 0, fetch: async () => empties() });
  const started = performance.now();
  assert.equal((await code(c.parseIdCheck(empties())))[0], "TIMEOUT");
  assert.equal((await code(c.getIdCheck("chk_priv_a")))[0], "TIMEOUT");
  assert.ok(performance.now() - started < 10_000);
  // Empty chunks among real ones are no part of the body.
  const parts = [new Uint8Array(0), ...[...new TextEncoder().encode(body)].map((b) => Uint8Array.of(b)), new Uint8Array(0)];
  const r = await c.parseExchangeToken(new Response(stream(parts), { headers: { "content-type": "application/json" } }));
  assert.equal(r.check_id, "chk_priv_1");
});

test("a Response-like's status is read once: the value checked is the value judged", async () => {
  const c = new CaissonClient({ apiKey: "k", maxRetries: 0 });
  let reads = 0;
  const fickle = {
    get status() { return ++reads === 1 ? 503 : 200; },
    headers: new Headers({ "content-type": "application/json" }),
    arrayBuffer: async () => new TextEncoder().encode(body).buffer,
  };
  const [code_, , status] = await code(c.parseExchangeToken(fickle));
  assert.deepEqual([code_, status, reads], ["SERVER_ERROR", 503, 1]);
  reads = 0;
  const fetched = new CaissonClient({ apiKey: "k", maxRetries: 0, fetch: async () => fickle });
  assert.deepEqual((await code(fetched.exchangeToken("chk_xchg_abc"))).slice(0, 1).concat(reads), ["SERVER_ERROR", 1]);
});
