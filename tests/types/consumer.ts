// A TypeScript consumer of the packed package: every public call, typed the
// way a user writes it. Checked by tsc --noEmit against the installed .d.ts
// (tests/types/types.test.mjs). Each `@ts-expect-error` marks a misuse that
// must not type-check; the test also checks each of them is an error without
// its directive. Never run, only type-checked.
import {
  CaissonClient, GoldstarClient, IdvError, Sandbox, assessIdCheck, describeCaissonReason,
  describeGoldstarQualifier, init, initSync,
} from "idv-edge";
import type {
  Answer, Assessment, CaissonClientOptions, CaissonField, CallOptions, ExchangeStore, ExchangeTokenResult, GetIdCheckOptions,
  GoldstarClientOptions, IdCheckResult, IdvErrorCode, Person, QualifierInfo, ReasonInfo, SandboxIdCheck,
  VerifyOutcome,
} from "idv-edge";
// @ts-expect-error: the entries have no default export; `init` is named.
import initDefault from "idv-edge";

export async function caissonFlow(wasm: WebAssembly.Module): Promise<string> {
  await init();
  // A bundler that does not copy the .wasm files (esbuild): their URLs.
  await init({ module_or_path: "/assets/idv_edge_bg.wasm", sandbox_module_or_path: new URL("https://example.com/s.wasm") });
  await init({ module_or_path: wasm });
  initSync({ module: wasm });
  const sandbox = new Sandbox({ caissonApiKey: "sk", goldstarApiKey: "gs", now: new Date("2026-06-01T12:00:00Z") });
  new Sandbox();
  new Sandbox({ now: "2026-06-01T12:00:00Z" });
  new Sandbox({ now: 1_780_000_000_000 });
  const options: CaissonClientOptions = { apiKey: "sk", fetch: sandbox.fetch, timeoutMs: 5000, maxRetries: 1 };
  const caisson = new CaissonClient(options);
  new CaissonClient({ apiKey: "sk", baseUrl: "http://127.0.0.1:4010", fetch: globalThis.fetch, dangerouslyAllowBrowser: true });
  // Options read from an environment may be undefined: that is "not given",
  // at run time and in the types (also under exactOptionalPropertyTypes).
  const env: Record<string, string | undefined> = {};
  new CaissonClient({ apiKey: "sk", baseUrl: env.CAISSON_BASE_URL, timeoutMs: undefined, fetch: undefined });
  new GoldstarClient({ apiKey: "gs", domain: "qaservices.goldstartrust.com", version: env.GOLDSTAR_VERSION, defaultHeaders: undefined });
  new Sandbox({ caissonApiKey: env.CAISSON_KEY, goldstarApiKey: undefined, now: undefined });
  assessIdCheck({} as IdCheckResult, { expectedCustomerId: env.CUSTOMER, maxAgeSeconds: undefined });
  const scenario: SandboxIdCheck = { customerId: "u1", preset: "blurry_selfie", reasons: [201], face: "medium" };
  const { check_exchange_token } = sandbox.createIdCheck(scenario);
  const map = new Map<string, string>();
  const store: ExchangeStore = { get: async (k) => map.get(k), put: async (k, v) => void map.set(k, v) };
  const exchanged: ExchangeTokenResult = await caisson.exchangeToken(check_exchange_token, { store });
  await caisson.exchangeToken(check_exchange_token);
  const fields: CaissonField[] = ["sex", "dob", "address", "expires_on"];
  const result: IdCheckResult = await caisson.getIdCheck(exchanged.check_id, { fields });
  await caisson.getIdCheck(exchanged.check_id);
  // Every sending method takes an AbortSignal.
  const controller = new AbortController();
  await caisson.getIdCheck(exchanged.check_id, { fields, signal: controller.signal });
  await caisson.exchangeToken(check_exchange_token, { store, signal: AbortSignal.timeout(5_000) });
  const first: string = result.info.first_name;
  const street: string | undefined = result.info.address?.street;
  const level: "low" | "medium" | "high" = result.confidence.face;
  // Optional in the type: sent only when a confidence is not high.
  // @ts-expect-error
  result.confidence.reasons.length;
  for (const r of result.confidence.reasons ?? []) {
    const action: string | null = r.userAction;
    const code: number = r.code;
    void action, code;
  }
  const assessment: Assessment = assessIdCheck(result, {
    minDocument: "high", minFace: "medium", expectedCustomerId: "u1", maxAgeSeconds: 1200, now: sandbox.now,
  });
  assessIdCheck(result);
  const decision: "approve" | "review" | "decline" = assessment.decision;
  const rules: string[] = assessment.findings.map((f) => f.rule + f.detail);
  const req: Request = caisson.exchangeTokenRequest(check_exchange_token);
  const parsed: ExchangeTokenResult = await caisson.parseExchangeToken(await sandbox.fetch(req));
  const get: Request = caisson.getIdCheckRequest(parsed.check_id, { fields: ["sex"] });
  // A readonly list (a const of the app's) is taken as well.
  const wanted = ["dob", "expires_on"] as const;
  const getReadonly: Request = caisson.getIdCheckRequest(parsed.check_id, { fields: wanted });
  // A test double of the SDK's error.
  const double: IdvError = new IdvError("stub");
  void getReadonly, double;
  const again: IdCheckResult = await caisson.parseIdCheck(await sandbox.fetch(get));
  await caisson.parseIdCheck(await sandbox.fetch(caisson.getIdCheckRequest(parsed.check_id)), { checkId: parsed.check_id });
  const info: ReasonInfo | undefined = describeCaissonReason(201);
  const category: "data_mismatch" | "selfie" | "document" | "barcode" | "unknown" | undefined = info?.category;
  sandbox.advanceTime(60_000);
  return [first, street, level, decision, ...rules, again.check_id, category].join();
}

