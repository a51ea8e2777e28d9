// The floor of a Node cold start on this machine: what any wasm package pays
// before its own work. An ES module (a file, like the package's entry) that
// compiles and instantiates a one-function wasm module (its bytes inline, no
// file read), then a body read with `res.json()`. bench/cold-node.mjs times
// it from before the import, like idv-edge and the zod baseline.

// (module (func (export "f") (result i32) i32.const 42))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
]);
const { f } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;

/** The body as JSON, after one call into the wasm. */
export async function parse(res) {
  if (f() !== 42) throw new Error("the floor's wasm did not run");
  return res.json();
}
