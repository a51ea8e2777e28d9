// The transport's JS half (src/transport/mod.rs): it reads Response bodies
// and runs each sending operation (below: attempts, deadline, retries, the
// exchange's store), while the wasm decides through `settle`. A body is read
// here as one promise instead of one wasm round trip per chunk (the
// per-chunk awaits through wasm-bindgen-futures cost more than the read
// itself; see bench/README.md): at most `max` bytes (the
// stream is cancelled past that), the whole read bounded by the attempt's
// deadline (`deadline` resolves to `marker` when it passes; the stream is
// then cancelled), and every fault reported as a code, never thrown.
//
// The deadline is watched once for the whole read, not raced per chunk: one
// `then` on it (or one setTimeout of our own) settles the read's promise with
// the timeout code, whichever step is pending. A Promise.race per read and an
// `await` per step cost more than the reading of a doc-sized body (measured in
// bench/: about 7 us of 11 per call in Node 20).
//
// readResponse resolves to `[status, content-type, content-length,
// retry-after, body]` where body is the bytes (Uint8Array), or 1 (the body
// broke off), 2 (larger than `max`; also when Content-Length alone says so,
// the body then unread and cancelled), 3 (the stream yielded something that
// is not bytes), 4 (deadline). responseStatus is the shape check.

const BROKEN = 1;
const TOO_LARGE = 2;
const NOT_BYTES = 3;
const TIMEOUT = 4;

const noop = () => {};

/** Settles `resolve` once with `wrap(value)`, the read (`work(finish)`)
 * against the deadline: the caller's (`deadline` resolving to `marker`), or
 * `timeoutMs` of our own, or none. `cancel` runs when the deadline wins. */
function bounded(work, timeoutMs, deadline, marker, cancel, wrap) {
  return new Promise((resolve) => {
    let settled = false;
    let timer;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(wrap(value));
    };
    const expire = () => {
      if (settled) return;
      try {
        cancel();
      } catch {}
      finish(TIMEOUT);
    };
    if (deadline !== undefined) {
      try {
        deadline.then((v) => {
          if (v === marker) expire();
        }, noop);
      } catch {}
    } else if (timeoutMs !== undefined) {
      timer = setTimeout(expire, timeoutMs);
    }
    try {
      work(finish);
    } catch {
      finish(BROKEN);
    }
  });
}

/** Reads between two turns of the event loop: a stream whose reads all
 * resolve at once (a caller's stream of empty chunks, which never reaches
 * `max`) would otherwise run on microtasks alone, and the deadline's timer
 * would never fire. Real bodies take a handful of reads. */
const READS_PER_TURN = 1024;

/** All chunks of `reader`, at most `max` bytes, into `finish` (bytes or a code). */
function readStream(reader, max, finish) {
  const chunks = [];
  let total = 0;
  let reads = 0;
  const stop = (code) => {
    try {
      reader.cancel().catch(noop);
    } catch {}
    finish(code);
  };
  const step = (chunk) => {
    try {
      // A result without a boolean `done` counts as the end, as before.
      const done = chunk !== null && typeof chunk === "object" ? chunk.done : true;
      if (typeof done !== "boolean" || done) {
        if (chunks.length === 1) return finish(chunks[0]);
        const out = new Uint8Array(total);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        return finish(out);
      }
      const value = chunk.value;
      const bytes = ownBytes(value);
      if (bytes === undefined) return stop(NOT_BYTES);
      if (total + bytes.length > max) return stop(TOO_LARGE);
      if (bytes.length > 0) chunks.push(bytes);
      total += bytes.length;
      if (++reads % READS_PER_TURN === 0) setTimeout(pull, 0);
      else pull();
    } catch {
      finish(BROKEN);
    }
  };
  const broken = () => finish(BROKEN);
  const pull = () => {
    try {
      reader.read().then(step, broken);
    } catch {
      finish(BROKEN);
    }
  };
  pull();
}

// The typed arrays' own getters, read once: they answer from the internal
// slots whatever a subclass or an own property says.
const typedArray = Object.getPrototypeOf(Uint8Array.prototype);
const [viewBuffer, viewOffset, viewLength] = ["buffer", "byteOffset", "length"].map(
  (name) => Object.getOwnPropertyDescriptor(typedArray, name).get,
);

