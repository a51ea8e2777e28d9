//! The few global JavaScript functions the transport needs, bound by name so
//! they resolve in every runtime (browser, worker, workerd, Deno, Node).

use js_sys::Function;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `setTimeout(handler, ms, arg)`: `arg` is passed to `handler`.
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout_with_arg(handler: &Function, ms: f64, arg: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(handle: &JsValue);
}
