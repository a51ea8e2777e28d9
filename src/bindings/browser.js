// Is this a browser page or a browser worker, where a secret key would be
// exposed? API.md's rule first: `window` and `document` both present is a
// page, whatever the runtime says it is (jsdom in Node, or a test faking a
// page: Node 21+ and Deno have a `navigator` with a server user agent). Then
// a browser worker, where server runtimes (Node, Deno, workerd, Vercel Edge,
// Bun) are told apart by their user agent or globals. Called once per
// `new CaissonClient` / `new GoldstarClient` from wasm
// (src/bindings/mod.rs `in_browser`): one crossing, where reading each
// global from Rust took one per name, each with its own import wrapper to
// compile at a cold start. Never throws: a global whose getter throws counts
// as absent. `g` is for tests (tests/js/browser.test.mjs).
const SERVER_AGENTS = ["Cloudflare-Workers", "Deno/", "Node.js", "Bun/"];

export function inBrowser(g = globalThis) {
  const get = (o, name) => {
    try {
      return o[name];
    } catch {
      return undefined;
    }
  };
  const has = (name) => get(g, name) !== undefined;
  if (has("window") && has("document")) return true;
  const nav = get(g, "navigator");
  const agent = typeof nav === "object" && nav !== null ? get(nav, "userAgent") : undefined;
  if (typeof agent === "string" && SERVER_AGENTS.some((p) => agent.startsWith(p))) return false;
  // A dedicated, shared or service worker in a browser.
  if (!(has("WorkerGlobalScope") && has("importScripts") && has("location"))) return false;
  // A browser's user agent decides, whatever a bundle's shims add (a
  // `process` polyfill); without one (Node 20 has no navigator), a server
  // runtime's own globals say it is not a browser.
  if (typeof agent === "string" && agent.startsWith("Mozilla/")) return true;
  return !(has("Deno") || has("process"));
}
