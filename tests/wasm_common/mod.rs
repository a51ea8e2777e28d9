//! Shared wasm-bindgen test cases for the Node and headless-Chrome runners.
//!
//! Each runner (`tests/wasm_node.rs`, `tests/wasm_browser.rs`) defines
//! `const IN_BROWSER: bool` at its crate root and invokes
//! [`shared_tests!`], which turns every case below into a
//! `#[wasm_bindgen_test]`. The clients are driven as plain Rust structs over an
//! injected fake `fetch` ([`FakeFetch`]) that plays a script of behaviours per
//! attempt and records every request it receives.

#![allow(dead_code)]

pub mod caisson;
pub mod goldstar;
pub mod sandbox;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Text planted in request arguments and response bodies: it must never show
/// up in an error's `message`.
pub const PLANTED: &str = "PLANTED_SECRET_7f3a";

// ---------------------------------------------------------------------------
// The fake fetch.

/// What the fake `fetch` does on one attempt.
#[derive(Clone)]
pub enum Step {
    /// Resolve to `new Response(body, { status, headers })`.
    Respond { status: u16, headers: Vec<(String, String)>, body: Option<String> },
    /// Throw this value synchronously from `fetch` itself.
    Throw(JsValue),
    /// Return a promise rejected with this value.
    Reject(JsValue),
    /// Return a promise resolved with this value (not a Response).
    Resolve(JsValue),
    /// Return a promise that never settles.
    Hang,
}

/// A JSON answer (`Content-Type: application/json; charset=utf-8`).
pub fn json(status: u16, body: &str) -> Step {
    respond(status, &[("Content-Type", "application/json; charset=utf-8")], body)
}

/// Any answer: status, headers, body (an empty body is sent as no body).
pub fn respond(status: u16, headers: &[(&str, &str)], body: &str) -> Step {
    Step::Respond {
        status,
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        body: if body.is_empty() { None } else { Some(body.to_string()) },
    }
}

pub fn js_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// Builds a real web `Response`.
pub fn make_response(status: u16, headers: &[(String, String)], body: Option<&str>) -> web_sys::Response {
    let h = web_sys::Headers::new().expect("Headers");
    for (k, v) in headers {
        h.append(k, v).expect("Headers.append");
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    init.set_headers(&h);
    web_sys::Response::new_with_opt_str_and_init(body, &init).expect("new Response")
}

/// One request the fake `fetch` received.
#[derive(Clone)]
pub struct Call {
    /// What `fetch` was called with (a web `Request`, as the transport sends).
    pub arg: JsValue,
    /// `Date.now()` when the attempt started.
    pub at: f64,
}

impl Call {
    pub fn request(&self) -> web_sys::Request {
        self.arg.clone().unchecked_into()
    }
    pub fn method(&self) -> String {
        self.request().method()
    }
    pub fn url(&self) -> String {
        self.request().url()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.request().headers().get(name).expect("Headers.get")
    }
    /// The body as text (empty when there is none).
    pub async fn body(&self) -> String {
        let p = self.request().text().expect("Request.text");
        JsFuture::from(p).await.expect("body text").as_string().unwrap_or_default()
    }
}

struct FakeState {
    script: VecDeque<Step>,
    last: Option<Step>,
    calls: Vec<Call>,
}

/// A scripted `fetch`: each call takes the next [`Step`]; when the script is
/// used up the last step repeats.
#[derive(Clone)]
pub struct FakeFetch {
    state: Rc<RefCell<FakeState>>,
    function: Function,
}

impl FakeFetch {
    pub fn new(steps: Vec<Step>) -> FakeFetch {
        let state = Rc::new(RefCell::new(FakeState { script: steps.into(), last: None, calls: Vec::new() }));
        let s = state.clone();
        let closure = Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(move |arg: JsValue| {
            let step = {
                let mut st = s.borrow_mut();
                st.calls.push(Call { arg, at: js_sys::Date::now() });
                let step = st.script.pop_front().or_else(|| st.last.clone());
                if let Some(step) = &step {
                    st.last = Some(step.clone());
                }
                step
            };
            match step {
                None => Err(js_error("fake fetch: empty script")),
                Some(Step::Respond { status, headers, body }) => {
                    let r = make_response(status, &headers, body.as_deref());
                    Ok(Promise::resolve(&r).into())
                }
                Some(Step::Throw(v)) => Err(v),
                Some(Step::Reject(v)) => Ok(Promise::reject(&v).into()),
                Some(Step::Resolve(v)) => Ok(Promise::resolve(&v).into()),
                Some(Step::Hang) => Ok(Promise::new(&mut |_resolve: Function, _reject: Function| {}).into()),
            }
        });
        let function: Function = closure.into_js_value().unchecked_into();
        FakeFetch { state, function }
    }

    /// The `fetch` option value.
    pub fn function(&self) -> JsValue {
        self.function.clone().into()
    }

    /// Appends steps to the script (for a later call on the same client).
    pub fn then(&self, steps: Vec<Step>) {
        let mut st = self.state.borrow_mut();
        st.script.extend(steps);
        st.last = None;
    }

    pub fn attempts(&self) -> usize {
        self.state.borrow().calls.len()
    }

    pub fn call(&self, i: usize) -> Call {
        self.state.borrow().calls.get(i).cloned().unwrap_or_else(|| panic!("no attempt #{i}"))
    }
}

// ---------------------------------------------------------------------------
// JS values.

pub fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        set(&o, k, v);
    }
    o
}

