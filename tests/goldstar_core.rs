#![cfg(not(target_arch = "wasm32"))]
//! Goldstar core: construction, request builders and their checks, response
//! validation, the qualifier table, and leaks.

use idv_edge::goldstar::{
    describe_qualifier, interpret_qualifier, parse_ping, parse_verify_answers, parse_verify_identity, Answer,
    Goldstar, Person, QualifierCategory, Question, Severity, Status, VerifyOutcome, QUALIFIER_KEYS,
};
use idv_edge::time::parse_rfc3339_ms;
use idv_edge::{ErrorCode, Headers, HttpRequest, IdvError, Method};
use serde_json::{json, Value};

const KEY: &str = "gs-secret-key-0123456789";
const DOMAIN: &str = "qaservices.goldstartrust.com";
const BASE: &str = "https://qaservices.goldstartrust.com/identification/api/v1";

fn now() -> i64 {
    parse_rfc3339_ms("2026-06-15T12:00:00Z").unwrap()
}

fn gs() -> Goldstar {
    Goldstar::new(KEY, DOMAIN, None, &[]).unwrap()
}

fn person() -> Person {
    Person {
        firstname: "  Marguerite ".into(),
        lastname: "Okonkwo-Lindqvist".into(),
        address: "222333 Peachtree Place".into(),
        city: "Atlanta".into(),
        state: "ga".into(),
        zip: "30318".into(),
        taxpayer_id: "112-22-3333".into(),
        birth_month: 2,
        birth_day: 29,
        birth_year: 1976,
    }
}

fn json_headers() -> Headers {
    let mut h = Headers::new();
    h.set("Content-Type", "application/json; charset=utf-8");
    h
}

fn body_of(req: &HttpRequest) -> Value {
    serde_json::from_slice(req.body.as_ref().expect("a body")).unwrap()
}

fn identity_err(p: &Person) -> IdvError {
    gs().verify_identity_request(p, now()).unwrap_err()
}

fn assert_invalid(e: &IdvError, field: &str) {
    assert_eq!(e.code, ErrorCode::InvalidArgument, "{e}");
    assert_eq!(e.field.as_deref(), Some(field), "{e}");
    assert!(!e.retryable);
    assert_eq!(e.status, None);
}

fn all_text(e: &IdvError) -> String {
    format!("{e} {e:?} {}", e.message())
}

fn ok(body: &str) -> VerifyOutcome {
    parse_verify_identity(200, &json_headers(), body.as_bytes()).unwrap()
}

fn resp_err(status: u16, body: &str) -> IdvError {
    parse_verify_identity(status, &json_headers(), body.as_bytes()).unwrap_err()
}

#[test]
fn an_object_in_place_of_the_id_is_the_wrong_shape() {
    // serde_json's private number token does not make an object a number.
    let e = resp_err(200, r#"{"Id":{"$serde_json::private::Number":"42"},"Key":"id.success","Message":"Pass"}"#);
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidResponse, Some("Id")));
}

// ---------------------------------------------------------------- construction

#[test]
fn base_url_and_version() {
    assert_eq!(gs().base_url(), BASE);
    let g = Goldstar::new(KEY, "QAServices.GoldstarTrust.COM", Some("v2"), &[]).unwrap();
    assert_eq!(g.base_url(), "https://qaservices.goldstartrust.com/identification/api/v2");
    let g = Goldstar::new(KEY, "api.example.com:8443", Some("v1234"), &[]).unwrap();
    assert_eq!(g.base_url(), "https://api.example.com:8443/identification/api/v1234");
}

#[test]
fn loopback_domains_use_http() {
    for (d, url) in [
        ("localhost", "http://localhost/identification/api/v1"),
        ("localhost:4010", "http://localhost:4010/identification/api/v1"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080/identification/api/v1"),
        ("[::1]", "http://[::1]/identification/api/v1"),
        ("[::1]:9", "http://[::1]:9/identification/api/v1"),
    ] {
        assert_eq!(Goldstar::new(KEY, d, None, &[]).unwrap().base_url(), url);
    }
    // Not loopback: https.
    assert!(Goldstar::new(KEY, "localhost.evil.com", None, &[]).unwrap().base_url().starts_with("https://"));
    assert!(Goldstar::new(KEY, "127.0.0.2", None, &[]).unwrap().base_url().starts_with("https://"));
}

#[test]
fn bad_domains_are_refused_without_echo() {
    for d in [
        "",
        "https://qaservices.goldstartrust.com",
        "qaservices.goldstartrust.com/identification",
        "user:pw@qaservices.goldstartrust.com",
        "qaservices.goldstartrust.com?x=1",
        "qaservices.goldstartrust.com#f",
        "qaservices.goldstartrust.com\r\nX-Evil: 1",
        "qaservices goldstartrust.com",
        "qaservices.goldstartrust.com:0",
        "qaservices.goldstartrust.com:70000",
        "[::1",
    ] {
        let e = Goldstar::new(KEY, d, None, &[]).unwrap_err();
        assert_invalid(&e, "domain");
        assert!(!all_text(&e).contains("goldstartrust"), "{e:?}");
    }
}

#[test]
fn bad_versions_are_refused() {
    for v in ["", "v", "1", "V1", "v1.0", "v1/ops", "v-1", "vx", " v1", "v1\n"] {
        assert_invalid(&Goldstar::new(KEY, DOMAIN, Some(v), &[]).unwrap_err(), "version");
    }
}

#[test]
fn bad_keys_are_refused_without_echo() {
    for k in ["", "has space", "line\nbreak", "ünïcode"] {
        let e = Goldstar::new(k, DOMAIN, None, &[]).unwrap_err();
        assert_invalid(&e, "apiKey");
    }
    let long = "k".repeat(513);
    assert_invalid(&Goldstar::new(&long, DOMAIN, None, &[]).unwrap_err(), "apiKey");
}

fn hdrs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn default_headers_are_checked_and_sent() {
    let g = Goldstar::new(
        KEY,
        DOMAIN,
        None,
        &hdrs(&[("X-PortalKey", "portal-secret-42"), ("X-CipByPassValidation", "true")]),
    )
    .unwrap();
    for req in [
        g.ping_request(),
        g.verify_identity_request(&person(), now()).unwrap(),
        g.verify_answers_request("1199927326", &[Answer { kind: "a".into(), text: "b".into() }], None).unwrap(),
    ] {
        assert_eq!(req.method, Method::Post);
        assert_eq!(req.headers.get("x-apikey"), Some(KEY));
        assert_eq!(req.headers.get("Accept"), Some("application/json"));
        assert_eq!(req.headers.get("X-PortalKey"), Some("portal-secret-42"));
        assert_eq!(req.headers.get("X-CipByPassValidation"), Some("true"));
        assert_eq!(req.headers.get("Content-Type").is_some(), req.body.is_some());
        if req.body.is_some() {
            assert_eq!(req.headers.get("Content-Type"), Some("application/json"));
        }
        // Debug shows header names, never values or the body.
        let dbg = format!("{req:?}");
        assert!(!dbg.contains(KEY) && !dbg.contains("portal-secret-42") && !dbg.contains("Marguerite"), "{dbg}");
    }
    let dbg = format!("{g:?}");
    assert!(!dbg.contains(KEY) && !dbg.contains("portal-secret-42"), "{dbg}");
    assert!(dbg.contains("X-PortalKey"));
}

#[test]
fn default_headers_cannot_take_over_sdk_headers() {
    for name in [
        "X-ApiKey", "x-apikey", "Content-Type", "CONTENT-TYPE", "Content-Length", "host", "Host",
        // The connection's own: fetch refuses them (Node: every call a NETWORK error).
        "Connection", "keep-alive", "Transfer-Encoding", "upgrade", "EXPECT",
    ] {
        let e = Goldstar::new(KEY, DOMAIN, None, &hdrs(&[(name, "value-9z")])).unwrap_err();
        assert_invalid(&e, "defaultHeaders");
        assert!(!all_text(&e).contains("value-9z"));
    }
    for (n, v) in [("Bad Name", "x"), ("", "x"), ("X-Ok", "a\r\nInjected: 1"), ("X-Ok", "nul\0"), ("X-Ok", "é")] {
        let e = Goldstar::new(KEY, DOMAIN, None, &hdrs(&[(n, v)])).unwrap_err();
        assert_invalid(&e, "defaultHeaders");
    }
    let e = Goldstar::new(KEY, DOMAIN, None, &hdrs(&[("X-PortalKey", "a"), ("x-portalkey", "b")])).unwrap_err();
    assert_invalid(&e, "defaultHeaders");
    // Accept may be overridden; it is not the SDK's to guard.
    let g = Goldstar::new(KEY, DOMAIN, None, &hdrs(&[("Accept", "application/json, text/json")])).unwrap();
    assert_eq!(g.ping_request().headers.get("accept"), Some("application/json, text/json"));
}

// ---------------------------------------------------------------- ping

#[test]
fn ping_request_has_no_body() {
    let r = gs().ping_request();
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.url, format!("{BASE}/ops/ping"));
    assert!(r.body.is_none());
    assert!(r.headers.get("Content-Type").is_none());
    assert_eq!(r.headers.get("X-ApiKey"), Some(KEY));
}

