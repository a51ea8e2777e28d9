#!/usr/bin/env node
// The Sandbox over HTTP: the same in-process simulator, served on localhost so
// any HTTP client (curl, another SDK, an existing integration) can use it.
//
//   node www/sandbox-server.mjs --port 4010 [--host 127.0.0.1]
//        [--caisson-key KEY] [--goldstar-key KEY] [--now 2026-01-01T00:00:00Z]
//
// API routes: Caisson at /v1/idcheck/exchangetoken and /v1/idcheck; Goldstar at
// /identification/api/v1/ops/{ping,verify-identity,verify-answers}.
// Sandbox controls (no key needed; answered to loopback clients only):
//   POST /__sandbox/idcheck   body: a createIdCheck scenario  -> 201 {check_exchange_token}
//   POST /__sandbox/time      body: {"advanceMs": 7200000}     -> 200 {now}
//   GET  /__sandbox/health                                     -> 200 {ok, now}
import { createServer } from "node:http";
import { hostname, networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const MAX_BODY = 1024 * 1024;

/** Starts `server` on `host:port` (port 0: any free one); resolves to the
 * port it got and its origin (`http://host:port`, an IPv6 host in brackets). */
export async function listen(server, port, host) {
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { port: actual, origin: `http://${shownHost}:${actual}` };
}

/** The `Host` values a local server bound to `host` answers to, as a test
 * `(value, port) => boolean` (`port`: the one it listens on). A page on
 * another site can reach a local server through a name it controls that
 * resolves here (DNS rebinding), so any other name is refused: the loopback
 * names and `host`, and for a wildcard bind (`0.0.0.0`, `::`) this
 * machine's own addresses and host name. */
export function hostGuard(host) {
  const bracket = (a) => (a.includes(":") && !a.startsWith("[") ? `[${a}]` : a);
  const names = new Set(["localhost", "127.0.0.1", "[::1]", bracket(host).toLowerCase()]);
  // The unspecified address in any spelling (0.0.0.0, ::, [::], ::0, ...).
  if (host === "0.0.0.0" || (host !== "" && /^\[?[0:]*\]?$/.test(host))) {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address.split("%")[0]).toLowerCase());
  }
  return (value, port) => {
    // No Host at all (HTTP/1.0, a raw client): not a browser, which always sends one.
    if (value === undefined || value === "") return true;
    if (typeof value !== "string") return false;
    let at;
    try {
      at = new URL(`http://${value}`);
    } catch {
      return false;
    }
    if (at.username || at.password || at.pathname !== "/" || `${at.host}` !== value.toLowerCase()) return false;
    return names.has(at.hostname) && Number(at.port || 80) === port;
  };
}

/** Does a browser say this request comes from a page of another origin? Its
 * `Origin` (sent on every cross-site POST, forms included) must then name
 * this server (`allowed`, a hostGuard test), and its `Sec-Fetch-Site`, where
 * sent, must say the same; clients that are not browsers send neither. */
export function crossSite(req, allowed, port) {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let at;
  try {
    at = new URL(origin);
  } catch {
    return true;
  }
  return at.protocol !== "http:" || !allowed(at.host, port);
}

/** Reads a request body, at most `max` bytes. Past that it keeps reading
 * and dropping the rest (up to 64 times `max`) and then rejects with status
 * 413, so the client, still sending, is not cut off by a reset before it can
 * read the 413; a body larger even than that closes the connection. */
export function readBody(req, max = MAX_BODY) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const tooLarge = () => Object.assign(new Error("body too large"), { status: 413 });
    req.on("data", (c) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else if (size > 64 * max) req.destroy(tooLarge());
    });
    req.on("end", () => (size > max ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
    // Closed before its end (the client went away, or the cap above): the
    // promise must still settle. After "end" this changes nothing.
    req.on("close", () => reject(Object.assign(new Error("request closed"), { status: 400 })));
  });
}

/** Which API a path belongs to, by the Sandbox's routing rule (the path's
 * end decides): "caisson", "goldstar" or undefined. */
function apiOf(path) {
  if (/\/v1\/idcheck(\/exchangetoken)?\/?$/i.test(path)) return "caisson";
  if (/\/identification\/api\/v\d+\/ops\/[^/]+\/?$/i.test(path)) return "goldstar";
  return undefined;
}

