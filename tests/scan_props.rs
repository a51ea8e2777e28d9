//! The fast path (`idv_edge::scan`) may only accept bodies that the full
//! validators accept, with the same interpretations and status: it can make a
//! call faster, never more permissive. Checked on generated bodies (valid,
//! odd and invalid members, duplicates, escapes, numbers in every form) and
//! on random byte mutations of them; and the fast path must take the plain
//! valid bodies (else it would be no faster). Where it accepts, the result
//! rebuilt from its slots as `src/bindings/build.js` does (slices of the body
//! as UTF-16, a string with escapes parsed from its literal) must be the full
//! validator's result.
#![cfg(not(target_arch = "wasm32"))]

use idv_edge::caisson::{parse_id_check, reason_interpretation_index};
use idv_edge::goldstar::{parse_verify_identity, qualifier_index, Status};
use idv_edge::scan::{date_time_valid, id_check_slots, outcome_slots, scan_id_check, scan_outcome, OutcomeStatus, ABSENT, ESCAPED};
use idv_edge::time::parse_rfc3339_ms;
use idv_edge::Headers;
use proptest::prelude::*;
use proptest::sample::select;

fn json_headers() -> Headers {
    [("Content-Type", "application/json")].into_iter().collect()
}

/// A JSON object from (key, raw JSON value) members; `None` values are left out.
fn obj(members: Vec<(&str, Option<String>)>) -> String {
    let inner: Vec<String> = members
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{}:{v}", serde_json::to_string(k).unwrap())))
        .collect();
    format!("{{{}}}", inner.join(","))
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

const ODD: &[&str] = &["null", "5", "true", "[]", "{}", "\"\"", "-0", "1.5"];

fn text(valid: bool) -> BoxedStrategy<Option<String>> {
    let plain = select(vec!["JAMIE", "O'Brien", "Zoë", "a b", "x", "😀 \u{2028} ü"]).prop_map(|s| Some(q(s)));
    if valid {
        return plain.boxed();
    }
    prop_oneof![
        4 => plain,
        1 => select(vec![r#""Zo\u00eb""#, r#""a\"b""#, r#""\ud83d\ude00""#, r#""\ud83d""#, "\"\u{1}\"", r#""\q""#, r#""""#])
            .prop_map(|s| Some(s.to_string())),
        1 => select(ODD.to_vec()).prop_map(|s| Some(s.to_string())),
        1 => Just(None),
    ]
    .boxed()
}

/// `check_id`: a check id the client could send back (1 to 256 of
/// `A-Z a-z 0-9 - _`, not an exchange token), or when `!valid` also other
/// strings and values.
fn check_id_text(valid: bool) -> BoxedStrategy<Option<String>> {
    let plain = select(vec!["chk_priv_SMgso2KGzXLxT2I-g7oD2w", "x", "A-_9"]).prop_map(|s| Some(q(s)));
    if valid {
        return plain.boxed();
    }
    prop_oneof![
        4 => plain,
        1 => select(vec!["chk_xchg_UeRXDryTTpvU24CTre8W2Q", "a b", "chk_priv_é", r#"chk_priv_\u0041"#]).prop_map(|s| Some(q(s))),
        2 => text(false),
    ]
    .boxed()
}

/// `dob`, `expires_on`: a date-time or an ISO date (`YYYY-MM-DD`).
fn day(valid: bool) -> BoxedStrategy<Option<String>> {
    let plain = prop_oneof![date(true), select(vec!["1989-06-30", "2000-02-29"]).prop_map(|s| Some(q(s)))];
    if valid {
        return plain.boxed();
    }
    prop_oneof![
        3 => plain,
        2 => date(false),
        1 => select(vec![r#""1989-02-30""#, r#""1989-6-30""#, r#""1989-06-30 ""#, r#""1989\u002d06-30""#, r#""+1989-06-30""#])
            .prop_map(|s| Some(s.to_string())),
    ]
    .boxed()
}

fn date(valid: bool) -> BoxedStrategy<Option<String>> {
    let plain = select(vec![
        "2019-07-19T15:00:42.274684-04:00",
        "1989-06-30T00:00:00Z",
        "2016-12-31T23:59:60Z",
    ])
    .prop_map(|s| Some(q(s)));
    if valid {
        return plain.boxed();
    }
    prop_oneof![
        3 => plain,
        1 => select(vec![r#""2019-02-30T00:00:00Z""#, r#""1989-06-30""#, r#""1989-06-30T00:00:00\u005a""#, "null", "0"])
            .prop_map(|s| Some(s.to_string())),
        1 => Just(None),
    ]
    .boxed()
}

fn level(valid: bool) -> BoxedStrategy<Option<String>> {
    let plain = select(vec!["high", "medium", "low"]).prop_map(|s| Some(q(s)));
    if valid {
        return plain.boxed();
    }
    prop_oneof![3 => plain, 1 => select(vec![r#""HIGH""#, r#""hig\u0068""#, "null", "1"]).prop_map(|s| Some(s.to_string())), 1 => Just(None)]
        .boxed()
}

fn code(valid: bool) -> BoxedStrategy<Option<String>> {
    let plain = select(vec!["101", "201", "308", "402", "150", "999", "0", "65535"]).prop_map(|s| Some(s.to_string()));
    if valid {
        return plain.boxed();
    }
    prop_oneof![
        3 => plain,
        1 => select(vec!["65536", "-0", "-1", "101.0", "1e2", "\"101\"", "null", "1E2", "99999999999999999999"]).prop_map(|s| Some(s.to_string())),
        1 => Just(None),
    ]
    .boxed()
}

fn reasons(valid: bool) -> BoxedStrategy<Option<String>> {
    let item = (code(valid), text(valid)).prop_map(|(c, d)| obj(vec![("code", c), ("description", d)]));
    let list = prop::collection::vec(item, 0..4).prop_map(|v| Some(format!("[{}]", v.join(","))));
    if valid {
        return list.boxed();
    }
    prop_oneof![4 => list, 1 => select(vec!["null", "{}", "[null]", "[1]"]).prop_map(|s| Some(s.to_string())), 1 => Just(None)].boxed()
}

/// Extra members: unknown keys, escaped keys, duplicates of known and unknown ones
/// (in the valid bodies, unknown keys once each).
fn extras(valid: bool, known: &'static [&'static str]) -> BoxedStrategy<Vec<(String, String)>> {
    let key = if valid {
        select(vec!["extra", "__proto__", "x_y"])
            .prop_map(str::to_string)
            .boxed()
    } else {
        prop_oneof![
            select(vec!["extra", "__proto__"]).prop_map(str::to_string),
            select(known.to_vec()).prop_map(str::to_string)
        ]
        .boxed()
    };
    let value = select(vec![
        "1",
        "null",
        "[1,{\"a\":[]}]",
        "\"s\"",
        "{\"b\":true}",
        "-1.5e-3",
        "\"high\"",
        "\"2019-07-19T15:00:42Z\"",
    ]);
    let extras = prop::collection::vec((key, value.prop_map(str::to_string)), 0..3);
    if valid {
        // A key twice is not valid (the full parser refuses it): one of each.
        return extras
            .prop_map(|mut v| {
                let mut seen = Vec::new();
                v.retain(|(k, _)| !seen.contains(k) && {
                    seen.push(k.clone());
                    true
                });
                v
            })
            .boxed();
    }
    extras.boxed()
}

fn with_extras(body: String, extras: Vec<(String, String)>, escaped_key: bool) -> String {
    let mut body = body;
    for (k, v) in extras {
        let k = if escaped_key { k.replacen('_', "\\u005f", 1) } else { k };
        body.insert_str(1, &format!("\"{k}\":{v},"));
    }
    body
}

fn id_check_body(valid: bool) -> impl Strategy<Value = String> {
    let confidence = (
        level(valid),
        level(valid),
        reasons(valid),
        extras(valid, &["document", "face", "reasons"]),
    )
        .prop_map(|(d, f, r, x)| {
            Some(with_extras(
                obj(vec![("document", d), ("face", f), ("reasons", r)]),
                x,
                false,
            ))
        });
    let address = prop_oneof![
        Just(None),
        Just(Some("null".to_string())),
        (text(valid), text(valid)).prop_map(|(a, b)| Some(obj(vec![
            ("street", a),
            ("city", b.clone()),
            ("state", b.clone()),
            ("zip", b)
        ]))),
    ];
    let info = (
        text(valid),
        text(valid),
        prop_oneof![Just(None), text(valid)],
        prop_oneof![Just(None), day(valid)],
        address,
    )
        .prop_map(|(f, l, s, d, a)| {
            Some(obj(vec![
                ("first_name", f),
                ("last_name", l),
                ("sex", s),
                ("dob", d),
                ("address", a),
            ]))
        });
    let error = if valid {
        Just(None).boxed()
    } else {
        prop_oneof![4 => Just(None), 1 => select(vec!["null", "\"NOT_VERIFIED\"", "5"]).prop_map(|s| Some(s.to_string()))].boxed()
    };
    (
        check_id_text(valid),
        text(valid),
        date(valid),
        confidence,
        info,
        error,
        extras(valid, &["check_id", "info", "error"]),
        any::<bool>(),
    )
        .prop_map(move |(c, cu, on, conf, info, err, x, esc)| {
            let body = obj(vec![
                ("check_id", c),
                ("customer_id", cu),
                ("checked_on", on),
                ("confidence", conf),
                ("info", info),
                ("error", err),
            ]);
            with_extras(body, x, esc && !valid)
        })
}

fn outcome_body(valid: bool) -> impl Strategy<Value = String> {
    let key = if valid {
        select(vec![
            "id.success",
            "id.failure",
            "result.questions.0.incorrect",
            " ID.Success ",
        ])
        .prop_map(|s| Some(q(s)))
        .boxed()
    } else {
        prop_oneof![
            3 => select(vec!["id.success", "id.failure", "id.error", " Id.Error", ""]).prop_map(|s| Some(q(s))),
            1 => select(vec![r#""id.succes\u0073""#, "null", "1"]).prop_map(|s| Some(s.to_string())),
            1 => Just(None),
        ]
        .boxed()
    };
    let verdict = if valid {
        select(vec!["pass", "fail", " PASS ", "Failed"])
            .prop_map(|s| Some(q(s)))
            .boxed()
    } else {
        prop_oneof![3 => select(vec!["pass", "fail", " Pass"]).prop_map(|s| Some(q(s))), 1 => select(vec![r#""p\u0061ss""#, "null", "3"]).prop_map(|s| Some(s.to_string())), 1 => Just(None)].boxed()
    };
    let id = if valid {
        select(vec!["\"12345\"", "\"abcDEF123\""])
            .prop_map(|s| Some(s.to_string()))
            .boxed()
    } else {
        prop_oneof![3 => select(vec!["\"12345\"", "12345", "90071992547409930001", "-5", "1.0", "\"\"", "\"a-b\"", "null"]).prop_map(|s| Some(s.to_string())), 1 => Just(None)].boxed()
    };
    let qual_key = select(vec![
        "resultcode.subject.deceased",
        "ssn.does.not.match",
        "RESULTCODE.COPPA.ALERT",
        "brand.new",
        "idphone.match",
    ]);
    let qual = (qual_key, prop_oneof![Just(None), text(valid)])
        .prop_map(|(k, m)| obj(vec![("Key", Some(q(k))), ("Message", m)]));
    let quals = prop_oneof![
        Just(None),
        prop::collection::vec(qual.clone(), 0..4).prop_map(|v| Some(format!("[{}]", v.join(",")))),
        qual.prop_map(Some),
        Just(Some("null".to_string())),
    ];
    let choice = text(valid).prop_map(|t| obj(vec![("Text", t)]));
    let question = (
        text(valid),
        select(vec!["city", "year"]),
        prop::collection::vec(choice, if valid { 1..3 } else { 0..3 }),
    )
        .prop_map(|(p, t, c)| {
            obj(vec![
                ("Prompt", p),
                ("Type", Some(q(t))),
                ("Choices", Some(format!("[{}]", c.join(",")))),
            ])
        });
    let questions = prop_oneof![
        Just(None),
        prop::collection::vec(question, 0..3).prop_map(|v| Some(format!("[{}]", v.join(","))))
    ];
    (
        key,
        verdict.clone(),
        prop_oneof![Just(None), verdict],
        id,
        quals,
        questions,
        extras(valid, &["Key", "Message", "Id"]),
    )
        .prop_map(|(k, m, s, id, qs, qn, x)| {
            with_extras(
                obj(vec![
                    ("Id", id),
                    ("Key", k),
                    ("Message", m),
                    ("Summary", s),
                    ("Qualifiers", qs),
                    ("Questions", qn),
                ]),
                x,
                false,
            )
        })
}

/// A random edit: flip, drop or insert a byte, or append trailing text.
fn mutate(body: String) -> impl Strategy<Value = Vec<u8>> {
    let len = body.len();
    (
        0..4u8,
        0..len.max(1),
        any::<u8>(),
        select(vec![
            b'"', b'\\', b',', b'}', b']', b' ', b'0', b'-', b'e', b'n', 0xC3, 0xFF,
        ]),
    )
        .prop_map(move |(op, at, byte, special)| {
            let mut b = body.clone().into_bytes();
            let c = if byte % 2 == 0 { byte } else { special };
            match op {
                0 if !b.is_empty() => b[at] = c,
                1 if !b.is_empty() => {
                    b.remove(at);
                }
                2 => b.insert(at, c),
                _ => b.extend_from_slice(b" x"),
            }
            b
        })
}

/// A string value from its two slots at `f[k]`, as build.js reads it: a
/// slice of the body decoded as UTF-16, or (with escapes) its JSON literal
/// parsed. `None` when the slots say absent.
fn slot_text(units: &[u16], f: &[u32], k: usize) -> Option<String> {
    let (start, end) = (f[k], f[k + 1]);
    if start == ABSENT {
        return None;
    }
    let start = start as usize;
    Some(if end >= ESCAPED {
        let literal = String::from_utf16(&units[start - 1..(end - ESCAPED) as usize + 1]).unwrap();
        serde_json::from_str(&literal).unwrap()
    } else {
        String::from_utf16(&units[start..end as usize]).unwrap()
    })
}

fn utf16(body: &[u8]) -> Vec<u16> {
    std::str::from_utf8(body).unwrap().encode_utf16().collect()
}

fn check_id_check(body: &[u8]) -> Result<(), TestCaseError> {
    use id_check_slots as at;
    let mut f = Vec::new();
    if scan_id_check(body, &mut f).is_some() {
        let r = parse_id_check(200, &json_headers(), body);
        prop_assert!(
            r.is_ok(),
            "fast path accepted what the validator refuses: {}",
            String::from_utf8_lossy(body)
        );
        let r = r.unwrap();
        let u = utf16(body);
        let t = |k| slot_text(&u, &f, k);
        let text = |k| t(k).unwrap_or_default();
        prop_assert_eq!(text(at::CHECK_ID), r.check_id.clone());
        prop_assert_eq!(text(at::CUSTOMER_ID), r.customer_id.clone());
        prop_assert_eq!(text(at::CHECKED_ON), r.checked_on.clone());
        prop_assert_eq!(text(at::DOCUMENT), r.confidence.document.as_str());
        prop_assert_eq!(text(at::FACE), r.confidence.face.as_str());
        prop_assert_eq!(text(at::FIRST_NAME), r.info.first_name.clone());
        prop_assert_eq!(text(at::LAST_NAME), r.info.last_name.clone());
        prop_assert_eq!(t(at::SEX), r.info.sex.clone());
        prop_assert_eq!(t(at::DOB), r.info.dob.clone());
        prop_assert_eq!(t(at::EXPIRES_ON), r.info.expires_on.clone());
        let address = t(at::STREET).map(|street| [street, text(at::STREET + 2), text(at::STREET + 4), text(at::STREET + 6)]);
        let want = r.info.address.as_ref().map(|a| [a.street.clone(), a.city.clone(), a.state.clone(), a.zip.clone()]);
        prop_assert_eq!(address, want);
        let count = r.confidence.reasons.as_ref().map_or(ABSENT, |v| v.len() as u32);
        prop_assert_eq!(f[at::REASON_COUNT], count);
        prop_assert_eq!(f.len(), at::REASONS + at::REASON_LEN * r.confidence.reasons().len());
        for (i, x) in r.confidence.reasons().iter().enumerate() {
            let k = at::REASONS + at::REASON_LEN * i;
            prop_assert_eq!(f[k], u32::from(x.code));
            prop_assert_eq!(f[k + 1], u32::from(reason_interpretation_index(x.code)));
            prop_assert_eq!(text(k + 2), x.description.clone());
        }
    }
    Ok(())
}

fn check_outcome(body: &[u8]) -> Result<(), TestCaseError> {
    use outcome_slots as at;
    let mut f = Vec::new();
    if let Some(status) = scan_outcome(body, &mut f) {
        let r = parse_verify_identity(200, &json_headers(), body);
        prop_assert!(
            r.is_ok(),
            "fast path accepted what the validator refuses: {}",
            String::from_utf8_lossy(body)
        );
        let o = r.unwrap();
        let want = match o.status {
            Status::Passed => OutcomeStatus::Passed,
            Status::Failed => OutcomeStatus::Failed,
            Status::Questions => OutcomeStatus::Questions,
        };
        prop_assert_eq!(status, want);
        prop_assert_eq!(f[at::STATUS], want as u32);
        let u = utf16(body);
        let t = |k| slot_text(&u, &f, k);
        prop_assert_eq!(t(at::ID), Some(o.id.clone()));
        prop_assert_eq!(t(at::KEY), Some(o.key.clone()));
        prop_assert_eq!(t(at::MESSAGE), Some(o.message.clone()));
        prop_assert_eq!(t(at::SUMMARY), o.summary.clone());
        // A list: its count at `f[at]`, or none when the slot is absent.
        let list = |slot: usize| -> (usize, usize) {
            match f[slot] {
                ABSENT => (0, 0),
                at => (f[at as usize] as usize, at as usize + 1),
            }
        };
        let (n, mut k) = list(at::QUALIFIERS_AT);
        prop_assert_eq!(n, o.qualifiers.len());
        for x in &o.qualifiers {
            prop_assert_eq!(f[k], u32::from(qualifier_index(&x.key) as u8));
            prop_assert_eq!(t(k + 1), Some(x.key.clone()));
            prop_assert_eq!(t(k + 3).unwrap_or_default(), x.message.clone());
            k += at::QUALIFIER_LEN;
        }
        let (n, mut k) = list(at::QUESTIONS_AT);
        prop_assert_eq!(n, o.questions.len());
        for x in &o.questions {
            prop_assert_eq!(t(k), Some(x.prompt.clone()));
            prop_assert_eq!(t(k + 2), Some(x.kind.clone()));
            prop_assert_eq!(f[k + 4] as usize, x.choices.len());
            k += 5;
            for c in &x.choices {
                prop_assert_eq!(t(k), Some(c.clone()));
                k += 2;
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn id_check_fast_path_implies_valid(body in id_check_body(false)) {
        check_id_check(body.as_bytes())?;
    }

    #[test]
    fn id_check_mutations(body in id_check_body(false).prop_flat_map(mutate)) {
        check_id_check(&body)?;
    }

    #[test]
    fn id_check_plain_bodies_take_the_fast_path(body in id_check_body(true)) {
        let mut idx = Vec::new();
        prop_assert!(scan_id_check(body.as_bytes(), &mut idx).is_some(), "{}", body);
        check_id_check(body.as_bytes())?;
    }

    #[test]
    fn outcome_fast_path_implies_valid(body in outcome_body(false)) {
        check_outcome(body.as_bytes())?;
    }

    #[test]
    fn outcome_mutations(body in outcome_body(false).prop_flat_map(mutate)) {
        check_outcome(&body)?;
    }

    #[test]
    fn outcome_plain_bodies_take_the_fast_path(body in outcome_body(true)) {
        let mut idx = Vec::new();
        prop_assert!(scan_outcome(body.as_bytes(), &mut idx).is_some(), "{}", body);
        check_outcome(body.as_bytes())?;
    }
}

/// Date-time-like strings near every edge of the grammar and the calendar:
/// years around leap rules, months and days past their ends, hours, minutes
/// and seconds past theirs (a leap second included), fractions, offsets,
/// odd separators (one multi-byte), then truncated or with one byte changed.
fn date_time_like() -> impl Strategy<Value = String> {
    let two = |hi: u32| (0..=hi).prop_map(|n| format!("{n:02}"));
    let parts = (
        select(vec!["2019", "1970", "1900", "2000", "2024", "2023", "2100", "0000", "0400", "9999", "19a9", "201"]),
        prop_oneof![two(13), Just("1x".to_string())],
        two(32),
        select(vec!["T", "t", " ", "_", "\u{e9}", ""]),
        two(25),
        two(61),
        two(61),
        select(vec!["", ".", ".0", ".274684", ".123456789012", ".5x"]),
        select(vec!["Z", "z", "+00:00", "-04:00", "+23:59", "-24:00", "+00:60", "+0400", "", "Zz", "+4:00", "-04:00 "]),
    )
        .prop_map(|(y, mo, d, sep, h, mi, s, f, off)| {
            format!("{y}-{mo}-{d}{sep}{h}:{mi}:{s}{f}{off}")
        });
    (parts, 0usize..40, any::<u8>(), 0u8..3).prop_map(|(s, at, byte, how)| match how {
        0 => s,
        1 => s.chars().take(at).collect(),
        _ => {
            let mut b = s.into_bytes();
            if !b.is_empty() {
                let at = at % b.len();
                b[at] = byte;
            }
            String::from_utf8_lossy(&b).into_owned()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20000))]

    /// The scan's date-time check (a quick path, then `parse_rfc3339_ms` for
    /// the rest) answers exactly what `parse_rfc3339_ms` answers.
    #[test]
    fn scan_date_times_agree_with_the_parser(s in date_time_like()) {
        prop_assert_eq!(date_time_valid(&s), parse_rfc3339_ms(&s).is_some(), "{:?}", s);
    }
}

#[test]
fn scan_date_times_edges() {
    for (s, ok) in [
        ("2019-07-19T15:00:42.274684-04:00", true),
        ("2024-02-29T00:00:00Z", true),
        ("2023-02-29T00:00:00Z", false),
        ("1900-02-29T00:00:00Z", false),
        ("2000-02-29T00:00:00Z", true),
        ("2016-12-31T23:59:60Z", true),
        ("2016-12-31T22:59:60Z", false),
        ("2019-07-19T15:00:42.Z", false),
        ("2019-07-19T15:00:42+24:00", false),
        ("2019-07-19 15:00:42z", true),
        ("0000-01-01T00:00:00Z", true),
        ("9999-12-31T23:59:59.999999999999-23:59", true),
    ] {
        assert_eq!(date_time_valid(s), ok, "{s}");
        assert_eq!(parse_rfc3339_ms(s).is_some(), ok, "{s}");
    }
}

#[test]
fn nesting_and_size_limits_are_left_to_the_validator() {
    let deep = format!("{{\"x\":{}{}, \"check_id\": \"a\"}}", "[".repeat(200), "]".repeat(200));
    assert!(scan_id_check(deep.as_bytes(), &mut Vec::new()).is_none());
    let bom = b"\xEF\xBB\xBF{}";
    assert!(scan_id_check(bom, &mut Vec::new()).is_none());
}

/// A key twice in any object, known or not, at any depth: the scan is not
/// sure (the full parser refuses the body), where once each it is.
#[test]
fn a_key_twice_is_left_to_the_full_parser() {
    let id_check = r#"{"check_id":"chk_priv_a","customer_id":"c","checked_on":"2019-07-19T15:00:42Z","confidence":{"document":"high","face":"high"},"info":{"first_name":"A","last_name":"B"}}"#;
    let outcome = r#"{"Id":"1","Key":"id.failure","Message":"Fail","Summary":"fail","Qualifiers":[{"Key":"a","Message":"m"}]}"#;
    let mut f = Vec::new();
    assert!(scan_id_check(id_check.as_bytes(), &mut f).is_some());
    assert!(scan_outcome(outcome.as_bytes(), &mut f).is_some());
    for (from, to) in [
        (r#""customer_id""#, r#""customer_id":"x","customer_id""#),
        (r#""face""#, r#""face":"low","face""#),
        (r#""first_name""#, r#""z":1,"z":[1],"first_name""#),
        (r#""info""#, r#""x":{"y":{"q":1,"q":2}},"info""#),
    ] {
        let b = id_check.replacen(from, to, 1);
        assert!(scan_id_check(b.as_bytes(), &mut f).is_none(), "{b}");
        let e = parse_id_check(200, &json_headers(), b.as_bytes()).unwrap_err();
        assert_eq!(e.code, idv_edge::ErrorCode::InvalidResponse, "{b}");
    }
    for (from, to) in [
        (r#""Summary""#, r#""Summary":"pass","Summary""#),
        (r#""Key":"a""#, r#""Key":"a","Key":"b""#),
        (r#""Id""#, r#""u":null,"u":null,"Id""#),
    ] {
        let b = outcome.replacen(from, to, 1);
        assert!(scan_outcome(b.as_bytes(), &mut f).is_none(), "{b}");
        let e = parse_verify_identity(200, &json_headers(), b.as_bytes()).unwrap_err();
        assert_eq!(e.code, idv_edge::ErrorCode::InvalidResponse, "{b}");
    }
    // 32 distinct keys in one object are scanned; a 33rd is left to the full parser.
    let keys = |n: usize| (0..n).map(|i| format!(r#""k{i}":0,"#)).collect::<String>();
    let b = id_check.replacen('{', &format!("{{{}", keys(27)), 1);
    assert!(scan_id_check(b.as_bytes(), &mut f).is_some());
    let b = id_check.replacen('{', &format!("{{{}", keys(28)), 1);
    assert!(scan_id_check(b.as_bytes(), &mut f).is_none());
    check_id_check(b.as_bytes()).unwrap();
}
