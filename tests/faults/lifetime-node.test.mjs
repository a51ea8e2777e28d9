// Lifetimes across garbage collection (pkg/node.js): a client keeps working
// when the objects it was built from are gone. `fetch: new Sandbox().fetch`
// must not break once the Sandbox object itself is collected. And the other
// way round: a caller's promise that never settles keeps nothing in the wasm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as lib from "../../pkg/node.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");
const collect = async () => {
  for (let i = 0; i < 4; i++) { gc(); await new Promise((r) => setTimeout(r, 5)); }
};

/** Only the fetch function and a token escape: the Sandbox object is unreachable. */
function detachedSandbox() {
  const sandbox = new lib.Sandbox({ caissonApiKey: "ck", goldstarApiKey: "gk", now: "2026-06-01T12:00:00Z" });
  const tokens = Array.from({ length: 3 }, () => sandbox.createIdCheck({ customerId: "gc" }).check_exchange_token);
  return { fetch: sandbox.fetch, tokens };
}

test("a client built on sandbox.fetch keeps working after the Sandbox object is collected", async () => {
  const { fetch, tokens } = detachedSandbox();
  const caisson = new lib.CaissonClient({ apiKey: "ck", fetch, maxRetries: 0 });
  const goldstar = new lib.GoldstarClient({ apiKey: "gk", domain: "qaservices.goldstartrust.com", fetch, maxRetries: 0 });
  const first = await caisson.exchangeToken(tokens[0]);
  await collect();
  const r = await caisson.getIdCheck(first.check_id);
  assert.equal(r.customer_id, "gc");
  assert.equal(typeof (await goldstar.ping()), "string");
  const second = await caisson.exchangeToken(tokens[1]);
  assert.match(second.check_id, /^chk_priv_/);
});

test("clients and their calls survive collection of the client object mid-call", async () => {
  const sandbox = new lib.Sandbox({ goldstarApiKey: "gk" });
  const pending = [];
  for (let i = 0; i < 50; i++) {
    pending.push(new lib.GoldstarClient({ apiKey: "gk", domain: "qaservices.goldstartrust.com", fetch: sandbox.fetch }).ping());
  }
  await collect();
  for (const t of await Promise.all(pending)) assert.equal(typeof t, "string");
});

test("a fetch that ignores the abort and never settles holds nothing in the wasm per timed-out attempt", async () => {
  const held = []; // the hung promises stay reachable, as a stuck socket's would
  const fetch = () => {
    const p = new Promise(() => {});
    held.push(p);
    return p;
  };
  const caisson = new lib.CaissonClient({ apiKey: "ck", fetch, timeoutMs: 1, maxRetries: 0 });
  const externrefs = () => lib.initSync().__wbindgen_externrefs.length;
  const hang = async () => {
    await assert.rejects(caisson.getIdCheck("chk_priv_0123456789abcdef"), (e) => e.code === "TIMEOUT");
  };
  for (let i = 0; i < 20; i++) await hang();
  const before = externrefs();
  for (let i = 0; i < 500; i++) await hang();
  assert.equal(held.length, 520);
  // Each attempt's closures wait on the hung promise in JS; the wasm's
  // table of JS values it holds does not grow with them.
  assert.equal(externrefs(), before, `the externref table grew from ${before} to ${externrefs()}`);
});
