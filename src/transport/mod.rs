//! The fetch transport (wasm only): each attempt with a timeout and a body
//! cap, and the retry loop around a validator, run by body.js; the wasm
//! decides (validation, retry policy, errors) in [`settle`], called once per
//! attempt. There is no Rust future: see body.js for what that saved.
//!
//! Every JavaScript value that comes back is checked before use: a fetch that
//! throws, rejects with something that is not an Error, resolves to something
//! that is not a Response, or hangs, becomes a typed [`IdvError`], never a panic
//! (a panic would kill the wasm instance for every later request).
//!
//! gloo-net is not used: it binds the global `fetch` only, and the SDK must
//! call a caller-supplied `fetch` (tests, service bindings, the Sandbox).

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Api, ErrorCode, IdvError};
use crate::http::{Headers, HttpRequest, MAX_BODY_BYTES};
use crate::retry::{next_delay, parse_retry_after, Idempotency};

/// A response as read off the wire: status, headers, the whole body.
pub struct RawResponse {
    pub status: u16,
    pub headers: Headers,
    pub body: Vec<u8>,
}

/// How a client sends: which fetch, how long an attempt may take, how often to retry.
#[derive(Clone)]
pub struct Transport {
    /// `None`: `globalThis.fetch`, looked up at call time.
    pub fetch: Option<Function>,
    pub timeout_ms: u32,
    pub max_retries: u32,
}

/// One sending call: the request, and what body.js takes beside it: the
/// exchange's store (`[[store, get], [put, [key, ttl]]]`) and the caller's
/// `AbortSignal`, each `undefined` when not given.
pub struct Call {
    pub request: HttpRequest,
    pub stored: JsValue,
    pub signal: JsValue,
}

/// A validator that builds the JS result from a response's status, headers
/// and body. A plain function pointer, not a generic: every operation shares
/// one [`settle`] (each generic instance was a copy of the whole loop; see
/// bench/README.md).
pub type Parse = fn(u16, &Headers, &[u8]) -> Result<JsValue, IdvError>;

impl Transport {
    /// Sends `request` through body.js's `send`: attempts until `settle`
    /// (a JS function, see [`settle`]) returns the result for `kind`, which
    /// the Promise resolves to, or throws the error, which it rejects with.
    /// `stored`: the exchange's store, as body.js takes it; `signal`: the
    /// caller's `AbortSignal` (each `undefined` when not given).
    pub fn send(&self, api: Api, call: &Call, settle: &JsValue, kind: u32) -> Result<Promise, IdvError> {
        let fetch = match &self.fetch {
            Some(f) => f.clone(),
            None => global_fetch(api)?,
        };
        let request = &call.request;
        let (headers, body) = js_parts(request);
        Ok(send_js(
            &fetch,
            request.method.as_str(),
            &request.url,
            &headers,
            &body,
            MAX_BODY_BYTES as f64,
            f64::from(self.timeout_ms),
            f64::from(self.max_retries),
            settle,
            kind,
            &call.stored,
            &call.signal,
        ))
    }

    /// Reads a `Response` the caller got themselves (the shape check, the
    /// 1 MiB cap, `timeout_ms` for the read) and hands it to `settle` for
    /// `kind`, with `check_id` (the check asked for, or `undefined`).
    pub fn read(&self, response: &JsValue, settle: &JsValue, kind: u32, check_id: &JsValue) -> Promise {
        read_then_js(response, MAX_BODY_BYTES as f64, f64::from(self.timeout_ms), settle, kind, check_id)
    }
}

/// What to do with one attempt's outcome (`parts`, body.js's array or code):
/// the result, a delay before the next attempt (where `idempotency` allows
/// one and the error is worth it), or the error. An error status takes the
/// answer's `Retry-After` along, as the validators do, and also in its
/// HTTP-date form (which needs the clock they do not have); a 2xx carrying an
/// error does not (`Retry-After` means nothing on a 2xx). `check_id`: the
/// check a Caisson result must be for (`parseIdCheck`'s `checkId`), if any
/// ([`crate::caisson::check_result_for`]).
pub fn settle(
    api: Api,
    parts: &JsValue,
    attempt: u32,
    max_retries: u32,
    idempotency: Idempotency,
    parse: Parse,
    check_id: Option<&str>,
) -> Result<Settled, IdvError> {
    let result = raw_from_parts(api, parts).and_then(|raw| {
        let parsed = parse(raw.status, &raw.headers, &raw.body).and_then(|v| match check_id {
            None => Ok(v),
            Some(asked) => {
                let got = Reflect::get(&v, &JsValue::from_str("check_id")).ok().and_then(|g| g.as_string()).unwrap_or_default();
                crate::caisson::check_result_for(asked, &got, raw.status).map(|()| v)
            }
        });
        parsed.map_err(|mut e| {
            if e.retry_after_ms.is_none() && !(200..=299).contains(&raw.status) {
                if let Some(v) = raw.headers.get("retry-after") {
                    e.retry_after_ms = parse_retry_after(v, js_sys::Date::now() as i64);
                }
            }
            e
        })
    });
    match result {
        Ok(v) => Ok(Settled::Done(v)),
        Err(err) => match next_delay(idempotency, &err, attempt, max_retries, js_sys::Math::random()) {
            Some(delay) => Ok(Settled::Retry(delay)),
            None => Err(err),
        },
    }
}

