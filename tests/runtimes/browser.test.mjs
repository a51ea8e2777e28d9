// Headless Chromium: a page served from the scratch project loads the
// package's browser entry (the file its exports map gives for the "browser"
// condition) through an import map, awaits init() and runs the shared
// scenario with dangerouslyAllowBrowser. Only 127.0.0.1 may be contacted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { normalize } from "node:path";
import { chromium } from "playwright-core";
import { resolveEntry } from "./resolve.mjs";

const app = process.env.IDV_APP;
if (!app) throw new Error("IDV_APP is not set: run through tests/runtimes/run.sh (make test-runtimes)");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
const served = [];
let server, base, browser, page, entry;
const outside = [];
const consoleErrors = [];

before(async () => {
  entry = await resolveEntry(app, ["browser", "module"]);
  const imports = { "idv-edge": `/node_modules/idv-edge/${entry}` };
  for (const sub of ["caisson", "goldstar", "sandbox"]) {
    imports[`idv-edge/${sub}`] = `/node_modules/idv-edge/${await resolveEntry(app, ["browser", "module"], "import", `idv-edge/${sub}`)}`;
  }
  const importMap = JSON.stringify({ imports });
  server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    served.push(path);
    // browser-paths.html's copies of the .wasm, as a bundler's assets.
    const assets = { "/assets/client.wasm": "idv_edge_bg.wasm", "/assets/sandbox.wasm": "idv_edge_sandbox_bg.wasm" };
    if (assets[path]) path = `/node_modules/idv-edge/${assets[path]}`;
    const ext = path.slice(path.lastIndexOf("."));
    if (path.includes("..") || !TYPES[ext]) return res.writeHead(404).end();
    try {
      let body = await readFile(`${app}${path}`);
      if (path === "/runtimes/browser.html" || path === "/runtimes/browser-paths.html") body = body.toString("utf8").replace("<!--IMPORTMAP-->", `<script type="importmap">${importMap}</script>`);
      res.writeHead(200, { "content-type": TYPES[ext] }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage();
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${base}/runtimes/browser.html`);
  await page.waitForFunction(() => window.idvTests !== undefined, null, { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
});

test("chromium: the browser condition gives browser.js (and caisson-, goldstar-, sandbox-browser.js); init() fetched each .wasm next to its glue", async () => {
  assert.equal(entry, "browser.js");
  const state = await page.evaluate(() => window.idvTests.error ?? null);
  assert.equal(state, null);
  for (const f of ["browser.js", "idv_edge.js", "caisson-browser.js", "goldstar-browser.js", "sandbox-browser.js"]) {
    assert.ok(served.includes(`/node_modules/idv-edge/${f}`), f);
  }
  assert.deepEqual(served.filter((p) => p.endsWith(".wasm")).sort(), [
    "/node_modules/idv-edge/idv_edge_bg.wasm", "/node_modules/idv-edge/idv_edge_caisson_bg.wasm",
    "/node_modules/idv-edge/idv_edge_goldstar_bg.wasm", "/node_modules/idv-edge/idv_edge_sandbox_bg.wasm",
  ]);
  for (const other of ["node.js", "deno.js", "workerd.js", "edge-light.js"]) {
    assert.ok(!served.includes(`/node_modules/idv-edge/${other}`), other);
  }
  assert.equal(await page.evaluate(() => typeof window.document), "object", "a real page");
});

const { scenario } = await import(new URL("./scenario.mjs", import.meta.url));
for (const { name } of scenario({}, { browser: true })) {
  test(`chromium: ${name}`, async () => {
    const names = await page.evaluate(() => window.idvTests.names);
    assert.ok(names.includes(name));
    const r = await page.evaluate((n) => window.idvTests.run(n), name);
    assert.equal(r.error, undefined);
    assert.equal(r.ok, true);
  });
}

for (const { name } of scenario({}, { browser: true })) {
  test(`chromium, single-API entries: ${name}`, async () => {
    const names = await page.evaluate(() => window.idvSingle.names);
    assert.ok(names.includes(name));
    const r = await page.evaluate((n) => window.idvSingle.run(n), name);
    assert.equal(r.error, undefined);
    assert.equal(r.ok, true);
  });
}

const loaders = [["init({ sandbox_module_or_path })", ""], ["idv-edge/sandbox's init", "?via=entry"]];
for (const [how, query] of loaders) test(`chromium: init({ module_or_path }) loads the clients from that URL and not the Sandbox; ${how} then loads it`, async () => {
  // A bundle made by esbuild: the .wasm files copied to /assets/, nothing next to the entry (an audit's finding: init
  // fetched the Sandbox's wasm next to the bundle whatever it was given, and failed there).
  const paths = await browser.newPage();
  const warnings = [];
  paths.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") warnings.push(m.text()); });
  paths.on("pageerror", (e) => warnings.push(String(e)));
  try {
    await paths.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
    await paths.goto(`${base}/runtimes/browser-paths.html${query}`);
    await paths.waitForFunction(() => window.idvPaths !== undefined, null, { timeout: 20_000 });
    const out = await paths.evaluate(() => window.idvPaths);
    assert.equal(out.error, undefined);
    assert.equal(out.beforeInit.length, 5);
    for (const m of out.beforeInit) assert.match(m, /^Error: idv-edge: its wasm is not loaded yet: await init\(\) first/);
    assert.equal(out.url, "https://api.caisson.com/v1/idcheck/exchangetoken");
    assert.match(out.sandbox, /^Error: new Sandbox\(\): its wasm is not loaded: .*sandbox_module_or_path/);
    assert.deepEqual(out.fetchedBefore, ["/assets/client.wasm"]);
    assert.equal(out.isSandbox, true);
    assert.equal(out.customer, "user_paths");
    assert.deepEqual(out.fetchedAfter, ["/assets/client.wasm", "/assets/sandbox.wasm"]);
    assert.deepEqual(warnings, []);
  } finally {
    await paths.close();
  }
});

test("chromium: nothing outside 127.0.0.1 was requested, and no console errors", () => {
  assert.deepEqual(outside, []);
  assert.deepEqual(consoleErrors, []);
});
