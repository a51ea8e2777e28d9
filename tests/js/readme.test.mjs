// The README's examples are the files under www/examples/, verbatim, and they
// run against the Sandbox with the output the README describes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { linkPackage } from "../../www/link-pkg.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(`${root}/README.md`, "utf8");
linkPackage();

function run(example) {
  const r = spawnSync(process.execPath, [`${root}/www/examples/${example}`], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("README opens with make demo and make test", () => {
  const firstBlock = readme.split("```")[1];
  assert.match(firstBlock, /^sh\nmake demo\b/);
  assert.match(firstBlock, /\nmake test\b/);
});

for (const example of ["caisson-quickstart.mjs", "goldstar-quickstart.mjs"]) {
  test(`README embeds www/examples/${example} verbatim`, () => {
    const source = readFileSync(`${root}/www/examples/${example}`, "utf8");
    assert.ok(readme.includes("```js\n" + source + "```"), `${example} drifted from README.md`);
  });
}

test("the Caisson example prints the decision, the finding and the reason's userAction", () => {
  const out = run("caisson-quickstart.mjs");
  assert.match(out, /^JAMIE: review$/m);
  assert.match(out, /face_confidence: confidence\.face is below minFace \(high\)$/m);
  assert.match(out, /reason 201 \(selfie\): .+/);
});

test("the Goldstar example runs the soft fail through to a pass", () => {
  const out = run("goldstar-quickstart.mjs");
  assert.match(out, /qualifier resultcode\.yob\.does\.not\.match: signal \(dob_age\)/);
  assert.match(out, /^status: passed, pass on Id \d+$/m);
  assert.match(out, /^hard_stop$/m);
});

// The per-runtime quick starts are excerpts of the runnable examples: each
// block after `<!-- excerpt: FILE -->` is lines of FILE, in order ("// ..."
// stands for lines left out). The examples themselves run in make test-runtimes.
const excerpts = [...readme.matchAll(/<!-- excerpt: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
test("README has a quick start excerpt for each runtime example", () => {
  const files = excerpts.map((m) => m[1]);
  for (const dir of ["cloudflare-worker", "deno-deploy", "vercel-edge", "node-server"]) {
    assert.ok(files.some((f) => f.startsWith(`www/examples/${dir}/`)), dir);
  }
});
for (const [, file, block] of excerpts) {
  test(`README's excerpt of ${file} matches the file`, () => {
    const lines = readFileSync(`${root}/${file}`, "utf8").split("\n");
    let at = 0;
    for (const line of block.split("\n")) {
      if (line.trim() === "// ..." || line === "") continue;
      const found = lines.indexOf(line, at);
      assert.ok(found >= 0, `${file} has no line (after line ${at}): ${line}`);
      at = found + 1;
    }
  });
}

test("the README's fault matrix counts the faults tests/faults/cases.mjs has", async () => {
  const { FAULTS, allCases } = await import("../faults/cases.mjs");
  const faults = Object.keys(FAULTS).filter((k) => k !== "ok").length;
  assert.ok(faults > 0);
  assert.match(readme, new RegExp(`\\*\\*Fault matrix\\*\\* \\(\`tests/faults/cases\\.mjs\`\\): ${faults} upstream faults and a\\s+fault-free control x the 5 operations`));
  assert.match(readme, new RegExp(`\\b${allCases().length} fault cases per runtime\\b`));
});
