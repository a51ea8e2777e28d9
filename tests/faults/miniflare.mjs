// Starts workerd (Miniflare) with worker.mjs and the built package.
import { Miniflare } from "miniflare";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function startWorker(extra = {}) {
  const mf = new Miniflare({
    modules: true,
    scriptPath: fileURLToPath(new URL("./worker.mjs", import.meta.url)),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2025-01-01",
    kvNamespaces: ["EXCHANGES"],
    ...extra,
  });
  await mf.ready;
  const call = async (path, body) => {
    const res = await mf.dispatchFetch(`http://worker${path}`, { method: "POST", body: JSON.stringify(body ?? {}) });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { throw new Error(`worker answered ${res.status}: ${text.slice(0, 500)}`); }
    if (json?.crashed) throw new Error(`worker crashed: ${json.name}: ${json.message}\n${json.stack}`);
    return json;
  };
  return { mf, call, dispose: () => mf.dispose() };
}
