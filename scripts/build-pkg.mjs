// Turns wasm-pack's `--target web` output in pkg/ into the one npm package:
// one .wasm, one glue, a small entry per runtime, and the exports map.
// Follows ../shared/reference/packaging.md. Run by `make pkg`; never edit pkg/ by hand.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = join(root, "pkg");
const name = "idv_edge";

function find(dir, file) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) {
      const hit = find(p, file);
      if (hit) return hit;
    } else if (entry === file) return p;
  }
  return null;
}

// 1. IdvError lives in a JS snippet (a real Error subclass); export it from the glue.
const snippet = find(join(pkg, "snippets"), "idv_error.js");
if (!snippet) throw new Error("build-pkg: the IdvError snippet is missing from pkg/snippets");
const snippetRel = "./" + relative(pkg, snippet);
const glue = join(pkg, `${name}.js`);
let js = readFileSync(glue, "utf8");
if (!js.includes("export { IdvError }")) {
  js += `\nexport { IdvError } from "${snippetRel}";\n`;
  writeFileSync(glue, js);
}
const dts = join(pkg, `${name}.d.ts`);
let types = readFileSync(dts, "utf8");
if (!types.includes("declare class IdvError")) {
  types += "\n" + readFileSync(join(root, "src/bindings/idv_error.d.ts"), "utf8");
  writeFileSync(dts, types);
}

// 2. One entry per runtime. None uses top-level await (Node's require() of an
// ES module forbids it); each initializes synchronously where the runtime
// allows, and `init` is exported everywhere (a no-op once initialized).
const reexport = `export * from "./${name}.js";\nexport { default as init } from "./${name}.js";\n`;
const entries = {
  "node.js": `// Node >= 20: read the wasm next to this file and instantiate it synchronously.
import { readFileSync } from "node:fs";
import { initSync } from "./${name}.js";
initSync({ module: readFileSync(new URL("./${name}_bg.wasm", import.meta.url)) });
${reexport}`,
  "workerd.js": `// Cloudflare workerd: the bundler hands over a compiled WebAssembly.Module
// (compiling bytes at run time is forbidden there).
import wasmModule from "./${name}_bg.wasm";
import { initSync } from "./${name}.js";
initSync({ module: wasmModule });
${reexport}`,
  "edge-light.js": `// Vercel Edge (Next.js): the \`?module\` import yields a compiled WebAssembly.Module.
import wasmModule from "./${name}_bg.wasm?module";
import { initSync } from "./${name}.js";
initSync({ module: wasmModule });
${reexport}`,
  "deno.js": `// Deno 2: a source-phase import yields a WebAssembly.Module (no --allow-read needed).
import source wasmModule from "./${name}_bg.wasm";
import { initSync } from "./${name}.js";
initSync({ module: wasmModule });
${reexport}`,
  "browser.js": `// Browsers and bundlers: \`await init()\` once before use (it fetches the
// .wasm next to this file). Servers should use the runtime entries instead.
${reexport}`,
};
for (const [file, text] of Object.entries(entries)) writeFileSync(join(pkg, file), text);

// The entries' types: the glue's, plus \`init\`; no default export (the entries
// have none, so \`import init from "idv-edge"\` must not type-check).
const entryTypes = "index.d.ts";
writeFileSync(join(pkg, entryTypes), `// Types of every entry (node.js, deno.js, workerd.js, edge-light.js, browser.js).
export * from "./${name}.js";
/**
 * Loads the wasm. The server entries have done it on import; in a browser,
 * await it once before anything else. Returns at once when already loaded.
 */
export { default as init } from "./${name}.js";
`);

// 3. package.json: the exports map, conditions in resolution order.
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const field = (k) => (cargo.match(new RegExp(`^${k} = "([^"]*)"`, "m")) || [])[1];
const files = [`${name}_bg.wasm`, `${name}.js`, `${name}.d.ts`, `${name}_bg.wasm.d.ts`, entryTypes, "snippets/", ...Object.keys(entries), "README.md"]
  .filter((f) => f.endsWith("/") ? existsSync(join(pkg, f)) : existsSync(join(pkg, f)) || f === "README.md");
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
    [`./${name}_bg.wasm`]: `./${name}_bg.wasm`,
    "./package.json": "./package.json",
  },
  sideEffects: Object.keys(entries).map((f) => `./${f}`),
  engines: { node: ">=20" },
  keywords: ["identity", "kyc", "idv", "caisson", "goldstar", "wasm", "edge", "cloudflare-workers", "deno"],
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
writeFileSync(join(pkg, "README.md"), readFileSync(join(root, "README.md")));
console.log(`build-pkg: pkg/ ready (${Object.keys(entries).join(", ")})`);