/// [`settle`]'s answer when it is not an error.
pub enum Settled {
    /// The validated result.
    Done(JsValue),
    /// Wait this many milliseconds, then attempt again.
    Retry(u64),
}

fn global_fetch(api: Api) -> Result<Function, IdvError> {
    Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| {
            IdvError::invalid_argument(api, "fetch", "no global fetch in this runtime: pass options.fetch")
        })
}

/// The request's headers as `[[name, value], ...]` and its body (bytes or
/// `undefined`), as body.js's `makeRequest` takes them.
fn js_parts(request: &HttpRequest) -> (Array, JsValue) {
    let headers = request
        .headers
        .iter()
        .map(|(k, v)| Array::of2(&JsValue::from_str(k), &JsValue::from_str(v)))
        .collect();
    let body = request.body.as_deref().map_or(JsValue::UNDEFINED, |b| Uint8Array::from(b).into());
    (headers, body)
}

/// Builds a web-standard `Request` from a sans-IO request (redirects never
/// followed: see body.js's `makeRequest`).
pub fn to_web_request(api: Api, request: &HttpRequest) -> Result<JsValue, IdvError> {
    let (headers, body) = js_parts(request);
    make_request_js(request.method.as_str(), &request.url, &headers, &body).map_err(|_| {
        IdvError::new(api, ErrorCode::InvalidArgument).with_message("the request could not be built")
    })
}

/// Refuses, at construction, a base URL whose host the runtime's URL parser
/// will not take. The core ([`crate::checks`]) reads hosts as the WHATWG URL
/// parser does, except for one rule that needs Unicode's IDNA tables, more
/// bytes than the rest of the host check: an `xn--` label must be Punycode
/// of a valid label (Node 20's `new URL` refuses `https://xn--a.com`; Node
/// 24's parser takes it, and so does its fetch). So a URL with such a label
/// is tried here once, as a `Request`, on the runtime's own parser (the one
/// its fetch will use), and a refusal names the option (never its value)
/// instead of failing every later call with no field. Other URLs are not
/// tried: the core's answer is the parser's.
pub fn check_idna_host(api: Api, field: &str, url: &str) -> Result<(), IdvError> {
    if !url.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"xn--")) {
        return Ok(());
    }
    match make_request_js("GET", url, &Array::new(), &JsValue::UNDEFINED) {
        Ok(_) => Ok(()),
        Err(_) => Err(IdvError::invalid_argument(api, field, "has a host a URL parser refuses (an xn-- label that is not valid Punycode of a valid label)")),
    }
}

// body.js's fault codes, by the names it gives them (a test,
// tests/js_protocol.rs, checks that both files give each the same number):
// the body's own (1-4), then a whole attempt's or a parse method's.
const TOO_LARGE: u8 = 2;
const NOT_BYTES: u8 = 3;
const TIMEOUT: u8 = 4;
const NETWORK: u8 = 5;
const NOT_RESPONSE: u8 = 6;
const UNBUILT: u8 = 7;
const NO_ABORT: u8 = 8;
const NOT_RESPONSE_ARG: u8 = 9;
const BODY_USED_ARG: u8 = 10;
const ABORTED: u8 = 11;
const NOT_SIGNAL: u8 = 12;