#[test]
fn parse_ping_returns_the_time_as_sent() {
    let t = "2015-03-20T13:50:10.0370495-05:00";
    let body = format!("\"{t}\"");
    assert_eq!(parse_ping(200, &json_headers(), body.as_bytes()).unwrap(), t);
    assert_eq!(parse_ping(200, &Headers::new(), body.as_bytes()).unwrap(), t);
    assert_eq!(parse_ping(200, &json_headers(), b"\"2026-06-15T12:00:00Z\"").unwrap(), "2026-06-15T12:00:00Z");
    // A .NET DateTime of unspecified kind has no offset: the server's local time.
    let local = "2015-03-20T13:50:10.0370495";
    assert_eq!(parse_ping(200, &json_headers(), format!("\"{local}\"").as_bytes()).unwrap(), local);
}

#[test]
fn parse_ping_refusals() {
    let h = json_headers();
    for (status, body) in [
        (200, "\"yesterday at noon\""),
        (200, "\"2015-03-20\""),
        (200, "\"2015-02-30T13:50:10-05:00\""),
        (200, "\"2015-02-30T13:50:10\""),
        (200, "\"2015-03-20T13:50:10ZZ\""),
        (200, "\"2015-03-20T13:50\""),
        (200, "1426877410"),
        (200, "{\"time\":\"2015-03-20T13:50:10Z\"}"),
        (200, "null"),
        (200, ""),
        (200, "2015-03-20T13:50:10Z"),
        (204, ""),
    ] {
        let e = parse_ping(status, &h, body.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{body}");
        assert_eq!(e.status, Some(status));
        assert!(!all_text(&e).contains("yesterday"));
    }
    let mut html = Headers::new();
    html.set("Content-Type", "text/html");
    let e = parse_ping(200, &html, b"\"2015-03-20T13:50:10Z\"").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    assert_eq!(parse_ping(401, &h, b"").unwrap_err().code, ErrorCode::Unauthorized);
    assert_eq!(parse_ping(503, &h, b"").unwrap_err().code, ErrorCode::ServerError);
}

// ---------------------------------------------------------------- verify-identity request

#[test]
fn verify_identity_body_has_exactly_the_doc_keys() {
    let r = gs().verify_identity_request(&person(), now()).unwrap();
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.url, format!("{BASE}/ops/verify-identity"));
    assert_eq!(
        body_of(&r),
        json!({
            "firstname": "Marguerite", "lastname": "Okonkwo-Lindqvist", "address": "222333 Peachtree Place",
            "city": "Atlanta", "state": "GA", "zip": "30318", "taxpayerID": "112223333",
            "birthMonth": 2, "birthDay": 29, "birthYear": 1976
        })
    );
    // The doc's order on the wire, too.
    let text = String::from_utf8(r.body.unwrap()).unwrap();
    let pos: Vec<usize> = ["firstname", "lastname", "address", "city", "state", "zip", "taxpayerID", "birthMonth", "birthDay", "birthYear"]
        .iter()
        .map(|k| text.find(&format!("\"{k}\"")).unwrap())
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn text_fields_rules() {
    for field in ["firstname", "lastname", "address", "city"] {
        let set = |p: &mut Person, v: &str| match field {
            "firstname" => p.firstname = v.into(),
            "lastname" => p.lastname = v.into(),
            "address" => p.address = v.into(),
            _ => p.city = v.into(),
        };
        // Control characters at an end too: only spaces are trimmed.
        // Blank to the eye too: no-break, ideographic and zero-width spaces.
        for bad in ["", "   ", "\t\n", "\u{a0}", " \u{3000} ", "\u{200b}\u{feff}", "Ann\u{0}e", "Ann\u{7}e", "Ann\u{85}e", "Ann\re", "Anne\n", "\tAnne", "Anne\r\n", "Anne\u{85}", "\u{b}Anne"] {
            let mut p = person();
            set(&mut p, bad);
            assert_invalid(&identity_err(&p), field);
        }
        // Such a space inside a name is part of it.
        let mut p = person();
        set(&mut p, "Ann\u{a0}Marie");
        assert_eq!(body_of(&gs().verify_identity_request(&p, now()).unwrap())[field], "Ann\u{a0}Marie");
        let mut p = person();
        set(&mut p, &"x".repeat(101));
        let e = identity_err(&p);
        assert_invalid(&e, field);
        assert!(e.message().contains("100"), "{e}");
        // 100 characters (not bytes) is fine, and surrounding spaces do not count.
        let mut p = person();
        set(&mut p, &format!("  {}  ", "é".repeat(100)));
        let body = body_of(&gs().verify_identity_request(&p, now()).unwrap());
        assert_eq!(body[field], "é".repeat(100));
    }
}

#[test]
fn state_codes() {
    let all = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
        "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI",
        "FM", "MH", "PW", "AA", "AE", "AP",
    ];
    assert_eq!(all.len(), 62);
    for code in all {
        for form in [code.to_string(), code.to_ascii_lowercase(), format!(" {code} ")] {
            let mut p = person();
            p.state = form;
            assert_eq!(body_of(&gs().verify_identity_request(&p, now()).unwrap())["state"], code);
        }
    }
    for bad in ["", "XX", "G", "GAA", "Georgia", "G A", "CZ", "PI", "UM", "ÉÉ", "G\u{0}"] {
        let mut p = person();
        p.state = bad.into();
        assert_invalid(&identity_err(&p), "state");
    }
}

