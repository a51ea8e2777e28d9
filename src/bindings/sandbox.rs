//! `Sandbox`: the in-process simulator of both APIs, with a clock and a
//! fetch-compatible function to hand to a client.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::options::{string_within, Opts, MAX_TEXT_UNITS};
use super::{now_from, to_js_error, IntoJsResult};
use crate::caisson::{Address, Level};
use crate::error::{Api, IdvError};
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::sandbox::{self, IdCheckScenario, ScenarioInfo, ScenarioState, SandboxOptions};

const API: Api = Api::Caisson;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** Options of `new Sandbox(...)`. A key left out accepts any non-empty key. */
export interface SandboxInit {
  caissonApiKey?: string | undefined;
  goldstarApiKey?: string | undefined;
  /** The sandbox's clock: a Date, an RFC 3339 string or epoch milliseconds (frozen but for advanceTime). Default: the real clock. */
  now?: Date | string | number | undefined;
}
/** The person on a simulated document (the API's field names; firstName,
 *  lastName and expiresOn are read too; any other field is INVALID_ARGUMENT). */
export interface SandboxIdCheckInfo {
  first_name?: string | undefined;
  last_name?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  expiresOn?: string | undefined;
  /** Any case. */
  sex?: "M" | "F" | "X" | "m" | "f" | "x" | undefined;
  /** YYYY-MM-DD or RFC 3339. */
  dob?: string | undefined;
  /** YYYY-MM-DD or RFC 3339. */
  expires_on?: string | undefined;
  address?: { street: string; city: string; state: string; zip: string } | undefined;
}
export type SandboxCheckState = "complete" | "pending" | "pending_review" | "deleted" | "expired" | "internal_error";
export type SandboxPreset =
  | "clean_pass" | "blurry_selfie" | "face_not_found" | "expired_licence" | "name_mismatch"
  | "dob_mismatch" | "barcode_unreadable" | "pending" | "pending_then_pass" | "under_review"
  | "deleted" | "expired" | "internal_error" | "flaky_exchange";
/** What the simulated browser button creates. */
export interface SandboxIdCheck {
  customerId: string;
  /** Start from a named preset; the other fields override it. */
  preset?: SandboxPreset | undefined;
  document?: Level | undefined;
  face?: Level | undefined;
  /** Reason codes, or reasons in the API's shape (their code is taken; the doc's text is sent). */
  reasons?: readonly (number | { code: number; description?: string })[] | undefined;
  info?: SandboxIdCheckInfo | undefined;
  state?: SandboxCheckState | undefined;
  /** pending / pending_review only: completes this many ms after creation. */
  completeAfterMs?: number | undefined;
  /** The first N exchange attempts answer 500 INTERNAL_ERROR. */
  exchangeFailures?: number | undefined;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "SandboxInit")]
    pub type SandboxInit;
    #[wasm_bindgen(typescript_type = "SandboxIdCheck")]
    pub type SandboxIdCheck;
}

struct State {
    core: sandbox::Sandbox,
    /// `Some(t)`: a frozen clock at `t`; `None`: the real clock.
    start: Option<i64>,
    offset: i64,
}

impl State {
    fn now(&self) -> i64 {
        self.start.unwrap_or_else(|| js_sys::Date::now() as i64).saturating_add(self.offset)
    }
}

/// A key the sandbox is to expect: a string, not empty (an empty one would
/// match no request, or an empty header).
fn sandbox_key(opts: &Opts, name: &str) -> Result<Option<String>, JsValue> {
    match opts.opt_string(name).js()? {
        Some(k) if k.is_empty() => Err(to_js_error(&opts.invalid(name, "must not be empty"))),
        // A key no client would send (a client's apiKey has the same rule):
        // every call would answer 401.
        Some(k) => crate::secret::check_key(opts.api, name, &k).map(|()| Some(k)).js(),
        None => Ok(None),
    }
}

/// Both APIs simulated in process. Hand `sandbox.fetch` to a client.
#[wasm_bindgen(js_name = Sandbox)]
pub struct JsSandbox {
    state: Rc<RefCell<State>>,
    /// Owns its own share of `state`: it keeps working after this object is
    /// collected (`fetch: new Sandbox().fetch` is a common way to hold it).
    fetch: Function,
}

