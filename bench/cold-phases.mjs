// Where a Node cold start goes: fresh processes, each timing the import of
// pkg/node.js (glue, wasm compile and instantiation), the first
// `new CaissonClient` and the first parseIdCheck (both compile the wasm
// functions they touch: V8 compiles lazily, on first call), median of N.
//   node bench/cold-phases.mjs [runs] [pkg dir ...]   (default 15, pkg/)
// With several package directories, runs are interleaved (a shared machine's
// load hits them alike). Not part of `make bench`'s table.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [runsArg, ...dirs] = process.argv.slice(2);
if (process.env.IDV_COLD_CHILD) {
  const { JSON_HEADERS, idCheckBody } = await import("./bodies.mjs");
  const body = idCheckBody();
  await new Response("{}", { headers: JSON_HEADERS }).json();
  const t0 = performance.now();
  const m = await import(pathToFileURL(resolve(process.env.IDV_COLD_CHILD, "node.js")).href);
  const t1 = performance.now();
  const c = new m.CaissonClient({ apiKey: "k" });
  const t2 = performance.now();
  const r = await c.parseIdCheck(new Response(body, { headers: JSON_HEADERS }));
  const t3 = performance.now();
  if (!r.check_id) throw new Error("no result");
  process.stdout.write(`${t1 - t0} ${t2 - t1} ${t3 - t2} ${t3 - t0}\n`);
} else {
  const runs = Number(runsArg ?? 15);
  const pkgs = dirs.length ? dirs : [fileURLToPath(new URL("../pkg", import.meta.url))];
  const t = pkgs.map(() => []);
  for (let i = 0; i < runs; i++) {
    pkgs.forEach((dir, k) => {
      const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { encoding: "utf8", env: { ...process.env, IDV_COLD_CHILD: dir } });
      if (out.status !== 0) throw new Error(out.stderr);
      t[k].push(out.stdout.trim().split(" ").map(Number));
    });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const cols = ["import", "first new", "first parseIdCheck", "total"];
  console.log(`| package | ${cols.join(" | ")} |\n|---|${cols.map(() => "---").join("|")}|`);
  pkgs.forEach((dir, k) => console.log(`| ${dir} | ${cols.map((_, i) => `${median(t[k].map((r) => r[i])).toFixed(2)} ms`).join(" | ")} |`));
}
