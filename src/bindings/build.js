// The fast path's second half (see src/scan.rs): the body was validated in
// wasm, one JSON.parse builds its values, and these functions assemble the
// result objects, adding the interpretations by the indices the scan returned.
// The shapes are exactly the serde output of the Rust types (caisson/types.rs,
// goldstar/types.rs), key order included: the full validator's results, which
// `tests/js/fastpath.test.mjs` compares them with.

const decoder = new TextDecoder();
const reasonTable = [];
const qualifierTable = [];
const STATUS = ["passed", "failed", "questions"];

/** Called from wasm before a build that uses interpretation `index` for the
 * first time (each is sent once). */
export function setInterpretation(qualifier, index, json) {
  (qualifier ? qualifierTable : reasonTable)[index] = JSON.parse(json);
}

/** `bytes`: a validated Caisson result body; `idx[i]`: reason i's interpretation. */
export function buildIdCheck(bytes, idx) {
  const o = JSON.parse(decoder.decode(bytes));
  const c = o.confidence;
  const i = o.info;
  const src = c.reasons;
  const reasons = [];
  if (src != null) {
    for (let k = 0; k < src.length; k++) {
      const r = src[k];
      const t = reasonTable[idx[k]];
      reasons.push(
        t.field === undefined
          ? { code: r.code, description: r.description, category: t.category, userAction: t.userAction, retryable: t.retryable }
          : { code: r.code, description: r.description, category: t.category, field: t.field, userAction: t.userAction, retryable: t.retryable },
      );
    }
  }
  const info = { first_name: i.first_name, last_name: i.last_name };
  if (i.sex != null) info.sex = i.sex;
  if (i.dob != null) info.dob = i.dob;
  if (i.expires_on != null) info.expires_on = i.expires_on;
  const a = i.address;
  if (a != null) info.address = { street: a.street, city: a.city, state: a.state, zip: a.zip };
  return {
    check_id: o.check_id,
    customer_id: o.customer_id,
    checked_on: o.checked_on,
    confidence: { document: c.document, face: c.face, reasons },
    info,
  };
}

/** `bytes`: a validated Goldstar outcome body; `status`: 0 passed, 1 failed,
 * 2 questions; `idx[i]`: qualifier i's interpretation. */
export function buildOutcome(bytes, status, idx) {
  const o = JSON.parse(decoder.decode(bytes));
  const q = o.Qualifiers;
  const list = q == null ? [] : Array.isArray(q) ? q : [q];
  const qualifiers = [];
  for (let k = 0; k < list.length; k++) {
    const x = list[k];
    const t = qualifierTable[idx[k]];
    qualifiers.push({ key: x.Key, message: x.Message ?? "", category: t.category, severity: t.severity, meaning: t.meaning });
  }
  const questions = [];
  const qs = o.Questions;
  if (qs != null) {
    for (let k = 0; k < qs.length; k++) {
      const x = qs[k];
      const cs = x.Choices;
      const choices = [];
      for (let j = 0; j < cs.length; j++) choices.push(cs[j].Text);
      questions.push({ prompt: x.Prompt, type: x.Type, choices });
    }
  }
  const out = { status: STATUS[status], id: o.Id, key: o.Key, message: o.Message };
  if (o.Summary != null) out.summary = o.Summary;
  out.qualifiers = qualifiers;
  out.questions = questions;
  return out;
}
