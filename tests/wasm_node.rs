//! The wasm-bindgen suite in Node: both clients over an injected `fetch`.
//! Run with `wasm-pack test --node`. The cases live in `tests/wasm_common`
//! and run in headless Chrome too (`tests/wasm_browser.rs`).
#![cfg(target_arch = "wasm32")]

mod wasm_common;

/// Node is a server runtime: no `dangerouslyAllowBrowser`.
pub const IN_BROWSER: bool = false;

shared_tests!();

#[wasm_bindgen_test::wasm_bindgen_test]
async fn clients_build_outside_a_browser() {
    wasm_common::clients_build_outside_a_browser().await
}
