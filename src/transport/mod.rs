//! The fetch transport (wasm only): one attempt with a timeout and a body cap,
//! and the retry loop around a validator.
//!
//! Every JavaScript value that comes back is checked before use: a fetch that
//! throws, rejects with something that is not an Error, resolves to something
//! that is not a Response, or hangs, becomes a typed [`IdvError`], never a panic
//! (a panic would kill the wasm instance for every later request).
//!
//! gloo-net is not used: it binds the global `fetch` only, and the SDK must
//! call a caller-supplied `fetch` (tests, service bindings, the Sandbox).

mod js;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::error::{Api, ErrorCode, IdvError};
use crate::http::{Headers, HttpRequest, MAX_BODY_BYTES};
use crate::retry::{next_delay, parse_retry_after, Idempotency};

pub use js::{clear_timeout, set_timeout_with_arg};

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

/// A validator that builds the JS result from a response's status, headers
/// and body. A plain function pointer, not a generic: every operation shares
/// one retry loop and one async state machine in the wasm (each generic
/// instance was a copy of the whole loop; see the README's Performance section).
pub type Parse = fn(u16, &Headers, &[u8]) -> Result<JsValue, IdvError>;

/// What one asynchronous operation of a client does.
pub enum Job {
    /// Send the request (retried where the idempotency allows) and validate the answer.
    Send(HttpRequest, Idempotency),
    /// Validate a `Response` the caller got themselves (checked by shape first).
    Read(JsValue),
}

impl Transport {
    /// Runs `job` and validates with `parse`.
    pub async fn run(&self, api: Api, job: Job, parse: Parse) -> Result<JsValue, IdvError> {
        match job {
            Job::Send(request, idempotency) => self.call(api, &request, idempotency, parse).await,
            Job::Read(response) => {
                let response = as_response(api, response)?;
                let raw = read_response(api, &response, None, Some(self.timeout_ms)).await?;
                parse(raw.status, &raw.headers, &raw.body)
            }
        }
    }

    /// Sends `request` and validates the answer with `parse`, retrying where
    /// `idempotency` allows it and the error is worth another attempt.
    pub async fn call(&self, api: Api, request: &HttpRequest, idempotency: Idempotency, parse: Parse) -> Result<JsValue, IdvError> {
        let mut attempt: u32 = 0;
        loop {
            let result = match self.attempt(api, request).await {
                Ok(raw) => parse(raw.status, &raw.headers, &raw.body).map_err(|mut e| {
                    if e.retry_after_ms.is_none() {
                        if let Some(v) = raw.headers.get("retry-after") {
                            e.retry_after_ms = parse_retry_after(v, js_sys::Date::now() as i64);
                        }
                    }
                    e
                }),
                Err(e) => Err(e),
            };
            let err = match result {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            match next_delay(idempotency, &err, attempt, self.max_retries, js_sys::Math::random()) {
                Some(delay) => {
                    sleep(delay).await;
                    attempt += 1;
                }
                None => return Err(err),
            }
        }
    }

    /// One attempt: fetch, then read the body, both within `timeout_ms`.
    pub async fn attempt(&self, api: Api, request: &HttpRequest) -> Result<RawResponse, IdvError> {
        let fetch = match &self.fetch {
            Some(f) => f.clone(),
            None => global_fetch(api)?,
        };
        let controller = web_sys::AbortController::new()
            .map_err(|_| IdvError::new(api, ErrorCode::Network).with_message("AbortController is not available"))?;
        let js_request = to_web_request(api, request, Some(&controller.signal()))?;
        let timer = Timer::start(self.timeout_ms);
        let result = async {
            let response = timer.race(api, call_fetch(api, &fetch, &js_request)).await??;
            read_response(api, &response, Some(&timer), None).await
        }
        .await;
        timer.clear();
        if matches!(&result, Err(e) if e.code == ErrorCode::Timeout) {
            controller.abort();
        }
        result
    }
}

fn global_fetch(api: Api) -> Result<Function, IdvError> {
    Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| {
            IdvError::invalid_argument(api, "fetch", "no global fetch in this runtime: pass options.fetch")
        })
}

