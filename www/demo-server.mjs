#!/usr/bin/env node
// `make demo`: one local server for the whole demo.
//
//   node www/demo-server.mjs [--port 8787] [--host 127.0.0.1] [--runtime workerd|node]
//
// - serves the page (www/page/: plain HTML, CSS and JS, nothing from a CDN);
// - runs the edge function (www/demo/edge.mjs) in workerd through Miniflare
//   (www/demo/worker.mjs), or in this Node process with --runtime node, and
//   forwards /api/* to it;
// - plays the upstream APIs with the Sandbox, unless CAISSON_SECRET_API_KEY,
//   or GOLDSTAR_API_KEY and GOLDSTAR_DOMAIN, are set: then that API is the real
//   one (CAISSON_BASE_URL optionally picks Caisson's host);
// - serves the Sandbox's stand-ins for what a real deployment gets elsewhere:
//   POST /sandbox/caisson/button {customerId, preset} plays Caisson's browser
//   button (its idCheckCreated event's token), POST /sandbox/clock {advanceMs}
//   moves the Sandbox's clock (to skip a pending check's wait);
// - serves the simulator itself over HTTP, as www/sandbox-server.mjs does, so
//   any HTTP client can use it: the APIs' own paths (/v1/idcheck...,
//   /identification/api/v1/ops/...) and the /__sandbox/ controls, any key,
//   on a Sandbox of its own (not the one behind the page).
// PORT (env) or --port picks the port (0: any free one).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { linkPackage } from "./link-pkg.mjs";
import { createSandboxHandler, hostGuard, isSandboxPath, listen, readBody as readSandboxBody } from "./sandbox-server.mjs";

const WWW = new URL("./", import.meta.url);
const MAX_BODY = 64 * 1024;
const CUSTOMER_ID = "demo_user_42"; // the signed-in user, as a product's session would know it
// Sandbox keys: the Sandbox checks them, the page must never see them.
const SANDBOX_CAISSON_KEY = "sk_sandbox_demo_caisson_Qx7w";
const SANDBOX_GOLDSTAR_KEY = "gs_sandbox_demo_goldstar_Zr4p";
const SANDBOX_GOLDSTAR_DOMAIN = "qaservices.goldstartrust.com";
/** The Sandbox's keys, for the tests that check none reaches the page. */
export const SANDBOX_SECRETS = { caisson: SANDBOX_CAISSON_KEY, goldstar: SANDBOX_GOLDSTAR_KEY };
// Skipping a pending check's wait moves the Sandbox's clock ahead of the real
// one; the edge judges freshness with the real clock and allows 5 minutes of
// skew, so the skips stop short of that.
const MAX_CLOCK_LEAD_MS = 4 * 60 * 1000;
const PRESETS = new Set(["clean_pass", "blurry_selfie", "face_not_found", "expired_licence", "name_mismatch", "pending_then_pass", "under_review"]);

