//! Candidate parse paths, measured side by side by `bench/` (feature `bench`,
//! never in the published package). Each takes a body already in memory
//! (status 200, JSON content type) and returns the result object.

use wasm_bindgen::prelude::*;

use super::{fast, to_js_value, IntoJsResult};
use crate::error::{Api, ErrorCode, IdvError};
use crate::http::Headers;
use crate::{caisson, goldstar, scan};

fn headers() -> Headers {
    [("Content-Type", "application/json")].into_iter().collect()
}

/// The path the client took before: serde_json tree, typed result, then
/// serde-wasm-bindgen building the object property by property.
fn swb<T: serde::Serialize>(api: Api, value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| super::to_js_error(&IdvError::new(api, ErrorCode::InvalidResponse)))
}

#[wasm_bindgen(js_name = benchIdCheckNaive)]
pub fn id_check_naive(body: &[u8]) -> Result<JsValue, JsValue> {
    swb(Api::Caisson, &caisson::parse_id_check(200, &headers(), body).js()?)
}

/// The full validator, its typed result crossing as JSON text (the fallback path).
#[wasm_bindgen(js_name = benchIdCheckTypedJson)]
pub fn id_check_typed_json(body: &[u8]) -> Result<JsValue, JsValue> {
    to_js_value(Api::Caisson, &caisson::parse_id_check(200, &headers(), body).js()?).js()
}

/// The scan alone (validation without building anything).
#[wasm_bindgen(js_name = benchIdCheckScan)]
pub fn id_check_scan(body: &[u8]) -> bool {
    scan::scan_id_check(body, &mut Vec::with_capacity(fast::SLOTS)).is_some()
}

/// The full validator alone (serde_json tree and typed result, nothing built in JS).
#[wasm_bindgen(js_name = benchIdCheckValidate)]
pub fn id_check_validate(body: &[u8]) -> bool {
    caisson::parse_id_check(200, &headers(), body).is_ok()
}

/// The shipped path: scan, then one JSON.parse in JS.
#[wasm_bindgen(js_name = benchIdCheckFast)]
pub fn id_check_fast(body: &[u8]) -> Result<JsValue, JsValue> {
    fast::id_check(200, &headers(), body).js()
}

#[wasm_bindgen(js_name = benchOutcomeNaive)]
pub fn outcome_naive(body: &[u8]) -> Result<JsValue, JsValue> {
    swb(
        Api::Goldstar,
        &goldstar::parse_verify_identity(200, &headers(), body).js()?,
    )
}

#[wasm_bindgen(js_name = benchOutcomeTypedJson)]
pub fn outcome_typed_json(body: &[u8]) -> Result<JsValue, JsValue> {
    to_js_value(
        Api::Goldstar,
        &goldstar::parse_verify_identity(200, &headers(), body).js()?,
    )
    .js()
}

#[wasm_bindgen(js_name = benchOutcomeScan)]
pub fn outcome_scan(body: &[u8]) -> bool {
    scan::scan_outcome(body, &mut Vec::with_capacity(fast::SLOTS)).is_some()
}

#[wasm_bindgen(js_name = benchOutcomeValidate)]
pub fn outcome_validate(body: &[u8]) -> bool {
    goldstar::parse_verify_identity(200, &headers(), body).is_ok()
}

#[wasm_bindgen(js_name = benchOutcomeFast)]
pub fn outcome_fast(body: &[u8]) -> Result<JsValue, JsValue> {
    fast::outcome(200, &headers(), body).js()
}

/// serde_json's tree alone (what the full validator used before src/json_parse.rs).
#[wasm_bindgen(js_name = benchTreeSerdeJson)]
pub fn tree_serde_json(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body).is_ok()
}

/// src/json_parse.rs's tree alone (the same `Value`, the same errors).
#[wasm_bindgen(js_name = benchTreeOwn)]
pub fn tree_own(body: &[u8]) -> bool {
    crate::json_parse::parse_value(body).is_ok()
}

#[wasm_bindgen(module = "/src/bindings/bench_build.js")]
extern "C" {
    #[wasm_bindgen(js_name = setBenchInterpretation)]
    fn set_bench_interpretation(qualifier: bool, index: u8, json: &str);
    #[wasm_bindgen(js_name = buildIdCheckParsed)]
    fn build_id_check_parsed(body: &[u8], slots: &[u32]) -> JsValue;
    #[wasm_bindgen(js_name = buildOutcomeParsed)]
    fn build_outcome_parsed(body: &[u8], slots: &[u32]) -> JsValue;
}

/// Fills bench_build.js's interpretation tables (call once before measuring).
#[wasm_bindgen(js_name = benchInitParsed)]
pub fn init_parsed() {
    for i in 0..=u8::MAX {
        if let Some(r) = caisson::reason_interpretation(i) {
            set_bench_interpretation(false, i, &crate::json_write::to_json(&r));
        }
        if let Some(q) = goldstar::qualifier_interpretation(usize::from(i)) {
            set_bench_interpretation(true, i, &crate::json_write::to_json(&q));
        }
    }
}

/// The candidate before the slots: `scan`, then one `JSON.parse` of the
/// whole body builds the values (`build`, in bench_build.js). Valid bodies
/// only: `undefined` where the scan says no.
fn scan_then_parse<T>(
    body: &[u8],
    scan: fn(&[u8], &mut Vec<u32>) -> Option<T>,
    build: fn(&[u8], &[u32]) -> JsValue,
) -> JsValue {
    let mut slots = Vec::with_capacity(fast::SLOTS);
    match scan(body, &mut slots) {
        Some(_) => build(body, &slots),
        None => JsValue::UNDEFINED,
    }
}

#[wasm_bindgen(js_name = benchIdCheckScanParse)]
pub fn id_check_scan_parse(body: &[u8]) -> JsValue {
    scan_then_parse(body, scan::scan_id_check, build_id_check_parsed)
}

#[wasm_bindgen(js_name = benchOutcomeScanParse)]
pub fn outcome_scan_parse(body: &[u8]) -> JsValue {
    scan_then_parse(body, scan::scan_outcome, build_outcome_parsed)
}
