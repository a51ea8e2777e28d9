// Shared by the functions in api/ (not a route itself: it is outside api/).
import { GoldstarClient, IdvError } from "idv-edge";

export const goldstar = () =>
  new GoldstarClient({ apiKey: process.env.GOLDSTAR_API_KEY, domain: process.env.GOLDSTAR_DOMAIN });

// What the caller sent is the cause: a field, or a token or check Caisson no
// longer knows (400, not a 5xx that would page someone).
const CALLER_ERRORS = ["INVALID_ARGUMENT", "INVALID_INPUT", "IDCHECK_EXPIRED", "IDCHECK_DELETED"];

export const summary = (o) => ({ status: o.status, id: o.id, questions: o.questions, qualifiers: o.qualifiers.map((q) => q.key) });

/** Runs `fn(body)` for a POST with a JSON body; maps failures to JSON answers. */
export async function post(request, fn) {
  if (request.method !== "POST") return Response.json({ error: "METHOD_NOT_ALLOWED" }, { status: 405 });
  try {
    return Response.json(await fn(await request.json()));
  } catch (e) {
    if (e instanceof SyntaxError) return Response.json({ error: "INVALID_JSON" }, { status: 400 });
    if (!(e instanceof IdvError)) return Response.json({ error: "INTERNAL" }, { status: 500 });
    // IdvError messages name fields, never values: safe to log and to return.
    const status = CALLER_ERRORS.includes(e.code) ? 400 : e.retryable ? 503 : 502;
    return Response.json({ error: e.code, field: e.field, retryable: e.retryable }, { status });
  }
}
