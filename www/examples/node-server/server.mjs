// A Node server (node >= 20): the server side of both verifications, with
// node:http only. Keys from the environment.
//   POST /api/caisson/exchange   { token, customerId } -> decision, reasons
//   POST /api/goldstar/verify    person                -> status, questions
//   POST /api/goldstar/answers   { id, answers, questions } -> status
//   PORT=3000 CAISSON_API_KEY=... GOLDSTAR_API_KEY=... GOLDSTAR_DOMAIN=... node server.mjs
import { createServer } from "node:http";
import { CaissonClient, GoldstarClient, IdvError, assessIdCheck } from "idv-edge";

// What the caller sent is the cause: a field, or a token or check Caisson no
// longer knows (400, not a 5xx that would page someone).
const CALLER_ERRORS = ["INVALID_ARGUMENT", "INVALID_INPUT", "IDCHECK_EXPIRED", "IDCHECK_DELETED"];

const { env } = process;
const caisson = new CaissonClient({ apiKey: env.CAISSON_API_KEY, baseUrl: env.CAISSON_BASE_URL });
const goldstar = new GoldstarClient({ apiKey: env.GOLDSTAR_API_KEY, domain: env.GOLDSTAR_DOMAIN });

const summary = (o) => ({ status: o.status, id: o.id, questions: o.questions, qualifiers: o.qualifiers.map((q) => q.key) });

async function route(path, body) {
  if (path === "/api/caisson/exchange") {
    const { check_id } = await caisson.exchangeToken(body.token);
    const result = await caisson.getIdCheck(check_id, { fields: ["expires_on"] });
    const { decision, findings } = assessIdCheck(result, { expectedCustomerId: body.customerId, maxAgeSeconds: 3600 });
    return [200, {
      checkId: check_id, decision, findings: findings.map((f) => f.rule),
      reasons: (result.confidence.reasons ?? []).map((r) => ({ code: r.code, userAction: r.userAction })),
    }];
  }
  if (path === "/api/goldstar/verify") return [200, summary(await goldstar.verifyIdentity(body))];
  if (path === "/api/goldstar/answers") return [200, summary(await goldstar.verifyAnswers(body.id, body.answers, body.questions))];
  return [404, { error: "NOT_FOUND" }];
}

const server = createServer(async (req, res) => {
  let status, out;
  try {
    if (req.method !== "POST") throw Object.assign(new Error(), { status: 405, code: "METHOD_NOT_ALLOWED" });
    let text = "";
    for await (const chunk of req.setEncoding("utf8")) if ((text += chunk).length > 100_000) throw Object.assign(new Error(), { status: 413, code: "TOO_LARGE" });
    [status, out] = await route(new URL(req.url, "http://x").pathname, JSON.parse(text));
  } catch (e) {
    // IdvError messages name fields, never values: safe to log and to return.
    if (e instanceof IdvError) [status, out] = [CALLER_ERRORS.includes(e.code) ? 400 : e.retryable ? 503 : 502, { error: e.code, field: e.field, retryable: e.retryable }];
    else if (e instanceof SyntaxError) [status, out] = [400, { error: "INVALID_JSON" }];
    else [status, out] = [e.status ?? 500, { error: e.code ?? "INTERNAL" }];
  }
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(out));
});
server.listen(Number(env.PORT ?? 3000), env.HOST ?? "127.0.0.1", () => {
  console.log(`listening on http://${env.HOST ?? "127.0.0.1"}:${server.address().port}`);
});
