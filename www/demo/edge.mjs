// The demo's edge function: what a product's server-side code does with
// idv-edge, written as a fetch handler (Request -> Response) so the same file
// runs as a Cloudflare Worker (www/demo/worker.mjs, in workerd) or inside Node
// (www/demo-server.mjs --runtime node).
//
// Routes (all POST, JSON in and out):
//   /api/caisson/verify   {token, session}       -> {state: "done", name, decision, findings, reasons}
//                                                  | {state: "pending", retryAfterMs} | {state: "in_review"}
//   /api/goldstar/verify  {person, session}      -> {status, id, message, qualifiers, questions}
//   /api/goldstar/answers {id, answers, session} -> {status, id, message, qualifiers, questions}
//   any failure                                  -> {error: {code, message, field?}}
//
// `session` stands for the signed-in user's session of a product (the page
// makes a random one): a Caisson token is read only by the session that
// first sent it (the Sandbox's tokens are deterministic, so another client
// could guess one), and the questions of an Id are answered, and their
// outcome read, only by the session that was asked them.
//
// The secret keys live in `env` and never leave this module. Responses carry
// only what a product shows: never a key, an SSN, a check id or a full
// Caisson result (which holds the date of birth, the address, ...).
//
// `idv` is the idv-edge module (passed in, so the same file serves the
// workerd entry and Node's); with a bundler you would `import ... from "idv-edge"`.

const MAX_BODY = 16 * 1024;
const POLL_MS = 2000;
const MAX_AGE_SECONDS = 20 * 60; // Caisson's own integrations refuse older results
const SESSION_TTL_MS = 30 * 60 * 1000; // Goldstar's questions can be answered for 30 minutes
const MAX_ENTRIES = 10_000;

const PERSON_TEXT = ["firstname", "lastname", "address", "city", "state", "zip", "taxpayerID"];
const PERSON_NUMBERS = ["birthMonth", "birthDay", "birthYear"];

// What the page may show for each error code of the library; the code is
// passed on, the message is ours (never the upstream's text).
const MESSAGES = {
  OTHER_SESSION: "This check was started in another session: start a new check.",
  INVALID_ARGUMENT: "Please check this field.",
  UNAUTHORIZED: "The API refused the edge function's key: check its configuration.",
  INVALID_INPUT: "Caisson does not know this token, or it has expired: start a new check.",
  IDCHECK_EXPIRED: "This ID check has expired: start a new one.",
  IDCHECK_DELETED: "This ID check was deleted: start a new one.",
  NOT_FOUND: "No open verification was found for this Id: start again.",
  BAD_REQUEST: "The verification service could not process the request.",
  UNPROCESSABLE: "The verification service rejected some fields.",
  RATE_LIMITED: "Too many requests: try again in a minute.",
  SERVER_ERROR: "The verification service had an error: try again later.",
  INTERNAL_ERROR: "The verification service had an error: try again later.",
  TIMEOUT: "The verification service did not answer in time: try again.",
  NETWORK: "The verification service could not be reached: try again.",
  INVALID_RESPONSE: "The verification service sent an answer we could not read.",
};

// The HTTP status the page gets for a library error: 4xx where what the page
// sent is the cause (a field, a token Caisson does not know, a check that has
// expired or was deleted), 503 where trying again may work, 502 where the
// service refused what the edge sent or the edge's configuration is at fault
// (BAD_REQUEST, UNPROCESSABLE, a refused key, an unreadable answer).
const STATUS = {
  INVALID_ARGUMENT: 422,
  INVALID_INPUT: 422,
  NOT_FOUND: 404,
  IDCHECK_EXPIRED: 410,
  IDCHECK_DELETED: 410,
};

/** A bounded in-memory key-value store with expiry (Cloudflare KV's shape). */
function memoryStore() {
  const map = new Map();
  return {
    async get(key) {
      const hit = map.get(key);
      if (!hit) return null;
      if (hit.expires < Date.now()) {
        map.delete(key);
        return null;
      }
      return hit.value;
    },
    async put(key, value, options = {}) {
      if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value);
      const ttl = (options.expirationTtl ?? 86_400) * 1000;
      map.set(key, { value, expires: Date.now() + ttl });
    },
  };
}

class HttpError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const json = (status, value) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

