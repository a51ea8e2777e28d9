//! `GoldstarClient` over a fake fetch: construction, ping, both verify calls,
//! outcomes, error bodies, the never-retried rule, person checks, builders
//! and parsers.

use idv_edge::bindings::GoldstarClient;
use js_sys::{Array, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::*;

pub const API: &str = "goldstar";
pub const KEY: &str = "gs_key_GOLDSTARKEY_51ab";
pub const DOMAIN: &str = "qaservices.goldstartrust.com";
pub const BASE: &str = "https://qaservices.goldstartrust.com/identification/api/v1";
const SSN: &str = "123-45-6789";
const SSN9: &str = "123456789";
const TIME: &str = "2015-03-20T13:50:10.0370495-05:00";
const BIG_ID: &str = "9007199254740993123";

pub fn options(fake: &FakeFetch) -> Object {
    let o = obj(&[
        ("apiKey", KEY.into()),
        ("domain", DOMAIN.into()),
        ("timeoutMs", JsValue::from_f64(5000.0)),
        ("maxRetries", JsValue::from_f64(2.0)),
        ("fetch", fake.function()),
    ]);
    with_browser_flag(&o);
    o
}

pub fn new_client(o: &Object) -> Result<GoldstarClient, JsValue> {
    GoldstarClient::new(o.clone().unchecked_into())
}

pub fn client(o: &Object) -> GoldstarClient {
    new_client(o).unwrap_or_else(|e| panic!("construction failed: {:?}", get(&e, "message")))
}

pub fn scripted(steps: Vec<Step>, max_retries: u32) -> (GoldstarClient, FakeFetch) {
    let fake = FakeFetch::new(steps);
    let o = options(&fake);
    set(&o, "maxRetries", &JsValue::from_f64(f64::from(max_retries)));
    (client(&o), fake)
}

/// A valid person (the doc's field names), with a lower-case state and a
/// nine-digit ZIP+4 to see normalization.
pub fn person() -> Object {
    obj(&[
        ("firstname", "Jane".into()),
        ("lastname", "Doe".into()),
        ("address", "1 Peachtree St".into()),
        ("city", "Atlanta".into()),
        ("state", "ga".into()),
        ("zip", "303011234".into()),
        ("taxpayerID", SSN.into()),
        ("birthMonth", JsValue::from_f64(2.0)),
        ("birthDay", JsValue::from_f64(3.0)),
        ("birthYear", JsValue::from_f64(1990.0)),
    ])
}

fn verify(c: &GoldstarClient) -> Promise {
    c.verify_identity(person().into(), None)
}

fn answers(pairs: &[(&str, &str)]) -> JsValue {
    pairs
        .iter()
        .map(|(t, x)| JsValue::from(obj(&[("type", (*t).into()), ("text", (*x).into())])))
        .collect::<Array>()
        .into()
}

/// Secrets for person-related errors: the key and the SSN in both forms.
const PERSON_SECRETS: [&str; 3] = [KEY, SSN, SSN9];

const PASS: &str = r#"{"Id":"1234567","Key":"id.success","Message":"Pass",
    "Qualifiers":[{"Key":"resultcode.low.risk","Message":"Low Risk"}]}"#;

const SOFT_FAIL: &str = r#"{"Id":9007199254740993123,"Key":"id.failure","Message":"Fail",
  "Qualifiers":[{"Key":"resultcode.address.does.not.match","Message":"Address Does Not Match"}],
  "Questions":[
    {"Prompt":"Which of the following streets have you lived on?","Type":"prior.street","Choices":[{"Text":"Oak St"},{"Text":"Elm St"},{"Text":"None of the above"}]},
    {"Prompt":"In which county have you lived?","Type":"county","Choices":[{"Text":"Fulton"},{"Text":"Cobb"}]},
    {"Prompt":"Which vehicle have you owned?","Type":"vehicle","Choices":[{"Text":"Ford"},{"Text":"Honda"}]},
    {"Prompt":"Who employed you?","Type":"employer","Choices":[{"Text":"Acme"},{"Text":"Globex"}]}
  ]}"#;

// ---------------------------------------------------------------------------
// Construction.

