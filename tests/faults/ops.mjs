// The five operations, runnable in any runtime (Node, workerd): no Node
// imports here. `runOp(lib, op, config)` builds a client against a local
// upstream, calls the operation once, and reports the outcome, every fetch
// the client made (with its time) and the error's every readable form.

export const CAISSON_KEY = "sk_live_KEYPLANTED_7b1e9Qw3";
export const GOLDSTAR_KEY = "gs_live_KEYPLANTED_c44f0Zr8";
export const TOKEN = "chk_xchg_UeRXDryTTpvU24CTre8W2Q";
export const CHECK_ID = "chk_priv_SMgso2KGzXLxT2I-g7oD2w";
export const SSN = "512-38-4471";
export const PERSON = {
  firstname: "Jamie", lastname: "Doe", address: "6 Crown Dr", city: "New York", state: "NY",
  zip: "10001", taxpayerID: SSN, birthMonth: 6, birthDay: 30, birthYear: 1989,
};
export const ANSWERS = [
  { type: "city.of.residence", text: "ATLANTA" },
  { type: "residence.type", text: "Townhome" },
];
/** Text planted in every faulty body: it must never reach an error's message, stack or JSON. */
export const PLANTED = "BODYPLANTED_5d2c";

export const OPS = ["exchangeToken", "getIdCheck", "ping", "verifyIdentity", "verifyAnswers"];
export const API_OF = {
  exchangeToken: "caisson", getIdCheck: "caisson", ping: "goldstar", verifyIdentity: "goldstar", verifyAnswers: "goldstar",
};
/** Operations the client may repeat by itself (verifyIdentity / verifyAnswers are billable: never). */
export const SAFE = new Set(["exchangeToken", "getIdCheck", "ping"]);
/** The path each operation posts or gets. */
export const PATH = {
  exchangeToken: "/v1/idcheck/exchangetoken",
  getIdCheck: "/v1/idcheck?fields=sex,dob,address,expires_on",
  ping: "/identification/api/v1/ops/ping",
  verifyIdentity: "/identification/api/v1/ops/verify-identity",
  verifyAnswers: "/identification/api/v1/ops/verify-answers",
};

/** What a healthy upstream answers for each operation (from the docs). */
export const OK_BODY = {
  exchangeToken: '{"check_id":"chk_priv_ceSB3MdzNm8M5FdEM4wSXw"}',
  getIdCheck: JSON.stringify({
    check_id: CHECK_ID, customer_id: "1234321 - Doe, Jamie", checked_on: "2019-07-19T15:00:42.274684-04:00",
    confidence: { document: "high", face: "high" },
    info: {
      last_name: "DOE", first_name: "JAMIE", sex: "M", dob: "1989-06-30T00:00:00Z", expires_on: "2025-06-24T00:00:00Z",
      address: { street: "6 CROWN DR # 11B", city: "NEW YORK", state: "NY", zip: "10001" },
    },
  }),
  ping: '"2015-03-20T13:50:10.0370495-05:00"',
  verifyIdentity: '{"Id":"1199927326","Key":"id.success","Message":"Pass","Qualifiers":[]}',
  verifyAnswers: '{"Id":"1199927327","Key":"result.questions.0.incorrect","Message":"All answers correct","Summary":"pass"}',
};

/** Checks the value of a successful call. Returns an error string or null. */
export function checkValue(op, v) {
  switch (op) {
    case "exchangeToken": return v?.check_id === "chk_priv_ceSB3MdzNm8M5FdEM4wSXw" ? null : "wrong check_id";
    case "getIdCheck": return v?.check_id === CHECK_ID && v.info?.address?.zip === "10001" ? null : "wrong result";
    case "ping": return v === "2015-03-20T13:50:10.0370495-05:00" ? null : "wrong ping";
    case "verifyIdentity": return v?.status === "passed" && v.id === "1199927326" ? null : "wrong outcome";
    case "verifyAnswers": return v?.status === "passed" && v.id === "1199927327" ? null : "wrong outcome";
  }
  return "unknown op";
}

/** Every readable form of a thrown value. */
export function describeError(e, IdvError) {
  let json;
  try { json = JSON.stringify(e); } catch { json = "<unserializable>"; }
  return {
    isIdvError: IdvError ? e instanceof IdvError : undefined,
    isError: e instanceof Error,
    name: e?.name, code: e?.code, api: e?.api, status: e?.status, retryable: e?.retryable,
    retryAfterMs: e?.retryAfterMs, field: e?.field, fields: e?.fields,
    message: String(e?.message), stack: String(e?.stack), string: String(e), json,
  };
}

/**
 * Runs `op` against `base` (`http://127.0.0.1:PORT`) with the package `lib`.
 * Returns { ok, value?, error?, calls: [ms since start of each fetch], elapsed }.
 */
export async function runOp(lib, op, { port, timeoutMs = 2000, maxRetries = 1, fetchImpl = globalThis.fetch } = {}) {
  const t0 = Date.now();
  const calls = [];
  const fetch = (input, init) => {
    calls.push(Date.now() - t0);
    return fetchImpl(input, init);
  };
  const common = { timeoutMs, maxRetries, fetch };
  try {
    let value;
    if (API_OF[op] === "caisson") {
      const c = new lib.CaissonClient({ apiKey: CAISSON_KEY, baseUrl: `http://127.0.0.1:${port}`, ...common });
      value = op === "exchangeToken"
        ? await c.exchangeToken(TOKEN)
        : await c.getIdCheck(CHECK_ID, { fields: ["sex", "dob", "address", "expires_on"] });
    } else {
      const g = new lib.GoldstarClient({ apiKey: GOLDSTAR_KEY, domain: `127.0.0.1:${port}`, ...common });
      if (op === "ping") value = await g.ping();
      else if (op === "verifyIdentity") value = await g.verifyIdentity(PERSON);
      else value = await g.verifyAnswers("1199927326", ANSWERS);
    }
    return { ok: true, value, calls, elapsed: Date.now() - t0 };
  } catch (e) {
    return { ok: false, error: describeError(e, lib.IdvError), calls, elapsed: Date.now() - t0 };
  }
}

/** Strings that must never appear in an error (key, SSN both ways, birth date, planted body text). */
export function secrets() {
  return [CAISSON_KEY, GOLDSTAR_KEY, SSN, SSN.replaceAll("-", ""), "1989-06-30", "06/30/1989", PLANTED];
}
