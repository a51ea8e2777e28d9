// The fault matrix in workerd (Miniflare): a Worker importing the built
// package (pkg/workerd.js) calls every operation; its outbound fetch goes to
// the same real localhost upstreams as the Node driver (cases.mjs).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { allCases, checkCase, expectation, startFor } from "./cases.mjs";
import { secrets } from "./ops.mjs";
import { startWorker } from "./miniflare.mjs";

let worker;
before(async () => { worker = await startWorker(); });
after(async () => { await worker?.dispose(); });

describe("fault matrix (workerd)", { concurrency: 8 }, () => {
  for (const { fault, op } of allCases()) {
    test(`${fault} / ${op}`, async () => {
      const upstream = await startFor(fault, op);
      try {
        const { options } = expectation(fault, op);
        const result = await worker.call("/run", { op, port: upstream.port, options });
        checkCase(assert, fault, op, result, upstream.requests, secrets(), upstream.thief?.requests);
      } finally {
        await upstream.close();
      }
    });
  }
});