pub fn set(o: &Object, key: &str, value: &JsValue) {
    Reflect::set(o, &JsValue::from_str(key), value).expect("Reflect.set");
}

pub fn del(o: &Object, key: &str) {
    Reflect::delete_property(o, &JsValue::from_str(key)).expect("Reflect.deleteProperty");
}

pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `v[key]` as a string (panics, naming the key, if it is not one).
pub fn get_str(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(v, key)))
}

/// A path like `confidence.reasons.0.category`.
pub fn at(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |cur, k| get(&cur, k))
}

pub fn at_str(v: &JsValue, path: &str) -> String {
    at(v, path).as_string().unwrap_or_else(|| panic!("{path} is not a string: {:?}", at(v, path)))
}

pub fn strs(items: &[&str]) -> JsValue {
    items.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

pub fn array_len(v: &JsValue) -> u32 {
    assert!(Array::is_array(v), "not an array: {v:?}");
    v.unchecked_ref::<Array>().length()
}

pub fn array_strings(v: &JsValue) -> Vec<String> {
    assert!(Array::is_array(v), "not an array: {v:?}");
    v.unchecked_ref::<Array>().iter().map(|x| x.as_string().expect("string item")).collect()
}

pub fn keys(v: &JsValue) -> Vec<String> {
    Object::keys(v.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect()
}

/// `JSON.parse(text)`.
pub fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let p = Promise::new(&mut |resolve: Function, _reject: Function| {
        let global = js_sys::global();
        let set_timeout: Function = get(&global, "setTimeout").unchecked_into();
        set_timeout.call2(&JsValue::UNDEFINED, &resolve, &JsValue::from(ms)).expect("setTimeout");
    });
    JsFuture::from(p).await.expect("sleep");
}

// ---------------------------------------------------------------------------
// Promises and errors.

/// Awaits a promise that must resolve; a rejection fails the test with the
/// error's code and message.
pub async fn ok(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => v,
        Err(e) => panic!("expected success, got {} ({})", describe(&e), get(&e, "message").as_string().unwrap_or_default()),
    }
}

/// Awaits a promise that must reject, and returns the rejection.
pub async fn fails(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected a rejection, got {v:?}"),
        Err(e) => e,
    }
}

fn describe(e: &JsValue) -> String {
    match get(e, "code").as_string() {
        Some(code) => format!("IdvError {code} field={:?}", get(e, "field").as_string()),
        None => format!("{e:?}"),
    }
}