/** A plain Uint8Array over the bytes of a real one (ArrayBuffer.isView reads
 * an internal slot: a Proxy is not one), by its internal buffer, offset and
 * length, or undefined: a subclass or an own property can make `length` say
 * anything, and the wasm trusted it (a length of -1 asked Rust for a 4 GiB
 * vector and trapped). A view, not a copy: the bytes are copied once, into
 * the wasm (a copy here as well cost 5-10 % of a doc-sized parse). A
 * detached chunk is not bytes. */
function ownBytes(value) {
  try {
    if (!ArrayBuffer.isView(value) || !(value instanceof Uint8Array)) return undefined;
    return new Uint8Array(viewBuffer.call(value), viewOffset.call(value), viewLength.call(value));
  } catch {
    return undefined;
  }
}

const bufferLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;

/** What a Response-like's arrayBuffer() answered, as bytes the wasm can
 * trust, or a code: a real ArrayBuffer (its internal length, whatever realm
 * it is from), or a real Uint8Array (a Node Buffer, say) copied by its
 * internal length; anything else is not bytes. */
function wholeBytes(buf, max) {
  let n;
  try {
    n = bufferLength.call(buf);
  } catch {
    n = undefined;
  }
  // A view of fixed length: one over a resizable buffer would otherwise
  // track it, and the buffer may grow past `max` before the wasm copies it.
  if (n !== undefined) return n > max ? TOO_LARGE : new Uint8Array(buf, 0, n);
  const bytes = ownBytes(buf);
  if (bytes === undefined) return NOT_BYTES;
  return bytes.length > max ? TOO_LARGE : bytes;
}

/** The body (bytes or a code), wrapped by `wrap`, as one promise that never rejects. */
function readBody(response, max, timeoutMs, deadline, marker, wrap) {
  let stream;
  try {
    stream = response.body;
  } catch {
    stream = undefined;
  }
  if (!(stream instanceof ReadableStream)) {
    // No stream (a Response-like object, or no body): read it whole.
    const whole = (finish) => {
      // Promise.resolve: a Response-like's arrayBuffer may answer a plain value.
      Promise.resolve(response.arrayBuffer()).then((buf) => {
        try {
          finish(wholeBytes(buf, max));
        } catch {
          finish(BROKEN);
        }
      }, () => finish(BROKEN));
    };
    return bounded(whole, timeoutMs, deadline, marker, noop, wrap);
  }
  let reader;
  try {
    reader = stream.getReader();
  } catch {
    return Promise.resolve(wrap(BROKEN));
  }
  if (!(reader instanceof ReadableStreamDefaultReader)) return Promise.resolve(wrap(BROKEN));
  const cancel = () => reader.cancel().catch(noop);
  return bounded((finish) => readStream(reader, max, finish), timeoutMs, deadline, marker, cancel, wrap);
}

/** Cancels `response`'s body stream, unread: the connection is not held
 * open for bytes nobody will read. Never throws. */
function cancelBody(response) {
  try {
    const body = response.body;
    if (body instanceof ReadableStream && !body.locked) body.cancel().catch(noop);
  } catch {}
}

/** `value`'s status if it is usable as a Response, else undefined. By
 * shape, not instanceof (another realm, a fetch polyfill): an object with an
 * integer status 100-599, headers with a get function, and an arrayBuffer
 * function. The status is read once, here, and this value used: a getter
 * could answer 200 to the check and 200.9 afterwards. */
function responseStatus(value) {
  try {
    if (value === null || typeof value !== "object") return undefined;
    const status = value.status;
    const headers = value.headers;
    const ok =
      typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599 &&
      headers != null && typeof headers.get === "function" && typeof value.arrayBuffer === "function";
    return ok ? status : undefined;
  } catch {
    return undefined;
  }
}

const MAX_U64 = 18446744073709551615n;

/** Does a Content-Length value say more than `max` bytes? ASCII digits only
 * (the Rust side decides the exact rule); up to 15 digits a Number is exact. */
function tooLong(cl, max) {
  const t = cl.trim();
  if (!/^\+?[0-9]+$/.test(t)) return false;
  if (t.length <= 15) return Number(t) > max;
  return BigInt(t) <= MAX_U64 && BigInt(t) > BigInt(max);
}

/** The longest header value handed to the wasm, in UTF-16 units: the
 * wasm's limit for any string from JS (src/bindings/options.rs,
 * `MAX_TEXT_UNITS`). */
