// A Cloudflare Worker that imports the installed package the way a user's
// worker does (`import ... from "idv-edge"`, bundled by wrangler, which picks
// the `workerd` entry) and runs the shared scenario inside workerd.
//   GET  /tests           -> ["name", ...]
//   POST /run?name=NAME   -> { ok: true } | { ok: false, error }
//   (either with &entry=single: on the single-API entries)
//   GET  /env             -> what the runtime looks like from inside
import * as idv from "idv-edge";
import * as caissonOnly from "idv-edge/caisson";
import * as goldstarOnly from "idv-edge/goldstar";
import { Sandbox as SandboxOnly } from "idv-edge/sandbox";
import { scenario } from "./scenario.mjs";

// `?entry=single`: the scenario on idv-edge/caisson + idv-edge/goldstar.
const single = { ...caissonOnly, ...goldstarOnly, Sandbox: SandboxOnly };

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const tests = scenario(url.searchParams.get("entry") === "single" ? single : idv);
    if (url.pathname === "/tests") return Response.json(tests.map((t) => t.name));
    if (url.pathname === "/env") {
      return Response.json({ userAgent: navigator.userAgent, exports: Object.keys(idv).sort() });
    }
    if (url.pathname === "/run") {
      const t = tests.find((x) => x.name === url.searchParams.get("name"));
      if (!t) return Response.json({ ok: false, error: "no such test" }, { status: 404 });
      try {
        await t.run();
        return Response.json({ ok: true });
      } catch (e) {
        return Response.json({ ok: false, error: String(e && e.stack || e) });
      }
    }
    return new Response("not found", { status: 404 });
  },
};
