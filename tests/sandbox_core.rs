#![cfg(not(target_arch = "wasm32"))]
//! The Sandbox against its own documentation (`www/SANDBOX.md`): every
//! scenario and error code, the time windows at their boundaries, keys,
//! Goldstar outcomes and answers, determinism, purging, and robustness.

use std::collections::BTreeSet;

use idv_edge::sandbox::{
    Address, IdCheckScenario, Level, QuizQuestion, Sandbox, SandboxOptions, ScenarioInfo, ScenarioState,
    EXCHANGE_GRACE_MS, EXCHANGE_WINDOW_MS, MAX_REQUEST_BODY_BYTES, PRESETS, QUIZ_QUESTIONS, RESULT_RETENTION_MS, SOFT_FAIL_TTL_MS,
    TEST_SSNS,
};
use idv_edge::{Headers, HttpRequest, HttpResponse, Method};
use proptest::prelude::*;
use serde_json::{json, Value};

const T0: i64 = 1_700_000_000_000; // 2023-11-14T22:13:20Z
const CKEY: &str = "sk_test_caisson_KEY_1234567890";
const GKEY: &str = "gs_test_goldstar_KEY_0987654321";
const CAISSON: &str = "https://api.caisson.com";
const GOLDSTAR: &str = "https://qaservices.goldstartrust.com/identification/api/v1/ops";
const HOUR: i64 = 60 * 60 * 1000;
const MINUTE: i64 = 60 * 1000;

// ---------------------------------------------------------------- helpers

fn sandbox() -> Sandbox {
    Sandbox::new(SandboxOptions { caisson_api_key: Some(CKEY.into()), goldstar_api_key: Some(GKEY.into()) })
}

fn request(method: Method, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> HttpRequest {
    HttpRequest {
        method,
        url: url.to_string(),
        headers: headers.iter().map(|&(k, v)| (k, v)).collect::<Headers>(),
        body: body.map(<[u8]>::to_vec),
    }
}

fn body_json(r: &HttpResponse) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&r.body)))
}

fn check_clean(r: &HttpResponse) {
    let text = String::from_utf8_lossy(&r.body);
    assert!(!text.contains(CKEY) && !text.contains(GKEY), "a response holds a key");
    assert_eq!(r.headers.get("Content-Type"), Some("application/json; charset=utf-8"));
}

fn exchange_raw(sb: &mut Sandbox, body: &[u8], now: i64) -> HttpResponse {
    let auth = format!("Caisson {CKEY}");
    let r = sb.handle(
        &request(
            Method::Post,
            &format!("{CAISSON}/v1/idcheck/exchangetoken"),
            &[("Authorization", &auth), ("Content-Type", "application/json")],
            Some(body),
        ),
        now,
    );
    check_clean(&r);
    r
}

fn exchange(sb: &mut Sandbox, token: &str, now: i64) -> HttpResponse {
    exchange_raw(sb, json!({ "check_exchange_token": token }).to_string().as_bytes(), now)
}

fn exchange_ok(sb: &mut Sandbox, token: &str, now: i64) -> String {
    let r = exchange(sb, token, now);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = body_json(&r);
    v["check_id"].as_str().expect("check_id").to_string()
}

fn get_check(sb: &mut Sandbox, check_id: &str, query: &str, now: i64) -> HttpResponse {
    let auth = format!("Caisson {CKEY}");
    let r = sb.handle(
        &request(
            Method::Get,
            &format!("{CAISSON}/v1/idcheck{query}"),
            &[("Authorization", &auth), ("X-Caisson-CheckID", check_id)],
            None,
        ),
        now,
    );
    check_clean(&r);
    r
}

/// (status, `error`) of a Caisson error response, checking its shape.
fn caisson_error(r: &HttpResponse) -> (u16, String) {
    let v = body_json(r);
    let obj = v.as_object().expect("object");
    assert_eq!(obj.len(), 2, "{v}");
    assert!(obj["error_description"].as_str().is_some_and(|d| !d.is_empty()));
    (r.status, obj["error"].as_str().expect("error").to_string())
}

/// An exchange refused because the token has expired: `INVALID_INPUT` (the
/// exchange's doc lists only `INTERNAL_ERROR` and `INVALID_INPUT`), and a
/// description that says so (an unknown token's says "Invalid").
fn token_expired(r: &HttpResponse) -> bool {
    caisson_error(r) == (400, "INVALID_INPUT".into())
        && body_json(r)["error_description"] == "The check_exchange_token has expired."
}

fn created(sb: &mut Sandbox, scenario: IdCheckScenario, now: i64) -> String {
    let token = sb.create_id_check(scenario, now).expect("scenario is valid");
    exchange_ok(sb, &token, now)
}

fn goldstar(sb: &mut Sandbox, op: &str, body: &[u8], now: i64) -> HttpResponse {
    let r = sb.handle(
        &request(
            Method::Post,
            &format!("{GOLDSTAR}/{op}"),
            &[("X-ApiKey", GKEY), ("Content-Type", "application/json")],
            Some(body),
        ),
        now,
    );
    check_clean(&r);
    r
}

/// A person as raw HTTP may send one: the address with spaces around it,
/// which quiz B's prompt ("... at 12 PEACHTREE PL?") leaves out.
fn person(ssn: &str) -> Value {
    json!({
        "firstname": "Ana", "lastname": "Lima", "address": " 12 Peachtree Pl  ", "city": "Atlanta",
        "state": "ga", "zip": "30303", "taxpayerID": ssn, "birthMonth": 6, "birthDay": 30, "birthYear": 1989
    })
}

fn verify(sb: &mut Sandbox, p: &Value, now: i64) -> HttpResponse {
    goldstar(sb, "verify-identity", p.to_string().as_bytes(), now)
}

fn answer(sb: &mut Sandbox, id: Value, answers: &[(&str, &str)], now: i64) -> HttpResponse {
    let answers: Vec<Value> = answers.iter().map(|(t, x)| json!({ "type": t, "text": x })).collect();
    goldstar(sb, "verify-answers", json!({ "id": id, "answers": answers }).to_string().as_bytes(), now)
}

fn quiz(name: &str) -> Vec<&'static QuizQuestion> {
    QUIZ_QUESTIONS.iter().filter(|q| q.quiz == name).collect()
}

fn correct_answers(name: &str) -> Vec<(&'static str, &'static str)> {
    quiz(name).iter().map(|q| (q.kind, q.correct)).collect()
}

/// The rows of every markdown table whose header's first cell is `first_header`
/// (cells trimmed, backticks removed), header and separator excluded.
fn doc_table(first_header: &str, second_header: &str) -> Vec<Vec<String>> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/SANDBOX.md")).expect("SANDBOX.md");
    let cells = |line: &str| -> Vec<String> {
        line.trim().trim_matches('|').split('|').map(|c| c.trim().replace('`', "")).collect()
    };
    let lines: Vec<&str> = doc.lines().collect();
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let starts_table = i == 0 || !lines[i - 1].starts_with('|');
        if starts_table && line.starts_with('|') {
            let h = cells(line);
            if h.first().map(String::as_str) == Some(first_header)
                && h.get(1).map(String::as_str) == Some(second_header)
            {
                rows.extend(lines[i + 2..].iter().take_while(|l| l.starts_with('|')).map(|l| cells(l)));
            }
        }
    }
    assert!(!rows.is_empty(), "no table {first_header} | {second_header} in SANDBOX.md");
    rows
}

// ---------------------------------------------------------------- Caisson

