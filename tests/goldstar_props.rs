#![cfg(not(target_arch = "wasm32"))]
//! Goldstar properties: valid people always build a doc-shaped body that
//! validates again; the parsers never panic on any input; no error text ever
//! carries a string planted in a request or a response.

use idv_edge::goldstar::{parse_ping, parse_verify_answers, parse_verify_identity, Answer, Goldstar, Person, Question};
use idv_edge::time::{is_calendar_date, parse_rfc3339_ms};
use idv_edge::{Headers, IdvError};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const STATES: [&str; 62] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
    "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
    "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW",
    "AA", "AE", "AP",
];

const DOC_KEYS: [&str; 10] =
    ["address", "birthDay", "birthMonth", "birthYear", "city", "firstname", "lastname", "state", "taxpayerID", "zip"];

fn now() -> i64 {
    parse_rfc3339_ms("2026-06-15T12:00:00Z").unwrap()
}

fn gs() -> Goldstar {
    Goldstar::new("k-123", "qaservices.goldstartrust.com", None, &[]).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    // Surrounding spaces are trimmed; a tab or line break is a control character, refused.
    ("[ ]{0,2}", "[A-Za-zÀ-ž][A-Za-zÀ-ž0-9 .'#,-]{0,98}", "[ ]{0,2}").prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

fn state() -> impl Strategy<Value = String> {
    (prop::sample::select(STATES.to_vec()), any::<[bool; 2]>()).prop_map(|(s, lower)| {
        s.chars().zip(lower).map(|(c, l)| if l { c.to_ascii_lowercase() } else { c }).collect()
    })
}

fn zip() -> impl Strategy<Value = String> {
    (1u32..=99_999, prop::option::of(0u32..=9_999), any::<bool>()).prop_map(|(z, p, dash)| match p {
        None => format!("{z:05}"),
        Some(p) if dash => format!("{z:05}-{p:04}"),
        Some(p) => format!("{z:05}{p:04}"),
    })
}

fn ssn() -> impl Strategy<Value = String> {
    ((1u32..=899).prop_filter("666", |a| *a != 666), 1u32..=99, 1u32..=9_999, any::<bool>()).prop_map(|(a, g, s, dash)| {
        if dash {
            format!("{a:03}-{g:02}-{s:04}")
        } else {
            format!("{a:03}{g:02}{s:04}")
        }
    })
}

fn birth() -> impl Strategy<Value = (i32, u32, u32)> {
    (1900i32..=2026, 1u32..=12, 1u32..=31).prop_filter("a real past date", |&(y, m, d)| {
        is_calendar_date(y, m as u8, d as u8) && (y, m, d) <= (2026, 6, 15)
    })
}

fn person() -> impl Strategy<Value = Person> {
    (text(), text(), text(), text(), state(), zip(), ssn(), birth()).prop_map(
        |(firstname, lastname, address, city, state, zip, taxpayer_id, (y, m, d))| Person {
            firstname,
            lastname,
            address,
            city,
            state,
            zip,
            taxpayer_id,
            birth_month: m,
            birth_day: d,
            birth_year: y,
        },
    )
}

/// Any JSON, with the envelope's own names common among keys and strings.
fn json_value() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "Id", "Key", "Message", "Summary", "Qualifiers", "Questions", "Prompt", "Type", "Choices", "Text", "ModelState",
        "id.success", "id.failure", "id.error", "pass", "PASS", "fail", "resultcode.subject.deceased", "person.firstname",
        "2015-03-20T13:50:10.0370495-05:00",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[0-9]{1,40}".prop_map(|d| serde_json::from_str(&d).unwrap_or(Value::Null)),
        "\\PC{0,12}".prop_map(Value::from),
        words.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop_oneof![words.clone().prop_map(String::from), "\\PC{0,8}"], inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        prop::sample::select(vec![200u16, 201, 204, 400, 401, 404, 405, 408, 409, 422, 429, 500, 503]),
        any::<u16>(),
    ]
}

fn headers() -> impl Strategy<Value = Headers> {
    prop::sample::select(vec![None, Some("application/json"), Some("text/json; charset=utf-8"), Some("text/html"), Some("")])
        .prop_map(|ct| {
            let mut h = Headers::new();
            if let Some(ct) = ct {
                h.set("Content-Type", ct);
            }
            h
        })
}

/// Every parser on the input; each error carries the status it was given.
fn parse_all(status: u16, h: &Headers, body: &[u8]) -> Vec<IdvError> {
    let mut errs = Vec::new();
    if let Err(e) = parse_ping(status, h, body) {
        errs.push(e);
    }
    if let Err(e) = parse_verify_identity(status, h, body) {
        errs.push(e);
    }
    if let Err(e) = parse_verify_answers(status, h, body) {
        errs.push(e);
    }
    for e in &errs {
        assert_eq!(e.status, Some(status), "{e:?}");
        assert_eq!(e.api, idv_edge::Api::Goldstar);
    }
    errs
}

