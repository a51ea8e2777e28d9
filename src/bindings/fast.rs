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
#[cfg(feature = "caisson")]
use crate::{caisson, scan::scan_id_check};
#[cfg(feature = "goldstar")]
use crate::{goldstar, scan::scan_outcome};

#[wasm_bindgen(module = "/src/bindings/build.js")]
extern "C" {
    #[wasm_bindgen(js_name = setInterpretation)]
    fn set_interpretation(qualifier: bool, index: u8, json: &str);
    #[cfg(feature = "caisson")]
    #[wasm_bindgen(catch, js_name = buildIdCheck)]
    fn build_id_check(body: &[u8], reasons: &[u8]) -> Result<JsValue, JsValue>;
    #[cfg(feature = "goldstar")]
    #[wasm_bindgen(catch, js_name = buildOutcome)]
    fn build_outcome(body: &[u8], status: u8, qualifiers: &[u8]) -> Result<JsValue, JsValue>;
}

// Which interpretations `build.js` has (sent on first use, each once: a
// cold start pays for the few a result uses, not for all 162).
#[cfg(feature = "caisson")]
thread_local! {
    static SENT_REASONS: Cell<u32> = const { Cell::new(0) };
}
#[cfg(feature = "goldstar")]
thread_local! {
    static SENT_QUALIFIERS: Cell<[u64; 3]> = const { Cell::new([0; 3]) };
}

#[cfg(feature = "caisson")]
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

#[cfg(feature = "goldstar")]
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

#[cfg(feature = "caisson")]
/// `GET /v1/idcheck` into an `IdCheckResult` object, or the error.
pub fn id_check(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if !caisson::success_preconditions(status, headers) {
        return id_check_full(status, headers, body);
    }
    let mut reasons = Vec::new();
    if scan_id_check(body, &mut reasons).is_none() {
        return id_check_full(status, headers, body);
    }
    send_reasons(&reasons);
    match build_id_check(body, &reasons) {
        Ok(v) => Ok(v),
        Err(_) => id_check_full(status, headers, body),
    }
}

/// The full validator and its JSON-text result, kept out of [`id_check`]:
/// V8 compiles a wasm function on its first call, and with the fallback
/// inlined every cold start compiled it (about 7 KB after wasm-opt) for
/// nothing. Several call sites on purpose: wasm-opt inlines a function called
/// from one place whatever its size, `#[inline(never)]` only binds LLVM.
#[cfg(feature = "caisson")]
#[cold]
#[inline(never)]
fn id_check_full(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    to_js_value(Api::Caisson, &caisson::parse_id_check(status, headers, body)?)
}

#[cfg(feature = "goldstar")]
/// A verify-identity or verify-answers answer into a `VerifyOutcome` object, or the error.
pub fn outcome(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if !goldstar::success_preconditions(status, headers) {
        return outcome_full(status, headers, body);
    }
    let stripped = goldstar::strip_bom(body);
    let mut qualifiers = Vec::new();
    let Some(st) = scan_outcome(stripped, &mut qualifiers) else {
        return outcome_full(status, headers, body);
    };
    send_qualifiers(&qualifiers);
    match build_outcome(stripped, st as u8, &qualifiers) {
        Ok(v) => Ok(v),
        Err(_) => outcome_full(status, headers, body),
    }
}

/// The full validator for [`outcome`], out of line (see [`id_check_full`]).
#[cfg(feature = "goldstar")]
#[cold]
#[inline(never)]
fn outcome_full(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    to_js_value(Api::Goldstar, &goldstar::parse_verify_identity(status, headers, body)?)
}
