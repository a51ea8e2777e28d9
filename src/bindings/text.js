// Is a string well-formed UTF-16 (no lone surrogate)? wasm-bindgen hands a
// string to Rust with U+FFFD in place of a lone surrogate, so a name would be
// sent altered without a word; src/bindings/options.rs asks this only when
// the text it got holds a U+FFFD. One import of a signature the wasm has
// anyway (see date.js). A runtime without isWellFormed (Node < 20) answers true.
export function wellFormed(value) {
  return typeof value !== "string" || typeof value.isWellFormed !== "function" || value.isWellFormed();
}