#[test]
fn caisson_result_has_the_docs_shape_and_only_first_and_last_name_by_default() {
    let mut sb = sandbox();
    let token = sb.create_id_check(IdCheckScenario::new("1234321 - Doe, Jamie"), T0).unwrap();
    assert!(token.starts_with("chk_xchg_") && token.len() == 9 + 22, "{token}");
    assert!(token[9..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    let check_id = exchange_ok(&mut sb, &token, T0 + 1000);
    assert!(check_id.starts_with("chk_priv_") && check_id.len() == 9 + 22, "{check_id}");

    let r = get_check(&mut sb, &check_id, "", T0 + 2000);
    assert_eq!(r.status, 200);
    let v = body_json(&r);
    let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["check_id", "customer_id", "checked_on", "confidence", "info"]));
    assert_eq!(v["check_id"], check_id.as_str());
    assert_eq!(v["customer_id"], "1234321 - Doe, Jamie");
    assert_eq!(v["confidence"], json!({ "document": "high", "face": "high" }));
    assert_eq!(v["info"], json!({ "first_name": "JAMIE", "last_name": "DOE" }));
    let checked_on = v["checked_on"].as_str().unwrap();
    // 2023-11-14T18:13:20.000xxx-04:00: microseconds and the doc's offset; the creation time.
    assert_eq!(checked_on.len(), "2019-07-19T15:00:42.274684-04:00".len(), "{checked_on}");
    assert!(checked_on.starts_with("2023-11-14T18:13:20.000") && checked_on.ends_with("-04:00"), "{checked_on}");
    assert_eq!(idv_edge::time::parse_rfc3339_ms(checked_on), Some(T0));
}

#[test]
fn fields_filtering() {
    let mut sb = sandbox();
    let id = created(&mut sb, IdCheckScenario::new("c1"), T0);
    let v = body_json(&get_check(&mut sb, &id, "?fields=sex,dob,address,expires_on", T0));
    assert_eq!(
        v["info"],
        json!({
            "first_name": "JAMIE", "last_name": "DOE", "sex": "M",
            "dob": "1989-06-30T00:00:00Z", "expires_on": "2027-06-24T00:00:00Z",
            "address": { "street": "6 CROWN DR # 11B", "city": "NEW YORK", "state": "NY", "zip": "10001" }
        })
    );
    let v = body_json(&get_check(&mut sb, &id, "?fields=dob", T0));
    assert_eq!(v["info"], json!({ "first_name": "JAMIE", "last_name": "DOE", "dob": "1989-06-30T00:00:00Z" }));
    // Percent-encoded commas (URLSearchParams), repeated parameters, spaces, empty items.
    let v = body_json(&get_check(&mut sb, &id, "?fields=sex%2Cexpires_on&fields=+address,,", T0));
    let keys: BTreeSet<&str> = v["info"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["first_name", "last_name", "sex", "expires_on", "address"]));
    assert_eq!(get_check(&mut sb, &id, "?fields=", T0).status, 200);
    for bad in ["?fields=ssn", "?fields=sex,first_name", "?fields=SEX", "?fields=%ZZ"] {
        let r = get_check(&mut sb, &id, bad, T0);
        assert_eq!(caisson_error(&r), (400, "INVALID_INPUT".into()), "{bad}");
    }
}

#[test]
fn custom_info_is_normalized() {
    let mut sb = sandbox();
    let info = ScenarioInfo {
        first_name: "Ana".into(),
        last_name: "Lima".into(),
        sex: Some("f".into()),
        dob: Some("1990-01-15T22:30:00-05:00".into()),
        expires_on: Some("2030-12-31".into()),
        address: Some(Address {
            street: "1 Main St".into(),
            city: "Austin".into(),
            state: "TX".into(),
            zip: "73301".into(),
        }),
    };
    let s = IdCheckScenario {
        info: Some(info),
        document: Level::Low,
        reasons: vec![150, 304],
        ..IdCheckScenario::new("c")
    };
    let id = created(&mut sb, s, T0);
    let v = body_json(&get_check(&mut sb, &id, "?fields=sex,dob,expires_on,address", T0));
    assert_eq!(
        v["info"],
        json!({
            "first_name": "Ana", "last_name": "Lima", "sex": "F",
            "dob": "1990-01-16T00:00:00Z", "expires_on": "2030-12-31T00:00:00Z",
            "address": { "street": "1 Main St", "city": "Austin", "state": "TX", "zip": "73301" }
        })
    );
    assert_eq!(
        v["confidence"],
        json!({ "document": "low", "face": "high", "reasons": [
            { "code": 150, "description": "Unknown reason." },
            { "code": 304, "description": "Document is not supported." }
        ]})
    );
    // Not all high and no reasons given: an empty array, still present.
    let id = created(&mut sb, IdCheckScenario { face: Level::Medium, ..IdCheckScenario::new("c") }, T0);
    assert_eq!(body_json(&get_check(&mut sb, &id, "", T0))["confidence"]["reasons"], json!([]));
}

#[test]
fn presets_match_the_doc_table() {
    let rows = doc_table("preset", "document");
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, PRESETS, "the preset table lists exactly PRESETS, in order");
    for row in &rows {
        let (name, document, face, reasons, state) = (&row[0], &row[1], &row[2], &row[3], &row[4]);
        let mut sb = sandbox();
        let s = IdCheckScenario::preset(name).unwrap();
        assert!(s.customer_id.is_empty());
        assert_eq!(s.document.as_str(), document);
        assert_eq!(s.face.as_str(), face);
        let codes: Vec<String> = s.reasons.iter().map(u16::to_string).collect();
        assert_eq!(codes.join(", "), *reasons, "{name}");
        assert_eq!(s.state.as_str(), state, "{name}");
        let token = sb.create_id_check(s.with_customer_id("cust"), T0).unwrap();
        if name == "flaky_exchange" {
            assert_eq!(caisson_error(&exchange(&mut sb, &token, T0)), (500, "INTERNAL_ERROR".into()));
        }
        let id = exchange_ok(&mut sb, &token, T0);
        let r = get_check(&mut sb, &id, "?fields=expires_on", T0 + 1000);
        if state != "complete" {
            let want = doc_table("state", "GET /v1/idcheck answers");
            let row = want.iter().find(|r| r[0] == *state).unwrap();
            let (status, code) = caisson_error(&r);
            assert!(row[1].starts_with(&format!("{status} {code}")), "{name}: {status} {code} vs {}", row[1]);
            continue;
        }
        assert_eq!(r.status, 200, "{name}");
        let v = body_json(&r);
        assert_eq!(v["confidence"]["document"], document.as_str());
        assert_eq!(v["confidence"]["face"], face.as_str());
        if reasons.is_empty() {
            assert!(v["confidence"].get("reasons").is_none(), "{name}");
        } else {
            let got = &v["confidence"]["reasons"][0];
            assert_eq!(got["code"].to_string(), *reasons);
            let d = got["description"].as_str().unwrap();
            assert!(!d.is_empty() && d != "Unknown reason.", "{name}");
        }
        if name == "expired_licence" {
            assert_eq!(v["info"]["expires_on"], "2021-03-31T00:00:00Z");
            assert!(row[5].contains("2021-03-31T00:00:00Z"));
        } else {
            assert_eq!(v["info"]["expires_on"], "2027-06-24T00:00:00Z", "{name}");
        }
    }
    assert!(IdCheckScenario::preset("no_such_preset").is_none());
}

#[test]
fn every_state_answers_as_documented() {
    let rows = doc_table("state", "GET /v1/idcheck answers");
    assert_eq!(rows.len(), ScenarioState::ALL.len());
    for row in rows {
        let state = ScenarioState::parse(&row[0]).unwrap();
        assert_eq!(state.as_str(), row[0]);
        let mut sb = sandbox();
        let id = created(&mut sb, IdCheckScenario { state, ..IdCheckScenario::new("c") }, T0);
        let r = get_check(&mut sb, &id, "", T0);
        if state == ScenarioState::Complete {
            assert_eq!(r.status, 200);
            assert!(row[1].starts_with("200, the result"));
        } else {
            let (status, code) = caisson_error(&r);
            assert!(row[1].starts_with(&format!("{status} {code}")), "{status} {code} vs {}", row[1]);
        }
    }
    assert_eq!(ScenarioState::parse("nope"), None);
    assert_eq!(ScenarioState::default(), ScenarioState::Complete);
}

