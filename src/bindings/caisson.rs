//! `CaissonClient`, `describeCaissonReason`, `assessIdCheck`.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::options::{common, Opts};
use super::{now_from, read, refuse_browser, start, Op, to_js, to_js_error, to_js_value, IntoJsResult};
use serde_json::{Map, Value};

use crate::caisson::{self, Address, Caisson, Confidence, IdCheckResult, Info, Level, Policy};
use crate::error::{Api, IdvError};
use crate::http::{Headers, HttpRequest};
use crate::transport::{Call, Transport};

const API: Api = Api::Caisson;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** Options of `new CaissonClient(...)`. */
export interface CaissonClientOptions extends CommonClientOptions {
  /** Default `https://api.caisson.com`; https only (http for localhost, 127.0.0.1, [::1]). */
  baseUrl?: string | undefined;
}
/** An optional result field to ask for. */
export type CaissonField = "sex" | "dob" | "address" | "expires_on";
/** Options of `getIdCheck`. */
export interface GetIdCheckOptions extends CallOptions {
  fields?: readonly CaissonField[] | undefined;
}
/** Options of `getIdCheckRequest`: no `signal` (pass yours to your own fetch). */
export interface IdCheckRequestOptions {
  fields?: readonly CaissonField[] | undefined;
  signal?: undefined;
}
/** Options of `parseIdCheck`. */
export interface ParseIdCheckOptions {
  /** The check you asked for: a result for another is `INVALID_RESPONSE` on `check_id`. */
  checkId?: string | undefined;
}
/** Where `exchangeToken` keeps the check id it got (Cloudflare KV as it is; a Map or Deno KV through a small wrapper). */
export interface ExchangeStore {
  get(key: string): Promise<string | null | undefined> | string | null | undefined;
  put(key: string, value: string, options?: unknown): Promise<unknown> | unknown;
}
export interface ExchangeTokenOptions extends CallOptions {
  store?: ExchangeStore | undefined;
}
export interface AssessPolicy {
  /** Lowest document confidence approved (default "high"). */
  minDocument?: Level | undefined;
  /** Lowest face confidence approved (default "high"). */
  minFace?: Level | undefined;
  /** The customer id you gave the button; a different one declines. */
  expectedCustomerId?: string | undefined;
  /** Results older than this decline as stale. */
  maxAgeSeconds?: number | undefined;
  /** The time to judge against: a Date, an RFC 3339 string or epoch milliseconds. */
  now?: Date | string | number | undefined;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "CaissonClientOptions")]
    pub type CaissonClientOptions;
    #[wasm_bindgen(typescript_type = "GetIdCheckOptions")]
    pub type GetIdCheckOptions;
    #[wasm_bindgen(typescript_type = "IdCheckRequestOptions")]
    pub type IdCheckRequestOptions;
    #[wasm_bindgen(typescript_type = "ExchangeTokenOptions")]
    pub type ExchangeTokenOptions;
    #[wasm_bindgen(typescript_type = "AssessPolicy")]
    pub type AssessPolicy;
}

struct Inner {
    core: Caisson,
    transport: Transport,
}

/// A Caisson ID Check client for server-side code. Holds the secret key.
#[wasm_bindgen]
pub struct CaissonClient {
    inner: Rc<Inner>,
}

fn string_arg(value: &JsValue, field: &str) -> Result<String, IdvError> {
    super::string_arg(API, value, field)
}

impl CaissonClient {
    /// The request of `getIdCheck` and `getIdCheckRequest`: the check id,
    /// then the options (`names`: those the method takes) and their `fields`.
    fn id_check_request<'a>(&self, check_id: &JsValue, options: &'a JsValue, names: &[&str]) -> Result<(HttpRequest, Opts<'a>), IdvError> {
        let check_id = string_arg(check_id, "checkId")?;
        let opts = Opts::new(API, options, "options")?;
        opts.only("options", names)?;
        let fields = caisson::parse_fields(&opts.opt_string_array("fields")?.unwrap_or_default())?;
        Ok((self.inner.core.get_id_check_request(&check_id, &fields)?, opts))
    }
}

#[wasm_bindgen]
impl CaissonClient {
    /// Throws `INVALID_ARGUMENT` for a bad option and `BROWSER_NOT_ALLOWED` in
    /// a browser unless `dangerouslyAllowBrowser` is set.
    #[wasm_bindgen(constructor)]
    pub fn new(options: CaissonClientOptions) -> Result<CaissonClient, JsValue> {
        let value: JsValue = options.into();
        let opts = Opts::new(API, &value, "options").js()?;
        let [a, b, c, d, e] = super::options::COMMON;
        opts.only("options", &[a, b, c, d, e, "baseUrl"]).js()?;
        let c = common(&opts).js()?;
        refuse_browser(API, c.allow_browser)?;
        let base_url = opts.opt_string("baseUrl").js()?;
        let core = Caisson::new(&c.api_key, base_url.as_deref()).js()?;
        crate::transport::check_idna_host(API, "baseUrl", core.base_url()).js()?;
        Ok(CaissonClient { inner: Rc::new(Inner { core, transport: c.transport }) })
    }

