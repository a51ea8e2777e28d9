//! `CaissonClient` over a fake fetch: construction, both calls, every error
//! code, retries, timeouts, hostile fetch results, the request builders, the
//! parse methods and the exchange store.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use idv_edge::bindings::CaissonClient;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::*;

pub const API: &str = "caisson";
pub const KEY: &str = "sk_test_CAISSONKEY_9c1d2e";
pub const BASE: &str = "https://api.caisson.test";
pub const TOKEN: &str = "chk_xchg_tok123";
pub const CHECK_ID: &str = "chk_priv_chk456";

const EXCHANGED: &str = r#"{"check_id":"chk_priv_chk456"}"#;

/// A result in the doc's shape, with the optional `dob` and `address`.
const RESULT: &str = r#"{
  "check_id": "chk_priv_chk456",
  "customer_id": "cust_42",
  "checked_on": "2024-05-01T12:00:00Z",
  "confidence": {
    "document": "high",
    "face": "medium",
    "reasons": [
      {"code": 201, "description": "The selfie was not positioned properly"},
      {"code": 102, "description": "Date of birth mismatch"}
    ]
  },
  "info": {
    "first_name": "Jane",
    "last_name": "Doe",
    "dob": "1990-02-03T00:00:00Z",
    "address": {"street": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701"}
  }
}"#;

/// Options for a client over `fake`: the key, a test base URL, a 5 s
/// timeout, the default 2 retries, and the browser flag where needed.
pub fn options(fake: &FakeFetch) -> Object {
    let o = obj(&[
        ("apiKey", KEY.into()),
        ("baseUrl", BASE.into()),
        ("timeoutMs", JsValue::from_f64(5000.0)),
        ("maxRetries", JsValue::from_f64(2.0)),
        ("fetch", fake.function()),
    ]);
    with_browser_flag(&o);
    o
}

pub fn new_client(o: &Object) -> Result<CaissonClient, JsValue> {
    CaissonClient::new(o.clone().unchecked_into())
}

pub fn client(o: &Object) -> CaissonClient {
    new_client(o).unwrap_or_else(|e| panic!("construction failed: {:?}", get(&e, "message")))
}

/// A client over a new fake with `steps` and `maxRetries`.
pub fn scripted(steps: Vec<Step>, max_retries: u32) -> (CaissonClient, FakeFetch) {
    let fake = FakeFetch::new(steps);
    let o = options(&fake);
    set(&o, "maxRetries", &JsValue::from_f64(f64::from(max_retries)));
    (client(&o), fake)
}

pub fn exchange(c: &CaissonClient, token: &str) -> Promise {
    c.exchange_token(JsValue::from_str(token), None)
}

pub fn get_check(c: &CaissonClient, check_id: &str, fields: Option<&[&str]>) -> Promise {
    let opts = fields.map(|f| obj(&[("fields", strs(f))]).unchecked_into());
    c.get_id_check(JsValue::from_str(check_id), opts)
}

/// The exchange over `steps` must fail: returns the error and the fake.
async fn exchange_fails(steps: Vec<Step>, max_retries: u32) -> (JsValue, FakeFetch) {
    let (c, fake) = scripted(steps, max_retries);
    let e = fails(exchange(&c, TOKEN)).await;
    (e, fake)
}

async fn get_check_fails(steps: Vec<Step>, max_retries: u32) -> (JsValue, FakeFetch) {
    let (c, fake) = scripted(steps, max_retries);
    let e = fails(get_check(&c, CHECK_ID, None)).await;
    (e, fake)
}

// ---------------------------------------------------------------------------
// Construction.

pub async fn construction_errors() {
    let fake = FakeFetch::new(vec![]);
    type Edit = fn(&Object);
    let cases: Vec<(&str, Edit)> = vec![
        ("apiKey", |o| del(o, "apiKey")),
        ("apiKey", |o| set(o, "apiKey", &"".into())),
        ("apiKey", |o| set(o, "apiKey", &JsValue::from_f64(42.0))),
        ("apiKey", |o| set(o, "apiKey", &"has a space".into())),
        ("baseUrl", |o| set(o, "baseUrl", &"http://api.caisson.test".into())),
        ("baseUrl", |o| set(o, "baseUrl", &"http://10.0.0.1:8080".into())),
        ("baseUrl", |o| set(o, "baseUrl", &"ftp://api.caisson.test".into())),
        ("baseUrl", |o| set(o, "baseUrl", &"https://user:pw@api.caisson.test".into())),
        ("baseUrl", |o| set(o, "baseUrl", &"https://api.caisson.test/?q=1".into())),
        ("baseUrl", |o| set(o, "baseUrl", &JsValue::from_f64(1.0))),
        ("timeoutMs", |o| set(o, "timeoutMs", &"50".into())),
        ("timeoutMs", |o| set(o, "timeoutMs", &JsValue::from_f64(0.0))),
        ("timeoutMs", |o| set(o, "timeoutMs", &JsValue::from_f64(1.5))),
        ("timeoutMs", |o| set(o, "timeoutMs", &JsValue::from_f64(f64::NAN))),
        ("timeoutMs", |o| set(o, "timeoutMs", &JsValue::from_f64(600_001.0))),
        ("maxRetries", |o| set(o, "maxRetries", &"2".into())),
        ("maxRetries", |o| set(o, "maxRetries", &JsValue::from_f64(-1.0))),
        ("maxRetries", |o| set(o, "maxRetries", &JsValue::from_f64(11.0))),
        ("maxRetries", |o| set(o, "maxRetries", &JsValue::TRUE)),
        ("fetch", |o| set(o, "fetch", &"fetch".into())),
        ("fetch", |o| set(o, "fetch", &Object::new().into())),
        ("dangerouslyAllowBrowser", |o| set(o, "dangerouslyAllowBrowser", &"yes".into())),
    ];
    for (expected, edit) in cases {
        let o = options(&fake);
        edit(&o);
        let e = match new_client(&o) {
            Ok(_) => panic!("construction accepted a bad {expected}"),
            Err(e) => e,
        };
        expect_invalid_argument(&e, API, expected, &[KEY]);
    }
    // Options that are not an object.
    let e = CaissonClient::new(JsValue::from_str(KEY).unchecked_into()).err().expect("a string as options");
    expect_invalid_argument(&e, API, "options", &[KEY]);
    let e = CaissonClient::new(JsValue::UNDEFINED.unchecked_into()).err().expect("no options");
    expect_invalid_argument(&e, API, "apiKey", &[]);
    assert_eq!(fake.attempts(), 0);
}

