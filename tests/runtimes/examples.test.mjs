// www/examples/, copied into the scratch project (so `idv-edge` is the
// installed tarball), each run in its runtime against the Sandbox:
//   cloudflare-worker  wrangler bundles it with its wrangler.toml; Miniflare runs
//                      it with the bindings wrangler derives (vars, KV, .dev.vars
//                      secrets); its fetches to the real API hosts are routed to
//                      the Sandbox (outboundService)
//   deno-deploy        deno run, upstream = the Sandbox over HTTP (localhost)
//   vercel-edge        tests/runtimes/vercel-edge.mjs (see there: what it is, what not)
//   node-server        node, upstream = the Sandbox over HTTP (localhost)
// plus the README's quick starts, in Node and in Deno.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { startVercelEdge } from "./vercel-edge.mjs";

const app = process.env.IDV_APP;
if (!app) throw new Error("IDV_APP is not set: run through tests/runtimes/run.sh (make test-runtimes)");
const root = new URL("../../", import.meta.url).pathname;
const deno = `${root}tests/.tools/node_modules/.bin/deno`;
const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const examples = `${app}/examples`;
const entry = pathToFileURL(createRequire(`${app}/`).resolve("idv-edge")).href;
const { startSandboxServer } = await import(pathToFileURL(`${app}/sandbox-server.mjs`));
const idv = await import(entry);

const CKEY = "sk_example_caisson";
const GKEY = "gs_example_goldstar";
let sandboxServer;
let sandbox;

before(async () => {
  sandboxServer = await startSandboxServer({ port: 0, caissonApiKey: CKEY, goldstarApiKey: GKEY, pkg: entry });
  sandbox = sandboxServer.sandbox;
});
after(() => sandboxServer?.close());

const upstreamEnv = () => ({
  CAISSON_API_KEY: CKEY, GOLDSTAR_API_KEY: GKEY,
  CAISSON_BASE_URL: sandboxServer.url, GOLDSTAR_DOMAIN: new URL(sandboxServer.url).host,
});

const person = (ssn) => ({
  firstname: "Jamie", lastname: "Doe", address: "222333 Peachtree Place", city: "Atlanta",
  state: "GA", zip: "30318", taxpayerID: ssn, birthMonth: 6, birthDay: 30, birthYear: 1989,
});
const QUIZ_A = {
  "residence.type": "Single Family Residence", "person.not.known": "LUIS PEREIRA",
  "city.of.residence": "THORNTON", "prior.residence.state.multiyear": "KENTUCKY",
};

