// `make bench`: idv-edge against the hand-written alternative (zod 4 in plain
// JS, bench/baseline/zod.mjs) and against bare JSON.parse, every figure a
// ratio to a baseline measured in this same run. Prints the machine and one
// table (markdown). Needs `make pkg` and the bench build (target/bench-pkg,
// the `bench` feature: the candidate parse paths side by side).
//
// Timing: each figure is the median of several rounds; candidates are
// interleaved within a round so drift hits them alike. No figure here is an
// assertion: `make test` never times anything.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, existsSync, symlinkSync, lstatSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { JSON_HEADERS, idCheckBody, outcomeBody } from "./bodies.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = join(root, "pkg");
const benchPkg = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "bench-pkg");
const quick = process.argv.includes("--quick");
// --rows-json: print the rows as JSON, not the table (a child run under
// another Node line, below); --shipped-only: per call, the shipped path and
// its baselines without the other candidates.
const rowsJson = process.argv.includes("--rows-json");
const shippedOnly = process.argv.includes("--shipped-only");
const only = (process.argv.find((a) => a.startsWith("--only=")) ?? "").slice(7).split(",").filter(Boolean);
const want = (section) => only.length === 0 || only.includes(section);

// The baseline imports "zod" like a user's code: resolve it from tests/node_modules.
const link = join(root, "bench/node_modules");
try {
  lstatSync(link);
} catch {
  symlinkSync("../tests/node_modules", link, "dir");
}
const require = createRequire(join(root, "tests/package.json"));

const rows = [];
const row = (section, what, value, baseline, ratio, note = "") => rows.push({ section, what, value, baseline, ratio, note });
const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : "n/a");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const us = (n) => `${n.toFixed(2)} us`;
const ms = (n) => `${n.toFixed(2)} ms`;

// ---------------------------------------------------------------- machine
const cpus = os.cpus();
const machine = [
  `${cpus[0]?.model ?? "unknown CPU"} x ${cpus.length}`,
  `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `${os.type()} ${os.release()} ${os.arch()}`,
  `Node ${process.version} (V8 ${process.versions.v8})`,
  `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at start`,
];
let workerdVersion = "n/a";
try {
  workerdVersion = require("workerd/package.json").version;
} catch {}
machine.push(`workerd ${workerdVersion} (Miniflare ${require("miniflare/package.json").version})`);
machine.push(`zod ${require("zod/package.json").version}`);

// ---------------------------------------------------------------- size
function gz(file) {
  const b = readFileSync(file);
  return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
}

/** The files `node` loads for `entry` (ESM resolve hook), for the baseline's size. */
function loadedFiles(entry) {
  const hook = `data:text/javascript,${encodeURIComponent(`
    export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith("file:")) process.stderr.write("LOADED " + r.url + "\\n"); return r; }`)}`;
  const reg = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hook)});`)}`;
  const out = spawnSync(process.execPath, ["--import", reg, "-e", `import(${JSON.stringify(pathToFileURL(entry).href)})`], {
    encoding: "utf8",
    cwd: root,
  });
  return [...new Set([...out.stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => fileURLToPath(m[1])))];
}

if (want("size")) {
  const client = gz(join(pkg, "idv_edge_bg.wasm"));
  const clientGlue = gz(join(pkg, "idv_edge.js"));
  const sandbox = gz(join(pkg, "idv_edge_sandbox_bg.wasm"));
  const zodFiles = loadedFiles(join(root, "bench/baseline/zod.mjs")).filter((f) => !f.endsWith("zod.mjs"));
  const zodText = Buffer.concat(zodFiles.map((f) => readFileSync(f)));
  const zodSize = { raw: zodText.length, gzip: gzipSync(zodText, { level: 9 }).length };
  const pack = spawnSync("npm", ["pack", "--dry-run", "--json"], { cwd: pkg, encoding: "utf8" });
  const packInfo = JSON.parse(pack.stdout)[0];
  const target = 60 * 1024;
  row("Size", "client wasm (both APIs: idv-edge), gzip -9", kb(client.gzip), "target 60 KB", fmtRatio(client.gzip / target), `raw ${kb(client.raw)}`);
  row("Size", "client wasm + JS glue, gzip", kb(client.gzip + clientGlue.gzip), `zod 4 as loaded by the baseline: ${kb(zodSize.gzip)}`, fmtRatio((client.gzip + clientGlue.gzip) / zodSize.gzip), `zod: ${zodFiles.length} files, raw ${kb(zodSize.raw)}`);
  for (const [key, label] of [["caisson", "Caisson"], ["goldstar", "Goldstar"]]) {
    const one = gz(join(pkg, `idv_edge_${key}_bg.wasm`));
    row("Size", `${label} client alone (idv-edge/${key}) wasm, gzip -9`, kb(one.gzip), "target 60 KB", fmtRatio(one.gzip / target), `raw ${kb(one.raw)}; ${fmtRatio(one.gzip / client.gzip)} of both clients' wasm`);
  }
  row("Size", "Sandbox wasm (own entry), gzip", kb(sandbox.gzip), "client wasm", fmtRatio(sandbox.gzip / client.gzip), `raw ${kb(sandbox.raw)}; loaded only by new Sandbox()`);
  row("Size", "npm tarball", kb(packInfo.size), "client wasm, gzip", fmtRatio(packInfo.size / client.gzip), `unpacked ${kb(packInfo.unpackedSize)}, ${packInfo.entryCount} files`);
}

