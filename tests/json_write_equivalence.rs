#![cfg(not(target_arch = "wasm32"))]
//! `src/json_write.rs` against serde_json: for every type the client sends to
//! JavaScript, its `ToJson` text is byte for byte `serde_json::to_string` of
//! the same value (key order, omitted `None`s, `null`s, enum names, string
//! escapes); the request bodies are byte for byte what serde_json wrote
//! before (the old body structs, kept here with their derives).

use idv_edge::caisson::{
    self, Address, Assessment, Caisson, Confidence, Decision, ExchangeTokenResult, Finding, IdCheckResult, Info, Level,
    Reason, ReasonCategory, ReasonField, ReasonInfo,
};
use idv_edge::goldstar::{
    self, Answer, Goldstar, Person, Qualifier, QualifierCategory, QualifierInfo, Question, Severity, Status, VerifyOutcome,
};
use idv_edge::json_write::{to_json, write_i64, write_str, write_u64, ToJson};
use idv_edge::time::{is_calendar_date, parse_rfc3339_ms};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// `to_json(v)` equals `serde_json::to_string(v)`.
fn same<T: ToJson + Serialize>(v: &T) -> Result<(), TestCaseError> {
    let ours = to_json(v);
    let theirs = serde_json::to_string(v).unwrap();
    prop_assert_eq!(ours, theirs);
    Ok(())
}

fn check<T: ToJson + Serialize>(v: &T) {
    same(v).unwrap();
}

// --- strategies ---------------------------------------------------------

/// Any char, weighted toward the ones an escaper can get wrong.
fn ch() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::char::range('\u{0}', '\u{7f}'),
        2 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', '\u{8}', '\u{c}', '\n', '\r', '\t', '\u{0}', '\u{1f}', '\u{b}', '\u{80}', '\u{2028}', '\u{feff}']),
        1 => prop::char::range('\u{80}', '\u{7ff}'),
        1 => prop::char::range('\u{1f300}', '\u{1faff}'),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(ch(), 0..24).prop_map(String::from_iter)
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(vec![Level::Low, Level::Medium, Level::High])
}

const REASON_CATEGORIES: [ReasonCategory; 5] = [
    ReasonCategory::DataMismatch,
    ReasonCategory::Selfie,
    ReasonCategory::Document,
    ReasonCategory::Barcode,
    ReasonCategory::Unknown,
];
const REASON_FIELDS: [ReasonField; 5] =
    [ReasonField::Name, ReasonField::Dob, ReasonField::IdNumber, ReasonField::Sex, ReasonField::Address];
const DECISIONS: [Decision; 3] = [Decision::Approve, Decision::Review, Decision::Decline];
const STATUSES: [Status; 3] = [Status::Passed, Status::Failed, Status::Questions];
const QUALIFIER_CATEGORIES: [QualifierCategory; 13] = [
    QualifierCategory::DobAge,
    QualifierCategory::Ssn,
    QualifierCategory::Name,
    QualifierCategory::Address,
    QualifierCategory::ThinFile,
    QualifierCategory::Deceased,
    QualifierCategory::Watchlist,
    QualifierCategory::Fraud,
    QualifierCategory::Email,
    QualifierCategory::Phone,
    QualifierCategory::Document,
    QualifierCategory::Other,
    QualifierCategory::Unknown,
];
const SEVERITIES: [Severity; 3] = [Severity::HardStop, Severity::Signal, Severity::Info];

fn reason_category() -> impl Strategy<Value = ReasonCategory> {
    prop::sample::select(REASON_CATEGORIES.to_vec())
}

fn reason_field() -> impl Strategy<Value = Option<ReasonField>> {
    prop::option::of(prop::sample::select(REASON_FIELDS.to_vec()))
}

fn reason() -> impl Strategy<Value = Reason> {
    (any::<u16>(), text(), reason_category(), reason_field(), opt_text(), any::<bool>()).prop_map(
        |(code, description, category, field, user_action, retryable)| Reason {
            code,
            description,
            category,
            field,
            user_action,
            retryable,
        },
    )
}

