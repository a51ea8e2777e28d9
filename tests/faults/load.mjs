// Load through one client against the Sandbox, runnable in Node and workerd
// (no Node imports): `concurrency` (n calls at once, each checked against its
// own input) and `memory` (many sequential calls, the wasm memory sampled).

const CK = "sk_test_load_caisson_0123";
const GK = "gs_test_load_0123";
const DOMAIN = "qaservices.goldstartrust.com";
const T0 = "2026-06-01T12:00:00Z";

const QUIZ = {
  A: { "residence.type": "Single Family Residence", "person.not.known": "LUIS PEREIRA", "city.of.residence": "THORNTON", "prior.residence.state.multiyear": "KENTUCKY" },
  B: { "time.at.current.address": "Over 5 years", "current.county.b": "COBB", "purchased.property.from": "JOE ANDERSON", "previous.address": "None of the above" },
};
// Test SSNs of the Sandbox (www/SANDBOX.md): the SSN decides the outcome.
const KINDS = [
  { ssn: "555-01-0001", status: "passed" },
  { ssn: "555010101", status: "failed" },
  { ssn: "555-01-0201", status: "questions", quiz: "A" },
  { ssn: "555-01-0202", status: "questions", quiz: "B" },
];

const person = (i, ssn) => ({
  firstname: `First${i}`, lastname: `Last${i}`, address: `${i} Main St`, city: "Atlanta", state: "GA",
  zip: "30318", taxpayerID: ssn, birthMonth: 1 + (i % 12), birthDay: 1 + (i % 28), birthYear: 1950 + (i % 50),
});

function clients(lib, extra = {}) {
  // 9,000 calls in flight on a busy 2-core machine can take longer than the
  // default 10 s per attempt: what is tested here is correctness, not speed.
  extra = { timeoutMs: 120000, ...extra };
  const sandbox = new lib.Sandbox({ caissonApiKey: CK, goldstarApiKey: GK, now: T0 });
  const caisson = new lib.CaissonClient({ apiKey: CK, fetch: sandbox.fetch, maxRetries: 0, ...extra });
  const goldstar = new lib.GoldstarClient({ apiKey: GK, domain: DOMAIN, fetch: sandbox.fetch, maxRetries: 0, ...extra });
  return { sandbox, caisson, goldstar };
}

const settle = async (promises) => (await Promise.allSettled(promises)).map((r) => (r.status === "fulfilled" ? r.value : { rejected: String(r.reason?.code ?? r.reason) }));

/**
 * `n` concurrent calls of each operation through one client per API, all in
 * flight at once; each answer is checked against the input that asked for it.
 * Returns counts, the mismatches found (none expected) and timings.
 */
