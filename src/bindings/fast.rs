//! The JS side of the two hot validators: [`crate::scan`] checks the body in
//! wasm, then `build.js` lets one `JSON.parse` build the result and adds the
//! interpretations by index. A body the scan is not sure of goes through the
//! full validator (its result crosses as JSON text, its error as an `IdvError`).
//!
//! Measured against the earlier path (serde_json tree, typed result,
//! serde-wasm-bindgen building the object): see `bench/` and the README's
//! Performance section.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use super::to_js_value;
use crate::error::{Api, IdvError};
use crate::http::Headers;
use crate::scan::{scan_id_check, scan_outcome};
use crate::{caisson, goldstar};

#[wasm_bindgen(module = "/src/bindings/build.js")]
extern "C" {
    #[wasm_bindgen(js_name = setInterpretations)]
    fn set_interpretations(reasons: &str, qualifiers: &str);
    #[wasm_bindgen(catch, js_name = buildIdCheck)]
    fn build_id_check(body: &[u8], reasons: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildOutcome)]
    fn build_outcome(body: &[u8], status: u8, qualifiers: &[u8]) -> Result<JsValue, JsValue>;
}

thread_local! {
    static TABLES_SENT: Cell<bool> = const { Cell::new(false) };
}

/// Hands the interpretation tables to `build.js`, once.
fn send_tables() {
    if TABLES_SENT.with(Cell::get) {
        return;
    }
    let reasons = serde_json::to_string(&caisson::reason_interpretations()).unwrap_or_default();
    let qualifiers = serde_json::to_string(&goldstar::qualifier_interpretations()).unwrap_or_default();
    set_interpretations(&reasons, &qualifiers);
    TABLES_SENT.with(|s| s.set(true));
}

/// `GET /v1/idcheck` into an `IdCheckResult` object, or the error.
pub fn id_check(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if caisson::success_preconditions(status, headers) {
        let mut reasons = Vec::new();
        if scan_id_check(body, &mut reasons).is_some() {
            send_tables();
            if let Ok(v) = build_id_check(body, &reasons) {
                return Ok(v);
            }
        }
    }
    to_js_value(Api::Caisson, &caisson::parse_id_check(status, headers, body)?)
}

/// A verify-identity or verify-answers answer into a `VerifyOutcome` object, or the error.
pub fn outcome(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if goldstar::success_preconditions(status, headers) {
        let body = goldstar::strip_bom(body);
        let mut qualifiers = Vec::new();
        if let Some(st) = scan_outcome(body, &mut qualifiers) {
            send_tables();
            if let Ok(v) = build_outcome(body, st as u8, &qualifiers) {
                return Ok(v);
            }
        }
    }
    to_js_value(Api::Goldstar, &goldstar::parse_verify_identity(status, headers, body)?)
}