// ---------------------------------------------------------------- cold start, Node
function coldNode(kind, runs, node = process.execPath) {
  const child = join(root, "bench/cold-node.mjs");
  const times = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(node, [child, kind], { encoding: "utf8", cwd: root });
    if (out.status !== 0) throw new Error(`cold-node ${kind}: ${out.stderr}`);
    times.push(Number(out.stdout.trim()));
  }
  return median(times);
}

if (want("cold")) {
  const runs = quick ? 5 : 15;
  const order = ["json", "floor", "zod", "idv", "idv-caisson-only", "idv-goldstar", "idv-goldstar-only", "zod-goldstar", "idv-sandbox"];
  const t = Object.fromEntries(order.map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const k of order) t[k].push(coldNode(k, 1));
  const m = Object.fromEntries(order.map((k) => [k, median(t[k])]));
  row("Cold start (Node)", "import + instantiate + first parseIdCheck", ms(m.idv), `zod baseline ${ms(m.zod)}`, fmtRatio(m.idv / m.zod), `target 5 ms; JSON.parse alone ${ms(m.json)}`);
  row("Cold start (Node)", "the same, over the floor of any wasm package (bench/floor.mjs: a one-function wasm module + res.json())", ms(m.idv), `floor ${ms(m.floor)}`, fmtRatio(m.idv / m.floor), `the floor is ${fmtRatio(m.floor / 5)} the 5 ms target here`);
  row("Cold start (Node)", "import + instantiate + first parseVerifyIdentity", ms(m["idv-goldstar"]), `zod baseline ${ms(m["zod-goldstar"])}`, fmtRatio(m["idv-goldstar"] / m["zod-goldstar"]));
  row("Cold start (Node)", "idv-edge/caisson (Caisson alone) + first parseIdCheck", ms(m["idv-caisson-only"]), `zod baseline ${ms(m.zod)}`, fmtRatio(m["idv-caisson-only"] / m.zod), `idv-edge: ${ms(m.idv)}`);
  row("Cold start (Node)", "idv-edge/goldstar (Goldstar alone) + first parseVerifyIdentity", ms(m["idv-goldstar-only"]), `zod baseline ${ms(m["zod-goldstar"])}`, fmtRatio(m["idv-goldstar-only"] / m["zod-goldstar"]), `idv-edge: ${ms(m["idv-goldstar"])}`);
  row("Cold start (Node)", "idv-edge/sandbox + first Sandbox.fetch", ms(m["idv-sandbox"]), `client ${ms(m.idv)}`, fmtRatio(m["idv-sandbox"] / m.idv), "test/dev only");
}

// ---------------------------------------------------------------- cold start, workerd
if (want("workerd")) {
  const { coldWorkerd } = await import("./cold-workerd.mjs");
  const w = await coldWorkerd(quick ? 3 : 7);
  row("Cold start (workerd)", "worker start + first parseIdCheck, over an empty worker", ms(w.idv - w.empty), `zod baseline ${ms(w.zod - w.empty)}`, fmtRatio((w.idv - w.empty) / (w.zod - w.empty)), `empty worker ${ms(w.empty)} (process start, median); noisy: differences of medians`);
}

// ---------------------------------------------------------------- per call
async function timeIt(fn, minMs) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    const dt = performance.now() - t0;
    if (dt >= minMs) return (dt * 1000) / n;
    n = Math.max(n * 2, Math.ceil((n * minMs * 1.2) / Math.max(dt, 0.01)));
  }
}
function timeSync(fn, minMs) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    const dt = performance.now() - t0;
    if (dt >= minMs) return (dt * 1000) / n;
    n = Math.max(n * 2, Math.ceil((n * minMs * 1.2) / Math.max(dt, 0.01)));
  }
}

