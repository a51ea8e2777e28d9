//! The wasm-bindgen suite in headless Chrome: both clients over an injected
//! `fetch`, with `dangerouslyAllowBrowser: true`. Run with
//! `wasm-pack test --headless --chrome`. The cases live in `tests/wasm_common`
//! and run in Node too (`tests/wasm_node.rs`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;

/// A browser page: every client gets `dangerouslyAllowBrowser: true`.
pub const IN_BROWSER: bool = true;

shared_tests!();

#[wasm_bindgen_test::wasm_bindgen_test]
async fn clients_refuse_a_browser_page() {
    wasm_common::clients_refuse_a_browser_page().await
}
