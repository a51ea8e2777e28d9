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