#[wasm_bindgen(js_class = Sandbox)]
impl JsSandbox {
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<SandboxInit>) -> Result<JsSandbox, JsValue> {
        let value: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let opts = Opts::new(API, &value, "options").js()?;
        opts.only("options", &["caissonApiKey", "goldstarApiKey", "now"]).js()?;
        let core = sandbox::Sandbox::new(SandboxOptions {
            caisson_api_key: sandbox_key(&opts, "caissonApiKey")?,
            // Its errors say `api: "goldstar"`: the key is Goldstar's.
            goldstar_api_key: sandbox_key(&Opts::new(Api::Goldstar, &value, "options").js()?, "goldstarApiKey")?,
        });
        let now = opts.get("now").js()?;
        let start = if now.is_undefined() { None } else { Some(now_from(API, "now", &now).js()?) };
        // As advanceTime takes them: whole milliseconds, and a time the
        // Sandbox can write (not a constructor that works and a Sandbox
        // whose every check then fails).
        if now.as_f64().is_some_and(|n| n.fract() != 0.0) {
            return Err(IdvError::invalid_argument(API, "now", "must be a whole number of milliseconds")).js();
        }
        if start.is_some_and(|ms| !sandbox::is_valid_now(ms)) {
            return Err(IdvError::invalid_argument(API, "now", "must be a time between the years 0 and 9999")).js();
        }
        let state = Rc::new(RefCell::new(State { core, start, offset: 0 }));
        let for_fetch = state.clone();
        let closure = Closure::<dyn FnMut(JsValue, JsValue) -> Promise>::new(move |input: JsValue, init: JsValue| {
            let state = for_fetch.clone();
            wasm_bindgen_futures::future_to_promise(async move { serve(&state, input, init).await })
        });
        // The JS function owns the closure (freed when the function is
        // collected), not this struct: dropping the Sandbox object must not
        // invalidate a fetch a client still holds.
        let fetch: Function = closure.into_js_value().unchecked_into();
        Ok(JsSandbox { state, fetch })
    }

    /// A fetch-compatible function answering as both APIs would.
    #[wasm_bindgen(getter, unchecked_return_type = "(input: Request | string | URL, init?: RequestInit) => Promise<Response>")]
    pub fn fetch(&self) -> Function {
        self.fetch.clone()
    }

    /// Plays Caisson's browser button: returns `{ check_exchange_token }`.
    #[wasm_bindgen(js_name = createIdCheck, unchecked_return_type = "{ check_exchange_token: string }")]
    pub fn create_id_check(&self, scenario: SandboxIdCheck) -> Result<JsValue, JsValue> {
        let value: JsValue = scenario.into();
        let scenario = scenario_arg(&value).js()?;
        let mut state = self.state.borrow_mut();
        let now = state.now();
        let token = state.core.create_id_check(scenario, now).js()?;
        let out = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&out, &"check_exchange_token".into(), &JsValue::from_str(&token));
        Ok(out.into())
    }

    /// Moves the sandbox's clock forward by `ms`, a whole number of milliseconds.
    #[wasm_bindgen(js_name = advanceTime)]
    pub fn advance_time(&self, #[wasm_bindgen(unchecked_param_type = "number")] ms: JsValue) -> Result<(), JsValue> {
        // A number, not whatever JavaScript would coerce to one ("10", true, null).
        let ms = ms.as_f64().unwrap_or(f64::NAN);
        // Whole: the clock counts milliseconds, and a fraction cut off at
        // each call would leave it where it was (0.6 twice moved it by 0).
        if !(0.0..=1e13).contains(&ms) || ms.fract() != 0.0 {
            return Err(to_js_error(&IdvError::invalid_argument(API, "ms", "must be a whole number of milliseconds from 0 to 10^13")));
        }
        let mut state = self.state.borrow_mut();
        state.offset = state.offset.saturating_add(ms as i64);
        Ok(())
    }

    /// The sandbox's clock, in epoch milliseconds.
    #[wasm_bindgen(getter)]
    pub fn now(&self) -> f64 {
        self.state.borrow().now() as f64
    }
}

fn level(opts: &Opts, key: &str, default: Level) -> Result<Level, IdvError> {
    match opts.opt_string(key)? {
        None => Ok(default),
        Some(s) => Level::parse(&s)
            .ok_or_else(|| IdvError::invalid_argument(API, key, "must be \"high\", \"medium\" or \"low\"")),
    }
}

