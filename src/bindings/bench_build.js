// bench/ only (cargo feature `bench`, never in pkg/): the fast path's second
// half as it was before the slots, kept to measure that candidate side by
// side: one JSON.parse of the whole body builds the values, and the slots
// are read only for the interpretation indices. The same result shapes as
// build.js.

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const reasonTable = [];
const qualifierTable = [];
const STATUS = ["passed", "failed", "questions"];
const ABSENT = 0xffffffff;

/** Fills this module's interpretation tables (each index once, before measuring). */
export function setBenchInterpretation(qualifier, index, json) {
  (qualifier ? qualifierTable : reasonTable)[index] = JSON.parse(json);
}

/** As build.js's: no reasons in the body, a non-enumerable `[]`. */
function withReasons(confidence, reasons) {
  if (reasons === undefined) Object.defineProperty(confidence, "reasons", { value: [], writable: true, configurable: true });
  else confidence.reasons = reasons;
  return confidence;
}

/** `bytes`: a validated Caisson result body; `f`: its slots. */
export function buildIdCheckParsed(bytes, f) {
  const o = JSON.parse(decoder.decode(bytes));
  const c = o.confidence;
  const i = o.info;
  const src = c.reasons;
  const reasons = src == null ? undefined : [];
  if (src != null) {
    for (let k = 0; k < src.length; k++) {
      const r = src[k];
      const t = reasonTable[f[29 + 4 * k + 1]];
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
    confidence: withReasons({ document: c.document, face: c.face }, reasons),
    info,
  };
}

/** `bytes`: a validated Goldstar outcome body; `f`: its slots. */
export function buildOutcomeParsed(bytes, f) {
  const o = JSON.parse(decoder.decode(bytes));
  const q = o.Qualifiers;
  const list = q == null ? [] : Array.isArray(q) ? q : [q];
  const qualifiers = [];
  const at = f[9] === ABSENT ? 0 : f[9] + 1;
  for (let k = 0; k < list.length; k++) {
    const x = list[k];
    const t = qualifierTable[f[at + 5 * k]];
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
  const out = { status: STATUS[f[8]], id: o.Id, key: o.Key, message: o.Message };
  if (o.Summary != null) out.summary = o.Summary;
  out.qualifiers = qualifiers;
  out.questions = questions;
  return out;
}
