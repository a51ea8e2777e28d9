//! JavaScript bindings (wasm only): the clients, the free functions, the
//! Sandbox, and the bridge from [`IdvError`] to the JS `IdvError` class.

#[cfg(feature = "caisson")]
mod caisson;
#[cfg(feature = "bench")]
mod bench;
#[cfg(feature = "client-base")]
pub(crate) mod fast;
#[cfg(feature = "goldstar")]
mod goldstar;
mod options;
#[cfg(feature = "sandbox")]
mod sandbox;
#[cfg(feature = "caisson")]
mod store;

#[cfg(feature = "caisson")]
pub use caisson::{assess_id_check, describe_caisson_reason, CaissonClient};
#[cfg(feature = "goldstar")]
pub use goldstar::{describe_goldstar_qualifier, GoldstarClient};
#[cfg(feature = "sandbox")]
pub use sandbox::JsSandbox;

#[cfg(feature = "client-base")]
use crate::json_write::{to_json, ToJson};
use wasm_bindgen::prelude::*;

#[cfg(feature = "client-base")]
use crate::error::ErrorCode;
use crate::error::{Api, IdvError};

#[wasm_bindgen(module = "/src/bindings/idv_error.js")]
extern "C" {
    /// The JS class (a real `Error` subclass).
    #[wasm_bindgen(js_name = IdvError, extends = js_sys::Error)]
    pub type JsIdvError;

    /// `new IdvError(message, JSON.parse(props))`. Two strings, so the import
    /// has the signature of others (V8 compiles a wrapper per distinct import
    /// signature when it compiles the module; see bench/README.md).
    #[wasm_bindgen(js_name = idvError)]
    fn make_idv_error(message: &str, props: &str) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR_CODES: &str = r#"
/** Every `IdvError.code`. */
export type IdvErrorCode =
  | "INVALID_ARGUMENT" | "BROWSER_NOT_ALLOWED" | "UNAUTHORIZED" | "NOT_FOUND"
  | "UNPROCESSABLE" | "BAD_REQUEST" | "RATE_LIMITED"
  | "IDCHECK_EXPIRED" | "IDCHECK_DELETED" | "INVALID_INPUT" | "NOT_VERIFIED"
  | "PENDING_REVIEW" | "INTERNAL_ERROR" | "SERVER_ERROR" | "TIMEOUT" | "NETWORK"
  | "INVALID_RESPONSE" | "ABORTED";
"#;

/// Turns an [`IdvError`] into a thrown JS `IdvError`. Its properties cross
/// as one JSON text: `status`, `field`, `description` and `retryAfterMs` are
/// left out when absent (so `undefined` on the error), `fields` is always an array.
pub fn to_js_error(e: &IdvError) -> JsValue {
    let mut p = String::with_capacity(96);
    let mut o = crate::json_write::Obj::new(&mut p);
    o.field("code", &e.code.as_str());
    o.field("api", &e.api.as_str());
    o.skip_none("status", &e.status);
    o.field("retryable", &e.retryable);
    o.skip_none("field", &e.field);
    o.field("fields", &e.fields);
    o.skip_none("description", &e.description);
    o.skip_none("retryAfterMs", &e.retry_after_ms);
    o.end();
    make_idv_error(&e.to_string(), &p)
}

/// Is `value` an instance of the package's `IdvError` class? For the wasm
/// tests, which call it from Rust: not exported to JS (a user has `instanceof`).
#[doc(hidden)]
pub fn is_idv_error(value: &JsValue) -> bool {
    value.is_instance_of::<JsIdvError>()
}

#[cfg(feature = "client-base")]
/// Serializes a result into a plain JS object (no Maps, `None` fields left out).
///
/// The value crosses as JSON text and one `JSON.parse` builds it: smaller and
/// faster than serde-wasm-bindgen's property-by-property building (see
/// bench/README.md), and the same object (`None` fields without
/// `skip_serializing_if` become `null`, as with `json_compatible()`). The text
/// is [`crate::json_write`]'s, byte for byte serde_json's, without serde's
/// serializer in the wasm.
pub fn to_js_value(api: Api, value: &dyn ToJson) -> Result<JsValue, IdvError> {
    let failed = || IdvError::new(api, ErrorCode::InvalidResponse).with_message("result could not be converted");
    js_sys::JSON::parse(&to_json(value)).map_err(|_| failed())
}

#[cfg(feature = "client-base")]
/// [`to_js_value`] for synchronous exports, which throw.
pub fn to_js(api: Api, value: &dyn ToJson) -> Result<JsValue, JsValue> {
    to_js_value(api, value).js()
}

#[cfg(feature = "client-base")]
/// Which validator settles an asynchronous operation; with it come the API
/// and whether a repeat is safe. body.js hands it back to [`settle`] as a
/// number, so one JS function serves every operation. An API's operations
/// exist where its cargo feature is on (`idv-edge/caisson` and
/// `idv-edge/goldstar` are builds with one of them).
#[derive(Clone, Copy)]
pub enum Op {
    /// `exchangeToken`: `{ check_id }` (safe to repeat: the doc's 5-minute grace).
    #[cfg(feature = "caisson")]
    Exchange = 0,
    /// `getIdCheck`: an `IdCheckResult`.
    #[cfg(feature = "caisson")]
    IdCheck = 1,
    /// Goldstar's `ping`: the server time.
    #[cfg(feature = "goldstar")]
    Ping = 2,
    /// `verifyIdentity` and `verifyAnswers`: a `VerifyOutcome` (never repeated:
    /// a repeat could be a second billable verification).
    #[cfg(feature = "goldstar")]
    Outcome = 3,
}

#[cfg(feature = "caisson")]
/// [`settle`]'s kinds past the operations: what the store's get answered,
/// and a store fault.
const STORE_GET: u32 = 4;
#[cfg(feature = "caisson")]
const STORE_FAULT: u32 = 5;

#[cfg(feature = "client-base")]
impl Op {
    fn from_kind(kind: u32) -> Option<Op> {
        match kind {
            #[cfg(feature = "caisson")]
            0 => Some(Op::Exchange),
            #[cfg(feature = "caisson")]
            1 => Some(Op::IdCheck),
            #[cfg(feature = "goldstar")]
            2 => Some(Op::Ping),
            #[cfg(feature = "goldstar")]
            3 => Some(Op::Outcome),
            _ => None,
        }
    }

    fn spec(self) -> (Api, crate::retry::Idempotency, crate::transport::Parse) {
        #[allow(unused_imports)]
        use crate::retry::Idempotency::{Once, Safe};
        match self {
            #[cfg(feature = "caisson")]
            Op::Exchange => (Api::Caisson, Safe, caisson::exchange_js),
            #[cfg(feature = "caisson")]
            Op::IdCheck => (Api::Caisson, Safe, fast::id_check),
            #[cfg(feature = "goldstar")]
            Op::Ping => (Api::Goldstar, Safe, goldstar::ping_js),
            #[cfg(feature = "goldstar")]
            Op::Outcome => (Api::Goldstar, Once, fast::outcome),
        }
    }
}

#[cfg(feature = "client-base")]
thread_local! {
    /// [`settle`] as a JS function, made once (a wasm-bindgen closure per
    /// call would cost more than the call).
    static SETTLE: JsValue =
        Closure::<dyn FnMut(JsValue, u32, u32, u32, JsValue) -> Result<JsValue, JsValue>>::new(settle).into_js_value();
}

#[cfg(feature = "client-base")]
/// body.js's callback into the wasm: an attempt's outcome for operation
/// `kind` into the result, a delay (a number: attempt again after that many
/// ms) or a thrown `IdvError`; or, for the store kinds, the check of what its
/// get answered, or the error of its fault. `check_id`: the check a Caisson
/// result must be for (`parseIdCheck`'s `checkId`), or `undefined` (body.js's
/// `send` leaves it out).
fn settle(value: JsValue, kind: u32, attempt: u32, max_retries: u32, check_id: JsValue) -> Result<JsValue, JsValue> {
    use crate::transport::Settled;
    #[cfg(feature = "caisson")]
    if kind == STORE_GET {
        return store::check_stored(&value).js();
    }
    #[cfg(feature = "caisson")]
    if kind == STORE_FAULT {
        return Err(to_js_error(&store::fault(value.as_f64() == Some(1.0))));
    }
    let Some(op) = Op::from_kind(kind) else {
        return Err(to_js_error(&IdvError::new(Api::Caisson, ErrorCode::InvalidArgument)));
    };
    let (api, idempotency, parse) = op.spec();
    let check_id = check_id.as_string();
    match crate::transport::settle(api, &value, attempt, max_retries, idempotency, parse, check_id.as_deref()) {
        Ok(Settled::Done(v)) => Ok(v),
        Ok(Settled::Retry(ms)) => Ok(JsValue::from_f64(ms as f64)),
        Err(e) => Err(to_js_error(&e)),
    }
}

#[cfg(feature = "client-base")]
/// The Promise of one sending operation. `prepared` is its synchronous part
/// (arguments checked, request built, the store and signal read): an error
/// there rejects the Promise, as a failure inside the operation would.
pub fn start(
    transport: &crate::transport::Transport,
    prepared: Result<crate::transport::Call, IdvError>,
    op: Op,
) -> js_sys::Promise {
    let (api, _, _) = op.spec();
    let sent = prepared.and_then(|call| SETTLE.with(|settle| transport.send(api, &call, settle, op as u32)));
    sent.unwrap_or_else(|e| js_sys::Promise::reject(&to_js_error(&e)))
}

#[cfg(feature = "client-base")]
/// The Promise of a `parse*` method: the caller's Response, read and settled
/// as operation `op`'s answer (never retried); `check_id`, the check a
/// Caisson result must be for, or `undefined`.
pub fn read(transport: &crate::transport::Transport, response: JsValue, op: Op, check_id: &JsValue) -> js_sys::Promise {
    SETTLE.with(|settle| transport.read(&response, settle, op as u32, check_id))
}

#[cfg(feature = "client-base")]
/// A string argument, or `INVALID_ARGUMENT` on `field`.
pub fn string_arg(api: Api, value: &JsValue, field: &str) -> Result<String, IdvError> {
    options::text(value).ok_or("must be a string").and_then(|t| t).map_err(|rule| IdvError::invalid_argument(api, field, rule))
}

#[cfg(feature = "client-base")]
#[wasm_bindgen(module = "/src/bindings/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = inBrowser)]
    fn in_browser_js() -> bool;
}

