// The exchange store inside workerd, against Miniflare's KV (env.EXCHANGES).
// Module state (one Sandbox, one client) lives across requests, so a repeat
// in a later request is a real "later" (the store, not memory, answers it).

const CK = "sk_test_kv_caisson_0123";
let state;

function fresh(lib) {
  const sandbox = new lib.Sandbox({ caissonApiKey: CK, now: "2026-06-01T12:00:00Z" });
  const counted = { n: 0 };
  const fetch = (input, init) => { counted.n++; return sandbox.fetch(input, init); };
  const caisson = new lib.CaissonClient({ apiKey: CK, fetch, maxRetries: 0 });
  return { sandbox, caisson, counted };
}

const errorOf = (e) => ({ code: e?.code, field: e?.field, retryable: e?.retryable, message: String(e?.message), stack: String(e?.stack), json: JSON.stringify(e), isIdvError: e?.name === "IdvError" });

async function exchange(token, options) {
  const before = state.counted.n;
  try {
    const r = await state.caisson.exchangeToken(token, options);
    return { ok: true, check_id: r.check_id, fetches: state.counted.n - before };
  } catch (e) {
    return { ok: false, error: errorOf(e), fetches: state.counted.n - before };
  }
}

export async function kvRoutes(lib, env, route, args) {
  const kv = env.EXCHANGES;
  switch (route) {
    case "setup": {
      state = fresh(lib);
      return { ok: true };
    }
    case "create":
      return { token: state.sandbox.createIdCheck({ customerId: args.customerId ?? "kv-user" }).check_exchange_token };
    case "advance":
      state.sandbox.advanceTime(args.ms);
      return { now: state.sandbox.now };
    case "exchange-kv":
      return exchange(args.token, { store: kv });
    case "exchange-plain":
      return exchange(args.token);
    case "exchange-ordered": {
      // put resolves only after a delay; the exchange must not resolve before it.
      const log = [];
      const store = {
        get: (k) => kv.get(k),
        put: async (k, v, o) => {
          log.push("put-start");
          await new Promise((r) => setTimeout(r, 100));
          await kv.put(k, v, o);
          log.push("put-done");
        },
      };
      const r = await exchange(args.token, { store });
      log.push("returned");
      const stored = await kv.get(args.key);
      return { ...r, log, stored };
    }
    case "exchange-put-fails": {
      const mode = args.mode;
      const store = {
        get: (k) => kv.get(k),
        put: (k, v) => {
          const why = new Error(`KV put failed for ${k} = ${v}`);
          if (mode === "throw") throw why;
          if (mode === "reject-string") return Promise.reject(`quota exceeded for ${v}`);
          return Promise.reject(why);
        },
      };
      return exchange(args.token, { store });
    }
    case "exchange-get-fails": {
      const store = {
        get: args.mode === "throw" ? () => { throw new Error("KV get failed"); } : () => Promise.reject(new Error("KV get failed")),
        put: (k, v, o) => kv.put(k, v, o),
      };
      return exchange(args.token, { store });
    }
    default:
      throw new Error(`no kv route ${route}`);
  }
}