const STATIC = {
  "/": ["page/index.html", "text/html; charset=utf-8"],
  "/index.html": ["page/index.html", "text/html; charset=utf-8"],
  "/demo.css": ["page/demo.css", "text/css; charset=utf-8"],
  "/demo.js": ["page/demo.js", "text/javascript; charset=utf-8"],
  "/favicon.svg": ["page/favicon.svg", "image/svg+xml"],
};
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Starts the demo; resolves to { url, port, mode, close() }. */
export async function startDemo({ port = 8787, host = "127.0.0.1", runtime = "workerd", env = process.env } = {}) {
  linkPackage();
  const idv = await import(new URL("./node_modules/idv-edge/node.js", WWW).href);

  // Which upstream is real: a key in the environment makes it so.
  const live = {
    caisson: Boolean(env.CAISSON_SECRET_API_KEY),
    goldstar: Boolean(env.GOLDSTAR_API_KEY && env.GOLDSTAR_DOMAIN),
  };
  const sandbox = new idv.Sandbox({ caissonApiKey: SANDBOX_CAISSON_KEY, goldstarApiKey: SANDBOX_GOLDSTAR_KEY });
  // The simulator over HTTP for any client (as www/sandbox-server.mjs serves
  // it): the APIs' own paths and /__sandbox/ on this server. Its own Sandbox,
  // any key: nothing sent there reaches the demo's Sandbox or its keys.
  const overHttp = createSandboxHandler(idv);
  let origin;
  let clockLead = 0;
  const edgeEnv = {
    CUSTOMER_ID,
    CAISSON_SECRET_API_KEY: live.caisson ? env.CAISSON_SECRET_API_KEY : SANDBOX_CAISSON_KEY,
    GOLDSTAR_API_KEY: live.goldstar ? env.GOLDSTAR_API_KEY : SANDBOX_GOLDSTAR_KEY,
    GOLDSTAR_DOMAIN: live.goldstar ? env.GOLDSTAR_DOMAIN : SANDBOX_GOLDSTAR_DOMAIN,
  };
  if (live.caisson && env.CAISSON_BASE_URL) edgeEnv.CAISSON_BASE_URL = env.CAISSON_BASE_URL;
  const caissonHost = new URL(edgeEnv.CAISSON_BASE_URL ?? "https://api.caisson.com").host;
  const goldstarHost = edgeEnv.GOLDSTAR_DOMAIN.toLowerCase();

  // Every request the edge function sends upstream comes through here: to
  // the real API when it is configured, else to the Sandbox; nothing else.
  const upstream = async (request) => {
    const host = new URL(request.url).host.toLowerCase();
    const api = host === caissonHost ? "caisson" : host === goldstarHost ? "goldstar" : null;
    if (!api) return Response.json({ error: "the demo's edge function only talks to Caisson and Goldstar" }, { status: 403 });
    const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
    const copy = new Request(request.url, { method: request.method, headers: [...request.headers], body });
    return live[api] ? fetch(copy) : sandbox.fetch(copy);
  };

  // The edge function: in workerd (Cloudflare's runtime) or in this process.
  let edge, disposeEdge = async () => {};
  if (runtime === "workerd") {
    const require = createRequire(new URL("../tests/package.json", import.meta.url));
    const { Miniflare } = await import(pathToFileURL(require.resolve("miniflare")).href);
    const mf = new Miniflare({
      modules: true,
      scriptPath: fileURLToPath(new URL("./demo/worker.mjs", WWW)),
      modulesRoot: fileURLToPath(WWW),
      // The package is "type": "module": its .js files are ES modules.
      modulesRules: [
        { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
        { type: "CompiledWasm", include: ["**/*.wasm"] },
      ],
      compatibilityDate: "2025-09-01",
      bindings: edgeEnv,
      outboundService: upstream,
    });
    await mf.ready;
    edge = (url, init) => mf.dispatchFetch(url, init);
    disposeEdge = () => mf.dispose();
  } else if (runtime === "node") {
    const { createEdgeHandler } = await import(new URL("./demo/edge.mjs", WWW).href);
    const handle = createEdgeHandler(idv, edgeEnv, { fetch: upstream });
    edge = (url, init) => handle(new Request(url, init));
  } else {
    throw new Error(`unknown runtime ${runtime} (workerd or node)`);
  }

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, "cache-control": "no-store", ...headers });
    res.end(body);
  };
  const sendJson = (res, status, value) => send(res, status, JSON.stringify(value), { "content-type": "application/json; charset=utf-8" });

  const readBody = (req) => readSandboxBody(req, MAX_BODY);

  // A JSON object, or an answer for the caller: 415 for another content type
  // (a JSON one cannot be sent cross-site without a CORS preflight, which
  // this server never grants, so no other site's page can post here), 413
  // past MAX_BODY, 400 for anything but a JSON object.
  const readJson = async (req, res) => {
    if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
      sendJson(res, 415, { error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send JSON." } });
      return undefined;
    }
    let v;
    try {
      v = JSON.parse((await readBody(req)).toString("utf8"));
    } catch (e) {
      if (e?.status === 413) throw e;
      v = undefined;
    }
    if (v && typeof v === "object" && !Array.isArray(v)) return v;
    sendJson(res, 400, { error: { code: "BAD_JSON", message: "The request is not a JSON object." } });
    return undefined;
  };

  // The Sandbox's stand-ins (never part of a real deployment).
  const sandboxRoute = async (req, res, path) => {
    if (req.method !== "POST") return sendJson(res, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "Use POST." } });
    const body = await readJson(req, res);
    if (body === undefined) return;
    if (path === "/sandbox/caisson/button") {
      if (live.caisson) {
        return sendJson(res, 409, {
          error: { code: "LIVE_CAISSON", message: "Caisson is live: real tokens come from Caisson's JS button, not from the Sandbox." },
        });
      }
      if (!PRESETS.has(body.preset)) return sendJson(res, 422, { error: { code: "INVALID_ARGUMENT", message: "Pick a scenario.", field: "preset" } });
      const customerId = typeof body.customerId === "string" && body.customerId ? body.customerId : CUSTOMER_ID;
      let check_exchange_token;
      try {
        ({ check_exchange_token } = sandbox.createIdCheck({ customerId, preset: body.preset }));
      } catch (e) {
        // The Sandbox's own refusal (a customer id it does not take): the
        // caller's mistake, named by field, never echoed.
        if (!(e instanceof idv.IdvError)) throw e;
        return sendJson(res, 422, { error: { code: e.code, message: "The Sandbox refused this customer id.", field: "customerId" } });
      }
      // What the real button's idCheckCreated event hands the page.
      return sendJson(res, 201, { check_exchange_token });
    }
    if (path === "/sandbox/clock") {
      if (live.caisson) return sendJson(res, 409, { error: { code: "LIVE_CAISSON", message: "Caisson is live: there is no Sandbox clock." } });
      const want = Number(body.advanceMs);
      if (!Number.isSafeInteger(want) || want <= 0 || want > 60_000) {
        return sendJson(res, 422, { error: { code: "INVALID_ARGUMENT", message: "advanceMs: 1 to 60000.", field: "advanceMs" } });
      }
      if (clockLead + want > MAX_CLOCK_LEAD_MS) {
        return sendJson(res, 409, {
          error: { code: "CLOCK_LEAD", message: "The Sandbox's clock is already far ahead: wait for the check, or restart the demo." },
        });
      }
      sandbox.advanceTime(want);
      clockLead += want;
      return sendJson(res, 200, { advancedMs: want });
    }
    return sendJson(res, 404, { error: { code: "NOT_FOUND", message: "No such route." } });
  };

  // The names this server answers to (sandbox-server.mjs's hostGuard). A
  // page on another site can still reach a local server through a name it
  // controls that resolves here (DNS rebinding) and, with a live key
  // configured, run billable verifications: so any other Host is refused,
  // also when bound to a wildcard address (then this machine's own
  // addresses and name are its names).
  const hostAllowed = hostGuard(host);
  let listening = 0;

  const server = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req.headers.host, listening)) {
        return sendJson(res, 421, { error: { code: "MISDIRECTED", message: "This demo server only answers to its own address." } });
      }
      const url = new URL(req.url, "http://localhost");
      const path = url.pathname;
      if (path.startsWith("/api/")) {
        const body = ["GET", "HEAD"].includes(req.method) ? undefined : await readBody(req);
        const headers = Object.entries(req.headers).filter(([, v]) => typeof v === "string");
        // The path of the target (an absolute-form one names another host).
        const response = await edge(`http://${req.headers.host || "localhost"}${path}${url.search}`, { method: req.method, headers, body });
        const out = Buffer.from(await response.arrayBuffer());
        return send(res, response.status, out, { "content-type": response.headers.get("content-type") ?? "application/json" });
      }
      if (path.startsWith("/sandbox/")) return await sandboxRoute(req, res, path);
      if (path === "/demo/config" && req.method === "GET") {
        return sendJson(res, 200, {
          runtime,
          customerId: CUSTOMER_ID,
          caisson: live.caisson ? "live" : "sandbox",
          goldstar: live.goldstar ? "live" : "sandbox",
        });
      }
      const file = STATIC[path];
      if (file && (req.method === "GET" || req.method === "HEAD")) {
        const data = await readFile(new URL(file[0], WWW));
        return send(res, 200, req.method === "HEAD" ? undefined : data, { "content-type": file[1] });
      }
      if (isSandboxPath(path)) return await overHttp.handle(req, res, origin);
      return send(res, 404, "Not found", { "content-type": "text/plain; charset=utf-8" });
    } catch (e) {
      if (!res.headersSent) sendJson(res, e?.status ?? 500, { error: { code: "DEMO_SERVER", message: e?.status === 413 ? "Too large." : e?.status ? "Bad request." : "Internal error." } });
      else res.end();
    }
  });
  const { port: actual, origin: at } = await listen(server, port, host);
  listening = actual;
  origin = at;
  return {
    url: `${origin}/`,
    port: actual,
    live,
    runtime,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      await disposeEdge();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: process.env.PORT ?? "8787" },
      host: { type: "string", default: "127.0.0.1" },
      runtime: { type: "string", default: process.env.DEMO_RUNTIME ?? "workerd" },
    },
  });
  let demo;
  try {
    demo = await startDemo({ port: Number(values.port), host: values.host, runtime: values.runtime });
  } catch (e) {
    console.error(`demo: could not start: ${e.code === "EADDRINUSE" ? `port ${values.port} is in use (PORT=... make demo picks another)` : e.message}`);
    process.exit(1);
  }
  const mode = (api) => (demo.live[api] ? "the real API" : "the Sandbox");
  console.log(`idv-edge demo: ${demo.url}`);
  console.log(`  edge function: ${demo.runtime === "workerd" ? "workerd (Cloudflare's runtime, through Miniflare)" : "Node"}`);
  console.log(`  Caisson: ${mode("caisson")}; Goldstar: ${mode("goldstar")}`);
  console.log(`  the Sandbox over HTTP, any key: CaissonClient baseUrl ${demo.url.slice(0, -1)}, GoldstarClient domain ${new URL(demo.url).host}`);
  console.log(`    (POST ${demo.url}__sandbox/idcheck {"customerId": ..., "preset": ...} plays the button)`);
  console.log("  Ctrl+C to stop");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await demo.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