#[cfg(feature = "client-base")]
/// Is this a browser page or a browser worker (where a secret key would be
/// exposed)? Server runtimes (Node, Deno, workerd, Vercel Edge) are not.
/// Decided in JS (`browser.js`): one crossing instead of one per global.
pub fn in_browser() -> bool {
    in_browser_js()
}

#[cfg(feature = "client-base")]
/// `BROWSER_NOT_ALLOWED` unless allowed, where [`in_browser`] holds.
pub fn refuse_browser(api: Api, allow: bool) -> Result<(), JsValue> {
    if !allow && in_browser() {
        return Err(to_js_error(&IdvError::new(api, ErrorCode::BrowserNotAllowed)));
    }
    Ok(())
}

#[wasm_bindgen(module = "/src/bindings/date.js")]
extern "C" {
    /// A Date's epoch milliseconds (NaN if invalid), `undefined` for anything else.
    #[wasm_bindgen(js_name = dateMs)]
    fn date_ms(value: &JsValue) -> JsValue;
}

/// Epoch milliseconds from a `now`-style value: a `Date`, an RFC 3339 string
/// or epoch milliseconds; `undefined` is the real clock.
pub fn now_from(api: Api, field: &str, value: &JsValue) -> Result<i64, IdvError> {
    let bad = || IdvError::invalid_argument(api, field, "must be a Date, an RFC 3339 string or epoch milliseconds");
    if value.is_undefined() || value.is_null() {
        return Ok(js_sys::Date::now() as i64);
    }
    let date = date_ms(value);
    if !date.is_undefined() {
        let t = date.as_f64().unwrap_or(f64::NAN);
        return if t.is_finite() { Ok(t as i64) } else { Err(bad()) };
    }
    if let Some(n) = value.as_f64() {
        return if n.is_finite() && n.abs() < 8.64e15 { Ok(n as i64) } else { Err(bad()) };
    }
    if let Some(s) = options::string_within(value, options::MAX_TEXT_UNITS) {
        return s.ok().and_then(|s| crate::time::parse_rfc3339_ms(&s)).ok_or_else(bad);
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