#[test]
fn pending_checks_complete_after_the_given_time() {
    let mut sb = sandbox();
    let id = created(&mut sb, IdCheckScenario::preset("pending_then_pass").unwrap().with_customer_id("c"), T0);
    assert_eq!(caisson_error(&get_check(&mut sb, &id, "", T0 + 29_999)), (200, "NOT_VERIFIED".into()));
    let v = body_json(&get_check(&mut sb, &id, "", T0 + 30_000));
    assert_eq!(idv_edge::time::parse_rfc3339_ms(v["checked_on"].as_str().unwrap()), Some(T0 + 30_000));
    let s = IdCheckScenario {
        state: ScenarioState::PendingReview,
        complete_after_ms: Some(HOUR),
        ..IdCheckScenario::new("c")
    };
    let id = created(&mut sb, s, T0);
    assert_eq!(caisson_error(&get_check(&mut sb, &id, "", T0 + HOUR - 1)), (200, "PENDING_REVIEW".into()));
    assert_eq!(get_check(&mut sb, &id, "", T0 + HOUR).status, 200);
    // Plain `pending` never completes.
    let id = created(&mut sb, IdCheckScenario::preset("pending").unwrap().with_customer_id("c"), T0);
    assert_eq!(caisson_error(&get_check(&mut sb, &id, "", T0 + 29 * 24 * HOUR)), (200, "NOT_VERIFIED".into()));
}

#[test]
fn exchange_window_is_two_hours_inclusive() {
    let mut sb = sandbox();
    let a = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    let b = sb.create_id_check(IdCheckScenario::new("b"), T0).unwrap();
    assert_eq!(EXCHANGE_WINDOW_MS, 2 * HOUR);
    exchange_ok(&mut sb, &a, T0 + EXCHANGE_WINDOW_MS);
    assert!(token_expired(&exchange(&mut sb, &b, T0 + EXCHANGE_WINDOW_MS + 1)));
    // Forgotten (purged) tokens are still known as expired, for ever.
    assert!(token_expired(&exchange(&mut sb, &b, T0 + 400 * 24 * HOUR)));
}

#[test]
fn another_sandboxs_ids_are_unknown_here_not_expired() {
    // Every sandbox yields the same ids in the same order; what it has issued
    // is told by its generator's counter, so a fresh one knows none of them.
    let mut a = sandbox();
    let tokens: Vec<String> = (0..3).map(|i| a.create_id_check(IdCheckScenario::new(format!("c{i}")), T0).unwrap()).collect();
    let id = exchange_ok(&mut a, &tokens[0], T0);
    let mut b = sandbox();
    for t in &tokens {
        let r = exchange(&mut b, t, T0);
        assert_eq!(caisson_error(&r), (400, "INVALID_INPUT".into()));
        assert_eq!(body_json(&r)["error_description"], "Invalid check_exchange_token.");
    }
    assert_eq!(caisson_error(&get_check(&mut b, &id, "", T0)), (400, "INVALID_INPUT".into()));
    // Its own, once forgotten, are still told apart: the token as expired, the check as IDCHECK_EXPIRED.
    let later = T0 + RESULT_RETENTION_MS + 1;
    assert!(token_expired(&exchange(&mut a, &tokens[2], later)));
    assert_eq!(caisson_error(&get_check(&mut a, &id, "", later)), (410, "IDCHECK_EXPIRED".into()));
    assert_eq!(a.live_entries(), 0);
}

#[test]
fn retry_grace_is_five_minutes_after_the_first_exchange() {
    let mut sb = sandbox();
    assert_eq!(EXCHANGE_GRACE_MS, 5 * MINUTE);
    let t = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    let first = T0 + 10 * MINUTE;
    let id = exchange_ok(&mut sb, &t, first);
    assert_eq!(exchange_ok(&mut sb, &t, first + 1), id);
    assert_eq!(exchange_ok(&mut sb, &t, first + EXCHANGE_GRACE_MS), id);
    assert!(token_expired(&exchange(&mut sb, &t, first + EXCHANGE_GRACE_MS + 1)));
    // The check itself lives on.
    assert_eq!(get_check(&mut sb, &id, "", first + HOUR).status, 200);

    // Exchanged at the very end of the window: the grace runs past the 2 h.
    let t = sb.create_id_check(IdCheckScenario::new("b"), T0).unwrap();
    let id = exchange_ok(&mut sb, &t, T0 + EXCHANGE_WINDOW_MS);
    assert_eq!(exchange_ok(&mut sb, &t, T0 + EXCHANGE_WINDOW_MS + EXCHANGE_GRACE_MS), id);
    assert!(token_expired(&exchange(&mut sb, &t, T0 + EXCHANGE_WINDOW_MS + EXCHANGE_GRACE_MS + 1)));
}

#[test]
fn results_are_kept_thirty_days() {
    let mut sb = sandbox();
    assert_eq!(RESULT_RETENTION_MS, 30 * 24 * HOUR);
    let id = created(&mut sb, IdCheckScenario::new("a"), T0);
    assert_eq!(get_check(&mut sb, &id, "", T0 + RESULT_RETENTION_MS).status, 200);
    assert_eq!(
        caisson_error(&get_check(&mut sb, &id, "", T0 + RESULT_RETENTION_MS + 1)),
        (410, "IDCHECK_EXPIRED".into())
    );
    assert_eq!(sb.live_entries(), 0);
}

#[test]
fn exchange_errors() {
    let mut sb = sandbox();
    let token = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    for body in [&b""[..], b"not json", b"[]", b"\"chk_xchg_x\"", b"{\"check_exchange_token\":", b"\xff\xfe"] {
        assert_eq!(caisson_error(&exchange_raw(&mut sb, body, T0)), (400, "INVALID_INPUT".into()));
    }
    for body in [
        json!({}),
        json!({ "check_exchange_token": 5 }),
        json!({ "check_exchange_token": "" }),
        json!({ "token": token }),
    ] {
        assert_eq!(
            caisson_error(&exchange_raw(&mut sb, body.to_string().as_bytes(), T0)),
            (400, "INVALID_INPUT".into())
        );
    }
    for unknown in ["chk_xchg_UeRXDryTTpvU24CTre8W2Q", "nope", &token.replace("chk_xchg_", "chk_priv_")] {
        assert_eq!(caisson_error(&exchange(&mut sb, unknown, T0)), (400, "INVALID_INPUT".into()), "{unknown}");
    }
    let big = vec![b' '; 64 * 1024 + 1];
    assert_eq!(caisson_error(&exchange_raw(&mut sb, &big, T0)), (413, "INVALID_INPUT".into()));
    // Still exchangeable after all that; a UTF-8 byte order mark is fine.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(json!({ "check_exchange_token": token }).to_string().bytes());
    assert_eq!(exchange_raw(&mut sb, &bom, T0).status, 200);
}

#[test]
fn get_errors() {
    let mut sb = sandbox();
    let token = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    let id = exchange_ok(&mut sb, &token, T0);
    let auth = format!("Caisson {CKEY}");
    let r = sb.handle(&request(Method::Get, &format!("{CAISSON}/v1/idcheck"), &[("Authorization", &auth)], None), T0);
    assert_eq!(caisson_error(&r), (400, "INVALID_INPUT".into()));
    for bad in ["", "  ", "chk_priv_SMgso2KGzXLxT2I-g7oD2w", &token, "x\u{0}y"] {
        assert_eq!(caisson_error(&get_check(&mut sb, bad, "", T0)), (400, "INVALID_INPUT".into()), "{bad:?}");
    }
    assert_eq!(get_check(&mut sb, &id, "", T0).status, 200);
}

#[test]
fn exchange_failures_then_success() {
    let mut sb = sandbox();
    let t = sb.create_id_check(IdCheckScenario { exchange_failures: 2, ..IdCheckScenario::new("a") }, T0).unwrap();
    assert_eq!(caisson_error(&exchange(&mut sb, &t, T0)), (500, "INTERNAL_ERROR".into()));
    assert_eq!(caisson_error(&exchange(&mut sb, &t, T0 + 1)), (500, "INTERNAL_ERROR".into()));
    let id = exchange_ok(&mut sb, &t, T0 + 2);
    assert_eq!(exchange_ok(&mut sb, &t, T0 + 3), id);

    let t = sb.create_id_check(IdCheckScenario::new("sandbox_internal_error"), T0).unwrap();
    for i in 0..5 {
        assert_eq!(caisson_error(&exchange(&mut sb, &t, T0 + i)), (500, "INTERNAL_ERROR".into()));
    }
    // Past its window, expiry wins over the injected failure.
    assert!(token_expired(&exchange(&mut sb, &t, T0 + 3 * HOUR)));
}

