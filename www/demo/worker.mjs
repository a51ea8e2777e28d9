// The demo's edge function as a Cloudflare Worker (run in workerd by
// www/demo-server.mjs through Miniflare). The secrets are the Worker's
// bindings (`wrangler secret put CAISSON_SECRET_API_KEY`); with wrangler you
// would write `import * as idv from "idv-edge"` (its `workerd` export).
import * as idv from "../node_modules/idv-edge/workerd.js";
import { createEdgeHandler } from "./edge.mjs";

let handler = null;

export default {
  async fetch(request, env) {
    handler ??= createEdgeHandler(idv, env);
    return handler(request);
  },
};