/// Calls `fetch(request)` and waits for it, turning every outcome into a
/// checked `web_sys::Response` or a typed error.
async fn call_fetch(api: Api, fetch: &Function, request: &web_sys::Request) -> Result<web_sys::Response, IdvError> {
    let returned = fetch
        .call1(&JsValue::UNDEFINED, request)
        .map_err(|thrown| rejection_error(api, &thrown))?;
    // `Promise.resolve` accepts a promise, a thenable or a plain value.
    let settled = JsFuture::from(Promise::resolve(&returned)).await.map_err(|e| rejection_error(api, &e))?;
    as_response(api, settled)
}

/// A fetch rejection: a `TimeoutError` is `TIMEOUT`, anything else (an Error,
/// a string, `undefined`) is `NETWORK`. The rejection's text is not kept: it
/// can hold a URL or other data.
fn rejection_error(api: Api, value: &JsValue) -> IdvError {
    let name = Reflect::get(value, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
    if value.is_object() && name.as_deref() == Some("TimeoutError") {
        return IdvError::new(api, ErrorCode::Timeout);
    }
    IdvError::new(api, ErrorCode::Network).with_message("the request failed before a response arrived")
}

/// Is `value` usable as a Response? Checked by shape, not `instanceof`, so a
/// Response from another realm or a fetch polyfill works too (in body.js,
/// one crossing instead of eight).
pub fn as_response(api: Api, value: JsValue) -> Result<web_sys::Response, IdvError> {
    if is_response_js(&value) {
        Ok(value.unchecked_into())
    } else {
        Err(IdvError::invalid_response(api, "", "fetch resolved to something that is not a Response", None))
    }
}

/// Reads status, headers and body (at most 1 MiB) of a checked Response, in
/// one call to body.js. With a `timer`, every step races its deadline; with
/// none, `timeout_ms` (if any) bounds the read alone.
pub async fn read_response(
    api: Api,
    response: &web_sys::Response,
    timer: Option<&Timer>,
    timeout_ms: Option<u32>,
) -> Result<RawResponse, IdvError> {
    let (deadline, marker) = match timer {
        Some(t) => (JsValue::from(t.promise.clone()), t.marker.clone()),
        None => (JsValue::UNDEFINED, JsValue::UNDEFINED),
    };
    let timeout = timeout_ms.map_or(JsValue::UNDEFINED, |ms| JsValue::from_f64(f64::from(ms)));
    let read = read_response_js(response, MAX_BODY_BYTES as f64, &timeout, &deadline, &marker);
    match JsFuture::from(read).await {
        Ok(parts) => raw_from_parts(api, &parts),
        Err(_) => Err(IdvError::new(api, ErrorCode::Network).with_message("the response body was cut off")),
    }
}

/// The array body.js's `readResponse` resolves to, as a [`RawResponse`] or
/// the error its fault code means. Anything but an array is a cut-off body.
pub fn raw_from_parts(api: Api, parts: &JsValue) -> Result<RawResponse, IdvError> {
    let Some(parts) = parts.dyn_ref::<js_sys::Array>() else {
        return Err(IdvError::new(api, ErrorCode::Network).with_message("the response body was cut off"));
    };
    let status = parts.get(0).as_f64().map_or(0, |s| s as u16);
    let mut headers = Headers::new();
    for (i, name) in ["content-type", "content-length", "retry-after"].into_iter().enumerate() {
        if let Some(v) = parts.get(i as u32 + 1).as_string() {
            headers.set(name, v);
        }
    }
    let too_large = || IdvError::invalid_response(api, "", "body is larger than 1 MiB", Some(status));
    // The exact rule (body.js checks ASCII forms before reading; this decides).
    if let Some(len) = headers.get("content-length").and_then(|v| v.trim().parse::<u64>().ok()) {
        if len > MAX_BODY_BYTES as u64 {
            return Err(too_large());
        }
    }
    let body = parts.get(4);
    if let Some(bytes) = body.dyn_ref::<Uint8Array>() {
        return Ok(RawResponse { status, headers, body: bytes.to_vec() });
    }
    let broken = || IdvError::new(api, ErrorCode::Network).with_message("the response body was cut off").with_status(status);
    Err(match body.as_f64().map(|c| c as u8) {
        Some(2) => too_large(),
        Some(3) => IdvError::invalid_response(api, "", "body stream yielded something that is not bytes", Some(status)),
        Some(4) => IdvError::new(api, ErrorCode::Timeout),
        _ => broken(),
    })
}

#[wasm_bindgen(module = "/src/transport/body.js")]
extern "C" {
    #[wasm_bindgen(js_name = isResponse)]
    fn is_response_js(value: &JsValue) -> bool;
    /// See body.js: `[status, content-type, content-length, retry-after, bytes or fault code]`.
    #[wasm_bindgen(js_name = readResponse)]
    fn read_response_js(
        response: &web_sys::Response,
        max: f64,
        timeout_ms: &JsValue,
        deadline: &JsValue,
        marker: &JsValue,
    ) -> Promise;
}

/// A per-attempt deadline: a promise that resolves to a private marker after
/// `ms`, raced against each step of the attempt. [`Timer::clear`] cancels the
/// timeout and settles the promise at once, so nothing stays scheduled and the
/// callbacks awaiting it are released (an unsettled promise would keep them).
pub struct Timer {
    marker: JsValue,
    promise: Promise,
    handle: JsValue,
    resolve: Option<Function>,
}

impl Timer {
    pub fn start(ms: u32) -> Timer {
        let marker: JsValue = Object::new().into();
        let mut handle = JsValue::UNDEFINED;
        let mut resolver = None;
        let promise = Promise::new(&mut |resolve: Function, _reject: Function| {
            handle = set_timeout_with_arg(&resolve, f64::from(ms), &marker);
            resolver = Some(resolve);
        });
        Timer { marker, promise, handle, resolve: resolver }
    }

    /// Runs `fut` against the deadline: `Err(TIMEOUT)` if the deadline comes first.
    pub async fn race<T>(&self, api: Api, fut: impl std::future::Future<Output = T>) -> Result<T, IdvError> {
        use std::future::Future;
        use std::pin::pin;
        use std::task::Poll;
        let mut fut = pin!(fut);
        let mut deadline = JsFuture::from(self.promise.clone());
        let marker = &self.marker;
        std::future::poll_fn(|cx| {
            if let Poll::Ready(v) = fut.as_mut().poll(cx) {
                return Poll::Ready(Ok(v));
            }
            match std::pin::Pin::new(&mut deadline).poll(cx) {
                Poll::Ready(Ok(v)) if Object::is(&v, marker) => {
                    Poll::Ready(Err(IdvError::new(api, ErrorCode::Timeout)))
                }
                // Settled by `clear`: the attempt is over, but the future is not
                // done; keep waiting for it.
                Poll::Ready(_) => fut.as_mut().poll(cx).map(Ok),
                Poll::Pending => Poll::Pending,
            }
        })
        .await
    }

    pub fn clear(&self) {
        clear_timeout(&self.handle);
        if let Some(resolve) = &self.resolve {
            // Settles with `undefined`, which no race takes for the deadline
            // (races are over by now).
            let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
        }
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u64) {
    let ms = ms as f64;
    let p = Promise::new(&mut |resolve: Function, _reject: Function| {
        set_timeout_with_arg(&resolve, ms, &JsValue::UNDEFINED);
    });
    let _ = JsFuture::from(p).await;
}

/// Builds a web-standard `Request` from a sans-IO request.
pub fn to_web_request(
    api: Api,
    request: &HttpRequest,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<web_sys::Request, IdvError> {
    let failed = || IdvError::new(api, ErrorCode::InvalidArgument).with_message("the request could not be built");
    let headers = web_sys::Headers::new().map_err(|_| failed())?;
    for (k, v) in request.headers.iter() {
        headers.append(k, v).map_err(|_| failed())?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    // Never follow a redirect: fetch would carry X-ApiKey / X-Caisson-CheckID
    // (and on 307/308 the body, an SSN) to whatever host `Location` names, and
    // take that host's answer as the API's. A 3xx is INVALID_RESPONSE instead
    // (a browser's opaque redirect, status 0, is refused as not a Response).
    init.set_redirect(web_sys::RequestRedirect::Manual);
    if let Some(body) = &request.body {
        init.set_body(&Uint8Array::from(body.as_slice()));
    }
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(|_| failed())
}
