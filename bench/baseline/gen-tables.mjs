// Regenerates tables.mjs, the tables a hand-written integration would carry,
// from idv-edge's own interpretations, so the baseline and the package
// interpret alike (bench/run.mjs checks they do before timing anything).
// The keys are tables.mjs's own (the codes and keys of the docs).
//   node bench/baseline/gen-tables.mjs   (after `make pkg`)
import { writeFileSync } from "node:fs";
import { describeCaissonReason, describeGoldstarQualifier } from "../../pkg/node.js";
import { REASONS, QUALIFIERS } from "./tables.mjs";

const reasons = {};
for (const code of Object.keys(REASONS)) {
  const { category, field, userAction, retryable } = describeCaissonReason(Number(code));
  reasons[code] = field === undefined ? { category, userAction, retryable } : { category, field, userAction, retryable };
}
const qualifiers = {};
for (const key of Object.keys(QUALIFIERS)) {
  const { category, severity, meaning } = describeGoldstarQualifier(key);
  qualifiers[key] = [category, severity, meaning];
}
const head = `// The tables a hand-written integration would carry: Caisson reason codes and
// Goldstar qualifier keys with their interpretation (copied once from the docs;
// here generated from idv-edge by gen-tables.mjs so both sides interpret alike).
`;
writeFileSync(new URL("./tables.mjs", import.meta.url),
  `${head}export const REASONS = ${JSON.stringify(reasons)};\n// Keys without "resultcode.", lower case: [category, severity, meaning].\nexport const QUALIFIERS = ${JSON.stringify(qualifiers)};\n`);
console.log(`tables.mjs: ${Object.keys(reasons).length} reasons, ${Object.keys(qualifiers).length} qualifiers`);