export async function concurrency(lib, { n = 2000 } = {}) {
  const { sandbox, caisson, goldstar } = clients(lib);
  const problems = [];
  const bad = (what) => { if (problems.length < 20) problems.push(what); };
  const timings = {};
  const timed = async (name, f) => { const t = Date.now(); const r = await f(); timings[name] = Date.now() - t; return r; };

  // Caisson: n checks, each with its own customer id and name; exchange all at once, then fetch all at once.
  const ids = Array.from({ length: n }, (_, i) => i);
  const tokens = ids.map((i) => sandbox.createIdCheck({ customerId: `cust-${i}`, info: { first_name: `F${i}`, last_name: `L${i}` } }).check_exchange_token);
  const exchanged = await timed("exchangeToken", () => settle(tokens.map((t) => caisson.exchangeToken(t))));
  const checkIds = exchanged.map((x, i) => { if (!x?.check_id) bad(`exchange ${i}: ${JSON.stringify(x)}`); return x?.check_id; });
  if (new Set(checkIds).size !== n) bad("check ids are not all distinct");
  const results = await timed("getIdCheck", () => settle(checkIds.map((c) => caisson.getIdCheck(c, { fields: ["dob"] }))));
  results.forEach((r, i) => {
    if (r?.check_id !== checkIds[i] || r.customer_id !== `cust-${i}` || r.info?.first_name !== `F${i}` || r.info?.last_name !== `L${i}`) {
      bad(`getIdCheck ${i} answered for another call`);
    }
  });

  // Goldstar: n verifications at once with mixed outcomes, then the quizzes answered at once.
  const pings = await timed("ping", () => settle(ids.map(() => goldstar.ping())));
  pings.forEach((p, i) => { if (typeof p !== "string") bad(`ping ${i}: ${JSON.stringify(p)}`); });
  const outcomes = await timed("verifyIdentity", () => settle(ids.map((i) => goldstar.verifyIdentity(person(i, KINDS[i % 4].ssn)))));
  const sessions = [];
  outcomes.forEach((o, i) => {
    const kind = KINDS[i % 4];
    if (o?.status !== kind.status) return bad(`verifyIdentity ${i}: ${o?.status ?? JSON.stringify(o)} for ${kind.status}`);
    if (kind.quiz) {
      // The quiz names this call's own address: proof the answer is this call's.
      const own = `${i} MAIN ST`;
      if (!o.questions.some((q) => q.prompt.includes(own))) bad(`verifyIdentity ${i}: questions for another person`);
      sessions.push({ i, o, quiz: kind.quiz });
    }
  });
  if (new Set(outcomes.map((o) => o?.id)).size !== n) bad("verification ids are not all distinct");
  const answered = await timed("verifyAnswers", () => settle(sessions.map(({ o, quiz }) =>
    goldstar.verifyAnswers(o.id, o.questions.map((q) => ({ type: q.type, text: QUIZ[quiz][q.type] })), o.questions))));
  answered.forEach((a, k) => {
    if (a?.status !== "passed") bad(`verifyAnswers ${sessions[k].i}: ${a?.status ?? JSON.stringify(a)}`);
  });

  return {
    calls: exchanged.length + results.length + pings.length + outcomes.length + answered.length,
    perOperation: n,
    answersChecked: sessions.length,
    problems,
    timings,
  };
}

/**
 * `calls` sequential calls (a mix: getIdCheck, ping, verifyIdentity, a
 * server error, an argument error, exchangeToken with a store), with the wasm
 * memory (`wasmMemory()`, bytes) sampled every `every` calls, and the JS heap
 * after a full GC (`jsHeap()`, bytes) where the runtime lets us collect.
 */
export async function memory(lib, { calls = 100000, every = 10000, wasmMemory, jsHeap }) {
  // JS values the wasm side holds (wasm-bindgen's externref table): a leaked
  // JsValue or closure handle shows here even when the linear memory does not.
  const externrefs = () => lib.initSync().__wbindgen_externrefs?.length ?? -1;
  const { sandbox, caisson, goldstar } = clients(lib);
  const token = sandbox.createIdCheck({ customerId: "mem" }).check_exchange_token;
  const { check_id } = await caisson.exchangeToken(token);
  const map = new Map();
  const store = { get: (k) => map.get(k), put: (k, v) => { map.set(k, v); } };
  const p = person(1, "555-01-0001");
  const samples = [];
  let failures = 0;
  const t0 = Date.now();
  for (let i = 0; i < calls; i++) {
    try {
      switch (i % 6) {
        case 0: await caisson.getIdCheck(check_id, { fields: ["dob", "address"] }); break;
        case 1: await goldstar.ping(); break;
        case 2: await goldstar.verifyIdentity(p); break;
        case 3: // 500 from the sandbox's server-error SSN: an IdvError every time
          try { await goldstar.verifyIdentity(person(2, "555-01-0902")); failures++; } catch (e) { if (e.code !== "SERVER_ERROR") failures++; }
          break;
        case 4: // refused before sending
          try { await caisson.getIdCheck("bad id!"); failures++; } catch (e) { if (e.code !== "INVALID_ARGUMENT") failures++; }
          break;
        case 5: await caisson.exchangeToken(token, { store }); break;
      }
    } catch (e) {
      failures++;
      if (failures <= 3) console.log(`# memory: call ${i} failed: ${e?.code} ${e?.message}`);
    }
    if ((i + 1) % every === 0) samples.push({ calls: i + 1, bytes: wasmMemory(), externrefs: externrefs(), ...(jsHeap ? { heap: await jsHeap() } : {}) });
  }
  return { calls, failures, samples, first: samples[0]?.bytes, last: samples.at(-1)?.bytes, ms: Date.now() - t0 };
}