/** Median microseconds per call of each candidate, interleaved over rounds. */
async function compare(cands, { rounds = quick ? 5 : 11, minMs = quick ? 40 : 100 } = {}) {
  const res = Object.fromEntries(Object.keys(cands).map((k) => [k, []]));
  // Warm up every candidate (and check it works) until V8 has optimized it
  // (wasm tiers up from Liftoff to TurboFan, JS from Ignition to TurboFan).
  for (const [, f] of Object.entries(cands)) {
    if (f.constructor.name === "AsyncFunction") await timeIt(f, minMs * 2);
    else timeSync(f, minMs * 2);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [k, f] of Object.entries(cands)) {
      res[k].push(f.constructor.name === "AsyncFunction" ? await timeIt(f, minMs) : timeSync(f, minMs));
    }
  }
  return Object.fromEntries(Object.entries(res).map(([k, v]) => [k, median(v)]));
}

const idv = await import(pathToFileURL(join(pkg, "node.js")).href);
const zb = await import("./baseline/zod.mjs");
const caisson = new idv.CaissonClient({ apiKey: "k" });
const goldstar = new idv.GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com" });
const enc = new TextEncoder();

// The baseline must do the same job: before anything per call is timed, it
// builds the same results as idv-edge on every bench body used below, and
// its tables interpret every code and key as idv-edge does (regenerate them
// with bench/baseline/gen-tables.mjs when an interpretation changes).
{
  const { REASONS, QUALIFIERS } = await import("./baseline/tables.mjs");
  const plain = (v) => JSON.parse(JSON.stringify(v));
  for (const [code, expected] of Object.entries(REASONS)) {
    const { category, field, userAction, retryable } = idv.describeCaissonReason(Number(code));
    assert.deepStrictEqual(plain({ category, field, userAction, retryable }), expected, `bench: the baseline's reason ${code} is stale`);
  }
  for (const [key, expected] of Object.entries(QUALIFIERS)) {
    const { category, severity, meaning } = idv.describeGoldstarQualifier(key);
    assert.deepStrictEqual([category, severity, meaning], expected, `bench: the baseline's qualifier ${key} is stale`);
  }
  const res = (b) => new Response(b, { headers: JSON_HEADERS });
  for (const n of [undefined, 1, 10, 100]) {
    assert.deepStrictEqual(plain(await zb.parseIdCheck(res(idCheckBody(n)))), plain(await caisson.parseIdCheck(res(idCheckBody(n)))), `bench: parseIdCheck results differ (${n})`);
    assert.deepStrictEqual(plain(await zb.parseOutcome(res(outcomeBody(n)))), plain(await goldstar.parseVerifyIdentity(res(outcomeBody(n)))), `bench: outcome results differ (${n})`);
  }
}

let cand = null;
if (existsSync(join(benchPkg, "idv_edge_bench.js"))) {
  cand = await import(pathToFileURL(join(benchPkg, "idv_edge_bench.js")).href);
  cand.initSync({ module: readFileSync(join(benchPkg, "idv_edge_bench_bg.wasm")) });
  cand.benchInitParsed();
}

function perCall(label, body, publicParse, zodParse, zodText, candidates) {
  const bytes = enc.encode(body);
  const respond = () => new Response(body, { headers: JSON_HEADERS });
  return { label, body, bytes, respond, publicParse, zodParse, zodText, candidates };
}

const callCases = [
  perCall("parseIdCheck", idCheckBody(), (r) => caisson.parseIdCheck(r), zb.parseIdCheck, zb.idCheckFromText, cand && {
    naive: cand.benchIdCheckNaive, typedJson: cand.benchIdCheckTypedJson, fast: cand.benchIdCheckFast,
    validate: cand.benchIdCheckValidate, scan: cand.benchIdCheckScan, scanParse: cand.benchIdCheckScanParse,
  }),
  perCall("Goldstar outcome (parseVerifyIdentity)", outcomeBody(), (r) => goldstar.parseVerifyIdentity(r), zb.parseOutcome, zb.outcomeFromText, cand && {
    naive: cand.benchOutcomeNaive, typedJson: cand.benchOutcomeTypedJson, fast: cand.benchOutcomeFast,
    validate: cand.benchOutcomeValidate, scan: cand.benchOutcomeScan, scanParse: cand.benchOutcomeScanParse,
  }),
];