export async function goldstarFlow(): Promise<VerifyOutcome> {
  const sandbox = new Sandbox();
  const options: GoldstarClientOptions = {
    apiKey: "gs", domain: "qaservices.goldstartrust.com", version: "v1", defaultHeaders: { "X-PortalKey": "p" }, fetch: sandbox.fetch,
  };
  const goldstar = new GoldstarClient(options);
  const time: string = await goldstar.ping();
  await goldstar.ping({ signal: new AbortController().signal });
  await goldstar.ping(null);
  const person: Person = {
    firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA",
    zip: "30318", taxpayerID: "555-01-0201", birthMonth: 6, birthDay: 30, birthYear: 1989,
  };
  const outcome: VerifyOutcome = await goldstar.verifyIdentity(person);
  const status: "passed" | "failed" | "questions" = outcome.status;
  for (const q of outcome.qualifiers) {
    const severity: "hard_stop" | "signal" | "info" = q.severity;
    void severity, q.key, q.meaning;
  }
  const answers: Answer[] = outcome.questions.map((q) => ({ type: q.type, text: q.choices[0] ?? "" }));
  const answered: VerifyOutcome = await goldstar.verifyAnswers(outcome.id, answers, outcome.questions);
  const signal = new AbortController().signal;
  const call: CallOptions = { signal };
  await goldstar.verifyIdentity(person, call);
  await goldstar.verifyAnswers(outcome.id, answers, undefined, { signal });
  const summary: string | undefined = answered.summary;
  const pingReq: Request = goldstar.pingRequest();
  const idReq: Request = goldstar.verifyIdentityRequest(person);
  const ansReq: Request = goldstar.verifyAnswersRequest(outcome.id, answers, outcome.questions);
  // Lists the SDK only reads may be readonly.
  const frozen: readonly Answer[] = answers;
  const asked: readonly (typeof outcome.questions)[number][] = outcome.questions;
  goldstar.verifyAnswersRequest(outcome.id, frozen, asked);
  const headerPairs: readonly (readonly [string, string])[] = [["X-PortalKey", "p"]] as const;
  new GoldstarClient({ apiKey: "gs", domain: "qaservices.goldstartrust.com", defaultHeaders: headerPairs });
  new Sandbox().createIdCheck({ customerId: "u", reasons: [201, 101] as const, info: { sex: "f" } });
  await goldstar.parsePing(await sandbox.fetch(pingReq));
  await goldstar.parseVerifyIdentity(await sandbox.fetch(idReq));
  await goldstar.parseVerifyAnswers(await sandbox.fetch(ansReq));
  const q: QualifierInfo | undefined = describeGoldstarQualifier("resultcode.subject.deceased");
  void time, status, summary, q;
  return answered;
}

export function handle(e: unknown): string {
  if (e instanceof IdvError) {
    const code: IdvErrorCode = e.code;
    const retry: boolean = e.retryable;
    const status: number | undefined = e.status;
    const field: string | undefined = e.field;
    const fields: string[] = e.fields;
    const api: "caisson" | "goldstar" = e.api;
    const message: string = e.message;
    const after: number | undefined = e.retryAfterMs;
    const description: string | undefined = e.description;
    if (e.code === "NOT_VERIFIED" || e.code === "RATE_LIMITED") return "later";
    if (e.code === "ABORTED") return "stopped";
    return [code, retry, status, field, ...fields, api, message, after, description].join();
  }
  return "not ours";
}

