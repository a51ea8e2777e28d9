// The epoch milliseconds of a Date (NaN for an invalid one); undefined for
// anything else. For `now`-style options (src/bindings/mod.rs `now_from`):
// one import whose signature the wasm has anyway, where `instanceof Date`
// and `getTime` were two, one with a signature of its own (V8 compiles a
// wrapper per distinct import signature at start-up).
// Never throws (a Proxy's getPrototypeOf trap may: see args.js for why a
// throw must not cross the wasm): such a value is not a Date.
export function dateMs(value) {
  try {
    return value instanceof Date ? value.getTime() : undefined;
  } catch {
    return undefined;
  }
}
