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
  assert.match(out, /face_confidence: confidence\.face is medium/);
  assert.match(out, /reason 201 \(selfie\): .+/);
});

test("the Goldstar example runs the soft fail through to a pass", () => {
  const out = run("goldstar-quickstart.mjs");
  assert.match(out, /qualifier resultcode\.yob\.does\.not\.match: signal \(dob_age\)/);
  assert.match(out, /^status: passed, pass on Id \d+$/m);
  assert.match(out, /^hard_stop$/m);
});