// Misuse: each line below must be a type error.
export async function misuse(caisson: CaissonClient, goldstar: GoldstarClient, result: IdCheckResult, e: IdvError) {
  // @ts-expect-error: a number as a check id
  await caisson.getIdCheck(12345);
  // @ts-expect-error: a number as a token
  await caisson.exchangeToken(42);
  // @ts-expect-error: an unknown field name
  await caisson.getIdCheck("chk_priv_x", { fields: ["ssn"] });
  // @ts-expect-error: a missing option (apiKey)
  new CaissonClient({ baseUrl: "https://api.caisson.com" });
  // @ts-expect-error: a missing option (domain)
  new GoldstarClient({ apiKey: "gs" });
  // @ts-expect-error: an unknown option (a typo of apiKey)
  new CaissonClient({ apikey: "sk" });
  // @ts-expect-error: a result field that does not exist
  void result.info.middle_name;
  // @ts-expect-error: not a confidence level
  assessIdCheck(result, { minFace: "very_high" });
  // @ts-expect-error: a person without a taxpayerID
  await goldstar.verifyIdentity({ firstname: "J", lastname: "D", address: "a", city: "c", state: "GA", zip: "30318", birthMonth: 1, birthDay: 1, birthYear: 1990 });
  // @ts-expect-error: a birth month as a string
  await goldstar.verifyIdentity({ firstname: "J", lastname: "D", address: "a", city: "c", state: "GA", zip: "30318", taxpayerID: "555-01-0001", birthMonth: "6", birthDay: 1, birthYear: 1990 });
  // @ts-expect-error: not an error code
  if (e.code === "NOT_A_CODE") return;
  // @ts-expect-error: a Sandbox preset that does not exist
  new Sandbox().createIdCheck({ customerId: "u", preset: "always_pass" });
  // @ts-expect-error: a sex the Sandbox refuses (M, F or X, any case)
  new Sandbox().createIdCheck({ customerId: "u", info: { sex: "Z" } });
  // @ts-expect-error: the SDK's own constructor arguments are not public
  new IdvError("m", { code: "TIMEOUT" });
  // @ts-expect-error: a signal that is not an AbortSignal
  await goldstar.ping({ signal: true });
  // @ts-expect-error: the Request builders take no signal
  caisson.getIdCheckRequest("chk_priv_x", { signal: new AbortController().signal });
  const sending: GetIdCheckOptions = { fields: ["dob"], signal: new AbortController().signal };
  // @ts-expect-error: nor a getIdCheck options object that holds one
  caisson.getIdCheckRequest("chk_priv_x", sending);
  // @ts-expect-error: a result is not a string
  const id: string = await caisson.exchangeToken("chk_xchg_x");
  void id, initDefault;
}

// idv-edge/caisson and idv-edge/goldstar: one client each, the same types.
import * as caissonOnly from "idv-edge/caisson";
import * as goldstarOnly from "idv-edge/goldstar";

export async function singleApiEntries(fetch: (r: Request) => Promise<Response>): Promise<[IdCheckResult, VerifyOutcome]> {
  await caissonOnly.init();
  const c = new caissonOnly.CaissonClient({ apiKey: "k", fetch });
  const r: IdCheckResult = await c.getIdCheck("chk_priv_x");
  const verdict: Assessment = caissonOnly.assessIdCheck(r);
  const info: ReasonInfo | undefined = caissonOnly.describeCaissonReason(202);
  const g = new goldstarOnly.GoldstarClient({ apiKey: "k", domain: "qaservices.goldstartrust.com", fetch });
  const o: VerifyOutcome = await g.verifyIdentity({
    firstname: "A", lastname: "B", address: "1 Main St", city: "C", state: "GA", zip: "30318",
    taxpayerID: "555-01-0101", birthMonth: 1, birthDay: 2, birthYear: 1990,
  });
  const q: QualifierInfo | undefined = goldstarOnly.describeGoldstarQualifier("resultcode.ssn.not.found");
  const same: typeof IdvError = caissonOnly.IdvError;
  void verdict, info, q, same;
  // @ts-expect-error: idv-edge/caisson has no Goldstar client.
  void caissonOnly.GoldstarClient;
  return [r, o];
}

// idv-edge/sandbox: the Sandbox alone, and the same IdvError.
import * as sandboxOnly from "idv-edge/sandbox";
// @ts-expect-error: no default export here either; `init` is named.
import sandboxInitDefault from "idv-edge/sandbox";

export async function sandboxEntry(): Promise<number> {
  await sandboxOnly.init();
  void sandboxInitDefault;
  const sb = new sandboxOnly.Sandbox({ goldstarApiKey: "gs" });
  const res: Response = await sb.fetch(new URL("https://qaservices.goldstartrust.com/identification/api/v1/ops/ping"), { method: "POST" });
  const same: typeof IdvError = sandboxOnly.IdvError;
  try {
    sb.advanceTime(-1);
  } catch (e) {
    if (e instanceof sandboxOnly.IdvError) return e.code === "INVALID_ARGUMENT" ? 1 : 0;
  }
  void same;
  return res.status;
}