fn reason_info() -> impl Strategy<Value = ReasonInfo> {
    (any::<u16>(), reason_category(), reason_field(), text(), opt_text(), any::<bool>()).prop_map(
        |(code, category, field, description, user_action, retryable)| ReasonInfo {
            code,
            category,
            field,
            description,
            user_action,
            retryable,
        },
    )
}

fn address() -> impl Strategy<Value = Address> {
    (text(), text(), text(), text()).prop_map(|(street, city, state, zip)| Address { street, city, state, zip })
}

fn id_check_result() -> impl Strategy<Value = IdCheckResult> {
    (
        (text(), text(), text()),
        (level(), level(), prop::option::of(prop::collection::vec(reason(), 0..4))),
        (text(), text(), opt_text(), opt_text(), opt_text(), prop::option::of(address())),
    )
        .prop_map(|((check_id, customer_id, checked_on), (document, face, reasons), (first_name, last_name, sex, dob, expires_on, address))| {
            IdCheckResult {
                check_id,
                customer_id,
                checked_on,
                confidence: Confidence { document, face, reasons },
                info: Info { first_name, last_name, sex, dob, expires_on, address },
            }
        })
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (
        prop::sample::select(DECISIONS.to_vec()),
        prop::collection::vec((text(), text()).prop_map(|(rule, detail)| Finding { rule, detail }), 0..4),
    )
        .prop_map(|(decision, findings)| Assessment { decision, findings })
}

fn qualifier_category() -> impl Strategy<Value = QualifierCategory> {
    prop::sample::select(QUALIFIER_CATEGORIES.to_vec())
}

fn severity() -> impl Strategy<Value = Severity> {
    prop::sample::select(SEVERITIES.to_vec())
}

fn qualifier() -> impl Strategy<Value = Qualifier> {
    (text(), text(), qualifier_category(), severity(), text()).prop_map(|(key, message, category, severity, meaning)| {
        Qualifier { key, message, category, severity, meaning }
    })
}

fn question() -> impl Strategy<Value = Question> {
    (text(), text(), prop::collection::vec(text(), 0..4)).prop_map(|(prompt, kind, choices)| Question { prompt, kind, choices })
}

fn outcome() -> impl Strategy<Value = VerifyOutcome> {
    (
        prop::sample::select(STATUSES.to_vec()),
        (text(), text(), text(), opt_text()),
        prop::collection::vec(qualifier(), 0..4),
        prop::collection::vec(question(), 0..3),
    )
        .prop_map(|(status, (id, key, message, summary), qualifiers, questions)| VerifyOutcome {
            status,
            id,
            key,
            message,
            summary,
            qualifiers,
            questions,
        })
}

// --- the result types -----------------------------------------------------

proptest! {
    #[test]
    fn strings_escape_as_serde_json(s in text()) {
        let mut ours = String::new();
        write_str(&mut ours, &s);
        prop_assert_eq!(ours, serde_json::to_string(&s).unwrap());
    }

    #[test]
    fn integers_as_serde_json(u in any::<u64>(), i in any::<i64>(), a in any::<u16>(), b in any::<u32>(), c in any::<i32>()) {
        let mut ours = String::new();
        write_u64(&mut ours, u);
        prop_assert_eq!(&ours, &serde_json::to_string(&u).unwrap());
        ours.clear();
        write_i64(&mut ours, i);
        prop_assert_eq!(&ours, &serde_json::to_string(&i).unwrap());
        same(&a)?;
        same(&b)?;
        same(&c)?;
    }

    #[test]
    fn id_check_result_as_serde_json(v in id_check_result()) {
        same(&v)?;
    }

    #[test]
    fn reason_and_reason_info_as_serde_json(r in reason(), i in reason_info()) {
        same(&r)?;
        same(&i)?;
    }

    #[test]
    fn exchange_token_result_as_serde_json(check_id in text()) {
        same(&ExchangeTokenResult { check_id })?;
    }

    #[test]
    fn assessment_as_serde_json(v in assessment()) {
        same(&v)?;
    }

    #[test]
    fn verify_outcome_as_serde_json(v in outcome()) {
        same(&v)?;
    }

    #[test]
    fn qualifier_info_as_serde_json(key in text(), category in qualifier_category(), severity in severity(), meaning in text()) {
        same(&QualifierInfo { key, category, severity, meaning })?;
    }
}

