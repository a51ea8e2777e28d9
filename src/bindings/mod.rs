//! JavaScript bindings (wasm only): the clients, the free functions, the
//! Sandbox, and the bridge from [`IdvError`] to the JS `IdvError` class.

#[cfg(feature = "client")]
mod caisson;
#[cfg(feature = "bench")]
mod bench;
#[cfg(feature = "client")]
pub(crate) mod fast;
#[cfg(feature = "client")]
mod goldstar;
mod options;
#[cfg(feature = "sandbox")]
mod sandbox;
#[cfg(feature = "client")]
mod store;

#[cfg(feature = "client")]
pub use caisson::{assess_id_check, describe_caisson_reason, CaissonClient};
#[cfg(feature = "client")]
pub use goldstar::{describe_goldstar_qualifier, GoldstarClient};
#[cfg(feature = "sandbox")]
pub use sandbox::JsSandbox;

use js_sys::{Array, Reflect};
#[cfg(feature = "client")]
use crate::json_write::{to_json, ToJson};
use wasm_bindgen::prelude::*;

#[cfg(feature = "client")]
use crate::error::ErrorCode;
use crate::error::{Api, IdvError};

#[wasm_bindgen(module = "/src/bindings/idv_error.js")]
extern "C" {
    /// The JS class (a real `Error` subclass).
    #[wasm_bindgen(js_name = IdvError, extends = js_sys::Error)]
    pub type JsIdvError;

    #[wasm_bindgen(constructor, js_class = IdvError)]
    fn new(message: &str, props: &JsValue) -> JsIdvError;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR_CODES: &str = r#"
/** Every `IdvError.code`. */
export type IdvErrorCode =
  | "INVALID_ARGUMENT" | "BROWSER_NOT_ALLOWED" | "UNAUTHORIZED" | "NOT_FOUND"
  | "UNPROCESSABLE" | "BAD_REQUEST" | "RATE_LIMITED"
  | "IDCHECK_EXPIRED" | "IDCHECK_DELETED" | "INVALID_INPUT" | "NOT_VERIFIED"
  | "PENDING_REVIEW" | "INTERNAL_ERROR" | "SERVER_ERROR" | "TIMEOUT" | "NETWORK"
  | "INVALID_RESPONSE";
"#;

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn opt_str(v: &Option<String>) -> JsValue {
    v.as_deref().map(JsValue::from_str).unwrap_or(JsValue::UNDEFINED)
}

/// Turns an [`IdvError`] into a thrown JS `IdvError`.
pub fn to_js_error(e: &IdvError) -> JsValue {
    let props = js_sys::Object::new();
    set(&props, "code", &JsValue::from_str(e.code.as_str()));
    set(&props, "api", &JsValue::from_str(e.api.as_str()));
    set(&props, "status", &e.status.map(JsValue::from).unwrap_or(JsValue::UNDEFINED));
    set(&props, "retryable", &JsValue::from_bool(e.retryable));
    set(&props, "field", &opt_str(&e.field));
    let fields: Array = e.fields.iter().map(|f| JsValue::from_str(f)).collect();
    set(&props, "fields", &fields);
    set(&props, "description", &opt_str(&e.description));
    set(
        &props,
        "retryAfterMs",
        &e.retry_after_ms.map(|ms| JsValue::from_f64(ms as f64)).unwrap_or(JsValue::UNDEFINED),
    );
    JsIdvError::new(&e.to_string(), &props).into()
}

/// Is `value` an instance of the package's `IdvError` class? (For tests.)
#[doc(hidden)]
#[wasm_bindgen(js_name = "__isIdvError", skip_typescript)]
pub fn is_idv_error(value: &JsValue) -> bool {
    value.is_instance_of::<JsIdvError>()
}

#[cfg(feature = "client")]
/// Serializes a result into a plain JS object (no Maps, `None` fields left out).
///
/// The value crosses as JSON text and one `JSON.parse` builds it: smaller and
/// faster than serde-wasm-bindgen's property-by-property building (see the
/// README's Performance section), and the same object (`None` fields without
/// `skip_serializing_if` become `null`, as with `json_compatible()`). The text
/// is [`crate::json_write`]'s, byte for byte serde_json's, without serde's
/// serializer in the wasm.
pub fn to_js_value(api: Api, value: &dyn ToJson) -> Result<JsValue, IdvError> {
    let failed = || IdvError::new(api, ErrorCode::InvalidResponse).with_message("result could not be converted");
    js_sys::JSON::parse(&to_json(value)).map_err(|_| failed())
}

#[cfg(feature = "client")]
/// [`to_js_value`] for synchronous exports, which throw.
pub fn to_js(api: Api, value: &dyn ToJson) -> Result<JsValue, JsValue> {
    to_js_value(api, value).js()
}

#[cfg(feature = "client")]
/// The Promise of one asynchronous client operation. `prepared` is its
/// synchronous part (arguments checked, request built): an error there
/// rejects the Promise, as a failure inside the operation would. Every
/// operation runs through this one async function, so the wasm holds one
/// state machine for all of them instead of one per method.
pub fn start(
    api: Api,
    transport: &crate::transport::Transport,
    prepared: Result<(crate::transport::Job, Option<store::Pending>), IdvError>,
    parse: crate::transport::Parse,
) -> js_sys::Promise {
    let (job, pending) = match prepared {
        Ok(p) => p,
        Err(e) => return js_sys::Promise::reject(&to_js_error(&e)),
    };
    let transport = transport.clone();
    wasm_bindgen_futures::future_to_promise(async move {
        operate(api, &transport, job, pending, parse).await.map_err(|e| to_js_error(&e))
    })
}

#[cfg(feature = "client")]
/// Runs one client operation: with a [`store::Pending`] exchange, the store is asked
/// first and written after a successful exchange (before the result is returned).
async fn operate(
    api: Api,
    transport: &crate::transport::Transport,
    job: crate::transport::Job,
    pending: Option<store::Pending>,
    parse: crate::transport::Parse,
) -> Result<JsValue, IdvError> {
    if let Some(p) = &pending {
        if let Some(check_id) = p.store.get(&p.token).await? {
            return to_js_value(api, &crate::caisson::ExchangeTokenResult { check_id });
        }
    }
    let result = transport.run(api, job, parse).await?;
    if let Some(p) = &pending {
        // The exchange parser's result: `{ check_id }`, a checked check id.
        let check_id = Reflect::get(&result, &JsValue::from_str("check_id")).ok().and_then(|v| v.as_string());
        if let Some(check_id) = check_id {
            p.store.put(&p.token, &check_id).await?;
        }
    }
    Ok(result)
}

#[cfg(feature = "client")]
/// A string argument, or `INVALID_ARGUMENT` on `field`.
pub fn string_arg(api: Api, value: &JsValue, field: &str) -> Result<String, IdvError> {
    value.as_string().ok_or_else(|| IdvError::invalid_argument(api, field, "must be a string"))
}

#[cfg(feature = "client")]
/// Is this a browser page or a browser worker (where a secret key would be
/// exposed)? Server runtimes (Node, Deno, workerd, Vercel Edge) are not.
pub fn in_browser() -> bool {
    let global = js_sys::global();
    let has = |name: &str| {
        Reflect::get(&global, &JsValue::from_str(name)).map(|v| !v.is_undefined()).unwrap_or(false)
    };
    let user_agent = Reflect::get(&global, &JsValue::from_str("navigator"))
        .ok()
        .filter(|n| n.is_object())
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("userAgent")).ok())
        .and_then(|u| u.as_string())
        .unwrap_or_default();
    let server_ua = ["Cloudflare-Workers", "Deno/", "Node.js", "Bun/"].iter().any(|p| user_agent.starts_with(p));
    if server_ua || has("Deno") || has("process") && !has("document") {
        return false;
    }
    let page = has("window") && has("document");
    // A dedicated, shared or service worker in a browser.
    let worker = has("WorkerGlobalScope") && has("importScripts") && has("location");
    page || worker
}

