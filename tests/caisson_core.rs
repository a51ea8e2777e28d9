#![cfg(not(target_arch = "wasm32"))]
//! Caisson core, natively: builders, validators, reason table, policy,
//! redaction, and property tests.

use idv_edge::caisson::*;
use idv_edge::{Api, ErrorCode, Headers, HttpRequest, IdvError, Method};
use serde_json::{json, Value};

const KEY: &str = "prod_sec_KEYzz7Qw3rT9yU1iO5pA2sD4fG6hJ8kL0zXcVbN";
const TOKEN: &str = "chk_xchg_UeRXDryTTpvU24CTre8W2Q";
const CHECK_ID: &str = "chk_priv_SMgso2KGzXLxT2I-g7oD2w";

/// The doc's example result, with its trailing commas removed.
const EXAMPLE: &str = r#"{
    "check_id": "chk_priv_SMgso2KGzXLxT2I-g7oD2w",
    "customer_id": "1234321 - Doe, Jamie",
    "checked_on": "2019-07-19T15:00:42.274684-04:00",
    "confidence": {
        "document": "high",
        "face": "high"
    },
    "info": {
        "last_name": "DOE",
        "first_name": "JAMIE",
        "sex": "M",
        "dob": "1989-06-30T00:00:00Z",
        "expires_on": "2025-06-24T00:00:00Z",
        "address": {
            "street": "6 CROWN DR # 11B",
            "city": "NEW YORK",
            "state": "NY",
            "zip": "10001"
        }
    }
}"#;

/// The doc's example result exactly as printed (trailing commas).
const EXAMPLE_VERBATIM: &str = r#"{
    "check_id": "chk_priv_SMgso2KGzXLxT2I-g7oD2w",
    "customer_id": "1234321 - Doe, Jamie",
    "checked_on": "2019-07-19T15:00:42.274684-04:00",
    "confidence": {
        "document": "high",
        "face": "high"
    },
    "info": {
        "last_name": "DOE",
        "first_name": "JAMIE",
        "sex": "M",
        "dob": "1989-06-30T00:00:00Z",
        "expires_on": "2025-06-24T00:00:00Z",
        "address": {
            "street": "6 CROWN DR # 11B",
            "city": "NEW YORK",
            "state": "NY",
            "zip": "10001",
        },
    }
}"#;

/// `checked_on` of the example, in epoch milliseconds.
const CHECKED_ON_MS: i64 = 1_563_562_842_274;

fn client() -> Caisson {
    Caisson::new(KEY, None).unwrap()
}

fn json_headers() -> Headers {
    [("Content-Type", "application/json; charset=utf-8")].into_iter().collect()
}

fn id_check(status: u16, body: &str) -> Result<IdCheckResult, IdvError> {
    parse_id_check(status, &json_headers(), body.as_bytes())
}

fn exchange(status: u16, body: &str) -> Result<ExchangeTokenResult, IdvError> {
    parse_exchange_token(status, &json_headers(), body.as_bytes())
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn header<'a>(r: &'a HttpRequest, name: &str) -> Option<&'a str> {
    r.headers.get(name)
}

/// Every text an error shows: message, Display, Debug, field.
fn shown(e: &IdvError) -> String {
    format!("{} | {} | {:?} | {:?}", e.message(), e, e, e.field)
}

// ---------------------------------------------------------------- builders

#[test]
fn exchange_token_request_is_the_documented_call() {
    let r = client().exchange_token_request(TOKEN).unwrap();
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.url, "https://api.caisson.com/v1/idcheck/exchangetoken");
    assert_eq!(header(&r, "Authorization"), Some(format!("Caisson {KEY}").as_str()));
    assert_eq!(header(&r, "content-type"), Some("application/json"));
    assert_eq!(header(&r, "X-Caisson-CheckID"), None);
    let body: Value = serde_json::from_slice(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({ "check_exchange_token": TOKEN }));
}

#[test]
fn get_id_check_request_puts_the_id_in_a_header_only() {
    let r = client().get_id_check_request(CHECK_ID, &[]).unwrap();
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.url, "https://api.caisson.com/v1/idcheck");
    assert_eq!(header(&r, "Authorization"), Some(format!("Caisson {KEY}").as_str()));
    assert_eq!(header(&r, "X-Caisson-CheckID"), Some(CHECK_ID));
    assert!(r.body.is_none());
    assert!(!r.url.contains(CHECK_ID));
    assert!(!r.url.contains("SMgso2KG"));
}

#[test]
fn fields_are_one_comma_list_in_the_doc_order() {
    let all = parse_fields(&["expires_on", "address", "dob", "sex", "dob"]).unwrap();
    let r = client().get_id_check_request(CHECK_ID, &all).unwrap();
    assert_eq!(r.url, "https://api.caisson.com/v1/idcheck?fields=sex,dob,address,expires_on");
    let some = parse_fields(&["address", "sex"]).unwrap();
    let r = client().get_id_check_request(CHECK_ID, &some).unwrap();
    assert_eq!(r.url, "https://api.caisson.com/v1/idcheck?fields=sex,address");
    let r = client().get_id_check_request(CHECK_ID, &[OptionalField::ExpiresOn]).unwrap();
    assert_eq!(r.url, "https://api.caisson.com/v1/idcheck?fields=expires_on");
    assert!(!r.url.contains(CHECK_ID));
    assert!(parse_fields::<&str>(&[]).unwrap().is_empty());
}

#[test]
fn unknown_fields_are_refused_by_position_not_value() {
    for (names, path) in [
        (vec!["ssnzzUNKNOWNzz"], "fields[0]"),
        (vec!["sex", "Sex"], "fields[1]"),
        (vec!["dob", "first_name"], "fields[1]"),
        (vec!["sex,dob"], "fields[0]"),
        (vec![""], "fields[0]"),
    ] {
        let e = parse_fields(&names).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        assert_eq!(e.api, Api::Caisson);
        assert_eq!(e.field.as_deref(), Some(path));
        assert!(!shown(&e).contains("zzUNKNOWNzz"));
        assert!(!shown(&e).contains("first_name"));
    }
}

#[test]
fn swapped_token_and_check_id_are_refused() {
    let e = client().exchange_token_request(CHECK_ID).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert_eq!(e.field.as_deref(), Some("token"));
    assert!(e.message().contains("swapped"));
    assert!(!shown(&e).contains("SMgso2KG"));
    let e = client().get_id_check_request(TOKEN, &[]).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert_eq!(e.field.as_deref(), Some("checkId"));
    assert!(!shown(&e).contains("UeRXDry"));
}

#[test]
fn bad_identifier_characters_are_refused_without_echo() {
    let long = "a".repeat(257);
    for bad in [
        "",
        "zzBAD zzSECRET",
        "zzBAD\r\nX-Evil: 1",
        "zzBAD/../x",
        "zzBAD?x=1",
        "zzBADé",
        "zzBAD\0",
        "zzBAD.dot",
        long.as_str(),
    ] {
        let e = client().exchange_token_request(bad).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidArgument, Some("token")), "{bad:?}");
        assert!(!shown(&e).contains("zzBAD"));
        let e = client().get_id_check_request(bad, &[]).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidArgument, Some("checkId")), "{bad:?}");
        assert!(!shown(&e).contains("zzBAD"));
    }
    // The limits themselves are fine.
    assert!(client().exchange_token_request(&"a".repeat(256)).is_ok());
    assert!(client().get_id_check_request("A-z_0", &[]).is_ok());
}

#[test]
fn base_url_rules() {
    let c = Caisson::new(KEY, Some("https://api-noam.caisson.dev")).unwrap();
    assert_eq!(c.exchange_token_request(TOKEN).unwrap().url, "https://api-noam.caisson.dev/v1/idcheck/exchangetoken");
    let c = Caisson::new(KEY, Some("https://proxy.example.com/caisson/")).unwrap();
    assert_eq!(c.get_id_check_request(CHECK_ID, &[]).unwrap().url, "https://proxy.example.com/caisson/v1/idcheck");
    for ok in ["http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010", "HTTPS://API.CAISSON.COM/"] {
        assert!(Caisson::new(KEY, Some(ok)).is_ok(), "{ok}");
    }
    assert_eq!(client().base_url(), DEFAULT_BASE_URL);
    // The default is not parsed at construction: it must already be what the parser gives.
    let parsed = Caisson::new(KEY, Some(DEFAULT_BASE_URL)).unwrap();
    assert_eq!(parsed.base_url(), DEFAULT_BASE_URL);
    assert_eq!(
        Caisson::new(KEY, None).unwrap().get_id_check_request(CHECK_ID, &[]).unwrap().url,
        parsed.get_id_check_request(CHECK_ID, &[]).unwrap().url
    );
    for bad in [
        "http://zzhost.example.com",
        "ftp://zzhost.example.com",
        "zzhost.example.com",
        "https://user:zzpw@zzhost.example.com",
        "https://zzhost.example.com?x=1",
        "https://zzhost.example.com#frag",
        "https://zzhost.example.com\r\n",
        "http://localhost.zzhost.com",
        "",
    ] {
        let e = Caisson::new(KEY, Some(bad)).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{bad:?}");
        assert_eq!(e.field.as_deref(), Some("baseUrl"));
        assert!(!shown(&e).contains("zzhost"), "{bad:?}");
    }
}