const MAX_HEADER_UNITS = 65536;

/** Status (`responseStatus`'s), content-type, content-length, retry-after
 * (strings or undefined) and the body (bytes or a code; 2 also when
 * Content-Length alone says too large, the body then unread and cancelled),
 * as one array. With no `deadline`, `timeoutMs` (if any) bounds the read (a
 * timer of its own, cleared when done). Never throws: a fault is a rejected
 * promise. */
function readResponse(response, status, max, timeoutMs, deadline, marker) {
  try {
    let headers;
    try {
      headers = response.headers;
    } catch {
      headers = undefined;
    }
    // A value longer than any real header (a caller's fetch can answer
    // anything) reads as empty, which no rule accepts (a content type that
    // is not JSON; no length; no delay), and is never copied into the wasm:
    // checked here, where the string already is, with no crossing.
    const get = (name) => {
      try {
        const v = headers.get(name);
        return typeof v === "string" ? (v.length <= MAX_HEADER_UNITS ? v : "") : undefined;
      } catch {
        return undefined;
      }
    };
    const ct = get("content-type");
    const cl = get("content-length");
    const ra = get("retry-after");
    if (cl !== undefined && tooLong(cl, max)) {
      cancelBody(response);
      return Promise.resolve([status, ct, cl, ra, TOO_LARGE]);
    }
    return readBody(response, max, timeoutMs, deadline, marker, (body) => [status, ct, cl, ra, body]);
  } catch (e) {
    return Promise.reject(e);
  }
}

/** readResponse for the parse methods, the validation chained on in JS:
 * `settle` (a wasm closure, see send) gets the parts, or a code when the
 * read itself failed or `response` is not a Response (INVALID_ARGUMENT: the
 * caller's argument, not an answer of the API), and returns the result
 * or throws the IdvError; `checkId` (parseIdCheck's, or undefined) goes
 * with them. One promise for the whole call, with no Rust future (and its
 * wakers, closures and microtasks) in between. */
export function readThen(response, max, timeoutMs, settle, kind, checkId) {
  const done = (parts) => settle(parts, kind, 0, 0, checkId);
  const status = responseStatus(response);
  if (status === undefined) return Promise.resolve(NOT_RESPONSE_ARG).then(done);
  if (bodyUsed(response)) return Promise.resolve(BODY_USED_ARG).then(done);
  return readResponse(response, status, max, timeoutMs, undefined, undefined).then(done, () => done(BROKEN));
}

// The sending half: the retry loop and each attempt, in JS, with the wasm
// deciding (settle: validation, the retry policy, every error). It was one
// shared Rust future before; that future and wasm-bindgen-futures (its task
// queue, wakers, a closure per awaited promise) were 18 KB raw / 7.5 KB gzip
// of the client wasm. Codes past the body's own (1-4), for a whole attempt:
// 5 fetch threw or rejected (or resolved to `Response.error()`, the Fetch
// standard's network error), 6 fetch resolved to something that is not a
// Response, 7 the Request could not be built, 8 no AbortController, 9 a
// parse method's argument is not a Response, 10 a parse method's Response
// whose body was already read or is locked, 11 the caller's `signal` aborted
// the operation, 12 the `signal` option is not an AbortSignal; a rejection
// with a `TimeoutError` is 4.
const NETWORK = 5;
const NOT_RESPONSE = 6;
const UNBUILT = 7;
const NO_ABORT = 8;
const NOT_RESPONSE_ARG = 9;
const BODY_USED_ARG = 10;
const ABORTED = 11;
const NOT_SIGNAL = 12;

/** Is `value` an AbortSignal (by shape: another realm's, or a polyfill's)
 * that takes a listener? One whose addEventListener throws could never stop
 * a call. */
function isSignal(value) {
  try {
    if (!(value !== null && typeof value === "object" && typeof value.aborted === "boolean")) return false;
    value.addEventListener("abort", noop);
    value.removeEventListener("abort", noop);
    return true;
  } catch {
    return false;
  }
}

/** Calls `onAbort` once when the caller's `signal` (or undefined) aborts,
 * at once if it already has (code the step ran, a store's, may have aborted
 * it); answers a function that stops listening (called when the step is
 * over, so a long-lived signal does not collect a listener per call). */
