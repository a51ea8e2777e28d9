// Reads a Response body for the transport (src/transport/mod.rs), in JS: one
// promise for the whole body instead of one wasm round trip per chunk (the
// per-chunk awaits through wasm-bindgen-futures cost more than the read
// itself; see the README's Performance section). Same rules as before: at
// most `max` bytes (the stream is cancelled past that), every step raced
// against the attempt's deadline (`deadline` resolves to `marker` when it
// passes), and every fault reported as a code, never thrown.
//
// readBody returns the bytes (Uint8Array), or 1 (the body broke off), 2
// (larger than `max`), 3 (the stream yielded something that is not bytes),
// 4 (deadline). readResponse and isResponse do the rest of reading a
// response in the same single crossing (status, the three headers the
// validators read, the Content-Length check before any byte is read).

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

/** Is `value` usable as a Response? By shape, not instanceof (another realm,
 * a fetch polyfill): an object with an integer status 100-599, headers with
 * a get function, and an arrayBuffer function. */
export function isResponse(value) {
  try {
    if (value === null || typeof value !== "object") return false;
    const status = value.status;
    const headers = value.headers;
    return (
      typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599 &&
      headers != null && typeof headers.get === "function" && typeof value.arrayBuffer === "function"
    );
  } catch {
    return false;
  }
}

const MAX_U64 = 18446744073709551615n;

/** Status, content-type, content-length, retry-after (strings or undefined)
 * and the body (bytes or a readBody code; 2 also when Content-Length alone
 * says too large, the body then unread and cancelled), as one array. With no
 * `deadline`, `timeoutMs` starts one here (cleared when done). */
export async function readResponse(response, max, timeoutMs, deadline, marker) {
  const status = response.status;
  let headers;
  try {
    headers = response.headers;
  } catch {
    headers = undefined;
  }
  const get = (name) => {
    try {
      const v = headers.get(name);
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const ct = get("content-type");
  const cl = get("content-length");
  const ra = get("retry-after");
  if (cl !== undefined) {
    const t = cl.trim();
    if (/^\+?[0-9]+$/.test(t) && BigInt(t) <= MAX_U64 && BigInt(t) > BigInt(max)) {
      try {
        const body = response.body;
        if (body instanceof ReadableStream) body.cancel().catch(() => {});
      } catch {}
      return [status, ct, cl, ra, TOO_LARGE];
    }
  }
  let timer;
  if (deadline === undefined && timeoutMs !== undefined) {
    marker = {};
    deadline = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs, marker);
    });
  }
  try {
    return [status, ct, cl, ra, await readBody(response, max, deadline, marker)];
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
