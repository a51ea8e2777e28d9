// One cold start, in a fresh `node` process: from before the import to the
// first validated result. Prints milliseconds. Run by bench/run.mjs.
//   node bench/cold-node.mjs idv | zod | json | floor | idv-goldstar | zod-goldstar
//                            | idv-sandbox | idv-caisson-only | idv-goldstar-only
// Node's own lazy start-up of fetch's Response (undici) is paid before the
// clock starts, the same for every kind: it is not ours nor the baseline's.
import { JSON_HEADERS, idCheckBody, outcomeBody } from "./bodies.mjs";

const kind = process.argv[2];
const caissonBody = idCheckBody();
const goldstarBody = outcomeBody();
await new Response("{}", { headers: JSON_HEADERS }).json();

// The first validated result through an entry of the package.
const firstIdCheck = async (entry) => {
  const { CaissonClient } = await import(entry);
  return new CaissonClient({ apiKey: "k" }).parseIdCheck(new Response(caissonBody, { headers: JSON_HEADERS }));
};
const firstOutcome = async (entry) => {
  const { GoldstarClient } = await import(entry);
  const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
  return g.parseVerifyIdentity(new Response(goldstarBody, { headers: JSON_HEADERS }));
};

const t0 = performance.now();
let result;
switch (kind) {
  case "json":
    result = await new Response(caissonBody, { headers: JSON_HEADERS }).json();
    break;
  case "floor": {
    const { parse } = await import("./floor.mjs");
    result = await parse(new Response(caissonBody, { headers: JSON_HEADERS }));
    break;
  }
  case "zod": {
    const { parseIdCheck } = await import("./baseline/zod.mjs");
    result = await parseIdCheck(new Response(caissonBody, { headers: JSON_HEADERS }));
    break;
  }
  case "zod-goldstar": {
    const { parseOutcome } = await import("./baseline/zod.mjs");
    result = await parseOutcome(new Response(goldstarBody, { headers: JSON_HEADERS }));
    break;
  }
  case "idv":
    result = await firstIdCheck("../pkg/node.js");
    break;
  case "idv-caisson-only":
    result = await firstIdCheck("../pkg/caisson-node.js");
    break;
  case "idv-goldstar":
    result = await firstOutcome("../pkg/node.js");
    break;
  case "idv-goldstar-only":
    result = await firstOutcome("../pkg/goldstar-node.js");
    break;
  case "idv-sandbox": {
    const { Sandbox } = await import("../pkg/sandbox-node.js");
    result = await (await new Sandbox().fetch("https://qaservices.goldstartrust.com/identification/api/v1/ops/ping", { method: "POST", headers: { "X-ApiKey": "k" } })).json();
    break;
  }
  default:
    throw new Error(`unknown kind ${kind}`);
}
const t1 = performance.now();
if (result == null) throw new Error("no result");
process.stdout.write(`${t1 - t0}\n`);