/** The same checks against every example's HTTP API. */
function apiTests(name, getUrl, getSandbox = () => sandbox) {
  const post = async (path, body) => {
    const r = await fetch(`${getUrl()}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
    assert.match(r.headers.get("content-type") ?? "", /application\/json/, `${path} answers JSON`);
    return { status: r.status, body: await r.json() };
  };
  test(`${name}: Caisson exchange of a clean check approves`, async () => {
    const { check_exchange_token } = getSandbox().createIdCheck({ customerId: "user_1", preset: "clean_pass" });
    const r = await post("/api/caisson/exchange", { token: check_exchange_token, customerId: "user_1" });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.match(r.body.checkId, /^chk_priv_/);
    assert.equal(r.body.decision, "approve");
    assert.deepEqual(r.body.findings, []);
    assert.deepEqual(r.body.reasons, []);
  });
  test(`${name}: Caisson blurry selfie goes to review with the reason's userAction`, async () => {
    const { check_exchange_token } = getSandbox().createIdCheck({ customerId: "user_2", preset: "blurry_selfie" });
    const r = await post("/api/caisson/exchange", { token: check_exchange_token, customerId: "user_2" });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.decision, "review");
    assert.deepEqual(r.body.findings, ["face_confidence"]);
    assert.equal(r.body.reasons.length, 1);
    assert.equal(r.body.reasons[0].code, 201);
    assert.match(r.body.reasons[0].userAction, /\S/);
    assert.ok(!JSON.stringify(r.body).includes("JAMIE"), "no personal data in the answer");
  });
  test(`${name}: a customer mismatch declines; a pending check is 503 NOT_VERIFIED`, async () => {
    const other = getSandbox().createIdCheck({ customerId: "user_3", preset: "clean_pass" }).check_exchange_token;
    const r = await post("/api/caisson/exchange", { token: other, customerId: "someone_else" });
    assert.equal(r.body.decision, "decline");
    assert.deepEqual(r.body.findings, ["customer_mismatch"]);
    const pending = getSandbox().createIdCheck({ customerId: "user_4", preset: "pending" }).check_exchange_token;
    const p = await post("/api/caisson/exchange", { token: pending, customerId: "user_4" });
    assert.equal(p.status, 503);
    assert.deepEqual(p.body, { error: "NOT_VERIFIED", retryable: true });
  });
  test(`${name}: a check id where a token is due is 400 INVALID_ARGUMENT (token), nothing sent`, async () => {
    const r = await post("/api/caisson/exchange", { token: "chk_priv_ceSB3MdzNm8M5FdEM4wSXw", customerId: "u" });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { error: "INVALID_ARGUMENT", field: "token", retryable: false });
    // A token Caisson does not know is the caller's to fix: 400, not a 5xx.
    const unknown = await post("/api/caisson/exchange", { token: "chk_xchg_NotIssuedByThisSandbox", customerId: "u" });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body, { error: "INVALID_INPUT", retryable: false });
    const bad = await post("/api/caisson/exchange", "{not json");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, "INVALID_JSON");
  });
  test(`${name}: Goldstar soft fail, then the right answers pass`, async () => {
    const v = await post("/api/goldstar/verify", person("555-01-0201"));
    assert.equal(v.status, 200, JSON.stringify(v.body));
    assert.equal(v.body.status, "questions");
    assert.deepEqual(v.body.qualifiers, ["resultcode.yob.does.not.match"]);
    assert.deepEqual(v.body.questions.map((q) => q.type), Object.keys(QUIZ_A));
    const answers = v.body.questions.map((q) => ({ type: q.type, text: QUIZ_A[q.type] }));
    const a = await post("/api/goldstar/answers", { id: v.body.id, answers, questions: v.body.questions });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.status, "passed");
  });
  test(`${name}: Goldstar hard fail, an invalid SSN (400, field only), a 500 upstream (502/503)`, async () => {
    const dead = await post("/api/goldstar/verify", person("555-01-0102"));
    assert.equal(dead.body.status, "failed");
    assert.deepEqual(dead.body.qualifiers, ["resultcode.subject.deceased"]);
    const bad = await post("/api/goldstar/verify", person("666-12-3456"));
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { error: "INVALID_ARGUMENT", field: "taxpayerID", retryable: false });
    const down = await post("/api/goldstar/verify", person("555-01-0902"));
    assert.equal(down.status, 503);
    assert.deepEqual(down.body, { error: "SERVER_ERROR", retryable: true });
    const idError = await post("/api/goldstar/verify", person("555-01-0901"));
    assert.equal(idError.status, 502);
    assert.equal(idError.body.error, "BAD_REQUEST");
  });
}