async function readJson(request) {
  if (request.method !== "POST") throw new HttpError(405, "METHOD_NOT_ALLOWED", "Use POST.");
  // A JSON content type cannot be sent cross-site without a CORS preflight,
  // which this handler never grants: the routes only answer this origin's page.
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "Send JSON.");
  }
  const text = await request.text();
  if (text.length > MAX_BODY) throw new HttpError(413, "TOO_LARGE", "The request is too large.");
  try {
    const value = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch {}
  throw new HttpError(400, "BAD_JSON", "The request is not a JSON object.");
}

/**
 * Builds the handler. `env` holds the configuration (a Worker's bindings):
 * CAISSON_SECRET_API_KEY, CAISSON_BASE_URL?, GOLDSTAR_API_KEY, GOLDSTAR_DOMAIN,
 * CUSTOMER_ID (who the page's user is: in a product, from the session), and
 * optionally EXCHANGE_KV / SESSION_KV (Cloudflare KV namespaces; otherwise memory).
 * `fetch` (optional) replaces the global fetch for the upstream calls.
 */
export function createEdgeHandler(idv, env = {}, { fetch } = {}) {
  const { CaissonClient, GoldstarClient, IdvError, assessIdCheck } = idv;
  const transport = fetch ? { fetch } : {};
  const caisson = env.CAISSON_SECRET_API_KEY
    ? new CaissonClient({
        apiKey: env.CAISSON_SECRET_API_KEY,
        ...(env.CAISSON_BASE_URL ? { baseUrl: env.CAISSON_BASE_URL } : {}),
        ...transport,
      })
    : null;
  const goldstar =
    env.GOLDSTAR_API_KEY && env.GOLDSTAR_DOMAIN
      ? new GoldstarClient({ apiKey: env.GOLDSTAR_API_KEY, domain: env.GOLDSTAR_DOMAIN, ...transport })
      : null;
  const exchanges = env.EXCHANGE_KV ?? memoryStore();
  const sessions = env.SESSION_KV ?? memoryStore();
  /** `value` under `key` in `sessions`, for the session's lifetime. */
  const remember = (key, value) => sessions.put(key, value, { expirationTtl: SESSION_TTL_MS / 1000 });

  const fail = (e) => {
    if (e instanceof HttpError) return json(e.status, { error: { code: e.code, message: e.message, field: e.field } });
    if (e instanceof IdvError) {
      const status = STATUS[e.code] ?? (e.retryable ? 503 : 502);
      // `field` is a field name (never a value); the library's messages name
      // fields and rules only, but the page gets our sentence, not theirs.
      return json(status, { error: { code: e.code, message: MESSAGES[e.code] ?? "Verification failed.", field: e.field ?? undefined } });
    }
    console.error("edge: unexpected error", e?.name);
    return json(500, { error: { code: "EDGE_ERROR", message: "Something went wrong in the edge function." } });
  };

  // --- Caisson: the page posts the button's exchange token. ---------------
  async function caissonVerify(body) {
    if (!caisson) throw new HttpError(503, "NOT_CONFIGURED", "Caisson is not configured on this edge function.");
    const owner = sessionOf(body);
    if (typeof body.token !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(body.token)) {
      throw new HttpError(422, "INVALID_ARGUMENT", "A token is required.", "token");
    }
    // The token is this session's from its first use: another session's is
    // as unknown as one never issued.
    const claim = `caisson:${body.token}`;
    const claimed = await sessions.get(claim);
    if (claimed == null) await remember(claim, owner);
    else if (claimed !== owner) throw new HttpError(404, "NOT_FOUND", MESSAGES.OTHER_SESSION);
    // Exchange once; the store answers the page's polls (and survives
    // Caisson's 5-minute repeat grace). The check id never leaves the edge.
    const { check_id } = await caisson.exchangeToken(body.token, { store: exchanges });
    let result;
    try {
      result = await caisson.getIdCheck(check_id, { fields: ["expires_on"] });
    } catch (e) {
      if (e instanceof IdvError && e.code === "NOT_VERIFIED") return { state: "pending", retryAfterMs: POLL_MS };
      if (e instanceof IdvError && e.code === "PENDING_REVIEW") return { state: "in_review" };
      throw e;
    }
    const { decision, findings } = assessIdCheck(result, {
      expectedCustomerId: env.CUSTOMER_ID,
      maxAgeSeconds: MAX_AGE_SECONDS,
    });
    // Copy out only what the page shows; of another customer's check (a
    // token from someone else's session), nothing but the decision and why.
    const theirs = findings.some((f) => f.rule === "customer_mismatch");
    return {
      state: "done",
      name: theirs ? null : [result.info.first_name, result.info.last_name].filter(Boolean).join(" "),
      decision,
      findings: findings.filter((f) => !theirs || f.rule === "customer_mismatch").map(({ rule, detail }) => ({ rule, detail })),
      reasons: (theirs ? [] : result.confidence.reasons ?? []).map((r) => ({
        code: r.code,
        category: r.category,
        userAction: r.userAction ?? null,
        retryable: r.retryable,
      })),
    };
  }

  // --- Goldstar: the person, then (on a soft fail) the answers. -----------
  const outcome = (o) => ({
    status: o.status,
    id: o.id,
    message: o.message,
    qualifiers: o.qualifiers.map((q) => ({ key: q.key, severity: q.severity, meaning: q.meaning })),
    questions: o.questions.map((q) => ({ prompt: q.prompt, type: q.type, choices: q.choices })),
  });

  async function goldstarVerify(body) {
    if (!goldstar) throw new HttpError(503, "NOT_CONFIGURED", "Goldstar is not configured on this edge function.");
    const input = body.person && typeof body.person === "object" ? body.person : {};
    // Only the documented fields go on; the library checks each one.
    const person = {};
    for (const k of PERSON_TEXT) person[k] = typeof input[k] === "string" ? input[k].trim() : input[k];
    for (const k of PERSON_NUMBERS) person[k] = typeof input[k] === "string" && /^\d{1,4}$/.test(input[k]) ? Number(input[k]) : input[k];
    const owner = sessionOf(body);
    const o = await goldstar.verifyIdentity(person); // never retried: billable
    if (o.status === "questions") await ask(o, owner);
    return outcome(o);
  }

  /** The caller's session (see the routes above), or a 422. */
  const sessionOf = (body) => {
    if (typeof body.session === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(body.session)) return body.session;
    throw new HttpError(422, "INVALID_ARGUMENT", "A session is required.", "session");
  };

  // Keep the questions here, with the session asked them: the answers are
  // checked against them, not against whatever the page sends back.
  const key = (id) => `goldstar:${id}`;
  const keep = (id, value) => remember(key(id), JSON.stringify(value));
  const ask = (o, owner) => keep(o.id, { owner, questions: o.questions });

  async function goldstarAnswers(body) {
    if (!goldstar) throw new HttpError(503, "NOT_CONFIGURED", "Goldstar is not configured on this edge function.");
    const owner = sessionOf(body);
    if (typeof body.id !== "string" || !/^\d{1,40}$/.test(body.id)) throw new HttpError(422, "INVALID_ARGUMENT", "An Id is required.", "id");
    if (!Array.isArray(body.answers) || body.answers.length > 20) throw new HttpError(422, "INVALID_ARGUMENT", "Answers are required.", "answers");
    const saved = await sessions.get(key(body.id));
    const state = saved ? JSON.parse(saved) : undefined;
    // Another session's Id is as unknown as one never asked.
    if (state?.owner !== owner) throw new HttpError(404, "NOT_FOUND", MESSAGES.NOT_FOUND);
    // Answers go to Goldstar once (each call is billable, and it refuses a
    // second): a repeat (a double click, a retried request) gets the outcome
    // the first one had, or is told that one is on its way.
    if (state.outcome) return state.outcome;
    if (state.answering) throw new HttpError(409, "IN_PROGRESS", "These answers are being checked already.");
    await keep(body.id, { ...state, answering: true });
    const answers = body.answers.map((a) => ({ type: String(a?.type ?? ""), text: String(a?.text ?? "") }));
    let o;
    try {
      // With the questions, every question must be answered once with one of its choices.
      o = await goldstar.verifyAnswers(body.id, answers, state.questions);
    } catch (e) {
      await keep(body.id, { owner, questions: state.questions });
      throw e;
    }
    if (o.status === "questions") await ask(o, owner);
    const shown = outcome(o);
    await keep(body.id, { owner, outcome: shown });
    return shown;
  }

  const routes = {
    "/api/caisson/verify": caissonVerify,
    "/api/goldstar/verify": goldstarVerify,
    "/api/goldstar/answers": goldstarAnswers,
  };

  return async function handle(request) {
    const route = routes[new URL(request.url).pathname];
    if (!route) return json(404, { error: { code: "NOT_FOUND", message: "No such route." } });
    try {
      return json(200, await route(await readJson(request)));
    } catch (e) {
      return fail(e);
    }
  };
}
