// The one scenario every runtime runs (Node, Deno, workerd, Chromium): the same
// calls on the installed package, the same expected values. No runtime APIs
// beyond the web platform (fetch types, Promise, JSON), no node:assert.
//
//   import * as idv from "idv-edge";
//   for (const t of scenario(idv, { browser })) await t.run();
//
// `browser: true` adds `dangerouslyAllowBrowser` to every client and checks
// that a client without it is refused; otherwise checks the opposite (a
// server runtime must not be mistaken for a browser).

const CKEY = "sk_test_caisson_runtimes";
const GKEY = "gs_test_runtimes";
const T0 = "2026-06-01T12:00:00Z";
const DOMAIN = "qaservices.goldstartrust.com";

export class CheckError extends Error {}

function show(v) {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** A tiny assert that works in every runtime. */
export const check = {
  ok(v, msg = "expected a truthy value") {
    if (!v) throw new CheckError(msg);
  },
  equal(actual, expected, msg = "") {
    if (!Object.is(actual, expected)) throw new CheckError(`${msg} expected ${show(expected)}, got ${show(actual)}`);
  },
  match(actual, re, msg = "") {
    if (typeof actual !== "string" || !re.test(actual)) throw new CheckError(`${msg} expected ${re}, got ${show(actual)}`);
  },
  deepEqual(actual, expected, msg = "") {
    if (show(actual) !== show(expected)) throw new CheckError(`${msg} expected ${show(expected)}, got ${show(actual)}`);
  },
  /** Awaits `promise` (or calls a function), expects an IdvError with `code`; returns it. */
  async fails(IdvError, promiseOrFn, code, msg = "") {
    try {
      await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
    } catch (e) {
      if (!(e instanceof IdvError)) throw new CheckError(`${msg} not an IdvError: ${e && e.stack || e}`);
      if (!(e instanceof Error)) throw new CheckError(`${msg} IdvError is not an Error`);
      check.equal(e.code, code, `${msg} code:`);
      return e;
    }
    throw new CheckError(`${msg} expected ${code}, nothing was thrown`);
  },
};

const person = (ssn) => ({
  firstname: "Jamie", lastname: "Doe", address: "222333 Peachtree Place", city: "Atlanta",
  state: "ga", zip: "30318", taxpayerID: ssn, birthMonth: 6, birthDay: 30, birthYear: 1989,
});

// Quiz A of the Sandbox (www/SANDBOX.md).
const QUIZ_A = {
  "residence.type": "Single Family Residence",
  "person.not.known": "LUIS PEREIRA",
  "city.of.residence": "THORNTON",
  "prior.residence.state.multiyear": "KENTUCKY",
};

/** The tests, as `{ name, run }`; each `run` resolves or throws. */
export function scenario(idv, { browser = false } = {}) {
  const { CaissonClient, GoldstarClient, IdvError, Sandbox, assessIdCheck, describeCaissonReason, describeGoldstarQualifier } = idv;
  const extra = browser ? { dangerouslyAllowBrowser: true } : {};
  const setup = (opts = {}) => {
    const sandbox = new Sandbox({ caissonApiKey: CKEY, goldstarApiKey: GKEY, now: T0 });
    const caisson = new CaissonClient({ apiKey: CKEY, fetch: sandbox.fetch, ...extra, ...opts });
    const goldstar = new GoldstarClient({ apiKey: GKEY, domain: DOMAIN, fetch: sandbox.fetch, ...extra, ...opts });
    return { sandbox, caisson, goldstar };
  };

  const tests = [];
  const test = (name, run) => tests.push({ name, run });

  test("Caisson: create a check in the Sandbox, exchange, get with fields, assess", async () => {
    const { sandbox, caisson } = setup();
    const { check_exchange_token } = sandbox.createIdCheck({ customerId: "user_42", face: "medium", reasons: [201] });
    check.match(check_exchange_token, /^chk_xchg_[A-Za-z0-9_-]{22}$/);
    const { check_id } = await caisson.exchangeToken(check_exchange_token);
    check.match(check_id, /^chk_priv_[A-Za-z0-9_-]{22}$/);
    const r = await caisson.getIdCheck(check_id, { fields: ["dob", "sex"] });
    check.equal(r.check_id, check_id);
    check.equal(r.customer_id, "user_42");
    check.equal(r.info.first_name, "JAMIE");
    check.equal(r.info.dob, "1989-06-30T00:00:00Z");
    check.equal(r.info.sex, "M");
    check.equal(r.info.address, undefined, "address was not asked for:");
    check.equal(r.confidence.document, "high");
    check.equal(r.confidence.face, "medium");
    check.equal(r.confidence.reasons.length, 1);
    const [reason] = r.confidence.reasons;
    check.equal(reason.code, 201);
    check.equal(reason.category, "selfie");
    check.equal(reason.retryable, true);
    check.match(reason.userAction, /\S/);
    const a = assessIdCheck(r, { expectedCustomerId: "user_42", maxAgeSeconds: 1200, now: T0 });
    check.equal(a.decision, "review");
    check.deepEqual(a.findings.map((f) => f.rule), ["face_confidence"]);
    check.equal(assessIdCheck(r, { minFace: "medium", now: T0 }).decision, "approve");
    check.equal(assessIdCheck(r, { expectedCustomerId: "someone_else", now: T0 }).decision, "decline");
  });

  test("Goldstar: soft fail, answers, pass", async () => {
    const { goldstar } = setup();
    const soft = await goldstar.verifyIdentity(person("555-01-0201"));
    check.equal(soft.status, "questions");
    check.match(soft.id, /^\d+$/);
    check.equal(soft.key, "id.failure");
    check.deepEqual(soft.qualifiers.map((q) => [q.key, q.severity, q.category]), [["resultcode.yob.does.not.match", "signal", "dob_age"]]);
    check.deepEqual(soft.questions.map((q) => q.type), Object.keys(QUIZ_A));
    for (const q of soft.questions) check.deepEqual(q.choices.slice(-2), ["None of the above", "Skip Question"]);
    const answers = soft.questions.map((q) => ({ type: q.type, text: QUIZ_A[q.type] }));
    const done = await goldstar.verifyAnswers(soft.id, answers, soft.questions);
    check.equal(done.status, "passed");
    check.equal(done.summary, "pass");
    check.equal(done.key, "result.questions.0.incorrect");
    check.match(done.id, /^\d+$/);
  });

  test("Goldstar: pass and hard fail by test SSN; a 20-digit Id keeps every digit", async () => {
    const { goldstar } = setup();
    const pass = await goldstar.verifyIdentity(person("555-01-0001"));
    check.equal(pass.status, "passed");
    check.equal(pass.key, "id.success");
    const dead = await goldstar.verifyIdentity(person("555-01-0102"));
    check.equal(dead.status, "failed");
    check.equal(dead.qualifiers[0].severity, "hard_stop");
    check.equal(dead.qualifiers[0].category, "deceased");
    const big = await goldstar.verifyIdentity(person("555-01-0003"));
    check.match(big.id, /^9007199254\d{10}$/);
    check.match(await goldstar.ping(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  });

  test("errors: IdvError codes, fields, retryable; arguments checked before sending", async () => {
    const { sandbox, caisson, goldstar } = setup({ maxRetries: 0 });
    // The swapped-argument bug: a token where a check id is due.
    const token = sandbox.createIdCheck({ customerId: "u" }).check_exchange_token;
    let e = await check.fails(IdvError, caisson.getIdCheck(token), "INVALID_ARGUMENT");
    check.equal(e.field, "checkId");
    check.equal(e.api, "caisson");
    check.equal(e.retryable, false);
    check.equal(e.name, "IdvError");
    check.ok(!e.message.includes(token), "the message names the field, not the value");
    e = await check.fails(IdvError, goldstar.verifyIdentity({ ...person("666-12-3456") }), "INVALID_ARGUMENT");
    check.equal(e.field, "taxpayerID");
    check.ok(!e.message.includes("666-12-3456") && !e.message.includes("3456"), "no SSN in the message");
    // Sandbox answers: a pending check, an expired token, a wrong key.
    const pending = sandbox.createIdCheck({ customerId: "u", preset: "pending" }).check_exchange_token;
    const { check_id } = await caisson.exchangeToken(pending);
    e = await check.fails(IdvError, caisson.getIdCheck(check_id), "NOT_VERIFIED");
    check.equal(e.retryable, true);
    check.equal(e.status, 200);
    sandbox.advanceTime(2 * 3600_000 + 1);
    // The exchange's doc lists INTERNAL_ERROR and INVALID_INPUT only.
    e = await check.fails(IdvError, caisson.exchangeToken(token), "INVALID_INPUT");
    check.equal(e.status, 400);
    check.equal(e.description, "The check_exchange_token has expired.");
    const wrong = new CaissonClient({ apiKey: "sk_wrong_key", fetch: sandbox.fetch, ...extra });
    e = await check.fails(IdvError, wrong.exchangeToken(sandbox.createIdCheck({ customerId: "u" }).check_exchange_token), "UNAUTHORIZED");
    check.equal(e.status, 401);
    check.ok(!e.message.includes("sk_wrong_key"), "no key in the message");
    await check.fails(IdvError, () => new CaissonClient({ apiKey: CKEY, baseUrl: "http://api.caisson.com", ...extra }), "INVALID_ARGUMENT");
  });

  test("request builders and parse methods: web Request/Response in this runtime", async () => {
    const { sandbox, caisson, goldstar } = setup();
    const token = sandbox.createIdCheck({ customerId: "u", preset: "clean_pass" }).check_exchange_token;
    const req = caisson.exchangeTokenRequest(token);
    check.ok(req instanceof Request, "a web Request");
    check.equal(req.method, "POST");
    check.equal(req.url, "https://api.caisson.com/v1/idcheck/exchangetoken");
    check.equal(req.headers.get("authorization"), `Caisson ${CKEY}`);
    check.deepEqual(await req.clone().json(), { check_exchange_token: token });
    const { check_id } = await caisson.parseExchangeToken(await sandbox.fetch(req));
    const get = caisson.getIdCheckRequest(check_id, { fields: ["address"] });
    check.equal(get.url, "https://api.caisson.com/v1/idcheck?fields=address");
    check.equal(get.headers.get("x-caisson-checkid"), check_id);
    const r = await caisson.parseIdCheck(await sandbox.fetch(get));
    check.equal(r.info.address.state, "NY");
    const ping = goldstar.pingRequest();
    check.equal(ping.url, `https://${DOMAIN}/identification/api/v1/ops/ping`);
    check.equal(ping.headers.get("x-apikey"), GKEY);
    check.match(await goldstar.parsePing(await sandbox.fetch(ping)), /^\d{4}-/);
    const bad = new Response("<html>", { status: 200, headers: { "content-type": "text/html" } });
    await check.fails(IdvError, caisson.parseIdCheck(bad), "INVALID_RESPONSE");
  });

  test("a caller's AbortSignal: ABORTED, before sending and with fetch pending (the Request's signal aborted)", async () => {
    const requests = [];
    const hanging = (request) => {
      requests.push(request);
      return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    const { caisson, goldstar } = setup({ fetch: hanging, timeoutMs: 60_000 });
    const aborted = (e, api) => {
      check.ok(e instanceof IdvError, `not an IdvError: ${e}`);
      check.deepEqual([e.code, e.api, e.retryable], ["ABORTED", api, false]);
    };
    await goldstar.ping({ signal: AbortSignal.abort() }).then(() => check.ok(false, "resolved"), (e) => aborted(e, "goldstar"));
    check.equal(requests.length, 0, "nothing sent:");
    const ac = new AbortController();
    const p = caisson.getIdCheck("chk_priv_a", { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await p.then(() => check.ok(false, "resolved"), (e) => aborted(e, "caisson"));
    check.equal(requests.length, 1);
    check.equal(requests[0].signal.aborted, true);
  });

  test("the reason and qualifier tables", () => {
    const r = describeCaissonReason(101);
    check.equal(r.code, 101);
    check.equal(r.category, "data_mismatch");
    check.equal(r.field, "name");
    check.equal(describeCaissonReason(103), undefined);
    const q = describeGoldstarQualifier("resultcode.subject.deceased");
    check.equal(q.severity, "hard_stop");
    check.equal(q.category, "deceased");
    check.equal(describeGoldstarQualifier("not.a.key"), undefined);
  });

  if (browser) {
    test("browser: a client without dangerouslyAllowBrowser is BROWSER_NOT_ALLOWED", async () => {
      for (const make of [
        () => new CaissonClient({ apiKey: CKEY }),
        () => new GoldstarClient({ apiKey: GKEY, domain: DOMAIN }),
      ]) {
        const e = await check.fails(IdvError, make, "BROWSER_NOT_ALLOWED");
        check.equal(e.retryable, false);
      }
    });
  } else {
    test("server runtime: clients need no dangerouslyAllowBrowser", () => {
      check.ok(new CaissonClient({ apiKey: CKEY }) instanceof CaissonClient);
      check.ok(new GoldstarClient({ apiKey: GKEY, domain: DOMAIN }) instanceof GoldstarClient);
    });
  }
  return tests;
}
