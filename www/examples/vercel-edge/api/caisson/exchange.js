// Vercel Edge Function: POST /api/caisson/exchange { token, customerId }.
// Keys from the project's environment variables (process.env on Vercel Edge).
import { CaissonClient, assessIdCheck } from "idv-edge";
import { post } from "../../lib/respond.js";

export const config = { runtime: "edge" };

export default (request) =>
  post(request, async ({ token, customerId }) => {
    const caisson = new CaissonClient({ apiKey: process.env.CAISSON_API_KEY, baseUrl: process.env.CAISSON_BASE_URL });
    const { check_id } = await caisson.exchangeToken(token);
    const result = await caisson.getIdCheck(check_id, { fields: ["expires_on"] });
    const { decision, findings } = assessIdCheck(result, { expectedCustomerId: customerId, maxAgeSeconds: 3600 });
    return {
      checkId: check_id, decision, findings: findings.map((f) => f.rule),
      reasons: (result.confidence.reasons ?? []).map((r) => ({ code: r.code, userAction: r.userAction })),
    };
  });
