// A finer split of a Node cold start than bench/cold-phases.mjs: in fresh
// processes, reading the wasm, compiling it, importing the glue (Node's
// first dynamic import included), instantiating, the first
// `new CaissonClient` and the first parseIdCheck, median of N. Extra
// arguments go to `node` (V8 flags, to find where time goes; no library can
// set them). Not part of `make bench`'s table.
//   node bench/cold-split.mjs [runs] [node flags ...]   (default 9)
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = new URL("../pkg/", import.meta.url);
if (process.env.IDV_SPLIT_CHILD) {
  const { JSON_HEADERS, idCheckBody } = await import("./bodies.mjs");
  const body = idCheckBody();
  await new Response("{}", { headers: JSON_HEADERS }).json();
  const t = [performance.now()];
  const bytes = readFileSync(new URL("idv_edge_bg.wasm", pkg));
  t.push(performance.now());
  const module = new WebAssembly.Module(bytes);
  t.push(performance.now());
  const glue = await import(new URL("idv_edge.js", pkg).href);
  t.push(performance.now());
  glue.initSync({ module });
  t.push(performance.now());
  const c = new glue.CaissonClient({ apiKey: "k" });
  t.push(performance.now());
  const r = await c.parseIdCheck(new Response(body, { headers: JSON_HEADERS }));
  t.push(performance.now());
  if (!r.check_id) throw new Error("no result");
  process.stdout.write(`${t.slice(1).map((x, i) => x - t[i]).join(" ")}\n`);
} else {
  const [runsArg, ...flags] = process.argv.slice(2);
  const runs = Number(runsArg ?? 9);
  const cols = ["read", "compile", "glue import", "instantiate", "first new", "first parseIdCheck"];
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url)], { encoding: "utf8", env: { ...process.env, IDV_SPLIT_CHILD: "1" } });
    if (out.status !== 0) throw new Error(out.stderr);
    rows.push(out.stdout.trim().split(" ").map(Number));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`node ${flags.join(" ") || "(no flags)"}, median of ${runs}`);
  console.log(`| ${cols.join(" | ")} | total |\n|${cols.map(() => "---").join("|")}|---|`);
  const med = cols.map((_, i) => median(rows.map((r) => r[i])));
  console.log(`| ${med.map((m) => `${m.toFixed(2)} ms`).join(" | ")} | ${median(rows.map((r) => r.reduce((a, b) => a + b))).toFixed(2)} ms |`);
}
