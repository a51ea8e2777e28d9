// TypeScript: tests/types/consumer.ts, copied into the scratch project,
// type-checks against the packed .d.ts (the TypeScript compiler as tsc
// --noEmit runs it, nodenext and bundler resolution); each `@ts-expect-error` is needed (without it, that
// line is an error); the consumer uses every public export and method.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const app = process.env.IDV_APP;
if (!app) throw new Error("IDV_APP is not set: run through tests/runtimes/run.sh (make test-runtimes)");
const dir = `${app}/types`;
const source = readFileSync(`${dir}/consumer.ts`, "utf8");
const config = ts.parseJsonConfigFileContent(JSON.parse(readFileSync(`${dir}/tsconfig.json`, "utf8")), ts.sys, dir);

// One compiler host for every program here, sharing parsed files (lib.dom is
// most of the work): each check after the first takes a fraction of a second.
const host = ts.createCompilerHost(config.options);
const cache = new Map();
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (file, lang, ...rest) => {
  if (!file.startsWith(dir + "/") || file.includes("/node_modules/")) {
    const key = `${file}:${JSON.stringify(lang)}`;
    if (!cache.has(key)) cache.set(key, getSourceFile(file, lang, ...rest));
    return cache.get(key);
  }
  return getSourceFile(file, lang, ...rest);
};

/** Type-checks `files` (in the scratch types/ dir); returns the errors as `{ file, line, code, text }`. */
function check(files, overrides = {}) {
  const options = { ...config.options, ...overrides };
  const program = ts.createProgram(files.map((f) => `${dir}/${f}`), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
    return { file: d.file?.fileName.slice(dir.length + 1), line: pos.line + 1, code: `TS${d.code}`, text: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
  });
}
const show = (errors) => errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.text}`).join("\n");

test("types: consumer.ts type-checks against the packed .d.ts (nodenext, strict, the .d.ts checked too)", () => {
  assert.equal(config.options.skipLibCheck, false);
  assert.equal(show(check(["consumer.ts"])), "");
});

test("types: consumer.ts type-checks with bundler resolution too", () => {
  const errors = check(["consumer.ts"], { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  assert.equal(show(errors), "");
});

test("types: consumer.ts type-checks with an older lib (es2020 + dom, no esnext.disposable) and target", () => {
  // A consumer tsconfig that does not know Symbol.dispose: the package's
  // .d.ts must not need it (wasm-bindgen declares [Symbol.dispose]; build-pkg drops it).
  const errors = check(["consumer.ts"], { lib: ["lib.es2020.d.ts", "lib.dom.d.ts"], target: ts.ScriptTarget.ES2020 });
  assert.equal(show(errors), "");
});

test("types: consumer.ts type-checks under exactOptionalPropertyTypes (an option set to undefined is not given)", () => {
  assert.equal(show(check(["consumer.ts"], { exactOptionalPropertyTypes: true })), "");
});

test("types: the types came from the installed package's index.d.ts", () => {
  const { resolvedModule } = ts.resolveModuleName("idv-edge", `${dir}/consumer.ts`, config.options, ts.sys);
  assert.equal(resolvedModule.resolvedFileName, `${app}/node_modules/idv-edge/index.d.ts`);
});

test("types: every @ts-expect-error marks a real error (misuse does not type-check)", () => {
  const lines = source.split("\n");
  const expected = lines.flatMap((l, i) => (/^\s*\/\/ @ts-expect-error/.test(l) ? [i + 2] : []));
  assert.ok(expected.length >= 12, `only ${expected.length} misuse lines`);
  for (const needed of ["a number as a check id", "an unknown field name", "a missing option"]) {
    assert.ok(source.includes(`@ts-expect-error: ${needed}`), needed);
  }
  writeFileSync(`${dir}/consumer.bare.ts`, lines.map((l) => l.replace(/\/\/ @ts-expect-error.*/, "// (directive removed)")).join("\n"));
  const errors = check(["consumer.bare.ts"]);
  assert.ok(errors.every((e) => e.file === "consumer.bare.ts"), show(errors));
  const lineSet = [...new Set(errors.map((e) => e.line))].sort((a, b) => a - b);
  assert.deepEqual(lineSet, expected, show(errors));
});

test("types: the consumer uses every public export and method", async () => {
  const entry = createRequire(`${app}/`).resolve("idv-edge");
  const idv = await import(pathToFileURL(entry));
  const missing = [];
  for (const [name, value] of Object.entries(idv)) {
    if (name.startsWith("__")) continue;
    if (!new RegExp(`\\b${name}\\b`).test(source)) missing.push(name);
    if (typeof value === "function" && value.prototype && name !== "IdvError") {
      for (const m of Object.getOwnPropertyNames(value.prototype)) {
        if (["constructor", "free"].includes(m) || m.startsWith("__")) continue;
        if (!new RegExp(`\\.${m}\\b`).test(source)) missing.push(`${name}.${m}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

// Signatures that were once wrong in the generated .d.ts (src/bindings/*.rs).
const fixed = [
  ["verifyAnswers(id, answers): questions is optional (API.md)", `
import { GoldstarClient } from "idv-edge";
declare const g: GoldstarClient;
export const a = g.verifyAnswers("1", [{ type: "t", text: "x" }]);
export const b = g.verifyAnswersRequest("1", []);
`, true],
  ["describeCaissonReason takes a number and describeGoldstarQualifier a string, not any", `
import { describeCaissonReason, describeGoldstarQualifier } from "idv-edge";
// @ts-expect-error: a string code
describeCaissonReason("101");
// @ts-expect-error: a number key
describeGoldstarQualifier(42);
`, true],
];
for (const [name, code] of fixed) {
  test(`types: ${name}`, () => {
    const file = `fixed-${fixed.findIndex((t) => t[0] === name)}.ts`;
    writeFileSync(`${dir}/${file}`, code);
    assert.equal(show(check([file])), "");
  });
}
