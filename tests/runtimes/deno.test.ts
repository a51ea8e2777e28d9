// Deno (deno test, no permissions granted), run from the scratch project that
// installed the packed tarball: `idv-edge` resolves through the exports map
// (the `deno` condition: a source-phase import of the .wasm, no file read).
// Type-checked by `deno test` against the packed .d.ts.
import * as idv from "idv-edge";
import type { IdCheckResult, VerifyOutcome } from "idv-edge";
import * as caissonOnly from "idv-edge/caisson";
import * as goldstarOnly from "idv-edge/goldstar";
import { Sandbox as SandboxOnly } from "idv-edge/sandbox";
import { scenario } from "./scenario.mjs";

for (const t of scenario(idv)) Deno.test(t.name, t.run);
// The same scenario on the single-API entries (each client in its own wasm).
for (const t of scenario({ ...caissonOnly, ...goldstarOnly, Sandbox: SandboxOnly })) {
  Deno.test(`single-API entries: ${t.name}`, t.run);
}

Deno.test("deno: idv-edge/caisson and idv-edge/goldstar resolve to their deno entries", () => {
  for (const sub of ["caisson", "goldstar"]) {
    const resolved = import.meta.resolve(`idv-edge/${sub}`);
    if (!new RegExp(`/node_modules/idv-edge/${sub}-deno\\.js$`).test(resolved)) throw new Error(`resolved to ${resolved}`);
  }
  if (caissonOnly.IdvError !== idv.IdvError || goldstarOnly.IdvError !== idv.IdvError) throw new Error("two IdvError classes");
});

Deno.test("deno: idv-edge resolves to the installed package's deno.js", () => {
  const resolved = import.meta.resolve("idv-edge");
  if (!/\/node_modules\/idv-edge\/deno\.js$/.test(resolved)) throw new Error(`resolved to ${resolved}`);
});

Deno.test("deno: ran without read, net or env permission", async () => {
  for (const name of ["read", "net", "env"] as const) {
    const { state } = await Deno.permissions.query({ name });
    if (state === "granted") throw new Error(`${name} was granted: the suite must run without it`);
  }
});

// `deno test` type-checks this file: the annotations below must match the packed .d.ts.
Deno.test("deno: typed results from the packed .d.ts", async () => {
  const sandbox = new idv.Sandbox({ now: "2026-06-01T12:00:00Z" });
  const caisson = new idv.CaissonClient({ apiKey: "k", fetch: sandbox.fetch });
  const { check_id } = await caisson.exchangeToken(sandbox.createIdCheck({ customerId: "c" }).check_exchange_token);
  const r: IdCheckResult = await caisson.getIdCheck(check_id);
  const decision: "approve" | "review" | "decline" = idv.assessIdCheck(r, { now: sandbox.now }).decision;
  if (decision !== "approve") throw new Error(decision);
  const goldstar = new idv.GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", fetch: sandbox.fetch });
  const o: VerifyOutcome = await goldstar.verifyIdentity({
    firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
    taxpayerID: "555-01-0101", birthMonth: 6, birthDay: 30, birthYear: 1989,
  });
  const status: "passed" | "failed" | "questions" = o.status;
  if (status !== "failed") throw new Error(status);
});
