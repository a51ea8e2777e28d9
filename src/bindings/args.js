// Reading a caller's arguments for src/bindings/options.rs without letting a
// throw cross the wasm. A JavaScript exception thrown inside an import that
// wasm-bindgen does not wrap in `catch` unwinds the Rust frames without
// running their cleanup; a few thousand of those (a revoked Proxy, a getter
// that throws, passed again and again) left the wasm instance corrupt for
// every later call. So each reader here catches and answers a code instead.
// Each is one import of a signature the wasm has anyway (V8 compiles a
// wrapper per distinct import signature at start-up; see date.js).

/** A plain copy of the array `value` (holes read as undefined), or a code: 0
 * not an array, 1 more than `max` items, 2 unreadable (a throwing getter or
 * Proxy). A copy the wasm can read with no getter of the caller's running,
 * and no length it did not check (an array of length 2^32 - 1 is cheap to make). */
export function listOf(value, max) {
  try {
    if (!Array.isArray(value)) return 0;
    const n = value.length;
    if (!(n <= max)) return 1;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = value[i];
    return out;
  } catch {
    return 2;
  }
}

/** `[[key, value], ...]` of what `fetch` takes as headers: a `Headers` or a
 * `Map` (their entries), an array of `[name, value]` pairs, or a plain
 * object's own enumerable string keys; or a code as listOf's (0 for
 * anything else). A pair that is not an array of two reads as
 * `[undefined, undefined]`, which the wasm refuses. */
export function entriesOf(value, max) {
  try {
    if (value === null || typeof value !== "object") return 0;
    let pairs;
    if (Array.isArray(value)) {
      if (!(value.length <= max)) return 1;
      pairs = Array.from(value, (p) => (Array.isArray(p) && p.length === 2 ? [p[0], p[1]] : [undefined, undefined]));
    } else if (value instanceof Map || (typeof Headers === "function" && value instanceof Headers)) {
      pairs = [];
      for (const p of value.entries()) {
        if (pairs.length === max) return 1;
        pairs.push([p[0], p[1]]);
      }
    } else {
      const keys = Object.keys(value);
      if (!(keys.length <= max)) return 1;
      pairs = keys.map((k) => [k, value[k]]);
    }
    return pairs;
  } catch {
    return 2;
  }
}

/** Is a string well-formed UTF-16 (no lone surrogate)? wasm-bindgen hands a
 * string to Rust with U+FFFD in place of a lone surrogate, so a name would
 * be sent altered without a word; options.rs asks this only when the text it
 * got holds a U+FFFD. A runtime without isWellFormed (Node < 20) answers true. */
export function wellFormed(value) {
  return typeof value !== "string" || typeof value.isWellFormed !== "function" || value.isWellFormed();
}
