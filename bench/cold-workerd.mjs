// Cold start in workerd (through Miniflare): the time from creating a worker
// to its first response, for a worker that validates one Caisson result with
// idv-edge (the workerd entry: the wasm arrives as a compiled module), with
// the zod baseline, with JSON.parse only, and an empty worker. workerd freezes
// clocks inside a request, so the measure is taken outside, around the whole
// start; the difference over the empty worker is what the code costs (process
// start dominates the total and is the noise). Used by bench/run.mjs.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { idCheckBody } from "./bodies.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(join(root, "tests/package.json"));
const { Miniflare } = require("miniflare");
const dir = join(root, "target/bench-workerd");

function walk(d, out = []) {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The ES modules node loads for `entry` (to hand the zod baseline's files to workerd). */
function loadedFiles(entry) {
  const hook = `data:text/javascript,${encodeURIComponent(`
    export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith("file:")) process.stderr.write("LOADED " + r.url + "\\n"); return r; }`)}`;
  const reg = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hook)});`)}`;
  const out = spawnSync(process.execPath, ["--import", reg, "-e", `import(${JSON.stringify(pathToFileURL(entry).href)})`], { encoding: "utf8" });
  return [...new Set([...out.stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => fileURLToPath(m[1])))];
}

export async function coldWorkerd(runs) {
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(idCheckBody());
  const headers = `{ headers: { "content-type": "application/json" } }`;
  const workers = {
    empty: `export default { async fetch() { return new Response("ok"); } };`,
    json: `export default { async fetch() { const r = await new Response(${body}, ${headers}).json(); return new Response(r.check_id); } };`,
    zod: `import { parseIdCheck } from "../../bench/baseline/zod.mjs";
export default { async fetch() { const r = await parseIdCheck(new Response(${body}, ${headers})); return new Response(r.check_id); } };`,
    idv: `import { CaissonClient } from "../../pkg/workerd.js";
export default { async fetch() { const r = await new CaissonClient({ apiKey: "k" }).parseIdCheck(new Response(${body}, ${headers})); return new Response(r.check_id); } };`,
  };
  const pkgModules = walk(join(root, "pkg"))
    .filter((f) => /\.(js|wasm)$/.test(f))
    .map((f) => ({ type: f.endsWith(".wasm") ? "CompiledWasm" : "ESModule", path: f }));
  const zodFiles = loadedFiles(join(root, "bench/baseline/zod.mjs"));
  const zodEntry = require.resolve("zod").replace(/\.cjs$/, ".js");
  const zodModules = [
    ...zodFiles.map((f) => ({ type: "ESModule", path: f })),
    // workerd resolves the bare "zod" next to its importer: a module there re-exports zod.
    { type: "ESModule", path: join(root, "bench/baseline/zod"), contents: `export * from "../../${relative(root, zodEntry)}";` },
  ];
  const options = (kind) => {
    const main = join(dir, `worker-${kind}.mjs`);
    writeFileSync(main, workers[kind]);
    const extra = kind === "idv" ? pkgModules : kind === "zod" ? zodModules : [];
    return {
      modules: [{ type: "ESModule", path: main }, ...extra],
      modulesRoot: root,
      compatibilityDate: "2025-09-01",
    };
  };
  const times = { empty: [], json: [], zod: [], idv: [] };
  for (let i = 0; i < runs; i++) {
    for (const kind of Object.keys(times)) {
      const opts = options(kind);
      const t0 = performance.now();
      const mf = new Miniflare(opts);
      await mf.ready;
      const res = await mf.dispatchFetch("http://bench.local/");
      const text = await res.text();
      const t1 = performance.now();
      await mf.dispose();
      if (res.status !== 200 || text.length === 0) throw new Error(`workerd ${kind}: ${res.status} ${text}`);
      times[kind].push(t1 - t0);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}
