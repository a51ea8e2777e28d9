// The browser check behind BROWSER_NOT_ALLOWED (src/bindings/browser.js),
// against stand-in global objects for each kind of runtime. The real ones
// are covered end to end: the clients in headless Chrome (refused), and in
// Node, Deno and workerd (built) by tests/runtimes and the wasm tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inBrowser } from "../../src/bindings/browser.js";
import { CaissonClient, GoldstarClient } from "../../pkg/node.js";

const page = () => ({ window: {}, document: {}, navigator: { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" } });
const worker = () => ({ WorkerGlobalScope: function () {}, importScripts() {}, location: {}, navigator: { userAgent: "Mozilla/5.0" } });

test("browser pages and browser workers are browsers", () => {
  assert.equal(inBrowser(page()), true);
  assert.equal(inBrowser(worker()), true);
  // A browser worker whose bundle shims `process` (or `Deno`) is still one:
  // its user agent is a browser's.
  assert.equal(inBrowser({ ...worker(), process: { env: {} } }), true, "a process shim");
  assert.equal(inBrowser({ ...worker(), Deno: {} }), true, "a Deno shim");
  // A page whose navigator is odd is still a page.
  assert.equal(inBrowser({ ...page(), navigator: null }), true);
  assert.equal(inBrowser({ ...page(), navigator: { userAgent: 42 } }), true);
  // jsdom-style: Node with a document and a window is treated as a page.
  assert.equal(inBrowser({ ...page(), process: {} }), true);
  // API.md: where window and document exist, whatever the runtime says
  // (Node 21+ has navigator.userAgent "Node.js/22"; Deno has a navigator too).
  assert.equal(inBrowser({ Deno: {}, window: {}, document: {} }), true, "Deno with window and document");
  for (const userAgent of ["Cloudflare-Workers", "Deno/2.1", "Node.js/22", "Bun/1.2"]) {
    assert.equal(inBrowser({ ...page(), navigator: { userAgent } }), true, userAgent);
  }
});

test("server runtimes are not browsers", () => {
  assert.equal(inBrowser(globalThis), false, "this Node process");
  assert.equal(inBrowser(), false, "the default is globalThis");
  assert.equal(inBrowser({}), false, "an empty global");
  assert.equal(inBrowser({ process: {} }), false, "Node");
  // Deno 1 has a window but no document.
  assert.equal(inBrowser({ Deno: {}, window: {} }), false, "Deno 1");
  // Worker-like globals in a server runtime are not a browser worker.
  for (const userAgent of ["Cloudflare-Workers", "Deno/2.1", "Node.js/20", "Bun/1.2"]) {
    assert.equal(inBrowser({ ...worker(), navigator: { userAgent } }), false, userAgent);
  }
  // Without a browser's user agent (Node 20 has no navigator), a server
  // runtime's globals decide.
  const { navigator: _, ...bare } = worker();
  assert.equal(inBrowser({ ...bare, Deno: {} }), false, "a Deno worker");
  assert.equal(inBrowser({ ...bare, process: {} }), false, "a Node worker thread with worker-like globals");
  // Half a page or half a worker is not one.
  assert.equal(inBrowser({ window: {} }), false);
  assert.equal(inBrowser({ document: {} }), false);
  assert.equal(inBrowser({ WorkerGlobalScope: {}, importScripts() {} }), false);
  // undefined counts as absent.
  assert.equal(inBrowser({ ...page(), document: undefined }), false);
});

test("a global whose getter throws counts as absent, and nothing throws", () => {
  const throwing = (o, ...names) => {
    for (const name of names) Object.defineProperty(o, name, { get() { throw new Error("no"); } });
    return o;
  };
  assert.equal(inBrowser(throwing(page(), "navigator")), true);
  assert.equal(inBrowser(throwing(page(), "document")), false);
  assert.equal(inBrowser(throwing({ ...page(), navigator: {} }, "process")), true);
  const nav = throwing({}, "userAgent");
  assert.equal(inBrowser({ ...page(), navigator: nav }), true);
  assert.equal(inBrowser(new Proxy({}, { get() { throw new Error("no"); } })), false);
});

test("the clients use it: refused with a page's globals, built without them", (t) => {
  const added = page();
  const restore = [];
  t.after(() => restore.forEach((f) => f()));
  // With the navigator Node 21+ has: a page's globals still make a page.
  const globals = { window: added.window, document: added.document, navigator: { userAgent: "Node.js/22" } };
  for (const [name, value] of Object.entries(globals)) {
    // Node 21+ has a navigator of its own (user agent "Node.js/<major>"),
    // put back afterwards; a window or a document Node never has.
    const own = Object.getOwnPropertyDescriptor(globalThis, name);
    if (name !== "navigator") assert.equal(own, undefined, `${name} is not already set in Node`);
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
    restore.push(() => (own ? Object.defineProperty(globalThis, name, own) : delete globalThis[name]));
  }
  // process is still there, but a document makes it a page (jsdom-style).
  for (const make of [() => new CaissonClient({ apiKey: "k" }), () => new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" })]) {
    assert.throws(make, (e) => e.code === "BROWSER_NOT_ALLOWED");
  }
  assert.ok(new CaissonClient({ apiKey: "k", dangerouslyAllowBrowser: true }));
  restore.forEach((f) => f());
  restore.length = 0;
  assert.ok(new CaissonClient({ apiKey: "k" }));
  assert.ok(new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" }));
});
