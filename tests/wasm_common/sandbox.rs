//! Both clients against the JS `Sandbox`'s `fetch` (the binding, not a fake):
//! every Caisson state and error code, the time windows driven by
//! `advanceTime`, and the Goldstar flows. Run in Node and in headless Chrome.

use js_sys::{Array, Function, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use idv_edge::bindings::{CaissonClient, GoldstarClient, JsSandbox};

use super::*;

const CKEY: &str = "sk_sandbox_caisson_wasm";
const GKEY: &str = "gs_sandbox_goldstar_wasm";
const T0: &str = "2026-06-01T12:00:00Z";
const DOMAIN: &str = "qaservices.goldstartrust.com";

struct World {
    sandbox: JsSandbox,
    caisson: CaissonClient,
    goldstar: GoldstarClient,
}

fn world() -> World {
    let init = obj(&[("caissonApiKey", CKEY.into()), ("goldstarApiKey", GKEY.into()), ("now", T0.into())]);
    let sandbox = JsSandbox::new(Some(init.unchecked_into())).expect("Sandbox");
    let fetch: Function = sandbox.fetch();
    let c = obj(&[("apiKey", CKEY.into()), ("fetch", fetch.clone().into()), ("maxRetries", JsValue::from(1))]);
    let g = obj(&[("apiKey", GKEY.into()), ("domain", DOMAIN.into()), ("fetch", fetch.into())]);
    let caisson = CaissonClient::new(with_browser_flag(&c).clone().unchecked_into()).expect("CaissonClient");
    let goldstar = GoldstarClient::new(with_browser_flag(&g).clone().unchecked_into()).expect("GoldstarClient");
    World { sandbox, caisson, goldstar }
}

fn create(w: &World, pairs: &[(&str, JsValue)]) -> String {
    let mut all = vec![("customerId", JsValue::from_str("user_7"))];
    all.extend(pairs.iter().cloned());
    let created = w.sandbox.create_id_check(obj(&all).unchecked_into()).expect("createIdCheck");
    get_str(&created, "check_exchange_token")
}

async fn exchange(w: &World, token: &str) -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(w.caisson.exchange_token(token.into(), None)).await
}

async fn get_check(w: &World, check_id: &str, fields: &[&str]) -> Result<JsValue, JsValue> {
    let opts = obj(&[("fields", strs(fields))]);
    wasm_bindgen_futures::JsFuture::from(w.caisson.get_id_check(check_id.into(), Some(opts.unchecked_into()))).await
}

fn person(ssn: &str) -> JsValue {
    obj(&[
        ("firstname", "Jamie".into()),
        ("lastname", "Doe".into()),
        ("address", "1 Main St".into()),
        ("city", "Atlanta".into()),
        ("state", "ga".into()),
        ("zip", "30318".into()),
        ("taxpayerID", ssn.into()),
        ("birthMonth", JsValue::from(6)),
        ("birthDay", JsValue::from(30)),
        ("birthYear", JsValue::from(1989)),
    ])
    .into()
}

pub async fn sandbox_caisson_clean_pass_with_fields() {
    let w = world();
    let token = create(&w, &[("preset", "clean_pass".into())]);
    assert!(token.starts_with("chk_xchg_") && token.len() == 31, "{token}");
    let ex = exchange(&w, &token).await.expect("exchange");
    let check_id = get_str(&ex, "check_id");
    let r = get_check(&w, &check_id, &["sex", "dob", "address", "expires_on"]).await.expect("getIdCheck");
    assert_eq!(get_str(&r, "customer_id"), "user_7");
    assert_eq!(at_str(&r, "info.first_name"), "JAMIE");
    assert_eq!(at_str(&r, "info.dob"), "1989-06-30T00:00:00Z");
    assert_eq!(at_str(&r, "info.address.zip"), "10001");
    assert_eq!(array_len(&at(&r, "confidence.reasons")), 0);
    let policy = obj(&[("expectedCustomerId", "user_7".into()), ("maxAgeSeconds", JsValue::from(600)), ("now", T0.into())]);
    let a = idv_edge::bindings::assess_id_check(r, Some(policy.unchecked_into())).expect("assess");
    assert_eq!(get_str(&a, "decision"), "approve");
}

pub async fn sandbox_caisson_fields_filter() {
    let w = world();
    let token = create(&w, &[]);
    let check_id = get_str(&exchange(&w, &token).await.expect("exchange"), "check_id");
    let r = get_check(&w, &check_id, &["sex"]).await.expect("getIdCheck");
    let info = get(&r, "info");
    let mut k = keys(&info);
    k.sort();
    assert_eq!(k, vec!["first_name", "last_name", "sex"]);
}

