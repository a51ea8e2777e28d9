// The same load inside workerd (Miniflare), through pkg/workerd.js.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./miniflare.mjs";
import { report } from "./report.mjs";

const CALLS = Number(process.env.IDV_MEMORY_CALLS ?? 100000);
let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.dispose(); });

test("2,000 concurrent calls per operation through one client in workerd: all correct, none mixed", async () => {
  const r = await worker.call("/load/concurrency", { n: 2000 });
  report("workerd concurrency", r);
  assert.deepEqual(r.problems, []);
  assert.equal(r.perOperation, 2000);
  assert.equal(r.answersChecked, 1000);
});

test(`${CALLS} sequential calls in workerd: the wasm memory stops growing`, async () => {
  const r = await worker.call("/load/memory", { calls: CALLS, every: CALLS / 10 });
  report("workerd memory", { ...r, externrefs: r.samples.map((s) => s.externrefs) });
  assert.equal(r.failures, 0);
  const half = r.samples[Math.floor(r.samples.length / 2) - 1];
  const last = r.samples.at(-1);
  assert.equal(last.bytes, half.bytes, `wasm memory grew from ${half.bytes} to ${last.bytes}`);
  assert.equal(last.externrefs, half.externrefs, `the externref table grew from ${half.externrefs} to ${last.externrefs}`);
});
