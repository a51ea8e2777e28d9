// The worker the workerd drivers run (through Miniflare): it imports the
// built package the way a Cloudflare Worker does (pkg/workerd.js: the .wasm
// as a compiled module, initSync) and runs what the Node side asks for.
//   POST /run          { op, port, options }  one operation against a local upstream
//   POST /load/concurrency { n }                 n concurrent calls through one client
//   POST /load/memory  { calls, every }         sequential calls, wasm memory sampled
//   POST /kv/...       the exchange store against Miniflare's KV (env.EXCHANGES)
import * as lib from "../../pkg/workerd.js";
import { runOp } from "./ops.mjs";
import { concurrency, memory } from "./load.mjs";
import { kvRoutes } from "./kv.mjs";

const wasmMemory = () => lib.initSync().memory.buffer.byteLength;

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const args = request.method === "POST" ? await request.json() : {};
    try {
      if (pathname === "/run") {
        return Response.json(await runOp(lib, args.op, { port: args.port, ...args.options }));
      }
      if (pathname === "/load/concurrency") return Response.json(await concurrency(lib, args));
      if (pathname === "/load/memory") return Response.json(await memory(lib, { ...args, wasmMemory }));
      if (pathname.startsWith("/kv/")) return Response.json(await kvRoutes(lib, env, pathname.slice(4), args));
      return new Response("no such route", { status: 404 });
    } catch (e) {
      return Response.json({ crashed: true, name: e?.name, message: String(e?.message), stack: String(e?.stack) }, { status: 500 });
    }
  },
};