pub async fn sandbox_caisson_presets_interpreted() {
    let w = world();
    for (preset, code, category, decision) in [
        ("blurry_selfie", 201.0, "selfie", "review"),
        ("face_not_found", 202.0, "selfie", "decline"),
        ("expired_licence", 308.0, "document", "decline"),
        ("name_mismatch", 101.0, "data_mismatch", "review"),
        ("barcode_unreadable", 402.0, "barcode", "decline"),
    ] {
        let token = create(&w, &[("preset", preset.into())]);
        let check_id = get_str(&exchange(&w, &token).await.expect("exchange"), "check_id");
        let r = get_check(&w, &check_id, &["expires_on"]).await.expect("getIdCheck");
        let reason = Array::from(&at(&r, "confidence.reasons")).get(0);
        assert_eq!(get(&reason, "code").as_f64(), Some(code), "{preset}");
        assert_eq!(get_str(&reason, "category"), category, "{preset}");
        let policy = obj(&[("now", T0.into())]);
        let a = idv_edge::bindings::assess_id_check(r, Some(policy.unchecked_into())).expect("assess");
        assert_eq!(get_str(&a, "decision"), decision, "{preset}");
    }
}

pub async fn sandbox_caisson_every_error_code() {
    let w = world();
    for (state, code, status_, retryable_) in [
        ("pending", "NOT_VERIFIED", 200.0, true),
        ("pending_review", "PENDING_REVIEW", 200.0, true),
        ("deleted", "IDCHECK_DELETED", 404.0, false),
        ("expired", "IDCHECK_EXPIRED", 410.0, false),
        ("internal_error", "INTERNAL_ERROR", 500.0, true),
    ] {
        let token = create(&w, &[("state", state.into())]);
        let check_id = get_str(&exchange(&w, &token).await.expect("exchange"), "check_id");
        let e = get_check(&w, &check_id, &[]).await.expect_err(state);
        expect_error(&e, "caisson", code, &[CKEY, &check_id]);
        assert_eq!(super::status(&e), Some(status_), "{state}");
        assert_eq!(retryable(&e), retryable_, "{state}");
        assert!(get(&e, "description").is_string(), "{state}: description");
    }
    // INVALID_INPUT: an unknown token; UNAUTHORIZED: a wrong key.
    let e = exchange(&w, "chk_xchg_AAAAAAAAAAAAAAAAAAAAAA").await.expect_err("unknown token");
    expect_error(&e, "caisson", "INVALID_INPUT", &[CKEY]);
    let bad = obj(&[("apiKey", "sk_wrong_wrong".into()), ("fetch", w.sandbox.fetch().into())]);
    let wrong = CaissonClient::new(with_browser_flag(&bad).clone().unchecked_into()).expect("client");
    let token = create(&w, &[]);
    let e = wasm_bindgen_futures::JsFuture::from(wrong.exchange_token(token.as_str().into(), None)).await.expect_err("401");
    expect_error(&e, "caisson", "UNAUTHORIZED", &["sk_wrong_wrong"]);
    assert_eq!(status(&e), Some(401.0));
}

pub async fn sandbox_caisson_time_windows() {
    let w = world();
    // The 2-hour exchange window, at its bound and 1 ms past it.
    let on_time = create(&w, &[]);
    let late = create(&w, &[]);
    w.sandbox.advance_time(JsValue::from(2.0 * 3_600_000.0)).expect("advanceTime");
    let first = get_str(&exchange(&w, &on_time).await.expect("at exactly 2 h"), "check_id");
    w.sandbox.advance_time(JsValue::from(1.0)).expect("advanceTime");
    let e = exchange(&w, &late).await.expect_err("past 2 h");
    // The exchange's doc lists INTERNAL_ERROR and INVALID_INPUT only.
    expect_error(&e, "caisson", "INVALID_INPUT", &[CKEY]);
    assert_eq!(status(&e), Some(400.0));
    // The 5-minute grace after the first exchange returns the same id, then ends.
    w.sandbox.advance_time(JsValue::from(5.0 * 60_000.0 - 1.0)).expect("advanceTime");
    assert_eq!(get_str(&exchange(&w, &on_time).await.expect("within grace"), "check_id"), first);
    w.sandbox.advance_time(JsValue::from(1.0)).expect("advanceTime");
    let e = exchange(&w, &on_time).await.expect_err("after grace");
    expect_error(&e, "caisson", "INVALID_INPUT", &[CKEY]);
    // The check id itself still reads.
    assert_eq!(get_str(&get_check(&w, &first, &[]).await.expect("read"), "check_id"), first);
}

pub async fn sandbox_caisson_pending_then_complete() {
    let w = world();
    let token = create(&w, &[("preset", "pending_then_pass".into())]);
    let check_id = get_str(&exchange(&w, &token).await.expect("exchange"), "check_id");
    let e = get_check(&w, &check_id, &[]).await.expect_err("pending");
    expect_error(&e, "caisson", "NOT_VERIFIED", &[CKEY]);
    w.sandbox.advance_time(JsValue::from(30_000.0)).expect("advanceTime");
    assert_eq!(get_str(&get_check(&w, &check_id, &[]).await.expect("complete"), "check_id"), check_id);
}