fn scenario_arg(value: &JsValue) -> Result<IdCheckScenario, IdvError> {
    if !value.is_object() {
        return Err(IdvError::invalid_argument(API, "scenario", "must be an object"));
    }
    let o = Opts { api: API, prefix: "", value };
    // A misspelt field ("fase") would otherwise leave its default in place
    // without a word, as in `info` below.
    o.only("scenario", &["customerId", "preset", "document", "face", "reasons", "info", "state", "completeAfterMs", "exchangeFailures"])?;
    let mut s = match o.opt_string("preset")? {
        Some(name) => IdCheckScenario::preset(&name)
            .ok_or_else(|| IdvError::invalid_argument(API, "preset", "is not a known preset (see SandboxPreset)"))?,
        None => IdCheckScenario::default(),
    };
    s.customer_id = o.req_string("customerId")?;
    s.document = level(&o, "document", s.document)?;
    s.face = level(&o, "face", s.face)?;
    let reasons = o.get("reasons")?;
    if !reasons.is_undefined() {
        let arr = super::options::list(API, &reasons, "reasons", "must be an array of reason codes")?;
        let mut codes = Vec::new();
        for (i, v) in arr.iter().enumerate() {
            // A code, or a reason in the API's shape (`{ code, description }`:
            // its code is taken, the doc's text for it is sent).
            let code = if v.is_object() { Opts { api: API, prefix: &format!("reasons[{i}]."), value: &v }.get("code")? } else { v };
            match code.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=65535.0).contains(&n) => codes.push(n as u16),
                _ => {
                    return Err(IdvError::invalid_argument(
                        API,
                        &format!("reasons[{i}]"),
                        "must be a whole number (a reason code) or an object with one as its code",
                    ))
                }
            }
        }
        s.reasons = codes;
    }
    if let Some(st) = o.opt_string("state")? {
        s.state = ScenarioState::parse(&st).ok_or_else(|| {
            IdvError::invalid_argument(
                API,
                "state",
                "must be complete, pending, pending_review, deleted, expired or internal_error",
            )
        })?;
    }
    if let Some(ms) = o.opt_int("completeAfterMs", 0.0, 1e12)? {
        s.complete_after_ms = Some(ms as i64);
    }
    if let Some(n) = o.opt_int("exchangeFailures", 0.0, f64::from(u32::MAX))? {
        s.exchange_failures = n as u32;
    }
    let info = o.get("info")?;
    if !info.is_undefined() {
        if !info.is_object() {
            return Err(IdvError::invalid_argument(API, "info", "must be an object"));
        }
        let i = Opts { api: API, prefix: "info.", value: &info };
        // The API's names, or JavaScript's spelling of them; anything else is
        // a mistake that would otherwise leave the default person in place.
        i.only("info", &["first_name", "last_name", "sex", "dob", "expires_on", "address", "firstName", "lastName", "expiresOn"])?;
        let either = |api: &str, js: &str| -> Result<Option<String>, IdvError> {
            match i.opt_string(api)? {
                Some(v) => Ok(Some(v)),
                None => i.opt_string(js),
            }
        };
        let mut out = ScenarioInfo::default();
        if let Some(v) = either("first_name", "firstName")? {
            out.first_name = v;
        }
        if let Some(v) = either("last_name", "lastName")? {
            out.last_name = v;
        }
        out.sex = i.opt_string("sex")?;
        out.dob = i.opt_string("dob")?;
        out.expires_on = either("expires_on", "expiresOn")?;
        let addr = i.get("address")?;
        if !addr.is_undefined() {
            if !addr.is_object() {
                return Err(IdvError::invalid_argument(API, "info.address", "must be an object"));
            }
            let a = Opts { api: API, prefix: "info.address.", value: &addr };
            out.address = Some(Address {
                street: a.req_string("street")?,
                city: a.req_string("city")?,
                state: a.req_string("state")?,
                zip: a.req_string("zip")?,
            });
        }
        s.info = Some(out);
    }
    Ok(s)
}