/** Is `address` (a socket's remote address) a loopback one? */
function isLoopback(address = "") {
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

/** The last millisecond of the year 9999, the Sandbox's last time. */
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Methods a fetch `Request` cannot carry: the Sandbox never sees them. */
const UNSENDABLE = new Set(["CONNECT", "TRACE", "TRACK"]);

/** Is `path` one this server answers (an API route by its end, or a control)? */
export function isSandboxPath(path) {
  return apiOf(path) !== undefined || path.startsWith("/__sandbox/");
}

/** The simulator over HTTP, for any Node HTTP server: a new Sandbox (with
 * the package's `Sandbox` and `IdvError`, and its options) and
 * `handle(req, res, origin)`, which answers one request on the server at
 * `origin` (the API routes, the controls, anything else a JSON 404).
 * `startSandboxServer` below and the demo's server (`make demo`) use it. */
export function createSandboxHandler({ Sandbox, IdvError }, { caissonApiKey, goldstarApiKey, now } = {}) {
  const sandbox = new Sandbox({ caissonApiKey, goldstarApiKey, now });

  const json = (res, status, value, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(value));
  };
  // The server's own refusals, in the error shape of `api` (apiOf the
  // path, as the Sandbox answers), else the server's own.
  const refuse = (res, api, status, caissonCode, text, headers) => {
    const body = api === "caisson" ? { error: caissonCode, error_description: text } : api === "goldstar" ? { Message: text } : { error: "SANDBOX_SERVER", message: text };
    json(res, status, body, headers);
  };

  // The names of the server at `origin` (hostGuard's test), made once.
  let named;
  const ownNames = (origin) => {
    if (named?.origin !== origin) named = { origin, allowed: hostGuard(new URL(origin).hostname) };
    return named.allowed;
  };

  const control = async (req, res, path, body, origin) => {
    if (!isLoopback(req.socket.remoteAddress)) return json(res, 403, { error: "FORBIDDEN", message: "sandbox controls answer loopback clients only" });
    // A page of another site (its browser on this machine is a loopback
    // client) could post here with a form, which needs no CORS preflight.
    if (crossSite(req, ownNames(origin), Number(new URL(origin).port || 80))) {
      return json(res, 403, { error: "FORBIDDEN", message: "sandbox controls do not answer other sites' pages" });
    }
    if (path === "/__sandbox/health" && req.method === "GET") return json(res, 200, { ok: true, now: new Date(sandbox.now).toISOString() });
    let input;
    try {
      input = body.length ? JSON.parse(body.toString("utf8")) : {};
    } catch {
      return json(res, 400, { error: "INVALID_ARGUMENT", message: "body is not JSON" });
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      return json(res, 400, { error: "INVALID_ARGUMENT", message: "body must be a JSON object" });
    }
    try {
      if (path === "/__sandbox/idcheck" && req.method === "POST") return json(res, 201, sandbox.createIdCheck(input));
      if (path === "/__sandbox/time" && req.method === "POST") {
        // The Sandbox's years are 0 to 9999: past them its APIs could not
        // state a time (and ping would answer 500).
        if (typeof input.advanceMs === "number" && sandbox.now + input.advanceMs > LAST_MS) {
          return json(res, 400, { error: "INVALID_ARGUMENT", field: "advanceMs", message: "advanceMs: would move the clock past the year 9999" });
        }
        sandbox.advanceTime(input.advanceMs);
        return json(res, 200, { now: new Date(sandbox.now).toISOString() });
      }
    } catch (e) {
      if (e instanceof IdvError) return json(res, 400, { error: e.code, field: e.field, message: e.message });
      throw e;
    }
    return json(res, 404, { error: "NOT_FOUND", message: "no such sandbox control" });
  };

  const handle = async (req, res, origin) => {
    let path = "";
    try {
      // Routing is by path only: the URL is made on the server's own origin,
      // never on a Host header (which may be missing or malformed).
      // The origin joined as text: \`new URL("//v1/idcheck", origin)\` would
      // read "v1" as a host (a client's base URL ending in "/" sends such paths).
      let url;
      try {
        url = req.url.startsWith("/") ? new URL(origin + req.url) : new URL(req.url);
      } catch {
        return json(res, 400, { error: "SANDBOX_SERVER", message: "bad request target" });
      }
      path = url.pathname;
      const body = await readBody(req);
      if (url.pathname.startsWith("/__sandbox/")) return await control(req, res, url.pathname, body, origin);
      // A method no fetch Request carries: the Sandbox's own answer to one
      // it does not take (its routing decides 404 or 405 with Allow), asked
      // with PUT; Goldstar's text names the method, so it names this one.
      const method = UNSENDABLE.has(req.method) ? "PUT" : req.method;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const hasBody = !["GET", "HEAD"].includes(req.method) && body.length > 0;
      let request;
      try {
        request = new Request(url, { method, headers, body: hasBody && method === req.method ? body : undefined });
      } catch {
        // A target a fetch Request refuses (credentials in it, say).
        return json(res, 400, { error: "SANDBOX_SERVER", message: "bad request target" });
      }
      const response = await sandbox.fetch(request);
      let out = Buffer.from(await response.arrayBuffer());
      const answered = Object.fromEntries(response.headers);
      if (method !== req.method && response.status === 405) {
        const answer = JSON.parse(out);
        if (typeof answer.Message === "string") answer.Message = answer.Message.replace("'PUT'", `'${req.method}'`);
        out = Buffer.from(JSON.stringify(answer));
        delete answered["content-length"];
      }
      res.writeHead(response.status, answered);
      res.end(out);
    } catch (e) {
      if (e?.status === 413) return refuse(res, apiOf(path), 413, "INVALID_INPUT", "The request is too large.");
      json(res, e?.status ?? 500, { error: "SANDBOX_SERVER", message: e?.status ? "bad request" : "internal error" });
    }
  };
  return { sandbox, handle };
}

