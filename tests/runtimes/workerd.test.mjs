// workerd: wrangler bundles tests/runtimes/worker.mjs from the scratch project
// (resolving `idv-edge` through the exports map as it does for a deploy),
// then Miniflare runs the bundle in workerd and each scenario test runs there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { Miniflare } from "miniflare";

const wrangler = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

const app = process.env.IDV_APP;
if (!app) throw new Error("IDV_APP is not set: run through tests/runtimes/run.sh (make test-runtimes)");
const dir = `${app}/runtimes`;
const out = `${app}/runtimes/dist-workerd`;

let mf;
let bundle;
let names;
let singleNames;
before(async () => {
  const r = spawnSync(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", out, "--name", "idv-edge-runtimes",
    "--compatibility-date", "2026-04-01", "worker.mjs"], { cwd: dir, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  bundle = readFileSync(`${out}/worker.js`, "utf8");
  mf = new Miniflare({
    modules: true,
    scriptPath: `${out}/worker.js`,
    compatibilityDate: "2026-04-01",
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
  });
  names = await (await mf.dispatchFetch("http://worker/tests")).json();
  singleNames = await (await mf.dispatchFetch("http://worker/tests?entry=single")).json();
});
after(() => mf?.dispose());

test("workerd: wrangler bundled the workerd entries and their .wasm (clients, Sandbox) as modules", () => {
  const sources = [...bundle.matchAll(/^\/\/ (?:\.\.\/)*(node_modules\/idv-edge\/\S+)$/gm)].map((m) => m[1]);
  assert.ok(sources.includes("node_modules/idv-edge/workerd.js"), sources.join(", "));
  for (const other of ["node.js", "deno.js", "edge-light.js", "browser.js"]) {
    assert.ok(!sources.includes(`node_modules/idv-edge/${other}`), `${other} must not be bundled`);
  }
  assert.match(bundle, /^import \w+ from "\.\/\w+-idv_edge_bg\.wasm";$/m);
  assert.match(bundle, /^import \w+ from "\.\/\w+-idv_edge_sandbox_bg\.wasm";$/m);
  // The worker imports idv-edge/caisson and idv-edge/goldstar too: their workerd entries and wasm.
  for (const sub of ["caisson", "goldstar"]) {
    assert.ok(sources.includes(`node_modules/idv-edge/${sub}-workerd.js`), sources.join(", "));
    assert.match(bundle, new RegExp(`^import \\w+ from "\\./\\w+-idv_edge_${sub}_bg\\.wasm";$`, "m"));
  }
  assert.deepEqual(readdirSync(out).filter((f) => f.endsWith(".wasm")).length, 4);
});

test("workerd: the worker runs in workerd and sees the package's exports", async () => {
  const env = await (await mf.dispatchFetch("http://worker/env")).json();
  assert.equal(env.userAgent, "Cloudflare-Workers");
  for (const name of ["CaissonClient", "GoldstarClient", "IdvError", "Sandbox", "assessIdCheck", "init"]) {
    assert.ok(env.exports.includes(name), name);
  }
  assert.ok(names.length >= 6, `scenario has ${names.length} tests`);
});

// One test per scenario test, each run inside workerd. The names are known
// only once the worker answers, so they come from the scenario module itself.
const { scenario } = await import(new URL("./scenario.mjs", import.meta.url));
for (const { name } of scenario({}, {})) {
  test(`workerd: ${name}`, async () => {
    assert.ok(names.includes(name), "the worker has this test");
    const res = await mf.dispatchFetch(`http://worker/run?name=${encodeURIComponent(name)}`, { method: "POST" });
    const body = await res.json();
    assert.equal(body.error, undefined);
    assert.equal(body.ok, true);
  });
}
for (const { name } of scenario({}, {})) {
  test(`workerd, single-API entries: ${name}`, async () => {
    assert.ok(singleNames.includes(name), "the worker has this test");
    const res = await mf.dispatchFetch(`http://worker/run?entry=single&name=${encodeURIComponent(name)}`, { method: "POST" });
    const body = await res.json();
    assert.equal(body.error, undefined);
    assert.equal(body.ok, true);
  });
}
