// Node (node --test), run from the scratch project that installed the packed
// tarball: `idv-edge` is resolved by Node itself through the exports map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as idv from "idv-edge";
import * as caissonOnly from "idv-edge/caisson";
import * as goldstarOnly from "idv-edge/goldstar";
import { Sandbox as SandboxOnly } from "idv-edge/sandbox";
import { scenario } from "./scenario.mjs";

for (const t of scenario(idv)) test(t.name, t.run);
// The same scenario on the single-API entries (each client in its own wasm).
const single = { ...caissonOnly, ...goldstarOnly, Sandbox: SandboxOnly };
for (const t of scenario(single)) test(`single-API entries: ${t.name}`, t.run);

test("node: idv-edge/caisson and idv-edge/goldstar resolve to their node entries, one IdvError class for all", () => {
  assert.match(import.meta.resolve("idv-edge/caisson"), /\/node_modules\/idv-edge\/caisson-node\.js$/);
  assert.match(import.meta.resolve("idv-edge/goldstar"), /\/node_modules\/idv-edge\/goldstar-node\.js$/);
  assert.equal(caissonOnly.IdvError, idv.IdvError);
  assert.equal(goldstarOnly.IdvError, idv.IdvError);
  assert.equal(caissonOnly.GoldstarClient, undefined);
  assert.equal(goldstarOnly.CaissonClient, undefined);
});

const entry = fileURLToPath(import.meta.resolve("idv-edge"));
const pkgDir = entry.slice(0, entry.lastIndexOf("/"));

test("node: `import` resolves to the installed package's node.js entry", () => {
  assert.match(entry, /\/node_modules\/idv-edge\/node\.js$/);
  assert.ok(!entry.includes("/pkg/"), "not the source tree");
});

test("node: require() gives the same module (Node >= 20.19), without warnings", () => {
  const require = createRequire(import.meta.url);
  const cjs = require("idv-edge");
  assert.equal(cjs.Sandbox, idv.Sandbox, "one module instance for import and require");
  const file = fileURLToPath(new URL("./require-probe.cjs", import.meta.url));
  writeFileSync(file, `const { describeCaissonReason, IdvError } = require("idv-edge");
console.log(describeCaissonReason(202).category, typeof IdvError);\n`);
  const r = spawnSync(process.execPath, [file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "selfie function\n");
  assert.equal(r.stderr, "");
});

test("node: init() is exported and returns at once when already initialised", async () => {
  assert.equal(typeof idv.init, "function");
  const exports1 = await idv.init();
  const exports2 = await idv.init();
  assert.equal(exports1, exports2);
  assert.ok(exports1.memory instanceof WebAssembly.Memory);
  assert.equal(idv.default, undefined, "no default export (the types say so too)");
});

test("node: the package ships the client wasm (both APIs, and each alone), the Sandbox wasm, their glue and a small entry per runtime", () => {
  // The Sandbox is its own wasm (issue 6: it costs the clients 63 KB gzip),
  // instantiated only by `new Sandbox()` or the idv-edge/sandbox entries;
  // idv-edge/caisson and idv-edge/goldstar each load one client's wasm.
  const files = readdirSync(pkgDir).sort();
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), [
    "idv_edge_bg.wasm", "idv_edge_caisson_bg.wasm", "idv_edge_goldstar_bg.wasm", "idv_edge_sandbox_bg.wasm",
  ]);
  const entries = ["node.js", "deno.js", "workerd.js", "edge-light.js", "browser.js"];
  const glue = ["idv_edge.js", "idv_edge_sandbox.js", "idv_edge_caisson.js", "idv_edge_goldstar.js"];
  for (const f of [...entries, ...glue, "index.d.ts", "caisson.d.ts", "goldstar.d.ts", "package.json", "README.md", "LICENSE"]) {
    assert.ok(files.includes(f), f);
  }
  const subEntries = ["sandbox", "caisson", "goldstar"].flatMap((sub) => entries.map((e) => `${sub}-${e}`));
  assert.deepEqual(files.filter((f) => f.endsWith(".js") && !glue.includes(f)).sort(), [...entries, ...subEntries].sort());
});
