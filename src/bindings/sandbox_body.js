// The Sandbox's request body, read as a server reads one: at most `max`
// bytes are kept. Past that the stream is cancelled and `max + 1` bytes come
// back, so the core still answers in its order (path, method, key, then 413)
// without reading an endless or huge stream to its end. The request's signal
// aborts the read as it aborts fetch. A body stream that errors, or a chunk
// that is not bytes, rejects with a TypeError, as fetch does ("fetch failed",
// the stream's error as its cause).
export function readRequestBody(request, max) {
  let stream;
  try {
    stream = request.body;
  } catch (e) {
    return Promise.reject(new TypeError("sandbox.fetch: the request body cannot be read"));
  }
  if (stream === null || stream === undefined) return Promise.resolve(new Uint8Array(0));
  const signal = request.signal;
  return new Promise((resolve, reject) => {
    let reader;
    try {
      reader = stream.getReader();
    } catch (e) {
      reject(new TypeError("sandbox.fetch: the request body was already read"));
      return;
    }
    const chunks = [];
    let size = 0;
    let settled = false;
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      if (signal) signal.removeEventListener("abort", onAbort);
      fn(value);
    };
    const stop = () => reader.cancel().catch(() => {});
    const onAbort = () => {
      stop();
      finish(reject, signal.reason ?? new DOMException("The request was aborted", "AbortError"));
    };
    if (signal) {
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort);
    }
    const pump = () => {
      reader.read().then(({ done, value }) => {
        if (settled) return;
        if (done) return finish(resolve, join(chunks, size));
        let bytes;
        try {
          // body.js's ownBytes test: a real Uint8Array (ArrayBuffer.isView reads an
          // internal slot, so a Proxy is not one: `new Uint8Array(proxy)` would
          // run the caller's iterator, for as long as it likes), copied by its
          // internal length (a subclass's getters are not consulted).
          if (!ArrayBuffer.isView(value) || !(value instanceof Uint8Array)) throw new TypeError("not bytes");
          bytes = new Uint8Array(value);
        } catch (e) {
          stop();
          return finish(reject, new TypeError("sandbox.fetch: a request body chunk is not a Uint8Array"));
        }
        if (size + bytes.length > max) {
          chunks.push(bytes.subarray(0, max + 1 - size));
          size = max + 1;
          stop();
          return finish(resolve, join(chunks, size));
        }
        chunks.push(bytes);
        size += bytes.length;
        pump();
      }, (e) => finish(reject, new TypeError("sandbox.fetch: the request body failed", { cause: e })));
    };
    pump();
  });
}

function join(chunks, size) {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
