// sandbox.fetch as a server reads a request: the body is capped at 64 KiB
// (a huge or endless stream is not read to its end), the order of checks
// holds (path, method, key, then 413), every method gets an answer in the
// API's own shape, and the request's signal aborts the read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../pkg/node.js";

const GS = "https://qaservices.goldstartrust.com/identification/api/v1/ops";
const CS = "https://api.caisson.com";
const sandbox = () => new Sandbox({ caissonApiKey: "ck", goldstarApiKey: "gk", now: "2026-06-01T12:00:00Z" });

/** A stream of 64 KiB chunks: `chunks` of them, or endless. Counts what was pulled. */
function chunked(chunks = Infinity) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(c) {
      if (state.pulled >= chunks) return c.close();
      state.pulled++;
      c.enqueue(new Uint8Array(65536).fill(120));
    },
    cancel() { state.cancelled = true; },
  });
  return { stream, state };
}

const post = (sb, url, headers, body, extra = {}) => sb.fetch(url, { method: "POST", headers, body, duplex: "half", ...extra });

test("a huge or endless streamed body is 413 after at most 64 KiB plus a chunk, and the stream is cancelled", async () => {
  const sb = sandbox();
  for (const chunks of [1024, Infinity]) {
    const { stream, state } = chunked(chunks);
    const r = await post(sb, `${GS}/verify-identity`, { "X-ApiKey": "gk", "Content-Type": "application/json" }, stream);
    assert.equal(r.status, 413, String(chunks));
    assert.deepEqual(await r.json(), { Message: "The request is too large." });
    assert.ok(state.pulled <= 4, `pulled ${state.pulled} chunks`);
    assert.ok(state.cancelled, "the stream was cancelled");
  }
  const { stream } = chunked();
  const r = await post(sb, `${CS}/v1/idcheck/exchangetoken`, { Authorization: "Caisson ck", "Content-Type": "application/json" }, stream);
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error, "INVALID_INPUT");
});

test("path and key are answered first, even with an endless body", async () => {
  const sb = sandbox();
  const cases = [
    [`${GS}/nope`, { "X-ApiKey": "gk" }, 404],
    ["https://api.caisson.com/nope", {}, 404],
    [`${GS}/verify-identity`, { "X-ApiKey": "wrong" }, 401],
    [`${CS}/v1/idcheck/exchangetoken`, { Authorization: "Caisson wrong" }, 401],
  ];
  for (const [url, headers, status] of cases) {
    const r = await post(sb, url, headers, chunked().stream);
    assert.equal(r.status, status, url);
  }
});

test("ping with a body over 64 KiB is 413 too; at 64 KiB it answers", async () => {
  const sb = sandbox();
  assert.equal((await post(sb, `${GS}/ping`, { "X-ApiKey": "gk" }, "x".repeat(65537))).status, 413);
  assert.equal((await post(sb, `${GS}/ping`, { "X-ApiKey": "gk" }, "x".repeat(65536))).status, 200);
});

test("every method gets an answer: each API's 405 with Allow, in its own shape", async () => {
  const sb = sandbox();
  for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND"]) {
    const body = ["HEAD"].includes(method) ? undefined : "{}";
    const g = await sb.fetch(`${GS}/verify-identity`, { method, headers: { "X-ApiKey": "gk" }, body });
    assert.deepEqual([g.status, g.headers.get("allow")], [405, "POST"], method);
    if (method !== "HEAD") {
      assert.deepEqual(await g.json(), { Message: `The requested resource does not support http method '${method}'.` });
    }
    const c = await sb.fetch(`${CS}/v1/idcheck`, { method, headers: { Authorization: "Caisson ck" }, body });
    assert.deepEqual([c.status, c.headers.get("allow")], [405, "GET"], method);
    if (method !== "HEAD") assert.equal((await c.json()).error, "METHOD_NOT_ALLOWED");
    const e = await sb.fetch(`${CS}/v1/idcheck/exchangetoken`, { method, body });
    assert.deepEqual([e.status, e.headers.get("allow")], [405, "POST"], method);
    assert.equal((await sb.fetch(`${CS}/elsewhere`, { method, body })).status, 404, method);
  }
});

test("the request's signal aborts a body read in progress, as fetch does", async () => {
  const sb = sandbox();
  const ac = new AbortController();
  const stalled = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([123])); } });
  const p = post(sb, `${GS}/verify-identity`, { "X-ApiKey": "gk" }, stalled, { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(p, (e) => e.name === "AbortError");
  // The Sandbox answers normally afterwards.
  assert.equal((await post(sb, `${GS}/ping`, { "X-ApiKey": "gk" }, undefined)).status, 200);
});

test("a body stream that errors or yields non-bytes rejects like fetch, and the Sandbox lives on", async () => {
  const sb = sandbox();
  const boom = new Error("boom");
  let n = 0;
  const errs = new ReadableStream({ pull(c) { if (n++) c.error(boom); else c.enqueue(new TextEncoder().encode('{"firstname":')); } });
  await assert.rejects(post(sb, `${GS}/verify-identity`, { "X-ApiKey": "gk" }, errs), (e) => e instanceof TypeError && e.cause === boom);
  const strings = new ReadableStream({ start(c) { c.enqueue("not bytes"); c.close(); } });
  await assert.rejects(post(sb, `${GS}/verify-identity`, { "X-ApiKey": "gk" }, strings), TypeError);
  // A Proxy of a Uint8Array passes instanceof, but is not bytes: its iterator
  // (endless here) is never run.
  let pulled = 0;
  const endless = new Proxy(new Uint8Array(4), {
    get: (t, k) => (k === Symbol.iterator ? function* () { for (;;) { pulled++; yield 1; } } : Reflect.get(t, k)),
  });
  const proxied = new ReadableStream({ start(c) { c.enqueue(endless); c.close(); } });
  await assert.rejects(post(sb, `${GS}/verify-identity`, { "X-ApiKey": "gk" }, proxied), TypeError);
  assert.equal(pulled, 0);
  assert.equal((await post(sb, `${GS}/ping`, { "X-ApiKey": "gk" }, undefined)).status, 200);
});
