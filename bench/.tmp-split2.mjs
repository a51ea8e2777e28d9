import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
const pkg = new URL("../pkg/", import.meta.url);
if (process.env.C) {
  const { JSON_HEADERS, idCheckBody } = await import("./bodies.mjs");
  const body = idCheckBody();
  await new Response("{}", { headers: JSON_HEADERS }).json();
  const t = [performance.now()];
  await import("data:text/javascript,export const x=1");
  t.push(performance.now());
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
  const c2 = new glue.CaissonClient({ apiKey: "k" });
  const r2 = await c2.parseIdCheck(new Response(body, { headers: JSON_HEADERS }));
  t.push(performance.now());
  process.stdout.write(`${t.slice(1).map((x, i) => x - t[i]).join(" ")}\n`);
} else {
  const [runsArg, ...flags] = process.argv.slice(2);
  const runs = Number(runsArg ?? 9);
  const cols = ["empty import", "read", "compile", "glue import", "instantiate", "first new", "first parse", "second new+parse"];
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url)], { encoding: "utf8", env: { ...process.env, C: "1" } });
    if (out.status !== 0) throw new Error(out.stderr);
    rows.push(out.stdout.trim().split(" ").map(Number));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${process.version} ${flags.join(" ")}`);
  console.log(`| ${cols.join(" | ")} |`);
  console.log(`| ${cols.map((_, i) => median(rows.map((r) => r[i])).toFixed(2)).join(" | ")} |`);
}
