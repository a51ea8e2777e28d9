// `make demo`: runs the README's examples against the in-process Sandbox.
// (The browser demo page is a later step; until then this is the demo.)
import { spawnSync } from "node:child_process";
import { linkPackage } from "./link-pkg.mjs";

linkPackage();
for (const example of ["caisson-quickstart.mjs", "goldstar-quickstart.mjs"]) {
  console.log(`\n=== www/examples/${example} (against the Sandbox) ===`);
  const run = spawnSync(process.execPath, [new URL(`./examples/${example}`, import.meta.url).pathname], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log("\nTo serve the Sandbox over HTTP: node www/sandbox-server.mjs --port 4010");