#[test]
fn zip_forms() {
    for (given, sent) in [("30318", "30318"), ("30318-1234", "30318-1234"), ("303181234", "30318-1234"), (" 00501 ", "00501"), ("00000", "00000")] {
        let mut p = person();
        p.zip = given.into();
        assert_eq!(body_of(&gs().verify_identity_request(&p, now()).unwrap())["zip"], sent);
    }
    for bad in ["", "3031", "303188", "30318-123", "30318-12345", "30318 1234", "3031a", "-30318", "30318-", "３0318", "30318\n"] {
        let mut p = person();
        p.zip = bad.into();
        assert_invalid(&identity_err(&p), "zip");
    }
}

#[test]
fn ssn_forms() {
    for (given, sent) in [("112-22-3333", "112223333"), ("112223333", "112223333"), ("899-99-9999", "899999999"), ("001-01-0001", "001010001")] {
        let mut p = person();
        p.taxpayer_id = given.into();
        assert_eq!(body_of(&gs().verify_identity_request(&p, now()).unwrap())["taxpayerID"], sent);
    }
    for bad in [
        "", "11222333", "1122233334", "112-223-333", "11-222-3333", "112 22 3333", "112.22.3333", "000-12-3456", "666-12-3456",
        "900-12-3456", "999-99-9999", "912345678", "123-00-4567", "123004567", "123-45-0000", "123450000", "12a-45-6789",
        "+12345678",
    ] {
        let mut p = person();
        p.taxpayer_id = bad.into();
        let e = identity_err(&p);
        assert_invalid(&e, "taxpayerID");
        if bad.len() > 4 {
            assert!(!all_text(&e).contains(bad), "{e:?}");
            let digits: String = bad.chars().filter(char::is_ascii_digit).collect();
            assert!(digits.len() < 5 || !all_text(&e).contains(&digits), "{e:?}");
        }
    }
}

#[test]
fn birth_date_rules() {
    let cases: &[(i32, u32, u32, Option<&str>)] = &[
        (2000, 2, 29, None),
        (1900, 1, 1, None),
        (2026, 6, 15, None), // today (UTC)
        (2026, 6, 14, None),
        (2026, 5, 31, None),
        (1900, 2, 29, Some("birthDay")), // 1900 is not a leap year
        (2023, 2, 29, Some("birthDay")),
        (1980, 2, 30, Some("birthDay")),
        (1980, 4, 31, Some("birthDay")),
        (1980, 1, 0, Some("birthDay")),
        (1980, 1, 32, Some("birthDay")),
        (1980, 1, 4_294_967_295, Some("birthDay")),
        (1980, 0, 1, Some("birthMonth")),
        (1980, 13, 1, Some("birthMonth")),
        (1980, 256 + 1, 1, Some("birthMonth")),
        (1899, 12, 31, Some("birthYear")),
        (-5, 1, 1, Some("birthYear")),
        (2027, 1, 1, Some("birthYear")),
        (i32::MAX, 1, 1, Some("birthYear")),
        (2026, 7, 1, Some("birthMonth")),
        (2026, 6, 16, Some("birthDay")),
    ];
    for &(y, m, d, field) in cases {
        let mut p = person();
        (p.birth_year, p.birth_month, p.birth_day) = (y, m, d);
        let r = gs().verify_identity_request(&p, now());
        match field {
            None => {
                let b = body_of(&r.unwrap());
                assert_eq!((b["birthYear"].as_i64(), b["birthMonth"].as_u64(), b["birthDay"].as_u64()), (Some(y.into()), Some(m.into()), Some(d.into())));
            }
            Some(f) => {
                let e = r.unwrap_err();
                assert_invalid(&e, f);
                if !(1000..=2100).contains(&y) {
                    continue;
                }
                assert!(!all_text(&e).contains(&y.to_string()), "{e:?}");
            }
        }
    }
    // Just before midnight UTC the date is still the 15th.
    let late = parse_rfc3339_ms("2026-06-15T23:59:59.999Z").unwrap();
    let mut p = person();
    (p.birth_year, p.birth_month, p.birth_day) = (2026, 6, 16);
    assert_invalid(&gs().verify_identity_request(&p, late).unwrap_err(), "birthDay");
    assert!(gs().verify_identity_request(&p, late + 1).is_ok());
    // A clock outside what dates can hold is the caller's error.
    assert_invalid(&gs().verify_identity_request(&person(), i64::MAX).unwrap_err(), "now");
}

#[test]
fn first_broken_field_is_reported() {
    let mut p = person();
    p.lastname = String::new();
    p.zip = "bad".into();
    assert_invalid(&identity_err(&p), "lastname");
}

// ---------------------------------------------------------------- verify-answers request

fn doc_questions() -> Vec<Question> {
    let q = |prompt: &str, kind: &str, c: [&str; 3]| Question {
        prompt: prompt.into(),
        kind: kind.into(),
        choices: c.iter().map(|s| s.to_string()).chain(["None of the above".into(), "Skip Question".into()]).collect(),
    };
    vec![
        q("What type of residence is 222333 PEACHTREE PLACE?", "residence.type", ["Single Family Residence", "Townhome", "Apartment"]),
        q("Which person is not a relative or someone that you know?", "person.not.known", ["DENYSE SMITH", "ANTHONY BROWN", "DAVID BROWN"]),
        q("In which city is ANY STREET?", "city.of.residence", ["PAULDING", "THORNTON", "ATLANTA"]),
        q("Between 1979 and 1980, in which State did you live?", "prior.residence.state.multiyear", ["WASHINGTON", "KENTUCKY", "NEW YORK"]),
    ]
}

fn ans(kind: &str, text: &str) -> Answer {
    Answer { kind: kind.into(), text: text.into() }
}

fn good_answers() -> Vec<Answer> {
    vec![
        ans("residence.type", "Townhome"),
        ans("person.not.known", "None of the above"),
        ans("city.of.residence", "ATLANTA"),
        ans("prior.residence.state.multiyear", "Skip Question"),
    ]
}

#[test]
fn verify_answers_body() {
    let qs = doc_questions();
    let r = gs().verify_answers_request("1199927326", &good_answers(), Some(&qs)).unwrap();
    assert_eq!(r.url, format!("{BASE}/ops/verify-answers"));
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.headers.get("Content-Type"), Some("application/json"));
    assert_eq!(
        body_of(&r),
        json!({"id": "1199927326", "answers": [
            {"type": "residence.type", "text": "Townhome"},
            {"type": "person.not.known", "text": "None of the above"},
            {"type": "city.of.residence", "text": "ATLANTA"},
            {"type": "prior.residence.state.multiyear", "text": "Skip Question"}]})
    );
    // In any order, and without questions nothing is cross-checked.
    let mut rev = good_answers();
    rev.reverse();
    assert!(gs().verify_answers_request("1199927326", &rev, Some(&qs)).is_ok());
    assert!(gs().verify_answers_request("123456789012345678901234", &[ans("x", "y")], None).is_ok());
    assert!(gs().verify_answers_request("abc-DEF_9", &[ans("x", "y")], None).is_ok());
}

