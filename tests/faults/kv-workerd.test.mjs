// exchangeToken(token, { store }) inside workerd with Miniflare's KV: the
// check_id is in KV before the call returns; a repeat (a later request, past
// Caisson's 5-minute grace) is answered from KV without a request; a store
// failure is reported, never swallowed, and names no value.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./miniflare.mjs";

const PREFIX = "idv-edge:caisson:exchange:";
let worker, kv;
before(async () => {
  worker = await startWorker();
  kv = await worker.mf.getKVNamespace("EXCHANGES");
  await worker.call("/kv/setup");
});
after(async () => { await worker?.dispose(); });

const create = async () => (await worker.call("/kv/create")).token;
const noValues = (e, values) => {
  for (const v of values) for (const form of ["message", "stack", "json"]) assert.ok(!e[form].includes(v), `error ${form} holds a value`);
};

test("the check_id is in KV when exchangeToken returns, and a repeat past the grace comes from KV", async () => {
  const token = await create();
  const first = await worker.call("/kv/exchange-kv", { token });
  assert.equal(first.ok, true, JSON.stringify(first));
  assert.equal(first.fetches, 1);
  assert.match(first.check_id, /^chk_priv_/);
  assert.equal(await kv.get(PREFIX + token), first.check_id, "written to KV");

  // Past the 5-minute grace the API itself refuses the token...
  await worker.call("/kv/advance", { ms: 10 * 60_000 });
  const plain = await worker.call("/kv/exchange-plain", { token });
  assert.equal(plain.ok, false);
  assert.equal(plain.error.code, "INVALID_INPUT");
  // ...but the store still answers, in a later request, without a request.
  const again = await worker.call("/kv/exchange-kv", { token });
  assert.deepEqual([again.ok, again.check_id, again.fetches], [true, first.check_id, 0]);
});

test("a slow put is awaited: the call returns only after the write", async () => {
  const token = await create();
  const r = await worker.call("/kv/exchange-ordered", { token, key: PREFIX + token });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(r.log, ["put-start", "put-done", "returned"]);
  assert.equal(r.stored, r.check_id);
});

test("a failing put is NETWORK on field store, retryable, naming no value; the retry within the grace stores it", async () => {
  for (const mode of ["reject", "throw", "reject-string"]) {
    const token = await create();
    const r = await worker.call("/kv/exchange-put-fails", { token, mode });
    assert.equal(r.ok, false, mode);
    assert.equal(r.error.isIdvError, true);
    assert.deepEqual([r.error.code, r.error.field, r.error.retryable], ["NETWORK", "store", true], mode);
    assert.equal(r.fetches, 1);
    noValues(r.error, [token, "chk_priv_", "KV put failed", "quota"]);
    assert.equal(await kv.get(PREFIX + token), null, "nothing stored");
    // Nothing is lost: within Caisson's grace the retry gets the same check and stores it.
    const retry = await worker.call("/kv/exchange-kv", { token });
    assert.equal(retry.ok, true, JSON.stringify(retry));
    assert.equal(await kv.get(PREFIX + token), retry.check_id);
  }
});

test("a failing get is NETWORK on field store and sends nothing", async () => {
  for (const mode of ["throw", "reject"]) {
    const token = await create();
    const r = await worker.call("/kv/exchange-get-fails", { token, mode });
    assert.deepEqual([r.ok, r.error?.code, r.error?.field, r.fetches], [false, "NETWORK", "store", 0], mode);
    noValues(r.error, [token, "KV get failed"]);
  }
});

test("a stored value that is not a check id is INVALID_RESPONSE on field store, not returned", async () => {
  const token = await create();
  await kv.put(PREFIX + token, "<script>not a check id</script>");
  const r = await worker.call("/kv/exchange-kv", { token });
  assert.deepEqual([r.ok, r.error?.code, r.error?.field, r.fetches], [false, "INVALID_RESPONSE", "store", 0]);
  noValues(r.error, ["<script>", token]);
});