pub async fn construction_accepts_loopback_http() {
    let fake = FakeFetch::new(vec![]);
    for (base, url) in [
        ("http://localhost:8787", "http://localhost:8787/v1/idcheck/exchangetoken"),
        ("http://127.0.0.1", "http://127.0.0.1/v1/idcheck/exchangetoken"),
        ("http://[::1]:9000/", "http://[::1]:9000/v1/idcheck/exchangetoken"),
        ("HTTPS://API.Caisson.test/prefix/", "https://api.caisson.test/prefix/v1/idcheck/exchangetoken"),
    ] {
        let o = options(&fake);
        set(&o, "baseUrl", &base.into());
        let c = client(&o);
        let req = c.exchange_token_request(JsValue::from_str(TOKEN)).expect("request").unchecked_into::<web_sys::Request>();
        assert_eq!(req.url(), url, "{base}");
    }
    // No baseUrl: the documented default.
    let o = options(&fake);
    del(&o, "baseUrl");
    let req = client(&o).exchange_token_request(JsValue::from_str(TOKEN)).unwrap().unchecked_into::<web_sys::Request>();
    assert_eq!(req.url(), "https://api.caisson.com/v1/idcheck/exchangetoken");
    assert_eq!(fake.attempts(), 0);
}

// ---------------------------------------------------------------------------
// The two calls.

pub async fn exchange_token_happy_path() {
    let (c, fake) = scripted(vec![json(200, EXCHANGED)], 2);
    let result = ok(exchange(&c, TOKEN)).await;
    assert_eq!(get_str(&result, "check_id"), CHECK_ID);
    assert_eq!(keys(&result), ["check_id"]);
    assert_eq!(fake.attempts(), 1);

    let call = fake.call(0);
    assert!(call.arg.is_instance_of::<web_sys::Request>(), "fetch got something that is not a Request");
    assert_eq!(call.method(), "POST");
    assert_eq!(call.url(), format!("{BASE}/v1/idcheck/exchangetoken"));
    assert_eq!(call.header("Authorization").as_deref(), Some(format!("Caisson {KEY}").as_str()));
    assert_eq!(call.header("Content-Type").as_deref(), Some("application/json"));
    assert_eq!(call.header("Accept").as_deref(), Some("application/json"));
    assert_eq!(call.header("X-Caisson-CheckID"), None);
    let body = parse_json(&call.body().await);
    assert_eq!(get_str(&body, "check_exchange_token"), TOKEN);
    assert_eq!(keys(&body), ["check_exchange_token"]);
}

pub async fn get_id_check_with_fields() {
    let (c, fake) = scripted(vec![json(200, RESULT)], 2);
    let r = ok(get_check(&c, CHECK_ID, Some(&["dob", "address"]))).await;
    assert_eq!(fake.attempts(), 1);

    let call = fake.call(0);
    assert_eq!(call.method(), "GET");
    assert_eq!(call.url(), format!("{BASE}/v1/idcheck?fields=dob,address"));
    assert_eq!(call.header("X-Caisson-CheckID").as_deref(), Some(CHECK_ID));
    assert_eq!(call.header("Authorization").as_deref(), Some(format!("Caisson {KEY}").as_str()));
    assert!(!call.url().contains(CHECK_ID), "the check id travels in a header, not the URL");
    assert_eq!(call.body().await, "");

    // The doc's shape, field names kept.
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    assert_eq!(get_str(&r, "customer_id"), "cust_42");
    assert_eq!(get_str(&r, "checked_on"), "2024-05-01T12:00:00Z");
    assert_eq!(at_str(&r, "confidence.document"), "high");
    assert_eq!(at_str(&r, "confidence.face"), "medium");
    assert_eq!(at_str(&r, "info.first_name"), "Jane");
    assert_eq!(at_str(&r, "info.last_name"), "Doe");
    assert_eq!(at_str(&r, "info.dob"), "1990-02-03T00:00:00Z");
    assert_eq!(at_str(&r, "info.address.street"), "1 Main St");
    assert_eq!(at_str(&r, "info.address.zip"), "62701");
    assert!(!keys(&at(&r, "info")).contains(&"sex".to_string()), "sex was not sent, so not present");

    // Reasons keep code and description and gain the interpretation.
    let reasons = at(&r, "confidence.reasons");
    assert_eq!(array_len(&reasons), 2);
    let selfie = at(&reasons, "0");
    assert_eq!(get(&selfie, "code").as_f64(), Some(201.0));
    assert_eq!(get_str(&selfie, "description"), "The selfie was not positioned properly");
    assert_eq!(get_str(&selfie, "category"), "selfie");
    assert!(!get_str(&selfie, "userAction").is_empty());
    assert_eq!(get(&selfie, "retryable").as_bool(), Some(true));
    assert!(get(&selfie, "field").is_undefined());
    let dob = at(&reasons, "1");
    assert_eq!(get(&dob, "code").as_f64(), Some(102.0));
    assert_eq!(get_str(&dob, "category"), "data_mismatch");
    assert_eq!(get_str(&dob, "field"), "dob");
    assert!(get(&dob, "userAction").is_null(), "nothing the person does fixes a mismatch");
    assert_eq!(get(&dob, "retryable").as_bool(), Some(false));
}

pub async fn get_id_check_without_fields_and_unknown_reason_codes() {
    let body = r#"{"check_id":"chk_priv_chk456","customer_id":"c","checked_on":"2024-05-01T12:00:00.123+02:00",
        "confidence":{"document":"low","face":"high","reasons":[
            {"code":103,"description":"undocumented mismatch"},
            {"code":250,"description":"undocumented selfie"},
            {"code":999,"description":"from the future"}]},
        "info":{"first_name":"","last_name":"X","sex":"F"}}"#;
    let (c, fake) = scripted(vec![json(200, body)], 2);
    let r = ok(get_check(&c, CHECK_ID, None)).await;
    assert_eq!(fake.call(0).url(), format!("{BASE}/v1/idcheck"));
    let reasons = at(&r, "confidence.reasons");
    assert_eq!(array_len(&reasons), 3);
    for (i, code, category, description) in [
        (0, 103.0, "data_mismatch", "undocumented mismatch"),
        (1, 250.0, "selfie", "undocumented selfie"),
        (2, 999.0, "unknown", "from the future"),
    ] {
        let reason = at(&reasons, &i.to_string());
        assert_eq!(get(&reason, "code").as_f64(), Some(code));
        assert_eq!(get_str(&reason, "category"), category, "code {code}");
        assert_eq!(get_str(&reason, "description"), description);
        assert!(get(&reason, "userAction").is_null());
        assert_eq!(get(&reason, "retryable").as_bool(), Some(false));
    }
    assert_eq!(at_str(&r, "info.sex"), "F");
    assert!(at(&r, "info.address").is_undefined());
    assert!(at(&r, "info.dob").is_undefined());
}

