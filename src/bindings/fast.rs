//! The JS side of the two hot validators: [`crate::scan`] checks the body in
//! wasm and records where each value is, then `build.js` decodes the body once
//! and builds the result from those places, adding the interpretations by
//! index. A body the scan is not sure of goes through the full validator (its
//! result crosses as JSON text, its error as an `IdvError`).
//!
//! Measured against the earlier path (serde_json tree, typed result,
//! serde-wasm-bindgen building the object): see `bench/README.md`.

#[cfg(feature = "caisson")]
use std::sync::atomic::AtomicU32;
#[cfg(feature = "goldstar")]
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::Relaxed;

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
    // Answers `undefined`; declared as answering a value so that the import
    // shares the signature of the two below (one wrapper fewer for V8 to
    // compile at start-up; see bench/README.md).
    #[wasm_bindgen(js_name = setInterpretation)]
    fn set_interpretation(qualifier: bool, index: u8, json: &str) -> JsValue;
    // The full validator's IdCheckResult with `reasons` as buildIdCheck gives
    // them (a non-enumerable `[]` where the body had none); answers it. Never
    // throws, as the two below.
    #[cfg(feature = "caisson")]
    #[wasm_bindgen(js_name = fillReasons)]
    fn fill_reasons(result: &JsValue) -> JsValue;
    // No `catch`: these answer `undefined` instead of throwing (wasm-bindgen's
    // catch wrapper cost about 0.25 us a call).
    #[cfg(feature = "caisson")]
    #[wasm_bindgen(js_name = buildIdCheck)]
    fn build_id_check(body: &[u8], slots: &[u32]) -> JsValue;
    #[cfg(feature = "goldstar")]
    #[wasm_bindgen(js_name = buildOutcome)]
    fn build_outcome(body: &[u8], slots: &[u32]) -> JsValue;
}

// Which interpretations `build.js` has (sent on first use, each once: a
// cold start pays for the few a result uses, not for all 162).
// Atomics, not `thread_local!` cells: the same plain loads and stores on
// this single-threaded target, without the thread-local machinery.
#[cfg(feature = "caisson")]
static SENT_REASONS: AtomicU32 = AtomicU32::new(0);
#[cfg(feature = "goldstar")]
static SENT_QUALIFIERS: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

#[cfg(feature = "caisson")]
/// Hands `build.js` the reason interpretations `indices` name that it lacks.
fn send_reasons(indices: impl Iterator<Item = u8>) {
    for i in indices {
        let bit = 1u32.checked_shl(u32::from(i)).unwrap_or(0);
        if SENT_REASONS.load(Relaxed) & bit == 0 {
            if let Some(r) = caisson::reason_interpretation(i) {
                let _ = set_interpretation(false, i, &crate::json_write::to_json(&r));
            }
            SENT_REASONS.fetch_or(bit, Relaxed);
        }
    }
}

#[cfg(feature = "goldstar")]
/// Hands `build.js` the qualifier interpretations `indices` name that it lacks.
fn send_qualifiers(indices: impl Iterator<Item = u8>) {
    for i in indices {
        let (word, bit) = (usize::from(i / 64), 1u64 << (i % 64));
        let Some(w) = SENT_QUALIFIERS.get(word) else { continue };
        if w.load(Relaxed) & bit == 0 {
            if let Some(q) = goldstar::qualifier_interpretation(usize::from(i)) {
                let _ = set_interpretation(true, i, &crate::json_write::to_json(&q));
            }
            w.fetch_or(bit, Relaxed);
        }
    }
}

/// Room for the slots of a doc-sized answer (one allocation, no growth).
pub(crate) const SLOTS: usize = 128;

/// The interpretation indices among `slots`: `slots[count]` records of
/// `len` slots from `first`, the index the first slot of each.
fn indices(slots: &[u32], count: usize, first: usize, len: usize) -> impl Iterator<Item = u8> + '_ {
    let n = slots.get(count).filter(|&&n| n != crate::scan::ABSENT).map_or(0, |&n| n as usize);
    slots.get(first..).unwrap_or_default().chunks(len).take(n).filter_map(|r| r.first().and_then(|&i| u8::try_from(i).ok()))
}

#[cfg(feature = "caisson")]
/// `GET /v1/idcheck` into an `IdCheckResult` object, or the error.
pub fn id_check(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if !caisson::success_preconditions(status, headers) {
        return id_check_full(status, headers, body);
    }
    use crate::scan::id_check_slots as at;
    let stripped = crate::json::strip_bom(body);
    let mut slots = Vec::with_capacity(SLOTS);
    if scan_id_check(stripped, &mut slots).is_none() {
        return id_check_full(status, headers, body);
    }
    // The second of each reason's slots is its interpretation.
    send_reasons(indices(&slots, at::REASON_COUNT, at::REASONS + 1, at::REASON_LEN));
    match build_id_check(stripped, &slots) {
        v if v.is_undefined() => id_check_full(status, headers, body),
        v => Ok(v),
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
    Ok(fill_reasons(&to_js_value(Api::Caisson, &caisson::parse_id_check(status, headers, body)?)?))
}

#[cfg(feature = "goldstar")]
/// A verify-identity or verify-answers answer into a `VerifyOutcome` object, or the error.
pub fn outcome(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    if !goldstar::success_preconditions(status, headers) {
        return outcome_full(status, headers, body);
    }
    use crate::scan::outcome_slots as at;
    let stripped = crate::json::strip_bom(body);
    let mut slots = Vec::with_capacity(SLOTS);
    if scan_outcome(stripped, &mut slots).is_none() {
        return outcome_full(status, headers, body);
    }
    if let Some(&list) = slots.get(at::QUALIFIERS_AT).filter(|&&list| list != crate::scan::ABSENT) {
        let list = list as usize;
        send_qualifiers(indices(&slots, list, list.saturating_add(1), at::QUALIFIER_LEN));
    }
    match build_outcome(stripped, &slots) {
        v if v.is_undefined() => outcome_full(status, headers, body),
        v => Ok(v),
    }
}

/// The full validator for [`outcome`], out of line (see [`id_check_full`]).
#[cfg(feature = "goldstar")]
#[cold]
#[inline(never)]
fn outcome_full(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    to_js_value(Api::Goldstar, &goldstar::parse_verify_identity(status, headers, body)?)
}