#[test]
fn verify_answers_id_rules() {
    let long = "1".repeat(65);
    for bad in ["", long.as_str(), "12 34", "12/34", "1199927326\r\n", "١٢٣", "12.5"] {
        let e = gs().verify_answers_request(bad, &[ans("x", "y")], None).unwrap_err();
        assert_invalid(&e, "id");
    }
    assert!(gs().verify_answers_request(&"9".repeat(64), &[ans("x", "y")], None).is_ok());
}

#[test]
fn verify_answers_answer_rules() {
    assert_invalid(&gs().verify_answers_request("1", &[], None).unwrap_err(), "answers");
    assert_invalid(&gs().verify_answers_request("1", &[], Some(&doc_questions())).unwrap_err(), "answers");
    for (a, field) in [
        (vec![ans("", "x")], "answers[0].type"),
        (vec![ans("t", "x"), ans("t", " ")], "answers[1].text"),
        (vec![ans("t", "x"), ans("t\n", "x")], "answers[1].type"),
        (vec![ans("t", "x\u{1b}[31m")], "answers[0].text"),
    ] {
        assert_invalid(&gs().verify_answers_request("1", &a, None).unwrap_err(), field);
    }
}

#[test]
fn verify_answers_against_questions() {
    let qs = doc_questions();
    let check = |a: Vec<Answer>, field: &str| {
        let e = gs().verify_answers_request("1199927326", &a, Some(&qs)).unwrap_err();
        assert_invalid(&e, field);
        e
    };
    // A question left out.
    let mut a = good_answers();
    a.pop();
    let e = check(a, "answers");
    assert!(e.message().contains("questions[3]"), "{e}");
    // A type that is not asked.
    let mut a = good_answers();
    a.push(ans("current.county.b", "FULTON"));
    check(a, "answers[4].type");
    // Answered twice.
    let mut a = good_answers();
    a.push(ans("residence.type", "Apartment"));
    check(a, "answers[4].type");
    // Not one of the choices: exact text, case included.
    let mut a = good_answers();
    a[2].text = "Atlanta".into();
    let e = check(a, "answers[2].text");
    assert!(e.message().contains("must be one of the question's choices"));
    assert!(!all_text(&e).contains("Atlanta") && !all_text(&e).contains("ATLANTA"));
    let mut a = good_answers();
    a[0].text = "Castle".into();
    check(a, "answers[0].text");
    // Questions that repeat a type cannot be matched.
    let mut dup = doc_questions();
    dup[2].kind = "residence.type".into();
    let e = gs().verify_answers_request("1", &good_answers(), Some(&dup)).unwrap_err();
    assert_invalid(&e, "questions[2].type");
}

// ---------------------------------------------------------------- responses

const DOC_SOFT_FAIL: &str = r#"{
    "Id": "1199927326",
    "Key": "id.failure",
    "Message": "FAIL",
    "Qualifiers": [{
        "Key": "resultcode.yob.does.not.match",
        "Message": "YOB Does Not Match"
    }],
    "Questions": [{
        "Prompt": "What type of residence is 222333 PEACHTREE PLACE?",
        "Type": "residence.type",
        "Choices": [{"Text": "Single Family Residence"}, {"Text": "Townhome"}, {"Text": "Apartment"},
                    {"Text": "None of the above"}, {"Text": "Skip Question"}]
    }, {
        "Prompt": "Which person is not a relative or someone that you know?",
        "Type": "person.not.known",
        "Choices": [{"Text": "DENYSE SMITH"}, {"Text": "ANTHONY BROWN"}, {"Text": "DAVID BROWN"},
                    {"Text": "None of the above"}, {"Text": "Skip Question"}]
    }, {
        "Prompt": "In which city is ANY STREET?",
        "Type": "city.of.residence",
        "Choices": [{"Text": "PAULDING"}, {"Text": "THORNTON"}, {"Text": "ATLANTA"},
                    {"Text": "None of the above"}, {"Text": "Skip Question"}]
    }, {
        "Prompt": "Between 1979 and 1980, in which State did you live?",
        "Type": "prior.residence.state.multiyear",
        "Choices": [{"Text": "WASHINGTON"}, {"Text": "KENTUCKY"}, {"Text": "NEW YORK"},
                    {"Text": "None of the above"}, {"Text": "Skip Question"}]
    }]
}"#;

#[test]
fn doc_soft_fail_gives_questions() {
    let o = ok(DOC_SOFT_FAIL);
    assert_eq!(o.status, Status::Questions);
    assert_eq!(o.id, "1199927326");
    assert_eq!((o.key.as_str(), o.message.as_str(), o.summary.as_deref()), ("id.failure", "FAIL", None));
    assert_eq!(o.qualifiers.len(), 1);
    let q = &o.qualifiers[0];
    assert_eq!((q.key.as_str(), q.message.as_str()), ("resultcode.yob.does.not.match", "YOB Does Not Match"));
    assert_eq!((q.category, q.severity), (QualifierCategory::DobAge, Severity::Signal));
    assert!(!q.meaning.is_empty());
    assert_eq!(o.questions, doc_questions());
    // Its questions feed straight into verify-answers.
    assert!(gs().verify_answers_request(&o.id, &good_answers(), Some(&o.questions)).is_ok());
    // verify-answers parses the same envelope.
    assert_eq!(parse_verify_answers(201, &json_headers(), DOC_SOFT_FAIL.as_bytes()).unwrap(), o);
}

