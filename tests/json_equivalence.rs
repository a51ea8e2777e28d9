//! `idv_edge::json_parse` must read JSON exactly as `serde_json::from_slice::<Value>`
//! (with `arbitrary_precision`) does: the same value, or an error at the same
//! line and column with the same end-of-input classification (the
//! validators' error messages are made of those). Checked on generated
//! documents, on random byte edits of them, and on short random strings.
//!
//! Two differences on purpose:
//! - serde_json reads an object whose first key is its private number token
//!   as a number; `json_parse` reads it as the object it is. So serde_json is
//!   given the document with the token renamed to a key of the same length
//!   (the same positions), and our value is compared with that key renamed
//!   back.
//! - `json_parse` refuses an object with a member name twice, where
//!   serde_json keeps the last value. So serde_json also reads each document
//!   into [`Unique`], which fails at the first repeated name, and there our
//!   error must be a `duplicate` one at the same line and column.
#![cfg(not(target_arch = "wasm32"))]

use idv_edge::json_parse::parse_value;
use proptest::prelude::*;
use serde_json::{json, Value};

const TOKEN: &[u8] = b"$serde_json::private::Number";
const STAND_IN: &[u8] = b"$serde_json::private::NUMBER";

fn stand_in(b: &[u8]) -> Vec<u8> {
    let mut out = b.to_vec();
    let mut i = 0;
    while i + TOKEN.len() <= out.len() {
        if &out[i..i + TOKEN.len()] == TOKEN {
            out[i..i + TOKEN.len()].copy_from_slice(STAND_IN);
            i += TOKEN.len();
        } else {
            i += 1;
        }
    }
    out
}

/// `v` as `stand_in` would have it: the token renamed in every key and string.
fn renamed(v: Value) -> Value {
    let swap = |s: String| s.replace("$serde_json::private::Number", "$serde_json::private::NUMBER");
    match v {
        Value::String(s) => Value::String(swap(s)),
        Value::Array(a) => Value::Array(a.into_iter().map(renamed).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (swap(k), renamed(v))).collect()),
        other => other,
    }
}

/// Any JSON document whose objects have no member name twice: serde_json's
/// reader with a visitor that fails at the first repeated name (a `Data`
/// error, positioned just after that name, as serde_json places a visitor's
/// errors).
struct Unique;

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        d.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueVisitor {
    type Value = Unique;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut names = std::collections::HashSet::new();
        while let Some(k) = map.next_key::<String>()? {
            if !names.insert(k) {
                return Err(serde::de::Error::custom("a member name twice"));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

fn same(b: &[u8]) -> Result<(), TestCaseError> {
    let ours = parse_value(b).map(renamed);
    if let Err(t) = serde_json::from_slice::<Unique>(&stand_in(b)) {
        if t.classify() == serde_json::error::Category::Data {
            let a = ours.as_ref().err();
            // serde_json places the error where it stopped reading: past the
            // spaces after the name (ours too) and past a `}` there, which its
            // `end_map` still eats.
            let at = a.map(|a| {
                let line_start = b.split(|&c| c == b'\n').take(a.line - 1).map(|l| l.len() + 1).sum::<usize>();
                let brace = b.get(line_start + a.column) == Some(&b'}');
                (a.line, a.column + usize::from(brace), a.eof, a.duplicate)
            });
            prop_assert_eq!(at, Some((t.line(), t.column(), false, true)), "{:?}", String::from_utf8_lossy(b));
            return Ok(());
        }
    }
    prop_assert!(!ours.as_ref().is_err_and(|a| a.duplicate), "{:?}: a duplicate only we see", String::from_utf8_lossy(b));
    let theirs = serde_json::from_slice::<Value>(&stand_in(b));
    match (&ours, &theirs) {
        (Ok(a), Ok(t)) => prop_assert_eq!(a, t, "{:?}", String::from_utf8_lossy(b)),
        (Err(a), Err(t)) => {
            let want = (t.line(), t.column(), t.classify() == serde_json::error::Category::Eof);
            prop_assert_eq!(
                (a.line, a.column, a.eof),
                want,
                "{:?}: {}",
                String::from_utf8_lossy(b),
                t
            );
        }
        _ => prop_assert!(
            false,
            "{:?}: ours {:?}, serde_json {:?}",
            String::from_utf8_lossy(b),
            ours,
            theirs.map(|_| ())
        ),
    }
    Ok(())
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        "-?(0|[1-9][0-9]{0,22})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?",
        "\"([a-z é\u{1F600}]|\\\\[nrt\"\\\\/bf]|\\\\u00[0-9a-f]{2}|\\\\ud83d\\\\ude00){0,6}\"",
        Just("\"$serde_json::private::Number\"".to_string()),
    ]
}

fn doc() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        leaf().prop_filter("string", |s| s.starts_with('"')),
                        Just("\"k\"".to_string())
                    ],
                    inner.clone()
                ),
                0..5
            )
            .prop_map(|v| format!(
                "{{{}}}",
                v.into_iter()
                    .map(|(k, v)| format!("{k}:{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            (select_ws(), inner.clone(), select_ws()).prop_map(|(a, v, b)| format!("{a}{v}{b}")),
        ]
    })
}