#[test]
fn caisson_keys() {
    let mut sb = sandbox();
    let t = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    let body = json!({ "check_exchange_token": t }).to_string();
    let url = format!("{CAISSON}/v1/idcheck/exchangetoken");
    let wrong = format!("Caisson {CKEY}x");
    let bearer = format!("Bearer {CKEY}");
    let bare = CKEY.to_string();
    for auth in
        [None, Some("Caisson"), Some("Caisson "), Some(wrong.as_str()), Some(bearer.as_str()), Some(bare.as_str())]
    {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let r = sb.handle(&request(Method::Post, &url, &headers, Some(body.as_bytes())), T0);
        check_clean(&r);
        assert_eq!(caisson_error(&r), (401, "INVALID_INPUT".into()), "{auth:?}");
    }
    // The scheme is matched in any case.
    let lower = format!("caisson {CKEY}");
    let r = sb.handle(&request(Method::Post, &url, &[("authorization", &lower)], Some(body.as_bytes())), T0);
    assert_eq!(r.status, 200);

    // No key configured: any non-empty key works.
    let mut open = Sandbox::new(SandboxOptions::default());
    let t = open.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    let body = json!({ "check_exchange_token": t }).to_string();
    let r =
        open.handle(&request(Method::Post, &url, &[("Authorization", "Caisson anything")], Some(body.as_bytes())), T0);
    assert_eq!(r.status, 200);
    let r = open.handle(&request(Method::Post, &url, &[("Authorization", "Caisson  ")], Some(body.as_bytes())), T0);
    assert_eq!(r.status, 401);
}

#[test]
fn scenario_errors_name_the_field_not_the_value() {
    let mut sb = sandbox();
    let info = |f: fn(&mut ScenarioInfo)| {
        let mut i = ScenarioInfo::default();
        f(&mut i);
        IdCheckScenario { info: Some(i), ..IdCheckScenario::new("c") }
    };
    let cases: Vec<(IdCheckScenario, &str)> = vec![
        (IdCheckScenario::default(), "customerId"),
        (IdCheckScenario::new("   "), "customerId"),
        (IdCheckScenario::new("a\nb"), "customerId"),
        (IdCheckScenario::new("x".repeat(257)), "customerId"),
        (IdCheckScenario { reasons: vec![201], ..IdCheckScenario::new("c") }, "reasons"),
        (IdCheckScenario { face: Level::Low, reasons: vec![202, 42], ..IdCheckScenario::new("c") }, "reasons[1]"),
        (IdCheckScenario { complete_after_ms: Some(5), ..IdCheckScenario::new("c") }, "completeAfterMs"),
        (
            IdCheckScenario { state: ScenarioState::Pending, complete_after_ms: Some(-1), ..IdCheckScenario::new("c") },
            "completeAfterMs",
        ),
        (info(|i| i.first_name = String::new()), "info.first_name"),
        (info(|i| i.last_name = "D\u{7}E".into()), "info.last_name"),
        (info(|i| i.sex = Some("male".into())), "info.sex"),
        (info(|i| i.dob = Some("30/06/1989".into())), "info.dob"),
        (info(|i| i.dob = Some("1989-02-30".into())), "info.dob"),
        (info(|i| i.expires_on = Some("soon".into())), "info.expires_on"),
        (
            info(|i| {
                i.address =
                    Some(Address { street: "1 A St".into(), city: "X".into(), state: "NY".into(), zip: "".into() })
            }),
            "info.address.zip",
        ),
    ];
    for (s, field) in cases {
        let e = sb.create_id_check(s, T0).unwrap_err();
        assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
        assert_eq!(e.field.as_deref(), Some(field));
        for value in ["30/06/1989", "male", "soon", "1989-02-30"] {
            assert!(!e.to_string().contains(value), "{e}");
        }
    }
    let e = sb.create_id_check(IdCheckScenario::new("c"), i64::MAX).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("now"));
    assert_eq!(sb.live_entries(), 0);
}

// ---------------------------------------------------------------- Goldstar

#[test]
fn ping_answers_the_time_as_a_json_string() {
    let mut sb = sandbox();
    let r = goldstar(&mut sb, "ping", b"", 1_426_877_410_037);
    assert_eq!(r.status, 200);
    assert_eq!(body_json(&r), json!("2015-03-20T13:50:10.0370000-05:00"));
    // Any host, any version, any case; a trailing slash.
    for url in [
        "http://localhost:4010/identification/api/v2/ops/ping",
        "/identification/api/v1/ops/PING/",
        "https://proxy.example/gs/Identification/Api/V10/ops/ping",
        // Every version a GoldstarClient can be built with (`v` + 1 to 32 digits).
        "/identification/api/v0000000001/ops/ping",
        "/identification/api/v99999999999999999999999999999999/ops/ping",
    ] {
        let r = sb.handle(&request(Method::Post, url, &[("x-apikey", GKEY)], None), T0);
        assert_eq!(r.status, 200, "{url}");
    }
}

#[test]
fn goldstar_keys() {
    let mut sb = sandbox();
    let url = format!("{GOLDSTAR}/ping");
    let wrong = format!("{GKEY}x");
    for key in [None, Some(""), Some(wrong.as_str()), Some(CKEY)] {
        let headers: Vec<(&str, &str)> = key.map(|k| ("X-ApiKey", k)).into_iter().collect();
        let r = sb.handle(&request(Method::Post, &url, &headers, None), T0);
        check_clean(&r);
        assert_eq!(r.status, 401);
        assert_eq!(body_json(&r), json!({ "Message": "Authorization has been denied for this request." }));
    }
    let mut open = Sandbox::new(SandboxOptions::default());
    assert_eq!(open.handle(&request(Method::Post, &url, &[("X-ApiKey", "k")], None), T0).status, 200);
    assert_eq!(open.handle(&request(Method::Post, &url, &[("X-ApiKey", " ")], None), T0).status, 401);
}

#[test]
fn test_ssns_match_the_doc_table() {
    let rows = doc_table("SSN", "status");
    assert_eq!(rows.len(), TEST_SSNS.len());
    let mut sb = sandbox();
    for (row, t) in rows.iter().zip(TEST_SSNS) {
        let (ssn, status, key, message, qualifiers, notes) = (&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]);
        assert_eq!(ssn, t.ssn);
        // Both spellings of the SSN give the outcome.
        for form in [ssn.clone(), ssn.replace('-', "")] {
            let r = verify(&mut sb, &person(&form), T0);
            assert_eq!(r.status.to_string(), *status, "{ssn}");
            let v = body_json(&r);
            if r.status == 500 {
                assert_eq!(v, json!({ "Message": message }));
                continue;
            }
            assert_eq!(v["Key"], key.as_str(), "{ssn}");
            assert_eq!(v["Message"], message.as_str(), "{ssn}");
            let got: Vec<&str> =
                v["Qualifiers"].as_array().unwrap().iter().map(|q| q["Key"].as_str().unwrap()).collect();
            assert_eq!(got.join(", "), *qualifiers, "{ssn}");
            for q in v["Qualifiers"].as_array().unwrap() {
                assert!(q["Message"].as_str().is_some_and(|m| !m.is_empty()));
            }
            let numeric = notes.contains("numeric Id");
            assert_eq!(numeric, t.numeric_id);
            if numeric {
                let text = String::from_utf8_lossy(&r.body);
                let digits = v["Id"].as_number().expect("a JSON number").to_string();
                assert_eq!(digits.len(), 20, "{digits}");
                assert!(digits.starts_with("9007199254") && text.contains(&format!("\"Id\":{digits}")), "{text}");
            } else {
                let id = v["Id"].as_str().expect("a string Id");
                assert!(id.len() == 10 && id.bytes().all(|b| b.is_ascii_digit()), "{id}");
            }
            let soft = notes.contains("soft fail");
            assert_eq!(soft, t.quiz.is_some());
            if soft {
                let name = notes.split("quiz ").nth(1).unwrap().get(..1).unwrap();
                assert_eq!(t.quiz, Some(name));
                let qs = v["Questions"].as_array().expect("Questions");
                assert_eq!(qs.len(), 4);
                for (q, want) in qs.iter().zip(quiz(name)) {
                    assert_eq!(q["Type"], want.kind);
                    assert_eq!(q["Prompt"], want.prompt.replace("{address}", "12 PEACHTREE PL"));
                    let choices: Vec<&str> =
                        q["Choices"].as_array().unwrap().iter().map(|c| c["Text"].as_str().unwrap()).collect();
                    assert_eq!(choices, want.choices);
                    assert_eq!(&choices[3..], ["None of the above", "Skip Question"]);
                }
            } else {
                assert!(v.get("Questions").is_none(), "{ssn}");
            }
            assert!(v.get("Summary").is_none());
        }
    }
}

