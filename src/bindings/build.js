// The fast path's second half (see src/scan.rs): the body was validated in
// wasm, which also recorded where each value of the result is (the slots,
// src/scan.rs `id_check_slots` / `outcome_slots`). These functions decode the
// body once and build the result objects from those places, adding the
// interpretations by the indices recorded. No JSON.parse of the body: the
// values are slices of the decoded text (a string with escapes is its JSON
// literal parsed). The shapes are exactly the serde output of the Rust types
// (caisson/types.rs, goldstar/types.rs), key order included: the full
// validator's results, which `tests/js/fastpath.test.mjs` compares them with.
// Each returns undefined instead of throwing (the wasm then runs the full
// validator), so the wasm import needs no catch wrapper.

// ignoreBOM: a leading U+FEFF stays in the text, so the slots (offsets into
// the body as UTF-16) still match (the scan refuses one anyway).
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const ABSENT = 0xffffffff;
const ESCAPED = 0x80000000;
const reasonTable = [];
const qualifierTable = [];
const STATUS = ["passed", "failed", "questions"];

/** Called from wasm before a build that uses interpretation `index` for the
 * first time (each is sent once). */
export function setInterpretation(qualifier, index, json) {
  (qualifier ? qualifierTable : reasonTable)[index] = JSON.parse(json);
}

/** The string whose slots are `f[k]`, `f[k + 1]`, from the decoded body `s`. */
function str(s, f, k) {
  const end = f[k + 1];
  return end >= ESCAPED ? JSON.parse(s.slice(f[k] - 1, end - ESCAPED + 1)) : s.slice(f[k], end);
}

/** `confidence` with its `reasons` as the body had them. With none there
 * (Caisson sends them only when a confidence is not high), a non-enumerable
 * empty array under that name: `result.confidence.reasons` is always an
 * array to read, while JSON.stringify and deep equality see the body's
 * shape (src/caisson/types.rs, `Confidence`). */
function withReasons(confidence, reasons) {
  if (reasons === undefined) {
    Object.defineProperty(confidence, "reasons", { value: [], writable: true, configurable: true, enumerable: false });
  } else {
    confidence.reasons = reasons;
  }
  return confidence;
}

/** The full validator's result (from its JSON text), given the same
 * `reasons` as buildIdCheck's; answers it, and never throws. */
export function fillReasons(result) {
  try {
    const c = result.confidence;
    if (!Object.prototype.hasOwnProperty.call(c, "reasons")) withReasons(c, undefined);
  } catch {}
  return result;
}

/** `bytes`: a validated Caisson result body; `f`: its slots. */
export function buildIdCheck(bytes, f) {
  try {
    const s = decoder.decode(bytes);
    const n = f[28];
    const reasons = n === ABSENT ? undefined : [];
    for (let k = 0, at = 29; n !== ABSENT && k < n; k++, at += 4) {
      const t = reasonTable[f[at + 1]];
      const code = f[at];
      const description = str(s, f, at + 2);
      reasons.push(
        t.field === undefined
          ? { code, description, category: t.category, userAction: t.userAction, retryable: t.retryable }
          : { code, description, category: t.category, field: t.field, userAction: t.userAction, retryable: t.retryable },
      );
    }
    const info = { first_name: str(s, f, 10), last_name: str(s, f, 12) };
    if (f[14] !== ABSENT) info.sex = str(s, f, 14);
    if (f[16] !== ABSENT) info.dob = str(s, f, 16);
    if (f[18] !== ABSENT) info.expires_on = str(s, f, 18);
    if (f[20] !== ABSENT) info.address = { street: str(s, f, 20), city: str(s, f, 22), state: str(s, f, 24), zip: str(s, f, 26) };
    return {
      check_id: str(s, f, 0),
      customer_id: str(s, f, 2),
      checked_on: str(s, f, 4),
      confidence: withReasons({ document: str(s, f, 6), face: str(s, f, 8) }, reasons),
      info,
    };
  } catch {
    return undefined;
  }
}

/** `bytes`: a validated Goldstar outcome body; `f`: its slots. */
export function buildOutcome(bytes, f) {
  try {
    const s = decoder.decode(bytes);
    const out = { status: STATUS[f[8]], id: str(s, f, 0), key: str(s, f, 2), message: str(s, f, 4) };
    if (f[6] !== ABSENT) out.summary = str(s, f, 6);
    const qualifiers = [];
    let at = f[9];
    for (let k = 0, n = at === ABSENT ? 0 : f[at++]; k < n; k++, at += 5) {
      const t = qualifierTable[f[at]];
      qualifiers.push({ key: str(s, f, at + 1), message: f[at + 3] === ABSENT ? "" : str(s, f, at + 3), category: t.category, severity: t.severity, meaning: t.meaning });
    }
    const questions = [];
    at = f[10];
    for (let k = 0, n = at === ABSENT ? 0 : f[at++]; k < n; k++) {
      const prompt = str(s, f, at);
      const type = str(s, f, at + 2);
      const choices = [];
      const m = f[at + 4];
      at += 5;
      for (let j = 0; j < m; j++, at += 2) choices.push(str(s, f, at));
      questions.push({ prompt, type, choices });
    }
    out.qualifiers = qualifiers;
    out.questions = questions;
    return out;
  } catch {
    return undefined;
  }
}