#[cfg(feature = "client")]
/// `BROWSER_NOT_ALLOWED` unless allowed, where [`in_browser`] holds.
pub fn refuse_browser(api: Api, allow: bool) -> Result<(), JsValue> {
    if !allow && in_browser() {
        return Err(to_js_error(&IdvError::new(api, ErrorCode::BrowserNotAllowed)));
    }
    Ok(())
}

/// Epoch milliseconds from a `now`-style value: a `Date`, an RFC 3339 string
/// or epoch milliseconds; `undefined` is the real clock.
pub fn now_from(api: Api, field: &str, value: &JsValue) -> Result<i64, IdvError> {
    let bad = || IdvError::invalid_argument(api, field, "must be a Date, an RFC 3339 string or epoch milliseconds");
    if value.is_undefined() || value.is_null() {
        return Ok(js_sys::Date::now() as i64);
    }
    if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        let t = d.get_time();
        return if t.is_finite() { Ok(t as i64) } else { Err(bad()) };
    }
    if let Some(n) = value.as_f64() {
        return if n.is_finite() && n.abs() < 8.64e15 { Ok(n as i64) } else { Err(bad()) };
    }
    if let Some(s) = value.as_string() {
        return crate::time::parse_rfc3339_ms(&s).ok_or_else(bad);
    }
    Err(bad())
}

/// `Result<T, IdvError>` into `Result<T, JsValue>` (a thrown `IdvError`).
pub trait IntoJsResult<T> {
    fn js(self) -> Result<T, JsValue>;
}

impl<T> IntoJsResult<T> for Result<T, IdvError> {
    fn js(self) -> Result<T, JsValue> {
        self.map_err(|e| to_js_error(&e))
    }
}