#[test]
fn any_other_valid_ssn_passes() {
    let mut sb = sandbox();
    for ssn in ["123-45-6789", "555010999", "001-01-0001"] {
        let v = body_json(&verify(&mut sb, &person(ssn), T0));
        assert_eq!((v["Key"].as_str(), v["Message"].as_str()), (Some("id.success"), Some("Pass")), "{ssn}");
        assert_eq!(v["Qualifiers"], json!([]));
    }
}

#[test]
fn quiz_answers_match_the_doc_table() {
    let rows = doc_table("quiz", "Type");
    assert_eq!(rows.len(), QUIZ_QUESTIONS.len());
    for (row, q) in rows.iter().zip(QUIZ_QUESTIONS) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str(), row[3].as_str()),
            (q.quiz, q.kind, q.prompt, q.correct)
        );
    }
    for (quiz_name, ssn) in [("A", "555-01-0201"), ("B", "555-01-0202"), ("A", "555-01-0203")] {
        let mut sb = sandbox();
        let v = body_json(&verify(&mut sb, &person(ssn), T0));
        let r = answer(&mut sb, v["Id"].clone(), &correct_answers(quiz_name), T0 + MINUTE);
        assert_eq!(r.status, 200);
        let a = body_json(&r);
        assert_eq!(a["Key"], "result.questions.0.incorrect");
        assert_eq!(a["Message"], "All Answers Correct");
        assert_eq!(a["Summary"], "pass");
        assert_eq!(a["Qualifiers"], json!([]));
        assert!(a.get("Questions").is_none());
        let new_id = a["Id"].as_str().unwrap();
        assert!(new_id.len() == 10 && new_id.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(Value::String(new_id.to_string()), v["Id"]);
    }
}

#[test]
fn answers_count_wrong_ones_and_summarize() {
    let expected = [
        (0, "All Answers Correct", "pass"),
        (1, "One Incorrect Answer", "pass"),
        (2, "Two Incorrect Answers", "fail"),
        (3, "Three Incorrect Answers", "fail"),
        (4, "Four Incorrect Answers", "fail"),
    ];
    for (wrong, message, summary) in expected {
        let mut sb = sandbox();
        let v = body_json(&verify(&mut sb, &person("555-01-0201"), T0));
        let mut answers = correct_answers("A");
        for a in answers.iter_mut().take(wrong) {
            // Alternate the ways of being wrong: another choice, a skip.
            a.1 = if wrong % 2 == 0 { "None of the above" } else { "Skip Question" };
        }
        let a = body_json(&answer(&mut sb, v["Id"].clone(), &answers, T0));
        assert_eq!(a["Key"], format!("result.questions.{wrong}.incorrect"));
        assert_eq!(a["Message"], message);
        assert_eq!(a["Summary"], summary);
    }
    // Case and outer spaces are ignored; a missing answer counts as wrong; other types are ignored.
    let mut sb = sandbox();
    let v = body_json(&verify(&mut sb, &person("555-01-0201"), T0));
    let answers = [
        ("RESIDENCE.TYPE", " single family residence "),
        ("person.not.known", "luis pereira"),
        ("city.of.residence", "THORNTON"),
        ("ssn.issued.in", "GEORGIA"),
    ];
    let a = body_json(&answer(&mut sb, v["Id"].clone(), &answers, T0));
    assert_eq!((a["Key"].as_str(), a["Summary"].as_str()), (Some("result.questions.1.incorrect"), Some("pass")));
}

#[test]
fn numeric_ids_are_answered_as_strings_or_numbers() {
    for as_number in [false, true] {
        let mut sb = sandbox();
        let v = body_json(&verify(&mut sb, &person("555-01-0203"), T0));
        let digits = v["Id"].as_number().unwrap().to_string();
        let id = if as_number { v["Id"].clone() } else { Value::String(digits) };
        let r = answer(&mut sb, id, &correct_answers("A"), T0);
        assert_eq!(r.status, 200);
    }
}

#[test]
fn a_session_is_answered_once_within_thirty_minutes() {
    let mut sb = sandbox();
    assert_eq!(SOFT_FAIL_TTL_MS, 30 * MINUTE);
    let a = body_json(&verify(&mut sb, &person("555-01-0201"), T0));
    let b = body_json(&verify(&mut sb, &person("555-01-0202"), T0));
    assert_eq!(sb.live_entries(), 2);
    assert_eq!(answer(&mut sb, a["Id"].clone(), &correct_answers("A"), T0 + SOFT_FAIL_TTL_MS).status, 200);
    let again = answer(&mut sb, a["Id"].clone(), &correct_answers("A"), T0 + SOFT_FAIL_TTL_MS);
    assert_eq!(again.status, 409);
    assert_eq!(body_json(&again), json!({ "Message": "The questions for this id have already been answered." }));
    let late = answer(&mut sb, b["Id"].clone(), &correct_answers("B"), T0 + SOFT_FAIL_TTL_MS + 1);
    assert_eq!(late.status, 404);
    assert_eq!(sb.live_entries(), 0);
    // Unknown ids, pass ids and the new id of an answers call: 404.
    let pass = body_json(&verify(&mut sb, &person("555-01-0001"), T0));
    let answered = body_json(&answer(&mut sb, json!("1234567890"), &correct_answers("A"), T0));
    assert_eq!(answered, json!({ "Message": "No verification was found for this id." }));
    for id in [pass["Id"].clone(), json!(1), json!("0012")] {
        assert_eq!(answer(&mut sb, id, &correct_answers("A"), T0).status, 404);
    }
}

#[test]
fn bad_json_is_400() {
    let mut sb = sandbox();
    // ASP.NET's error body, the ModelState under the parameter's name (the
    // field notes: 400 carries one; a client's `fields` names it).
    for (op, param) in [("verify-identity", "person"), ("verify-answers", "request")] {
        for body in [&b""[..], b"{", b"null", b"[]", b"\"x\"", b"42", b"{\"firstname\":\"a\",}", b"\xff"] {
            let r = goldstar(&mut sb, op, body, T0);
            assert_eq!(r.status, 400, "{op} {:?}", String::from_utf8_lossy(body));
            assert_eq!(
                body_json(&r),
                json!({ "Message": "The request is invalid.", "ModelState": { param: [format!("The {param} must be a JSON object.")] } })
            );
        }
        let r = goldstar(&mut sb, op, &vec![b' '; 64 * 1024 + 1], T0);
        assert_eq!(r.status, 413);
    }
}

fn model_state(r: &HttpResponse) -> Vec<String> {
    assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
    let v = body_json(r);
    assert_eq!(v["Message"], "The request is invalid.");
    let ms = v["ModelState"].as_object().expect("ModelState");
    for msgs in ms.values() {
        assert!(msgs.as_array().is_some_and(|m| !m.is_empty() && m.iter().all(Value::is_string)));
    }
    ms.keys().cloned().collect()
}