#[test]
fn field_notes_pass_and_hard_fail() {
    for m in ["Pass", "PASS", "pass"] {
        let o = ok(&format!(r#"{{"Id":"1196338064","Key":"id.success","Message":"{m}","Qualifiers":[]}}"#));
        assert_eq!(o.status, Status::Passed);
        assert!(o.qualifiers.is_empty() && o.questions.is_empty());
    }
    // Key alone decides a pass ("Match Found"); so does Message alone.
    assert_eq!(ok(r#"{"Id":"1","Key":"id.success","Message":"Match Found"}"#).status, Status::Passed);
    assert_eq!(ok(r#"{"Id":"1","Key":"id.something","Message":"Pass"}"#).status, Status::Passed);

    let hard = r#"{"Id":"1199927327","Key":"id.failure","Message":"FAIL",
        "Qualifiers":[{"Key":"resultcode.ssn.does.not.match","Message":"SSN Does Not Match"},
                      {"Key":"resultcode.subject.deceased","Message":"Subject is Deceased"}]}"#;
    let o = ok(hard);
    assert_eq!(o.status, Status::Failed);
    assert_eq!(o.qualifiers[1].severity, Severity::HardStop);
    assert_eq!(o.qualifiers[1].category, QualifierCategory::Deceased);
    assert_eq!(o.qualifiers[0].category, QualifierCategory::Ssn);
    // Empty Questions is a hard fail too.
    assert_eq!(ok(r#"{"Id":"2","Key":"id.failure","Message":"FAIL","Questions":[]}"#).status, Status::Failed);
}

/// API.md: `passed` when `Key` is `id.success` or `Message` or `Summary`
/// *equals* "pass" ignoring case. Padding is not a pass (failing open on a
/// body the API does not send would approve a person): " pass ", "pass\n",
/// "\tPASS" are failed, as is a padded `Key`.
#[test]
fn the_status_rule_trims_nothing() {
    for padded in [" pass ", "pass ", " Pass", "pass\\n", "\\tPASS", "\\u00a0pass", "passed", "pas"] {
        let m = format!(r#"{{"Id":"1","Key":"id.failure","Message":"{padded}"}}"#);
        assert_eq!(ok(&m).status, Status::Failed, "Message {padded:?}");
        let s = format!(r#"{{"Id":"1","Key":"result.questions.3.incorrect","Message":"x","Summary":"{padded}"}}"#);
        assert_eq!(parse_verify_answers(200, &json_headers(), s.as_bytes()).unwrap().status, Status::Failed, "Summary {padded:?}");
    }
    for key in [" id.success", "id.success ", "id.success\\n"] {
        let b = format!(r#"{{"Id":"1","Key":"{key}","Message":"FAIL"}}"#);
        assert_eq!(ok(&b).status, Status::Failed, "Key {key:?}");
    }
    // Case is ignored for "pass" in `Message` and `Summary`, as API.md says;
    // `Key` must be `id.success` exactly (no case seen but that one).
    for key in ["ID.Success", "ID.SUCCESS", "Id.success"] {
        let b = format!(r#"{{"Id":"1","Key":"{key}","Message":"FAIL"}}"#);
        assert_eq!(ok(&b).status, Status::Failed, "Key {key:?}");
        let q = format!(r#"{{"Id":"1","Key":"{key}","Message":"FAIL","Questions":[{{"Prompt":"p","Type":"t","Choices":[{{"Text":"a"}}]}}]}}"#);
        assert_eq!(ok(&q).status, Status::Questions, "Key {key:?}");
        let p = format!(r#"{{"Id":"1","Key":"{key}","Message":"Pass"}}"#);
        assert_eq!(ok(&p).status, Status::Passed, "Key {key:?}");
    }
    assert_eq!(ok(r#"{"Id":"1","Key":"id.failure","Message":"pAsS"}"#).status, Status::Passed);
}

/// The IP keys are filed under `fraud/velocity` in the qualifier notes: their
/// category is `fraud`, like the other alert-list keys.
#[test]
fn ip_qualifiers_are_fraud() {
    for k in [
        "resultcode.high.risk.ip.bot", "resultcode.high.risk.ip.spam", "resultcode.high.risk.ip.tor", "resultcode.ip.invalid",
        "resultcode.ip.not.located", "resultcode.ip.location.not.available", "resultcode.ip.state.does.not.match",
    ] {
        assert_eq!(describe_qualifier(k).unwrap().category, QualifierCategory::Fraud, "{k}");
    }
}

#[test]
fn field_notes_answers_bodies() {
    let pass = r#"{"Id":"1199927400","Key":"result.questions.0.incorrect","Message":"All answers correct","Summary":"pass"}"#;
    let o = parse_verify_answers(200, &json_headers(), pass.as_bytes()).unwrap();
    assert_eq!(o.status, Status::Passed);
    assert_eq!(o.summary.as_deref(), Some("pass"));
    assert_eq!(o.key, "result.questions.0.incorrect");

    let fail = r#"{"Id":"1199927401","Key":"result.questions.3.incorrect","Message":"Three Incorrect Answers","Summary":"fail"}"#;
    let o = parse_verify_answers(200, &json_headers(), fail.as_bytes()).unwrap();
    assert_eq!(o.status, Status::Failed);
    assert_eq!(o.summary.as_deref(), Some("fail"));

    // One wrong answer still passes when the Summary says so; "PASS" in any case.
    let one = r#"{"Id":"5","Key":"result.questions.1.incorrect","Message":"One Incorrect Answer","Summary":"PASS"}"#;
    assert_eq!(parse_verify_answers(200, &json_headers(), one.as_bytes()).unwrap().status, Status::Passed);
}

#[test]
fn ids_keep_every_digit() {
    for (raw, want) in [
        ("1199927326", "1199927326"),
        ("9007199254740993", "9007199254740993"),
        ("18446744073709551616", "18446744073709551616"),
        ("123456789012345678901234", "123456789012345678901234"),
        ("0", "0"),
        ("\"1199927326\"", "1199927326"),
        ("\"123456789012345678901234\"", "123456789012345678901234"),
        ("\"abc123XYZ\"", "abc123XYZ"),
        // Whatever verifyAnswers would send back (one rule for both).
        ("\"12-34_a\"", "12-34_a"),
        ("\"-1\"", "-1"),
    ] {
        let o = ok(&format!(r#"{{"Id":{raw},"Key":"id.failure","Message":"FAIL"}}"#));
        assert_eq!(o.id, want);
    }
    // And an Id past 2^53 goes back out as a string with every digit.
    let r = gs().verify_answers_request("123456789012345678901234", &[ans("a", "b")], None).unwrap();
    assert_eq!(body_of(&r)["id"], "123456789012345678901234");
}

#[test]
fn bad_ids_are_invalid_responses() {
    let long = format!("\"{}\"", "1".repeat(65));
    let long_num = "1".repeat(65);
    for raw in ["-1", "1.5", "1.0", "1e5", "1E+2", "-0", "true", "[1]", "{}", "\"\"", "\"12 34\"", "\"12.34\"", "\"١٢\"", &long, &long_num] {
        let e = resp_err(200, &format!(r#"{{"Id":{raw},"Key":"id.failure","Message":"FAIL"}}"#));
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{raw}");
        assert_eq!(e.field.as_deref(), Some("Id"), "{raw}");
        assert_eq!(e.status, Some(200));
    }
    for body in [r#"{"Key":"id.failure","Message":"FAIL"}"#, r#"{"Id":null,"Key":"id.failure","Message":"FAIL"}"#] {
        assert_eq!(resp_err(200, body).field.as_deref(), Some("Id"));
    }
}

#[test]
fn answers_and_questions_are_capped_so_the_pairwise_checks_stay_small() {
    let answers: Vec<Answer> = (0..100).map(|i| ans(&format!("t{i}"), "x")).collect();
    assert!(gs().verify_answers_request("1", &answers, None).is_ok());
    let mut more = answers.clone();
    more.push(ans("t100", "x"));
    assert_invalid(&gs().verify_answers_request("1", &more, None).unwrap_err(), "answers");
    let questions: Vec<Question> =
        (0..101).map(|i| Question { prompt: "p".into(), kind: format!("t{i}"), choices: vec!["x".into()] }).collect();
    assert_invalid(&gs().verify_answers_request("1", &answers, Some(&questions)).unwrap_err(), "questions");
    assert!(gs().verify_answers_request("1", &answers, Some(&questions[..100])).is_ok());
}

#[test]
fn the_answers_builder_takes_exactly_the_ids_a_response_may_carry() {
    let long = "1".repeat(65);
    for id in ["-1", "_", "a-b", "1199927326", "12 34", "12.34", "", "١٢", "a\"b", long.as_str(), &long[1..]] {
        let parsed = parse_verify_identity(200, &json_headers(), json!({ "Id": id, "Key": "id.failure", "Message": "FAIL" }).to_string().as_bytes());
        let built = gs().verify_answers_request(id, &[ans("a", "b")], None);
        assert_eq!(parsed.is_ok(), built.is_ok(), "{id}");
        if let Ok(o) = parsed {
            assert_eq!(body_of(&built.unwrap())["id"], o.id);
        }
    }
}

#[test]
fn null_is_absent_and_extras_are_tolerated() {
    let o = ok(r#"{"Id":"7","Key":"id.failure","Message":"FAIL","Summary":null,"Qualifiers":null,"Questions":null,
                  "IdNoteScore":123,"Extra":{"nested":[1,2,3]}}"#);
    assert_eq!(o.status, Status::Failed);
    assert_eq!(o.summary, None);
    assert!(o.qualifiers.is_empty() && o.questions.is_empty());
    // A qualifier without Message keeps an empty one; extra qualifier fields are fine.
    let o = ok(r#"{"Id":"7","Key":"id.failure","Message":"FAIL","Qualifiers":[{"Key":"resultcode.thin.file","Extra":1}]}"#);
    assert_eq!(o.qualifiers[0].message, "");
    assert_eq!(o.qualifiers[0].category, QualifierCategory::ThinFile);
}

#[test]
fn qualifiers_as_one_object() {
    let o = ok(r#"{"Id":"7","Key":"id.failure","Message":"FAIL","Qualifiers":{"Key":"resultcode.coppa.alert","Message":"COPPA Alert"}}"#);
    assert_eq!(o.qualifiers.len(), 1);
    assert_eq!(o.qualifiers[0].severity, Severity::HardStop);
    let e = resp_err(200, r#"{"Id":"7","Key":"id.failure","Message":"FAIL","Qualifiers":{"Message":"x"}}"#);
    assert_eq!(e.field.as_deref(), Some("Qualifiers.Key"));
}

#[test]
fn unknown_qualifiers_are_kept() {
    let o = ok(r#"{"Id":"7","Key":"id.failure","Message":"FAIL","Qualifiers":[{"Key":"resultcode.brand.new.thing","Message":"Brand New Thing"}]}"#);
    let q = &o.qualifiers[0];
    assert_eq!((q.key.as_str(), q.message.as_str()), ("resultcode.brand.new.thing", "Brand New Thing"));
    assert_eq!((q.category, q.severity), (QualifierCategory::Unknown, Severity::Signal));
    assert!(!q.meaning.contains("brand") && !q.meaning.is_empty());
}

#[test]
fn shape_errors_name_paths() {
    let base = r#""Id":"7","Key":"id.failure","Message":"FAIL""#;
    for (extra, path) in [
        (r#","Qualifiers":[{"Key":"resultcode.thin.file"},{"Message":"x"}]"#, "Qualifiers[1].Key"),
        (r#","Qualifiers":[{"Key":"a"},{"Key":""}]"#, "Qualifiers[1].Key"),
        (r#","Qualifiers":[{"Key":"a","Message":5}]"#, "Qualifiers[0].Message"),
        (r#","Qualifiers":["resultcode.thin.file"]"#, "Qualifiers[0]"),
        (r#","Qualifiers":"resultcode.thin.file""#, "Qualifiers"),
        (r#","Questions":{"Prompt":"p"}"#, "Questions"),
        (r#","Questions":[{"Type":"t","Choices":[{"Text":"a"}]}]"#, "Questions[0].Prompt"),
        (r#","Questions":[{"Prompt":"p","Choices":[{"Text":"a"}]}]"#, "Questions[0].Type"),
        (r#","Questions":[{"Prompt":"p","Type":"t"}]"#, "Questions[0].Choices"),
        (r#","Questions":[{"Prompt":"p","Type":"t","Choices":[]}]"#, "Questions[0].Choices"),
        (r#","Questions":[{"Prompt":"p","Type":"t","Choices":[{"Text":"a"},{"Text":"b"},{"Text":7}]}]"#, "Questions[0].Choices[2].Text"),
        (r#","Questions":[{"Prompt":"p","Type":"t","Choices":["a"]}]"#, "Questions[0].Choices[0]"),
        (r#","Summary":true"#, "Summary"),
    ] {
        let e = resp_err(200, &format!("{{{base}{extra}}}"));
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{extra}");
        assert_eq!(e.field.as_deref(), Some(path), "{extra}");
        assert_eq!(e.status, Some(200));
    }
    for (body, path) in [
        (r#"{"Id":"7","Message":"FAIL"}"#, "Key"),
        (r#"{"Id":"7","Key":"","Message":"FAIL"}"#, "Key"),
        (r#"{"Id":"7","Key":5,"Message":"FAIL"}"#, "Key"),
        (r#"{"Id":"7","Key":"id.failure"}"#, "Message"),
    ] {
        assert_eq!(resp_err(200, body).field.as_deref(), Some(path), "{body}");
    }
    for body in ["", "   ", "not json", "[1,2]", "\"FAIL\"", "null", r#"{"Id":"7",}"#] {
        let e = resp_err(200, body);
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{body}");
    }
}

#[test]
fn content_type_must_be_json_on_success() {
    let body = r#"{"Id":"7","Key":"id.success","Message":"Pass"}"#;
    for ct in ["text/html", "text/xml", "application/xml", ""] {
        let mut h = Headers::new();
        h.set("Content-Type", ct);
        let e = parse_verify_identity(200, &h, body.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{ct}");
    }
    // text/plain: what a Response built from a string says; the body is read as JSON.
    for ct in ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/json", "text/plain;charset=UTF-8"] {
        let mut h = Headers::new();
        h.set("content-type", ct);
        assert!(parse_verify_identity(200, &h, body.as_bytes()).is_ok(), "{ct}");
    }
    assert!(parse_verify_identity(200, &Headers::new(), body.as_bytes()).is_ok());
}

#[test]
fn every_status() {
    let body = r#"{"Message":"The request is invalid."}"#;
    let cases: &[(u16, ErrorCode, bool)] = &[
        (400, ErrorCode::BadRequest, false),
        (401, ErrorCode::Unauthorized, false),
        (403, ErrorCode::BadRequest, false),
        (404, ErrorCode::NotFound, false),
        (405, ErrorCode::BadRequest, false),
        (408, ErrorCode::Timeout, true),
        (409, ErrorCode::BadRequest, false),
        (422, ErrorCode::Unprocessable, false),
        (429, ErrorCode::RateLimited, true),
        (500, ErrorCode::ServerError, true),
        (502, ErrorCode::ServerError, true),
        (503, ErrorCode::ServerError, true),
        (599, ErrorCode::ServerError, true),
        (204, ErrorCode::InvalidResponse, false),
        (202, ErrorCode::InvalidResponse, false),
        (302, ErrorCode::InvalidResponse, false),
        (100, ErrorCode::InvalidResponse, false),
        (600, ErrorCode::InvalidResponse, false),
    ];
    for &(status, code, retryable) in cases {
        for parse in [parse_verify_identity, parse_verify_answers] {
            for b in [body, ""] {
                let e = parse(status, &json_headers(), b.as_bytes()).unwrap_err();
                assert_eq!((e.code, e.status, e.retryable), (code, Some(status), retryable), "{status}");
                assert_eq!(e.api, idv_edge::Api::Goldstar);
                assert!(!all_text(&e).contains("The request is invalid"));
            }
        }
    }
    // 200 and 201 both succeed.
    let ok_body = r#"{"Id":"7","Key":"id.success","Message":"Pass"}"#;
    assert!(parse_verify_identity(201, &json_headers(), ok_body.as_bytes()).is_ok());
}

#[test]
fn retry_after_seconds_are_kept() {
    let mut h = json_headers();
    h.set("Retry-After", "7");
    let e = parse_verify_identity(429, &h, b"").unwrap_err();
    assert_eq!(e.retry_after_ms, Some(7000));
    h.set("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
    assert_eq!(parse_verify_identity(503, &h, b"").unwrap_err().retry_after_ms, None);
}

#[test]
fn model_state_fields_are_sorted_unique_and_capped_at_64() {
    // 150 distinct names in a scrambled order, split over `ModelState` and
    // `errors`, each repeated under two prefixes (`person.` / `model.`): the
    // answer is the 64 smallest, sorted, each once.
    let names: Vec<String> = (0..150).map(|i| format!("f{:03}", (i * 67) % 150)).collect();
    let mut model_state = serde_json::Map::new();
    let mut errors = serde_json::Map::new();
    for (i, n) in names.iter().enumerate() {
        let map = if i % 2 == 0 { &mut model_state } else { &mut errors };
        map.insert(format!("person.{n}"), json!(["x"]));
        map.insert(format!("model.{n}"), json!(["y"]));
    }
    let body = json!({ "Message": "The request is invalid.", "ModelState": model_state, "errors": errors }).to_string();
    let e = resp_err(400, &body);
    let mut expected: Vec<String> = names.clone();
    expected.sort();
    expected.dedup();
    expected.truncate(64);
    assert_eq!(e.fields, expected);
    assert_eq!(e.fields.first().map(String::as_str), Some("f000"));
    assert_eq!(e.fields.last().map(String::as_str), Some("f063"));
}

#[test]
fn model_state_gives_field_names_only() {
    let body = r#"{"Message":"The request is invalid.","ModelState":{
        "person.firstname":["The firstname 'Zebediah' is not valid."],
        "person.taxpayerID":["'078-05-1120' is not a valid SSN"],
        "person.zip":["required"],
        "model.answers[0]":["bad"],
        "request.answers[2].text":["'Townhome' is not a choice"],
        "person.firstname ":["dup with space is dropped"],
        "":["The request body is empty"],
        "person.<script>":["x"],
        "person.078051120":["a value where a name belongs"],
        "person.taxpayerID[078051120]":["an index that is a value"],
        "person.zip.90210":["a segment that is a number"],
        "person._x[1][22]":["an underscore and two short indices are a path"],
        "person.answers[1234]":["four digits are not an index we send"],
        "person.answers[]":["an empty index"],
        "person.answers[1":["an open index"]}}"#;
    for status in [400, 404, 405, 409, 422] {
        let e = resp_err(status, body);
        // The path below the action's parameter: which answer, not just "text".
        assert_eq!(e.fields, ["_x[1][22]", "answers[0]", "answers[2].text", "firstname", "taxpayerID", "zip"], "{status}");
        let text = all_text(&e);
        for secret in ["Zebediah", "078-05-1120", "078051120", "90210", "1234", "not a valid", "The request is invalid", "script", "Townhome"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
    // Not an object, or malformed JSON: no fields, same code.
    for b in [r#"{"ModelState":["a"]}"#, r#"{"ModelState":"x"}"#, "<html>", r#"{"ModelState":{"a":"#] {
        let e = resp_err(400, b);
        assert_eq!(e.code, ErrorCode::BadRequest);
        assert!(e.fields.is_empty());
    }
}

#[test]
fn id_error_is_bad_request_without_its_text() {
    for status in [200, 201] {
        let e = resp_err(status, r#"{"Id":null,"Key":"id.error","Message":"No first name submitted"}"#);
        assert_eq!((e.code, e.status, e.retryable), (ErrorCode::BadRequest, Some(status), false));
        assert!(!all_text(&e).contains("first name"), "{e:?}");
        let e = parse_verify_answers(status, &json_headers(), br#"{"Key":"ID.ERROR","Message":"No answers"}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadRequest);
    }
    // On an error status too: the body's refusal wins over the status (not a
    // retryable SERVER_ERROR), as a documented Caisson code does; 401 stays
    // UNAUTHORIZED.
    for status in [400, 408, 422, 429, 500, 503] {
        let e = resp_err(status, r#"{"Id":"0","Key":"id.error","Message":"No first name submitted","ModelState":{"person.firstname":["x"]}}"#);
        assert_eq!((e.code, e.status, e.retryable), (ErrorCode::BadRequest, Some(status), false), "{status}");
        assert_eq!(e.fields, ["firstname"]);
        assert!(!all_text(&e).contains("first name"), "{e:?}");
        let e = parse_ping(status, &json_headers(), br#"{"Key":"id.error","Message":"m"}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadRequest, "{status}");
    }
    // A 2xx that carries no result (202, 203, 204, 206) is INVALID_RESPONSE,
    // unless its body is a refusal: then BAD_REQUEST, as on any other status.
    for status in [202, 203, 204, 206] {
        let e = resp_err(status, r#"{"Id":"1","Key":"id.error","Message":"No first name submitted"}"#);
        assert_eq!((e.code, e.status, e.retryable), (ErrorCode::BadRequest, Some(status), false), "{status}");
        assert!(!all_text(&e).contains("first name"), "{e:?}");
        let e = parse_ping(status, &json_headers(), br#"{"Key":"id.error","Message":"m"}"#).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadRequest, "{status}");
        assert_eq!(resp_err(status, r#"{"Id":"1","Key":"id.failure","Message":"m"}"#).code, ErrorCode::InvalidResponse);
        assert_eq!(resp_err(status, "").code, ErrorCode::InvalidResponse);
    }
    assert_eq!(resp_err(401, r#"{"Key":"id.error","Message":"m"}"#).code, ErrorCode::Unauthorized);
    assert_eq!(resp_err(500, r#"{"Key":"id.failure","Message":"m"}"#).code, ErrorCode::ServerError);
}

// ---------------------------------------------------------------- qualifiers

#[test]
fn every_qualifier_key_describes() {
    assert!(QUALIFIER_KEYS.len() >= 130, "{}", QUALIFIER_KEYS.len());
    for k in QUALIFIER_KEYS {
        let info = describe_qualifier(k).unwrap_or_else(|| panic!("{k}"));
        assert_eq!(info.key, *k);
        assert!(!info.meaning.is_empty());
        let bare = k.strip_prefix("resultcode.").unwrap_or(k);
        assert_eq!(describe_qualifier(bare).unwrap(), info, "{k}");
        assert_eq!(describe_qualifier(&k.to_ascii_uppercase()).unwrap(), info, "{k}");
        let q = interpret_qualifier(k.to_string(), "Message As Sent".into());
        assert_eq!((q.category, q.severity, q.meaning.as_str()), (info.category, info.severity, info.meaning.as_str()));
        assert_eq!(q.message, "Message As Sent");
        assert_ne!(info.category, QualifierCategory::Unknown);
    }
}

#[test]
fn qualifier_table_covers_the_notes() {
    let must = [
        "resultcode.coppa.alert", "resultcode.age.below.minimum", "resultcode.age.above.maximum", "resultcode.of.age",
        "resultcode.confirm.age", "resultcode.under.age", "resultcode.ssn.not.valid", "resultcode.ssn.invalid",
        "resultcode.input.ssn.is.itin", "resultcode.located.itin", "resultcode.street.name.does.not.match",
        "resultcode.street.number.does.not.match", "resultcode.zip.does.not.match", "resultcode.state.does.not.match",
        "resultcode.zip.code.does.not.match", "resultcode.single.address.in.file", "resultcode.single.address",
        "resultcode.pa.dob.not.available", "resultcode.blacklist.alert.ssn", "resultcode.blacklist.alert.document.number",
        "resultcode.network.alert.address.zip", "resultcode.high.risk.ip.tor", "resultcode.ip.state.does.not.match",
        "resultcode.high.risk.email.tumbled", "resultcode.input.phone.number.does.not.match.ip.state",
        "resultcode.mobile.change.event.simswap", "resultcode.mobile.account.type.prepaid",
        "resultcode.mobile.account.status.absent", "resultcode.scan.capture.face.compare.alert",
        "resultcode.scan.possible.image.tampering", "idphone.match", "idphone.does.not.match", "idphone.not.available",
        "idphone.wireless", "idphone.pager", "result.match.restricted", "global.watch.list", "global.watch.list.no.match",
        "id.not.eligible.for.questions", "result.questions.no.data",
    ];
    for k in must {
        assert!(QUALIFIER_KEYS.contains(&k), "{k}");
    }
    for group in ["blacklist.alert.", "network.alert."] {
        let n = QUALIFIER_KEYS.iter().filter(|k| k.starts_with(&format!("resultcode.{group}"))).count();
        assert_eq!(n, 8, "{group}");
    }
    let hard: Vec<&str> = QUALIFIER_KEYS
        .iter()
        .copied()
        .filter(|k| describe_qualifier(k).unwrap().severity == Severity::HardStop)
        .collect();
    assert_eq!(
        hard,
        [
            "resultcode.coppa.alert", "resultcode.under.age", "resultcode.ssn.not.valid", "resultcode.ssn.invalid",
            "resultcode.ssn.issued.prior.to.dob", "resultcode.multiple.records.found", "resultcode.subject.deceased",
            // "C (acts as a block)": the enterprise's own alert list.
            "resultcode.blacklist.alert.ssn", "resultcode.blacklist.alert.address", "resultcode.blacklist.alert.address.zip",
            "resultcode.blacklist.alert.ip", "resultcode.blacklist.alert.phone", "resultcode.blacklist.alert.email",
            "resultcode.blacklist.alert.domain", "resultcode.blacklist.alert.document.number",
        ]
    );
    // The reference's other "C" rows (set by the enterprise's configuration)
    // are signals, like its "S" rows: `low.risk` too, as its row is one with
    // `medium.risk` and `high.risk`.
    for k in [
        "age.below.minimum", "age.above.maximum", "address.location.alert", "low.risk", "medium.risk", "high.risk",
        "activation.date.alert", "mobile.id.age.alert",
    ] {
        assert_eq!(describe_qualifier(&format!("resultcode.{k}")).unwrap().severity, Severity::Signal, "{k}");
    }
    assert_eq!(describe_qualifier("resultcode.no.dob.available").unwrap().severity, Severity::Info);
    assert!(describe_qualifier("id.success").is_none());
    assert!(describe_qualifier("resultcode.made.up").is_none());
    assert!(describe_qualifier("").is_none());
}

// ---------------------------------------------------------------- leaks

#[test]
fn debug_never_shows_personal_data() {
    let p = person();
    let secrets = ["Marguerite", "Okonkwo", "Peachtree", "Atlanta", "30318", "112-22-3333", "112223333", "1976", "ga"];
    let dbg = format!("{p:?} {:?}", good_answers());
    for s in secrets {
        assert!(!dbg.contains(s), "{dbg}");
    }
    let o = ok(DOC_SOFT_FAIL);
    let dbg = format!("{o:?} {:?} {:?}", o.qualifiers, o.questions);
    for s in ["1199927326", "YOB", "PEACHTREE", "DENYSE", "ATLANTA", "FAIL", "residence.type"] {
        assert!(!dbg.contains(s), "{dbg}");
    }
}

#[test]
fn errors_never_show_values() {
    // Each person breaks one rule with a value that must not come back.
    let mut cases: Vec<Person> = Vec::new();
    let mut p = person();
    p.firstname = "Zebediah\u{1}".into();
    cases.push(p);
    let mut p = person();
    p.city = "Quuxville".repeat(20);
    cases.push(p);
    let mut p = person();
    p.state = "Quuxland".into();
    cases.push(p);
    let mut p = person();
    p.zip = "Quux30318".into();
    cases.push(p);
    for ssn in ["078-05-11200", "666-12-3456", "123-00-4567", "123-45-0000", "666123456"] {
        let mut p = person();
        p.taxpayer_id = ssn.into();
        cases.push(p);
    }
    let mut p = person();
    (p.birth_year, p.birth_month, p.birth_day) = (1987, 2, 30);
    cases.push(p);
    let mut p = person();
    (p.birth_year, p.birth_month, p.birth_day) = (2031, 7, 14);
    cases.push(p);
    for p in &cases {
        let e = identity_err(p);
        let text = all_text(&e);
        for s in [
            p.firstname.trim_end_matches('\u{1}'), &p.lastname, &p.address, "Quux", &p.zip, &p.taxpayer_id,
            &p.taxpayer_id.replace('-', ""), &p.birth_year.to_string(),
        ] {
            assert!(s.len() < 4 || !text.contains(s), "{s} in {text}");
        }
    }
}

/// A member name twice in any object is `INVALID_RESPONSE`: read last-wins
/// (as `JSON.parse` would), these fails and refusals would be passes.
#[test]
fn a_member_name_twice_is_the_wrong_shape() {
    let answers = |b: &str| parse_verify_answers(200, &json_headers(), b.as_bytes());
    let e = answers(r#"{"Id":"1","Key":"result.questions.3.incorrect","Message":"x","Summary":"fail","Summary":"pass"}"#)
        .unwrap_err();
    assert_eq!((e.code, e.status), (ErrorCode::InvalidResponse, Some(200)));
    assert!(all_text(&e).contains("member name twice"), "{}", all_text(&e));
    for b in [
        r#"{"Id":"1","Key":"id.error","Key":"id.success","Message":"Pass"}"#,
        r#"{"Id":"1","Key":"id.failure","Message":"Fail","Qualifiers":[{"Key":"a","Key":"b","Message":"m"}]}"#,
        r#"{"Id":"1","Key":"id.success","Message":"Pass","Extra":{"x":[{"y":1,"y":1}]}}"#,
    ] {
        let e = resp_err(200, b);
        assert_eq!(e.code, ErrorCode::InvalidResponse, "{b}");
        assert!(!all_text(&e).contains("id.success"), "{}", all_text(&e));
    }
    // Once each, the same members are a pass.
    assert_eq!(ok(r#"{"Id":"1","Key":"id.success","Message":"Pass","Extra":{"x":[{"y":1}]}}"#).status, Status::Passed);
}