pub async fn unknown_field_is_refused_before_fetch() {
    let (c, fake) = scripted(vec![json(200, RESULT)], 2);
    let e = fails(get_check(&c, CHECK_ID, Some(&["dob", "ssn"]))).await;
    expect_invalid_argument(&e, API, "fields[1]", &[KEY]);
    // `fields` that is not an array of strings.
    let opts = obj(&[("fields", "dob".into())]);
    let e = fails(c.get_id_check(JsValue::from_str(CHECK_ID), Some(opts.unchecked_into()))).await;
    expect_invalid_argument(&e, API, "fields", &[KEY]);
    let items: js_sys::Array = [JsValue::from_str("dob"), JsValue::from_f64(1.0)].iter().collect();
    let opts = obj(&[("fields", items.into())]);
    let e = fails(c.get_id_check(JsValue::from_str(CHECK_ID), Some(opts.unchecked_into()))).await;
    expect_invalid_argument(&e, API, "fields[1]", &[KEY]);
    assert_eq!(fake.attempts(), 0);
}

pub async fn swapped_or_bad_ids_are_refused_before_fetch() {
    let (c, fake) = scripted(vec![json(200, EXCHANGED)], 2);
    // A check id where the token is due, and the reverse.
    let e = fails(exchange(&c, CHECK_ID)).await;
    expect_invalid_argument(&e, API, "token", &[KEY, CHECK_ID]);
    let e = fails(get_check(&c, TOKEN, None)).await;
    expect_invalid_argument(&e, API, "checkId", &[KEY, TOKEN]);
    // Not identifiers at all: the value is never echoed.
    let bad = format!("{PLANTED} x");
    let e = fails(exchange(&c, &bad)).await;
    expect_invalid_argument(&e, API, "token", &[KEY]);
    let e = fails(get_check(&c, "", None)).await;
    expect_invalid_argument(&e, API, "checkId", &[KEY]);
    let e = fails(get_check(&c, &"a".repeat(257), None)).await;
    expect_invalid_argument(&e, API, "checkId", &[KEY]);
    let e = fails(exchange(&c, "tok\r\nX-Injected: 1")).await;
    expect_invalid_argument(&e, API, "token", &["X-Injected"]);
    // Not strings.
    let e = fails(c.exchange_token(JsValue::from_f64(12.0), None)).await;
    expect_invalid_argument(&e, API, "token", &[KEY]);
    let e = fails(c.get_id_check(JsValue::UNDEFINED, None)).await;
    expect_invalid_argument(&e, API, "checkId", &[KEY]);
    assert_eq!(fake.attempts(), 0);
}

// ---------------------------------------------------------------------------
// Error codes from responses.