#[test]
fn invalid_person_is_422_with_model_state() {
    let mut sb = sandbox();
    let keys = model_state(&verify(&mut sb, &json!({}), T0));
    let all = [
        "person.firstname",
        "person.lastname",
        "person.address",
        "person.city",
        "person.state",
        "person.zip",
        "person.taxpayerID",
        "person.birthMonth",
        "person.birthDay",
        "person.birthYear",
    ];
    assert_eq!(keys.into_iter().collect::<BTreeSet<_>>(), all.iter().map(|s| s.to_string()).collect());
    let r = verify(&mut sb, &json!({}), T0);
    assert_eq!(body_json(&r)["ModelState"]["person.firstname"], json!(["The firstname field is required."]));
    // On the wire, in the doc's field order.
    let text = String::from_utf8_lossy(&r.body);
    let positions: Vec<usize> = all.iter().map(|k| text.find(&format!("\"{k}\"")).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");

    let with = |k: &str, v: Value| {
        let mut p = person("555-01-0001");
        p[k] = v;
        p
    };
    let cases = [
        (with("firstname", json!("")), "person.firstname"),
        (with("firstname", json!(null)), "person.firstname"),
        (with("lastname", json!(["x"])), "person.lastname"),
        (with("city", json!("x".repeat(101))), "person.city"),
        (with("address", json!("12 Main\u{0}St")), "person.address"),
        (with("state", json!("ZZ")), "person.state"),
        (with("state", json!("UM")), "person.state"), // ISO's, not a USPS code
        (with("zip", json!("3030")), "person.zip"),
        (with("taxpayerID", json!("666-12-3456")), "person.taxpayerID"),
        (with("taxpayerID", json!("987-65-4321")), "person.taxpayerID"),
        (with("taxpayerID", json!("555-00-0001")), "person.taxpayerID"),
        (with("birthMonth", json!(13)), "person.birthMonth"),
        (with("birthMonth", json!("June")), "person.birthMonth"),
        (with("birthDay", json!(31)), "person.birthDay"), // June 31st
        (with("birthYear", json!(1899)), "person.birthYear"),
        (with("birthYear", json!(2024)), "person.birthYear"), // after T0's year
        (with("birthYear", json!(1.5)), "person.birthYear"),
    ];
    for (p, key) in cases {
        let r = verify(&mut sb, &p, T0);
        assert_eq!(model_state(&r), vec![key.to_string()], "{key}");
        let text = String::from_utf8_lossy(&r.body);
        for value in ["ZZ", "3030", "666-12-3456", "987-65-4321", "June", "Ana", "Lima", "Peachtree"] {
            assert!(!text.contains(value), "{text}");
        }
    }
    // In the future by a day.
    let mut p = person("555-01-0001");
    p["birthYear"] = json!(2023);
    p["birthMonth"] = json!(11);
    p["birthDay"] = json!(15);
    assert_eq!(model_state(&verify(&mut sb, &p, T0)), vec!["person.birthDay".to_string()]);
    p["birthDay"] = json!(14);
    assert_eq!(verify(&mut sb, &p, T0).status, 200);
}

#[test]
fn property_names_bind_ignoring_case_and_values_convert() {
    let mut sb = sandbox();
    let p = json!({
        "firstName": "Ana", "lastName": "Lima", "Address": "1 A St", "CITY": "Atlanta", "state": "GA",
        "zip": 30303, "taxpayerId": "555010101", "birthMonth": "6", "birthDay": 30.0, "BirthYear": 1989,
        "extra": { "ignored": true }
    });
    let v = body_json(&verify(&mut sb, &p, T0));
    assert_eq!(v["Key"], "id.failure");
    assert_eq!(v["Qualifiers"][0]["Key"], "resultcode.ssn.does.not.match");
}

#[test]
fn invalid_answers_are_422_with_model_state() {
    let mut sb = sandbox();
    let cases = [
        (json!({}), vec!["request.id", "request.answers"]),
        (json!({ "id": "12a", "answers": [{ "type": "t", "text": "x" }] }), vec!["request.id"]),
        (json!({ "id": true, "answers": [{ "type": "t", "text": "x" }] }), vec!["request.id"]),
        (json!({ "id": 1.5, "answers": [{ "type": "t", "text": "x" }] }), vec!["request.id"]),
        (json!({ "id": "1", "answers": [] }), vec!["request.answers"]),
        (json!({ "id": "1", "answers": "x" }), vec!["request.answers"]),
        (json!({ "id": "1", "answers": vec![json!({ "type": "t", "text": "x" }); 21] }), vec!["request.answers"]),
        (
            json!({ "id": "1", "answers": [5, { "type": "t" }, { "text": "x", "type": [] }] }),
            vec!["request.answers[0]", "request.answers[1].text", "request.answers[2].type"],
        ),
        (json!({ "ID": "1", "Answers": [{ "Type": "t", "TEXT": "" }] }), vec!["request.answers[0].text"]),
    ];
    for (body, keys) in cases {
        let r = goldstar(&mut sb, "verify-answers", body.to_string().as_bytes(), T0);
        let want: BTreeSet<String> = keys.iter().map(|k| k.to_string()).collect();
        assert_eq!(model_state(&r).into_iter().collect::<BTreeSet<_>>(), want, "{body}");
    }
}

/// Methods neither API takes (the `Method` type holds GET and POST): the path
/// decides first (404), then each API's 405 in its own shape, always with
/// `Allow` (RFC 9110: a 405 MUST carry it).
#[test]
fn other_methods_get_each_apis_405_with_allow() {
    let sb = sandbox();
    for m in ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "delete", "X-CUSTOM"] {
        let r = sb.unsupported_method(m, &format!("{CAISSON}/v1/idcheck/exchangetoken"));
        assert_eq!(caisson_error(&r), (405, "METHOD_NOT_ALLOWED".into()), "{m}");
        assert_eq!(r.headers.get("Allow"), Some("POST"), "{m}");
        let r = sb.unsupported_method(m, "http://127.0.0.1:4010/v1/idcheck?fields=dob");
        assert_eq!((r.status, r.headers.get("Allow")), (405, Some("GET")), "{m}");
        for op in ["ping", "verify-identity", "verify-answers"] {
            let r = sb.unsupported_method(m, &format!("{GOLDSTAR}/{op}"));
            assert_eq!((r.status, r.headers.get("Allow")), (405, Some("POST")), "{m} {op}");
            let want = format!("The requested resource does not support http method '{}'.", m.to_ascii_uppercase());
            assert_eq!(body_json(&r), json!({ "Message": want }), "{m} {op}");
        }
        let r = sb.unsupported_method(m, "/identification/api/v1/ops/verify");
        assert_eq!(body_json(&r), json!({ "Message": "No HTTP resource was found that matches the request URI." }));
        let r = sb.unsupported_method(m, "/nowhere");
        assert_eq!(caisson_error(&r), (404, "NOT_FOUND".into()), "{m}");
    }
    // What is not a plain method token is not repeated.
    let r = sb.unsupported_method("PUT<script>", &format!("{GOLDSTAR}/ping"));
    assert_eq!(body_json(&r), json!({ "Message": "The requested resource does not support this http method." }));
}

/// The 64 KiB request limit holds for ping too, though it reads no body.
#[test]
fn ping_with_a_body_over_the_limit_is_413() {
    let mut sb = sandbox();
    let big = vec![b'x'; MAX_REQUEST_BODY_BYTES + 1];
    assert_eq!(goldstar(&mut sb, "ping", &big, T0).status, 413);
    let fits = vec![b'x'; MAX_REQUEST_BODY_BYTES];
    assert_eq!(goldstar(&mut sb, "ping", &fits, T0).status, 200);
}

#[test]
fn routing_methods_and_unknown_paths() {
    let mut sb = sandbox();
    let auth = format!("Caisson {CKEY}");
    let r = sb.handle(
        &request(Method::Get, &format!("{CAISSON}/v1/idcheck/exchangetoken"), &[("Authorization", &auth)], None),
        T0,
    );
    assert_eq!(caisson_error(&r), (405, "METHOD_NOT_ALLOWED".into()));
    assert_eq!(r.headers.get("Allow"), Some("POST"));
    let r =
        sb.handle(&request(Method::Post, "http://localhost:4010/v1/idcheck", &[("Authorization", &auth)], None), T0);
    assert_eq!(caisson_error(&r), (405, "METHOD_NOT_ALLOWED".into()));
    assert_eq!(r.headers.get("Allow"), Some("GET"));
    let r = sb.handle(&request(Method::Get, &format!("{GOLDSTAR}/ping"), &[("X-ApiKey", GKEY)], None), T0);
    assert_eq!(r.status, 405);
    assert_eq!(body_json(&r), json!({ "Message": "The requested resource does not support http method 'GET'." }));
    assert_eq!(r.headers.get("Allow"), Some("POST"));
    for url in ["https://api.caisson.com/v2/idcheck", "/", "", "https://x", "/v1/idcheckx", "/ops/ping"] {
        let r = sb.handle(&request(Method::Get, url, &[], None), T0);
        assert_eq!(caisson_error(&r), (404, "NOT_FOUND".into()), "{url}");
    }
    for url in
        ["/identification/api/v1/ops/verify", "/identification/api/version1/ops/ping", "/identification/api/v1/ping"]
    {
        let r = sb.handle(&request(Method::Post, url, &[("X-ApiKey", GKEY)], None), T0);
        assert_eq!(r.status, 404, "{url}");
        assert_eq!(body_json(&r), json!({ "Message": "No HTTP resource was found that matches the request URI." }));
    }
    // Prefixes and hosts do not matter; the path's end does.
    let t = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
    let body = json!({ "check_exchange_token": t }).to_string();
    let r = sb.handle(
        &request(
            Method::Post,
            "http://127.0.0.1:4010/caisson/v1/idcheck/exchangetoken/?x=1#f",
            &[("Authorization", &auth)],
            Some(body.as_bytes()),
        ),
        T0,
    );
    assert_eq!(r.status, 200);
}

