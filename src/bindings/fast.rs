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
    #[wasm_bindgen(js_name = setInterpretation)]
    fn set_interpretation(qualifier: bool, index: u8, json: &str);
    #[wasm_bindgen(catch, js_name = buildIdCheck)]
    fn build_id_check(body: &[u8], reasons: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildOutcome)]
    fn build_outcome(body: &[u8], status: u8, qualifiers: &[u8]) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// Which interpretations `build.js` has (sent on first use, each once:
    /// a cold start pays for the few a result uses, not for all 162).
    static SENT_REASONS: Cell<u32> = const { Cell::new(0) };
    static SENT_QUALIFIERS: Cell<[u64; 3]> = const { Cell::new([0; 3]) };
}

/// Hands `build.js` the reason interpretations `indices` name that it lacks.
fn send_reasons(indices: &[u8]) {
    for &i in indices {
        let bit = 1u32 << i;
        if SENT_REASONS.with(Cell::get) & bit == 0 {
            if let Some(r) = caisson::reason_interpretation(i) {
                set_interpretation(false, i, &crate::json_write::to_json(&r));
            }
            SENT_REASONS.with(|s| s.set(s.get() | bit));
        }
    }
}

/// Hands `build.js` the qualifier interpretations `indices` name that it lacks.
fn send_qualifiers(indices: &[u8]) {
    for &i in indices {
        let (word, bit) = (usize::from(i / 64), 1u64 << (i % 64));
        let mut sent = SENT_QUALIFIERS.with(Cell::get);
        if sent[word] & bit == 0 {
            if let Some(q) = goldstar::qualifier_interpretation(usize::from(i)) {
                set_interpretation(true, i, &crate::json_write::to_json(&q));
            }
            sent[word] |= bit;
            SENT_QUALIFIERS.with(|s| s.set(sent));
        }
    }
}

/// `GET /v1/idcheck` into an `IdCheckResult` object, or the error.
pub fn id_check(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if caisson::success_preconditions(status, headers) {
        let mut reasons = Vec::new();
        if scan_id_check(body, &mut reasons).is_some() {
            send_reasons(&reasons);
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
            send_qualifiers(&qualifiers);
            if let Ok(v) = build_outcome(body, st as u8, &qualifiers) {
                return Ok(v);
            }
        }
    }
    to_js_value(Api::Goldstar, &goldstar::parse_verify_identity(status, headers, body)?)
}
