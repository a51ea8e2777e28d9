#![cfg(not(target_arch = "wasm32"))]
//! Leak proof (native): over random API keys, SSNs, birth dates, names and
//! response bodies, no error (`Display`, `Debug`, message), no `Debug` of a
//! client, request, person or result, and no Sandbox answer holds the key,
//! the SSN (with or without dashes), the birth date, or any string planted in
//! a body. Thousands of cases per validator in the normal `cargo test` run
//! (`PROPTEST_CASES` overrides).
//!
//! The one documented carrier of server text is `IdvError::description`
//! (Caisson's `error_description` for its code): it may hold a planted
//! string, so it is checked to stay out of `Display`, `Debug` and the message.

use idv_edge::caisson::{parse_exchange_token, parse_id_check, Caisson};
use idv_edge::goldstar::{parse_ping, parse_verify_answers, parse_verify_identity, Answer, Goldstar, Person};
use idv_edge::sandbox::{Sandbox, SandboxOptions};
use idv_edge::{Headers, HttpRequest, IdvError, Method};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: i64 = 1_780_000_000_000; // 2026-05-28

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A random marker: 16 to 24 letters and digits, too random to occur in a
/// rule's text by chance.
fn marker() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{16,24}".prop_map(|s| format!("Q{s}"))
}

/// Everything an error shows.
fn error_text(e: &IdvError) -> String {
    format!("{e} | {e:?} | {} | {:?} | {:?}", e.message(), e.field, e.fields)
}

fn assert_absent(text: &str, secrets: &[&str], what: &str) -> Result<(), TestCaseError> {
    for s in secrets {
        prop_assert!(!s.is_empty() && !text.contains(s), "{what} holds a secret: {text}");
    }
    Ok(())
}

fn check_error(e: &IdvError, secrets: &[&str]) -> Result<(), TestCaseError> {
    assert_absent(&error_text(e), secrets, "error")?;
    prop_assert_eq!(e.retryable, e.code.retryable());
    Ok(())
}

// --- keys ------------------------------------------------------------------

/// A key that can travel in a header: visible ASCII, a marker inside.
fn good_key() -> impl Strategy<Value = String> {
    ("[!-~]{0,40}", marker(), "[!-~]{0,40}").prop_map(|(a, m, b)| format!("{a}{m}{b}"))
}

/// A key that cannot: a character that is not visible ASCII, or too long.
fn bad_key() -> impl Strategy<Value = String> {
    let bad_char =
        prop::sample::select(vec!["\r", "\n", "\r\n", "\0", " ", "\t", "\u{7f}", "é", "\u{2028}", "\u{feff}", "🔑"]);
    prop_oneof![
        (marker(), bad_char, "[!-~]{0,20}").prop_map(|(m, c, b)| format!("{m}{c}{b}")),
        marker().prop_map(|m| m.repeat(1 + 512 / m.len())),
    ]
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn keys_never_show(key in good_key(), token in "[A-Za-z0-9_-]{1,40}", check in "[A-Za-z0-9_-]{1,40}") {
        let c = Caisson::new(&key, None).unwrap();
        let secrets = [key.as_str()];
        assert_absent(&format!("{c:?}"), &secrets, "Debug of Caisson")?;
        match c.exchange_token_request(&format!("chk_xchg_{token}")) {
            Ok(r) => assert_absent(&format!("{r:?}"), &secrets, "Debug of a request")?,
            Err(e) => check_error(&e, &secrets)?,
        }
        // Swapped arguments: refused, naming neither value nor key.
        let e = c.get_id_check_request(&format!("chk_xchg_{check}"), &[]).unwrap_err();
        check_error(&e, &secrets)?;
        let g = Goldstar::new(&key, "qaservices.goldstartrust.com", None, &[("X-PortalKey".into(), key.clone())]).unwrap();
        assert_absent(&format!("{g:?} {:?}", g.ping_request()), &secrets, "Debug of Goldstar")?;
    }

    #[test]
    fn refused_keys_never_show(key in bad_key()) {
        let m = &key[..16];
        let e = Caisson::new(&key, None).unwrap_err();
        prop_assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
        prop_assert_eq!(e.field.as_deref(), Some("apiKey"));
        check_error(&e, &[m])?;
        let e = Goldstar::new(&key, "qaservices.goldstartrust.com", None, &[]).unwrap_err();
        prop_assert_eq!(e.field.as_deref(), Some("apiKey"));
        check_error(&e, &[m])?;
    }
}

