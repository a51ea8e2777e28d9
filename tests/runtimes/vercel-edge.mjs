// The closest runner to Vercel Edge available offline: each function in
// api/ is bundled the way Vercel's build does it (esbuild, conditions
// edge-light, worker, browser; `.wasm?module` imports become a compiled
// WebAssembly.Module binding, as Next.js does with `wasm_<hash>` globals),
// then run in Vercel's open-source edge-runtime (the VM behind `next dev` and
// `vercel dev`), one VM per function, routed by file path as Vercel does.
//
// What it adds over edge-runtime's defaults, to match production: compiling
// wasm from bytes at run time is refused ("Wasm code generation disallowed by
// embedder"), as on Vercel; only the platform's binding is compiled, before
// the function runs. `process.env` holds the given variables.
//
// What it is not: Vercel's own build (`vercel build` needs an account), its
// Next.js integration, or its production isolates and limits.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { EdgeRuntime } from "edge-runtime";

const CONDITIONS = ["edge-light", "worker", "browser"];

function functions(dir, base = dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return functions(p, base);
    return /\.(m?js|ts)$/.test(f) && !f.startsWith("_") ? [relative(base, p)] : [];
  });
}

/** Bundles one function; returns `{ code, wasm: [{ name, path }], inputs }`. */
export async function bundleFunction(file) {
  const wasm = [];
  const out = await build({
    entryPoints: [file], bundle: true, write: false, metafile: true, logLevel: "silent",
    format: "iife", globalName: "__vercel_function", platform: "neutral", target: "es2022",
    conditions: CONDITIONS, mainFields: ["module", "main"],
    plugins: [{
      name: "wasm-module",
      setup(b) {
        b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?module$/, "")), namespace: "wasm-module" }));
        b.onLoad({ filter: /.*/, namespace: "wasm-module" }, (args) => {
          const name = `wasm_${createHash("sha1").update(args.path).digest("hex")}`;
          if (!wasm.some((w) => w.name === name)) wasm.push({ name, path: args.path });
          return { contents: `export default globalThis[${JSON.stringify(name)}];`, loader: "js" };
        });
      },
    }],
  });
  return { code: out.outputFiles[0].text, wasm, inputs: Object.keys(out.metafile.inputs) };
}

const REFUSED = "Wasm code generation disallowed by embedder";

/** An EdgeRuntime for one bundled function, with production's wasm rule. */
export function edgeRuntime({ code, wasm }, env) {
  const runtime = new EdgeRuntime({
    extend(context) {
      context.process = { env: { ...env } };
      return context;
    },
  });
  // The platform compiles the deployed .wasm files (inside the VM, so that
  // `instanceof WebAssembly.Module` holds there)...
  runtime.context.__platformWasm = wasm.map((w) => ({ name: w.name, bytes: new Uint8Array(readFileSync(w.path)) }));
  runtime.evaluate(`for (const w of __platformWasm) globalThis[w.name] = new WebAssembly.Module(w.bytes); delete globalThis.__platformWasm;`);
  // ...then no code may compile wasm from bytes, as on Vercel Edge.
  runtime.evaluate(`(() => {
    const W = WebAssembly, Module = W.Module, instantiate = W.instantiate;
    const refuse = () => { throw new W.CompileError(${JSON.stringify(REFUSED)}); };
    function Locked() { refuse(); }
    Locked.prototype = Module.prototype;
    Object.assign(Locked, { exports: Module.exports, imports: Module.imports, customSections: Module.customSections });
    W.Module = Locked;
    W.compile = async () => refuse();
    W.compileStreaming = async () => refuse();
    W.instantiateStreaming = async () => refuse();
    W.instantiate = async (m, i) => (m instanceof Module ? instantiate(m, i) : refuse());
  })();`);
  runtime.evaluate(code);
  runtime.evaluate(`addEventListener("fetch", (event) => event.respondWith(__vercel_function.default(event.request)));`);
  return runtime;
}

/** Serves every function under `dir`/api on 127.0.0.1; resolves to `{ url, close, routes }`. */
export async function startVercelEdge(dir, env) {
  const routes = new Map();
  for (const file of functions(join(dir, "api"))) {
    const bundled = await bundleFunction(join(dir, "api", file));
    routes.set(`/api/${file.replace(/\.(m?js|ts)$/, "")}`, { file, bundled, runtime: edgeRuntime(bundled, env) });
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const route = routes.get(url.pathname);
    if (!route) return res.writeHead(404, { "content-type": "text/plain" }).end("NOT_FOUND");
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([, v]) => typeof v === "string"));
    try {
      const r = await route.runtime.dispatchFetch(url.href, { method: req.method, headers, body });
      const out = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, Object.fromEntries(r.headers)).end(out);
      await r.waitUntil();
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(`EDGE_FUNCTION_INVOCATION_FAILED: ${e && e.message}`);
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    routes,
    close: () => new Promise((r) => server.close(r)),
  };
}