function whenAborted(signal, onAbort) {
  if (signal === undefined) return noop;
  if (aborted(signal)) {
    onAbort();
    return noop;
  }
  try {
    signal.addEventListener("abort", onAbort, { once: true });
    return () => {
      try {
        signal.removeEventListener("abort", onAbort);
      } catch {}
    };
  } catch {
    return noop;
  }
}

/** Has the caller's `signal` (or undefined) aborted? */
function aborted(signal) {
  try {
    return signal !== undefined && signal.aborted === true;
  } catch {
    return false;
  }
}

/** `Response.error()`: the Fetch standard's network error, as a Response
 * (status 0, type "error"), which a custom fetch may resolve to. */
function isNetworkError(value) {
  try {
    return value !== null && typeof value === "object" && value.type === "error" && value.status === 0;
  } catch {
    return false;
  }
}

/** Has the caller already read this Response's body, or locked it with a
 * reader of their own (`getReader()`)? Either way it is their argument that
 * cannot be read, not a fault of the network. */
function bodyUsed(response) {
  try {
    return response.bodyUsed === true || response.body?.locked === true;
  } catch {
    return false;
  }
}

/** A web Request from its parts: `headers` an array of [name, value],
 * redirects never followed (fetch would carry the API key, and on 307/308
 * the body, to whatever host `Location` names; a 3xx is INVALID_RESPONSE
 * instead). Throws when the runtime refuses the parts. */
export function makeRequest(method, url, headers, body, signal) {
  const init = { method, headers, redirect: "manual" };
  if (body !== undefined) init.body = body;
  if (signal !== undefined) init.signal = signal;
  return new Request(url, init);
}

/** What a fetch rejection is: a `TimeoutError` is a timeout, anything else
 * (an Error, a string, undefined) a network fault. Its text is not kept: it
 * can hold a URL or other data. */
function rejected(e) {
  try {
    if (e !== null && typeof e === "object" && e.name === "TimeoutError") return TIMEOUT;
  } catch {}
  return NETWORK;
}

/** One attempt: a fresh Request with an abort signal, fetch, read; the
 * parts or a code, never a rejection. `timeoutMs` bounds fetch and read
 * together; when it passes, the request is aborted and the body cancelled.
 * The caller's `signal` (or undefined) does the same at any time, and the
 * attempt is then ABORTED, whatever had arrived; one already aborted sends
 * nothing. */
function attempt(fetch, method, url, headers, body, max, timeoutMs, signal) {
  return new Promise((resolve) => {
    let settled = false;
    let timer;
    let fire;
    let controller;
    const marker = {};
    // Resolves to `marker` when the deadline passes (readResponse cancels
    // the body then), or to undefined once the attempt is over, so nothing
    // stays scheduled and nothing waits on it.
    const deadline = new Promise((r) => (fire = r));
    let unlisten = noop;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unlisten();
      fire(undefined);
      resolve(value);
    };
    try {
      controller = new AbortController();
    } catch {
      return finish(NO_ABORT);
    }
    unlisten = whenAborted(signal, () => {
      if (settled) return;
      fire(marker);
      try {
        controller.abort();
      } catch {}
      finish(ABORTED);
    });
    // Aborted already: nothing is sent.
    if (settled) return;
    let request;
    try {
      request = makeRequest(method, url, headers, body, controller.signal);
    } catch {
      return finish(UNBUILT);
    }
    // Once the head is in, the read settles the attempt when the deadline
    // passes (its parts with the timeout code for a body): an error status
    // is then still judged by its status (a 401 whose body hangs is
    // UNAUTHORIZED, not a TIMEOUT to retry with the refused key).
    let reading = false;
    timer = setTimeout(() => {
      if (settled) return;
      fire(marker);
      try {
        controller.abort();
      } catch {}
      if (!reading) finish(TIMEOUT);
    }, timeoutMs);
    let returned;
    try {
      returned = fetch(request);
    } catch (e) {
      return finish(rejected(e));
    }
    // Promise.resolve accepts a promise, a thenable or a plain value (and
    // throws for a promise whose `constructor` getter throws).
    let pending;
    try {
      pending = Promise.resolve(returned);
    } catch (e) {
      return finish(rejected(e));
    }
    pending.then((response) => {
      // Too late (the attempt timed out): a fetch that did not pass the
      // signal on still answers, and its body would hold the connection.
      if (settled) return cancelBody(response);
      if (isNetworkError(response)) return finish(NETWORK);
      const status = responseStatus(response);
      if (status === undefined) return finish(NOT_RESPONSE);
      reading = true;
      readResponse(response, status, max, undefined, deadline, marker).then(finish, () => finish(BROKEN));
    }, (e) => finish(rejected(e)));
  });
}