/// One simulated fetch: read the request as a web `Request`, hand it to the
/// core, answer with a web `Response`. Never throws for what the core can
/// answer; a request that is not even a valid `Request` rejects like fetch.
async fn serve(state: &Rc<RefCell<State>>, input: JsValue, init: JsValue) -> Result<JsValue, JsValue> {
    let type_error = |msg: &str| -> JsValue { js_sys::TypeError::new(msg).into() };
    let request = build_request(&input, &init).map_err(|_| type_error("sandbox.fetch: invalid request"))?;
    // As fetch: an aborted signal rejects with its reason (an AbortError).
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let signal = get(&request, "signal");
    if !signal.is_undefined() && !signal.is_null() && get(&signal, "aborted").as_bool() == Some(true) {
        let reason = get(&signal, "reason");
        if !reason.is_undefined() {
            return Err(reason);
        }
        let e = js_sys::Error::new("sandbox.fetch: the request was aborted");
        e.set_name("AbortError");
        return Err(e.into());
    }
    // The method, URL and headers, each bounded before it is copied (see
    // `MAX_TEXT_UNITS`): a server refuses a URL longer than that (414) and
    // drops a header it cannot hold.
    let text = |v: &JsValue| string_within(v, MAX_TEXT_UNITS).and_then(Result::ok);
    let (Some(method_text), Some(url)) = (text(&get(&request, "method")), text(&get(&request, "url"))) else {
        return to_web_response(&HttpResponse::json(414, br#"{"error":"URI_TOO_LONG"}"#.to_vec()))
            .map_err(|_| type_error("sandbox.fetch: could not build the response"));
    };
    let method = Method::parse(&method_text);
    let mut headers = Headers::new();
    if let Ok(Some(iter)) = js_sys::try_iter(&request.headers()) {
        for pair in iter.flatten() {
            let pair: js_sys::Array = pair.unchecked_into();
            if let (Some(k), Some(v)) = (text(&pair.get(0)), text(&pair.get(1))) {
                headers.set(&k, v);
            }
        }
    }
    let response = match method {
        Some(method) => {
            // At most one byte past the limit: the core then answers 413.
            let limit = sandbox::MAX_REQUEST_BODY_BYTES as u32;
            let body = JsFuture::from(read_request_body(&request, limit)).await?;
            let body = body.dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
            let req = HttpRequest { method, url, headers, body: if body.is_empty() { None } else { Some(body) } };
            let mut st = state.borrow_mut();
            let now = st.now();
            st.core.handle(&req, now)
        }
        // A method neither API takes: the body is not needed (405 or 404).
        None => state.borrow().core.unsupported_method(&method_text, &url),
    };
    to_web_response(&response).map_err(|_| type_error("sandbox.fetch: could not build the response"))
}

fn build_request(input: &JsValue, init: &JsValue) -> Result<web_sys::Request, JsValue> {
    let init: web_sys::RequestInit =
        if init.is_undefined() || init.is_null() { web_sys::RequestInit::new() } else { init.clone().unchecked_into() };
    if let Some(req) = input.dyn_ref::<web_sys::Request>() {
        return web_sys::Request::new_with_request_and_init(req, &init);
    }
    // As fetch does: anything else is turned into a string (a URL object into
    // its href); what is not a URL then fails in `new Request`.
    let url = string_of(input)?;
    if url.length() > MAX_TEXT_UNITS {
        return Err(js_sys::TypeError::new("sandbox.fetch: the URL is longer than 65536 characters").into());
    }
    let url = url.as_string().unwrap_or_default();
    web_sys::Request::new_with_str_and_init(&url, &init)
}

#[wasm_bindgen(module = "/src/bindings/sandbox_body.js")]
extern "C" {
    /// The request's body, capped (`sandbox_body.js`): resolves to a
    /// `Uint8Array` of at most `max + 1` bytes.
    #[wasm_bindgen(js_name = readRequestBody)]
    fn read_request_body(request: &web_sys::Request, max: u32) -> Promise;
}

#[wasm_bindgen]
extern "C" {
    /// JS `String(value)`; throws (caught) for a Symbol or a throwing `toString`.
    #[wasm_bindgen(js_name = String, catch)]
    fn string_of(value: &JsValue) -> Result<js_sys::JsString, JsValue>;
}

fn to_web_response(response: &HttpResponse) -> Result<JsValue, JsValue> {
    let headers = web_sys::Headers::new()?;
    for (k, v) in response.headers.iter() {
        headers.append(k, v)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(response.status);
    init.set_headers(&headers);
    let body = Uint8Array::from(response.body.as_slice());
    web_sys::Response::new_with_opt_buffer_source_and_init(Some(&body), &init).map(Into::into)
}