fn select_ws() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "\n", "\r\n  ", "\t"])
}

fn edit(s: String) -> impl Strategy<Value = Vec<u8>> {
    let len = s.len();
    let special = prop::sample::select(vec![
        b'"', b'\\', b',', b'}', b']', b'{', b'[', b':', b' ', b'\n', b'0', b'-', b'e', b'.', b'u', b'n', 0xC3, 0xFF,
        0x01,
    ]);
    (0..4u8, 0..len.max(1), special, any::<u8>()).prop_map(move |(op, at, c, r)| {
        let mut b = s.clone().into_bytes();
        let c = if r % 3 == 0 { r } else { c };
        match op {
            0 if !b.is_empty() => b[at] = c,
            1 if !b.is_empty() => {
                b.remove(at);
            }
            2 => b.insert(at.min(b.len()), c),
            _ => b.truncate(at),
        }
        b
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6000))]

    #[test]
    fn documents(d in doc()) {
        same(d.as_bytes())?;
    }

    #[test]
    fn edited_documents(b in doc().prop_flat_map(edit)) {
        same(&b)?;
    }

    /// serde_json's number token is an ordinary key here, whatever follows it.
    #[test]
    fn number_token_is_an_ordinary_key(
        pre in prop::sample::select(vec!["", "", " ", "\\n", "+", "a"]),
        n in "-?(0|[0-9]{1,22})?(\\.[0-9]{0,3})?([eE][+-]?[0-9]{0,3})?",
        post in prop::sample::select(vec!["", "", "", " ", "\\n", "a", "\\n1."]),
        rest in "(,\"a\":1)?\\}?",
    ) {
        let d = format!("{{\"$serde_json::private::Number\":\"{pre}{n}{post}\"{rest}");
        same(d.as_bytes())?;
    }

    #[test]
    fn short_strings(s in "[ \\[\\]{}:,\"\\\\0-9.eE+\\-nultrfasu\\n]{0,12}") {
        same(s.as_bytes())?;
    }
}

#[test]
fn the_number_token_does_not_make_an_object_a_number() {
    let v = parse_value(br#"{"$serde_json::private::Number":"42"}"#).unwrap();
    assert_eq!(v, json!({ "$serde_json::private::Number": "42" }));
    // serde_json itself reads it as the number 42: the difference is ours.
    assert_eq!(serde_json::from_slice::<Value>(br#"{"$serde_json::private::Number":"42"}"#).unwrap().as_i64(), Some(42));
}

#[test]
fn fixed_cases() {
    let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let deep_bad = format!("{}{}", "[".repeat(128), "]".repeat(128));
    let cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   ".to_vec(),
        b"{\"a\":1,}".to_vec(),
        b"[1,]".to_vec(),
        b"{\"$serde_json::private::Number\":\"12.5e3\"}".to_vec(),
        b"{\"$serde_json::private::Number\":\"x\"}".to_vec(),
        b"{\"$serde_json::private::Number\":\"-\\n1.\"}".to_vec(),
        b"{\"$serde_json::private::Number\":\"-0\"}".to_vec(),
        b"{\"$serde_json::private::Number\":\"1E5\"}".to_vec(),
        b"{\"$serde_json::private::Number\":\"123456789012345678901234567890\"}".to_vec(),
        b"{\"$serde_json::private::Number\":\"\"}".to_vec(),
        b"{\"$serde_json::private::Number\":[1]}".to_vec(),
        b"{\"$serde_json::private::Number\":\"1\",\"a\":2}".to_vec(),
        b"{\"a\":1,\"$serde_json::private::Number\":\"1\"}".to_vec(),
        b"\"\\ud800\"".to_vec(),
        b"\"\\ud800\\u0041\"".to_vec(),
        b"\"\\udc00\"".to_vec(),
        b"\"a\xff\xfeb\"".to_vec(),
        b"\"\\n\xff\"".to_vec(),
        b"{\"a\":1,\"a\":2}".to_vec(),
        b"1E5".to_vec(),
        b"-0".to_vec(),
        b"\xEF\xBB\xBF{}".to_vec(),
        deep_ok.into_bytes(),
        deep_bad.into_bytes(),
    ];
    for c in cases {
        same(&c).unwrap();
    }
}
