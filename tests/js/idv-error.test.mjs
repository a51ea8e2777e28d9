// IdvError is inlined into every glue (scripts/build-pkg.mjs) and stays one
// class through its registry key on globalThis (src/bindings/idv_error.js).
// Each case runs in a fresh Node process: the registry is per global, and a
// module is loaded once per process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

const pkg = new URL("../../pkg/", import.meta.url);
const { version } = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
const key = `idv-edge.IdvError@${version}`;

/** Runs `code` (an ES module, `pkg` bound to the package's URL) in a fresh process; its stdout as JSON. */
function run(code) {
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", `const pkg = ${JSON.stringify(pkg.href)};\n${code}`], { encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

// An IdvError from the main entry's client and one from idv-edge/caisson's.
const failures = `
const failWith = (C) => { try { new C({}); } catch (e) { return e; } throw new Error("no error"); };
const main = await import(pkg + "node.js");
const caisson = await import(pkg + "caisson-node.js");
const goldstar = await import(pkg + "goldstar-node.js");
const sandbox = await import(pkg + "sandbox-node.js");
const a = failWith(main.CaissonClient), b = failWith(caisson.CaissonClient);
`;

test("the package ships no snippet modules: every glue is one file", () => {
  assert.equal(readdirSync(pkg).includes("snippets"), false);
  const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
  assert.equal(manifest.files.some((f) => f.startsWith("snippets")), false);
  for (const glue of ["idv_edge.js", "idv_edge_caisson.js", "idv_edge_goldstar.js", "idv_edge_sandbox.js"]) {
    const text = readFileSync(new URL(glue, pkg), "utf8");
    assert.doesNotMatch(text, /^import\b/m, `${glue} imports a module`);
    assert.match(text, new RegExp(`Symbol\\.for\\("${key.replace(/\./g, "\\.")}"\\)`), `${glue}: the registry key has the package version`);
    // A snippet imported twice (build.js by name and as a namespace) is
    // inlined once, as an ES module is evaluated once: one copy of its
    // tables, and one copy of its code to parse. One line from each snippet:
    // idv_error.js, build.js, body.js, args.js, sandbox_body.js.
    for (const line of ["const KEY = Symbol.for(", "const decoder = new TextDecoder(", "const TIMEOUT = 4;", "function listOf(", "function readRequestBody("]) {
      assert.ok(text.split(line).length <= 2, `${glue}: ${line} inlined more than once`);
    }
  }
});

test("one IdvError class for every entry, registered under the versioned key", () => {
  const r = run(`${failures}
const reg = globalThis[Symbol.for(${JSON.stringify(key)})];
console.log(JSON.stringify({
  same: [caisson.IdvError, goldstar.IdvError, sandbox.IdvError].every((C) => C === main.IdvError),
  registered: reg === main.IdvError,
  cross: a instanceof caisson.IdvError && b instanceof main.IdvError && b instanceof Error,
  name: b.name, code: b.code, field: b.field,
  described: Object.getOwnPropertyDescriptor(globalThis, Symbol.for(${JSON.stringify(key)})),
}));`);
  assert.equal(r.same, true, "every entry exports the same class");
  assert.equal(r.registered, true);
  assert.equal(r.cross, true, "instanceof holds across entries");
  assert.deepEqual([r.name, r.code, r.field], ["IdvError", "INVALID_ARGUMENT", "apiKey"]);
  // The property is neither enumerable, writable nor configurable (JSON drops the function value).
  assert.deepEqual(r.described, { writable: false, enumerable: false, configurable: false });
});

test("another version's class, or something else under the key, is not taken", () => {
  const r = run(`
class Other extends Error {}
Object.defineProperty(Other, "name", { value: "IdvError" });
globalThis[Symbol.for("idv-edge.IdvError@0.0.1")] = Other;
Object.defineProperty(globalThis, Symbol.for(${JSON.stringify(key)}), { value: { not: "a class" } });
${failures}
console.log(JSON.stringify({
  notOther: main.IdvError !== Other && !(a instanceof Other),
  own: a instanceof main.IdvError && b instanceof caisson.IdvError && a instanceof Error,
  name: a.name, code: a.code,
}));`);
  assert.equal(r.notOther, true);
  assert.equal(r.own, true, "each glue falls back to a class of its own");
  assert.deepEqual([r.name, r.code], ["IdvError", "INVALID_ARGUMENT"]);
});

test("a global that takes no new property: the package still loads and throws IdvErrors", () => {
  const r = run(`
Object.preventExtensions(globalThis);
${failures}
class Mine extends main.IdvError {}
console.log(JSON.stringify({
  registered: Object.getOwnPropertySymbols(globalThis).some((s) => s.description.startsWith("idv-edge.")),
  own: a instanceof main.IdvError && b instanceof caisson.IdvError && a instanceof Error,
  separate: main.IdvError !== caisson.IdvError,
  // Each glue has its own class, and instanceof still holds across them.
  cross: a instanceof caisson.IdvError && b instanceof main.IdvError && b instanceof goldstar.IdvError,
  // The brand alone does not make an IdvError: a plain error, a copy of one's
  // properties, a subclass's rule.
  notOthers: !(new Error("x") instanceof main.IdvError) && !({ ...a, name: "IdvError" } instanceof main.IdvError)
    && !(null instanceof main.IdvError) && !(b instanceof Mine) && new Mine("m") instanceof caisson.IdvError,
  name: b.name, code: b.code, field: b.field,
}));`);
  assert.equal(r.registered, false);
  assert.equal(r.own, true);
  assert.equal(r.separate, true, "a frozen global: each glue keeps its own class");
  assert.equal(r.cross, true, "instanceof holds across entries");
  assert.equal(r.notOthers, true);
  assert.deepEqual([r.name, r.code, r.field], ["IdvError", "INVALID_ARGUMENT", "apiKey"]);
});