// --- SSNs, birth dates, names ----------------------------------------------

/// An SSN-like string: valid ones, never-issued ones, wrong shapes; with or without dashes.
fn ssn_digits() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (1u32..=899, 1u32..=99, 1u32..=9999).prop_map(|(a, g, s)| format!("{a:03}{g:02}{s:04}")),
        1 => prop::sample::select(vec!["000", "666", "900", "999"]).prop_flat_map(|a| {
            (Just(a), 0u32..=99, 0u32..=9999).prop_map(|(a, g, s)| format!("{a}{g:02}{s:04}"))
        }),
        1 => "[0-9]{9}",
    ]
}

fn dashed(d: &str) -> String {
    format!("{}-{}-{}", &d[..3], &d[3..5], &d[5..])
}

fn date_forms(y: i32, m: u32, d: u32) -> Vec<String> {
    vec![format!("{y:04}-{m:02}-{d:02}"), format!("{m:02}/{d:02}/{y:04}"), format!("{y:04}{m:02}{d:02}")]
}

fn person() -> impl Strategy<Value = (Person, String)> {
    (
        ssn_digits(),
        any::<bool>(),
        prop_oneof![3 => 1900i32..=2026, 1 => 1000i32..=3000],
        prop_oneof![3 => 1u32..=12, 1 => 0u32..=40],
        prop_oneof![3 => 1u32..=28, 1 => 0u32..=40],
        (marker(), marker(), marker(), marker()),
        prop::sample::select(vec!["GA", "ny", "XX", ""]),
        prop::sample::select(vec!["30318", "30318-1234", "303181234", "3031", "00000"]),
        prop::sample::select(vec!["", " ", "\n", "\u{0}", "é"]),
    )
        .prop_map(|(d, dash, y, m, day, (f, l, a, c), state, zip, spice)| {
            let taxpayer_id = if dash { format!("{}{spice}", dashed(&d)) } else { d.clone() };
            let p = Person {
                firstname: format!("{f}{spice}"),
                lastname: l,
                address: a,
                city: c,
                state: state.into(),
                zip: zip.into(),
                taxpayer_id,
                birth_month: m,
                birth_day: day,
                birth_year: y,
            };
            (p, d)
        })
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn ssns_birth_dates_and_names_never_show((p, digits) in person()) {
        let dates = date_forms(p.birth_year, p.birth_month, p.birth_day);
        let dash = dashed(&digits);
        let mut secrets: Vec<&str> = vec![&digits, &dash, &p.lastname, &p.address, &p.city];
        secrets.extend(dates.iter().map(String::as_str));
        secrets.push(&p.firstname[..17]);
        assert_absent(&format!("{p:?}"), &secrets, "Debug of Person")?;
        let g = Goldstar::new("k-0123456789abcdef", "qaservices.goldstartrust.com", None, &[]).unwrap();
        match g.verify_identity_request(&p, NOW) {
            Ok(r) => {
                assert_absent(&format!("{r:?}"), &secrets, "Debug of the request")?;
                // The body itself carries the 9 digits, never the dashed form.
                let body: Value = serde_json::from_slice(r.body.as_deref().unwrap()).unwrap();
                prop_assert_eq!(body["taxpayerID"].as_str(), Some(digits.as_str()));
            }
            Err(e) => {
                prop_assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
                check_error(&e, &secrets)?;
            }
        }
    }

    #[test]
    fn answers_never_show(id in "[0-9]{1,12}", texts in prop::collection::vec((marker(), marker()), 1..5),
                          spice in prop::sample::select(vec!["", "\n", "\0", " "])) {
        let g = Goldstar::new("k-0123456789abcdef", "qaservices.goldstartrust.com", None, &[]).unwrap();
        let answers: Vec<Answer> = texts.iter().map(|(k, t)| Answer { kind: format!("{k}{spice}"), text: t.clone() }).collect();
        let secrets: Vec<&str> = texts.iter().flat_map(|(k, t)| [&k[..17], t.as_str()]).collect();
        match g.verify_answers_request(&id, &answers, None) {
            Ok(r) => assert_absent(&format!("{r:?}"), &secrets, "Debug of the request")?,
            Err(e) => check_error(&e, &secrets)?,
        }
    }
}