pub async fn construction_errors() {
    let fake = FakeFetch::new(vec![]);
    type Edit = fn(&Object);
    let cases: Vec<(&str, Edit)> = vec![
        ("domain", |o| del(o, "domain")),
        ("domain", |o| set(o, "domain", &"qaservices.goldstartrust.com/identification".into())),
        ("domain", |o| set(o, "domain", &"https://qaservices.goldstartrust.com".into())),
        ("domain", |o| set(o, "domain", &"user@qaservices.goldstartrust.com".into())),
        ("domain", |o| set(o, "domain", &"qaservices.goldstartrust.com?x=1".into())),
        ("domain", |o| set(o, "domain", &"qaservices.goldstartrust.com\n".into())),
        ("domain", |o| set(o, "domain", &"host:0".into())),
        ("domain", |o| set(o, "domain", &JsValue::from_f64(1.0))),
        ("version", |o| set(o, "version", &"1".into())),
        ("version", |o| set(o, "version", &"V1".into())),
        ("version", |o| set(o, "version", &"v1/../x".into())),
        ("version", |o| set(o, "version", &JsValue::from_f64(1.0))),
        ("defaultHeaders", |o| set(o, "defaultHeaders", &obj(&[("X-ApiKey", "other".into())]).into())),
        ("defaultHeaders", |o| set(o, "defaultHeaders", &obj(&[("x-apikey", "other".into())]).into())),
        ("defaultHeaders", |o| set(o, "defaultHeaders", &obj(&[("X-Portal", "a\r\nb".into())]).into())),
        ("defaultHeaders", |o| set(o, "defaultHeaders", &obj(&[("Bad Name", "a".into())]).into())),
        ("defaultHeaders", |o| set(o, "defaultHeaders", &obj(&[("X-Num", JsValue::from_f64(1.0))]).into())),
        // Pairs, as fetch takes them, but this item is not one.
        ("defaultHeaders", |o| set(o, "defaultHeaders", &Array::of1(&"X-PortalKey: 1".into()).into())),
        ("defaultHeaders", |o| set(o, "defaultHeaders", &"X-PortalKey: 1".into())),
        ("apiKey", |o| del(o, "apiKey")),
        ("timeoutMs", |o| set(o, "timeoutMs", &"5".into())),
        ("maxRetries", |o| set(o, "maxRetries", &JsValue::from_f64(0.5))),
        ("fetch", |o| set(o, "fetch", &JsValue::from_f64(1.0))),
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
    assert_eq!(fake.attempts(), 0);
}

pub async fn loopback_domain_is_http() {
    let fake = FakeFetch::new(vec![]);
    for (domain, version, url) in [
        ("localhost", None, "http://localhost/identification/api/v1/ops/ping"),
        ("localhost:8787", None, "http://localhost:8787/identification/api/v1/ops/ping"),
        ("127.0.0.1:3000", Some("v2"), "http://127.0.0.1:3000/identification/api/v2/ops/ping"),
        ("[::1]:3000", None, "http://[::1]:3000/identification/api/v1/ops/ping"),
        ("QAServices.GoldstarTrust.com", None, "https://qaservices.goldstartrust.com/identification/api/v1/ops/ping"),
        ("example.com:8443", Some("v10"), "https://example.com:8443/identification/api/v10/ops/ping"),
    ] {
        let o = options(&fake);
        set(&o, "domain", &domain.into());
        if let Some(v) = version {
            set(&o, "version", &v.into());
        }
        let req = client(&o).ping_request().expect("ping request").unchecked_into::<web_sys::Request>();
        assert_eq!(req.url(), url, "{domain}");
    }
    assert_eq!(fake.attempts(), 0);
}

// ---------------------------------------------------------------------------
// ping.

pub async fn ping_returns_the_server_time() {
    let fake = FakeFetch::new(vec![json(200, &format!("\"{TIME}\""))]);
    let o = options(&fake);
    set(&o, "defaultHeaders", &obj(&[("X-PortalKey", "portal-1".into())]).into());
    let c = client(&o);
    let t = ok(c.ping(None)).await;
    assert_eq!(t.as_string().as_deref(), Some(TIME), "the time as sent");
    assert_eq!(fake.attempts(), 1);
    let call = fake.call(0);
    assert_eq!(call.method(), "POST");
    assert_eq!(call.url(), format!("{BASE}/ops/ping"));
    assert_eq!(call.header("X-ApiKey").as_deref(), Some(KEY));
    assert_eq!(call.header("X-PortalKey").as_deref(), Some("portal-1"));
    assert_eq!(call.header("Accept").as_deref(), Some("application/json"));
    assert_eq!(call.body().await, "");
}

pub async fn ping_503_is_retried() {
    let (c, fake) = scripted(
        vec![respond(503, &[("Content-Type", "text/html")], "<h1>busy</h1>"), json(200, &format!("\"{TIME}\""))],
        1,
    );
    let t = ok(c.ping(None)).await;
    assert_eq!(t.as_string().as_deref(), Some(TIME));
    assert_eq!(fake.attempts(), 2, "ping is safe to repeat");
    // And with retries exhausted, SERVER_ERROR.
    let (c, fake) = scripted(vec![json(503, "{}")], 1);
    let e = fails(c.ping(None)).await;
    expect_error(&e, API, "SERVER_ERROR", &[KEY]);
    assert_eq!(status(&e), Some(503.0));
    assert_eq!(fake.attempts(), 2);
}

pub async fn ping_401_is_not_retried() {
    let (c, fake) = scripted(vec![json(401, r#"{"Message":"Authorization has been denied"}"#)], 2);
    let e = fails(c.ping(None)).await;
    expect_error(&e, API, "UNAUTHORIZED", &[KEY]);
    assert_eq!(status(&e), Some(401.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1);
}

// ---------------------------------------------------------------------------
// verify-identity and verify-answers.

pub async fn verify_identity_pass_and_request_shape() {
    let fake = FakeFetch::new(vec![json(200, PASS)]);
    let o = options(&fake);
    set(&o, "defaultHeaders", &obj(&[("X-PortalKey", "portal-1".into())]).into());
    let c = client(&o);
    let r = ok(verify(&c)).await;
    assert_eq!(get_str(&r, "status"), "passed");
    assert_eq!(get_str(&r, "id"), "1234567");
    assert_eq!(get_str(&r, "key"), "id.success");
    assert_eq!(get_str(&r, "message"), "Pass");
    assert!(get(&r, "summary").is_undefined());
    assert_eq!(array_len(&get(&r, "questions")), 0);
    let q = at(&r, "qualifiers.0");
    assert_eq!(get_str(&q, "key"), "resultcode.low.risk");
    assert_eq!(get_str(&q, "message"), "Low Risk");
    assert_eq!(get_str(&q, "category"), "other");
    assert_eq!(get_str(&q, "severity"), "signal");
    assert!(!get_str(&q, "meaning").is_empty());

    assert_eq!(fake.attempts(), 1);
    let call = fake.call(0);
    assert_eq!(call.method(), "POST");
    assert_eq!(call.url(), format!("{BASE}/ops/verify-identity"));
    assert_eq!(call.header("X-ApiKey").as_deref(), Some(KEY));
    assert_eq!(call.header("X-PortalKey").as_deref(), Some("portal-1"));
    assert_eq!(call.header("Content-Type").as_deref(), Some("application/json"));
    let body = parse_json(&call.body().await);
    assert_eq!(
        keys(&body),
        ["firstname", "lastname", "address", "city", "state", "zip", "taxpayerID", "birthMonth", "birthDay", "birthYear"]
    );
    assert_eq!(get_str(&body, "firstname"), "Jane");
    assert_eq!(get_str(&body, "state"), "GA", "sent upper-cased");
    assert_eq!(get_str(&body, "zip"), "30301-1234");
    assert_eq!(get_str(&body, "taxpayerID"), SSN9, "sent as 9 digits");
    assert_eq!(get(&body, "birthMonth").as_f64(), Some(2.0));
    assert_eq!(get(&body, "birthDay").as_f64(), Some(3.0));
    assert_eq!(get(&body, "birthYear").as_f64(), Some(1990.0));
}

pub async fn verify_identity_hard_fail_interprets_qualifiers() {
    let body = r#"{"Id":777,"Key":"id.failure","Message":"Fail",
      "Qualifiers":[
        {"Key":"resultcode.subject.deceased","Message":"Subject Deceased"},
        {"Key":"resultcode.ssn.does.not.match","Message":"SSN Does Not Match"},
        {"Key":"resultcode.something.new","Message":"New thing"}]}"#;
    let (c, fake) = scripted(vec![json(200, body)], 2);
    let r = ok(verify(&c)).await;
    assert_eq!(fake.attempts(), 1);
    assert_eq!(get_str(&r, "status"), "failed");
    assert_eq!(get_str(&r, "id"), "777");
    assert_eq!(array_len(&get(&r, "questions")), 0);
    let qs = get(&r, "qualifiers");
    assert_eq!(array_len(&qs), 3);
    for (i, key, message, category, severity) in [
        (0, "resultcode.subject.deceased", "Subject Deceased", "deceased", "hard_stop"),
        (1, "resultcode.ssn.does.not.match", "SSN Does Not Match", "ssn", "signal"),
        (2, "resultcode.something.new", "New thing", "unknown", "signal"),
    ] {
        let q = at(&qs, &i.to_string());
        assert_eq!(get_str(&q, "key"), key);
        assert_eq!(get_str(&q, "message"), message);
        assert_eq!(get_str(&q, "category"), category, "{key}");
        assert_eq!(get_str(&q, "severity"), severity, "{key}");
        assert!(!get_str(&q, "meaning").is_empty());
    }
    // A single qualifier may arrive unwrapped.
    let body = r#"{"Id":"8","Key":"id.failure","Message":"Fail","Qualifiers":{"Key":"resultcode.coppa.alert","Message":"COPPA"}}"#;
    let (c, _) = scripted(vec![json(200, body)], 0);
    let r = ok(verify(&c)).await;
    assert_eq!(at_str(&r, "qualifiers.0.severity"), "hard_stop");
    assert_eq!(at_str(&r, "qualifiers.0.category"), "dob_age");
}

pub async fn soft_fail_then_verify_answers() {
    let pass = format!(r#"{{"Id":{BIG_ID},"Key":"result.questions.0.incorrect","Message":"Questions answered","Summary":"pass"}}"#);
    let (c, fake) = scripted(vec![json(200, SOFT_FAIL), json(200, &pass)], 2);
    let outcome = ok(verify(&c)).await;
    assert_eq!(get_str(&outcome, "status"), "questions");
    assert_eq!(get_str(&outcome, "id"), BIG_ID);
    let questions = get(&outcome, "questions");
    assert_eq!(array_len(&questions), 4);
    let q0 = at(&questions, "0");
    assert_eq!(get_str(&q0, "prompt"), "Which of the following streets have you lived on?");
    assert_eq!(get_str(&q0, "type"), "prior.street");
    assert_eq!(array_strings(&get(&q0, "choices")), ["Oak St", "Elm St", "None of the above"]);
    assert_eq!(at_str(&outcome, "qualifiers.0.category"), "address");

    let picked = answers(&[("prior.street", "Elm St"), ("county", "Fulton"), ("vehicle", "Honda"), ("employer", "Acme")]);
    let r = ok(c.verify_answers(get(&outcome, "id"), picked, Some(questions), None)).await;
    assert_eq!(get_str(&r, "status"), "passed");
    assert_eq!(get_str(&r, "summary"), "pass");
    assert_eq!(get_str(&r, "key"), "result.questions.0.incorrect");
    assert_eq!(get_str(&r, "id"), BIG_ID);

    assert_eq!(fake.attempts(), 2);
    let call = fake.call(1);
    assert_eq!(call.method(), "POST");
    assert_eq!(call.url(), format!("{BASE}/ops/verify-answers"));
    assert_eq!(call.header("X-ApiKey").as_deref(), Some(KEY));
    assert_eq!(call.header("Content-Type").as_deref(), Some("application/json"));
    let text = call.body().await;
    assert!(text.contains(&format!(r#""id":"{BIG_ID}""#)), "id sent back as a string, every digit: {text}");
    let body = parse_json(&text);
    assert_eq!(keys(&body), ["id", "answers"]);
    assert_eq!(get_str(&body, "id"), BIG_ID);
    let sent = get(&body, "answers");
    assert_eq!(array_len(&sent), 4);
    assert_eq!(at_str(&sent, "0.type"), "prior.street");
    assert_eq!(at_str(&sent, "0.text"), "Elm St");
    assert_eq!(keys(&at(&sent, "3")), ["type", "text"]);
}

pub async fn verify_answers_fail_summary() {
    let body = r#"{"Id":"55","Key":"result.questions.2.incorrect","Message":"2 incorrect","Summary":"fail"}"#;
    let (c, fake) = scripted(vec![json(200, body)], 2);
    // Without `questions`, the answers are only checked for shape.
    let r = ok(c.verify_answers("55".into(), answers(&[("county", "Cobb")]), None, None)).await;
    assert_eq!(get_str(&r, "status"), "failed");
    assert_eq!(get_str(&r, "summary"), "fail");
    assert_eq!(fake.attempts(), 1);
    // A numeric id up to 2^53 - 1 is accepted and sent as a string.
    fake.then(vec![json(200, body)]);
    ok(c.verify_answers(JsValue::from_f64(55.0), answers(&[("county", "Cobb")]), None, None)).await;
    assert!(fake.call(1).body().await.contains(r#""id":"55""#));
}

pub async fn verify_answers_checks_choices_before_fetch() {
    let (c, fake) = scripted(vec![json(200, SOFT_FAIL)], 2);
    let outcome = ok(verify(&c)).await;
    let questions = get(&outcome, "questions");
    let id = get(&outcome, "id");
    let planted = format!("Maple {PLANTED}");
    let cases: Vec<(JsValue, &str)> = vec![
        // A text that is not one of the choices.
        (answers(&[("prior.street", "Elm St"), ("county", &planted), ("vehicle", "Ford"), ("employer", "Acme")]), "answers[1].text"),
        // Case matters: choices are matched exactly.
        (answers(&[("prior.street", "elm st"), ("county", "Cobb"), ("vehicle", "Ford"), ("employer", "Acme")]), "answers[0].text"),
        // A question left unanswered.
        (answers(&[("prior.street", "Elm St"), ("county", "Cobb"), ("vehicle", "Ford")]), "answers"),
        // Answered twice.
        (answers(&[("county", "Cobb"), ("county", "Fulton"), ("prior.street", "Elm St"), ("vehicle", "Ford"), ("employer", "Acme")]), "answers[1].type"),
        // A type that is not a question's.
        (answers(&[("shoe.size", "42")]), "answers[0].type"),
        // No answers; blank text.
        (answers(&[]), "answers"),
        (answers(&[("county", " ")]), "answers[0].text"),
    ];
    for (a, expected) in cases {
        let e = fails(c.verify_answers(id.clone(), a, Some(questions.clone()), None)).await;
        expect_invalid_argument(&e, API, expected, &[KEY, "Maple"]);
    }
    let good = answers(&[("prior.street", "Elm St"), ("county", "Cobb"), ("vehicle", "Ford"), ("employer", "Acme")]);
    for (bad_id, expected) in [
        (JsValue::from_str("12 34"), "id"),
        (JsValue::from_str(""), "id"),
        (JsValue::from_f64(1.5), "id"),
        (JsValue::from_f64(-1.0), "id"),
        (JsValue::from_f64(1e17), "id"),
        (JsValue::NULL, "id"),
    ] {
        let e = fails(c.verify_answers(bad_id, good.clone(), Some(questions.clone()), None)).await;
        expect_invalid_argument(&e, API, expected, &[KEY]);
    }
    let e = fails(c.verify_answers(id.clone(), JsValue::from_str("Elm St"), None, None)).await;
    expect_invalid_argument(&e, API, "answers", &[KEY]);
    let e = fails(c.verify_answers(id.clone(), good.clone(), Some(JsValue::from_str("q")), None)).await;
    expect_invalid_argument(&e, API, "questions", &[KEY]);
    assert_eq!(fake.attempts(), 1, "only the verify-identity call was sent");
}

pub async fn numeric_id_past_2_pow_53_is_kept_exactly() {
    let body = format!(r#"{{"Id":{BIG_ID},"Key":"id.success","Message":"Pass"}}"#);
    let (c, _) = scripted(vec![json(200, &body)], 0);
    let r = ok(verify(&c)).await;
    assert_eq!(get(&r, "id").as_string().as_deref(), Some(BIG_ID));
    assert_eq!(array_len(&get(&r, "qualifiers")), 0);
    // Numbers that are not whole non-negative digit strings are refused.
    for bad in ["-5", "1.5", "1e3"] {
        let body = format!(r#"{{"Id":{bad},"Key":"id.success","Message":"Pass"}}"#);
        let (c, _) = scripted(vec![json(200, &body)], 0);
        let e = fails(verify(&c)).await;
        expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
        assert_eq!(field(&e).as_deref(), Some("Id"), "{bad}");
    }
}

pub async fn model_state_422_names_fields_only() {
    let body = format!(
        r#"{{"Message":"The request is invalid. {PLANTED}",
            "ModelState":{{"person.firstname":["The value '{PLANTED}' is not valid for firstname."]}}}}"#
    );
    let (c, fake) = scripted(vec![json(422, &body)], 2);
    let e = fails(verify(&c)).await;
    expect_error(&e, API, "UNPROCESSABLE", &PERSON_SECRETS);
    assert_eq!(status(&e), Some(422.0));
    assert!(!retryable(&e));
    assert_eq!(array_strings(&get(&e, "fields")), ["firstname"]);
    let message = get_str(&e, "message");
    assert!(!message.contains("The request is invalid"), "server message copied: {message}");
    assert!(!message.contains("is not valid"), "ModelState message copied: {message}");
    assert!(get(&e, "description").is_undefined());
    assert_eq!(fake.attempts(), 1);
}

pub async fn status_errors_each_once() {
    let body = format!(r#"{{"Message":"bad SSN {SSN} for Jane {PLANTED}"}}"#);
    for (code_status, code, is_retryable) in [
        (400, "BAD_REQUEST", false),
        (401, "UNAUTHORIZED", false),
        (403, "BAD_REQUEST", false),
        (404, "NOT_FOUND", false),
        (500, "SERVER_ERROR", true),
    ] {
        let (c, fake) = scripted(vec![json(code_status, &body)], 2);
        let e = fails(verify(&c)).await;
        expect_error(&e, API, code, &PERSON_SECRETS);
        assert_eq!(status(&e), Some(f64::from(code_status)));
        assert_eq!(retryable(&e), is_retryable, "{code_status}");
        assert_eq!(fake.attempts(), 1, "verifyIdentity is never retried ({code_status})");
    }
}

pub async fn id_error_key_is_bad_request() {
    let body = format!(r#"{{"Id":0,"Key":"id.error","Message":"No first name submitted {PLANTED}"}}"#);
    let (c, fake) = scripted(vec![json(200, &body)], 2);
    let e = fails(verify(&c)).await;
    expect_error(&e, API, "BAD_REQUEST", &PERSON_SECRETS);
    assert_eq!(status(&e), Some(200.0));
    assert!(!retryable(&e));
    assert_eq!(fake.attempts(), 1);
}

pub async fn verify_calls_are_never_retried() {
    let good = || answers(&[("county", "Cobb")]);
    let steps: Vec<(Step, &str)> = vec![
        (json(500, "{}"), "SERVER_ERROR"),
        (respond(503, &[("Content-Type", "text/html"), ("Retry-After", "0")], "<h1>busy</h1>"), "SERVER_ERROR"),
        (respond(429, &[("Retry-After", "0")], ""), "RATE_LIMITED"),
        (respond(408, &[], ""), "TIMEOUT"),
        (Step::Hang, "TIMEOUT"),
        (Step::Throw(js_error(PLANTED)), "NETWORK"),
        (Step::Reject(JsValue::UNDEFINED), "NETWORK"),
    ];
    for (step, code) in steps {
        for answers_call in [false, true] {
            let fake = FakeFetch::new(vec![step.clone()]);
            let o = options(&fake);
            set(&o, "maxRetries", &JsValue::from_f64(3.0));
            set(&o, "timeoutMs", &JsValue::from_f64(50.0));
            let c = client(&o);
            let p = if answers_call { c.verify_answers("77".into(), good(), None, None) } else { verify(&c) };
            let e = fails(p).await;
            expect_error(&e, API, code, &PERSON_SECRETS);
            assert!(retryable(&e), "{code} is retryable by the caller");
            assert_eq!(fake.attempts(), 1, "{code}: verify calls are sent once (answers call: {answers_call})");
        }
    }
}

pub async fn invalid_person_is_refused_before_fetch() {
    let (c, fake) = scripted(vec![json(200, PASS)], 2);
    let next_year = js_sys::Date::new_0().get_utc_full_year() + 1;
    // (person key, value (undefined: removed), expected field, a value that must not be echoed)
    let cases: Vec<(&str, JsValue, &str, &str)> = vec![
        ("taxpayerID", "000-12-3456".into(), "taxpayerID", "000-12-3456"),
        ("taxpayerID", "000123456".into(), "taxpayerID", "000123456"),
        ("taxpayerID", "666-12-3456".into(), "taxpayerID", "666-12-3456"),
        ("taxpayerID", "912-34-5678".into(), "taxpayerID", "912-34-5678"),
        ("taxpayerID", "123-00-4567".into(), "taxpayerID", "123-00-4567"),
        ("taxpayerID", "123-45-0000".into(), "taxpayerID", "123-45-0000"),
        ("taxpayerID", "123-45-678".into(), "taxpayerID", "123-45-678"),
        ("taxpayerID", JsValue::from_f64(123_456_789.0), "taxpayerID", SSN9),
        ("state", "XX".into(), "state", "XX"),
        ("state", "Georgia".into(), "state", "Georgia"),
        ("zip", "3030".into(), "zip", "3030"),
        ("zip", "0000".into(), "zip", "0000"),
        ("firstname", "Jamie\n".into(), "firstname", KEY),
        ("city", "\tAtlanta".into(), "city", "Atlanta"),
        ("taxpayerID", format!("{SSN9}\n").into(), "taxpayerID", SSN9),
        ("firstname", "".into(), "firstname", KEY),
        ("firstname", "  ".into(), "firstname", KEY),
        ("lastname", format!("Do\u{7}e{PLANTED}").into(), "lastname", PLANTED),
        ("address", JsValue::UNDEFINED, "address", KEY),
        ("city", "x".repeat(101).into(), "city", "xxxxxxxxxx"),
        ("birthDay", JsValue::from_f64(30.0), "birthDay", KEY), // 1990-02-30
        ("birthMonth", JsValue::from_f64(13.0), "birthMonth", KEY),
        ("birthYear", JsValue::from_f64(f64::from(next_year)), "birthYear", KEY),
        ("birthYear", JsValue::from_f64(1899.0), "birthYear", "1899"),
        ("birthYear", "1990".into(), "birthYear", KEY),
        ("birthDay", JsValue::from_f64(2.5), "birthDay", "2.5"),
    ];
    for (key, value, expected, echo) in cases {
        let p = person();
        if value.is_undefined() {
            del(&p, key);
        } else {
            set(&p, key, &value);
        }
        let e = fails(c.verify_identity(p.into(), None)).await;
        expect_invalid_argument(&e, API, expected, &[KEY, SSN, SSN9, echo]);
    }
    // Feb 29 exists in a leap year only.
    let p = person();
    set(&p, "birthYear", &JsValue::from_f64(1991.0));
    set(&p, "birthDay", &JsValue::from_f64(29.0));
    let e = fails(c.verify_identity(p.into(), None)).await;
    expect_invalid_argument(&e, API, "birthDay", &PERSON_SECRETS);
    // Not an object at all.
    let e = fails(c.verify_identity(JsValue::from_str(SSN), None)).await;
    expect_invalid_argument(&e, API, "person", &PERSON_SECRETS);
    assert_eq!(fake.attempts(), 0, "nothing is sent for an invalid person");

    // Accepted forms: nine-digit SSN, five-digit ZIP, Feb 29 of a leap year,
    // military and territory codes in any case.
    let p = person();
    set(&p, "taxpayerID", &SSN9.into());
    set(&p, "zip", &"30301".into());
    set(&p, "state", &"pr".into());
    set(&p, "birthYear", &JsValue::from_f64(1992.0));
    set(&p, "birthDay", &JsValue::from_f64(29.0));
    ok(c.verify_identity(p.into(), None)).await;
    let body = parse_json(&fake.call(0).body().await);
    assert_eq!(get_str(&body, "state"), "PR");
    assert_eq!(get_str(&body, "zip"), "30301");
    assert_eq!(get_str(&body, "taxpayerID"), SSN9);
}

// ---------------------------------------------------------------------------
// Builders and parsers.

pub async fn request_builders_send_nothing() {
    let fake = FakeFetch::new(vec![json(200, PASS)]);
    let o = options(&fake);
    set(&o, "defaultHeaders", &obj(&[("X-PortalKey", "portal-1".into())]).into());
    let c = client(&o);

    let req = c.ping_request().unwrap().unchecked_into::<web_sys::Request>();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.url(), format!("{BASE}/ops/ping"));
    assert_eq!(req.headers().get("X-ApiKey").unwrap().as_deref(), Some(KEY));
    assert_eq!(req.headers().get("X-PortalKey").unwrap().as_deref(), Some("portal-1"));

    let req = c.verify_identity_request(person().into()).unwrap().unchecked_into::<web_sys::Request>();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.url(), format!("{BASE}/ops/verify-identity"));
    assert_eq!(req.headers().get("X-ApiKey").unwrap().as_deref(), Some(KEY));
    let text = wasm_bindgen_futures::JsFuture::from(req.text().unwrap()).await.unwrap().as_string().unwrap();
    assert_eq!(get_str(&parse_json(&text), "taxpayerID"), SSN9);

    let req = c.verify_answers_request("42".into(), answers(&[("county", "Cobb")]), None).unwrap().unchecked_into::<web_sys::Request>();
    assert_eq!(req.url(), format!("{BASE}/ops/verify-answers"));
    let text = wasm_bindgen_futures::JsFuture::from(req.text().unwrap()).await.unwrap().as_string().unwrap();
    assert_eq!(text, r#"{"id":"42","answers":[{"type":"county","text":"Cobb"}]}"#);

    let p = person();
    set(&p, "state", &"XX".into());
    let e = c.verify_identity_request(p.into()).err().expect("bad state");
    expect_invalid_argument(&e, API, "state", &PERSON_SECRETS);
    let e = c.verify_answers_request("42".into(), answers(&[]), None).err().expect("no answers");
    expect_invalid_argument(&e, API, "answers", &[KEY]);

    assert_eq!(fake.attempts(), 0, "builders send nothing");
}

fn json_response(status: u16, body: &str) -> web_sys::Response {
    make_response(status, &[("Content-Type".into(), "application/json; charset=utf-8".into())], Some(body))
}

pub async fn parse_methods_validate_responses() {
    let fake = FakeFetch::new(vec![]);
    let c = client(&options(&fake));

    let t = ok(c.parse_ping(json_response(200, &format!("\"{TIME}\"")))).await;
    assert_eq!(t.as_string().as_deref(), Some(TIME));
    // ASP.NET's text/json and a byte-order mark are fine.
    let r = make_response(200, &[("Content-Type".into(), "text/json".into())], Some(&format!("\u{feff}\"{TIME}\"")));
    assert_eq!(ok(c.parse_ping(r)).await.as_string().as_deref(), Some(TIME));
    let e = fails(c.parse_ping(json_response(200, &format!("\"{PLANTED}\"")))).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    let e = fails(c.parse_ping(json_response(200, "12"))).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    // A caller's own 429 carries its Retry-After (never retried: nothing is sent).
    let limited = || make_response(429, &[("Retry-After".into(), "3".into())], None);
    for e in [fails(c.parse_ping(limited())).await, fails(c.parse_verify_identity(limited())).await] {
        expect_error(&e, API, "RATE_LIMITED", &[KEY]);
        assert_eq!(get(&e, "retryAfterMs").as_f64(), Some(3_000.0));
    }

    let r = ok(c.parse_verify_identity(json_response(200, PASS))).await;
    assert_eq!(get_str(&r, "status"), "passed");
    let r = ok(c.parse_verify_identity(json_response(200, SOFT_FAIL))).await;
    assert_eq!(get_str(&r, "status"), "questions");
    assert_eq!(get_str(&r, "id"), BIG_ID);
    // "pass" in Message, any case, is a pass.
    let r = ok(c.parse_verify_answers(json_response(200, r#"{"Id":"1","Key":"result.questions.0.incorrect","Message":"PASS"}"#))).await;
    assert_eq!(get_str(&r, "status"), "passed");

    let e = fails(c.parse_verify_identity(json_response(
        422,
        r#"{"Message":"invalid","ModelState":{"person.zip":["x"],"person.firstname":["y"]}}"#,
    )))
    .await;
    expect_error(&e, API, "UNPROCESSABLE", &[KEY]);
    assert_eq!(array_strings(&get(&e, "fields")), ["firstname", "zip"]);
    let e = fails(c.parse_verify_identity(json_response(200, r#"{"Id":"1","Message":"no key"}"#))).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("Key"));
    let e = fails(c.parse_verify_answers(json_response(
        200,
        r#"{"Id":"1","Key":"id.failure","Message":"Fail","Questions":[{"Prompt":"p","Type":"t","Choices":[]}]}"#,
    )))
    .await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);
    assert_eq!(field(&e).as_deref(), Some("Questions[0].Choices"));
    let e = fails(c.parse_verify_identity(make_response(200, &[("Content-Type".into(), "text/html".into())], Some(PASS)))).await;
    expect_error(&e, API, "INVALID_RESPONSE", &[KEY]);

    assert_eq!(fake.attempts(), 0);
}
