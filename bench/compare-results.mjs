// Two builds of the package must give the same results and the same errors
// (code, message, field, fields, status, description) on the bench bodies,
// on single-byte mutations of them and under other statuses. Used to check a
// performance change against the commit before it (build that one into a
// scratch directory with wasm-pack + scripts/build-pkg.mjs).
//   node bench/compare-results.mjs <old pkg dir> <new pkg dir>
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
const [dirA, dirB] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error("usage: node bench/compare-results.mjs <old pkg dir> <new pkg dir>");
const A = await import(pathToFileURL(resolve(dirA, "node.js")).href);
const B = await import(pathToFileURL(resolve(dirB, "node.js")).href);
import { idCheckBody, outcomeBody, JSON_HEADERS } from "./bodies.mjs";
const ca = new A.CaissonClient({ apiKey: "k" }), cb = new B.CaissonClient({ apiKey: "k" });
const ga = new A.GoldstarClient({ apiKey: "k", domain: "x.example.com" }), gb = new B.GoldstarClient({ apiKey: "k", domain: "x.example.com" });
const res = (b, s = 200) => new Response(b, { status: s, headers: JSON_HEADERS });
const same = async (f1, f2, b, s) => {
  let r1, r2;
  try { r1 = await f1(res(b, s)); } catch (e) { r1 = { err: e.code, msg: e.message, f: e.field, fs: e.fields, st: e.status, d: e.description, ok: e instanceof A.IdvError }; }
  try { r2 = await f2(res(b, s)); } catch (e) { r2 = { err: e.code, msg: e.message, f: e.field, fs: e.fields, st: e.status, d: e.description, ok: e instanceof B.IdvError }; }
  assert.deepStrictEqual(r2, r1, b); assert.equal(JSON.stringify(r2), JSON.stringify(r1));
};
let n = 0;
const mutate = (s, i, c) => s.slice(0, i) + c + s.slice(i + 1);
// The same bodies with values of every UTF-8 length (offsets into a
// non-ASCII body differ between bytes and UTF-16).
const wide = (b) => b.replaceAll("JAMIE", "JÄMIE 😀").replaceAll("NEW YORK", "NÉW YÖRK €").replaceAll("Name mismatch", "Nämé 𝄞")
  .replaceAll("Atlanta", "Ātlanta 😀").replaceAll("Maple Ave", "Mäple € Ave").replaceAll("Address Does Not Match", "Adréss 😀");
for (const k of [0, 1, 2, 3, 10, 100]) {
  for (const [b, p1, p2] of [[idCheckBody(k), (r) => ca.parseIdCheck(r), (r) => cb.parseIdCheck(r)], [outcomeBody(k), (r) => ga.parseVerifyIdentity(r), (r) => gb.parseVerifyIdentity(r)],
    [wide(idCheckBody(k)), (r) => ca.parseIdCheck(r), (r) => cb.parseIdCheck(r)], [wide(outcomeBody(k)), (r) => ga.parseVerifyIdentity(r), (r) => gb.parseVerifyIdentity(r)]]) {
    await same(p1, p2, b); n++;
    for (let i = 0; i < b.length; i += 7) for (const c of ['"', "}", "1", "x", " ", "\\", "-"]) { await same(p1, p2, mutate(b, i, c)); n++; }
    for (const s of [201, 204, 400, 401, 404, 422, 429, 500]) { await same(p1, p2, b, s); n++; }
  }
}
console.log("same results and errors on", n, "bodies");
