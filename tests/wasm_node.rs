#![cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn error_is_a_real_error() {
    let e = idv_edge::bindings::to_js_error(&idv_edge::IdvError::new(idv_edge::Api::Caisson, idv_edge::ErrorCode::Timeout));
    assert!(idv_edge::bindings::is_idv_error(&e));
    assert!(e.is_instance_of::<js_sys::Error>());
}