if (want("call")) {
  for (const c of callCases) {
    // The public API: a Response in, the validated object out.
    const pub = await compare(
      {
      idv: async () => c.publicParse(c.respond()),
      zod: async () => c.zodParse(c.respond()),
      json: async () => c.respond().json(),
      },
      { rounds: quick ? 5 : 15 },
    );
    const name = `${c.label}, ${c.body.length}-byte body`;
    row("Per call (Response in)", name, us(pub.idv), `zod ${us(pub.zod)}`, fmtRatio(pub.idv / pub.zod), `${fmtRatio(pub.idv / pub.json)} of res.json() (${us(pub.json)}); idv-edge also caps the body at 1 MiB and times the read, the baseline does not`);
    // The core: the body already in memory (bytes for wasm, text for JS).
    const core = {
      json: () => JSON.parse(c.body),
      zod: () => c.zodText(c.body),
    };
    if (c.candidates) core.fast = () => c.candidates.fast(c.bytes);
    if (c.candidates && !shippedOnly) {
      core.naive = () => c.candidates.naive(c.bytes);
      core.typedJson = () => c.candidates.typedJson(c.bytes);
      core.validate = () => c.candidates.validate(c.bytes);
      core.scan = () => c.candidates.scan(c.bytes);
      core.scanParse = () => c.candidates.scanParse(c.bytes);
      core.fastFromText = () => c.candidates.fast(enc.encode(c.body));
      core.treeSerde = () => cand.benchTreeSerdeJson(c.bytes);
      core.treeOwn = () => cand.benchTreeOwn(c.bytes);
    }
    if (c.candidates && !shippedOnly) {
      // Every candidate that builds the result must build the same one.
      const want = JSON.stringify(core.typedJson());
      for (const name of ["fast", "scanParse", "naive", "fastFromText"]) {
        if (JSON.stringify(core[name]()) !== want) throw new Error(`bench: candidate ${name} built another result for ${c.label}`);
      }
    }
    const k = await compare(core);
    if (c.candidates) {
      row("Per call (body in memory)", `${c.label}: shipped path (scan in wasm records where each value is, JS slices the decoded body)`, us(k.fast), `zod ${us(k.zod)}`, fmtRatio(k.fast / k.zod), `${fmtRatio(k.fast / k.json)} of JSON.parse (${us(k.json)})`);
      if (shippedOnly) continue;
      row("Per call (body in memory)", `  candidate: scan in wasm + one JSON.parse of the body (shipped before)`, us(k.scanParse), `zod ${us(k.zod)}`, fmtRatio(k.scanParse / k.zod), `${fmtRatio(k.scanParse / k.json)} of JSON.parse`);
      row("Per call (body in memory)", `  candidate: JSON tree + typed result + serde-wasm-bindgen (the old object building)`, us(k.naive), `zod ${us(k.zod)}`, fmtRatio(k.naive / k.zod), `${fmtRatio(k.naive / k.json)} of JSON.parse`);
      row("Per call (body in memory)", `  candidate: JSON tree + typed result as JSON text`, us(k.typedJson), `zod ${us(k.zod)}`, fmtRatio(k.typedJson / k.zod), `${fmtRatio(k.typedJson / k.json)} of JSON.parse; the fallback path`);
      row("Per call (body in memory)", `  candidate: shipped path from a string (+ TextEncoder copy)`, us(k.fastFromText), `zod ${us(k.zod)}`, fmtRatio(k.fastFromText / k.zod), `${fmtRatio(k.fastFromText / k.json)} of JSON.parse`);
      row("Per call (body in memory)", `  part: the scan alone (validation, nothing built)`, us(k.scan), `JSON.parse ${us(k.json)}`, fmtRatio(k.scan / k.json), `full validator alone (tree + typed result): ${us(k.validate)}`);
      row("Per call (body in memory)", `  part: the JSON tree alone, src/json_parse.rs`, us(k.treeOwn), `serde_json::from_slice ${us(k.treeSerde)}`, fmtRatio(k.treeOwn / k.treeSerde), "the same Value and errors; serde_json's was the tree before");
    } else {
      row("Per call (body in memory)", c.label, "n/a", `zod ${us(k.zod)}`, "n/a", "bench build missing: run make bench");
    }
  }
}