pub async fn unauthorized_401() {
    let body = format!(r#"{{"error":"unauthorized","error_description":"bad key {PLANTED}"}}"#);
    let (e, fake) = exchange_fails(vec![json(401, &body)], 2).await;
    expect_error(&e, API, "UNAUTHORIZED", &[KEY]);
    assert_eq!(status(&e), Some(401.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1);
}

pub async fn unauthorized_401_wins_over_body_code() {
    let (e, fake) = get_check_fails(vec![json(401, r#"{"error":"INTERNAL_ERROR"}"#)], 2).await;
    expect_error(&e, API, "UNAUTHORIZED", &[KEY]);
    assert_eq!(status(&e), Some(401.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1, "401 is not retried even with a retryable code in the body");
}

pub async fn not_verified_with_http_200_is_not_auto_retried() {
    let body = format!(r#"{{"error":"NOT_VERIFIED","error_description":"Not finished yet {PLANTED}"}}"#);
    let (e, fake) = get_check_fails(vec![json(200, &body)], 2).await;
    expect_error(&e, API, "NOT_VERIFIED", &[KEY]);
    assert_eq!(status(&e), Some(200.0));
    assert!(retryable(&e), "NOT_VERIFIED: ask again later");
    assert_eq!(get_str(&e, "description"), format!("Not finished yet {PLANTED}"));
    assert_eq!(fake.attempts(), 1, "the caller polls; no automatic retry");
}

pub async fn pending_review_is_not_auto_retried() {
    let (e, fake) =
        get_check_fails(vec![json(200, r#"{"error":"PENDING_REVIEW","error_message":"Under review"}"#)], 2).await;
    expect_error(&e, API, "PENDING_REVIEW", &[KEY]);
    assert_eq!(status(&e), Some(200.0));
    assert!(retryable(&e));
    assert_eq!(get_str(&e, "description"), "Under review");
    assert_eq!(fake.attempts(), 1);
}

pub async fn idcheck_expired() {
    let (e, fake) = exchange_fails(
        vec![json(400, r#"{"error":"IDCHECK_EXPIRED","error_description":"The exchange token has expired"}"#)],
        2,
    ).await;
    expect_error(&e, API, "IDCHECK_EXPIRED", &[KEY]);
    assert_eq!(status(&e), Some(400.0));
    assert!(!retryable(&e));
    assert_eq!(get_str(&e, "description"), "The exchange token has expired");
    assert_eq!(fake.attempts(), 1);
}

pub async fn idcheck_deleted() {
    // The documented code in the body wins over 404.
    let (e, fake) = get_check_fails(vec![json(404, r#"{"error":"IDCHECK_DELETED"}"#)], 2).await;
    expect_error(&e, API, "IDCHECK_DELETED", &[KEY]);
    assert_eq!(status(&e), Some(404.0));
    assert!(!retryable(&e));
    assert!(get(&e, "description").is_undefined());
    assert_eq!(fake.attempts(), 1);
}

pub async fn invalid_input_carries_description() {
    let body = format!(
        r#"{{"error":"INVALID_INPUT","error_description":"check_exchange_token is malformed: {PLANTED}","error_message":"other text"}}"#
    );
    let (e, fake) = exchange_fails(vec![json(400, &body)], 2).await;
    expect_error(&e, API, "INVALID_INPUT", &[KEY, "malformed"]);
    assert_eq!(status(&e), Some(400.0));
    assert!(!retryable(&e));
    assert_eq!(get_str(&e, "description"), format!("check_exchange_token is malformed: {PLANTED}"));
    assert_eq!(fake.attempts(), 1);
    // Only `error_message`: that one is the description.
    let (e, _) = exchange_fails(vec![json(400, r#"{"error":"INVALID_INPUT","error_message":"from a sample server"}"#)], 0).await;
    assert_eq!(get_str(&e, "description"), "from a sample server");
}

pub async fn undocumented_error_code_in_200() {
    let body = format!(r#"{{"error":"{PLANTED}","check_id":"chk_priv_x"}}"#);
    let (e, fake) = exchange_fails(vec![json(200, &body)], 2).await;
    expect_error(&e, API, "BAD_REQUEST", &[KEY]);
    assert_eq!(status(&e), Some(200.0));
    assert_eq!(fake.attempts(), 1);
}

pub async fn internal_error_500_is_retried_then_reported() {
    let (e, fake) = exchange_fails(vec![json(500, r#"{"error":"INTERNAL_ERROR","error_description":"oops"}"#)], 2).await;
    expect_error(&e, API, "INTERNAL_ERROR", &[KEY]);
    assert_eq!(status(&e), Some(500.0));
    assert!(retryable(&e));
    assert_eq!(fake.attempts(), 3, "1 attempt + maxRetries 2");
    // Backoff: 500 ms x 2^n at 75-100 % (a little slack for timer rounding).
    let gap1 = fake.call(1).at - fake.call(0).at;
    let gap2 = fake.call(2).at - fake.call(1).at;
    assert!((360.0..1500.0).contains(&gap1), "first backoff {gap1} ms");
    assert!((730.0..2500.0).contains(&gap2), "second backoff {gap2} ms");
}

pub async fn server_error_503_html_is_retried() {
    let html = format!("<html><body>Service Unavailable {PLANTED}</body></html>");
    let (e, fake) = get_check_fails(vec![respond(503, &[("Content-Type", "text/html")], &html)], 1).await;
    expect_error(&e, API, "SERVER_ERROR", &[KEY]);
    assert_eq!(status(&e), Some(503.0));
    assert!(retryable(&e));
    assert_eq!(fake.attempts(), 2, "1 attempt + maxRetries 1");
}

pub async fn server_error_then_success() {
    let (c, fake) = scripted(vec![respond(502, &[("Content-Type", "text/html")], "<h1>Bad gateway</h1>"), json(200, EXCHANGED)], 2);
    let r = ok(exchange(&c, TOKEN)).await;
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    assert_eq!(fake.attempts(), 2);
    // The same request again: same URL, headers and body.
    assert_eq!(fake.call(1).url(), fake.call(0).url());
    assert_eq!(fake.call(1).header("Authorization"), fake.call(0).header("Authorization"));
    assert_eq!(fake.call(1).body().await, fake.call(0).body().await);
}

pub async fn rate_limited_429_honours_retry_after() {
    let (c, fake) = scripted(vec![respond(429, &[("Retry-After", "1")], ""), json(200, EXCHANGED)], 2);
    let started = now();
    let r = ok(exchange(&c, TOKEN)).await;
    let elapsed = now() - started;
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    assert_eq!(fake.attempts(), 2);
    assert!(elapsed >= 900.0, "Retry-After: 1 was not honoured ({elapsed} ms)");
    let gap = fake.call(1).at - fake.call(0).at;
    assert!(gap >= 900.0, "retried after {gap} ms");
}

pub async fn rate_limited_retry_after_over_a_minute_is_not_retried() {
    let (e, fake) = exchange_fails(vec![respond(429, &[("Retry-After", "120")], "")], 2).await;
    expect_error(&e, API, "RATE_LIMITED", &[KEY]);
    assert_eq!(status(&e), Some(429.0));
    assert!(retryable(&e));
    assert_eq!(get(&e, "retryAfterMs").as_f64(), Some(120_000.0));
    assert_eq!(fake.attempts(), 1, "a server asking for more than 60 s is not retried");
}

pub async fn http_408_is_timeout_and_retried() {
    let (e, fake) = exchange_fails(vec![respond(408, &[], "")], 1).await;
    expect_error(&e, API, "TIMEOUT", &[KEY]);
    assert_eq!(status(&e), Some(408.0));
    assert!(retryable(&e));
    assert_eq!(fake.attempts(), 2);
}

pub async fn not_found_404_is_not_retried() {
    let (e, fake) = get_check_fails(vec![json(404, r#"{"message":"no such route"}"#)], 2).await;
    expect_error(&e, API, "NOT_FOUND", &[KEY]);
    assert_eq!(status(&e), Some(404.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1);
}

pub async fn non_json_200_is_invalid_response() {
    let html = format!("<html>{PLANTED}</html>");
    // Claims JSON, is not.
    let (e, fake) = exchange_fails(vec![respond(200, &[("Content-Type", "application/json")], &html)], 2).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(status(&e), Some(200.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1);
    // JSON, labelled as HTML.
    let (e, fake) = exchange_fails(vec![respond(200, &[("Content-Type", "text/html")], EXCHANGED)], 2).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(fake.attempts(), 1);
    // Empty 200 and 204.
    let (e, _) = exchange_fails(vec![respond(200, &[], "")], 0).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    let (e, _) = exchange_fails(vec![respond(204, &[], "")], 0).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
}

pub async fn wrong_shape_200_is_invalid_response() {
    let (e, fake) = exchange_fails(vec![json(200, r#"{"check_id":42}"#)], 2).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("check_id"));
    assert_eq!(fake.attempts(), 1);
    let body = RESULT.replace(r#""code": 201"#, &format!(r#""code": "{PLANTED}""#));
    let (e, _) = get_check_fails(vec![json(200, &body)], 0).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("confidence.reasons[0].code"));
    let body = RESULT.replace(r#""face": "medium""#, &format!(r#""face": "{PLANTED}""#));
    let (e, _) = get_check_fails(vec![json(200, &body)], 0).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("confidence.face"));
    let (e, _) = get_check_fails(vec![json(200, "[]")], 0).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
}

// ---------------------------------------------------------------------------
// Transport: retries, timeouts, hostile fetch results.

pub async fn max_retries_zero_means_one_attempt() {
    let (e, fake) = exchange_fails(vec![json(503, "{}")], 0).await;
    expect_error(&e, API, "SERVER_ERROR", &[KEY]);
    assert_eq!(fake.attempts(), 1);
}

pub async fn hanging_fetch_times_out_and_aborts() {
    let fake = FakeFetch::new(vec![Step::Hang]);
    let o = options(&fake);
    set(&o, "timeoutMs", &JsValue::from_f64(50.0));
    set(&o, "maxRetries", &JsValue::from_f64(1.0));
    let c = client(&o);
    let started = now();
    let e = fails(exchange(&c, TOKEN)).await;
    let elapsed = now() - started;
    expect_error(&e, API, "TIMEOUT", &[KEY]);
    assert_eq!(status(&e), None);
    assert!(retryable(&e));
    assert_eq!(fake.attempts(), 2, "1 attempt + maxRetries 1");
    // Two 50 ms timeouts and a 375-500 ms backoff.
    assert!(elapsed >= 400.0, "gave up after {elapsed} ms");
    assert!(elapsed < 5000.0, "took {elapsed} ms");
    for i in 0..2 {
        assert!(fake.call(i).request().signal().aborted(), "attempt {i} was not aborted");
    }
    // The instance still works.
    fake.then(vec![json(200, EXCHANGED)]);
    assert_eq!(get_str(&ok(exchange(&c, TOKEN)).await, "check_id"), CHECK_ID);
}

pub async fn synchronous_throw_is_network_and_client_survives() {
    let (c, fake) = scripted(
        vec![Step::Throw(js_error(&format!("boom {PLANTED} {KEY}"))), Step::Throw(JsValue::from_str(PLANTED))],
        1,
    );
    let e = fails(exchange(&c, TOKEN)).await;
    expect_error(&e, API, "NETWORK", &[KEY]);
    assert_eq!(status(&e), None);
    assert!(retryable(&e));
    assert_eq!(fake.attempts(), 2, "NETWORK is retried");
    // A later call on the same client: the instance survived.
    fake.then(vec![json(200, EXCHANGED)]);
    let r = ok(exchange(&c, TOKEN)).await;
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    assert_eq!(fake.attempts(), 3);
}

pub async fn non_error_rejection_is_network_and_client_survives() {
    let (c, fake) = scripted(vec![Step::Reject(JsValue::from_str(PLANTED)), Step::Reject(JsValue::UNDEFINED)], 1);
    let e = fails(get_check(&c, CHECK_ID, None)).await;
    expect_error(&e, API, "NETWORK", &[KEY]);
    assert!(retryable(&e));
    assert_eq!(fake.attempts(), 2);
    fake.then(vec![Step::Reject(JsValue::NULL)]);
    let e = fails(c.get_id_check(JsValue::from_str(CHECK_ID), None)).await;
    expect_error(&e, API, "NETWORK", &[KEY]);
    fake.then(vec![json(200, RESULT)]);
    let r = ok(get_check(&c, CHECK_ID, None)).await;
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    // A rejection named TimeoutError (AbortSignal.timeout) is TIMEOUT.
    let timeout_error = obj(&[("name", "TimeoutError".into()), ("message", PLANTED.into())]);
    let (e, fake) = exchange_fails(vec![Step::Reject(timeout_error.into())], 0).await;
    expect_error(&e, API, "TIMEOUT", &[KEY]);
    assert_eq!(fake.attempts(), 1);
}

pub async fn non_response_resolution_is_invalid_response() {
    let (c, fake) = scripted(vec![Step::Resolve(obj(&[("status", JsValue::from_f64(200.0))]).into())], 2);
    let e = fails(exchange(&c, TOKEN)).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1, "INVALID_RESPONSE is not retried");
    for v in [JsValue::from_f64(42.0), JsValue::UNDEFINED, JsValue::from_str(PLANTED), JsValue::NULL] {
        fake.then(vec![Step::Resolve(v)]);
        let e = fails(exchange(&c, TOKEN)).await;
        expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    }
    assert_eq!(fake.attempts(), 5);
    // Still alive.
    fake.then(vec![json(200, EXCHANGED)]);
    assert_eq!(get_str(&ok(exchange(&c, TOKEN)).await, "check_id"), CHECK_ID);
}

pub async fn body_over_1_mib_is_invalid_response() {
    let big = format!(r#"{{"check_id":"chk_priv_x","pad":"{}"}}"#, "a".repeat(1 << 20));
    let (e, fake) = exchange_fails(vec![json(200, &big)], 2).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(status(&e), Some(200.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1);
    // Exactly 1 MiB is fine.
    let prefix = r#"{"check_id":"chk_priv_chk456","pad":""#;
    let pad = (1 << 20) - prefix.len() - 2;
    let exact = format!("{prefix}{}\"}}", "b".repeat(pad));
    assert_eq!(exact.len(), 1 << 20);
    let (c, _) = scripted(vec![json(200, &exact)], 0);
    assert_eq!(get_str(&ok(exchange(&c, TOKEN)).await, "check_id"), CHECK_ID);
}

pub async fn declared_content_length_over_1_mib_is_invalid_response() {
    let (e, fake) = exchange_fails(
        vec![respond(200, &[("Content-Type", "application/json"), ("Content-Length", "2000000")], EXCHANGED)],
        2,
    ).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(fake.attempts(), 1);
}

pub async fn stalled_body_times_out() {
    // Headers arrive, then the body stalls after one byte.
    let make = Function::new_no_args(
        "return new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([123])); } }), \
         { status: 200, headers: { 'Content-Type': 'application/json' } });",
    );
    let stalled = make.call0(&JsValue::UNDEFINED).expect("a stalled Response");
    let fake = FakeFetch::new(vec![Step::Resolve(stalled)]);
    let o = options(&fake);
    set(&o, "timeoutMs", &JsValue::from_f64(50.0));
    set(&o, "maxRetries", &JsValue::from_f64(0.0));
    let c = client(&o);
    let started = now();
    let e = fails(exchange(&c, TOKEN)).await;
    expect_error(&e, API, "TIMEOUT", &[KEY]);
    assert_eq!(fake.attempts(), 1);
    assert!(now() - started < 2000.0, "the body read is inside the per-attempt timeout");
    assert!(fake.call(0).request().signal().aborted());
}

/// Without a `fetch` option, `globalThis.fetch` is looked up at call time.
pub async fn global_fetch_is_looked_up_per_call() {
    let fake = FakeFetch::new(vec![json(200, EXCHANGED)]);
    let o = options(&fake);
    del(&o, "fetch");
    let c = client(&o);
    let global = js_sys::global();
    let original = get(&global, "fetch");
    set(global.unchecked_ref(), "fetch", &fake.function());
    let result = wasm_bindgen_futures::JsFuture::from(exchange(&c, TOKEN)).await;
    set(global.unchecked_ref(), "fetch", &original);
    let r = result.unwrap_or_else(|e| panic!("global fetch not used: {:?}", get(&e, "code")));
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    assert_eq!(fake.attempts(), 1);
    // No global fetch at all: a rejected INVALID_ARGUMENT naming the option.
    set(global.unchecked_ref(), "fetch", &JsValue::UNDEFINED);
    let result = wasm_bindgen_futures::JsFuture::from(exchange(&c, TOKEN)).await;
    set(global.unchecked_ref(), "fetch", &original);
    let e = result.err().expect("no fetch");
    expect_error(&e, API, "INVALID_ARGUMENT", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("fetch"));
    assert_eq!(fake.attempts(), 1);
}

// ---------------------------------------------------------------------------
// Builders and parsers.

pub async fn request_builders_send_nothing() {
    let fake = FakeFetch::new(vec![json(200, EXCHANGED)]);
    let c = client(&options(&fake));

    let req = c.exchange_token_request(JsValue::from_str(TOKEN)).expect("exchange request").unchecked_into::<web_sys::Request>();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.url(), format!("{BASE}/v1/idcheck/exchangetoken"));
    assert_eq!(req.headers().get("Authorization").unwrap().as_deref(), Some(format!("Caisson {KEY}").as_str()));
    assert_eq!(req.headers().get("Content-Type").unwrap().as_deref(), Some("application/json"));
    let body = wasm_bindgen_futures::JsFuture::from(req.text().unwrap()).await.unwrap().as_string().unwrap();
    assert_eq!(get_str(&parse_json(&body), "check_exchange_token"), TOKEN);

    let opts = obj(&[("fields", strs(&["expires_on", "sex", "dob", "dob"]))]);
    let req = c.get_id_check_request(JsValue::from_str(CHECK_ID), Some(opts.unchecked_into())).expect("result request").unchecked_into::<web_sys::Request>();
    assert_eq!(req.method(), "GET");
    assert_eq!(req.url(), format!("{BASE}/v1/idcheck?fields=sex,dob,expires_on"), "the doc's order, each once");
    assert_eq!(req.headers().get("X-Caisson-CheckID").unwrap().as_deref(), Some(CHECK_ID));
    assert_eq!(req.headers().get("Authorization").unwrap().as_deref(), Some(format!("Caisson {KEY}").as_str()));
    let req = c.get_id_check_request(JsValue::from_str(CHECK_ID), None).unwrap().unchecked_into::<web_sys::Request>();
    assert_eq!(req.url(), format!("{BASE}/v1/idcheck"));

    // Bad arguments throw synchronously.
    let e = c.exchange_token_request(JsValue::from_str(CHECK_ID)).err().expect("swapped");
    expect_invalid_argument(&e, API, "token", &[KEY]);
    let e = c.get_id_check_request(JsValue::from_str(TOKEN), None).err().expect("swapped");
    expect_invalid_argument(&e, API, "checkId", &[KEY]);
    let opts = obj(&[("fields", strs(&["ssn"]))]);
    let e = c.get_id_check_request(JsValue::from_str(CHECK_ID), Some(opts.unchecked_into())).err().expect("field");
    expect_invalid_argument(&e, API, "fields[0]", &[KEY]);

    assert_eq!(fake.attempts(), 0, "builders send nothing");
}

fn json_response(status: u16, body: &str) -> web_sys::Response {
    make_response(status, &[("Content-Type".into(), "application/json".into())], Some(body))
}

pub async fn parse_methods_validate_responses() {
    let fake = FakeFetch::new(vec![]);
    let c = client(&options(&fake));

    let r = ok(c.parse_exchange_token(json_response(200, EXCHANGED))).await;
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    let r = ok(c.parse_id_check(json_response(200, RESULT), None)).await;
    assert_eq!(at_str(&r, "confidence.reasons.0.category"), "selfie");
    assert_eq!(at_str(&r, "info.address.city"), "Springfield");

    let e = fails(c.parse_id_check(json_response(200, r#"{"error":"NOT_VERIFIED"}"#), None)).await;
    expect_error(&e, API, "NOT_VERIFIED", &[KEY]);
    let e = fails(c.parse_exchange_token(json_response(401, "{}"))).await;
    expect_error(&e, API, "UNAUTHORIZED", &[KEY]);
    let e = fails(c.parse_exchange_token(json_response(500, r#"{"error":"INTERNAL_ERROR"}"#))).await;
    expect_error(&e, API, "INTERNAL_ERROR", &[KEY]);
    assert_eq!(status(&e), Some(500.0));
    let e = fails(c.parse_id_check(json_response(200, &format!("not json {PLANTED}")), None)).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    let big = format!(r#"{{"check_id":"{}"}}"#, "a".repeat((1 << 20) + 1));
    let e = fails(c.parse_exchange_token(json_response(200, &big))).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    // A caller's own 429 carries its Retry-After, as a sent request's does.
    let limited = || make_response(429, &[("Retry-After".into(), "7".into())], None);
    for e in [fails(c.parse_id_check(limited(), None)).await, fails(c.parse_exchange_token(limited())).await] {
        expect_error(&e, API, "RATE_LIMITED", &[KEY]);
        assert_eq!(get(&e, "retryAfterMs").as_f64(), Some(7_000.0));
    }
    let e = fails(c.parse_id_check(json_response(200, r#"{"error":"NOT_VERIFIED"}"#), None)).await;
    assert!(get(&e, "retryAfterMs").is_undefined());
    // Not a Response: the caller's argument, refused by shape before any read.
    let e = fails(c.parse_id_check(JsValue::from_str("200 OK").unchecked_into(), None)).await;
    expect_error(&e, API, "INVALID_ARGUMENT", &[KEY]);
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("response"));
    assert_eq!(fake.attempts(), 0);
}

// ---------------------------------------------------------------------------
// The exchange store.

#[derive(Clone, Copy, PartialEq)]
pub enum GetMode {
    /// Returns the value (or `undefined`) synchronously.
    Sync,
    /// Returns a promise of it.
    Async,
    /// Throws.
    Throw,
}

#[derive(Clone, Copy, PartialEq)]
pub enum PutMode {
    Resolve,
    Reject,
    Throw,
}

/// A `{ get, put }` store backed by a Rust map, recording every call.
pub struct MemStore {
    pub map: Rc<RefCell<HashMap<String, JsValue>>>,
    pub gets: Rc<RefCell<Vec<String>>>,
    pub puts: Rc<RefCell<Vec<(String, JsValue, JsValue)>>>,
    pub object: Object,
}

impl MemStore {
    pub fn new(get_mode: GetMode, put_mode: PutMode) -> MemStore {
        let map: Rc<RefCell<HashMap<String, JsValue>>> = Rc::default();
        let gets: Rc<RefCell<Vec<String>>> = Rc::default();
        let puts: Rc<RefCell<Vec<(String, JsValue, JsValue)>>> = Rc::default();
        let (m, g) = (map.clone(), gets.clone());
        let get_fn = Closure::<dyn FnMut(JsValue) -> Result<JsValue, JsValue>>::new(move |k: JsValue| {
            let k = k.as_string().unwrap_or_default();
            g.borrow_mut().push(k.clone());
            let v = m.borrow().get(&k).cloned().unwrap_or(JsValue::UNDEFINED);
            match get_mode {
                GetMode::Sync => Ok(v),
                GetMode::Async => Ok(Promise::resolve(&v).into()),
                GetMode::Throw => Err(js_error(PLANTED)),
            }
        });
        let (m, p) = (map.clone(), puts.clone());
        let put_fn = Closure::<dyn FnMut(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
            move |k: JsValue, v: JsValue, opts: JsValue| {
                let k = k.as_string().unwrap_or_default();
                p.borrow_mut().push((k.clone(), v.clone(), opts));
                match put_mode {
                    PutMode::Resolve => {
                        m.borrow_mut().insert(k, v);
                        Ok(Promise::resolve(&JsValue::UNDEFINED).into())
                    }
                    PutMode::Reject => Ok(Promise::reject(&js_error(PLANTED)).into()),
                    PutMode::Throw => Err(JsValue::from_str(PLANTED)),
                }
            },
        );
        let object = obj(&[
            ("get", get_fn.into_js_value().unchecked_into::<Function>().into()),
            ("put", put_fn.into_js_value().unchecked_into::<Function>().into()),
        ]);
        MemStore { map, gets, puts, object }
    }

    pub fn options(&self) -> Object {
        obj(&[("store", self.object.clone().into())])
    }
}

const STORE_KEY_PREFIX: &str = "idv-edge:caisson:exchange:";

pub async fn exchange_store_answers_the_repeat() {
    let (c, fake) = scripted(vec![json(200, EXCHANGED)], 2);
    for mode in [GetMode::Async, GetMode::Sync] {
        let store = MemStore::new(mode, PutMode::Resolve);
        let before = fake.attempts();
        let first = ok(c.exchange_token(JsValue::from_str(TOKEN), Some(store.options().unchecked_into()))).await;
        assert_eq!(get_str(&first, "check_id"), CHECK_ID);
        assert_eq!(fake.attempts(), before + 1);
        {
            let puts = store.puts.borrow();
            assert_eq!(puts.len(), 1);
            let (k, v, opts) = &puts[0];
            assert_eq!(k, &format!("{STORE_KEY_PREFIX}{TOKEN}"));
            assert_eq!(v.as_string().as_deref(), Some(CHECK_ID));
            assert_eq!(get(opts, "expirationTtl").as_f64(), Some(86_400.0));
        }
        // The repeat is answered by the store: no request.
        let second = ok(c.exchange_token(JsValue::from_str(TOKEN), Some(store.options().unchecked_into()))).await;
        assert_eq!(get_str(&second, "check_id"), CHECK_ID);
        assert_eq!(keys(&second), ["check_id"]);
        assert_eq!(fake.attempts(), before + 1, "the second exchange must not fetch");
        assert_eq!(store.gets.borrow().len(), 2);
        assert_eq!(store.puts.borrow().len(), 1);
    }
    // A stored id for another token does not answer this one.
    let store = MemStore::new(GetMode::Sync, PutMode::Resolve);
    store.map.borrow_mut().insert(format!("{STORE_KEY_PREFIX}chk_xchg_other"), "chk_priv_other".into());
    let r = ok(c.exchange_token(JsValue::from_str(TOKEN), Some(store.options().unchecked_into()))).await;
    assert_eq!(get_str(&r, "check_id"), CHECK_ID);
    assert_eq!(fake.attempts(), 3);
}

pub async fn exchange_store_put_rejection_is_network_on_store() {
    let planted_id = format!("chk_priv_{PLANTED}");
    for mode in [PutMode::Reject, PutMode::Throw] {
        let (c, fake) = scripted(vec![json(200, &format!(r#"{{"check_id":"{planted_id}"}}"#))], 2);
        let store = MemStore::new(GetMode::Async, mode);
        let e = fails(c.exchange_token(JsValue::from_str(TOKEN), Some(store.options().unchecked_into()))).await;
        expect_error(&e, API, "NETWORK", &[KEY, &planted_id, TOKEN]);
        assert_eq!(field(&e).as_deref(), Some("store"));
        assert_eq!(fake.attempts(), 1, "the exchange itself is not repeated");
        assert_eq!(store.puts.borrow().len(), 1);
    }
}

pub async fn exchange_store_get_failures() {
    let (c, fake) = scripted(vec![json(200, EXCHANGED)], 2);
    // get throws.
    let store = MemStore::new(GetMode::Throw, PutMode::Resolve);
    let e = fails(c.exchange_token(JsValue::from_str(TOKEN), Some(store.options().unchecked_into()))).await;
    expect_error(&e, API, "NETWORK", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("store"));
    // get returns something that is not a check id.
    for bad in [JsValue::from_f64(42.0), JsValue::from_str("chk_xchg_abc"), JsValue::from_str(&format!("{PLANTED} !"))] {
        let store = MemStore::new(GetMode::Async, PutMode::Resolve);
        store.map.borrow_mut().insert(format!("{STORE_KEY_PREFIX}{TOKEN}"), bad);
        let e = fails(c.exchange_token(JsValue::from_str(TOKEN), Some(store.options().unchecked_into()))).await;
        expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
        assert_eq!(field(&e).as_deref(), Some("store"));
    }
    // Not a store at all.
    for bad in [
        JsValue::from_str("store"),
        obj(&[("get", Function::new_no_args("return undefined").into())]).into(),
        JsValue::NULL,
    ] {
        let opts = obj(&[("store", bad)]);
        let e = fails(c.exchange_token(JsValue::from_str(TOKEN), Some(opts.unchecked_into()))).await;
        expect_invalid_argument(&e, API, "store", &[KEY]);
    }
    assert_eq!(fake.attempts(), 0, "nothing is sent when the store fails first");
}

// ---------------------------------------------------------------------------
// Reason table and policy.

/// `describeCaissonReason` and `assessIdCheck` are `#[wasm_bindgen]` free
/// functions in the private module `idv_edge::bindings::caisson` and are not
/// re-exported, so a Rust test cannot call them. This drives the same core
/// functions and the same JS conversions those exports use
/// (`bindings::to_js_value`, `serde_wasm_bindgen::from_value`).
pub async fn describe_reason_and_assess() {
    use idv_edge::caisson::{assess, describe_reason, IdCheckResult, Level, Policy};
    use idv_edge::Api;

    let info = idv_edge::bindings::to_js_value(Api::Caisson, &describe_reason(201).expect("201")).unwrap();
    assert_eq!(get(&info, "code").as_f64(), Some(201.0));
    assert_eq!(get_str(&info, "category"), "selfie");
    assert!(get_str(&info, "description").starts_with("The selfie was not positioned properly"));
    assert!(!get_str(&info, "userAction").is_empty());
    assert_eq!(get(&info, "retryable").as_bool(), Some(true));
    assert!(get(&info, "field").is_undefined());
    let info = idv_edge::bindings::to_js_value(Api::Caisson, &describe_reason(104).unwrap()).unwrap();
    assert_eq!(get_str(&info, "field"), "id_number");
    assert!(get(&info, "userAction").is_null());
    assert!(describe_reason(103).is_none(), "103 is not a documented code");

    // A getIdCheck result, as JS holds it, goes back into the policy.
    let (c, _) = scripted(vec![json(200, RESULT)], 0);
    let result = ok(get_check(&c, CHECK_ID, Some(&["dob", "address"]))).await;
    let text: String = js_sys::JSON::stringify(&result).expect("stringify").into();
    let typed: IdCheckResult = serde_json::from_str(&text).expect("a getIdCheck result deserializes");
    // The exported assessIdCheck reads the same object.
    let exported = idv_edge::bindings::assess_id_check(result, None).expect("assessIdCheck");
    assert_eq!(get_str(&exported, "decision"), "review");
    let now_ms = 1_714_564_800_000; // 2024-05-01T12:00:00Z
    let a = idv_edge::bindings::to_js_value(Api::Caisson, &assess(&typed, &Policy::default(), now_ms)).unwrap();
    assert_eq!(get_str(&a, "decision"), "review", "face medium below the default minimum");
    assert_eq!(at_str(&a, "findings.0.rule"), "face_confidence");
    let lenient = Policy { min_face: Level::Medium, ..Policy::default() };
    let a = idv_edge::bindings::to_js_value(Api::Caisson, &assess(&typed, &lenient, now_ms)).unwrap();
    assert_eq!(get_str(&a, "decision"), "approve");
    assert_eq!(array_len(&get(&a, "findings")), 0);
    let strict = Policy { expected_customer_id: Some("someone_else".into()), max_age_seconds: Some(60.0), ..lenient };
    let a = idv_edge::bindings::to_js_value(Api::Caisson, &assess(&typed, &strict, now_ms + 3_600_000)).unwrap();
    assert_eq!(get_str(&a, "decision"), "decline");
    let rules: Vec<String> = (0..array_len(&get(&a, "findings")))
        .map(|i| at_str(&a, &format!("findings.{i}.rule")))
        .collect();
    assert!(rules.contains(&"customer_mismatch".to_string()), "{rules:?}");
    assert!(rules.contains(&"stale_result".to_string()), "{rules:?}");
    for i in 0..rules.len() {
        let detail = at_str(&a, &format!("findings.{i}.detail"));
        assert!(!detail.contains("cust_42") && !detail.contains("someone_else"), "detail echoes a value: {detail}");
    }
}

// ---------------------------------------------------------------------------
// Odd bodies: each once escaped the transport as a raw JS exception (which
// kills the Node process); now each is an IdvError or a result.

/// Was a bug (src/transport/mod.rs, `read_body`: `stream.get_reader()`): web-sys
/// binds `ReadableStream.getReader` without `catch`, so a Response whose body
/// is locked (already read, or being read) throws a TypeError straight
/// through the wasm frames instead of becoming an `IdvError`. In Node that is
/// an uncaught exception that ends the process. Reached through
/// `parseExchangeToken` / `parseIdCheck` with a Response the caller already
/// read (for logging, say). Fixed: body.js reads the body and reports a
/// fault as a code; a parse method's Response whose body was already read
/// is `INVALID_ARGUMENT` on `response` (the caller's argument).
pub async fn parse_with_a_consumed_body_is_an_idv_error() {
    let fake = FakeFetch::new(vec![json(200, EXCHANGED)]);
    let c = client(&options(&fake));
    let used = json_response(200, EXCHANGED);
    let _ = wasm_bindgen_futures::JsFuture::from(used.text().unwrap()).await;
    assert!(used.body_used());
    let e = fails(c.parse_exchange_token(used)).await;
    assert!(idv_edge::bindings::is_idv_error(&e), "a consumed body must reject with an IdvError: {e:?}");
    // The caller's argument, not the API's answer.
    assert_eq!(get_str(&e, "code"), "INVALID_ARGUMENT");
    assert_eq!(get_str(&e, "field"), "response");
    // The instance survived.
    assert_eq!(get_str(&ok(exchange(&c, TOKEN)).await, "check_id"), CHECK_ID);
}

/// Was a bug (same place, reached through `fetch`): a fetch that hands back the
/// same Response object on a retry (a caching or mocking fetch) makes the
/// second attempt read a locked body; the TypeError from `getReader` escapes
/// the transport instead of becoming a retryable error.
pub async fn fetch_returning_a_used_response_is_an_idv_error() {
    let busy = make_response(503, &[("Content-Type".into(), "text/html".into())], Some("<h1>busy</h1>"));
    let (c, fake) = scripted(vec![Step::Resolve(busy.into())], 1);
    let e = fails(exchange(&c, TOKEN)).await;
    assert!(idv_edge::bindings::is_idv_error(&e), "must reject with an IdvError: {e:?}");
    assert_eq!(fake.attempts(), 2);
    fake.then(vec![json(200, EXCHANGED)]);
    assert_eq!(get_str(&ok(exchange(&c, TOKEN)).await, "check_id"), CHECK_ID);
}

/// Was a bug (src/transport/mod.rs, `read_body`, the no-stream branch:
/// `response.array_buffer()` then `JsFuture::from(p)`): `as_response` accepts
/// a Response-like object by shape ("a fetch polyfill works too"), but if its
/// `arrayBuffer()` returns a value that is not a promise (an ArrayBuffer
/// returned synchronously, `undefined`), `JsFuture::from` calls `.then` on it
/// and the TypeError escapes through the wasm frames. Fix: wrap the returned
/// value in `Promise::resolve` (as `call_fetch` already does for `fetch`'s own
/// result) and check the settled value is an ArrayBuffer (else
/// `INVALID_RESPONSE`).
pub async fn response_like_with_synchronous_array_buffer_works() {
    let array_buffer = Function::new_no_args(
        "return new TextEncoder().encode('{\"check_id\":\"chk_priv_chk456\"}').buffer;",
    );
    let headers = web_sys::Headers::new().unwrap();
    let like = obj(&[
        ("status", JsValue::from_f64(200.0)),
        ("headers", headers.into()),
        ("arrayBuffer", array_buffer.into()),
    ]);
    let (c, fake) = scripted(vec![Step::Resolve(like.into())], 0);
    match wasm_bindgen_futures::JsFuture::from(exchange(&c, TOKEN)).await {
        Ok(r) => assert_eq!(get_str(&r, "check_id"), CHECK_ID),
        Err(e) => {
            expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
        }
    }
    fake.then(vec![json(200, EXCHANGED)]);
    assert_eq!(get_str(&ok(exchange(&c, TOKEN)).await, "check_id"), CHECK_ID);
}
