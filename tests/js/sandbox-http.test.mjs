// The Sandbox over HTTP: a plain HTTP client (node:http, no SDK) against
// www/sandbox-server.mjs, then both clients pointed at it over http://127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { startSandboxServer } from "../../www/sandbox-server.mjs";
import { CaissonClient, GoldstarClient } from "../../pkg/node.js";

let server;
before(async () => {
  server = await startSandboxServer({ port: 0, caissonApiKey: "sk_http", goldstarApiKey: "gs_http", now: "2026-06-01T12:00:00Z" });
});
after(() => server.close());

function http(method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: data ? JSON.parse(data) : undefined }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(typeof body === "string" ? body : JSON.stringify(body));
    req.end();
  });
}

test("plain HTTP: create a check, exchange it, read it with fields", async () => {
  const created = await http("POST", "/__sandbox/idcheck", { body: { customerId: "u1", preset: "clean_pass" } });
  assert.equal(created.status, 201);
  const token = created.body.check_exchange_token;
  const auth = { authorization: "Caisson sk_http", "content-type": "application/json" };
  const ex = await http("POST", "/v1/idcheck/exchangetoken", { headers: auth, body: { check_exchange_token: token } });
  assert.equal(ex.status, 200);
  assert.match(ex.headers["content-type"], /application\/json/);
  const got = await http("GET", "/v1/idcheck?fields=sex,address", { headers: { ...auth, "x-caisson-checkid": ex.body.check_id } });
  assert.equal(got.status, 200);
  assert.equal(got.body.info.sex, "M");
  assert.equal(got.body.info.dob, undefined);
  assert.equal(got.body.customer_id, "u1");
  const wrong = await http("POST", "/v1/idcheck/exchangetoken", { headers: { ...auth, authorization: "Caisson nope" }, body: { check_exchange_token: token } });
  assert.equal(wrong.status, 401);
});

