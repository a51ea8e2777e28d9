// The installed package's exports map, resolved with each runtime's
// conditions (as its resolver or bundler sets them): each gets its own entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolveEntry } from "./resolve.mjs";

const app = process.env.IDV_APP;
if (!app) throw new Error("IDV_APP is not set: run through tests/runtimes/run.sh (make test-runtimes)");

const cases = [
  ["Cloudflare (wrangler: workerd, worker, browser)", ["workerd", "worker", "browser"], "import", "workerd.js"],
  ["Vercel Edge / Next.js edge (edge-light, worker, browser)", ["edge-light", "worker", "browser"], "import", "edge-light.js"],
  ["Deno (deno, node, import)", ["deno", "node"], "import", "deno.js"],
  ["Node import (node, import)", ["node"], "import", "node.js"],
  ["Node require (node, require)", ["node"], "require", "node.js"],
  ["Bun (bun, node, import)", ["bun", "node"], "import", "node.js"],
  ["browser bundlers (browser, import, module)", ["browser", "module"], "import", "browser.js"],
  ["anything else (default)", [], "import", "browser.js"],
];
for (const [name, conditions, kind, want] of cases) {
  test(`exports: ${name} -> ${want}`, async () => {
    assert.equal(await resolveEntry(app, conditions, kind), want);
  });
}

// The single-API entries resolve the same way, each to its own file.
for (const sub of ["caisson", "goldstar", "sandbox"]) {
  for (const [name, conditions, kind, want] of cases) {
    const file = want.replace(/^/, `${sub}-`);
    test(`exports: idv-edge/${sub}, ${name} -> ${file}`, async () => {
      assert.equal(await resolveEntry(app, conditions, kind, `idv-edge/${sub}`), file);
    });
  }
}

const manifest = JSON.parse(readFileSync(`${app}/node_modules/idv-edge/package.json`, "utf8"));

test("exports: types come first and every condition is in the documented order", () => {
  const keys = Object.keys(manifest.exports["."]);
  assert.deepEqual(keys, ["types", "workerd", "edge-light", "deno", "node", "browser", "default"]);
  assert.equal(manifest.exports["."].types, "./index.d.ts");
  assert.deepEqual(manifest.exports["."].node, { import: "./node.js", require: "./node.js" });
});

test("exports: every entry file is listed in sideEffects and none uses top-level await", () => {
  const base = ["node.js", "workerd.js", "edge-light.js", "deno.js", "browser.js"];
  for (const entry of [...base, ...["caisson", "goldstar", "sandbox"].flatMap((sub) => base.map((e) => `${sub}-${e}`))]) {
    assert.ok(manifest.sideEffects.includes(`./${entry}`), entry);
    const src = readFileSync(`${app}/node_modules/idv-edge/${entry}`, "utf8");
    // The entries are generated with top-level statements at column 0 and
    // function bodies indented: an unindented await is a top-level one.
    assert.doesNotMatch(src, /^(const|let|var)?[^/\s][^/\n]*\bawait\b/m, `${entry} has a top-level await`);
    assert.doesNotMatch(src, /^await\b/m, `${entry} has a top-level await`);
  }
});

test("exports: workerd and edge-light entries import the .wasm as a module (no compiling from bytes)", () => {
  const read = (f) => readFileSync(`${app}/node_modules/idv-edge/${f}`, "utf8");
  assert.match(read("workerd.js"), /^import wasmModule from "\.\/idv_edge_bg\.wasm";$/m);
  assert.match(read("edge-light.js"), /^import wasmModule from "\.\/idv_edge_bg\.wasm\?module";$/m);
  assert.match(read("deno.js"), /^import source wasmModule from "\.\/idv_edge_bg\.wasm";$/m);
  for (const f of ["workerd.js", "edge-light.js", "deno.js"]) {
    assert.doesNotMatch(read(f), /readFile|fetch\(|atob|base64/, f);
  }
});