    /// Exchanges the button's `check_exchange_token` for a permanent `check_id`.
    /// Retried on network faults, timeouts, 408, 429, 5xx and INTERNAL_ERROR
    /// (the doc's 5-minute grace makes a repeat safe).
    #[wasm_bindgen(js_name = exchangeToken, unchecked_return_type = "Promise<ExchangeTokenResult>")]
    pub fn exchange_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        options: Option<ExchangeTokenOptions>,
    ) -> Promise {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let prepared = (|| {
            let token = string_arg(&token, "token")?;
            let request = self.inner.core.exchange_token_request(&token)?;
            let opts = Opts::new(API, &options, "options")?;
            opts.only("options", &["store", "signal"])?;
            let signal = opts.signal()?;
            let stored = super::store::Pending::from_options(&opts, &token)?;
            Ok(Call { request, stored: stored.map_or(JsValue::UNDEFINED, super::store::Pending::into_js), signal })
        })();
        start(&self.inner.transport, prepared, Op::Exchange)
    }

    /// Fetches the result of an ID check. `fields` adds optional fields.
    #[wasm_bindgen(js_name = getIdCheck, unchecked_return_type = "Promise<IdCheckResult>")]
    pub fn get_id_check(
        &self,
        #[wasm_bindgen(js_name = checkId, unchecked_param_type = "string")] check_id: JsValue,
        options: Option<GetIdCheckOptions>,
    ) -> Promise {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let prepared = (|| {
            let (request, opts) = self.id_check_request(&check_id, &options, &["fields", "signal"])?;
            Ok(Call { request, stored: JsValue::UNDEFINED, signal: opts.signal()? })
        })();
        start(&self.inner.transport, prepared, Op::IdCheck)
    }

    /// The exchange request as a web `Request`; nothing is sent.
    #[wasm_bindgen(js_name = exchangeTokenRequest, unchecked_return_type = "Request")]
    pub fn exchange_token_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    ) -> Result<JsValue, JsValue> {
        let token = string_arg(&token, "token").js()?;
        let request = self.inner.core.exchange_token_request(&token).js()?;
        crate::transport::to_web_request(API, &request).js()
    }

    /// The result request as a web `Request`; nothing is sent.
    #[wasm_bindgen(js_name = getIdCheckRequest, unchecked_return_type = "Request")]
    pub fn get_id_check_request(
        &self,
        #[wasm_bindgen(js_name = checkId, unchecked_param_type = "string")] check_id: JsValue,
        options: Option<IdCheckRequestOptions>,
    ) -> Result<JsValue, JsValue> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let (request, _) = self.id_check_request(&check_id, &options, &["fields"]).js()?;
        crate::transport::to_web_request(API, &request).js()
    }

    /// Validates an exchange `Response` you sent yourself.
    #[wasm_bindgen(js_name = parseExchangeToken, unchecked_return_type = "Promise<ExchangeTokenResult>")]
    pub fn parse_exchange_token(&self, response: web_sys::Response) -> Promise {
        read(&self.inner.transport, response.into(), Op::Exchange, &JsValue::UNDEFINED)
    }

    /// Validates a result `Response` you sent yourself. With `checkId` (the
    /// check you asked for), the result must be that check's.
    #[wasm_bindgen(js_name = parseIdCheck, unchecked_return_type = "Promise<IdCheckResult>")]
    pub fn parse_id_check(
        &self,
        response: web_sys::Response,
        #[wasm_bindgen(unchecked_optional_param_type = "ParseIdCheckOptions | null")] options: Option<JsValue>,
    ) -> Promise {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let check_id = (|| {
            let opts = Opts::new(API, &options, "options")?;
            opts.only("options", &["checkId"])?;
            let Some(check_id) = opts.opt_string("checkId")? else { return Ok(JsValue::UNDEFINED) };
            caisson::check_check_id(&check_id)?;
            Ok(JsValue::from_str(&check_id))
        })();
        match check_id {
            Ok(check_id) => read(&self.inner.transport, response.into(), Op::IdCheck, &check_id),
            Err(e) => Promise::reject(&to_js_error(&e)),
        }
    }
}

/// The exchange answer into `{ check_id }`.
pub(super) fn exchange_js(status: u16, headers: &Headers, body: &[u8]) -> Result<JsValue, IdvError> {
    to_js_value(API, &caisson::parse_exchange_token(status, headers, body)?)
}

/// The meaning of a Caisson reason code, or `undefined` for an undocumented one.
#[wasm_bindgen(js_name = describeCaissonReason, unchecked_return_type = "ReasonInfo | undefined")]
pub fn describe_caisson_reason(#[wasm_bindgen(unchecked_param_type = "number")] code: JsValue) -> JsValue {
    let Some(n) = code.as_f64() else { return JsValue::UNDEFINED };
    if !n.is_finite() || n.fract() != 0.0 || n.abs() > 1e9 {
        return JsValue::UNDEFINED;
    }
    match caisson::describe_reason(n as i64) {
        Some(info) => to_js(API, &info).unwrap_or(JsValue::UNDEFINED),
        None => JsValue::UNDEFINED,
    }
}

