// The epoch milliseconds of a Date (NaN for an invalid one); undefined for
// anything else. For `now`-style options (src/bindings/mod.rs `now_from`):
// one import whose signature the wasm has anyway, where `instanceof Date`
// and `getTime` were two, one with a signature of its own (V8 compiles a
// wrapper per distinct import signature at start-up).
// A Date is recognized by its internal slot, as `Date.prototype.getTime`
// checks it, not by `instanceof`: a Date made in another realm (`vm`, an
// iframe, jsdom) is a Date too, and a Proxy or an object that only inherits
// from Date.prototype is not. The method is taken once, at load, so a
// caller's later patch of Date.prototype changes nothing.
// Never throws (see args.js for why a throw must not cross the wasm): such a
// value is not a Date.
const getTime = Date.prototype.getTime;
export function dateMs(value) {
  try {
    return getTime.call(value);
  } catch {
    return undefined;
  }
}