#[test]
fn every_enum_variant_as_serde_json() {
    for v in [Level::Low, Level::Medium, Level::High] {
        check(&v);
    }
    REASON_CATEGORIES.iter().for_each(check);
    REASON_FIELDS.iter().for_each(check);
    DECISIONS.iter().for_each(check);
    STATUSES.iter().for_each(check);
    QUALIFIER_CATEGORIES.iter().for_each(check);
    SEVERITIES.iter().for_each(check);
}

/// Each enum's `as_str()` (for a Rust caller, and what `ToJson` writes) is
/// serde's name for it, and its `Display` writes the same.
#[test]
fn every_as_str_is_the_serde_name() {
    fn same_name<T: Serialize + std::fmt::Display>(v: T, name: &str) {
        assert_eq!(serde_json::to_value(&v).unwrap(), serde_json::Value::from(name));
        assert_eq!(v.to_string(), name);
    }
    for v in [Level::Low, Level::Medium, Level::High] {
        same_name(v, v.as_str());
    }
    REASON_CATEGORIES.into_iter().for_each(|v| same_name(v, v.as_str()));
    REASON_FIELDS.into_iter().for_each(|v| same_name(v, v.as_str()));
    DECISIONS.into_iter().for_each(|v| same_name(v, v.as_str()));
    STATUSES.into_iter().for_each(|v| same_name(v, v.as_str()));
    QUALIFIER_CATEGORIES.into_iter().for_each(|v| same_name(v, v.as_str()));
    SEVERITIES.into_iter().for_each(|v| same_name(v, v.as_str()));
}

#[test]
fn edge_values_as_serde_json() {
    check(&Vec::<Reason>::new());
    check(&None::<String>);
    check(&Some(String::new()));
    for code in [0, 1, 9, 10, 99, 100, 999, u16::MAX] {
        check(&code);
    }
    for n in [i32::MIN, -1, 0, 1, 1900, i32::MAX] {
        check(&n);
    }
    check(&(0u8..0x80).map(char::from).collect::<String>());
}

/// Everything the client actually sends from its tables: every reason code,
/// every interpretation, every qualifier of the vocabulary.
#[test]
fn the_tables_as_serde_json() {
    for code in -1..=1000 {
        if let Some(info) = caisson::describe_reason(code) {
            check(&info);
        }
        if let Ok(c) = u16::try_from(code) {
            check(&caisson::interpret_reason(c, "a \"reason\"\n".to_string()));
        }
    }
    let reasons = caisson::reason_interpretations();
    assert_eq!(reasons.len(), caisson::REASON_INTERPRETATIONS);
    reasons.iter().for_each(check);
    let qualifiers = goldstar::qualifier_interpretations();
    assert_eq!(qualifiers.len(), goldstar::QUALIFIER_INTERPRETATIONS);
    qualifiers.iter().for_each(check);
    for key in goldstar::QUALIFIER_KEYS {
        check(&goldstar::describe_qualifier(key).unwrap());
        check(&goldstar::interpret_qualifier(key.to_string(), "m".to_string()));
    }
    check(&goldstar::interpret_qualifier("resultcode.not.a.key".to_string(), String::new()));
}

