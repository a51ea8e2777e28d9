// IdvError: the one error class of idv-edge. A real Error subclass, so
// `instanceof IdvError` and `instanceof Error` both hold. Built by the Rust
// side (src/bindings/mod.rs); never holds a key or a value from a body, but
// for `description` (Caisson's text for its code), which is kept out of JSON.
//
// One class for every entry of the package (idv-edge, idv-edge/caisson,
// idv-edge/goldstar, the Sandbox), though scripts/build-pkg.mjs inlines this
// file into each entry's glue (a module of its own cost a Node cold start
// about 2 ms; see bench/README.md): the first glue loaded
// defines the class under a registry symbol on `globalThis`, the others find
// it there. The key carries the package version (build-pkg writes it in), so
// two versions of the package never share a class whose constructor may
// differ. Where the global cannot take the property (a frozen global), each
// glue keeps its own class, and `instanceof` still holds across them: every
// instance carries a brand (a registry symbol, so the same in every glue of
// this version) that the class's `Symbol.hasInstance` also accepts.
const KEY = Symbol.for("idv-edge.IdvError@dev");
const BRAND = Symbol.for(`${KEY.description}.brand`);
const ordinary = Function.prototype[Symbol.hasInstance];

function define() {
  return class IdvError extends Error {
    static [Symbol.hasInstance](value) {
      if (ordinary.call(this, value)) return true;
      // A subclass of a caller's keeps the ordinary rule.
      return this === IdvError && value !== null && typeof value === "object" && Object.hasOwn(value, BRAND);
    }

    // `props` is the wasm's; `new IdvError(message)` from a caller (a test
    // double, say) gets an error with no code rather than a TypeError.
    constructor(message, props) {
      super(message);
      props = props ?? {};
      this.name = "IdvError";
      this.code = props.code;
      this.api = props.api;
      this.status = props.status;
      this.retryable = props.retryable === true;
      this.field = props.field;
      this.fields = props.fields ?? [];
      // The server's own text: readable, but not enumerable, so that
      // JSON.stringify(err), console.log and structured loggers (which walk
      // enumerable properties) never copy text from a response body.
      Object.defineProperty(this, "description", {
        value: props.description, enumerable: false, writable: true, configurable: true,
      });
      this.retryAfterMs = props.retryAfterMs;
      Object.defineProperty(this, BRAND, { value: true });
    }
  };
}

function shared() {
  let found;
  try {
    found = globalThis[KEY];
  } catch {}
  if (typeof found === "function" && found.prototype instanceof Error && found.name === "IdvError") return found;
  const own = define();
  if (found === undefined) {
    try {
      // Not writable, enumerable or configurable: nothing replaces it later.
      Object.defineProperty(globalThis, KEY, { value: own });
    } catch {}
  }
  return own;
}

export const IdvError = shared();

/** The error the wasm throws: `props` is JSON text (src/bindings/mod.rs,
 * `to_js_error`), so the import takes two strings. */
export function idvError(message, props) {
  return new IdvError(message, JSON.parse(props));
}