// --- response bodies ---------------------------------------------------------

/// A doc-shaped body (one of the five operations' shapes, or an error body)
/// with every string replaced by a marker, then possibly broken.
fn planted_body() -> impl Strategy<Value = (Vec<u8>, Vec<String>)> {
    (prop::collection::vec(marker(), 8), 0usize..9, 0usize..5).prop_map(|(m, shape, damage)| {
        let v = match shape {
            0 => json!({ "check_id": m[0] }),
            1 => json!({ "check_id": m[0], "customer_id": m[1], "checked_on": m[2],
                         "confidence": { "document": "medium", "face": m[3], "reasons": [{ "code": 101, "description": m[4] }] },
                         "info": { "first_name": m[5], "last_name": m[6], "dob": m[7], "address": { "street": m[1] } } }),
            2 => json!({ "error": "INTERNAL_ERROR", "error_description": m[0], "error_message": m[1] }),
            3 => json!({ "error": m[0], "error_description": m[1] }),
            4 => json!(m[0]),
            5 => json!({ "Id": m[0], "Key": "id.failure", "Message": m[1], "Summary": m[2],
                         "Qualifiers": [{ "Key": m[3], "Message": m[4] }],
                         "Questions": [{ "Prompt": m[5], "Type": m[6], "Choices": [{ "Text": m[7] }, { "Nope": m[0] }] }] }),
            6 => json!({ "Key": "id.error", "Message": m[0], "ModelState": { "person.firstname": [m[1]] } }),
            7 => json!({ "Message": m[0], "ModelState": { "person.taxpayerID": [m[1], m[2]] }, "errors": { "x": m[3] } }),
            _ => json!({ "Id": 12345, "Key": m[0], "Message": 5, "Qualifiers": m[1] }),
        };
        let mut text = v.to_string();
        match damage {
            1 => text.truncate(text.len() / 2),
            2 => text = format!("<html><body>{}</body></html>", m[0]),
            3 => text.push_str(&format!(",{}", m[1])),
            _ => {}
        }
        (text.into_bytes(), m)
    })
}

fn any_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => prop::sample::select(vec![200u16, 200, 201, 204, 400, 401, 404, 408, 409, 410, 422, 429, 500, 502, 503, 504]),
        1 => any::<u16>(),
    ]
}

fn any_headers() -> impl Strategy<Value = Headers> {
    (
        prop::sample::select(vec![
            None,
            Some("application/json"),
            Some("text/html"),
            Some("text/json"),
            Some("application/problem+json"),
        ]),
        prop::sample::select(vec![None, Some("1"), Some("120"), Some("Wed, 21 Oct 2015 07:28:00 GMT"), Some("x")]),
    )
        .prop_map(|(ct, ra)| {
            let mut h = Headers::new();
            if let Some(ct) = ct {
                h.set("Content-Type", ct);
            }
            if let Some(ra) = ra {
                h.set("Retry-After", ra);
            }
            h
        })
}