fn level_option(opts: &Opts, key: &str) -> Result<Option<Level>, IdvError> {
    match opts.opt_string(key)? {
        None => Ok(None),
        Some(s) => Level::parse(&s)
            .map(Some)
            .ok_or_else(|| IdvError::invalid_argument(API, key, "must be \"high\", \"medium\" or \"low\"")),
    }
}

/// Approve, review or decline a result (see API.md): customer mismatch,
/// stale result and expired document decline; confidences below the minimum
/// decline at "low" and go to review at "medium".
#[wasm_bindgen(js_name = assessIdCheck, unchecked_return_type = "Assessment")]
pub fn assess_id_check(
    #[wasm_bindgen(unchecked_param_type = "IdCheckResult")] result: JsValue,
    policy: Option<AssessPolicy>,
) -> Result<JsValue, JsValue> {
    // Deserialized here, not by the ABI, so a wrong shape is an IdvError that
    // names no value (serde's own messages quote them).
    // Read through its JSON text (no serde-wasm-bindgen in the build): the
    // same fields and types are required either way.
    let bad = || to_js_error(&IdvError::invalid_argument(API, "result", "must be an IdCheckResult (the doc's shape, as getIdCheck returns it)"));
    // Bounded before it is copied (see `MAX_TEXT_UNITS`): a result parsed
    // from a 1 MiB body, its interpretations added, stays far below.
    const MAX_RESULT_UNITS: u32 = 16 << 20;
    let text = js_sys::JSON::stringify(&result)
        .ok()
        .and_then(|t| super::options::string_within(&t.into(), MAX_RESULT_UNITS))
        .and_then(Result::ok)
        .ok_or_else(bad)?;
    let result = crate::json_parse::parse_value(text.as_bytes()).ok().and_then(|v| id_check_result(&v)).ok_or_else(bad)?;
    let policy: JsValue = policy.map(Into::into).unwrap_or(JsValue::UNDEFINED);
    let opts = Opts::new(API, &policy, "policy").js()?;
    opts.only("policy", &["minDocument", "minFace", "expectedCustomerId", "maxAgeSeconds", "now"]).js()?;
    let defaults = Policy::default();
    let p = Policy {
        min_document: level_option(&opts, "minDocument").js()?.unwrap_or(defaults.min_document),
        min_face: level_option(&opts, "minFace").js()?.unwrap_or(defaults.min_face),
        expected_customer_id: opts.opt_string("expectedCustomerId").js()?,
        max_age_seconds: opts.opt_nonneg_number("maxAgeSeconds").js()?,
    };
    let now = now_from(API, "now", &opts.get("now").js()?).js()?;
    to_js(API, &caisson::assess(&result, &p, now))
}

/// An `IdCheckResult` read back from JSON as `#[derive(Deserialize)]` would
/// (required fields present and typed, `Option`s missing or null, unknown
/// fields ignored), without serde's derive and error machinery in the wasm.
/// The doc's shape is enough: `confidence.reasons` may be missing (the API
/// sends it only when a confidence is not high) and its items may be the
/// API's bare `{ code, description }`, as the assessment does not read them
/// (a result kept from the raw body, or a test fixture from the doc, passes).
fn id_check_result(v: &Value) -> Option<IdCheckResult> {
    let o = v.as_object()?;
    let c = o.get("confidence")?.as_object()?;
    let i = o.get("info")?.as_object()?;
    if opt(c, "reasons").is_some_and(|r| !r.is_array()) {
        return None;
    }
    let reasons = None;
    let address = match opt(i, "address") {
        None => None,
        Some(a) => {
            let a = a.as_object()?;
            Some(Address { street: string(a, "street")?, city: string(a, "city")?, state: string(a, "state")?, zip: string(a, "zip")? })
        }
    };
    Some(IdCheckResult {
        check_id: string(o, "check_id")?,
        customer_id: string(o, "customer_id")?,
        checked_on: string(o, "checked_on")?,
        confidence: Confidence { document: level(c, "document")?, face: level(c, "face")?, reasons },
        info: Info {
            first_name: string(i, "first_name")?,
            last_name: string(i, "last_name")?,
            sex: opt_string(i, "sex")?,
            dob: opt_string(i, "dob")?,
            expires_on: opt_string(i, "expires_on")?,
            address,
        },
    })
}

fn string(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)?.as_str().map(str::to_string)
}

/// A present, non-null value.
fn opt<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

/// `Some(None)` when missing or null, `None` when not a string.
fn opt_string(o: &Map<String, Value>, key: &str) -> Option<Option<String>> {
    match opt(o, key) {
        None => Some(None),
        Some(v) => v.as_str().map(|s| Some(s.to_string())),
    }
}

fn level(o: &Map<String, Value>, key: &str) -> Option<Level> {
    Level::parse(o.get(key)?.as_str()?)
}