test("plain HTTP: the clock control expires a token", async () => {
  const token = (await http("POST", "/__sandbox/idcheck", { body: { customerId: "u2" } })).body.check_exchange_token;
  const moved = await http("POST", "/__sandbox/time", { body: { advanceMs: 2 * 3600_000 + 1 } });
  assert.equal(moved.status, 200);
  const ex = await http("POST", "/v1/idcheck/exchangetoken", {
    headers: { authorization: "Caisson sk_http", "content-type": "application/json" }, body: { check_exchange_token: token },
  });
  assert.deepEqual([ex.status, ex.body.error, ex.body.error_description], [400, "INVALID_INPUT", "The check_exchange_token has expired."]);
  const bad = await http("POST", "/__sandbox/idcheck", { body: { customerId: "" } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, "customerId");
});

test("plain HTTP: Goldstar ping, verify-identity, malformed JSON, wrong key", async () => {
  const base = "/identification/api/v1/ops";
  const key = { "x-apikey": "gs_http", "content-type": "application/json" };
  const ping = await http("POST", `${base}/ping`, { headers: key });
  assert.equal(ping.status, 200);
  assert.equal(typeof ping.body, "string");
  const v = await http("POST", `${base}/verify-identity`, { headers: key, body: {
    firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
    taxpayerID: "555-01-0201", birthMonth: 6, birthDay: 30, birthYear: 1989,
  } });
  assert.equal(v.status, 200);
  assert.equal(v.body.Questions.length, 4);
  assert.equal((await http("POST", `${base}/verify-identity`, { headers: key, body: "{not json" })).status, 400);
  assert.equal((await http("POST", `${base}/ping`, { headers: { "x-apikey": "wrong" } })).status, 401);
});

test("both clients over http://127.0.0.1 against the server", async () => {
  const caisson = new CaissonClient({ apiKey: "sk_http", baseUrl: server.url });
  const token = (await http("POST", "/__sandbox/idcheck", { body: { customerId: "u3", preset: "blurry_selfie" } })).body.check_exchange_token;
  const { check_id } = await caisson.exchangeToken(token);
  const r = await caisson.getIdCheck(check_id);
  assert.equal(r.confidence.face, "medium");
  assert.equal(r.confidence.reasons[0].code, 201);
  const goldstar = new GoldstarClient({ apiKey: "gs_http", domain: new URL(server.url).host });
  assert.match(await goldstar.ping(), /^\d{4}-/);
});

test("sandbox.fetch takes what fetch takes: a string, a URL, a Request; anything else rejects with a TypeError", async () => {
  const { Sandbox } = await import("../../pkg/node.js");
  const sb = new Sandbox({ goldstarApiKey: "gs_in" });
  const url = "https://qaservices.goldstartrust.com/identification/api/v1/ops/ping";
  const init = { method: "POST", headers: { "X-ApiKey": "gs_in" } };
  for (const input of [url, new URL(url), new Request(url, init)]) {
    const res = await sb.fetch(input, input instanceof Request ? undefined : init);
    assert.equal(res.status, 200, `${input?.constructor?.name}`);
  }
  // fetch turns any other value into a string, which is then not a URL.
  for (const input of [undefined, null, { url }, 42, Symbol("x"), { toString() { throw new Error("boom"); } }]) {
    await assert.rejects(sb.fetch(input, init), TypeError, String(typeof input));
  }
  // An aborted signal rejects, as fetch does, with the signal's reason.
  await assert.rejects(sb.fetch(url, { ...init, signal: AbortSignal.abort() }), { name: "AbortError" });
  const controller = new AbortController();
  controller.abort(new Error("stop"));
  await assert.rejects(sb.fetch(new Request(url, { ...init, signal: controller.signal })), /stop/);
  // The Sandbox still answers afterwards.
  assert.equal((await sb.fetch(new URL(url), init)).status, 200);
});

// A body over the server's 1 MiB limit while the client is still sending:
// the 413 arrives (the rest is read and dropped), not a connection reset.
test("plain HTTP: a body over the server's limit gets 413, not a reset", async () => {
  const r = await http("POST", "/identification/api/v1/ops/verify-identity", {
    headers: { "x-apikey": "gs_http", "content-type": "application/json" },
    body: "x".repeat(1024 * 1024 + 100_000),
  });
  assert.equal(r.status, 413);
  // In the shape of the API the path belongs to, as the Sandbox's own 413.
  assert.deepEqual(r.body, { Message: "The request is too large." });
  const c = await http("POST", "/v1/idcheck/exchangetoken", { headers: { authorization: "Caisson sk_http" }, body: "x".repeat(1024 * 1024 + 1) });
  assert.deepEqual([c.status, c.body], [413, { error: "INVALID_INPUT", error_description: "The request is too large." }]);
  // The server still answers afterwards.
  assert.equal((await http("POST", "/identification/api/v1/ops/ping", { headers: { "x-apikey": "gs_http" } })).status, 200);
});

test("plain HTTP: PUT and DELETE get each API's 405 with Allow", async () => {
  const g = await http("PUT", "/identification/api/v1/ops/verify-identity", { headers: { "x-apikey": "gs_http" }, body: "{}" });
  assert.deepEqual([g.status, g.headers.allow, g.body], [405, "POST", { Message: "The requested resource does not support http method 'PUT'." }]);
  const c = await http("DELETE", "/v1/idcheck", { headers: { authorization: "Caisson sk_http" } });
  assert.deepEqual([c.status, c.headers.allow, c.body.error], [405, "GET", "METHOD_NOT_ALLOWED"]);
});

test("plain HTTP: TRACE (which no fetch Request carries) gets the same 405, not a 500", async () => {
  const g = await http("TRACE", "/identification/api/v1/ops/ping", { headers: { "x-apikey": "gs_http" } });
  assert.deepEqual([g.status, g.headers.allow, g.body], [405, "POST", { Message: "The requested resource does not support http method 'TRACE'." }]);
  const c = await http("TRACE", "/v1/idcheck/exchangetoken");
  assert.deepEqual([c.status, c.headers.allow, c.body.error], [405, "POST", "METHOD_NOT_ALLOWED"]);
  assert.equal((await http("TRACE", "/nowhere")).status, 404);
  // The Sandbox's own routing decides, as for PUT: an operation Goldstar does
  // not have, a Caisson path in another case, an over-long version are 404s.
  for (const path of ["/identification/api/v1/ops/nope", "/V1/IDCHECK", "/identification/api/v" + "1".repeat(40) + "/ops/ping", "/v1/idcheck//", "/x/v1/idcheck/"]) {
    const [put, trace] = [await http("PUT", path), await http("TRACE", path)];
    assert.deepEqual([trace.status, trace.headers.allow, trace.body], [put.status, put.headers.allow, put.body], path);
  }
});

test("plain HTTP: a bad control body or Host header is a 400, never a 500", async () => {
  for (const body of ["null", "[]", '"x"', "7"]) {
    const r = await http("POST", "/__sandbox/time", { body, headers: { "content-type": "application/json" } });
    assert.deepEqual([r.status, r.body.error], [400, "INVALID_ARGUMENT"], body);
  }
  // A malformed Host is not this server's name (421, JSON); none at all is
  // no browser's request, and routing is by path.
  for (const [host, status] of [["a b", 421], ["[", 421], ["", 200]]) {
    const r = await http("POST", "/identification/api/v1/ops/ping", { headers: { "x-apikey": "gs_http", host } });
    assert.equal(r.status, status, JSON.stringify(host));
    assert.notEqual(r.body, undefined, "a JSON answer");
  }
});

test("plain HTTP: the sandbox controls answer loopback clients only", async (t) => {
  const { networkInterfaces } = await import("node:os");
  const external = Object.values(networkInterfaces()).flat().find((i) => i.family === "IPv4" && !i.internal)?.address;
  if (!external) return t.skip("no non-loopback IPv4 address on this machine");
  const wide = await startSandboxServer({ port: 0, host: "0.0.0.0" });
  try {
    const at = (addr, method, path) => new Promise((resolve, reject) => {
      const req = request({ host: addr, port: wide.port, method, path, headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      });
      req.on("error", reject);
      req.end(method === "POST" ? JSON.stringify({ customerId: "u" }) : undefined);
    });
    assert.equal(await at(external, "POST", "/__sandbox/idcheck"), 403);
    assert.equal(await at(external, "GET", "/__sandbox/health"), 403);
    assert.equal(await at("127.0.0.1", "POST", "/__sandbox/idcheck"), 201);
    // The APIs themselves answer anyone (with a key).
    assert.equal(await at(external, "POST", "/identification/api/v1/ops/ping"), 401);
    // Bound to a wildcard address, it still answers only to this machine's own names.
    const named = (host) => new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: wide.port, method: "GET", path: "/__sandbox/health", headers: { host } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(await named(`rebind.attacker.example:${wide.port}`), 421);
    assert.equal(await named(`localhost:${wide.port}`), 200);
    assert.equal(await named(`${external}:${wide.port}`), 200);
  } finally {
    await wide.close();
  }
});

test("plain HTTP: another name for this server (DNS rebinding) is 421; a page of another site cannot use the controls", async () => {
  const { port } = new URL(server.url);
  for (const host of [`rebind.attacker.example:${port}`, "localhost:1", `user@localhost:${port}`, "a b"]) {
    const r = await http("POST", "/v1/idcheck/exchangetoken", { headers: { host, authorization: "Caisson sk_http", "content-type": "application/json" }, body: "{}" });
    assert.equal(r.status, 421, host);
  }
  assert.equal((await http("GET", "/__sandbox/health", { headers: { host: `localhost:${port}` } })).status, 200);
  // A form post from another site's page needs no preflight: its Origin gives it away.
  for (const origin of ["http://evil.test", "https://127.0.0.1", "null"]) {
    const r = await http("POST", "/__sandbox/time", { headers: { origin, "content-type": "text/plain" }, body: { advanceMs: 1 } });
    assert.deepEqual([r.status, r.body.error], [403, "FORBIDDEN"], origin);
  }
  // A browser's Sec-Fetch-Site says the same where Origin is left out.
  for (const site of ["cross-site", "same-site"]) {
    const r = await http("POST", "/__sandbox/time", { headers: { "sec-fetch-site": site }, body: { advanceMs: 1 } });
    assert.equal(r.status, 403, site);
  }
  assert.equal((await http("POST", "/__sandbox/time", { headers: { "sec-fetch-site": "same-origin", origin: server.url }, body: { advanceMs: 1 } })).status, 200);
  // The server's own pages, and clients that send no Origin (curl, fetch in Node), may.
  const own = await http("POST", "/__sandbox/time", { headers: { origin: server.url }, body: { advanceMs: 1 } });
  assert.equal(own.status, 200);
  assert.equal((await http("POST", "/__sandbox/time", { body: { advanceMs: 1 } })).status, 200);
});

/** The raw bytes of one request and the server's whole answer (no client rewriting the target or method). */
async function wire(text) {
  const { connect } = await import("node:net");
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => s.end(text));
    let out = "";
    s.setEncoding("utf8");
    s.on("data", (c) => (out += c));
    s.on("end", () => resolve(out));
    s.on("error", reject);
  });
}