pub async fn sandbox_bad_scenarios_name_the_field() {
    let w = world();
    for (pairs, field_name) in [
        (vec![("customerId", JsValue::from_str(""))], "customerId"),
        (vec![("customerId", "u".into()), ("face", "blurry".into())], "face"),
        (vec![("customerId", "u".into()), ("preset", "nope".into())], "preset"),
        (vec![("customerId", "u".into()), ("state", "gone".into())], "state"),
        (vec![("customerId", "u".into()), ("info", obj(&[("dob", "30/06/1989".into())]).into())], "info.dob"),
    ] {
        let e = w.sandbox.create_id_check(obj(&pairs).unchecked_into()).expect_err(field_name);
        expect_invalid_argument(&e, "caisson", field_name, &[]);
    }
    // A number of milliseconds, not what JavaScript would coerce to one.
    for bad in [JsValue::from(-1.0), JsValue::from("10"), JsValue::TRUE, JsValue::NULL, JsValue::UNDEFINED] {
        let e = w.sandbox.advance_time(bad).expect_err("not a number of ms");
        expect_error(&e, "caisson", "INVALID_ARGUMENT", &[]);
    }
}

pub async fn sandbox_goldstar_pass_hard_soft_and_answers() {
    let w = world();
    let pass = ok(w.goldstar.verify_identity(person("555-01-0001"), None)).await;
    assert_eq!(get_str(&pass, "status"), "passed");
    let hard = ok(w.goldstar.verify_identity(person("555-01-0102"), None)).await;
    assert_eq!(get_str(&hard, "status"), "failed");
    let q0 = Array::from(&get(&hard, "qualifiers")).get(0);
    assert_eq!(get_str(&q0, "severity"), "hard_stop");
    let soft = ok(w.goldstar.verify_identity(person("555010201"), None)).await;
    assert_eq!(get_str(&soft, "status"), "questions");
    let questions = get(&soft, "questions");
    assert_eq!(array_len(&questions), 4);
    let correct = |t: &str| match t {
        "residence.type" => "Single Family Residence",
        "person.not.known" => "LUIS PEREIRA",
        "city.of.residence" => "THORNTON",
        "prior.residence.state.multiyear" => "KENTUCKY",
        _ => "None of the above",
    };
    let answers: Array = Array::from(&questions)
        .iter()
        .map(|q| {
            let t = get_str(&q, "type");
            JsValue::from(obj(&[("type", t.as_str().into()), ("text", correct(&t).into())]))
        })
        .collect();
    let id = get(&soft, "id");
    let passed = ok(w.goldstar.verify_answers(id.clone(), answers.into(), Some(questions.clone()), None)).await;
    assert_eq!(get_str(&passed, "status"), "passed");
    assert_eq!(get_str(&passed, "summary"), "pass");
    assert_eq!(get_str(&passed, "key"), "result.questions.0.incorrect");
    assert_ne!(get_str(&passed, "id"), get_str(&soft, "id"), "a new transaction id");
    // A second answer to the same session is refused (409 -> BAD_REQUEST).
    let again: Array = Array::from(&questions)
        .iter()
        .map(|q| JsValue::from(obj(&[("type", get(&q, "type")), ("text", "None of the above".into())])))
        .collect();
    let e = fails(w.goldstar.verify_answers(id, again.into(), None, None)).await;
    expect_error(&e, "goldstar", "BAD_REQUEST", &[GKEY]);
    assert_eq!(status(&e), Some(409.0));
}

pub async fn sandbox_goldstar_errors() {
    let w = world();
    let e = fails(w.goldstar.verify_identity(person("555-01-0901"), None)).await;
    expect_error(&e, "goldstar", "BAD_REQUEST", &[GKEY, "555-01-0901"]);
    let e = fails(w.goldstar.verify_identity(person("555-01-0902"), None)).await;
    expect_error(&e, "goldstar", "SERVER_ERROR", &[GKEY, "555-01-0902"]);
    let answers: Array = [JsValue::from(obj(&[("type", "residence.type".into()), ("text", "Townhome".into())]))].into_iter().collect();
    let e = fails(w.goldstar.verify_answers("1234567890".into(), answers.into(), None, None)).await;
    expect_error(&e, "goldstar", "NOT_FOUND", &[GKEY]);
    let big = ok(w.goldstar.verify_identity(person("555-01-0003"), None)).await;
    let id = get_str(&big, "id");
    assert!(id.len() == 20 && id.starts_with("9007199254"), "{id}");
    assert!(ok(w.goldstar.ping(None)).await.is_string());
    let _ = Object::new();
}