fn all_text(e: &IdvError) -> String {
    format!("{e} {e:?} {}", e.message())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_people_build_doc_bodies_that_validate_again(p in person()) {
        let req = gs().verify_identity_request(&p, now()).unwrap();
        let body: Value = serde_json::from_slice(req.body.as_ref().unwrap()).unwrap();
        let obj = body.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        prop_assert_eq!(keys, DOC_KEYS.to_vec());
        for k in ["firstname", "lastname", "address", "city", "state", "zip", "taxpayerID"] {
            prop_assert!(obj[k].is_string(), "{}", k);
        }
        for k in ["birthMonth", "birthDay", "birthYear"] {
            prop_assert!(obj[k].is_u64(), "{}", k);
        }
        prop_assert_eq!(obj["firstname"].as_str().unwrap(), p.firstname.trim_matches(' '));
        prop_assert_eq!(obj["state"].as_str().unwrap(), p.state.to_ascii_uppercase());
        let tin = obj["taxpayerID"].as_str().unwrap();
        prop_assert!(tin.len() == 9 && tin.bytes().all(|b| b.is_ascii_digit()));
        prop_assert_eq!(tin, p.taxpayer_id.replace('-', ""));
        // The body, read back as a Person, is valid and builds the same body.
        let again: Person = serde_json::from_value(body.clone()).unwrap();
        let req2 = gs().verify_identity_request(&again, now()).unwrap();
        prop_assert_eq!(req2.body, req.body);
    }

    #[test]
    fn any_bytes_never_panic(status in status(), h in headers(), body in prop::collection::vec(any::<u8>(), 0..300)) {
        parse_all(status, &h, &body);
    }

    #[test]
    fn any_json_never_panics(status in status(), h in headers(), v in json_value()) {
        parse_all(status, &h, v.to_string().as_bytes());
    }

    #[test]
    fn planted_strings_never_reach_error_text(
        status in status(),
        h in headers(),
        plant in "[a-z]{16}",
        slot in 0usize..14,
        broken in 0usize..6,
    ) {
        let plant = format!("zq{plant}");
        let mut body = json!({
            "Id": "1199927326", "Key": "id.failure", "Message": "FAIL", "Summary": "fail",
            "Qualifiers": [{"Key": "resultcode.thin.file", "Message": "Thin File"}],
            "Questions": [{"Prompt": "p", "Type": "t", "Choices": [{"Text": "a"}]}],
            "ModelState": {"person.firstname": ["bad"]}
        });
        let p = Value::from(plant.clone());
        match slot {
            0 => body["Message"] = p,
            1 => body["Summary"] = p,
            2 => body["Key"] = p,
            3 => body["Id"] = Value::from(format!("{plant}!")),
            4 => body["Qualifiers"][0]["Message"] = p,
            5 => body["Qualifiers"][0]["Key"] = p,
            6 => body["Questions"][0]["Prompt"] = p,
            7 => body["Questions"][0]["Type"] = p,
            8 => body["Questions"][0]["Choices"][0]["Text"] = p,
            9 => body["ModelState"]["person.firstname"] = json!([p]),
            10 => { body["Key"] = Value::from("id.error"); body["Message"] = p; }
            11 => body = p,
            12 => body["Message"] = json!({ "nested": p }),
            _ => body["Qualifiers"] = json!([{ "Key": "x", "Message": { "deep": [p] } }]),
        }
        // Break something else so that success bodies fail too.
        match broken {
            _ if !body.is_object() => {}
            0 => {}
            1 => body["Id"] = Value::from(1.5),
            2 => body["Questions"] = Value::from(3),
            3 => body["Qualifiers"] = json!([{"Message": "no key"}]),
            4 => body["Questions"] = json!([{"Prompt": "p", "Type": "t", "Choices": []}]),
            _ => body["Key"] = Value::Null,
        }
        for e in parse_all(status, &h, body.to_string().as_bytes()) {
            prop_assert!(!all_text(&e).contains(&plant), "{}", all_text(&e));
            prop_assert!(!e.fields.iter().any(|f| f.contains(&plant)));
        }
    }

    #[test]
    fn planted_strings_never_reach_argument_errors(
        p in person(),
        plant in "[a-z]{16}",
        slot in 0usize..11,
    ) {
        let plant = format!("zq{plant}");
        let mut p = p;
        let mut answers = vec![Answer { kind: "t".into(), text: "a".into() }];
        let questions = vec![Question { prompt: "p".into(), kind: "t".into(), choices: vec!["a".into()] }];
        let mut id = "1199927326".to_string();
        match slot {
            0 => p.firstname = format!("{plant}\u{7}"),
            1 => p.lastname = plant.repeat(7),
            2 => p.address = format!("{plant}\r\nX-Injected: 1"),
            3 => p.city = format!("\u{0}{plant}"),
            4 => p.state = plant.clone(),
            5 => p.zip = plant.clone(),
            6 => p.taxpayer_id = plant.clone(),
            7 => answers[0].text = plant.clone(),
            8 => answers[0].kind = plant.clone(),
            9 => id = format!("{plant}/"),
            _ => answers.push(Answer { kind: plant.clone(), text: plant.clone() }),
        }
        let e = if slot < 7 {
            gs().verify_identity_request(&p, now()).unwrap_err()
        } else {
            gs().verify_answers_request(&id, &answers, Some(&questions)).unwrap_err()
        };
        prop_assert!(!all_text(&e).contains(&plant), "{}", all_text(&e));
    }
}