/** Waits `ms`, or less when the caller's `signal` aborts (the next
 * attempt then sends nothing and answers ABORTED). */
function sleep(ms, signal) {
  return new Promise((wake) => {
    let unlisten = noop;
    const timer = setTimeout(() => {
      unlisten();
      wake();
    }, ms);
    unlisten = whenAborted(signal, () => {
      clearTimeout(timer);
      wake();
    });
  });
}

/** Attempts until `settle` (wasm: `settle(parts, kind, attempt, maxRetries)`)
 * returns the result; a number from it is a delay (ms) before the next
 * attempt, a throw is the operation's IdvError. */
function retrying(fetch, method, url, headers, body, max, timeoutMs, maxRetries, settle, kind, signal) {
  let n = 0;
  const next = () =>
    attempt(fetch, method, url, headers, body, max, timeoutMs, signal).then((parts) => {
      const r = settle(parts, kind, n, maxRetries);
      if (typeof r !== "number") return r;
      n += 1;
      return sleep(r, signal).then(next);
    });
  return next();
}

/** `fn` called on `store` with `args`, as a promise (a sync throw rejects
 * it) that rejects too when the store has not answered within `timeoutMs`,
 * or when the caller's `signal` aborts: a store that never settles must not
 * hang the exchange forever. */
function storeCall(store, fn, args, timeoutMs, signal) {
  if (aborted(signal)) return Promise.reject(ABORTED);
  let answer;
  try {
    answer = Promise.resolve(fn.apply(store, args));
  } catch (e) {
    return Promise.reject(e);
  }
  let timer;
  let unlisten = noop;
  const late = new Promise((_, reject) => {
    timer = setTimeout(reject, timeoutMs);
    unlisten = whenAborted(signal, reject);
  });
  return Promise.race([answer, late]).finally(() => {
    clearTimeout(timer);
    unlisten();
  });
}

/** One sending operation. With `stored` ([[store, get], [put, [key, ttl]]], the
 * exchange's store): the store is asked first (`settle(value, 4)` checks
 * what get answered: the result, or undefined to send), and the check id
 * put before the result is returned; a store fault is `settle(0 or 1, 5)`,
 * which throws. `signal`: the caller's AbortSignal, or undefined; when it
 * aborts, the operation stops where it is and rejects with ABORTED, except
 * for the put of an exchanged check id: Caisson has spent the token, so the
 * put is finished (bounded by `timeoutMs`) before the abort is reported. */
export function send(fetch, method, url, headers, body, max, timeoutMs, maxRetries, settle, kind, stored, signal) {
  const stop = (code) => () => settle(code, kind, 0, 0);
  if (signal !== undefined && !isSignal(signal)) return Promise.resolve().then(stop(NOT_SIGNAL));
  const run = () => retrying(fetch, method, url, headers, body, max, timeoutMs, maxRetries, settle, kind, signal);
  // The first step waits a microtask, as a Rust future's first poll did: the
  // caller's fetch or store never runs inside the call that started it.
  if (stored === undefined) return Promise.resolve().then(run);
  const [[store, get], [put, [key, ttl]]] = stored;
  const getFault = () => (aborted(signal) ? stop(ABORTED)() : settle(0, STORE_FAULT, 0, 0));
  return Promise.resolve().then(() => storeCall(store, get, [key], timeoutMs, signal)).then((value) => {
    const hit = settle(value, STORE_GET, 0, 0);
    if (hit !== undefined) return hit;
    return run().then((result) => {
      const exchanged = result?.check_id;
      if (typeof exchanged !== "string") return result;
      // Not stopped by the signal: a put that failed is the store's error.
      const done = () => (aborted(signal) ? stop(ABORTED)() : result);
      return storeCall(store, put, [key, exchanged, { expirationTtl: ttl }], timeoutMs).then(done, () => settle(1, STORE_FAULT, 0, 0));
    });
  }, getFault);
}

const STORE_GET = 4;
const STORE_FAULT = 5;