test("plain HTTP: a // path, a target with credentials, CONNECT and TRACK get JSON answers, never a 404 by mistake or a 500", async () => {
  const caisson = "authorization: Caisson sk_http\r\ncontent-type: application/json";
  const host = new URL(server.url).host;
  // A base URL ending in "/" sends "//v1/...": routed by the path's end, as sandbox.fetch does.
  const body = '{"check_exchange_token":"chk_xchg_unknown"}';
  const slashes = await wire(`POST //v1/idcheck/exchangetoken HTTP/1.1\r\nhost: ${host}\r\n${caisson}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
  assert.match(slashes, /^HTTP\/1\.1 400 /);
  assert.match(slashes, /"error":"INVALID_INPUT"/);
  const ping = await wire(`POST //identification/api/v1/ops/ping HTTP/1.1\r\nhost: ${host}\r\nx-apikey: gs_http\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  assert.match(ping, /^HTTP\/1\.1 200 /);
  // "//u:p@x/..." is a path (routed by its end: POST on the GET endpoint is
  // 405); an absolute target with credentials is one a fetch Request
  // refuses: 400. Neither is a 500.
  const pathLike = await wire(`POST //u:p@x/v1/idcheck HTTP/1.1\r\nhost: ${host}\r\n${caisson}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  assert.match(pathLike, /^HTTP\/1\.1 405 /);
  const absolute = await wire(`POST http://u:p@x/identification/api/v1/ops/ping HTTP/1.1\r\nhost: ${host}\r\nx-apikey: gs_http\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  assert.match(absolute, /^HTTP\/1\.1 400 /);
  assert.match(absolute, /"message":"bad request target"/);
  const connectAnswer = await wire("CONNECT x:443 HTTP/1.1\r\nhost: x:443\r\n\r\n");
  assert.match(connectAnswer, /^HTTP\/1\.1 405 /);
  assert.match(connectAnswer, /"error":"METHOD_NOT_ALLOWED"/);
  const track = await wire(`TRACK /v1/idcheck HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`);
  assert.match(track, /^HTTP\/1\.1 400 /);
  assert.match(track, /content-type: application\/json/);
});

test("plain HTTP: the clock control will not move the Sandbox past the year 9999", async () => {
  const late = await startSandboxServer({ port: 0, now: "9999-12-31T23:59:59Z" });
  try {
    const r = await new Promise((resolve, reject) => {
      const req = request(`${late.url}/__sandbox/time`, { method: "POST" }, (res) => {
        let data = "";
        res.on("data", (c) => (data += c));
        res.on("end", () => resolve({ status: res.statusCode, body: JSON.parse(data) }));
      });
      req.on("error", reject);
      req.end('{"advanceMs":86400000}');
    });
    assert.deepEqual([r.status, r.body.field], [400, "advanceMs"]);
    assert.equal(late.sandbox.now, Date.parse("9999-12-31T23:59:59Z"));
  } finally {
    await late.close();
  }
});
