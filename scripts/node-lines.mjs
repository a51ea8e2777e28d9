// The supported Node release lines, beside the machine's own Node (20, past
// its end of life since April 2026). The package says `engines: node >= 20`;
// users run 22, 24 and 26, whose V8s differ in how they compile wasm, parse
// JSON and read a `Response`. Each is the npm registry's build of Node
// (`node-<platform>-<arch>`, the binary the `node` package installs), pinned
// so that two runs compare the same engines, and installed into
// tests/.tools/nodes/<version>/ (ignored by git).
//
//   node scripts/node-lines.mjs install   installs the missing ones (scripts/setup.sh)
//   node scripts/node-lines.mjs paths     one `version path` line each, installed or not
//                                         (scripts/under-node-lines.sh runs a suite under each)
//
// Under each: make test-js runs tests/js, make test-runtimes the packed
// package's Node suite, make test-reliability the Node fault, leak, lifetime
// and load tests; make bench repeats its cold-start and per-call rows.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE_LINES = ["22.23.3", "24.21.0", "26.10.0"];

const root = fileURLToPath(new URL("..", import.meta.url));
const npmPackage = `node-${process.platform}-${process.arch}`;

/** The install prefix of `version`. */
const lineDir = (version) => join(root, "tests", ".tools", "nodes", version);

/** Where the binary of `version` is (or would be). */
export function nodePath(version) {
  return join(lineDir(version), "node_modules", npmPackage, "bin", "node");
}

/** Does the binary at `path` run and say it is `version`? */
function runs(path, version) {
  if (!existsSync(path)) return false;
  const v = spawnSync(path, ["--version"], { encoding: "utf8" });
  return v.status === 0 && v.stdout.trim() === `v${version}`;
}

/** Installs `version` if it is not there; answers an error text or undefined. */
function install(version) {
  const path = nodePath(version);
  if (runs(path, version)) return undefined;
  const dir = lineDir(version);
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`[setup] installing Node ${version} (npm ${npmPackage}, into tests/.tools/nodes)\n`);
  const args = ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `${npmPackage}@${version}`];
  const out = spawnSync("npm", args, { encoding: "utf8" });
  if (out.status !== 0) return `npm ${args.join(" ")} failed: ${out.stderr.trim()}`;
  return runs(path, version) ? undefined : `${path} does not run as Node ${version}`;
}

/** `{ found: [{ version, path }], missing: [text] }` for the lines already installed. */
export function nodeLines() {
  const found = [];
  const missing = [];
  for (const version of NODE_LINES) {
    const path = nodePath(version);
    if (runs(path, version)) found.push({ version, path });
    else missing.push(`${version} (not installed: make setup)`);
  }
  return { found, missing };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "install") {
    const errors = NODE_LINES.map(install).filter(Boolean);
    if (errors.length) {
      process.stderr.write(`${errors.join("\n")}\n`);
      process.exit(1);
    }
  } else if (command === "paths") {
    for (const version of NODE_LINES) process.stdout.write(`${version} ${nodePath(version)}\n`);
  } else {
    process.stderr.write("usage: node scripts/node-lines.mjs install | paths\n");
    process.exit(2);
  }
}
