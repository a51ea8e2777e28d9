// Vercel Edge Function: POST /api/goldstar/answers { id, answers, questions }.
import { goldstar, post, summary } from "../../lib/respond.js";

export const config = { runtime: "edge" };

export default (request) =>
  post(request, async ({ id, answers, questions }) => summary(await goldstar().verifyAnswers(id, answers, questions)));