fn check_parsed<T: std::fmt::Debug>(r: Result<T, IdvError>, secrets: &[&str]) -> Result<(), TestCaseError> {
    match r {
        // A result holds the body's values (that is its job), but its Debug does not.
        Ok(v) => assert_absent(&format!("{v:?}"), secrets, "Debug of a result"),
        Err(e) => check_error(&e, secrets),
    }
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn exchange_bodies_never_show(status in any_status(), h in any_headers(), (body, m) in planted_body()) {
        let secrets: Vec<&str> = m.iter().map(String::as_str).collect();
        check_parsed(parse_exchange_token(status, &h, &body), &secrets)?;
    }

    #[test]
    fn id_check_bodies_never_show(status in any_status(), h in any_headers(), (body, m) in planted_body()) {
        let secrets: Vec<&str> = m.iter().map(String::as_str).collect();
        check_parsed(parse_id_check(status, &h, &body), &secrets)?;
    }

    #[test]
    fn ping_bodies_never_show(status in any_status(), h in any_headers(), (body, m) in planted_body()) {
        let secrets: Vec<&str> = m.iter().map(String::as_str).collect();
        match parse_ping(status, &h, &body) {
            // A ping's value is the server's time: a marker is never a valid one.
            Ok(t) => prop_assert!(!secrets.iter().any(|s| t.contains(s))),
            Err(e) => check_error(&e, &secrets)?,
        }
    }

    #[test]
    fn verify_identity_bodies_never_show(status in any_status(), h in any_headers(), (body, m) in planted_body()) {
        let secrets: Vec<&str> = m.iter().map(String::as_str).collect();
        check_parsed(parse_verify_identity(status, &h, &body), &secrets)?;
    }

    #[test]
    fn verify_answers_bodies_never_show(status in any_status(), h in any_headers(), (body, m) in planted_body()) {
        let secrets: Vec<&str> = m.iter().map(String::as_str).collect();
        check_parsed(parse_verify_answers(status, &h, &body), &secrets)?;
    }

    #[test]
    fn raw_bytes_with_markers_never_show(status in any_status(), h in any_headers(),
                                         pieces in prop::collection::vec((any::<Vec<u8>>(), marker()), 1..4)) {
        let mut body = Vec::new();
        for (junk, m) in &pieces {
            body.extend_from_slice(junk);
            body.extend_from_slice(m.as_bytes());
        }
        let secrets: Vec<&str> = pieces.iter().map(|(_, m)| m.as_str()).collect();
        check_parsed(parse_exchange_token(status, &h, &body), &secrets)?;
        check_parsed(parse_id_check(status, &h, &body), &secrets)?;
        check_parsed(parse_verify_identity(status, &h, &body), &secrets)?;
        if let Err(e) = parse_ping(status, &h, &body) {
            check_error(&e, &secrets)?;
        }
    }
}

// --- the Sandbox ---------------------------------------------------------------

proptest! {
    #![proptest_config(config(1000))]

    /// The Sandbox answers like a server: never with the key it was sent, the
    /// SSN or the birth date (an answer can only name fields).
    #[test]
    fn sandbox_never_echoes_keys_ssns_or_birth_dates((p, digits) in person(), wrong_key in marker(), good in any::<bool>()) {
        let mut sb = Sandbox::new(SandboxOptions { caisson_api_key: Some("ck".into()), goldstar_api_key: Some("gk".into()) });
        let body = json!({
            "firstname": p.firstname, "lastname": p.lastname, "address": p.address, "city": p.city, "state": p.state,
            "zip": p.zip, "taxpayerID": p.taxpayer_id, "birthMonth": p.birth_month, "birthDay": p.birth_day, "birthYear": p.birth_year,
        });
        let key = if good { "gk".to_string() } else { wrong_key.clone() };
        let req = HttpRequest {
            method: Method::Post,
            url: "https://qaservices.goldstartrust.com/identification/api/v1/ops/verify-identity".into(),
            headers: [("X-ApiKey", key.as_str()), ("Content-Type", "application/json")].into_iter().collect(),
            body: Some(body.to_string().into_bytes()),
        };
        let r = sb.handle(&req, NOW);
        let text = String::from_utf8_lossy(&r.body).to_string();
        let dates = date_forms(p.birth_year, p.birth_month, p.birth_day);
        let dash = dashed(&digits);
        let mut secrets: Vec<&str> = vec![&wrong_key, &dash];
        secrets.extend(dates.iter().map(String::as_str));
        assert_absent(&text, &secrets, "a Sandbox answer")?;
        // The 9 digits: only where they could not be chance (the Id is 10 random digits).
        let id = serde_json::from_slice::<Value>(&r.body).ok().and_then(|v| v.get("Id").map(|i| i.to_string())).unwrap_or_default();
        if !id.contains(&digits) {
            prop_assert!(!text.contains(&digits), "a Sandbox answer holds the SSN");
        }
        let caisson = HttpRequest {
            method: Method::Post,
            url: "https://api.caisson.com/v1/idcheck/exchangetoken".into(),
            headers: [("Authorization", format!("Caisson {wrong_key}"))].into_iter().collect(),
            body: Some(format!(r#"{{"check_exchange_token":"chk_xchg_{wrong_key}"}}"#).into_bytes()),
        };
        let r = sb.handle(&caisson, NOW);
        assert_absent(&String::from_utf8_lossy(&r.body), &[&wrong_key], "a Sandbox answer")?;
    }
}