#[test]
fn api_key_rules_and_secrecy() {
    for bad in ["", "has space", "tab\tkey", "nl\nkey", "ké"] {
        let e = Caisson::new(bad, None).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidArgument, Some("apiKey")));
    }
    let c = client();
    assert!(!format!("{c:?}").contains("KEYzz7"));
    let r = c.exchange_token_request(TOKEN).unwrap();
    let d = format!("{r:?}");
    assert!(!d.contains("KEYzz7") && !d.contains("UeRXDry"), "{d}");
    let r = c.get_id_check_request(CHECK_ID, &[]).unwrap();
    let d = format!("{r:?}");
    assert!(!d.contains("KEYzz7") && !d.contains("SMgso2KG"), "{d}");
}

// ---------------------------------------------------------------- validators: success

#[test]
fn the_doc_example_validates() {
    let r = id_check(200, EXAMPLE).unwrap();
    assert_eq!(r.check_id, CHECK_ID);
    assert_eq!(r.customer_id, "1234321 - Doe, Jamie");
    assert_eq!(r.checked_on, "2019-07-19T15:00:42.274684-04:00");
    assert_eq!(r.confidence.document, Level::High);
    assert_eq!(r.confidence.face, Level::High);
    // Not in the doc's example (both confidences high): kept absent.
    assert_eq!(r.confidence.reasons, None);
    assert!(r.confidence.reasons().is_empty());
    assert_eq!(r.info.first_name, "JAMIE");
    assert_eq!(r.info.last_name, "DOE");
    assert_eq!(r.info.sex.as_deref(), Some("M"));
    assert_eq!(r.info.dob.as_deref(), Some("1989-06-30T00:00:00Z"));
    assert_eq!(r.info.expires_on.as_deref(), Some("2025-06-24T00:00:00Z"));
    let a = r.info.address.as_ref().unwrap();
    assert_eq!((a.street.as_str(), a.city.as_str(), a.state.as_str(), a.zip.as_str()), ("6 CROWN DR # 11B", "NEW YORK", "NY", "10001"));
    // Serialized with the doc's names.
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["info"]["first_name"], "JAMIE");
    assert_eq!(v["confidence"]["document"], "high");
    assert_eq!(v["confidence"], json!({ "document": "high", "face": "high" }), "the doc's shape");
}

#[test]
fn the_doc_exchange_example_validates() {
    let r = exchange(200, r#"{ "check_id": "chk_priv_ceSB3MdzNm8M5FdEM4wSXw" }"#).unwrap();
    assert_eq!(r.check_id, "chk_priv_ceSB3MdzNm8M5FdEM4wSXw");
    let r = exchange(201, r#"{ "check_id": "x", "extra": [1, {"a": null}] }"#).unwrap();
    assert_eq!(r.check_id, "x");
}

#[test]
fn minimal_result_without_optional_fields() {
    let body = json!({
        "check_id": "c", "customer_id": "u", "checked_on": "2019-07-19T19:00:42Z",
        "confidence": { "document": "low", "face": "medium" },
        "info": { "first_name": "", "last_name": "X" }
    });
    let r = id_check(200, &body.to_string()).unwrap();
    assert_eq!((r.confidence.document, r.confidence.face), (Level::Low, Level::Medium));
    assert!(r.info.sex.is_none() && r.info.dob.is_none() && r.info.expires_on.is_none() && r.info.address.is_none());
    // null is absent for every optional field.
    let body = json!({
        "check_id": "c", "customer_id": "u", "checked_on": "2019-07-19T19:00:42Z",
        "confidence": { "document": "high", "face": "high", "reasons": null },
        "info": { "first_name": "A", "last_name": "B", "sex": null, "dob": null, "expires_on": null, "address": null }
    });
    let r = id_check(200, &body.to_string()).unwrap();
    assert_eq!(r.confidence.reasons, None);
    assert!(r.info.sex.is_none() && r.info.dob.is_none() && r.info.expires_on.is_none() && r.info.address.is_none());
}

#[test]
fn unknown_extra_fields_are_tolerated() {
    let mut v = example();
    v["extra"] = json!({ "nested": [1, 2, { "x": null }] });
    v["webhook"] = json!(true);
    v["confidence"]["score"] = json!(0.93);
    v["confidence"]["reasons"] = json!([{ "code": 201, "description": "d", "severity": "x" }]);
    v["info"]["middle_name"] = json!("Q");
    v["info"]["address"]["country"] = json!("US");
    let r = id_check(200, &v.to_string()).unwrap();
    assert_eq!(r.confidence.reasons().len(), 1);
    assert_eq!(r.info.first_name, "JAMIE");
}

#[test]
fn an_object_in_place_of_a_reason_code_is_the_wrong_shape() {
    // serde_json's private number token does not make an object a number.
    let mut v = example();
    v["confidence"]["document"] = json!("low");
    v["confidence"]["reasons"] = json!([{ "code": { "$serde_json::private::Number": "201" }, "description": "d" }]);
    let e = id_check(200, &v.to_string()).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidResponse, Some("confidence.reasons[0].code")));
}

#[test]
fn reasons_present_absent_null() {
    // Absent and null are absent; an empty array is kept (the result mirrors the body).
    let mut v = example();
    assert_eq!(id_check(200, &v.to_string()).unwrap().confidence.reasons, None);
    v["confidence"]["reasons"] = Value::Null;
    assert_eq!(id_check(200, &v.to_string()).unwrap().confidence.reasons, None);
    v["confidence"]["reasons"] = json!([]);
    assert_eq!(id_check(200, &v.to_string()).unwrap().confidence.reasons, Some(vec![]));
    v["confidence"]["document"] = json!("medium");
    v["confidence"]["face"] = json!("low");
    v["confidence"]["reasons"] = json!([
        { "code": 101, "description": "The API's own words" },
        { "code": 308, "description": "" },
        { "code": 999, "description": "new" },
        { "code": 0, "description": "zero" },
        { "code": 65535, "description": "max" }
    ]);
    let r = id_check(200, &v.to_string()).unwrap();
    let rs = r.confidence.reasons();
    assert_eq!(rs.len(), 5);
    assert_eq!(rs[0].code, 101);
    assert_eq!(rs[0].description, "The API's own words");
    assert_eq!(rs[0].category, ReasonCategory::DataMismatch);
    assert_eq!(rs[0].field, Some(ReasonField::Name));
    assert_eq!(rs[1].category, ReasonCategory::Document);
    assert_eq!(rs[1].description, "");
    assert!(rs[1].retryable, "308: a valid document fixes it");
    assert_eq!((rs[2].code, rs[2].category, rs[2].description.as_str()), (999, ReasonCategory::Unknown, "new"));
    assert_eq!(rs[4].code, 65535);
    let js = serde_json::to_value(&rs[0]).unwrap();
    assert_eq!(js, json!({ "code": 101, "description": "The API's own words", "category": "data_mismatch",
                             "field": "name", "userAction": null, "retryable": false }));
}

#[test]
fn date_times_in_other_rfc3339_forms_are_accepted() {
    for t in ["2019-07-19T19:00:42Z", "2019-07-19T15:00:42.274684-04:00", "2019-07-19t19:00:42.1+00:00", "2019-07-19T19:00:42.123456789Z"] {
        let mut v = example();
        v["checked_on"] = json!(t);
        v["info"]["dob"] = json!(t);
        v["info"]["expires_on"] = json!(t);
        let r = id_check(200, &v.to_string()).unwrap();
        assert_eq!(r.checked_on, t);
    }
}

#[test]
fn dob_and_expires_on_as_iso_dates_are_accepted_as_sent() {
    // The doc says "ISO Date string"; the API sends midnight-UTC date-times
    // (field notes): both are taken, and kept as sent.
    for (dob, expires_on) in [("1989-06-30", "2031-06-24"), ("2000-02-29", "2031-06-24T00:00:00Z"), ("1989-06-30T00:00:00Z", "2031-12-31")] {
        let mut v = example();
        v["info"]["dob"] = json!(dob);
        v["info"]["expires_on"] = json!(expires_on);
        let r = id_check(200, &v.to_string()).unwrap();
        assert_eq!((r.info.dob.as_deref(), r.info.expires_on.as_deref()), (Some(dob), Some(expires_on)));
    }
    for bad in ["1900-02-29", "2031-13-01", "2031-06-31", "31-06-24", "20310624", "2031-06-24Z", "+2031-06-24"] {
        let mut v = example();
        v["info"]["dob"] = json!(bad);
        let e = id_check(200, &v.to_string()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("info.dob"), "{bad}");
    }
}

// ---------------------------------------------------------------- validators: errors

