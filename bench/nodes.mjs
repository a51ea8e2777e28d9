// The supported Node release lines, for bench/run.mjs's "Node lines" rows.
// The machine's own Node (20 here) reached its end of life in April 2026;
// users run 22, 24 and 26, whose V8 compiles wasm, parses JSON and builds a
// `Response` at other speeds. Each is the npm registry's build of Node
// (`node-<platform>-<arch>`, the binary the `node` package installs), put in
// target/nodes/<version> on first use. A line that cannot be installed (no
// registry, another platform) is reported and skipped, never fatal: the
// bench is not a test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** Pinned so that two runs compare the same engines. */
export const NODE_LINES = ["22.23.3", "24.21.0", "26.10.0"];

/** `[{ version, path }]` for the lines installed, and why the others are not. */
export function nodeLines(targetDir) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const found = [];
  const skipped = [];
  for (const version of NODE_LINES) {
    const dir = join(targetDir, "nodes", version);
    const bin = join(dir, "node_modules", pkg, "bin", "node");
    if (!existsSync(bin)) {
      mkdirSync(dir, { recursive: true });
      process.stderr.write(`bench: installing ${pkg}@${version} into ${dir}\n`);
      const out = spawnSync(
        "npm",
        ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `${pkg}@${version}`],
        { encoding: "utf8" },
      );
      if (out.status !== 0 || !existsSync(bin)) {
        skipped.push(`${version} (npm install ${pkg}@${version} failed)`);
        continue;
      }
    }
    const v = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (v.status !== 0 || v.stdout.trim() !== `v${version}`) {
      skipped.push(`${version} (${bin} does not run)`);
      continue;
    }
    found.push({ version, path: bin });
  }
  return { found, skipped };
}
