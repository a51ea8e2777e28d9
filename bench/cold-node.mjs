// One cold start, in a fresh `node` process: from before the import to the
// first validated result. Prints milliseconds. Run by bench/run.mjs.
//   node bench/cold-node.mjs idv | zod | json | idv-goldstar | zod-goldstar | idv-sandbox
//                            | idv-caisson-only | idv-goldstar-only
// Node's own lazy start-up of fetch's Response (undici) is paid before the
// clock starts, the same for every kind: it is not ours nor the baseline's.
import { JSON_HEADERS, idCheckBody, outcomeBody } from "./bodies.mjs";

const kind = process.argv[2];
const caissonBody = idCheckBody();
const goldstarBody = outcomeBody();
await new Response("{}", { headers: JSON_HEADERS }).json();

const t0 = performance.now();
let result;
switch (kind) {
  case "json":
    result = await new Response(caissonBody, { headers: JSON_HEADERS }).json();
    break;
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
  case "idv": {
    const { CaissonClient } = await import("../pkg/node.js");
    result = await new CaissonClient({ apiKey: "k" }).parseIdCheck(new Response(caissonBody, { headers: JSON_HEADERS }));
    break;
  }
  case "idv-goldstar": {
    const { GoldstarClient } = await import("../pkg/node.js");
    const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
    result = await g.parseVerifyIdentity(new Response(goldstarBody, { headers: JSON_HEADERS }));
    break;
  }
  case "idv-caisson-only": {
    const { CaissonClient } = await import("../pkg/caisson-node.js");
    result = await new CaissonClient({ apiKey: "k" }).parseIdCheck(new Response(caissonBody, { headers: JSON_HEADERS }));
    break;
  }
  case "idv-goldstar-only": {
    const { GoldstarClient } = await import("../pkg/goldstar-node.js");
    const g = new GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
    result = await g.parseVerifyIdentity(new Response(goldstarBody, { headers: JSON_HEADERS }));
    break;
  }
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
