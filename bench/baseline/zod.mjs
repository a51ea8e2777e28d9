// The hand-written alternative: what a user would write with zod 4 instead of
// idv-edge, doing the same validation (status, content type, JSON, every field
// and rule the Caisson and Goldstar validators check) and the same result
// shape (interpretations attached, nulls dropped). Plain JS, as in an edge
// function. Where zod cannot match idv-edge (a numeric Goldstar Id past 2^53
// loses digits in JSON.parse; errors carry zod's messages, which can quote
// values), this baseline is the weaker one.
import { z } from "zod";
import { QUALIFIERS, REASONS } from "./tables.mjs";

export class ApiError extends Error {
  constructor(code, status) {
    super(code);
    this.code = code;
    this.status = status;
  }
}

const dateTime = z.iso.datetime({ offset: true });
// dob, expires_on: an ISO date as the doc says, or a date-time as the API sends.
const dateOrDateTime = z.union([z.iso.date(), dateTime]);
const level = z.enum(["high", "medium", "low"]);
const IdCheck = z.object({
  error: z.null().optional(),
  check_id: z.string().min(1),
  customer_id: z.string().min(1),
  checked_on: dateTime,
  confidence: z.object({
    document: level,
    face: level,
    reasons: z.array(z.object({ code: z.number().int().min(0).max(65535), description: z.string() })).nullish(),
  }),
  info: z.object({
    first_name: z.string(),
    last_name: z.string(),
    sex: z.string().nullish(),
    dob: dateOrDateTime.nullish(),
    expires_on: dateOrDateTime.nullish(),
    address: z.object({ street: z.string(), city: z.string(), state: z.string(), zip: z.string() }).nullish(),
  }),
});

const CATEGORY = ["unknown", "data_mismatch", "selfie", "document", "barcode"];

function reason(r) {
  const t = REASONS[r.code];
  if (t === undefined) {
    const d = Math.floor(r.code / 100);
    return { code: r.code, description: r.description, category: CATEGORY[d <= 4 ? d : 0], userAction: null, retryable: false };
  }
  return { code: r.code, description: r.description, ...t };
}

/** The validated result from the body text (status and content type already checked). */
export function idCheckFromText(text) {
  const d = IdCheck.parse(JSON.parse(text));
  const i = d.info;
  const info = { first_name: i.first_name, last_name: i.last_name };
  if (i.sex != null) info.sex = i.sex;
  if (i.dob != null) info.dob = i.dob;
  if (i.expires_on != null) info.expires_on = i.expires_on;
  if (i.address != null) info.address = i.address;
  // As the package: reasons only where the body has them.
  const confidence = { document: d.confidence.document, face: d.confidence.face };
  if (d.confidence.reasons != null) confidence.reasons = d.confidence.reasons.map(reason);
  return { check_id: d.check_id, customer_id: d.customer_id, checked_on: d.checked_on, confidence, info };
}

function checkResponse(res, ok) {
  if (!ok(res.status)) throw new ApiError(res.status === 401 ? "UNAUTHORIZED" : "HTTP_ERROR", res.status);
  const ct = res.headers.get("content-type");
  if (ct != null && !/^\s*(application\/json|text\/json|text\/plain|[^/;]+\/[^;]*\+json)\s*(;|$)/i.test(ct)) {
    throw new ApiError("INVALID_RESPONSE", res.status);
  }
}

export async function parseIdCheck(res) {
  checkResponse(res, (s) => s >= 200 && s <= 299 && s !== 204);
  return idCheckFromText(await res.text());
}

const Qualifier = z.object({ Key: z.string().min(1), Message: z.string().nullish() });
const Outcome = z.object({
  Id: z.union([z.string().regex(/^[A-Za-z0-9]{1,64}$/), z.number().int().nonnegative()]),
  Key: z.string().min(1).refine((k) => k.trim().toLowerCase() !== "id.error"),
  Message: z.string(),
  Summary: z.string().nullish(),
  Qualifiers: z.union([z.array(Qualifier), Qualifier]).nullish(),
  Questions: z
    .array(z.object({ Prompt: z.string(), Type: z.string().min(1), Choices: z.array(z.object({ Text: z.string().min(1) })).min(1) }))
    .nullish(),
});

const UNKNOWN_QUALIFIER = ["unknown", "signal", "A qualifier this SDK does not know; read the API's message for it."];
const isPass = (s) => s != null && s.toLowerCase() === "pass";

export function outcomeFromText(text) {
  const d = Outcome.parse(JSON.parse(text));
  const qs = d.Qualifiers == null ? [] : Array.isArray(d.Qualifiers) ? d.Qualifiers : [d.Qualifiers];
  const qualifiers = qs.map((q) => {
    const [category, severity, meaning] = QUALIFIERS[q.Key.toLowerCase().replace(/^resultcode\./, "")] ?? UNKNOWN_QUALIFIER;
    return { key: q.Key, message: q.Message ?? "", category, severity, meaning };
  });
  const questions = (d.Questions ?? []).map((q) => ({ prompt: q.Prompt, type: q.Type, choices: q.Choices.map((c) => c.Text) }));
  const passed = d.Key === "id.success" || isPass(d.Message) || isPass(d.Summary);
  const out = { status: passed ? "passed" : questions.length > 0 ? "questions" : "failed", id: String(d.Id), key: d.Key, message: d.Message };
  if (d.Summary != null) out.summary = d.Summary;
  out.qualifiers = qualifiers;
  out.questions = questions;
  return out;
}

export async function parseOutcome(res) {
  checkResponse(res, (s) => s === 200 || s === 201);
  return outcomeFromText((await res.text()).replace(/^\uFEFF/, ""));
}
