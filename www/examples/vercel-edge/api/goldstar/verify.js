// Vercel Edge Function: POST /api/goldstar/verify with the person (the doc's field names).
import { goldstar, post, summary } from "../../lib/respond.js";

export const config = { runtime: "edge" };

export default (request) => post(request, async (person) => summary(await goldstar().verifyIdentity(person)));