/// Every row of both error tables of SANDBOX.md, produced for real.
#[test]
fn error_tables_are_true() {
    fn observe(id: &str) -> (u16, String) {
        let mut sb = sandbox();
        let c = |r: HttpResponse| caisson_error(&r);
        let g = |r: HttpResponse| {
            let v = body_json(&r);
            (r.status, v["Message"].as_str().unwrap_or_default().to_string())
        };
        let id_of = |sb: &mut Sandbox, s: IdCheckScenario| created(sb, s, T0);
        match id {
            "caisson.unauthorized" => c(sb.handle(&request(Method::Get, "/v1/idcheck", &[], None), T0)),
            "caisson.bad_body" => c(exchange_raw(&mut sb, b"[", T0)),
            "caisson.missing_token" => c(exchange_raw(&mut sb, b"{}", T0)),
            "caisson.unknown_token" => c(exchange(&mut sb, "chk_xchg_AAAAAAAAAAAAAAAAAAAAAA", T0)),
            "caisson.token_expired" => {
                let t = sb.create_id_check(IdCheckScenario::new("a"), T0).unwrap();
                c(exchange(&mut sb, &t, T0 + 2 * HOUR + 1))
            }
            "caisson.exchange_failure" => {
                let t = sb.create_id_check(IdCheckScenario::new("sandbox_internal_error"), T0).unwrap();
                c(exchange(&mut sb, &t, T0))
            }
            "caisson.body_too_large" => c(exchange_raw(&mut sb, &[b'{'; 70_000], T0)),
            "caisson.missing_check_id" => c(get_check(&mut sb, "", "", T0)),
            "caisson.bad_fields" => {
                let id = id_of(&mut sb, IdCheckScenario::new("a"));
                c(get_check(&mut sb, &id, "?fields=ssn", T0))
            }
            "caisson.unknown_check" => c(get_check(&mut sb, "chk_priv_AAAAAAAAAAAAAAAAAAAAAA", "", T0)),
            "caisson.not_verified"
            | "caisson.pending_review"
            | "caisson.deleted"
            | "caisson.expired"
            | "caisson.internal_error" => {
                let preset = match id {
                    "caisson.not_verified" => "pending",
                    "caisson.pending_review" => "under_review",
                    other => other.trim_start_matches("caisson."),
                };
                let id = id_of(&mut sb, IdCheckScenario::preset(preset).unwrap().with_customer_id("c"));
                c(get_check(&mut sb, &id, "", T0))
            }
            "caisson.method" => c(sb.handle(&request(Method::Post, "/v1/idcheck", &[], None), T0)),
            "any.not_found" => c(sb.handle(&request(Method::Get, "/nowhere", &[], None), T0)),
            "goldstar.unauthorized" => {
                g(sb.handle(&request(Method::Post, "/identification/api/v1/ops/ping", &[], None), T0))
            }
            "goldstar.bad_json" => g(goldstar(&mut sb, "verify-identity", b"{", T0)),
            "goldstar.invalid_person" => g(verify(&mut sb, &json!({}), T0)),
            "goldstar.invalid_answers" => g(goldstar(&mut sb, "verify-answers", b"{}", T0)),
            "goldstar.unknown_id" => g(answer(&mut sb, json!("1"), &[("t", "x")], T0)),
            "goldstar.answered" => {
                let v = body_json(&verify(&mut sb, &person("555-01-0201"), T0));
                answer(&mut sb, v["Id"].clone(), &[("t", "x")], T0);
                g(answer(&mut sb, v["Id"].clone(), &[("t", "x")], T0))
            }
            "goldstar.server_error" => g(verify(&mut sb, &person("555-01-0902"), T0)),
            "goldstar.body_too_large" => g(goldstar(&mut sb, "verify-answers", &[b' '; 70_000], T0)),
            "goldstar.method" => g(sb.handle(&request(Method::Get, "/identification/api/v1/ops/ping", &[], None), T0)),
            "goldstar.not_found" => g(sb.handle(&request(Method::Post, "/identification/api/v1/ops/x", &[], None), T0)),
            other => panic!("SANDBOX.md row {other} has no check here"),
        }
    }
    let caisson = doc_table("id", "situation");
    assert!(caisson.len() >= 17);
    let mut codes = BTreeSet::new();
    for row in caisson.iter().filter(|r| r.len() == 5) {
        let (status, code) = observe(&row[0]);
        assert_eq!((status.to_string(), code.clone()), (row[2].clone(), row[3].clone()), "{}", row[0]);
        codes.insert(code);
    }
    for code in
        ["IDCHECK_EXPIRED", "IDCHECK_DELETED", "INVALID_INPUT", "NOT_VERIFIED", "PENDING_REVIEW", "INTERNAL_ERROR"]
    {
        assert!(codes.contains(code), "{code} is reachable");
    }
    let goldstar_rows: Vec<_> = caisson.iter().filter(|r| r.len() == 4).collect();
    assert_eq!(goldstar_rows.len(), 10);
    for row in goldstar_rows {
        let (status, message) = observe(&row[0]);
        assert_eq!((status.to_string(), message), (row[2].clone(), row[3].clone()), "{}", row[0]);
    }
}

// ---------------------------------------------------------------- determinism, purge

fn script(sb: &mut Sandbox) -> Vec<HttpResponse> {
    let mut out = Vec::new();
    let auth = format!("Caisson {CKEY}");
    for (i, name) in PRESETS.iter().enumerate() {
        let now = T0 + i as i64 * 1000;
        let t =
            sb.create_id_check(IdCheckScenario::preset(name).unwrap().with_customer_id(format!("c{i}")), now).unwrap();
        let body = json!({ "check_exchange_token": t }).to_string();
        let url = format!("{CAISSON}/v1/idcheck/exchangetoken");
        let r = sb.handle(&request(Method::Post, &url, &[("Authorization", &auth)], Some(body.as_bytes())), now);
        let id = body_json(&r)["check_id"].as_str().unwrap_or("none").to_string();
        out.push(r);
        out.push(get_check(sb, &id, "?fields=sex,dob,address,expires_on", now + 31_000));
    }
    for (i, t) in TEST_SSNS.iter().enumerate() {
        let now = T0 + i as i64 * 7;
        let r = verify(sb, &person(t.ssn), now);
        let v = body_json(&r);
        out.push(r);
        if t.quiz.is_some() {
            out.push(answer(sb, v["Id"].clone(), &correct_answers("A"), now));
        }
    }
    out.push(goldstar(sb, "ping", b"", T0 + 123));
    out
}

#[test]
fn same_calls_same_responses() {
    let a = script(&mut sandbox());
    let b = script(&mut sandbox());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((x.status, &x.headers, &x.body), (y.status, &y.headers, &y.body));
    }
    // And ids differ between checks within one run.
    let ids: BTreeSet<Vec<u8>> = a.iter().filter(|r| r.status == 200).map(|r| r.body.clone()).collect();
    assert!(ids.len() > PRESETS.len());
}