/** Starts `cmd` and resolves to the first http://127.0.0.1:PORT it prints. */
function startServer(cmd, args, { cwd, env }) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise((resolve, reject) => {
    const seen = (d) => {
      output += d;
      const m = output.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("exit", (code) => reject(new Error(`${cmd} exited ${code} before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`${cmd} did not listen within 30 s:\n${output}`)), 30_000).unref();
  });
  return { child, url, output: () => output };
}

describe("cloudflare-worker", () => {
  const dir = `${examples}/cloudflare-worker`;
  // Its own Sandbox (the KV test below moves the clock), behind the hosts.
  const upstream = new idv.Sandbox({ caissonApiKey: CKEY, goldstarApiKey: GKEY });
  let mf, url, bundle;
  before(async () => {
    // Secrets for local runs live in .dev.vars, as with `wrangler dev`.
    writeFileSync(`${dir}/.dev.vars`, `CAISSON_API_KEY=${CKEY}\nGOLDSTAR_API_KEY=${GKEY}\n`);
    const r = spawnSync(process.execPath, [wranglerBin, "deploy", "--dry-run", "--outdir", "dist"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    bundle = readFileSync(`${dir}/dist/index.js`, "utf8");
    const { workerOptions } = unstable_getMiniflareWorkerOptions(`${dir}/wrangler.toml`);
    mf = new Miniflare({
      ...workerOptions,
      name: "example",
      modules: true,
      scriptPath: `${dir}/dist/index.js`,
      modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
      // The worker calls the real hosts (https://api.caisson.com, Goldstar's
      // domain from wrangler.toml); Miniflare hands those fetches to the Sandbox.
      outboundService: async (req) => {
        const host = new URL(req.url).host;
        if (host !== "api.caisson.com" && host !== "qaservices.goldstartrust.com") {
          return new Response(`no network in tests: ${host}`, { status: 599 });
        }
        const body = ["GET", "HEAD"].includes(req.method) ? undefined : await req.arrayBuffer();
        const res = await upstream.fetch(new Request(req.url, { method: req.method, headers: Object.fromEntries(req.headers), body }));
        return new Response(await res.arrayBuffer(), { status: res.status, headers: Object.fromEntries(res.headers) });
      },
    });
    url = (await mf.ready).href.replace(/\/$/, "");
  });
  after(() => mf?.dispose());

  test("cloudflare-worker: wrangler.toml's main is bundled with the workerd entry; bindings come from it", () => {
    assert.match(bundle, /^\/\/ (\.\.\/)*node_modules\/idv-edge\/workerd\.js$/m);
    assert.doesNotMatch(bundle, /^\/\/ (\.\.\/)*node_modules\/idv-edge\/(node|browser|deno|edge-light)\.js$/m);
    const { workerOptions } = unstable_getMiniflareWorkerOptions(`${dir}/wrangler.toml`);
    assert.equal(workerOptions.bindings.GOLDSTAR_DOMAIN, "qaservices.goldstartrust.com");
    assert.equal(workerOptions.bindings.CAISSON_API_KEY, CKEY, "the secret came from .dev.vars");
    assert.ok("IDV_KV" in workerOptions.kvNamespaces);
  });
  apiTests("cloudflare-worker", () => url, () => upstream);
  test("cloudflare-worker: the exchanged check id is in KV; a repeat is answered from it", async () => {
    const { check_exchange_token } = upstream.createIdCheck({ customerId: "kv_user", preset: "clean_pass" });
    const post = () => fetch(`${url}/api/caisson/exchange`, { method: "POST", body: JSON.stringify({ token: check_exchange_token, customerId: "kv_user" }) }).then((r) => r.json());
    const first = await post();
    const kv = await mf.getKVNamespace("IDV_KV");
    const { keys } = await kv.list();
    const key = keys.map((k) => k.name).find((k) => k.endsWith(check_exchange_token));
    assert.ok(key, "stored under the token");
    assert.equal(await kv.get(key), first.checkId);
    upstream.advanceTime(3 * 3600_000); // past the token's window and the grace: only KV can answer
    const again = await post();
    assert.equal(again.checkId, first.checkId);
  });
});

describe("deno-deploy", () => {
  let server;
  before(async () => {
    server = startServer(deno, ["run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env=CAISSON_API_KEY,CAISSON_BASE_URL,GOLDSTAR_API_KEY,GOLDSTAR_DOMAIN", "main.ts"], {
      cwd: `${examples}/deno-deploy`, env: { ...upstreamEnv(), DENO_SERVE_ADDRESS: "tcp:127.0.0.1:0", NO_COLOR: "1" },
    });
    await server.url;
  });
  after(() => server?.child.kill());
  apiTests("deno-deploy", () => server.output().match(/http:\/\/127\.0\.0\.1:\d+/)[0]);
  test("deno-deploy: main.ts type-checks against the packed .d.ts (deno check)", () => {
    const r = spawnSync(deno, ["check", "main.ts"], { cwd: `${examples}/deno-deploy`, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe("vercel-edge", () => {
  let edge;
  before(async () => {
    edge = await startVercelEdge(`${examples}/vercel-edge`, upstreamEnv());
  });
  after(() => edge?.close());
  test("vercel-edge: each function bundles the edge-light entry; the two .wasm are module bindings", () => {
    assert.deepEqual([...edge.routes.keys()].sort(), ["/api/caisson/exchange", "/api/goldstar/answers", "/api/goldstar/verify"]);
    for (const { bundled } of edge.routes.values()) {
      const pkgFiles = bundled.inputs.filter((i) => i.includes("node_modules/idv-edge/")).map((i) => i.replace(/.*node_modules\/idv-edge\//, ""));
      assert.ok(pkgFiles.includes("edge-light.js"), pkgFiles.join());
      assert.ok(!pkgFiles.some((f) => ["node.js", "browser.js", "deno.js", "workerd.js"].includes(f)), pkgFiles.join());
      const wasm = bundled.wasm.map((w) => w.path.replace(/.*node_modules\/idv-edge\//, "")).sort();
      assert.deepEqual(wasm, ["idv_edge_bg.wasm", "idv_edge_sandbox_bg.wasm"]);
    }
  });
  test("vercel-edge: compiling wasm from bytes is refused in the VM, as on Vercel", async () => {
    const { runtime } = edge.routes.get("/api/goldstar/verify");
    const refused = await runtime.evaluate(`WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (e) => e.message)`);
    assert.equal(refused, "Wasm code generation disallowed by embedder");
    assert.equal(runtime.evaluate(`(() => { try { eval("1"); return "eval ran"; } catch (e) { return "refused"; } })()`), "refused");
  });
  apiTests("vercel-edge", () => edge.url);
});

describe("node-server", () => {
  let server;
  before(async () => {
    server = startServer(process.execPath, ["server.mjs"], { cwd: `${examples}/node-server`, env: { ...upstreamEnv(), PORT: "0" } });
    await server.url;
  });
  after(() => server?.child.kill());
  apiTests("node-server", () => server.output().match(/http:\/\/127\.0\.0\.1:\d+/)[0]);
});

describe("quick starts (README)", () => {
  const expectCaisson = (out) => {
    assert.match(out, /^JAMIE: review$/m);
    assert.match(out, /face_confidence: confidence\.face is below minFace \(high\)$/m);
    assert.match(out, /reason 201 \(selfie\): .+/);
  };
  const expectGoldstar = (out) => {
    assert.match(out, /qualifier resultcode\.yob\.does\.not\.match: signal \(dob_age\)/);
    assert.match(out, /^status: passed, pass on Id \d+$/m);
    assert.match(out, /^hard_stop$/m);
  };
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: examples, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  test("quick start: caisson-quickstart.mjs in Node", () => expectCaisson(run(process.execPath, ["caisson-quickstart.mjs"])));
  test("quick start: goldstar-quickstart.mjs in Node", () => expectGoldstar(run(process.execPath, ["goldstar-quickstart.mjs"])));
  test("quick start: caisson-quickstart.mjs in Deno (no permissions)", () => expectCaisson(run(deno, ["run", "--no-prompt", "caisson-quickstart.mjs"])));
  test("quick start: goldstar-quickstart.mjs in Deno (no permissions)", () => expectGoldstar(run(deno, ["run", "--no-prompt", "goldstar-quickstart.mjs"])));
});

test("the Sandbox server used here is the installed package's", () => {
  assert.ok(sandbox instanceof idv.Sandbox);
});