/** Starts the server; resolves to { url, port, sandbox, close() }. */
export async function startSandboxServer({ port = 4010, host = "127.0.0.1", caissonApiKey, goldstarApiKey, now, pkg } = {}) {
  const idv = await import(pkg ?? new URL("../pkg/node.js", import.meta.url).href);
  const { sandbox, handle } = createSandboxHandler(idv, { caissonApiKey, goldstarApiKey, now });
  let origin;
  let actual = 0;
  const allowed = hostGuard(host);
  const server = createServer((req, res) => {
    if (!allowed(req.headers.host, actual)) {
      res.writeHead(421, { "content-type": "application/json; charset=utf-8" });
      return res.end(JSON.stringify({ error: "MISDIRECTED", message: "this server only answers to its own address" }));
    }
    handle(req, res, origin);
  });
  // CONNECT never reaches the request handler, and a request Node's parser
  // refuses (a method it does not know, such as TRACK) gets Node's bare 400:
  // both are answered here, in JSON too.
  const raw = (socket, status, text, value) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify(value);
    socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  };
  server.on("connect", (_req, socket) => raw(socket, 405, "Method Not Allowed", { error: "METHOD_NOT_ALLOWED", error_description: "CONNECT is not a method of either API." }));
  server.on("clientError", (_err, socket) => raw(socket, 400, "Bad Request", { error: "SANDBOX_SERVER", message: "bad request" }));
  const listening = await listen(server, port, host);
  actual = listening.port;
  origin = listening.origin;
  return {
    url: origin,
    port: actual,
    sandbox,
    close: () => new Promise((r) => server.close(r)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "caisson-key": { type: "string" },
      "goldstar-key": { type: "string" },
      now: { type: "string" },
    },
  });
  let s;
  try {
    s = await startSandboxServer({
      port: Number(values.port),
      host: values.host,
      caissonApiKey: values["caisson-key"],
      goldstarApiKey: values["goldstar-key"],
      // Epoch milliseconds as digits, else an RFC 3339 date-time.
      now: values.now !== undefined && /^\d+$/.test(values.now) ? Number(values.now) : values.now,
    });
  } catch (e) {
    console.error(`sandbox-server: ${e?.message ?? e}`);
    process.exit(2);
  }
  // A wildcard address is not one a client can be given: name the loopback.
  const local = s.url.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//[::1]:");
  console.log(`idv-edge sandbox listening on ${s.url}`);
  console.log(`  Caisson:  baseUrl ${local}`);
  console.log(`  Goldstar: domain  ${new URL(local).host}`);
  console.log("  Ctrl+C to stop");
}
