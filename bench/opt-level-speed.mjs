// Per-call speed of the same code built with different opt-levels (the bench
// builds in target/bench-pkg{,-z,-3}, made by hand as in bench/README.md): the
// shipped path and the scan alone, interleaved in one process. Not part of
// `make bench`; it informed the choice of opt-level.
import { readFileSync, existsSync } from "node:fs";
import { idCheckBody, outcomeBody } from "./bodies.mjs";

const dirs = process.env.DIRS ? JSON.parse(process.env.DIRS) : { s: "target/bench-pkg", z: "target/bench-pkg-z", 3: "target/bench-pkg-3" };
const mods = {};
for (const [k, d] of Object.entries(dirs)) {
  if (!existsSync(`${d}/idv_edge_bench.js`)) continue;
  const m = await import(new URL(`../${d}/idv_edge_bench.js`, import.meta.url).href);
  m.initSync({ module: readFileSync(`${d}/idv_edge_bench_bg.wasm`) });
  mods[k] = m;
}
const enc = new TextEncoder();
const ic = enc.encode(idCheckBody());
const oc = enc.encode(outcomeBody());
const time = (f) => {
  let n = 2000;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    const dt = performance.now() - t0;
    if (dt > 80) return (dt * 1000) / n;
    n *= 2;
  }
};
const res = {};
for (let r = 0; r < 9; r++) {
  for (const [k, m] of Object.entries(mods)) {
    for (const [name, f] of Object.entries({
      "caisson fast": () => m.benchIdCheckFast(ic),
      "caisson scan": () => m.benchIdCheckScan(ic),
      "goldstar fast": () => m.benchOutcomeFast(oc),
      "goldstar scan": () => m.benchOutcomeScan(oc),
      "caisson full validator": () => m.benchIdCheckValidate(ic),
    })) {
      (res[`${name} [${k}]`] ??= []).push(time(f));
    }
  }
}
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(36), med(v).toFixed(2), "us");