#[test]
fn error_with_http_200_is_a_failure() {
    let e = id_check(200, r#"{"error":"NOT_VERIFIED","error_description":"User has not finished"}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotVerified);
    assert_eq!(e.status, Some(200));
    assert!(e.retryable);
    assert_eq!(e.description.as_deref(), Some("User has not finished"));
    assert!(!e.message().contains("User has not finished"));
    // Even next to a complete result.
    let mut v = example();
    v["error"] = json!("IDCHECK_DELETED");
    let e = id_check(200, &v.to_string()).unwrap_err();
    assert_eq!((e.code, e.status, e.retryable), (ErrorCode::IdcheckDeleted, Some(200), false));
    let e = exchange(200, r#"{"check_id":"x","error":"INVALID_INPUT"}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
}

#[test]
fn null_error_is_absent_and_other_error_values_fail_closed() {
    let mut v = example();
    v["error"] = Value::Null;
    v["error_description"] = Value::Null;
    assert!(id_check(200, &v.to_string()).is_ok());
    for bad in [json!(""), json!(false), json!(0), json!({"code": "NOT_VERIFIED"}), json!(["NOT_VERIFIED"])] {
        v["error"] = bad.clone();
        let e = id_check(200, &v.to_string()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{bad}");
        assert_eq!(e.field.as_deref(), Some("error"));
        assert_eq!(e.status, Some(200));
    }
}

#[test]
fn error_message_and_error_description() {
    let e = exchange(200, r#"{"error":"INVALID_INPUT","error_message":"from message"}"#).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("from message"));
    let e = exchange(400, r#"{"error":"INVALID_INPUT","error_description":"from description"}"#).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("from description"));
    let e = exchange(400, r#"{"error":"INVALID_INPUT","error_message":"m","error_description":"d"}"#).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("d"));
    let e = exchange(400, r#"{"error":"INVALID_INPUT","error_description":"","error_message":"m"}"#).unwrap_err();
    assert_eq!(e.description.as_deref(), Some("m"));
    let e = exchange(400, r#"{"error":"INVALID_INPUT","error_description":7}"#).unwrap_err();
    assert_eq!(e.description, None);
    let e = exchange(400, r#"{"error":"INVALID_INPUT"}"#).unwrap_err();
    assert_eq!(e.description, None);
    for e in [
        exchange(200, r#"{"error":"INVALID_INPUT","error_message":"zzDESCzz"}"#).unwrap_err(),
        exchange(500, r#"{"error":"INTERNAL_ERROR","error_description":"zzDESCzz"}"#).unwrap_err(),
    ] {
        assert_eq!(e.description.as_deref(), Some("zzDESCzz"));
        assert!(!shown(&e).contains("zzDESCzz"), "{}", shown(&e));
    }
    // API.md carries Caisson's text "for an error code": a body without one
    // (a proxy's or a gateway's) keeps its text out of the error.
    for (status, body) in [(503, r#"{"error_description":"zzDESCzz"}"#), (400, r#"{"error_message":"zzDESCzz"}"#), (500, r#"{"error":null,"error_description":"zzDESCzz"}"#), (502, r#"{"error":"","error_description":"zzDESCzz"}"#)] {
        let e = exchange(status, body).unwrap_err();
        assert_eq!(e.description, None, "{status} {body}");
        assert_eq!(e.status, Some(status));
    }
    // A 2xx whose `error` is not a string is a malformed answer, not Caisson's text.
    assert_eq!(exchange(200, r#"{"error":5,"error_description":"zzDESCzz"}"#).unwrap_err().description, None);
}

#[test]
fn http_401_is_always_unauthorized() {
    for body in ["", "<html>401</html>", r#"{"error":"INTERNAL_ERROR"}"#, r#"{"error":"NOT_VERIFIED","error_message":"x"}"#, r#"{"error":"zzWHATzz"}"#] {
        for e in [id_check(401, body).unwrap_err(), exchange(401, body).unwrap_err()] {
            assert_eq!(e.code, ErrorCode::Unauthorized, "{body}");
            assert_eq!(e.status, Some(401));
            assert!(!e.retryable);
        }
    }
    assert_eq!(id_check(401, r#"{"error":"NOT_VERIFIED","error_message":"x"}"#).unwrap_err().description.as_deref(), Some("x"));
}

#[test]
fn a_documented_code_wins_over_the_status() {
    let e = id_check(500, r#"{"error":"INTERNAL_ERROR","error_description":"boom"}"#).unwrap_err();
    assert_eq!((e.code, e.status, e.retryable), (ErrorCode::InternalError, Some(500), true));
    assert_eq!(e.description.as_deref(), Some("boom"));
    assert!(e.message().contains("500"));
    let codes = [
        ("IDCHECK_EXPIRED", ErrorCode::IdcheckExpired, false),
        ("IDCHECK_DELETED", ErrorCode::IdcheckDeleted, false),
        ("INVALID_INPUT", ErrorCode::InvalidInput, false),
        ("NOT_VERIFIED", ErrorCode::NotVerified, true),
        ("PENDING_REVIEW", ErrorCode::PendingReview, true),
        ("INTERNAL_ERROR", ErrorCode::InternalError, true),
    ];
    for (text, code, retryable) in codes {
        for status in [200, 201, 400, 403, 404, 409, 410, 422, 429, 500, 503] {
            let body = format!(r#"{{"error":"{text}","error_description":"d"}}"#);
            for e in [id_check(status, &body).unwrap_err(), exchange(status, &body).unwrap_err()] {
                assert_eq!(e.code, code, "{text} {status}");
                assert_eq!(e.code.as_str(), text);
                assert_eq!(e.status, Some(status));
                assert_eq!(e.retryable, retryable);
                assert_eq!(e.api, Api::Caisson);
                assert_eq!(e.field, None);
            }
        }
    }
    // The code is case-sensitive, as sent.
    assert_eq!(id_check(500, r#"{"error":"internal_error"}"#).unwrap_err().code, ErrorCode::ServerError);
}

#[test]
fn an_undocumented_code_gives_the_status_code_and_is_not_echoed() {
    for (status, code) in [
        (200, ErrorCode::BadRequest),
        (201, ErrorCode::BadRequest),
        (400, ErrorCode::BadRequest),
        (404, ErrorCode::NotFound),
        (408, ErrorCode::Timeout),
        (422, ErrorCode::Unprocessable),
        (429, ErrorCode::RateLimited),
        (500, ErrorCode::ServerError),
        (503, ErrorCode::ServerError),
    ] {
        let e = id_check(status, r#"{"error":"zzNEW_CODEzz","error_description":"zzDESCzz"}"#).unwrap_err();
        assert_eq!((e.code, e.status), (code, Some(status)));
        assert_eq!(e.retryable, code.retryable());
        assert!(!shown(&e).contains("zzNEW_CODEzz") && !shown(&e).contains("zzDESCzz"), "{}", shown(&e));
        assert_eq!(e.description.as_deref(), Some("zzDESCzz"));
    }
}

#[test]
fn retry_after_seconds_are_kept_as_goldstars_are() {
    for (ra, want) in [("7", Some(7000)), (" 0 ", Some(0)), ("Wed, 21 Oct 2015 07:28:00 GMT", None), ("soon", None)] {
        let h: Headers = [("Retry-After", ra)].into_iter().collect();
        for status in [429, 503] {
            assert_eq!(parse_exchange_token(status, &h, b"").unwrap_err().retry_after_ms, want, "{ra}");
            let body = br#"{"error":"INTERNAL_ERROR","error_description":"x"}"#;
            assert_eq!(parse_id_check(status, &h, body).unwrap_err().retry_after_ms, want, "{ra}");
        }
    }
}

#[test]
fn non_2xx_without_a_usable_body_uses_the_status() {
    let html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>zzHTMLzz</body></html>";
    let cases = [
        (400, ErrorCode::BadRequest, false),
        (401, ErrorCode::Unauthorized, false),
        (403, ErrorCode::BadRequest, false),
        (404, ErrorCode::NotFound, false),
        (405, ErrorCode::BadRequest, false),
        (408, ErrorCode::Timeout, true),
        (409, ErrorCode::BadRequest, false),
        (422, ErrorCode::Unprocessable, false),
        (429, ErrorCode::RateLimited, true),
        (499, ErrorCode::BadRequest, false),
        (500, ErrorCode::ServerError, true),
        (502, ErrorCode::ServerError, true),
        (503, ErrorCode::ServerError, true),
        (504, ErrorCode::ServerError, true),
        (599, ErrorCode::ServerError, true),
    ];
    let html_headers: Headers = [("Content-Type", "text/html")].into_iter().collect();
    for (status, code, retryable) in cases {
        for body in ["", "   ", html, "not json", "{\"error\":", "[\"INTERNAL_ERROR\"]", "{}", r#"{"message":"zzHTMLzz"}"#, "null"] {
            for e in [
                parse_id_check(status, &html_headers, body.as_bytes()).unwrap_err(),
                parse_exchange_token(status, &Headers::new(), body.as_bytes()).unwrap_err(),
            ] {
                assert_eq!((e.code, e.status, e.retryable), (code, Some(status), retryable), "{status} {body:?}");
                assert!(e.description.is_none());
                assert!(!shown(&e).contains("zzHTMLzz"));
            }
        }
    }
    // Other statuses are not answers.
    for status in [0, 100, 199, 301, 302, 304, 600, 999] {
        let e = id_check(status, EXAMPLE).unwrap_err();
        assert_eq!((e.code, e.status), (ErrorCode::InvalidResponse, Some(status)), "{status}");
    }
}

#[test]
fn empty_and_no_content_2xx_are_invalid() {
    for (status, body) in [(204, ""), (204, EXAMPLE), (200, ""), (200, " \r\n\t"), (202, "")] {
        for e in [id_check(status, body).unwrap_err(), exchange(status, body).unwrap_err()] {
            assert_eq!((e.code, e.status), (ErrorCode::InvalidResponse, Some(status)), "{status} {body:?}");
            assert!(!e.retryable);
        }
    }
}

#[test]
fn too_large_bodies() {
    let mut big = String::from(r#"{"check_id":"x","pad":""#);
    big.push_str(&"a".repeat(1024 * 1024));
    big.push_str(r#""}"#);
    let e = exchange(200, &big).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    assert!(e.message().contains("1 MiB"));
    // An error page that is too large still gets its status.
    let e = exchange(503, &big).unwrap_err();
    assert_eq!(e.code, ErrorCode::ServerError);
}

#[test]
fn bad_json_names_the_position_not_the_text() {
    let e = id_check(200, EXAMPLE_VERBATIM).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    assert!(e.message().contains("line 20, column 9"), "{}", e.message());
    assert!(e.message().contains("column"));
    for leak in ["DOE", "JAMIE", "CROWN", "10001", "1234321"] {
        assert!(!shown(&e).contains(leak));
    }
    let e = exchange(200, "{\n    \"check_id\": \"chk_priv_ceSB3MdzNm8M5FdEM4wSXw\",\n}").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    assert!(e.message().contains("line 3, column 1"), "{}", e.message());
    assert!(!shown(&e).contains("ceSB3M"));
    let e = exchange(200, r#"{"check_id": "zzSECRETzz"#).unwrap_err();
    assert!(e.message().contains("ends early"));
    assert!(!shown(&e).contains("zzSECRETzz"));
    let e = exchange(200, "\u{feff}{}").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    let e = parse_exchange_token(200, &json_headers(), &[b'{', 0xff, b'}']).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
}

#[test]
fn content_type_must_be_json_when_present() {
    let body = r#"{"check_id":"x"}"#;
    for ct in ["application/json", "application/json;charset=utf-8", "APPLICATION/JSON", "application/problem+json", "application/vnd.caisson+json; v=1"] {
        let h: Headers = [("content-type", ct)].into_iter().collect();
        assert!(parse_exchange_token(200, &h, body.as_bytes()).is_ok(), "{ct}");
    }
    assert!(parse_exchange_token(200, &Headers::new(), body.as_bytes()).is_ok());
    // Plain text is what a Response built from a string says: its body is read as JSON;
    // text/json is a JSON type (ASP.NET Web API's second one), for both clients.
    for ct in ["text/plain", "text/plain;charset=UTF-8", "text/json"] {
        let h: Headers = [("Content-Type", ct)].into_iter().collect();
        assert!(parse_exchange_token(200, &h, body.as_bytes()).is_ok(), "{ct}");
        assert!(parse_id_check(200, &h, EXAMPLE.as_bytes()).is_ok(), "{ct}");
        assert_eq!(parse_id_check(200, &h, b"<html>").unwrap_err().code, ErrorCode::InvalidResponse);
    }
    for ct in ["text/html", "", "application/jsonx", "application/xml", "text/xml"] {
        let h: Headers = [("Content-Type", ct)].into_iter().collect();
        for e in [
            parse_exchange_token(200, &h, body.as_bytes()).unwrap_err(),
            parse_id_check(200, &h, EXAMPLE.as_bytes()).unwrap_err(),
        ] {
            assert_eq!((e.code, e.status), (ErrorCode::InvalidResponse, Some(200)), "{ct}");
            assert!(e.message().contains("content type is not JSON"));
        }
    }
}

const LONG_CHECK_ID: &str = concat!(r#"{"check_id":""#, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", r#""}"#);

#[test]
fn exchange_token_shape() {
    for (body, path, rule) in [
        ("{}", Some("check_id"), "is required"),
        (r#"{"check_id":null}"#, Some("check_id"), "is required"),
        (r#"{"check_id":""}"#, Some("check_id"), "must not be empty"),
        (r#"{"check_id":12}"#, Some("check_id"), "expected a string, found a number"),
        (r#"{"check_id":["x"]}"#, Some("check_id"), "expected a string, found an array"),
        (r#"{"checkId":"x"}"#, Some("check_id"), "is required"),
        // Only a check id getIdCheck would take (API.md's rule), never passed on.
        (r#"{"check_id":"a b"}"#, Some("check_id"), "is not a check id"),
        (r#"{"check_id":"chk_xchg_UeRXDryTTpvU24CTre8W2Q"}"#, Some("check_id"), "is not a check id"),
        (r#"{"check_id":"chk_priv_é"}"#, Some("check_id"), "is not a check id"),
        (LONG_CHECK_ID, Some("check_id"), "is not a check id"),
        ("[]", None, "expected an object, found an array"),
        (r#""chk_priv_x""#, None, "expected an object, found a string"),
        ("null", None, "expected an object, found null"),
    ] {
        let e = exchange(200, body).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{body}");
        assert_eq!(e.field.as_deref(), path, "{body}");
        assert!(e.message().contains(rule), "{body}: {}", e.message());
        assert!(!e.message().contains("a b") && !e.message().contains("UeRX"), "no value in {}", e.message());
        assert_eq!(e.status, Some(200));
    }
    let max = format!(r#"{{"check_id":"{}"}}"#, "y".repeat(256));
    assert_eq!(exchange(200, &max).unwrap().check_id.len(), 256);
}

#[test]
fn id_check_result_check_id_is_a_check_id() {
    // As the exchange's: an id getIdCheck could send back, escapes decoded.
    for bad in [json!("a b"), json!("chk_xchg_UeRXDryTTpvU24CTre8W2Q"), json!("chk_priv_é"), json!("y".repeat(257))] {
        let body = with("/check_id", Some(bad.clone())).to_string();
        let e = id_check(200, &body).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{bad}");
        assert_eq!(e.field.as_deref(), Some("check_id"), "{bad}");
        assert!(e.message().contains("is not a check id"), "{}", e.message());
        assert!(!e.message().contains("UeRX"), "no value in {}", e.message());
    }
    let escaped = with("/check_id", Some(json!("PLACEHOLDER"))).to_string().replace("PLACEHOLDER", r"chk_priv_\u0041");
    assert_eq!(id_check(200, &escaped).unwrap().check_id, "chk_priv_A");
    let max = with("/check_id", Some(json!("y".repeat(256)))).to_string();
    assert_eq!(id_check(200, &max).unwrap().check_id.len(), 256);
}

#[test]
fn a_utf8_byte_order_mark_is_skipped_as_response_json_does() {
    let body = format!("\u{feff}{}", example());
    assert_eq!(id_check(200, &body).unwrap().check_id, example()["check_id"].as_str().unwrap());
    assert_eq!(exchange(200, "\u{feff}{\"check_id\":\"chk_priv_x\"}").unwrap().check_id, "chk_priv_x");
    // Only one, and only at the start.
    assert!(id_check(200, &format!("\u{feff}\u{feff}{}", example())).is_err());
    assert!(id_check(200, &format!(" \u{feff}{}", example())).is_err());
}

/// Sets (or with `None`, removes) the value at a JSON pointer.
fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut v = example();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = if parent.is_empty() { &mut v } else { v.pointer_mut(parent).unwrap() };
    match (target, value) {
        (Value::Object(m), Some(x)) => {
            m.insert(key.to_string(), x);
        }
        (Value::Object(m), None) => {
            m.remove(key);
        }
        (Value::Array(a), Some(x)) => a[key.parse::<usize>().unwrap()] = x,
        _ => panic!("bad pointer {pointer}"),
    }
    v
}

#[test]
fn id_check_shape_names_each_path_and_rule() {
    let reasons = |r: Value| with("/confidence/reasons", Some(r));
    let cases: Vec<(Value, &str, &str)> = vec![
        (with("/check_id", None), "check_id", "is required but missing"),
        (with("/check_id", Some(json!(null))), "check_id", "is required"),
        (with("/check_id", Some(json!(""))), "check_id", "must not be empty"),
        (with("/check_id", Some(json!(1))), "check_id", "expected a string, found a number"),
        (with("/customer_id", None), "customer_id", "is required"),
        (with("/customer_id", Some(json!(""))), "customer_id", "must not be empty"),
        (with("/customer_id", Some(json!(1234321))), "customer_id", "expected a string, found a number"),
        (with("/checked_on", None), "checked_on", "is required"),
        (with("/checked_on", Some(json!("zzYESTERDAYzz"))), "checked_on", "is not an RFC 3339 date-time"),
        (with("/checked_on", Some(json!("2019-07-19"))), "checked_on", "is not an RFC 3339 date-time"),
        (with("/checked_on", Some(json!("2019-07-19 15:00:42"))), "checked_on", "is not an RFC 3339 date-time"),
        (with("/checked_on", Some(json!("2019-02-30T00:00:00Z"))), "checked_on", "is not an RFC 3339 date-time"),
        (with("/checked_on", Some(json!(1563562842))), "checked_on", "expected a string, found a number"),
        (with("/confidence", None), "confidence", "is required"),
        (with("/confidence", Some(json!("high"))), "confidence", "expected an object, found a string"),
        (with("/confidence", Some(json!([]))), "confidence", "expected an object, found an array"),
        (with("/confidence/document", None), "confidence.document", "is required"),
        (with("/confidence/document", Some(json!("HIGH"))), "confidence.document", "expected one of high, medium, low"),
        (with("/confidence/document", Some(json!("zzexcellentzz"))), "confidence.document", "expected one of high, medium, low"),
        (with("/confidence/document", Some(json!(""))), "confidence.document", "expected one of high, medium, low"),
        (with("/confidence/document", Some(json!(3))), "confidence.document", "expected a string, found a number"),
        (with("/confidence/face", None), "confidence.face", "is required"),
        (with("/confidence/face", Some(json!(" high"))), "confidence.face", "expected one of high, medium, low"),
        (with("/confidence/face", Some(json!(true))), "confidence.face", "expected a string, found a boolean"),
        (reasons(json!({})), "confidence.reasons", "expected an array, found an object"),
        (reasons(json!("201")), "confidence.reasons", "expected an array, found a string"),
        (reasons(json!([5])), "confidence.reasons[0]", "expected an object, found a number"),
        (reasons(json!([{"code": 201, "description": "a"}, null])), "confidence.reasons[1]", "expected an object, found null"),
        (reasons(json!([{"code": 201, "description": "a"}, {"code": "101", "description": "b"}])), "confidence.reasons[1].code", "expected an integer, found a string"),
        (reasons(json!([{"description": "b"}])), "confidence.reasons[0].code", "is required"),
        (reasons(json!([{"code": null, "description": "b"}])), "confidence.reasons[0].code", "is required"),
        (reasons(json!([{"code": 70000, "description": "b"}])), "confidence.reasons[0].code", "expected an integer from 0 to 65535"),
        (reasons(json!([{"code": 65536, "description": "b"}])), "confidence.reasons[0].code", "expected an integer from 0 to 65535"),
        (reasons(json!([{"code": -1, "description": "b"}])), "confidence.reasons[0].code", "expected an integer from 0 to 65535"),
        (reasons(json!([{"code": 201.5, "description": "b"}])), "confidence.reasons[0].code", "expected an integer from 0 to 65535"),
        (reasons(json!([{"code": 18446744073709551615u64, "description": "b"}])), "confidence.reasons[0].code", "expected an integer from 0 to 65535"),
        (reasons(json!([{"code": [201], "description": "b"}])), "confidence.reasons[0].code", "expected an integer, found an array"),
        (reasons(json!([{"code": 201}])), "confidence.reasons[0].description", "is required"),
        (reasons(json!([{"code": 201, "description": 201}])), "confidence.reasons[0].description", "expected a string, found a number"),
        (with("/info", None), "info", "is required"),
        (with("/info", Some(json!("zzDOEzz"))), "info", "expected an object, found a string"),
        (with("/info/first_name", None), "info.first_name", "is required"),
        (with("/info/first_name", Some(json!(["J"]))), "info.first_name", "expected a string, found an array"),
        (with("/info/last_name", None), "info.last_name", "is required"),
        (with("/info/last_name", Some(json!(7))), "info.last_name", "expected a string, found a number"),
        (with("/info/sex", Some(json!(1))), "info.sex", "expected a string, found a number"),
        (with("/info/dob", Some(json!("1989-02-30"))), "info.dob", "is not an ISO date (YYYY-MM-DD) or an RFC 3339 date-time"),
        (with("/info/dob", Some(json!("1989-6-30"))), "info.dob", "is not an ISO date (YYYY-MM-DD) or an RFC 3339 date-time"),
        (with("/info/dob", Some(json!("06/30/1989"))), "info.dob", "is not an ISO date (YYYY-MM-DD) or an RFC 3339 date-time"),
        (with("/info/dob", Some(json!("1989-06-30T00:00:00"))), "info.dob", "is not an ISO date (YYYY-MM-DD) or an RFC 3339 date-time"),
        (with("/info/dob", Some(json!(615168000))), "info.dob", "expected a string, found a number"),
        (with("/info/expires_on", Some(json!("2025-06-24 "))), "info.expires_on", "is not an ISO date (YYYY-MM-DD) or an RFC 3339 date-time"),
        (with("/info/expires_on", Some(json!({}))), "info.expires_on", "expected a string, found an object"),
        (with("/info/address", Some(json!("6 CROWN DR"))), "info.address", "expected an object, found a string"),
        (with("/info/address/street", None), "info.address.street", "is required"),
        (with("/info/address/city", Some(json!(1))), "info.address.city", "expected a string, found a number"),
        (with("/info/address/state", None), "info.address.state", "is required"),
        (with("/info/address/zip", Some(json!(10001))), "info.address.zip", "expected a string, found a number"),
    ];
    for (v, path, rule) in cases {
        let body = v.to_string();
        let e = id_check(200, &body).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{path}");
        assert_eq!(e.api, Api::Caisson);
        assert_eq!(e.status, Some(200));
        assert!(!e.retryable);
        assert_eq!(e.field.as_deref(), Some(path), "{body}");
        assert!(e.message().contains(path), "{}", e.message());
        assert!(e.message().contains(rule), "{path}: {}", e.message());
        for leak in ["zz", "DOE", "JAMIE", "1234321", "CROWN", "10001", "1989", "2019", "chk_priv"] {
            assert!(!shown(&e).contains(leak), "{leak} in {}", shown(&e));
        }
    }
    for (body, rule) in [("[]", "expected an object, found an array"), ("42", "expected an object, found a number")] {
        let e = id_check(200, body).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidResponse, None));
        assert!(e.message().contains(rule));
    }
}

// ---------------------------------------------------------------- reasons

/// (code, category, field, retryable): the table's expected judgement.
const EXPECTED: [(u16, ReasonCategory, Option<ReasonField>, bool); 21] = {
    use ReasonCategory::*;
    [
        (101, DataMismatch, Some(ReasonField::Name), false),
        (102, DataMismatch, Some(ReasonField::Dob), false),
        (104, DataMismatch, Some(ReasonField::IdNumber), false),
        (105, DataMismatch, Some(ReasonField::Sex), false),
        (106, DataMismatch, Some(ReasonField::Address), false),
        (201, Selfie, None, true),
        (202, Selfie, None, true),
        (299, Selfie, None, true),
        (301, Document, None, true),
        (302, Document, None, true),
        (303, Document, None, true),
        (304, Document, None, true),
        (305, Document, None, true),
        (306, Document, None, true),
        (307, Document, None, true),
        (308, Document, None, true),
        (309, Document, None, true),
        (399, Document, None, true),
        (401, Barcode, None, false),
        (402, Barcode, None, true),
        (499, Barcode, None, true),
    ]
};

#[test]
fn all_21_documented_reason_codes() {
    assert_eq!(REASON_CODES.len(), 21);
    for (i, (code, category, field, retryable)) in EXPECTED.iter().copied().enumerate() {
        assert_eq!(REASON_CODES[i], code);
        let info = describe_reason(i64::from(code)).unwrap();
        assert_eq!((info.code, info.category, info.field, info.retryable), (code, category, field, retryable), "{code}");
        assert!(!info.description.is_empty());
        // Something to show exactly when the person can fix it.
        assert_eq!(info.user_action.is_some(), retryable, "{code}");
        if let Some(a) = &info.user_action {
            assert!(a.ends_with('.') && a.len() < 140, "{code}: {a}");
        }
        // Interpreting keeps the API's text and the table's judgement.
        let r = interpret_reason(code, "API text".into());
        assert_eq!((r.code, r.description.as_str()), (code, "API text"));
        assert_eq!((r.category, r.field, r.user_action.clone(), r.retryable), (info.category, info.field, info.user_action.clone(), info.retryable));
    }
}

#[test]
fn reason_descriptions_are_the_docs_text() {
    let d = |c: i64| describe_reason(c).unwrap().description;
    assert_eq!(d(101), "Name mismatch");
    assert_eq!(d(102), "Date of birth mismatch");
    assert_eq!(d(104), "ID number mismatch");
    assert_eq!(d(105), "Sex mismatch");
    assert_eq!(d(106), "Address mismatch");
    assert_eq!(d(202), "Face could not be detected in the uploaded selfie.");
    assert_eq!(d(304), "Document is not supported.");
    assert_eq!(d(308), "The document expired.");
    assert_eq!(d(402), "Could not detect barcode.");
    // Word for word, as the doc writes them ("Passports only" is a label
    // there, run into the sentence without punctuation; typos kept).
    assert_eq!(d(305), "Passports only The encoded data on the passport is invalid.");
    assert_eq!(d(306), "Passports only Could not detect the passport's encoded data.");
    assert_eq!(d(301), "The face detected on the document was not properly positioned (e.g. face too small, to large or partial).");
    assert_eq!(d(303), "Some data is missing in from the document (e.g. address was expected but could not be detected).");
    assert!(describe_reason(308).unwrap().user_action.unwrap().contains("not expired"));
    assert!(describe_reason(101).unwrap().user_action.is_none());
    let js = serde_json::to_value(describe_reason(201).unwrap()).unwrap();
    assert_eq!(js["category"], "selfie");
    assert_eq!(js["retryable"], true);
    assert!(js["userAction"].is_string());
    assert!(js.get("field").is_none());
    let js = serde_json::to_value(describe_reason(104).unwrap()).unwrap();
    assert_eq!((js["category"].as_str(), js["field"].as_str()), (Some("data_mismatch"), Some("id_number")));
    assert!(js["userAction"].is_null());
}

#[test]
fn undocumented_reason_codes() {
    for c in [103, 0, -1, 1, 100, 107, 200, 203, 300, 310, 400, 403, 500, 999, 65535, 65536 + 101, i64::MAX, i64::MIN] {
        assert!(describe_reason(c).is_none(), "{c}");
    }
    for (code, category) in [
        (103, ReasonCategory::DataMismatch),
        (150, ReasonCategory::DataMismatch),
        (199, ReasonCategory::DataMismatch),
        (250, ReasonCategory::Selfie),
        (350, ReasonCategory::Document),
        (450, ReasonCategory::Barcode),
        (0, ReasonCategory::Unknown),
        (99, ReasonCategory::Unknown),
        (501, ReasonCategory::Unknown),
        (999, ReasonCategory::Unknown),
        (1050, ReasonCategory::Unknown),
        (65535, ReasonCategory::Unknown),
    ] {
        let r = interpret_reason(code, "kept as sent".into());
        assert_eq!((r.code, r.category, r.field, r.user_action, r.retryable), (code, category, None, None, false), "{code}");
        assert_eq!(r.description, "kept as sent");
    }
}

// ---------------------------------------------------------------- policy

fn result_with(document: Level, face: Level) -> IdCheckResult {
    let mut r = id_check(200, EXAMPLE).unwrap();
    r.confidence.document = document;
    r.confidence.face = face;
    r.info.expires_on = None;
    r
}

fn rules(a: &Assessment) -> Vec<&str> {
    a.findings.iter().map(|f| f.rule.as_str()).collect()
}

const NOW: i64 = CHECKED_ON_MS + 60_000;

#[test]
fn policy_default_approves_high_high() {
    let a = assess(&result_with(Level::High, Level::High), &Policy::default(), NOW);
    assert_eq!(a, Assessment { decision: Decision::Approve, findings: vec![] });
    let js = serde_json::to_value(&a).unwrap();
    assert_eq!(js, json!({ "decision": "approve", "findings": [] }));
}

#[test]
fn policy_confidence_thresholds() {
    use Level::*;
    // (minimum, level) -> expected decision for that one rule
    let table = [
        (High, High, Decision::Approve),
        (High, Medium, Decision::Review),
        (High, Low, Decision::Decline),
        (Medium, High, Decision::Approve),
        (Medium, Medium, Decision::Approve),
        (Medium, Low, Decision::Decline),
        (Low, High, Decision::Approve),
        (Low, Medium, Decision::Approve),
        (Low, Low, Decision::Approve),
    ];
    for (min, level, expected) in table {
        let p = Policy { min_document: min, ..Policy::default() };
        let a = assess(&result_with(level, High), &p, NOW);
        assert_eq!(a.decision, expected, "document {min:?} {level:?}");
        let want: Vec<&str> = if expected == Decision::Approve { vec![] } else { vec!["document_confidence"] };
        assert_eq!(rules(&a), want);
        let p = Policy { min_face: min, ..Policy::default() };
        let a = assess(&result_with(High, level), &p, NOW);
        assert_eq!(a.decision, expected, "face {min:?} {level:?}");
        let want: Vec<&str> = if expected == Decision::Approve { vec![] } else { vec!["face_confidence"] };
        assert_eq!(rules(&a), want);
    }
    let a = assess(&result_with(Medium, High), &Policy::default(), NOW);
    assert!(a.findings[0].detail.contains("confidence.document"));
    assert!(a.findings[0].detail.contains("minDocument"));
    // The result's level is a value from the response: not in the detail.
    assert!(!a.findings[0].detail.contains("medium"), "{}", a.findings[0].detail);
}

#[test]
fn policy_customer_mismatch() {
    let r = result_with(Level::High, Level::High);
    let p = Policy { expected_customer_id: Some("1234321 - Doe, Jamie".into()), ..Policy::default() };
    // Its Debug names the size, not the id (which can hold a name).
    let shown = format!("{p:?}");
    assert!(!shown.contains("Doe") && shown.contains("[20 bytes]"), "{shown}");
    assert_eq!(assess(&r, &p, NOW).decision, Decision::Approve);
    for other in ["zzOTHERzz__state", "1234321 - doe, jamie", "1234321 - Doe, Jamie ", ""] {
        let p = Policy { expected_customer_id: Some(other.into()), ..Policy::default() };
        let a = assess(&r, &p, NOW);
        assert_eq!(a.decision, Decision::Decline);
        assert_eq!(rules(&a), ["customer_mismatch"]);
        let d = &a.findings[0].detail;
        assert!(d.contains("customer_id"));
        assert!(!d.contains("zzOTHERzz") && !d.contains("1234321") && !d.contains("Jamie"), "{d}");
    }
}

#[test]
fn policy_freshness() {
    let r = result_with(Level::High, Level::High);
    let p = Policy { max_age_seconds: Some(1200.0), ..Policy::default() };
    let at = |now: i64| assess(&r, &p, now);
    assert_eq!(at(CHECKED_ON_MS).decision, Decision::Approve);
    assert_eq!(at(CHECKED_ON_MS + 1_200_000).decision, Decision::Approve);
    let a = at(CHECKED_ON_MS + 1_200_001);
    assert_eq!((a.decision, rules(&a)), (Decision::Decline, vec!["stale_result"]));
    assert!(a.findings[0].detail.contains("checked_on") && !a.findings[0].detail.contains("2019"));
    // Clock skew: up to 5 minutes ahead is fine.
    assert_eq!(at(CHECKED_ON_MS - 300_000).decision, Decision::Approve);
    let a = at(CHECKED_ON_MS - 300_001);
    assert_eq!((a.decision, rules(&a)), (Decision::Decline, vec!["checked_on_in_future"]));
    assert!(!a.findings[0].detail.contains("2019"));
    // Fractional and zero ages.
    let p = Policy { max_age_seconds: Some(0.5), ..Policy::default() };
    assert_eq!(assess(&r, &p, CHECKED_ON_MS + 500).decision, Decision::Approve);
    assert_eq!(assess(&r, &p, CHECKED_ON_MS + 501).decision, Decision::Decline);
    let p = Policy { max_age_seconds: Some(0.0), ..Policy::default() };
    assert_eq!(assess(&r, &p, CHECKED_ON_MS + 1).decision, Decision::Decline);
    // Nonsense limits fail closed.
    let p = Policy { max_age_seconds: Some(f64::NAN), ..Policy::default() };
    assert_eq!(rules(&assess(&r, &p, NOW)), ["stale_result"]);
    let p = Policy { max_age_seconds: Some(-1.0), ..Policy::default() };
    assert_eq!(rules(&assess(&r, &p, NOW)), ["stale_result"]);
    // Without a maximum age, age is not judged at all.
    assert_eq!(assess(&r, &Policy::default(), CHECKED_ON_MS + 10 * 365 * 86_400_000).decision, Decision::Approve);
    assert_eq!(assess(&r, &Policy::default(), 0).decision, Decision::Approve);
    // A checked_on that cannot be read cannot be shown to be fresh.
    let mut bad = r.clone();
    bad.checked_on = "zzNOT A DATEzz".into();
    let p = Policy { max_age_seconds: Some(1200.0), ..Policy::default() };
    let a = assess(&bad, &p, NOW);
    assert_eq!((a.decision, rules(&a)), (Decision::Decline, vec!["stale_result"]));
    assert!(!a.findings[0].detail.contains("zz"));
}

#[test]
fn policy_document_expiry() {
    let mut r = result_with(Level::High, Level::High);
    // Absent: not judged (expires_on was not requested).
    assert_eq!(assess(&r, &Policy::default(), i64::MAX).decision, Decision::Approve);
    let day_start = 1_750_723_200_000; // 2025-06-24T00:00:00Z
    r.info.expires_on = Some("2025-06-24T00:00:00Z".into());
    assert_eq!(assess(&r, &Policy::default(), day_start - 1).decision, Decision::Approve);
    // A date: valid through the end of that day (UTC).
    assert_eq!(assess(&r, &Policy::default(), day_start + 86_400_000 - 1).decision, Decision::Approve);
    let a = assess(&r, &Policy::default(), day_start + 86_400_000);
    assert_eq!((a.decision, rules(&a)), (Decision::Decline, vec!["document_expired"]));
    assert!(a.findings[0].detail.contains("info.expires_on") && !a.findings[0].detail.contains("2025"));
    // The same date as the doc writes it (an ISO date): the same day.
    r.info.expires_on = Some("2025-06-24".into());
    assert_eq!(assess(&r, &Policy::default(), day_start + 86_400_000 - 1).decision, Decision::Approve);
    assert_eq!(assess(&r, &Policy::default(), day_start + 86_400_000).decision, Decision::Decline);
    // A real instant is taken as sent.
    r.info.expires_on = Some("2025-06-24T12:00:00Z".into());
    assert_eq!(assess(&r, &Policy::default(), day_start + 43_200_000).decision, Decision::Approve);
    assert_eq!(assess(&r, &Policy::default(), day_start + 43_200_001).decision, Decision::Decline);
    // Unreadable: fail closed.
    r.info.expires_on = Some("zzsoonzz".into());
    let a = assess(&r, &Policy::default(), day_start);
    assert_eq!(rules(&a), ["document_expired"]);
    assert!(!a.findings[0].detail.contains("zz"));
}

#[test]
fn policy_combinations_take_the_worst() {
    use Level::*;
    let a = assess(&result_with(Medium, Medium), &Policy::default(), NOW);
    assert_eq!((a.decision, rules(&a)), (Decision::Review, vec!["document_confidence", "face_confidence"]));
    let a = assess(&result_with(Medium, Low), &Policy::default(), NOW);
    assert_eq!((a.decision, rules(&a)), (Decision::Decline, vec!["document_confidence", "face_confidence"]));
    let mut r = result_with(Medium, High);
    r.info.expires_on = Some("2000-01-01T00:00:00Z".into());
    let p = Policy {
        expected_customer_id: Some("zzsomeone elsezz".into()),
        max_age_seconds: Some(60.0),
        ..Policy::default()
    };
    let a = assess(&r, &p, NOW + 3_600_000);
    assert_eq!(a.decision, Decision::Decline);
    assert_eq!(rules(&a), ["customer_mismatch", "stale_result", "document_expired", "document_confidence"]);
    for f in &a.findings {
        for leak in ["zz", "1234321", "Jamie", "2019", "2000", "JAMIE"] {
            assert!(!f.detail.contains(leak), "{leak} in {}", f.detail);
        }
    }
    // Only review-level findings: review.
    let p = Policy { min_document: Medium, min_face: High, ..Policy::default() };
    assert_eq!(assess(&result_with(Medium, Medium), &p, NOW).decision, Decision::Review);
    let js = serde_json::to_value(assess(&result_with(Medium, High), &Policy::default(), NOW)).unwrap();
    assert_eq!(js["decision"], "review");
    assert_eq!(js["findings"][0]["rule"], "document_confidence");
}

// ---------------------------------------------------------------- redaction

const PLANTED: &str = r#"{
    "check_id": "chk_priv_zzCHECKzz",
    "customer_id": "zzCUSTOMERzz",
    "checked_on": "2019-07-19T15:00:42.274684-04:00",
    "confidence": { "document": "medium", "face": "low",
                    "reasons": [{ "code": 101, "description": "zzREASONzz" }, { "code": 777, "description": "zzREASON2zz" }] },
    "info": { "first_name": "zzFIRSTzz", "last_name": "zzLASTzz", "sex": "zzSEXzz",
              "dob": "1989-06-30T00:00:00Z", "expires_on": "2031-06-24T00:00:00Z",
              "address": { "street": "zzSTREETzz", "city": "zzCITYzz", "state": "zzSTATEzz", "zip": "zzZIPzz" } },
    "zzEXTRAKEYzz": "zzEXTRAVALzz"
}"#;

#[test]
fn debug_of_results_shows_no_values() {
    let r = id_check(200, PLANTED).unwrap();
    let dumps = [
        format!("{r:?}"),
        format!("{:?}", r.info),
        format!("{:?}", r.info.address),
        format!("{:?}", r.confidence),
        format!("{:?}", r.confidence.reasons),
        format!("{:#?}", r),
        format!("{:?}", exchange(200, r#"{"check_id":"zzXCHGzz"}"#).unwrap()),
        format!("{:?}", assess(&r, &Policy { expected_customer_id: Some("zzEXPECTEDzz".into()), max_age_seconds: Some(1.0), ..Policy::default() }, NOW)),
    ];
    for d in dumps {
        assert!(!d.contains("zz"), "{d}");
        assert!(!d.contains("1989") && !d.contains("2031") && !d.contains("2019"), "{d}");
    }
}

#[test]
fn errors_show_no_body_values() {
    let mut v: Value = serde_json::from_str(PLANTED).unwrap();
    let mut errors = vec![];
    // Every leaf replaced by a wrong type, and every string by a wrong string.
    for ptr in [
        "/check_id", "/customer_id", "/checked_on", "/confidence/document", "/confidence/face",
        "/confidence/reasons/0/code", "/confidence/reasons/0/description", "/info/first_name", "/info/dob",
        "/info/expires_on", "/info/address/zip",
    ] {
        let keep = v.pointer(ptr).unwrap().clone();
        *v.pointer_mut(ptr).unwrap() = json!("zzWRONGzz");
        let as_string = id_check(200, &v.to_string());
        let string_is_wrong = !["/check_id", "/customer_id", "/confidence/reasons/0/description", "/info/first_name", "/info/address/zip"].contains(&ptr);
        assert_eq!(as_string.is_err(), string_is_wrong, "{ptr}");
        errors.push(as_string.map(|_| ()).or_else(|e| if string_is_wrong { Err(e) } else { Ok(()) }));
        *v.pointer_mut(ptr).unwrap() = json!(["zzWRONGzz"]);
        errors.push(id_check(200, &v.to_string()).map(|_| ()));
        *v.pointer_mut(ptr).unwrap() = keep;
    }
    errors.retain(Result::is_err);
    errors.push(id_check(200, &PLANTED.replace("}]", "},]")).map(|_| ()));
    errors.push(id_check(200, r#"{"error":"zzCODEzz","error_description":"zzDESCzz"}"#).map(|_| ()));
    errors.push(id_check(500, r#"{"error":"INTERNAL_ERROR","error_message":"zzDESCzz"}"#).map(|_| ()));
    errors.push(id_check(502, "<html>zzHTMLzz</html>").map(|_| ()));
    assert!(errors.len() >= 20);
    for r in errors {
        let e = r.unwrap_err();
        let s = shown(&e);
        assert!(!s.contains("zz"), "{s}");
    }
}

// ---------------------------------------------------------------- properties

mod props {
    use super::*;
    use idv_edge::time::{format_dotnet, format_rfc3339_ms};
    use proptest::prelude::*;

    const KEYS: [&str; 24] = [
        "check_id", "customer_id", "checked_on", "confidence", "document", "face", "reasons", "code", "description",
        "info", "first_name", "last_name", "sex", "dob", "expires_on", "address", "street", "city", "state", "zip",
        "error", "error_description", "error_message", "other",
    ];

    fn statuses() -> impl Strategy<Value = u16> {
        prop_oneof![
            4 => Just(200u16),
            1 => prop::sample::select(vec![201u16, 204, 301, 400, 401, 404, 408, 422, 429, 500, 502, 503]),
            1 => any::<u16>(),
        ]
    }

    fn header_sets() -> impl Strategy<Value = Headers> {
        prop::sample::select(vec![None, Some("application/json"), Some("text/html"), Some("application/x+json; a=b"), Some("")])
            .prop_map(|ct| ct.into_iter().map(|c| ("Content-Type", c)).collect())
    }

    /// JSON-ish values: the names the validators look for, levels, codes,
    /// dates, and random junk, nested.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            (0u16..1000).prop_map(Value::from),
            prop::sample::select(vec![
                "high", "medium", "low", "", "NOT_VERIFIED", "INTERNAL_ERROR", "2019-07-19T15:00:42.274684-04:00",
                "1989-06-30", "chk_priv_x",
            ])
            .prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
            ]
        })
    }

    fn check_error(e: &IdvError, status: u16) {
        assert_eq!(e.api, Api::Caisson);
        assert_eq!(e.status, Some(status));
        assert_eq!(e.retryable, e.code.retryable());
        assert!(ErrorCode::ALL.contains(&e.code));
        assert!(!e.message().is_empty());
    }

    fn run_both(status: u16, headers: &Headers, body: &[u8]) {
        if let Err(e) = parse_exchange_token(status, headers, body) {
            check_error(&e, status);
        }
        match parse_id_check(status, headers, body) {
            Err(e) => check_error(&e, status),
            Ok(r) => {
                assert!((200..=299).contains(&status));
                assert!(!r.check_id.is_empty() && !r.customer_id.is_empty());
            }
        }
    }

    prop_compose! {
        fn valid_result()(
            check_id in "[A-Za-z0-9_-]{1,40}",
            customer_id in ".{1,40}",
            checked_ms in -62_000_000_000_000i64..250_000_000_000_000,
            dotnet in any::<bool>(),
            offset in -720i16..=840,
            document in prop::sample::select(vec!["high", "medium", "low"]),
            face in prop::sample::select(vec!["high", "medium", "low"]),
            reasons in prop::option::of(prop::collection::vec((any::<u16>(), ".{0,30}"), 0..5)),
            first_name in ".{0,20}",
            last_name in ".{0,20}",
            sex in prop::option::of(".{0,3}"),
            dob in prop::option::of(-2_000_000_000_000i64..2_000_000_000_000),
            expires_on in prop::option::of(0i64..4_000_000_000_000),
            address in prop::option::of((".{0,20}", ".{0,20}", ".{0,4}", ".{0,10}")),
            extra in prop::option::of(".{0,10}"),
        ) -> Value {
            let checked_on = if dotnet { format_dotnet(checked_ms, offset) } else { format_rfc3339_ms(checked_ms) }.unwrap();
            let mut info = json!({ "first_name": first_name, "last_name": last_name });
            if let Some(s) = sex { info["sex"] = json!(s); }
            if let Some(d) = dob { info["dob"] = json!(format_rfc3339_ms(d).unwrap()); }
            if let Some(d) = expires_on { info["expires_on"] = json!(format_rfc3339_ms(d).unwrap()); }
            if let Some((street, city, state, zip)) = address {
                info["address"] = json!({ "street": street, "city": city, "state": state, "zip": zip });
            }
            let mut confidence = json!({ "document": document, "face": face });
            if let Some(rs) = reasons {
                confidence["reasons"] = rs.into_iter().map(|(c, d)| json!({ "code": c, "description": d })).collect();
            }
            let mut v = json!({ "check_id": check_id, "customer_id": customer_id, "checked_on": checked_on,
                                "confidence": confidence, "info": info });
            if let Some(x) = extra { v["x_extra"] = json!(x); }
            v
        }
    }

    /// Plants `secret` as a value (or key) somewhere in `v`, at a spot picked by `pick`.
    fn plant(v: &mut Value, secret: &str, pick: &mut impl FnMut(usize) -> usize) {
        match v {
            Value::Object(m) if !m.is_empty() => {
                let n = m.len();
                let i = pick(n + 2);
                if i == n {
                    m.insert(secret.to_string(), json!(1));
                } else if i == n + 1 {
                    let k = m.keys().next().unwrap().clone();
                    m.insert(k, json!(secret));
                } else if let Some((_, child)) = m.iter_mut().nth(i) {
                    plant(child, secret, pick);
                }
            }
            Value::Array(a) if !a.is_empty() => {
                let i = pick(a.len());
                plant(&mut a[i], secret, pick);
            }
            other => *other = json!(secret),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(status in statuses(), headers in header_sets(),
                                       body in prop::collection::vec(any::<u8>(), 0..512)) {
            run_both(status, &headers, &body);
        }

        #[test]
        fn arbitrary_json_never_panics(status in statuses(), headers in header_sets(), v in json_value()) {
            run_both(status, &headers, v.to_string().as_bytes());
        }

        #[test]
        fn mutated_valid_results_never_panic(status in statuses(), mut v in valid_result(),
                                             junk in json_value(), seed in any::<u64>()) {
            let mut s = seed;
            let mut pick = |n: usize| { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((s >> 33) as usize) % n.max(1) };
            // Replace one spot with junk.
            let junk_s = junk.to_string();
            plant(&mut v, "__JUNK__", &mut pick);
            let body = v.to_string().replace("\"__JUNK__\"", &junk_s);
            run_both(status, &json_headers(), body.as_bytes());
        }

        #[test]
        fn generated_valid_results_validate(v in valid_result(), status in 200u16..=203) {
            let r = parse_id_check(status, &json_headers(), v.to_string().as_bytes()).unwrap();
            prop_assert_eq!(&r.check_id, v["check_id"].as_str().unwrap());
            prop_assert_eq!(&r.customer_id, v["customer_id"].as_str().unwrap());
            prop_assert_eq!(&r.checked_on, v["checked_on"].as_str().unwrap());
            prop_assert_eq!(r.confidence.document.as_str(), v["confidence"]["document"].as_str().unwrap());
            prop_assert_eq!(r.confidence.face.as_str(), v["confidence"]["face"].as_str().unwrap());
            let sent = v["confidence"]["reasons"].as_array().cloned().unwrap_or_default();
            prop_assert_eq!(r.confidence.reasons.is_some(), v["confidence"]["reasons"].is_array());
            prop_assert_eq!(r.confidence.reasons().len(), sent.len());
            for (got, want) in r.confidence.reasons().iter().zip(&sent) {
                prop_assert_eq!(u64::from(got.code), want["code"].as_u64().unwrap());
                prop_assert_eq!(&got.description, want["description"].as_str().unwrap());
            }
            prop_assert_eq!(&r.info.first_name, v["info"]["first_name"].as_str().unwrap());
            prop_assert_eq!(r.info.sex.as_deref(), v["info"]["sex"].as_str());
            prop_assert_eq!(r.info.dob.as_deref(), v["info"]["dob"].as_str());
            prop_assert_eq!(r.info.expires_on.as_deref(), v["info"]["expires_on"].as_str());
            prop_assert_eq!(r.info.address.as_ref().map(|a| a.zip.as_str()), v["info"]["address"]["zip"].as_str());
            // The exchange takes the same body's check_id only if it is one getIdCheck would send.
            let x = parse_exchange_token(status, &Headers::new(), v.to_string().as_bytes());
            match idv_edge::caisson::check_check_id(v["check_id"].as_str().unwrap()) {
                Ok(()) => prop_assert_eq!(&x.unwrap().check_id, v["check_id"].as_str().unwrap()),
                Err(_) => {
                    let e = x.unwrap_err();
                    prop_assert_eq!(e.field.as_deref(), Some("check_id"));
                }
            }
            // The policy accepts anything that validated.
            let _ = assess(&r, &Policy { max_age_seconds: Some(60.0), ..Policy::default() }, 0);
        }

        #[test]
        fn planted_secrets_never_show(status in statuses(), mut v in valid_result(),
                                      secret in "[a-z]{4}SECRET[A-Z0-9]{8}", seed in any::<u64>(), times in 1usize..4) {
            let mut s = seed;
            let mut pick = |n: usize| { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((s >> 33) as usize) % n.max(1) };
            for _ in 0..times {
                plant(&mut v, &secret, &mut pick);
            }
            let bodies = [v.to_string(), v.to_string().replacen('}', ",}", 1), format!(r#"{{"error":"{secret}"}}"#)];
            for body in bodies {
                for e in [
                    parse_id_check(status, &json_headers(), body.as_bytes()).err(),
                    parse_exchange_token(status, &json_headers(), body.as_bytes()).err(),
                ].into_iter().flatten() {
                    let shown = shown(&e);
                    prop_assert!(!shown.contains(&secret), "{}", shown);
                }
                if let Ok(r) = parse_id_check(status, &json_headers(), body.as_bytes()) {
                    let dump = format!("{:?}", r);
                    prop_assert!(!dump.contains(&secret));
                    let a = assess(&r, &Policy { expected_customer_id: Some(secret.clone()), max_age_seconds: Some(1.0), ..Policy::default() }, 0);
                    let dump = format!("{:?}", a);
                    prop_assert!(!dump.contains(&secret));
                }
            }
        }
    }
}

#[test]
fn reason_category_and_field_names_are_serdes_and_parse_back() {
    for c in ReasonCategory::ALL {
        assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
        assert_eq!(ReasonCategory::parse(c.as_str()), Some(c));
    }
    for f in ReasonField::ALL {
        assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{}\"", f.as_str()));
        assert_eq!(ReasonField::parse(f.as_str()), Some(f));
    }
    assert_eq!(ReasonCategory::parse("Selfie"), None);
    assert_eq!(ReasonField::parse("idNumber"), None);
}

/// A member name twice in any object is `INVALID_RESPONSE` naming the
/// position, never a value: `JSON.parse` would keep the last one, and
/// `{"error":"NOT_VERIFIED","error":null}` must not read as a success.
#[test]
fn a_member_name_twice_is_the_wrong_shape() {
    let ex = example();
    let body = ex.to_string();
    let at_root = body.replacen('{', r#"{"customer_id":"SECRETCUST","#, 1);
    let nested = body.replacen(r#""face""#, r#""face":"low","face""#, 1);
    let in_unknown = body.replacen('{', r#"{"extra":{"a":1,"a":2},"#, 1);
    for b in [at_root, nested, in_unknown] {
        let e = id_check(200, &b).unwrap_err();
        assert_eq!((e.code, e.status, e.retryable), (ErrorCode::InvalidResponse, Some(200), false), "{b}");
        assert!(shown(&e).contains("member name twice"), "{}", shown(&e));
        assert!(!shown(&e).contains("SECRETCUST") && !shown(&e).contains("JAMIE"), "{}", shown(&e));
    }
    let e = exchange(200, r#"{"error":"NOT_VERIFIED","error":null,"check_id":"chk_priv_abc"}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    // The same keys once each still pass.
    assert!(exchange(200, r#"{"error":null,"check_id":"chk_priv_abc"}"#).is_ok());
    // On an error status the body is unreadable, so the status decides.
    let e = id_check(500, r#"{"error":"NOT_VERIFIED","error":"INVALID_INPUT"}"#).unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::ServerError, Some(500)));
}

#[test]
fn a_result_for_another_check_than_the_one_asked_for_is_refused() {
    let h = json_headers();
    let r = parse_id_check_for(CHECK_ID, 200, &h, EXAMPLE.as_bytes()).unwrap();
    assert_eq!(r.check_id, CHECK_ID);
    let e = parse_id_check_for("chk_priv_another", 200, &h, EXAMPLE.as_bytes()).unwrap_err();
    assert_eq!((e.code, e.field.as_deref(), e.status, e.retryable), (ErrorCode::InvalidResponse, Some("check_id"), Some(200), false));
    assert!(!shown(&e).contains("chk_priv_"), "{}", shown(&e));
    // The body's own errors come first, as parse_id_check gives them.
    assert_eq!(parse_id_check_for(CHECK_ID, 200, &h, b"{}").unwrap_err().code, ErrorCode::InvalidResponse);
    assert!(check_result_for(CHECK_ID, CHECK_ID, 200).is_ok());
    assert_eq!(check_result_for(CHECK_ID, "", 201).unwrap_err().status, Some(201));
}
