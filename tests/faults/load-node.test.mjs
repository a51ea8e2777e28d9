// 2,000 concurrent calls per operation through one client against the
// Sandbox, all correct and un-mixed; then 100,000 sequential calls after
// which the wasm memory has stopped growing. In Node (pkg/node.js).
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import assert from "node:assert/strict";
import * as lib from "../../pkg/node.js";
import { concurrency, memory } from "./load.mjs";
import { report } from "./report.mjs";

const CALLS = Number(process.env.IDV_MEMORY_CALLS ?? 100000);

test("2,000 concurrent calls per operation through one client: all correct, none mixed", async () => {
  const r = await concurrency(lib, { n: 2000 });
  report("node concurrency", r);
  assert.deepEqual(r.problems, []);
  assert.equal(r.perOperation, 2000);
  assert.equal(r.answersChecked, 1000);
});

test(`${CALLS} sequential calls: the wasm memory stops growing`, async () => {
  const wasmMemory = () => lib.initSync().memory.buffer.byteLength;
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc");
  // Collect, let FinalizationRegistry callbacks (closure destructors) run in
  // their own tasks, collect again.
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const jsHeap = async () => {
    for (let i = 0; i < 3; i++) { gc(); await tick(); }
    return process.memoryUsage().heapUsed;
  };
  const r = await memory(lib, { calls: CALLS, every: CALLS / 10, wasmMemory, jsHeap });
  const mib = (b) => +(b / 2 ** 20).toFixed(1);
  const half = r.samples[r.samples.length / 2 - 1];
  report("node memory", { ...r, samples: undefined, externrefs: r.samples.map((s) => s.externrefs), heapAfterGcMiB: r.samples.map((s) => mib(s.heap)) });
  assert.equal(r.failures, 0);
  checkFlat(r.samples);
  // The JS heap after a full GC: no closures or objects pile up per call.
  assert.ok(r.samples.at(-1).heap - half.heap < 8 * 2 ** 20,
    `JS heap grew from ${mib(half.heap)} MiB to ${mib(r.samples.at(-1).heap)} MiB in the second half`);
});

/** The second half of the run did not grow the wasm memory at all. */
export function checkFlat(samples) {
  const half = samples[Math.floor(samples.length / 2) - 1];
  const last = samples.at(-1);
  assert.equal(last.bytes, half.bytes, `wasm memory grew from ${half.bytes} (after ${half.calls} calls) to ${last.bytes} (after ${last.calls})`);
  assert.equal(last.externrefs, half.externrefs, `the externref table grew from ${half.externrefs} to ${last.externrefs}`);
}
