// idv-edge/caisson and idv-edge/goldstar (pkg/caisson-node.js,
// pkg/goldstar-node.js): each client alone, in its own smaller wasm. The same
// classes and results as the main entry's, one IdvError class for all, and
// nothing of the other API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import * as main from "../../pkg/node.js";
import * as caissonOnly from "../../pkg/caisson-node.js";
import * as goldstarOnly from "../../pkg/goldstar-node.js";
import * as sandboxOnly from "../../pkg/sandbox-node.js";

const { Sandbox } = sandboxOnly;

const pkg = new URL("../../pkg/", import.meta.url);
const KEY = "sk_test_caisson_single";
const GKEY = "gs_test_single";
const T0 = "2026-06-01T12:00:00Z";
const DOMAIN = "qaservices.goldstartrust.com";

test("each single-API entry exports its client and free functions, and nothing of the other API", () => {
  const names = (m) => Object.keys(m).filter((k) => !k.startsWith("__")).sort();
  assert.deepEqual(names(caissonOnly), ["CaissonClient", "IdvError", "assessIdCheck", "describeCaissonReason", "init", "initSync"]);
  assert.deepEqual(names(goldstarOnly), ["GoldstarClient", "IdvError", "describeGoldstarQualifier", "init", "initSync"]);
  // idv-edge/sandbox: the same kind of exports, as README and sandbox.d.ts say (init too).
  assert.deepEqual(names(sandboxOnly), ["IdvError", "Sandbox", "init", "initSync"]);
  assert.equal(sandboxOnly.default, undefined);
  // One IdvError class across the main entry, both single-API entries and the Sandbox.
  assert.equal(caissonOnly.IdvError, main.IdvError);
  assert.equal(goldstarOnly.IdvError, main.IdvError);
  // Each wasm is its own, smaller than the one with both clients.
  const size = (f) => statSync(new URL(f, pkg)).size;
  for (const f of ["idv_edge_caisson_bg.wasm", "idv_edge_goldstar_bg.wasm"]) {
    assert.ok(size(f) < size("idv_edge_bg.wasm"), `${f} is not smaller than idv_edge_bg.wasm`);
  }
  // The Caisson wasm has no Goldstar vocabulary, the Goldstar wasm no Caisson reason texts.
  const text = (f) => readFileSync(new URL(f, pkg)).toString("latin1");
  assert.ok(!text("idv_edge_caisson_bg.wasm").includes("verify-identity"), "Goldstar request paths in the Caisson wasm");
  assert.ok(!text("idv_edge_goldstar_bg.wasm").includes("idcheck/exchangetoken"), "Caisson request paths in the Goldstar wasm");
});

test("idv-edge/caisson: the whole Caisson flow, with the main entry's results and errors", async () => {
  const sandbox = new Sandbox({ caissonApiKey: KEY, now: T0 });
  const one = new caissonOnly.CaissonClient({ apiKey: KEY, fetch: sandbox.fetch });
  const both = new main.CaissonClient({ apiKey: KEY, fetch: sandbox.fetch });
  const token = sandbox.createIdCheck({ customerId: "u1", face: "medium", reasons: [202] }).check_exchange_token;
  const { check_id } = await one.exchangeToken(token);
  const r = await one.getIdCheck(check_id, { fields: ["dob"] });
  assert.deepEqual(r, await both.getIdCheck(check_id, { fields: ["dob"] }));
  assert.equal(r.customer_id, "u1");
  assert.deepEqual(caissonOnly.assessIdCheck(r, { now: T0 }), main.assessIdCheck(r, { now: T0 }));
  assert.deepEqual(caissonOnly.describeCaissonReason(202), main.describeCaissonReason(202));
  const res = await sandbox.fetch(one.getIdCheckRequest(check_id));
  assert.deepEqual(await one.parseIdCheck(res), await both.getIdCheck(check_id));
  // A store answers a repeat; errors are the shared class.
  const map = new Map();
  const store = { get: (k) => map.get(k), put: (k, v) => void map.set(k, v) };
  const t2 = sandbox.createIdCheck({ customerId: "u2" }).check_exchange_token;
  const first = await one.exchangeToken(t2, { store });
  sandbox.advanceTime(3 * 3600_000);
  assert.deepEqual(await one.exchangeToken(t2, { store }), first);
  const wrong = new caissonOnly.CaissonClient({ apiKey: "sk_test_wrong", fetch: sandbox.fetch });
  await assert.rejects(wrong.getIdCheck(check_id), (e) => e instanceof main.IdvError && e.code === "UNAUTHORIZED" && e.api === "caisson");
  assert.throws(() => new caissonOnly.CaissonClient({}), (e) => e instanceof main.IdvError && e.code === "INVALID_ARGUMENT");
});

test("idv-edge/goldstar: verify, questions and answers, with the main entry's results", async () => {
  const sandbox = new Sandbox({ goldstarApiKey: GKEY, now: T0 });
  const one = new goldstarOnly.GoldstarClient({ apiKey: GKEY, domain: DOMAIN, fetch: sandbox.fetch });
  const both = new main.GoldstarClient({ apiKey: GKEY, domain: DOMAIN, fetch: sandbox.fetch });
  const person = {
    firstname: "Jamie", lastname: "Doe", address: "222333 Peachtree Place", city: "Atlanta", state: "GA",
    zip: "30318", taxpayerID: "555-01-0101", birthMonth: 6, birthDay: 30, birthYear: 1989,
  };
  const a = await one.verifyIdentity(person);
  const b = await both.verifyIdentity(person);
  assert.deepEqual({ ...a, id: undefined }, { ...b, id: undefined });
  assert.equal(typeof (await one.ping()), "string");
  assert.deepEqual(goldstarOnly.describeGoldstarQualifier("resultcode.ssn.not.found"), main.describeGoldstarQualifier("resultcode.ssn.not.found"));
  await assert.rejects(one.verifyIdentity({ ...person, taxpayerID: "000-00-0000" }), (e) => e instanceof main.IdvError && e.code === "INVALID_ARGUMENT" && e.field === "taxpayerID");
  const res = await sandbox.fetch(one.pingRequest());
  assert.equal(typeof (await one.parsePing(res)), "string");
});