// ---------------------------------------------------------------- growth
if (want("growth")) {
  for (const [label, mk, pub, zp] of [
    ["parseIdCheck, reasons", idCheckBody, (r) => caisson.parseIdCheck(r), zb.parseIdCheck],
    ["parseVerifyIdentity, questions", outcomeBody, (r) => goldstar.parseVerifyIdentity(r), zb.parseOutcome],
  ]) {
    const t = {};
    for (const n of [1, 10, 100]) {
      const body = mk(n);
      const r = await compare({
        idv: async () => pub(new Response(body, { headers: JSON_HEADERS })),
        zod: async () => zp(new Response(body, { headers: JSON_HEADERS })),
      });
      t[n] = r;
      row("Growth", `${label}: ${n} (${body.length} bytes)`, us(r.idv), `zod ${us(r.zod)}`, fmtRatio(r.idv / r.zod), n === 1 ? "" : `x${(r.idv / t[n === 10 ? 1 : 10].idv).toFixed(1)} over ${n === 10 ? 1 : 10} (zod x${(r.zod / t[n === 10 ? 1 : 10].zod).toFixed(1)})`);
    }
  }
}

// ---------------------------------------------------------------- end to end
if (want("e2e")) {
  const { flows } = await import("./flows.mjs");
  const f = flows(idv);
  const r = await compare(
    { caissonIdv: f.caissonIdv, caissonBare: f.caissonBare, goldstarIdv: f.goldstarIdv, goldstarBare: f.goldstarBare },
    { rounds: quick ? 3 : 7, minMs: quick ? 100 : 300 },
  );
  const perS = (u) => `${Math.round(1e6 / u)} flows/s`;
  row("End to end (Sandbox.fetch, one isolate)", "Caisson: create, exchangeToken, getIdCheck(fields)", perS(r.caissonIdv), `bare fetch + JSON.parse ${perS(r.caissonBare)}`, fmtRatio(r.caissonIdv / r.caissonBare), "time per flow over bare (1.00x = as fast as bare)");
  row("End to end (Sandbox.fetch, one isolate)", "Goldstar: verifyIdentity (soft fail), verifyAnswers", perS(r.goldstarIdv), `bare fetch + JSON.parse ${perS(r.goldstarBare)}`, fmtRatio(r.goldstarIdv / r.goldstarBare), "time per flow over bare");
}

// ---------------------------------------------------------------- Node lines
// The cold start and the per-call rows again under each supported Node line
// (scripts/node-lines.mjs, installed by make setup), each against its
// baselines run by that same Node.
if (want("nodes")) {
  const { nodeLines } = await import("../scripts/node-lines.mjs");
  const { found, missing } = nodeLines();
  machine.push(`other Node lines: ${found.map((n) => `v${n.version}`).join(", ") || "none"}${missing.length ? `; missing: ${missing.join(", ")}` : ""}`);
  for (const { version, path } of found) {
    const section = `Node ${version}`;
    const runs = quick ? 5 : 15;
    const order = ["floor", "zod", "idv", "idv-goldstar", "zod-goldstar"];
    const t = Object.fromEntries(order.map((k) => [k, []]));
    for (let i = 0; i < runs; i++) for (const k of order) t[k].push(coldNode(k, 1, path));
    const m = Object.fromEntries(order.map((k) => [k, median(t[k])]));
    row(section, "cold start: import + instantiate + first parseIdCheck", ms(m.idv), `zod baseline ${ms(m.zod)}`, fmtRatio(m.idv / m.zod), `target 5 ms; ${fmtRatio(m.idv / m.floor)} the floor (${ms(m.floor)})`);
    row(section, "cold start: import + instantiate + first parseVerifyIdentity", ms(m["idv-goldstar"]), `zod baseline ${ms(m["zod-goldstar"])}`, fmtRatio(m["idv-goldstar"] / m["zod-goldstar"]));
    const args = [fileURLToPath(import.meta.url), "--only=call", "--shipped-only", "--rows-json", ...(quick ? ["--quick"] : [])];
    const out = spawnSync(path, args, { encoding: "utf8", cwd: root, env: process.env, maxBuffer: 1 << 24 });
    if (out.status !== 0) throw new Error(`bench under Node ${version}: ${out.stderr}`);
    for (const r of JSON.parse(out.stdout)) rows.push({ ...r, section, what: `${r.section.toLowerCase()}: ${r.what}` });
  }
}

// ---------------------------------------------------------------- print
if (rowsJson) {
  process.stdout.write(JSON.stringify(rows));
  process.exit(0);
}
console.log("## idv-edge benchmark\n");
console.log(`Machine: ${machine.join("; ")}.`);
console.log(`Run: ${new Date().toISOString()}${quick ? " (--quick)" : ""}. Ratios are idv-edge over the baseline measured in this run (lower is better).\n`);
console.log("| section | measure | idv-edge | baseline | ratio | note |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.section} | ${r.what} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.note} |`);
