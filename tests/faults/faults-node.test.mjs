// The fault matrix in Node: every operation of the built package (pkg/node.js)
// against real localhost upstreams that refuse, reset, hang, dribble, rate
// limit, fail, truncate, flood and lie (see cases.mjs).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../pkg/node.js";
import { allCases, checkCase, expectation, startFor } from "./cases.mjs";
import { runOp, secrets } from "./ops.mjs";

describe("fault matrix (Node)", { concurrency: 8 }, () => {
  for (const { fault, op } of allCases()) {
    test(`${fault} / ${op}`, async () => {
      const upstream = await startFor(fault, op);
      try {
        const { options } = expectation(fault, op);
        const result = await runOp(lib, op, { port: upstream.port, ...options });
        checkCase(assert, fault, op, result, upstream.requests, secrets(), upstream.thief?.requests);
      } finally {
        await upstream.close();
      }
    });
  }
});
