// Cloudflare Worker: the server side of both verifications. Keys come from
// `env` (wrangler secrets); nothing secret or personal goes back to the browser.
// CAISSON_BASE_URL is optional (the Sandbox server, for local work).
//   POST /api/caisson/exchange   { token, customerId } -> decision, reasons
//   POST /api/goldstar/verify    person                -> status, questions
//   POST /api/goldstar/answers   { id, answers, questions } -> status
import { CaissonClient, GoldstarClient, IdvError, assessIdCheck } from "idv-edge";

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method !== "POST") return Response.json({ error: "METHOD_NOT_ALLOWED" }, { status: 405 });
    try {
      const body = await request.json();
      if (pathname === "/api/caisson/exchange") {
        const caisson = new CaissonClient({ apiKey: env.CAISSON_API_KEY, baseUrl: env.CAISSON_BASE_URL });
        const { check_id } = await caisson.exchangeToken(body.token, { store: env.IDV_KV });
        const result = await caisson.getIdCheck(check_id, { fields: ["expires_on"] });
        const { decision, findings } = assessIdCheck(result, { expectedCustomerId: body.customerId, maxAgeSeconds: 3600 });
        // Keep check_id with the user's record; show the person only what helps.
        return Response.json({
          checkId: check_id, decision, findings: findings.map((f) => f.rule),
          reasons: (result.confidence.reasons ?? []).map((r) => ({ code: r.code, userAction: r.userAction })),
        });
      }
      const goldstar = new GoldstarClient({ apiKey: env.GOLDSTAR_API_KEY, domain: env.GOLDSTAR_DOMAIN });
      if (pathname === "/api/goldstar/verify") return Response.json(summary(await goldstar.verifyIdentity(body)));
      if (pathname === "/api/goldstar/answers") {
        return Response.json(summary(await goldstar.verifyAnswers(body.id, body.answers, body.questions)));
      }
      return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    } catch (e) {
      return failure(e);
    }
  },
};

// What the caller sent is the cause: a field, or a token or check Caisson no
// longer knows (400, not a 5xx that would page someone).
const CALLER_ERRORS = ["INVALID_ARGUMENT", "INVALID_INPUT", "IDCHECK_EXPIRED", "IDCHECK_DELETED"];

const summary = (o) => ({ status: o.status, id: o.id, questions: o.questions, qualifiers: o.qualifiers.map((q) => q.key) });

// IdvError messages name fields, never values: safe to log and to return.
function failure(e) {
  if (!(e instanceof IdvError)) {
    const badJson = e instanceof SyntaxError;
    return Response.json({ error: badJson ? "INVALID_JSON" : "INTERNAL" }, { status: badJson ? 400 : 500 });
  }
  const status = CALLER_ERRORS.includes(e.code) ? 400 : e.retryable ? 503 : 502;
  return Response.json({ error: e.code, field: e.field, retryable: e.retryable }, { status });
}
