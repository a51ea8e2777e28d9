// Turns wasm-pack's `--target web` output in pkg/ into the one npm package:
// the clients' wasm and glue (both APIs, and each alone), the Sandbox's, a
// small entry per runtime, and the exports map.
// Follows ../shared/reference/packaging.md. Run by `make pkg`; never edit pkg/ by hand.
import { readFileSync, readdirSync, writeFileSync, existsSync, cpSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");
const name = "idv_edge";
// The Sandbox is a second build of the crate (feature `sandbox` alone), made
// by `make pkg` into this directory: its wasm, glue and types join pkg/.
const sandboxBuild = resolve(process.argv[2] ?? join(root, "target/pkg-sandbox"));
const sb = "idv_edge_sandbox";

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const field = (k) => (cargo.match(new RegExp(`^${k} = "([^"]*)"`, "m")) || [])[1];

// 1. The JS snippets (src/bindings/: idv_error.js, build.js, browser.js,
// date.js; src/transport/body.js) inlined into each glue: a module file of its own costs Node a
// resolve, a read and a link at import (IdvError's cost a cold start about
// 2 ms on the bench machine; see bench/README.md, Cold start). Each one
// keeps its own scope (a function); its exports become the object the glue
// imported. IdvError stays one class across the glues through its registry
// key (src/bindings/idv_error.js), which gets the package version here.
const errorKey = "idv-edge.IdvError@dev";

// 1a. wasm-bindgen writes each `catch` import as `function() { return
// handleError(function (arg0, arg1) {...}, arguments); }`: a JS function of
// no declared parameters for a wasm import of several, which V8 calls
// through an arity-adapting wrapper compiled at instantiation, one more per
// such signature. Declaring the parameters (the same `arguments` pass on)
// lets those imports use the wrappers V8 compiled with the module.
function declareCatchParams(glueJs) {
  const out = glueJs.replace(/function\(\) \{ return handleError\(function \(([^)]*)\) \{/g,
    (_, params) => `function(${params}) { return handleError(function (${params}) {`);
  if (/function\(\) \{ return handleError\(function \([^)]/.test(out)) throw new Error("build-pkg: a catch import left without its parameters");
  return out;
}

// 1a, too: each exported class's methods guarded (src/bindings/guard.js): a call
// on a freed object, or with a `this` that is not one, is an IdvError (a
// rejected promise for the methods that return one) and never enters the
// wasm; a second `free()` does nothing. The promise-returning methods are
// read from the glue's own JSDoc (`@returns {Promise<...>}`).
const GUARD_API = { CaissonClient: "caisson", GoldstarClient: "goldstar", Sandbox: "caisson" };
function guardClasses(glueJs) {
  if (glueJs.includes("__idvGuard(")) throw new Error("build-pkg: this glue was finished already: run `make pkg`, which builds it afresh");
  const classes = [...glueJs.matchAll(/^export class (\w+) \{$/gm)].map((m) => m[1]);
  let out = glueJs;
  const calls = [];
  for (const c of classes) {
    if (!(c in GUARD_API)) throw new Error(`build-pkg: no API for the exported class ${c} (GUARD_API)`);
    const reg = `${c}Finalization.register(this, this.__wbg_ptr, this);`;
    const found = out.split(reg).length - 1;
    if (found !== 1) throw new Error(`build-pkg: ${c}'s constructor registration found ${found} times (expected once)`);
    out = out.replace(reg, `${reg}\n        __idvLive.set(this, ${c});`);
    const start = out.indexOf(`export class ${c} {`);
    const body = out.slice(start, out.indexOf("\n}\n", start));
    const asyncNames = [...body.matchAll(/@returns \{Promise<[\s\S]*?\*\/\s*(\w+)\(/g)].map((m) => m[1]);
    calls.push(`__idvGuard(${c}, ${JSON.stringify(GUARD_API[c])}, ${JSON.stringify(asyncNames)});`);
  }
  if (!calls.length) return out;
  return `${out}\n${readFileSync(join(root, "src/bindings/guard.js"), "utf8")}\n${calls.join("\n")}\n`;
}

// 1a, too: the glue's `wasm` (the instance's exports) starts as a stand-in
// that throws a plain "await init() first" Error on any use, instead of
// `undefined`: a browser page that builds a client or calls a function
// before init() resolves (or after it failed) got wasm-bindgen's "Cannot
// read properties of undefined (reading 'caissonclient_new')". The glue's
// own "already loaded?" checks compare against the stand-in. The server
// entries load the wasm on import, so they never see it.
function guardLoad(glueJs) {
  const decl = "let wasmModule, wasmInstance, wasm;";
  const loaded = "if (wasm !== undefined) return wasm;";
  const count = (s) => glueJs.split(s).length - 1;
  if (count(decl) !== 1 || count(loaded) !== 2 || count("wasm === undefined") !== 0) {
    throw new Error("build-pkg: the glue's wasm declaration or its loaded checks changed: update guardLoad");
  }
  const standIn = `const __idvNotLoaded = new Proxy({}, {
    get() {
        throw new Error("idv-edge: its wasm is not loaded yet: await init() first (in a browser; the server entries load it on import), and check that init() succeeded");
    },
});
let wasmModule, wasmInstance, wasm = __idvNotLoaded;`;
  return glueJs.replace(decl, standIn).replaceAll(loaded, "if (wasm !== __idvNotLoaded) return wasm;");
}

/** `glueJs` (from a build in `dir`) with every snippet inlined, exporting
 * IdvError, its catch imports' parameters declared and its classes guarded. */
function finishGlue(glueJs, dir) {
  const inlineSnippet = (path) => {
    let text = readFileSync(join(dir, path), "utf8");
    if (path.endsWith("/idv_error.js")) {
      if (!text.includes(`"${errorKey}"`)) throw new Error(`build-pkg: ${path} has no "${errorKey}" key`);
      text = text.replace(`"${errorKey}"`, JSON.stringify(`idv-edge.IdvError@${field("version")}`));
    }
    const names = [];
    const body = text.replace(/^export (async function|function|const|let|class) (\w+)/gm, (_, kw, id) => {
      names.push(id);
      return `${kw} ${id}`;
    });
    if (/^\s*export\b/m.test(body) || /^\s*import\b/m.test(body)) throw new Error(`build-pkg: ${path}: only \`export function|const|let|class\` can be inlined`);
    return `(() => {\n${body}\nreturn { ${names.join(", ")} };\n})()`;
  };
  // The glue exports IdvError, the class of idv_error.js; it imports it
  // itself only where a Rust function uses the class (none in the package:
  // the instance check is for the wasm tests), so take it along here.
  glueJs = glueJs.replace(/^import \{([^}]*)\} from '(\.\/snippets\/[^']*\/idv_error\.js)';?$/m,
    (line, names, path) => (/\bIdvError\b/.test(names) ? line : `import {${names.replace(/\s*$/, "")}, IdvError } from '${path}';`));
  // One copy of each snippet, however many import lines name it: the glue
  // imports build.js both by name (for its shims) and as a namespace (for the
  // functions the wasm imports directly), and an ES module is evaluated once,
  // so its tables and TextDecoder are one. The import lines come first in
  // the glue, so each copy is defined before anything uses it.
  const snippets = new Map();
  const importLine = /^import (?:\{([^}]*)\}|\* as (\w+)) from ["'](\.\/snippets\/[^"']*)["'];?\n/gm;
  let out = glueJs.replace(importLine, (_, names, ns, path) => {
    let first = "";
    if (!snippets.has(path)) {
      const id = ns ?? `__idvSnippet${snippets.size}`;
      snippets.set(path, id);
      first = `const ${id} = ${inlineSnippet(path)};\n`;
      if (ns) return first;
    }
    const id = snippets.get(path);
    return first + (ns ? `const ${ns} = ${id};\n` : `const {${names}} = ${id};\n`);
  });
  const leftover = [...out.matchAll(/from ["'](\.\/snippets\/[^"']*)["']/g)].map((m) => m[1]);
  if (leftover.length) throw new Error(`build-pkg: snippet imports left in the glue: ${leftover.join(", ")}`);
  if (!/^const \{[^}]*\bIdvError\b[^}]*\} = /m.test(out)) throw new Error("build-pkg: the glue does not take IdvError from its snippet");
  if (!out.includes("export { IdvError };")) out += "\nexport { IdvError };\n";
  return guardClasses(guardLoad(declareCatchParams(out)));
}
const glue = join(pkg, `${name}.js`);
let js = finishGlue(readFileSync(glue, "utf8"), pkg);
writeFileSync(glue, js);
// The inlined files are not shipped (nothing else imports them).
rmSync(join(pkg, "snippets"), { recursive: true, force: true });
const dts = join(pkg, `${name}.d.ts`);
let types = readFileSync(dts, "utf8");
if (!types.includes("declare class IdvError")) {
  types += "\n" + readFileSync(join(root, "src/bindings/idv_error.d.ts"), "utf8");
  writeFileSync(dts, types);
}

// 1b. The Sandbox build: its wasm, glue and types into pkg/. Its glue takes
// the same IdvError class as the clients' (the registry key), so
// `instanceof IdvError` holds for errors from either.
for (const f of [`${sb}_bg.wasm`, `${sb}.js`, `${sb}.d.ts`, `${sb}_bg.wasm.d.ts`]) {
  if (!existsSync(join(sandboxBuild, f))) throw new Error(`build-pkg: ${f} is missing from ${sandboxBuild}: run make pkg`);
  cpSync(join(sandboxBuild, f), join(pkg, f));
}
const sbGlue = join(pkg, `${sb}.js`);
writeFileSync(sbGlue, finishGlue(readFileSync(sbGlue, "utf8"), sandboxBuild));
const sbDts = join(pkg, `${sb}.d.ts`);
let sbTypes = readFileSync(sbDts, "utf8");
if (!sbTypes.includes("export { IdvError }")) {
  sbTypes += `\nexport { IdvError } from "./${name}.js";\n`;
  writeFileSync(sbDts, sbTypes);
}
// The main types re-export the Sandbox (see the lazy Sandbox in the entries).
const sandboxTypes = ["SandboxInit", "SandboxIdCheck", "SandboxIdCheckInfo", "SandboxCheckState", "SandboxPreset"];
for (const t of sandboxTypes) {
  if (!new RegExp(`export (type|interface) ${t}\\b`).test(sbTypes)) throw new Error(`build-pkg: ${t} is missing from ${sb}.d.ts`);
}
types = readFileSync(dts, "utf8");
if (!types.includes(`from "./${sb}.js"`)) {
  // The option types as written in src/bindings/sandbox.rs (declared here
  // too, so this file names them itself), and the class from its module.
  const rs = readFileSync(join(root, "src/bindings/sandbox.rs"), "utf8");
  const ts = (rs.match(/const TS: &str = r#"([\s\S]*?)"#;/) || [])[1];
  if (!ts) throw new Error("build-pkg: no TypeScript section in src/bindings/sandbox.rs");
  types += `${ts}\n/** The in-process simulator (a second wasm, instantiated on the first \`new Sandbox()\`). */\nexport { Sandbox } from "./${sb}.js";\n`;
  writeFileSync(dts, types);
}

// 1c. The single-API builds (features `caisson` and `goldstar` alone) for
// `idv-edge/caisson` and `idv-edge/goldstar`: an edge function that talks to
// one API loads only that API's wasm (see bench/README.md).
// Their glue gets its snippets inlined too (IdvError: the same class).
const singles = [
  { key: "caisson", base: `${name}_caisson`, build: resolve(process.argv[3] ?? join(root, "target/pkg-caisson")), other: "GoldstarClient" },
  { key: "goldstar", base: `${name}_goldstar`, build: resolve(process.argv[4] ?? join(root, "target/pkg-goldstar")), other: "CaissonClient" },
];
for (const one of singles) {
  for (const f of [`${one.base}_bg.wasm`, `${one.base}.js`, `${one.base}.d.ts`, `${one.base}_bg.wasm.d.ts`]) {
    if (!existsSync(join(one.build, f))) throw new Error(`build-pkg: ${f} is missing from ${one.build}: run make pkg`);
  }
  for (const f of [`${one.base}_bg.wasm`, `${one.base}.d.ts`, `${one.base}_bg.wasm.d.ts`]) cpSync(join(one.build, f), join(pkg, f));
  const g = finishGlue(readFileSync(join(one.build, `${one.base}.js`), "utf8"), one.build);
  if (new RegExp(`class ${one.other}\\b`).test(g)) throw new Error(`build-pkg: the ${one.key} glue has ${one.other}`);
  writeFileSync(join(pkg, `${one.base}.js`), g);
  const d = join(pkg, `${one.base}.d.ts`);
  const t = readFileSync(d, "utf8");
  if (!t.includes("IdvError }")) writeFileSync(d, `${t}\nexport { IdvError } from "./${name}.js";\n`);
}

// 2. One entry per runtime. None uses top-level await (Node's require() of an
// ES module forbids it); each initializes synchronously where the runtime
// allows, and `init` is exported everywhere (a no-op once initialized).
// `Sandbox` is exported from every main entry too, but its wasm is only
// instantiated by the first `new Sandbox()` (a Proxy on the class), so code
// that never builds one does not pay for it at start-up. `idv-edge/sandbox`
// (the sandbox-*.js entries) instantiates it at import.
const reexport = `export * from "./${name}.js";\nexport { default as init } from "./${name}.js";\n`;
const lazySandbox = (load) => `import { Sandbox as SandboxClass, initSync as initSandboxSync } from "./${sb}.js";
let sandboxReady = false;
/** The Sandbox class; its wasm is instantiated by the first \`new Sandbox()\`. */
export const Sandbox = new Proxy(SandboxClass, {
  construct(target, args, newTarget) {
    if (!sandboxReady) {
      initSandboxSync({ module: ${load} });
      sandboxReady = true;
    }
    return Reflect.construct(target, args, newTarget);
  },
});
`;
const nodeWasm = (f) => `readFileSync(new URL("./${f}", import.meta.url))`;
// Node: the Sandbox's glue is not even loaded until the first \`new Sandbox()\`
// (require() of an ES module, synchronous since Node 20.19; the same module
// instance \`import\` gives). The class is a Proxy over a stand-in that hands
// every construct, call, property and prototype lookup to the real class.
// Before Node 20.19 (no require() of an ES module) the first \`new Sandbox()\`
// from this entry throws and says to import "idv-edge/sandbox" instead; the
// clients work on every Node >= 20. node:fs and node:module are static imports
// (process.getBuiltinModule would save ~2 ms but needs Node >= 20.16).
const nodeLazySandbox = `let SandboxClass;
function loadSandbox() {
  if (SandboxClass === undefined) {
    let glue;
    try {
      glue = createRequire(import.meta.url)("./${sb}.js");
    } catch (e) {
      if (e?.code !== "ERR_REQUIRE_ESM") throw e;
      throw new Error('new Sandbox() from "idv-edge" needs require() of an ES module (on by default from Node 20.19 and 22.12; off in 22.0-22.11 and with --no-experimental-require-module): there, import { Sandbox } from "idv-edge/sandbox"');
    }
    glue.initSync({ module: ${nodeWasm(`${sb}_bg.wasm`)} });
    SandboxClass = glue.Sandbox;
  }
  return SandboxClass;
}
/** The Sandbox class; its glue and wasm are loaded by the first \`new Sandbox()\`. */
export const Sandbox = new Proxy(function Sandbox() {}, {
  construct(_, args, newTarget) {
    const target = loadSandbox();
    return Reflect.construct(target, args, newTarget === Sandbox ? target : newTarget);
  },
  apply(_, self, args) {
    return Reflect.apply(loadSandbox(), self, args);
  },
  get(_, key) {
    return Reflect.get(loadSandbox(), key);
  },
  set(_, key, value) {
    return Reflect.set(loadSandbox(), key, value);
  },
  has(_, key) {
    return Reflect.has(loadSandbox(), key);
  },
  getPrototypeOf() {
    return Reflect.getPrototypeOf(loadSandbox());
  },
});
`;
/** The five runtime entries (`${prefix}-node.js`, ...) of a glue that
 * loads its own wasm at import, as the main entries do (browsers: `await
 * init()`); `tail` is what they export, `browser` the browser entry. */
function standalone(prefix, glue, tail, browser, head = "") {
  const load = (wasmImport) => `${head}${wasmImport}
import { initSync } from "./${glue}.js";
initSync({ module: wasmModule });
${tail}`;
  return {
    [`${prefix}-node.js`]: `${head}import { readFileSync } from "node:fs";
import { initSync } from "./${glue}.js";
initSync({ module: ${nodeWasm(`${glue}_bg.wasm`)} });
${tail}`,
    [`${prefix}-workerd.js`]: load(`import wasmModule from "./${glue}_bg.wasm";`),
    [`${prefix}-edge-light.js`]: load(`import wasmModule from "./${glue}_bg.wasm?module";`),
    [`${prefix}-deno.js`]: load(`import source wasmModule from "./${glue}_bg.wasm";`),
    [`${prefix}-browser.js`]: `${head}${browser}`,
  };
}
const entries = {
  "node.js": `// Node >= 20: read the wasm next to this file and instantiate it synchronously.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync } from "./${name}.js";
initSync({ module: ${nodeWasm(`${name}_bg.wasm`)} });
${reexport}${nodeLazySandbox}`,
  "workerd.js": `// Cloudflare workerd: the bundler hands over a compiled WebAssembly.Module
// (compiling bytes at run time is forbidden there).
import wasmModule from "./${name}_bg.wasm";
import sandboxModule from "./${sb}_bg.wasm";
import { initSync } from "./${name}.js";
initSync({ module: wasmModule });
${reexport}${lazySandbox("sandboxModule")}`,
  "edge-light.js": `// Vercel Edge (Next.js): the \`?module\` import yields a compiled WebAssembly.Module.
import wasmModule from "./${name}_bg.wasm?module";
import sandboxModule from "./${sb}_bg.wasm?module";
import { initSync } from "./${name}.js";
initSync({ module: wasmModule });
${reexport}${lazySandbox("sandboxModule")}`,
  "deno.js": `// Deno 2: a source-phase import yields a WebAssembly.Module (no --allow-read needed).
import source wasmModule from "./${name}_bg.wasm";
import source sandboxModule from "./${sb}_bg.wasm";
import { initSync } from "./${name}.js";
initSync({ module: wasmModule });
${reexport}${lazySandbox("sandboxModule")}`,
  "browser.js": `// Browsers and bundlers: \`await init()\` once before use. Without
// arguments it fetches both .wasm files next to this file, in parallel. With
// \`{ module_or_path }\` (a bundler that does not copy the .wasm, such as
// esbuild: the copied file's URL) it loads the clients' wasm from there and the
// Sandbox's only if \`sandbox_module_or_path\` is given too: a page that never
// builds a Sandbox need not ship or fetch it. Servers use the runtime entries.
import initClient from "./${name}.js";
import initSandbox, { Sandbox as SandboxClass, initSync as sandboxInitSync } from "./${sb}.js";
export * from "./${name}.js";
/** Is the Sandbox's wasm instantiated (by init() here, or by idv-edge/sandbox's
 * init, which shares its glue)? The glue's initSync answers at once when it is,
 * and throws, having done nothing, when it is not and is given no module. */
function sandboxLoaded() {
  try {
    sandboxInitSync();
    return true;
  } catch {
    return false;
  }
}
export async function init(options) {
  const object = options !== null && typeof options === "object" && Object.getPrototypeOf(options) === Object.prototype;
  // The clients' location: \`{ module_or_path }\`, or (deprecated) the argument itself.
  const clientAt = object ? options.module_or_path : options;
  const sandboxAt = object ? options.sandbox_module_or_path : undefined;
  const loads = [initClient(object ? { module_or_path: clientAt } : options)];
  // The Sandbox's when its location is given, or when the clients' is not
  // (both from next to this file).
  if (sandboxAt !== undefined || clientAt === undefined) loads.push(initSandbox({ module_or_path: sandboxAt }));
  const [wasm] = await Promise.all(loads);
  return wasm;
}
/** The Sandbox class, usable once init() has loaded its wasm. */
export const Sandbox = new Proxy(SandboxClass, {
  construct(target, args, newTarget) {
    if (!sandboxLoaded()) {
      throw new Error("new Sandbox(): its wasm is not loaded: await init() with no arguments, or init({ module_or_path, sandbox_module_or_path }) with the URL of idv_edge_sandbox_bg.wasm, first");
    }
    return Reflect.construct(target, args, newTarget === Sandbox ? target : newTarget);
  },
});
`,
  // idv-edge/sandbox: the Sandbox alone, instantiated at import. Its exports
  // are those of the other entries' kind: the glue's, and \`init\`.
  ...standalone("sandbox", sb, `export * from "./${sb}.js";\nexport { default as init } from "./${sb}.js";\n`,
    `// Browsers: \`await init()\` once before \`new Sandbox()\`.\nexport * from "./${sb}.js";\nexport { default as init } from "./${sb}.js";\n`),
};
// Its types: the glue's, plus \`init\`; no default export, as for the others.
writeFileSync(join(pkg, "sandbox.d.ts"), `// Types of idv-edge/sandbox (its node, deno, workerd, edge-light and browser entries).
export * from "./${sb}.js";
/** Loads the wasm (the server entries have on import; in a browser, await it once). */
export { default as init } from "./${sb}.js";
`);
// idv-edge/caisson and idv-edge/goldstar: the same entries per runtime, one
// client's wasm each, no Sandbox (its own entry is idv-edge/sandbox).
for (const one of singles) {
  const g = one.base;
  const tail = `export * from "./${g}.js";\nexport { default as init } from "./${g}.js";\n`;
  const head = `// idv-edge/${one.key}: the ${one.key === "caisson" ? "Caisson" : "Goldstar"} client alone (its own, smaller wasm).\n`;
  Object.assign(entries, standalone(one.key, g, tail, `// Browsers: \`await init()\` once before use.\n${tail}`, head));
  writeFileSync(join(pkg, `${one.key}.d.ts`), `// Types of idv-edge/${one.key} (its node, deno, workerd, edge-light and browser entries).
export * from "./${g}.js";
/** Loads the wasm (the server entries have on import; in a browser, await it once). */
export { default as init } from "./${g}.js";
`);
}
for (const [file, text] of Object.entries(entries)) writeFileSync(join(pkg, file), text);

// The entries' types: the glue's, plus \`init\`; no default export (the entries
// have none, so \`import init from "idv-edge"\` must not type-check).
const entryTypes = "index.d.ts";
writeFileSync(join(pkg, entryTypes), `// Types of every entry (node.js, deno.js, workerd.js, edge-light.js, browser.js).
export * from "./${name}.js";
import type { InitInput, InitOutput } from "./${name}.js";
/**
 * Loads the wasm. The server entries have done it on import; in a browser,
 * await it once before anything else. Returns at once when already loaded.
 * In a browser, \`init()\` fetches both .wasm files next to the entry;
 * \`init({ module_or_path, sandbox_module_or_path })\` takes their URLs (for a
 * bundler that does not copy them, such as esbuild). Without
 * \`sandbox_module_or_path\`, a given \`module_or_path\` loads the clients only
 * and \`new Sandbox()\` throws until the Sandbox's wasm is loaded.
 */
export declare function init(options?: {
  module_or_path?: InitInput | Promise<InitInput>;
  sandbox_module_or_path?: InitInput | Promise<InitInput>;
} | InitInput | Promise<InitInput>): Promise<InitOutput>;
`);

// wasm-bindgen declares `[Symbol.dispose](): void` on each class; a consumer
// whose lib lacks esnext.disposable (es2022 and earlier) then fails to
// type-check the package. The method stays in the JS (where the runtime has
// Symbol.dispose); `free()` is the declared way to release a client early.
for (const f of readdirSync(pkg).filter((f) => f.endsWith(".d.ts"))) {
  const path = join(pkg, f);
  const text = readFileSync(path, "utf8").replace(/^[ \t]*\[Symbol\.dispose\]\(\): void;\r?\n/gm, "");
  if (text.includes("Symbol.dispose")) throw new Error(`build-pkg: ${f} still names Symbol.dispose`);
  writeFileSync(path, text);
}

// 3. package.json: the exports map, conditions in resolution order.
const files = [`${name}_bg.wasm`, `${name}.js`, `${name}.d.ts`, `${name}_bg.wasm.d.ts`, entryTypes,
  `${sb}_bg.wasm`, `${sb}.js`, `${sb}.d.ts`, `${sb}_bg.wasm.d.ts`, "sandbox.d.ts",
  ...singles.flatMap((o) => [`${o.base}_bg.wasm`, `${o.base}.js`, `${o.base}.d.ts`, `${o.base}_bg.wasm.d.ts`, `${o.key}.d.ts`]),
  ...Object.keys(entries), "README.md", "LICENSE"]
  .filter((f) => existsSync(join(pkg, f)) || f === "README.md" || f === "LICENSE");
const manifest = {
  name: "idv-edge",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  files,
  main: "./node.js",
  module: "./browser.js",
  types: `./${entryTypes}`,
  exports: {
    ".": {
      types: `./${entryTypes}`,
      workerd: "./workerd.js",
      "edge-light": "./edge-light.js",
      deno: "./deno.js",
      node: { import: "./node.js", require: "./node.js" },
      browser: "./browser.js",
      default: "./browser.js",
    },
    "./sandbox": {
      types: "./sandbox.d.ts",
      workerd: "./sandbox-workerd.js",
      "edge-light": "./sandbox-edge-light.js",
      deno: "./sandbox-deno.js",
      node: { import: "./sandbox-node.js", require: "./sandbox-node.js" },
      browser: "./sandbox-browser.js",
      default: "./sandbox-browser.js",
    },
    ...Object.fromEntries(singles.map((o) => [`./${o.key}`, {
      types: `./${o.key}.d.ts`,
      workerd: `./${o.key}-workerd.js`,
      "edge-light": `./${o.key}-edge-light.js`,
      deno: `./${o.key}-deno.js`,
      node: { import: `./${o.key}-node.js`, require: `./${o.key}-node.js` },
      browser: `./${o.key}-browser.js`,
      default: `./${o.key}-browser.js`,
    }])),
    [`./${name}_bg.wasm`]: `./${name}_bg.wasm`,
    ...Object.fromEntries(singles.map((o) => [`./${o.base}_bg.wasm`, `./${o.base}_bg.wasm`])),
    [`./${sb}_bg.wasm`]: `./${sb}_bg.wasm`,
    "./package.json": "./package.json",
  },
  sideEffects: Object.keys(entries).map((f) => `./${f}`),
  engines: { node: ">=20" },
  keywords: ["identity", "kyc", "idv", "caisson", "goldstar", "wasm", "edge", "cloudflare-workers", "deno"],
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
writeFileSync(join(pkg, "README.md"), readFileSync(join(root, "README.md")));
// The license the manifest names (Cargo.toml's), its text shipped with it.
if (manifest.license !== "MIT") throw new Error(`build-pkg: no license text for ${manifest.license}`);
writeFileSync(join(pkg, "LICENSE"), `MIT License

Copyright (c) 2026 the idv-edge authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`);
console.log(`build-pkg: pkg/ ready (${Object.keys(entries).join(", ")})`);