/// Results the validators produce from real-shaped bodies.
#[test]
fn parsed_results_as_serde_json() {
    let h: idv_edge::Headers = [("Content-Type", "application/json")].into_iter().collect();
    let id_check = br#"{"check_id":"chk_priv_x","customer_id":"c\u00e9 \"1\"","checked_on":"2024-01-01T00:00:00Z",
        "confidence":{"document":"medium","face":"low","reasons":[{"code":101,"description":"name \\ mismatch"},{"code":999,"description":"\u0001"}]},
        "info":{"first_name":"Zo\u00eb","last_name":"\ud83d\ude00","dob":"1990-01-01T00:00:00Z","address":{"street":"1 \/ St","city":"x","state":"CA","zip":"1"}}}"#;
    let r = caisson::parse_id_check(200, &h, id_check).unwrap();
    check(&r);
    let p = caisson::Policy { expected_customer_id: Some("other".into()), max_age_seconds: Some(1.0), ..Default::default() };
    check(&caisson::assess(&r, &p, parse_rfc3339_ms("2026-01-01T00:00:00Z").unwrap()));
    let token = caisson::parse_exchange_token(200, &h, br#"{"check_id":"chk_priv_abc"}"#).unwrap();
    check(&token);
    let outcome = br#"{"Id":123456789012345678901234567890,"Key":"id.failure","Message":"\t","Summary":"s",
        "Qualifiers":[{"Key":"resultcode.ssn.does.not.match","Message":"\""}],
        "Questions":[{"Prompt":"p","Type":"city.of.residence","Choices":[{"Text":"A"},{"Text":"B \u2028"}]}]}"#;
    let o = goldstar::parse_verify_identity(200, &h, outcome).unwrap();
    assert!(!o.questions.is_empty() || !o.qualifiers.is_empty());
    check(&o);
}

// --- the request bodies ---------------------------------------------------

/// The verify-identity body as it was serialized before (serde derive).
#[derive(Serialize, Deserialize)]
struct OldIdentityBody {
    firstname: String,
    lastname: String,
    address: String,
    city: String,
    state: String,
    zip: String,
    #[serde(rename = "taxpayerID")]
    taxpayer_id: String,
    #[serde(rename = "birthMonth")]
    birth_month: u32,
    #[serde(rename = "birthDay")]
    birth_day: u32,
    #[serde(rename = "birthYear")]
    birth_year: i32,
}

#[derive(Serialize, Deserialize)]
struct OldAnswersBody {
    id: String,
    answers: Vec<OldAnswerBody>,
}

#[derive(Serialize, Deserialize)]
struct OldAnswerBody {
    #[serde(rename = "type")]
    kind: String,
    text: String,
}

fn gs() -> Goldstar {
    Goldstar::new("k-123", "qaservices.goldstartrust.com", None, &[]).unwrap()
}

fn now() -> i64 {
    parse_rfc3339_ms("2026-06-15T12:00:00Z").unwrap()
}

/// Request text: any chars but control characters (the builders refuse
/// those), at least one non-blank; surrounding spaces (trimmed by the builder).
fn request_text(max: usize) -> impl Strategy<Value = String> {
    let c = ch().prop_filter("no control characters", |c| !idv_edge::checks::has_control(c.encode_utf8(&mut [0; 4])));
    (prop::collection::vec(c, 1..max), "[ ]{0,2}")
        .prop_map(|(v, pad)| format!("{pad}{}{pad}", String::from_iter(v)))
        .prop_filter("not blank", |s| !idv_edge::checks::is_blank(s))
}

fn person() -> impl Strategy<Value = Person> {
    (
        (request_text(40), request_text(40), request_text(40), request_text(40)),
        (prop::sample::select(vec!["ca", "NY", " dc ", "Pr"]), prop::sample::select(vec!["30301", "30301-1234", "303011234"])),
        prop::sample::select(vec!["123-45-6789", "123456789"]),
        (1900i32..=2026, 1u32..=12, 1u32..=31)
            .prop_filter("a real past date", |&(y, m, d)| is_calendar_date(y, m as u8, d as u8) && (y, m, d) <= (2026, 6, 15)),
    )
        .prop_map(|((firstname, lastname, address, city), (state, zip), ssn, (y, m, d))| Person {
            firstname,
            lastname,
            address,
            city,
            state: state.to_string(),
            zip: zip.to_string(),
            taxpayer_id: ssn.to_string(),
            birth_month: m,
            birth_day: d,
            birth_year: y,
        })
}