#[test]
fn purge_keeps_memory_bounded() {
    let mut sb = sandbox();
    let mut tokens = Vec::new();
    for i in 0..10_000 {
        tokens.push(sb.create_id_check(IdCheckScenario::new(format!("c{i}")), T0 + i).unwrap());
    }
    assert_eq!(sb.live_entries(), 10_000);
    // Exchange 100 of them; each becomes a check (and its token lives on for the grace).
    let mut ids = Vec::new();
    for t in tokens.iter().take(100) {
        ids.push(exchange_ok(&mut sb, t, T0 + HOUR));
    }
    assert_eq!(sb.live_entries(), 10_100);
    // Half the tokens are past their window.
    let mid = T0 + 2 * HOUR + 5_000;
    assert_eq!(get_check(&mut sb, &ids[0], "", mid).status, 200);
    // Tokens 0..5000 are gone (the first 100 already after their grace), 5000..10000 and the checks stay.
    assert_eq!(sb.live_entries(), 5_000 + 100);
    // Past every window: only the 100 checks are left, and forgotten tokens are still "expired".
    let after = T0 + 2 * HOUR + 10_001;
    assert!(token_expired(&exchange(&mut sb, &tokens[9_999], after)));
    assert_eq!(sb.live_entries(), 100);
    assert!(token_expired(&exchange(&mut sb, &tokens[0], after)));
    // Past the retention: nothing left, and the checks answer IDCHECK_EXPIRED.
    let end = T0 + 10_000 + RESULT_RETENTION_MS;
    assert_eq!(caisson_error(&get_check(&mut sb, &ids[99], "", end)), (410, "IDCHECK_EXPIRED".into()));
    assert_eq!(sb.live_entries(), 0);

    // Goldstar sessions are purged too.
    for i in 0..1_000 {
        verify(&mut sb, &person("555-01-0201"), T0 + i);
    }
    assert_eq!(sb.live_entries(), 1_000);
    goldstar(&mut sb, "ping", b"", T0 + SOFT_FAIL_TTL_MS + 1_000);
    assert_eq!(sb.live_entries(), 0);
}

// ---------------------------------------------------------------- robustness

fn arb_method() -> impl Strategy<Value = Method> {
    prop_oneof![Just(Method::Get), Just(Method::Post)]
}

fn arb_url() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just(String::new()),
        Just("https://api.caisson.com".to_string()),
        Just("http://localhost:4010".to_string()),
        Just("https://qaservices.goldstartrust.com".to_string()),
        "\\PC{0,12}",
    ];
    let path = prop_oneof![
        Just("/v1/idcheck".to_string()),
        Just("/v1/idcheck/exchangetoken".to_string()),
        Just("/identification/api/v1/ops/ping".to_string()),
        Just("/identification/api/v1/ops/verify-identity".to_string()),
        Just("/identification/api/v1/ops/verify-answers".to_string()),
        Just("/identification/api/v7/ops/other".to_string()),
        "\\PC{0,30}",
        "[/a-z0-9.%?#&=-]{0,30}",
    ];
    let query = prop_oneof![
        Just(String::new()),
        Just("?fields=sex,dob,address,expires_on".to_string()),
        "\\?[a-z%0-9=,&+]{0,20}",
        "\\PC{0,10}",
    ];
    (prefix, path, query).prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

fn arb_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("Authorization".to_string()),
        Just("X-ApiKey".to_string()),
        Just("X-Caisson-CheckID".to_string()),
        Just("Content-Type".to_string()),
        "\\PC{0,10}",
    ];
    let value = prop_oneof![
        Just(format!("Caisson {CKEY}")),
        Just(GKEY.to_string()),
        Just("chk_priv_AAAAAAAAAAAAAAAAAAAAAA".to_string()),
        "\\PC{0,30}",
        ".{0,10}",
    ];
    prop::collection::vec((name, value), 0..5)
}

fn arb_body() -> impl Strategy<Value = Option<Vec<u8>>> {
    let ssn = prop_oneof![Just("555-01-0201".to_string()), Just("555-01-0902".to_string()), "[0-9-]{0,11}"];
    let json_body = prop_oneof![
        ssn.prop_map(|s| person(&s).to_string().into_bytes()),
        (".{0,20}", any::<i64>())
            .prop_map(|(s, n)| json!({ "id": s, "answers": [{ "type": s, "text": n }] }).to_string().into_bytes()),
        any::<i64>().prop_map(|n| json!({ "id": n, "answers": [{ "type": "residence.type", "text": "Townhome" }] })
            .to_string()
            .into_bytes()),
        ".{0,30}".prop_map(|s| json!({ "check_exchange_token": s }).to_string().into_bytes()),
    ];
    prop_oneof![Just(None), prop::collection::vec(any::<u8>(), 0..200).prop_map(Some), json_body.prop_map(Some),]
}

fn arb_now() -> impl Strategy<Value = i64> {
    prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0i64), T0..T0 + 3 * HOUR, any::<i64>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_request_gets_a_json_answer(
        reqs in prop::collection::vec((arb_method(), arb_url(), arb_headers(), arb_body(), arb_now()), 1..6),
        open in any::<bool>(),
    ) {
        let mut sb = if open { Sandbox::new(SandboxOptions::default()) } else { sandbox() };
        let _ = sb.create_id_check(IdCheckScenario::preset("pending_then_pass").unwrap().with_customer_id("c"), T0);
        for (method, url, headers, body, now) in reqs {
            let req = HttpRequest {
                method,
                url,
                headers: headers.into_iter().collect::<Headers>(),
                body,
            };
            let r = sb.handle(&req, now);
            prop_assert!((200..=599).contains(&r.status));
            prop_assert!(serde_json::from_slice::<Value>(&r.body).is_ok());
            let text = String::from_utf8_lossy(&r.body);
            prop_assert!(!text.contains(CKEY) && !text.contains(GKEY));
        }
    }
}

/// How many random scenarios were valid (the test checks it is not a handful).
static SERVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn random_scenarios_are_often_valid() {
    any_scenario_is_refused_or_served();
    let served = SERVED.load(std::sync::atomic::Ordering::Relaxed);
    assert!(served > 20);
}

fn arb_level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::Low), Just(Level::Medium), Just(Level::High)]
}

fn arb_date() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        3 => Just("1989-06-30".to_string()),
        3 => Just("2000-02-29T23:59:59.999-12:00".to_string()),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        1 => "\\PC{0,25}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any scenario is refused naming a field, or exchanged and served.
    #[test]
    fn any_scenario_is_refused_or_served(
        customer in prop_oneof![4 => Just("c".to_string()), 1 => "\\PC{0,300}", 1 => ".{0,5}"],
        first in prop_oneof![4 => Just("ANA".to_string()), 1 => ".{0,8}"],
        sex in prop::option::of(prop_oneof![3 => Just("f".to_string()), 1 => ".{0,2}"]),
        dob in arb_date(),
        expires in arb_date(),
        document in arb_level(),
        face in arb_level(),
        reasons in prop::collection::vec(prop_oneof![4 => 100u16..1000, 1 => any::<u16>()], 0..3),
        state in prop::sample::select(ScenarioState::ALL.to_vec()),
        complete_after_ms in prop::option::of(prop_oneof![0i64..100_000, any::<i64>()]),
        exchange_failures in 0u32..3,
        now in prop_oneof![4 => T0..T0 + HOUR, 1 => arb_now()],
    ) {
        let info = ScenarioInfo { first_name: first, sex, dob, expires_on: expires, ..ScenarioInfo::default() };
        let s = IdCheckScenario {
            customer_id: customer, document, face, reasons, info: Some(info), state, complete_after_ms, exchange_failures,
        };
        let mut sb = sandbox();
        match sb.create_id_check(s, now) {
            Err(e) => {
                prop_assert_eq!(e.code.as_str(), "INVALID_ARGUMENT");
                prop_assert!(e.field.is_some());
            }
            Ok(token) => {
                SERVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                for _ in 0..exchange_failures {
                    prop_assert_eq!(exchange(&mut sb, &token, now).status, 500);
                }
                let id = exchange_ok(&mut sb, &token, now);
                let later = now.saturating_add(1000);
                let r = get_check(&mut sb, &id, "?fields=sex,dob,address,expires_on", later);
                prop_assert!([200, 404, 410, 500].contains(&r.status));
                let v = body_json(&r);
                if r.status == 200 && v.get("error").is_none() {
                    let checked_on = v["checked_on"].as_str().unwrap_or_default();
                    prop_assert!(idv_edge::time::parse_rfc3339_ms(checked_on).is_some());
                    for f in ["dob", "expires_on"] {
                        let d = v["info"][f].as_str().unwrap_or_default();
                        prop_assert!(d.ends_with("T00:00:00Z") && idv_edge::time::parse_rfc3339_ms(d).is_some());
                    }
                }
            }
        }
    }
}
