// Reads a Response body for the transport (src/transport/mod.rs), in JS: one
// promise for the whole body instead of one wasm round trip per chunk (the
// per-chunk awaits through wasm-bindgen-futures cost more than the read
// itself; see the README's Performance section). Same rules as before: at
// most `max` bytes (the stream is cancelled past that), every step raced
// against the attempt's deadline (`deadline` resolves to `marker` when it
// passes), and every fault reported as a code, never thrown.
//
// Returns the bytes (Uint8Array), or 1 (the body broke off), 2 (larger than
// `max`), 3 (the stream yielded something that is not bytes), 4 (deadline).

const BROKEN = 1;
const TOO_LARGE = 2;
const NOT_BYTES = 3;
const TIMEOUT = 4;

export async function readBody(response, max, deadline, marker) {
  const timed = (p) => (deadline === undefined ? p : Promise.race([p, deadline]));
  let stream;
  try {
    stream = response.body;
  } catch {
    stream = undefined;
  }
  if (!(stream instanceof ReadableStream)) {
    // No stream (a Response-like object, or no body): read it whole.
    let buf;
    try {
      buf = await timed(response.arrayBuffer());
    } catch {
      return BROKEN;
    }
    if (deadline !== undefined && buf === marker) return TIMEOUT;
    let bytes;
    try {
      bytes = new Uint8Array(buf);
    } catch {
      return BROKEN;
    }
    return bytes.length > max ? TOO_LARGE : bytes;
  }
  let reader;
  try {
    reader = stream.getReader();
  } catch {
    return BROKEN;
  }
  if (!(reader instanceof ReadableStreamDefaultReader)) return BROKEN;
  const chunks = [];
  let total = 0;
  const stop = (code) => {
    reader.cancel().catch(() => {});
    return code;
  };
  for (;;) {
    let chunk;
    try {
      chunk = await timed(reader.read());
    } catch {
      return BROKEN;
    }
    if (deadline !== undefined && chunk === marker) return stop(TIMEOUT);
    // A result without a boolean `done` counts as the end, as before.
    const done = chunk !== null && typeof chunk === "object" ? chunk.done : true;
    if (typeof done !== "boolean" || done) break;
    const value = chunk.value;
    if (!(value instanceof Uint8Array)) return stop(NOT_BYTES);
    if (total + value.length > max) return stop(TOO_LARGE);
    chunks.push(value);
    total += value.length;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