/// The error of a whole attempt's fault code (body.js, where they are
/// listed); anything else is a cut-off body.
fn attempt_fault(api: Api, code: Option<f64>) -> IdvError {
    let network = |message: &str| IdvError::new(api, ErrorCode::Network).with_message(message);
    match code.map(|c| c as u8) {
        Some(TIMEOUT) => IdvError::new(api, ErrorCode::Timeout),
        Some(NETWORK) => network("the request failed before a response arrived"),
        Some(NOT_RESPONSE) => IdvError::invalid_response(api, "", "fetch resolved to something that is not a Response", None),
        Some(UNBUILT) => IdvError::new(api, ErrorCode::InvalidArgument).with_message("the request could not be built"),
        Some(NO_ABORT) => network("AbortController is not available"),
        Some(NOT_RESPONSE_ARG) => {
            IdvError::invalid_argument(api, "response", "must be a Response (or an object with status, headers and arrayBuffer)")
        }
        Some(BODY_USED_ARG) => IdvError::invalid_argument(api, "response", "has a body that was already read or is locked"),
        Some(ABORTED) => IdvError::new(api, ErrorCode::Aborted),
        Some(NOT_SIGNAL) => IdvError::invalid_argument(api, "signal", "must be an AbortSignal"),
        _ => network("the response body was cut off"),
    }
}

/// The array body.js's `readResponse` resolves to, as a [`RawResponse`] or
/// the error its fault code means; a bare code is a whole attempt's fault.
pub fn raw_from_parts(api: Api, parts: &JsValue) -> Result<RawResponse, IdvError> {
    let Some(parts) = parts.dyn_ref::<js_sys::Array>() else {
        return Err(attempt_fault(api, parts.as_f64()));
    };
    let status = parts.get(0).as_f64().map_or(0, |s| s as u16);
    // Header values are body.js's: at most `MAX_TEXT_UNITS` long, a longer
    // one already read as empty there.
    let header = |i: u32| parts.get(i).as_string();
    let content_length = header(2);
    // The exact rule (body.js checks ASCII forms before reading; this decides).
    let declared_too_large =
        content_length.as_deref().and_then(|v| crate::checks::trim_ws(v).parse::<u64>().ok()).is_some_and(|len| len > MAX_BODY_BYTES as u64);
    let body = parts.get(4);
    let bytes = body.dyn_ref::<Uint8Array>().filter(|_| !declared_too_large);
    // An error status whose body is too large or could not be read is judged
    // by its status alone, as if it had no body (and no Content-Length): the
    // body could only have named a documented code. So a Caisson 401 stays
    // UNAUTHORIZED (API.md: always) and a 503 a retryable SERVER_ERROR.
    let judged_by_status = bytes.is_none() && status >= 400;
    let mut headers = Headers::new();
    if let Some(v) = header(1) {
        headers.set_static("content-type", v);
    }
    if let (Some(v), false) = (content_length, judged_by_status) {
        headers.set_static("content-length", v);
    }
    if let Some(v) = header(3) {
        headers.set_static("retry-after", v);
    }
    if let Some(bytes) = bytes {
        // A view whose buffer was detached (or, resizable, shrunk under it)
        // after it was read reads as empty, and copying from it throws in
        // JS, through these frames (each throw leaked the shadow stack; some
        // 1,200 trapped the instance). Nothing else runs between the length
        // read and the copy, so a length above 0 copies.
        let body = if bytes.length() == 0 { Vec::new() } else { bytes.to_vec() };
        return Ok(RawResponse { status, headers, body });
    }
    if judged_by_status {
        return Ok(RawResponse { status, headers, body: Vec::new() });
    }
    let too_large = || IdvError::invalid_response(api, "", "body is larger than 1 MiB", Some(status));
    if declared_too_large {
        return Err(too_large());
    }
    Err(match body.as_f64().map(|c| c as u8) {
        Some(TOO_LARGE) => too_large(),
        Some(NOT_BYTES) => IdvError::invalid_response(api, "", "body stream yielded something that is not bytes", Some(status)),
        Some(TIMEOUT) => IdvError::new(api, ErrorCode::Timeout),
        _ => IdvError::new(api, ErrorCode::Network).with_message("the response body was cut off").with_status(status),
    })
}

#[wasm_bindgen(module = "/src/transport/body.js")]
extern "C" {
    /// See body.js: the whole sending operation, as one Promise.
    #[wasm_bindgen(js_name = send)]
    fn send_js(
        fetch: &Function,
        method: &str,
        url: &str,
        headers: &Array,
        body: &JsValue,
        max: f64,
        timeout_ms: f64,
        max_retries: f64,
        settle: &JsValue,
        kind: u32,
        stored: &JsValue,
        signal: &JsValue,
    ) -> Promise;
    /// See body.js: a caller's Response read, then `settle`.
    #[wasm_bindgen(js_name = readThen)]
    fn read_then_js(response: &JsValue, max: f64, timeout_ms: f64, settle: &JsValue, kind: u32, check_id: &JsValue) -> Promise;
    #[wasm_bindgen(catch, js_name = makeRequest)]
    fn make_request_js(method: &str, url: &str, headers: &Array, body: &JsValue) -> Result<JsValue, JsValue>;
}
