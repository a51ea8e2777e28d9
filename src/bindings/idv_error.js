// IdvError: the one error class of idv-edge. A real Error subclass, so
// `instanceof IdvError` and `instanceof Error` both hold. Built by the Rust
// side (src/bindings/mod.rs); never holds a key or a value from a body, but
// for `description` (Caisson's text for its code), which is kept out of JSON.
export class IdvError extends Error {
  constructor(message, props) {
    super(message);
    this.name = "IdvError";
    this.code = props.code;
    this.api = props.api;
    this.status = props.status;
    this.retryable = props.retryable;
    this.field = props.field;
    this.fields = props.fields;
    // The server's own text: readable, but not enumerable, so that
    // JSON.stringify(err), console.log and structured loggers (which walk
    // enumerable properties) never copy text from a response body.
    Object.defineProperty(this, "description", {
      value: props.description, enumerable: false, writable: true, configurable: true,
    });
    this.retryAfterMs = props.retryAfterMs;
  }
}