proptest! {
    /// The body is serde_json's text of the old struct, holding the person's values.
    #[test]
    fn verify_identity_body_is_as_before(p in person()) {
        let req = gs().verify_identity_request(&p, now()).unwrap();
        let body = req.body.unwrap();
        let old: OldIdentityBody = serde_json::from_slice(&body).unwrap();
        prop_assert_eq!(&serde_json::to_vec(&old).unwrap(), &body);
        prop_assert_eq!(old.firstname.as_str(), p.firstname.trim_matches(' '));
        prop_assert_eq!(old.lastname.as_str(), p.lastname.trim_matches(' '));
        prop_assert_eq!(old.address.as_str(), p.address.trim_matches(' '));
        prop_assert_eq!(old.city.as_str(), p.city.trim_matches(' '));
        prop_assert_eq!(old.state, p.state.trim_matches(' ').to_ascii_uppercase());
        prop_assert_eq!(old.zip.replace('-', ""), p.zip.replace('-', ""));
        prop_assert_eq!(old.taxpayer_id, "123456789");
        prop_assert_eq!((old.birth_year, old.birth_month, old.birth_day), (p.birth_year, p.birth_month, p.birth_day));
    }

    #[test]
    fn verify_answers_body_is_as_before(
        id in "[A-Za-z0-9_-]{1,64}",
        answers in prop::collection::vec((request_text(20), request_text(20)), 1..5),
    ) {
        let answers: Vec<Answer> = answers.into_iter().map(|(kind, text)| Answer { kind, text }).collect();
        let req = gs().verify_answers_request(&id, &answers, None).unwrap();
        let old = OldAnswersBody {
            id: id.clone(),
            answers: answers.iter().map(|a| OldAnswerBody { kind: a.kind.clone(), text: a.text.clone() }).collect(),
        };
        prop_assert_eq!(req.body.unwrap(), serde_json::to_vec(&old).unwrap());
    }

    #[test]
    fn exchange_token_body_is_as_before(token in "[A-Za-z0-9_-]{1,256}") {
        prop_assume!(!token.starts_with(caisson::CHECK_ID_PREFIX));
        let c = Caisson::new("prod_sec_KEYzz7Qw3rT9yU1iO5pA2sD4fG6hJ8kL0zXcVbN", None).unwrap();
        let req = c.exchange_token_request(&token).unwrap();
        let before = serde_json::json!({ "check_exchange_token": token }).to_string().into_bytes();
        prop_assert_eq!(req.body.unwrap(), before);
    }
}

/// The enums without a serde name: `Display` writes `as_str()`, which
/// their `parse` reads back.
#[test]
fn display_of_the_other_enums_reads_back() {
    use idv_edge::caisson::OptionalField;
    use idv_edge::{Api, ErrorCode, Method};
    for f in OptionalField::ALL {
        assert_eq!(OptionalField::parse(&f.to_string()), Some(f));
    }
    for m in [Method::Get, Method::Post] {
        assert_eq!(Method::parse(&m.to_string()), Some(m));
    }
    assert_eq!(Method::Post.to_string(), "POST");
    assert_eq!(Api::Goldstar.to_string(), "goldstar");
    assert_eq!(format!("{}", ErrorCode::PendingReview), "PENDING_REVIEW");
    for s in idv_edge::sandbox::ScenarioState::ALL {
        assert_eq!(idv_edge::sandbox::ScenarioState::parse(&s.to_string()), Some(s));
    }
}