/// Checks `e` is a JS `IdvError` (and an `Error`) with this `api` and
/// `code`, whose `message` holds none of `secrets`. Returns `e` for more checks.
pub fn expect_error<'a>(e: &'a JsValue, api: &str, code: &str, secrets: &[&str]) -> &'a JsValue {
    assert!(idv_edge::bindings::is_idv_error(e), "not an IdvError: {e:?}");
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert_eq!(get(e, "name").as_string().as_deref(), Some("IdvError"));
    assert_eq!(get(e, "code").as_string().as_deref(), Some(code), "code of {}", describe(e));
    assert_eq!(get(e, "api").as_string().as_deref(), Some(api), "api of {}", describe(e));
    let message = get_str(e, "message");
    assert!(!message.is_empty(), "empty message");
    for s in secrets.iter().chain([&PLANTED]) {
        assert!(!message.contains(s), "message {message:?} leaks {s:?}");
    }
    // `String(e)` and `e.stack` are what loggers print.
    let shown: String = e.unchecked_ref::<js_sys::Error>().to_string().into();
    let stack = get(e, "stack").as_string().unwrap_or_default();
    for s in secrets.iter().chain([&PLANTED]) {
        assert!(!shown.contains(s), "String(error) leaks {s:?}");
        assert!(!stack.contains(s), "error.stack leaks {s:?}");
    }
    assert!(Array::is_array(&get(e, "fields")), "fields is not an array");
    assert!(get(e, "retryable").as_bool().is_some(), "retryable is not a boolean");
    e
}

pub fn status(e: &JsValue) -> Option<f64> {
    get(e, "status").as_f64()
}

pub fn retryable(e: &JsValue) -> bool {
    get(e, "retryable").as_bool().expect("retryable")
}

pub fn field(e: &JsValue) -> Option<String> {
    get(e, "field").as_string()
}

/// `INVALID_ARGUMENT` on `field_name`, not retryable, no status.
pub fn expect_invalid_argument(e: &JsValue, api: &str, field_name: &str, secrets: &[&str]) {
    expect_error(e, api, "INVALID_ARGUMENT", secrets);
    assert_eq!(field(e).as_deref(), Some(field_name), "field of INVALID_ARGUMENT");
    assert!(!retryable(e));
    assert_eq!(status(e), None);
}

/// A runner-appropriate base for client options: `dangerouslyAllowBrowser`
/// only in the browser runner.
pub fn with_browser_flag(o: &Object) -> &Object {
    if crate::IN_BROWSER {
        set(o, "dangerouslyAllowBrowser", &JsValue::TRUE);
    }
    o
}

// ---------------------------------------------------------------------------
// Browser refusal (API.md principle 4): the two runners expect opposite things.

/// Options for each client over a fake fetch, without `dangerouslyAllowBrowser`
/// (`flag`: `None` leaves it out, `Some(b)` sets it).
fn refusal_options(fake: &FakeFetch, flag: Option<bool>) -> (Object, Object) {
    let c = obj(&[("apiKey", caisson::KEY.into()), ("fetch", fake.function())]);
    let g = obj(&[("apiKey", goldstar::KEY.into()), ("domain", goldstar::DOMAIN.into()), ("fetch", fake.function())]);
    if let Some(b) = flag {
        set(&c, "dangerouslyAllowBrowser", &JsValue::from_bool(b));
        set(&g, "dangerouslyAllowBrowser", &JsValue::from_bool(b));
    }
    (c, g)
}

/// In a browser page: both clients refuse to be built without the flag.
pub async fn clients_refuse_a_browser_page() {
    assert!(idv_edge::bindings::in_browser(), "this runner should be a browser page");
    let fake = FakeFetch::new(vec![]);
    for flag in [None, Some(false)] {
        let (c, g) = refusal_options(&fake, flag);
        let e = caisson::new_client(&c).err().expect("CaissonClient built in a browser page");
        expect_error(&e, "caisson", "BROWSER_NOT_ALLOWED", &[caisson::KEY]);
        assert!(!retryable(&e));
        let e = goldstar::new_client(&g).err().expect("GoldstarClient built in a browser page");
        expect_error(&e, "goldstar", "BROWSER_NOT_ALLOWED", &[goldstar::KEY]);
    }
    // With the flag they work.
    let (c, g) = refusal_options(&fake, Some(true));
    assert!(caisson::new_client(&c).is_ok());
    assert!(goldstar::new_client(&g).is_ok());
    assert_eq!(fake.attempts(), 0);
}

