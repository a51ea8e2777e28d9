// IdvError: the one error class of idv-edge. A real Error subclass, so
// `instanceof IdvError` and `instanceof Error` both hold. Built by the Rust
// side (src/bindings/mod.rs); never holds a key or a value from a body.
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
    this.description = props.description;
    this.retryAfterMs = props.retryAfterMs;
  }
}