/// On a server runtime: no flag needed.
pub async fn clients_build_outside_a_browser() {
    assert!(!idv_edge::bindings::in_browser(), "this runner should not look like a browser");
    let fake = FakeFetch::new(vec![json(200, r#"{"check_id":"chk_priv_chk456"}"#)]);
    for flag in [None, Some(false), Some(true)] {
        let (c, g) = refusal_options(&fake, flag);
        assert!(goldstar::new_client(&g).is_ok());
        let client = caisson::new_client(&c).unwrap_or_else(|e| panic!("refused: {:?}", get(&e, "code")));
        let r = ok(client.exchange_token(JsValue::from_str(caisson::TOKEN), None)).await;
        assert_eq!(get_str(&r, "check_id"), caisson::CHECK_ID);
    }
}

// ---------------------------------------------------------------------------
// The runners' test list.

/// Expands to one `#[wasm_bindgen_test]` per shared case. Invoke once at the
/// crate root of a runner (after `mod wasm_common;` and `const IN_BROWSER`).
#[macro_export]
macro_rules! shared_tests {
    () => {
        $crate::shared_tests!(@mods
            caisson [
                construction_errors,
                construction_accepts_loopback_http,
                exchange_token_happy_path,
                get_id_check_with_fields,
                get_id_check_without_fields_and_unknown_reason_codes,
                unknown_field_is_refused_before_fetch,
                swapped_or_bad_ids_are_refused_before_fetch,
                unauthorized_401,
                unauthorized_401_wins_over_body_code,
                not_verified_with_http_200_is_not_auto_retried,
                pending_review_is_not_auto_retried,
                idcheck_expired,
                idcheck_deleted,
                invalid_input_carries_description,
                undocumented_error_code_in_200,
                internal_error_500_is_retried_then_reported,
                server_error_503_html_is_retried,
                server_error_then_success,
                rate_limited_429_honours_retry_after,
                rate_limited_retry_after_over_a_minute_is_not_retried,
                http_408_is_timeout_and_retried,
                not_found_404_is_not_retried,
                non_json_200_is_invalid_response,
                wrong_shape_200_is_invalid_response,
                max_retries_zero_means_one_attempt,
                hanging_fetch_times_out_and_aborts,
                synchronous_throw_is_network_and_client_survives,
                non_error_rejection_is_network_and_client_survives,
                non_response_resolution_is_invalid_response,
                body_over_1_mib_is_invalid_response,
                declared_content_length_over_1_mib_is_invalid_response,
                stalled_body_times_out,
                global_fetch_is_looked_up_per_call,
                request_builders_send_nothing,
                parse_methods_validate_responses,
                exchange_store_answers_the_repeat,
                exchange_store_put_rejection_is_network_on_store,
                exchange_store_get_failures,
                describe_reason_and_assess,
            ]
            goldstar [
                construction_errors,
                loopback_domain_is_http,
                ping_returns_the_server_time,
                ping_503_is_retried,
                ping_401_is_not_retried,
                verify_identity_pass_and_request_shape,
                verify_identity_hard_fail_interprets_qualifiers,
                soft_fail_then_verify_answers,
                verify_answers_fail_summary,
                verify_answers_checks_choices_before_fetch,
                numeric_id_past_2_pow_53_is_kept_exactly,
                model_state_422_names_fields_only,
                status_errors_each_once,
                id_error_key_is_bad_request,
                verify_calls_are_never_retried,
                invalid_person_is_refused_before_fetch,
                request_builders_send_nothing,
                parse_methods_validate_responses,
            ]
        );
        $crate::shared_tests!(@mods
            sandbox [
                sandbox_caisson_clean_pass_with_fields,
                sandbox_caisson_fields_filter,
                sandbox_caisson_presets_interpreted,
                sandbox_caisson_every_error_code,
                sandbox_caisson_time_windows,
                sandbox_caisson_pending_then_complete,
                sandbox_bad_scenarios_name_the_field,
                sandbox_goldstar_pass_hard_soft_and_answers,
                sandbox_goldstar_errors,
            ]
        );
        $crate::shared_tests!(@named
            caisson_bodies = caisson [
                parse_with_a_consumed_body_is_an_idv_error,
                fetch_returning_a_used_response_is_an_idv_error,
                response_like_with_synchronous_array_buffer_works,
            ]
        );
    };
    (@named $($test_mod:ident = $module:ident [$($name:ident),* $(,)?])*) => {
        $(
            mod $test_mod {
                $(
                    #[wasm_bindgen_test::wasm_bindgen_test]
                    async fn $name() {
                        crate::wasm_common::$module::$name().await
                    }
                )*
            }
        )*
    };
    (@mods $($module:ident [$($name:ident),* $(,)?])*) => {
        $(
            mod $module {
                $(
                    #[wasm_bindgen_test::wasm_bindgen_test]
                    async fn $name() {
                        crate::wasm_common::$module::$name().await
                    }
                )*
            }
        )*
    };
}
